/* test-table-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customers table's columns in the real window, under Xvfb: what the
 * default window shows without scrolling sideways, who each customer is at
 * a phone's width, and the column chooser (a custom field's column that
 * shows values and sorts in the store, a hidden built-in column, a new
 * order), kept for the next window on the same back end.
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "clt-application.h"
#include "clt-column-chooser.h"
#include "clt-custom-field.h"
#include "clt-customer.h"
#include "clt-customer-list.h"
#include "clt-customer-table.h"
#include "clt-customer-table-private.h"
#include "clt-query.h"
#include "clt-store.h"
#include "clt-window.h"
#include "clt-window-private.h"

#include "ui-test-util.h"

#define N_SAMPLE 60
#define TEMPLATE "clt-test-table-columns-XXXXXX"

static CltApplication *app;

static GSettings *
reset_settings (int width)
{
  GSettings *settings = g_settings_new ("io.github.clientele.Clientele");

  g_settings_reset (settings, "column-layouts");
  g_settings_reset (settings, "sort-key");
  g_settings_reset (settings, "sort-direction");
  g_settings_reset (settings, "sort-fields");
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", width < 600 ? 720 : 760);
  return settings;
}

static CltCustomerTable *
get_table (CltWindow *window)
{
  return CLT_CUSTOMER_TABLE (gtk_widget_get_ancestor (GTK_WIDGET (clt_window_get_column_view (window)),
                                                      CLT_TYPE_CUSTOMER_TABLE));
}

static gboolean
column_visible (CltWindow  *window,
                const char *id)
{
  GtkColumnViewColumn *column = clt_customer_table_find_column (get_table (window), id);

  return column != NULL && gtk_column_view_column_get_visible (column);
}

/* Nothing to scroll sideways: the visible columns fit the table. */
static void
assert_no_horizontal_scroll (CltWindow *window)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (clt_window_get_column_view (window)),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));

  g_test_message ("table %d px in a window of %d px: columns %.0f px",
                  gtk_widget_get_width (scrolled), gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_adjustment_get_upper (h));
  g_assert_cmpint (gtk_widget_get_width (scrolled), <=, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), <=, gtk_adjustment_get_page_size (h) + 0.5);
}

/* Whether the table has column work queued for an idle: sharing out the
 * width, the narrow column set, saving the layout, a sort. */
static gboolean
table_busy (CltCustomerTable *table)
{
  return table->fill_idle_id != 0 || table->narrow_idle_id != 0 ||
         table->save_idle_id != 0 || table->sort_idle_id != 0;
}

/* A layout queues the table's idles, and what they change needs another
 * layout: frames until one leaves nothing queued (waiting for that state,
 * not for time: a loaded machine may run no idle in 200 ms). */
static void
settle_layout (CltWindow *window)
{
  guint n_frames = 0;

  do
    {
      wait_for_paint (GTK_WIDGET (window));
      if (++n_frames > 100)
        g_error ("The table's columns still change after %u frames", n_frames);
    }
  while (table_busy (get_table (window)));
}

static void
settle (CltWindow *window)
{
  wait_until (first_rows_loaded, window, "the first rows");
  settle_layout (window);
}

static CltWindow *
open_window (TempStore *ts)
{
  CltWindow *window;

  temp_store_init (ts, TEMPLATE, N_SAMPLE);
  window = create_window (app, ts->store);
  settle (window);
  return window;
}

static void
test_default_width (void)
{
  g_autoptr(GSettings) settings = reset_settings (1200);
  TempStore ts = { 0 };
  CltWindow *window = open_window (&ts);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 1150);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1200);
  /* What matters shows; the rest is in the chooser. */
  for (guint i = 0; i < 8; i++)
    {
      static const char * const shown[] = {
        "number", "email", "last-name", "first-name", "company", "city", "country", "status",
      };

      g_assert_true (column_visible (window, shown[i]));
    }
  g_assert_false (column_visible (window, "registered"));
  g_assert_false (column_visible (window, "name"));
  assert_no_horizontal_scroll (window);
  save_screenshot (GTK_WIDGET (window), "table-default.png");

  destroy_window (window);
  temp_store_clear (&ts);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static int
column_width (CltWindow  *window,
              const char *id)
{
  return gtk_column_view_column_get_fixed_width (clt_customer_table_find_column (get_table (window),
                                                                                 id));
}

