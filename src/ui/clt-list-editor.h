/* clt-list-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CLT_TYPE_LIST_EDITOR (clt_list_editor_get_type ())

G_DECLARE_FINAL_TYPE (CltListEditor, clt_list_editor, CLT, LIST_EDITOR, AdwPreferencesGroup)

/* A group that edits a list of short texts (business units, roles): a
 * row for each, where it is renamed, with a button that removes it, and
 * a last row where Enter (or its apply button) adds a new one. Under the
 * rows, a label for a message about the list (clt_list_editor_get_message_label ()).
 *
 * Properties: "items" (GStrv, the texts as typed, white space around
 * them removed; notified on every change), "item-title" (each row's
 * title, "Role"), "add-title" (the last row's, "New Role"). */

GtkWidget          *clt_list_editor_new               (void);
const char * const *clt_list_editor_get_items         (CltListEditor      *self);
void                clt_list_editor_set_items         (CltListEditor      *self,
                                                       const char * const *items);
/* Adds @text as typed in the last row (what Enter there does). */
void                clt_list_editor_add               (CltListEditor      *self,
                                                       const char         *text);
void                clt_list_editor_remove            (CltListEditor      *self,
                                                       guint               position);
/* The row of the item at @position, or NULL. */
GtkWidget          *clt_list_editor_get_row           (CltListEditor      *self,
                                                       guint               position);
GtkLabel           *clt_list_editor_get_message_label (CltListEditor      *self);

G_END_DECLS
