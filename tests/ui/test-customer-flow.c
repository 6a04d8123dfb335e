/* test-customer-flow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window's customer flow under Xvfb, over a temporary SQLite
 * store: Add Customer, opening a row and coming back, delete with Undo
 * (the store's pending deletion), finished when the toast goes or the
 * window closes, and failures told in words.
 */

#include "config.h"

#include <string.h>

#include "clt-address-editor.h"
#include "clt-address-editor-private.h"
#include "clt-application.h"
#include "clt-customer.h"
#include "clt-customer-editor.h"
#include "clt-customer-editor-private.h"
#include "clt-customer-list.h"
#include "clt-customer-page.h"
#include "clt-customer-table.h"
#include "clt-query.h"
#include "clt-sqlite-store.h"
#include "clt-store.h"
#include "clt-toast.h"
#include "clt-window-private.h"

#include "ui-test-store.h"
#include "ui-test-util.h"

#define N_SAMPLE 300
#define TEMP_DIR_TEMPLATE "clt-test-flow-XXXXXX"

static CltApplication *app;

static guint
store_count (CltStore *store)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  clt_store_count_customers_async (store, query, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the store's count");
  clt_store_count_customers_finish (store, result, &n, &error);
  g_assert_no_error (error);

  return n;
}

/* Whether the store lists @customer_id (a customer whose deletion is
 * pending is not listed). */
static gboolean
store_lists (CltStore   *store,
             const char *customer_id)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;

  clt_store_list_customers_async (store, query, 0, CLT_STORE_MAX_PAGE_SIZE, CLT_LIST_FLAGS_NONE,
                                  NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the store's customers");
  page = clt_store_list_customers_finish (store, result, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < page->len; i++)
    if (g_strcmp0 (clt_customer_get_id (g_ptr_array_index (page, i)), customer_id) == 0)
      return TRUE;

  return FALSE;
}

/* Whether the store still has @customer_id at all (a deletion once
 * finished anonymizes the customer under a new id). */
static gboolean
store_has (CltStore   *store,
           const char *customer_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CltCustomer) customer = NULL;

  clt_store_get_customer_async (store, customer_id, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the store's customer");
  customer = clt_store_get_customer_finish (store, result, &error);
  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND))
    return FALSE;
  g_assert_no_error (error);

  return TRUE;
}

/* Whether the store holds a deletion of @customer_id that can be undone:
 * takes it back to find out (fine once the UI is done with it). */
static gboolean
store_can_undo (CltStore   *store,
                const char *customer_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CltCustomer) customer = NULL;

  clt_store_undo_delete_customer_async (store, customer_id, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the probing undo");
  customer = clt_store_undo_delete_customer_finish (store, result, &error);
  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND))
    return FALSE;
  g_assert_no_error (error);

  return TRUE;
}

typedef struct
{
  CltWindow *window;
  guint      n_items;
} RowsWait;

static gboolean
rows_loaded (gpointer data)
{
  RowsWait *wait = data;
  CltCustomerList *list = clt_window_get_customer_list (wait->window);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (clt_customer_list_get_loading (list) || n != wait->n_items)
    return FALSE;

  for (guint i = 0; i < MIN (n, 30); i++)
    {
      g_autoptr(CltCustomer) customer = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (!clt_customer_get_loaded (customer))
        return FALSE;
    }

  return TRUE;
}

static char *
format_count (guint n_items)
{
  return g_strdup_printf ("%'u customers", n_items);
}

/* Waits for @n_items rows, the first loaded, and the title counting them. */
static void
wait_for_rows (CltWindow *window,
               guint      n_items)
{
  g_autofree char *title = format_count (n_items);
  RowsWait wait = { window, n_items };

  wait_until (rows_loaded, &wait, title);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
}

typedef struct
{
  CltWindow  *window;
  const char *customer_id;
  gboolean    listed;
} RowWait;

static gboolean
row_listed_is (gpointer data)
{
  RowWait *wait = data;
  CltCustomerList *list = clt_window_get_customer_list (wait->window);
  guint position = clt_customer_list_find_loaded (list, wait->customer_id);

  return !clt_customer_list_get_loading (list) && (position != G_MAXUINT) == wait->listed;
}

