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

/* One table, index, trigger or view, as sqlite_schema lists it. */
typedef struct
{
  char *type;
  char *name;
  char *table;
  char *sql;
} CltSqliteSchemaObject;

/* What Clientele's migrations create up to @version, ordered by name, built
 * once per process from the compiled-in SQL (transfer none). */
const GPtrArray             *clt_sqlite_schema_expected (int          version);
const CltSqliteSchemaObject *clt_sqlite_schema_lookup   (int          version,
                                                         const char  *name);
/* FALSE, with @problem naming the first difference, when the schema of @db
 * is not exactly the expected one of @version (statistics tables aside). */
gboolean                     clt_sqlite_schema_verify   (sqlite3     *db,
                                                         int          version,
                                                         char       **problem);

G_END_DECLS
