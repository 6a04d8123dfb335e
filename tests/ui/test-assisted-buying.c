/* test-assisted-buying.c — the Assisted Buying button of the customer
 * page: shown only for a user who may and a customer with a site that
 * offers it, its menu listing exactly those sites, the pre-flight question
 * for a customer on hold, the link handed to the browser (intercepted
 * here) and the log that follows; the menu the table's rows use; the
 * window telling the page what the signed-in user may.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-assisted-buying"

#include "config.h"

#include <string.h>

#include "clt-assisted-buying.h"
#include "clt-assisted-buying-button.h"
#include "clt-assisted-buying-log.h"
#include "clt-customer-page.h"
#include "clt-import-report.h"
#include "clt-order.h"
#include "clt-query.h"
#include "clt-site.h"

#include "ui-test-util.h"

#define TEMPLATE "assisted-buying?token={token}&customer={customerNumber}"

typedef struct
{
  char     *dir;
  CltStore *store;
  /* Jane shops on Site DE (preferred) and Site FR and AT (orders; AT has
   * no storefront); Ben prefers Site AT only; Hal (on hold) prefers DE. */
  char     *jane;
  char     *ben;
  char     *hal;
  char     *jane_number;
  /* The links the browser would have opened. */
  GPtrArray *launched;
} Fixture;

static void
on_launch (GtkWindow  *parent,
           const char *uri,
           gpointer    user_data)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (fixture->launched, g_strdup (uri));
}

/* The stored version of site @code, 0 when there is none. */
static gint64
site_version (CltStore   *store,
              const char *code)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  clt_store_list_sites_async (store, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the sites");
  sites = clt_store_list_sites_finish (store, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < sites->len; i++)
    if (g_str_equal (clt_site_get_code (g_ptr_array_index (sites, i)), code))
      return clt_site_get_version (g_ptr_array_index (sites, i));

  return 0;
}

/* Adds or replaces the site @code. */
static void
save_site (CltStore   *store,
           const char *code,
           const char *name,
           const char *storefront_url)
{
  g_autoptr(CltSite) site = clt_site_new ();
  g_autoptr(CltSite) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (storefront_url[0] != '\0' ? storefront_url
                                                                      : "https://nowhere.example/",
                                           TEMPLATE, NULL);

  clt_site_set_code (site, code);
  clt_site_set_name (site, name);
  clt_site_set_storefront_url (site, storefront_url);
  clt_site_set_assisted_buying (site, TRUE);
  clt_site_set_assisted_buying_url (site, template);
  clt_site_set_version (site, site_version (store, code));
  clt_store_save_site_async (store, site, NULL, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "a site");
  stored = clt_store_save_site_finish (store, result, &error);
  g_assert_no_error (error);
}

static CltCustomer *
make_customer (const char *first_name,
               const char *last_name,
               const char *site)
{
  CltCustomer *customer = clt_customer_new ();
  g_autofree char *email = g_strdup_printf ("%s@example.com", first_name);

  clt_customer_set_first_name (customer, first_name);
  clt_customer_set_last_name (customer, last_name);
  clt_customer_set_email (customer, email);
  clt_customer_set_currency (customer, "EUR");
  clt_customer_set_preferred_site (customer, site);
  clt_customer_set_active (customer, TRUE);
  clt_customer_set_verified (customer, TRUE);
  return customer;
}

static void
add_order (CltCustomer *customer,
           const char  *reference,
           const char  *site)
{
  CltOrder *order = clt_order_new ();
  g_autoptr(GDateTime) created = g_date_time_new_utc (2026, 11, 20, 10, 0, 0);

  clt_order_set_reference (order, reference);
  clt_order_set_created (order, created);
  clt_order_set_status (order, "shipped");
  clt_order_set_total (order, 1999);
  clt_order_set_currency (order, "EUR");
  clt_order_set_site (order, site);
  g_ptr_array_add (clt_customer_get_import_orders (customer), order);
}

static char *
id_by_email (CltStore   *store,
             const char *email)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  clt_query_set_search_text (query, email);
  clt_store_list_customers_async (store, query, 0, 10, CLT_LIST_FLAGS_NONE, NULL,
                                  store_result_cb, &result);
  wait_until (async_done, &result, "a customer");
  found = clt_store_list_customers_finish (store, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  return g_strdup (clt_customer_get_id (g_ptr_array_index (found, 0)));
}

