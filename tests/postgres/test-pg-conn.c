/* test-pg-conn.c — the statements a PgConn keeps prepared, on a throwaway
 * cluster (tests/common/pg-cluster.c): at most PG_MAX_PREPARED, in the
 * client and in the server's pg_prepared_statements alike, the one used
 * longest ago evicted first and prepared anew when used again; evicted
 * inside a transaction, open or aborted, and by pg_begin_values ()'s
 * pipeline, without harm to the caller's work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pg-conn"

#include "config.h"


#include <libpq-fe.h>

#include "clt-pg-conn.h"

#include "pg-cluster.h"

static PgCluster *cluster;

static PgConn *
open_conn (void)
{
  g_autofree char *conninfo = pg_cluster_create_database (cluster);
  g_autoptr(GError) error = NULL;
  PgConn *db = pg_conn_open (conninfo, NULL, &error);

  g_assert_no_error (error);
  return db;
}

/* @sql's one value, asked on @db's connection without a prepared
 * statement. */
static gint64
native_int (PgConn     *db,
            const char *sql)
{
  PGresult *result = PQexec (pg_conn_get_native (db), sql);
  gint64 value;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  g_assert_cmpint (PQntuples (result), ==, 1);
  value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return value;
}

/* The statements prepared on the server for @db's connection; each text
 * once. */
static gint64
server_prepared (PgConn *db)
{
  g_assert_cmpint (native_int (db, "SELECT count(*) - count(DISTINCT statement)"
                                   " FROM pg_prepared_statements"), ==, 0);
  return native_int (db, "SELECT count(*) FROM pg_prepared_statements");
}

/* Text number @i, each its own: "SELECT @i + ?". */
static char *
text_sql (int i)
{
  return g_strdup_printf ("SELECT %d + ?", i);
}

/* Runs text number @i with @i bound; returns the statement's result code,
 * its value checked when PG_ROW. */
static int
run_text (PgConn *db,
          int     i)
{
  g_autofree char *sql = text_sql (i);
  g_autoptr(PgStmt) stmt = NULL;
  int rc;

  g_assert_cmpint (pg_prepare_v2 (db, sql, -1, &stmt, NULL), ==, PG_OK);
  pg_bind_int (stmt, 1, i);
  rc = pg_step (stmt);
  if (rc == PG_ROW)
    g_assert_cmpint (pg_column_int (stmt, 0), ==, 2 * i);
  return rc;
}

static void
run_text_ok (PgConn *db,
             int     i)
{
  g_assert_cmpint (run_text (db, i), ==, PG_ROW);
}

/* Runs @sql, a statement without parameters and rows, through a PgStmt. */
static int
run_stmt (PgConn     *db,
          const char *sql)
{
  g_autoptr(PgStmt) stmt = NULL;

  g_assert_cmpint (pg_prepare_v2 (db, sql, -1, &stmt, NULL), ==, PG_OK);
  return pg_step (stmt);
}

/* Round trips text number @i takes now. */
static guint64
text_round_trips (PgConn *db,
                  int     i)
{
  guint64 before = pg_conn_get_n_round_trips (db);

  run_text_ok (db, i);
  return pg_conn_get_n_round_trips (db) - before;
}

/* More texts than the cap: the cap, in the client and on the server. */
static void
test_prepared_capped (void)
{
  PgConn *db = open_conn ();

  for (int i = 0; i < PG_MAX_PREPARED + 50; i++)
    {
      run_text_ok (db, i);
      g_assert_cmpuint (pg_conn_get_n_prepared (db), <=, PG_MAX_PREPARED);
    }
  g_assert_cmpuint (pg_conn_get_n_prepared (db), ==, PG_MAX_PREPARED);
  g_assert_cmpint (server_prepared (db), ==, PG_MAX_PREPARED);

  /* The first ones were evicted: prepared anew (prepare, run, and the
   * DEALLOCATE of the one it evicted), and right. */
  g_assert_cmpuint (text_round_trips (db, 0), ==, 3);
  g_assert_cmpuint (text_round_trips (db, 1), ==, 3);
  /* … and kept from then on. */
  g_assert_cmpuint (text_round_trips (db, 0), ==, 1);
  g_assert_cmpuint (pg_conn_get_n_prepared (db), ==, PG_MAX_PREPARED);
  g_assert_cmpint (server_prepared (db), ==, PG_MAX_PREPARED);

  pg_conn_close (db);
}

