/* test-customer-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customer page over a temporary SQLite store with sample customers,
 * under Xvfb. With CLT_SCREENSHOT_DIR set, it also saves PNGs of every tab
 * (window width from CLT_SCREENSHOT_WIDTH, default 1000): run it under
 * ADW_DEBUG_COLOR_SCHEME=prefer-dark for the dark ones.
 */

#include "config.h"

#include <adwaita.h>

#include "clt-address.h"
#include "clt-address-editor.h"
#include "clt-customer.h"
#include "clt-customer-page-private.h"
#include "clt-format.h"
#include "clt-import-report.h"
#include "clt-marketing-record.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-query.h"
#include "clt-sqlite-store.h"
#include "clt-store.h"
#include "clt-validate.h"

#include "ui-test-store.h"
#include "ui-test-util.h"

#define N_SAMPLE 20

typedef struct
{
  char      *dir;
  CltStore  *store;
  /* A sample customer with addresses and orders, and those. */
  char      *customer_id;
  GPtrArray *addresses;
  GPtrArray *orders;
} Fixture;

static GPtrArray *
list_sync (CltStore   *store,
           const char *what,
           const char *customer_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  if (g_str_equal (what, "addresses"))
    clt_store_list_addresses_async (store, customer_id, NULL, store_result_cb, &result);
  else if (g_str_equal (what, "orders"))
    clt_store_list_orders_async (store, customer_id, NULL, store_result_cb, &result);
  else
    clt_store_list_notes_async (store, customer_id, NULL, store_result_cb, &result);
  wait_until (async_done, &result, what);

  if (g_str_equal (what, "addresses"))
    items = clt_store_list_addresses_finish (store, result, &error);
  else if (g_str_equal (what, "orders"))
    items = clt_store_list_orders_finish (store, result, &error);
  else
    items = clt_store_list_notes_finish (store, result, &error);
  g_assert_no_error (error);

  return items;
}

static void
fixture_init (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) list_result = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) customers = NULL;

  fixture->store = open_temp_store ("clt-test-customer-page-XXXXXX", N_SAMPLE, 42,
                                    &fixture->dir, NULL);

  clt_store_list_customers_async (fixture->store, query, 0, N_SAMPLE, CLT_LIST_FLAGS_NONE,
                                  NULL, store_result_cb, &list_result);
  wait_until (async_done, &list_result, "the customer list");
  customers = clt_store_list_customers_finish (fixture->store, list_result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, N_SAMPLE);

  /* The one with the most addresses that also has orders. */
  for (guint i = 0; i < customers->len; i++)
    {
      CltCustomer *customer = g_ptr_array_index (customers, i);
      const char *id = clt_customer_get_id (customer);
      g_autoptr(GPtrArray) addresses = list_sync (fixture->store, "addresses", id);
      g_autoptr(GPtrArray) orders = list_sync (fixture->store, "orders", id);

      if (orders->len == 0 || addresses->len == 0)
        continue;
      if (fixture->addresses != NULL && fixture->addresses->len >= addresses->len)
        continue;

      g_free (fixture->customer_id);
      fixture->customer_id = g_strdup (id);
      g_clear_pointer (&fixture->addresses, g_ptr_array_unref);
      g_clear_pointer (&fixture->orders, g_ptr_array_unref);
      fixture->addresses = g_steal_pointer (&addresses);
      fixture->orders = g_steal_pointer (&orders);
    }

  g_assert_nonnull (fixture->customer_id);
}

static void
fixture_clear (Fixture *fixture)
{
  g_clear_pointer (&fixture->addresses, g_ptr_array_unref);
  g_clear_pointer (&fixture->orders, g_ptr_array_unref);
  g_clear_pointer (&fixture->customer_id, g_free);
  close_temp_store (g_steal_pointer (&fixture->store), fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

typedef struct
{
  GtkWindow       *window;
  CltCustomerPage *page;
} Shown;

static void
show_page_on (Shown      *shown,
              CltStore   *store,
              int         width,
              const char *customer_id)
{
  shown->window = GTK_WINDOW (adw_window_new ());
  shown->page = clt_customer_page_new (store);
  /* The test's own reference, for g_assert_finalize_object (). */
  g_object_ref_sink (shown->page);
  adw_window_set_content (ADW_WINDOW (shown->window), GTK_WIDGET (shown->page));
  gtk_window_set_default_size (shown->window, width, 900);
  gtk_window_present (shown->window);

  clt_customer_page_set_customer_id (shown->page, customer_id);
  g_assert_cmpstr (clt_customer_page_get_customer_id (shown->page), ==, customer_id);
  wait_until (page_loaded, shown->page, "the customer page");
}

static void
show_page (Shown      *shown,
           Fixture    *fixture,
           int         width,
           const char *customer_id)
{
  show_page_on (shown, fixture->store, width, customer_id);
}

static void
hide_page (Shown *shown)
{
  gtk_window_destroy (shown->window);
  /* Pending store callbacks hold the page until they are done. */
  wait_until (only_one_ref, shown->page, "the page's last reference");
  g_assert_finalize_object (g_steal_pointer (&shown->page));
}

/* Widget-tree helpers: what the user sees. */

static gboolean
is_action_row_titled (GtkWidget     *widget,
                      gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
find_action_row (GtkWidget  *widget,
                 const char *title)
{
  return find_widget (widget, is_action_row_titled, title);
}

static gboolean
is_label_titled (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "property-name") &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static const char *
row_value (GtkWidget  *page,
           const char *title)
{
  GtkWidget *name = find_widget (page, is_label_titled, title);

  /* The value label follows its name in the field's cell. */
  g_assert_nonnull (name);
  g_assert_true (GTK_IS_LABEL (gtk_widget_get_next_sibling (name)));
  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_next_sibling (name)));
}

/* The subtitle of the action row titled @title (the marketing list's rows). */
static const char *
action_row_subtitle (GtkWidget  *widget,
                     const char *title)
{
  GtkWidget *row = find_action_row (widget, title);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static guint
count_css_class (GtkWidget  *widget,
                 const char *css_class)
{
  return count_widgets (widget, has_css_class, css_class);
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  return find_widget (widget, is_label_containing, text);
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  GType type = GPOINTER_TO_SIZE (data);

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, type);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  return find_widget (widget, is_of_type, GSIZE_TO_POINTER (type));
}

typedef struct
{
  GtkWidget  *top;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return find_label (wait->top, wait->text) != NULL;
}

/* In the C.UTF-8 locale of the tests there is no digit grouping. */
static char *
expected_total (CltOrder *order)
{
  gint64 total = clt_order_get_total (order);
  const char *currency = clt_order_get_currency (order);
  const char *symbol = g_str_equal (currency, "EUR") ? "€"
                       : g_str_equal (currency, "USD") ? "$"
                       : g_str_equal (currency, "GBP") ? "£"
                       : NULL;
  g_autofree char *code = symbol == NULL ? g_strdup_printf ("%s\u00a0", currency) : NULL;

  g_assert_cmpint (total, >=, 0);
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d",
                          symbol != NULL ? symbol : code, total / 100, (int) (total % 100));
}

