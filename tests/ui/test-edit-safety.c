/* test-edit-safety.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Editing safely when others edit too, under Xvfb: two SQLite stores on
 * one file stand for two staff members. A stale save in the customer and
 * address editors opens the conflict dialog (keep mine, take theirs, per
 * field) and the customer finally stored is the one chosen; a save that
 * can't reach the back end keeps the editor and offers Retry.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "clt-address.h"
#include "clt-address-editor.h"
#include "clt-address-editor-private.h"
#include "clt-conflict-dialog.h"
#include "clt-customer.h"
#include "clt-customer-editor.h"
#include "clt-customer-editor-private.h"
#include "clt-query.h"
#include "clt-sqlite-store.h"
#include "clt-store.h"

#include "ui-test-store.h"
#include "ui-test-util.h"

typedef struct
{
  char      *dir;
  /* Two staff members on one file: the editor's and the other's. */
  CltStore  *mine;
  CltStore  *theirs;
  GtkWindow *parent;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->mine = open_temp_store ("clt-test-edit-safety-XXXXXX", 3, 11, &fixture->dir, &path);
  fixture->theirs = CLT_STORE (clt_sqlite_store_new (path, NULL, &error));
  g_assert_no_error (error);

  fixture->parent = present_parent_window ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  destroy_parent_window (g_steal_pointer (&fixture->parent));

  wait_until (only_one_ref, fixture->theirs, "the other store's last reference");
  g_assert_finalize_object (g_steal_pointer (&fixture->theirs));
  close_temp_store (g_steal_pointer (&fixture->mine), fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Helpers ------------------------------------------------------------------ */

static CltConflictDialog *
wait_for_conflict_dialog (void)
{
  CltConflictDialog *dialog;

  wait_until (conflict_dialog_shown, NULL, "the conflict dialog");
  dialog = CLT_CONFLICT_DIALOG (find_toplevel (CLT_TYPE_CONFLICT_DIALOG));
  if (g_getenv ("CLT_SCREENSHOT_WIDTH") != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (dialog), atoi (g_getenv ("CLT_SCREENSHOT_WIDTH")),
                                   640);
      run_for (200);
    }
  wait_for_paint (GTK_WIDGET (dialog));

  return dialog;
}

