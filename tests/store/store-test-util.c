/* store-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "store-test-util"

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "store-test-util.h"

static char *note;
/* Every registered case (StoreCase), freed by store_test_run (): GTest
 * frees a case's data only after running it, and a case's child process
 * runs just that one. */
static GPtrArray *store_cases;

/* Fixture {{{ */

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_chmod (path, 0700);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_remove (path);
    }
}

void
store_fixture_setup (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&note, g_free);
  fixture->factory = data;
  /* In a subprocess, the folder the parent made (and removes, should this
   * case fail half-way). */
  if (g_test_subprocess () && g_getenv ("CLT_STORE_TEST_DIR") != NULL)
    fixture->dir = g_strdup (g_getenv ("CLT_STORE_TEST_DIR"));
  else
    fixture->dir = g_dir_make_tmp ("clt-store-conformance-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = fixture->factory->new_store (fixture->dir);
  g_assert_true (CLT_IS_STORE (fixture->store));
  fixture->second = NULL;
}

void
store_fixture_teardown (StoreFixture  *fixture,
                        gconstpointer  data)
{
  if (fixture->second != NULL)
    fixture->factory->free (g_steal_pointer (&fixture->second));
  if (fixture->store != NULL)
    fixture->factory->free (g_steal_pointer (&fixture->store));
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

CltStore *
store_fixture_open_second (StoreFixture *fixture)
{
  g_assert_null (fixture->second);
  fixture->second = fixture->factory->open_second (fixture->store, fixture->dir);
  g_assert_true (CLT_IS_STORE (fixture->second));
  return fixture->second;
}

void
store_fixture_set_role (StoreFixture *fixture,
                        CltRole       role)
{
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GError) error = NULL;

  fixture->factory->set_role (fixture->store, role);

  /* The factory's word is not enough: the store must say so too. */
  user = sync_get_current_user (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_backoffice_user_get_role (user), ==, role);
}

typedef struct
{
  const StoreFactory *factory;
  StoreTestFunc       func;
} StoreCase;

static gboolean
in_process (void)
{
  return g_strcmp0 (g_getenv ("CLT_STORE_TEST_IN_PROCESS"), "1") == 0;
}

static void
run_case (gconstpointer data)
{
  const StoreCase *store_case = data;
  StoreFixture fixture = { NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (in_process () || g_test_subprocess ())
    {
      store_fixture_setup (&fixture, store_case->factory);
      store_case->func (&fixture, store_case->factory);
      store_fixture_teardown (&fixture, store_case->factory);
      return;
    }

  dir = g_dir_make_tmp ("clt-store-conformance-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("CLT_STORE_TEST_DIR", dir, TRUE);

  /* The child's messages go to our stderr, its TAP output is its own. */
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("CLT_STORE_TEST_DIR");
  remove_tree (dir);
  g_test_trap_assert_passed ();
}

void
store_test_add (const char         *path,
                const StoreFactory *factory,
                StoreTestFunc       func)
{
  StoreCase *store_case = g_new0 (StoreCase, 1);

  store_case->factory = factory;
  store_case->func = func;
  if (store_cases == NULL)
    store_cases = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (store_cases, store_case);
  g_test_add_data_func (path, store_case, run_case);
}

int
store_test_run (void)
{
  int status = g_test_run ();

  g_clear_pointer (&store_cases, g_ptr_array_unref);
  return status;
}

void
store_test_init (void)
{
  /* A failed child fails its case, not the whole run. */
  if (!in_process () && !g_test_subprocess ())
    g_test_set_nonfatal_assertions ();
}

/* }}} */

/* Waiting {{{ */

void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

GAsyncResult *
store_wait (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  timeout_id = g_timeout_add_seconds (60, on_timeout_cb, &timed_out);
  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);
  if (*slot == NULL)
    g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,
                         "the store did not answer within a minute");

  return *slot;
}

