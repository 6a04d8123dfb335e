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

#include "sqlite-test-util.h"
#include "unprivileged.h"

#define N_SAMPLE 2000

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("clt-sqlite-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "customers.db", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Helpers {{{ */

static gboolean
load_sample (CltSqliteStore *store,
             guint           n,
             guint32         seed,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltImportReport) report = NULL;

  clt_sample_load_async (CLT_STORE (store), n, seed, NULL, on_result_cb, &result);
  report = clt_sample_load_finish (CLT_STORE (store), wait_for (&result), error);
  if (report == NULL)
    return FALSE;

  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, n);
  return TRUE;
}

static CltImportReport *
import_report (CltSqliteStore *store,
               GPtrArray      *customers,
               GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_import_customers_async (CLT_STORE (store), customers, NULL, NULL, on_result_cb,
                                    &result);
  return clt_store_import_customers_finish (CLT_STORE (store), wait_for (&result), error);
}

/* An import that must take every row. */
static gboolean
import (CltSqliteStore *store,
        GPtrArray      *customers,
        GError        **error)
{
  g_autoptr(CltImportReport) report = import_report (store, customers, error);

  if (report == NULL)
    return FALSE;

  for (guint i = 0; i < clt_import_report_get_n_refused (report); i++)
    {
      const char *field, *message;
      guint row = clt_import_report_get_refusal (report, i, &field, &message);

      g_test_message ("row %u refused: %s: %s", row, field, message);
    }
  g_assert_cmpuint (clt_import_report_get_n_refused (report), ==, 0);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, customers->len);
  return TRUE;
}

static guint
count (CltSqliteStore *store,
       CltQuery       *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;

  clt_store_count_customers_async (CLT_STORE (store), query, NULL, on_result_cb, &result);
  g_assert_true (clt_store_count_customers_finish (CLT_STORE (store), wait_for (&result),
                                                   &n, &error));
  g_assert_no_error (error);
  return n;
}