static void
type_into (GtkWidget  *row,
           const char *text)
{
  g_assert_true (GTK_IS_EDITABLE (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static const char *
row_text (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The other staff member changes the first name and the company. */
static CltCustomer *
their_update (Fixture     *fixture,
              CltCustomer *original)
{
  g_autoptr(CltCustomer) customer = sync_get_customer (fixture->theirs,
                                                       clt_customer_get_id (original));

  clt_customer_set_first_name (customer, "Theodora");
  clt_customer_set_company (customer, "Their Company");

  return sync_update_customer (fixture->theirs, customer);
}

typedef struct
{
  CltCustomer *customer;
  guint        n_saved;
} Saved;

static void
on_saved_cb (GtkWidget *editor,
             GObject   *stored,
             Saved     *saved)
{
  saved->n_saved++;
  g_set_object (&saved->customer, (CltCustomer *) stored);
}

/* Opens the editor on @original, types a first name and a phone number
 * (the other person changed first name and company meanwhile) and saves:
 * the conflict dialog opens. */
static CltCustomerEditor *
edit_into_conflict (Fixture           *fixture,
                    CltCustomer       *original,
                    Saved             *saved,
                    CltConflictDialog **dialog)
{
  CltCustomerEditor *editor = clt_customer_editor_new_for_edit (fixture->parent, fixture->mine,
                                                                original);
  g_autoptr(CltCustomer) stored = NULL;

  g_object_ref_sink (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), saved);
  gtk_window_present (GTK_WINDOW (editor));
  wait_until (customer_editor_idle, editor, "the editor");

  type_into (clt_customer_editor_get_field_row (editor, "first-name"), "Mina");
  type_into (clt_customer_editor_get_field_row (editor, "phone"), "+49 30 123456");

  stored = their_update (fixture, original);

  clt_customer_editor_save (editor);
  *dialog = wait_for_conflict_dialog ();
  g_assert_cmpuint (saved->n_saved, ==, 0);

  /* What differs: the first name (both changed it), the company (they
   * did), the phone (you did); the choice starts as the natural merge. */
  g_assert_cmpuint (clt_conflict_dialog_get_n_fields (*dialog), ==, 3);
  g_assert_true (clt_conflict_dialog_get_take_mine (*dialog, "first-name"));
  g_assert_false (clt_conflict_dialog_get_take_mine (*dialog, "company"));
  g_assert_true (clt_conflict_dialog_get_take_mine (*dialog, "phone"));

  /* Nothing typed is lost while it shows. */
  g_assert_cmpstr (row_text (clt_customer_editor_get_field_row (editor, "first-name")), ==, "Mina");

  return editor;
}

/* Customers ---------------------------------------------------------------- */

static void
test_keep_mine (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CltCustomer) original = sync_first_customer (fixture->mine);
  g_autoptr(CltCustomer) final = NULL;
  CltConflictDialog *dialog = NULL;
  Saved saved = { NULL, 0 };
  CltCustomerEditor *editor = edit_into_conflict (fixture, original, &saved, &dialog);

  save_screenshot (GTK_WIDGET (dialog), "conflict-dialog.png");

  clt_conflict_dialog_resolve (dialog, CLT_CONFLICT_KEEP_MINE);
  wait_until (window_hidden, editor, "the editor to save and close");
  g_assert_cmpuint (saved.n_saved, ==, 1);

  /* Every field as typed, saved over their version (not the old one). */
  final = sync_get_customer (fixture->theirs, clt_customer_get_id (original));
  g_assert_cmpstr (clt_customer_get_first_name (final), ==, "Mina");
  g_assert_cmpstr (clt_customer_get_phone (final), ==, "+49 30 123456");
  g_assert_cmpstr (clt_customer_get_company (final), ==, clt_customer_get_company (original));
  g_assert_cmpint (clt_customer_get_version (final), ==, clt_customer_get_version (original) + 2);

  destroy_and_finalize (editor, "the editor's last reference");
  g_clear_object (&saved.customer);
}

static void
test_take_theirs (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CltCustomer) original = sync_first_customer (fixture->mine);
  g_autoptr(CltCustomer) final = NULL;
  CltConflictDialog *dialog = NULL;
  Saved saved = { NULL, 0 };
  CltCustomerEditor *editor = edit_into_conflict (fixture, original, &saved, &dialog);

  clt_conflict_dialog_resolve (dialog, CLT_CONFLICT_TAKE_THEIRS);
  g_assert_null (find_toplevel (CLT_TYPE_CONFLICT_DIALOG));

  /* The editor shows their version, nothing saved; it stays open. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpuint (saved.n_saved, ==, 0);
  g_assert_cmpstr (row_text (clt_customer_editor_get_field_row (editor, "first-name")), ==,
                   "Theodora");
  g_assert_cmpstr (row_text (clt_customer_editor_get_field_row (editor, "company")), ==,
                   "Their Company");
  g_assert_cmpstr (row_text (clt_customer_editor_get_field_row (editor, "phone")), ==,
                   clt_customer_get_phone (original));

  /* A save from here names their version: it goes through. */
  type_into (clt_customer_editor_get_field_row (editor, "last-name"), "Afterwards");
  clt_customer_editor_save (editor);
  wait_until (window_hidden, editor, "the editor to save and close");
  g_assert_cmpuint (saved.n_saved, ==, 1);

  final = sync_get_customer (fixture->theirs, clt_customer_get_id (original));
  g_assert_cmpstr (clt_customer_get_first_name (final), ==, "Theodora");
  g_assert_cmpstr (clt_customer_get_company (final), ==, "Their Company");
  g_assert_cmpstr (clt_customer_get_last_name (final), ==, "Afterwards");
  g_assert_cmpstr (clt_customer_get_phone (final), ==, clt_customer_get_phone (original));

  destroy_and_finalize (editor, "the editor's last reference");
  g_clear_object (&saved.customer);
}

static void
test_per_field (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CltCustomer) original = sync_first_customer (fixture->mine);
  g_autoptr(CltCustomer) final = NULL;
  CltConflictDialog *dialog = NULL;
  Saved saved = { NULL, 0 };
  CltCustomerEditor *editor = edit_into_conflict (fixture, original, &saved, &dialog);

  /* Their first name, their company, my phone. */
  clt_conflict_dialog_set_take_mine (dialog, "first-name", FALSE);
  g_assert_false (clt_conflict_dialog_get_take_mine (dialog, "first-name"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "conflict.save-selection", NULL);
  wait_until (window_hidden, editor, "the editor to save and close");
  g_assert_cmpuint (saved.n_saved, ==, 1);

  final = sync_get_customer (fixture->theirs, clt_customer_get_id (original));
  g_assert_cmpstr (clt_customer_get_first_name (final), ==, "Theodora");
  g_assert_cmpstr (clt_customer_get_company (final), ==, "Their Company");
  g_assert_cmpstr (clt_customer_get_phone (final), ==, "+49 30 123456");
  g_assert_cmpstr (clt_customer_get_first_name (saved.customer), ==, "Theodora");

  destroy_and_finalize (editor, "the editor's last reference");
  g_clear_object (&saved.customer);
}

static void
test_cancel_keeps_typing (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CltCustomer) original = sync_first_customer (fixture->mine);
  g_autoptr(CltCustomer) final = NULL;
  CltConflictDialog *dialog = NULL;
  Saved saved = { NULL, 0 };
  CltCustomerEditor *editor = edit_into_conflict (fixture, original, &saved, &dialog);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "conflict.cancel", NULL);
  g_assert_null (find_toplevel (CLT_TYPE_CONFLICT_DIALOG));
  g_assert_nonnull (clt_customer_editor_get_error (editor));
  g_assert_cmpstr (row_text (clt_customer_editor_get_field_row (editor, "first-name")), ==, "Mina");
  g_assert_cmpstr (row_text (clt_customer_editor_get_field_row (editor, "phone")), ==,
                   "+49 30 123456");

  /* Saving again compares again. */
  clt_customer_editor_save (editor);
  dialog = wait_for_conflict_dialog ();
  clt_conflict_dialog_resolve (dialog, CLT_CONFLICT_SELECTION);
  wait_until (window_hidden, editor, "the editor to save and close");

  /* The natural merge: my first name and phone, their company. */
  final = sync_get_customer (fixture->theirs, clt_customer_get_id (original));
  g_assert_cmpstr (clt_customer_get_first_name (final), ==, "Mina");
  g_assert_cmpstr (clt_customer_get_company (final), ==, "Their Company");
  g_assert_cmpstr (clt_customer_get_phone (final), ==, "+49 30 123456");

  destroy_and_finalize (editor, "the editor's last reference");
  g_clear_object (&saved.customer);
}

