/* clt-address-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-address-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clt-address.h"
#include "clt-address-editor.h"
#include "clt-address-editor-private.h"
#include "clt-country-row.h"
#include "clt-customer.h"
#include "clt-form.h"
#include "clt-iso-codes.h"
#include "clt-store.h"
#include "clt-validate.h"

typedef enum
{
  FIELD_SALUTATION,
  FIELD_FIRST_NAME,
  FIELD_LAST_NAME,
  FIELD_COMPANY,
  FIELD_ADDRESS1,
  FIELD_ADDRESS2,
  FIELD_ADDRESS3,
  FIELD_ZIP_CODE,
  FIELD_CITY,
  FIELD_REGION,
  FIELD_COUNTRY,
  FIELD_PHONE,
  FIELD_COMMENT,
  FIELD_ID,
  N_FIELDS
} FieldId;

/* CltAddress property names. */
static const char * const field_names[N_FIELDS] = {
  "salutation",
  "first-name",
  "last-name",
  "company",
  "address1",
  "address2",
  "address3",
  "zip-code",
  "city",
  "region",
  "country",
  "phone",
  "comment",
  "id",
};

struct _CltAddressEditor
{
  AdwWindow            parent_instance;

  /* Template widgets (and the form's, see clt-form.h) */
  AdwEntryRow         *address1_row;
  AdwEntryRow         *address2_row;
  AdwEntryRow         *address3_row;
  AdwEntryRow         *city_row;
  GtkLabel            *comment_message;
  GtkTextView         *comment_view;
  AdwEntryRow         *company_row;
  CltCountryRow       *country_row;
  AdwEntryRow         *first_name_row;
  AdwPreferencesGroup *id_group;
  AdwEntryRow         *id_row;
  AdwEntryRow         *last_name_row;
  AdwEntryRow         *phone_row;
  AdwEntryRow         *region_row;
  AdwComboRow         *salutation_row;
  AdwWindowTitle      *window_title;
  AdwEntryRow         *zip_code_row;

  /* The copy being edited, the rows and the dialog's state. */
  CltForm              form;

  CltStore            *store;
  /* Create mode: whose address it is. */
  CltCustomer         *customer;
  /* Edit mode: the address as passed in, never changed. */
  CltAddress          *original;
};

G_DEFINE_FINAL_TYPE (CltAddressEditor, clt_address_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER,
  PROP_ADDRESS,
  PROP_CAN_SAVE,
  PROP_BUSY,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The copy the rows edit. */
static inline CltAddress *
get_address (CltAddressEditor *self)
{
  return CLT_ADDRESS (self->form.object);
}

static gboolean
check_field (GtkWidget     *window,
             CltFormField  *field,
             char         **message)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (window);

  return clt_validate_address_field (get_address (self), field->name,
                                     clt_form_get_mode (&self->form), message);
}

static gboolean
check_address (GtkWidget  *window,
               char      **message)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (window);
  g_autoptr(GError) error = NULL;

  if (!clt_validate_address (get_address (self), clt_form_get_mode (&self->form), &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }

  return TRUE;
}

static void load_address (CltAddressEditor *self);

static gpointer
copy_object (gpointer object)
{
  return clt_address_copy (object);
}

static void
load_object (GtkWidget *window)
{
  load_address (CLT_ADDRESS_EDITOR (window));
}

static const CltFormLabel form_labels[] = {
  { "comment", N_("Comment") },
};

static const CltFormInfo form_info = {
  .field_names = field_names,
  .n_fields = N_FIELDS,
  .check_field = check_field,
  .check = check_address,
  .copy = copy_object,
  .load = load_object,
  .labels = form_labels,
  .n_labels = G_N_ELEMENTS (form_labels),
  .stale_title = N_("Someone else changed this address"),
  .create_failed_title = N_("Couldn't add the address"),
  .reload_failed_title = N_("Couldn't reload the address"),
  .read_only_message = N_("Addresses can be viewed but not changed."),
};

/* Fills every row from the address being edited. */
static void
load_address (CltAddressEditor *self)
{
  CltAddress *address = get_address (self);

  self->form.loading++;
  clt_country_row_set_country (self->country_row, clt_address_get_country (address));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comment_view),
                            clt_address_get_comment (address), -1);
  self->form.loading--;

  clt_form_load (&self->form);
}