static GPtrArray *
list (CltSqliteStore *store,
      CltQuery       *query,
      guint           offset,
      guint           limit)
{
  GPtrArray *customers = g_ptr_array_new_with_free_func (g_object_unref);
  const guint page_size = 100;

  /* Rows offset … offset + limit − 1, from the pages that hold them. */
  for (guint page = offset / page_size; customers->len < limit; page++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      clt_store_list_customers_async (CLT_STORE (store), query, page, page_size,
                                      CLT_LIST_FLAGS_NONE, NULL, on_result_cb, &result);
      rows = clt_store_list_customers_finish (CLT_STORE (store), wait_for (&result), NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (rows);

      for (guint i = 0; i < rows->len && customers->len < limit; i++)
        if (page * page_size + i >= offset)
          g_ptr_array_add (customers, g_object_ref (g_ptr_array_index (rows, i)));
      if (rows->len < page_size)
        break;
    }

  return customers;
}

static CltQuery *
search_query (const char *text)
{
  CltQuery *query = clt_query_new ();

  clt_query_set_search_text (query, text);
  return query;
}

static gboolean
list_has_last_name (GPtrArray  *customers,
                    const char *last_name)
{
  for (guint i = 0; i < customers->len; i++)
    if (g_str_equal (clt_customer_get_last_name (g_ptr_array_index (customers, i)), last_name))
      return TRUE;

  return FALSE;
}

static char *
pragma_text (const char *path,
             const char *pragma)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static CltCustomer *
make_customer (const char *id,
               const char *first,
               const char *last,
               const char *email,
               const char *company,
               const char *zip,
               const char *city,
               const char *country)
{
  CltCustomer *customer = clt_customer_new ();
  CltAddress *address = clt_address_new ();
  g_autofree char *number = g_strdup_printf ("T-%s", id);
  g_autoptr(GDateTime) registered = g_date_time_new_utc (2024, 3, 1 + strlen (id) % 20, 10, 0, 0);

  clt_customer_set_id (customer, id);
  clt_customer_set_number (customer, number);
  clt_customer_set_first_name (customer, first);
  clt_customer_set_last_name (customer, last);
  clt_customer_set_email (customer, email);
  clt_customer_set_company (customer, company);
  clt_customer_set_currency (customer, "EUR");
  clt_customer_set_registered (customer, registered);
  clt_customer_set_active (customer, TRUE);

  clt_address_set_id (address, "home");
  clt_address_set_first_name (address, first);
  clt_address_set_last_name (address, last);
  clt_address_set_address1 (address, "Hauptstraße 1");
  clt_address_set_zip_code (address, zip);
  clt_address_set_city (address, city);
  clt_address_set_country (address, country);
  g_ptr_array_add (clt_customer_get_import_addresses (customer), address);

  return customer;
}

static CltSqliteStore *
store_with_people (const char *path)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = open_store (path);

  g_ptr_array_add (people, make_customer ("p1", "Jürgen", "Müller", "j.mueller@example.de",
                                          "Müller Maschinenbau GmbH", "80331", "München", "DE"));
  g_ptr_array_add (people, make_customer ("p2", "Anna", "MÜLLER", "anna@example.com",
                                          "", "10115", "Berlin", "DE"));
  g_ptr_array_add (people, make_customer ("p3", "Zoë", "François", "zoe.francois@example.fr",
                                          "Boulangerie François SARL", "75001", "Paris", "FR"));
  g_ptr_array_add (people, make_customer ("p4", "Łukasz", "Wiśniewski", "lukasz@example.pl",
                                          "", "00-950", "Warszawa", "PL"));
  g_ptr_array_add (people, make_customer ("p5", "Åsa", "Sjöberg", "asa.sjoberg@example.se",
                                          "", "111 20", "Stockholm", "SE"));
  g_ptr_array_add (people, make_customer ("p6", "Peter", "Schmutz", "peter@schmutz.example",
                                          "", "3011", "Bern", "CH"));
  g_ptr_array_add (people, make_customer ("p7", "Mary", "O'Brien", "mary.obrien@example.co.uk",
                                          "O'Brien & Sons Ltd", "SW1A 1AA", "London", "GB"));

  g_assert_true (import (store, people, &error));
  g_assert_no_error (error);

  return store;
}

/* }}} */

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
test_search_accents (Fixture       *fixture,
                     gconstpointer  data)
{
  CltSqliteStore *store = store_with_people (fixture->path);
  static const struct {
    const char *text;
    const char *expected_last_name;
    guint       n;
  } cases[] = {
    { "muller", "Müller", 2 },
    { "MÜLLER", "MÜLLER", 2 },
    { "Müller", "Müller", 2 },
    { "mül", "Müller", 2 },
    { "mueller", "Müller", 1 },
    { "francois", "François", 1 },
    { "FRANÇOIS", "François", 1 },
    { "zoe", "François", 1 },
    { "lukasz", "Wiśniewski", 1 },
    { "wisniewski", "Wiśniewski", 1 },
    { "sjoberg", "Sjöberg", 1 },
    { "asa sjo", "Sjöberg", 1 },
    { "munchen", "Müller", 1 },
    { "maschinenbau", "Müller", 1 },
    { "example.co.uk", "O'Brien", 1 },
    { "o'brien", "O'Brien", 1 },
    { "T-p5", "Sjöberg", 1 },
    { "75001", "François", 1 },
    { "jürgen müller", "Müller", 1 },
    { "müller berlin", "MÜLLER", 1 },
    { "nobody-like-this", NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CltQuery) query = search_query (cases[i].text);
      g_autoptr(GPtrArray) found = list (store, query, 0, 100);

      g_test_message ("search “%s”", cases[i].text);
      g_assert_cmpuint (count (store, query), ==, cases[i].n);
      g_assert_cmpuint (found->len, ==, cases[i].n);
      if (cases[i].expected_last_name != NULL)
        g_assert_true (list_has_last_name (found, cases[i].expected_last_name));
    }

  close_store (store);
}

