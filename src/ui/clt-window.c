/* clt-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clt-accessible.h"
#include "clt-customer.h"
#include "clt-customer-editor.h"
#include "clt-customer-list.h"
#include "clt-customer-page.h"
#include "clt-customer-table.h"
#include "clt-error-message.h"
#include "clt-format.h"
#include "clt-import-report.h"
#include "clt-query.h"
#include "clt-sample-loader.h"
#include "clt-store.h"
#include "clt-toast.h"
#include "clt-unsaved.h"
#include "clt-window-private.h"

#define SETTINGS_SCHEMA_ID "io.github.clientele.Clientele"
#define SAMPLE_SIZE 1000
#define SAMPLE_SEED 20260101

G_DEFINE_FINAL_TYPE (CltWindow, clt_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_table (CltWindow *self);

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);

  if (schema == NULL)
    {
      g_warning ("GSettings schema %s is not installed: window size and sort order will not be kept",
                 SETTINGS_SCHEMA_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* Which back end is open, in a word for the subtitle: the database's
 * file name, or the server's host (and port, when not the default). */
static char *
dup_back_end_name (CltWindow *self)
{
  g_autofree char *location = clt_store_dup_location (self->store);
  g_autoptr(GUri) uri = NULL;

  if (location == NULL || location[0] == '\0')
    return NULL;

  if (strstr (location, "://") != NULL)
    uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);

  if (uri != NULL && g_uri_get_host (uri) != NULL)
    {
      if (g_uri_get_port (uri) > 0)
        return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
      return g_strdup (g_uri_get_host (uri));
    }

  return g_path_get_basename (location);
}

/* Whether a search or filter narrows the list. (Customers whose deletion
 * can still be undone are hidden by the store itself: they count nowhere.) */
static gboolean
is_filtered (CltWindow *self)
{
  g_autoptr(CltQuery) query = clt_customer_list_dup_query (self->list);

  return !clt_query_is_unfiltered (query);
}

void
_clt_window_update_title (CltWindow *self)
{
  g_autofree char *count = NULL;
  guint n_items;

  g_autofree char *back_end = NULL;
  g_autofree char *subtitle = NULL;

  back_end = dup_back_end_name (self);

  if (!self->counted)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Customers"));
      adw_window_title_set_subtitle (self->window_title, back_end);
      return;
    }

  /* While a new query is counted, the list still holds the rows of the
   * old one: a count of those under the new query's wording ("8
   * customers" right after the search is cleared) would be wrong. Keep
   * the title until the list has settled. */
  if (clt_customer_list_get_loading (self->list))
    return;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (is_filtered (self) && self->total_known)
    count = clt_format_customer_count (n_items, self->total, TRUE);
  else
    count = clt_format_customer_count (n_items, 0, FALSE);

  /* Translators: the window's subtitle: the customer count, then which
   * back end is open (a file name or a server's host), "12 customers · shop.db" */
  subtitle = back_end != NULL ? g_strdup_printf (_("%s · %s"), count, back_end)
                              : g_strdup (count);

  /* Called on every change of the list's loading state (each page of a
   * scroll jump): set only what changed. GTK 4.8 sets a window title and
   * a tooltip even when they are the same, and a visible widget's new
   * tooltip asks the X server where the pointer is (two round trips). */
  if (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (self)), count) != 0)
    gtk_window_set_title (GTK_WINDOW (self), count);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  /* A narrow window cuts the subtitle short: the whole of it on hover. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->window_title)), subtitle) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), subtitle);
}

static void
update_page (CltWindow *self)
{
  const char *page;
  GtkWidget *old_page;
  GtkWidget *focus;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    page = "table";
  else if (!self->counted || clt_customer_list_get_loading (self->list))
    return;
  else if (!is_filtered (self) || (self->total_known && self->total == 0))
    page = "empty";
  else
    page = "no-results";

  _clt_window_focus_added_customer (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), page) == 0)
    return;

  /* The focus was on the page that goes (the empty page's button, after
   * the first customer was added): into the table, not lost. */
  old_page = gtk_stack_get_visible_child (self->stack);
  focus = gtk_root_get_focus (GTK_ROOT (self));
  gtk_stack_set_visible_child_name (self->stack, page);
  if (g_str_equal (page, "table") && self->editor == NULL && !_clt_window_page_is_visible (self) &&
      (focus == NULL || (old_page != NULL && gtk_widget_is_ancestor (focus, old_page))))
    gtk_widget_grab_focus (GTK_WIDGET (clt_customer_table_get_column_view (self->table)));
}

