/* ui-test-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clt-store.h"

G_BEGIN_DECLS

/* A CltStore for widget tests that passes the calls the UI makes on to a
 * real store ("changed" included) and lets a test count them, refuse the
 * writes (NOT_SUPPORTED, as a back end without them) or make one
 * operation fail with an error of its choice. Operations are named as
 * their CltStoreInterface members: "add_note", "get_customer_details". */

#define UI_TYPE_TEST_STORE (ui_test_store_get_type ())

G_DECLARE_FINAL_TYPE (UiTestStore, ui_test_store, UI, TEST_STORE, GObject)

/* @read_only: what "read-only" says; @writes: whether writes are passed
 * on (otherwise they fail with CLT_STORE_ERROR_NOT_SUPPORTED). */
CltStore *ui_test_store_new         (CltStore    *inner,
                                     gboolean     read_only,
                                     gboolean     writes);
/* From now on @operation fails with @code of CLT_STORE_ERROR and
 * @message; a NULL @message clears the failure. */
void      ui_test_store_fail        (UiTestStore *self,
                                     const char  *operation,
                                     CltStoreError code,
                                     const char  *message);
/* How often @operation was called since the last reset. */
guint     ui_test_store_get_n_calls (UiTestStore *self,
                                     const char  *operation);
/* All calls, of any operation, since the last reset. */
guint     ui_test_store_get_n_all_calls (UiTestStore *self);
void      ui_test_store_reset_calls (UiTestStore *self);
/* The request id of the last create (create_customer, create_address,
 * add_note), or NULL. */
const char *ui_test_store_get_last_request_id (UiTestStore *self);

G_END_DECLS
