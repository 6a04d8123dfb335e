/* clt-assisted-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-assisted-session"

#include "config.h"

#include "clt-assisted-session.h"
#include "clt-property-util.h"

struct _CltAssistedSession
{
  GObject parent_instance;

  char      *customer_id;
  char      *customer_number;
  char      *site;
  char      *site_name;
  char      *author;
  char      *author_name;
  GDateTime *started;
  GDateTime *expires;
  GDateTime *redeemed;
};

G_DEFINE_FINAL_TYPE (CltAssistedSession, clt_assisted_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NUMBER,
  PROP_SITE,
  PROP_SITE_NAME,
  PROP_AUTHOR,
  PROP_AUTHOR_NAME,
  PROP_STARTED,
  PROP_EXPIRES,
  PROP_REDEEMED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clt_assisted_session_finalize (GObject *object)
{
  CltAssistedSession *self = (CltAssistedSession *) object;

  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->customer_number, g_free);
  g_clear_pointer (&self->site, g_free);
  g_clear_pointer (&self->site_name, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->author_name, g_free);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->expires, g_date_time_unref);
  g_clear_pointer (&self->redeemed, g_date_time_unref);

  G_OBJECT_CLASS (clt_assisted_session_parent_class)->finalize (object);
}

static void
clt_assisted_session_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CltAssistedSession *self = CLT_ASSISTED_SESSION (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_ID:
      g_value_set_string (value, clt_assisted_session_get_customer_id (self));
      break;

    case PROP_CUSTOMER_NUMBER:
      g_value_set_string (value, clt_assisted_session_get_customer_number (self));
      break;

    case PROP_SITE:
      g_value_set_string (value, clt_assisted_session_get_site (self));
      break;

    case PROP_SITE_NAME:
      g_value_set_string (value, clt_assisted_session_get_site_name (self));
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, clt_assisted_session_get_author (self));
      break;

    case PROP_AUTHOR_NAME:
      g_value_set_string (value, clt_assisted_session_get_author_name (self));
      break;

    case PROP_STARTED:
      g_value_set_boxed (value, clt_assisted_session_get_started (self));
      break;

    case PROP_EXPIRES:
      g_value_set_boxed (value, clt_assisted_session_get_expires (self));
      break;

    case PROP_REDEEMED:
      g_value_set_boxed (value, clt_assisted_session_get_redeemed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_assisted_session_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CltAssistedSession *self = CLT_ASSISTED_SESSION (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_ID:
      clt_assisted_session_set_customer_id (self, g_value_get_string (value));
      break;

    case PROP_CUSTOMER_NUMBER:
      clt_assisted_session_set_customer_number (self, g_value_get_string (value));
      break;

    case PROP_SITE:
      clt_assisted_session_set_site (self, g_value_get_string (value));
      break;

    case PROP_SITE_NAME:
      clt_assisted_session_set_site_name (self, g_value_get_string (value));
      break;

    case PROP_AUTHOR:
      clt_assisted_session_set_author (self, g_value_get_string (value));
      break;

    case PROP_AUTHOR_NAME:
      clt_assisted_session_set_author_name (self, g_value_get_string (value));
      break;

    case PROP_STARTED:
      clt_assisted_session_set_started (self, g_value_get_boxed (value));
      break;

    case PROP_EXPIRES:
      clt_assisted_session_set_expires (self, g_value_get_boxed (value));
      break;

    case PROP_REDEEMED:
      clt_assisted_session_set_redeemed (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_assisted_session_class_init (CltAssistedSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_assisted_session_finalize;
  object_class->get_property = clt_assisted_session_get_property;
  object_class->set_property = clt_assisted_session_set_property;

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_NUMBER] =
    g_param_spec_string ("customer-number", NULL, NULL,
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

  properties[PROP_SITE_NAME] =
    g_param_spec_string ("site-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTHOR_NAME] =
    g_param_spec_string ("author-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_STARTED] =
    g_param_spec_boxed ("started", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_EXPIRES] =
    g_param_spec_boxed ("expires", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_REDEEMED] =
    g_param_spec_boxed ("redeemed", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clt_assisted_session_init (CltAssistedSession *self)
{
}

CltAssistedSession *
clt_assisted_session_new (void)
{
  return g_object_new (CLT_TYPE_ASSISTED_SESSION, NULL);
}

const char *
clt_assisted_session_get_customer_id (CltAssistedSession *self)
{
  g_return_val_if_fail (CLT_IS_ASSISTED_SESSION (self), "");

  return self->customer_id != NULL ? self->customer_id : "";
}

void
clt_assisted_session_set_customer_id (CltAssistedSession *self,
                                      const char         *customer_id)
{
  g_return_if_fail (CLT_IS_ASSISTED_SESSION (self));

  if (clt_set_string (&self->customer_id, customer_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
clt_assisted_session_get_customer_number (CltAssistedSession *self)
{
  g_return_val_if_fail (CLT_IS_ASSISTED_SESSION (self), "");

  return self->customer_number != NULL ? self->customer_number : "";
}

void
clt_assisted_session_set_customer_number (CltAssistedSession *self,
                                          const char         *customer_number)
{
  g_return_if_fail (CLT_IS_ASSISTED_SESSION (self));

  if (clt_set_string (&self->customer_number, customer_number))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NUMBER]);
}

const char *
clt_assisted_session_get_site (CltAssistedSession *self)
{
  g_return_val_if_fail (CLT_IS_ASSISTED_SESSION (self), "");

  return self->site != NULL ? self->site : "";
}

void
clt_assisted_session_set_site (CltAssistedSession *self,
                               const char         *site)
{
  g_return_if_fail (CLT_IS_ASSISTED_SESSION (self));

  if (clt_set_string (&self->site, site))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE]);
}

const char *
clt_assisted_session_get_site_name (CltAssistedSession *self)
{
  g_return_val_if_fail (CLT_IS_ASSISTED_SESSION (self), "");

  return self->site_name != NULL ? self->site_name : "";
}

void
clt_assisted_session_set_site_name (CltAssistedSession *self,
                                    const char         *site_name)
{
  g_return_if_fail (CLT_IS_ASSISTED_SESSION (self));

  if (clt_set_string (&self->site_name, site_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE_NAME]);
}

const char *
clt_assisted_session_get_author (CltAssistedSession *self)
{
  g_return_val_if_fail (CLT_IS_ASSISTED_SESSION (self), "");

  return self->author != NULL ? self->author : "";
}

void
clt_assisted_session_set_author (CltAssistedSession *self,
                                 const char         *author)
{
  g_return_if_fail (CLT_IS_ASSISTED_SESSION (self));

  if (clt_set_string (&self->author, author))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
}

const char *
clt_assisted_session_get_author_name (CltAssistedSession *self)
{
  g_return_val_if_fail (CLT_IS_ASSISTED_SESSION (self), "");

  return self->author_name != NULL ? self->author_name : "";
}

void
clt_assisted_session_set_author_name (CltAssistedSession *self,
                                      const char         *author_name)
{
  g_return_if_fail (CLT_IS_ASSISTED_SESSION (self));

  if (clt_set_string (&self->author_name, author_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR_NAME]);
}

GDateTime *
clt_assisted_session_get_started (CltAssistedSession *self)
{
  g_return_val_if_fail (CLT_IS_ASSISTED_SESSION (self), NULL);

  return self->started;
}

void
clt_assisted_session_set_started (CltAssistedSession *self,
                                  GDateTime          *started)
{
  g_return_if_fail (CLT_IS_ASSISTED_SESSION (self));

  if (clt_set_date_time (&self->started, started))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTED]);
}

GDateTime *
clt_assisted_session_get_expires (CltAssistedSession *self)
{
  g_return_val_if_fail (CLT_IS_ASSISTED_SESSION (self), NULL);

  return self->expires;
}

void
clt_assisted_session_set_expires (CltAssistedSession *self,
                                  GDateTime          *expires)
{
  g_return_if_fail (CLT_IS_ASSISTED_SESSION (self));

  if (clt_set_date_time (&self->expires, expires))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRES]);
}

GDateTime *
clt_assisted_session_get_redeemed (CltAssistedSession *self)
{
  g_return_val_if_fail (CLT_IS_ASSISTED_SESSION (self), NULL);

  return self->redeemed;
}

void
clt_assisted_session_set_redeemed (CltAssistedSession *self,
                                   GDateTime          *redeemed)
{
  g_return_if_fail (CLT_IS_ASSISTED_SESSION (self));

  if (clt_set_date_time (&self->redeemed, redeemed))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDEEMED]);
}
