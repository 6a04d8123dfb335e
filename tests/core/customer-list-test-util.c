/* customer-list-test-util.c
 *
 * What the customer-list tests share: building a list over a FakeStore
 * and running its idles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "customer-list-test-util.h"

#include "clt-customer.h"

/* Everything the fake store and the list schedule runs from idle
 * callbacks on this context: run them until nothing is left. */
void
run_until_idle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

CltCustomerList *
create_list (FakeStore *store,
             CltQuery  *query,
             guint      page_size,
             guint      max_pages)
{
  return g_object_new (CLT_TYPE_CUSTOMER_LIST,
                       "store", store,
                       "query", query,
                       "page-size", page_size,
                       "max-pages", max_pages,
                       NULL);
}

CltQuery *
create_query (const char       *search_text,
              CltSortKey        sort_key,
              CltSortDirection  direction)
{
  CltQuery *query = clt_query_new ();

  clt_query_set_search_text (query, search_text);
  clt_query_set_sort_key (query, sort_key);
  clt_query_set_sort_direction (query, direction);

  return query;
}

void
touch (CltCustomerList *list,
       guint            position)
{
  g_autoptr(CltCustomer) item = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (item);
}
