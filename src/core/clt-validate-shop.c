/* clt-validate-shop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-validate"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-error.h"
#include "clt-group.h"
#include "clt-marketing-record.h"
#include "clt-site.h"
#include "clt-validate.h"
#include "clt-validate-private.h"

/* Characters a URL may hold as typed: RFC 3986's, and non-ASCII (IRIs).
 * Not a backslash, which browsers read as "/", nor spaces, quotes or
 * angle brackets, which end a link in an email. */
static gboolean
is_url_char (gunichar c)
{
  return c >= 0x80
         || g_ascii_isalnum ((char) c)
         || strchr ("-._~:/?#[]@!$&'()*+,;=%", (int) c) != NULL;
}

static gboolean
is_local_host (const char *host)
{
  return g_ascii_strcasecmp (host, "localhost") == 0
         || strcmp (host, "127.0.0.1") == 0
         || strcmp (host, "::1") == 0;
}

/* GUri hands IDN hosts over in their ASCII form. */
static gboolean
check_url_host (const char *host)
{
  const char *tld = NULL;
  guint n_labels = 0;

  if (host == NULL || host[0] == '\0')
    return FALSE;

  return g_hostname_is_ip_address (host) || check_domain_labels (host, &n_labels, &tld);
}

static gboolean
check_required_name (const char  *name,
                     guint        max_chars,
                     char       **message)
{
  return check_required_text (name, max_chars, FALSE, _("This field is required"), message);
}

static gboolean
check_site_code (gpointer   site,
                 char     **message)
{
  return check_required_identifier (clt_site_get_code (site), CLT_VALIDATE_MAX_CODE, message);
}

static gboolean
check_site_name (gpointer   site,
                 char     **message)
{
  return check_required_name (clt_site_get_name (site), CLT_VALIDATE_MAX_TEXT, message);
}

/* Links in emails are made by appending "verify?token=…" and the like. */
static gboolean
check_site_storefront_url (gpointer   site,
                           char     **message)
{
  const char *url = clt_site_get_storefront_url (site);

  if (!clt_validate_web_url (url, message))
    return FALSE;

  if (strpbrk (url, "?#") != NULL)
    return fail (message, _("Links are added to this address: remove the part from “?” or “#” on"));

  return TRUE;
}

/* A template: placeholders in braces, the rest a web address. Checked as
 * the address it becomes, with each placeholder standing for a word. */
static gboolean
check_site_assisted_buying_url (gpointer   site,
                                char     **message)
{
  const char *template = clt_site_get_assisted_buying_url (site);
  const char * const *placeholders = clt_site_get_assisted_buying_placeholders ();
  g_autoptr(GString) url = NULL;
  gboolean has_token = FALSE;

  if (template[0] == '\0')
    return TRUE;

  if (!check_text (template, CLT_VALIDATE_MAX_TEXT, FALSE, message))
    return FALSE;

  url = g_string_new (NULL);
  for (const char *p = template; *p != '\0';)
    {
      const char *close;
      guint i;

      if (*p == '}')
        return fail (message, _("A “}” has no “{” before it"));
      if (*p != '{')
        {
          g_string_append_c (url, *p++);
          continue;
        }

      close = strchr (p, '}');
      if (close == NULL)
        return fail (message, _("A “{” has no “}” after it"));

      for (i = 0; placeholders[i] != NULL; i++)
        if (strncmp (p, placeholders[i], close + 1 - p) == 0 &&
            placeholders[i][close + 1 - p] == '\0')
          break;
      if (placeholders[i] == NULL)
        {
          /* TRANSLATORS: the placeholders are written as they are, untranslated */
          return fail (message, _("Use only the placeholders {token}, {customerNumber}, "
                                  "{customerId} and {site}"));
        }

      has_token |= i == 0;
      g_string_append (url, "x");
      p = close + 1;
    }

  if (!has_token)
    return fail (message, _("The address must hold {token}, where the one-time key goes"));

  return clt_validate_web_url (url->str, message);
}

static gboolean
check_site_default_currency (gpointer   site,
                             char     **message)
{
  const char *currency = clt_site_get_default_currency (site);

  /* Optional: the shop's default applies. */
  if (currency[0] == '\0')
    return TRUE;

  return clt_validate_currency (currency, message);
}

static gboolean
check_site_default_locale (gpointer   site,
                           char     **message)
{
  return clt_validate_locale (clt_site_get_default_locale (site), message);
}

