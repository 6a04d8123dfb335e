/* store-factory-postgres.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "store-factory-postgres"

#include "config.h"

#include "clt-pg-store.h"

#include "pg-cluster.h"
#include "store-factory.h"
#include "store-test-util.h"

/* CltPgStore on a throwaway cluster (tests/common/pg-cluster.c): a new
 * database per case; a second instance is a second CltPgStore on the same
 * database (another server instance); the role is the shop preferences'
 * "local-role", as for SQLite. */

static CltStore *
open_database (const char *conninfo)
{
  g_autoptr(GError) error = NULL;
  CltPgStore *store;

  store = clt_pg_store_new (conninfo, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_object_set_data_full (G_OBJECT (store), "store-factory-conninfo", g_strdup (conninfo), g_free);
  return CLT_STORE (store);
}

static const char *
postgres_unavailable (void)
{
  const char *why_not = NULL;

  if (pg_cluster_get (&why_not) == NULL)
    return why_not;
  return NULL;
}

static CltStore *
postgres_new_store (const char *dir)
{
  g_autofree char *conninfo = pg_cluster_create_database (pg_cluster_get (NULL));

  return open_database (conninfo);
}

static CltStore *
postgres_open_second (CltStore   *store,
                      const char *dir)
{
  return open_database (g_object_get_data (G_OBJECT (store), "store-factory-conninfo"));
}

static void
postgres_free (CltStore *store)
{
  store_unref_and_wait_finalized (store);
}

const StoreFactory *
store_factory_postgres (void)
{
  static const StoreFactory factory = {
    .name = "postgres",
    .unavailable = postgres_unavailable,
    .new_store = postgres_new_store,
    .open_second = postgres_open_second,
    .set_role = store_set_local_role,
    .free = postgres_free,
  };

  return &factory;
}
