/* test-table-growth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customers table under Xvfb over a list whose store answers only
 * when the test lets it (FakeStore): after a search is cleared the view
 * gets the rows a few dozen a frame, and it waits while the list waits
 * for the store, so a step's layout never holds up the next search's
 * answer.
 */

#include "config.h"

#include <adwaita.h>

#include "clt-customer-list.h"
#include "clt-customer-table.h"
#include "clt-query.h"
#include "fake-store.h"

#include "ui-test-util.h"

#define N_CUSTOMERS 2000

static guint
view_n_items (CltCustomerTable *table)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (clt_customer_table_get_column_view (table)));

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

typedef struct
{
  CltCustomerTable *table;
  CltCustomerList  *list;
  guint             n;
} Sizes;

static gboolean
list_has (gpointer data)
{
  Sizes *sizes = data;

  return g_list_model_get_n_items (G_LIST_MODEL (sizes->list)) == sizes->n;
}

static gboolean
view_has_all (gpointer data)
{
  Sizes *sizes = data;

  return view_n_items (sizes->table) == g_list_model_get_n_items (G_LIST_MODEL (sizes->list)) &&
         !clt_customer_list_get_loading (sizes->list);
}

static void
set_search (CltCustomerList *list,
            const char      *text)
{
  g_autoptr(CltQuery) query = clt_query_new ();

  clt_query_set_search_text (query, text);
  clt_customer_list_set_query (list, query);
}

static void
test_growth_waits_for_store (void)
{
  g_autoptr(FakeStore) store = fake_store_new (N_CUSTOMERS);
  g_autoptr(CltCustomerList) list = clt_customer_list_new (CLT_STORE (store));
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CltCustomerTable *table = CLT_CUSTOMER_TABLE (clt_customer_table_new ());
  Sizes sizes = { table, list, N_CUSTOMERS };
  guint grown;

  clt_customer_table_set_list (table, list);
  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_set_child (window, GTK_WIDGET (table));
  gtk_window_present (window);
  wait_until (view_has_all, &sizes, "all customers in the view");

  /* A search of one customer, then cleared: the view grows again. */
  set_search (list, "Meyer 00005");
  sizes.n = 1;
  wait_until (list_has, &sizes, "the search's one customer");
  wait_until (view_has_all, &sizes, "the search in the view");

  fake_store_set_hold (store, TRUE);
  set_search (list, "");
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_COUNT), ==, 1);
  sizes.n = N_CUSTOMERS;
  wait_until (list_has, &sizes, "the cleared search's count");
  grown = view_n_items (table);
  g_assert_cmpuint (grown, <, N_CUSTOMERS);

  /* The next search waits for the store: the view does not grow. */
  set_search (list, "Meyer");
  g_assert_true (clt_customer_list_get_loading (list));
  run_for (300);
  g_assert_cmpuint (view_n_items (table), ==, grown);

  /* Answered, it grows to the whole list. */
  fake_store_set_hold (store, FALSE);
  while (fake_store_release (store, FAKE_REQUEST_ANY) > 0)
    run_for (20);
  wait_until (view_has_all, &sizes, "the second search in the view");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_CUSTOMERS / 5);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/clt/table-growth/waits-for-store", test_growth_waits_for_store);

  return g_test_run ();
}
