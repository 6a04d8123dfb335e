/* clt-column-chooser.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-customer-table.h"

G_BEGIN_DECLS

#define CLT_TYPE_COLUMN_CHOOSER (clt_column_chooser_get_type ())

G_DECLARE_FINAL_TYPE (CltColumnChooser, clt_column_chooser, CLT, COLUMN_CHOOSER, AdwWindow)

/* Which columns the customers table shows, and in which order: a row per
 * column (built-in ones and one per custom field) with a check box to show
 * or hide it and Move Up / Move Down buttons (Alt+↑ / Alt+↓ on a focused
 * row). Changes apply to the table at once, which keeps them. */

CltColumnChooser *clt_column_chooser_new      (CltCustomerTable *table);
/* For tests: the row of column @id. */
GtkWidget        *clt_column_chooser_get_row  (CltColumnChooser *self,
                                               const char       *id);

G_END_DECLS
