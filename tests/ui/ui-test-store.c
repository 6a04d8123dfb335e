/* ui-test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ui-test-store"

#include "config.h"

#include "clt-store.h"

#include "ui-test-store.h"

struct _UiTestStore
{
  GObject     parent_instance;
  CltStore   *inner;
  gulong      changed_handler;
  gboolean    read_only;
  gboolean    writes;
  /* operation name → guint count */
  GHashTable *calls;
  /* operation name → GError to fail with */
  GHashTable *failures;
  char       *last_request_id;
};

static void ui_test_store_iface_init (CltStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (UiTestStore, ui_test_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CLT_TYPE_STORE, ui_test_store_iface_init))

enum {
  PROP_0,
  PROP_READ_ONLY,
  PROP_LOCATION,
};

/* How the inner store's answer is passed on. */
typedef enum
{
  ANSWER_POINTER,
  ANSWER_BOOLEAN,
} AnswerKind;

typedef struct
{
  GTask          *task;
  AnswerKind      kind;
  GDestroyNotify  free_func;
} Forward;

static void
on_inner_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Forward *forward = user_data;
  g_autoptr(GTask) task = forward->task;
  GError *error = NULL;

  /* Implementations answer through a GTask: pass its value on as it is. */
  if (forward->kind == ANSWER_BOOLEAN)
    {
      if (g_task_propagate_boolean (G_TASK (result), &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
    }
  else
    {
      gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

      if (error == NULL)
        g_task_return_pointer (task, value, forward->free_func);
      else
        g_task_return_error (task, error);
    }

  g_free (forward);
}

/* Counts the call and answers it when the test asked for a failure or the
 * store takes no writes: then NULL. Otherwise the Forward to hand the
 * inner store as its callback's data. */
static Forward *
begin (CltStore            *store,
       const char          *operation,
       gboolean             write,
       AnswerKind           kind,
       GDestroyNotify       free_func,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  UiTestStore *self = UI_TEST_STORE (store);
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  GError *failure;
  Forward *forward;

  g_task_set_source_tag (task, begin);
  g_task_set_name (task, operation);
  g_hash_table_insert (self->calls, (gpointer) operation,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->calls,
                                                                                operation)) + 1));

  failure = g_hash_table_lookup (self->failures, operation);
  if (failure != NULL)
    {
      g_task_return_error (task, g_error_copy (failure));
      return NULL;
    }

  if (write && !self->writes)
    {
      g_task_return_new_error (task, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SUPPORTED,
                               "This test store takes no writes.");
      return NULL;
    }

  forward = g_new0 (Forward, 1);
  forward->task = g_steal_pointer (&task);
  forward->kind = kind;
  forward->free_func = free_func;

  return forward;
}

#define BEGIN(name, write, kind, free_func) \
  Forward *forward = begin (store, name, write, kind, (GDestroyNotify) (free_func), \
                            cancellable, callback, user_data); \
  CltStore *inner = UI_TEST_STORE (store)->inner; \
  if (forward == NULL) \
    return

static void
test_list_customers (CltStore *store, CltQuery *query, guint page_index, guint page_size,
                     CltListFlags flags,
                     GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("list_customers", FALSE, ANSWER_POINTER, clt_customer_rows_free);
  CLT_STORE_GET_IFACE (inner)->list_customers (inner, query, page_index, page_size, flags,
                                               cancellable, on_inner_done_cb, forward);
}

static void
test_get_customer (CltStore *store, const char *customer_id,
                   GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("get_customer", FALSE, ANSWER_POINTER, g_object_unref);
  clt_store_get_customer_async (inner, customer_id, cancellable, on_inner_done_cb, forward);
}

static void
test_get_customer_details (CltStore *store, const char *customer_id,
                           GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  BEGIN ("get_customer_details", FALSE, ANSWER_POINTER, g_object_unref);
  clt_store_get_customer_details_async (inner, customer_id, cancellable, on_inner_done_cb,
                                        forward);
}