static int
saved_width (GSettings  *settings,
             CltStore   *store,
             const char *id)
{
  g_autoptr(GVariant) layouts = g_settings_get_value (settings, "column-layouts");
  g_autofree char *location = clt_store_dup_location (store);
  g_autoptr(GVariant) layout = g_variant_lookup_value (layouts, location, NULL);
  GVariantIter iter;
  const char *column_id;
  gboolean visible;
  int width;

  /* Nothing saved: every column as it comes. */
  if (layout == NULL)
    return -1;

  g_variant_iter_init (&iter, layout);
  while (g_variant_iter_next (&iter, "(&sbi)", &column_id, &visible, &width))
    if (g_str_equal (column_id, id))
      return width;

  g_assert_not_reached ();
}

static gboolean
company_wider_than_default (gpointer data)
{
  return column_width (data, "company") > 150;
}

/* A wide window shares its spare width between Email, Company and City
 * (Email took all of it, and companies and cities were cut short); a
 * width the user chose stays, and is what is saved. */
static void
test_spare_width (void)
{
  g_autoptr(GSettings) settings = reset_settings (1400);
  TempStore ts = { 0 };
  CltWindow *window = open_window (&ts);
  int city;

  g_assert_cmpint (column_width (window, "company"), >, 150 + 20);
  g_assert_cmpint (column_width (window, "city"), >, 120 + 15);
  g_assert_cmpint (column_width (window, "email"), >, 250 + 30);
  g_assert_cmpint (column_width (window, "number"), ==, 145);
  assert_no_horizontal_scroll (window);
  city = column_width (window, "city");

  /* The user narrows Company: it keeps that width, Email and City share
   * the rest. */
  gtk_column_view_column_set_fixed_width (clt_customer_table_find_column (get_table (window),
                                                                          "company"), 100);
  settle_layout (window);
  g_assert_cmpint (column_width (window, "company"), ==, 100);
  g_assert_cmpint (column_width (window, "city"), >=, city);
  assert_no_horizontal_scroll (window);
  g_assert_cmpint (saved_width (settings, ts.store, "company"), ==, 100);
  g_assert_cmpint (saved_width (settings, ts.store, "city"), ==, 120);
  destroy_window (window);

  /* Narrower than the columns' defaults: nothing to share; City, at its
   * default, gives way, the user's Company does not. */
  g_settings_set_int (settings, "window-width", 1000);
  window = create_window (app, ts.store);
  settle (window);
  g_assert_cmpint (column_width (window, "company"), ==, 100);
  g_assert_cmpint (column_width (window, "city"), <=, 120);
  g_assert_cmpint (column_width (window, "email"), >=, 200);
  g_assert_cmpint (column_width (window, "email"), <=, 201);
  assert_no_horizontal_scroll (window);
  destroy_window (window);
  run_for (200);
  g_assert_cmpint (saved_width (settings, ts.store, "city"), ==, 120);

  temp_store_clear (&ts);
  g_settings_reset (settings, "column-layouts");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* A window tiled to half a 1,920-pixel screen shows every default column
 * without scrolling sideways: Email at its narrowest, Company and City
 * squeezed, to at most half; the saved widths stay the defaults. Wide
 * again, they share the spare width again. */
static void
test_squeezed (void)
{
  g_autoptr(GSettings) settings = reset_settings (960);
  TempStore ts = { 0 };
  CltWindow *window = open_window (&ts);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 960);
  g_assert_true (column_visible (window, "status"));
  g_assert_true (column_visible (window, "country"));
  /* At its narrowest, and the pixel or two the cuts' rounding leaves. */
  g_assert_cmpint (column_width (window, "email"), >=, 200);
  g_assert_cmpint (column_width (window, "email"), <=, 202);
  g_assert_cmpint (column_width (window, "company"), <, 150);
  g_assert_cmpint (column_width (window, "company"), >=, 75);
  g_assert_cmpint (column_width (window, "city"), <, 120);
  g_assert_cmpint (column_width (window, "city"), >=, 60);
  g_assert_cmpint (column_width (window, "number"), ==, 145);
  g_assert_cmpint (column_width (window, "status"), ==, 140);
  assert_no_horizontal_scroll (window);
  save_screenshot (GTK_WIDGET (window), "table-squeezed.png");

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  wait_until (company_wider_than_default, window, "Company to share the spare width");
  assert_no_horizontal_scroll (window);
  destroy_window (window);
  run_for (200);
  /* Squeezing saved nothing: the default or no layout at all. */
  g_assert_true (saved_width (settings, ts.store, "company") == 150 ||
                 saved_width (settings, ts.store, "company") == -1);
  g_assert_true (saved_width (settings, ts.store, "city") == 120 ||
                 saved_width (settings, ts.store, "city") == -1);

  temp_store_clear (&ts);
  g_settings_reset (settings, "column-layouts");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_narrow (void)
{
  g_autoptr(GSettings) settings = reset_settings (360);
  TempStore ts = { 0 };
  CltWindow *window = open_window (&ts);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  /* Who each customer is, not their number and registration date. */
  g_assert_true (column_visible (window, "name"));
  g_assert_false (column_visible (window, "number"));
  g_assert_false (column_visible (window, "registered"));
  assert_no_horizontal_scroll (window);
  save_screenshot (GTK_WIDGET (window), "table-narrow.png");

  /* The narrow set is not saved as the user's choice. */
  destroy_window (window);
  {
    g_autoptr(GVariant) layouts = g_settings_get_value (settings, "column-layouts");

    g_assert_cmpuint (g_variant_n_children (layouts), ==, 0);
  }
  temp_store_clear (&ts);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
add_tier_values (CltStore *store)
{
  static const char * const tiers[] = { "Gold", "Silver", "Bronze", NULL };
  static const char * const values[] = { "Silver", "Bronze", "Gold", "Silver" };
  g_autoptr(CltCustomField) stored = save_custom_field (store, "tier", "Tier",
                                                        CLT_CUSTOM_FIELD_CHOICE, tiers);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  clt_store_list_customers_async (store, NULL, 0, G_N_ELEMENTS (values), CLT_LIST_FLAGS_NONE, NULL,
                                  store_result_cb, &result);
  wait_until (async_done, &result, "a page");
  page = clt_store_list_customers_finish (store, result, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->len; i++)
    {
      g_autoptr(CltCustomer) edit = clt_customer_copy (g_ptr_array_index (page, i));
      g_autoptr(CltCustomer) saved = NULL;
      GVariantDict dict;

      g_variant_dict_init (&dict, NULL);
      g_variant_dict_insert (&dict, "tier", "s", values[i]);
      clt_customer_set_custom_fields (edit, g_variant_dict_end (&dict));
      saved = sync_update_customer (store, edit);
    }
}

static gboolean
has_tier_column (gpointer data)
{
  return clt_customer_table_find_column (get_table (data), "mixins.tier") != NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  *(GtkWindow **) data = find_toplevel (CLT_TYPE_COLUMN_CHOOSER);
  return *(GtkWindow **) data != NULL;
}

static gboolean
is_inscription_with (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_INSCRIPTION (widget) &&
         g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0;
}

static gboolean
is_up_button (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Move Up") == 0;
}

static gboolean
is_check (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

static gboolean
sorted_by_tier (gpointer data)
{
  g_autoptr(CltQuery) query = clt_customer_list_dup_query (clt_window_get_customer_list (data));

  return g_strcmp0 (clt_query_get_sort_field (query), "tier") == 0 && first_rows_loaded (data);
}

static gboolean
sorted_by_tier_descending (gpointer data)
{
  g_autoptr(CltQuery) query = clt_customer_list_dup_query (clt_window_get_customer_list (data));

  return sorted_by_tier (data) && clt_query_get_sort_direction (query) == CLT_SORT_DESCENDING;
}

static gboolean
shows_silver (gpointer data)
{
  return find_widget (GTK_WIDGET (clt_window_get_column_view (data)), is_inscription_with,
                      "Silver") != NULL;
}

static gboolean
sorted_by_last_name (gpointer data)
{
  g_autoptr(CltQuery) query = clt_customer_list_dup_query (clt_window_get_customer_list (data));

  return g_strcmp0 (clt_query_get_sort_field (query), "") == 0 &&
         clt_query_get_sort_key (query) == CLT_SORT_KEY_LAST_NAME && first_rows_loaded (data);
}

static char *
tier_of (CltWindow *window,
         guint      position)
{
  g_autoptr(CltCustomer) customer = g_list_model_get_item (G_LIST_MODEL (clt_window_get_customer_list (window)),
                                                           position);
  GVariant *values = clt_customer_get_custom_fields (customer);
  g_autoptr(GVariant) value = values != NULL ? g_variant_lookup_value (values, "tier", G_VARIANT_TYPE_STRING)
                                             : NULL;

  return value != NULL ? g_variant_dup_string (value, NULL) : NULL;
}

static guint
position_of (CltWindow  *window,
             const char *id)
{
  g_auto(GStrv) ids = clt_customer_table_dup_column_ids (get_table (window));

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], id))
      return i;

  g_assert_not_reached ();
}

