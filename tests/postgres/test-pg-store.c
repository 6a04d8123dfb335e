/* test-pg-store.c — what CltPgStore keeps beside the database, on a
 * throwaway cluster (tests/common/pg-cluster.c): the counts and page
 * anchors its connections share, each made once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pg-store"

#include "config.h"

#include <stdlib.h>

#include <libpq-fe.h>

#include "clt-pg-store-private.h"

#include "pg-cluster.h"
#include "store-test-util.h"

static PgCluster *cluster;

/* A store on a database of its own and, unless @conn is NULL, the
 * test's connection to that database. */
static CltPgStore *
store_on_new_database (PGconn **conn)
{
  g_autofree char *conninfo = pg_cluster_create_database (cluster);
  g_autoptr(GError) error = NULL;
  CltPgStore *store = clt_pg_store_new (conninfo, NULL, &error);

  g_assert_no_error (error);
  if (conn != NULL)
    {
      *conn = PQconnectdb (conninfo);
      g_assert_cmpint (PQstatus (*conn), ==, CONNECTION_OK);
    }
  return store;
}

/* Adds a customer named Anna behind the store's back: the data version
 * stays, so that what the store kept of it shows. */
static void
add_anna (PGconn     *conn,
          const char *number)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO customers (id, number, email, number_key,"
                                          " first_name, first_name_key, registered, updated)"
                                          " VALUES ('c-%s', '%s', '%s@example.org', '%s',"
                                          " 'Anna', 'anna', 0, 0)",
                                          number, number, number, number);

  pg_exec_ok (conn, sql);
}

/* The total of the search for "anna". */
static guint
count_annas (CltPgStore *store)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  clt_query_set_search_text (query, "anna");
  customers = sync_list_customers (CLT_STORE (store), query, 0, 50, CLT_LIST_FLAGS_WITH_TOTAL,
                                   &total, &error);
  g_assert_no_error (error);
  return total;
}

/* Every connection of the pool, taken out of it: the next read opens
 * one of its own. */
static GPtrArray *
hold_connections (CltPgStore *store)
{
  GPtrArray *held = g_ptr_array_new ();
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      Reader *reader;
      guint n_connections;

      while ((reader = pgs_take_idle_reader (store)) != NULL)
        g_ptr_array_add (held, reader);
      g_mutex_lock (&store->pool_lock);
      n_connections = store->n_connections;
      g_mutex_unlock (&store->pool_lock);
      if (held->len == n_connections)
        break;
      /* The change log's poll has one for a moment. */
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }
  g_assert_cmpuint (held->len, <, PG_POOL_SIZE);
  return held;
}

static void
release_connections (CltPgStore *store,
                     GPtrArray  *held)
{
  for (guint i = 0; i < held->len; i++)
    pgs_release_reader (store, g_ptr_array_index (held, i));
  g_ptr_array_unref (held);
}

/* A count made on one connection serves the reads of the others while
 * nothing is committed (clt_data_version): a search is counted once, not
 * once per connection. */
static void
test_counts_shared (void)
{
  g_autoptr(CltPgStore) store = NULL;
  GPtrArray *held;
  PGconn *conn;

  store = store_on_new_database (&conn);

  add_anna (conn, "1001");
  add_anna (conn, "1002");
  pg_exec_ok (conn, "UPDATE clt_data_version SET version = version + 1");
  g_assert_cmpuint (count_annas (store), ==, 2);

  /* Read on a connection that has not counted, the count is the one
   * kept: the customer added behind the store's back is not in it. */
  add_anna (conn, "1003");
  held = hold_connections (store);
  g_assert_cmpuint (count_annas (store), ==, 2);
  release_connections (store, held);

  /* A commit moves the data version: counted anew, on any connection. */
  pg_exec_ok (conn, "UPDATE clt_data_version SET version = version + 1");
  g_assert_cmpuint (count_annas (store), ==, 3);
  held = hold_connections (store);
  add_anna (conn, "1004");
  g_assert_cmpuint (count_annas (store), ==, 3);
  release_connections (store, held);
  pg_exec_ok (conn, "UPDATE clt_data_version SET version = version + 1");
  g_assert_cmpuint (count_annas (store), ==, 4);

  PQfinish (conn);
  store_unref_and_wait_finalized (CLT_STORE (g_steal_pointer (&store)));
}

/* The number @sql (one row, one column) reads on @conn. */
static int
query_int (PGconn     *conn,
           const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  int n;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  n = atoi (PQgetvalue (result, 0, 0));
  PQclear (result);
  return n;
}

/* How many connections wait for a lock that @gate holds. */
static int
n_waiting_for (PGconn *monitor,
               PGconn *gate)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity"
                                          " WHERE %d = ANY (pg_blocking_pids (pid))",
                                          PQbackendPID (gate));

  return query_int (monitor, sql);
}

/* Requests that ask for the same count at once, on two connections, wait
 * for one count rather than count twice: the first counts (and waits for
 * the table, which @gate holds), the second waits for its count. */
static void
test_count_made_once (void)
{
  g_autofree char *conninfo = pg_cluster_create_database (cluster);
  g_autoptr(CltPgStore) store = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  guint total = 0;
  PGconn *conn;
  PGconn *gate;

  store = clt_pg_store_new (conninfo, NULL, &error);
  g_assert_no_error (error);
  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  gate = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (gate), ==, CONNECTION_OK);
  add_anna (conn, "1001");
  add_anna (conn, "1002");
  pg_exec_ok (conn, "UPDATE clt_data_version SET version = version + 1");

  pg_exec_ok (gate, "BEGIN; LOCK TABLE customers IN ACCESS EXCLUSIVE MODE");
  clt_query_set_search_text (query, "anna");
  clt_store_list_customers_async (CLT_STORE (store), query, 0, 50, CLT_LIST_FLAGS_WITH_TOTAL,
                                  NULL, store_result_cb, &first);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (n_waiting_for (conn, gate) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }

  clt_store_list_customers_async (CLT_STORE (store), query, 0, 50, CLT_LIST_FLAGS_WITH_TOTAL,
                                  NULL, store_result_cb, &second);
  /* Counting too, the second would wait for the table within
   * milliseconds. */
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_assert_cmpint (n_waiting_for (conn, gate), ==, 1);
      g_usleep (20 * 1000);
    }
  pg_exec_ok (gate, "COMMIT");

  customers = clt_store_list_customers_finish (CLT_STORE (store), store_wait (&first), &total,
                                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);
  g_clear_pointer (&customers, g_ptr_array_unref);
  customers = clt_store_list_customers_finish (CLT_STORE (store), store_wait (&second), &total,
                                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);

  /* The results hold the store. */
  g_clear_object (&first);
  g_clear_object (&second);
  PQfinish (gate);
  PQfinish (conn);
  store_unref_and_wait_finalized (CLT_STORE (g_steal_pointer (&store)));
}

/* How many connections other than @conn's are open to its database. */
static int
n_other_backends (PGconn *conn)
{
  return query_int (conn, "SELECT count(*) FROM pg_stat_activity"
                          " WHERE datname = current_database() AND pid <> pg_backend_pid()");
}

/* clt_sql_store_close () on PostgreSQL: it waits for a read under way,
 * then every connection of the store is gone from the server (the readers
 * and the change feed's LISTEN connection); later operations fail, and
 * closing again does nothing. */
static void
test_close (void)
{
  g_autoptr(CltPgStore) store = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  guint total = 0;
  PGconn *conn;

  store = store_on_new_database (&conn);
  add_anna (conn, "1001");
  pg_exec_ok (conn, "UPDATE clt_data_version SET version = version + 1");
  customers = sync_list_customers (CLT_STORE (store), query, 0, 50, CLT_LIST_FLAGS_WITH_TOTAL,
                                   &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  g_clear_pointer (&customers, g_ptr_array_unref);
  g_assert_cmpint (n_other_backends (conn), >, 0);

  /* A read under way: closing waits until it is done. */
  clt_store_list_customers_async (CLT_STORE (store), query, 0, 50, CLT_LIST_FLAGS_WITH_TOTAL,
                                  NULL, store_result_cb, &listed);
  clt_sql_store_close (CLT_SQL_STORE (store));
  customers = clt_store_list_customers_finish (CLT_STORE (store), store_wait (&listed), &total,
                                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 1);
  g_clear_pointer (&customers, g_ptr_array_unref);
  g_clear_object (&listed);

  /* A backend leaves pg_stat_activity as it exits, just after its client
   * closed the connection. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (n_other_backends (conn) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }

  clt_store_list_customers_async (CLT_STORE (store), query, 0, 50, CLT_LIST_FLAGS_WITH_TOTAL,
                                  NULL, store_result_cb, &listed);
  g_assert_null (clt_store_list_customers_finish (CLT_STORE (store), store_wait (&listed), &total,
                                                  &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_clear_object (&listed);
  clt_sql_store_close (CLT_SQL_STORE (store));
  g_assert_cmpint (n_other_backends (conn), ==, 0);

  PQfinish (conn);
  store_unref_and_wait_finalized (CLT_STORE (g_steal_pointer (&store)));
}

/* The id of the first customer of the page of 50 at @offset of the plain
 * list (number order). */
static char *
first_on_page (CltPgStore *store,
               guint       offset)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  customers = sync_list_customers (CLT_STORE (store), query, offset / 50, 50, CLT_LIST_FLAGS_NONE,
                                   &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 50);
  return g_strdup (clt_customer_get_id (g_ptr_array_index (customers, 0)));
}

/* The anchors of a deep page, made by one connection's walk of the sort
 * index, serve the others while nothing is committed. */
static void
test_anchors_shared (void)
{
  g_autoptr(CltPgStore) store = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  GPtrArray *held;
  PGconn *conn;

  store = store_on_new_database (&conn);

  pg_exec_ok (conn,
              "INSERT INTO customers (id, number, email, number_key, registered, updated)"
              " SELECT 'c-' || n, n::text, n || '@example.org', n::text, 0, 0"
              " FROM generate_series (10000, 11499) AS n;"
              "UPDATE clt_data_version SET version = version + 1");
  /* Past the first anchors: the page starts from one. */
  first = first_on_page (store, 1100);
  g_assert_cmpstr (first, ==, "c-11100");

  /* Ten customers ahead of everyone, behind the store's back: a
   * connection that has not walked the index starts from the kept anchor,
   * made before them. */
  pg_exec_ok (conn,
              "INSERT INTO customers (id, number, email, number_key, registered, updated)"
              " SELECT 'a-' || n, '0' || n, n || '@example.org', '0' || n, 0, 0"
              " FROM generate_series (1000, 1009) AS n");
  held = hold_connections (store);
  again = first_on_page (store, 1100);
  g_assert_cmpstr (again, ==, "c-11100");
  release_connections (store, held);
  g_clear_pointer (&again, g_free);

  /* A commit moves the data version: a new walk, on any connection. */
  pg_exec_ok (conn, "UPDATE clt_data_version SET version = version + 1");
  again = first_on_page (store, 1100);
  g_assert_cmpstr (again, ==, "c-11090");

  PQfinish (conn);
  store_unref_and_wait_finalized (CLT_STORE (g_steal_pointer (&store)));
}

/* The round trips of one list of the first page on a connection that
 * listed before (statements prepared, the count kept); -1 when another
 * read (the change log's poll) took that connection meanwhile. */
static int
list_round_trips (CltPgStore *store,
                  CltQuery   *query)
{
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *held = hold_connections (store);
  Reader *reader;
  guint64 before;
  guint n_connections;
  guint total = 0;
  int n = -1;

  g_assert_cmpuint (held->len, >, 0);
  reader = g_ptr_array_steal_index (held, 0);
  before = pg_conn_get_n_round_trips (reader->db);
  n_connections = held->len + 1;
  pgs_release_reader (store, reader);

  customers = sync_list_customers (CLT_STORE (store), query, 0, 50, CLT_LIST_FLAGS_WITH_TOTAL,
                                   &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 2);
  g_assert_cmpuint (total, ==, 2);

  g_mutex_lock (&store->pool_lock);
  if (store->n_connections == n_connections)
    n = (int) (pg_conn_get_n_round_trips (reader->db) - before);
  g_mutex_unlock (&store->pool_lock);
  release_connections (store, held);
  return n;
}

/* A page of the plain list, as most requests are, waits for the server
 * three times: BEGIN with the data version (a prepared statement), the
 * page, COMMIT. Its plan mode is set once per connection, not by a
 * statement of each read; a search sets its own. */
static void
test_list_round_trips (void)
{
  g_autoptr(CltPgStore) store = NULL;
  g_autoptr(CltQuery) plain = clt_query_new ();
  g_autoptr(CltQuery) search = clt_query_new ();
  PGconn *conn;
  int n = -1;

  store = store_on_new_database (&conn);
  add_anna (conn, "1001");
  add_anna (conn, "1002");
  pg_exec_ok (conn, "UPDATE clt_data_version SET version = version + 1");
  clt_query_set_search_text (search, "anna");

  for (guint attempt = 0; attempt < 5 && n < 0; attempt++)
    {
      if (list_round_trips (store, plain) < 0)
        continue;
      n = list_round_trips (store, plain);
    }
  g_assert_cmpint (n, ==, 3);

  /* The data version is asked by a statement prepared once per
   * connection, not parsed and planned for each read. */
  {
    GPtrArray *held = hold_connections (store);
    gint64 n_prepared = 0;

    for (guint i = 0; i < held->len; i++)
      {
        Reader *reader = g_ptr_array_index (held, i);
        g_autoptr(PgStmt) stmt = NULL;

        g_assert_cmpint (pg_prepare_v2 (reader->db,
                                        "SELECT count(*) FROM pg_prepared_statements"
                                        " WHERE statement LIKE '%FROM clt_data' || '_version%'",
                                        -1, &stmt, NULL), ==, PG_OK);
        g_assert_cmpint (pg_step (stmt), ==, PG_ROW);
        n_prepared += pg_column_int64 (stmt, 0);
      }
    g_assert_cmpint (n_prepared, >, 0);
    release_connections (store, held);
  }

  /* Searches and plain lists by turns: each gets its plan mode. */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (list_round_trips (store, search), !=, 0);
      g_assert_cmpuint (count_annas (store), ==, 2);
      g_assert_cmpint (list_round_trips (store, plain), !=, 0);
    }

  PQfinish (conn);
  store_unref_and_wait_finalized (CLT_STORE (g_steal_pointer (&store)));
}

