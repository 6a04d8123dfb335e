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
/* The values a CLT_CUSTOM_FIELD_CHOICE field may take, in the order the
 * editor offers them (empty for the other types). */
const char * const*clt_custom_field_get_choices        (CltCustomField    *self);
void               clt_custom_field_set_choices        (CltCustomField    *self,
                                                        const char * const *choices);
gboolean           clt_custom_field_get_show_as_column (CltCustomField    *self);
void               clt_custom_field_set_show_as_column (CltCustomField    *self,
                                                        gboolean           show_as_column);
/* The version the store gave it; writes name it and fail as stale when it
 * moved (0: not stored yet). */
gint64             clt_custom_field_get_version        (CltCustomField    *self);
void               clt_custom_field_set_version        (CltCustomField    *self,
                                                        gint64             version);

/* A number held by a custom field value (a double, or an integer a double
 * holds exactly); FALSE for any other value. */
gboolean           clt_custom_field_value_to_double    (GVariant          *value,
                                                        double            *number);
/* A number as a user types it ("12.5", "-3", "12,5" with a decimal comma;
 * blanks around it are ignored). FALSE when @text holds no number. */
gboolean           clt_custom_field_parse_number       (const char        *text,
                                                        double            *number);
/* What a user reads for @value (NULL: none): numbers in the locale's
 * format, yes/no, dates and text as they are. */
char              *clt_custom_field_format_value       (CltCustomField    *self,
                                                        GVariant          *value);
/* A filter's @text read for a field of @type as the stores compare it
 * (sort keys: folded text, a double, 0/1 as int64, "YYYY-MM-DD"), or NULL
 * with @message when it cannot be (a number that is not one, a prefix of a
 * number or yes/no, a range over yes/no). Returns a floating GVariant. */
GVariant          *clt_custom_field_parse_filter_value (CltCustomFieldType type,
                                                        CltFieldMatch      match,
                                                        const char        *text,
                                                        char             **message);
/* A CLT_STORE_ERROR_INVALID for the value of custom field @key: its field
 * is "custom-fields.KEY" (JSON "customFields.KEY"). */
GError            *clt_custom_field_value_error        (const char        *key,
                                                        const char        *message);
/* The key of a "custom-fields.KEY" error field, or NULL. */
const char        *clt_custom_field_key_from_error_field (const char      *field);

G_END_DECLS
