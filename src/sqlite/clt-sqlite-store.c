/* clt-sqlite-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include "clt-sqlite-store-private.h"

static void clt_sqlite_store_store_iface_init    (CltStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CltSqliteStore, clt_sqlite_store, CLT_TYPE_SQL_STORE,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      clt_sqlite_store_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_ASYNC_INITABLE, NULL)
                               G_IMPLEMENT_INTERFACE (CLT_TYPE_STORE,
                                                      clt_sqlite_store_store_iface_init)
                               G_IMPLEMENT_INTERFACE (CLT_TYPE_ACCOUNTS,
                                                      clt_sql_store_accounts_iface_init)
                               G_IMPLEMENT_INTERFACE (CLT_TYPE_MAIL_QUEUE,
                                                      clt_sql_store_mail_queue_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS,

  PROP_READ_ONLY = N_PROPS,
  PROP_LOCATION,
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (clt-sqlite-error-quark, clt_sqlite_error)

/* Task plumbing {{{ */


/* Called by a write function that wrote enough to leave a large WAL:
 * left there, the next open has to replay it (seconds at a million
 * customers), so write_thread () checkpoints after the commit. */
void
request_checkpoint (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  op->checkpoint = TRUE;
}

/* A write function hands its result to the task through these instead of
 * g_task_return_*: write_thread () returns it only once COMMIT succeeded,
 * so a commit that fails (disk full, I/O error) reaches the caller as an
 * error, never as "saved". */
void
write_return_pointer (GTask          *task,
                      gpointer        result,
                      GDestroyNotify  result_free)
{
  Op *op = g_task_get_task_data (task);

  g_assert (!op->has_result);
  op->has_result = TRUE;
  op->result = result;
  op->result_free = result_free;
}

void
write_return_boolean (GTask    *task,
                      gboolean  result)
{
  Op *op = g_task_get_task_data (task);

  g_assert (!op->has_result);
  op->has_result = TRUE;
  op->result_is_boolean = TRUE;
  op->result_boolean = result;
}

/* Test hook (see clt_sqlite_store_fail_commits_for_testing ()): the
 * next fail_commits COMMITs turn into ROLLBACKs, as a full disk or an I/O
 * error would make them fail. Runs under the write lock. */
static int
fail_commit_cb (void *user_data)
{
  CltSqliteStore *self = user_data;

  if (self->fail_commits == 0)
    return 0;
  self->fail_commits--;
  return 1;
}

static gboolean
commit (CltSqliteStore  *self,
        sqlite3         *db,
        GError         **error)
{
  return exec_sql (self, db, "COMMIT", error);
}

static void
op_free (Op *op)
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

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CltSqliteStore *self = source_object;
  Op *op = task_data;
  g_autoptr(GError) error = NULL;
  Reader *reader;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Superseded while it waited for a reader (every reader busy): give
   * the reader straight back to the requests still wanted. */
  reader = acquire_reader (self, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    ok = FALSE;
  else
    ok = op->read (self, reader, op->data, cancellable, task, &error);
  /* Statements are finalized by now; a transaction a stopped read left
   * open ends in release_reader (). */
  release_reader (self, reader);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CltSqliteStore *self = source_object;
  Op *op = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_atomic_int_inc (&self->writers_waiting);
  g_mutex_lock (&self->write_lock);
  g_atomic_int_add (&self->writers_waiting, -1);
  watch_cancellable (self->write_db, cancellable);

  ok = exec_sql (self, self->write_db, "BEGIN IMMEDIATE", &error);
  if (ok)
    ok = check_permission (self, self->write_db, op->actor, op->permission, &error);
  if (ok)
    ok = op->write (self, self->write_db, op->data, cancellable, task, &error);
  /* Once the work is done, cancelling must not interrupt COMMIT: the
   * caller would see "cancelled" for a change that may be half-way to
   * disk. */
  watch_cancellable (self->write_db, NULL);
  if (ok)
    ok = commit (self, self->write_db, &error);
  if (!ok && !sqlite3_get_autocommit (self->write_db))
    sqlite3_exec (self->write_db, "ROLLBACK", NULL, NULL, NULL);

  /* Committed: readers see the change from now on, so tell them before
   * the checkpoint below, which is for the next open of the file, not for
   * them (a thousand imported customers showed only after it). */
  if (ok && op->changes->len > 0)
    emit_changes (self, op->changes);

  /* While the write lock keeps other writers out. */
  if (ok && op->checkpoint)
    sqlite3_exec (self->write_db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);

  g_mutex_unlock (&self->write_lock);

  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (op->result_is_boolean || !op->has_result)
    g_task_return_boolean (task, op->has_result ? op->result_boolean : TRUE);
  else
    g_task_return_pointer (task, g_steal_pointer (&op->result), op->result_free);
}

void
run_read (CltSqliteStore      *self,
          gpointer             source_tag,
          ReadFunc             func,
          gpointer             data,
          GDestroyNotify       data_free,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  op = g_new0 (Op, 1);
  op->read = func;
  op->data = data;
  op->data_free = data_free;
  op->actor = clt_store_dup_acting_user ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  g_task_run_in_thread (task, read_thread);
}

