/* clt-country-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CLT_TYPE_COUNTRY_ROW (clt_country_row_get_type ())

G_DECLARE_FINAL_TYPE (CltCountryRow, clt_country_row, CLT, COUNTRY_ROW, AdwActionRow)

/* A row to choose an ISO 3166-1 country (libadwaita 1.2's AdwComboRow has
 * no search): activating it (Space or Enter) opens a list of every
 * country by its translated name, sorted by name, with the focus in a
 * search entry that narrows the list as the user types (a word of the
 * name starts with it, or it is the code); Enter takes the country of
 * that code, else the first match, Down and Up move through the matches,
 * Escape closes the list and the focus goes back to the row.
 *
 * Property "country": the chosen alpha-2 code ("DE"), "" when none. A code
 * that is not a known country reads back as "". */

GtkWidget  *clt_country_row_new         (void);
const char *clt_country_row_get_country (CltCountryRow *self);
void        clt_country_row_set_country (CltCountryRow *self,
                                         const char    *country);

G_END_DECLS
