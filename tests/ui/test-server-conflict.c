/* test-server-conflict.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window in REST mode against a real clientele-server (a process of
 * its own on 127.0.0.1 port 0 and a temporary database), under Xvfb:
 * staff A edits in the window while staff B saves the same customer
 * through a second CltRestStore; A's stale save (412) opens the conflict
 * dialog, and the customer finally on the server is the one chosen. A
 * viewer's window offers no writes; the change feed brings B's edit into
 * A's open table. And what a user meets when things go wrong: the server
 * stopping mid-edit, a token revoked with the window open, too many
 * requests (429). With CLT_SCREENSHOT_DIR set it saves PNGs (width from
 * CLT_SCREENSHOT_WIDTH).
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "clt-backoffice-user.h"
#include "clt-conflict-dialog.h"
#include "clt-customer.h"
#include "clt-customer-editor.h"
#include "clt-customer-editor-private.h"
#include "clt-customer-list.h"
#include "clt-customer-page.h"
#include "clt-import-report.h"
#include "clt-preferences-window.h"
#include "clt-query.h"
#include "clt-rest-store.h"
#include "clt-sample-loader.h"
#include "clt-sqlite-store.h"
#include "clt-window-private.h"

#include "server-process.h"
#include "ui-test-util.h"

#define N_CUSTOMERS 20

static CltApplication *app;

typedef struct
{
  char          *dir;
  ServerProcess *server;
  char          *admin;
  /* Two staff members, A and B, and a viewer. */
  char          *alice;
  char          *bob;
  char          *carol;
} Fixture;

/* Helpers ------------------------------------------------------------------ */

