/* test-pg-number.c — pg_parse_double (): the numbers PostgreSQL writes as
 * text read to the very double g_ascii_strtod () reads, by its short path
 * for plain decimals and by g_ascii_strtod () for the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pg-number"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "clt-pg-conn.h"

static void
assert_reads_as_strtod (const char *text)
{
  double expected = g_ascii_strtod (text, NULL);
  double parsed = pg_parse_double (text, strlen (text));

  /* The same bits: -0 is not 0, and NaN is NaN. */
  if (memcmp (&expected, &parsed, sizeof expected) != 0)
    g_error ("“%s”: %.17g, g_ascii_strtod () %.17g", text, parsed, expected);
}

static void
test_number_edges (void)
{
  static const char * const texts[] = {
    "0", "-0", "1", "-1", "42", "42.5", "-42.5", "0.1", "0.2", "0.3", "1.", "-",
    "", "123456789012345", "1234567890123456", "12345678901234567890",
    "0.000000000000001", "0.0000000000000001", "9007199254740993",
    "999999999999999", "99999999999999.9", "3.141592653589793", "2.718281828459045",
    "1e+20", "1.5e-05", "-1e-300", "NaN", "Infinity", "-Infinity", "+5", " 5", "5 ",
    "12abc", ".5", "0.30000000000000004", "1.7976931348623157e+308",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_reads_as_strtod (texts[i]);

  /* A length shorter than the text: only those bytes. */
  g_assert_cmpfloat (pg_parse_double ("12.5x", 4), ==, 12.5);
  g_assert_cmpfloat (pg_parse_double ("1e5", 1), ==, 1);
}

/* Decimals of every length up to 17 digits and every place of the point,
 * as custom field values and sort numbers hold them. */
static void
test_number_random (void)
{
  GRand *rand = g_rand_new_with_seed (1131);

  for (guint i = 0; i < 200000; i++)
    {
      char text[64];
      guint n_digits = g_rand_int_range (rand, 1, 18);
      guint point = g_rand_int_range (rand, 0, n_digits + 1);
      guint length = 0;

      if (g_rand_boolean (rand))
        text[length++] = '-';
      for (guint d = 0; d < n_digits; d++)
        {
          if (d == point && d > 0)
            text[length++] = '.';
          text[length++] = (char) ('0' + g_rand_int_range (rand, 0, 10));
        }
      text[length] = '\0';
      assert_reads_as_strtod (text);

      /* And as PostgreSQL writes a double. */
      g_ascii_dtostr (text, sizeof text, g_rand_double_range (rand, -1e6, 1e6));
      assert_reads_as_strtod (text);
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/pg-number/edges", test_number_edges);
  g_test_add_func ("/clt/pg-number/random", test_number_random);

  return g_test_run ();
}
