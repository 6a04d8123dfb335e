/* clt-bench-sample.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The window on a new, empty database at @path: the "Load Sample Data"
 * action, timed from the click to the first frame that shows loaded rows
 * (ui_load_sample_ms) and to the frame that shows all of them
 * (ui_load_sample_all_ms). */
int run_ui_sample (const char *path);

G_END_DECLS
