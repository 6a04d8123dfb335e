/* clt-bench-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The custom fields and groups part of the store benchmark: 20 fields of
 * every type (numbers, choice lists, text, yes/no, dates), sorted and
 * filtered by in the store as a custom column of the table asks for it;
 * the table filtered by customer group (the sample's groups: VIP 3 %,
 * Newsletter 25 %, Business and Wholesale among company customers, Retail
 * none), sorted by built-in and custom columns.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "clt-custom-field.h"
#include "clt-query.h"
#include "clt-store.h"

#include "clt-bench-fields.h"

#define N_FIELDS        20
#define N_DEEP_PAGES    200
#define DEEP_PAGE_SEED  20261202

static const char * const tiers[] = { "Bronze", "Silver", "Gold", "Platinum", "Diamond", NULL };

/* Field i (from 1) has type i % 5 in this order. */
static const CltCustomFieldType types[] = {
  CLT_CUSTOM_FIELD_NUMBER,
  CLT_CUSTOM_FIELD_CHOICE,
  CLT_CUSTOM_FIELD_STRING,
  CLT_CUSTOM_FIELD_BOOLEAN,
  CLT_CUSTOM_FIELD_DATE,
};

static CltCustomFieldType
field_type (guint i)
{
  return types[(i - 1) % G_N_ELEMENTS (types)];
}

/* The value (and sort key) of field @i for the customer with rowid "pk":
 * SQL over pk, spread by a multiplier of its own. Text and choices fold
 * to lower case (their words are ASCII). */
static char *
value_sql (guint    i,
           gboolean sort_key)
{
  guint m = 7919 + 104 * i;

  switch (field_type (i))
    {
    case CLT_CUSTOM_FIELD_NUMBER:
      return g_strdup_printf ("((pk * %u) %% 100000) / 10.0", m);
    case CLT_CUSTOM_FIELD_CHOICE:
      return g_strdup_printf ("%s(CASE (pk * %u) %% 5 WHEN 0 THEN 'Bronze' WHEN 1 THEN 'Silver'"
                              " WHEN 2 THEN 'Gold' WHEN 3 THEN 'Platinum' ELSE 'Diamond' END)",
                              sort_key ? "lower" : "", m);
    case CLT_CUSTOM_FIELD_STRING:
      return g_strdup_printf ("%s(printf ('Member %%06d', (pk * %u) %% 500000))",
                              sort_key ? "lower" : "", m);
    case CLT_CUSTOM_FIELD_BOOLEAN:
      return g_strdup_printf ("((pk * %u) %% 2)", m);
    case CLT_CUSTOM_FIELD_DATE:
    default:
      return g_strdup_printf ("date ('1990-01-01', '+' || ((pk * %u) %% 12000) || ' days')", m);
    }
}

static void
sql_or_die (sqlite3    *db,
            const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    die ("%s: %s", sql, message);
}

void
bench_fields_generate (CltStore     *store,
                       const char   *path,
                       GMainContext *context)
{
  sqlite3 *db = NULL;
  gint64 start;

  for (guint i = 1; i <= N_FIELDS; i++)
    {
      g_autoptr(CltCustomField) field = clt_custom_field_new ();
      g_autoptr(CltCustomField) stored = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *key = g_strdup_printf ("f%02u", i);
      g_autofree char *label = g_strdup_printf ("Field %u", i);
      Waiter waiter = { context, NULL };

      clt_custom_field_set_key (field, key);
      clt_custom_field_set_label (field, label);
      clt_custom_field_set_field_type (field, field_type (i));
      if (field_type (i) == CLT_CUSTOM_FIELD_CHOICE)
        clt_custom_field_set_choices (field, tiers);
      clt_store_save_custom_field_async (store, field, NULL, NULL, on_ready_cb, &waiter);
      result = wait_for_result (&waiter);
      stored = clt_store_save_custom_field_finish (store, result, &error);
      if (stored == NULL)
        die ("defining custom field %s failed: %s", key, error->message);
    }

  /* The store sets values customer by customer; a bulk load of a million
   * times twenty goes straight to the table (same sort keys as the store
   * writes). */
  start = g_get_monotonic_time ();
  if (sqlite3_open (path, &db) != SQLITE_OK)
    die ("cannot open %s: %s", path, sqlite3_errmsg (db));
  sqlite3_busy_timeout (db, 60000);
  sql_or_die (db, "BEGIN IMMEDIATE");
  for (guint i = 1; i <= N_FIELDS; i++)
    {
      g_autofree char *value = value_sql (i, FALSE);
      g_autofree char *sort_key = value_sql (i, TRUE);
      g_autofree char *sql = NULL;

      /* Dates are left empty for a third of the customers. */
      sql = g_strdup_printf ("INSERT INTO customer_field_values (customer_pk, field_key, value, sort_key)"
                             " SELECT pk, 'f%02u', %s, %s FROM customers WHERE anonymized_at IS NULL%s",
                             i, value, sort_key,
                             field_type (i) == CLT_CUSTOM_FIELD_DATE ? " AND pk % 3 <> 0" : "");
      sql_or_die (db, sql);
    }
  sql_or_die (db, "COMMIT");
  sql_or_die (db, "ANALYZE customer_field_values");
  sqlite3_close (db);
  g_printerr ("custom field values written in %.1f s\n", elapsed_ms (start) / 1000.0);
}

