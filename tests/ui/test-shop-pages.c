/* test-shop-pages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences → Sites, Groups, Companies and Custom Fields under Xvfb,
 * through the real pages and editor dialogs on a real SQLite store: add,
 * edit and delete (after the confirmation) of each kind; the errors next
 * to the fields (a storefront address that is not https://, a group name
 * that is taken, a bad key); the group's delete confirmation counting its
 * customers; a viewer sees the pages read-only. With CLT_SCREENSHOT_DIR
 * set it saves PNGs of each page (width from CLT_SCREENSHOT_WIDTH).
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "clt-backoffice-user.h"
#include "clt-company.h"
#include "clt-company-editor.h"
#include "clt-conflict-dialog.h"
#include "clt-custom-field.h"
#include "clt-enum-types.h"
#include "clt-form.h"
#include "clt-group.h"
#include "clt-group-editor.h"
#include "clt-list-editor.h"
#include "clt-preferences-window.h"
#include "clt-shop-editor.h"
#include "clt-site.h"

#include "ui-test-util.h"

static CltApplication *app;

typedef struct
{
  TempStore             ts;
  CltWindow            *window;
  CltPreferencesWindow *prefs;
} Fixture;

static gboolean
list_ready (gpointer data)
{
  CltShopList *list = data;

  return clt_shop_list_get_loaded (list) && list->user_known;
}

/* The window and the preferences over f->ts, opened unless it is. */
static void
fixture_open (Fixture *f)
{
  if (f->ts.store == NULL)
    temp_store_init (&f->ts, "clientele-shop-XXXXXX", 3);
  f->window = create_window (app, f->ts.store);
  f->prefs = clt_preferences_window_new (app, GTK_WINDOW (f->window));
  g_object_ref_sink (f->prefs);
  gtk_window_set_default_size (GTK_WINDOW (f->prefs), screenshot_width (600), 640);
  gtk_window_present (GTK_WINDOW (f->prefs));
  wait_for_paint (GTK_WIDGET (f->prefs));

  for (guint page = CLT_PREFERENCES_PAGE_SITES; page <= CLT_PREFERENCES_PAGE_CUSTOM_FIELDS; page++)
    wait_until (list_ready, clt_preferences_window_get_shop_list (f->prefs, page),
                "the page's list");
}

static void
fixture_close (Fixture *f)
{
  destroy_and_finalize (g_steal_pointer (&f->prefs), "the preferences window");
  destroy_window (g_steal_pointer (&f->window));
  temp_store_clear (&f->ts);
}

static CltShopList *
show (Fixture            *f,
      CltPreferencesPage  page)
{
  CltShopList *list = clt_preferences_window_get_shop_list (f->prefs, page);

  clt_preferences_window_show_page (f->prefs, page);
  wait_for_paint (GTK_WIDGET (f->prefs));
  return list;
}

static void
screenshot (Fixture    *f,
            const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);

  wait_for_paint (GTK_WIDGET (f->prefs));
  save_screenshot (GTK_WIDGET (f->prefs), file);
}

static void
editor_screenshot (GtkWidget  *editor,
                   const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);

  if (g_getenv ("CLT_SCREENSHOT_DIR") == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (editor), screenshot_width (520), 620);
  wait_for_paint (editor);
  save_screenshot (editor, file);
}

static gboolean
editor_idle (gpointer data)
{
  gboolean busy = TRUE;

  g_object_get (data, "busy", &busy, NULL);
  return !busy;
}

static void
type (GtkWidget  *editor,
      const char *field,
      const char *text)
{
  GtkWidget *row = clt_form_get_field_row (clt_shop_editor_get_form (editor), field);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Whether the editor has a row for @field, shown. */
static gboolean
row_shown (GtkWidget  *editor,
           const char *field)
{
  GtkWidget *row = clt_form_get_field_row (clt_shop_editor_get_form (editor), field);

  return row != NULL && gtk_widget_get_visible (row);
}

static const char *
field_error (GtkWidget  *editor,
             const char *field)
{
  return clt_form_get_field_error (clt_shop_editor_get_form (editor), field);
}

static gboolean
can_save (GtkWidget *editor)
{
  gboolean can = FALSE;

  g_object_get (editor, "can-save", &can, NULL);
  return can;
}

typedef struct
{
  CltShopList *list;
  const char  *key;
  gboolean     present;
} Listed;

static gboolean
is_listed (gpointer data)
{
  Listed *listed = data;

  return clt_shop_list_get_loaded (listed->list) &&
         (clt_shop_list_find (listed->list, listed->key) != NULL) == listed->present &&
         (clt_shop_list_get_row (listed->list, listed->key) != NULL) == listed->present;
}

static void
wait_listed (CltShopList *list,
             const char  *key,
             gboolean     present)
{
  Listed listed = { list, key, present };

  wait_until (is_listed, &listed, present ? "the row to show" : "the row to go");
}

/* Presses Save (as Enter does) and waits until the dialog closed. */
static void
save (GtkWidget *editor)
{
  g_object_ref (editor);
  g_assert_true (can_save (editor));
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  wait_until (window_hidden, editor, "the editor to close");
  g_object_unref (editor);
}

static gboolean
is_delete_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_str_has_prefix (gtk_widget_get_tooltip_text (widget) != NULL ?
                           gtk_widget_get_tooltip_text (widget) : "", "Delete “");
}

