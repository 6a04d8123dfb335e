/* clt-window-delete.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deleting customers from CltWindow: confirm, ask the store to delete with
 * an undo time (it hides the customer at once and finishes the deletion
 * itself when the time is over), offer Undo in a toast, and finish the
 * deletion at once when the toast goes early or the window closes.
 */

#define G_LOG_DOMAIN "clt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-customer.h"
#include "clt-customer-editor.h"
#include "clt-customer-page.h"
#include "clt-customer-table.h"
#include "clt-error-message.h"
#include "clt-format.h"
#include "clt-store.h"
#include "clt-toast.h"
#include "clt-window-private.h"

/* The toast's timeout and the store's undo time. */
#define UNDO_TIMEOUT_S 10

typedef enum
{
  DELETE_REQUESTED,  /* the store is recording the deletion */
  DELETE_PENDING,    /* the store hides the customer, the toast offers Undo */
  DELETE_UNDOING,    /* Undo clicked: the store is taking it back */
  DELETE_FINISHING,  /* the toast went: the store is finishing it now */
  DELETE_DONE,
} DeleteState;

/* One confirmed deletion. The store keeps it (and finishes it on its own
 * when its time is over); this only follows the toast. It holds the store
 * and the application, not the window: a deletion finished while the
 * window closes completes without it. */
typedef struct
{
  CltWindow      *window; /* weak */
  CltStore       *store;
  GApplication   *application;
  char           *customer_id;
  char           *name;
  gint64          version;
  DeleteState     state;
  guint           finish_idle_id;
  AdwToast       *toast; /* weak: the Undo toast while it shows */
  gint64          toast_shown_at;
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
  g_clear_weak_pointer (&pd->toast);
  g_clear_handle_id (&pd->finish_idle_id, g_source_remove);
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

/* Says that @what failed and why, in the window or (closed) in the log. */
static void
pending_delete_report (PendingDelete *pd,
                       const char    *what,
                       const GError  *error)
{
  CltWindow *window = pending_delete_get_window (pd);
  g_autofree char *message = clt_error_dup_message (what, error);

  if (window != NULL)
    clt_window_add_toast (window, message);
  else
    g_warning ("%s", message);
}

static void
forget_deletion (PendingDelete *pd)
{
  pd->state = DELETE_DONE;

  if (pd->window != NULL && pd->window->deletions != NULL)
    g_ptr_array_remove (pd->window->deletions, pd);
}

static void
on_deletion_finished_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  PendingDelete *pd = user_data;
  g_autoptr(GError) error = NULL;

  /* NOT_FOUND: the store got there first (its undo time was over). */
  if (!clt_store_delete_customer_finish (CLT_STORE (object), result, &error) &&
      !g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND))
    {
      /* Translators: %s is the customer's name. The store still finishes
       * the deletion by itself. */
      g_autofree char *what = g_strdup_printf (_("Couldn’t finish deleting %s now (it will be "
                                                 "finished later)"),
                                               pd->name);
      pending_delete_report (pd, what, error);
    }

  forget_deletion (pd);

  if (pd->application != NULL)
    g_application_release (pd->application);

  pending_delete_release (pd);
}

static void
finish_deletion (PendingDelete *pd)
{
  if (pd->state != DELETE_PENDING)
    return;

  g_clear_handle_id (&pd->finish_idle_id, g_source_remove);
  pd->state = DELETE_FINISHING;

  /* Keep running until the store is done, even with no window left. */
  if (pd->application != NULL)
    g_application_hold (pd->application);

  /* Not cancellable: a deletion the user let go must not wait for the
   * store's timer when it can be done now. */
  clt_store_delete_customer_async (pd->store,
                                   pd->customer_id,
                                   pd->version,
                                   0,
                                   NULL,
                                   on_deletion_finished_cb,
                                   pending_delete_acquire (pd));
}

void
_clt_window_finish_all_deletions (CltWindow *self)
{
  g_autoptr(GPtrArray) deletions = NULL;

  if (self->deletions == NULL)
    return;

  deletions = g_ptr_array_copy (self->deletions, pending_delete_copy, NULL);
  g_ptr_array_set_free_func (deletions, (GDestroyNotify) pending_delete_release);

  for (guint i = 0; i < deletions->len; i++)
    finish_deletion (g_ptr_array_index (deletions, i));
}

