/* clt-pg-store-session.c — the change log and what other instances
 * changed (LISTEN/NOTIFY and a poll of the log), and the store's own
 * upkeep: finishing deletions whose undo time is over. Who acts and
 * request ids are CltSqlStore's (clt-sql-store-session.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-pg-store"

#include "config.h"

#include "clt-enum-types.h"
#include <glib-unix.h>

#include "clt-pg-store-private.h"

/* How often another instance's changes are looked for (when no
 * notification came first) and due deletions finished. */
#define UPKEEP_INTERVAL_MS 1000
#define CHANGE_LOG_LIFETIME_USEC (G_GINT64_CONSTANT (30) * 24 * 3600 * G_USEC_PER_SEC)

/* The change log {{{ */

/* The log is for catching up (other windows, a server's change feed), not
 * an archive: what is older than a month goes when a store opens. The
 * newest entry stays, so that max (seq) is the last number ever given
 * (a sequence's own value could be one that a writer has not committed
 * yet, and a feed that moved past it would miss that change). */
gboolean
pgs_prune_change_log (CltPgStore  *self,
                  PgConn         *db,
                  GError         **error)
{
  g_autoptr(PgStmt) stmt = pgs_prepare (self, db, "DELETE FROM change_log WHERE at < ?"
                                                  " AND seq < (SELECT max (seq) FROM change_log)", error);

  if (stmt == NULL)
    return FALSE;
  pg_bind_int64 (stmt, 1, pgs_now_usec () - CHANGE_LOG_LIFETIME_USEC);
  return pgs_step_expect_done (self, db, stmt, error);
}

gint64
pgs_read_last_change (CltPgStore *self,
                  PgConn        *db)
{
  g_autoptr(PgStmt) stmt = pgs_prepare (self, db, "SELECT coalesce (max (seq), 0) FROM change_log",
                                          NULL);

  if (stmt == NULL || pg_step (stmt) != PG_ROW)
    return 0;
  return pg_column_int64 (stmt, 0);
}

typedef struct
{
  gint64 since;
  guint  limit;
} ListChangesData;

/* One read transaction: the newest sequence number and the entries after
 * @since come from the same snapshot, so nothing falls between them. */
static gboolean
list_changes_read (CltPgStore *self,
                   Reader         *reader,
                   gpointer        user_data,
                   GCancellable   *cancellable,
                   GTask          *task,
                   GError        **error)
{
  ListChangesData *data = user_data;
  g_autoptr(CltChanges) changes = clt_changes_new ();
  g_autoptr(PgStmt) stmt = NULL;
  g_autoptr(PgStmt) newest = NULL;
  gboolean ok = FALSE;
  int rc;

  /* The log is pruned, but keeps its newest entry (pgs_prune_change_log ()). */
  newest = pgs_prepare (self, reader->db, "SELECT coalesce (max (seq), 0) FROM change_log", error);
  if (newest == NULL)
    goto out;
  rc = pg_step (newest);
  if (rc != PG_ROW)
    {
      pgs_set_db_error (self, error, reader->db, rc);
      goto out;
    }
  changes->last = pg_column_int64 (newest, 0);

  stmt = pgs_prepare (self, reader->db,
                  "SELECT seq, kind, object_id FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?",
                  error);
  if (stmt == NULL)
    goto out;

  pg_bind_int64 (stmt, 1, data->since);
  pg_bind_int64 (stmt, 2, data->limit);
  while ((rc = pg_step (stmt)) == PG_ROW)
    {
      CltChange change;

      change.seq = pg_column_int64 (stmt, 0);
      change.kind = pg_column_int (stmt, 1);
      change.id = g_strdup (pgs_column_text (stmt, 2));
      g_array_append_val (changes->changes, change);
    }
  if (rc != PG_DONE)
    {
      pgs_set_db_error (self, error, reader->db, rc);
      goto out;
    }

  /* Cut short: the caller goes on after the last one it got. */
  if (changes->changes->len == data->limit)
    changes->last = g_array_index (changes->changes, CltChange, data->limit - 1).seq;

  ok = TRUE;

out:
  g_clear_pointer (&stmt, pg_finalize);
  g_clear_pointer (&newest, pg_finalize);
  if (ok)
    g_task_return_pointer (task, g_steal_pointer (&changes), (GDestroyNotify) clt_changes_free);
  return ok;
}

