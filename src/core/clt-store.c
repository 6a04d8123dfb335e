/* clt-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "clt-address.h"
#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer.h"
#include "clt-group.h"
#include "clt-query.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"
#include "clt-store.h"

G_DEFINE_INTERFACE (CltStore, clt_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CltStore *store;
  char     *customer_id;
} ChangedData;

static void
changed_data_free (gpointer data)
{
  ChangedData *changed = data;

  g_clear_object (&changed->store);
  g_clear_pointer (&changed->customer_id, g_free);
  g_free (changed);
}

static gboolean
emit_changed_cb (gpointer data)
{
  ChangedData *changed = data;

  g_signal_emit (changed->store, signals[CHANGED], 0, changed->customer_id);

  return G_SOURCE_REMOVE;
}

static void
report_not_supported (CltStore            *self,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data,
                      gpointer             source_tag,
                      const char          *message)
{
  g_task_report_new_error (self, callback, user_data, source_tag,
                           G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "%s", message);
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
   * @customer_id: (nullable): the customer that changed, or %NULL when any
   *   number of them may have
   *
   * Emitted on the main context after a write that may change the
   * customer table.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
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
 * @customer_id: (nullable): the customer that changed, %NULL for "any"
 *
 * For implementations, callable from any thread: emits #CltStore::changed
 * on the default main context, where the UI lives. Called by a thread that
 * owns that context (the main thread while its loop runs, or inside a
 * GTask callback there) it emits at once; from anywhere else (a worker
 * thread, or the main thread outside its loop) the emission is queued on
 * that context and happens at its next iteration.
 */
void
clt_store_emit_changed (CltStore   *self,
                        const char *customer_id)
{
  GMainContext *main_context;
  g_autoptr(GSource) source = NULL;
  ChangedData *changed;

  g_return_if_fail (CLT_IS_STORE (self));

  main_context = g_main_context_default ();

  if (g_main_context_is_owner (main_context))
    {
      g_signal_emit (self, signals[CHANGED], 0, customer_id);
      return;
    }

  /* Not g_main_context_invoke (): a worker thread without a thread-default
   * context would acquire the default context while it is idle and emit on
   * the worker thread. */
  changed = g_new0 (ChangedData, 1);
  changed->store = g_object_ref (self);
  changed->customer_id = g_strdup (customer_id);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[clt] CltStore::changed");
  g_source_set_callback (source, emit_changed_cb, changed, changed_data_free);
  g_source_attach (source, main_context);
}

void
clt_store_count_customers_async (CltStore            *self,
                                 CltQuery            *query,
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
  if (iface->count_customers == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_count_customers_async,
                            _("This back end cannot count customers."));
      return;
    }

  iface->count_customers (self, query, cancellable, callback, user_data);
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

  /* Implementations return the count with g_task_return_int (). */
  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;

  if (n_customers != NULL)
    *n_customers = (guint) MIN (n, (gssize) G_MAXUINT);
  return TRUE;
}

void
clt_store_list_customers_async (CltStore            *self,
                                CltQuery            *query,
                                guint                offset,
                                guint                limit,
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
      report_not_supported (self, callback, user_data, clt_store_list_customers_async,
                            _("This back end cannot list customers."));
      return;
    }

  iface->list_customers (self, query, offset, limit, cancellable, callback, user_data);
}

GPtrArray *
clt_store_list_customers_finish (CltStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
      report_not_supported (self, callback, user_data, clt_store_get_customer_async,
                            _("This back end cannot load customers."));
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
clt_store_create_customer_async (CltStore            *self,
                                 CltCustomer         *customer,
                                 const char          *initial_password,
                                 gboolean             send_password_token,
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
      report_not_supported (self, callback, user_data, clt_store_create_customer_async,
                            _("This back end cannot add customers."));
      return;
    }

  iface->create_customer (self, customer, initial_password, send_password_token, cancellable,
                          callback, user_data);
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
      report_not_supported (self, callback, user_data, clt_store_update_customer_async,
                            _("This back end cannot change customers."));
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
      report_not_supported (self, callback, user_data, clt_store_delete_customer_async,
                            _("This back end cannot delete customers."));
      return;
    }

  iface->delete_customer (self, customer_id, cancellable, callback, user_data);
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
      report_not_supported (self, callback, user_data, clt_store_send_password_reset_async,
                            _("This back end cannot send password reset emails."));
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
      report_not_supported (self, callback, user_data, clt_store_import_customers_async,
                            _("This back end cannot import customers."));
      return;
    }

  iface->import_customers (self, customers, cancellable, callback, user_data);
}

