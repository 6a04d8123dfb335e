/* clt-order.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-order"

#include "config.h"

#include "clt-order.h"
#include "clt-property-util.h"

struct _CltOrder
{
  GObject parent_instance;

  char      *reference;
  char      *customer_id;
  GDateTime *created;
  char      *status;
  gint64     total;
  char      *currency;
  char      *site;
};

G_DEFINE_FINAL_TYPE (CltOrder, clt_order, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REFERENCE,
  PROP_CUSTOMER_ID,
  PROP_CREATED,
  PROP_STATUS,
  PROP_TOTAL,
  PROP_CURRENCY,
  PROP_SITE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clt_order_finalize (GObject *object)
{
  CltOrder *self = (CltOrder *) object;

  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->site, g_free);

  G_OBJECT_CLASS (clt_order_parent_class)->finalize (object);
}

static void
clt_order_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CltOrder *self = CLT_ORDER (object);

  switch (prop_id)
    {
    case PROP_REFERENCE:
      g_value_set_string (value, clt_order_get_reference (self));
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_string (value, clt_order_get_customer_id (self));
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, clt_order_get_created (self));
      break;

    case PROP_STATUS:
      g_value_set_string (value, clt_order_get_status (self));
      break;

    case PROP_TOTAL:
      g_value_set_int64 (value, clt_order_get_total (self));
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, clt_order_get_currency (self));
      break;

    case PROP_SITE:
      g_value_set_string (value, clt_order_get_site (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_order_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CltOrder *self = CLT_ORDER (object);

  switch (prop_id)
    {
    case PROP_REFERENCE:
      clt_order_set_reference (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_ID:
      clt_order_set_customer_id (self, g_value_get_string (value));
      break;

    case PROP_CREATED:
      clt_order_set_created (self, g_value_get_boxed (value));
      break;

    case PROP_STATUS:
      clt_order_set_status (self, g_value_get_string (value));
      break;

    case PROP_TOTAL:
      clt_order_set_total (self, g_value_get_int64 (value));
      break;

    case PROP_CURRENCY:
      clt_order_set_currency (self, g_value_get_string (value));
      break;

    case PROP_SITE:
      clt_order_set_site (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_order_class_init (CltOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_order_finalize;
  object_class->get_property = clt_order_get_property;
  object_class->set_property = clt_order_set_property;

  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL,
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

  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SITE] =
    g_param_spec_string ("site", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clt_order_init (CltOrder *self)
{
}

CltOrder *
clt_order_new (void)
{
  return g_object_new (CLT_TYPE_ORDER, NULL);
}

CltOrder *
clt_order_copy (CltOrder *self)
{
  CltOrder *copy;

  g_return_val_if_fail (CLT_IS_ORDER (self), NULL);

  copy = clt_order_new ();
  copy->reference = g_strdup (self->reference);
  copy->customer_id = g_strdup (self->customer_id);
  copy->created = self->created != NULL ? g_date_time_ref (self->created) : NULL;
  copy->status = g_strdup (self->status);
  copy->total = self->total;
  copy->currency = g_strdup (self->currency);
  copy->site = g_strdup (self->site);

  return copy;
}

const char *
clt_order_get_reference (CltOrder *self)
{
  g_return_val_if_fail (CLT_IS_ORDER (self), "");

  return self->reference != NULL ? self->reference : "";
}

void
clt_order_set_reference (CltOrder   *self,
                         const char *reference)
{
  g_return_if_fail (CLT_IS_ORDER (self));

  if (clt_set_string (&self->reference, reference))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFERENCE]);
}

const char *
clt_order_get_customer_id (CltOrder *self)
{
  g_return_val_if_fail (CLT_IS_ORDER (self), "");

  return self->customer_id != NULL ? self->customer_id : "";
}

void
clt_order_set_customer_id (CltOrder   *self,
                           const char *customer_id)
{
  g_return_if_fail (CLT_IS_ORDER (self));

  if (clt_set_string (&self->customer_id, customer_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

GDateTime *
clt_order_get_created (CltOrder *self)
{
  g_return_val_if_fail (CLT_IS_ORDER (self), NULL);

  return self->created;
}

void
clt_order_set_created (CltOrder  *self,
                       GDateTime *created)
{
  g_return_if_fail (CLT_IS_ORDER (self));

  if (clt_set_date_time (&self->created, created))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

const char *
clt_order_get_status (CltOrder *self)
{
  g_return_val_if_fail (CLT_IS_ORDER (self), "");

  return self->status != NULL ? self->status : "";
}

void
clt_order_set_status (CltOrder   *self,
                      const char *status)
{
  g_return_if_fail (CLT_IS_ORDER (self));

  if (clt_set_string (&self->status, status))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

gint64
clt_order_get_total (CltOrder *self)
{
  g_return_val_if_fail (CLT_IS_ORDER (self), 0);

  return self->total;
}

void
clt_order_set_total (CltOrder *self,
                     gint64    total)
{
  g_return_if_fail (CLT_IS_ORDER (self));

  if (self->total == total)
    return;

  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

const char *
clt_order_get_currency (CltOrder *self)
{
  g_return_val_if_fail (CLT_IS_ORDER (self), "");

  return self->currency != NULL ? self->currency : "";
}

void
clt_order_set_currency (CltOrder   *self,
                        const char *currency)
{
  g_return_if_fail (CLT_IS_ORDER (self));

  if (clt_set_string (&self->currency, currency))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

const char *
clt_order_get_site (CltOrder *self)
{
  g_return_val_if_fail (CLT_IS_ORDER (self), "");

  return self->site != NULL ? self->site : "";
}

void
clt_order_set_site (CltOrder   *self,
                    const char *site)
{
  g_return_if_fail (CLT_IS_ORDER (self));

  if (clt_set_string (&self->site, site))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE]);
}