/* CLT_BENCH_FILTER=TEXT: only the filter queries whose printed label
 * contains TEXT, and nothing else of the fields and groups parts (for
 * callgrind on one query). */
static gboolean
filter_wanted (const char *label)
{
  const char *only = g_getenv ("CLT_BENCH_FILTER");

  return only == NULL || strstr (label, only) != NULL;
}

static gboolean
filter_only (void)
{
  return g_getenv ("CLT_BENCH_FILTER") != NULL;
}

static double
timed_list (CltStore     *store,
            CltQuery     *query,
            guint         offset,
            gboolean      with_count,
            GMainContext *context)
{
  gint64 start = g_get_monotonic_time ();

  /* A new filter: the first page with the count, one request, as the
   * table asks for it (and as store_filter_ms times the built-in
   * columns). */
  if (with_count)
    {
      g_assert (offset == 0);
      store_first_page (store, query, context);
    }
  else
    store_list (store, query, offset, PAGE_SIZE, context);

  return elapsed_ms (start);
}

/* @n_pages pages at random offsets of @query's @total rows, after its
 * first page (as the window asks for it first), into @ms. */
static void
time_deep_pages (CltStore     *store,
                 CltQuery     *query,
                 guint         total,
                 guint         n_pages,
                 GRand        *rand,
                 GArray       *ms,
                 GMainContext *context)
{
  store_list (store, query, 0, PAGE_SIZE, context);
  for (guint i = 0; i < n_pages; i++)
    {
      guint offset = total > PAGE_SIZE
                     ? (guint) g_rand_int_range (rand, 0, (gint32) (total - PAGE_SIZE + 1)) : 0;
      double page_ms = timed_list (store, query, offset, FALSE, context);

      g_array_append_val (ms, page_ms);
    }
}

