/* clt-form-field.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-form-field"

#include "config.h"

#include "clt-error.h"
#include "clt-form-field.h"

/* AdwEntryRow has no subtitle in libadwaita 1.2: the message goes in a
 * row of its own right under @row, in the same list. Returns the label
 * of that row, which is hidden until there is something to show. */
GtkLabel *
clt_form_field_add_message_row (GtkWidget  *row,
                                GtkWidget **message_row)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *label;

  g_assert (GTK_IS_LIST_BOX (list));

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "caption");

  *message_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (*message_row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (*message_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (*message_row), FALSE);
  gtk_widget_set_focusable (*message_row, FALSE);
  gtk_widget_set_visible (*message_row, FALSE);
  gtk_list_box_insert (GTK_LIST_BOX (list), *message_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);

  return GTK_LABEL (label);
}

/* Shows @error, or else @hint, in @message_label (hiding @message_row
 * when there is neither), and marks @row invalid while there is an
 * error, for the eye and for assistive technologies. */
void
clt_form_field_show_message (GtkWidget  *row,
                             GtkWidget  *message_row,
                             GtkLabel   *message_label,
                             const char *error,
                             const char *hint)
{
  const char *shown = error != NULL ? error : hint;

  gtk_label_set_label (message_label, shown != NULL ? shown : "");
  gtk_widget_set_visible (message_row, shown != NULL);

  if (error != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_add_css_class (GTK_WIDGET (message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (message_label), "dim-label");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_remove_css_class (GTK_WIDGET (message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (message_label), "dim-label");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }

  if (shown != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, shown,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* The name of the field a failed save is about: only invalid values and
 * conflicts (a taken email address, say) belong to one field. */
const char *
clt_form_field_get_error_field (const GError *error)
{
  if (error->domain == CLT_STORE_ERROR
      && (error->code == CLT_STORE_ERROR_INVALID || error->code == CLT_STORE_ERROR_CONFLICT))
    return clt_store_error_get_field (error);

  return NULL;
}
