/* test-server-postgres.c — two clientele-server processes on one
 * PostgreSQL database (a throwaway cluster, tests/common/pg-cluster.c),
 * with a CltRestStore client on each: concurrent edits of one customer
 * through both, and the change feed crossing from one server to the
 * other's long-polling clients; and `clientele-server migrate` from a
 * sample SQLite database, whose reads then agree with the file's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-server-postgres"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "clt-accounts.h"
#include "clt-customer-details.h"
#include "clt-pg-store.h"
#include "clt-rest-store.h"
#include "clt-sample-loader.h"
#include "clt-sqlite-store.h"

#include "pg-cluster.h"
#include "server-process.h"
#include "store-test-util.h"

#define N_ROUNDS 20
/* What the issue promises: a write on one server reaches the clients of
 * another within two seconds. */
#define FEED_LIMIT_MS 2000

typedef struct
{
  ServerProcess *a;
  ServerProcess *b;
  CltStore      *on_a;
  CltStore      *on_b;
} TwoServers;

static CltStore *
connect_store (ServerProcess *process,
               const char    *token)
{
  g_autoptr(CltRestStore) store = clt_rest_store_new (server_process_get_url (process), token);
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  clt_rest_store_connect_async (store, NULL, store_result_cb, &result);
  user = clt_rest_store_connect_finish (store, store_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  return CLT_STORE (g_steal_pointer (&store));
}

static void
two_servers_setup (TwoServers    *fixture,
                   gconstpointer  data)
{
  PgCluster *cluster = pg_cluster_get (NULL);
  g_autofree char *conninfo = pg_cluster_create_database (cluster);
  g_autofree char *token = NULL;

  fixture->a = server_process_new_postgres (conninfo);
  fixture->b = server_process_new_postgres (conninfo);
  /* The users live in the database: a token works on both servers. */
  token = server_process_add_user (fixture->a, "admin", "admin");
  server_process_start (fixture->a, NULL);
  server_process_start (fixture->b, NULL);
  fixture->on_a = connect_store (fixture->a, token);
  fixture->on_b = connect_store (fixture->b, token);
}

static void
two_servers_teardown (TwoServers    *fixture,
                      gconstpointer  data)
{
  clt_rest_store_shutdown (CLT_REST_STORE (fixture->on_a));
  clt_rest_store_shutdown (CLT_REST_STORE (fixture->on_b));
  store_unref_and_wait_finalized (g_steal_pointer (&fixture->on_a));
  store_unref_and_wait_finalized (g_steal_pointer (&fixture->on_b));
  /* Stops them, checking that each exits 0. */
  g_clear_pointer (&fixture->a, server_process_unref);
  g_clear_pointer (&fixture->b, server_process_unref);
}

typedef struct
{
  CltCustomer *saved;
  GError      *error;
  gboolean     done;
} Update;

static void
on_updated_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Update *update = user_data;

  update->saved = clt_store_update_customer_finish (CLT_STORE (object), result, &update->error);
  update->done = TRUE;
}

/* Each round both clients edit the same version of one customer at the
 * same time: exactly one wins (a new version), the other is refused as
 * stale (412), and what the winner wrote is what both servers read. */
static void
test_concurrent_edits (TwoServers    *fixture,
                       gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->on_a, "Anna", "Schmidt",
                                              "anna@example.com");
  const char *id = clt_customer_get_id (anna);
  gint64 version = clt_customer_get_version (anna);
  guint wins_a = 0;
  guint wins_b = 0;

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(CltCustomer) base = NULL;
      g_autoptr(CltCustomer) edit_a = NULL;
      g_autoptr(CltCustomer) edit_b = NULL;
      g_autoptr(CltCustomer) seen_a = NULL;
      g_autoptr(CltCustomer) seen_b = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name_a = g_strdup_printf ("Anna-A%u", round);
      g_autofree char *name_b = g_strdup_printf ("Anna-B%u", round);
      Update update_a = { NULL, NULL, FALSE };
      Update update_b = { NULL, NULL, FALSE };
      Update *winner;
      Update *loser;

      base = sync_get_customer (round % 2 == 0 ? fixture->on_a : fixture->on_b, id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (clt_customer_get_version (base), ==, version);

      edit_a = clt_customer_copy (base);
      clt_customer_set_first_name (edit_a, name_a);
      edit_b = clt_customer_copy (base);
      clt_customer_set_first_name (edit_b, name_b);
      clt_store_update_customer_async (fixture->on_a, edit_a, NULL, on_updated_cb, &update_a);
      clt_store_update_customer_async (fixture->on_b, edit_b, NULL, on_updated_cb, &update_b);
      while (!update_a.done || !update_b.done)
        g_main_context_iteration (NULL, TRUE);

      /* Every write wins or is refused as stale: none is lost. */
      g_assert_true ((update_a.saved != NULL) != (update_b.saved != NULL));
      winner = update_a.saved != NULL ? &update_a : &update_b;
      loser = update_a.saved != NULL ? &update_b : &update_a;
      g_assert_error (loser->error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE);
      g_assert_cmpint (clt_customer_get_version (winner->saved), ==, version + 1);
      version++;
      if (winner == &update_a)
        wins_a++;
      else
        wins_b++;

      seen_a = sync_get_customer (fixture->on_a, id, &error);
      g_assert_no_error (error);
      seen_b = sync_get_customer (fixture->on_b, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (clt_customer_get_first_name (seen_a), ==,
                       clt_customer_get_first_name (winner->saved));
      g_assert_cmpstr (clt_customer_get_first_name (seen_b), ==,
                       clt_customer_get_first_name (winner->saved));
      g_assert_cmpint (clt_customer_get_version (seen_b), ==, version);

      g_clear_object (&update_a.saved);
      g_clear_object (&update_b.saved);
      g_clear_error (&update_a.error);
      g_clear_error (&update_b.error);
    }

  g_assert_cmpuint (wins_a + wins_b, ==, N_ROUNDS);
  g_test_message ("%u rounds: %u won through server A, %u through B", N_ROUNDS, wins_a, wins_b);
}