static gboolean
is_spinner (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_SPINNER (widget) && gtk_spinner_get_spinning (GTK_SPINNER (widget));
}

/* Whether @key's row says its delete is under way: a spinner, no delete
 * button, not opening the editor (and not deleting again). */
static gboolean
row_deleting (CltShopList *list,
              const char  *key)
{
  GtkWidget *row = clt_shop_list_get_row (list, key);

  g_assert_nonnull (row);
  if (find_widget (row, is_spinner, NULL) == NULL)
    return FALSE;

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Deleting…");
  g_assert_null (find_widget (row, is_delete_button, NULL));
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  return TRUE;
}

/* Confirms the delete of @key's object through its row's button;
 * returns what the confirmation said. The row shows the delete under
 * way until the store answers. */
static char *
confirm_delete_through_ui (CltShopList *list,
                           const char  *key)
{
  AdwMessageDialog *dialog = NULL;
  GtkWidget *row = clt_shop_list_get_row (list, key);
  GtkWidget *button;
  char *body;

  g_assert_nonnull (row);
  g_assert_false (row_deleting (list, key));
  button = find_widget (row, is_delete_button, NULL);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_until (find_message_dialog, &dialog, "the confirmation");
  body = g_strdup (adw_message_dialog_get_body (dialog));
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* The store answers from the main loop, not before it runs again. */
  g_assert_true (row_deleting (list, key));

  return body;
}

/* Deletes @key's object through its row's button and the confirmation;
 * returns what the confirmation said. */
static char *
delete_through_ui (CltShopList *list,
                   const char  *key)
{
  char *body = confirm_delete_through_ui (list, key);

  wait_listed (list, key, FALSE);
  return body;
}

static gboolean
row_deleted_or_back (gpointer data)
{
  CltShopList *list = data;
  GtkWidget *row = clt_shop_list_get_row (list, "nl");

  return row == NULL || find_widget (row, is_delete_button, NULL) != NULL;
}

