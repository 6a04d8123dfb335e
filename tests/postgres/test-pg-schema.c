/* test-pg-schema.c — the PostgreSQL schema's own machinery, on a
 * throwaway cluster (tests/common/pg-cluster.c): what its triggers keep,
 * and forward migrations applied to data of the version before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pg-schema"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "clt-customer.h"
#include "clt-pg-schema.h"
#include "clt-pg-store.h"
#include "clt-query.h"

#include "pg-cluster.h"
#include "store-test-util.h"

static PgCluster *cluster;

/* @column of customer_page_details of the customer whose id is @id; NULL
 * when it has no row, or NULL there. */
static char *
page_text (PGconn     *conn,
           const char *column,
           const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT d.%s FROM customer_page_details d"
                                          " JOIN customers c ON c.pk = d.customer_pk"
                                          " WHERE c.id = $1", column);
  const char *params[] = { id };
  PGresult *result;
  char *text = NULL;

  result = PQexecParams (conn, sql, 1, NULL, params, NULL, NULL, 0);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (result), <=, 1);
  if (PQntuples (result) == 1 && !PQgetisnull (result, 0, 0))
    text = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return text;
}

static void
assert_page_text (PGconn     *conn,
                  const char *column,
                  const char *id,
                  const char *expected)
{
  g_autofree char *text = page_text (conn, column, id);

  g_assert_cmpstr (text, ==, expected);
}

#define assert_page_fields(conn, id, expected) assert_page_text (conn, "fields", id, expected)
#define assert_page_groups(conn, id, expected) assert_page_text (conn, "groups", id, expected)

