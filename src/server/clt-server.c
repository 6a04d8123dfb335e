/* clt-server.c — the HTTP side of clientele-server: listening, requests
 * (limits, authentication, routing), answers and the access log. The
 * routes' handlers are in clt-server-{customers,children,shop,changes}.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-server"

#include "config.h"

#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer.h"
#include "clt-group.h"
#include "clt-server-private.h"
#include "clt-site.h"

/* How long a token's lookup is trusted: revocation takes effect within
 * this time. */
#define AUTH_CACHE_USEC   (2 * G_USEC_PER_SEC)
#define AUTH_CACHE_MAX    4096

/* Connections the kernel holds for accept () (it caps this at somaxconn). */
#define LISTEN_BACKLOG    1024

typedef struct
{
  CltBackofficeUser *user;   /* NULL: refused */
  GError            *error;
  gint64             expires;
} AuthEntry;

G_DEFINE_FINAL_TYPE (CltServer, clt_server, G_TYPE_OBJECT)

static void
auth_entry_free (AuthEntry *entry)
{
  g_clear_object (&entry->user);
  g_clear_error (&entry->error);
  g_free (entry);
}

/* Requests {{{ */

static void
request_free (Request *req)
{
  if (req->finished_id != 0)
    g_signal_handler_disconnect (req->msg, req->finished_id);
  g_assert (req->poll_timeout == NULL && req->poll_link == NULL);
  changes_uncount (req);

  g_clear_object (&req->msg);
  g_clear_object (&req->server);
  g_free (req->params[0]);
  g_free (req->params[1]);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_object (&req->user);
  g_free (req->token_hash);
  g_clear_pointer (&req->body, json_node_unref);
  g_free (req->idempotency_key);
  if (req->data_free != NULL)
    g_clear_pointer (&req->data, req->data_free);
  g_free (req);
}

static void
default_log (const char *line,
             gpointer    user_data)
{
  fprintf (stderr, "%s\n", line);
  fflush (stderr);
}

/* The path as asked, with the query's keys but never its values (they
 * hold search text, that is personal data). */
static void
append_loggable_path (GString           *line,
                      SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  const char *path = g_uri_get_path (uri);

  for (const char *p = path; *p != '\0'; p++)
    g_string_append_c (line, g_ascii_isprint (*p) && *p != ' ' ? *p : '?');

  if (query != NULL && query[0] != '\0')
    {
      g_auto(GStrv) pairs = g_strsplit (query, "&", -1);
      gboolean first = TRUE;

      for (guint i = 0; pairs[i] != NULL; i++)
        {
          const char *eq = strchr (pairs[i], '=');
          gsize len = eq != NULL ? (gsize) (eq - pairs[i]) : strlen (pairs[i]);

          if (len == 0)
            continue;
          g_string_append_c (line, first ? '?' : '&');
          first = FALSE;
          for (gsize j = 0; j < len; j++)
            g_string_append_c (line, g_ascii_isalnum (pairs[i][j]) || strchr ("-_.", pairs[i][j]) != NULL
                                       ? pairs[i][j] : '?');
        }
    }
}

/* A token a client put anywhere in a request (a path, a query key: a
 * mistake, or a probe) never reaches the log: after its prefix, the
 * characters tokens are made of are cut (found by tests/fuzz/fuzz-server). */
static void
redact_tokens (GString *line)
{
  gsize from = 0;
  const char *found;

  while ((found = strstr (line->str + from, CLT_ACCOUNTS_TOKEN_PREFIX)) != NULL)
    {
      gsize start = (gsize) (found - line->str) + strlen (CLT_ACCOUNTS_TOKEN_PREFIX);
      gsize end = start;

      while (end < line->len &&
             (g_ascii_isalnum (line->str[end]) || line->str[end] == '_' || line->str[end] == '-'))
        end++;
      g_string_erase (line, (gssize) start, (gssize) (end - start));
      g_string_insert (line, (gssize) start, "…");
      from = start + strlen ("…");
    }
}

/* A method is upper-case letters ("GET", "PROPFIND"); anything else a
 * client sent there (a token, say: found by tests/fuzz/fuzz-server) is
 * logged as "?". */
static const char *
loggable_method (const char *method)
{
  gsize len = method != NULL ? strlen (method) : 0;

  if (len == 0 || len > 16)
    return "?";
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isupper (method[i]))
      return "?";
  return method;
}

