/* clt-customer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-customer"

#include "config.h"

#include "clt-address.h"
#include "clt-customer-private.h"
#include "clt-enum-types.h"
#include "clt-marketing-record.h"
#include "clt-order.h"

G_DEFINE_FINAL_TYPE (CltCustomer, clt_customer, G_TYPE_OBJECT)

GParamSpec *customer_properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gpointer
copy_address (gconstpointer src,
              gpointer      user_data)
{
  return clt_address_copy ((CltAddress *) src);
}

static gpointer
copy_order (gconstpointer src,
            gpointer      user_data)
{
  return clt_order_copy ((CltOrder *) src);
}

static gpointer
copy_marketing_record (gconstpointer src,
                       gpointer      user_data)
{
  return clt_marketing_record_copy ((CltMarketingRecord *) src);
}

static void
clt_customer_finalize (GObject *object)
{
  CltCustomer *self = (CltCustomer *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->salutation, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->middle_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->date_of_birth, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->locale, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->preferred_site, g_free);
  g_clear_pointer (&self->restriction, g_free);
  g_clear_pointer (&self->registered, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);
  g_clear_pointer (&self->last_login, g_date_time_unref);
  g_clear_pointer (&self->anonymized_at, g_date_time_unref);
  g_clear_pointer (&self->default_billing_address, g_free);
  g_clear_pointer (&self->default_shipping_address, g_free);
  g_clear_pointer (&self->zip_code, g_free);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->country, g_free);
  g_clear_pointer (&self->groups, g_strfreev);
  g_clear_pointer (&self->company_id, g_free);
  g_clear_pointer (&self->business_unit, g_free);
  g_clear_pointer (&self->roles, g_strfreev);
  g_clear_pointer (&self->custom_fields, g_variant_unref);
  g_clear_pointer (&self->import_addresses, g_ptr_array_unref);
  g_clear_pointer (&self->import_orders, g_ptr_array_unref);
  g_clear_pointer (&self->import_marketing, g_ptr_array_unref);

  G_OBJECT_CLASS (clt_customer_parent_class)->finalize (object);
}

/* Notifies @prop_id, then emits "changed", or inside a fill leaves that
 * to its end. "changed" is emitted by hand rather than from a
 * dispatch_properties_changed override: with one, GLib 2.74 queues and
 * dispatches every notification even of a customer nobody listens to
 * (the many rows a page fills that no cell shows), which cost a fill
 * more than the notify handlers it saved. */
