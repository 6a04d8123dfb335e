/* clt-rest-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-store.h"

G_BEGIN_DECLS

#define CLT_TYPE_REST_STORE (clt_rest_store_get_type ())

G_DECLARE_FINAL_TYPE (CltRestStore, clt_rest_store, CLT, REST_STORE, GObject)

/* The store of a clientele-server: implements CltStore over libsoup 3 and
 * json-glib (data/openapi.yaml), with one SoupSession (timeouts set, TLS
 * verified, HTTP/1.1 keep-alive). It follows the server's change feed and
 * emits "changed". Properties: "url" and "token" (construct-only),
 * "request-timeout" (construct-only, seconds, default 10), plus
 * CltStore's "read-only" (TRUE for a viewer) and "location" (the URL).
 *
 * Errors are CLT_STORE_ERROR: the server's problem answers keep their code
 * and field; no answer is UNAVAILABLE (the message says why: unreachable,
 * timed out, TLS), a token the server refuses is NOT_SIGNED_IN.
 *
 * Every request has a deadline of 10 s (imports 120 s; the change feed's
 * long poll 25 s + 15 s), answers are read up to 64 MB, redirects are not
 * followed (they would carry the token elsewhere). Use the store from the
 * thread that runs the default main context. */

CltRestStore *clt_rest_store_new                  (const char          *url,
                                                   const char          *token);
const char   *clt_rest_store_get_url              (CltRestStore        *self);

/* What the last clt_rest_store_connect_async () ran into, for the "Test
 * Connection" button of Preferences → Back End:
 * - UNREACHABLE: CLT_STORE_ERROR_UNAVAILABLE, no answer: the host name is
 *   unknown, nothing listens on the port, or it did not answer in time
 *   (the message says which);
 * - TLS: CLT_STORE_ERROR_UNAVAILABLE as well, but the secure connection
 *   failed: the certificate is not trusted (self-signed, unknown
 *   authority, another host name, expired: the message says which) or the
 *   server does not speak TLS. Invalid certificates are never accepted;
 * - BAD_TOKEN: CLT_STORE_ERROR_NOT_SIGNED_IN, the server refused the token;
 * - NOT_CLIENTELE: CLT_STORE_ERROR_FAILED, something answered, but not as
 *   the Clientele API does (HTML, another content type, JSON of another
 *   shape, not HTTP at all);
 * - OTHER: anything else (cancelled, a bad address: INVALID with field
 *   "url", the server's own problem answers). */
typedef enum
{
  CLT_REST_PROBLEM_NONE,
  CLT_REST_PROBLEM_UNREACHABLE,
  CLT_REST_PROBLEM_TLS,
  CLT_REST_PROBLEM_BAD_TOKEN,
  CLT_REST_PROBLEM_NOT_CLIENTELE,
  CLT_REST_PROBLEM_OTHER,
} CltRestProblem;

/* Signs in: asks the server who @token is (GET /api/v1/me), learns where
 * the change feed stands (GET /api/v1/changes), and then follows it until
 * clt_rest_store_shutdown (), retrying with a growing pause (0.5 s to
 * 30 s) while the server cannot be reached. Errors: UNAVAILABLE,
 * NOT_SIGNED_IN, or FAILED for "this is not a Clientele server" (any
 * answer that is not the API's); clt_rest_store_get_problem () tells them
 * apart. Without connecting, the store still works (as whoever the token
 * is) but hears nobody's changes. */
void          clt_rest_store_connect_async        (CltRestStore        *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CltBackofficeUser *clt_rest_store_connect_finish  (CltRestStore        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
CltRestProblem clt_rest_store_get_problem         (CltRestStore        *self);
/* Whether the server can be reached and takes the token, as the last
 * request that reached a verdict found: NULL while it answers, else
 * CLT_STORE_ERROR_UNAVAILABLE (no answer) or CLT_STORE_ERROR_NOT_SIGNED_IN
 * (the token was refused: revoked, say). The change feed keeps asking, so
 * this follows the server even while nobody does anything; the
 * "connection-changed" signal says when it changed. */
const GError *clt_rest_store_get_connection_error (CltRestStore        *self);
/* Signs in with @token from now on, for every request that starts later
 * (and the change feed, at once). It is not checked here: ask the store
 * who is signed in (clt_store_get_current_user_async ()) to know. */
void          clt_rest_store_set_token            (CltRestStore        *self,
                                                   const char          *token);
/* Cancels every request under way and stops following the feed (the
 * window that used the store closed); later calls fail with
 * G_IO_ERROR_CANCELLED. A store that follows the feed is kept alive by it:
 * shut it down before dropping it. */
void          clt_rest_store_shutdown             (CltRestStore        *self);

G_END_DECLS