static void
log_request (CltServer         *self,
             SoupServerMessage *msg,
             const char        *username,
             gint64             started)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format_iso8601 (now);
  g_autoptr(GString) line = g_string_new (NULL);
  double ms = (double) (g_get_monotonic_time () - started) / 1000.0;

  g_string_append_printf (line, "%s %s %s ", time, username != NULL ? username : "-",
                          loggable_method (soup_server_message_get_method (msg)));
  append_loggable_path (line, msg);
  g_string_append_printf (line, " %u %.1fms", soup_server_message_get_status (msg), ms);
  redact_tokens (line);

  self->log_func (line->str, self->log_data);
}

static void
set_problem_body (CltServer         *self,
                  SoupServerMessage *msg,
                  guint              status,
                  const GError      *error)
{
  g_autoptr(JsonNode) problem = clt_json_problem_new (error, status);
  g_autofree char *text = clt_json_to_string (problem);
  gsize length = strlen (text);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint retry_after = clt_store_error_get_retry_after (error);

  if (status == 0)
    status = clt_json_status_for_error (error);
  soup_server_message_set_status (msg, status, NULL);
  if (retry_after > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", retry_after);

      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
  /* The length is taken before: the order in which arguments are
   * evaluated is the compiler's (clang stole the text first). */
  soup_server_message_set_response (msg, "application/problem+json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), length);
}

/* Sends what the message holds and forgets the request. */
static void
request_send (Request *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  if (req->server->draining)
    soup_message_headers_replace (headers, "Connection", "close");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");

  if (!req->finished)
    {
      log_request (req->server, req->msg,
                   req->user != NULL ? clt_backoffice_user_get_username (req->user) : NULL,
                   req->started);
      soup_server_message_unpause (req->msg);
    }

  request_free (req);
}

/* Answers @text (JSON, taken) with @status and, when @etag is not
 * negative, that version as the ETag. */
static void
respond_text (Request *req,
              guint    status,
              char    *text,
              gsize    length,
              gint64   etag)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  if (etag >= 0)
    {
      g_autofree char *value = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", etag);

      soup_message_headers_replace (headers, "ETag", value);
    }
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, "application/json", SOUP_MEMORY_TAKE, text, length);
  request_send (req);
}

void
respond_node (Request  *req,
              guint     status,
              JsonNode *node,
              gint64    etag)
{
  char *text = clt_json_to_string (node);

  json_node_unref (node);
  respond_text (req, status, text, strlen (text), etag);
}

/* The object's "version", -1 for objects without one. */
gint64
object_version (gpointer object)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), "version");
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) as_int64 = G_VALUE_INIT;

  if (pspec == NULL)
    return -1;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (object), "version", &value);
  g_value_init (&as_int64, G_TYPE_INT64);
  if (!g_value_transform (&value, &as_int64))
    return -1;
  return g_value_get_int64 (&as_int64);
}

/* Where each kind of object lives under API_PREFIX, and which property
 * names it there. */
static const struct
{
  GType       (*get_type) (void);
  const char   *collection;
  const char   *id_property;
} object_collections[] = {
  { clt_customer_get_type,     "customers",     "id" },
  { clt_site_get_type,         "sites",         "code" },
  { clt_company_get_type,      "companies",     "id" },
  { clt_custom_field_get_type, "custom-fields", "key" },
  { clt_group_get_type,        "groups",        "code" },
};

static char *
object_location (gpointer object)
{
  g_autofree char *id = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *escaped = NULL;

  if (CLT_IS_ADDRESS (object))
    {
      g_autofree char *escaped_customer = NULL;
      g_autofree char *escaped_id = NULL;

      g_object_get (object, "id", &id, "customer-id", &customer_id, NULL);
      if (id == NULL || customer_id == NULL)
        return NULL;
      escaped_customer = g_uri_escape_string (customer_id, NULL, FALSE);
      escaped_id = g_uri_escape_string (id, NULL, FALSE);
      return g_strdup_printf (API_PREFIX "/customers/%s/addresses/%s", escaped_customer,
                              escaped_id);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (object_collections); i++)
    {
      if (!G_TYPE_CHECK_INSTANCE_TYPE (object, object_collections[i].get_type ()))
        continue;

      g_object_get (object, object_collections[i].id_property, &id, NULL);
      if (id == NULL)
        return NULL;
      escaped = g_uri_escape_string (id, NULL, FALSE);
      return g_strdup_printf (API_PREFIX "/%s/%s", object_collections[i].collection, escaped);
    }

  return NULL;
}

