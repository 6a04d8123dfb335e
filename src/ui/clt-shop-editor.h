/* clt-shop-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-form.h"
#include "clt-shop-list.h"

G_BEGIN_DECLS

/* What the editor dialogs of shop data (CltSiteEditor, CltGroupEditor,
 * CltCompanyEditor, CltCustomFieldEditor) share on top of CltForm: the
 * read-only properties "can-save" and "busy", the signal "saved" (GObject
 * *stored), the actions "editor.save" and "editor.reload" (a stale save
 * lists the kind again and compares the stored object with what was
 * typed), saving with the store's call for the object's type, and
 * checking with clt_validate_shop () and clt_validate_shop_field ().
 *
 * The dialog's instance struct holds a CltForm whose "store" it owns; its
 * class_init calls clt_shop_editor_class_init (). */

/* The dialog's kind: a static constant. */
typedef struct
{
  CltShopListAsync    list_async;
  CltShopListFinish   list_finish;
  const char         *key_property;
  /* Fills the rows the form does not (with form->loading raised), then
   * calls clt_form_load (). */
  void              (*load)        (GtkWidget *window);
} CltShopEditorKind;

void      clt_shop_editor_class_init  (GtkWidgetClass          *widget_class,
                                       gssize                   form_offset,
                                       const CltShopEditorKind *kind,
                                       const char              *resource);
/* For CltFormInfo.check_field and .check. */
gboolean  clt_shop_editor_check_field (GtkWidget               *window,
                                       CltFormField            *field,
                                       char                   **message);
gboolean  clt_shop_editor_check       (GtkWidget               *window,
                                       char                   **message);
/* From the dialog's dispose () and finalize (). */
void      clt_shop_editor_dispose     (GtkWidget               *window);
void      clt_shop_editor_finalize    (GtkWidget               *window);
/* Ends the dialog's setup, its fields added: the title, Save's label,
 * the rows filled, the focus on @focus. */
void      clt_shop_editor_finish_setup (GtkWidget              *window,
                                        AdwWindowTitle         *title,
                                        const char             *create_title,
                                        const char             *edit_title,
                                        GtkWidget              *focus);

/* For tests. */
CltForm  *clt_shop_editor_get_form    (GtkWidget               *window);

/* A key made of @name for a new object ("Gold Members" → "gold-members"),
 * not one of @taken's (objects whose @key_property is their key): for the
 * groups and companies, whose keys users never see. */
char     *clt_shop_editor_make_key    (const char              *name,
                                       GPtrArray               *taken,
                                       const char              *key_property);

G_END_DECLS
