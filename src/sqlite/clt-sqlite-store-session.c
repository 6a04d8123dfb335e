/* clt-sqlite-store-session.c — SQLite's own upkeep, next to CltSqlStore's
 * (clt-sql-store-changes.c): merging the search index after an erasure,
 * and checkpoints of the WAL off the write lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include "clt-sqlite-store-private.h"

/* Pages of index work per merge step, and the time one upkeep transaction
 * may spend on steps: other writes never wait long behind an erasure, and
 * the next transaction follows at once while work remains. */
#define MERGE_STEP_PAGES   64
#define MERGE_BUDGET_USEC  (40 * 1000)

/* Upkeep {{{ */

/* One bounded step of the search index merge that erasure started: FTS5
 * keeps a deleted entry's words until the segments holding them are
 * merged ('optimize' would merge everything at once, seconds at a million
 * customers under the write lock). A round begins with ('merge', -N),
 * which gathers every segment there is into one merge, and goes on with
 * ('merge', N), which continues that merge: ('merge', -N) every time would
 * start over whenever a user's write added a segment, and under a steady
 * stream of edits never finish. */
static gboolean
merge_step (CltSqliteStore  *self,
            sqlite3         *db,
            gboolean         first,
            gboolean        *done,
            GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO customers_fts (customers_fts, rank)"
                                          " VALUES ('merge', %d)",
                                          first ? -MERGE_STEP_PAGES : MERGE_STEP_PAGES);
  int before = sqlite3_total_changes (db);

  if (!exec_sql (self, db, sql, error))
    return FALSE;

  /* A merge that wrote nothing has nothing left to do. */
  *done = sqlite3_total_changes (db) - before <= 1;
  return TRUE;
}

/* In the upkeep's write transaction, after due deletions (with
 * secure_delete on): index merge steps, while there are any. */
gboolean
upkeep_write (CltSqliteStore  *self,
              sqlite3         *db,
              GError         **error)
{
  gint64 deadline = g_get_monotonic_time () + MERGE_BUDGET_USEC;
  gboolean done = TRUE;
  gboolean ok = TRUE;

  if (g_atomic_int_get (&self->merge_steps) == 0)
    return TRUE;

  /* Users' writes first: the steps stop when one is waiting. */
  do
    {
      gboolean first = !self->merge_round_active;

      /* Erasures from now on are in segments this round does not
       * gather: they ask for another round (merge_steps back to 2). */
      if (first)
        {
          self->merge_round_active = TRUE;
          g_atomic_int_set (&self->merge_steps, 1);
        }
      ok = merge_step (self, db, first, &done, error);
    }
  while (ok && !done && g_get_monotonic_time () < deadline &&
         g_atomic_int_get (&self->writers_waiting) == 0);

  if (ok && done)
    {
      self->merge_round_active = FALSE;
      /* Merged: the erased words are gone from the index; fold the WAL
       * into the file, so that their old pages leave the disk too. Unless
       * another erasure came meanwhile: another round. */
      if (g_atomic_int_compare_and_exchange (&self->merge_steps, 1, 0))
        request_wal_fold (self);
    }

  return ok;
}

/* More of the index to merge: the upkeep goes on at once rather than at
 * the next tick, so that erased words leave within seconds. */
gboolean
upkeep_pending (CltSqliteStore *self)
{
  return g_atomic_int_get (&self->merge_steps) > 0;
}

/* Copies the WAL into the database file without the write lock (writers
 * go on meanwhile), and when asked to fold it, empties the WAL file once
 * all of it is in the file, so that overwritten pages (erased data) leave
 * the disk. */
static void
checkpoint_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CltSqliteStore *self = source_object;
  gboolean fold = g_atomic_int_compare_and_exchange (&self->fold_wal, 1, 0);
  int n_log = 0;
  int n_done = 0;
  int rc;

  rc = sqlite3_wal_checkpoint_v2 (self->checkpoint_db, NULL, SQLITE_CHECKPOINT_PASSIVE,
                                  &n_log, &n_done);
  if (fold && rc == SQLITE_OK && n_log == n_done)
    rc = sqlite3_wal_checkpoint_v2 (self->checkpoint_db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
                                    &n_log, &n_done);
  /* Not all of it yet (a reader on an old snapshot): at the next tick. */
  if (fold && (rc != SQLITE_OK || n_log != n_done))
    g_atomic_int_set (&self->fold_wal, 1);

  g_task_return_boolean (task, TRUE);
  sql_task_end (CLT_SQL_STORE (self));
}

static void
on_checkpointed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CLT_SQLITE_STORE (object)->checkpointing = FALSE;
}

/* Every tick of the upkeep: a checkpoint, unless one is under way. */
void
upkeep_tick (CltSqliteStore *self)
{
  g_autoptr(GTask) task = NULL;

  /* Counted as a task: closing the store waits for it. */
  if (self->checkpointing || self->checkpoint_db == NULL || !sql_task_begin (CLT_SQL_STORE (self)))
    return;

  self->checkpointing = TRUE;
  task = g_task_new (self, NULL, on_checkpointed_cb, NULL);
  g_task_set_source_tag (task, upkeep_tick);
  g_task_run_in_thread (task, checkpoint_thread);
}

/* Asks for the WAL to be folded into the file and emptied, off the write
 * lock, at the next tick of the upkeep. */
void
request_wal_fold (CltSqliteStore *self)
{
  g_atomic_int_set (&self->fold_wal, 1);
}

/* Asks for the search index to be merged, step by step, after an erasure
 * (2: a round that has not gathered this erasure yet). */
void
request_index_merge (CltSqliteStore *self)
{
  g_atomic_int_set (&self->merge_steps, 2);
}

/* }}} */