/* A database at @version with two custom fields and two customers. */
static PGconn *
database_at (int    version,
             char **conninfo)
{
  g_autoptr(GError) error = NULL;
  PgConn *db;
  PGconn *conn;

  *conninfo = pg_cluster_create_database (cluster);
  db = pg_conn_open (*conninfo, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pg_exec (db, "BEGIN"), ==, PG_OK);
  g_assert_true (clt_pg_schema_migrate_to (db, 0, version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pg_exec (db, "COMMIT"), ==, PG_OK);
  pg_conn_close (db);

  conn = PQconnectdb (*conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  pg_exec_ok (conn,
              "INSERT INTO custom_fields (key, label, type) VALUES ('size', 'Size', 0),"
              " ('shoe', 'Shoe', 1);"
              "INSERT INTO groups (code, name) VALUES ('vip', 'VIP'), ('b2b', 'B2B');"
              "INSERT INTO customers (id, number, email, number_key, registered, updated) VALUES"
              " ('c-1', '1001', 'one@example.org', '1001', 0, 0),"
              " ('c-2', '1002', 'two@example.org', '1002', 0, 0);");
  return conn;
}

static void
test_page_details_kept (void)
{
  g_autofree char *conninfo = NULL;
  PGconn *conn = database_at (CLT_PG_SCHEMA_VERSION, &conninfo);

  /* One statement, two customers' values. */
  pg_exec_ok (conn,
              "INSERT INTO customer_field_values (customer_pk, field_key, value)"
              " SELECT pk, 'size', 'XL' FROM customers UNION ALL"
              " SELECT pk, 'shoe', '42.5' FROM customers WHERE id = 'c-1'");
  assert_page_fields (conn, "c-1", "4:shoe4:42.54:size2:XL");
  assert_page_fields (conn, "c-2", "4:size2:XL");

  /* As the store writes them: an upsert, and text of any bytes. */
  pg_exec_ok (conn,
              "INSERT INTO customer_field_values (customer_pk, field_key, value)"
              " SELECT pk, 'size', 'Größe: 3:x' FROM customers WHERE id = 'c-1'"
              " ON CONFLICT (customer_pk, field_key) DO UPDATE SET value = excluded.value");
  assert_page_fields (conn, "c-1", "4:shoe4:42.54:size12:Größe: 3:x");

  /* A NULL value is empty text; a field renamed is renamed here too. */
  pg_exec_ok (conn,
              "UPDATE customer_field_values SET value = NULL WHERE field_key = 'shoe';"
              "UPDATE custom_fields SET key = 'fit' WHERE key = 'size'");
  assert_page_fields (conn, "c-1", "3:fit12:Größe: 3:x4:shoe0:");

  /* Several statements in one transaction: the text of its end. */
  pg_exec_ok (conn,
              "BEGIN;"
              "DELETE FROM customer_field_values WHERE field_key = 'fit';"
              "INSERT INTO customer_field_values (customer_pk, field_key, value)"
              " SELECT pk, 'fit', 'S' FROM customers WHERE id = 'c-1';"
              "UPDATE customer_field_values SET value = 'M' WHERE field_key = 'fit';"
              "COMMIT");
  assert_page_fields (conn, "c-1", "3:fit1:M4:shoe0:");
  assert_page_fields (conn, "c-2", NULL);
  pg_exec_ok (conn,
              "INSERT INTO customer_field_values (customer_pk, field_key, value)"
              " SELECT pk, 'fit', 'L' FROM customers WHERE id = 'c-2'");
  assert_page_fields (conn, "c-2", "3:fit1:L");
  pg_exec_ok (conn, "UPDATE customer_field_values SET value = 'Größe: 3:x' WHERE value = 'M'");

  /* A field deleted takes its values along; no value left, no text. */
  pg_exec_ok (conn, "DELETE FROM custom_fields WHERE key = 'shoe'");
  assert_page_fields (conn, "c-1", "3:fit12:Größe: 3:x");
  pg_exec_ok (conn, "DELETE FROM customer_field_values WHERE customer_pk = (SELECT pk FROM customers WHERE id = 'c-2')");
  {
    PGresult *result = PQexec (conn, "SELECT count(*) FROM customer_page_stale");

    g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "0");
    PQclear (result);
  }
  assert_page_fields (conn, "c-2", NULL);

  /* Groups likewise, beside the values or alone. */
  pg_exec_ok (conn,
              "INSERT INTO customer_groups (customer_pk, group_code)"
              " SELECT pk, g FROM customers, unnest (ARRAY['vip', 'b2b']) AS g");
  assert_page_groups (conn, "c-1", "3:b2b3:vip");
  assert_page_fields (conn, "c-1", "3:fit12:Größe: 3:x");
  pg_exec_ok (conn,
              "UPDATE groups SET code = 'gold' WHERE code = 'vip';"
              "DELETE FROM groups WHERE code = 'b2b'");
  assert_page_groups (conn, "c-2", "4:gold");
  assert_page_fields (conn, "c-2", NULL);
  pg_exec_ok (conn, "DELETE FROM customer_groups");
  assert_page_groups (conn, "c-1", NULL);
  assert_page_groups (conn, "c-2", NULL);
  assert_page_fields (conn, "c-1", "3:fit12:Größe: 3:x");
  pg_exec_ok (conn,
              "INSERT INTO customer_groups (customer_pk, group_code)"
              " SELECT pk, 'gold' FROM customers");

  /* A customer deleted takes their row along. */
  pg_exec_ok (conn, "DELETE FROM customers WHERE id = 'c-1'");
  {
    PGresult *result = PQexec (conn, "SELECT count(*) FROM customer_page_details");

    g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "1");
    PQclear (result);
  }

  PQfinish (conn);
}

