/* clt-json-problem.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * application/problem+json (RFC 9457) ↔ CLT_STORE_ERROR, and the names of
 * error fields on either side.
 */

#define G_LOG_DOMAIN "clt-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "clt-json-private.h"

/* CltStoreError has no generated enum type (it lives in clt-error.h, not
 * clt-enums.h), so its nicks are spelled out here, in the enum's order. */
static const struct
{
  CltStoreError  code;
  const char    *nick;
  guint          status;
} codes[] = {
  { CLT_STORE_ERROR_FAILED, "failed", 500 },
  { CLT_STORE_ERROR_NOT_FOUND, "not-found", 404 },
  { CLT_STORE_ERROR_INVALID, "invalid", 422 },
  { CLT_STORE_ERROR_CONFLICT, "conflict", 409 },
  { CLT_STORE_ERROR_STALE, "stale", 412 },
  { CLT_STORE_ERROR_READ_ONLY, "read-only", 403 },
  { CLT_STORE_ERROR_PERMISSION_DENIED, "permission-denied", 403 },
  { CLT_STORE_ERROR_NOT_SIGNED_IN, "not-signed-in", 401 },
  { CLT_STORE_ERROR_TOO_MANY_REQUESTS, "too-many-requests", 429 },
  { CLT_STORE_ERROR_TOO_LARGE, "too-large", 413 },
  { CLT_STORE_ERROR_UNAVAILABLE, "unavailable", 503 },
  { CLT_STORE_ERROR_NOT_SUPPORTED, "not-supported", 501 },
};

/* What a status means when the body does not say (not a problem, or an
 * unknown code). */
static const struct
{
  guint          status;
  CltStoreError  code;
  const char    *reason;
} statuses[] = {
  { 400, CLT_STORE_ERROR_INVALID, "Bad Request" },
  { 401, CLT_STORE_ERROR_NOT_SIGNED_IN, "Unauthorized" },
  { 403, CLT_STORE_ERROR_PERMISSION_DENIED, "Forbidden" },
  { 404, CLT_STORE_ERROR_NOT_FOUND, "Not Found" },
  { 405, CLT_STORE_ERROR_NOT_SUPPORTED, "Method Not Allowed" },
  { 408, CLT_STORE_ERROR_UNAVAILABLE, "Request Timeout" },
  { 409, CLT_STORE_ERROR_CONFLICT, "Conflict" },
  { 410, CLT_STORE_ERROR_NOT_FOUND, "Gone" },
  { 412, CLT_STORE_ERROR_STALE, "Precondition Failed" },
  { 413, CLT_STORE_ERROR_TOO_LARGE, "Content Too Large" },
  { 422, CLT_STORE_ERROR_INVALID, "Unprocessable Content" },
  { 428, CLT_STORE_ERROR_INVALID, "Precondition Required" },
  { 429, CLT_STORE_ERROR_TOO_MANY_REQUESTS, "Too Many Requests" },
  { 500, CLT_STORE_ERROR_FAILED, "Internal Server Error" },
  { 501, CLT_STORE_ERROR_NOT_SUPPORTED, "Not Implemented" },
  { 502, CLT_STORE_ERROR_UNAVAILABLE, "Bad Gateway" },
  { 503, CLT_STORE_ERROR_UNAVAILABLE, "Service Unavailable" },
  { 504, CLT_STORE_ERROR_UNAVAILABLE, "Gateway Timeout" },
};

/* The customer's members that are not its properties' names. */
static const struct
{
  const char *field;
  const char *member;
} renames[] = {
  { "number", "customerNumber" },
  { "currency", "preferredCurrency" },
  { "locale", "preferredLanguage" },
  { "registered", "createdAt" },
  { "updated", "updatedAt" },
};

/* Field names {{{ */

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

typedef void (*ConvertName) (GString *out, const char *name, gsize length, gboolean first);

static void
to_member (GString    *out,
           const char *name,
           gsize       length,
           gboolean    first)
{
  for (guint i = 0; first && i < G_N_ELEMENTS (renames); i++)
    {
      if (strlen (renames[i].field) == length && memcmp (renames[i].field, name, length) == 0)
        {
          g_string_append (out, renames[i].member);
          return;
        }
    }

  for (gsize i = 0; i < length; i++)
    {
      if (name[i] == '-' && i + 1 < length && g_ascii_islower (name[i + 1]))
        g_string_append_c (out, g_ascii_toupper (name[++i]));
      else
        g_string_append_c (out, name[i]);
    }
}

static void
to_field (GString    *out,
          const char *name,
          gsize       length,
          gboolean    first)
{
  for (guint i = 0; first && i < G_N_ELEMENTS (renames); i++)
    {
      if (strlen (renames[i].member) == length && memcmp (renames[i].member, name, length) == 0)
        {
          g_string_append (out, renames[i].field);
          return;
        }
    }

  /* Already a property name. */
  if (memchr (name, '-', length) != NULL)
    {
      g_string_append_len (out, name, length);
      return;
    }

  for (gsize i = 0; i < length; i++)
    {
      if (g_ascii_isupper (name[i]) && i > 0)
        {
          g_string_append_c (out, '-');
          g_string_append_c (out, g_ascii_tolower (name[i]));
        }
      else
        g_string_append_c (out, name[i]);
    }
}

