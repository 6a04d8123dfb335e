/* clt-pg-schema.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "clt-pg-conn.h"

G_BEGIN_DECLS

#define CLT_PG_SCHEMA_VERSION 4

/* Fills customer_page_fields (schema version 4) for the customers of the
 * customer_field_values rows (v) that @where (SQL text) keeps. */
#define CLT_PG_FILL_PAGE_FIELDS(where) \
  "INSERT INTO customer_page_fields (customer_pk, fields)" \
  " SELECT v.customer_pk, string_agg (octet_length (v.field_key)::text || ':' || v.field_key" \
  "   || octet_length (coalesce (v.value, ''))::text || ':' || coalesce (v.value, ''), ''" \
  "   ORDER BY v.field_key)" \
  " FROM customer_field_values v" where " GROUP BY v.customer_pk"

/* The schema version of the database on @db: 0 for an empty database, -1
 * (with @error set) when it holds tables that are not Clientele's. */
int      clt_pg_schema_read_version (PgConn   *db,
                                     GError  **error);
/* Brings a database at @from_version up to CLT_PG_SCHEMA_VERSION, inside
 * the caller's transaction (which holds the migration lock). */
gboolean clt_pg_schema_migrate      (PgConn   *db,
                                     int       from_version,
                                     GError  **error);
/* As clt_pg_schema_migrate (), up to @to_version only (for tests of a
 * step on the data of the version before). */
gboolean clt_pg_schema_migrate_to   (PgConn   *db,
                                     int       from_version,
                                     int       to_version,
                                     GError  **error);

G_END_DECLS
