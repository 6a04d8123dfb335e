/* clt-sql-store.c
 *
 * CltSqlStore's task plumbing: every operation runs in a GTask thread, a
 * read on a connection the subclass lends it (begin_read), a write in the
 * subclass's write transaction (begin_write, end_write) after the
 * permission check. A write hands back its result and its changes here,
 * and they reach the caller and the "changed" listeners only once the
 * transaction committed. Closing the store waits for the tasks under way
 * and closes the connections then, whichever thread lets go of the store
 * last.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-sql-store-private.h"

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CltSqlStore, clt_sql_store, G_TYPE_OBJECT)

CltSqlStorePrivate *
sql_store_get_private (CltSqlStore *self)
{
  return clt_sql_store_get_instance_private (self);
}

/* Operations {{{ */

static CltSqlOp *
task_op (GTask *task)
{
  return g_task_get_task_data (task);
}

static void
op_free (CltSqlOp *op)
{
  if (op->data_free != NULL)
    g_clear_pointer (&op->data, op->data_free);
  if (op->result != NULL && op->result_free != NULL)
    op->result_free (op->result);
  g_free (op->author);
  g_clear_object (&op->actor);
  g_clear_pointer (&op->changes, g_array_unref);
  g_free (op);
}

/* The author of the write that @task runs, for changed_by and notes. */
const char *
sql_task_author (GTask *task)
{
  return task_op (task)->author;
}

/* Who the write that @task runs acts as (NULL: the store's own user). */
CltBackofficeUser *
sql_task_actor (GTask *task)
{
  return task_op (task)->actor;
}

/* A write function hands its result to the task through these instead of
 * g_task_return_*: write_thread () returns it only once COMMIT succeeded,
 * so a commit that fails (disk full, I/O error) reaches the caller as an
 * error, never as "saved". */
void
sql_write_return_pointer (GTask          *task,
                          gpointer        result,
                          GDestroyNotify  result_free)
{
  CltSqlOp *op = task_op (task);

  g_assert (!op->has_result);
  op->has_result = TRUE;
  op->result = result;
  op->result_free = result_free;
}

/* Called by a write function that wrote much (an import): the engine may
 * tidy up after the commit (SQLite folds a large WAL into the file, which
 * the next open would have to replay). */
void
sql_request_checkpoint (GTask *task)
{
  task_op (task)->checkpoint = TRUE;
}

void
sql_write_return_boolean (GTask    *task,
                          gboolean  result)
{
  CltSqlOp *op = task_op (task);

  g_assert (!op->has_result);
  op->has_result = TRUE;
  op->result_is_boolean = TRUE;
  op->result_boolean = result;
}

/* }}} */

/* The change log {{{ */

/* Appends a change to the log (in the write's transaction) and to what the
 * task emits as "changed" once it committed. */
