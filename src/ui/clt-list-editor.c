/* clt-list-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-list-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-list-editor.h"

struct _CltListEditor
{
  AdwPreferencesGroup  parent_instance;

  /* One entry row an item, in order, then the row that adds one. */
  GPtrArray           *rows;
  AdwEntryRow         *add_row;
  GtkLabel            *message_label;

  GStrv                items;
  char                *item_title;

  /* Filling rows: their signals are not edits. */
  guint                loading;
};

G_DEFINE_FINAL_TYPE (CltListEditor, clt_list_editor, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_ITEMS,
  PROP_ITEM_TITLE,
  PROP_ADD_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild (CltListEditor *self);

/* The items as the rows hold them now. */
static void
update_items (CltListEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkEditable *row = g_ptr_array_index (self->rows, i);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (row)));

      g_strv_builder_add (builder, text);
    }

  g_strfreev (self->items);
  self->items = g_strv_builder_end (builder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEMS]);
}

static void
on_row_changed_cb (CltListEditor *self)
{
  if (self->loading == 0)
    update_items (self);
}

static void
on_remove_clicked_cb (GtkButton     *button,
                      CltListEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ENTRY_ROW);
  guint position;

  if (g_ptr_array_find (self->rows, row, &position))
    clt_list_editor_remove (self, position);
}

static void
on_add_cb (CltListEditor *self)
{
  clt_list_editor_add (self, gtk_editable_get_text (GTK_EDITABLE (self->add_row)));
}

static GtkWidget *
create_row (CltListEditor *self,
            const char    *text)
{
  g_autofree char *remove_label = g_strdup_printf (_("Remove “%s”"), text);
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 self->item_title != NULL ? self->item_title : "");
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_row_changed_cb), self);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);

  return row;
}

static void
rebuild (CltListEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  if (gtk_widget_get_parent (GTK_WIDGET (self->add_row)) != NULL)
    {
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->message_label));
    }

  self->loading++;
  for (guint i = 0; self->items != NULL && self->items[i] != NULL; i++)
    {
      GtkWidget *row = create_row (self, self->items[i]);

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }
  self->loading--;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->message_label));
}

static void
clt_list_editor_dispose (GObject *object)
{
  CltListEditor *self = CLT_LIST_EDITOR (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->add_row);
  g_clear_object (&self->message_label);

  G_OBJECT_CLASS (clt_list_editor_parent_class)->dispose (object);
}

static void
clt_list_editor_finalize (GObject *object)
{
  CltListEditor *self = CLT_LIST_EDITOR (object);

  g_clear_pointer (&self->items, g_strfreev);
  g_clear_pointer (&self->item_title, g_free);

  G_OBJECT_CLASS (clt_list_editor_parent_class)->finalize (object);
}

static void
clt_list_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CltListEditor *self = CLT_LIST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ITEMS:
      g_value_set_boxed (value, self->items);
      break;

    case PROP_ITEM_TITLE:
      g_value_set_string (value, self->item_title);
      break;

    case PROP_ADD_TITLE:
      g_value_set_string (value, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->add_row)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_list_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CltListEditor *self = CLT_LIST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ITEMS:
      clt_list_editor_set_items (self, g_value_get_boxed (value));
      break;

    case PROP_ITEM_TITLE:
      g_free (self->item_title);
      self->item_title = g_value_dup_string (value);
      for (guint i = 0; i < self->rows->len; i++)
        adw_preferences_row_set_title (g_ptr_array_index (self->rows, i),
                                       self->item_title != NULL ? self->item_title : "");
      g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_ADD_TITLE:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row),
                                     g_value_get_string (value) != NULL ? g_value_get_string (value) : "");
      g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_list_editor_class_init (CltListEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clt_list_editor_dispose;
  object_class->finalize = clt_list_editor_finalize;
  object_class->get_property = clt_list_editor_get_property;
  object_class->set_property = clt_list_editor_set_property;

  properties[PROP_ITEMS] =
    g_param_spec_boxed ("items", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ITEM_TITLE] =
    g_param_spec_string ("item-title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ADD_TITLE] =
    g_param_spec_string ("add-title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clt_list_editor_init (CltListEditor *self)
{
  self->rows = g_ptr_array_new ();
  self->items = g_new0 (char *, 1);

  self->add_row = g_object_ref_sink (ADW_ENTRY_ROW (adw_entry_row_new ()));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->add_row), FALSE);
  adw_entry_row_set_show_apply_button (self->add_row, TRUE);
  g_signal_connect_swapped (self->add_row, "apply", G_CALLBACK (on_add_cb), self);
  g_signal_connect_swapped (self->add_row, "entry-activated", G_CALLBACK (on_add_cb), self);

  self->message_label = g_object_ref_sink (GTK_LABEL (gtk_label_new (NULL)));
  gtk_label_set_xalign (self->message_label, 0);
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->message_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);

  rebuild (self);
}

GtkWidget *
clt_list_editor_new (void)
{
  return g_object_new (CLT_TYPE_LIST_EDITOR, NULL);
}

const char * const *
clt_list_editor_get_items (CltListEditor *self)
{
  g_return_val_if_fail (CLT_IS_LIST_EDITOR (self), NULL);

  return (const char * const *) self->items;
}

void
clt_list_editor_set_items (CltListEditor      *self,
                           const char * const *items)
{
  g_return_if_fail (CLT_IS_LIST_EDITOR (self));

  if (items == NULL && g_strv_length (self->items) == 0)
    return;
  if (items != NULL && g_strv_equal ((const char * const *) self->items, items))
    return;

  g_strfreev (self->items);
  self->items = items != NULL ? g_strdupv ((char **) items) : g_new0 (char *, 1);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEMS]);
}

void
clt_list_editor_add (CltListEditor *self,
                     const char    *text)
{
  g_autofree char *stripped = NULL;
  GtkWidget *row;

  g_return_if_fail (CLT_IS_LIST_EDITOR (self));
  g_return_if_fail (text != NULL);

  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    return;

  row = create_row (self, stripped);
  g_ptr_array_add (self->rows, row);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->message_label));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->message_label));

  /* Ready for the next one. */
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
  update_items (self);
}

void
clt_list_editor_remove (CltListEditor *self,
                        guint          position)
{
  GtkWidget *row;
  gboolean had_focus;

  g_return_if_fail (CLT_IS_LIST_EDITOR (self));
  g_return_if_fail (position < self->rows->len);

  row = g_ptr_array_steal_index (self->rows, position);
  had_focus = gtk_widget_has_focus (row) || gtk_widget_get_focus_child (row) != NULL;
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), row);

  /* The focus goes to the next row (or the one that adds), not nowhere. */
  if (had_focus)
    gtk_widget_grab_focus (position < self->rows->len ? g_ptr_array_index (self->rows, position)
                                                      : GTK_WIDGET (self->add_row));
  update_items (self);
}

GtkWidget *
clt_list_editor_get_row (CltListEditor *self,
                         guint          position)
{
  g_return_val_if_fail (CLT_IS_LIST_EDITOR (self), NULL);

  return position < self->rows->len ? g_ptr_array_index (self->rows, position) : NULL;
}

GtkLabel *
clt_list_editor_get_message_label (CltListEditor *self)
{
  g_return_val_if_fail (CLT_IS_LIST_EDITOR (self), NULL);

  return self->message_label;
}
