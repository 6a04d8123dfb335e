/* test-server-postgres.c — two clientele-server processes on one
 * PostgreSQL database (a throwaway cluster, tests/common/pg-cluster.c),
 * with a CltRestStore client on each: concurrent edits of one customer
 * through both, and the change feed crossing from one server to the
 * other's long-polling clients.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-server-postgres"

#include "config.h"

#include <locale.h>

#include "clt-rest-store.h"

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

int
main (int   argc,
      char *argv[])
{
  const char *why_not = NULL;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (pg_cluster_get (&why_not) == NULL)
    {
      g_test_skip (why_not);
      g_print ("1..0 # SKIP %s\n", why_not);
      return 0;
    }

  g_test_add ("/clt/server/postgres/concurrent-edits", TwoServers, NULL,
              two_servers_setup, test_concurrent_edits, two_servers_teardown);
  g_test_add ("/clt/server/postgres/feed-crosses", TwoServers, NULL,
              two_servers_setup, test_feed_crosses, two_servers_teardown);

  return g_test_run ();
}
