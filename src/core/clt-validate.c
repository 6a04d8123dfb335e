/* clt-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-validate"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "clt-customer.h"
#include "clt-error.h"
#include "clt-iso-codes.h"
#include "clt-note.h"
#include "clt-validate.h"
#include "clt-validate-private.h"

#define EARLIEST_BIRTH_YEAR 1900
#define MIN_PHONE_LENGTH    3
#define MAX_PHONE_LENGTH    32
#define MIN_PHONE_DIGITS    3
#define MAX_DOMAIN_LABEL    63

/* Custom field numbers are stored as doubles, which hold integers exactly
 * up to 2^53. */
#define MAX_EXACT_INTEGER (G_GINT64_CONSTANT (1) << 53)

/* Persian, Kurdish and the Indic scripts need these in ordinary words,
 * and emoji sequences use the joiner: text may hold them, emails not. */
#define ZERO_WIDTH_NON_JOINER 0x200C
#define ZERO_WIDTH_JOINER     0x200D

typedef gboolean (*CustomerCheck) (CltCustomer      *customer,
                                   CltValidateMode   mode,
                                   char            **message);

gboolean
fail (char       **message,
      const char  *text)
{
  if (message != NULL)
    *message = g_strdup (text);
  return FALSE;
}

gboolean
fail_printf (char       **message,
             const char  *format,
             ...)
{
  va_list args;

  if (message != NULL)
    {
      va_start (args, format);
      *message = g_strdup_vprintf (format, args);
      va_end (args);
    }
  return FALSE;
}

/* U+FDD0..U+FDEF and the last two code points of every plane: never
 * characters, only internal markers. GLib types them as unassigned. */
static gboolean
is_noncharacter (gunichar c)
{
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

/* Format characters (Cf): zero-width spaces and joiners, the word joiner,
 * the byte order mark, soft hyphens, bidirectional marks, embeddings,
 * overrides and isolates (U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069), tags. They are invisible or reorder what is shown, so
 * two strings that look the same compare different, and a name can show
 * text in another order than it was typed. */
static gboolean
is_format (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_FORMAT;
}

gboolean
fail_too_many (char **message)
{
  return fail_printf (message,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "Use at most %u entry",
                                   "Use at most %u entries",
                                   CLT_VALIDATE_MAX_LIST_ITEMS),
                      (guint) CLT_VALIDATE_MAX_LIST_ITEMS);
}

gboolean
is_blank (const char *value)
{
  if (value == NULL)
    return TRUE;

  if (!g_utf8_validate (value, -1, NULL))
    return FALSE;

  /* Invisible characters alone are no name either. */
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && !is_format (c))
        return FALSE;
    }

  return TRUE;
}

gboolean
check_text (const char  *value,
            guint        max_chars,
            gboolean     multi_line,
            char       **message)
{
  glong n_chars;

  if (value == NULL)
    return TRUE;

  if (!g_utf8_validate (value, -1, NULL))
    return fail (message, _("This text contains invalid characters"));

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (multi_line && (c == '\n' || c == '\r' || c == '\t'))
        continue;
      if (g_unichar_type (c) == G_UNICODE_CONTROL
          || c == 0x2028 || c == 0x2029)
        {
          if (multi_line)
            return fail (message, _("Remove the control characters"));
          return fail (message, _("Remove the line breaks, tabs and control characters"));
        }
      if (is_noncharacter (c))
        return fail (message, _("This text contains invalid characters"));
      if (is_format (c) && c != ZERO_WIDTH_NON_JOINER && c != ZERO_WIDTH_JOINER)
        return fail (message, _("Remove the invisible characters, such as zero-width spaces "
                                "or text direction marks"));
    }

  n_chars = g_utf8_strlen (value, -1);
  if (n_chars > (glong) max_chars)
    return fail_printf (message,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "Use at most %u character",
                                     "Use at most %u characters",
                                     max_chars),
                        max_chars);

  return TRUE;
}

/* A text field that must not be empty: @required_message says what to enter. */
gboolean
check_required_text (const char  *value,
                     guint        max_chars,
                     gboolean     multi_line,
                     const char  *required_message,
                     char       **message)
{
  if (is_blank (value))
    return fail (message, required_message);

  return check_text (value, max_chars, multi_line, message);
}

