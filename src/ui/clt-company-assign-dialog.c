/* clt-company-assign-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-company-assign-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-company.h"
#include "clt-company-assign-dialog.h"
#include "clt-customer.h"
#include "clt-error.h"
#include "clt-error-message.h"
#include "clt-format.h"
#include "clt-placeholder.h"
#include "clt-store.h"
#include "clt-validate.h"

struct _CltCompanyAssignDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwComboRow    *company_row;
  GtkLabel       *company_error_label;
  GtkButton      *detach_button;
  GtkLabel       *error_label;
  GtkListBox     *role_list;
  GtkLabel       *roles_error_label;
  GtkSpinner     *spinner;
  GtkStack       *stack;
  AdwComboRow    *unit_row;
  GtkLabel       *unit_error_label;
  AdwWindowTitle *window_title;

  CltStore       *store;
  CltCustomer    *customer;
  GCancellable   *cancellable;
  /* The shop's companies, in the drop-down's order. */
  GPtrArray      *companies;
  /* The chosen company's role check buttons, by role (owned by the rows). */
  GHashTable     *role_checks;
  gboolean        loading;
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (CltCompanyAssignDialog, clt_company_assign_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CltCompany *
get_chosen_company (CltCompanyAssignDialog *self)
{
  guint position = adw_combo_row_get_selected (self->company_row);

  if (self->companies == NULL || position >= self->companies->len)
    return NULL;

  return g_ptr_array_index (self->companies, position);
}

static const char *
get_chosen_unit (CltCompanyAssignDialog *self)
{
  CltCompany *company = get_chosen_company (self);
  const char * const *units;
  guint position = adw_combo_row_get_selected (self->unit_row);

  if (company == NULL)
    return "";

  units = clt_company_get_business_units (company);
  if (units == NULL || position >= g_strv_length ((char **) units))
    return "";

  return units[position];
}

static GStrv
dup_chosen_roles (CltCompanyAssignDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  CltCompany *company = get_chosen_company (self);
  const char * const *roles = company != NULL ? clt_company_get_roles (company) : NULL;

  /* In the company's order, whatever order the checks were made in. */
  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    {
      GtkCheckButton *check = g_hash_table_lookup (self->role_checks, roles[i]);

      if (check != NULL && gtk_check_button_get_active (check))
        g_strv_builder_add (builder, roles[i]);
    }

  return g_strv_builder_end (builder);
}

static GtkLabel *
error_label_for (CltCompanyAssignDialog *self,
                 const char             *field)
{
  if (g_strcmp0 (field, "company-id") == 0)
    return self->company_error_label;
  if (g_strcmp0 (field, "business-unit") == 0)
    return self->unit_error_label;
  if (g_strcmp0 (field, "roles") == 0)
    return self->roles_error_label;

  return self->error_label;
}

static void
set_error (CltCompanyAssignDialog *self,
           const char             *field,
           const char             *message)
{
  GtkLabel *label = error_label_for (self, field);

  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
clear_errors (CltCompanyAssignDialog *self)
{
  set_error (self, NULL, NULL);
  set_error (self, "company-id", NULL);
  set_error (self, "business-unit", NULL);
  set_error (self, "roles", NULL);
}

static void
update_actions (CltCompanyAssignDialog *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ready = !self->loading && !self->busy;

  gtk_widget_action_set_enabled (widget, "assign.save",
                                 ready && get_chosen_company (self) != NULL);
  gtk_widget_action_set_enabled (widget, "assign.detach", ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->company_row), ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unit_row),
                            ready && get_chosen_company (self) != NULL);
}

/* The units and roles of the chosen company; those the customer holds
 * there are chosen. */
static void
show_company_choices (CltCompanyAssignDialog *self)
{
  CltCompany *company = get_chosen_company (self);
  g_autoptr(GtkStringList) units = gtk_string_list_new (NULL);
  const char * const *held_roles = clt_customer_get_roles (self->customer);
  const char * const *roles = NULL;
  gboolean current = FALSE;
  guint unit_position = GTK_INVALID_LIST_POSITION;

  if (company != NULL)
    {
      const char * const *names = clt_company_get_business_units (company);

      current = g_strcmp0 (clt_company_get_id (company),
                           clt_customer_get_company_id (self->customer)) == 0;
      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        {
          gtk_string_list_append (units, names[i]);
          if (current && g_strcmp0 (names[i], clt_customer_get_business_unit (self->customer)) == 0)
            unit_position = i;
        }
      roles = clt_company_get_roles (company);
    }

  adw_combo_row_set_model (self->unit_row, G_LIST_MODEL (units));
  adw_combo_row_set_selected (self->unit_row, unit_position);
  if (company == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->unit_row), _("Choose a company first"));
  else if (g_list_model_get_n_items (G_LIST_MODEL (units)) == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->unit_row),
                                 _("The company has no business units"));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->unit_row), "");

  g_hash_table_remove_all (self->role_checks);
  clt_list_box_remove_rows (self->role_list);
  gtk_list_box_set_placeholder (self->role_list,
                                clt_placeholder_label_new (company == NULL
                                                             ? _("The chosen company’s roles show here")
                                                             : _("The company has no roles")));

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), roles[i]);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, roles[i],
                                      -1);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   current && held_roles != NULL &&
                                   g_strv_contains (held_roles, roles[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->role_list, row);
      g_hash_table_insert (self->role_checks, g_strdup (roles[i]), check);
    }

  update_actions (self);
}

