/* clt-customer-page-membership.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the customer page shows and does about the customer's customer
 * groups and company: the group rows (each group's name a link that
 * opens it, win.show-group, and a Remove button), the company's name as
 * a link (win.show-company), "Add to Group…" and "Attach to Company…".
 * The links are the window's actions: a page outside a window shows them
 * off.
 */

#define G_LOG_DOMAIN "clt-customer-page"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-company.h"
#include "clt-company-assign-dialog.h"
#include "clt-customer.h"
#include "clt-customer-page-private.h"
#include "clt-format.h"
#include "clt-group.h"
#include "clt-group-chooser.h"
#include "clt-group-membership.h"
#include "clt-placeholder.h"
#include "clt-store.h"

static CltGroup *
find_group (CltCustomerPage *self,
            const char      *code)
{
  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    {
      CltGroup *group = g_ptr_array_index (self->groups, i);

      if (g_strcmp0 (clt_group_get_code (group), code) == 0)
        return group;
    }

  return NULL;
}

/* A button that reads as a link and activates @action_name (@target). */
static GtkWidget *
create_link (const char *label,
             const char *action_name,
             const char *target)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "link");
  gtk_widget_add_css_class (button, "inline-link");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (target));
  return button;
}

static GtkWidget *
create_group_row (CltCustomerPage *self,
                  const char      *code)
{
  CltGroup *group = find_group (self, code);
  const char *name = group != NULL ? clt_group_get_name (group) : code;
  const char *description = group != NULL ? clt_group_get_description (group) : NULL;
  g_autofree char *open_tip = g_strdup_printf (_("Open “%s” in Preferences"), name);
  g_autofree char *remove_tip = g_strdup_printf (_("Remove from “%s”"), name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *link = create_link (name, "win.show-group", code);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  GtkWidget *name_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  /* The name over its description, both where the row's text starts:
   * side by side, each description began where its name happened to
   * end. */
  gtk_widget_set_tooltip_text (link, open_tip);
  gtk_box_append (GTK_BOX (name_box), link);
  if (description != NULL && description[0] != '\0')
    {
      GtkWidget *label = gtk_label_new (description);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (name_box), label);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (link),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL,
                                      -1);
    }
  gtk_widget_set_valign (name_box, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (name_box, TRUE);
  gtk_widget_set_margin_top (name_box, 6);
  gtk_widget_set_margin_bottom (name_box, 6);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), name_box);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_tip,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "customer.remove-from-group");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_string (code));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

void
_clt_customer_page_render_membership (CltCustomerPage *self)
{
  const char * const *codes;
  const char *company_id;
  const char *full;
  GtkWidget *company_cell = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (self->field_cells[FIELD_COMPANY_ACCOUNT]));
  GtkLabel *company_value = self->field_values[FIELD_COMPANY_ACCOUNT];

  if (self->customer == NULL)
    return;

  /* The rows only: a customer in no group showed an empty card. */
  clt_list_box_remove_rows (self->group_list);

  codes = clt_customer_get_groups (self->customer);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    gtk_list_box_append (self->group_list, create_group_row (self, codes[i]));

  /* The company's name is the link; the cell's own text would say it twice. */
  if (self->company_link != NULL)
    {
      gtk_box_remove (GTK_BOX (company_cell), GTK_WIDGET (self->company_link));
      self->company_link = NULL;
    }
  gtk_widget_set_visible (GTK_WIDGET (company_value), TRUE);

  company_id = clt_customer_get_company_id (self->customer);
  if (!is_blank (company_id))
    {
      const char *name = self->company != NULL &&
                         g_strcmp0 (clt_company_get_id (self->company), company_id) == 0
                           ? clt_company_get_name (self->company) : company_id;
      g_autofree char *tip = g_strdup_printf (_("Open “%s” in Preferences"), name);

      self->company_link = GTK_BUTTON (create_link (name, "win.show-company", company_id));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->company_link), tip);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->company_link),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      gtk_widget_get_first_child (company_cell), NULL,
                                      -1);
      gtk_box_append (GTK_BOX (company_cell), GTK_WIDGET (self->company_link));
      gtk_widget_set_visible (GTK_WIDGET (company_value), FALSE);
    }

  /* Short labels beside the group's title (both fit a phone's width);
   * the tooltip and the accessible name say it in full. */
  gtk_button_set_label (self->attach_company_button,
                        is_blank (company_id) ? _("A_ttach…") : _("Chan_ge…"));
  full = is_blank (company_id) ? _("Attach to Company…") : _("Change Company…");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->attach_company_button), full);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->attach_company_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, full,
                                  -1);
}