/* The country a new address most likely has: the customer's (that of the
 * default address), else the one of the customer's locale ("de_AT"). */
static const char *
guess_country (CltCustomer *customer)
{
  const char *country = clt_customer_get_country (customer);
  const char *locale = clt_customer_get_locale (customer);
  const char *underscore;

  if (clt_iso_codes_is_country (country))
    return country;

  underscore = strchr (locale, '_');
  if (underscore != NULL && clt_iso_codes_is_country (underscore + 1))
    return underscore + 1;

  return "";
}

static void
update_title (CltAddressEditor *self)
{
  if (self->form.create)
    {
      g_autofree char *name = clt_customer_dup_full_name (self->customer);

      adw_window_title_set_title (self->window_title, _("Add Address"));
      adw_window_title_set_subtitle (self->window_title,
                                     name[0] != '\0' ? name : clt_customer_get_email (self->customer));
    }
  else
    {
      g_autofree char *summary = clt_address_dup_summary (self->original);

      adw_window_title_set_title (self->window_title, _("Edit Address"));
      adw_window_title_set_subtitle (self->window_title, summary);
    }

  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
}

/* Callbacks --------------------------------------------------------------- */

static void
on_country_changed_cb (CltCountryRow *row,
                       GParamSpec    *pspec,
                       CltFormField  *field)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (field->form->window);
  CltFormField *zip_code = &self->form.fields[FIELD_ZIP_CODE];

  if (self->form.loading > 0 || self->form.closed)
    return;

  clt_address_set_country (get_address (self), clt_country_row_get_country (row));

  /* The zip code's format depends on the country. */
  g_clear_pointer (&zip_code->store_error, g_free);
  clt_form_update_field (zip_code);

  clt_form_field_changed (field);
}

static void
on_comment_changed_cb (GtkTextBuffer *buffer,
                       CltFormField  *field)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (field->form->window);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->form.loading > 0 || self->form.closed)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  clt_address_set_comment (get_address (self), g_strstrip (text));

  clt_form_field_changed (field);
}

static void
on_save_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CltAddressEditor) self = user_data;
  g_autoptr(CltAddress) stored = NULL;
  g_autoptr(GError) error = NULL;

  if (self->form.create)
    stored = clt_store_create_address_finish (CLT_STORE (object), result, &error);
  else
    stored = clt_store_update_address_finish (CLT_STORE (object), result, &error);

  if (clt_form_finish_save (&self->form, stored, error))
    {
      g_signal_emit (self, signals[SAVED], 0, stored);
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
on_reload_ready_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CltAddressEditor) self = user_data;
  g_autoptr(CltAddress) current = NULL;
  g_autoptr(GError) error = NULL;

  current = clt_store_get_address_finish (CLT_STORE (object), result, &error);

  /* Deleted meanwhile: the form says so without an error. */
  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND))
    g_clear_error (&error);

  if (clt_form_finish_reload (&self->form, current, error))
    load_address (self);
}

/* Actions ----------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  clt_address_editor_save (CLT_ADDRESS_EDITOR (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (widget);

  if (!clt_form_begin_reload (&self->form))
    return;

  clt_store_get_address_async (self->store,
                               clt_address_get_customer_id (self->original),
                               clt_address_get_id (self->original),
                               self->form.cancellable,
                               on_reload_ready_cb,
                               g_object_ref (self));
}

/* Setup ------------------------------------------------------------------- */

