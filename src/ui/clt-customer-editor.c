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
#include "clt-error.h"
#include "clt-form-field.h"
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
static const char * const field_properties[N_FIELDS] = {
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

typedef struct
{
  CltCustomerEditor *self;
  FieldId            id;
  /* An AdwEntryRow or AdwComboRow of the template. */
  GtkWidget         *row;
  /* The row under it that shows the error or the hint, in the same list. */
  GtkWidget         *message_row;
  GtkLabel          *message_label;
  /* Shown when there is no error; NULL for none. */
  const char        *hint;
  /* The error shown now, or NULL. */
  char              *error;
  /* The store's verdict on the last save, shown until the field changes. */
  char              *store_error;
  /* Combo rows but gender: the value of each item. */
  GPtrArray         *codes;
  /* The user changed it: its errors show (before, an empty form would
   * greet the user with a wall of "Enter …"). */
  guint              touched : 1;
  /* Not part of this mode's dialog. */
  guint              hidden : 1;
} Field;

struct _CltCustomerEditor
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkSwitch           *active_switch;
  AdwPreferencesGroup *addresses_group;
  GtkLabel            *banner_label;
  GtkRevealer         *banner_revealer;
  GtkLabel            *banner_title;
  AdwComboRow         *billing_row;
  AdwEntryRow         *company_row;
  AdwComboRow         *currency_row;
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
  AdwPreferencesPage  *page;
  AdwPasswordEntryRow *password_row;
  AdwEntryRow         *phone_row;
  GtkButton           *reload_button;
  AdwActionRow        *reset_row;
  AdwComboRow         *restriction_row;
  AdwComboRow         *salutation_row;
  GtkButton           *save_button;
  AdwActionRow        *send_token_row;
  GtkSwitch           *send_token_switch;
  AdwComboRow         *shipping_row;
  AdwComboRow         *site_row;
  GtkSpinner          *spinner;
  AdwEntryRow         *title_row;
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;

  CltStore            *store;
  /* Edit mode: the customer as passed in, never changed. */
  CltCustomer         *original;
  /* The copy the rows edit. */
  CltCustomer         *customer;
  GCancellable        *cancellable;
  Field                fields[N_FIELDS];
  char                *generated_password;

  /* Filling rows from the customer: their signals are not user edits. */
  guint                loading;

  guint                create : 1;
  guint                closed : 1;
  guint                saving : 1;
  guint                reloading : 1;
  guint                sending_reset : 1;
  guint                preferences_loaded : 1;
  guint                active_touched : 1;
  guint                on_hold_touched : 1;
  guint                can_save : 1;
  guint                busy : 1;
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

static CltValidateMode
get_mode (CltCustomerEditor *self)
{
  return self->create ? CLT_VALIDATE_CREATE : CLT_VALIDATE_UPDATE;
}

static void
add_toast (CltCustomerEditor *self,
           const char        *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_banner (CltCustomerEditor *self,
             const char        *title,
             const char        *message,
             gboolean           offer_reload)
{
  gtk_label_set_label (self->banner_title, title);
  gtk_label_set_label (self->banner_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->reload_button), offer_reload);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
hide_banner (CltCustomerEditor *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static Field *
find_field (CltCustomerEditor *self,
            const char        *name)
{
  for (guint i = 0; name != NULL && i < N_FIELDS; i++)
    {
      if (strcmp (field_properties[i], name) == 0)
        return &self->fields[i];
    }

  return NULL;
}

static gboolean
check_field (CltCustomerEditor  *self,
             Field              *field,
             char              **message)
{
  if (field->id == FIELD_PASSWORD)
    {
      const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

      /* Optional: the customer can set one through the token or reset link. */
      return password[0] == '\0' || clt_validate_password (password, message);
    }

  return clt_validate_customer_field (self->customer, field_properties[field->id], get_mode (self),
                                      message);
}

static void
update_field (Field *field)
{
  CltCustomerEditor *self = field->self;
  g_autofree char *message = NULL;
  gboolean valid;

  g_clear_pointer (&field->error, g_free);

  if (field->hidden)
    {
      gtk_widget_set_visible (field->message_row, FALSE);
      return;
    }

  valid = check_field (self, field, &message);

  if (field->store_error != NULL)
    field->error = g_strdup (field->store_error);
  else if (!valid && field->touched)
    field->error = g_steal_pointer (&message);

  clt_form_field_show_message (field->row, field->message_row, field->message_label,
                               field->error, field->hint);
}

static void
update_all_fields (CltCustomerEditor *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    update_field (&self->fields[i]);
}

static void
update_busy (CltCustomerEditor *self)
{
  gboolean busy = self->saving || self->reloading || (self->create && !self->preferences_loaded);

  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !self->saving && !self->reloading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);

  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static void
update_can_save (CltCustomerEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password_message = NULL;
  const char *reason = NULL;
  gboolean can_save;

  if (clt_store_get_read_only (self->store))
    reason = _("The database is read-only");
  else if (!clt_validate_customer (self->customer, get_mode (self), &error))
    reason = error->message;
  else if (self->create && !check_field (self, &self->fields[FIELD_PASSWORD], &password_message))
    reason = password_message;

  can_save = reason == NULL && !self->busy;

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), reason);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", can_save);

  if (can_save != self->can_save)
    {
      self->can_save = can_save;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE]);
    }
}

