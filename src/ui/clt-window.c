/* clt-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-customer-list.h"
#include "clt-customer-table.h"
#include "clt-query.h"
#include "clt-store.h"
#include "clt-window.h"

#define SETTINGS_SCHEMA_ID "io.github.clientele.Clientele"
#define SAMPLE_SIZE 1000
#define SAMPLE_SEED 20260101

struct _CltWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  GtkButton            *load_sample_button;
  GtkSpinner           *load_sample_spinner;
  AdwStatusPage        *empty_page;
  GtkRevealer          *read_only_revealer;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *stack;
  CltCustomerTable     *table;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;

  CltStore             *store;
  CltCustomerList      *list;
  GSettings            *settings;
  GCancellable         *cancellable;
  GCancellable         *count_cancellable;

  /* All customers, counted with an unfiltered query. */
  guint                 total;
  guint                 total_known : 1;
  /* The list has answered its first count. */
  guint                 counted : 1;
  guint                 loading_sample : 1;
};

G_DEFINE_FINAL_TYPE (CltWindow, clt_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static gboolean
is_filtered (CltWindow *self)
{
  g_autoptr(CltQuery) query = clt_customer_list_dup_query (self->list);

  return !clt_query_is_unfiltered (query);
}

static char *
format_count (guint    n_items,
              guint    total,
              gboolean filtered)
{
  if (filtered)
    /* Translators: "12 of 1,000,000 customers" */
    return g_strdup_printf (ngettext ("%'u of %'u customer", "%'u of %'u customers", total),
                            n_items, total);

  /* Translators: "1,000,000 customers" */
  return g_strdup_printf (ngettext ("%'u customer", "%'u customers", n_items), n_items);
}

static void
update_title (CltWindow *self)
{
  g_autofree char *count = NULL;

  if (!self->counted)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Customers"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      return;
    }

  if (is_filtered (self) && self->total_known)
    count = format_count (g_list_model_get_n_items (G_LIST_MODEL (self->list)), self->total, TRUE);
  else
    count = format_count (g_list_model_get_n_items (G_LIST_MODEL (self->list)), 0, FALSE);

  gtk_window_set_title (GTK_WINDOW (self), count);
  adw_window_title_set_subtitle (self->window_title, count);
}

static void
update_page (CltWindow *self)
{
  const char *page;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    page = "table";
  else if (!self->counted || clt_customer_list_get_loading (self->list))
    return;
  else if (!is_filtered (self) || (self->total_known && self->total == 0))
    page = "empty";
  else
    page = "no-results";

  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
update_load_sample (CltWindow *self)
{
  gboolean read_only = clt_store_get_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-sample",
                                 !read_only && !self->loading_sample);
  gtk_widget_set_visible (GTK_WIDGET (self->load_sample_spinner), self->loading_sample);
  gtk_spinner_set_spinning (self->load_sample_spinner, self->loading_sample);

  if (read_only)
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
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        clt_window_add_toast (self, error->message);
      return;
    }

  self->total = n_customers;
  self->total_known = TRUE;

  update_title (self);
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
on_store_changed_cb (CltWindow  *self,
                     const char *customer_id,
                     CltStore   *store)
{
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
  update_title (self);
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
  update_title (self);
  update_page (self);
}

static void
on_list_error_cb (CltWindow       *self,
                  const GError    *error,
                  CltCustomerList *list)
{
  clt_window_add_toast (self, error->message);
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
  clt_customer_list_set_query (self->list, query);

  if (!self->total_known && !clt_query_is_unfiltered (query))
    count_total (self);

  /* Text set from elsewhere (accessibility, tests) shows the bar too. */
  if (text[0] != '\0' && !gtk_search_bar_get_search_mode (self->search_bar))
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);

  update_title (self);
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
  g_autoptr(GError) error = NULL;

  if (!clt_store_load_sample_finish (CLT_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      clt_window_add_toast (self, error->message);
    }

  self->loading_sample = FALSE;
  update_load_sample (self);
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
  update_load_sample (self);

  clt_store_load_sample_async (self->store,
                               SAMPLE_SIZE,
                               SAMPLE_SEED,
                               self->cancellable,
                               on_load_sample_cb,
                               g_object_ref (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CltWindow *self = CLT_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
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

static gboolean
clt_window_close_request (GtkWindow *window)
{
  CltWindow *self = CLT_WINDOW (window);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->count_cancellable);

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
  clt_customer_table_set_list (self->table, self->list);

  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "sort-key", self->table, "sort-key", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "sort-direction", self->table, "sort-direction", G_SETTINGS_BIND_DEFAULT);
    }

  gtk_revealer_set_reveal_child (self->read_only_revealer, clt_store_get_read_only (self->store));
  update_load_sample (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0 ||
      !clt_customer_list_get_loading (self->list))
    self->counted = TRUE;

  take_total_from_list (self);
  update_title (self);
  update_page (self);
}

static void
clt_window_dispose (GObject *object)
{
  CltWindow *self = (CltWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->count_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_WINDOW);

  G_OBJECT_CLASS (clt_window_parent_class)->dispose (object);
}

static void
clt_window_finalize (GObject *object)
{
  CltWindow *self = (CltWindow *) object;

  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->count_cancellable);

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

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CLT_TYPE_CUSTOMER_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CltWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, load_sample_button);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, load_sample_spinner);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, table);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CltWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_search_bar_search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.close-search", NULL, close_search_action);
  gtk_widget_class_install_action (widget_class, "win.load-sample", NULL, load_sample_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-search", NULL);
}

static void
clt_window_init (CltWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = create_settings ();

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-search", FALSE);

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

  return gtk_stack_get_visible_child_name (self->stack);
}

void
clt_window_add_toast (CltWindow  *self,
                      const char *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (CLT_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* A toast title is markup; error messages are plain text. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
