/* unprivileged.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unprivileged"

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>
#include <unistd.h>

#include "unprivileged.h"

/* nobody and nogroup on Debian. */
#define NOBODY_ID "65534"

static char *
copy_for_nobody (const char *from,
                 const char *dir,
                 const char *name,
                 int         mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  char *to = g_build_filename (dir, name, NULL);
  gsize length = 0;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (to, mode), ==, 0);

  return to;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

gboolean
run_unprivileged (const char *test_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *setpriv = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *home = NULL;
  g_autofree char *program = NULL;
  g_autofree char *child_out = NULL;
  g_autofree char *child_err = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *schemas = g_getenv ("GSETTINGS_SCHEMA_DIR");
  const char *xauthority = g_getenv ("XAUTHORITY");
  int status = 0;

  if (geteuid () != 0)
    return FALSE;

  setpriv = g_find_program_in_path ("setpriv");
  g_assert_nonnull (setpriv);

  /* The build folder may lie in root's home, which nobody cannot enter:
   * the program, the settings schemas and the X authority go to a folder
   * of their own. */
  dir = g_dir_make_tmp ("clt-unprivileged-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  program = copy_for_nobody ("/proc/self/exe", dir, "test-program", 0755);

  home = g_build_filename (dir, "home", NULL);
  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  g_assert_cmpint (chown (home, 65534, 65534), ==, 0);
  envp = g_environ_setenv (envp, "HOME", home, TRUE);
  envp = g_environ_unsetenv (envp, "XDG_RUNTIME_DIR");
  envp = g_environ_unsetenv (envp, "DBUS_SESSION_BUS_ADDRESS");

  if (schemas != NULL)
    {
      g_autofree char *from = g_build_filename (schemas, "gschemas.compiled", NULL);
      g_autofree char *to = NULL;

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        {
          to = copy_for_nobody (from, dir, "gschemas.compiled", 0644);
          envp = g_environ_setenv (envp, "GSETTINGS_SCHEMA_DIR", dir, TRUE);
        }
    }
  if (xauthority != NULL && g_file_test (xauthority, G_FILE_TEST_EXISTS))
    {
      g_autofree char *to = copy_for_nobody (xauthority, dir, "Xauthority", 0600);

      g_assert_cmpint (chown (to, 65534, 65534), ==, 0);
      envp = g_environ_setenv (envp, "XAUTHORITY", to, TRUE);
    }

  {
    const char *argv[] = {
      setpriv, "--reuid=" NOBODY_ID, "--regid=" NOBODY_ID, "--clear-groups",
      "--", program, "--tap", "-p", test_path, NULL,
    };

    g_spawn_sync (home, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                  &child_out, &child_err, &status, &error);
  }
  g_assert_no_error (error);
  g_test_message ("%s as nobody:\n%s%s", test_path, child_out, child_err);
  remove_dir (dir);

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* It ran: one passed test case, and no skip. */
  g_assert_nonnull (strstr (child_out, "\nok 1 "));
  g_assert_null (strstr (child_out, "# SKIP"));
  g_assert_null (strstr (child_out, "not ok"));

  return TRUE;
}