static const ObjectCheck site_checks[] =
{
  { "code", check_site_code },
  { "name", check_site_name },
  { "storefront-url", check_site_storefront_url },
  { "assisted-buying-url", check_site_assisted_buying_url },
  { "default-currency", check_site_default_currency },
  { "default-locale", check_site_default_locale },
};

static gboolean
check_group_code (gpointer   group,
                  char     **message)
{
  return check_required_identifier (clt_group_get_code (group), CLT_VALIDATE_MAX_CODE, message);
}

static gboolean
check_group_name (gpointer   group,
                  char     **message)
{
  return check_required_name (clt_group_get_name (group), CLT_VALIDATE_MAX_TEXT, message);
}

static gboolean
check_group_description (gpointer   group,
                         char     **message)
{
  return check_text (clt_group_get_description (group), CLT_VALIDATE_MAX_COMMENT, TRUE, message);
}

static const ObjectCheck group_checks[] =
{
  { "code", check_group_code },
  { "name", check_group_name },
  { "description", check_group_description },
};

/* Customers refer to it by "company-id", a custom ID. */
static gboolean
check_company_id (gpointer   company,
                  char     **message)
{
  return check_required_identifier (clt_company_get_id (company), CLT_VALIDATE_MAX_ID, message);
}

static gboolean
check_company_name (gpointer   company,
                    char     **message)
{
  return check_required_name (clt_company_get_name (company), CLT_VALIDATE_MAX_COMPANY, message);
}

static gboolean
check_company_business_units (gpointer   company,
                              char     **message)
{
  return clt_validate_list (clt_company_get_business_units (company), CLT_VALIDATE_MAX_CODE,
                            message);
}

static gboolean
check_company_roles (gpointer   company,
                     char     **message)
{
  return clt_validate_list (clt_company_get_roles (company), CLT_VALIDATE_MAX_CODE, message);
}

static const ObjectCheck company_checks[] =
{
  { "id", check_company_id },
  { "name", check_company_name },
  { "business-units", check_company_business_units },
  { "roles", check_company_roles },
};

static gboolean
check_custom_field_key (gpointer   field,
                        char     **message)
{
  if (!is_custom_field_key (clt_custom_field_get_key (field)))
    return fail (message, _("Use lower-case letters, digits and _, starting with a letter"));

  return TRUE;
}

static gboolean
check_custom_field_label (gpointer   field,
                          char     **message)
{
  return check_required_name (clt_custom_field_get_label (field), CLT_VALIDATE_MAX_TEXT, message);
}

static gboolean
check_custom_field_type (gpointer   field,
                         char     **message)
{
  if ((guint) clt_custom_field_get_field_type (field) > CLT_CUSTOM_FIELD_CHOICE)
    return fail (message, _("Unknown field type."));

  return TRUE;
}

/* A choice list names its choices (distinct, one line each); the other
 * types have none. */
static gboolean
check_custom_field_choices (gpointer   field,
                            char     **message)
{
  const char * const *choices = clt_custom_field_get_choices (field);

  if (clt_custom_field_get_field_type (field) != CLT_CUSTOM_FIELD_CHOICE)
    {
      if (choices[0] != NULL)
        return fail (message, _("Only a choice list has choices"));
      return TRUE;
    }

  if (choices[0] == NULL)
    return fail (message, _("Add at least one choice"));

  return clt_validate_list (choices, CLT_VALIDATE_MAX_TEXT, message);
}

static const ObjectCheck custom_field_checks[] =
{
  { "key", check_custom_field_key },
  { "label", check_custom_field_label },
  { "type", check_custom_field_type },
  { "choices", check_custom_field_choices },
};

/* The checks of @object's type, for clt_validate_shop_field (). */
static const ObjectCheck *
find_checks (gpointer  object,
             gsize    *n_checks)
{
  if (CLT_IS_SITE (object))
    return (*n_checks = G_N_ELEMENTS (site_checks), site_checks);
  if (CLT_IS_GROUP (object))
    return (*n_checks = G_N_ELEMENTS (group_checks), group_checks);
  if (CLT_IS_COMPANY (object))
    return (*n_checks = G_N_ELEMENTS (company_checks), company_checks);
  if (CLT_IS_CUSTOM_FIELD (object))
    return (*n_checks = G_N_ELEMENTS (custom_field_checks), custom_field_checks);

  *n_checks = 0;
  return NULL;
}

