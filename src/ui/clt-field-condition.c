/* clt-field-condition.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-field-condition"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "clt-custom-field.h"
#include "clt-field-condition.h"
#include "clt-form.h"
#include "clt-query.h"

#define MAX_BOUNDS 2

/* One control and the filter it makes. */
typedef struct
{
  GtkWidget     *row;
  CltFieldMatch  match;
  char          *value;   /* what goes into a query; NULL: nothing */
  char          *error;   /* why what the row holds cannot */
} Bound;

struct _CltFieldCondition
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkBox         *header;
  GtkListBox     *list_box;
  GtkLabel       *message_label;
  GtkButton      *remove_button;
  GtkLabel       *title_label;

  CltCustomField *field;
  Bound           bounds[MAX_BOUNDS];
  guint           n_bounds;
  /* Set while a combo's choices are replaced: not the user's doing. */
  gboolean        filling;
};

G_DEFINE_FINAL_TYPE (CltFieldCondition, clt_field_condition, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_combo (CltFieldCondition *self)
{
  CltCustomFieldType type = clt_custom_field_get_field_type (self->field);

  return type == CLT_CUSTOM_FIELD_BOOLEAN || type == CLT_CUSTOM_FIELD_CHOICE;
}

/* Reads what @bound's row holds into its value, or its error. */
static void
read_bound (CltFieldCondition *self,
            Bound             *bound)
{
  CltCustomFieldType type = clt_custom_field_get_field_type (self->field);
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GVariant) parsed = NULL;

  g_clear_pointer (&bound->value, g_free);
  g_clear_pointer (&bound->error, g_free);

  if (is_combo (self))
    {
      GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (bound->row));
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (bound->row));

      /* The first item is "Any". */
      if (selected == 0 || selected >= g_list_model_get_n_items (model))
        return;
      if (type == CLT_CUSTOM_FIELD_BOOLEAN)
        bound->value = g_strdup (selected == 1 ? "true" : "false");
      else
        bound->value = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), selected));
      return;
    }

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (bound->row))));
  if (text[0] == '\0')
    return;

  if (type == CLT_CUSTOM_FIELD_NUMBER)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      double number;

      if (!clt_custom_field_parse_number (text, &number))
        bound->error = g_strdup (_("Enter a number"));
      else
        bound->value = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, number));
      return;
    }

  parsed = clt_custom_field_parse_filter_value (type, bound->match, text, &message);
  if (parsed == NULL)
    bound->error = g_steal_pointer (&message);
  else
    bound->value = g_steal_pointer (&text);
}

/* The message under the rows: what is wrong with one of them, the rows
 * with an error marked. */
