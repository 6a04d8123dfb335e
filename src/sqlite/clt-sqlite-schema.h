/* clt-sqlite-schema.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* "Clte": written to PRAGMA application_id when Clientele creates a file,
 * so that another program's SQLite file is never mistaken for ours. */
#define CLT_SQLITE_APPLICATION_ID 0x436c7465

/* Brings a database at @from_version up to CLT_SQLITE_SCHEMA_VERSION. The
 * caller holds a write transaction; every step runs inside it and the last
 * one sets PRAGMA user_version, so a failed migration leaves the file as it
 * was. Version 0 is an empty file. */
gboolean clt_sqlite_schema_migrate (sqlite3  *db,
                                    int       from_version,
                                    GError  **error);

G_END_DECLS
