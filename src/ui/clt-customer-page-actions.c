/* clt-customer-page-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customer.* actions of CltCustomerPage and the writes they start:
 * the status switches, Mark as Verified, addresses and the outbox (the
 * note box's are in clt-customer-page-notes.c).
 */

#define G_LOG_DOMAIN "clt-customer-page"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-address.h"
#include "clt-address-editor.h"
#include "clt-customer.h"
#include "clt-customer-page-private.h"
#include "clt-email.h"
#include "clt-error-message.h"
#include "clt-store.h"
#include "clt-validate.h"

static gboolean
is_writable (CltCustomerPage *self)
{
  return self->customer != NULL && !clt_store_get_read_only (self->store) &&
         self->edit_denied == NULL;
}

void
_clt_customer_page_update_actions (CltCustomerPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean writable = is_writable (self);
  gboolean verified = self->customer != NULL && clt_customer_get_verified (self->customer);
  g_autofree char *note = _clt_customer_page_dup_note_text (self);
  g_autoptr(GError) note_error = NULL;
  gboolean note_valid;

  gtk_widget_action_set_enabled (widget, "customer.edit", writable);
  gtk_widget_action_set_enabled (widget, "customer.delete", writable);
  gtk_widget_action_set_enabled (widget, "customer.add-address", writable);
  gtk_widget_action_set_enabled (widget, "customer.edit-address", writable);
  gtk_widget_action_set_enabled (widget, "customer.delete-address", writable);
  gtk_widget_action_set_enabled (widget, "customer.set-default-billing", writable);
  gtk_widget_action_set_enabled (widget, "customer.set-default-shipping", writable);
  gtk_widget_action_set_enabled (widget, "customer.open-email", self->customer != NULL);
  _clt_customer_page_update_membership_actions (self, writable);
  /* A blank box is simply not ready; anything else wrong is said under it. */
  note_valid = clt_validate_note_message (note, &note_error);
  gtk_label_set_label (self->note_error_label,
                       note_error != NULL && !is_blank (note) ? note_error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_error_label),
                          note_error != NULL && !is_blank (note));
  gtk_widget_action_set_enabled (widget, "customer.add-note",
                                 writable && self->adding_notes == 0 && note_valid);
  gtk_widget_action_set_enabled (widget, "customer.mark-verified",
                                 writable && !verified && !self->updating_customer);

  gtk_widget_set_sensitive (GTK_WIDGET (self->active_switch),
                            writable && !self->updating_customer);

  /* A viewer sees why nothing can be changed where they would change it. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_button),
                               self->edit_denied != NULL ? self->edit_denied
                                                           : _("Edit Customer (Ctrl+E)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->delete_button),
                               self->edit_denied != NULL ? self->edit_denied
                                                           : _("Delete Customer (Delete)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_note_button),
                               self->edit_denied != NULL ? self->edit_denied
                                                         : _("Add Note (Ctrl+Enter)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->active_switch), self->edit_denied);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->on_hold_switch), self->edit_denied);
  gtk_widget_set_sensitive (GTK_WIDGET (self->on_hold_switch),
                            writable && !self->updating_customer);
}

static CltAddress *
find_address (CltCustomerPage *self,
              const char      *address_id)
{
  for (guint i = 0; self->addresses != NULL && i < self->addresses->len; i++)
    {
      CltAddress *address = g_ptr_array_index (self->addresses, i);

      if (g_strcmp0 (clt_address_get_id (address), address_id) == 0)
        return address;
    }

  return NULL;
}

GtkWindow *
_clt_customer_page_get_parent_window (CltCustomerPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Writes and dialogs keep the page alive with this until they answer. */
typedef struct
{
  CltCustomerPage *self;
  char            *address_id;
  GtkSwitch       *toggle;
  gboolean         value;
  gboolean         was_billing;
  gboolean         was_shipping;
  char            *email_id;
} WriteData;

static WriteData *
write_data_new (CltCustomerPage *self)
{
  WriteData *data = g_new0 (WriteData, 1);

  data->self = g_object_ref (self);

  return data;
}

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->address_id, g_free);
  g_clear_pointer (&data->email_id, g_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WriteData, write_data_free)

/* Says that @what failed and why. A write based on an old version
 * (STALE) or on something gone (NOT_FOUND) also shows the current data:
 * the user sees what someone else did and can decide again. */
