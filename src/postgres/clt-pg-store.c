/* clt-pg-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-pg-store"

#include "config.h"

#include "clt-pg-store-private.h"

static void clt_pg_store_store_iface_init    (CltStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CltPgStore, clt_pg_store, CLT_TYPE_SQL_STORE,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      clt_pg_store_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (CLT_TYPE_STORE,
                                                      clt_pg_store_store_iface_init)
                               G_IMPLEMENT_INTERFACE (CLT_TYPE_ACCOUNTS,
                                                      clt_sql_store_accounts_iface_init)
                               G_IMPLEMENT_INTERFACE (CLT_TYPE_MAIL_QUEUE,
                                                      clt_sql_store_mail_queue_iface_init))

enum {
  PROP_0,
  PROP_CONNINFO,
  PROP_PASSWORD,
  N_PROPS,

  PROP_READ_ONLY = N_PROPS,
  PROP_LOCATION,
};

static GParamSpec *properties[N_PROPS];


/* Task plumbing {{{ */

/* A write function hands its result to the task through these instead of
 * g_task_return_*: write_thread () returns it only once COMMIT succeeded,
 * so a commit that fails (disk full, I/O error) reaches the caller as an
 * error, never as "saved". */
void
pgs_write_return_pointer (GTask          *task,
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
pgs_write_return_boolean (GTask    *task,
                      gboolean  result)
{
  Op *op = g_task_get_task_data (task);

  g_assert (!op->has_result);
  op->has_result = TRUE;
  op->result_is_boolean = TRUE;
  op->result_boolean = result;
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
  CltPgStore *self = source_object;
  Op *op = task_data;
  g_autoptr(GError) error = NULL;
  Reader *reader;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  reader = pgs_acquire_reader (self, cancellable, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* One snapshot for the whole read: a count and its page agree. */
  ok = pgs_exec_sql (self, reader->db,
                     "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", &error);
  if (ok)
    ok = op->read (self, reader, op->data, cancellable, task, &error);
  pg_exec (reader->db, ok ? "COMMIT" : "ROLLBACK");
  pgs_release_reader (self, reader);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
begin_write (CltPgStore  *self,
             PgConn      *db,
             GError     **error)
{
  g_autofree char *lock = g_strdup_printf ("SELECT pg_advisory_xact_lock (%d)", PG_WRITE_LOCK_KEY);

  return pgs_exec_sql (self, db, "BEGIN ISOLATION LEVEL READ COMMITTED", error) &&
         pgs_exec_sql (self, db, lock, error);
}

/* Readers of every instance drop their cached counts and anchors when
 * this moves; the listeners of other instances hear of the changes. */
static gboolean
end_write (CltPgStore  *self,
           PgConn      *db,
           Op          *op,
           GError     **error)
{
  if (!pgs_exec_sql (self, db, "UPDATE clt_data_version SET version = version + 1", error))
    return FALSE;
  if (op->changes->len > 0 &&
      !pgs_exec_sql (self, db, "NOTIFY " PG_CHANGES_CHANNEL, error))
    return FALSE;
  return pgs_exec_sql (self, db, "COMMIT", error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CltPgStore *self = source_object;
  Op *op = task_data;
  g_autoptr(GError) error = NULL;
  Reader *writer;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  writer = pgs_acquire_reader (self, cancellable, &error);
  if (writer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ok = begin_write (self, writer->db, &error);
  if (ok)
    ok = pgs_check_permission (self, writer->db, op->actor, op->permission, &error);
  if (ok)
    ok = op->write (self, writer->db, op->data, cancellable, task, &error);
  /* Once the work is done, cancelling must not interrupt COMMIT: the
   * caller would see "cancelled" for a change that may be committed. */
  pg_conn_watch_cancellable (writer->db, NULL);
  if (ok)
    ok = end_write (self, writer->db, op, &error);
  if (!ok && !pg_get_autocommit (writer->db))
    pg_exec (writer->db, "ROLLBACK");
  pgs_release_reader (self, writer);

  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (op->changes->len > 0)
    pgs_emit_changes (self, op->changes);

  if (op->result_is_boolean || !op->has_result)
    g_task_return_boolean (task, op->has_result ? op->result_boolean : TRUE);
  else
    g_task_return_pointer (task, g_steal_pointer (&op->result), op->result_free);
}

void
pgs_run_read (CltPgStore      *self,
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
pgs_run_write (CltPgStore      *self,
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
  op->author = pgs_current_author (op->actor);
  op->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_array_set_clear_func (op->changes, (GDestroyNotify) pgs_change_clear);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);

  g_task_run_in_thread (task, write_thread);
}

gboolean
pgs_lookup_customer_pk (CltPgStore *self,
                    PgConn        *db,
                    const char     *customer_id,
                    gint64         *pk,
                    GError        **error)
{
  g_autoptr(PgStmt) stmt = NULL;
  int rc;

  stmt = pgs_prepare (self, db, "SELECT pk FROM customers WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  pgs_bind_text (stmt, 1, customer_id);
  rc = pg_step (stmt);
  if (rc == PG_ROW)
    {
      *pk = pg_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc != PG_DONE)
    {
      pgs_set_db_error (self, error, db, rc);
      return FALSE;
    }

  g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
               _("The customer no longer exists."));
  return FALSE;
}

/* }}} */


static void
clt_pg_store_store_iface_init (CltStoreInterface *iface)
{
  clt_sql_store_shop_iface_init (iface);
  clt_pg_store_session_iface_init (iface);
  clt_sql_store_membership_iface_init (iface);
  clt_pg_store_query_iface_init (iface);
  clt_sql_store_mail_iface_init (iface);
  clt_pg_store_import_iface_init (iface);
  clt_pg_store_customers_iface_init (iface);
  clt_sql_store_addresses_iface_init (iface);
  clt_sql_store_assisted_iface_init (iface);
}

static void
clt_pg_store_finalize (GObject *object)
{
  CltPgStore *self = (CltPgStore *) object;

  pgs_stop_upkeep (self);

  /* Every task holds a reference: no connection is in use by now. */
  g_clear_pointer (&self->readers, g_ptr_array_unref);
  g_clear_pointer (&self->idle_readers, g_async_queue_unref);
  g_clear_pointer (&self->listen_db, pg_conn_close);
  g_mutex_clear (&self->pool_lock);
  g_mutex_clear (&self->changes_lock);
  g_clear_pointer (&self->own_changes, g_hash_table_unref);
  g_clear_pointer (&self->conninfo, g_free);
  if (self->password != NULL)
    explicit_bzero (self->password, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->location, g_free);

  G_OBJECT_CLASS (clt_pg_store_parent_class)->finalize (object);
}

static void
clt_pg_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CltPgStore *self = CLT_PG_STORE (object);

  switch (prop_id)
    {
    case PROP_CONNINFO:
      g_value_set_string (value, self->conninfo);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, FALSE);
      break;

    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_pg_store_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CltPgStore *self = CLT_PG_STORE (object);

  switch (prop_id)
    {
    case PROP_CONNINFO:
      g_free (self->conninfo);
      self->conninfo = g_value_dup_string (value);
      break;

    case PROP_PASSWORD:
      g_free (self->password);
      self->password = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_pg_store_class_init (CltPgStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CltSqlStoreClass *sql_class = CLT_SQL_STORE_CLASS (klass);

  object_class->finalize = clt_pg_store_finalize;
  object_class->get_property = clt_pg_store_get_property;
  object_class->set_property = clt_pg_store_set_property;

  properties[PROP_CONNINFO] =
    g_param_spec_string ("conninfo", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Write-only: nothing reads a password back. */
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL,
                         NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_READ_ONLY, "read-only");
  g_object_class_override_property (object_class, PROP_LOCATION, "location");

  sql_class->engine = &clt_pg_engine;
  sql_class->dialect = &clt_pg_dialect;
  CLT_SQL_STORE_CLASS_SET_HELPERS (sql_class, pgs_);
}

static void
clt_pg_store_init (CltPgStore *self)
{
  g_mutex_init (&self->pool_lock);
  g_mutex_init (&self->changes_lock);
  self->own_changes = g_hash_table_new (NULL, NULL);
  self->idle_readers = g_async_queue_new ();
  self->readers = g_ptr_array_new_with_free_func ((GDestroyNotify) pgs_reader_free);
}

CltPgStore *
clt_pg_store_new (const char    *conninfo,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (conninfo != NULL, NULL);

  return g_initable_new (CLT_TYPE_PG_STORE, cancellable, error, "conninfo", conninfo, NULL);
}

CltPgStore *
clt_pg_store_new_with_password (const char    *conninfo,
                                const char    *password,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_return_val_if_fail (conninfo != NULL, NULL);

  return g_initable_new (CLT_TYPE_PG_STORE, cancellable, error,
                         "conninfo", conninfo, "password", password, NULL);
}

gboolean
clt_pg_read_password_file (const char  *path,
                           char       **password,
                           GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_filename_display_name (path);
  GStatBuf st;
  char *end;

  if (g_stat (path, &st) == 0 && (st.st_mode & 0077) != 0)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                   _("Others may read the password file “%s”: make it readable by its owner only "
                     "(chmod 600)."), name);
      return FALSE;
    }
  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  end = strchr (contents, '\n');
  if (end != NULL)
    *end = '\0';
  if (contents[0] != '\0' && contents[strlen (contents) - 1] == '\r')
    contents[strlen (contents) - 1] = '\0';
  if (contents[0] == '\0')
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                   _("The password file “%s” is empty."), name);
      return FALSE;
    }
  *password = g_strdup (contents);
  explicit_bzero (contents, strlen (contents));
  return TRUE;
}

const char *
clt_pg_store_get_conninfo (CltPgStore *self)
{
  g_return_val_if_fail (CLT_IS_PG_STORE (self), NULL);

  return self->conninfo;
}
