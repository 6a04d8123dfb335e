/* test-rest-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-rest-store"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <libsoup/soup.h>

#include "clt-backoffice-user.h"
#include "clt-customer.h"
#include "clt-error.h"
#include "clt-json.h"
#include "clt-query.h"
#include "clt-rest-store.h"

/* CltRestStore's own behaviour against servers that misbehave: a SoupServer
 * (or a bare socket) on 127.0.0.1 port 0 in this process answers as each
 * case needs, and records what the client sent. The conformance suite
 * (tests/store/) runs the store against the real clientele-server. */

typedef struct _Fixture Fixture;
typedef void (*AnswerFunc) (Fixture           *fixture,
                            SoupServerMessage *msg,
                            const char        *path,
                            GHashTable        *query);

struct _Fixture
{
  SoupServer        *server;
  GSocketService    *raw;          /* a peer that does not speak HTTP */
  char              *raw_answer;
  GString           *raw_requests; /* what it was sent */
  char              *url;
  AnswerFunc         answer;
  CltRole            role;         /* of GET /me */
  guint              n_requests;
  guint              n_feed;
  GPtrArray         *paused;       /* messages never answered */

  /* The last request but the feed's. */
  char              *method;
  char              *path;
  GHashTable        *query;
  SoupMessageHeaders *headers;
  GBytes            *body;
};

/* Serving {{{ */

static void
answer_text (SoupServerMessage *msg,
             guint              status,
             const char        *content_type,
             const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
answer_json (SoupServerMessage *msg,
             guint              status,
             JsonNode          *node)
{
  g_autofree char *text = clt_json_to_string (node);

  answer_text (msg, status, "application/json", text);
  json_node_unref (node);
}

static void
answer_problem (SoupServerMessage *msg,
                guint              status,
                const char        *code,
                const char        *field)
{
  g_autofree char *body = NULL;

  if (field != NULL)
    body = g_strdup_printf ("{\"type\": \"about:blank\", \"title\": \"Problem\", \"status\": %u, "
                            "\"detail\": \"Refused by the test server.\", \"code\": \"%s\", "
                            "\"errors\": [{\"field\": \"%s\", \"message\": \"Wrong.\"}]}",
                            status, code, field);
  else
    body = g_strdup_printf ("{\"type\": \"about:blank\", \"title\": \"Problem\", \"status\": %u, "
                            "\"detail\": \"Refused by the test server.\", \"code\": \"%s\"}",
                            status, code);
  answer_text (msg, status, "application/problem+json", body);
}

static void
pause_forever (Fixture           *fixture,
               SoupServerMessage *msg)
{
  soup_server_message_pause (msg);
  g_ptr_array_add (fixture->paused, g_object_ref (msg));
}

static JsonNode *
make_user_node (CltRole role)
{
  g_autoptr(CltBackofficeUser) user = clt_backoffice_user_new ();

  clt_backoffice_user_set_username (user, "anna");
  clt_backoffice_user_set_display_name (user, "Anna");
  clt_backoffice_user_set_role (user, role);
  return clt_json_from_object (user, CLT_JSON_FLAGS_NONE);
}

static JsonNode *
make_customer_node (const char *id,
                    gint64      version)
{
  g_autoptr(CltCustomer) customer = clt_customer_new ();

  clt_customer_set_id (customer, id);
  clt_customer_set_email (customer, "anna@example.com");
  clt_customer_set_first_name (customer, "Anna");
  clt_customer_set_last_name (customer, "Schmidt");
  clt_customer_set_currency (customer, "EUR");
  clt_customer_set_version (customer, version);
  return clt_json_from_object (customer, CLT_JSON_FLAGS_NONE);
}

/* A Clientele server as far as connecting goes: /me, and a feed with
 * nothing new (held open). */
static void
answer_clientele (Fixture           *fixture,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query)
{
  if (g_str_equal (path, "/api/v1/me"))
    answer_json (msg, SOUP_STATUS_OK, make_user_node (fixture->role));
  else if (g_str_equal (path, "/api/v1/changes") &&
           (query == NULL || g_hash_table_lookup (query, "since") == NULL))
    answer_text (msg, SOUP_STATUS_OK, "application/json", "{\"changes\": [], \"last\": 5}");
  else if (g_str_equal (path, "/api/v1/changes"))
    pause_forever (fixture, msg);
  else
    answer_problem (msg, SOUP_STATUS_NOT_FOUND, "not-found", NULL);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  fixture->n_requests++;
  if (g_str_equal (path, "/api/v1/changes") && query != NULL &&
      g_hash_table_lookup (query, "since") != NULL)
    fixture->n_feed++;
  else
    {
      g_clear_pointer (&fixture->method, g_free);
      g_clear_pointer (&fixture->path, g_free);
      g_clear_pointer (&fixture->query, g_hash_table_unref);
      g_clear_pointer (&fixture->headers, soup_message_headers_unref);
      g_clear_pointer (&fixture->body, g_bytes_unref);
      fixture->method = g_strdup (soup_server_message_get_method (msg));
      fixture->path = g_strdup (g_uri_get_path (soup_server_message_get_uri (msg)));
      fixture->query = query != NULL ? g_hash_table_ref (query) : NULL;
      fixture->headers = soup_message_headers_ref (soup_server_message_get_request_headers (msg));
      fixture->body = soup_message_body_flatten (body);
    }

  g_test_message ("%s %s", soup_server_message_get_method (msg), path);
  fixture->answer (fixture, msg, path, query);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->answer = answer_clientele;
  fixture->role = CLT_ROLE_ADMIN;
}

static void
start_server (Fixture         *fixture,
              GTlsCertificate *certificate)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  g_assert_nonnull (uris);
  fixture->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->raw != NULL)
    g_socket_service_stop (fixture->raw);
  g_clear_object (&fixture->raw);
  g_clear_pointer (&fixture->raw_answer, g_free);
  if (fixture->raw_requests != NULL)
    g_string_free (g_steal_pointer (&fixture->raw_requests), TRUE);
  g_clear_pointer (&fixture->paused, g_ptr_array_unref);
  if (fixture->server != NULL)
    soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->url, g_free);
  g_clear_pointer (&fixture->method, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->query, g_hash_table_unref);
  g_clear_pointer (&fixture->headers, soup_message_headers_unref);
  g_clear_pointer (&fixture->body, g_bytes_unref);
}