void
respond_object (Request  *req,
                guint     status,
                gpointer  object)
{
  if (status == SOUP_STATUS_CREATED)
    {
      g_autofree char *location = object_location (object);

      if (location != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                      "Location", location);
    }

  respond_object_etag (req, status, object, object_version (object));
}

void
respond_object_etag (Request  *req,
                     guint     status,
                     gpointer  object,
                     gint64    etag)
{
  gsize length;
  char *text = clt_json_object_to_text (object, CLT_JSON_FLAGS_NONE, &length);

  respond_text (req, status, text, length, etag);
}

void
respond_array (Request   *req,
               GPtrArray *objects)
{
  gsize length;
  char *text = clt_json_array_to_text (objects, CLT_JSON_FLAGS_NONE, &length);

  respond_text (req, SOUP_STATUS_OK, text, length, -1);
}

void
respond_empty (Request *req,
               guint    status)
{
  soup_server_message_set_status (req->msg, status, NULL);
  request_send (req);
}

void
respond_error (Request      *req,
               const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autoptr(GError) unavailable = g_error_new_literal (CLT_STORE_ERROR,
                                                            CLT_STORE_ERROR_UNAVAILABLE,
                                                            _("The server is shutting down."));

      set_problem_body (req->server, req->msg, 0, unavailable);
    }
  else if (error->domain != CLT_STORE_ERROR)
    {
      g_autoptr(GError) failed = NULL;

      /* Never show another layer's message (paths, SQL) to a client. */
      g_warning ("Unexpected error: %s", error->message);
      failed = g_error_new_literal (CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                                    _("The server could not do this."));
      set_problem_body (req->server, req->msg, 0, failed);
    }
  else
    set_problem_body (req->server, req->msg, 0, error);

  request_send (req);
}

void
respond_problem (Request       *req,
                 guint          status,
                 CltStoreError  code,
                 const char    *message)
{
  g_autoptr(GError) error = g_error_new_literal (CLT_STORE_ERROR, code, message);

  set_problem_body (req->server, req->msg, status, error);
  request_send (req);
}

/* A body that is not JSON at all (400), rather than JSON that does not
 * fit (422). */
void
respond_invalid_body (Request      *req,
                      const GError *error)
{
  respond_error_status (req, SOUP_STATUS_BAD_REQUEST, error);
}

/* A CLT_STORE_ERROR answered with @status rather than its own. */
void
respond_error_status (Request      *req,
                      guint         status,
                      const GError *error)
{
  set_problem_body (req->server, req->msg, status, error);
  request_send (req);
}

const char *
request_query (Request    *req,
               const char *key)
{
  return req->query != NULL ? g_hash_table_lookup (req->query, key) : NULL;
}

gboolean
request_may (Request       *req,
             CltPermission  permission)
{
  return clt_backoffice_user_may (req->user, permission);
}

/* A copy of @body without @members (the ones a route reads itself). */
JsonNode *
body_without (JsonNode           *body,
              const char * const *members)
{
  g_autoptr(JsonObject) object = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  /* json_node_copy () shares the JsonObject: removing members from a
   * "copy" would free strings the caller still holds (the password). */
  if (!JSON_NODE_HOLDS_OBJECT (body))
    return json_node_copy (body);

  object = json_object_new ();
  json_object_iter_init (&iter, json_node_get_object (body));
  while (json_object_iter_next (&iter, &name, &member))
    if (!g_strv_contains (members, name))
      json_object_set_member (object, name, json_node_copy (member));

  return json_node_init_object (json_node_alloc (), object);
}

void
request_begin_store (Request *req)
{
  clt_store_begin_acting_as (req->user);
}

void
request_end_store (Request *req)
{
  clt_store_end_acting_as ();
}

void
on_object_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) answer = req->finish (CLT_STORE (object), result, &error);

  if (answer == NULL)
    respond_error (req, error);
  else
    respond_object (req, req->success_status != 0 ? req->success_status : SOUP_STATUS_OK, answer);
}

void
on_array_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) answer = req->finish (CLT_STORE (object), result, &error);

  if (answer == NULL)
    respond_error (req, error);
  else
    respond_array (req, answer);
}

void
on_boolean_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(GError) error = NULL;

  if (!req->finish_boolean (CLT_STORE (object), result, &error))
    respond_error (req, error);
  else
    respond_empty (req, SOUP_STATUS_NO_CONTENT);
}

/* }}} */

/* Dispatch {{{ */