/* The server's database, with sample customers, before it serves. */
static void
seed_database (const char *path)
{
  g_autoptr(CltSqliteStore) store = NULL;
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  store = clt_sqlite_store_new (path, NULL, &error);
  g_assert_no_error (error);
  clt_sample_load_async (CLT_STORE (store), N_CUSTOMERS, 7, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the sample customers");
  report = clt_sample_load_finish (CLT_STORE (store), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, N_CUSTOMERS);

  /* The result holds the store. */
  g_clear_object (&result);
  wait_until (only_one_ref, store, "the seeding store's last reference");
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("clt-test-server-conflict-XXXXXX", &error);
  g_assert_no_error (error);
  f->server = server_process_new (f->dir);
  seed_database (server_process_get_database (f->server));

  f->admin = server_process_add_user (f->server, "admin", "admin");
  f->alice = server_process_add_user (f->server, "alice", "staff");
  f->bob = server_process_add_user (f->server, "bob", "staff");
  f->carol = server_process_add_user (f->server, "carol", "viewer");
  server_process_start (f->server, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Stops the server, checking that it exits 0. */
  g_clear_pointer (&f->server, server_process_unref);
  remove_dir (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->admin, g_free);
  g_clear_pointer (&f->alice, g_free);
  g_clear_pointer (&f->bob, g_free);
  g_clear_pointer (&f->carol, g_free);
}

/* A CltRestStore signed in with @token, following the change feed. */
static CltStore *
connect_store (Fixture    *f,
               const char *token)
{
  g_autoptr(CltRestStore) store = clt_rest_store_new (server_process_get_url (f->server), token);
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  clt_rest_store_connect_async (store, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the sign-in");
  user = clt_rest_store_connect_finish (store, result, &error);
  g_assert_no_error (error);

  return CLT_STORE (g_steal_pointer (&store));
}

/* Stops what @store does and checks that the test held its last reference. */
static void
free_store (CltStore *store)
{
  clt_rest_store_shutdown (CLT_REST_STORE (store));
  wait_until (only_one_ref, store, "the REST store's last reference");
  g_assert_finalize_object (store);
}

/* The application's main window on @store, as `clientele --server` opens
 * it (the store's connection problems reach the window). */
static CltWindow *
open_window (CltStore *store)
{
  CltWindow *window;

  clt_application_use_store (app, store);
  window = g_object_ref (clt_application_get_main_window (app));
  gtk_window_set_default_size (GTK_WINDOW (window), screenshot_width (1000), 700);

  return window;
}

static void
close_window (CltWindow *window)
{
  destroy_and_finalize (window, "the window's last reference");
}

static gboolean
rows_loaded (gpointer data)
{
  CltCustomerList *list = clt_window_get_customer_list (data);
  g_autoptr(CltCustomer) first = NULL;

  if (clt_customer_list_get_loading (list) ||
      g_list_model_get_n_items (G_LIST_MODEL (list)) != N_CUSTOMERS)
    return FALSE;

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  return clt_customer_get_loaded (first);
}

/* The id of the customer in the window's first row. */
static char *
first_row_id (CltWindow *window)
{
  g_autoptr(CltCustomer) first = NULL;

  wait_until (rows_loaded, window, "the rows");
  first = g_list_model_get_item (G_LIST_MODEL (clt_window_get_customer_list (window)), 0);
  return g_strdup (clt_customer_get_id (first));
}

/* B saves a new first name and company for @id. */
static void
their_update (CltStore   *theirs,
              const char *id)
{
  g_autoptr(CltCustomer) customer = sync_get_customer (theirs, id);
  g_autoptr(CltCustomer) stored = NULL;

  clt_customer_set_first_name (customer, "Theodora");
  clt_customer_set_company (customer, "Their Company");
  stored = sync_update_customer (theirs, customer);
}

static gboolean
editor_gone (gpointer data)
{
  CltCustomerEditor **editor = data;

  return *editor == NULL;
}

static gboolean
editor_open (gpointer data)
{
  return clt_window_get_editor (data) != NULL;
}

/* The window shows customer @id and opens its editor (Ctrl+E), as a user
 * does. Returns the editor, weakly: it goes when it saved. */
static CltCustomerEditor *
open_editor (CltWindow  *window,
             const char *id)
{
  CltCustomerEditor *editor;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-customer", "s", id);
  wait_until (page_loaded, clt_window_get_customer_page (window), "the customer page");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-customer", NULL));
  wait_until (editor_open, window, "the editor");
  editor = clt_window_get_editor (window);
  gtk_window_set_default_size (GTK_WINDOW (editor), MIN (screenshot_width (1000), 520), 720);
  wait_until (customer_editor_idle, editor, "the editor to load");

  return editor;
}

static const char *
row_text (CltCustomerEditor *editor,
          const char        *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (clt_customer_editor_get_field_row (editor, field)));
}

static gboolean
has_row_title (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static void
screenshot (gpointer    widget,
            const char *name)
{
  if (g_getenv ("CLT_SCREENSHOT_DIR") == NULL)
    return;

  /* Transitions (revealers, toasts) end first. */
  run_for (400);
  wait_for_paint (widget);
  save_screenshot (widget, name);
}

/* The conflict dialog ------------------------------------------------------ */

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  CltStore *mine = connect_store (f, f->alice);
  CltStore *theirs = connect_store (f, f->bob);
  CltStore *third = connect_store (f, f->admin);
  g_autoptr(CltCustomer) original = NULL;
  g_autoptr(CltCustomer) final = NULL;
  g_autofree char *id = NULL;
  CltCustomerEditor *editor;
  CltConflictDialog *dialog;
  CltWindow *window;

  window = open_window (mine);
  id = first_row_id (window);
  original = sync_get_customer (third, id);

  /* The subtitle names the server. */
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (window->window_title),
                            "127.0.0.1"));
  clt_window_show_table (window);
  screenshot (window, "server-table.png");

  /* Preferences show the server that is open (not what GSettings say). */
  {
    CltPreferencesWindow *preferences = clt_preferences_window_new (app, GTK_WINDOW (window));

    g_object_ref_sink (preferences);
    gtk_window_present (GTK_WINDOW (preferences));
    g_assert_true (clt_preferences_window_get_server_chosen (preferences));
    g_assert_cmpstr (clt_preferences_window_get_server_url (preferences), ==,
                     clt_rest_store_get_url (CLT_REST_STORE (mine)));
    gtk_window_set_default_size (GTK_WINDOW (preferences), MIN (screenshot_width (1000), 600),
                                 720);
    screenshot (preferences, "server-preferences.png");
    destroy_and_finalize (preferences, "the preferences' last reference");
  }

  editor = open_editor (window, id);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  screenshot (window, "server-customer-page.png");
  type_into_field (editor, "first-name", "Mina");
  type_into_field (editor, "phone", "+49 30 123456");

  /* B saves first. */
  their_update (theirs, id);

  /* A's save meets version + 1 (412): the dialog compares. */
  clt_customer_editor_save (editor);
  wait_until (conflict_dialog_shown, NULL, "the conflict dialog");
  dialog = CLT_CONFLICT_DIALOG (find_toplevel (CLT_TYPE_CONFLICT_DIALOG));
  gtk_window_set_default_size (GTK_WINDOW (dialog), MIN (screenshot_width (1000), 520), 640);
  wait_for_paint (GTK_WIDGET (dialog));

  /* B's changes and A's, each as a choice. */
  g_assert_cmpuint (clt_conflict_dialog_get_n_fields (dialog), ==, 3);
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), has_row_title, "Theodora"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), has_row_title, "Mina"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), has_row_title, "Their Company"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), has_row_title, "+49 30 123456"));
  g_assert_true (clt_conflict_dialog_get_take_mine (dialog, "first-name"));
  g_assert_false (clt_conflict_dialog_get_take_mine (dialog, "company"));
  g_assert_true (clt_conflict_dialog_get_take_mine (dialog, "phone"));
  g_assert_cmpstr (row_text (editor, "first-name"), ==, "Mina");
  screenshot (dialog, "server-conflict-dialog.png");

  /* Their first name and company, my phone. */
  clt_conflict_dialog_set_take_mine (dialog, "first-name", FALSE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "conflict.save-selection", NULL);
  wait_until (editor_gone, &editor, "the editor to save and close");

  /* On the server: exactly the chosen values, two versions on. */
  final = sync_get_customer (third, id);
  g_assert_cmpstr (clt_customer_get_first_name (final), ==, "Theodora");
  g_assert_cmpstr (clt_customer_get_company (final), ==, "Their Company");
  g_assert_cmpstr (clt_customer_get_phone (final), ==, "+49 30 123456");
  g_assert_cmpstr (clt_customer_get_last_name (final), ==, clt_customer_get_last_name (original));
  g_assert_cmpstr (clt_customer_get_email (final), ==, clt_customer_get_email (original));
  g_assert_cmpint (clt_customer_get_version (final), ==, clt_customer_get_version (original) + 2);

  close_window (window);
  free_store (mine);
  free_store (theirs);
  free_store (third);
}

