/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real main window over a temporary SQLite store, under Xvfb.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "clt-application.h"
#include "clt-customer.h"
#include "clt-customer-list.h"
#include "clt-query.h"
#include "clt-sqlite-store.h"
#include "clt-store.h"
#include "clt-window-private.h"

#include "ui-test-util.h"
#include "unprivileged.h"

#define N_SAMPLE 300
#define TEMP_DIR_TEMPLATE "clt-test-window-XXXXXX"

static CltApplication *app;
/* GDK_DEBUG as the test started, before the application was made. */
static char *gdk_debug_at_start;

static char *
format_count (guint n_items,
              guint total,
              gboolean filtered)
{
  if (filtered)
    return g_strdup_printf ("%'u of %'u customers", n_items, total);
  return g_strdup_printf ("%'u customers", n_items);
}

typedef struct
{
  CltWindow  *window;
  const char *title;
  guint       n_items;
} TitleWait;

static gboolean
title_is (gpointer data)
{
  TitleWait *wait = data;
  CltCustomerList *list = clt_window_get_customer_list (wait->window);

  return !clt_customer_list_get_loading (list) &&
         g_strcmp0 (gtk_window_get_title (GTK_WINDOW (wait->window)), wait->title) == 0;
}

static gboolean
is_inside_row (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (g_strcmp0 (gtk_widget_get_css_name (w), "row") == 0)
      return TRUE;

  return FALSE;
}

/* The text a table cell shows: cells are GtkLabels or GtkInscriptions. */
static const char *
cell_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (GTK_IS_INSCRIPTION (widget))
    return gtk_inscription_get_text (GTK_INSCRIPTION (widget));

  return NULL;
}

/* A WidgetMatch: a mapped label inside a row that shows text. */
static gboolean
is_row_label_with_text (GtkWidget     *widget,
                        gconstpointer  data)
{
  return gtk_widget_get_mapped (widget) &&
         cell_text (widget) != NULL && cell_text (widget)[0] != '\0' && is_inside_row (widget);
}

/* Mapped labels inside rows of @widget that show text. */
static guint
count_row_labels_with_text (GtkWidget *widget)
{
  return count_widgets (widget, is_row_label_with_text, NULL);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  return find_widget (widget, is_button_labelled, label);
}

static void
wait_for_rows (CltWindow *window,
               guint      n_items)
{
  g_autofree char *title = format_count (n_items, 0, FALSE);
  TitleWait wait = { window, title, n_items };

  wait_until (title_is, &wait, title);
  wait_until (first_rows_loaded, window, "the first rows");
  wait_for_paint (GTK_WIDGET (window));
}

static GPtrArray *
store_page (CltStore *store,
            CltQuery *query,
            guint     limit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *page;

  clt_store_list_customers_async (store, query, 0, limit, CLT_LIST_FLAGS_NONE, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "a page from the store");
  page = clt_store_list_customers_finish (store, result, NULL, &error);
  g_assert_no_error (error);

  return page;
}

static void
assert_rows_match_store (CltWindow *window,
                         guint      n_rows)
{
  CltCustomerList *list = clt_window_get_customer_list (window);
  g_autoptr(CltQuery) query = clt_customer_list_dup_query (list);
  g_autoptr(GPtrArray) expected = store_page (clt_window_get_store (window), query, n_rows);

  g_assert_cmpuint (expected->len, ==, MIN (n_rows, g_list_model_get_n_items (G_LIST_MODEL (list))));

  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(CltCustomer) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (clt_customer_get_loaded (row));
      g_assert_cmpstr (clt_customer_get_id (row), ==,
                       clt_customer_get_id (g_ptr_array_index (expected, i)));
    }
}

static GtkColumnViewColumn *
find_column (CltWindow  *window,
             const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (clt_window_get_column_view (window));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_error ("No column “%s”", title);
  return NULL;
}

