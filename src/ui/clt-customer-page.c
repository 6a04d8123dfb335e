/* clt-customer-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CltCustomerPage: loading a customer and all it shows (one store call),
 * the object's life
 * and the public API. What it shows is in clt-customer-page-rows.c, its
 * actions and writes in clt-customer-page-actions.c, the note box and its
 * drafts in clt-customer-page-notes.c.
 */

#define G_LOG_DOMAIN "clt-customer-page"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-company.h"
#include "clt-customer.h"
#include "clt-customer-details.h"
#include "clt-customer-page-private.h"
#include "clt-error-message.h"
#include "clt-group.h"
#include "clt-store.h"
#include "clt-toast.h"

G_DEFINE_FINAL_TYPE (CltCustomerPage, clt_customer_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER,
  PROP_LOADING,
  PROP_N_DRAFTS,
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

/* A load: the answer of an older one is dropped. */
typedef struct
{
  CltCustomerPage *self;
  guint            generation;
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
set_loading (CltCustomerPage *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
_clt_customer_page_update_n_drafts (CltCustomerPage *self)
{
  guint n_drafts = g_hash_table_size (self->drafts);

  if (self->n_drafts == n_drafts)
    return;

  self->n_drafts = n_drafts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DRAFTS]);
}

static void
show_customer (CltCustomerPage *self)
{
  _clt_customer_page_render_header (self);
  _clt_customer_page_render_fields (self);
  _clt_customer_page_render_membership (self);
  _clt_customer_page_render_addresses (self);
  clt_custom_fields_group_set_values (self->custom_fields_group,
                                      clt_customer_get_custom_fields (self->customer));
  _clt_customer_page_update_actions (self);

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "customer");
  gtk_spinner_set_spinning (self->spinner, FALSE);

  /* Opened while it was loading, the page had nothing to focus yet: the
   * keyboard focus (and the page's shortcuts) come in now. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
        gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
    }
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
      /* Deleted: a note for it can't be added any more. */
      clt_customer_page_drop_draft (self, self->customer_id);
      adw_status_page_set_title (self->error_page, _("Customer Not Found"));
      adw_status_page_set_description (self->error_page,
                                       _("This customer has been deleted or is no longer in "
                                         "this database."));
    }
  else
    {
      g_autofree char *reason = clt_error_dup_message (NULL, error);

      adw_status_page_set_title (self->error_page, _("Customer Unavailable"));
      adw_status_page_set_description (self->error_page, reason);
    }

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
  adw_view_switcher_title_set_title (self->switcher_title, _("Customer"));
  adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  gtk_spinner_set_spinning (self->spinner, FALSE);
  _clt_customer_page_update_actions (self);
}

static void
take_array (GPtrArray **slot,
            GPtrArray  *array)
{
  g_clear_pointer (slot, g_ptr_array_unref);
  *slot = array != NULL ? g_ptr_array_ref (array) : NULL;
}

static void
on_details_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(CltCustomerDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomerPage *self;

  details = clt_store_get_customer_details_finish (CLT_STORE (object), result, &error);
  if ((self = load_data_get_current (data, error)) == NULL)
    return;

  if (details == NULL)
    {
      show_error (self, error);
      set_loading (self, FALSE);
      return;
    }

  /* What the customer's rows look up first, then the customer. */
  take_array (&self->addresses, clt_customer_details_get_addresses (details));
  take_array (&self->emails, clt_customer_details_get_emails (details));
  take_array (&self->groups, clt_customer_details_get_groups (details));
  take_array (&self->sites, clt_customer_details_get_sites (details));
  g_set_object (&self->company, clt_customer_details_get_company (details));

  _clt_customer_page_set_customer (self, clt_customer_details_get_customer (details));
  clt_assisted_buying_button_set_customer (self->assisted_button, self->store, details);
  clt_assisted_buying_log_set_log (self->assisted_log,
                                   clt_customer_details_get_assisted_buying (details));
  clt_customer_marketing_group_set_records (self->marketing_group,
                                            clt_customer_details_get_marketing (details));
  _clt_customer_page_render_notes (self, clt_customer_details_get_notes (details));
  _clt_customer_page_render_orders (self, clt_customer_details_get_orders (details));
  _clt_customer_page_render_emails (self);

  set_loading (self, FALSE);
}

