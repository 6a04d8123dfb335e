/* clt-customer-editor-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clt-customer-editor.h"

G_BEGIN_DECLS

/* For tests: the row that edits @field, a property name of CltCustomer
 * ("email", "first-name", …), "password", or "custom-fields.KEY" for a
 * custom field (NULL when the dialog has no such row). */
GtkWidget  *clt_customer_editor_get_field_row   (CltCustomerEditor *self,
                                                 const char        *field);
/* The error shown under @field, or NULL when it shows none. */
const char *clt_customer_editor_get_field_error (CltCustomerEditor *self,
                                                 const char        *field);
/* The message of the error banner, or NULL when it is hidden. */
const char *clt_customer_editor_get_error       (CltCustomerEditor *self);
/* The banner's Retry button (shown when the back end can't be reached). */
GtkWidget  *clt_customer_editor_get_retry_button (CltCustomerEditor *self);
/* The banner's Sign In button (shown when the back end refused the
 * sign-in). */
GtkWidget  *clt_customer_editor_get_sign_in_button (CltCustomerEditor *self);

G_END_DECLS
