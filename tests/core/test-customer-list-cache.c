/* test-customer-list-cache.c
 *
 * The list's page cache: its bound, held pages and when rows are freed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "clt-customer-list.h"
#include "clt-customer.h"
#include "clt-query.h"

#include "fake-store.h"
#include "customer-list-test-util.h"

static void
test_cache_bound (void)
{
  g_autoptr(FakeStore) store = fake_store_new (100);
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(CltCustomerList) list = NULL;
  CltCustomer *evicted;

  list = create_list (store, query, 10, 3);
  run_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100);

  for (guint page = 0; page < 6; page++)
    {
      touch (list, page * 10 + 3);
      g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), <=, 3);
    }
  run_until_idle ();
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 3);
  /* Page 0 came with the count: five pages were asked for. */
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 5);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 0), ==, 0);

  /* Page 0 was evicted: asking for it again asks the store. */
  touch (list, 0);
  run_until_idle ();
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 0), ==, 1);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 3);

  /* Cached now, most recent first: 0, 5, 4. Touching 4 makes 5 the least
   * recently used, so page 1 evicts 5 and page 2 then evicts 0, not 4. */
  touch (list, 40);
  touch (list, 10);
  touch (list, 20);
  run_until_idle ();
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 40), ==, 1);
  touch (list, 40);
  touch (list, 50);
  touch (list, 0);
  run_until_idle ();
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 40), ==, 1);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 50), ==, 2);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 0), ==, 2);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 3);

  /* Evicting a page whose request is in flight cancels the request, its
   * rows go with it (nobody else holds them), and its late answer is
   * ignored. */
  fake_store_set_hold (store, TRUE);
  evicted = g_list_model_get_item (G_LIST_MODEL (list), 60);
  g_object_add_weak_pointer (G_OBJECT (evicted), (gpointer *) &evicted);
  g_object_unref (evicted);
  touch (list, 70);
  touch (list, 80);
  g_assert_cmpuint (fake_store_get_n_held_cancelled (store), ==, 0);
  g_assert_nonnull (evicted);
  touch (list, 90);
  /* Out of the cache at once, freed from an idle. */
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 3);
  g_assert_nonnull (evicted);
  run_until_idle ();
  g_assert_null (evicted);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 4);
  g_assert_cmpuint (fake_store_get_n_held_cancelled (store), ==, 1);
  g_assert_true (clt_customer_list_get_loading (list));

  fake_store_release (store, FAKE_REQUEST_ANY);
  run_until_idle ();
  g_assert_false (clt_customer_list_get_loading (list));
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 3);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 60), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&list));
}

/* A new generation refills only the pages whose rows someone holds (the
 * rows on screen); the others are dropped rather than queried again. */
static void
test_unheld_pages_dropped (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) shown = NULL;
  CltCustomer *scrolled_past;

  list = clt_customer_list_new (CLT_STORE (store));
  run_until_idle ();
  shown = g_list_model_get_item (G_LIST_MODEL (list), 0);
  scrolled_past = g_list_model_get_item (G_LIST_MODEL (list), 150);
  run_until_idle ();
  g_object_unref (scrolled_past);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 2);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 100), ==, 1);

  fake_store_set_n_customers (store, 240);
  run_until_idle ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 240);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 1);
  /* Page 0 from the recount itself, page 1 dropped. */
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 0), ==, 0);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 100), ==, 1);
  g_assert_true (clt_customer_get_loaded (shown));

  g_assert_finalize_object (g_steal_pointer (&list));
}

/* Held means referenced outside the list, whoever holds the reference: a
 * plain g_object_ref () on a row that no view shows keeps its page cached,
 * so the row stays the one get_item () hands out and can be refilled. The
 * pages nobody holds are evicted instead, least recently used first. */
