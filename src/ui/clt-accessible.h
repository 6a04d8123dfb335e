/* clt-accessible.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK 4.8 gives a button with a mnemonic the accessible name "_Cancel
 * Cancel": its label property holds the raw label, its mnemonic label adds
 * itself as labelled-by, and the name joins both. Once installed (the
 * application's startup), every button with a mnemonic is named by its
 * mnemonic label alone ("Cancel"), also when its label changes. */
void  clt_accessible_install_button_names (void);
void  clt_accessible_follow_buttons_in     (GtkWidget *widget);

G_END_DECLS
