/* clt-validate-address.c
 *
 * The rules for addresses and zip codes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-validate"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "clt-address.h"
#include "clt-error.h"
#include "clt-validate.h"
#include "clt-validate-private.h"

typedef gboolean (*AddressCheck)  (CltAddress       *address,
                                   CltValidateMode   mode,
                                   char            **message);
typedef struct
{
  const char *country;
  const char *pattern;
  const char *example;
} ZipFormat;

/* Postal code formats of the countries a European shop ships to most; the
 * rest get the general rule. Letters may be typed in lower case. */
static const ZipFormat zip_formats[] =
{
  { "AT", "^[0-9]{4}$", "1010" },
  { "AU", "^[0-9]{4}$", "2000" },
  { "BE", "^[0-9]{4}$", "1000" },
  { "BG", "^[0-9]{4}$", "1000" },
  { "BR", "^[0-9]{5}-?[0-9]{3}$", "01310-100" },
  { "CA", "^[A-Za-z][0-9][A-Za-z] ?[0-9][A-Za-z][0-9]$", "K1A 0B1" },
  { "CH", "^[0-9]{4}$", "8001" },
  { "CN", "^[0-9]{6}$", "100000" },
  { "CZ", "^[0-9]{3} ?[0-9]{2}$", "110 00" },
  { "DE", "^[0-9]{5}$", "10115" },
  { "DK", "^[0-9]{4}$", "1050" },
  { "EE", "^[0-9]{5}$", "10111" },
  { "ES", "^[0-9]{5}$", "28001" },
  { "FI", "^[0-9]{5}$", "00100" },
  { "FR", "^[0-9]{5}$", "75001" },
  { "GB", "^([A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}|[Gg][Ii][Rr] ?0[Aa]{2})$", "SW1A 1AA" },
  { "GR", "^[0-9]{3} ?[0-9]{2}$", "105 57" },
  { "HR", "^[0-9]{5}$", "10000" },
  { "HU", "^[0-9]{4}$", "1051" },
  { "IN", "^[0-9]{6}$", "110001" },
  { "IT", "^[0-9]{5}$", "00184" },
  { "JP", "^[0-9]{3}-?[0-9]{4}$", "100-0001" },
  { "LI", "^[0-9]{4}$", "9490" },
  { "LT", "^([Ll][Tt]-)?[0-9]{5}$", "01100" },
  { "LU", "^([Ll]-)?[0-9]{4}$", "1009" },
  { "LV", "^([Ll][Vv]-)?[0-9]{4}$", "LV-1050" },
  { "MX", "^[0-9]{5}$", "06000" },
  { "NL", "^[1-9][0-9]{3} ?[A-Za-z]{2}$", "1012 AB" },
  { "NO", "^[0-9]{4}$", "0150" },
  { "PL", "^[0-9]{2}-?[0-9]{3}$", "00-950" },
  { "PT", "^[0-9]{4}-?[0-9]{3}$", "1000-001" },
  { "RO", "^[0-9]{6}$", "010011" },
  { "RU", "^[0-9]{6}$", "101000" },
  { "SE", "^[0-9]{3} ?[0-9]{2}$", "114 55" },
  { "SI", "^[0-9]{4}$", "1000" },
  { "SK", "^[0-9]{3} ?[0-9]{2}$", "811 01" },
  { "US", "^[0-9]{5}(-[0-9]{4})?$", "12345" },
};

#define GENERAL_ZIP_PATTERN "^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$"

/* Compiled once: imports check hundreds of thousands of addresses. */
static GRegex *zip_regexes[G_N_ELEMENTS (zip_formats)];
static GRegex *general_zip_regex;

static void
ensure_zip_regexes (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (zip_formats); i++)
        zip_regexes[i] = g_regex_new (zip_formats[i].pattern, G_REGEX_OPTIMIZE, 0, NULL);
      general_zip_regex = g_regex_new (GENERAL_ZIP_PATTERN, G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
}

/* Address fields -------------------------------------------------------- */

static gboolean
check_address_id (CltAddress       *address,
                  CltValidateMode   mode,
                  char            **message)
{
  const char *id = clt_address_get_id (address);

  if (mode == CLT_VALIDATE_UPDATE && id[0] == '\0')
    return fail (message, _("This address has no ID"));

  return clt_validate_custom_id (id, message);
}

static gboolean
check_address_customer_id (CltAddress       *address,
                           CltValidateMode   mode,
                           char            **message)
{
  const char *customer_id = clt_address_get_customer_id (address);

  if (customer_id[0] == '\0')
    return fail (message, _("This address belongs to no customer"));

  return clt_validate_custom_id (customer_id, message);
}

static gboolean
check_address_salutation (CltAddress       *address,
                          CltValidateMode   mode,
                          char            **message)
{
  return check_text (clt_address_get_salutation (address), CLT_VALIDATE_MAX_SALUTATION, FALSE, message);
}

static gboolean
check_address_first_name (CltAddress       *address,
                          CltValidateMode   mode,
                          char            **message)
{
  return check_required_text (clt_address_get_first_name (address), CLT_VALIDATE_MAX_NAME, FALSE,
                              _("Enter a first name"), message);
}

