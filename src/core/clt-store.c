/* clt-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "clt-address.h"
#include "clt-backoffice-user.h"
#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer.h"
#include "clt-group.h"
#include "clt-query.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"
#include "clt-enum-types.h"
#include "clt-store.h"
#include "clt-store-private.h"

G_DEFINE_INTERFACE (CltStore, clt_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The acting user of each thread (a copy), see clt_store_begin_acting_as (). */
static GPrivate acting_user = G_PRIVATE_INIT (g_object_unref);

typedef struct
{
  CltStore      *store;
  CltChangeKind  kind;
  char          *id;
} ChangedData;

static void
changed_data_free (gpointer data)
{
  ChangedData *changed = data;

  g_clear_object (&changed->store);
  g_clear_pointer (&changed->id, g_free);
  g_free (changed);
}

static gboolean
emit_changed_cb (gpointer data)
{
  ChangedData *changed = data;

  g_signal_emit (changed->store, signals[CHANGED], 0, changed->kind, changed->id);

  return G_SOURCE_REMOVE;
}

void
report_not_supported (CltStore            *self,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data,
                      gpointer             source_tag)
{
  g_task_report_new_error (self, callback, user_data, source_tag,
                           CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SUPPORTED,
                           _("This is not possible with this kind of customer data."));
}

