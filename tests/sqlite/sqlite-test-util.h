/* sqlite-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-sqlite-store.h"

G_BEGIN_DECLS

/* Fixtures shared by the SQLite store test programs. */

typedef struct
{
  char           *dir;
  char           *path;
  CltSqliteStore *store;
} StoreFixture;

void            store_fixture_setup    (StoreFixture  *fixture,
                                        gconstpointer  data);
void            store_fixture_teardown (StoreFixture  *fixture,
                                        gconstpointer  data);

void            remove_tree  (const char    *path);
void            on_result_cb (GObject       *object,
                              GAsyncResult  *result,
                              gpointer       user_data);
GAsyncResult   *wait_for     (GAsyncResult **slot);
CltSqliteStore *open_store   (const char    *path);
void            close_store  (CltSqliteStore *store);

gint64          query_int64    (const char    *path,
                                const char    *sql);
gint64          pragma_int     (const char    *path,
                                const char    *pragma);
void            exec_on_file   (const char    *path,
                                const char    *sql);
GBytes         *read_file      (const char    *path);
/* Opening @path must fail in CLT_SQLITE_ERROR with @code (or @alt_code)
 * and leave the file's bytes as they were, with no -wal or -shm created
 * next to it. */
void            assert_refused (const char    *path,
                                int            code,
                                int            alt_code);

/* Sets the shop's local role to @role through @store's preferences and
 * checks that the stored preferences say so. */
void            set_local_role (CltStore      *store,
                                CltRole        role);

G_END_DECLS