/* If-Match: "<version>" (strong, quoted decimal; unquoted accepted). */
static gboolean
parse_if_match (const char *value,
                gint64     *version)
{
  g_autofree char *text = g_strstrip (g_strdup (value));
  gsize len = strlen (text);
  guint64 parsed;

  if (len >= 2 && text[0] == '"' && text[len - 1] == '"')
    {
      text[len - 1] = '\0';
      memmove (text, text + 1, len - 1);
    }

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &parsed, NULL))
    return FALSE;
  *version = (gint64) parsed;
  return TRUE;
}

static void
dispatch (Request *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  GUri *uri = soup_server_message_get_uri (req->msg);
  const char *path = g_uri_get_path (uri);
  const char *method = soup_server_message_get_method (req->msg);
  const char *idempotency_key;
  gboolean path_known = FALSE;

  if (!g_str_has_prefix (path, API_PREFIX "/"))
    {
      respond_problem (req, SOUP_STATUS_NOT_FOUND, CLT_STORE_ERROR_NOT_FOUND,
                       _("There is nothing at this address."));
      return;
    }

  /* libsoup decodes the query into C strings: a value with %00 would be
   * cut there without a word ("q=ab%00cd" searching "ab"). */
  if (g_uri_get_query (uri) != NULL && strstr (g_uri_get_query (uri), "%00") != NULL)
    {
      respond_problem (req, SOUP_STATUS_BAD_REQUEST, CLT_STORE_ERROR_INVALID,
                       _("The query holds a NUL character."));
      return;
    }

  req->route = route_match (method, path + strlen (API_PREFIX), req->params, &path_known);
  if (req->route == NULL && path_known)
    {
      respond_problem (req, SOUP_STATUS_METHOD_NOT_ALLOWED, CLT_STORE_ERROR_NOT_SUPPORTED,
                       _("This address does not take this method."));
      return;
    }
  if (req->route == NULL)
    {
      respond_problem (req, SOUP_STATUS_NOT_FOUND, CLT_STORE_ERROR_NOT_FOUND,
                       _("There is nothing at this address."));
      return;
    }

  if (!request_may (req, req->route->permission))
    {
      respond_problem (req, SOUP_STATUS_FORBIDDEN, CLT_STORE_ERROR_PERMISSION_DENIED,
                       req->route->permission == CLT_PERMISSION_MANAGE_SHOP
                         ? _("Only administrators may change the shop’s settings, sites, "
                             "groups, companies and fields, or import customers.")
                         : _("Your role lets you look at customers but not change them."));
      return;
    }

  if (req->route->flags & ROUTE_IF_MATCH)
    {
      const char *if_match = soup_message_headers_get_one (headers, "If-Match");

      while (if_match != NULL && g_ascii_isspace (*if_match))
        if_match++;
      if (if_match == NULL || if_match[0] == '*' || if_match[0] == '\0')
        {
          respond_problem (req, 428, CLT_STORE_ERROR_STALE,
                           _("Say which version this change is based on (If-Match)."));
          return;
        }
      if (!parse_if_match (if_match, &req->version))
        {
          respond_problem (req, SOUP_STATUS_PRECONDITION_FAILED, CLT_STORE_ERROR_STALE,
                           _("Someone else changed this in the meantime. "
                             "Reload it and make your changes again."));
          return;
        }
      req->has_version = TRUE;
    }

  idempotency_key = soup_message_headers_get_one (headers, "Idempotency-Key");
  if (idempotency_key != NULL && idempotency_key[0] != '\0')
    {
      if (strlen (idempotency_key) > 200 || !g_utf8_validate (idempotency_key, -1, NULL))
        {
          respond_problem (req, SOUP_STATUS_BAD_REQUEST, CLT_STORE_ERROR_INVALID,
                           _("The Idempotency-Key is at most 200 characters of text."));
          return;
        }
      req->idempotency_key = g_strdup (idempotency_key);
    }

  if (req->route->flags & ROUTE_BODY)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      g_autoptr(GError) error = NULL;
      gsize size = 0;
      const char *data = g_bytes_get_data (bytes, &size);

      if (size == 0)
        {
          respond_problem (req, SOUP_STATUS_BAD_REQUEST, CLT_STORE_ERROR_INVALID,
                           _("This request needs a JSON body."));
          return;
        }
      req->body = clt_json_parse (data, size, CLT_SERVER_MAX_JSON_DEPTH, &error);
      if (req->body == NULL)
        {
          respond_invalid_body (req, error);
          return;
        }
    }

  req->route->handler (req);
}

