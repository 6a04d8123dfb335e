/* test-membership.c — customer groups and companies in the real window:
 * the customer page's groups (add, remove, links), "Add to Group…" on
 * several selected rows, the group and company filter, and Attach to
 * Company, on a real SQLite store under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "clt-company.h"
#include "clt-company-assign-dialog.h"
#include "clt-customer.h"
#include "clt-customer-filter.h"
#include "clt-customer-list.h"
#include "clt-customer-page-private.h"
#include "clt-group.h"
#include "clt-group-chooser.h"
#include "clt-query.h"
#include "clt-store.h"
#include "clt-toast.h"
#include "clt-window-private.h"

#include "ui-test-store.h"
#include "ui-test-util.h"

#define N_SAMPLE 40
#define TEMP_DIR_TEMPLATE "clt-test-membership-XXXXXX"

static CltApplication *app;
/* What the application's show-group action was last asked to open. */
static char *shown_group;

/* The store {{{ */

static CltGroup *
add_group (CltStore   *store,
           const char *code,
           const char *name,
           const char *description)
{
  g_autoptr(CltGroup) group = clt_group_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CltGroup *stored;

  clt_group_set_code (group, code);
  clt_group_set_name (group, name);
  clt_group_set_description (group, description);
  clt_store_save_group_async (store, group, NULL, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the group saved");
  stored = clt_store_save_group_finish (store, result, &error);
  g_assert_no_error (error);
  return stored;
}

static CltCompany *
save_company (CltStore           *store,
              CltCompany         *company)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CltCompany *stored;

  clt_store_save_company_async (store, company, NULL, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the company saved");
  stored = clt_store_save_company_finish (store, result, &error);
  g_assert_no_error (error);
  return stored;
}

static CltCompany *
add_company (CltStore           *store,
             const char         *id,
             const char         *name,
             const char * const *units,
             const char * const *roles)
{
  g_autoptr(CltCompany) company = clt_company_new ();

  clt_company_set_id (company, id);
  clt_company_set_name (company, name);
  clt_company_set_business_units (company, units);
  clt_company_set_roles (company, roles);
  return save_company (store, company);
}

static guint
count_query (CltStore *store,
             CltQuery *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  clt_store_count_customers_async (store, query, NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the store's count");
  clt_store_count_customers_finish (store, result, &n, &error);
  g_assert_no_error (error);
  return n;
}

typedef struct
{
  CltStore   *store;
  const char *customer_id;
  const char *group;
  gboolean    member;
} MemberWait;

static gboolean
membership_is (gpointer data)
{
  MemberWait *wait = data;
  g_autoptr(CltCustomer) customer = sync_get_customer (wait->store, wait->customer_id);

  return g_strv_contains (clt_customer_get_groups (customer), wait->group) == wait->member;
}

/* }}} */

/* Widgets {{{ */

static gboolean
button_labelled (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

typedef struct
{
  GtkWidget  *root;
  const char *label;
} ButtonWait;

static gboolean
button_shown (gpointer data)
{
  ButtonWait *wait = data;

  return find_widget (wait->root, button_labelled, wait->label) != NULL;
}

static gboolean
mapped_label (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
no_groups_said (gpointer data)
{
  return find_widget (data, mapped_label, "Not a member of any customer group") != NULL;
}

static gboolean
button_gone (gpointer data)
{
  return !button_shown (data);
}

static gboolean
chooser_ready (gpointer data)
{
  CltGroupChooser **chooser = data;

  *chooser = CLT_GROUP_CHOOSER (find_toplevel (CLT_TYPE_GROUP_CHOOSER));
  return *chooser != NULL && !clt_group_chooser_get_loading (*chooser);
}

static gboolean
assign_dialog_ready (gpointer data)
{
  CltCompanyAssignDialog **dialog = data;

  *dialog = CLT_COMPANY_ASSIGN_DIALOG (find_toplevel (CLT_TYPE_COMPANY_ASSIGN_DIALOG));
  return *dialog != NULL && !clt_company_assign_dialog_get_loading (*dialog);
}

static gboolean
assign_dialog_stale_shown (gpointer data)
{
  CltCompanyAssignDialog *dialog = data;

  return clt_company_assign_dialog_get_error (dialog, NULL) != NULL &&
         !clt_company_assign_dialog_get_busy (dialog);
}

static gboolean
assign_dialog_error_shown (gpointer data)
{
  CltCompanyAssignDialog *dialog = data;

  return clt_company_assign_dialog_get_error (dialog, "roles") != NULL &&
         !clt_company_assign_dialog_get_busy (dialog);
}

static gboolean
filter_ready (gpointer data)
{
  return !clt_customer_filter_get_loading (data);
}

/* Chooses the group @code in the chooser that is open, as the user does. */
static void
choose_in_chooser (const char *code)
{
  CltGroupChooser *chooser = NULL;

  wait_until (chooser_ready, &chooser, "the group chooser");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chooser)));
  g_assert_false (gtk_widget_is_sensitive (find_widget (GTK_WIDGET (chooser), widget_has_action,
                                                        "chooser.choose")));
  g_assert_true (clt_group_chooser_select (chooser, code));
  wait_for_paint (GTK_WIDGET (chooser));
  save_screenshot (GTK_WIDGET (chooser), "group-chooser.png");
  g_object_ref (chooser);
  gtk_widget_activate (find_widget (GTK_WIDGET (chooser), widget_has_action, "chooser.choose"));
  wait_until (window_hidden, chooser, "the chooser to close");
  g_object_unref (chooser);
}

/* The position of @text in the string list behind @choice. */
static guint
find_choice (GtkDropDown *choice,
             const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (choice);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      return i;

  g_assert_not_reached ();
}

static gboolean
list_has (gpointer data)
{
  gpointer *args = data;
  CltWindow *window = args[0];
  CltCustomerList *list = clt_window_get_customer_list (window);

  return !clt_customer_list_get_loading (list) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) == GPOINTER_TO_UINT (args[1]);
}

