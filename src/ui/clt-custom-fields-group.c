/* clt-custom-fields-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-custom-fields-group"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clt-custom-field.h"
#include "clt-custom-fields-group.h"
#include "clt-form.h"
#include "clt-property-grid.h"
#include "clt-validate.h"

/* One defined field: its row (editable) or its cell of the property grid
 * (on the customer page), the message row under it (editable), and what
 * is wrong with what the row holds. */
typedef struct
{
  CltCustomField *field;
  GtkWidget      *row;
  GtkLabel       *value_label; /* the cell's value */
  GtkWidget      *message_row;
  GtkLabel       *message_label;
  GtkWidget      *toggle;      /* yes/no: the switch */
  char           *error;
  char           *store_error;
  /* Yes/no: the switch holds a value (the customer had one, or the user
   * flipped it); off alone is "not set". */
  guint           has_value : 1;
} Entry;

struct _CltCustomFieldsGroup
{
  AdwPreferencesGroup  parent_instance;

  GPtrArray           *entries;   /* Entry */
  /* Not editable: the cells of the fields, as the page's other groups. */
  GtkWidget           *grid;
  GVariant            *values;    /* as set: a{sv} or NULL */
  guint                loading;
  guint                editable : 1;
  guint                valid : 1;
};

G_DEFINE_FINAL_TYPE (CltCustomFieldsGroup, clt_custom_fields_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_EDITABLE,
  PROP_VALID,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->field);
  g_free (entry->error);
  g_free (entry->store_error);
  g_free (entry);
}

static Entry *
find_entry (CltCustomFieldsGroup *self,
            const char           *key)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (clt_custom_field_get_key (entry->field), key) == 0)
        return entry;
    }

  return NULL;
}

/* What the row holds as a value of its field's type (floating), NULL for
 * none; @message says why text cannot be one. */
static GVariant *
read_entry (Entry  *entry,
            char  **message)
{
  CltCustomFieldType type = clt_custom_field_get_field_type (entry->field);
  g_autofree char *text = NULL;

  switch (type)
    {
    case CLT_CUSTOM_FIELD_BOOLEAN:
      return entry->has_value ? g_variant_new_boolean (gtk_switch_get_active (GTK_SWITCH (entry->toggle)))
                              : NULL;

    case CLT_CUSTOM_FIELD_CHOICE:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (entry->row));
        GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (entry->row));

        /* The first item is "None". */
        if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
          return NULL;
        return g_variant_new_string (gtk_string_list_get_string (GTK_STRING_LIST (model), selected));
      }

    case CLT_CUSTOM_FIELD_NUMBER:
      {
        double number;

        text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry->row))));
        if (text[0] == '\0')
          return NULL;
        if (!clt_custom_field_parse_number (text, &number))
          {
            *message = g_strdup (_("Enter a number"));
            return NULL;
          }
        return g_variant_new_double (number);
      }

    case CLT_CUSTOM_FIELD_STRING:
    case CLT_CUSTOM_FIELD_DATE:
    default:
      text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry->row))));
      if (text[0] == '\0')
        return NULL;
      return g_variant_new_string (text);
    }
}

static void
show_entry_message (Entry *entry)
{
  if (entry->message_row == NULL)
    return;

  clt_form_show_row_message (entry->row, entry->message_row, entry->message_label,
                             entry->store_error != NULL ? entry->store_error : entry->error, NULL);
}

static void
check_entry (Entry *entry)
{
  g_autofree char *message = NULL;
  g_autoptr(GVariant) value = read_entry (entry, &message);

  if (value != NULL)
    {
      g_variant_ref_sink (value);
      clt_validate_custom_field_value (entry->field, value, &message);
    }
  g_free (entry->error);
  entry->error = g_steal_pointer (&message);
}

static void
update_valid (CltCustomFieldsGroup *self)
{
  gboolean valid = TRUE;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->error != NULL)
        valid = FALSE;
    }

  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
