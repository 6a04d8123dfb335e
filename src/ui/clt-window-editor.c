/* clt-window-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Add and Edit Customer dialogs of CltWindow (win.add-customer,
 * win.edit-customer): one at a time, the toast when saved, and the
 * keyboard focus back where the dialog was opened from when it closes.
 */

#define G_LOG_DOMAIN "clt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-customer.h"
#include "clt-customer-list.h"
#include "clt-customer-editor.h"
#include "clt-customer-page.h"
#include "clt-customer-table.h"
#include "clt-store.h"
#include "clt-toast.h"
#include "clt-window-private.h"

static void
on_editor_delete_requested_cb (CltWindow         *self,
                               CltCustomerEditor *editor)
{
  if (editor == self->editor && self->editor_customer != NULL)
    _clt_window_confirm_delete (self, self->editor_customer);
}

static void
on_editor_unrealized_cb (CltWindow         *self,
                         CltCustomerEditor *editor)
{
  if (editor != self->editor)
    return;

  g_clear_weak_pointer (&self->editor);
  g_clear_object (&self->editor_customer);

  /* The keyboard focus comes back where the editor was opened from (GTK
   * leaves it on no widget): the row or button that had it, else the
   * customer page or the table. */
  if (!self->disposed)
    {
      GtkWidget *opener = self->editor_opener;

      if (opener != NULL && gtk_widget_get_mapped (opener) && gtk_widget_is_sensitive (opener) &&
          gtk_widget_grab_focus (opener))
        ;
      else if (_clt_window_page_is_visible (self))
        gtk_widget_child_focus (GTK_WIDGET (self->page), GTK_DIR_TAB_FORWARD);
      else if (gtk_widget_get_mapped (GTK_WIDGET (self->table)))
        gtk_widget_grab_focus (GTK_WIDGET (clt_customer_table_get_column_view (self->table)));
    }
  g_clear_weak_pointer (&self->editor_opener);

  /* A customer was added and the list already shows it: its row. */
  if (!self->disposed)
    _clt_window_focus_added_customer (self);
}

static void
track_editor (CltWindow         *self,
              CltCustomerEditor *editor,
              CltCustomer       *customer)
{
  g_set_weak_pointer (&self->editor, editor);
  g_set_object (&self->editor_customer, customer);
  g_set_weak_pointer (&self->editor_opener, gtk_root_get_focus (GTK_ROOT (self)));

  /* gtk_window_destroy () (closing included) unrealizes it: then it is
   * gone, even while its own pending store calls still hold a reference. */
  g_signal_connect_object (editor, "unrealize",
                           G_CALLBACK (on_editor_unrealized_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (editor, "delete-requested",
                           G_CALLBACK (on_editor_delete_requested_cb), self, G_CONNECT_SWAPPED);
}

static void
on_customer_added_cb (CltWindow         *self,
                      CltCustomer       *stored,
                      CltCustomerEditor *editor)
{
  AdwToast *toast = clt_toast_new (_("Customer added"));

  if (stored != NULL && clt_customer_get_id (stored) != NULL)
    {
      /* Its row gets the focus when the list shows it. */
      g_free (self->added_customer_id);
      self->added_customer_id = g_strdup (clt_customer_get_id (stored));

      adw_toast_set_button_label (toast, _("_View"));
      adw_toast_set_action_name (toast, "win.show-customer");
      adw_toast_set_action_target_value (toast, g_variant_new_string (clt_customer_get_id (stored)));
    }
  adw_toast_set_timeout (toast, 5);
  _clt_window_show_toast (self, toast);
}

static gboolean
focus_added_tick_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  CltWindow *self = CLT_WINDOW (widget);

  /* The row is made in the frame after the rows changed. */
  if (clt_customer_table_focus_position (self->table, self->added_position) ||
      ++self->added_tries > 30)
    {
      self->added_focus_tick = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

void
_clt_window_focus_added_customer (CltWindow *self)
{
  GtkSelectionModel *model;
  guint position;

  if (self->added_customer_id == NULL || clt_customer_list_get_loading (self->list) ||
      self->editor != NULL || _clt_window_page_is_visible (self))
    return;

  /* Only among the rows already loaded: a list of a million customers is
   * not read through for it (then the focus stays where it came back). */
  position = clt_customer_list_find_loaded (self->list, self->added_customer_id);
  if (position == G_MAXUINT)
    {
      if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
        g_clear_pointer (&self->added_customer_id, g_free);
      return;
    }
  g_clear_pointer (&self->added_customer_id, g_free);

  model = gtk_column_view_get_model (clt_customer_table_get_column_view (self->table));
  gtk_selection_model_select_item (model, position, TRUE);
  self->added_position = position;
  self->added_tries = 0;
  if (self->added_focus_tick == 0)
    self->added_focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_added_tick_cb,
                                                           NULL, NULL);
}

static void
on_customer_saved_cb (CltWindow         *self,
                      CltCustomer       *stored,
                      CltCustomerEditor *editor)
{
  AdwToast *toast = clt_toast_new (_("Customer saved"));

  adw_toast_set_timeout (toast, 5);
  _clt_window_show_toast (self, toast);

  if (stored != NULL && self->page != NULL &&
      g_strcmp0 (clt_customer_page_get_customer_id (self->page), clt_customer_get_id (stored)) == 0)
    clt_customer_page_reload (self->page);
}

static void
open_editor_for_edit (CltWindow   *self,
                      CltCustomer *customer)
{
  CltCustomerEditor *editor;

  if (self->editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->editor));
      return;
    }

  editor = clt_customer_editor_new_for_edit (GTK_WINDOW (self), self->store, customer);
  track_editor (self, editor, customer);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_customer_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_edit_customer_fetched_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(CltWindow) self = user_data;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = clt_store_get_customer_finish (CLT_STORE (object), result, &error);

  if (customer == NULL)
    {
      if (!self->disposed)
        _clt_window_show_error (self, _("Couldn't open the customer for editing"), error);
      return;
    }

  if (!self->disposed)
    open_editor_for_edit (self, customer);
}

void
_clt_window_edit_customer (CltWindow *self)
{
  CltCustomer *customer;

  if (clt_store_get_read_only (self->store))
    return;

  if (self->editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->editor));
      return;
    }

  if (_clt_window_page_is_visible (self))
    {
      customer = clt_customer_page_get_customer (self->page);
      if (customer != NULL)
        open_editor_for_edit (self, customer);
      return;
    }

  customer = _clt_window_get_current_customer (self);
  if (customer == NULL)
    return;

  /* A row holds what the table shows: edit the whole stored customer. */
  g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  self->fetch_cancellable = g_cancellable_new ();

  clt_store_get_customer_async (self->store,
                                clt_customer_get_id (customer),
                                self->fetch_cancellable,
                                on_edit_customer_fetched_cb,
                                g_object_ref (self));
}

static void
add_customer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CltWindow *self = CLT_WINDOW (widget);
  CltCustomerEditor *editor;

  if (clt_store_get_read_only (self->store))
    return;

  if (self->editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->editor));
      return;
    }

  editor = clt_customer_editor_new_for_create (GTK_WINDOW (self), self->store);
  track_editor (self, editor, NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_customer_added_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _clt_window_edit_customer (CLT_WINDOW (widget));
}

void
_clt_window_class_init_editor (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.add-customer", NULL, add_customer_action);
  gtk_widget_class_install_action (widget_class, "win.edit-customer", NULL, edit_customer_action);
}
