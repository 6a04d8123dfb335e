/* test-customer-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "clt-customer-list.h"
#include "clt-customer.h"
#include "clt-query.h"

#include "fake-store.h"
#include "customer-list-test-util.h"

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

/* @item is row @position of @query's customers, and current. */
static void
assert_row_of_query (CltCustomerList *list,
                     FakeStore       *store,
                     CltQuery        *query,
                     CltCustomer     *item,
                     guint            position)
{
  g_autoptr(GPtrArray) selected = fake_store_select (store, query);

  g_assert_true (clt_customer_list_is_current (list, position));
  g_assert_cmpstr (clt_customer_get_id (item), ==,
                   clt_customer_get_id (g_ptr_array_index (selected, position)));
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

static void
on_notify_count_cb (GObject    *object,
                    GParamSpec *pspec,
                    guint      *n_notifies)
{
  (*n_notifies)++;
}

/* A view that paints the rows on screen first makes the held rows below
 * them wait after a count until it says so: they count as not current
 * meanwhile, keep waiting while another count is under way, and refill
 * at once when it stops asking for that. */
static void
test_refill_below_later (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltQuery) dubois = create_query ("dubois", CLT_SORT_KEY_LAST_NAME, CLT_SORT_DESCENDING);
  g_autoptr(CltQuery) smith = create_query ("smith", CLT_SORT_KEY_LAST_NAME, CLT_SORT_DESCENDING);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) below = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  guint n_notifies = 0;

  list = create_list (store, all, 20, 40);
  run_until_idle ();
  below = g_list_model_get_item (G_LIST_MODEL (list), 25);
  run_until_idle ();
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 1);
  g_signal_connect (list, "notify::refill-waiting", G_CALLBACK (on_notify_count_cb), &n_notifies);

  clt_customer_list_set_visible_range (list, 0, 20);
  clt_customer_list_set_refill_below_later (list, TRUE);
  fake_store_set_hold (store, TRUE);
  clt_customer_list_set_query (list, dubois);
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_COUNT), ==, 1);
  run_until_idle ();

  /* Page 0 came with the count; page 1 waits, and is not current. */
  g_assert_true (clt_customer_list_is_current (list, 0));
  g_assert_false (clt_customer_list_is_current (list, 25));
  g_assert_true (clt_customer_list_get_refill_waiting (list));
  g_assert_cmpuint (n_notifies, ==, 1);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 0);
  /* The list has not settled: it still shows rows of the last query. */
  g_assert_true (clt_customer_list_get_loading (list));

  /* A count under way decides again: nothing starts, and the view hears
   * again that rows wait when the count is dropped (the query typed back
   * to the one shown) or answered. */
  clt_customer_list_set_query (list, smith);
  clt_customer_list_refill_below (list);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 0);
  clt_customer_list_set_query (list, dubois);
  g_assert_cmpuint (n_notifies, ==, 2);
  g_assert_true (clt_customer_list_get_refill_waiting (list));
  clt_customer_list_set_query (list, smith);
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_COUNT), ==, 2);
  run_until_idle ();
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 0);
  g_assert_cmpuint (n_notifies, ==, 3);

  /* Asked for, it comes. */
  clt_customer_list_refill_below (list);
  g_assert_false (clt_customer_list_get_refill_waiting (list));
  g_assert_cmpuint (n_notifies, ==, 4);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 1);
  g_assert_true (clt_customer_list_get_loading (list));
  fake_store_set_hold (store, FALSE);
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_ANY), ==, 1);
  run_until_idle ();
  assert_row_of_query (list, store, smith, below, 25);

  /* Turned off, waiting rows refill at once. */
  g_clear_pointer (&expected, g_ptr_array_unref);
  fake_store_set_hold (store, TRUE);
  clt_customer_list_set_query (list, dubois);
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_COUNT), ==, 1);
  run_until_idle ();
  g_assert_true (clt_customer_list_get_refill_waiting (list));
  clt_customer_list_set_refill_below_later (list, FALSE);
  g_assert_false (clt_customer_list_get_refill_waiting (list));
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 1);
  fake_store_set_hold (store, FALSE);
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_ANY), ==, 1);
  run_until_idle ();
  assert_row_of_query (list, store, dubois, below, 25);

  g_assert_finalize_object (g_steal_pointer (&list));
}

static guint
wait_for_held_list (FakeStore *store)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (fake_store_get_n_held (store, FAKE_REQUEST_LIST) == 0 &&
         g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return fake_store_get_n_held (store, FAKE_REQUEST_LIST);
}