static gboolean
is_atext (char c)
{
  return g_ascii_isalnum (c) || strchr ("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

/* @local is in NFC; non-ASCII (RFC 6531) is accepted, but not as a
 * combining mark that would sit on the character before it. */
static gboolean
check_email_local_part (const char *local,
                        gsize       length)
{
  if (length == 0 || length > CLT_VALIDATE_MAX_EMAIL_LOCAL)
    return FALSE;
  if (local[0] == '.' || local[length - 1] == '.')
    return FALSE;
  if (g_unichar_ismark (g_utf8_get_char (local)))
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) local[i];

      if (c == '.')
        {
          if (local[i + 1] == '.')
            return FALSE;
        }
      /* Non-ASCII (RFC 6531) is accepted; the UTF-8 was checked before. */
      else if (c < 0x80 && !is_atext ((char) c))
        return FALSE;
    }

  return TRUE;
}

static gboolean check_domain_label (const char *label,
                                    gsize       length);

/* An ASCII label starting with "xn--" must be a real A-label: the Unicode
 * label it decodes to is one we accept typed, and encodes back to it. */
static gboolean
check_a_label (const char *label,
               gsize       length)
{
  g_autofree char *a_label = g_ascii_strdown (label, (gssize) length);
  g_autofree char *u_label = g_hostname_to_unicode (a_label);
  g_autofree char *again = NULL;

  if (u_label == NULL || !g_utf8_validate (u_label, -1, NULL)
      || !g_hostname_is_non_ascii (u_label)
      || !check_domain_label (u_label, strlen (u_label)))
    return FALSE;

  again = g_hostname_to_ascii (u_label);
  return again != NULL && strcmp (again, a_label) == 0;
}

/* A label of a domain as typed (Unicode, NFC) or in its ASCII form.
 * Unicode labels hold letters, digits, marks (not first) and hyphens;
 * IDNA, not this, limits their encoded length. */
static gboolean
check_domain_label (const char *label,
                    gsize       length)
{
  gboolean ascii = TRUE;

  if (length == 0)
    return FALSE;
  if (label[0] == '-' || label[length - 1] == '-')
    return FALSE;

  for (const char *p = label; p < label + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        {
          if (!g_ascii_isalnum ((char) c) && c != '-')
            return FALSE;
        }
      else if (!g_unichar_isalnum (c) && !(g_unichar_ismark (c) && p != label))
        return FALSE;
      else
        ascii = FALSE;
    }

  if (!ascii)
    return TRUE;
  if (length > MAX_DOMAIN_LABEL)
    return FALSE;
  if (length >= 4 && g_ascii_strncasecmp (label, "xn--", 4) == 0)
    return check_a_label (label, length);

  return TRUE;
}

/* Whether every label of @domain is valid; @n_labels and @tld tell how
 * many there are and where the last starts. */
gboolean
check_domain_labels (const char  *domain,
                     guint       *n_labels,
                     const char **tld)
{
  const char *label = domain;

  *n_labels = 0;
  for (;;)
    {
      const char *dot = strchr (label, '.');
      gsize length = dot != NULL ? (gsize) (dot - label) : strlen (label);

      if (!check_domain_label (label, length))
        return FALSE;
      (*n_labels)++;
      if (dot == NULL)
        {
          *tld = label;
          return TRUE;
        }
      label = dot + 1;
    }
}

static gboolean
check_email_domain (const char *domain)
{
  const char *tld = NULL;
  guint n_labels = 0;
  gboolean tld_has_letter = FALSE;

  if (!check_domain_labels (domain, &n_labels, &tld))
    return FALSE;

  /* "localhost" or "example" alone are not addresses a shop can write to,
   * and an all-digit top-level domain is an IP address. */
  if (n_labels < 2 || g_utf8_strlen (tld, -1) < 2)
    return FALSE;
  for (const char *p = tld; *p != '\0'; p = g_utf8_next_char (p))
    tld_has_letter |= !g_unichar_isdigit (g_utf8_get_char (p));

  return tld_has_letter;
}

/* @text (valid UTF-8) in NFC and lower case. Character by character:
 * g_utf8_strdown() follows the locale and in Turkish would turn "I" into
 * a dotless "ı", a different address. */
