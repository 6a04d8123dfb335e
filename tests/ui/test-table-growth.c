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

/* Shows @table over @sizes' list in @window, once the view has all
 * its rows. */
static void
present_table (GtkWindow        *window,
               CltCustomerTable *table,
               Sizes            *sizes)
{
  clt_customer_table_set_list (table, sizes->list);
  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_set_child (window, GTK_WIDGET (table));
  gtk_window_present (window);
  wait_until (view_has_all, sizes, "all customers in the view");
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

  present_table (window, table, &sizes);

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
  wait_for_frames (GTK_WIDGET (window), 5);
  g_assert_cmpuint (view_n_items (table), ==, grown);

  /* Answered, it grows to the whole list. */
  fake_store_set_hold (store, FALSE);
  while (fake_store_release (store, FAKE_REQUEST_ANY) > 0)
    run_for (20);
  wait_until (view_has_all, &sizes, "the second search in the view");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_CUSTOMERS / 5);

  gtk_window_destroy (window);
}

static void
on_view_items_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          guint      *n_removed)
{
  *n_removed += removed;
}

static gboolean
list_settled (gpointer data)
{
  Sizes *sizes = data;

  return list_has (data) && !clt_customer_list_get_loading (sizes->list);
}

/* A search without matches (the window shows its "no results" page in
 * the table's place), then cleared: the view keeps its rows throughout,
 * and GTK its row widgets, which show the customers again. */
static void
test_empty_search_keeps_rows (void)
{
  g_autoptr(FakeStore) store = fake_store_new (N_CUSTOMERS);
  g_autoptr(CltCustomerList) list = clt_customer_list_new (CLT_STORE (store));
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CltCustomerTable *table = CLT_CUSTOMER_TABLE (clt_customer_table_new ());
  GtkWidget *view = GTK_WIDGET (clt_customer_table_get_column_view (table));
  Sizes sizes = { table, list, N_CUSTOMERS };
  GtkWidget *cell;
  GtkWidget *again;
  guint n_removed = 0;

  present_table (window, table, &sizes);
  wait_for_paint (GTK_WIDGET (window));

  cell = gtk_widget_pick (view, 200, 300, GTK_PICK_DEFAULT);
  g_assert_nonnull (cell);
  g_assert_true (cell != view);
  g_object_add_weak_pointer (G_OBJECT (cell), (gpointer *) &cell);
  g_signal_connect (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)), "items-changed",
                    G_CALLBACK (on_view_items_changed_cb), &n_removed);

  set_search (list, "zzz");
  sizes.n = 0;
  wait_until (list_settled, &sizes, "the search without matches");
  wait_for_frames (GTK_WIDGET (window), 3);
  g_assert_cmpuint (view_n_items (table), ==, N_CUSTOMERS);

  set_search (list, "");
  sizes.n = N_CUSTOMERS;
  wait_until (list_settled, &sizes, "the cleared search");
  wait_for_frames (GTK_WIDGET (window), 3);

  g_assert_cmpuint (n_removed, ==, 0);
  g_assert_nonnull (cell);
  again = gtk_widget_pick (view, 200, 300, GTK_PICK_DEFAULT);
  g_assert_true (again == cell);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(CltCustomer) customer = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view))), i);

      g_assert_true (clt_customer_get_loaded (customer));
      g_assert_true (clt_customer_list_is_current (list, i));
    }

  g_object_remove_weak_pointer (G_OBJECT (cell), (gpointer *) &cell);
  g_signal_handlers_disconnect_by_func (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)),
                                        on_view_items_changed_cb, &n_removed);
  gtk_window_destroy (window);
}

/* Whether the row at @position listens to its customer. */
static gboolean
row_watched (GtkColumnView *view,
             guint          position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(CltCustomer) customer = g_list_model_get_item (model, position);

  return g_signal_has_handler_pending (customer, g_signal_lookup ("changed", CLT_TYPE_CUSTOMER),
                                       0, FALSE);
}

typedef struct
{
  GtkColumnView *view;
  guint          position;
} RowAt;

static gboolean
row_at_watched (gpointer data)
{
  RowAt *row = data;

  return row_watched (row->view, row->position);
}

/* A scroll jump rebinds the ~200 rows GTK keeps: those in sight show and
 * watch their customers at once; those bound out of sight stay stale and
 * watch nothing (no handler to connect, notify and disconnect when the
 * next jump rebinds them) until they are updated after all. */
