/* clt-pg-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-sql-store.h"

G_BEGIN_DECLS

#define CLT_TYPE_PG_STORE (clt_pg_store_get_type ())

G_DECLARE_FINAL_TYPE (CltPgStore, clt_pg_store, CLT, PG_STORE, CltSqlStore)

/* The shared store: one PostgreSQL database that several clientele-server
 * instances use at once. Implements CltStore, CltAccounts, CltMailQueue
 * and GInitable (opening connects, and creates or migrates the schema
 * under an advisory lock, so that instances starting together do it
 * once). The database must be empty or Clientele's own.
 *
 * "conninfo" (construct-only) is a postgresql:// URL or libpq key=value
 * words. CltStore's "location" shows it without any password. Changes
 * made by another instance arrive as "changed" within a second or so
 * (LISTEN/NOTIFY wakes the poll of the change log). */

CltPgStore *clt_pg_store_new           (const char    *conninfo,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* @password: from a file of the administrator's (never a command line);
 * NULL leaves it to libpq (PGPASSFILE, ~/.pgpass). */
CltPgStore *clt_pg_store_new_with_password (const char    *conninfo,
                                            const char    *password,
                                            GCancellable  *cancellable,
                                            GError       **error);
const char *clt_pg_store_get_conninfo  (CltPgStore    *self);

/* The first line of @path, which only its owner may read (as the SMTP
 * credentials file of clientele-server). */
gboolean    clt_pg_read_password_file  (const char    *path,
                                        char         **password,
                                        GError       **error);

/* TRUE when @conninfo (a URL or key=value words) carries a password: the
 * server refuses those (a command line is visible to every user). */
gboolean    clt_pg_conninfo_has_password (const char  *conninfo);

/* TRUE when the database of @conninfo holds no Clientele data (no
 * tables, or an empty schema): what migrate checks before copying. */
gboolean    clt_pg_store_is_empty      (CltPgStore    *self,
                                        gboolean      *empty,
                                        GError       **error);

G_END_DECLS
