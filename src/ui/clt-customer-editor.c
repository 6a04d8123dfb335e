/* clt-customer-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-customer-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clt-address.h"
#include "clt-customer.h"
#include "clt-customer-editor.h"
#include "clt-customer-editor-private.h"
#include "clt-date-row.h"
#include "clt-error-message.h"
#include "clt-custom-field.h"
#include "clt-custom-fields-group.h"
#include "clt-form.h"
#include "clt-iso-codes.h"
#include "clt-password.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"
#include "clt-store.h"
#include "clt-validate.h"

/* The rows that edit one value each, in the order the dialog shows them. */
typedef enum
{
  FIELD_EMAIL,
  FIELD_ID,
  FIELD_SALUTATION,
  FIELD_TITLE,
  FIELD_FIRST_NAME,
  FIELD_LAST_NAME,
  FIELD_GENDER,
  FIELD_DATE_OF_BIRTH,
  FIELD_PHONE,
  FIELD_COMPANY,
  FIELD_LOCALE,
  FIELD_CURRENCY,
  FIELD_PREFERRED_SITE,
  FIELD_RESTRICTION,
  FIELD_DEFAULT_BILLING,
  FIELD_DEFAULT_SHIPPING,
  FIELD_PASSWORD,
  N_FIELDS
} FieldId;

/* CltCustomer property names; "password" is the initial password, which
 * is not part of the customer. */
static const char * const field_names[N_FIELDS] = {
  "email",
  "id",
  "salutation",
  "title",
  "first-name",
  "last-name",
  "gender",
  "date-of-birth",
  "phone",
  "company",
  "locale",
  "currency",
  "preferred-site",
  "restriction",
  "default-billing-address",
  "default-shipping-address",
  "password",
};

struct _CltCustomerEditor
{
  AdwWindow            parent_instance;

  /* Template widgets (and the form's, see clt-form.h) */
  GtkSwitch           *active_switch;
  AdwPreferencesGroup *addresses_group;
  AdwComboRow         *billing_row;
  AdwEntryRow         *company_row;
  AdwComboRow         *currency_row;
  CltCustomFieldsGroup *custom_fields_group;
  CltDateRow          *date_of_birth_row;
  AdwPreferencesGroup *delete_group;
  AdwEntryRow         *email_row;
  AdwEntryRow         *first_name_row;
  AdwComboRow         *gender_row;
  AdwActionRow        *generated_row;
  AdwEntryRow         *id_row;
  AdwEntryRow         *last_name_row;
  AdwComboRow         *locale_row;
  GtkSwitch           *on_hold_switch;
  AdwPasswordEntryRow *password_row;
  AdwEntryRow         *phone_row;
  AdwActionRow        *reset_row;
  AdwComboRow         *restriction_row;
  AdwComboRow         *salutation_row;
  AdwActionRow        *send_token_row;
  GtkSwitch           *send_token_switch;
  AdwComboRow         *shipping_row;
  AdwComboRow         *site_row;
  AdwEntryRow         *title_row;
  AdwWindowTitle      *window_title;

  /* The copy being edited, the rows and the dialog's state. */
  CltForm              form;

  CltStore            *store;
  /* Edit mode: the customer as passed in, never changed. */
  CltCustomer         *original;
  char                *generated_password;

  guint                sending_reset : 1;
  guint                active_touched : 1;
  guint                on_hold_touched : 1;
};

G_DEFINE_FINAL_TYPE (CltCustomerEditor, clt_customer_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER,
  PROP_CAN_SAVE,
  PROP_BUSY,
  N_PROPS
};

enum {
  SAVED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The copy the rows edit. */
static inline CltCustomer *
get_customer (CltCustomerEditor *self)
{
  return CLT_CUSTOMER (self->form.object);
}

static gboolean
check_field (GtkWidget     *window,
             CltFormField  *field,
             char         **message)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (window);

  if (field->id == FIELD_PASSWORD)
    {
      const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

      /* Optional: the customer can set one through the token or reset link. */
      return password[0] == '\0' || clt_validate_password (password, message);
    }

