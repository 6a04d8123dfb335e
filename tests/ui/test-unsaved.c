/* test-unsaved.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quitting (app.quit: Ctrl+Q, SIGTERM) or closing the main window with an
 * editor whose changes are not saved, or with a note typed on a customer
 * page and not added (a draft), asks "Save Changes?" first, and logging
 * out is inhibited while there are such changes. Drafts are kept per
 * customer while the window lives.
 */

#include "config.h"

#include <string.h>

#include "clt-application.h"
#include "clt-custom-field.h"
#include "clt-customer.h"
#include "clt-customer-editor.h"
#include "clt-customer-list.h"
#include "clt-customer-editor-private.h"
#include "clt-customer-page-private.h"
#include "clt-format.h"
#include "clt-note.h"
#include "clt-window-private.h"

#include "ui-test-store.h"
#include "ui-test-util.h"

#define N_SAMPLE 20
#define TEMP_DIR_TEMPLATE "clt-test-unsaved-XXXXXX"

static CltApplication *app;

/* A session manager on the session bus (when there is one), in a thread
 * of its own: GTK asks it synchronously from the main thread. Started
 * before the application, which looks for it at start-up. */
typedef struct
{
  GMutex           lock;
  GCond            cond;
  gboolean         ready;
  gboolean         running;
  GMainContext    *context;
  GDBusConnection *connection;
  guint            next_cookie;
  /* The inhibitions not yet ended, and the last one's flags and reason. */
  guint            n_active;
  guint            last_flags;
  char            *last_reason;
} FakeSession;

static FakeSession session;

static const char session_xml[] =
  "<node>"
  "  <interface name='org.gnome.SessionManager'>"
  "    <method name='RegisterClient'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='o' direction='out'/>"
  "    </method>"
  "    <method name='Inhibit'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='Uninhibit'>"
  "      <arg type='u' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
session_method_cb (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *path,
                   const char            *interface,
                   const char            *method,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  g_mutex_lock (&session.lock);

  if (g_str_equal (method, "RegisterClient"))
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(o)",
                                                            "/org/gnome/SessionManager/Client1"));
    }
  else if (g_str_equal (method, "Inhibit"))
    {
      g_free (session.last_reason);
      g_variant_get (parameters, "(susu)", NULL, NULL, &session.last_reason, &session.last_flags);
      session.n_active++;
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u)", ++session.next_cookie));
    }
  else
    {
      g_assert_cmpuint (session.n_active, >, 0);
      session.n_active--;
      g_dbus_method_invocation_return_value (invocation, NULL);
    }

  g_mutex_unlock (&session.lock);
}

