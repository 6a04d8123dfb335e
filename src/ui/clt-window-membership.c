/* clt-window-membership.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CltWindow and customer groups and companies: the table's filter (group,
 * company and custom field conditions), Add to Group… / Remove from Group… on the selected
 * customers (the selection bar and the row menu), and the links of the
 * customer page that open a group or a company (win.show-group,
 * win.show-company).
 */

#define G_LOG_DOMAIN "clt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-customer.h"
#include "clt-customer-list.h"
#include "clt-error-message.h"
#include "clt-format.h"
#include "clt-group-chooser.h"
#include "clt-group-membership.h"
#include "clt-query.h"
#include "clt-store.h"
#include "clt-toast.h"
#include "clt-window-private.h"

/* Preferences {{{ */

/* Opens the group or company @id where it is edited. The application's
 * "show-group" / "show-company" action (string parameter) goes straight
 * to it when the application has one; otherwise Preferences open. */
static void
show_in_preferences (CltWindow  *self,
                     const char *app_action,
                     const char *id)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), app_action))
    g_action_group_activate_action (G_ACTION_GROUP (app), app_action, g_variant_new_string (id));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "app.preferences", NULL);
}

static void
show_group_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  show_in_preferences (CLT_WINDOW (widget), "show-group", g_variant_get_string (parameter, NULL));
}

static void
show_company_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  show_in_preferences (CLT_WINDOW (widget), "show-company",
                       g_variant_get_string (parameter, NULL));
}

/* }}} */

/* The selection {{{ */

static guint
count_selected (CltWindow *self)
{
  GtkSelectionModel *model;
  g_autoptr(GtkBitset) selected = NULL;

  /* Not once the window is disposed. */
  if (self->table == NULL)
    return 0;

  model = gtk_column_view_get_model (clt_customer_table_get_column_view (self->table));
  if (model == NULL)
    return 0;

  selected = gtk_selection_model_get_selection (model);
  return (guint) MIN (gtk_bitset_get_size (selected), G_MAXUINT);
}

GStrv
_clt_window_dup_selected_ids (CltWindow *self)
{
  GtkSelectionModel *model = gtk_column_view_get_model (clt_customer_table_get_column_view (self->table));
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (model == NULL)
    return g_strv_builder_end (ids);

  selected = gtk_selection_model_get_selection (model);
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(CltCustomer) customer = g_list_model_get_item (G_LIST_MODEL (model), position);

      if (customer != NULL && clt_customer_get_loaded (customer))
        g_strv_builder_add (ids, clt_customer_get_id (customer));
    }

  return g_strv_builder_end (ids);
}

static void
update_selection (CltWindow *self)
{
  guint n = count_selected (self);
  gboolean writable;
  g_autofree char *label = NULL;

  if (self->selection_label == NULL)
    return;

  writable = self->store != NULL && !clt_store_get_read_only (self->store) &&
             self->edit_denied == NULL;

  /* Translators: in the bar under the table while several rows are selected */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected",
                                        "%u selected", n), n);
  gtk_label_set_label (self->selection_label, label);
  gtk_revealer_set_reveal_child (self->selection_revealer, n >= 2);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-to-group", writable && n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-from-group", writable && n > 0);
}

static void
on_selection_changed_cb (CltWindow *self)
{
  update_selection (self);
}

static void
on_column_view_model_cb (CltWindow     *self,
                         GParamSpec    *pspec,
                         GtkColumnView *view)
{
  GtkSelectionModel *model = gtk_column_view_get_model (view);

  if (model != NULL)
    g_signal_connect_object (model, "selection-changed", G_CALLBACK (on_selection_changed_cb),
                             self, G_CONNECT_SWAPPED);
  update_selection (self);
}

void
_clt_window_append_group_section (CltWindow *self,
                                  GMenu     *menu)
{
  g_autoptr(GMenu) section = g_menu_new ();

  g_menu_append (section, _("Add to _Group…"), "win.add-to-group");
  g_menu_append (section, _("_Remove from Group…"), "win.remove-from-group");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
}

/* }}} */

/* Add to Group…, Remove from Group… {{{ */

typedef struct
{
  CltWindow *self;
  char      *name;
  guint      n_customers;
  gboolean   add;
} GroupData;

static void
group_data_free (GroupData *data)
{
  g_clear_object (&data->self);
  g_free (data->name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GroupData, group_data_free)

static char *
dup_outcome (GroupData           *data,
             CltMembershipReport *report)
{
  guint n = report->n_changed + report->n_unchanged;

  if (report->failures->len == 0 && data->add)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u customer to “%s”",
                                         "Added %u customers to “%s”", n), n, data->name);
  if (report->failures->len == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Removed %u customer from “%s”",
                                         "Removed %u customers from “%s”", n), n, data->name);
  if (data->add)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u of %u customer to “%s”.",
                                         "Added %u of %u customers to “%s”.", data->n_customers),
                            n, data->n_customers, data->name);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Removed %u of %u customer from “%s”.",
                                       "Removed %u of %u customers from “%s”.", data->n_customers),
                          n, data->n_customers, data->name);
}

