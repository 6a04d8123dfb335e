/* clt-validate.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "clt-types.h"

G_BEGIN_DECLS

/* Every rule a customer, an address or a note must meet, in one place: the
 * dialogs check each field as the user types, the stores and the server
 * check whole objects before writing.
 *
 * Object checks return FALSE with a CLT_STORE_ERROR_INVALID error naming
 * the first failing field (clt_store_error_get_field()), in the order the
 * edit dialogs show the fields. Field checks (`_field()`) return FALSE and
 * a message to show next to the field; a property without rules is always
 * valid. Messages are short, translated and fit to show a user as they are.
 *
 * Rules common to text: valid UTF-8, no control characters (line breaks and
 * tabs only in the multi-line fields: address comment, note message), no
 * noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF), no invisible format
 * characters (Unicode Cf: zero-width space, word joiner, byte order mark,
 * soft hyphen, bidirectional marks, embeddings, overrides and isolates,
 * tags) except the zero-width non-joiner and joiner (U+200C, U+200D) that
 * Persian, Indic scripts and emoji need; at most CLT_VALIDATE_MAX_*
 * characters. Unassigned code points are allowed: a newer system may know
 * them. A required field that holds only white space and format
 * characters counts as empty.
 *
 * Emails: one "@"; no spaces, no format characters at all, no control,
 * unassigned, private-use or noncharacters; the part before the "@" at
 * most 64 bytes, dot-atom syntax or non-ASCII, without full-width or other
 * compatibility forms ("Ａlice" is refused, not folded: it is another
 * mailbox); the domain in letters, digits, marks and hyphens, accepted by
 * IDNA (g_hostname_to_ascii()), "xn--" labels real A-labels; at most 254
 * bytes in the normalized form (clt_validate_normalize_email()).
 *
 * Customers: email required on create (syntax checked whenever set), first
 * and last name required, currency required and a known ISO 4217 code;
 * date of birth optional, "YYYY-MM-DD", a real day after 1900-01-01 and
 * before today; gender one of CltGender; phone optional, 3 to 32 of
 * digits, spaces and + ( ) - / . with at least 3 digits; "id" (custom ID)
 * optional on create, required on update, `[A-Za-z0-9_-]{1,66}` (generated
 * IDs must fit it too); locale empty or from clt_iso_codes_get_locales();
 * groups and roles non-empty, at most 64 characters each; custom fields
 * keyed `[a-z][a-z0-9_]*`, their text values at most 2000 characters.
 *
 * Addresses: "customer-id" always, "id" on update; first name, last name,
 * address1, zip code, city and country required; country a known ISO
 * 3166-1 alpha-2 code; zip code in the country's format where we know it
 * (DE, AT, CH, FR, US, GB, NL, PL, …), else 1 to 16 letters, digits,
 * spaces or hyphens. Its message depends on the country: check "zip-code"
 * again when "country" changes.
 *
 * Notes: a message that is not blank, at most 5000 characters.
 *
 * Lists (groups, roles, business units): at most
 * CLT_VALIDATE_MAX_LIST_ITEMS entries, each text that is not blank, at
 * most 64 characters, listed once.
 *
 * Sites: "code" `[A-Za-z0-9_-]{1,64}`; "name" required, at most 200
 * characters; "storefront-url" optional, a web address (see
 * clt_validate_web_url()) without "?" or "#", since links are appended to
 * it; "assisted-buying-url" optional, a web address with placeholders in
 * braces: {token} (required), {customerNumber}, {customerId}, {site};
 * "default-currency" empty or ISO 4217; "default-locale" empty or
 * known. Groups: "code" as sites, "name" required, "description" at most
 * 2000 characters on several lines. Companies: "id" a custom ID
 * (required), "name" required, at most 200 characters; "business-units"
 * and "roles" lists. Custom fields: "key" `[a-z][a-z0-9_]*`, at most 64;
 * "label" required, at most 200 characters; "type" a CltCustomFieldType;
 * "choices" a list (entries of at most 200 characters) for a choice list,
 * at least one, and empty for the other types.
 * The rules that need the database (a code taken, a type that cannot
 * change while values exist) stay with the store. */

typedef enum
{
  CLT_VALIDATE_CREATE,
  CLT_VALIDATE_UPDATE,
} CltValidateMode;

#define CLT_VALIDATE_MAX_EMAIL        254
#define CLT_VALIDATE_MAX_EMAIL_LOCAL  64
#define CLT_VALIDATE_MAX_NAME         100
#define CLT_VALIDATE_MAX_SALUTATION   32
#define CLT_VALIDATE_MAX_TITLE        64
#define CLT_VALIDATE_MAX_COMPANY      200
#define CLT_VALIDATE_MAX_ID           66
#define CLT_VALIDATE_MAX_CODE         64
#define CLT_VALIDATE_MAX_TEXT         200
#define CLT_VALIDATE_MAX_ADDRESS_LINE 200
#define CLT_VALIDATE_MAX_CITY         100
#define CLT_VALIDATE_MAX_ZIP_CODE     16
#define CLT_VALIDATE_MAX_COMMENT      2000
#define CLT_VALIDATE_MAX_NOTE         5000
#define CLT_VALIDATE_MIN_PASSWORD     8
#define CLT_VALIDATE_MAX_PASSWORD     128

