/* clt-pg-store-rows.c — customers as they come out of the database: a
 * row into a CltCustomer, with its groups and custom field values, either
 * for the rows of a shared part's statement (two more queries for the
 * whole page) or for a listed page, which reads rows, groups and values in
 * one statement (pgs_page_sql ()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-pg-store"

#include "config.h"

#include "clt-pg-store-private.h"
#include "clt-sql-vardict.h"

static CltCustomer *
read_customer (CltSqlStmt *stmt)
{
  CltCustomer *customer = clt_customer_new ();
  g_autoptr(GDateTime) registered = sql_column_date_time (stmt, COL_REGISTERED);
  g_autoptr(GDateTime) updated = sql_column_date_time (stmt, COL_UPDATED);
  g_autoptr(GDateTime) last_login = sql_column_date_time (stmt, COL_LAST_LOGIN);
  g_autoptr(GDateTime) anonymized_at = sql_column_date_time (stmt, COL_ANONYMIZED_AT);
  g_auto(GStrv) roles = sql_split_lines (sql_column_text (stmt, COL_ROLES));

  clt_customer_set_id (customer, sql_column_text (stmt, COL_ID));
  clt_customer_set_number (customer, sql_column_text (stmt, COL_NUMBER));
  clt_customer_set_email (customer, sql_column_text (stmt, COL_EMAIL));
  clt_customer_set_salutation (customer, sql_column_text (stmt, COL_SALUTATION));
  clt_customer_set_title (customer, sql_column_text (stmt, COL_TITLE));
  clt_customer_set_first_name (customer, sql_column_text (stmt, COL_FIRST_NAME));
  clt_customer_set_middle_name (customer, sql_column_text (stmt, COL_MIDDLE_NAME));
  clt_customer_set_last_name (customer, sql_column_text (stmt, COL_LAST_NAME));
  clt_customer_set_gender (customer, clt_sql_column_int (stmt, COL_GENDER));
  clt_customer_set_date_of_birth (customer, sql_column_text (stmt, COL_DATE_OF_BIRTH));
  clt_customer_set_phone (customer, sql_column_text (stmt, COL_PHONE));
  clt_customer_set_company (customer, sql_column_text (stmt, COL_COMPANY));
  clt_customer_set_locale (customer, sql_column_text (stmt, COL_LOCALE));
  clt_customer_set_currency (customer, sql_column_text (stmt, COL_CURRENCY));
  clt_customer_set_preferred_site (customer, sql_column_text (stmt, COL_PREFERRED_SITE));
  clt_customer_set_restriction (customer, sql_column_text (stmt, COL_RESTRICTION));
  clt_customer_set_active (customer, clt_sql_column_int (stmt, COL_ACTIVE) != 0);
  clt_customer_set_on_hold (customer, clt_sql_column_int (stmt, COL_ON_HOLD) != 0);
  clt_customer_set_verified (customer, clt_sql_column_int (stmt, COL_VERIFIED) != 0);
  clt_customer_set_registered (customer, registered);
  clt_customer_set_updated (customer, updated);
  clt_customer_set_last_login (customer, last_login);
  clt_customer_set_anonymized_at (customer, anonymized_at);
  clt_customer_set_default_billing_address (customer, sql_column_text (stmt, COL_DEFAULT_BILLING));
  clt_customer_set_default_shipping_address (customer, sql_column_text (stmt, COL_DEFAULT_SHIPPING));
  clt_customer_set_zip_code (customer, sql_column_text (stmt, COL_ZIP_CODE));
  clt_customer_set_city (customer, sql_column_text (stmt, COL_CITY));
  clt_customer_set_country (customer, sql_column_text (stmt, COL_COUNTRY));
  clt_customer_set_company_id (customer, sql_column_text (stmt, COL_COMPANY_ID));
  clt_customer_set_business_unit (customer, sql_column_text (stmt, COL_BUSINESS_UNIT));
  clt_customer_set_roles (customer, (const char * const *) roles);
  clt_customer_set_version (customer, clt_sql_column_int64 (stmt, COL_VERSION));

  return customer;
}

/* Groups and custom field values for a page of customers, in two queries
 * instead of two per row. */
