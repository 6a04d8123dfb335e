/* clt-pg-migrate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-pg-migrate"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "clt-error.h"
#include "clt-pg-conn.h"
#include "clt-pg-migrate.h"
#include "clt-pg-store.h"
#include "clt-sqlite-store.h"

/* The tables, parents before children. The columns are those of the
 * PostgreSQL table that are not generated: both schemas name them alike
 * (clt-pg-schema.c). customer_prefixes is left out: the trigger of the
 * customers table fills it. */
static const char * const tables[] = {
  "clt_meta",
  "shop_preferences",
  "sites",
  "groups",
  "companies",
  "company_business_units",
  "company_roles",
  "custom_fields",
  "customers",
  "customer_groups",
  "customer_field_values",
  "assisted_buying_sessions",
  "customer_marketing",
  "addresses",
  "orders",
  "notes",
  "email_outbox",
  "customer_tokens",
  "backoffice_users",
  "api_tokens",
  "idempotency_keys",
  "change_log",
  "pending_deletions",
  "request_ids",
};

/* The serial columns, whose sequences go on after the copied rows. */
static const struct
{
  const char *table;
  const char *column;
} serials[] = {
  { "customers", "pk" },
  { "addresses", "pk" },
  { "orders", "pk" },
  { "notes", "id" },
  { "email_outbox", "id" },
  { "change_log", "seq" },
  { "assisted_buying_sessions", "pk" },
  { "customer_marketing", "pk" },
};

/* Target columns the file holds under another shape: SQLite's one untyped
 * customer_field_values.sort_key is two typed columns here (schema_v2 in
 * clt-pg-schema.c). */
static const struct
{
  const char *table;
  const char *column;
  const char *expression;
} source_columns[] = {
  { "customer_field_values", "sort_number",
    "CASE WHEN typeof (sort_key) IN ('integer', 'real') THEN sort_key END" },
  { "customer_field_values", "sort_text",
    "CASE WHEN typeof (sort_key) = 'text' THEN sort_key END" },
};

/* What the file's SELECT reads for the target's @columns of @table. */
static char *
source_select (const char *table,
               const char *columns)
{
  g_auto(GStrv) names = g_strsplit (columns, ", ", -1);
  g_autoptr(GString) select = g_string_new ("SELECT ");

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *expression = names[i];

      for (guint j = 0; j < G_N_ELEMENTS (source_columns); j++)
        if (g_str_equal (source_columns[j].table, table) &&
            g_str_equal (source_columns[j].column, names[i]))
          expression = source_columns[j].expression;
      g_string_append_printf (select, "%s%s", i > 0 ? ", " : "", expression);
    }
  g_string_append_printf (select, " FROM \"%s\"", table);
  return g_string_free (g_steal_pointer (&select), FALSE);
}

static gboolean
set_pg_error (PgConn      *db,
              const char  *what,
              GError     **error)
{
  g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
               _("Copying %s failed: %s"), what, pg_errmsg (db));
  return FALSE;
}

static gboolean
set_sqlite_error (sqlite3     *file,
                  const char  *what,
                  GError     **error)
{
  g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
               _("Reading %s from the file failed: %s"), what, sqlite3_errmsg (file));
  return FALSE;
}

/* The non-generated columns of @table in the target, joined by ", ". */
static char *
target_columns (PgConn      *db,
                const char  *table,
                GError     **error)
{
  g_autoptr(PgStmt) stmt = NULL;
  g_autoptr(GString) columns = g_string_new (NULL);
  int rc;

  pg_prepare_v2 (db,
                 "SELECT column_name FROM information_schema.columns"
                 " WHERE table_schema = current_schema () AND table_name = ?"
                 "   AND is_generated = 'NEVER'"
                 " ORDER BY ordinal_position",
                 -1, &stmt, NULL);
  pg_bind_text (stmt, 1, table, -1, PG_STATIC);
  while ((rc = pg_step (stmt)) == PG_ROW)
    g_string_append_printf (columns, "%s%s", columns->len > 0 ? ", " : "",
                            (const char *) pg_column_text (stmt, 0));
  if (rc != PG_DONE)
    {
      set_pg_error (db, table, error);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&columns), FALSE);
}

