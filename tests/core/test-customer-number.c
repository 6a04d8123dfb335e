/* test-customer-number.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "clt-customer-number.h"

#define KEY       "000102030405060708090a0b0c0d0e0f"
#define OTHER_KEY "f0e0d0c0b0a090807060504030201000"
#define ALPHABET  "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

static void
test_format (void)
{
  g_autofree char *number = clt_customer_number_format (KEY, "CUST-", 1);
  g_autofree char *bare = clt_customer_number_format (KEY, "", 1);
  g_autofree char *null_prefix = clt_customer_number_format (KEY, NULL, 1);

  g_assert_true (g_str_has_prefix (number, "CUST-"));
  g_assert_cmpuint (strlen (number), ==, strlen ("CUST-") + CLT_CUSTOMER_NUMBER_CODE_LENGTH);
  for (const char *p = number + strlen ("CUST-"); *p != '\0'; p++)
    g_assert_nonnull (strchr (ALPHABET, *p));

  g_assert_cmpstr (number + strlen ("CUST-"), ==, bare);
  g_assert_cmpstr (bare, ==, null_prefix);
  g_assert_true (clt_customer_number_is_valid (number));
  g_assert_true (clt_customer_number_is_valid (bare));
}

/* Numbers are stored: the permutation must never change, or new numbers
 * could collide with old ones. */
static void
test_stable (void)
{
  static const char *expected[] = {
    "CUST-BNERHFB73", "CUST-8R9RQ735V", "CUST-4ZYTHQZVM", "CUST-GBZ2S6P8C", "CUST-ZAQSKAJNZ",
  };
  g_autofree char *last = clt_customer_number_format (KEY, "CUST-", CLT_CUSTOMER_NUMBER_MAX_SEQUENCE);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *number = clt_customer_number_format (KEY, "CUST-", i);

      g_assert_cmpstr (number, ==, expected[i]);
    }
  g_assert_cmpstr (last, ==, "CUST-VZ8GMSKPP");
}

static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint64 sequences[2000];
  guint n = 0;

  for (guint64 s = 0; s < 1000; s++)
    sequences[n++] = s;
  sequences[n++] = CLT_CUSTOMER_NUMBER_MAX_SEQUENCE;
  sequences[n++] = CLT_CUSTOMER_NUMBER_MAX_SEQUENCE - 1;
  while (n < G_N_ELEMENTS (sequences))
    sequences[n++] = (((guint64) g_rand_int (rand) << 32) | g_rand_int (rand)) & CLT_CUSTOMER_NUMBER_MAX_SEQUENCE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = clt_customer_number_format (KEY, "C-", sequences[i]);
      guint64 parsed = G_MAXUINT64;

      g_assert_true (clt_customer_number_parse (KEY, number, &parsed));
      g_assert_cmpuint (parsed, ==, sequences[i]);
    }
}

static void
test_unique (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint64 s = 1; s <= 100000; s++)
    {
      char *number = clt_customer_number_format (KEY, "", s);

      g_assert_true (g_hash_table_add (seen, number));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 100000);
}

static guint64
code_value (const char *number)
{
  const char *code = number + strlen (number) - CLT_CUSTOMER_NUMBER_CODE_LENGTH;
  guint64 value = 0;

  for (guint i = 0; i < CLT_CUSTOMER_NUMBER_CODE_LENGTH - 1; i++)
    value = (value << 5) | (guint64) (strchr (ALPHABET, code[i]) - ALPHABET);
  return value;
}

/* Knowing one number must not tell the next: successive numbers land far
 * apart, and the same sequence under another key gives another number. */