static void
on_company_selected_cb (CltCompanyAssignDialog *self)
{
  if (self->loading)
    return;

  set_error (self, "company-id", NULL);
  set_error (self, "business-unit", NULL);
  set_error (self, "roles", NULL);
  show_company_choices (self);
}

static void
on_companies_listed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(CltCompanyAssignDialog) self = user_data;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  self->companies = clt_store_list_companies_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "form");

  if (self->companies == NULL)
    {
      g_autofree char *message = clt_error_dup_message (_("Couldn’t load the companies"), error);

      self->companies = g_ptr_array_new_with_free_func (g_object_unref);
      set_error (self, NULL, message);
    }
  else if (self->companies->len == 0)
    set_error (self, "company-id", _("There are no companies yet. Administrators add them in "
                                     "Preferences → Companies."));

  for (guint i = 0; i < self->companies->len; i++)
    {
      CltCompany *company = g_ptr_array_index (self->companies, i);

      gtk_string_list_append (names, clt_company_get_name (company));
      if (g_strcmp0 (clt_company_get_id (company), clt_customer_get_company_id (self->customer)) == 0)
        position = i;
    }

  adw_combo_row_set_model (self->company_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->company_row, position);
  self->loading = FALSE;
  show_company_choices (self);
}

/* After a stale save: the customer as stored now, so that the next Save
 * is based on it. The choices stay as the user made them. */
static void
on_customer_reread_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CltCompanyAssignDialog) self = user_data;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = clt_store_get_customer_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  update_actions (self);

  if (customer == NULL)
    {
      g_autofree char *message = clt_error_dup_message (_("Couldn’t read the customer again"),
                                                        error);
      set_error (self, NULL, message);
      return;
    }

  g_set_object (&self->customer, customer);
  set_error (self, NULL, _("Someone else changed this customer meanwhile. Check your choice "
                           "and save again."));
}

static void
on_assigned_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CltCompanyAssignDialog) self = user_data;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = clt_store_assign_company_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE))
    {
      clt_store_get_customer_async (self->store, clt_customer_get_id (self->customer),
                                    self->cancellable, on_customer_reread_cb,
                                    g_object_ref (self));
      return;
    }

  self->busy = FALSE;
  update_actions (self);

  if (stored == NULL)
    {
      const char *field = clt_store_error_get_field (error);

      if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID) && field != NULL)
        set_error (self, field, error->message);
      else
        {
          g_autofree char *message = clt_error_dup_message (_("Couldn’t change the company"),
                                                            error);
          set_error (self, NULL, message);
        }
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, stored);
  gtk_window_close (GTK_WINDOW (self));
}

static void
assign (CltCompanyAssignDialog *self,
        const char             *company_id,
        const char             *unit,
        const char * const     *roles)
{
  clear_errors (self);
  self->busy = TRUE;
  update_actions (self);
  clt_store_assign_company_async (self->store, clt_customer_get_id (self->customer),
                                  clt_customer_get_version (self->customer),
                                  company_id, unit, roles, self->cancellable,
                                  on_assigned_cb, g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CltCompanyAssignDialog *self = CLT_COMPANY_ASSIGN_DIALOG (widget);
  CltCompany *company = get_chosen_company (self);
  const char *company_id = company != NULL ? clt_company_get_id (company) : NULL;
  const char *unit = get_chosen_unit (self);
  g_auto(GStrv) roles = dup_chosen_roles (self);
  g_autoptr(GError) error = NULL;

  if (self->busy)
    return;

  if (company == NULL)
    {
      clear_errors (self);
      set_error (self, "company-id", _("Choose a company"));
      return;
    }

  /* The same rules the store applies: said here before a round trip. */
  if (!clt_validate_company_assignment (company, company_id, unit,
                                        (const char * const *) roles, &error))
    {
      clear_errors (self);
      set_error (self, clt_store_error_get_field (error), error->message);
      return;
    }

  assign (self, company_id, unit, (const char * const *) roles);
}

static void
detach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CltCompanyAssignDialog *self = CLT_COMPANY_ASSIGN_DIALOG (widget);

  if (!self->busy)
    assign (self, NULL, NULL, NULL);
}

static void
clt_company_assign_dialog_dispose (GObject *object)
{
  CltCompanyAssignDialog *self = (CltCompanyAssignDialog *) object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (clt_company_assign_dialog_parent_class)->dispose (object);
}

