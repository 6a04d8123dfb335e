/* test-custom-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Custom fields in the UI, over a temporary SQLite store under Xvfb: a row
 * per defined field in the edit dialog, checked by its type as the user
 * types, saved with the customer, and shown on the customer page.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "clt-custom-field.h"
#include "clt-custom-fields-group.h"
#include "clt-customer.h"
#include "clt-customer-editor.h"
#include "clt-customer-editor-private.h"
#include "clt-customer-page.h"
#include "clt-store.h"

#include "ui-test-util.h"

typedef struct
{
  char      *dir;
  CltStore       *store;
  GtkWindow      *parent;
  CltCustomField *tier;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const tiers[] = { "Gold", "Silver", NULL };

  fixture->store = open_temp_store ("clt-test-custom-fields-XXXXXX", 3, 7, &fixture->dir, NULL);
  g_autoptr(CltCustomField) points = save_custom_field (fixture->store, "points", "Loyalty Points",
                                                        CLT_CUSTOM_FIELD_NUMBER, NULL);
  g_autoptr(CltCustomField) vip = save_custom_field (fixture->store, "vip", "VIP",
                                                     CLT_CUSTOM_FIELD_BOOLEAN, NULL);
  g_autoptr(CltCustomField) since = save_custom_field (fixture->store, "since", "Member Since",
                                                       CLT_CUSTOM_FIELD_DATE, NULL);
  g_autoptr(CltCustomField) nick = save_custom_field (fixture->store, "nick", "Nickname",
                                                      CLT_CUSTOM_FIELD_STRING, NULL);

  fixture->tier = save_custom_field (fixture->store, "tier", "Tier", CLT_CUSTOM_FIELD_CHOICE,
                                     tiers);
  fixture->parent = present_parent_window ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  destroy_parent_window (g_steal_pointer (&fixture->parent));
  g_clear_object (&fixture->tier);
  close_temp_store (g_steal_pointer (&fixture->store), fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gboolean
custom_rows_shown (gpointer data)
{
  return clt_customer_editor_get_field_row (data, "custom-fields.points") != NULL;
}

/* Scrolls the page holding @widget so that it shows, for screenshots. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *v;
  double x, y;

  g_assert_nonnull (scrolled);
  v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_translate_coordinates (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                                   0, 0, &x, &y));
  gtk_adjustment_set_value (v, MAX (0, y - 120));
  wait_for_paint (widget);
  run_for (200);
}

static gboolean
editor_can_save (CltCustomerEditor *editor)
{
  return clt_customer_editor_get_can_save (editor);
}

static GVariant *
lookup (CltCustomer *customer,
        const char  *key)
{
  return g_variant_lookup_value (clt_customer_get_custom_fields (customer), key, NULL);
}

static gboolean
is_switch (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_SWITCH (widget);
}

static gboolean
is_group (GtkWidget     *widget,
          gconstpointer  data)
{
  return CLT_IS_CUSTOM_FIELDS_GROUP (widget);
}

/* Edit a customer's custom fields: every type, a wrong value refused with
 * a message under its row, the right values saved and shown on the page. */
/* The value a cell of the page's property grid shows (its label after
 * the field's name). */
static const char *
cell_value (GtkWidget *cell)
{
  GtkWidget *box = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (cell));

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_last_child (box)));
}

