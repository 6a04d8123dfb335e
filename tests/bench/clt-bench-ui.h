/* clt-bench-ui.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The real application in this process on the database at @path,
 * observed through the window's frame clock: first paint (with its
 * phases), typing and clearing searches, scroll jumps and memory.
 * @main_start_us is the monotonic time main () started and
 * @age_at_main_ms how long the process had existed by then (negative
 * when unknown). */
int run_ui (const char *path,
            gint64      main_start_us,
            double      age_at_main_ms);

G_END_DECLS