void
run_write (CltSqliteStore      *self,
           gpointer             source_tag,
           WriteFunc            func,
           gpointer             data,
           GDestroyNotify       data_free,
           CltPermission        permission,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  op = g_new0 (Op, 1);
  op->write = func;
  op->data = data;
  op->data_free = data_free;
  op->permission = permission;
  op->actor = clt_store_dup_acting_user ();
  op->author = current_author (op->actor);
  op->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_array_set_clear_func (op->changes, (GDestroyNotify) change_clear);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);

  if (self->read_only || self->write_db == NULL)
    {
      g_autofree char *name = g_filename_display_basename (self->path);

      g_task_return_new_error (task, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY,
                               _("The database “%s” is read-only."), name);
      return;
    }

  g_task_run_in_thread (task, write_thread);
}

gboolean
lookup_customer_pk (CltSqliteStore *self,
                    sqlite3        *db,
                    const char     *customer_id,
                    gint64         *pk,
                    GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (self, db, "SELECT pk FROM customers WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *pk = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
               _("The customer no longer exists."));
  return FALSE;
}

/* }}} */


static void
clt_sqlite_store_store_iface_init (CltStoreInterface *iface)
{
  clt_sql_store_shop_iface_init (iface);
  clt_sqlite_store_session_iface_init (iface);
  clt_sql_store_membership_iface_init (iface);
  clt_sqlite_store_query_iface_init (iface);
  clt_sql_store_mail_iface_init (iface);
  clt_sqlite_store_import_iface_init (iface);
  clt_sqlite_store_customers_iface_init (iface);
  clt_sql_store_addresses_iface_init (iface);
  clt_sql_store_assisted_iface_init (iface);
}

static void
clt_sqlite_store_finalize (GObject *object)
{
  CltSqliteStore *self = (CltSqliteStore *) object;

  stop_upkeep (self);

  /* Every task holds a reference: no reader is in use by now. */
  g_clear_pointer (&self->readers, g_ptr_array_unref);
  g_clear_pointer (&self->idle_readers, g_async_queue_unref);
  if (self->write_db != NULL)
    {
      /* Keep the planner's statistics fresh, on a budget; closing the
       * last connection checkpoints the WAL into the main file. */
      sqlite3_exec (self->write_db, "PRAGMA analysis_limit = 400; PRAGMA optimize;",
                    NULL, NULL, NULL);
      sqlite3_close_v2 (self->write_db);
      self->write_db = NULL;
    }
  if (self->checkpoint_db != NULL)
    {
      sqlite3_close_v2 (self->checkpoint_db);
      self->checkpoint_db = NULL;
    }
  g_mutex_clear (&self->write_lock);
  g_mutex_clear (&self->changes_lock);
  g_clear_pointer (&self->own_changes, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (clt_sqlite_store_parent_class)->finalize (object);
}

static void
clt_sqlite_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CltSqliteStore *self = CLT_SQLITE_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_LOCATION:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_sqlite_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CltSqliteStore *self = CLT_SQLITE_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_sqlite_store_class_init (CltSqliteStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CltSqlStoreClass *sql_class = CLT_SQL_STORE_CLASS (klass);

  object_class->finalize = clt_sqlite_store_finalize;
  object_class->get_property = clt_sqlite_store_get_property;
  object_class->set_property = clt_sqlite_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_READ_ONLY, "read-only");
  g_object_class_override_property (object_class, PROP_LOCATION, "location");

  sql_class->engine = &clt_sqlite_engine;
  sql_class->dialect = &clt_sqlite_dialect;
  CLT_SQL_STORE_CLASS_SET_HELPERS (sql_class, );
  sql_class->begin_secure_delete = CLT_SQL_ENGINE_FUNC (begin_secure_delete);
  sql_class->restore_secure_delete = CLT_SQL_ENGINE_FUNC (restore_secure_delete);
  sql_class->request_wal_fold = CLT_SQL_ENGINE_FUNC (request_wal_fold);
}

static void
clt_sqlite_store_init (CltSqliteStore *self)
{
  g_mutex_init (&self->write_lock);
  g_mutex_init (&self->changes_lock);
  self->own_changes = g_hash_table_new (NULL, NULL);
  self->idle_readers = g_async_queue_new ();
  self->readers = g_ptr_array_new_with_free_func ((GDestroyNotify) reader_free);
}

CltSqliteStore *
clt_sqlite_store_new (const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_initable_new (CLT_TYPE_SQLITE_STORE, cancellable, error, "path", path, NULL);
}

void
clt_sqlite_store_new_async (const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  g_async_initable_new_async (CLT_TYPE_SQLITE_STORE, G_PRIORITY_DEFAULT, cancellable,
                              callback, user_data, "path", path, NULL);
}

CltSqliteStore *
clt_sqlite_store_new_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(GObject) source = g_async_result_get_source_object (result);
  GObject *object;

  object = g_async_initable_new_finish (G_ASYNC_INITABLE (source), result, error);
  return object != NULL ? CLT_SQLITE_STORE (object) : NULL;
}

const char *
clt_sqlite_store_get_path (CltSqliteStore *self)
{
  g_return_val_if_fail (CLT_IS_SQLITE_STORE (self), NULL);

  return self->path;
}

char *
clt_sqlite_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "clientele", "clientele.db", NULL);
}


void
clt_sqlite_store_fail_commits_for_testing (CltSqliteStore *self,
                                          guint           n_commits)
{
  g_return_if_fail (CLT_IS_SQLITE_STORE (self));
  g_return_if_fail (self->write_db != NULL);

  g_mutex_lock (&self->write_lock);
  self->fail_commits = n_commits;
  sqlite3_commit_hook (self->write_db, fail_commit_cb, self);
  g_mutex_unlock (&self->write_lock);
}
