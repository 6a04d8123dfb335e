/* clt-bench-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-query.h"
#include "clt-store.h"

G_BEGIN_DECLS

#define PAGE_SIZE 100

/* What users type (fixed, so that runs compare). */
extern const char * const search_strings[];
extern const guint        n_search_strings;

void          die             (const char    *format,
                               ...) G_GNUC_NORETURN G_GNUC_PRINTF (1, 2);
/* One figure as a JSON line on stdout:
 * {"metric": NAME, "value": V, "unit": UNIT, "n": N}. */
void          print_metric    (const char    *name,
                               double         value,
                               const char    *unit,
                               guint          n);
/* Nearest-rank percentile (0 < p ≤ 100); sorts @values. NAN when empty. */
double        percentile      (GArray        *values,
                               double         p);
double        elapsed_ms      (gint64         since_us);
/* CPU time of the whole process (the store's worker threads included): a
 * figure that holds up when the machine is loaded. */
double        process_cpu_ms  (void);
/* Each prefix of @text a user types, one character at a time. */
GPtrArray    *typed_prefixes  (const char    *text);

/* A store call waited for on a private main context. */
typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} Waiter;

void          on_ready_cb     (GObject       *source,
                               GAsyncResult  *result,
                               gpointer       user_data);
GAsyncResult *wait_for_result (Waiter        *waiter);
guint         store_count     (CltStore      *store,
                               CltQuery      *query,
                               GMainContext  *context);
guint         store_list      (CltStore      *store,
                               CltQuery      *query,
                               guint          offset,
                               guint          limit,
                               GMainContext  *context);
/* The first page with the total of all matches (CLT_LIST_FLAGS_WITH_TOTAL),
 * as CltCustomerList counts: returns the total. */
guint         store_first_page (CltStore     *store,
                                CltQuery     *query,
                                GMainContext *context);
/* Typing every prefix of search_strings, the first page with the count
 * each time (one request, as the list model asks): reports
 * PREFIX_filter_ms_p50, _p95 and _max. */
void          bench_typing    (CltStore      *store,
                               GMainContext  *context,
                               const char    *prefix,
                               guint          n);

G_END_DECLS
