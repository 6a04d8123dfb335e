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

/* A user of the back office. "roles" holds "admin", "support" and/or
 * "viewer". */

CltBackofficeUser  *clt_backoffice_user_new              (void);
CltBackofficeUser  *clt_backoffice_user_copy             (CltBackofficeUser  *self);
const char         *clt_backoffice_user_get_username     (CltBackofficeUser  *self);
void                clt_backoffice_user_set_username     (CltBackofficeUser  *self,
                                                          const char         *username);
const char         *clt_backoffice_user_get_display_name (CltBackofficeUser  *self);
void                clt_backoffice_user_set_display_name (CltBackofficeUser  *self,
                                                          const char         *display_name);
const char * const *clt_backoffice_user_get_roles        (CltBackofficeUser  *self);
void                clt_backoffice_user_set_roles        (CltBackofficeUser  *self,
                                                          const char * const *roles);

G_END_DECLS
