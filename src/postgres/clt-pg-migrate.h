/* clt-pg-migrate.h — copies a Clientele SQLite database into an empty
 * PostgreSQL database (clientele-server migrate).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What one table held in the file and holds in the database afterwards. */
typedef struct
{
  const char *table;
  gint64      in_file;
  gint64      copied;
} CltPgMigrateCount;

/* Copies every table of the SQLite file @path (customers, addresses,
 * notes, orders, the outbox, users and tokens, sites, groups, companies,
 * custom fields, preferences, request ids, pending deletions and the
 * change log with its position) into the database of @conninfo, which
 * must hold no Clientele data, in one transaction; then compares the
 * counts of every table, and commits only when they agree. The file is
 * brought to the current schema first (as opening it in the app would).
 *
 * Returns the counts (CltPgMigrateCount), or NULL with @error set; the
 * target is left as it was on any failure. */
GArray *clt_pg_migrate_from_sqlite (const char    *path,
                                    const char    *conninfo,
                                    const char    *password,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS
