/* test-customer-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "clt-customer-list.h"
#include "clt-customer.h"
#include "clt-query.h"

#include "fake-store.h"

/* What a GTK view would see: every items-changed with the count at that
 * moment, notifications and errors. */
typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_items_then;
} Change;

typedef struct
{
  GArray *changes;
  guint   n_items_notifies;
  guint   loading_notifies;
  guint   n_errors;
  GError *last_error;
} Recorder;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Recorder   *recorder)
{
  Change change = { position, removed, added, g_list_model_get_n_items (model) };

  g_array_append_val (recorder->changes, change);
}

static void
on_n_items_notify_cb (GObject    *object,
                      GParamSpec *pspec,
                      Recorder   *recorder)
{
  recorder->n_items_notifies++;
}

static void
on_loading_notify_cb (GObject    *object,
                      GParamSpec *pspec,
                      Recorder   *recorder)
{
  recorder->loading_notifies++;
}

static void
on_error_cb (CltCustomerList *list,
             const GError    *error,
             Recorder        *recorder)
{
  recorder->n_errors++;
  g_clear_error (&recorder->last_error);
  recorder->last_error = g_error_copy (error);
}

static void
recorder_init (Recorder        *recorder,
               CltCustomerList *list)
{
  recorder->changes = g_array_new (FALSE, TRUE, sizeof (Change));
  recorder->n_items_notifies = 0;
  recorder->loading_notifies = 0;
  recorder->n_errors = 0;
  recorder->last_error = NULL;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), recorder);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (on_n_items_notify_cb), recorder);
  g_signal_connect (list, "notify::loading", G_CALLBACK (on_loading_notify_cb), recorder);
  g_signal_connect (list, "error", G_CALLBACK (on_error_cb), recorder);
}

static void
recorder_reset (Recorder *recorder)
{
  g_array_set_size (recorder->changes, 0);
  recorder->n_items_notifies = 0;
  recorder->loading_notifies = 0;
  recorder->n_errors = 0;
  g_clear_error (&recorder->last_error);
}

static void
recorder_clear (Recorder *recorder)
{
  g_clear_pointer (&recorder->changes, g_array_unref);
  g_clear_error (&recorder->last_error);
}