  return clt_validate_customer_field (get_customer (self), field->name,
                                      clt_form_get_mode (&self->form), message);
}

static gboolean
check_customer (GtkWidget  *window,
                char      **message)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (window);
  g_autoptr(GError) error = NULL;

  if (!clt_validate_customer (get_customer (self), clt_form_get_mode (&self->form), &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }

  if (!clt_custom_fields_group_get_valid (self->custom_fields_group))
    {
      *message = g_strdup (_("Correct the values under “More Details”"));
      return FALSE;
    }

  return !self->form.create || check_field (window, &self->form.fields[FIELD_PASSWORD], message);
}

static void load_customer (CltCustomerEditor *self);

static gpointer
copy_object (gpointer object)
{
  return clt_customer_copy (object);
}

static void
load_object (GtkWidget *window)
{
  load_customer (CLT_CUSTOMER_EDITOR (window));
}

static const CltFormLabel form_labels[] = {
  { "active", N_("Active") },
  { "on-hold", N_("On Hold") },
};

/* Whether @a and @b, custom field values (a{sv}, NULL for none), hold
 * the same values, in whatever order. */
static gboolean
custom_fields_equal (GVariant *a,
                     GVariant *b)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;
  gboolean equal = TRUE;

  if ((a != NULL ? g_variant_n_children (a) : 0) != (b != NULL ? g_variant_n_children (b) : 0))
    return FALSE;
  if (a == NULL)
    return TRUE;

  g_variant_iter_init (&iter, a);
  while (equal && g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) other = g_variant_lookup_value (b, key, NULL);

      equal = other != NULL && g_variant_equal (value, other);
      g_variant_unref (value);
    }

  return equal;
}

/* The custom field values are the group's rows, not the form's fields:
 * changed when they differ from the version the edits are based on (a
 * new customer: from none). */
static gboolean
custom_fields_modified (GtkWidget *window)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (window);
  CltCustomer *base = self->form.base != NULL ? CLT_CUSTOMER (self->form.base) : NULL;

  return !custom_fields_equal (clt_customer_get_custom_fields (get_customer (self)),
                               base != NULL ? clt_customer_get_custom_fields (base) : NULL);
}

static const CltFormInfo form_info = {
  .field_names = field_names,
  .n_fields = N_FIELDS,
  .check_field = check_field,
  .check = check_customer,
  .copy = copy_object,
  .load = load_object,
  .labels = form_labels,
  .n_labels = G_N_ELEMENTS (form_labels),
  .modified = custom_fields_modified,
  .stale_title = N_("Someone else changed this customer"),
  .create_failed_title = N_("Couldn't add the customer"),
  .reload_failed_title = N_("Couldn't reload the customer"),
  .read_only_message = N_("Customers can be viewed but not changed."),
};

static void
setup_genders (CltCustomerEditor *self)
{
  const char * const labels[] = {
    /* In CltGender order: the position is the value. */
    C_("gender", "Not Specified"),
    C_("gender", "Male"),
    C_("gender", "Female"),
    C_("gender", "Diverse"),
    NULL
  };
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  self->form.loading++;
  adw_combo_row_set_model (self->gender_row, G_LIST_MODEL (model));
  self->form.loading--;
}

static void
setup_locales (CltCustomerEditor *self)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  GtkStringList *labels = gtk_string_list_new (NULL);
  const CltIsoLocale *locales;
  gsize n_locales;

  clt_form_choices_add (codes, labels, "", C_("locale", "Not Set"));

  locales = clt_iso_codes_get_locales (&n_locales);
  for (gsize i = 0; i < n_locales; i++)
    clt_form_choices_add (codes, labels, locales[i].code,
                          clt_iso_codes_get_locale_name (locales[i].code));

  clt_form_field_set_choices (&self->form.fields[FIELD_LOCALE], codes, labels);
}