/* Waits until the table's loaded rows show (or no longer show) a customer. */
static void
wait_for_row (CltWindow  *window,
              const char *customer_id,
              gboolean    listed)
{
  RowWait wait = { window, customer_id, listed };

  wait_until (row_listed_is, &wait, listed ? "the row to be listed" : "the row to go");
}

static CltCustomer *
get_row (CltWindow *window,
         guint      position)
{
  GListModel *list = G_LIST_MODEL (clt_window_get_customer_list (window));
  CltCustomer *customer = g_list_model_get_item (list, position);
  CltCustomer *copy;

  g_assert_nonnull (customer);
  g_assert_true (clt_customer_get_loaded (customer));

  /* A snapshot: the list refills its row objects in place when the query
   * or the store changes, so the row object may show another customer
   * later. */
  copy = clt_customer_copy (customer);
  g_object_unref (customer);

  return copy;
}

static GtkSelectionModel *
get_selection (CltWindow *window)
{
  return gtk_column_view_get_model (clt_window_get_column_view (window));
}

static void
select_row (CltWindow *window,
            guint      position)
{
  gtk_selection_model_select_item (get_selection (window), position, TRUE);
}

/* The one selected position, or GTK_INVALID_LIST_POSITION when none or
 * several are. */
static guint
get_selected (CltWindow *window)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (get_selection (window));

  if (gtk_bitset_get_size (selected) != 1)
    return GTK_INVALID_LIST_POSITION;

  return gtk_bitset_get_nth (selected, 0);
}

/* Asks to delete (the action win.delete-customer) and confirms. */
static void
delete_and_confirm (CltWindow   *window,
                    CltCustomer *customer)
{
  AdwMessageDialog *dialog = NULL;
  g_autofree char *name = g_strdup_printf ("%s %s",
                                           clt_customer_get_first_name (customer),
                                           clt_customer_get_last_name (customer));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-customer", NULL));
  wait_until (find_message_dialog, &dialog, "the delete confirmation");

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete Account?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), name));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Orders are kept"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "delete"), ==, "_Delete Account");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");

  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static GtkWidget *
find_button_with_tooltip (GtkWidget  *widget,
                          const char *tooltip)
{
  return find_widget (widget, is_button_with_tooltip, tooltip);
}

/* A label on screen whose text has @data in it, in any case. */
static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  data)
{
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;

  label = g_utf8_casefold (gtk_label_get_label (GTK_LABEL (widget)), -1);
  text = g_utf8_casefold (data, -1);

  return strstr (label, text) != NULL;
}

/* An editor over a read-only store: Save is insensitive and says why, and
 * the banner says so, in words that hold for any back end. */
static void
check_read_only_editor (GtkWidget  *editor,
                        gboolean    can_save,
                        const char *error)
{
  GtkWidget *save_button;

  g_assert_false (can_save);
  save_button = find_button_with_tooltip (editor,
                                          "Changes can't be saved: this customer data is read-only");
  g_assert_nonnull (save_button);
  g_assert_false (gtk_widget_is_sensitive (save_button));

  g_assert_nonnull (find_widget (editor, is_label_containing, "This customer data is read-only"));
  g_assert_nonnull (error);
  g_assert_null (find_widget (editor, is_label_containing, "database"));
}

static AdwToast *
get_delete_toast (CltWindow *window)
{
  AdwToast *toast = clt_window_get_last_toast (window);

  g_assert_nonnull (toast);
  g_assert_cmpstr (clt_toast_get_message (toast), ==, "Customer deleted");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_assert_cmpuint (adw_toast_get_timeout (toast), ==, 10);

  return toast;
}

/* Dismisses @toast as its close button or its timeout would. The toast
 * must have finished appearing first: libadwaita 1.2 frees a toast that is
 * dismissed during its show animation while the animation still runs, and
 * crashes when it ends (a person cannot click that fast; a test can). */
static void
dismiss_toast (AdwToast *toast)
{
  run_for (600);
  adw_toast_dismiss (toast);
}

/* The window follows no deletion any more: each was finished or undone. */
static gboolean
no_deletion_pending (gpointer data)
{
  CltWindow *window = data;

  return window->deletions->len == 0 &&
         !clt_customer_list_get_loading (clt_window_get_customer_list (window));
}

static gboolean
editor_shown (gpointer data)
{
  CltCustomerEditor *editor = clt_window_get_editor (data);

  return editor != NULL && gtk_widget_get_mapped (GTK_WIDGET (editor));
}