static void
test_sites (void)
{
  Fixture f = { 0, };
  CltShopList *list;
  GtkWidget *editor;
  g_autofree char *body = NULL;

  fixture_open (&f);
  list = show (&f, CLT_PREFERENCES_PAGE_SITES);
  g_assert_true (clt_shop_list_get_may_manage (list));

  /* Add: the storefront address must be https:// (or http:// here). */
  editor = GTK_WIDGET (clt_shop_list_edit (list, NULL));
  wait_for_paint (editor);
  type (editor, "code", "nl");
  type (editor, "name", "Netherlands");
  type (editor, "default-currency", "EUR");
  type (editor, "storefront-url", "http://shop.example/nl");
  g_assert_cmpstr (field_error (editor, "storefront-url"), ==,
                   "Enter an address that starts with https://");
  g_assert_false (can_save (editor));
  editor_screenshot (editor, "site-editor-bad-url");
  type (editor, "storefront-url", "ftp://shop.example/nl");
  g_assert_cmpstr (field_error (editor, "storefront-url"), ==,
                   "Enter an address that starts with https://");
  type (editor, "storefront-url", "http://localhost:8080/nl");
  g_assert_null (field_error (editor, "storefront-url"));
  type (editor, "storefront-url", "https://shop.example/nl");
  g_assert_null (field_error (editor, "storefront-url"));

  /* The Assisted Buying address (where CltSite has one) must hold {token}. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (clt_shop_editor_get_form (editor)->object),
                                    "assisted-buying-url") != NULL)
    {
      type (editor, "assisted-buying-url", "https://shop.example/assist?customer={customerNumber}");
      g_assert_nonnull (field_error (editor, "assisted-buying-url"));
      g_assert_nonnull (strstr (field_error (editor, "assisted-buying-url"), "{token}"));
      g_assert_false (can_save (editor));
      editor_screenshot (editor, "site-editor-bad-template");
      type (editor, "assisted-buying-url",
            "https://shop.example/assist?token={token}&customer={customerNumber}");
      g_assert_null (field_error (editor, "assisted-buying-url"));
    }
  else
    {
      g_assert_false (row_shown (editor, "assisted-buying-url"));
    }
  /* Nothing typed was lost on the way. */
  g_assert_cmpstr (clt_site_get_name (CLT_SITE (clt_shop_editor_get_form (editor)->object)), ==,
                   "Netherlands");
  save (editor);
  wait_listed (list, "nl", TRUE);
  screenshot (&f, "sites-page");

  /* A code that is taken: said next to the code. */
  editor = GTK_WIDGET (clt_shop_list_edit (list, NULL));
  type (editor, "code", "nl");
  type (editor, "name", "Netherlands again");
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  wait_until (editor_idle, editor, "the refused save");
  g_assert_cmpstr (field_error (editor, "code"), ==, "There is already a site with this code.");
  gtk_window_destroy (GTK_WINDOW (editor));

  /* Edit: the code can't change; the name can. */
  editor = GTK_WIDGET (clt_shop_list_edit (list, clt_shop_list_find (list, "nl")));
  g_assert_false (row_shown (editor, "code"));
  type (editor, "name", "Nederland");
  save (editor);
  wait_until (list_ready, list, "the list");
  while (g_strcmp0 (clt_site_get_name (clt_shop_list_find (list, "nl")), "Nederland") != 0)
    run_for (20);

  /* A site customers prefer is not deleted: the row shows it again. */
  {
    g_autoptr(CltCustomer) customer = sync_first_customer (f.ts.store);
    g_autoptr(CltCustomer) updated = NULL;
    g_autofree char *refused = NULL;
    AdwMessageDialog *dialog = NULL;

    clt_customer_set_preferred_site (customer, "nl");
    updated = sync_update_customer (f.ts.store, customer);
    refused = confirm_delete_through_ui (list, "nl");
    wait_until (find_message_dialog, &dialog, "the refused delete's dialog");
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Couldn't delete the site");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "prefer"));
    gtk_window_destroy (GTK_WINDOW (dialog));
    wait_until (row_deleted_or_back, list, "the refused delete");
    g_assert_nonnull (clt_shop_list_get_row (list, "nl"));
    g_assert_false (row_deleting (list, "nl"));
    g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (clt_shop_list_get_row (list,
                                                                                              "nl"))));
    g_clear_object (&customer);
    customer = sync_get_customer (f.ts.store, clt_customer_get_id (updated));
    clt_customer_set_preferred_site (customer, "");
    g_clear_object (&updated);
    updated = sync_update_customer (f.ts.store, customer);
  }

  body = delete_through_ui (list, "nl");
  g_assert_nonnull (strstr (body, "Nederland"));

  fixture_close (&f);
}

