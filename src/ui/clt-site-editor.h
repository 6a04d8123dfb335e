/* clt-site-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_SITE_EDITOR (clt_site_editor_get_type ())

G_DECLARE_FINAL_TYPE (CltSiteEditor, clt_site_editor, CLT, SITE_EDITOR, AdwWindow)

/* The Add Site / Edit Site dialog (see CltShopEditor): code (when
 * adding), name, active, default currency and language, storefront
 * address, Assisted Buying (its switch and the address template), each
 * checked as typed (clt_validate_site ()). Enter saves,
 * Escape cancels. Signal "saved" (CltSite *stored). */

/* @site: (nullable): the site to edit (copied), NULL to add one. */
CltSiteEditor *clt_site_editor_new (CltStore *store,
                                    CltSite  *site);

G_END_DECLS