void
_clt_window_update_load_sample (CltWindow *self)
{
  gboolean read_only = clt_store_get_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-sample",
                                 !read_only && self->edit_denied == NULL &&
                                 !self->loading_sample);
  gtk_widget_set_visible (GTK_WIDGET (self->load_sample_spinner), self->loading_sample);
  gtk_spinner_set_spinning (self->load_sample_spinner, self->loading_sample);

  if (read_only && self->edit_denied == NULL)
    adw_status_page_set_description (self->empty_page,
                                     _("Clientele manages the customers of your online shop: "
                                       "their details, addresses, notes and orders. This database "
                                       "is read-only, so no customers can be added to it."));
}

static void
on_total_counted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CltWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_customers = 0;

  if (!clt_store_count_customers_finish (CLT_STORE (object), result, &n_customers, &error))
    {
      if (!self->disposed)
        _clt_window_show_error (self, _("Couldn't count the customers"), error);
      return;
    }

  self->total = n_customers;
  self->total_known = TRUE;

  _clt_window_update_title (self);
  update_page (self);
}

static void
count_total (CltWindow *self)
{
  g_autoptr(CltQuery) query = clt_query_new ();

  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  self->count_cancellable = g_cancellable_new ();

  clt_store_count_customers_async (self->store,
                                   query,
                                   self->count_cancellable,
                                   on_total_counted_cb,
                                   g_object_ref (self));
}

/* While the list shows every customer its count is the total: no second
 * count at startup, where it would compete with the first page. */
static void
take_total_from_list (CltWindow *self)
{
  if (clt_customer_list_get_loading (self->list) || is_filtered (self))
    return;

  g_cancellable_cancel (self->count_cancellable);
  self->total = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  self->total_known = TRUE;
}

static void
on_store_changed_cb (CltWindow     *self,
                     CltChangeKind  kind,
                     const char    *id,
                     CltStore      *store)
{
  /* A local file's role is a shop preference. */
  if (kind == CLT_CHANGE_PREFERENCES)
    _clt_window_query_user (self);

  /* Only customers coming, going (a deletion recorded, undone or
   * finished) or imported change how many there are. */
  if (kind != CLT_CHANGE_CUSTOMERS && kind != CLT_CHANGE_CUSTOMER)
    return;

  /* Unfiltered, the list's own recount brings the new total. */
  self->total_known = FALSE;
  if (is_filtered (self))
    count_total (self);
}

static void
on_list_items_changed_cb (CltWindow  *self,
                          guint       position,
                          guint       removed,
                          guint       added,
                          GListModel *list)
{
  /* The removal half of a query swap leaves the list empty for a moment:
   * wait for the addition before showing an empty state. */
  if (added > 0 || !clt_customer_list_get_loading (self->list))
    self->counted = TRUE;

  take_total_from_list (self);
  _clt_window_update_title (self);
  update_page (self);
}

static void
on_list_loading_changed_cb (CltWindow       *self,
                            GParamSpec      *pspec,
                            CltCustomerList *list)
{
  if (!clt_customer_list_get_loading (list))
    self->counted = TRUE;

  take_total_from_list (self);
  _clt_window_update_title (self);
  update_page (self);
}

static void
on_list_error_cb (CltWindow       *self,
                  const GError    *error,
                  CltCustomerList *list)
{
  _clt_window_show_error (self, _("Couldn't load the customers"), error);
  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_MANY_REQUESTS))
    _clt_window_reload_later (self, error);
}

static void
on_table_error_cb (CltWindow        *self,
                   const GError     *error,
                   CltCustomerTable *table)
{
  _clt_window_show_error (self, _("Couldn't list the custom fields"), error);
}

/* The customer page shows the custom fields the table has columns for;
 * the filter offers conditions on them. */
static void
on_table_fields_cb (CltWindow        *self,
                    GPtrArray        *fields,
                    CltCustomerTable *table)
{
  g_clear_pointer (&self->custom_fields, g_ptr_array_unref);
  if (fields != NULL)
    self->custom_fields = g_ptr_array_ref (fields);
  clt_customer_filter_set_custom_fields (self->filter, fields);
  if (self->page != NULL)
    clt_customer_page_set_custom_fields (self->page, fields);
}