/* Pages of the plain list read along the sort index {{{ */

/* The cluster's count @counter (idx_scan, idx_tup_read) of @index, the
 * store's connections' own included (each flushes its counts when next
 * idle). */
static gint64
index_stat (CltPgStore *store,
            PGconn     *conn,
            const char *index,
            const char *counter)
{
  GPtrArray *held = hold_connections (store);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM pg_stat_user_indexes"
                                          " WHERE indexrelname = '%s'", counter, index);
  PGresult *result;
  gint64 n;

  for (guint i = 0; i < held->len; i++)
    g_assert_cmpint (pg_exec (((Reader *) g_ptr_array_index (held, i))->db,
                              "SELECT pg_stat_force_next_flush ()"), ==, PG_OK);
  release_connections (store, held);
  pg_exec_ok (conn, "SELECT pg_stat_clear_snapshot ()");
  result = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  n = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return n;
}

/* How many scans of customers_pkey the cluster counted. */
static gint64
pkey_scans (CltPgStore *store,
            PGconn     *conn)
{
  return index_stat (store, conn, "customers_pkey", "idx_scan");
}

/* Every page of the plain list in the order @key @direction, against the
 * customers' ids in that order (@order_by, SQL). */
static void
assert_pages (CltPgStore    *store,
              PGconn        *conn,
              CltSortKey     key,
              CltSortDirection direction,
              const char    *order_by)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM customers ORDER BY %s", order_by);
  PGresult *expected = PQexec (conn, sql);
  guint n = (guint) PQntuples (expected);

  g_assert_cmpint (PQresultStatus (expected), ==, PGRES_TUPLES_OK);
  clt_query_set_sort_key (query, key);
  clt_query_set_sort_direction (query, direction);
  for (guint page = 0; page * 50 < n + 50; page++)
    {
      g_autoptr(GPtrArray) customers = NULL;
      g_autoptr(GError) error = NULL;
      guint total = 0;

      customers = sync_list_customers (CLT_STORE (store), query, page, 50, CLT_LIST_FLAGS_NONE,
                                       &total, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (customers->len, ==, MIN (50, n - MIN (n, page * 50)));
      for (guint i = 0; i < customers->len; i++)
        g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (customers, i)), ==,
                         PQgetvalue (expected, (int) (page * 50 + i), 0));
    }
  PQclear (expected);
}

