/* clt-pg-store-session.c — who acts (role, permissions, author), the
 * change log and what other instances changed (LISTEN/NOTIFY and a poll
 * of the log), creates by request id, and the store's own upkeep:
 * finishing deletions whose undo time is over.
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
/* Request ids are remembered this long (a retried create comes soon). */
#define REQUEST_ID_LIFETIME_USEC (G_GINT64_CONSTANT (24) * 3600 * G_USEC_PER_SEC)
#define CHANGE_LOG_LIFETIME_USEC (G_GINT64_CONSTANT (30) * 24 * 3600 * G_USEC_PER_SEC)

/* Who acts {{{ */

/* The desktop user owns a local database: their name is the author of
 * what they write. A user the caller acts as (a server's client) is known
 * by their username. */
char *
pgs_current_author (CltBackofficeUser *actor)
{
  const char *real_name;

  if (actor != NULL)
    return g_strdup (clt_backoffice_user_get_username (actor));

  real_name = g_get_real_name ();

  if (real_name != NULL && real_name[0] != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);

  return g_strdup (g_get_user_name ());
}

gboolean
pgs_read_local_role (CltPgStore  *self,
                 PgConn         *db,
                 CltRole         *role,
                 GError         **error)
{
  g_autoptr(PgStmt) stmt = NULL;
  int rc;

  *role = CLT_ROLE_ADMIN;

  stmt = pgs_prepare (self, db, "SELECT value FROM shop_preferences WHERE key = 'local-role'", error);
  if (stmt == NULL)
    return FALSE;

  rc = pg_step (stmt);
  if (rc == PG_ROW)
    {
      g_autoptr(GEnumClass) roles = g_type_class_ref (CLT_TYPE_ROLE);
      GEnumValue *value = g_enum_get_value_by_nick (roles, pgs_column_text (stmt, 0));

      if (value != NULL)
        *role = value->value;
      return TRUE;
    }
  if (rc != PG_DONE)
    {
      pgs_set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

gboolean
pgs_check_permission (CltPgStore     *self,
                  PgConn            *db,
                  CltBackofficeUser  *actor,
                  CltPermission       permission,
                  GError            **error)
{
  CltRole role;

  if (permission == CLT_PERMISSION_READ)
    return TRUE;

  /* Someone acting through a server has the role the server gave them;
   * the local role is the desktop user's. */
  if (actor != NULL)
    role = clt_backoffice_user_get_role (actor);
  else if (!pgs_read_local_role (self, db, &role, error))
    return FALSE;

  if (clt_role_may (role, permission))
    return TRUE;

  switch (permission)
    {
    case CLT_PERMISSION_MANAGE_SHOP:
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_PERMISSION_DENIED,
                           _("Only administrators may change the shop’s settings, sites, "
                             "groups, companies and fields, or import customers."));
      break;

    case CLT_PERMISSION_ASSISTED_BUYING:
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_PERMISSION_DENIED,
                           _("Only members of the support group may shop for a customer."));
      break;

    case CLT_PERMISSION_READ:
    case CLT_PERMISSION_EDIT_CUSTOMERS:
    default:
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_PERMISSION_DENIED,
                           _("Your role lets you look at customers but not change them."));
      break;
    }

  return FALSE;
}

/* }}} */

/* The change log {{{ */

/* Appends a change to the log (in the write's transaction) and to what the
 * task emits as "changed" once it committed. */
