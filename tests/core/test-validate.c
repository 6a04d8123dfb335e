/* test-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "clt-address.h"
#include "clt-company.h"
#include "clt-customer.h"
#include "clt-error.h"
#include "clt-iso-codes.h"
#include "clt-note.h"
#include "clt-random.h"
#include "clt-validate.h"
#include "validate-test-util.h"

/* Helpers --------------------------------------------------------------- */

static CltCustomer *
make_customer (void)
{
  CltCustomer *customer = clt_customer_new ();

  clt_customer_set_email (customer, "ada@example.com");
  clt_customer_set_first_name (customer, "Ada");
  clt_customer_set_last_name (customer, "Lovelace");
  clt_customer_set_currency (customer, "EUR");
  return customer;
}

static char *
date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* Asserts that @customer fails in @mode on @field, both as a whole and for
 * that field alone, with the same message. */
static void
assert_customer_invalid (CltCustomer     *customer,
                         CltValidateMode  mode,
                         const char      *field)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_assert_false (clt_validate_customer (customer, mode, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
  g_assert_cmpstr (clt_store_error_get_field (error), ==, field);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpstr (error->message, !=, "");

  g_assert_false (clt_validate_customer_field (customer, field, mode, &message));
  g_assert_cmpstr (message, ==, error->message);
}

static void
assert_customer_valid (CltCustomer     *customer,
                       CltValidateMode  mode)
{
  g_autoptr(GError) error = NULL;

  if (!clt_validate_customer (customer, mode, &error))
    g_error ("unexpectedly invalid: %s: %s", clt_store_error_get_field (error), error->message);
}

/* Customers ------------------------------------------------------------- */

static void
test_customer_minimal (void)
{
  g_autoptr(CltCustomer) customer = make_customer ();

  assert_customer_valid (customer, CLT_VALIDATE_CREATE);

  /* An update needs the ID. */
  assert_customer_invalid (customer, CLT_VALIDATE_UPDATE, "id");
  clt_customer_set_id (customer, "cust-1");
  assert_customer_valid (customer, CLT_VALIDATE_UPDATE);
}

static void
test_customer_full (void)
{
  g_autoptr(CltCustomer) customer = make_customer ();
  const char *groups[] = { "vip", "b2b-customers", NULL };
  const char *roles[] = { "purchaser", NULL };
  g_autoptr(GVariantBuilder) fields = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);

  g_variant_builder_add (fields, "{sv}", "loyalty_tier", g_variant_new_string ("Gold"));
  g_variant_builder_add (fields, "{sv}", "newsletter", g_variant_new_boolean (TRUE));
  g_variant_builder_add (fields, "{sv}", "points2", g_variant_new_int64 (1200));

  clt_customer_set_id (customer, "Ada_1815-12");
  clt_customer_set_number (customer, "CUST-BNERHFB73");
  clt_customer_set_salutation (customer, "Mrs");
  clt_customer_set_title (customer, "Countess");
  clt_customer_set_middle_name (customer, "Augusta");
  clt_customer_set_gender (customer, CLT_GENDER_FEMALE);
  clt_customer_set_date_of_birth (customer, "1915-12-10");
  clt_customer_set_phone (customer, "+44 (20) 7946-0018");
  clt_customer_set_company (customer, "Analytical Engines Ltd.");
  clt_customer_set_locale (customer, "en_GB");
  clt_customer_set_currency (customer, "GBP");
  clt_customer_set_preferred_site (customer, "uk");
  clt_customer_set_restriction (customer, "uk");
  clt_customer_set_company_id (customer, "company-7");
  clt_customer_set_business_unit (customer, "Research");
  clt_customer_set_groups (customer, groups);
  clt_customer_set_roles (customer, roles);
  clt_customer_set_custom_fields (customer, g_variant_builder_end (fields));

  assert_customer_valid (customer, CLT_VALIDATE_CREATE);
  assert_customer_valid (customer, CLT_VALIDATE_UPDATE);
}

static void
test_customer_required (void)
{
  g_autoptr(CltCustomer) customer = make_customer ();
  g_autofree char *message = NULL;

  clt_customer_set_email (customer, "");
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "email");
  /* The email cannot change on update: an empty one is not checked. */
  clt_customer_set_id (customer, "cust-1");
  assert_customer_valid (customer, CLT_VALIDATE_UPDATE);
  clt_customer_set_email (customer, "ada@example.com");

  clt_customer_set_first_name (customer, "");
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "first-name");
  assert_customer_invalid (customer, CLT_VALIDATE_UPDATE, "first-name");
  g_assert_false (clt_validate_customer_field (customer, "first-name", CLT_VALIDATE_CREATE, &message));
  g_assert_cmpstr (message, ==, "Enter a first name");
  g_clear_pointer (&message, g_free);

  /* Only white space counts as empty. */
  clt_customer_set_first_name (customer, " \t ");
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "first-name");
  clt_customer_set_first_name (customer, "\u00a0");
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "first-name");
  clt_customer_set_first_name (customer, "Ada");

  clt_customer_set_last_name (customer, "");
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "last-name");
  g_assert_false (clt_validate_customer_field (customer, "last-name", CLT_VALIDATE_CREATE, &message));
  g_assert_cmpstr (message, ==, "Enter a last name");
  g_clear_pointer (&message, g_free);
  clt_customer_set_last_name (customer, "Lovelace");

  clt_customer_set_currency (customer, "");
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "currency");
  assert_customer_invalid (customer, CLT_VALIDATE_UPDATE, "currency");
  clt_customer_set_currency (customer, "EUR");

  assert_customer_valid (customer, CLT_VALIDATE_CREATE);
}