static void
test_search_short (Fixture       *fixture,
                   gconstpointer  data)
{
  CltSqliteStore *store = store_with_people (fixture->path);
  g_autoptr(CltQuery) mu = search_query ("mu");
  g_autoptr(CltQuery) j = search_query ("J");
  g_autoptr(CltQuery) l_umlaut = search_query ("Ł");
  g_autoptr(CltQuery) two_words = search_query ("an mu");
  g_autoptr(GPtrArray) found = NULL;

  /* A prefix of names (not "Schmutz", where "mu" is inside the word). */
  found = list (store, mu, 0, 100);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (list_has_last_name (found, "Müller"));
  g_assert_true (list_has_last_name (found, "MÜLLER"));
  g_assert_false (list_has_last_name (found, "Schmutz"));
  g_assert_cmpuint (count (store, mu), ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* First name or email prefix, case-insensitive. */
  found = list (store, j, 0, 100);
  g_assert_true (list_has_last_name (found, "Müller"));
  g_assert_cmpuint (count (store, j), ==, found->len);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = list (store, l_umlaut, 0, 100);
  g_assert_true (list_has_last_name (found, "Wiśniewski"));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Every short word must match some column's prefix. */
  found = list (store, two_words, 0, 100);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (list_has_last_name (found, "MÜLLER"));

  close_store (store);
}

static void
test_search_syntax (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = store_with_people (fixture->path);
  static const char * const texts[] = {
    "\"", "\"\"", "*", "**", "-", "--", "AND", "OR", "NOT", "NEAR(", "NEAR(a b)", "a\"b",
    "'; DROP TABLE customers; --", "mül*", "^mul", "mul -ler", "(mül", "{col}: x", "a:b",
    "%", "_", "\\", "müller AND", "x OR y", "  ", "\t\n", "🙂", "ﬁ", "İ", "ß",
    "\xff\xfe invalid utf-8", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  };

  g_assert_true (load_sample (store, 200, 5, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(CltQuery) query = search_query (texts[i]);
      g_autoptr(GPtrArray) found = NULL;
      guint n;

      g_test_message ("search %u", i);
      /* Text that is not UTF-8 is refused as bad input, not searched. */
      if (!g_utf8_validate (texts[i], -1, NULL))
        {
          g_autoptr(GAsyncResult) result = NULL;
          g_autoptr(GError) refused = NULL;

          clt_store_count_customers_async (CLT_STORE (store), query, NULL, on_result_cb, &result);
          g_assert_false (clt_store_count_customers_finish (CLT_STORE (store), wait_for (&result),
                                                            NULL, &refused));
          g_assert_error (refused, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
          continue;
        }
      n = count (store, query);
      found = list (store, query, 0, 50);
      g_assert_cmpuint (found->len, ==, MIN (n, 50));
    }

  /* Quotes are literal text: the email with an apostrophe is found. */
  {
    g_autoptr(CltQuery) query = search_query ("'brien");

    g_assert_cmpuint (count (store, query), ==, 1);
  }

  /* The table survived the "injection". */
  g_assert_cmpuint (count (store, NULL), ==, 207);
  close_store (store);
}

static int
compare_rows (CltCustomer *a,
              CltCustomer *b,
              CltSortKey   key)
{
  switch (key)
    {
    case CLT_SORT_KEY_REGISTERED:
      return g_date_time_compare (clt_customer_get_registered (a), clt_customer_get_registered (b));

    case CLT_SORT_KEY_STATUS:
      {
        int rank_a = clt_customer_get_status (a) * 2 + !clt_customer_get_verified (a);
        int rank_b = clt_customer_get_status (b) * 2 + !clt_customer_get_verified (b);

        return (rank_a > rank_b) - (rank_a < rank_b);
      }

    case CLT_SORT_KEY_COUNTRY:
      return strcmp (clt_customer_get_country (a), clt_customer_get_country (b));

    case CLT_SORT_KEY_SITE:
      return strcmp (clt_customer_get_preferred_site (a), clt_customer_get_preferred_site (b));

    default:
      {
        const char *property = NULL;
        g_autofree char *value_a = NULL;
        g_autofree char *value_b = NULL;
        g_autofree char *fold_a = NULL;
        g_autofree char *fold_b = NULL;

        switch (key)
          {
          case CLT_SORT_KEY_NUMBER: property = "number"; break;
          case CLT_SORT_KEY_EMAIL: property = "email"; break;
          case CLT_SORT_KEY_LAST_NAME: property = "last-name"; break;
          case CLT_SORT_KEY_FIRST_NAME: property = "first-name"; break;
          case CLT_SORT_KEY_COMPANY: property = "company"; break;
          case CLT_SORT_KEY_ZIP_CODE: property = "zip-code"; break;
          case CLT_SORT_KEY_CITY: property = "city"; break;
          default: g_assert_not_reached ();
          }

        g_object_get (a, property, &value_a, NULL);
        g_object_get (b, property, &value_b, NULL);
        fold_a = clt_fold_text (value_a);
        fold_b = clt_fold_text (value_b);
        return strcmp (fold_a, fold_b);
      }
    }
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = open_store (fixture->path);

  g_assert_true (load_sample (store, N_SAMPLE, 11, &error));
  g_assert_no_error (error);

  for (guint key = 0; key < CLT_N_SORT_KEYS; key++)
    for (guint dir = 0; dir < 2; dir++)
      {
        g_autoptr(CltQuery) query = clt_query_new ();
        g_autoptr(GPtrArray) rows = NULL;
        guint n_changes = 0;

        clt_query_set_sort_key (query, key);
        clt_query_set_sort_direction (query, dir);
        rows = list (store, query, 0, N_SAMPLE);
        g_assert_cmpuint (rows->len, ==, N_SAMPLE);

        for (guint i = 1; i < rows->len; i++)
          {
            int cmp = compare_rows (g_ptr_array_index (rows, i - 1),
                                    g_ptr_array_index (rows, i), key);

            if (dir == CLT_SORT_DESCENDING)
              cmp = -cmp;
            if (cmp > 0)
              g_error ("sort key %u direction %u: rows %u and %u out of order", key, dir, i - 1, i);
            n_changes += cmp != 0;
          }

        /* The sample spreads every column over several values. */
        g_assert_cmpuint (n_changes, >, 2);
      }

  close_store (store);
}

static GPtrArray *
ids_of (GPtrArray *customers)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < customers->len; i++)
    g_ptr_array_add (ids, g_strdup (clt_customer_get_id (g_ptr_array_index (customers, i))));

  return ids;
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  static const CltSortKey keys[] = { CLT_SORT_KEY_NUMBER, CLT_SORT_KEY_COUNTRY,
                                     CLT_SORT_KEY_STATUS, CLT_SORT_KEY_CITY };
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = open_store (fixture->path);

  g_assert_true (load_sample (store, N_SAMPLE, 12, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (store, NULL), ==, N_SAMPLE);

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autoptr(CltQuery) query = clt_query_new ();
      g_autoptr(GPtrArray) all = NULL;
      g_autoptr(GPtrArray) all_ids = NULL;
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      guint position = 0;

      clt_query_set_sort_key (query, keys[k]);
      clt_query_set_sort_direction (query, k % 2);
      all = list (store, query, 0, N_SAMPLE + 10);
      all_ids = ids_of (all);
      g_assert_cmpuint (all_ids->len, ==, N_SAMPLE);

      /* Pages of a size that does not divide the total. */
      for (guint offset = 0; offset < N_SAMPLE + 97; offset += 97)
        {
          g_autoptr(GPtrArray) page = list (store, query, offset, 97);
          g_autoptr(GPtrArray) page_ids = ids_of (page);

          for (guint i = 0; i < page_ids->len; i++, position++)
            {
              const char *id = g_ptr_array_index (page_ids, i);

              g_assert_cmpstr (id, ==, g_ptr_array_index (all_ids, position));
              g_assert_false (g_hash_table_contains (seen, id));
              g_hash_table_add (seen, (gpointer) id);
            }
        }
      g_assert_cmpuint (position, ==, N_SAMPLE);
      g_assert_cmpuint (g_hash_table_size (seen), ==, N_SAMPLE);
    }

  close_store (store);
}

/* The ids of every listed customer in the order @column @dir, straight
 * from the file: what deep pages must agree with. */
static GPtrArray *
reference_order (const char *path,
                 const char *column,
                 const char *dir,
                 const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM customers WHERE listed = 1%s"
                                          " ORDER BY %s %s, pk %s", where, column, dir, dir);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return ids;
}

