/* clt-server-changes.c — GET /changes: the change feed. A poll with
 * changes after its "since" is answered at once; one without waits (up to
 * its timeout) until the store's "changed" signal says there may be some,
 * and is then answered from list_changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-server"

#include "config.h"

#include "clt-server-private.h"

#define CHANGES_LIMIT 1000

static void
respond_changes (Request *req,
                 GArray  *changes,
                 gint64   last)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      const CltChange *change = &g_array_index (changes, CltChange, i);

      if (change->seq <= req->since)
        continue;
      json_builder_add_value (builder, clt_json_change_new (change->seq, change->kind, change->id));
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "last");
  json_builder_add_int_value (builder, last);
  json_builder_end_object (builder);

  respond_node (req, SOUP_STATUS_OK, json_builder_get_root (builder), -1);
}

/* Whether @changes holds anything after the poll's "since". */
static gboolean
has_news (Request *req,
          GArray  *changes)
{
  return changes->len > 0 && g_array_index (changes, CltChange, changes->len - 1).seq > req->since;
}

void
changes_forget (Request *req)
{
  CltServer *self = req->server;

  if (req->poll_link != NULL)
    {
      g_queue_delete_link (&self->polls, req->poll_link);
      req->poll_link = NULL;
    }
  if (req->poll_timeout != NULL)
    {
      g_source_destroy (req->poll_timeout);
      g_clear_pointer (&req->poll_timeout, g_source_unref);
    }
}

static gboolean
on_poll_timeout_cb (gpointer user_data)
{
  Request *req = user_data;

  changes_forget (req);
  respond_changes (req, NULL, req->poll_last);
  return G_SOURCE_REMOVE;
}

static void
wait_for_news (Request *req)
{
  CltServer *self = req->server;

  g_queue_push_tail (&self->polls, req);
  req->poll_link = self->polls.tail;
  req->poll_timeout = g_timeout_source_new_seconds (req->poll_seconds);
  g_source_set_static_name (req->poll_timeout, "[clt] change feed poll");
  g_source_set_callback (req->poll_timeout, on_poll_timeout_cb, req, NULL);
  g_source_attach (req->poll_timeout, NULL);
}

static void refresh_polls (CltServer *self);

static void
on_first_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 last = 0;

  changes = clt_store_list_changes_finish (CLT_STORE (object), result, &last, &error);
  if (changes == NULL)
    {
      respond_error (req, error);
      return;
    }

  req->poll_last = MAX (last, req->since);
  if (has_news (req, changes) || req->poll_seconds == 0 || req->server->draining || req->finished)
    {
      respond_changes (req, changes, last);
      return;
    }

  wait_for_news (req);

  /* A change that came while the first read ran woke no one: this poll
   * was not waiting yet. Read again for it. */
  if (req->server->changes_seen != req->poll_seen)
    refresh_polls (req->server);
}

void
changes_uncount (Request *req)
{
  GHashTable *counts = req->server->polls_per_token;
  guint n;

  if (!req->poll_counted)
    return;

  req->poll_counted = FALSE;
  n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, req->token_hash));
  if (n <= 1)
    g_hash_table_remove (counts, req->token_hash);
  else
    g_hash_table_insert (counts, g_strdup (req->token_hash), GUINT_TO_POINTER (n - 1));
}

/* A token may hold CLT_SERVER_MAX_POLLS_PER_TOKEN polls open: one more
 * is refused (and must wait for one of them to end). */
static gboolean
count_poll (Request *req)
{
  GHashTable *counts = req->server->polls_per_token;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, req->token_hash));

  if (n >= CLT_SERVER_MAX_POLLS_PER_TOKEN)
    {
      g_autoptr(GError) error = NULL;

      error = clt_store_error_new_retry_after (CLT_SERVER_MAX_POLL_SECONDS,
                                               _("Too many change-feed polls are open with this "
                                                 "access token: wait for one to end."));
      respond_error (req, error);
      return FALSE;
    }

  g_hash_table_insert (counts, g_strdup (req->token_hash), GUINT_TO_POINTER (n + 1));
  req->poll_counted = TRUE;
  return TRUE;
}

