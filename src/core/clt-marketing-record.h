/* clt-marketing-record.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_MARKETING_RECORD (clt_marketing_record_get_type ())

G_DECLARE_FINAL_TYPE (CltMarketingRecord, clt_marketing_record, CLT, MARKETING_RECORD, GObject)

/* What the shop's marketing knows of a customer, read-only in the back
 * office (written by imports, like orders), shown on the customer page:
 *
 * - a segment the customer belongs to: "code" and "name"; "date" is when
 *   they joined it (may be NULL);
 * - a coupon issued to them: "code" (what the customer types), "name"
 *   (what it is for), "detail" (the discount as the shop words it, for
 *   example "10 %" or "5.00 EUR"), "date" when it stops being valid (NULL:
 *   never), "state" active or redeemed;
 * - a campaign delivered to them: "code" (the campaign's id), "name" (its
 *   title), "detail" (the channel, for example "email" or "sms"), "date"
 *   when it was sent, "state" delivered, opened or bounced. */

CltMarketingRecord *clt_marketing_record_new        (void);
CltMarketingRecord *clt_marketing_record_copy       (CltMarketingRecord *self);
CltMarketingKind    clt_marketing_record_get_kind   (CltMarketingRecord *self);
void                clt_marketing_record_set_kind   (CltMarketingRecord *self,
                                                     CltMarketingKind    kind);
const char         *clt_marketing_record_get_code   (CltMarketingRecord *self);
void                clt_marketing_record_set_code   (CltMarketingRecord *self,
                                                     const char         *code);
const char         *clt_marketing_record_get_name   (CltMarketingRecord *self);
void                clt_marketing_record_set_name   (CltMarketingRecord *self,
                                                     const char         *name);
const char         *clt_marketing_record_get_detail (CltMarketingRecord *self);
void                clt_marketing_record_set_detail (CltMarketingRecord *self,
                                                     const char         *detail);
GDateTime          *clt_marketing_record_get_date   (CltMarketingRecord *self);
void                clt_marketing_record_set_date   (CltMarketingRecord *self,
                                                     GDateTime          *date);
CltMarketingState   clt_marketing_record_get_state  (CltMarketingRecord *self);
void                clt_marketing_record_set_state  (CltMarketingRecord *self,
                                                     CltMarketingState   state);

G_END_DECLS