static void
field_changed (Field *field)
{
  field->touched = TRUE;
  g_clear_pointer (&field->store_error, g_free);

  update_field (field);
  /* The zip code's rule and the like depend on other fields, but none of
   * the customer's do: one field is enough. */
  update_can_save (field->self);
}

static char *
dup_field_value (CltCustomerEditor *self,
                 Field             *field)
{
  char *value = NULL;

  g_object_get (self->customer, field_properties[field->id], &value, NULL);

  return value != NULL ? value : g_strdup ("");
}

/* Selects the item of @value in a combo row, adding it when the list does
 * not know it (a salutation or site from an import): a value is never
 * changed just by opening the dialog. */
static void
combo_select (Field      *field,
              const char *value)
{
  AdwComboRow *row = ADW_COMBO_ROW (field->row);
  GListModel *model = adw_combo_row_get_model (row);
  guint position = GTK_INVALID_LIST_POSITION;

  g_assert (field->codes != NULL);

  field->self->loading++;

  for (guint i = 0; i < field->codes->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (field->codes, i), value) == 0)
        {
          position = i;
          break;
        }
    }

  if (position == GTK_INVALID_LIST_POSITION && value != NULL && value[0] != '\0')
    {
      g_ptr_array_add (field->codes, g_strdup (value));
      gtk_string_list_append (GTK_STRING_LIST (model), value);
      position = field->codes->len - 1;
    }

  adw_combo_row_set_selected (row, position);

  field->self->loading--;
}

/* Takes ownership of @codes (g_free'd strings) and @labels. */
static void
set_choices (Field         *field,
             GPtrArray     *codes,
             GtkStringList *labels)
{
  CltCustomerEditor *self = field->self;
  g_autofree char *value = dup_field_value (self, field);

  self->loading++;
  g_clear_pointer (&field->codes, g_ptr_array_unref);
  field->codes = codes;
  adw_combo_row_set_model (ADW_COMBO_ROW (field->row), G_LIST_MODEL (labels));
  g_object_unref (labels);
  self->loading--;

  combo_select (field, value);
}

static void
choices_add (GPtrArray     *codes,
             GtkStringList *labels,
             const char    *code,
             const char    *label)
{
  g_ptr_array_add (codes, g_strdup (code));
  gtk_string_list_append (labels, label);
}

static void
setup_salutations (CltCustomerEditor *self)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  GtkStringList *labels = gtk_string_list_new (NULL);

  /* The stored values are the English abbreviations the shops use. */
  choices_add (codes, labels, "", C_("salutation", "None"));
  choices_add (codes, labels, "Mr", C_("salutation", "Mr"));
  choices_add (codes, labels, "Mrs", C_("salutation", "Mrs"));
  choices_add (codes, labels, "Ms", C_("salutation", "Ms"));
  choices_add (codes, labels, "Mx", C_("salutation", "Mx"));
  choices_add (codes, labels, "Dr", C_("salutation", "Dr"));

  set_choices (&self->fields[FIELD_SALUTATION], codes, labels);
}

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

  self->loading++;
  adw_combo_row_set_model (self->gender_row, G_LIST_MODEL (model));
  self->loading--;
}