static void
settle (void)
{
  run_for (500);
}

/* A back end without an operation: the CltStore wrapper then fails with
 * CLT_STORE_ERROR_NOT_SUPPORTED. Clears the vfunc at @offset of the store's
 * interface (shared by every store of the class) until restore_vfunc (). */
typedef struct
{
  gpointer *slot;
  gpointer  saved;
} RemovedVfunc;

static RemovedVfunc
remove_vfunc (CltStore *store,
              gsize     offset)
{
  RemovedVfunc removed;

  removed.slot = G_STRUCT_MEMBER_P (CLT_STORE_GET_IFACE (store), offset);
  removed.saved = *removed.slot;
  g_assert_nonnull (removed.saved);
  *removed.slot = NULL;

  return removed;
}

static void
restore_vfunc (RemovedVfunc *removed)
{
  *removed->slot = removed->saved;
}

static GtkWidget *
find_css_class (GtkWidget  *widget,
                const char *css_class)
{
  return find_widget (widget, has_css_class, css_class);
}

/* Tests. */

static void
test_shows_customer (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  CltCustomer *customer;
  g_autofree char *full_name = NULL;
  GtkWidget *page;
  int width = 1000;

  fixture_init (&fixture);
  if (g_getenv ("CLT_SCREENSHOT_WIDTH") != NULL)
    width = atoi (g_getenv ("CLT_SCREENSHOT_WIDTH"));
  show_page (&shown, &fixture, width, fixture.customer_id);
  page = GTK_WIDGET (shown.page);

  customer = clt_customer_page_get_customer (shown.page);
  g_assert_cmpstr (clt_customer_get_id (customer), ==, fixture.customer_id);

  /* Header. */
  full_name = clt_customer_dup_full_name (customer);
  g_assert_cmpstr (full_name, !=, "");
  g_assert_nonnull (find_label (page, full_name));
  g_assert_nonnull (find_label (page, clt_customer_get_email (customer)));
  g_assert_nonnull (find_label (page, clt_customer_get_number (customer)));
  g_assert_nonnull (find_label (page, clt_customer_get_verified (customer) ? "Verified"
                                                                          : "Unverified"));

  /* Overview fields. */
  g_assert_cmpstr (row_value (page, "Customer ID"), ==, clt_customer_get_id (customer));
  g_assert_cmpstr (row_value (page, "Customer Number"), ==, clt_customer_get_number (customer));
  g_assert_cmpstr (row_value (page, "First Name"), ==, clt_customer_get_first_name (customer));
  g_assert_cmpstr (row_value (page, "Last Name"), ==, clt_customer_get_last_name (customer));
  g_assert_true (strstr (row_value (page, "Preferred Currency"),
                         clt_customer_get_currency (customer)) != NULL);
  g_assert_cmpstr (row_value (page, "Registered"), !=, "—");

  /* The Mark as Verified button only for unverified customers. */
  g_assert_nonnull (find_label (page, "Mark as Verified"));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (find_label (page, "Mark as Verified"),
                                                                  GTK_TYPE_BUTTON))
                 == !clt_customer_get_verified (customer));

  /* One row per address, each with its summary; defaults tagged. */
  g_assert_cmpuint (count_css_class (page, "address-row"), ==, fixture.addresses->len);
  for (guint i = 0; i < fixture.addresses->len; i++)
    {
      g_autofree char *summary = clt_address_dup_summary (g_ptr_array_index (fixture.addresses, i));

      g_assert_nonnull (find_label (page, summary));
    }
  if (!g_str_equal (clt_customer_get_default_billing_address (customer), ""))
    g_assert_nonnull (find_label (page, "Default billing"));

  /* One row per order, with its total in its currency. */
  for (guint i = 0; i < fixture.orders->len; i++)
    {
      CltOrder *order = g_ptr_array_index (fixture.orders, i);
      GtkWidget *row = find_action_row (page, clt_order_get_reference (order));
      g_autofree char *total = expected_total (order);

      g_assert_nonnull (row);
      g_assert_nonnull (find_label (row, total));
    }

  for (guint i = 0; g_getenv ("CLT_SCREENSHOT_DIR") != NULL && i < 5; i++)
    {
      static const char *tabs[] = { "overview", "overview", "addresses", "notes", "orders" };
      g_autofree char *name = g_strdup_printf ("customer-page-%s-%s-%d.png", tabs[i],
                                               adw_style_manager_get_dark (adw_style_manager_get_default ())
                                               ? "dark" : "light",
                                               gtk_widget_get_width (GTK_WIDGET (shown.window)));
      AdwViewStack *stack = ADW_VIEW_STACK (find_type (page, ADW_TYPE_VIEW_STACK));

      adw_view_stack_set_visible_child_name (stack, tabs[i]);
      settle ();
      if (i > 0)
        save_screenshot (GTK_WIDGET (shown.window), name);

      if (i == 1)
        {
          GtkScrolledWindow *scrolled =
            GTK_SCROLLED_WINDOW (find_type (adw_view_stack_get_visible_child (stack),
                                            GTK_TYPE_SCROLLED_WINDOW));
          GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
          g_autofree char *end_name = g_strdup_printf ("customer-page-overview-end-%s-%d.png",
                                                       adw_style_manager_get_dark (adw_style_manager_get_default ())
                                                       ? "dark" : "light",
                                                       gtk_widget_get_width (GTK_WIDGET (shown.window)));

          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
          settle ();
          save_screenshot (GTK_WIDGET (shown.window), end_name);
        }
    }

  hide_page (&shown);
  fixture_clear (&fixture);
}

static void
add_record (CltCustomer       *customer,
            CltMarketingKind   kind,
            const char        *code,
            const char        *name,
            const char        *detail,
            GDateTime         *date,
            CltMarketingState  state)
{
  CltMarketingRecord *record = clt_marketing_record_new ();

  clt_marketing_record_set_kind (record, kind);
  clt_marketing_record_set_code (record, code);
  clt_marketing_record_set_name (record, name);
  clt_marketing_record_set_detail (record, detail);
  clt_marketing_record_set_date (record, date);
  clt_marketing_record_set_state (record, state);
  g_ptr_array_add (clt_customer_get_import_marketing (customer), record);
}

/* The overview's Marketing section: the segments in one row, a row per
 * coupon and per campaign delivered, each saying where it stands; hidden
 * for a customer the marketing knows nothing of. The Account section says
 * when the customer last logged in. */
static void
test_marketing (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) last_login = g_date_time_new_utc (2026, 5, 4, 8, 30, 0);
  g_autoptr(GDateTime) until = g_date_time_new_utc (2030, 1, 31, 0, 0, 0);
  g_autoptr(GDateTime) expired = g_date_time_new_utc (2021, 1, 31, 0, 0, 0);
  g_autoptr(GDateTime) sent = g_date_time_new_utc (2026, 3, 3, 7, 15, 0);
  g_autofree char *until_text = clt_format_date (until);
  g_autofree char *expired_text = clt_format_date (expired);
  g_autofree char *sent_text = clt_format_date (sent);
  g_autofree char *login_text = clt_format_date_time (last_login);
  g_autofree char *coupon_subtitle = g_strdup_printf ("10 %% · valid until %s · Redeemed",
                                                      until_text);
  g_autofree char *expired_subtitle = g_strdup_printf ("expired on %s", expired_text);
  g_autofree char *delivery_subtitle = g_strdup_printf ("Email · %s · Opened", sent_text);
  CltCustomer *customer = clt_customer_new ();
  GtkWidget *group;
  GtkListBox *list;

  fixture_init (&fixture);
  clt_customer_set_id (customer, "mia-1");
  clt_customer_set_email (customer, "mia@example.com");
  clt_customer_set_first_name (customer, "Mia");
  clt_customer_set_last_name (customer, "Markt");
  clt_customer_set_currency (customer, "EUR");
  clt_customer_set_last_login (customer, last_login);
  add_record (customer, CLT_MARKETING_KIND_COUPON, "WELCOME10", "Welcome discount", "10 %", until,
              CLT_MARKETING_STATE_REDEEMED);
  add_record (customer, CLT_MARKETING_KIND_SEGMENT, "newsletter", "Newsletter subscribers", "",
              NULL, CLT_MARKETING_STATE_NONE);
  add_record (customer, CLT_MARKETING_KIND_DELIVERY, "spring-sale-2026", "Spring sale 2026",
              "email", sent, CLT_MARKETING_STATE_OPENED);
  add_record (customer, CLT_MARKETING_KIND_COUPON, "SPRING15", "Spring sale", "", expired,
              CLT_MARKETING_STATE_ACTIVE);
  add_record (customer, CLT_MARKETING_KIND_SEGMENT, "frequent-buyers", "Frequent buyers", "",
              NULL, CLT_MARKETING_STATE_NONE);
  g_ptr_array_add (rows, customer);
  clt_store_import_customers_async (fixture.store, rows, NULL, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the import");
  report = clt_store_import_customers_finish (fixture.store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, 1);
  /* The result holds the store. */
  g_clear_object (&result);

  show_page (&shown, &fixture, 1000, "mia-1");
  group = find_type (GTK_WIDGET (shown.page), CLT_TYPE_CUSTOMER_MARKETING_GROUP);
  g_assert_nonnull (group);
  g_assert_true (gtk_widget_get_visible (group));
  list = clt_customer_marketing_group_get_list (CLT_CUSTOMER_MARKETING_GROUP (group));
  g_assert_cmpstr (action_row_subtitle (GTK_WIDGET (list), "Segments"), ==,
                   "Newsletter subscribers, Frequent buyers");
  g_assert_cmpstr (action_row_subtitle (GTK_WIDGET (list), "WELCOME10 · Welcome discount"), ==,
                   coupon_subtitle);
  g_assert_cmpstr (action_row_subtitle (GTK_WIDGET (list), "SPRING15 · Spring sale"), ==, expired_subtitle);
  g_assert_cmpstr (action_row_subtitle (GTK_WIDGET (list), "Spring sale 2026"), ==, delivery_subtitle);
  g_assert_cmpstr (row_value (GTK_WIDGET (shown.page), "Last Login"), ==, login_text);
  if (g_getenv ("CLT_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("customer-page-marketing-%s-%d.png",
                                               adw_style_manager_get_dark (adw_style_manager_get_default ())
                                               ? "dark" : "light", screenshot_width (1000));

      gtk_window_set_default_size (shown.window, screenshot_width (1000), 900);
      settle ();
      save_screenshot (group, name);
    }
  hide_page (&shown);

  /* The sample customer of the fixture: none of the marketing above. */
  show_page (&shown, &fixture, 1000, fixture.customer_id);
  group = find_type (GTK_WIDGET (shown.page), CLT_TYPE_CUSTOMER_MARKETING_GROUP);
  g_assert_null (find_action_row (group, "WELCOME10 · Welcome discount"));
  hide_page (&shown);

  fixture_clear (&fixture);
}