static void
test_chooser (void)
{
  g_autoptr(GSettings) settings = reset_settings (1200);
  TempStore ts = { 0 };
  CltWindow *window;
  GtkWindow *chooser = NULL;
  GtkWidget *row;
  guint tier_position;

  temp_store_init (&ts, TEMPLATE, N_SAMPLE);
  add_tier_values (ts.store);
  window = create_window (app, ts.store);
  settle (window);
  wait_until (has_tier_column, window, "the custom field's column");
  g_assert_false (column_visible (window, "mixins.tier"));

  /* The header bar's button opens the chooser. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.choose-columns", NULL);
  wait_until (chooser_shown, &chooser, "the column chooser");

  /* Add the custom field, hide Company. */
  row = clt_column_chooser_get_row (CLT_COLUMN_CHOOSER (chooser), "mixins.tier");
  g_assert_nonnull (row);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget (row, is_check, NULL)), TRUE);
  row = clt_column_chooser_get_row (CLT_COLUMN_CHOOSER (chooser), "company");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget (row, is_check, NULL)), FALSE);
  g_assert_true (column_visible (window, "mixins.tier"));
  g_assert_false (column_visible (window, "company"));

  /* Move it up twice with its Move Up button; the focus stays on it. */
  tier_position = position_of (window, "mixins.tier");
  for (guint i = 0; i < 2; i++)
    {
      row = clt_column_chooser_get_row (CLT_COLUMN_CHOOSER (chooser), "mixins.tier");
      g_signal_emit_by_name (find_widget (row, is_up_button, NULL), "clicked");
    }
  g_assert_cmpuint (position_of (window, "mixins.tier"), ==, tier_position - 2);
  row = clt_column_chooser_get_row (CLT_COLUMN_CHOOSER (chooser), "mixins.tier");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (chooser)), row));
  wait_for_paint (GTK_WIDGET (chooser));
  save_screenshot (GTK_WIDGET (chooser), "column-chooser.png");
  gtk_window_destroy (chooser);

  /* The column shows the values. */
  wait_until (shows_silver, window, "the custom field's values in the table");

  /* A click on its header sorts in the store, customers without one last. */
  gtk_column_view_sort_by_column (clt_window_get_column_view (window),
                                  clt_customer_table_find_column (get_table (window), "mixins.tier"),
                                  GTK_SORT_ASCENDING);
  wait_until (sorted_by_tier, window, "the sort by tier");
  {
    g_autofree char *first = tier_of (window, 0);
    g_autofree char *second = tier_of (window, 1);
    g_autofree char *fourth = tier_of (window, 3);
    g_autofree char *fifth = tier_of (window, 4);

    g_assert_cmpstr (first, ==, "Bronze");
    g_assert_cmpstr (second, ==, "Gold");
    g_assert_cmpstr (fourth, ==, "Silver");
    g_assert_null (fifth);
  }
  wait_for_paint (GTK_WIDGET (window));
  save_screenshot (GTK_WIDGET (window), "table-custom-column.png");
  run_for (100);

  /* A new window on the same back end keeps the columns and the sort by
   * the custom field's column, descending now. */
  gtk_column_view_sort_by_column (clt_window_get_column_view (window),
                                  clt_customer_table_find_column (get_table (window), "mixins.tier"),
                                  GTK_SORT_DESCENDING);
  wait_until (sorted_by_tier_descending, window, "the descending sort by tier");
  destroy_window (window);
  window = create_window (app, ts.store);
  settle (window);
  wait_until (has_tier_column, window, "the custom field's column");
  g_assert_true (column_visible (window, "mixins.tier"));
  g_assert_false (column_visible (window, "company"));
  g_assert_cmpuint (position_of (window, "mixins.tier"), ==, tier_position - 2);
  wait_until (sorted_by_tier_descending, window, "the restored sort by tier");
  g_assert_cmpint (clt_customer_table_get_sort_direction (get_table (window)), ==,
                   CLT_SORT_DESCENDING);
  {
    g_autofree char *first = tier_of (window, 0);

    g_assert_cmpstr (first, ==, "Silver");
  }

  /* Sorting by a built-in column again is kept too. */
  clt_customer_table_set_sort (get_table (window), CLT_SORT_KEY_LAST_NAME, CLT_SORT_ASCENDING);
  wait_until (sorted_by_last_name, window, "the sort by last name");
  destroy_window (window);
  window = create_window (app, ts.store);
  settle (window);
  wait_until (has_tier_column, window, "the custom field's column");
  wait_until (sorted_by_last_name, window, "the restored sort by last name");
  destroy_window (window);

  {
    g_autoptr(GVariant) layouts = g_settings_get_value (settings, "column-layouts");
    g_autofree char *location = clt_store_dup_location (ts.store);
    g_autoptr(GVariant) layout = g_variant_lookup_value (layouts, location, NULL);

    g_assert_nonnull (layout);
  }

  temp_store_clear (&ts);
  g_settings_reset (settings, "column-layouts");
  g_settings_reset (settings, "sort-fields");
  g_settings_reset (settings, "sort-key");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