/* Roles and the change feed ------------------------------------------------ */

static gboolean
edit_denied (gpointer data)
{
  return clt_window_get_edit_denied (data) != NULL;
}

/* No button for @action that can be used. */
static void
assert_no_write (GtkWidget  *root,
                 const char *action)
{
  GtkWidget *button = find_widget (root, widget_has_action, action);

  g_assert_true (button == NULL || !gtk_widget_is_sensitive (button));
}

static void
test_viewer (Fixture       *f,
             gconstpointer  data)
{
  CltStore *store = connect_store (f, f->carol);
  g_autofree char *id = NULL;
  CltCustomerPage *page;
  CltWindow *window;

  g_assert_true (clt_store_get_read_only (store));
  window = open_window (store);
  id = first_row_id (window);
  wait_until (edit_denied, window, "the viewer's role");
  g_assert_true (gtk_revealer_get_reveal_child (window->read_only_revealer));
  g_assert_nonnull (strstr (gtk_label_get_label (window->read_only_label), "viewer"));

  /* No add, edit or delete, in the table nor on the page. */
  assert_no_write (GTK_WIDGET (window), "win.add-customer");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-customer", NULL);
  g_assert_null (clt_window_get_editor (window));
  screenshot (window, "server-viewer-table.png");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-customer", "s", id);
  page = clt_window_get_customer_page (window);
  wait_until (page_loaded, page, "the customer page");
  wait_for_paint (GTK_WIDGET (window));
  assert_no_write (GTK_WIDGET (page), "customer.edit");
  assert_no_write (GTK_WIDGET (page), "customer.delete");

  /* The page fits a phone (the addresses' default badges wrap). */
  {
    int min_width = 0;

    gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL,
                        NULL, NULL);
    g_assert_cmpint (min_width, <=, 360);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-customer", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-customer", NULL);
  run_for (100);
  g_assert_null (clt_window_get_editor (window));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  screenshot (window, "server-viewer-page.png");

  close_window (window);
  free_store (store);
}