static gboolean
buffer_empty (gpointer data)
{
  return gtk_text_buffer_get_char_count (data) == 0;
}

static void
test_add_note (void)
{
  static const char *message = "Called about the late delivery; promised a refund.";
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *kept = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *long_text = NULL;
  RemovedVfunc removed;
  LabelWait wait;
  GtkWidget *page, *add_button, *error_label;

  fixture_init (&fixture);
  show_page (&shown, &fixture, 1000, fixture.customer_id);
  page = GTK_WIDGET (shown.page);

  view = GTK_TEXT_VIEW (find_type (page, GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (view);
  buffer = gtk_text_view_get_buffer (view);

  /* Add Note is insensitive while the box is empty or blank. */
  add_button = gtk_widget_get_ancestor (find_label (page, "Add Note"), GTK_TYPE_BUTTON);
  g_assert_nonnull (add_button);
  g_assert_false (gtk_widget_get_sensitive (add_button));
  gtk_text_buffer_set_text (buffer, "  \n ", -1);
  g_assert_false (gtk_widget_get_sensitive (add_button));

  /* Too long: said under the box as it is typed, and Add Note stays off. */
  long_text = g_strnfill (CLT_VALIDATE_MAX_NOTE + 1, 'x');
  gtk_text_buffer_set_text (buffer, long_text, -1);
  g_assert_false (gtk_widget_get_sensitive (add_button));
  error_label = find_css_class (page, "error");
  g_assert_true (GTK_IS_LABEL (error_label));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), !=, "");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (page, ADW_TYPE_VIEW_STACK)),
                                         "notes");
  settle ();
  save_screenshot (GTK_WIDGET (shown.window), "customer-page-note-too-long.png");

  gtk_text_buffer_set_text (buffer, message, -1);
  g_assert_true (gtk_widget_get_sensitive (add_button));
  g_assert_false (gtk_widget_get_visible (error_label));

  /* A back end that cannot add notes: a toast with its message, and the
   * typed text stays in the box. */
  removed = remove_vfunc (fixture.store, G_STRUCT_OFFSET (CltStoreInterface, add_note));
  gtk_widget_activate_action (page, "customer.add-note", NULL);
  wait.top = page;
  wait.text = "add the note: This is not possible";
  wait_until (label_shown, &wait, "the error toast");
  restore_vfunc (&removed);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  kept = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (kept, ==, message);
  g_assert_true (gtk_widget_get_sensitive (add_button));

  /* With the store's own add_note (Add Note, as the button does). */
  g_signal_emit_by_name (add_button, "clicked");

  /* The note appears on the page and in the store; the box empties. */
  wait.top = page;
  wait.text = message;
  wait_until (label_shown, &wait, "the new note");
  wait_until (buffer_empty, buffer, "the message box to empty");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find_type (page, ADW_TYPE_VIEW_STACK)),
                                         "notes");
  settle ();
  save_screenshot (GTK_WIDGET (shown.window), "customer-page-note-added.png");
  wait_until (page_loaded, shown.page, "the reload");

  notes = list_sync (fixture.store, "notes", fixture.customer_id);
  g_assert_cmpuint (notes->len, >=, 1);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < notes->len; i++)
      if (g_str_equal (clt_note_get_message (g_ptr_array_index (notes, i)), message))
        found = TRUE;
    g_assert_true (found);
  }

  hide_page (&shown);
  fixture_clear (&fixture);
}

static gboolean
switch_state_changed (gpointer data)
{
  GtkSwitch *toggle = data;

  return gtk_switch_get_state (toggle) == gtk_switch_get_active (toggle);
}

