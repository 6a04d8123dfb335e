/* clt-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

/* Values as the UI shows them, in one place and without GTK: translated,
 * in the current locale's formats (LC_TIME for dates, LC_NUMERIC for
 * digit grouping and the decimal point) and, for dates and times, in the
 * local time zone. Functions that take a value that may be missing return
 * NULL for it, so that the caller decides what "no value" looks like. */

/* "11/24/26 14:05" in the locale's format; NULL for NULL. */
char       *clt_format_date_time      (GDateTime     *date_time);
/* "11/24/26" in the locale's format; NULL for NULL. */
char       *clt_format_date           (GDateTime     *date_time);
/* A stored "YYYY-MM-DD" in the locale's date format; anything else as it
 * is; NULL for NULL or blank. */
char       *clt_format_birth_date     (const char    *iso_date);
/* A total in minor units of @currency (ISO 4217) as "€1,234.50": the
 * locale's grouping and decimal point, the currency's minor units, a
 * symbol for EUR, USD and GBP, the code ahead of the number for others. */
char       *clt_format_money          (gint64         minor,
                                       const char    *currency);
/* Translated; NULL for CLT_GENDER_UNSPECIFIED. */
const char *clt_format_gender         (CltGender      gender);
/* An order's status ("shipped") translated; an unknown status as it is. */
const char *clt_format_order_status   (const char    *status);
/* Translated; "" for an unknown state. */
const char *clt_format_email_state    (CltEmailState  state);
/* The name to call a customer by: the full name
 * (clt_customer_dup_full_name()), else the email address, else "The
 * customer". Never NULL or empty. */
char       *clt_format_customer_name  (CltCustomer   *customer);
/* "1,000 customers", or "12 of 1,000 customers" when @filtered (then
 * @n_listed of @total match). */
char       *clt_format_customer_count (guint          n_listed,
                                       guint          total,
                                       gboolean       filtered);

G_END_DECLS
