/* clt-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-enums.h"
#include "clt-types.h"
#include "clt-validate.h"

G_BEGIN_DECLS

/* What the editor dialogs (CltCustomerEditor, CltAddressEditor) share.
 *
 * A CltForm is a plain struct in the dialog's instance struct, not a
 * widget. It holds the copy of a domain object that the dialog edits and
 * one CltFormField per row, each row editing one property of the copy
 * and showing its error (or hint) in a row under it. It keeps Save's
 * sensitivity, the spinner, the error banner and the toasts, and does
 * the steps of saving and reloading that do not depend on the type.
 *
 * The dialog's template names these children, which
 * clt_form_class_init () binds into the form: toast_overlay (the
 * content), banner_revealer, banner_title, banner_label, reload_button,
 * retry_button, page, save_button, sign_in_button and spinner.
 *
 * A save that fails as STALE fetches the stored version ("editor.reload")
 * and opens a CltConflictDialog that compares it field by field with what
 * was typed; the user's choice is merged onto the stored version, whose
 * version the next save names. A save that fails as UNAVAILABLE or
 * TOO_MANY_REQUESTS keeps everything and offers Retry in the banner; one
 * refused as NOT_SIGNED_IN (a revoked token) also offers to sign in again
 * (the application's "sign-in" action), after which Retry saves. The form installs "editor.cancel"; the
 * dialog installs "editor.save" and "editor.reload", and has read-only
 * boolean properties "can-save" and "busy", which the form keeps and
 * notifies.
 *
 * The form also adds two signals to the dialog's class: "modified-changed"
 * (no arguments), when clt_form_get_modified () changes, and
 * "save-finished" (a gboolean: whether it saved), when a save ends while
 * the dialog is open; and it makes itself known to
 * clt_form_get_from_window (). */

typedef struct _CltForm      CltForm;
typedef struct _CltFormField CltFormField;

/* A property the conflict dialog compares and names. */
typedef struct
{
  const char *name;
  const char *label;                        /* marked with N_() */
} CltFormLabel;

/* What a dialog tells the form about its object: a static constant. */
typedef struct
{
  /* The property each field edits, by the dialog's field ids. */
  const char * const *field_names;
  guint               n_fields;

  /* Whether @field's value is valid; if not, a message in @message. */
  gboolean          (*check_field) (GtkWidget     *window,
                                    CltFormField  *field,
                                    char         **message);
  /* Whether the whole object can be saved; if not, a message in @message. */
  gboolean          (*check)       (GtkWidget     *window,
                                    char         **message);

  /* Edit mode, for a save that met a newer version: a copy of an object
   * of the form's type, and filling every row from form->object. */
  gpointer          (*copy)        (gpointer       object);
  void              (*load)        (GtkWidget     *window);
  /* What else the conflict dialog compares (values the dialog edits
   * outside of fields, such as switches), and the labels of fields whose
   * row has no title. */
  const CltFormLabel *labels;
  guint               n_labels;
  /* Optional: whether the user changed what neither the fields nor the
   * labels hold (the customer's custom field values), for
   * clt_form_get_modified (). */
  gboolean          (*modified)    (GtkWidget     *window);

  /* Banner texts, marked with N_() and translated when shown. */
  const char         *stale_title;          /* a save met a newer version */
  const char         *create_failed_title;
  const char         *reload_failed_title;
  const char         *read_only_message;    /* what can be done instead */
} CltFormInfo;

struct _CltFormField
{
  CltForm    *form;
  /* The dialog's id for it, its index in form->fields. */
  guint       id;
  /* The property of form->object it edits. */
  const char *name;
  /* An AdwEntryRow or AdwComboRow, or (a custom field) any widget. */
  GtkWidget  *row;
  /* Under the row: a list row holding the label, or the label itself. */
  GtkWidget  *message_row;
  GtkLabel   *message_label;
  /* Shown when there is no error; NULL for none. */
  const char *hint;
  /* The error shown now, or NULL. */
  char       *error;
  /* The store's verdict on the last save, shown until the field changes. */
  char       *store_error;
  /* Combo rows: the value of each item (clt_form_field_set_choices ()). */
  GPtrArray  *codes;
  /* The user changed it: its errors show (before, an empty form would
   * greet the user with a wall of "Enter …"). */
  guint       touched : 1;
  /* Not part of this mode's dialog. */
  guint       hidden : 1;
  /* The dialog fills the row and follows its changes itself. */
  guint       custom : 1;
};

struct _CltForm
{
  GtkWidget          *window;
  const CltFormInfo  *info;
  /* The dialog's; read-only stores can't save. */
  CltStore           *store;
  /* The copy the rows edit. */
  GObject            *object;
  /* Edit mode: the version the edits are based on (as opened, reloaded
   * or last merged), to tell who changed what in a conflict. */
  GObject            *base;
  /* The conflict dialog while it shows (weak). */
  GtkWindow          *conflict;
  /* Cancelled when the dialog closes. */
  GCancellable       *cancellable;
  /* Creating: the request id of this dialog's create, made when Save is
   * first pressed and kept for every retry, so that a save that did go
   * through before failing (a lost answer) is not made twice. */
  char               *request_id;
  CltFormField       *fields;
  GParamSpec         *can_save_pspec;
  GParamSpec         *busy_pspec;

  /* Template widgets */
  GtkLabel           *banner_label;
  GtkRevealer        *banner_revealer;
  GtkLabel           *banner_title;
  AdwPreferencesPage *page;
  GtkButton          *reload_button;
  GtkButton          *retry_button;
  GtkButton          *save_button;
  GtkButton          *sign_in_button;
  GtkSpinner         *spinner;
  AdwToastOverlay    *toast_overlay;