typedef struct
{
  guint n_lines;
  guint n_verified;
  guint n_unverified;
  int   max_text_width;
} StatusCount;

static gboolean
part_shown (GtkWidget *part)
{
  return gtk_widget_get_visible (part) && gtk_widget_get_opacity (part) > 0;
}

/* Every status line in @widget: a loaded row shows exactly one of the icon
 * and "Unverified", right after its text; the other is transparent and no
 * pointer target. */
static void
check_status_lines (GtkWidget   *widget,
                    StatusCount *count)
{
  GtkWidget *status = g_object_get_data (G_OBJECT (widget), "status-label");

  if (status != NULL)
    {
      GtkWidget *icon = g_object_get_data (G_OBJECT (widget), "verified-icon");
      GtkWidget *unverified = g_object_get_data (G_OBJECT (widget), "unverified-label");
      const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (status));
      GtkWidget *shown;
      graphene_point_t at;

      g_assert_true (gtk_widget_get_parent (unverified) == widget);
      /* Rows GTK keeps ready off screen are not laid out. */
      if (!gtk_widget_get_mapped (widget))
        return;
      if (text == NULL || text[0] == '\0')
        {
          g_assert_false (part_shown (icon));
          g_assert_false (part_shown (unverified));
          return;
        }

      count->n_lines++;
      g_assert_true (part_shown (icon) != part_shown (unverified));
      shown = part_shown (icon) ? icon : unverified;
      g_assert_true (gtk_widget_get_can_target (shown));
      /* The other one: never shown yet, or transparent. */
      if (gtk_widget_get_visible (part_shown (icon) ? unverified : icon))
        g_assert_false (gtk_widget_get_can_target (part_shown (icon) ? unverified : icon));
      if (shown == icon)
        count->n_verified++;
      else
        count->n_unverified++;

      /* After the text, as wide as it is: not at a fixed place. */
      g_assert_true (gtk_widget_compute_point (shown, status, &GRAPHENE_POINT_INIT (0, 0), &at));
      g_assert_cmpfloat (at.x, >=, gtk_widget_get_width (status));
      g_assert_cmpfloat (at.x, <=, gtk_widget_get_width (status) + 12);
      g_assert_cmpint (gtk_widget_get_width (status), >, 0);

      /* As wide as the text is now, in the font it has now. */
      {
        g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (status, text);
        GtkWidget *line = gtk_widget_get_parent (status);
        int text_width, shown_width;

        pango_layout_set_attributes (layout, gtk_inscription_get_attributes (GTK_INSCRIPTION (status)));
        pango_layout_get_pixel_size (layout, &text_width, NULL);
        /* Squeezed by the part after it when the column is too narrow. */
        gtk_widget_measure (shown, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &shown_width, NULL, NULL);
        if (gtk_widget_get_parent (shown) != line)
          shown_width = -6;
        g_assert_cmpint (gtk_widget_get_width (status), ==,
                         MIN (text_width, MAX (gtk_widget_get_width (line) - shown_width - 6, 0)));
        count->max_text_width = MAX (count->max_text_width, text_width);
      }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_status_lines (child, count);
}