/* Pages that wait are read by their distance from the screen: those on
 * screen first; those within a screenful once none on screen is read (the
 * view hears again when the last one is in); the rest once the view has
 * been quiet a while, or when it scrolls near them. */
static void
test_refill_order (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) shown = NULL;
  g_autoptr(CltCustomer) above = NULL;
  g_autoptr(CltCustomer) below = NULL;
  g_autoptr(CltCustomer) further = NULL;
  g_autoptr(CltCustomer) far = NULL;
  guint n_notifies = 0;

  list = create_list (store, all, 20, 40);
  run_until_idle ();
  g_signal_connect (list, "notify::refill-waiting", G_CALLBACK (on_notify_count_cb), &n_notifies);

  /* A jump to rows 100-119: GTK asks for rows on screen and around. */
  clt_customer_list_set_visible_range (list, 100, 120);
  clt_customer_list_set_refill_below_later (list, TRUE);
  fake_store_set_hold (store, TRUE);
  shown = g_list_model_get_item (G_LIST_MODEL (list), 105);
  above = g_list_model_get_item (G_LIST_MODEL (list), 85);
  below = g_list_model_get_item (G_LIST_MODEL (list), 130);
  further = g_list_model_get_item (G_LIST_MODEL (list), 165);
  far = g_list_model_get_item (G_LIST_MODEL (list), 245);
  run_until_idle ();
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 0);
  g_assert_cmpuint (n_notifies, >, 0);
  n_notifies = 0;

  /* The page on screen alone. */
  clt_customer_list_refill_below (list);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 1);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 100), ==, 1);
  /* Asked again while it is read: nothing more starts. */
  clt_customer_list_refill_below (list);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 1);
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_LIST), ==, 1);
  run_until_idle ();
  assert_row_of_query (list, store, all, shown, 105);
  g_assert_cmpuint (n_notifies, ==, 1);
  g_assert_true (clt_customer_list_get_refill_waiting (list));

  /* Then those within a screenful, above and below. */
  clt_customer_list_refill_below (list);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 2);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 80), ==, 1);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 120), ==, 1);
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_LIST), ==, 2);
  run_until_idle ();
  assert_row_of_query (list, store, all, above, 85);
  assert_row_of_query (list, store, all, below, 130);
  g_assert_false (clt_customer_get_loaded (further));
  g_assert_true (clt_customer_list_get_loading (list));

  /* Scrolled near a page that waits: the view hears, and it is read. */
  clt_customer_list_set_visible_range (list, 130, 150);
  g_assert_cmpuint (n_notifies, ==, 2);
  clt_customer_list_refill_below (list);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 1);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 160), ==, 1);
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_LIST), ==, 1);
  run_until_idle ();
  assert_row_of_query (list, store, all, further, 165);

  /* The one far away once the view is quiet. */
  g_assert_false (clt_customer_get_loaded (far));
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 240), ==, 0);
  g_assert_cmpuint (wait_for_held_list (store), ==, 1);
  g_assert_cmpuint (fake_store_get_n_list_calls_at (store, 240), ==, 1);
  g_assert_true (clt_customer_list_get_loading (list));
  fake_store_set_hold (store, FALSE);
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_LIST), ==, 1);
  run_until_idle ();
  assert_row_of_query (list, store, all, far, 245);
  g_assert_false (clt_customer_list_get_loading (list));
  g_assert_false (clt_customer_list_get_refill_waiting (list));

  g_assert_finalize_object (g_steal_pointer (&list));
}

/* A view that wants its reads after its frame gets the pages it first
 * asks for (a scroll jump's) once it says so, not inside the frame that
 * asked: nothing is read meanwhile, the rows wait as placeholders and
 * are not current, and the view hears that rows wait. */
