/* clt-bench-rest.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* clt-bench rest --url URL --token TOKEN: rest_first_page_ms and
 * rest_filter_ms_p50/_p95/_max through CltRestStore. */
int run_rest (const char *url,
              const char *token);

G_END_DECLS