static void
fixture_init (Fixture *fixture)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CltCustomer) jane = NULL;
  CltCustomer *customer;

  fixture->store = open_temp_store ("clt-test-assisted-XXXXXX", 0, 0, &fixture->dir, NULL);
  fixture->launched = g_ptr_array_new_with_free_func (g_free);
  clt_assisted_buying_set_launch_func_for_testing (on_launch, fixture);

  save_site (fixture->store, "de", "Site DE", "https://de.shop.example/");
  save_site (fixture->store, "fr", "Site FR", "https://fr.shop.example/");
  save_site (fixture->store, "at", "Site AT", "");
  save_site (fixture->store, "ch", "Site CH", "https://ch.shop.example/");

  customer = make_customer ("Jane", "Buyer", "de");
  add_order (customer, "ORD-1", "fr");
  add_order (customer, "ORD-2", "at");
  add_order (customer, "ORD-3", "fr");
  g_ptr_array_add (customers, customer);
  g_ptr_array_add (customers, make_customer ("Ben", "Bare", "at"));
  customer = make_customer ("Hal", "Hold", "de");
  clt_customer_set_on_hold (customer, TRUE);
  g_ptr_array_add (customers, customer);

  clt_store_import_customers_async (fixture->store, customers, NULL, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the customers");
  report = clt_store_import_customers_finish (fixture->store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, 3);

  fixture->jane = id_by_email (fixture->store, "jane@example.com");
  fixture->ben = id_by_email (fixture->store, "ben@example.com");
  fixture->hal = id_by_email (fixture->store, "hal@example.com");
  jane = sync_get_customer (fixture->store, fixture->jane);
  fixture->jane_number = g_strdup (clt_customer_get_number (jane));
}

static void
fixture_clear (Fixture *fixture)
{
  clt_assisted_buying_set_launch_func_for_testing (NULL, NULL);
  g_clear_pointer (&fixture->launched, g_ptr_array_unref);
  g_clear_pointer (&fixture->jane, g_free);
  g_clear_pointer (&fixture->ben, g_free);
  g_clear_pointer (&fixture->hal, g_free);
  g_clear_pointer (&fixture->jane_number, g_free);
  close_temp_store (g_steal_pointer (&fixture->store), fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Widgets {{{ */

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  return find_widget (widget, is_of_type, GSIZE_TO_POINTER (type));
}

typedef struct
{
  GtkWindow       *window;
  CltCustomerPage *page;
} Shown;

static void
show_page (Shown      *shown,
           Fixture    *fixture,
           const char *customer_id,
           gboolean    allowed)
{
  shown->window = GTK_WINDOW (adw_window_new ());
  shown->page = clt_customer_page_new (fixture->store);
  g_object_ref_sink (shown->page);
  clt_customer_page_set_assisted_buying_allowed (shown->page, allowed);
  adw_window_set_content (ADW_WINDOW (shown->window), GTK_WIDGET (shown->page));
  gtk_window_set_default_size (shown->window, screenshot_width (1000), 900);
  gtk_window_present (shown->window);

  clt_customer_page_set_customer_id (shown->page, customer_id);
  wait_until (page_loaded, shown->page, "the customer page");
}

static void
hide_page (Shown *shown)
{
  gtk_window_destroy (shown->window);
  wait_until (only_one_ref, shown->page, "the page's last reference");
  g_assert_finalize_object (g_steal_pointer (&shown->page));
}

static CltAssistedBuyingButton *
page_button (Shown *shown)
{
  GtkWidget *button = find_type (GTK_WIDGET (shown->page), CLT_TYPE_ASSISTED_BUYING_BUTTON);

  g_assert_nonnull (button);
  return CLT_ASSISTED_BUYING_BUTTON (button);
}

/* "Site DE\nSite FR": the labels of @menu, and each item's target names
 * @customer_id and its site. */
static char *
menu_labels (GMenuModel *menu,
             const char *customer_id)
{
  g_autoptr(GString) labels = g_string_new (NULL);

  for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;
      const char *id;
      const char *site;

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s",
                                                      &action));
      g_assert_cmpstr (action, ==, "assisted.shop");
      target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                      G_VARIANT_TYPE ("(ss)"));
      g_assert_nonnull (target);
      g_variant_get (target, "(&s&s)", &id, &site);
      g_assert_cmpstr (id, ==, customer_id);
      {
        g_autofree char *code = g_ascii_strup (site, -1);
        g_autofree char *expected = g_strconcat ("Site ", code, NULL);

        g_assert_cmpstr (label, ==, expected);
      }
      g_string_append_printf (labels, "%s%s", labels->len > 0 ? "\n" : "", label);
    }

  return g_string_free (g_steal_pointer (&labels), FALSE);
}

/* }}} */

static void
test_menu_lists_sites (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  g_autofree char *labels = NULL;
  CltAssistedBuyingButton *button;

  fixture_init (&fixture);
  show_page (&shown, &fixture, fixture.jane, TRUE);
  button = page_button (&shown);

  /* The preferred site and the sites of the orders, once each; not the
   * one without a storefront, not the one she never shopped on. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  labels = menu_labels (clt_assisted_buying_button_get_menu (button), fixture.jane);
  g_assert_cmpstr (labels, ==, "Site DE\nSite FR");
  /* The page's stack fades in. */
  run_for (500);
  wait_for_paint (GTK_WIDGET (shown.page));
  save_screenshot (GTK_WIDGET (shown.window), "assisted-buying-button.png");

  hide_page (&shown);
  fixture_clear (&fixture);
}