static char *
fold_email (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_autoptr(GString) lower = g_string_sized_new (strlen (nfc));

  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_unichar (lower, g_unichar_tolower (g_utf8_get_char (p)));

  return g_utf8_normalize (lower->str, (gssize) lower->len, G_NORMALIZE_NFC);
}

/* Full-width letters, ligatures, superscripts, letter-like symbols: they
 * look like plain letters but make another address ("Ａlice" is not
 * "alice"). Mostly typed by accident, with an input method left on. */
static gboolean
has_compatibility_forms (const char *text,
                         gsize       length)
{
  g_autofree char *nfc = g_utf8_normalize (text, (gssize) length, G_NORMALIZE_NFC);
  g_autofree char *nfkc = g_utf8_normalize (text, (gssize) length, G_NORMALIZE_NFKC);

  return g_strcmp0 (nfc, nfkc) != 0;
}

/* A real day written "YYYY-MM-DD", into @out. */
gboolean
parse_date (const char  *date,
            GDate       *out,
            char       **message)
{
  guint year = 0, month = 0, day = 0;

  if (strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return fail (message, _("Enter the date as YYYY-MM-DD, like 1980-04-23"));
  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        continue;
      if (!g_ascii_isdigit (date[i]))
        return fail (message, _("Enter the date as YYYY-MM-DD, like 1980-04-23"));
    }

  year = (guint) g_ascii_digit_value (date[0]) * 1000 + (guint) g_ascii_digit_value (date[1]) * 100
         + (guint) g_ascii_digit_value (date[2]) * 10 + (guint) g_ascii_digit_value (date[3]);
  month = (guint) g_ascii_digit_value (date[5]) * 10 + (guint) g_ascii_digit_value (date[6]);
  day = (guint) g_ascii_digit_value (date[8]) * 10 + (guint) g_ascii_digit_value (date[9]);

  if (year == 0 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return fail (message, _("This date does not exist"));

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static gboolean
check_date_of_birth (const char  *date,
                     char       **message)
{
  g_autoptr(GDateTime) now = NULL;
  GDate birth;
  GDate today;

  if (date == NULL || date[0] == '\0')
    return TRUE;

  if (!parse_date (date, &birth, message))
    return FALSE;

  if (g_date_get_year (&birth) < EARLIEST_BIRTH_YEAR)
    return fail_printf (message, _("Enter a date from %d on"), EARLIEST_BIRTH_YEAR);

  /* The user's calendar day: a birthday is a local date. */
  now = g_date_time_new_now_local ();
  g_date_clear (&today, 1);
  g_date_set_dmy (&today,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));

  if (g_date_compare (&birth, &today) > 0)
    return fail (message, _("This date is in the future"));
  if (g_date_compare (&birth, &today) == 0)
    return fail (message, _("Enter a date before today"));

  return TRUE;
}

/* `[A-Za-z0-9_-]{1,max_chars}`, or empty. */
static gboolean
check_identifier (const char  *id,
                  guint        max_chars,
                  char       **message)
{
  if (id == NULL || id[0] == '\0')
    return TRUE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return fail (message, _("Use only letters A–Z, digits, - and _"));
    }

  if (strlen (id) > max_chars)
    return fail_printf (message,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "Use at most %u character",
                                     "Use at most %u characters",
                                     max_chars),
                        max_chars);

  return TRUE;
}

gboolean
check_required_identifier (const char  *id,
                           guint        max_chars,
                           char       **message)
{
  if (id == NULL || id[0] == '\0')
    return fail (message, _("Enter a code"));

  return check_identifier (id, max_chars, message);
}

/* Doubles as they come, integers a double holds exactly. */
gboolean
is_number (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return isfinite (g_variant_get_double (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32)
      || g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return TRUE;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    {
      gint64 n = g_variant_get_int64 (value);

      return n >= -MAX_EXACT_INTEGER && n <= MAX_EXACT_INTEGER;
    }
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    return g_variant_get_uint64 (value) <= (guint64) MAX_EXACT_INTEGER;

  return FALSE;
}

/* Text, numbers and yes/no: what a custom field of some type holds. */
static gboolean
is_custom_field_value (GVariant *value)
{
  return g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
         || g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN)
         || is_number (value);
}

gboolean
is_custom_field_key (const char *key)
{
  if (key == NULL)
    return FALSE;

  if (!g_ascii_islower (key[0]))
    return FALSE;

  for (const char *p = key + 1; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
        return FALSE;
    }

  return strlen (key) <= CLT_VALIDATE_MAX_CODE;
}