static void
cache_auth (CltServer         *self,
            const char        *token_hash,
            CltBackofficeUser *user,
            const GError      *error)
{
  AuthEntry *entry = g_new0 (AuthEntry, 1);
  gint64 now = g_get_monotonic_time ();

  if (g_hash_table_size (self->auth_cache) >= AUTH_CACHE_MAX)
    {
      GHashTableIter iter;
      AuthEntry *old;

      g_hash_table_iter_init (&iter, self->auth_cache);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &old))
        if (old->expires <= now)
          g_hash_table_iter_remove (&iter);
      if (g_hash_table_size (self->auth_cache) >= AUTH_CACHE_MAX)
        g_hash_table_remove_all (self->auth_cache);
    }

  entry->user = user != NULL ? g_object_ref (user) : NULL;
  entry->error = error != NULL ? g_error_copy (error) : NULL;
  entry->expires = now + AUTH_CACHE_USEC;
  g_hash_table_replace (self->auth_cache, g_strdup (token_hash), entry);
}

static void
authenticated (Request           *req,
               CltBackofficeUser *user,
               const GError      *error)
{
  if (user == NULL)
    {
      if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SIGNED_IN))
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                        "WWW-Authenticate", "Bearer");
          respond_problem (req, SOUP_STATUS_UNAUTHORIZED, CLT_STORE_ERROR_NOT_SIGNED_IN,
                           error->message);
        }
      else
        respond_error (req, error);
      return;
    }

  req->user = g_object_ref (user);
  dispatch (req);
}

static void
on_authenticated_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = clt_accounts_authenticate_finish (CLT_ACCOUNTS (object), result, &error);
  /* Only answers, not failures of the database, are remembered. */
  if (user != NULL || g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SIGNED_IN))
    cache_auth (req->server, req->token_hash, user, error);
  authenticated (req, user, error);
}

static void
on_message_finished_cb (SoupServerMessage *msg,
                        gpointer           user_data)
{
  CltServer *self = user_data;

  g_assert (self->in_flight > 0);
  self->in_flight--;

  if (self->in_flight == 0 && self->shutdown_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->shutdown_task);

      g_task_return_boolean (task, TRUE);
    }
}

static void
on_request_finished_cb (SoupServerMessage *msg,
                        gpointer           user_data)
{
  Request *req = user_data;

  /* Gone before its answer: a waiting poll is forgotten now, a store call
   * completes into nothing. */
  req->finished = TRUE;
  g_signal_handler_disconnect (msg, req->finished_id);
  req->finished_id = 0;
  if (req->poll_link != NULL)
    {
      changes_forget (req);
      request_free (req);
    }
}

static void
server_handler (SoupServer        *soup,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  CltServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization;
  g_autofree char *token = NULL;
  Request *req;
  AuthEntry *entry;
  guint retry_after = 0;

  req = g_new0 (Request, 1);
  req->server = g_object_ref (self);
  req->msg = g_object_ref (msg);
  req->started = g_get_monotonic_time ();
  req->query = query != NULL ? g_hash_table_ref (query) : NULL;

  soup_server_message_pause (msg);
  self->in_flight++;
  g_signal_connect_object (msg, "finished", G_CALLBACK (on_message_finished_cb), self, 0);
  req->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (on_request_finished_cb), req);

  if (g_object_get_data (G_OBJECT (msg), "clt-too-large") != NULL)
    {
      respond_problem (req, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, CLT_STORE_ERROR_TOO_LARGE,
                       _("The request is larger than 1 MB."));
      return;
    }

  authorization = soup_message_headers_get_one (headers, "Authorization");
  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer");
      respond_problem (req, SOUP_STATUS_UNAUTHORIZED, CLT_STORE_ERROR_NOT_SIGNED_IN,
                       _("Sign in with an access token (Authorization: Bearer …)."));
      return;
    }
  token = g_strstrip (g_strdup (authorization + 7));
  req->token_hash = clt_accounts_hash_token (token);

  if (!clt_rate_limiter_take (self->limiter, req->token_hash, &retry_after))
    {
      g_autoptr(GError) error = clt_store_error_new_retry_after (retry_after,
                                                                 _("Too many requests: try again "
                                                                   "in a moment."));

      set_problem_body (self, msg, 429, error);
      request_send (req);
      return;
    }

  entry = g_hash_table_lookup (self->auth_cache, req->token_hash);
  if (entry != NULL && entry->expires > g_get_monotonic_time ())
    {
      authenticated (req, entry->user, entry->error);
      return;
    }

  clt_accounts_authenticate_async (self->accounts, token, NULL, on_authenticated_cb, req);
}