static void
assert_change (Recorder *recorder,
               guint     index,
               guint     position,
               guint     removed,
               guint     added)
{
  const Change *change;

  g_assert_cmpuint (index, <, recorder->changes->len);
  change = &g_array_index (recorder->changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

/* Everything the fake store and the list schedule runs from idle
 * callbacks on this context: run them until nothing is left. */
static void
run_until_idle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static CltCustomerList *
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

static CltQuery *
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

static guint
count_selected (FakeStore *store,
                CltQuery  *query)
{
  g_autoptr(GPtrArray) selected = fake_store_select (store, query);

  return selected->len;
}

static void
on_loaded_notify_cb (GObject    *object,
                     GParamSpec *pspec,
                     guint      *counter)
{
  (*counter)++;
}

/* Fails unless the new last name starts with @prefix. */
static void
on_last_name_notify_cb (CltCustomer *customer,
                        GParamSpec  *pspec,
                        const char  *prefix)
{
  g_assert_true (g_str_has_prefix (clt_customer_get_last_name (customer), prefix));
}

/* Fails unless the first row is loaded when the view hears of a change. */
static void
on_first_rows_loaded_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         gpointer    user_data)
{
  g_autoptr(CltCustomer) first = g_list_model_get_item (model, 0);

  g_assert_true (first == NULL || clt_customer_get_loaded (first));
}

static void
test_initial_count (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltCustomerList) list = NULL;
  Recorder recorder;

  list = clt_customer_list_new (CLT_STORE (store));
  recorder_init (&recorder, list);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == CLT_TYPE_CUSTOMER);
  g_assert_true (clt_customer_list_get_store (list) == CLT_STORE (store));
  g_assert_cmpuint (clt_customer_list_get_page_size (list), ==, 100);

  /* Nothing is known before the count answers. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));
  g_assert_true (clt_customer_list_get_loading (list));

  run_until_idle ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  g_assert_cmpuint (recorder.changes->len, ==, 1);
  assert_change (&recorder, 0, 0, 0, 250);
  g_assert_cmpuint (recorder.n_items_notifies, ==, 1);
  g_assert_false (clt_customer_list_get_loading (list));
  g_assert_cmpuint (recorder.loading_notifies, ==, 1);
  g_assert_cmpuint (fake_store_get_n_count_calls (store), ==, 1);
  /* The count came with the first page (CLT_LIST_FLAGS_WITH_TOTAL): its
   * rows are loaded without another request. */
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 0);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 1);
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(CltCustomer) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *id = g_strdup_printf ("c%05u", i);

      g_assert_true (clt_customer_get_loaded (item));
      g_assert_cmpstr (clt_customer_get_id (item), ==, id);
    }
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 0);
  g_assert_false (clt_customer_list_get_loading (list));

  recorder_clear (&recorder);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_placeholders (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltQuery) query = create_query ("", CLT_SORT_KEY_LAST_NAME, CLT_SORT_DESCENDING);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltCustomer) last = NULL;
  Recorder recorder;
  guint loaded_notifies = 0;
  const char *want_id;

  list = create_list (store, query, 100, 40);
  recorder_init (&recorder, list);
  run_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  recorder_reset (&recorder);

  fake_store_set_hold (store, TRUE);

  /* GTK asks for a screenful of one page in one frame. */
  for (guint i = 100; i < 150; i++)
    {
      CltCustomer *item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (CLT_IS_CUSTOMER (item));
      g_assert_false (clt_customer_get_loaded (item));
      g_ptr_array_add (items, item);
    }
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 1);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 100), ==, 1);
  /* Page 0 came with the count. */
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 2);
  g_assert_true (clt_customer_list_get_loading (list));
  g_assert_cmpuint (clt_customer_list_find_loaded (list, "c00100"), ==, G_MAXUINT);

  /* Asking again hands out the same placeholder. */
  {
    g_autoptr(CltCustomer) again = g_list_model_get_item (G_LIST_MODEL (list), 120);
    g_assert_true (again == g_ptr_array_index (items, 20));
  }

  for (guint i = 0; i < items->len; i++)
    g_signal_connect (g_ptr_array_index (items, i), "notify::loaded",
                      G_CALLBACK (on_loaded_notify_cb), &loaded_notifies);

  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_ANY), ==, 1);
  fake_store_set_hold (store, FALSE);
  run_until_idle ();

  /* The same objects are filled in place, in the store's order. */
  expected = fake_store_select (store, query);
  for (guint i = 0; i < items->len; i++)
    {
      CltCustomer *item = g_ptr_array_index (items, i);
      CltCustomer *want = g_ptr_array_index (expected, 100 + i);
      g_autoptr(CltCustomer) now = g_list_model_get_item (G_LIST_MODEL (list), 100 + i);

      g_assert_true (now == item);
      g_assert_true (clt_customer_get_loaded (item));
      g_assert_cmpstr (clt_customer_get_id (item), ==, clt_customer_get_id (want));
      g_assert_cmpstr (clt_customer_get_last_name (item), ==, clt_customer_get_last_name (want));
      g_assert_cmpstr (clt_customer_get_email (item), ==, clt_customer_get_email (want));
    }
  g_assert_cmpuint (loaded_notifies, ==, items->len);
  g_assert_cmpuint (recorder.changes->len, ==, 0);
  g_assert_false (clt_customer_list_get_loading (list));
  /* On when the page was asked for, off when it arrived. */
  g_assert_cmpuint (recorder.loading_notifies, ==, 2);
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 1);

  want_id = clt_customer_get_id (g_ptr_array_index (expected, 117));
  g_assert_cmpuint (clt_customer_list_find_loaded (list, want_id), ==, 117);
  g_assert_cmpuint (clt_customer_list_find_loaded (list, "no-such-id"), ==, G_MAXUINT);

  /* The last page is short; past the end there is nothing. */
  last = g_list_model_get_item (G_LIST_MODEL (list), 249);
  g_assert_nonnull (last);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 250));
  run_until_idle ();
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 200), ==, 1);
  g_assert_true (clt_customer_get_loaded (last));
  g_assert_cmpstr (clt_customer_get_id (last), ==,
                   clt_customer_get_id (g_ptr_array_index (expected, 249)));
  g_assert_cmpuint (recorder.changes->len, ==, 0);

  recorder_clear (&recorder);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
touch (CltCustomerList *list,
       guint            position)
{
  g_autoptr(CltCustomer) item = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (item);
}

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

