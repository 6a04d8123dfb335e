/* clt-sqlite-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include "clt-sqlite-store-private.h"

/* The engine {{{ */

static int
exec_statements (CltSqlDb   *db,
                 const char *sql)
{
  return sqlite3_exec ((sqlite3 *) db, sql, NULL, NULL, NULL);
}

const CltSqlEngine clt_sqlite_engine = {
  CLT_SQL_ENGINE_STATEMENTS (sqlite3_),
  .exec = exec_statements,
  .changes = CLT_SQL_ENGINE_FUNC (sqlite3_changes64),
};

/* A company's business units and roles come with its row, one per line
 * (names are single-line text), in their order: the ORDER BY of a
 * subquery under an aggregate is kept. */
#define COMPANY_LIST(table) \
  "(SELECT group_concat (name, char (10)) FROM (SELECT name FROM " table \
  " l WHERE l.company_id = companies.id ORDER BY position, name))"

const CltSqlDialect clt_sqlite_dialect = {
  .company_columns = "id, name, " COMPANY_LIST ("company_business_units") ", "
                     COMPANY_LIST ("company_roles") ", version",
  .group_order = "name COLLATE NOCASE, code",
  .email_taken = "SELECT 1 FROM customers WHERE email = ? COLLATE NOCASE",
  /* An upsert: REPLACE deletes without firing the delete triggers that
   * keep customer_field_counts (clt-sqlite-schema.c, version 7). */
  .insert_field_value = "INSERT INTO customer_field_values"
                        " (customer_pk, field_key, value, sort_key) VALUES (?, ?, ?, ?)"
                        " ON CONFLICT (customer_pk, field_key)"
                        " DO UPDATE SET value = excluded.value, sort_key = excluded.sort_key",
  .scrub_outbox = CLT_SQL_SCRUB_OUTBOX "recipient = ?3 COLLATE NOCASE",
  .forget_replies_by_email = "DELETE FROM idempotency_keys"
                             " WHERE ?3 <> '' AND instr (lower (response), lower (?3)) > 0",
  .forget_replies_by_id = "DELETE FROM idempotency_keys WHERE instr (response, ?4) > 0",
  .begin_read_snapshot = "BEGIN",
  /* The log is pruned, but AUTOINCREMENT remembers the last number. */
  .newest_change = "SELECT max (ifnull ((SELECT max (seq) FROM change_log), 0),"
                   "            ifnull ((SELECT seq FROM sqlite_sequence"
                   "                     WHERE name = 'change_log'), 0))",
  .prune_change_log = "DELETE FROM change_log WHERE at < ?",
};

/* }}} */

/* Errors {{{ */

gboolean
rc_is_corrupt (int rc)
{
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

/* SQLite's own failures in words for the user; the rest as for any
 * engine. */
void
set_db_error (CltSqliteStore *self,
              GError        **error,
              sqlite3        *db,
              int             rc)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  g_autofree char *name = g_filename_display_basename (self->path);

  if (rc_is_corrupt (rc))
    g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                 _("The database “%s” is damaged (%s)."), name, detail);
  else if ((rc & 0xff) == SQLITE_FULL)
    g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                 _("The disk holding “%s” is full."), name);
  else if (rc == SQLITE_CONSTRAINT_COMMITHOOK)
    g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                 _("The change could not be saved in “%s”."), name);
  else
    sql_set_common_db_error (error, rc, name, detail);
}

/* PRAGMA secure_delete for the writes that remove personal data (Debian
 * builds SQLite with it on by default; other builds may not): freed space
 * is zeroed instead of left for reuse. Returns the previous setting, for
 * restore_secure_delete (). */
int
begin_secure_delete (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int previous = 0;

  if (sqlite3_prepare_v2 (db, "PRAGMA secure_delete", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    previous = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  sqlite3_exec (db, "PRAGMA secure_delete = ON", NULL, NULL, NULL);
  return previous;
}

void
restore_secure_delete (sqlite3 *db,
                       int      previous)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA secure_delete = %d", previous);

  sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* A read's statements, prepared once per reader connection and kept
 * (SQLITE_PREPARE_PERSISTENT) while it lives: preparing them was about a
 * tenth of a filtered read. The caller gives one back reset and unbound
 * (g_autoptr (ReaderStmt)); no two uses of one SQL text overlap. */
sqlite3_stmt *
reader_prepare (CltSqliteStore *self,
                Reader         *reader,
                const char     *sql,
                GError        **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (reader->stmts, sql);
  int rc;

  if (stmt != NULL)
    {
      g_assert (!sqlite3_stmt_busy (stmt));
      return stmt;
    }

  rc = sqlite3_prepare_v3 (reader->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, error, reader->db, rc);
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (reader->stmts, g_strdup (sql), stmt);
  return stmt;
}

void
reader_stmt_release (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* }}} */

