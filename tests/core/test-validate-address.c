/* test-validate-address.c
 *
 * The rules for addresses and zip codes (clt-validate-address.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "clt-address.h"
#include "clt-error.h"
#include "clt-validate.h"
#include "validate-test-util.h"

static void
test_address_valid (void)
{
  g_autoptr(CltAddress) address = make_address ();

  assert_address_valid (address, CLT_VALIDATE_CREATE);
  assert_address_invalid (address, CLT_VALIDATE_UPDATE, "id");
  clt_address_set_id (address, "addr-1");
  assert_address_valid (address, CLT_VALIDATE_UPDATE);

  clt_address_set_salutation (address, "Ms");
  clt_address_set_address2 (address, "Hinterhaus");
  clt_address_set_address3 (address, "3. OG");
  clt_address_set_region (address, "Berlin");
  clt_address_set_phone (address, "+49 30 1234567");
  clt_address_set_company (address, "Analytical Engines GmbH");
  clt_address_set_comment (address, "Ring twice.\nLeave at the door.");
  assert_address_valid (address, CLT_VALIDATE_CREATE);
  assert_address_valid (address, CLT_VALIDATE_UPDATE);
}

static void
test_address_required (void)
{
  const struct
  {
    const char *field;
    void (*set) (CltAddress *, const char *);
  } required[] = {
    { "first-name", clt_address_set_first_name },
    { "last-name", clt_address_set_last_name },
    { "address1", clt_address_set_address1 },
    { "zip-code", clt_address_set_zip_code },
    { "city", clt_address_set_city },
    { "country", clt_address_set_country },
    { "customer-id", clt_address_set_customer_id },
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autoptr(CltAddress) address = make_address ();

      required[i].set (address, "");
      assert_address_invalid (address, CLT_VALIDATE_CREATE, required[i].field);
      required[i].set (address, "   ");
      assert_address_invalid (address, CLT_VALIDATE_CREATE, required[i].field);
    }
}

static void
test_address_country (void)
{
  const char *invalid[] = { "de", "XX", "DEU", "Germany", "D", "EU", "UK" };
  const char *valid[] = { "DE", "AT", "CH", "US", "GB", "JP", "AX" };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(CltAddress) address = make_address ();
      g_autofree char *message = NULL;

      g_assert_false (clt_validate_country (invalid[i], &message));
      g_assert_cmpstr (message, ==, "Choose a country from the list");
      clt_address_set_country (address, invalid[i]);
      clt_address_set_zip_code (address, "1");
      assert_address_invalid (address, CLT_VALIDATE_CREATE, "country");
    }

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (clt_validate_country (valid[i], NULL));
}

static void
test_zip_code (void)
{
  const struct
  {
    const char *country;
    const char *zip;
    gboolean valid;
  } cases[] = {
    { "DE", "10117", TRUE },
    { "DE", "1011", FALSE },
    { "DE", "101170", FALSE },
    { "DE", "D-10117", FALSE },
    { "DE", "1O117", FALSE },
    { "AT", "1010", TRUE },
    { "AT", "10100", FALSE },
    { "CH", "8001", TRUE },
    { "CH", "CH-8001", FALSE },
    { "FR", "75001", TRUE },
    { "FR", "7500", FALSE },
    { "US", "12345", TRUE },
    { "US", "12345-6789", TRUE },
    { "US", "1234", FALSE },
    { "US", "12345-678", FALSE },
    { "GB", "SW1A 1AA", TRUE },
    { "GB", "EC1A 1BB", TRUE },
    { "GB", "M1 1AE", TRUE },
    { "GB", "B33 8TH", TRUE },
    { "GB", "sw1a1aa", TRUE },
    { "GB", "GIR 0AA", TRUE },
    { "GB", "12345", FALSE },
    { "GB", "SW1A 1A", FALSE },
    { "NL", "1012 AB", TRUE },
    { "NL", "1012AB", TRUE },
    { "NL", "0123 AB", FALSE },
    { "NL", "1012", FALSE },
    { "PL", "00-950", TRUE },
    { "PL", "00950", TRUE },
    { "PL", "0-950", FALSE },
    { "SE", "114 55", TRUE },
    { "SE", "11455", TRUE },
    { "CZ", "110 00", TRUE },
    { "PT", "1000-001", TRUE },
    { "CA", "K1A 0B1", TRUE },
    { "CA", "K1A0B1", TRUE },
    { "CA", "12345", FALSE },
    { "JP", "100-0001", TRUE },
    { "LU", "L-1009", TRUE },
    { "LU", "1009", TRUE },
    /* Countries without a known format: 1–16 letters, digits, spaces, -. */
    { "IE", "D02 X285", TRUE },
    { "BM", "HM 12", TRUE },
    { "AR", "C1425", TRUE },
    { "IE", "D02/X285", FALSE },
    { "IE", "-D02", FALSE },
    { "IE", "12345678901234567", FALSE },
    { "IE", "1234567890123456", TRUE },
    { "IE", "Zürich", FALSE },
    /* With no or an unknown country only the general rule applies. */
    { "", "10117", TRUE },
    { "", "SW1A 1AA", TRUE },
    { "XX", "ABC 123", TRUE },
    { "", "!", FALSE },
    { "DE", "", FALSE },
    { "DE", "10117\n", FALSE },
    { "DE", "\xff", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;
      gboolean valid = clt_validate_zip_code (cases[i].country, cases[i].zip, &message);

      if (valid != cases[i].valid)
        g_error ("zip code “%s” in “%s”: expected %s, got %s (%s)",
                 cases[i].zip, cases[i].country,
                 cases[i].valid ? "valid" : "invalid",
                 valid ? "valid" : "invalid",
                 message != NULL ? message : "");
      g_assert_true (valid == (message == NULL));
    }

  {
    g_autofree char *message = NULL;
    g_autoptr(CltAddress) address = make_address ();

    g_assert_false (clt_validate_zip_code ("DE", "1234", &message));
    g_assert_cmpstr (message, ==, "Enter a zip code like 10115");

    /* The address's own country decides. */
    clt_address_set_zip_code (address, "SW1A 1AA");
    assert_address_invalid (address, CLT_VALIDATE_CREATE, "zip-code");
    clt_address_set_country (address, "GB");
    assert_address_valid (address, CLT_VALIDATE_CREATE);
  }
}

