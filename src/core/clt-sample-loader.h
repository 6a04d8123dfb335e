/* clt-sample-loader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-types.h"

G_BEGIN_DECLS

/* Fills a store with sample data through its public API, so that any back
 * end gets it the same way: the sample sites and groups (left as they are
 * when they exist), then @n_customers from a CltSampleGenerator seeded
 * with @seed, generated on a worker thread and imported in batches of at
 * most CLT_STORE_MAX_IMPORT rows, one after the other. A store that holds
 * customers already gets another stream of the seed, so that a second load
 * adds new people; rows that clash all the same are refused by the import
 * and others generated in their place.
 *
 * The report sums the imports' reports; the rows of its refusals count
 * the generated customers from 0. Needs a role that may import
 * (CLT_PERMISSION_MANAGE_SHOP). */
void             clt_sample_load_async  (CltStore             *store,
                                         guint                 n_customers,
                                         guint32               seed,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
CltImportReport *clt_sample_load_finish (CltStore             *store,
                                         GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