static void
setup_currencies (CltCustomerEditor *self)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  GtkStringList *labels = gtk_string_list_new (NULL);
  const CltIsoCurrency *currencies;
  gsize n_currencies;

  currencies = clt_iso_codes_get_currencies (&n_currencies);
  for (gsize i = 0; i < n_currencies; i++)
    {
      /* TRANSLATORS: a currency in a list: its ISO code and its name, "EUR — Euro" */
      g_autofree char *label = g_strdup_printf (_("%s — %s"), currencies[i].code,
                                                clt_iso_codes_get_currency_name (currencies[i].code));

      clt_form_choices_add (codes, labels, currencies[i].code, label);
    }

  clt_form_field_set_choices (&self->form.fields[FIELD_CURRENCY], codes, labels);
}

/* @sites may be NULL: only "None" and the customer's own value. */
static void
setup_sites (CltCustomerEditor *self,
             GPtrArray         *sites)
{
  const FieldId ids[] = { FIELD_PREFERRED_SITE, FIELD_RESTRICTION };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
      GtkStringList *labels = gtk_string_list_new (NULL);

      /* No restriction of its own: the preferred site's. */
      clt_form_choices_add (codes, labels, "",
                            ids[i] == FIELD_RESTRICTION ? _("Same as Preferred Site")
                                                        : C_("site", "None"));

      for (guint j = 0; sites != NULL && j < sites->len; j++)
        {
          CltSite *site = g_ptr_array_index (sites, j);
          const char *name = clt_site_get_name (site);

          clt_form_choices_add (codes, labels, clt_site_get_code (site),
                                name[0] != '\0' ? name : clt_site_get_code (site));
        }

      clt_form_field_set_choices (&self->form.fields[ids[i]], codes, labels);
    }
}

/* @addresses may be NULL: only "None" and the customer's own value. */
static void
setup_addresses (CltCustomerEditor *self,
                 GPtrArray         *addresses)
{
  const FieldId ids[] = { FIELD_DEFAULT_BILLING, FIELD_DEFAULT_SHIPPING };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
      GtkStringList *labels = gtk_string_list_new (NULL);

      clt_form_choices_add (codes, labels, "", C_("address", "None"));

      for (guint j = 0; addresses != NULL && j < addresses->len; j++)
        {
          CltAddress *address = g_ptr_array_index (addresses, j);
          g_autofree char *summary = clt_address_dup_summary (address);

          clt_form_choices_add (codes, labels, clt_address_get_id (address),
                                summary[0] != '\0' ? summary : clt_address_get_id (address));
        }

      clt_form_field_set_choices (&self->form.fields[ids[i]], codes, labels);
    }
}

/* Fills every row from the customer being edited. */
static void
load_customer (CltCustomerEditor *self)
{
  CltCustomer *customer = get_customer (self);

  self->form.loading++;
  adw_combo_row_set_selected (self->gender_row, clt_customer_get_gender (customer));
  gtk_switch_set_active (self->active_switch, clt_customer_get_active (customer));
  gtk_switch_set_active (self->on_hold_switch, clt_customer_get_on_hold (customer));
  clt_custom_fields_group_set_values (self->custom_fields_group,
                                      clt_customer_get_custom_fields (customer));
  self->form.loading--;

  clt_form_load (&self->form);
}

static void
apply_preferences (CltCustomerEditor  *self,
                   CltShopPreferences *preferences)
{
  CltCustomer *customer = get_customer (self);
  CltFormField *currency = &self->form.fields[FIELD_CURRENCY];

  /* Only what the user has not chosen yet. */
  if (!currency->touched)
    {
      clt_customer_set_currency (customer, clt_shop_preferences_get_default_currency (preferences));
      clt_form_field_select (currency, clt_customer_get_currency (customer));
    }

  self->form.loading++;

  if (!self->active_touched)
    {
      clt_customer_set_active (customer,
                               clt_shop_preferences_get_customer_active_on_creation (preferences));
      gtk_switch_set_active (self->active_switch, clt_customer_get_active (customer));
    }

  if (!self->on_hold_touched)
    {
      clt_customer_set_on_hold (customer,
                                clt_shop_preferences_get_customer_on_hold_on_creation (preferences));
      gtk_switch_set_active (self->on_hold_switch, clt_customer_get_on_hold (customer));
    }

  self->form.loading--;

  clt_form_update_field (currency);
}