/* A peer that reads the request, writes raw_answer and closes. */
static void
on_raw_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GSocketConnection) connection = user_data;
  g_autoptr(GBytes) request = NULL;
  Fixture *fixture = g_object_get_data (G_OBJECT (connection), "fixture");
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  const char *answer = fixture->raw_answer;

  request = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);
  if (request != NULL)
    g_string_append_len (fixture->raw_requests, g_bytes_get_data (request, NULL),
                         g_bytes_get_size (request));
  g_output_stream_write_all (output, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

static gboolean
on_raw_incoming_cb (GSocketService    *service,
                    GSocketConnection *connection,
                    GObject           *source,
                    Fixture           *fixture)
{
  g_object_set_data (G_OBJECT (connection), "fixture", fixture);
  g_input_stream_read_bytes_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                   4096, G_PRIORITY_DEFAULT, NULL, on_raw_read_cb,
                                   g_object_ref (connection));
  return TRUE;
}

static void
start_raw (Fixture    *fixture,
           const char *answer)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  fixture->raw_answer = g_strdup (answer);
  fixture->raw_requests = g_string_new (NULL);
  fixture->raw = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (fixture->raw), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->raw, "incoming", G_CALLBACK (on_raw_incoming_cb), fixture);
  g_socket_service_start (fixture->raw);
  fixture->url = g_strdup_printf ("http://127.0.0.1:%u/",
                                  g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
}

/* }}} */

/* Waiting {{{ */

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static CltRestStore *
new_store (Fixture *fixture,
           guint    timeout)
{
  return g_object_new (CLT_TYPE_REST_STORE, "url", fixture->url, "token", "secret-token",
                       "request-timeout", timeout, NULL);
}

static CltBackofficeUser *
sync_connect (CltRestStore  *store,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_rest_store_connect_async (store, NULL, result_cb, &result);
  return clt_rest_store_connect_finish (store, wait_for (&result), error);
}

static CltCustomer *
sync_get_customer (CltRestStore  *store,
                   const char    *id,
                   GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_get_customer_async (CLT_STORE (store), id, NULL, result_cb, &result);
  return clt_store_get_customer_finish (CLT_STORE (store), wait_for (&result), error);
}

