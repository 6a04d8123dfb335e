/* clt-customer-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_CUSTOMER_PAGE (clt_customer_page_get_type ())

G_DECLARE_FINAL_TYPE (CltCustomerPage, clt_customer_page, CLT, CUSTOMER_PAGE, GtkWidget)

/* One customer: a header bar with Back and the tab switcher, the name,
 * email, number and status badges with Edit and Delete, and the tabs
 * Overview (every field, Active/On Hold switches, Mark as Verified, the
 * email outbox), Addresses, Notes and Orders.
 *
 * The page brings its own GtkHeaderBar (back button, AdwViewSwitcherTitle)
 * and an AdwViewSwitcherBar for narrow widths, so the window shows it as a
 * whole page of its GtkStack/AdwLeaflet, next to the table page.
 *
 * Feedback: the page wraps its content in its own AdwToastOverlay. Every
 * failed store operation the user starts (switches, Mark as Verified, notes,
 * addresses, the outbox; G_IO_ERROR_NOT_SUPPORTED from a back end that lacks
 * the operation included) becomes a toast with the error's message, and
 * nothing is lost: the note box keeps its text, a switch goes back to the
 * stored value. A failed load shows its message in place: the customer as
 * an error page with a Back button, a list in its placeholder plus a toast
 * (not for NOT_SUPPORTED, so that a back end without, say, an outbox does
 * not toast on every visit).
 *
 * Signals (the window acts on them):
 * - "back-requested": customer.back (Back button, Alt+Left, Escape).
 * - "edit-requested": customer.edit (Edit button, Ctrl+E).
 * - "delete-requested": customer.delete (Delete button, Delete key).
 *   The window asks for confirmation and deletes.
 *
 * Actions: customer.back, customer.edit, customer.delete,
 * customer.add-address, customer.add-note (Ctrl+Return in the note box),
 * customer.mark-verified; per address (target: the address id)
 * customer.edit-address, customer.delete-address,
 * customer.set-default-billing, customer.set-default-shipping; per outbox
 * entry customer.open-email (target: the email id, int64).
 *
 * The page listens to the store's "changed" signal and reloads when it
 * names the shown customer (or NULL). Properties: "store" (construct-only),
 * "customer-id", "customer" (read-only, NULL until loaded) and "loading"
 * (read-only: TRUE while any part of the page is being fetched). */

CltCustomerPage *clt_customer_page_new             (CltStore        *store);
CltStore        *clt_customer_page_get_store       (CltCustomerPage *self);
/* Shows the customer: cancels a previous load and fetches the customer,
 * its addresses, notes, orders and outbox. NULL clears the page. */
void             clt_customer_page_set_customer_id (CltCustomerPage *self,
                                                    const char      *customer_id);
const char      *clt_customer_page_get_customer_id (CltCustomerPage *self);
/* The loaded customer, or NULL while loading or after a failure. */
CltCustomer     *clt_customer_page_get_customer    (CltCustomerPage *self);
/* Reloads everything shown from the store. */
void             clt_customer_page_reload          (CltCustomerPage *self);
/* Shows @message (plain text) as a toast over the page. */
void             clt_customer_page_add_toast       (CltCustomerPage *self,
                                                    const char      *message);

G_END_DECLS
