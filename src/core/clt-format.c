/* clt-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-format"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "clt-customer.h"
#include "clt-format.h"
#include "clt-iso-codes.h"

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

char *
clt_format_date_time (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = NULL;

  if (date_time == NULL)
    return NULL;

  local = g_date_time_to_local (date_time);
  /* Translators: a date and time in the locale's format, see g_date_time_format() */
  return g_date_time_format (local, _("%x %H:%M"));
}

char *
clt_format_date (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = NULL;

  if (date_time == NULL)
    return NULL;

  local = g_date_time_to_local (date_time);
  return g_date_time_format (local, "%x");
}

char *
clt_format_birth_date (const char *iso_date)
{
  int year, month, day;
  g_autoptr(GDate) date = NULL;
  char buffer[128];

  if (is_blank (iso_date))
    return NULL;

  if (sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) != 3
      || !g_date_valid_dmy (day, month, year))
    return g_strdup (iso_date);

  date = g_date_new_dmy (day, month, year);
  if (g_date_strftime (buffer, sizeof buffer, "%x", date) == 0)
    return g_strdup (iso_date);

  return g_strdup (buffer);
}

char *
clt_format_money (gint64      minor,
                  const char *currency)
{
  guint digits = clt_iso_codes_get_currency_minor_units (currency);
  const struct lconv *conv = localeconv ();
  const char *point = conv->decimal_point != NULL && *conv->decimal_point != '\0'
                      ? conv->decimal_point : ".";
  guint64 magnitude = minor < 0 ? (guint64) 0 - (guint64) minor : (guint64) minor;
  guint64 scale = 1;
  g_autofree char *units = NULL;
  g_autofree char *number = NULL;
  g_autofree char *code_prefix = NULL;
  const char *symbol;

  for (guint i = 0; i < digits; i++)
    scale *= 10;

  units = g_strdup_printf ("%'" G_GUINT64_FORMAT, magnitude / scale);
  if (digits > 0)
    number = g_strdup_printf ("%s%s%0*" G_GUINT64_FORMAT,
                              units, point, (int) digits, magnitude % scale);
  else
    number = g_steal_pointer (&units);

  if (g_strcmp0 (currency, "EUR") == 0)
    symbol = "€";
  else if (g_strcmp0 (currency, "USD") == 0)
    symbol = "$";
  else if (g_strcmp0 (currency, "GBP") == 0)
    symbol = "£";
  else if (g_strcmp0 (currency, "CHF") == 0)
    symbol = "CHF\u00a0";
  else
    symbol = code_prefix = g_strdup_printf ("%s\u00a0", currency != NULL ? currency : "");

  return g_strdup_printf ("%s%s%s", minor < 0 ? "−" : "", symbol, number);
}

const char *
clt_format_gender (CltGender gender)
{
  switch (gender)
    {
    case CLT_GENDER_MALE:
      return _("Male");
    case CLT_GENDER_FEMALE:
      return _("Female");
    case CLT_GENDER_DIVERSE:
      return _("Diverse");
    case CLT_GENDER_UNSPECIFIED:
    default:
      return NULL;
    }
}

const char *
clt_format_order_status (const char *status)
{
  static const struct { const char *status; const char *name; } names[] = {
    { "new",       N_("New") },
    { "confirmed", N_("Confirmed") },
    { "shipped",   N_("Shipped") },
    { "completed", N_("Completed") },
    { "cancelled", N_("Cancelled") },
    { "returned",  N_("Returned") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (status, names[i].status) == 0)
      return _(names[i].name);

  return status;
}

const char *
clt_format_email_state (CltEmailState state)
{
  switch (state)
    {
    case CLT_EMAIL_STATE_QUEUED:
      return _("Queued");
    case CLT_EMAIL_STATE_HANDED_OFF:
      return _("Handed to mail app");
    case CLT_EMAIL_STATE_SENT:
      return _("Sent");
    case CLT_EMAIL_STATE_FAILED:
      return _("Failed");
    default:
      return "";
    }
}

char *
clt_format_customer_name (CltCustomer *customer)
{
  g_autofree char *name = NULL;
  const char *email;

  g_return_val_if_fail (CLT_IS_CUSTOMER (customer), NULL);

  name = clt_customer_dup_full_name (customer);
  if (!is_blank (name))
    return g_steal_pointer (&name);

  email = clt_customer_get_email (customer);
  if (!is_blank (email))
    return g_strdup (email);

  /* Translators: stands for the name of a customer who has neither a name
   * nor an email address, also at the start of a sentence */
  return g_strdup (_("The customer"));
}

char *
clt_format_customer_count (guint    n_listed,
                           guint    total,
                           gboolean filtered)
{
  if (filtered)
    /* Translators: "12 of 1,000,000 customers" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%'u of %'u customer",
                                         "%'u of %'u customers",
                                         total),
                            n_listed, total);

  /* Translators: "1,000,000 customers" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%'u customer",
                                       "%'u customers",
                                       n_listed),
                          n_listed);
}
