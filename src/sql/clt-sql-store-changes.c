/* clt-sql-store-changes.c — the change log as clients read it (list
 * changes since N), what other processes or instances changed (a poll of
 * the log, every second or when the subclass hears of a change sooner),
 * and the store's own upkeep: finishing deletions whose undo time is over,
 * then whatever the engine adds (SQLite merges its search index).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-sql-store-private.h"

/* How often another process's changes are looked for and due deletions
 * finished. */
#define UPKEEP_INTERVAL_MS 1000
/* The pause between two batches of a field's purge: another process's
 * writer waiting for SQLite's write lock tries again every 100 ms at the
 * most (sqlite3_busy_timeout ()), and batches that followed each other
 * at once kept one waiting for seconds (a million values: 2.6 s). */
#define PURGE_PAUSE_MS 100
#define CHANGE_LOG_LIFETIME_USEC (G_GINT64_CONSTANT (30) * 24 * 3600 * G_USEC_PER_SEC)

/* The change log {{{ */

/* The log is for catching up (other windows, a server's change feed), not
 * an archive: what is older than a month goes when a writer opens (the
 * dialect's prune_change_log says what stays). */
static gboolean
prune_change_log (CltSqlStore  *self,
                  CltSqlDb     *db,
                  GError      **error)
{
  g_autoptr(CltSqlStmt) stmt = prepare (self, db, SQL_CLASS (self)->dialect->prune_change_log,
                                        error);

  if (stmt == NULL)
    return FALSE;
  clt_sql_bind_int64 (stmt, 1, now_usec () - CHANGE_LOG_LIFETIME_USEC);
  return step_expect_done (self, db, stmt, error);
}

/* What a writer clears as it opens the database, in the transaction that
 * brought its schema up to date: secrets in mails that waited longer than
 * their links live, change log entries older than anyone catches up on. */
gboolean
sql_clear_expired (CltSqlStore  *self,
                   CltSqlDb     *db,
                   GError      **error)
{
  return sql_scrub_old_secrets (self, db, error) && prune_change_log (self, db, error);
}

gint64
sql_read_last_change (CltSqlStore *self,
                      CltSqlDb    *db)
{
  g_autoptr(CltSqlStmt) stmt = prepare (self, db, "SELECT coalesce (max (seq), 0) FROM change_log",
                                        NULL);

  if (stmt == NULL || clt_sql_step (stmt) != CLT_SQL_ROW)
    return 0;
  return clt_sql_column_int64 (stmt, 0);
}

/* Steps @stmt (seq, kind, object_id) to its end, appending to @changes. */
static gboolean
collect_changes (CltSqlStore  *self,
                 CltSqlDb     *db,
                 CltSqlStmt   *stmt,
                 GArray       *changes,
                 GError      **error)
{
  int rc;

  while ((rc = clt_sql_step (stmt)) == CLT_SQL_ROW)
    {
      CltChange change;

      change.seq = clt_sql_column_int64 (stmt, 0);
      change.kind = clt_sql_column_int (stmt, 1);
      change.id = g_strdup (column_text (stmt, 2));
      g_array_append_val (changes, change);
    }
  if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  gint64 since;
  guint  limit;
} ListChangesData;

/* One read transaction: the newest sequence number and the entries after
 * @since come from the same snapshot, so nothing falls between them. */
