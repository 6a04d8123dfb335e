/* clt-rest-store-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-rest-store"

#include "config.h"

#include "clt-rest-store-private.h"

/* Following the server's change feed: GET /changes?since=N&timeout=25
 * answers at once when something changed after N, else after the wait
 * with no changes; each answer says the newest sequence number, which is
 * the next request's N. Every change becomes a "changed" signal. When the
 * server cannot be reached the loop waits (0.5 s, doubling up to 30 s) and
 * asks again from the same N, so nothing is missed once it is back. */

static void poll_feed (CltRestStore *self);

static gboolean
on_retry_cb (gpointer user_data)
{
  CltRestStore *self = user_data;

  self->feed_retry_id = 0;
  poll_feed (self);
  return G_SOURCE_REMOVE;
}

static void
retry_later (CltRestStore *self)
{
  guint delay = self->feed_backoff_ms;

  self->feed_backoff_ms = MIN (self->feed_backoff_ms * 2, FEED_BACKOFF_MAX_MS);
  g_clear_handle_id (&self->feed_retry_id, g_source_remove);
  self->feed_retry_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay, on_retry_cb,
                                            g_object_ref (self), g_object_unref);
}

/* Emits the changes of one answer; FALSE when it is not the feed's. */
static gboolean
take_changes (CltRestStore  *self,
              JsonNode      *node,
              gboolean      *heard,
              GError       **error)
{
  JsonObject *answer;
  JsonNode *last;
  JsonArray *changes;
  gint64 newest;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto bad;

  answer = json_node_get_object (node);
  last = json_object_get_member (answer, "last");
  if (last == NULL || json_node_get_value_type (last) != G_TYPE_INT64 ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (answer, "changes")))
    goto bad;

  newest = json_node_get_int (last);
  changes = json_object_get_array_member (answer, "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      g_autofree char *id = NULL;
      CltChangeKind kind;
      gint64 seq;

      if (!clt_json_change_parse (json_array_get_element (changes, i), &seq, &kind, &id, error))
        return FALSE;
      /* Already heard (an answer that overlaps the last one). */
      if (seq <= self->feed_last)
        continue;
      /* No id is empty: "" is "none" (any number of customers). */
      clt_store_emit_changed (CLT_STORE (self), kind, id != NULL && id[0] != '\0' ? id : NULL);
      *heard = TRUE;
      newest = MAX (newest, seq);
    }

  /* A server whose log started again (a new database) counts from its own
   * newest number. */
  self->feed_last = newest;
  return TRUE;

bad:
  g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                       _("The change feed answered in a form Clientele does not know."));
  return FALSE;
}

static void
on_feed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CltRestStore *self = CLT_REST_STORE (object);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gboolean heard = FALSE;

  node = rest_call_finish (self, result, &error);
  if (!self->following)
    return;

  if (node == NULL || !take_changes (self, node, &heard, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Change feed of %s: %s", self->url, error->message);
      retry_later (self);
      return;
    }

  self->feed_backoff_ms = FEED_BACKOFF_MIN_MS;

  /* An empty answer that came at once (a server that does not hold the
   * poll) must not make a tight loop. */
  if (!heard && g_get_monotonic_time () - self->feed_asked < G_USEC_PER_SEC)
    {
      g_clear_handle_id (&self->feed_retry_id, g_source_remove);
      self->feed_retry_id = g_timeout_add_full (G_PRIORITY_DEFAULT, FEED_IDLE_POLL_MS,
                                                on_retry_cb, g_object_ref (self),
                                                g_object_unref);
      return;
    }

  poll_feed (self);
}

static void
poll_feed (CltRestStore *self)
{
  g_autofree char *since = g_strdup_printf ("%" G_GINT64_FORMAT, self->feed_last);
  g_autofree char *wait = g_strdup_printf ("%u", FEED_WAIT_S);
  RestCall *call;

  if (!self->following)
    return;

  call = rest_call_new (self, "GET", "/changes", RESULT_NODE, G_TYPE_NONE);
  rest_call_add_param (call, "since", since);
  rest_call_add_param (call, "timeout", wait);
  rest_call_set_timeout (call, FEED_TIMEOUT_S);
  self->feed_asked = g_get_monotonic_time ();
  rest_call_start (call, poll_feed, NULL, on_feed_cb, NULL);
}

void
rest_feed_start (CltRestStore *self,
                 gint64        since)
{
  if (self->following)
    return;

  self->following = TRUE;
  self->feed_last = since;
  self->feed_backoff_ms = FEED_BACKOFF_MIN_MS;
  poll_feed (self);
}

void
rest_feed_stop (CltRestStore *self)
{
  self->following = FALSE;
  g_clear_handle_id (&self->feed_retry_id, g_source_remove);
}

void
rest_feed_retry_now (CltRestStore *self)
{
  if (!self->following || self->feed_retry_id == 0)
    return;

  self->feed_backoff_ms = FEED_BACKOFF_MIN_MS;
  g_clear_handle_id (&self->feed_retry_id, g_source_remove);
  poll_feed (self);
}