static void
close_editor (CltWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (clt_window_get_editor (window)));
  g_assert_null (clt_window_get_editor (window));
}

typedef struct
{
  CltWindow  *window;
  const char *title;
} ToastWait;

static gboolean
toast_is (gpointer data)
{
  ToastWait *wait = data;
  AdwToast *toast = clt_window_get_last_toast (wait->window);

  return toast != NULL && g_strcmp0 (clt_toast_get_message (toast), wait->title) == 0;
}

static gboolean
page_shows_first_name (gpointer data)
{
  CltCustomerPage *page = data;
  CltCustomer *customer = clt_customer_page_get_customer (page);

  return page_loaded (page) &&
         g_strcmp0 (clt_customer_get_first_name (customer), "Augusta") == 0;
}

/* Add Customer through the window, then View and Edit from the page. */
static void
test_add_then_edit (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  CltCustomerEditor *editor;
  CltCustomerPage *page;
  AdwToast *toast;
  ToastWait wait;
  g_autofree char *customer_id = NULL;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  window = create_window (app, ts.store);
  page = clt_window_get_customer_page (window);
  wait_for_rows (window, N_SAMPLE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-customer", NULL));
  wait_until (window_editor_ready, window, "the Add Customer dialog");
  editor = clt_window_get_editor (window);
  gtk_editable_set_text (GTK_EDITABLE (clt_customer_editor_get_field_row (editor, "first-name")), "Ada");
  gtk_editable_set_text (GTK_EDITABLE (clt_customer_editor_get_field_row (editor, "last-name")), "Lovelace");
  gtk_editable_set_text (GTK_EDITABLE (clt_customer_editor_get_field_row (editor, "email")), "ada@example.com");
  g_assert_true (clt_customer_editor_get_can_save (editor));
  clt_customer_editor_save (editor);

  /* The toast, the row (the store's "changed"), the dialog gone. */
  wait = (ToastWait) { window, "Customer added" };
  wait_until (toast_is, &wait, "the Customer added toast");
  wait_for_rows (window, N_SAMPLE + 1);
  g_assert_null (clt_window_get_editor (window));
  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "table");

  /* Its View button opens the new customer. */
  toast = clt_window_get_last_toast (window);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_View");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.show-customer");
  customer_id = g_variant_dup_string (adw_toast_get_action_target_value (toast), NULL);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-customer",
                                                     adw_toast_get_action_target_value (toast)));
  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "customer");
  wait_until (page_loaded, page, "the new customer's page");
  g_assert_cmpstr (clt_customer_get_email (clt_customer_page_get_customer (page)), ==, "ada@example.com");

  /* Edit from the page (its Edit button, Ctrl+E): saved, the page reloads. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.edit", NULL));
  wait_until (window_editor_ready, window, "the Edit Customer dialog");
  editor = clt_window_get_editor (window);
  g_assert_false (clt_customer_editor_is_create (editor));
  g_assert_cmpstr (clt_customer_get_id (clt_customer_editor_get_customer (editor)), ==, customer_id);
  gtk_editable_set_text (GTK_EDITABLE (clt_customer_editor_get_field_row (editor, "first-name")), "Augusta");
  clt_customer_editor_save (editor);

  wait = (ToastWait) { window, "Customer saved" };
  wait_until (toast_is, &wait, "the Customer saved toast");
  wait_until (page_shows_first_name, page, "the page to show the change");
  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "customer");

  destroy_window (window);
  temp_store_clear (&ts);
}

static void
test_add_and_edit_dialogs (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  CltCustomerEditor *editor;
  g_autoptr(CltCustomer) row = NULL;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  window = create_window (app, ts.store);
  wait_for_rows (window, N_SAMPLE);

  /* Add Customer: the header button's action (Ctrl+N). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-customer", NULL));
  wait_until (editor_shown, window, "the Add Customer dialog");
  editor = clt_window_get_editor (window);
  g_assert_true (clt_customer_editor_is_create (editor));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  close_editor (window);

  /* Ctrl+E without a selected row does nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-customer", NULL));
  run_for (200);
  g_assert_null (clt_window_get_editor (window));

  /* With one, it edits the whole stored customer. */
  select_row (window, 3);
  row = get_row (window, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-customer", NULL));
  wait_until (editor_shown, window, "the Edit Customer dialog");
  editor = clt_window_get_editor (window);
  g_assert_false (clt_customer_editor_is_create (editor));
  g_assert_cmpstr (clt_customer_get_id (clt_customer_editor_get_customer (editor)), ==,
                   clt_customer_get_id (row));
  close_editor (window);

  destroy_window (window);
  temp_store_clear (&ts);
}