void
_clt_customer_page_report_write_error (CltCustomerPage *self,
                                       const char      *what,
                                       const GError    *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE))
    {
      g_autoptr(GError) stale = g_error_new_literal (CLT_STORE_ERROR, CLT_STORE_ERROR_STALE,
                                                     _("Someone else changed this customer "
                                                       "meanwhile. Showing the current "
                                                       "version: check it and try again."));
      message = clt_error_dup_message (what, stale);
    }
  else
    message = clt_error_dup_message (what, error);

  clt_customer_page_add_toast (self, message);

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE) ||
      g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND))
    _clt_customer_page_queue_reload (self);
}

/* Customer updates from the page: the switches and Mark as Verified {{{ */

static void
on_customer_updated_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(WriteData) data = user_data;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomerPage *self = data->self;

  stored = clt_store_update_customer_finish (CLT_STORE (object), result, &error);
  self->updating_customer = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (stored == NULL)
    {
      _clt_customer_page_report_write_error (self, _("Couldn’t change the customer"), error);

      /* Put the switch back where the stored customer has it. */
      if (data->toggle != NULL)
        {
          self->syncing = TRUE;
          gtk_switch_set_active (data->toggle, !data->value);
          gtk_switch_set_state (data->toggle, !data->value);
          self->syncing = FALSE;
        }

      _clt_customer_page_update_actions (self);
      return;
    }

  if (self->customer != NULL
      && g_strcmp0 (clt_customer_get_id (stored), clt_customer_get_id (self->customer)) == 0)
    _clt_customer_page_set_customer (self, stored);

  if (data->toggle == NULL)
    clt_customer_page_add_toast (self, _("Email address marked as verified"));
}

static void
update_customer (CltCustomerPage *self,
                 CltCustomer     *changed,
                 GtkSwitch       *toggle,
                 gboolean         value)
{
  WriteData *data = write_data_new (self);

  data->toggle = toggle;
  data->value = value;
  self->updating_customer = TRUE;
  _clt_customer_page_update_actions (self);

  clt_store_update_customer_async (self->store, changed, self->cancellable,
                                   on_customer_updated_cb, data);
}

static gboolean
toggle_status (CltCustomerPage *self,
               GtkSwitch       *toggle,
               gboolean         state)
{
  g_autoptr(CltCustomer) changed = NULL;

  if (self->syncing)
    return FALSE;

  if (self->customer == NULL || self->updating_customer)
    return TRUE;

  changed = clt_customer_copy (self->customer);
  if (toggle == self->active_switch)
    clt_customer_set_active (changed, state);
  else
    clt_customer_set_on_hold (changed, state);

  update_customer (self, changed, toggle, state);

  /* The switch shows the new position; its state follows once stored. */
  return TRUE;
}

static gboolean
on_active_switch_state_set_cb (CltCustomerPage *self,
                               gboolean         state,
                               GtkSwitch       *toggle)
{
  return toggle_status (self, toggle, state);
}

static gboolean
on_on_hold_switch_state_set_cb (CltCustomerPage *self,
                                gboolean         state,
                                GtkSwitch       *toggle)
{
  return toggle_status (self, toggle, state);
}

static void
on_mark_verified_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              gpointer          user_data)
{
  CltCustomerPage *self = user_data;
  g_autoptr(CltCustomer) changed = NULL;

  if (g_strcmp0 (response, "verify") != 0 || self->customer == NULL || self->updating_customer)
    return;

  changed = clt_customer_copy (self->customer);
  clt_customer_set_verified (changed, TRUE);
  update_customer (self, changed, NULL, TRUE);
}

static void
mark_verified_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  GtkWidget *dialog;

  if (self->customer == NULL)
    return;

  dialog = adw_message_dialog_new (_clt_customer_page_get_parent_window (self),
                                   _("Mark as Verified?"),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Do this only when the customer has confirmed that “%s” is "
                                    "their address in another way. The verification link they "
                                    "were sent is then no longer needed."),
                                  clt_customer_get_email (self->customer));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "verify", _("_Mark as Verified"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "verify",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_mark_verified_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* }}} */

/* Alt+1…4: the Overview, Addresses, Notes and Orders tabs, with the focus
 * on the first control of the tab (the keyboard way to the view switcher,
 * which is out of the Tab order at the bottom of a narrow window). */
static void
show_tab_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  GtkWidget *tab = adw_view_stack_get_child_by_name (self->view_stack, name);

  if (tab == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->view_stack)))
    return;

  adw_view_stack_set_visible_child (self->view_stack, tab);
  gtk_widget_child_focus (tab, GTK_DIR_TAB_FORWARD);
}

/* Addresses {{{ */

static void
on_address_editor_saved_cb (CltCustomerPage *self)
{
  _clt_customer_page_queue_reload (self);
}

