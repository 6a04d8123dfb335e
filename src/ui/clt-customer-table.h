/* clt-customer-table.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_CUSTOMER_TABLE (clt_customer_table_get_type ())

G_DECLARE_FINAL_TYPE (CltCustomerTable, clt_customer_table, CLT, CUSTOMER_TABLE, GtkWidget)

/* The customers table: a GtkColumnView over a GtkMultiSelection over a
 * CltCustomerList (a click selects one row, Ctrl and Shift more; Enter
 * and a double click open the row). Column headers sort through the
 * store: a header click changes the list's query (sort key and
 * direction), never a GtkSortListModel. While the list is empty the view
 * keeps its last rows: show something else
 * in its place then, as the window does.
 *
 * Properties: "list" (CltCustomerList, nullable), "sort-key" (CltSortKey)
 * and "sort-direction" (CltSortDirection): setting them sorts the view as a
 * header click would; a header click updates them (bind them to GSettings
 * to persist the sort).
 *
 * Signal "error" (GError): the custom fields (its columns) could not be
 * listed. Signal "custom-fields-changed" (GPtrArray of CltCustomField):
 * the definitions its columns were made from. */

GtkWidget          *clt_customer_table_new                (void);
CltCustomerList    *clt_customer_table_get_list           (CltCustomerTable *self);
void                clt_customer_table_set_list           (CltCustomerTable *self,
                                                           CltCustomerList  *list);
GtkColumnView      *clt_customer_table_get_column_view    (CltCustomerTable *self);
/* The column that sorts by @sort_key. */
GtkColumnViewColumn *clt_customer_table_get_column        (CltCustomerTable *self,
                                                           CltSortKey        sort_key);
CltSortKey          clt_customer_table_get_sort_key       (CltCustomerTable *self);
CltSortDirection    clt_customer_table_get_sort_direction (CltCustomerTable *self);
void                clt_customer_table_set_sort           (CltCustomerTable *self,
                                                           CltSortKey        sort_key,
                                                           CltSortDirection  direction);
/* The position of the row at @x, @y (column view coordinates), or
 * G_MAXUINT when no row is there (header, empty space). */
guint               clt_customer_table_get_position_at    (CltCustomerTable *self,
                                                           double            x,
                                                           double            y);

/* The column set. Ids: the CltSortKey nick of a built-in column
 * ("number", "last-name", …), "name" for the Customer column (name over
 * email, shown alone with the status on a narrow table), and
 * CLT_CUSTOMER_TABLE_CUSTOM_PREFIX + key for a custom field's column. The
 * order, visibility and width of the columns are kept in @settings'
 * "column-layouts", per back end (the store's location). */
#define CLT_CUSTOMER_TABLE_CUSTOM_PREFIX "mixins."
void                clt_customer_table_set_settings       (CltCustomerTable *self,
                                                           GSettings        *settings);
/* Every column's id, in the order shown. */
char              **clt_customer_table_dup_column_ids     (CltCustomerTable *self);
GtkColumnViewColumn *clt_customer_table_find_column       (CltCustomerTable *self,
                                                           const char       *id);
void                clt_customer_table_set_column_visible (CltCustomerTable *self,
                                                           const char       *id,
                                                           gboolean          visible);
/* Moves column @id by @delta places; FALSE when it cannot go further. */
gboolean            clt_customer_table_move_column        (CltCustomerTable *self,
                                                           const char       *id,
                                                           int               delta);
/* Opens the column chooser ("table.choose-columns"). */
void                clt_customer_table_choose_columns     (CltCustomerTable *self);

/* Moves the keyboard focus to the row at @position, if it has been made
 * (drawn at least once); returns whether it did. */
gboolean            clt_customer_table_focus_position     (CltCustomerTable *self,
                                                           guint             position);

G_END_DECLS
