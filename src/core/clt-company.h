/* clt-company.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_COMPANY (clt_company_get_type ())

G_DECLARE_FINAL_TYPE (CltCompany, clt_company, CLT, COMPANY, GObject)

/* A B2B company, keyed by "id", with its business units and the roles
 * its customers may hold. */

CltCompany         *clt_company_new                (void);
CltCompany         *clt_company_copy               (CltCompany         *self);
const char         *clt_company_get_id             (CltCompany         *self);
void                clt_company_set_id             (CltCompany         *self,
                                                    const char         *id);
const char         *clt_company_get_name           (CltCompany         *self);
void                clt_company_set_name           (CltCompany         *self,
                                                    const char         *name);
const char * const *clt_company_get_business_units (CltCompany         *self);
void                clt_company_set_business_units (CltCompany         *self,
                                                    const char * const *business_units);
const char * const *clt_company_get_roles          (CltCompany         *self);
void                clt_company_set_roles          (CltCompany         *self,
                                                    const char * const *roles);
/* The version the store gave it; writes name it and fail as stale when it
 * moved (0: not stored yet). */
gint64              clt_company_get_version        (CltCompany         *self);
void                clt_company_set_version        (CltCompany         *self,
                                                    gint64              version);

G_END_DECLS