/* Everything the page shows comes in one answer: one round trip to a
 * server, one consistent picture of the customer. */
static void
load (CltCustomerPage *self,
      gboolean         show_spinner)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->reload_idle_id, g_source_remove);
  self->load_generation++;

  if (self->customer_id == NULL)
    {
      set_loading (self, FALSE);
      return;
    }

  self->load_cancellable = g_cancellable_new ();

  if (show_spinner)
    {
      adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
      gtk_spinner_set_spinning (self->spinner, TRUE);
    }

  clt_store_get_customer_details_async (self->store,
                                        self->customer_id,
                                        self->load_cancellable,
                                        on_details_loaded_cb,
                                        load_data_new (self));
  set_loading (self, TRUE);
}

static void
clear_customer (CltCustomerPage *self)
{
  g_clear_object (&self->customer);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_pointer (&self->emails, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->company);

  _clt_customer_page_clear_lists (self);

  /* A draft belongs to the customer it was typed for. */
  _clt_customer_page_show_draft (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  CltCustomerPage *self = user_data;

  self->reload_idle_id = 0;
  clt_customer_page_reload (self);

  return G_SOURCE_REMOVE;
}

static gboolean
contains_code (GPtrArray   *items,
               const char *(*get_code) (gpointer item),
               const char  *code)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    if (g_strcmp0 (get_code (g_ptr_array_index (items, i)), code) == 0)
      return TRUE;

  return FALSE;
}

/* Whether a change the store reports shows on this page. */
static gboolean
concerns_page (CltCustomerPage *self,
               CltChangeKind    kind,
               const char      *id)
{
  CltCustomer *customer = self->customer;

  switch (kind)
    {
    case CLT_CHANGE_CUSTOMERS:
      /* Any number of customers (an import): this one may be among them. */
      return TRUE;

    case CLT_CHANGE_CUSTOMER:
    case CLT_CHANGE_ADDRESS:
    case CLT_CHANGE_NOTE:
    case CLT_CHANGE_OUTBOX:
      return id == NULL || g_strcmp0 (id, self->customer_id) == 0;

    case CLT_CHANGE_SITE:
      /* The preferred site's name; a new site may be the one it names. */
      return customer == NULL || id == NULL
             || g_strcmp0 (id, clt_customer_get_preferred_site (customer)) == 0;

    case CLT_CHANGE_GROUP:
      return customer == NULL || id == NULL
             || g_strv_contains (clt_customer_get_groups (customer), id)
             || contains_code (self->groups, (gpointer) clt_group_get_code, id);

    case CLT_CHANGE_COMPANY:
      return customer == NULL || id == NULL
             || g_strcmp0 (id, clt_customer_get_company_id (customer)) == 0;

    case CLT_CHANGE_CUSTOM_FIELD:
    case CLT_CHANGE_PREFERENCES:
    default:
      return FALSE;
    }
}

/* One reload for a burst: a write reports the customer and its address,
 * say, and its own callback asks for one too. */
void
_clt_customer_page_queue_reload (CltCustomerPage *self)
{
  if (self->customer_id != NULL && self->reload_idle_id == 0)
    self->reload_idle_id = g_idle_add (reload_idle_cb, self);
}

static void
on_store_changed_cb (CltCustomerPage *self,
                     CltChangeKind    kind,
                     const char      *id,
                     CltStore        *store)
{

  if (self->customer_id != NULL && concerns_page (self, kind, id))
    _clt_customer_page_queue_reload (self);
}

static void
on_store_read_only_cb (CltCustomerPage *self)
{
  _clt_customer_page_update_actions (self);
}

/* The buttons at the end of the header where the view switcher fits in
 * the header bar; on a phone (the switcher at the bottom) they wrap under
 * the name, where they line up with it. */
