/* test-customer-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Add/Edit Customer and Add Address dialogs over a temporary SQLite
 * store, under Xvfb: validation as the user types, Save's sensitivity,
 * Cancel leaving the original alone, and what a failed save shows.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "clt-address.h"
#include "clt-address-editor.h"
#include "clt-address-editor-private.h"
#include "clt-conflict-dialog.h"
#include "clt-country-row.h"
#include "clt-customer.h"
#include "clt-customer-editor.h"
#include "clt-customer-editor-private.h"
#include "clt-date-row.h"
#include "clt-error.h"
#include "clt-password.h"
#include "clt-query.h"
#include "clt-shop-preferences.h"
#include "clt-sqlite-store.h"
#include "clt-sqlite-store-private.h"
#include "clt-store.h"

#include "ui-test-store.h"
#include "ui-test-util.h"

/* Fixture -------------------------------------------------------------- */

typedef struct
{
  char      *dir;
  CltStore  *store;
  GtkWindow *parent;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  guint n_customers = GPOINTER_TO_UINT (data);

  fixture->store = open_temp_store ("clt-test-customer-editor-XXXXXX", n_customers, 7,
                                    &fixture->dir, NULL);

  fixture->parent = present_parent_window ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  destroy_parent_window (g_steal_pointer (&fixture->parent));

  close_temp_store (g_steal_pointer (&fixture->store), fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static CltCustomerEditor *
open_customer_editor (Fixture     *fixture,
                      CltCustomer *customer)
{
  CltCustomerEditor *editor;

  if (customer != NULL)
    editor = clt_customer_editor_new_for_edit (fixture->parent, fixture->store, customer);
  else
    editor = clt_customer_editor_new_for_create (fixture->parent, fixture->store);

  /* The test's own reference, for g_assert_finalize_object (). */
  g_object_ref_sink (editor);
  gtk_window_present (GTK_WINDOW (editor));
  wait_until (customer_editor_idle, editor, "the editor's shop preferences");

  return editor;
}

static void
close_and_finalize (gpointer window)
{
  destroy_and_finalize (window, "the editor's last reference");
}

static void
type_into (GtkWidget  *row,
           const char *text)
{
  g_assert_nonnull (row);
  g_assert_true (GTK_IS_EDITABLE (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
fill_valid_customer (CltCustomerEditor *editor,
                     const char        *email)
{
  type_into (clt_customer_editor_get_field_row (editor, "first-name"), "Ada");
  type_into (clt_customer_editor_get_field_row (editor, "last-name"), "Lovelace");
  type_into (clt_customer_editor_get_field_row (editor, "email"), email);
}

/* Add Customer ---------------------------------------------------------- */

static void
test_create_validation (Fixture       *fixture,
                        gconstpointer  data)
{
  CltCustomerEditor *editor = open_customer_editor (fixture, NULL);
  CltCustomer *customer = clt_customer_editor_get_customer (editor);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (clt_customer_editor_is_create (editor));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Add Customer");

  /* The currency defaults to the shop's. */
  clt_store_get_preferences_async (fixture->store, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the shop preferences");
  preferences = clt_store_get_preferences_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_currency (customer), ==,
                   clt_shop_preferences_get_default_currency (preferences));
  g_assert_cmpint (clt_customer_get_active (customer), ==,
                   clt_shop_preferences_get_customer_active_on_creation (preferences));

  /* An empty form cannot be saved, but greets nobody with errors. */
  g_assert_false (clt_customer_editor_get_can_save (editor));
  g_assert_null (clt_customer_editor_get_field_error (editor, "first-name"));
  g_assert_null (clt_customer_editor_get_field_error (editor, "email"));

  /* Edit-only rows are not there. */
  g_assert_null (clt_customer_editor_get_field_row (editor, "default-billing-address"));
  g_assert_nonnull (clt_customer_editor_get_field_row (editor, "password"));
  g_assert_nonnull (clt_customer_editor_get_field_row (editor, "id"));

  fill_valid_customer (editor, "ada.example.com");
  g_assert_cmpstr (clt_customer_get_first_name (customer), ==, "Ada");
  g_assert_nonnull (clt_customer_editor_get_field_error (editor, "email"));
  g_assert_true (gtk_widget_has_css_class (clt_customer_editor_get_field_row (editor, "email"), "error"));
  g_assert_false (clt_customer_editor_get_can_save (editor));

  type_into (clt_customer_editor_get_field_row (editor, "email"), "ada@example.com");
  g_assert_null (clt_customer_editor_get_field_error (editor, "email"));
  g_assert_false (gtk_widget_has_css_class (clt_customer_editor_get_field_row (editor, "email"), "error"));
  g_assert_true (clt_customer_editor_get_can_save (editor));

  /* Clearing a required field shows why and blocks Save again. */
  type_into (clt_customer_editor_get_field_row (editor, "last-name"), "   ");
  g_assert_nonnull (clt_customer_editor_get_field_error (editor, "last-name"));
  g_assert_false (clt_customer_editor_get_can_save (editor));
  type_into (clt_customer_editor_get_field_row (editor, "last-name"), "Lovelace");
  g_assert_true (clt_customer_editor_get_can_save (editor));

  /* The custom ID is optional but has a format. */
  type_into (clt_customer_editor_get_field_row (editor, "id"), "not an id!");
  g_assert_nonnull (clt_customer_editor_get_field_error (editor, "id"));
  g_assert_false (clt_customer_editor_get_can_save (editor));
  type_into (clt_customer_editor_get_field_row (editor, "id"), "");
  g_assert_null (clt_customer_editor_get_field_error (editor, "id"));

  /* A birth date in the future is refused. */
  type_into (clt_customer_editor_get_field_row (editor, "date-of-birth"), "2999-01-01");
  g_assert_nonnull (clt_customer_editor_get_field_error (editor, "date-of-birth"));
  g_assert_false (clt_customer_editor_get_can_save (editor));
  type_into (clt_customer_editor_get_field_row (editor, "date-of-birth"), "1815-12-10");
  g_assert_nonnull (clt_customer_editor_get_field_error (editor, "date-of-birth"));
  type_into (clt_customer_editor_get_field_row (editor, "date-of-birth"), "1985-12-10");
  g_assert_null (clt_customer_editor_get_field_error (editor, "date-of-birth"));
  g_assert_cmpstr (clt_customer_get_date_of_birth (customer), ==, "1985-12-10");

  /* A typed initial password must be long enough; a generated one is. */
  type_into (clt_customer_editor_get_field_row (editor, "password"), "short");
  g_assert_nonnull (clt_customer_editor_get_field_error (editor, "password"));
  g_assert_false (clt_customer_editor_get_can_save (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.generate-password", NULL);
  g_assert_null (clt_customer_editor_get_field_error (editor, "password"));
  g_assert_cmpuint (strlen (gtk_editable_get_text (GTK_EDITABLE (clt_customer_editor_get_field_row (editor, "password")))),
                    ==, CLT_PASSWORD_GENERATED_LENGTH);
  g_assert_true (clt_customer_editor_get_can_save (editor));

  close_and_finalize (editor);
}

/* Saves a valid new customer; returns the error, or NULL after "saved". */
typedef struct
{
  CltCustomer *stored;
  guint        n_saved;
} SavedData;

static void
on_saved_cb (CltCustomerEditor *editor,
             CltCustomer       *stored,
             SavedData         *saved)
{
  saved->n_saved++;
  g_set_object (&saved->stored, stored);
}

static void
test_create_failure_keeps_input (Fixture       *fixture,
                                 gconstpointer  data)
{
  CltCustomerEditor *editor = NULL;
  SavedData saved = { NULL, 0 };
  const char *email = "grace@example.com";

  {
    /* Take the email first: the dialog's save then fails with CONFLICT. */
    g_autoptr(CltCustomer) first = clt_customer_new ();
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(CltCustomer) stored = NULL;
    g_autoptr(GError) error = NULL;

    clt_customer_set_email (first, email);
    clt_customer_set_first_name (first, "Grace");
    clt_customer_set_last_name (first, "Hopper");
    clt_customer_set_currency (first, "EUR");
    clt_store_create_customer_async (fixture->store, first, NULL, FALSE, NULL, NULL,
                                     store_result_cb, &result);
    wait_until (async_done, &result, "the first customer");
    stored = clt_store_create_customer_finish (fixture->store, result, &error);
    g_assert_no_error (error);
  }

  editor = open_customer_editor (fixture, NULL);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);

  type_into (clt_customer_editor_get_field_row (editor, "first-name"), "Grace");
  type_into (clt_customer_editor_get_field_row (editor, "last-name"), "Brewster");
  type_into (clt_customer_editor_get_field_row (editor, "email"), email);
  type_into (clt_customer_editor_get_field_row (editor, "phone"), "+1 212 555 0100");
  g_assert_true (clt_customer_editor_get_can_save (editor));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_true (clt_customer_editor_get_busy (editor));
  g_assert_false (clt_customer_editor_get_can_save (editor));
  wait_until (customer_editor_idle, editor, "the save to fail");

  /* Still open, nothing lost, the reason shown. */
  g_assert_cmpuint (saved.n_saved, ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (clt_customer_editor_get_field_row (editor, "email"))),
                   ==, email);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (clt_customer_editor_get_field_row (editor, "last-name"))),
                   ==, "Brewster");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (clt_customer_editor_get_field_row (editor, "phone"))),
                   ==, "+1 212 555 0100");

  /* The duplicate email, next to the email. */
  g_assert_nonnull (clt_customer_editor_get_field_error (editor, "email"));
  g_assert_null (clt_customer_editor_get_error (editor));

  /* It can be tried again. */
  g_assert_true (clt_customer_editor_get_can_save (editor));

  close_and_finalize (editor);
  g_clear_object (&saved.stored);
}

static void
test_create_saves (Fixture       *fixture,
                   gconstpointer  data)
{
  CltCustomerEditor *editor;
  SavedData saved = { NULL, 0 };
  g_autoptr(CltCustomer) reread = NULL;

  editor = open_customer_editor (fixture, NULL);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);
  fill_valid_customer (editor, "ada@example.com");
  type_into (clt_customer_editor_get_field_row (editor, "id"), "ada-1815");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_until (window_hidden, editor, "the editor to close after saving");

  g_assert_cmpuint (saved.n_saved, ==, 1);
  g_assert_cmpstr (clt_customer_get_email (saved.stored), ==, "ada@example.com");
  g_assert_cmpstr (clt_customer_get_id (saved.stored), ==, "ada-1815");
  g_assert_cmpstr (clt_customer_get_number (saved.stored), !=, "");

  reread = sync_get_customer (fixture->store, "ada-1815");
  g_assert_cmpstr (clt_customer_get_last_name (reread), ==, "Lovelace");

  close_and_finalize (editor);
  g_clear_object (&saved.stored);
}