static void
on_search_entry_changed_cb (CltWindow   *self,
                            GtkEditable *entry)
{
  g_autoptr(CltQuery) query = clt_customer_list_dup_query (self->list);
  const char *text = gtk_editable_get_text (entry);

  /* "changed" and not "search-changed": GtkSearchEntry delays the latter,
   * and the store answers faster than that delay. */
  if (g_strcmp0 (clt_query_get_search_text (query), text) == 0)
    return;

  clt_query_set_search_text (query, text);
  _clt_window_set_query (self, query);

  /* Text set from elsewhere (accessibility, tests) shows the bar too. */
  if (text[0] != '\0' && !gtk_search_bar_get_search_mode (self->search_bar))
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);
}

void
_clt_window_set_query (CltWindow *self,
                       CltQuery  *query)
{
  clt_customer_list_set_query (self->list, query);

  if (!self->total_known && !clt_query_is_unfiltered (query))
    count_total (self);

  _clt_window_update_title (self);
}

static void
on_search_bar_search_mode_cb (CltWindow    *self,
                              GParamSpec   *pspec,
                              GtkSearchBar *search_bar)
{
  gboolean enabled = gtk_search_bar_get_search_mode (search_bar);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-search", enabled);

  if (!enabled)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      if (gtk_widget_get_visible (GTK_WIDGET (self->table)))
        gtk_widget_grab_focus (GTK_WIDGET (clt_customer_table_get_column_view (self->table)));
    }
}

static void
on_load_sample_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CltWindow) self = user_data;
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* Refused rows are sample customers that clash with what the file holds
   * already: others were generated in their place, nothing to tell. */
  report = clt_sample_load_finish (CLT_STORE (object), result, &error);
  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      _clt_window_show_error (self, _("Couldn't load the sample customers"), error);
    }

  self->loading_sample = FALSE;
  _clt_window_update_load_sample (self);
}

static void
load_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CltWindow *self = CLT_WINDOW (widget);

  if (self->loading_sample || clt_store_get_read_only (self->store))
    return;

  self->loading_sample = TRUE;
  _clt_window_update_load_sample (self);

  clt_sample_load_async (self->store,
                         SAMPLE_SIZE,
                         SAMPLE_SEED,
                         self->cancellable,
                         on_load_sample_cb,
                         g_object_ref (self));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  if (!_clt_window_undo_last_deletion (CLT_WINDOW (widget)))
    gtk_widget_error_bell (widget);
}

/* Ctrl+Z while an Undo toast shows undoes the deletion wherever the focus
 * is (after a deletion it may have fallen into the search field, whose
 * own Ctrl+Z would take it first); otherwise the key goes on, to a text
 * field's undo. */
static gboolean
undo_delete_shortcut_cb (GtkWidget *widget,
                         GVariant  *args,
                         gpointer   user_data)
{
  return _clt_window_undo_last_deletion (CLT_WINDOW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CltWindow *self = CLT_WINDOW (widget);

  show_table (self);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
choose_columns_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CltWindow *self = CLT_WINDOW (widget);

  show_table (self);
  clt_customer_table_choose_columns (self->table);
}

static void
close_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CltWindow *self = CLT_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Toasts {{{ */

void
_clt_window_show_toast (CltWindow *self,
                        AdwToast  *toast)
{
  g_set_weak_pointer (&self->last_toast, toast);
  clt_toast_show (toast, GTK_WIDGET (self->toast_overlay));
}

void
_clt_window_show_error (CltWindow    *self,
                        const char   *what,
                        const GError *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE))
    {
      _clt_window_set_offline (self, error);
      return;
    }

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SIGNED_IN))
    {
      _clt_window_set_signed_out (self, error);
      return;
    }

  message = clt_error_dup_message (what, error);
  clt_window_add_toast (self, message);
}

/* }}} */

/* Pages {{{ */

gboolean
_clt_window_page_is_visible (CltWindow *self)
{
  return self->page != NULL &&
         gtk_stack_get_visible_child (self->main_stack) == GTK_WIDGET (self->page);
}