gboolean
sql_record_change (CltSqlStore    *self,
                   CltSqlDb       *db,
                   GTask          *task,
                   CltChangeKind   kind,
                   const char     *id,
                   GError        **error)
{
  CltSqlOp *op = task_op (task);
  g_autoptr(CltSqlStmt) stmt = NULL;
  CltChange change;

  stmt = prepare (self, db,
                  "INSERT INTO change_log (kind, object_id, author, at) VALUES (?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int (stmt, 1, kind);
  bind_text (stmt, 2, id);
  bind_text (stmt, 3, op->author);
  clt_sql_bind_int64 (stmt, 4, now_usec ());
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  change.seq = SQL_CLASS (self)->engine->last_insert_rowid (db);
  change.kind = kind;
  change.id = g_strdup (id);
  g_array_append_val (op->changes, change);
  return TRUE;
}

/* Called after a write committed: tells listeners, and remembers the
 * sequence numbers so that the poll of the log skips them. Empties the
 * op's list, so a subclass that announces the changes inside end_write
 * (before slower work that readers need not wait for) announces them once. */
void
sql_op_emit_changes (CltSqlStore *self,
                     CltSqlOp    *op)
{
  CltSqlStorePrivate *priv = clt_sql_store_get_instance_private (self);
  GArray *changes = op->changes;

  if (changes->len == 0)
    return;

  g_mutex_lock (&priv->changes_lock);
  for (guint i = 0; i < changes->len; i++)
    {
      const CltChange *change = &g_array_index (changes, CltChange, i);

      g_hash_table_add (priv->own_changes, GSIZE_TO_POINTER ((gsize) change->seq));
    }
  g_mutex_unlock (&priv->changes_lock);

  for (guint i = 0; i < changes->len; i++)
    {
      const CltChange *change = &g_array_index (changes, CltChange, i);

      clt_store_emit_changed (CLT_STORE (self), change->kind, change->id);
    }
  g_array_set_size (changes, 0);
}

/* Whether this store made the change @seq (emitted already): once only. */
gboolean
sql_take_own_change (CltSqlStore *self,
                     gint64       seq)
{
  CltSqlStorePrivate *priv = clt_sql_store_get_instance_private (self);
  gboolean own;

  g_mutex_lock (&priv->changes_lock);
  own = g_hash_table_remove (priv->own_changes, GSIZE_TO_POINTER ((gsize) seq));
  g_mutex_unlock (&priv->changes_lock);

  return own;
}

/* }}} */

/* Closing {{{ */

/* Counts a task that is going to use the connections, until its
 * sql_task_end (); FALSE once the store is closed: then it must not
 * start. */
gboolean
sql_task_begin (CltSqlStore *self)
{
  CltSqlStorePrivate *priv = clt_sql_store_get_instance_private (self);
  gboolean open;

  g_mutex_lock (&priv->tasks_lock);
  open = !priv->closed;
  if (open)
    priv->n_tasks++;
  g_mutex_unlock (&priv->tasks_lock);

  return open;
}

/* The task is done with the connections (its thread still holds a
 * reference to the store, and may drop the last one after the caller's
 * callback ran). */
void
sql_task_end (CltSqlStore *self)
{
  CltSqlStorePrivate *priv = clt_sql_store_get_instance_private (self);

  g_mutex_lock (&priv->tasks_lock);
  g_assert (priv->n_tasks > 0);
  if (--priv->n_tasks == 0)
    g_cond_broadcast (&priv->tasks_done);
  g_mutex_unlock (&priv->tasks_lock);
}

gboolean
sql_store_is_closed (CltSqlStore *self)
{
  CltSqlStorePrivate *priv = clt_sql_store_get_instance_private (self);
  gboolean closed;

  g_mutex_lock (&priv->tasks_lock);
  closed = priv->closed;
  g_mutex_unlock (&priv->tasks_lock);

  return closed;
}

static void
return_closed (GTask *task)
{
  g_task_return_new_error (task, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                           _("The database is closed."));
}

/* }}} */

/* Threads {{{ */

static void
read_task (GTask        *task,
           CltSqlStore  *self,
           CltSqlOp     *op,
           GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  CltSqlReader *reader;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (op->upkeep && SQL_CLASS (self)->begin_upkeep_read != NULL)
    reader = SQL_CLASS (self)->begin_upkeep_read (self, &error);
  else
    reader = SQL_CLASS (self)->begin_read (self, cancellable, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Superseded while it waited for a reader (every reader busy): give
   * the reader straight back to the requests still wanted. */
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    ok = FALSE;
  else
    ok = op->read (self, reader, op->data, cancellable, task, &error);
  /* Statements are finalized by now, so the read can end (end_read ends
   * a transaction a stopped read left open). */
  if (op->upkeep && SQL_CLASS (self)->end_upkeep_read != NULL)
    SQL_CLASS (self)->end_upkeep_read (self, reader, ok);
  else
    SQL_CLASS (self)->end_read (self, reader, ok);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  read_task (task, source_object, task_data, cancellable);
  sql_task_end (source_object);
}

static void
write_task (GTask        *task,
            CltSqlStore  *self,
            CltSqlOp     *op,
            GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  gpointer writer = NULL;
  CltSqlDb *db;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  db = SQL_CLASS (self)->begin_write (self, cancellable, &writer, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ok = sql_check_permission (self, db, op->actor, op->permission, &error) &&
       op->write (self, db, op->data, cancellable, task, &error);
  ok = SQL_CLASS (self)->end_write (self, writer, op, ok, &error);

  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sql_op_emit_changes (self, op);

  if (op->result_is_boolean || !op->has_result)
    g_task_return_boolean (task, op->has_result ? op->result_boolean : TRUE);
  else
    g_task_return_pointer (task, g_steal_pointer (&op->result), op->result_free);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  write_task (task, source_object, task_data, cancellable);
  sql_task_end (source_object);
}

static GTask *
op_task_new (CltSqlStore         *self,
             CltSqlOp            *op,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  op->actor = clt_store_dup_acting_user ();
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  return task;
}

static void
run_read_op (CltSqlStore         *self,
             gboolean             upkeep,
             gpointer             source_tag,
             CltSqlReadFunc       func,
             gpointer             data,
             GDestroyNotify       data_free,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CltSqlOp *op = g_new0 (CltSqlOp, 1);

  op->read = func;
  op->upkeep = upkeep;
  op->data = data;
  op->data_free = data_free;
  task = op_task_new (self, op, source_tag, cancellable, callback, user_data);
  if (!sql_task_begin (self))
    {
      return_closed (task);
      return;
    }
  g_task_run_in_thread (task, read_thread);
}

void
sql_run_read (CltSqlStore         *self,
              gpointer             source_tag,
              CltSqlReadFunc       func,
              gpointer             data,
              GDestroyNotify       data_free,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  run_read_op (self, FALSE, source_tag, func, data, data_free, cancellable, callback, user_data);
}

/* A read of the store's upkeep (see begin_upkeep_read). */
void
sql_run_upkeep_read (CltSqlStore         *self,
                     gpointer             source_tag,
                     CltSqlReadFunc       func,
                     gpointer             data,
                     GDestroyNotify       data_free,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  run_read_op (self, TRUE, source_tag, func, data, data_free, NULL, callback, user_data);
}

void
sql_run_write (CltSqlStore         *self,
               gpointer             source_tag,
               CltSqlWriteFunc      func,
               gpointer             data,
               GDestroyNotify       data_free,
               CltPermission        permission,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CltSqlOp *op = g_new0 (CltSqlOp, 1);

  op->write = func;
  op->data = data;
  op->data_free = data_free;
  op->permission = permission;
  op->changes = g_array_new (FALSE, FALSE, sizeof (CltChange));
  g_array_set_clear_func (op->changes, clt_change_clear);
  task = op_task_new (self, op, source_tag, cancellable, callback, user_data);
  op->author = sql_current_author (op->actor);

  if (!sql_task_begin (self))
    {
      return_closed (task);
      return;
    }

  if (SQL_CLASS (self)->check_writable != NULL &&
      !SQL_CLASS (self)->check_writable (self, &error))
    {
      sql_task_end (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, write_thread);
}

/* }}} */

static void
clt_sql_store_finalize (GObject *object)
{
  CltSqlStore *self = (CltSqlStore *) object;
  CltSqlStorePrivate *priv = clt_sql_store_get_instance_private (self);

  g_mutex_clear (&priv->changes_lock);
  g_clear_pointer (&priv->own_changes, g_hash_table_unref);
  g_mutex_clear (&priv->tasks_lock);
  g_cond_clear (&priv->tasks_done);

  G_OBJECT_CLASS (clt_sql_store_parent_class)->finalize (object);
}

static void
clt_sql_store_class_init (CltSqlStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_sql_store_finalize;
}

static void
clt_sql_store_init (CltSqlStore *self)
{
  CltSqlStorePrivate *priv = clt_sql_store_get_instance_private (self);

  g_mutex_init (&priv->changes_lock);
  priv->own_changes = g_hash_table_new (NULL, NULL);
  g_mutex_init (&priv->tasks_lock);
  g_cond_init (&priv->tasks_done);
}

/**
 * clt_sql_store_close:
 * @self: the store
 *
 * Closes the store now rather than when its last reference goes, on
 * whichever thread that is: a task's worker thread drops its reference
 * after the caller's callback ran, and a process that returned from
 * main () meanwhile ended with the connections open (SQLite's -wal and
 * -shm stayed next to the file, and the WAL was not checkpointed).
 *
 * Stops the upkeep, waits for the tasks under way to be done with the
 * connections, then closes them all: SQLite's last close checkpoints the
 * WAL into the file and removes it. Later operations fail. Call it on the
 * thread of the default main context (where the upkeep runs); a second
 * call does nothing.
 */
void
clt_sql_store_close (CltSqlStore *self)
{
  CltSqlStorePrivate *priv;

  g_return_if_fail (CLT_IS_SQL_STORE (self));

  priv = clt_sql_store_get_instance_private (self);
  sql_stop_upkeep (self);

  g_mutex_lock (&priv->tasks_lock);
  if (priv->closed)
    {
      g_mutex_unlock (&priv->tasks_lock);
      return;
    }
  priv->closed = TRUE;
  while (priv->n_tasks > 0)
    g_cond_wait (&priv->tasks_done, &priv->tasks_lock);
  g_mutex_unlock (&priv->tasks_lock);

  if (SQL_CLASS (self)->close_connections != NULL)
    SQL_CLASS (self)->close_connections (self);
}
