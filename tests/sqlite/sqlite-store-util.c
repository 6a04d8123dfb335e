/* sqlite-store-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sqlite-store-util"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "clt-address.h"
#include "clt-sample-loader.h"
#include "clt-sql-store-internal.h"

#include "sqlite-store-util.h"
#include "sqlite-test-util.h"

void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("clt-sqlite-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "customers.db", NULL);
}

void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

gboolean
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

CltImportReport *
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
gboolean
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

guint
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

/* The first @limit rows of @query and its total, in one read (as the
 * table asks for a new filter). */
GPtrArray *
first_rows (CltSqliteStore *store,
            CltQuery       *query,
            guint           limit,
            guint          *total)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  clt_store_list_customers_async (CLT_STORE (store), query, 0, limit, CLT_LIST_FLAGS_WITH_TOTAL,
                                  NULL, on_result_cb, &result);
  rows = clt_store_list_customers_finish (CLT_STORE (store), wait_for (&result), total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

GPtrArray *
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

CltQuery *
search_query (const char *text)
{
  CltQuery *query = clt_query_new ();

  clt_query_set_search_text (query, text);
  return query;
}

gboolean
list_has_last_name (GPtrArray  *customers,
                    const char *last_name)
{
  for (guint i = 0; i < customers->len; i++)
    if (g_str_equal (clt_customer_get_last_name (g_ptr_array_index (customers, i)), last_name))
      return TRUE;

  return FALSE;
}

char *
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

CltCustomer *
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

CltSqliteStore *
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

struct _PollHold
{
  CltSqliteStore *store;
  GMutex          lock;
  GCond           cond;
  gboolean        armed;
  gboolean        held;
  gboolean        go;
};

/* In the poll's thread, with its reader taken. */
static void
hold_poll_cb (gpointer store,
              gpointer user_data)
{
  PollHold *hold = user_data;

  g_mutex_lock (&hold->lock);
  if (hold->armed)
    {
      hold->armed = FALSE;
      hold->held = TRUE;
      g_cond_broadcast (&hold->cond);
      while (!hold->go)
        g_cond_wait (&hold->cond, &hold->lock);
    }
  g_mutex_unlock (&hold->lock);
}

PollHold *
poll_hold_new (CltSqliteStore *store)
{
  PollHold *hold = g_new0 (PollHold, 1);

  hold->store = store;
  g_mutex_init (&hold->lock);
  g_cond_init (&hold->cond);
  sql_set_poll_hook (CLT_SQL_STORE (store), hold_poll_cb, hold);
  return hold;
}

void
hold_poll (PollHold *hold)
{
  CltSqlStore *store = CLT_SQL_STORE (hold->store);
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_mutex_lock (&hold->lock);
  hold->armed = TRUE;
  hold->held = FALSE;
  hold->go = FALSE;
  while (!hold->held)
    {
      g_mutex_unlock (&hold->lock);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      /* A poll under way may have passed the hook: its end first. */
      if (!sql_polling (store))
        sql_poll_changes (store);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_mutex_lock (&hold->lock);
      if (!hold->held)
        g_cond_wait_until (&hold->cond, &hold->lock,
                           g_get_monotonic_time () + G_TIME_SPAN_MILLISECOND);
    }
  g_mutex_unlock (&hold->lock);
}

void
release_poll (PollHold *hold)
{
  g_mutex_lock (&hold->lock);
  hold->go = TRUE;
  g_cond_broadcast (&hold->cond);
  g_mutex_unlock (&hold->lock);
  while (sql_polling (CLT_SQL_STORE (hold->store)))
    g_main_context_iteration (NULL, TRUE);
}

void
poll_hold_free (PollHold *hold)
{
  sql_set_poll_hook (CLT_SQL_STORE (hold->store), NULL, NULL);
  /* Until no poll that may still call the hook is under way. */
  while (sql_polling (CLT_SQL_STORE (hold->store)))
    g_main_context_iteration (NULL, TRUE);
  g_cond_clear (&hold->cond);
  g_mutex_clear (&hold->lock);
  g_free (hold);
}