/* Connects to @conninfo, in autocommit. */
static PGconn *
connect_ok (const char *conninfo)
{
  PGconn *conn = PQconnectdb (conninfo);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

/* Waits until the statement @conn sent waits for another transaction's
 * lock, as @monitor sees it. */
static void
wait_blocked (PGconn *monitor,
              PGconn *conn)
{
  g_autofree char *sql = g_strdup_printf ("SELECT cardinality (pg_blocking_pids (%d)) > 0",
                                          PQbackendPID (conn));
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  for (;;)
    {
      PGresult *result = PQexec (monitor, sql);
      gboolean blocked;

      g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
      blocked = g_str_equal (PQgetvalue (result, 0, 0), "t");
      PQclear (result);
      if (blocked)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }
}

/* The outcome of the statement @conn sent: NULL when it succeeded, else
 * the server's message. */
static char *
finish_sent (PGconn *conn)
{
  PGresult *result;
  char *message = NULL;

  while ((result = PQgetResult (conn)) != NULL)
    {
      if (PQresultStatus (result) != PGRES_COMMAND_OK && message == NULL)
        message = g_strdup (PQresultErrorMessage (result));
      PQclear (result);
    }
  return message;
}

/* Whether the texts of the customer whose id is @id are what their
 * values and memberships make now. */
static void
assert_page_fresh (PGconn     *conn,
                   const char *id)
{
  const char *params[] = { id };
  PGresult *result;

  result = PQexecParams (conn,
                         "SELECT d.groups IS NOT DISTINCT FROM"
                         "  (SELECT string_agg (octet_length (group_code)::text || ':' || group_code,"
                         "                      '' ORDER BY group_code)"
                         "   FROM customer_groups WHERE customer_pk = c.pk),"
                         " d.fields IS NOT DISTINCT FROM"
                         "  (SELECT string_agg (octet_length (field_key)::text || ':' || field_key"
                         "                      || octet_length (coalesce (value, ''))::text || ':'"
                         "                      || coalesce (value, ''), '' ORDER BY field_key)"
                         "   FROM customer_field_values WHERE customer_pk = c.pk)"
                         " FROM customers c LEFT JOIN customer_page_details d ON d.customer_pk = c.pk"
                         " WHERE c.id = $1",
                         1, NULL, params, NULL, NULL, 0);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (result), ==, 1);
  g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "t");
  g_assert_cmpstr (PQgetvalue (result, 0, 1), ==, "t");
  PQclear (result);
}

/* Two transactions commit changes to one customer at once, each from
 * its own connection: @gate holds what the refresh at commit must wait
 * for (it ran @gate_sql in an open transaction), until both commits wait;
 * then both go on at once. Both commits succeed, and the texts are those
 * of both changes. */
static void
commit_both_at_once (PGconn     *monitor,
                     const char *conninfo,
                     const char *gate_sql,
                     const char *first_sql,
                     const char *second_sql,
                     const char *id)
{
  PGconn *gate = connect_ok (conninfo);
  PGconn *first = connect_ok (conninfo);
  PGconn *second = connect_ok (conninfo);
  g_autofree char *first_error = NULL;
  g_autofree char *second_error = NULL;

  pg_exec_ok (gate, "BEGIN");
  pg_exec_ok (gate, gate_sql);
  pg_exec_ok (first, "BEGIN");
  pg_exec_ok (first, first_sql);
  pg_exec_ok (second, "BEGIN");
  pg_exec_ok (second, second_sql);

  g_assert_cmpint (PQsendQuery (first, "COMMIT"), ==, 1);
  wait_blocked (monitor, first);
  g_assert_cmpint (PQsendQuery (second, "COMMIT"), ==, 1);
  wait_blocked (monitor, second);
  pg_exec_ok (gate, "ROLLBACK");

  first_error = finish_sent (first);
  second_error = finish_sent (second);
  g_assert_null (first_error);
  g_assert_null (second_error);
  assert_page_fresh (monitor, id);

  PQfinish (second);
  PQfinish (first);
  PQfinish (gate);
}

/* Customers' texts refreshed by two transactions at once, as two server
 * instances (or a server and a script) commit: neither commit fails, and
 * the text kept has both changes, whichever commits last. */