static void
test_address_lengths (void)
{
  const struct
  {
    const char *field;
    guint max;
    gboolean multi_line;
    void (*set) (CltAddress *, const char *);
  } fields[] = {
    { "salutation", CLT_VALIDATE_MAX_SALUTATION, FALSE, clt_address_set_salutation },
    { "first-name", CLT_VALIDATE_MAX_NAME, FALSE, clt_address_set_first_name },
    { "last-name", CLT_VALIDATE_MAX_NAME, FALSE, clt_address_set_last_name },
    { "company", CLT_VALIDATE_MAX_COMPANY, FALSE, clt_address_set_company },
    { "address1", CLT_VALIDATE_MAX_ADDRESS_LINE, FALSE, clt_address_set_address1 },
    { "address2", CLT_VALIDATE_MAX_ADDRESS_LINE, FALSE, clt_address_set_address2 },
    { "address3", CLT_VALIDATE_MAX_ADDRESS_LINE, FALSE, clt_address_set_address3 },
    { "city", CLT_VALIDATE_MAX_CITY, FALSE, clt_address_set_city },
    { "region", CLT_VALIDATE_MAX_CITY, FALSE, clt_address_set_region },
    { "comment", CLT_VALIDATE_MAX_COMMENT, TRUE, clt_address_set_comment },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(CltAddress) address = make_address ();
      g_autofree char *max = repeat ("ß", fields[i].max);
      g_autofree char *over = repeat ("ß", fields[i].max + 1);

      fields[i].set (address, max);
      assert_address_valid (address, CLT_VALIDATE_CREATE);
      fields[i].set (address, over);
      assert_address_invalid (address, CLT_VALIDATE_CREATE, fields[i].field);

      fields[i].set (address, "line one\nline two");
      if (fields[i].multi_line)
        assert_address_valid (address, CLT_VALIDATE_CREATE);
      else
        assert_address_invalid (address, CLT_VALIDATE_CREATE, fields[i].field);

      fields[i].set (address, "bell\x07");
      assert_address_invalid (address, CLT_VALIDATE_CREATE, fields[i].field);
    }
}

static void
test_address_ids (void)
{
  g_autoptr(CltAddress) address = make_address ();

  clt_address_set_id (address, "my address");
  assert_address_invalid (address, CLT_VALIDATE_CREATE, "id");
  clt_address_set_id (address, "home_1");
  assert_address_valid (address, CLT_VALIDATE_CREATE);
  clt_address_set_customer_id (address, "cust/1");
  assert_address_invalid (address, CLT_VALIDATE_CREATE, "customer-id");
}

static void
test_address_field (void)
{
  g_autoptr(CltAddress) address = make_address ();
  g_autofree char *message = NULL;

  clt_address_set_city (address, "");
  g_assert_false (clt_validate_address_field (address, "city", CLT_VALIDATE_CREATE, &message));
  g_assert_cmpstr (message, ==, "Enter a city");
  g_clear_pointer (&message, g_free);

  g_assert_true (clt_validate_address_field (address, "zip-code", CLT_VALIDATE_CREATE, &message));
  g_assert_null (message);
  g_assert_true (clt_validate_address_field (address, "version", CLT_VALIDATE_CREATE, &message));
  g_assert_null (message);

  g_test_expect_message ("clt-validate", G_LOG_LEVEL_CRITICAL, "*no property*zip*");
  g_assert_true (clt_validate_address_field (address, "zip", CLT_VALIDATE_CREATE, &message));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/validate/address/valid", test_address_valid);
  g_test_add_func ("/clt/validate/address/required", test_address_required);
  g_test_add_func ("/clt/validate/address/country", test_address_country);
  g_test_add_func ("/clt/validate/address/zip-code", test_zip_code);
  g_test_add_func ("/clt/validate/address/lengths", test_address_lengths);
  g_test_add_func ("/clt/validate/address/ids", test_address_ids);
  g_test_add_func ("/clt/validate/address/field", test_address_field);

  return g_test_run ();
}