gboolean
pgs_record_change (CltPgStore  *self,
               PgConn         *db,
               GTask           *task,
               CltChangeKind    kind,
               const char      *id,
               GError         **error)
{
  Op *op = g_task_get_task_data (task);
  g_autoptr(PgStmt) stmt = NULL;
  Change change;

  stmt = pgs_prepare (self, db,
                  "INSERT INTO change_log (kind, object_id, author, at) VALUES (?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  pg_bind_int (stmt, 1, kind);
  pgs_bind_text (stmt, 2, id);
  pgs_bind_text (stmt, 3, op->author);
  pg_bind_int64 (stmt, 4, pgs_now_usec ());
  if (!pgs_step_expect_done (self, db, stmt, error))
    return FALSE;

  change.seq = pg_last_insert_rowid (db);
  change.kind = kind;
  change.id = g_strdup (id);
  g_array_append_val (op->changes, change);
  return TRUE;
}

void
pgs_change_clear (Change *change)
{
  g_clear_pointer (&change->id, g_free);
}

/* Called on the main context after a write committed: tells listeners, and
 * remembers the sequence numbers so that the poll below skips them. */
void
pgs_emit_changes (CltPgStore *self,
              GArray         *changes)
{
  g_mutex_lock (&self->changes_lock);
  for (guint i = 0; i < changes->len; i++)
    {
      const Change *change = &g_array_index (changes, Change, i);

      g_hash_table_add (self->own_changes, GSIZE_TO_POINTER ((gsize) change->seq));
    }
  g_mutex_unlock (&self->changes_lock);

  for (guint i = 0; i < changes->len; i++)
    {
      const Change *change = &g_array_index (changes, Change, i);

      clt_store_emit_changed (CLT_STORE (self), change->kind, change->id);
    }
}

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

/* A create repeated with the same request id (a Save retried after a
 * timeout, say) finds what the first one made: TRUE with @object_id set
 * (NULL when the id is new). */
gboolean
pgs_request_id_lookup (CltPgStore  *self,
                   PgConn         *db,
                   GTask           *task,
                   const char      *request_id,
                   CltChangeKind    kind,
                   char           **object_id,
                   GError         **error)
{
  Op *op = g_task_get_task_data (task);
  g_autoptr(PgStmt) stmt = NULL;
  int rc;

  *object_id = NULL;
  if (request_id == NULL || request_id[0] == '\0')
    return TRUE;

  stmt = pgs_prepare (self, db,
                  "SELECT kind, object_id FROM request_ids WHERE author = ? AND request_id = ?",
                  error);
  if (stmt == NULL)
    return FALSE;

  pgs_bind_text (stmt, 1, op->author);
  pgs_bind_text (stmt, 2, request_id);
  rc = pg_step (stmt);
  if (rc == PG_ROW)
    {
      if (pg_column_int (stmt, 0) != (int) kind)
        {
          g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT,
                               _("This request was already used for something else."));
          return FALSE;
        }
      *object_id = g_strdup (pgs_column_text (stmt, 1));
      return TRUE;
    }
  if (rc != PG_DONE)
    {
      pgs_set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

gboolean
pgs_request_id_record (CltPgStore  *self,
                   PgConn         *db,
                   GTask           *task,
                   const char      *request_id,
                   CltChangeKind    kind,
                   const char      *object_id,
                   GError         **error)
{
  Op *op = g_task_get_task_data (task);
  g_autoptr(PgStmt) stmt = NULL;
  g_autoptr(PgStmt) expire = NULL;
  gint64 now = pgs_now_usec ();

  if (request_id == NULL || request_id[0] == '\0')
    return TRUE;

  expire = pgs_prepare (self, db, "DELETE FROM request_ids WHERE created < ?", error);
  if (expire == NULL)
    return FALSE;
  pg_bind_int64 (expire, 1, now - REQUEST_ID_LIFETIME_USEC);
  if (!pgs_step_expect_done (self, db, expire, error))
    return FALSE;

  stmt = pgs_prepare (self, db,
                  "INSERT INTO request_ids (author, request_id, kind, object_id, created)"
                  " VALUES (?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  pgs_bind_text (stmt, 1, op->author);
  pgs_bind_text (stmt, 2, request_id);
  pg_bind_int (stmt, 3, kind);
  pgs_bind_text (stmt, 4, object_id);
  pg_bind_int64 (stmt, 5, now);
  return pgs_step_expect_done (self, db, stmt, error);
}

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
  Op *op = g_task_get_task_data (G_TASK (result));
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

      g_mutex_lock (&self->changes_lock);
      own = g_hash_table_remove (self->own_changes, GSIZE_TO_POINTER ((gsize) change->seq));
      g_mutex_unlock (&self->changes_lock);

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
  g_array_set_clear_func (data->changes, (GDestroyNotify) pgs_change_clear);
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
