/* pg-cluster.h — a throwaway PostgreSQL cluster for tests: initdb and
 * pg_ctl in a temporary folder, listening on a Unix socket in that folder
 * only (listen_addresses = ''), trust authentication, stopped and removed
 * at the end.
 *
 * PostgreSQL refuses to run as root: a test run by root runs initdb and
 * the server as "nobody" (setpriv), in a folder owned by nobody.
 *
 * Where the server programs are: $CLT_PG_BINDIR, else
 * /usr/lib/postgresql/15/bin. When they are missing the cluster cannot
 * start: pg_cluster_start () fails the test when $CI is set (CI installs
 * postgresql-15 with tests/setup, so missing there is a defect), and
 * otherwise returns NULL so that the caller skips with a message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct _PgCluster PgCluster;

/* The cluster of this test program, started on the first call and
 * stopped at exit; NULL (outside CI only) when PostgreSQL is not
 * installed, with @why_not saying so. */
PgCluster  *pg_cluster_get             (const char **why_not);
/* A new, empty database on @cluster; returns its libpq conninfo
 * ("host=… dbname=… user=…"). */
char       *pg_cluster_create_database (PgCluster   *cluster);
/* The folder of the socket (the host of the conninfo). */
const char *pg_cluster_get_socket_dir  (PgCluster   *cluster);
/* Runs @sql on @conn; a failure ends the test with PostgreSQL's message. */
void        pg_exec_ok                 (PGconn      *conn,
                                        const char  *sql);
/* What a PostgreSQL test program's main () does first: setlocale (),
 * g_test_init () and pg_cluster_get (). NULL (outside CI only) when
 * PostgreSQL is not installed, after printing a TAP plan that skips the
 * whole program with the reason: main () then returns 0. */
PgCluster  *pg_cluster_test_init       (int         *argc,
                                        char      ***argv);
/* Stops the server and removes the folder (also done at exit). */
void        pg_cluster_shutdown        (void);

G_END_DECLS
