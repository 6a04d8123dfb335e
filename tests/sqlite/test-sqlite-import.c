/* test-sqlite-import.c — importing customers into a SQLite store, and
 * loading sample data through the import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "clt-customer.h"
#include "clt-enums.h"
#include "clt-error.h"
#include "clt-group.h"
#include "clt-import-report.h"
#include "clt-sample-loader.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"
#include "clt-sqlite-store.h"

#include "sqlite-test-util.h"

typedef struct
{
  char           *dir;
  CltSqliteStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("clt-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "customers.db", NULL);
  fixture->store = open_store (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_store (g_steal_pointer (&fixture->store));
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

#define STORE(fixture) (CLT_STORE ((fixture)->store))

static CltCustomer *
new_customer (const char *email,
              const char *first_name,
              const char *last_name)
{
  CltCustomer *customer = clt_customer_new ();

  clt_customer_set_email (customer, email);
  clt_customer_set_first_name (customer, first_name);
  clt_customer_set_last_name (customer, last_name);
  clt_customer_set_currency (customer, "EUR");
  clt_customer_set_active (customer, TRUE);
  return customer;
}

static CltImportReport *
import (CltStore   *store,
        GPtrArray  *customers,
        const char *request_id,
        GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_import_customers_async (store, customers, request_id, NULL, on_result_cb, &result);
  return clt_store_import_customers_finish (store, wait_for (&result), error);
}

static guint
count (CltStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  clt_store_count_customers_async (store, NULL, NULL, on_result_cb, &result);
  g_assert_true (clt_store_count_customers_finish (store, wait_for (&result), &n, &error));
  g_assert_no_error (error);
  return n;
}

static void
assert_refusal (CltImportReport *report,
                guint            i,
                guint            row,
                const char      *field)
{
  const char *got_field = NULL;
  const char *message = NULL;

  g_assert_cmpuint (clt_import_report_get_refusal (report, i, &got_field, &message), ==, row);
  g_assert_cmpstr (got_field, ==, field);
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) first = NULL;
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (existing, new_customer ("taken@example.org", "Ta", "Ken"));
  first = import (STORE (fixture), existing, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (first), ==, 1);
  g_assert_cmpuint (clt_import_report_get_n_refused (first), ==, 0);

  g_ptr_array_add (batch, new_customer ("Ada@Example.org", "Ada", "Lovelace"));        /* 0 */
  g_ptr_array_add (batch, new_customer ("not an email", "Bad", "Mail"));               /* 1 */
  g_ptr_array_add (batch, new_customer (" ada@example.ORG", "Ada", "Again"));          /* 2 */
  g_ptr_array_add (batch, new_customer ("TAKEN@example.org", "Al", "Ready"));          /* 3 */
  g_ptr_array_add (batch, new_customer ("utf8@example.org", "\xff\xfe", "Broken"));    /* 4 */
  g_ptr_array_add (batch, new_customer ("grace@example.org", "Grace", "Hopper"));      /* 5 */

  report = import (STORE (fixture), batch, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, 2);
  g_assert_cmpuint (clt_import_report_get_n_refused (report), ==, 4);
  assert_refusal (report, 0, 1, "email");
  assert_refusal (report, 1, 2, "email");
  assert_refusal (report, 2, 3, "email");
  assert_refusal (report, 3, 4, "first-name");
  g_assert_cmpuint (count (STORE (fixture)), ==, 3);

  /* The caller's objects are not touched: the store normalized a copy. */
  g_assert_cmpstr (clt_customer_get_email (g_ptr_array_index (batch, 0)), ==, "Ada@Example.org");
}

static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < CLT_STORE_MAX_IMPORT + 1; i++)
    g_ptr_array_add (batch, clt_customer_new ());

  report = import (STORE (fixture), batch, NULL, &error);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_LARGE);
  g_assert_null (report);
  g_assert_cmpuint (count (STORE (fixture)), ==, 0);
}

