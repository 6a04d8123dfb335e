/* clt-customer-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CltCustomerPage: loading a customer and its lists, the object's life
 * and the public API. What it shows is in clt-customer-page-rows.c, its
 * actions and writes in clt-customer-page-actions.c.
 */

#define G_LOG_DOMAIN "clt-customer-page"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-customer.h"
#include "clt-customer-page-private.h"
#include "clt-store.h"

G_DEFINE_FINAL_TYPE (CltCustomerPage, clt_customer_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  BACK_REQUESTED,
  EDIT_REQUESTED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One request of a load: answers of an older load are dropped. */
typedef enum
{
  LIST_ADDRESSES,
  LIST_NOTES,
  LIST_ORDERS,
  LIST_EMAILS,
  LIST_GROUPS,
  LIST_COMPANIES,
  LIST_SITES,
} ListKind;

typedef struct
{
  CltCustomerPage *self;
  guint            generation;
  ListKind         kind;
} LoadData;

static LoadData *
load_data_new (CltCustomerPage *self)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->self = g_object_ref (self);
  data->generation = self->load_generation;

  return data;
}

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

/* Takes @data's page when its load is still the current one. */
static CltCustomerPage *
load_data_get_current (LoadData     *data,
                       const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  if (data->generation != data->self->load_generation)
    return NULL;

  return data->self;
}

static void
finish_request (CltCustomerPage *self)
{
  g_assert (self->n_pending > 0);

  self->n_pending--;
  if (self->n_pending == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_customer (CltCustomerPage *self)
{
  _clt_customer_page_render_header (self);
  _clt_customer_page_render_fields (self);
  _clt_customer_page_render_groups (self);
  _clt_customer_page_render_addresses (self);
  _clt_customer_page_update_actions (self);

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "customer");
  gtk_spinner_set_spinning (self->spinner, FALSE);
}

void
_clt_customer_page_set_customer (CltCustomerPage *self,
                                 CltCustomer     *customer)
{
  g_set_object (&self->customer, customer);
  show_customer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

static void
show_error (CltCustomerPage *self,
            const GError    *error)
{
  g_clear_object (&self->customer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND))
    {
      adw_status_page_set_title (self->error_page, _("Customer Not Found"));
      adw_status_page_set_description (self->error_page,
                                       _("This customer has been deleted or is no longer in "
                                         "this database."));
    }
  else
    {
      adw_status_page_set_title (self->error_page, _("Customer Unavailable"));
      adw_status_page_set_description (self->error_page, error->message);
    }

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
  adw_view_switcher_title_set_title (self->switcher_title, _("Customer"));
  adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  gtk_spinner_set_spinning (self->spinner, FALSE);
  _clt_customer_page_update_actions (self);
}

static void
on_customer_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomerPage *self;

  customer = clt_store_get_customer_finish (CLT_STORE (object), result, &error);
  if ((self = load_data_get_current (data, error)) == NULL)
    return;

  if (customer == NULL)
    show_error (self, error);
  else
    _clt_customer_page_set_customer (self, customer);

  finish_request (self);
}