/* Before the body is read: refuse one above the limit without keeping
 * it. */
static void
on_got_chunk_cb (SoupServerMessage *msg,
                 GBytes            *chunk,
                 gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  gsize *received = user_data;

  *received += g_bytes_get_size (chunk);
  if (*received > CLT_SERVER_MAX_BODY && g_object_get_data (G_OBJECT (msg), "clt-too-large") == NULL)
    {
      g_object_set_data (G_OBJECT (msg), "clt-too-large", GINT_TO_POINTER (TRUE));
      soup_message_body_set_accumulate (body, FALSE);
      soup_message_body_truncate (body);
    }
}

/* A body announced above the limit: libsoup would read all of it (or
 * wait for it forever) before sending any answer, so the connection is
 * taken over, answered 413 at once and closed. So is a Content-Length
 * that is not a number (libsoup reads "-5" as -5 and "5x" as 5). What the client still
 * sends meanwhile is read and dropped for a moment, so that closing does
 * not reset the connection before the answer is read. */
typedef struct
{
  GIOStream    *stream;
  GSocket      *socket;
  GBytes       *answer;
  GCancellable *cancellable;
  guint         deadline_id;
  char          buffer[4096];
} Refusal;

#define REFUSAL_DRAIN_SECONDS 2

static void
refusal_free (Refusal *refusal)
{
  g_clear_handle_id (&refusal->deadline_id, g_source_remove);
  g_clear_object (&refusal->stream);
  g_clear_object (&refusal->socket);
  g_clear_pointer (&refusal->answer, g_bytes_unref);
  g_clear_object (&refusal->cancellable);
  g_free (refusal);
}

static void
refusal_close (Refusal *refusal)
{
  g_clear_handle_id (&refusal->deadline_id, g_source_remove);
  g_io_stream_close_async (refusal->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  refusal_free (refusal);
}

static gboolean
on_refusal_deadline_cb (gpointer user_data)
{
  Refusal *refusal = user_data;

  refusal->deadline_id = 0;
  g_cancellable_cancel (refusal->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_refusal_drained_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Refusal *refusal = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (n <= 0)
    {
      refusal_close (refusal);
      return;
    }

  g_input_stream_read_async (G_INPUT_STREAM (object), refusal->buffer, sizeof refusal->buffer,
                             G_PRIORITY_LOW, refusal->cancellable, on_refusal_drained_cb, refusal);
}

static void
on_refusal_written_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Refusal *refusal = user_data;
  GInputStream *in = g_io_stream_get_input_stream (refusal->stream);

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL))
    {
      refusal_close (refusal);
      return;
    }

  /* The answer is complete: tell the client so (TLS ends with the
   * close). */
  if (refusal->socket != NULL && !G_IS_TLS_CONNECTION (refusal->stream))
    g_socket_shutdown (refusal->socket, FALSE, TRUE, NULL);

  refusal->deadline_id = g_timeout_add_seconds (REFUSAL_DRAIN_SECONDS, on_refusal_deadline_cb,
                                                refusal);
  g_input_stream_read_async (in, refusal->buffer, sizeof refusal->buffer, G_PRIORITY_LOW,
                             refusal->cancellable, on_refusal_drained_cb, refusal);
}

static void
refuse_early (CltServer         *self,
              SoupServerMessage *msg,
              guint              status,
              CltStoreError      code,
              const char        *message)
{
  g_autoptr(GError) error = g_error_new_literal (CLT_STORE_ERROR, code, message);
  g_autoptr(JsonNode) problem = clt_json_problem_new (error, status);
  g_autofree char *body = clt_json_to_string (problem);
  g_autofree char *text = NULL;
  GSocket *socket = soup_server_message_get_socket (msg);
  Refusal *refusal;
  GIOStream *stream;
  gsize length;

  soup_server_message_set_status (msg, status, NULL);
  log_request (self, msg, NULL, g_get_monotonic_time ());

  refusal = g_new0 (Refusal, 1);
  refusal->socket = socket != NULL ? g_object_ref (socket) : NULL;
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    {
      refusal_free (refusal);
      return;
    }
  refusal->stream = stream;
  refusal->cancellable = g_cancellable_new ();
  text = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                          "Server: clientele-server/" PACKAGE_VERSION "\r\n"
                          "Content-Type: application/problem+json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Cache-Control: no-store\r\n"
                          "Connection: close\r\n"
                          "\r\n"
                          "%s",
                          status, soup_status_get_phrase (status), strlen (body), body);
  length = strlen (text);
  refusal->answer = g_bytes_new_take (g_steal_pointer (&text), length);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   g_bytes_get_data (refusal->answer, NULL),
                                   g_bytes_get_size (refusal->answer), G_PRIORITY_DEFAULT,
                                   NULL, on_refusal_written_cb, refusal);
}