/* Addresses ---------------------------------------------------------------- */

static CltAddress *
add_address (CltStore    *store,
             CltCustomer *customer)
{
  g_autoptr(CltAddress) address = clt_address_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CltAddress *stored;

  clt_address_set_customer_id (address, clt_customer_get_id (customer));
  clt_address_set_first_name (address, "Ada");
  clt_address_set_last_name (address, "Lovelace");
  clt_address_set_address1 (address, "Main Street 1");
  clt_address_set_zip_code (address, "10115");
  clt_address_set_city (address, "Berlin");
  clt_address_set_country (address, "DE");
  clt_store_create_address_async (store, address, NULL, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "a new address");
  stored = clt_store_create_address_finish (store, result, &error);
  g_assert_no_error (error);

  return stored;
}

static void
test_address_per_field (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = sync_first_customer (fixture->mine);
  g_autoptr(CltAddress) original = add_address (fixture->mine, customer);
  g_autoptr(CltAddress) theirs = clt_address_copy (original);
  g_autoptr(CltAddress) stored = NULL;
  g_autoptr(CltAddress) final = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CltAddressEditor *editor;
  CltConflictDialog *dialog;

  editor = clt_address_editor_new_for_edit (fixture->parent, fixture->mine, original);
  g_object_ref_sink (editor);
  gtk_window_present (GTK_WINDOW (editor));
  wait_until (address_editor_idle, editor, "the address editor");

  type_into (clt_address_editor_get_field_row (editor, "address2"), "Back building");
  type_into (clt_address_editor_get_field_row (editor, "city"), "Berlin-Mitte");

  /* They move the street and the city meanwhile. */
  clt_address_set_address1 (theirs, "Side Street 2");
  clt_address_set_city (theirs, "Berlin-Wedding");
  clt_store_update_address_async (fixture->theirs, theirs, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "their address update");
  stored = clt_store_update_address_finish (fixture->theirs, result, &error);
  g_assert_no_error (error);

  clt_address_editor_save (editor);
  dialog = wait_for_conflict_dialog ();
  g_assert_cmpuint (clt_conflict_dialog_get_n_fields (dialog), ==, 3);
  g_assert_false (clt_conflict_dialog_get_take_mine (dialog, "address1"));
  g_assert_true (clt_conflict_dialog_get_take_mine (dialog, "address2"));
  g_assert_true (clt_conflict_dialog_get_take_mine (dialog, "city"));
  clt_conflict_dialog_set_take_mine (dialog, "city", FALSE);
  clt_conflict_dialog_resolve (dialog, CLT_CONFLICT_SELECTION);
  wait_until (window_hidden, editor, "the address editor to save and close");

  g_clear_object (&result);
  clt_store_get_address_async (fixture->theirs, clt_customer_get_id (customer),
                               clt_address_get_id (original), NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the final address");
  final = clt_store_get_address_finish (fixture->theirs, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_address_get_address1 (final), ==, "Side Street 2");
  g_assert_cmpstr (clt_address_get_address2 (final), ==, "Back building");
  g_assert_cmpstr (clt_address_get_city (final), ==, "Berlin-Wedding");

  destroy_and_finalize (editor, "the address editor's last reference");
}

/* Network loss ------------------------------------------------------------- */

static void
test_unavailable_retry (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CltCustomer) original = sync_first_customer (fixture->mine);
  g_autoptr(CltStore) store = ui_test_store_new (fixture->mine, FALSE, TRUE);
  g_autoptr(CltCustomer) final = NULL;
  CltCustomerEditor *editor;
  GtkWidget *retry;
  Saved saved = { NULL, 0 };

  editor = clt_customer_editor_new_for_edit (fixture->parent, store, original);
  g_object_ref_sink (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);
  if (g_getenv ("CLT_SCREENSHOT_WIDTH") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (editor), atoi (g_getenv ("CLT_SCREENSHOT_WIDTH")),
                                 640);
  gtk_window_present (GTK_WINDOW (editor));
  wait_until (customer_editor_idle, editor, "the editor");

  type_into (clt_customer_editor_get_field_row (editor, "first-name"), "Offline");
  ui_test_store_fail (UI_TEST_STORE (store), "update_customer", CLT_STORE_ERROR_UNAVAILABLE,
                      "The server can’t be reached: check the network connection.");
  clt_customer_editor_save (editor);
  wait_until (customer_editor_idle, editor, "the save to fail");

  /* Open, everything typed, the reason in words and a Retry. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpuint (saved.n_saved, ==, 0);
  g_assert_nonnull (strstr (clt_customer_editor_get_error (editor), "can’t be reached"));
  g_assert_cmpstr (row_text (clt_customer_editor_get_field_row (editor, "first-name")), ==,
                   "Offline");
  retry = clt_customer_editor_get_retry_button (editor);
  g_assert_true (gtk_widget_get_visible (retry));
  run_for (400);
  wait_for_paint (GTK_WIDGET (editor));
  save_screenshot (GTK_WIDGET (editor), "editor-unavailable.png");

  /* Back online: Retry saves. */
  ui_test_store_fail (UI_TEST_STORE (store), "update_customer", 0, NULL);
  g_signal_emit_by_name (retry, "clicked");
  wait_until (window_hidden, editor, "the retried save");
  g_assert_cmpuint (saved.n_saved, ==, 1);

  final = sync_get_customer (fixture->theirs, clt_customer_get_id (original));
  g_assert_cmpstr (clt_customer_get_first_name (final), ==, "Offline");

  destroy_and_finalize (editor, "the editor's last reference");
  g_clear_object (&saved.customer);
  wait_until (only_one_ref, store, "the test store's last reference");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/clt/conflict/keep-mine", test_keep_mine);
  ADD ("/clt/conflict/take-theirs", test_take_theirs);
  ADD ("/clt/conflict/per-field", test_per_field);
  ADD ("/clt/conflict/cancel-keeps-typing", test_cancel_keeps_typing);
  ADD ("/clt/conflict/address-per-field", test_address_per_field);
  ADD ("/clt/editor/unavailable-retry", test_unavailable_retry);

#undef ADD

  return g_test_run ();
}