static gboolean
editor_says (gpointer data)
{
  CltCustomerEditor *editor = data;

  return !clt_customer_editor_get_busy (editor) && clt_customer_editor_get_error (editor) != NULL;
}

/* A create that failed (a role that may not, a lost answer) is told in
 * the banner; a retry of the same dialog keeps its request id, so that a
 * create that did go through is not made twice. */
static void
test_create_retry (Fixture       *fixture,
                   gconstpointer  data)
{
  CltStore *inner = fixture->store;
  CltStore *store = ui_test_store_new (inner, FALSE, TRUE);
  UiTestStore *test_store = UI_TEST_STORE (store);
  CltCustomerEditor *editor;
  SavedData saved = { NULL, 0 };
  g_autofree char *request_id = NULL;

  fixture->store = store;
  editor = open_customer_editor (fixture, NULL);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);
  fill_valid_customer (editor, "ada@example.com");

  ui_test_store_fail (test_store, "create_customer", CLT_STORE_ERROR_PERMISSION_DENIED, "");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_until (editor_says, editor, "the permission banner");
  g_assert_cmpstr (clt_customer_editor_get_error (editor), ==, "Your role does not allow this.");
  request_id = g_strdup (ui_test_store_get_last_request_id (test_store));
  g_assert_nonnull (request_id);

  ui_test_store_fail (test_store, "create_customer", CLT_STORE_ERROR_UNAVAILABLE,
                      "The server did not answer.");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_until (editor_says, editor, "the failure banner");
  g_assert_cmpstr (clt_customer_editor_get_error (editor), ==, "The server did not answer.");
  g_assert_cmpstr (ui_test_store_get_last_request_id (test_store), ==, request_id);

  ui_test_store_fail (test_store, "create_customer", 0, NULL);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_until (window_hidden, editor, "the editor to close after saving");
  g_assert_cmpuint (saved.n_saved, ==, 1);
  g_assert_cmpstr (ui_test_store_get_last_request_id (test_store), ==, request_id);
  g_assert_cmpuint (ui_test_store_get_n_calls (test_store, "create_customer"), ==, 3);

  close_and_finalize (editor);
  g_clear_object (&saved.stored);
  fixture->store = inner;
  wait_until (only_one_ref, store, "the test store's last reference");
  g_object_unref (store);
}