static void
update_title (CltCustomerEditor *self)
{
  if (self->form.create)
    {
      adw_window_title_set_title (self->window_title, _("Add Customer"));
      adw_window_title_set_subtitle (self->window_title, NULL);
    }
  else
    {
      g_autofree char *name = clt_customer_dup_full_name (self->original);

      adw_window_title_set_title (self->window_title, _("Edit Customer"));
      adw_window_title_set_subtitle (self->window_title,
                                     name[0] != '\0' ? name : clt_customer_get_email (self->original));
    }

  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
}

/* Callbacks --------------------------------------------------------------- */

static void
on_password_changed_cb (GtkEditable  *editable,
                        CltFormField *field)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (field->form->window);
  const char *text = gtk_editable_get_text (editable);

  if (self->form.loading > 0 || self->form.closed)
    return;

  /* Typed over: the generated one is no longer what will be set. */
  if (self->generated_password != NULL && g_strcmp0 (text, self->generated_password) != 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->generated_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->generated_row), "");
      g_clear_pointer (&self->generated_password, g_free);
    }

  clt_form_field_changed (field);
}

static void
on_gender_selected_cb (AdwComboRow  *row,
                       GParamSpec   *pspec,
                       CltFormField *field)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (field->form->window);
  guint position = adw_combo_row_get_selected (row);

  if (self->form.loading > 0 || self->form.closed)
    return;

  clt_customer_set_gender (get_customer (self),
                           position <= CLT_GENDER_DIVERSE ? (CltGender) position : CLT_GENDER_UNSPECIFIED);

  clt_form_field_changed (field);
}

static void
on_active_switch_cb (CltCustomerEditor *self)
{
  if (self->form.loading > 0 || self->form.closed)
    return;

  self->active_touched = TRUE;
  clt_customer_set_active (get_customer (self), gtk_switch_get_active (self->active_switch));
  clt_form_update_can_save (&self->form);
}

static void
on_on_hold_switch_cb (CltCustomerEditor *self)
{
  if (self->form.loading > 0 || self->form.closed)
    return;

  self->on_hold_touched = TRUE;
  clt_customer_set_on_hold (get_customer (self), gtk_switch_get_active (self->on_hold_switch));
  clt_form_update_can_save (&self->form);
}

static void
on_preferences_ready_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(CltCustomerEditor) self = user_data;
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(GError) error = NULL;

  preferences = clt_store_get_preferences_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->form.closed)
    return;

  if (preferences == NULL)
    {
      g_autofree char *message = clt_error_dup_message (_("Couldn't read the shop's defaults"),
                                                        error);

      clt_form_add_toast (&self->form, message);
      preferences = clt_shop_preferences_new ();
    }

  apply_preferences (self, preferences);

  self->form.fetching = FALSE;
  clt_form_update_busy (&self->form);
  clt_form_update_can_save (&self->form);
}

static void
on_custom_fields_changed_cb (CltCustomerEditor *self)
{
  clt_customer_set_custom_fields (get_customer (self),
                                  clt_custom_fields_group_get_values (self->custom_fields_group));
  clt_form_update_can_save (&self->form);
}

static void
on_custom_fields_ready_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(CltCustomerEditor) self = user_data;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;

  fields = clt_store_list_custom_fields_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->form.closed)
    return;

  /* A back end without custom fields has none to show: nothing failed. */
  if (fields == NULL)
    {
      g_autofree char *message = clt_error_dup_message (_("Couldn't list the custom fields"), error);

      if (!g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SUPPORTED))
        clt_form_add_toast (&self->form, message);
      return;
    }

  clt_custom_fields_group_set_fields (self->custom_fields_group, fields);
}

