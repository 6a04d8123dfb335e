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

/* A storefront ("site") of the shop: "code", "name", "storefront-url"
 * (may be ""), "default-currency", "default-locale", "active",
 * "assisted-buying" (the switch) and "assisted-buying-url": the address
 * Assisted Buying opens, a template holding {token} and optionally
 * {customerNumber}, {customerId} and {site}, e.g.
 * "https://shop.example/assisted-buying?token={token}&customer={customerNumber}". */

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
const char *clt_site_get_assisted_buying_url (CltSite    *self);
void        clt_site_set_assisted_buying_url (CltSite    *self,
                                              const char *assisted_buying_url);
/* Whether back-office users can shop as a customer here: the switch is on,
 * and there are a storefront URL and an Assisted Buying template. */
gboolean    clt_site_offers_assisted_buying (CltSite    *self);
/* The placeholders a template may hold ({token} first), NULL-terminated. */
const char * const *clt_site_get_assisted_buying_placeholders (void);
/* The template with each placeholder replaced by its value, URL-escaped;
 * NULL customer number or id read as "". */
char       *clt_site_expand_assisted_buying_url (CltSite    *self,
                                                 const char *token,
                                                 const char *customer_number,
                                                 const char *customer_id);
/* The version the store gave it; writes name it and fail as stale when it
 * moved (0: not stored yet). */
gint64      clt_site_get_version          (CltSite    *self);
void        clt_site_set_version          (CltSite    *self,
                                           gint64      version);

G_END_DECLS
