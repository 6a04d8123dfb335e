/* clt-address-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_ADDRESS_EDITOR (clt_address_editor_get_type ())

G_DECLARE_FINAL_TYPE (CltAddressEditor, clt_address_editor, CLT, ADDRESS_EDITOR, AdwWindow)

/* The modal Add Address / Edit Address dialog of a customer.
 *
 * Works like CltCustomerEditor: each field is checked with
 * clt_validate_address_field () as the user types (the zip code again when
 * the country changes), Save is insensitive until the address validates,
 * a failed save keeps everything typed and shows the error next to its
 * field or in a banner (STALE opens the CltConflictDialog, UNAVAILABLE
 * offers Retry), and edit mode works on a copy. Adding prefills the salutation, names, company and phone from the
 * customer, and the country from the customer's address or locale.
 *
 * Signal "saved" (CltAddress *stored). Properties: "store", "customer"
 * (create mode), "address" (edit mode; the original, never changed),
 * "can-save", "busy" (read-only). */

CltAddressEditor *clt_address_editor_new_for_create (GtkWindow        *parent,
                                                     CltStore         *store,
                                                     CltCustomer      *customer);
CltAddressEditor *clt_address_editor_new_for_edit   (GtkWindow        *parent,
                                                     CltStore         *store,
                                                     CltAddress       *address);
gboolean          clt_address_editor_get_can_save   (CltAddressEditor *self);
gboolean          clt_address_editor_get_busy       (CltAddressEditor *self);
gboolean          clt_address_editor_is_create      (CltAddressEditor *self);
/* The copy being edited, as typed so far. */
CltAddress       *clt_address_editor_get_address    (CltAddressEditor *self);
/* Does what the Save button does (nothing when it is insensitive). */
void              clt_address_editor_save           (CltAddressEditor *self);

G_END_DECLS