static void
show_errors (CltFieldCondition *self)
{
  GtkWidget *label = GTK_WIDGET (self->message_label);

  /* The rows without an error first: the last call decides the message. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->n_bounds; i++)
      {
        Bound *bound = &self->bounds[i];

        if ((bound->error != NULL) == (pass == 1))
          clt_form_show_row_message (bound->row, label, self->message_label, bound->error, NULL);
      }
}

static void
row_changed (CltFieldCondition *self,
             GtkWidget         *row)
{
  if (self->filling)
    return;

  for (guint i = 0; i < self->n_bounds; i++)
    if (self->bounds[i].row == row)
      read_bound (self, &self->bounds[i]);

  show_errors (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_text_changed_cb (GtkEditable       *editable,
                    CltFieldCondition *self)
{
  row_changed (self, GTK_WIDGET (editable));
}

static void
on_selected_cb (AdwComboRow       *row,
                GParamSpec        *pspec,
                CltFieldCondition *self)
{
  row_changed (self, GTK_WIDGET (row));
}

static void
on_remove_clicked_cb (CltFieldCondition *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

/* "Any", then yes and no or the field's choices. */
static GListModel *
make_choices (CltCustomField *field)
{
  GtkStringList *choices = gtk_string_list_new (NULL);

  /* Translators: a filter on a yes/no or choice list custom field that lets every value pass */
  gtk_string_list_append (choices, C_("filter", "Any"));
  if (clt_custom_field_get_field_type (field) == CLT_CUSTOM_FIELD_BOOLEAN)
    {
      gtk_string_list_append (choices, _("Yes"));
      gtk_string_list_append (choices, _("No"));
    }
  else
    gtk_string_list_splice (choices, 1, 0, clt_custom_field_get_choices (field));

  return G_LIST_MODEL (choices);
}

static void
add_bound (CltFieldCondition *self,
           CltFieldMatch      match,
           const char        *title)
{
  Bound *bound = &self->bounds[self->n_bounds++];
  GtkWidget *row;

  g_assert (self->n_bounds <= MAX_BOUNDS);

  switch (clt_custom_field_get_field_type (self->field))
    {
    case CLT_CUSTOM_FIELD_BOOLEAN:
    case CLT_CUSTOM_FIELD_CHOICE:
      {
        g_autoptr(GListModel) choices = make_choices (self->field);

        row = adw_combo_row_new ();
        adw_combo_row_set_model (ADW_COMBO_ROW (row), choices);
        g_signal_connect (row, "notify::selected", G_CALLBACK (on_selected_cb), self);
      }
      break;

    case CLT_CUSTOM_FIELD_DATE:
    case CLT_CUSTOM_FIELD_NUMBER:
    case CLT_CUSTOM_FIELD_STRING:
    default:
      row = clt_form_new_entry_row (clt_custom_field_get_field_type (self->field));
      g_signal_connect (row, "changed", G_CALLBACK (on_text_changed_cb), self);
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  bound->row = row;
  bound->match = match;
  gtk_list_box_append (self->list_box, row);
}

static void
build_rows (CltFieldCondition *self)
{
  switch (clt_custom_field_get_field_type (self->field))
    {
    case CLT_CUSTOM_FIELD_NUMBER:
      add_bound (self, CLT_FIELD_MATCH_AT_LEAST, _("At least"));
      add_bound (self, CLT_FIELD_MATCH_AT_MOST, _("At most"));
      break;

    case CLT_CUSTOM_FIELD_DATE:
      /* Translators: the first day of a custom date field's range in the table's filter */
      add_bound (self, CLT_FIELD_MATCH_AT_LEAST, C_("date range", "From"));
      /* Translators: the last day (included) of a custom date field's range in the table's filter */
      add_bound (self, CLT_FIELD_MATCH_AT_MOST, C_("date range", "To"));
      break;

    case CLT_CUSTOM_FIELD_BOOLEAN:
    case CLT_CUSTOM_FIELD_CHOICE:
      /* Translators: a yes/no or choice list custom field's value in the table's filter */
      add_bound (self, CLT_FIELD_MATCH_EQUALS, C_("filter", "Is"));
      break;

    case CLT_CUSTOM_FIELD_STRING:
    default:
      add_bound (self, CLT_FIELD_MATCH_PREFIX, _("Starts with"));
      break;
    }
}

static void
update_title (CltFieldCondition *self)
{
  const char *label = clt_custom_field_get_label (self->field);
  /* Translators: the accessible name of the button that removes the filter on custom field %s */
  g_autofree char *remove = g_strdup_printf (_("Remove the Condition on %s"), label);

  gtk_label_set_label (self->title_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
}

/* The condition itself takes no focus: its first control does (the
 * entry of text, numbers and dates, the combo of the others), where a
 * user who just added it types or chooses. */
static gboolean
clt_field_condition_grab_focus (GtkWidget *widget)
{
  CltFieldCondition *self = CLT_FIELD_CONDITION (widget);

  if (self->n_bounds == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->remove_button));

  return gtk_widget_grab_focus (self->bounds[0].row);
}

static void
clt_field_condition_dispose (GObject *object)
{
  CltFieldCondition *self = (CltFieldCondition *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_FIELD_CONDITION);

  G_OBJECT_CLASS (clt_field_condition_parent_class)->dispose (object);
}

static void
clt_field_condition_finalize (GObject *object)
{
  CltFieldCondition *self = (CltFieldCondition *) object;

  for (guint i = 0; i < self->n_bounds; i++)
    {
      g_free (self->bounds[i].value);
      g_free (self->bounds[i].error);
    }
  g_clear_object (&self->field);

  G_OBJECT_CLASS (clt_field_condition_parent_class)->finalize (object);
}

static void
clt_field_condition_class_init (CltFieldConditionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_field_condition_dispose;
  object_class->finalize = clt_field_condition_finalize;

  widget_class->grab_focus = clt_field_condition_grab_focus;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-field-condition.ui");
  gtk_widget_class_bind_template_child (widget_class, CltFieldCondition, header);
  gtk_widget_class_bind_template_child (widget_class, CltFieldCondition, list_box);
  gtk_widget_class_bind_template_child (widget_class, CltFieldCondition, message_label);
  gtk_widget_class_bind_template_child (widget_class, CltFieldCondition, remove_button);
  gtk_widget_class_bind_template_child (widget_class, CltFieldCondition, title_label);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
clt_field_condition_init (CltFieldCondition *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
}

CltFieldCondition *
clt_field_condition_new (CltCustomField *field)
{
  CltFieldCondition *self;

  g_return_val_if_fail (CLT_IS_CUSTOM_FIELD (field), NULL);

  self = g_object_new (CLT_TYPE_FIELD_CONDITION, NULL);
  self->field = clt_custom_field_copy (field);
  build_rows (self);
  update_title (self);

  return self;
}

CltCustomField *
clt_field_condition_get_field (CltFieldCondition *self)
{
  g_return_val_if_fail (CLT_IS_FIELD_CONDITION (self), NULL);

  return self->field;
}

gboolean
clt_field_condition_update_field (CltFieldCondition *self,
                                  CltCustomField    *field)
{
  g_return_val_if_fail (CLT_IS_FIELD_CONDITION (self), FALSE);
  g_return_val_if_fail (CLT_IS_CUSTOM_FIELD (field), FALSE);

  if (clt_custom_field_get_field_type (field) != clt_custom_field_get_field_type (self->field))
    return FALSE;

  g_clear_object (&self->field);
  self->field = clt_custom_field_copy (field);
  update_title (self);

  if (clt_custom_field_get_field_type (field) == CLT_CUSTOM_FIELD_CHOICE)
    {
      Bound *bound = &self->bounds[0];
      g_autoptr(GListModel) choices = make_choices (field);
      guint selected = 0;

      for (guint i = 1; bound->value != NULL && i < g_list_model_get_n_items (choices); i++)
        if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), bound->value))
          selected = i;

      self->filling = TRUE;
      adw_combo_row_set_model (ADW_COMBO_ROW (bound->row), choices);
      adw_combo_row_set_selected (ADW_COMBO_ROW (bound->row), selected);
      self->filling = FALSE;
      row_changed (self, bound->row);
    }

  return TRUE;
}

