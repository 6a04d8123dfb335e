/* test-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Values as the UI shows them. The expectations are those of the C.UTF-8
 * locale in UTC (the test environment's LC_ALL and TZ): "%x" is
 * "MM/DD/YY", the decimal point is "." and numbers are not grouped.
 */

#include "config.h"

#include <locale.h>

#include "clt-customer.h"
#include "clt-format.h"

static void
test_date_time (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 11, 24, 14, 5, 59);
  g_autoptr(GTimeZone) plus_two = g_time_zone_new_offset (2 * 60 * 60);
  g_autoptr(GDateTime) elsewhere = g_date_time_new (plus_two, 2026, 11, 24, 16, 5, 0);
  g_autofree char *text = NULL;
  g_autofree char *converted = NULL;

  g_assert_null (clt_format_date_time (NULL));

  /* Minutes, no seconds, and not rounded up. */
  text = clt_format_date_time (utc);
  g_assert_cmpstr (text, ==, "11/24/26 14:05");

  /* Shown in local time, whatever zone the value comes in. */
  converted = clt_format_date_time (elsewhere);
  g_assert_cmpstr (converted, ==, "11/24/26 14:05");
}

static void
test_date (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 1, 2, 23, 59, 0);
  g_autoptr(GTimeZone) plus_two = g_time_zone_new_offset (2 * 60 * 60);
  g_autoptr(GDateTime) after_midnight = g_date_time_new (plus_two, 2026, 1, 3, 1, 0, 0);
  g_autofree char *text = NULL;
  g_autofree char *converted = NULL;

  g_assert_null (clt_format_date (NULL));

  text = clt_format_date (utc);
  g_assert_cmpstr (text, ==, "01/02/26");

  /* The 3rd at 01:00 in +02:00 is still the 2nd here. */
  converted = clt_format_date (after_midnight);
  g_assert_cmpstr (converted, ==, "01/02/26");
}