static gboolean
list_changes_read (CltSqlStore   *self,
                   CltSqlReader  *reader,
                   gpointer       user_data,
                   GCancellable  *cancellable,
                   GTask         *task,
                   GError       **error)
{
  const CltSqlDialect *dialect = SQL_CLASS (self)->dialect;
  ListChangesData *data = user_data;
  g_autoptr(CltChanges) changes = clt_changes_new ();
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autoptr(CltSqlStmt) newest = NULL;
  gboolean ok = FALSE;
  int rc;

  if (dialect->begin_read_snapshot != NULL &&
      !sql_exec (self, reader->db, dialect->begin_read_snapshot, error))
    return FALSE;

  newest = prepare (self, reader->db, dialect->newest_change, error);
  if (newest == NULL)
    goto out;
  rc = clt_sql_step (newest);
  if (rc != CLT_SQL_ROW)
    {
      set_db_error (self, error, reader->db, rc);
      goto out;
    }
  changes->last = clt_sql_column_int64 (newest, 0);

  stmt = prepare (self, reader->db,
                  "SELECT seq, kind, object_id FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?",
                  error);
  if (stmt == NULL)
    goto out;

  clt_sql_bind_int64 (stmt, 1, data->since);
  clt_sql_bind_int64 (stmt, 2, data->limit);
  if (!collect_changes (self, reader->db, stmt, changes->changes, error))
    goto out;

  /* Cut short: the caller goes on after the last one it got. */
  if (changes->changes->len == data->limit)
    changes->last = g_array_index (changes->changes, CltChange, data->limit - 1).seq;

  ok = TRUE;

out:
  g_clear_pointer (&stmt, clt_sql_finalize);
  g_clear_pointer (&newest, clt_sql_finalize);
  if (dialect->begin_read_snapshot != NULL)
    SQL_CLASS (self)->engine->exec (reader->db, "COMMIT");
  if (ok)
    g_task_return_pointer (task, g_steal_pointer (&changes), (GDestroyNotify) clt_changes_free);
  return ok;
}

static void
clt_sql_store_list_changes (CltStore            *store,
                            gint64               since,
                            guint                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ListChangesData *data = g_new0 (ListChangesData, 1);

  data->since = since;
  data->limit = limit;
  run_read (CLT_SQL_STORE (store), clt_sql_store_list_changes, list_changes_read,
            data, g_free, cancellable, callback, user_data);
}

/* }}} */

/* Upkeep {{{ */

typedef struct
{
  gint64    since;
  GArray   *changes;
  gboolean  pending_due;
  gboolean  purge_due;
} PollData;

static void
poll_data_free (PollData *data)
{
  g_clear_pointer (&data->changes, g_array_unref);
  g_free (data);
}

static gboolean
poll_read (CltSqlStore   *self,
           CltSqlReader  *reader,
           gpointer       user_data,
           GCancellable  *cancellable,
           GTask         *task,
           GError       **error)
{
  CltSqlStorePrivate *priv = sql_store_get_private (self);
  GFunc hook = g_atomic_pointer_get (&priv->poll_hook);
  PollData *data = user_data;
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autoptr(CltSqlStmt) due = NULL;

  if (hook != NULL)
    hook (self, priv->poll_hook_data);

  stmt = prepare (self, reader->db,
                  "SELECT seq, kind, object_id FROM change_log WHERE seq > ? ORDER BY seq LIMIT 1000",
                  error);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int64 (stmt, 1, data->since);
  if (!collect_changes (self, reader->db, stmt, data->changes, error))
    return FALSE;

  /* Deletions whose undo time is over, and a deleted custom field whose
   * values are still there: one statement. */
  due = prepare (self, reader->db,
                 "SELECT EXISTS (SELECT 1 FROM pending_deletions WHERE due_at <= ?),"
                 " EXISTS (SELECT 1 FROM custom_fields WHERE purging = 1)",
                 error);
  if (due == NULL)
    return FALSE;
  clt_sql_bind_int64 (due, 1, now_usec ());
  if (clt_sql_step (due) == CLT_SQL_ROW)
    {
      data->pending_due = clt_sql_column_int (due, 0) != 0;
      data->purge_due = clt_sql_column_int (due, 1) != 0;
    }

  g_task_return_boolean (task, TRUE);
  return TRUE;
}

/* Whether the engine has upkeep of its own waiting (SQLite: an index
 * merge): then the upkeep write runs without waiting for the next tick. */
static gboolean
engine_upkeep_pending (CltSqlStore *self)
{
  return SQL_CLASS (self)->upkeep_pending != NULL && SQL_CLASS (self)->upkeep_pending (self);
}

static void upkeep_write_start (CltSqlStore *self);
static void weak_ref_free (GWeakRef *ref);