static void
test_hidden_without_storefront (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  CltAssistedBuyingButton *button;

  fixture_init (&fixture);
  show_page (&shown, &fixture, fixture.ben, TRUE);
  button = page_button (&shown);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_cmpint (g_menu_model_get_n_items (clt_assisted_buying_button_get_menu (button)), ==, 0);

  /* Site AT gets a storefront: Ben's page offers it after its reload. */
  save_site (fixture.store, "at", "Site AT", "https://at.shop.example/");
  hide_page (&shown);
  show_page (&shown, &fixture, fixture.ben, TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page_button (&shown))));

  hide_page (&shown);
  fixture_clear (&fixture);
}

static void
test_hidden_without_permission (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  CltAssistedBuyingButton *button;

  fixture_init (&fixture);
  show_page (&shown, &fixture, fixture.jane, FALSE);
  button = page_button (&shown);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));

  clt_customer_page_set_assisted_buying_allowed (shown.page, TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  clt_customer_page_set_assisted_buying_allowed (shown.page, FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));

  hide_page (&shown);
  fixture_clear (&fixture);
}

typedef struct
{
  GtkListBox *list;
  const char *title;
} RowWait;

static gboolean
log_shows (gpointer data)
{
  RowWait *wait = data;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (wait->list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), wait->title) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
launched_one (gpointer data)
{
  Fixture *fixture = data;

  return fixture->launched->len > 0;
}

static void
test_launches_url (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  g_autofree char *prefix = NULL;
  g_autofree char *customer = NULL;
  CltAssistedBuyingLog *log;
  RowWait wait;
  const char *url;

  fixture_init (&fixture);
  show_page (&shown, &fixture, fixture.jane, TRUE);
  log = CLT_ASSISTED_BUYING_LOG (find_type (GTK_WIDGET (shown.page), CLT_TYPE_ASSISTED_BUYING_LOG));
  g_assert_nonnull (log);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (log)));

  /* What choosing "Site FR" in the menu does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_button (&shown)), "assisted.shop",
                                             "(ss)", fixture.jane, "fr"));
  wait_until (launched_one, &fixture, "the link");
  g_assert_cmpuint (fixture.launched->len, ==, 1);

  url = g_ptr_array_index (fixture.launched, 0);
  prefix = g_strdup ("https://fr.shop.example/assisted-buying?token=");
  customer = g_strdup_printf ("&customer=%s", fixture.jane_number);
  g_assert_true (g_str_has_prefix (url, prefix));
  g_assert_true (g_str_has_suffix (url, customer));
  g_assert_cmpuint (strlen (url), ==, strlen (prefix) + 64 + strlen (customer));

  /* The page reloads (the store said the customer changed) and the log
   * says who did it. */
  wait.list = clt_assisted_buying_log_get_list (log);
  wait.title = g_strdup_printf ("%s shopped as this customer on Site FR",
                                g_get_real_name () != NULL && strcmp (g_get_real_name (), "Unknown") != 0
                                ? g_get_real_name () : g_get_user_name ());
  wait_until (log_shows, &wait, "the log entry");
  g_free ((char *) wait.title);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (log)));
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (log), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    run_for (500);
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  /* The page's stack fades in. */
  run_for (500);
  wait_for_paint (GTK_WIDGET (shown.page));
  save_screenshot (GTK_WIDGET (shown.window), "assisted-buying-log.png");

  hide_page (&shown);
  fixture_clear (&fixture);
}

static void
test_preflight_on_hold (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  AdwMessageDialog *dialog = NULL;

  fixture_init (&fixture);
  show_page (&shown, &fixture, fixture.hal, TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page_button (&shown))));

  /* Stop: nothing opens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_button (&shown)), "assisted.shop",
                                             "(ss)", fixture.hal, "de"));
  wait_until (find_message_dialog, &dialog, "the pre-flight question");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Shop as Hal Hold?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The account is on hold."));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "not verified"));
  wait_for_paint (GTK_WIDGET (dialog));
  save_screenshot (GTK_WIDGET (dialog), "assisted-buying-preflight.png");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  run_for (300);
  g_assert_cmpuint (fixture.launched->len, ==, 0);

  /* Go on: the link opens. */
  dialog = NULL;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_button (&shown)), "assisted.shop",
                                             "(ss)", fixture.hal, "de"));
  wait_until (find_message_dialog, &dialog, "the pre-flight question again");
  adw_message_dialog_response (dialog, "shop");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (launched_one, &fixture, "the link");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (fixture.launched, 0),
                                   "https://de.shop.example/assisted-buying?token="));

  hide_page (&shown);
  fixture_clear (&fixture);
}

