/* fuzz-server.c — libFuzzer target: clientele-server's request handling,
 * in-process, against a small database.
 *
 * The input is a request: its first byte picks the credentials (none, an
 * admin's, a viewer's, an unknown token), the rest is
 *
 *   METHOD TARGET
 *   Header: value
 *   …
 *   (empty line)
 *   body
 *
 * The harness adds "HTTP/1.1", the Host, the Authorization, a
 * Content-Length for the body and "Connection: close", replaces $CUSTOMER
 * and $ADDRESS with ids the database holds, and hands the bytes to the
 * server's SoupServer as a connection of its own (in memory, no socket).
 * Every answer must be a well-formed HTTP status line; a 4xx the server's
 * handlers gave (it logged the request) carries a problem body with that
 * status and a code; no answer is a 500; no log line holds a token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "clt-accounts.h"
#include "clt-address.h"
#include "clt-backoffice-user.h"
#include "clt-customer.h"
#include "clt-json.h"
#include "clt-server-private.h"
#include "clt-store.h"

#include "fuzz-util.h"

#define HANG_SECONDS 20

static CltSqliteStore *store;
static CltServer *server;
static char *admin_token;
static char *viewer_token;
static char *customer_id;
static char *address_id;
static GPtrArray *log_lines;

static void
on_log_cb (const char *line,
           gpointer    user_data)
{
  g_ptr_array_add (log_lines, g_strdup (line));
}

static char *
add_user (const char *username,
          CltRole     role)
{
  g_autoptr(CltBackofficeUser) user = clt_backoffice_user_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  clt_backoffice_user_set_username (user, username);
  clt_backoffice_user_set_role (user, role);
  clt_accounts_add_user_async (CLT_ACCOUNTS (store), user, NULL, on_result_cb, &result);
  token = clt_accounts_add_user_finish (CLT_ACCOUNTS (store), fuzz_wait (&result), &error);
  if (token == NULL)
    fuzz_fail ("cannot add %s: %s", username, error->message);

  return token;
}

static void
find_ids (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GError) error = NULL;

  clt_store_list_customers_async (CLT_STORE (store), NULL, 0, 1, CLT_LIST_FLAGS_NONE, NULL,
                                  on_result_cb, &result);
  page = clt_store_list_customers_finish (CLT_STORE (store), fuzz_wait (&result), NULL, &error);
  if (page == NULL || page->len == 0)
    fuzz_fail ("no customer in the sample");
  customer_id = g_strdup (clt_customer_get_id (g_ptr_array_index (page, 0)));
  g_clear_object (&result);

  clt_store_list_addresses_async (CLT_STORE (store), customer_id, NULL, on_result_cb,
                                  &result);
  addresses = clt_store_list_addresses_finish (CLT_STORE (store), fuzz_wait (&result), &error);
  address_id = g_strdup (addresses != NULL && addresses->len > 0
                         ? clt_address_get_id (g_ptr_array_index (addresses, 0))
                         : "no-address");
}

int LLVMFuzzerInitialize (int *argc, char ***argv);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init_logging ();
  dir = fuzz_make_temp_dir ();
  path = g_build_filename (dir, "server.db", NULL);
  fuzz_make_database (path, 12);
  store = open_store (path);
  admin_token = add_user ("alice", CLT_ROLE_ADMIN);
  viewer_token = add_user ("vera", CLT_ROLE_VIEWER);
  find_ids ();

  log_lines = g_ptr_array_new_with_free_func (g_free);
  server = clt_server_new (CLT_STORE (store), CLT_ACCOUNTS (store));
  clt_server_set_rate_limit (server, 1000000);
  clt_server_set_log_func (server, on_log_cb, NULL, NULL);
  /* Listening makes the SoupServer; the requests come in memory. */
  if (!clt_server_listen (server, "127.0.0.1:0", NULL, FALSE, &error))
    fuzz_fail ("cannot listen: %s", error->message);

  return 0;
}

/* $CUSTOMER and $ADDRESS become real ids; a change-feed poll waits no
 * time (timeout=0), as a fuzzer cannot wait 30 s an input. */
