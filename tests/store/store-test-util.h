/* store-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-address.h"
#include "clt-backoffice-user.h"
#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer.h"
#include "clt-customer-details.h"
#include "clt-email.h"
#include "clt-error.h"
#include "clt-group.h"
#include "clt-import-report.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-query.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"
#include "clt-store.h"
#include "clt-validate.h"

#include "store-factory.h"

G_BEGIN_DECLS

/* The fixture every case gets: a fresh store on empty data in its own
 * temporary folder, made by the back end's factory (the test data). */
typedef struct
{
  const StoreFactory *factory;
  char               *dir;
  CltStore           *store;
  CltStore           *second;
} StoreFixture;

void         store_fixture_setup       (StoreFixture  *fixture,
                                        gconstpointer  data);
void         store_fixture_teardown    (StoreFixture  *fixture,
                                        gconstpointer  data);
/* Opens fixture->second, another instance on the same data. */
CltStore    *store_fixture_open_second (StoreFixture  *fixture);
void         store_fixture_set_role    (StoreFixture  *fixture,
                                        CltRole        role);

typedef void (*StoreTestFunc) (StoreFixture *fixture, gconstpointer data);

/* Adds a case that runs @func on a fresh fixture. Each case runs in a
 * subprocess of its own, so that a failing or crashing case (the store
 * aborting on a bad input, say) is reported and the others still run;
 * CLT_STORE_TEST_IN_PROCESS=1 runs them in the test process, for a
 * debugger. */
void store_test_add (const char         *path,
                     const StoreFactory *factory,
                     StoreTestFunc       func);

#define STORE_TEST(path, func) store_test_add ((path), factory, (func))

/* Call once after g_test_init(). */
void store_test_init (void);

/* Runs the registered cases (g_test_run ()) and frees what
 * store_test_add () kept; returns g_test_run ()'s status. */
int  store_test_run  (void);

/* Registration, one per file of cases. */
void register_list_cases      (const StoreFactory *factory);
void register_customer_cases  (const StoreFactory *factory);
void register_delete_cases    (const StoreFactory *factory);
void register_child_cases     (const StoreFactory *factory);
void register_shop_cases      (const StoreFactory *factory);
void register_access_cases    (const StoreFactory *factory);
void register_assisted_cases  (const StoreFactory *factory);
void register_field_cases     (const StoreFactory *factory);
void register_marketing_cases (const StoreFactory *factory);

/* Waiting {{{ */

/* Stores the result in the GAsyncResult * slot @user_data. */
void          store_result_cb  (GObject       *object,
                                GAsyncResult  *result,
                                gpointer       user_data);
/* Iterates the default main context until *@slot is set; fails the test
 * after a minute. */
GAsyncResult *store_wait       (GAsyncResult **slot);
/* Iterates the default main context for @msec milliseconds. */
void          spin_main_loop   (guint          msec);
/* Drops the caller's reference to @store and iterates the default main
 * context until the store is finalized (worker threads and requests still
 * hold it a moment); fails the test after ten seconds. */
void          store_unref_and_wait_finalized (CltStore *store);
/* Calls through @store act as @role from now on, for a store without a
 * server in between (the shop preferences' "local-role"). */
void          store_set_local_role (CltStore *store,
                                    CltRole   role);

/* }}} */

/* Synchronous wrappers of every operation {{{ */

GPtrArray          *sync_list_customers      (CltStore          *store,
                                              CltQuery          *query,
                                              guint              page_index,
                                              guint              page_size,
                                              CltListFlags       flags,
                                              guint             *total,
                                              GError           **error);
gboolean            sync_count_customers     (CltStore          *store,
                                              CltQuery          *query,
                                              guint             *n_customers,
                                              GError           **error);
CltCustomer        *sync_get_customer        (CltStore          *store,
                                              const char        *id,
                                              GError           **error);
CltCustomerDetails *sync_get_details         (CltStore          *store,
                                              const char        *id,
                                              GError           **error);
CltCustomer        *sync_create_customer     (CltStore          *store,
                                              CltCustomer       *customer,
                                              const char        *password,
                                              gboolean           send_token,
                                              const char        *request_id,
                                              GError           **error);
CltCustomer        *sync_update_customer     (CltStore          *store,
                                              CltCustomer       *customer,
                                              GError           **error);
gboolean            sync_delete_customer     (CltStore          *store,
                                              const char        *id,
                                              gint64             version,
                                              guint              undo_seconds,
                                              GError           **error);
CltCustomer        *sync_undo_delete         (CltStore          *store,
                                              const char        *id,
                                              GError           **error);
gboolean            sync_password_reset      (CltStore          *store,
                                              const char        *id,
                                              GError           **error);
