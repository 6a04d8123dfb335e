/* validate-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "clt-error.h"
#include "validate-test-util.h"

char *
repeat (const char *unit,
        guint       times)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

void
assert_invalid (GError     *error,
                const char *field,
                const char *expected)
{
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
  g_assert_cmpstr (clt_store_error_get_field (error), ==, field);
  g_assert_cmpstr (error->message, !=, "");
  if (expected != NULL)
    g_assert_cmpstr (error->message, ==, expected);
}

char **
make_ids (guint n)
{
  char **ids = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    ids[i] = g_strdup_printf ("cust-%u", i);
  return ids;
}