/* Customer fields ------------------------------------------------------- */

static gboolean
check_customer_id (CltCustomer      *customer,
                   CltValidateMode   mode,
                   char            **message)
{
  const char *id = clt_customer_get_id (customer);

  if (mode == CLT_VALIDATE_UPDATE && id[0] == '\0')
    return fail (message, _("This customer has no ID"));

  return clt_validate_custom_id (id, message);
}

static gboolean
check_customer_number (CltCustomer      *customer,
                       CltValidateMode   mode,
                       char            **message)
{
  return check_text (clt_customer_get_number (customer), CLT_VALIDATE_MAX_CODE, FALSE, message);
}

static gboolean
check_customer_email (CltCustomer      *customer,
                      CltValidateMode   mode,
                      char            **message)
{
  const char *email = clt_customer_get_email (customer);

  /* On update the email cannot change; an empty one is left alone. */
  if (mode == CLT_VALIDATE_UPDATE && email[0] == '\0')
    return TRUE;

  return clt_validate_email (email, message);
}

static gboolean
check_customer_salutation (CltCustomer      *customer,
                           CltValidateMode   mode,
                           char            **message)
{
  return check_text (clt_customer_get_salutation (customer), CLT_VALIDATE_MAX_SALUTATION, FALSE, message);
}

static gboolean
check_customer_title (CltCustomer      *customer,
                      CltValidateMode   mode,
                      char            **message)
{
  return check_text (clt_customer_get_title (customer), CLT_VALIDATE_MAX_TITLE, FALSE, message);
}

static gboolean
check_customer_first_name (CltCustomer      *customer,
                           CltValidateMode   mode,
                           char            **message)
{
  return check_required_text (clt_customer_get_first_name (customer), CLT_VALIDATE_MAX_NAME, FALSE,
                              _("Enter a first name"), message);
}

static gboolean
check_customer_middle_name (CltCustomer      *customer,
                            CltValidateMode   mode,
                            char            **message)
{
  return check_text (clt_customer_get_middle_name (customer), CLT_VALIDATE_MAX_NAME, FALSE, message);
}

static gboolean
check_customer_last_name (CltCustomer      *customer,
                          CltValidateMode   mode,
                          char            **message)
{
  return check_required_text (clt_customer_get_last_name (customer), CLT_VALIDATE_MAX_NAME, FALSE,
                              _("Enter a last name"), message);
}

static gboolean
check_customer_gender (CltCustomer      *customer,
                       CltValidateMode   mode,
                       char            **message)
{
  CltGender gender = clt_customer_get_gender (customer);

  if ((guint) gender > CLT_GENDER_DIVERSE)
    return fail (message, _("Choose a gender from the list"));

  return TRUE;
}

static gboolean
check_customer_date_of_birth (CltCustomer      *customer,
                              CltValidateMode   mode,
                              char            **message)
{
  return clt_validate_date_of_birth (clt_customer_get_date_of_birth (customer), message);
}

static gboolean
check_customer_phone (CltCustomer      *customer,
                      CltValidateMode   mode,
                      char            **message)
{
  return clt_validate_phone (clt_customer_get_phone (customer), message);
}

static gboolean
check_customer_company (CltCustomer      *customer,
                        CltValidateMode   mode,
                        char            **message)
{
  return check_text (clt_customer_get_company (customer), CLT_VALIDATE_MAX_COMPANY, FALSE, message);
}

static gboolean
check_customer_locale (CltCustomer      *customer,
                       CltValidateMode   mode,
                       char            **message)
{
  return clt_validate_locale (clt_customer_get_locale (customer), message);
}

static gboolean
check_customer_currency (CltCustomer      *customer,
                         CltValidateMode   mode,
                         char            **message)
{
  return clt_validate_currency (clt_customer_get_currency (customer), message);
}

static gboolean
check_customer_preferred_site (CltCustomer      *customer,
                               CltValidateMode   mode,
                               char            **message)
{
  return check_text (clt_customer_get_preferred_site (customer), CLT_VALIDATE_MAX_CODE, FALSE, message);
}

