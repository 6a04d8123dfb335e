/* clt-customer-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of CltCustomer share: clt-customer.c (the type, its
 * properties, copying, update_from and the import payload) and
 * clt-customer-accessors.c (the getters and setters).
 */

#pragma once

#include "clt-customer.h"

G_BEGIN_DECLS

struct _CltCustomer
{
  GObject parent_instance;

  gboolean    loaded;
  char       *id;
  char       *number;
  char       *email;
  char       *salutation;
  char       *title;
  char       *first_name;
  char       *middle_name;
  char       *last_name;
  CltGender   gender;
  char       *date_of_birth;
  char       *phone;
  char       *company;
  char       *locale;
  char       *currency;
  char       *preferred_site;
  char       *restriction;
  gboolean    active;
  gboolean    on_hold;
  gboolean    verified;
  GDateTime  *registered;
  GDateTime  *updated;
  GDateTime  *last_login;
  GDateTime  *anonymized_at;
  char       *default_billing_address;
  char       *default_shipping_address;
  char       *zip_code;
  char       *city;
  char       *country;
  char      **groups;
  char       *company_id;
  char       *business_unit;
  char      **roles;
  GVariant   *custom_fields;
  gint64      version;

  /* Inside clt_customer_update_from (): "changed" waits for its end. */
  gboolean    filling;
  gboolean    changed_while_filling;

  /* Import only, created on first use. */
  GPtrArray  *import_addresses;
  GPtrArray  *import_orders;
  GPtrArray  *import_marketing;
};

enum {
  PROP_0,
  PROP_LOADED,
  PROP_ID,
  PROP_NUMBER,
  PROP_EMAIL,
  PROP_SALUTATION,
  PROP_TITLE,
  PROP_FIRST_NAME,
  PROP_MIDDLE_NAME,
  PROP_LAST_NAME,
  PROP_GENDER,
  PROP_DATE_OF_BIRTH,
  PROP_PHONE,
  PROP_COMPANY,
  PROP_LOCALE,
  PROP_CURRENCY,
  PROP_PREFERRED_SITE,
  PROP_RESTRICTION,
  PROP_ACTIVE,
  PROP_ON_HOLD,
  PROP_VERIFIED,
  PROP_REGISTERED,
  PROP_UPDATED,
  PROP_LAST_LOGIN,
  PROP_ANONYMIZED_AT,
  PROP_DEFAULT_BILLING_ADDRESS,
  PROP_DEFAULT_SHIPPING_ADDRESS,
  PROP_ZIP_CODE,
  PROP_CITY,
  PROP_COUNTRY,
  PROP_GROUPS,
  PROP_COMPANY_ID,
  PROP_BUSINESS_UNIT,
  PROP_ROLES,
  PROP_CUSTOM_FIELDS,
  PROP_VERSION,
  PROP_STATUS,
  N_PROPS
};

/* Defined in clt-customer.c. */
G_GNUC_INTERNAL extern GParamSpec *customer_properties[N_PROPS];

G_GNUC_INTERNAL void _clt_customer_notify (CltCustomer *self,
                                           guint        prop_id);

G_END_DECLS
