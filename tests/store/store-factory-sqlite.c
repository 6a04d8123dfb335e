/* store-factory-sqlite.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "store-factory-sqlite"

#include "config.h"

#include "clt-sqlite-store.h"

#include "store-factory.h"
#include "store-test-util.h"

/* The SQLite store: one file in the fixture's folder; a second instance
 * is a second CltSqliteStore on the same file (another window); the role
 * is the shop preferences' "local-role". */

static CltStore *
open_file (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "clientele.db", NULL);
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store;

  store = clt_sqlite_store_new (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return CLT_STORE (store);
}

static CltStore *
sqlite_new_store (const char *dir)
{
  return open_file (dir);
}

static CltStore *
sqlite_open_second (CltStore   *store,
                    const char *dir)
{
  return open_file (dir);
}

/* Worker threads drop their task (and its store reference) just after the
 * result arrives, and "changed" may still be queued on the main context:
 * wait until the store is finalized, so that the folder can go. */
static void
sqlite_free (CltStore *store)
{
  store_unref_and_wait_finalized (store);
}

const StoreFactory *
store_factory_sqlite (void)
{
  static const StoreFactory factory = {
    .name = "sqlite",
    .new_store = sqlite_new_store,
    .open_second = sqlite_open_second,
    .set_role = store_set_local_role,
    .free = sqlite_free,
  };

  return &factory;
}