static gboolean
fill_customer_details (CltPgStore *self,
                       PgConn        *db,
                       GPtrArray      *customers,
                       GArray         *pks,
                       GError        **error)
{
  g_autoptr(GHashTable) by_pk = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GString) json = g_string_new ("{");
  g_autoptr(CltSqlStmt) groups = NULL;
  g_autoptr(CltSqlStmt) fields = NULL;
  int rc;

  if (customers->len == 0)
    return TRUE;

  for (guint i = 0; i < pks->len; i++)
    {
      gint64 *pk = &g_array_index (pks, gint64, i);

      g_hash_table_insert (by_pk, pk, g_ptr_array_index (customers, i));
      g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", *pk);
    }
  g_string_append_c (json, '}');

  groups = pgs_prepare (self, db,
                    "SELECT customer_pk, group_code FROM customer_groups"
                    " WHERE customer_pk = ANY (?::bigint[])"
                    " ORDER BY customer_pk, group_code",
                    error);
  if (groups == NULL)
    return FALSE;
  sql_bind_static_text (groups, 1, json->str);

  {
    g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
    gint64 current = -1;

    for (;;)
      {
        gint64 pk = -1;

        rc = clt_sql_step (groups);
        if (rc == CLT_SQL_ROW)
          pk = clt_sql_column_int64 (groups, 0);
        else if (rc != CLT_SQL_DONE)
          {
            pgs_set_db_error (self, error, db, rc);
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

        if (rc == CLT_SQL_DONE)
          break;

        current = pk;
        g_ptr_array_add (codes, g_strdup (sql_column_text (groups, 1)));
      }
  }

  fields = pgs_prepare (self, db,
                    "SELECT v.customer_pk, v.field_key, f.type, v.value"
                    " FROM customer_field_values v"
                    " JOIN custom_fields f ON f.key = v.field_key AND f.purging = 0"
                    " WHERE v.customer_pk = ANY (?::bigint[])"
                    " ORDER BY v.customer_pk, f.position, f.key",
                    error);
  if (fields == NULL)
    return FALSE;
  sql_bind_static_text (fields, 1, json->str);

  {
    g_autoptr(GVariantBuilder) builder = NULL;
    gint64 current = -1;

    for (;;)
      {
        gint64 pk = -1;
        GVariant *value = NULL;

        rc = clt_sql_step (fields);
        if (rc == CLT_SQL_ROW)
          pk = clt_sql_column_int64 (fields, 0);
        else if (rc != CLT_SQL_DONE)
          {
            pgs_set_db_error (self, error, db, rc);
            return FALSE;
          }

        if (pk != current && builder != NULL)
          {
            CltCustomer *customer = g_hash_table_lookup (by_pk, &current);
            GVariant *dict = g_variant_builder_end (builder);

            g_variant_ref_sink (dict);
            if (customer != NULL)
              clt_customer_set_custom_fields (customer, dict);
            g_variant_unref (dict);
            g_clear_pointer (&builder, g_variant_builder_unref);
          }

        if (rc == CLT_SQL_DONE)
          break;

        current = pk;
        if (builder == NULL)
          builder = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);

        switch (clt_sql_column_int (fields, 2))
          {
          case CLT_CUSTOM_FIELD_NUMBER:
            value = g_variant_new_double (clt_sql_column_double (fields, 3));
            break;
          case CLT_CUSTOM_FIELD_BOOLEAN:
            value = g_variant_new_boolean (clt_sql_column_int (fields, 3) != 0);
            break;
          case CLT_CUSTOM_FIELD_STRING:
          case CLT_CUSTOM_FIELD_DATE:
          default:
            value = g_variant_new_string (sql_column_text (fields, 3));
            break;
          }
        /* By value, not by format string: parsing "{sv}" for each of a
         * page's ~1,000 values was a third of a list request's time. */
        g_variant_builder_add_value (builder,
                                     g_variant_new_dict_entry (g_variant_new_string (sql_column_text (fields, 1)),
                                                               g_variant_new_variant (value)));
      }
  }

  return TRUE;
}