static void
test_toggle_active (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  GtkWidget *page, *row;
  GtkSwitch *toggle;
  RemovedVfunc removed;
  gboolean before;

  fixture_init (&fixture);
  show_page (&shown, &fixture, 1000, fixture.customer_id);
  page = GTK_WIDGET (shown.page);

  before = clt_customer_get_active (clt_customer_page_get_customer (shown.page));
  row = find_action_row (page, "_Active");
  g_assert_nonnull (row);
  toggle = GTK_SWITCH (find_type (row, GTK_TYPE_SWITCH));
  g_assert_true (gtk_switch_get_active (toggle) == before);

  /* A back end that cannot change customers: a toast, and the switch goes
   * back; nothing changed. */
  removed = remove_vfunc (fixture.store, G_STRUCT_OFFSET (CltStoreInterface, update_customer));
  gtk_switch_set_active (toggle, !before);
  {
    LabelWait wait = { page, "change the customer: This is not possible" };

    wait_until (label_shown, &wait, "the error toast");
  }
  restore_vfunc (&removed);
  g_assert_true (gtk_switch_get_active (toggle) == before);
  g_assert_true (gtk_switch_get_state (toggle) == before);
  g_assert_true (clt_customer_get_active (clt_customer_page_get_customer (shown.page)) == before);

  /* With the store's own update_customer. */
  gtk_switch_set_active (toggle, !before);
  wait_until (switch_state_changed, toggle, "the stored state");
  wait_until (page_loaded, shown.page, "the reload");
  g_assert_true (gtk_switch_get_state (toggle) != before);
  g_assert_true (clt_customer_get_active (clt_customer_page_get_customer (shown.page)) != before);

  hide_page (&shown);
  fixture_clear (&fixture);
}

static void
on_signal_cb (GtkWidget *page,
              guint     *count)
{
  (*count)++;
}

static void
test_actions_emit_signals (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  guint back = 0, edit = 0, delete = 0;
  GtkWidget *page;

  fixture_init (&fixture);
  show_page (&shown, &fixture, 1000, fixture.customer_id);
  page = GTK_WIDGET (shown.page);

  g_signal_connect (page, "back-requested", G_CALLBACK (on_signal_cb), &back);
  g_signal_connect (page, "edit-requested", G_CALLBACK (on_signal_cb), &edit);
  g_signal_connect (page, "delete-requested", G_CALLBACK (on_signal_cb), &delete);

  g_assert_true (gtk_widget_activate_action (page, "customer.back", NULL));
  g_assert_true (gtk_widget_activate_action (page, "customer.edit", NULL));
  g_assert_true (gtk_widget_activate_action (page, "customer.delete", NULL));
  g_assert_cmpuint (back, ==, 1);
  g_assert_cmpuint (edit, ==, 1);
  g_assert_cmpuint (delete, ==, 1);

  /* An unknown customer: an error page, and no edit or delete. */
  clt_customer_page_set_customer_id (shown.page, "no-such-customer");
  {
    LabelWait wait = { page, "Customer Not Found" };

    wait_until (label_shown, &wait, "the not-found page");
  }
  g_assert_null (clt_customer_page_get_customer (shown.page));
  g_assert_false (gtk_widget_get_sensitive (gtk_widget_get_ancestor (find_label (page, "Edit"),
                                                                     GTK_TYPE_BUTTON)));
  gtk_widget_activate_action (page, "customer.edit", NULL);
  gtk_widget_activate_action (page, "customer.delete", NULL);
  g_assert_cmpuint (edit, ==, 1);
  g_assert_cmpuint (delete, ==, 1);

  hide_page (&shown);
  fixture_clear (&fixture);
}

static void
on_loading_notify_cb (CltCustomerPage *page,
                      GParamSpec      *pspec,
                      guint           *n_loads)
{
  if (clt_customer_page_get_loading (page))
    (*n_loads)++;
}

typedef struct
{
  CltCustomerPage *page;
  guint           *n_loads;
  guint            want;
} Reload;

/* The page's reload runs from an idle: on a busy machine it may come after
 * settle (), so wait for the load itself to start and end. */
static gboolean
reloaded (gpointer data)
{
  Reload *reload = data;

  return *reload->n_loads >= reload->want && !clt_customer_page_get_loading (reload->page);
}

static void
wait_for_reload (CltCustomerPage *page,
                 guint           *n_loads,
                 guint            want)
{
  Reload reload = { page, n_loads, want };

  wait_until (reloaded, &reload, "the reload");
  settle ();
  g_assert_cmpuint (*n_loads, ==, want);
}

