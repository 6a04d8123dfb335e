/* clt-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-application.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_WINDOW (clt_window_get_type ())

G_DECLARE_FINAL_TYPE (CltWindow, clt_window, CLT, WINDOW, AdwApplicationWindow)

/* The main window over one open store: the customers table with search.
 * Its title (gtk_window_get_title ()) counts the listed customers: "N
 * customers" or "M of N customers" while a search narrows the list. */

CltWindow       *clt_window_new                (CltApplication *app,
                                                CltStore       *store);
CltStore        *clt_window_get_store          (CltWindow      *self);
/* Shows @message as a toast. */
void             clt_window_add_toast          (CltWindow      *self,
                                                const char     *message);

/* What the back end's connection ran into, as the store found out on its
 * own (a server's change feed): CLT_STORE_ERROR_UNAVAILABLE shows the bar
 * that says it can't be reached, CLT_STORE_ERROR_NOT_SIGNED_IN the one
 * that offers to sign in again (app.sign-in); NULL hides both and fetches
 * again what is shown. */
void             clt_window_set_connection_error (CltWindow    *self,
                                                  const GError *error);

/* Actions: win.add-customer (Ctrl+N), win.edit-customer (Ctrl+E: the
 * page's customer or the selected row), win.delete-customer (Delete on a
 * row: asks, has the store delete with an undo time, offers Undo, and
 * finishes the deletion when the toast goes or the window closes),
 * win.show-customer (s: customer id). */

G_END_DECLS