/* Public API ------------------------------------------------------------ */

/**
 * clt_validate_site:
 * @site: the site to save
 * @error: a CLT_STORE_ERROR_INVALID naming the first failing field
 *
 * Returns: whether @site meets every rule
 */
gboolean
clt_validate_site (CltSite  *site,
                   GError  **error)
{
  g_return_val_if_fail (CLT_IS_SITE (site), FALSE);

  return run_object_checks (site, site_checks, G_N_ELEMENTS (site_checks), error);
}

gboolean
clt_validate_group (CltGroup  *group,
                    GError   **error)
{
  g_return_val_if_fail (CLT_IS_GROUP (group), FALSE);

  return run_object_checks (group, group_checks, G_N_ELEMENTS (group_checks), error);
}

gboolean
clt_validate_company (CltCompany  *company,
                      GError     **error)
{
  g_return_val_if_fail (CLT_IS_COMPANY (company), FALSE);

  return run_object_checks (company, company_checks, G_N_ELEMENTS (company_checks), error);
}

gboolean
clt_validate_custom_field (CltCustomField  *field,
                           GError         **error)
{
  g_return_val_if_fail (CLT_IS_CUSTOM_FIELD (field), FALSE);

  return run_object_checks (field, custom_field_checks, G_N_ELEMENTS (custom_field_checks), error);
}

/**
 * clt_validate_custom_field_value:
 * @field: the definition of the custom field
 * @value: a value for it, as in a customer's "custom-fields"
 * @message: (out) (optional) (transfer full): what is wrong
 *
 * Text: a string that meets the text rules, at most
 * CLT_VALIDATE_MAX_COMMENT characters on one line. Number: a finite
 * double, or a 32- or 64-bit integer a double holds exactly (|n| ≤ 2^53).
 * Yes/no: a boolean. Date: a string "YYYY-MM-DD" naming a real day.
 * Choice list: a string that is one of the field's choices.
 *
 * Returns: whether @value fits the type of @field
 */
gboolean
clt_validate_custom_field_value (CltCustomField  *field,
                                 GVariant        *value,
                                 char           **message)
{
  GDate date;

  g_return_val_if_fail (CLT_IS_CUSTOM_FIELD (field), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (message == NULL || *message == NULL, FALSE);

  switch (clt_custom_field_get_field_type (field))
    {
    case CLT_CUSTOM_FIELD_STRING:
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        return fail (message, _("Enter text"));
      return check_text (g_variant_get_string (value, NULL), CLT_VALIDATE_MAX_COMMENT, FALSE,
                         message);

    case CLT_CUSTOM_FIELD_NUMBER:
      if (!is_number (value))
        return fail (message, _("Enter a number"));
      return TRUE;

    case CLT_CUSTOM_FIELD_BOOLEAN:
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        return fail (message, _("Choose yes or no"));
      return TRUE;

    case CLT_CUSTOM_FIELD_DATE:
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        return fail (message, _("Enter the date as YYYY-MM-DD, like 1980-04-23"));
      return parse_date (g_variant_get_string (value, NULL), &date, message);

    case CLT_CUSTOM_FIELD_CHOICE:
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) ||
          !g_strv_contains (clt_custom_field_get_choices (field), g_variant_get_string (value, NULL)))
        return fail (message, _("Choose one of the choices"));
      return TRUE;

    default:
      return fail (message, _("Unknown field type."));
    }
}

/**
 * clt_validate_company_assignment:
 * @company: (nullable): the stored company @company_id names, or %NULL when
 *   there is no such company
 * @company_id: (nullable): the company to attach to; %NULL or "" detaches
 * @business_unit: (nullable): one of @company's business units, or ""
 * @roles: (nullable) (array zero-terminated=1): some of @company's roles
 * @error: a CLT_STORE_ERROR_INVALID naming "company-id", "business-unit"
 *   or "roles"
 *
 * The rules of an assignment, the same for every back end and for the
 * dialog that makes one: the company exists, the unit and the roles are
 * its own (a unit of another company is refused), and a customer without
 * a company has neither.
 *
 * Returns: whether the assignment may be stored
 */