/* Edit Customer --------------------------------------------------------- */

static void
test_edit_cancel (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CltCustomer) original = sync_first_customer (fixture->store);
  g_autofree char *first_name = g_strdup (clt_customer_get_first_name (original));
  g_autoptr(CltCustomer) reread = NULL;
  CltCustomerEditor *editor = open_customer_editor (fixture, original);
  GtkWidget *email_row = clt_customer_editor_get_field_row (editor, "email");

  g_assert_false (clt_customer_editor_is_create (editor));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Customer");

  /* The email is shown but cannot be changed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email_row)), ==, clt_customer_get_email (original));
  g_assert_false (gtk_widget_get_sensitive (email_row));
  g_assert_null (clt_customer_editor_get_field_error (editor, "email"));

  /* Create-only rows are not there; the default address rows are. */
  g_assert_null (clt_customer_editor_get_field_row (editor, "password"));
  g_assert_null (clt_customer_editor_get_field_row (editor, "id"));
  g_assert_nonnull (clt_customer_editor_get_field_row (editor, "default-billing-address"));
  g_assert_nonnull (clt_customer_editor_get_field_row (editor, "default-shipping-address"));

  /* A stored customer is valid as it is. */
  g_assert_true (clt_customer_editor_get_can_save (editor));

  type_into (clt_customer_editor_get_field_row (editor, "first-name"), "Changed");
  g_assert_cmpstr (clt_customer_get_first_name (clt_customer_editor_get_customer (editor)), ==, "Changed");
  g_assert_cmpstr (clt_customer_get_first_name (original), ==, first_name);

  type_into (clt_customer_editor_get_field_row (editor, "last-name"), "");
  g_assert_cmpstr (clt_customer_editor_get_field_error (editor, "last-name"), ==, "Enter a last name");
  g_assert_false (clt_customer_editor_get_can_save (editor));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  wait_until (window_hidden, editor, "the editor to close");

  g_assert_cmpstr (clt_customer_get_first_name (original), ==, first_name);
  reread = sync_get_customer (fixture->store, clt_customer_get_id (original));
  g_assert_cmpstr (clt_customer_get_first_name (reread), ==, first_name);

  close_and_finalize (editor);
}