void
_clt_window_update_actions (CltWindow *self)
{
  gboolean read_only = clt_store_get_read_only (self->store);
  gboolean writable = !read_only && self->edit_denied == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-customer", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-customer", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-customer", writable);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_add_button), writable);

  /* The insensitive Add button says why. The role says it best: a server
   * is read-only to a viewer, but its data is not. */
  if (writable)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), _("Add Customer"));
  else if (self->edit_denied != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), self->edit_denied);
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button),
                                 _("This database is read-only: no customers can be added"));

  if (self->edit_denied != NULL)
    gtk_label_set_label (self->read_only_label, self->edit_denied);
  else if (read_only)
    gtk_label_set_label (self->read_only_label,
                         _("This database is read-only: customers can be viewed but not changed."));
  gtk_revealer_set_reveal_child (self->read_only_revealer, !writable);

  if (self->page != NULL)
    {
      clt_customer_page_set_edit_denied (self->page, self->edit_denied);
      clt_customer_page_set_assisted_buying_allowed (self->page, self->may_assist);
    }
  _clt_window_update_selection (self);
}

static void
on_store_read_only_cb (CltWindow  *self,
                       GParamSpec *pspec,
                       CltStore   *store)
{
  _clt_window_update_actions (self);
  _clt_window_update_load_sample (self);
}


static void
on_main_stack_visible_child_cb (CltWindow  *self,
                                GParamSpec *pspec,
                                GtkStack   *stack)
{
  if (self->page == NULL)
    return;

  _clt_window_place_banners (self);

  /* Typing on the customer page goes to its note box, not the search. */
  if (_clt_window_page_is_visible (self))
    {
      gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
      gtk_widget_child_focus (GTK_WIDGET (self->page), GTK_DIR_TAB_FORWARD);
    }
  else
    {
      gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
      /* Back where it was: the focused row is the one that was opened. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self->table)))
        gtk_widget_grab_focus (GTK_WIDGET (clt_customer_table_get_column_view (self->table)));
    }
}

static void
show_table (CltWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "customers");
}

static void
show_customer (CltWindow  *self,
               const char *customer_id)
{
  clt_customer_page_set_customer_id (_clt_window_ensure_page (self), customer_id);
  gtk_stack_set_visible_child (self->main_stack, GTK_WIDGET (self->page));
}

/* The loaded customer of the selected row, or NULL. */
CltCustomer *
_clt_window_get_selected_customer (CltWindow *self)
{
  GtkColumnView *view = clt_customer_table_get_column_view (self->table);
  GtkSelectionModel *model = gtk_column_view_get_model (view);
  g_autoptr(GtkBitset) selected = NULL;
  CltCustomer *customer;

  if (model == NULL)
    return NULL;

  /* Edit and Delete act on one customer: none when several are selected. */
  selected = gtk_selection_model_get_selection (model);
  if (gtk_bitset_get_size (selected) != 1)
    return NULL;

  /* The list's page holds the row (transfer none); callers use it at once. */
  customer = g_list_model_get_item (G_LIST_MODEL (model), gtk_bitset_get_nth (selected, 0));
  if (customer == NULL)
    return NULL;
  g_object_unref (customer);

  return clt_customer_get_loaded (customer) ? customer : NULL;
}

CltCustomer *
_clt_window_get_current_customer (CltWindow *self)
{
  if (_clt_window_page_is_visible (self))
    return clt_customer_page_get_customer (self->page);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "table") == 0)
    return _clt_window_get_selected_customer (self);

  return NULL;
}

static void
on_column_view_activate_cb (CltWindow     *self,
                            guint          position,
                            GtkColumnView *view)
{
  GtkSelectionModel *model = gtk_column_view_get_model (view);
  g_autoptr(CltCustomer) customer = NULL;

  if (model == NULL)
    return;

  customer = g_list_model_get_item (G_LIST_MODEL (model), position);
  if (customer == NULL || !clt_customer_get_loaded (customer))
    return;

  /* Coming back, the opened row is the selected one. */
  gtk_selection_model_select_item (model, position, TRUE);
  show_customer (self, clt_customer_get_id (customer));
}

/* }}} */

/* Adding and editing {{{ */

static void
delete_customer_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CltWindow *self = CLT_WINDOW (widget);

  _clt_window_confirm_delete (self, _clt_window_get_current_customer (self));
}

static void
show_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CltWindow *self = CLT_WINDOW (widget);
  const char *customer_id = g_variant_get_string (parameter, NULL);

  if (customer_id[0] != '\0')
    show_customer (self, customer_id);
}

/* The row's Assisted Buying sites, once known: a submenu of the menu
 * still open (or of one already closed, where it does no harm). */
