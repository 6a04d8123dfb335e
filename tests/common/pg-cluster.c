/* pg-cluster.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pg-cluster"

#include "config.h"

#include <locale.h>
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "pg-cluster.h"

#define DEFAULT_BINDIR "/usr/lib/postgresql/15/bin"
#define SUPERUSER      "clientele"

struct _PgCluster
{
  char    *bindir;
  char    *dir;        /* the folder: data/, the socket, the log */
  char    *data_dir;
  uid_t    uid;        /* who runs the server: nobody when we are root */
  gid_t    gid;
  guint    n_databases;
  gboolean owned;      /* started here, not by the parent process */
};

/* A test's subprocesses (g_test_trap_subprocess ()) use the cluster of
 * the process that started it. */
#define SOCKET_DIR_ENV "CLT_TEST_PG_SOCKET_DIR"

static PgCluster *the_cluster;

/* argv to run @program of the bindir as the cluster's owner. */
static GPtrArray *
command_new (PgCluster  *cluster,
             const char *program)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  if (geteuid () == 0)
    {
      g_ptr_array_add (argv, g_strdup ("setpriv"));
      g_ptr_array_add (argv, g_strdup_printf ("--reuid=%u", (guint) cluster->uid));
      g_ptr_array_add (argv, g_strdup_printf ("--regid=%u", (guint) cluster->gid));
      g_ptr_array_add (argv, g_strdup ("--clear-groups"));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  g_ptr_array_add (argv, g_build_filename (cluster->bindir, program, NULL));
  return argv;
}

