/* test-sqlite-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sqlite-store"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "clt-address.h"
#include "clt-backoffice-user.h"
#include "clt-customer.h"
#include "clt-group.h"
#include "clt-import-report.h"
#include "clt-order.h"
#include "clt-query.h"
#include "clt-sample-generator.h"
#include "clt-sample-loader.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"
#include "clt-sqlite-schema.h"
#include "clt-sqlite-store.h"
#include "clt-sqlite-store-private.h"

#include "sqlite-store-util.h"
#include "sqlite-test-util.h"
#include "unprivileged.h"

/* CltSqliteStore opening, migrating and refusing databases, change
 * notifications, details and cancellation, and the sample generator. The
 * search, sort, paging and filter tests are in test-sqlite-query.c. */

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *nested = g_build_filename (fixture->dir, "a", "b", "customers.db", NULL);
  g_autofree char *journal_mode = NULL;
  g_autofree char *location = NULL;
  CltSqliteStore *store;

  store = open_store (nested);
  g_assert_false (clt_store_get_read_only (CLT_STORE (store)));
  location = clt_store_dup_location (CLT_STORE (store));
  g_assert_cmpstr (location, ==, nested);
  g_assert_cmpstr (clt_sqlite_store_get_path (store), ==, nested);
  g_assert_cmpuint (count (store, NULL), ==, 0);

  g_assert_cmpint (pragma_int (nested, "user_version"), ==, CLT_SQLITE_SCHEMA_VERSION);
  g_assert_cmpint (pragma_int (nested, "application_id"), ==, CLT_SQLITE_APPLICATION_ID);
  journal_mode = pragma_text (nested, "journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");

  close_store (store);
}

static void
test_async_open (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store;

  clt_sqlite_store_new_async (fixture->path, NULL, on_result_cb, &result);
  store = clt_sqlite_store_new_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (CLT_IS_SQLITE_STORE (store));
  /* The result holds the store as its source object. */
  g_clear_object (&result);
  close_store (store);
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store;

  store = open_store (fixture->path);
  g_assert_true (load_sample (store, 50, 1, &error));
  g_assert_no_error (error);
  close_store (store);

  store = open_store (fixture->path);
  g_assert_cmpuint (count (store, NULL), ==, 50);
  close_store (store);

  g_assert_cmpint (pragma_int (fixture->path, "user_version"), ==, CLT_SQLITE_SCHEMA_VERSION);
}

static void
test_migrate_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *empty_sqlite = g_build_filename (fixture->dir, "empty-sqlite.db", NULL);
  CltSqliteStore *store;

  /* A zero-byte file. */
  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  store = open_store (fixture->path);
  g_assert_cmpuint (count (store, NULL), ==, 0);
  close_store (store);
  g_assert_cmpint (pragma_int (fixture->path, "user_version"), ==, CLT_SQLITE_SCHEMA_VERSION);

  /* An SQLite file with nothing in it (user_version 0, no tables). */
  exec_on_file (empty_sqlite, "PRAGMA page_size = 4096; VACUUM;");
  g_assert_cmpint (pragma_int (empty_sqlite, "user_version"), ==, 0);
  store = open_store (empty_sqlite);
  g_assert_cmpuint (count (store, NULL), ==, 0);
  close_store (store);
  g_assert_cmpint (pragma_int (empty_sqlite, "user_version"), ==, CLT_SQLITE_SCHEMA_VERSION);
  g_assert_cmpint (pragma_int (empty_sqlite, "application_id"), ==, CLT_SQLITE_APPLICATION_ID);
}

static void
test_refuse_text (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *text = "name,email\nJürgen Müller,j@example.de\n";
  g_autofree char *short_file = g_build_filename (fixture->dir, "short.db", NULL);

  g_assert_true (g_file_set_contents (fixture->path, text, -1, NULL));
  assert_refused (fixture->path, CLT_SQLITE_ERROR_NOT_A_DATABASE, -1);

  g_assert_true (g_file_set_contents (short_file, "SQLite format 3", 16, NULL));
  assert_refused (short_file, CLT_SQLITE_ERROR_NOT_A_DATABASE, -1);
}