static void
on_row_assisted_menu_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GMenu) menu = user_data;
  g_autoptr(GMenuModel) sites = NULL;
  g_autoptr(GMenu) section = NULL;

  /* Nothing to offer, or no answer (the page says why, when opened). */
  sites = clt_assisted_buying_load_menu_finish (CLT_ASSISTED_BUYING (object), result, NULL);
  if (sites == NULL || g_menu_model_get_n_items (sites) == 0)
    return;

  section = g_menu_new ();
  g_menu_append_submenu (section, _("_Assisted Buying"), sites);
  g_menu_insert_section (menu, 1, NULL, G_MENU_MODEL (section));
}

static void
show_row_menu (CltWindow *self,
               double     x,
               double     y)
{
  GtkColumnView *view = clt_customer_table_get_column_view (self->table);
  GtkSelectionModel *model = gtk_column_view_get_model (view);
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) view_section = g_menu_new ();
  g_autoptr(GMenu) delete_section = g_menu_new ();
  g_autoptr(GMenuItem) view_item = NULL;
  graphene_point_t point;
  guint position;

  position = clt_customer_table_get_position_at (self->table, x, y);
  if (model == NULL || position == G_MAXUINT)
    return;

  customer = g_list_model_get_item (G_LIST_MODEL (model), position);
  if (customer == NULL || !clt_customer_get_loaded (customer))
    return;

  /* The menu acts on the row it was opened on: select it, unless it is
   * one of several selected rows (then Add to Group… acts on them all). */
  if (!gtk_selection_model_is_selected (model, position))
    gtk_selection_model_select_item (model, position, TRUE);

  view_item = g_menu_item_new (_("_View"), NULL);
  g_menu_item_set_action_and_target_value (view_item, "win.show-customer",
                                           g_variant_new_string (clt_customer_get_id (customer)));
  g_menu_append_item (view_section, view_item);
  g_menu_append (view_section, _("_Edit…"), "win.edit-customer");
  g_menu_append (delete_section, _("_Delete…"), "win.delete-customer");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (view_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (delete_section));
  _clt_window_append_group_section (self, menu);

  if (!gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (self->table),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    point = GRAPHENE_POINT_INIT (x, y);

  gtk_popover_menu_set_menu_model (self->row_menu, G_MENU_MODEL (menu));
  if (self->may_assist)
    clt_assisted_buying_load_menu_async (self->assisted, clt_customer_get_id (customer),
                                         self->cancellable, on_row_assisted_menu_cb,
                                         g_object_ref (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
}

static void
on_row_secondary_click_cb (CltWindow       *self,
                           int              n_press,
                           double           x,
                           double           y,
                           GtkGestureClick *gesture)
{
  show_row_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_row_long_press_cb (CltWindow           *self,
                      double               x,
                      double               y,
                      GtkGestureLongPress *gesture)
{
  show_row_menu (self, x, y);
}

static void
on_page_back_requested_cb (CltWindow       *self,
                           CltCustomerPage *page)
{
  show_table (self);
}

static void
on_page_edit_requested_cb (CltWindow       *self,
                           CltCustomerPage *page)
{
  _clt_window_edit_customer (self);
}

static void
on_page_delete_requested_cb (CltWindow       *self,
                             CltCustomerPage *page)
{
  _clt_window_confirm_delete (self, clt_customer_page_get_customer (page));
}

static void
on_page_n_drafts_cb (CltWindow *self)
{
  g_signal_emit_by_name (self, "modified-changed");
}

/* The customer page sits next to the table in the window's stack, so the
 * table keeps its selection and scroll position while it shows. It is
 * built when first opened: start-up builds only the table. */
CltCustomerPage *
_clt_window_ensure_page (CltWindow *self)
{
  if (self->page != NULL)
    return self->page;

  self->page = clt_customer_page_new (self->store);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->page), "customer");
  /* Built after the window was realized: its hidden pages' buttons too. */
  clt_accessible_follow_buttons_in (GTK_WIDGET (self->page));
  g_signal_connect_object (self->page, "back-requested",
                           G_CALLBACK (on_page_back_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page, "edit-requested",
                           G_CALLBACK (on_page_edit_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page, "delete-requested",
                           G_CALLBACK (on_page_delete_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page, "notify::n-drafts",
                           G_CALLBACK (on_page_n_drafts_cb), self, G_CONNECT_SWAPPED);
  if (self->custom_fields != NULL)
    clt_customer_page_set_custom_fields (self->page, self->custom_fields);
  clt_customer_page_set_edit_denied (self->page, self->edit_denied);
  clt_customer_page_set_assisted_buying_allowed (self->page, self->may_assist);

  return self->page;
}

/* }}} */

/* Unsaved note drafts {{{ */

/* The customer page's note drafts are the window's unsaved changes: the
 * Save Changes? question of quitting and closing asks about them as it
 * does about editors (see clt-unsaved.h). */

static guint
count_drafts (GtkWindow *window)
{
  CltWindow *self = CLT_WINDOW (window);

  return self->page != NULL ? clt_customer_page_get_n_drafts (self->page) : 0;
}

static char *
dup_drafts_subject (GtkWindow *window)
{
  CltWindow *self = CLT_WINDOW (window);

  return self->page != NULL ? clt_customer_page_dup_draft_subject (self->page) : NULL;
}

static void
on_drafts_added_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CltWindow) self = user_data;
  g_autofree char *failed_id = NULL;
  gboolean saved;

  saved = clt_customer_page_add_drafts_finish (CLT_CUSTOMER_PAGE (object), result, &failed_id);

  /* The draft that stays, and why (the page's toast or the box's error). */
  if (failed_id != NULL && !self->disposed)
    {
      show_customer (self, failed_id);
      gtk_widget_activate_action (GTK_WIDGET (self->page), "customer.show-tab", "s", "notes");
    }

  g_signal_emit_by_name (self, "save-finished", saved);
}

static gboolean
save_drafts (GtkWindow *window)
{
  CltWindow *self = CLT_WINDOW (window);

  if (self->page == NULL)
    return FALSE;

  clt_customer_page_add_drafts_async (self->page, on_drafts_added_cb, g_object_ref (self));
  return TRUE;
}

static void
discard_drafts (GtkWindow *window)
{
  CltWindow *self = CLT_WINDOW (window);

  if (self->page != NULL)
    clt_customer_page_discard_drafts (self->page);
}

static const CltUnsavedSource drafts_source = {
  .count = count_drafts,
  .dup_subject = dup_drafts_subject,
  .save = save_drafts,
  .discard = discard_drafts,
};

/* }}} */

static void
on_close_confirmed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CltWindow) self = user_data;

  if (clt_unsaved_confirm_finish (result) && !self->disposed)
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
clt_window_close_request (GtkWindow *window)
{
  CltWindow *self = CLT_WINDOW (window);
  g_autoptr(GPtrArray) unsaved = clt_unsaved_list_windows (window);

  /* Its editors and note drafts go with it: unsaved changes in them are
   * the user's to save or discard first (both leave none, so the close
   * goes on). */
  if (unsaved->len > 0)
    {
      clt_unsaved_confirm_async (unsaved, on_close_confirmed_cb, g_object_ref (self));
      return TRUE;
    }

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->count_cancellable);
  g_cancellable_cancel (self->fetch_cancellable);
  g_clear_handle_id (&self->probe_id, g_source_remove);

  /* Deletions waiting out their undo time are finished now, as the user
   * expects of a closed window; the application is held until the store
   * is done with them. */
  _clt_window_finish_all_deletions (self);

  return GTK_WINDOW_CLASS (clt_window_parent_class)->close_request (window);
}

