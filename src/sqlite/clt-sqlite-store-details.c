/* clt-sqlite-store-details.c — what a page of customers carries besides
 * their rows: groups and custom field values, read for the whole page at
 * once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include "clt-sql-vardict.h"
#include "clt-sqlite-store-private.h"

/* Custom field values, serialized {{{ */

/* The custom fields in their order (position, key), and the values of the
 * customer being read, one slot per field: the values come in key order
 * (the primary key's), without a join or a sort in SQL. A customer's
 * texts are kept in one buffer, and a key is found by stepping through
 * the keys in their order: a hash lookup, a copy and a free per value
 * were ~0.5 M instructions of a page of 100 customers with twenty
 * fields. */
typedef struct
{
  gboolean  set;
  double    number;
  guint8    flag;
  gsize     text_at;    /* in Fields.texts */
  gsize     text_len;
} Slot;

typedef struct
{
  GPtrArray  *keys;
  GArray     *types;    /* CltCustomFieldType */
  GHashTable *ranks;    /* key → index into @keys, plus one */
  guint      *by_key;   /* indices into @keys, in the keys' byte order */
  guint       next;     /* into @by_key: where the customer's next key is looked for */
  GString    *texts;    /* the texts of the customer being read */
  Slot       *slots;
} Fields;

static void
fields_clear (Fields *fields)
{
  g_clear_pointer (&fields->slots, g_free);
  if (fields->texts != NULL)
    g_string_free (g_steal_pointer (&fields->texts), TRUE);
  g_clear_pointer (&fields->by_key, g_free);
  g_clear_pointer (&fields->ranks, g_hash_table_unref);
  g_clear_pointer (&fields->types, g_array_unref);
  g_clear_pointer (&fields->keys, g_ptr_array_unref);
}

/* @sql prepared for @db, or kept by @reader when there is one: either
 * way given back when @owned or @kept goes out of scope. */
static sqlite3_stmt *
details_prepare (CltSqliteStore  *self,
                 sqlite3         *db,
                 Reader          *reader,
                 const char      *sql,
                 sqlite3_stmt   **owned,
                 ReaderStmt     **kept,
                 GError         **error)
{
  if (reader == NULL)
    return *owned = prepare (self, db, sql, error);

  return *kept = reader_prepare (self, reader, sql, error);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  GPtrArray *keys = user_data;

  return strcmp (g_ptr_array_index (keys, *(const guint *) a),
                 g_ptr_array_index (keys, *(const guint *) b));
}

static gboolean
fields_init (CltSqliteStore *self,
             sqlite3        *db,
             Reader         *reader,
             Fields         *fields,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) owned = NULL;
  g_autoptr(ReaderStmt) kept = NULL;
  sqlite3_stmt *stmt;
  int rc;

  fields->keys = g_ptr_array_new_with_free_func (g_free);
  fields->types = g_array_new (FALSE, FALSE, sizeof (int));
  fields->ranks = g_hash_table_new (g_str_hash, g_str_equal);
  fields->slots = NULL;

  stmt = details_prepare (self, db, reader, "SELECT key, type FROM custom_fields WHERE purging = 0"
                          " ORDER BY position, key",
                          &owned, &kept, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *key = g_strdup (column_text (stmt, 0));
      int type = sqlite3_column_int (stmt, 1);

      g_ptr_array_add (fields->keys, key);
      g_array_append_val (fields->types, type);
      g_hash_table_insert (fields->ranks, key, GUINT_TO_POINTER (fields->keys->len));
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  fields->by_key = g_new (guint, MAX (fields->keys->len, 1));
  for (guint i = 0; i < fields->keys->len; i++)
    fields->by_key[i] = i;
  g_qsort_with_data (fields->by_key, fields->keys->len, sizeof (guint), compare_keys, fields->keys);
  fields->next = 0;
  fields->texts = g_string_sized_new (256);
  fields->slots = g_new0 (Slot, MAX (fields->keys->len, 1));
  return TRUE;
}

/* The rank (index plus one) of the field @key, 0 for none. The customer's
 * values come in key order: the key is most often the one after the
 * last; one that is not (a field that no longer exists, or any order
 * the rows may come in) is looked up. */
static guint
fields_rank (Fields     *fields,
             const char *key)
{
  while (fields->next < fields->keys->len)
    {
      guint index = fields->by_key[fields->next];
      int cmp = strcmp (g_ptr_array_index (fields->keys, index), key);

      if (cmp > 0)
        break;
      fields->next++;
      if (cmp == 0)
        return index + 1;
    }

  return GPOINTER_TO_UINT (g_hash_table_lookup (fields->ranks, key));
}

/* Keeps the value in @column of @stmt for the field @key, read by the
 * field's type. A value of a field that no longer exists is left out. */
static void
fields_take (Fields       *fields,
             const char   *key,
             sqlite3_stmt *stmt,
             int           column)
{
  guint rank = fields_rank (fields, key);
  Slot *slot;

  if (rank == 0)
    return;

  slot = &fields->slots[rank - 1];
  slot->set = TRUE;
  switch (g_array_index (fields->types, int, rank - 1))
    {
    case CLT_CUSTOM_FIELD_NUMBER:
      slot->number = sqlite3_column_double (stmt, column);
      break;

    case CLT_CUSTOM_FIELD_BOOLEAN:
      slot->flag = sqlite3_column_int (stmt, column) != 0;
      break;

    case CLT_CUSTOM_FIELD_STRING:
    case CLT_CUSTOM_FIELD_DATE:
    default:
      {
        const char *text = column_text (stmt, column);
        const char *end = NULL;

        /* A string with a nul inside is not a GVariant string: up to
         * the nul, and only valid UTF-8. */
        slot->text_at = fields->texts->len;
        slot->text_len = g_utf8_validate (text, -1, &end) ? (gsize) (end - text) : 0;
        g_string_append_len (fields->texts, text, (gssize) slot->text_len);
      }
      break;
    }
}