gboolean
pgs_select_rows (CltPgStore  *self,
                 PgConn      *db,
                 CltSqlStmt  *stmt,
                 GPtrArray  **out,
                 GError     **error)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) pks = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = clt_sql_step (stmt)) == CLT_SQL_ROW)
    {
      CltCustomer *customer = read_customer (stmt);
      gint64 pk = clt_sql_column_int64 (stmt, COL_PK);

      clt_customer_set_loaded (customer, TRUE);
      g_ptr_array_add (customers, customer);
      g_array_append_val (pks, pk);
    }

  if (rc != CLT_SQL_DONE)
    {
      pgs_set_db_error (self, error, db, rc);
      return FALSE;
    }

  if (!fill_customer_details (self, db, customers, pks, error))
    return FALSE;

  *out = g_steal_pointer (&customers);
  return TRUE;
}

/* CltSqlStoreClass.select_customers: the shared parts' statements come as
 * libpq's own. */
gboolean
pgs_select_customers (CltPgStore  *self,
                      PgConn      *db,
                      PgStmt      *native,
                      GPtrArray  **out,
                      GError     **error)
{
  CltSqlStmt stmt = { &clt_pg_engine, native };

  return pgs_select_rows (self, db, &stmt, out, error);
}

/* A listed page in one statement {{{ */

/* The page's groups and custom field values come as one text column
 * each, every item length-prefixed ("<bytes>:<text>"; a value after its
 * key), so that any text survives: a page of 50 customers with some
 * twenty values each was 1,000 rows of a join with custom_fields and a
 * sort, about 4 ms of the database's time, and as many rows to read
 * here. Both texts are kept per customer by the database
 * (customer_page_details, schema version 4), values in key order; the
 * fields' order (position, key) and types come from PgFields, read once
 * per snapshot version. */
#define PAGE_SQL_FORMAT \
  "SELECT " CUSTOMER_COLUMNS "," \
  " d.groups, d.fields" \
  " FROM unnest (ARRAY (%s)) WITH ORDINALITY AS p (pk, i)" \
  " JOIN customers c ON c.pk = p.pk" \
  " LEFT JOIN customer_page_details d ON d.customer_pk = c.pk ORDER BY p.i"

enum {
  COL_PAGE_GROUPS = COL_VERSION + 1,
  COL_PAGE_FIELDS,
};

struct _PgFields
{
  GPtrArray  *keys;     /* in their order (position, key) */
  GArray     *types;    /* int: CltCustomFieldType */
  GHashTable *ranks;    /* key → index into @keys, plus one */
};

void
pgs_fields_free (PgFields *fields)
{
  g_clear_pointer (&fields->ranks, g_hash_table_unref);
  g_clear_pointer (&fields->types, g_array_unref);
  g_clear_pointer (&fields->keys, g_ptr_array_unref);
  g_free (fields);
}

static PgFields *
reader_fields (CltPgStore  *self,
               Reader      *reader,
               GError     **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  PgFields *fields;
  int rc;

  if (reader->fields != NULL)
    return reader->fields;

  stmt = pgs_prepare (self, reader->db, "SELECT key, type FROM custom_fields WHERE purging = 0"
                      " ORDER BY position, key",
                      error);
  if (stmt == NULL)
    return NULL;

  fields = g_new0 (PgFields, 1);
  fields->keys = g_ptr_array_new_with_free_func (g_free);
  fields->types = g_array_new (FALSE, FALSE, sizeof (int));
  fields->ranks = g_hash_table_new (g_str_hash, g_str_equal);
  while ((rc = clt_sql_step (stmt)) == CLT_SQL_ROW)
    {
      char *key = g_strdup (sql_column_text (stmt, 0));
      int type = clt_sql_column_int (stmt, 1);

      g_ptr_array_add (fields->keys, key);
      g_array_append_val (fields->types, type);
      g_hash_table_insert (fields->ranks, key, GUINT_TO_POINTER (fields->keys->len));
    }
  if (rc != CLT_SQL_DONE)
    {
      pgs_fields_free (fields);
      pgs_set_db_error (self, error, reader->db, rc);
      return NULL;
    }

  reader->fields = fields;
  return fields;
}

