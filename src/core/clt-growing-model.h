/* clt-growing-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CLT_TYPE_GROWING_MODEL (clt_growing_model_get_type ())

G_DECLARE_FINAL_TYPE (CltGrowingModel, clt_growing_model, CLT, GROWING_MODEL, GObject)

/* A view of a list model that shows a prefix of it and lets that prefix
 * grow in steps. A list view creates a row widget for every position it
 * keeps near its viewport (GTK 4.8: about 200) the moment the model has
 * them: a list growing from a few rows to a million builds them all
 * before the next frame. Behind this model the first frame gets
 * @first_step rows (a screenful), and every clt_growing_model_step () adds
 * @step more, until the prefix reaches @limit rows (from there growing
 * builds no widgets) or the whole model. Shrinking, and every change
 * inside the prefix, passes at once. The items are the model's own. */
CltGrowingModel *clt_growing_model_new         (GListModel      *model,
                                                guint            first_step,
                                                guint            step,
                                                guint            limit);
GListModel      *clt_growing_model_get_model   (CltGrowingModel *self);
/* Whether all of the model is shown ("complete" is notified). */
gboolean         clt_growing_model_get_complete (CltGrowingModel *self);
/* Shows @step more rows (all of them past the limit); returns whether
 * some are still hidden. */
gboolean         clt_growing_model_step        (CltGrowingModel *self);
/* When the model empties, keep showing the prefix until it has rows
 * again: for a view that its owner hides while the model is empty (the
 * window's "no results" page). GTK 4.8 tears down every row widget when
 * a million rows go (60-130 ms) and builds them again when they come
 * back. Meant for a model that keeps its row objects at their positions
 * across the empty spell and refills them (CltCustomerList does): on
 * release only the difference at the end is signalled. Positions asked
 * for while holding give a new object of the item type (a placeholder;
 * the prefix is then replaced on release). Not while holding. */
void             clt_growing_model_set_hold_empty (CltGrowingModel *self,
                                                   gboolean         hold_empty);
/* Whether the model is empty and the prefix is held. */
gboolean         clt_growing_model_get_holding (CltGrowingModel *self);

G_END_DECLS