gboolean
clt_validate_company_assignment (CltCompany          *company,
                                 const char          *company_id,
                                 const char          *business_unit,
                                 const char * const  *roles,
                                 GError             **error)
{
  g_autofree char *message = NULL;
  gboolean has_roles = roles != NULL && roles[0] != NULL;

  g_return_val_if_fail (company == NULL || CLT_IS_COMPANY (company), FALSE);

  if (business_unit == NULL)
    business_unit = "";

  if (!clt_validate_list (roles, CLT_VALIDATE_MAX_CODE, &message))
    {
      g_propagate_error (error, clt_store_error_new_invalid ("roles", "%s", message));
      return FALSE;
    }
  if (!clt_validate_text (business_unit, CLT_VALIDATE_MAX_CODE, FALSE, &message))
    {
      g_propagate_error (error, clt_store_error_new_invalid ("business-unit", "%s", message));
      return FALSE;
    }

  if (company_id == NULL || company_id[0] == '\0')
    {
      if (business_unit[0] == '\0' && !has_roles)
        return TRUE;

      g_propagate_error (error, clt_store_error_new_invalid ("company-id",
                                                             _("Choose a company first.")));
      return FALSE;
    }

  if (company == NULL || g_strcmp0 (clt_company_get_id (company), company_id) != 0)
    {
      g_propagate_error (error, clt_store_error_new_invalid ("company-id",
                                                             _("There is no company “%s”."),
                                                             company_id));
      return FALSE;
    }

  if (business_unit[0] != '\0' &&
      !g_strv_contains (clt_company_get_business_units (company), business_unit))
    {
      g_propagate_error (error, clt_store_error_new_invalid ("business-unit",
                                                             _("The company has no business unit “%s”."),
                                                             business_unit));
      return FALSE;
    }

  for (guint i = 0; has_roles && roles[i] != NULL; i++)
    if (!g_strv_contains (clt_company_get_roles (company), roles[i]))
      {
        g_propagate_error (error, clt_store_error_new_invalid ("roles",
                                                               _("The company has no role “%s”."),
                                                               roles[i]));
        return FALSE;
      }

  return TRUE;
}

/**
 * clt_validate_code:
 * @code: (nullable): a site or group code
 * @message: (out) (optional) (transfer full): what is wrong
 *
 * Returns: whether @code is `[A-Za-z0-9_-]{1,64}`
 */
gboolean
clt_validate_code (const char  *code,
                   char       **message)
{
  return check_required_identifier (code, CLT_VALIDATE_MAX_CODE, message);
}

/**
 * clt_validate_list:
 * @values: (nullable) (array zero-terminated=1): group codes, roles,
 *   business units
 * @max_chars: the most characters an entry may have
 * @message: (out) (optional) (transfer full): what is wrong
 *
 * Returns: whether there are at most CLT_VALIDATE_MAX_LIST_ITEMS entries,
 *   each text that is not blank, at most @max_chars characters, listed once
 */
gboolean
clt_validate_list (const char * const  *values,
                   guint                max_chars,
                   char               **message)
{
  g_autoptr(GHashTable) seen = NULL;

  if (values == NULL)
    return TRUE;

  if (g_strv_length ((char **) values) > CLT_VALIDATE_MAX_LIST_ITEMS)
    return fail_too_many (message);

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; values[i] != NULL; i++)
    {
      if (is_blank (values[i]))
        return fail (message, _("Remove the empty entry"));
      if (!check_text (values[i], max_chars, FALSE, message))
        return FALSE;
      if (!g_hash_table_add (seen, (gpointer) values[i]))
        return fail_printf (message, _("“%s” is listed twice"), values[i]);
    }

  return TRUE;
}

/**
 * clt_validate_web_url:
 * @url: (nullable): a web address; NULL and "" are valid
 * @message: (out) (optional) (transfer full): what is wrong
 *
 * An https:// address, or http:// on this computer (localhost, 127.0.0.1,
 * [::1]) for a shop under development; a host name or IP address, no user
 * name or password, at most CLT_VALIDATE_MAX_TEXT characters of the text
 * rules, none a space, quote, angle bracket or backslash.
 *
 * Returns: whether @url is such an address
 */
