/* clt-sqlite-store-session.c — the change log and what other processes
 * changed, and the store's own upkeep: finishing deletions whose undo time
 * is over and merging the search index after an erasure. Who acts and
 * request ids are CltSqlStore's (clt-sql-store-session.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include "clt-enum-types.h"
#include "clt-sqlite-store-private.h"

/* How often another process's changes are looked for, due deletions
 * finished and the search index merged a step further. */
#define UPKEEP_INTERVAL_MS 1000
/* Pages of index work per merge step, and the time one upkeep transaction
 * may spend on steps: other writes never wait long behind an erasure, and
 * the next transaction follows at once while work remains. */
#define MERGE_STEP_PAGES   64
#define MERGE_BUDGET_USEC  (40 * 1000)
#define CHANGE_LOG_LIFETIME_USEC (G_GINT64_CONSTANT (30) * 24 * 3600 * G_USEC_PER_SEC)

/* The change log {{{ */

/* The log is for catching up (other windows, a server's change feed), not
 * an archive: what is older than a month goes when a writer opens. */
gboolean
prune_change_log (CltSqliteStore  *self,
                  sqlite3         *db,
                  GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, db, "DELETE FROM change_log WHERE at < ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now_usec () - CHANGE_LOG_LIFETIME_USEC);
  return step_expect_done (self, db, stmt, error);
}

gint64
read_last_change (CltSqliteStore *self,
                  sqlite3        *db)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, db, "SELECT ifnull (max (seq), 0) FROM change_log",
                                          NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

typedef struct
{
  gint64 since;
  guint  limit;
} ListChangesData;

/* One read transaction: the newest sequence number and the entries after
 * @since come from the same snapshot, so nothing falls between them. */
static gboolean
list_changes_read (CltSqliteStore *self,
                   Reader         *reader,
                   gpointer        user_data,
                   GCancellable   *cancellable,
                   GTask          *task,
                   GError        **error)
{
  ListChangesData *data = user_data;
  g_autoptr(CltChanges) changes = clt_changes_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) newest = NULL;
  gboolean ok = FALSE;
  int rc;

  if (!exec_sql (self, reader->db, "BEGIN", error))
    return FALSE;

  /* The log is pruned, but AUTOINCREMENT remembers the last number. */
  newest = prepare (self, reader->db,
                    "SELECT max (ifnull ((SELECT max (seq) FROM change_log), 0),"
                    "            ifnull ((SELECT seq FROM sqlite_sequence"
                    "                     WHERE name = 'change_log'), 0))",
                    error);
  if (newest == NULL)
    goto out;
  rc = sqlite3_step (newest);
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, reader->db, rc);
      goto out;
    }
  changes->last = sqlite3_column_int64 (newest, 0);

  stmt = prepare (self, reader->db,
                  "SELECT seq, kind, object_id FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?",
                  error);
  if (stmt == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, 1, data->since);
  sqlite3_bind_int64 (stmt, 2, data->limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CltChange change;

      change.seq = sqlite3_column_int64 (stmt, 0);
      change.kind = sqlite3_column_int (stmt, 1);
      change.id = g_strdup (column_text (stmt, 2));
      g_array_append_val (changes->changes, change);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, reader->db, rc);
      goto out;
    }

  /* Cut short: the caller goes on after the last one it got. */
  if (changes->changes->len == data->limit)
    changes->last = g_array_index (changes->changes, CltChange, data->limit - 1).seq;

  ok = TRUE;

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&newest, sqlite3_finalize);
  sqlite3_exec (reader->db, "COMMIT", NULL, NULL, NULL);
  if (ok)
    g_task_return_pointer (task, g_steal_pointer (&changes), (GDestroyNotify) clt_changes_free);
  return ok;
}

static void
clt_sqlite_store_list_changes (CltStore            *store,
                               gint64               since,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  ListChangesData *data = g_new0 (ListChangesData, 1);

  data->since = since;
  data->limit = limit;
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_changes, list_changes_read,
            data, g_free, cancellable, callback, user_data);
}

/* }}} */

/* Creates by request id {{{ */

/* }}} */

/* Upkeep {{{ */

typedef struct
{
  gint64    since;
  GArray   *changes;
  gboolean  pending_due;
} PollData;

static void
poll_data_free (PollData *data)
{
  g_clear_pointer (&data->changes, g_array_unref);
  g_free (data);
}

static gboolean
poll_read (CltSqliteStore *self,
           Reader         *reader,
           gpointer        user_data,
           GCancellable   *cancellable,
           GTask          *task,
           GError        **error)
{
  PollData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) due = NULL;
  int rc;

  stmt = prepare (self, reader->db,
                  "SELECT seq, kind, object_id FROM change_log WHERE seq > ? ORDER BY seq LIMIT 1000",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, data->since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Change change;

      change.seq = sqlite3_column_int64 (stmt, 0);
      change.kind = sqlite3_column_int (stmt, 1);
      change.id = g_strdup (column_text (stmt, 2));
      g_array_append_val (data->changes, change);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, reader->db, rc);
      return FALSE;
    }

  due = prepare (self, reader->db,
                 "SELECT EXISTS (SELECT 1 FROM pending_deletions WHERE due_at <= ?)", error);
  if (due == NULL)
    return FALSE;
  sqlite3_bind_int64 (due, 1, now_usec ());
  if (sqlite3_step (due) == SQLITE_ROW)
    data->pending_due = sqlite3_column_int (due, 0) != 0;

  g_task_return_boolean (task, TRUE);
  return TRUE;
}

static void upkeep_write_start (CltSqliteStore *self);