static void
test_reloads_on_changed (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  guint n_loads = 0;

  fixture_init (&fixture);
  show_page (&shown, &fixture, 1000, fixture.customer_id);
  g_signal_connect (shown.page, "notify::loading", G_CALLBACK (on_loading_notify_cb), &n_loads);

  /* Another customer changed, or shop data the page does not show:
   * nothing to do. */
  clt_store_emit_changed (fixture.store, CLT_CHANGE_CUSTOMER, "someone-else");
  clt_store_emit_changed (fixture.store, CLT_CHANGE_NOTE, "someone-else");
  clt_store_emit_changed (fixture.store, CLT_CHANGE_COMPANY, "no-such-company");
  clt_store_emit_changed (fixture.store, CLT_CHANGE_CUSTOM_FIELD, "loyalty");
  clt_store_emit_changed (fixture.store, CLT_CHANGE_PREFERENCES, NULL);
  settle ();
  g_assert_cmpuint (n_loads, ==, 0);

  /* This customer: the page loads again and keeps showing it. */
  clt_store_emit_changed (fixture.store, CLT_CHANGE_CUSTOMER, fixture.customer_id);
  wait_for_reload (shown.page, &n_loads, 1);
  g_assert_nonnull (clt_customer_page_get_customer (shown.page));

  /* A burst about it (its address, note, outbox): one reload. */
  clt_store_emit_changed (fixture.store, CLT_CHANGE_ADDRESS, fixture.customer_id);
  clt_store_emit_changed (fixture.store, CLT_CHANGE_NOTE, fixture.customer_id);
  clt_store_emit_changed (fixture.store, CLT_CHANGE_OUTBOX, fixture.customer_id);
  wait_for_reload (shown.page, &n_loads, 2);

  /* Any number of customers (an import). */
  clt_store_emit_changed (fixture.store, CLT_CHANGE_CUSTOMERS, NULL);
  wait_for_reload (shown.page, &n_loads, 3);
  g_assert_cmpuint (count_css_class (GTK_WIDGET (shown.page), "address-row"), ==,
                    fixture.addresses->len);

  hide_page (&shown);
  fixture_clear (&fixture);
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
test_delete_address (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  CltAddress *address;
  AdwMessageDialog *dialog;
  g_autofree char *summary = NULL;
  RemovedVfunc removed;
  gboolean was_billing;
  GtkWidget *page;
  const char *id;

  fixture_init (&fixture);
  show_page (&shown, &fixture, 1000, fixture.customer_id);
  page = GTK_WIDGET (shown.page);

  /* The default billing address: the dialog says what deleting it means. */
  address = g_ptr_array_index (fixture.addresses, 0);
  for (guint i = 0; i < fixture.addresses->len; i++)
    if (g_str_equal (clt_address_get_id (g_ptr_array_index (fixture.addresses, i)),
                     clt_customer_get_default_billing_address (clt_customer_page_get_customer (shown.page))))
      address = g_ptr_array_index (fixture.addresses, i);
  id = clt_address_get_id (address);
  summary = clt_address_dup_summary (address);
  was_billing = g_str_equal (id, clt_customer_get_default_billing_address (clt_customer_page_get_customer (shown.page)));

  gtk_widget_activate_action (page, "customer.delete-address", "s", id);
  wait_until (message_dialog_shown, NULL, "the confirmation");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), summary) != NULL);
  if (g_str_equal (id, clt_customer_get_default_billing_address (clt_customer_page_get_customer (shown.page))))
    g_assert_true (strstr (adw_message_dialog_get_body (dialog), "default billing") != NULL);

  /* Cancel keeps it. */
  adw_message_dialog_response (dialog, "cancel");
  if (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
  g_assert_cmpuint (count_css_class (page, "address-row"), ==, fixture.addresses->len);

  /* A back end that cannot delete addresses: a toast, the address stays. */
  removed = remove_vfunc (fixture.store, G_STRUCT_OFFSET (CltStoreInterface, delete_address));
  gtk_widget_activate_action (page, "customer.delete-address", "s", id);
  wait_until (message_dialog_shown, NULL, "the confirmation");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "delete");
  if (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  {
    LabelWait wait = { page, "delete the address: This is not possible" };

    wait_until (label_shown, &wait, "the error toast");
  }
  restore_vfunc (&removed);
  g_assert_cmpuint (count_css_class (page, "address-row"), ==, fixture.addresses->len);

  /* With the store's own delete_address. */
  gtk_widget_activate_action (page, "customer.delete-address", "s", id);
  wait_until (message_dialog_shown, NULL, "the confirmation");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "delete");
  if (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));

  {
    LabelWait wait = { page, "Address deleted" };
    g_autoptr(GPtrArray) left = NULL;

    wait_until (label_shown, &wait, "the toast");
    wait_until (page_loaded, shown.page, "the reload");
    left = list_sync (fixture.store, "addresses", fixture.customer_id);
    g_assert_cmpuint (left->len, ==, fixture.addresses->len - 1);
    g_assert_cmpuint (count_css_class (page, "address-row"), ==, left->len);
    g_assert_null (find_label (page, summary));

    /* Deleting the default billing address cleared it, and the toast said so. */
    if (was_billing)
      {
        g_assert_nonnull (find_label (page, "no default billing"));
        g_assert_cmpstr (clt_customer_get_default_billing_address (clt_customer_page_get_customer (shown.page)),
                         !=, id);
      }
  }

  hide_page (&shown);
  fixture_clear (&fixture);
}

static void
test_add_address_opens_editor (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  GtkWindow *editor;

  fixture_init (&fixture);
  show_page (&shown, &fixture, 1000, fixture.customer_id);

  g_assert_null (find_toplevel (CLT_TYPE_ADDRESS_EDITOR));
  gtk_widget_activate_action (GTK_WIDGET (shown.page), "customer.add-address", NULL);
  wait_until (address_editor_shown, NULL, "the address editor");
  editor = find_toplevel (CLT_TYPE_ADDRESS_EDITOR);
  g_assert_true (clt_address_editor_is_create (CLT_ADDRESS_EDITOR (editor)));
  g_assert_true (gtk_window_get_transient_for (editor) == shown.window);
  gtk_window_destroy (editor);

  gtk_widget_activate_action (GTK_WIDGET (shown.page), "customer.edit-address", "s",
                              clt_address_get_id (g_ptr_array_index (fixture.addresses, 0)));
  wait_until (address_editor_shown, NULL, "the address editor");
  editor = find_toplevel (CLT_TYPE_ADDRESS_EDITOR);
  g_assert_false (clt_address_editor_is_create (CLT_ADDRESS_EDITOR (editor)));
  gtk_window_destroy (editor);

  hide_page (&shown);
  fixture_clear (&fixture);
}