static void
wait_for_n_rows (CltWindow *window,
                 guint      n)
{
  gpointer args[] = { window, GUINT_TO_POINTER (n) };

  wait_until (list_has, args, "the filtered rows");
}

static CltCustomer *
row_at (CltWindow *window,
        guint      position)
{
  g_autoptr(CltCustomer) row = g_list_model_get_item (G_LIST_MODEL (clt_window_get_customer_list (window)),
                                                      position);

  g_assert_true (clt_customer_get_loaded (row));
  return clt_customer_copy (row);
}

static void
open_page (CltWindow  *window,
           const char *customer_id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-customer", "s",
                                             customer_id));
  wait_until (page_loaded, clt_window_get_customer_page (window), "the customer page");
}

static void
on_show_group_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  g_free (shown_group);
  shown_group = g_variant_dup_string (parameter, NULL);
}

/* Scrolls the page's overview so that @widget shows near the top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_point_t point;

  g_assert_nonnull (scrolled);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &point));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, point.y - 60);
  run_for (300);
}

static gboolean
group_was_shown (gpointer data)
{
  return shown_group != NULL;
}

/* }}} */

static CltCustomer *
first_customer_without_groups (CltStore *store)
{
  g_autoptr(GPtrArray) customers = sync_list_customers (store, N_SAMPLE);

  for (guint i = 0; i < customers->len; i++)
    {
      CltCustomer *customer = g_ptr_array_index (customers, i);
      const char * const *groups = clt_customer_get_groups (customer);

      if (groups == NULL || groups[0] == NULL)
        return g_object_ref (customer);
    }

  g_assert_not_reached ();
}

/* The customer page's groups: Add to Group…, the name as a link, Remove;
 * "Not a member of any customer group" before and after. */
