/* clt-bench-rest.c — the REST phase of the benchmark: the window's first
 * page and typing, through CltRestStore against a running clientele-server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-bench"

#include "config.h"

#include <stdlib.h>

#include "clt-backoffice-user.h"
#include "clt-bench-rest.h"
#include "clt-bench-util.h"
#include "clt-rest-store.h"

int
run_rest (const char *url,
          const char *token)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(CltRestStore) store = NULL;
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  Waiter waiter = { context, NULL };
  guint n = 0;
  gint64 start;

  g_main_context_push_thread_default (context);
  store = clt_rest_store_new (url, token);

  clt_rest_store_connect_async (store, NULL, on_ready_cb, &waiter);
  result = wait_for_result (&waiter);
  user = clt_rest_store_connect_finish (store, result, &error);
  if (user == NULL)
    die ("cannot sign in to %s: %s", url, error->message);
  g_clear_object (&result);

  /* The first page with the total, as the window asks for it on opening. */
  start = g_get_monotonic_time ();
  clt_store_list_customers_async (CLT_STORE (store), query, 0, PAGE_SIZE, CLT_LIST_FLAGS_WITH_TOTAL,
                                  NULL, on_ready_cb, &waiter);
  result = wait_for_result (&waiter);
  customers = clt_store_list_customers_finish (CLT_STORE (store), result, &n, &error);
  if (customers == NULL)
    die ("listing customers through %s failed: %s", url, error->message);
  print_metric ("rest_first_page_ms", elapsed_ms (start), "ms", n);

  bench_typing (CLT_STORE (store), context, "rest", n);

  /* The store's requests (the change feed) end in the context they
   * started in: let them, before leaving it. */
  clt_rest_store_shutdown (store);
  g_clear_object (&result);
  g_clear_object (&store);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  return EXIT_SUCCESS;
}
