/* test-server-binary.c — the real clientele-server: `user add` prints a
 * token once, `serve --listen 127.0.0.1:0` prints its URL first, and
 * SIGTERM lets a request under way finish, checkpoints and exits 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-server-binary"

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

static const char *
server_binary (void)
{
  const char *path = g_getenv ("CLIENTELE_SERVER");

  g_assert_nonnull (path);
  return path;
}

static void
on_result_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
on_exited_cb (GPid     pid,
              gint     status,
              gpointer user_data)
{
  *(gint *) user_data = status;
  g_spawn_close_pid (pid);
}

/* GET @url with @bearer through @session; returns the status, or 0 with
 * @error set when no answer came (a TLS refusal, say). */
static guint
get_status (SoupSession  *session,
            const char   *url,
            const char   *bearer,
            GError      **error)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                bearer);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_result_cb,
                                    &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  answer = soup_session_send_and_read_finish (session, result, error);
  if (answer == NULL)
    return 0;
  return soup_message_get_status (message);
}

/* `user add` of "ops" with @role to @database: the token it prints, once. */
static char *
add_user (const char *database,
          const char *role)
{
  const char *argv[] = { server_binary (), "user", "add", "ops", "--role", role,
                         "--database", database, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *token_out = NULL;
  gint exit_status = -1;
  char *token;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &token_out, NULL, &exit_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (exit_status, NULL));
  token = g_strstrip (g_strdup (token_out));
  g_assert_true (g_str_has_prefix (token, "clt_"));
  return token;
}

/* Runs `clientele-server user ARGS... --database @database`, which must
 * succeed. */
static void
run_user_command (const char        *database,
                  const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint exit_status = -1;

  g_ptr_array_add (argv, (char *) server_binary ());
  g_ptr_array_add (argv, (char *) "user");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, (char *) database);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                &exit_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (exit_status, NULL));
}

/* `serve` on 127.0.0.1, over TLS with @pem as certificate and key unless it
 * is NULL; returns the URL its first line says it listens on. */
static char *
start_server (const char   *database,
              const char   *pem,
              GSubprocess **serve)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  const char *scheme = pem != NULL ? "https" : "http";
  g_autofree char *listening = g_strdup_printf ("Listening on %s://127.0.0.1:", scheme);

  if (pem != NULL)
    *serve = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, server_binary (), "serve",
                               "--database", database, "--listen", "127.0.0.1:0",
                               "--tls-certificate", pem, "--tls-key", pem, NULL);
  else
    *serve = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, server_binary (), "serve",
                               "--database", database, "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (*serve));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, listening));
  return g_strdup (line + strlen ("Listening on "));
}

static void
test_sigterm (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clt-server-binary-XXXXXX", &error);
  g_autofree char *database = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *wal = g_strconcat (database, "-wal", NULL);
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autofree char *me = NULL;
  g_autofree char *bearer = NULL;
  g_autofree char *poll_url = NULL;
  g_autoptr(GSubprocess) serve = NULL;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autoptr(SoupMessage) poll = NULL;
  g_autoptr(GAsyncResult) poll_result = NULL;
  g_autoptr(GBytes) answer = NULL;
  gint status = -1;

  g_assert_no_error (error);

  /* user add: the token on stdout, once. */
  token = add_user (database, "admin");
  url = start_server (database, NULL, &serve);
  bearer = g_strconcat ("Bearer ", token, NULL);

  /* A first request opens the connection the poll then uses. */
  me = g_strconcat (url, "api/v1/me", NULL);
  g_assert_cmpuint (get_status (session, me, bearer, &error), ==, 200);
  g_assert_no_error (error);

  /* A poll that would wait 30 s is under way when SIGTERM comes: it is
   * answered, and the server exits cleanly. */
  poll_url = g_strconcat (url, "api/v1/changes?since=0&timeout=30", NULL);
  poll = soup_message_new ("GET", poll_url);
  soup_message_headers_replace (soup_message_get_request_headers (poll), "Authorization", bearer);
  soup_session_send_and_read_async (session, poll, G_PRIORITY_DEFAULT, NULL, on_result_cb,
                                    &poll_result);
  {
    gint64 end = g_get_monotonic_time () + 300 * 1000;

    while (g_get_monotonic_time () < end)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (2000);
      }
  }
  g_assert_null (poll_result);

  g_child_watch_add (atoi (g_subprocess_get_identifier (serve)), on_exited_cb, &status);
  g_subprocess_send_signal (serve, SIGTERM);

  while (poll_result == NULL || status == -1)
    g_main_context_iteration (NULL, TRUE);

  answer = soup_session_send_and_read_finish (session, poll_result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (poll), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (answer, NULL), "\"changes\""));

  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  /* Checkpointed: the WAL was folded into the file and removed. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_unlink (database);
  g_rmdir (dir);
}

/* Every user command closes the database before it exits: the WAL is in
 * the file, and no -wal or -shm is left next to it. The last reference to
 * the store used to go with a worker thread's task, at times after main ()
 * returned: then both stayed (4 to 6 runs in 30 of `user list`). */