/* Who was left out and why, one customer a line. */
static void
show_failures (CltWindow           *self,
               GroupData           *data,
               CltMembershipReport *report)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *outcome = dup_outcome (data, report);
  GtkWidget *dialog;

  g_string_append (body, outcome);
  g_string_append (body, "\n");
  for (guint i = 0; i < report->failures->len; i++)
    {
      CltMembershipFailure *failure = g_ptr_array_index (report->failures, i);
      g_autofree char *reason = clt_error_dup_message (NULL, failure->error);

      /* Translators: one customer the change failed for, and why: "Anna Schmidt: …" */
      g_string_append_printf (body, _("\n%s: %s"), failure->label, reason);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   data->add ? _("Not All Customers Were Added")
                                             : _("Not All Customers Were Removed"),
                                   body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_membership_applied_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GroupData) data = user_data;
  g_autoptr(CltMembershipReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *outcome = NULL;
  CltWindow *self = data->self;

  report = clt_group_membership_apply_finish (CLT_STORE (object), result, &error);
  if (report == NULL)
    {
      _clt_window_show_error (self, data->add ? _("Couldn’t add the customers to the group")
                                              : _("Couldn’t remove the customers from the group"),
                              error);
      return;
    }

  if (report->failures->len > 0)
    {
      show_failures (self, data, report);
      return;
    }

  outcome = dup_outcome (data, report);
  _clt_window_show_toast (self, clt_toast_new (outcome));
}

static void
on_group_chosen_cb (GtkWidget  *chooser,
                    const char *code,
                    const char *name,
                    gpointer    user_data)
{
  CltWindow *self = CLT_WINDOW (user_data);
  g_auto(GStrv) ids = g_object_steal_data (G_OBJECT (chooser), "customer-ids");
  GroupData *data;

  if (ids == NULL)
    return;

  data = g_new0 (GroupData, 1);
  data->self = g_object_ref (self);
  data->name = g_strdup (name);
  data->n_customers = g_strv_length (ids);
  data->add = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "add"));
  clt_group_membership_apply_async (self->store, (const char * const *) ids, code, data->add,
                                    self->cancellable, on_membership_applied_cb, data);
}

static void
choose_group (CltWindow *self,
              gboolean   add)
{
  g_auto(GStrv) ids = NULL;
  g_autofree char *subtitle = NULL;
  CltGroupChooser *chooser;
  guint n = count_selected (self);
  guint n_ids;

  if (n > CLT_GROUP_MEMBERSHIP_MAX_CUSTOMERS)
    {
      g_autofree char *message =
        g_strdup_printf (_("Select at most %u customers to change their groups at once."),
                         (guint) CLT_GROUP_MEMBERSHIP_MAX_CUSTOMERS);

      _clt_window_show_toast (self, clt_toast_new (message));
      return;
    }

  ids = _clt_window_dup_selected_ids (self);
  n_ids = g_strv_length (ids);
  if (n_ids == 0)
    return;
  if (n_ids < n)
    {
      _clt_window_show_toast (self, clt_toast_new (_("Some selected customers are still "
                                                     "loading: try again in a moment.")));
      return;
    }

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers", n_ids),
                              n_ids);
  chooser = clt_group_chooser_new (GTK_WINDOW (self), self->store, add, subtitle, NULL);
  g_object_set_data_full (G_OBJECT (chooser), "customer-ids", g_steal_pointer (&ids),
                          (GDestroyNotify) g_strfreev);
  g_object_set_data (G_OBJECT (chooser), "add", GINT_TO_POINTER (add));
  g_signal_connect_object (chooser, "chosen", G_CALLBACK (on_group_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (chooser));
}

static void
add_to_group_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_group (CLT_WINDOW (widget), TRUE);
}

static void
remove_from_group_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  choose_group (CLT_WINDOW (widget), FALSE);
}

/* }}} */

/* The filter {{{ */

static void
on_filter_changed_cb (CltWindow *self)
{
  g_autoptr(CltQuery) query = NULL;
  g_autoptr(CltQuery) filtered = NULL;

  if (self->list == NULL)
    return;

  query = clt_customer_list_dup_query (self->list);
  filtered = clt_query_copy (query);
  clt_customer_filter_apply (self->filter, filtered);
  if (clt_query_equal (query, filtered))
    return;

  _clt_window_set_query (self, filtered);
}

/* Closing the search bar ends the search, and the filter with it. */
static void
on_search_mode_cb (CltWindow    *self,
                   GParamSpec   *pspec,
                   GtkSearchBar *search_bar)
{
  if (gtk_search_bar_get_search_mode (search_bar))
    return;

  clt_customer_filter_clear (self->filter);
}

/* }}} */

void
_clt_window_class_init_membership (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.add-to-group", NULL, add_to_group_action);
  gtk_widget_class_install_action (widget_class, "win.remove-from-group", NULL,
                                   remove_from_group_action);
  gtk_widget_class_install_action (widget_class, "win.show-company", "s", show_company_action);
  gtk_widget_class_install_action (widget_class, "win.show-group", "s", show_group_action);
}

void
_clt_window_init_membership (CltWindow *self)
{
  GtkColumnView *view = clt_customer_table_get_column_view (self->table);

  g_signal_connect_object (view, "notify::model", G_CALLBACK (on_column_view_model_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (on_filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-to-group", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-from-group", FALSE);
}

void
_clt_window_update_selection (CltWindow *self)
{
  update_selection (self);
}
