/* clt-customer-filter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_CUSTOMER_FILTER (clt_customer_filter_get_type ())

G_DECLARE_FINAL_TYPE (CltCustomerFilter, clt_customer_filter, CLT, CUSTOMER_FILTER, GtkWidget)

/* The table's filter button, next to the search entry: a popover with a
 * Customer Group and a Company drop-down (the store's groups and
 * companies, read again when they change) and Clear. The button's label
 * names what filters ("VIP · ACME Corp"), or says "Filter".
 *
 * Properties: "store" (CltStore), "group" (the chosen group's code, ""
 * for any) and "company" (the chosen company's id, "" for any): the window
 * puts them into the table's query. */

GtkWidget     *clt_customer_filter_new                (void);
void           clt_customer_filter_set_store          (CltCustomerFilter *self,
                                                       CltStore          *store);
const char    *clt_customer_filter_get_group          (CltCustomerFilter *self);
void           clt_customer_filter_set_group          (CltCustomerFilter *self,
                                                       const char        *group);
const char    *clt_customer_filter_get_company        (CltCustomerFilter *self);
void           clt_customer_filter_set_company        (CltCustomerFilter *self,
                                                       const char        *company);

/* For tests. */
GtkDropDown   *clt_customer_filter_get_group_choice   (CltCustomerFilter *self);
GtkDropDown   *clt_customer_filter_get_company_choice (CltCustomerFilter *self);
GtkMenuButton *clt_customer_filter_get_button         (CltCustomerFilter *self);
gboolean       clt_customer_filter_get_loading        (CltCustomerFilter *self);

G_END_DECLS