static void
test_create_customer (CltStore *store, CltCustomer *customer, const char *initial_password,
                      gboolean send_password_token, const char *request_id,
                      GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_free (UI_TEST_STORE (store)->last_request_id);
  UI_TEST_STORE (store)->last_request_id = g_strdup (request_id);
  BEGIN ("create_customer", TRUE, ANSWER_POINTER, g_object_unref);
  clt_store_create_customer_async (inner, customer, initial_password, send_password_token,
                                   request_id, cancellable, on_inner_done_cb, forward);
}

static void
test_update_customer (CltStore *store, CltCustomer *customer,
                      GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("update_customer", TRUE, ANSWER_POINTER, g_object_unref);
  clt_store_update_customer_async (inner, customer, cancellable, on_inner_done_cb, forward);
}

static void
test_delete_customer (CltStore *store, const char *customer_id, gint64 version,
                      guint undo_seconds,
                      GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("delete_customer", TRUE, ANSWER_BOOLEAN, NULL);
  clt_store_delete_customer_async (inner, customer_id, version, undo_seconds, cancellable,
                                   on_inner_done_cb, forward);
}

static void
test_undo_delete_customer (CltStore *store, const char *customer_id,
                           GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  BEGIN ("undo_delete_customer", TRUE, ANSWER_POINTER, g_object_unref);
  clt_store_undo_delete_customer_async (inner, customer_id, cancellable, on_inner_done_cb,
                                        forward);
}

static void
test_send_password_reset (CltStore *store, const char *customer_id,
                          GCancellable *cancellable, GAsyncReadyCallback callback,
                          gpointer user_data)
{
  BEGIN ("send_password_reset", TRUE, ANSWER_BOOLEAN, NULL);
  clt_store_send_password_reset_async (inner, customer_id, cancellable, on_inner_done_cb,
                                       forward);
}

static void
test_list_addresses (CltStore *store, const char *customer_id,
                     GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("list_addresses", FALSE, ANSWER_POINTER, g_ptr_array_unref);
  clt_store_list_addresses_async (inner, customer_id, cancellable, on_inner_done_cb, forward);
}

static void
test_get_address (CltStore *store, const char *customer_id, const char *address_id,
                  GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("get_address", FALSE, ANSWER_POINTER, g_object_unref);
  clt_store_get_address_async (inner, customer_id, address_id, cancellable, on_inner_done_cb,
                               forward);
}

static void
test_create_address (CltStore *store, CltAddress *address, const char *request_id,
                     GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_free (UI_TEST_STORE (store)->last_request_id);
  UI_TEST_STORE (store)->last_request_id = g_strdup (request_id);
  BEGIN ("create_address", TRUE, ANSWER_POINTER, g_object_unref);
  clt_store_create_address_async (inner, address, request_id, cancellable, on_inner_done_cb,
                                  forward);
}

static void
test_update_address (CltStore *store, CltAddress *address,
                     GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("update_address", TRUE, ANSWER_POINTER, g_object_unref);
  clt_store_update_address_async (inner, address, cancellable, on_inner_done_cb, forward);
}

static void
test_delete_address (CltStore *store, const char *customer_id, const char *address_id,
                     gint64 version,
                     GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("delete_address", TRUE, ANSWER_BOOLEAN, NULL);
  clt_store_delete_address_async (inner, customer_id, address_id, version, cancellable,
                                  on_inner_done_cb, forward);
}

static void
test_set_default_address (CltStore *store, const char *customer_id, gint64 customer_version,
                          const char *address_id, CltAddressUse use,
                          GCancellable *cancellable, GAsyncReadyCallback callback,
                          gpointer user_data)
{
  BEGIN ("set_default_address", TRUE, ANSWER_POINTER, g_object_unref);
  clt_store_set_default_address_async (inner, customer_id, customer_version, address_id, use,
                                       cancellable, on_inner_done_cb, forward);
}

