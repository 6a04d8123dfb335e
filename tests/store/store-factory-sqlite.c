/* store-factory-sqlite.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "store-factory-sqlite"

#include "config.h"

#include "clt-shop-preferences.h"
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

static void
sqlite_set_role (CltStore *store,
                 CltRole   role)
{
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(CltShopPreferences) stored = NULL;
  g_autoptr(GError) error = NULL;

  preferences = sync_get_preferences (store, &error);
  g_assert_no_error (error);
  clt_shop_preferences_set_local_role (preferences, role);
  stored = sync_set_preferences (store, preferences, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_shop_preferences_get_local_role (stored), ==, role);
}

static void
set_flag (gpointer data)
{
  g_atomic_int_set ((gint *) data, TRUE);
}

/* Worker threads drop their task (and its store reference) just after the
 * result arrives, and "changed" may still be queued on the main context:
 * wait until the store is finalized, so that the folder can go. */
static void
sqlite_free (CltStore *store)
{
  gint finalized = FALSE;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

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
store_factory_sqlite (void)
{
  static const StoreFactory factory = {
    .name = "sqlite",
    .new_store = sqlite_new_store,
    .open_second = sqlite_open_second,
    .set_role = sqlite_set_role,
    .free = sqlite_free,
  };

  return &factory;
}