static void
test_query_change (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltQuery) smith = create_query ("smith", CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING);
  g_autoptr(CltQuery) with_e = create_query ("e", CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING);
  g_autoptr(CltQuery) dubois = create_query ("Dubois", CLT_SORT_KEY_LAST_NAME, CLT_SORT_DESCENDING);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltQuery) copy = NULL;
  g_autoptr(CltQuery) current = NULL;
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) stale = NULL;
  g_autoptr(CltCustomer) first = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  guint n_smith = count_selected (store, smith);
  guint n_dubois = count_selected (store, dubois);
  guint stale_notifies = 0;
  Recorder recorder;

  g_assert_cmpuint (n_smith, ==, 50);
  g_assert_cmpuint (count_selected (store, with_e), !=, n_dubois);

  /* Pages of 10: the count brings page 0, page 1 is asked for apart. */
  list = create_list (store, all, 10, 40);
  recorder_init (&recorder, list);
  run_until_idle ();
  recorder_reset (&recorder);

  fake_store_set_hold (store, TRUE);
  clt_customer_list_set_query (list, smith);

  /* The old rows stay while the new count is under way. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  g_assert_cmpuint (recorder.changes->len, ==, 0);
  g_assert_true (clt_customer_list_get_loading (list));
  current = clt_customer_list_dup_query (list);
  g_assert_true (clt_query_equal (current, smith));
  g_clear_object (&current);

  /* The list keeps a copy: changing ours changes nothing. */
  clt_query_set_search_text (smith, "changed");
  current = clt_customer_list_dup_query (list);
  g_assert_cmpstr (clt_query_get_search_text (current), ==, "smith");
  g_clear_object (&current);
  clt_query_set_search_text (smith, "smith");

  /* The same query again is not counted again. */
  copy = clt_query_copy (smith);
  clt_customer_list_set_query (list, copy);
  g_assert_cmpuint (fake_store_get_n_count_calls (store), ==, 2);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_COUNT), ==, 1);

  fake_store_release (store, FAKE_REQUEST_ANY);
  run_until_idle ();

  /* Only the rows past the new end go, in one signal. */
  g_assert_cmpuint (recorder.changes->len, ==, 1);
  assert_change (&recorder, 0, n_smith, 250 - n_smith, 0);
  g_assert_cmpuint (g_array_index (recorder.changes, Change, 0).n_items_then, ==, n_smith);
  g_assert_cmpuint (recorder.n_items_notifies, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_smith);
  g_assert_false (clt_customer_list_get_loading (list));

  /* Same rows, same order after the swap: still nothing to do. */
  recorder_reset (&recorder);
  clt_customer_list_set_query (list, copy);
  g_assert_cmpuint (fake_store_get_n_count_calls (store), ==, 2);
  g_assert_false (clt_customer_list_get_loading (list));

  /* A page request of the smith generation is in flight while the query
   * changes twice; then everything is released, oldest first. */
  stale = g_list_model_get_item (G_LIST_MODEL (list), 10);
  g_assert_false (clt_customer_get_loaded (stale));
  g_signal_connect (stale, "notify", G_CALLBACK (on_loaded_notify_cb), &stale_notifies);

  clt_customer_list_set_query (list, with_e);
  clt_customer_list_set_query (list, dubois);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_COUNT), ==, 2);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 1);

  /* The counts first: the "e" count is stale and must not be used. The
   * dubois count equals the smith one: nothing to signal. It asked for
   * the held page 1 too, so that page keeps its objects, its smith request
   * is cancelled and it fills from the count. */
  g_assert_cmpuint (n_dubois, ==, n_smith);
  fake_store_release (store, FAKE_REQUEST_COUNT);
  run_until_idle ();
  expected = fake_store_select (store, dubois);
  g_assert_cmpuint (recorder.changes->len, ==, 0);
  g_assert_cmpuint (recorder.n_items_notifies, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_dubois);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 2);
  /* Still held: the smith page request, cancelled. */
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 1);
  g_assert_cmpuint (fake_store_get_n_held_cancelled (store), ==, 1);
  g_assert_false (clt_customer_list_get_loading (list));
  first = g_list_model_get_item (G_LIST_MODEL (list), 10);
  g_assert_true (first == stale);
  g_assert_true (clt_customer_get_loaded (first));
  g_assert_cmpuint (stale_notifies, >, 0);
  g_assert_cmpstr (clt_customer_get_id (first), ==,
                   clt_customer_get_id (g_ptr_array_index (expected, 10)));
  g_assert_true (g_str_has_prefix (clt_customer_get_last_name (first), "Dubois"));

  /* Then the smith page's late answer: it never fills the objects with a
   * smith row. */
  g_signal_connect (stale, "notify::last-name", G_CALLBACK (on_last_name_notify_cb), (gpointer) "Dubois");
  fake_store_release (store, FAKE_REQUEST_LIST);
  run_until_idle ();
  g_assert_true (clt_customer_get_loaded (first));
  g_assert_cmpstr (clt_customer_get_id (first), ==,
                   clt_customer_get_id (g_ptr_array_index (expected, 10)));
  g_assert_cmpuint (recorder.changes->len, ==, 0);
  g_assert_false (clt_customer_list_get_loading (list));

  recorder_clear (&recorder);
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* A count is one request for the first page with its total
 * (CLT_LIST_FLAGS_WITH_TOTAL): a keystroke costs one round trip, the first
 * rows are loaded before the view is told of the new count, and the first
 * page of a superseded query never shows. */