CltImportReport    *sync_import              (CltStore          *store,
                                              GPtrArray         *customers,
                                              const char        *request_id,
                                              GError           **error);

GPtrArray          *sync_list_addresses      (CltStore          *store,
                                              const char        *customer_id,
                                              GError           **error);
CltAddress         *sync_get_address         (CltStore          *store,
                                              const char        *customer_id,
                                              const char        *address_id,
                                              GError           **error);
CltAddress         *sync_create_address      (CltStore          *store,
                                              CltAddress        *address,
                                              const char        *request_id,
                                              GError           **error);
CltAddress         *sync_update_address      (CltStore          *store,
                                              CltAddress        *address,
                                              GError           **error);
gboolean            sync_delete_address      (CltStore          *store,
                                              const char        *customer_id,
                                              const char        *address_id,
                                              gint64             version,
                                              GError           **error);
CltCustomer        *sync_set_default_address (CltStore          *store,
                                              const char        *customer_id,
                                              gint64             customer_version,
                                              const char        *address_id,
                                              CltAddressUse      use,
                                              GError           **error);

GPtrArray          *sync_list_notes          (CltStore          *store,
                                              const char        *customer_id,
                                              GError           **error);
CltNote            *sync_add_note            (CltStore          *store,
                                              const char        *customer_id,
                                              const char        *message,
                                              const char        *request_id,
                                              GError           **error);
GPtrArray          *sync_list_orders         (CltStore          *store,
                                              const char        *customer_id,
                                              GError           **error);
GPtrArray          *sync_list_emails         (CltStore          *store,
                                              const char        *customer_id,
                                              GError           **error);
gboolean            sync_set_email_state     (CltStore          *store,
                                              const char        *email_id,
                                              CltEmailState      state,
                                              GError           **error);

GPtrArray          *sync_list_sites          (CltStore          *store,
                                              GError           **error);
CltSite            *sync_save_site           (CltStore          *store,
                                              CltSite           *site,
                                              const char        *request_id,
                                              GError           **error);
gboolean            sync_delete_site         (CltStore          *store,
                                              const char        *code,
                                              gint64             version,
                                              GError           **error);
GPtrArray          *sync_list_groups         (CltStore          *store,
                                              GError           **error);
CltGroup           *sync_save_group          (CltStore          *store,
                                              CltGroup          *group,
                                              const char        *request_id,
                                              GError           **error);
gboolean            sync_delete_group        (CltStore          *store,
                                              const char        *code,
                                              gint64             version,
                                              GError           **error);
CltCustomer        *sync_set_groups          (CltStore          *store,
                                              const char        *customer_id,
                                              gint64             customer_version,
                                              const char * const *group_codes,
                                              GError           **error);
GPtrArray          *sync_list_companies      (CltStore          *store,
                                              GError           **error);
CltCompany         *sync_save_company        (CltStore          *store,
                                              CltCompany        *company,
                                              const char        *request_id,
                                              GError           **error);
gboolean            sync_delete_company      (CltStore          *store,
                                              const char        *company_id,
                                              gint64             version,
                                              GError           **error);
CltCustomer        *sync_assign_company      (CltStore          *store,
                                              const char        *customer_id,
                                              gint64             customer_version,
                                              const char        *company_id,
                                              const char        *business_unit,
                                              const char * const *roles,
                                              GError           **error);
GPtrArray          *sync_list_custom_fields  (CltStore          *store,
                                              GError           **error);
CltCustomField     *sync_save_custom_field   (CltStore          *store,
                                              CltCustomField    *field,
                                              const char        *request_id,
                                              GError           **error);
gboolean            sync_delete_custom_field (CltStore          *store,
                                              const char        *key,
                                              gint64             version,
                                              GError           **error);

CltShopPreferences *sync_get_preferences     (CltStore          *store,
                                              GError           **error);
CltShopPreferences *sync_set_preferences     (CltStore          *store,
                                              CltShopPreferences *preferences,
                                              GError           **error);
CltBackofficeUser  *sync_get_current_user    (CltStore          *store,
                                              GError           **error);

/* }}} */

/* Making data {{{ */

/* A customer ready to create: names, @email, currency EUR. */
CltCustomer *make_customer       (const char  *first_name,
                                  const char  *last_name,
                                  const char  *email);
/* Creates it (no password, no request id) and asserts success. */
CltCustomer *add_customer        (CltStore    *store,
                                  const char  *first_name,
                                  const char  *last_name,
                                  const char  *email);
/* A German address of @customer_id, ready to create. */
/* @id as stored; asserts success. */
CltCustomer *get_customer        (CltStore    *store,
                                  const char  *id);
/* Updates @customer and asserts success. */
CltCustomer *update_customer     (CltStore    *store,
                                  CltCustomer *customer);
