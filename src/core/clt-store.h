/* clt-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-enums.h"
#include "clt-error.h"
#include "clt-types.h"
#include "clt-validate.h"

G_BEGIN_DECLS

#define CLT_TYPE_STORE (clt_store_get_type ())

G_DECLARE_INTERFACE (CltStore, clt_store, CLT, STORE, GObject)

/* The one way the app reaches its data: CltSqliteStore (a local file) and
 * CltRestStore (a clientele-server) implement it, and one conformance
 * suite (tests/store/) holds both to what this header promises.
 *
 * - Every operation is asynchronous and cancellable. An implementation
 *   completes each *_async vfunc through a GTask whose source object is the
 *   store (g_task_return_pointer/_boolean): the public *_finish functions
 *   propagate it, so implementations have no finish vfuncs. A NULL vfunc
 *   completes with CLT_STORE_ERROR_NOT_SUPPORTED.
 * - Failures are CLT_STORE_ERROR (or G_IO_ERROR_CANCELLED), whatever the
 *   back end: nothing of SQL or HTTP shows through.
 * - Ids are strings everywhere (customers, addresses, notes, outbox
 *   messages; codes and keys for shop data).
 * - Every write to something that exists names the version it was based on
 *   (the object's "version", or a version argument) and fails with STALE
 *   when it moved; every change bumps it. No write silently undoes another.
 * - Creates take a caller-chosen request id (NULL: none); repeating a create
 *   with the same id returns the first result.
 * - Every operation is done as the signed-in user
 *   (clt_store_get_current_user_async ()); what their role may not do fails
 *   with PERMISSION_DENIED (clt_role_may ()), and writes record who made
 *   them.
 * - Arrays are GPtrArray (transfer full) with g_object_unref as free func.
 *   Objects passed in are not kept: the store copies what it needs.
 * - Limits (CLT_STORE_MAX_*) fail with TOO_LARGE, bad paging with INVALID.
 *
 * Signals: "changed" (CltChangeKind kind, const char *id) after any change,
 * made through this store or by someone else on the same data (another
 * window on the same file, another user of the same server; seen within a
 * few seconds). See CltChangeKind for what @id is. Always emitted on the
 * default main context.
 *
 * Properties: "read-only" (gboolean: writes fail with
 * CLT_STORE_ERROR_READ_ONLY and the UI disables them), "location" (string:
 * the file path or server URL, for titles and messages). */

#define CLT_STORE_MAX_PAGE_SIZE   CLT_VALIDATE_MAX_PAGE_SIZE
#define CLT_STORE_MAX_IMPORT      CLT_VALIDATE_MAX_IMPORT_ROWS

typedef enum
{
  CLT_LIST_FLAGS_NONE       = 0,
  CLT_LIST_FLAGS_WITH_TOTAL = 1 << 0,  /* count the matches too */
} CltListFlags;

/* A page of customers and, when asked for, the number of all matches. */
typedef struct
{
  GPtrArray *customers;
  guint      total;                    /* CLT_TOTAL_UNKNOWN when not counted */
} CltCustomerRows;

#define CLT_TOTAL_UNKNOWN G_MAXUINT

/* One entry of the change log: what "changed" told (see CltChangeKind for
 * @id) and its sequence number. */
typedef struct
{
  gint64         seq;
  CltChangeKind  kind;
  char          *id;
} CltChange;

/* Entries of the change log after a sequence number, oldest first
 * (GArray of CltChange, which frees their ids), and the sequence number
 * to ask after next time. */
typedef struct
{
  GArray *changes;
  gint64  last;
} CltChanges;

struct _CltStoreInterface
{
  GTypeInterface parent_iface;

