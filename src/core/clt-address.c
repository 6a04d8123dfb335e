/* clt-address.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-address"

#include "config.h"

#include "clt-address.h"
#include "clt-iso-codes.h"
#include "clt-property-util.h"

struct _CltAddress
{
  GObject parent_instance;

  char   *id;
  char   *customer_id;
  char   *salutation;
  char   *first_name;
  char   *last_name;
  char   *address1;
  char   *address2;
  char   *address3;
  char   *zip_code;
  char   *city;
  char   *region;
  char   *country;
  char   *phone;
  char   *company;
  char   *comment;
  gint64  version;
};

G_DEFINE_FINAL_TYPE (CltAddress, clt_address, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_SALUTATION,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_ADDRESS1,
  PROP_ADDRESS2,
  PROP_ADDRESS3,
  PROP_ZIP_CODE,
  PROP_CITY,
  PROP_REGION,
  PROP_COUNTRY,
  PROP_PHONE,
  PROP_COMPANY,
  PROP_COMMENT,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clt_address_finalize (GObject *object)
{
  CltAddress *self = (CltAddress *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->salutation, g_free);
  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->address1, g_free);
  g_clear_pointer (&self->address2, g_free);
  g_clear_pointer (&self->address3, g_free);
  g_clear_pointer (&self->zip_code, g_free);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->country, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->comment, g_free);

  G_OBJECT_CLASS (clt_address_parent_class)->finalize (object);
}

static void
clt_address_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CltAddress *self = CLT_ADDRESS (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, clt_address_get_id (self));
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_string (value, clt_address_get_customer_id (self));
      break;

    case PROP_SALUTATION:
      g_value_set_string (value, clt_address_get_salutation (self));
      break;

    case PROP_FIRST_NAME:
      g_value_set_string (value, clt_address_get_first_name (self));
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, clt_address_get_last_name (self));
      break;

    case PROP_ADDRESS1:
      g_value_set_string (value, clt_address_get_address1 (self));
      break;

    case PROP_ADDRESS2:
      g_value_set_string (value, clt_address_get_address2 (self));
      break;

    case PROP_ADDRESS3:
      g_value_set_string (value, clt_address_get_address3 (self));
      break;

    case PROP_ZIP_CODE:
      g_value_set_string (value, clt_address_get_zip_code (self));
      break;

    case PROP_CITY:
      g_value_set_string (value, clt_address_get_city (self));
      break;

    case PROP_REGION:
      g_value_set_string (value, clt_address_get_region (self));
      break;

    case PROP_COUNTRY:
      g_value_set_string (value, clt_address_get_country (self));
      break;

    case PROP_PHONE:
      g_value_set_string (value, clt_address_get_phone (self));
      break;

    case PROP_COMPANY:
      g_value_set_string (value, clt_address_get_company (self));
      break;

    case PROP_COMMENT:
      g_value_set_string (value, clt_address_get_comment (self));
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, clt_address_get_version (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_address_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CltAddress *self = CLT_ADDRESS (object);

  switch (prop_id)
    {
    case PROP_ID:
      clt_address_set_id (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_ID:
      clt_address_set_customer_id (self, g_value_get_string (value));
      break;

    case PROP_SALUTATION:
      clt_address_set_salutation (self, g_value_get_string (value));
      break;

    case PROP_FIRST_NAME:
      clt_address_set_first_name (self, g_value_get_string (value));
      break;

    case PROP_LAST_NAME:
      clt_address_set_last_name (self, g_value_get_string (value));
      break;

    case PROP_ADDRESS1:
      clt_address_set_address1 (self, g_value_get_string (value));
      break;

    case PROP_ADDRESS2:
      clt_address_set_address2 (self, g_value_get_string (value));
      break;

    case PROP_ADDRESS3:
      clt_address_set_address3 (self, g_value_get_string (value));
      break;

    case PROP_ZIP_CODE:
      clt_address_set_zip_code (self, g_value_get_string (value));
      break;

    case PROP_CITY:
      clt_address_set_city (self, g_value_get_string (value));
      break;

    case PROP_REGION:
      clt_address_set_region (self, g_value_get_string (value));
      break;

    case PROP_COUNTRY:
      clt_address_set_country (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      clt_address_set_phone (self, g_value_get_string (value));
      break;

    case PROP_COMPANY:
      clt_address_set_company (self, g_value_get_string (value));
      break;

    case PROP_COMMENT:
      clt_address_set_comment (self, g_value_get_string (value));
      break;

    case PROP_VERSION:
      clt_address_set_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_address_class_init (CltAddressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_address_finalize;
  object_class->get_property = clt_address_get_property;
  object_class->set_property = clt_address_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SALUTATION] =
    g_param_spec_string ("salutation", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ADDRESS1] =
    g_param_spec_string ("address1", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ADDRESS2] =
    g_param_spec_string ("address2", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ADDRESS3] =
    g_param_spec_string ("address3", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ZIP_CODE] =
    g_param_spec_string ("zip-code", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_COMMENT] =
    g_param_spec_string ("comment", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clt_address_init (CltAddress *self)
{
}

CltAddress *
clt_address_new (void)
{
  return g_object_new (CLT_TYPE_ADDRESS, NULL);
}

CltAddress *
clt_address_copy (CltAddress *self)
{
  CltAddress *copy;

  g_return_val_if_fail (CLT_IS_ADDRESS (self), NULL);

  copy = clt_address_new ();
  copy->id = g_strdup (self->id);
  copy->customer_id = g_strdup (self->customer_id);
  copy->salutation = g_strdup (self->salutation);
  copy->first_name = g_strdup (self->first_name);
  copy->last_name = g_strdup (self->last_name);
  copy->address1 = g_strdup (self->address1);
  copy->address2 = g_strdup (self->address2);
  copy->address3 = g_strdup (self->address3);
  copy->zip_code = g_strdup (self->zip_code);
  copy->city = g_strdup (self->city);
  copy->region = g_strdup (self->region);
  copy->country = g_strdup (self->country);
  copy->phone = g_strdup (self->phone);
  copy->company = g_strdup (self->company);
  copy->comment = g_strdup (self->comment);
  copy->version = self->version;

  return copy;
}

const char *
clt_address_get_id (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->id != NULL ? self->id : "";
}

void
clt_address_set_id (CltAddress *self,
                    const char *id)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
clt_address_get_customer_id (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->customer_id != NULL ? self->customer_id : "";
}

void
clt_address_set_customer_id (CltAddress *self,
                             const char *customer_id)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->customer_id, customer_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
clt_address_get_salutation (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->salutation != NULL ? self->salutation : "";
}

void
clt_address_set_salutation (CltAddress *self,
                            const char *salutation)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->salutation, salutation))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SALUTATION]);
}

const char *
clt_address_get_first_name (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->first_name != NULL ? self->first_name : "";
}

void
clt_address_set_first_name (CltAddress *self,
                            const char *first_name)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->first_name, first_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_NAME]);
}

const char *
clt_address_get_last_name (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->last_name != NULL ? self->last_name : "";
}

void
clt_address_set_last_name (CltAddress *self,
                           const char *last_name)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->last_name, last_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_NAME]);
}

const char *
clt_address_get_address1 (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->address1 != NULL ? self->address1 : "";
}

void
clt_address_set_address1 (CltAddress *self,
                          const char *address1)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->address1, address1))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS1]);
}

const char *
clt_address_get_address2 (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->address2 != NULL ? self->address2 : "";
}

void
clt_address_set_address2 (CltAddress *self,
                          const char *address2)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->address2, address2))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS2]);
}

const char *
clt_address_get_address3 (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->address3 != NULL ? self->address3 : "";
}

void
clt_address_set_address3 (CltAddress *self,
                          const char *address3)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->address3, address3))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS3]);
}

const char *
clt_address_get_zip_code (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->zip_code != NULL ? self->zip_code : "";
}

void
clt_address_set_zip_code (CltAddress *self,
                          const char *zip_code)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->zip_code, zip_code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZIP_CODE]);
}

const char *
clt_address_get_city (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->city != NULL ? self->city : "";
}

void
clt_address_set_city (CltAddress *self,
                      const char *city)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->city, city))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITY]);
}

const char *
clt_address_get_region (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->region != NULL ? self->region : "";
}

void
clt_address_set_region (CltAddress *self,
                        const char *region)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->region, region))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
}

const char *
clt_address_get_country (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->country != NULL ? self->country : "";
}

void
clt_address_set_country (CltAddress *self,
                         const char *country)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->country, country))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}

const char *
clt_address_get_phone (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->phone != NULL ? self->phone : "";
}

void
clt_address_set_phone (CltAddress *self,
                       const char *phone)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->phone, phone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

const char *
clt_address_get_company (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->company != NULL ? self->company : "";
}

void
clt_address_set_company (CltAddress *self,
                         const char *company)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->company, company))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPANY]);
}

const char *
clt_address_get_comment (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), "");

  return self->comment != NULL ? self->comment : "";
}

void
clt_address_set_comment (CltAddress *self,
                         const char *comment)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (clt_set_string (&self->comment, comment))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMENT]);
}

gint64
clt_address_get_version (CltAddress *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (self), 0);

  return self->version;
}

void
clt_address_set_version (CltAddress *self,
                         gint64      version)
{
  g_return_if_fail (CLT_IS_ADDRESS (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}

/**
 * clt_address_dup_summary:
 *
 * The country is named in the user's language, from the list the country
 * chooser shows (clt_iso_codes_get_country_name ()); a code that is not
 * in it is shown as it is.
 *
 * Returns: (transfer full): "Street 1, 12345 City, Germany", leaving out
 *   the parts that are empty; "" for an empty address
 */
char *
clt_address_dup_summary (CltAddress *self)
{
  g_autoptr(GString) summary = NULL;
  g_autofree char *place = NULL;
  const char *country;
  const char *parts[3];

  g_return_val_if_fail (CLT_IS_ADDRESS (self), NULL);

  place = g_strjoin (" ",
                     clt_address_get_zip_code (self),
                     clt_address_get_city (self),
                     NULL);
  g_strstrip (place);

  parts[0] = clt_address_get_address1 (self);
  parts[1] = place;
  country = clt_iso_codes_get_country_name (clt_address_get_country (self));
  parts[2] = country != NULL ? country : clt_address_get_country (self);

  summary = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i][0] == '\0')
        continue;
      if (summary->len > 0)
        g_string_append (summary, ", ");
      g_string_append (summary, parts[i]);
    }

  return g_string_free (g_steal_pointer (&summary), FALSE);
}
