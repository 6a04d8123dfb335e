/* clt-date-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CLT_TYPE_DATE_ROW (clt_date_row_get_type ())

G_DECLARE_FINAL_TYPE (CltDateRow, clt_date_row, CLT, DATE_ROW, AdwEntryRow)

/* An entry row for a calendar date such as a date of birth. The date is the
 * row's text, "YYYY-MM-DD", so it can be typed or pasted; a calendar button
 * at the end opens a GtkCalendar in a popover, whose chosen day fills the
 * text (and closes the popover), and whose "Clear" button empties it.
 * Whether the text is a valid date is for the caller to judge. */

GtkWidget   *clt_date_row_new          (void);
/* Opens the calendar popover (for keyboard users and tests). */
void         clt_date_row_popup        (CltDateRow *self);
GtkCalendar *clt_date_row_get_calendar (CltDateRow *self);

G_END_DECLS
