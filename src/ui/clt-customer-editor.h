/* clt-customer-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_CUSTOMER_EDITOR (clt_customer_editor_get_type ())

G_DECLARE_FINAL_TYPE (CltCustomerEditor, clt_customer_editor, CLT, CUSTOMER_EDITOR, AdwWindow)

/* The modal Add Customer / Edit Customer dialog.
 *
 * Every field is checked with clt_validate_customer_field () as the user
 * types, the message shown under the field; Save stays insensitive
 * ("can-save" FALSE) until the whole customer validates. Saving keeps the
 * dialog open and insensitive; on success it emits "saved" with the stored
 * customer and closes; on failure it stays open with everything typed and
 * shows what went wrong: next to the field a CLT_STORE_ERROR_INVALID or
 * CONFLICT error names, else in a banner. A STALE save opens the
 * CltConflictDialog (clt-form.h); UNAVAILABLE offers Retry.
 *
 * Edit mode works on a copy: the customer passed in is never changed. It
 * shows the email read-only, offers the default billing and shipping
 * addresses, a password reset email instead of the password fields, and a
 * "Delete Customer…" button that only emits "delete-requested": the caller
 * asks for confirmation (and closes the editor when it deletes).
 *
 * Signals:
 *   "saved" (CltCustomer *stored)
 *   "delete-requested" ()
 * Properties: "store", "customer" (the original, construct-only; NULL to
 * add a customer), "can-save" (read-only), "busy" (read-only: loading or
 * saving). */

CltCustomerEditor *clt_customer_editor_new_for_create (GtkWindow         *parent,
                                                       CltStore          *store);
CltCustomerEditor *clt_customer_editor_new_for_edit   (GtkWindow         *parent,
                                                       CltStore          *store,
                                                       CltCustomer       *customer);
gboolean           clt_customer_editor_get_can_save   (CltCustomerEditor *self);
gboolean           clt_customer_editor_get_busy       (CltCustomerEditor *self);
gboolean           clt_customer_editor_is_create      (CltCustomerEditor *self);
/* The copy being edited, as typed so far. */
CltCustomer       *clt_customer_editor_get_customer   (CltCustomerEditor *self);
/* Does what the Save button does (nothing when it is insensitive). */
void               clt_customer_editor_save           (CltCustomerEditor *self);

G_END_DECLS
