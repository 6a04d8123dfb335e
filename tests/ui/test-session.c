/* test-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window and who is signed in, under Xvfb: a viewer (the SQLite
 * store's "local-role" preference) sees no add, edit or delete, a
 * refused action says why, the subtitle names the back end, and a back
 * end that can't be reached shows a bar until it answers again. With
 * CLT_SCREENSHOT_DIR set it saves PNGs (width from CLT_SCREENSHOT_WIDTH).
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "clt-customer.h"
#include "clt-customer-list.h"
#include "clt-customer-page.h"
#include "clt-store.h"
#include "clt-toast.h"
#include "clt-window-private.h"

#include "ui-test-store.h"
#include "ui-test-util.h"

#define TEMP_DIR_TEMPLATE "clt-test-session-XXXXXX"

static CltApplication *app;

static CltWindow *
open_window (CltStore *store)
{
  CltWindow *window = clt_window_new (app, store);

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), screenshot_width (1000), 700);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static gboolean
edit_denied (gpointer data)
{
  return clt_window_get_edit_denied (data) != NULL;
}

static gboolean
edit_allowed (gpointer data)
{
  return clt_window_get_edit_denied (data) == NULL;
}

static gboolean
rows_loaded (gpointer data)
{
  CltCustomerList *list = clt_window_get_customer_list (data);
  g_autoptr(CltCustomer) first = NULL;

  if (clt_customer_list_get_loading (list) || g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
    return FALSE;

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  return clt_customer_get_loaded (first);
}

static void
assert_denied_button (GtkWidget  *root,
                      const char *action)
{
  GtkWidget *button = find_widget (root, widget_has_action, action);
  const char *tooltip;

  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));
  tooltip = gtk_widget_get_tooltip_text (button);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "viewer"));
}

static void
test_viewer (void)
{
  TempStore ts = { 0 };
  g_autoptr(CltCustomer) first = NULL;
  g_autofree char *id = NULL;
  CltCustomerPage *page;
  CltWindow *window;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, 20);

  /* An administrator (the default) may write. */
  window = open_window (ts.store);
  wait_until (rows_loaded, window, "the rows");
  run_for (100);
  g_assert_null (clt_window_get_edit_denied (window));
  g_assert_false (gtk_revealer_get_reveal_child (window->read_only_revealer));

  /* Made a viewer (the preference changes): the window follows. */
  set_local_role (ts.store, CLT_ROLE_VIEWER);
  wait_until (edit_denied, window, "the viewer's role");

  /* No add, edit or delete: insensitive, and each says why. */
  assert_denied_button (GTK_WIDGET (window), "win.add-customer");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->empty_add_button)));
  g_assert_true (gtk_revealer_get_reveal_child (window->read_only_revealer));
  g_assert_nonnull (strstr (gtk_label_get_label (window->read_only_label), "viewer"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-customer", NULL);
  g_assert_null (clt_window_get_editor (window));
  wait_for_paint (GTK_WIDGET (window));
  save_screenshot (GTK_WIDGET (window), "session-viewer-table.png");

  /* The subtitle names the file. */
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (window->window_title), "customers.db"));

  /* The customer page too. */
  first = g_list_model_get_item (G_LIST_MODEL (clt_window_get_customer_list (window)), 0);
  id = g_strdup (clt_customer_get_id (first));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-customer", "s", id);
  page = clt_window_get_customer_page (window);
  wait_until (page_loaded, page, "the customer page");
  run_for (500);
  wait_for_paint (GTK_WIDGET (window));
  assert_denied_button (GTK_WIDGET (page), "customer.edit");
  assert_denied_button (GTK_WIDGET (page), "customer.delete");
  save_screenshot (GTK_WIDGET (window), "session-viewer-page.png");

  destroy_window (window);
  temp_store_clear (&ts);
}

static gboolean
toast_shown (gpointer data)
{
  return clt_window_get_last_toast (data) != NULL;
}

static void
test_denied_says_why (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  AdwToast *toast;

  /* Staff may edit customers but not import: the sample load is refused. */
  temp_store_init (&ts, TEMP_DIR_TEMPLATE, 0);
  set_local_role (ts.store, CLT_ROLE_STAFF);

  window = open_window (ts.store);
  wait_until (edit_allowed, window, "the staff role");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample", NULL));
  wait_until (toast_shown, window, "the toast");

  toast = clt_window_get_last_toast (window);
  g_assert_nonnull (strstr (clt_toast_get_message (toast), "Only administrators"));

  destroy_window (window);
  temp_store_clear (&ts);
}