  /* Filling rows from the object: their signals are not user edits. */
  guint               loading;

  guint               create : 1;
  guint               closed : 1;
  guint               saving : 1;
  guint               reloading : 1;
  /* Reloading to compare with what the user typed (a stale save). */
  guint               resolving : 1;
  /* Fetching what the dialog can do without (the shop's defaults): busy,
   * but the rows stay editable. */
  guint               fetching : 1;
  guint               can_save : 1;
  guint               busy : 1;
  /* What clt_form_get_modified () said last. */
  guint               modified : 1;
};

/* A hidden message row right under @row (an AdwPreferencesGroup's row:
 * AdwEntryRow has no subtitle in libadwaita 1.2); returns its label. */
GtkLabel        *clt_form_add_message_row       (GtkWidget         *row,
                                                 GtkWidget        **message_row);
/* Shows @error, else @hint, in that row (hidden when neither), marking
 * @row invalid while there is an error, for the eye and for assistive
 * technologies. */
/* An entry row for a custom field value of @type: a CltDateRow for
 * dates, an AdwEntryRow for numbers (with a number input purpose) and
 * text. */
GtkWidget       *clt_form_new_entry_row         (CltCustomFieldType type);

void             clt_form_show_row_message      (GtkWidget         *row,
                                                 GtkWidget         *message_row,
                                                 GtkLabel          *message_label,
                                                 const char        *error,
                                                 const char        *hint);

void             clt_form_class_init            (GtkWidgetClass    *widget_class,
                                                 gssize             form_offset);

void             clt_form_init                  (CltForm           *form,
                                                 GtkWidget         *window,
                                                 const CltFormInfo *info,
                                                 CltStore          *store,
                                                 gboolean           create,
                                                 gpointer           object);
void             clt_form_close                 (CltForm           *form);
void             clt_form_clear                 (CltForm           *form);

CltFormField    *clt_form_add_field             (CltForm           *form,
                                                 guint              id,
                                                 GtkWidget         *row);
CltFormField    *clt_form_add_custom_field      (CltForm           *form,
                                                 guint              id,
                                                 GtkWidget         *row,
                                                 GtkLabel          *message_label);
void             clt_form_finish_setup          (CltForm           *form,
                                                 GtkWidget         *focus);
void             clt_form_load                  (CltForm           *form);

CltValidateMode  clt_form_get_mode              (CltForm           *form);
CltFormField    *clt_form_find_field            (CltForm           *form,
                                                 const char        *name);
void             clt_form_update_field          (CltFormField      *field);
void             clt_form_field_changed         (CltFormField      *field);
void             clt_form_update_busy           (CltForm           *form);
void             clt_form_update_can_save       (CltForm           *form);

void             clt_form_choices_add           (GPtrArray         *codes,
                                                 GtkStringList     *labels,
                                                 const char        *code,
                                                 const char        *label);
void             clt_form_field_set_choices     (CltFormField      *field,
                                                 GPtrArray         *codes,
                                                 GtkStringList     *labels);
void             clt_form_field_set_salutations (CltFormField      *field);
void             clt_form_field_select          (CltFormField      *field,
                                                 const char        *value);

void             clt_form_add_toast             (CltForm           *form,
                                                 const char        *message);
void             clt_form_show_banner           (CltForm           *form,
                                                 const char        *title,
                                                 const char        *message,
                                                 gboolean           offer_reload);

void             clt_form_show_stale_banner     (CltForm           *form);

gboolean         clt_form_begin_save            (CltForm           *form);
gboolean         clt_form_finish_save           (CltForm           *form,
                                                 gpointer           stored,
                                                 const GError      *error);
gboolean         clt_form_begin_reload          (CltForm           *form);
gboolean         clt_form_finish_reload         (CltForm           *form,
                                                 gpointer           current,
                                                 const GError      *error);

/* clt-form-conflict.c: @theirs, the stored version, met a stale save of
 * form->object: merges what needs no choice, asks about the rest. */
void             clt_form_resolve_conflict      (CltForm           *form,
                                                 gpointer           theirs);

GtkWidget       *clt_form_get_field_row         (CltForm           *form,
                                                 const char        *name);
const char      *clt_form_get_field_error       (CltForm           *form,
                                                 const char        *name);
const char      *clt_form_get_error             (CltForm           *form);
/* The form of @window, an editor dialog, or NULL for any other window. */
CltForm         *clt_form_get_from_window       (GtkWindow         *window);
/* Whether there are changes a close would lose: creating, a field the
 * user changed; editing, form->object differs from form->base. */
gboolean         clt_form_get_modified          (CltForm           *form);
/* What the dialog edits, for a sentence ("Anna Berger"): its title
 * widget's subtitle, else its title. */
char            *clt_form_dup_subject           (CltForm           *form);
/* Saves as Save does, for a caller that waits for "save-finished"; FALSE
 * (and every field's error shown) when it can't save now. */
gboolean         clt_form_save                  (CltForm           *form);
/* clt-form-conflict.c: whether form->object differs from @other in a
 * field or property that the conflict dialog compares. */
gboolean         clt_form_differs               (CltForm           *form,
                                                 GObject           *other);

/* The conflict dialog while it shows, or NULL. */
GtkWindow       *clt_form_get_conflict_dialog   (CltForm           *form);

G_END_DECLS