static void
test_rows_out_of_sight_unwatched (void)
{
  g_autoptr(FakeStore) store = fake_store_new (N_CUSTOMERS);
  g_autoptr(CltCustomerList) list = clt_customer_list_new (CLT_STORE (store));
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CltCustomerTable *table = CLT_CUSTOMER_TABLE (clt_customer_table_new ());
  GtkColumnView *view = clt_customer_table_get_column_view (table);
  GtkAdjustment *adjustment;
  Sizes sizes = { table, list, N_CUSTOMERS };
  double row_height;
  guint first;
  RowAt row;

  present_table (window, table, &sizes);
  wait_for_paint (GTK_WIDGET (window));

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  row_height = gtk_adjustment_get_upper (adjustment) / N_CUSTOMERS;
  g_assert_cmpfloat (row_height, >, 0);

  /* GTK rebinds in the handler of the adjustment's value. */
  first = N_CUSTOMERS / 2;
  gtk_adjustment_set_value (adjustment, first * row_height);
  for (guint i = first; i < first + 10; i++)
    g_assert_true (row_watched (view, i));
  for (guint i = first + 80; i < first + 180; i++)
    g_assert_false (row_watched (view, i));

  /* Once nothing changes for a while, the rows out of sight are updated,
   * and watch from then on. */
  row = (RowAt) { view, first + 150 };
  wait_until (row_at_watched, &row, "a row out of sight to be updated");

  gtk_window_destroy (window);
}