static void
test_offline_bar (void)
{
  TempStore ts = { 0 };
  g_autoptr(CltStore) store = NULL;
  CltWindow *window;
  const char *reason = "The server at shop.example.com can’t be reached: the connection timed out.";

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, 20);
  store = ui_test_store_new (ts.store, FALSE, TRUE);

  window = open_window (store);
  wait_until (rows_loaded, window, "the rows");
  g_assert_false (clt_window_get_offline (window));

  /* The network goes: the next request fails; the window keeps its rows. */
  ui_test_store_fail (UI_TEST_STORE (store), "list_customers", CLT_STORE_ERROR_UNAVAILABLE, reason);
  ui_test_store_fail (UI_TEST_STORE (store), "count_customers", CLT_STORE_ERROR_UNAVAILABLE, reason);
  ui_test_store_fail (UI_TEST_STORE (store), "get_current_user", CLT_STORE_ERROR_UNAVAILABLE,
                      reason);
  clt_customer_list_reload (clt_window_get_customer_list (window));
  wait_until (window_is_offline, window, "the bar");
  g_assert_true (gtk_revealer_get_reveal_child (window->offline_revealer));
  g_assert_nonnull (strstr (gtk_label_get_label (window->offline_label), "timed out"));
  g_assert_null (clt_window_get_last_toast (window));

  /* Still unreachable: a try keeps the bar. */
  ui_test_store_reset_calls (UI_TEST_STORE (store));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-connection", NULL));
  wait_until (window_is_offline, window, "the bar");
  run_for (100);
  g_assert_true (clt_window_get_offline (window));
  g_assert_cmpuint (ui_test_store_get_n_calls (UI_TEST_STORE (store), "get_current_user"), ==, 1);
  wait_for_paint (GTK_WIDGET (window));
  save_screenshot (GTK_WIDGET (window), "session-offline.png");

  /* Back: the bar goes and the list is fetched again. */
  ui_test_store_fail (UI_TEST_STORE (store), "list_customers", 0, NULL);
  ui_test_store_fail (UI_TEST_STORE (store), "count_customers", 0, NULL);
  ui_test_store_fail (UI_TEST_STORE (store), "get_current_user", 0, NULL);
  ui_test_store_reset_calls (UI_TEST_STORE (store));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-connection", NULL));
  wait_until (window_is_online, window, "the bar to go");
  g_assert_false (gtk_revealer_get_reveal_child (window->offline_revealer));
  wait_until (rows_loaded, window, "the rows again");
  g_assert_cmpuint (ui_test_store_get_n_calls (UI_TEST_STORE (store), "list_customers"), >, 0);

  destroy_window_and_store (window, &store, &ts);
}

static gboolean
listed_again (gpointer data)
{
  return ui_test_store_get_n_calls (data, "list_customers") > 0;
}

/* The back end asks to wait (429): the toast says so, and the list loads
 * again by itself once the wait is over. */
static void
test_busy_reload (void)
{
  TempStore ts = { 0 };
  g_autoptr(CltStore) store = NULL;
  CltWindow *window;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, 20);
  store = ui_test_store_new (ts.store, FALSE, TRUE);

  window = open_window (store);
  wait_until (rows_loaded, window, "the rows");

  ui_test_store_fail (UI_TEST_STORE (store), "list_customers", CLT_STORE_ERROR_TOO_MANY_REQUESTS,
                      "Too many requests: try again in a moment.");
  clt_customer_list_reload (clt_window_get_customer_list (window));
  wait_until (toast_shown, window, "the toast");
  g_assert_nonnull (strstr (clt_toast_get_message (clt_window_get_last_toast (window)),
                            "try again"));

  /* A reload waits out the time asked for. */
  g_assert_cmpuint (window->reload_id, !=, 0);

  /* The server takes requests again: nobody presses anything. */
  ui_test_store_fail (UI_TEST_STORE (store), "list_customers", 0, NULL);
  ui_test_store_reset_calls (UI_TEST_STORE (store));
  wait_until (listed_again, store, "the list to load again");
  wait_until (rows_loaded, window, "the rows again");

  destroy_window_and_store (window, &store, &ts);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  ui_test_init (&argc, &argv);

  app = ui_test_app_new ();

  g_test_add_func ("/clt/session/viewer", test_viewer);
  g_test_add_func ("/clt/session/denied-says-why", test_denied_says_why);
  g_test_add_func ("/clt/session/offline-bar", test_offline_bar);
  g_test_add_func ("/clt/session/busy-reload", test_busy_reload);

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
