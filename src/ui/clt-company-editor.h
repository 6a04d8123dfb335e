/* clt-company-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_COMPANY_EDITOR (clt_company_editor_get_type ())

G_DECLARE_FINAL_TYPE (CltCompanyEditor, clt_company_editor, CLT, COMPANY_EDITOR, AdwWindow)

/* The Add Company / Edit Company dialog (see CltShopEditor): the name,
 * the business units and the roles (added, renamed and removed in
 * CltListEditors). A new company's ID is made of its name. Signal "saved"
 * (CltCompany *stored). */

/* @company: (nullable): the company to edit (copied), NULL to add one;
 * @companies: (nullable): the companies there are, whose IDs are taken. */
CltCompanyEditor *clt_company_editor_new (CltStore   *store,
                                          CltCompany *company,
                                          GPtrArray  *companies);

G_END_DECLS