void
spin_main_loop (guint msec)
{
  gboolean timed_out = FALSE;

  g_timeout_add (msec, on_timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static void
set_flag (gpointer data)
{
  g_atomic_int_set ((gint *) data, TRUE);
}

void
store_unref_and_wait_finalized (CltStore *store)
{
  gint finalized = FALSE;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_set_data_full (G_OBJECT (store), "store-factory-finalized", &finalized, set_flag);
  g_object_unref (store);
  while (!g_atomic_int_get (&finalized) && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
  g_assert_true (g_atomic_int_get (&finalized));
}

/* }}} */

/* Synchronous wrappers {{{ */

GPtrArray *
sync_list_customers (CltStore      *store,
                     CltQuery      *query,
                     guint          page_index,
                     guint          page_size,
                     CltListFlags   flags,
                     guint         *total,
                     GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_list_customers_async (store, query, page_index, page_size, flags, NULL,
                                  store_result_cb, &result);
  return clt_store_list_customers_finish (store, store_wait (&result), total, error);
}

gboolean
sync_count_customers (CltStore  *store,
                      CltQuery  *query,
                      guint     *n_customers,
                      GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_count_customers_async (store, query, NULL, store_result_cb, &result);
  return clt_store_count_customers_finish (store, store_wait (&result), n_customers, error);
}

CltCustomer *
sync_get_customer (CltStore    *store,
                   const char  *id,
                   GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_get_customer_async (store, id, NULL, store_result_cb, &result);
  return clt_store_get_customer_finish (store, store_wait (&result), error);
}

CltCustomerDetails *
sync_get_details (CltStore    *store,
                  const char  *id,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_get_customer_details_async (store, id, NULL, store_result_cb, &result);
  return clt_store_get_customer_details_finish (store, store_wait (&result), error);
}

CltCustomer *
sync_create_customer (CltStore     *store,
                      CltCustomer  *customer,
                      const char   *password,
                      gboolean      send_token,
                      const char   *request_id,
                      GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_create_customer_async (store, customer, password, send_token, request_id, NULL,
                                   store_result_cb, &result);
  return clt_store_create_customer_finish (store, store_wait (&result), error);
}

CltCustomer *
sync_update_customer (CltStore     *store,
                      CltCustomer  *customer,
                      GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_update_customer_async (store, customer, NULL, store_result_cb, &result);
  return clt_store_update_customer_finish (store, store_wait (&result), error);
}

gboolean
sync_delete_customer (CltStore    *store,
                      const char  *id,
                      gint64       version,
                      guint        undo_seconds,
                      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_delete_customer_async (store, id, version, undo_seconds, NULL, store_result_cb,
                                   &result);
  return clt_store_delete_customer_finish (store, store_wait (&result), error);
}

CltCustomer *
sync_undo_delete (CltStore    *store,
                  const char  *id,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_undo_delete_customer_async (store, id, NULL, store_result_cb, &result);
  return clt_store_undo_delete_customer_finish (store, store_wait (&result), error);
}

gboolean
sync_password_reset (CltStore    *store,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_send_password_reset_async (store, id, NULL, store_result_cb, &result);
  return clt_store_send_password_reset_finish (store, store_wait (&result), error);
}

CltImportReport *
sync_import (CltStore    *store,
             GPtrArray   *customers,
             const char  *request_id,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_import_customers_async (store, customers, request_id, NULL, store_result_cb, &result);
  return clt_store_import_customers_finish (store, store_wait (&result), error);
}

GPtrArray *
sync_list_addresses (CltStore    *store,
                     const char  *customer_id,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_list_addresses_async (store, customer_id, NULL, store_result_cb, &result);
  return clt_store_list_addresses_finish (store, store_wait (&result), error);
}

CltAddress *
sync_get_address (CltStore    *store,
                  const char  *customer_id,
                  const char  *address_id,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_get_address_async (store, customer_id, address_id, NULL, store_result_cb, &result);
  return clt_store_get_address_finish (store, store_wait (&result), error);
}

CltAddress *
sync_create_address (CltStore    *store,
                     CltAddress  *address,
                     const char  *request_id,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_create_address_async (store, address, request_id, NULL, store_result_cb, &result);
  return clt_store_create_address_finish (store, store_wait (&result), error);
}

CltAddress *
sync_update_address (CltStore    *store,
                     CltAddress  *address,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_update_address_async (store, address, NULL, store_result_cb, &result);
  return clt_store_update_address_finish (store, store_wait (&result), error);
}

gboolean
sync_delete_address (CltStore    *store,
                     const char  *customer_id,
                     const char  *address_id,
                     gint64       version,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_delete_address_async (store, customer_id, address_id, version, NULL, store_result_cb,
                                  &result);
  return clt_store_delete_address_finish (store, store_wait (&result), error);
}

CltCustomer *
sync_set_default_address (CltStore       *store,
                          const char     *customer_id,
                          gint64          customer_version,
                          const char     *address_id,
                          CltAddressUse   use,
                          GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_set_default_address_async (store, customer_id, customer_version, address_id, use, NULL,
                                       store_result_cb, &result);
  return clt_store_set_default_address_finish (store, store_wait (&result), error);
}

GPtrArray *
sync_list_notes (CltStore    *store,
                 const char  *customer_id,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_list_notes_async (store, customer_id, NULL, store_result_cb, &result);
  return clt_store_list_notes_finish (store, store_wait (&result), error);
}

CltNote *
sync_add_note (CltStore    *store,
               const char  *customer_id,
               const char  *message,
               const char  *request_id,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_add_note_async (store, customer_id, message, request_id, NULL, store_result_cb,
                            &result);
  return clt_store_add_note_finish (store, store_wait (&result), error);
}

GPtrArray *
sync_list_orders (CltStore    *store,
                  const char  *customer_id,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_list_orders_async (store, customer_id, NULL, store_result_cb, &result);
  return clt_store_list_orders_finish (store, store_wait (&result), error);
}

GPtrArray *
sync_list_emails (CltStore    *store,
                  const char  *customer_id,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_list_emails_async (store, customer_id, NULL, store_result_cb, &result);
  return clt_store_list_emails_finish (store, store_wait (&result), error);
}

gboolean
sync_set_email_state (CltStore       *store,
                      const char     *email_id,
                      CltEmailState   state,
                      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_set_email_state_async (store, email_id, state, NULL, store_result_cb, &result);
  return clt_store_set_email_state_finish (store, store_wait (&result), error);
}

GPtrArray *
sync_list_sites (CltStore  *store,
                 GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_list_sites_async (store, NULL, store_result_cb, &result);
  return clt_store_list_sites_finish (store, store_wait (&result), error);
}

CltSite *
sync_save_site (CltStore    *store,
                CltSite     *site,
                const char  *request_id,
                GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_save_site_async (store, site, request_id, NULL, store_result_cb, &result);
  return clt_store_save_site_finish (store, store_wait (&result), error);
}

gboolean
sync_delete_site (CltStore    *store,
                  const char  *code,
                  gint64       version,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_delete_site_async (store, code, version, NULL, store_result_cb, &result);
  return clt_store_delete_site_finish (store, store_wait (&result), error);
}

GPtrArray *
sync_list_groups (CltStore  *store,
                  GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_list_groups_async (store, NULL, store_result_cb, &result);
  return clt_store_list_groups_finish (store, store_wait (&result), error);
}

CltGroup *
sync_save_group (CltStore    *store,
                 CltGroup    *group,
                 const char  *request_id,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_save_group_async (store, group, request_id, NULL, store_result_cb, &result);
  return clt_store_save_group_finish (store, store_wait (&result), error);
}

gboolean
sync_delete_group (CltStore    *store,
                   const char  *code,
                   gint64       version,
                   GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_delete_group_async (store, code, version, NULL, store_result_cb, &result);
  return clt_store_delete_group_finish (store, store_wait (&result), error);
}

CltCustomer *
sync_set_groups (CltStore            *store,
                 const char          *customer_id,
                 gint64               customer_version,
                 const char * const  *group_codes,
                 GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_set_customer_groups_async (store, customer_id, customer_version, group_codes, NULL,
                                       store_result_cb, &result);
  return clt_store_set_customer_groups_finish (store, store_wait (&result), error);
}

GPtrArray *
sync_list_companies (CltStore  *store,
                     GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_list_companies_async (store, NULL, store_result_cb, &result);
  return clt_store_list_companies_finish (store, store_wait (&result), error);
}

CltCompany *
sync_save_company (CltStore    *store,
                   CltCompany  *company,
                   const char  *request_id,
                   GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_save_company_async (store, company, request_id, NULL, store_result_cb, &result);
  return clt_store_save_company_finish (store, store_wait (&result), error);
}

gboolean
sync_delete_company (CltStore    *store,
                     const char  *company_id,
                     gint64       version,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_delete_company_async (store, company_id, version, NULL, store_result_cb, &result);
  return clt_store_delete_company_finish (store, store_wait (&result), error);
}

CltCustomer *
sync_assign_company (CltStore            *store,
                     const char          *customer_id,
                     gint64               customer_version,
                     const char          *company_id,
                     const char          *business_unit,
                     const char * const  *roles,
                     GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_assign_company_async (store, customer_id, customer_version, company_id, business_unit,
                                  roles, NULL, store_result_cb, &result);
  return clt_store_assign_company_finish (store, store_wait (&result), error);
}

GPtrArray *
sync_list_custom_fields (CltStore  *store,
                         GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_list_custom_fields_async (store, NULL, store_result_cb, &result);
  return clt_store_list_custom_fields_finish (store, store_wait (&result), error);
}

CltCustomField *
sync_save_custom_field (CltStore        *store,
                        CltCustomField  *field,
                        const char      *request_id,
                        GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_save_custom_field_async (store, field, request_id, NULL, store_result_cb, &result);
  return clt_store_save_custom_field_finish (store, store_wait (&result), error);
}

gboolean
sync_delete_custom_field (CltStore    *store,
                          const char  *key,
                          gint64       version,
                          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_delete_custom_field_async (store, key, version, NULL, store_result_cb, &result);
  return clt_store_delete_custom_field_finish (store, store_wait (&result), error);
}

CltShopPreferences *
sync_get_preferences (CltStore  *store,
                      GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_get_preferences_async (store, NULL, store_result_cb, &result);
  return clt_store_get_preferences_finish (store, store_wait (&result), error);
}

CltShopPreferences *
sync_set_preferences (CltStore            *store,
                      CltShopPreferences  *preferences,
                      GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_set_preferences_async (store, preferences, NULL, store_result_cb, &result);
  return clt_store_set_preferences_finish (store, store_wait (&result), error);
}

CltBackofficeUser *
sync_get_current_user (CltStore  *store,
                       GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_get_current_user_async (store, NULL, store_result_cb, &result);
  return clt_store_get_current_user_finish (store, store_wait (&result), error);
}
/* }}} */

/* Making data {{{ */

CltCustomer *
make_customer (const char *first_name,
               const char *last_name,
               const char *email)
{
  CltCustomer *customer = clt_customer_new ();

  clt_customer_set_first_name (customer, first_name);
  clt_customer_set_last_name (customer, last_name);
  clt_customer_set_email (customer, email);
  clt_customer_set_currency (customer, "EUR");
  /* What the editor fills in from the shop preferences' defaults. */
  clt_customer_set_active (customer, TRUE);
  return customer;
}

CltCustomer *
add_customer (CltStore   *store,
              const char *first_name,
              const char *last_name,
              const char *email)
{
  g_autoptr(CltCustomer) customer = make_customer (first_name, last_name, email);
  g_autoptr(GError) error = NULL;
  CltCustomer *stored;

  stored = sync_create_customer (store, customer, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (clt_customer_get_id (stored), !=, "");
  return stored;
}

CltCustomer *
get_customer (CltStore   *store,
              const char *id)
{
  g_autoptr(GError) error = NULL;
  CltCustomer *customer = sync_get_customer (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (customer);
  return customer;
}

CltCustomer *
update_customer (CltStore    *store,
                 CltCustomer *customer)
{
  g_autoptr(GError) error = NULL;
  CltCustomer *stored = sync_update_customer (store, customer, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stored);
  return stored;
}

void
assert_create_conflict (CltStore   *store,
                        const char *email)
{
  g_autoptr(CltCustomer) customer = make_customer ("Second", "Try", email);
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;
  guint before = count_matches (store, NULL);

  stored = sync_create_customer (store, customer, NULL, FALSE, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_CONFLICT, "email");
  g_assert_null (stored);
  g_assert_cmpuint (count_matches (store, NULL), ==, before);
}

CltAddress *
make_address (const char *customer_id,
              const char *city,
              const char *zip_code)
{
  CltAddress *address = clt_address_new ();

  clt_address_set_customer_id (address, customer_id);
  clt_address_set_first_name (address, "Erika");
  clt_address_set_last_name (address, "Mustermann");
  clt_address_set_address1 (address, "Hauptstraße 1");
  clt_address_set_zip_code (address, zip_code);
  clt_address_set_city (address, city);
  clt_address_set_country (address, "DE");
  return address;
}

CltAddress *
add_address (CltStore   *store,
             const char *customer_id,
             const char *city,
             const char *zip_code)
{
  g_autoptr(CltAddress) address = make_address (customer_id, city, zip_code);
  g_autoptr(GError) error = NULL;
  CltAddress *stored;

  stored = sync_create_address (store, address, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (clt_address_get_id (stored), !=, "");
  return stored;
}

CltSite *
make_site (const char *code,
           const char *name)
{
  CltSite *site = clt_site_new ();

  clt_site_set_code (site, code);
  clt_site_set_name (site, name);
  clt_site_set_default_currency (site, "EUR");
  clt_site_set_active (site, TRUE);
  return site;
}

CltSite *
add_site (CltStore   *store,
          const char *code,
          const char *name)
{
  g_autoptr(CltSite) site = make_site (code, name);
  g_autoptr(GError) error = NULL;
  CltSite *stored;

  stored = sync_save_site (store, site, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  return stored;
}

CltGroup *
make_group (const char *code,
            const char *name)
{
  CltGroup *group = clt_group_new ();

  clt_group_set_code (group, code);
  clt_group_set_name (group, name);
  return group;
}

CltGroup *
add_group (CltStore   *store,
           const char *code,
           const char *name)
{
  g_autoptr(CltGroup) group = make_group (code, name);
  g_autoptr(GError) error = NULL;
  CltGroup *stored;

  stored = sync_save_group (store, group, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  return stored;
}

CltCompany *
make_company (const char *id,
              const char *name)
{
  static const char * const units[] = { "Sales", "Purchasing", NULL };
  static const char * const roles[] = { "buyer", "approver", NULL };
  CltCompany *company = clt_company_new ();

  clt_company_set_id (company, id);
  clt_company_set_name (company, name);
  clt_company_set_business_units (company, units);
  clt_company_set_roles (company, roles);
  return company;
}

CltCompany *
add_company (CltStore   *store,
             const char *id,
             const char *name)
{
  g_autoptr(CltCompany) company = make_company (id, name);
  g_autoptr(GError) error = NULL;
  CltCompany *stored;

  stored = sync_save_company (store, company, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  return stored;
}

CltCustomField *
make_custom_field (const char         *key,
                   const char         *label,
                   CltCustomFieldType  type)
{
  CltCustomField *field = clt_custom_field_new ();

  clt_custom_field_set_key (field, key);
  clt_custom_field_set_label (field, label);
  clt_custom_field_set_field_type (field, type);
  return field;
}

CltCustomField *
add_custom_field (CltStore           *store,
                  const char         *key,
                  const char         *label,
                  CltCustomFieldType  type)
{
  g_autoptr(CltCustomField) field = make_custom_field (key, label, type);
  g_autoptr(GError) error = NULL;
  CltCustomField *stored;

  stored = sync_save_custom_field (store, field, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  return stored;
}

CltCustomer *
make_import_customer (const char *id,
                      const char *first_name,
                      const char *last_name,
                      const char *email,
                      guint       n_orders)
{
  CltCustomer *customer = make_customer (first_name, last_name, email);
  g_autoptr(GDateTime) registered = g_date_time_new_utc (2021, 3, 4, 10, 0, 0);
  g_autofree char *number = g_strdup_printf ("IMP-%s", id);
  g_autofree char *address_id = g_strdup_printf ("addr-%s", id);
  CltAddress *address;

  clt_customer_set_id (customer, id);
  clt_customer_set_number (customer, number);
  clt_customer_set_registered (customer, registered);
  clt_customer_set_active (customer, TRUE);
  clt_customer_set_verified (customer, TRUE);

  address = make_address (id, "Köln", "50667");
  clt_address_set_id (address, address_id);
  g_ptr_array_add (clt_customer_get_import_addresses (customer), address);

  for (guint i = 0; i < n_orders; i++)
    {
      CltOrder *order = clt_order_new ();
      g_autofree char *reference = g_strdup_printf ("%s-order-%u", id, i + 1);
      g_autoptr(GDateTime) created = g_date_time_add_days (registered, (int) i + 1);

      clt_order_set_reference (order, reference);
      clt_order_set_customer_id (order, id);
      clt_order_set_created (order, created);
      clt_order_set_status (order, "completed");
      clt_order_set_total (order, 1999 + i);
      clt_order_set_currency (order, "EUR");
      g_ptr_array_add (clt_customer_get_import_orders (customer), order);
    }

  return customer;
}

/* }}} */

/* Asking {{{ */

guint
count_matches (CltStore   *store,
               const char *search_text)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  if (search_text != NULL)
    clt_query_set_search_text (query, search_text);

  customers = sync_list_customers (store, query, 0, CLT_STORE_MAX_PAGE_SIZE,
                                   CLT_LIST_FLAGS_WITH_TOTAL, &total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customers);
  g_assert_cmpuint (total, !=, CLT_TOTAL_UNKNOWN);
  if (total <= CLT_STORE_MAX_PAGE_SIZE)
    g_assert_cmpuint (customers->len, ==, total);

  return total;
}

gboolean
search_finds (CltStore   *store,
              const char *search_text,
              const char *id)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) customers = NULL;

  clt_query_set_search_text (query, search_text);
  customers = list_all (store, query, CLT_STORE_MAX_PAGE_SIZE);
  return customers_have_id (customers, id);
}

GPtrArray *
list_all (CltStore *store,
          CltQuery *query,
          guint     page_size)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  guint first_total = CLT_TOTAL_UNKNOWN;

  for (guint page = 0;; page++)
    {
      g_autoptr(GPtrArray) customers = NULL;
      g_autoptr(GError) error = NULL;
      guint total = 0;

      customers = sync_list_customers (store, query, page, page_size,
                                       CLT_LIST_FLAGS_WITH_TOTAL, &total, &error);
      g_assert_no_error (error);
      g_assert_nonnull (customers);
      g_assert_cmpuint (total, !=, CLT_TOTAL_UNKNOWN);
      if (page == 0)
        first_total = total;
      g_assert_cmpuint (total, ==, first_total);
      g_assert_cmpuint (customers->len, <=, page_size);

      for (guint i = 0; i < customers->len; i++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (customers, i)));

      if (customers->len < page_size)
        break;
    }

  g_assert_cmpuint (all->len, ==, first_total);
  return all;
}

gboolean
customers_have_id (GPtrArray  *customers,
                   const char *id)
{
  for (guint i = 0; i < customers->len; i++)
    if (g_strcmp0 (clt_customer_get_id (g_ptr_array_index (customers, i)), id) == 0)
      return TRUE;

  return FALSE;
}

gboolean
strv_has (const char * const *strv,
          const char         *value)
{
  return strv != NULL && g_strv_contains (strv, value);
}

char *
long_string (gunichar c,
             guint    n_chars)
{
  GString *string = g_string_new (NULL);

  for (guint i = 0; i < n_chars; i++)
    g_string_append_unichar (string, c);

  return g_string_free (string, FALSE);
}

/* }}} */

/* Change notification {{{ */

typedef struct
{
  CltChangeKind  kind;
  char          *id;
} Change;

struct _ChangeRecorder
{
  CltStore *store;
  gulong    handler_id;
  GArray   *changes;
};

static void
change_clear (gpointer data)
{
  Change *change = data;

  g_clear_pointer (&change->id, g_free);
}

static void
on_store_changed_cb (CltStore       *store,
                     CltChangeKind   kind,
                     const char     *id,
                     ChangeRecorder *recorder)
{
  Change change = { kind, g_strdup (id) };

  /* Always on the default main context, which this thread runs. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (recorder->changes, change);
}

ChangeRecorder *
change_recorder_new (CltStore *store)
{
  ChangeRecorder *recorder = g_new0 (ChangeRecorder, 1);

  recorder->store = g_object_ref (store);
  recorder->changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_array_set_clear_func (recorder->changes, change_clear);
  recorder->handler_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb),
                                           recorder);
  return recorder;
}

void
change_recorder_free (ChangeRecorder *recorder)
{
  g_clear_signal_handler (&recorder->handler_id, recorder->store);
  g_clear_object (&recorder->store);
  g_clear_pointer (&recorder->changes, g_array_unref);
  g_free (recorder);
}

void
change_recorder_clear (ChangeRecorder *recorder)
{
  g_array_set_size (recorder->changes, 0);
}

guint
change_recorder_count (ChangeRecorder *recorder)
{
  return recorder->changes->len;
}

/* @id ANY_ID matches any id. */
static const char ANY_ID[] = "any id";

static gboolean
change_recorder_has (ChangeRecorder *recorder,
                     CltChangeKind   kind,
                     const char     *id,
                     gboolean        or_customers)
{
  for (guint i = 0; i < recorder->changes->len; i++)
    {
      Change *change = &g_array_index (recorder->changes, Change, i);

      if (change->kind == kind && (id == ANY_ID || g_strcmp0 (change->id, id) == 0))
        return TRUE;
      if (or_customers && change->kind == CLT_CHANGE_CUSTOMERS)
        return TRUE;
    }

  return FALSE;
}

static gboolean
change_recorder_wait_full (ChangeRecorder *recorder,
                           CltChangeKind   kind,
                           const char     *id,
                           gboolean        or_customers,
                           guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean timed_out = FALSE;
  guint timeout_id;

  if (change_recorder_has (recorder, kind, id, or_customers))
    return TRUE;

  timeout_id = g_timeout_add (timeout_ms, on_timeout_cb, &timed_out);
  while (!change_recorder_has (recorder, kind, id, or_customers) &&
         !timed_out && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);

  return change_recorder_has (recorder, kind, id, or_customers);
}

gboolean
change_recorder_wait (ChangeRecorder *recorder,
                      CltChangeKind   kind,
                      const char     *id,
                      guint           timeout_ms)
{
  return change_recorder_wait_full (recorder, kind, id, FALSE, timeout_ms);
}

gboolean
change_recorder_wait_kind (ChangeRecorder *recorder,
                           CltChangeKind   kind,
                           guint           timeout_ms)
{
  return change_recorder_wait_full (recorder, kind, ANY_ID, FALSE, timeout_ms);
}

gboolean
change_recorder_wait_customer (ChangeRecorder *recorder,
                               const char     *id,
                               guint           timeout_ms)
{
  return change_recorder_wait_full (recorder, CLT_CHANGE_CUSTOMER, id, TRUE, timeout_ms);
}

/* }}} */

/* Errors {{{ */

void
store_test_note (const char *format,
                 ...)
{
  va_list args;

  g_clear_pointer (&note, g_free);
  va_start (args, format);
  note = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("%s", note);
}

static const char *
code_name (int code)
{
  static const char * const names[] = {
    "FAILED", "NOT_FOUND", "INVALID", "CONFLICT", "STALE", "READ_ONLY", "PERMISSION_DENIED",
    "NOT_SIGNED_IN", "TOO_MANY_REQUESTS", "TOO_LARGE", "UNAVAILABLE", "NOT_SUPPORTED",
  };

  return code >= 0 && code < (int) G_N_ELEMENTS (names) ? names[code] : "?";
}

static char *
describe_error (const GError *error)
{
  if (error == NULL)
    return g_strdup ("no error");

  if (error->domain != CLT_STORE_ERROR)
    return g_strdup_printf ("%s %d: %s", g_quark_to_string (error->domain), error->code,
                            error->message);

  return g_strdup_printf ("%s (field %s): %s", code_name (error->code),
                          clt_store_error_get_field (error) != NULL
                            ? clt_store_error_get_field (error) : "none",
                          error->message);
}

void
assert_store_error_impl (const char   *file,
                         int           line,
                         const char   *func,
                         const char   *expr,
                         const GError *error,
                         int           code,
                         const char   *field)
{
  g_autofree char *actual = NULL;
  g_autofree char *message = NULL;

  if (error != NULL && error->domain == CLT_STORE_ERROR && error->code == code &&
      (field == NULL || g_strcmp0 (clt_store_error_get_field (error), field) == 0) &&
      error->message != NULL && error->message[0] != '\0')
    return;

  actual = describe_error (error);
  message = g_strdup_printf ("%s%s%s: expected %s (field %s), got %s",
                             note != NULL ? note : "", note != NULL ? ": " : "", expr,
                             code_name (code), field != NULL ? field : "any", actual);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
}

void
assert_store_error_either_impl (const char   *file,
                                int           line,
                                const char   *func,
                                const char   *expr,
                                const GError *error,
                                int           code,
                                int           alt_code)
{
  g_autofree char *actual = NULL;
  g_autofree char *message = NULL;

  if (error != NULL && error->domain == CLT_STORE_ERROR &&
      (error->code == code || error->code == alt_code) &&
      error->message != NULL && error->message[0] != '\0')
    return;

  actual = describe_error (error);
  message = g_strdup_printf ("%s%s%s: expected %s or %s, got %s",
                             note != NULL ? note : "", note != NULL ? ": " : "", expr,
                             code_name (code), code_name (alt_code), actual);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
}

/* }}} */

/* The role of a store that acts as its local user (SQLite, PostgreSQL):
 * the shop preferences' "local-role". */
void
store_set_local_role (CltStore *store,
                      CltRole   role)
{
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(CltShopPreferences) stored = NULL;
  g_autoptr(GError) error = NULL;

  preferences = sync_get_preferences (store, &error);
  g_assert_no_error (error);
  clt_shop_preferences_set_local_role (preferences, role);
  stored = sync_set_preferences (store, preferences, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_shop_preferences_get_local_role (stored), ==, role);
}