/* The first failing field in dialog order is the one reported. */
static void
test_customer_first_failing (void)
{
  g_autoptr(CltCustomer) customer = make_customer ();

  clt_customer_set_email (customer, "not an email");
  clt_customer_set_last_name (customer, "");
  clt_customer_set_currency (customer, "XYZ");

  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "email");
  clt_customer_set_email (customer, "ada@example.com");
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "last-name");
  clt_customer_set_last_name (customer, "Lovelace");
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "currency");
  clt_customer_set_currency (customer, "CHF");
  assert_customer_valid (customer, CLT_VALIDATE_CREATE);
}

static void
test_customer_field (void)
{
  g_autoptr(CltCustomer) customer = make_customer ();
  g_autofree char *message = NULL;

  g_assert_true (clt_validate_customer_field (customer, "email", CLT_VALIDATE_CREATE, &message));
  g_assert_null (message);

  clt_customer_set_email (customer, "ada@");
  g_assert_false (clt_validate_customer_field (customer, "email", CLT_VALIDATE_CREATE, &message));
  g_assert_cmpstr (message, ==, "Enter an email address like name@example.com");
  g_clear_pointer (&message, g_free);
  /* NULL message is allowed. */
  g_assert_false (clt_validate_customer_field (customer, "email", CLT_VALIDATE_CREATE, NULL));

  /* Other fields are unaffected by a bad email. */
  g_assert_true (clt_validate_customer_field (customer, "first-name", CLT_VALIDATE_CREATE, &message));
  g_assert_null (message);

  /* Properties without rules are valid. */
  g_assert_true (clt_validate_customer_field (customer, "active", CLT_VALIDATE_CREATE, &message));
  g_assert_true (clt_validate_customer_field (customer, "registered", CLT_VALIDATE_CREATE, &message));
  g_assert_null (message);

  /* A name that is not a property is a programming error. */
  g_test_expect_message ("clt-validate", G_LOG_LEVEL_CRITICAL, "*no property*frist-name*");
  g_assert_true (clt_validate_customer_field (customer, "frist-name", CLT_VALIDATE_CREATE, &message));
  g_test_assert_expected_messages ();
}

static void
test_email (void)
{
  g_autofree char *local_64 = repeat ("a", 64);
  g_autofree char *local_65 = repeat ("a", 65);
  g_autofree char *label_63 = repeat ("b", 63);
  g_autofree char *label_64 = repeat ("b", 64);
  g_autofree char *max_local = g_strconcat (local_64, "@example.com", NULL);
  g_autofree char *over_local = g_strconcat (local_65, "@example.com", NULL);
  g_autofree char *long_label = g_strconcat ("a@", label_63, ".com", NULL);
  g_autofree char *over_label = g_strconcat ("a@", label_64, ".com", NULL);
  /* 64 + 1 + 63 + 1 + 63 + 1 + 57 + 1 + 3 = 254 */
  g_autofree char *label_57 = repeat ("c", 57);
  g_autofree char *max_email = g_strconcat (local_64, "@", label_63, ".", label_63, ".", label_57, ".com", NULL);
  g_autofree char *over_email = g_strconcat (local_64, "@", label_63, ".", label_63, ".", label_57, "c.com", NULL);
  const char *valid[] = {
    "name@example.com",
    "first.last+tag@sub.example.co.uk",
    "o'brien@example.ie",
    "UPPER@EXAMPLE.COM",
    "a@b.cd",
    "x_y-z=1{2}~@example.org",
    "user@xn--bcher-kva.example",
    "jörg@bücher.de",
    "user@123.example.com",
    max_local,
    long_label,
    max_email,
  };
  const char *invalid[] = {
    "plain",
    "@example.com",
    "name@",
    "name@example",
    "name@@example.com",
    "a@b@example.com",
    "name @example.com",
    " name@example.com",
    "name@example.com ",
    "name\u00a0@example.com",
    "name@example..com",
    "name@.example.com",
    "name@example.com.",
    ".name@example.com",
    "name.@example.com",
    "na..me@example.com",
    "name@-example.com",
    "name@example-.com",
    "name@example.c",
    "name@example.123",
    "name@exa_mple.com",
    "na\"me@example.com",
    "na(me)@example.com",
    "name@exa mple.com",
    "name\t@example.com",
    "name@example.com\n",
    "name@[127.0.0.1]",
    over_local,
    over_label,
    over_email,
    "\xff\xfe@example.com",
  };

  g_assert_cmpuint (strlen (max_email), ==, 254);
  g_assert_cmpuint (strlen (over_email), ==, 255);

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *message = NULL;

      if (!clt_validate_email (valid[i], &message))
        g_error ("“%s” rejected: %s", valid[i], message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *message = NULL;

      if (clt_validate_email (invalid[i], &message))
        g_error ("“%s” accepted", invalid[i]);
      g_assert_nonnull (message);
    }

  {
    g_autofree char *message = NULL;

    g_assert_false (clt_validate_email ("", &message));
    g_assert_cmpstr (message, ==, "Enter an email address");
    g_clear_pointer (&message, g_free);
    g_assert_false (clt_validate_email (NULL, NULL));
    g_assert_false (clt_validate_email ("a b@example.com", &message));
    g_assert_cmpstr (message, ==, "Remove the spaces from the email address");
  }

  /* Through the customer too. */
  {
    g_autoptr(CltCustomer) customer = make_customer ();

    clt_customer_set_email (customer, "name@example");
    assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "email");
    clt_customer_set_id (customer, "c1");
    assert_customer_invalid (customer, CLT_VALIDATE_UPDATE, "email");
  }
}