gboolean
clt_validate_web_url (const char  *url,
                      char       **message)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || url[0] == '\0')
    return TRUE;

  if (!check_text (url, CLT_VALIDATE_MAX_TEXT, FALSE, message))
    return FALSE;

  for (const char *p = url; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!is_url_char (g_utf8_get_char (p)))
        return fail (message, _("Enter a web address like https://shop.example"));
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return fail (message, _("Enter a web address like https://shop.example"));

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (strcmp (scheme, "https") != 0 && strcmp (scheme, "http") != 0)
    return fail (message, _("Enter an address that starts with https://"));
  if (!check_url_host (host))
    return fail (message, _("Enter a web address like https://shop.example"));
  if (strcmp (scheme, "http") == 0 && !is_local_host (host))
    return fail (message, _("Enter an address that starts with https://"));
  if (g_uri_get_userinfo (uri) != NULL)
    return fail (message, _("Remove the user name and password from the address"));

  return TRUE;
}

/**
 * clt_validate_shop:
 * @object: a CltSite, CltGroup, CltCompany or CltCustomField
 * @error: a CLT_STORE_ERROR_INVALID naming the first failing field
 *
 * Returns: what clt_validate_site () (group, company, custom field)
 *   returns for @object
 */
gboolean
clt_validate_shop (gpointer   object,
                   GError   **error)
{
  const ObjectCheck *checks;
  gsize n_checks;

  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);

  checks = find_checks (object, &n_checks);
  g_return_val_if_fail (checks != NULL, FALSE);

  return run_object_checks (object, checks, n_checks, error);
}

/**
 * clt_validate_shop_field:
 * @object: a CltSite, CltGroup, CltCompany or CltCustomField
 * @field: the name of one of its properties
 * @message: (out) (optional) (transfer full): what is wrong
 *
 * For editors that check each field as the user types: the rule
 * clt_validate_site () (group, company, custom field) applies to @field.
 *
 * Returns: whether @field of @object is valid; a property without rules
 *   always is
 */
gboolean
clt_validate_shop_field (gpointer     object,
                         const char  *field,
                         char       **message)
{
  const ObjectCheck *checks;
  gsize n_checks;

  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (message == NULL || *message == NULL, FALSE);

  checks = find_checks (object, &n_checks);
  g_return_val_if_fail (checks != NULL, FALSE);

  for (gsize i = 0; i < n_checks; i++)
    {
      if (strcmp (checks[i].field, field) == 0)
        return checks[i].check (object, message);
    }

  return TRUE;
}

static gboolean
kind_has_state (CltMarketingKind  kind,
                CltMarketingState state)
{
  switch (kind)
    {
    case CLT_MARKETING_KIND_SEGMENT:
      return state == CLT_MARKETING_STATE_NONE;
    case CLT_MARKETING_KIND_COUPON:
      return state == CLT_MARKETING_STATE_ACTIVE || state == CLT_MARKETING_STATE_REDEEMED;
    case CLT_MARKETING_KIND_DELIVERY:
      return state == CLT_MARKETING_STATE_DELIVERED || state == CLT_MARKETING_STATE_OPENED ||
             state == CLT_MARKETING_STATE_BOUNCED;
    default:
      return FALSE;
    }
}

/**
 * clt_validate_marketing_record:
 * @record: a marketing record
 * @field: (out): the property at fault
 * @message: (out) (optional) (transfer full): what is wrong
 */
gboolean
clt_validate_marketing_record (CltMarketingRecord  *record,
                               const char         **field,
                               char               **message)
{
  const char *name;

  g_return_val_if_fail (CLT_IS_MARKETING_RECORD (record), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  name = clt_marketing_record_get_name (record);

  *field = "name";
  if (name[0] == '\0')
    {
      if (message != NULL)
        *message = g_strdup (_("Enter a name."));
      return FALSE;
    }
  if (!clt_validate_text (name, CLT_VALIDATE_MAX_TEXT, FALSE, message))
    return FALSE;

  *field = "code";
  if (!clt_validate_text (clt_marketing_record_get_code (record), CLT_VALIDATE_MAX_CODE, FALSE,
                          message))
    return FALSE;

  *field = "detail";
  if (!clt_validate_text (clt_marketing_record_get_detail (record), CLT_VALIDATE_MAX_CODE, FALSE,
                          message))
    return FALSE;

  *field = "state";
  if (!kind_has_state (clt_marketing_record_get_kind (record),
                       clt_marketing_record_get_state (record)))
    {
      if (message != NULL)
        *message = g_strdup (_("This state does not fit this kind of marketing record."));
      return FALSE;
    }

  *field = NULL;
  return TRUE;
}