/* The status cell shows its parts by opacity (a visibility change would
 * resize the row, and GTK then measures the rows again): what it shows
 * still follows the customer. */
static void
test_status_cell (void)
{
  g_autoptr(GSettings) settings = reset_settings (1200);
  TempStore ts = { 0 };
  CltWindow *window = open_window (&ts);
  CltCustomerList *list = clt_window_get_customer_list (window);
  g_autoptr(CltCustomer) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  GtkWidget *view = GTK_WIDGET (clt_window_get_column_view (window));
  StatusCount before = { 0 };
  StatusCount after = { 0 };

  g_assert_true (column_visible (window, "status"));
  check_status_lines (view, &before);
  g_assert_cmpuint (before.n_lines, >, 0);
  g_assert_cmpuint (before.n_lines, ==, before.n_verified + before.n_unverified);

  /* The first row changes sides. */
  g_assert_true (clt_customer_get_loaded (first));
  clt_customer_set_verified (first, !clt_customer_get_verified (first));
  wait_for_paint (view);
  check_status_lines (view, &after);
  g_assert_cmpuint (after.n_lines, ==, before.n_lines);
  if (clt_customer_get_verified (first))
    g_assert_cmpuint (after.n_verified, ==, before.n_verified + 1);
  else
    g_assert_cmpuint (after.n_unverified, ==, before.n_unverified + 1);

  /* The first row's status changes: its text is measured again. */
  clt_customer_set_active (first, TRUE);
  clt_customer_set_on_hold (first, clt_customer_get_status (first) != CLT_CUSTOMER_STATUS_ON_HOLD);
  wait_for_paint (view);
  check_status_lines (view, &(StatusCount) { 0 });

  /* A smaller font: every status text is measured again (the widths are
   * kept per text and font). Smaller, so that nothing is squeezed. */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
    StatusCount smaller = { 0 };

    gtk_css_provider_load_from_data (provider, "columnview { font-size: 9px; }", -1);
    gtk_style_context_add_provider_for_display (gtk_widget_get_display (view),
                                                GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_USER);
    wait_for_paint (view);
    check_status_lines (view, &smaller);
    g_assert_cmpint (smaller.max_text_width, <, after.max_text_width);
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (view),
                                                   GTK_STYLE_PROVIDER (provider));
  }

  g_clear_object (&first);
  destroy_window (window);
  temp_store_clear (&ts);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

