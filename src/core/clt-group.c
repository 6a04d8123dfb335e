/* clt-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-group"

#include "config.h"

#include "clt-group.h"
#include "clt-property-util.h"

struct _CltGroup
{
  GObject parent_instance;

  char *code;
  char *name;
  char *description;
  gint64 version;
};

G_DEFINE_FINAL_TYPE (CltGroup, clt_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clt_group_finalize (GObject *object)
{
  CltGroup *self = (CltGroup *) object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (clt_group_parent_class)->finalize (object);
}

static void
clt_group_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CltGroup *self = CLT_GROUP (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, clt_group_get_code (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, clt_group_get_name (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, clt_group_get_description (self));
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, clt_group_get_version (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_group_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CltGroup *self = CLT_GROUP (object);

  switch (prop_id)
    {
    case PROP_CODE:
      clt_group_set_code (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      clt_group_set_name (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      clt_group_set_description (self, g_value_get_string (value));
      break;

    case PROP_VERSION:
      clt_group_set_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_group_class_init (CltGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_group_finalize;
  object_class->get_property = clt_group_get_property;
  object_class->set_property = clt_group_set_property;

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

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
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
clt_group_init (CltGroup *self)
{
}

CltGroup *
clt_group_new (void)
{
  return g_object_new (CLT_TYPE_GROUP, NULL);
}

CltGroup *
clt_group_copy (CltGroup *self)
{
  CltGroup *copy;

  g_return_val_if_fail (CLT_IS_GROUP (self), NULL);

  copy = clt_group_new ();
  copy->code = g_strdup (self->code);
  copy->name = g_strdup (self->name);
  copy->description = g_strdup (self->description);

  copy->version = self->version;
  return copy;
}

const char *
clt_group_get_code (CltGroup *self)
{
  g_return_val_if_fail (CLT_IS_GROUP (self), "");

  return self->code != NULL ? self->code : "";
}

void
clt_group_set_code (CltGroup   *self,
                    const char *code)
{
  g_return_if_fail (CLT_IS_GROUP (self));

  if (clt_set_string (&self->code, code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

const char *
clt_group_get_name (CltGroup *self)
{
  g_return_val_if_fail (CLT_IS_GROUP (self), "");

  return self->name != NULL ? self->name : "";
}

void
clt_group_set_name (CltGroup   *self,
                    const char *name)
{
  g_return_if_fail (CLT_IS_GROUP (self));

  if (clt_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
clt_group_get_description (CltGroup *self)
{
  g_return_val_if_fail (CLT_IS_GROUP (self), "");

  return self->description != NULL ? self->description : "";
}

void
clt_group_set_description (CltGroup   *self,
                           const char *description)
{
  g_return_if_fail (CLT_IS_GROUP (self));

  if (clt_set_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gint64
clt_group_get_version (CltGroup *self)
{
  g_return_val_if_fail (CLT_IS_GROUP (self), 0);

  return self->version;
}

void
clt_group_set_version (CltGroup *self,
                       gint64 version)
{
  g_return_if_fail (CLT_IS_GROUP (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}