static void
test_normalize_email (void)
{
  const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "  Name@Example.COM \n", "name@example.com" },
    { "name@example.com", "name@example.com" },
    { "JÖRG@Bücher.DE", "jörg@xn--bcher-kva.de" },
    /* NFD and NFC spellings are one address. */
    { "jose\u0301@example.com", "jos\u00e9@example.com" },
    { "jos\u00e9@example.com", "jos\u00e9@example.com" },
    { "JOSE\u0301@EXAMPLE.COM", "jos\u00e9@example.com" },
    /* The domain in its IDNA ASCII form, however it was typed. */
    { "user@bücher.example", "user@xn--bcher-kva.example" },
    { "user@BU\u0308CHER.example", "user@xn--bcher-kva.example" },
    { "User@XN--BCHER-KVA.Example", "user@xn--bcher-kva.example" },
    { "user@\uff25xample.COM", "user@example.com" },
    /* Lower case by Unicode, not by locale. */
    { "\u00c9MILE@example.com", "\u00e9mile@example.com" },
    { "", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = clt_validate_normalize_email (cases[i].in);

      g_assert_cmpstr (normalized, ==, cases[i].out);
    }
}

/* Characters that look like nothing, or like something else, would let one
 * mailbox open many accounts. */
static void
test_email_invisible (void)
{
  const struct
  {
    const char *email;
    const char *message;
  } invalid[] = {
    { "alice\u200b@example.com", "Remove the invisible characters from the email address" },
    { "alice\u200c@example.com", "Remove the invisible characters from the email address" },
    { "alice\u200d@example.com", "Remove the invisible characters from the email address" },
    { "ali\u200ece@example.com", "Remove the invisible characters from the email address" },
    { "alice\u200f@example.com", "Remove the invisible characters from the email address" },
    { "\u202ealice@example.com", "Remove the invisible characters from the email address" },
    { "alice\u202a@example.com", "Remove the invisible characters from the email address" },
    { "alice\u2066x\u2069@example.com", "Remove the invisible characters from the email address" },
    { "alice\u2060@example.com", "Remove the invisible characters from the email address" },
    { "\ufeffalice@example.com", "Remove the invisible characters from the email address" },
    { "ali\u00adce@example.com", "Remove the invisible characters from the email address" },
    { "alice@exam\u200bple.com", "Remove the invisible characters from the email address" },
    { "alice@example.com\u200b", "Remove the invisible characters from the email address" },
    { "alice\ufdd0@example.com", "The email address contains characters that are not allowed" },
    { "alice\ufdef@example.com", "The email address contains characters that are not allowed" },
    { "alice\ufffe@example.com", "The email address contains characters that are not allowed" },
    { "alice\uffff@example.com", "The email address contains characters that are not allowed" },
    { "alice\U0001ffff@example.com", "The email address contains characters that are not allowed" },
    { "alice\U0010fffe@example.com", "The email address contains characters that are not allowed" },
    { "alice\u0378@example.com", "The email address contains characters that are not allowed" },
    { "alice\ue000@example.com", "The email address contains characters that are not allowed" },
    { "alice\x01@example.com", "The email address contains characters that are not allowed" },
    { "alice\u2028@example.com", "Remove the spaces from the email address" },
    { "alice\u3000@example.com", "Remove the spaces from the email address" },
    /* Full-width and decorated letters: another address that looks the
     * same. In the domain IDNA maps them (see normalize-email). */
    { "\uff21lice@Example.COM", "Type the part before the @ without full-width or decorated letters" },
    { "\ufb01le@example.com", "Type the part before the @ without full-width or decorated letters" },
    { "alice\u00b2@example.com", "Type the part before the @ without full-width or decorated letters" },
    /* A combining mark needs a letter to sit on. */
    { "\u0301alice@example.com", "Enter an email address like name@example.com" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *message = NULL;
      g_autoptr(CltCustomer) customer = make_customer ();

      if (clt_validate_email (invalid[i].email, &message))
        g_error ("“%s” accepted", invalid[i].email);
      g_assert_cmpstr (message, ==, invalid[i].message);

      clt_customer_set_email (customer, invalid[i].email);
      assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "email");
    }
}

static void
test_email_idna (void)
{
  g_autofree char *long_u_label = repeat ("ü", 60);
  g_autofree char *over_u_label = g_strconcat ("user@", long_u_label, ".example", NULL);
  const char *valid[] = {
    "user@bücher.example",
    "user@BÜCHER.example",
    "user@bu\u0308cher.example",
    "user@xn--bcher-kva.example",
    "user@XN--BCHER-KVA.EXAMPLE",
    "user@उदाहरण.भारत",
    "user@xn--p1b6ci4b4b3a.xn--h2brj9c",
    "jos\u00e9@ex\u00e1mple.com",
  };
  const char *invalid[] = {
    "user@xn--bü.example",         /* IDNA refuses an ACE prefix on Unicode */
    over_u_label,                   /* fine in Unicode, over 63 once encoded */
    "user@xn--a.com",               /* decodes to a control character */
    "user@xn--ls8h.la",             /* decodes to an emoji */
    "user@xn--.com",
    "user@☃.com",
    "user@💩.la",
    "user@\u0301abc.com",
    "user@bücher\u3002example",     /* ideographic full stop */
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *message = NULL;
      g_autofree char *normalized = clt_validate_normalize_email (valid[i]);

      if (!clt_validate_email (valid[i], &message))
        g_error ("“%s” rejected: %s", valid[i], message);
      /* What is stored is valid too, and stays as it is. */
      g_assert_true (clt_validate_email (normalized, NULL));
      {
        g_autofree char *again = clt_validate_normalize_email (normalized);

        g_assert_cmpstr (again, ==, normalized);
      }
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *message = NULL;

      if (clt_validate_email (invalid[i], &message))
        g_error ("“%s” accepted", invalid[i]);
      g_assert_cmpstr (message, ==, "Enter an email address like name@example.com");
    }
}

