/* clt-assisted-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_ASSISTED_SESSION (clt_assisted_session_get_type ())

G_DECLARE_FINAL_TYPE (CltAssistedSession, clt_assisted_session, CLT, ASSISTED_SESSION, GObject)

/* One Assisted Buying session: a back-office user ("author", shown as
 * "author-name") shopping as the customer ("customer-id",
 * "customer-number") on a site ("site", shown as "site-name"). "started"
 * is when the one-time link was made, "expires" when it stops working
 * unused, "redeemed" when the storefront used it (NULL: not yet). The
 * store keeps them as the Assisted Buying log of each customer. */

CltAssistedSession *clt_assisted_session_new                 (void);
const char         *clt_assisted_session_get_customer_id     (CltAssistedSession *self);
void                clt_assisted_session_set_customer_id     (CltAssistedSession *self,
                                                              const char         *customer_id);
const char         *clt_assisted_session_get_customer_number (CltAssistedSession *self);
void                clt_assisted_session_set_customer_number (CltAssistedSession *self,
                                                              const char         *customer_number);
const char         *clt_assisted_session_get_site            (CltAssistedSession *self);
void                clt_assisted_session_set_site            (CltAssistedSession *self,
                                                              const char         *site);
const char         *clt_assisted_session_get_site_name       (CltAssistedSession *self);
void                clt_assisted_session_set_site_name       (CltAssistedSession *self,
                                                              const char         *site_name);
const char         *clt_assisted_session_get_author          (CltAssistedSession *self);
void                clt_assisted_session_set_author          (CltAssistedSession *self,
                                                              const char         *author);
const char         *clt_assisted_session_get_author_name     (CltAssistedSession *self);
void                clt_assisted_session_set_author_name     (CltAssistedSession *self,
                                                              const char         *author_name);
GDateTime          *clt_assisted_session_get_started         (CltAssistedSession *self);
void                clt_assisted_session_set_started         (CltAssistedSession *self,
                                                              GDateTime          *started);
GDateTime          *clt_assisted_session_get_expires         (CltAssistedSession *self);
void                clt_assisted_session_set_expires         (CltAssistedSession *self,
                                                              GDateTime          *expires);
GDateTime          *clt_assisted_session_get_redeemed        (CltAssistedSession *self);
void                clt_assisted_session_set_redeemed        (CltAssistedSession *self,
                                                              GDateTime          *redeemed);

G_END_DECLS