/* A mapped label or inscription in the table that shows @text. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;

  /* Table cells are GtkLabels or GtkInscriptions. */
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  if (GTK_IS_INSCRIPTION (widget) &&
      g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
  GtkWidget  *label;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  wait->label = find_label (wait->widget, wait->text);

  return wait->label != NULL;
}

static GtkGesture *
find_secondary_click (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) == GDK_BUTTON_SECONDARY)
        return GTK_GESTURE (controller);
    }

  return NULL;
}

static GtkPopover *
find_visible_popover (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child) && gtk_widget_get_visible (child))
      return GTK_POPOVER (child);

  return NULL;
}

/* Right click on a row: it is selected and a menu offers View, Edit…,
 * Delete…; View opens it. */
static void
test_row_menu (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  GtkColumnView *view;
  GtkWidget *table;
  GtkWidget *label;
  LabelWait shown;
  GtkGesture *gesture;
  GtkPopover *popover;
  GMenuModel *model;
  g_autoptr(CltCustomer) row = NULL;
  graphene_point_t point;
  g_autofree char *action = NULL;
  g_autoptr(GVariant) target = NULL;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  window = create_window (app, ts.store);
  wait_for_rows (window, N_SAMPLE);
  run_for (200);
  view = clt_window_get_column_view (window);
  table = gtk_widget_get_ancestor (GTK_WIDGET (view), CLT_TYPE_CUSTOMER_TABLE);

  row = get_row (window, 6);
  shown = (LabelWait) { GTK_WIDGET (view), clt_customer_get_email (row), NULL };
  wait_until (label_shown, &shown, "the row's email on screen");
  label = shown.label;
  g_assert_true (gtk_widget_compute_point (label, GTK_WIDGET (view),
                                           &GRAPHENE_POINT_INIT (4, 4), &point));
  g_assert_cmpuint (clt_customer_table_get_position_at (CLT_CUSTOMER_TABLE (table), point.x, point.y), ==, 6);
  /* The header is no row. */
  g_assert_cmpuint (clt_customer_table_get_position_at (CLT_CUSTOMER_TABLE (table), 20, 2), ==, G_MAXUINT);

  gesture = find_secondary_click (GTK_WIDGET (view));
  g_assert_nonnull (gesture);
  g_signal_emit_by_name (gesture, "pressed", 1, point.x, point.y);
  g_assert_cmpuint (get_selected (window), ==, 6);

  popover = find_visible_popover (table);
  g_assert_nonnull (popover);
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  /* View, Edit…; Delete…; Add to Group…, Remove from Group…. */
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 3);
  {
    g_autoptr(GMenuModel) groups = g_menu_model_get_item_link (model, 2, G_MENU_LINK_SECTION);
    g_autofree char *group_action = NULL;

    g_assert_true (g_menu_model_get_item_attribute (groups, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                    &group_action));
    g_assert_cmpstr (group_action, ==, "win.add-to-group");
  }
  {
    g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION);

    g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
    g_assert_cmpstr (action, ==, "win.show-customer");
    target = g_menu_model_get_item_attribute_value (section, 0, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, clt_customer_get_id (row));
  }
  gtk_popover_popdown (popover);

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, target));
  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "customer");

  destroy_window (window);
  temp_store_clear (&ts);
}

static gboolean
adjustment_ready (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 300;
}