static void
on_delete_requested_cb (CltCustomerEditor *editor,
                        guint             *n_requests)
{
  (*n_requests)++;
}

static void
test_edit_delete_requested (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CltCustomer) original = sync_first_customer (fixture->store);
  CltCustomerEditor *editor = open_customer_editor (fixture, original);
  guint n_requests = 0;

  g_signal_connect (editor, "delete-requested", G_CALLBACK (on_delete_requested_cb), &n_requests);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL);
  g_assert_cmpuint (n_requests, ==, 1);
  /* The caller confirms and closes; the editor itself stays. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  close_and_finalize (editor);
}

static void
test_edit_saves (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CltCustomer) original = sync_first_customer (fixture->store);
  g_autoptr(CltCustomer) reread = NULL;
  CltCustomerEditor *editor;
  SavedData saved = { NULL, 0 };

  editor = open_customer_editor (fixture, original);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);
  type_into (clt_customer_editor_get_field_row (editor, "first-name"), "Renamed");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_until (window_hidden, editor, "the editor to close after saving");

  g_assert_cmpuint (saved.n_saved, ==, 1);
  g_assert_cmpstr (clt_customer_get_first_name (saved.stored), ==, "Renamed");
  g_assert_cmpint (clt_customer_get_version (saved.stored), !=, clt_customer_get_version (original));
  reread = sync_get_customer (fixture->store, clt_customer_get_id (original));
  g_assert_cmpstr (clt_customer_get_first_name (reread), ==, "Renamed");

  close_and_finalize (editor);
  g_clear_object (&saved.stored);
}

/* A save whose COMMIT fails (a full disk, an I/O error) is not "saved":
 * the dialog stays open with what was typed and says what happened, and
 * the stored customer is unchanged. */
