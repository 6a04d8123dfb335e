/* clt-sqlite-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-sql-store.h"

G_BEGIN_DECLS

#define CLT_TYPE_SQLITE_STORE (clt_sqlite_store_get_type ())

G_DECLARE_FINAL_TYPE (CltSqliteStore, clt_sqlite_store, CLT, SQLITE_STORE, CltSqlStore)

/* The embedded store: one SQLite file (WAL, foreign keys, FTS5), schema
 * versioned by PRAGMA user_version. Implements CltStore, CltMailQueue,
 * GInitable and GAsyncInitable (opening and migrating run on a worker
 * thread with the async variant). Properties: "path" (construct-only), plus CltStore's
 * "read-only" and "location".
 *
 * Opening never changes a file it refuses, and refuses it in the
 * CLT_SQLITE_ERROR domain: not SQLite (NOT_A_DATABASE), another program's
 * SQLite file (FOREIGN), damaged (CORRUPT), written by a newer schema
 * (TOO_NEW), or holding tables, indexes, triggers or views that Clientele
 * did not create (UNEXPECTED_SCHEMA). A file that cannot be written opens
 * read-only. A path that does not exist is created (with its parent
 * directory), readable by its owner only. Once open, failures are
 * CLT_STORE_ERROR like any store's. */

#define CLT_SQLITE_ERROR (clt_sqlite_error_quark ())

typedef enum
{
  CLT_SQLITE_ERROR_NOT_A_DATABASE,
  CLT_SQLITE_ERROR_FOREIGN,
  CLT_SQLITE_ERROR_CORRUPT,
  CLT_SQLITE_ERROR_TOO_NEW,
  CLT_SQLITE_ERROR_UNEXPECTED_SCHEMA,
} CltSqliteError;

GQuark          clt_sqlite_error_quark         (void);

#define CLT_SQLITE_SCHEMA_VERSION 13

CltSqliteStore *clt_sqlite_store_new           (const char           *path,
                                                GCancellable         *cancellable,
                                                GError              **error);
void            clt_sqlite_store_new_async     (const char           *path,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
CltSqliteStore *clt_sqlite_store_new_finish    (GAsyncResult         *result,
                                                GError              **error);
const char     *clt_sqlite_store_get_path      (CltSqliteStore       *self);
/* $XDG_DATA_HOME/clientele/clientele.db */
char           *clt_sqlite_store_default_path  (void);

G_END_DECLS