/* A text used again and again stays while the others come and go. */
static void
test_prepared_lru (void)
{
  PgConn *db = open_conn ();
  const int hot = -1;
  int n_params;
  g_autofree char *hot_sql = pg_translate_parameters ("SELECT -1 + ?", &n_params);
  g_autofree char *hot_name_sql = g_strdup_printf ("SELECT substr (name, 2)::bigint"
                                                   " FROM pg_prepared_statements"
                                                   " WHERE statement = '%s'", hot_sql);
  gint64 hot_name;

  run_text_ok (db, hot);
  hot_name = native_int (db, hot_name_sql);
  for (int i = 0; i < 2 * PG_MAX_PREPARED; i++)
    {
      run_text_ok (db, i);
      g_assert_cmpuint (text_round_trips (db, hot), ==, 1);
    }
  g_assert_cmpint (native_int (db, hot_name_sql), ==, hot_name);
  g_assert_cmpint (server_prepared (db), ==, PG_MAX_PREPARED);

  pg_conn_close (db);
}

/* Evicted inside an open transaction: the transaction goes on, and the
 * server keeps the evicted statements until it ends. */
static void
test_prepared_transaction (void)
{
  PgConn *db = open_conn ();
  const int n_more = 40;

  for (int i = 0; i < PG_MAX_PREPARED; i++)
    run_text_ok (db, i);

  g_assert_cmpint (pg_exec (db, "BEGIN"), ==, PG_OK);
  g_assert_cmpint (pg_exec (db, "CREATE TABLE kept (n int)"), ==, PG_OK);
  for (int i = PG_MAX_PREPARED; i < PG_MAX_PREPARED + n_more; i++)
    {
      run_text_ok (db, i);
      g_assert_cmpuint (pg_conn_get_n_prepared (db), ==, PG_MAX_PREPARED);
    }
  /* One evicted just now, prepared anew. */
  run_text_ok (db, PG_MAX_PREPARED + n_more - PG_MAX_PREPARED - 1);
  g_assert_cmpint (PQtransactionStatus (pg_conn_get_native (db)), ==, PQTRANS_INTRANS);
  /* Its old statement among them. */
  g_assert_cmpint (native_int (db, "SELECT count(*) FROM pg_prepared_statements"),
                   ==, PG_MAX_PREPARED + n_more + 1);

  g_assert_cmpint (run_stmt (db, "INSERT INTO kept VALUES (1)"), ==, PG_DONE);
  g_assert_cmpint (pg_exec (db, "COMMIT"), ==, PG_OK);
  g_assert_cmpint (native_int (db, "SELECT count(*) FROM kept"), ==, 1);
  g_assert_cmpuint (pg_conn_get_n_prepared (db), ==, PG_MAX_PREPARED);
  g_assert_cmpint (server_prepared (db), ==, PG_MAX_PREPARED);

  pg_conn_close (db);
}

/* Inside an aborted transaction: what cannot be prepared is not kept, and
 * the ROLLBACK that evicts (prepared as the store prepares its COMMIT)
 * deallocates once it ended the transaction. */
static void
test_prepared_aborted (void)
{
  PgConn *db = open_conn ();
  guint64 before;

  for (int i = 0; i < PG_MAX_PREPARED; i++)
    run_text_ok (db, i);

  g_assert_cmpint (pg_exec (db, "BEGIN"), ==, PG_OK);
  g_assert_cmpint (run_stmt (db, "SELECT 1 / (random () > 2)::int"), ==, PG_ERROR);
  g_assert_cmpint (PQtransactionStatus (pg_conn_get_native (db)), ==, PQTRANS_INERROR);
  g_assert_cmpint (run_text (db, PG_MAX_PREPARED + 1), ==, PG_ERROR);
  g_assert_cmpint (run_text (db, PG_MAX_PREPARED - 1), ==, PG_ERROR);
  g_assert_cmpuint (pg_conn_get_n_prepared (db), ==, PG_MAX_PREPARED);
  g_assert_cmpint (run_stmt (db, "ROLLBACK"), ==, PG_DONE);
  g_assert_true (pg_get_autocommit (db));
  g_assert_cmpuint (pg_conn_get_n_prepared (db), ==, PG_MAX_PREPARED);
  g_assert_cmpint (server_prepared (db), ==, PG_MAX_PREPARED);

  /* The text that failed to prepare is prepared now. */
  before = pg_conn_get_n_round_trips (db);
  run_text_ok (db, PG_MAX_PREPARED + 1);
  g_assert_cmpuint (pg_conn_get_n_round_trips (db) - before, ==, 3);
  g_assert_cmpint (server_prepared (db), ==, PG_MAX_PREPARED);

  pg_conn_close (db);
}