static void
test_page_details_concurrent (void)
{
  g_autofree char *conninfo = NULL;
  PGconn *conn = database_at (CLT_PG_SCHEMA_VERSION, &conninfo);

  /* A customer without texts gets a group and a value at once. */
  commit_both_at_once (conn, conninfo,
                       "INSERT INTO customer_page_details (customer_pk)"
                       " SELECT pk FROM customers WHERE id = 'c-1'",
                       "INSERT INTO customer_groups (customer_pk, group_code)"
                       " SELECT pk, 'vip' FROM customers WHERE id = 'c-1'",
                       "INSERT INTO customer_field_values (customer_pk, field_key, value)"
                       " SELECT pk, 'size', 'XL' FROM customers WHERE id = 'c-1'",
                       "c-1");
  assert_page_groups (conn, "c-1", "3:vip");
  assert_page_fields (conn, "c-1", "4:size2:XL");

  /* A group deleted while one of its members is edited; then the same
   * customer's last group and last value go at once. */
  pg_exec_ok (conn,
              "INSERT INTO customer_groups (customer_pk, group_code)"
              " SELECT pk, 'b2b' FROM customers WHERE id = 'c-1'");
  commit_both_at_once (conn, conninfo,
                       "SELECT 1 FROM customer_page_details d JOIN customers c ON c.pk = d.customer_pk"
                       " WHERE c.id = 'c-1' FOR UPDATE",
                       "DELETE FROM groups WHERE code = 'vip'",
                       "UPDATE customer_field_values SET value = 'S'"
                       " WHERE customer_pk = (SELECT pk FROM customers WHERE id = 'c-1')",
                       "c-1");
  assert_page_groups (conn, "c-1", "3:b2b");
  assert_page_fields (conn, "c-1", "4:size1:S");

  commit_both_at_once (conn, conninfo,
                       "SELECT 1 FROM customer_page_details d JOIN customers c ON c.pk = d.customer_pk"
                       " WHERE c.id = 'c-1' FOR UPDATE",
                       "DELETE FROM customer_groups",
                       "DELETE FROM customer_field_values",
                       "c-1");
  assert_page_groups (conn, "c-1", NULL);
  assert_page_fields (conn, "c-1", NULL);

  /* And both come back at once, after the texts had gone. */
  commit_both_at_once (conn, conninfo,
                       "INSERT INTO customer_page_details (customer_pk)"
                       " SELECT pk FROM customers WHERE id = 'c-2'",
                       "INSERT INTO customer_groups (customer_pk, group_code)"
                       " SELECT pk, 'b2b' FROM customers",
                       "INSERT INTO customer_field_values (customer_pk, field_key, value)"
                       " SELECT pk, 'shoe', '40' FROM customers",
                       "c-2");
  assert_page_fresh (conn, "c-1");
  assert_page_groups (conn, "c-2", "3:b2b");
  assert_page_fields (conn, "c-2", "4:shoe2:40");

  /* Two changes of the same text at once: the refresh that commits
   * second reads the first one's change. */
  pg_exec_ok (conn,
              "DELETE FROM customer_groups;"
              "INSERT INTO groups (code, name) VALUES ('vip', 'VIP')");
  commit_both_at_once (conn, conninfo,
                       "SELECT 1 FROM customer_page_details d JOIN customers c ON c.pk = d.customer_pk"
                       " WHERE c.id = 'c-2' FOR UPDATE OF d",
                       "INSERT INTO customer_groups (customer_pk, group_code)"
                       " SELECT pk, 'vip' FROM customers WHERE id = 'c-2'",
                       "INSERT INTO customer_groups (customer_pk, group_code)"
                       " SELECT pk, 'b2b' FROM customers WHERE id = 'c-2'",
                       "c-2");
  assert_page_groups (conn, "c-2", "3:b2b3:vip");
  commit_both_at_once (conn, conninfo,
                       "SELECT 1 FROM customer_page_details d JOIN customers c ON c.pk = d.customer_pk"
                       " WHERE c.id = 'c-2' FOR UPDATE OF d",
                       "INSERT INTO customer_field_values (customer_pk, field_key, value)"
                       " SELECT pk, 'size', 'XL' FROM customers WHERE id = 'c-2'",
                       "UPDATE customer_field_values SET value = '41'"
                       " WHERE customer_pk = (SELECT pk FROM customers WHERE id = 'c-2')"
                       "   AND field_key = 'shoe'",
                       "c-2");
  assert_page_fields (conn, "c-2", "4:shoe2:414:size2:XL");

  PQfinish (conn);
}

/* A database of version 5 gets the refresh of version 6 when the store
 * opens it. */