static void
on_sites_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CltCustomerEditor) self = user_data;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  sites = clt_store_list_sites_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->form.closed)
    return;

  if (sites == NULL)
    {
      g_autofree char *message = clt_error_dup_message (_("Couldn't list the sites"), error);

      clt_form_add_toast (&self->form, message);
      return;
    }

  setup_sites (self, sites);
}

static void
on_addresses_ready_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CltCustomerEditor) self = user_data;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GError) error = NULL;

  addresses = clt_store_list_addresses_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->form.closed)
    return;

  if (addresses == NULL)
    {
      g_autofree char *message = clt_error_dup_message (_("Couldn't list the addresses"), error);

      clt_form_add_toast (&self->form, message);
      return;
    }

  setup_addresses (self, addresses);
}

static void
on_save_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CltCustomerEditor) self = user_data;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;

  if (self->form.create)
    stored = clt_store_create_customer_finish (CLT_STORE (object), result, &error);
  else
    stored = clt_store_update_customer_finish (CLT_STORE (object), result, &error);

  /* A value the store refused shows under its own row too. */
  if (error != NULL && clt_custom_field_key_from_error_field (clt_store_error_get_field (error)) != NULL)
    clt_custom_fields_group_show_error (self->custom_fields_group,
                                        clt_custom_field_key_from_error_field (clt_store_error_get_field (error)),
                                        error->message);

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
  g_autoptr(CltCustomerEditor) self = user_data;
  g_autoptr(CltCustomer) current = NULL;
  g_autoptr(GError) error = NULL;

  current = clt_store_get_customer_finish (CLT_STORE (object), result, &error);
  if (!clt_form_finish_reload (&self->form, current, error))
    return;

  load_customer (self);
  clt_store_list_addresses_async (self->store, clt_customer_get_id (current), self->form.cancellable,
                                  on_addresses_ready_cb, g_object_ref (self));
}

static void
on_password_reset_ready_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(CltCustomerEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!clt_store_send_password_reset_finish (CLT_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->form.closed)
        return;

      message = clt_error_dup_message (_("Couldn't send the password reset email"), error);
    }
  else if (self->form.closed)
    {
      return;
    }
  else
    {
      message = g_strdup_printf (_("Password reset email queued for %s"),
                                 clt_customer_get_email (get_customer (self)));
    }

  self->sending_reset = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.send-password-reset", TRUE);
  clt_form_add_toast (&self->form, message);
}

/* Actions ----------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  clt_customer_editor_save (CLT_CUSTOMER_EDITOR (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (widget);

  if (!clt_form_begin_reload (&self->form))
    return;

  clt_store_get_customer_async (self->store, clt_customer_get_id (self->original),
                                self->form.cancellable, on_reload_ready_cb, g_object_ref (self));
}

static void
generate_password_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (widget);
  g_autofree char *password = clt_password_generate ();

  g_free (self->generated_password);
  self->generated_password = g_strdup (password);

  /* Set before filling the row: the change handler keeps it shown. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->generated_row), password);
  gtk_widget_set_visible (GTK_WIDGET (self->generated_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
}

static void
copy_password_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (widget);

  if (self->generated_password == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->generated_password);
  clt_form_add_toast (&self->form, _("Password copied"));
}

static void
send_password_reset_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (widget);

  if (self->form.create || self->sending_reset)
    return;

  self->sending_reset = TRUE;
  gtk_widget_action_set_enabled (widget, "editor.send-password-reset", FALSE);

  clt_store_send_password_reset_async (self->store, clt_customer_get_id (self->original),
                                       self->form.cancellable, on_password_reset_ready_cb,
                                       g_object_ref (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (widget);

  if (!self->form.create)
    g_signal_emit (self, signals[DELETE_REQUESTED], 0);
}

/* Setup ------------------------------------------------------------------- */