static void
test_page_groups (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  CltCustomerPage *page;
  g_autoptr(CltGroup) gold = NULL;
  g_autoptr(CltGroup) silver = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  GtkWidget *link;
  ButtonWait gold_link;
  MemberWait member;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  gold = add_group (ts.store, "gold", "Gold Members", "Free shipping on every order");
  silver = add_group (ts.store, "silver", "Silver Members", "");
  /* One the sample put in no group: the page says so. */
  customer = first_customer_without_groups (ts.store);

  window = create_window (app, ts.store);
  gtk_window_set_default_size (GTK_WINDOW (window), screenshot_width (1000), 1100);
  wait_for_n_rows (window, N_SAMPLE);
  open_page (window, clt_customer_get_id (customer));
  page = clt_window_get_customer_page (window);
  wait_until (no_groups_said, page, "“Not a member of any customer group”");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.add-to-group", NULL));
  choose_in_chooser ("gold");

  member = (MemberWait) { ts.store, clt_customer_get_id (customer), "gold", TRUE };
  wait_until (membership_is, &member, "the customer in the group");
  gold_link = (ButtonWait) { GTK_WIDGET (page), "Gold Members" };
  wait_until (button_shown, &gold_link, "the group's link on the page");

  /* The name opens the group (the application's show-group when it has
   * one, else Preferences). */
  link = find_widget (GTK_WIDGET (page), button_labelled, "Gold Members");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (link)), ==, "win.show-group");
  g_clear_pointer (&shown_group, g_free);
  g_signal_emit_by_name (link, "clicked");
  wait_until (group_was_shown, NULL, "the group opened");
  g_assert_cmpstr (shown_group, ==, "gold");

  scroll_to (GTK_WIDGET (page->group_list));
  save_screenshot (GTK_WIDGET (window), "customer-page-groups.png");

  /* A group the customer is in is not offered again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.add-to-group", NULL));
  {
    CltGroupChooser *chooser = NULL;

    wait_until (chooser_ready, &chooser, "the group chooser");
    g_assert_false (clt_group_chooser_select (chooser, "gold"));
    g_assert_cmpuint (clt_group_chooser_get_n_groups (chooser), >=, 1);
    g_object_ref (chooser);
    gtk_window_close (GTK_WINDOW (chooser));
    wait_until (window_hidden, chooser, "the chooser to close");
    g_object_unref (chooser);
  }

  /* Remove, from the row's button. */
  gtk_widget_activate (find_widget (GTK_WIDGET (page), widget_has_action,
                                    "customer.remove-from-group"));
  member.member = FALSE;
  wait_until (membership_is, &member, "the customer out of the group");
  wait_until (button_gone, &gold_link, "the group's row gone");
  wait_until (no_groups_said, page, "“Not a member of any customer group” again");

  destroy_window (window);
  temp_store_clear (&ts);
}

