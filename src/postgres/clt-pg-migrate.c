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
#include "clt-pg-schema.h"
#include "clt-pg-store.h"
#include "clt-sqlite-store.h"

/* The tables, parents before children. The columns are those of the
 * PostgreSQL table that are not generated: both schemas name them alike
 * (clt-pg-schema.c). customer_prefixes and customer_words are left out:
 * they are made from the customers (fill_prefixes below and
 * CLT_PG_FILL_WORDS, or the triggers when the copy goes row by row). */
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

/* What a bulk copy does best without: loading rows into tables that
 * hold indexes, foreign keys and the customer_prefixes trigger costs an
 * index insertion per index, a lookup per foreign key and a PL/pgSQL
 * call per row (about 400 customers/s at 1,000,000, with their 19
 * custom field values each). Building each index once after the copy,
 * validating each foreign key with one join and filling
 * customer_prefixes with one INSERT … SELECT does the same work in bulk.
 * All of it happens inside the migration's transaction: a failure rolls
 * the schema back with the rows. */
typedef struct
{
  GPtrArray *drop;    /* in this order: foreign keys, keys, indexes */
  GPtrArray *remake;  /* in this order: keys, indexes, foreign keys */
} Deferred;

static void
deferred_clear (Deferred *deferred)
{
  g_clear_pointer (&deferred->drop, g_ptr_array_unref);
  g_clear_pointer (&deferred->remake, g_ptr_array_unref);
}

/* The trigger that keeps customer_prefixes (clt-pg-schema.c), and the
 * same rows for all customers at once. */
#define PREFIX_TRIGGER "customer_prefixes_write"
/* The triggers that note customers for customer_page_details as values
 * and memberships are inserted (clt-pg-schema.c): the table is filled for
 * all customers at once instead. */
#define PAGE_FIELDS_TRIGGER "customer_page_fields_insert"
/* The trigger that inserts a new customer's search words (schema version
 * 8), and the same rows for all customers at once. */
#define WORDS_TRIGGER "customer_words_insert"
#define PAGE_GROUPS_TRIGGER "customer_page_groups_insert"
static const char fill_prefixes[] =
  "INSERT INTO customer_prefixes (prefix, customer_pk)"
  " SELECT x.p, c.pk FROM customers c CROSS JOIN LATERAL"
  "  (SELECT DISTINCT p FROM unnest (ARRAY["
  "     substr (c.last_name_key, 1, 1), substr (c.last_name_key, 1, 2),"
  "     substr (c.first_name_key, 1, 1), substr (c.first_name_key, 1, 2),"
  "     substr (c.email_key, 1, 1), substr (c.email_key, 1, 2)]) AS p"
  "   WHERE p <> '') AS x"
  " WHERE c.listed = 1";

/* The statements that drop and remake the keys, foreign keys and
 * indexes of the tables the migration fills (@names: their names as a
 * PostgreSQL array). */