static void
test_rows_appear (void)
{
  static const char *titles[] = {
    "Customer No.", "Registered", "Email", "Last Name", "First Name", "Company",
    "Zip Code", "City", "Country", "Status", "Preferred Site",
  };
  TempStore ts = { 0 };
  CltWindow *window;
  GListModel *model;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  window = create_window (app, ts.store);

  wait_for_rows (window, N_SAMPLE);

  model = G_LIST_MODEL (gtk_column_view_get_model (clt_window_get_column_view (window)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_SAMPLE);
  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "table");

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_assert_nonnull (find_column (window, titles[i]));

  /* At least a screenful of rows with most of their cells filled. */
  g_assert_cmpuint (count_row_labels_with_text (GTK_WIDGET (clt_window_get_column_view (window))),
                    >=, 10 * 8);

  destroy_window (window);
  temp_store_clear (&ts);
}

/* Under the cairo renderer the application keeps GTK from making the GL
 * context it would not draw with; a GDK_DEBUG of the user's stays. */
static void
test_cairo_skips_gl (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("GDK_DEBUG"));
  g_autoptr(CltApplication) other = NULL;

  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") != 0)
    {
      g_test_skip ("GSK_RENDERER is not cairo");
      return;
    }

  if (gdk_debug_at_start == NULL)
    g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "gl-disable");
  else
    g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, gdk_debug_at_start);

  g_setenv ("GDK_DEBUG", "misc", TRUE);
  other = clt_application_new ();
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "misc");

  if (saved != NULL)
    g_setenv ("GDK_DEBUG", saved, TRUE);
  else
    g_unsetenv ("GDK_DEBUG");
}

static gboolean
is_customer_page (GtkWidget     *widget,
                  gconstpointer  data)
{
  return CLT_IS_CUSTOMER_PAGE (widget);
}

static gboolean
page_shows (gpointer data)
{
  CltWindow *window = data;

  return g_strcmp0 (clt_window_get_visible_page (window), "customer") == 0;
}

/* Start-up builds the table only: the customer page comes with the first
 * customer opened, works at once, and is the same page the next time. */
static void
test_customer_page_built_when_opened (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  GtkColumnView *view;
  CltCustomerPage *page;
  g_autoptr(CltCustomer) first = NULL;
  g_autoptr(CltCustomer) second = NULL;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  window = create_window (app, ts.store);
  wait_for_rows (window, N_SAMPLE);

  g_assert_null (find_widget (GTK_WIDGET (window), is_customer_page, NULL));

  view = clt_window_get_column_view (window);
  first = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), 0);
  g_assert_true (clt_customer_get_loaded (first));
  g_signal_emit_by_name (view, "activate", 0);
  wait_until (page_shows, window, "the customer page");

  page = CLT_CUSTOMER_PAGE (find_widget (GTK_WIDGET (window), is_customer_page, NULL));
  g_assert_nonnull (page);
  g_assert_true (page == clt_window_get_customer_page (window));
  wait_until (page_loaded, page, "the first customer");
  g_assert_cmpstr (clt_customer_get_email (clt_customer_page_get_customer (page)), ==,
                   clt_customer_get_email (first));

  clt_window_show_table (window);
  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "table");

  second = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), 1);
  g_assert_true (clt_customer_get_loaded (second));
  g_signal_emit_by_name (view, "activate", 1);
  wait_until (page_shows, window, "the customer page again");
  g_assert_true (page == clt_window_get_customer_page (window));
  g_assert_cmpstr (clt_customer_page_get_customer_id (page), ==, clt_customer_get_id (second));
  wait_until (page_loaded, page, "the second customer");
  g_assert_cmpstr (clt_customer_get_email (clt_customer_page_get_customer (page)), ==,
                   clt_customer_get_email (second));

  destroy_window (window);
  temp_store_clear (&ts);
}

