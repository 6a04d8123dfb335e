/* test-screenshots.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window at 1280×800 and 360×720, light and dark, over sample
 * customers: the table (three rows selected), every tab of a customer's
 * page, the Edit Customer and Edit Address dialogs, the Sites, Groups,
 * Companies and Custom Fields pages of Preferences. Each time, nothing
 * overflows its window (every drawn widget lies inside it, and inside the
 * scrolled window that holds it where that does not scroll sideways) and
 * no label outside the table is cut short with "…". Every view is saved
 * as a PNG to $CLT_SCREENSHOT_DIR, or else to the build directory's
 * screenshots/ (meson sets CLT_SCREENSHOT_DEFAULT_DIR).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "clt-address-editor.h"
#include "clt-customer-editor.h"
#include "clt-customer-page-private.h"
#include "clt-note.h"
#include "clt-preferences-window.h"
#include "clt-query.h"
#include "clt-store.h"
#include "clt-window-private.h"

#include "ui-test-util.h"

#define N_SAMPLE 40
#define FRAME 10
#define TEMP_DIR_TEMPLATE "clt-test-screenshots-XXXXXX"

static CltApplication *app;

typedef struct
{
  int         width;
  int         height;
  const char *name;
} Size;

static const Size sizes[] = {
  { 1280, 800, "wide" },
  { 360, 720, "narrow" },
};

static const char *
output_dir (void)
{
  const char *dir = g_getenv ("CLT_SCREENSHOT_DIR");

  if (dir == NULL)
    dir = g_getenv ("CLT_SCREENSHOT_DEFAULT_DIR");
  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  return dir;
}

/* Overflow checks. */

static char *
describe (GtkWidget *widget)
{
  GtkWidget *label = GTK_IS_LABEL (widget) ? widget : NULL;

  for (GtkWidget *w = widget; label == NULL && w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_BUTTON (w) && gtk_button_get_label (GTK_BUTTON (w)) != NULL)
      return g_strdup_printf ("%s in button “%s”", G_OBJECT_TYPE_NAME (widget),
                              gtk_button_get_label (GTK_BUTTON (w)));

  if (label != NULL)
    return g_strdup_printf ("GtkLabel “%s”", gtk_label_get_text (GTK_LABEL (label)));

  return g_strdup_printf ("%s (%s)", G_OBJECT_TYPE_NAME (widget),
                          gtk_widget_get_name (widget));
}

typedef struct
{
  GtkWidget       *root;
  GString         *problems;
} Check;

/* Whether @widget is a label cut short with "…" whose whole text is not
 * at hand in a tooltip of its own or of what holds it (a window title's
 * subtitle with a long server name has one). */
static gboolean
ellipsized (GtkWidget *widget)
{
  const char *text;

  if (!GTK_IS_LABEL (widget) ||
      gtk_label_get_ellipsize (GTK_LABEL (widget)) == PANGO_ELLIPSIZE_NONE ||
      !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    return FALSE;

  text = gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (w);

      if (tooltip != NULL && strstr (tooltip, text) != NULL)
        return FALSE;
    }

  return TRUE;
}

/* Checks @widget and what it holds: inside @clip (in @check's root's
 * coordinates), sideways always, up and down when @vertical. */
