/* clt-custom-fields-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_CUSTOM_FIELDS_GROUP (clt_custom_fields_group_get_type ())

G_DECLARE_FINAL_TYPE (CltCustomFieldsGroup, clt_custom_fields_group, CLT, CUSTOM_FIELDS_GROUP,
                      AdwPreferencesGroup)

/* A customer's custom field values, one row per defined field, in the
 * order of the definitions: editable (the add and edit dialogs: an entry
 * for text and numbers, a switch for yes/no, a CltDateRow for dates, a
 * combo for choice lists, each checked by its type as the user types,
 * the message under the row) or read-only (the customer page). The group
 * hides itself while no field is defined.
 *
 * Properties: "editable" (construct-only), "valid" (read-only: every
 * row's value fits its type). Signal "changed": the user changed a
 * value. */

GtkWidget *clt_custom_fields_group_new          (gboolean              editable);
/* The definitions (CltCustomField); NULL or empty: none. */
void       clt_custom_fields_group_set_fields   (CltCustomFieldsGroup *self,
                                                 GPtrArray            *fields);
/* The customer's values (a{sv} or NULL); values of fields that are not
 * defined are kept as they are by get_values (). */
void       clt_custom_fields_group_set_values   (CltCustomFieldsGroup *self,
                                                 GVariant             *values);
/* The values as the rows hold them (floating a{sv}), or NULL when there
 * are none. Only meaningful while "valid". */
GVariant  *clt_custom_fields_group_get_values   (CltCustomFieldsGroup *self);
gboolean   clt_custom_fields_group_get_valid    (CltCustomFieldsGroup *self);
/* Shows the store's verdict on @key's value until the user changes it.
 * Returns FALSE when no row shows that field. */
gboolean   clt_custom_fields_group_show_error   (CltCustomFieldsGroup *self,
                                                 const char           *key,
                                                 const char           *message);

/* For tests: the row of @key and the message shown under it (NULL: none). */
GtkWidget  *clt_custom_fields_group_get_row     (CltCustomFieldsGroup *self,
                                                 const char           *key);
const char *clt_custom_fields_group_get_error   (CltCustomFieldsGroup *self,
                                                 const char           *key);

G_END_DECLS
