/* clt-pg-store-open.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-pg-store"

#include "config.h"

#include "clt-pg-store-private.h"

/* The key of the advisory lock that creating or migrating the schema holds:
 * instances that start together migrate once. */
#define PG_MIGRATE_LOCK_KEY 1131181158

/* The connection pool {{{ */

void
pgs_watch_cancellable (PgConn       *db,
                       GCancellable *cancellable)
{
  pg_conn_watch_cancellable (db, cancellable);
}

void
pgs_reader_free (Reader *reader)
{
  pg_conn_close (reader->db);
  g_clear_pointer (&reader->fields, pgs_fields_free);
  g_free (reader);
}

static Reader *
reader_new (PgConn *db)
{
  Reader *reader = g_new0 (Reader, 1);

  reader->db = db;
  reader->data_version = -1;
  return reader;
}

static void
set_unavailable (CltPgStore  *self,
                 GError      *cause,
                 GError     **error)
{
  g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE,
               _("The database “%s” cannot be reached: %s"), self->location, cause->message);
}

/* The pool hands its connections to those waiting for one in the order
 * they came. A GAsyncQueue woke one of its waiters when a connection came
 * back, but the thread that had given it back, starting its next task,
 * took it first (g_async_queue_try_pop ()) as often as not: with the
 * list bench's 16 requests in flight on 4 connections, a request waited
 * 9.6 ms for one on average and 33 ms at p99 (120 ms at worst), most of
 * its p99 of 59 ms. */
typedef struct
{
  GCond    cond;
  Reader  *reader;   /* the connection handed over */
  gboolean open;     /* or the right to open one (one was lost) */
} PoolWaiter;

/* Under pool_lock: @reader (NULL: a lost connection's place in the pool)
 * goes to the oldest waiter, or back to the pool. */
static void
pool_hand_over (CltPgStore *self,
                Reader     *reader)
{
  PoolWaiter *waiter = g_queue_pop_head (&self->pool_waiters);

  if (waiter != NULL)
    {
      waiter->reader = reader;
      waiter->open = reader == NULL;
      g_cond_signal (&waiter->cond);
    }
  else if (reader != NULL)
    g_queue_push_tail (&self->idle_readers, reader);
  else
    self->n_connections--;
}

/* A connection of the pool, opened when all are busy and fewer than
 * PG_POOL_SIZE exist, else the first given back to the pool after those
 * who waited before; NULL (with @error) when the server cannot be
 * reached. */
Reader *
pgs_acquire_reader (CltPgStore    *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean open_one = FALSE;
  Reader *reader;
  PgConn *db;

  g_mutex_lock (&self->pool_lock);
  reader = g_queue_pop_head (&self->idle_readers);
  if (reader == NULL && self->n_connections < PG_POOL_SIZE)
    {
      self->n_connections++;
      open_one = TRUE;
    }
  else if (reader == NULL)
    {
      PoolWaiter waiter = { 0 };

      g_cond_init (&waiter.cond);
      g_queue_push_tail (&self->pool_waiters, &waiter);
      while (waiter.reader == NULL && !waiter.open)
        g_cond_wait (&waiter.cond, &self->pool_lock);
      g_cond_clear (&waiter.cond);
      reader = waiter.reader;
      open_one = waiter.open;
    }
  g_mutex_unlock (&self->pool_lock);

  if (open_one)
    {
      db = pg_conn_open (self->conninfo, self->password, &local_error);
      g_mutex_lock (&self->pool_lock);
      if (db == NULL)
        pool_hand_over (self, NULL);
      else
        g_ptr_array_add (self->readers, reader = reader_new (db));
      g_mutex_unlock (&self->pool_lock);
      if (db == NULL)
        {
          set_unavailable (self, local_error, error);
          return NULL;
        }
    }

  pgs_watch_cancellable (reader->db, cancellable);
  return reader;
}

/* An idle connection of the pool, or NULL when none is (tests). */
Reader *
pgs_take_idle_reader (CltPgStore *self)
{
  Reader *reader;

  g_mutex_lock (&self->pool_lock);
  reader = g_queue_pop_head (&self->idle_readers);
  g_mutex_unlock (&self->pool_lock);
  return reader;
}

/* A connection the server dropped (restart, failover) leaves the pool;
 * the next operation (one waiting, first) opens a new one. */
void
pgs_release_reader (CltPgStore *self,
                    Reader     *reader)
{
  pgs_watch_cancellable (reader->db, NULL);
  g_mutex_lock (&self->pool_lock);
  if (!pg_conn_is_ok (reader->db))
    {
      g_ptr_array_remove (self->readers, reader);
      reader = NULL;
    }
  pool_hand_over (self, reader);
  g_mutex_unlock (&self->pool_lock);
}

/* A read's transaction, and in the same round trip what its caches and
 * filters depend on: a round trip costs both processes more CPU time
 * than these two lookups, and a prepared statement spares the server
 * parsing and planning them for each read. */
gboolean
pgs_reader_begin (CltPgStore  *self,
                  Reader      *reader,
                  GError     **error)
{
  gint64 values[2];
  int rc;

  rc = pg_begin_values (reader->db,
                        "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
                        "SELECT (SELECT version FROM clt_data_version),"
                        " EXISTS (SELECT 1 FROM pending_deletions)",
                        values, G_N_ELEMENTS (values));
  if (rc != PG_OK)
    {
      pgs_set_db_error (self, error, reader->db, rc);
      return FALSE;
    }

  reader->snapshot_version = values[0];
  reader->pending_deletions = values[1] != 0;
  return TRUE;
}

