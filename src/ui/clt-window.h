/* clt-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-application.h"
#include "clt-customer-editor.h"
#include "clt-customer-page.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_WINDOW (clt_window_get_type ())

G_DECLARE_FINAL_TYPE (CltWindow, clt_window, CLT, WINDOW, AdwApplicationWindow)

/* The main window over one open store: the customers table with search.
 * Its title (gtk_window_get_title ()) counts the listed customers: "N
 * customers" or "M of N customers" while a search narrows the list. */

CltWindow       *clt_window_new                (CltApplication *app,
                                                CltStore       *store);
CltStore        *clt_window_get_store          (CltWindow      *self);
CltCustomerList *clt_window_get_customer_list  (CltWindow      *self);
GtkEditable     *clt_window_get_search_entry   (CltWindow      *self);
GtkColumnView   *clt_window_get_column_view    (CltWindow      *self);
/* The visible page: "table", "empty" (no customers at all),
 * "no-results" (the search found nothing) or "customer" (the customer
 * page, opened with win.show-customer, Enter or a double click on a row). */
const char      *clt_window_get_visible_page   (CltWindow      *self);
/* Shows @message as a toast. */
void             clt_window_add_toast          (CltWindow      *self,
                                                const char     *message);

/* Actions: win.add-customer (Ctrl+N), win.edit-customer (Ctrl+E: the
 * page's customer or the selected row), win.delete-customer (Delete on a
 * row: asks, hides the customer, offers Undo, commits when the toast goes
 * or the window closes), win.show-customer (s: customer id). */

/* The customer page next to the table (always there, shown or not). */
CltCustomerPage   *clt_window_get_customer_page (CltWindow      *self);
/* The open Add/Edit Customer dialog, or NULL. */
CltCustomerEditor *clt_window_get_editor        (CltWindow      *self);
/* The toast added last (it may have gone already: then NULL). */
AdwToast          *clt_window_get_last_toast    (CltWindow      *self);
/* Back from the customer page to the table, as the page's Back does. */
void               clt_window_show_table        (CltWindow      *self);

G_END_DECLS