static gboolean
contains_folded (CltCustomer *customer,
                 const char  *folded_needle)
{
  const char *fields[] = {
    clt_customer_get_number (customer),
    clt_customer_get_email (customer),
    clt_customer_get_first_name (customer),
    clt_customer_get_last_name (customer),
    clt_customer_get_company (customer),
    clt_customer_get_zip_code (customer),
    clt_customer_get_city (customer),
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = clt_fold_text (fields[i]);

      if (strstr (folded, folded_needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
record_title_cb (GtkWindow  *window,
                 GParamSpec *pspec,
                 GPtrArray  *titles)
{
  g_ptr_array_add (titles, g_strdup (gtk_window_get_title (window)));
}

static void
test_search_filters (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  CltCustomerList *list;
  GtkEditable *entry;
  g_autoptr(CltCustomer) first = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *folded_needle = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *unfiltered = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  gulong title_handler;
  TitleWait wait;
  guint n_found;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  window = create_window (app, ts.store);
  list = clt_window_get_customer_list (window);
  wait_for_rows (window, N_SAMPLE);

  /* Search for the last name of the first row: at least one hit, and
   * surely not all of them. */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  needle = g_strdup (clt_customer_get_last_name (first));
  g_assert_cmpuint (strlen (needle), >=, 3);
  folded_needle = clt_fold_text (needle);

  /* A selected row must not survive a new query: the list refills its row
   * objects with other customers, so the selection would move silently. */
  {
    GtkSelectionModel *selection = gtk_column_view_get_model (clt_window_get_column_view (window));

    gtk_selection_model_select_item (selection, 0, TRUE);
    g_assert_true (gtk_selection_model_is_selected (selection, 0));
  }

  entry = clt_window_get_search_entry (window);
  /* Typed one character at a time, as a user would. */
  for (const char *p = needle; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *prefix = g_strndup (needle, g_utf8_next_char (p) - needle);

      gtk_editable_set_text (entry, prefix);
      g_main_context_iteration (NULL, FALSE);
    }

  wait_until (first_rows_loaded, window, "the search results");
  n_found = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n_found, >, 0);
  g_assert_cmpuint (n_found, <, N_SAMPLE);
  {
    GtkSelectionModel *selection = gtk_column_view_get_model (clt_window_get_column_view (window));
    g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

    g_assert_true (gtk_bitset_is_empty (selected));
  }

  expected = format_count (n_found, N_SAMPLE, TRUE);
  wait = (TitleWait) { window, expected, n_found };
  wait_until (title_is, &wait, expected);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, expected);

  for (guint i = 0; i < MIN (n_found, 10); i++)
    {
      g_autoptr(CltCustomer) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (contains_folded (row, folded_needle));
    }

  /* Nothing matches: the "No Results" page. */
  gtk_editable_set_text (entry, "zzzqqqxxx");
  wait = (TitleWait) { window, "0 of 300 customers", 0 };
  wait_until (title_is, &wait, wait.title);
  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "no-results");

  /* Escape clears and closes the search. The title goes straight from the
   * filtered count to the total: never the old rows' count worded as a
   * total ("0 customers") while the new count is under way. */
  titles = g_ptr_array_new_with_free_func (g_free);
  title_handler = g_signal_connect (window, "notify::title", G_CALLBACK (record_title_cb), titles);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-search", NULL));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  unfiltered = format_count (N_SAMPLE, 0, FALSE);
  wait = (TitleWait) { window, unfiltered, N_SAMPLE };
  wait_until (title_is, &wait, unfiltered);
  g_signal_handler_disconnect (window, title_handler);
  for (guint i = 0; i < titles->len; i++)
    g_assert_cmpstr (g_ptr_array_index (titles, i), ==, unfiltered);
  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "table");

  destroy_window (window);
  temp_store_clear (&ts);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n_notifies)
{
  (*n_notifies)++;
}

static gboolean
list_settled (gpointer data)
{
  return !clt_customer_list_get_loading (data);
}

/* The title is set again on every change of the list's loading state (each
 * page a scroll jump loads): only what changed is set, so the same count
 * makes no title change and no new tooltip (a tooltip set on a visible
 * widget asks the X server where the pointer is). */
