/* clt-unsaved.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Windows with changes that are not saved, and the "Save Changes?"
 * question that quitting and closing a window ask about them: editor
 * dialogs (CltForm), and windows that keep unsaved changes of their own
 * (the main window's note drafts) through a CltUnsavedSource. */

/* What a window that keeps unsaved changes of its own says about them
 * (a static constant, see clt_unsaved_set_source ()). Like an editor
 * dialog, the window's class has the signals that
 * clt_unsaved_class_add_signals () adds, and emits "modified-changed"
 * when count () may have changed, "save-finished" when a save () ends. */
typedef struct
{
  /* How many unsaved changes @window has: 0 for none. */
  guint      (*count)       (GtkWindow *window);
  /* What the first of them is about, for a sentence ("New Note for
   * Anna Berger"). */
  char      *(*dup_subject) (GtkWindow *window);
  /* Starts saving them all; FALSE when that can't start. */
  gboolean   (*save)        (GtkWindow *window);
  /* Drops them. */
  void       (*discard)     (GtkWindow *window);
} CltUnsavedSource;

/* Adds "modified-changed" (no arguments) and "save-finished" (a
 * gboolean: whether everything was saved) to a window class. */
void       clt_unsaved_class_add_signals (GtkWidgetClass        *widget_class);
void       clt_unsaved_set_source     (GtkWindow              *window,
                                       const CltUnsavedSource *source);
/* Whether @window can have unsaved changes (an editor dialog, or a
 * window with a source): it then emits "modified-changed". */
gboolean   clt_unsaved_is_source      (GtkWindow              *window);

/* The open windows with unsaved changes (each a new reference), editor
 * dialogs first: all of them when @owner is NULL, else @owner and those
 * transient for it, directly or through other windows. */
GPtrArray *clt_unsaved_list_windows   (GtkWindow              *owner);
/* "Unsaved changes in “Anna Berger”", or how many changes. */
char      *clt_unsaved_dup_reason     (GPtrArray              *windows);

/* Presents the first of @windows (not empty) and asks, transient for it,
 * whether to save the changes: Cancel, Discard (editor dialogs are
 * destroyed, other sources drop theirs) or Save (each saves: an editor
 * as its Save button does). Finishes TRUE when the caller may go on
 * closing: discarded, or every save went through. */
void       clt_unsaved_confirm_async  (GPtrArray              *windows,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data);
gboolean   clt_unsaved_confirm_finish (GAsyncResult           *result);

G_END_DECLS
