/* clt-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_APPLICATION (clt_application_get_type ())

G_DECLARE_FINAL_TYPE (CltApplication, clt_application, CLT, APPLICATION, AdwApplication)

typedef struct _CltWindow CltWindow;

/* Command line: clientele [--database FILE | --server URL]. Without
 * either, opens the back end chosen in Preferences (GSettings "back-end",
 * "database-path", "server-url"). A database opens with
 * clt_sqlite_store_new_async () (default clt_sqlite_store_default_path ());
 * a server with CltRestStore, its token from the keyring (asked for when
 * there is none, or when the server refuses it). Then a CltWindow shows
 * the store; a back end that can't be opened gets a dialog saying which
 * and why, offering another file or quitting. */

CltApplication *clt_application_new                (void);
/* NULL until a store is open. */
CltWindow      *clt_application_get_main_window    (CltApplication *self);
/* Opens @file (NULL: the default database) as the command line does: a new
 * main window on success, the error dialog on failure. */
void            clt_application_open_database      (CltApplication *self,
                                                    GFile          *file);
/* Opens the clientele-server at @url with @token (NULL: from the keyring,
 * or asked for); a token typed in is kept in the keyring once it works. */
void            clt_application_open_server        (CltApplication *self,
                                                    const char     *url,
                                                    const char     *token);
/* Shows @store (open, and for a server signed in) in a new main window
 * that replaces the current one. */
void            clt_application_use_store          (CltApplication *self,
                                                    CltStore       *store);
/* While there are unsaved changes (an editor, a note draft), logging out
 * is inhibited: why
 * (NULL when it is not), and the session's cookie (0 also when there is
 * no session manager). */
const char     *clt_application_get_inhibit_reason (CltApplication *self);
guint           clt_application_get_inhibit_cookie (CltApplication *self);

G_END_DECLS
