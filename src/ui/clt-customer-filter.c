/* clt-customer-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-customer-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer-filter.h"
#include "clt-enums.h"
#include "clt-error-message.h"
#include "clt-field-condition.h"
#include "clt-group.h"
#include "clt-property-util.h"
#include "clt-query.h"
#include "clt-store.h"

/* More filters than this are counted on the button, not named. */
#define MAX_NAMED 2

struct _CltCustomerFilter
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkMenuButton *add_button;
  GtkMenuButton *button;
  GtkButton     *clear_button;
  GtkDropDown   *company_choice;
  GtkBox        *conditions_box;
  GtkLabel      *error_label;
  GtkWidget     *fields_box;
  GtkDropDown   *group_choice;

  CltStore      *store;
  GCancellable  *cancellable;
  /* What the drop-downs list after "Any …", by position − 1. */
  GPtrArray     *group_codes;
  GPtrArray     *company_ids;
  char          *group;
  char          *company;
  GPtrArray     *fields;       /* CltCustomField: the store's definitions */
  GPtrArray     *conditions;   /* CltFieldCondition, in the order added */
  guint          pending;
  /* While above 0, "changed" waits (one for a whole Clear). */
  guint          batch;
  /* Set while the drop-downs are filled: their changes are not choices. */
  gboolean       filling;
  gboolean       changed_waiting;
};

G_DEFINE_FINAL_TYPE (CltCustomerFilter, clt_customer_filter, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_GROUP,
  PROP_COMPANY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (CltCustomerFilter *self);

static guint
position_of (GPtrArray  *keys,
             const char *key)
{
  guint index;

  if (key != NULL && keys != NULL &&
      g_ptr_array_find_with_equal_func (keys, key, g_str_equal, &index))
    return index + 1;

  return 0;
}

static const char *
key_at (GPtrArray *keys,
        guint      position)
{
  if (keys == NULL || position == 0 || position == GTK_INVALID_LIST_POSITION ||
      position > keys->len)
    return NULL;

  return g_ptr_array_index (keys, position - 1);
}

/* The name of what the drop-down filters by, or @key when its names are
 * not loaded yet; NULL when it does not filter. */
static const char *
choice_name (GtkDropDown *choice,
             const char  *key)
{
  GtkStringObject *item;

  if (key == NULL)
    return NULL;
  if (gtk_drop_down_get_selected (choice) > 0 &&
      (item = gtk_drop_down_get_selected_item (choice)) != NULL)
    return gtk_string_object_get_string (item);

  return key;
}

/* The button names what filters ("VIP · ACME Corp"), or counts it when
 * that is more than two; its tooltip says each. */
static void
update_label (CltCustomerFilter *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if ((name = choice_name (self->group_choice, self->group)) != NULL)
    {
      g_ptr_array_add (names, (gpointer) name);
      /* Translators: the tooltip of the Filter button: the customer group filtered by */
      g_ptr_array_add (lines, g_strdup_printf (_("Customer group %s"), name));
    }
  if ((name = choice_name (self->company_choice, self->company)) != NULL)
    {
      g_ptr_array_add (names, (gpointer) name);
      /* Translators: the tooltip of the Filter button: the company filtered by */
      g_ptr_array_add (lines, g_strdup_printf (_("Company %s"), name));
    }
  for (guint i = 0; self->conditions != NULL && i < self->conditions->len; i++)
    {
      CltFieldCondition *condition = g_ptr_array_index (self->conditions, i);
      char *line = clt_field_condition_describe (condition);

      if (line == NULL)
        continue;
      g_ptr_array_add (names,
                       (gpointer) clt_custom_field_get_label (clt_field_condition_get_field (condition)));
      g_ptr_array_add (lines, line);
    }
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (lines, NULL);

  if (names->len == 1)
    {
      gtk_menu_button_set_label (self->button, _("Filter"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button),
                                   _("Filter by customer group, company or custom fields"));
    }
  else
    {
      g_autofree char *label = NULL;
      g_autofree char *tooltip = g_strjoinv ("\n", (char **) lines->pdata);
      guint n = names->len - 1;

      if (n > MAX_NAMED)
        /* Translators: the Filter button when more than two filters are on */
        label = g_strdup_printf (ngettext ("%u Filter", "%u Filters", n), n);
      else
        /* Translators: between the names of the group and the company filtered by */
        label = g_strjoinv (_(" · "), (char **) names->pdata);
      gtk_menu_button_set_label (self->button, label);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button),
                            self->group != NULL || self->company != NULL ||
                            (self->conditions != NULL && self->conditions->len > 0));
}