static void
setup_fields (CltAddressEditor *self)
{
  GtkWidget *rows[N_FIELDS] = {
    [FIELD_SALUTATION] = GTK_WIDGET (self->salutation_row),
    [FIELD_FIRST_NAME] = GTK_WIDGET (self->first_name_row),
    [FIELD_LAST_NAME] = GTK_WIDGET (self->last_name_row),
    [FIELD_COMPANY] = GTK_WIDGET (self->company_row),
    [FIELD_ADDRESS1] = GTK_WIDGET (self->address1_row),
    [FIELD_ADDRESS2] = GTK_WIDGET (self->address2_row),
    [FIELD_ADDRESS3] = GTK_WIDGET (self->address3_row),
    [FIELD_ZIP_CODE] = GTK_WIDGET (self->zip_code_row),
    [FIELD_CITY] = GTK_WIDGET (self->city_row),
    [FIELD_REGION] = GTK_WIDGET (self->region_row),
    [FIELD_COUNTRY] = GTK_WIDGET (self->country_row),
    [FIELD_PHONE] = GTK_WIDGET (self->phone_row),
    [FIELD_COMMENT] = GTK_WIDGET (self->comment_view),
    [FIELD_ID] = GTK_WIDGET (self->id_row),
  };
  CltFormField *field;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (i != FIELD_COUNTRY && i != FIELD_COMMENT)
        clt_form_add_field (&self->form, i, rows[i]);
    }

  field = clt_form_add_custom_field (&self->form, FIELD_COUNTRY, rows[FIELD_COUNTRY], NULL);
  g_signal_connect (field->row, "notify::country", G_CALLBACK (on_country_changed_cb), field);

  /* The text view is no list row: its label sits under the frame. */
  field = clt_form_add_custom_field (&self->form, FIELD_COMMENT, rows[FIELD_COMMENT],
                                     self->comment_message);
  g_signal_connect (gtk_text_view_get_buffer (self->comment_view), "changed",
                    G_CALLBACK (on_comment_changed_cb), field);
}

/* GObject ----------------------------------------------------------------- */

static gboolean
clt_address_editor_close_request (GtkWindow *window)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (window);

  clt_form_close (&self->form);

  return GTK_WINDOW_CLASS (clt_address_editor_parent_class)->close_request (window);
}

static void
clt_address_editor_constructed (GObject *object)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (object);
  gboolean create = self->original == NULL;
  CltAddress *address;

  G_OBJECT_CLASS (clt_address_editor_parent_class)->constructed (object);

  g_assert ((self->customer == NULL) != (self->original == NULL));

  if (create)
    {
      address = clt_address_new ();
      clt_address_set_customer_id (address, clt_customer_get_id (self->customer));
      clt_address_set_salutation (address, clt_customer_get_salutation (self->customer));
      clt_address_set_first_name (address, clt_customer_get_first_name (self->customer));
      clt_address_set_last_name (address, clt_customer_get_last_name (self->customer));
      clt_address_set_company (address, clt_customer_get_company (self->customer));
      clt_address_set_phone (address, clt_customer_get_phone (self->customer));
      clt_address_set_country (address, guess_country (self->customer));
    }
  else
    {
      address = clt_address_copy (self->original);
    }

  clt_form_init (&self->form, GTK_WIDGET (self), &form_info, self->store, create, address);

  setup_fields (self);
  clt_form_field_set_salutations (&self->form.fields[FIELD_SALUTATION]);

  self->form.fields[FIELD_ID].hidden = !create;
  self->form.fields[FIELD_ID].hint = _("Optional: a unique ID is generated when left empty");
  self->form.fields[FIELD_COMMENT].hint = _("For example, when this address is to be used");
  gtk_widget_set_visible (GTK_WIDGET (self->id_group), create);
  gtk_button_set_label (self->form.save_button, create ? _("_Add") : _("_Save"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reload", !create);
  update_title (self);

  load_address (self);
  clt_form_finish_setup (&self->form,
                         create ? GTK_WIDGET (self->address1_row) : GTK_WIDGET (self->first_name_row));
}

static void
clt_address_editor_dispose (GObject *object)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (object);

  clt_form_close (&self->form);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_ADDRESS_EDITOR);

  G_OBJECT_CLASS (clt_address_editor_parent_class)->dispose (object);
}

static void
clt_address_editor_finalize (GObject *object)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (object);

  clt_form_clear (&self->form);

  g_clear_object (&self->original);
  g_clear_object (&self->customer);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clt_address_editor_parent_class)->finalize (object);
}

static void
clt_address_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    case PROP_ADDRESS:
      g_value_set_object (value, self->original);
      break;

    case PROP_CAN_SAVE:
      g_value_set_boolean (value, self->form.can_save);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->form.busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_address_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_CUSTOMER:
      self->customer = g_value_dup_object (value);
      break;

    case PROP_ADDRESS:
      self->original = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_address_editor_class_init (CltAddressEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = clt_address_editor_constructed;
  object_class->dispose = clt_address_editor_dispose;
  object_class->finalize = clt_address_editor_finalize;
  object_class->get_property = clt_address_editor_get_property;
  object_class->set_property = clt_address_editor_set_property;

  window_class->close_request = clt_address_editor_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         CLT_TYPE_CUSTOMER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ADDRESS] =
    g_param_spec_object ("address", NULL, NULL,
                         CLT_TYPE_ADDRESS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_SAVE] =
    g_param_spec_boolean ("can-save", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CLT_TYPE_ADDRESS);

  g_type_ensure (CLT_TYPE_COUNTRY_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-address-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, address1_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, address2_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, address3_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, city_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, comment_message);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, comment_view);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, id_group);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, id_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, region_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, salutation_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, zip_code_row);
  clt_form_class_init (widget_class, G_STRUCT_OFFSET (CltAddressEditor, form));

  gtk_widget_class_install_action (widget_class, "editor.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
}