void
bench_fields (CltStore     *store,
              GMainContext *context,
              guint         n)
{
  static const char * const type_names[] = { "number", "choice", "text", "yes_no", "date" };
  static const struct
  {
    const char    *key;
    CltFieldMatch  match;
    const char    *value;
  } filters[] = {
    { "f02", CLT_FIELD_MATCH_EQUALS, "Gold" },
    { "f02", CLT_FIELD_MATCH_EQUALS, "diamond" },
    { "f07", CLT_FIELD_MATCH_EQUALS, "Bronze" },
    { "f04", CLT_FIELD_MATCH_EQUALS, "true" },
    { "f09", CLT_FIELD_MATCH_EQUALS, "false" },
    { "f01", CLT_FIELD_MATCH_AT_LEAST, "9990" },
    { "f01", CLT_FIELD_MATCH_AT_MOST, "5" },
    { "f06", CLT_FIELD_MATCH_AT_LEAST, "5000" },
    { "f03", CLT_FIELD_MATCH_PREFIX, "Member 0" },
    { "f03", CLT_FIELD_MATCH_PREFIX, "member 12" },
    { "f03", CLT_FIELD_MATCH_PREFIX, "Member 1234" },
    { "f05", CLT_FIELD_MATCH_AT_LEAST, "2020-01-01" },
    { "f10", CLT_FIELD_MATCH_PREFIX, "1999-12" },
    { "f10", CLT_FIELD_MATCH_EQUALS, "2001-05-17" },
  };
  g_autoptr(GArray) filter_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) deep_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sparse_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEEP_PAGE_SEED);
  double sort_max = 0;

  /* Sorting: the first page by one field of each type, both directions. */
  for (guint t = 0; t < (filter_only () ? 0 : G_N_ELEMENTS (types)); t++)
    {
      g_autofree char *key = g_strdup_printf ("f%02u", t + 1);
      g_autofree char *name = g_strdup_printf ("store_field_sort_first_page_ms_%s", type_names[t]);
      double column_max = 0;

      for (guint direction = CLT_SORT_ASCENDING; direction <= CLT_SORT_DESCENDING; direction++)
        {
          g_autoptr(CltQuery) sorted = clt_query_new ();

          clt_query_set_sort_field (sorted, key);
          clt_query_set_sort_direction (sorted, direction);
          column_max = MAX (column_max, timed_list (store, sorted, 0, FALSE, context));
        }
      print_metric (name, column_max, "ms", n);
      sort_max = MAX (sort_max, column_max);
    }
  print_metric ("store_field_sort_first_page_ms", sort_max, "ms", n);

  /* Filtering: the count and first page, as the list model asks for a
   * new filter, sorted by customer number and by a custom field. */
  for (guint sort = 0; sort < 2; sort++)
    for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
      {
        g_autoptr(CltQuery) query = clt_query_new ();
        g_autofree char *label = g_strdup_printf ("filter %s %d '%s'%s", filters[i].key,
                                                  filters[i].match, filters[i].value,
                                                  sort == 1 ? " sorted by f01" : "");
        double cpu;
        double ms;

        if (!filter_wanted (label))
          continue;
        clt_query_add_field_filter (query, filters[i].key, filters[i].match, filters[i].value);
        if (sort == 1)
          clt_query_set_sort_field (query, "f01");
        cpu = process_cpu_ms ();
        ms = timed_list (store, query, 0, TRUE, context);
        g_printerr ("  %s: %.1f ms (cpu %.1f ms)\n", label, ms, process_cpu_ms () - cpu);
        g_array_append_val (filter_ms, ms);
      }
  print_metric ("store_field_filter_ms_p50", percentile (filter_ms, 50), "ms", n);
  print_metric ("store_field_filter_ms_p95", percentile (filter_ms, 95), "ms", n);
  print_metric ("store_field_filter_ms_max", percentile (filter_ms, 100), "ms", n);

  /* Deep pages: where a jump of the scroll bar lands, sorted by a number
   * every customer has, then by a date a third of them lack (the page
   * may fall among the customers without one). The first page of each
   * order is asked first, as the window does. */
  for (guint which = 0; which < (filter_only () ? 0 : 2); which++)
    {
      g_autoptr(CltQuery) query = clt_query_new ();

      clt_query_set_sort_field (query, which == 0 ? "f01" : "f05");
      time_deep_pages (store, query, n, N_DEEP_PAGES, rand, which == 0 ? deep_ms : sparse_ms,
                       context);
    }
  print_metric ("store_field_deep_page_ms_p50", percentile (deep_ms, 50), "ms", n);
  print_metric ("store_field_deep_page_ms_p95", percentile (deep_ms, 95), "ms", n);
  print_metric ("store_field_deep_page_sparse_ms_p50", percentile (sparse_ms, 50), "ms", n);
  print_metric ("store_field_deep_page_sparse_ms_p95", percentile (sparse_ms, 95), "ms", n);
}