static gboolean
check_customer_restriction (CltCustomer      *customer,
                            CltValidateMode   mode,
                            char            **message)
{
  return check_text (clt_customer_get_restriction (customer), CLT_VALIDATE_MAX_TEXT, FALSE, message);
}

static gboolean
check_customer_company_id (CltCustomer      *customer,
                           CltValidateMode   mode,
                           char            **message)
{
  return check_text (clt_customer_get_company_id (customer), CLT_VALIDATE_MAX_ID, FALSE, message);
}

static gboolean
check_customer_business_unit (CltCustomer      *customer,
                              CltValidateMode   mode,
                              char            **message)
{
  return check_text (clt_customer_get_business_unit (customer), CLT_VALIDATE_MAX_NAME, FALSE, message);
}

static gboolean
check_customer_groups (CltCustomer      *customer,
                       CltValidateMode   mode,
                       char            **message)
{
  return clt_validate_list (clt_customer_get_groups (customer), CLT_VALIDATE_MAX_CODE, message);
}

static gboolean
check_customer_roles (CltCustomer      *customer,
                      CltValidateMode   mode,
                      char            **message)
{
  return clt_validate_list (clt_customer_get_roles (customer), CLT_VALIDATE_MAX_CODE, message);
}

static gboolean
check_customer_custom_fields (CltCustomer      *customer,
                              CltValidateMode   mode,
                              char            **message)
{
  GVariant *fields = clt_customer_get_custom_fields (customer);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (fields == NULL)
    return TRUE;

  if (!g_variant_is_of_type (fields, G_VARIANT_TYPE_VARDICT))
    return fail (message, _("The custom fields are malformed"));

  g_variant_iter_init (&iter, fields);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      if (!is_custom_field_key (key))
        {
          g_variant_unref (value);
          return fail (message, _("A custom field has a malformed key"));
        }
      if (!is_custom_field_value (value))
        {
          g_variant_unref (value);
          return fail (message, _("A custom field holds neither text, a number nor yes or no"));
        }
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
          && !check_text (g_variant_get_string (value, NULL), CLT_VALIDATE_MAX_COMMENT, FALSE, message))
        {
          g_variant_unref (value);
          return FALSE;
        }
    }

  return TRUE;
}

/* In the order the edit dialog shows them: the first failing one is
 * reported. */
static const struct
{
  const char    *field;
  CustomerCheck  check;
} customer_checks[] =
{
  { "email", check_customer_email },
  { "salutation", check_customer_salutation },
  { "title", check_customer_title },
  { "first-name", check_customer_first_name },
  { "middle-name", check_customer_middle_name },
  { "last-name", check_customer_last_name },
  { "gender", check_customer_gender },
  { "date-of-birth", check_customer_date_of_birth },
  { "phone", check_customer_phone },
  { "company", check_customer_company },
  { "locale", check_customer_locale },
  { "currency", check_customer_currency },
  { "preferred-site", check_customer_preferred_site },
  { "restriction", check_customer_restriction },
  { "id", check_customer_id },
  { "number", check_customer_number },
  { "company-id", check_customer_company_id },
  { "business-unit", check_customer_business_unit },
  { "groups", check_customer_groups },
  { "roles", check_customer_roles },
  { "custom-fields", check_customer_custom_fields },
};

/* Sites, groups, companies, custom fields, queries ------------------------ */

/* The first failing check, as a CLT_STORE_ERROR_INVALID naming its field.
 * Guards the public callers' @error. */
gboolean
run_object_checks (gpointer           object,
                   const ObjectCheck *checks,
                   gsize              n_checks,
                   GError           **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (gsize i = 0; i < n_checks; i++)
    {
      g_autofree char *message = NULL;

      if (!checks[i].check (object, &message))
        {
          g_propagate_error (error, clt_store_error_new_invalid (checks[i].field, "%s", message));
          return FALSE;
        }
    }

  return TRUE;
}

/* Public API ------------------------------------------------------------ */

/**
 * clt_validate_customer:
 * @customer: the customer to create or update
 * @mode: whether @customer is to be created or updated
 * @error: a CLT_STORE_ERROR_INVALID naming the first failing field
 *
 * Returns: whether @customer meets every rule
 */
