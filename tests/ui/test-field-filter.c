/* test-field-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conditions on custom fields in the table's Filter popover, in the real
 * window over a temporary SQLite store under Xvfb: a condition for each
 * type (text, number, yes/no, date, choice list) narrows the table's rows
 * to the right customers and removing it brings them back; a value that
 * is not valid shows a message and filters nothing; the Filter button
 * names or counts the conditions; the fields offered follow the fields
 * the store defines while the window is open; the keyboard focus goes
 * into a condition added and to a neighbour of one removed. Screenshots
 * of the open popover, wide and at a phone's width.
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "clt-custom-field.h"
#include "clt-customer-filter.h"
#include "clt-customer-list.h"
#include "clt-field-condition.h"
#include "clt-query.h"
#include "clt-store.h"
#include "clt-window-private.h"

#include "ui-test-util.h"

#define N_SAMPLE 30
#define N_VALUED 6
#define TEMPLATE "clt-test-field-filter-XXXXXX"

static CltApplication *app;

typedef struct
{
  TempStore  ts;
  CltWindow *window;
  /* The customers with custom field values, by index. */
  char      *ids[N_VALUED];
  /* The choice list field, as stored. */
  CltCustomField *tier;
} Fixture;

/* Customer i's values: points, nickname, VIP, member since, tier (NULL
 * or NAN: none). */
static const struct {
  double      points;
  const char *nick;
  int         vip;     /* -1: none */
  const char *since;
  const char *tier;
} values[N_VALUED] = {
  { 10, "Anna", 1, "2020-01-15", "Gold" },
  { 25.5, "annie", 0, "2021-06-01", "Silver" },
  { 40, "Bert", 1, "2022-03-10", "Gold" },
  { -3, "Cleo", 1, "2019-12-31", NULL },
  { 100, NULL, -1, NULL, NULL },
  { NAN, "Änne", -1, NULL, NULL },
};

static CltCustomField *
define_fields (CltStore *store)
{
  static const char * const tiers[] = { "Gold", "Silver", NULL };
  g_autoptr(CltCustomField) points = save_custom_field (store, "points", "Loyalty Points",
                                                        CLT_CUSTOM_FIELD_NUMBER, NULL);
  g_autoptr(CltCustomField) nick = save_custom_field (store, "nick", "Nickname",
                                                      CLT_CUSTOM_FIELD_STRING, NULL);
  g_autoptr(CltCustomField) vip = save_custom_field (store, "vip", "VIP",
                                                     CLT_CUSTOM_FIELD_BOOLEAN, NULL);
  g_autoptr(CltCustomField) since = save_custom_field (store, "since", "Member Since",
                                                       CLT_CUSTOM_FIELD_DATE, NULL);

  return save_custom_field (store, "tier", "Tier", CLT_CUSTOM_FIELD_CHOICE, tiers);
}

static void
store_values (Fixture *fixture)
{
  CltStore *store = fixture->ts.store;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  clt_store_list_customers_async (store, NULL, 0, N_VALUED, CLT_LIST_FLAGS_NONE, NULL,
                                  store_result_cb, &result);
  wait_until (async_done, &result, "a page");
  page = clt_store_list_customers_finish (store, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, N_VALUED);

  for (guint i = 0; i < N_VALUED; i++)
    {
      g_autoptr(CltCustomer) edit = clt_customer_copy (g_ptr_array_index (page, i));
      g_autoptr(CltCustomer) saved = NULL;
      GVariantDict dict;

      g_variant_dict_init (&dict, NULL);
      if (!isnan (values[i].points))
        g_variant_dict_insert (&dict, "points", "d", values[i].points);
      if (values[i].nick != NULL)
        g_variant_dict_insert (&dict, "nick", "s", values[i].nick);
      if (values[i].vip >= 0)
        g_variant_dict_insert (&dict, "vip", "b", values[i].vip == 1);
      if (values[i].since != NULL)
        g_variant_dict_insert (&dict, "since", "s", values[i].since);
      if (values[i].tier != NULL)
        g_variant_dict_insert (&dict, "tier", "s", values[i].tier);
      clt_customer_set_custom_fields (edit, g_variant_dict_end (&dict));
      saved = sync_update_customer (store, edit);
      fixture->ids[i] = g_strdup (clt_customer_get_id (saved));
    }
}