typedef struct
{
  CltWindow  *window;
  const char *id;
  const char *first_name;
} RowWait;

/* Whether the open table shows @first_name for customer @id. */
static gboolean
row_shows (gpointer data)
{
  RowWait *wait = data;
  GListModel *list = G_LIST_MODEL (clt_window_get_customer_list (wait->window));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CltCustomer) customer = g_list_model_get_item (list, i);

      if (clt_customer_get_loaded (customer) &&
          g_strcmp0 (clt_customer_get_id (customer), wait->id) == 0)
        return g_strcmp0 (clt_customer_get_first_name (customer), wait->first_name) == 0;
    }

  return FALSE;
}

static void
test_change_feed (Fixture       *f,
                  gconstpointer  data)
{
  CltStore *mine = connect_store (f, f->alice);
  CltStore *theirs = connect_store (f, f->bob);
  g_autofree char *id = NULL;
  CltWindow *window;
  RowWait wait;

  window = open_window (mine);
  id = first_row_id (window);

  /* Nobody in A's window does anything: the feed brings B's change. */
  their_update (theirs, id);
  wait = (RowWait) { window, id, "Theodora" };
  wait_until (row_shows, &wait, "B's change in A's table");

  close_window (window);
  free_store (mine);
  free_store (theirs);
}

/* Error paths -------------------------------------------------------------- */

static void
test_server_stopped (Fixture       *f,
                     gconstpointer  data)
{
  CltStore *mine = connect_store (f, f->alice);
  CltStore *third = connect_store (f, f->admin);
  g_autoptr(CltCustomer) final = NULL;
  g_autofree char *id = NULL;
  CltCustomerEditor *editor;
  CltWindow *window;
  GtkWidget *retry;

  window = open_window (mine);
  id = first_row_id (window);
  editor = open_editor (window, id);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  type_into_field (editor, "first-name", "Offline");

  /* The server stops mid-edit: the window finds out on its own. */
  server_process_stop (f->server);
  wait_until (window_is_offline, window, "the window to say the server can't be reached");
  /* The bar shows on the customer page too. */
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (window->offline_revealer),
                                         GTK_WIDGET (clt_window_get_customer_page (window))));
  g_assert_true (gtk_revealer_get_reveal_child (window->offline_revealer));

  /* Saving keeps everything typed, says why, and offers Retry. */
  clt_customer_editor_save (editor);
  wait_until (customer_editor_idle, editor, "the save to fail");
  g_assert_nonnull (editor);
  g_assert_nonnull (strstr (clt_customer_editor_get_error (editor), "Cannot reach the server"));
  g_assert_cmpstr (row_text (editor, "first-name"), ==, "Offline");
  retry = clt_customer_editor_get_retry_button (editor);
  g_assert_true (gtk_widget_get_visible (retry));
  screenshot (editor, "server-editor-stopped.png");
  gtk_widget_set_visible (GTK_WIDGET (editor), FALSE);
  screenshot (window, "server-window-offline.png");
  gtk_widget_set_visible (GTK_WIDGET (editor), TRUE);

  /* Back on the same port: Retry saves, and the bar goes. */
  server_process_start (f->server, NULL);
  g_signal_emit_by_name (retry, "clicked");
  wait_until (editor_gone, &editor, "the retried save");
  wait_until (window_is_online, window, "the window to reach the server again");

  final = sync_get_customer (third, id);
  g_assert_cmpstr (clt_customer_get_first_name (final), ==, "Offline");

  close_window (window);
  free_store (mine);
  free_store (third);
}

static gboolean
signed_out (gpointer data)
{
  return clt_window_get_signed_out (data);
}