static void
setup_fields (CltCustomerEditor *self)
{
  GtkWidget *rows[N_FIELDS] = {
    [FIELD_EMAIL] = GTK_WIDGET (self->email_row),
    [FIELD_ID] = GTK_WIDGET (self->id_row),
    [FIELD_SALUTATION] = GTK_WIDGET (self->salutation_row),
    [FIELD_TITLE] = GTK_WIDGET (self->title_row),
    [FIELD_FIRST_NAME] = GTK_WIDGET (self->first_name_row),
    [FIELD_LAST_NAME] = GTK_WIDGET (self->last_name_row),
    [FIELD_GENDER] = GTK_WIDGET (self->gender_row),
    [FIELD_DATE_OF_BIRTH] = GTK_WIDGET (self->date_of_birth_row),
    [FIELD_PHONE] = GTK_WIDGET (self->phone_row),
    [FIELD_COMPANY] = GTK_WIDGET (self->company_row),
    [FIELD_LOCALE] = GTK_WIDGET (self->locale_row),
    [FIELD_CURRENCY] = GTK_WIDGET (self->currency_row),
    [FIELD_PREFERRED_SITE] = GTK_WIDGET (self->site_row),
    [FIELD_RESTRICTION] = GTK_WIDGET (self->restriction_row),
    [FIELD_DEFAULT_BILLING] = GTK_WIDGET (self->billing_row),
    [FIELD_DEFAULT_SHIPPING] = GTK_WIDGET (self->shipping_row),
    [FIELD_PASSWORD] = GTK_WIDGET (self->password_row),
  };
  CltFormField *field;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (i != FIELD_GENDER && i != FIELD_PASSWORD)
        clt_form_add_field (&self->form, i, rows[i]);
    }

  /* A CltGender, not a string; not part of the customer. */
  field = clt_form_add_custom_field (&self->form, FIELD_GENDER, rows[FIELD_GENDER], NULL);
  g_signal_connect (field->row, "notify::selected", G_CALLBACK (on_gender_selected_cb), field);
  field = clt_form_add_custom_field (&self->form, FIELD_PASSWORD, rows[FIELD_PASSWORD], NULL);
  g_signal_connect (field->row, "changed", G_CALLBACK (on_password_changed_cb), field);
}

static void
configure_mode (CltCustomerEditor *self)
{
  CltFormField *fields = self->form.fields;
  gboolean create = self->form.create;

  fields[FIELD_ID].hidden = !create;
  fields[FIELD_PASSWORD].hidden = !create;
  fields[FIELD_DEFAULT_BILLING].hidden = create;
  fields[FIELD_DEFAULT_SHIPPING].hidden = create;

  for (guint i = 0; i < N_FIELDS; i++)
    gtk_widget_set_visible (fields[i].row, !fields[i].hidden);

  if (create)
    {
      fields[FIELD_ID].hint = _("Optional: a unique ID is generated when left empty");
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->email_row), FALSE);
      fields[FIELD_EMAIL].hint = _("The email address can't be changed");
    }
  fields[FIELD_DATE_OF_BIRTH].hint = _("As YYYY-MM-DD, or pick a day from the calendar");
  fields[FIELD_PASSWORD].hint = _("Optional: without one, the customer sets a password "
                                  "through the token or a reset email");

  gtk_widget_set_visible (GTK_WIDGET (self->addresses_group), !create);
  gtk_widget_set_visible (GTK_WIDGET (self->generated_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->send_token_row), create);
  gtk_widget_set_visible (GTK_WIDGET (self->reset_row), !create);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), !create);

  gtk_button_set_label (self->form.save_button, create ? _("_Add") : _("_Save"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reload", !create);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", !create);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.send-password-reset", !create);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.generate-password", create);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.copy-password", create);

  update_title (self);
}

/* GObject ----------------------------------------------------------------- */

static gboolean
clt_customer_editor_close_request (GtkWindow *window)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (window);

  clt_form_close (&self->form);

  return GTK_WINDOW_CLASS (clt_customer_editor_parent_class)->close_request (window);
}

