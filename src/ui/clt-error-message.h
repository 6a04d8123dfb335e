/* clt-error-message.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the UI says about a failed store call: "@what: reason", the reason
 * being @error's message or, when the back end gave none, words for its
 * CLT_STORE_ERROR code (permission denied, signed out, unreachable, …).
 * @what may be NULL: then the reason alone. */
char *clt_error_dup_message (const char   *what,
                             const GError *error);

G_END_DECLS
