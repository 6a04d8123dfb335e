/* clt-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_GROUP (clt_group_get_type ())

G_DECLARE_FINAL_TYPE (CltGroup, clt_group, CLT, GROUP, GObject)

/* A customer group, keyed by "code". */

CltGroup   *clt_group_new             (void);
CltGroup   *clt_group_copy            (CltGroup   *self);
const char *clt_group_get_code        (CltGroup   *self);
void        clt_group_set_code        (CltGroup   *self,
                                       const char *code);
const char *clt_group_get_name        (CltGroup   *self);
void        clt_group_set_name        (CltGroup   *self,
                                       const char *name);
const char *clt_group_get_description (CltGroup   *self);
void        clt_group_set_description (CltGroup   *self,
                                       const char *description);
/* The version the store gave it; writes name it and fail as stale when it
 * moved (0: not stored yet). */
gint64      clt_group_get_version     (CltGroup   *self);
void        clt_group_set_version     (CltGroup   *self,
                                       gint64      version);

G_END_DECLS