static char *
expand (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "$CUSTOMER", customer_id, 0);
  g_string_replace (out, "$ADDRESS", address_id, 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GBytes *
build_request (const guint8 *data,
               gsize         size,
               char        **method)
{
  g_autofree char *text = g_strndup ((const char *) data + 1, size - 1);
  g_autoptr(GString) request = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  const char *body = NULL;
  char *split;
  gsize body_length = 0;

  /* The text ends at a NUL of the input; the body runs to its end. */
  split = strstr (text, "\n\n");
  if (split != NULL)
    {
      *split = '\0';
      body = (const char *) data + 1 + (split - text) + 2;
      body_length = size - 1 - (gsize) (split - text) - 2;
    }
  lines = g_strsplit (text, "\n", -1);

  {
    g_autofree char *line = expand (lines[0] != NULL ? lines[0] : "");
    g_autoptr(GString) target = g_string_new (line);
    const char *space = strchr (line, ' ');

    g_string_replace (target, "timeout=", "timeout=0&ignored=", 0);
    *method = g_strndup (line, space != NULL ? (gsize) (space - line) : strlen (line));
    g_string_append_printf (request, "%s HTTP/1.1\r\nHost: 127.0.0.1\r\n", target->str);
  }

  switch (data[0] & 3)
    {
    case 1:
      g_string_append_printf (request, "Authorization: Bearer %s\r\n", admin_token);
      break;
    case 2:
      g_string_append_printf (request, "Authorization: Bearer %s\r\n", viewer_token);
      break;
    case 3:
      g_string_append (request, "Authorization: Bearer clt_0000000000000000000000000000000000000000000\r\n");
      break;
    default:
      break;
    }

  for (guint i = 1; lines[0] != NULL && lines[i] != NULL; i++)
    {
      g_autofree char *header = expand (lines[i]);

      if (header[0] == '\0')
        continue;
      g_string_append_printf (request, "%s\r\n", header);
    }

  if (body_length > 0)
    {
      g_autofree char *expanded = NULL;
      g_autofree char *raw = g_strndup (body, body_length);

      /* A NUL inside the body ends what expand () sees: keep the raw bytes then. */
      if (strlen (raw) == body_length)
        {
          expanded = expand (raw);
          g_string_append_printf (request, "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                  "Connection: close\r\n\r\n%s", strlen (expanded), expanded);
        }
      else
        {
          g_string_append_printf (request, "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                  "Connection: close\r\n\r\n", body_length);
          g_string_append_len (request, body, body_length);
        }
    }
  else
    {
      g_string_append (request, "Connection: close\r\n\r\n");
    }

  return g_bytes_new (request->str, request->len);
}

static void
check_answer (const char *answer,
              gsize       length,
              const char *method,
              gboolean    handled)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const char *end_of_head;
  const char *body;
  guint status;
  char *end = NULL;
  JsonObject *problem;

  /* libsoup may close a connection it cannot parse a request from. */
  if (length == 0 && !handled)
    return;
  if (length < 13 || (strncmp (answer, "HTTP/1.1 ", 9) != 0 && strncmp (answer, "HTTP/1.0 ", 9) != 0))
    fuzz_fail ("not an HTTP/1.1 answer: %.*s", (int) MIN (length, 200), answer);
  status = (guint) strtoul (answer + 9, &end, 10);
  if (end != answer + 12 || *end != ' ' || status < 100 || status > 599)
    fuzz_fail ("no well-formed status: %.*s", (int) MIN (length, 200), answer);
  if (status == 500)
    fuzz_fail ("answered 500: %.*s", (int) MIN (length, 2000), answer);

  end_of_head = g_strstr_len (answer, length, "\r\n\r\n");
  if (end_of_head == NULL)
    fuzz_fail ("an answer without the end of its head");
  body = end_of_head + 4;

  if (status < 400 || status > 499 || !handled || g_strcmp0 (method, "HEAD") == 0)
    return;

  if (g_strstr_len (answer, end_of_head - answer, "Content-Type: application/problem+json") == NULL)
    fuzz_fail ("a %u without a problem body: %.*s", status, (int) MIN (length, 2000), answer);
  node = clt_json_parse (body, length - (gsize) (body - answer), FUZZ_MAX_DEPTH, &error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    fuzz_fail ("a %u whose problem is not a JSON object: %s", status, body);
  problem = json_node_get_object (node);
  if (json_object_get_int_member_with_default (problem, "status", 0) != status ||
      json_object_get_string_member_with_default (problem, "code", NULL) == NULL ||
      json_object_get_string_member_with_default (problem, "detail", NULL) == NULL)
    fuzz_fail ("a %u with a problem that does not say so: %s", status, body);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *method = NULL;
  gint64 deadline;

  if (size < 1)
    return 0;

  request = build_request (data, size, &method);
  in = g_memory_input_stream_new_from_bytes (request);
  out = g_memory_output_stream_new_resizable ();
  stream = g_simple_io_stream_new (in, out);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  local = g_inet_socket_address_new (loopback, 8480);
  remote = g_inet_socket_address_new (loopback, 40000);
  g_ptr_array_set_size (log_lines, 0);

  if (!soup_server_accept_iostream (server->soup, stream, local, remote, &error))
    fuzz_fail ("the server took no connection: %s", error->message);

  deadline = g_get_monotonic_time () + HANG_SECONDS * G_USEC_PER_SEC;
  while (!g_io_stream_is_closed (stream) || server->in_flight > 0)
    {
      if (g_get_monotonic_time () > deadline)
        fuzz_fail ("no answer after %d s", HANG_SECONDS);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (50);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;

  for (guint i = 0; i < log_lines->len; i++)
    {
      const char *line = g_ptr_array_index (log_lines, i);

      if (strstr (line, admin_token) != NULL || strstr (line, viewer_token) != NULL ||
          strstr (line, "clt_0000") != NULL)
        fuzz_fail ("a token in the log: %s", line);
    }

  check_answer (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                method, log_lines->len > 0);

  return 0;
}
