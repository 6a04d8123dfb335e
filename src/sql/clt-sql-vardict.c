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
 */

#include "config.h"

#include <string.h>

#include "clt-sql-vardict.h"

void
clt_sql_vardict_init (CltSqlVardict *vardict)
{
  vardict->data = g_byte_array_sized_new (512);
  vardict->ends = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 32);
}

void
clt_sql_vardict_clear (CltSqlVardict *vardict)
{
  g_clear_pointer (&vardict->data, g_byte_array_unref);
  g_clear_pointer (&vardict->ends, g_array_unref);
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

/* Grows @data by @n zero bytes; returns where they start. */
static guint8 *
grow (GByteArray *data,
      gsize       n)
{
  gsize at = data->len;

  /* An empty array may have no buffer yet: no pointer from it, no
   * memset () of NULL (callers ignore the start of zero bytes). */
  if (n == 0)
    return NULL;
  g_byte_array_set_size (data, at + n);
  memset (data->data + at, 0, n);
  return data->data + at;
}

void
clt_sql_vardict_add (CltSqlVardict *vardict,
                     const char    *key,
                     char           type,
                     gconstpointer  value,
                     gsize          size)
{
  GByteArray *data = vardict->data;
  gsize key_size = strlen (key) + 1;
  gsize value_at = (key_size + 7) & ~(gsize) 7;
  /* A string's nul is a zero byte after it. */
  gsize value_size = type == 's' ? size + 1 : size;
  gsize body = value_at + value_size + 2;   /* the value, a nul, the type */
  guint width = offset_size (body, 1);
  guint8 *entry;
  gsize end;

  /* Entries start 8-aligned (the alignment of "v"); padding is zeros. */
  grow (data, ((data->len + 7) & ~(gsize) 7) - data->len);
  entry = grow (data, body + width);
  memcpy (entry, key, key_size);
  if (size > 0)
    memcpy (entry + value_at, value, size);
  entry[value_at + value_size + 1] = (guint8) type;
  write_offset (entry + body, key_size, width);

  end = data->len;
  g_array_append_val (vardict->ends, end);
}

GVariant *
clt_sql_vardict_end (CltSqlVardict *vardict)
{
  GByteArray *data = vardict->data;
  GArray *ends = vardict->ends;
  guint size = offset_size (data->len, ends->len);
  guint8 *offsets = grow (data, (gsize) size * ends->len);
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < ends->len; i++)
    write_offset (offsets + (gsize) size * i, g_array_index (ends, gsize, i), size);

  bytes = g_byte_array_free_to_bytes (data);
  vardict->data = g_byte_array_sized_new (512);
  g_array_set_size (ends, 0);
  return g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, TRUE);
}
