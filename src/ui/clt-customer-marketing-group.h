/* clt-customer-marketing-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_CUSTOMER_MARKETING_GROUP (clt_customer_marketing_group_get_type ())

G_DECLARE_FINAL_TYPE (CltCustomerMarketingGroup, clt_customer_marketing_group, CLT, CUSTOMER_MARKETING_GROUP, AdwPreferencesGroup)

/* The customer page's Marketing section, read-only: one row with the
 * segments the customer belongs to ("Newsletter subscribers, Frequent
 * buyers"), a row per coupon ("WELCOME10 · Welcome discount" / "10 % ·
 * valid until 30/06/2026 · Redeemed") and a row per campaign delivered
 * ("Spring sale 2026" / "Email · 03/03/2026 · Opened"). Hidden while
 * there is nothing to show. */

GtkWidget  *clt_customer_marketing_group_new         (void);
/* Shows @records (CltMarketingRecord; NULL: nothing), as
 * clt_customer_details_get_marketing () gives them. */
void        clt_customer_marketing_group_set_records (CltCustomerMarketingGroup *self,
                                                      GPtrArray                 *records);
/* For tests: the rows shown. */
GtkListBox *clt_customer_marketing_group_get_list    (CltCustomerMarketingGroup *self);

G_END_DECLS
