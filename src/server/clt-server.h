/* clt-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-accounts.h"
#include "clt-store.h"

G_BEGIN_DECLS

#define CLT_TYPE_SERVER (clt_server_get_type ())

G_DECLARE_FINAL_TYPE (CltServer, clt_server, CLT, SERVER, GObject)

/* clientele-server's HTTP side: serves any CltStore as the REST API of
 * data/openapi.yaml (under /api/v1) over libsoup's SoupServer, HTTP/1.1
 * with keep-alive. Requests carry a bearer token that CltAccounts knows;
 * each runs as that user (clt_store_begin_acting_as ()). Store work runs
 * off the main loop: a request waits paused while the store works. */

#define CLT_SERVER_DEFAULT_RATE_LIMIT 200
#define CLT_SERVER_MAX_BODY           (1024 * 1024)
#define CLT_SERVER_MAX_JSON_DEPTH     32
#define CLT_SERVER_MAX_POLL_SECONDS   30
/* Change-feed polls one token may have open at once; more are refused
 * with 429 (each holds a connection for up to 30 s). */
#define CLT_SERVER_MAX_POLLS_PER_TOKEN 8
/* Seconds a connection may send nothing (mid-request, or between
 * requests when kept alive) before it is closed. */
#define CLT_SERVER_DEFAULT_TIMEOUT    60

/* One line of the access log, without its newline (no tokens, no query
 * values). The default writes it to stderr. */
typedef void (*CltServerLogFunc) (const char *line,
                                  gpointer    user_data);

/* A route the server answers: the table dispatch uses, exposed so that a
 * test can hold data/openapi.yaml to it. */
typedef struct
{
  const char *method;
  const char *path;     /* under /api/v1, ids as {name} */
} CltServerRouteInfo;

CltServer                *clt_server_new              (CltStore          *store,
                                                       CltAccounts       *accounts);
/* Requests per second per token; bursts may reach twice as many. */
void                      clt_server_set_rate_limit   (CltServer         *self,
                                                       guint              per_second);
void                      clt_server_set_timeout      (CltServer         *self,
                                                       guint              seconds);
void                      clt_server_set_log_func     (CltServer         *self,
                                                       CltServerLogFunc   func,
                                                       gpointer           user_data,
                                                       GDestroyNotify     destroy);
/* Listens on @address ("127.0.0.1:8480", "[::1]:0"; port 0 picks a free
 * one), with TLS when @certificate is given. An address beyond loopback
 * needs TLS unless @insecure. */
gboolean                  clt_server_listen           (CltServer         *self,
                                                       const char        *address,
                                                       GTlsCertificate   *certificate,
                                                       gboolean           insecure,
                                                       GError           **error);
/* "http://127.0.0.1:PORT/" once listening. */
char                     *clt_server_dup_url          (CltServer         *self);
/* Stops accepting connections, answers waiting change-feed polls, lets
 * the requests under way finish, then completes. */
void                      clt_server_shutdown_async   (CltServer         *self,
                                                       GCancellable      *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer           user_data);
gboolean                  clt_server_shutdown_finish  (CltServer         *self,
                                                       GAsyncResult      *result,
                                                       GError           **error);

const CltServerRouteInfo *clt_server_get_routes       (guint             *n_routes);

G_END_DECLS