/* Connecting to @fixture's server fails with @code and @problem. */
static void
assert_connect_fails (Fixture        *fixture,
                      guint           timeout,
                      gint            code,
                      CltRestProblem  problem,
                      const char     *words)
{
  g_autoptr(CltRestStore) store = new_store (fixture, timeout);
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = sync_connect (store, &error);
  g_assert_null (user);
  g_assert_error (error, CLT_STORE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_cmpint (clt_rest_store_get_problem (store), ==, problem);
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
  clt_rest_store_shutdown (store);
}

/* }}} */

/* Connecting {{{ */

static void
on_changed_cb (CltStore      *store,
               CltChangeKind  kind,
               const char    *id,
               GPtrArray     *seen)
{
  g_ptr_array_add (seen, g_strdup_printf ("%d:%s", kind, id ? id : "(null)"));
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *n_notified)
{
  (*n_notified)++;
}

static void
answer_feed_once (Fixture           *fixture,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query)
{
  const char *since = query != NULL ? g_hash_table_lookup (query, "since") : NULL;

  /* The feed asks from 5, hears of 6 and 7, then waits from 7. */
  if (g_strcmp0 (path, "/api/v1/changes") == 0 && g_strcmp0 (since, "5") == 0)
    {
      g_assert_cmpstr (g_hash_table_lookup (query, "timeout"), ==, "25");
      answer_text (msg, SOUP_STATUS_OK, "application/json",
                   "{\"changes\": [{\"seq\": 6, \"kind\": \"customer\", \"id\": \"c1\"}, "
                   "{\"seq\": 7, \"kind\": \"site\", \"id\": \"de\"}], \"last\": 7}");
    }
  else if (g_strcmp0 (path, "/api/v1/changes") == 0 && since != NULL)
    {
      g_assert_cmpstr (since, ==, "7");
      pause_forever (fixture, msg);
    }
  else
    answer_clientele (fixture, msg, path, query);
}

static void
test_connect_follows_feed (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CltRestStore) store = NULL;
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  guint n_notified = 0;

  fixture->answer = answer_feed_once;
  fixture->role = CLT_ROLE_VIEWER;
  start_server (fixture, NULL);
  store = new_store (fixture, 10);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), seen);
  g_signal_connect (store, "notify::read-only", G_CALLBACK (on_notify_cb), &n_notified);
  g_assert_false (clt_store_get_read_only (CLT_STORE (store)));

  user = sync_connect (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_backoffice_user_get_username (user), ==, "anna");
  g_assert_cmpint (clt_backoffice_user_get_role (user), ==, CLT_ROLE_VIEWER);
  g_assert_cmpint (clt_rest_store_get_problem (store), ==, CLT_REST_PROBLEM_NONE);
  g_assert_cmpstr (soup_message_headers_get_one (fixture->headers, "Authorization"), ==,
                   "Bearer secret-token");

  /* A viewer's store is read-only. */
  g_assert_true (clt_store_get_read_only (CLT_STORE (store)));
  g_assert_cmpuint (n_notified, ==, 1);
  location = clt_store_dup_location (CLT_STORE (store));
  g_assert_cmpstr (location, ==, fixture->url);

  while (seen->len < 2 || fixture->n_feed < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "1:c1");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "5:de");

  clt_rest_store_shutdown (store);
}

static void
answer_feed_flaky (Fixture           *fixture,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query)
{
  const char *since = query != NULL ? g_hash_table_lookup (query, "since") : NULL;

  if (g_strcmp0 (path, "/api/v1/changes") == 0 && since != NULL)
    {
      g_assert_cmpstr (since, ==, fixture->n_feed <= 3 ? "5" : "6");
      /* Down twice (a proxy, then the network), then the change. */
      if (fixture->n_feed == 1)
        answer_text (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/html", "<p>Down</p>");
      else if (fixture->n_feed == 2)
        answer_text (msg, SOUP_STATUS_OK, "application/json", "{\"changes\": 12}");
      else if (fixture->n_feed == 3)
        answer_text (msg, SOUP_STATUS_OK, "application/json",
                     "{\"changes\": [{\"seq\": 6, \"kind\": \"note\", \"id\": \"c2\"}], "
                     "\"last\": 6}");
      else
        pause_forever (fixture, msg);
    }
  else
    answer_clientele (fixture, msg, path, query);
}

static void
test_feed_retries (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CltRestStore) store = NULL;
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  fixture->answer = answer_feed_flaky;
  start_server (fixture, NULL);
  store = new_store (fixture, 10);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), seen);
  user = sync_connect (store, &error);
  g_assert_no_error (error);
  g_assert_false (clt_store_get_read_only (CLT_STORE (store)));

  /* Failures are waited out and asked again from the same point. */
  while (seen->len < 1 || fixture->n_feed < 4)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "3:c2");

  clt_rest_store_shutdown (store);
}

static void
answer_html (Fixture           *fixture,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  answer_text (msg, SOUP_STATUS_OK, "text/html", "<html><body>Welcome to nginx!</body></html>");
}

static void
test_connect_html (Fixture       *fixture,
                   gconstpointer  data)
{
  fixture->answer = answer_html;
  start_server (fixture, NULL);
  assert_connect_fails (fixture, 10, CLT_STORE_ERROR_FAILED, CLT_REST_PROBLEM_NOT_CLIENTELE,
                        "not a Clientele server");
}

