/* clt-database-chooser.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal native chooser titled @title over @parent that opens one file,
 * Clientele databases (*.db, SQLite) shown first and all files on request.
 * The caller connects to "response", shows it, and destroys and unrefs it. */
GtkFileChooserNative *clt_database_chooser_new (const char *title,
                                                GtkWindow  *parent);

G_END_DECLS