static void
open_address_editor (CltCustomerPage *self,
                     CltAddress      *address)
{
  GtkWindow *parent = _clt_customer_page_get_parent_window (self);
  GtkWidget *editor;

  if (address == NULL)
    editor = GTK_WIDGET (clt_address_editor_new_for_create (parent, self->store, self->customer));
  else
    editor = GTK_WIDGET (clt_address_editor_new_for_edit (parent, self->store, address));

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_address_editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_address_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);

  if (self->customer != NULL)
    open_address_editor (self, NULL);
}

static void
edit_address_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  CltAddress *address = find_address (self, g_variant_get_string (parameter, NULL));

  if (address != NULL)
    open_address_editor (self, address);
}

static void
on_address_deleted_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(WriteData) data = user_data;
  g_autoptr(GError) error = NULL;
  CltCustomerPage *self = data->self;

  if (!clt_store_delete_address_finish (CLT_STORE (object), result, &error))
    {
      _clt_customer_page_report_write_error (self, _("Couldn’t delete the address"), error);
      return;
    }

  if (data->was_billing && data->was_shipping)
    clt_customer_page_add_toast (self, _("Address deleted. The customer has no default billing "
                                         "or shipping address now."));
  else if (data->was_billing)
    clt_customer_page_add_toast (self, _("Address deleted. The customer has no default billing "
                                         "address now."));
  else if (data->was_shipping)
    clt_customer_page_add_toast (self, _("Address deleted. The customer has no default shipping "
                                         "address now."));
  else
    clt_customer_page_add_toast (self, _("Address deleted"));

  _clt_customer_page_queue_reload (self);
}

static void
on_delete_address_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               gpointer          user_data)
{
  CltCustomerPage *self = user_data;
  CltAddress *address = g_object_get_data (G_OBJECT (dialog), "clt-address");
  const char *address_id = clt_address_get_id (address);
  WriteData *data;

  if (g_strcmp0 (response, "delete") != 0 || self->customer == NULL)
    return;

  data = write_data_new (self);
  data->address_id = g_strdup (address_id);
  data->was_billing = g_strcmp0 (address_id,
                                 clt_customer_get_default_billing_address (self->customer)) == 0;
  data->was_shipping = g_strcmp0 (address_id,
                                  clt_customer_get_default_shipping_address (self->customer)) == 0;

  /* Based on the version the user was shown. */
  clt_store_delete_address_async (self->store, self->customer_id, data->address_id,
                                  clt_address_get_version (address),
                                  self->cancellable, on_address_deleted_cb, data);
}

static void
delete_address_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  CltAddress *address = find_address (self, g_variant_get_string (parameter, NULL));
  g_autofree char *summary = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  gboolean billing, shipping;
  GtkWidget *dialog;

  if (address == NULL || self->customer == NULL)
    return;

  billing = g_strcmp0 (clt_address_get_id (address),
                       clt_customer_get_default_billing_address (self->customer)) == 0;
  shipping = g_strcmp0 (clt_address_get_id (address),
                        clt_customer_get_default_shipping_address (self->customer)) == 0;

  summary = clt_address_dup_summary (address);
  g_string_append_printf (body, _("“%s” will be removed from the customer’s address book."),
                          summary);
  if (billing && shipping)
    g_string_append_printf (body, "\n\n%s", _("It is the default billing and shipping address: "
                                                "the customer will have neither until you "
                                                "choose others."));
  else if (billing)
    g_string_append_printf (body, "\n\n%s", _("It is the default billing address: the customer "
                                                "will have none until you choose another."));
  else if (shipping)
    g_string_append_printf (body, "\n\n%s", _("It is the default shipping address: the customer "
                                                "will have none until you choose another."));

  dialog = adw_message_dialog_new (_clt_customer_page_get_parent_window (self),
                                   _("Delete Address?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "clt-address",
                          clt_address_copy (address), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_address_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_default_address_set_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(WriteData) data = user_data;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomerPage *self = data->self;

  stored = clt_store_set_default_address_finish (CLT_STORE (object), result, &error);
  if (stored == NULL)
    {
      _clt_customer_page_report_write_error (self, _("Couldn’t change the default address"), error);
      return;
    }

  /* The stored customer, new version included: the next write is based
   * on it. The store's "changed" brings the rest. */
  if (g_strcmp0 (clt_customer_get_id (stored), self->customer_id) == 0)
    _clt_customer_page_set_customer (self, stored);
}

static void
set_default_address_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  CltAddressUse use = g_str_equal (action_name, "customer.set-default-billing")
                      ? CLT_ADDRESS_USE_BILLING : CLT_ADDRESS_USE_SHIPPING;

  if (self->customer == NULL)
    return;

  clt_store_set_default_address_async (self->store, self->customer_id,
                                       clt_customer_get_version (self->customer),
                                       g_variant_get_string (parameter, NULL), use,
                                       self->cancellable, on_default_address_set_cb,
                                       write_data_new (self));
}

