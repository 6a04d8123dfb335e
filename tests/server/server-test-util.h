/* server-test-util.h — a CltServer on a temporary SQLite file, on
 * 127.0.0.1 port 0, and a SoupSession to talk to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "clt-server.h"
#include "clt-sqlite-store.h"

G_BEGIN_DECLS

typedef struct
{
  char           *dir;
  char           *path;
  CltSqliteStore *store;
  CltServer      *server;
  char           *base;      /* http://127.0.0.1:PORT/api/v1 */
  SoupSession    *session;
  char           *admin;
  char           *support;
  char           *staff;
  char           *viewer;
  GPtrArray      *log;       /* access log lines */
} Fixture;

typedef struct
{
  guint               status;
  char               *body;
  JsonNode           *json;
  SoupMessageHeaders *headers;
} Response;

void      fixture_setup    (Fixture       *f,
                            gconstpointer  data);
void      fixture_teardown (Fixture       *f,
                            gconstpointer  data);

char     *add_user         (Fixture       *f,
                            const char    *username,
                            CltRole        role);
/* @headers: name, value, …, NULL. @body: NULL for none. */
Response *call             (Fixture       *f,
                            const char    *method,
                            const char    *path,
                            const char    *token,
                            const char    *body,
                            ...) G_GNUC_NULL_TERMINATED;
Response *call_bytes       (Fixture       *f,
                            const char    *method,
                            const char    *path,
                            const char    *token,
                            GBytes        *body,
                            const char    *const *headers);
void      response_free    (Response      *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

/* Every 4xx and 5xx answer passes check_problem_shape (): a problem with
 * status, title, detail and code that tells nothing of SQL, paths or the
 * code. */
void        check_problem_shape (Fixture  *f,
                                 Response *response);
/* The answer is a problem of @status with @code. */
void        assert_problem (Response      *response,
                            guint          status,
                            const char    *code);
/* The server still answers and the database passes PRAGMA
 * integrity_check (and foreign_key_check). */
void        assert_server_sound (Fixture  *f);

/* Sends @request (raw bytes, @length) on a new connection from another
 * thread, reads the answer until the server closes or @read_timeout
 * seconds pass, and returns what came back (NULL when nothing).
 * @closed (optional): whether the server closed the connection, rather
 * than the client giving up. */
GBytes     *raw_request    (Fixture       *f,
                            const char    *request,
                            gsize          length,
                            guint          read_timeout,
                            gboolean      *closed);
/* The status of a raw answer, 0 when there is none. */
guint       raw_status     (GBytes        *answer);
/* clientele-server (the binary, $CLIENTELE_SERVER) on the fixture's
 * database: user revoke/set-role while the server runs. */
void        run_cli        (Fixture       *f,
                            const char    *first,
                            ...) G_GNUC_NULL_TERMINATED;

const char *member_string  (Response      *response,
                            const char    *member);
/* The problem's "code". */
const char *problem_code   (Response      *response);
char       *quoted_etag    (Response      *response);
void        wait_ms        (guint          ms);

G_END_DECLS
