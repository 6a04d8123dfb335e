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

/* A connection from the pool, in one snapshot for the whole read: a count
 * and its page agree. */
static Reader *
pgs_begin_read (CltPgStore    *self,
                GCancellable  *cancellable,
                GError       **error)
{
  Reader *reader = pgs_acquire_reader (self, cancellable, error);

  if (reader == NULL)
    return NULL;

  if (!pgs_reader_begin (self, reader, error))
    {
      pg_exec (reader->db, "ROLLBACK");
      pgs_release_reader (self, reader);
      return NULL;
    }

  return reader;
}

static void
pgs_end_read (CltPgStore *self,
              Reader     *reader,
              gboolean    ok)
{
  if (ok && pg_exec (reader->db, "COMMIT") == PG_OK)
    reader->committed_plan_mode = reader->plan_mode;
  else
    {
      if (!pg_get_autocommit (reader->db))
        pg_exec (reader->db, "ROLLBACK");
      reader->plan_mode = reader->committed_plan_mode;
    }
  pgs_release_reader (self, reader);
}

/* Writes of every instance follow one another: the advisory lock. */
static PgConn *
pgs_begin_write (CltPgStore    *self,
                 GCancellable  *cancellable,
                 gpointer      *writer,
                 GError       **error)
{
  Reader *reader = pgs_acquire_reader (self, cancellable, error);
  g_autofree char *begin = NULL;

  if (reader == NULL)
    return NULL;

  /* One round trip; the server's plan_cache_mode whatever a list set. */
  begin = g_strdup_printf ("BEGIN ISOLATION LEVEL READ COMMITTED;%s"
                           " SELECT pg_advisory_xact_lock (%d)",
                           reader->plan_mode != NULL
                             ? " SET LOCAL plan_cache_mode = " PG_PLAN_AUTO ";" : "",
                           PG_WRITE_LOCK_KEY);
  if (!pgs_exec_sql (self, reader->db, begin, error))
    {
      pg_conn_watch_cancellable (reader->db, NULL);
      if (!pg_get_autocommit (reader->db))
        pg_exec (reader->db, "ROLLBACK");
      pgs_release_reader (self, reader);
      return NULL;
    }

  *writer = reader;
  return reader->db;
}

/* Every instance drops the counts and anchors its readers share when
 * clt_data_version moves; the listeners of other instances hear of the
 * changes. */
static gboolean
pgs_end_write (CltPgStore  *self,
               Reader      *writer,
               CltSqlOp    *op,
               gboolean     ok,
               GError     **error)
{
  PgConn *db = writer->db;

  /* Once the work is done, cancelling must not interrupt COMMIT: the
   * caller would see "cancelled" for a change that may be committed. */
  pg_conn_watch_cancellable (db, NULL);
  if (ok)
    ok = pgs_exec_sql (self, db, "UPDATE clt_data_version SET version = version + 1", error) &&
         (op->changes->len == 0 || pgs_exec_sql (self, db, "NOTIFY " PG_CHANGES_CHANNEL, error)) &&
         pgs_exec_sql (self, db, "COMMIT", error);
  if (!ok && !pg_get_autocommit (db))
    pg_exec (db, "ROLLBACK");
  pgs_release_reader (self, writer);
  return ok;
}

/* }}} */


static void
clt_pg_store_store_iface_init (CltStoreInterface *iface)
{
  clt_sql_store_shop_iface_init (iface);
  clt_sql_store_changes_iface_init (iface);
  clt_sql_store_membership_iface_init (iface);
  clt_pg_store_query_iface_init (iface);
  clt_sql_store_mail_iface_init (iface);
  clt_sql_store_import_iface_init (iface);
  clt_sql_store_customers_iface_init (iface);
  clt_sql_store_addresses_iface_init (iface);
  clt_sql_store_assisted_iface_init (iface);
}

/* No task uses a connection by now (clt_sql_store_close ()). */
static void
close_connections (CltPgStore *self)
{
  pgs_stop_upkeep (self);
  g_clear_pointer (&self->readers, g_ptr_array_unref);
  g_queue_clear (&self->idle_readers);
  g_clear_pointer (&self->listen_db, pg_conn_close);
}

static void
clt_pg_store_finalize (GObject *object)
{
  CltPgStore *self = (CltPgStore *) object;

  /* Unless it was closed before: every task holds a reference, so none
   * is under way, and this closes the connections at once. */
  clt_sql_store_close (CLT_SQL_STORE (self));
  g_mutex_clear (&self->pool_lock);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->anchors, g_hash_table_unref);
  g_clear_pointer (&self->making, g_hash_table_unref);
  g_cond_clear (&self->cache_made);
  g_mutex_clear (&self->cache_lock);
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
  sql_class->close_connections = CLT_SQL_ENGINE_FUNC (close_connections);
}

static void
clt_pg_store_init (CltPgStore *self)
{
  g_mutex_init (&self->pool_lock);
  g_mutex_init (&self->cache_lock);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) pgs_anchors_free);
  self->cache_version = -1;
  self->making = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_cond_init (&self->cache_made);
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
