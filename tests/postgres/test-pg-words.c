/* test-pg-words.c — customer_words (PostgreSQL schema version 8), on a
 * throwaway cluster (tests/common/pg-cluster.c): after each kind of write
 * of the store (creating, editing each searched field, deleting by
 * anonymization, importing), after a row deleted, after migrating a
 * database of schema 7 and after copying a SQLite file, the table holds
 * exactly what a fresh recomputation from the customers' search vectors
 * gives; and the searches it serves find what the vectors do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pg-words"

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "clt-pg-migrate.h"
#include "clt-pg-schema.h"
#include "clt-pg-store.h"
#include "clt-sqlite-store.h"

#include "pg-cluster.h"
#include "store-test-util.h"

static PgCluster *cluster;

static gint64
query_int (PGconn     *conn,
           const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  gint64 value;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  g_assert_cmpint (PQntuples (result), ==, 1);
  value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return value;
}

/* The rows of customer_words that a recomputation from the customers
 * lacks, plus those it has and the table lacks: 0 when exact. */
#define WORDS_DIFFERENCE \
  "WITH fresh AS (SELECT w AS word, c.pk AS customer_pk, c.number_key" \
  "               FROM customers c, unnest (tsvector_to_array (c.search_vector)) AS w)" \
  " SELECT (SELECT count(*) FROM (SELECT * FROM customer_words EXCEPT ALL" \
  "                               SELECT * FROM fresh) a)" \
  "      + (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT ALL" \
  "                               SELECT word, customer_pk, number_key FROM customer_words) b)"

static void
assert_words_exact (PGconn *conn)
{
  g_assert_cmpint (query_int (conn, WORDS_DIFFERENCE), ==, 0);
}

/* How many rows of customer_words the customer whose id is @id has for
 * @word. */
static gint64
count_word (PGconn     *conn,
            const char *id,
            const char *word)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM customer_words w"
                                          " JOIN customers c ON c.pk = w.customer_pk"
                                          " WHERE c.id = '%s' AND w.word = '%s'", id, word);

  return query_int (conn, sql);
}

static CltPgStore *
open_store (char   **conninfo,
            PGconn **conn)
{
  g_autoptr(GError) error = NULL;
  CltPgStore *store;

  *conninfo = pg_cluster_create_database (cluster);
  store = clt_pg_store_new (*conninfo, NULL, &error);
  g_assert_no_error (error);
  *conn = PQconnectdb (*conninfo);
  g_assert_cmpint (PQstatus (*conn), ==, CONNECTION_OK);
  return store;
}

/* Saves *@customer through @store and puts the stored one in its place. */
static void
save (CltPgStore   *store,
      CltCustomer **customer)
{
  CltCustomer *stored = update_customer (CLT_STORE (store), *customer);

  g_object_unref (*customer);
  *customer = stored;
}

