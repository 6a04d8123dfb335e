/* clt-toast.c
 *
 * Toasts that screen readers announce. libadwaita 1.2 draws a toast's
 * title as a plain label that nothing announces (the announce API came in
 * GTK 4.14 / libadwaita 1.4). Here the title is a label of accessible role
 * "alert" (AT-SPI "notification"): when the toast slides in, the label
 * becomes showing and Orca reads it, as it reads GNOME Shell's
 * notifications. It is styled like libadwaita's own toast title.
 *
 * And a message wraps, over up to MAX_LINES lines, where libadwaita cuts
 * a title off at the window's width ("Couldn't save the customer: Someone
 * else changed this customer in the m…"). libadwaita 1.2 sizes a toast
 * for its title's natural width, not for the width it then gets: the
 * label's natural width must fit the overlay (clt_toast_show ()), or the
 * wrapped lines overflow the toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-toast"

#include "config.h"

#include "clt-toast.h"

#define MESSAGE_KEY "clt-toast-message"

#define MAX_LINES       8
#define MAX_WIDTH_CHARS 40
/* What a toast takes around its text: the overlay's margins (2 × 17 px
 * with libadwaita 1.2's style), the toast's padding and close button
 * (94 px), and a little to spare. */
#define TOAST_CHROME_PX 136

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
                        "wrap", TRUE,
                        "wrap-mode", PANGO_WRAP_WORD_CHAR,
                        "lines", MAX_LINES,
                        "max-width-chars", MAX_WIDTH_CHARS,
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

/* Narrows @toast's text to wrap within @area's width, so that the toast
 * grows to hold every line (libadwaita 1.2 sizes a toast for its title's
 * natural width). */
static void
fit_toast (AdwToast  *toast,
           GtkWidget *area)
{
  GtkWidget *label;
  PangoContext *context;
  PangoFontDescription *font;
  PangoFontMetrics *metrics;
  int char_width;
  int width;

  label = adw_toast_get_custom_title (toast);
  width = gtk_widget_get_width (area);
  if (!GTK_IS_LABEL (label) || width <= 0)
    return;

  /* As GtkLabel counts a character's width for max-width-chars, in the
   * title's font: @area's, bold (the "heading" style class). */
  context = gtk_widget_get_pango_context (area);
  font = pango_font_description_copy (pango_context_get_font_description (context));
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  metrics = pango_context_get_metrics (context, font, NULL);
  char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                    pango_font_metrics_get_approximate_digit_width (metrics));
  pango_font_metrics_unref (metrics);
  pango_font_description_free (font);
  if (char_width <= 0)
    return;

  gtk_label_set_max_width_chars (GTK_LABEL (label),
                                 CLAMP ((width - TOAST_CHROME_PX) * PANGO_SCALE / char_width,
                                        10, MAX_WIDTH_CHARS));
}

/**
 * clt_toast_show:
 * @toast: (transfer full): a toast from clt_toast_new ()
 * @where: the #AdwToastOverlay or #AdwPreferencesWindow to show it in
 *
 * Shows @toast in @where, its text wrapped within @where's width.
 */
void
clt_toast_show (AdwToast  *toast,
                GtkWidget *where)
{
  g_return_if_fail (ADW_IS_TOAST (toast));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (where) || ADW_IS_PREFERENCES_WINDOW (where));

  fit_toast (toast, where);
  if (ADW_IS_PREFERENCES_WINDOW (where))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (where), toast);
  else
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (where), toast);
}