static void
test_not_guessable (void)
{
  guint close = 0;
  guint same_start = 0;
  guint same_under_other_key = 0;

  for (guint64 s = 1; s <= 1000; s++)
    {
      g_autofree char *a = clt_customer_number_format (KEY, "", s);
      g_autofree char *b = clt_customer_number_format (KEY, "", s + 1);
      g_autofree char *other = clt_customer_number_format (OTHER_KEY, "", s);
      guint64 va = code_value (a);
      guint64 vb = code_value (b);
      guint64 distance = va > vb ? va - vb : vb - va;

      if (distance < (G_GUINT64_CONSTANT (1) << 30))
        close++;
      if (strncmp (a, b, 3) == 0)
        same_start++;
      if (strcmp (a, other) == 0)
        same_under_other_key++;
    }

  /* By chance about 2 in 1000 pairs are that close, 1 in 33 share three
   * symbols. A counter or a plain offset would make all of them close. */
  g_assert_cmpuint (close, <, 20);
  g_assert_cmpuint (same_start, <, 10);
  g_assert_cmpuint (same_under_other_key, ==, 0);
}

static void
test_check_symbol (void)
{
  g_autofree char *number = clt_customer_number_format (KEY, "CUST-", 123456);
  gsize code_start = strlen ("CUST-");
  guint transpositions = 0;
  guint detected = 0;

  g_assert_true (clt_customer_number_is_valid (number));

  /* Every single mistyped symbol is caught. */
  for (gsize i = code_start; number[i] != '\0'; i++)
    {
      for (const char *c = ALPHABET; *c != '\0'; c++)
        {
          g_autofree char *typo = g_strdup (number);

          if (*c == number[i])
            continue;
          typo[i] = *c;
          g_assert_false (clt_customer_number_is_valid (typo));
        }
    }

  /* Swapped neighbours are caught nearly always (Luhn mod 32 misses only
   * pairs whose values differ by 16 or wrap around). */
  for (guint64 s = 1; s <= 200; s++)
    {
      g_autofree char *valid = clt_customer_number_format (KEY, "", s);

      for (gsize i = 0; i + 1 < CLT_CUSTOMER_NUMBER_CODE_LENGTH; i++)
        {
          g_autofree char *swapped = g_strdup (valid);
          char tmp = swapped[i];

          if (swapped[i] == swapped[i + 1])
            continue;
          swapped[i] = swapped[i + 1];
          swapped[i + 1] = tmp;
          transpositions++;
          if (!clt_customer_number_is_valid (swapped))
            detected++;
        }
    }
  g_assert_cmpuint (detected * 100, >=, transpositions * 90);

  /* Letters outside the alphabet, and too short a code. */
  g_assert_false (clt_customer_number_is_valid ("CUST-BNERHFB7U"));
  g_assert_false (clt_customer_number_is_valid ("CUST-bnerhfb73"));
  g_assert_false (clt_customer_number_is_valid ("NERHFB73"));
  g_assert_false (clt_customer_number_is_valid (""));
  g_assert_false (clt_customer_number_is_valid (NULL));
  g_assert_false (clt_customer_number_parse (KEY, "CUST-BNERHFB74", NULL));
}

static void
test_prefix_change (void)
{
  g_autofree char *old_number = clt_customer_number_format (KEY, "KD", 77);
  g_autofree char *new_number = clt_customer_number_format (KEY, "CUST-", 77);
  guint64 a = 0, b = 0;

  g_assert_true (clt_customer_number_parse (KEY, old_number, &a));
  g_assert_true (clt_customer_number_parse (KEY, new_number, &b));
  g_assert_cmpuint (a, ==, 77);
  g_assert_cmpuint (b, ==, 77);
}

