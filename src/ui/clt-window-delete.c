/* clt-window-delete.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deleting customers from CltWindow: confirm, hide the customer at once
 * (the list's query excludes it), offer Undo in a toast, and commit to the
 * store when the toast goes or the window closes.
 */

#define G_LOG_DOMAIN "clt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-customer.h"
#include "clt-customer-editor.h"
#include "clt-customer-list.h"
#include "clt-customer-page.h"
#include "clt-customer-table.h"
#include "clt-format.h"
#include "clt-query.h"
#include "clt-store.h"
#include "clt-window-private.h"

#define UNDO_TIMEOUT_S 10

typedef enum
{
  DELETE_PENDING,    /* hidden, the toast offers Undo */
  DELETE_UNDONE,     /* Undo clicked: nothing is written */
  DELETE_COMMITTING, /* the store is deleting */
  DELETE_DONE,
} DeleteState;

/* One confirmed deletion: hidden from the table (the query's exclude-ids)
 * until the toast goes, then committed to the store. It holds the store
 * and the application, not the window: a deletion committed while the
 * window closes finishes without it. */
typedef struct
{
  CltWindow      *window; /* weak */
  CltStore       *store;
  GApplication   *application;
  char           *customer_id;
  char           *name;
  AdwToast       *toast;
  DeleteState     state;
  guint           commit_idle_id;
} PendingDelete;

static PendingDelete *
pending_delete_acquire (PendingDelete *pd)
{
  return g_rc_box_acquire (pd);
}

static void
pending_delete_clear (PendingDelete *pd)
{
  g_clear_weak_pointer (&pd->window);
  g_clear_handle_id (&pd->commit_idle_id, g_source_remove);
  g_clear_object (&pd->store);
  g_clear_object (&pd->application);
  g_clear_pointer (&pd->customer_id, g_free);
  g_clear_pointer (&pd->name, g_free);
}

static void
pending_delete_release (PendingDelete *pd)
{
  g_rc_box_release_full (pd, (GDestroyNotify) pending_delete_clear);
}

static gpointer
pending_delete_copy (gconstpointer src,
                     gpointer      user_data)
{
  return g_rc_box_acquire ((gpointer) src);
}

static void
pending_delete_closure_notify (gpointer  data,
                               GClosure *closure)
{
  pending_delete_release (data);
}

/* The window, while it can still show things. */
static CltWindow *
pending_delete_get_window (PendingDelete *pd)
{
  if (pd->window == NULL || pd->window->disposed)
    return NULL;

  return pd->window;
}

/* Hides every customer whose deletion is pending or under way. */
static void
update_exclusions (CltWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(CltQuery) query = clt_customer_list_dup_query (self->list);
  g_auto(GStrv) ids = NULL;
  const char * const *current;
  guint n_current;

  for (guint i = 0; i < self->deletions->len; i++)
    {
      PendingDelete *pd = g_ptr_array_index (self->deletions, i);

      if (pd->state == DELETE_PENDING || pd->state == DELETE_COMMITTING)
        g_strv_builder_add (builder, pd->customer_id);
    }
  ids = g_strv_builder_end (builder);

  current = clt_query_get_exclude_ids (query);
  n_current = current != NULL ? g_strv_length ((char **) current) : 0;
  if (n_current == g_strv_length (ids) &&
      (n_current == 0 || g_strv_equal ((const char * const *) ids, current)))
    return;

  clt_query_set_exclude_ids (query, (const char * const *) ids);
  clt_customer_list_set_query (self->list, query);

  _clt_window_update_title (self);
}

static void
forget_deletion (CltWindow     *self,
                 PendingDelete *pd)
{
  g_ptr_array_remove (self->deletions, pd);
  update_exclusions (self);
}

static void
on_customer_deleted_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  PendingDelete *pd = user_data;
  g_autoptr(GError) error = NULL;
  CltWindow *window;

  clt_store_delete_customer_finish (CLT_STORE (object), result, &error);
  pd->state = DELETE_DONE;

  window = pending_delete_get_window (pd);

  if (error != NULL)
    {
      /* Translators: the first %s is the customer's name, the second the reason. */
      g_autofree char *message = g_strdup_printf (_("%s could not be deleted: %s"),
                                                  pd->name, error->message);

      if (window != NULL)
        clt_window_add_toast (window, message);
      else
        g_warning ("%s", message);
    }

  /* Done either way: deleted, the store no longer lists the customer;
   * failed, the customer is shown again. */
  if (window != NULL)
    forget_deletion (window, pd);
  else if (pd->window != NULL)
    g_ptr_array_remove (pd->window->deletions, pd);

  if (pd->application != NULL)
    g_application_release (pd->application);

  pending_delete_release (pd);
}

static void
commit_deletion (PendingDelete *pd)
{
  if (pd->state != DELETE_PENDING)
    return;

  g_clear_handle_id (&pd->commit_idle_id, g_source_remove);
  pd->state = DELETE_COMMITTING;

  /* Keep running until the store is done, even with no window left. */
  if (pd->application != NULL)
    g_application_hold (pd->application);

  /* Not cancellable: a deletion the user let go must not end half-done. */
  clt_store_delete_customer_async (pd->store,
                                   pd->customer_id,
                                   NULL,
                                   on_customer_deleted_cb,
                                   pending_delete_acquire (pd));
}

