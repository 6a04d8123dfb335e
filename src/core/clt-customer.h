/* clt-customer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_CUSTOMER (clt_customer_get_type ())

G_DECLARE_FINAL_TYPE (CltCustomer, clt_customer, CLT, CUSTOMER, GObject)

/* A customer: the union of what Spryker and Emporix keep. Every field is a
 * GObject property (READWRITE | EXPLICIT_NOTIFY, notified only on change),
 * followed by "changed"; clt_customer_update_from () emits "changed" once for
 * all it changed. Table cells bound to a placeholder row listen to that, to
 * update when its page arrives. Strings are never NULL when read: unset reads as "". Dates are
 * GDateTime (UTC) or NULL; the date of birth is a plain "YYYY-MM-DD" string.
 *
 * Property names (used by bindings, the JSON mapping and INVALID errors):
 * "loaded", "id", "number", "email", "salutation", "title", "first-name",
 * "middle-name", "last-name", "gender" (CltGender), "date-of-birth", "phone",
 * "company", "locale", "currency", "preferred-site", "restriction",
 * "active", "on-hold", "verified", "registered", "updated", "last-login",
 * "anonymized-at", "default-billing-address", "default-shipping-address",
 * "zip-code", "city", "country" (of the default billing address, else the
 * first address: what the table shows), "groups" (GStrv of group codes),
 * "company-id", "business-unit", "roles" (GStrv), "custom-fields"
 * (GVariant a{sv}, nullable), "version" (gint64, optimistic concurrency),
 * "status" (read-only, CltCustomerStatus derived from active/on-hold).
 *
 * For an import (sample data, bulk load) a customer may carry its addresses
 * and orders; the store writes them along with it. */

CltCustomer       *clt_customer_new                          (void);
CltCustomer       *clt_customer_copy                         (CltCustomer        *self);
/* Copies every field of @source into @self (one batch of notifications,
 * only for values that differ) and marks @self loaded; used to fill
 * placeholders in place. A new customer starts with "loaded" FALSE. */
void               clt_customer_update_from                  (CltCustomer        *self,
                                                              CltCustomer        *source);
gboolean           clt_customer_get_loaded                   (CltCustomer        *self);
void               clt_customer_set_loaded                   (CltCustomer        *self,
                                                              gboolean            loaded);
const char        *clt_customer_get_id                       (CltCustomer        *self);
void               clt_customer_set_id                       (CltCustomer        *self,
                                                              const char         *id);
const char        *clt_customer_get_number                   (CltCustomer        *self);
void               clt_customer_set_number                   (CltCustomer        *self,
                                                              const char         *number);
const char        *clt_customer_get_email                    (CltCustomer        *self);
void               clt_customer_set_email                    (CltCustomer        *self,
                                                              const char         *email);
const char        *clt_customer_get_salutation               (CltCustomer        *self);
void               clt_customer_set_salutation               (CltCustomer        *self,
                                                              const char         *salutation);
const char        *clt_customer_get_title                    (CltCustomer        *self);
void               clt_customer_set_title                    (CltCustomer        *self,
                                                              const char         *title);
const char        *clt_customer_get_first_name               (CltCustomer        *self);
void               clt_customer_set_first_name               (CltCustomer        *self,
                                                              const char         *first_name);
const char        *clt_customer_get_middle_name              (CltCustomer        *self);
void               clt_customer_set_middle_name              (CltCustomer        *self,
                                                              const char         *middle_name);
const char        *clt_customer_get_last_name                (CltCustomer        *self);
void               clt_customer_set_last_name                (CltCustomer        *self,
                                                              const char         *last_name);
/* "First Middle Last", trimmed; "" when all are empty. */
char              *clt_customer_dup_full_name                (CltCustomer        *self);
CltGender          clt_customer_get_gender                   (CltCustomer        *self);
void               clt_customer_set_gender                   (CltCustomer        *self,
                                                              CltGender           gender);
const char        *clt_customer_get_date_of_birth            (CltCustomer        *self);
void               clt_customer_set_date_of_birth            (CltCustomer        *self,
                                                              const char         *date_of_birth);
const char        *clt_customer_get_phone                    (CltCustomer        *self);
void               clt_customer_set_phone                    (CltCustomer        *self,
                                                              const char         *phone);
const char        *clt_customer_get_company                  (CltCustomer        *self);
void               clt_customer_set_company                  (CltCustomer        *self,
                                                              const char         *company);
