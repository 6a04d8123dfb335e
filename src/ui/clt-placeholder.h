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

/* Removes every row of @list_box and keeps its placeholder (removing its
 * first child until none is left takes the placeholder too). */
void       clt_list_box_remove_rows  (GtkListBox *list_box);

G_END_DECLS