static void
test_title_set_when_changed (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  CltCustomerList *list;
  g_autofree char *expected = NULL;
  g_autofree char *subtitle = NULL;
  guint n_title_notifies = 0;
  guint n_tooltip_notifies = 0;
  gulong title_handler, tooltip_handler;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  window = create_window (app, ts.store);
  list = clt_window_get_customer_list (window);
  wait_for_rows (window, N_SAMPLE);
  expected = format_count (N_SAMPLE, 0, FALSE);
  subtitle = g_strdup (adw_window_title_get_subtitle (window->window_title));
  g_assert_true (g_str_has_prefix (subtitle, expected));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (window->window_title)), ==, subtitle);

  title_handler = g_signal_connect (window, "notify::title", G_CALLBACK (count_notify_cb),
                                    &n_title_notifies);
  tooltip_handler = g_signal_connect (window->window_title, "notify::tooltip-text",
                                      G_CALLBACK (count_notify_cb), &n_tooltip_notifies);

  /* Loading and settling again with the same count. */
  for (guint i = 0; i < 3; i++)
    {
      clt_customer_list_reload (list);
      g_assert_true (clt_customer_list_get_loading (list));
      wait_until (list_settled, list, "the reload");
    }

  g_assert_cmpuint (n_title_notifies, ==, 0);
  g_assert_cmpuint (n_tooltip_notifies, ==, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, expected);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (window->window_title)), ==, subtitle);

  /* A new count still shows, in the title and the tooltip. */
  gtk_editable_set_text (clt_window_get_search_entry (window), "zzzqqqxxx");
  {
    TitleWait wait = { window, "0 of 300 customers", 0 };

    wait_until (title_is, &wait, wait.title);
  }
  g_assert_cmpuint (n_title_notifies, >, 0);
  g_assert_cmpuint (n_tooltip_notifies, >, 0);
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (GTK_WIDGET (window->window_title)),
                                   "0 of 300 customers"));

  g_signal_handler_disconnect (window, title_handler);
  g_signal_handler_disconnect (window->window_title, tooltip_handler);
  destroy_window (window);
  temp_store_clear (&ts);
}

typedef struct
{
  CltWindow        *window;
  CltSortKey        key;
  CltSortDirection  direction;
} SortWait;

static gboolean
sorted_by (gpointer data)
{
  SortWait *wait = data;
  g_autoptr(CltQuery) query = clt_customer_list_dup_query (clt_window_get_customer_list (wait->window));

  return clt_query_get_sort_key (query) == wait->key &&
         clt_query_get_sort_direction (query) == wait->direction &&
         first_rows_loaded (wait->window);
}