static void
check_widget (Check                 *check,
              GtkWidget             *widget,
              const graphene_rect_t *clip,
              gboolean               vertical,
              gboolean               in_list)
{
  graphene_rect_t bounds;
  graphene_rect_t inner = *clip;
  gboolean inner_vertical = vertical;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget))
    return;
  /* Popovers and other surfaces of their own; overlay scrollbars, whose
   * slider's shadow may reach past its scrolled window. */
  if ((GTK_IS_NATIVE (widget) && widget != check->root) || GTK_IS_SCROLLBAR (widget))
    return;
  if (gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0)
    return;
  if (!gtk_widget_compute_bounds (widget, check->root, &bounds))
    return;

  /* The window's own bounds take in the shadow of its frame. */
  if (widget != check->root &&
      (bounds.origin.x < clip->origin.x - 1 ||
      bounds.origin.x + bounds.size.width > clip->origin.x + clip->size.width + 1 ||
      (vertical && (bounds.origin.y < clip->origin.y - 1 ||
                    bounds.origin.y + bounds.size.height > clip->origin.y + clip->size.height + 1))))
    {
      g_autofree char *what = describe (widget);

      g_string_append_printf (check->problems, "  %s at %.0f,%.0f %.0f×%.0f outside %.0f,%.0f %.0f×%.0f\n",
                              what, bounds.origin.x, bounds.origin.y,
                              bounds.size.width, bounds.size.height,
                              clip->origin.x, clip->origin.y, clip->size.width, clip->size.height);
      /* One report per overflowing subtree. */
      return;
    }

  /* Cells of the table may shorten long names; nothing else should. */
  in_list = in_list || GTK_IS_COLUMN_VIEW (widget);
  if (!in_list && ellipsized (widget))
    {
      g_autofree char *what = describe (widget);

      g_string_append_printf (check->problems, "  %s is cut short (%d px wide)\n",
                              what, gtk_widget_get_width (widget));
    }

  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkPolicyType hpolicy;

      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (widget), &hpolicy, NULL);
      /* What scrolls sideways may be wider; what scrolls up and down may
       * be taller. */
      if (hpolicy != GTK_POLICY_NEVER)
        return;
      inner = bounds;
      inner_vertical = FALSE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_widget (check, child, &inner, inner_vertical, in_list);
}

/* Fails the test when something in @window overflows it or is cut short. */
static void
assert_fits (GtkWidget  *window,
             const char *name)
{
  Check check = { window, g_string_new (NULL) };
  graphene_rect_t clip = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window),
                                             gtk_widget_get_height (window));

  check_widget (&check, window, &clip, TRUE, FALSE);
  if (check.problems->len > 0)
    g_error ("%s does not fit its window (%d×%d):\n%s", name,
             gtk_widget_get_width (window), gtk_widget_get_height (window), check.problems->str);
  g_string_free (check.problems, TRUE);
}

typedef struct
{
  GtkWidget *widget;
  int        width;
  int        height;
} SizeWait;

static gboolean
has_size (gpointer data)
{
  SizeWait *wait = data;

  /* Xvfb's screen is 1280 pixels wide: a window as wide as it loses its
   * frame's shadow. */
  return gtk_widget_get_width (wait->widget) <= wait->width &&
         gtk_widget_get_width (wait->widget) >= wait->width - FRAME &&
         gtk_widget_get_height (wait->widget) <= wait->height &&
         gtk_widget_get_height (wait->widget) >= wait->height - FRAME;
}

/* The widgets in @widget that need more than @width pixels while none of
 * their children does: what makes a window wider than asked. */
static void
list_too_wide (GtkWidget *widget,
               int        width,
               GString   *out)
{
  gboolean child_too_wide = FALSE;
  int minimum;

  if (!gtk_widget_get_visible (widget) || (GTK_IS_NATIVE (widget) && gtk_widget_get_parent (widget)))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > width)
        {
          child_too_wide = TRUE;
          list_too_wide (child, width, out);
        }
    }

  if (!child_too_wide)
    {
      g_autofree char *what = describe (widget);

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_string_append_printf (out, "  %s needs %d px\n", what, minimum);
    }
}

/* Sizes @window to @size and waits until it has that size (a window
 * whose content needs more than that ends up larger: a failure). */
static void
resize_to (GtkWidget  *window,
           const Size *size)
{
  SizeWait wait = { window, size->width, size->height };
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* Without a window manager GTK draws the window's frame itself, and
   * the default size takes in its shadow (FRAME px under Xvfb). */
  gtk_window_set_default_size (GTK_WINDOW (window), size->width + FRAME, size->height + FRAME);
  while (!has_size (&wait) && g_get_monotonic_time () < deadline)
    run_for (50);
  if (!has_size (&wait))
    {
      g_autoptr(GString) wide = g_string_new (NULL);

      list_too_wide (window, size->width, wide);
      g_error ("%s is %d×%d, not %d×%d:\n%s", G_OBJECT_TYPE_NAME (window),
               gtk_widget_get_width (window), gtk_widget_get_height (window),
               size->width, size->height, wide->str);
    }
}