static gboolean
signed_in (gpointer data)
{
  return !clt_window_get_signed_out (data);
}

/* Asks @store who is signed in; whether that fails with @code. */
static gboolean
current_user_fails_with (CltStore      *store,
                         CltStoreError  code)
{
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  clt_store_get_current_user_async (store, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  user = clt_store_get_current_user_finish (store, result, &error);

  return g_error_matches (error, CLT_STORE_ERROR, code);
}

/* Whether the server refuses the token of @data yet (it remembers a
 * token for up to two seconds). */
static gboolean
token_refused (gpointer data)
{
  return current_user_fails_with (data, CLT_STORE_ERROR_NOT_SIGNED_IN);
}

typedef struct
{
  const char       *body;
  AdwMessageDialog *dialog;
} DialogWait;

/* A visible message dialog whose body holds @body. */
static gboolean
message_dialog_says (gpointer data)
{
  DialogWait *wait = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (window)), wait->body) != NULL)
        {
          wait->dialog = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }

  return FALSE;
}

static void
enter_token (AdwMessageDialog *dialog,
             const char       *token)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), token);
  adw_message_dialog_response (dialog, "connect");
}

static void
test_token_revoked (Fixture       *f,
                    gconstpointer  data)
{
  CltStore *mine = connect_store (f, f->alice);
  CltStore *third = connect_store (f, f->admin);
  g_autoptr(CltStore) probe = CLT_STORE (clt_rest_store_new (server_process_get_url (f->server),
                                                             f->alice));
  g_autoptr(CltCustomer) final = NULL;
  g_autofree char *output = NULL;
  g_autofree char *token = NULL;
  g_autofree char *id = NULL;
  CltCustomerEditor *editor;
  DialogWait wait = { NULL, NULL };
  CltWindow *window;

  window = open_window (mine);
  id = first_row_id (window);
  editor = open_editor (window, id);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  type_into_field (editor, "first-name", "Revoked");
  type_into_field (editor, "company", "Still Typed");

  /* The administrator revokes A's token while A edits. */
  output = server_process_run_tool (f->server, "user", "revoke", "alice", NULL);
  wait_until (token_refused, probe, "the server to refuse the revoked token");

  /* The save is refused: the editor keeps everything and offers to sign
   * in; the window says the sign-in is no longer valid. */
  clt_customer_editor_save (editor);
  wait_until (customer_editor_idle, editor, "the save to be refused");
  g_assert_nonnull (editor);
  g_assert_nonnull (strstr (clt_customer_editor_get_error (editor), "sign-in is no longer valid"));
  g_assert_true (gtk_widget_get_visible (clt_customer_editor_get_sign_in_button (editor)));
  g_assert_true (gtk_widget_get_visible (clt_customer_editor_get_retry_button (editor)));
  g_assert_cmpstr (row_text (editor, "first-name"), ==, "Revoked");
  wait_until (signed_out, window, "the window to say the sign-in is no longer valid");
  screenshot (editor, "server-editor-signed-out.png");

  /* Sign In asks for a new token, over the editor. */
  g_signal_emit_by_name (clt_customer_editor_get_sign_in_button (editor), "clicked");
  wait.body = "no longer accepts your access token";
  wait_until (message_dialog_says, &wait, "the sign-in dialog");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (wait.dialog)) == GTK_WINDOW (editor));
  screenshot (wait.dialog, "server-sign-in-again.png");

  /* A wrong one is refused, and asked for again. */
  enter_token (wait.dialog, "not-a-token");
  wait.body = "refused this token as well";
  wait.dialog = NULL;
  wait_until (message_dialog_says, &wait, "the sign-in dialog to ask again");
  g_assert_true (clt_window_get_signed_out (window));

  /* A new token works: the window and the editor are still the same. */
  token = server_process_add_user (f->server, "alice2", "staff");
  enter_token (wait.dialog, token);
  wait_until (signed_in, window, "the window to be signed in again");
  g_assert_cmpstr (row_text (editor, "first-name"), ==, "Revoked");
  g_assert_cmpstr (row_text (editor, "company"), ==, "Still Typed");

  g_signal_emit_by_name (clt_customer_editor_get_retry_button (editor), "clicked");
  wait_until (editor_gone, &editor, "the retried save");

  final = sync_get_customer (third, id);
  g_assert_cmpstr (clt_customer_get_first_name (final), ==, "Revoked");
  g_assert_cmpstr (clt_customer_get_company (final), ==, "Still Typed");

  close_window (window);
  free_store (mine);
  free_store (third);
  wait_until (only_one_ref, probe, "the probe's last reference");
}