static void
early_handler (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  CltServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *announced = soup_message_headers_get_one (headers, "Content-Length");

  if (announced != NULL)
    {
      g_autofree char *digits = g_strstrip (g_strdup (announced));
      guint64 length = 0;

      if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT64, &length, NULL) ||
          !g_ascii_isdigit (digits[0]))
        {
          refuse_early (self, msg, SOUP_STATUS_BAD_REQUEST, CLT_STORE_ERROR_INVALID,
                        _("The request’s Content-Length is not a number of bytes."));
          return;
        }
      if (length > CLT_SERVER_MAX_BODY)
        {
          refuse_early (self, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                        CLT_STORE_ERROR_TOO_LARGE, _("The request is larger than 1 MB."));
          return;
        }
    }

  g_signal_connect_data (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), g_new0 (gsize, 1),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
}

/* Every request (and the wait for the next one on a kept-alive
 * connection) makes progress within the timeout, or its connection is
 * closed: a client that announces a body and never sends it, or sends
 * headers a byte a minute, does not hold a connection for ever. A paused
 * request (a store call, a change-feed poll) is not reading and does not
 * time out. */
static void
on_request_started_cb (SoupServer        *soup,
                       SoupServerMessage *msg,
                       gpointer           user_data)
{
  CltServer *self = user_data;
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket != NULL)
    g_socket_set_timeout (socket, self->timeout);
}

/* }}} */

static void
clt_server_dispose (GObject *object)
{
  CltServer *self = (CltServer *) object;

  changes_stop (self);
  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
    }

  G_OBJECT_CLASS (clt_server_parent_class)->dispose (object);
}

static void
clt_server_finalize (GObject *object)
{
  CltServer *self = (CltServer *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->accounts);
  g_clear_object (&self->limiter);
  g_clear_pointer (&self->auth_cache, g_hash_table_unref);
  g_clear_pointer (&self->polls_per_token, g_hash_table_unref);
  if (self->log_destroy != NULL)
    self->log_destroy (self->log_data);

  G_OBJECT_CLASS (clt_server_parent_class)->finalize (object);
}

static void
clt_server_class_init (CltServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clt_server_dispose;
  object_class->finalize = clt_server_finalize;
}

static void
clt_server_init (CltServer *self)
{
  self->auth_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) auth_entry_free);
  self->limiter = clt_rate_limiter_new (CLT_SERVER_DEFAULT_RATE_LIMIT,
                                        2 * CLT_SERVER_DEFAULT_RATE_LIMIT);
  self->log_func = default_log;
  self->timeout = CLT_SERVER_DEFAULT_TIMEOUT;
  g_queue_init (&self->polls);
  self->polls_per_token = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

CltServer *
clt_server_new (CltStore    *store,
                CltAccounts *accounts)
{
  CltServer *self;

  g_return_val_if_fail (CLT_IS_STORE (store), NULL);
  g_return_val_if_fail (CLT_IS_ACCOUNTS (accounts), NULL);

  self = g_object_new (CLT_TYPE_SERVER, NULL);
  self->store = g_object_ref (store);
  self->accounts = g_object_ref (accounts);
  changes_start (self);
  return self;
}

void
clt_server_set_rate_limit (CltServer *self,
                           guint      per_second)
{
  g_return_if_fail (CLT_IS_SERVER (self));
  g_return_if_fail (per_second > 0);

  clt_rate_limiter_configure (self->limiter, per_second, 2 * per_second);
}

