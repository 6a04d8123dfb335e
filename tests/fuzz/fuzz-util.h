/* fuzz-util.h — what the libFuzzer targets of tests/fuzz share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-sqlite-store.h"
#include "sqlite-test-util.h"

G_BEGIN_DECLS

/* The nesting the server allows in a body. */
#define FUZZ_MAX_DEPTH 32

/* A finding: prints the message and aborts (libFuzzer keeps the input). */
void            fuzz_fail           (const char    *format,
                                     ...) G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN;

/* Quiets GLib's log (refusals warn by design) and makes criticals fatal. */
void            fuzz_init_logging   (void);

/* Runs the main loop until *@slot is set (by on_result_cb () of
 * sqlite-test-util.h, which the targets share with the SQLite tests, as
 * open_store (), close_store () and remove_tree ()); a hang of 20 s is a
 * finding. */
GAsyncResult   *fuzz_wait           (GAsyncResult **slot);

/* A new folder that is removed at exit. */
char           *fuzz_make_temp_dir  (void);
/* A Clientele database at @path with @n sample customers, closed again. */
void            fuzz_make_database  (const char    *path,
                                     guint          n);

G_END_DECLS