/* Creating another customer with @email must fail CONFLICT on "email" and
 * leave no customer. */
void         assert_create_conflict (CltStore   *store,
                                     const char *email);
CltAddress  *make_address        (const char  *customer_id,
                                  const char  *city,
                                  const char  *zip_code);
CltAddress  *add_address         (CltStore    *store,
                                  const char  *customer_id,
                                  const char  *city,
                                  const char  *zip_code);
CltSite     *make_site           (const char  *code,
                                  const char  *name);
CltSite     *add_site            (CltStore    *store,
                                  const char  *code,
                                  const char  *name);
CltGroup    *make_group          (const char  *code,
                                  const char  *name);
CltGroup    *add_group           (CltStore    *store,
                                  const char  *code,
                                  const char  *name);
CltCompany  *make_company        (const char  *id,
                                  const char  *name);
CltCompany  *add_company         (CltStore    *store,
                                  const char  *id,
                                  const char  *name);
CltCustomField *make_custom_field (const char        *key,
                                   const char        *label,
                                   CltCustomFieldType type);
CltCustomField *add_custom_field  (CltStore          *store,
                                   const char        *key,
                                   const char        *label,
                                   CltCustomFieldType type);
/* A customer to import with an id, a number, a registration date,
 * @n_orders orders and one address. */
CltCustomer *make_import_customer (const char  *id,
                                   const char  *first_name,
                                   const char  *last_name,
                                   const char  *email,
                                   guint        n_orders);

/* }}} */

/* Asking {{{ */

/* The number of customers @search_text (NULL: all) finds, from the total
 * of a list call, checked against the rows of the first page. */
guint        count_matches       (CltStore    *store,
                                  const char  *search_text);
/* Whether @search_text finds the customer @id. */
gboolean     search_finds        (CltStore    *store,
                                  const char  *search_text,
                                  const char  *id);
/* All customers @query matches, walking pages of @page_size; asserts
 * that the total of every page agrees. */
GPtrArray   *list_all            (CltStore    *store,
                                  CltQuery    *query,
                                  guint        page_size);
gboolean     customers_have_id   (GPtrArray   *customers,
                                  const char  *id);
gboolean     strv_has            (const char * const *strv,
                                  const char  *value);
char        *long_string         (gunichar     c,
                                  guint        n_chars);

/* }}} */

/* Change notification {{{ */

typedef struct _ChangeRecorder ChangeRecorder;

ChangeRecorder *change_recorder_new   (CltStore       *store);
void            change_recorder_free  (ChangeRecorder *recorder);
void            change_recorder_clear (ChangeRecorder *recorder);
guint           change_recorder_count (ChangeRecorder *recorder);
/* Spins the main loop until "changed" was emitted with @kind and @id
 * (NULL: an emission with a NULL id) or @timeout_ms passed. */
gboolean        change_recorder_wait  (ChangeRecorder *recorder,
                                       CltChangeKind   kind,
                                       const char     *id,
                                       guint           timeout_ms);
/* As change_recorder_wait() for "a change of this customer": either
 * CLT_CHANGE_CUSTOMER with @id or CLT_CHANGE_CUSTOMERS (any customers). */
gboolean        change_recorder_wait_customer (ChangeRecorder *recorder,
                                               const char     *id,
                                               guint           timeout_ms);
/* As change_recorder_wait() for any id. */
gboolean        change_recorder_wait_kind     (ChangeRecorder *recorder,
                                               CltChangeKind   kind,
                                               guint           timeout_ms);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChangeRecorder, change_recorder_free)

/* }}} */

/* Errors {{{ */

/* Says what a case is checking (a g_test_message()), and remembers it so
 * that a failing assert_store_error() names it too. */
void store_test_note (const char *format,
                      ...) G_GNUC_PRINTF (1, 2);

/* @error is CLT_STORE_ERROR @code and, when @field is not NULL, names
 * @field; its message is not empty (it is shown to users). */
#define assert_store_error(error, code, field) \
  assert_store_error_impl (__FILE__, __LINE__, G_STRFUNC, #error, (error), (code), (field))

void assert_store_error_impl (const char   *file,
                              int           line,
                              const char   *func,
                              const char   *expr,
                              const GError *error,
                              int           code,
                              const char   *field);

/* @error is CLT_STORE_ERROR @code or @alt_code. */
#define assert_store_error_either(error, code, alt_code) \
  assert_store_error_either_impl (__FILE__, __LINE__, G_STRFUNC, #error, (error), (code), (alt_code))

void assert_store_error_either_impl (const char   *file,
                                     int           line,
                                     const char   *func,
                                     const char   *expr,
                                     const GError *error,
                                     int           code,
                                     int           alt_code);

/* }}} */

G_END_DECLS
