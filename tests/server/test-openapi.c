/* test-openapi.c — data/openapi.yaml says what the server serves: every
 * route of the server's table is in the file with the same methods, and
 * every path and method of the file is served. The file is read with a
 * small line parser: paths are the keys indented by two under "paths:",
 * methods the keys indented by four under a path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-openapi"

#include "config.h"

#include <string.h>

#include "clt-server.h"

/* "GET /customers/{id}" for every operation of the file. */
static GPtrArray *
read_operations (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "openapi.yaml",
                                                  NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *operations = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *current = NULL;
  gboolean in_paths = FALSE;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] != ' ' && line[0] != '#' && line[0] != '\0')
        {
          in_paths = g_str_equal (line, "paths:");
          continue;
        }
      if (!in_paths)
        continue;

      if (g_str_has_prefix (line, "  /") && g_str_has_suffix (line, ":"))
        {
          g_free (current);
          current = g_strndup (line + 2, strlen (line) - 3);
        }
      else if (current != NULL && g_str_has_prefix (line, "    ") && line[4] != ' ' &&
               g_str_has_suffix (line, ":"))
        {
          g_autofree char *method = g_ascii_strup (line + 4, strlen (line) - 5);

          if (g_strv_contains ((const char * const[]) { "GET", "POST", "PUT", "PATCH", "DELETE",
                                                        "HEAD", "OPTIONS", NULL }, method))
            g_ptr_array_add (operations, g_strdup_printf ("%s %s", method, current));
        }
    }

  return operations;
}

static gboolean
contains (GPtrArray  *strings,
          const char *string)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_str_equal (g_ptr_array_index (strings, i), string))
      return TRUE;
  return FALSE;
}

static void
test_routes_match (void)
{
  g_autoptr(GPtrArray) documented = read_operations ();
  g_autoptr(GPtrArray) served = g_ptr_array_new_with_free_func (g_free);
  const CltServerRouteInfo *routes;
  guint n_routes = 0;

  routes = clt_server_get_routes (&n_routes);
  g_assert_cmpuint (n_routes, >, 30);
  for (guint i = 0; i < n_routes; i++)
    g_ptr_array_add (served, g_strdup_printf ("%s %s", routes[i].method, routes[i].path));

  for (guint i = 0; i < served->len; i++)
    {
      const char *operation = g_ptr_array_index (served, i);

      if (!contains (documented, operation))
        g_error ("The server serves %s, but data/openapi.yaml does not describe it", operation);
    }

  for (guint i = 0; i < documented->len; i++)
    {
      const char *operation = g_ptr_array_index (documented, i);

      if (!contains (served, operation))
        g_error ("data/openapi.yaml describes %s, but the server does not serve it", operation);
    }

  g_assert_cmpuint (documented->len, ==, served->len);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/openapi/routes-match", test_routes_match);

  return g_test_run ();
}