static void
test_list_notes (CltStore *store, const char *customer_id,
                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("list_notes", FALSE, ANSWER_POINTER, g_ptr_array_unref);
  clt_store_list_notes_async (inner, customer_id, cancellable, on_inner_done_cb, forward);
}

static void
test_add_note (CltStore *store, const char *customer_id, const char *message,
               const char *request_id,
               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_free (UI_TEST_STORE (store)->last_request_id);
  UI_TEST_STORE (store)->last_request_id = g_strdup (request_id);
  BEGIN ("add_note", TRUE, ANSWER_POINTER, g_object_unref);
  clt_store_add_note_async (inner, customer_id, message, request_id, cancellable,
                            on_inner_done_cb, forward);
}

static void
test_list_orders (CltStore *store, const char *customer_id,
                  GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("list_orders", FALSE, ANSWER_POINTER, g_ptr_array_unref);
  clt_store_list_orders_async (inner, customer_id, cancellable, on_inner_done_cb, forward);
}

static void
test_list_emails (CltStore *store, const char *customer_id,
                  GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("list_emails", FALSE, ANSWER_POINTER, g_ptr_array_unref);
  clt_store_list_emails_async (inner, customer_id, cancellable, on_inner_done_cb, forward);
}

static void
test_set_email_state (CltStore *store, const char *email_id, CltEmailState state,
                      GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("set_email_state", TRUE, ANSWER_BOOLEAN, NULL);
  clt_store_set_email_state_async (inner, email_id, state, cancellable, on_inner_done_cb,
                                   forward);
}

static void
test_list_sites (CltStore *store,
                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("list_sites", FALSE, ANSWER_POINTER, g_ptr_array_unref);
  clt_store_list_sites_async (inner, cancellable, on_inner_done_cb, forward);
}

static void
test_list_custom_fields (CltStore *store,
                         GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("list_custom_fields", FALSE, ANSWER_POINTER, g_ptr_array_unref);
  clt_store_list_custom_fields_async (inner, cancellable, on_inner_done_cb, forward);
}

static void
test_list_groups (CltStore *store,
                  GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("list_groups", FALSE, ANSWER_POINTER, g_ptr_array_unref);
  clt_store_list_groups_async (inner, cancellable, on_inner_done_cb, forward);
}

static void
test_list_companies (CltStore *store,
                     GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("list_companies", FALSE, ANSWER_POINTER, g_ptr_array_unref);
  clt_store_list_companies_async (inner, cancellable, on_inner_done_cb, forward);
}

static void
test_set_customer_groups (CltStore *store, const char *customer_id, gint64 customer_version,
                          const char * const *group_codes,
                          GCancellable *cancellable, GAsyncReadyCallback callback,
                          gpointer user_data)
{
  BEGIN ("set_customer_groups", TRUE, ANSWER_POINTER, g_object_unref);
  clt_store_set_customer_groups_async (inner, customer_id, customer_version, group_codes,
                                       cancellable, on_inner_done_cb, forward);
}

static void
test_get_preferences (CltStore *store,
                      GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("get_preferences", FALSE, ANSWER_POINTER, g_object_unref);
  clt_store_get_preferences_async (inner, cancellable, on_inner_done_cb, forward);
}

static void
test_get_current_user (CltStore *store,
                       GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  BEGIN ("get_current_user", FALSE, ANSWER_POINTER, g_object_unref);
  clt_store_get_current_user_async (inner, cancellable, on_inner_done_cb, forward);
}

static void
ui_test_store_iface_init (CltStoreInterface *iface)
{
  iface->list_customers = test_list_customers;
  iface->get_customer = test_get_customer;
  iface->get_customer_details = test_get_customer_details;
  iface->create_customer = test_create_customer;
  iface->update_customer = test_update_customer;
  iface->delete_customer = test_delete_customer;
  iface->undo_delete_customer = test_undo_delete_customer;
  iface->send_password_reset = test_send_password_reset;
  iface->list_addresses = test_list_addresses;
  iface->get_address = test_get_address;
  iface->create_address = test_create_address;
  iface->update_address = test_update_address;
  iface->delete_address = test_delete_address;
  iface->set_default_address = test_set_default_address;
  iface->list_notes = test_list_notes;
  iface->add_note = test_add_note;
  iface->list_orders = test_list_orders;
  iface->list_emails = test_list_emails;
  iface->set_email_state = test_set_email_state;
  iface->list_sites = test_list_sites;
  iface->list_groups = test_list_groups;
  iface->list_companies = test_list_companies;
  iface->set_customer_groups = test_set_customer_groups;
  iface->list_custom_fields = test_list_custom_fields;
  iface->get_preferences = test_get_preferences;
  iface->get_current_user = test_get_current_user;
}

