/* clt-server-private.h
 *
 * The parts of CltServer: the instance struct, a request under way, the
 * route table, and the helpers that clt-server*.c share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "clt-address.h"
#include "clt-backoffice-user.h"
#include "clt-json.h"
#include "clt-rate-limiter.h"
#include "clt-server.h"

G_BEGIN_DECLS

#define API_PREFIX "/api/v1"

typedef struct _Request Request;

typedef void     (*RouteHandler)  (Request       *req);
/* The *_finish of a store call that returns an object or an array. */
typedef gpointer (*FinishPointer) (CltStore      *store,
                                   GAsyncResult  *result,
                                   GError       **error);
typedef gboolean (*FinishBoolean) (CltStore      *store,
                                   GAsyncResult  *result,
                                   GError       **error);

typedef enum
{
  ROUTE_NONE     = 0,
  ROUTE_BODY     = 1 << 0,  /* takes a JSON body */
  ROUTE_IF_MATCH = 1 << 1,  /* needs If-Match: "<version>" */
} RouteFlags;

typedef struct
{
  const char    *method;
  const char    *path;        /* under API_PREFIX, ids as {name} */
  RouteHandler   handler;
  /* Checked up front; the store checks again, as the acting user. */
  CltPermission  permission;
  RouteFlags     flags;
} Route;

struct _CltServer
{
  GObject           parent_instance;

  CltStore         *store;
  CltAccounts      *accounts;
  SoupServer       *soup;
  CltRateLimiter   *limiter;
  guint             timeout;     /* seconds a connection may make no progress */

  /* Token hash → AuthEntry: a token is looked up at most every
   * AUTH_CACHE_USEC, so a revocation takes effect within that time. */
  GHashTable       *auth_cache;

  CltServerLogFunc  log_func;
  gpointer          log_data;
  GDestroyNotify    log_destroy;

  guint             in_flight;
  gboolean          draining;
  GTask            *shutdown_task;

  /* The change feed: requests waiting for a change. */
  GQueue            polls;
  GHashTable       *polls_per_token;  /* token hash → open polls (GUINT_TO_POINTER) */
  gulong            changed_id;
  gboolean          polls_refreshing;
  gboolean          polls_dirty;
  guint64           changes_seen;  /* "changed" signals so far */
};

struct _Request
{
  CltServer         *server;
  SoupServerMessage *msg;
  gulong             finished_id;
  gboolean           finished;     /* the client went away, or it was answered */
  gint64             started;

  const Route       *route;
  char              *params[2];    /* the route's ids, percent-decoded */
  GHashTable        *query;        /* decoded query, or NULL */
  CltBackofficeUser *user;
  char              *token_hash;
  JsonNode          *body;
  gboolean           has_version;  /* If-Match */
  gint64             version;
  char              *idempotency_key;

  /* What a store call returns, for the shared completion callbacks. */
  FinishPointer      finish;
  FinishBoolean      finish_boolean;
  guint              success_status;

  /* Handler scratch (PATCH: the body to apply). */
  gpointer           data;
  GDestroyNotify     data_free;

  /* The change feed. */
  gint64             since;
  gint64             poll_last;    /* the newest the store had: "last" after a timeout */
  guint64            poll_seen;    /* changes_seen when its first read began */
  guint              poll_seconds;
  GSource           *poll_timeout;
  GList             *poll_link;
  gboolean           poll_counted; /* in polls_per_token */
};

/* clt-server-routes.c */
G_GNUC_INTERNAL extern const Route server_routes[];
G_GNUC_INTERNAL extern const guint n_server_routes;
G_GNUC_INTERNAL const Route *route_match (const char *method, const char *path, char **params, gboolean *path_known);

/* clt-server.c: answering */
G_GNUC_INTERNAL void respond_node (Request *req, guint status, JsonNode *node, gint64 etag);
/* @object as JSON, with @etag (not negative) as its ETag. */
G_GNUC_INTERNAL void respond_object_etag (Request *req, guint status, gpointer object, gint64 etag);
G_GNUC_INTERNAL void respond_object (Request *req, guint status, gpointer object);
G_GNUC_INTERNAL void respond_array (Request *req, GPtrArray *objects);
G_GNUC_INTERNAL void respond_empty (Request *req, guint status);
G_GNUC_INTERNAL void respond_error (Request *req, const GError *error);
G_GNUC_INTERNAL void respond_problem (Request *req, guint status, CltStoreError code, const char *message);
G_GNUC_INTERNAL void respond_invalid_body (Request *req, const GError *error);
G_GNUC_INTERNAL void respond_error_status (Request *req, guint status, const GError *error);