static void
emit_changed (CltCustomerFilter *self)
{
  update_label (self);
  if (self->batch > 0)
    self->changed_waiting = TRUE;
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
begin_batch (CltCustomerFilter *self)
{
  self->batch++;
}

static void
end_batch (CltCustomerFilter *self)
{
  g_assert (self->batch > 0);

  if (--self->batch == 0 && self->changed_waiting)
    {
      self->changed_waiting = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

static CltCustomField *
find_field (CltCustomerFilter *self,
            const char        *key)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      CltCustomField *field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (clt_custom_field_get_key (field), key) == 0)
        return field;
    }

  return NULL;
}

static CltFieldCondition *
find_condition (CltCustomerFilter *self,
                const char        *key)
{
  for (guint i = 0; i < self->conditions->len; i++)
    {
      CltFieldCondition *condition = g_ptr_array_index (self->conditions, i);

      if (g_strcmp0 (clt_custom_field_get_key (clt_field_condition_get_field (condition)), key) == 0)
        return condition;
    }

  return NULL;
}

/* "Add Custom Field" offers the fields without a condition; the section
 * shows while any field is defined. */
static void
update_add_menu (CltCustomerFilter *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  guint n_fields = self->fields != NULL ? self->fields->len : 0;

  for (guint i = 0; i < n_fields; i++)
    {
      CltCustomField *field = g_ptr_array_index (self->fields, i);
      const char *key = clt_custom_field_get_key (field);
      g_autoptr(GMenuItem) item = NULL;

      if (find_condition (self, key) != NULL)
        continue;
      item = g_menu_item_new (clt_custom_field_get_label (field), NULL);
      g_menu_item_set_action_and_target_value (item, "filter.add-condition",
                                               g_variant_new_string (key));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->add_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
  gtk_widget_set_visible (self->fields_box, n_fields > 0);
}

static void
remove_condition (CltCustomerFilter *self,
                  CltFieldCondition *condition)
{
  g_signal_handlers_disconnect_by_data (condition, self);
  gtk_box_remove (self->conditions_box, GTK_WIDGET (condition));
  g_ptr_array_remove (self->conditions, condition);
  update_add_menu (self);
  emit_changed (self);
}

static void
remove_all_conditions (CltCustomerFilter *self)
{
  while (self->conditions->len > 0)
    remove_condition (self, g_ptr_array_index (self->conditions, self->conditions->len - 1));
}

static void
on_condition_changed_cb (CltCustomerFilter *self)
{
  emit_changed (self);
}

static void
on_condition_remove_requested_cb (CltCustomerFilter *self,
                                  CltFieldCondition *condition)
{
  GtkWidget *next = gtk_widget_get_next_sibling (GTK_WIDGET (condition));
  GtkWidget *previous = gtk_widget_get_prev_sibling (GTK_WIDGET (condition));

  remove_condition (self, condition);

  /* The focus was on the button that is gone: it goes to the condition
   * that took its place, else the one before, else Add Custom Field. */
  if (next != NULL && gtk_widget_grab_focus (next))
    return;
  if (previous != NULL && gtk_widget_grab_focus (previous))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static void
add_condition_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CltFieldCondition *condition;

  condition = clt_customer_filter_add_condition (CLT_CUSTOMER_FILTER (widget),
                                                 g_variant_get_string (parameter, NULL));
  /* Chosen in the Add Custom Field menu, which has closed: the user goes
   * on in the new condition (its first control), not on the button. */
  if (condition != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (condition));
}

static void
fill_choice (CltCustomerFilter *self,
             GtkDropDown       *choice,
             GPtrArray        **keys,
             const char        *any,
             GPtrArray         *names,
             GPtrArray         *new_keys,
             const char        *chosen)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, any);
  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (model, g_ptr_array_index (names, i));

  g_clear_pointer (keys, g_ptr_array_unref);
  *keys = g_ptr_array_ref (new_keys);

  self->filling = TRUE;
  gtk_drop_down_set_model (choice, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (choice, position_of (*keys, chosen));
  self->filling = FALSE;
}

static void
show_error (CltCustomerFilter *self,
            const char        *what,
            const GError      *error)
{
  g_autofree char *message = clt_error_dup_message (what, error);

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
on_groups_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CltCustomerFilter) self = user_data;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  groups = clt_store_list_groups_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->pending--;
  if (groups == NULL)
    {
      show_error (self, _("Couldn’t load the customer groups"), error);
      return;
    }

  for (guint i = 0; i < groups->len; i++)
    {
      CltGroup *group = g_ptr_array_index (groups, i);

      g_ptr_array_add (names, (gpointer) clt_group_get_name (group));
      g_ptr_array_add (codes, g_strdup (clt_group_get_code (group)));
    }

  fill_choice (self, self->group_choice, &self->group_codes, _("Any Group"), names, codes,
               self->group);
  update_label (self);
}