static void
test_held_page_not_evicted (void)
{
  g_autoptr(FakeStore) store = fake_store_new (100);
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(CltCustomerList) list = NULL;
  CltCustomer *held;
  CltCustomer *again;

  list = create_list (store, query, 10, 3);
  run_until_idle ();
  held = g_list_model_get_item (G_LIST_MODEL (list), 5);
  run_until_idle ();
  g_assert_true (clt_customer_get_loaded (held));

  /* Pages 1 and 2 fill the cache; 3 and 4 evict them, not page 0. */
  for (guint page = 1; page < 5; page++)
    {
      touch (list, page * 10);
      g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), <=, 3);
    }
  run_until_idle ();
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 3);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 10), ==, 1);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 20), ==, 1);

  again = g_list_model_get_item (G_LIST_MODEL (list), 5);
  g_assert_true (again == held);
  /* Page 0 came with the count. */
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 0), ==, 0);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 10), ==, 1);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 20), ==, 1);
  g_object_unref (again);

  /* Let go, page 0 is like any other: evicted with its rows. */
  g_object_add_weak_pointer (G_OBJECT (held), (gpointer *) &held);
  g_object_unref (held);
  g_assert_nonnull (held);
  touch (list, 50);
  touch (list, 60);
  touch (list, 70);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 3);
  run_until_idle ();
  g_assert_null (held);
  touch (list, 5);
  run_until_idle ();
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 0), ==, 1);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 3);

  g_assert_finalize_object (g_steal_pointer (&list));
}

/* The header's promise after a long scroll: a row on screen whose page
 * the scroll would have pushed out of the cache still refills on a new
 * query, with the new query's customer at its position. */
static void
test_held_page_refilled_after_scroll (void)
{
  g_autoptr(FakeStore) store = fake_store_new (5000);
  g_autoptr(CltQuery) smith = create_query ("smith", CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) held = NULL;
  g_autoptr(CltCustomer) again = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  guint n_list_calls;

  list = clt_customer_list_new (CLT_STORE (store));
  run_until_idle ();
  held = g_list_model_get_item (G_LIST_MODEL (list), 3);
  run_until_idle ();
  g_assert_cmpstr (clt_customer_get_id (held), ==, "c00003");

  /* Through all 50 pages, ten more than the cache keeps. */
  for (guint page = 1; page < 50; page++)
    {
      touch (list, page * 100 + 50);
      run_until_idle ();
    }
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 40);
  n_list_calls = fake_store_get_n_list_calls (store);

  clt_customer_list_set_query (list, smith);
  run_until_idle ();

  /* Only the held page refills, from the count's own first page; the 39
   * others are dropped, and no page is asked for. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, n_list_calls);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 0), ==, 0);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 1);

  expected = fake_store_select (store, smith);
  again = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_assert_true (again == held);
  g_assert_true (clt_customer_get_loaded (held));
  g_assert_cmpstr (clt_customer_get_id (held), ==,
                   clt_customer_get_id (g_ptr_array_index (expected, 3)));
  g_assert_false (clt_customer_list_get_loading (list));

  g_assert_finalize_object (g_steal_pointer (&list));
}

/* When every cached page has a held row, a new page is cached anyway: the
 * cache grows past max-pages by the held pages, and shrinks back to it when
 * they are let go and the next page comes in. */
static void
test_all_pages_held (void)
{
  g_autoptr(FakeStore) store = fake_store_new (100);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltQuery) descending = create_query ("", CLT_SORT_KEY_LAST_NAME, CLT_SORT_DESCENDING);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) expected = NULL;

  list = create_list (store, all, 10, 3);
  run_until_idle ();

  for (guint page = 0; page < 5; page++)
    g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (list), page * 10 + 1));
  run_until_idle ();
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 5);

  /* All five are refilled. */
  clt_customer_list_set_query (list, descending);
  run_until_idle ();
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 5);
  expected = fake_store_select (store, descending);
  for (guint page = 0; page < 5; page++)
    {
      CltCustomer *item = g_ptr_array_index (held, page);

      g_assert_true (clt_customer_get_loaded (item));
      g_assert_cmpstr (clt_customer_get_id (item), ==,
                       clt_customer_get_id (g_ptr_array_index (expected, page * 10 + 1)));
    }

  /* Let go: the next page brings the cache back to its bound. */
  g_ptr_array_set_size (held, 0);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 5);
  touch (list, 50);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 3);
  run_until_idle ();

  g_assert_finalize_object (g_steal_pointer (&list));
}