static gpointer
session_thread (gpointer data)
{
  static const GDBusInterfaceVTable vtable = { session_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (session_xml, NULL);
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;

  g_main_context_push_thread_default (session.context);

  if (address != NULL)
    session.connection =
      g_dbus_connection_new_for_address_sync (address,
                                              G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                              G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                              NULL, NULL, NULL);
  if (session.connection != NULL)
    {
      g_dbus_connection_register_object (session.connection, "/org/gnome/SessionManager",
                                         info->interfaces[0], &vtable, NULL, NULL, NULL);
      reply = g_dbus_connection_call_sync (session.connection, "org.freedesktop.DBus",
                                           "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                           "RequestName",
                                           g_variant_new ("(su)", "org.gnome.SessionManager", 0),
                                           G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                           NULL, NULL);
    }

  g_mutex_lock (&session.lock);
  session.running = reply != NULL;
  session.ready = TRUE;
  g_cond_signal (&session.cond);
  g_mutex_unlock (&session.lock);

  if (!session.running)
    return NULL;

  loop = g_main_loop_new (session.context, FALSE);
  g_main_loop_run (loop);

  return NULL;
}

static void
start_fake_session (void)
{
  session.context = g_main_context_new ();
  g_thread_unref (g_thread_new ("fake-session", session_thread, NULL));

  g_mutex_lock (&session.lock);
  while (!session.ready)
    g_cond_wait (&session.cond, &session.lock);
  g_mutex_unlock (&session.lock);
}

static guint
session_n_active (void)
{
  guint n;

  g_mutex_lock (&session.lock);
  n = session.n_active;
  g_mutex_unlock (&session.lock);

  return n;
}


typedef struct
{
  TempStore          ts;
  CltWindow         *window;
  CltCustomerEditor *editor;
  CltCustomer       *customer;
  /* The note draft tests: the window's store (a UiTestStore over the
   * temporary one), its customer page (showing @customer) and a second
   * customer. */
  CltStore          *store;
  CltCustomerPage   *page;
  CltCustomer       *other;
} Fixture;

/* Opens the Edit Customer dialog on the first customer. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkSelectionModel *selection;
  GListModel *list;
  g_autoptr(CltCustomer) row = NULL;

  temp_store_init (&fixture->ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  fixture->window = create_window (app, fixture->ts.store);
  wait_until (first_rows_loaded, fixture->window, "the rows");

  list = G_LIST_MODEL (clt_window_get_customer_list (fixture->window));
  row = g_list_model_get_item (list, 0);
  fixture->customer = clt_customer_copy (row);

  /* With custom fields (@data): the customer has a value in each. */
  if (data != NULL)
    {
      g_autoptr(CltCustomField) tier = save_custom_field (fixture->ts.store, "loyalty_tier",
                                                          "Loyalty Tier",
                                                          CLT_CUSTOM_FIELD_STRING, NULL);
      g_autoptr(CltCustomField) visits = save_custom_field (fixture->ts.store, "visits", "Visits",
                                                            CLT_CUSTOM_FIELD_NUMBER, NULL);
      g_autoptr(CltCustomer) stored = sync_get_customer (fixture->ts.store,
                                                         clt_customer_get_id (row));
      g_autoptr(CltCustomer) updated = NULL;
      GVariantDict values;

      g_variant_dict_init (&values, NULL);
      g_variant_dict_insert (&values, "loyalty_tier", "s", "Gold");
      g_variant_dict_insert (&values, "visits", "d", 12.0);
      clt_customer_set_custom_fields (stored, g_variant_dict_end (&values));
      updated = sync_update_customer (fixture->ts.store, stored);
    }
  selection = gtk_column_view_get_model (clt_window_get_column_view (fixture->window));
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-customer",
                                             NULL));
  wait_until (window_editor_ready, fixture->window, "the Edit Customer dialog");
  fixture->editor = clt_window_get_editor (fixture->window);
}

static void
show_customer (Fixture     *fixture,
               CltCustomer *customer)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-customer",
                                             "s", clt_customer_get_id (customer)));
  g_assert_cmpstr (clt_window_get_visible_page (fixture->window), ==, "customer");
  wait_until (page_loaded, fixture->page, "the customer page");
  g_assert_cmpstr (clt_customer_get_id (clt_customer_page_get_customer (fixture->page)), ==,
                   clt_customer_get_id (customer));
}