typedef struct
{
  GtkWidget  *view;
  const char *prefix;
  guint       n_rows;
  guint       n_in_sight;
  guint       n_current;
  guint       n_in_sight_current;
} EmailCount;

/* The email a row's cells show (the only text with an "@"), or NULL. */
static const char *
row_email (GtkWidget *widget)
{
  if (GTK_IS_INSCRIPTION (widget))
    {
      const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

      return text != NULL && strchr (text, '@') != NULL ? text : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *email = row_email (child);

      if (email != NULL)
        return email;
    }

  return NULL;
}

/* Counts the rows GTK keeps, those laid out inside the viewport, and of
 * each how many show an email starting with @count->prefix. */
static void
count_emails (GtkWidget  *widget,
              EmailCount *count)
{
  if (g_strcmp0 (gtk_widget_get_css_name (widget), "row") == 0 &&
      g_strcmp0 (gtk_widget_get_css_name (gtk_widget_get_parent (widget)), "listview") == 0)
    {
      const char *email = row_email (widget);
      gboolean current = email != NULL && g_str_has_prefix (email, count->prefix);
      graphene_rect_t bounds;
      gboolean in_sight;

      if (email == NULL)
        return;

      in_sight = gtk_widget_get_mapped (widget) &&
                 gtk_widget_compute_bounds (widget, count->view, &bounds) &&
                 bounds.origin.y + bounds.size.height > 0 &&
                 bounds.origin.y < gtk_widget_get_height (count->view);
      count->n_rows++;
      count->n_current += current;
      count->n_in_sight += in_sight;
      count->n_in_sight_current += in_sight && current;
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_emails (child, count);
}

static void
set_emails (CltCustomerList *list,
            const char      *prefix)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CltCustomer) customer = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *email = g_strdup_printf ("%s%u@example.org", prefix, i);

      clt_customer_set_email (customer, email);
    }
}