static void
clt_store_default_init (CltStoreInterface *iface)
{
  /**
   * CltStore:read-only:
   *
   * Writes fail with %CLT_STORE_ERROR_READ_ONLY; the UI disables them.
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_boolean ("read-only", NULL, NULL,
                                                             FALSE,
                                                             (G_PARAM_READABLE |
                                                              G_PARAM_EXPLICIT_NOTIFY |
                                                              G_PARAM_STATIC_STRINGS)));

  /**
   * CltStore:location:
   *
   * The file path or server URL, for window titles and messages.
   */
  g_object_interface_install_property (iface,
                                       g_param_spec_string ("location", NULL, NULL,
                                                            NULL,
                                                            (G_PARAM_READABLE |
                                                             G_PARAM_EXPLICIT_NOTIFY |
                                                             G_PARAM_STATIC_STRINGS)));

  /**
   * CltStore::changed:
   * @self: the store
   * @kind: a #CltChangeKind: what changed
   * @id: (nullable): the customer (for customers and what belongs to one:
   *   addresses, notes, outbox), the code or key (shop data), or %NULL when
   *   any number of customers may have changed
   *
   * Emitted on the default main context after a change, made through this
   * store or elsewhere (another window on the same file, another user of
   * the same server).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, CLT_TYPE_CHANGE_KIND, G_TYPE_STRING);
}

gboolean
clt_store_get_read_only (CltStore *self)
{
  gboolean read_only = FALSE;

  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);

  g_object_get (self, "read-only", &read_only, NULL);
  return read_only;
}

/**
 * clt_store_dup_location:
 *
 * Returns: (transfer full): the file path or server URL; "" when unknown
 */
char *
clt_store_dup_location (CltStore *self)
{
  char *location = NULL;

  g_return_val_if_fail (CLT_IS_STORE (self), NULL);

  g_object_get (self, "location", &location, NULL);
  return location != NULL ? location : g_strdup ("");
}

/**
 * clt_store_emit_changed:
 * @self: the store
 * @kind: what changed
 * @id: (nullable): which one (see #CltStore::changed)
 *
 * For implementations, callable from any thread: emits #CltStore::changed
 * on the default main context, where the UI lives. Called by a thread that
 * owns that context (the main thread while its loop runs, or inside a
 * GTask callback there) it emits at once; from anywhere else (a worker
 * thread, or the main thread outside its loop) the emission is queued on
 * that context and happens at its next iteration.
 */
void
clt_store_emit_changed (CltStore      *self,
                        CltChangeKind  kind,
                        const char    *id)
{
  GMainContext *main_context;
  g_autoptr(GSource) source = NULL;
  ChangedData *changed;

  g_return_if_fail (CLT_IS_STORE (self));

  main_context = g_main_context_default ();

  if (g_main_context_is_owner (main_context))
    {
      g_signal_emit (self, signals[CHANGED], 0, kind, id);
      return;
    }

  /* Not g_main_context_invoke (): a worker thread without a thread-default
   * context would acquire the default context while it is idle and emit on
   * the worker thread. */
  changed = g_new0 (ChangedData, 1);
  changed->store = g_object_ref (self);
  changed->kind = kind;
  changed->id = g_strdup (id);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[clt] CltStore::changed");
  g_source_set_callback (source, emit_changed_cb, changed, changed_data_free);
  g_source_attach (source, main_context);
}

CltCustomerRows *
clt_customer_rows_new (GPtrArray *customers,
                       guint      total)
{
  CltCustomerRows *rows = g_new0 (CltCustomerRows, 1);

  rows->customers = customers;
  rows->total = total;
  return rows;
}

void
clt_customer_rows_free (CltCustomerRows *rows)
{
  if (rows == NULL)
    return;

  g_clear_pointer (&rows->customers, g_ptr_array_unref);
  g_free (rows);
}

/* The clear func of a GArray of CltChange. */
void
clt_change_clear (gpointer change)
{
  g_clear_pointer (&((CltChange *) change)->id, g_free);
}

CltChanges *
clt_changes_new (void)
{
  CltChanges *changes = g_new0 (CltChanges, 1);

  changes->changes = g_array_new (FALSE, FALSE, sizeof (CltChange));
  g_array_set_clear_func (changes->changes, clt_change_clear);
  return changes;
}

void
clt_changes_free (CltChanges *changes)
{
  if (changes == NULL)
    return;

  g_clear_pointer (&changes->changes, g_array_unref);
  g_free (changes);
}

/**
 * clt_store_begin_acting_as:
 * @user: who acts
 *
 * Until clt_store_end_acting_as (), the store operations this thread
 * starts act as @user (a copy is kept): see clt-store.h.
 */
void
clt_store_begin_acting_as (CltBackofficeUser *user)
{
  g_return_if_fail (CLT_IS_BACKOFFICE_USER (user));

  g_private_replace (&acting_user, clt_backoffice_user_copy (user));
}

void
clt_store_end_acting_as (void)
{
  g_private_replace (&acting_user, NULL);
}

/**
 * clt_store_dup_acting_user:
 *
 * For implementations, when an operation starts.
 *
 * Returns: (transfer full) (nullable): a copy of the user this thread acts
 *   as, %NULL when it acts as the store's own user
 */
CltBackofficeUser *
clt_store_dup_acting_user (void)
{
  CltBackofficeUser *user = g_private_get (&acting_user);

  return user != NULL ? clt_backoffice_user_copy (user) : NULL;
}

void
clt_store_list_customers_async (CltStore            *self,
                                CltQuery            *query,
                                guint                page_index,
                                guint                page_size,
                                CltListFlags         flags,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltStoreInterface *iface;
  g_autoptr(CltQuery) everything = NULL;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (query == NULL || CLT_IS_QUERY (query));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* Implementations always get a query: NULL means all customers. */
  if (query == NULL)
    query = everything = clt_query_new ();

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_customers == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_customers_async);
      return;
    }

  iface->list_customers (self, query, page_index, page_size, flags, cancellable, callback,
                         user_data);
}

GPtrArray *
clt_store_list_customers_finish (CltStore      *self,
                                 GAsyncResult  *result,
                                 guint         *total,
                                 GError       **error)
{
  g_autoptr(CltCustomerRows) rows = NULL;

  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  rows = g_task_propagate_pointer (G_TASK (result), error);
  if (total != NULL)
    *total = rows != NULL ? rows->total : CLT_TOTAL_UNKNOWN;
  if (rows == NULL)
    return NULL;

  return g_steal_pointer (&rows->customers);
}

