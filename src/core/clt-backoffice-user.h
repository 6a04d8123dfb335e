/* clt-backoffice-user.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_BACKOFFICE_USER (clt_backoffice_user_get_type ())

G_DECLARE_FINAL_TYPE (CltBackofficeUser, clt_backoffice_user, CLT, BACKOFFICE_USER, GObject)

/* A user of the back office and the role that decides what they may do
 * (CltRole). */

/* What an operation needs; clt_role_may () says which roles have it. */
typedef enum
{
  CLT_PERMISSION_READ,
  CLT_PERMISSION_EDIT_CUSTOMERS,   /* customers, addresses, notes, outbox: staff */
  CLT_PERMISSION_ASSISTED_BUYING,  /* shop as the customer: support */
  CLT_PERMISSION_MANAGE_SHOP,      /* sites, groups, companies, fields, preferences, imports: admin */
} CltPermission;

gboolean            clt_role_may                         (CltRole             role,
                                                          CltPermission       permission);


CltBackofficeUser  *clt_backoffice_user_new              (void);
CltBackofficeUser  *clt_backoffice_user_copy             (CltBackofficeUser  *self);
const char         *clt_backoffice_user_get_username     (CltBackofficeUser  *self);
void                clt_backoffice_user_set_username     (CltBackofficeUser  *self,
                                                          const char         *username);
const char         *clt_backoffice_user_get_display_name (CltBackofficeUser  *self);
void                clt_backoffice_user_set_display_name (CltBackofficeUser  *self,
                                                          const char         *display_name);
CltRole             clt_backoffice_user_get_role         (CltBackofficeUser  *self);
void                clt_backoffice_user_set_role         (CltBackofficeUser  *self,
                                                          CltRole             role);
gboolean            clt_backoffice_user_may              (CltBackofficeUser  *self,
                                                          CltPermission       permission);

G_END_DECLS
