/* clt-shop-preferences.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_SHOP_PREFERENCES (clt_shop_preferences_get_type ())

G_DECLARE_FINAL_TYPE (CltShopPreferences, clt_shop_preferences, CLT, SHOP_PREFERENCES, GObject)

/* Shop-wide preferences. Defaults: "default-currency" "EUR",
 * "default-locale" "en_US", "customer-number-prefix" "CUST-",
 * "customer-active-on-creation" TRUE, "customer-on-hold-on-creation" FALSE,
 * "local-role" CLT_ROLE_ADMIN. */

CltShopPreferences *clt_shop_preferences_new                              (void);
CltShopPreferences *clt_shop_preferences_copy                             (CltShopPreferences *self);
const char         *clt_shop_preferences_get_shop_name                    (CltShopPreferences *self);
void                clt_shop_preferences_set_shop_name                    (CltShopPreferences *self,
                                                                           const char         *shop_name);
const char         *clt_shop_preferences_get_default_currency             (CltShopPreferences *self);
void                clt_shop_preferences_set_default_currency             (CltShopPreferences *self,
                                                                           const char         *default_currency);
const char         *clt_shop_preferences_get_default_locale               (CltShopPreferences *self);
void                clt_shop_preferences_set_default_locale               (CltShopPreferences *self,
                                                                           const char         *default_locale);
const char         *clt_shop_preferences_get_customer_number_prefix       (CltShopPreferences *self);
void                clt_shop_preferences_set_customer_number_prefix       (CltShopPreferences *self,
                                                                           const char         *customer_number_prefix);
gboolean            clt_shop_preferences_get_customer_active_on_creation  (CltShopPreferences *self);
void                clt_shop_preferences_set_customer_active_on_creation  (CltShopPreferences *self,
                                                                           gboolean            customer_active_on_creation);
gboolean            clt_shop_preferences_get_customer_on_hold_on_creation (CltShopPreferences *self);
void                clt_shop_preferences_set_customer_on_hold_on_creation (CltShopPreferences *self,
                                                                           gboolean            customer_on_hold_on_creation);
/* The version the store gave it; writes name it and fail as stale when it
 * moved (0: not stored yet). */
gint64              clt_shop_preferences_get_version                      (CltShopPreferences *self);
void                clt_shop_preferences_set_version                      (CltShopPreferences *self,
                                                                           gint64              version);
/* The role of whoever uses a local (file) store; default admin. */
CltRole             clt_shop_preferences_get_local_role                   (CltShopPreferences *self);
void                clt_shop_preferences_set_local_role                   (CltShopPreferences *self,
                                                                           CltRole             local_role);
G_END_DECLS
