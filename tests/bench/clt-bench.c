/* clt-bench.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Clientele benchmark (a program, not a test; tests/bench/run drives it).
 *
 *   clt-bench generate --database FILE --count N [--seed S]
 *   clt-bench store --database FILE
 *   clt-bench fields --database FILE   (only the custom field and group part of store)
 *   clt-bench ui --database FILE
 *   clt-bench ui-sample --database NEW-FILE    (Load Sample Data, timed)
 *   clt-bench rest --url URL    (bearer token in $CLT_BENCH_TOKEN)
 *
 * Every figure goes to stdout as one JSON object per line:
 *   {"metric": "...", "value": <number>, "unit": "ms"|"MB"|"rows/s", "n": N}
 * where N is the number of customers in the database. Diagnostics go to
 * stderr. Times are wall-clock (g_get_monotonic_time). */

#define G_LOG_DOMAIN "clt-bench"

#include "config.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "clt-bench-fields.h"
#include "clt-bench-purge.h"
#include "clt-bench-rest.h"
#include "clt-bench-sample.h"
#include "clt-bench-ui.h"
#include "clt-bench-util.h"
#include "clt-customer.h"
#include "clt-enum-types.h"
#include "clt-import-report.h"
#include "clt-query.h"
#include "clt-sample-loader.h"
#include "clt-sqlite-store.h"
#include "clt-sqlite-store-private.h"
#include "clt-store.h"

#define N_DEEP_PAGES    200
#define DEEP_PAGE_SEED  20260401

/* Monotonic time (µs) when main() started, and how long the process had
 * existed by then (ms; from /proc/self/stat, 10 ms resolution). */
static gint64 main_start_us;
static double process_age_at_main_ms = -1;

static double
read_boottime_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_BOOTTIME, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Field 22 of /proc/self/stat: start time in clock ticks since boot. */
static double
read_process_start_ms (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_comm;
  long ticks_per_s = sysconf (_SC_CLK_TCK);

  if (!g_file_get_contents ("/proc/self/stat", &contents, NULL, NULL) || ticks_per_s <= 0)
    return -1;

  /* The command name (field 2) may contain spaces: skip past its ')'. */
  after_comm = strrchr (contents, ')');
  if (after_comm == NULL)
    return -1;

  /* after_comm + 2 starts at field 3 (state): field 22 is index 19. */
  fields = g_strsplit (after_comm + 2, " ", -1);
  if (g_strv_length (fields) < 20)
    return -1;

  return g_ascii_strtod (fields[19], NULL) * 1000.0 / ticks_per_s;
}

static CltStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store;

  store = clt_sqlite_store_new (path, NULL, &error);
  if (store == NULL)
    die ("cannot open %s: %s", path, error->message);

  return CLT_STORE (store);
}

/* Closing the store checkpoints the WAL into the database file. A store
 * left open leaves a whole sample load in the WAL, and every later open
 * first reads all of it: wait (a while) for the store to go away. */
