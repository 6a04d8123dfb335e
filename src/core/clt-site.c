/* clt-site.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-site"

#include "config.h"

#include <string.h>

#include "clt-property-util.h"
#include "clt-site.h"

struct _CltSite
{
  GObject parent_instance;

  char     *code;
  char     *name;
  char     *storefront_url;
  char     *default_currency;
  char     *default_locale;
  gboolean  active;
  gboolean  assisted_buying;
  char     *assisted_buying_url;
  gint64 version;
};

G_DEFINE_FINAL_TYPE (CltSite, clt_site, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_STOREFRONT_URL,
  PROP_DEFAULT_CURRENCY,
  PROP_DEFAULT_LOCALE,
  PROP_ACTIVE,
  PROP_ASSISTED_BUYING,
  PROP_ASSISTED_BUYING_URL,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clt_site_finalize (GObject *object)
{
  CltSite *self = (CltSite *) object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->storefront_url, g_free);
  g_clear_pointer (&self->default_currency, g_free);
  g_clear_pointer (&self->default_locale, g_free);
  g_clear_pointer (&self->assisted_buying_url, g_free);

  G_OBJECT_CLASS (clt_site_parent_class)->finalize (object);
}

static void
clt_site_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CltSite *self = CLT_SITE (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, clt_site_get_code (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, clt_site_get_name (self));
      break;

    case PROP_STOREFRONT_URL:
      g_value_set_string (value, clt_site_get_storefront_url (self));
      break;

    case PROP_DEFAULT_CURRENCY:
      g_value_set_string (value, clt_site_get_default_currency (self));
      break;

    case PROP_DEFAULT_LOCALE:
      g_value_set_string (value, clt_site_get_default_locale (self));
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, clt_site_get_active (self));
      break;

    case PROP_ASSISTED_BUYING:
      g_value_set_boolean (value, clt_site_get_assisted_buying (self));
      break;

    case PROP_ASSISTED_BUYING_URL:
      g_value_set_string (value, clt_site_get_assisted_buying_url (self));
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, clt_site_get_version (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_site_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CltSite *self = CLT_SITE (object);

  switch (prop_id)
    {
    case PROP_CODE:
      clt_site_set_code (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      clt_site_set_name (self, g_value_get_string (value));
      break;

    case PROP_STOREFRONT_URL:
      clt_site_set_storefront_url (self, g_value_get_string (value));
      break;

    case PROP_DEFAULT_CURRENCY:
      clt_site_set_default_currency (self, g_value_get_string (value));
      break;

    case PROP_DEFAULT_LOCALE:
      clt_site_set_default_locale (self, g_value_get_string (value));
      break;

    case PROP_ACTIVE:
      clt_site_set_active (self, g_value_get_boolean (value));
      break;

    case PROP_ASSISTED_BUYING:
      clt_site_set_assisted_buying (self, g_value_get_boolean (value));
      break;

    case PROP_ASSISTED_BUYING_URL:
      clt_site_set_assisted_buying_url (self, g_value_get_string (value));
      break;

    case PROP_VERSION:
      clt_site_set_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_site_class_init (CltSiteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_site_finalize;
  object_class->get_property = clt_site_get_property;
  object_class->set_property = clt_site_set_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_STOREFRONT_URL] =
    g_param_spec_string ("storefront-url", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DEFAULT_CURRENCY] =
    g_param_spec_string ("default-currency", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DEFAULT_LOCALE] =
    g_param_spec_string ("default-locale", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_ASSISTED_BUYING] =
    g_param_spec_boolean ("assisted-buying", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_ASSISTED_BUYING_URL] =
    g_param_spec_string ("assisted-buying-url", NULL, NULL,
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
clt_site_init (CltSite *self)
{
}

CltSite *
clt_site_new (void)
{
  return g_object_new (CLT_TYPE_SITE, NULL);
}

CltSite *
clt_site_copy (CltSite *self)
{
  CltSite *copy;

  g_return_val_if_fail (CLT_IS_SITE (self), NULL);

  copy = clt_site_new ();
  copy->code = g_strdup (self->code);
  copy->name = g_strdup (self->name);
  copy->storefront_url = g_strdup (self->storefront_url);
  copy->default_currency = g_strdup (self->default_currency);
  copy->default_locale = g_strdup (self->default_locale);
  copy->active = self->active;
  copy->assisted_buying = self->assisted_buying;
  copy->assisted_buying_url = g_strdup (self->assisted_buying_url);

  copy->version = self->version;
  return copy;
}

const char *
clt_site_get_code (CltSite *self)
{
  g_return_val_if_fail (CLT_IS_SITE (self), "");

  return self->code != NULL ? self->code : "";
}

void
clt_site_set_code (CltSite    *self,
                   const char *code)
{
  g_return_if_fail (CLT_IS_SITE (self));

  if (clt_set_string (&self->code, code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

const char *
clt_site_get_name (CltSite *self)
{
  g_return_val_if_fail (CLT_IS_SITE (self), "");

  return self->name != NULL ? self->name : "";
}

void
clt_site_set_name (CltSite    *self,
                   const char *name)
{
  g_return_if_fail (CLT_IS_SITE (self));

  if (clt_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
clt_site_get_storefront_url (CltSite *self)
{
  g_return_val_if_fail (CLT_IS_SITE (self), "");

  return self->storefront_url != NULL ? self->storefront_url : "";
}

void
clt_site_set_storefront_url (CltSite    *self,
                             const char *storefront_url)
{
  g_return_if_fail (CLT_IS_SITE (self));

  if (clt_set_string (&self->storefront_url, storefront_url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOREFRONT_URL]);
}

const char *
clt_site_get_default_currency (CltSite *self)
{
  g_return_val_if_fail (CLT_IS_SITE (self), "");

  return self->default_currency != NULL ? self->default_currency : "";
}

void
clt_site_set_default_currency (CltSite    *self,
                               const char *default_currency)
{
  g_return_if_fail (CLT_IS_SITE (self));

  if (clt_set_string (&self->default_currency, default_currency))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_CURRENCY]);
}

const char *
clt_site_get_default_locale (CltSite *self)
{
  g_return_val_if_fail (CLT_IS_SITE (self), "");

  return self->default_locale != NULL ? self->default_locale : "";
}

void
clt_site_set_default_locale (CltSite    *self,
                             const char *default_locale)
{
  g_return_if_fail (CLT_IS_SITE (self));

  if (clt_set_string (&self->default_locale, default_locale))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_LOCALE]);
}

gboolean
clt_site_get_active (CltSite *self)
{
  g_return_val_if_fail (CLT_IS_SITE (self), FALSE);

  return self->active;
}

void
clt_site_set_active (CltSite  *self,
                     gboolean  active)
{
  g_return_if_fail (CLT_IS_SITE (self));

  active = !!active;

  if (self->active == active)
    return;

  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

gboolean
clt_site_get_assisted_buying (CltSite *self)
{
  g_return_val_if_fail (CLT_IS_SITE (self), FALSE);

  return self->assisted_buying;
}

void
clt_site_set_assisted_buying (CltSite  *self,
                              gboolean  assisted_buying)
{
  g_return_if_fail (CLT_IS_SITE (self));

  assisted_buying = !!assisted_buying;

  if (self->assisted_buying == assisted_buying)
    return;

  self->assisted_buying = assisted_buying;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSISTED_BUYING]);
}

gint64
clt_site_get_version (CltSite *self)
{
  g_return_val_if_fail (CLT_IS_SITE (self), 0);

  return self->version;
}

void
clt_site_set_version (CltSite *self,
                      gint64 version)
{
  g_return_if_fail (CLT_IS_SITE (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}

const char *
clt_site_get_assisted_buying_url (CltSite *self)
{
  g_return_val_if_fail (CLT_IS_SITE (self), "");

  return self->assisted_buying_url != NULL ? self->assisted_buying_url : "";
}

void
clt_site_set_assisted_buying_url (CltSite    *self,
                                  const char *assisted_buying_url)
{
  g_return_if_fail (CLT_IS_SITE (self));

  if (clt_set_string (&self->assisted_buying_url, assisted_buying_url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSISTED_BUYING_URL]);
}

gboolean
clt_site_offers_assisted_buying (CltSite *self)
{
  g_return_val_if_fail (CLT_IS_SITE (self), FALSE);

  return self->assisted_buying &&
         clt_site_get_storefront_url (self)[0] != '\0' &&
         clt_site_get_assisted_buying_url (self)[0] != '\0';
}

/* The placeholders of the template, in the order of
 * clt_site_expand_assisted_buying_url ()'s arguments. */