/* Opens the page of the first customer, without an editor. */
static void
draft_fixture_set_up (Fixture       *fixture,
                      gconstpointer  data)
{
  GListModel *list;
  g_autoptr(CltCustomer) first = NULL;
  g_autoptr(CltCustomer) second = NULL;

  temp_store_init (&fixture->ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  fixture->store = ui_test_store_new (fixture->ts.store, FALSE, TRUE);
  fixture->window = create_window (app, fixture->store);
  wait_until (first_rows_loaded, fixture->window, "the rows");

  list = G_LIST_MODEL (clt_window_get_customer_list (fixture->window));
  first = g_list_model_get_item (list, 0);
  second = g_list_model_get_item (list, 1);
  fixture->customer = clt_customer_copy (first);
  fixture->other = clt_customer_copy (second);
  fixture->page = clt_window_get_customer_page (fixture->window);
  show_customer (fixture, fixture->customer);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    destroy_and_finalize (g_steal_pointer (&fixture->window), "the window's last reference");
  g_clear_object (&fixture->customer);
  g_clear_object (&fixture->other);
  if (fixture->store != NULL)
    {
      wait_until (only_one_ref, fixture->store, "the test store's last reference");
      g_clear_object (&fixture->store);
    }
  wait_until (only_one_ref, fixture->ts.store, "the store's last reference");
  temp_store_clear (&fixture->ts);
}

static gboolean
no_message_dialog (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* Clicks the button of @response, as the user does. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  const char *label = adw_message_dialog_get_response_label (dialog, response);
  GtkWidget *button = find_widget (GTK_WIDGET (dialog), is_button_labelled, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate (button));
}

static AdwMessageDialog *
quit_and_wait_for_question (void)
{
  AdwMessageDialog *dialog = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  wait_until (find_message_dialog, &dialog, "the Save Changes? dialog");

  return dialog;
}

/* The window is closed and gone: the quit went on. */
static void
wait_for_window_gone (Fixture *fixture)
{
  CltWindow *window = g_steal_pointer (&fixture->window);

  wait_until (only_one_ref, window, "the window's last reference");
  g_assert_finalize_object (window);
  g_assert_null (find_toplevel (CLT_TYPE_CUSTOMER_EDITOR));
}

static char *
stored_last_name (Fixture *fixture)
{
  g_autoptr(CltCustomer) stored = sync_get_customer (fixture->ts.store,
                                                     clt_customer_get_id (fixture->customer));

  return g_strdup (clt_customer_get_last_name (stored));
}

static void
test_quit_asks_cancel (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *name = clt_customer_dup_full_name (fixture->customer);
  g_autofree char *before = stored_last_name (fixture);
  AdwMessageDialog *dialog;
  GtkWidget *row;

  type_into_field (fixture->editor, "last-name", "Quitmann");
  dialog = quit_and_wait_for_question ();

  /* Transient for the editor, which stays, and naming the customer. */
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 GTK_WINDOW (fixture->editor));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), name));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "discard"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "save"), ==,
                   ADW_RESPONSE_SUGGESTED);
  run_for (300);
  save_screenshot (GTK_WIDGET (dialog), "unsaved-quit.png");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->editor)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));

  /* Cancel (Escape): everything stays as typed, nothing saved. */
  respond (dialog, "cancel");
  wait_until (no_message_dialog, NULL, "the dialog to go");
  run_for (200);
  g_assert_true (clt_window_get_editor (fixture->window) == fixture->editor);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->editor)));
  row = clt_customer_editor_get_field_row (fixture->editor, "last-name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Quitmann");
  g_assert_cmpstr (stored_last_name (fixture), ==, before);
}

static void
test_quit_discard (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *before = stored_last_name (fixture);
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;

  type_into_field (fixture->editor, "last-name", "Quitmann");
  dialog = quit_and_wait_for_question ();
  respond (dialog, "discard");
  wait_for_window_gone (fixture);

  after = stored_last_name (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_quit_save (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;

  type_into_field (fixture->editor, "last-name", "Quitmann");
  dialog = quit_and_wait_for_question ();
  respond (dialog, "save");
  wait_for_window_gone (fixture);

  after = stored_last_name (fixture);
  g_assert_cmpstr (after, ==, "Quitmann");
}

static void
test_quit_save_invalid (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *before = stored_last_name (fixture);
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;

  type_into_field (fixture->editor, "last-name", "Quitmann");
  type_into_field (fixture->editor, "email", "not an address");
  dialog = quit_and_wait_for_question ();
  respond (dialog, "save");
  wait_until (no_message_dialog, NULL, "the dialog to go");
  run_for (500);

  /* The quit stopped: the editor shows why it can't save. */
  g_assert_true (clt_window_get_editor (fixture->window) == fixture->editor);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->editor)));
  g_assert_nonnull (clt_customer_editor_get_field_error (fixture->editor, "email"));
  after = stored_last_name (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_quit_clean (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *row = clt_customer_editor_get_field_row (fixture->editor, "last-name");
  g_autofree char *original = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  AdwMessageDialog *dialog;

  /* Typed: asked (then cancelled). */
  type_into_field (fixture->editor, "last-name", "Quitmann");
  dialog = quit_and_wait_for_question ();
  respond (dialog, "cancel");
  wait_until (no_message_dialog, NULL, "the dialog to go");

  /* Typed back: nothing to lose, nothing asked. */
  type_into_field (fixture->editor, "last-name", original);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  wait_for_window_gone (fixture);
}

static gboolean
visits_row_filled (gpointer data)
{
  GtkWidget *row = clt_customer_editor_get_field_row (data, "custom-fields.visits");

  return GTK_IS_EDITABLE (row) && gtk_editable_get_text (GTK_EDITABLE (row))[0] != '\0';
}

/* A custom field value is a change too; typed back, it is none. */
static void
test_quit_custom_field (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *row;
  AdwMessageDialog *dialog;

  wait_until (visits_row_filled, fixture->editor, "the custom fields' rows");
  row = clt_customer_editor_get_field_row (fixture->editor, "custom-fields.visits");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "12");

  type_into_field (fixture->editor, "custom-fields.visits", "13");
  dialog = quit_and_wait_for_question ();
  respond (dialog, "cancel");
  wait_until (no_message_dialog, NULL, "the dialog to go");

  type_into_field (fixture->editor, "custom-fields.visits", "12");
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  wait_for_window_gone (fixture);
}