/* The next "<bytes>:<text>" of @at (before @end): FALSE at the end or on
 * anything else. */
static gboolean
next_item (const char **at,
           const char  *end,
           const char **text,
           gsize       *length)
{
  const char *p = *at;
  gsize n = 0;

  if (p >= end || !g_ascii_isdigit (*p))
    return FALSE;
  while (p < end && g_ascii_isdigit (*p))
    n = n * 10 + (gsize) (*p++ - '0');
  if (p >= end || *p != ':' || n > (gsize) (end - p - 1))
    return FALSE;

  *text = p + 1;
  *length = n;
  *at = p + 1 + n;
  return TRUE;
}

static void
set_page_groups (CltCustomer *customer,
                 const char  *text)
{
  g_autoptr(GPtrArray) codes = NULL;
  const char *end;
  const char *code;
  gsize length;

  if (text == NULL)
    return;

  codes = g_ptr_array_new_with_free_func (g_free);
  end = text + strlen (text);
  while (next_item (&text, end, &code, &length))
    g_ptr_array_add (codes, g_strndup (code, length));
  g_ptr_array_add (codes, NULL);
  clt_customer_set_groups (customer, (const char * const *) codes->pdata);
}

typedef struct
{
  const char *text;
  gsize       length;
} Slot;

/* A number or flag of @length bytes at @text, as pg_column_int64 () and
 * pg_column_double () read a column. */
static double
slot_double (const Slot *slot)
{
  if (slot->length == 1 && slot->text[0] == 't')
    return 1;
  if (slot->length == 1 && slot->text[0] == 'f')
    return 0;
  return pg_parse_double (slot->text, slot->length);
}

static void
set_page_fields (CltCustomer *customer,
                 PgFields    *fields,
                 Slot        *slots,
                 const char  *text)
{
  CltSqlVardict vardict;
  const char *end;
  const char *key;
  gsize key_length;
  gboolean any = FALSE;

  if (text == NULL)
    return;

  end = text + strlen (text);
  memset (slots, 0, sizeof (Slot) * fields->keys->len);
  while (next_item (&text, end, &key, &key_length))
    {
      char name[128];
      g_autofree char *long_name = NULL;
      Slot value;
      guint rank;

      if (!next_item (&text, end, &value.text, &value.length))
        break;
      if (key_length < sizeof name)
        {
          memcpy (name, key, key_length);
          name[key_length] = '\0';
          rank = GPOINTER_TO_UINT (g_hash_table_lookup (fields->ranks, name));
        }
      else
        {
          long_name = g_strndup (key, key_length);
          rank = GPOINTER_TO_UINT (g_hash_table_lookup (fields->ranks, long_name));
        }
      /* A value of a field that no longer exists is left out. */
      if (rank == 0)
        continue;
      slots[rank - 1] = value;
      any = TRUE;
    }
  if (!any)
    return;

  clt_sql_vardict_init (&vardict);
  for (guint i = 0; i < fields->keys->len; i++)
    {
      const char *name = g_ptr_array_index (fields->keys, i);
      Slot *slot = &slots[i];

      if (slot->text == NULL)
        continue;

      switch (g_array_index (fields->types, int, i))
        {
        case CLT_CUSTOM_FIELD_NUMBER:
          {
            double number = slot_double (slot);

            clt_sql_vardict_add (&vardict, name, 'd', &number, sizeof number);
          }
          break;

        case CLT_CUSTOM_FIELD_BOOLEAN:
          {
            guint8 flag = (gint64) slot_double (slot) != 0;

            clt_sql_vardict_add (&vardict, name, 'b', &flag, 1);
          }
          break;

        case CLT_CUSTOM_FIELD_STRING:
        case CLT_CUSTOM_FIELD_DATE:
        default:
          clt_sql_vardict_add (&vardict, name, 's', slot->text, slot->length);
          break;
        }
    }

  {
    g_autoptr(GVariant) dict = g_variant_ref_sink (clt_sql_vardict_end (&vardict));

    clt_customer_set_custom_fields (customer, dict);
  }
  clt_sql_vardict_clear (&vardict);
}

/* The statement that reads the page whose pks @pks_sql selects, in its
 * order, with the customers' groups and custom field values. */