/* Sets the session's plan_cache_mode of @reader to @mode (PG_PLAN_*)
 * unless it is that already, inside the read's transaction. */
gboolean
pgs_set_plan_mode (CltPgStore  *self,
                   Reader      *reader,
                   const char  *mode,
                   GError     **error)
{
  g_autofree char *sql = NULL;

  if (g_strcmp0 (reader->plan_mode, mode) == 0 ||
      (reader->plan_mode == NULL && g_str_equal (mode, PG_PLAN_AUTO)))
    return TRUE;

  sql = g_strdup_printf ("SET plan_cache_mode = %s", mode);
  if (!pgs_exec_sql (self, reader->db, sql, error))
    return FALSE;
  reader->plan_mode = g_str_equal (mode, PG_PLAN_AUTO) ? NULL : mode;
  return TRUE;
}

/* }}} */

/* Connection strings {{{ */

gboolean
clt_pg_conninfo_has_password (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  gboolean found = FALSE;

  if (options == NULL)
    return FALSE;
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (g_strcmp0 (option->keyword, "password") == 0 && option->val != NULL &&
        option->val[0] != '\0')
      found = TRUE;
  PQconninfoFree (options);
  return found;
}

/* "host=… port=… dbname=… user=…": what the store shows as its location,
 * never a password. */
static char *
describe_conninfo (const char *conninfo)
{
  static const char * const shown[] = { "host", "port", "dbname", "user" };
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  GString *out = g_string_new (NULL);

  if (options == NULL)
    return g_string_free (out, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    for (PQconninfoOption *option = options; option->keyword != NULL; option++)
      if (g_strcmp0 (option->keyword, shown[i]) == 0 && option->val != NULL &&
          option->val[0] != '\0')
        g_string_append_printf (out, "%s%s=%s", out->len > 0 ? " " : "", shown[i], option->val);
  PQconninfoFree (options);
  return g_string_free (out, FALSE);
}

gboolean
clt_pg_store_is_empty (CltPgStore  *self,
                       gboolean    *empty,
                       GError     **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  Reader *reader;
  int rc;

  g_return_val_if_fail (CLT_IS_PG_STORE (self), FALSE);

  reader = pgs_acquire_reader (self, NULL, error);
  if (reader == NULL)
    return FALSE;
  stmt = pgs_prepare (self, reader->db,
                      "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM backoffice_users)"
                      " + (SELECT count(*) FROM sites) + (SELECT count(*) FROM groups)"
                      " + (SELECT count(*) FROM companies) + (SELECT count(*) FROM custom_fields)"
                      " + (SELECT count(*) FROM change_log) + (SELECT count(*) FROM shop_preferences)",
                      error);
  rc = stmt != NULL ? clt_sql_step (stmt) : PG_ERROR;
  if (stmt != NULL && rc != CLT_SQL_ROW)
    pgs_set_db_error (self, error, reader->db, rc);
  else if (stmt != NULL)
    *empty = clt_sql_column_int64 (stmt, 0) == 0;
  g_clear_pointer (&stmt, clt_sql_finalize);
  pgs_release_reader (self, reader);
  return rc == CLT_SQL_ROW;
}

/* }}} */

/* Opening {{{ */

/* Creates or migrates the schema, and clears what is past its time, in
 * one transaction under the migration lock. */
static gboolean
prepare_database (CltPgStore  *self,
                  PgConn      *db,
                  GError     **error)
{
  g_autofree char *lock = g_strdup_printf ("SELECT pg_advisory_xact_lock (%d)", PG_MIGRATE_LOCK_KEY);
  int version;

  if (!pgs_exec_sql (self, db, "BEGIN", error) || !pgs_exec_sql (self, db, lock, error))
    return FALSE;

  version = clt_pg_schema_read_version (db, error);
  if (version < 0)
    goto fail;
  if (version > CLT_PG_SCHEMA_VERSION)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                   _("The database “%s” was written by a newer version of Clientele."),
                   self->location);
      goto fail;
    }
  if (version < CLT_PG_SCHEMA_VERSION && !clt_pg_schema_migrate (db, version, error))
    goto fail;

  if (!sql_clear_expired (CLT_SQL_STORE (self), (CltSqlDb *) db, error))
    goto fail;

  return pgs_exec_sql (self, db, "COMMIT", error);

fail:
  pg_exec (db, "ROLLBACK");
  return FALSE;
}

static gboolean
clt_pg_store_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  CltPgStore *self = CLT_PG_STORE (initable);
  Reader *reader;
  gint64 last_change;

  if (self->conninfo == NULL || self->conninfo[0] == '\0')
    {
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                           _("No PostgreSQL database was given."));
      return FALSE;
    }
  self->location = describe_conninfo (self->conninfo);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  reader = pgs_acquire_reader (self, cancellable, error);
  if (reader == NULL)
    return FALSE;
  if (!prepare_database (self, reader->db, error))
    {
      pgs_release_reader (self, reader);
      return FALSE;
    }

  /* Changes from here on are news; what came before is in the database. */
  last_change = sql_read_last_change (CLT_SQL_STORE (self), (CltSqlDb *) reader->db);
  pgs_release_reader (self, reader);

  pgs_start_upkeep (self, last_change);

  return TRUE;
}

void
clt_pg_store_initable_iface_init (GInitableIface *iface)
{
  iface->init = clt_pg_store_initable_init;
}

/* }}} */