static void
setup_locales (CltCustomerEditor *self)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  GtkStringList *labels = gtk_string_list_new (NULL);
  const CltIsoLocale *locales;
  gsize n_locales;

  choices_add (codes, labels, "", C_("locale", "Not Set"));

  locales = clt_iso_codes_get_locales (&n_locales);
  for (gsize i = 0; i < n_locales; i++)
    choices_add (codes, labels, locales[i].code, clt_iso_codes_get_locale_name (locales[i].code));

  set_choices (&self->fields[FIELD_LOCALE], codes, labels);
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

      choices_add (codes, labels, currencies[i].code, label);
    }

  set_choices (&self->fields[FIELD_CURRENCY], codes, labels);
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

      choices_add (codes, labels, "", C_("site", "None"));

      for (guint j = 0; sites != NULL && j < sites->len; j++)
        {
          CltSite *site = g_ptr_array_index (sites, j);
          const char *name = clt_site_get_name (site);

          choices_add (codes, labels, clt_site_get_code (site),
                       name[0] != '\0' ? name : clt_site_get_code (site));
        }

      set_choices (&self->fields[ids[i]], codes, labels);
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

      choices_add (codes, labels, "", C_("address", "None"));

      for (guint j = 0; addresses != NULL && j < addresses->len; j++)
        {
          CltAddress *address = g_ptr_array_index (addresses, j);
          g_autofree char *summary = clt_address_dup_summary (address);

          choices_add (codes, labels, clt_address_get_id (address),
                       summary[0] != '\0' ? summary : clt_address_get_id (address));
        }

      set_choices (&self->fields[ids[i]], codes, labels);
    }
}

/* Fills every row from self->customer. */
static void
load_customer (CltCustomerEditor *self)
{
  self->loading++;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];

      if (field->id == FIELD_PASSWORD)
        continue;

      if (field->id == FIELD_GENDER)
        {
          adw_combo_row_set_selected (self->gender_row, clt_customer_get_gender (self->customer));
        }
      else if (ADW_IS_COMBO_ROW (field->row))
        {
          g_autofree char *value = dup_field_value (self, field);

          combo_select (field, value);
        }
      else
        {
          g_autofree char *value = dup_field_value (self, field);

          gtk_editable_set_text (GTK_EDITABLE (field->row), value);
        }

      /* An existing customer's problems show at once: they are why Save
       * may be insensitive. */
      field->touched = !self->create;
      g_clear_pointer (&field->store_error, g_free);
    }

  gtk_switch_set_active (self->active_switch, clt_customer_get_active (self->customer));
  gtk_switch_set_active (self->on_hold_switch, clt_customer_get_on_hold (self->customer));

  self->loading--;

  update_all_fields (self);
  update_can_save (self);
}

static void
apply_preferences (CltCustomerEditor  *self,
                   CltShopPreferences *preferences)
{
  /* Only what the user has not chosen yet. */
  if (!self->fields[FIELD_CURRENCY].touched)
    {
      clt_customer_set_currency (self->customer, clt_shop_preferences_get_default_currency (preferences));
      combo_select (&self->fields[FIELD_CURRENCY], clt_customer_get_currency (self->customer));
    }

  self->loading++;

  if (!self->active_touched)
    {
      clt_customer_set_active (self->customer,
                               clt_shop_preferences_get_customer_active_on_creation (preferences));
      gtk_switch_set_active (self->active_switch, clt_customer_get_active (self->customer));
    }

  if (!self->on_hold_touched)
    {
      clt_customer_set_on_hold (self->customer,
                                clt_shop_preferences_get_customer_on_hold_on_creation (preferences));
      gtk_switch_set_active (self->on_hold_switch, clt_customer_get_on_hold (self->customer));
    }

  self->loading--;

  update_field (&self->fields[FIELD_CURRENCY]);
}