static gboolean
all_emails_current (gpointer data)
{
  EmailCount *count = data;

  count->n_rows = count->n_in_sight = count->n_current = count->n_in_sight_current = 0;
  count_emails (count->view, count);
  return count->n_rows > 0 && count->n_current == count->n_rows;
}

/* GTK 4.8 keeps rows bound beyond the viewport: a changed customer shows
 * at once in the rows in sight; the others follow from an idle, and rows
 * scrolled into sight show what their customer holds. */
static void
test_cells_out_of_sight (void)
{
  g_autoptr(GSettings) settings = reset_settings (1200);
  TempStore ts = { 0 };
  CltWindow *window = open_window (&ts);
  CltCustomerList *list = clt_window_get_customer_list (window);
  GtkWidget *view = GTK_WIDGET (clt_window_get_column_view (window));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  EmailCount count = { view, "first-", };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_SAMPLE);
  /* More rows than the window shows. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment) * 1.5);

  /* Before the main loop runs again: the rows in sight show the new
   * emails, rows bound out of sight (all 60 are) not yet. */
  set_emails (list, "first-");
  all_emails_current (&count);
  g_test_message ("%u rows kept, %u in sight", count.n_rows, count.n_in_sight);
  g_assert_cmpuint (count.n_in_sight, >, 0);
  g_assert_cmpuint (count.n_in_sight_current, ==, count.n_in_sight);
  g_assert_cmpuint (count.n_current, <, count.n_rows);

  /* Then all of them. */
  wait_until (all_emails_current, &count, "every row to show its email");

  /* Changed out of sight, then scrolled to: shown as the customer is now. */
  count.prefix = "second-";
  set_emails (list, "second-");
  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  wait_for_paint (view);
  all_emails_current (&count);
  g_assert_cmpuint (count.n_in_sight, >, 0);
  g_assert_cmpuint (count.n_in_sight_current, ==, count.n_in_sight);
  wait_until (all_emails_current, &count, "every row to show its email");

  destroy_window (window);
  temp_store_clear (&ts);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* The table's clock in test_cells_out_of_sight_wait (): time passes only
 * when the test says so, whatever the machine's load. */
static gint64 fake_now;

static gint64
fake_clock (void)
{
  return fake_now;
}

/* Rows out of sight wait while their customers keep changing (a scroll
 * jump or a keystroke every few frames): they are updated once nothing
 * went stale for a while (250 ms), not between changes nobody could see,
 * however long the changes go on. The table's clock is the test's: the
 * main loop runs between changes as long as it likes (a loaded machine
 * stretches it), and only the test moves time on. */
static void
test_cells_out_of_sight_wait (void)
{
  g_autoptr(GSettings) settings = reset_settings (1200);
  TempStore ts = { 0 };
  CltWindow *window = open_window (&ts);
  CltCustomerList *list = clt_window_get_customer_list (window);
  GtkWidget *view = GTK_WIDGET (clt_window_get_column_view (window));
  EmailCount count = { view, "settled-", };
  static const char * const prefixes[] = {
    "one-", "two-", "three-", "four-", "five-", "six-", "seven-", "eight-",
  };

  fake_now = g_get_monotonic_time ();
  _clt_customer_table_set_clock (get_table (window), fake_clock);

  set_emails (list, count.prefix);
  fake_now += 10 * G_USEC_PER_SEC;
  wait_until (all_emails_current, &count, "every row to show its email");

  /* A change every 50 ms, 400 ms in all: longer than the quiet. */
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      count.prefix = prefixes[i];
      set_emails (list, count.prefix);
      /* A frame, and real time for the table's timers to fire: rows out
       * of sight would be updated now if the table did not wait. */
      wait_for_paint (view);
      run_for (50);
      all_emails_current (&count);
      g_test_message ("%s: %u of %u rows current, %u of %u in sight",
                      count.prefix, count.n_current, count.n_rows,
                      count.n_in_sight_current, count.n_in_sight);
      g_assert_cmpuint (count.n_in_sight, >, 0);
      g_assert_cmpuint (count.n_in_sight_current, ==, count.n_in_sight);
      g_assert_cmpuint (count.n_current, <, count.n_rows);
      fake_now += 50 * G_TIME_SPAN_MILLISECOND;
    }

  /* Quiet since the last change: all of them. */
  fake_now += 10 * G_USEC_PER_SEC;
  wait_until (all_emails_current, &count, "every row to show its email");

  destroy_window (window);
  temp_store_clear (&ts);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* The border nodes in @node and below. */
