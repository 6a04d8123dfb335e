/* clt-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-enums.h"
#include "clt-error.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_STORE (clt_store_get_type ())

G_DECLARE_INTERFACE (CltStore, clt_store, CLT, STORE, GObject)

/* The one way the app reaches its data: CltSqliteStore (local file) and
 * CltRestStore (a clientele-server) implement it.
 *
 * Every operation is asynchronous and cancellable. An implementation
 * completes each *_async vfunc through a GTask whose source object is the
 * store (g_task_return_pointer/_boolean/_int): the public *_finish
 * functions below propagate that task, so implementations have no finish
 * vfuncs. An implementation leaves a vfunc NULL when it does not support the
 * operation: the wrapper then completes with G_IO_ERROR_NOT_SUPPORTED.
 * Everything else fails in the CLT_STORE_ERROR domain (or G_IO_ERROR_CANCELLED).
 *
 * Arrays are GPtrArray (transfer full) with g_object_unref as free func.
 * Objects passed in are not kept: the store copies what it needs.
 *
 * Signals: "changed" (const char *customer_id, nullable) after any write
 * that may change the customer table; NULL means "any number of customers"
 * (e.g. after loading sample data). Always emitted on the default main
 * context, whichever thread clt_store_emit_changed () is called from.
 *
 * Properties: "read-only" (gboolean: writes fail with
 * CLT_STORE_ERROR_READ_ONLY and the UI disables them), "location" (string:
 * the file path or server URL, for titles and messages). */

struct _CltStoreInterface
{
  GTypeInterface parent_iface;

