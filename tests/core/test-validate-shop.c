/* test-validate-shop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-error.h"
#include "clt-group.h"
#include "clt-query.h"
#include "clt-site.h"
#include "clt-validate.h"
#include "validate-test-util.h"

/* Helpers --------------------------------------------------------------- */

static CltSite *
make_site (void)
{
  CltSite *site = clt_site_new ();

  clt_site_set_code (site, "nl-shop");
  clt_site_set_name (site, "Netherlands");
  return site;
}

/* Sites, groups, companies, custom fields -------------------------------- */

static void
test_site (void)
{
  g_autofree char *code_64 = repeat ("s", 64);
  g_autofree char *code_65 = repeat ("s", 65);
  g_autofree char *name_201 = repeat ("n", 201);
  const struct
  {
    const char *field;
    void (*set) (CltSite *, const char *);
    const char *value;
    const char *message;
  } invalid[] = {
    { "code", clt_site_set_code, "", "Enter a code" },
    { "code", clt_site_set_code, "nl shop", "Use only letters A–Z, digits, - and _" },
    { "code", clt_site_set_code, "nl/shop", NULL },
    { "code", clt_site_set_code, code_65, "Use at most 64 characters" },
    { "name", clt_site_set_name, "", "This field is required" },
    { "name", clt_site_set_name, " \t", "This field is required" },
    { "name", clt_site_set_name, name_201, "Use at most 200 characters" },
    { "name", clt_site_set_name, "Nether\u202elands", NULL },
    { "default-currency", clt_site_set_default_currency, "EURO", NULL },
    { "default-currency", clt_site_set_default_currency, "eur", NULL },
    { "default-locale", clt_site_set_default_locale, "xx_YY", NULL },
  };

  {
    g_autoptr(CltSite) site = make_site ();
    g_autoptr(GError) error = NULL;

    g_assert_true (clt_validate_site (site, &error));
    g_assert_no_error (error);

    clt_site_set_code (site, code_64);
    clt_site_set_storefront_url (site, "https://nl.shop.example/de/");
    clt_site_set_default_currency (site, "EUR");
    clt_site_set_default_locale (site, "nl_NL");
    g_assert_true (clt_validate_site (site, &error));
    g_assert_no_error (error);
  }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(CltSite) site = make_site ();
      g_autoptr(GError) error = NULL;

      invalid[i].set (site, invalid[i].value);
      g_assert_false (clt_validate_site (site, &error));
      assert_invalid (error, invalid[i].field, invalid[i].message);
    }

  /* The first failing field, in the order of the rules, is reported. */
  {
    g_autoptr(CltSite) site = clt_site_new ();
    g_autoptr(GError) error = NULL;

    clt_site_set_default_locale (site, "xx");
    g_assert_false (clt_validate_site (site, &error));
    assert_invalid (error, "code", NULL);
  }
}