void
handle_get_changes (Request *req)
{
  const char *since = request_query (req, "since");
  const char *timeout = request_query (req, "timeout");
  guint64 value = 0;

  if (since != NULL && since[0] != '\0' &&
      !g_ascii_string_to_unsigned (since, 10, 0, G_MAXINT64 - 1, &value, NULL))
    {
      respond_problem (req, SOUP_STATUS_BAD_REQUEST, CLT_STORE_ERROR_INVALID,
                       _("since is a change’s sequence number (0 or more)."));
      return;
    }
  req->since = (gint64) value;

  value = CLT_SERVER_MAX_POLL_SECONDS;
  if (timeout != NULL && timeout[0] != '\0' &&
      !g_ascii_string_to_unsigned (timeout, 10, 0, CLT_SERVER_MAX_POLL_SECONDS, &value, NULL))
    {
      respond_problem (req, SOUP_STATUS_BAD_REQUEST, CLT_STORE_ERROR_INVALID,
                       _("timeout is a number of seconds from 0 to 30."));
      return;
    }
  req->poll_seconds = (guint) value;
  req->poll_seen = req->server->changes_seen;

  /* No starting point: where the log is now, at once. (since=0 is a
   * starting point: an empty log's "last", waited on like any other.) */
  if (since == NULL || since[0] == '\0')
    {
      req->since = G_MAXINT64;
      req->poll_seconds = 0;
      STORE_CALL (req, clt_store_list_changes_async (req->server->store, G_MAXINT64, 1, NULL,
                                                     on_first_listed_cb, req));
      return;
    }

  if (req->poll_seconds > 0 && !count_poll (req))
    return;

  STORE_CALL (req, clt_store_list_changes_async (req->server->store, req->since, CHANGES_LIMIT,
                                                 NULL, on_first_listed_cb, req));
}

static void
on_refreshed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CltServer) self = user_data;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 last = 0;
  GList *l;

  self->polls_refreshing = FALSE;
  changes = clt_store_list_changes_finish (CLT_STORE (object), result, &last, &error);
  if (changes == NULL)
    g_debug ("Reading the change log failed: %s", error->message);

  for (l = self->polls.head; changes != NULL && l != NULL;)
    {
      Request *req = l->data;

      l = l->next;
      if (has_news (req, changes))
        {
          changes_forget (req);
          respond_changes (req, changes, last);
        }
    }

  if (self->polls_dirty)
    refresh_polls (self);
}

/* One read for every waiting poll: from the oldest "since" among them. */
static void
refresh_polls (CltServer *self)
{
  Request *first;
  gint64 since = G_MAXINT64;

  self->polls_dirty = FALSE;
  if (g_queue_is_empty (&self->polls))
    return;
  if (self->polls_refreshing)
    {
      self->polls_dirty = TRUE;
      return;
    }

  for (GList *l = self->polls.head; l != NULL; l = l->next)
    since = MIN (since, ((Request *) l->data)->since);

  first = self->polls.head->data;
  self->polls_refreshing = TRUE;
  STORE_CALL (first, clt_store_list_changes_async (self->store, since, CHANGES_LIMIT, NULL,
                                                   on_refreshed_cb, g_object_ref (self)));
}

static void
on_store_changed_cb (CltStore      *store,
                     CltChangeKind  kind,
                     const char    *id,
                     gpointer       user_data)
{
  CltServer *self = user_data;

  self->changes_seen++;
  refresh_polls (self);
}

void
changes_start (CltServer *self)
{
  self->changed_id = g_signal_connect (self->store, "changed", G_CALLBACK (on_store_changed_cb),
                                       self);
}

/* Answers every waiting poll with what it has: the server is stopping. */
void
changes_answer_all (CltServer *self)
{
  Request *req;

  while ((req = g_queue_peek_head (&self->polls)) != NULL)
    {
      changes_forget (req);
      respond_changes (req, NULL, req->poll_last);
    }
}

void
changes_stop (CltServer *self)
{
  if (self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, self->store);
  changes_answer_all (self);
}
