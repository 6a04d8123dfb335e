/* clt-site.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_SITE (clt_site_get_type ())

G_DECLARE_FINAL_TYPE (CltSite, clt_site, CLT, SITE, GObject)

/* A storefront ("site") of the shop. "storefront-url" is where Assisted
 * Buying opens; it may be "". */

CltSite    *clt_site_new                  (void);
CltSite    *clt_site_copy                 (CltSite    *self);
const char *clt_site_get_code             (CltSite    *self);
void        clt_site_set_code             (CltSite    *self,
                                           const char *code);
const char *clt_site_get_name             (CltSite    *self);
void        clt_site_set_name             (CltSite    *self,
                                           const char *name);
const char *clt_site_get_storefront_url   (CltSite    *self);
void        clt_site_set_storefront_url   (CltSite    *self,
                                           const char *storefront_url);
const char *clt_site_get_default_currency (CltSite    *self);
void        clt_site_set_default_currency (CltSite    *self,
                                           const char *default_currency);
const char *clt_site_get_default_locale   (CltSite    *self);
void        clt_site_set_default_locale   (CltSite    *self,
                                           const char *default_locale);
gboolean    clt_site_get_active           (CltSite    *self);
void        clt_site_set_active           (CltSite    *self,
                                           gboolean    active);
gboolean    clt_site_get_assisted_buying  (CltSite    *self);
void        clt_site_set_assisted_buying  (CltSite    *self,
                                           gboolean    assisted_buying);
/* The version the store gave it; writes name it and fail as stale when it
 * moved (0: not stored yet). */
gint64      clt_site_get_version          (CltSite    *self);
void        clt_site_set_version          (CltSite    *self,
                                           gint64      version);

G_END_DECLS
