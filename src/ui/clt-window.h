/* clt-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-application.h"
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
/* The visible page: "table", "empty" (no customers at all) or
 * "no-results" (the search found nothing). */
const char      *clt_window_get_visible_page   (CltWindow      *self);
/* Shows @message as a toast. */
void             clt_window_add_toast          (CltWindow      *self,
                                                const char     *message);

G_END_DECLS