static void
clt_pg_store_list_changes (CltStore            *store,
                               gint64               since,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  ListChangesData *data = g_new0 (ListChangesData, 1);

  data->since = since;
  data->limit = limit;
  pgs_run_read (CLT_PG_STORE (store), clt_pg_store_list_changes, list_changes_read,
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
poll_read (CltPgStore *self,
           Reader         *reader,
           gpointer        user_data,
           GCancellable   *cancellable,
           GTask          *task,
           GError        **error)
{
  PollData *data = user_data;
  g_autoptr(PgStmt) stmt = NULL;
  g_autoptr(PgStmt) due = NULL;
  int rc;

  stmt = pgs_prepare (self, reader->db,
                  "SELECT seq, kind, object_id FROM change_log WHERE seq > ? ORDER BY seq LIMIT 1000",
                  error);
  if (stmt == NULL)
    return FALSE;

  pg_bind_int64 (stmt, 1, data->since);
  while ((rc = pg_step (stmt)) == PG_ROW)
    {
      Change change;

      change.seq = pg_column_int64 (stmt, 0);
      change.kind = pg_column_int (stmt, 1);
      change.id = g_strdup (pgs_column_text (stmt, 2));
      g_array_append_val (data->changes, change);
    }
  if (rc != PG_DONE)
    {
      pgs_set_db_error (self, error, reader->db, rc);
      return FALSE;
    }

  due = pgs_prepare (self, reader->db,
                 "SELECT EXISTS (SELECT 1 FROM pending_deletions WHERE due_at <= ?)", error);
  if (due == NULL)
    return FALSE;
  pg_bind_int64 (due, 1, pgs_now_usec ());
  if (pg_step (due) == PG_ROW)
    data->pending_due = pg_column_int (due, 0) != 0;

  g_task_return_boolean (task, TRUE);
  return TRUE;
}

static void upkeep_write_start (CltPgStore *self);

static void
on_poll_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CltPgStore *self = CLT_PG_STORE (object);
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

  if (data->pending_due)
    upkeep_write_start (self);
}

static gboolean
finish_due_deletions (CltPgStore  *self,
                      PgConn         *db,
                      GTask           *task,
                      GError         **error)
{
  g_autoptr(PgStmt) stmt = NULL;
  g_autoptr(GArray) due = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = pgs_prepare (self, db, "SELECT customer_pk FROM pending_deletions WHERE due_at <= ?", error);
  if (stmt == NULL)
    return FALSE;
  pg_bind_int64 (stmt, 1, pgs_now_usec ());
  while ((rc = pg_step (stmt)) == PG_ROW)
    {
      gint64 pk = pg_column_int64 (stmt, 0);

      g_array_append_val (due, pk);
    }
  if (rc != PG_DONE)
    {
      pgs_set_db_error (self, error, db, rc);
      return FALSE;
    }

  for (guint i = 0; i < due->len; i++)
    if (!pgs_anonymize_customer (self, db, task, g_array_index (due, gint64, i), error))
      return FALSE;

  return TRUE;
}

static gboolean
upkeep_write (CltPgStore    *self,
              PgConn        *db,
              gpointer       user_data,
              GCancellable  *cancellable,
              GTask         *task,
              GError       **error)
{
  return finish_due_deletions (self, db, task, error);
}

static void
on_upkeep_written_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CltPgStore *self = CLT_PG_STORE (object);
  g_autoptr(GError) error = NULL;

  self->upkeep_running = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("Finishing deletions failed: %s", error->message);
      return;
    }
}

