/* clt-rate-limiter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CLT_TYPE_RATE_LIMITER (clt_rate_limiter_get_type ())

G_DECLARE_FINAL_TYPE (CltRateLimiter, clt_rate_limiter, CLT, RATE_LIMITER, GObject)

/* A token bucket per key (a server's bearer token): @rate requests per
 * second on average, up to @burst at once. Main thread only. */

CltRateLimiter *clt_rate_limiter_new       (guint           rate,
                                            guint           burst);
void            clt_rate_limiter_configure (CltRateLimiter *self,
                                            guint           rate,
                                            guint           burst);
/* TRUE when @key may make a request now (and counts it); FALSE with the
 * seconds until it may in @retry_after. */
gboolean        clt_rate_limiter_take      (CltRateLimiter *self,
                                            const char     *key,
                                            guint          *retry_after);

G_END_DECLS
