/* clt-form-field.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Private helpers shared by the editor dialogs for the message (error
 * or hint) each field shows right under its row. */

GtkLabel   *clt_form_field_add_message_row (GtkWidget     *row,
                                            GtkWidget    **message_row);
void        clt_form_field_show_message    (GtkWidget     *row,
                                            GtkWidget     *message_row,
                                            GtkLabel      *message_label,
                                            const char    *error,
                                            const char    *hint);
const char *clt_form_field_get_error_field (const GError  *error);

G_END_DECLS