static void
run (PgCluster *cluster,
     GPtrArray *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, NULL);
  /* The cluster's own tools: the server's messages in English, whatever
   * the test's locale. */
  g_spawn_sync (cluster->dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed:\n%s%s", (char *) argv->pdata[0], out, err);
  g_ptr_array_unref (argv);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

void
pg_cluster_shutdown (void)
{
  PgCluster *cluster = g_steal_pointer (&the_cluster);

  if (cluster == NULL)
    return;
  if (!cluster->owned)
    {
      g_free (cluster->dir);
      g_free (cluster);
      return;
    }

  {
    GPtrArray *argv = command_new (cluster, "pg_ctl");
    g_autofree char *out = NULL;
    int status = 0;

    g_ptr_array_add (argv, g_strdup ("-D"));
    g_ptr_array_add (argv, g_strdup (cluster->data_dir));
    g_ptr_array_add (argv, g_strdup ("-m"));
    g_ptr_array_add (argv, g_strdup ("immediate"));
    g_ptr_array_add (argv, g_strdup ("-w"));
    g_ptr_array_add (argv, g_strdup ("stop"));
    g_ptr_array_add (argv, NULL);
    g_spawn_sync (cluster->dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                  &out, NULL, &status, NULL);
    g_ptr_array_unref (argv);
  }

  remove_tree (cluster->dir);
  g_free (cluster->bindir);
  g_free (cluster->dir);
  g_free (cluster->data_dir);
  g_free (cluster);
}

static void
shutdown_at_exit (void)
{
  pg_cluster_shutdown ();
}

static PgCluster *
start (const char *bindir)
{
  PgCluster *cluster = g_new0 (PgCluster, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *options = NULL;
  GPtrArray *argv;

  cluster->bindir = g_strdup (bindir);
  cluster->dir = g_dir_make_tmp ("clt-pg-XXXXXX", &error);
  g_assert_no_error (error);
  cluster->data_dir = g_build_filename (cluster->dir, "data", NULL);
  cluster->uid = geteuid ();
  cluster->gid = getegid ();

  if (geteuid () == 0)
    {
      struct passwd *nobody = getpwnam ("nobody");

      g_assert_nonnull (nobody);
      cluster->uid = nobody->pw_uid;
      cluster->gid = nobody->pw_gid;
      g_assert_cmpint (chown (cluster->dir, cluster->uid, cluster->gid), ==, 0);
    }
  g_chmod (cluster->dir, 0700);

  argv = command_new (cluster, "initdb");
  g_ptr_array_add (argv, g_strdup ("-D"));
  g_ptr_array_add (argv, g_strdup (cluster->data_dir));
  g_ptr_array_add (argv, g_strdup ("-U"));
  g_ptr_array_add (argv, g_strdup (SUPERUSER));
  g_ptr_array_add (argv, g_strdup ("--auth=trust"));
  g_ptr_array_add (argv, g_strdup ("--encoding=UTF8"));
  g_ptr_array_add (argv, g_strdup ("--locale=C.UTF-8"));
  g_ptr_array_add (argv, g_strdup ("--no-sync"));
  run (cluster, argv);

  log = g_build_filename (cluster->dir, "server.log", NULL);
  /* Unix socket only, in the folder; durability is not a test's concern. */
  options = g_strdup_printf ("-c listen_addresses='' -k %s -c fsync=off"
                             " -c synchronous_commit=off -c full_page_writes=off"
                             " -c max_connections=200", cluster->dir);
  argv = command_new (cluster, "pg_ctl");
  g_ptr_array_add (argv, g_strdup ("-D"));
  g_ptr_array_add (argv, g_strdup (cluster->data_dir));
  g_ptr_array_add (argv, g_strdup ("-l"));
  g_ptr_array_add (argv, g_strdup (log));
  g_ptr_array_add (argv, g_strdup ("-o"));
  g_ptr_array_add (argv, g_strdup (options));
  g_ptr_array_add (argv, g_strdup ("-w"));
  g_ptr_array_add (argv, g_strdup ("start"));
  run (cluster, argv);

  return cluster;
}

PgCluster *
pg_cluster_get (const char **why_not)
{
  const char *bindir = g_getenv ("CLT_PG_BINDIR");
  g_autofree char *initdb = NULL;

  if (the_cluster != NULL)
    return the_cluster;

  if (g_getenv (SOCKET_DIR_ENV) != NULL)
    {
      the_cluster = g_new0 (PgCluster, 1);
      the_cluster->dir = g_strdup (g_getenv (SOCKET_DIR_ENV));
      return the_cluster;
    }

  if (bindir == NULL || bindir[0] == '\0')
    bindir = DEFAULT_BINDIR;
  initdb = g_build_filename (bindir, "initdb", NULL);
  if (!g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE))
    {
      /* CI installs postgresql-15 (tests/setup): missing there is a
       * failure, never a skip. */
      if (g_getenv ("CI") != NULL)
        g_error ("PostgreSQL is not installed (no %s), but $CI is set: "
                 "tests/setup installs postgresql-15", initdb);
      if (why_not != NULL)
        *why_not = "PostgreSQL 15 is not installed (tests/setup installs postgresql-15)";
      return NULL;
    }

  the_cluster = start (bindir);
  the_cluster->owned = TRUE;
  g_setenv (SOCKET_DIR_ENV, the_cluster->dir, TRUE);
  atexit (shutdown_at_exit);
  return the_cluster;
}

PgCluster *
pg_cluster_test_init (int    *argc,
                      char ***argv)
{
  const char *why_not = NULL;
  PgCluster *cluster;

  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);

  cluster = pg_cluster_get (&why_not);
  if (cluster == NULL)
    g_print ("1..0 # SKIP %s\n", why_not);
  return cluster;
}

const char *
pg_cluster_get_socket_dir (PgCluster *cluster)
{
  return cluster->dir;
}

char *
pg_cluster_create_database (PgCluster *cluster)
{
  g_autofree char *admin = g_strdup_printf ("host=%s user=" SUPERUSER " dbname=postgres",
                                            cluster->dir);
  g_autofree char *name = g_strdup_printf ("clt_%d_%u", (int) getpid (), ++cluster->n_databases);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);
  PGconn *conn = PQconnectdb (admin);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect to the test cluster: %s", PQerrorMessage (conn));
  pg_exec_ok (conn, sql);
  PQfinish (conn);

  return g_strdup_printf ("host=%s user=" SUPERUSER " dbname=%s", cluster->dir, name);
}

void
pg_exec_ok (PGconn     *conn,
            const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}