static void
test_open_and_back (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  CltCustomerPage *page;
  GtkColumnView *view;
  GtkAdjustment *vadjustment;
  g_autoptr(CltCustomer) row = NULL;
  double scrolled;
  guint position;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  window = create_window (app, ts.store);
  wait_for_rows (window, N_SAMPLE);
  view = clt_window_get_column_view (window);
  page = clt_window_get_customer_page (window);

  /* Scroll down a little and pick a row there. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  wait_until (adjustment_ready, vadjustment, "the table's layout");
  gtk_adjustment_set_value (vadjustment, 300);
  run_for (200);
  scrolled = gtk_adjustment_get_value (vadjustment);
  g_assert_cmpfloat (scrolled, >, 0);

  position = 12;
  row = get_row (window, position);

  /* Enter or a double click: the column view's "activate". */
  g_assert_false (gtk_column_view_get_single_click_activate (view));
  g_signal_emit_by_name (view, "activate", position);

  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "customer");
  g_assert_cmpstr (clt_customer_page_get_customer_id (page), ==, clt_customer_get_id (row));
  wait_until (page_loaded, page, "the customer page");
  g_assert_cmpstr (clt_customer_get_email (clt_customer_page_get_customer (page)), ==,
                   clt_customer_get_email (row));
  /* Typing on the page does not start a search. */
  g_assert_null (gtk_search_bar_get_key_capture_widget (
    GTK_SEARCH_BAR (gtk_widget_get_ancestor (GTK_WIDGET (clt_window_get_search_entry (window)),
                                             GTK_TYPE_SEARCH_BAR))));
  run_for (400);

  /* Back (Alt+Left, Escape, the Back button): the table as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.back", NULL));
  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "table");
  run_for (400);
  g_assert_cmpuint (get_selected (window), ==, position);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadjustment), scrolled, 0.5);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (view)));

  /* win.show-customer (the "View" of the Customer added toast). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-customer", "s",
                                             clt_customer_get_id (row)));
  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "customer");
  g_assert_cmpstr (clt_customer_page_get_customer_id (page), ==, clt_customer_get_id (row));
  clt_window_show_table (window);
  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "table");

  destroy_window (window);
  temp_store_clear (&ts);
}

static void
test_delete_undo (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  CltCustomerList *list;
  g_autoptr(CltCustomer) row = NULL;
  AdwToast *toast;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  window = create_window (app, ts.store);
  list = clt_window_get_customer_list (window);
  wait_for_rows (window, N_SAMPLE);

  select_row (window, 5);
  row = get_row (window, 5);
  delete_and_confirm (window, row);
  /* The selection goes with the row, not to the one moving up. */
  g_assert_cmpuint (get_selected (window), ==,
                    GTK_INVALID_LIST_POSITION);

  /* Gone from the table at once, the count with it: the store hides the
   * customer while its deletion waits (the UI keeps no list of its own). */
  wait_for_rows (window, N_SAMPLE - 1);
  wait_for_row (window, clt_customer_get_id (row), FALSE);
  toast = get_delete_toast (window);
  g_assert_false (store_lists (ts.store, clt_customer_get_id (row)));
  g_assert_cmpuint (store_count (ts.store), ==, N_SAMPLE - 1);
  g_assert_true (store_has (ts.store, clt_customer_get_id (row)));

  /* Undo: the store takes the deletion back, the row returns. */
  run_for (600);
  save_screenshot (GTK_WIDGET (window), "window-delete-undo.png");
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);
  wait_for_rows (window, N_SAMPLE);
  wait_for_row (window, clt_customer_get_id (row), TRUE);
  wait_until (no_deletion_pending, window, "the undo to finish");
  run_for (300);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_SAMPLE);
  g_assert_cmpuint (store_count (ts.store), ==, N_SAMPLE);
  g_assert_true (store_lists (ts.store, clt_customer_get_id (row)));
  /* Nothing left to undo: the deletion is gone, not merely hidden. */
  g_assert_false (store_can_undo (ts.store, clt_customer_get_id (row)));

  destroy_window (window);
  temp_store_clear (&ts);
}

/* Ctrl+Z (win.undo-delete) takes the deletion back as the toast's Undo
 * does, even at once while the toast still slides in; the toast's title is
 * a label of role alert, which screen readers announce. */