/* A write through server A reaches a client of server B (its change feed,
 * a long poll) within two seconds, and the other way round. */
static void
test_feed_crosses (TwoServers    *fixture,
                   gconstpointer  data)
{
  g_autoptr(ChangeRecorder) on_b = change_recorder_new (fixture->on_b);
  g_autoptr(ChangeRecorder) on_a = change_recorder_new (fixture->on_a);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *email_a = g_strdup_printf ("a%u@example.com", i);
      g_autofree char *email_b = g_strdup_printf ("b%u@example.com", i);
      g_autoptr(CltCustomer) from_a = NULL;
      g_autoptr(CltCustomer) from_b = NULL;
      gint64 started;

      change_recorder_clear (on_b);
      started = g_get_monotonic_time ();
      from_a = add_customer (fixture->on_a, "Ada", "Lovelace", email_a);
      g_assert_true (change_recorder_wait_customer (on_b, clt_customer_get_id (from_a),
                                                    FEED_LIMIT_MS));
      g_test_message ("A → B: %.0f ms", (g_get_monotonic_time () - started) / 1000.0);

      change_recorder_clear (on_a);
      started = g_get_monotonic_time ();
      from_b = add_customer (fixture->on_b, "Grace", "Hopper", email_b);
      g_assert_true (change_recorder_wait_customer (on_a, clt_customer_get_id (from_b),
                                                    FEED_LIMIT_MS));
      g_test_message ("B → A: %.0f ms", (g_get_monotonic_time () - started) / 1000.0);
    }
}

#define N_SAMPLE_CUSTOMERS 600

