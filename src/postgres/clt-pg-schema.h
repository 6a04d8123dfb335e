/* clt-pg-schema.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "clt-pg-conn.h"

G_BEGIN_DECLS

#define CLT_PG_SCHEMA_VERSION 9

/* A customer's fields text (schema version 4): the aggregate of its rows
 * of customer_field_values, each value after its key, in key order. */
#define CLT_PG_FIELDS_TEXT \
  "string_agg (octet_length (field_key)::text || ':' || field_key" \
  "         || octet_length (coalesce (value, ''))::text || ':' || coalesce (value, ''), ''" \
  "         ORDER BY field_key)"
/* A customer's groups text: the aggregate of its rows of customer_groups. */
#define CLT_PG_GROUPS_TEXT \
  "string_agg (octet_length (group_code)::text || ':' || group_code," \
  "              '' ORDER BY group_code)"

/* The page texts (schema version 4) of the customers whose pk @where
 * (SQL text, "customer_pk …" or nothing for all) keeps and who have any:
 * rows of (customer_pk, groups, fields). */
#define CLT_PG_PAGE_TEXTS(where) \
  " SELECT coalesce (f.customer_pk, g.customer_pk), g.groups, f.fields" \
  " FROM (SELECT customer_pk, " CLT_PG_FIELDS_TEXT " AS fields" \
  "       FROM customer_field_values" where " GROUP BY customer_pk) f" \
  " FULL JOIN (SELECT customer_pk, " CLT_PG_GROUPS_TEXT " AS groups" \
  "            FROM customer_groups" where " GROUP BY customer_pk) g" \
  " ON g.customer_pk = f.customer_pk"

/* Fills customer_page_details with CLT_PG_PAGE_TEXTS (@where), as one
 * transaction alone on the table does (migrations): the refresh of
 * concurrent writers is clt_customer_page_refresh (clt-pg-schema.c). */
#define CLT_PG_FILL_PAGE_DETAILS(where) \
  "INSERT INTO customer_page_details (customer_pk, groups, fields)" \
  CLT_PG_PAGE_TEXTS (where) \
  " ON CONFLICT (customer_pk) DO UPDATE SET groups = excluded.groups, fields = excluded.fields"

/* Fills customer_words (schema version 8) with the words of every
 * customer: the lexemes of their search vector (none when anonymized). */
#define CLT_PG_FILL_WORDS \
  "INSERT INTO customer_words (word, customer_pk, number_key)" \
  " SELECT w, c.pk, c.number_key" \
  " FROM customers c, unnest (tsvector_to_array (c.search_vector)) AS w"

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
