/* clt-custom-field.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_CUSTOM_FIELD (clt_custom_field_get_type ())

G_DECLARE_FINAL_TYPE (CltCustomField, clt_custom_field, CLT, CUSTOM_FIELD, GObject)

/* The definition of a custom customer field. "key" matches
 * [a-z][a-z0-9_]*; the values live in the customer's "custom-fields".
 * The accessors of the "type" property are get/set_field_type: the name
 * clt_custom_field_get_type is the GType function. */

CltCustomField    *clt_custom_field_new                (void);
CltCustomField    *clt_custom_field_copy               (CltCustomField    *self);
const char        *clt_custom_field_get_key            (CltCustomField    *self);
void               clt_custom_field_set_key            (CltCustomField    *self,
                                                        const char        *key);
const char        *clt_custom_field_get_label          (CltCustomField    *self);
void               clt_custom_field_set_label          (CltCustomField    *self,
                                                        const char        *label);
CltCustomFieldType clt_custom_field_get_field_type     (CltCustomField    *self);
void               clt_custom_field_set_field_type     (CltCustomField    *self,
                                                        CltCustomFieldType field_type);
gboolean           clt_custom_field_get_show_as_column (CltCustomField    *self);
void               clt_custom_field_set_show_as_column (CltCustomField    *self,
                                                        gboolean           show_as_column);
/* The version the store gave it; writes name it and fail as stale when it
 * moved (0: not stored yet). */
gint64             clt_custom_field_get_version        (CltCustomField    *self);
void               clt_custom_field_set_version        (CltCustomField    *self,
                                                        gint64             version);

G_END_DECLS