static void
test_refuse_foreign (Fixture       *fixture,
                     gconstpointer  data)
{
  exec_on_file (fixture->path,
                "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                "INSERT INTO moz_places (url) VALUES ('https://example.org/');");
  assert_refused (fixture->path, CLT_SQLITE_ERROR_FOREIGN, -1);

  /* Someone else's application id, even without tables. */
  g_remove (fixture->path);
  exec_on_file (fixture->path, "PRAGMA application_id = 1234; CREATE TABLE t (x); DROP TABLE t;");
  assert_refused (fixture->path, CLT_SQLITE_ERROR_FOREIGN, -1);
}

static void
test_refuse_too_new (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store;

  store = open_store (fixture->path);
  g_assert_true (load_sample (store, 10, 1, &error));
  close_store (store);

  exec_on_file (fixture->path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999;");
  assert_refused (fixture->path, CLT_SQLITE_ERROR_TOO_NEW, -1);

  store = NULL;
  {
    g_autoptr(CltSqliteStore) refused = clt_sqlite_store_new (fixture->path, NULL, &error);

    g_assert_null (refused);
    g_assert_error (error, CLT_SQLITE_ERROR, CLT_SQLITE_ERROR_TOO_NEW);
    g_assert_nonnull (strstr (error->message, "newer version of Clientele"));
  }
}

static void
test_refuse_damaged (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *garbled = g_build_filename (fixture->dir, "garbled.db", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store;
  const guint8 *contents;
  gsize length;
  guint8 *copy;

  store = open_store (fixture->path);
  g_assert_true (load_sample (store, 300, 3, &error));
  g_assert_no_error (error);
  close_store (store);
  exec_on_file (fixture->path, "PRAGMA journal_mode = DELETE;");

  bytes = read_file (fixture->path);
  contents = g_bytes_get_data (bytes, &length);
  g_assert_cmpuint (length, >, 64 * 1024);

  /* Truncated to half its size. */
  g_assert_true (g_file_set_contents (fixture->path, (const char *) contents, length / 2, NULL));
  assert_refused (fixture->path, CLT_SQLITE_ERROR_CORRUPT, CLT_SQLITE_ERROR_NOT_A_DATABASE);

  /* Full size, but pages in the middle overwritten with garbage. */
  copy = g_memdup2 (contents, length);
  for (gsize i = 8192; i < length - 8192; i++)
    copy[i] = (guint8) (i * 7919 >> 3);
  g_assert_true (g_file_set_contents (garbled, (const char *) copy, length, NULL));
  g_free (copy);
  assert_refused (garbled, CLT_SQLITE_ERROR_CORRUPT, CLT_SQLITE_ERROR_NOT_A_DATABASE);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store;

  if (run_unprivileged ("/clt/sqlite-store/read-only"))
    return;

  store = open_store (fixture->path);
  g_assert_true (load_sample (store, 20, 1, &error));
  close_store (store);

  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);

  store = open_store (fixture->path);
  g_assert_true (clt_store_get_read_only (CLT_STORE (store)));
  g_assert_cmpuint (count (store, NULL), ==, 20);

  g_assert_false (load_sample (store, 5, 2, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  people = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (people, make_customer ("x", "A", "B", "a@b.example", "", "1", "C", "DE"));
  g_assert_false (import (store, people, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY);

  g_assert_cmpuint (count (store, NULL), ==, 20);
  close_store (store);

  /* A folder that cannot be written either: no -shm can be created. */
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  store = open_store (fixture->path);
  g_assert_true (clt_store_get_read_only (CLT_STORE (store)));
  g_assert_cmpuint (count (store, NULL), ==, 20);
  close_store (store);
  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);
}
static void
assert_same_customer (CltCustomer *a,
                      CltCustomer *b)
{
  g_assert_cmpstr (clt_customer_get_id (a), ==, clt_customer_get_id (b));
  g_assert_cmpstr (clt_customer_get_number (a), ==, clt_customer_get_number (b));
  g_assert_cmpstr (clt_customer_get_email (a), ==, clt_customer_get_email (b));
  g_assert_cmpstr (clt_customer_get_first_name (a), ==, clt_customer_get_first_name (b));
  g_assert_cmpstr (clt_customer_get_last_name (a), ==, clt_customer_get_last_name (b));
  g_assert_cmpstr (clt_customer_get_city (a), ==, clt_customer_get_city (b));
  g_assert_cmpstr (clt_customer_get_zip_code (a), ==, clt_customer_get_zip_code (b));
  g_assert_true (g_date_time_equal (clt_customer_get_registered (a),
                                    clt_customer_get_registered (b)));
}

static void
test_generator (void)
{
  g_autoptr(CltSampleGenerator) one = clt_sample_generator_new (42);
  g_autoptr(CltSampleGenerator) two = clt_sample_generator_new (42);
  g_autoptr(CltSampleGenerator) other = clt_sample_generator_new (43);
  g_autoptr(GPtrArray) a = clt_sample_generator_next_n (one, 5000);
  g_autoptr(GPtrArray) b = clt_sample_generator_next_n (two, 5000);
  g_autoptr(GPtrArray) c = clt_sample_generator_next_n (other, 50);
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) emails = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) countries = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_same_as_other = 0;
  guint n_company = 0;
  guint n_non_ascii = 0;

  for (guint i = 0; i < a->len; i++)
    {
      CltCustomer *customer = g_ptr_array_index (a, i);
      GPtrArray *addresses = clt_customer_get_import_addresses (customer);
      GPtrArray *orders = clt_customer_get_import_orders (customer);
      const char *last = clt_customer_get_last_name (customer);

      assert_same_customer (customer, g_ptr_array_index (b, i));

      g_assert_true (g_str_has_prefix (clt_customer_get_number (customer), "CUST-"));
      g_assert_false (g_hash_table_contains (numbers, clt_customer_get_number (customer)));
      g_hash_table_add (numbers, (gpointer) clt_customer_get_number (customer));
      g_assert_false (g_hash_table_contains (emails, clt_customer_get_email (customer)));
      g_hash_table_add (emails, (gpointer) clt_customer_get_email (customer));
      g_hash_table_add (countries, (gpointer) clt_customer_get_country (customer));

      g_assert_true (g_utf8_validate (last, -1, NULL));
      g_assert_nonnull (strchr (clt_customer_get_email (customer), '@'));
      g_assert_cmpuint (addresses->len, >=, 1);
      g_assert_cmpuint (addresses->len, <=, 3);
      g_assert_cmpuint (orders->len, <=, 8);
      g_assert_cmpuint (strlen (clt_customer_get_currency (customer)), ==, 3);
      g_assert_cmpstr (clt_customer_get_preferred_site (customer), !=, "");
      for (guint j = 0; j < orders->len; j++)
        g_assert_cmpint (clt_order_get_total (g_ptr_array_index (orders, j)), >, 0);

      n_company += clt_customer_get_company (customer)[0] != '\0';
      for (const char *p = last; *p != '\0'; p++)
        if ((guchar) *p >= 0x80)
          {
            n_non_ascii++;
            break;
          }
    }

  /* Numbers are not sequential: neighbours share no obvious step. */
  g_assert_cmpstr (clt_customer_get_number (g_ptr_array_index (a, 0)), !=,
                   clt_customer_get_number (g_ptr_array_index (a, 1)));

  for (guint i = 0; i < c->len; i++)
    n_same_as_other += g_str_equal (clt_customer_get_email (g_ptr_array_index (a, i)),
                                    clt_customer_get_email (g_ptr_array_index (c, i)));
  g_assert_cmpuint (n_same_as_other, <, 5);

  g_assert_cmpuint (g_hash_table_size (countries), >=, 10);
  g_assert_cmpuint (n_company, >, a->len / 5);
  g_assert_cmpuint (n_company, <, a->len * 2 / 5);
  g_assert_cmpuint (n_non_ascii, >, a->len / 10);
}

static void
test_sample_deterministic (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  CltSqliteStore *one = open_store (fixture->path);
  CltSqliteStore *two = open_store (other_path);

  g_assert_true (load_sample (one, 300, 99, &error));
  g_assert_true (load_sample (two, 300, 99, &error));
  g_assert_no_error (error);

  first = list (one, query, 0, 300);
  second = list (two, query, 0, 300);
  g_assert_cmpuint (first->len, ==, 300);
  for (guint i = 0; i < first->len; i++)
    assert_same_customer (g_ptr_array_index (first, i), g_ptr_array_index (second, i));

  /* A second load adds new customers instead of clashing. */
  g_assert_true (load_sample (one, 300, 99, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (one, NULL), ==, 600);

  close_store (one);
  close_store (two);
}

static void
on_changed_cb (CltStore      *store,
               CltChangeKind  kind,
               const char    *id,
               gpointer       user_data)
{
  guint *n_changed = user_data;

  /* Loading sample data saves sites and groups too. */
  if (kind != CLT_CHANGE_CUSTOMERS)
    return;

  g_assert_null (id);
  (*n_changed)++;
}

static void
test_changed (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  CltSqliteStore *store = open_store (fixture->path);
  guint n_changed = 0;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &n_changed);

  g_assert_true (load_sample (store, 20, 1, &error));
  while (n_changed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_changed, ==, 1);

  g_ptr_array_add (people, make_customer ("x1", "Ada", "Lovelace", "ada@example.org", "", "NW1 6XE",
                                          "London", "GB"));
  g_assert_true (import (store, people, &error));
  while (n_changed == 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_changed, ==, 2);

  /* An import that refuses its one row (the same customer again)
   * changes nothing. */
  report = import_report (store, people, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, 0);
  g_assert_cmpuint (clt_import_report_get_n_refused (report), ==, 1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_cmpuint (count (store, NULL), ==, 21);

  close_store (store);
}

static void
test_details (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  CltSqliteStore *store = open_store (fixture->path);
  CltCustomer *row;
  CltAddress *billing = NULL;
  guint total_orders = 0;
  guint n_grouped = 0;

  g_assert_true (load_sample (store, 200, 21, &error));
  g_assert_no_error (error);

  page = list (store, query, 0, 200);
  for (guint i = 0; i < page->len; i++)
    {
      row = g_ptr_array_index (page, i);
      g_assert_true (clt_customer_get_loaded (row));
      g_assert_cmpstr (clt_customer_get_email (row), !=, "");
      g_assert_cmpstr (clt_customer_get_country (row), !=, "");
      g_assert_cmpstr (clt_customer_get_city (row), !=, "");
      g_assert_cmpstr (clt_customer_get_zip_code (row), !=, "");
      g_assert_nonnull (clt_customer_get_registered (row));
      g_assert_cmpint (clt_customer_get_version (row), >=, 1);
      n_grouped += clt_customer_get_groups (row)[0] != NULL;
    }
  /* Groups come back with the page (about a third of the sample has one). */
  g_assert_cmpuint (n_grouped, >, 20);

  row = g_ptr_array_index (page, 0);

  clt_store_get_customer_async (CLT_STORE (store), clt_customer_get_id (row), NULL,
                                on_result_cb, &result);
  customer = clt_store_get_customer_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  assert_same_customer (customer, row);
  g_clear_object (&result);

  clt_store_list_addresses_async (CLT_STORE (store), clt_customer_get_id (row), NULL,
                                  on_result_cb, &result);
  addresses = clt_store_list_addresses_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (addresses->len, >=, 1);
  for (guint i = 0; i < addresses->len; i++)
    {
      CltAddress *address = g_ptr_array_index (addresses, i);

      g_assert_cmpstr (clt_address_get_customer_id (address), ==, clt_customer_get_id (row));
      if (g_str_equal (clt_address_get_id (address),
                       clt_customer_get_default_billing_address (row)))
        billing = address;
    }
  /* The table's zip, city and country are those of the default billing address. */
  g_assert_nonnull (billing);
  g_assert_cmpstr (clt_address_get_zip_code (billing), ==, clt_customer_get_zip_code (row));
  g_assert_cmpstr (clt_address_get_city (billing), ==, clt_customer_get_city (row));
  g_assert_cmpstr (clt_address_get_country (billing), ==, clt_customer_get_country (row));
  g_clear_object (&result);

  for (guint i = 0; i < page->len; i++)
    {
      g_autoptr(GPtrArray) some = NULL;

      clt_store_list_orders_async (CLT_STORE (store),
                                   clt_customer_get_id (g_ptr_array_index (page, i)), NULL,
                                   on_result_cb, &result);
      some = clt_store_list_orders_finish (CLT_STORE (store), wait_for (&result), &error);
      g_assert_no_error (error);
      total_orders += some->len;
      for (guint j = 1; j < some->len; j++)
        {
          CltOrder *newer = g_ptr_array_index (some, j - 1);
          CltOrder *older = g_ptr_array_index (some, j);

          g_assert_cmpint (g_date_time_compare (clt_order_get_created (newer),
                                                clt_order_get_created (older)), >=, 0);
        }
      if (i == 0)
        orders = g_steal_pointer (&some);
      g_clear_object (&result);
    }
  g_assert_cmpuint (total_orders, >, 100);

  clt_store_list_notes_async (CLT_STORE (store), clt_customer_get_id (row), NULL,
                              on_result_cb, &result);
  notes = clt_store_list_notes_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 0);
  g_clear_object (&result);

  clt_store_list_sites_async (CLT_STORE (store), NULL, on_result_cb, &result);
  sites = clt_store_list_sites_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, >=, 5);
  g_assert_cmpstr (clt_site_get_code (g_ptr_array_index (sites, 0)), ==, "de-shop");
  g_assert_cmpstr (clt_site_get_storefront_url (g_ptr_array_index (sites, 0)), ==,
                   "https://de.shop.example/");
  g_clear_object (&result);

  clt_store_list_groups_async (CLT_STORE (store), NULL, on_result_cb, &result);
  groups = clt_store_list_groups_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, >=, 3);
  g_clear_object (&result);

  clt_store_list_custom_fields_async (CLT_STORE (store), NULL, on_result_cb, &result);
  fields = clt_store_list_custom_fields_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 0);
  g_clear_object (&result);

  clt_store_list_companies_async (CLT_STORE (store), NULL, on_result_cb, &result);
  companies = clt_store_list_companies_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  clt_store_get_preferences_async (CLT_STORE (store), NULL, on_result_cb, &result);
  preferences = clt_store_get_preferences_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_shop_preferences_get_default_currency (preferences), ==, "EUR");
  g_assert_cmpstr (clt_shop_preferences_get_customer_number_prefix (preferences), ==, "CUST-");
  g_assert_true (clt_shop_preferences_get_customer_active_on_creation (preferences));
  g_clear_object (&result);

  clt_store_get_current_user_async (CLT_STORE (store), NULL, on_result_cb, &result);
  user = clt_store_get_current_user_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_backoffice_user_get_username (user), ==, g_get_user_name ());
  g_assert_cmpint (clt_backoffice_user_get_role (user), ==, CLT_ROLE_ADMIN);
  g_clear_object (&result);

  /* Unknown customers are NOT_FOUND, not empty lists. */
  clt_store_get_customer_async (CLT_STORE (store), "no-such-id", NULL, on_result_cb, &result);
  g_assert_null (clt_store_get_customer_finish (CLT_STORE (store), wait_for (&result), &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  clt_store_list_addresses_async (CLT_STORE (store), "no-such-id", NULL, on_result_cb, &result);
  g_assert_null (clt_store_list_addresses_finish (CLT_STORE (store), wait_for (&result), &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  close_store (store);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = open_store (fixture->path);
  guint n = 0;

  g_cancellable_cancel (cancellable);
  clt_store_count_customers_async (CLT_STORE (store), NULL, cancellable, on_result_cb, &result);
  g_assert_false (clt_store_count_customers_finish (CLT_STORE (store), wait_for (&result),
                                                    &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  clt_sample_load_async (CLT_STORE (store), 100, 1, cancellable, on_result_cb, &result);
  g_assert_null (clt_sample_load_finish (CLT_STORE (store), wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);
  g_assert_cmpuint (count (store, NULL), ==, 0);

  close_store (store);
}

/* A read that a newer one supersedes stops inside SQLite, not when its
 * statement would have ended: the reader's progress handler watches the
 * cancellable. The reader goes back at once and out of the transaction
 * the stopped read left open, so every reader reads current data again. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean started;
  int      rc;
} Endless;

static gboolean
endless_read (CltSqliteStore *self,
              Reader         *reader,
              gpointer        data,
              GCancellable   *cancellable,
              GTask          *task,
              GError        **error)
{
  Endless *endless = data;

  /* A read transaction, as list_customers_read () holds one. */
  if (!exec_sql (self, reader->db, "BEGIN; SELECT count(*) FROM customers", error))
    return FALSE;

  g_mutex_lock (&endless->lock);
  endless->started = TRUE;
  g_cond_signal (&endless->cond);
  g_mutex_unlock (&endless->lock);

  /* Never ends on its own. */
  endless->rc = sqlite3_exec (reader->db,
                              "WITH RECURSIVE r (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r)"
                              " SELECT max (i) FROM r",
                              NULL, NULL, NULL);
  g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED, "stopped");
  return FALSE;
}

static void
test_cancel_running (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = store_with_people (fixture->path);
  Endless endless = { 0 };

  g_mutex_init (&endless.lock);
  g_cond_init (&endless.cond);
  g_assert_cmpuint (count (store, NULL), ==, 7);

  run_read (store, test_cancel_running, endless_read, &endless, NULL, cancellable, on_result_cb,
            &result);
  g_mutex_lock (&endless.lock);
  while (!endless.started)
    g_cond_wait (&endless.cond, &endless.lock);
  g_mutex_unlock (&endless.lock);

  g_cancellable_cancel (cancellable);
  g_assert_false (g_task_propagate_boolean (G_TASK (wait_for (&result)), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (endless.rc, ==, SQLITE_INTERRUPT);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A change, then every reader (each used in turn) sees it. */
  g_assert_true (load_sample (store, 5, 1, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpuint (count (store, NULL), ==, 12);

  g_cond_clear (&endless.cond);
  g_mutex_clear (&endless.lock);
  close_store (store);
}

/* A page read stopped inside SQLite (a newer query superseding it) while
 * the custom fields' keys were being read — after the first key, before
 * the rest — fails with an error and leaves the store working. It used to
 * free per-field texts that had not been allocated yet, crashing the
 * store's reader thread (seen while typing in the table at 1,000,000
 * customers). The stop is placed exactly: a row trace counts the keys'
 * rows, and the progress handler, which SQLite also calls as a row is
 * about to be returned, interrupts the second. */
typedef struct
{
  guint n_key_rows;
  guint n_stopped;
} KeysStop;

static int
keys_stop_trace_cb (unsigned  type,
                    void     *data,
                    void     *stmt,
                    void     *unused)
{
  KeysStop *stop = data;

  if (type == SQLITE_TRACE_ROW
      && g_str_has_prefix (sqlite3_sql (stmt), "SELECT key, type FROM custom_fields"))
    stop->n_key_rows++;
  return 0;
}

static int
keys_stop_progress_cb (void *data)
{
  KeysStop *stop = data;

  if (stop->n_key_rows < 2)
    return 0;
  stop->n_stopped++;
  return 1;
}

static gboolean
details_stopped_read (CltSqliteStore *self,
                      Reader         *reader,
                      gpointer        data,
                      GCancellable   *cancellable,
                      GTask          *task,
                      GError        **error)
{
  KeysStop *stop = data;
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) pks = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  gint64 pk;
  gboolean ok;

  g_assert_cmpint (sqlite3_prepare_v2 (reader->db, "SELECT pk FROM customers WHERE id = 'p1'", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  pk = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_ptr_array_add (customers, clt_customer_new ());
  g_array_append_val (pks, pk);
  sqlite3_trace_v2 (reader->db, SQLITE_TRACE_ROW, keys_stop_trace_cb, stop);
  sqlite3_progress_handler (reader->db, 1, keys_stop_progress_cb, stop);
  ok = fill_customer_details (self, reader->db, reader, customers, pks, error);
  sqlite3_progress_handler (reader->db, 0, NULL, NULL);
  sqlite3_trace_v2 (reader->db, 0, NULL, NULL);
  return ok;
}

static void
test_details_stopped (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *sql = NULL;
  CltSqliteStore *store = store_with_people (fixture->path);
  KeysStop stop = { 0 };
  guint n_checked = 0;

  sql = g_strdup_printf ("INSERT INTO custom_fields (key, label, type, position) VALUES"
                         " ('a_code', 'A', %d, 0), ('b_code', 'B', %d, 1), ('c_code', 'C', %d, 2);"
                         "INSERT INTO customer_field_values (customer_pk, field_key, value, sort_key)"
                         " SELECT pk, 'b_code', 'kept', 'kept' FROM customers WHERE id = 'p1'",
                         CLT_CUSTOM_FIELD_STRING, CLT_CUSTOM_FIELD_STRING, CLT_CUSTOM_FIELD_STRING);
  exec_on_file (fixture->path, sql);

  run_read (store, test_details_stopped, details_stopped_read, &stop, NULL, NULL, on_result_cb,
            &result);
  g_assert_false (g_task_propagate_boolean (G_TASK (wait_for (&result)), &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (stop.n_key_rows, ==, 2);
  g_assert_cmpuint (stop.n_stopped, ==, 1);
  g_clear_error (&error);
  g_clear_object (&result);

  /* The reader goes on: every row and the value are read again. */
  rows = list (store, NULL, 0, 100);
  g_assert_cmpuint (rows->len, ==, 7);
  for (guint i = 0; i < rows->len; i++)
    {
      CltCustomer *customer = g_ptr_array_index (rows, i);
      GVariant *values = clt_customer_get_custom_fields (customer);
      const char *text = NULL;

      if (!g_str_equal (clt_customer_get_id (customer), "p1"))
        continue;
      g_assert_nonnull (values);
      g_assert_true (g_variant_lookup (values, "b_code", "&s", &text));
      g_assert_cmpstr (text, ==, "kept");
      n_checked++;
    }
  g_assert_cmpuint (n_checked, ==, 1);

  close_store (store);
}

/* clt_sql_store_close (): every connection closed and the WAL folded into
 * the file and removed, whichever thread lets go of the store last. A
 * task's worker thread drops its reference to the store after the task's
 * callback ran: clientele-server's commands returned from main () first
 * now and then, and the file kept its -wal and -shm. Here a finished task
 * is kept, so that the store outlives the caller's reference for sure. */
static void
test_close (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autoptr(CltBackofficeUser) user = clt_backoffice_user_new ();
  g_autoptr(GAsyncResult) added = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  CltSqliteStore *store;
  CltAccounts *accounts;

  store = open_store (fixture->path);
  accounts = CLT_ACCOUNTS (store);

  /* A write (in the WAL), its task kept as its worker thread keeps it. */
  clt_backoffice_user_set_username (user, "ops");
  clt_backoffice_user_set_role (user, CLT_ROLE_ADMIN);
  clt_accounts_add_user_async (accounts, user, NULL, on_result_cb, &added);
  token = clt_accounts_add_user_finish (accounts, wait_for (&added), &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* A read under way: closing waits until it is done. */
  clt_accounts_list_users_async (accounts, NULL, on_result_cb, &listed);
  clt_sql_store_close (CLT_SQL_STORE (store));

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  users = clt_accounts_list_users_finish (accounts, wait_for (&listed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 1);
  g_clear_object (&listed);

  /* Closed: operations fail, and closing again does nothing. */
  clt_accounts_list_users_async (accounts, NULL, on_result_cb, &listed);
  g_assert_null (clt_accounts_list_users_finish (accounts, wait_for (&listed), &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_clear_object (&listed);
  clt_sql_store_close (CLT_SQL_STORE (store));

  /* The kept task lets go of the store last; nothing is left to close. */
  g_object_unref (store);
  g_clear_object (&added);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  /* The write is in the file itself, which is sound. */
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM backoffice_users"), ==, 1);
  g_assert_cmpint (query_int64 (fixture->path,
                                "SELECT count(*) FROM pragma_quick_check WHERE quick_check = 'ok'"),
                   ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/clt/sqlite-store/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("create", test_create);
  ADD ("async-open", test_async_open);
  ADD ("reopen", test_reopen);
  ADD ("migrate-empty", test_migrate_empty);
  ADD ("refuse/text", test_refuse_text);
  ADD ("refuse/foreign", test_refuse_foreign);
  ADD ("refuse/too-new", test_refuse_too_new);
  ADD ("refuse/damaged", test_refuse_damaged);
  ADD ("read-only", test_read_only);
  ADD ("sample/deterministic", test_sample_deterministic);
  ADD ("changed", test_changed);
  ADD ("details", test_details);
  ADD ("cancel", test_cancel);
  ADD ("cancel-running", test_cancel_running);
  ADD ("details-stopped", test_details_stopped);
  ADD ("close", test_close);
  g_test_add_func ("/clt/sample-generator/deterministic", test_generator);

#undef ADD

  return g_test_run ();
}
