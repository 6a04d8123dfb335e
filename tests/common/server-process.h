/* server-process.h — a real clientele-server for tests: a separate
 * process (CLT_SERVER_BINARY) on a SQLite file of the test's own, on
 * 127.0.0.1 port 0, and its `user` commands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _ServerProcess ServerProcess;

/* A server for the database @dir/clientele.db (made by the first `user
 * add`), not running yet. CLT_SERVER_BINARY names the program; the
 * server's log goes to the test's stderr only with CLT_SERVER_LOG set. */
ServerProcess *server_process_new       (const char     *dir);
/* The same on the PostgreSQL database of @conninfo (--postgres): several
 * servers may share it. */
ServerProcess *server_process_new_postgres (const char  *conninfo);
ServerProcess *server_process_ref       (ServerProcess  *self);
/* The last reference stops a running server (as server_process_stop ()). */
void           server_process_unref     (ServerProcess  *self);

/* Adds user @name with @role ("admin", "staff", "support", "viewer") and
 * returns the token `user add` printed. */
char          *server_process_add_user  (ServerProcess  *self,
                                         const char     *name,
                                         const char     *role);
/* Runs `clientele-server ARG… --database FILE` (or --postgres) to its end, which must be
 * exit status 0, and returns what it printed. */
char          *server_process_run_tool  (ServerProcess  *self,
                                         const char     *first_arg,
                                         ...) G_GNUC_NULL_TERMINATED;

/* Serves: the first time on a free port, later on the same one (a server
 * that "comes back"). @options: more `serve` options (NULL-terminated),
 * or NULL. Returns once the server says where it listens. */
void           server_process_start     (ServerProcess      *self,
                                         const char * const *options);
/* SIGTERM, and waits for the server to exit with status 0. */
void           server_process_stop      (ServerProcess  *self);
gboolean       server_process_is_running (ServerProcess *self);

/* http://127.0.0.1:PORT/ (after the first start). */
const char    *server_process_get_url      (ServerProcess *self);
const char    *server_process_get_database (ServerProcess *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerProcess, server_process_unref)

G_END_DECLS