static void
answer_other_json (Fixture           *fixture,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query)
{
  if (g_str_equal (path, "/api/v1/me"))
    answer_text (msg, SOUP_STATUS_OK, "application/json", "[1, 2, 3]");
  else
    answer_text (msg, SOUP_STATUS_OK, "application/json", "{\"a\": ");
}

static void
answer_broken_json (Fixture           *fixture,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query)
{
  answer_text (msg, SOUP_STATUS_OK, "application/json", "{\"username\": \"x\xff\", [[[");
}

static void
answer_garbage_problem (Fixture           *fixture,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query)
{
  answer_text (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "application/problem+json",
               "\x01\x02 not json at all");
}

static void
test_connect_wrong_json (Fixture       *fixture,
                         gconstpointer  data)
{
  AnswerFunc answers[] = { answer_other_json, answer_broken_json, answer_garbage_problem };

  start_server (fixture, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      fixture->answer = answers[i];
      assert_connect_fails (fixture, 10, CLT_STORE_ERROR_FAILED, CLT_REST_PROBLEM_NOT_CLIENTELE,
                            NULL);
    }
}

static void
answer_redirect (Fixture           *fixture,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query)
{
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "http://127.0.0.1:9/steal");
}

static void
test_connect_redirect (Fixture       *fixture,
                       gconstpointer  data)
{
  /* The token is never carried elsewhere. */
  fixture->answer = answer_redirect;
  start_server (fixture, NULL);
  assert_connect_fails (fixture, 10, CLT_STORE_ERROR_FAILED, CLT_REST_PROBLEM_NOT_CLIENTELE,
                        NULL);
  g_assert_cmpuint (fixture->n_requests, ==, 1);
}

static void
test_connect_not_http (Fixture       *fixture,
                       gconstpointer  data)
{
  start_raw (fixture, "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\r\nProtocol mismatch.\n");
  assert_connect_fails (fixture, 10, CLT_STORE_ERROR_FAILED, CLT_REST_PROBLEM_NOT_CLIENTELE,
                        "not a Clientele server");
}

static void
test_answer_too_large (Fixture       *fixture,
                       gconstpointer  data)
{
  start_raw (fixture, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      "Content-Length: 999999999999\r\n\r\n[");
  assert_connect_fails (fixture, 10, CLT_STORE_ERROR_FAILED, CLT_REST_PROBLEM_NOT_CLIENTELE,
                        "larger than");
}

static void
test_connect_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  /* A port that was just free, and is closed again. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  fixture->url = g_strdup_printf ("http://127.0.0.1:%u",
                                  g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  assert_connect_fails (fixture, 10, CLT_STORE_ERROR_UNAVAILABLE, CLT_REST_PROBLEM_UNREACHABLE,
                        "Cannot reach");
}

static void
answer_never (Fixture           *fixture,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query)
{
  pause_forever (fixture, msg);
}

static void
test_connect_timeout (Fixture       *fixture,
                      gconstpointer  data)
{
  fixture->answer = answer_never;
  start_server (fixture, NULL);
  assert_connect_fails (fixture, 1, CLT_STORE_ERROR_UNAVAILABLE, CLT_REST_PROBLEM_UNREACHABLE,
                        "did not answer in time");
}

static void
answer_unauthorized (Fixture           *fixture,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query)
{
  answer_problem (msg, SOUP_STATUS_UNAUTHORIZED, "not-signed-in", NULL);
}

static void
answer_unauthorized_plain (Fixture           *fixture,
                           SoupServerMessage *msg,
                           const char        *path,
                           GHashTable        *query)
{
  answer_text (msg, SOUP_STATUS_UNAUTHORIZED, "text/plain", "Unauthorized");
}

static void
test_connect_bad_token (Fixture       *fixture,
                        gconstpointer  data)
{
  start_server (fixture, NULL);
  fixture->answer = answer_unauthorized;
  assert_connect_fails (fixture, 10, CLT_STORE_ERROR_NOT_SIGNED_IN, CLT_REST_PROBLEM_BAD_TOKEN,
                        NULL);
  fixture->answer = answer_unauthorized_plain;
  assert_connect_fails (fixture, 10, CLT_STORE_ERROR_NOT_SIGNED_IN, CLT_REST_PROBLEM_BAD_TOKEN,
                        "token");
}

static void
test_connect_tls_self_signed (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "rest", "self-signed.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;

  certificate = g_tls_certificate_new_from_file (path, &error);
  g_assert_no_error (error);
  start_server (fixture, certificate);
  g_assert_true (g_str_has_prefix (fixture->url, "https://"));

  /* Never accepted, and said so in words. */
  assert_connect_fails (fixture, 10, CLT_STORE_ERROR_UNAVAILABLE, CLT_REST_PROBLEM_TLS,
                        "certificate");
  g_assert_cmpuint (fixture->n_requests, ==, 0);
}