static gboolean
finish_idle_cb (gpointer user_data)
{
  PendingDelete *pd = user_data;

  pd->finish_idle_id = 0;
  finish_deletion (pd);

  return G_SOURCE_REMOVE;
}

static void
on_delete_toast_dismissed_cb (AdwToast      *toast,
                              PendingDelete *pd)
{
  if (pd->state != DELETE_PENDING || pd->finish_idle_id != 0)
    return;

  /* From an idle: a click on Undo dismisses the toast too, and must win. */
  pd->finish_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT,
                                        finish_idle_cb,
                                        pending_delete_acquire (pd),
                                        (GDestroyNotify) pending_delete_release);
}

static void
on_deletion_undone_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  PendingDelete *pd = user_data;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = clt_store_undo_delete_customer_finish (CLT_STORE (object), result, &error);

  if (customer == NULL)
    {
      /* Translators: %s is the customer's name. */
      g_autofree char *what = g_strdup_printf (_("Couldn’t restore %s"), pd->name);

      if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND))
        {
          g_autoptr(GError) done = g_error_new_literal (CLT_STORE_ERROR,
                                                        CLT_STORE_ERROR_NOT_FOUND,
                                                        _("The deletion was already finished."));
          pending_delete_report (pd, what, done);
        }
      else
        pending_delete_report (pd, what, error);
    }

  /* Restored, the store shows the customer again ("changed"). */
  forget_deletion (pd);
  pending_delete_release (pd);
}

static void
on_delete_toast_undo_cb (AdwToast      *toast,
                         PendingDelete *pd)
{
  if (pd->state != DELETE_PENDING)
    return;

  pd->state = DELETE_UNDOING;
  g_clear_handle_id (&pd->finish_idle_id, g_source_remove);

  /* Not cancellable either: the user asked for the customer back. */
  clt_store_undo_delete_customer_async (pd->store,
                                        pd->customer_id,
                                        NULL,
                                        on_deletion_undone_cb,
                                        pending_delete_acquire (pd));
}

static void
show_undo_toast (CltWindow     *self,
                 PendingDelete *pd)
{
  AdwToast *toast;

  toast = clt_toast_new (_("Customer deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_set_weak_pointer (&pd->toast, toast);
  pd->toast_shown_at = g_get_monotonic_time ();
  adw_toast_set_timeout (toast, UNDO_TIMEOUT_S);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_delete_toast_undo_cb),
                         pending_delete_acquire (pd), pending_delete_closure_notify, 0);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed_cb),
                         pending_delete_acquire (pd), pending_delete_closure_notify, 0);
  _clt_window_show_toast (self, toast);
}

/* libadwaita 1.2 crashes when a toast is dismissed while it still slides
 * in: an Undo by keyboard right after the deletion dismisses it a moment
 * later. */
#define TOAST_SHOW_US (G_USEC_PER_SEC / 2)

static gboolean
dismiss_toast_cb (gpointer user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(AdwToast) toast = g_weak_ref_get (ref);

  if (toast != NULL)
    adw_toast_dismiss (toast);

  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Ctrl+Z: takes back the latest deletion whose Undo toast still shows, as
 * its Undo button does. Returns FALSE (and does nothing) when no Undo
 * toast shows, so that Ctrl+Z goes on to a text field's own undo. */
gboolean
_clt_window_undo_last_deletion (CltWindow *self)
{
  PendingDelete *pd = NULL;
  gint64 shown_for;
  GWeakRef *ref;

  for (guint i = self->deletions != NULL ? self->deletions->len : 0; i > 0 && pd == NULL; i--)
    {
      PendingDelete *candidate = g_ptr_array_index (self->deletions, i - 1);

      if (candidate->state == DELETE_PENDING && candidate->toast != NULL)
        pd = candidate;
    }
  if (pd == NULL)
    return FALSE;

  on_delete_toast_undo_cb (pd->toast, pd);

  shown_for = g_get_monotonic_time () - pd->toast_shown_at;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, pd->toast);
  g_timeout_add_full (G_PRIORITY_DEFAULT,
                      shown_for >= TOAST_SHOW_US ? 0 : (TOAST_SHOW_US - shown_for) / 1000,
                      dismiss_toast_cb, ref, weak_ref_free);
  return TRUE;
}

