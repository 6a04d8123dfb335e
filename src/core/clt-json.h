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
 * "createdAt", "updated" → "updatedAt"). Enums are their nicks, dates
 * ISO 8601 in UTC, string lists arrays, custom field values an object.
 *
 * Parsing untrusted input never crashes and never trusts: a member of the
 * wrong type, an unknown member or a value out of range fails with
 * CLT_STORE_ERROR_INVALID naming the member (clt_store_error_get_field ()).
 * Read-only members (id, customerNumber, version, createdAt, updatedAt,
 * author, status, …) are taken only when @flags has
 * CLT_JSON_READ_ONLY_MEMBERS (the client reading the server's answer),
 * and silently skipped otherwise (the server reading a client's body). */

typedef enum
{
  CLT_JSON_FLAGS_NONE        = 0,
  CLT_JSON_READ_ONLY_MEMBERS = 1 << 0,  /* take id, version, dates, … too */
  CLT_JSON_WRITABLE_ONLY     = 1 << 1,  /* when writing: leave read-only members out */
} CltJsonFlags;

/* Any of CltCustomer, CltAddress, CltNote, CltOrder, CltEmail, CltSite,
 * CltGroup, CltCompany, CltCustomField, CltShopPreferences,
 * CltBackofficeUser, CltImportReport, CltCustomerDetails. */
JsonNode   *clt_json_from_object       (gpointer       object,
                                        CltJsonFlags   flags);
/* An array of such objects. */
JsonNode   *clt_json_from_array        (GPtrArray     *objects,
                                        CltJsonFlags   flags);

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

/* application/problem+json ↔ GError (CLT_STORE_ERROR): "status",
 * "title", "detail" (the message), "code" (the error's nick, see
 * clt_json_error_code_*), "errors" [{"field", "message"}] for
 * INVALID/CONFLICT, "retryAfter" for TOO_MANY_REQUESTS. */
JsonNode   *clt_json_problem_from_error (const GError *error,
                                         guint        *http_status);
GError     *clt_json_problem_to_error   (JsonNode     *node,
                                         guint         http_status);
/* The HTTP status for a CLT_STORE_ERROR code (500 for anything else). */
guint       clt_json_status_for_error   (const GError *error);

/* A change of the feed: {"seq", "kind" (CltChangeKind nick), "id"}. */
JsonNode   *clt_json_change_new         (gint64        seq,
                                         CltChangeKind kind,
                                         const char   *id);
gboolean    clt_json_change_parse       (JsonNode     *node,
                                         gint64       *seq,
                                         CltChangeKind *kind,
                                         char        **id,
                                         GError      **error);

G_END_DECLS