void
bench_groups (CltStore     *store,
              GMainContext *context,
              guint         n)
{
  static const char * const groups[] = { "vip", "newsletter", "b2b", "wholesale", "retail" };
  static const struct
  {
    CltSortKey        key;
    CltSortDirection  direction;
    const char       *field;
  } sorts[] = {
    { CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING, NULL },
    { CLT_SORT_KEY_LAST_NAME, CLT_SORT_ASCENDING, NULL },
    { CLT_SORT_KEY_REGISTERED, CLT_SORT_DESCENDING, NULL },
    { CLT_SORT_KEY_CITY, CLT_SORT_DESCENDING, NULL },
    { CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING, "f01" },
    { CLT_SORT_KEY_NUMBER, CLT_SORT_DESCENDING, "f03" },
  };
  static const struct
  {
    const char    *group;
    const char    *key;
    CltFieldMatch  match;
    const char    *value;
  } with_fields[] = {
    { "vip", "f02", CLT_FIELD_MATCH_EQUALS, "Gold" },
    { "vip", "f01", CLT_FIELD_MATCH_AT_LEAST, "9990" },
    { "newsletter", "f04", CLT_FIELD_MATCH_EQUALS, "true" },
    { "newsletter", "f03", CLT_FIELD_MATCH_PREFIX, "member 12" },
    { "b2b", "f05", CLT_FIELD_MATCH_AT_LEAST, "2020-01-01" },
    { "wholesale", "f01", CLT_FIELD_MATCH_AT_MOST, "5" },
  };
  g_autoptr(GArray) filter_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) field_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) deep_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEEP_PAGE_SEED);
  double sort_max = 0;

  /* A group chosen in the filter: the count and first page, in each of
   * the orders the table may be in. */
  for (guint g = 0; g < (filter_only () ? 0 : G_N_ELEMENTS (groups)); g++)
    for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
      {
        g_autoptr(CltQuery) query = clt_query_new ();
        double cpu;
        double ms;

        clt_query_set_group (query, groups[g]);
        clt_query_set_sort_key (query, sorts[i].key);
        clt_query_set_sort_direction (query, sorts[i].direction);
        if (sorts[i].field != NULL)
          clt_query_set_sort_field (query, sorts[i].field);
        cpu = process_cpu_ms ();
        ms = timed_list (store, query, 0, TRUE, context);
        g_printerr ("  group %s sorted by %s%d %s: %.1f ms (cpu %.1f ms)\n", groups[g],
                    sorts[i].field != NULL ? sorts[i].field : "key ", sorts[i].key,
                    sorts[i].direction == CLT_SORT_ASCENDING ? "asc" : "desc", ms,
                    process_cpu_ms () - cpu);
        g_array_append_val (filter_ms, ms);

        /* A header click while the group filters: the count stays. */
        clt_query_set_sort_direction (query, sorts[i].direction == CLT_SORT_ASCENDING
                                             ? CLT_SORT_DESCENDING : CLT_SORT_ASCENDING);
        sort_max = MAX (sort_max, timed_list (store, query, 0, FALSE, context));
      }
  print_metric ("store_group_filter_ms_p50", percentile (filter_ms, 50), "ms", n);
  print_metric ("store_group_filter_ms_p95", percentile (filter_ms, 95), "ms", n);
  print_metric ("store_group_filter_ms_max", percentile (filter_ms, 100), "ms", n);
  print_metric ("store_group_sort_first_page_ms", sort_max, "ms", n);

  /* A group and a custom field condition together. */
  for (guint i = 0; i < G_N_ELEMENTS (with_fields); i++)
    {
      g_autoptr(CltQuery) query = clt_query_new ();
      g_autofree char *label = g_strdup_printf ("group %s and %s %d '%s'", with_fields[i].group,
                                                with_fields[i].key, with_fields[i].match,
                                                with_fields[i].value);
      double cpu;
      double ms;

      if (!filter_wanted (label))
        continue;
      clt_query_set_group (query, with_fields[i].group);
      clt_query_add_field_filter (query, with_fields[i].key, with_fields[i].match,
                                  with_fields[i].value);
      cpu = process_cpu_ms ();
      ms = timed_list (store, query, 0, TRUE, context);
      g_printerr ("  %s: %.1f ms (cpu %.1f ms)\n", label, ms, process_cpu_ms () - cpu);
      g_array_append_val (field_ms, ms);
    }
  print_metric ("store_group_field_filter_ms_p95", percentile (field_ms, 95), "ms", n);
  print_metric ("store_group_field_filter_ms_max", percentile (field_ms, 100), "ms", n);

  /* Deep pages of the largest group, by customer number and by a custom
   * field. */
  for (guint which = 0; which < (filter_only () ? 0 : 2); which++)
    {
      g_autoptr(CltQuery) query = clt_query_new ();
      guint total;

      clt_query_set_group (query, "newsletter");
      if (which == 1)
        clt_query_set_sort_field (query, "f01");
      total = store_count (store, query, context);
      time_deep_pages (store, query, total, N_DEEP_PAGES / 2, rand, deep_ms, context);
    }
  print_metric ("store_group_deep_page_ms_p50", percentile (deep_ms, 50), "ms", n);
  print_metric ("store_group_deep_page_ms_p95", percentile (deep_ms, 95), "ms", n);
}