static void
test_first_page_with_count (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltQuery) smith = create_query ("smith", CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING);
  g_autoptr(CltQuery) dubois = create_query ("dubois", CLT_SORT_KEY_LAST_NAME, CLT_SORT_DESCENDING);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) shown = NULL;
  g_autoptr(CltCustomer) below = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  guint n_dubois = count_selected (store, dubois);
  Recorder recorder;

  list = create_list (store, all, 20, 40);
  recorder_init (&recorder, list);
  run_until_idle ();
  shown = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (clt_customer_get_loaded (shown));
  /* A view holds rows of the next page too. */
  below = g_list_model_get_item (G_LIST_MODEL (list), 25);
  run_until_idle ();
  g_assert_true (clt_customer_get_loaded (below));
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 1);
  recorder_reset (&recorder);

  /* Two keystrokes before any answer: the first request is cancelled. */
  fake_store_set_hold (store, TRUE);
  clt_customer_list_set_query (list, smith);
  clt_customer_list_set_query (list, dubois);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_COUNT), ==, 2);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 0);
  g_assert_cmpuint (fake_store_get_n_held_cancelled (store), ==, 1);

  /* The view reads the first rows in its items-changed handler: they are
   * loaded by then. */
  g_signal_connect (list, "items-changed", G_CALLBACK (on_first_rows_loaded_cb), NULL);
  fake_store_set_hold (store, FALSE);
  fake_store_release (store, FAKE_REQUEST_ANY);
  run_until_idle ();

  g_assert_cmpuint (recorder.changes->len, ==, 1);
  assert_change (&recorder, 0, n_dubois, 250 - n_dubois, 0);
  expected = fake_store_select (store, dubois);
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(CltCustomer) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (clt_customer_get_loaded (item));
      g_assert_cmpstr (clt_customer_get_id (item), ==,
                       clt_customer_get_id (g_ptr_array_index (expected, i)));
      g_assert_true (g_str_has_prefix (clt_customer_get_last_name (item), "Dubois"));
    }
  g_assert_true (clt_customer_get_loaded (shown));
  g_assert_cmpstr (clt_customer_get_id (shown), ==,
                   clt_customer_get_id (g_ptr_array_index (expected, 0)));
  /* The held page after the first came in the same request. */
  g_assert_true (clt_customer_get_loaded (below));
  g_assert_cmpstr (clt_customer_get_id (below), ==,
                   clt_customer_get_id (g_ptr_array_index (expected, 25)));
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 1);
  g_assert_false (clt_customer_list_get_loading (list));

  /* Rows past them are asked for as before. */
  touch (list, 40);
  run_until_idle ();
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 2);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 40), ==, 1);

  recorder_clear (&recorder);
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* A view that says where its rows on screen end gets those with a new
 * query's count; the rows it only keeps ready below them refill in a
 * request of their own right after, and count as not current (they still
 * show the last query's customers) until then. */
static void
test_visible_end (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltQuery) dubois = create_query ("dubois", CLT_SORT_KEY_LAST_NAME, CLT_SORT_DESCENDING);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) shown = NULL;
  g_autoptr(CltCustomer) below = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) everyone = NULL;

  list = create_list (store, all, 20, 40);
  run_until_idle ();
  shown = g_list_model_get_item (G_LIST_MODEL (list), 0);
  below = g_list_model_get_item (G_LIST_MODEL (list), 25);
  run_until_idle ();
  g_assert_true (clt_customer_list_is_current (list, 0));
  g_assert_true (clt_customer_list_is_current (list, 25));
  g_assert_false (clt_customer_list_is_current (list, 250));
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 1);

  /* Rows 0-19 on screen: page 0. */
  clt_customer_list_set_visible_end (list, 20);
  fake_store_set_hold (store, TRUE);
  clt_customer_list_set_query (list, dubois);
  g_assert_false (clt_customer_list_is_current (list, 0));
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_COUNT), ==, 1);
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_COUNT), ==, 1);
  run_until_idle ();

  expected = fake_store_select (store, dubois);
  g_assert_cmpuint (expected->len, >=, 40);
  g_assert_true (clt_customer_list_is_current (list, 0));
  g_assert_cmpstr (clt_customer_get_id (shown), ==,
                   clt_customer_get_id (g_ptr_array_index (expected, 0)));
  /* Page 1 is asked for apart, and shows the last query until it comes. */
  g_assert_false (clt_customer_list_is_current (list, 25));
  g_assert_true (clt_customer_get_loaded (below));
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 1);
  g_assert_true (clt_customer_list_get_loading (list));

  fake_store_set_hold (store, FALSE);
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_ANY), ==, 1);
  run_until_idle ();
  g_assert_true (clt_customer_list_is_current (list, 25));
  g_assert_cmpstr (clt_customer_get_id (below), ==,
                   clt_customer_get_id (g_ptr_array_index (expected, 25)));
  g_assert_false (clt_customer_list_get_loading (list));
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 2);

  /* Without the hint every held row counts as on screen: page 1 comes
   * with the count again. */
  clt_customer_list_set_visible_end (list, G_MAXUINT);
  clt_customer_list_set_query (list, all);
  run_until_idle ();
  everyone = fake_store_select (store, all);
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 2);
  g_assert_true (clt_customer_list_is_current (list, 25));
  g_assert_cmpstr (clt_customer_get_id (below), ==,
                   clt_customer_get_id (g_ptr_array_index (everyone, 25)));

  g_assert_finalize_object (g_steal_pointer (&list));
}