static void
on_switcher_title_visible_cb (CltCustomerPage *self)
{
  gboolean narrow = adw_view_switcher_title_get_title_visible (self->switcher_title);

  gtk_widget_set_halign (GTK_WIDGET (self->summary_buttons), narrow ? GTK_ALIGN_START : GTK_ALIGN_END);
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
  g_clear_handle_id (&self->reload_idle_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_CUSTOMER_PAGE);

  g_clear_object (&self->customer);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_pointer (&self->emails, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->company);
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
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  g_clear_pointer (&self->edit_denied, g_free);

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
    case PROP_N_DRAFTS:
      g_value_set_uint (value, clt_customer_page_get_n_drafts (self));
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
  properties[PROP_N_DRAFTS] =
    g_param_spec_uint ("n-drafts", NULL, NULL,
                       0, G_MAXUINT, 0,
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

  g_type_ensure (CLT_TYPE_ASSISTED_BUYING_BUTTON);
  g_type_ensure (CLT_TYPE_ASSISTED_BUYING_LOG);
  g_type_ensure (CLT_TYPE_CUSTOM_FIELDS_GROUP);
  g_type_ensure (CLT_TYPE_CUSTOMER_MARKETING_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-customer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, add_note_button);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, active_badge);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, attach_company_button);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, active_switch);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, address_list);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, banner_slot);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, addresses_stack);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, assisted_button);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, assisted_log);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, company_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, custom_fields_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, email_label);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, email_list);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, group_list);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, mark_verified_button);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, marketing_group);
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
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, summary_buttons);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, verified_badge);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, verified_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, view_stack);

  gtk_widget_class_bind_template_callback (widget_class, on_switcher_title_visible_cb);
  _clt_customer_page_class_init_actions (klass);
  _clt_customer_page_class_init_membership (klass);
  _clt_customer_page_class_init_notes (klass);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
clt_customer_page_init (CltCustomerPage *self)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A long email address breaks anywhere on a phone, but a hyphen there
   * would read as part of the address. */
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (self->email_label, attributes);
  pango_attr_list_unref (attributes);

  self->cancellable = g_cancellable_new ();

  _clt_customer_page_init_rows (self);
  _clt_customer_page_init_notes (self);
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
  _clt_customer_page_keep_draft (self);

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

  return self->loading;
}

void
clt_customer_page_reload (CltCustomerPage *self)
{
  g_return_if_fail (CLT_IS_CUSTOMER_PAGE (self));

  /* Keep what is shown while the fresh copy arrives. */
  load (self, self->customer == NULL);
}

void
clt_customer_page_set_custom_fields (CltCustomerPage *self,
                                     GPtrArray       *fields)
{
  g_return_if_fail (CLT_IS_CUSTOMER_PAGE (self));

  clt_custom_fields_group_set_fields (self->custom_fields_group, fields);
}

void
clt_customer_page_add_toast (CltCustomerPage *self,
                             const char      *message)
{
  AdwToast *toast;

  g_return_if_fail (CLT_IS_CUSTOMER_PAGE (self));
  g_return_if_fail (message != NULL);

  toast = clt_toast_new (message);
  adw_toast_set_timeout (toast, 8);
  clt_toast_show (toast, GTK_WIDGET (self->toast_overlay));
}

void
clt_customer_page_set_edit_denied (CltCustomerPage *self,
                                   const char      *reason)
{
  g_return_if_fail (CLT_IS_CUSTOMER_PAGE (self));

  if (g_strcmp0 (self->edit_denied, reason) == 0)
    return;

  g_free (self->edit_denied);
  self->edit_denied = g_strdup (reason);
  _clt_customer_page_update_actions (self);
}

void
clt_customer_page_set_assisted_buying_allowed (CltCustomerPage *self,
                                               gboolean         allowed)
{
  g_return_if_fail (CLT_IS_CUSTOMER_PAGE (self));

  clt_assisted_buying_button_set_allowed (self->assisted_button, allowed);
}

GtkBox *
clt_customer_page_get_banner_slot (CltCustomerPage *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_PAGE (self), NULL);

  return self->banner_slot;
}