static void
test_delete_undo_by_keyboard (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  g_autoptr(CltCustomer) row = NULL;
  AdwToast *toast;
  GtkWidget *title;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  window = create_window (app, ts.store);
  wait_for_rows (window, N_SAMPLE);

  select_row (window, 3);
  row = get_row (window, 3);
  delete_and_confirm (window, row);
  wait_for_rows (window, N_SAMPLE - 1);
  toast = get_delete_toast (window);

  title = adw_toast_get_custom_title (toast);
  g_assert_true (GTK_IS_LABEL (title));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (title)), ==,
                   GTK_ACCESSIBLE_ROLE_ALERT);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "Customer deleted");
  g_assert_cmpstr (clt_toast_get_message (toast), ==, "Customer deleted");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));
  wait_for_rows (window, N_SAMPLE);
  wait_for_row (window, clt_customer_get_id (row), TRUE);
  wait_until (no_deletion_pending, window, "the undo to finish");
  run_for (800);
  g_assert_true (store_lists (ts.store, clt_customer_get_id (row)));
  g_assert_false (store_can_undo (ts.store, clt_customer_get_id (row)));

  /* Nothing to take back now: a second Ctrl+Z changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));
  run_for (300);
  g_assert_cmpuint (store_count (ts.store), ==, N_SAMPLE);

  destroy_window (window);
  temp_store_clear (&ts);
}

static void
test_delete_finishes (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  CltCustomerList *list;
  CltCustomerPage *page;
  g_autoptr(CltCustomer) row = NULL;
  g_autoptr(CltCustomer) second = NULL;
  AdwToast *first_toast;
  AdwToast *second_toast;
  gint64 dismissed;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  window = create_window (app, ts.store);
  list = clt_window_get_customer_list (window);
  page = clt_window_get_customer_page (window);
  wait_for_rows (window, N_SAMPLE);

  /* From the customer page: back to the table with the customer gone. */
  row = get_row (window, 7);
  second = get_row (window, 8);
  g_signal_emit_by_name (clt_window_get_column_view (window), "activate", 7);
  wait_until (page_loaded, page, "the customer page");
  delete_and_confirm (window, row);
  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "table");
  wait_for_rows (window, N_SAMPLE - 1);
  first_toast = g_object_ref (get_delete_toast (window));

  /* A second deletion in a row gets its own toast. */
  wait_for_row (window, clt_customer_get_id (second), TRUE);
  select_row (window, clt_customer_list_find_loaded (list, clt_customer_get_id (second)));
  delete_and_confirm (window, second);
  wait_for_rows (window, N_SAMPLE - 2);
  second_toast = g_object_ref (get_delete_toast (window));
  g_assert_true (first_toast != second_toast);

  /* The toasts go early (close button): the deletions are finished now,
   * not when the store's undo time is over. */
  dismiss_toast (first_toast);
  dismiss_toast (second_toast);
  dismissed = g_get_monotonic_time ();
  g_object_unref (first_toast);
  g_object_unref (second_toast);

  wait_until (no_deletion_pending, window, "the deletions to finish");
  g_assert_cmpint (g_get_monotonic_time () - dismissed, <, 8 * G_USEC_PER_SEC);
  wait_for_rows (window, N_SAMPLE - 2);
  g_assert_cmpuint (store_count (ts.store), ==, N_SAMPLE - 2);
  g_assert_false (store_has (ts.store, clt_customer_get_id (row)));
  g_assert_false (store_has (ts.store, clt_customer_get_id (second)));
  g_assert_false (store_can_undo (ts.store, clt_customer_get_id (row)));

  destroy_window (window);
  temp_store_clear (&ts);
}

static void
test_close_finishes (gconstpointer data)
{
  const char *how = data;
  TempStore ts = { 0 };
  CltWindow *window;
  g_autoptr(CltCustomer) row = NULL;
  g_autoptr(CltCustomer) second = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *second_id = NULL;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  window = create_window (app, ts.store);
  wait_for_rows (window, N_SAMPLE);

  select_row (window, 2);
  row = get_row (window, 2);
  customer_id = g_strdup (clt_customer_get_id (row));
  delete_and_confirm (window, row);
  wait_for_rows (window, N_SAMPLE - 1);
  get_delete_toast (window);

  /* A second one, its toast still waiting behind the first. */
  select_row (window, 2);
  second = get_row (window, 2);
  second_id = g_strdup (clt_customer_get_id (second));
  g_assert_cmpstr (second_id, !=, customer_id);
  delete_and_confirm (window, second);
  wait_for_rows (window, N_SAMPLE - 2);
  get_delete_toast (window);

  /* Closing (Ctrl+W, the close button) or quitting (Ctrl+Q) with the
   * toast still up. */
  if (g_strcmp0 (how, "quit") == 0)
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  else
    gtk_window_close (GTK_WINDOW (window));
  wait_until (only_one_ref, window, "the window's last reference");
  g_assert_finalize_object (window);

  /* The deletion holds the store until it is done: done, not pending. */
  wait_until (only_one_ref, ts.store, "the deletion to finish");
  g_assert_cmpuint (store_count (ts.store), ==, N_SAMPLE - 2);
  g_assert_false (store_has (ts.store, customer_id));
  g_assert_false (store_has (ts.store, second_id));

  temp_store_clear (&ts);
}

