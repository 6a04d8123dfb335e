/* store-factory-postgres.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "store-factory-postgres"

#include "config.h"

#include <libpq-fe.h>

#include "clt-pg-store.h"

#include "pg-cluster.h"
#include "store-factory.h"
#include "store-test-util.h"

/* CltPgStore on a throwaway cluster (tests/common/pg-cluster.c): one
 * database for the whole suite, emptied before each case (the cases run
 * one after the other, each in a process of its own): TRUNCATE takes
 * milliseconds where CREATE DATABASE and the schema take seconds. A
 * second instance is a second CltPgStore on the same database (another
 * server instance); the role is the shop preferences' "local-role", as
 * for SQLite. */

/* Every table but the schema's version and the data version counter. */
static const char empty_sql[] =
  "DO $$ DECLARE tables text; BEGIN"
  "  SELECT string_agg (quote_ident (tablename), ', ') INTO tables FROM pg_tables"
  "   WHERE schemaname = current_schema ()"
  "     AND tablename NOT IN ('clt_schema_version', 'clt_data_version');"
  "  IF tables IS NOT NULL THEN"
  "    EXECUTE 'TRUNCATE ' || tables || ' RESTART IDENTITY CASCADE';"
  "    UPDATE clt_data_version SET version = version + 1;"
  "  END IF;"
  "END $$";

#define CONNINFO_ENV "CLT_TEST_PG_CONNINFO"

static const char *
suite_database (void)
{
  if (g_getenv (CONNINFO_ENV) == NULL)
    {
      g_autofree char *conninfo = pg_cluster_create_database (pg_cluster_get (NULL));

      /* For the cases' subprocesses. */
      g_setenv (CONNINFO_ENV, conninfo, TRUE);
    }
  return g_getenv (CONNINFO_ENV);
}

static void
empty_database (const char *conninfo)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, empty_sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("Emptying the database failed: %s", PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
}

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
  suite_database ();
  return NULL;
}

static CltStore *
postgres_new_store (const char *dir)
{
  const char *conninfo = suite_database ();

  empty_database (conninfo);
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