static void
test_groups (void)
{
  Fixture f = { 0, };
  CltShopList *list;
  GtkWidget *editor;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  const char *codes[] = { "gold", NULL };

  fixture_open (&f);
  list = show (&f, CLT_PREFERENCES_PAGE_GROUPS);

  editor = GTK_WIDGET (clt_shop_list_edit (list, NULL));
  type (editor, "name", "Gold");
  type (editor, "description", "Our best customers");
  save (editor);
  wait_listed (list, "gold", TRUE);

  /* The same name in other case: said next to the name, Save stays off. */
  editor = GTK_WIDGET (clt_shop_list_edit (list, NULL));
  type (editor, "name", "GOLD");
  g_assert_cmpstr (field_error (editor, "name"), ==, "There is already a group named “Gold”");
  g_assert_false (can_save (editor));
  editor_screenshot (editor, "group-editor-duplicate");
  type (editor, "name", "Silver");
  g_assert_null (field_error (editor, "name"));
  save (editor);
  wait_listed (list, "silver", TRUE);
  screenshot (&f, "groups-page");

  /* Editing keeps its own name without complaint. */
  editor = GTK_WIDGET (clt_shop_list_edit (list, clt_shop_list_find (list, "gold")));
  g_assert_null (field_error (editor, "name"));
  type (editor, "description", "The best");
  save (editor);
  wait_until (list_ready, list, "the list");
  while (g_strcmp0 (clt_group_get_description (clt_shop_list_find (list, "gold")), "The best") != 0)
    run_for (20);

  /* Someone else changed it meanwhile: the save says so and compares. */
  editor = GTK_WIDGET (clt_shop_list_edit (list, clt_shop_list_find (list, "gold")));
  {
    g_autoptr(CltGroup) theirs = clt_group_copy (clt_shop_list_find (list, "gold"));
    g_autoptr(GAsyncResult) saved = NULL;
    g_autoptr(CltGroup) stored_group = NULL;
    GtkWindow *conflict;

    clt_group_set_description (theirs, "Changed elsewhere");
    clt_store_save_group_async (f.ts.store, theirs, NULL, NULL, store_result_cb, &saved);
    wait_until (async_done, &saved, "the other save");
    stored_group = clt_store_save_group_finish (f.ts.store, saved, &error);
    g_assert_no_error (error);
    g_clear_object (&saved);

    type (editor, "description", "Mine");
    g_object_ref (editor);
    g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
    wait_until (conflict_dialog_shown, NULL, "the conflict dialog");
    conflict = find_toplevel (CLT_TYPE_CONFLICT_DIALOG);
    /* Nothing typed is lost. */
    g_assert_cmpstr (clt_group_get_description (CLT_GROUP (clt_shop_editor_get_form (editor)->object)),
                     ==, "Mine");
    gtk_window_destroy (conflict);
    gtk_window_destroy (GTK_WINDOW (editor));
    g_object_unref (editor);
  }

  /* A group in use: the confirmation says how many customers it has. */
  customer = sync_first_customer (f.ts.store);
  clt_store_set_customer_groups_async (f.ts.store, clt_customer_get_id (customer),
                                       clt_customer_get_version (customer), codes, NULL,
                                       store_result_cb, &result);
  wait_until (async_done, &result, "the group assignment");
  stored = clt_store_set_customer_groups_finish (f.ts.store, result, &error);
  g_assert_no_error (error);
  /* The result holds the store. */
  g_clear_object (&result);

  body = delete_through_ui (list, "gold");
  g_assert_cmpstr (body, ==, "1 customer is in “Gold”. The customer stays, without the group.");
  g_clear_pointer (&body, g_free);
  body = delete_through_ui (list, "silver");
  g_assert_cmpstr (body, ==, "No customer is in “Silver”.");

  fixture_close (&f);
}

static void
test_companies (void)
{
  Fixture f = { 0, };
  CltShopList *list;
  GtkWidget *editor;
  CltListEditor *units;
  CltListEditor *roles;
  CltCompany *company;
  g_autofree char *body = NULL;
  const char *expected_units[] = { "Purchasing", "Logistics", NULL };

  fixture_open (&f);
  list = show (&f, CLT_PREFERENCES_PAGE_COMPANIES);

  editor = GTK_WIDGET (clt_shop_list_edit (list, NULL));
  type (editor, "name", "Acme Trading GmbH");
  units = CLT_LIST_EDITOR (clt_form_get_field_row (clt_shop_editor_get_form (editor),
                                                   "business-units"));
  roles = CLT_LIST_EDITOR (clt_form_get_field_row (clt_shop_editor_get_form (editor), "roles"));
  clt_list_editor_add (units, "Purchasing");
  clt_list_editor_add (units, "Sales");
  clt_list_editor_add (units, "  ");    /* nothing */
  clt_list_editor_add (roles, "Buyer");
  clt_list_editor_add (roles, "Approver");
  /* A unit listed twice is said under the units. */
  clt_list_editor_add (units, "Sales");
  g_assert_cmpstr (field_error (editor, "business-units"), ==, "“Sales” is listed twice");
  g_assert_false (can_save (editor));
  clt_list_editor_remove (units, 2);
  g_assert_null (field_error (editor, "business-units"));
  editor_screenshot (editor, "company-editor");
  save (editor);
  wait_listed (list, "acme-trading-gmbh", TRUE);
  screenshot (&f, "companies-page");

  /* Rename a unit, remove a role. */
  editor = GTK_WIDGET (clt_shop_list_edit (list, clt_shop_list_find (list, "acme-trading-gmbh")));
  units = CLT_LIST_EDITOR (clt_form_get_field_row (clt_shop_editor_get_form (editor),
                                                   "business-units"));
  roles = CLT_LIST_EDITOR (clt_form_get_field_row (clt_shop_editor_get_form (editor), "roles"));
  gtk_editable_set_text (GTK_EDITABLE (clt_list_editor_get_row (units, 1)), "Logistics");
  clt_list_editor_remove (roles, 1);
  save (editor);
  wait_until (list_ready, list, "the list");
  company = clt_shop_list_find (list, "acme-trading-gmbh");
  while (g_strv_length ((char **) clt_company_get_roles (company)) != 1)
    {
      run_for (20);
      company = clt_shop_list_find (list, "acme-trading-gmbh");
    }
  g_assert_true (g_strv_equal (clt_company_get_business_units (company), expected_units));
  g_assert_cmpstr (clt_company_get_roles (company)[0], ==, "Buyer");

  body = delete_through_ui (list, "acme-trading-gmbh");
  g_assert_nonnull (strstr (body, "Acme Trading GmbH"));

  fixture_close (&f);
}