/* How many of the text cells under @widget show @text. */
static guint
count_cells_showing (GtkWidget  *widget,
                     const char *text)
{
  guint n = 0;

  if (GTK_IS_INSCRIPTION (widget) &&
      g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_cells_showing (child, text);

  return n;
}

typedef struct
{
  GtkWidget  *view;
  const char *text;
} Showing;

static gboolean
cell_showing (gpointer data)
{
  Showing *showing = data;

  return count_cells_showing (showing->view, showing->text) > 0;
}

/* A row in sight follows its customer: a placeholder filled in place
 * (one "changed" for all its properties) updates every cell of the row,
 * and so does a single property set later. In a narrow window, the
 * Customer column (name over email) as well. */
static void
check_row_follows_customer (int      width,
                            gboolean narrow)
{
  g_autoptr(FakeStore) store = fake_store_new (N_CUSTOMERS);
  g_autoptr(CltCustomerList) list = clt_customer_list_new (CLT_STORE (store));
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CltCustomerTable *table = CLT_CUSTOMER_TABLE (clt_customer_table_new ());
  GtkWidget *view = GTK_WIDGET (clt_customer_table_get_column_view (table));
  Sizes sizes = { table, list, N_CUSTOMERS };
  g_autoptr(CltCustomer) row = NULL;
  g_autoptr(CltCustomer) source = NULL;
  g_autofree char *full_name = NULL;
  Showing showing = { view, NULL };

  clt_customer_table_set_list (table, list);
  gtk_window_set_default_size (window, width, 700);
  gtk_window_set_child (window, GTK_WIDGET (table));
  gtk_window_present (window);
  wait_until (view_has_all, &sizes, "all customers in the view");
  wait_for_paint (GTK_WIDGET (window));

  row = g_list_model_get_item (G_LIST_MODEL (list), 1);
  if (narrow)
    {
      full_name = clt_customer_dup_full_name (row);
      showing.text = full_name;
      wait_until (cell_showing, &showing, "the Customer column");
    }

  source = clt_customer_copy (row);
  clt_customer_set_first_name (source, "Filledfirst");
  clt_customer_set_middle_name (source, NULL);
  clt_customer_set_last_name (source, "Filledlast");
  clt_customer_set_email (source, "filled@example.com");
  clt_customer_set_city (source, "Filledcity");
  g_assert_cmpuint (count_cells_showing (view, "filled@example.com"), ==, 0);

  clt_customer_update_from (row, source);
  if (narrow)
    {
      /* Customer (the email under the name) and Status only. */
      g_assert_cmpuint (count_cells_showing (view, "Filledfirst Filledlast"), ==, 1);
      g_assert_cmpuint (count_cells_showing (view, "filled@example.com"), ==, 1);
      clt_customer_set_last_name (row, "Renamed");
      g_assert_cmpuint (count_cells_showing (view, "Filledfirst Filledlast"), ==, 0);
      g_assert_cmpuint (count_cells_showing (view, "Filledfirst Renamed"), ==, 1);
    }
  else
    {
      g_assert_cmpuint (count_cells_showing (view, "filled@example.com"), ==, 1);
      g_assert_cmpuint (count_cells_showing (view, "Filledfirst"), ==, 1);
      g_assert_cmpuint (count_cells_showing (view, "Filledlast"), ==, 1);
      g_assert_cmpuint (count_cells_showing (view, "Filledcity"), ==, 1);
      clt_customer_set_city (row, "Othercity");
      g_assert_cmpuint (count_cells_showing (view, "Filledcity"), ==, 0);
      g_assert_cmpuint (count_cells_showing (view, "Othercity"), ==, 1);
    }

  gtk_window_destroy (window);
}

static void
test_cells_follow_their_customer (void)
{
  check_row_follows_customer (1000, FALSE);
  check_row_follows_customer (500, TRUE);
}

typedef struct
{
  FakeStore       *store;
  CltCustomerList *list;
  guint            n_changes;
  guint            n_list_requests;
  gboolean         refill_waiting;
} AtAnswer;

/* After the table's handlers: what the list asked the store for when the
 * answer's rows reached the view. */
static void
on_answer_items_changed_cb (GListModel *model,
                            guint       position,
                            guint       removed,
                            guint       added,
                            AtAnswer   *at)
{
  at->n_changes++;
  at->n_list_requests = fake_store_get_n_held (at->store, FAKE_REQUEST_LIST);
  at->refill_waiting = clt_customer_list_get_refill_waiting (at->list);
}

typedef struct
{
  CltCustomerList *list;
  guint            position;
} Position;

static gboolean
row_current (gpointer data)
{
  Position *row = data;

  return clt_customer_list_is_current (row->list, row->position);
}

static gboolean
list_request_held (gpointer data)
{
  return fake_store_get_n_held (data, FAKE_REQUEST_LIST) > 0;
}

/* A new search's answer brings the rows on screen; the rows GTK keeps
 * bound below them are asked for only after the frame that shows the
 * answer, so that their store reads do not compete with that frame. */
static void
test_rows_below_refill_after_paint (void)
{
  g_autoptr(FakeStore) store = fake_store_new (N_CUSTOMERS);
  g_autoptr(CltCustomerList) list = clt_customer_list_new (CLT_STORE (store));
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CltCustomerTable *table = CLT_CUSTOMER_TABLE (clt_customer_table_new ());
  Sizes sizes = { table, list, N_CUSTOMERS };
  AtAnswer at = { store, list, 0, 0, FALSE };
  Position below = { list, 150 };
  g_autoptr(CltCustomer) held = NULL;
  gulong handler;

  present_table (window, table, &sizes);
  wait_for_paint (GTK_WIDGET (window));
  /* GTK binds a row this far below the viewport of ~20 rows. */
  held = g_list_model_get_item (G_LIST_MODEL (list), below.position);
  g_assert_true (clt_customer_list_is_current (list, below.position));

  fake_store_set_hold (store, TRUE);
  set_search (list, "Meyer");
  handler = g_signal_connect (list, "items-changed", G_CALLBACK (on_answer_items_changed_cb), &at);
  g_assert_cmpuint (fake_store_release (store, FAKE_REQUEST_COUNT), ==, 1);
  sizes.n = N_CUSTOMERS / 5;
  wait_until (list_has, &sizes, "the search's count");
  g_signal_handler_disconnect (list, handler);

  /* The answer came without a request for the rows below the viewport. */
  g_assert_cmpuint (at.n_changes, ==, 1);
  g_assert_cmpuint (at.n_list_requests, ==, 0);
  g_assert_true (at.refill_waiting);
  g_assert_true (clt_customer_list_is_current (list, 0));
  g_assert_false (clt_customer_list_is_current (list, below.position));

  /* The next frame asks for them. */
  wait_until (list_request_held, store, "the rows below the viewport asked for");
  g_assert_false (clt_customer_list_get_refill_waiting (list));
  fake_store_set_hold (store, FALSE);
  fake_store_release (store, FAKE_REQUEST_ANY);
  wait_until (row_current, &below, "the rows below the viewport refilled");
  g_assert_true (g_str_has_prefix (clt_customer_get_last_name (held), "Meyer"));

  gtk_window_destroy (window);
}

/* A scroll jump makes GTK rebind its rows to positions whose pages are not
 * cached: the store reads them once the frame that lays those rows out is
 * painted, not while it is (the readers took the CPU from that frame), and
 * the rows fill as before. */
static void
test_jump_reads_after_paint (void)
{
  g_autoptr(FakeStore) store = fake_store_new (N_CUSTOMERS);
  g_autoptr(CltCustomerList) list = clt_customer_list_new (CLT_STORE (store));
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CltCustomerTable *table = CLT_CUSTOMER_TABLE (clt_customer_table_new ());
  Sizes sizes = { table, list, N_CUSTOMERS };
  Position far = { list, 1500 };
  GtkAdjustment *adjustment;
  guint n_calls;

  present_table (window, table, &sizes);
  wait_for_paint (GTK_WIDGET (window));
  n_calls = fake_store_get_n_list_calls (store);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (clt_customer_table_get_column_view (table)));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) * far.position / N_CUSTOMERS);

  /* Rebound already (GTK does it as the value changes); nothing read. */
  g_assert_false (clt_customer_list_is_current (list, far.position));
  g_assert_true (clt_customer_list_get_refill_waiting (list));
  g_assert_cmpuint (fake_store_get_n_list_calls (store), ==, n_calls);

  wait_until (row_current, &far, "the jump's rows read after its frame");
  g_assert_cmpuint (fake_store_get_n_list_calls (store), >, n_calls);

  gtk_window_destroy (window);
}