static void
test_user_commands_close (void)
{
  static const char *const commands[][4] = {
    { "list", NULL },
    { "set-role", "ops", "staff", NULL },
    { "list", NULL },
    { "revoke", "ops", NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clt-server-binary-XXXXXX", &error);
  g_autofree char *database = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *wal = g_strconcat (database, "-wal", NULL);
  g_autofree char *shm = g_strconcat (database, "-shm", NULL);
  g_autofree char *token = NULL;

  g_assert_no_error (error);

  token = add_user (database, "admin");
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  for (guint round = 0; round < 10; round++)
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        run_user_command (database, commands[i]);
        g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
        g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
      }

  g_unlink (database);
  g_rmdir (dir);
}

/* --tls-certificate/--tls-key: the server speaks HTTPS only, with that
 * certificate; a client that trusts it gets answers, one that does not is
 * refused by TLS. */
static void
test_tls (void)
{
  const char *pem = g_getenv ("CLT_TEST_CERTIFICATE");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clt-server-binary-XXXXXX", &error);
  g_autofree char *database = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *token = NULL;
  g_autofree char *bearer = NULL;
  g_autofree char *url = NULL;
  g_autofree char *me = NULL;
  g_autofree char *plain_me = NULL;
  g_autoptr(GSubprocess) serve = NULL;
  g_autoptr(GTlsDatabase) trusting = NULL;
  g_autoptr(SoupSession) trusted = NULL;
  g_autoptr(SoupSession) stranger = soup_session_new_with_options ("timeout", 20, NULL);
  gint status = -1;

  g_assert_no_error (error);
  g_assert_nonnull (pem);

  token = add_user (database, "viewer");
  bearer = g_strconcat ("Bearer ", token, NULL);
  url = start_server (database, pem, &serve);
  me = g_strconcat (url, "api/v1/me", NULL);

  trusting = g_tls_file_database_new (pem, &error);
  g_assert_no_error (error);
  trusted = soup_session_new_with_options ("timeout", 20, "tls-database", trusting, NULL);
  g_assert_cmpuint (get_status (trusted, me, bearer, &error), ==, 200);
  g_assert_no_error (error);

  /* The system's authorities do not know this certificate. */
  g_assert_cmpuint (get_status (stranger, me, bearer, &error), ==, 0);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_clear_error (&error);

  /* No plain HTTP on the same port. */
  plain_me = g_strconcat ("http://", me + strlen ("https://"), NULL);
  g_assert_cmpuint (get_status (stranger, plain_me, bearer, &error), !=, 200);
  g_clear_error (&error);

  g_child_watch_add (atoi (g_subprocess_get_identifier (serve)), on_exited_cb, &status);
  g_subprocess_send_signal (serve, SIGTERM);
  while (status == -1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_unlink (database);
  g_rmdir (dir);
}

static void
test_refuses_plain_http_beyond_loopback (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clt-server-binary-XXXXXX", &error);
  g_autofree char *database = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *err = NULL;
  const char *argv[] = { server_binary (), "serve", "--database", database, "--listen",
                         "0.0.0.0:0", NULL };
  gint exit_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &exit_status, &error);
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (exit_status, NULL));
  g_assert_nonnull (strstr (err, "TLS"));

  g_unlink (database);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/server-binary/sigterm", test_sigterm);
  g_test_add_func ("/clt/server-binary/tls", test_tls);
  g_test_add_func ("/clt/server-binary/user-commands-close", test_user_commands_close);
  g_test_add_func ("/clt/server-binary/refuses-plain-http-beyond-loopback",
                   test_refuses_plain_http_beyond_loopback);

  return g_test_run ();
}
