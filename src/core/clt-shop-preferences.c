/* clt-shop-preferences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-shop-preferences"

#include "config.h"

#include "clt-property-util.h"
#include "clt-enum-types.h"
#include "clt-shop-preferences.h"

struct _CltShopPreferences
{
  GObject parent_instance;

  char     *shop_name;
  char     *default_currency;
  char     *default_locale;
  char     *customer_number_prefix;
  gboolean  customer_active_on_creation;
  gboolean  customer_on_hold_on_creation;
  gint64 version;
  CltRole local_role;
};

G_DEFINE_FINAL_TYPE (CltShopPreferences, clt_shop_preferences, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SHOP_NAME,
  PROP_DEFAULT_CURRENCY,
  PROP_DEFAULT_LOCALE,
  PROP_CUSTOMER_NUMBER_PREFIX,
  PROP_CUSTOMER_ACTIVE_ON_CREATION,
  PROP_CUSTOMER_ON_HOLD_ON_CREATION,
  PROP_VERSION,
  PROP_LOCAL_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clt_shop_preferences_finalize (GObject *object)
{
  CltShopPreferences *self = (CltShopPreferences *) object;

  g_clear_pointer (&self->shop_name, g_free);
  g_clear_pointer (&self->default_currency, g_free);
  g_clear_pointer (&self->default_locale, g_free);
  g_clear_pointer (&self->customer_number_prefix, g_free);

  G_OBJECT_CLASS (clt_shop_preferences_parent_class)->finalize (object);
}

static void
clt_shop_preferences_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CltShopPreferences *self = CLT_SHOP_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_SHOP_NAME:
      g_value_set_string (value, clt_shop_preferences_get_shop_name (self));
      break;

    case PROP_DEFAULT_CURRENCY:
      g_value_set_string (value, clt_shop_preferences_get_default_currency (self));
      break;

    case PROP_DEFAULT_LOCALE:
      g_value_set_string (value, clt_shop_preferences_get_default_locale (self));
      break;

    case PROP_CUSTOMER_NUMBER_PREFIX:
      g_value_set_string (value, clt_shop_preferences_get_customer_number_prefix (self));
      break;

    case PROP_CUSTOMER_ACTIVE_ON_CREATION:
      g_value_set_boolean (value, clt_shop_preferences_get_customer_active_on_creation (self));
      break;

    case PROP_CUSTOMER_ON_HOLD_ON_CREATION:
      g_value_set_boolean (value, clt_shop_preferences_get_customer_on_hold_on_creation (self));
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, clt_shop_preferences_get_version (self));
      break;

    case PROP_LOCAL_ROLE:
      g_value_set_enum (value, clt_shop_preferences_get_local_role (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_shop_preferences_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CltShopPreferences *self = CLT_SHOP_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_SHOP_NAME:
      clt_shop_preferences_set_shop_name (self, g_value_get_string (value));
      break;

    case PROP_DEFAULT_CURRENCY:
      clt_shop_preferences_set_default_currency (self, g_value_get_string (value));
      break;

    case PROP_DEFAULT_LOCALE:
      clt_shop_preferences_set_default_locale (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_NUMBER_PREFIX:
      clt_shop_preferences_set_customer_number_prefix (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_ACTIVE_ON_CREATION:
      clt_shop_preferences_set_customer_active_on_creation (self, g_value_get_boolean (value));
      break;

    case PROP_CUSTOMER_ON_HOLD_ON_CREATION:
      clt_shop_preferences_set_customer_on_hold_on_creation (self, g_value_get_boolean (value));
      break;

    case PROP_VERSION:
      clt_shop_preferences_set_version (self, g_value_get_int64 (value));
      break;

    case PROP_LOCAL_ROLE:
      clt_shop_preferences_set_local_role (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_shop_preferences_class_init (CltShopPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_shop_preferences_finalize;
  object_class->get_property = clt_shop_preferences_get_property;
  object_class->set_property = clt_shop_preferences_set_property;

  properties[PROP_SHOP_NAME] =
    g_param_spec_string ("shop-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DEFAULT_CURRENCY] =
    g_param_spec_string ("default-currency", NULL, NULL,
                         "EUR",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DEFAULT_LOCALE] =
    g_param_spec_string ("default-locale", NULL, NULL,
                         "en_US",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_NUMBER_PREFIX] =
    g_param_spec_string ("customer-number-prefix", NULL, NULL,
                         "CUST-",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_ACTIVE_ON_CREATION] =
    g_param_spec_boolean ("customer-active-on-creation", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_ON_HOLD_ON_CREATION] =
    g_param_spec_boolean ("customer-on-hold-on-creation", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_LOCAL_ROLE] =
    g_param_spec_enum ("local-role", NULL, NULL,
                       CLT_TYPE_ROLE,
                       CLT_ROLE_ADMIN,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clt_shop_preferences_init (CltShopPreferences *self)
{
  self->local_role = CLT_ROLE_ADMIN;
  self->default_currency = g_strdup ("EUR");
  self->default_locale = g_strdup ("en_US");
  self->customer_number_prefix = g_strdup ("CUST-");
  self->customer_active_on_creation = TRUE;
}

CltShopPreferences *
clt_shop_preferences_new (void)
{
  return g_object_new (CLT_TYPE_SHOP_PREFERENCES, NULL);
}

CltShopPreferences *
clt_shop_preferences_copy (CltShopPreferences *self)
{
  CltShopPreferences *copy;

  g_return_val_if_fail (CLT_IS_SHOP_PREFERENCES (self), NULL);

  copy = clt_shop_preferences_new ();
  copy->shop_name = g_strdup (self->shop_name);
  g_free (copy->default_currency);
  copy->default_currency = g_strdup (self->default_currency);
  g_free (copy->default_locale);
  copy->default_locale = g_strdup (self->default_locale);
  g_free (copy->customer_number_prefix);
  copy->customer_number_prefix = g_strdup (self->customer_number_prefix);
  copy->customer_active_on_creation = self->customer_active_on_creation;
  copy->customer_on_hold_on_creation = self->customer_on_hold_on_creation;

  copy->version = self->version;
  copy->local_role = self->local_role;
  return copy;
}

const char *
clt_shop_preferences_get_shop_name (CltShopPreferences *self)
{
  g_return_val_if_fail (CLT_IS_SHOP_PREFERENCES (self), "");

  return self->shop_name != NULL ? self->shop_name : "";
}

void
clt_shop_preferences_set_shop_name (CltShopPreferences *self,
                                    const char         *shop_name)
{
  g_return_if_fail (CLT_IS_SHOP_PREFERENCES (self));

  if (clt_set_string (&self->shop_name, shop_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOP_NAME]);
}

const char *
clt_shop_preferences_get_default_currency (CltShopPreferences *self)
{
  g_return_val_if_fail (CLT_IS_SHOP_PREFERENCES (self), "");

  return self->default_currency != NULL ? self->default_currency : "";
}

void
clt_shop_preferences_set_default_currency (CltShopPreferences *self,
                                           const char         *default_currency)
{
  g_return_if_fail (CLT_IS_SHOP_PREFERENCES (self));

  if (clt_set_string (&self->default_currency, default_currency))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_CURRENCY]);
}

const char *
clt_shop_preferences_get_default_locale (CltShopPreferences *self)
{
  g_return_val_if_fail (CLT_IS_SHOP_PREFERENCES (self), "");

  return self->default_locale != NULL ? self->default_locale : "";
}

void
clt_shop_preferences_set_default_locale (CltShopPreferences *self,
                                         const char         *default_locale)
{
  g_return_if_fail (CLT_IS_SHOP_PREFERENCES (self));

  if (clt_set_string (&self->default_locale, default_locale))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_LOCALE]);
}

const char *
clt_shop_preferences_get_customer_number_prefix (CltShopPreferences *self)
{
  g_return_val_if_fail (CLT_IS_SHOP_PREFERENCES (self), "");

  return self->customer_number_prefix != NULL ? self->customer_number_prefix : "";
}

void
clt_shop_preferences_set_customer_number_prefix (CltShopPreferences *self,
                                                 const char         *customer_number_prefix)
{
  g_return_if_fail (CLT_IS_SHOP_PREFERENCES (self));

  if (clt_set_string (&self->customer_number_prefix, customer_number_prefix))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NUMBER_PREFIX]);
}

gboolean
clt_shop_preferences_get_customer_active_on_creation (CltShopPreferences *self)
{
  g_return_val_if_fail (CLT_IS_SHOP_PREFERENCES (self), FALSE);

  return self->customer_active_on_creation;
}

void
clt_shop_preferences_set_customer_active_on_creation (CltShopPreferences *self,
                                                      gboolean            customer_active_on_creation)
{
  g_return_if_fail (CLT_IS_SHOP_PREFERENCES (self));

  customer_active_on_creation = !!customer_active_on_creation;

  if (self->customer_active_on_creation == customer_active_on_creation)
    return;

  self->customer_active_on_creation = customer_active_on_creation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ACTIVE_ON_CREATION]);
}

gboolean
clt_shop_preferences_get_customer_on_hold_on_creation (CltShopPreferences *self)
{
  g_return_val_if_fail (CLT_IS_SHOP_PREFERENCES (self), FALSE);

  return self->customer_on_hold_on_creation;
}

void
clt_shop_preferences_set_customer_on_hold_on_creation (CltShopPreferences *self,
                                                       gboolean            customer_on_hold_on_creation)
{
  g_return_if_fail (CLT_IS_SHOP_PREFERENCES (self));

  customer_on_hold_on_creation = !!customer_on_hold_on_creation;

  if (self->customer_on_hold_on_creation == customer_on_hold_on_creation)
    return;

  self->customer_on_hold_on_creation = customer_on_hold_on_creation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ON_HOLD_ON_CREATION]);
}

gint64
clt_shop_preferences_get_version (CltShopPreferences *self)
{
  g_return_val_if_fail (CLT_IS_SHOP_PREFERENCES (self), 0);

  return self->version;
}

void
clt_shop_preferences_set_version (CltShopPreferences *self,
                                  gint64 version)
{
  g_return_if_fail (CLT_IS_SHOP_PREFERENCES (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}

CltRole
clt_shop_preferences_get_local_role (CltShopPreferences *self)
{
  g_return_val_if_fail (CLT_IS_SHOP_PREFERENCES (self), 0);

  return self->local_role;
}

void
clt_shop_preferences_set_local_role (CltShopPreferences *self,
                                     CltRole local_role)
{
  g_return_if_fail (CLT_IS_SHOP_PREFERENCES (self));

  if (self->local_role == local_role)
    return;

  self->local_role = local_role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_ROLE]);
}