  /* Returns a CltCustomerRows (g_task_return_pointer with
   * clt_customer_rows_free). */
  void (*list_customers)       (CltStore *self, CltQuery *query, guint page_index, guint page_size,
                                CltListFlags flags,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

  /* Customers (list_customers is below). */
  void (*get_customer)         (CltStore *self, const char *customer_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*get_customer_details) (CltStore *self, const char *customer_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*create_customer)      (CltStore *self, CltCustomer *customer, const char *initial_password, gboolean send_password_token, const char *request_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*update_customer)      (CltStore *self, CltCustomer *customer,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*delete_customer)      (CltStore *self, const char *customer_id, gint64 version, guint undo_seconds,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*undo_delete_customer) (CltStore *self, const char *customer_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*send_password_reset)  (CltStore *self, const char *customer_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*import_customers)     (CltStore *self, GPtrArray *customers, const char *request_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

  /* Addresses. */
  void (*list_addresses)       (CltStore *self, const char *customer_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*get_address)          (CltStore *self, const char *customer_id, const char *address_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*create_address)       (CltStore *self, CltAddress *address, const char *request_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*update_address)       (CltStore *self, CltAddress *address,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*delete_address)       (CltStore *self, const char *customer_id, const char *address_id, gint64 version,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*set_default_address)  (CltStore *self, const char *customer_id, gint64 customer_version, const char *address_id, CltAddressUse use,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

  /* Notes, orders, outbox. */
  void (*list_notes)           (CltStore *self, const char *customer_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*add_note)             (CltStore *self, const char *customer_id, const char *message, const char *request_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*list_orders)          (CltStore *self, const char *customer_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*list_emails)          (CltStore *self, const char *customer_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*set_email_state)      (CltStore *self, const char *email_id, CltEmailState state,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

  /* Sites, groups, companies, custom fields. */
  void (*list_sites)           (CltStore *self,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*save_site)            (CltStore *self, CltSite *site, const char *request_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*delete_site)          (CltStore *self, const char *code, gint64 version,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*list_groups)          (CltStore *self,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*save_group)           (CltStore *self, CltGroup *group, const char *request_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*delete_group)         (CltStore *self, const char *code, gint64 version,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*set_customer_groups)  (CltStore *self, const char *customer_id, gint64 customer_version, const char * const *group_codes,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*list_companies)       (CltStore *self,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*save_company)         (CltStore *self, CltCompany *company, const char *request_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*delete_company)       (CltStore *self, const char *company_id, gint64 version,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*assign_company)       (CltStore *self, const char *customer_id, gint64 customer_version, const char *company_id, const char *business_unit, const char * const *roles,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*list_custom_fields)   (CltStore *self,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*save_custom_field)    (CltStore *self, CltCustomField *field, const char *request_id,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*delete_custom_field)  (CltStore *self, const char *key, gint64 version,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

  /* Shop and session. */
  void (*get_preferences)      (CltStore *self,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*set_preferences)      (CltStore *self, CltShopPreferences *preferences,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*get_current_user)     (CltStore *self,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

  /* The change log. Returns a CltChanges (g_task_return_pointer with
   * clt_changes_free). */
  void (*list_changes)         (CltStore *self, gint64 since, guint limit,
                                GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

  /* Assisted Buying (see clt_store_start_assisted_buying_async ()).
   * start returns the URL (g_task_return_pointer with g_free), redeem a
   * CltAssistedSession, list a GPtrArray of them. */
  void (*start_assisted_buying) (CltStore *self, const char *customer_id, const char *site_code,
                                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*redeem_assisted_buying) (CltStore *self, const char *token,
                                  GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*list_assisted_buying)  (CltStore *self, const char *customer_id,
                                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
};

CltCustomerRows    *clt_customer_rows_new                   (GPtrArray            *customers,
                                                             guint                 total);
void                clt_customer_rows_free                  (CltCustomerRows      *rows);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CltCustomerRows, clt_customer_rows_free)
void                clt_change_clear                        (gpointer              change);
CltChanges         *clt_changes_new                         (void);
void                clt_changes_free                        (CltChanges           *changes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CltChanges, clt_changes_free)

/* The acting user of this thread. A server acts for many users through one
 * store: between begin and end, the operations this thread starts act as
 * @user (copied): their role decides what they may do, their username is
 * the author of what they write and the owner of their request ids, and
 * get_current_user returns them. Without one, a store acts as its own
 * signed-in user. Stores capture the acting user when an operation starts,
 * so it may complete on any thread. */
void                clt_store_begin_acting_as               (CltBackofficeUser    *user);
void                clt_store_end_acting_as                 (void);
/* Returns: (transfer full) (nullable): a copy of this thread's acting user */
CltBackofficeUser  *clt_store_dup_acting_user               (void);

gboolean            clt_store_get_read_only                 (CltStore             *self);
char               *clt_store_dup_location                  (CltStore             *self);
/* For implementations: emits "changed" on the default main context, from
 * any thread. */
void                clt_store_emit_changed                  (CltStore             *self,
                                                             CltChangeKind         kind,
                                                             const char           *id);

/* One page of the customers @query matches (NULL: all), in its order:
 * rows page_index * page_size … + page_size − 1. @page_size is 1 to
 * CLT_STORE_MAX_PAGE_SIZE. With CLT_LIST_FLAGS_WITH_TOTAL the number of
 * all matches comes back in the same answer (one round trip per
 * keystroke); without, @total is CLT_TOTAL_UNKNOWN. */
void                clt_store_list_customers_async          (CltStore             *self,
                                                             CltQuery             *query,
                                                             guint                 page_index,
                                                             guint                 page_size,
                                                             CltListFlags          flags,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray          *clt_store_list_customers_finish         (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             guint                *total,
                                                             GError              **error);
/* The number of customers @query matches: list_customers for one row, with
 * its total. */
void                clt_store_count_customers_async         (CltStore             *self,
                                                             CltQuery             *query,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            clt_store_count_customers_finish        (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             guint                *n_customers,
                                                             GError              **error);

void                clt_store_get_customer_async            (CltStore             *self,
                                                             const char           *customer_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltCustomer        *clt_store_get_customer_finish           (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* Everything the customer page shows, in one call: the customer, its
 * addresses, notes, orders and outbox, the shop's sites, and the groups
 * and company the customer belongs to. */
void                clt_store_get_customer_details_async    (CltStore             *self,
                                                             const char           *customer_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltCustomerDetails *clt_store_get_customer_details_finish   (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* Creates the customer (unverified, numbered, registered now) and queues
 * the emails the shop rules ask for. Repeating a create with the same
 * @request_id returns the first result instead of a second customer.
 * Returns the stored customer. */
void                clt_store_create_customer_async         (CltStore             *self,
                                                             CltCustomer          *customer,
                                                             const char           *initial_password,
                                                             gboolean              send_password_token,
                                                             const char           *request_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltCustomer        *clt_store_create_customer_finish        (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* Writes the customer's editable fields, activation, groups and company,
 * based on its "version": fails with CLT_STORE_ERROR_STALE when the stored
 * version differs. Returns the stored customer (new version). */
void                clt_store_update_customer_async         (CltStore             *self,
                                                             CltCustomer          *customer,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltCustomer        *clt_store_update_customer_finish        (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* Deletes by anonymization: personal data, addresses and search entries
 * scrubbed, orders kept, the email free to register again. With
 * @undo_seconds > 0 the deletion is recorded and the customer hidden at
 * once, and the store completes it after that time (or on its next start,
 * should it stop before): clt_store_undo_delete_customer_async () takes it
 * back until then, and deleting again with 0 completes it now. */
void                clt_store_delete_customer_async         (CltStore             *self,
                                                             const char           *customer_id,
                                                             gint64                version,
                                                             guint                 undo_seconds,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            clt_store_delete_customer_finish        (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* Takes back a deletion still waiting out its undo time; NOT_FOUND when
 * there is none (any more). Returns the customer as it was. */
void                clt_store_undo_delete_customer_async    (CltStore             *self,
                                                             const char           *customer_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltCustomer        *clt_store_undo_delete_customer_finish   (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                clt_store_send_password_reset_async     (CltStore             *self,
                                                             const char           *customer_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            clt_store_send_password_reset_finish    (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* Adds customers as they are (numbers, dates, addresses and orders
 * included, see CltCustomer's import data): every row is validated, and
 * what is refused is reported per row in the CltImportReport; the rest is
 * written in one transaction. At most CLT_STORE_MAX_IMPORT rows a call. */
void                clt_store_import_customers_async        (CltStore             *self,
                                                             GPtrArray            *customers,
                                                             const char           *request_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltImportReport    *clt_store_import_customers_finish       (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

void                clt_store_list_addresses_async          (CltStore             *self,
                                                             const char           *customer_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray          *clt_store_list_addresses_finish         (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                clt_store_get_address_async             (CltStore             *self,
                                                             const char           *customer_id,
                                                             const char           *address_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltAddress         *clt_store_get_address_finish            (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* Adds @address to the customer its "customer-id" names. A repeated
 * @request_id returns the first result. */
void                clt_store_create_address_async          (CltStore             *self,
                                                             CltAddress           *address,
                                                             const char           *request_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltAddress         *clt_store_create_address_finish         (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* Based on the address's "version" (STALE when it moved). */
void                clt_store_update_address_async          (CltStore             *self,
                                                             CltAddress           *address,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltAddress         *clt_store_update_address_finish         (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                clt_store_delete_address_async          (CltStore             *self,
                                                             const char           *customer_id,
                                                             const char           *address_id,
                                                             gint64                version,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            clt_store_delete_address_finish         (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* Makes @address_id the customer's default billing or shipping address.
 * Returns the stored customer (new version). */
void                clt_store_set_default_address_async     (CltStore             *self,
                                                             const char           *customer_id,
                                                             gint64                customer_version,
                                                             const char           *address_id,
                                                             CltAddressUse         use,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltCustomer        *clt_store_set_default_address_finish    (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

void                clt_store_list_notes_async              (CltStore             *self,
                                                             const char           *customer_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray          *clt_store_list_notes_finish             (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* The note's author is the signed-in user. */
void                clt_store_add_note_async                (CltStore             *self,
                                                             const char           *customer_id,
                                                             const char           *message,
                                                             const char           *request_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltNote            *clt_store_add_note_finish               (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                clt_store_list_orders_async             (CltStore             *self,
                                                             const char           *customer_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray          *clt_store_list_orders_finish            (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* The outbox: mails written for the customer (CltEmail). */
void                clt_store_list_emails_async             (CltStore             *self,
                                                             const char           *customer_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray          *clt_store_list_emails_finish            (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* A mail handed off (to the mail app or a server) or sent keeps no
 * password and no working link: the store scrubs its body. */
void                clt_store_set_email_state_async         (CltStore             *self,
                                                             const char           *email_id,
                                                             CltEmailState         state,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            clt_store_set_email_state_finish        (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

void                clt_store_list_sites_async              (CltStore             *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray          *clt_store_list_sites_finish             (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* Creates the site when its "version" is 0 (CONFLICT when the code is
 * taken), else replaces it when the version matches (STALE otherwise). */
void                clt_store_save_site_async               (CltStore             *self,
                                                             CltSite              *site,
                                                             const char           *request_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltSite            *clt_store_save_site_finish              (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                clt_store_delete_site_async             (CltStore             *self,
                                                             const char           *code,
                                                             gint64                version,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            clt_store_delete_site_finish            (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                clt_store_list_groups_async             (CltStore             *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray          *clt_store_list_groups_finish            (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* As save_site. */
void                clt_store_save_group_async              (CltStore             *self,
                                                             CltGroup             *group,
                                                             const char           *request_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltGroup           *clt_store_save_group_finish             (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                clt_store_delete_group_async            (CltStore             *self,
                                                             const char           *code,
                                                             gint64                version,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            clt_store_delete_group_finish           (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* Returns the stored customer (new version). */
void                clt_store_set_customer_groups_async     (CltStore             *self,
                                                             const char           *customer_id,
                                                             gint64                customer_version,
                                                             const char * const   *group_codes,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltCustomer        *clt_store_set_customer_groups_finish    (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                clt_store_list_companies_async          (CltStore             *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray          *clt_store_list_companies_finish         (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* As save_site. */
void                clt_store_save_company_async            (CltStore             *self,
                                                             CltCompany           *company,
                                                             const char           *request_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltCompany         *clt_store_save_company_finish           (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                clt_store_delete_company_async          (CltStore             *self,
                                                             const char           *company_id,
                                                             gint64                version,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            clt_store_delete_company_finish         (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* Attaches the customer to @company_id (NULL or "" detaches), one of its
 * business units and some of its roles. Returns the stored customer. */
void                clt_store_assign_company_async          (CltStore             *self,
                                                             const char           *customer_id,
                                                             gint64                customer_version,
                                                             const char           *company_id,
                                                             const char           *business_unit,
                                                             const char * const   *roles,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltCustomer        *clt_store_assign_company_finish         (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                clt_store_list_custom_fields_async      (CltStore             *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray          *clt_store_list_custom_fields_finish     (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* As save_site. */
void                clt_store_save_custom_field_async       (CltStore             *self,
                                                             CltCustomField       *field,
                                                             const char           *request_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltCustomField     *clt_store_save_custom_field_finish      (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                clt_store_delete_custom_field_async     (CltStore             *self,
                                                             const char           *key,
                                                             gint64                version,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            clt_store_delete_custom_field_finish    (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

void                clt_store_get_preferences_async         (CltStore             *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltShopPreferences *clt_store_get_preferences_finish        (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* Based on the preferences' "version". Admins only. */
void                clt_store_set_preferences_async         (CltStore             *self,
                                                             CltShopPreferences   *preferences,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltShopPreferences *clt_store_set_preferences_finish        (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
/* The signed-in user and their role. */
void                clt_store_get_current_user_async        (CltStore             *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltBackofficeUser  *clt_store_get_current_user_finish       (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* The change log after @since (0: from the start), oldest first, at most
 * @limit entries (1 to CLT_STORE_MAX_CHANGES). Returns a GArray of
 * CltChange (transfer full) and in @last the sequence number to ask after
 * next time: the newest there is, or the last one returned when @limit
 * cut the list short. Changes older than the log keeps are gone. */
#define CLT_STORE_MAX_CHANGES 1000
void                clt_store_list_changes_async            (CltStore             *self,
                                                             gint64                since,
                                                             guint                 limit,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GArray             *clt_store_list_changes_finish           (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             gint64               *last,
                                                             GError              **error);

/* Assisted Buying: a back-office user shops as a customer on one of the
 * shop's sites.
 *
 * start: mints a one-time token for @customer_id on @site_code, valid for
 * CLT_STORE_ASSISTED_BUYING_LIFETIME (then it expires unused), logs who
 * did it, and returns the site's Assisted Buying address with the token
 * and the customer filled in (clt_site_expand_assisted_buying_url ()).
 * Needs CLT_PERMISSION_ASSISTED_BUYING (support, admin): PERMISSION_DENIED
 * otherwise; NOT_FOUND for an unknown customer or site; CONFLICT (field
 * "site") when the site does not offer Assisted Buying
 * (clt_site_offers_assisted_buying ()). Not idempotent, on purpose: the
 * token is kept nowhere but in the answer (the store keeps a hash), so a
 * retry makes a new one and the unused first one expires.
 *
 * redeem: what the storefront calls with the token from the address: the
 * session it opens (customer, site, who acts). A token works once:
 * NOT_FOUND when it is unknown, used or expired (the same answer, so that
 * nothing can be learned by guessing).
 *
 * list: the customer's log, newest first (NOT_FOUND for an unknown
 * customer). Anyone who may read the customer may read it.
 *
 * Tests may shorten the lifetime with the environment variable
 * CLT_ASSISTED_BUYING_LIFETIME_MS (read by the SQLite store, and so by a
 * clientele-server over one), to see tokens expire without waiting. */
#define CLT_STORE_ASSISTED_BUYING_LIFETIME (5 * G_TIME_SPAN_MINUTE)
/* For stores: how long a new token lives (CLT_STORE_ASSISTED_BUYING_LIFETIME
 * or CLT_ASSISTED_BUYING_LIFETIME_MS), and whether @site offers Assisted
 * Buying (CONFLICT on "site" saying what it lacks, when it does not). */
GTimeSpan           clt_store_get_assisted_buying_lifetime  (void);
gboolean            clt_store_check_assisted_buying_site    (CltSite              *site,
                                                             GError              **error);
void                clt_store_start_assisted_buying_async   (CltStore             *self,
                                                             const char           *customer_id,
                                                             const char           *site_code,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
char               *clt_store_start_assisted_buying_finish  (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                clt_store_redeem_assisted_buying_async  (CltStore             *self,
                                                             const char           *token,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CltAssistedSession *clt_store_redeem_assisted_buying_finish (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                clt_store_list_assisted_buying_async    (CltStore             *self,
                                                             const char           *customer_id,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GPtrArray          *clt_store_list_assisted_buying_finish   (CltStore             *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

G_END_DECLS
