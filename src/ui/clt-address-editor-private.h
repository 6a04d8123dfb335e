/* clt-address-editor-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clt-address-editor.h"

G_BEGIN_DECLS

/* For tests: the row (or, for "comment", the text view) that edits
 * @field, a property name of CltAddress; NULL when the dialog has none. */
GtkWidget  *clt_address_editor_get_field_row   (CltAddressEditor *self,
                                                const char       *field);
/* The error shown under @field, or NULL when it shows none. */
const char *clt_address_editor_get_field_error (CltAddressEditor *self,
                                                const char       *field);
/* The message of the error banner, or NULL when it is hidden. */
const char *clt_address_editor_get_error       (CltAddressEditor *self);

G_END_DECLS