static void
test_connect_bad_url (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *urls[] = { "", "clientele.example.com", "ftp://example.com/", "http://",
                         "http://host/?q=1" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(CltRestStore) store = clt_rest_store_new (urls[i], "token");
      g_autoptr(CltBackofficeUser) user = NULL;
      g_autoptr(GError) error = NULL;

      user = sync_connect (store, &error);
      g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
      g_assert_cmpstr (clt_store_error_get_field (error), ==, "url");
      clt_rest_store_shutdown (store);
    }
}

/* }}} */

/* Errors of single calls {{{ */

static void
answer_busy (Fixture           *fixture,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Retry-After", g_str_has_suffix (path, "c1") ? "7" : "3");
  if (g_str_has_suffix (path, "c1"))
    answer_problem (msg, 429, "too-many-requests", NULL);
  else
    answer_text (msg, 429, "text/plain", "slow down");
}

static void
test_error_too_many_requests (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(CltRestStore) store = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  fixture->answer = answer_busy;
  start_server (fixture, NULL);
  store = new_store (fixture, 10);

  customer = sync_get_customer (store, "c1", &error);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_MANY_REQUESTS);
  g_assert_cmpuint (clt_store_error_get_retry_after (error), ==, 7);
  g_clear_error (&error);

  customer = sync_get_customer (store, "c2", &error);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_MANY_REQUESTS);
  g_assert_cmpuint (clt_store_error_get_retry_after (error), ==, 3);
}

static void
answer_problems (Fixture           *fixture,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query)
{
  if (g_str_has_suffix (path, "/invalid"))
    answer_problem (msg, 422, "invalid", "lastName");
  else if (g_str_has_suffix (path, "/stale"))
    answer_problem (msg, 412, "stale", NULL);
  else if (g_str_has_suffix (path, "/gone"))
    answer_problem (msg, 404, "not-found", NULL);
  else
    answer_text (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/html", "<h1>Maintenance</h1>");
}

static void
test_error_problems (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CltRestStore) store = NULL;
  struct {
    const char    *id;
    gint           code;
    const char    *field;
  } cases[] = {
    { "invalid", CLT_STORE_ERROR_INVALID, "last-name" },
    { "stale", CLT_STORE_ERROR_STALE, NULL },
    { "gone", CLT_STORE_ERROR_NOT_FOUND, NULL },
    { "down", CLT_STORE_ERROR_UNAVAILABLE, NULL },
  };

  fixture->answer = answer_problems;
  start_server (fixture, NULL);
  store = new_store (fixture, 10);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CltCustomer) customer = NULL;
      g_autoptr(GError) error = NULL;

      customer = sync_get_customer (store, cases[i].id, &error);
      g_assert_null (customer);
      g_assert_error (error, CLT_STORE_ERROR, cases[i].code);
      g_assert_cmpstr (clt_store_error_get_field (error), ==, cases[i].field);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_cancel_and_shutdown (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CltRestStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  fixture->answer = answer_never;
  start_server (fixture, NULL);
  store = new_store (fixture, 10);

  clt_store_get_customer_async (CLT_STORE (store), "c1", cancellable, result_cb, &result);
  while (fixture->n_requests < 1)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  customer = clt_store_get_customer_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Shutdown cancels what runs and refuses what comes. */
  clt_store_get_customer_async (CLT_STORE (store), "c2", NULL, result_cb, &result);
  while (fixture->n_requests < 2)
    g_main_context_iteration (NULL, TRUE);
  clt_rest_store_shutdown (store);
  customer = clt_store_get_customer_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  customer = sync_get_customer (store, "c3", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->n_requests, ==, 2);
}

/* }}} */

/* What the client sends {{{ */

static void
answer_list (Fixture           *fixture,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(JsonArray) array = json_array_new ();

  json_array_add_element (array, make_customer_node ("c1", 2));
  if (g_strcmp0 (g_hash_table_lookup (query, "q"), "no total") != 0)
    soup_message_headers_replace (headers, "X-Total-Count", "42");
  answer_json (msg, SOUP_STATUS_OK, json_node_init_array (json_node_alloc (), array));
}

