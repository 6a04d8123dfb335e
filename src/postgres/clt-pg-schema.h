/* clt-pg-schema.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "clt-pg-conn.h"

G_BEGIN_DECLS

#define CLT_PG_SCHEMA_VERSION 3

/* The schema version of the database on @db: 0 for an empty database, -1
 * (with @error set) when it holds tables that are not Clientele's. */
int      clt_pg_schema_read_version (PgConn   *db,
                                     GError  **error);
/* Brings a database at @from_version up to CLT_PG_SCHEMA_VERSION, inside
 * the caller's transaction (which holds the migration lock). */
gboolean clt_pg_schema_migrate      (PgConn   *db,
                                     int       from_version,
                                     GError  **error);

G_END_DECLS
