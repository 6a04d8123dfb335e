/* clt-customer-accessors.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-customer"

#include "config.h"

#include "clt-customer-private.h"
#include "clt-property-util.h"

static CltCustomerStatus
derive_status (gboolean active,
               gboolean on_hold)
{
  if (on_hold)
    return CLT_CUSTOMER_STATUS_ON_HOLD;
  if (active)
    return CLT_CUSTOMER_STATUS_ACTIVE;
  return CLT_CUSTOMER_STATUS_INACTIVE;
}

gboolean
clt_customer_get_loaded (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), FALSE);

  return self->loaded;
}

void
clt_customer_set_loaded (CltCustomer *self,
                         gboolean     loaded)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  loaded = !!loaded;

  if (self->loaded == loaded)
    return;

  self->loaded = loaded;
  _clt_customer_notify (self, PROP_LOADED);
}

const char *
clt_customer_get_id (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->id != NULL ? self->id : "";
}

void
clt_customer_set_id (CltCustomer *self,
                     const char  *id)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->id, id))
    _clt_customer_notify (self, PROP_ID);
}

const char *
clt_customer_get_number (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->number != NULL ? self->number : "";
}

void
clt_customer_set_number (CltCustomer *self,
                         const char  *number)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->number, number))
    _clt_customer_notify (self, PROP_NUMBER);
}

const char *
clt_customer_get_email (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->email != NULL ? self->email : "";
}

void
clt_customer_set_email (CltCustomer *self,
                        const char  *email)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->email, email))
    _clt_customer_notify (self, PROP_EMAIL);
}

const char *
clt_customer_get_salutation (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->salutation != NULL ? self->salutation : "";
}

void
clt_customer_set_salutation (CltCustomer *self,
                             const char  *salutation)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->salutation, salutation))
    _clt_customer_notify (self, PROP_SALUTATION);
}

const char *
clt_customer_get_title (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->title != NULL ? self->title : "";
}

void
clt_customer_set_title (CltCustomer *self,
                        const char  *title)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->title, title))
    _clt_customer_notify (self, PROP_TITLE);
}

const char *
clt_customer_get_first_name (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->first_name != NULL ? self->first_name : "";
}

void
clt_customer_set_first_name (CltCustomer *self,
                             const char  *first_name)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->first_name, first_name))
    _clt_customer_notify (self, PROP_FIRST_NAME);
}

const char *
clt_customer_get_middle_name (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->middle_name != NULL ? self->middle_name : "";
}

void
clt_customer_set_middle_name (CltCustomer *self,
                              const char  *middle_name)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->middle_name, middle_name))
    _clt_customer_notify (self, PROP_MIDDLE_NAME);
}

const char *
clt_customer_get_last_name (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->last_name != NULL ? self->last_name : "";
}

void
clt_customer_set_last_name (CltCustomer *self,
                            const char  *last_name)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->last_name, last_name))
    _clt_customer_notify (self, PROP_LAST_NAME);
}

CltGender
clt_customer_get_gender (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), CLT_GENDER_UNSPECIFIED);

  return self->gender;
}

void
clt_customer_set_gender (CltCustomer *self,
                         CltGender    gender)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (self->gender == gender)
    return;

  self->gender = gender;
  _clt_customer_notify (self, PROP_GENDER);
}

const char *
clt_customer_get_date_of_birth (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->date_of_birth != NULL ? self->date_of_birth : "";
}

void
clt_customer_set_date_of_birth (CltCustomer *self,
                                const char  *date_of_birth)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->date_of_birth, date_of_birth))
    _clt_customer_notify (self, PROP_DATE_OF_BIRTH);
}

const char *
clt_customer_get_phone (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->phone != NULL ? self->phone : "";
}

void
clt_customer_set_phone (CltCustomer *self,
                        const char  *phone)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->phone, phone))
    _clt_customer_notify (self, PROP_PHONE);
}

const char *
clt_customer_get_company (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->company != NULL ? self->company : "";
}

void
clt_customer_set_company (CltCustomer *self,
                          const char  *company)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->company, company))
    _clt_customer_notify (self, PROP_COMPANY);
}

const char *
clt_customer_get_locale (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->locale != NULL ? self->locale : "";
}

void
clt_customer_set_locale (CltCustomer *self,
                         const char  *locale)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->locale, locale))
    _clt_customer_notify (self, PROP_LOCALE);
}

const char *
clt_customer_get_currency (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->currency != NULL ? self->currency : "";
}

void
clt_customer_set_currency (CltCustomer *self,
                           const char  *currency)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->currency, currency))
    _clt_customer_notify (self, PROP_CURRENCY);
}

const char *
clt_customer_get_preferred_site (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->preferred_site != NULL ? self->preferred_site : "";
}

void
clt_customer_set_preferred_site (CltCustomer *self,
                                 const char  *site_code)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->preferred_site, site_code))
    _clt_customer_notify (self, PROP_PREFERRED_SITE);
}

const char *
clt_customer_get_effective_restriction (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  if (self->restriction != NULL && self->restriction[0] != '\0')
    return self->restriction;

  return clt_customer_get_preferred_site (self);
}

const char *
clt_customer_get_restriction (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->restriction != NULL ? self->restriction : "";
}

void
clt_customer_set_restriction (CltCustomer *self,
                              const char  *restriction)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->restriction, restriction))
    _clt_customer_notify (self, PROP_RESTRICTION);
}

gboolean
clt_customer_get_active (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), FALSE);

  return self->active;
}

void
clt_customer_set_active (CltCustomer *self,
                         gboolean     active)
{
  CltCustomerStatus old_status;

  g_return_if_fail (CLT_IS_CUSTOMER (self));

  active = !!active;

  if (self->active == active)
    return;

  old_status = clt_customer_get_status (self);
  self->active = active;
  _clt_customer_notify (self, PROP_ACTIVE);
  if (clt_customer_get_status (self) != old_status)
    _clt_customer_notify (self, PROP_STATUS);
}

gboolean
clt_customer_get_on_hold (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), FALSE);

  return self->on_hold;
}

void
clt_customer_set_on_hold (CltCustomer *self,
                          gboolean     on_hold)
{
  CltCustomerStatus old_status;

  g_return_if_fail (CLT_IS_CUSTOMER (self));

  on_hold = !!on_hold;

  if (self->on_hold == on_hold)
    return;

  old_status = clt_customer_get_status (self);
  self->on_hold = on_hold;
  _clt_customer_notify (self, PROP_ON_HOLD);
  if (clt_customer_get_status (self) != old_status)
    _clt_customer_notify (self, PROP_STATUS);
}

gboolean
clt_customer_get_verified (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), FALSE);

  return self->verified;
}

void
clt_customer_set_verified (CltCustomer *self,
                           gboolean     verified)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  verified = !!verified;

  if (self->verified == verified)
    return;

  self->verified = verified;
  _clt_customer_notify (self, PROP_VERIFIED);
}

GDateTime *
clt_customer_get_registered (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), NULL);

  return self->registered;
}

void
clt_customer_set_registered (CltCustomer *self,
                             GDateTime   *registered)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_date_time (&self->registered, registered))
    _clt_customer_notify (self, PROP_REGISTERED);
}

GDateTime *
clt_customer_get_updated (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), NULL);

  return self->updated;
}

void
clt_customer_set_updated (CltCustomer *self,
                          GDateTime   *updated)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_date_time (&self->updated, updated))
    _clt_customer_notify (self, PROP_UPDATED);
}

GDateTime *
clt_customer_get_last_login (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), NULL);

  return self->last_login;
}

void
clt_customer_set_last_login (CltCustomer *self,
                             GDateTime   *last_login)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_date_time (&self->last_login, last_login))
    _clt_customer_notify (self, PROP_LAST_LOGIN);
}

GDateTime *
clt_customer_get_anonymized_at (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), NULL);

  return self->anonymized_at;
}

void
clt_customer_set_anonymized_at (CltCustomer *self,
                                GDateTime   *anonymized_at)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_date_time (&self->anonymized_at, anonymized_at))
    _clt_customer_notify (self, PROP_ANONYMIZED_AT);
}

const char *
clt_customer_get_default_billing_address (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->default_billing_address != NULL ? self->default_billing_address : "";
}

void
clt_customer_set_default_billing_address (CltCustomer *self,
                                          const char  *address_id)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->default_billing_address, address_id))
    _clt_customer_notify (self, PROP_DEFAULT_BILLING_ADDRESS);
}

const char *
clt_customer_get_default_shipping_address (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->default_shipping_address != NULL ? self->default_shipping_address : "";
}

void
clt_customer_set_default_shipping_address (CltCustomer *self,
                                           const char  *address_id)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->default_shipping_address, address_id))
    _clt_customer_notify (self, PROP_DEFAULT_SHIPPING_ADDRESS);
}

const char *
clt_customer_get_zip_code (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->zip_code != NULL ? self->zip_code : "";
}

void
clt_customer_set_zip_code (CltCustomer *self,
                           const char  *zip_code)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->zip_code, zip_code))
    _clt_customer_notify (self, PROP_ZIP_CODE);
}

const char *
clt_customer_get_city (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->city != NULL ? self->city : "";
}

void
clt_customer_set_city (CltCustomer *self,
                       const char  *city)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->city, city))
    _clt_customer_notify (self, PROP_CITY);
}

const char *
clt_customer_get_country (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->country != NULL ? self->country : "";
}

void
clt_customer_set_country (CltCustomer *self,
                          const char  *country)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->country, country))
    _clt_customer_notify (self, PROP_COUNTRY);
}

const char * const *
clt_customer_get_groups (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), clt_empty_strv);

  return self->groups != NULL ? (const char * const *) self->groups : clt_empty_strv;
}

void
clt_customer_set_groups (CltCustomer        *self,
                         const char * const *groups)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_strv (&self->groups, groups))
    _clt_customer_notify (self, PROP_GROUPS);
}

const char *
clt_customer_get_company_id (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->company_id != NULL ? self->company_id : "";
}

void
clt_customer_set_company_id (CltCustomer *self,
                             const char  *company_id)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->company_id, company_id))
    _clt_customer_notify (self, PROP_COMPANY_ID);
}

const char *
clt_customer_get_business_unit (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), "");

  return self->business_unit != NULL ? self->business_unit : "";
}

void
clt_customer_set_business_unit (CltCustomer *self,
                                const char  *business_unit)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_string (&self->business_unit, business_unit))
    _clt_customer_notify (self, PROP_BUSINESS_UNIT);
}

const char * const *
clt_customer_get_roles (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), clt_empty_strv);

  return self->roles != NULL ? (const char * const *) self->roles : clt_empty_strv;
}

void
clt_customer_set_roles (CltCustomer        *self,
                        const char * const *roles)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (clt_set_strv (&self->roles, roles))
    _clt_customer_notify (self, PROP_ROLES);
}

gint64
clt_customer_get_version (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), 0);

  return self->version;
}

void
clt_customer_set_version (CltCustomer *self,
                          gint64       version)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));

  if (self->version == version)
    return;

  self->version = version;
  _clt_customer_notify (self, PROP_VERSION);
}

CltCustomerStatus
clt_customer_get_status (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), CLT_CUSTOMER_STATUS_INACTIVE);

  return derive_status (self->active, self->on_hold);
}

/**
 * clt_customer_get_custom_fields:
 *
 * Returns: (transfer none) (nullable): the custom field values, an `a{sv}`
 *   keyed by custom field key
 */
GVariant *
clt_customer_get_custom_fields (CltCustomer *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (self), NULL);

  return self->custom_fields;
}

/**
 * clt_customer_set_custom_fields:
 * @custom_fields: (nullable): an `a{sv}`; a floating reference is sunk
 */
void
clt_customer_set_custom_fields (CltCustomer *self,
                                GVariant    *custom_fields)
{
  g_return_if_fail (CLT_IS_CUSTOMER (self));
  g_return_if_fail (custom_fields == NULL ||
                    g_variant_is_of_type (custom_fields, G_VARIANT_TYPE_VARDICT));

  if (clt_set_variant (&self->custom_fields, custom_fields))
    _clt_customer_notify (self, PROP_CUSTOM_FIELDS);
}