typedef struct
{
  GtkWidget  *top;
  const char *text;
} LabelWait;

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return find_widget (wait->top, is_label_containing, wait->text) != NULL;
}

/* The menu was made before Site DE lost its storefront: the store refuses
 * and a toast says why. */
static void
test_store_error_toast (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  LabelWait wait;

  fixture_init (&fixture);
  show_page (&shown, &fixture, fixture.jane, TRUE);
  save_site (fixture.store, "de", "Site DE", "");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_button (&shown)), "assisted.shop",
                                             "(ss)", fixture.jane, "de"));
  wait.top = GTK_WIDGET (shown.page);
  wait.text = "The site “Site DE” has no storefront address.";
  wait_until (label_shown, &wait, "the toast");
  g_assert_cmpuint (fixture.launched->len, ==, 0);

  hide_page (&shown);
  fixture_clear (&fixture);
}

/* What the table's row menu offers: the same sites, from the store. */
static void
test_row_menu (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GtkWidget) owner = g_object_ref_sink (gtk_label_new (NULL));
  g_autoptr(CltAssistedBuying) assisted = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GMenuModel) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *labels = NULL;

  fixture_init (&fixture);
  assisted = clt_assisted_buying_new (fixture.store, owner);

  clt_assisted_buying_load_menu_async (assisted, fixture.jane, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "Jane's menu");
  menu = clt_assisted_buying_load_menu_finish (assisted, result, &error);
  g_assert_no_error (error);
  labels = menu_labels (menu, fixture.jane);
  g_assert_cmpstr (labels, ==, "Site DE\nSite FR");

  g_clear_object (&result);
  clt_assisted_buying_load_menu_async (assisted, fixture.ben, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "Ben's menu");
  none = clt_assisted_buying_load_menu_finish (assisted, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_menu_model_get_n_items (none), ==, 0);

  /* The results hold the helper, the helper the store. */
  g_clear_object (&result);
  g_clear_object (&assisted);
  fixture_clear (&fixture);
}

typedef struct
{
  CltCustomerPage *page;
  gboolean         visible;
} ButtonWait;

static gboolean
button_visibility_is (gpointer data)
{
  ButtonWait *wait = data;
  GtkWidget *button = find_type (GTK_WIDGET (wait->page), CLT_TYPE_ASSISTED_BUYING_BUTTON);

  return page_loaded (wait->page) && gtk_widget_get_visible (button) == wait->visible;
}

/* The window asks who is signed in: support sees the button, staff and
 * viewers do not. (The role is set before the window opens: a second
 * change would need an admin.) */
static void
check_window_role (CltRole  role,
                   gboolean visible)
{
  static CltApplication *app;
  Fixture fixture = { 0 };
  CltWindow *window;
  ButtonWait wait;

  fixture_init (&fixture);
  set_local_role (fixture.store, role);
  /* One registered application per process. */
  if (app == NULL)
    app = ui_test_app_new ();
  window = create_window (app, fixture.store);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-customer", "s",
                                             fixture.jane));
  wait.page = CLT_CUSTOMER_PAGE (find_type (GTK_WIDGET (window), CLT_TYPE_CUSTOMER_PAGE));
  wait.visible = visible;
  wait_until (button_visibility_is, &wait, "the button as the role allows");
  run_for (300);
  g_assert_true (button_visibility_is (&wait));

  destroy_window (window);
  fixture_clear (&fixture);
}

static void
test_window_support (void)
{
  check_window_role (CLT_ROLE_SUPPORT, TRUE);
}

static void
test_window_staff (void)
{
  check_window_role (CLT_ROLE_STAFF, FALSE);
}

static void
test_window_viewer (void)
{
  check_window_role (CLT_ROLE_VIEWER, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/clt/assisted-buying/menu-lists-sites", test_menu_lists_sites);
  g_test_add_func ("/clt/assisted-buying/hidden-without-storefront", test_hidden_without_storefront);
  g_test_add_func ("/clt/assisted-buying/hidden-without-permission", test_hidden_without_permission);
  g_test_add_func ("/clt/assisted-buying/launches-url", test_launches_url);
  g_test_add_func ("/clt/assisted-buying/preflight-on-hold", test_preflight_on_hold);
  g_test_add_func ("/clt/assisted-buying/store-error-toast", test_store_error_toast);
  g_test_add_func ("/clt/assisted-buying/row-menu", test_row_menu);
  g_test_add_func ("/clt/assisted-buying/window/support", test_window_support);
  g_test_add_func ("/clt/assisted-buying/window/staff", test_window_staff);
  g_test_add_func ("/clt/assisted-buying/window/viewer", test_window_viewer);

  return g_test_run ();
}