typedef struct
{
  CltCustomerEditor **editor;
  gint64              next_try;
} RetryWait;

/* Presses Retry (at most every 200 ms) until the save went through. */
static gboolean
retried_until_saved (gpointer data)
{
  RetryWait *wait = data;

  if (*wait->editor == NULL)
    return TRUE;

  if (!clt_customer_editor_get_busy (*wait->editor) && g_get_monotonic_time () >= wait->next_try)
    {
      wait->next_try = g_get_monotonic_time () + 200 * G_TIME_SPAN_MILLISECOND;
      g_signal_emit_by_name (clt_customer_editor_get_retry_button (*wait->editor), "clicked");
    }

  return FALSE;
}

static gboolean
rate_limited (gpointer data)
{
  return current_user_fails_with (data, CLT_STORE_ERROR_TOO_MANY_REQUESTS);
}

static void
test_too_many_requests (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *token = server_process_add_user (f->server, "dave", "staff");
  g_autoptr(CltStore) store = NULL;
  g_autoptr(CltStore) file = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltCustomer) final = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;
  CltCustomerEditor *editor;
  RetryWait wait;

  /* One request a second per token (bursts of two). What is stored is
   * read from the database file: any client of the server is limited. */
  server_process_stop (f->server);
  server_process_start (f->server, (const char *[]) { "--rate-limit", "1", NULL });
  store = CLT_STORE (clt_rest_store_new (server_process_get_url (f->server), token));
  file = CLT_STORE (clt_sqlite_store_new (server_process_get_database (f->server), NULL, &error));
  g_assert_no_error (error);

  customer = sync_first_customer (file);

  parent = present_parent_window ();

  editor = clt_customer_editor_new_for_edit (parent, store, customer);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_set_default_size (GTK_WINDOW (editor), MIN (screenshot_width (1000), 520), 720);
  gtk_window_present (GTK_WINDOW (editor));
  wait_until (customer_editor_idle, editor, "the editor to load");
  type_into_field (editor, "first-name", "Patient");

  /* Dave's budget is spent: the save is refused with 429. */
  wait_until (rate_limited, store, "the server to refuse a request as too many");
  clt_customer_editor_save (editor);
  wait_until (customer_editor_idle, editor, "the save to be refused");
  g_assert_nonnull (editor);
  g_assert_nonnull (strstr (clt_customer_editor_get_error (editor), "try again in"));
  g_assert_true (gtk_widget_get_visible (clt_customer_editor_get_retry_button (editor)));
  g_assert_cmpstr (row_text (editor, "first-name"), ==, "Patient");
  screenshot (editor, "server-editor-429.png");

  /* Once the budget is back, Retry saves. */
  wait = (RetryWait) { &editor, 0 };
  wait_until (retried_until_saved, &wait, "a retried save to go through");

  final = sync_get_customer (file, clt_customer_get_id (customer));
  g_assert_cmpstr (clt_customer_get_first_name (final), ==, "Patient");

  destroy_parent_window (g_steal_pointer (&parent));
  wait_until (only_one_ref, store, "the store's last reference");
  wait_until (only_one_ref, file, "the database's last reference");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  app = ui_test_app_new ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/clt/server/conflict-per-field", test_conflict);
  ADD ("/clt/server/viewer", test_viewer);
  ADD ("/clt/server/change-feed", test_change_feed);
  ADD ("/clt/server/stopped-mid-edit", test_server_stopped);
  ADD ("/clt/server/token-revoked", test_token_revoked);
  ADD ("/clt/server/too-many-requests", test_too_many_requests);

#undef ADD

  status = g_test_run ();
  g_object_unref (app);

  return status;
}
