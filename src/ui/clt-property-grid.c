/* clt-property-grid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-property-grid"

#include "config.h"

#include "clt-property-grid.h"

#define CELL_WIDTH 200

GtkWidget *
clt_property_grid_new (void)
{
  GtkWidget *grid = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (grid), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (grid), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (grid), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (grid), 3);
  gtk_widget_add_css_class (grid, "card");
  gtk_widget_add_css_class (grid, "property-grid");

  return grid;
}

GtkWidget *
clt_property_cell_new (const char  *title,
                       GtkLabel   **value)
{
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *label = gtk_label_new (NULL);

  g_return_val_if_fail (value != NULL, NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_add_css_class (name, "property-name");
  gtk_box_append (GTK_BOX (box), name);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Selectable with the pointer; no stop for the keyboard (as the header). */
  gtk_widget_set_focusable (label, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (box), label);

  gtk_widget_set_size_request (box, CELL_WIDTH, -1);
  gtk_widget_add_css_class (child, "property-cell");
  gtk_widget_set_focusable (child, FALSE);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);

  *value = GTK_LABEL (label);
  return child;
}