static void
test_header_click_sorts (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  CltCustomerList *list;
  GtkColumnView *view;
  SortWait wait;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.clientele.Clientele");
  g_autofree char *first_ascending = NULL;

  g_settings_reset (settings, "sort-key");
  g_settings_reset (settings, "sort-direction");

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  window = create_window (app, ts.store);
  list = clt_window_get_customer_list (window);
  view = clt_window_get_column_view (window);
  wait_for_rows (window, N_SAMPLE);

  /* Customer No. ascending by default. */
  wait = (SortWait) { window, CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING };
  wait_until (sorted_by, &wait, "the default sort");
  {
    g_autoptr(CltCustomer) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    first_ascending = g_strdup (clt_customer_get_number (first));
  }

  /* A click on a header, then a second click on it. */
  gtk_column_view_sort_by_column (view, find_column (window, "Last Name"), GTK_SORT_ASCENDING);
  wait = (SortWait) { window, CLT_SORT_KEY_LAST_NAME, CLT_SORT_ASCENDING };
  wait_until (sorted_by, &wait, "the sort by last name");
  assert_rows_match_store (window, 20);
  for (guint i = 1; i < 20; i++)
    {
      g_autoptr(CltCustomer) a = g_list_model_get_item (G_LIST_MODEL (list), i - 1);
      g_autoptr(CltCustomer) b = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *fa = clt_fold_text (clt_customer_get_last_name (a));
      g_autofree char *fb = clt_fold_text (clt_customer_get_last_name (b));

      g_assert_cmpint (g_utf8_collate (fa, fb), <=, 0);
    }

  gtk_column_view_sort_by_column (view, find_column (window, "Customer No."), GTK_SORT_DESCENDING);
  wait = (SortWait) { window, CLT_SORT_KEY_NUMBER, CLT_SORT_DESCENDING };
  wait_until (sorted_by, &wait, "the sort by number, descending");
  assert_rows_match_store (window, 20);
  {
    g_autoptr(CltCustomer) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(CltCustomer) last = g_list_model_get_item (G_LIST_MODEL (list), N_SAMPLE - 1);

    g_assert_cmpstr (clt_customer_get_number (first), !=, first_ascending);
    (void) last;
  }

  /* The sort is kept and a new window starts with it. */
  g_assert_cmpint (g_settings_get_enum (settings, "sort-key"), ==, CLT_SORT_KEY_NUMBER);
  g_assert_cmpint (g_settings_get_enum (settings, "sort-direction"), ==, CLT_SORT_DESCENDING);
  destroy_window (window);

  window = create_window (app, ts.store);
  {
    g_autoptr(CltQuery) query = clt_customer_list_dup_query (clt_window_get_customer_list (window));

    g_assert_cmpint (clt_query_get_sort_key (query), ==, CLT_SORT_KEY_NUMBER);
    g_assert_cmpint (clt_query_get_sort_direction (query), ==, CLT_SORT_DESCENDING);
  }
  wait_for_rows (window, N_SAMPLE);
  wait = (SortWait) { window, CLT_SORT_KEY_NUMBER, CLT_SORT_DESCENDING };
  wait_until (sorted_by, &wait, "the restored sort");
  assert_rows_match_store (window, 20);
  destroy_window (window);

  g_settings_reset (settings, "sort-key");
  g_settings_reset (settings, "sort-direction");
  temp_store_clear (&ts);
}

static gboolean
page_is (gpointer data)
{
  CltWindow *window = ((gpointer *) data)[0];
  const char *page = ((gpointer *) data)[1];

  return g_strcmp0 (clt_window_get_visible_page (window), page) == 0;
}

static gboolean
is_insensitive (gpointer data)
{
  return !gtk_widget_is_sensitive (data);
}

static void
test_empty_state (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  GtkWidget *button;
  gpointer wait[2];

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, 0);
  window = create_window (app, ts.store);

  wait[0] = window;
  wait[1] = (gpointer) "empty";
  wait_until (page_is, wait, "the empty state");
  wait_for_paint (GTK_WIDGET (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "0 customers");

  button = find_button_with_label (GTK_WIDGET (window), "Load Sample Customers");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));

  /* A keyboard activation clicks after a short press animation; the
   * button is insensitive while the sample is written. */
  gtk_widget_activate (button);
  wait_until (is_insensitive, button, "the button to turn insensitive");

  wait_for_rows (window, 1000);
  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "table");

  destroy_window (window);
  temp_store_clear (&ts);
}

static gboolean
has_mapped_label_containing (GtkWidget  *widget,
                             const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_mapped_label_containing (child, text))
      return TRUE;

  return FALSE;
}

static void
test_read_only (void)
{
  TempStore ts = { 0 };
  g_autoptr(GError) error = NULL;
  CltWindow *window;
  GtkWidget *button;

  if (run_unprivileged ("/clt/window/read-only"))
    return;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, 50);
  wait_until (only_one_ref, ts.store, "the store's last reference");
  g_assert_finalize_object (g_steal_pointer (&ts.store));
  g_assert_cmpint (g_chmod (ts.path, 0444), ==, 0);

  ts.store = CLT_STORE (clt_sqlite_store_new (ts.path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (clt_store_get_read_only (ts.store));

  window = create_window (app, ts.store);
  wait_for_rows (window, 50);

  g_assert_true (has_mapped_label_containing (GTK_WIDGET (window), "read-only"));
  button = find_button_with_label (GTK_WIDGET (window), "Load Sample Customers");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));

  destroy_window (window);
  g_chmod (ts.path, 0644);
  temp_store_clear (&ts);
}

