/* clt-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CLT_TYPE_APPLICATION (clt_application_get_type ())

G_DECLARE_FINAL_TYPE (CltApplication, clt_application, CLT, APPLICATION, AdwApplication)

typedef struct _CltWindow CltWindow;

/* Command line: clientele [--database FILE]. Opens the store with
 * clt_sqlite_store_new_async () (default clt_sqlite_store_default_path ())
 * and then presents a CltWindow over it; a file the store refuses gets a
 * dialog naming the file and the reason, offering another file or quitting. */

CltApplication *clt_application_new                (void);
/* NULL until a store is open. */
CltWindow      *clt_application_get_main_window    (CltApplication *self);
/* Opens @file (NULL: the default database) as the command line does: a new
 * main window on success, the error dialog on failure. */
void            clt_application_open_database      (CltApplication *self,
                                                    GFile          *file);

G_END_DECLS