static void
test_close_window_asks (Fixture       *fixture,
                        gconstpointer  data)
{
  AdwMessageDialog *dialog = NULL;

  type_into_field (fixture->editor, "last-name", "Quitmann");
  gtk_window_close (GTK_WINDOW (fixture->window));
  wait_until (find_message_dialog, &dialog, "the Save Changes? dialog");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 GTK_WINDOW (fixture->editor));

  respond (dialog, "cancel");
  wait_until (no_message_dialog, NULL, "the dialog to go");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  g_assert_true (clt_window_get_editor (fixture->window) == fixture->editor);

  /* Discard: the window closes as before. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  wait_until (find_message_dialog, &dialog, "the Save Changes? dialog again");
  respond (dialog, "discard");
  wait_for_window_gone (fixture);
}

static void
test_question_destroyed (Fixture       *fixture,
                         gconstpointer  data)
{
  AdwMessageDialog *dialog = NULL;

  type_into_field (fixture->editor, "last-name", "Quitmann");
  gtk_window_close (GTK_WINDOW (fixture->window));
  wait_until (find_message_dialog, &dialog, "the Save Changes? dialog");

  /* The editor goes another way, the question with it, unanswered: the
   * window stays, holds nothing more, and closes when asked again. */
  gtk_window_destroy (GTK_WINDOW (fixture->editor));
  wait_until (no_message_dialog, NULL, "the dialog to go with its editor");
  run_for (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));

  gtk_window_close (GTK_WINDOW (fixture->window));
  wait_for_window_gone (fixture);
}

static gboolean
inhibited (gpointer data)
{
  return clt_application_get_inhibit_reason (app) != NULL;
}

static gboolean
not_inhibited (gpointer data)
{
  return clt_application_get_inhibit_reason (app) == NULL;
}

/* GTK ends an inhibition without waiting for the answer. */
static gboolean
session_released (gpointer data)
{
  return session_n_active () == 0;
}

static void
test_inhibit (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *name = clt_customer_dup_full_name (fixture->customer);
  g_autofree char *reason = g_strdup_printf ("Unsaved changes in “%s”", name);
  GtkWidget *row = clt_customer_editor_get_field_row (fixture->editor, "last-name");
  g_autofree char *original = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (!session.running)
    g_test_message ("No session bus: only the application's side is checked");

  run_for (100);
  g_assert_null (clt_application_get_inhibit_reason (app));
  g_assert_cmpuint (clt_application_get_inhibit_cookie (app), ==, 0);
  g_assert_cmpuint (session_n_active (), ==, 0);

  type_into_field (fixture->editor, "last-name", "Quitmann");
  wait_until (inhibited, NULL, "logout to be inhibited");
  g_assert_cmpstr (clt_application_get_inhibit_reason (app), ==, reason);
  if (session.running)
    {
      /* The session manager was asked (the call is synchronous). */
      g_assert_cmpuint (clt_application_get_inhibit_cookie (app), !=, 0);
      g_assert_cmpuint (session_n_active (), ==, 1);
      g_mutex_lock (&session.lock);
      g_assert_cmpuint (session.last_flags, ==, GTK_APPLICATION_INHIBIT_LOGOUT);
      g_assert_cmpstr (session.last_reason, ==, reason);
      g_mutex_unlock (&session.lock);
    }

  /* Typed back: nothing unsaved, the cookie goes back. */
  type_into_field (fixture->editor, "last-name", original);
  wait_until (not_inhibited, NULL, "logout to be allowed again");
  g_assert_cmpuint (clt_application_get_inhibit_cookie (app), ==, 0);
  wait_until (session_released, NULL, "the session's inhibition to end");

  /* Closing a dirty editor (as Discard does) releases it too. */
  type_into_field (fixture->editor, "last-name", "Quitmann");
  wait_until (inhibited, NULL, "logout to be inhibited again");
  gtk_window_destroy (GTK_WINDOW (fixture->editor));
  wait_until (not_inhibited, NULL, "logout to be allowed after the editor closed");
  wait_until (session_released, NULL, "the session's inhibition to end again");
}