/* Three rows selected: Add to Group… adds all three, the filter finds them. */
static void
test_table_add_selected (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  GtkSelectionModel *selection;
  g_autoptr(CltGroup) gold = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(CltCustomer) first = NULL;
  g_auto(GStrv) ids = NULL;
  AdwToast *toast;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  gold = add_group (ts.store, "gold", "Gold Members", "Free shipping on every order");

  window = create_window (app, ts.store);
  gtk_window_set_default_size (GTK_WINDOW (window), screenshot_width (1000), 700);
  wait_for_n_rows (window, N_SAMPLE);
  first = row_at (window, 0);

  /* One click selects one row: Enter still opens it, no selection bar. */
  selection = gtk_column_view_get_model (clt_window_get_column_view (window));
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_false (gtk_revealer_get_reveal_child (window->selection_revealer));
  g_assert_nonnull (_clt_window_get_selected_customer (window));

  gtk_selection_model_select_item (selection, 2, FALSE);
  gtk_selection_model_select_item (selection, 4, FALSE);
  g_assert_true (gtk_revealer_get_reveal_child (window->selection_revealer));
  g_assert_cmpstr (gtk_label_get_label (window->selection_label), ==, "3 selected");
  /* Edit and Delete act on one customer. */
  g_assert_null (_clt_window_get_selected_customer (window));
  ids = _clt_window_dup_selected_ids (window);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_cmpstr (ids[0], ==, clt_customer_get_id (first));
  run_for (400);
  save_screenshot (GTK_WIDGET (window), "window-selection.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-to-group", NULL));
  choose_in_chooser ("gold");

  clt_query_set_group (query, "gold");
  while (count_query (ts.store, query) < 3)
    run_for (50);
  g_assert_cmpuint (count_query (ts.store, query), ==, 3);
  toast = clt_window_get_last_toast (window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (clt_toast_get_message (toast), ==, "Added 3 customers to “Gold Members”");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      MemberWait member = { ts.store, ids[i], "gold", TRUE };

      g_assert_true (membership_is (&member));
    }

  /* The filter: only the group's customers, the title says so. */
  gtk_search_bar_set_search_mode (window->search_bar, TRUE);
  wait_until (filter_ready, window->filter, "the filter's groups");
  gtk_drop_down_set_selected (clt_customer_filter_get_group_choice (window->filter),
                              find_choice (clt_customer_filter_get_group_choice (window->filter),
                                           "Gold Members"));
  g_assert_cmpstr (clt_customer_filter_get_group (window->filter), ==, "gold");
  wait_for_n_rows (window, 3);
  g_assert_cmpstr (gtk_menu_button_get_label (clt_customer_filter_get_button (window->filter)), ==,
                   "Gold Members");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CltCustomer) row = row_at (window, i);

      g_assert_true (g_strv_contains ((const char * const *) ids, clt_customer_get_id (row)));
    }
  run_for (400);
  save_screenshot (GTK_WIDGET (window), "window-filter-group.png");

  /* Closing the search ends the filter too. */
  gtk_search_bar_set_search_mode (window->search_bar, FALSE);
  g_assert_cmpstr (clt_customer_filter_get_group (window->filter), ==, "");
  wait_for_n_rows (window, N_SAMPLE);

  destroy_window (window);
  temp_store_clear (&ts);
}

/* Attach to Company: the units are the chosen company's; the page shows
 * the company, unit and roles; the table filters by company; a role the
 * company no longer has is refused under the roles. */