static void
test_read_only (void)
{
  TempStore ts = { 0 };
  g_autoptr(CltStore) store = NULL;
  g_autoptr(CltCustomer) row = NULL;
  AdwMessageDialog *dialog = NULL;
  CltCustomerEditor *customer_editor;
  CltAddressEditor *address_editor;
  GtkWidget *add_button;
  CltWindow *window;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, 20);
  store = ui_test_store_new (ts.store, TRUE, FALSE);

  window = create_window (app, store);
  wait_for_rows (window, 20);
  select_row (window, 0);

  /* Add, Edit and Delete are disabled: the header button is insensitive
   * and its tooltip says why, Ctrl+N, Ctrl+E and Delete do nothing. */
  add_button = find_button_with_tooltip (GTK_WIDGET (window),
                                         "This database is read-only: no customers can be added");
  g_assert_nonnull (add_button);
  g_assert_false (gtk_widget_is_sensitive (add_button));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-customer", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-customer", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-customer", NULL);
  run_for (200);
  g_assert_false (find_message_dialog (&dialog));
  g_assert_null (clt_window_get_editor (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clt_window_get_customer_list (window))), ==, 20);

  /* Viewing still works; the page's Edit and Delete do nothing either. */
  g_signal_emit_by_name (clt_window_get_column_view (window), "activate", 0);
  g_assert_cmpstr (clt_window_get_visible_page (window), ==, "customer");
  wait_until (page_loaded, clt_window_get_customer_page (window), "the customer page");
  gtk_widget_activate_action (GTK_WIDGET (clt_window_get_customer_page (window)), "customer.edit", NULL);
  gtk_widget_activate_action (GTK_WIDGET (clt_window_get_customer_page (window)), "customer.delete", NULL);
  run_for (200);
  g_assert_null (clt_window_get_editor (window));
  g_assert_false (find_message_dialog (&dialog));

  /* Opened anyway, the editors say why nothing can be saved. */
  row = get_row (window, 0);
  customer_editor = clt_customer_editor_new_for_edit (GTK_WINDOW (window), store, row);
  g_object_ref_sink (customer_editor);
  gtk_window_present (GTK_WINDOW (customer_editor));
  wait_for_paint (GTK_WIDGET (customer_editor));
  check_read_only_editor (GTK_WIDGET (customer_editor),
                          clt_customer_editor_get_can_save (customer_editor),
                          clt_customer_editor_get_error (customer_editor));
  g_assert_cmpstr (clt_customer_editor_get_error (customer_editor), ==,
                   "Customers can be viewed but not changed.");
  /* Toasts (this store lists no addresses or sites) must not be dismissed
   * while they animate in. */
  run_for (500);
  destroy_and_finalize (customer_editor, "the customer editor's last reference");

  address_editor = clt_address_editor_new_for_create (GTK_WINDOW (window), store, row);
  g_object_ref_sink (address_editor);
  gtk_window_present (GTK_WINDOW (address_editor));
  wait_for_paint (GTK_WIDGET (address_editor));
  check_read_only_editor (GTK_WIDGET (address_editor),
                          clt_address_editor_get_can_save (address_editor),
                          clt_address_editor_get_error (address_editor));
  g_assert_cmpstr (clt_address_editor_get_error (address_editor), ==,
                   "Addresses can be viewed but not changed.");
  destroy_and_finalize (address_editor, "the address editor's last reference");

  destroy_window_and_store (window, &store, &ts);
}

typedef struct
{
  CltWindow  *window;
  const char *text;
} ToastTextWait;

static gboolean
toast_contains (gpointer data)
{
  ToastTextWait *wait = data;
  AdwToast *toast = clt_window_get_last_toast (wait->window);

  return toast != NULL && strstr (clt_toast_get_message (toast), wait->text) != NULL;
}

/* A back end that cannot delete (NOT_SUPPORTED): the user is told at once
 * and the customer never goes. */