/* }}} */

/* The outbox {{{ */

static char *
build_mailto_uri (CltEmail *email)
{
  g_autofree char *recipient = g_uri_escape_string (clt_email_get_recipient (email), "@", FALSE);
  g_autofree char *subject = g_uri_escape_string (clt_email_get_subject (email), NULL, FALSE);
  g_autoptr(GString) crlf_body = g_string_new (clt_email_get_body (email));
  g_autofree char *body = NULL;

  /* RFC 6068: line breaks in a body are CRLF. */
  g_string_replace (crlf_body, "\r\n", "\n", 0);
  g_string_replace (crlf_body, "\n", "\r\n", 0);
  body = g_uri_escape_string (crlf_body->str, NULL, FALSE);

  return g_strdup_printf ("mailto:%s?subject=%s&body=%s", recipient, subject, body);
}

static void
on_email_state_set_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(WriteData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!clt_store_set_email_state_finish (CLT_STORE (object), result, &error))
    {
      _clt_customer_page_report_write_error (data->self,
                                             _("Couldn’t mark the email as handed to the mail app"),
                                             error);
      return;
    }

  _clt_customer_page_queue_reload (data->self);
}

static void
on_mail_app_shown_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(WriteData) data = user_data;
  g_autoptr(GError) error = NULL;
  CltCustomerPage *self = data->self;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = clt_error_dup_message (_("No mail app could be opened"),
                                                            error);
          clt_customer_page_add_toast (self, message);
        }
      return;
    }

  clt_store_set_email_state_async (self->store, data->email_id, CLT_EMAIL_STATE_HANDED_OFF,
                                   self->cancellable, on_email_state_set_cb,
                                   write_data_new (self));
}

static void
open_email_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  const char *email_id = g_variant_get_string (parameter, NULL);
  GtkWindow *parent = _clt_customer_page_get_parent_window (self);

  for (guint i = 0; self->emails != NULL && i < self->emails->len; i++)
    {
      CltEmail *email = g_ptr_array_index (self->emails, i);
      g_autofree char *uri = NULL;
      WriteData *data;

      if (g_strcmp0 (clt_email_get_id (email), email_id) != 0)
        continue;

      uri = build_mailto_uri (email);
      data = write_data_new (self);
      data->email_id = g_strdup (email_id);
      gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, self->cancellable,
                         on_mail_app_shown_cb, data);
      return;
    }
}

/* }}} */

/* Page actions that the window carries out {{{ */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit_by_name (widget, "back-requested");
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  if (CLT_CUSTOMER_PAGE (widget)->customer != NULL)
    g_signal_emit_by_name (widget, "edit-requested");
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  if (CLT_CUSTOMER_PAGE (widget)->customer != NULL)
    g_signal_emit_by_name (widget, "delete-requested");
}

/* }}} */

/* Setup {{{ */

void
_clt_customer_page_class_init_actions (CltCustomerPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_callback (widget_class, on_active_switch_state_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_on_hold_switch_state_set_cb);

  gtk_widget_class_install_action (widget_class, "customer.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "customer.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "customer.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "customer.add-address", NULL, add_address_action);
  gtk_widget_class_install_action (widget_class, "customer.show-tab", "s", show_tab_action);
  gtk_widget_class_install_action (widget_class, "customer.mark-verified", NULL,
                                   mark_verified_action);
  gtk_widget_class_install_action (widget_class, "customer.edit-address", "s",
                                   edit_address_action);
  gtk_widget_class_install_action (widget_class, "customer.delete-address", "s",
                                   delete_address_action);
  gtk_widget_class_install_action (widget_class, "customer.set-default-billing", "s",
                                   set_default_address_action);
  gtk_widget_class_install_action (widget_class, "customer.set-default-shipping", "s",
                                   set_default_address_action);
  gtk_widget_class_install_action (widget_class, "customer.open-email", "s", open_email_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "customer.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "customer.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "customer.show-tab", "s", "overview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "customer.show-tab", "s", "addresses");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "customer.show-tab", "s", "notes");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "customer.show-tab", "s", "orders");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "customer.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "customer.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "customer.delete", NULL);
}

/* }}} */