static void
clt_window_constructed (GObject *object)
{
  CltWindow *self = (CltWindow *) object;
  g_autoptr(CltQuery) query = clt_query_new ();
  CltSortKey sort_key = CLT_SORT_KEY_NUMBER;
  CltSortDirection sort_direction = CLT_SORT_ASCENDING;

  G_OBJECT_CLASS (clt_window_parent_class)->constructed (object);

  g_assert (CLT_IS_STORE (self->store));

  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

      sort_key = g_settings_get_enum (self->settings, "sort-key");
      sort_direction = g_settings_get_enum (self->settings, "sort-direction");
      if (sort_key >= CLT_N_SORT_KEYS)
        sort_key = CLT_SORT_KEY_NUMBER;
    }
  else
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1200, 760);
    }

  /* Start with the saved sort so that the first count and page are the
   * ones shown. */
  clt_query_set_sort_key (query, sort_key);
  clt_query_set_sort_direction (query, sort_direction);

  self->list = clt_customer_list_new (self->store);
  clt_customer_filter_set_store (self->filter, self->store);
  clt_customer_list_set_query (self->list, query);

  g_signal_connect_object (self->list, "items-changed",
                           G_CALLBACK (on_list_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading",
                           G_CALLBACK (on_list_loading_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "error",
                           G_CALLBACK (on_list_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  clt_customer_table_set_sort (self->table, sort_key, sort_direction);
  clt_customer_table_set_settings (self->table, self->settings);
  g_signal_connect_object (self->table, "error", G_CALLBACK (on_table_error_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table, "custom-fields-changed", G_CALLBACK (on_table_fields_cb),
                           self, G_CONNECT_SWAPPED);
  clt_customer_table_set_list (self->table, self->list);

  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "sort-key", self->table, "sort-key", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "sort-direction", self->table, "sort-direction", G_SETTINGS_BIND_DEFAULT);
    }

  g_signal_connect_object (self->store, "notify::read-only",
                           G_CALLBACK (on_store_read_only_cb), self, G_CONNECT_SWAPPED);

  /* What the row menu's Assisted Buying items do. */
  self->assisted = clt_assisted_buying_new (self->store, GTK_WIDGET (self->table));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "assisted",
                                  clt_assisted_buying_get_actions (self->assisted));

  _clt_window_update_load_sample (self);
  _clt_window_update_actions (self);
  _clt_window_query_user (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0 ||
      !clt_customer_list_get_loading (self->list))
    self->counted = TRUE;

  take_total_from_list (self);
  _clt_window_update_title (self);
  update_page (self);
}

static void
clt_window_dispose (GObject *object)
{
  CltWindow *self = (CltWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->count_cancellable);
  g_cancellable_cancel (self->fetch_cancellable);
  g_clear_handle_id (&self->probe_id, g_source_remove);
  g_clear_handle_id (&self->reload_id, g_source_remove);

  /* Destroyed without a close request: finish what was confirmed (the
   * store would, later). */
  _clt_window_finish_all_deletions (self);
  self->disposed = TRUE;

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  g_clear_weak_pointer (&self->editor);
  g_clear_weak_pointer (&self->editor_opener);
  if (self->added_focus_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->added_focus_tick);
  self->added_focus_tick = 0;
  g_clear_pointer (&self->added_customer_id, g_free);
  g_clear_object (&self->editor_customer);
  g_clear_weak_pointer (&self->last_toast);
  /* The bars go back where the template put them, to go with it. */
  if (self->banner_box != NULL &&
      gtk_widget_get_parent (GTK_WIDGET (self->banner_box)) != GTK_WIDGET (self->banner_slot))
    {
      GtkWidget *banners = g_object_ref (GTK_WIDGET (self->banner_box));

      gtk_box_remove (GTK_BOX (gtk_widget_get_parent (banners)), banners);
      gtk_box_append (self->banner_slot, banners);
      g_object_unref (banners);
    }
  self->page = NULL;

  if (self->row_menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->row_menu));
      self->row_menu = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_WINDOW);

  G_OBJECT_CLASS (clt_window_parent_class)->dispose (object);
}