/* One value in COPY's text format. */
static void
append_copy_value (GString    *out,
                   const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "\\N");
      return;
    }
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default: g_string_append_c (out, *p); break;
      }
}

static gboolean
copy_table (sqlite3       *file,
            PgConn        *db,
            const char    *table,
            GCancellable  *cancellable,
            gint64        *n_rows,
            GError       **error)
{
  PGconn *conn = pg_conn_get_native (db);
  g_autofree char *columns = target_columns (db, table, error);
  g_autofree char *select = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GString) buffer = g_string_sized_new (1 << 20);
  sqlite3_stmt *stmt = NULL;
  PGresult *result;
  int n_columns;
  int rc;

  if (columns == NULL)
    return FALSE;

  select = source_select (table, columns);
  if (sqlite3_prepare_v2 (file, select, -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (file, table, error);
  n_columns = sqlite3_column_count (stmt);

  copy = g_strdup_printf ("COPY %s (%s) FROM STDIN", table, columns);
  result = PQexec (conn, copy);
  if (PQresultStatus (result) != PGRES_COPY_IN)
    {
      PQclear (result);
      sqlite3_finalize (stmt);
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                   _("Copying %s failed: %s"), table, PQerrorMessage (conn));
      return FALSE;
    }
  PQclear (result);

  *n_rows = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < n_columns; i++)
        {
          if (i > 0)
            g_string_append_c (buffer, '\t');
          append_copy_value (buffer, (const char *) sqlite3_column_text (stmt, i));
        }
      g_string_append_c (buffer, '\n');
      (*n_rows)++;

      if (buffer->len >= (1 << 20))
        {
          if (PQputCopyData (conn, buffer->str, (int) buffer->len) != 1)
            break;
          g_string_truncate (buffer, 0);
          if (g_cancellable_is_cancelled (cancellable))
            break;
        }
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      if (buffer->len > 0)
        PQputCopyData (conn, buffer->str, (int) buffer->len);
      PQputCopyEnd (conn, rc == SQLITE_DONE ? NULL : _("cancelled"));
    }
  else
    PQputCopyEnd (conn, sqlite3_errstr (rc));

  result = PQgetResult (conn);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                   _("Copying %s failed: %s"), table,
                   rc == SQLITE_DONE ? PQresultErrorMessage (result) : sqlite3_errstr (rc));
      PQclear (result);
      while ((result = PQgetResult (conn)) != NULL)
        PQclear (result);
      return FALSE;
    }
  PQclear (result);
  while ((result = PQgetResult (conn)) != NULL)
    PQclear (result);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
count_rows (sqlite3     *file,
            PgConn      *db,
            const char  *table,
            gint64      *in_file,
            gint64      *copied,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  g_autoptr(PgStmt) target = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (file, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return set_sqlite_error (file, table, error);
    }
  *in_file = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  pg_prepare_v2 (db, sql, -1, &target, NULL);
  if (pg_step (target) != PG_ROW)
    return set_pg_error (db, table, error);
  *copied = pg_column_int64 (target, 0);
  return TRUE;
}

/* The change log keeps its position: the next change gets the number
 * after the file's last, even when the file's log was pruned empty (an
 * entry "customers changed" at that number then stands for it, as the
 * PostgreSQL store reads its position from the log). */
