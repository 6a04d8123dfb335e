/* clt-companies-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-shop-list.h"

G_BEGIN_DECLS

#define CLT_TYPE_COMPANIES_PAGE (clt_companies_page_get_type ())

G_DECLARE_FINAL_TYPE (CltCompaniesPage, clt_companies_page, CLT, COMPANIES_PAGE, AdwPreferencesPage)

/* Preferences → Companies: the shop's companies (see CltShopList), added and
 * edited in their own dialog, deleted after a confirmation. */

CltShopList *clt_companies_page_get_list (CltCompaniesPage *self);

G_END_DECLS