static void
test_custom_fields (void)
{
  g_autoptr(GEnumClass) types = g_type_class_ref (CLT_TYPE_CUSTOM_FIELD_TYPE);
  GEnumValue *choice;
  Fixture f = { 0, };
  CltShopList *list;
  GtkWidget *editor;
  CltCustomField *field;
  g_autofree char *body = NULL;

  fixture_open (&f);
  list = show (&f, CLT_PREFERENCES_PAGE_CUSTOM_FIELDS);

  editor = GTK_WIDGET (clt_shop_list_edit (list, NULL));
  type (editor, "label", "Loyalty Tier");
  type (editor, "key", "Loyalty Tier");
  g_assert_cmpstr (field_error (editor, "key"), ==,
                   "Use lower-case letters, digits and _, starting with a letter");
  g_assert_false (can_save (editor));
  type (editor, "key", "loyalty_tier");
  /* Only a choice list has choices to edit. */
  g_assert_false (row_shown (editor, "choices"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (clt_form_get_field_row (clt_shop_editor_get_form (editor),
                                                                     "type")),
                              CLT_CUSTOM_FIELD_NUMBER);
  editor_screenshot (editor, "custom-field-editor");
  save (editor);
  wait_listed (list, "loyalty_tier", TRUE);
  /* Held: a reload (the store's "changed") replaces the list's items. */
  field = g_object_ref (clt_shop_list_find (list, "loyalty_tier"));
  g_assert_cmpint (clt_custom_field_get_field_type (field), ==, CLT_CUSTOM_FIELD_NUMBER);
  screenshot (&f, "custom-fields-page");

  editor = GTK_WIDGET (clt_shop_list_edit (list, field));
  g_clear_object (&field);
  g_assert_false (row_shown (editor, "key"));
  type (editor, "label", "Tier");
  save (editor);
  while (g_strcmp0 (clt_custom_field_get_label (clt_shop_list_find (list, "loyalty_tier")),
                    "Tier") != 0)
    run_for (20);

  body = delete_through_ui (list, "loyalty_tier");
  g_assert_nonnull (strstr (body, "Tier"));

  /* A choice list (where CltCustomField has them) edits its choices. */
  choice = g_enum_get_value_by_nick (types, "choice");
  if (choice != NULL)
    {
      CltListEditor *choices;
      g_auto(GStrv) stored = NULL;
      const char *expected[] = { "Bronze", "Silver", "Gold", NULL };

      editor = GTK_WIDGET (clt_shop_list_edit (list, NULL));
      type (editor, "label", "Tier");
      type (editor, "key", "tier");
      adw_combo_row_set_selected (ADW_COMBO_ROW (clt_form_get_field_row (clt_shop_editor_get_form (editor),
                                                                         "type")),
                                  choice->value);
      g_assert_true (row_shown (editor, "choices"));
      g_assert_false (can_save (editor));   /* no choices yet */
      choices = CLT_LIST_EDITOR (clt_form_get_field_row (clt_shop_editor_get_form (editor),
                                                         "choices"));
      for (guint i = 0; expected[i] != NULL; i++)
        clt_list_editor_add (choices, expected[i]);
      editor_screenshot (editor, "custom-field-editor-choices");
      save (editor);
      wait_listed (list, "tier", TRUE);
      g_object_get (clt_shop_list_find (list, "tier"), "choices", &stored, NULL);
      g_assert_true (g_strv_equal ((const char * const *) stored, expected));
    }

  fixture_close (&f);
}

/* A viewer sees the groups but can't add, edit or delete them; the
 * customer page's link focuses the group's row instead of an editor. */
static void
test_viewer (void)
{
  Fixture f = { 0, };
  g_autoptr(CltBackofficeUser) viewer = clt_backoffice_user_new ();
  CltShopList *list;
  GtkWidget *row;

  /* The sample data has a group "vip". */
  temp_store_init (&f.ts, "clientele-shop-XXXXXX", 1);
  clt_backoffice_user_set_username (viewer, "vera");
  clt_backoffice_user_set_role (viewer, CLT_ROLE_VIEWER);
  clt_store_begin_acting_as (viewer);
  fixture_open (&f);

  for (guint page = CLT_PREFERENCES_PAGE_SITES; page <= CLT_PREFERENCES_PAGE_CUSTOM_FIELDS; page++)
    {
      list = clt_preferences_window_get_shop_list (f.prefs, page);
      g_assert_false (clt_shop_list_get_may_manage (list));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (list->add_button)));
    }

  list = show (&f, CLT_PREFERENCES_PAGE_GROUPS);
  clt_preferences_window_show_group (f.prefs, "vip");
  row = clt_shop_list_get_row (list, "vip");
  g_assert_nonnull (row);
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_true (gtk_widget_has_focus (row));
  g_assert_null (find_toplevel (CLT_TYPE_GROUP_EDITOR));
  screenshot (&f, "groups-page-viewer");

  fixture_close (&f);
  clt_store_end_acting_as ();
}

