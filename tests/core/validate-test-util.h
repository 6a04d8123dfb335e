/* validate-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fixtures shared by the validation test programs. */

/* @unit @times over. */
char *repeat         (const char *unit,
                      guint       times);
/* @error must name @field, with @expected (if not NULL) as message. */
void  assert_invalid (GError     *error,
                      const char *field,
                      const char *expected);
/* "cust-0" to "cust-<n-1>", NULL-terminated. */
char **make_ids      (guint       n);

G_END_DECLS