static void
test_pages_asked_later (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) far = NULL;
  g_autoptr(CltCustomer) near = NULL;
  guint n_notifies = 0;

  list = create_list (store, all, 20, 40);
  run_until_idle ();
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 0);
  g_signal_connect (list, "notify::refill-waiting", G_CALLBACK (on_notify_count_cb), &n_notifies);

  /* In sight (above the visible end) too: the whole jump waits. */
  clt_customer_list_set_visible_range (list, 0, 240);
  clt_customer_list_set_refill_below_later (list, TRUE);
  far = g_list_model_get_item (G_LIST_MODEL (list), 205);
  run_until_idle ();

  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 0);
  g_assert_false (clt_customer_get_loaded (far));
  g_assert_false (clt_customer_list_is_current (list, 205));
  g_assert_true (clt_customer_list_get_refill_waiting (list));
  g_assert_true (clt_customer_list_get_loading (list));
  g_assert_cmpuint (n_notifies, ==, 1);

  /* Told, the list reads it. */
  clt_customer_list_refill_below (list);
  g_assert_false (clt_customer_list_get_refill_waiting (list));
  run_until_idle ();
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 1);
  g_assert_true (clt_customer_get_loaded (far));
  assert_row_of_query (list, store, all, far, 205);
  g_assert_false (clt_customer_list_get_loading (list));

  /* A view that does not ask for that gets a new page read at once. */
  clt_customer_list_set_refill_below_later (list, FALSE);
  near = g_list_model_get_item (G_LIST_MODEL (list), 105);
  g_assert_false (clt_customer_list_get_refill_waiting (list));
  run_until_idle ();
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, 2);
  assert_row_of_query (list, store, all, near, 105);

  g_assert_finalize_object (g_steal_pointer (&list));
}

/* A new query stops the page reads still under way: its count decides
 * about those rows again, and the store's readers are free for it. Typed
 * back to the query shown, the stopped pages are read again. */
static void
test_new_query_stops_page_reads (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltQuery) dubois = create_query ("dubois", CLT_SORT_KEY_LAST_NAME, CLT_SORT_DESCENDING);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) far = NULL;
  g_autoptr(CltCustomer) first = NULL;
  g_autoptr(GPtrArray) expected = NULL;

  list = create_list (store, all, 20, 40);
  run_until_idle ();

  /* A view scrolls to row 60: its page is read. */
  fake_store_set_hold (store, TRUE);
  far = g_list_model_get_item (G_LIST_MODEL (list), 60);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 1);

  clt_customer_list_set_query (list, dubois);
  g_assert_cmpuint (fake_store_get_n_held_cancelled (store), ==, 1);
  g_assert_true (clt_customer_list_get_loading (list));

  /* Back to the rows shown: their page is read again. */
  clt_customer_list_set_query (list, all);
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 2);
  g_assert_cmpuint (fake_store_get_n_held_cancelled (store), ==, 2);
  fake_store_set_hold (store, FALSE);
  fake_store_release (store, FAKE_REQUEST_ANY);
  run_until_idle ();
  assert_row_of_query (list, store, all, far, 60);
  g_assert_false (clt_customer_list_get_loading (list));

  /* Stopped for a count that is answered: the page refills from it. */
  fake_store_set_hold (store, TRUE);
  clt_customer_list_reload (list);
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_COUNT), ==, 1);
  run_until_idle ();
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 1);
  clt_customer_list_set_query (list, dubois);
  g_assert_cmpuint (fake_store_get_n_held_cancelled (store), ==, 1);
  fake_store_set_hold (store, FALSE);
  fake_store_release (store, FAKE_REQUEST_ANY);
  run_until_idle ();
  expected = fake_store_select (store, dubois);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (clt_customer_list_is_current (list, 0));
  g_assert_cmpstr (clt_customer_get_id (first), ==,
                   clt_customer_get_id (g_ptr_array_index (expected, 0)));
  g_assert_false (clt_customer_list_get_loading (list));

  g_assert_finalize_object (g_steal_pointer (&list));
}

/* A new query's count that fails leaves the rows of the query shown: the
 * page reads stopped for it are read again, and the list is not left
 * loading. */
static void
test_new_query_count_fails (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltQuery) dubois = create_query ("dubois", CLT_SORT_KEY_LAST_NAME, CLT_SORT_DESCENDING);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) far = NULL;
  g_autoptr(GPtrArray) everyone = NULL;

  list = create_list (store, all, 20, 40);
  run_until_idle ();

  fake_store_set_hold (store, TRUE);
  far = g_list_model_get_item (G_LIST_MODEL (list), 60);
  clt_customer_list_set_query (list, dubois);
  g_assert_cmpuint (fake_store_get_n_held_cancelled (store), ==, 1);

  /* The count fails; the stopped read is answered (cancelled) too. */
  fake_store_set_fail (store, TRUE);
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_ANY), ==, 2);
  run_until_idle ();
  g_assert_cmpuint (fake_store_get_n_held (store, FAKE_REQUEST_LIST), ==, 1);

  /* The store recovers: row 60 shows the query still shown. */
  fake_store_set_fail (store, FALSE);
  fake_store_set_hold (store, FALSE);
  fake_store_release (store, FAKE_REQUEST_ANY);
  run_until_idle ();
  everyone = fake_store_select (store, all);
  g_assert_true (clt_customer_get_loaded (far));
  g_assert_cmpstr (clt_customer_get_id (far), ==,
                   clt_customer_get_id (g_ptr_array_index (everyone, 60)));
  g_assert_false (clt_customer_list_get_loading (list));

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
  clt_customer_list_set_visible_range (list, 0, 20);
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
  clt_customer_list_set_visible_range (list, 0, G_MAXUINT);
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