static void
test_site_storefront_url (void)
{
  g_autofree char *long_path = repeat ("p", 200);
  g_autofree char *over = g_strconcat ("https://shop.example/", long_path, NULL);
  const char *valid[] = {
    "",
    "https://nl.shop.example",
    "https://nl.shop.example/de/",
    "HTTPS://Shop.Example:8443/store",
    "https://bücher.example/",
    "https://192.0.2.10/",
    "http://localhost:8080/",
    "http://LOCALHOST/",
    "http://127.0.0.1/shop/",
    "http://[::1]:8080/",
  };
  const struct
  {
    const char *url;
    const char *message;
  } invalid[] = {
    { "ftp://nl.shop.example/", "Enter an address that starts with https://" },
    { "http://nl.shop.example/", "Enter an address that starts with https://" },
    { "http://127.0.0.2/", "Enter an address that starts with https://" },
    { "javascript:alert(1)", "Enter an address that starts with https://" },
    { "nl.shop.example", "Enter a web address like https://shop.example" },
    { "https:nl.shop.example", "Enter a web address like https://shop.example" },
    { "https:///path", "Enter a web address like https://shop.example" },
    { "https://exa_mple.example/", "Enter a web address like https://shop.example" },
    { "https://shop.example./", "Enter a web address like https://shop.example" },
    { "https://sh op.example/", "Enter a web address like https://shop.example" },
    { "https://shop.example/a b", "Enter a web address like https://shop.example" },
    { "https://evil.example\\@shop.example/", "Enter a web address like https://shop.example" },
    { "https://shop.example/\"><script>", "Enter a web address like https://shop.example" },
    { "https://shop.example/%zz", "Enter a web address like https://shop.example" },
    { "https://user:secret@shop.example/", "Remove the user name and password from the address" },
    { "https://shop.example/?lang=de", "Links are added to this address: remove the part from “?” or “#” on" },
    { "https://shop.example/#top", "Links are added to this address: remove the part from “?” or “#” on" },
    { "https://shop.example/\u200b", "Remove the invisible characters, such as zero-width spaces or text direction marks" },
    { "https://shop.example/\n", "Remove the line breaks, tabs and control characters" },
    { over, "Use at most 200 characters" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(CltSite) site = make_site ();
      g_autoptr(GError) error = NULL;

      clt_site_set_storefront_url (site, valid[i]);
      if (!clt_validate_site (site, &error))
        g_error ("“%s” rejected: %s", valid[i], error->message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(CltSite) site = make_site ();
      g_autoptr(GError) error = NULL;

      clt_site_set_storefront_url (site, invalid[i].url);
      if (clt_validate_site (site, &error))
        g_error ("“%s” accepted", invalid[i].url);
      assert_invalid (error, "storefront-url", invalid[i].message);
    }

  /* The general check takes a query: a template may need one. */
  g_assert_true (clt_validate_web_url ("https://shop.example/assist?customer=1", NULL));
  g_assert_true (clt_validate_web_url (NULL, NULL));
  g_assert_false (clt_validate_web_url ("http://shop.example/", NULL));
}

/* One field at a time, as the editors check them while the user types. */
static void
test_shop_field (void)
{
  g_autoptr(CltSite) site = make_site ();
  g_autoptr(CltGroup) group = clt_group_new ();
  g_autoptr(CltCompany) company = clt_company_new ();
  g_autoptr(CltCustomField) field = clt_custom_field_new ();
  const char *units[] = { "Sales", "Sales", NULL };
  g_autofree char *message = NULL;

  clt_site_set_storefront_url (site, "http://shop.example/");
  g_assert_false (clt_validate_shop_field (site, "storefront-url", &message));
  g_assert_cmpstr (message, ==, "Enter an address that starts with https://");
  g_clear_pointer (&message, g_free);
  /* Other fields are not held up by it, and unknown names have no rules. */
  g_assert_true (clt_validate_shop_field (site, "name", NULL));
  g_assert_true (clt_validate_shop_field (site, "active", NULL));

  g_assert_false (clt_validate_shop_field (group, "name", &message));
  g_assert_cmpstr (message, ==, "This field is required");
  g_clear_pointer (&message, g_free);
  clt_group_set_name (group, "Gold");
  g_assert_true (clt_validate_shop_field (group, "name", NULL));

  clt_company_set_business_units (company, units);
  g_assert_false (clt_validate_shop_field (company, "business-units", &message));
  g_assert_cmpstr (message, ==, "“Sales” is listed twice");
  g_clear_pointer (&message, g_free);

  clt_custom_field_set_key (field, "Loyalty");
  g_assert_false (clt_validate_shop_field (field, "key", &message));
  g_assert_cmpstr (message, ==, "Use lower-case letters, digits and _, starting with a letter");
  clt_custom_field_set_key (field, "loyalty_tier");
  g_assert_true (clt_validate_shop_field (field, "key", NULL));

  /* The whole object, as clt_validate_site () and friends see it. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (clt_validate_shop (site, &error));
    assert_invalid (error, "storefront-url", "Enter an address that starts with https://");
    g_clear_error (&error);
    clt_site_set_storefront_url (site, "https://shop.example/");
    g_assert_true (clt_validate_shop (site, &error));
    g_assert_no_error (error);
    g_assert_false (clt_validate_shop (company, &error));
    assert_invalid (error, "id", NULL);
  }
}

static void
test_site_assisted_buying_url (void)
{
  const char *valid[] = {
    "",
    "https://shop.example/assisted-buying?token={token}&customer={customerNumber}",
    "https://shop.example/{site}/assist/{token}?id={customerId}",
    "http://localhost:8080/assist?t={token}",
    "http://[::1]/assist?t={token}",
  };
  const struct
  {
    const char *url;
    const char *message;
  } invalid[] = {
    { "https://shop.example/assisted-buying?customer={customerNumber}",
      "The address must hold {token}, where the one-time key goes" },
    { "ftp://shop.example/?t={token}", "Enter an address that starts with https://" },
    { "http://shop.example/?t={token}", "Enter an address that starts with https://" },
    { "javascript:alert({token})", "Enter an address that starts with https://" },
    { "https://shop.example/?t={token}&e={email}",
      "Use only the placeholders {token}, {customerNumber}, {customerId} and {site}" },
    { "https://shop.example/?t={Token}",
      "Use only the placeholders {token}, {customerNumber}, {customerId} and {site}" },
    { "https://shop.example/?t={token", "A “{” has no “}” after it" },
    { "https://shop.example/?t=token}", "A “}” has no “{” before it" },
    { "https://shop.example/?t={token} x", "Enter a web address like https://shop.example" },
    { "https://user:pw@shop.example/?t={token}",
      "Remove the user name and password from the address" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(CltSite) site = make_site ();
      g_autoptr(GError) error = NULL;

      clt_site_set_assisted_buying_url (site, valid[i]);
      if (!clt_validate_site (site, &error))
        g_error ("“%s” rejected: %s", valid[i], error->message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(CltSite) site = make_site ();
      g_autoptr(GError) error = NULL;

      clt_site_set_assisted_buying_url (site, invalid[i].url);
      if (clt_validate_site (site, &error))
        g_error ("“%s” accepted", invalid[i].url);
      assert_invalid (error, "assisted-buying-url", invalid[i].message);
    }
}

/* Every placeholder is filled in, escaped; the rest stays as written. */
static void
test_site_expand_assisted_buying_url (void)
{
  g_autoptr(CltSite) site = make_site ();
  g_autofree char *url = NULL;

  clt_site_set_assisted_buying_url (site, "https://shop.example/{site}/ab?token={token}"
                                          "&customer={customerNumber}&id={customerId}&x={other}");
  url = clt_site_expand_assisted_buying_url (site, "abc123", "CUST-1 2", "id&x=1");
  g_assert_cmpstr (url, ==, "https://shop.example/nl-shop/ab?token=abc123"
                            "&customer=CUST-1%202&id=id%26x%3D1&x={other}");

  g_assert_false (clt_site_offers_assisted_buying (site));
  clt_site_set_assisted_buying (site, TRUE);
  g_assert_false (clt_site_offers_assisted_buying (site));
  clt_site_set_storefront_url (site, "https://shop.example/");
  g_assert_true (clt_site_offers_assisted_buying (site));
  clt_site_set_assisted_buying_url (site, "");
  g_assert_false (clt_site_offers_assisted_buying (site));
}

static void
test_group (void)
{
  g_autoptr(CltGroup) group = clt_group_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *description = repeat ("d", CLT_VALIDATE_MAX_COMMENT);
  g_autofree char *over = repeat ("d", CLT_VALIDATE_MAX_COMMENT + 1);

  g_assert_false (clt_validate_group (group, &error));
  assert_invalid (error, "code", "Enter a code");
  g_clear_error (&error);

  clt_group_set_code (group, "vip");
  g_assert_false (clt_validate_group (group, &error));
  assert_invalid (error, "name", "This field is required");
  g_clear_error (&error);

  clt_group_set_name (group, "VIP");
  clt_group_set_description (group, "Our best customers.\nCall them first.");
  g_assert_true (clt_validate_group (group, &error));
  g_assert_no_error (error);
  clt_group_set_description (group, description);
  g_assert_true (clt_validate_group (group, &error));

  clt_group_set_description (group, over);
  g_assert_false (clt_validate_group (group, &error));
  assert_invalid (error, "description", NULL);
  g_clear_error (&error);
  clt_group_set_description (group, "bell\x07");
  g_assert_false (clt_validate_group (group, &error));
  assert_invalid (error, "description", NULL);
  g_clear_error (&error);
  clt_group_set_description (group, "");

  clt_group_set_code (group, "v.i.p");
  g_assert_false (clt_validate_group (group, &error));
  assert_invalid (error, "code", NULL);
  g_clear_error (&error);

  g_assert_true (clt_validate_code ("b2b_customers-2", NULL));
  g_assert_false (clt_validate_code ("", NULL));
  g_assert_false (clt_validate_code (NULL, NULL));
  g_assert_false (clt_validate_code ("grüne", NULL));
}

static void
test_company (void)
{
  g_autoptr(CltCompany) company = clt_company_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id_66 = repeat ("c", CLT_VALIDATE_MAX_ID);
  g_autofree char *id_67 = repeat ("c", CLT_VALIDATE_MAX_ID + 1);
  g_autofree char *name_201 = repeat ("n", CLT_VALIDATE_MAX_COMPANY + 1);
  g_autofree char *unit_65 = repeat ("u", CLT_VALIDATE_MAX_CODE + 1);
  const char *units[] = { "Research", "Sales", NULL };
  const char *roles[] = { "purchaser", "approver", NULL };
  const char *empty_entry[] = { "Sales", " ", NULL };
  const char *twice[] = { "Sales", "Research", "Sales", NULL };
  const char *too_long[] = { unit_65, NULL };

  g_assert_false (clt_validate_company (company, &error));
  assert_invalid (error, "id", "Enter a code");
  g_clear_error (&error);

  clt_company_set_id (company, id_66);
  g_assert_false (clt_validate_company (company, &error));
  assert_invalid (error, "name", "This field is required");
  g_clear_error (&error);

  clt_company_set_name (company, "Analytical Engines Ltd.");
  clt_company_set_business_units (company, units);
  clt_company_set_roles (company, roles);
  g_assert_true (clt_validate_company (company, &error));
  g_assert_no_error (error);

  clt_company_set_id (company, id_67);
  g_assert_false (clt_validate_company (company, &error));
  assert_invalid (error, "id", NULL);
  g_clear_error (&error);
  clt_company_set_id (company, "acme/1");
  g_assert_false (clt_validate_company (company, &error));
  assert_invalid (error, "id", NULL);
  g_clear_error (&error);
  clt_company_set_id (company, "acme-1");

  clt_company_set_name (company, name_201);
  g_assert_false (clt_validate_company (company, &error));
  assert_invalid (error, "name", NULL);
  g_clear_error (&error);
  clt_company_set_name (company, "Acme");

  clt_company_set_business_units (company, empty_entry);
  g_assert_false (clt_validate_company (company, &error));
  assert_invalid (error, "business-units", "Remove the empty entry");
  g_clear_error (&error);
  clt_company_set_business_units (company, twice);
  g_assert_false (clt_validate_company (company, &error));
  assert_invalid (error, "business-units", "“Sales” is listed twice");
  g_clear_error (&error);
  clt_company_set_business_units (company, too_long);
  g_assert_false (clt_validate_company (company, &error));
  assert_invalid (error, "business-units", NULL);
  g_clear_error (&error);
  clt_company_set_business_units (company, NULL);

  clt_company_set_roles (company, twice);
  g_assert_false (clt_validate_company (company, &error));
  assert_invalid (error, "roles", NULL);
  g_clear_error (&error);
  clt_company_set_roles (company, NULL);
  g_assert_true (clt_validate_company (company, &error));
}

static void
test_custom_field (void)
{
  const char *bad_keys[] = { "", "Tier", "1st", "loyalty-tier", "loyalty tier", "_x", "tür" };
  g_autofree char *key_64 = repeat ("k", CLT_VALIDATE_MAX_CODE);
  g_autofree char *key_65 = repeat ("k", CLT_VALIDATE_MAX_CODE + 1);
  g_autoptr(CltCustomField) field = clt_custom_field_new ();
  g_autoptr(GError) error = NULL;

  clt_custom_field_set_key (field, "loyalty_tier2");
  clt_custom_field_set_label (field, "Loyalty tier");
  g_assert_true (clt_validate_custom_field (field, &error));
  g_assert_no_error (error);
  clt_custom_field_set_key (field, key_64);
  g_assert_true (clt_validate_custom_field (field, &error));

  clt_custom_field_set_key (field, key_65);
  g_assert_false (clt_validate_custom_field (field, &error));
  assert_invalid (error, "key", NULL);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (bad_keys); i++)
    {
      clt_custom_field_set_key (field, bad_keys[i]);
      g_assert_false (clt_validate_custom_field (field, &error));
      assert_invalid (error, "key", "Use lower-case letters, digits and _, starting with a letter");
      g_clear_error (&error);
    }
  clt_custom_field_set_key (field, "tier");

  clt_custom_field_set_label (field, "");
  g_assert_false (clt_validate_custom_field (field, &error));
  assert_invalid (error, "label", "This field is required");
  g_clear_error (&error);
  clt_custom_field_set_label (field, "Tier\u2066");
  g_assert_false (clt_validate_custom_field (field, &error));
  assert_invalid (error, "label", NULL);
  g_clear_error (&error);
  clt_custom_field_set_label (field, "Tier");

  clt_custom_field_set_field_type (field, (CltCustomFieldType) 9);
  g_assert_false (clt_validate_custom_field (field, &error));
  assert_invalid (error, "type", "Unknown field type.");
}

/* Security review §6: values were only checked when they were strings. */
static void
test_custom_field_value (void)
{
  g_autofree char *text_max = repeat ("t", CLT_VALIDATE_MAX_COMMENT);
  g_autofree char *text_over = repeat ("t", CLT_VALIDATE_MAX_COMMENT + 1);
  const struct
  {
    CltCustomFieldType type;
    GVariant *value;
    gboolean valid;
  } cases[] = {
    { CLT_CUSTOM_FIELD_STRING, g_variant_new_string ("Gold"), TRUE },
    { CLT_CUSTOM_FIELD_STRING, g_variant_new_string (""), TRUE },
    { CLT_CUSTOM_FIELD_STRING, g_variant_new_string (text_max), TRUE },
    { CLT_CUSTOM_FIELD_STRING, g_variant_new_string (text_over), FALSE },
    { CLT_CUSTOM_FIELD_STRING, g_variant_new_string ("Go\nld"), FALSE },
    { CLT_CUSTOM_FIELD_STRING, g_variant_new_string ("Gold\u202e"), FALSE },
    { CLT_CUSTOM_FIELD_STRING, g_variant_new_double (1.5), FALSE },
    { CLT_CUSTOM_FIELD_STRING, g_variant_new_strv (NULL, 0), FALSE },
    { CLT_CUSTOM_FIELD_NUMBER, g_variant_new_double (1200.5), TRUE },
    { CLT_CUSTOM_FIELD_NUMBER, g_variant_new_double (-0.0), TRUE },
    { CLT_CUSTOM_FIELD_NUMBER, g_variant_new_int32 (G_MININT32), TRUE },
    { CLT_CUSTOM_FIELD_NUMBER, g_variant_new_uint32 (G_MAXUINT32), TRUE },
    { CLT_CUSTOM_FIELD_NUMBER, g_variant_new_int64 (G_GINT64_CONSTANT (9007199254740992)), TRUE },
    { CLT_CUSTOM_FIELD_NUMBER, g_variant_new_int64 (G_GINT64_CONSTANT (-9007199254740992)), TRUE },
    { CLT_CUSTOM_FIELD_NUMBER, g_variant_new_int64 (G_GINT64_CONSTANT (9007199254740993)), FALSE },
    { CLT_CUSTOM_FIELD_NUMBER, g_variant_new_int64 (G_MININT64), FALSE },
    { CLT_CUSTOM_FIELD_NUMBER, g_variant_new_uint64 (G_MAXUINT64), FALSE },
    { CLT_CUSTOM_FIELD_NUMBER, g_variant_new_double (NAN), FALSE },
    { CLT_CUSTOM_FIELD_NUMBER, g_variant_new_double (INFINITY), FALSE },
    { CLT_CUSTOM_FIELD_NUMBER, g_variant_new_string ("12"), FALSE },
    { CLT_CUSTOM_FIELD_NUMBER, g_variant_new_boolean (TRUE), FALSE },
    { CLT_CUSTOM_FIELD_BOOLEAN, g_variant_new_boolean (FALSE), TRUE },
    { CLT_CUSTOM_FIELD_BOOLEAN, g_variant_new_string ("true"), FALSE },
    { CLT_CUSTOM_FIELD_BOOLEAN, g_variant_new_int32 (1), FALSE },
    { CLT_CUSTOM_FIELD_DATE, g_variant_new_string ("2024-02-29"), TRUE },
    { CLT_CUSTOM_FIELD_DATE, g_variant_new_string ("1815-12-10"), TRUE },
    { CLT_CUSTOM_FIELD_DATE, g_variant_new_string ("2023-02-29"), FALSE },
    { CLT_CUSTOM_FIELD_DATE, g_variant_new_string ("10.12.1815"), FALSE },
    { CLT_CUSTOM_FIELD_DATE, g_variant_new_string (""), FALSE },
    { CLT_CUSTOM_FIELD_DATE, g_variant_new_int64 (20240229), FALSE },
    { (CltCustomFieldType) 9, g_variant_new_string ("x"), FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CltCustomField) field = clt_custom_field_new ();
      g_autoptr(GVariant) value = g_variant_ref_sink (cases[i].value);
      g_autofree char *message = NULL;
      g_autofree char *printed = g_variant_print (value, TRUE);
      gboolean valid;

      clt_custom_field_set_key (field, "tier");
      clt_custom_field_set_label (field, "Tier");
      clt_custom_field_set_field_type (field, cases[i].type);
      valid = clt_validate_custom_field_value (field, value, &message);
      if (valid != cases[i].valid)
        g_error ("%s for type %d: expected %s", printed, cases[i].type,
                 cases[i].valid ? "valid" : "invalid");
      g_assert_true (valid == (message == NULL));
    }

  {
    g_autoptr(CltCustomField) field = clt_custom_field_new ();
    g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_string ("7"));
    g_autofree char *message = NULL;

    clt_custom_field_set_field_type (field, CLT_CUSTOM_FIELD_NUMBER);
    g_assert_false (clt_validate_custom_field_value (field, value, &message));
    g_assert_cmpstr (message, ==, "Enter a number");
  }
}

/* A number as a user types it into a custom field or a filter. */
static void
test_custom_field_number (void)
{
  static const struct {
    const char *text;
    gboolean    valid;
    double      number;
  } cases[] = {
    { "12.5", TRUE, 12.5 },
    { " -3 ", TRUE, -3 },
    { "12,5", TRUE, 12.5 },     /* a decimal comma, as in German */
    { "1e3", TRUE, 1000 },
    { "0", TRUE, 0 },
    { "1,000.5", FALSE, 0 },    /* a point is the decimal one: the comma is no separator */
    { "", FALSE, 0 },
    { "  ", FALSE, 0 },
    { "lots", FALSE, 0 },
    { "12abc", FALSE, 0 },
    { "inf", FALSE, 0 },
    { "nan", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double number = -1;
      gboolean valid = clt_custom_field_parse_number (cases[i].text, &number);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (valid)
        g_assert_cmpfloat (number, ==, cases[i].number);
    }
}

/* Queries and limits ---------------------------------------------------- */

static void
test_query (void)
{
  g_autofree char *search_max = repeat ("ä", CLT_VALIDATE_MAX_SEARCH);
  g_autofree char *search_over = repeat ("ä", CLT_VALIDATE_MAX_SEARCH + 1);
  g_autoptr(GDateTime) from = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
  const struct
  {
    const char *field;
    void (*set) (CltQuery *, const char *);
    const char *value;
  } invalid[] = {
    { "search-text", clt_query_set_search_text, search_over },
    { "search-text", clt_query_set_search_text, "m\xfcller" },
    { "search-text", clt_query_set_search_text, "Ada\x01" },
    { "search-text", clt_query_set_search_text, "Ada\u202e" },
    { "group", clt_query_set_group, "vip\n" },
    { "site", clt_query_set_site, "\xff" },
    { "country", clt_query_set_country, "XX" },
    { "country", clt_query_set_country, "de" },
  };

  {
    g_autoptr(CltQuery) query = clt_query_new ();
    g_autoptr(GError) error = NULL;

    g_assert_true (clt_validate_query (query, &error));
    g_assert_no_error (error);

    clt_query_set_search_text (query, search_max);
    clt_query_set_status (query, CLT_STATUS_FILTER_UNVERIFIED);
    clt_query_set_group (query, "vip");
    clt_query_set_site (query, "nl-shop");
    clt_query_set_country (query, "NL");
    clt_query_set_registered_from (query, from);
    clt_query_set_sort_key (query, CLT_SORT_KEY_SITE);
    clt_query_set_sort_direction (query, CLT_SORT_DESCENDING);
    g_assert_true (clt_validate_query (query, &error));
    g_assert_no_error (error);

    /* Pasted line breaks are white space to a search. */
    clt_query_set_search_text (query, "Ada\nLovelace\t");
    g_assert_true (clt_validate_query (query, &error));
  }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(CltQuery) query = clt_query_new ();
      g_autoptr(GError) error = NULL;

      invalid[i].set (query, invalid[i].value);
      g_assert_false (clt_validate_query (query, &error));
      assert_invalid (error, invalid[i].field, NULL);
    }

  {
    g_autoptr(CltQuery) query = clt_query_new ();
    g_autoptr(GError) error = NULL;

    clt_query_set_search_text (query, search_over);
    g_assert_false (clt_validate_query (query, &error));
    assert_invalid (error, "search-text", "Use at most 200 characters");
    g_clear_error (&error);
    clt_query_set_search_text (query, "");

    clt_query_set_status (query, (CltStatusFilter) 5);
    g_assert_false (clt_validate_query (query, &error));
    assert_invalid (error, "status", NULL);
    g_clear_error (&error);
    clt_query_set_status (query, CLT_STATUS_FILTER_ANY);

    clt_query_set_sort_key (query, (CltSortKey) CLT_N_SORT_KEYS);
    g_assert_false (clt_validate_query (query, &error));
    assert_invalid (error, "sort-key", NULL);
    g_clear_error (&error);
    clt_query_set_sort_key (query, CLT_SORT_KEY_NUMBER);

    clt_query_set_sort_direction (query, (CltSortDirection) 2);
    g_assert_false (clt_validate_query (query, &error));
    assert_invalid (error, "sort-direction", NULL);
    g_clear_error (&error);
  }
}

static void
test_page (void)
{
  const struct
  {
    guint index;
    guint size;
    const char *field;
  } cases[] = {
    { 0, 1, NULL },
    { 0, 100, NULL },
    { 3, CLT_VALIDATE_MAX_PAGE_SIZE, NULL },
    { 0, 0, "page-size" },
    { 0, CLT_VALIDATE_MAX_PAGE_SIZE + 1, "page-size" },
    { 0, G_MAXUINT, "page-size" },
    /* The last page whose end still fits a guint, and the next. */
    { G_MAXUINT / 500 - 1, 500, NULL },
    { G_MAXUINT / 500, 500, "page-index" },
    { G_MAXUINT / 100 - 1, 100, NULL },
    { G_MAXUINT / 100, 100, "page-index" },
    { G_MAXUINT - 1, 1, NULL },
    { G_MAXUINT, 1, "page-index" },
    { G_MAXUINT, 500, "page-index" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = clt_validate_page (cases[i].index, cases[i].size, &error);

      if (cases[i].field == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (valid);
          /* The page's end, where the store's offset + limit points. */
          g_assert_cmpuint (((guint64) cases[i].index + 1) * cases[i].size, <=, G_MAXUINT);
        }
      else
        {
          g_assert_false (valid);
          assert_invalid (error, cases[i].field, NULL);
        }
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (clt_validate_page (0, 1000, &error));
    g_assert_cmpstr (error->message, ==, "Ask for 1 to 500 items per page");
  }

  /* A store's list_customers (): too large above the largest page, else
   * as clt_validate_page () and clt_validate_query () say. */
  {
    g_autoptr(CltQuery) query = clt_query_new ();
    g_autoptr(GError) error = NULL;

    g_assert_true (clt_validate_list_request (2, 100, NULL, &error));
    g_assert_true (clt_validate_list_request (2, 100, query, &error));
    g_assert_no_error (error);
    g_assert_false (clt_validate_list_request (0, CLT_VALIDATE_MAX_PAGE_SIZE + 1, query, &error));
    g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_LARGE);
    g_assert_cmpstr (error->message, ==, "A page holds at most 500 customers.");
    g_clear_error (&error);
    g_assert_false (clt_validate_list_request (0, 0, query, &error));
    assert_invalid (error, "page-size", NULL);
    g_clear_error (&error);
    clt_query_set_search_text (query, "\xff");
    g_assert_false (clt_validate_list_request (0, 50, query, &error));
    g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/validate/site", test_site);
  g_test_add_func ("/clt/validate/site/storefront-url", test_site_storefront_url);
  g_test_add_func ("/clt/validate/site/assisted-buying-url", test_site_assisted_buying_url);
  g_test_add_func ("/clt/site/expand-assisted-buying-url", test_site_expand_assisted_buying_url);
  g_test_add_func ("/clt/validate/shop-field", test_shop_field);
  g_test_add_func ("/clt/validate/group", test_group);
  g_test_add_func ("/clt/validate/company", test_company);
  g_test_add_func ("/clt/validate/custom-field", test_custom_field);
  g_test_add_func ("/clt/validate/custom-field/value", test_custom_field_value);
  g_test_add_func ("/clt/validate/custom-field/number", test_custom_field_number);
  g_test_add_func ("/clt/validate/query", test_query);
  g_test_add_func ("/clt/validate/page", test_page);

  return g_test_run ();
}