static void
on_poll_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CltSqlStore *self = CLT_SQL_STORE (object);
  CltSqlStorePrivate *priv = sql_store_get_private (self);
  CltSqlOp *op = g_task_get_task_data (G_TASK (result));
  PollData *data = op->data;
  g_autoptr(GError) error = NULL;

  priv->polling = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Looking for changes failed: %s", error->message);
      return;
    }

  for (guint i = 0; i < data->changes->len; i++)
    {
      const CltChange *change = &g_array_index (data->changes, CltChange, i);
      gboolean own = sql_take_own_change (self, change->seq);

      priv->last_change = MAX (priv->last_change, change->seq);
      if (!own)
        clt_store_emit_changed (CLT_STORE (self), change->kind, change->id);
    }

  /* A purge under way goes on after its pause, not at the tick. */
  if (data->pending_due || engine_upkeep_pending (self) ||
      (data->purge_due && priv->purge_source == NULL))
    upkeep_write_start (self);
}

static gboolean
finish_due_deletions (CltSqlStore  *self,
                      CltSqlDb     *db,
                      GTask        *task,
                      GError      **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autoptr(GArray) due = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = prepare (self, db, "SELECT customer_pk FROM pending_deletions WHERE due_at <= ?", error);
  if (stmt == NULL)
    return FALSE;
  clt_sql_bind_int64 (stmt, 1, now_usec ());
  while ((rc = clt_sql_step (stmt)) == CLT_SQL_ROW)
    {
      gint64 pk = clt_sql_column_int64 (stmt, 0);

      g_array_append_val (due, pk);
    }
  if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  for (guint i = 0; i < due->len; i++)
    if (!sql_anonymize_customer (self, db, task, g_array_index (due, gint64, i), error))
      return FALSE;

  return TRUE;
}

static gboolean
upkeep_write (CltSqlStore   *self,
              CltSqlDb      *db,
              gpointer       user_data,
              GCancellable  *cancellable,
              GTask         *task,
              GError       **error)
{
  int secure_delete = begin_secure_delete (self, db);
  gboolean purge_more = FALSE;
  gboolean ok;

  ok = finish_due_deletions (self, db, task, error) &&
       sql_purge_fields_step (self, db, task, &purge_more, error);
  if (ok && SQL_CLASS (self)->upkeep_write != NULL)
    ok = SQL_CLASS (self)->upkeep_write (self, db, error);
  restore_secure_delete (self, db, secure_delete);

  if (ok)
    write_return_boolean (task, purge_more);
  return ok;
}

static gboolean
purge_pause_cb (gpointer user_data)
{
  g_autoptr(CltSqlStore) self = g_weak_ref_get (user_data);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_clear_pointer (&sql_store_get_private (self)->purge_source, g_source_unref);
  upkeep_write_start (self);
  return G_SOURCE_REMOVE;
}

/* The next batch of a purge after a pause (where the upkeep runs, as
 * the store may be finalized on another thread: a weak reference). */
static void
purge_after_pause (CltSqlStore *self)
{
  CltSqlStorePrivate *priv = sql_store_get_private (self);
  GWeakRef *ref;

  if (priv->purge_source != NULL || sql_store_is_closed (self))
    return;

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  priv->purge_source = g_timeout_source_new (PURGE_PAUSE_MS);
  g_source_set_name (priv->purge_source, "[clt] field purge pause");
  g_source_set_callback (priv->purge_source, purge_pause_cb, ref, (GDestroyNotify) weak_ref_free);
  g_source_attach (priv->purge_source, g_main_context_default ());
}

static void
on_upkeep_written_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CltSqlStore *self = CLT_SQL_STORE (object);
  g_autoptr(GError) error = NULL;
  gboolean purge_more;

  sql_store_get_private (self)->upkeep_running = FALSE;
  purge_more = g_task_propagate_boolean (G_TASK (result), &error);
  if (error != NULL)
    {
      g_warning ("Finishing deletions failed: %s", error->message);
      return;
    }

  /* More of the engine's upkeep: go on at once rather than at the next
   * tick, so that erased words leave within seconds. More of a purge:
   * after a pause. */
  if (engine_upkeep_pending (self))
    upkeep_write_start (self);
  else if (purge_more)
    purge_after_pause (self);
}