static void
close_store (CltStore     *store,
             GMainContext *context)
{
  CltStore *weak_store = store;
  gint64 start = g_get_monotonic_time ();

  g_object_add_weak_pointer (G_OBJECT (weak_store), (gpointer *) &weak_store);
  g_object_unref (store);
  /* clt_store_emit_changed () queues "changed" (holding a reference) on
   * the global default context, not on this thread's private one:
   * dispatch both. */
  while (weak_store != NULL && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
    {
      gboolean dispatched = g_main_context_iteration (context, FALSE);

      dispatched |= g_main_context_iteration (NULL, FALSE);
      if (!dispatched)
        g_usleep (10000);
    }

  if (weak_store != NULL)
    {
      g_printerr ("warning: the store is still referenced (%u references) after its last user let go:"
                  " it stays open and its WAL is not checkpointed\n",
                  G_OBJECT (weak_store)->ref_count);
      g_object_remove_weak_pointer (G_OBJECT (weak_store), (gpointer *) &weak_store);
    }
  else
    g_printerr ("closed the store in %.1f s\n", elapsed_ms (start) / 1000.0);
}

static int
run_generate (const char *path,
              guint       count,
              guint32     seed)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(CltStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Waiter waiter = { context, NULL };
  gint64 start;
  double ms;

  g_main_context_push_thread_default (context);

  store = open_store (path);
  start = g_get_monotonic_time ();
  clt_sample_load_async (store, count, seed, NULL, on_ready_cb, &waiter);
  result = wait_for_result (&waiter);
  report = clt_sample_load_finish (store, result, &error);
  if (report == NULL)
    die ("generating %u customers into %s failed: %s", count, path, error->message);
  if (clt_import_report_get_n_imported (report) != count)
    die ("generating %u customers into %s imported %u", count, path,
         clt_import_report_get_n_imported (report));
  ms = elapsed_ms (start);

  g_printerr ("generated %u customers into %s in %.1f s\n", count, path, ms / 1000.0);
  print_metric ("generate_rows_per_s", count / (ms / 1000.0), "rows/s", count);

  bench_fields_generate (store, path, context);

  g_clear_object (&result);
  close_store (g_steal_pointer (&store), context);
  g_main_context_pop_thread_default (context);

  return EXIT_SUCCESS;
}

/* Erasure at this size: one anonymizing delete (the write itself), how
 * long the store's upkeep takes to merge the erased words out of the search
 * index, and the slowest of the other writes made meanwhile (the merge must
 * never hold them up for long). Adds and erases customers of its own. */
static void
bench_erase (CltStore     *store,
             GMainContext *context,
             guint         n)
{
  g_autoptr(GArray) write_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CltCustomer) victim = clt_customer_new ();
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) other = clt_customer_new ();
  g_autoptr(CltCustomer) other_stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("erase-%" G_GINT64_FORMAT "@bench.example",
                                            g_get_real_time ());
  g_autofree char *other_email = g_strconcat ("other-", email, NULL);
  Waiter waiter = { context, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  gint64 start;
  double erase_ms;
  double merge_ms;

  clt_customer_set_email (victim, email);
  clt_customer_set_first_name (victim, "Erika");
  clt_customer_set_last_name (victim, "Löschmann");
  clt_customer_set_currency (victim, "EUR");
  clt_store_create_customer_async (store, victim, NULL, FALSE, NULL, NULL, on_ready_cb, &waiter);
  result = wait_for_result (&waiter);
  stored = clt_store_create_customer_finish (store, result, &error);
  if (stored == NULL)
    die ("creating a customer to erase failed: %s", error->message);
  g_clear_object (&result);

  clt_customer_set_email (other, other_email);
  clt_customer_set_first_name (other, "Otto");
  clt_customer_set_last_name (other, "Weiter");
  clt_customer_set_currency (other, "EUR");
  clt_store_create_customer_async (store, other, NULL, FALSE, NULL, NULL, on_ready_cb, &waiter);
  result = wait_for_result (&waiter);
  other_stored = clt_store_create_customer_finish (store, result, &error);
  if (other_stored == NULL)
    die ("creating a customer failed: %s", error->message);
  g_clear_object (&result);

  start = g_get_monotonic_time ();
  clt_store_delete_customer_async (store, clt_customer_get_id (stored),
                                   clt_customer_get_version (stored), 0, NULL, on_ready_cb, &waiter);
  result = wait_for_result (&waiter);
  if (!clt_store_delete_customer_finish (store, result, &error))
    die ("erasing a customer failed: %s", error->message);
  erase_ms = elapsed_ms (start);
  g_clear_object (&result);
  print_metric ("store_erase_ms", erase_ms, "ms", n);

  /* The upkeep runs on the default main context: edit the other customer
   * once a second until the merge is done, timing each save. */
  start = g_get_monotonic_time ();
  while (g_atomic_int_get (&CLT_SQLITE_STORE (store)->merge_steps) > 0 &&
         g_get_monotonic_time () - start < 120 * G_USEC_PER_SEC)
    {
      g_autoptr(CltCustomer) saved = NULL;
      gint64 write_start = g_get_monotonic_time ();
      double ms;

      clt_customer_set_first_name (other_stored, g_random_boolean () ? "Otto" : "Ottilie");
      clt_store_update_customer_async (store, other_stored, NULL, on_ready_cb, &waiter);
      while (waiter.result == NULL)
        {
          g_main_context_iteration (NULL, FALSE);
          g_main_context_iteration (context, FALSE);
        }
      result = g_steal_pointer (&waiter.result);
      saved = clt_store_update_customer_finish (store, result, &error);
      if (saved == NULL)
        die ("a write during the merge failed: %s", error->message);
      g_clear_object (&result);
      ms = elapsed_ms (write_start);
      g_array_append_val (write_ms, ms);
      g_set_object (&other_stored, saved);

      /* A save a second, as a busy back office makes them; the upkeep runs
       * meanwhile. */
      for (gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;
           g_get_monotonic_time () < until;)
        {
          gboolean dispatched = g_main_context_iteration (NULL, FALSE);

          dispatched |= g_main_context_iteration (context, FALSE);
          if (!dispatched)
            g_usleep (2000);
        }
    }
  merge_ms = elapsed_ms (start);
  print_metric ("store_erase_index_merge_ms", merge_ms, "ms", n);
  if (write_ms->len > 0)
    {
      print_metric ("store_write_during_erase_ms_p50", percentile (write_ms, 50), "ms", n);
      print_metric ("store_write_during_erase_ms_max", percentile (write_ms, 100), "ms", n);
    }
}

