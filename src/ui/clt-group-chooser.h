/* clt-group-chooser.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_GROUP_CHOOSER (clt_group_chooser_get_type ())

G_DECLARE_FINAL_TYPE (CltGroupChooser, clt_group_chooser, CLT, GROUP_CHOOSER, AdwWindow)

/* The modal dialog behind "Add to Group…" and "Remove from Group…": the
 * shop's customer groups (read from the store when it opens), one to
 * choose. Its button ("Add" or "Remove") emits "chosen" (the group's
 * code and name) and closes; Cancel or Escape close it and nothing happens. The
 * dialog writes nothing: who opened it does, and says how it went.
 *
 * @subtitle names whom it is for ("3 customers", a customer's name);
 * groups in @exclude (nullable) are not offered (those the customer is in
 * already, when adding). */

CltGroupChooser *clt_group_chooser_new         (GtkWindow           *parent,
                                                CltStore            *store,
                                                gboolean             add,
                                                const char          *subtitle,
                                                const char * const  *exclude);

/* For tests. */
gboolean         clt_group_chooser_get_loading (CltGroupChooser     *self);
/* Chooses the group @code as a click on its row would; FALSE when it is
 * not listed. */
gboolean         clt_group_chooser_select      (CltGroupChooser     *self,
                                                const char          *code);
guint            clt_group_chooser_get_n_groups (CltGroupChooser    *self);

G_END_DECLS