static void
test_request_id (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) other = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) first = NULL;
  g_autoptr(CltImportReport) again = NULL;
  g_autoptr(CltImportReport) third = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (batch, new_customer ("one@example.org", "One", "Person"));
  g_ptr_array_add (batch, new_customer ("two@example.org", "Two", "Person"));
  first = import (STORE (fixture), batch, "import-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (first), ==, 2);

  /* Retried, even with other rows: the first import's count, nothing new. */
  g_ptr_array_add (other, new_customer ("three@example.org", "Three", "Person"));
  again = import (STORE (fixture), other, "import-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (again), ==, 2);
  g_assert_cmpuint (clt_import_report_get_n_refused (again), ==, 0);
  g_assert_cmpuint (count (STORE (fixture)), ==, 2);

  third = import (STORE (fixture), other, "import-2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (third), ==, 1);
  g_assert_cmpuint (count (STORE (fixture)), ==, 3);
}

/* @data: the CltRole, which may not import (nor load sample data). */
static void
test_permission (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  set_local_role (STORE (fixture), GPOINTER_TO_INT (data));

  g_ptr_array_add (batch, new_customer ("denied@example.org", "De", "Nied"));
  report = import (STORE (fixture), batch, NULL, &error);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_PERMISSION_DENIED);
  g_assert_null (report);
  g_clear_error (&error);

  clt_sample_load_async (STORE (fixture), 10, 1, NULL, on_result_cb, &result);
  report = clt_sample_load_finish (STORE (fixture), wait_for (&result), &error);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_PERMISSION_DENIED);
  g_assert_null (report);

  g_assert_cmpuint (count (STORE (fixture)), ==, 0);
}

static GPtrArray *
list_sites (CltStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *sites;

  clt_store_list_sites_async (store, NULL, on_result_cb, &result);
  sites = clt_store_list_sites_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return sites;
}

static GPtrArray *
list_groups (CltStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *groups;

  clt_store_list_groups_async (store, NULL, on_result_cb, &result);
  groups = clt_store_list_groups_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return groups;
}

static void
test_sample (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(CltImportReport) second = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  /* More than one import's worth, to go through several batches. */
  clt_sample_load_async (STORE (fixture), CLT_STORE_MAX_IMPORT + 250, 7, NULL, on_result_cb,
                         &result);
  report = clt_sample_load_finish (STORE (fixture), wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, CLT_STORE_MAX_IMPORT + 250);
  g_assert_cmpuint (clt_import_report_get_n_refused (report), ==, 0);
  g_assert_cmpuint (count (STORE (fixture)), ==, CLT_STORE_MAX_IMPORT + 250);
  g_clear_object (&result);

  sites = list_sites (STORE (fixture));
  g_assert_cmpuint (sites->len, ==, 7);
  for (guint i = 0; i < sites->len; i++)
    found |= g_str_equal (clt_site_get_code (g_ptr_array_index (sites, i)), "de-shop");
  g_assert_true (found);
  groups = list_groups (STORE (fixture));
  g_assert_cmpuint (groups->len, ==, 5);
  g_clear_pointer (&sites, g_ptr_array_unref);

  /* Again: the sites and groups exist (fine), and new people are added. */
  clt_sample_load_async (STORE (fixture), 300, 7, NULL, on_result_cb, &result);
  second = clt_sample_load_finish (STORE (fixture), wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (second), ==, 300);
  g_assert_cmpuint (count (STORE (fixture)), ==, CLT_STORE_MAX_IMPORT + 550);
  sites = list_sites (STORE (fixture));
  g_assert_cmpuint (sites->len, ==, 7);
}

static void
test_sample_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  clt_sample_load_async (STORE (fixture), 100, 1, cancellable, on_result_cb, &result);
  report = clt_sample_load_finish (STORE (fixture), wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_assert_cmpuint (count (STORE (fixture)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add ("/clt/sqlite-import/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("refusals", NULL, test_refusals);
  ADD ("too-large", NULL, test_too_large);
  ADD ("request-id", NULL, test_request_id);
  ADD ("permission/viewer", GINT_TO_POINTER (CLT_ROLE_VIEWER), test_permission);
  ADD ("permission/staff", GINT_TO_POINTER (CLT_ROLE_STAFF), test_permission);
  ADD ("sample", NULL, test_sample);
  ADD ("sample-cancelled", NULL, test_sample_cancelled);

#undef ADD

  return g_test_run ();
}