static void
update_title (CltCustomerEditor *self)
{
  if (self->create)
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
on_entry_changed_cb (GtkEditable *editable,
                     Field       *field)
{
  CltCustomerEditor *self = field->self;
  const char *text = gtk_editable_get_text (editable);

  if (self->loading > 0 || self->closed)
    return;

  if (field->id == FIELD_PASSWORD)
    {
      /* Typed over: the generated one is no longer what will be set. */
      if (self->generated_password != NULL && g_strcmp0 (text, self->generated_password) != 0)
        {
          gtk_widget_set_visible (GTK_WIDGET (self->generated_row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->generated_row), "");
          g_clear_pointer (&self->generated_password, g_free);
        }
    }
  else
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      g_object_set (self->customer, field_properties[field->id], stripped, NULL);
    }

  field_changed (field);
}

static void
on_combo_selected_cb (AdwComboRow *row,
                      GParamSpec  *pspec,
                      Field       *field)
{
  CltCustomerEditor *self = field->self;
  guint position = adw_combo_row_get_selected (row);

  if (self->loading > 0 || self->closed)
    return;

  if (field->id == FIELD_GENDER)
    {
      clt_customer_set_gender (self->customer,
                               position <= CLT_GENDER_DIVERSE ? (CltGender) position : CLT_GENDER_UNSPECIFIED);
    }
  else
    {
      const char *code = "";

      if (field->codes != NULL && position < field->codes->len)
        code = g_ptr_array_index (field->codes, position);

      g_object_set (self->customer, field_properties[field->id], code, NULL);
    }

  field_changed (field);
}

static void
on_active_switch_cb (CltCustomerEditor *self)
{
  if (self->loading > 0 || self->closed)
    return;

  self->active_touched = TRUE;
  clt_customer_set_active (self->customer, gtk_switch_get_active (self->active_switch));
  update_can_save (self);
}

static void
on_on_hold_switch_cb (CltCustomerEditor *self)
{
  if (self->loading > 0 || self->closed)
    return;

  self->on_hold_touched = TRUE;
  clt_customer_set_on_hold (self->customer, gtk_switch_get_active (self->on_hold_switch));
  update_can_save (self);
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
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->closed)
    return;

  if (preferences == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Couldn't read the shop's defaults: %s"),
                                                  error->message);

      add_toast (self, message);
      preferences = clt_shop_preferences_new ();
    }

  apply_preferences (self, preferences);

  self->preferences_loaded = TRUE;
  update_busy (self);
  update_can_save (self);
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
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->closed)
    return;

  if (sites == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Couldn't list the sites: %s"), error->message);

      add_toast (self, message);
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
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->closed)
    return;

  if (addresses == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Couldn't list the addresses: %s"), error->message);

      add_toast (self, message);
      return;
    }

  setup_addresses (self, addresses);
}

static void
show_save_error (CltCustomerEditor *self,
                 const GError      *error)
{
  Field *field = find_field (self, clt_form_field_get_error_field (error));

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE) && !self->create)
    {
      show_banner (self,
                   _("Someone else changed this customer"),
                   _("It was changed after you opened it. Reload to see the current version: "
                     "what you typed here will be replaced."),
                   TRUE);
    }
  else if (field != NULL && !field->hidden)
    {
      g_free (field->store_error);
      field->store_error = g_strdup (error->message);
      field->touched = TRUE;
      update_field (field);
      gtk_widget_grab_focus (field->row);
    }
  else
    {
      show_banner (self,
                   self->create ? _("Couldn't add the customer") : _("Couldn't save the changes"),
                   error->message,
                   FALSE);
    }
}

static void
on_save_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CltCustomerEditor) self = user_data;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;

  if (self->create)
    stored = clt_store_create_customer_finish (CLT_STORE (object), result, &error);
  else
    stored = clt_store_update_customer_finish (CLT_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->closed)
    return;

  self->saving = FALSE;
  update_busy (self);

  if (stored == NULL)
    {
      show_save_error (self, error);
      update_can_save (self);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, stored);
  gtk_window_close (GTK_WINDOW (self));
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
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->closed)
    return;

  self->reloading = FALSE;
  update_busy (self);

  if (current == NULL)
    {
      show_banner (self, _("Couldn't reload the customer"), error->message, TRUE);
      update_can_save (self);
      return;
    }

  g_set_object (&self->customer, current);
  hide_banner (self);
  load_customer (self);
  clt_store_list_addresses_async (self->store, clt_customer_get_id (self->customer), self->cancellable,
                                  on_addresses_ready_cb, g_object_ref (self));
  add_toast (self, _("Showing the current version"));
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
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->closed)
        return;

      message = g_strdup_printf (_("Couldn't send the password reset email: %s"), error->message);
    }
  else if (self->closed)
    {
      return;
    }
  else
    {
      message = g_strdup_printf (_("Password reset email queued for %s"),
                                 clt_customer_get_email (self->customer));
    }

  self->sending_reset = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.send-password-reset", TRUE);
  add_toast (self, message);
}