static void
test_edit_commit_fails (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CltCustomer) original = sync_first_customer (fixture->store);
  g_autoptr(CltCustomer) reread = NULL;
  CltCustomerEditor *editor;
  SavedData saved = { NULL, 0 };

  editor = open_customer_editor (fixture, original);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);
  type_into (clt_customer_editor_get_field_row (editor, "first-name"), "Unsaved");

  clt_sqlite_store_fail_commits_for_testing (CLT_SQLITE_STORE (fixture->store), 1);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_until (editor_says, editor, "the failed save's message");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpuint (saved.n_saved, ==, 0);
  g_assert_nonnull (strstr (clt_customer_editor_get_error (editor), "could not be saved"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (clt_customer_editor_get_field_row (editor, "first-name"))),
                   ==, "Unsaved");
  reread = sync_get_customer (fixture->store, clt_customer_get_id (original));
  g_assert_cmpstr (clt_customer_get_first_name (reread), ==, clt_customer_get_first_name (original));

  /* The next try goes through. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_until (window_hidden, editor, "the editor to close after saving");
  g_assert_cmpuint (saved.n_saved, ==, 1);

  close_and_finalize (editor);
  g_clear_object (&saved.stored);
}

static void
test_edit_stale_reload (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CltCustomer) original = sync_first_customer (fixture->store);
  g_autoptr(CltCustomer) theirs = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  CltCustomerEditor *editor;
  SavedData saved = { NULL, 0 };

  editor = open_customer_editor (fixture, original);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);

  /* Someone else saves first. */
  theirs = clt_customer_copy (original);
  clt_customer_set_company (theirs, "Their Company");
  stored = sync_update_customer (fixture->store, theirs);

  type_into (clt_customer_editor_get_field_row (editor, "first-name"), "Mine");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_until (customer_editor_idle, editor, "the stale save to fail");

  /* The comparison opens; closing it keeps everything typed and says why
   * the save did not happen. */
  wait_until (conflict_dialog_shown, NULL, "the conflict dialog");
  gtk_window_close (find_toplevel (CLT_TYPE_CONFLICT_DIALOG));
  g_assert_null (find_toplevel (CLT_TYPE_CONFLICT_DIALOG));

  g_assert_cmpuint (saved.n_saved, ==, 0);
  g_assert_nonnull (clt_customer_editor_get_error (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (clt_customer_editor_get_field_row (editor, "first-name"))),
                   ==, "Mine");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.reload", NULL);
  wait_until (customer_editor_idle, editor, "the reload");
  g_assert_null (clt_customer_editor_get_error (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (clt_customer_editor_get_field_row (editor, "company"))),
                   ==, "Their Company");
  g_assert_cmpint (clt_customer_get_version (clt_customer_editor_get_customer (editor)), ==,
                   clt_customer_get_version (stored));
  /* The caller's customer is still not touched. */
  g_assert_cmpstr (clt_customer_get_company (original), !=, "Their Company");

  close_and_finalize (editor);
}

/* Date row --------------------------------------------------------------- */

static void
test_date_row_calendar (Fixture       *fixture,
                        gconstpointer  data)
{
  CltCustomerEditor *editor = open_customer_editor (fixture, NULL);
  CltDateRow *row = CLT_DATE_ROW (clt_customer_editor_get_field_row (editor, "date-of-birth"));
  g_autoptr(GDateTime) shown = NULL;

  type_into (GTK_WIDGET (row), "1990-05-17");
  clt_date_row_popup (row);
  shown = gtk_calendar_get_date (clt_date_row_get_calendar (row));
  g_assert_cmpint (g_date_time_get_year (shown), ==, 1990);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 5);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 17);

  close_and_finalize (editor);
}