static void
clt_company_assign_dialog_finalize (GObject *object)
{
  CltCompanyAssignDialog *self = (CltCompanyAssignDialog *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->customer);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->companies, g_ptr_array_unref);
  g_clear_pointer (&self->role_checks, g_hash_table_unref);

  G_OBJECT_CLASS (clt_company_assign_dialog_parent_class)->finalize (object);
}

static void
clt_company_assign_dialog_class_init (CltCompanyAssignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_company_assign_dialog_dispose;
  object_class->finalize = clt_company_assign_dialog_finalize;

  /**
   * CltCompanyAssignDialog::saved:
   * @customer: the stored customer, attached or detached
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CLT_TYPE_CUSTOMER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-company-assign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CltCompanyAssignDialog, company_error_label);
  gtk_widget_class_bind_template_child (widget_class, CltCompanyAssignDialog, company_row);
  gtk_widget_class_bind_template_child (widget_class, CltCompanyAssignDialog, detach_button);
  gtk_widget_class_bind_template_child (widget_class, CltCompanyAssignDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CltCompanyAssignDialog, role_list);
  gtk_widget_class_bind_template_child (widget_class, CltCompanyAssignDialog, roles_error_label);
  gtk_widget_class_bind_template_child (widget_class, CltCompanyAssignDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CltCompanyAssignDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CltCompanyAssignDialog, unit_error_label);
  gtk_widget_class_bind_template_child (widget_class, CltCompanyAssignDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, CltCompanyAssignDialog, window_title);

  gtk_widget_class_install_action (widget_class, "assign.detach", NULL, detach_action);
  gtk_widget_class_install_action (widget_class, "assign.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /* GTK 4.8 + libadwaita 1.2 expose an AdwWindow as a filler. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
}

static void
clt_company_assign_dialog_init (CltCompanyAssignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->role_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_signal_connect_object (self->company_row, "notify::selected",
                           G_CALLBACK (on_company_selected_cb), self, G_CONNECT_SWAPPED);
}

CltCompanyAssignDialog *
clt_company_assign_dialog_new (GtkWindow   *parent,
                               CltStore    *store,
                               CltCustomer *customer)
{
  CltCompanyAssignDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CLT_IS_STORE (store), NULL);
  g_return_val_if_fail (CLT_IS_CUSTOMER (customer), NULL);

  self = g_object_new (CLT_TYPE_COMPANY_ASSIGN_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->customer = clt_customer_copy (customer);

  name = clt_format_customer_name (customer);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_widget_set_visible (GTK_WIDGET (self->detach_button),
                          clt_customer_get_company_id (customer)[0] != '\0');

  self->loading = TRUE;
  update_actions (self);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  clt_store_list_companies_async (store, self->cancellable, on_companies_listed_cb,
                                  g_object_ref (self));

  return self;
}

gboolean
clt_company_assign_dialog_get_loading (CltCompanyAssignDialog *self)
{
  g_return_val_if_fail (CLT_IS_COMPANY_ASSIGN_DIALOG (self), FALSE);

  return self->loading;
}

gboolean
clt_company_assign_dialog_get_busy (CltCompanyAssignDialog *self)
{
  g_return_val_if_fail (CLT_IS_COMPANY_ASSIGN_DIALOG (self), FALSE);

  return self->busy;
}

AdwComboRow *
clt_company_assign_dialog_get_company_row (CltCompanyAssignDialog *self)
{
  g_return_val_if_fail (CLT_IS_COMPANY_ASSIGN_DIALOG (self), NULL);

  return self->company_row;
}

AdwComboRow *
clt_company_assign_dialog_get_unit_row (CltCompanyAssignDialog *self)
{
  g_return_val_if_fail (CLT_IS_COMPANY_ASSIGN_DIALOG (self), NULL);

  return self->unit_row;
}

GtkCheckButton *
clt_company_assign_dialog_get_role_check (CltCompanyAssignDialog *self,
                                          const char             *role)
{
  g_return_val_if_fail (CLT_IS_COMPANY_ASSIGN_DIALOG (self), NULL);

  return g_hash_table_lookup (self->role_checks, role);
}

const char *
clt_company_assign_dialog_get_error (CltCompanyAssignDialog *self,
                                     const char             *field)
{
  GtkLabel *label;

  g_return_val_if_fail (CLT_IS_COMPANY_ASSIGN_DIALOG (self), NULL);

  label = error_label_for (self, field);
  if (!gtk_widget_get_visible (GTK_WIDGET (label)))
    return NULL;

  return gtk_label_get_label (label);
}

gboolean
clt_company_assign_dialog_select_company (CltCompanyAssignDialog *self,
                                          const char             *company_id)
{
  g_return_val_if_fail (CLT_IS_COMPANY_ASSIGN_DIALOG (self), FALSE);

  for (guint i = 0; self->companies != NULL && i < self->companies->len; i++)
    {
      CltCompany *company = g_ptr_array_index (self->companies, i);

      if (g_strcmp0 (clt_company_get_id (company), company_id) == 0)
        {
          adw_combo_row_set_selected (self->company_row, i);
          return TRUE;
        }
    }

  return FALSE;
}