entry_changed (CltCustomFieldsGroup *self,
               GtkWidget            *row)
{
  Entry *entry = NULL;

  if (self->loading > 0)
    return;

  for (guint i = 0; i < self->entries->len && entry == NULL; i++)
    if (((Entry *) g_ptr_array_index (self->entries, i))->row == row)
      entry = g_ptr_array_index (self->entries, i);
  g_return_if_fail (entry != NULL);

  if (entry->toggle != NULL)
    entry->has_value = TRUE;
  g_clear_pointer (&entry->store_error, g_free);
  check_entry (entry);
  show_entry_message (entry);
  update_valid (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_text_changed_cb (GtkEditable          *editable,
                    CltCustomFieldsGroup *self)
{
  entry_changed (self, GTK_WIDGET (editable));
}

static void
on_selected_cb (AdwComboRow          *row,
                GParamSpec           *pspec,
                CltCustomFieldsGroup *self)
{
  entry_changed (self, GTK_WIDGET (row));
}

static void
on_switch_cb (GtkSwitch            *toggle,
              GParamSpec           *pspec,
              CltCustomFieldsGroup *self)
{
  entry_changed (self, g_object_get_data (G_OBJECT (toggle), "clt-row"));
}

static GtkWidget *
make_editable_row (CltCustomFieldsGroup *self,
                   Entry                *entry)
{
  const char *label = clt_custom_field_get_label (entry->field);
  GtkWidget *row;

  switch (clt_custom_field_get_field_type (entry->field))
    {
    case CLT_CUSTOM_FIELD_BOOLEAN:
      row = adw_action_row_new ();
      entry->toggle = gtk_switch_new ();
      gtk_widget_set_valign (entry->toggle, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry->toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry->toggle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry->toggle),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data (G_OBJECT (entry->toggle), "clt-row", row);
      g_signal_connect (entry->toggle, "notify::active", G_CALLBACK (on_switch_cb), self);
      break;

    case CLT_CUSTOM_FIELD_CHOICE:
      {
        g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

        /* Translators: the choice of a custom field that is not set. */
        gtk_string_list_append (choices, C_("custom field", "None"));
        gtk_string_list_splice (choices, 1, 0, clt_custom_field_get_choices (entry->field));
        row = adw_combo_row_new ();
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
        g_signal_connect (row, "notify::selected", G_CALLBACK (on_selected_cb), self);
      }
      break;

    case CLT_CUSTOM_FIELD_DATE:
    case CLT_CUSTOM_FIELD_NUMBER:
    case CLT_CUSTOM_FIELD_STRING:
    default:
      row = clt_form_new_entry_row (clt_custom_field_get_field_type (entry->field));
      g_signal_connect (row, "changed", G_CALLBACK (on_text_changed_cb), self);
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  return row;
}

/* Fills the row from @value (NULL: not set). */
static void
load_entry (Entry    *entry,
            GVariant *value)
{
  CltCustomFieldType type = clt_custom_field_get_field_type (entry->field);

  g_clear_pointer (&entry->store_error, g_free);

  if (entry->message_row == NULL)
    {
      g_autofree char *shown = value != NULL ? clt_custom_field_format_value (entry->field, value)
                                             : NULL;

      /* Translators: a custom field without a value, on the customer page. */
      gtk_label_set_label (entry->value_label,
                           shown != NULL && shown[0] != '\0' ? shown : _("Not set"));
      return;
    }

  if (type == CLT_CUSTOM_FIELD_BOOLEAN)
    {
      entry->has_value = value != NULL;
      gtk_switch_set_active (GTK_SWITCH (entry->toggle),
                             value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) &&
                             g_variant_get_boolean (value));
    }
  else if (type == CLT_CUSTOM_FIELD_CHOICE)
    {
      GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (entry->row));
      const char *text = value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                         ? g_variant_get_string (value, NULL) : NULL;
      guint selected = 0;

      for (guint i = 1; text != NULL && i < g_list_model_get_n_items (model); i++)
        if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text))
          selected = i;
      /* A value no longer among the choices still shows (and is refused
       * when saved) rather than silently dropped. */
      if (text != NULL && selected == 0)
        {
          gtk_string_list_append (GTK_STRING_LIST (model), text);
          selected = g_list_model_get_n_items (model) - 1;
        }
      adw_combo_row_set_selected (ADW_COMBO_ROW (entry->row), selected);
    }
  else
    {
      g_autofree char *text = NULL;
      double number;

      if (value == NULL)
        text = g_strdup ("");
      else if (clt_custom_field_value_to_double (value, &number))
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          text = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, number));
        }
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        text = g_variant_dup_string (value, NULL);
      else
        text = g_variant_print (value, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (entry->row), text);
    }

  check_entry (entry);
  show_entry_message (entry);
}

static void
load_values (CltCustomFieldsGroup *self)
{
  self->loading++;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_autoptr(GVariant) value = NULL;

      if (self->values != NULL)
        value = g_variant_lookup_value (self->values, clt_custom_field_get_key (entry->field), NULL);
      load_entry (entry, value);
    }
  self->loading--;
  update_valid (self);
}

static void
clt_custom_fields_group_dispose (GObject *object)
{
  CltCustomFieldsGroup *self = CLT_CUSTOM_FIELDS_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_CUSTOM_FIELDS_GROUP);

  G_OBJECT_CLASS (clt_custom_fields_group_parent_class)->dispose (object);
}

static void
clt_custom_fields_group_finalize (GObject *object)
{
  CltCustomFieldsGroup *self = CLT_CUSTOM_FIELDS_GROUP (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_variant_unref);

  G_OBJECT_CLASS (clt_custom_fields_group_parent_class)->finalize (object);
}

