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

/* A read-only connection from the pool: in WAL mode it sees the last
 * committed state and never waits for the writer. */
static Reader *
begin_read (CltSqliteStore  *self,
            GCancellable    *cancellable,
            GError         **error)
{
  return acquire_reader (self, cancellable);
}

static void
end_read (CltSqliteStore *self,
          Reader         *reader,
          gboolean        ok)
{
  release_reader (self, reader);
}

static Reader *
begin_upkeep_read (CltSqliteStore  *self,
                   GError         **error)
{
  return acquire_upkeep_reader (self);
}

static void
end_upkeep_read (CltSqliteStore *self,
                 Reader         *reader,
                 gboolean        ok)
{
  release_upkeep_reader (self, reader);
}

/* Writes follow one another on the single write connection. */
static sqlite3 *
begin_write (CltSqliteStore  *self,
             GCancellable    *cancellable,
             gpointer        *writer,
             GError         **error)
{
  g_atomic_int_inc (&self->writers_waiting);
  g_mutex_lock (&self->write_lock);
  g_atomic_int_add (&self->writers_waiting, -1);
  watch_cancellable (self->write_db, cancellable);

  if (!exec_sql (self, self->write_db, "BEGIN IMMEDIATE", error))
    {
      watch_cancellable (self->write_db, NULL);
      g_mutex_unlock (&self->write_lock);
      return NULL;
    }

  *writer = self->write_db;
  return self->write_db;
}

static gboolean
end_write (CltSqliteStore  *self,
           sqlite3         *db,
           CltSqlOp        *op,
           gboolean         ok,
           GError         **error)
{
  /* Once the work is done, cancelling must not interrupt COMMIT: the
   * caller would see "cancelled" for a change that may be half-way to
   * disk. */
  watch_cancellable (db, NULL);
  if (ok)
    ok = exec_sql (self, db, "COMMIT", error);
  if (!ok && !sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

  /* Committed: readers see the change from now on, so tell them before
   * the checkpoint below, which is for the next open of the file, not for
   * them (a thousand imported customers showed only after it). */
  if (ok)
    sql_op_emit_changes (CLT_SQL_STORE (self), op);

  /* While the write lock keeps other writers out. */
  if (ok && op->checkpoint)
    sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);

  g_mutex_unlock (&self->write_lock);
  return ok;
}

static gboolean
check_writable (CltSqliteStore  *self,
                GError         **error)
{
  g_autofree char *name = NULL;

  if (!self->read_only && self->write_db != NULL)
    return TRUE;

  name = g_filename_display_basename (self->path);
  g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY,
               _("The database “%s” is read-only."), name);
  return FALSE;
}

/* }}} */


static void
clt_sqlite_store_store_iface_init (CltStoreInterface *iface)
{
  clt_sql_store_shop_iface_init (iface);
  clt_sql_store_changes_iface_init (iface);
  clt_sql_store_membership_iface_init (iface);
  clt_sqlite_store_query_iface_init (iface);
  clt_sql_store_mail_iface_init (iface);
  clt_sql_store_import_iface_init (iface);
  clt_sql_store_customers_iface_init (iface);
  clt_sql_store_addresses_iface_init (iface);
  clt_sql_store_assisted_iface_init (iface);
}

/* No task uses a connection by now (clt_sql_store_close ()). */
static void
close_connections (CltSqliteStore *self)
{
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
}

static void
clt_sqlite_store_finalize (GObject *object)
{
  CltSqliteStore *self = (CltSqliteStore *) object;

  /* Unless it was closed before: every task holds a reference, so none
   * is under way, and this closes the connections at once. */
  clt_sql_store_close (CLT_SQL_STORE (self));
  g_mutex_clear (&self->write_lock);
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
  sql_class->close_connections = CLT_SQL_ENGINE_FUNC (close_connections);
  sql_class->check_writable = CLT_SQL_ENGINE_FUNC (check_writable);
  sql_class->begin_upkeep_read = CLT_SQL_ENGINE_FUNC (begin_upkeep_read);
  sql_class->end_upkeep_read = CLT_SQL_ENGINE_FUNC (end_upkeep_read);
  sql_class->begin_secure_delete = CLT_SQL_ENGINE_FUNC (begin_secure_delete);
  sql_class->restore_secure_delete = CLT_SQL_ENGINE_FUNC (restore_secure_delete);
  sql_class->request_wal_fold = CLT_SQL_ENGINE_FUNC (request_wal_fold);
  sql_class->request_index_merge = CLT_SQL_ENGINE_FUNC (request_index_merge);
  sql_class->upkeep_tick = CLT_SQL_ENGINE_FUNC (upkeep_tick);
  sql_class->upkeep_write = CLT_SQL_ENGINE_FUNC (upkeep_write);
  sql_class->upkeep_pending = CLT_SQL_ENGINE_FUNC (upkeep_pending);
  sql_class->import_begin = CLT_SQL_ENGINE_FUNC (import_begin);
  sql_class->import_end = CLT_SQL_ENGINE_FUNC (import_end);
  sql_class->search_index_remove = CLT_SQL_ENGINE_FUNC (search_index_remove);
  sql_class->search_index_add = CLT_SQL_ENGINE_FUNC (search_index_add);
}

static void
clt_sqlite_store_init (CltSqliteStore *self)
{
  g_mutex_init (&self->write_lock);
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