/* Note drafts {{{ */

static GtkTextBuffer *
note_buffer (Fixture *fixture)
{
  return gtk_text_view_get_buffer (fixture->page->note_view);
}

static void
assert_note_box (Fixture    *fixture,
                 const char *expected)
{
  g_autofree char *text = _clt_customer_page_dup_note_text (fixture->page);

  g_assert_cmpstr (text, ==, expected);
}

static int
cursor_offset (GtkTextBuffer *buffer)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&iter);
}

/* Whether the store has a note on @customer that says @message. */
static gboolean
has_note (Fixture     *fixture,
          CltCustomer *customer,
          const char  *message)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;

  clt_store_list_notes_async (fixture->ts.store, clt_customer_get_id (customer), NULL,
                              store_result_cb, &result);
  wait_until (async_done, &result, "the notes");
  notes = clt_store_list_notes_finish (fixture->ts.store, result, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < notes->len; i++)
    if (g_str_equal (clt_note_get_message (g_ptr_array_index (notes, i)), message))
      return TRUE;

  return FALSE;
}

static gboolean
no_drafts (gpointer data)
{
  return clt_customer_page_get_n_drafts (data) == 0;
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
toast_shown (gpointer data)
{
  Fixture *fixture = data;

  return find_widget (GTK_WIDGET (fixture->page), is_label_containing,
                      "The server did not answer.") != NULL;
}

/* Back and other customers keep a draft, and opening its customer again
 * shows it, the cursor where it stood; an added note's draft is gone, and
 * so is a deleted customer's. */
static void
test_draft_kept (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkTextBuffer *buffer = note_buffer (fixture);
  AdwMessageDialog *dialog = NULL;
  GtkTextIter iter;

  g_assert_cmpuint (clt_customer_page_get_n_drafts (fixture->page), ==, 0);
  gtk_text_buffer_set_text (buffer, "Wants the blue one", -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 5);
  gtk_text_buffer_place_cursor (buffer, &iter);

  /* Back, then another customer: an empty box for them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "customer.back", NULL));
  g_assert_cmpstr (clt_window_get_visible_page (fixture->window), ==, "table");
  show_customer (fixture, fixture->other);
  assert_note_box (fixture, "");
  gtk_text_buffer_set_text (buffer, "Call back on Monday", -1);
  g_assert_cmpuint (clt_customer_page_get_n_drafts (fixture->page), ==, 2);

  show_customer (fixture, fixture->customer);
  assert_note_box (fixture, "Wants the blue one");
  g_assert_cmpint (cursor_offset (buffer), ==, 5);
  adw_view_stack_set_visible_child_name (fixture->page->view_stack, "notes");
  run_for (300);
  save_screenshot (GTK_WIDGET (fixture->window), "unsaved-draft-kept.png");
  show_customer (fixture, fixture->other);
  assert_note_box (fixture, "Call back on Monday");

  /* White space only is no draft. */
  gtk_text_buffer_set_text (buffer, " \n\t", -1);
  g_assert_cmpuint (clt_customer_page_get_n_drafts (fixture->page), ==, 1);

  /* Added: gone from the box, and not shown again. */
  show_customer (fixture, fixture->customer);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "customer.add-note",
                                             NULL));
  wait_until (no_drafts, fixture->page, "the note to be added");
  assert_note_box (fixture, "");
  g_assert_true (has_note (fixture, fixture->customer, "Wants the blue one"));
  show_customer (fixture, fixture->other);
  show_customer (fixture, fixture->customer);
  assert_note_box (fixture, "");

  /* Deleted (anonymized): its draft goes with it. */
  show_customer (fixture, fixture->other);
  gtk_text_buffer_set_text (buffer, "Asked to close the account", -1);
  g_assert_cmpuint (clt_customer_page_get_n_drafts (fixture->page), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "customer.delete",
                                             NULL));
  wait_until (find_message_dialog, &dialog, "the Delete Account? dialog");
  respond (dialog, "delete");
  wait_until (no_drafts, fixture->page, "the deleted customer's draft to go");
  wait_until (no_message_dialog, NULL, "the dialog to go");

  /* Nothing left to ask about. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  wait_for_window_gone (fixture);
}

static void
test_draft_quit_cancel (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *name = clt_format_customer_name (fixture->customer);
  g_autofree char *subject = g_strdup_printf ("“New Note for %s”", name);
  AdwMessageDialog *dialog;

  gtk_text_buffer_set_text (note_buffer (fixture), "Wants the blue one", -1);
  dialog = quit_and_wait_for_question ();

  /* Over the window, naming the customer's note. */
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 GTK_WINDOW (fixture->window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), subject));
  run_for (300);
  save_screenshot (GTK_WIDGET (dialog), "unsaved-draft-quit.png");

  /* Cancel: the draft stays, nothing added. */
  respond (dialog, "cancel");
  wait_until (no_message_dialog, NULL, "the dialog to go");
  run_for (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  g_assert_cmpstr (clt_window_get_visible_page (fixture->window), ==, "customer");
  assert_note_box (fixture, "Wants the blue one");
  g_assert_cmpuint (clt_customer_page_get_n_drafts (fixture->page), ==, 1);
  g_assert_false (has_note (fixture, fixture->customer, "Wants the blue one"));

  /* Closing the window asks too. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  wait_until (find_message_dialog, &dialog, "the Save Changes? dialog of the close");
  respond (dialog, "cancel");
  wait_until (no_message_dialog, NULL, "the dialog to go again");
  run_for (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  assert_note_box (fixture, "Wants the blue one");
}

/* Discard drops the drafts (the close asks no more) and quits. */
static void
test_draft_quit_discard (Fixture       *fixture,
                         gconstpointer  data)
{
  /* Past the window, to see what became of the drafts. */
  g_autoptr(CltCustomerPage) page = g_object_ref (fixture->page);
  AdwMessageDialog *dialog;

  gtk_text_buffer_set_text (note_buffer (fixture), "Wants the blue one", -1);
  show_customer (fixture, fixture->other);
  gtk_text_buffer_set_text (note_buffer (fixture), "Call back on Monday", -1);

  dialog = quit_and_wait_for_question ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 changes are not saved"));
  respond (dialog, "discard");
  wait_for_window_gone (fixture);

  g_assert_cmpuint (clt_customer_page_get_n_drafts (page), ==, 0);
  g_assert_false (has_note (fixture, fixture->customer, "Wants the blue one"));
  g_assert_false (has_note (fixture, fixture->other, "Call back on Monday"));
}

/* Save adds every draft as a note, then quits. */
static void
test_draft_quit_save (Fixture       *fixture,
                      gconstpointer  data)
{
  AdwMessageDialog *dialog;

  gtk_text_buffer_set_text (note_buffer (fixture), "Wants the blue one", -1);
  show_customer (fixture, fixture->other);
  gtk_text_buffer_set_text (note_buffer (fixture), "  Call back on Monday\n", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "customer.back", NULL));

  dialog = quit_and_wait_for_question ();
  respond (dialog, "save");
  wait_for_window_gone (fixture);

  g_assert_true (has_note (fixture, fixture->customer, "Wants the blue one"));
  g_assert_true (has_note (fixture, fixture->other, "Call back on Monday"));
}