/* The kept values as an a{sv} in the fields' order (floating); the slots
 * are empty again. */
static GVariant *
fields_end (Fields        *fields,
            CltSqlVardict *vardict)
{
  for (guint i = 0; i < fields->keys->len; i++)
    {
      Slot *slot = &fields->slots[i];
      const char *key = g_ptr_array_index (fields->keys, i);

      if (!slot->set)
        continue;

      switch (g_array_index (fields->types, int, i))
        {
        case CLT_CUSTOM_FIELD_NUMBER:
          clt_sql_vardict_add (vardict, key, 'd', &slot->number, sizeof slot->number);
          break;

        case CLT_CUSTOM_FIELD_BOOLEAN:
          clt_sql_vardict_add (vardict, key, 'b', &slot->flag, 1);
          break;

        case CLT_CUSTOM_FIELD_STRING:
        case CLT_CUSTOM_FIELD_DATE:
        default:
          clt_sql_vardict_add (vardict, key, 's', fields->texts->str + slot->text_at,
                               slot->text_len);
          break;
        }
      slot->set = FALSE;
    }
  g_string_truncate (fields->texts, 0);
  fields->next = 0;

  return clt_sql_vardict_end (vardict);
}

/* }}} */

/* Groups and custom field values for a page of customers, in two queries
 * instead of two per row; @reader (may be NULL) keeps the statements. */
gboolean
fill_customer_details (CltSqliteStore *self,
                       sqlite3        *db,
                       Reader         *reader,
                       GPtrArray      *customers,
                       GArray         *pks,
                       GError        **error)
{
  g_autoptr(GHashTable) by_pk = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *json = NULL;
  g_autoptr(sqlite3_stmt) own_groups = NULL;
  g_autoptr(sqlite3_stmt) own_fields = NULL;
  g_autoptr(ReaderStmt) kept_groups = NULL;
  g_autoptr(ReaderStmt) kept_fields = NULL;
  sqlite3_stmt *groups;
  sqlite3_stmt *fields;
  int rc;

  if (customers->len == 0)
    return TRUE;

  for (guint i = 0; i < pks->len; i++)
    {
      gint64 *pk = &g_array_index (pks, gint64, i);

      g_hash_table_insert (by_pk, pk, g_ptr_array_index (customers, i));
    }
  json = pks_to_json (pks);

  groups = details_prepare (self, db, reader,
                            "SELECT customer_pk, group_code FROM customer_groups"
                            " WHERE customer_pk IN (SELECT value FROM json_each (?))"
                            " ORDER BY customer_pk, group_code",
                            &own_groups, &kept_groups, error);
  if (groups == NULL)
    return FALSE;
  bind_static_text (groups, 1, json);

  {
    g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
    gint64 current = -1;

    for (;;)
      {
        gint64 pk = -1;

        rc = sqlite3_step (groups);
        if (rc == SQLITE_ROW)
          pk = sqlite3_column_int64 (groups, 0);
        else if (rc != SQLITE_DONE)
          {
            set_db_error (self, error, db, rc);
            return FALSE;
          }

        if (pk != current && current != -1)
          {
            CltCustomer *customer = g_hash_table_lookup (by_pk, &current);

            g_ptr_array_add (codes, NULL);
            if (customer != NULL)
              clt_customer_set_groups (customer, (const char * const *) codes->pdata);
            g_ptr_array_set_size (codes, 0);
          }

        if (rc == SQLITE_DONE)
          break;

        current = pk;
        g_ptr_array_add (codes, g_strdup (column_text (groups, 1)));
      }
  }

  fields = details_prepare (self, db, reader,
                            "SELECT customer_pk, field_key, value FROM customer_field_values"
                            " WHERE customer_pk IN (SELECT value FROM json_each (?))"
                            " ORDER BY customer_pk, field_key",
                            &own_fields, &kept_fields, error);
  if (fields == NULL)
    return FALSE;
  bind_static_text (fields, 1, json);

  {
    Fields order = { 0 };
    CltSqlVardict vardict;
    gint64 current = -1;

    if (!fields_init (self, db, reader, &order, error))
      {
        fields_clear (&order);
        return FALSE;
      }

    clt_sql_vardict_init (&vardict);
    for (;;)
      {
        gint64 pk = -1;

        rc = sqlite3_step (fields);
        if (rc == SQLITE_ROW)
          pk = sqlite3_column_int64 (fields, 0);
        else if (rc != SQLITE_DONE)
          {
            clt_sql_vardict_clear (&vardict);
            fields_clear (&order);
            set_db_error (self, error, db, rc);
            return FALSE;
          }

        if (pk != current && current != -1)
          {
            CltCustomer *customer = g_hash_table_lookup (by_pk, &current);
            GVariant *dict = g_variant_ref_sink (fields_end (&order, &vardict));

            /* Only values of fields that were deleted: no dict, as before. */
            if (customer != NULL && g_variant_n_children (dict) > 0)
              clt_customer_set_custom_fields (customer, dict);
            g_variant_unref (dict);
          }

        if (rc == SQLITE_DONE)
          break;

        current = pk;
        fields_take (&order, column_text (fields, 1), fields, 2);
      }
    clt_sql_vardict_clear (&vardict);
    fields_clear (&order);
  }

  return TRUE;
}