/* Deep pages start from remembered anchors instead of skipping every
 * row before them: they must still be exactly the rows a plain OFFSET
 * gives, for every order (ties in status and country, customers without a
 * registration date), with a filter, and after a write moved rows. */
static void
test_paging_deep (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct
  {
    CltSortKey  key;
    const char *column;
  } orders[] = {
    { CLT_SORT_KEY_NUMBER, "number_key" },
    { CLT_SORT_KEY_STATUS, "status_rank" },
    { CLT_SORT_KEY_COUNTRY, "country" },
    { CLT_SORT_KEY_REGISTERED, "registered" },
    { CLT_SORT_KEY_LAST_NAME, "last_name_key" },
  };
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = open_store (fixture->path);
  const guint n = 3000;

  g_assert_true (load_sample (store, n, 21, &error));
  g_assert_no_error (error);
  /* Some customers without a registration date sort first (NULL). */
  exec_on_file (fixture->path, "UPDATE customers SET registered = NULL WHERE pk % 7 = 0");

  for (guint round = 0; round < 2; round++)
    for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
      for (guint direction = 0; direction < 2; direction++)
        {
          const char *dir = direction == CLT_SORT_DESCENDING ? "DESC" : "ASC";
          g_autoptr(CltQuery) query = clt_query_new ();
          g_autoptr(GPtrArray) expected = NULL;
          const char *where = "";

          clt_query_set_sort_key (query, orders[o].key);
          clt_query_set_sort_direction (query, direction);
          if (o == 0 && direction == CLT_SORT_ASCENDING)
            {
              clt_query_set_status (query, CLT_STATUS_FILTER_ACTIVE);
              where = " AND status_rank IN (0, 1)";
            }
          expected = reference_order (fixture->path, orders[o].column, dir, where);

          for (guint offset = 1000; offset < expected->len + 50; offset += 731)
            {
              g_autoptr(GPtrArray) page = list (store, query, offset, 60);
              g_autoptr(GPtrArray) page_ids = ids_of (page);

              g_assert_cmpuint (page_ids->len, ==, MIN (60, expected->len - MIN (offset, expected->len)));
              for (guint i = 0; i < page_ids->len; i++)
                g_assert_cmpstr (g_ptr_array_index (page_ids, i), ==,
                                 g_ptr_array_index (expected, offset + i));
            }

          /* A write moves rows: the next round must see it. */
          if (round == 0 && o == G_N_ELEMENTS (orders) - 1 && direction == 1)
            exec_on_file (fixture->path,
                          "UPDATE customers SET last_name_key = 'aaa' || pk, country = 'AD',"
                          " number_key = 'zz' || number_key, active = 1 - active"
                          " WHERE pk % 5 = 0;");
        }

  close_store (store);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = open_store (fixture->path);
  guint n_active, n_on_hold, n_inactive, n_unverified;

  g_assert_true (load_sample (store, N_SAMPLE, 13, &error));
  g_assert_no_error (error);

  /* Status: the three activation states split the table. */
  {
    g_autoptr(CltQuery) query = clt_query_new ();
    g_autoptr(GPtrArray) rows = NULL;

    clt_query_set_status (query, CLT_STATUS_FILTER_ACTIVE);
    n_active = count (store, query);
    rows = list (store, query, 0, N_SAMPLE);
    g_assert_cmpuint (rows->len, ==, n_active);
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpint (clt_customer_get_status (g_ptr_array_index (rows, i)), ==,
                       CLT_CUSTOMER_STATUS_ACTIVE);
    g_clear_pointer (&rows, g_ptr_array_unref);

    clt_query_set_status (query, CLT_STATUS_FILTER_ON_HOLD);
    n_on_hold = count (store, query);
    rows = list (store, query, 0, N_SAMPLE);
    for (guint i = 0; i < rows->len; i++)
      g_assert_true (clt_customer_get_on_hold (g_ptr_array_index (rows, i)));
    g_clear_pointer (&rows, g_ptr_array_unref);

    clt_query_set_status (query, CLT_STATUS_FILTER_INACTIVE);
    n_inactive = count (store, query);

    clt_query_set_status (query, CLT_STATUS_FILTER_UNVERIFIED);
    n_unverified = count (store, query);
    rows = list (store, query, 0, N_SAMPLE);
    for (guint i = 0; i < rows->len; i++)
      g_assert_false (clt_customer_get_verified (g_ptr_array_index (rows, i)));

    g_assert_cmpuint (n_active + n_on_hold + n_inactive, ==, N_SAMPLE);
    /* The sample's mix: ≈85 % active, 5 % on hold, 10 % inactive, 20 % unverified. */
    g_assert_cmpuint (n_active, >, N_SAMPLE * 75 / 100);
    g_assert_cmpuint (n_on_hold, >, 0);
    g_assert_cmpuint (n_inactive, >, 0);
    g_assert_cmpuint (n_unverified, >, N_SAMPLE / 10);
    g_assert_cmpuint (n_unverified, <, N_SAMPLE * 3 / 10);
  }

  /* Country, site and group, alone and together with text. */
  {
    g_autoptr(CltQuery) query = clt_query_new ();
    g_autoptr(GPtrArray) rows = NULL;
    guint n_de, n_de_shop, n_vip, n_both;

    clt_query_set_country (query, "DE");
    n_de = count (store, query);
    rows = list (store, query, 0, N_SAMPLE);
    g_assert_cmpuint (rows->len, ==, n_de);
    g_assert_cmpuint (n_de, >, 0);
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpstr (clt_customer_get_country (g_ptr_array_index (rows, i)), ==, "DE");
    g_clear_pointer (&rows, g_ptr_array_unref);

    clt_query_set_country (query, "");
    clt_query_set_site (query, "de-shop");
    n_de_shop = count (store, query);
    g_assert_cmpuint (n_de_shop, ==, n_de);

    clt_query_set_site (query, "");
    clt_query_set_group (query, "vip");
    n_vip = count (store, query);
    rows = list (store, query, 0, N_SAMPLE);
    g_assert_cmpuint (rows->len, ==, n_vip);
    g_assert_cmpuint (n_vip, >, 0);
    for (guint i = 0; i < rows->len; i++)
      g_assert_true (g_strv_contains (clt_customer_get_groups (g_ptr_array_index (rows, i)),
                                      "vip"));
    g_clear_pointer (&rows, g_ptr_array_unref);

    clt_query_set_country (query, "DE");
    n_both = count (store, query);
    g_assert_cmpuint (n_both, <=, MIN (n_vip, n_de));

    clt_query_set_group (query, "");
    clt_query_set_search_text (query, "gmbh");
    rows = list (store, query, 0, N_SAMPLE);
    g_assert_cmpuint (rows->len, ==, count (store, query));
    g_assert_cmpuint (rows->len, >, 0);
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpstr (clt_customer_get_country (g_ptr_array_index (rows, i)), ==, "DE");
  }

  /* Registration range: from inclusive, until exclusive. */
  {
    g_autoptr(CltQuery) query = clt_query_new ();
    g_autoptr(GDateTime) from = g_date_time_new_utc (2022, 1, 1, 0, 0, 0);
    g_autoptr(GDateTime) until = g_date_time_new_utc (2023, 1, 1, 0, 0, 0);
    g_autoptr(GPtrArray) rows = NULL;
    guint n_range, n_before, n_after;

    clt_query_set_registered_from (query, from);
    clt_query_set_registered_until (query, until);
    n_range = count (store, query);
    rows = list (store, query, 0, N_SAMPLE);
    g_assert_cmpuint (rows->len, ==, n_range);
    g_assert_cmpuint (n_range, >, 0);
    for (guint i = 0; i < rows->len; i++)
      {
        GDateTime *registered = clt_customer_get_registered (g_ptr_array_index (rows, i));

        g_assert_cmpint (g_date_time_compare (registered, from), >=, 0);
        g_assert_cmpint (g_date_time_compare (registered, until), <, 0);
      }

    clt_query_set_registered_from (query, NULL);
    clt_query_set_registered_until (query, from);
    n_before = count (store, query);
    clt_query_set_registered_from (query, until);
    clt_query_set_registered_until (query, NULL);
    n_after = count (store, query);
    g_assert_cmpuint (n_before + n_range + n_after, ==, N_SAMPLE);
  }

  close_store (store);
}