/* Values {{{ */

void
bind_text (sqlite3_stmt *stmt,
           int           idx,
           const char   *text)
{
  sqlite3_bind_text (stmt, idx, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

void
bind_static_text (sqlite3_stmt *stmt,
                  int           idx,
                  const char   *text)
{
  /* Only for strings that outlive the next sqlite3_step (). */
  sqlite3_bind_text (stmt, idx, text != NULL ? text : "", -1, SQLITE_STATIC);
}

/* A custom field value at @idx and its sort key at @idx + 1 (see
 * schema_v4 in clt-sqlite-schema.c). */
void
bind_field_value (sqlite3_stmt *stmt,
                  int           idx,
                  GVariant     *value)
{
  double number;

  if (clt_custom_field_value_to_double (value, &number))
    {
      sqlite3_bind_double (stmt, idx, number);
      sqlite3_bind_double (stmt, idx + 1, number);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    {
      sqlite3_bind_int (stmt, idx, g_variant_get_boolean (value));
      sqlite3_bind_int (stmt, idx + 1, g_variant_get_boolean (value));
    }
  else
    {
      g_autofree char *printed = NULL;
      const char *text;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        text = g_variant_get_string (value, NULL);
      else
        text = printed = g_variant_print (value, FALSE);
      bind_text (stmt, idx, text);
      sqlite3_bind_text (stmt, idx + 1, clt_fold_text (text), -1, g_free);
    }
}

GDateTime *
column_date_time (sqlite3_stmt *stmt,
                  int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;

  return date_time_from_usec (sqlite3_column_int64 (stmt, col));
}

const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text != NULL ? text : "";
}

/* @pks (gint64) as a JSON array, for "IN (SELECT value FROM json_each
 * (?))": up to 20 digits and a comma each, written by hand (printf was a
 * tenth of a read that passed a rowset's rowids). */
char *
pks_to_json (GArray *pks)
{
  char *json = g_malloc (21 * (gsize) pks->len + 3);
  char *out = json;

  *out++ = '[';
  for (guint i = 0; i < pks->len; i++)
    {
      guint64 pk = (guint64) MAX (g_array_index (pks, gint64, i), 0);
      char digits[21];
      int n = 0;

      if (i > 0)
        *out++ = ',';
      do
        digits[n++] = (char) ('0' + pk % 10);
      while ((pk /= 10) != 0);
      while (n > 0)
        *out++ = digits[--n];
    }
  *out++ = ']';
  *out = '\0';
  return json;
}

/* }}} */

/* Search index {{{ */

/* The full-text index is not kept by triggers: with trusted_schema off,
 * SQLite refuses FTS5 inside any trigger (so a planted one cannot reach it
 * either). Every write that changes a customer's searchable keys calls
 * search_index_remove () before and search_index_add () after. */
static gboolean
search_index_run (CltSqliteStore  *self,
                  sqlite3         *db,
                  const char      *sql,
                  gint64           pk,
                  GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }
  return TRUE;
}

gboolean
search_index_remove (CltSqliteStore  *self,
                     sqlite3         *db,
                     gint64           pk,
                     GError         **error)
{
  return search_index_run (self, db,
                           "INSERT INTO customers_fts (customers_fts, rowid, search_text)"
                           " SELECT 'delete', pk, search_text FROM customers WHERE pk = ?",
                           pk, error);
}

gboolean
search_index_add (CltSqliteStore  *self,
                  sqlite3         *db,
                  gint64           pk,
                  GError         **error)
{
  return search_index_run (self, db,
                           "INSERT INTO customers_fts (rowid, search_text)"
                           " SELECT pk, search_text FROM customers WHERE pk = ?",
                           pk, error);
}

/* }}} */
