/* clt-custom-field-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_CUSTOM_FIELD_EDITOR (clt_custom_field_editor_get_type ())

G_DECLARE_FINAL_TYPE (CltCustomFieldEditor, clt_custom_field_editor, CLT, CUSTOM_FIELD_EDITOR, AdwWindow)

/* The Add Custom Field / Edit Custom Field dialog (see CltShopEditor):
 * the key (when adding: values are stored under it), the label, the type
 * (Text, Number, Yes/No, Date and, where CltCustomField has them, Choice
 * List with its choices in a CltListEditor; the store refuses to change the type of a
 * field customers have values in) and whether it is a column of the table
 * by default. Signal "saved" (CltCustomField *stored). */

/* @field: (nullable): the definition to edit (copied), NULL to add one. */
CltCustomFieldEditor *clt_custom_field_editor_new        (CltStore           *store,
                                                          CltCustomField     *field);
/* What the UI calls @type ("Text", "Yes/No", …). */
const char           *clt_custom_field_editor_type_label (CltCustomFieldType  type);

G_END_DECLS