static gboolean
check_address_last_name (CltAddress       *address,
                         CltValidateMode   mode,
                         char            **message)
{
  return check_required_text (clt_address_get_last_name (address), CLT_VALIDATE_MAX_NAME, FALSE,
                              _("Enter a last name"), message);
}

static gboolean
check_address_company (CltAddress       *address,
                       CltValidateMode   mode,
                       char            **message)
{
  return check_text (clt_address_get_company (address), CLT_VALIDATE_MAX_COMPANY, FALSE, message);
}

static gboolean
check_address_address1 (CltAddress       *address,
                        CltValidateMode   mode,
                        char            **message)
{
  return check_required_text (clt_address_get_address1 (address), CLT_VALIDATE_MAX_ADDRESS_LINE, FALSE,
                              _("Enter the street and house number"), message);
}

static gboolean
check_address_address2 (CltAddress       *address,
                        CltValidateMode   mode,
                        char            **message)
{
  return check_text (clt_address_get_address2 (address), CLT_VALIDATE_MAX_ADDRESS_LINE, FALSE, message);
}

static gboolean
check_address_address3 (CltAddress       *address,
                        CltValidateMode   mode,
                        char            **message)
{
  return check_text (clt_address_get_address3 (address), CLT_VALIDATE_MAX_ADDRESS_LINE, FALSE, message);
}

static gboolean
check_address_zip_code (CltAddress       *address,
                        CltValidateMode   mode,
                        char            **message)
{
  return clt_validate_zip_code (clt_address_get_country (address), clt_address_get_zip_code (address),
                                message);
}

static gboolean
check_address_city (CltAddress       *address,
                    CltValidateMode   mode,
                    char            **message)
{
  return check_required_text (clt_address_get_city (address), CLT_VALIDATE_MAX_CITY, FALSE,
                              _("Enter a city"), message);
}

static gboolean
check_address_region (CltAddress       *address,
                      CltValidateMode   mode,
                      char            **message)
{
  return check_text (clt_address_get_region (address), CLT_VALIDATE_MAX_CITY, FALSE, message);
}

static gboolean
check_address_country (CltAddress       *address,
                       CltValidateMode   mode,
                       char            **message)
{
  return clt_validate_country (clt_address_get_country (address), message);
}

static gboolean
check_address_phone (CltAddress       *address,
                     CltValidateMode   mode,
                     char            **message)
{
  return clt_validate_phone (clt_address_get_phone (address), message);
}

static gboolean
check_address_comment (CltAddress       *address,
                       CltValidateMode   mode,
                       char            **message)
{
  return check_text (clt_address_get_comment (address), CLT_VALIDATE_MAX_COMMENT, TRUE, message);
}

static const struct
{
  const char   *field;
  AddressCheck  check;
} address_checks[] =
{
  { "salutation", check_address_salutation },
  { "first-name", check_address_first_name },
  { "last-name", check_address_last_name },
  { "company", check_address_company },
  { "address1", check_address_address1 },
  { "address2", check_address_address2 },
  { "address3", check_address_address3 },
  { "zip-code", check_address_zip_code },
  { "city", check_address_city },
  { "region", check_address_region },
  { "country", check_address_country },
  { "phone", check_address_phone },
  { "comment", check_address_comment },
  { "id", check_address_id },
  { "customer-id", check_address_customer_id },
};

gboolean
clt_validate_address (CltAddress       *address,
                      CltValidateMode   mode,
                      GError          **error)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (address), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (address_checks); i++)
    {
      g_autofree char *message = NULL;

      if (!address_checks[i].check (address, mode, &message))
        {
          g_propagate_error (error, clt_store_error_new_invalid (address_checks[i].field, "%s", message));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
clt_validate_address_field (CltAddress       *address,
                            const char       *field,
                            CltValidateMode   mode,
                            char            **message)
{
  g_return_val_if_fail (CLT_IS_ADDRESS (address), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (message == NULL || *message == NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (address_checks); i++)
    {
      if (strcmp (address_checks[i].field, field) == 0)
        return address_checks[i].check (address, mode, message);
    }

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (address), field) == NULL)
    g_critical ("%s: CltAddress has no property “%s”", G_STRFUNC, field);

  return TRUE;
}

gboolean
clt_validate_zip_code (const char  *country,
                       const char  *zip_code,
                       char       **message)
{
  if (is_blank (zip_code))
    return fail (message, _("Enter a zip code"));

  if (!check_text (zip_code, CLT_VALIDATE_MAX_ZIP_CODE, FALSE, message))
    return FALSE;

  ensure_zip_regexes ();

  for (guint i = 0; country != NULL && i < G_N_ELEMENTS (zip_formats); i++)
    {
      if (strcmp (zip_formats[i].country, country) != 0)
        continue;

      if (!g_regex_match (zip_regexes[i], zip_code, 0, NULL))
        return fail_printf (message, _("Enter a zip code like %s"), zip_formats[i].example);

      return TRUE;
    }

  if (!g_regex_match (general_zip_regex, zip_code, 0, NULL))
    return fail_printf (message, _("Use up to %d letters, digits, spaces or hyphens"),
                        CLT_VALIDATE_MAX_ZIP_CODE);

  return TRUE;
}

