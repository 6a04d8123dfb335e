/* clt-pg-store-session.c — what other instances changed reaches this one
 * within two seconds: CltSqlStore polls the change log every second
 * (clt-sql-store-changes.c), and a NOTIFY of another instance's commit
 * (LISTEN on a connection of its own) wakes the poll at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-pg-store"

#include "config.h"

#include <glib-unix.h>

#include "clt-pg-store-private.h"

/* Upkeep {{{ */

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
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
    sql_poll_changes (CLT_SQL_STORE (self));
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

/* Called once open, with the last change of the log. */
void
pgs_start_upkeep (CltPgStore *self,
                  gint64      last_change)
{
  sql_start_upkeep (CLT_SQL_STORE (self), last_change);
  start_listening (self);
}

void
pgs_stop_upkeep (CltPgStore *self)
{
  sql_stop_upkeep (CLT_SQL_STORE (self));
  if (self->listen_source != NULL)
    {
      g_source_destroy (self->listen_source);
      g_clear_pointer (&self->listen_source, g_source_unref);
    }
}

/* }}} */