static void
on_list_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  CltStore *store = CLT_STORE (object);
  CltCustomerPage *self;
  ListKind kind = data->kind;
  GtkListBox *list_box = NULL;

  switch (kind)
    {
    case LIST_ADDRESSES:
      items = clt_store_list_addresses_finish (store, result, &error);
      list_box = data->self->address_list;
      break;
    case LIST_NOTES:
      items = clt_store_list_notes_finish (store, result, &error);
      list_box = data->self->note_list;
      break;
    case LIST_ORDERS:
      items = clt_store_list_orders_finish (store, result, &error);
      list_box = data->self->order_list;
      break;
    case LIST_EMAILS:
      items = clt_store_list_emails_finish (store, result, &error);
      list_box = data->self->email_list;
      break;
    case LIST_GROUPS:
      items = clt_store_list_groups_finish (store, result, &error);
      break;
    case LIST_COMPANIES:
      items = clt_store_list_companies_finish (store, result, &error);
      break;
    case LIST_SITES:
      items = clt_store_list_sites_finish (store, result, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if ((self = load_data_get_current (data, error)) == NULL)
    return;

  finish_request (self);

  if (items == NULL)
    {
      /* A back end without the operation simply has nothing to show
       * there: say so in place rather than with a toast on every visit. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        clt_customer_page_add_toast (self, error->message);

      if (list_box != NULL)
        _clt_customer_page_show_list_error (list_box, error);
      if (kind == LIST_ADDRESSES)
        gtk_stack_set_visible_child_name (self->addresses_stack, "list");
      else if (kind == LIST_ORDERS)
        gtk_stack_set_visible_child_name (self->orders_stack, "list");

      return;
    }

  switch (kind)
    {
    case LIST_ADDRESSES:
      g_clear_pointer (&self->addresses, g_ptr_array_unref);
      self->addresses = g_steal_pointer (&items);
      gtk_list_box_set_placeholder (self->address_list, NULL);
      _clt_customer_page_render_addresses (self);
      break;

    case LIST_NOTES:
      _clt_customer_page_render_notes (self, items);
      break;

    case LIST_ORDERS:
      _clt_customer_page_render_orders (self, items);
      break;

    case LIST_EMAILS:
      g_clear_pointer (&self->emails, g_ptr_array_unref);
      self->emails = g_steal_pointer (&items);
      _clt_customer_page_render_emails (self);
      break;

    case LIST_GROUPS:
      g_clear_pointer (&self->groups, g_ptr_array_unref);
      self->groups = g_steal_pointer (&items);
      _clt_customer_page_render_groups (self);
      break;

    case LIST_COMPANIES:
      g_clear_pointer (&self->companies, g_ptr_array_unref);
      self->companies = g_steal_pointer (&items);
      _clt_customer_page_render_fields (self);
      break;

    case LIST_SITES:
      g_clear_pointer (&self->sites, g_ptr_array_unref);
      self->sites = g_steal_pointer (&items);
      _clt_customer_page_render_fields (self);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
request_list (CltCustomerPage *self,
              ListKind         kind)
{
  LoadData *request = load_data_new (self);
  const char *id = self->customer_id;
  GCancellable *cancellable = self->load_cancellable;

  request->kind = kind;
  self->n_pending++;

  switch (kind)
    {
    case LIST_ADDRESSES:
      clt_store_list_addresses_async (self->store, id, cancellable, on_list_loaded_cb, request);
      break;
    case LIST_NOTES:
      clt_store_list_notes_async (self->store, id, cancellable, on_list_loaded_cb, request);
      break;
    case LIST_ORDERS:
      clt_store_list_orders_async (self->store, id, cancellable, on_list_loaded_cb, request);
      break;
    case LIST_EMAILS:
      clt_store_list_emails_async (self->store, id, cancellable, on_list_loaded_cb, request);
      break;
    case LIST_GROUPS:
      clt_store_list_groups_async (self->store, cancellable, on_list_loaded_cb, request);
      break;
    case LIST_COMPANIES:
      clt_store_list_companies_async (self->store, cancellable, on_list_loaded_cb, request);
      break;
    case LIST_SITES:
      clt_store_list_sites_async (self->store, cancellable, on_list_loaded_cb, request);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
load (CltCustomerPage *self,
      gboolean         show_spinner)
{
  gboolean was_loading = self->n_pending > 0;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_generation++;
  self->n_pending = 0;

  if (self->customer_id == NULL)
    {
      if (was_loading)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  self->load_cancellable = g_cancellable_new ();

  if (show_spinner)
    {
      adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
      gtk_spinner_set_spinning (self->spinner, TRUE);
    }

  self->n_pending++;
  clt_store_get_customer_async (self->store, self->customer_id, self->load_cancellable,
                                on_customer_loaded_cb, load_data_new (self));
  request_list (self, LIST_ADDRESSES);
  request_list (self, LIST_NOTES);
  request_list (self, LIST_ORDERS);
  request_list (self, LIST_EMAILS);
  request_list (self, LIST_GROUPS);
  request_list (self, LIST_COMPANIES);
  request_list (self, LIST_SITES);

  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
clear_customer (CltCustomerPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);

  g_clear_object (&self->customer);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_pointer (&self->emails, g_ptr_array_unref);

  _clt_customer_page_clear_lists (self);

  /* A draft belongs to the customer it was typed for. */
  gtk_text_buffer_set_text (buffer, "", 0);
  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
}

static void
on_store_changed_cb (CltCustomerPage *self,
                     const char      *customer_id,
                     CltStore        *store)
{
  if (self->customer_id == NULL)
    return;

  if (customer_id == NULL || g_strcmp0 (customer_id, self->customer_id) == 0)
    clt_customer_page_reload (self);
}

static void
on_store_read_only_cb (CltCustomerPage *self)
{
  _clt_customer_page_update_actions (self);
}

static void
clt_customer_page_constructed (GObject *object)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (object);

  G_OBJECT_CLASS (clt_customer_page_parent_class)->constructed (object);

  g_assert (CLT_IS_STORE (self->store));

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::read-only", G_CALLBACK (on_store_read_only_cb),
                           self, G_CONNECT_SWAPPED);
  _clt_customer_page_update_actions (self);
}