static GPtrArray *
sync_list (CltRestStore  *store,
           CltQuery      *query,
           guint          page_index,
           guint          page_size,
           CltListFlags   flags,
           guint         *total,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_list_customers_async (CLT_STORE (store), query, page_index, page_size, flags, NULL,
                                  result_cb, &result);
  return clt_store_list_customers_finish (CLT_STORE (store), wait_for (&result), total, error);
}

static void
test_request_list (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CltRestStore) store = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GDateTime) from = g_date_time_new_utc (2024, 1, 2, 3, 4, 5);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  fixture->answer = answer_list;
  start_server (fixture, NULL);
  store = new_store (fixture, 10);

  clt_query_set_search_text (query, "Müller & Co/?#");
  clt_query_set_status (query, CLT_STATUS_FILTER_ON_HOLD);
  clt_query_set_country (query, "DE");
  clt_query_set_site (query, "de");
  clt_query_set_group (query, "vip");
  clt_query_set_registered_from (query, from);
  clt_query_set_sort_key (query, CLT_SORT_KEY_LAST_NAME);
  clt_query_set_sort_direction (query, CLT_SORT_DESCENDING);

  rows = sync_list (store, query, 2, 50, CLT_LIST_FLAGS_WITH_TOTAL, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (total, ==, 42);
  g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (rows, 0)), ==, "c1");
  g_assert_cmpint (clt_customer_get_version (g_ptr_array_index (rows, 0)), ==, 2);

  g_assert_cmpstr (fixture->method, ==, "GET");
  g_assert_cmpstr (fixture->path, ==, "/api/v1/customers");
  g_assert_cmpstr (g_hash_table_lookup (fixture->query, "q"), ==, "Müller & Co/?#");
  g_assert_cmpstr (g_hash_table_lookup (fixture->query, "status"), ==, "on-hold");
  g_assert_cmpstr (g_hash_table_lookup (fixture->query, "country"), ==, "DE");
  g_assert_cmpstr (g_hash_table_lookup (fixture->query, "site"), ==, "de");
  g_assert_cmpstr (g_hash_table_lookup (fixture->query, "group"), ==, "vip");
  g_assert_cmpstr (g_hash_table_lookup (fixture->query, "registeredFrom"), ==,
                   "2024-01-02T03:04:05Z");
  g_assert_null (g_hash_table_lookup (fixture->query, "registeredUntil"));
  g_assert_cmpstr (g_hash_table_lookup (fixture->query, "sort"), ==, "lastName:desc");
  g_assert_cmpstr (g_hash_table_lookup (fixture->query, "pageNumber"), ==, "3");
  g_assert_cmpstr (g_hash_table_lookup (fixture->query, "pageSize"), ==, "50");
  g_assert_cmpstr (soup_message_headers_get_one (fixture->headers, "X-Total-Count"), ==, "true");

  /* Without asking for the total, none is expected; asked for, it must come. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  clt_query_set_search_text (query, "no total");
  rows = sync_list (store, query, 0, 10, CLT_LIST_FLAGS_NONE, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, CLT_TOTAL_UNKNOWN);
  g_assert_null (soup_message_headers_get_one (fixture->headers, "X-Total-Count"));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = sync_list (store, query, 0, 10, CLT_LIST_FLAGS_WITH_TOTAL, &total, &error);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED);
  g_assert_null (rows);
}

static void
answer_writes (Fixture           *fixture,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/api/v1/me"))
    answer_json (msg, SOUP_STATUS_OK, make_user_node (fixture->role));
  else if (g_str_equal (method, "DELETE"))
    soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
  else if (g_str_equal (method, "POST"))
    answer_json (msg, SOUP_STATUS_CREATED, make_customer_node ("new", 1));
  else
    answer_json (msg, SOUP_STATUS_OK, make_customer_node ("c/1", 4));
}

static JsonObject *
sent_object (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  gsize size;
  const char *data = g_bytes_get_data (fixture->body, &size);

  node = clt_json_parse (data, size, 32, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_test_queue_destroy ((GDestroyNotify) json_node_unref, node);
  return json_node_get_object (node);
}

static void
test_request_writes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CltRestStore) store = NULL;
  g_autoptr(CltCustomer) customer = clt_customer_new ();
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *sent;

  fixture->answer = answer_writes;
  start_server (fixture, NULL);
  store = new_store (fixture, 10);

  /* An update is a PATCH of the writable members, based on the version. */
  clt_customer_set_id (customer, "c1");
  clt_customer_set_email (customer, "anna@example.com");
  clt_customer_set_first_name (customer, "Anna");
  clt_customer_set_last_name (customer, "Schulz");
  clt_customer_set_currency (customer, "EUR");
  clt_customer_set_version (customer, 3);
  clt_store_update_customer_async (CLT_STORE (store), customer, NULL, result_cb, &result);
  stored = clt_store_update_customer_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_customer_get_version (stored), ==, 4);
  g_assert_cmpstr (fixture->method, ==, "PATCH");
  g_assert_cmpstr (fixture->path, ==, "/api/v1/customers/c1");
  g_assert_cmpstr (soup_message_headers_get_one (fixture->headers, "If-Match"), ==, "\"3\"");
  g_assert_cmpstr (soup_message_headers_get_content_type (fixture->headers, NULL), ==,
                   "application/json");
  sent = sent_object (fixture);
  g_assert_cmpstr (json_object_get_string_member (sent, "lastName"), ==, "Schulz");
  g_assert_false (json_object_has_member (sent, "version"));
  g_assert_false (json_object_has_member (sent, "customerNumber"));

  /* A create carries its request id and initial password. */
  g_clear_object (&result);
  g_clear_object (&stored);
  clt_store_create_customer_async (CLT_STORE (store), customer, "a long password", TRUE,
                                   "request-1", NULL, result_cb, &result);
  stored = clt_store_create_customer_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_id (stored), ==, "new");
  g_assert_cmpstr (fixture->method, ==, "POST");
  g_assert_cmpstr (fixture->path, ==, "/api/v1/customers");
  g_assert_cmpstr (soup_message_headers_get_one (fixture->headers, "Idempotency-Key"), ==,
                   "request-1");
  sent = sent_object (fixture);
  g_assert_cmpstr (json_object_get_string_member (sent, "password"), ==, "a long password");
  g_assert_true (json_object_get_boolean_member (sent, "sendPasswordToken"));
  g_assert_cmpstr (json_object_get_string_member (sent, "id"), ==, "c1");

  /* A delete names the version and the undo time. */
  g_clear_object (&result);
  clt_store_delete_customer_async (CLT_STORE (store), "c1", 4, 10, NULL, result_cb, &result);
  g_assert_true (clt_store_delete_customer_finish (CLT_STORE (store), wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->method, ==, "DELETE");
  g_assert_cmpstr (fixture->path, ==, "/api/v1/customers/c1");
  g_assert_cmpstr (g_hash_table_lookup (fixture->query, "undoSeconds"), ==, "10");
  g_assert_cmpstr (soup_message_headers_get_one (fixture->headers, "If-Match"), ==, "\"4\"");
}