/* Bounds on what one call may ask for or hand over: customers per page,
 * characters of search text, entries of a list argument (group codes,
 * roles, business units), customers per import call. */
#define CLT_VALIDATE_MAX_PAGE_SIZE    500
#define CLT_VALIDATE_MAX_SEARCH       200
#define CLT_VALIDATE_MAX_LIST_ITEMS   1000
#define CLT_VALIDATE_MAX_IMPORT_ROWS  10000

gboolean  clt_validate_customer            (CltCustomer      *customer,
                                            CltValidateMode   mode,
                                            GError          **error);
gboolean  clt_validate_customer_field      (CltCustomer      *customer,
                                            const char       *field,
                                            CltValidateMode   mode,
                                            char            **message);
gboolean  clt_validate_address             (CltAddress       *address,
                                            CltValidateMode   mode,
                                            GError          **error);
gboolean  clt_validate_address_field       (CltAddress       *address,
                                            const char       *field,
                                            CltValidateMode   mode,
                                            char            **message);
gboolean  clt_validate_note                (CltNote          *note,
                                            GError          **error);
/* For clt_store_add_note_async(), which takes the text alone; the error's
 * field is "message". */
gboolean  clt_validate_note_message        (const char       *text,
                                            GError          **error);

gboolean  clt_validate_site                (CltSite          *site,
                                            GError          **error);
gboolean  clt_validate_group               (CltGroup         *group,
                                            GError          **error);
gboolean  clt_validate_company             (CltCompany       *company,
                                            GError          **error);
gboolean  clt_validate_custom_field        (CltCustomField   *field,
                                            GError          **error);
/* Attaching a customer to a company (clt_store_assign_company_async ()):
 * @company is the stored company @company_id names, or NULL when there is
 * none; with an empty @company_id (detach) no unit and no role. The
 * error's field is "company-id", "business-unit" or "roles". */
gboolean  clt_validate_company_assignment  (CltCompany          *company,
                                            const char          *company_id,
                                            const char          *business_unit,
                                            const char * const  *roles,
                                            GError             **error);
/* A marketing record an import brings along with a customer: a name of
 * at most CLT_VALIDATE_MAX_TEXT characters, a code and detail of at most
 * CLT_VALIDATE_MAX_CODE, a kind and a state that kind has (a segment
 * none; a coupon active or redeemed; a delivery delivered, opened or
 * bounced). On failure @field is the property at fault. */
gboolean  clt_validate_marketing_record    (CltMarketingRecord  *record,
                                            const char         **field,
                                            char               **message);
/* For editors of any of them: @object is a CltSite, CltGroup, CltCompany
 * or CltCustomField; the whole object, or its property @field. */
gboolean  clt_validate_shop                (gpointer          object,
                                            GError          **error);
gboolean  clt_validate_shop_field          (gpointer          object,
                                            const char       *field,
                                            char            **message);
gboolean  clt_validate_query               (CltQuery         *query,
                                            GError          **error);
gboolean  clt_validate_page                (guint             page_index,
                                            guint             page_size,
                                            GError          **error);
/* What every store checks of a list_customers () call: TOO_LARGE above
 * the largest page, else clt_validate_page () and (@query not NULL)
 * clt_validate_query (). */
gboolean  clt_validate_list_request        (guint             page_index,
                                            guint             page_size,
                                            CltQuery         *query,
                                            GError          **error);
/* Whether @value fits @field's type; for the customer's "custom-fields". */
gboolean  clt_validate_custom_field_value  (CltCustomField   *field,
                                            GVariant         *value,
                                            char            **message);

/* Single values, for callers that hold no object (the server, search,
 * the password row). Those marked optional accept "". */
gboolean  clt_validate_text                (const char       *value,
                                            guint             max_chars,
                                            gboolean          multi_line,
                                            char            **message);
gboolean  clt_validate_email               (const char       *email,
                                            char            **message);
gboolean  clt_validate_date_of_birth       (const char       *date,
                                            char            **message);   /* optional */
gboolean  clt_validate_phone               (const char       *phone,
                                            char            **message);   /* optional */
gboolean  clt_validate_custom_id           (const char       *id,
                                            char            **message);   /* optional */
/* A site or group code, required. */
gboolean  clt_validate_code                (const char       *code,
                                            char            **message);
/* Group codes, roles, business units; NULL is an empty list. */
gboolean  clt_validate_list                (const char * const  *values,
                                            guint                max_chars,
                                            char               **message);
/* https://, or http:// on localhost, 127.0.0.1 or [::1]. */
gboolean  clt_validate_web_url             (const char       *url,
                                            char            **message);   /* optional */
gboolean  clt_validate_locale              (const char       *locale,
                                            char            **message);   /* optional */
gboolean  clt_validate_currency            (const char       *currency,
                                            char            **message);
gboolean  clt_validate_country             (const char       *country,
                                            char            **message);
/* @country may be "" or unknown: then only the general rule applies. */
gboolean  clt_validate_zip_code            (const char       *country,
                                            const char       *zip_code,
                                            char            **message);
/* For a typed initial password: 8 to 128 characters, no control characters. */
gboolean  clt_validate_password            (const char       *password,
                                            char            **message);

/* The one form an email is stored and compared in: white space around it
 * removed, NFC, lower case, the domain in IDNA ASCII form. */
char     *clt_validate_normalize_email     (const char       *email);

G_END_DECLS
