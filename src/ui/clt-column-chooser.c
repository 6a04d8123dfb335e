/* clt-column-chooser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-column-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-column-chooser.h"

struct _CltColumnChooser
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkWidget           *content;
  AdwPreferencesGroup *group;

  CltCustomerTable    *table;
  GPtrArray           *rows;   /* AdwActionRow, in the table's order */
};

G_DEFINE_FINAL_TYPE (CltColumnChooser, clt_column_chooser, ADW_TYPE_WINDOW)

static void rebuild (CltColumnChooser *self,
                     const char       *focus_id,
                     int               focus_delta);

static const char *
row_id (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "clt-column-id");
}

static void
on_check_toggled_cb (GtkCheckButton   *check,
                     CltColumnChooser *self)
{
  clt_customer_table_set_column_visible (self->table,
                                         g_object_get_data (G_OBJECT (check), "clt-column-id"),
                                         gtk_check_button_get_active (check));
}

static void
move (CltColumnChooser *self,
      const char       *id,
      int               delta)
{
  g_autofree char *moved = g_strdup (id);

  if (clt_customer_table_move_column (self->table, moved, delta))
    rebuild (self, moved, delta);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
on_move_clicked_cb (GtkButton        *button,
                    CltColumnChooser *self)
{
  move (self, g_object_get_data (G_OBJECT (button), "clt-column-id"),
        GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "clt-delta")));
}

static gboolean
on_row_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               CltColumnChooser      *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_ALT_MASK) == 0)
    return FALSE;
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    move (self, row_id (row), -1);
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    move (self, row_id (row), 1);
  else
    return FALSE;

  return TRUE;
}

static GtkWidget *
make_move_button (CltColumnChooser *self,
                  const char       *id,
                  const char       *title,
                  int               delta)
{
  GtkWidget *button = gtk_button_new_from_icon_name (delta < 0 ? "go-up-symbolic" : "go-down-symbolic");
  g_autofree char *label = g_strdup_printf (delta < 0 ? _("Move “%s” Up") : _("Move “%s” Down"),
                                            title);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, delta < 0 ? _("Move Up") : _("Move Down"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "clt-column-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (button), "clt-delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_move_clicked_cb), self);

  return button;
}

/* Rows in the table's order; after a move the focus stays on the moved
 * column's button that moved it. */
static void
rebuild (CltColumnChooser *self,
         const char       *focus_id,
         int               focus_delta)
{
  g_auto(GStrv) ids = clt_customer_table_dup_column_ids (self->table);
  GtkWidget *focus = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkColumnViewColumn *column = clt_customer_table_find_column (self->table, ids[i]);
      const char *title = gtk_column_view_column_get_title (column);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *up = make_move_button (self, ids[i], title, -1);
      GtkWidget *down = make_move_button (self, ids[i], title, 1);
      GtkEventController *keys = gtk_event_controller_key_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_object_set_data_full (G_OBJECT (row), "clt-column-id", g_strdup (ids[i]), g_free);
      g_object_set_data_full (G_OBJECT (check), "clt-column-id", g_strdup (ids[i]), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   gtk_column_view_column_get_visible (column));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, ids[i + 1] != NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_row_key_cb), self);
      gtk_widget_add_controller (row, keys);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);

      if (g_strcmp0 (ids[i], focus_id) == 0)
        focus = focus_delta < 0 && i > 0 ? up : ids[i + 1] != NULL ? down : up;
    }

  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
clt_column_chooser_dispose (GObject *object)
{
  CltColumnChooser *self = CLT_COLUMN_CHOOSER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_COLUMN_CHOOSER);
  g_clear_object (&self->table);

  G_OBJECT_CLASS (clt_column_chooser_parent_class)->dispose (object);
}

static void
clt_column_chooser_finalize (GObject *object)
{
  CltColumnChooser *self = CLT_COLUMN_CHOOSER (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (clt_column_chooser_parent_class)->finalize (object);
}

static void
clt_column_chooser_class_init (CltColumnChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_column_chooser_dispose;
  object_class->finalize = clt_column_chooser_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-column-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, CltColumnChooser, content);
  gtk_widget_class_bind_template_child (widget_class, CltColumnChooser, group);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
clt_column_chooser_init (CltColumnChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  /* A dialog for assistive technologies (GTK 4.8 says "filler"). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Columns"), -1);
}

CltColumnChooser *
clt_column_chooser_new (CltCustomerTable *table)
{
  CltColumnChooser *self;

  g_return_val_if_fail (CLT_IS_CUSTOMER_TABLE (table), NULL);

  self = g_object_new (CLT_TYPE_COLUMN_CHOOSER, NULL);
  self->table = g_object_ref (table);
  rebuild (self, NULL, 0);

  return self;
}

GtkWidget *
clt_column_chooser_get_row (CltColumnChooser *self,
                            const char       *id)
{
  g_return_val_if_fail (CLT_IS_COLUMN_CHOOSER (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (row_id (g_ptr_array_index (self->rows, i)), id) == 0)
      return g_ptr_array_index (self->rows, i);

  return NULL;
}