static void
test_request_escaped_ids (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CltRestStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *request_line = "DELETE /api/v1/customers/..%2Fx%20y%3F%23%25%C3%BC%FF/addresses/"
                             "a.b HTTP/1.1\r\n";

  /* Seen on the wire (SoupServer would decode it): every id is one path
   * step, "/", "?", "#" and "%" included. */
  start_raw (fixture, "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
  store = new_store (fixture, 10);
  clt_store_delete_address_async (CLT_STORE (store), "../x y?#%\xc3\xbc\xff", "a.b", 2, NULL,
                                  result_cb, &result);
  g_assert_true (clt_store_delete_address_finish (CLT_STORE (store), wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (fixture->raw_requests->str, request_line));

  /* "." and ".." would be path steps: no id is one, nothing is sent. */
  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&result);
      g_string_truncate (fixture->raw_requests, 0);
      clt_store_delete_address_async (CLT_STORE (store), i == 0 ? "c1" : "..",
                                      i == 0 ? ".." : "a1", 2, NULL, result_cb, &result);
      g_assert_false (clt_store_delete_address_finish (CLT_STORE (store), wait_for (&result),
                                                       &error));
      g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
      g_clear_error (&error);
      g_assert_cmpstr (fixture->raw_requests->str, ==, "");
    }
}

static void
test_request_empty_id (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CltRestStore) store = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (5000, 'x');

  start_server (fixture, NULL);
  store = new_store (fixture, 10);

  /* Not asked for: no id of the API is empty or that long. */
  customer = sync_get_customer (store, "", &error);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  customer = sync_get_customer (store, huge, &error);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (fixture->n_requests, ==, 0);
}

static gboolean
unpause_cb (gpointer data)
{
  soup_server_message_unpause (data);
  return G_SOURCE_REMOVE;
}

/* A server that takes 1.5 s to delete a custom field (as one rewriting
 * every customer would take longer) and never answers a listing. */