/* @n customers w-1 … w-@n, whose numbers are in no order of the rows',
 * analyzed, the store's caches made stale. */
static void
add_walk_customers (PGconn *conn,
                    guint   n)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO customers (id, number, email, number_key,"
                                          " registered, updated)"
                                          " SELECT 'w-' || n, md5 (n::text), n || '@example.org',"
                                          " md5 (n::text), 0, 0"
                                          " FROM generate_series (1, %u) AS n", n);

  pg_exec_ok (conn, sql);
  pg_exec_ok (conn, "ANALYZE customers");
  pg_exec_ok (conn, "UPDATE clt_data_version SET version = version + 1");
}

/* A page of the plain list (most requests) is read from its first row
 * along the sort index, each row in the table where the index points,
 * not looked up by pk (a descent of customers_pkey for each of its 50
 * rows); deep pages from their anchors, in either direction, ties (one
 * country for all) in pk order. */
static void
test_walk_pages (void)
{
  g_autoptr(CltPgStore) store = NULL;
  gint64 before;
  PGconn *conn;

  store = store_on_new_database (&conn);
  /* 1,330 customers in pages of 50: the first page, pages that skip rows
   * (offsets 50-150) and pages that start at an anchor (one every 50 rows
   * from the 200th), to a last short one. */
  add_walk_customers (conn, 1330);

  before = pkey_scans (store, conn);
  assert_pages (store, conn, CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING, "number_key, pk");
  g_assert_cmpint (pkey_scans (store, conn), ==, before);
  assert_pages (store, conn, CLT_SORT_KEY_NUMBER, CLT_SORT_DESCENDING,
                "number_key DESC, pk DESC");
  assert_pages (store, conn, CLT_SORT_KEY_COUNTRY, CLT_SORT_DESCENDING, "country DESC, pk DESC");
  g_assert_cmpint (pkey_scans (store, conn), ==, before);

  PQfinish (conn);
  store_unref_and_wait_finalized (CLT_STORE (g_steal_pointer (&store)));
}

/* A walked page reads its own rows from the sort index and no others:
 * deep pages start at their anchor (one every 50 rows, the walk's page
 * step), the first page at the first row; only a page between them skips
 * rows. */
static void
test_walk_reads_page_alone (void)
{
  g_autoptr(CltPgStore) store = NULL;
  g_autofree char *first = NULL;
  gint64 before;
  PGconn *conn;

  store = store_on_new_database (&conn);
  add_walk_customers (conn, 1500);

  /* The anchors' walk of the whole index first. */
  first = first_on_page (store, 1100);

  for (guint offset = 0; offset <= 1400; offset += 50)
    {
      g_autofree char *expected = NULL;
      g_autofree char *text = g_strdup_printf ("%u", offset);
      const char * const values[] = { text };
      PGresult *result;
      char *id;

      result = PQexecParams (conn, "SELECT id FROM customers ORDER BY number_key, pk"
                                   " OFFSET $1::integer LIMIT 1", 1, NULL, values, NULL, NULL, 0);
      g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
      expected = g_strdup (PQgetvalue (result, 0, 0));
      PQclear (result);

      before = index_stat (store, conn, "customers_by_number", "idx_tup_read");
      id = first_on_page (store, offset);
      g_assert_cmpstr (id, ==, expected);
      g_free (id);
      if (offset == 0 || offset >= 200)
        g_assert_cmpint (index_stat (store, conn, "customers_by_number", "idx_tup_read") - before,
                         ==, 50);
    }

  PQfinish (conn);
  store_unref_and_wait_finalized (CLT_STORE (g_steal_pointer (&store)));
}

/* }}} */

/* The pool's connections, in threads waiting for one {{{ */

static gpointer
acquire_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  Reader *reader = pgs_acquire_reader (data, NULL, &error);

  g_assert_no_error (error);
  return reader;
}

static guint
n_pool_waiters (CltPgStore *store)
{
  guint n;

  g_mutex_lock (&store->pool_lock);
  n = store->pool_waiters.length;
  g_mutex_unlock (&store->pool_lock);
  return n;
}