gboolean
clt_store_import_customers_finish (CltStore      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_load_sample_async (CltStore            *self,
                             guint                n_customers,
                             guint32              seed,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->load_sample == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_load_sample_async,
                            _("This back end cannot load sample customers."));
      return;
    }

  iface->load_sample (self, n_customers, seed, cancellable, callback, user_data);
}

gboolean
clt_store_load_sample_finish (CltStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
      report_not_supported (self, callback, user_data, clt_store_list_addresses_async,
                            _("This back end cannot list addresses."));
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
clt_store_create_address_async (CltStore            *self,
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
  if (iface->create_address == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_create_address_async,
                            _("This back end cannot add addresses."));
      return;
    }

  iface->create_address (self, address, cancellable, callback, user_data);
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
      report_not_supported (self, callback, user_data, clt_store_update_address_async,
                            _("This back end cannot change addresses."));
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
      report_not_supported (self, callback, user_data, clt_store_delete_address_async,
                            _("This back end cannot delete addresses."));
      return;
    }

  iface->delete_address (self, customer_id, address_id, cancellable, callback, user_data);
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
      report_not_supported (self, callback, user_data, clt_store_set_default_address_async,
                            _("This back end cannot change default addresses."));
      return;
    }

  iface->set_default_address (self, customer_id, address_id, use, cancellable, callback,
                              user_data);
}

gboolean
clt_store_set_default_address_finish (CltStore      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
      report_not_supported (self, callback, user_data, clt_store_list_notes_async,
                            _("This back end cannot list notes."));
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
      report_not_supported (self, callback, user_data, clt_store_add_note_async,
                            _("This back end cannot add notes."));
      return;
    }

  iface->add_note (self, customer_id, message, cancellable, callback, user_data);
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
      report_not_supported (self, callback, user_data, clt_store_list_orders_async,
                            _("This back end cannot list orders."));
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
      report_not_supported (self, callback, user_data, clt_store_list_emails_async,
                            _("This back end cannot list sent and queued emails."));
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
                                 gint64               email_id,
                                 CltEmailState        state,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->set_email_state == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_set_email_state_async,
                            _("This back end cannot change the state of queued emails."));
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
clt_store_list_sites_async (CltStore            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_sites == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_sites_async,
                            _("This back end cannot list sites."));
      return;
    }

  iface->list_sites (self, cancellable, callback, user_data);
}

GPtrArray *
clt_store_list_sites_finish (CltStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_save_site_async (CltStore            *self,
                           CltSite             *site,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (CLT_IS_SITE (site));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->save_site == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_save_site_async,
                            _("This back end cannot save sites."));
      return;
    }

  iface->save_site (self, site, cancellable, callback, user_data);
}

CltSite *
clt_store_save_site_finish (CltStore      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_delete_site_async (CltStore            *self,
                             const char          *code,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (code != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->delete_site == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_delete_site_async,
                            _("This back end cannot delete sites."));
      return;
    }

  iface->delete_site (self, code, cancellable, callback, user_data);
}

gboolean
clt_store_delete_site_finish (CltStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_list_groups_async (CltStore            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_groups == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_groups_async,
                            _("This back end cannot list customer groups."));
      return;
    }

  iface->list_groups (self, cancellable, callback, user_data);
}

GPtrArray *
clt_store_list_groups_finish (CltStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_save_group_async (CltStore            *self,
                            CltGroup            *group,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (CLT_IS_GROUP (group));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->save_group == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_save_group_async,
                            _("This back end cannot save customer groups."));
      return;
    }

  iface->save_group (self, group, cancellable, callback, user_data);
}