static void
on_poll_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CltSqliteStore *self = CLT_SQLITE_STORE (object);
  CltSqlOp *op = g_task_get_task_data (G_TASK (result));
  PollData *data = op->data;
  g_autoptr(GError) error = NULL;

  self->polling = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Looking for changes failed: %s", error->message);
      return;
    }

  for (guint i = 0; i < data->changes->len; i++)
    {
      const Change *change = &g_array_index (data->changes, Change, i);
      gboolean own;

      own = sql_take_own_change (CLT_SQL_STORE (self), change->seq);

      self->last_change = MAX (self->last_change, change->seq);
      if (!own)
        clt_store_emit_changed (CLT_STORE (self), change->kind, change->id);
    }

  if (data->pending_due || g_atomic_int_get (&self->merge_steps) > 0)
    upkeep_write_start (self);
}

static gboolean
finish_due_deletions (CltSqliteStore  *self,
                      sqlite3         *db,
                      GTask           *task,
                      GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) due = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = prepare (self, db, "SELECT customer_pk FROM pending_deletions WHERE due_at <= ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now_usec ());
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pk = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (due, pk);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  for (guint i = 0; i < due->len; i++)
    if (!anonymize_customer (self, db, task, g_array_index (due, gint64, i), error))
      return FALSE;

  return TRUE;
}

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

static gboolean
upkeep_write (CltSqliteStore *self,
              sqlite3        *db,
              gpointer        user_data,
              GCancellable   *cancellable,
              GTask          *task,
              GError        **error)
{
  int secure_delete = begin_secure_delete (db);
  gboolean done = TRUE;
  gboolean ok;

  ok = finish_due_deletions (self, db, task, error);
  /* Users' writes first: the steps stop when one is waiting. */
  if (ok && g_atomic_int_get (&self->merge_steps) > 0)
    {
      gint64 deadline = g_get_monotonic_time () + MERGE_BUDGET_USEC;

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
          /* Merged: the erased words are gone from the index; fold the
           * WAL into the file, so that their old pages leave the disk
           * too. Unless another erasure came meanwhile: another round. */
          if (g_atomic_int_compare_and_exchange (&self->merge_steps, 1, 0))
            request_wal_fold (self);
        }
    }
  restore_secure_delete (db, secure_delete);

  return ok;
}

static void
on_upkeep_written_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CltSqliteStore *self = CLT_SQLITE_STORE (object);
  g_autoptr(GError) error = NULL;

  self->upkeep_running = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("Finishing deletions failed: %s", error->message);
      return;
    }

  /* More of the index to merge: go on at once rather than at the next
   * tick, so that erased words leave within seconds. */
  if (g_atomic_int_get (&self->merge_steps) > 0)
    upkeep_write_start (self);
}

static void
upkeep_write_start (CltSqliteStore *self)
{
  if (self->upkeep_running || self->read_only || self->write_db == NULL)
    return;

  self->upkeep_running = TRUE;
  run_write (self, upkeep_write_start, upkeep_write, NULL, NULL, CLT_PERMISSION_READ, NULL,
                on_upkeep_written_cb, NULL);
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
}

static void
on_checkpointed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CLT_SQLITE_STORE (object)->checkpointing = FALSE;
}

static void
checkpoint_start (CltSqliteStore *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->checkpointing || self->checkpoint_db == NULL)
    return;

  self->checkpointing = TRUE;
  task = g_task_new (self, NULL, on_checkpointed_cb, NULL);
  g_task_set_source_tag (task, checkpoint_start);
  g_task_run_in_thread (task, checkpoint_thread);
}

/* Asks for the WAL to be folded into the file and emptied, off the write
 * lock, at the next tick of the upkeep. */
void
request_wal_fold (CltSqliteStore *self)
{
  g_atomic_int_set (&self->fold_wal, 1);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static gboolean
upkeep_cb (gpointer user_data)
{
  g_autoptr(CltSqliteStore) self = g_weak_ref_get (user_data);
  PollData *data;

  if (self == NULL)
    return G_SOURCE_CONTINUE;

  checkpoint_start (self);
  if (self->polling)
    return G_SOURCE_CONTINUE;

  self->polling = TRUE;
  data = g_new0 (PollData, 1);
  data->since = self->last_change;
  data->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_array_set_clear_func (data->changes, (GDestroyNotify) sql_change_clear);
  run_read (self, upkeep_cb, poll_read, data, (GDestroyNotify) poll_data_free, NULL,
            on_poll_cb, NULL);

  return G_SOURCE_CONTINUE;
}

/* Called once open, from whichever thread opened the store: the upkeep
 * runs on the default main context, where "changed" is emitted. */
void
start_upkeep (CltSqliteStore *self)
{
  g_autoptr(GSource) source = g_timeout_source_new (UPKEEP_INTERVAL_MS);
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  /* The source must not keep the store alive (finalize destroys it), and
   * the store may be finalized on another thread: a weak reference. */
  g_weak_ref_init (ref, self);
  g_source_set_static_name (source, "[clt] CltSqliteStore upkeep");
  g_source_set_callback (source, upkeep_cb, ref, (GDestroyNotify) weak_ref_free);
  self->upkeep_source = g_source_ref (source);
  g_source_attach (source, g_main_context_default ());
}

void
stop_upkeep (CltSqliteStore *self)
{
  if (self->upkeep_source != NULL)
    {
      g_source_destroy (self->upkeep_source);
      g_clear_pointer (&self->upkeep_source, g_source_unref);
    }
}

/* Asks for the search index to be merged, step by step, after an erasure
 * (2: a round that has not gathered this erasure yet). */
void
request_index_merge (CltSqliteStore *self)
{
  g_atomic_int_set (&self->merge_steps, 2);
}

/* }}} */

void
clt_sqlite_store_session_iface_init (CltStoreInterface *iface)
{
  iface->list_changes = clt_sqlite_store_list_changes;
}
