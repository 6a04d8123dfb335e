/* clt-sites-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-shop-list.h"

G_BEGIN_DECLS

#define CLT_TYPE_SITES_PAGE (clt_sites_page_get_type ())

G_DECLARE_FINAL_TYPE (CltSitesPage, clt_sites_page, CLT, SITES_PAGE, AdwPreferencesPage)

/* Preferences → Sites: the shop's sites (see CltShopList), added and
 * edited in their own dialog, deleted after a confirmation. */

CltShopList *clt_sites_page_get_list (CltSitesPage *self);

G_END_DECLS