/* A WidgetMatch: whether @widget is a stack or revealer still moving. */
static gboolean
in_transition (GtkWidget     *widget,
               gconstpointer  data)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;

  return GTK_IS_REVEALER (widget) &&
         gtk_revealer_get_reveal_child (GTK_REVEALER (widget)) !=
         gtk_revealer_get_child_revealed (GTK_REVEALER (widget));
}

static gboolean
settled (gpointer data)
{
  return find_widget (data, in_transition, NULL) == NULL;
}

/* Waits for @window to settle (transitions done, drawn), checks it (and,
 * when @sized, that it kept @size) and saves it as
 * @view-@size-@scheme.png. */
static void
shoot (GtkWidget  *window,
       const char *view,
       const Size *size,
       const char *scheme,
       gboolean    sized)
{
  g_autofree char *name = g_strdup_printf ("%s-%s-%s", view, size->name, scheme);
  g_autofree char *file = g_strdup_printf ("%s.png", name);

  SizeWait wait = { window, size->width, size->height };

  run_for (200);
  wait_until (settled, window, "the transitions to end");
  wait_for_paint (window);
  if (sized && !has_size (&wait))
    {
      g_autoptr(GString) wide = g_string_new (NULL);

      save_screenshot_in (window, output_dir (), file);
      list_too_wide (window, size->width, wide);
      g_error ("%s: the window grew to %d×%d:\n%s", name, gtk_widget_get_width (window),
               gtk_widget_get_height (window), wide->str);
    }
  /* Saved first: a failure's picture shows what went wrong. */
  save_screenshot_in (window, output_dir (), file);
  assert_fits (window, name);
}

/* Conditions. */

/* Whether @view's shown columns are as wide as @view together: nothing
 * scrolls sideways, no gap on the right. */
static gboolean
columns_fill (gpointer data)
{
  GtkColumnView *view = data;
  GListModel *columns = gtk_column_view_get_columns (view);
  int sum = 0;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_visible (column))
        sum += gtk_column_view_column_get_fixed_width (column);
    }

  return sum == gtk_widget_get_width (GTK_WIDGET (view));
}

/* The sample customer with the most addresses among those with orders,
 * given a note. */
static char *
pick_customer (CltStore *store)
{
  g_autoptr(GPtrArray) customers = sync_list_customers (store, N_SAMPLE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CltNote) note = NULL;
  char *best = NULL;
  guint best_addresses = 0;

  for (guint i = 0; i < customers->len; i++)
    {
      const char *id = clt_customer_get_id (g_ptr_array_index (customers, i));
      g_autoptr(GPtrArray) addresses = NULL;
      g_autoptr(GPtrArray) orders = NULL;

      g_clear_object (&result);
      clt_store_list_addresses_async (store, id, NULL, store_result_cb, &result);
      wait_until (async_done, &result, "the addresses");
      addresses = clt_store_list_addresses_finish (store, result, &error);
      g_assert_no_error (error);
      g_clear_object (&result);
      clt_store_list_orders_async (store, id, NULL, store_result_cb, &result);
      wait_until (async_done, &result, "the orders");
      orders = clt_store_list_orders_finish (store, result, &error);
      g_assert_no_error (error);

      if (orders->len > 0 && addresses->len > best_addresses)
        {
          g_free (best);
          best = g_strdup (id);
          best_addresses = addresses->len;
        }
    }
  g_assert_nonnull (best);

  g_clear_object (&result);
  clt_store_add_note_async (store, best,
                            "Prefers delivery to the back door; call ahead on weekdays.",
                            "screenshot-note", NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the note");
  note = clt_store_add_note_finish (store, result, &error);
  g_assert_no_error (error);

  return best;
}

static gboolean
shop_list_ready (gpointer data)
{
  CltShopList *list = data;

  return clt_shop_list_get_loaded (list) && list->user_known;
}

/* Preferences over @window's store: each page of the shop's lists, as
 * large as the window where it is narrow. */
static void
shoot_preferences (CltWindow  *window,
                   const Size *size,
                   const char *scheme)
{
  static const struct
  {
    CltPreferencesPage  page;
    const char         *view;
  } pages[] = {
    { CLT_PREFERENCES_PAGE_SITES, "preferences-sites" },
    { CLT_PREFERENCES_PAGE_GROUPS, "preferences-groups" },
    { CLT_PREFERENCES_PAGE_COMPANIES, "preferences-companies" },
    { CLT_PREFERENCES_PAGE_CUSTOM_FIELDS, "preferences-custom-fields" },
  };
  CltPreferencesWindow *prefs = clt_preferences_window_new (app, GTK_WINDOW (window));
  const Size prefs_size = { MIN (size->width, 640), MIN (size->height, 720), size->name };

  g_object_ref_sink (prefs);
  gtk_window_present (GTK_WINDOW (prefs));
  resize_to (GTK_WIDGET (prefs), &prefs_size);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      wait_until (shop_list_ready, clt_preferences_window_get_shop_list (prefs, pages[i].page),
                  "the page's list");
      clt_preferences_window_show_page (prefs, pages[i].page);
      shoot (GTK_WIDGET (prefs), pages[i].view, &prefs_size, scheme, TRUE);
    }

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_object_unref (prefs);
}

