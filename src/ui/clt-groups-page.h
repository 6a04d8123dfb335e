/* clt-groups-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-shop-list.h"

G_BEGIN_DECLS

#define CLT_TYPE_GROUPS_PAGE (clt_groups_page_get_type ())

G_DECLARE_FINAL_TYPE (CltGroupsPage, clt_groups_page, CLT, GROUPS_PAGE, AdwPreferencesPage)

/* Preferences → Groups: the shop's groups (see CltShopList), added and
 * edited in their own dialog, deleted after a confirmation. */

CltShopList *clt_groups_page_get_list (CltGroupsPage *self);

G_END_DECLS
