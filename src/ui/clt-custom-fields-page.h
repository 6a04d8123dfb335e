/* clt-custom-fields-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-shop-list.h"

G_BEGIN_DECLS

#define CLT_TYPE_CUSTOM_FIELDS_PAGE (clt_custom_fields_page_get_type ())

G_DECLARE_FINAL_TYPE (CltCustomFieldsPage, clt_custom_fields_page, CLT, CUSTOM_FIELDS_PAGE, AdwPreferencesPage)

/* Preferences → Custom Fields: the shop's custom fields (see CltShopList), added and
 * edited in their own dialog, deleted after a confirmation. */

CltShopList *clt_custom_fields_page_get_list (CltCustomFieldsPage *self);

G_END_DECLS