static void
test_words_kept (void)
{
  g_autofree char *conninfo = NULL;
  g_autoptr(CltCustomer) anna = NULL;
  g_autoptr(CltCustomer) other = NULL;
  g_autoptr(GPtrArray) imported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(CltAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *conn;
  CltPgStore *store = open_store (&conninfo, &conn);
  g_autofree char *id = NULL;

  /* Created. */
  anna = add_customer (CLT_STORE (store), "Anna", "Müller", "anna.mueller@example.org");
  other = add_customer (CLT_STORE (store), "Jörg", "Klein-Schmidt", "jk@example.com");
  id = g_strdup (clt_customer_get_id (anna));
  assert_words_exact (conn);
  g_assert_cmpint (count_word (conn, id, "muller"), ==, 1);
  g_assert_cmpint (count_word (conn, id, "example"), ==, 1);
  g_assert_cmpint (query_int (conn, "SELECT count(*) FROM customer_words"), >, 6);

  /* Each searched field edited in turn: the old word goes, the new one
   * comes. */
  clt_customer_set_last_name (anna, "Schäfer");
  save (store, &anna);
  g_assert_cmpint (count_word (conn, id, "muller"), ==, 0);
  g_assert_cmpint (count_word (conn, id, "schafer"), ==, 1);
  assert_words_exact (conn);

  clt_customer_set_first_name (anna, "Änne");
  save (store, &anna);
  g_assert_cmpint (count_word (conn, id, "anne"), ==, 1);
  /* Still in the email, once. */
  g_assert_cmpint (count_word (conn, id, "anna"), ==, 1);
  assert_words_exact (conn);

  /* (The store keeps the email: it cannot be changed.) */
  clt_customer_set_company (anna, "Bäckerei GmbH");
  save (store, &anna);
  g_assert_cmpint (count_word (conn, id, "backerei"), ==, 1);
  assert_words_exact (conn);

  /* The zip code and city, from the customer's address. */
  address = add_address (CLT_STORE (store), id, "Köln", "50667");
  g_assert_cmpint (count_word (conn, id, "50667"), ==, 1);
  g_assert_cmpint (count_word (conn, id, "koln"), ==, 1);
  assert_words_exact (conn);
  g_assert_true (sync_delete_address (CLT_STORE (store), id, clt_address_get_id (address),
                                      clt_address_get_version (address), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_word (conn, id, "koln"), ==, 0);
  assert_words_exact (conn);

  /* The number, even where its words stay the same ("a-1", "a.1"). */
  pg_exec_ok (conn, "UPDATE customers SET number = 'a-1', number_key = 'a-1'"
                    " WHERE pk = (SELECT min (pk) FROM customers)");
  assert_words_exact (conn);
  pg_exec_ok (conn, "UPDATE customers SET number = 'a.1', number_key = 'a.1'"
                    " WHERE pk = (SELECT min (pk) FROM customers)");
  assert_words_exact (conn);

  /* An edit of nothing searched keeps them. */
  g_object_unref (anna);
  anna = get_customer (CLT_STORE (store), id);
  clt_customer_set_phone (anna, "+49 30 1234");
  save (store, &anna);
  g_assert_cmpint (count_word (conn, id, "backerei"), ==, 1);
  assert_words_exact (conn);

  /* Deleted by anonymization: none left. */
  g_assert_true (sync_delete_customer (CLT_STORE (store), id, clt_customer_get_version (anna),
                                       0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (conn, "SELECT count(*) FROM customer_words w JOIN customers c"
                                    " ON c.pk = w.customer_pk WHERE c.anonymized_at IS NOT NULL"),
                   ==, 0);
  assert_words_exact (conn);

  /* Imported. */
  g_ptr_array_add (imported, make_import_customer ("imp-1", "Ida", "Wagner", "ida@example.net", 0));
  g_ptr_array_add (imported, make_import_customer ("imp-2", "Ole", "Hansen", "ole@example.net", 1));
  report = sync_import (CLT_STORE (store), imported, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&report);
  g_assert_cmpint (count_word (conn, "imp-1", "wagner"), ==, 1);
  assert_words_exact (conn);

  /* A row deleted (by hand: the store anonymizes). */
  pg_exec_ok (conn, "DELETE FROM orders; DELETE FROM customers WHERE id = 'imp-2'");
  g_assert_cmpint (count_word (conn, "imp-2", "hansen"), ==, 0);
  g_assert_cmpint (query_int (conn, "SELECT count(*) FROM customer_words"
                                    " WHERE word = 'hansen'"), ==, 0);
  assert_words_exact (conn);

  PQfinish (conn);
  store_unref_and_wait_finalized (CLT_STORE (store));
}

/* What the store finds for @search_text, against the customers whose
 * vector matches @tsquery. */
static void
assert_search (CltPgStore *store,
               PGconn     *conn,
               const char *search_text,
               const char *tsquery,
               guint       expected)
{
  const char *params[] = { tsquery };
  PGresult *result = PQexecParams (conn, "SELECT count(*) FROM customers"
                                         " WHERE search_vector @@ $1::tsquery",
                                   1, NULL, params, NULL, NULL, 0);
  g_autofree char *text = g_strdup_printf ("%u", expected);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, text);
  PQclear (result);
  g_assert_cmpuint (count_matches (CLT_STORE (store), search_text), ==, expected);
}

static void
test_words_search (void)
{
  g_autofree char *conninfo = NULL;
  PGconn *conn;
  CltPgStore *store = open_store (&conninfo, &conn);
  g_autoptr(CltCustomer) a = add_customer (CLT_STORE (store), "Anna", "Müller", "anna@example.org");
  g_autoptr(CltCustomer) b = add_customer (CLT_STORE (store), "Annabel", "Mulan", "mule@org.example");
  g_autoptr(CltCustomer) c = add_customer (CLT_STORE (store), "Hanna", "Smith", "h@example.org");

  /* Two words of one customer begin with "mul": counted once. */
  assert_search (store, conn, "mul", "'mul':*", 2);
  assert_search (store, conn, "MÜL", "'mul':*", 2);
  assert_search (store, conn, "ann mul", "'ann':* & 'mul':*", 2);
  assert_search (store, conn, "anna", "'anna':*", 2);
  /* A word of several runs finds them in a row only. */
  assert_search (store, conn, "example.org", "'example' <-> 'org':*", 2);
  assert_search (store, conn, "org.ex", "'org' <-> 'ex':*", 1);
  assert_search (store, conn, "ple.org", "'ple' <-> 'org':*", 0);
  /* A short last run: the whole words before it pick the customers. */
  assert_search (store, conn, "example.o", "'example' <-> 'o':*", 2);
  assert_search (store, conn, "org.e", "'org' <-> 'e':*", 1);
  assert_search (store, conn, "exam.o", "'exam' <-> 'o':*", 0);
  assert_search (store, conn, "xyz", "'xyz':*", 0);

  PQfinish (conn);
  store_unref_and_wait_finalized (CLT_STORE (store));
}

/* A database of schema 7 with customers, one anonymized, migrated. */
static void
test_words_migrated (void)
{
  g_autofree char *conninfo = pg_cluster_create_database (cluster);
  g_autoptr(GError) error = NULL;
  PgConn *db;
  PGconn *conn;

  db = pg_conn_open (conninfo, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pg_exec (db, "BEGIN"), ==, PG_OK);
  g_assert_true (clt_pg_schema_migrate_to (db, 0, 7, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pg_exec (db, "COMMIT"), ==, PG_OK);

  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  pg_exec_ok (conn,
              "INSERT INTO customers (id, number, email, number_key, email_key, first_name_key,"
              " last_name_key, city_key, registered, updated, anonymized_at) VALUES"
              " ('c-1', '1001', 'anna@example.org', '1001', 'anna@example.org', 'anna',"
              "  'muller', 'koln', 0, 0, NULL),"
              " ('c-2', '1002', 'bo@example.org', '1002', 'bo@example.org', 'bo', 'berg',"
              "  'koln', 0, 0, NULL),"
              " ('c-3', '1003', 'gone@example.org', '1003', 'gone@example.org', 'gone', 'gone',"
              "  '', 0, 0, 5)");

  g_assert_cmpint (pg_exec (db, "BEGIN"), ==, PG_OK);
  g_assert_true (clt_pg_schema_migrate_to (db, 7, 8, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pg_exec (db, "COMMIT"), ==, PG_OK);
  pg_conn_close (db);

  assert_words_exact (conn);
  g_assert_cmpint (count_word (conn, "c-1", "muller"), ==, 1);
  g_assert_cmpint (count_word (conn, "c-2", "koln"), ==, 1);
  g_assert_cmpint (query_int (conn, "SELECT count(*) FROM customer_words w JOIN customers c"
                                    " ON c.pk = w.customer_pk WHERE c.id = 'c-3'"), ==, 0);

  /* And kept from then on. */
  pg_exec_ok (conn, "UPDATE customers SET last_name_key = 'meier' WHERE id = 'c-1'");
  g_assert_cmpint (count_word (conn, "c-1", "muller"), ==, 0);
  g_assert_cmpint (count_word (conn, "c-1", "meier"), ==, 1);
  assert_words_exact (conn);
  PQfinish (conn);
}

/* clientele-server migrate: the words made in one statement after the
 * copy (its trigger off), then the trigger on again; the tables vacuumed
 * and analyzed. */
static void
test_words_copied_from_sqlite (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-pg-words-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autofree char *conninfo = pg_cluster_create_database (cluster);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(CltCustomer) anna = NULL;
  g_autoptr(CltCustomer) gone = NULL;
  CltSqliteStore *file;
  PGconn *conn;

  file = clt_sqlite_store_new (path, NULL, &error);
  g_assert_no_error (error);
  anna = add_customer (CLT_STORE (file), "Anna", "Müller", "anna@example.org");
  gone = add_customer (CLT_STORE (file), "Gone", "Away", "gone@example.org");
  g_assert_true (sync_delete_customer (CLT_STORE (file), clt_customer_get_id (gone),
                                       clt_customer_get_version (gone), 0, &error));
  g_assert_no_error (error);
  store_unref_and_wait_finalized (CLT_STORE (file));

  counts = clt_pg_migrate_from_sqlite (path, conninfo, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (counts);

  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  assert_words_exact (conn);
  g_assert_cmpint (count_word (conn, clt_customer_get_id (anna), "muller"), ==, 1);
  g_assert_cmpint (query_int (conn, "SELECT count(*) FROM customer_words WHERE word = 'away'"),
                   ==, 0);
  g_assert_cmpint (query_int (conn, "SELECT count(*) FROM pg_trigger"
                                    " WHERE tgname = 'customer_words_insert' AND tgenabled = 'O'"),
                   ==, 1);
  /* Vacuumed (though this cluster commits asynchronously): a deep list
   * page skips its OFFSET in the sort index alone. Analyzed, the page
   * texts too (-1: never). */
  g_assert_cmpint (query_int (conn, "SELECT relallvisible FROM pg_class"
                                    " WHERE relname = 'customers'"), >, 0);
  g_assert_cmpint (query_int (conn, "SELECT reltuples::bigint FROM pg_class"
                                    " WHERE relname = 'customer_page_details'"), >=, 0);
  pg_exec_ok (conn, "INSERT INTO customers (id, number, email, number_key, last_name_key,"
                    " registered, updated) VALUES ('c-9', '9', 'x@y.z', '9', 'zander', 0, 0)");
  g_assert_cmpint (count_word (conn, "c-9", "zander"), ==, 1);
  assert_words_exact (conn);
  PQfinish (conn);

  /* The migration leaves nothing next to the file (a read-only connection
   * left its WAL and shared-memory files). */
  for (const char *const *suffix = (const char *const[]) { "-wal", "-shm", "-journal", NULL };
       *suffix != NULL; suffix++)
    {
      g_autofree char *file_path = g_strconcat (path, *suffix, NULL);

      g_assert_false (g_file_test (file_path, G_FILE_TEST_EXISTS));
    }
  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  cluster = pg_cluster_test_init (&argc, &argv);
  if (cluster == NULL)
    return 0;

  g_test_add_func ("/clt/pg-words/kept", test_words_kept);
  g_test_add_func ("/clt/pg-words/search", test_words_search);
  g_test_add_func ("/clt/pg-words/migrated", test_words_migrated);
  g_test_add_func ("/clt/pg-words/copied-from-sqlite", test_words_copied_from_sqlite);

  return g_test_run ();
}