/* A note the store refuses stops the quit: its customer shows, with the
 * draft and the page's toast saying why. */
static void
test_draft_save_fails (Fixture       *fixture,
                       gconstpointer  data)
{
  AdwMessageDialog *dialog;

  gtk_text_buffer_set_text (note_buffer (fixture), "Wants the blue one", -1);
  show_customer (fixture, fixture->other);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "customer.back", NULL));
  ui_test_store_fail (UI_TEST_STORE (fixture->store), "add_note", CLT_STORE_ERROR_UNAVAILABLE,
                      "The server did not answer.");

  dialog = quit_and_wait_for_question ();
  respond (dialog, "save");
  wait_until (toast_shown, fixture, "the page's toast");
  wait_until (page_loaded, fixture->page, "the customer page");
  run_for (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
  g_assert_cmpstr (clt_window_get_visible_page (fixture->window), ==, "customer");
  g_assert_cmpstr (clt_customer_page_get_customer_id (fixture->page), ==,
                   clt_customer_get_id (fixture->customer));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (fixture->page->view_stack), ==,
                   "notes");
  assert_note_box (fixture, "Wants the blue one");
  g_assert_false (has_note (fixture, fixture->customer, "Wants the blue one"));

  /* The store takes it again: Save adds it and quits. */
  ui_test_store_fail (UI_TEST_STORE (fixture->store), "add_note", 0, NULL);
  dialog = quit_and_wait_for_question ();
  respond (dialog, "save");
  wait_for_window_gone (fixture);
  g_assert_true (has_note (fixture, fixture->customer, "Wants the blue one"));
}