const char        *clt_customer_get_locale                   (CltCustomer        *self);
void               clt_customer_set_locale                   (CltCustomer        *self,
                                                              const char         *locale);
const char        *clt_customer_get_currency                 (CltCustomer        *self);
void               clt_customer_set_currency                 (CltCustomer        *self,
                                                              const char         *currency);
const char        *clt_customer_get_preferred_site           (CltCustomer        *self);
void               clt_customer_set_preferred_site           (CltCustomer        *self,
                                                              const char         *site_code);
const char        *clt_customer_get_restriction              (CltCustomer        *self);
/* The site the customer is restricted to: the restriction when set (an
 * override), else the preferred site ("sites and restrictions sync"). */
const char        *clt_customer_get_effective_restriction    (CltCustomer        *self);
void               clt_customer_set_restriction              (CltCustomer        *self,
                                                              const char         *restriction);
gboolean           clt_customer_get_active                   (CltCustomer        *self);
void               clt_customer_set_active                   (CltCustomer        *self,
                                                              gboolean            active);
gboolean           clt_customer_get_on_hold                  (CltCustomer        *self);
void               clt_customer_set_on_hold                  (CltCustomer        *self,
                                                              gboolean            on_hold);
gboolean           clt_customer_get_verified                 (CltCustomer        *self);
void               clt_customer_set_verified                 (CltCustomer        *self,
                                                              gboolean            verified);
CltCustomerStatus  clt_customer_get_status                   (CltCustomer        *self);
GDateTime         *clt_customer_get_registered               (CltCustomer        *self);
void               clt_customer_set_registered               (CltCustomer        *self,
                                                              GDateTime          *registered);
GDateTime         *clt_customer_get_updated                  (CltCustomer        *self);
void               clt_customer_set_updated                  (CltCustomer        *self,
                                                              GDateTime          *updated);
GDateTime         *clt_customer_get_last_login               (CltCustomer        *self);
void               clt_customer_set_last_login               (CltCustomer        *self,
                                                              GDateTime          *last_login);
GDateTime         *clt_customer_get_anonymized_at            (CltCustomer        *self);
void               clt_customer_set_anonymized_at            (CltCustomer        *self,
                                                              GDateTime          *anonymized_at);
const char        *clt_customer_get_default_billing_address  (CltCustomer        *self);
void               clt_customer_set_default_billing_address  (CltCustomer        *self,
                                                              const char         *address_id);
const char        *clt_customer_get_default_shipping_address (CltCustomer        *self);
void               clt_customer_set_default_shipping_address (CltCustomer        *self,
                                                              const char         *address_id);
const char        *clt_customer_get_zip_code                 (CltCustomer        *self);
void               clt_customer_set_zip_code                 (CltCustomer        *self,
                                                              const char         *zip_code);
const char        *clt_customer_get_city                     (CltCustomer        *self);
void               clt_customer_set_city                     (CltCustomer        *self,
                                                              const char         *city);
const char        *clt_customer_get_country                  (CltCustomer        *self);
void               clt_customer_set_country                  (CltCustomer        *self,
                                                              const char         *country);
const char * const*clt_customer_get_groups                   (CltCustomer        *self);
void               clt_customer_set_groups                   (CltCustomer        *self,
                                                              const char * const *groups);
const char        *clt_customer_get_company_id               (CltCustomer        *self);
void               clt_customer_set_company_id               (CltCustomer        *self,
                                                              const char         *company_id);
const char        *clt_customer_get_business_unit            (CltCustomer        *self);
void               clt_customer_set_business_unit            (CltCustomer        *self,
                                                              const char         *business_unit);
const char * const*clt_customer_get_roles                    (CltCustomer        *self);
void               clt_customer_set_roles                    (CltCustomer        *self,
                                                              const char * const *roles);
GVariant          *clt_customer_get_custom_fields            (CltCustomer        *self);
void               clt_customer_set_custom_fields            (CltCustomer        *self,
                                                              GVariant           *custom_fields);
gint64             clt_customer_get_version                  (CltCustomer        *self);
void               clt_customer_set_version                  (CltCustomer        *self,
                                                              gint64              version);
/* Import only: the addresses (CltAddress), orders (CltOrder) and
 * marketing records (CltMarketingRecord) to write along with a new
 * customer. Never filled by reads. */
GPtrArray         *clt_customer_get_import_addresses         (CltCustomer        *self);
GPtrArray         *clt_customer_get_import_orders            (CltCustomer        *self);
GPtrArray         *clt_customer_get_import_marketing         (CltCustomer        *self);

G_END_DECLS