void
_clt_customer_page_update_membership_actions (CltCustomerPage *self,
                                              gboolean         writable)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "customer.add-to-group", writable);
  gtk_widget_action_set_enabled (widget, "customer.remove-from-group", writable);
  gtk_widget_action_set_enabled (widget, "customer.attach-company", writable);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->attach_company_button), self->edit_denied);
}

/* Groups {{{ */

typedef struct
{
  CltCustomerPage *self;
  char            *name;
  gboolean         add;
} GroupData;

static void
group_data_free (GroupData *data)
{
  g_clear_object (&data->self);
  g_free (data->name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GroupData, group_data_free)

static void
on_membership_applied_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GroupData) data = user_data;
  g_autoptr(CltMembershipReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  CltCustomerPage *self = data->self;
  const char *what = data->add ? _("Couldn’t add the customer to the group")
                               : _("Couldn’t remove the customer from the group");

  report = clt_group_membership_apply_finish (CLT_STORE (object), result, &error);
  if (report == NULL)
    {
      _clt_customer_page_report_write_error (self, what, error);
      return;
    }

  if (report->failures->len > 0)
    {
      CltMembershipFailure *failure = g_ptr_array_index (report->failures, 0);

      _clt_customer_page_report_write_error (self, what, failure->error);
      return;
    }

  if (data->add)
    message = g_strdup_printf (_("Added to “%s”"), data->name);
  else
    message = g_strdup_printf (_("Removed from “%s”"), data->name);
  clt_customer_page_add_toast (self, message);
  _clt_customer_page_queue_reload (self);
}

static void
change_group (CltCustomerPage *self,
              const char      *code,
              const char      *name,
              gboolean         add)
{
  const char *ids[] = { self->customer_id, NULL };
  GroupData *data;

  if (self->customer_id == NULL)
    return;

  data = g_new0 (GroupData, 1);
  data->self = g_object_ref (self);
  data->name = g_strdup (name != NULL ? name : code);
  data->add = add;
  clt_group_membership_apply_async (self->store, ids, code, add, self->cancellable,
                                    on_membership_applied_cb, data);
}

static void
on_group_chosen_cb (CltCustomerPage *self,
                    const char      *code,
                    const char      *name,
                    CltGroupChooser *chooser)
{
  change_group (self, code, name, TRUE);
}

static void
add_to_group_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  g_autofree char *name = NULL;
  CltGroupChooser *chooser;

  if (self->customer == NULL)
    return;

  name = clt_format_customer_name (self->customer);
  chooser = clt_group_chooser_new (_clt_customer_page_get_parent_window (self), self->store,
                                   TRUE, name, clt_customer_get_groups (self->customer));
  g_signal_connect_object (chooser, "chosen", G_CALLBACK (on_group_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (chooser));
}

static void
remove_from_group_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  const char *code = g_variant_get_string (parameter, NULL);
  CltGroup *group = find_group (self, code);

  change_group (self, code, group != NULL ? clt_group_get_name (group) : code, FALSE);
}

/* }}} */

/* Company {{{ */

static void
on_company_saved_cb (CltCustomerPage *self,
                     CltCustomer     *stored)
{
  if (is_blank (clt_customer_get_company_id (stored)))
    clt_customer_page_add_toast (self, _("Detached from the company"));
  else
    clt_customer_page_add_toast (self, _("Company assignment saved"));

  /* The company's name and units come with the page's next load. */
  _clt_customer_page_queue_reload (self);
}

static void
attach_company_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  CltCompanyAssignDialog *dialog;

  if (self->customer == NULL)
    return;

  dialog = clt_company_assign_dialog_new (_clt_customer_page_get_parent_window (self),
                                          self->store, self->customer);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_company_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* }}} */

void
_clt_customer_page_class_init_membership (CltCustomerPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "customer.add-to-group", NULL,
                                   add_to_group_action);
  gtk_widget_class_install_action (widget_class, "customer.attach-company", NULL,
                                   attach_company_action);
  gtk_widget_class_install_action (widget_class, "customer.remove-from-group", "s",
                                   remove_from_group_action);
}
