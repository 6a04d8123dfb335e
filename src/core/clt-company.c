/* clt-company.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-company"

#include "config.h"

#include "clt-company.h"
#include "clt-property-util.h"

struct _CltCompany
{
  GObject parent_instance;

  char  *id;
  char  *name;
  char **business_units;
  char **roles;
  gint64 version;
};

G_DEFINE_FINAL_TYPE (CltCompany, clt_company, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_BUSINESS_UNITS,
  PROP_ROLES,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clt_company_finalize (GObject *object)
{
  CltCompany *self = (CltCompany *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->business_units, g_strfreev);
  g_clear_pointer (&self->roles, g_strfreev);

  G_OBJECT_CLASS (clt_company_parent_class)->finalize (object);
}

static void
clt_company_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CltCompany *self = CLT_COMPANY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, clt_company_get_id (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, clt_company_get_name (self));
      break;

    case PROP_BUSINESS_UNITS:
      g_value_set_boxed (value, clt_company_get_business_units (self));
      break;

    case PROP_ROLES:
      g_value_set_boxed (value, clt_company_get_roles (self));
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, clt_company_get_version (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_company_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CltCompany *self = CLT_COMPANY (object);

  switch (prop_id)
    {
    case PROP_ID:
      clt_company_set_id (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      clt_company_set_name (self, g_value_get_string (value));
      break;

    case PROP_BUSINESS_UNITS:
      clt_company_set_business_units (self, g_value_get_boxed (value));
      break;

    case PROP_ROLES:
      clt_company_set_roles (self, g_value_get_boxed (value));
      break;

    case PROP_VERSION:
      clt_company_set_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_company_class_init (CltCompanyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_company_finalize;
  object_class->get_property = clt_company_get_property;
  object_class->set_property = clt_company_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
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

  properties[PROP_BUSINESS_UNITS] =
    g_param_spec_boxed ("business-units", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_ROLES] =
    g_param_spec_boxed ("roles", NULL, NULL,
                        G_TYPE_STRV,
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
clt_company_init (CltCompany *self)
{
}

CltCompany *
clt_company_new (void)
{
  return g_object_new (CLT_TYPE_COMPANY, NULL);
}

CltCompany *
clt_company_copy (CltCompany *self)
{
  CltCompany *copy;

  g_return_val_if_fail (CLT_IS_COMPANY (self), NULL);

  copy = clt_company_new ();
  copy->id = g_strdup (self->id);
  copy->name = g_strdup (self->name);
  copy->business_units = g_strdupv (self->business_units);
  copy->roles = g_strdupv (self->roles);

  copy->version = self->version;
  return copy;
}

const char *
clt_company_get_id (CltCompany *self)
{
  g_return_val_if_fail (CLT_IS_COMPANY (self), "");

  return self->id != NULL ? self->id : "";
}

void
clt_company_set_id (CltCompany *self,
                    const char *id)
{
  g_return_if_fail (CLT_IS_COMPANY (self));

  if (clt_set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
clt_company_get_name (CltCompany *self)
{
  g_return_val_if_fail (CLT_IS_COMPANY (self), "");

  return self->name != NULL ? self->name : "";
}

void
clt_company_set_name (CltCompany *self,
                      const char *name)
{
  g_return_if_fail (CLT_IS_COMPANY (self));

  if (clt_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char * const *
clt_company_get_business_units (CltCompany *self)
{
  g_return_val_if_fail (CLT_IS_COMPANY (self), clt_empty_strv);

  return self->business_units != NULL ? (const char * const *) self->business_units
                                      : clt_empty_strv;
}

void
clt_company_set_business_units (CltCompany         *self,
                                const char * const *business_units)
{
  g_return_if_fail (CLT_IS_COMPANY (self));

  if (clt_set_strv (&self->business_units, business_units))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSINESS_UNITS]);
}

const char * const *
clt_company_get_roles (CltCompany *self)
{
  g_return_val_if_fail (CLT_IS_COMPANY (self), clt_empty_strv);

  return self->roles != NULL ? (const char * const *) self->roles : clt_empty_strv;
}

void
clt_company_set_roles (CltCompany         *self,
                       const char * const *roles)
{
  g_return_if_fail (CLT_IS_COMPANY (self));

  if (clt_set_strv (&self->roles, roles))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLES]);
}

gint64
clt_company_get_version (CltCompany *self)
{
  g_return_val_if_fail (CLT_IS_COMPANY (self), 0);

  return self->version;
}

void
clt_company_set_version (CltCompany *self,
                         gint64 version)
{
  g_return_if_fail (CLT_IS_COMPANY (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}
