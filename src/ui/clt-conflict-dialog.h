/* clt-conflict-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CLT_TYPE_CONFLICT_DIALOG (clt_conflict_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CltConflictDialog, clt_conflict_dialog, CLT, CONFLICT_DIALOG, AdwWindow)

/* How the user settled a conflict. */
typedef enum
{
  CLT_CONFLICT_KEEP_MINE,    /* every field as the user typed it */
  CLT_CONFLICT_TAKE_THEIRS,  /* the other person's version as it is */
  CLT_CONFLICT_SELECTION,    /* per field, as chosen in the dialog */
} CltConflictChoice;

/* The modal dialog a stale save opens: someone else saved the same
 * customer (or address) meanwhile. For each field whose stored value
 * ("theirs", re-read from the store) differs from what the user typed
 * ("yours") it shows both, says who changed it since the editor opened
 * (the other person, you, or both), and lets the user pick one. The
 * choice starts as the natural merge: theirs where only they changed it,
 * yours where you did.
 *
 * "Keep Mine" takes yours everywhere, "Take Theirs" the stored version,
 * "Save Selection" the per-field choice; each emits "resolved"
 * (CltConflictChoice) and closes. Closing it otherwise emits "cancelled":
 * the editor keeps everything typed. The dialog knows no objects: the
 * editor reads the choice per field (clt_conflict_dialog_get_take_mine ()). */

CltConflictDialog *clt_conflict_dialog_new            (GtkWindow         *parent,
                                                       const char        *title,
                                                       const char        *description);
/* Adds a field, by its property @name, with its @label and the values to
 * show (as text: "" shows as empty) as the editor opened it (@base), as
 * stored now (@theirs) and as typed (@mine). */
void               clt_conflict_dialog_add_field      (CltConflictDialog *self,
                                                       const char        *name,
                                                       const char        *label,
                                                       const char        *base,
                                                       const char        *theirs,
                                                       const char        *mine);
guint              clt_conflict_dialog_get_n_fields   (CltConflictDialog *self);
/* Whether @name takes the user's value (else the stored one). */
gboolean           clt_conflict_dialog_get_take_mine  (CltConflictDialog *self,
                                                       const char        *name);
void               clt_conflict_dialog_set_take_mine  (CltConflictDialog *self,
                                                       const char        *name,
                                                       gboolean           take_mine);
/* Does what the dialog's buttons do. */
void               clt_conflict_dialog_resolve        (CltConflictDialog *self,
                                                       CltConflictChoice  choice);

G_END_DECLS