gboolean
clt_validate_customer (CltCustomer      *customer,
                       CltValidateMode   mode,
                       GError          **error)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (customer), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (customer_checks); i++)
    {
      g_autofree char *message = NULL;

      if (!customer_checks[i].check (customer, mode, &message))
        {
          g_propagate_error (error, clt_store_error_new_invalid (customer_checks[i].field, "%s", message));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * clt_validate_customer_field:
 * @customer: the customer being edited
 * @field: a property name of #CltCustomer, such as "email"
 * @mode: whether @customer is to be created or updated
 * @message: (out) (optional) (transfer full): what is wrong, to show
 *   next to the field
 *
 * Returns: whether @field of @customer meets its rules
 */
gboolean
clt_validate_customer_field (CltCustomer      *customer,
                             const char       *field,
                             CltValidateMode   mode,
                             char            **message)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER (customer), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (message == NULL || *message == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (customer_checks); i++)
    {
      if (strcmp (customer_checks[i].field, field) == 0)
        return customer_checks[i].check (customer, mode, message);
    }

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (customer), field) == NULL)
    g_critical ("%s: CltCustomer has no property “%s”", G_STRFUNC, field);

  return TRUE;
}

gboolean
clt_validate_note (CltNote  *note,
                   GError  **error)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (CLT_IS_NOTE (note), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!clt_validate_note_message (clt_note_get_message (note), error))
    return FALSE;

  if (!check_text (clt_note_get_author (note), CLT_VALIDATE_MAX_TEXT, FALSE, &message))
    {
      g_propagate_error (error, clt_store_error_new_invalid ("author", "%s", message));
      return FALSE;
    }

  return TRUE;
}

gboolean
clt_validate_note_message (const char  *text,
                           GError     **error)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_required_text (text, CLT_VALIDATE_MAX_NOTE, TRUE, _("Write a message"), &message))
    {
      g_propagate_error (error, clt_store_error_new_invalid ("message", "%s", message));
      return FALSE;
    }

  return TRUE;
}

/**
 * clt_validate_text:
 * @value: (nullable): the text; NULL and "" are valid
 * @max_chars: the most characters (not bytes) @value may have
 * @multi_line: whether line breaks and tabs are allowed
 * @message: (out) (optional) (transfer full): what is wrong
 */
gboolean
clt_validate_text (const char  *value,
                   guint        max_chars,
                   gboolean     multi_line,
                   char       **message)
{
  return check_text (value, max_chars, multi_line, message);
}

gboolean
clt_validate_email (const char  *email,
                    char       **message)
{
  g_autofree char *folded = NULL;
  g_autofree char *domain = NULL;
  const char *at;
  gsize local_length;

  if (is_blank (email))
    return fail (message, _("Enter an email address"));

  if (!g_utf8_validate (email, -1, NULL))
    return fail (message, _("This text contains invalid characters"));

  /* Spares the work on pasted junk: NFC shrinks text at most threefold
   * (Hangul jamo), so nothing this long fits once normalized. */
  if (strlen (email) > 4 * CLT_VALIDATE_MAX_EMAIL)
    return fail_printf (message, _("An email address has at most %d characters"),
                        CLT_VALIDATE_MAX_EMAIL);

  for (const char *p = email; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (g_unichar_isspace (c))
        return fail (message, _("Remove the spaces from the email address"));
      if (is_format (c))
        return fail (message, _("Remove the invisible characters from the email address"));
      /* Unassigned ones could be normalized differently by a later Unicode
       * version, and then no longer match. */
      if (type == G_UNICODE_CONTROL || type == G_UNICODE_UNASSIGNED
          || type == G_UNICODE_PRIVATE_USE || is_noncharacter (c))
        return fail (message, _("The email address contains characters that are not allowed"));
    }

  folded = fold_email (email);
  at = strchr (folded, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    return fail (message, _("Enter an email address like name@example.com"));

  local_length = (gsize) (at - folded);
  if (local_length > CLT_VALIDATE_MAX_EMAIL_LOCAL)
    return fail_printf (message, _("The part before the @ has at most %d characters"),
                        CLT_VALIDATE_MAX_EMAIL_LOCAL);

  if (!check_email_local_part (folded, local_length))
    return fail (message, _("Enter an email address like name@example.com"));

  if (has_compatibility_forms (folded, local_length))
    return fail (message, _("Type the part before the @ without full-width or decorated letters"));

  /* What IDNA refuses, or lets through but is no domain, is invalid. */
  if (!check_email_domain (at + 1)
      || (domain = g_hostname_to_ascii (at + 1)) == NULL
      || !check_email_domain (domain))
    return fail (message, _("Enter an email address like name@example.com"));

  /* Counted as stored: NFC, the domain in its ASCII form. */
  if (local_length + 1 + strlen (domain) > CLT_VALIDATE_MAX_EMAIL)
    return fail_printf (message, _("An email address has at most %d characters"),
                        CLT_VALIDATE_MAX_EMAIL);

  return TRUE;
}

/**
 * clt_validate_normalize_email:
 * @email: (nullable): an email address as typed
 *
 * The one form an address is stored and compared in, so that one mailbox
 * makes one account: white space around it removed, Unicode NFC, lower
 * case (not by locale), the domain in its IDNA ASCII form
 * ("Jörg@Bücher.DE" → "jörg@xn--bcher-kva.de"). An NFD and an NFC
 * spelling give the same result.
 *
 * Only the domain of an address clt_validate_email() accepts is sure to
 * convert; one IDNA refuses stays in Unicode. Invalid UTF-8 is lowered
 * byte by byte.
 *
 * Returns: (transfer full): the normalized @email ("" for NULL)
 */
char *
clt_validate_normalize_email (const char *email)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *domain = NULL;
  const char *at;

  if (email == NULL)
    return g_strdup ("");

  stripped = g_strstrip (g_strdup (email));
  if (!g_utf8_validate (stripped, -1, NULL))
    return g_ascii_strdown (stripped, -1);

  folded = fold_email (stripped);
  at = strrchr (folded, '@');
  if (at == NULL || (domain = g_hostname_to_ascii (at + 1)) == NULL)
    return g_steal_pointer (&folded);

  return g_strdup_printf ("%.*s@%s", (int) (at - folded), folded, domain);
}

