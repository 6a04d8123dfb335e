/* server-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "clt-accounts.h"
#include "clt-backoffice-user.h"

#include "server-test-util.h"

static void
on_result_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
on_log_cb (const char *line,
           gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (line));
}

char *
add_user (Fixture    *f,
          const char *username,
          CltRole     role)
{
  g_autoptr(CltBackofficeUser) user = clt_backoffice_user_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  clt_backoffice_user_set_username (user, username);
  clt_backoffice_user_set_role (user, role);
  clt_accounts_add_user_async (CLT_ACCOUNTS (f->store), user, NULL, on_result_cb, &result);
  token = clt_accounts_add_user_finish (CLT_ACCOUNTS (f->store), wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (token, "clt_"));
  return token;
}

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  f->dir = g_dir_make_tmp ("clt-server-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = clt_sqlite_store_new (f->path, NULL, &error);
  g_assert_no_error (error);

  f->admin = add_user (f, "alice", CLT_ROLE_ADMIN);
  f->support = add_user (f, "sue", CLT_ROLE_SUPPORT);
  f->staff = add_user (f, "sam", CLT_ROLE_STAFF);
  f->viewer = add_user (f, "vera", CLT_ROLE_VIEWER);

  f->log = g_ptr_array_new_with_free_func (g_free);
  f->server = clt_server_new (CLT_STORE (f->store), CLT_ACCOUNTS (f->store));
  clt_server_set_log_func (f->server, on_log_cb, g_ptr_array_ref (f->log),
                           (GDestroyNotify) g_ptr_array_unref);
  g_assert_true (clt_server_listen (f->server, "127.0.0.1:0", NULL, FALSE, &error));
  g_assert_no_error (error);
  url = clt_server_dup_url (f->server);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  f->base = g_strconcat (url, "api/v1", NULL);

  f->session = soup_session_new_with_options ("timeout", 60, NULL);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->server);
  g_clear_object (&f->store);
  /* Let the store's last tasks finish. */
  while (g_main_context_iteration (NULL, FALSE));
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->base);
  g_free (f->admin);
  g_free (f->support);
  g_free (f->staff);
  g_free (f->viewer);
  g_clear_pointer (&f->log, g_ptr_array_unref);
}

void
response_free (Response *response)
{
  g_free (response->body);
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response);
}

Response *
call_bytes (Fixture            *f,
            const char         *method,
            const char         *path,
            const char         *token,
            GBytes             *body,
            const char * const *headers)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *request_headers;
  Response *response;
  gsize size = 0;
  const char *data;

  g_assert_nonnull (msg);
  request_headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (request_headers, "Authorization", bearer);
    }
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (request_headers, headers[i], headers[i + 1]);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, on_result_cb,
                                    &result);
  answer = soup_session_send_and_read_finish (f->session, wait_result (&result), &error);
  g_assert_no_error (error);

  response = g_new0 (Response, 1);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  data = g_bytes_get_data (answer, &size);
  response->body = g_strndup (data != NULL ? data : "", size);
  if (size > 0)
    response->json = json_from_string (response->body, NULL);
  if (response->status >= 400)
    check_problem_shape (f, response);
  return response;
}

Response *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *token,
      const char *body,
      ...)
{
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;
  const char *arg;
  va_list args;

  va_start (args, body);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (headers, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (headers, NULL);

  return call_bytes (f, method, path, token, bytes, (const char * const *) headers->pdata);
}

const char *
member_string (Response   *response,
               const char *member)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  return json_object_get_string_member_with_default (json_node_get_object (response->json),
                                                     member, NULL);
}

const char *
problem_code (Response *response)
{
  const char *type = soup_message_headers_get_content_type (response->headers, NULL);

  g_assert_cmpstr (type, ==, "application/problem+json");
  return member_string (response, "code");
}

char *
quoted_etag (Response *response)
{
  const char *etag = soup_message_headers_get_one (response->headers, "ETag");

  g_assert_nonnull (etag);
  g_assert_true (etag[0] == '"');
  return g_strdup (etag);
}

void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Words that only SQL, file paths or code would bring into an answer. */
static const char * const leaks[] = {
  "sqlite", "SQL", "SELECT", "INSERT", "UPDATE ", "constraint", "syntax error", "no such",
  "customers_fts", "fts5", ".c:", ".db", "/tmp", "/home", "/usr", "g_", "assert", "(null)",
};

