/* clt-assisted-buying.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_ASSISTED_BUYING (clt_assisted_buying_get_type ())

G_DECLARE_FINAL_TYPE (CltAssistedBuying, clt_assisted_buying, CLT, ASSISTED_BUYING, GObject)

/* Assisted Buying for the widgets that offer it (the customer page's
 * button, the table's row menu): which sites a customer can be shopped as
 * on, a menu of them, and what choosing one does.
 *
 * The sites are the customer's preferred site and the sites of their
 * orders (the sites they shop on), those that offer Assisted Buying
 * (clt_site_offers_assisted_buying ()). Offer them only to a user with
 * CLT_PERMISSION_ASSISTED_BUYING.
 *
 * Its actions (insert them as "assisted" on a widget above the menu):
 * "assisted.shop" with (customer id, site code) fetches the customer,
 * says so first when the customer is inactive, on hold or unverified (the
 * user may go on or stop), asks the store for the link and opens it in the
 * browser. Failures become a toast of the AdwToastOverlay above @owner. */

typedef void (*CltUriLaunchFunc) (GtkWindow  *parent,
                                  const char *uri,
                                  gpointer    user_data);

CltAssistedBuying *clt_assisted_buying_new                (CltStore           *store,
                                                           GtkWidget          *owner);
GActionGroup      *clt_assisted_buying_get_actions        (CltAssistedBuying  *self);
/* The sites of @details the customer can be shopped as on (transfer
 * container), for a user who may. */
GPtrArray         *clt_assisted_buying_list_sites         (CltCustomerDetails *details);
/* One item per site of @sites, labelled with its name. */
GMenuModel        *clt_assisted_buying_build_menu         (const char         *customer_id,
                                                           GPtrArray          *sites);
/* Asks the store for the customer's details: returns the menu (empty when
 * there is nothing to offer). */
void               clt_assisted_buying_load_menu_async    (CltAssistedBuying  *self,
                                                           const char         *customer_id,
                                                           GCancellable       *cancellable,
                                                           GAsyncReadyCallback callback,
                                                           gpointer            user_data);
GMenuModel        *clt_assisted_buying_load_menu_finish   (CltAssistedBuying  *self,
                                                           GAsyncResult       *result,
                                                           GError            **error);
/* Tests: links go to @func instead of the browser (NULL: the browser). */
void               clt_assisted_buying_set_launch_func_for_testing (CltUriLaunchFunc func,
                                                                    gpointer         user_data);

G_END_DECLS