static int
run_store (const char *path)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(CltStore) store = NULL;
  g_autoptr(CltQuery) query = NULL;
  g_autoptr(GArray) deep_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GEnumClass) sort_keys = g_type_class_ref (CLT_TYPE_SORT_KEY);
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEEP_PAGE_SEED);
  double sort_max = 0;
  gint64 start;
  guint n;

  g_main_context_push_thread_default (context);
  start = g_get_monotonic_time ();
  store = open_store (path);
  /* A database of an older schema is migrated here: how long users wait
   * for theirs. */
  g_printerr ("opened the store in %.1f s\n", elapsed_ms (start) / 1000.0);
  query = clt_query_new ();

  /* Count and first page of the whole table, as the window opens it. */
  start = g_get_monotonic_time ();
  n = store_count (store, query, context);
  print_metric ("store_count_ms", elapsed_ms (start), "ms", n);
  if (n == 0)
    die ("%s holds no customers: run `clt-bench generate` first", path);

  start = g_get_monotonic_time ();
  store_list (store, query, 0, PAGE_SIZE, context);
  print_metric ("store_first_page_ms", elapsed_ms (start), "ms", n);

  /* Typing: every prefix is what the list model does for a keystroke. */
  bench_typing (store, context, "store", n);

  /* Sorting: the first page for every column, both directions. */
  for (guint key = 0; key < CLT_N_SORT_KEYS; key++)
    {
      GEnumValue *value = g_enum_get_value (sort_keys, key);
      g_autofree char *name = NULL;
      double column_max = 0;

      for (guint direction = CLT_SORT_ASCENDING; direction <= CLT_SORT_DESCENDING; direction++)
        {
          g_autoptr(CltQuery) sorted = clt_query_new ();
          double ms;

          clt_query_set_sort_key (sorted, key);
          clt_query_set_sort_direction (sorted, direction);
          start = g_get_monotonic_time ();
          store_list (store, sorted, 0, PAGE_SIZE, context);
          ms = elapsed_ms (start);
          column_max = MAX (column_max, ms);
        }

      name = g_strdelimit (g_strdup_printf ("store_sort_first_page_ms_%s",
                                            value != NULL ? value->value_nick : "unknown"),
                           "-", '_');
      print_metric (name, column_max, "ms", n);
      sort_max = MAX (sort_max, column_max);
    }
  print_metric ("store_sort_first_page_ms", sort_max, "ms", n);

  /* Deep pages: where a jump of the scroll bar lands. */
  for (guint i = 0; i < N_DEEP_PAGES; i++)
    {
      guint offset = n > PAGE_SIZE ? (guint) g_rand_int_range (rand, 0, (gint32) (n - PAGE_SIZE + 1)) : 0;
      double ms;

      start = g_get_monotonic_time ();
      store_list (store, query, offset, PAGE_SIZE, context);
      ms = elapsed_ms (start);
      g_array_append_val (deep_ms, ms);
    }
  print_metric ("store_deep_page_ms_p50", percentile (deep_ms, 50), "ms", n);
  print_metric ("store_deep_page_ms_p95", percentile (deep_ms, 95), "ms", n);

  bench_fields (store, context, n);
  bench_groups (store, context, n);

  bench_erase (store, context, n);

  close_store (g_steal_pointer (&store), context);
  g_main_context_pop_thread_default (context);

  return EXIT_SUCCESS;
}