/* Address editor --------------------------------------------------------- */

static CltAddressEditor *
open_address_editor (Fixture     *fixture,
                     CltCustomer *customer)
{
  CltAddressEditor *editor = clt_address_editor_new_for_create (fixture->parent, fixture->store, customer);

  g_object_ref_sink (editor);
  gtk_window_present (GTK_WINDOW (editor));
  wait_until (address_editor_idle, editor, "the address editor");

  return editor;
}

static gboolean
is_search_entry (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static void
test_address_create (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = sync_first_customer (fixture->store);
  CltAddressEditor *editor = open_address_editor (fixture, customer);
  CltAddress *address = clt_address_editor_get_address (editor);
  CltCountryRow *country_row = CLT_COUNTRY_ROW (clt_address_editor_get_field_row (editor, "country"));

  /* Prefilled from the customer. */
  g_assert_cmpstr (clt_address_get_customer_id (address), ==, clt_customer_get_id (customer));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (clt_address_editor_get_field_row (editor, "first-name"))),
                   ==, clt_customer_get_first_name (customer));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (clt_address_editor_get_field_row (editor, "last-name"))),
                   ==, clt_customer_get_last_name (customer));
  g_assert_false (clt_address_editor_get_can_save (editor));

  clt_country_row_set_country (country_row, "DE");
  g_assert_cmpstr (clt_address_get_country (address), ==, "DE");
  type_into (clt_address_editor_get_field_row (editor, "address1"), "Unter den Linden 1");
  type_into (clt_address_editor_get_field_row (editor, "city"), "Berlin");
  type_into (clt_address_editor_get_field_row (editor, "zip-code"), "1011");
  g_assert_nonnull (clt_address_editor_get_field_error (editor, "zip-code"));
  g_assert_false (clt_address_editor_get_can_save (editor));

  /* Four digits are right in Austria: the zip code is checked again. */
  clt_country_row_set_country (country_row, "AT");
  g_assert_null (clt_address_editor_get_field_error (editor, "zip-code"));
  g_assert_true (clt_address_editor_get_can_save (editor));

  clt_country_row_set_country (country_row, "DE");
  type_into (clt_address_editor_get_field_row (editor, "zip-code"), "10117");
  g_assert_null (clt_address_editor_get_field_error (editor, "zip-code"));
  g_assert_true (clt_address_editor_get_can_save (editor));

  /* An unknown country code is no choice at all. */
  clt_country_row_set_country (country_row, "XX");
  g_assert_cmpstr (clt_country_row_get_country (country_row), ==, "");
  g_assert_nonnull (clt_address_editor_get_field_error (editor, "country"));
  g_assert_false (clt_address_editor_get_can_save (editor));

  /* Chosen by typing: activating the row opens the list with the focus in
   * its search; a word of the name matches ("king": United Kingdom, not
   * Kenya), or the code; Enter takes the code's country ("de": Germany,
   * though "Democratic Republic of the Congo" comes first), else the first
   * match, and closes the list. */
  {
    GtkWidget *search;
    GtkWidget *popover;
    GtkWidget *focus;

    gtk_widget_activate (GTK_WIDGET (country_row));
    search = find_widget (GTK_WIDGET (country_row), is_search_entry, NULL);
    popover = gtk_widget_get_ancestor (search, GTK_TYPE_POPOVER);
    g_assert_true (gtk_widget_get_visible (popover));
    focus = gtk_root_get_focus (gtk_widget_get_root (search));
    g_assert_true (focus != NULL && (focus == search || gtk_widget_is_ancestor (focus, search)));
    gtk_editable_set_text (GTK_EDITABLE (search), "king");
    g_signal_emit_by_name (search, "activate");
    g_assert_cmpstr (clt_country_row_get_country (country_row), ==, "GB");
    g_assert_false (gtk_widget_get_visible (popover));

    gtk_widget_activate (GTK_WIDGET (country_row));
    gtk_editable_set_text (GTK_EDITABLE (search), "de");
    g_signal_emit_by_name (search, "activate");
    g_assert_cmpstr (clt_country_row_get_country (country_row), ==, "DE");
  }

  /* The comment may span lines. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (clt_address_editor_get_field_row (editor, "comment"))),
                            "Ring twice.\nBack door.", -1);
  g_assert_cmpstr (clt_address_get_comment (address), ==, "Ring twice.\nBack door.");
  g_assert_true (clt_address_editor_get_can_save (editor));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_until (address_editor_idle, editor, "the address to be saved");

  if (gtk_widget_get_visible (GTK_WIDGET (editor)))
    {
      /* Only a back end without addresses may refuse this one. */
      g_assert_cmpstr (clt_address_editor_get_error (editor), !=, NULL);
      g_test_message ("Saving the address failed: %s", clt_address_editor_get_error (editor));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (clt_address_editor_get_field_row (editor, "city"))),
                       ==, "Berlin");
    }

  close_and_finalize (editor);
}

