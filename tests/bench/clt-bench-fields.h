/* clt-bench-fields.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clt-bench-util.h"

G_BEGIN_DECLS

/* Defines the benchmark's 20 custom fields through @store and gives every
 * customer of the database at @path values for them (one field in three
 * left empty for a third of them), in one transaction. */
void bench_fields_generate (CltStore     *store,
                            const char   *path,
                            GMainContext *context);
/* Sorting and filtering by custom fields: store_field_sort_first_page_ms*,
 * store_field_filter_ms_p50/_p95/_max, store_field_deep_page_ms_p50/_p95. */
void bench_fields          (CltStore     *store,
                            GMainContext *context,
                            guint         n);
/* Filtering by customer group, sorted by built-in and custom columns:
 * store_group_filter_ms_p50/_p95/_max (count and first page),
 * store_group_sort_first_page_ms (another order while a group filters),
 * store_group_field_filter_ms_p95/_max (a group and a custom field),
 * store_group_deep_page_ms_p50/_p95. */
void bench_groups          (CltStore     *store,
                            GMainContext *context,
                            guint         n);

G_END_DECLS
