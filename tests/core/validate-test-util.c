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

CltAddress *
make_address (void)
{
  CltAddress *address = clt_address_new ();

  clt_address_set_customer_id (address, "cust-1");
  clt_address_set_first_name (address, "Ada");
  clt_address_set_last_name (address, "Lovelace");
  clt_address_set_address1 (address, "Unter den Linden 1");
  clt_address_set_zip_code (address, "10117");
  clt_address_set_city (address, "Berlin");
  clt_address_set_country (address, "DE");
  return address;
}

void
assert_address_invalid (CltAddress      *address,
                        CltValidateMode  mode,
                        const char      *field)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_assert_false (clt_validate_address (address, mode, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
  g_assert_cmpstr (clt_store_error_get_field (error), ==, field);

  g_assert_false (clt_validate_address_field (address, field, mode, &message));
  g_assert_cmpstr (message, ==, error->message);
}

void
assert_address_valid (CltAddress      *address,
                      CltValidateMode  mode)
{
  g_autoptr(GError) error = NULL;

  if (!clt_validate_address (address, mode, &error))
    g_error ("unexpectedly invalid: %s: %s", clt_store_error_get_field (error), error->message);
}
