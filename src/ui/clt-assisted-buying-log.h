/* clt-assisted-buying-log.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_ASSISTED_BUYING_LOG (clt_assisted_buying_log_get_type ())

G_DECLARE_FINAL_TYPE (CltAssistedBuyingLog, clt_assisted_buying_log, CLT, ASSISTED_BUYING_LOG, AdwPreferencesGroup)

/* The customer page's Assisted Buying section: who shopped as the
 * customer, on which site and when, newest first ("Jane Staff shopped as
 * this customer on Site DE" / "2 Dec 2026 14:03"). Hidden while there is
 * nothing to show. */

GtkWidget *clt_assisted_buying_log_new      (void);
/* Shows @log (CltAssistedSession, newest first; NULL: nothing), as
 * clt_customer_details_get_assisted_buying () gives it. */
void       clt_assisted_buying_log_set_log  (CltAssistedBuyingLog *self,
                                             GPtrArray            *log);
/* For tests: the rows shown. */
GtkListBox *clt_assisted_buying_log_get_list (CltAssistedBuyingLog *self);

G_END_DECLS
