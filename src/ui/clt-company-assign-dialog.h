/* clt-company-assign-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_COMPANY_ASSIGN_DIALOG (clt_company_assign_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CltCompanyAssignDialog, clt_company_assign_dialog, CLT, COMPANY_ASSIGN_DIALOG, AdwWindow)

/* "Attach to Company" (the Spryker flow): a Company drop-down, then a
 * Business Unit drop-down listing only the chosen company's units (off
 * until a company is chosen), then the company's roles, each checked when
 * the customer holds it. Save checks the choice with
 * clt_validate_company_assignment () and attaches through the store; what
 * is refused shows under its field (a unit or role the company no longer
 * has, a company gone meanwhile), anything else at the top; when someone
 * else changed the customer meanwhile, the dialog reads it again, keeps
 * the choices and asks to save again. "Detach from
 * Company" (when the customer has one) removes the assignment. Both emit
 * "saved" (the stored CltCustomer) and close; Cancel or Escape close
 * without writing. */

CltCompanyAssignDialog *clt_company_assign_dialog_new             (GtkWindow              *parent,
                                                                   CltStore               *store,
                                                                   CltCustomer            *customer);

/* For tests. */
gboolean                clt_company_assign_dialog_get_loading     (CltCompanyAssignDialog *self);
gboolean                clt_company_assign_dialog_get_busy        (CltCompanyAssignDialog *self);
AdwComboRow            *clt_company_assign_dialog_get_company_row (CltCompanyAssignDialog *self);
AdwComboRow            *clt_company_assign_dialog_get_unit_row    (CltCompanyAssignDialog *self);
/* The check button of the role @role of the chosen company, or NULL. */
GtkCheckButton         *clt_company_assign_dialog_get_role_check  (CltCompanyAssignDialog *self,
                                                                   const char             *role);
/* What shows under "company-id", "business-unit" or "roles", or at the
 * top (NULL); NULL when nothing does. */
const char             *clt_company_assign_dialog_get_error       (CltCompanyAssignDialog *self,
                                                                   const char             *field);
/* Chooses the company @company_id in the drop-down; FALSE when it is not
 * listed. */
gboolean                clt_company_assign_dialog_select_company  (CltCompanyAssignDialog *self,
                                                                   const char             *company_id);

G_END_DECLS