/* pg_begin_values () prepares in its pipeline: a statement prepared there
 * is kept even when running it failed (it is on the server), one whose
 * preparing failed is not, and what it evicts goes once the transaction
 * ended. */
static void
test_prepared_begin_values (void)
{
  PgConn *db = open_conn ();
  gint64 values[2];

  for (int i = 0; i < PG_MAX_PREPARED; i++)
    run_text_ok (db, i);

  for (int i = 0; i < 10; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT %d, true", i);

      g_assert_cmpint (pg_begin_values (db, "BEGIN", sql, values, 2), ==, PG_OK);
      g_assert_cmpint (values[0], ==, i);
      g_assert_cmpint (values[1], ==, 1);
      g_assert_cmpint (pg_exec (db, "COMMIT"), ==, PG_OK);
      g_assert_cmpuint (pg_conn_get_n_prepared (db), ==, PG_MAX_PREPARED);
      g_assert_cmpint (server_prepared (db), ==, PG_MAX_PREPARED);
    }

  g_assert_cmpint (pg_begin_values (db, "BEGIN", "SELECT 1 / (random () > 2)::int",
                                    values, 1), ==, PG_ERROR);
  g_assert_cmpint (pg_exec (db, "ROLLBACK"), ==, PG_OK);
  g_assert_cmpuint (pg_conn_get_n_prepared (db), ==, PG_MAX_PREPARED);
  g_assert_cmpint (server_prepared (db), ==, PG_MAX_PREPARED);

  /* Not prepared, not kept; what it evicted when sent is gone. */
  g_assert_cmpint (pg_begin_values (db, "BEGIN", "SELECT count(*) FROM missing",
                                    values, 1), ==, PG_ERROR);
  g_assert_cmpint (pg_exec (db, "ROLLBACK"), ==, PG_OK);
  g_assert_cmpuint (pg_conn_get_n_prepared (db), ==, PG_MAX_PREPARED - 1);
  g_assert_cmpint (server_prepared (db), ==, PG_MAX_PREPARED - 1);

  pg_conn_close (db);
}

/* The connection lost with evicted statements waiting: errors, nothing
 * more. */
static void
test_prepared_lost (void)
{
  PgConn *db = open_conn ();
  gint64 pid = native_int (db, "SELECT pg_backend_pid ()");
  /* Waiting until it is gone. */
  g_autofree char *terminate = g_strdup_printf ("SELECT pg_terminate_backend (%" G_GINT64_FORMAT
                                                ", 10000)::int", pid);
  PgConn *other = open_conn ();

  for (int i = 0; i < PG_MAX_PREPARED; i++)
    run_text_ok (db, i);
  g_assert_cmpint (pg_exec (db, "BEGIN"), ==, PG_OK);
  run_text_ok (db, PG_MAX_PREPARED);
  g_assert_cmpint (native_int (other, terminate), ==, 1);

  g_assert_cmpint (run_text (db, PG_MAX_PREPARED + 1), ==, PG_CANTOPEN);
  g_assert_cmpint (pg_exec (db, "ROLLBACK"), ==, PG_CANTOPEN);
  g_assert_false (pg_conn_is_ok (db));
  g_assert_cmpuint (pg_conn_get_n_prepared (db), <=, PG_MAX_PREPARED);

  pg_conn_close (db);
  pg_conn_close (other);
}

int
main (int   argc,
      char *argv[])
{
  cluster = pg_cluster_test_init (&argc, &argv);
  if (cluster == NULL)
    return 0;

  g_test_add_func ("/clt/pg-conn/prepared-capped", test_prepared_capped);
  g_test_add_func ("/clt/pg-conn/prepared-lru", test_prepared_lru);
  g_test_add_func ("/clt/pg-conn/prepared-transaction", test_prepared_transaction);
  g_test_add_func ("/clt/pg-conn/prepared-aborted", test_prepared_aborted);
  g_test_add_func ("/clt/pg-conn/prepared-begin-values", test_prepared_begin_values);
  g_test_add_func ("/clt/pg-conn/prepared-lost", test_prepared_lost);

  return g_test_run ();
}
