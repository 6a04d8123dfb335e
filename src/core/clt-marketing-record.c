/* clt-marketing-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-marketing-record"

#include "config.h"

#include "clt-enum-types.h"
#include "clt-marketing-record.h"
#include "clt-property-util.h"

struct _CltMarketingRecord
{
  GObject parent_instance;

  CltMarketingKind   kind;
  char              *code;
  char              *name;
  char              *detail;
  GDateTime         *date;
  CltMarketingState  state;
};

G_DEFINE_FINAL_TYPE (CltMarketingRecord, clt_marketing_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_CODE,
  PROP_NAME,
  PROP_DETAIL,
  PROP_DATE,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clt_marketing_record_finalize (GObject *object)
{
  CltMarketingRecord *self = (CltMarketingRecord *) object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);

  G_OBJECT_CLASS (clt_marketing_record_parent_class)->finalize (object);
}

static void
clt_marketing_record_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CltMarketingRecord *self = CLT_MARKETING_RECORD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_CODE:
      g_value_set_string (value, clt_marketing_record_get_code (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, clt_marketing_record_get_name (self));
      break;

    case PROP_DETAIL:
      g_value_set_string (value, clt_marketing_record_get_detail (self));
      break;

    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_marketing_record_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CltMarketingRecord *self = CLT_MARKETING_RECORD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      clt_marketing_record_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_CODE:
      clt_marketing_record_set_code (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      clt_marketing_record_set_name (self, g_value_get_string (value));
      break;

    case PROP_DETAIL:
      clt_marketing_record_set_detail (self, g_value_get_string (value));
      break;

    case PROP_DATE:
      clt_marketing_record_set_date (self, g_value_get_boxed (value));
      break;

    case PROP_STATE:
      clt_marketing_record_set_state (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_marketing_record_class_init (CltMarketingRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_marketing_record_finalize;
  object_class->get_property = clt_marketing_record_get_property;
  object_class->set_property = clt_marketing_record_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       CLT_TYPE_MARKETING_KIND, CLT_MARKETING_KIND_SEGMENT,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

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

  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       CLT_TYPE_MARKETING_STATE, CLT_MARKETING_STATE_NONE,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clt_marketing_record_init (CltMarketingRecord *self)
{
}

CltMarketingRecord *
clt_marketing_record_new (void)
{
  return g_object_new (CLT_TYPE_MARKETING_RECORD, NULL);
}

CltMarketingRecord *
clt_marketing_record_copy (CltMarketingRecord *self)
{
  CltMarketingRecord *copy;

  g_return_val_if_fail (CLT_IS_MARKETING_RECORD (self), NULL);

  copy = clt_marketing_record_new ();
  copy->kind = self->kind;
  copy->code = g_strdup (self->code);
  copy->name = g_strdup (self->name);
  copy->detail = g_strdup (self->detail);
  copy->date = self->date != NULL ? g_date_time_ref (self->date) : NULL;
  copy->state = self->state;

  return copy;
}

CltMarketingKind
clt_marketing_record_get_kind (CltMarketingRecord *self)
{
  g_return_val_if_fail (CLT_IS_MARKETING_RECORD (self), CLT_MARKETING_KIND_SEGMENT);

  return self->kind;
}

void
clt_marketing_record_set_kind (CltMarketingRecord *self,
                               CltMarketingKind    kind)
{
  g_return_if_fail (CLT_IS_MARKETING_RECORD (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
clt_marketing_record_get_code (CltMarketingRecord *self)
{
  g_return_val_if_fail (CLT_IS_MARKETING_RECORD (self), "");

  return self->code != NULL ? self->code : "";
}

void
clt_marketing_record_set_code (CltMarketingRecord *self,
                               const char         *code)
{
  g_return_if_fail (CLT_IS_MARKETING_RECORD (self));

  if (clt_set_string (&self->code, code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

const char *
clt_marketing_record_get_name (CltMarketingRecord *self)
{
  g_return_val_if_fail (CLT_IS_MARKETING_RECORD (self), "");

  return self->name != NULL ? self->name : "";
}

void
clt_marketing_record_set_name (CltMarketingRecord *self,
                               const char         *name)
{
  g_return_if_fail (CLT_IS_MARKETING_RECORD (self));

  if (clt_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
clt_marketing_record_get_detail (CltMarketingRecord *self)
{
  g_return_val_if_fail (CLT_IS_MARKETING_RECORD (self), "");

  return self->detail != NULL ? self->detail : "";
}

void
clt_marketing_record_set_detail (CltMarketingRecord *self,
                                 const char         *detail)
{
  g_return_if_fail (CLT_IS_MARKETING_RECORD (self));

  if (clt_set_string (&self->detail, detail))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

GDateTime *
clt_marketing_record_get_date (CltMarketingRecord *self)
{
  g_return_val_if_fail (CLT_IS_MARKETING_RECORD (self), NULL);

  return self->date;
}

void
clt_marketing_record_set_date (CltMarketingRecord *self,
                               GDateTime          *date)
{
  g_return_if_fail (CLT_IS_MARKETING_RECORD (self));

  if (clt_set_date_time (&self->date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

CltMarketingState
clt_marketing_record_get_state (CltMarketingRecord *self)
{
  g_return_val_if_fail (CLT_IS_MARKETING_RECORD (self), CLT_MARKETING_STATE_NONE);

  return self->state;
}

void
clt_marketing_record_set_state (CltMarketingRecord *self,
                                CltMarketingState   state)
{
  g_return_if_fail (CLT_IS_MARKETING_RECORD (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}
