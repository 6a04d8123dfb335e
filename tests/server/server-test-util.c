/* server-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

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