static const char * const placeholders[] = {
  "{token}", "{customerNumber}", "{customerId}", "{site}", NULL,
};

const char * const *
clt_site_get_assisted_buying_placeholders (void)
{
  return placeholders;
}

char *
clt_site_expand_assisted_buying_url (CltSite    *self,
                                     const char *token,
                                     const char *customer_number,
                                     const char *customer_id)
{
  const char *values[G_N_ELEMENTS (placeholders) - 1];
  const char *p;
  GString *url;

  g_return_val_if_fail (CLT_IS_SITE (self), NULL);
  g_return_val_if_fail (token != NULL, NULL);

  values[0] = token;
  values[1] = customer_number != NULL ? customer_number : "";
  values[2] = customer_id != NULL ? customer_id : "";
  values[3] = clt_site_get_code (self);

  url = g_string_new (NULL);
  p = clt_site_get_assisted_buying_url (self);
  while (*p != '\0')
    {
      gboolean expanded = FALSE;

      for (guint i = 0; *p == '{' && placeholders[i] != NULL; i++)
        {
          gsize len = strlen (placeholders[i]);

          if (strncmp (p, placeholders[i], len) == 0)
            {
              g_string_append_uri_escaped (url, values[i], NULL, FALSE);
              p += len;
              expanded = TRUE;
              break;
            }
        }

      if (!expanded)
        g_string_append_c (url, *p++);
    }

  return g_string_free (url, FALSE);
}
