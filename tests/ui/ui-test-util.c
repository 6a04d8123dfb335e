/* ui-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ui-test-util"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "clt-address-editor.h"
#include "clt-conflict-dialog.h"
#include "clt-customer-editor.h"
#include "clt-customer-editor-private.h"
#include "clt-customer-list.h"
#include "clt-customer-page-private.h"
#include "clt-window-private.h"
#include "clt-import-report.h"
#include "clt-query.h"
#include "clt-sample-loader.h"
#include "clt-shop-preferences.h"
#include "clt-sqlite-store.h"

#include "ui-test-util.h"

#define TIMEOUT_S 30

/* Warnings stay fatal (G_DEBUG=fatal-warnings), but one: GTK 4.8 warns
 * "GtkText - did not receive a focus-out event" when a dialog holding the
 * keyboard focus goes away before the X server's focus-out arrived, which
 * on a busy machine under Xvfb happens now and then, whatever the app does
 * (the event is GTK's own, and the dialog is gone). It is still printed. */
static gboolean
fatal_log_cb (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  if (g_strcmp0 (log_domain, "Gtk") == 0 && (log_level & G_LOG_LEVEL_WARNING) != 0 &&
      message != NULL && strstr (message, "did not receive a focus-out event") != NULL)
    return FALSE;

  return TRUE;
}

/* What every widget test's main () does first. */
void
ui_test_init (int    *argc,
              char ***argv)
{
  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);
  g_test_log_set_fatal_handler (fatal_log_cb, NULL);
  gtk_init ();
  adw_init ();
  /* Under Xvfb without a window manager, a blinking cursor whose window
   * loses the focus (to a popover, or to another test's window on the
   * same display) warns "did not receive a focus-out event", which
   * G_DEBUG=fatal-warnings turns into a random failure. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
}

/* The application, registered: windows need one. */
CltApplication *
ui_test_app_new (void)
{
  g_autoptr(GError) error = NULL;
  CltApplication *app = clt_application_new ();

  /* Tests may run side by side and without a session bus. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds, failing the test (with
 * @what) after TIMEOUT_S seconds. */
void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, tick_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (tick);
}

static gboolean
time_reached (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

/* Lets the main loop run for @ms: idles, transitions, late callbacks. */
void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  wait_until (time_reached, &until, "time to pass");
}

/* With store_result_cb (): whether the GAsyncResult at @data arrived. */
gboolean
async_done (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

gboolean
only_one_ref (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

/* Removes @dir and the files in it. */
void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A SQLite store in a new folder made from @tmpl (returned in @dir, the
 * database file in @path if not %NULL), with @n_customers sample
 * customers made from @seed. */
CltStore *
open_temp_store (const char  *tmpl,
                 guint        n_customers,
                 guint        seed,
                 char       **dir,
                 char       **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  CltStore *store;

  *dir = g_dir_make_tmp (tmpl, &error);
  g_assert_no_error (error);
  db_path = g_build_filename (*dir, "customers.db", NULL);
  store = CLT_STORE (clt_sqlite_store_new (db_path, NULL, &error));
  g_assert_no_error (error);

  if (n_customers > 0)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(CltImportReport) report = NULL;

      clt_sample_load_async (store, n_customers, seed, NULL, store_result_cb, &result);
      wait_until (async_done, &result, "the sample customers");
      report = clt_sample_load_finish (store, result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, n_customers);
    }

  if (path != NULL)
    *path = g_steal_pointer (&db_path);

  return store;
}

/* Finalizes @store (the caller's reference) and removes @dir. */
void
close_temp_store (CltStore   *store,
                  const char *dir)
{
  /* Worker threads may still hold the store for a moment. */
  wait_until (only_one_ref, store, "the store's last reference");
  g_assert_finalize_object (store);
  remove_dir (dir);
}

/* @ts with @n_customers sample customers (seed 42). */
void
temp_store_init (TempStore  *ts,
                 const char *tmpl,
                 guint       n_customers)
{
  ts->store = open_temp_store (tmpl, n_customers, 42, &ts->dir, &ts->path);
}

void
temp_store_clear (TempStore *ts)
{
  close_temp_store (g_steal_pointer (&ts->store), ts->dir);
  g_clear_pointer (&ts->path, g_free);
  g_clear_pointer (&ts->dir, g_free);
}

void
destroy_window_and_store (CltWindow  *window,
                          CltStore  **store,
                          TempStore  *ts)
{
  destroy_window (window);
  wait_until (only_one_ref, *store, "the test store's last reference");
  g_clear_object (store);
  temp_store_clear (ts);
}

/* The first customer @store lists. */
GPtrArray *
sync_list_customers (CltStore *store,
                     guint     n)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *customers;

  clt_store_list_customers_async (store, query, 0, n, CLT_LIST_FLAGS_NONE, NULL,
                                  store_result_cb, &result);
  wait_until (async_done, &result, "the customers");
  customers = clt_store_list_customers_finish (store, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customers);

  return customers;
}

