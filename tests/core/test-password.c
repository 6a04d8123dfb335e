/* test-password.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "clt-password.h"
#include "clt-validate.h"

#define PASSWORD "Correct horse battery staple"

/* Made by an earlier run: stored hashes must keep verifying. */
#define YESCRYPT_HASH "$y$j9T$4i.v/Zq1bgigWNbw/cZ5b0$WJ.8tXa4w81su3HsjO5nIy3ppQ5Omw3BJQyxm83ka66"
#define SHA512_HASH   "$6$1FMwfT3QLsRmmxoV$/tYikSSVAbYwGcUAVuU7FppR/3Lx/kTmDRP.BU30yC8MeHrcaSLrDdjtsq4ZZgxwGeqxJBBXI/uX3J87TAIh//"

static void
test_hash_verify (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = clt_password_hash (PASSWORD, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hash);
  g_assert_true (g_str_has_prefix (hash, "$y$"));
  g_assert_null (strstr (hash, PASSWORD));
  g_assert_true (clt_password_is_hash (hash));

  g_assert_true (clt_password_verify (PASSWORD, hash));
  g_assert_false (clt_password_verify ("correct horse battery staple", hash));
  g_assert_false (clt_password_verify (PASSWORD " ", hash));
  g_assert_false (clt_password_verify ("", hash));
}

static void
test_salted (void)
{
  g_autofree char *a = clt_password_hash (PASSWORD, NULL);
  g_autofree char *b = clt_password_hash (PASSWORD, NULL);

  g_assert_cmpstr (a, !=, b);
  g_assert_true (clt_password_verify (PASSWORD, a));
  g_assert_true (clt_password_verify (PASSWORD, b));
}

static void
test_unicode (void)
{
  g_autofree char *hash = clt_password_hash ("Pässwörd-Ünïcødé 🔑", NULL);

  g_assert_true (clt_password_verify ("Pässwörd-Ünïcødé 🔑", hash));
  g_assert_false (clt_password_verify ("Passwoerd-Unicode 🔑", hash));
}

static void
test_stored_hashes (void)
{
  g_assert_true (clt_password_verify (PASSWORD, YESCRYPT_HASH));
  g_assert_false (clt_password_verify ("wrong", YESCRYPT_HASH));
  g_assert_true (clt_password_verify (PASSWORD, SHA512_HASH));
  g_assert_false (clt_password_verify ("wrong", SHA512_HASH));
}

static void
test_unusable_hashes (void)
{
  static const char *unusable[] = { "", "*", "!", "!" YESCRYPT_HASH, "*0", "plain text", PASSWORD };

  for (guint i = 0; i < G_N_ELEMENTS (unusable); i++)
    {
      g_assert_false (clt_password_is_hash (unusable[i]));
      g_assert_false (clt_password_verify (PASSWORD, unusable[i]));
      g_assert_false (clt_password_verify ("", unusable[i]));
    }

  g_assert_false (clt_password_is_hash (NULL));
  g_assert_false (clt_password_verify (PASSWORD, NULL));
}

static void
test_generate (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 500; i++)
    {
      char *password = clt_password_generate ();
      gboolean lower = FALSE, upper = FALSE, digit = FALSE;
      g_autofree char *message = NULL;

      g_assert_cmpuint (strlen (password), ==, CLT_PASSWORD_GENERATED_LENGTH);
      for (guint j = 0; j < CLT_PASSWORD_GENERATED_LENGTH; j++)
        {
          char c = password[j];

          if (j % 5 == 4)
            {
              g_assert_cmpint (c, ==, '-');
              continue;
            }
          g_assert_true (g_ascii_isalnum (c));
          /* No look-alikes. */
          g_assert_null (strchr ("0Oo1lI", c));
          lower |= g_ascii_islower (c);
          upper |= g_ascii_isupper (c);
          digit |= g_ascii_isdigit (c);
        }
      g_assert_true (lower && upper && digit);
      g_assert_true (clt_validate_password (password, &message));
      g_assert_null (message);

      g_assert_true (g_hash_table_add (seen, password));
    }
}

static void
test_generated_round_trip (void)
{
  g_autofree char *password = clt_password_generate ();
  g_autofree char *hash = clt_password_hash (password, NULL);

  g_assert_true (clt_password_verify (password, hash));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/password/hash-verify", test_hash_verify);
  g_test_add_func ("/clt/password/salted", test_salted);
  g_test_add_func ("/clt/password/unicode", test_unicode);
  g_test_add_func ("/clt/password/stored-hashes", test_stored_hashes);
  g_test_add_func ("/clt/password/unusable-hashes", test_unusable_hashes);
  g_test_add_func ("/clt/password/generate", test_generate);
  g_test_add_func ("/clt/password/generated-round-trip", test_generated_round_trip);

  return g_test_run ();
}