static void
clt_customer_page_dispose (GObject *object)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_CUSTOMER_PAGE);

  g_clear_object (&self->customer);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_pointer (&self->emails, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->companies, g_ptr_array_unref);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clt_customer_page_parent_class)->dispose (object);
}

static void
clt_customer_page_finalize (GObject *object)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (object);

  g_clear_pointer (&self->customer_id, g_free);

  G_OBJECT_CLASS (clt_customer_page_parent_class)->finalize (object);
}

static void
clt_customer_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_string (value, self->customer_id);
      break;
    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, clt_customer_page_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_customer_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CUSTOMER_ID:
      clt_customer_page_set_customer_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_customer_page_class_init (CltCustomerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = clt_customer_page_constructed;
  object_class->dispose = clt_customer_page_dispose;
  object_class->finalize = clt_customer_page_finalize;
  object_class->get_property = clt_customer_page_get_property;
  object_class->set_property = clt_customer_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         CLT_TYPE_CUSTOMER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BACK_REQUESTED] =
    g_signal_new ("back-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EDIT_REQUESTED] =
    g_signal_new ("edit-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-customer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, active_badge);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, active_switch);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, address_list);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, addresses_stack);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, company_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, email_label);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, email_list);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, group_list);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, mark_verified_button);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, note_error_label);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, note_list);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, note_view);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, number_label);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, on_hold_badge);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, on_hold_switch);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, order_list);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, orders_stack);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, personal_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, shop_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, verified_badge);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, verified_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, view_stack);

  _clt_customer_page_class_init_actions (klass);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
clt_customer_page_init (CltCustomerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  _clt_customer_page_init_rows (self);
  _clt_customer_page_init_actions (self);
}

CltCustomerPage *
clt_customer_page_new (CltStore *store)
{
  g_return_val_if_fail (CLT_IS_STORE (store), NULL);

  return g_object_new (CLT_TYPE_CUSTOMER_PAGE,
                       "store", store,
                       NULL);
}

CltStore *
clt_customer_page_get_store (CltCustomerPage *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_PAGE (self), NULL);

  return self->store;
}

void
clt_customer_page_set_customer_id (CltCustomerPage *self,
                                   const char      *customer_id)
{
  gboolean had_customer;

  g_return_if_fail (CLT_IS_CUSTOMER_PAGE (self));

  if (g_strcmp0 (self->customer_id, customer_id) == 0)
    {
      /* Opening the same customer again shows fresh data. */
      if (customer_id != NULL)
        clt_customer_page_reload (self);
      return;
    }

  had_customer = self->customer != NULL;

  g_free (self->customer_id);
  self->customer_id = g_strdup (customer_id);

  clear_customer (self);
  _clt_customer_page_update_actions (self);
  load (self, TRUE);

  if (customer_id == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
      gtk_spinner_set_spinning (self->spinner, FALSE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
  if (had_customer)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

const char *
clt_customer_page_get_customer_id (CltCustomerPage *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_PAGE (self), NULL);

  return self->customer_id;
}

CltCustomer *
clt_customer_page_get_customer (CltCustomerPage *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_PAGE (self), NULL);

  return self->customer;
}

gboolean
clt_customer_page_get_loading (CltCustomerPage *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_PAGE (self), FALSE);

  return self->n_pending > 0;
}

void
clt_customer_page_reload (CltCustomerPage *self)
{
  g_return_if_fail (CLT_IS_CUSTOMER_PAGE (self));

  /* Keep what is shown while the fresh copy arrives. */
  load (self, self->customer == NULL);
}

void
clt_customer_page_add_toast (CltCustomerPage *self,
                             const char      *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (CLT_IS_CUSTOMER_PAGE (self));
  g_return_if_fail (message != NULL);

  /* A toast title is markup; messages are plain text. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