static gboolean
read_deferred (PgConn      *db,
               const char  *names,
               Deferred    *deferred,
               GError     **error)
{
  g_autoptr(PgStmt) stmt = NULL;
  g_autoptr(GPtrArray) foreign = g_ptr_array_new_with_free_func (g_free);
  int rc;

  deferred->drop = g_ptr_array_new_with_free_func (g_free);
  deferred->remake = g_ptr_array_new_with_free_func (g_free);

  /* Phase 0: foreign keys, 1: primary keys and unique constraints (other
   * tables' foreign keys lean on them), 2: the other indexes. */
  pg_prepare_v2 (db,
                 "WITH filled AS ("
                 "  SELECT c.oid FROM pg_class c"
                 "   WHERE c.relnamespace = (SELECT oid FROM pg_namespace"
                 "                            WHERE nspname = current_schema ())"
                 "     AND c.relkind = 'r' AND c.relname = ANY (?::text[]))"
                 " SELECT CASE k.contype WHEN 'f' THEN 0 ELSE 1 END,"
                 "        format ('ALTER TABLE %s DROP CONSTRAINT %I', k.conrelid::regclass, k.conname),"
                 "        format ('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass,"
                 "                k.conname, pg_get_constraintdef (k.oid))"
                 "   FROM pg_constraint k"
                 "  WHERE k.conrelid IN (SELECT oid FROM filled) AND k.contype IN ('f', 'p', 'u')"
                 " UNION ALL"
                 " SELECT 2, format ('DROP INDEX %s', i.indexrelid::regclass),"
                 "        pg_get_indexdef (i.indexrelid)"
                 "   FROM pg_index i"
                 "  WHERE i.indrelid IN (SELECT oid FROM filled)"
                 "    AND NOT EXISTS (SELECT 1 FROM pg_constraint k"
                 "                     WHERE k.conindid = i.indexrelid"
                 "                       AND k.contype IN ('p', 'u', 'x'))"
                 " ORDER BY 1, 2",
                 -1, &stmt, NULL);
  pg_bind_text (stmt, 1, names, -1, PG_STATIC);
  while ((rc = pg_step (stmt)) == PG_ROW)
    {
      char *drop = g_strdup ((const char *) pg_column_text (stmt, 1));
      char *remake = g_strdup ((const char *) pg_column_text (stmt, 2));

      g_ptr_array_add (deferred->drop, drop);
      g_ptr_array_add (pg_column_int (stmt, 0) == 0 ? foreign : deferred->remake, remake);
    }
  if (rc != PG_DONE)
    return set_pg_error (db, "the schema", error);

  for (guint i = 0; i < foreign->len; i++)
    g_ptr_array_add (deferred->remake, g_steal_pointer (&foreign->pdata[i]));
  return TRUE;
}

/* Drops what @deferred remakes, and turns off the triggers that keep
 * customer_prefixes, customer_words and customer_page_details as rows
 * come in. FALSE
 * (the database as it was, the transaction usable) when the role may
 * not: the copy then goes row by row through them, only slower. */
static gboolean
defer_schema (PgConn   *db,
              Deferred *deferred)
{
  g_autoptr(GString) names = g_string_new ("{");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_string_append_printf (names, "%s,", tables[i]);
  g_string_append (names, "customer_prefixes,customer_words,customer_page_details}");

  if (pg_exec (db, "SAVEPOINT defer_schema") != PG_OK)
    return FALSE;
  if (read_deferred (db, names->str, deferred, &error))
    {
      guint i;

      for (i = 0; i < deferred->drop->len; i++)
        if (pg_exec (db, g_ptr_array_index (deferred->drop, i)) != PG_OK)
          break;
      if (i == deferred->drop->len &&
          pg_exec (db, "ALTER TABLE customers DISABLE TRIGGER " PREFIX_TRIGGER) == PG_OK &&
          pg_exec (db, "ALTER TABLE customers DISABLE TRIGGER " WORDS_TRIGGER) == PG_OK &&
          pg_exec (db, "ALTER TABLE customer_field_values DISABLE TRIGGER "
                       PAGE_FIELDS_TRIGGER) == PG_OK &&
          pg_exec (db, "ALTER TABLE customer_groups DISABLE TRIGGER "
                       PAGE_GROUPS_TRIGGER) == PG_OK &&
          pg_exec (db, "RELEASE SAVEPOINT defer_schema") == PG_OK)
        return TRUE;
      g_debug ("Copying row by row: %s", pg_errmsg (db));
    }
  else
    g_debug ("Copying row by row: %s", error->message);

  deferred_clear (deferred);
  pg_exec (db, "ROLLBACK TO SAVEPOINT defer_schema");
  pg_exec (db, "RELEASE SAVEPOINT defer_schema");
  return FALSE;
}

/* After the copy: the prefixes and words, the keys and indexes built from the rows,
 * the foreign keys checked against them, the trigger back on. */
