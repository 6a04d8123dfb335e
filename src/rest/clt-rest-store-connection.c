/* clt-rest-store-connection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-rest-store"

#include "config.h"

#include <string.h>

#include "clt-rest-store-private.h"

/* Whether the server can be reached and takes the token, as the requests
 * find out (the change feed asks all the time, so a server that stops or a
 * token that is revoked shows even while nobody does anything). A window
 * shows it, and a user whose token was refused can give a new one without
 * closing anything: clt_rest_store_set_token (). */

enum {
  CONNECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
rest_store_connection_class_init (GObjectClass *object_class)
{
  /**
   * CltRestStore::connection-changed:
   *
   * clt_rest_store_get_connection_error () changed.
   */
  signals[CONNECTION_CHANGED] =
    g_signal_new ("connection-changed",
                  G_TYPE_FROM_CLASS (object_class),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static gboolean
is_connection_error (const GError *error)
{
  return g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE) ||
         g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SIGNED_IN);
}

void
rest_store_note_outcome (CltRestStore *self,
                         guint         token_serial,
                         const GError *error)
{
  /* A request sent with a token that was replaced meanwhile says nothing
   * about the new one. */
  if (token_serial != self->token_serial)
    return;

  if (error != NULL && !is_connection_error (error))
    return;

  if (error == NULL && self->connection_error == NULL)
    return;
  if (error != NULL && self->connection_error != NULL &&
      self->connection_error->code == error->code &&
      g_strcmp0 (self->connection_error->message, error->message) == 0)
    return;

  g_clear_error (&self->connection_error);
  if (error != NULL)
    self->connection_error = g_error_copy (error);

  g_signal_emit (self, signals[CONNECTION_CHANGED], 0);
}

/**
 * clt_rest_store_get_connection_error:
 *
 * Returns: (nullable): what the last request that reached a verdict ran
 *   into: UNAVAILABLE or NOT_SIGNED_IN, or %NULL when the server answered
 */
const GError *
clt_rest_store_get_connection_error (CltRestStore *self)
{
  g_return_val_if_fail (CLT_IS_REST_STORE (self), NULL);

  return self->connection_error;
}

/**
 * clt_rest_store_set_token:
 * @token: the new access token
 *
 * Signs in with @token from now on (the server refused the old one, or the
 * user switched accounts). Requests under way finish with the old token;
 * a change feed waiting out a failure asks again at once. Nothing checks
 * @token here: ask the store who is signed in (get_current_user) to know.
 */
void
clt_rest_store_set_token (CltRestStore *self,
                          const char   *token)
{
  g_return_if_fail (CLT_IS_REST_STORE (self));
  g_return_if_fail (token != NULL);

  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  if (rest_token_is_sendable (token))
    self->token = g_strdup (token);
  self->token_serial++;

  rest_feed_retry_now (self);
}
