/* clt-custom-field.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-custom-field"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "clt-custom-field.h"
#include "clt-enum-types.h"
#include "clt-error.h"
#include "clt-property-util.h"
#include "clt-query.h"

#define ERROR_FIELD_PREFIX "custom-fields."

struct _CltCustomField
{
  GObject parent_instance;

  char               *key;
  char               *label;
  CltCustomFieldType  type;
  char              **choices;
  gboolean            show_as_column;
  gint64 version;
};

G_DEFINE_FINAL_TYPE (CltCustomField, clt_custom_field, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_LABEL,
  PROP_TYPE,
  PROP_CHOICES,
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
  g_clear_pointer (&self->choices, g_strfreev);

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

    case PROP_CHOICES:
      g_value_set_boxed (value, clt_custom_field_get_choices (self));
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

    case PROP_CHOICES:
      clt_custom_field_set_choices (self, g_value_get_boxed (value));
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

  properties[PROP_CHOICES] =
    g_param_spec_boxed ("choices", NULL, NULL,
                        G_TYPE_STRV,
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
  copy->choices = g_strdupv (self->choices);
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

const char * const *
clt_custom_field_get_choices (CltCustomField *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOM_FIELD (self), clt_empty_strv);

  return self->choices != NULL ? (const char * const *) self->choices : clt_empty_strv;
}

void
clt_custom_field_set_choices (CltCustomField     *self,
                              const char * const *choices)
{
  g_return_if_fail (CLT_IS_CUSTOM_FIELD (self));

  if (clt_set_strv (&self->choices, choices))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOICES]);
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

gboolean
clt_custom_field_value_to_double (GVariant *value,
                                  double   *number)
{
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    *number = g_variant_get_double (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    *number = (double) g_variant_get_int64 (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    *number = g_variant_get_int32 (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    *number = (double) g_variant_get_uint64 (value);
  else
    return FALSE;

  return TRUE;
}

gboolean
clt_custom_field_parse_number (const char *text,
                               double     *number)
{
  g_autofree char *copy = NULL;
  char *end = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  copy = g_strstrip (g_strdup (text));
  /* A decimal comma, as in German, reads as a point. */
  if (strchr (copy, '.') == NULL)
    g_strdelimit (copy, ",", '.');
  *number = g_ascii_strtod (copy, &end);

  return copy[0] != '\0' && end != copy && *end == '\0' && isfinite (*number);
}

char *
clt_custom_field_format_value (CltCustomField *self,
                               GVariant       *value)
{
  double number;

  g_return_val_if_fail (CLT_IS_CUSTOM_FIELD (self), NULL);

  if (value == NULL)
    return g_strdup ("");

  if (clt_custom_field_value_to_double (value, &number))
    return g_strdup_printf ("%'.15g", number);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? _("Yes") : _("No"));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);

  return g_variant_print (value, FALSE);
}

GError *
clt_custom_field_value_error (const char *key,
                              const char *message)
{
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  {
    g_autofree char *field = g_strconcat (ERROR_FIELD_PREFIX, key, NULL);

    return clt_store_error_new_invalid (field, "%s: %s", key, message);
  }
}

const char *
clt_custom_field_key_from_error_field (const char *field)
{
  if (field == NULL || !g_str_has_prefix (field, ERROR_FIELD_PREFIX))
    return NULL;

  return field + strlen (ERROR_FIELD_PREFIX);
}

static gboolean
parse_iso_date (const char *text)
{
  guint year, month, day;
  char end;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3)
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  return g_date_valid_dmy (day, month, year);
}

GVariant *
clt_custom_field_parse_filter_value (CltCustomFieldType   type,
                                     CltFieldMatch        match,
                                     const char          *text,
                                     char               **message)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (message == NULL || *message == NULL, NULL);

  switch (type)
    {
    case CLT_CUSTOM_FIELD_NUMBER:
      {
        char *end = NULL;
        double number = g_ascii_strtod (text, &end);

        if (match == CLT_FIELD_MATCH_PREFIX)
          break;
        if (text[0] == '\0' || end == NULL || *end != '\0' || !isfinite (number))
          {
            if (message != NULL)
              *message = g_strdup (_("Enter a number"));
            return NULL;
          }
        return g_variant_new_double (number);
      }

    case CLT_CUSTOM_FIELD_BOOLEAN:
      if (match != CLT_FIELD_MATCH_EQUALS)
        break;
      if (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "yes") == 0 ||
          g_str_equal (text, "1"))
        return g_variant_new_int64 (1);
      if (g_ascii_strcasecmp (text, "false") == 0 || g_ascii_strcasecmp (text, "no") == 0 ||
          g_str_equal (text, "0"))
        return g_variant_new_int64 (0);
      if (message != NULL)
        *message = g_strdup (_("Choose yes or no"));
      return NULL;

    case CLT_CUSTOM_FIELD_DATE:
      if (match != CLT_FIELD_MATCH_PREFIX && !parse_iso_date (text))
        {
          if (message != NULL)
            *message = g_strdup (_("Enter the date as YYYY-MM-DD, like 1980-04-23"));
          return NULL;
        }
      return g_variant_new_string (text);

    case CLT_CUSTOM_FIELD_STRING:
    case CLT_CUSTOM_FIELD_CHOICE:
    default:
      {
        g_autofree char *folded = clt_fold_text (text);

        return g_variant_new_string (folded);
      }
    }

  if (message != NULL)
    *message = g_strdup (_("This field cannot be compared that way"));
  return NULL;
}