static void
test_draft_inhibit (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *name = clt_format_customer_name (fixture->customer);
  g_autofree char *reason = g_strdup_printf ("Unsaved changes in “New Note for %s”", name);
  GtkTextBuffer *buffer = note_buffer (fixture);

  run_for (100);
  g_assert_null (clt_application_get_inhibit_reason (app));

  gtk_text_buffer_set_text (buffer, "Wants the blue one", -1);
  wait_until (inhibited, NULL, "logout to be inhibited");
  g_assert_cmpstr (clt_application_get_inhibit_reason (app), ==, reason);
  if (session.running)
    {
      g_assert_cmpuint (session_n_active (), ==, 1);
      g_mutex_lock (&session.lock);
      g_assert_cmpstr (session.last_reason, ==, reason);
      g_mutex_unlock (&session.lock);
    }

  /* Kept for its customer while another shows: still inhibited. */
  show_customer (fixture, fixture->other);
  run_for (100);
  g_assert_cmpstr (clt_application_get_inhibit_reason (app), ==, reason);

  /* Emptied to white space: nothing unsaved. */
  show_customer (fixture, fixture->customer);
  gtk_text_buffer_set_text (buffer, "  ", -1);
  wait_until (not_inhibited, NULL, "logout to be allowed again");
  wait_until (session_released, NULL, "the session's inhibition to end");
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  int ret;

  ui_test_init (&argc, &argv);

  start_fake_session ();
  app = ui_test_app_new ();

#define ADD(path, func) \
  g_test_add ("/clt/unsaved/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("quit-asks-cancel", test_quit_asks_cancel);
  ADD ("quit-discard", test_quit_discard);
  ADD ("quit-save", test_quit_save);
  ADD ("quit-save-invalid", test_quit_save_invalid);
  ADD ("quit-clean", test_quit_clean);
  g_test_add ("/clt/unsaved/quit-custom-field", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_quit_custom_field, fixture_tear_down);
  ADD ("close-window-asks", test_close_window_asks);
  ADD ("question-destroyed", test_question_destroyed);
  ADD ("inhibit", test_inhibit);
#undef ADD
#define ADD_DRAFT(path, func) \
  g_test_add ("/clt/unsaved/" path, Fixture, NULL, draft_fixture_set_up, func, fixture_tear_down)
  ADD_DRAFT ("draft-kept", test_draft_kept);
  ADD_DRAFT ("draft-quit-cancel", test_draft_quit_cancel);
  ADD_DRAFT ("draft-quit-discard", test_draft_quit_discard);
  ADD_DRAFT ("draft-quit-save", test_draft_quit_save);
  ADD_DRAFT ("draft-save-fails", test_draft_save_fails);
  ADD_DRAFT ("draft-inhibit", test_draft_inhibit);
#undef ADD_DRAFT

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
