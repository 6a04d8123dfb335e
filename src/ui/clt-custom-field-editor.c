/* clt-custom-field-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-custom-field-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clt-form.h"
#include "clt-list-editor.h"
#include "clt-shop-editor.h"
#include "clt-custom-field.h"
#include "clt-enum-types.h"
#include "clt-custom-field-editor.h"
#include "clt-store.h"
#include "clt-validate.h"

typedef enum
{
  FIELD_KEY,
  FIELD_LABEL,
  FIELD_TYPE,
  FIELD_CHOICES,
  N_FIELDS
} FieldId;

/* CltCustomField property names. */
static const char * const field_names[N_FIELDS] = {
  "key",
  "label",
  "type",
  "choices",
};

struct _CltCustomFieldEditor
{
  AdwWindow       parent_instance;

  /* Template widgets (and the form's, see clt-form.h) */
  CltListEditor  *choices_editor;
  GtkSwitch      *column_switch;
  AdwEntryRow    *key_row;
  AdwEntryRow    *label_row;
  AdwComboRow    *type_row;
  AdwWindowTitle *window_title;

  /* The copy being edited; the form owns a reference on its store. */
  CltForm         form;
};

G_DEFINE_FINAL_TYPE (CltCustomFieldEditor, clt_custom_field_editor, ADW_TYPE_WINDOW)

static CltCustomField *
get_field (gpointer self)
{
  return CLT_CUSTOM_FIELD (CLT_CUSTOM_FIELD_EDITOR (self)->form.object);
}

/* Choice lists ("choice" and "choices") came to CltCustomField with the
 * custom field editors of the customer; without them there is no list
 * of choices to edit. */
static gboolean
is_choice_list (CltCustomFieldEditor *self)
{
  g_autoptr(GEnumClass) types = g_type_class_ref (CLT_TYPE_CUSTOM_FIELD_TYPE);
  GEnumValue *value = g_enum_get_value (types, clt_custom_field_get_field_type (get_field (self)));

  return value != NULL && g_strcmp0 (value->value_nick, "choice") == 0 &&
         g_object_class_find_property (G_OBJECT_GET_CLASS (get_field (self)),
                                       field_names[FIELD_CHOICES]) != NULL;
}

/* The choices of a choice list are those typed; other types have none
 * (the typed ones stay in the rows, should the user come back). */
static void
apply_choices (CltCustomFieldEditor *self)
{
  gboolean choice_list = is_choice_list (self);
  const char * const none[] = { NULL };

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (get_field (self)),
                                    field_names[FIELD_CHOICES]) != NULL)
    g_object_set (get_field (self), field_names[FIELD_CHOICES],
                  choice_list ? clt_list_editor_get_items (self->choices_editor) : none,
                  NULL);

  self->form.fields[FIELD_CHOICES].hidden = !choice_list;
  gtk_widget_set_visible (GTK_WIDGET (self->choices_editor), choice_list);
}

static gpointer
copy_object (gpointer object)
{
  return clt_custom_field_copy (object);
}

static void
load_custom_field (GtkWidget *window)
{
  CltCustomFieldEditor *self = CLT_CUSTOM_FIELD_EDITOR (window);

  self->form.loading++;
  adw_combo_row_set_selected (self->type_row, clt_custom_field_get_field_type (get_field (self)));
  if (is_choice_list (self))
    {
      g_auto(GStrv) choices = NULL;

      g_object_get (get_field (self), field_names[FIELD_CHOICES], &choices, NULL);
      clt_list_editor_set_items (self->choices_editor, (const char * const *) choices);
    }
  self->form.fields[FIELD_CHOICES].hidden = !is_choice_list (self);
  gtk_widget_set_visible (GTK_WIDGET (self->choices_editor), is_choice_list (self));
  gtk_switch_set_active (self->column_switch,
                         clt_custom_field_get_show_as_column (get_field (self)));
  self->form.loading--;

  clt_form_load (&self->form);
}

static const CltFormLabel form_labels[] = {
  { "show-as-column", N_("Show as Column") },
};

static const CltFormInfo form_info = {
  .field_names = field_names,
  .n_fields = N_FIELDS,
  .check_field = clt_shop_editor_check_field,
  .check = clt_shop_editor_check,
  .copy = copy_object,
  .load = load_custom_field,
  .labels = form_labels,
  .n_labels = G_N_ELEMENTS (form_labels),
  .stale_title = N_("Someone else changed this custom field"),
  .create_failed_title = N_("Couldn't add the custom field"),
  .reload_failed_title = N_("Couldn't reload the custom field"),
  .read_only_message = N_("Custom fields can be viewed but not changed."),
};

static const CltShopEditorKind editor_kind = {
  .list_async = clt_store_list_custom_fields_async,
  .list_finish = clt_store_list_custom_fields_finish,
  .key_property = "key",
  .load = load_custom_field,
};

static void
on_column_changed_cb (CltCustomFieldEditor *self)
{
  if (self->form.loading > 0 || self->form.closed)
    return;

  clt_custom_field_set_show_as_column (get_field (self),
                                       gtk_switch_get_active (self->column_switch));
  clt_form_update_can_save (&self->form);
}

static void
on_type_selected_cb (CltCustomFieldEditor *self)
{
  if (self->form.loading > 0 || self->form.closed)
    return;

  clt_custom_field_set_field_type (get_field (self), adw_combo_row_get_selected (self->type_row));
  apply_choices (self);
  clt_form_field_changed (&self->form.fields[FIELD_CHOICES]);
  clt_form_field_changed (&self->form.fields[FIELD_TYPE]);
}

