/* clt-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

/* The one mapping between Clientele's objects and JSON, shared by the REST
 * client (src/rest/) and clientele-server (src/server/); data/openapi.yaml
 * describes the result.
 *
 * Members are camelCase (property "first-name" → "firstName"), with the
 * Emporix names where it has one ("number" → "customerNumber", "currency"
 * → "preferredCurrency", "locale" → "preferredLanguage", "registered" →
 * "createdAt", "updated" → "updatedAt"; on notes, orders and emails
 * "created" → "createdAt"). Enums are their nicks, dates ISO 8601 in UTC
 * ("2024-05-01T12:00:00Z", fractions of a second when there are any, null
 * when unset), string lists arrays, custom field values an object (text,
 * number or true/false; null leaves the key out). Text members are
 * written as "" when empty and read as "" from null.
 *
 * Parsing untrusted input never crashes and never trusts: a member of the
 * wrong type, an unknown member or a value out of range fails with
 * CLT_STORE_ERROR_INVALID naming the member (clt_store_error_get_field ():
 * the camelCase member, "addresses[2].zipCode" inside nested objects,
 * "[4].email" inside an array given to clt_json_to_array ()).
 *
 * Which members a body may set (the rest are output):
 * - writable: taken from every body.
 * - create-only: taken by clt_json_to_object () (a create may choose the
 *   id or code), skipped by clt_json_apply () (a PATCH cannot rename).
 * - read-only: taken only when @flags has CLT_JSON_READ_ONLY_MEMBERS (the
 *   client reading the server's answer; the server reading an import,
 *   which brings numbers, dates and orders over from another system), and
 *   silently skipped otherwise (the server reading a client's body).
 * - output: derived, written but never set (checked when read with
 *   CLT_JSON_READ_ONLY_MEMBERS, then ignored).
 *
 * Per type (create-only C, read-only R, output O; unmarked: writable):
 *   CltCustomer: id C, customerNumber R, email C, salutation, title,
 *     firstName, middleName, lastName, gender, dateOfBirth, phone, company,
 *     preferredLanguage, preferredCurrency, preferredSite, restriction,
 *     active, onHold, verified, createdAt R, updatedAt R, lastLogin R,
 *     anonymizedAt R, defaultBillingAddress, defaultShippingAddress,
 *     zipCode R, city R, country R (from the default address), groups,
 *     companyId, businessUnit, roles, customFields, version R, status O;
 *     import data: addresses C, orders C (arrays of CltAddress / CltOrder,
 *     written only when there are any; their own members are all taken).
 *     The internal "loaded" is never in JSON.
 *   CltAddress: id C, customerId R, salutation, firstName, lastName,
 *     address1, address2, address3, zipCode, city, region, country, phone,
 *     company, comment, version R.
 *   CltNote: id R, customerId R, author R, message, createdAt R.
 *   CltOrder: reference R, customerId R, createdAt R, status R, total R
 *     (minor units), currency R, site R.
 *   CltEmail: id R, customerId R, recipient R, subject R, body R, kind R,
 *     state R, createdAt R.
 *   CltSite: code C, name, storefrontUrl, defaultCurrency, defaultLocale,
 *     active, assistedBuying, assistedBuyingUrl, version R.
 *   CltAssistedSession: customerId R, customerNumber R, site R, siteName R,
 *     author R, authorName R, started R, expires R, redeemed R.
 *   CltGroup: code C, name, description, version R.
 *   CltCompany: id C, name, businessUnits, roles, version R.
 *   CltCustomField: key C, label, type, showAsColumn, version R.
 *   CltShopPreferences: shopName, defaultCurrency, defaultLocale,
 *     customerNumberPrefix, customerActiveOnCreation,
 *     customerOnHoldOnCreation, version R, localRole R.
 *   CltBackofficeUser: username R, displayName, role R.
 *   CltImportReport: imported, refusals ([{"index", "field" (camelCase,
 *     see clt_json_member_for_field ()), "message"}]).
 *   CltCustomerDetails: customer (required), addresses, notes, orders,
 *     emails, sites, groups, assistedBuying (the log), company (null when
 *     none), each read as its own type with the same @flags.
 *   The report and the details are answers only, never bodies a client
 *     sends, so their members are always read (and checked).
 *
 * The server reads a POST body with clt_json_to_object (), a PATCH with
 * clt_json_apply () on the stored object, an import with
 * CLT_JSON_READ_ONLY_MEMBERS; members a route reads itself ("password",
 * "sendPasswordToken") it removes from the body first, since any other
 * member is refused. */

typedef enum
{
  CLT_JSON_FLAGS_NONE        = 0,
  CLT_JSON_READ_ONLY_MEMBERS = 1 << 0,  /* take id, version, dates, … too */
  CLT_JSON_WRITABLE_ONLY     = 1 << 1,  /* when writing: leave read-only members out */
} CltJsonFlags;

/* Any of CltCustomer, CltAddress, CltNote, CltOrder, CltEmail, CltSite,
 * CltGroup, CltCompany, CltCustomField, CltShopPreferences,
 * CltBackofficeUser, CltAssistedSession, CltImportReport,
 * CltCustomerDetails. */
