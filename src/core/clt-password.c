/* clt-password.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-password"

#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "clt-error.h"
#include "clt-password.h"
#include "clt-random.h"

/* Letters and digits without the look-alikes 0 O o 1 l I. */
static const char readable_alphabet[] =
  "abcdefghijkmnpqrstuvwxyz"
  "ABCDEFGHJKLMNPQRSTUVWXYZ"
  "23456789";

/* A uniformly chosen index below @n, without modulo bias. */
static guint
random_below (guint n)
{
  guint8 byte;
  guint limit = 256 - (256 % n);

  g_assert (n > 0 && n <= 256);

  do
    clt_random_fill (&byte, 1);
  while (byte >= limit);

  return byte % n;
}

static gboolean
constant_time_equal (const char *a,
                     const char *b)
{
  gsize len_a = strlen (a);
  gsize len_b = strlen (b);
  guint8 diff = len_a != len_b;

  /* Compares every byte of the longer string whatever the differences. */
  for (gsize i = 0; i < MAX (len_a, len_b); i++)
    {
      guint8 x = i < len_a ? (guint8) a[i] : 0;
      guint8 y = i < len_b ? (guint8) b[i] : 0;

      diff |= x ^ y;
    }

  return diff == 0;
}

/**
 * clt_password_hash:
 * @password: the password, UTF-8
 * @error: set to a CLT_STORE_ERROR_FAILED when hashing fails
 *
 * Returns: (transfer full): a salted yescrypt hash, "$y$…"
 */
char *
clt_password_hash (const char  *password,
                   GError     **error)
{
  g_autofree char *salt = NULL;
  void *data = NULL;
  int size = 0;
  char *hashed;
  char *result;

  g_return_val_if_fail (password != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* NULL entropy: libxcrypt reads the salt from the kernel's generator. */
  salt = crypt_gensalt_ra ("$y$", 0, NULL, 0);
  if (salt == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                   _("The password could not be encrypted: %s"), g_strerror (saved_errno));
      return NULL;
    }

  hashed = crypt_ra (password, salt, &data, &size);
  if (hashed == NULL || hashed[0] == '*')
    {
      int saved_errno = errno;

      if (data != NULL)
        explicit_bzero (data, (gsize) size);
      free (data);
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                   _("The password could not be encrypted: %s"), g_strerror (saved_errno));
      return NULL;
    }

  result = g_strdup (hashed);
  /* The work area holds the password's derived state. */
  explicit_bzero (data, (gsize) size);
  free (data);

  return result;
}

/**
 * clt_password_verify:
 * @password: the password the user typed
 * @hash: a stored crypt(5) hash
 *
 * Returns: whether @password matches @hash; FALSE for an empty or
 *   unusable @hash
 */
gboolean
clt_password_verify (const char *password,
                     const char *hash)
{
  void *data = NULL;
  int size = 0;
  const char *hashed;
  gboolean equal;

  g_return_val_if_fail (password != NULL, FALSE);

  if (!clt_password_is_hash (hash))
    return FALSE;

  hashed = crypt_ra (password, hash, &data, &size);
  equal = hashed != NULL && hashed[0] != '*' && constant_time_equal (hashed, hash);

  if (data != NULL)
    explicit_bzero (data, (gsize) size);
  free (data);

  return equal;
}

gboolean
clt_password_is_hash (const char *hash)
{
  if (hash == NULL || hash[0] == '\0' || hash[0] == '*' || hash[0] == '!')
    return FALSE;

  /* crypt_checksalt() also tells apart methods disabled on this system. */
  return crypt_checksalt (hash) != CRYPT_SALT_INVALID
      && crypt_checksalt (hash) != CRYPT_SALT_METHOD_DISABLED;
}

/**
 * clt_password_generate:
 *
 * Returns: (transfer full): a new random password of
 *   %CLT_PASSWORD_GENERATED_LENGTH characters
 */
char *
clt_password_generate (void)
{
  char password[CLT_PASSWORD_GENERATED_LENGTH + 1];
  guint n_symbols = sizeof readable_alphabet - 1;
  char *result;

  for (;;)
    {
      gboolean lower = FALSE, upper = FALSE, digit = FALSE;
      guint pos = 0;

      for (guint group = 0; group < 4; group++)
        {
          if (group > 0)
            password[pos++] = '-';
          for (guint i = 0; i < 4; i++)
            {
              char c = readable_alphabet[random_below (n_symbols)];

              lower |= g_ascii_islower (c);
              upper |= g_ascii_isupper (c);
              digit |= g_ascii_isdigit (c);
              password[pos++] = c;
            }
        }
      password[pos] = '\0';

      /* Shops' password rules often ask for all three kinds: redraw the
       * rare password (about 3 in 100) that lacks one. */
      if (lower && upper && digit)
        break;
    }

  result = g_strdup (password);
  explicit_bzero (password, sizeof password);

  return result;
}