static gboolean
fields_offered (gpointer data)
{
  gpointer *args = data;
  GMenuModel *menu = gtk_menu_button_get_menu_model (clt_customer_filter_get_add_button (args[0]));

  return menu != NULL && (guint) g_menu_model_get_n_items (menu) == GPOINTER_TO_UINT (args[1]);
}

static void
wait_for_offered (CltCustomerFilter *filter,
                  guint              n)
{
  gpointer args[] = { filter, GUINT_TO_POINTER (n) };

  wait_until (fields_offered, args, "the fields offered");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  int width = GPOINTER_TO_INT (data);

  temp_store_init (&fixture->ts, TEMPLATE, N_SAMPLE);
  fixture->tier = define_fields (fixture->ts.store);
  store_values (fixture);

  fixture->window = create_window (app, fixture->ts.store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, width < 600 ? 720 : 760);
  wait_until (first_rows_loaded, fixture->window, "the first rows");

  /* The filter sits in the search bar, next to the entry. */
  gtk_search_bar_set_search_mode (fixture->window->search_bar, TRUE);
  wait_for_offered (fixture->window->filter, 5);
  gtk_menu_button_popup (clt_customer_filter_get_button (fixture->window->filter));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* A tooltip GTK 4.8 is about to show (the pointer of Xvfb may rest on
   * the popover) must find its surface alive: its timeout does not check. */
  gtk_menu_button_popdown (clt_customer_filter_get_button (fixture->window->filter));
  run_for (700);
  destroy_window (g_steal_pointer (&fixture->window));
  temp_store_clear (&fixture->ts);
  g_clear_object (&fixture->tier);
  for (guint i = 0; i < N_VALUED; i++)
    g_clear_pointer (&fixture->ids[i], g_free);
}

static gboolean
list_has (gpointer data)
{
  gpointer *args = data;
  CltCustomerList *list = clt_window_get_customer_list (args[0]);

  return !clt_customer_list_get_loading (list) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) == GPOINTER_TO_UINT (args[1]);
}

/* Waits until the table lists @expected: the indexes of the customers with
 * values ("0 2 3"), or "all". */
static void
assert_rows (Fixture    *fixture,
             const char *expected)
{
  CltCustomerList *list = clt_window_get_customer_list (fixture->window);
  g_auto(GStrv) words = g_strsplit (expected, " ", -1);
  guint n = g_str_equal (expected, "all") ? N_SAMPLE : g_strv_length (words);
  gpointer args[] = { fixture->window, GUINT_TO_POINTER (n) };
  gboolean found[N_VALUED] = { FALSE };
  g_autoptr(GString) shown = g_string_new (NULL);

  g_test_message ("expecting %s", expected);
  wait_until (list_has, args, expected);
  if (n == N_SAMPLE)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CltCustomer) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (clt_customer_get_loaded (row));
      for (guint j = 0; j < N_VALUED; j++)
        if (g_str_equal (clt_customer_get_id (row), fixture->ids[j]))
          found[j] = TRUE;
    }
  for (guint j = 0; j < N_VALUED; j++)
    if (found[j])
      g_string_append_printf (shown, "%s%u", shown->len > 0 ? " " : "", j);
  g_assert_cmpstr (shown->str, ==, expected);
}

static guint
n_query_field_filters (CltWindow *window)
{
  g_autoptr(CltQuery) query = clt_customer_list_dup_query (clt_window_get_customer_list (window));

  return clt_query_get_n_field_filters (query);
}

static const char *
button_label (CltWindow *window)
{
  return gtk_menu_button_get_label (clt_customer_filter_get_button (window->filter));
}

/* Fails unless the keyboard focus is on @widget or inside it (an entry
 * row's text). */
static void
assert_focus_in (GtkWidget  *widget,
                 const char *what)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  if (focus == NULL || (focus != widget && !gtk_widget_is_ancestor (focus, widget)))
    g_error ("The focus is on %s, not in %s", focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing",
             what);
}

/* The first control of @condition: where the focus goes when it is added. */
static GtkWidget *
first_control (CltFieldCondition *condition)
{
  static const CltFieldMatch first[] = { CLT_FIELD_MATCH_PREFIX, CLT_FIELD_MATCH_AT_LEAST,
                                         CLT_FIELD_MATCH_EQUALS };

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    {
      GtkWidget *row = clt_field_condition_get_row (condition, first[i]);

      if (row != NULL)
        return row;
    }

  g_assert_not_reached ();
}