static void
on_deletion_recorded_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  PendingDelete *pd = user_data;
  g_autoptr(GError) error = NULL;
  CltWindow *window;

  if (!clt_store_delete_customer_finish (CLT_STORE (object), result, &error))
    {
      /* Translators: %s is the customer's name. */
      g_autofree char *what = g_strdup_printf (_("Couldn’t delete %s"), pd->name);

      if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE))
        {
          g_autoptr(GError) stale = g_error_new_literal (CLT_STORE_ERROR, CLT_STORE_ERROR_STALE,
                                                         _("Someone else changed the customer "
                                                           "meanwhile. Check the changes and "
                                                           "delete again."));
          pending_delete_report (pd, what, stale);
        }
      else
        pending_delete_report (pd, what, error);
      forget_deletion (pd);
      pending_delete_release (pd);
      return;
    }

  pd->state = DELETE_PENDING;

  /* Gone before the store answered: nobody is left to click Undo. */
  window = pending_delete_get_window (pd);
  if (window == NULL)
    finish_deletion (pd);
  else
    show_undo_toast (window, pd);

  pending_delete_release (pd);
}

static void
delete_customer (CltWindow  *self,
                 const char *customer_id,
                 gint64      version,
                 const char *name)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  CltCustomer *selected;
  PendingDelete *pd;

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));

  if (_clt_window_page_is_visible (self))
    clt_window_show_table (self);
  if (self->page != NULL &&
      g_strcmp0 (clt_customer_page_get_customer_id (self->page), customer_id) == 0)
    clt_customer_page_set_customer_id (self->page, NULL);
  /* Anonymized, the customer gets no note: its draft goes. */
  if (self->page != NULL)
    clt_customer_page_drop_draft (self->page, customer_id);

  for (guint i = 0; i < self->deletions->len; i++)
    {
      PendingDelete *other = g_ptr_array_index (self->deletions, i);

      if (g_strcmp0 (other->customer_id, customer_id) == 0 && other->state != DELETE_UNDOING)
        return;
    }

  /* The row goes, and the selection with it: Delete again must not hit
   * the customer that moves up into its place. */
  selected = _clt_window_get_selected_customer (self);
  if (selected != NULL && g_strcmp0 (clt_customer_get_id (selected), customer_id) == 0)
    {
      GtkSelectionModel *model = gtk_column_view_get_model (clt_customer_table_get_column_view (self->table));

      gtk_selection_model_unselect_all (model);
    }

  pd = g_rc_box_new0 (PendingDelete);
  g_set_weak_pointer (&pd->window, self);
  pd->store = g_object_ref (self->store);
  pd->application = application != NULL ? g_object_ref (G_APPLICATION (application)) : NULL;
  pd->customer_id = g_strdup (customer_id);
  pd->name = g_strdup (name);
  pd->version = version;
  pd->state = DELETE_REQUESTED;
  g_ptr_array_add (self->deletions, pd);

  /* The store hides the customer at once ("changed" reloads the list)
   * and finishes the deletion itself once the undo time is over. Not
   * cancellable: the user confirmed it. */
  clt_store_delete_customer_async (self->store,
                                   customer_id,
                                   version,
                                   UNDO_TIMEOUT_S,
                                   NULL,
                                   on_deletion_recorded_cb,
                                   pending_delete_acquire (pd));
}

static void
on_delete_response_cb (CltWindow        *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  CltCustomer *customer;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  customer = g_object_get_data (G_OBJECT (dialog), "customer");
  delete_customer (self,
                   clt_customer_get_id (customer),
                   clt_customer_get_version (customer),
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

  /* The version the user saw: a change meanwhile makes the delete stale. */
  g_object_set_data_full (G_OBJECT (dialog), "customer",
                          clt_customer_copy (customer), g_object_unref);
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
