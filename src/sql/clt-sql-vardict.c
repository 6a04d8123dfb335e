/* clt-sql-vardict.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page carries some twenty custom field values per customer: built
 * through GVariantBuilder ("{sv}") each costs four GVariants, a format
 * parsed and a tree freed again, about half the CPU time of a page. The
 * a{sv} is written here in GVariant's serialized normal form instead (one
 * buffer per customer), as the GVariant specification lays it out: each
 * {sv} entry 8-aligned, its key's end as the entry's one framing offset,
 * the array's framing offsets (each entry's end) after the last entry,
 * offsets little-endian and as wide as the container's size needs.
 *
 * The entries go into one buffer kept from customer to customer, each
 * byte written once: growing a GByteArray (and zeroing) twice per entry
 * and a new array per customer were ~0.5 M instructions of a page of 100
 * customers with twenty fields (callgrind, 1,000,000 customers).
 */

#include "config.h"

#include <string.h>

#include "clt-sql-vardict.h"

void
clt_sql_vardict_init (CltSqlVardict *vardict)
{
  vardict->allocated = 512;
  vardict->data = g_malloc (vardict->allocated);
  vardict->len = 0;
  vardict->ends_allocated = 32;
  vardict->ends = g_new (gsize, vardict->ends_allocated);
  vardict->n_ends = 0;
}

void
clt_sql_vardict_clear (CltSqlVardict *vardict)
{
  g_clear_pointer (&vardict->data, g_free);
  g_clear_pointer (&vardict->ends, g_free);
  vardict->len = vardict->allocated = 0;
  vardict->n_ends = vardict->ends_allocated = 0;
}

/* The width of a container's framing offsets, by the size of its body
 * and how many offsets it has (gvs_calculate_total_size ()). */
static guint
offset_size (gsize body,
             gsize n_offsets)
{
  if (body + n_offsets <= G_MAXUINT8)
    return 1;
  if (body + 2 * n_offsets <= G_MAXUINT16)
    return 2;
  if (body + 4 * n_offsets <= G_MAXUINT32)
    return 4;
  return 8;
}

static void
write_offset (guint8 *at,
              gsize   offset,
              guint   size)
{
  for (guint i = 0; i < size; i++)
    at[i] = (offset >> (8 * i)) & 0xff;
}

/* Room for @n more bytes after the data; returns where they start (not
 * zeroed: every byte is written by the caller). */
static guint8 *
reserve (CltSqlVardict *vardict,
         gsize          n)
{
  if (vardict->len + n > vardict->allocated)
    {
      vardict->allocated = MAX (2 * vardict->allocated, vardict->len + n);
      vardict->data = g_realloc (vardict->data, vardict->allocated);
    }

  return vardict->data + vardict->len;
}

void
clt_sql_vardict_add (CltSqlVardict *vardict,
                     const char    *key,
                     char           type,
                     gconstpointer  value,
                     gsize          size)
{
  gsize key_size = strlen (key) + 1;
  gsize value_at = (key_size + 7) & ~(gsize) 7;
  /* A string's nul is a zero byte after it. */
  gsize value_size = type == 's' ? size + 1 : size;
  gsize body = value_at + value_size + 2;   /* the value, a nul, the type */
  guint width = offset_size (body, 1);
  /* Entries start 8-aligned (the alignment of "v"); padding is zeros. */
  gsize padding = ((vardict->len + 7) & ~(gsize) 7) - vardict->len;
  guint8 *entry = reserve (vardict, padding + body + width);

  memset (entry, 0, padding);
  entry += padding;
  memcpy (entry, key, key_size);
  memset (entry + key_size, 0, value_at - key_size);
  if (size > 0)
    memcpy (entry + value_at, value, size);
  if (type == 's')
    entry[value_at + size] = 0;
  entry[value_at + value_size] = 0;
  entry[value_at + value_size + 1] = (guint8) type;
  write_offset (entry + body, key_size, width);
  vardict->len += padding + body + width;

  if (vardict->n_ends == vardict->ends_allocated)
    {
      vardict->ends_allocated = MAX (2 * vardict->ends_allocated, 32);
      vardict->ends = g_renew (gsize, vardict->ends, vardict->ends_allocated);
    }
  vardict->ends[vardict->n_ends++] = vardict->len;
}

GVariant *
clt_sql_vardict_end (CltSqlVardict *vardict)
{
  guint size = offset_size (vardict->len, vardict->n_ends);
  guint8 *offsets = reserve (vardict, (gsize) size * vardict->n_ends);
  g_autoptr(GBytes) bytes = NULL;

  for (gsize i = 0; i < vardict->n_ends; i++)
    write_offset (offsets + (gsize) size * i, vardict->ends[i], size);

  /* A copy of the exact size (malloc ()'s alignment is the 8 GVariant
   * wants); the buffer is kept for the next dictionary. */
  bytes = g_bytes_new (vardict->data, vardict->len + (gsize) size * vardict->n_ends);
  vardict->len = 0;
  vardict->n_ends = 0;
  return g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, TRUE);
}