/* Up from a widget @view picked to the cell around it (GTK's). */
static GtkWidget *
cell_at (GtkWidget *view,
         double     x,
         double     y)
{
  for (GtkWidget *w = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
       w != NULL && w != view;
       w = gtk_widget_get_parent (w))
    if (g_strcmp0 (gtk_widget_get_css_name (w), "cell") == 0)
      return w;

  return NULL;
}

/* The text of the cell at (@x, @y) of @view. */
static GtkWidget *
inscription_at (GtkWidget *view,
                double     x,
                double     y)
{
  GtkWidget *cell = cell_at (view, x, y);
  GtkWidget *child;

  g_assert_nonnull (cell);
  child = gtk_widget_get_first_child (cell);
  g_assert_true (GTK_IS_INSCRIPTION (child));

  return child;
}

static gboolean
widget_opaque (gpointer data)
{
  return gtk_widget_get_opacity (data) > 0;
}

static void
assert_hidden (GtkWidget *child,
               gboolean   hidden)
{
  g_autofree char *error = gtk_test_accessible_check_state (GTK_ACCESSIBLE (child),
                                                            GTK_ACCESSIBLE_STATE_HIDDEN,
                                                            hidden);

  g_assert_cmpfloat (gtk_widget_get_opacity (child), ==, hidden ? 0 : 1);
  /* Never set is not hidden either. */
  if (hidden || gtk_test_accessible_has_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN))
    g_assert_null (error);
}

/* A scroll jump binds the rows in sight to placeholders until the store
 * answers their page: their cells show nothing, to sight (transparent)
 * and to assistive technologies (hidden), and show the customer once the
 * page fills the row. */
static void
test_loading_rows_hidden (void)
{
  g_autoptr(FakeStore) store = fake_store_new (N_CUSTOMERS);
  g_autoptr(CltCustomerList) list = clt_customer_list_new (CLT_STORE (store));
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CltCustomerTable *table = CLT_CUSTOMER_TABLE (clt_customer_table_new ());
  GtkWidget *view = GTK_WIDGET (clt_customer_table_get_column_view (table));
  Sizes sizes = { table, list, N_CUSTOMERS };
  GtkAdjustment *adjustment;
  GtkWidget *child;
  double row_height;

  present_table (window, table, &sizes);
  wait_for_paint (GTK_WIDGET (window));
  child = inscription_at (view, 200, 400);
  assert_hidden (child, FALSE);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  row_height = gtk_adjustment_get_upper (adjustment) / N_CUSTOMERS;
  fake_store_set_hold (store, TRUE);
  gtk_adjustment_set_value (adjustment, N_CUSTOMERS / 2 * row_height);
  wait_for_paint (GTK_WIDGET (window));
  child = inscription_at (view, 200, 400);
  assert_hidden (child, TRUE);

  fake_store_set_hold (store, FALSE);
  fake_store_release (store, FAKE_REQUEST_ANY);
  wait_until (widget_opaque, child, "the row filled");
  assert_hidden (child, FALSE);
  g_assert_nonnull (gtk_inscription_get_text (GTK_INSCRIPTION (child)));
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (child)), !=, "");

  gtk_window_destroy (window);
}