static void
upkeep_write_start (CltPgStore *self)
{
  if (self->upkeep_running)
    return;

  self->upkeep_running = TRUE;
  pgs_run_write (self, upkeep_write_start, upkeep_write, NULL, NULL, CLT_PERMISSION_READ, NULL,
                on_upkeep_written_cb, NULL);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
poll_start (CltPgStore *self)
{
  PollData *data;

  if (self->polling)
    return;

  self->polling = TRUE;
  data = g_new0 (PollData, 1);
  data->since = self->last_change;
  data->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_array_set_clear_func (data->changes, (GDestroyNotify) sql_change_clear);
  pgs_run_read (self, poll_start, poll_read, data, (GDestroyNotify) poll_data_free, NULL,
                on_poll_cb, NULL);
}

static gboolean
upkeep_cb (gpointer user_data)
{
  g_autoptr(CltPgStore) self = g_weak_ref_get (user_data);

  if (self != NULL)
    poll_start (self);
  return G_SOURCE_CONTINUE;
}

/* Another instance committed a change (NOTIFY clt_changes): read the log
 * now rather than at the next tick. */
static gboolean
notified_cb (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  g_autoptr(CltPgStore) self = g_weak_ref_get (user_data);
  PGconn *conn;
  PGnotify *notify;
  gboolean any = FALSE;

  if (self == NULL || self->listen_db == NULL)
    return G_SOURCE_CONTINUE;

  conn = pg_conn_get_native (self->listen_db);
  if (!PQconsumeInput (conn))
    {
      /* The server went away: the poll carries on alone. */
      g_debug ("Listening for changes stopped: %s", PQerrorMessage (conn));
      g_clear_pointer (&self->listen_source, g_source_unref);
      return G_SOURCE_REMOVE;
    }
  while ((notify = PQnotifies (conn)) != NULL)
    {
      any = TRUE;
      PQfreemem (notify);
    }
  if (any)
    poll_start (self);
  return G_SOURCE_CONTINUE;
}

static void
start_listening (CltPgStore *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) source = NULL;
  GWeakRef *ref;

  self->listen_db = pg_conn_open (self->conninfo, self->password, &error);
  if (self->listen_db == NULL || pg_exec (self->listen_db, "LISTEN " PG_CHANGES_CHANNEL) != PG_OK)
    {
      g_debug ("Not listening for changes: %s",
               error != NULL ? error->message : pg_errmsg (self->listen_db));
      g_clear_pointer (&self->listen_db, pg_conn_close);
      return;
    }

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  source = g_unix_fd_source_new (PQsocket (pg_conn_get_native (self->listen_db)), G_IO_IN);
  g_source_set_static_name (source, "[clt] CltPgStore notifications");
  g_source_set_callback (source, G_SOURCE_FUNC (notified_cb), ref, (GDestroyNotify) weak_ref_free);
  self->listen_source = g_source_ref (source);
  g_source_attach (source, g_main_context_default ());
}

/* Called once open, from whichever thread opened the store: the upkeep
 * runs on the default main context, where "changed" is emitted. */
void
pgs_start_upkeep (CltPgStore *self)
{
  g_autoptr(GSource) source = g_timeout_source_new (UPKEEP_INTERVAL_MS);
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  /* The source must not keep the store alive (finalize destroys it), and
   * the store may be finalized on another thread: a weak reference. */
  g_weak_ref_init (ref, self);
  g_source_set_static_name (source, "[clt] CltPgStore upkeep");
  g_source_set_callback (source, upkeep_cb, ref, (GDestroyNotify) weak_ref_free);
  self->upkeep_source = g_source_ref (source);
  g_source_attach (source, g_main_context_default ());

  start_listening (self);
}

void
pgs_stop_upkeep (CltPgStore *self)
{
  if (self->upkeep_source != NULL)
    {
      g_source_destroy (self->upkeep_source);
      g_clear_pointer (&self->upkeep_source, g_source_unref);
    }
  if (self->listen_source != NULL)
    {
      g_source_destroy (self->listen_source);
      g_clear_pointer (&self->listen_source, g_source_unref);
    }
}

/* }}} */

void
clt_pg_store_session_iface_init (CltStoreInterface *iface)
{
  iface->list_changes = clt_pg_store_list_changes;
}
