/* clt-customer-filter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "clt-field-condition.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_CUSTOMER_FILTER (clt_customer_filter_get_type ())

G_DECLARE_FINAL_TYPE (CltCustomerFilter, clt_customer_filter, CLT, CUSTOMER_FILTER, GtkWidget)

/* The table's filter button, next to the search entry: a popover with a
 * Customer Group and a Company drop-down (the store's groups and
 * companies, read again when they change), conditions on custom fields
 * (Add Custom Field offers the defined fields that have none; each is a
 * CltFieldCondition with a remove button) and Clear. The button's label
 * names what filters ("VIP · ACME Corp"), counts it when there are more
 * than two ("3 Filters"), or says "Filter"; its tooltip lists them.
 *
 * Properties: "store" (CltStore), "group" (the chosen group's code, ""
 * for any) and "company" (the chosen company's id, "" for any). Signal
 * "changed": what clt_customer_filter_apply () puts into a query may have
 * changed (the window puts it into the table's query). */

GtkWidget     *clt_customer_filter_new                (void);
void           clt_customer_filter_set_store          (CltCustomerFilter *self,
                                                       CltStore          *store);
/* The definitions the conditions may use (CltCustomField; the table's
 * "custom-fields-changed"). Conditions on fields no longer defined, or
 * whose type changed, go. */
void           clt_customer_filter_set_custom_fields  (CltCustomerFilter *self,
                                                       GPtrArray         *fields);
/* Sets @query's group, company and custom field filters to the filter's. */
void           clt_customer_filter_apply              (CltCustomerFilter *self,
                                                       CltQuery          *query);
/* Filters nothing any more: no group, no company, no conditions. */
void           clt_customer_filter_clear              (CltCustomerFilter *self);
/* What "Add Custom Field" does (action "filter.add-condition"): a new
 * condition on the field @key, or the one it has; NULL for a key that is
 * not defined. */
CltFieldCondition *clt_customer_filter_add_condition  (CltCustomerFilter *self,
                                                       const char        *key);
CltFieldCondition *clt_customer_filter_get_condition  (CltCustomerFilter *self,
                                                       const char        *key);
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
GtkMenuButton *clt_customer_filter_get_add_button     (CltCustomerFilter *self);
gboolean       clt_customer_filter_get_loading        (CltCustomerFilter *self);

G_END_DECLS