static gboolean
is_model_button (GtkWidget     *widget,
                 gconstpointer  text)
{
  g_autofree char *label = NULL;

  /* GtkModelButton is private: found by its type name and "text". */
  if (!g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    return FALSE;
  g_object_get (widget, "text", &label, NULL);

  return g_strcmp0 (label, text) == 0;
}

/* Adds a condition on @key as choosing it in Add Custom Field does: its
 * item in the menu is clicked, and the focus is in the new condition's
 * first control. The menu is not opened: when it closes over a surface
 * that goes, under the pointer of Xvfb, a tooltip timeout of GTK 4.8 may
 * find that surface gone (see fixture_tear_down). Opened, it passed too. */
static CltFieldCondition *
add_condition (CltWindow  *window,
               const char *key)
{
  CltCustomerFilter *filter = window->filter;
  GMenuModel *menu = gtk_menu_button_get_menu_model (clt_customer_filter_get_add_button (filter));
  guint offered = g_menu_model_get_n_items (menu);
  g_autofree char *label = g_strdup (button_label (window));
  g_autofree char *target = NULL;
  g_autofree char *item_label = NULL;
  guint position = G_MAXUINT;
  CltFieldCondition *condition;
  GtkMenuButton *add_button;
  GtkWidget *menu_popover;
  GtkWidget *item;

  /* The menu offers the field, with the action and key to add it. */
  for (guint i = 0; i < offered; i++)
    {
      g_autofree char *action = NULL;

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s",
                                                      &action));
      g_assert_cmpstr (action, ==, "filter.add-condition");
      g_clear_pointer (&target, g_free);
      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_TARGET, "s",
                                                      &target));
      if (g_str_equal (target, key))
        position = i;
    }
  g_assert_cmpuint (position, <, offered);
  g_assert_true (g_menu_model_get_item_attribute (menu, position, G_MENU_ATTRIBUTE_LABEL, "s",
                                                  &item_label));

  add_button = clt_customer_filter_get_add_button (filter);
  menu_popover = GTK_WIDGET (gtk_menu_button_get_popover (add_button));
  item = find_widget (menu_popover, is_model_button, item_label);
  g_assert_nonnull (item);
  g_signal_emit_by_name (item, "clicked");

  condition = clt_customer_filter_get_condition (filter, key);
  g_assert_nonnull (condition);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (condition)));
  /* The focus is in the new condition, and stays there. */
  assert_focus_in (first_control (condition), "the new condition");
  run_for (200);
  assert_focus_in (first_control (condition), "the new condition");
  /* One field fewer offered: it has its condition. */
  wait_for_offered (filter, offered - 1);
  /* An empty condition filters nothing yet. */
  g_assert_cmpstr (button_label (window), ==, label);

  return condition;
}

static void
type (CltFieldCondition *condition,
      CltFieldMatch      match,
      const char        *text)
{
  GtkWidget *row = clt_field_condition_get_row (condition, match);

  g_assert_true (GTK_IS_EDITABLE (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
choose (CltFieldCondition *condition,
        const char        *choice)
{
  AdwComboRow *row = ADW_COMBO_ROW (clt_field_condition_get_row (condition, CLT_FIELD_MATCH_EQUALS));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), choice))
      {
        adw_combo_row_set_selected (row, i);
        return;
      }

  g_assert_not_reached ();
}

static void
remove_condition (CltWindow         *window,
                  CltFieldCondition *condition)
{
  g_autofree char *key = g_strdup (clt_custom_field_get_key (clt_field_condition_get_field (condition)));

  g_signal_emit_by_name (clt_field_condition_get_remove_button (condition), "clicked");
  g_assert_null (clt_customer_filter_get_condition (window->filter, key));
}

static gboolean
is_clear_button (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)),
                                              "C_lear Filters") == 0;
}

static GtkWidget *
get_popover (CltWindow *window)
{
  return GTK_WIDGET (gtk_menu_button_get_popover (clt_customer_filter_get_button (window->filter)));
}

/* Saves the open popover as @name.png, or @name-narrow.png in a window
 * at a phone's width; checks it fits in the window. */