gboolean
clt_validate_date_of_birth (const char  *date,
                            char       **message)
{
  return check_date_of_birth (date, message);
}

gboolean
clt_validate_phone (const char  *phone,
                    char       **message)
{
  guint n_digits = 0;
  gsize length;

  if (phone == NULL || phone[0] == '\0')
    return TRUE;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        n_digits++;
      else if (strchr (" +()-/.", *p) == NULL)
        return fail (message, _("Use only digits, spaces and + ( ) - / ."));
    }

  length = strlen (phone);
  if (length < MIN_PHONE_LENGTH || length > MAX_PHONE_LENGTH)
    return fail_printf (message, _("Enter %d to %d characters"), MIN_PHONE_LENGTH, MAX_PHONE_LENGTH);

  if (n_digits < MIN_PHONE_DIGITS)
    return fail (message, _("Enter a phone number like +49 30 1234567"));

  return TRUE;
}

gboolean
clt_validate_custom_id (const char  *id,
                        char       **message)
{
  return check_identifier (id, CLT_VALIDATE_MAX_ID, message);
}

gboolean
clt_validate_locale (const char  *locale,
                     char       **message)
{
  if (locale == NULL || locale[0] == '\0')
    return TRUE;

  if (!clt_iso_codes_is_locale (locale))
    return fail (message, _("Choose a language from the list"));

  return TRUE;
}

gboolean
clt_validate_currency (const char  *currency,
                       char       **message)
{
  if (currency == NULL || currency[0] == '\0')
    return fail (message, _("Choose a currency"));

  if (!clt_iso_codes_is_currency (currency))
    return fail (message, _("Choose a currency from the list, such as EUR"));

  return TRUE;
}

gboolean
clt_validate_country (const char  *country,
                      char       **message)
{
  if (country == NULL || country[0] == '\0')
    return fail (message, _("Choose a country"));

  if (!clt_iso_codes_is_country (country))
    return fail (message, _("Choose a country from the list"));

  return TRUE;
}

gboolean
clt_validate_password (const char  *password,
                       char       **message)
{
  if (password == NULL || password[0] == '\0')
    return fail (message, _("Enter a password"));

  if (!check_text (password, CLT_VALIDATE_MAX_PASSWORD, FALSE, message))
    return FALSE;

  if (g_utf8_strlen (password, -1) < CLT_VALIDATE_MIN_PASSWORD)
    return fail_printf (message, _("Use at least %d characters"), CLT_VALIDATE_MIN_PASSWORD);

  return TRUE;
}