static void
test_mark_verified (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  AdwMessageDialog *dialog;
  RemovedVfunc removed;
  GtkWidget *page;

  fixture_init (&fixture);
  show_page (&shown, &fixture, 1000, fixture.customer_id);
  page = GTK_WIDGET (shown.page);

  if (clt_customer_get_verified (clt_customer_page_get_customer (shown.page)))
    {
      hide_page (&shown);
      fixture_clear (&fixture);
      g_test_skip ("The sample customer is verified already");
      return;
    }

  /* A back end that cannot change customers: a toast, still unverified. */
  removed = remove_vfunc (fixture.store, G_STRUCT_OFFSET (CltStoreInterface, update_customer));
  gtk_widget_activate_action (page, "customer.mark-verified", NULL);
  wait_until (message_dialog_shown, NULL, "the confirmation");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (strstr (adw_message_dialog_get_body (dialog),
                         clt_customer_get_email (clt_customer_page_get_customer (shown.page))) != NULL);
  adw_message_dialog_response (dialog, "verify");
  if (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  {
    LabelWait wait = { page, "change the customer: This is not possible" };

    wait_until (label_shown, &wait, "the error toast");
  }
  restore_vfunc (&removed);
  g_assert_false (clt_customer_get_verified (clt_customer_page_get_customer (shown.page)));
  g_assert_nonnull (find_label (page, "Unverified"));

  /* With the store's own update_customer. */
  gtk_widget_activate_action (page, "customer.mark-verified", NULL);
  wait_until (message_dialog_shown, NULL, "the confirmation");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "verify");
  if (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));

  {
    LabelWait wait = { page, "marked as verified" };

    wait_until (label_shown, &wait, "the toast");
    wait_until (page_loaded, shown.page, "the reload");
    g_assert_true (clt_customer_get_verified (clt_customer_page_get_customer (shown.page)));
    g_assert_null (find_label (page, "Unverified"));
    g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (find_label (page, "Mark as Verified"),
                                                                     GTK_TYPE_BUTTON)));
  }

  hide_page (&shown);
  fixture_clear (&fixture);
}

static guint
n_calls (CltStore   *store,
         const char *operation)
{
  return ui_test_store_get_n_calls (UI_TEST_STORE (store), operation);
}

static gboolean
details_loaded_once (gpointer data)
{
  return n_calls (data, "get_customer_details") >= 1;
}

/* Everything the page shows comes from one store call, and so does a
 * reload. */
static void
test_one_store_call (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  g_autoptr(CltStore) store = NULL;

  fixture_init (&fixture);
  store = ui_test_store_new (fixture.store, FALSE, TRUE);
  show_page_on (&shown, store, 1000, fixture.customer_id);
  settle ();

  g_assert_cmpuint (n_calls (store, "get_customer_details"), ==, 1);
  g_assert_cmpuint (ui_test_store_get_n_all_calls (UI_TEST_STORE (store)), ==, 1);
  /* All of it shows: addresses and orders came in the same answer. */
  g_assert_cmpuint (count_css_class (GTK_WIDGET (shown.page), "address-row"), ==,
                    fixture.addresses->len);
  g_assert_nonnull (find_action_row (GTK_WIDGET (shown.page),
                                     clt_order_get_reference (g_ptr_array_index (fixture.orders,
                                                                                 0))));

  ui_test_store_reset_calls (UI_TEST_STORE (store));
  clt_customer_page_reload (shown.page);
  wait_until (page_loaded, shown.page, "the reload");
  settle ();
  g_assert_cmpuint (ui_test_store_get_n_all_calls (UI_TEST_STORE (store)), ==, 1);

  hide_page (&shown);
  wait_until (only_one_ref, store, "the test store's last reference");
  g_clear_object (&store);
  fixture_clear (&fixture);
}

/* A user whose role may not change customers: every write says so in
 * words and loses nothing. */
static void
test_permission_denied (void)
{
  static const char *denied = "Your role lets you look at customers but not change them.";
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  g_autoptr(CltStore) store = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *kept = NULL;
  GtkSwitch *toggle;
  GtkWidget *page;
  gboolean before;

  fixture_init (&fixture);
  store = ui_test_store_new (fixture.store, FALSE, TRUE);
  ui_test_store_fail (UI_TEST_STORE (store), "add_note", CLT_STORE_ERROR_PERMISSION_DENIED, denied);
  ui_test_store_fail (UI_TEST_STORE (store), "update_customer",
                      CLT_STORE_ERROR_PERMISSION_DENIED, "");
  show_page_on (&shown, store, 1000, fixture.customer_id);
  page = GTK_WIDGET (shown.page);

  /* A note: what failed and the store's reason; the text stays. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_type (page, GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_set_text (buffer, "Called about the invoice", -1);
  gtk_widget_activate_action (page, "customer.add-note", NULL);
  {
    LabelWait wait = { page, "add the note: Your role lets you look at customers" };

    wait_until (label_shown, &wait, "the permission toast");
  }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  kept = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (kept, ==, "Called about the invoice");

  /* A switch, from a back end that gives no reason: the code in words,
   * and the switch goes back. */
  toggle = GTK_SWITCH (find_type (find_action_row (page, "_Active"), GTK_TYPE_SWITCH));
  before = gtk_switch_get_active (toggle);
  run_for (600);
  gtk_switch_set_active (toggle, !before);
  {
    LabelWait wait = { page, "Your role does not allow this." };

    wait_until (label_shown, &wait, "the permission toast in words");
  }
  g_assert_true (gtk_switch_get_active (toggle) == before);

  run_for (600);
  hide_page (&shown);
  wait_until (only_one_ref, store, "the test store's last reference");
  g_clear_object (&store);
  fixture_clear (&fixture);
}

