/* clt-unsaved.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Editor dialogs (CltForm) with unsaved changes, and the "Save Changes?"
 * question that quitting and closing a window ask about them. */

/* The open editor dialogs with unsaved changes (each a GtkWindow, a new
 * reference): all of them when @owner is NULL, else those transient for
 * @owner, directly or through other windows. */
GPtrArray *clt_unsaved_list_editors  (GtkWindow            *owner);
/* "Unsaved changes in “Anna Berger”", or in how many editors. */
char      *clt_unsaved_dup_reason    (GPtrArray            *editors);

/* Presents the first of @editors (not empty) and asks, transient for it,
 * whether to save the changes: Cancel, Discard (the editors are
 * destroyed) or Save (each saves as its Save button does). Finishes TRUE
 * when the caller may go on closing: discarded, or every save went
 * through. */
void       clt_unsaved_confirm_async  (GPtrArray            *editors,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean   clt_unsaved_confirm_finish (GAsyncResult         *result);

G_END_DECLS
