/* clt-placeholder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-placeholder"

#include "config.h"

#include "clt-placeholder.h"

GtkWidget *
clt_placeholder_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

void
clt_list_box_remove_rows (GtkListBox *list_box)
{
  GtkListBoxRow *row;

  g_return_if_fail (GTK_IS_LIST_BOX (list_box));

  while ((row = gtk_list_box_get_row_at_index (list_box, 0)) != NULL)
    gtk_list_box_remove (list_box, GTK_WIDGET (row));
}