static void
clt_customer_editor_constructed (GObject *object)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (object);
  g_autoptr(CltShopPreferences) defaults = NULL;
  gboolean create = self->original == NULL;

  G_OBJECT_CLASS (clt_customer_editor_parent_class)->constructed (object);

  clt_form_init (&self->form, GTK_WIDGET (self), &form_info, self->store, create,
                 create ? clt_customer_new () : clt_customer_copy (self->original));

  setup_fields (self);
  configure_mode (self);

  clt_form_field_set_salutations (&self->form.fields[FIELD_SALUTATION]);
  setup_genders (self);
  setup_locales (self);
  setup_currencies (self);
  setup_sites (self, NULL);
  setup_addresses (self, NULL);

  if (create)
    {
      /* Until the shop's own arrive. */
      defaults = clt_shop_preferences_new ();
      apply_preferences (self, defaults);
      self->form.fetching = TRUE;
    }

  load_customer (self);
  clt_form_finish_setup (&self->form,
                         create ? GTK_WIDGET (self->email_row) : GTK_WIDGET (self->first_name_row));

  if (create)
    clt_store_get_preferences_async (self->store, self->form.cancellable, on_preferences_ready_cb,
                                     g_object_ref (self));
  else
    clt_store_list_addresses_async (self->store, clt_customer_get_id (get_customer (self)),
                                    self->form.cancellable, on_addresses_ready_cb,
                                    g_object_ref (self));

  clt_store_list_sites_async (self->store, self->form.cancellable, on_sites_ready_cb,
                              g_object_ref (self));
  clt_store_list_custom_fields_async (self->store, self->form.cancellable,
                                      on_custom_fields_ready_cb, g_object_ref (self));
}

static void
clt_customer_editor_dispose (GObject *object)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (object);

  clt_form_close (&self->form);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_CUSTOMER_EDITOR);

  G_OBJECT_CLASS (clt_customer_editor_parent_class)->dispose (object);
}

static void
clt_customer_editor_finalize (GObject *object)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (object);

  clt_form_clear (&self->form);

  if (self->generated_password != NULL)
    memset (self->generated_password, 0, strlen (self->generated_password));
  g_clear_pointer (&self->generated_password, g_free);

  g_clear_object (&self->original);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clt_customer_editor_parent_class)->finalize (object);
}

static void
clt_customer_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CUSTOMER:
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
clt_customer_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_CUSTOMER:
      self->original = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_customer_editor_class_init (CltCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = clt_customer_editor_constructed;
  object_class->dispose = clt_customer_editor_dispose;
  object_class->finalize = clt_customer_editor_finalize;
  object_class->get_property = clt_customer_editor_get_property;
  object_class->set_property = clt_customer_editor_set_property;

  window_class->close_request = clt_customer_editor_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         CLT_TYPE_CUSTOMER,
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
                  G_TYPE_NONE, 1, CLT_TYPE_CUSTOMER);

  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (CLT_TYPE_CUSTOM_FIELDS_GROUP);
  g_type_ensure (CLT_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-customer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, active_switch);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, addresses_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, billing_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, custom_fields_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, date_of_birth_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, gender_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, generated_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, id_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, locale_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, on_hold_switch);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, password_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, reset_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, restriction_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, salutation_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, send_token_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, send_token_switch);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, shipping_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, site_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, window_title);
  clt_form_class_init (widget_class, G_STRUCT_OFFSET (CltCustomerEditor, form));
  gtk_widget_class_bind_template_callback (widget_class, on_active_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_on_hold_switch_cb);

  gtk_widget_class_install_action (widget_class, "editor.copy-password", NULL, copy_password_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.generate-password", NULL, generate_password_action);
  gtk_widget_class_install_action (widget_class, "editor.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.send-password-reset", NULL,
                                   send_password_reset_action);
}