static void
test_address_edit_cancel (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = sync_first_customer (fixture->store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  CltAddress *original;
  CltAddressEditor *editor;

  clt_store_list_addresses_async (fixture->store, clt_customer_get_id (customer), NULL, store_result_cb,
                                  &result);
  wait_until (async_done, &result, "the addresses");
  addresses = clt_store_list_addresses_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (addresses->len, >, 0);
  original = g_ptr_array_index (addresses, 0);
  city = g_strdup (clt_address_get_city (original));

  editor = clt_address_editor_new_for_edit (fixture->parent, fixture->store, original);
  g_object_ref_sink (editor);
  gtk_window_present (GTK_WINDOW (editor));

  g_assert_false (clt_address_editor_is_create (editor));
  g_assert_null (clt_address_editor_get_field_row (editor, "id"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (clt_address_editor_get_field_row (editor, "city"))),
                   ==, city);
  g_assert_cmpstr (clt_country_row_get_country (CLT_COUNTRY_ROW (clt_address_editor_get_field_row (editor, "country"))),
                   ==, clt_address_get_country (original));
  /* A stored address is valid as it is. */
  g_assert_true (clt_address_editor_get_can_save (editor));

  type_into (clt_address_editor_get_field_row (editor, "city"), "");
  g_assert_cmpstr (clt_address_editor_get_field_error (editor, "city"), ==, "Enter a city");
  g_assert_false (clt_address_editor_get_can_save (editor));
  type_into (clt_address_editor_get_field_row (editor, "city"), "Elsewhere");
  g_assert_cmpstr (clt_address_get_city (clt_address_editor_get_address (editor)), ==, "Elsewhere");
  g_assert_cmpstr (clt_address_get_city (original), ==, city);

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  wait_until (window_hidden, editor, "the address editor to close");
  g_assert_cmpstr (clt_address_get_city (original), ==, city);

  close_and_finalize (editor);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

#define ADD(path, n_customers, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n_customers), fixture_set_up, func, fixture_tear_down)

  ADD ("/clt/customer-editor/create-validation", 0, test_create_validation);
  ADD ("/clt/customer-editor/create-failure-keeps-input", 0, test_create_failure_keeps_input);
  ADD ("/clt/customer-editor/create-saves", 0, test_create_saves);
  ADD ("/clt/customer-editor/create-retry", 0, test_create_retry);
  ADD ("/clt/customer-editor/edit-cancel", 3, test_edit_cancel);
  ADD ("/clt/customer-editor/edit-saves", 3, test_edit_saves);
  ADD ("/clt/customer-editor/edit-commit-fails", 3, test_edit_commit_fails);
  ADD ("/clt/customer-editor/edit-stale-reload", 3, test_edit_stale_reload);
  ADD ("/clt/customer-editor/edit-delete-requested", 3, test_edit_delete_requested);
  ADD ("/clt/customer-editor/date-row-calendar", 0, test_date_row_calendar);
  ADD ("/clt/address-editor/create", 3, test_address_create);
  ADD ("/clt/address-editor/edit-cancel", 3, test_address_edit_cancel);

#undef ADD

  return g_test_run ();
}
