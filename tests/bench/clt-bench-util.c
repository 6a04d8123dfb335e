/* clt-bench-util.c — what the benchmark's phases share: reporting
 * figures, percentiles, waiting for store calls, and the typing run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-bench"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "clt-bench-util.h"

/* What users type: surnames with umlauts and accents typed without them,
 * first names, email fragments, a zip prefix, cities, a customer-number
 * fragment and some nonsense (including FTS5 syntax, which must stay
 * plain text). Fixed: results are comparable between runs. */
const char * const search_strings[] = {
  "muller",
  "schroder",
  "lefevre",
  "weiss",
  "garcia",
  "anna",
  "francois",
  "thomas",
  "sophie",
  "gmail.com",
  "@web",
  "outlook",
  "8033",
  "munchen",
  "zurich",
  "4kq9",
  "o'brien",
  "qxzvw",
  "zzzzzzzz",
  "\"AND* NEAR(",
};

const guint n_search_strings = G_N_ELEMENTS (search_strings);

void
die (const char *format,
     ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("clt-bench: %s\n", message);
  exit (EXIT_FAILURE);
}

void
print_metric (const char *name,
              double      value,
              const char *unit,
              guint       n)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* No samples (a phase skipped): JSON has no NaN, leave the line out. */
  if (isnan (value))
    {
      g_printerr ("%s: no samples\n", name);
      return;
    }

  /* g_ascii_formatd: the UI subcommand runs under the user's locale,
   * whose decimal separator may not be a dot. */
  g_ascii_formatd (buf, sizeof buf, "%.3f", value);
  printf ("{\"metric\": \"%s\", \"value\": %s, \"unit\": \"%s\", \"n\": %u}\n",
          name, buf, unit, n);
  fflush (stdout);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile (0 < p ≤ 100); sorts @values. */
double
percentile (GArray *values,
            double  p)
{
  guint rank;

  if (values->len == 0)
    return NAN;

  g_array_sort (values, compare_doubles);
  rank = (guint) ceil (p / 100.0 * values->len);
  rank = CLAMP (rank, 1, values->len);
  return g_array_index (values, double, rank - 1);
}

double
elapsed_ms (gint64 since_us)
{
  return (g_get_monotonic_time () - since_us) / 1000.0;
}

/* Splits each search string into the prefixes a user types, one
 * character at a time. */
GPtrArray *
typed_prefixes (const char *text)
{
  GPtrArray *prefixes = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = text; *p != '\0';)
    {
      p = g_utf8_next_char (p);
      g_ptr_array_add (prefixes, g_strndup (text, p - text));
    }

  return prefixes;
}

void
on_ready_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

GAsyncResult *
wait_for_result (Waiter *waiter)
{
  while (waiter->result == NULL)
    g_main_context_iteration (waiter->context, TRUE);

  return g_steal_pointer (&waiter->result);
}

guint
store_count (CltStore     *store,
             CltQuery     *query,
             GMainContext *context)
{
  Waiter waiter = { context, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  clt_store_count_customers_async (store, query, NULL, on_ready_cb, &waiter);
  result = wait_for_result (&waiter);
  if (!clt_store_count_customers_finish (store, result, &n, &error))
    die ("counting customers failed: %s", error->message);

  return n;
}

/* One page as the list model asks for it; @total is set with
 * CLT_LIST_FLAGS_WITH_TOTAL. */
static GPtrArray *
list_page (CltStore     *store,
           CltQuery     *query,
           guint         page_index,
           guint         page_size,
           CltListFlags  flags,
           guint        *total,
           GMainContext *context)
{
  Waiter waiter = { context, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *customers;

  clt_store_list_customers_async (store, query, page_index, page_size, flags, NULL,
                                  on_ready_cb, &waiter);
  result = wait_for_result (&waiter);
  customers = clt_store_list_customers_finish (store, result, total, &error);
  if (customers == NULL)
    die ("listing customers (page %u of %u) failed: %s", page_index, page_size, error->message);

  return customers;
}

guint
store_list (CltStore     *store,
            CltQuery     *query,
            guint         offset,
            guint         limit,
            GMainContext *context)
{
  /* The list model asks for aligned pages: so does the benchmark. */
  g_autoptr(GPtrArray) customers = list_page (store, query, offset / limit, limit,
                                              CLT_LIST_FLAGS_NONE, NULL, context);

  return customers->len;
}

guint
store_first_page (CltStore     *store,
                  CltQuery     *query,
                  GMainContext *context)
{
  guint total = 0;
  g_autoptr(GPtrArray) customers = list_page (store, query, 0, PAGE_SIZE,
                                              CLT_LIST_FLAGS_WITH_TOTAL, &total, context);

  return total;
}

typedef struct
{
  char   *text;
  double  ms;
  double  cpu_ms;
} Timed;

/* CPU time of the whole process (the store's worker threads included). */
double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_timed_desc (gconstpointer a,
                    gconstpointer b)
{
  const Timed *x = a;
  const Timed *y = b;

  return (x->ms < y->ms) - (x->ms > y->ms);
}

/* Typing: every prefix of the search strings, as the list model asks for
 * it at each keystroke (the first page with the count, one request).
 * Reports PREFIX_filter_ms_p50/_p95/_max. */
void
bench_typing (CltStore     *store,
              GMainContext *context,
              const char   *prefix,
              guint         n)
{
  g_autoptr(GArray) filter_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filter_timed = g_array_new (FALSE, FALSE, sizeof (Timed));
  g_autofree char *name_p50 = g_strdup_printf ("%s_filter_ms_p50", prefix);
  g_autofree char *name_p95 = g_strdup_printf ("%s_filter_ms_p95", prefix);
  g_autofree char *name_max = g_strdup_printf ("%s_filter_ms_max", prefix);
  gint64 start;

  for (guint i = 0; i < n_search_strings; i++)
    {
      g_autoptr(GPtrArray) prefixes = typed_prefixes (search_strings[i]);

      for (guint j = 0; j < prefixes->len; j++)
        {
          g_autoptr(CltQuery) filtered = clt_query_new ();
          Timed timed;
          guint n_matches;
          double cpu_start;

          clt_query_set_search_text (filtered, g_ptr_array_index (prefixes, j));
          cpu_start = process_cpu_ms ();
          start = g_get_monotonic_time ();
          n_matches = store_first_page (store, filtered, context);
          timed.ms = elapsed_ms (start);
          timed.cpu_ms = process_cpu_ms () - cpu_start;
          timed.text = g_strdup_printf ("'%s' (%u matches)",
                                        (char *) g_ptr_array_index (prefixes, j), n_matches);
          g_array_append_val (filter_ms, timed.ms);
          g_array_append_val (filter_timed, timed);
        }
    }
  print_metric (name_p50, percentile (filter_ms, 50), "ms", n);
  print_metric (name_p95, percentile (filter_ms, 95), "ms", n);
  print_metric (name_max, percentile (filter_ms, 100), "ms", n);

  g_array_sort (filter_timed, compare_timed_desc);
  /* With the CPU time this process spent meanwhile (the store's
   * threads; for REST, the client's alone): on a loaded machine the
   * wall clock says more about the other processes than the search. */
  g_printerr ("slowest searches (first page with the count):\n");
  for (guint i = 0; i < filter_timed->len; i++)
    {
      Timed *timed = &g_array_index (filter_timed, Timed, i);

      if (i < 12)
        g_printerr ("  %8.2f ms  (CPU %6.2f ms)  %s\n", timed->ms, timed->cpu_ms, timed->text);
      g_free (timed->text);
    }

}