/* Converts each name of a path like "addresses[2].zip-code"; renames
 * apply to the first name only (the customer's own members). */
static char *
convert_path (const char  *path,
              ConvertName  convert)
{
  GString *out;
  gboolean first = TRUE;

  if (path == NULL)
    return NULL;

  out = g_string_sized_new (strlen (path) + 8);
  for (const char *p = path; *p != '\0';)
    {
      const char *start = p;

      /* Digits inside [] are indexes, not names. */
      if (!is_name_char (*p) || (g_ascii_isdigit (*p) && p > path && p[-1] == '['))
        {
          g_string_append_c (out, *p++);
          continue;
        }

      while (is_name_char (*p))
        p++;
      convert (out, start, (gsize) (p - start), first);
      first = FALSE;
    }

  return g_string_free (out, FALSE);
}

/**
 * clt_json_member_for_field:
 * @field: (nullable): a property name or path ("zip-code",
 *   "addresses[0].zip-code"), or already a member
 *
 * Returns: (transfer full) (nullable): the camelCase member (path)
 */
char *
clt_json_member_for_field (const char *field)
{
  return convert_path (field, to_member);
}

/**
 * clt_json_field_for_member:
 * @member: (nullable): a camelCase member or path, or already a field
 *
 * Returns: (transfer full) (nullable): the property name (path)
 */
char *
clt_json_field_for_member (const char *member)
{
  return convert_path (member, to_field);
}

/* }}} */

/* Problems {{{ */

static const char *
reason_for_status (guint status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (statuses[i].status == status)
      return statuses[i].reason;

  return status >= 500 ? "Server Error" : "Client Error";
}

/**
 * clt_json_error_code:
 * @error: any error
 *
 * Returns: the "code" of a problem about @error
 */
const char *
clt_json_error_code (const GError *error)
{
  g_return_val_if_fail (error != NULL, "failed");

  if (error->domain == CLT_STORE_ERROR)
    for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
      if ((int) codes[i].code == error->code)
        return codes[i].nick;

  return "failed";
}

guint
clt_json_status_for_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, 500);

  if (error->domain == CLT_STORE_ERROR)
    for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
      if ((int) codes[i].code == error->code)
        return codes[i].status;

  return 500;
}

/**
 * clt_json_problem_new:
 * @error: what went wrong
 * @http_status: the status to answer with, 0 for the usual one
 *
 * Returns: (transfer full): an application/problem+json object
 */
JsonNode *
clt_json_problem_new (const GError *error,
                      guint         http_status)
{
  JsonObject *object;
  JsonNode *node;
  g_autofree char *detail = NULL;
  const char *field = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (http_status == 0)
    http_status = clt_json_status_for_error (error);

  /* Other domains are the server's own trouble (a file, a socket): their
   * messages may show internals, and say nothing a client can act on. */
  if (error->domain == CLT_STORE_ERROR)
    detail = g_utf8_make_valid (error->message, -1);
  else
    detail = g_strdup (_("The server could not complete the request."));

  object = json_object_new ();
  json_object_set_string_member (object, "type", "about:blank");
  json_object_set_string_member (object, "title", reason_for_status (http_status));
  json_object_set_int_member (object, "status", http_status);
  json_object_set_string_member (object, "detail", detail);
  json_object_set_string_member (object, "code", clt_json_error_code (error));

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID)
      || g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT))
    field = clt_store_error_get_field (error);

  if (field != NULL && field[0] != '\0')
    {
      g_autofree char *member = clt_json_member_for_field (field);
      g_autofree char *valid = g_utf8_make_valid (member, -1);
      JsonObject *entry = json_object_new ();
      JsonArray *errors = json_array_new ();

      json_object_set_string_member (entry, "field", valid);
      json_object_set_string_member (entry, "message", detail);
      json_array_add_object_element (errors, entry);
      json_object_set_array_member (object, "errors", errors);
    }

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_MANY_REQUESTS)
      && clt_store_error_get_retry_after (error) > 0)
    json_object_set_int_member (object, "retryAfter", clt_store_error_get_retry_after (error));

  /* The node takes the object (json_node_init_object () would add a
   * reference, and the object would outlive the node). */
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * clt_json_problem_from_error:
 * @error: what went wrong
 * @http_status: (out) (optional): the status to answer with
 *
 * Returns: (transfer full): an application/problem+json object
 */
JsonNode *
clt_json_problem_from_error (const GError *error,
                             guint        *http_status)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (http_status != NULL)
    *http_status = clt_json_status_for_error (error);

  return clt_json_problem_new (error, 0);
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (node);
  return clt_json_check_text (text) && text[0] != '\0' ? text : NULL;
}