static void
clt_custom_fields_group_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CltCustomFieldsGroup *self = CLT_CUSTOM_FIELDS_GROUP (object);

  switch (prop_id)
    {
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;

    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_custom_fields_group_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CltCustomFieldsGroup *self = CLT_CUSTOM_FIELDS_GROUP (object);

  switch (prop_id)
    {
    case PROP_EDITABLE:
      self->editable = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_custom_fields_group_class_init (CltCustomFieldsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_custom_fields_group_dispose;
  object_class->finalize = clt_custom_fields_group_finalize;
  object_class->get_property = clt_custom_fields_group_get_property;
  object_class->set_property = clt_custom_fields_group_set_property;

  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE |
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
                                               "/io/github/clientele/Clientele/ui/clt-custom-fields-group.ui");
}

static void
clt_custom_fields_group_init (CltCustomFieldsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->valid = TRUE;
}

GtkWidget *
clt_custom_fields_group_new (gboolean editable)
{
  return g_object_new (CLT_TYPE_CUSTOM_FIELDS_GROUP, "editable", editable, NULL);
}

void
clt_custom_fields_group_set_fields (CltCustomFieldsGroup *self,
                                    GPtrArray            *fields)
{
  g_return_if_fail (CLT_IS_CUSTOM_FIELDS_GROUP (self));

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->message_row != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), entry->message_row);
      if (self->grid != NULL)
        gtk_flow_box_remove (GTK_FLOW_BOX (self->grid), entry->row);
      else
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), entry->row);
    }
  g_ptr_array_set_size (self->entries, 0);

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->field = g_object_ref (g_ptr_array_index (fields, i));
      if (self->editable)
        {
          entry->row = make_editable_row (self, entry);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), entry->row);
          entry->message_label = clt_form_add_message_row (entry->row, &entry->message_row);
        }
      else
        {
          if (self->grid == NULL)
            {
              self->grid = clt_property_grid_new ();
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->grid);
            }
          entry->row = clt_property_cell_new (clt_custom_field_get_label (entry->field),
                                              &entry->value_label);
          gtk_flow_box_append (GTK_FLOW_BOX (self->grid), entry->row);
        }
      g_ptr_array_add (self->entries, entry);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->entries->len > 0);
  load_values (self);
}

void
clt_custom_fields_group_set_values (CltCustomFieldsGroup *self,
                                    GVariant             *values)
{
  g_return_if_fail (CLT_IS_CUSTOM_FIELDS_GROUP (self));

  if (values != NULL)
    g_variant_ref_sink (values);
  g_clear_pointer (&self->values, g_variant_unref);
  self->values = values;
  load_values (self);
}

GVariant *
clt_custom_fields_group_get_values (CltCustomFieldsGroup *self)
{
  GVariantBuilder builder;
  gboolean any = FALSE;

  g_return_val_if_fail (CLT_IS_CUSTOM_FIELDS_GROUP (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);

  /* Values of fields this group does not show stay as they were. */
  if (self->values != NULL && g_variant_is_of_type (self->values, G_VARIANT_TYPE_VARDICT))
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, self->values);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          if (find_entry (self, key) == NULL)
            {
              g_variant_builder_add (&builder, "{sv}", key, value);
              any = TRUE;
            }
          g_variant_unref (value);
        }
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_autofree char *message = NULL;
      GVariant *value = read_entry (entry, &message);

      if (value != NULL)
        {
          g_variant_builder_add (&builder, "{sv}", clt_custom_field_get_key (entry->field), value);
          any = TRUE;
        }
    }

  if (!any)
    {
      g_variant_builder_clear (&builder);
      return NULL;
    }

  return g_variant_builder_end (&builder);
}

gboolean
clt_custom_fields_group_get_valid (CltCustomFieldsGroup *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOM_FIELDS_GROUP (self), FALSE);

  return self->valid;
}

gboolean
clt_custom_fields_group_show_error (CltCustomFieldsGroup *self,
                                    const char           *key,
                                    const char           *message)
{
  Entry *entry;

  g_return_val_if_fail (CLT_IS_CUSTOM_FIELDS_GROUP (self), FALSE);

  entry = find_entry (self, key);
  if (entry == NULL || entry->message_row == NULL)
    return FALSE;

  g_free (entry->store_error);
  entry->store_error = g_strdup (message);
  show_entry_message (entry);
  return TRUE;
}

GtkWidget *
clt_custom_fields_group_get_row (CltCustomFieldsGroup *self,
                                 const char           *key)
{
  Entry *entry;

  g_return_val_if_fail (CLT_IS_CUSTOM_FIELDS_GROUP (self), NULL);

  entry = find_entry (self, key);
  return entry != NULL ? entry->row : NULL;
}

const char *
clt_custom_fields_group_get_error (CltCustomFieldsGroup *self,
                                   const char           *key)
{
  Entry *entry;

  g_return_val_if_fail (CLT_IS_CUSTOM_FIELDS_GROUP (self), NULL);

  entry = find_entry (self, key);
  if (entry == NULL)
    return NULL;

  return entry->store_error != NULL ? entry->store_error : entry->error;
}