void
clt_server_set_timeout (CltServer *self,
                        guint      seconds)
{
  g_return_if_fail (CLT_IS_SERVER (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
}

void
clt_server_set_log_func (CltServer        *self,
                         CltServerLogFunc  func,
                         gpointer          user_data,
                         GDestroyNotify    destroy)
{
  g_return_if_fail (CLT_IS_SERVER (self));

  if (self->log_destroy != NULL)
    self->log_destroy (self->log_data);
  self->log_func = func != NULL ? func : default_log;
  self->log_data = user_data;
  self->log_destroy = destroy;
}

/* The listening socket, made here rather than by soup_server_listen ():
 * libsoup leaves GSocket's backlog of 10, and a team's clients (or 50 in
 * a test) connecting at once while the main loop is busy overflowed it:
 * the kernel fell back to SYN cookies and reset connections. */
static GSocket *
listen_socket (GSocketAddress  *address,
               GError         **error)
{
  GSocketFamily family = g_socket_address_get_family (address);
  g_autoptr(GSocket) socket = g_socket_new (family, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_DEFAULT, error);

  if (socket == NULL)
    return NULL;

  /* As libsoup does: [::1] means IPv6 only. */
  if (family == G_SOCKET_FAMILY_IPV6)
    g_socket_set_option (socket, IPPROTO_IPV6, IPV6_V6ONLY, TRUE, NULL);

  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return NULL;

  return g_steal_pointer (&socket);
}

gboolean
clt_server_listen (CltServer        *self,
                   const char       *address,
                   GTlsCertificate  *certificate,
                   gboolean          insecure,
                   GError          **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autofree char *host = NULL;
  guint16 port = 0;
  SoupServerListenOptions options = 0;

  g_return_val_if_fail (CLT_IS_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  connectable = g_network_address_parse (address, 8480, NULL);
  if (connectable != NULL)
    {
      host = g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable)));
      port = g_network_address_get_port (G_NETWORK_ADDRESS (connectable));
      inet = g_inet_address_new_from_string (host);
    }
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address and port, such as 127.0.0.1:8480."), address);
      return FALSE;
    }

  if (!g_inet_address_get_is_loopback (inet) && certificate == NULL && !insecure)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("Refusing to serve plain HTTP on %s, which other machines can reach: "
                     "give --tls-certificate and --tls-key, or --insecure if a proxy in front "
                     "provides TLS."),
                   host);
      return FALSE;
    }

  self->soup = soup_server_new ("server-header", "clientele-server/" PACKAGE_VERSION,
                                /* Ids are decoded per segment by the routes, so
                                 * that %2F stays inside one. */
                                "raw-paths", TRUE,
                                "tls-certificate", certificate,
                                NULL);
  g_signal_connect_object (self->soup, "request-started", G_CALLBACK (on_request_started_cb), self,
                           0);
  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, server_handler, self, NULL);

  if (certificate != NULL)
    options |= SOUP_SERVER_LISTEN_HTTPS;

  socket_address = g_inet_socket_address_new (inet, port);
  socket = listen_socket (socket_address, error);
  if (socket == NULL || !soup_server_listen_socket (self->soup, socket, options, error))
    {
      g_clear_object (&self->soup);
      return FALSE;
    }

  return TRUE;
}

char *
clt_server_dup_url (CltServer *self)
{
  GSList *uris;
  char *url = NULL;

  g_return_val_if_fail (CLT_IS_SERVER (self), NULL);

  if (self->soup == NULL)
    return NULL;

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

void
clt_server_shutdown_async (CltServer           *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLT_IS_SERVER (self));
  g_return_if_fail (self->shutdown_task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clt_server_shutdown_async);

  self->draining = TRUE;
  if (self->soup != NULL)
    {
      GSList *listeners = soup_server_get_listeners (self->soup);

      /* No new connections; those open finish their requests (answered
       * with Connection: close). */
      for (GSList *l = listeners; l != NULL; l = l->next)
        g_socket_close (l->data, NULL);
      g_slist_free (listeners);
    }

  changes_answer_all (self);

  if (self->in_flight == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->shutdown_task = g_steal_pointer (&task);
}

gboolean
clt_server_shutdown_finish (CltServer     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (CLT_IS_SERVER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const CltServerRouteInfo *
clt_server_get_routes (guint *n_routes)
{
  static CltServerRouteInfo *infos;

  if (g_once_init_enter (&infos))
    {
      CltServerRouteInfo *table = g_new0 (CltServerRouteInfo, n_server_routes + 1);

      for (guint i = 0; i < n_server_routes; i++)
        {
          table[i].method = server_routes[i].method;
          table[i].path = server_routes[i].path;
        }
      g_once_init_leave (&infos, table);
    }

  if (n_routes != NULL)
    *n_routes = n_server_routes;
  return infos;
}