static void
test_birth_date (void)
{
  static const struct { const char *stored; const char *shown; } cases[] = {
    { "1990-05-17", "05/17/90" },
    { "2000-02-29", "02/29/00" },
    /* Not a day, or not ISO: as stored, so that nothing is hidden. */
    { "1990-02-30", "1990-02-30" },
    { "1990-13-01", "1990-13-01" },
    { "17.05.1990", "17.05.1990" },
    { "yesterday",  "yesterday" },
  };

  g_assert_null (clt_format_birth_date (NULL));
  g_assert_null (clt_format_birth_date (""));
  g_assert_null (clt_format_birth_date (" \t\u00a0"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = clt_format_birth_date (cases[i].stored);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

static void
test_money (void)
{
  static const struct { gint64 minor; const char *currency; const char *shown; } cases[] = {
    { 123450,  "EUR", "€1234.50" },
    { 5,       "EUR", "€0.05" },
    { 0,       "GBP", "£0.00" },
    { -1999,   "USD", "−$19.99" },
    { 150,     "CHF", "CHF\u00a01.50" },
    /* The currency's own minor units: none for the yen, three for the dinar. */
    { 1234,    "JPY", "JPY\u00a01234" },
    { 1234567, "KWD", "KWD\u00a01234.567" },
    /* Unknown codes get two decimals and their code. */
    { 1234,    "XXX", "XXX\u00a012.34" },
  };
  g_autofree char *lowest = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = clt_format_money (cases[i].minor, cases[i].currency);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }

  /* Its magnitude does not fit a gint64. */
  lowest = clt_format_money (G_MININT64, "EUR");
  g_assert_cmpstr (lowest, ==, "−€92233720368547758.08");
}

static void
test_gender (void)
{
  g_assert_null (clt_format_gender (CLT_GENDER_UNSPECIFIED));
  g_assert_cmpstr (clt_format_gender (CLT_GENDER_MALE), ==, "Male");
  g_assert_cmpstr (clt_format_gender (CLT_GENDER_FEMALE), ==, "Female");
  g_assert_cmpstr (clt_format_gender (CLT_GENDER_DIVERSE), ==, "Diverse");
}

static void
test_order_status (void)
{
  g_assert_cmpstr (clt_format_order_status ("new"), ==, "New");
  g_assert_cmpstr (clt_format_order_status ("confirmed"), ==, "Confirmed");
  g_assert_cmpstr (clt_format_order_status ("shipped"), ==, "Shipped");
  g_assert_cmpstr (clt_format_order_status ("completed"), ==, "Completed");
  g_assert_cmpstr (clt_format_order_status ("cancelled"), ==, "Cancelled");
  g_assert_cmpstr (clt_format_order_status ("returned"), ==, "Returned");

  /* A status this version does not know is shown as the shop sent it. */
  g_assert_cmpstr (clt_format_order_status ("lost"), ==, "lost");
  g_assert_cmpstr (clt_format_order_status ("Shipped"), ==, "Shipped");
  g_assert_null (clt_format_order_status (NULL));
}

static void
test_email_state (void)
{
  g_assert_cmpstr (clt_format_email_state (CLT_EMAIL_STATE_QUEUED), ==, "Queued");
  g_assert_cmpstr (clt_format_email_state (CLT_EMAIL_STATE_HANDED_OFF), ==, "Handed to mail app");
  g_assert_cmpstr (clt_format_email_state (CLT_EMAIL_STATE_SENT), ==, "Sent");
  g_assert_cmpstr (clt_format_email_state (CLT_EMAIL_STATE_FAILED), ==, "Failed");
  g_assert_cmpstr (clt_format_email_state ((CltEmailState) 99), ==, "");
}

static void
test_customer_name (void)
{
  g_autoptr(CltCustomer) customer = clt_customer_new ();
  g_autofree char *nothing = NULL;
  g_autofree char *blank_email = NULL;
  g_autofree char *email = NULL;
  g_autofree char *blank_names = NULL;
  g_autofree char *two = NULL;
  g_autofree char *three = NULL;

  nothing = clt_format_customer_name (customer);
  g_assert_cmpstr (nothing, ==, "The customer");

  clt_customer_set_email (customer, " ");
  blank_email = clt_format_customer_name (customer);
  g_assert_cmpstr (blank_email, ==, "The customer");

  clt_customer_set_email (customer, "ada@example.com");
  email = clt_format_customer_name (customer);
  g_assert_cmpstr (email, ==, "ada@example.com");

  /* Names of white space alone are no names. */
  clt_customer_set_first_name (customer, "  ");
  clt_customer_set_last_name (customer, "\u00a0");
  blank_names = clt_format_customer_name (customer);
  g_assert_cmpstr (blank_names, ==, "ada@example.com");

  clt_customer_set_first_name (customer, "Ada ");
  clt_customer_set_last_name (customer, "Lovelace");
  two = clt_format_customer_name (customer);
  g_assert_cmpstr (two, ==, "Ada Lovelace");

  clt_customer_set_middle_name (customer, "King");
  three = clt_format_customer_name (customer);
  g_assert_cmpstr (three, ==, "Ada King Lovelace");
}

static void
test_customer_count (void)
{
  static const struct
  {
    guint       n_listed;
    guint       total;
    gboolean    filtered;
    const char *text;
  } cases[] = {
    { 0,       0,       FALSE, "0 customers" },
    { 1,       0,       FALSE, "1 customer" },
    { 2,       0,       FALSE, "2 customers" },
    { 1000000, 0,       FALSE, "1000000 customers" },
    /* Filtered, the total decides the plural. */
    { 0,       1,       TRUE,  "0 of 1 customer" },
    { 1,       1,       TRUE,  "1 of 1 customer" },
    { 1,       1000000, TRUE,  "1 of 1000000 customers" },
    { 0,       0,       TRUE,  "0 of 0 customers" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = clt_format_customer_count (cases[i].n_listed, cases[i].total,
                                                         cases[i].filtered);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/format/date-time", test_date_time);
  g_test_add_func ("/clt/format/date", test_date);
  g_test_add_func ("/clt/format/birth-date", test_birth_date);
  g_test_add_func ("/clt/format/money", test_money);
  g_test_add_func ("/clt/format/gender", test_gender);
  g_test_add_func ("/clt/format/order-status", test_order_status);
  g_test_add_func ("/clt/format/email-state", test_email_state);
  g_test_add_func ("/clt/format/customer-name", test_customer_name);
  g_test_add_func ("/clt/format/customer-count", test_customer_count);

  return g_test_run ();
}