static void
test_attach_company (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  CltCustomerPage *page;
  CltCompanyAssignDialog *dialog = NULL;
  const char * const acme_units[] = { "Sales", "Purchasing", NULL };
  const char * const acme_roles[] = { "buyer", "approver", NULL };
  const char * const globex_units[] = { "Logistics", NULL };
  const char * const globex_roles[] = { "dispatcher", NULL };
  const char * const fewer_roles[] = { "approver", NULL };
  const char * const no_roles[] = { NULL };
  g_autoptr(CltCompany) acme = NULL;
  g_autoptr(CltCompany) globex = NULL;
  g_autoptr(CltCompany) initech = NULL;
  g_autoptr(CltCompany) changed = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  GListModel *units;
  ButtonWait company_link;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  acme = add_company (ts.store, "acme", "ACME Corp", acme_units, acme_roles);
  globex = add_company (ts.store, "globex", "Globex", globex_units, globex_roles);
  initech = add_company (ts.store, "initech", "Initech", globex_units, no_roles);
  customer = sync_first_customer (ts.store);

  window = create_window (app, ts.store);
  gtk_window_set_default_size (GTK_WINDOW (window), screenshot_width (1000), 1100);
  wait_for_n_rows (window, N_SAMPLE);
  open_page (window, clt_customer_get_id (customer));
  page = clt_window_get_customer_page (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.attach-company", NULL));
  wait_until (assign_dialog_ready, &dialog, "the Attach to Company dialog");

  /* No unit before a company is chosen. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (clt_company_assign_dialog_get_unit_row (dialog))));
  g_assert_false (gtk_widget_is_sensitive (find_widget (GTK_WIDGET (dialog), widget_has_action,
                                                        "assign.save")));

  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), mapped_label,
                                 "The chosen company’s roles show here"));

  /* A company without roles says so, and keeps saying it after another
   * company's roles came and went. */
  g_assert_true (clt_company_assign_dialog_select_company (dialog, "initech"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), mapped_label, "The company has no roles"));

  /* Each company lists only its own units and roles. */
  g_assert_true (clt_company_assign_dialog_select_company (dialog, "globex"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (clt_company_assign_dialog_get_unit_row (dialog))));
  units = adw_combo_row_get_model (clt_company_assign_dialog_get_unit_row (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (units), 0), ==, "Logistics");
  g_assert_nonnull (clt_company_assign_dialog_get_role_check (dialog, "dispatcher"));
  g_assert_null (clt_company_assign_dialog_get_role_check (dialog, "buyer"));
  g_assert_true (clt_company_assign_dialog_select_company (dialog, "initech"));
  g_assert_null (clt_company_assign_dialog_get_role_check (dialog, "dispatcher"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), mapped_label, "The company has no roles"));

  g_assert_true (clt_company_assign_dialog_select_company (dialog, "acme"));
  units = adw_combo_row_get_model (clt_company_assign_dialog_get_unit_row (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (units), 0), ==, "Sales");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (units), 1), ==, "Purchasing");
  g_assert_null (clt_company_assign_dialog_get_role_check (dialog, "dispatcher"));
  adw_combo_row_set_selected (clt_company_assign_dialog_get_unit_row (dialog), 1);
  gtk_widget_activate (GTK_WIDGET (clt_company_assign_dialog_get_role_check (dialog, "buyer")));
  g_assert_true (gtk_check_button_get_active (clt_company_assign_dialog_get_role_check (dialog, "buyer")));
  wait_for_paint (GTK_WIDGET (dialog));
  run_for (300);
  save_screenshot (GTK_WIDGET (dialog), "attach-company-dialog.png");

  g_object_ref (dialog);
  gtk_widget_activate (find_widget (GTK_WIDGET (dialog), widget_has_action, "assign.save"));
  wait_until (window_hidden, dialog, "the dialog to close after saving");
  g_object_unref (dialog);

  /* The page: the company as a link, the unit and the roles. */
  company_link = (ButtonWait) { GTK_WIDGET (page), "ACME Corp" };
  wait_until (button_shown, &company_link, "the company's link on the page");
  stored = sync_get_customer (ts.store, clt_customer_get_id (customer));
  g_assert_cmpstr (clt_customer_get_company_id (stored), ==, "acme");
  g_assert_cmpstr (clt_customer_get_business_unit (stored), ==, "Purchasing");
  g_assert_cmpstrv (clt_customer_get_roles (stored), ((const char * const []) { "buyer", NULL }));
  g_assert_cmpstr (gtk_label_get_label (page->field_values[FIELD_BUSINESS_UNIT]), ==,
                   "Purchasing");
  g_assert_cmpstr (gtk_label_get_label (page->field_values[FIELD_ROLES]), ==, "buyer");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (page->company_link)), ==,
                   "win.show-company");
  scroll_to (GTK_WIDGET (page->group_list));
  save_screenshot (GTK_WIDGET (window), "customer-page-company.png");

  /* A role the company dropped meanwhile (which changes the customer
   * too): the dialog reads the customer again and keeps the choice; the
   * store refuses the role, said under the roles; the dialog stays open. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.attach-company", NULL));
  dialog = NULL;
  wait_until (assign_dialog_ready, &dialog, "the Attach to Company dialog again");
  g_assert_true (gtk_check_button_get_active (clt_company_assign_dialog_get_role_check (dialog, "buyer")));
  changed = clt_company_copy (acme);
  g_clear_object (&acme);
  clt_company_set_version (changed, clt_company_get_version (changed));
  clt_company_set_roles (changed, fewer_roles);
  acme = save_company (ts.store, changed);
  gtk_widget_activate (find_widget (GTK_WIDGET (dialog), widget_has_action, "assign.save"));
  wait_until (assign_dialog_stale_shown, dialog, "the dialog to say the customer changed");
  g_assert_true (g_str_has_prefix (clt_company_assign_dialog_get_error (dialog, NULL),
                                   "Someone else changed this customer"));
  g_assert_true (gtk_check_button_get_active (clt_company_assign_dialog_get_role_check (dialog, "buyer")));
  gtk_widget_activate (find_widget (GTK_WIDGET (dialog), widget_has_action, "assign.save"));
  wait_until (assign_dialog_error_shown, dialog, "the roles' error");
  g_assert_true (g_str_has_prefix (clt_company_assign_dialog_get_error (dialog, "roles"),
                                   "The company has no role"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gtk_window_close (GTK_WINDOW (dialog));

  /* The table by company. */
  clt_window_show_table (window);
  gtk_search_bar_set_search_mode (window->search_bar, TRUE);
  wait_until (filter_ready, window->filter, "the filter's companies");
  gtk_drop_down_set_selected (clt_customer_filter_get_company_choice (window->filter),
                              find_choice (clt_customer_filter_get_company_choice (window->filter),
                                           "ACME Corp"));
  g_assert_cmpstr (clt_customer_filter_get_company (window->filter), ==, "acme");
  wait_for_n_rows (window, 1);
  {
    g_autoptr(CltCustomer) row = row_at (window, 0);

    g_assert_cmpstr (clt_customer_get_id (row), ==, clt_customer_get_id (customer));
  }

  destroy_window (window);
  temp_store_clear (&ts);
}

