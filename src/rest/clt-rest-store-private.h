/* clt-rest-store-private.h
 *
 * The parts of CltRestStore: the instance struct and the request plumbing
 * that clt-rest-store*.c share. Not installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "clt-address.h"
#include "clt-backoffice-user.h"
#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer.h"
#include "clt-customer-details.h"
#include "clt-email.h"
#include "clt-enum-types.h"
#include "clt-group.h"
#include "clt-import-report.h"
#include "clt-json.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-query.h"
#include "clt-rest-store.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"
#include "clt-validate.h"

G_BEGIN_DECLS

/* Every request gets a deadline of its own (the session's I/O timeout is
 * only a backstop: libsoup 3.2 has no per-message timeout), so that the
 * change feed can wait longer than an ordinary call. */
#define REQUEST_TIMEOUT_S   10
#define IMPORT_TIMEOUT_S    120
#define SESSION_TIMEOUT_S   60
/* Saving or deleting a site, company or custom field may rewrite every
 * customer that has it (deleting a custom field that a million
 * customers have: ~40 s on SQLite, ~28 s on PostgreSQL): such a write
 * waits as long as the session lets a silent answer wait. */
#define SHOP_WRITE_TIMEOUT_S SESSION_TIMEOUT_S
#define FEED_WAIT_S         25
#define FEED_TIMEOUT_S      (FEED_WAIT_S + 15)
/* Answers above this are refused, whatever the server says. */
#define MAX_ANSWER_BYTES    (64 * 1024 * 1024)
/* JSON nesting the client reads (a customer's details nest about 5 deep). */
#define MAX_ANSWER_DEPTH    64
/* No id of the API is longer (custom ids, codes and keys are at most 66
 * characters): a longer one is not found without asking. */
#define MAX_ID_BYTES        1024
#define FEED_BACKOFF_MIN_MS 500
#define FEED_BACKOFF_MAX_MS 30000
#define FEED_IDLE_POLL_MS   500

struct _CltRestStore
{
  GObject            parent_instance;

  char              *url;            /* as given */
  char              *base;           /* scheme://host:port/…/api/v1, no trailing '/' */
  char              *token;
  guint              request_timeout; /* seconds */
  SoupSession       *session;
  /* Cancelled by shutdown: every request is tied to it. */
  GCancellable      *shutdown;

  CltBackofficeUser *user;           /* from the last GET /me */
  gboolean           read_only;
  CltRestProblem     problem;        /* of the last connect */
  /* UNAVAILABLE or NOT_SIGNED_IN while requests meet it, else NULL. */
  GError            *connection_error;
  /* Bumped by clt_rest_store_set_token (): a request remembers it. */
  guint              token_serial;

  /* The change feed. */
  gboolean           following;
  gint64             feed_last;
  gint64             feed_asked;     /* monotonic time of the last poll */
  guint              feed_backoff_ms;
  guint              feed_retry_id;
};

typedef enum
{
  RESULT_NONE,    /* any 2xx: TRUE */
  RESULT_OBJECT,  /* an object of the call's type */
  RESULT_ARRAY,   /* a GPtrArray of the call's type */
  RESULT_ROWS,    /* CltCustomerRows: an array of customers + X-Total-Count */
  RESULT_NODE,    /* the JsonNode as it is (the feed) */
} ResultKind;

/* For a body that JSON cannot carry (text that is not UTF-8): the check
 * that names the field, as the server would have. */
typedef gboolean (*LocalCheck) (gpointer   object,
                                GError   **error);

/* One request (clt-rest-store-call.c): built by rest_call_new (),
 * adjusted, then started by rest_call_start (), which completes @task with
 * the result. */
typedef struct _RestCall RestCall;

RestCall *rest_call_new              (CltRestStore        *self,
                                      const char          *method,
                                      const char          *path,
                                      ResultKind           kind,
                                      GType                type);
void      rest_call_add_param        (RestCall            *call,
                                      const char          *name,
                                      const char          *value);
void      rest_call_set_body         (RestCall            *call,
                                      JsonNode            *body);
void      rest_call_set_if_match     (RestCall            *call,
                                      gint64               version);
void      rest_call_set_request_id   (RestCall            *call,
                                      const char          *request_id);
void      rest_call_set_header       (RestCall            *call,
                                      const char          *name,
                                      const char          *value);
void      rest_call_set_timeout      (RestCall            *call,
                                      guint                seconds);
/* Asks for X-Total-Count (RESULT_ROWS): the answer must carry it. */
void      rest_call_want_total       (RestCall            *call);
/* What the operation needs and how to name the field should the body not
 * be valid UTF-8 (see LocalCheck). @object is referenced. */
void      rest_call_set_local_check  (RestCall            *call,
                                      CltPermission        permission,
                                      LocalCheck           check,
                                      gpointer             object);
/* Some text of the body is not UTF-8 (see LocalCheck). */
void      rest_call_set_bad_text     (RestCall            *call);
gboolean  rest_object_is_utf8        (gpointer             object);
/* Takes @call; completes a new GTask on the store. */
void      rest_call_start            (RestCall            *call,
                                      gpointer             source_tag,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
void      rest_call_free             (RestCall            *call);
/* The result of a task that rest_call_start () completed (the pointer
 * results; RESULT_NONE: g_task_propagate_boolean ()). */
gpointer  rest_call_finish           (CltRestStore        *self,
                                      GAsyncResult        *result,
                                      GError             **error);
/* What kind of failure the call of that task met. */
CltRestProblem rest_result_get_problem (GAsyncResult      *result);

/* "/customers/<escaped id>…": each of the NULL-terminated segments is an
 * id, escaped whole; an empty or overlong id fails with NOT_FOUND. */
char     *rest_path                  (const char          *prefix,
                                      GError             **error,
                                      ...) G_GNUC_NULL_TERMINATED;
/* Completes a new task on @self with @error (taken). */
void      rest_report_error          (CltRestStore        *self,
                                      gpointer             source_tag,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data,
                                      GError              *error);

/* The signed-in user from a /me answer: keeps it and updates "read-only". */
void      rest_store_take_user       (CltRestStore        *self,
                                      CltBackofficeUser   *user);

/* Whether @token can go into an Authorization header as it is. */
gboolean  rest_token_is_sendable     (const char          *token);

/* The change feed (clt-rest-store-feed.c). */
void      rest_feed_start            (CltRestStore        *self,
                                      gint64               since);
void      rest_feed_stop             (CltRestStore        *self);
/* A feed waiting out a failure asks again now. */
void      rest_feed_retry_now        (CltRestStore        *self);

/* Whether the server answers and takes the token
 * (clt-rest-store-connection.c): every request that got an answer (@error
 * NULL) or failed reports here, with the token serial it was sent with. */
void      rest_store_connection_class_init (GObjectClass  *object_class);
void      rest_store_note_outcome    (CltRestStore        *self,
                                      guint                token_serial,
                                      const GError        *error);

/* The operations (clt-rest-store-customers.c, clt-rest-store-shop.c). */
void      rest_store_customers_iface_init (CltStoreInterface *iface);
void      rest_store_shop_iface_init      (CltStoreInterface *iface);
void      rest_store_assisted_iface_init  (CltStoreInterface *iface);

G_END_DECLS
