/* clt-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _CltAddress          CltAddress;
typedef struct _CltAssistedSession  CltAssistedSession;
typedef struct _CltBackofficeUser   CltBackofficeUser;
typedef struct _CltCompany          CltCompany;
typedef struct _CltCustomer         CltCustomer;
typedef struct _CltCustomerDetails  CltCustomerDetails;
typedef struct _CltCustomerList     CltCustomerList;
typedef struct _CltCustomField      CltCustomField;
typedef struct _CltEmail            CltEmail;
typedef struct _CltGroup            CltGroup;
typedef struct _CltImportReport     CltImportReport;
typedef struct _CltNote             CltNote;
typedef struct _CltMarketingRecord  CltMarketingRecord;
typedef struct _CltOrder            CltOrder;
typedef struct _CltQuery            CltQuery;
typedef struct _CltShopPreferences  CltShopPreferences;
typedef struct _CltSite             CltSite;
typedef struct _CltStore            CltStore;

G_END_DECLS