static void
clt_window_finalize (GObject *object)
{
  CltWindow *self = (CltWindow *) object;

  g_clear_object (&self->list);
  g_clear_object (&self->assisted);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->count_cancellable);
  g_clear_object (&self->fetch_cancellable);
  g_clear_pointer (&self->deletions, g_ptr_array_unref);
  g_clear_pointer (&self->edit_denied, g_free);
  g_clear_pointer (&self->custom_fields, g_ptr_array_unref);

  G_OBJECT_CLASS (clt_window_parent_class)->finalize (object);
}

static void
clt_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CltWindow *self = CLT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CltWindow *self = CLT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_assert (self->store == NULL);
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_window_class_init (CltWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = clt_window_constructed;
  object_class->dispose = clt_window_dispose;
  object_class->finalize = clt_window_finalize;
  object_class->get_property = clt_window_get_property;
  object_class->set_property = clt_window_set_property;

  window_class->close_request = clt_window_close_request;
  clt_unsaved_class_add_signals (widget_class);

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CLT_TYPE_CUSTOMER_TABLE);
  g_type_ensure (CLT_TYPE_CUSTOMER_PAGE);
  g_type_ensure (CLT_TYPE_CUSTOMER_FILTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CltWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, banner_box);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, banner_slot);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, empty_add_button);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, filter);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, load_sample_button);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, load_sample_spinner);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, signed_out_label);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, signed_out_revealer);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, selection_label);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, table);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_main_stack_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_bar_search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.choose-columns", NULL, choose_columns_action);
  gtk_widget_class_install_action (widget_class, "win.close-search", NULL, close_search_action);
  gtk_widget_class_install_action (widget_class, "win.delete-customer", NULL, delete_customer_action);
  gtk_widget_class_install_action (widget_class, "win.show-customer", "s", show_customer_action);
  gtk_widget_class_install_action (widget_class, "win.load-sample", NULL, load_sample_action);
  gtk_widget_class_install_action (widget_class, "win.retry-connection", NULL,
                                   _clt_window_retry_connection_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  _clt_window_class_init_editor (widget_class);
  _clt_window_class_init_membership (widget_class);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.add-customer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.edit-customer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-search", NULL);
}