CltGroup *
clt_store_save_group_finish (CltStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_delete_group_async (CltStore            *self,
                              const char          *code,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (code != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->delete_group == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_delete_group_async,
                            _("This back end cannot delete customer groups."));
      return;
    }

  iface->delete_group (self, code, cancellable, callback, user_data);
}

gboolean
clt_store_delete_group_finish (CltStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_set_customer_groups_async (CltStore            *self,
                                     const char          *customer_id,
                                     const char * const  *group_codes,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->set_customer_groups == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_set_customer_groups_async,
                            _("This back end cannot change the groups of a customer."));
      return;
    }

  iface->set_customer_groups (self, customer_id, group_codes, cancellable, callback, user_data);
}

gboolean
clt_store_set_customer_groups_finish (CltStore      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_list_companies_async (CltStore            *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_companies == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_companies_async,
                            _("This back end cannot list companies."));
      return;
    }

  iface->list_companies (self, cancellable, callback, user_data);
}

GPtrArray *
clt_store_list_companies_finish (CltStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_save_company_async (CltStore            *self,
                              CltCompany          *company,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (CLT_IS_COMPANY (company));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->save_company == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_save_company_async,
                            _("This back end cannot save companies."));
      return;
    }

  iface->save_company (self, company, cancellable, callback, user_data);
}

CltCompany *
clt_store_save_company_finish (CltStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_delete_company_async (CltStore            *self,
                                const char          *company_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (company_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->delete_company == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_delete_company_async,
                            _("This back end cannot delete companies."));
      return;
    }

  iface->delete_company (self, company_id, cancellable, callback, user_data);
}

gboolean
clt_store_delete_company_finish (CltStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_assign_company_async (CltStore            *self,
                                const char          *customer_id,
                                const char          *company_id,
                                const char          *business_unit,
                                const char * const  *roles,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->assign_company == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_assign_company_async,
                            _("This back end cannot assign customers to companies."));
      return;
    }

  iface->assign_company (self, customer_id, company_id, business_unit, roles, cancellable,
                         callback, user_data);
}

gboolean
clt_store_assign_company_finish (CltStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_list_custom_fields_async (CltStore            *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_custom_fields == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_custom_fields_async,
                            _("This back end cannot list custom fields."));
      return;
    }

  iface->list_custom_fields (self, cancellable, callback, user_data);
}

GPtrArray *
clt_store_list_custom_fields_finish (CltStore      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_save_custom_field_async (CltStore            *self,
                                   CltCustomField      *field,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (CLT_IS_CUSTOM_FIELD (field));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->save_custom_field == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_save_custom_field_async,
                            _("This back end cannot save custom fields."));
      return;
    }

  iface->save_custom_field (self, field, cancellable, callback, user_data);
}

CltCustomField *
clt_store_save_custom_field_finish (CltStore      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_delete_custom_field_async (CltStore            *self,
                                     const char          *key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->delete_custom_field == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_delete_custom_field_async,
                            _("This back end cannot delete custom fields."));
      return;
    }

  iface->delete_custom_field (self, key, cancellable, callback, user_data);
}

gboolean
clt_store_delete_custom_field_finish (CltStore      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_get_preferences_async (CltStore            *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->get_preferences == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_get_preferences_async,
                            _("This back end cannot read the shop preferences."));
      return;
    }

  iface->get_preferences (self, cancellable, callback, user_data);
}

CltShopPreferences *
clt_store_get_preferences_finish (CltStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_set_preferences_async (CltStore            *self,
                                 CltShopPreferences  *preferences,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (CLT_IS_SHOP_PREFERENCES (preferences));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->set_preferences == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_set_preferences_async,
                            _("This back end cannot change the shop preferences."));
      return;
    }

  iface->set_preferences (self, preferences, cancellable, callback, user_data);
}

gboolean
clt_store_set_preferences_finish (CltStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_get_current_user_async (CltStore            *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->get_current_user == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_get_current_user_async,
                            _("This back end cannot tell who is signed in."));
      return;
    }

  iface->get_current_user (self, cancellable, callback, user_data);
}

CltBackofficeUser *
clt_store_get_current_user_finish (CltStore      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