static void
shoot_window (CltStore    *store,
              const char  *customer_id,
              const Size  *size,
              const char  *scheme)
{
  CltWindow *window = clt_window_new (app, store);
  CltCustomerPage *page = clt_window_get_customer_page (window);
  GtkSelectionModel *model;
  static const char * const tabs[] = { "overview", "addresses", "notes", "orders" };
  GtkWindow *address_editor;
  CltCustomerEditor *editor;

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  resize_to (GTK_WIDGET (window), size);
  wait_until (first_rows_loaded, window, "the first rows");
  wait_until (columns_fill, clt_window_get_column_view (window), "the columns to fill the table");

  /* The table, with the bar that acts on selected rows. */
  model = gtk_column_view_get_model (clt_window_get_column_view (window));
  gtk_selection_model_select_range (model, 0, 3, TRUE);
  shoot (GTK_WIDGET (window), "table", size, scheme, TRUE);
  gtk_selection_model_select_item (model, 0, TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-customer",
                                             "s", customer_id));
  wait_until (page_loaded, page, "the customer page");
  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      g_autofree char *view = g_strdup_printf ("customer-%s", tabs[i]);

      adw_view_stack_set_visible_child_name (page->view_stack, tabs[i]);
      shoot (GTK_WIDGET (window), view, size, scheme, TRUE);
    }

  /* The dialogs, as large as the window where it is narrow. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.edit", NULL));
  wait_until (window_editor_ready, window, "the Edit Customer dialog");
  editor = clt_window_get_editor (window);
  if (size->width < 600)
    resize_to (GTK_WIDGET (editor), size);
  shoot (GTK_WIDGET (editor), "customer-editor", size, scheme, size->width < 600);
  gtk_window_close (GTK_WINDOW (editor));
  wait_until (window_editor_gone, window, "the editor to close");

  adw_view_stack_set_visible_child_name (page->view_stack, "addresses");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.add-address", NULL));
  wait_until (address_editor_shown, NULL, "the Add Address dialog");
  address_editor = find_toplevel (CLT_TYPE_ADDRESS_EDITOR);
  if (size->width < 600)
    resize_to (GTK_WIDGET (address_editor), size);
  shoot (GTK_WIDGET (address_editor), "address-editor", size, scheme, size->width < 600);
  gtk_window_close (address_editor);
  wait_until (address_editor_gone, NULL, "the address editor to close");

  shoot_preferences (window, size, scheme);

  destroy_window (window);
}

static void
test_screenshots (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  TempStore ts = { 0 };
  g_autofree char *customer_id = NULL;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  customer_id = pick_customer (ts.store);

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      g_assert_true (adw_style_manager_get_dark (style) == (dark == 1));

      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        shoot_window (ts.store, customer_id, &sizes[i], dark ? "dark" : "light");
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  temp_store_clear (&ts);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  /* The window buttons GNOME shows (Xvfb has no settings daemon to say
   * so, and GTK's own default adds Minimize and Maximize). */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  app = ui_test_app_new ();

  g_test_add_func ("/clt/screenshots/fit", test_screenshots);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