/* Actions ----------------------------------------------------------------- */

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

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

  if (self->create || self->reloading || self->saving)
    return;

  self->reloading = TRUE;
  update_busy (self);
  update_can_save (self);

  clt_store_get_customer_async (self->store, clt_customer_get_id (self->original), self->cancellable,
                                on_reload_ready_cb, g_object_ref (self));
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
  add_toast (self, _("Password copied"));
}

static void
send_password_reset_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (widget);

  if (self->create || self->sending_reset)
    return;

  self->sending_reset = TRUE;
  gtk_widget_action_set_enabled (widget, "editor.send-password-reset", FALSE);

  clt_store_send_password_reset_async (self->store, clt_customer_get_id (self->original),
                                       self->cancellable, on_password_reset_ready_cb,
                                       g_object_ref (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (widget);

  if (!self->create)
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

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];

      field->self = self;
      field->id = i;
      field->row = rows[i];
      field->message_label = clt_form_field_add_message_row (field->row, &field->message_row);

      if (ADW_IS_COMBO_ROW (field->row))
        g_signal_connect (field->row, "notify::selected", G_CALLBACK (on_combo_selected_cb), field);
      else
        g_signal_connect (field->row, "changed", G_CALLBACK (on_entry_changed_cb), field);
    }
}

static void
configure_mode (CltCustomerEditor *self)
{
  gboolean create = self->create;

  self->fields[FIELD_ID].hidden = !create;
  self->fields[FIELD_PASSWORD].hidden = !create;
  self->fields[FIELD_DEFAULT_BILLING].hidden = create;
  self->fields[FIELD_DEFAULT_SHIPPING].hidden = create;

  for (guint i = 0; i < N_FIELDS; i++)
    gtk_widget_set_visible (self->fields[i].row, !self->fields[i].hidden);

  if (create)
    {
      self->fields[FIELD_ID].hint = _("Optional: a unique ID is generated when left empty");
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->email_row), FALSE);
      self->fields[FIELD_EMAIL].hint = _("The email address can't be changed");
    }
  self->fields[FIELD_DATE_OF_BIRTH].hint = _("As YYYY-MM-DD, or pick a day from the calendar");
  self->fields[FIELD_PASSWORD].hint = _("Optional: without one, the customer sets a password "
                                         "through the token or a reset email");

  gtk_widget_set_visible (GTK_WIDGET (self->addresses_group), !create);
  gtk_widget_set_visible (GTK_WIDGET (self->generated_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->send_token_row), create);
  gtk_widget_set_visible (GTK_WIDGET (self->reset_row), !create);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), !create);

  gtk_button_set_label (self->save_button, create ? _("_Add") : _("_Save"));

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

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (clt_customer_editor_parent_class)->close_request (window);
}

static void
clt_customer_editor_constructed (GObject *object)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (object);
  g_autoptr(CltShopPreferences) defaults = NULL;

  G_OBJECT_CLASS (clt_customer_editor_parent_class)->constructed (object);

  g_assert (CLT_IS_STORE (self->store));

  self->create = self->original == NULL;
  self->customer = self->create ? clt_customer_new () : clt_customer_copy (self->original);

  setup_fields (self);
  configure_mode (self);

  setup_salutations (self);
  setup_genders (self);
  setup_locales (self);
  setup_currencies (self);
  setup_sites (self, NULL);
  setup_addresses (self, NULL);

  if (self->create)
    {
      /* Until the shop's own arrive. */
      defaults = clt_shop_preferences_new ();
      apply_preferences (self, defaults);
    }

  load_customer (self);
  update_busy (self);
  update_can_save (self);

  /* Enter in a text row saves, once Save is sensitive. */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (ADW_IS_ENTRY_ROW (self->fields[i].row))
        adw_entry_row_set_activates_default (ADW_ENTRY_ROW (self->fields[i].row), TRUE);
    }
  gtk_window_set_focus (GTK_WINDOW (self),
                        self->create ? GTK_WIDGET (self->email_row) : GTK_WIDGET (self->first_name_row));

  if (clt_store_get_read_only (self->store))
    show_banner (self, _("The database is read-only"), _("Customers can be viewed but not changed."),
                 FALSE);

  if (self->create)
    clt_store_get_preferences_async (self->store, self->cancellable, on_preferences_ready_cb,
                                     g_object_ref (self));
  else
    clt_store_list_addresses_async (self->store, clt_customer_get_id (self->customer), self->cancellable,
                                    on_addresses_ready_cb, g_object_ref (self));

  clt_store_list_sites_async (self->store, self->cancellable, on_sites_ready_cb, g_object_ref (self));
}