/* A write based on an old version: the user is told someone else changed
 * the customer, and the page shows the current version. */
static void
test_stale_write (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  g_autoptr(CltStore) store = NULL;
  CltAddress *address;
  GtkWidget *page;

  fixture_init (&fixture);
  store = ui_test_store_new (fixture.store, FALSE, TRUE);
  ui_test_store_fail (UI_TEST_STORE (store), "set_default_address", CLT_STORE_ERROR_STALE,
                      "The customer was changed meanwhile.");
  show_page_on (&shown, store, 1000, fixture.customer_id);
  page = GTK_WIDGET (shown.page);
  ui_test_store_reset_calls (UI_TEST_STORE (store));

  address = g_ptr_array_index (fixture.addresses, fixture.addresses->len - 1);
  gtk_widget_activate_action (page, "customer.set-default-shipping", "s",
                              clt_address_get_id (address));
  {
    LabelWait wait = { page, "Someone else changed this customer meanwhile" };

    wait_until (label_shown, &wait, "the stale toast");
  }
  /* The reload runs from an idle: on a busy machine the toast's animation
   * can hold it back past a fixed wait. */
  wait_until (details_loaded_once, store, "the reload");
  wait_until (page_loaded, shown.page, "the reload");
  settle ();
  g_assert_cmpuint (n_calls (store, "set_default_address"), ==, 1);
  g_assert_cmpuint (n_calls (store, "get_customer_details"), ==, 1);

  hide_page (&shown);
  wait_until (only_one_ref, store, "the test store's last reference");
  g_clear_object (&store);
  fixture_clear (&fixture);
}

/* A note whose add failed keeps its request id for the retry (the store
 * then answers with the note should the first have been stored after
 * all); another text is another note, with a new id. */
static void
test_note_request_id (void)
{
  Fixture fixture = { 0 };
  Shown shown = { 0 };
  g_autoptr(CltStore) store = NULL;
  g_autofree char *first_id = NULL;
  GtkTextBuffer *buffer;
  GtkWidget *page;

  fixture_init (&fixture);
  store = ui_test_store_new (fixture.store, FALSE, TRUE);
  ui_test_store_fail (UI_TEST_STORE (store), "add_note", CLT_STORE_ERROR_UNAVAILABLE,
                      "The server did not answer.");
  show_page_on (&shown, store, 1000, fixture.customer_id);
  page = GTK_WIDGET (shown.page);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_type (page, GTK_TYPE_TEXT_VIEW)));

  gtk_text_buffer_set_text (buffer, "Wants a catalogue", -1);
  gtk_widget_activate_action (page, "customer.add-note", NULL);
  {
    LabelWait wait = { page, "The server did not answer." };

    wait_until (label_shown, &wait, "the failure toast");
  }
  first_id = g_strdup (ui_test_store_get_last_request_id (UI_TEST_STORE (store)));
  g_assert_nonnull (first_id);

  ui_test_store_fail (UI_TEST_STORE (store), "add_note", 0, NULL);
  gtk_widget_activate_action (page, "customer.add-note", NULL);
  wait_until (buffer_empty, buffer, "the note to be added");
  g_assert_cmpstr (ui_test_store_get_last_request_id (UI_TEST_STORE (store)), ==, first_id);

  gtk_text_buffer_set_text (buffer, "Sent the catalogue", -1);
  gtk_widget_activate_action (page, "customer.add-note", NULL);
  wait_until (buffer_empty, buffer, "the second note to be added");
  g_assert_cmpstr (ui_test_store_get_last_request_id (UI_TEST_STORE (store)), !=, first_id);

  run_for (600);
  hide_page (&shown);
  wait_until (only_one_ref, store, "the test store's last reference");
  g_clear_object (&store);
  fixture_clear (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  ui_test_init (&argc, &argv);

  /* What AdwApplication does for the app. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/clientele/Clientele/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add_func ("/clt/customer-page/shows-customer", test_shows_customer);
  g_test_add_func ("/clt/customer-page/marketing", test_marketing);
  g_test_add_func ("/clt/customer-page/add-note", test_add_note);
  g_test_add_func ("/clt/customer-page/toggle-active", test_toggle_active);
  g_test_add_func ("/clt/customer-page/actions", test_actions_emit_signals);
  g_test_add_func ("/clt/customer-page/reloads-on-changed", test_reloads_on_changed);
  g_test_add_func ("/clt/customer-page/delete-address", test_delete_address);
  g_test_add_func ("/clt/customer-page/address-editor", test_add_address_opens_editor);
  g_test_add_func ("/clt/customer-page/mark-verified", test_mark_verified);
  g_test_add_func ("/clt/customer-page/one-store-call", test_one_store_call);
  g_test_add_func ("/clt/customer-page/permission-denied", test_permission_denied);
  g_test_add_func ("/clt/customer-page/stale-write", test_stale_write);
  g_test_add_func ("/clt/customer-page/note-request-id", test_note_request_id);

  return g_test_run ();
}
