/* clt-random.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Randomness for secrets, tokens and identifiers others must not guess,
 * from the kernel's generator (getrandom(2)). Never GRand or
 * g_random_*(), which are predictable. */

void  clt_random_fill      (guint8 *buf,
                            gsize   len);
char *clt_random_token_hex (gsize   n_bytes);

G_END_DECLS
