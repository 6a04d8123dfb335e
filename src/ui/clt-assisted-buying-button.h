/* clt-assisted-buying-button.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_ASSISTED_BUYING_BUTTON (clt_assisted_buying_button_get_type ())

G_DECLARE_FINAL_TYPE (CltAssistedBuyingButton, clt_assisted_buying_button, CLT, ASSISTED_BUYING_BUTTON, GtkWidget)

/* The customer page's Assisted Buying menu button: one item per site the
 * customer can be shopped as on (see CltAssistedBuying). Visible only when
 * there is one and the signed-in user may shop for customers. */

GtkWidget  *clt_assisted_buying_button_new          (void);
/* Shows the menu for the customer of @details (NULL: hides the button). */
void        clt_assisted_buying_button_set_customer (CltAssistedBuyingButton *self,
                                                     CltStore                *store,
                                                     CltCustomerDetails      *details);
/* Whether the signed-in user may shop for customers (default: no). */
void        clt_assisted_buying_button_set_allowed  (CltAssistedBuyingButton *self,
                                                     gboolean                 allowed);
GMenuModel *clt_assisted_buying_button_get_menu     (CltAssistedBuyingButton *self);

G_END_DECLS