static void
wait_for_pool_waiters (CltPgStore *store,
                       guint       n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (n_pool_waiters (store) != n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (5 * 1000);
    }
}

/* A store whose every connection (PG_POOL_SIZE) is taken (@held), and
 * a thread (@waiting) waiting for one. No upkeep (the change log's poll)
 * takes one meanwhile. */
static CltPgStore *
full_pool_store (GPtrArray **held,
                 GThread   **waiting)
{
  CltPgStore *store = store_on_new_database (NULL);

  pgs_stop_upkeep (store);
  *held = g_ptr_array_new ();
  while ((*held)->len < PG_POOL_SIZE)
    g_ptr_array_add (*held, acquire_thread (store));
  *waiting = g_thread_new ("waiting", acquire_thread, store);
  wait_for_pool_waiters (store, 1);
  return store;
}

/* A connection given back goes to the oldest of those waiting for one,
 * not back to the pool, where the thread that gave it back (starting its
 * next request) took it as often as not: an unlucky request waited for
 * round after round of others (the list bench's p99). */
static void
test_pool_order (void)
{
  GPtrArray *held = NULL;
  GThread *first = NULL;
  g_autoptr(CltPgStore) store = full_pool_store (&held, &first);
  GThread *second = g_thread_new ("second", acquire_thread, store);
  Reader *given;

  wait_for_pool_waiters (store, 2);

  given = g_ptr_array_index (held, 0);
  pgs_release_reader (store, given);
  g_assert_null (pgs_take_idle_reader (store));
  g_assert_true (g_thread_join (first) == given);
  g_assert_cmpuint (n_pool_waiters (store), ==, 1);

  given = g_ptr_array_index (held, 1);
  pgs_release_reader (store, given);
  g_assert_null (pgs_take_idle_reader (store));
  g_assert_true (g_thread_join (second) == given);

  release_connections (store, held);
  store_unref_and_wait_finalized (CLT_STORE (g_steal_pointer (&store)));
}

/* A connection lost while others wait for one leaves its place to the
 * first of them, who opens a new one, rather than keep it waiting for
 * the next that is given back (with every connection lost, for ever). */
static void
test_pool_lost_connection (void)
{
  GPtrArray *held = NULL;
  GThread *waiting = NULL;
  g_autoptr(CltPgStore) store = full_pool_store (&held, &waiting);
  Reader *lost = g_ptr_array_steal_index (held, 0);
  Reader *opened;

  pg_exec (lost->db, "SELECT pg_terminate_backend (pg_backend_pid ())");
  g_assert_false (pg_conn_is_ok (lost->db));
  pgs_release_reader (store, lost);

  wait_for_pool_waiters (store, 0);
  opened = g_thread_join (waiting);
  g_assert_true (pg_conn_is_ok (opened->db));
  g_assert_cmpint (pg_exec (opened->db, "SELECT 1"), ==, PG_OK);
  g_assert_cmpuint (store->n_connections, ==, PG_POOL_SIZE);
  g_assert_cmpuint (store->readers->len, ==, PG_POOL_SIZE);
  g_ptr_array_add (held, opened);

  release_connections (store, held);
  store_unref_and_wait_finalized (CLT_STORE (g_steal_pointer (&store)));
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  cluster = pg_cluster_test_init (&argc, &argv);
  if (cluster == NULL)
    return 0;

  g_test_add_func ("/clt/pg-store/counts-shared", test_counts_shared);
  g_test_add_func ("/clt/pg-store/count-made-once", test_count_made_once);
  g_test_add_func ("/clt/pg-store/anchors-shared", test_anchors_shared);
  g_test_add_func ("/clt/pg-store/list-round-trips", test_list_round_trips);
  g_test_add_func ("/clt/pg-store/walk-reads-page-alone", test_walk_reads_page_alone);
  g_test_add_func ("/clt/pg-store/walk-pages", test_walk_pages);
  g_test_add_func ("/clt/pg-store/pool-order", test_pool_order);
  g_test_add_func ("/clt/pg-store/pool-lost-connection", test_pool_lost_connection);
  g_test_add_func ("/clt/pg-store/close", test_close);

  return g_test_run ();
}