static void
upkeep_write_start (CltSqlStore *self)
{
  CltSqlStorePrivate *priv = sql_store_get_private (self);

  /* Closed while a poll or a batch was under way: no more. */
  if (priv->upkeep_running || sql_store_is_closed (self) ||
      (SQL_CLASS (self)->check_writable != NULL && !SQL_CLASS (self)->check_writable (self, NULL)))
    return;

  priv->upkeep_running = TRUE;
  run_write (self, upkeep_write_start, upkeep_write, NULL, NULL, CLT_PERMISSION_READ, NULL,
             on_upkeep_written_cb, NULL);
}

/* Reads the log after the last change seen, unless a poll is under way:
 * every tick, and whenever the subclass learns of a change sooner. */
void
sql_poll_changes (CltSqlStore *self)
{
  CltSqlStorePrivate *priv = sql_store_get_private (self);
  PollData *data;

  if (priv->polling || sql_store_is_closed (self))
    return;

  priv->polling = TRUE;
  data = g_new0 (PollData, 1);
  data->since = priv->last_change;
  data->changes = g_array_new (FALSE, FALSE, sizeof (CltChange));
  g_array_set_clear_func (data->changes, clt_change_clear);
  /* Every second, while users read: a read of the upkeep's, which leaves
   * them the reader they come back to (begin_upkeep_read). */
  sql_run_upkeep_read (self, sql_poll_changes, poll_read, data, (GDestroyNotify) poll_data_free,
                       on_poll_cb, NULL);
}

void
sql_set_poll_hook (CltSqlStore *self,
                   GFunc        hook,
                   gpointer     user_data)
{
  CltSqlStorePrivate *priv = sql_store_get_private (self);

  /* Read by the poll in its thread: the data goes in before the hook
   * (whoever clears it waits for sql_polling () before freeing the data). */
  g_atomic_pointer_set (&priv->poll_hook, NULL);
  if (hook == NULL)
    return;
  priv->poll_hook_data = user_data;
  g_atomic_pointer_set (&priv->poll_hook, hook);
}

gboolean
sql_polling (CltSqlStore *self)
{
  return sql_store_get_private (self)->polling;
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
  g_autoptr(CltSqlStore) self = g_weak_ref_get (user_data);

  if (self == NULL)
    return G_SOURCE_CONTINUE;

  if (SQL_CLASS (self)->upkeep_tick != NULL)
    SQL_CLASS (self)->upkeep_tick (self);
  sql_poll_changes (self);

  return G_SOURCE_CONTINUE;
}

/* Called once open, from whichever thread opened the store, with the last
 * change of the log: the upkeep runs on the default main context, where
 * "changed" is emitted. */
void
sql_start_upkeep (CltSqlStore *self,
                  gint64       last_change)
{
  CltSqlStorePrivate *priv = sql_store_get_private (self);
  g_autoptr(GSource) source = g_timeout_source_new (UPKEEP_INTERVAL_MS);
  g_autofree char *name = g_strdup_printf ("[clt] %s upkeep", G_OBJECT_TYPE_NAME (self));
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  priv->last_change = last_change;
  /* The source must not keep the store alive (finalize destroys it), and
   * the store may be finalized on another thread: a weak reference. */
  g_weak_ref_init (ref, self);
  g_source_set_name (source, name);
  g_source_set_callback (source, upkeep_cb, ref, (GDestroyNotify) weak_ref_free);
  priv->upkeep_source = g_source_ref (source);
  g_source_attach (source, g_main_context_default ());
}

void
sql_stop_upkeep (CltSqlStore *self)
{
  CltSqlStorePrivate *priv = sql_store_get_private (self);

  if (priv->upkeep_source != NULL)
    {
      g_source_destroy (priv->upkeep_source);
      g_clear_pointer (&priv->upkeep_source, g_source_unref);
    }
  if (priv->purge_source != NULL)
    {
      g_source_destroy (priv->purge_source);
      g_clear_pointer (&priv->purge_source, g_source_unref);
    }
}

/* }}} */

void
clt_sql_store_changes_iface_init (CltStoreInterface *iface)
{
  iface->list_changes = clt_sql_store_list_changes;
}