static void
clt_customer_editor_init (CltCustomerEditor *self)
{
  /* A dialog to AT-SPI, named by its title. GTK 4.8 takes the role from the
   * instance when the template realizes the accessible (the class role
   * leaves a modal AdwWindow subclass a "filler"): set it before. */
  g_object_set (self, "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

/* Public API -------------------------------------------------------------- */

static CltCustomerEditor *
editor_new (GtkWindow   *parent,
            CltStore    *store,
            CltCustomer *customer)
{
  CltCustomerEditor *self;

  self = g_object_new (CLT_TYPE_CUSTOMER_EDITOR,
                       "store", store,
                       "customer", customer,
                       NULL);

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  return self;
}

/**
 * clt_customer_editor_new_for_create:
 * @parent: (nullable): the window the dialog belongs to
 * @store: where the customer is created
 *
 * Returns: (transfer none): a new Add Customer dialog, not yet presented
 */
CltCustomerEditor *
clt_customer_editor_new_for_create (GtkWindow *parent,
                                    CltStore  *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CLT_IS_STORE (store), NULL);

  return editor_new (parent, store, NULL);
}

/**
 * clt_customer_editor_new_for_edit:
 * @parent: (nullable): the window the dialog belongs to
 * @store: where the customer is stored
 * @customer: the customer to edit; it is copied, never changed
 *
 * Returns: (transfer none): a new Edit Customer dialog, not yet presented
 */
CltCustomerEditor *
clt_customer_editor_new_for_edit (GtkWindow   *parent,
                                  CltStore    *store,
                                  CltCustomer *customer)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CLT_IS_STORE (store), NULL);
  g_return_val_if_fail (CLT_IS_CUSTOMER (customer), NULL);

  return editor_new (parent, store, customer);
}

gboolean
clt_customer_editor_get_can_save (CltCustomerEditor *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), FALSE);

  return self->form.can_save;
}

gboolean
clt_customer_editor_get_busy (CltCustomerEditor *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), FALSE);

  return self->form.busy;
}

gboolean
clt_customer_editor_is_create (CltCustomerEditor *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), FALSE);

  return self->form.create;
}

CltCustomer *
clt_customer_editor_get_customer (CltCustomerEditor *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), NULL);

  return get_customer (self);
}

void
clt_customer_editor_save (CltCustomerEditor *self)
{
  g_autoptr(CltCustomer) customer = NULL;

  g_return_if_fail (CLT_IS_CUSTOMER_EDITOR (self));

  if (!clt_form_begin_save (&self->form))
    return;

  customer = clt_customer_copy (get_customer (self));

  if (self->form.create)
    {
      const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

      clt_store_create_customer_async (self->store, customer,
                                       password[0] != '\0' ? password : NULL,
                                       gtk_switch_get_active (self->send_token_switch),
                                       self->form.request_id,
                                       self->form.cancellable, on_save_ready_cb,
                                       g_object_ref (self));
    }
  else
    {
      clt_store_update_customer_async (self->store, customer, self->form.cancellable,
                                       on_save_ready_cb, g_object_ref (self));
    }
}

/* For tests --------------------------------------------------------------- */

GtkWidget *
clt_customer_editor_get_field_row (CltCustomerEditor *self,
                                   const char        *field)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (clt_custom_field_key_from_error_field (field) != NULL)
    return clt_custom_fields_group_get_row (self->custom_fields_group,
                                            clt_custom_field_key_from_error_field (field));

  return clt_form_get_field_row (&self->form, field);
}

const char *
clt_customer_editor_get_field_error (CltCustomerEditor *self,
                                     const char        *field)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (clt_custom_field_key_from_error_field (field) != NULL)
    return clt_custom_fields_group_get_error (self->custom_fields_group,
                                              clt_custom_field_key_from_error_field (field));

  return clt_form_get_field_error (&self->form, field);
}

const char *
clt_customer_editor_get_error (CltCustomerEditor *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), NULL);

  return clt_form_get_error (&self->form);
}

GtkWidget *
clt_customer_editor_get_retry_button (CltCustomerEditor *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), NULL);

  return GTK_WIDGET (self->form.retry_button);
}

GtkWidget *
clt_customer_editor_get_sign_in_button (CltCustomerEditor *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), NULL);

  return GTK_WIDGET (self->form.sign_in_button);
}