static void
on_companies_listed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(CltCustomerFilter) self = user_data;
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  companies = clt_store_list_companies_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->pending--;
  if (companies == NULL)
    {
      show_error (self, _("Couldn’t load the companies"), error);
      return;
    }

  for (guint i = 0; i < companies->len; i++)
    {
      CltCompany *company = g_ptr_array_index (companies, i);

      g_ptr_array_add (names, (gpointer) clt_company_get_name (company));
      g_ptr_array_add (ids, g_strdup (clt_company_get_id (company)));
    }

  fill_choice (self, self->company_choice, &self->company_ids, _("Any Company"), names, ids,
               self->company);
  update_label (self);
}

static void
reload (CltCustomerFilter *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->pending = 2;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  clt_store_list_groups_async (self->store, self->cancellable, on_groups_listed_cb,
                               g_object_ref (self));
  clt_store_list_companies_async (self->store, self->cancellable, on_companies_listed_cb,
                                  g_object_ref (self));
}

static void
on_store_changed_cb (CltCustomerFilter *self,
                     CltChangeKind      kind,
                     const char        *id)
{
  if (kind == CLT_CHANGE_GROUP || kind == CLT_CHANGE_COMPANY)
    reload (self);
}

static void
on_choice_selected_cb (CltCustomerFilter *self,
                       GParamSpec        *pspec,
                       GtkDropDown       *choice)
{
  if (self->filling)
    return;

  if (choice == self->group_choice)
    clt_customer_filter_set_group (self, key_at (self->group_codes,
                                                 gtk_drop_down_get_selected (choice)));
  else
    clt_customer_filter_set_company (self, key_at (self->company_ids,
                                                   gtk_drop_down_get_selected (choice)));
}

static void
on_clear_clicked_cb (CltCustomerFilter *self)
{
  clt_customer_filter_clear (self);
  gtk_menu_button_popdown (self->button);
}

static void
clt_customer_filter_dispose (GObject *object)
{
  CltCustomerFilter *self = (CltCustomerFilter *) object;

  g_cancellable_cancel (self->cancellable);
  /* Not through set_store (): that updates the button (its tooltip too,
   * which makes GTK query the pointer's surface, maybe one going away). */
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_CUSTOMER_FILTER);

  G_OBJECT_CLASS (clt_customer_filter_parent_class)->dispose (object);
}

static void
clt_customer_filter_finalize (GObject *object)
{
  CltCustomerFilter *self = (CltCustomerFilter *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->group_codes, g_ptr_array_unref);
  g_clear_pointer (&self->company_ids, g_ptr_array_unref);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->conditions, g_ptr_array_unref);

  G_OBJECT_CLASS (clt_customer_filter_parent_class)->finalize (object);
}

static void
clt_customer_filter_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CltCustomerFilter *self = CLT_CUSTOMER_FILTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_GROUP:
      g_value_set_string (value, clt_customer_filter_get_group (self));
      break;

    case PROP_COMPANY:
      g_value_set_string (value, clt_customer_filter_get_company (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_customer_filter_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CltCustomerFilter *self = CLT_CUSTOMER_FILTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      clt_customer_filter_set_store (self, g_value_get_object (value));
      break;

    case PROP_GROUP:
      clt_customer_filter_set_group (self, g_value_get_string (value));
      break;

    case PROP_COMPANY:
      clt_customer_filter_set_company (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_customer_filter_class_init (CltCustomerFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_customer_filter_dispose;
  object_class->finalize = clt_customer_filter_finalize;
  object_class->get_property = clt_customer_filter_get_property;
  object_class->set_property = clt_customer_filter_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLT_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_GROUP] =
    g_param_spec_string ("group", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-customer-filter.ui");
  gtk_widget_class_bind_template_child (widget_class, CltCustomerFilter, add_button);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerFilter, button);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerFilter, clear_button);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerFilter, company_choice);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerFilter, conditions_box);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerFilter, error_label);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerFilter, fields_box);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerFilter, group_choice);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);

  gtk_widget_class_install_action (widget_class, "filter.add-condition", "s",
                                   add_condition_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
clt_customer_filter_init (CltCustomerFilter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->conditions = g_ptr_array_new_with_free_func (g_object_unref);
  update_add_menu (self);
  update_label (self);
}

GtkWidget *
clt_customer_filter_new (void)
{
  return g_object_new (CLT_TYPE_CUSTOMER_FILTER, NULL);
}

void
clt_customer_filter_set_store (CltCustomerFilter *self,
                               CltStore          *store)
{
  g_return_if_fail (CLT_IS_CUSTOMER_FILTER (self));
  g_return_if_fail (store == NULL || CLT_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_set_object (&self->store, store);
  /* Another back end has other custom fields: the table says which. */
  begin_batch (self);
  remove_all_conditions (self);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  update_add_menu (self);
  end_batch (self);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                             G_CONNECT_SWAPPED);

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
clt_customer_filter_get_group (CltCustomerFilter *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_FILTER (self), "");

  return self->group != NULL ? self->group : "";
}

void
clt_customer_filter_set_group (CltCustomerFilter *self,
                               const char        *group)
{
  g_return_if_fail (CLT_IS_CUSTOMER_FILTER (self));

  if (!clt_set_string (&self->group, group))
    return;

  self->filling = TRUE;
  gtk_drop_down_set_selected (self->group_choice, position_of (self->group_codes, self->group));
  self->filling = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
  emit_changed (self);
}

const char *
clt_customer_filter_get_company (CltCustomerFilter *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_FILTER (self), "");

  return self->company != NULL ? self->company : "";
}