static void
test_editor_and_page (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CltCustomer) original = sync_first_customer (fixture->store);
  g_autoptr(CltCustomer) reread = NULL;
  g_autoptr(GVariant) value = NULL;
  CltCustomerEditor *editor;
  GtkWidget *row;
  GtkWindow *window;
  CltCustomerPage *page;
  GtkWidget *group;

  editor = clt_customer_editor_new_for_edit (fixture->parent, fixture->store, original);
  g_object_ref_sink (editor);
  gtk_window_present (GTK_WINDOW (editor));
  wait_until (customer_editor_idle, editor, "the editor");
  wait_until (custom_rows_shown, editor, "the custom field rows");

  /* Each type gets its widget. */
  g_assert_true (ADW_IS_ENTRY_ROW (clt_customer_editor_get_field_row (editor, "custom-fields.points")));
  g_assert_true (ADW_IS_COMBO_ROW (clt_customer_editor_get_field_row (editor, "custom-fields.tier")));
  g_assert_true (ADW_IS_ACTION_ROW (clt_customer_editor_get_field_row (editor, "custom-fields.vip")));
  g_assert_true (GTK_IS_EDITABLE (clt_customer_editor_get_field_row (editor, "custom-fields.since")));
  g_assert_null (clt_customer_editor_get_field_error (editor, "custom-fields.points"));
  g_assert_true (editor_can_save (editor));

  /* Text in a number field: the message next to the field, no saving. */
  type_into_field (editor, "custom-fields.points", "lots");
  g_assert_cmpstr (clt_customer_editor_get_field_error (editor, "custom-fields.points"), ==,
                   "Enter a number");
  g_assert_false (editor_can_save (editor));
  type_into_field (editor, "custom-fields.since", "2021-02-30");
  g_assert_nonnull (clt_customer_editor_get_field_error (editor, "custom-fields.since"));
  scroll_to (clt_customer_editor_get_field_row (editor, "custom-fields.points"));
  save_screenshot (gtk_widget_get_ancestor (clt_customer_editor_get_field_row (editor, "custom-fields.points"),
                                            CLT_TYPE_CUSTOM_FIELDS_GROUP),
                   "editor-custom-fields.png");

  /* Fixed: a decimal comma reads as a number. */
  type_into_field (editor, "custom-fields.points", "12,5");
  type_into_field (editor, "custom-fields.since", "2021-02-28");
  g_assert_null (clt_customer_editor_get_field_error (editor, "custom-fields.points"));
  g_assert_null (clt_customer_editor_get_field_error (editor, "custom-fields.since"));
  type_into_field (editor, "custom-fields.nick", "Ada");
  adw_combo_row_set_selected (ADW_COMBO_ROW (clt_customer_editor_get_field_row (editor, "custom-fields.tier")), 2);
  row = clt_customer_editor_get_field_row (editor, "custom-fields.vip");
  gtk_switch_set_active (GTK_SWITCH (find_widget (row, is_switch, NULL)), TRUE);
  g_assert_true (editor_can_save (editor));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  wait_until (window_hidden, editor, "the editor to close after saving");
  destroy_and_finalize (editor, "the editor's last reference");

  reread = sync_get_customer (fixture->store, clt_customer_get_id (original));
  value = lookup (reread, "points");
  g_assert_cmpfloat (g_variant_get_double (value), ==, 12.5);
  g_clear_pointer (&value, g_variant_unref);
  value = lookup (reread, "tier");
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "Silver");
  g_clear_pointer (&value, g_variant_unref);
  value = lookup (reread, "vip");
  g_assert_true (g_variant_get_boolean (value));
  g_clear_pointer (&value, g_variant_unref);
  value = lookup (reread, "since");
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "2021-02-28");

  /* The customer page shows them. */
  window = GTK_WINDOW (adw_window_new ());
  page = clt_customer_page_new (fixture->store);
  g_object_ref_sink (page);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (window, 1000, 900);
  gtk_window_present (window);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) fields = NULL;

    clt_store_list_custom_fields_async (fixture->store, NULL, store_result_cb, &result);
    wait_until (async_done, &result, "the custom fields");
    fields = clt_store_list_custom_fields_finish (fixture->store, result, NULL);
    clt_customer_page_set_custom_fields (page, fields);
  }
  clt_customer_page_set_customer_id (page, clt_customer_get_id (original));
  wait_until (page_loaded, page, "the customer page");
  group = find_widget (GTK_WIDGET (page), is_group, NULL);
  g_assert_nonnull (group);
  wait_until ((Condition) gtk_widget_get_visible, group, "the custom fields on the page");
  /* Cells of one compact grid, as the page's other groups: three side
   * by side in a wide window. */
  row = clt_custom_fields_group_get_row (CLT_CUSTOM_FIELDS_GROUP (group), "points");
  g_assert_cmpstr (cell_value (row), ==, "12.5");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (row), "property-grid"));
  row = clt_custom_fields_group_get_row (CLT_CUSTOM_FIELDS_GROUP (group), "vip");
  g_assert_cmpstr (cell_value (row), ==, "Yes");
  row = clt_custom_fields_group_get_row (CLT_CUSTOM_FIELDS_GROUP (group), "tier");
  g_assert_cmpstr (cell_value (row), ==, "Silver");
  wait_for_paint (GTK_WIDGET (page));
  {
    graphene_point_t points_at, vip_at;
    GtkWidget *points = clt_custom_fields_group_get_row (CLT_CUSTOM_FIELDS_GROUP (group), "points");
    GtkWidget *vip = clt_custom_fields_group_get_row (CLT_CUSTOM_FIELDS_GROUP (group), "vip");

    g_assert_true (gtk_widget_compute_point (points, group, &GRAPHENE_POINT_INIT (0, 0), &points_at));
    g_assert_true (gtk_widget_compute_point (vip, group, &GRAPHENE_POINT_INIT (0, 0), &vip_at));
    g_assert_cmpfloat (points_at.y, ==, vip_at.y);
    g_assert_cmpfloat (points_at.x, <, vip_at.x);
  }
  wait_for_paint (GTK_WIDGET (page));
  run_for (300);
  scroll_to (row);
  save_screenshot (group, "customer-page-custom-fields.png");

  gtk_window_destroy (window);
  wait_until (only_one_ref, page, "the page's last reference");
  g_assert_finalize_object (page);
}