static gboolean
remake_schema (PgConn    *db,
               Deferred  *deferred,
               GError   **error)
{
  if (pg_exec (db, fill_prefixes) != PG_OK)
    return set_pg_error (db, "customer_prefixes", error);
  if (pg_exec (db, CLT_PG_FILL_WORDS) != PG_OK)
    return set_pg_error (db, "customer_words", error);
  for (guint i = 0; i < deferred->remake->len; i++)
    {
      const char *sql = g_ptr_array_index (deferred->remake, i);

      if (pg_exec (db, sql) != PG_OK)
        return set_pg_error (db, sql, error);
    }
  if (pg_exec (db, "ALTER TABLE customers ENABLE TRIGGER " PREFIX_TRIGGER) != PG_OK ||
      pg_exec (db, "ALTER TABLE customers ENABLE TRIGGER " WORDS_TRIGGER) != PG_OK)
    return set_pg_error (db, "customers", error);
  /* After the indexes: the values come grouped from their primary key. */
  if (pg_exec (db, CLT_PG_FILL_PAGE_DETAILS ("")) != PG_OK)
    return set_pg_error (db, "customer_page_details", error);
  if (pg_exec (db, "ALTER TABLE customer_field_values ENABLE TRIGGER " PAGE_FIELDS_TRIGGER) != PG_OK)
    return set_pg_error (db, "customer_field_values", error);
  if (pg_exec (db, "ALTER TABLE customer_groups ENABLE TRIGGER " PAGE_GROUPS_TRIGGER) != PG_OK)
    return set_pg_error (db, "customer_groups", error);
  return TRUE;
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
  Deferred deferred = { NULL, NULL };
  gboolean deferring = FALSE;
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

  /* Read-write but query-only: the file is only read, and the last
   * connection's close can remove the WAL and shared-memory files, which
   * a read-only connection would leave next to the user's file. (Opening
   * the store above has already written to it.) */
  if (sqlite3_open_v2 (path, &file, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_exec (file, "PRAGMA query_only = ON", NULL, NULL, NULL) != SQLITE_OK)
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
  /* Every commit of the copy's connection waits for its WAL to be
   * flushed, even where synchronous_commit is off: until then no row of
   * the copy could be marked committed (PostgreSQL sets no hint bits of a
   * transaction whose commit, or any asynchronous commit near it, is not
   * on disk), and the VACUUM after the copy could mark no page
   * all-visible. */
  if (pg_exec (db, "SET synchronous_commit = on") != PG_OK ||
      pg_exec (db, "BEGIN") != PG_OK ||
      pg_exec (db, "SELECT pg_advisory_xact_lock (1131181157)") != PG_OK)
    {
      set_pg_error (db, name, error);
      goto out;
    }

  /* Index builds sort in memory up to this much (the default, 64 MB,
   * spills the larger ones to disk). */
  if (pg_exec (db, "SET LOCAL maintenance_work_mem = '256MB'") != PG_OK)
    {
      set_pg_error (db, name, error);
      goto out;
    }
  deferring = defer_schema (db, &deferred);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      CltPgMigrateCount count = { tables[i], 0, 0 };
      gint64 n_read = 0;

      if (!copy_table (file, db, tables[i], cancellable, &n_read, error))
        goto out;
      g_array_append_val (counts, count);
    }
  if (deferring && !remake_schema (db, &deferred, error))
    goto out;
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

  /* The planner's statistics of the new rows, and the visibility map
   * that lets a list page skip its OFFSET in the sort index alone, before
   * the first request (autovacuum sees to both only after a while: until
   * then a page deep in the list fetches the row of each entry it skips,
   * 12,625 buffers instead of 288 at offset 12,345 of 20,000 customers);
   * not fatal. Only the tables' owner may (the role that could defer
   * their indexes): for another, the server would warn about each
   * table. */
  if (deferring)
    {
      g_autoptr(GString) vacuum = g_string_new ("VACUUM (ANALYZE) customer_prefixes, customer_words,"
                                                 " customer_page_details");

      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        g_string_append_printf (vacuum, ", %s", tables[i]);
      if (pg_exec (db, vacuum->str) != PG_OK)
        g_warning ("Vacuuming the copied tables failed: %s", pg_errmsg (db));
    }

out:
  if (db != NULL && !pg_get_autocommit (db))
    pg_exec (db, "ROLLBACK");
  pg_conn_close (db);
  sqlite3_close_v2 (file);
  deferred_clear (&deferred);
  return ok ? g_steal_pointer (&counts) : NULL;
}