CltCustomer *
sync_first_customer (CltStore *store)
{
  g_autoptr(GPtrArray) customers = sync_list_customers (store, 1);

  g_assert_cmpuint (customers->len, ==, 1);

  return g_object_ref (g_ptr_array_index (customers, 0));
}

CltCustomer *
sync_get_customer (CltStore   *store,
                   const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomer *customer;

  clt_store_get_customer_async (store, id, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "a customer");
  customer = clt_store_get_customer_finish (store, result, &error);
  g_assert_no_error (error);

  return customer;
}

/* Saves @customer as it is; returns the stored version. */
CltCustomer *
sync_update_customer (CltStore    *store,
                      CltCustomer *customer)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomer *stored;

  clt_store_update_customer_async (store, customer, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "an update");
  stored = clt_store_update_customer_finish (store, result, &error);
  g_assert_no_error (error);

  return stored;
}

CltCustomField *
sync_save_custom_field (CltStore       *store,
                        CltCustomField *field)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomField *stored;

  clt_store_save_custom_field_async (store, field, NULL, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "saving a custom field");
  stored = clt_store_save_custom_field_finish (store, result, &error);
  g_assert_no_error (error);

  return stored;
}

CltCustomField *
save_custom_field (CltStore           *store,
                   const char         *key,
                   const char         *label,
                   CltCustomFieldType  type,
                   const char * const *choices)
{
  g_autoptr(CltCustomField) field = clt_custom_field_new ();

  clt_custom_field_set_key (field, key);
  clt_custom_field_set_label (field, label);
  clt_custom_field_set_field_type (field, type);
  clt_custom_field_set_choices (field, choices);

  return sync_save_custom_field (store, field);
}

/* The main window over @store, presented. */
/* The role the store's own user has (the "local-role" preference). */
void
set_local_role (CltStore *store,
                CltRole   role)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(CltShopPreferences) stored = NULL;
  g_autoptr(GError) error = NULL;

  clt_store_get_preferences_async (store, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the shop preferences");
  preferences = clt_store_get_preferences_finish (store, result, &error);
  g_assert_no_error (error);

  clt_shop_preferences_set_local_role (preferences, role);
  g_clear_object (&result);
  clt_store_set_preferences_async (store, preferences, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the new role");
  stored = clt_store_set_preferences_finish (store, result, &error);
  g_assert_no_error (error);
}


CltWindow *
create_window (CltApplication *app,
               CltStore       *store)
{
  CltWindow *window = clt_window_new (app, store);

  /* The test's own reference, for g_assert_finalize_object (). */
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

/* Destroys @window and drops the test's reference, checking it was the
 * last one (@what names it on a time-out). */
void
destroy_and_finalize (gpointer    window,
                      const char *what)
{
  gtk_window_destroy (GTK_WINDOW (window));
  /* Pending store callbacks hold the window until they are done. */
  wait_until (only_one_ref, window, what);
  g_assert_finalize_object (window);
}

void
destroy_window (CltWindow *window)
{
  destroy_and_finalize (window, "the window's last reference");
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   guint         *n_paints)
{
  (*n_paints)++;
}

static gboolean
painted (gpointer data)
{
  return *(guint *) data > 0;
}

/* Waits until @widget has been drawn. */
void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint n_paints = 0;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &n_paints);
  gtk_widget_queue_draw (widget);
  wait_until (painted, &n_paints, "a frame");
  g_signal_handler_disconnect (clock, handler);
}

void
wait_for_frames (GtkWidget *widget,
                 guint      n)
{
  for (guint i = 0; i < n; i++)
    wait_for_paint (widget);
}

/* The first of @widget and the widgets below it (depth first) that
 * @match accepts with @data, or %NULL. */
GtkWidget *
find_widget (GtkWidget     *widget,
             WidgetMatch    match,
             gconstpointer  data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* How many of @widget and the widgets below it @match accepts with @data. */
guint
count_widgets (GtkWidget     *widget,
               WidgetMatch    match,
               gconstpointer  data)
{
  guint n = match (widget, data) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, match, data);

  return n;
}