void
_clt_window_commit_all_deletions (CltWindow *self)
{
  g_autoptr(GPtrArray) deletions = NULL;

  if (self->deletions == NULL)
    return;

  deletions = g_ptr_array_copy (self->deletions, pending_delete_copy, NULL);
  g_ptr_array_set_free_func (deletions, (GDestroyNotify) pending_delete_release);

  for (guint i = 0; i < deletions->len; i++)
    commit_deletion (g_ptr_array_index (deletions, i));
}

static gboolean
commit_idle_cb (gpointer user_data)
{
  PendingDelete *pd = user_data;

  pd->commit_idle_id = 0;
  commit_deletion (pd);

  return G_SOURCE_REMOVE;
}

static void
on_delete_toast_dismissed_cb (AdwToast      *toast,
                              PendingDelete *pd)
{
  if (pd->state != DELETE_PENDING || pd->commit_idle_id != 0)
    return;

  /* From an idle: a click on Undo dismisses the toast too, and must win. */
  pd->commit_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT,
                                        commit_idle_cb,
                                        pending_delete_acquire (pd),
                                        (GDestroyNotify) pending_delete_release);
}

static void
on_delete_toast_undo_cb (AdwToast      *toast,
                         PendingDelete *pd)
{
  CltWindow *window;

  if (pd->state != DELETE_PENDING)
    return;

  pd->state = DELETE_UNDONE;
  g_clear_handle_id (&pd->commit_idle_id, g_source_remove);

  window = pending_delete_get_window (pd);
  if (window != NULL)
    forget_deletion (window, pd);
}

static void
delete_customer (CltWindow  *self,
                 const char *customer_id,
                 const char *name)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  CltCustomer *selected;
  PendingDelete *pd;
  AdwToast *toast;

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));

  if (_clt_window_page_is_visible (self))
    clt_window_show_table (self);
  if (g_strcmp0 (clt_customer_page_get_customer_id (self->page), customer_id) == 0)
    clt_customer_page_set_customer_id (self->page, NULL);

  for (guint i = 0; i < self->deletions->len; i++)
    {
      PendingDelete *other = g_ptr_array_index (self->deletions, i);

      if (g_strcmp0 (other->customer_id, customer_id) == 0 &&
          (other->state == DELETE_PENDING || other->state == DELETE_COMMITTING))
        return;
    }

  /* The row goes, and the selection with it: Delete again must not hit
   * the customer that moves up into its place. */
  selected = _clt_window_get_selected_customer (self);
  if (selected != NULL && g_strcmp0 (clt_customer_get_id (selected), customer_id) == 0)
    {
      GtkSelectionModel *model = gtk_column_view_get_model (clt_customer_table_get_column_view (self->table));

      /* GtkSingleSelection has no unselect_all () of its own in GTK 4.8. */
      gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (model), GTK_INVALID_LIST_POSITION);
    }

  pd = g_rc_box_new0 (PendingDelete);
  g_set_weak_pointer (&pd->window, self);
  pd->store = g_object_ref (self->store);
  pd->application = application != NULL ? g_object_ref (G_APPLICATION (application)) : NULL;
  pd->customer_id = g_strdup (customer_id);
  pd->name = g_strdup (name);
  pd->state = DELETE_PENDING;
  g_ptr_array_add (self->deletions, pd);

  update_exclusions (self);

  toast = adw_toast_new (_("Customer deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, UNDO_TIMEOUT_S);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_delete_toast_undo_cb),
                         pending_delete_acquire (pd), pending_delete_closure_notify, 0);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed_cb),
                         pending_delete_acquire (pd), pending_delete_closure_notify, 0);
  _clt_window_show_toast (self, toast);
}

static void
on_delete_response_cb (CltWindow        *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "delete") != 0)
    return;

  delete_customer (self,
                   g_object_get_data (G_OBJECT (dialog), "customer-id"),
                   g_object_get_data (G_OBJECT (dialog), "customer-name"));
}

void
_clt_window_confirm_delete (CltWindow   *self,
                            CltCustomer *customer)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWindow *parent;
  GtkWidget *dialog;

  if (customer == NULL || clt_store_get_read_only (self->store))
    return;

  name = clt_format_customer_name (customer);
  /* Translators: %s is the customer's name. */
  body = g_strdup_printf (_("%s’s personal data, addresses and search entries will be "
                            "anonymized. Orders are kept. The email address can be "
                            "registered again."),
                          name);

  parent = self->editor != NULL ? GTK_WINDOW (self->editor) : GTK_WINDOW (self);
  dialog = adw_message_dialog_new (parent, _("Delete Account?"), body);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Account"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "customer-id",
                          g_strdup (clt_customer_get_id (customer)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "customer-name", g_steal_pointer (&name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
}

void
_clt_window_init_deletions (CltWindow *self)
{
  self->deletions = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_delete_release);
}