/* Pages larger than a store page cannot come with the count: it asks for
 * one row, and the pages are asked for apart. */
static void
test_large_pages (void)
{
  g_autoptr(FakeStore) store = fake_store_new (1000);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) item = NULL;
  Recorder recorder;

  list = create_list (store, all, CLT_STORE_MAX_PAGE_SIZE + 100, 4);
  recorder_init (&recorder, list);
  run_until_idle ();
  g_assert_cmpuint (recorder.n_errors, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 0);

  item = g_list_model_get_item (G_LIST_MODEL (list), 7);
  run_until_idle ();
  /* The store refuses such a page, as any store would: the list says so. */
  g_assert_cmpuint (recorder.n_errors, ==, 1);
  g_assert_error (recorder.last_error, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_LARGE);

  recorder_clear (&recorder);
  g_clear_object (&item);
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* Only the order changes: the same customers and count, so no recount;
 * the rows on screen refill in the new order, with no items-changed. */
static void
test_sort_change (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltQuery) by_number = create_query ("", CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING);
  g_autoptr(CltQuery) by_name = create_query ("", CLT_SORT_KEY_LAST_NAME, CLT_SORT_DESCENDING);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) first = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(CltQuery) current = NULL;
  guint n_counts;
  Recorder recorder;

  list = clt_customer_list_new (CLT_STORE (store));
  clt_customer_list_set_query (list, by_number);
  recorder_init (&recorder, list);
  run_until_idle ();
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  run_until_idle ();
  g_assert_true (clt_customer_get_loaded (first));
  recorder_reset (&recorder);
  n_counts = fake_store_get_n_count_calls (store);

  clt_customer_list_set_query (list, by_name);
  run_until_idle ();

  g_assert_cmpuint (fake_store_get_n_count_calls (store), ==, n_counts);
  g_assert_cmpuint (recorder.changes->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  current = clt_customer_list_dup_query (list);
  g_assert_true (clt_query_equal (current, by_name));

  /* The held row now shows the first customer in the new order. */
  expected = fake_store_select (store, by_name);
  g_assert_true (clt_customer_get_loaded (first));
  g_assert_cmpstr (clt_customer_get_id (first), ==,
                   clt_customer_get_id (g_ptr_array_index (expected, 0)));

  recorder_clear (&recorder);
}

static void
test_query_change_back (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltQuery) smith = create_query ("smith", CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) item = NULL;
  g_autoptr(CltCustomer) again = NULL;
  Recorder recorder;

  list = clt_customer_list_new (CLT_STORE (store));
  recorder_init (&recorder, list);
  run_until_idle ();
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  run_until_idle ();
  recorder_reset (&recorder);

  /* A character typed and deleted before the count answers: the rows on
   * screen stay, and the abandoned count is ignored. */
  fake_store_set_hold (store, TRUE);
  clt_customer_list_set_query (list, smith);
  clt_customer_list_set_query (list, all);
  g_assert_false (clt_customer_list_get_loading (list));
  fake_store_release (store, FAKE_REQUEST_ANY);
  run_until_idle ();

  g_assert_cmpuint (recorder.changes->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (again == item);
  g_assert_true (clt_customer_get_loaded (again));

  recorder_clear (&recorder);
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* What GTK 4.8 does with a change, roughly: it fetches the added items
 * that fall into its window of drawn rows (here the first 200). A
 * signal that removes and adds at once makes it fetch every added item,
 * so such a signal is counted apart. */
typedef struct
{
  GListModel *model;
  guint       n_fetched;
  guint       n_replacing;
} View;

static void
view_fetch (View  *view,
            guint  first,
            guint  n)
{
  for (guint i = first; i < MIN (first + n, 200); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (view->model, i);

      g_assert_nonnull (item);
      view->n_fetched++;
    }
}

static void
on_view_items_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          View       *view)
{
  if (removed > 0 && added > 0)
    view->n_replacing++;
  view_fetch (view, position, added);
}