static void
test_date_of_birth (void)
{
  g_autofree char *yesterday = date_from_today (-1);
  g_autofree char *today = date_from_today (0);
  g_autofree char *tomorrow = date_from_today (1);
  g_autofree char *next_year = date_from_today (366);
  const char *valid[] = { "", "1980-04-23", "1900-01-01", "2000-02-29", "1996-12-31", yesterday };
  const struct
  {
    const char *date;
    const char *message;
  } invalid[] = {
    { "1980-4-23", "Enter the date as YYYY-MM-DD, like 1980-04-23" },
    { "23.04.1980", "Enter the date as YYYY-MM-DD, like 1980-04-23" },
    { "1980/04/23", "Enter the date as YYYY-MM-DD, like 1980-04-23" },
    { "1980-04-23 ", "Enter the date as YYYY-MM-DD, like 1980-04-23" },
    { "abcd-ef-gh", "Enter the date as YYYY-MM-DD, like 1980-04-23" },
    { "１９８０-04-23", "Enter the date as YYYY-MM-DD, like 1980-04-23" },
    { "1980-02-30", "This date does not exist" },
    { "2001-02-29", "This date does not exist" },
    { "1900-02-29", "This date does not exist" },
    { "1980-13-01", "This date does not exist" },
    { "1980-00-10", "This date does not exist" },
    { "1980-04-31", "This date does not exist" },
    { "0000-01-01", "This date does not exist" },
    { "1899-12-31", "Enter a date from 1900 on" },
    { "1066-10-14", "Enter a date from 1900 on" },
    { tomorrow, "This date is in the future" },
    { next_year, "This date is in the future" },
    { "9999-12-31", "This date is in the future" },
    { today, "Enter a date before today" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *message = NULL;

      if (!clt_validate_date_of_birth (valid[i], &message))
        g_error ("“%s” rejected: %s", valid[i], message);
    }
  g_assert_true (clt_validate_date_of_birth (NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *message = NULL;
      g_autoptr(CltCustomer) customer = make_customer ();

      g_assert_false (clt_validate_date_of_birth (invalid[i].date, &message));
      g_assert_cmpstr (message, ==, invalid[i].message);

      clt_customer_set_date_of_birth (customer, invalid[i].date);
      assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "date-of-birth");
    }
}

static void
test_gender (void)
{
  g_autoptr(CltCustomer) customer = make_customer ();
  const CltGender genders[] = {
    CLT_GENDER_UNSPECIFIED, CLT_GENDER_MALE, CLT_GENDER_FEMALE, CLT_GENDER_DIVERSE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (genders); i++)
    {
      clt_customer_set_gender (customer, genders[i]);
      assert_customer_valid (customer, CLT_VALIDATE_CREATE);
    }

  clt_customer_set_gender (customer, (CltGender) 42);
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "gender");
}

static void
test_phone (void)
{
  g_autofree char *max = repeat ("1", 32);
  g_autofree char *over = repeat ("1", 33);
  const char *valid[] = { "", "112", "+49 30 1234567", "+44 (20) 7946-0018", "030/123.456", max };
  const char *invalid[] = {
    "12", "+++", "(0) -", "abc123", "+49 30 12345 ext 5", "0049-30-1234567#", "１２３",
    "+49\n30 123", over,
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *message = NULL;

      if (!clt_validate_phone (valid[i], &message))
        g_error ("“%s” rejected: %s", valid[i], message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(CltCustomer) customer = make_customer ();
      g_autoptr(CltAddress) address = make_address ();

      g_assert_false (clt_validate_phone (invalid[i], NULL));
      clt_customer_set_phone (customer, invalid[i]);
      assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "phone");
      clt_address_set_phone (address, invalid[i]);
      assert_address_invalid (address, CLT_VALIDATE_CREATE, "phone");
    }
}

static void
test_custom_id (void)
{
  g_autofree char *max = repeat ("a", 66);
  g_autofree char *over = repeat ("a", 67);
  const char *valid[] = { "", "abc", "abc-DEF_123", "0", max };
  const char *invalid[] = { over, "a b", "äbc", "a/b", "a.b", "a@b", " abc", "abc\n" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (clt_validate_custom_id (valid[i], NULL));

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(CltCustomer) customer = make_customer ();

      g_assert_false (clt_validate_custom_id (invalid[i], NULL));
      clt_customer_set_id (customer, invalid[i]);
      assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "id");
      assert_customer_invalid (customer, CLT_VALIDATE_UPDATE, "id");
    }
}

static void
test_locale (void)
{
  const char *valid[] = { "", "en_US", "de_DE", "de", "pt_BR", "nb_NO" };
  const char *invalid[] = { "xx_YY", "de-DE", "de_de", "DE", "en_US.UTF-8", "english", "de_DE " };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(CltCustomer) customer = make_customer ();

      g_assert_true (clt_validate_locale (valid[i], NULL));
      clt_customer_set_locale (customer, valid[i]);
      assert_customer_valid (customer, CLT_VALIDATE_CREATE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(CltCustomer) customer = make_customer ();

      g_assert_false (clt_validate_locale (invalid[i], NULL));
      clt_customer_set_locale (customer, invalid[i]);
      assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "locale");
    }
}

static void
test_currency (void)
{
  const char *valid[] = { "EUR", "USD", "GBP", "CHF", "JPY", "PLN", "SEK" };
  const char *invalid[] = { "", "eur", "Eur", "EURO", "EU", "ABC", "XXX", "XAU", "XTS", " EUR" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (clt_validate_currency (valid[i], NULL));

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(CltCustomer) customer = make_customer ();

      g_assert_false (clt_validate_currency (invalid[i], NULL));
      clt_customer_set_currency (customer, invalid[i]);
      assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "currency");
    }

  {
    g_autofree char *message = NULL;

    g_assert_false (clt_validate_currency ("ABC", &message));
    g_assert_cmpstr (message, ==, "Choose a currency from the list, such as EUR");
  }
}