/* The store's verdict on a value shows under its row: a choice that was
 * removed from the list since the customer got it. */
static void
test_editor_store_error (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CltCustomer) original = sync_first_customer (fixture->store);
  g_autoptr(CltCustomer) edit = clt_customer_copy (original);
  g_autoptr(CltCustomer) stored = NULL;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  CltCustomerEditor *editor;
  const char *error;

  g_variant_dict_insert (&dict, "tier", "s", "Gold");
  clt_customer_set_custom_fields (edit, g_variant_dict_end (&dict));
  stored = sync_update_customer (fixture->store, edit);
  {
    static const char * const silver[] = { "Silver", NULL };
    g_autoptr(CltCustomField) fewer = clt_custom_field_copy (fixture->tier);
    g_autoptr(CltCustomField) saved = NULL;

    clt_custom_field_set_choices (fewer, silver);
    saved = sync_save_custom_field (fixture->store, fewer);
  }

  editor = clt_customer_editor_new_for_edit (fixture->parent, fixture->store, stored);
  g_object_ref_sink (editor);
  gtk_window_present (GTK_WINDOW (editor));
  wait_until (customer_editor_idle, editor, "the editor");
  wait_until (custom_rows_shown, editor, "the custom field rows");

  /* The old value still shows, and is refused as not a choice. */
  g_assert_nonnull (clt_customer_editor_get_field_error (editor, "custom-fields.tier"));
  g_assert_false (editor_can_save (editor));
  adw_combo_row_set_selected (ADW_COMBO_ROW (clt_customer_editor_get_field_row (editor, "custom-fields.tier")), 1);
  error = clt_customer_editor_get_field_error (editor, "custom-fields.tier");
  g_assert_null (error);
  g_assert_true (editor_can_save (editor));

  gtk_window_close (GTK_WINDOW (editor));
  destroy_and_finalize (editor, "the editor's last reference");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/clt/custom-fields/editor-and-page", Fixture, NULL, fixture_set_up,
              test_editor_and_page, fixture_tear_down);
  g_test_add ("/clt/custom-fields/editor-store-error", Fixture, NULL, fixture_set_up,
              test_editor_store_error, fixture_tear_down);

  return g_test_run ();
}