static void
test_page_details_concurrent_migrated (void)
{
  g_autofree char *conninfo = NULL;
  PGconn *conn = database_at (5, &conninfo);
  g_autoptr(CltPgStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = clt_pg_store_new (conninfo, NULL, &error);
  g_assert_no_error (error);
  store_unref_and_wait_finalized (CLT_STORE (g_steal_pointer (&store)));

  commit_both_at_once (conn, conninfo,
                       "INSERT INTO customer_page_details (customer_pk)"
                       " SELECT pk FROM customers WHERE id = 'c-1'",
                       "INSERT INTO customer_groups (customer_pk, group_code)"
                       " SELECT pk, 'vip' FROM customers WHERE id = 'c-1'",
                       "INSERT INTO customer_field_values (customer_pk, field_key, value)"
                       " SELECT pk, 'size', 'XL' FROM customers WHERE id = 'c-1'",
                       "c-1");
  assert_page_fields (conn, "c-1", "4:size2:XL");

  PQfinish (conn);
}

/* How many customers' texts differ from what their values and
 * memberships make now (assert_page_fresh () for all at once). */
static int
count_stale_pages (PGconn *conn)
{
  PGresult *result;
  int n;

  result = PQexec (conn,
                   "SELECT count(*) FROM customers c"
                   " LEFT JOIN customer_page_details d ON d.customer_pk = c.pk"
                   " WHERE d.groups IS DISTINCT FROM"
                   "  (SELECT string_agg (octet_length (group_code)::text || ':' || group_code,"
                   "                      '' ORDER BY group_code)"
                   "   FROM customer_groups WHERE customer_pk = c.pk)"
                   " OR d.fields IS DISTINCT FROM"
                   "  (SELECT string_agg (octet_length (field_key)::text || ':' || field_key"
                   "                      || octet_length (coalesce (value, ''))::text || ':'"
                   "                      || coalesce (value, ''), '' ORDER BY field_key)"
                   "   FROM customer_field_values WHERE customer_pk = c.pk)");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  n = atoi (PQgetvalue (result, 0, 0));
  PQclear (result);
  return n;
}

/* A refresh does the work of what went stale: a change of groups leaves
 * the fields text as it was (here one set by hand, which a recomputation
 * would have put right), and a change of values the groups text. */
static void
assert_part_refreshed (PGconn *conn)
{
  pg_exec_ok (conn,
              "INSERT INTO customer_page_details (customer_pk, groups, fields)"
              " SELECT pk, 'kept', 'kept' FROM customers WHERE id = 'c-1'"
              " ON CONFLICT (customer_pk) DO UPDATE SET groups = 'kept', fields = 'kept'");
  pg_exec_ok (conn,
              "INSERT INTO customer_groups (customer_pk, group_code)"
              " SELECT pk, 'vip' FROM customers WHERE id = 'c-1'");
  assert_page_groups (conn, "c-1", "3:vip");
  assert_page_fields (conn, "c-1", "kept");

  pg_exec_ok (conn,
              "UPDATE customer_page_details SET groups = 'kept'"
              " WHERE customer_pk = (SELECT pk FROM customers WHERE id = 'c-1');"
              "INSERT INTO customer_field_values (customer_pk, field_key, value)"
              " SELECT pk, 'size', 'XL' FROM customers WHERE id = 'c-1'");
  assert_page_groups (conn, "c-1", "kept");
  assert_page_fields (conn, "c-1", "4:size2:XL");

  /* Both in one transaction: both texts. */
  pg_exec_ok (conn,
              "BEGIN;"
              "DELETE FROM customer_groups;"
              "UPDATE customer_field_values SET value = 'S';"
              "COMMIT");
  assert_page_groups (conn, "c-1", NULL);
  assert_page_fields (conn, "c-1", "4:size1:S");
}

/* A group with many members deleted, and a custom field with many values:
 * every member's texts are right afterwards, and the refresh leaves the
 * planner's settings as they were. */
static void
assert_bulk_deletes (PGconn *conn)
{
  PGresult *result;

  pg_exec_ok (conn,
              "INSERT INTO customers (id, number, email, number_key, registered, updated)"
              " SELECT 'bulk-' || i, (5000 + i)::text, 'bulk' || i || '@example.org',"
              "        (5000 + i)::text, 0, 0 FROM generate_series (1, 3000) AS i;"
              "INSERT INTO customer_groups (customer_pk, group_code)"
              " SELECT pk, 'b2b' FROM customers WHERE pk % 3 <> 0 UNION ALL"
              " SELECT pk, 'vip' FROM customers WHERE pk % 2 = 0"
              " ON CONFLICT DO NOTHING;"
              "INSERT INTO customer_field_values (customer_pk, field_key, value)"
              " SELECT pk, 'size', 'S' || pk FROM customers WHERE pk % 5 <> 0 UNION ALL"
              " SELECT pk, 'shoe', (pk % 40)::text FROM customers WHERE pk % 7 <> 0"
              " ON CONFLICT DO NOTHING");
  g_assert_cmpint (count_stale_pages (conn), ==, 0);
  assert_page_groups (conn, "bulk-1", NULL);
  assert_page_groups (conn, "bulk-4", "3:vip");

  pg_exec_ok (conn, "BEGIN");
  pg_exec_ok (conn, "DELETE FROM groups WHERE code = 'b2b'");
  pg_exec_ok (conn, "SET CONSTRAINTS ALL IMMEDIATE");
  result = PQexec (conn, "SELECT current_setting ('enable_seqscan'),"
                         " current_setting ('enable_bitmapscan'), current_setting ('jit')");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "on");
  g_assert_cmpstr (PQgetvalue (result, 0, 1), ==, "on");
  g_assert_cmpstr (PQgetvalue (result, 0, 2), ==, "on");
  PQclear (result);
  pg_exec_ok (conn, "COMMIT");
  g_assert_cmpint (count_stale_pages (conn), ==, 0);

  pg_exec_ok (conn, "DELETE FROM custom_fields WHERE key = 'size'");
  g_assert_cmpint (count_stale_pages (conn), ==, 0);
  pg_exec_ok (conn, "DELETE FROM custom_fields WHERE key = 'shoe'");
  g_assert_cmpint (count_stale_pages (conn), ==, 0);
  assert_page_fields (conn, "bulk-7", NULL);
}

