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
 * Loading: everything the page shows comes from one
 * clt_store_get_customer_details_async () call, cancelled by the next.
 *
 * Feedback: the page wraps its content in its own AdwToastOverlay. Every
 * failed store operation the user starts (switches, Mark as Verified, notes,
 * addresses, the outbox) becomes a toast saying what failed and why
 * (PERMISSION_DENIED, NOT_SUPPORTED from a back end that lacks the
 * operation, … included), and nothing is lost: the note box keeps its text
 * (and its request id, for a retry), a switch goes back to the stored
 * value. Writes name the version the page showed; when someone else changed
 * it meanwhile (STALE) the toast says so and the page reloads. A failed
 * load shows its message in place: an error page with a Back button.
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
 * entry customer.open-email (target: the email id, a string).
 *
 * Note drafts: what is typed in the note box and not added yet is kept
 * per customer while the page lives (another customer, or none, keeps
 * it; opening the customer again shows it, the cursor where it stood).
 * Adding the note ends it, and so do the customer's deletion and a
 * discard; white space only is no draft.
 *
 * The page listens to the store's "changed" signal and reloads (once per
 * burst) when the change is about the shown customer (CUSTOMER, ADDRESS,
 * NOTE, OUTBOX with its id; CUSTOMERS) or shop data it shows (its preferred
 * site, its groups, its company). Properties: "store" (construct-only),
 * "customer-id", "customer" (read-only, NULL until loaded), "loading"
 * (read-only: TRUE while the page is being fetched) and "n-drafts"
 * (read-only: how many customers have a note draft). */

CltCustomerPage *clt_customer_page_new             (CltStore        *store);
CltStore        *clt_customer_page_get_store       (CltCustomerPage *self);
/* Shows the customer: cancels a previous load and fetches the customer,
 * its addresses, notes, orders and outbox in one call. NULL clears the
 * page. */
void             clt_customer_page_set_customer_id (CltCustomerPage *self,
                                                    const char      *customer_id);
const char      *clt_customer_page_get_customer_id (CltCustomerPage *self);
/* The loaded customer, or NULL while loading or after a failure. */
CltCustomer     *clt_customer_page_get_customer    (CltCustomerPage *self);
/* Reloads everything shown from the store. */
void             clt_customer_page_reload          (CltCustomerPage *self);
/* Why the signed-in user may not change customers (a viewer's role), or
 * NULL when they may: the writes are disabled and their buttons say why
 * in a tooltip. */
void             clt_customer_page_set_edit_denied (CltCustomerPage *self,
                                                    const char      *reason);
/* Whether the signed-in user may shop as customers (Assisted Buying):
 * the page offers it only then (default: no). */
void             clt_customer_page_set_assisted_buying_allowed (CltCustomerPage *self,
                                                                gboolean         allowed);
/* Shows @message (plain text) as a toast over the page. */
void             clt_customer_page_add_toast       (CltCustomerPage *self,
                                                    const char      *message);
/* The custom field definitions (CltCustomField) the page shows a row for:
 * shop data the window already has (the table's columns), so that a
 * customer still loads in one store call. */
void             clt_customer_page_set_custom_fields (CltCustomerPage *self,
                                                      GPtrArray       *fields);

/* clt-customer-page-notes.c: the note drafts. */

guint            clt_customer_page_get_n_drafts    (CltCustomerPage *self);
/* What the question about unsaved changes calls a draft ("New Note for
 * Anna Berger"): one of them, NULL when there is none. */
char            *clt_customer_page_dup_draft_subject (CltCustomerPage *self);
/* Adds every draft as a note, as Add Note does: a note that can't be
 * added says why in a toast (or under the box), and its draft stays.
 * Finishes TRUE when every draft was added; else FALSE, with the id of a
 * customer whose draft stays in @failed_id. */
void             clt_customer_page_add_drafts_async  (CltCustomerPage     *self,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean         clt_customer_page_add_drafts_finish (CltCustomerPage     *self,
                                                      GAsyncResult        *result,
                                                      char               **failed_id);
/* The customer is gone (deleted): its draft too. */
void             clt_customer_page_drop_draft      (CltCustomerPage *self,
                                                    const char      *customer_id);
void             clt_customer_page_discard_drafts  (CltCustomerPage *self);

G_END_DECLS