static void
test_normalize (void)
{
  static const struct
  {
    const char *typed;
    const char *expected;
  } cases[] = {
    { "CUST-BNERHFB73", "CUST-BNERHFB73" },
    { "cust-bnerhfb73", "CUST-BNERHFB73" },
    { "  CUST-BNER-HFB7-3 ", "CUST-BNERHFB73" },
    { "BNERHFB73", "CUST-BNERHFB73" },
    { "bner hfb7 3", "CUST-BNERHFB73" },
    { "8r9r-q735-v", "CUST-8R9RQ735V" },
    { "CUST-BNERHFB74", NULL },
    { "CUST-BNERHFB7", NULL },
    { "CUST-BNERHFB733", NULL },
    { "Müller", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = clt_customer_number_normalize ("CUST-", cases[i].typed);

      g_assert_cmpstr (normalized, ==, cases[i].expected);
    }

  g_assert_null (clt_customer_number_normalize ("CUST-", NULL));
}

static void
test_normalize_look_alikes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint checked = 0;

  /* Find numbers with 0 or 1 in them and type those as O or I/L. */
  for (guint64 s = 1; s < 5000 && checked < 20; s++)
    {
      g_autofree char *number = clt_customer_number_format (KEY, "CUST-", s);
      g_autofree char *typed = g_ascii_strdown (number, -1);
      g_autofree char *normalized = NULL;
      gboolean changed = FALSE;

      for (char *p = typed + strlen ("CUST-"); *p != '\0'; p++)
        {
          if (*p == '0')
            {
              *p = 'o';
              changed = TRUE;
            }
          else if (*p == '1')
            {
              *p = g_rand_boolean (rand) ? 'I' : 'l';
              changed = TRUE;
            }
        }
      if (!changed)
        continue;

      normalized = clt_customer_number_normalize ("CUST-", typed);
      g_assert_cmpstr (normalized, ==, number);
      checked++;
    }

  g_assert_cmpuint (checked, ==, 20);
}

static void
test_key (void)
{
  g_autofree char *a = clt_customer_number_generate_key ();
  g_autofree char *b = clt_customer_number_generate_key ();

  g_assert_cmpuint (strlen (a), ==, CLT_CUSTOMER_NUMBER_KEY_LENGTH);
  for (const char *p = a; *p != '\0'; p++)
    g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));
  g_assert_true (clt_customer_number_key_is_valid (a));
  g_assert_cmpstr (a, !=, b);

  g_assert_false (clt_customer_number_key_is_valid (NULL));
  g_assert_false (clt_customer_number_key_is_valid (""));
  g_assert_false (clt_customer_number_key_is_valid ("000102030405060708090a0b0c0d0e0"));
  g_assert_false (clt_customer_number_key_is_valid ("000102030405060708090a0b0c0d0e0f0"));
  g_assert_false (clt_customer_number_key_is_valid ("000102030405060708090a0b0c0d0e0g"));
}

static void
test_bad_arguments (void)
{
  char *number;

  g_test_expect_message ("clt-customer-number", G_LOG_LEVEL_CRITICAL, "*");
  number = clt_customer_number_format ("not a key", "CUST-", 1);
  g_test_assert_expected_messages ();
  g_assert_null (number);

  g_test_expect_message ("clt-customer-number", G_LOG_LEVEL_CRITICAL, "*sequence*");
  number = clt_customer_number_format (KEY, "CUST-", CLT_CUSTOMER_NUMBER_MAX_SEQUENCE + 1);
  g_test_assert_expected_messages ();
  g_assert_null (number);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/customer-number/format", test_format);
  g_test_add_func ("/clt/customer-number/stable", test_stable);
  g_test_add_func ("/clt/customer-number/round-trip", test_round_trip);
  g_test_add_func ("/clt/customer-number/unique", test_unique);
  g_test_add_func ("/clt/customer-number/not-guessable", test_not_guessable);
  g_test_add_func ("/clt/customer-number/check-symbol", test_check_symbol);
  g_test_add_func ("/clt/customer-number/prefix-change", test_prefix_change);
  g_test_add_func ("/clt/customer-number/normalize", test_normalize);
  g_test_add_func ("/clt/customer-number/normalize-look-alikes", test_normalize_look_alikes);
  g_test_add_func ("/clt/customer-number/key", test_key);
  g_test_add_func ("/clt/customer-number/bad-arguments", test_bad_arguments);

  return g_test_run ();
}