static void
test_text_rules (void)
{
  g_autofree char *name_100 = repeat ("é", 100);
  g_autofree char *name_101 = repeat ("é", 101);
  const char *bad_names[] = {
    "\xff\xfe",              /* invalid UTF-8 */
    "Ad\xc3",                /* truncated sequence */
    "Ada\x01",               /* control character */
    "Ada\nLovelace",         /* line break in a one-line field */
    "Ada\tLovelace",
    "Ada\x7f",               /* DEL */
    "Ada\xc2\x85",           /* U+0085 NEXT LINE */
    "Ada\xe2\x80\xa8",       /* U+2028 LINE SEPARATOR */
    "Ada\xe2\x80\xa9",       /* U+2029 PARAGRAPH SEPARATOR */
    name_101,
  };
  g_autoptr(CltCustomer) customer = make_customer ();
  g_autofree char *message = NULL;

  /* Lengths count characters, not bytes. */
  clt_customer_set_first_name (customer, name_100);
  assert_customer_valid (customer, CLT_VALIDATE_CREATE);
  clt_customer_set_first_name (customer, "Zoë-Łucja 李");
  assert_customer_valid (customer, CLT_VALIDATE_CREATE);

  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_autoptr(CltCustomer) c = make_customer ();
      g_autoptr(CltAddress) a = make_address ();

      clt_customer_set_first_name (c, bad_names[i]);
      assert_customer_invalid (c, CLT_VALIDATE_CREATE, "first-name");
      clt_customer_set_first_name (c, "Ada");
      clt_customer_set_middle_name (c, bad_names[i]);
      assert_customer_invalid (c, CLT_VALIDATE_CREATE, "middle-name");
      clt_customer_set_middle_name (c, "");
      clt_customer_set_company (c, bad_names[i]);
      if (strlen (bad_names[i]) <= CLT_VALIDATE_MAX_COMPANY)
        assert_customer_invalid (c, CLT_VALIDATE_CREATE, "company");

      clt_address_set_city (a, bad_names[i]);
      assert_address_invalid (a, CLT_VALIDATE_CREATE, "city");
    }

  clt_customer_set_first_name (customer, name_101);
  g_assert_false (clt_validate_customer_field (customer, "first-name", CLT_VALIDATE_CREATE, &message));
  g_assert_cmpstr (message, ==, "Use at most 100 characters");
  g_clear_pointer (&message, g_free);

  clt_customer_set_first_name (customer, "Ada\x01");
  g_assert_false (clt_validate_customer_field (customer, "first-name", CLT_VALIDATE_CREATE, &message));
  g_assert_cmpstr (message, ==, "Remove the line breaks, tabs and control characters");
  g_clear_pointer (&message, g_free);

  clt_customer_set_first_name (customer, "\xff");
  g_assert_false (clt_validate_customer_field (customer, "first-name", CLT_VALIDATE_CREATE, &message));
  g_assert_cmpstr (message, ==, "This text contains invalid characters");
  g_clear_pointer (&message, g_free);

  /* The generic check. */
  g_assert_true (clt_validate_text (NULL, 1, FALSE, NULL));
  g_assert_true (clt_validate_text ("", 0, FALSE, NULL));
  g_assert_true (clt_validate_text ("ab", 2, FALSE, NULL));
  g_assert_false (clt_validate_text ("abc", 2, FALSE, NULL));
  g_assert_true (clt_validate_text ("a\nb\r\n\tc", 10, TRUE, NULL));
  g_assert_false (clt_validate_text ("a\nb", 10, FALSE, NULL));
  g_assert_false (clt_validate_text ("a\x1b[31mb", 10, TRUE, NULL));
}

/* Every text field refuses what is invisible or reorders the text around
 * it, but keeps the joiners that Persian, Indic scripts and emoji need. */