void
_clt_customer_notify (CltCustomer *self,
                      guint        prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), customer_properties[prop_id]);
  if (self->filling)
    self->changed_while_filling = TRUE;
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
clt_customer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CltCustomer *self = CLT_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, clt_customer_get_loaded (self));
      break;

    case PROP_ID:
      g_value_set_string (value, clt_customer_get_id (self));
      break;

    case PROP_NUMBER:
      g_value_set_string (value, clt_customer_get_number (self));
      break;

    case PROP_EMAIL:
      g_value_set_string (value, clt_customer_get_email (self));
      break;

    case PROP_SALUTATION:
      g_value_set_string (value, clt_customer_get_salutation (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, clt_customer_get_title (self));
      break;

    case PROP_FIRST_NAME:
      g_value_set_string (value, clt_customer_get_first_name (self));
      break;

    case PROP_MIDDLE_NAME:
      g_value_set_string (value, clt_customer_get_middle_name (self));
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, clt_customer_get_last_name (self));
      break;

    case PROP_GENDER:
      g_value_set_enum (value, clt_customer_get_gender (self));
      break;

    case PROP_DATE_OF_BIRTH:
      g_value_set_string (value, clt_customer_get_date_of_birth (self));
      break;

    case PROP_PHONE:
      g_value_set_string (value, clt_customer_get_phone (self));
      break;

    case PROP_COMPANY:
      g_value_set_string (value, clt_customer_get_company (self));
      break;

    case PROP_LOCALE:
      g_value_set_string (value, clt_customer_get_locale (self));
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, clt_customer_get_currency (self));
      break;

    case PROP_PREFERRED_SITE:
      g_value_set_string (value, clt_customer_get_preferred_site (self));
      break;

    case PROP_RESTRICTION:
      g_value_set_string (value, clt_customer_get_restriction (self));
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, clt_customer_get_active (self));
      break;

    case PROP_ON_HOLD:
      g_value_set_boolean (value, clt_customer_get_on_hold (self));
      break;

    case PROP_VERIFIED:
      g_value_set_boolean (value, clt_customer_get_verified (self));
      break;

    case PROP_REGISTERED:
      g_value_set_boxed (value, clt_customer_get_registered (self));
      break;

    case PROP_UPDATED:
      g_value_set_boxed (value, clt_customer_get_updated (self));
      break;

    case PROP_LAST_LOGIN:
      g_value_set_boxed (value, clt_customer_get_last_login (self));
      break;

    case PROP_ANONYMIZED_AT:
      g_value_set_boxed (value, clt_customer_get_anonymized_at (self));
      break;

    case PROP_DEFAULT_BILLING_ADDRESS:
      g_value_set_string (value, clt_customer_get_default_billing_address (self));
      break;

    case PROP_DEFAULT_SHIPPING_ADDRESS:
      g_value_set_string (value, clt_customer_get_default_shipping_address (self));
      break;

    case PROP_ZIP_CODE:
      g_value_set_string (value, clt_customer_get_zip_code (self));
      break;

    case PROP_CITY:
      g_value_set_string (value, clt_customer_get_city (self));
      break;

    case PROP_COUNTRY:
      g_value_set_string (value, clt_customer_get_country (self));
      break;

    case PROP_GROUPS:
      g_value_set_boxed (value, clt_customer_get_groups (self));
      break;

    case PROP_COMPANY_ID:
      g_value_set_string (value, clt_customer_get_company_id (self));
      break;

    case PROP_BUSINESS_UNIT:
      g_value_set_string (value, clt_customer_get_business_unit (self));
      break;

    case PROP_ROLES:
      g_value_set_boxed (value, clt_customer_get_roles (self));
      break;

    case PROP_CUSTOM_FIELDS:
      g_value_set_variant (value, clt_customer_get_custom_fields (self));
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, clt_customer_get_version (self));
      break;

    case PROP_STATUS:
      g_value_set_enum (value, clt_customer_get_status (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_customer_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CltCustomer *self = CLT_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      clt_customer_set_loaded (self, g_value_get_boolean (value));
      break;

    case PROP_ID:
      clt_customer_set_id (self, g_value_get_string (value));
      break;

    case PROP_NUMBER:
      clt_customer_set_number (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      clt_customer_set_email (self, g_value_get_string (value));
      break;

    case PROP_SALUTATION:
      clt_customer_set_salutation (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      clt_customer_set_title (self, g_value_get_string (value));
      break;

    case PROP_FIRST_NAME:
      clt_customer_set_first_name (self, g_value_get_string (value));
      break;

    case PROP_MIDDLE_NAME:
      clt_customer_set_middle_name (self, g_value_get_string (value));
      break;

    case PROP_LAST_NAME:
      clt_customer_set_last_name (self, g_value_get_string (value));
      break;

    case PROP_GENDER:
      clt_customer_set_gender (self, g_value_get_enum (value));
      break;

    case PROP_DATE_OF_BIRTH:
      clt_customer_set_date_of_birth (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      clt_customer_set_phone (self, g_value_get_string (value));
      break;

    case PROP_COMPANY:
      clt_customer_set_company (self, g_value_get_string (value));
      break;

    case PROP_LOCALE:
      clt_customer_set_locale (self, g_value_get_string (value));
      break;

    case PROP_CURRENCY:
      clt_customer_set_currency (self, g_value_get_string (value));
      break;

    case PROP_PREFERRED_SITE:
      clt_customer_set_preferred_site (self, g_value_get_string (value));
      break;

    case PROP_RESTRICTION:
      clt_customer_set_restriction (self, g_value_get_string (value));
      break;

    case PROP_ACTIVE:
      clt_customer_set_active (self, g_value_get_boolean (value));
      break;

    case PROP_ON_HOLD:
      clt_customer_set_on_hold (self, g_value_get_boolean (value));
      break;

    case PROP_VERIFIED:
      clt_customer_set_verified (self, g_value_get_boolean (value));
      break;

    case PROP_REGISTERED:
      clt_customer_set_registered (self, g_value_get_boxed (value));
      break;

    case PROP_UPDATED:
      clt_customer_set_updated (self, g_value_get_boxed (value));
      break;

    case PROP_LAST_LOGIN:
      clt_customer_set_last_login (self, g_value_get_boxed (value));
      break;

    case PROP_ANONYMIZED_AT:
      clt_customer_set_anonymized_at (self, g_value_get_boxed (value));
      break;

    case PROP_DEFAULT_BILLING_ADDRESS:
      clt_customer_set_default_billing_address (self, g_value_get_string (value));
      break;

    case PROP_DEFAULT_SHIPPING_ADDRESS:
      clt_customer_set_default_shipping_address (self, g_value_get_string (value));
      break;

    case PROP_ZIP_CODE:
      clt_customer_set_zip_code (self, g_value_get_string (value));
      break;

    case PROP_CITY:
      clt_customer_set_city (self, g_value_get_string (value));
      break;

    case PROP_COUNTRY:
      clt_customer_set_country (self, g_value_get_string (value));
      break;

    case PROP_GROUPS:
      clt_customer_set_groups (self, g_value_get_boxed (value));
      break;

    case PROP_COMPANY_ID:
      clt_customer_set_company_id (self, g_value_get_string (value));
      break;

    case PROP_BUSINESS_UNIT:
      clt_customer_set_business_unit (self, g_value_get_string (value));
      break;

    case PROP_ROLES:
      clt_customer_set_roles (self, g_value_get_boxed (value));
      break;

    case PROP_CUSTOM_FIELDS:
      clt_customer_set_custom_fields (self, g_value_get_variant (value));
      break;

    case PROP_VERSION:
      clt_customer_set_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_customer_class_init (CltCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_customer_finalize;
  object_class->get_property = clt_customer_get_property;
  object_class->set_property = clt_customer_set_property;

  customer_properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_SALUTATION] =
    g_param_spec_string ("salutation", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_MIDDLE_NAME] =
    g_param_spec_string ("middle-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_GENDER] =
    g_param_spec_enum ("gender", NULL, NULL,
                       CLT_TYPE_GENDER, CLT_GENDER_UNSPECIFIED,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_DATE_OF_BIRTH] =
    g_param_spec_string ("date-of-birth", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_LOCALE] =
    g_param_spec_string ("locale", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_PREFERRED_SITE] =
    g_param_spec_string ("preferred-site", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_RESTRICTION] =
    g_param_spec_string ("restriction", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_ON_HOLD] =
    g_param_spec_boolean ("on-hold", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_VERIFIED] =
    g_param_spec_boolean ("verified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_REGISTERED] =
    g_param_spec_boxed ("registered", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_UPDATED] =
    g_param_spec_boxed ("updated", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_LAST_LOGIN] =
    g_param_spec_boxed ("last-login", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_ANONYMIZED_AT] =
    g_param_spec_boxed ("anonymized-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_DEFAULT_BILLING_ADDRESS] =
    g_param_spec_string ("default-billing-address", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_DEFAULT_SHIPPING_ADDRESS] =
    g_param_spec_string ("default-shipping-address", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_ZIP_CODE] =
    g_param_spec_string ("zip-code", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_GROUPS] =
    g_param_spec_boxed ("groups", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_COMPANY_ID] =
    g_param_spec_string ("company-id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_BUSINESS_UNIT] =
    g_param_spec_string ("business-unit", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_ROLES] =
    g_param_spec_boxed ("roles", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_CUSTOM_FIELDS] =
    g_param_spec_variant ("custom-fields", NULL, NULL,
                          G_VARIANT_TYPE_VARDICT,
                          NULL,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  customer_properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /* Derived from "active" and "on-hold"; notified when either change moves it. */
  customer_properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       CLT_TYPE_CUSTOMER_STATUS, CLT_CUSTOMER_STATUS_INACTIVE,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, customer_properties);

  /**
   * CltCustomer::changed:
   *
   * Emitted after a property changed, after its notification (a setter
   * that changes two, like clt_customer_set_active () with "status", emits
   * it twice), and once for all the properties clt_customer_update_from ()
   * changed (a placeholder filled), after all their notifications. For
   * who shows several properties and does not need to know which changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
clt_customer_init (CltCustomer *self)
{
}

CltCustomer *
clt_customer_new (void)
{
  return g_object_new (CLT_TYPE_CUSTOMER, NULL);
}

CltCustomer *
clt_customer_copy (CltCustomer *self)
{
  CltCustomer *copy;

  g_return_val_if_fail (CLT_IS_CUSTOMER (self), NULL);

  copy = clt_customer_new ();
  copy->loaded = self->loaded;
  copy->id = g_strdup (self->id);
  copy->number = g_strdup (self->number);
  copy->email = g_strdup (self->email);
  copy->salutation = g_strdup (self->salutation);
  copy->title = g_strdup (self->title);
  copy->first_name = g_strdup (self->first_name);
  copy->middle_name = g_strdup (self->middle_name);
  copy->last_name = g_strdup (self->last_name);
  copy->gender = self->gender;
  copy->date_of_birth = g_strdup (self->date_of_birth);
  copy->phone = g_strdup (self->phone);
  copy->company = g_strdup (self->company);
  copy->locale = g_strdup (self->locale);
  copy->currency = g_strdup (self->currency);
  copy->preferred_site = g_strdup (self->preferred_site);
  copy->restriction = g_strdup (self->restriction);
  copy->active = self->active;
  copy->on_hold = self->on_hold;
  copy->verified = self->verified;
  copy->registered = self->registered != NULL ? g_date_time_ref (self->registered) : NULL;
  copy->updated = self->updated != NULL ? g_date_time_ref (self->updated) : NULL;
  copy->last_login = self->last_login != NULL ? g_date_time_ref (self->last_login) : NULL;
  copy->anonymized_at = self->anonymized_at != NULL ? g_date_time_ref (self->anonymized_at) : NULL;
  copy->default_billing_address = g_strdup (self->default_billing_address);
  copy->default_shipping_address = g_strdup (self->default_shipping_address);
  copy->zip_code = g_strdup (self->zip_code);
  copy->city = g_strdup (self->city);
  copy->country = g_strdup (self->country);
  copy->groups = g_strdupv (self->groups);
  copy->company_id = g_strdup (self->company_id);
  copy->business_unit = g_strdup (self->business_unit);
  copy->roles = g_strdupv (self->roles);
  copy->custom_fields = self->custom_fields != NULL ? g_variant_ref (self->custom_fields) : NULL;
  copy->version = self->version;

  if (self->import_addresses != NULL && self->import_addresses->len > 0)
    copy->import_addresses = g_ptr_array_copy (self->import_addresses, copy_address, NULL);
  if (self->import_orders != NULL && self->import_orders->len > 0)
    copy->import_orders = g_ptr_array_copy (self->import_orders, copy_order, NULL);
  if (self->import_marketing != NULL && self->import_marketing->len > 0)
    copy->import_marketing = g_ptr_array_copy (self->import_marketing, copy_marketing_record,
                                               NULL);

  return copy;
}

/**
 * clt_customer_update_from:
 * @self: the customer to fill, typically a placeholder row
 * @source: the customer as the store returned it
 *
 * Copies every property of @source into @self inside one
 * freeze/thaw, so each property that differs is notified once and the
 * ones that are equal are not notified at all. @self counts as loaded
 * afterwards: filling a placeholder is what loading means. The import
 * arrays are not copied (they only travel towards a store).
 */
void
clt_customer_update_from (CltCustomer *self,
                          CltCustomer *source)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));
  g_return_if_fail (CLT_IS_CUSTOMER (source));

  if (self == source)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->filling = TRUE;

  clt_customer_set_id (self, source->id);
  clt_customer_set_number (self, source->number);
  clt_customer_set_email (self, source->email);
  clt_customer_set_salutation (self, source->salutation);
  clt_customer_set_title (self, source->title);
  clt_customer_set_first_name (self, source->first_name);
  clt_customer_set_middle_name (self, source->middle_name);
  clt_customer_set_last_name (self, source->last_name);
  clt_customer_set_gender (self, source->gender);
  clt_customer_set_date_of_birth (self, source->date_of_birth);
  clt_customer_set_phone (self, source->phone);
  clt_customer_set_company (self, source->company);
  clt_customer_set_locale (self, source->locale);
  clt_customer_set_currency (self, source->currency);
  clt_customer_set_preferred_site (self, source->preferred_site);
  clt_customer_set_restriction (self, source->restriction);
  clt_customer_set_active (self, source->active);
  clt_customer_set_on_hold (self, source->on_hold);
  clt_customer_set_verified (self, source->verified);
  clt_customer_set_registered (self, source->registered);
  clt_customer_set_updated (self, source->updated);
  clt_customer_set_last_login (self, source->last_login);
  clt_customer_set_anonymized_at (self, source->anonymized_at);
  clt_customer_set_default_billing_address (self, source->default_billing_address);
  clt_customer_set_default_shipping_address (self, source->default_shipping_address);
  clt_customer_set_zip_code (self, source->zip_code);
  clt_customer_set_city (self, source->city);
  clt_customer_set_country (self, source->country);
  clt_customer_set_groups (self, (const char * const *) source->groups);
  clt_customer_set_company_id (self, source->company_id);
  clt_customer_set_business_unit (self, source->business_unit);
  clt_customer_set_roles (self, (const char * const *) source->roles);
  clt_customer_set_custom_fields (self, source->custom_fields);
  clt_customer_set_version (self, source->version);
  clt_customer_set_loaded (self, TRUE);

  self->filling = FALSE;
  g_object_thaw_notify (G_OBJECT (self));
  if (self->changed_while_filling)
    {
      self->changed_while_filling = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

/**
 * clt_customer_dup_full_name:
 *
 * Returns: (transfer full): "First Middle Last" with the empty parts left
 *   out, or "" when all are empty
 */
char *
clt_customer_dup_full_name (CltCustomer *self)
{
  const char *parts[3];
  GString *name;

  g_return_val_if_fail (CLT_IS_CUSTOMER (self), NULL);

  parts[0] = self->first_name;
  parts[1] = self->middle_name;
  parts[2] = self->last_name;

  name = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *part = NULL;

      if (parts[i] == NULL)
        continue;

      part = g_strstrip (g_strdup (parts[i]));
      if (part[0] == '\0')
        continue;

      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, part);
    }

  return g_string_free (name, FALSE);
}

/**
 * clt_customer_get_import_addresses:
 *
 * Returns: (transfer none) (element-type CltAddress): the addresses to
 *   import with this customer; add to it
 */
GPtrArray *
clt_customer_get_import_addresses (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), NULL);

  if (self->import_addresses == NULL)
    self->import_addresses = g_ptr_array_new_with_free_func (g_object_unref);

  return self->import_addresses;
}

/**
 * clt_customer_get_import_orders:
 *
 * Returns: (transfer none) (element-type CltOrder): the orders to import
 *   with this customer; add to it
 */
GPtrArray *
clt_customer_get_import_orders (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), NULL);

  if (self->import_orders == NULL)
    self->import_orders = g_ptr_array_new_with_free_func (g_object_unref);

  return self->import_orders;
}

/**
 * clt_customer_get_import_marketing:
 *
 * Returns: (transfer none) (element-type CltMarketingRecord): the
 *   marketing records to import with this customer; add to it
 */
GPtrArray *
clt_customer_get_import_marketing (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), NULL);

  if (self->import_marketing == NULL)
    self->import_marketing = g_ptr_array_new_with_free_func (g_object_unref);

  return self->import_marketing;
}
