/* clt-email.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_EMAIL (clt_email_get_type ())

G_DECLARE_FINAL_TYPE (CltEmail, clt_email, CLT, EMAIL, GObject)

/* An entry of the e-mail outbox. "kind" is one of "verification",
 * "password-token", "initial-password", "account-prepared",
 * "account-active", "password-reset". A mail delivery agent
 * (clientele-server with --smtp) counts "attempts", keeps the
 * "failure-reason" of the last failed one and the time of the
 * "next-attempt" (NULL: none planned). */

CltEmail     *clt_email_new             (void);
CltEmail     *clt_email_copy            (CltEmail     *self);
const char   *clt_email_get_id          (CltEmail     *self);
void          clt_email_set_id          (CltEmail     *self,
                                         const char   *id);
const char   *clt_email_get_customer_id (CltEmail     *self);
void          clt_email_set_customer_id (CltEmail     *self,
                                         const char   *customer_id);
const char   *clt_email_get_recipient   (CltEmail     *self);
void          clt_email_set_recipient   (CltEmail     *self,
                                         const char   *recipient);
const char   *clt_email_get_subject     (CltEmail     *self);
void          clt_email_set_subject     (CltEmail     *self,
                                         const char   *subject);
const char   *clt_email_get_body        (CltEmail     *self);
void          clt_email_set_body        (CltEmail     *self,
                                         const char   *body);
const char   *clt_email_get_kind        (CltEmail     *self);
void          clt_email_set_kind        (CltEmail     *self,
                                         const char   *kind);
CltEmailState clt_email_get_state       (CltEmail     *self);
void          clt_email_set_state       (CltEmail     *self,
                                         CltEmailState state);
GDateTime    *clt_email_get_created     (CltEmail     *self);
void          clt_email_set_created     (CltEmail     *self,
                                         GDateTime    *created);
guint         clt_email_get_attempts    (CltEmail     *self);
void          clt_email_set_attempts    (CltEmail     *self,
                                         guint         attempts);
const char   *clt_email_get_failure_reason (CltEmail   *self);
void          clt_email_set_failure_reason (CltEmail   *self,
                                            const char *failure_reason);
GDateTime    *clt_email_get_next_attempt   (CltEmail   *self);
void          clt_email_set_next_attempt   (CltEmail   *self,
                                            GDateTime  *next_attempt);

G_END_DECLS