static void
on_count_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) customers = NULL;
  GError *error = NULL;
  guint total = 0;

  customers = clt_store_list_customers_finish (CLT_STORE (object), result, &total, &error);
  if (customers == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, MIN (total, (guint) G_MAXINT));
}

void
clt_store_count_customers_async (CltStore            *self,
                                 CltQuery            *query,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (query == NULL || CLT_IS_QUERY (query));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clt_store_count_customers_async);
  clt_store_list_customers_async (self, query, 0, 1, CLT_LIST_FLAGS_WITH_TOTAL, cancellable,
                                  on_count_listed_cb, task);
}

gboolean
clt_store_count_customers_finish (CltStore      *self,
                                  GAsyncResult  *result,
                                  guint         *n_customers,
                                  GError       **error)
{
  gssize n;

  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;

  if (n_customers != NULL)
    *n_customers = (guint) n;
  return TRUE;
}

void
clt_store_get_customer_async (CltStore            *self,
                              const char          *customer_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->get_customer == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_get_customer_async);
      return;
    }

  iface->get_customer (self, customer_id, cancellable, callback, user_data);
}

CltCustomer *
clt_store_get_customer_finish (CltStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_get_customer_details_async (CltStore            *self,
                                      const char          *customer_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->get_customer_details == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_get_customer_details_async);
      return;
    }

  iface->get_customer_details (self, customer_id, cancellable, callback, user_data);
}

CltCustomerDetails *
clt_store_get_customer_details_finish (CltStore      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_create_customer_async (CltStore            *self,
                                 CltCustomer         *customer,
                                 const char          *initial_password,
                                 gboolean             send_password_token,
                                 const char          *request_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (CLT_IS_CUSTOMER (customer));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->create_customer == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_create_customer_async);
      return;
    }

  iface->create_customer (self, customer, initial_password, send_password_token, request_id, cancellable, callback, user_data);
}

CltCustomer *
clt_store_create_customer_finish (CltStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_update_customer_async (CltStore            *self,
                                 CltCustomer         *customer,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (CLT_IS_CUSTOMER (customer));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->update_customer == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_update_customer_async);
      return;
    }

  iface->update_customer (self, customer, cancellable, callback, user_data);
}

CltCustomer *
clt_store_update_customer_finish (CltStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_delete_customer_async (CltStore            *self,
                                 const char          *customer_id,
                                 gint64               version,
                                 guint                undo_seconds,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->delete_customer == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_delete_customer_async);
      return;
    }

  iface->delete_customer (self, customer_id, version, undo_seconds, cancellable, callback, user_data);
}

gboolean
clt_store_delete_customer_finish (CltStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_undo_delete_customer_async (CltStore            *self,
                                      const char          *customer_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->undo_delete_customer == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_undo_delete_customer_async);
      return;
    }

  iface->undo_delete_customer (self, customer_id, cancellable, callback, user_data);
}

CltCustomer *
clt_store_undo_delete_customer_finish (CltStore      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_send_password_reset_async (CltStore            *self,
                                     const char          *customer_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->send_password_reset == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_send_password_reset_async);
      return;
    }

  iface->send_password_reset (self, customer_id, cancellable, callback, user_data);
}

gboolean
clt_store_send_password_reset_finish (CltStore      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_import_customers_async (CltStore            *self,
                                  GPtrArray           *customers,
                                  const char          *request_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customers != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->import_customers == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_import_customers_async);
      return;
    }

  iface->import_customers (self, customers, request_id, cancellable, callback, user_data);
}

CltImportReport *
clt_store_import_customers_finish (CltStore      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_list_addresses_async (CltStore            *self,
                                const char          *customer_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_addresses == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_addresses_async);
      return;
    }

  iface->list_addresses (self, customer_id, cancellable, callback, user_data);
}

GPtrArray *
clt_store_list_addresses_finish (CltStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_get_address_async (CltStore            *self,
                             const char          *customer_id,
                             const char          *address_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (address_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->get_address == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_get_address_async);
      return;
    }

  iface->get_address (self, customer_id, address_id, cancellable, callback, user_data);
}

