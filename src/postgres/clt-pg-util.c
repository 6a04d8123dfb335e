/* clt-pg-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-pg-store"

#include "config.h"

#include "clt-pg-store-private.h"

/* The engine {{{ */

const CltSqlEngine clt_pg_engine = {
  CLT_SQL_ENGINE_STATEMENTS (pg_),
  .exec = CLT_SQL_ENGINE_FUNC (pg_exec),
  .changes = CLT_SQL_ENGINE_FUNC (pg_changes),
};

/* A company's business units and roles: string_agg () orders them. */
#define COMPANY_LIST(table) \
  "(SELECT string_agg (name, E'\\n' ORDER BY position, name) FROM " table \
  " l WHERE l.company_id = companies.id)"

/* Group names sort as the SQLite store's NOCASE does: by their lower-case
 * bytes, whatever the database's collation. */
const CltSqlDialect clt_pg_dialect = {
  .company_columns = "id, name, " COMPANY_LIST ("company_business_units") ", "
                     COMPANY_LIST ("company_roles") ", version",
  .group_order = "lower (name COLLATE \"C\"), code",
  .email_taken = "SELECT 1 FROM customers WHERE lower (email) = lower (?::text COLLATE \"C\")",
  .insert_field_value = "INSERT INTO customer_field_values (customer_pk, field_key, value,"
                        " sort_number, sort_text) VALUES (?, ?, ?, ?, ?)"
                        " ON CONFLICT (customer_pk, field_key) DO UPDATE SET value = excluded.value,"
                        " sort_number = excluded.sort_number, sort_text = excluded.sort_text",
  .scrub_outbox = CLT_SQL_SCRUB_OUTBOX "lower (recipient) = lower (?3::text COLLATE \"C\")",
  .forget_replies_by_email = "DELETE FROM idempotency_keys WHERE ?3::text <> ''"
                             " AND strpos (lower (response), lower (?3::text)) > 0",
  .forget_replies_by_id = "DELETE FROM idempotency_keys WHERE strpos (response, ?4::text) > 0",
  /* A read is one snapshot (REPEATABLE READ) already. The log is pruned,
   * but keeps its newest entry: max (seq) is the last number ever given
   * (a sequence's own value could be one that a writer has not committed
   * yet, and a feed that moved past it would miss that change). */
  .newest_change = "SELECT coalesce (max (seq), 0) FROM change_log",
  .prune_change_log = "DELETE FROM change_log WHERE at < ?"
                      " AND seq < (SELECT max (seq) FROM change_log)",
};

/* }}} */

/* Errors {{{ */

/* PostgreSQL's own failures in words for the user; the rest as for any
 * engine. */
void
pgs_set_db_error (CltPgStore  *self,
                  GError     **error,
                  PgConn      *db,
                  int          rc)
{
  const char *detail = db != NULL ? pg_errmsg (db) : "";
  const char *name = self->location;

  if ((rc & 0xff) == PG_CANTOPEN)
    g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE,
                 _("The connection to the database “%s” was lost: %s"), name, detail);
  else if ((rc & 0xff) == PG_FULL)
    g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                 _("The database server of “%s” is out of space or memory (%s)."), name, detail);
  else
    sql_set_common_db_error (error, rc, name, detail);
}

/* }}} */

/* Values {{{ */

/* A custom field value at @idx, its sort keys at @idx + 1 (sort_number:
 * numbers, booleans 0/1) and @idx + 2 (sort_text: folded text); see
 * schema_v2 in clt-pg-schema.c. */
void
pgs_bind_field_value (PgStmt   *stmt,
                      int       idx,
                      GVariant *value)
{
  g_autofree char *printed = NULL;
  const char *text;
  double number;

  if (clt_custom_field_value_to_double (value, &number))
    {
      pg_bind_double (stmt, idx, number);
      pg_bind_double (stmt, idx + 1, number);
      pg_bind_null (stmt, idx + 2);
      return;
    }
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    {
      pg_bind_int (stmt, idx, g_variant_get_boolean (value));
      pg_bind_int (stmt, idx + 1, g_variant_get_boolean (value));
      pg_bind_null (stmt, idx + 2);
      return;
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    text = g_variant_get_string (value, NULL);
  else
    text = printed = g_variant_print (value, FALSE);
  pg_bind_text (stmt, idx, text, -1, PG_TRANSIENT);
  pg_bind_null (stmt, idx + 1);
  pg_bind_text (stmt, idx + 2, clt_fold_text (text), -1, g_free);
}

/* }}} */