typedef struct
{
  GtkWidget *cell;
  GtkWidget *child;
  gboolean   seen;
  gboolean   cell_alive;
  gboolean   cell_parented;
} AtShrink;

/* After the table's and GTK's handlers: what is left of the row GTK
 * dropped. */
static void
on_shrink_items_changed_cb (GListModel *model,
                            guint       position,
                            guint       removed,
                            guint       added,
                            AtShrink   *at)
{
  if (removed == 0 || at->seen)
    return;

  at->seen = TRUE;
  at->cell_alive = at->cell != NULL;
  at->cell_parented = at->cell != NULL && gtk_widget_get_parent (at->cell) != NULL;
}

static gboolean
widget_gone (gpointer data)
{
  return *(GtkWidget **) data == NULL;
}

static gboolean
widget_parented (gpointer data)
{
  GtkWidget **widget = data;

  return *widget != NULL && gtk_widget_get_parent (*widget) != NULL;
}

/* A search narrowed to one match: GTK drops the row widgets of the rows
 * that went, and with them their cells. It drops them inside the list's
 * items-changed; their finalization waits for an idle after it, and the
 * cells' children of ours are kept and used again by the rows the view
 * grows when the search is cleared. */
static void
test_shrink_keeps_cell_children (void)
{
  g_autoptr(FakeStore) store = fake_store_new (N_CUSTOMERS);
  g_autoptr(CltCustomerList) list = clt_customer_list_new (CLT_STORE (store));
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CltCustomerTable *table = CLT_CUSTOMER_TABLE (clt_customer_table_new ());
  GtkWidget *view = GTK_WIDGET (clt_customer_table_get_column_view (table));
  Sizes sizes = { table, list, N_CUSTOMERS };
  AtShrink at = { NULL, NULL, FALSE, FALSE, FALSE };
  gulong handler;

  present_table (window, table, &sizes);
  wait_for_paint (GTK_WIDGET (window));

  /* A cell some rows down, and our child in it. */
  at.cell = cell_at (view, 200, 400);
  g_assert_nonnull (at.cell);
  at.child = gtk_widget_get_first_child (at.cell);
  g_assert_nonnull (at.child);
  g_object_add_weak_pointer (G_OBJECT (at.cell), (gpointer *) &at.cell);
  g_object_add_weak_pointer (G_OBJECT (at.child), (gpointer *) &at.child);

  handler = g_signal_connect (list, "items-changed", G_CALLBACK (on_shrink_items_changed_cb), &at);
  set_search (list, "Meyer 00005");
  sizes.n = 1;
  wait_until (list_settled, &sizes, "the search's one customer");
  g_signal_handler_disconnect (list, handler);

  /* Dropped by GTK, not finalized in its handler. */
  g_assert_true (at.seen);
  g_assert_true (at.cell_alive);
  g_assert_false (at.cell_parented);
  /* Finalized soon after. */
  wait_until (widget_gone, &at.cell, "the dropped cell finalized");

  /* The child outlived its cell, unparented, and shows a customer again
   * once the view grows back. */
  g_assert_nonnull (at.child);
  g_assert_null (gtk_widget_get_parent (at.child));
  set_search (list, "");
  sizes.n = N_CUSTOMERS;
  wait_until (view_has_all, &sizes, "the cleared search in the view");
  wait_until (widget_parented, &at.child, "the kept child in a cell again");
  wait_for_paint (GTK_WIDGET (window));
  save_screenshot (GTK_WIDGET (window), "table-regrown.png");

  g_object_remove_weak_pointer (G_OBJECT (at.child), (gpointer *) &at.child);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/clt/table-growth/waits-for-store", test_growth_waits_for_store);
  g_test_add_func ("/clt/table-growth/empty-search-keeps-rows", test_empty_search_keeps_rows);
  g_test_add_func ("/clt/table-growth/cells-follow-their-customer",
                   test_cells_follow_their_customer);
  g_test_add_func ("/clt/table-growth/rows-out-of-sight-unwatched",
                   test_rows_out_of_sight_unwatched);
  g_test_add_func ("/clt/table-growth/rows-below-refill-after-paint",
                   test_rows_below_refill_after_paint);
  g_test_add_func ("/clt/table-growth/jump-reads-after-paint", test_jump_reads_after_paint);
  g_test_add_func ("/clt/table-growth/loading-rows-hidden", test_loading_rows_hidden);
  g_test_add_func ("/clt/table-growth/shrink-keeps-cell-children",
                   test_shrink_keeps_cell_children);

  return g_test_run ();
}
