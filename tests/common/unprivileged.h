/* unprivileged.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* root ignores file modes, so a chmod 0444 database stays writable for
 * it and a read-only test proves nothing. When this test program runs as
 * root (CI does), run_unprivileged () runs its test case @test_path once
 * more as the unprivileged user nobody (setpriv), from a copy of the
 * program that nobody may run, and fails the current test unless that run
 * passed without skipping; it returns TRUE and the caller returns. As any
 * other user it returns FALSE and the caller runs the test itself. */
gboolean run_unprivileged (const char *test_path);

G_END_DECLS