char *
pgs_page_sql (const char *pks_sql)
{
  return g_strdup_printf (PAGE_SQL_FORMAT, pks_sql);
}

/* A page of a walk along the index of a sort column that holds no NULL:
 * the row at the page's offset is found in the index alone, and the
 * page's rows are read from there along the same index, rather than each
 * looked up by its pk (50 descents of customers_pkey, as many buffers
 * looked up again: with the texts' 50, B-tree descents were a quarter of
 * the database's time per list request at 1,000,000 customers, warm:
 * 572 buffers, 0.64 ms for a page, here 392 and 0.46 ms). The texts
 * come as in PAGE_SQL_FORMAT. The page's size is in the text: a generic
 * plan that does not know it guesses a third of the table, joins the
 * texts by merging all million of them and compiles itself (JIT), 0.7 s.
 * @where (the filter's conditions) is in the statement twice, @start (the
 * anchor's condition, or "") once: parameters the filter's, the
 * anchor's, the OFFSET, the filter's again.
 *
 * Unless @skip: a page that starts at @start itself (at its anchor, or
 * the first page) is read along the index from there in one scan, whose
 * order is the page's: no row to skip, and no sort of the page's rows
 * (50 rows of about 1 KB each copied into a sort and out again).
 * Parameters the filter's and the anchor's. */
char *
pgs_walk_page_sql (const char *column,
                   const char *where,
                   const char *start,
                   gboolean    descending,
                   gboolean    skip,
                   guint       limit)
{
  const char *dir = descending ? "DESC" : "ASC";

  if (!skip)
    return g_strdup_printf ("SELECT " CUSTOMER_COLUMNS ", d.groups, d.fields"
                            " FROM (SELECT * FROM customers c WHERE c.listed = 1%s%s"
                            "       ORDER BY %s %s, c.pk %s LIMIT %u) c"
                            " LEFT JOIN customer_page_details d ON d.customer_pk = c.pk"
                            " ORDER BY %s %s, c.pk %s",
                            where, start, column, dir, dir, limit,
                            column, dir, dir);

  return g_strdup_printf ("SELECT " CUSTOMER_COLUMNS ", d.groups, d.fields"
                          " FROM (SELECT %s AS k, c.pk FROM customers c WHERE c.listed = 1%s%s"
                          "       ORDER BY %s %s, c.pk %s LIMIT 1 OFFSET ?) s,"
                          " LATERAL (SELECT * FROM customers c"
                          "          WHERE c.listed = 1%s AND (%s, c.pk) %s (s.k, s.pk)"
                          "          ORDER BY %s %s, c.pk %s LIMIT %u) c"
                          " LEFT JOIN customer_page_details d ON d.customer_pk = c.pk"
                          " ORDER BY %s %s, c.pk %s",
                          column, where, start, column, dir, dir,
                          where, column, descending ? "<=" : ">=",
                          column, dir, dir, limit,
                          column, dir, dir);
}

/* The customers of @stmt, made from pgs_page_sql (). */
gboolean
pgs_read_page (CltPgStore  *self,
               Reader      *reader,
               CltSqlStmt  *stmt,
               GPtrArray  **out,
               GError     **error)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree Slot *slots = NULL;
  PgFields *fields;
  int rc;

  fields = reader_fields (self, reader, error);
  if (fields == NULL)
    return FALSE;
  slots = g_new0 (Slot, MAX (fields->keys->len, 1));

  while ((rc = clt_sql_step (stmt)) == CLT_SQL_ROW)
    {
      CltCustomer *customer = read_customer (stmt);

      clt_customer_set_loaded (customer, TRUE);
      set_page_groups (customer, sql_column_text (stmt, COL_PAGE_GROUPS));
      set_page_fields (customer, fields, slots, sql_column_text (stmt, COL_PAGE_FIELDS));
      g_ptr_array_add (customers, customer);
    }

  if (rc != CLT_SQL_DONE)
    {
      pgs_set_db_error (self, error, reader->db, rc);
      return FALSE;
    }

  *out = g_steal_pointer (&customers);
  return TRUE;
}

/* }}} */