/* A held row cut off by a shrinking count no longer counts for its page:
 * once the rows still in range are let go, the page is dropped. */
static void
test_cut_row_released (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) shown = NULL;
  CltCustomer *kept;
  CltCustomer *cut;

  list = clt_customer_list_new (CLT_STORE (store));
  run_until_idle ();
  shown = g_list_model_get_item (G_LIST_MODEL (list), 0);
  kept = g_list_model_get_item (G_LIST_MODEL (list), 110);
  cut = g_list_model_get_item (G_LIST_MODEL (list), 150);
  run_until_idle ();
  g_object_add_weak_pointer (G_OBJECT (cut), (gpointer *) &cut);

  fake_store_set_n_customers (store, 120);
  run_until_idle ();
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 2);
  /* Both held pages refilled from the recount. */
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 100), ==, 1);

  /* The cut row is ours alone now: the list no longer holds it. */
  g_object_unref (cut);
  g_assert_null (cut);

  g_object_unref (kept);
  fake_store_set_n_customers (store, 119);
  run_until_idle ();
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 1);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 100), ==, 1);
  /* Page 0 refilled each time from the recount's first page. */
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 0), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&list));
}

/* Rows kept after the list is gone are plain objects: the list leaves no
 * reference of its own on them. */
static void
test_rows_outlive_list (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltCustomerList) list = NULL;
  CltCustomer *item;

  list = clt_customer_list_new (CLT_STORE (store));
  run_until_idle ();
  item = g_list_model_get_item (G_LIST_MODEL (list), 42);
  run_until_idle ();
  g_assert_cmpstr (clt_customer_get_id (item), ==, "c00042");

  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_cmpstr (clt_customer_get_id (item), ==, "c00042");
  g_assert_finalize_object (item);
}

static void
test_dispose (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) item = NULL;

  /* Gone while the count is held. */
  fake_store_set_hold (store, TRUE);
  list = clt_customer_list_new (CLT_STORE (store));
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_COUNT), ==, 1);
  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_cmpuint (fake_store_get_n_held_cancelled (store), ==, 1);
  fake_store_release (store, FAKE_REQUEST_ANY);
  run_until_idle ();

  /* Gone while a page is held, with a reload scheduled. */
  fake_store_set_hold (store, FALSE);
  list = clt_customer_list_new (CLT_STORE (store));
  run_until_idle ();
  fake_store_set_hold (store, TRUE);
  /* Page 1: page 0 came with the count. */
  item = g_list_model_get_item (G_LIST_MODEL (list), 100);
  clt_store_emit_changed (CLT_STORE (store), CLT_CHANGE_CUSTOMERS, NULL);
  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_cmpuint (fake_store_get_n_held_cancelled (store), ==, 1);

  /* Neither the late answer nor a later "changed" reaches the list. */
  fake_store_release (store, FAKE_REQUEST_ANY);
  clt_store_emit_changed (CLT_STORE (store), CLT_CHANGE_CUSTOMERS, NULL);
  run_until_idle ();
  g_assert_false (clt_customer_get_loaded (item));
  g_assert_cmpuint (fake_store_get_n_count_calls (store), ==, 2);
}

/* Pages evicted by get_item () are freed later, a page per idle dispatch,
 * never while the view asks for items; what the cache no longer has is
 * never handed out again (a new object comes instead), and disposing the
 * list frees what is still waiting. */