gboolean
widget_has_action (GtkWidget     *widget,
                   gconstpointer  action)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0 &&
         gtk_widget_get_mapped (widget);
}

/* A visible toplevel of @type, or %NULL. */
GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* A Condition: stores a visible AdwMessageDialog in the
 * AdwMessageDialog * at @data. */
gboolean
find_message_dialog (gpointer data)
{
  AdwMessageDialog **dialog = data;
  GtkWindow *window = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  if (window == NULL)
    return FALSE;

  *dialog = ADW_MESSAGE_DIALOG (window);
  return TRUE;
}

/* A Condition: the CltCustomerPage at @data shows its loaded customer. */
gboolean
page_loaded (gpointer data)
{
  CltCustomerPage *page = data;

  return !clt_customer_page_get_loading (page) && clt_customer_page_get_customer (page) != NULL;
}

gboolean
window_is_offline (gpointer data)
{
  return clt_window_get_offline (data);
}

gboolean
window_is_online (gpointer data)
{
  return !clt_window_get_offline (data);
}

int
screenshot_width (int fallback)
{
  const char *width = g_getenv ("CLT_SCREENSHOT_WIDTH");

  return width != NULL ? atoi (width) : fallback;
}

/* With CLT_SCREENSHOT_DIR set, renders @widget to @name (PNG) there. */
void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("CLT_SCREENSHOT_DIR");

  if (dir != NULL)
    save_screenshot_in (widget, dir, name);
}

/* Renders @widget to @name (PNG) in @dir. */
void
save_screenshot_in (GtkWidget  *widget,
                    const char *dir,
                    const char *name)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

gboolean
customer_editor_idle (gpointer data)
{
  return !clt_customer_editor_get_busy (data);
}

gboolean
address_editor_idle (gpointer data)
{
  return !clt_address_editor_get_busy (data);
}

gboolean
window_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

gboolean
conflict_dialog_shown (gpointer data)
{
  return find_toplevel (CLT_TYPE_CONFLICT_DIALOG) != NULL;
}

GtkWindow *
present_parent_window (void)
{
  GtkWindow *parent = GTK_WINDOW (adw_window_new ());

  g_object_ref_sink (parent);
  gtk_window_present (parent);
  return parent;
}

void
destroy_parent_window (GtkWindow *parent)
{
  gtk_window_destroy (parent);
  g_assert_finalize_object (parent);
}

gboolean
first_rows_loaded (gpointer data)
{
  CltCustomerList *list = clt_window_get_customer_list (data);
  GListModel *view_model = G_LIST_MODEL (gtk_column_view_get_model (clt_window_get_column_view (data)));
  guint n = MIN (10, g_list_model_get_n_items (G_LIST_MODEL (list)));

  if (n == 0 || clt_customer_list_get_loading (list))
    return FALSE;

  /* The view gets a long list a few dozen rows a frame (CltGrowingModel):
   * wait until it has all of them. */
  if (view_model == NULL ||
      g_list_model_get_n_items (view_model) != g_list_model_get_n_items (G_LIST_MODEL (list)))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CltCustomer) customer = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (!clt_customer_get_loaded (customer))
        return FALSE;
    }

  return TRUE;
}

void
type_into_field (CltCustomerEditor *editor,
                 const char        *field,
                 const char        *text)
{
  GtkWidget *row = clt_customer_editor_get_field_row (editor, field);

  g_assert_true (GTK_IS_EDITABLE (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

gboolean
window_editor_ready (gpointer data)
{
  CltCustomerEditor *editor = clt_window_get_editor (data);

  return editor != NULL && gtk_widget_get_mapped (GTK_WIDGET (editor)) &&
         !clt_customer_editor_get_busy (editor);
}

gboolean
window_editor_gone (gpointer data)
{
  return clt_window_get_editor (data) == NULL;
}

gboolean
address_editor_shown (gpointer data)
{
  GtkWindow *editor = find_toplevel (CLT_TYPE_ADDRESS_EDITOR);

  return editor != NULL && gtk_widget_get_mapped (GTK_WIDGET (editor)) &&
         !clt_address_editor_get_busy (CLT_ADDRESS_EDITOR (editor));
}

gboolean
address_editor_gone (gpointer data)
{
  return find_toplevel (CLT_TYPE_ADDRESS_EDITOR) == NULL;
}