static gboolean
toplevel_shown (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

/* The editor of @type the application's action opened, showing @name,
 * over the page of @prefs that lists it. */
static void
assert_editor_shows (CltPreferencesWindow *prefs,
                     CltPreferencesPage    page,
                     GType                 type,
                     const char           *name)
{
  GtkWidget *editor;
  GtkWidget *row;

  wait_until (toplevel_shown, GSIZE_TO_POINTER (type), "the editor");
  editor = GTK_WIDGET (find_toplevel (type));
  row = clt_form_get_field_row (clt_shop_editor_get_form (editor), "name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, name);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (prefs));
  g_assert_true (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (prefs)) ==
                 ADW_PREFERENCES_PAGE (clt_preferences_window_get_shop_list (prefs, page)->page));
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The customer page's group and company links activate app.show-group
 * and app.show-company: they open Preferences (one window, however often)
 * on that group's or company's editor. */
static void
test_app_actions (void)
{
  Fixture f = { 0, };
  g_autoptr(CltCompany) company = clt_company_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CltCompany) saved = NULL;
  CltPreferencesWindow *prefs;

  temp_store_init (&f.ts, "clientele-shop-XXXXXX", 1);
  clt_company_set_id (company, "nordwind");
  clt_company_set_name (company, "Nordwind AG");
  clt_store_save_company_async (f.ts.store, company, NULL, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the company");
  saved = clt_store_save_company_finish (f.ts.store, result, &error);
  g_assert_no_error (error);
  /* The result holds the store. */
  g_clear_object (&result);
  f.window = create_window (app, f.ts.store);
  g_assert_null (find_toplevel (CLT_TYPE_PREFERENCES_WINDOW));

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-group", g_variant_new_string ("vip"));
  prefs = CLT_PREFERENCES_WINDOW (find_toplevel (CLT_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (prefs);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs)) == GTK_WINDOW (f.window));
  assert_editor_shows (prefs, CLT_PREFERENCES_PAGE_GROUPS, CLT_TYPE_GROUP_EDITOR, "VIP");

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-company",
                                  g_variant_new_string ("nordwind"));
  g_assert_true (CLT_PREFERENCES_WINDOW (find_toplevel (CLT_TYPE_PREFERENCES_WINDOW)) == prefs);
  assert_editor_shows (prefs, CLT_PREFERENCES_PAGE_COMPANIES, CLT_TYPE_COMPANY_EDITOR,
                       "Nordwind AG");

  f.prefs = g_object_ref (prefs);
  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  ui_test_init (&argc, &argv);
  app = ui_test_app_new ();

  g_test_add_func ("/clt/shop-pages/sites", test_sites);
  g_test_add_func ("/clt/shop-pages/groups", test_groups);
  g_test_add_func ("/clt/shop-pages/companies", test_companies);
  g_test_add_func ("/clt/shop-pages/custom-fields", test_custom_fields);
  g_test_add_func ("/clt/shop-pages/viewer", test_viewer);
  g_test_add_func ("/clt/shop-pages/app-actions", test_app_actions);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