static void
test_error_dialog (void)
{
  static const char garbage[] = "This is a shopping list, not a database.\nMilk\nEggs\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp (TEMP_DIR_TEMPLATE, &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  AdwMessageDialog *dialog = NULL;
  gsize length;

  g_assert_no_error (error);
  path = g_build_filename (dir, "shopping-list.db", NULL);
  g_file_set_contents (path, garbage, -1, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  clt_application_open_database (app, file);
  wait_until (find_message_dialog, &dialog, "the error dialog");

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Open Database");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  g_assert_null (clt_application_get_main_window (app));

  /* The refused file is left as it was. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, garbage);

  gtk_window_destroy (GTK_WINDOW (dialog));
  remove_dir (dir);
}

static void
screenshot_window (CltWindow *window,
                   int        width)
{
  g_autofree char *name = g_strdup_printf ("long-toast-%d.png", width);

  save_screenshot (GTK_WIDGET (window), name);
}

static gboolean
toast_shown (gpointer data)
{
  GtkWidget *label = data;

  return gtk_widget_get_mapped (label) && gtk_widget_get_width (label) > 0;
}

/* An error toast says all of its (long) message, at a wide and at a
 * narrow width: wrapped, not cut off, and the toast tall enough for it. */
static void
test_long_toast_fits (void)
{
  static const int widths[] = { 900, 600, 360 };
  TempStore ts = { 0 };

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, 0);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      CltWindow *window = create_window (app, ts.store);
      GtkWidget *label;
      int needed = 0;

      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], 500);
      wait_for_frames (GTK_WIDGET (window), 3);
      /* The default size holds the client-side decorations' shadow too. */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, widths[i]);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >, widths[i] - 50);

      clt_window_add_toast (window, "Couldn't save the customer: Someone else changed this "
                                    "customer in the meantime. Reload it and make your changes "
                                    "again.");
      label = adw_toast_get_custom_title (clt_window_get_last_toast (window));
      wait_until (toast_shown, label, "the toast");
      wait_for_frames (GTK_WIDGET (window), 3);

      g_test_message ("%d px: the text is %d × %d px", widths[i], gtk_widget_get_width (label),
                      gtk_widget_get_height (label));
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label),
                          &needed, NULL, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_height (label), >=, needed);
      screenshot_window (window, widths[i]);
      destroy_window (window);
    }

  temp_store_clear (&ts);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gdk_debug_at_start = g_strdup (g_getenv ("GDK_DEBUG"));
  ui_test_init (&argc, &argv);

  app = ui_test_app_new ();

  g_test_add_func ("/clt/window/rows-appear", test_rows_appear);
  g_test_add_func ("/clt/window/cairo-skips-gl", test_cairo_skips_gl);
  g_test_add_func ("/clt/window/customer-page-built-when-opened", test_customer_page_built_when_opened);
  g_test_add_func ("/clt/window/search-filters", test_search_filters);
  g_test_add_func ("/clt/window/title-set-when-changed", test_title_set_when_changed);
  g_test_add_func ("/clt/window/header-click-sorts", test_header_click_sorts);
  g_test_add_func ("/clt/window/empty-state", test_empty_state);
  g_test_add_func ("/clt/window/error-dialog", test_error_dialog);
  g_test_add_func ("/clt/window/read-only", test_read_only);
  g_test_add_func ("/clt/window/long-toast-fits", test_long_toast_fits);

  ret = g_test_run ();

  g_clear_object (&app);
  g_free (gdk_debug_at_start);

  return ret;
}
