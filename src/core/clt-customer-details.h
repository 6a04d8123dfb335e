/* clt-customer-details.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_CUSTOMER_DETAILS (clt_customer_details_get_type ())

G_DECLARE_FINAL_TYPE (CltCustomerDetails, clt_customer_details, CLT, CUSTOMER_DETAILS, GObject)

/* What the customer page shows, as one store answer: the customer, its
 * addresses, notes (newest first), orders (newest first) and outbox, the
 * shop's sites, the groups and company the customer belongs to, and the
 * customer's Assisted Buying log (CltAssistedSession, newest first) and
 * what the shop's marketing knows of them (CltMarketingRecord: segments,
 * then coupons, then deliveries, each in the order they were imported).
 * Immutable once a store hands it out; arrays are never NULL (transfer
 * none from the getters). */

CltCustomerDetails *clt_customer_details_new           (CltCustomer        *customer,
                                                        GPtrArray          *addresses,
                                                        GPtrArray          *notes,
                                                        GPtrArray          *orders,
                                                        GPtrArray          *emails,
                                                        GPtrArray          *sites,
                                                        GPtrArray          *groups,
                                                        CltCompany         *company);
CltCustomer        *clt_customer_details_get_customer  (CltCustomerDetails *self);
GPtrArray          *clt_customer_details_get_addresses (CltCustomerDetails *self);
GPtrArray          *clt_customer_details_get_notes     (CltCustomerDetails *self);
GPtrArray          *clt_customer_details_get_orders    (CltCustomerDetails *self);
GPtrArray          *clt_customer_details_get_emails    (CltCustomerDetails *self);
GPtrArray          *clt_customer_details_get_sites     (CltCustomerDetails *self);
GPtrArray          *clt_customer_details_get_groups    (CltCustomerDetails *self);
GPtrArray          *clt_customer_details_get_assisted_buying (CltCustomerDetails *self);
/* For stores, before handing it out: takes a reference on @log (NULL
 * reads as empty). */
void                clt_customer_details_set_assisted_buying (CltCustomerDetails *self,
                                                              GPtrArray          *log);
GPtrArray          *clt_customer_details_get_marketing (CltCustomerDetails *self);
/* For stores, before handing it out: takes a reference on @marketing
 * (NULL reads as empty). */
void                clt_customer_details_set_marketing (CltCustomerDetails *self,
                                                        GPtrArray          *marketing);
/* NULL when the customer belongs to no company. */
CltCompany         *clt_customer_details_get_company   (CltCustomerDetails *self);

G_END_DECLS
