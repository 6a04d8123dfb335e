/* clt-order.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_ORDER (clt_order_get_type ())

G_DECLARE_FINAL_TYPE (CltOrder, clt_order, CLT, ORDER, GObject)

/* An order of a customer, read-only in the back office. "status" is one
 * of "new", "confirmed", "shipped", "completed", "cancelled", "returned";
 * "total" is in minor units (cents) of "currency" (ISO 4217); "site" is a
 * site code. */

CltOrder   *clt_order_new             (void);
CltOrder   *clt_order_copy            (CltOrder   *self);
const char *clt_order_get_reference   (CltOrder   *self);
void        clt_order_set_reference   (CltOrder   *self,
                                       const char *reference);
const char *clt_order_get_customer_id (CltOrder   *self);
void        clt_order_set_customer_id (CltOrder   *self,
                                       const char *customer_id);
GDateTime  *clt_order_get_created     (CltOrder   *self);
void        clt_order_set_created     (CltOrder   *self,
                                       GDateTime  *created);
const char *clt_order_get_status      (CltOrder   *self);
void        clt_order_set_status      (CltOrder   *self,
                                       const char *status);
gint64      clt_order_get_total       (CltOrder   *self);
void        clt_order_set_total       (CltOrder   *self,
                                       gint64      total);
const char *clt_order_get_currency    (CltOrder   *self);
void        clt_order_set_currency    (CltOrder   *self,
                                       const char *currency);
const char *clt_order_get_site        (CltOrder   *self);
void        clt_order_set_site        (CltOrder   *self,
                                       const char *site);

G_END_DECLS
