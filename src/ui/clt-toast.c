/* clt-toast.c
 *
 * Toasts that screen readers announce. libadwaita 1.2 draws a toast's
 * title as a plain label that nothing announces (the announce API came in
 * GTK 4.14 / libadwaita 1.4). Here the title is a label of accessible role
 * "alert" (AT-SPI "notification"): when the toast slides in, the label
 * becomes showing and Orca reads it, as it reads GNOME Shell's
 * notifications. It is styled like libadwaita's own toast title.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-toast"

#include "config.h"

#include "clt-toast.h"

#define MESSAGE_KEY "clt-toast-message"

/**
 * clt_toast_new:
 * @message: plain text (not markup)
 *
 * A toast showing @message, announced by screen readers when it shows.
 *
 * Returns: (transfer full): a new toast
 */
AdwToast *
clt_toast_new (const char *message)
{
  AdwToast *toast;
  GtkWidget *label;

  g_return_val_if_fail (message != NULL, NULL);

  label = g_object_new (GTK_TYPE_LABEL,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                        "label", message,
                        "ellipsize", PANGO_ELLIPSIZE_END,
                        "xalign", 0.0f,
                        "hexpand", TRUE,
                        NULL);
  gtk_widget_add_css_class (label, "heading");

  toast = g_object_new (ADW_TYPE_TOAST, "custom-title", label, NULL);
  g_object_set_data_full (G_OBJECT (toast), MESSAGE_KEY, g_strdup (message), g_free);

  return toast;
}

/**
 * clt_toast_get_message:
 * @toast: a toast from clt_toast_new ()
 *
 * Returns: (nullable): the text @toast shows
 */
const char *
clt_toast_get_message (AdwToast *toast)
{
  g_return_val_if_fail (ADW_IS_TOAST (toast), NULL);

  return g_object_get_data (G_OBJECT (toast), MESSAGE_KEY);
}