guint
clt_field_condition_apply (CltFieldCondition *self,
                           CltQuery          *query)
{
  const char *key;
  guint n = 0;

  g_return_val_if_fail (CLT_IS_FIELD_CONDITION (self), 0);
  g_return_val_if_fail (query != NULL, 0);

  key = clt_custom_field_get_key (self->field);
  for (guint i = 0; i < self->n_bounds; i++)
    if (self->bounds[i].value != NULL)
      {
        clt_query_add_field_filter (query, key, self->bounds[i].match, self->bounds[i].value);
        n++;
      }

  return n;
}

char *
clt_field_condition_describe (CltFieldCondition *self)
{
  const char *label;
  const char *low = NULL;
  const char *high = NULL;
  const char *value = NULL;
  gboolean date;

  g_return_val_if_fail (CLT_IS_FIELD_CONDITION (self), NULL);

  label = clt_custom_field_get_label (self->field);
  date = clt_custom_field_get_field_type (self->field) == CLT_CUSTOM_FIELD_DATE;
  for (guint i = 0; i < self->n_bounds; i++)
    {
      const Bound *bound = &self->bounds[i];

      if (bound->match == CLT_FIELD_MATCH_AT_LEAST)
        low = bound->value;
      else if (bound->match == CLT_FIELD_MATCH_AT_MOST)
        high = bound->value;
      else if (bound->value != NULL)
        value = is_combo (self)
                ? gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (bound->row))),
                                              adw_combo_row_get_selected (ADW_COMBO_ROW (bound->row)))
                : bound->value;
    }

  if (low != NULL && high != NULL)
    /* Translators: a custom field filter: field label, lower and upper bound (both included) */
    return g_strdup_printf (date ? _("%s from %s to %s") : _("%s between %s and %s"),
                            label, low, high);
  if (low != NULL)
    /* Translators: a custom field filter: field label, lower bound (included) */
    return g_strdup_printf (date ? _("%s from %s") : _("%s at least %s"), label, low);
  if (high != NULL)
    /* Translators: a custom field filter: field label, upper bound (included) */
    return g_strdup_printf (date ? _("%s until %s") : _("%s at most %s"), label, high);
  if (value != NULL && self->bounds[0].match == CLT_FIELD_MATCH_PREFIX)
    /* Translators: a text custom field filter: field label, the start typed */
    return g_strdup_printf (_("%s starts with “%s”"), label, value);
  if (value != NULL)
    /* Translators: a yes/no or choice list custom field filter: field label, value */
    return g_strdup_printf (_("%s is %s"), label, value);

  return NULL;
}

GtkWidget *
clt_field_condition_get_row (CltFieldCondition *self,
                             CltFieldMatch      match)
{
  g_return_val_if_fail (CLT_IS_FIELD_CONDITION (self), NULL);

  for (guint i = 0; i < self->n_bounds; i++)
    if (self->bounds[i].match == match)
      return self->bounds[i].row;

  return NULL;
}

const char *
clt_field_condition_get_error (CltFieldCondition *self)
{
  g_return_val_if_fail (CLT_IS_FIELD_CONDITION (self), NULL);

  for (guint i = 0; i < self->n_bounds; i++)
    if (self->bounds[i].error != NULL)
      return self->bounds[i].error;

  return NULL;
}

GtkButton *
clt_field_condition_get_remove_button (CltFieldCondition *self)
{
  g_return_val_if_fail (CLT_IS_FIELD_CONDITION (self), NULL);

  return self->remove_button;
}