static void
test_page_details_part_refreshed (void)
{
  g_autofree char *conninfo = NULL;
  PGconn *conn = database_at (CLT_PG_SCHEMA_VERSION, &conninfo);

  assert_part_refreshed (conn);
  PQfinish (conn);
}

static void
test_page_details_bulk (void)
{
  g_autofree char *conninfo = NULL;
  PGconn *conn = database_at (CLT_PG_SCHEMA_VERSION, &conninfo);

  assert_bulk_deletes (conn);
  PQfinish (conn);
}

/* A database of version 6 gets the refresh of version 7 when the store
 * opens it, the texts it kept staying right. */
static void
test_page_details_bulk_migrated (void)
{
  g_autofree char *conninfo = NULL;
  PGconn *conn = database_at (6, &conninfo);
  g_autoptr(CltPgStore) store = NULL;
  g_autoptr(GError) error = NULL;

  pg_exec_ok (conn,
              "INSERT INTO customer_groups (customer_pk, group_code)"
              " SELECT pk, 'b2b' FROM customers;"
              "INSERT INTO customer_field_values (customer_pk, field_key, value)"
              " SELECT pk, 'shoe', '40' FROM customers");
  store = clt_pg_store_new (conninfo, NULL, &error);
  g_assert_no_error (error);
  store_unref_and_wait_finalized (CLT_STORE (g_steal_pointer (&store)));
  g_assert_cmpint (count_stale_pages (conn), ==, 0);

  pg_exec_ok (conn, "DELETE FROM customer_field_values; DELETE FROM customer_groups");
  assert_part_refreshed (conn);
  assert_bulk_deletes (conn);
  PQfinish (conn);
}

/* Version 4 fills customer_page_details from the values and memberships
 * already there: a listed page shows them after the upgrade. */
static void
test_page_details_migrated (void)
{
  g_autofree char *conninfo = NULL;
  PGconn *conn = database_at (3, &conninfo);
  g_autoptr(CltPgStore) store = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  pg_exec_ok (conn,
              "INSERT INTO customer_field_values (customer_pk, field_key, value, sort_text, sort_number)"
              " SELECT pk, 'size', 'XL', 'xl', NULL FROM customers WHERE id = 'c-2' UNION ALL"
              " SELECT pk, 'shoe', '42.5', NULL, 42.5 FROM customers WHERE id = 'c-2';"
              "INSERT INTO customer_groups (customer_pk, group_code)"
              " SELECT pk, 'vip' FROM customers WHERE id = 'c-1'");

  store = clt_pg_store_new (conninfo, NULL, &error);
  g_assert_no_error (error);
  assert_page_fields (conn, "c-2", "4:shoe4:42.54:size2:XL");

  customers = sync_list_customers (CLT_STORE (store), query, 0, 50, CLT_LIST_FLAGS_WITH_TOTAL,
                                   &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 2);
  g_assert_cmpuint (total, ==, 2);
  {
    CltCustomer *customer = g_ptr_array_index (customers, 1);
    GVariant *values = clt_customer_get_custom_fields (customer);
    g_autoptr(GVariant) size = NULL;
    g_autoptr(GVariant) shoe = NULL;

    g_assert_cmpstr (clt_customer_get_id (customer), ==, "c-2");
    g_assert_nonnull (values);
    size = g_variant_lookup_value (values, "size", G_VARIANT_TYPE_STRING);
    shoe = g_variant_lookup_value (values, "shoe", G_VARIANT_TYPE_DOUBLE);
    g_assert_nonnull (size);
    g_assert_nonnull (shoe);
    g_assert_cmpstr (g_variant_get_string (size, NULL), ==, "XL");
    g_assert_cmpfloat (g_variant_get_double (shoe), ==, 42.5);
    g_assert_null (clt_customer_get_custom_fields (g_ptr_array_index (customers, 0)));
    g_assert_cmpstrv (clt_customer_get_groups (g_ptr_array_index (customers, 0)),
                      ((const char * const[]) { "vip", NULL }));
  }

  g_clear_pointer (&customers, g_ptr_array_unref);
  store_unref_and_wait_finalized (CLT_STORE (g_steal_pointer (&store)));
  PQfinish (conn);
}

