/* store-factory-rest.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "store-factory-rest"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "clt-enum-types.h"
#include "clt-rest-store.h"

#include "store-factory.h"
#include "store-test-util.h"

/* The REST store against a real clientele-server (CLT_SERVER_BINARY): a
 * fresh SQLite file in the fixture's folder with an admin user, the server
 * on 127.0.0.1 port 0, a CltRestStore signed in with the admin's token.
 * A second instance is a second CltRestStore on the same server; the role
 * is changed with `clientele-server user set-role`. The server stops when
 * the last store on it is freed (SIGTERM, then waited for), or with the
 * test process should that die first. */

#define USERNAME "conformance"

typedef struct
{
  gint         ref_count;
  GSubprocess *process;
  char        *database;
  char        *url;
  char        *token;
} Server;

static const char *
server_binary (void)
{
  const char *path = g_getenv ("CLT_SERVER_BINARY");

  if (path == NULL || path[0] == '\0')
    g_error ("CLT_SERVER_BINARY must name the clientele-server program");
  return path;
}

/* The server dies with the test (a failed case aborts its process). */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
new_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher;

  if (g_getenv ("CLT_STORE_SERVER_LOG") == NULL)
    flags |= G_SUBPROCESS_FLAGS_STDERR_SILENCE;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return launcher;
}

/* Runs `clientele-server ARGS… --database F` to the end; returns its
 * stdout. */
static char *
run_tool (Server     *server,
          const char *first_arg,
          ...)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) server_binary ());
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, server->database);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  return g_steal_pointer (&output);
}

/* The token `user add` prints: its last line that is one word. */
static char *
find_token (const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = g_strv_length (lines); i > 0; i--)
    {
      char *line = g_strstrip (lines[i - 1]);

      if (line[0] != '\0' && strchr (line, ' ') == NULL)
        return g_strdup (line);
    }

  g_error ("No token in the output of “clientele-server user add”: %s", output);
  return NULL;
}

/* Keeps reading the server's stdout so that it never blocks on it. */
static void
on_skipped_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  gssize skipped = g_input_stream_skip_finish (G_INPUT_STREAM (object), result, NULL);

  if (skipped > 0)
    g_input_stream_skip_async (G_INPUT_STREAM (object), 65536, G_PRIORITY_DEFAULT, NULL,
                               on_skipped_cb, NULL);
}

static Server *
server_start (const char *dir)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *line = NULL;
  const char *prefix = "Listening on ";

  server->ref_count = 1;
  server->database = g_build_filename (dir, "clientele.db", NULL);
  output = run_tool (server, "user", "add", USERNAME, "--role", "admin", NULL);
  server->token = find_token (output);

  server->process = g_subprocess_launcher_spawn (launcher, &error, server_binary (), "serve",
                                                 "--database", server->database,
                                                 "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);

  /* "Listening on http://127.0.0.1:PORT/" comes first. */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, prefix))
    g_error ("clientele-server did not say where it listens: “%s”", line ? line : "(nothing)");
  server->url = g_strstrip (g_strdup (line + strlen (prefix)));
  g_input_stream_skip_async (G_INPUT_STREAM (lines), 65536, G_PRIORITY_DEFAULT, NULL,
                             on_skipped_cb, NULL);

  return server;
}

static Server *
server_ref (Server *server)
{
  server->ref_count++;
  return server;
}

static void
server_unref (Server *server)
{
  g_autoptr(GError) error = NULL;

  if (--server->ref_count > 0)
    return;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);

  g_clear_object (&server->process);
  g_free (server->database);
  g_free (server->url);
  g_free (server->token);
  g_free (server);
}

static CltStore *
connect_store (Server *server)
{
  g_autoptr(CltRestStore) store = clt_rest_store_new (server->url, server->token);
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  clt_rest_store_connect_async (store, NULL, store_result_cb, &result);
  user = clt_rest_store_connect_finish (store, store_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);

  g_object_set_data_full (G_OBJECT (store), "store-factory-server", server_ref (server),
                          (GDestroyNotify) server_unref);
  return CLT_STORE (g_steal_pointer (&store));
}

static CltStore *
rest_new_store (const char *dir)
{
  Server *server = server_start (dir);
  CltStore *store = connect_store (server);

  server_unref (server);
  return store;
}

static CltStore *
rest_open_second (CltStore   *store,
                  const char *dir)
{
  return connect_store (g_object_get_data (G_OBJECT (store), "store-factory-server"));
}

static void
rest_set_role (CltStore *store,
               CltRole   role)
{
  Server *server = g_object_get_data (G_OBJECT (store), "store-factory-server");
  g_autoptr(GEnumClass) roles = g_type_class_ref (CLT_TYPE_ROLE);
  g_autofree char *output = NULL;

  output = run_tool (server, "user", "set-role", USERNAME,
                     g_enum_get_value (roles, role)->value_nick, NULL);
}

static void
set_flag (gpointer data)
{
  g_atomic_int_set ((gint *) data, TRUE);
}

/* Stops the feed, waits until the store is finalized (requests hold it),
 * and with the last store on it stops the server. */
static void
rest_free (CltStore *store)
{
  gint finalized = FALSE;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  clt_rest_store_shutdown (CLT_REST_STORE (store));
  g_object_set_data_full (G_OBJECT (store), "store-factory-finalized", &finalized, set_flag);
  g_object_unref (store);
  while (!g_atomic_int_get (&finalized) && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
  g_assert_true (g_atomic_int_get (&finalized));
}

const StoreFactory *
store_factory_rest (void)
{
  static const StoreFactory factory = {
    .name = "rest",
    .new_store = rest_new_store,
    .open_second = rest_open_second,
    .set_role = rest_set_role,
    .free = rest_free,
  };

  return &factory;
}