static void
test_evicted_freed_later (void)
{
  g_autoptr(FakeStore) store = fake_store_new (100);
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(CltCustomerList) list = NULL;
  CltCustomer *first;
  CltCustomer *second;
  CltCustomer *again;

  list = create_list (store, query, 10, 2);
  run_until_idle ();

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  second = g_list_model_get_item (G_LIST_MODEL (list), 10);
  g_assert_true (clt_customer_get_loaded (first));
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  g_object_add_weak_pointer (G_OBJECT (second), (gpointer *) &second);
  g_object_unref (first);
  g_object_unref (second);
  g_assert_nonnull (first);

  /* Pages 2 and 3 evict 0 and 1: still alive, in no cache. (The store
   * holds its answers: only the list's idle runs below.) */
  fake_store_set_hold (store, TRUE);
  touch (list, 20);
  touch (list, 30);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 2);
  g_assert_nonnull (first);
  g_assert_nonnull (second);

  /* Asked for again before the idle: a new placeholder, not the evicted
   * object, and it evicts page 2 in turn. */
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (again != first);
  g_assert_false (clt_customer_get_loaded (again));
  g_object_unref (again);

  /* One page per dispatch, oldest first. */
  g_main_context_iteration (NULL, FALSE);
  g_assert_null (first);
  g_assert_nonnull (second);
  fake_store_release (store, FAKE_REQUEST_ANY);
  fake_store_set_hold (store, FALSE);
  run_until_idle ();
  g_assert_null (second);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 2);

  /* Up to eight pages wait, what one jump of the view evicts: a ninth
   * frees the oldest at once. Page 5 is the third to wait. */
  fake_store_set_hold (store, TRUE);
  first = g_list_model_get_item (G_LIST_MODEL (list), 50);
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  g_object_unref (first);
  for (guint position = 60; position != 50; position = (position + 10) % 100)
    touch (list, position);
  g_assert_nonnull (first);
  touch (list, 50);
  g_assert_null (first);

  /* Disposing frees what waits, and the idle never runs on a freed list. */
  second = g_list_model_get_item (G_LIST_MODEL (list), 20);
  g_object_add_weak_pointer (G_OBJECT (second), (gpointer *) &second);
  g_object_unref (second);
  touch (list, 30);
  touch (list, 40);
  g_assert_nonnull (second);
  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_null (second);
  fake_store_release (store, FAKE_REQUEST_ANY);
  run_until_idle ();
}

static void
on_items_changed_get_cb (GListModel   *model,
                         guint         position,
                         guint         removed,
                         guint         added,
                         CltCustomer **item)
{
  if (*item == NULL)
    *item = g_list_model_get_item (model, 5);
}

/* A row object is made when its position is first asked for, and is the
 * same object each time after while its page is cached. One made after
 * its page arrived is loaded at once, without a store request; one made
 * before is a placeholder filled in place. A new query refills the rows
 * made and makes the others from its own pages. The rows not made yet
 * count as loaded all the same (find_loaded (), is_current ()). A row
 * made while the count's answer is handed out (a view's items-changed
 * handler) is a copy, not the store's object shared with the answer. */