/* A large list filtered down to a few rows and back: the row objects in
 * view are kept (GTK keeps their widgets), only the tail is signalled, and
 * nothing ever asks for more than the rows in view. */
static void
test_query_change_large (void)
{
  const guint n_customers = 100000;
  g_autoptr(FakeStore) store = fake_store_new (n_customers);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltQuery) few = create_query ("smith 000", CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) expected = NULL;
  guint n_few = count_selected (store, few);
  guint n_list_calls;
  Recorder recorder;
  View view = { NULL, 0, 0 };

  g_assert_cmpuint (n_few, ==, 20);

  list = clt_customer_list_new (CLT_STORE (store));
  view.model = G_LIST_MODEL (list);
  recorder_init (&recorder, list);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_view_items_changed_cb), &view);
  run_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_customers);
  g_assert_cmpuint (view.n_fetched, ==, 200);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 2);
  for (guint i = 0; i < n_few; i++)
    g_ptr_array_add (shown, g_list_model_get_item (G_LIST_MODEL (list), i));
  g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (shown, 0)), ==, "c00000");
  recorder_reset (&recorder);
  n_list_calls = fake_store_get_n_list_calls (store);

  /* Down to a few rows: one signal for the tail, and the kept rows show
   * the new query's first page, which came with the count, before the
   * signal: no page request follows. */
  fake_store_set_hold (store, TRUE);
  clt_customer_list_set_query (list, few);
  g_assert_true (clt_customer_list_get_loading (list));
  g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (shown, 0)), ==, "c00000");
  fake_store_release (store, FAKE_REQUEST_COUNT);
  run_until_idle ();
  g_assert_cmpuint (recorder.changes->len, ==, 1);
  assert_change (&recorder, 0, n_few, n_customers - n_few, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_few);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 1);
  g_assert_false (clt_customer_list_get_loading (list));
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_ANY), ==, 0);
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, n_list_calls);

  fake_store_set_hold (store, FALSE);
  expected = fake_store_select (store, few);
  for (guint i = 0; i < n_few; i++)
    {
      g_autoptr(CltCustomer) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (item == g_ptr_array_index (shown, i));
      g_assert_true (clt_customer_get_loaded (item));
      g_assert_cmpstr (clt_customer_get_id (item), ==,
                       clt_customer_get_id (g_ptr_array_index (expected, i)));
    }
  g_clear_pointer (&expected, g_ptr_array_unref);

  /* And back: one signal for the new tail, the same objects on top. */
  recorder_reset (&recorder);
  clt_customer_list_set_query (list, all);
  run_until_idle ();
  g_assert_cmpuint (recorder.changes->len, ==, 1);
  assert_change (&recorder, 0, n_few, 0, n_customers - n_few);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_customers);
  for (guint i = 0; i < n_few; i++)
    {
      g_autoptr(CltCustomer) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *id = g_strdup_printf ("c%05u", i);

      g_assert_true (item == g_ptr_array_index (shown, i));
      g_assert_cmpstr (clt_customer_get_id (item), ==, id);
    }

  /* The view never fetched more than the rows in view each time, never got
   * a replacing signal, and the store was asked for a handful of pages. */
  g_assert_cmpuint (view.n_replacing, ==, 0);
  g_assert_cmpuint (view.n_fetched, <=, 200 + 2 * 200);
  g_assert_cmpuint (fake_store_get_n_list_calls (store) - n_list_calls, <=, 4);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), <=, 2);

  recorder_clear (&recorder);
  g_ptr_array_set_size (shown, 0);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_store_changed_same_count (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) item = NULL;
  g_autoptr(CltCustomer) again = NULL;
  Recorder recorder;
  guint n_counts;

  list = clt_customer_list_new (CLT_STORE (store));
  recorder_init (&recorder, list);
  run_until_idle ();
  item = g_list_model_get_item (G_LIST_MODEL (list), 5);
  run_until_idle ();
  g_assert_true (clt_customer_get_loaded (item));
  g_assert_cmpstr (clt_customer_get_last_name (item), ==, "Meyer 00005");
  recorder_reset (&recorder);
  n_counts = fake_store_get_n_count_calls (store);

  /* A burst of changes makes one recount. */
  fake_store_set_last_name (store, 5, "Zimmermann");
  fake_store_set_last_name (store, 6, "Yildiz");
  fake_store_set_last_name (store, 5, "Zeller");
  run_until_idle ();

  g_assert_cmpuint (fake_store_get_n_count_calls (store), ==, n_counts + 1);
  /* Page 0 refills from the recount's own first page. */
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 0), ==, 0);
  again = g_list_model_get_item (G_LIST_MODEL (list), 5);
  g_assert_true (again == item);
  g_assert_true (clt_customer_get_loaded (item));
  g_assert_cmpstr (clt_customer_get_last_name (item), ==, "Zeller");
  g_assert_cmpuint (recorder.changes->len, ==, 0);
  g_assert_cmpuint (recorder.n_items_notifies, ==, 0);
  g_assert_false (clt_customer_list_get_loading (list));

  recorder_clear (&recorder);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_store_changed_count (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) item = NULL;
  g_autoptr(CltCustomer) again = NULL;
  g_autoptr(CltCustomer) held = NULL;
  Recorder recorder;

  list = clt_customer_list_new (CLT_STORE (store));
  recorder_init (&recorder, list);
  run_until_idle ();
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  run_until_idle ();
  recorder_reset (&recorder);

  fake_store_set_n_customers (store, 260);
  run_until_idle ();

  /* Only the new rows at the end are signalled. */
  g_assert_cmpuint (recorder.changes->len, ==, 1);
  assert_change (&recorder, 0, 250, 0, 10);
  g_assert_cmpuint (recorder.n_items_notifies, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 260);
  /* The cached page keeps its objects, refilled from the recount's own
   * first page. */
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 1);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 0), ==, 0);
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (again == item);
  g_assert_true (clt_customer_get_loaded (item));
  g_assert_cmpstr (clt_customer_get_id (item), ==, "c00000");
  g_clear_object (&again);

  /* Shrinking: the rows past the new end go, the page holding the new end
   * is cut to it. A row of that page stays held, as a view would. */
  held = g_list_model_get_item (G_LIST_MODEL (list), 110);
  run_until_idle ();
  g_assert_true (clt_customer_get_loaded (held));
  recorder_reset (&recorder);

  fake_store_set_n_customers (store, 105);
  run_until_idle ();

  g_assert_cmpuint (recorder.changes->len, ==, 1);
  assert_change (&recorder, 0, 105, 155, 0);
  g_assert_cmpuint (recorder.n_items_notifies, ==, 1);
  g_assert_cmpuint (clt_customer_list_get_n_cached_pages (list), ==, 2);
  again = g_list_model_get_item (G_LIST_MODEL (list), 104);
  g_assert_true (clt_customer_get_loaded (again));
  g_assert_cmpstr (clt_customer_get_id (again), ==, "c00104");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 105));
  g_clear_object (&again);
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (again == item);
  g_assert_false (clt_customer_list_get_loading (list));

  recorder_clear (&recorder);
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
test_short_page (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) item = NULL;
  Recorder recorder;

  list = clt_customer_list_new (CLT_STORE (store));
  recorder_init (&recorder, list);
  run_until_idle ();
  recorder_reset (&recorder);

  /* Customers vanish between the count and the last page, and the store's
   * "changed" has not arrived yet (it raced the page request). */
  fake_store_set_hold (store, TRUE);
  item = g_list_model_get_item (G_LIST_MODEL (list), 240);
  fake_store_set_quiet (store, TRUE);
  fake_store_set_n_customers (store, 230);
  fake_store_set_hold (store, FALSE);
  fake_store_release (store, FAKE_REQUEST_ANY);
  run_until_idle ();

  /* The short page made the list recount: the rows past the new end go. */
  g_assert_cmpuint (recorder.changes->len, ==, 1);
  assert_change (&recorder, 0, 230, 20, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 230);
  g_assert_false (clt_customer_get_loaded (item));
  g_assert_false (clt_customer_list_get_loading (list));

  recorder_clear (&recorder);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_error (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) item = NULL;
  g_autoptr(CltCustomer) paged = NULL;
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltQuery) smith = NULL;
  g_autoptr(CltQuery) current = NULL;
  Recorder recorder;

  /* The count fails. */
  fake_store_set_fail (store, TRUE);
  list = clt_customer_list_new (CLT_STORE (store));
  recorder_init (&recorder, list);
  run_until_idle ();

  g_assert_cmpuint (recorder.n_errors, ==, 1);
  g_assert_error (recorder.last_error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_false (clt_customer_list_get_loading (list));
  g_assert_cmpuint (recorder.changes->len, ==, 0);

  /* Trying again works. */
  fake_store_set_fail (store, FALSE);
  clt_customer_list_reload (list);
  run_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  recorder_reset (&recorder);

  /* A page fails: its rows stay placeholders. (Page 0 came with the
   * count: its rows are loaded.) */
  fake_store_set_fail (store, TRUE);
  item = g_list_model_get_item (G_LIST_MODEL (list), 3);
  g_assert_true (clt_customer_get_loaded (item));
  paged = g_list_model_get_item (G_LIST_MODEL (list), 103);
  run_until_idle ();
  g_assert_cmpuint (recorder.n_errors, ==, 1);
  g_assert_error (recorder.last_error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE);
  g_assert_false (clt_customer_get_loaded (paged));
  g_assert_false (clt_customer_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);

  /* A failing recount keeps the rows as they are. */
  clt_customer_list_reload (list);
  run_until_idle ();
  g_assert_cmpuint (recorder.n_errors, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  g_assert_cmpuint (recorder.changes->len, ==, 0);

  /* A reload after the store recovers fills the same placeholder. */
  fake_store_set_fail (store, FALSE);
  clt_customer_list_reload (list);
  run_until_idle ();
  g_assert_true (clt_customer_get_loaded (paged));
  g_assert_cmpstr (clt_customer_get_id (paged), ==, "c00103");
  g_assert_cmpstr (clt_customer_get_id (item), ==, "c00003");
  g_assert_cmpuint (recorder.n_errors, ==, 2);
  g_assert_cmpuint (recorder.changes->len, ==, 0);

  /* The count of a new query fails: the rows on screen stay, the query
   * asked for is kept and counted again by a reload. */
  smith = create_query ("smith", CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING);
  fake_store_set_fail (store, TRUE);
  clt_customer_list_set_query (list, smith);
  run_until_idle ();
  g_assert_cmpuint (recorder.n_errors, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  g_assert_cmpuint (recorder.changes->len, ==, 0);
  current = clt_customer_list_dup_query (list);
  g_assert_true (clt_query_equal (current, smith));
  g_assert_false (clt_customer_list_get_loading (list));

  fake_store_set_fail (store, FALSE);
  clt_customer_list_reload (list);
  run_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 50);
  g_assert_cmpuint (recorder.changes->len, ==, 1);
  assert_change (&recorder, 0, 50, 200, 0);
  /* The kept row (position 3) now shows the fourth smith row. */
  g_assert_true (clt_customer_get_loaded (item));
  g_assert_cmpstr (clt_customer_get_id (item), ==, "c00019");

  /* Going back to the shown query after a failed count is fine too. */
  fake_store_set_fail (store, TRUE);
  clt_customer_list_set_query (list, all);
  run_until_idle ();
  g_assert_cmpuint (recorder.n_errors, ==, 4);
  clt_customer_list_set_query (list, smith);
  g_assert_false (clt_customer_list_get_loading (list));
  run_until_idle ();
  g_assert_cmpuint (recorder.n_errors, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 50);

  recorder_clear (&recorder);
  g_assert_finalize_object (g_steal_pointer (&list));
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

  /* No more than four pages wait: a fifth frees the oldest at once. */
  fake_store_set_hold (store, TRUE);
  first = g_list_model_get_item (G_LIST_MODEL (list), 50);
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  g_object_unref (first);
  touch (list, 60);
  touch (list, 70);
  touch (list, 80);
  touch (list, 90);
  touch (list, 0);
  g_assert_nonnull (first);
  touch (list, 10);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/customer-list/initial-count", test_initial_count);
  g_test_add_func ("/clt/customer-list/placeholders", test_placeholders);
  g_test_add_func ("/clt/customer-list/cache-bound", test_cache_bound);
  g_test_add_func ("/clt/customer-list/evicted-freed-later", test_evicted_freed_later);
  g_test_add_func ("/clt/customer-list/query-change", test_query_change);
  g_test_add_func ("/clt/customer-list/query-change-back", test_query_change_back);
  g_test_add_func ("/clt/customer-list/first-page-with-count", test_first_page_with_count);
  g_test_add_func ("/clt/customer-list/visible-end", test_visible_end);
  g_test_add_func ("/clt/customer-list/large-pages", test_large_pages);
  g_test_add_func ("/clt/customer-list/sort-change", test_sort_change);
  g_test_add_func ("/clt/customer-list/query-change-large", test_query_change_large);
  g_test_add_func ("/clt/customer-list/store-changed-same-count", test_store_changed_same_count);
  g_test_add_func ("/clt/customer-list/store-changed-count", test_store_changed_count);
  g_test_add_func ("/clt/customer-list/unheld-pages-dropped", test_unheld_pages_dropped);
  g_test_add_func ("/clt/customer-list/held-page-not-evicted", test_held_page_not_evicted);
  g_test_add_func ("/clt/customer-list/held-page-refilled-after-scroll",
                   test_held_page_refilled_after_scroll);
  g_test_add_func ("/clt/customer-list/all-pages-held", test_all_pages_held);
  g_test_add_func ("/clt/customer-list/cut-row-released", test_cut_row_released);
  g_test_add_func ("/clt/customer-list/rows-outlive-list", test_rows_outlive_list);
  g_test_add_func ("/clt/customer-list/short-page", test_short_page);
  g_test_add_func ("/clt/customer-list/error", test_error);
  g_test_add_func ("/clt/customer-list/dispose", test_dispose);

  return g_test_run ();
}