static void
test_text_invisible (void)
{
  const char *invisible[] = {
    "Ada\u200b",           /* zero-width space */
    "Ada\u2060",           /* word joiner */
    "\ufeffAda",           /* byte order mark */
    "Ada\u00ad",           /* soft hyphen */
    "Ada\u200e",           /* left-to-right mark */
    "Ada\u200f",           /* right-to-left mark */
    "\u202eadA",           /* right-to-left override */
    "Ada\u202a",           /* left-to-right embedding */
    "\u2066Ada\u2069",     /* isolate */
    "Ada\U000e0041",       /* tag */
  };
  const char *noncharacters[] = { "Ada\ufdd0", "Ada\ufdef", "Ada\ufffe", "Ada\uffff", "Ada\U0010ffff" };
  const char *fine[] = {
    "علی\u200cپور",        /* Alipour: the non-joiner belongs to the spelling */
    "Ada \U0001f469\u200d\U0001f4bb",
    "Zoë-Łucja 李",
  };
  const char *message_invisible = "Remove the invisible characters, such as zero-width spaces "
                                  "or text direction marks";

  for (guint i = 0; i < G_N_ELEMENTS (invisible) + G_N_ELEMENTS (noncharacters); i++)
    {
      gboolean is_invisible = i < G_N_ELEMENTS (invisible);
      const char *text = is_invisible ? invisible[i] : noncharacters[i - G_N_ELEMENTS (invisible)];
      const char *expected = is_invisible ? message_invisible : "This text contains invalid characters";
      g_autoptr(CltCustomer) customer = make_customer ();
      g_autoptr(CltAddress) address = make_address ();
      g_autoptr(GVariantBuilder) fields = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      g_autofree char *password = g_strconcat ("password", text, NULL);
      const char *groups[] = { text, NULL };

      g_assert_false (clt_validate_text (text, 100, FALSE, &message));
      g_assert_cmpstr (message, ==, expected);
      g_clear_pointer (&message, g_free);
      g_assert_false (clt_validate_text (text, 100, TRUE, &message));
      g_assert_cmpstr (message, ==, expected);

      clt_customer_set_first_name (customer, text);
      assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "first-name");
      clt_customer_set_first_name (customer, "Ada");
      clt_customer_set_company (customer, text);
      assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "company");
      clt_customer_set_company (customer, "");
      clt_customer_set_groups (customer, groups);
      assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "groups");
      clt_customer_set_groups (customer, NULL);
      g_variant_builder_add (fields, "{sv}", "notes", g_variant_new_string (text));
      clt_customer_set_custom_fields (customer, g_variant_builder_end (fields));
      assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "custom-fields");

      clt_address_set_address1 (address, text);
      assert_address_invalid (address, CLT_VALIDATE_CREATE, "address1");
      clt_address_set_address1 (address, "Unter den Linden 1");
      clt_address_set_comment (address, text);
      assert_address_invalid (address, CLT_VALIDATE_CREATE, "comment");

      g_assert_false (clt_validate_note_message (text, &error));
      g_assert_cmpstr (error->message, ==, expected);
      g_assert_false (clt_validate_password (password, NULL));
    }

  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    {
      g_autoptr(CltCustomer) customer = make_customer ();

      g_assert_true (clt_validate_text (fine[i], 100, FALSE, NULL));
      g_assert_true (clt_validate_note_message (fine[i], NULL));
      clt_customer_set_last_name (customer, fine[i]);
      assert_customer_valid (customer, CLT_VALIDATE_CREATE);
    }

  /* Invisible characters alone are an empty name. */
  {
    g_autoptr(CltCustomer) customer = make_customer ();
    g_autofree char *message = NULL;

    clt_customer_set_first_name (customer, "\u200b");
    g_assert_false (clt_validate_customer_field (customer, "first-name", CLT_VALIDATE_CREATE, &message));
    g_assert_cmpstr (message, ==, "Enter a first name");
    g_clear_pointer (&message, g_free);
    clt_customer_set_first_name (customer, " \u200d ");
    g_assert_false (clt_validate_customer_field (customer, "first-name", CLT_VALIDATE_CREATE, &message));
    g_assert_cmpstr (message, ==, "Enter a first name");
  }
}

static void
test_customer_lengths (void)
{
  const struct
  {
    const char *field;
    guint max;
    void (*set) (CltCustomer *, const char *);
  } fields[] = {
    { "salutation", CLT_VALIDATE_MAX_SALUTATION, clt_customer_set_salutation },
    { "title", CLT_VALIDATE_MAX_TITLE, clt_customer_set_title },
    { "first-name", CLT_VALIDATE_MAX_NAME, clt_customer_set_first_name },
    { "middle-name", CLT_VALIDATE_MAX_NAME, clt_customer_set_middle_name },
    { "last-name", CLT_VALIDATE_MAX_NAME, clt_customer_set_last_name },
    { "company", CLT_VALIDATE_MAX_COMPANY, clt_customer_set_company },
    { "preferred-site", CLT_VALIDATE_MAX_CODE, clt_customer_set_preferred_site },
    { "restriction", CLT_VALIDATE_MAX_TEXT, clt_customer_set_restriction },
    { "number", CLT_VALIDATE_MAX_CODE, clt_customer_set_number },
    { "company-id", CLT_VALIDATE_MAX_ID, clt_customer_set_company_id },
    { "business-unit", CLT_VALIDATE_MAX_NAME, clt_customer_set_business_unit },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(CltCustomer) customer = make_customer ();
      g_autofree char *max = repeat ("x", fields[i].max);
      g_autofree char *over = repeat ("x", fields[i].max + 1);

      fields[i].set (customer, max);
      assert_customer_valid (customer, CLT_VALIDATE_CREATE);
      fields[i].set (customer, over);
      assert_customer_invalid (customer, CLT_VALIDATE_CREATE, fields[i].field);
    }
}

static void
test_customer_lists (void)
{
  g_autoptr(CltCustomer) customer = make_customer ();
  g_autofree char *long_code = repeat ("g", CLT_VALIDATE_MAX_CODE + 1);
  const char *empty_entry[] = { "vip", "", NULL };
  const char *control[] = { "vip\x01", NULL };
  const char *too_long[] = { long_code, NULL };
  const char *fine[] = { "vip", "wholesale", NULL };

  clt_customer_set_groups (customer, empty_entry);
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "groups");
  clt_customer_set_groups (customer, control);
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "groups");
  clt_customer_set_groups (customer, too_long);
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "groups");
  clt_customer_set_groups (customer, fine);
  assert_customer_valid (customer, CLT_VALIDATE_CREATE);

  clt_customer_set_roles (customer, empty_entry);
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "roles");
  clt_customer_set_roles (customer, fine);
  assert_customer_valid (customer, CLT_VALIDATE_CREATE);

  /* Listed twice is a mistake, as the store's group and role calls say. */
  {
    const char *twice[] = { "vip", "wholesale", "vip", NULL };
    g_autofree char *message = NULL;

    clt_customer_set_groups (customer, twice);
    assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "groups");
    g_assert_false (clt_validate_customer_field (customer, "groups", CLT_VALIDATE_CREATE, &message));
    g_assert_cmpstr (message, ==, "“vip” is listed twice");
    clt_customer_set_groups (customer, fine);
    clt_customer_set_roles (customer, twice);
    assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "roles");
  }
}