static gboolean
keep_positions (sqlite3  *file,
                PgConn   *db,
                GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 last_change = 0;

  if (sqlite3_prepare_v2 (file, "SELECT seq FROM sqlite_sequence WHERE name = 'change_log'",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    last_change = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (last_change > 0)
    {
      g_autoptr(PgStmt) mark = NULL;

      pg_prepare_v2 (db,
                     "INSERT INTO change_log (seq, kind, object_id, author, at)"
                     " SELECT ?, 0, '', '', ? WHERE NOT EXISTS"
                     "  (SELECT 1 FROM change_log WHERE seq >= ?)",
                     -1, &mark, NULL);
      pg_bind_int64 (mark, 1, last_change);
      pg_bind_int64 (mark, 2, g_get_real_time ());
      pg_bind_int64 (mark, 3, last_change);
      if (pg_step (mark) != PG_DONE)
        return set_pg_error (db, "change_log", error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (serials); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ('%s', '%s'),"
                                              " coalesce (max (%s), 0) + 1, false) FROM %s",
                                              serials[i].table, serials[i].column,
                                              serials[i].column, serials[i].table);

      if (pg_exec (db, sql) != PG_OK)
        return set_pg_error (db, serials[i].table, error);
    }

  return TRUE;
}

GArray *
clt_pg_migrate_from_sqlite (const char    *path,
                            const char    *conninfo,
                            const char    *password,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (CltPgMigrateCount));
  g_autoptr(GObject) source = NULL;
  g_autoptr(CltPgStore) target = NULL;
  g_autofree char *name = g_filename_display_name (path);
  sqlite3 *file = NULL;
  PgConn *db = NULL;
  gboolean empty = FALSE;
  gboolean ok = FALSE;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("There is no file “%s”."), name);
      return NULL;
    }

  /* Opening it verifies the file and brings it to the current schema. */
  source = G_OBJECT (clt_sqlite_store_new (path, cancellable, error));
  if (source == NULL)
    return NULL;
  g_clear_object (&source);

  /* The target's schema, made by the store as for serving. */
  target = clt_pg_store_new_with_password (conninfo, password, cancellable, error);
  if (target == NULL || !clt_pg_store_is_empty (target, &empty, error))
    return NULL;
  if (!empty)
    {
      g_autofree char *location = NULL;

      g_object_get (target, "location", &location, NULL);
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT,
                   _("The database “%s” already holds Clientele data: migrate into an empty "
                     "database."), location);
      return NULL;
    }

  if (sqlite3_open_v2 (path, &file, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      set_sqlite_error (file, name, error);
      sqlite3_close_v2 (file);
      return NULL;
    }
  db = pg_conn_open (conninfo, password, error);
  if (db == NULL)
    goto out;

  /* One snapshot of the file, one transaction in the database: all or
   * nothing, and no other writer (the store's write lock). */
  if (sqlite3_exec (file, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (file, name, error);
      goto out;
    }
  if (pg_exec (db, "BEGIN") != PG_OK ||
      pg_exec (db, "SELECT pg_advisory_xact_lock (1131181157)") != PG_OK)
    {
      set_pg_error (db, name, error);
      goto out;
    }

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      CltPgMigrateCount count = { tables[i], 0, 0 };
      gint64 n_read = 0;

      if (!copy_table (file, db, tables[i], cancellable, &n_read, error))
        goto out;
      g_array_append_val (counts, count);
    }
  if (!keep_positions (file, db, error))
    goto out;

  for (guint i = 0; i < counts->len; i++)
    {
      CltPgMigrateCount *count = &g_array_index (counts, CltPgMigrateCount, i);

      if (!count_rows (file, db, count->table, &count->in_file, &count->copied, error))
        goto out;
      /* The change log may gain the entry that keeps its position. */
      if (count->copied != count->in_file &&
          !(g_str_equal (count->table, "change_log") && count->copied == count->in_file + 1))
        {
          g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                       _("The counts of %s differ: %lld in the file, %lld copied."),
                       count->table, (long long) count->in_file,
                       (long long) count->copied);
          goto out;
        }
    }

  if (pg_exec (db, "COMMIT") != PG_OK)
    {
      set_pg_error (db, name, error);
      goto out;
    }
  ok = TRUE;

out:
  if (db != NULL && !pg_get_autocommit (db))
    pg_exec (db, "ROLLBACK");
  pg_conn_close (db);
  sqlite3_close_v2 (file);
  return ok ? g_steal_pointer (&counts) : NULL;
}
