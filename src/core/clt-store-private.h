/* clt-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clt-store.h"

G_BEGIN_DECLS

/* Completes with CLT_STORE_ERROR_NOT_SUPPORTED: the wrappers of
 * clt-store.c and clt-store-shop.c call it for a NULL vfunc. */
G_GNUC_INTERNAL
void report_not_supported (CltStore            *self,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data,
                           gpointer             source_tag);

G_END_DECLS