static void
test_custom_fields (void)
{
  const char *bad_keys[] = { "Tier", "1st", "loyalty-tier", "loyalty tier", "_x", "" };
  g_autofree char *long_text = repeat ("t", CLT_VALIDATE_MAX_COMMENT + 1);

  for (guint i = 0; i < G_N_ELEMENTS (bad_keys); i++)
    {
      g_autoptr(CltCustomer) customer = make_customer ();
      g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);

      g_variant_builder_add (builder, "{sv}", "good_key", g_variant_new_string ("x"));
      g_variant_builder_add (builder, "{sv}", bad_keys[i], g_variant_new_string ("x"));
      clt_customer_set_custom_fields (customer, g_variant_builder_end (builder));
      assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "custom-fields");
    }

  {
    g_autoptr(CltCustomer) customer = make_customer ();
    g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);

    g_variant_builder_add (builder, "{sv}", "notes", g_variant_new_string (long_text));
    clt_customer_set_custom_fields (customer, g_variant_builder_end (builder));
    assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "custom-fields");
  }

  {
    g_autoptr(CltCustomer) customer = make_customer ();
    g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);

    g_variant_builder_add (builder, "{sv}", "notes", g_variant_new_string ("bad\x01"));
    clt_customer_set_custom_fields (customer, g_variant_builder_end (builder));
    assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "custom-fields");
  }

  /* Values no field type holds were stored printed as GVariant text. */
  {
    GVariant *odd[] = {
      g_variant_new_strv (NULL, 0),
      g_variant_new_variant (g_variant_new_string ("x")),
      g_variant_new ("(ii)", 1, 2),
      g_variant_new_double (NAN),
      g_variant_new_byte (7),
    };

    for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
      {
        g_autoptr(CltCustomer) customer = make_customer ();
        g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);

        g_variant_builder_add (builder, "{sv}", "extra", odd[i]);
        clt_customer_set_custom_fields (customer, g_variant_builder_end (builder));
        assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "custom-fields");
      }
  }
}

/* Notes and passwords --------------------------------------------------- */

static void
test_note (void)
{
  g_autofree char *max = repeat ("n", CLT_VALIDATE_MAX_NOTE);
  g_autofree char *over = repeat ("n", CLT_VALIDATE_MAX_NOTE + 1);
  const char *invalid[] = { NULL, "", "   ", " \n\t\n ", "\xff", "beep\x07", over };
  const char *valid[] = { "Called about order 1234.", "Line one\nline two\n\tindented", max };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (clt_validate_note_message (invalid[i], &error));
      g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
      g_assert_cmpstr (clt_store_error_get_field (error), ==, "message");
    }

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (clt_validate_note_message (valid[i], &error));
      g_assert_no_error (error);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (clt_validate_note_message ("  ", &error));
    g_assert_cmpstr (error->message, ==, "Write a message");
  }

  {
    g_autoptr(CltNote) note = clt_note_new ();
    g_autoptr(GError) error = NULL;

    g_assert_false (clt_validate_note (note, &error));
    g_assert_cmpstr (clt_store_error_get_field (error), ==, "message");
    g_clear_error (&error);

    clt_note_set_message (note, "Prefers phone calls.");
    clt_note_set_author (note, "Grace Hopper");
    g_assert_true (clt_validate_note (note, &error));
    g_assert_no_error (error);

    clt_note_set_author (note, "Grace\nHopper");
    g_assert_false (clt_validate_note (note, &error));
    g_assert_cmpstr (clt_store_error_get_field (error), ==, "author");
  }
}

