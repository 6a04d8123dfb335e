/* clt-bench-purge.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clt-bench-util.h"

G_BEGIN_DECLS

/* Deleting the custom field @key of the SQLite database at @path (a copy:
 * it is changed) while another connection takes the write lock every few
 * milliseconds (what another process's edit waits) and the store saves a
 * customer every 100 ms (what another user's edit waits): reports
 * field_delete_call_ms (until the delete returns), field_purge_total_ms
 * (until the values are gone), probe_write_wait_ms_max/_p99/_p50 and
 * edit_ms_max/_p50. @emulate_single: the delete as one transaction, as
 * before the purge (the same statements, on a connection of its own). */
void bench_field_delete (const char *path,
                         const char *key,
                         gboolean    emulate_single);

G_END_DECLS
