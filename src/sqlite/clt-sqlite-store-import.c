/* clt-sqlite-store-import.c — what SQLite does around an import
 * (CltSqlStore's clt-sql-store-import.c writes the rows): a bulk load
 * builds the indexes once instead of row by row, and every import fills
 * the search index in one statement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include "clt-sqlite-store-private.h"

/* Import {{{ */

static gboolean
step_done (CltSqliteStore *self,
           sqlite3        *db,
           sqlite3_stmt   *stmt,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

/* Bulk loads into a table that is empty or small for their size: the
 * secondary indexes and the search index are cheaper to build once, from
 * sorted data, than to update a million times in random order. Everything
 * happens inside the load's transaction, so readers never see the table
 * without them and a failure restores them. Unique indexes stay while the
 * table has rows, so that clashes with them are still caught per row.
 * An import brings at most CLT_STORE_MAX_IMPORT rows: the first batches of
 * a load into a new file take this path. */
#define BULK_THRESHOLD 5000

typedef struct
{
  GPtrArray *create_sql;
  gint64     first_pk;
  gint64     started;
  gboolean   active;
  /* The trigger counting customer_prefixes, made again after the
   * prefixes are written and counted (not per row). */
  char      *counts_trigger_sql;
} Bulk;

/* CPU time of this thread, for the bulk load's debug timings. */
static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Before an import's rows (@n_new of them) are written: *@state is a
 * Bulk, which import_end () frees whatever happened. */
gboolean
import_begin (CltSqliteStore  *self,
              sqlite3         *db,
              guint            n_new,
              gpointer        *state,
              GError         **error)
{
  Bulk *bulk = g_new0 (Bulk, 1);
  g_autoptr(GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  gint64 existing = query_int (db, "SELECT count(*) FROM customers");
  const GPtrArray *objects;

  *state = bulk;
  bulk->create_sql = g_ptr_array_new_with_free_func (g_free);
  bulk->first_pk = query_int (db, "SELECT ifnull(max(pk), 0) + 1 FROM customers");
  bulk->active = n_new >= BULK_THRESHOLD && n_new >= existing;
  bulk->started = thread_cpu_usec ();

  exec_sql (self, db, "PRAGMA cache_size = -262144", NULL);

  if (!bulk->active)
    return TRUE;

  /* Rebuilding the indexes sorts every row: in files, not in memory. */
  exec_sql (self, db, "PRAGMA temp_store = FILE", NULL);

  /* The indexes and the two insert triggers are dropped and made again
   * from Clientele's own schema, never from names or SQL read from the file
   * (the file was verified on open, but a bulk load must not depend on
   * that). */
  objects = clt_sqlite_schema_expected (CLT_SQLITE_SCHEMA_VERSION);
  for (guint i = 0; i < objects->len; i++)
    {
      const CltSqliteSchemaObject *object = g_ptr_array_index (objects, i);
      gboolean is_index = g_str_equal (object->type, "index") && object->sql != NULL &&
                          (g_str_equal (object->table, "customers") ||
                           g_str_equal (object->table, "orders"));
      gboolean is_trigger = g_str_equal (object->type, "trigger") &&
                            (g_str_equal (object->name, "customer_prefixes_insert") ||
                             g_str_equal (object->name, "customer_prefix_counts_insert"));
      char *drop;

      if (!is_index && !is_trigger)
        continue;
      if (existing > 0 && g_str_has_prefix (object->sql, "CREATE UNIQUE"))
        continue;

      if (g_str_equal (object->name, "customer_prefix_counts_insert"))
        bulk->counts_trigger_sql = g_strdup (object->sql);
      else
        g_ptr_array_add (bulk->create_sql, g_strdup (object->sql));
      drop = sqlite3_mprintf ("DROP %s main.\"%w\"", is_index ? "INDEX" : "TRIGGER",
                              object->name);
      g_ptr_array_add (drops, g_strdup (drop));
      sqlite3_free (drop);
    }
  for (guint i = 0; i < drops->len; i++)
    if (!exec_sql (self, db, g_ptr_array_index (drops, i), error))
      return FALSE;

  return TRUE;
}

/* After the rows, @ok when they are all written: the indexes made again
 * and the search index filled; @state freed. */
gboolean
import_end (CltSqliteStore  *self,
            sqlite3         *db,
            gpointer         state,
            gboolean         ok,
            GError         **error)
{
  g_autofree Bulk *bulk = state;
  g_autoptr(GPtrArray) create_sql = g_steal_pointer (&bulk->create_sql);
  g_autofree char *counts_trigger_sql = g_steal_pointer (&bulk->counts_trigger_sql);

  if (ok && bulk->active)
    {
      gint64 rows_done = thread_cpu_usec ();
      gint64 indexes_done;
      gint64 prefixes_done = 0;

      for (guint i = 0; ok && i < create_sql->len; i++)
        {
          int rc = sqlite3_exec (db, g_ptr_array_index (create_sql, i), NULL, NULL, NULL);

          if ((rc & 0xff) == SQLITE_CONSTRAINT)
            {
              g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT,
                           _("Some of the customers share an id, number or email."));
              ok = FALSE;
            }
          else if (rc != SQLITE_OK)
            {
              set_db_error (self, error, db, rc);
              ok = FALSE;
            }
        }

      indexes_done = thread_cpu_usec ();
      if (ok)
        {
          g_autoptr(sqlite3_stmt) prefixes = NULL;

          /* Sorted, so that the WITHOUT ROWID table grows at its end. */
          prefixes = prepare (self, db,
                              "INSERT OR IGNORE INTO customer_prefixes (prefix, customer_pk)"
                              " SELECT p, pk FROM ("
                              "  SELECT substr (last_name_key, 1, 1) AS p, pk FROM customers"
                              "   WHERE pk >= ?1 AND listed"
                              "  UNION ALL SELECT substr (last_name_key, 1, 2), pk FROM customers"
                              "   WHERE pk >= ?1 AND listed"
                              "  UNION ALL SELECT substr (first_name_key, 1, 1), pk FROM customers"
                              "   WHERE pk >= ?1 AND listed"
                              "  UNION ALL SELECT substr (first_name_key, 1, 2), pk FROM customers"
                              "   WHERE pk >= ?1 AND listed"
                              "  UNION ALL SELECT substr (email_key, 1, 1), pk FROM customers"
                              "   WHERE pk >= ?1 AND listed"
                              "  UNION ALL SELECT substr (email_key, 1, 2), pk FROM customers"
                              "   WHERE pk >= ?1 AND listed"
                              " ) WHERE p <> '' ORDER BY p, pk",
                              error);
          ok = prefixes != NULL;
          if (ok)
            {
              sqlite3_bind_int64 (prefixes, 1, bulk->first_pk);
              ok = step_done (self, db, prefixes, error);
            }
          /* Counted once from the table rather than by a trigger per
           * row, whose insert trigger comes back after. */
          if (ok)
            ok = exec_sql (self, db,
                           "DELETE FROM customer_prefix_counts;"
                           "INSERT INTO customer_prefix_counts (prefix, n)"
                           "  SELECT prefix, count(*) FROM customer_prefixes GROUP BY prefix;",
                           error);
          if (ok && counts_trigger_sql != NULL)
            ok = exec_sql (self, db, counts_trigger_sql, error);
          prefixes_done = thread_cpu_usec ();
        }
      g_debug ("Bulk load, CPU time of the writer: rows %.0f ms, indexes %.0f ms, "
               "prefixes %.0f ms",
               (rows_done - bulk->started) / 1000.0, (indexes_done - rows_done) / 1000.0,
               (prefixes_done - indexes_done) / 1000.0);
    }

  /* The search index, in one statement for every new row (no trigger
   * keeps it: see search_index_add ()). */
  if (ok)
    {
      g_autoptr(sqlite3_stmt) fts = prepare (self, db,
                                             "INSERT INTO customers_fts (rowid, search_text)"
                                             " SELECT pk, search_text FROM customers WHERE pk >= ? AND listed",
                                             error);

      ok = fts != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (fts, 1, bulk->first_pk);
          ok = step_done (self, db, fts, error);
        }
    }

  exec_sql (self, db, "PRAGMA cache_size = -2000", NULL);
  exec_sql (self, db, "PRAGMA temp_store = MEMORY", NULL);
  return ok;
}

/* }}} */