void
clt_customer_filter_set_company (CltCustomerFilter *self,
                                 const char        *company)
{
  g_return_if_fail (CLT_IS_CUSTOMER_FILTER (self));

  if (!clt_set_string (&self->company, company))
    return;

  self->filling = TRUE;
  gtk_drop_down_set_selected (self->company_choice,
                              position_of (self->company_ids, self->company));
  self->filling = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPANY]);
  emit_changed (self);
}

void
clt_customer_filter_set_custom_fields (CltCustomerFilter *self,
                                       GPtrArray         *fields)
{
  g_return_if_fail (CLT_IS_CUSTOMER_FILTER (self));

  if (fields != NULL)
    g_ptr_array_ref (fields);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  self->fields = fields;

  /* A condition on a field that is gone, or whose type changed, goes. */
  begin_batch (self);
  for (guint i = self->conditions->len; i > 0; i--)
    {
      CltFieldCondition *condition = g_ptr_array_index (self->conditions, i - 1);
      CltCustomField *field = find_field (self,
                                          clt_custom_field_get_key (clt_field_condition_get_field (condition)));

      if (field == NULL || !clt_field_condition_update_field (condition, field))
        remove_condition (self, condition);
    }
  update_add_menu (self);
  update_label (self);
  end_batch (self);
}

CltFieldCondition *
clt_customer_filter_add_condition (CltCustomerFilter *self,
                                   const char        *key)
{
  CltFieldCondition *condition;
  CltCustomField *field;

  g_return_val_if_fail (CLT_IS_CUSTOMER_FILTER (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if ((condition = find_condition (self, key)) != NULL)
    return condition;
  if ((field = find_field (self, key)) == NULL)
    return NULL;

  condition = clt_field_condition_new (field);
  gtk_box_append (self->conditions_box, GTK_WIDGET (condition));
  g_ptr_array_add (self->conditions, g_object_ref (condition));
  g_signal_connect_object (condition, "changed", G_CALLBACK (on_condition_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (condition, "remove-requested",
                           G_CALLBACK (on_condition_remove_requested_cb), self, G_CONNECT_SWAPPED);
  update_add_menu (self);
  update_label (self);

  return condition;
}

CltFieldCondition *
clt_customer_filter_get_condition (CltCustomerFilter *self,
                                   const char        *key)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_FILTER (self), NULL);

  return find_condition (self, key);
}

void
clt_customer_filter_apply (CltCustomerFilter *self,
                           CltQuery          *query)
{
  g_return_if_fail (CLT_IS_CUSTOMER_FILTER (self));
  g_return_if_fail (CLT_IS_QUERY (query));

  clt_query_set_group (query, clt_customer_filter_get_group (self));
  clt_query_set_company (query, clt_customer_filter_get_company (self));
  clt_query_remove_field_filters (query, NULL);
  for (guint i = 0; i < self->conditions->len; i++)
    clt_field_condition_apply (g_ptr_array_index (self->conditions, i), query);
}

void
clt_customer_filter_clear (CltCustomerFilter *self)
{
  g_return_if_fail (CLT_IS_CUSTOMER_FILTER (self));

  begin_batch (self);
  clt_customer_filter_set_group (self, NULL);
  clt_customer_filter_set_company (self, NULL);
  remove_all_conditions (self);
  end_batch (self);
}

GtkDropDown *
clt_customer_filter_get_group_choice (CltCustomerFilter *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_FILTER (self), NULL);

  return self->group_choice;
}

GtkDropDown *
clt_customer_filter_get_company_choice (CltCustomerFilter *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_FILTER (self), NULL);

  return self->company_choice;
}

GtkMenuButton *
clt_customer_filter_get_add_button (CltCustomerFilter *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_FILTER (self), NULL);

  return self->add_button;
}

GtkMenuButton *
clt_customer_filter_get_button (CltCustomerFilter *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_FILTER (self), NULL);

  return self->button;
}

gboolean
clt_customer_filter_get_loading (CltCustomerFilter *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_FILTER (self), FALSE);

  return self->pending > 0;
}