static void
test_delete_not_supported (void)
{
  TempStore ts = { 0 };
  g_autoptr(CltStore) store = NULL;
  g_autoptr(CltCustomer) row = NULL;
  ToastTextWait wait;
  CltWindow *window;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, 50);
  store = ui_test_store_new (ts.store, FALSE, FALSE);

  window = create_window (app, store);
  wait_for_rows (window, 50);

  select_row (window, 4);
  row = get_row (window, 4);
  delete_and_confirm (window, row);

  wait = (ToastTextWait) { window, "delete" };
  wait_until (toast_contains, &wait, "the failure toast");
  g_assert_nonnull (strstr (clt_toast_get_message (clt_window_get_last_toast (window)),
                            clt_customer_get_last_name (row)));
  g_assert_null (adw_toast_get_button_label (clt_window_get_last_toast (window)));
  wait_until (no_deletion_pending, window, "the deletion to be dropped");
  wait_for_rows (window, 50);
  wait_for_row (window, clt_customer_get_id (row), TRUE);
  g_assert_true (store_lists (ts.store, clt_customer_get_id (row)));

  run_for (600);
  destroy_window_and_store (window, &store, &ts);
}

/* A user whose role may not delete: a toast says so in words, nothing is
 * hidden, no Undo is offered. */
static void
test_delete_permission_denied (void)
{
  TempStore ts = { 0 };
  g_autoptr(CltStore) store = NULL;
  g_autoptr(CltCustomer) row = NULL;
  ToastTextWait wait;
  CltWindow *window;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, 50);
  store = ui_test_store_new (ts.store, FALSE, TRUE);
  ui_test_store_fail (UI_TEST_STORE (store), "delete_customer",
                      CLT_STORE_ERROR_PERMISSION_DENIED,
                      "Your role lets you look at customers but not change them.");

  window = create_window (app, store);
  wait_for_rows (window, 50);

  select_row (window, 4);
  row = get_row (window, 4);
  delete_and_confirm (window, row);

  wait = (ToastTextWait) { window, "Your role lets you look at customers but not change them." };
  wait_until (toast_contains, &wait, "the permission toast");
  g_assert_nonnull (strstr (clt_toast_get_message (clt_window_get_last_toast (window)), "delete"));
  g_assert_cmpuint (ui_test_store_get_n_calls (UI_TEST_STORE (store), "delete_customer"), ==, 1);
  wait_until (no_deletion_pending, window, "the deletion to be dropped");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clt_window_get_customer_list (window))),
                    ==, 50);
  g_assert_true (store_lists (ts.store, clt_customer_get_id (row)));

  /* A back end that gives no reason: the code in words. */
  ui_test_store_fail (UI_TEST_STORE (store), "delete_customer",
                      CLT_STORE_ERROR_PERMISSION_DENIED, "");
  select_row (window, 4);
  run_for (600);
  delete_and_confirm (window, row);
  wait = (ToastTextWait) { window, "Your role does not allow this." };
  wait_until (toast_contains, &wait, "the permission toast in words");

  run_for (600);
  save_screenshot (GTK_WIDGET (window), "window-delete-permission-denied.png");
  destroy_window_and_store (window, &store, &ts);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  ui_test_init (&argc, &argv);

  app = ui_test_app_new ();

  g_test_add_func ("/clt/customer-flow/add-and-edit-dialogs", test_add_and_edit_dialogs);
  g_test_add_func ("/clt/customer-flow/add-then-edit", test_add_then_edit);
  g_test_add_func ("/clt/customer-flow/open-and-back", test_open_and_back);
  g_test_add_func ("/clt/customer-flow/row-menu", test_row_menu);
  g_test_add_func ("/clt/customer-flow/delete-undo", test_delete_undo);
  g_test_add_func ("/clt/customer-flow/delete-undo-by-keyboard", test_delete_undo_by_keyboard);
  g_test_add_func ("/clt/customer-flow/delete-finishes", test_delete_finishes);
  g_test_add_data_func ("/clt/customer-flow/close-finishes", "close", test_close_finishes);
  g_test_add_data_func ("/clt/customer-flow/quit-finishes", "quit", test_close_finishes);
  g_test_add_func ("/clt/customer-flow/delete-not-supported", test_delete_not_supported);
  g_test_add_func ("/clt/customer-flow/delete-permission-denied", test_delete_permission_denied);
  g_test_add_func ("/clt/customer-flow/read-only", test_read_only);

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