/* The plan of a page of a search walked in the number order, as the
 * store asks for one with many matches, the table's alternatives turned
 * off (two customers would rather be read whole). */
static char *
number_walk_plan (PGconn *conn)
{
  GString *plan = g_string_new (NULL);
  PGresult *result;

  pg_exec_ok (conn, "SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off");
  result = PQexec (conn, "EXPLAIN SELECT c.pk FROM customers c"
                         " WHERE c.listed = 1 AND c.search_vector @@ '(one:*)'::tsquery"
                         " ORDER BY c.number_key, c.pk LIMIT 50");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  for (int i = 0; i < PQntuples (result); i++)
    g_string_append_printf (plan, "%s\n", PQgetvalue (result, i, 0));
  PQclear (result);
  return g_string_free (plan, FALSE);
}

/* Version 5: walking the number order tests each row's search vector in
 * the index, not in the table. */
static void
test_number_walk_in_index (void)
{
  g_autofree char *conninfo = NULL;
  PGconn *conn = database_at (CLT_PG_SCHEMA_VERSION, &conninfo);
  g_autofree char *plan = number_walk_plan (conn);

  g_assert_nonnull (strstr (plan, "Index Only Scan using customers_search_by_number"));
  PQfinish (conn);
}

/* A database of version 4 gets the index when the store opens it. */
static void
test_number_walk_in_index_migrated (void)
{
  g_autofree char *conninfo = NULL;
  PGconn *conn = database_at (4, &conninfo);
  g_autoptr(CltPgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = number_walk_plan (conn);
  g_autofree char *after = NULL;

  g_assert_null (strstr (before, "Index Only Scan"));
  store = clt_pg_store_new (conninfo, NULL, &error);
  g_assert_no_error (error);
  after = number_walk_plan (conn);
  g_assert_nonnull (strstr (after, "Index Only Scan using customers_search_by_number"));

  store_unref_and_wait_finalized (CLT_STORE (g_steal_pointer (&store)));
  PQfinish (conn);
}

int
main (int   argc,
      char *argv[])
{
  cluster = pg_cluster_test_init (&argc, &argv);
  if (cluster == NULL)
    return 0;

  g_test_add_func ("/clt/pg-schema/page-details-kept", test_page_details_kept);
  g_test_add_func ("/clt/pg-schema/page-details-concurrent", test_page_details_concurrent);
  g_test_add_func ("/clt/pg-schema/page-details-concurrent-migrated",
                   test_page_details_concurrent_migrated);
  g_test_add_func ("/clt/pg-schema/page-details-migrated", test_page_details_migrated);
  g_test_add_func ("/clt/pg-schema/page-details-part-refreshed", test_page_details_part_refreshed);
  g_test_add_func ("/clt/pg-schema/page-details-bulk", test_page_details_bulk);
  g_test_add_func ("/clt/pg-schema/page-details-bulk-migrated", test_page_details_bulk_migrated);
  g_test_add_func ("/clt/pg-schema/number-walk-in-index", test_number_walk_in_index);
  g_test_add_func ("/clt/pg-schema/number-walk-in-index-migrated",
                   test_number_walk_in_index_migrated);

  return g_test_run ();
}
