/* clt-property-grid.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The customer page's label/value pairs: a grid (a GtkFlowBox in a card)
 * of up to three columns where the page is wide, one on a phone (a cell
 * is at least 200 px wide). */
GtkWidget *clt_property_grid_new (void);

/* A cell of a property grid: @title over its value, whose label is
 * returned in @value (selectable, wrapped, labelled by @title). */
GtkWidget *clt_property_cell_new (const char  *title,
                                  GtkLabel   **value);

G_END_DECLS