static void
test_rows_made_on_demand (void)
{
  g_autoptr(FakeStore) store = fake_store_new (100);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltQuery) descending = create_query ("", CLT_SORT_KEY_LAST_NAME, CLT_SORT_DESCENDING);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) first = NULL;
  g_autoptr(CltCustomer) early = NULL;
  g_autoptr(CltCustomer) late = NULL;
  g_autoptr(CltCustomer) made_after = NULL;
  g_autoptr(CltCustomer) during = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  CltCustomer *again;

  list = create_list (store, all, 10, 3);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_get_cb), &during);
  run_until_idle ();
  g_signal_handlers_disconnect_by_func (list, on_items_changed_get_cb, &during);
  /* Page 0 came with the count; one position was asked for. */
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 1);
  g_assert_cmpuint (clt_customer_list_get_n_cached_rows (list), ==, 1);
  g_assert_true (clt_customer_get_loaded (during));
  g_assert_cmpstr (clt_customer_get_id (during), ==, "c00005");
  g_assert_cmpuint (clt_customer_list_find_loaded (list, "c00007"), ==, 7);
  g_assert_true (clt_customer_list_is_current (list, 8));
  g_assert_cmpuint (clt_customer_list_get_n_cached_rows (list), ==, 1);

  first = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_assert_true (clt_customer_get_loaded (first));
  g_assert_cmpstr (clt_customer_get_id (first), ==, "c00003");
  again = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_assert_true (again == first);
  g_object_unref (again);
  g_assert_cmpuint (clt_customer_list_get_n_cached_rows (list), ==, 2);

  /* Asked for before its page arrived: a placeholder, filled in place. */
  fake_store_set_hold (store, TRUE);
  early = g_list_model_get_item (G_LIST_MODEL (list), 12);
  g_assert_false (clt_customer_get_loaded (early));
  g_assert_false (clt_customer_list_is_current (list, 15));
  g_assert_cmpuint (clt_customer_list_get_n_cached_rows (list), ==, 3);
  fake_store_release (store, FAKE_REQUEST_ANY);
  fake_store_set_hold (store, FALSE);
  run_until_idle ();
  g_assert_true (clt_customer_get_loaded (early));
  g_assert_cmpstr (clt_customer_get_id (early), ==, "c00012");

  late = g_list_model_get_item (G_LIST_MODEL (list), 15);
  g_assert_true (clt_customer_get_loaded (late));
  g_assert_cmpstr (clt_customer_get_id (late), ==, "c00015");
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 10), ==, 1);
  g_assert_cmpuint (clt_customer_list_get_n_cached_rows (list), ==, 4);

  /* Both pages are held: refilled, the rows made in place. */
  clt_customer_list_set_query (list, descending);
  run_until_idle ();
  expected = fake_store_select (store, descending);
  g_assert_cmpuint (clt_customer_list_get_n_cached_rows (list), ==, 4);
  g_assert_cmpstr (clt_customer_get_id (first), ==,
                   clt_customer_get_id (g_ptr_array_index (expected, 3)));
  g_assert_cmpstr (clt_customer_get_id (early), ==,
                   clt_customer_get_id (g_ptr_array_index (expected, 12)));
  g_assert_cmpstr (clt_customer_get_id (late), ==,
                   clt_customer_get_id (g_ptr_array_index (expected, 15)));
  /* Position 17 has no row yet: found in the page's new fill, not the old. */
  g_assert_cmpuint (clt_customer_list_find_loaded (
                      list, clt_customer_get_id (g_ptr_array_index (expected, 17))),
                    ==, 17);
  g_assert_cmpuint (clt_customer_list_find_loaded (list, "c00017"), !=, 17);

  made_after = g_list_model_get_item (G_LIST_MODEL (list), 17);
  g_assert_true (clt_customer_get_loaded (made_after));
  g_assert_cmpstr (clt_customer_get_id (made_after), ==,
                   clt_customer_get_id (g_ptr_array_index (expected, 17)));
  again = g_list_model_get_item (G_LIST_MODEL (list), 12);
  g_assert_true (again == early);
  g_object_unref (again);
  g_assert_cmpuint (clt_customer_list_get_n_cached_rows (list), ==, 5);

  g_assert_finalize_object (g_steal_pointer (&list));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/customer-list/cache-bound", test_cache_bound);
  g_test_add_func ("/clt/customer-list/evicted-freed-later", test_evicted_freed_later);
  g_test_add_func ("/clt/customer-list/unheld-pages-dropped", test_unheld_pages_dropped);
  g_test_add_func ("/clt/customer-list/held-page-not-evicted", test_held_page_not_evicted);
  g_test_add_func ("/clt/customer-list/held-page-refilled-after-scroll",
                   test_held_page_refilled_after_scroll);
  g_test_add_func ("/clt/customer-list/all-pages-held", test_all_pages_held);
  g_test_add_func ("/clt/customer-list/cut-row-released", test_cut_row_released);
  g_test_add_func ("/clt/customer-list/rows-outlive-list", test_rows_outlive_list);
  g_test_add_func ("/clt/customer-list/dispose", test_dispose);
  g_test_add_func ("/clt/customer-list/rows-made-on-demand", test_rows_made_on_demand);

  return g_test_run ();
}
