/* clt-sql-store-purge.c — the values of deleted custom fields, purged by
 * the upkeep in small batches.
 *
 * Deleting a custom field only marks it (custom_fields.purging = 1, a
 * short write): from then on no read lists it, shows or matches its
 * values, and no save writes them. Deleting its values in the same
 * transaction held the write lock for ~40 s at a million customers (each
 * deleted value goes through the count triggers, and on PostgreSQL
 * through the page texts at commit), and every other edit waited or
 * failed meanwhile. The upkeep deletes them here instead, a batch per
 * write transaction, so that other writers get in between; the field's
 * row goes with the last batch, and only then can its key be taken
 * again (the key is what the values are stored under). The mark is in
 * the database: a store that opens later (after a crash) goes on where
 * the last one stopped. Every write, of every instance, holds the store's
 * write lock (SQLite's, PostgreSQL's advisory lock), so one batch runs at
 * a time whichever server runs it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-sql-store-private.h"

/* Values deleted per transaction. At a million customers a batch of 1,000
 * held SQLite's write lock for ~25 ms (see the commit that added this). */
#define DEFAULT_BATCH 1000

static guint purge_batch = DEFAULT_BATCH;

/* For tests and benchmarks: how many values one batch deletes (0: the
 * default). */
void
sql_set_field_purge_batch (guint n_values)
{
  purge_batch = n_values > 0 ? n_values : DEFAULT_BATCH;
}

/* Marks the custom field @key (live, checked by the caller) for the
 * purge: the field leaves every read at this commit. Customers whose
 * values go are said to have changed. */
gboolean
sql_mark_field_purging (CltSqlStore  *self,
                        CltSqlDb     *db,
                        GTask        *task,
                        const char   *key,
                        GError      **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  gboolean used = FALSE;

  if (!exists_text (self, db, "SELECT 1 FROM customer_field_values WHERE field_key = ?", key,
                    &used, error))
    return FALSE;

  stmt = prepare (self, db, "UPDATE custom_fields SET purging = 1 WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  return !used || record_change (self, db, task, CLT_CHANGE_CUSTOMERS, NULL, error);
}

/* Whether @key names a field whose values are still being purged. */
gboolean
sql_field_purging (CltSqlStore  *self,
                   CltSqlDb     *db,
                   const char   *key,
                   gboolean     *purging,
                   GError      **error)
{
  return exists_text (self, db, "SELECT 1 FROM custom_fields WHERE key = ? AND purging = 1", key,
                      purging, error);
}

/* One batch of the purge, inside the upkeep's write transaction: up to
 * purge_batch values of one field being purged, and the field's row once
 * it has none left. *@more: whether anything was done (the upkeep then
 * runs again at once, to find the next batch or nothing). */
gboolean
sql_purge_fields_step (CltSqlStore  *self,
                       CltSqlDb     *db,
                       GTask        *task,
                       gboolean     *more,
                       GError      **error)
{
  g_autoptr(CltSqlStmt) pick = NULL;
  g_autoptr(CltSqlStmt) batch = NULL;
  g_autoptr(CltSqlStmt) drop = NULL;
  g_autofree char *key = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 n_deleted;
  int rc;

  *more = FALSE;
  pick = prepare (self, db, "SELECT key FROM custom_fields WHERE purging = 1 ORDER BY key LIMIT 1",
                  error);
  if (pick == NULL)
    return FALSE;
  rc = clt_sql_step (pick);
  if (rc == CLT_SQL_DONE)
    return TRUE;
  if (rc != CLT_SQL_ROW)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }
  key = g_strdup (column_text (pick, 0));
  g_clear_pointer (&pick, clt_sql_finalize);

  /* By the field's index, then each row by its primary key. */
  batch = prepare (self, db,
                   "DELETE FROM customer_field_values WHERE field_key = ?1 AND customer_pk IN"
                   " (SELECT customer_pk FROM customer_field_values WHERE field_key = ?1 LIMIT ?2)",
                   error);
  if (batch == NULL)
    return FALSE;
  bind_text (batch, 1, key);
  clt_sql_bind_int64 (batch, 2, purge_batch);
  if (!step_expect_done (self, db, batch, error))
    return FALSE;
  n_deleted = sql_changes (self, db);
  g_debug ("Purged %" G_GINT64_FORMAT " values of the deleted field “%s” in %.1f ms",
           n_deleted, key, (g_get_monotonic_time () - start) / 1000.0);

  *more = TRUE;
  if (n_deleted >= purge_batch)
    return TRUE;

  /* The last batch: no value is left (saves skip a field being purged). */
  drop = prepare (self, db, "DELETE FROM custom_fields WHERE key = ? AND purging = 1", error);
  if (drop == NULL)
    return FALSE;
  bind_text (drop, 1, key);
  return step_expect_done (self, db, drop, error) &&
         record_change (self, db, task, CLT_CHANGE_CUSTOM_FIELD, key, error);
}
