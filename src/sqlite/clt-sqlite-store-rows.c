/* clt-sqlite-store-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Customer rows as CltCustomer objects: by a statement, or by rowid in a
 * given order (a page whose rowids a walk found).
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include "clt-sqlite-store-private.h"

static CltCustomer *
read_customer (sqlite3_stmt *stmt)
{
  CltCustomer *customer = clt_customer_new ();
  g_autoptr(GDateTime) registered = column_date_time (stmt, COL_REGISTERED);
  g_autoptr(GDateTime) updated = column_date_time (stmt, COL_UPDATED);
  g_autoptr(GDateTime) last_login = column_date_time (stmt, COL_LAST_LOGIN);
  g_autoptr(GDateTime) anonymized_at = column_date_time (stmt, COL_ANONYMIZED_AT);
  g_auto(GStrv) roles = split_lines (column_text (stmt, COL_ROLES));

  clt_customer_set_id (customer, column_text (stmt, COL_ID));
  clt_customer_set_number (customer, column_text (stmt, COL_NUMBER));
  clt_customer_set_email (customer, column_text (stmt, COL_EMAIL));
  clt_customer_set_salutation (customer, column_text (stmt, COL_SALUTATION));
  clt_customer_set_title (customer, column_text (stmt, COL_TITLE));
  clt_customer_set_first_name (customer, column_text (stmt, COL_FIRST_NAME));
  clt_customer_set_middle_name (customer, column_text (stmt, COL_MIDDLE_NAME));
  clt_customer_set_last_name (customer, column_text (stmt, COL_LAST_NAME));
  clt_customer_set_gender (customer, sqlite3_column_int (stmt, COL_GENDER));
  clt_customer_set_date_of_birth (customer, column_text (stmt, COL_DATE_OF_BIRTH));
  clt_customer_set_phone (customer, column_text (stmt, COL_PHONE));
  clt_customer_set_company (customer, column_text (stmt, COL_COMPANY));
  clt_customer_set_locale (customer, column_text (stmt, COL_LOCALE));
  clt_customer_set_currency (customer, column_text (stmt, COL_CURRENCY));
  clt_customer_set_preferred_site (customer, column_text (stmt, COL_PREFERRED_SITE));
  clt_customer_set_restriction (customer, column_text (stmt, COL_RESTRICTION));
  clt_customer_set_active (customer, sqlite3_column_int (stmt, COL_ACTIVE) != 0);
  clt_customer_set_on_hold (customer, sqlite3_column_int (stmt, COL_ON_HOLD) != 0);
  clt_customer_set_verified (customer, sqlite3_column_int (stmt, COL_VERIFIED) != 0);
  clt_customer_set_registered (customer, registered);
  clt_customer_set_updated (customer, updated);
  clt_customer_set_last_login (customer, last_login);
  clt_customer_set_anonymized_at (customer, anonymized_at);
  clt_customer_set_default_billing_address (customer, column_text (stmt, COL_DEFAULT_BILLING));
  clt_customer_set_default_shipping_address (customer, column_text (stmt, COL_DEFAULT_SHIPPING));
  clt_customer_set_zip_code (customer, column_text (stmt, COL_ZIP_CODE));
  clt_customer_set_city (customer, column_text (stmt, COL_CITY));
  clt_customer_set_country (customer, column_text (stmt, COL_COUNTRY));
  clt_customer_set_company_id (customer, column_text (stmt, COL_COMPANY_ID));
  clt_customer_set_business_unit (customer, column_text (stmt, COL_BUSINESS_UNIT));
  clt_customer_set_roles (customer, (const char * const *) roles);
  clt_customer_set_version (customer, sqlite3_column_int64 (stmt, COL_VERSION));

  return customer;
}

gboolean
select_customers (CltSqliteStore *self,
                  sqlite3        *db,
                  sqlite3_stmt   *stmt,
                  GPtrArray     **out,
                  GError        **error)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) pks = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CltCustomer *customer = read_customer (stmt);
      gint64 pk = sqlite3_column_int64 (stmt, COL_PK);

      clt_customer_set_loaded (customer, TRUE);
      g_ptr_array_add (customers, customer);
      g_array_append_val (pks, pk);
    }

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  if (!fill_customer_details (self, db, NULL, customers, pks, error))
    return FALSE;

  *out = g_steal_pointer (&customers);
  return TRUE;
}

/* The rows of @pks, in that order, by one statement: a lookup by rowid
 * per row, each followed by sqlite3_reset (), cost ~6k instructions a row
 * in the reset alone (closing the statement's cursors), 7 % of a page of
 * 100 at a million customers. The rows come in rowid order and are put
 * back in the page's. */
gboolean
fetch_customers (CltSqliteStore *self,
                 Reader         *reader,
                 GArray         *pks,
                 GPtrArray     **out,
                 GError        **error)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_full (pks->len, g_object_unref);
  g_autoptr(GHashTable) by_pk = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       g_object_unref);
  g_autoptr(ReaderStmt) stmt = NULL;
  g_autofree char *json = NULL;
  sqlite3 *db = reader->db;
  int rc;

  if (pks->len == 0)
    {
      *out = g_steal_pointer (&customers);
      return TRUE;
    }

  json = pks_to_json (pks);

  stmt = reader_prepare (self, reader, "SELECT " CUSTOMER_COLUMNS " FROM customers c"
                         " WHERE c.pk IN (SELECT value FROM json_each (?))", error);
  if (stmt == NULL)
    return FALSE;
  bind_static_text (stmt, 1, json);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CltCustomer *customer = read_customer (stmt);
      gint64 pk = sqlite3_column_int64 (stmt, COL_PK);

      clt_customer_set_loaded (customer, TRUE);
      g_hash_table_insert (by_pk, g_memdup2 (&pk, sizeof pk), customer);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  for (guint i = 0; i < pks->len; i++)
    {
      CltCustomer *customer = g_hash_table_lookup (by_pk, &g_array_index (pks, gint64, i));

      if (customer == NULL)
        {
          g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                       _("The customer no longer exists."));
          return FALSE;
        }
      g_ptr_array_add (customers, g_object_ref (customer));
    }

  if (!fill_customer_details (self, db, reader, customers, pks, error))
    return FALSE;

  *out = g_steal_pointer (&customers);
  return TRUE;
}