void
check_problem_shape (Fixture  *f,
                     Response *response)
{
  const char *type = soup_message_headers_get_content_type (response->headers, NULL);
  JsonObject *problem;

  if (g_strcmp0 (type, "application/problem+json") != 0 || response->json == NULL ||
      !JSON_NODE_HOLDS_OBJECT (response->json))
    g_error ("A %u answer is not a problem (%s): %s", response->status, type, response->body);

  problem = json_node_get_object (response->json);
  g_assert_cmpint (json_object_get_int_member_with_default (problem, "status", 0), ==,
                   response->status);
  g_assert_nonnull (json_object_get_string_member_with_default (problem, "title", NULL));
  g_assert_cmpstr (json_object_get_string_member_with_default (problem, "detail", ""), !=, "");
  g_assert_cmpstr (json_object_get_string_member_with_default (problem, "code", ""), !=, "");

  for (guint i = 0; i < G_N_ELEMENTS (leaks); i++)
    if (strstr (response->body, leaks[i]) != NULL)
      g_error ("A %u answer shows “%s”: %s", response->status, leaks[i], response->body);
  if (strstr (response->body, f->dir) != NULL)
    g_error ("A %u answer shows the database's directory: %s", response->status, response->body);
}

void
assert_problem (Response   *response,
                guint       status,
                const char *code)
{
  if (response->status != status)
    g_error ("Expected %u (%s), got %u: %s", status, code, response->status, response->body);
  g_assert_cmpstr (problem_code (response), ==, code);
}

void
assert_server_sound (Fixture *f)
{
  g_autoptr(Response) me = call (f, "GET", "/me", f->admin, NULL, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpuint (me->status, ==, 200);
  g_assert_cmpstr (member_string (me, "username"), ==, "alice");

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

typedef struct
{
  guint16      port;
  GBytes      *request;
  guint        read_timeout;
  GByteArray  *answer;
  gboolean     closed;
  gboolean     done;
} RawRequest;

static gpointer
raw_request_thread (gpointer user_data)
{
  RawRequest *raw = user_data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  GSocket *socket;
  GOutputStream *out;
  GInputStream *in;
  gsize size = 0;
  const char *data = g_bytes_get_data (raw->request, &size);
  char buffer[4096];
  gssize n;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", raw->port, NULL, &error);
  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);
  g_socket_set_timeout (socket, raw->read_timeout);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));

  /* The server may answer and close before all is written (413). */
  g_output_stream_write_all (out, data, size, NULL, NULL, NULL);

  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_byte_array_append (raw->answer, (const guint8 *) buffer, n);
  /* 0: the server closed; -1: timed out (or reset). */
  raw->closed = n == 0;

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  g_atomic_int_set (&raw->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

GBytes *
raw_request (Fixture    *f,
             const char *request,
             gsize       length,
             guint       read_timeout,
             gboolean   *closed)
{
  g_autoptr(GUri) uri = g_uri_parse (f->base, G_URI_FLAGS_NONE, NULL);
  RawRequest raw = { 0, };
  GThread *thread;

  raw.port = g_uri_get_port (uri);
  raw.request = g_bytes_new (request, length);
  raw.read_timeout = read_timeout;
  raw.answer = g_byte_array_new ();

  thread = g_thread_new ("raw-request", raw_request_thread, &raw);
  while (!g_atomic_int_get (&raw.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);

  g_bytes_unref (raw.request);
  if (closed != NULL)
    *closed = raw.closed;
  if (raw.answer->len == 0)
    {
      g_byte_array_unref (raw.answer);
      return NULL;
    }
  return g_byte_array_free_to_bytes (raw.answer);
}

guint
raw_status (GBytes *answer)
{
  gsize size = 0;
  const char *data = answer != NULL ? g_bytes_get_data (answer, &size) : NULL;
  g_autofree char *line = NULL;
  guint status = 0;

  if (size < 12 || strncmp (data, "HTTP/1.", 7) != 0)
    return 0;
  line = g_strndup (data, 12);
  status = (guint) g_ascii_strtoull (line + 9, NULL, 10);
  return status;
}

void
run_cli (Fixture    *f,
         const char *first,
         ...)
{
  const char *binary = g_getenv ("CLIENTELE_SERVER");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  gint status = -1;
  va_list args;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, f->path);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("clientele-server %s failed: %s", first, err);
}
