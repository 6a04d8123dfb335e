/* clt-rate-limiter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-rate-limiter"

#include "config.h"

#include <math.h>

#include "clt-rate-limiter.h"

/* Buckets that have been full this long are forgotten: a full bucket is
 * the same as none. */
#define PRUNE_EVERY 1024

typedef struct
{
  double tokens;
  gint64 updated;   /* monotonic µs */
} Bucket;

struct _CltRateLimiter
{
  GObject     parent_instance;

  double      rate;     /* per second */
  double      burst;
  GHashTable *buckets;  /* key → Bucket */
  guint       takes;
};

G_DEFINE_FINAL_TYPE (CltRateLimiter, clt_rate_limiter, G_TYPE_OBJECT)

static void
refill (CltRateLimiter *self,
        Bucket         *bucket,
        gint64          now)
{
  double elapsed = (double) (now - bucket->updated) / G_USEC_PER_SEC;

  bucket->tokens = MIN (self->burst, bucket->tokens + elapsed * self->rate);
  bucket->updated = now;
}

static void
prune (CltRateLimiter *self,
       gint64          now)
{
  GHashTableIter iter;
  Bucket *bucket;

  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bucket))
    {
      refill (self, bucket, now);
      if (bucket->tokens >= self->burst)
        g_hash_table_iter_remove (&iter);
    }
}

static void
clt_rate_limiter_finalize (GObject *object)
{
  CltRateLimiter *self = (CltRateLimiter *) object;

  g_clear_pointer (&self->buckets, g_hash_table_unref);

  G_OBJECT_CLASS (clt_rate_limiter_parent_class)->finalize (object);
}

static void
clt_rate_limiter_class_init (CltRateLimiterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = clt_rate_limiter_finalize;
}

static void
clt_rate_limiter_init (CltRateLimiter *self)
{
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

CltRateLimiter *
clt_rate_limiter_new (guint rate,
                      guint burst)
{
  CltRateLimiter *self = g_object_new (CLT_TYPE_RATE_LIMITER, NULL);

  clt_rate_limiter_configure (self, rate, burst);
  return self;
}

void
clt_rate_limiter_configure (CltRateLimiter *self,
                            guint           rate,
                            guint           burst)
{
  g_return_if_fail (CLT_IS_RATE_LIMITER (self));
  g_return_if_fail (rate > 0);

  self->rate = rate;
  self->burst = MAX (burst, 1);
  g_hash_table_remove_all (self->buckets);
}

gboolean
clt_rate_limiter_take (CltRateLimiter *self,
                       const char     *key,
                       guint          *retry_after)
{
  gint64 now = g_get_monotonic_time ();
  Bucket *bucket;

  g_return_val_if_fail (CLT_IS_RATE_LIMITER (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (++self->takes % PRUNE_EVERY == 0)
    prune (self, now);

  bucket = g_hash_table_lookup (self->buckets, key);
  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = self->burst;
      bucket->updated = now;
      g_hash_table_insert (self->buckets, g_strdup (key), bucket);
    }
  else
    refill (self, bucket, now);

  if (bucket->tokens >= 1.0)
    {
      bucket->tokens -= 1.0;
      if (retry_after != NULL)
        *retry_after = 0;
      return TRUE;
    }

  if (retry_after != NULL)
    *retry_after = MAX (1, (guint) ceil ((1.0 - bucket->tokens) / self->rate));
  return FALSE;
}