static void
save_popover (CltWindow  *window,
              const char *name)
{
  GtkWidget *popover = get_popover (window);
  gboolean narrow = gtk_widget_get_width (GTK_WIDGET (window)) < 600;
  g_autofree char *file = g_strdup_printf ("%s%s.png", name, narrow ? "-narrow" : "");

  g_assert_true (gtk_widget_get_mapped (popover));
  /* The popover's own width includes its shadow. */
  g_assert_cmpint (gtk_widget_get_width (gtk_popover_get_child (GTK_POPOVER (popover))), <=,
                   gtk_widget_get_width (GTK_WIDGET (window)));

  wait_for_paint (GTK_WIDGET (popover));
  run_for (300);
  wait_for_paint (GTK_WIDGET (popover));
  save_screenshot (popover, file);
}

/* A number range: rows narrow with each bound and come back when it goes;
 * a bound that is not a number shows a message and filters nothing. */
static void
test_number (Fixture       *fixture,
             gconstpointer  data)
{
  CltWindow *window = fixture->window;
  CltFieldCondition *points = add_condition (window, "points");
  const char *tooltip;

  type (points, CLT_FIELD_MATCH_AT_LEAST, "20");
  assert_rows (fixture, "1 2 4");
  g_assert_cmpstr (button_label (window), ==, "Loyalty Points");
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (clt_customer_filter_get_button (window->filter)));
  g_assert_cmpstr (tooltip, ==, "Loyalty Points at least 20");

  /* Not a number: said next to the field, the other bound still filters. */
  type (points, CLT_FIELD_MATCH_AT_MOST, "lots");
  g_assert_cmpstr (clt_field_condition_get_error (points), ==, "Enter a number");
  g_assert_true (gtk_widget_has_css_class (clt_field_condition_get_row (points, CLT_FIELD_MATCH_AT_MOST),
                                           "error"));
  run_for (300);
  assert_rows (fixture, "1 2 4");
  g_assert_cmpuint (n_query_field_filters (window), ==, 1);
  save_popover (window, "filter-fields-error");

  /* A decimal comma, as typed in German. */
  type (points, CLT_FIELD_MATCH_AT_MOST, "39,5");
  g_assert_null (clt_field_condition_get_error (points));
  assert_rows (fixture, "1");
  g_assert_cmpuint (n_query_field_filters (window), ==, 2);

  type (points, CLT_FIELD_MATCH_AT_LEAST, "");
  assert_rows (fixture, "0 1 3");

  remove_condition (window, points);
  assert_rows (fixture, "all");
  g_assert_cmpuint (n_query_field_filters (window), ==, 0);
  g_assert_cmpstr (button_label (window), ==, "Filter");
  wait_for_offered (window->filter, 5);
}

/* Text starts with (ignoring case and accents), yes/no, a date range and
 * a choice; together they are counted on the button; Clear ends them. */
static void
test_types (Fixture       *fixture,
            gconstpointer  data)
{
  CltWindow *window = fixture->window;
  CltFieldCondition *nick = add_condition (window, "nick");
  CltFieldCondition *vip;
  CltFieldCondition *since;
  CltFieldCondition *tier;
  CltFieldCondition *points;

  type (nick, CLT_FIELD_MATCH_PREFIX, "ann");
  assert_rows (fixture, "0 1 5");
  remove_condition (window, nick);
  assert_rows (fixture, "all");

  vip = add_condition (window, "vip");
  choose (vip, "Yes");
  assert_rows (fixture, "0 2 3");
  g_assert_cmpstr (button_label (window), ==, "VIP");
  choose (vip, "No");
  assert_rows (fixture, "1");
  choose (vip, "Any");
  assert_rows (fixture, "all");
  remove_condition (window, vip);

  since = add_condition (window, "since");
  type (since, CLT_FIELD_MATCH_AT_LEAST, "2020-01-01");
  assert_rows (fixture, "0 1 2");
  type (since, CLT_FIELD_MATCH_AT_MOST, "2021-13-01");
  g_assert_nonnull (clt_field_condition_get_error (since));
  run_for (300);
  assert_rows (fixture, "0 1 2");
  /* The last day is in the range. */
  type (since, CLT_FIELD_MATCH_AT_MOST, "2021-06-01");
  assert_rows (fixture, "0 1");
  g_assert_null (clt_field_condition_get_error (since));

  tier = add_condition (window, "tier");
  choose (tier, "Gold");
  assert_rows (fixture, "0");
  points = add_condition (window, "points");
  type (points, CLT_FIELD_MATCH_AT_MOST, "5");
  assert_rows (fixture, "");
  /* Three at once are counted. */
  g_assert_cmpstr (button_label (window), ==, "3 Filters");
  type (points, CLT_FIELD_MATCH_AT_MOST, "");
  assert_rows (fixture, "0");
  g_assert_cmpstr (button_label (window), ==, "Member Since · Tier");
  save_popover (window, "filter-fields");

  g_signal_emit_by_name (find_widget (get_popover (window), is_clear_button, NULL), "clicked");
  assert_rows (fixture, "all");
  g_assert_null (clt_customer_filter_get_condition (window->filter, "since"));
  g_assert_null (clt_customer_filter_get_condition (window->filter, "tier"));
  g_assert_cmpstr (button_label (window), ==, "Filter");
}

