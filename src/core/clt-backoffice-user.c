/* clt-backoffice-user.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-backoffice-user"

#include "config.h"

#include "clt-backoffice-user.h"
#include "clt-enum-types.h"
#include "clt-property-util.h"

struct _CltBackofficeUser
{
  GObject parent_instance;

  char  *username;
  char  *display_name;
  CltRole role;
};

G_DEFINE_FINAL_TYPE (CltBackofficeUser, clt_backoffice_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USERNAME,
  PROP_DISPLAY_NAME,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clt_backoffice_user_finalize (GObject *object)
{
  CltBackofficeUser *self = (CltBackofficeUser *) object;

  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (clt_backoffice_user_parent_class)->finalize (object);
}

static void
clt_backoffice_user_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CltBackofficeUser *self = CLT_BACKOFFICE_USER (object);

  switch (prop_id)
    {
    case PROP_USERNAME:
      g_value_set_string (value, clt_backoffice_user_get_username (self));
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, clt_backoffice_user_get_display_name (self));
      break;

    case PROP_ROLE:
      g_value_set_enum (value, clt_backoffice_user_get_role (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_backoffice_user_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CltBackofficeUser *self = CLT_BACKOFFICE_USER (object);

  switch (prop_id)
    {
    case PROP_USERNAME:
      clt_backoffice_user_set_username (self, g_value_get_string (value));
      break;

    case PROP_DISPLAY_NAME:
      clt_backoffice_user_set_display_name (self, g_value_get_string (value));
      break;

    case PROP_ROLE:
      clt_backoffice_user_set_role (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_backoffice_user_class_init (CltBackofficeUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_backoffice_user_finalize;
  object_class->get_property = clt_backoffice_user_get_property;
  object_class->set_property = clt_backoffice_user_set_property;

  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL,
                       CLT_TYPE_ROLE,
                       CLT_ROLE_VIEWER,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clt_backoffice_user_init (CltBackofficeUser *self)
{
}

CltBackofficeUser *
clt_backoffice_user_new (void)
{
  return g_object_new (CLT_TYPE_BACKOFFICE_USER, NULL);
}

CltBackofficeUser *
clt_backoffice_user_copy (CltBackofficeUser *self)
{
  CltBackofficeUser *copy;

  g_return_val_if_fail (CLT_IS_BACKOFFICE_USER (self), NULL);

  copy = clt_backoffice_user_new ();
  copy->username = g_strdup (self->username);
  copy->display_name = g_strdup (self->display_name);
  copy->role = self->role;

  return copy;
}

const char *
clt_backoffice_user_get_username (CltBackofficeUser *self)
{
  g_return_val_if_fail (CLT_IS_BACKOFFICE_USER (self), "");

  return self->username != NULL ? self->username : "";
}

void
clt_backoffice_user_set_username (CltBackofficeUser *self,
                                  const char        *username)
{
  g_return_if_fail (CLT_IS_BACKOFFICE_USER (self));

  if (clt_set_string (&self->username, username))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
}

const char *
clt_backoffice_user_get_display_name (CltBackofficeUser *self)
{
  g_return_val_if_fail (CLT_IS_BACKOFFICE_USER (self), "");

  return self->display_name != NULL ? self->display_name : "";
}

void
clt_backoffice_user_set_display_name (CltBackofficeUser *self,
                                      const char        *display_name)
{
  g_return_if_fail (CLT_IS_BACKOFFICE_USER (self));

  if (clt_set_string (&self->display_name, display_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

CltRole
clt_backoffice_user_get_role (CltBackofficeUser *self)
{
  g_return_val_if_fail (CLT_IS_BACKOFFICE_USER (self), CLT_ROLE_VIEWER);

  return self->role;
}

void
clt_backoffice_user_set_role (CltBackofficeUser *self,
                              CltRole            role)
{
  g_return_if_fail (CLT_IS_BACKOFFICE_USER (self));
  g_return_if_fail (role >= CLT_ROLE_VIEWER && role <= CLT_ROLE_ADMIN);

  if (self->role == role)
    return;

  self->role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

gboolean
clt_role_may (CltRole       role,
              CltPermission permission)
{
  switch (permission)
    {
    case CLT_PERMISSION_READ:
      return TRUE;

    case CLT_PERMISSION_EDIT_CUSTOMERS:
      return role >= CLT_ROLE_STAFF;

    case CLT_PERMISSION_ASSISTED_BUYING:
      return role >= CLT_ROLE_SUPPORT;

    case CLT_PERMISSION_MANAGE_SHOP:
      return role >= CLT_ROLE_ADMIN;

    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
clt_backoffice_user_may (CltBackofficeUser *self,
                         CltPermission      permission)
{
  g_return_val_if_fail (CLT_IS_BACKOFFICE_USER (self), FALSE);

  return clt_role_may (self->role, permission);
}