static guint
count_border_nodes (GskRenderNode *node)
{
  guint n = 0;

  if (node == NULL)
    return 0;

  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_BORDER_NODE:
      return 1;

    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_border_nodes (gsk_container_node_get_child (node, i));
      return n;

    case GSK_TRANSFORM_NODE:
      return count_border_nodes (gsk_transform_node_get_child (node));

    case GSK_CLIP_NODE:
      return count_border_nodes (gsk_clip_node_get_child (node));

    case GSK_ROUNDED_CLIP_NODE:
      return count_border_nodes (gsk_rounded_clip_node_get_child (node));

    case GSK_OPACITY_NODE:
      return count_border_nodes (gsk_opacity_node_get_child (node));

    case GSK_COLOR_MATRIX_NODE:
      return count_border_nodes (gsk_color_matrix_node_get_child (node));

    case GSK_DEBUG_NODE:
      return count_border_nodes (gsk_debug_node_get_child (node));

    default:
      return 0;
    }
}

/* The rows' cells draw no border: Adwaita's transparent left border between
 * cells made GTK draw ~2,000 invisible borders a frame, side by side; the
 * same room is padding (clt style.css), so the text sits where it did. */
static void
test_cells_draw_no_border (void)
{
  g_autoptr(GSettings) settings = reset_settings (1200);
  TempStore ts = { 0 };
  CltWindow *window = open_window (&ts);
  GtkWidget *view = GTK_WIDGET (clt_window_get_column_view (window));
  GtkWidget *listview = NULL;
  GtkWidget *row;
  GtkWidget *cell;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  guint n_cells = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_css_name (child), "listview") == 0)
      listview = child;
  g_assert_nonnull (listview);

  paintable = gtk_widget_paintable_new (listview);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (listview), gtk_widget_get_height (listview));
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  g_assert_cmpuint (count_border_nodes (node), ==, 0);

  /* Every cell after the first: its content 7 px in (6 of padding and the
   * pixel the border took), 2 px down, as before. */
  row = gtk_widget_get_first_child (listview);
  g_assert_nonnull (row);
  for (cell = gtk_widget_get_next_sibling (gtk_widget_get_first_child (row));
       cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *content = gtk_widget_get_first_child (cell);
      graphene_rect_t cell_bounds, content_bounds;

      if (content == NULL || !gtk_widget_get_visible (cell))
        continue;
      g_assert_true (gtk_widget_compute_bounds (cell, row, &cell_bounds));
      g_assert_true (gtk_widget_compute_bounds (content, row, &content_bounds));
      g_assert_cmpfloat (content_bounds.origin.x - cell_bounds.origin.x, ==, 7);
      g_assert_cmpfloat (content_bounds.origin.y - cell_bounds.origin.y, ==, 2);
      n_cells++;
    }
  g_assert_cmpuint (n_cells, >=, 7);

  destroy_window (window);
  temp_store_clear (&ts);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  ui_test_init (&argc, &argv);
  app = ui_test_app_new ();

  g_test_add_func ("/clt/table-columns/default-width", test_default_width);
  g_test_add_func ("/clt/table-columns/spare-width", test_spare_width);
  g_test_add_func ("/clt/table-columns/squeezed", test_squeezed);
  g_test_add_func ("/clt/table-columns/narrow", test_narrow);
  g_test_add_func ("/clt/table-columns/status-cell", test_status_cell);
  g_test_add_func ("/clt/table-columns/cells-out-of-sight", test_cells_out_of_sight);
  g_test_add_func ("/clt/table-columns/cells-out-of-sight-wait", test_cells_out_of_sight_wait);
  g_test_add_func ("/clt/table-columns/cells-draw-no-border", test_cells_draw_no_border);
  g_test_add_func ("/clt/table-columns/chooser", test_chooser);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