static void
answer_shop_slowly (Fixture           *fixture,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query)
{
  if (!g_str_has_prefix (path, "/api/v1/custom-fields"))
    answer_clientele (fixture, msg, path, query);
  else if (g_str_equal (soup_server_message_get_method (msg), "DELETE"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
      soup_server_message_pause (msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, 1500, unpause_cb, g_object_ref (msg),
                          g_object_unref);
    }
  else
    pause_forever (fixture, msg);
}

/* A write of the shop's settings may rewrite every customer: it waits
 * longer than the store's request timeout (here 1 s), a read does not. */
static void
test_request_shop_write_waits (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(CltRestStore) store = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;

  fixture->role = CLT_ROLE_ADMIN;
  fixture->answer = answer_shop_slowly;
  start_server (fixture, NULL);
  store = new_store (fixture, 1);

  clt_store_delete_custom_field_async (CLT_STORE (store), "tier", 3, NULL, result_cb, &deleted);
  g_assert_true (clt_store_delete_custom_field_finish (CLT_STORE (store), wait_for (&deleted),
                                                       &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->method, ==, "DELETE");
  g_assert_cmpstr (fixture->path, ==, "/api/v1/custom-fields/tier");

  clt_store_list_custom_fields_async (CLT_STORE (store), NULL, result_cb, &listed);
  fields = clt_store_list_custom_fields_finish (CLT_STORE (store), wait_for (&listed), &error);
  g_assert_null (fields);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "did not answer in time (1 seconds)"));
}

static void
test_request_invalid_utf8 (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CltRestStore) store = NULL;
  g_autoptr(CltCustomer) customer = clt_customer_new ();

  fixture->answer = answer_writes;
  start_server (fixture, NULL);
  store = new_store (fixture, 10);

  clt_customer_set_email (customer, "anna@example.com");
  clt_customer_set_first_name (customer, "Anna");
  clt_customer_set_last_name (customer, "Sch\xc3");
  clt_customer_set_currency (customer, "EUR");

  /* JSON cannot carry it: a viewer is refused as a viewer, anyone else
   * learns which field is wrong; nothing is sent but GET /me. */
  for (CltRole role = CLT_ROLE_VIEWER; role <= CLT_ROLE_ADMIN; role += CLT_ROLE_ADMIN)
    {
      g_autoptr(CltCustomer) stored = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      fixture->role = role;
      clt_store_create_customer_async (CLT_STORE (store), customer, NULL, FALSE, NULL, NULL,
                                       result_cb, &result);
      stored = clt_store_create_customer_finish (CLT_STORE (store), wait_for (&result), &error);
      g_assert_null (stored);
      if (role == CLT_ROLE_VIEWER)
        g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_PERMISSION_DENIED);
      else
        {
          g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
          g_assert_cmpstr (clt_store_error_get_field (error), ==, "last-name");
        }
      g_assert_cmpstr (fixture->method, ==, "GET");
      g_assert_cmpstr (fixture->path, ==, "/api/v1/me");
    }
  g_assert_true (clt_store_get_read_only (CLT_STORE (store)) == FALSE);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/clt/rest-store/connect/follows-feed", test_connect_follows_feed);
  ADD ("/clt/rest-store/connect/feed-retries", test_feed_retries);
  ADD ("/clt/rest-store/connect/html", test_connect_html);
  ADD ("/clt/rest-store/connect/wrong-json", test_connect_wrong_json);
  ADD ("/clt/rest-store/connect/redirect", test_connect_redirect);
  ADD ("/clt/rest-store/connect/not-http", test_connect_not_http);
  ADD ("/clt/rest-store/connect/too-large", test_answer_too_large);
  ADD ("/clt/rest-store/connect/refused", test_connect_refused);
  ADD ("/clt/rest-store/connect/timeout", test_connect_timeout);
  ADD ("/clt/rest-store/connect/bad-token", test_connect_bad_token);
  ADD ("/clt/rest-store/connect/tls-self-signed", test_connect_tls_self_signed);
  ADD ("/clt/rest-store/connect/bad-url", test_connect_bad_url);
  ADD ("/clt/rest-store/errors/too-many-requests", test_error_too_many_requests);
  ADD ("/clt/rest-store/errors/problems", test_error_problems);
  ADD ("/clt/rest-store/errors/cancel-and-shutdown", test_cancel_and_shutdown);
  ADD ("/clt/rest-store/requests/list", test_request_list);
  ADD ("/clt/rest-store/requests/writes", test_request_writes);
  ADD ("/clt/rest-store/requests/escaped-ids", test_request_escaped_ids);
  ADD ("/clt/rest-store/requests/empty-id", test_request_empty_id);
  ADD ("/clt/rest-store/requests/invalid-utf8", test_request_invalid_utf8);
  ADD ("/clt/rest-store/requests/shop-write-waits", test_request_shop_write_waits);

#undef ADD

  return g_test_run ();
}