/* The custom field and group figures of the store part alone: what a
 * change to their filters wants measured again. */
static int
run_fields (const char *path)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(CltStore) store = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  gint64 start;
  guint n;

  g_main_context_push_thread_default (context);
  start = g_get_monotonic_time ();
  store = open_store (path);
  g_printerr ("opened the store in %.1f s\n", elapsed_ms (start) / 1000.0);
  n = store_count (store, query, context);
  if (n == 0)
    die ("%s holds no customers: run `clt-bench generate` first", path);

  bench_fields (store, context, n);
  bench_groups (store, context, n);

  close_store (g_steal_pointer (&store), context);
  g_main_context_pop_thread_default (context);

  return EXIT_SUCCESS;
}

/* The typing part of the store alone, twice: the first pass as the
 * store benchmark meets it (cold cache), the second with the database's
 * pages in memory, where the store's own CPU work shows. */
static int
run_typing (const char *path)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(CltStore) store = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  guint n;

  g_main_context_push_thread_default (context);
  store = open_store (path);
  n = store_count (store, query, context);
  if (n == 0)
    die ("%s holds no customers: run `clt-bench generate` first", path);

  bench_typing (store, context, "store", n);
  bench_typing (store, context, "store_warm", n);

  close_store (g_steal_pointer (&store), context);
  g_main_context_pop_thread_default (context);

  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  g_autofree char *url = NULL;
  g_autofree char *field = NULL;
  const char *command;
  double process_start_ms;
  int count = 0;
  int seed = 42;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, "SQLite database", "FILE" },
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, "Customers to generate", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Sample generator seed (default 42)", "S" },
    { "url", 'u', 0, G_OPTION_ARG_STRING, &url, "clientele-server URL (rest)", "URL" },
    { "field", 'f', 0, G_OPTION_ARG_STRING, &field, "Custom field to delete (field-delete)",
      "KEY" },
    { NULL }
  };

  main_start_us = g_get_monotonic_time ();
  process_start_ms = read_process_start_ms ();
  if (process_start_ms >= 0)
    process_age_at_main_ms = read_boottime_ms () - process_start_ms;

  context = g_option_context_new ("generate|store|fields|typing|ui|ui-sample|rest"
                                  " - Clientele benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("%s", error->message);

  if (argc != 2)
    die ("usage: clt-bench generate|store|fields|typing|ui|ui-sample --database FILE"
         " [--count N] [--seed S] | rest --url URL");
  command = argv[1];
  if (g_str_equal (command, "rest"))
    {
      const char *token = g_getenv ("CLT_BENCH_TOKEN");

      if (url == NULL || token == NULL)
        die ("rest needs --url URL and the token in CLT_BENCH_TOKEN");
      return run_rest (url, token);
    }
  if (database == NULL)
    die ("--database FILE is required");

  if (g_str_equal (command, "generate"))
    {
      if (count <= 0)
        die ("generate needs --count N (N > 0)");
      return run_generate (database, (guint) count, (guint32) seed);
    }
  else if (g_str_equal (command, "store"))
    {
      return run_store (database);
    }
  else if (g_str_equal (command, "fields"))
    {
      return run_fields (database);
    }
  else if (g_str_equal (command, "field-delete") || g_str_equal (command, "field-delete-single"))
    {
      if (field == NULL)
        die ("%s needs --field KEY", command);
      bench_field_delete (database, field, g_str_equal (command, "field-delete-single"));
      return EXIT_SUCCESS;
    }
  else if (g_str_equal (command, "typing"))
    {
      return run_typing (database);
    }
  else if (g_str_equal (command, "ui-sample"))
    {
      return run_ui_sample (database);
    }
  else if (g_str_equal (command, "ui"))
    {
      if (!g_file_test (database, G_FILE_TEST_IS_REGULAR))
        die ("%s does not exist: run `clt-bench generate` first", database);
      return run_ui (database, main_start_us, process_age_at_main_ms);
    }

  die ("unknown command '%s': use generate, store, fields, typing, ui, ui-sample or rest", command);
}