CltAddress *
clt_store_get_address_finish (CltStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_create_address_async (CltStore            *self,
                                CltAddress          *address,
                                const char          *request_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (CLT_IS_ADDRESS (address));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->create_address == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_create_address_async);
      return;
    }

  iface->create_address (self, address, request_id, cancellable, callback, user_data);
}

CltAddress *
clt_store_create_address_finish (CltStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_update_address_async (CltStore            *self,
                                CltAddress          *address,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (CLT_IS_ADDRESS (address));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->update_address == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_update_address_async);
      return;
    }

  iface->update_address (self, address, cancellable, callback, user_data);
}

CltAddress *
clt_store_update_address_finish (CltStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_delete_address_async (CltStore            *self,
                                const char          *customer_id,
                                const char          *address_id,
                                gint64               version,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (address_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->delete_address == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_delete_address_async);
      return;
    }

  iface->delete_address (self, customer_id, address_id, version, cancellable, callback, user_data);
}

gboolean
clt_store_delete_address_finish (CltStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_set_default_address_async (CltStore            *self,
                                     const char          *customer_id,
                                     gint64               customer_version,
                                     const char          *address_id,
                                     CltAddressUse        use,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (address_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->set_default_address == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_set_default_address_async);
      return;
    }

  iface->set_default_address (self, customer_id, customer_version, address_id, use, cancellable, callback, user_data);
}

CltCustomer *
clt_store_set_default_address_finish (CltStore      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_list_notes_async (CltStore            *self,
                            const char          *customer_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_notes == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_notes_async);
      return;
    }

  iface->list_notes (self, customer_id, cancellable, callback, user_data);
}

GPtrArray *
clt_store_list_notes_finish (CltStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_add_note_async (CltStore            *self,
                          const char          *customer_id,
                          const char          *message,
                          const char          *request_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (message != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->add_note == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_add_note_async);
      return;
    }

  iface->add_note (self, customer_id, message, request_id, cancellable, callback, user_data);
}

CltNote *
clt_store_add_note_finish (CltStore      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_list_orders_async (CltStore            *self,
                             const char          *customer_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_orders == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_orders_async);
      return;
    }

  iface->list_orders (self, customer_id, cancellable, callback, user_data);
}

GPtrArray *
clt_store_list_orders_finish (CltStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_list_emails_async (CltStore            *self,
                             const char          *customer_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_emails == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_emails_async);
      return;
    }

  iface->list_emails (self, customer_id, cancellable, callback, user_data);
}

GPtrArray *
clt_store_list_emails_finish (CltStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_set_email_state_async (CltStore            *self,
                                 const char          *email_id,
                                 CltEmailState        state,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (email_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->set_email_state == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_set_email_state_async);
      return;
    }

  iface->set_email_state (self, email_id, state, cancellable, callback, user_data);
}

gboolean
clt_store_set_email_state_finish (CltStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}


void
clt_store_list_changes_async (CltStore            *self,
                              gint64               since,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (since < 0 || limit == 0 || limit > CLT_STORE_MAX_CHANGES)
    {
      g_task_report_new_error (self, callback, user_data, clt_store_list_changes_async,
                               CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID,
                               _("Changes are asked for from a sequence number of 0 or more, "
                                 "1 to %u at a time."),
                               CLT_STORE_MAX_CHANGES);
      return;
    }

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_changes == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_changes_async);
      return;
    }

  iface->list_changes (self, since, limit, cancellable, callback, user_data);
}

GArray *
clt_store_list_changes_finish (CltStore      *self,
                               GAsyncResult  *result,
                               gint64        *last,
                               GError       **error)
{
  g_autoptr(CltChanges) changes = NULL;

  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  changes = g_task_propagate_pointer (G_TASK (result), error);
  if (last != NULL)
    *last = changes != NULL ? changes->last : 0;
  if (changes == NULL)
    return NULL;

  return g_steal_pointer (&changes->changes);
}