JsonNode   *clt_json_from_object       (gpointer       object,
                                        CltJsonFlags   flags);
/* An array of such objects. */
JsonNode   *clt_json_from_array        (GPtrArray     *objects,
                                        CltJsonFlags   flags);

/* The same as JSON text (what clt_json_to_string () of the node gives),
 * written directly: for answers of many objects. */
char       *clt_json_object_to_text    (gpointer       object,
                                        CltJsonFlags   flags,
                                        gsize         *length);
char       *clt_json_array_to_text     (GPtrArray     *objects,
                                        CltJsonFlags   flags,
                                        gsize         *length);

/* A new object of @type from a JSON object. */
gpointer    clt_json_to_object         (GType          type,
                                        JsonNode      *node,
                                        CltJsonFlags   flags,
                                        GError       **error);
/* A GPtrArray (g_object_unref) of @type from a JSON array. */
GPtrArray  *clt_json_to_array          (GType          type,
                                        JsonNode      *node,
                                        CltJsonFlags   flags,
                                        GError       **error);
/* PATCH: sets on @object only the members @node names (all-or-nothing:
 * on error @object is unchanged). */
gboolean    clt_json_apply             (gpointer       object,
                                        JsonNode      *node,
                                        CltJsonFlags   flags,
                                        GError       **error);

/* Parses @data (not NUL-terminated, @length bytes) as JSON: CLT_STORE_ERROR_
 * INVALID when it is not valid UTF-8 JSON or nests deeper than
 * @max_depth arrays/objects (checked before building the tree). */
JsonNode   *clt_json_parse             (const char    *data,
                                        gsize          length,
                                        guint          max_depth,
                                        GError       **error);
char       *clt_json_to_string         (JsonNode      *node);

/* application/problem+json ↔ GError (CLT_STORE_ERROR): "type"
 * ("about:blank"), "status", "title" (the HTTP reason phrase), "detail"
 * (the message), "code" (see clt_json_error_code ()), "errors" [{"field",
 * "message"}] for INVALID/CONFLICT naming a field, "retryAfter" (seconds)
 * for TOO_MANY_REQUESTS. @http_status (out, optional) of
 * clt_json_problem_from_error () is the status to answer with.
 * clt_json_problem_to_error () trusts nothing in @node (NULL or not a
 * problem: the error follows @http_status) and returns a CLT_STORE_ERROR
 * from "code" (else the status), keeping the field (as a property name,
 * clt_json_field_for_member ()) and the retry-after. */
JsonNode   *clt_json_problem_from_error (const GError *error,
                                         guint        *http_status);
GError     *clt_json_problem_to_error   (JsonNode     *node,
                                         guint         http_status);
/* As clt_json_problem_from_error () with the caller's @http_status in the
 * body (the server answers 400 for a body that is not JSON, 400 with code
 * "too-large" for a pageSize above 500); 0 picks the usual one. */
JsonNode   *clt_json_problem_new        (const GError *error,
                                         guint         http_status);
/* The HTTP status for a CLT_STORE_ERROR code (500 for anything else):
 * INVALID 422, CONFLICT 409, STALE 412, NOT_FOUND 404, PERMISSION_DENIED
 * and READ_ONLY 403, NOT_SIGNED_IN 401, TOO_MANY_REQUESTS 429, TOO_LARGE
 * 413, UNAVAILABLE 503, NOT_SUPPORTED 501, FAILED 500. */
guint       clt_json_status_for_error   (const GError *error);
/* The "code" of a problem for @error ("invalid", …; "failed" for errors
 * of other domains). */
const char *clt_json_error_code         (const GError *error);

/* Error fields: the store names properties ("first-name",
 * "addresses[0].zip-code"), problems name camelCase members ("firstName",
 * "addresses[0].zipCode", with the customer's renames above). The server
 * turns fields into members, the client members back into fields, so
 * that a dialog finds the row to mark. Either accepts what it returns
 * unchanged (a member stays a member). */
char       *clt_json_member_for_field   (const char   *field);
char       *clt_json_field_for_member   (const char   *member);

/* A change of the feed: {"seq", "kind" (CltChangeKind nick), "id"} (id
 * null for CLT_CHANGE_CUSTOMERS). Parsing refuses a negative or missing
 * seq, an unknown kind, an id that is not text, any other member. */
JsonNode   *clt_json_change_new         (gint64        seq,
                                         CltChangeKind kind,
                                         const char   *id);
gboolean    clt_json_change_parse       (JsonNode     *node,
                                         gint64       *seq,
                                         CltChangeKind *kind,
                                         char        **id,
                                         GError      **error);

/* Custom fields in the query of GET /customers, after Emporix's "mixins":
 * "mixins.KEY" (equals), "mixins.KEY.prefix", "mixins.KEY.min",
 * "mixins.KEY.max" (inclusive); "sort=mixins.KEY:asc". */
#define CLT_JSON_MIXINS_PREFIX "mixins."
char               *clt_json_field_filter_parameter (const char    *key,
                                                     CltFieldMatch  match);
/* Whether @name is such a parameter; @key (transfer full) and @match. */
gboolean            clt_json_parse_field_filter_parameter (const char    *name,
                                                           char         **key,
                                                           CltFieldMatch *match);

G_END_DECLS
