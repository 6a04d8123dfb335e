/* clt-accessible.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-accessible"

#include "config.h"

#include "clt-accessible.h"

static void
name_button (GtkButton *button)
{
  if (gtk_button_get_label (button) == NULL || !gtk_button_get_use_underline (button))
    return;

  /* The mnemonic label names it alone. (Resetting the relation instead
   * makes GTK 4.8 answer AT-SPI with a reference that has no path.) */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
on_button_label_changed_cb (GtkButton *button)
{
  name_button (button);
}

/* Names @button now and whenever its label changes. */
static void
follow_button (GtkButton *button)
{
  static GQuark followed_quark;

  if (followed_quark == 0)
    followed_quark = g_quark_from_static_string ("clt-accessible-followed");
  if (g_object_get_qdata (G_OBJECT (button), followed_quark) == NULL)
    {
      g_object_set_qdata (G_OBJECT (button), followed_quark, GINT_TO_POINTER (TRUE));
      g_signal_connect (button, "notify::label", G_CALLBACK (on_button_label_changed_cb), NULL);
      g_signal_connect (button, "notify::use-underline", G_CALLBACK (on_button_label_changed_cb), NULL);
    }
  name_button (button);
}

/* Names every button in @widget, shown or not: for a part built after its
 * window was realized (whose hidden stack pages are not realized with it). */
void
clt_accessible_follow_buttons_in (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    follow_button (GTK_BUTTON (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    clt_accessible_follow_buttons_in (child);
}

/* Every widget passes here as it is realized. A window takes in every
 * button it holds, shown or not (assistive technologies see the pages of
 * a stack that are not shown too); a button made later is named as it
 * is realized. ("notify" allows no emission hook.) */
static gboolean
on_realize_hook_cb (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);

  if (GTK_IS_ROOT (object))
    clt_accessible_follow_buttons_in (GTK_WIDGET (object));
  else if (GTK_IS_BUTTON (object))
    follow_button (GTK_BUTTON (object));

  return TRUE;
}

void
clt_accessible_install_button_names (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      guint realize;

      /* The signal exists once the class does: kept for good. */
      g_type_class_ref (GTK_TYPE_WIDGET);
      realize = g_signal_lookup ("realize", GTK_TYPE_WIDGET);
      g_signal_add_emission_hook (realize, 0, on_realize_hook_cb, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}
