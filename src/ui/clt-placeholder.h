/* clt-placeholder.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What an empty boxed list shows (gtk_list_box_set_placeholder ()): @text,
 * dimmed, wrapped and centred, with the margins of a row. */
GtkWidget *clt_placeholder_label_new (const char *text);

G_END_DECLS