static void
clt_customer_editor_dispose (GObject *object)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (object);

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_CUSTOMER_EDITOR);

  G_OBJECT_CLASS (clt_customer_editor_parent_class)->dispose (object);
}

static void
clt_customer_editor_finalize (GObject *object)
{
  CltCustomerEditor *self = CLT_CUSTOMER_EDITOR (object);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_clear_pointer (&self->fields[i].error, g_free);
      g_clear_pointer (&self->fields[i].store_error, g_free);
      g_clear_pointer (&self->fields[i].codes, g_ptr_array_unref);
    }

  if (self->generated_password != NULL)
    memset (self->generated_password, 0, strlen (self->generated_password));
  g_clear_pointer (&self->generated_password, g_free);

  g_clear_object (&self->customer);
  g_clear_object (&self->original);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

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
      g_value_set_boolean (value, self->can_save);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
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

  g_type_ensure (CLT_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-customer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, active_switch);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, addresses_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, banner_title);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, billing_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, currency_row);
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
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, page);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, password_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, reload_button);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, reset_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, restriction_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, salutation_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, send_token_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, send_token_switch);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, shipping_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, site_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerEditor, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_active_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_on_hold_switch_cb);

  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.copy-password", NULL, copy_password_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.generate-password", NULL, generate_password_action);
  gtk_widget_class_install_action (widget_class, "editor.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.send-password-reset", NULL,
                                   send_password_reset_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
clt_customer_editor_init (CltCustomerEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
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

  return self->can_save;
}

gboolean
clt_customer_editor_get_busy (CltCustomerEditor *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), FALSE);

  return self->busy;
}

gboolean
clt_customer_editor_is_create (CltCustomerEditor *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), FALSE);

  return self->create;
}

CltCustomer *
clt_customer_editor_get_customer (CltCustomerEditor *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), NULL);

  return self->customer;
}

void
clt_customer_editor_save (CltCustomerEditor *self)
{
  g_autoptr(CltCustomer) customer = NULL;

  g_return_if_fail (CLT_IS_CUSTOMER_EDITOR (self));

  if (!self->can_save)
    return;

  hide_banner (self);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (self->fields[i].store_error != NULL)
        {
          g_clear_pointer (&self->fields[i].store_error, g_free);
          update_field (&self->fields[i]);
        }
    }

  self->saving = TRUE;
  update_busy (self);
  update_can_save (self);

  customer = clt_customer_copy (self->customer);

  if (self->create)
    {
      const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

      clt_store_create_customer_async (self->store, customer,
                                       password[0] != '\0' ? password : NULL,
                                       gtk_switch_get_active (self->send_token_switch),
                                       self->cancellable, on_save_ready_cb, g_object_ref (self));
    }
  else
    {
      clt_store_update_customer_async (self->store, customer, self->cancellable, on_save_ready_cb,
                                       g_object_ref (self));
    }
}

GtkWidget *
clt_customer_editor_get_field_row (CltCustomerEditor *self,
                                   const char        *field)
{
  Field *f;

  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  f = find_field (self, field);
  if (f == NULL || f->hidden)
    return NULL;

  return f->row;
}

const char *
clt_customer_editor_get_field_error (CltCustomerEditor *self,
                                     const char        *field)
{
  Field *f;

  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  f = find_field (self, field);

  return f != NULL ? f->error : NULL;
}

const char *
clt_customer_editor_get_error (CltCustomerEditor *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_EDITOR (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;

  return gtk_label_get_label (self->banner_label);
}