static void
test_password (void)
{
  g_autofree char *max = repeat ("p", CLT_VALIDATE_MAX_PASSWORD);
  g_autofree char *over = repeat ("p", CLT_VALIDATE_MAX_PASSWORD + 1);
  const char *valid[] = { "12345678", "correct horse", "Pässwört", max };
  const char *invalid[] = { NULL, "", "1234567", "äöüäöüä", "pass\nword", "pass\x01word", "\xff\xff\xff\xff\xff\xff\xff\xff", over };
  g_autofree char *message = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (clt_validate_password (valid[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (clt_validate_password (invalid[i], NULL));

  g_assert_false (clt_validate_password ("short", &message));
  g_assert_cmpstr (message, ==, "Use at least 8 characters");
}

/* Limits ---------------------------------------------------------------- */

static void
test_list_limit (void)
{
  g_auto(GStrv) max = make_ids (CLT_VALIDATE_MAX_LIST_ITEMS);
  g_auto(GStrv) over = make_ids (CLT_VALIDATE_MAX_LIST_ITEMS + 1);
  g_autoptr(CltCustomer) customer = make_customer ();
  g_autoptr(CltCompany) company = clt_company_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_assert_true (clt_validate_list ((const char * const *) max, CLT_VALIDATE_MAX_CODE, NULL));
  g_assert_false (clt_validate_list ((const char * const *) over, CLT_VALIDATE_MAX_CODE, &message));
  g_assert_cmpstr (message, ==, "Use at most 1000 entries");

  clt_customer_set_groups (customer, (const char * const *) over);
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "groups");
  clt_customer_set_groups (customer, NULL);
  clt_customer_set_roles (customer, (const char * const *) over);
  assert_customer_invalid (customer, CLT_VALIDATE_CREATE, "roles");

  clt_company_set_id (company, "acme");
  clt_company_set_name (company, "Acme");
  clt_company_set_roles (company, (const char * const *) over);
  g_assert_false (clt_validate_company (company, &error));
  assert_invalid (error, "roles", NULL);
}

/* Code lists ------------------------------------------------------------ */

static void
test_iso_codes (void)
{
  gsize n_countries, n_currencies, n_locales;
  const CltIsoCountry *countries = clt_iso_codes_get_countries (&n_countries);
  const CltIsoCurrency *currencies = clt_iso_codes_get_currencies (&n_currencies);
  const CltIsoLocale *locales = clt_iso_codes_get_locales (&n_locales);
  g_autoptr(GHashTable) locale_codes = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (n_countries, ==, 249);
  for (gsize i = 0; i < n_countries; i++)
    {
      g_assert_cmpuint (strlen (countries[i].code), ==, 2);
      g_assert_true (g_ascii_isupper (countries[i].code[0]) && g_ascii_isupper (countries[i].code[1]));
      if (i > 0)
        g_assert_cmpint (strcmp (countries[i - 1].code, countries[i].code), <, 0);
      g_assert_true (clt_iso_codes_lookup_country (countries[i].code) == &countries[i]);
    }

  g_assert_cmpuint (n_currencies, >, 150);
  for (gsize i = 0; i < n_currencies; i++)
    {
      g_assert_cmpuint (strlen (currencies[i].code), ==, 3);
      if (i > 0)
        g_assert_cmpint (strcmp (currencies[i - 1].code, currencies[i].code), <, 0);
      g_assert_true (clt_iso_codes_lookup_currency (currencies[i].code) == &currencies[i]);
      g_assert_cmpuint (currencies[i].minor_units, <=, 3);
    }

  for (gsize i = 0; i < n_locales; i++)
    {
      g_assert_true (g_hash_table_add (locale_codes, (gpointer) locales[i].code));
      if (i > 0)
        g_assert_cmpint (g_utf8_collate (locales[i - 1].name, locales[i].name), <, 0);
      g_assert_true (clt_iso_codes_lookup_locale (locales[i].code) == &locales[i]);
    }

  g_assert_cmpstr (clt_iso_codes_get_country_name ("DE"), ==, "Germany");
  g_assert_cmpstr (clt_iso_codes_get_country_name ("KR"), ==, "South Korea");
  g_assert_cmpstr (clt_iso_codes_get_country_name ("CI"), ==, "Côte d'Ivoire");
  g_assert_null (clt_iso_codes_get_country_name ("XX"));
  g_assert_null (clt_iso_codes_get_country_name (NULL));
  g_assert_null (clt_iso_codes_get_country_name (""));
  g_assert_cmpstr (clt_iso_codes_get_currency_name ("EUR"), ==, "Euro");
  g_assert_cmpstr (clt_iso_codes_get_currency_name ("USD"), ==, "US Dollar");
  g_assert_null (clt_iso_codes_get_currency_name ("XAU"));
  g_assert_cmpuint (clt_iso_codes_get_currency_minor_units ("EUR"), ==, 2);
  g_assert_cmpuint (clt_iso_codes_get_currency_minor_units ("JPY"), ==, 0);
  g_assert_cmpuint (clt_iso_codes_get_currency_minor_units ("KWD"), ==, 3);
  g_assert_cmpuint (clt_iso_codes_get_currency_minor_units ("???"), ==, 2);
  g_assert_cmpstr (clt_iso_codes_get_locale_name ("de_DE"), ==, "German (Germany)");
  g_assert_null (clt_iso_codes_get_locale_name ("de_XX"));

  /* The shop's defaults must be in the lists. */
  g_assert_true (clt_iso_codes_is_locale ("en_US"));
  g_assert_true (clt_iso_codes_is_currency ("EUR"));
}

/* Randomness ------------------------------------------------------------ */

static void
test_random_fill (void)
{
  guint8 a[32] = { 0 };
  guint8 b[32] = { 0 };
  const guint8 zero[32] = { 0 };

  clt_random_fill (a, sizeof a);
  clt_random_fill (b, sizeof b);
  /* Each fails by chance once in 2^256 runs. */
  g_assert_true (memcmp (a, zero, sizeof a) != 0);
  g_assert_true (memcmp (a, b, sizeof a) != 0);

  clt_random_fill (NULL, 0);
}

static void
test_random_token_hex (void)
{
  g_autofree char *token = clt_random_token_hex (32);
  g_autofree char *other = clt_random_token_hex (32);
  g_autofree char *empty = clt_random_token_hex (0);
  g_autofree char *odd = clt_random_token_hex (3);

  g_assert_cmpuint (strlen (token), ==, 64);
  for (const char *p = token; *p != '\0'; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
  g_assert_cmpstr (token, !=, other);
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpuint (strlen (odd), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/validate/customer/minimal", test_customer_minimal);
  g_test_add_func ("/clt/validate/customer/full", test_customer_full);
  g_test_add_func ("/clt/validate/customer/required", test_customer_required);
  g_test_add_func ("/clt/validate/customer/first-failing", test_customer_first_failing);
  g_test_add_func ("/clt/validate/customer/field", test_customer_field);
  g_test_add_func ("/clt/validate/customer/lengths", test_customer_lengths);
  g_test_add_func ("/clt/validate/customer/lists", test_customer_lists);
  g_test_add_func ("/clt/validate/customer/custom-fields", test_custom_fields);
  g_test_add_func ("/clt/validate/email", test_email);
  g_test_add_func ("/clt/validate/normalize-email", test_normalize_email);
  g_test_add_func ("/clt/validate/email-invisible", test_email_invisible);
  g_test_add_func ("/clt/validate/email-idna", test_email_idna);
  g_test_add_func ("/clt/validate/date-of-birth", test_date_of_birth);
  g_test_add_func ("/clt/validate/gender", test_gender);
  g_test_add_func ("/clt/validate/phone", test_phone);
  g_test_add_func ("/clt/validate/custom-id", test_custom_id);
  g_test_add_func ("/clt/validate/locale", test_locale);
  g_test_add_func ("/clt/validate/currency", test_currency);
  g_test_add_func ("/clt/validate/text", test_text_rules);
  g_test_add_func ("/clt/validate/text-invisible", test_text_invisible);
  g_test_add_func ("/clt/validate/note", test_note);
  g_test_add_func ("/clt/validate/password", test_password);
  g_test_add_func ("/clt/validate/list-limit", test_list_limit);
  g_test_add_func ("/clt/iso-codes/tables", test_iso_codes);
  g_test_add_func ("/clt/random/fill", test_random_fill);
  g_test_add_func ("/clt/random/token-hex", test_random_token_hex);

  return g_test_run ();
}
