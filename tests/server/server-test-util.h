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

const char *member_string  (Response      *response,
                            const char    *member);
/* The problem's "code". */
const char *problem_code   (Response      *response);
char       *quoted_etag    (Response      *response);
void        wait_ms        (guint          ms);

G_END_DECLS