static void
clt_address_editor_init (CltAddressEditor *self)
{
  /* A dialog to AT-SPI, named by its title. GTK 4.8 takes the role from the
   * instance when the template realizes the accessible (the class role
   * leaves a modal AdwWindow subclass a "filler"): set it before. */
  g_object_set (self, "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

/* Public API -------------------------------------------------------------- */

/**
 * clt_address_editor_new_for_create:
 * @parent: (nullable): the window the dialog belongs to
 * @store: where the address is created
 * @customer: whose address it is
 *
 * Returns: (transfer none): a new Add Address dialog, not yet presented
 */
CltAddressEditor *
clt_address_editor_new_for_create (GtkWindow   *parent,
                                   CltStore    *store,
                                   CltCustomer *customer)
{
  CltAddressEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CLT_IS_STORE (store), NULL);
  g_return_val_if_fail (CLT_IS_CUSTOMER (customer), NULL);

  self = g_object_new (CLT_TYPE_ADDRESS_EDITOR,
                       "store", store,
                       "customer", customer,
                       NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  return self;
}

/**
 * clt_address_editor_new_for_edit:
 * @parent: (nullable): the window the dialog belongs to
 * @store: where the address is stored
 * @address: the address to edit; it is copied, never changed
 *
 * Returns: (transfer none): a new Edit Address dialog, not yet presented
 */
CltAddressEditor *
clt_address_editor_new_for_edit (GtkWindow  *parent,
                                 CltStore   *store,
                                 CltAddress *address)
{
  CltAddressEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CLT_IS_STORE (store), NULL);
  g_return_val_if_fail (CLT_IS_ADDRESS (address), NULL);

  self = g_object_new (CLT_TYPE_ADDRESS_EDITOR,
                       "store", store,
                       "address", address,
                       NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  return self;
}

gboolean
clt_address_editor_get_can_save (CltAddressEditor *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS_EDITOR (self), FALSE);

  return self->form.can_save;
}

gboolean
clt_address_editor_get_busy (CltAddressEditor *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS_EDITOR (self), FALSE);

  return self->form.busy;
}

gboolean
clt_address_editor_is_create (CltAddressEditor *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS_EDITOR (self), FALSE);

  return self->form.create;
}

CltAddress *
clt_address_editor_get_address (CltAddressEditor *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS_EDITOR (self), NULL);

  return get_address (self);
}

void
clt_address_editor_save (CltAddressEditor *self)
{
  g_autoptr(CltAddress) address = NULL;

  g_return_if_fail (CLT_IS_ADDRESS_EDITOR (self));

  if (!clt_form_begin_save (&self->form))
    return;

  address = clt_address_copy (get_address (self));

  if (self->form.create)
    clt_store_create_address_async (self->store, address, self->form.request_id,
                                    self->form.cancellable, on_save_ready_cb, g_object_ref (self));
  else
    clt_store_update_address_async (self->store, address, self->form.cancellable, on_save_ready_cb,
                                    g_object_ref (self));
}

/* For tests --------------------------------------------------------------- */

GtkWidget *
clt_address_editor_get_field_row (CltAddressEditor *self,
                                  const char       *field)
{
  g_return_val_if_fail (CLT_IS_ADDRESS_EDITOR (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return clt_form_get_field_row (&self->form, field);
}

const char *
clt_address_editor_get_field_error (CltAddressEditor *self,
                                    const char       *field)
{
  g_return_val_if_fail (CLT_IS_ADDRESS_EDITOR (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return clt_form_get_field_error (&self->form, field);
}

const char *
clt_address_editor_get_error (CltAddressEditor *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS_EDITOR (self), NULL);

  return clt_form_get_error (&self->form);
}