static void
on_choices_changed_cb (CltCustomFieldEditor *self)
{
  if (self->form.loading > 0 || self->form.closed)
    return;

  apply_choices (self);
  clt_form_field_changed (&self->form.fields[FIELD_CHOICES]);
}

static void
clt_custom_field_editor_dispose (GObject *object)
{
  clt_shop_editor_dispose (GTK_WIDGET (object));

  G_OBJECT_CLASS (clt_custom_field_editor_parent_class)->dispose (object);
}

static void
clt_custom_field_editor_finalize (GObject *object)
{
  clt_shop_editor_finalize (GTK_WIDGET (object));

  G_OBJECT_CLASS (clt_custom_field_editor_parent_class)->finalize (object);
}

static void
clt_custom_field_editor_class_init (CltCustomFieldEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (CLT_TYPE_LIST_EDITOR);

  object_class->dispose = clt_custom_field_editor_dispose;
  object_class->finalize = clt_custom_field_editor_finalize;

  clt_shop_editor_class_init (widget_class, G_STRUCT_OFFSET (CltCustomFieldEditor, form), &editor_kind,
                              "/io/github/clientele/Clientele/ui/clt-custom-field-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CltCustomFieldEditor, choices_editor);
  gtk_widget_class_bind_template_child (widget_class, CltCustomFieldEditor, column_switch);
  gtk_widget_class_bind_template_child (widget_class, CltCustomFieldEditor, key_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomFieldEditor, label_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomFieldEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomFieldEditor, window_title);
}

static void
clt_custom_field_editor_init (CltCustomFieldEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

/**
 * clt_custom_field_editor_new:
 * @store: where the definition is stored
 * @field: (nullable): the custom field to edit, never changed; NULL to
 *   add one
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
CltCustomFieldEditor *
clt_custom_field_editor_new (CltStore       *store,
                             CltCustomField *field)
{
  CltCustomFieldEditor *self;
  gboolean create = field == NULL;
  g_autoptr(GEnumClass) types = g_type_class_ref (CLT_TYPE_CUSTOM_FIELD_TYPE);
  GtkStringList *labels = gtk_string_list_new (NULL);

  g_return_val_if_fail (CLT_IS_STORE (store), NULL);
  g_return_val_if_fail (field == NULL || CLT_IS_CUSTOM_FIELD (field), NULL);

  self = g_object_new (CLT_TYPE_CUSTOM_FIELD_EDITOR, NULL);
  clt_form_init (&self->form, GTK_WIDGET (self), &form_info, g_object_ref (store), create,
                 create ? clt_custom_field_new () : clt_custom_field_copy (field));

  /* Every type there is, in the order of their values. */
  for (guint i = 0; i < types->n_values; i++)
    gtk_string_list_append (labels, clt_custom_field_editor_type_label (types->values[i].value));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (labels));
  g_object_unref (labels);

  clt_form_add_field (&self->form, FIELD_KEY, GTK_WIDGET (self->key_row));
  clt_form_add_field (&self->form, FIELD_LABEL, GTK_WIDGET (self->label_row));
  clt_form_add_custom_field (&self->form, FIELD_TYPE, GTK_WIDGET (self->type_row), NULL);
  clt_form_add_custom_field (&self->form, FIELD_CHOICES, GTK_WIDGET (self->choices_editor),
                             clt_list_editor_get_message_label (self->choices_editor));

  /* Values are stored under the key: it can't change. */
  self->form.fields[FIELD_KEY].hidden = !create;
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), create);
  self->form.fields[FIELD_KEY].hint = _("Lower-case letters, digits and _, such as "
                                        "“loyalty_tier”; it can’t change later");
  self->form.fields[FIELD_LABEL].hint = _("What the dialogs and the table call it");
  g_signal_connect_swapped (self->type_row, "notify::selected",
                            G_CALLBACK (on_type_selected_cb), self);
  g_signal_connect_swapped (self->choices_editor, "notify::items",
                            G_CALLBACK (on_choices_changed_cb), self);
  g_signal_connect_swapped (self->column_switch, "notify::active",
                            G_CALLBACK (on_column_changed_cb), self);

  clt_shop_editor_finish_setup (GTK_WIDGET (self), self->window_title, _("Add Custom Field"),
                                _("Edit Custom Field"), GTK_WIDGET (self->label_row));

  return self;
}

/**
 * clt_custom_field_editor_type_label:
 * @type: a type of custom field
 *
 * Returns: what the UI calls @type: "Text", "Yes/No", …
 */
const char *
clt_custom_field_editor_type_label (CltCustomFieldType type)
{
  static const struct
  {
    const char *nick;
    const char *label;
  } labels[] = {
    { "string", N_("Text") },
    { "number", N_("Number") },
    { "boolean", N_("Yes/No") },
    { "date", N_("Date") },
    { "choice", N_("Choice List") },
  };
  g_autoptr(GEnumClass) types = g_type_class_ref (CLT_TYPE_CUSTOM_FIELD_TYPE);
  GEnumValue *value = g_enum_get_value (types, type);

  for (guint i = 0; value != NULL && i < G_N_ELEMENTS (labels); i++)
    {
      if (strcmp (labels[i].nick, value->value_nick) == 0)
        return _(labels[i].label);
    }

  return value != NULL ? value->value_nick : _("Unknown");
}