/* Every write refused as stale (someone keeps changing the customers):
 * tried twice each, then a dialog names each customer and why. */
static void
test_table_partial_failure (void)
{
  TempStore ts = { 0 };
  g_autoptr(CltStore) store = NULL;
  g_autoptr(CltGroup) gold = NULL;
  g_autoptr(CltCustomer) first = NULL;
  AdwMessageDialog *dialog = NULL;
  GtkSelectionModel *selection;
  CltWindow *window;
  g_autofree char *name = NULL;
  const char *body;

  temp_store_init (&ts, TEMP_DIR_TEMPLATE, N_SAMPLE);
  gold = add_group (ts.store, "gold", "Gold Members", "");
  store = ui_test_store_new (ts.store, FALSE, TRUE);
  ui_test_store_fail (UI_TEST_STORE (store), "set_customer_groups", CLT_STORE_ERROR_STALE,
                      "Someone else changed this customer in the meantime.");

  window = create_window (app, store);
  gtk_window_set_default_size (GTK_WINDOW (window), screenshot_width (1000), 700);
  wait_for_n_rows (window, N_SAMPLE);
  first = row_at (window, 0);
  selection = gtk_column_view_get_model (clt_window_get_column_view (window));
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_selection_model_select_item (selection, 1, FALSE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-to-group", NULL));
  choose_in_chooser ("gold");
  wait_until (find_message_dialog, &dialog, "the dialog naming who was not added");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Not All Customers Were Added");
  body = adw_message_dialog_get_body (dialog);
  g_assert_true (g_str_has_prefix (body, "Added 0 of 2 customers to “Gold Members”."));
  name = g_strdup_printf ("%s %s: Someone else changed", clt_customer_get_first_name (first),
                          clt_customer_get_last_name (first));
  g_assert_nonnull (strstr (body, name));
  /* A stale write is read again and tried once more. */
  g_assert_cmpuint (ui_test_store_get_n_calls (UI_TEST_STORE (store), "set_customer_groups"), ==, 4);
  wait_for_paint (GTK_WIDGET (dialog));
  save_screenshot (GTK_WIDGET (dialog), "window-group-partial-failure.png");
  gtk_window_destroy (GTK_WINDOW (dialog));

  destroy_window_and_store (window, &store, &ts);
}

int
main (int   argc,
      char *argv[])
{
  static const GActionEntry entries[] = {
    { .name = "show-group", .activate = on_show_group_cb, .parameter_type = "s" },
  };
  int ret;

  ui_test_init (&argc, &argv);

  app = ui_test_app_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), NULL);

  g_test_add_func ("/clt/membership/page-groups", test_page_groups);
  g_test_add_func ("/clt/membership/table-add-selected", test_table_add_selected);
  g_test_add_func ("/clt/membership/table-partial-failure", test_table_partial_failure);
  g_test_add_func ("/clt/membership/attach-company", test_attach_company);

  ret = g_test_run ();

  g_clear_object (&app);
  g_clear_pointer (&shown_group, g_free);

  return ret;
}