  /* Customers. */
  void (*count_customers)    (CltStore *self, CltQuery *query,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*list_customers)     (CltStore *self, CltQuery *query, guint offset, guint limit,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*get_customer)       (CltStore *self, const char *customer_id,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*create_customer)    (CltStore *self, CltCustomer *customer, const char *initial_password,
                              gboolean send_password_token,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*update_customer)    (CltStore *self, CltCustomer *customer,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*delete_customer)    (CltStore *self, const char *customer_id,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*send_password_reset)(CltStore *self, const char *customer_id,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*import_customers)   (CltStore *self, GPtrArray *customers,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*load_sample)        (CltStore *self, guint n_customers, guint32 seed,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

  /* Addresses. */
  void (*list_addresses)     (CltStore *self, const char *customer_id,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*create_address)     (CltStore *self, CltAddress *address,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*update_address)     (CltStore *self, CltAddress *address,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*delete_address)     (CltStore *self, const char *customer_id, const char *address_id,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*set_default_address)(CltStore *self, const char *customer_id, const char *address_id,
                              CltAddressUse use,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

  /* Notes, orders, outbox. */
  void (*list_notes)         (CltStore *self, const char *customer_id,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*add_note)           (CltStore *self, const char *customer_id, const char *message,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*list_orders)        (CltStore *self, const char *customer_id,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*list_emails)        (CltStore *self, const char *customer_id,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*set_email_state)    (CltStore *self, gint64 email_id, CltEmailState state,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

  /* Sites, groups, companies, custom fields. save_* creates or replaces by key. */
  void (*list_sites)         (CltStore *self,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*save_site)          (CltStore *self, CltSite *site,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*delete_site)        (CltStore *self, const char *code,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*list_groups)        (CltStore *self,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*save_group)         (CltStore *self, CltGroup *group,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*delete_group)       (CltStore *self, const char *code,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*set_customer_groups)(CltStore *self, const char *customer_id, const char * const *group_codes,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*list_companies)     (CltStore *self,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*save_company)       (CltStore *self, CltCompany *company,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*delete_company)     (CltStore *self, const char *company_id,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*assign_company)     (CltStore *self, const char *customer_id, const char *company_id,
                              const char *business_unit, const char * const *roles,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*list_custom_fields) (CltStore *self,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*save_custom_field)  (CltStore *self, CltCustomField *field,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*delete_custom_field)(CltStore *self, const char *key,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

  /* Shop and session. */
  void (*get_preferences)    (CltStore *self,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*set_preferences)    (CltStore *self, CltShopPreferences *preferences,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*get_current_user)   (CltStore *self,
                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
};

gboolean            clt_store_get_read_only             (CltStore             *self);
char               *clt_store_dup_location              (CltStore             *self);
/* For implementations: emits "changed" on the store's main context from any thread. */
void                clt_store_emit_changed              (CltStore             *self,
                                                         const char           *customer_id);

void                clt_store_count_customers_async     (CltStore             *self,
                                                         CltQuery             *query,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_count_customers_finish    (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         guint                *n_customers,
                                                         GError              **error);
void                clt_store_list_customers_async      (CltStore             *self,
                                                         CltQuery             *query,
                                                         guint                 offset,
                                                         guint                 limit,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray          *clt_store_list_customers_finish     (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_get_customer_async        (CltStore             *self,
                                                         const char           *customer_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CltCustomer        *clt_store_get_customer_finish       (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* Creates the customer (unverified, numbered, registered now) and queues
 * the emails the shop rules ask for. Returns the stored customer. */
void                clt_store_create_customer_async     (CltStore             *self,
                                                         CltCustomer          *customer,
                                                         const char           *initial_password,
                                                         gboolean              send_password_token,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CltCustomer        *clt_store_create_customer_finish    (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* Fails with CLT_STORE_ERROR_STALE when the stored version differs from
 * the customer's "version". Returns the stored customer (new version). */
void                clt_store_update_customer_async     (CltStore             *self,
                                                         CltCustomer          *customer,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CltCustomer        *clt_store_update_customer_finish    (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* Deletes by anonymization: personal data, addresses and search entries
 * scrubbed, orders kept, the email free to register again. */
void                clt_store_delete_customer_async     (CltStore             *self,
                                                         const char           *customer_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_delete_customer_finish    (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_send_password_reset_async (CltStore             *self,
                                                         const char           *customer_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_send_password_reset_finish(CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* Writes customers as they are (numbers, dates, addresses and orders
 * included) in one transaction; for sample data and bulk loads. */
void                clt_store_import_customers_async    (CltStore             *self,
                                                         GPtrArray            *customers,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_import_customers_finish   (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* Adds @n_customers deterministic sample customers (CltSampleGenerator). */
void                clt_store_load_sample_async         (CltStore             *self,
                                                         guint                 n_customers,
                                                         guint32               seed,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_load_sample_finish        (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void                clt_store_list_addresses_async      (CltStore             *self,
                                                         const char           *customer_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray          *clt_store_list_addresses_finish     (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_create_address_async      (CltStore             *self,
                                                         CltAddress           *address,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CltAddress         *clt_store_create_address_finish     (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_update_address_async      (CltStore             *self,
                                                         CltAddress           *address,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CltAddress         *clt_store_update_address_finish     (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_delete_address_async      (CltStore             *self,
                                                         const char           *customer_id,
                                                         const char           *address_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_delete_address_finish     (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_set_default_address_async (CltStore             *self,
                                                         const char           *customer_id,
                                                         const char           *address_id,
                                                         CltAddressUse         use,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_set_default_address_finish(CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void                clt_store_list_notes_async          (CltStore             *self,
                                                         const char           *customer_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray          *clt_store_list_notes_finish         (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_add_note_async            (CltStore             *self,
                                                         const char           *customer_id,
                                                         const char           *message,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CltNote            *clt_store_add_note_finish           (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_list_orders_async         (CltStore             *self,
                                                         const char           *customer_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray          *clt_store_list_orders_finish        (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_list_emails_async         (CltStore             *self,
                                                         const char           *customer_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray          *clt_store_list_emails_finish        (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_set_email_state_async     (CltStore             *self,
                                                         gint64                email_id,
                                                         CltEmailState         state,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_set_email_state_finish    (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void                clt_store_list_sites_async          (CltStore             *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray          *clt_store_list_sites_finish         (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_save_site_async           (CltStore             *self,
                                                         CltSite              *site,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CltSite            *clt_store_save_site_finish          (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_delete_site_async         (CltStore             *self,
                                                         const char           *code,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_delete_site_finish        (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_list_groups_async         (CltStore             *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray          *clt_store_list_groups_finish        (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_save_group_async          (CltStore             *self,
                                                         CltGroup             *group,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CltGroup           *clt_store_save_group_finish         (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_delete_group_async        (CltStore             *self,
                                                         const char           *code,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_delete_group_finish       (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_set_customer_groups_async (CltStore             *self,
                                                         const char           *customer_id,
                                                         const char * const   *group_codes,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_set_customer_groups_finish(CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_list_companies_async      (CltStore             *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray          *clt_store_list_companies_finish     (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_save_company_async        (CltStore             *self,
                                                         CltCompany           *company,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CltCompany         *clt_store_save_company_finish       (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_delete_company_async      (CltStore             *self,
                                                         const char           *company_id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_delete_company_finish     (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_assign_company_async      (CltStore             *self,
                                                         const char           *customer_id,
                                                         const char           *company_id,
                                                         const char           *business_unit,
                                                         const char * const   *roles,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_assign_company_finish     (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_list_custom_fields_async  (CltStore             *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray          *clt_store_list_custom_fields_finish (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_save_custom_field_async   (CltStore             *self,
                                                         CltCustomField       *field,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CltCustomField     *clt_store_save_custom_field_finish  (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_delete_custom_field_async (CltStore             *self,
                                                         const char           *key,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_delete_custom_field_finish(CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void                clt_store_get_preferences_async     (CltStore             *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CltShopPreferences *clt_store_get_preferences_finish    (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_set_preferences_async     (CltStore             *self,
                                                         CltShopPreferences   *preferences,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            clt_store_set_preferences_finish    (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                clt_store_get_current_user_async    (CltStore             *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
CltBackofficeUser  *clt_store_get_current_user_finish   (CltStore             *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