/* The focus follows conditions as they come and go: into each new one;
 * from one removed to the one that took its place, else the one before,
 * else Add Custom Field. */
static void
test_focus (Fixture       *fixture,
            gconstpointer  data)
{
  CltWindow *window = fixture->window;
  CltFieldCondition *nick = add_condition (window, "nick");
  CltFieldCondition *vip = add_condition (window, "vip");
  CltFieldCondition *points = add_condition (window, "points");
  CltFieldCondition *since = add_condition (window, "since");

  /* In the middle: the next one. */
  remove_condition (window, vip);
  assert_focus_in (first_control (points), "the condition after the one removed");
  /* The last: the one before. */
  remove_condition (window, since);
  assert_focus_in (first_control (points), "the condition before the one removed");
  remove_condition (window, nick);
  assert_focus_in (first_control (points), "the condition after the one removed");
  /* The only one: Add Custom Field. */
  remove_condition (window, points);
  assert_focus_in (GTK_WIDGET (clt_customer_filter_get_add_button (window->filter)),
                   "Add Custom Field");
  run_for (200);
  assert_focus_in (GTK_WIDGET (clt_customer_filter_get_add_button (window->filter)),
                   "Add Custom Field");
  assert_rows (fixture, "all");
}

static void
delete_field (CltStore       *store,
              CltCustomField *field)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  clt_store_delete_custom_field_async (store, clt_custom_field_get_key (field),
                                       clt_custom_field_get_version (field), NULL,
                                       store_result_cb, &result);
  wait_until (async_done, &result, "deleting a custom field");
  g_assert_true (clt_store_delete_custom_field_finish (store, result, &error));
  g_assert_no_error (error);
}

static gboolean
condition_gone (gpointer data)
{
  gpointer *args = data;

  return clt_customer_filter_get_condition (args[0], args[1]) == NULL;
}

/* A field defined while the window is open is offered; a field deleted
 * takes its condition along, and the rows come back. */
static void
test_fields_follow_store (Fixture       *fixture,
                          gconstpointer  data)
{
  CltWindow *window = fixture->window;
  CltFieldCondition *tier = add_condition (window, "tier");
  g_autoptr(CltCustomField) region = NULL;
  gpointer args[] = { window->filter, (gpointer) "tier" };

  choose (tier, "Gold");
  assert_rows (fixture, "0 2");

  region = save_custom_field (fixture->ts.store, "region", "Region", CLT_CUSTOM_FIELD_STRING, NULL);
  wait_for_offered (window->filter, 5);

  delete_field (fixture->ts.store, fixture->tier);
  wait_until (condition_gone, args, "the condition on the deleted field to go");
  assert_rows (fixture, "all");
  wait_for_offered (window->filter, 5);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  app = ui_test_app_new ();

  g_test_add ("/clt/field-filter/number", Fixture, GINT_TO_POINTER (1000), fixture_set_up,
              test_number, fixture_tear_down);
  g_test_add ("/clt/field-filter/types", Fixture, GINT_TO_POINTER (1000), fixture_set_up,
              test_types, fixture_tear_down);
  g_test_add ("/clt/field-filter/types-narrow", Fixture, GINT_TO_POINTER (360), fixture_set_up,
              test_types, fixture_tear_down);
  g_test_add ("/clt/field-filter/focus", Fixture, GINT_TO_POINTER (1000), fixture_set_up,
              test_focus, fixture_tear_down);
  g_test_add ("/clt/field-filter/fields-follow-store", Fixture, GINT_TO_POINTER (1000),
              fixture_set_up, test_fields_follow_store, fixture_tear_down);

  return g_test_run ();
}
