/* clt-random.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-random"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "clt-random.h"

/**
 * clt_random_fill:
 * @buf: (out caller-allocates) (array length=len): where to write
 * @len: how many bytes to write
 *
 * Fills @buf with random bytes. Blocks only until the kernel's generator
 * is seeded at boot; never fails in a way a caller could handle.
 */
void
clt_random_fill (guint8 *buf,
                 gsize   len)
{
  gsize done = 0;

  g_return_if_fail (buf != NULL || len == 0);

  while (done < len)
    {
      gssize n = getrandom (buf + done, len - done, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          /* Only on kernels older than 3.17: nothing safe to fall back to. */
          g_error ("getrandom() failed: %s", g_strerror (errno));
        }
      done += (gsize) n;
    }
}

/**
 * clt_random_token_hex:
 * @n_bytes: how many random bytes, such as 32 for a 256-bit token
 *
 * Returns: (transfer full): @n_bytes random bytes as 2 × @n_bytes lower-case
 *   hex digits
 */
char *
clt_random_token_hex (gsize n_bytes)
{
  static const char hex[] = "0123456789abcdef";
  g_autofree guint8 *bytes = NULL;
  char *token;

  g_return_val_if_fail (n_bytes < G_MAXSIZE / 2, NULL);

  /* g_malloc (0) is NULL, which explicit_bzero () may not be given. */
  if (n_bytes == 0)
    return g_strdup ("");

  bytes = g_malloc (n_bytes);
  token = g_malloc (n_bytes * 2 + 1);
  clt_random_fill (bytes, n_bytes);
  for (gsize i = 0; i < n_bytes; i++)
    {
      token[2 * i] = hex[bytes[i] >> 4];
      token[2 * i + 1] = hex[bytes[i] & 0xf];
    }
  token[n_bytes * 2] = '\0';

  /* The token may be a secret: leave no copy of it in freed memory. */
  explicit_bzero (bytes, n_bytes);

  return token;
}
