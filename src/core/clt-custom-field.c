/* clt-custom-field.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-custom-field"

#include "config.h"

#include "clt-custom-field.h"
#include "clt-enum-types.h"
#include "clt-property-util.h"

struct _CltCustomField
{
  GObject parent_instance;

  char               *key;
  char               *label;
  CltCustomFieldType  type;
  gboolean            show_as_column;
  gint64 version;
};

G_DEFINE_FINAL_TYPE (CltCustomField, clt_custom_field, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_LABEL,
  PROP_TYPE,
  PROP_SHOW_AS_COLUMN,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clt_custom_field_finalize (GObject *object)
{
  CltCustomField *self = (CltCustomField *) object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (clt_custom_field_parent_class)->finalize (object);
}

static void
clt_custom_field_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CltCustomField *self = CLT_CUSTOM_FIELD (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, clt_custom_field_get_key (self));
      break;

    case PROP_LABEL:
      g_value_set_string (value, clt_custom_field_get_label (self));
      break;

    case PROP_TYPE:
      g_value_set_enum (value, clt_custom_field_get_field_type (self));
      break;

    case PROP_SHOW_AS_COLUMN:
      g_value_set_boolean (value, clt_custom_field_get_show_as_column (self));
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, clt_custom_field_get_version (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_custom_field_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CltCustomField *self = CLT_CUSTOM_FIELD (object);

  switch (prop_id)
    {
    case PROP_KEY:
      clt_custom_field_set_key (self, g_value_get_string (value));
      break;

    case PROP_LABEL:
      clt_custom_field_set_label (self, g_value_get_string (value));
      break;

    case PROP_TYPE:
      clt_custom_field_set_field_type (self, g_value_get_enum (value));
      break;

    case PROP_SHOW_AS_COLUMN:
      clt_custom_field_set_show_as_column (self, g_value_get_boolean (value));
      break;

    case PROP_VERSION:
      clt_custom_field_set_version (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_custom_field_class_init (CltCustomFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_custom_field_finalize;
  object_class->get_property = clt_custom_field_get_property;
  object_class->set_property = clt_custom_field_set_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_TYPE] =
    g_param_spec_enum ("type", NULL, NULL,
                       CLT_TYPE_CUSTOM_FIELD_TYPE, CLT_CUSTOM_FIELD_STRING,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_AS_COLUMN] =
    g_param_spec_boolean ("show-as-column", NULL, NULL,
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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clt_custom_field_init (CltCustomField *self)
{
}

CltCustomField *
clt_custom_field_new (void)
{
  return g_object_new (CLT_TYPE_CUSTOM_FIELD, NULL);
}

CltCustomField *
clt_custom_field_copy (CltCustomField *self)
{
  CltCustomField *copy;

  g_return_val_if_fail (CLT_IS_CUSTOM_FIELD (self), NULL);

  copy = clt_custom_field_new ();
  copy->key = g_strdup (self->key);
  copy->label = g_strdup (self->label);
  copy->type = self->type;
  copy->show_as_column = self->show_as_column;

  copy->version = self->version;
  return copy;
}

const char *
clt_custom_field_get_key (CltCustomField *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOM_FIELD (self), "");

  return self->key != NULL ? self->key : "";
}

void
clt_custom_field_set_key (CltCustomField *self,
                          const char     *key)
{
  g_return_if_fail (CLT_IS_CUSTOM_FIELD (self));

  if (clt_set_string (&self->key, key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

const char *
clt_custom_field_get_label (CltCustomField *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOM_FIELD (self), "");

  return self->label != NULL ? self->label : "";
}

void
clt_custom_field_set_label (CltCustomField *self,
                            const char     *label)
{
  g_return_if_fail (CLT_IS_CUSTOM_FIELD (self));

  if (clt_set_string (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

CltCustomFieldType
clt_custom_field_get_field_type (CltCustomField *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOM_FIELD (self), CLT_CUSTOM_FIELD_STRING);

  return self->type;
}

void
clt_custom_field_set_field_type (CltCustomField     *self,
                                 CltCustomFieldType  field_type)
{
  g_return_if_fail (CLT_IS_CUSTOM_FIELD (self));

  if (self->type == field_type)
    return;

  self->type = field_type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPE]);
}

gboolean
clt_custom_field_get_show_as_column (CltCustomField *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOM_FIELD (self), FALSE);

  return self->show_as_column;
}

void
clt_custom_field_set_show_as_column (CltCustomField *self,
                                     gboolean        show_as_column)
{
  g_return_if_fail (CLT_IS_CUSTOM_FIELD (self));

  show_as_column = !!show_as_column;

  if (self->show_as_column == show_as_column)
    return;

  self->show_as_column = show_as_column;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_AS_COLUMN]);
}

gint64
clt_custom_field_get_version (CltCustomField *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOM_FIELD (self), 0);

  return self->version;
}

void
clt_custom_field_set_version (CltCustomField *self,
                              gint64 version)
{
  g_return_if_fail (CLT_IS_CUSTOM_FIELD (self));

  if (self->version == version)
    return;

  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}
