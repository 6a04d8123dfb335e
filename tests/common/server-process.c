/* server-process.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "server-process"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "server-process.h"

struct _ServerProcess
{
  gint         ref_count;
  /* "--database" with a file, or "--postgres" with a conninfo. */
  const char  *database_option;
  char        *database;
  GSubprocess *process;
  char        *url;
  /* "127.0.0.1:PORT" once the port is known: later starts reuse it. */
  char        *listen;
};

static const char *
server_binary (void)
{
  const char *path = g_getenv ("CLT_SERVER_BINARY");

  if (path == NULL || path[0] == '\0')
    g_error ("CLT_SERVER_BINARY must name the clientele-server program");
  return path;
}

/* The server dies with the test (a failed assertion aborts the process). */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
new_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher;

  if (g_getenv ("CLT_SERVER_LOG") == NULL)
    flags |= G_SUBPROCESS_FLAGS_STDERR_SILENCE;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return launcher;
}

ServerProcess *
server_process_new (const char *dir)
{
  ServerProcess *self = g_new0 (ServerProcess, 1);

  self->ref_count = 1;
  self->database_option = "--database";
  self->database = g_build_filename (dir, "clientele.db", NULL);
  return self;
}

ServerProcess *
server_process_new_postgres (const char *conninfo)
{
  ServerProcess *self = g_new0 (ServerProcess, 1);

  self->ref_count = 1;
  self->database_option = "--postgres";
  self->database = g_strdup (conninfo);
  return self;
}

ServerProcess *
server_process_ref (ServerProcess *self)
{
  self->ref_count++;
  return self;
}

void
server_process_unref (ServerProcess *self)
{
  if (--self->ref_count > 0)
    return;

  if (self->process != NULL)
    server_process_stop (self);

  g_free (self->database);
  g_free (self->url);
  g_free (self->listen);
  g_free (self);
}

char *
server_process_run_tool (ServerProcess *self,
                         const char    *first_arg,
                         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  va_list args;

  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) server_binary ());
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) self->database_option);
  g_ptr_array_add (argv, self->database);
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

char *
server_process_add_user (ServerProcess *self,
                         const char    *name,
                         const char    *role)
{
  g_autofree char *output = server_process_run_tool (self, "user", "add", name, "--role", role,
                                                     NULL);

  return find_token (output);
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

void
server_process_start (ServerProcess      *self,
                      const char * const *options)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *url = NULL;
  const char *prefix = "Listening on ";

  g_assert_null (self->process);

  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) server_binary ());
  g_ptr_array_add (argv, (gpointer) "serve");
  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) options[i]);
  g_ptr_array_add (argv, (gpointer) self->database_option);
  g_ptr_array_add (argv, self->database);
  g_ptr_array_add (argv, (gpointer) "--listen");
  g_ptr_array_add (argv, self->listen != NULL ? self->listen : (gpointer) "127.0.0.1:0");
  g_ptr_array_add (argv, NULL);

  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                &error);
  g_assert_no_error (error);

  /* "Listening on http://127.0.0.1:PORT/" comes first. */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, prefix))
    g_error ("clientele-server did not say where it listens: “%s”", line ? line : "(nothing)");
  url = g_strstrip (g_strdup (line + strlen (prefix)));
  g_input_stream_skip_async (G_INPUT_STREAM (lines), 65536, G_PRIORITY_DEFAULT, NULL,
                             on_skipped_cb, NULL);

  if (self->listen == NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, &error);

      g_assert_no_error (error);
      self->listen = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));
    }
  g_free (self->url);
  self->url = g_steal_pointer (&url);
}

void
server_process_stop (ServerProcess *self)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (self->process);

  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (self->process));
  g_assert_cmpint (g_subprocess_get_exit_status (self->process), ==, 0);
  g_clear_object (&self->process);
}

gboolean
server_process_is_running (ServerProcess *self)
{
  return self->process != NULL;
}

const char *
server_process_get_url (ServerProcess *self)
{
  return self->url;
}

const char *
server_process_get_database (ServerProcess *self)
{
  return self->database;
}
