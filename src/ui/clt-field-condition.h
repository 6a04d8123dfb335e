/* clt-field-condition.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_FIELD_CONDITION (clt_field_condition_get_type ())

G_DECLARE_FINAL_TYPE (CltFieldCondition, clt_field_condition, CLT, FIELD_CONDITION, GtkWidget)

/* One condition of the table's filter on a custom field: the field's
 * label with a remove button, and the controls its type calls for — text:
 * "Starts with"; number: "At least" and "At most"; date: "From" and "To"
 * (CltDateRow); yes/no and choice lists: "Is", Any or one value. What is
 * typed is checked as the user types, the message under the controls; a
 * value that is not valid filters nothing.
 *
 * gtk_widget_grab_focus () on it focuses its first control.
 *
 * Signals: "changed" (the conditions it puts into a query may have
 * changed), "remove-requested" (the remove button was clicked). */

CltFieldCondition *clt_field_condition_new          (CltCustomField    *field);
CltCustomField    *clt_field_condition_get_field    (CltFieldCondition *self);
/* A new definition of the same key. FALSE when its type changed: the
 * condition no longer fits it. Choices gone from a list reset to Any. */
gboolean           clt_field_condition_update_field (CltFieldCondition *self,
                                                     CltCustomField    *field);
/* Adds the valid values to @query as custom field filters; returns how
 * many it added. */
guint              clt_field_condition_apply        (CltFieldCondition *self,
                                                     CltQuery          *query);
/* What it filters, for a user ("Points at least 10"), or NULL when it
 * filters nothing. */
char              *clt_field_condition_describe     (CltFieldCondition *self);

/* For tests: the row of @match (EQUALS for yes/no and choice lists, an
 * AdwComboRow; PREFIX for text, AT_LEAST and AT_MOST for numbers and
 * dates, editable rows), or NULL; the message shown (NULL: none); the
 * remove button. */
GtkWidget         *clt_field_condition_get_row      (CltFieldCondition *self,
                                                     CltFieldMatch      match);
const char        *clt_field_condition_get_error    (CltFieldCondition *self);
GtkButton         *clt_field_condition_get_remove_button (CltFieldCondition *self);

G_END_DECLS