static void
clt_window_init (CltWindow *self)
{
  GtkColumnView *column_view;
  GtkEventController *shortcuts;
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  _clt_window_init_deletions (self);
  clt_unsaved_set_source (GTK_WINDOW (self), &drafts_source);
  self->settings = create_settings ();

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-search", FALSE);

  /* Enter or a double click opens the row; Delete deletes it (only with
   * the focus in the table, so that Delete in the search entry edits). */
  column_view = clt_customer_table_get_column_view (self->table);
  gtk_column_view_set_single_click_activate (column_view, FALSE);
  g_signal_connect_object (column_view, "activate",
                           G_CALLBACK (on_column_view_activate_cb), self, G_CONNECT_SWAPPED);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (undo_delete_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("win.delete-customer")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0),
                                                          gtk_named_action_new ("win.delete-customer")));
  gtk_widget_add_controller (GTK_WIDGET (column_view), shortcuts);

  /* A row's context menu: right click or long press. */
  self->row_menu = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (NULL));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->row_menu), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->row_menu), GTK_WIDGET (self->table));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_row_secondary_click_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (column_view), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_row_long_press_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (column_view), GTK_EVENT_CONTROLLER (gesture));

  _clt_window_init_membership (self);

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

CltWindow *
clt_window_new (CltApplication *app,
                CltStore       *store)
{
  g_return_val_if_fail (CLT_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (CLT_IS_STORE (store), NULL);

  return g_object_new (CLT_TYPE_WINDOW,
                       "application", app,
                       "store", store,
                       NULL);
}

CltStore *
clt_window_get_store (CltWindow *self)
{
  g_return_val_if_fail (CLT_IS_WINDOW (self), NULL);

  return self->store;
}

CltCustomerList *
clt_window_get_customer_list (CltWindow *self)
{
  g_return_val_if_fail (CLT_IS_WINDOW (self), NULL);

  return self->list;
}

GtkEditable *
clt_window_get_search_entry (CltWindow *self)
{
  g_return_val_if_fail (CLT_IS_WINDOW (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GtkColumnView *
clt_window_get_column_view (CltWindow *self)
{
  g_return_val_if_fail (CLT_IS_WINDOW (self), NULL);

  return clt_customer_table_get_column_view (self->table);
}

const char *
clt_window_get_visible_page (CltWindow *self)
{
  g_return_val_if_fail (CLT_IS_WINDOW (self), NULL);

  if (_clt_window_page_is_visible (self))
    return "customer";

  return gtk_stack_get_visible_child_name (self->stack);
}

CltCustomerPage *
clt_window_get_customer_page (CltWindow *self)
{
  g_return_val_if_fail (CLT_IS_WINDOW (self), NULL);

  return _clt_window_ensure_page (self);
}

CltCustomerEditor *
clt_window_get_editor (CltWindow *self)
{
  g_return_val_if_fail (CLT_IS_WINDOW (self), NULL);

  return self->editor;
}

gboolean
clt_window_get_offline (CltWindow *self)
{
  g_return_val_if_fail (CLT_IS_WINDOW (self), FALSE);

  return self->offline;
}

const char *
clt_window_get_edit_denied (CltWindow *self)
{
  g_return_val_if_fail (CLT_IS_WINDOW (self), NULL);

  return self->edit_denied;
}

AdwToast *
clt_window_get_last_toast (CltWindow *self)
{
  g_return_val_if_fail (CLT_IS_WINDOW (self), NULL);

  return self->last_toast;
}

void
clt_window_show_table (CltWindow *self)
{
  g_return_if_fail (CLT_IS_WINDOW (self));

  show_table (self);
}

void
clt_window_add_toast (CltWindow  *self,
                      const char *message)
{
  AdwToast *toast;

  g_return_if_fail (CLT_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  toast = clt_toast_new (message);
  adw_toast_set_timeout (toast, 10);
  _clt_window_show_toast (self, toast);
}