static gint64
get_int_member (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;

  return json_node_get_int (node);
}

static const char *
get_first_field (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "errors");
  JsonArray *errors;
  JsonNode *first;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  errors = json_node_get_array (node);
  if (json_array_get_length (errors) == 0)
    return NULL;

  first = json_array_get_element (errors, 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return NULL;

  return get_string_member (json_node_get_object (first), "field");
}

static char *
default_message (CltStoreError code,
                 guint         http_status)
{
  switch (code)
    {
    case CLT_STORE_ERROR_NOT_FOUND:
      return g_strdup (_("The server does not have it (any more)."));
    case CLT_STORE_ERROR_INVALID:
      return g_strdup (_("The server refused the values sent."));
    case CLT_STORE_ERROR_CONFLICT:
      return g_strdup (_("The server refused a value that is already taken."));
    case CLT_STORE_ERROR_STALE:
      return g_strdup (_("Someone else changed this since it was read. Reload to see the change."));
    case CLT_STORE_ERROR_READ_ONLY:
      return g_strdup (_("The server can show the data but not change it."));
    case CLT_STORE_ERROR_PERMISSION_DENIED:
      return g_strdup (_("Your role on the server may not do this."));
    case CLT_STORE_ERROR_NOT_SIGNED_IN:
      return g_strdup (_("The server did not accept the sign-in. Check the token."));
    case CLT_STORE_ERROR_TOO_MANY_REQUESTS:
      return g_strdup (_("The server got too many requests. Try again shortly."));
    case CLT_STORE_ERROR_TOO_LARGE:
      return g_strdup (_("The request is too large for the server."));
    case CLT_STORE_ERROR_UNAVAILABLE:
      return g_strdup (_("The server is unavailable. Try again later."));
    case CLT_STORE_ERROR_NOT_SUPPORTED:
      return g_strdup (_("The server does not offer this."));
    case CLT_STORE_ERROR_FAILED:
    default:
      return g_strdup_printf (_("The server could not complete the request (HTTP status %u)."),
                              http_status);
    }
}

static CltStoreError
code_for_status (guint http_status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (statuses[i].status == http_status)
      return statuses[i].code;

  return CLT_STORE_ERROR_FAILED;
}

/**
 * clt_json_problem_to_error:
 * @node: (nullable): the body of an error answer, if it had a JSON one
 * @http_status: the answer's status (0: take the body's "status")
 *
 * Returns: (transfer full): a CLT_STORE_ERROR
 */
GError *
clt_json_problem_to_error (JsonNode *node,
                           guint     http_status)
{
  JsonObject *object = NULL;
  const char *nick = NULL;
  const char *detail = NULL;
  const char *member = NULL;
  g_autofree char *field = NULL;
  g_autofree char *message = NULL;
  CltStoreError code = CLT_STORE_ERROR_FAILED;
  gboolean known = FALSE;
  gint64 retry_after = -1;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    object = json_node_get_object (node);

  if (object != NULL)
    {
      gint64 body_status = get_int_member (object, "status");

      if (http_status == 0 && body_status >= 100 && body_status <= 599)
        http_status = (guint) body_status;

      nick = get_string_member (object, "code");
      detail = get_string_member (object, "detail");
      member = get_first_field (object);
      retry_after = get_int_member (object, "retryAfter");
    }

  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (codes) && !known; i++)
    {
      if (g_str_equal (codes[i].nick, nick))
        {
          code = codes[i].code;
          known = TRUE;
        }
    }
  if (!known)
    code = code_for_status (http_status);

  message = detail != NULL ? g_strdup (detail) : default_message (code, http_status);
  field = clt_json_field_for_member (member);

  switch (code)
    {
    case CLT_STORE_ERROR_INVALID:
      return clt_store_error_new_invalid (field, "%s", message);
    case CLT_STORE_ERROR_CONFLICT:
      return clt_store_error_new_conflict (field, "%s", message);
    case CLT_STORE_ERROR_TOO_MANY_REQUESTS:
      return clt_store_error_new_retry_after ((guint) CLAMP (retry_after, 0, G_MAXUINT), "%s",
                                              message);
    case CLT_STORE_ERROR_FAILED:
    case CLT_STORE_ERROR_NOT_FOUND:
    case CLT_STORE_ERROR_STALE:
    case CLT_STORE_ERROR_READ_ONLY:
    case CLT_STORE_ERROR_PERMISSION_DENIED:
    case CLT_STORE_ERROR_NOT_SIGNED_IN:
    case CLT_STORE_ERROR_TOO_LARGE:
    case CLT_STORE_ERROR_UNAVAILABLE:
    case CLT_STORE_ERROR_NOT_SUPPORTED:
    default:
      return g_error_new_literal (CLT_STORE_ERROR, code, message);
    }
}

/* }}} */