static int
run_migrate (const char *from,
             const char *to,
             char      **err)
{
  const char *argv[] = { g_getenv ("CLT_SERVER_BINARY"), "migrate", "--from", from, "--to", to,
                         NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err,
                &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static GPtrArray *
list_users (CltStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *users;

  clt_accounts_list_users_async (CLT_ACCOUNTS (store), NULL, store_result_cb, &result);
  users = clt_accounts_list_users_finish (CLT_ACCOUNTS (store), store_wait (&result), &error);
  g_assert_no_error (error);
  return users;
}

/* The same customers, in the same order, with the same versions. */
static void
assert_same_list (CltStore *file,
                  CltStore *database,
                  CltQuery *query)
{
  guint total_file = 0;
  guint total_database = 0;

  for (guint page = 0; ; page++)
    {
      g_autoptr(GPtrArray) a = NULL;
      g_autoptr(GPtrArray) b = NULL;
      g_autoptr(GError) error = NULL;

      a = sync_list_customers (file, query, page, 100, CLT_LIST_FLAGS_WITH_TOTAL, &total_file,
                               &error);
      g_assert_no_error (error);
      b = sync_list_customers (database, query, page, 100, CLT_LIST_FLAGS_WITH_TOTAL,
                               &total_database, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (total_file, ==, total_database);
      g_assert_cmpuint (a->len, ==, b->len);
      for (guint i = 0; i < a->len; i++)
        {
          CltCustomer *x = g_ptr_array_index (a, i);
          CltCustomer *y = g_ptr_array_index (b, i);

          g_assert_cmpstr (clt_customer_get_id (x), ==, clt_customer_get_id (y));
          g_assert_cmpstr (clt_customer_get_email (x), ==, clt_customer_get_email (y));
          g_assert_cmpstr (clt_customer_get_city (x), ==, clt_customer_get_city (y));
          g_assert_cmpint (clt_customer_get_version (x), ==, clt_customer_get_version (y));
          /* Read from customer_page_details, which the migration fills
           * in one statement rather than by its triggers. */
          g_assert_cmpstrv (clt_customer_get_groups (x), clt_customer_get_groups (y));
          g_assert_true ((clt_customer_get_custom_fields (x) == NULL &&
                          clt_customer_get_custom_fields (y) == NULL) ||
                         (clt_customer_get_custom_fields (x) != NULL &&
                          clt_customer_get_custom_fields (y) != NULL &&
                          g_variant_equal (clt_customer_get_custom_fields (x),
                                           clt_customer_get_custom_fields (y))));
        }
      if (a->len < 100)
        break;
    }
}

/* One text value that @sql (one row, one column) reads from @conninfo. */
static char *
pg_read_text (const char *conninfo,
              const char *sql)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;
  char *text;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (result), ==, 1);
  text = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
  return text;
}

/* Every key, foreign key, index and trigger (with whether it fires) of
 * the database, one per line, sorted. */
static char *
pg_schema_digest (const char *conninfo)
{
  return pg_read_text (conninfo,
                       "SELECT string_agg (d, E'\\n' ORDER BY d) FROM ("
                       " SELECT format ('%s %s %s', conrelid::regclass, conname,"
                       "                pg_get_constraintdef (oid)) AS d"
                       "   FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                       " UNION ALL"
                       " SELECT pg_get_indexdef (indexrelid) FROM pg_index"
                       "  WHERE indrelid IN (SELECT oid FROM pg_class"
                       "                      WHERE relnamespace = 'public'::regnamespace)"
                       " UNION ALL"
                       " SELECT format ('%s %s %s', tgrelid::regclass, tgname, tgenabled)"
                       "   FROM pg_trigger WHERE NOT tgisinternal) AS s");
}

static gint64
sqlite_count (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return count;
}

static void
test_migrate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("clt-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "clientele.db", NULL);
  g_autofree char *conninfo = pg_cluster_create_database (pg_cluster_get (NULL));
  g_autofree char *fresh = pg_cluster_create_database (pg_cluster_get (NULL));
  g_autofree char *digest_fresh = NULL;
  g_autofree char *digest_migrated = NULL;
  g_autofree char *prefixes = NULL;
  g_autofree char *err = NULL;
  g_autoptr(CltStore) file = NULL;
  g_autoptr(CltStore) database = NULL;
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltCustomer) anna = NULL;
  g_autoptr(CltNote) note = NULL;
  g_autoptr(CltCompany) company = NULL;
  g_autoptr(CltCustomField) field = NULL;
  g_autoptr(CltBackofficeUser) user = clt_backoffice_user_new ();
  g_autoptr(GPtrArray) users_file = NULL;
  g_autoptr(GPtrArray) users_database = NULL;
  g_autoptr(CltQuery) by_city = clt_query_new ();
  g_autoptr(CltQuery) search = clt_query_new ();
  g_autofree char *token = NULL;

  g_assert_no_error (error);
  file = CLT_STORE (clt_sqlite_store_new (path, NULL, &error));
  g_assert_no_error (error);
  clt_sample_load_async (file, N_SAMPLE_CUSTOMERS, 7, NULL, store_result_cb, &result);
  report = clt_sample_load_finish (file, store_wait (&result), &error);
  g_assert_no_error (error);
  anna = add_customer (file, "Anna", "Müller", "anna.mueller@example.com");
  note = sync_add_note (file, clt_customer_get_id (anna), "Called about her order", NULL, &error);
  g_assert_no_error (error);
  company = add_company (file, "acme", "ACME GmbH");
  field = add_custom_field (file, "loyalty", "Loyalty points", CLT_CUSTOM_FIELD_NUMBER);
  clt_backoffice_user_set_username (user, "berta");
  clt_backoffice_user_set_role (user, CLT_ROLE_SUPPORT);
  g_clear_object (&result);
  clt_accounts_add_user_async (CLT_ACCOUNTS (file), user, NULL, store_result_cb, &result);
  token = clt_accounts_add_user_finish (CLT_ACCOUNTS (file), store_wait (&result), &error);
  g_assert_no_error (error);
  /* The result holds the store. */
  g_clear_object (&result);
  store_unref_and_wait_finalized (g_steal_pointer (&file));

  g_assert_cmpint (run_migrate (path, conninfo, &err), ==, 0);
  g_test_message ("%s", err);
  g_clear_pointer (&err, g_free);

  /* Every row arrived (the command compared the counts), and reads agree. */
  file = CLT_STORE (clt_sqlite_store_new (path, NULL, &error));
  g_assert_no_error (error);
  database = CLT_STORE (clt_pg_store_new (conninfo, NULL, &error));
  g_assert_no_error (error);

  for (guint key = 0; key < CLT_N_SORT_KEYS; key++)
    {
      g_autoptr(CltQuery) sorted = clt_query_new ();

      clt_query_set_sort_key (sorted, key);
      assert_same_list (file, database, sorted);
    }
  clt_query_set_search_text (search, "mül");
  assert_same_list (file, database, search);
  /* One and two letters: read from customer_prefixes, which the
   * migration fills in one statement rather than by the trigger. */
  clt_query_set_search_text (search, "m");
  assert_same_list (file, database, search);
  clt_query_set_search_text (search, "mü");
  assert_same_list (file, database, search);
  prefixes = pg_read_text (conninfo, "SELECT count(*) FROM customer_prefixes");
  g_assert_cmpint (g_ascii_strtoll (prefixes, NULL, 10), ==,
                   sqlite_count (path, "SELECT count(*) FROM customer_prefixes"));
  g_assert_cmpint (g_ascii_strtoll (prefixes, NULL, 10), >, N_SAMPLE_CUSTOMERS);
  g_clear_pointer (&prefixes, g_free);
  prefixes = pg_read_text (conninfo, "SELECT count(*) FROM customer_page_details");
  g_assert_cmpint (g_ascii_strtoll (prefixes, NULL, 10), ==,
                   sqlite_count (path, "SELECT count(*) FROM (SELECT customer_pk FROM customer_groups"
                                       " UNION SELECT customer_pk FROM customer_field_values)"));
  g_assert_cmpint (g_ascii_strtoll (prefixes, NULL, 10), >, 0);

  /* The migration rebuilds the keys, foreign keys and indexes it drops
   * for the copy, and turns the prefix trigger back on: the schema is
   * that of a database the store made itself. */
  {
    g_autoptr(CltStore) made = CLT_STORE (clt_pg_store_new (fresh, NULL, &error));

    g_assert_no_error (error);
    store_unref_and_wait_finalized (g_steal_pointer (&made));
  }
  digest_fresh = pg_schema_digest (fresh);
  digest_migrated = pg_schema_digest (conninfo);
  g_assert_nonnull (strstr (digest_fresh, "customers_search"));
  g_assert_nonnull (strstr (digest_fresh, "customer_prefixes_write O"));
  g_assert_cmpstr (digest_migrated, ==, digest_fresh);
  clt_query_set_search_text (search, "example");
  assert_same_list (file, database, search);
  clt_query_set_country (by_city, "DE");
  assert_same_list (file, database, by_city);

  {
    g_autoptr(CltCustomerDetails) a = sync_get_details (file, clt_customer_get_id (anna), &error);
    g_autoptr(CltCustomerDetails) b = NULL;

    g_assert_no_error (error);
    b = sync_get_details (database, clt_customer_get_id (anna), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (clt_customer_details_get_notes (a)->len, ==, 1);
    g_assert_cmpuint (clt_customer_details_get_notes (b)->len, ==, 1);
    g_assert_cmpuint (clt_customer_details_get_emails (a)->len, ==,
                      clt_customer_details_get_emails (b)->len);
  }
  {
    g_autoptr(GPtrArray) a = sync_list_sites (file, &error);
    g_autoptr(GPtrArray) b = sync_list_sites (database, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (a->len, ==, b->len);
    g_assert_cmpuint (a->len, >, 0);
  }
  {
    g_autoptr(GPtrArray) a = sync_list_groups (file, &error);
    g_autoptr(GPtrArray) b = sync_list_groups (database, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (a->len, ==, b->len);
  }
  {
    g_autoptr(GPtrArray) b = sync_list_companies (database, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (b->len, ==, 1);
    b = (g_ptr_array_unref (b), sync_list_custom_fields (database, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (b->len, ==, 1);
  }
  users_file = list_users (file);
  users_database = list_users (database);
  g_assert_cmpuint (users_file->len, ==, users_database->len);

  /* The next writes go on from the file's numbers. */
  {
    g_autoptr(CltCustomer) bruno = add_customer (database, "Bruno", "Braun", "bruno@example.com");

    g_assert_nonnull (bruno);
  }

  store_unref_and_wait_finalized (g_steal_pointer (&file));
  store_unref_and_wait_finalized (g_steal_pointer (&database));

  /* A database that holds data is refused. */
  g_assert_cmpint (run_migrate (path, conninfo, &err), !=, 0);
  g_assert_nonnull (strstr (err, "already holds"));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (pg_cluster_test_init (&argc, &argv) == NULL)
    return 0;

  g_test_add ("/clt/server/postgres/concurrent-edits", TwoServers, NULL,
              two_servers_setup, test_concurrent_edits, two_servers_teardown);
  g_test_add ("/clt/server/postgres/feed-crosses", TwoServers, NULL,
              two_servers_setup, test_feed_crosses, two_servers_teardown);
  g_test_add_func ("/clt/server/postgres/migrate", test_migrate);

  return g_test_run ();
}
