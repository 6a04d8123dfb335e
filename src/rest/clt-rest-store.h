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
 * emits "changed". Properties: "url" and "token" (construct-only), plus
 * CltStore's "read-only" (TRUE for a viewer) and "location" (the URL).
 *
 * Errors are CLT_STORE_ERROR: the server's problem answers keep their code
 * and field; no answer is UNAVAILABLE (the message says why: unreachable,
 * timed out, TLS), a token the server refuses is NOT_SIGNED_IN. */

CltRestStore *clt_rest_store_new                  (const char          *url,
                                                   const char          *token);
const char   *clt_rest_store_get_url              (CltRestStore        *self);

/* Signs in: asks the server who @token is (GET /api/v1/me), then follows
 * the change feed. UNAVAILABLE, NOT_SIGNED_IN, or FAILED for "this is not
 * a Clientele server" (any answer that is not the API's). */
void          clt_rest_store_connect_async        (CltRestStore        *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
CltBackofficeUser *clt_rest_store_connect_finish  (CltRestStore        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Cancels every request under way and stops following the feed (the
 * window that used the store closed). */
void          clt_rest_store_shutdown             (CltRestStore        *self);

G_END_DECLS
