/* clt-country-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CLT_TYPE_COUNTRY_ROW (clt_country_row_get_type ())

G_DECLARE_FINAL_TYPE (CltCountryRow, clt_country_row, CLT, COUNTRY_ROW, AdwActionRow)

/* A row to choose an ISO 3166-1 country: a drop-down of every country by
 * its translated name, sorted by name, with a search entry that narrows
 * the list as the user types (libadwaita 1.2's AdwComboRow has no search).
 *
 * Property "country": the chosen alpha-2 code ("DE"), "" when none. A code
 * that is not a known country reads back as "". */

GtkWidget   *clt_country_row_new          (void);
const char  *clt_country_row_get_country  (CltCountryRow *self);
void         clt_country_row_set_country  (CltCountryRow *self,
                                           const char    *country);
GtkDropDown *clt_country_row_get_drop_down (CltCountryRow *self);

G_END_DECLS