static GPtrArray *
first_page (CltSqliteStore *store,
            guint          *total)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  clt_store_list_customers_async (CLT_STORE (store), query, 0, 100, CLT_LIST_FLAGS_WITH_TOTAL,
                                  NULL, on_result_cb, &result);
  rows = clt_store_list_customers_finish (CLT_STORE (store), wait_for (&result), total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);

  return rows;
}

static void
test_pending_deletion (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) restored = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CltSqliteStore *store = store_with_people (fixture->path);
  guint total = 0;

  clt_store_get_customer_async (CLT_STORE (store), "p3", NULL, on_result_cb, &result);
  stored = clt_store_get_customer_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Waiting out its undo time, the customer is gone from pages and
   * totals without the caller saying so in the query. */
  clt_store_delete_customer_async (CLT_STORE (store), "p3", clt_customer_get_version (stored), 60,
                                   NULL, on_result_cb, &result);
  g_assert_true (clt_store_delete_customer_finish (CLT_STORE (store), wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  rows = first_page (store, &total);
  g_assert_cmpuint (rows->len, ==, 6);
  g_assert_cmpuint (total, ==, 6);
  g_assert_false (list_has_last_name (rows, "François"));
  g_assert_cmpuint (count (store, NULL), ==, 6);
  g_clear_pointer (&rows, g_ptr_array_unref);

  clt_store_undo_delete_customer_async (CLT_STORE (store), "p3", NULL, on_result_cb, &result);
  restored = clt_store_undo_delete_customer_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_id (restored), ==, "p3");
  g_clear_object (&result);

  rows = first_page (store, &total);
  g_assert_cmpuint (rows->len, ==, 7);
  g_assert_cmpuint (total, ==, 7);
  g_assert_true (list_has_last_name (rows, "François"));
  g_assert_cmpuint (count (store, NULL), ==, 7);

  close_store (store);
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

static gboolean
starts_with_word (const char *text,
                  const char *prefix)
{
  g_autofree char *folded = clt_fold_text (text);

  return g_str_has_prefix (folded, prefix);
}

/* Whether a word of one of the searched fields starts with @needle (a
 * single word): what the full-text search promises. */
static gboolean
has_word_starting_with (CltCustomer *customer,
                        const char  *needle)
{
  const char *fields[] = {
    clt_customer_get_first_name (customer), clt_customer_get_last_name (customer),
    clt_customer_get_email (customer), clt_customer_get_company (customer),
    clt_customer_get_number (customer), clt_customer_get_zip_code (customer),
    clt_customer_get_city (customer),
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = clt_fold_text (fields[i]);
      gboolean at_word_start = TRUE;

      for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
        {
          gboolean alnum = g_unichar_isalnum (g_utf8_get_char (p));

          if (alnum && at_word_start && g_str_has_prefix (p, needle))
            return TRUE;
          at_word_start = !alnum;
        }
    }

  return FALSE;
}

/* A load big enough for the bulk path (indexes and search indexes built
 * after the rows), then a small one through the per-row triggers: both
 * must find exactly what a brute-force scan finds, with either query plan
 * (dense: walk the sort index; sparse: collect and sort). */
static void
test_bulk (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const prefixes[] = { "m", "s", "ju", "an", "zz" };
  static const char * const needles[] = { "mul", "gmbh", "lond", "anna", "sch", "wis", "paris" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CltQuery) everyone = clt_query_new ();
  g_autoptr(GPtrArray) all = NULL;
  CltSqliteStore *store = open_store (fixture->path);
  guint n_total;

  g_assert_true (load_sample (store, 25000, 31, &error));
  g_assert_no_error (error);
  g_assert_true (load_sample (store, 500, 32, &error));
  g_assert_no_error (error);
  n_total = count (store, NULL);
  g_assert_cmpuint (n_total, ==, 25500);

  all = list (store, everyone, 0, n_total);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autoptr(CltQuery) query = search_query (prefixes[i]);
      g_autoptr(GPtrArray) sparse = NULL;
      guint expected = 0;

      for (guint j = 0; j < all->len; j++)
        {
          CltCustomer *customer = g_ptr_array_index (all, j);

          expected += starts_with_word (clt_customer_get_last_name (customer), prefixes[i]) ||
                      starts_with_word (clt_customer_get_first_name (customer), prefixes[i]) ||
                      starts_with_word (clt_customer_get_email (customer), prefixes[i]);
        }

      g_test_message ("prefix “%s”: %u", prefixes[i], expected);
      g_assert_cmpuint (count (store, query), ==, expected);
      sparse = list (store, query, 0, n_total);
      g_assert_cmpuint (sparse->len, ==, expected);

      for (guint j = 0; j < MIN (expected, 5); j++)
        {
          g_autoptr(GPtrArray) one = list (store, query, j, 1);

          g_assert_cmpuint (one->len, ==, 1);
          g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (one, 0)), ==,
                           clt_customer_get_id (g_ptr_array_index (sparse, j)));
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      g_autoptr(CltQuery) query = search_query (needles[i]);
      g_autoptr(GPtrArray) sparse = NULL;
      guint expected = 0;

      for (guint j = 0; j < all->len; j++)
        expected += has_word_starting_with (g_ptr_array_index (all, j), needles[i]);

      g_test_message ("word prefix “%s”: %u", needles[i], expected);
      g_assert_cmpuint (expected, >, 0);
      g_assert_cmpuint (count (store, query), ==, expected);
      sparse = list (store, query, 0, n_total);
      g_assert_cmpuint (sparse->len, ==, expected);

      for (guint j = 0; j < MIN (expected, 5); j++)
        {
          g_autoptr(GPtrArray) one = list (store, query, j, 1);

          g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (one, 0)), ==,
                           clt_customer_get_id (g_ptr_array_index (sparse, j)));
        }
    }

  close_store (store);
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
  ADD ("search/accents", test_search_accents);
  ADD ("search/short", test_search_short);
  ADD ("search/syntax", test_search_syntax);
  ADD ("sort", test_sort);
  ADD ("paging", test_paging);
  ADD ("paging/deep", test_paging_deep);
  ADD ("filters", test_filters);
  ADD ("pending-deletion", test_pending_deletion);
  ADD ("sample/deterministic", test_sample_deterministic);
  ADD ("changed", test_changed);
  ADD ("details", test_details);
  ADD ("cancel", test_cancel);
  ADD ("bulk", test_bulk);
  g_test_add_func ("/clt/sample-generator/deterministic", test_generator);

#undef ADD

  return g_test_run ();
}