/* clt-server.c: store calls as the request's user */
G_GNUC_INTERNAL void request_begin_store (Request *req);
G_GNUC_INTERNAL void request_end_store (Request *req);
G_GNUC_INTERNAL void on_object_cb (GObject *object, GAsyncResult *result, gpointer user_data);
G_GNUC_INTERNAL void on_array_cb (GObject *object, GAsyncResult *result, gpointer user_data);
G_GNUC_INTERNAL void on_boolean_cb (GObject *object, GAsyncResult *result, gpointer user_data);
G_GNUC_INTERNAL const char *request_query (Request *req, const char *key);
G_GNUC_INTERNAL gboolean request_may (Request *req, CltPermission permission);
G_GNUC_INTERNAL gint64 object_version (gpointer object);
G_GNUC_INTERNAL JsonNode *body_without (JsonNode *body, const char * const *members);

/* Calls @call as the request's user, completing into the shared
 * callbacks with @finish. */
#define STORE_CALL(req, call) \
  G_STMT_START { request_begin_store (req); call; request_end_store (req); } G_STMT_END

/* clt-server-customers.c: small bodies */
G_GNUC_INTERNAL void respond_bad_member (Request *req, const char *member, const char *message);
G_GNUC_INTERNAL gboolean check_members (Request *req, const char * const *allowed);
G_GNUC_INTERNAL gboolean body_string (Request *req, const char *member, const char **value);
G_GNUC_INTERNAL gboolean body_strv (Request *req, const char *member, GStrv *value);

/* clt-server-customers.c */
G_GNUC_INTERNAL void handle_get_me (Request *req);
G_GNUC_INTERNAL void handle_list_customers (Request *req);
G_GNUC_INTERNAL void handle_create_customer (Request *req);
G_GNUC_INTERNAL void handle_import_customers (Request *req);
G_GNUC_INTERNAL void handle_get_customer (Request *req);
G_GNUC_INTERNAL void handle_get_customer_details (Request *req);
G_GNUC_INTERNAL void handle_patch_customer (Request *req);
G_GNUC_INTERNAL void handle_delete_customer (Request *req);
G_GNUC_INTERNAL void handle_restore_customer (Request *req);
G_GNUC_INTERNAL void handle_password_reset (Request *req);
G_GNUC_INTERNAL void handle_put_groups (Request *req);
G_GNUC_INTERNAL void handle_put_company (Request *req);
G_GNUC_INTERNAL void handle_put_default_address (Request *req);

/* clt-server-children.c */
G_GNUC_INTERNAL void handle_list_addresses (Request *req);
G_GNUC_INTERNAL void handle_create_address (Request *req);
G_GNUC_INTERNAL void handle_get_address (Request *req);
G_GNUC_INTERNAL void handle_patch_address (Request *req);
G_GNUC_INTERNAL void handle_delete_address (Request *req);
G_GNUC_INTERNAL void handle_list_notes (Request *req);
G_GNUC_INTERNAL void handle_add_note (Request *req);
G_GNUC_INTERNAL void handle_list_orders (Request *req);
G_GNUC_INTERNAL void handle_list_emails (Request *req);
G_GNUC_INTERNAL void handle_set_email_state (Request *req);

/* clt-server-shop.c */
G_GNUC_INTERNAL void handle_list_sites (Request *req);
G_GNUC_INTERNAL void handle_create_site (Request *req);
G_GNUC_INTERNAL void handle_put_site (Request *req);
G_GNUC_INTERNAL void handle_delete_site (Request *req);
G_GNUC_INTERNAL void handle_list_groups (Request *req);
G_GNUC_INTERNAL void handle_create_group (Request *req);
G_GNUC_INTERNAL void handle_put_group (Request *req);
G_GNUC_INTERNAL void handle_delete_group (Request *req);
G_GNUC_INTERNAL void handle_list_companies (Request *req);
G_GNUC_INTERNAL void handle_create_company (Request *req);
G_GNUC_INTERNAL void handle_put_company_resource (Request *req);
G_GNUC_INTERNAL void handle_delete_company (Request *req);
G_GNUC_INTERNAL void handle_list_custom_fields (Request *req);
G_GNUC_INTERNAL void handle_create_custom_field (Request *req);
G_GNUC_INTERNAL void handle_put_custom_field (Request *req);
G_GNUC_INTERNAL void handle_delete_custom_field (Request *req);
G_GNUC_INTERNAL void handle_get_preferences (Request *req);
G_GNUC_INTERNAL void handle_put_preferences (Request *req);

/* clt-server-assisted.c */
G_GNUC_INTERNAL void handle_start_assisted_buying (Request *req);
G_GNUC_INTERNAL void handle_list_assisted_buying (Request *req);
G_GNUC_INTERNAL void handle_redeem_assisted_buying (Request *req);

/* clt-server-changes.c */
G_GNUC_INTERNAL void handle_get_changes (Request *req);
G_GNUC_INTERNAL void changes_start (CltServer *self);
G_GNUC_INTERNAL void changes_stop (CltServer *self);
G_GNUC_INTERNAL void changes_answer_all (CltServer *self);
G_GNUC_INTERNAL void changes_forget (Request *req);
/* A poll's end: it no longer counts against its token's open polls. */
G_GNUC_INTERNAL void changes_uncount (Request *req);

G_END_DECLS