/* A search without matches, then one with: the rows held meanwhile (a
 * view that kept them, CltGrowingModel's hold) are the objects at their
 * positions again, refilled, and rows nobody held are new. */
static void
test_empty_count_keeps_held_rows (void)
{
  g_autoptr(FakeStore) store = fake_store_new (250);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(CltQuery) none = create_query ("zzz", CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING);
  g_autoptr(CltQuery) meyer = create_query ("Meyer", CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING);
  g_autoptr(CltCustomerList) list = NULL;
  g_autoptr(CltCustomer) first = NULL;
  g_autoptr(CltCustomer) second_page = NULL;
  g_autoptr(CltCustomer) again = NULL;
  g_autofree char *first_id = NULL;
  Recorder recorder;

  list = clt_customer_list_new (CLT_STORE (store));
  recorder_init (&recorder, list);
  run_until_idle ();
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  second_page = g_list_model_get_item (G_LIST_MODEL (list), 120);
  touch (list, 220);
  run_until_idle ();
  first_id = g_strdup (clt_customer_get_id (first));
  recorder_reset (&recorder);

  clt_customer_list_set_query (list, none);
  run_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (recorder.changes->len, ==, 1);
  g_assert_false (clt_customer_list_get_loading (list));

  /* Every fifth customer is a Meyer: 50 rows, so the page of row 120
   * stays aside for good. */
  clt_customer_list_set_query (list, meyer);
  run_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 50);
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (again == first);
  g_assert_true (clt_customer_get_loaded (first));
  g_assert_true (g_str_has_prefix (clt_customer_get_last_name (first), "Meyer "));
  g_clear_object (&again);

  clt_customer_list_set_query (list, all);
  run_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 250);
  again = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (again == first);
  g_assert_cmpstr (clt_customer_get_id (first), ==, first_id);
  g_clear_object (&again);
  again = g_list_model_get_item (G_LIST_MODEL (list), 120);
  g_assert_true (again != second_page);
  g_clear_object (&again);
  run_until_idle ();
  g_assert_false (clt_customer_list_get_loading (list));

  recorder_clear (&recorder);
  g_clear_object (&first);
  g_clear_object (&second_page);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/customer-list/initial-count", test_initial_count);
  g_test_add_func ("/clt/customer-list/placeholders", test_placeholders);
  g_test_add_func ("/clt/customer-list/query-change", test_query_change);
  g_test_add_func ("/clt/customer-list/query-change-back", test_query_change_back);
  g_test_add_func ("/clt/customer-list/empty-count-keeps-held-rows", test_empty_count_keeps_held_rows);
  g_test_add_func ("/clt/customer-list/first-page-with-count", test_first_page_with_count);
  g_test_add_func ("/clt/customer-list/visible-end", test_visible_end);
  g_test_add_func ("/clt/customer-list/refill-below-later", test_refill_below_later);
  g_test_add_func ("/clt/customer-list/refill-order", test_refill_order);
  g_test_add_func ("/clt/customer-list/pages-asked-later", test_pages_asked_later);
  g_test_add_func ("/clt/customer-list/new-query-stops-page-reads", test_new_query_stops_page_reads);
  g_test_add_func ("/clt/customer-list/new-query-count-fails", test_new_query_count_fails);
  g_test_add_func ("/clt/customer-list/large-pages", test_large_pages);
  g_test_add_func ("/clt/customer-list/sort-change", test_sort_change);
  g_test_add_func ("/clt/customer-list/query-change-large", test_query_change_large);
  g_test_add_func ("/clt/customer-list/store-changed-same-count", test_store_changed_same_count);
  g_test_add_func ("/clt/customer-list/store-changed-count", test_store_changed_count);
  g_test_add_func ("/clt/customer-list/short-page", test_short_page);
  g_test_add_func ("/clt/customer-list/error", test_error);

  return g_test_run ();
}