static void
on_inner_changed_cb (CltStore      *inner,
                     CltChangeKind  kind,
                     const char    *id,
                     UiTestStore   *self)
{
  g_signal_emit_by_name (self, "changed", kind, id);
}

static void
ui_test_store_dispose (GObject *object)
{
  UiTestStore *self = UI_TEST_STORE (object);

  if (self->inner != NULL)
    g_clear_signal_handler (&self->changed_handler, self->inner);
  g_clear_object (&self->inner);

  G_OBJECT_CLASS (ui_test_store_parent_class)->dispose (object);
}

static void
ui_test_store_finalize (GObject *object)
{
  UiTestStore *self = UI_TEST_STORE (object);

  g_clear_pointer (&self->calls, g_hash_table_unref);
  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_clear_pointer (&self->last_request_id, g_free);

  G_OBJECT_CLASS (ui_test_store_parent_class)->finalize (object);
}

static void
ui_test_store_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  UiTestStore *self = UI_TEST_STORE (object);

  switch (prop_id)
    {
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_LOCATION:
      g_value_take_string (value, clt_store_dup_location (self->inner));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ui_test_store_class_init (UiTestStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ui_test_store_dispose;
  object_class->finalize = ui_test_store_finalize;
  object_class->get_property = ui_test_store_get_property;

  g_object_class_override_property (object_class, PROP_READ_ONLY, "read-only");
  g_object_class_override_property (object_class, PROP_LOCATION, "location");
}

static void
ui_test_store_init (UiTestStore *self)
{
  self->calls = g_hash_table_new (g_str_hash, g_str_equal);
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_error_free);
}

CltStore *
ui_test_store_new (CltStore *inner,
                   gboolean  read_only,
                   gboolean  writes)
{
  UiTestStore *self = g_object_new (UI_TYPE_TEST_STORE, NULL);

  self->inner = g_object_ref (inner);
  self->read_only = read_only;
  self->writes = writes;
  self->changed_handler = g_signal_connect (inner, "changed",
                                            G_CALLBACK (on_inner_changed_cb), self);

  return CLT_STORE (self);
}

void
ui_test_store_fail (UiTestStore   *self,
                    const char    *operation,
                    CltStoreError  code,
                    const char    *message)
{
  g_return_if_fail (UI_IS_TEST_STORE (self));

  if (message == NULL)
    g_hash_table_remove (self->failures, operation);
  else
    g_hash_table_insert (self->failures, g_strdup (operation),
                         g_error_new_literal (CLT_STORE_ERROR, code, message));
}

guint
ui_test_store_get_n_calls (UiTestStore *self,
                           const char  *operation)
{
  g_return_val_if_fail (UI_IS_TEST_STORE (self), 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->calls, operation));
}

guint
ui_test_store_get_n_all_calls (UiTestStore *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (UI_IS_TEST_STORE (self), 0);

  g_hash_table_iter_init (&iter, self->calls);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += GPOINTER_TO_UINT (value);

  return n;
}

void
ui_test_store_reset_calls (UiTestStore *self)
{
  g_return_if_fail (UI_IS_TEST_STORE (self));

  g_hash_table_remove_all (self->calls);
}

const char *
ui_test_store_get_last_request_id (UiTestStore *self)
{
  g_return_val_if_fail (UI_IS_TEST_STORE (self), NULL);

  return self->last_request_id;
}
