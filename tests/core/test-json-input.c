/* test-json-input.c
 *
 * Hostile request bodies, the parser's limits and problem bodies: what
 * the server reads from clients it does not trust.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "clt-address.h"
#include "clt-backoffice-user.h"
#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer-details.h"
#include "clt-customer.h"
#include "clt-email.h"
#include "clt-enum-types.h"
#include "clt-error.h"
#include "clt-group.h"
#include "clt-import-report.h"
#include "clt-json.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"

#include "json-test-util.h"

/* Hostile bodies {{{ */

static const struct
{
  GType     (*get_type) (void);
  const char *body;
  const char *field;
} hostile_bodies[] = {
  /* wrong member types */
  { clt_customer_get_type, "{\"firstName\": 5}", "firstName" },
  { clt_customer_get_type, "{\"firstName\": true}", "firstName" },
  { clt_customer_get_type, "{\"firstName\": [\"a\"]}", "firstName" },
  { clt_customer_get_type, "{\"firstName\": {\"a\": 1}}", "firstName" },
  { clt_customer_get_type, "{\"active\": \"true\"}", "active" },
  { clt_customer_get_type, "{\"active\": 1}", "active" },
  { clt_customer_get_type, "{\"active\": null}", "active" },
  { clt_customer_get_type, "{\"version\": 3}", NULL },   /* read-only: skipped, no error */
  { clt_site_get_type, "{\"active\": 0}", "active" },
  { clt_custom_field_get_type, "{\"showAsColumn\": \"no\"}", "showAsColumn" },
  /* enum nicks that do not exist, or are not strings */
  { clt_customer_get_type, "{\"gender\": \"robot\"}", "gender" },
  { clt_customer_get_type, "{\"gender\": 1}", "gender" },
  { clt_customer_get_type, "{\"gender\": \"MALE\"}", "gender" },
  { clt_custom_field_get_type, "{\"type\": \"blob\"}", "type" },
  { clt_backoffice_user_get_type, "{\"displayName\": 1}", "displayName" },
  /* arrays of wrong element types */
  { clt_customer_get_type, "{\"groups\": [1, 2]}", "groups" },
  { clt_customer_get_type, "{\"groups\": [\"a\", null]}", "groups" },
  { clt_customer_get_type, "{\"groups\": [[\"a\"]]}", "groups" },
  { clt_customer_get_type, "{\"groups\": \"vip\"}", "groups" },
  { clt_company_get_type, "{\"businessUnits\": [{\"name\": \"Sales\"}]}", "businessUnits" },
  { clt_company_get_type, "{\"roles\": {\"0\": \"buyer\"}}", "roles" },
  /* custom field values */
  { clt_customer_get_type, "{\"customFields\": [1]}", "customFields" },
  { clt_customer_get_type, "{\"customFields\": {\"a\": {\"b\": 1}}}", "customFields" },
  { clt_customer_get_type, "{\"customFields\": {\"a\": [1]}}", "customFields" },
  { clt_customer_get_type, "{\"customFields\": {\"a\": 9007199254740993}}", "customFields" },
  { clt_customer_get_type, "{\"customFields\": {\"\": 1}}", "customFields" },
  /* unknown members, also where a known name is nested */
  { clt_customer_get_type, "{\"isAdmin\": true}", "isAdmin" },
  { clt_customer_get_type, "{\"first_name\": \"Ada\"}", "first_name" },
  { clt_customer_get_type, "{\"loaded\": true}", "loaded" },
  { clt_customer_get_type, "{\"number\": \"C-1\"}", "number" },
  { clt_order_get_type, "{\"created\": \"x\"}", "created" },
  { clt_address_get_type, "{\"orders\": []}", "orders" },
  /* import payload of the wrong shape */
  { clt_customer_get_type, "{\"addresses\": {}}", "addresses" },
  { clt_customer_get_type, "{\"addresses\": [1]}", "addresses[0]" },
  { clt_customer_get_type, "{\"addresses\": [{}, {\"zipCode\": 50667}]}", "addresses[1].zipCode" },
  { clt_customer_get_type, "{\"orders\": [{\"total\": \"12\"}]}", "orders[0].total" },
  { clt_customer_get_type, "{\"orders\": [{\"total\": 1.5}]}", "orders[0].total" },
  /* not an object at all */
  { clt_customer_get_type, "[]", NULL },
  { clt_customer_get_type, "\"customer\"", NULL },
  { clt_customer_get_type, "null", NULL },
  { clt_customer_get_type, "42", NULL },
};

static void
test_hostile_members (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile_bodies); i++)
    {
      g_autoptr(JsonNode) node = parse (hostile_bodies[i].body);
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) object = NULL;
      gboolean expect_ok = g_str_equal (hostile_bodies[i].body, "{\"version\": 3}");

      g_test_message ("%s", hostile_bodies[i].body);
      object = clt_json_to_object (hostile_bodies[i].get_type (), node, CLT_JSON_FLAGS_NONE,
                                   &error);
      if (expect_ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (object);
          continue;
        }
      g_assert_null (object);
      assert_invalid (error, hostile_bodies[i].field);
    }
}

static const struct
{
  GType     (*get_type) (void);
  const char *body;
  const char *field;
} hostile_read_only[] = {
  /* dates that do not parse, or say no time zone */
  { clt_customer_get_type, "{\"createdAt\": \"yesterday\"}", "createdAt" },
  { clt_customer_get_type, "{\"createdAt\": \"2021-02-30T10:00:00Z\"}", "createdAt" },
  { clt_customer_get_type, "{\"createdAt\": \"2021-03-04T10:00:00\"}", "createdAt" },
  { clt_customer_get_type, "{\"createdAt\": 1614852000}", "createdAt" },
  { clt_note_get_type, "{\"createdAt\": \"\"}", "createdAt" },
  { clt_customer_get_type,
    "{\"lastLogin\": \"2021-03-04T10:00:00Z2021-03-04T10:00:00Z2021-03-04T10:00:00Z0000000000\"}",
    "lastLogin" },
  /* numbers out of range or not whole */
  { clt_customer_get_type, "{\"version\": -1}", "version" },
  { clt_customer_get_type, "{\"version\": 1.0}", "version" },
  { clt_customer_get_type, "{\"version\": \"3\"}", "version" },
  { clt_site_get_type, "{\"version\": 1e3}", "version" },
  /* derived members are checked even though they are not taken */
  { clt_customer_get_type, "{\"status\": \"deleted\"}", "status" },
  { clt_email_get_type, "{\"state\": \"lost\"}", "state" },
  { clt_shop_preferences_get_type, "{\"localRole\": \"root\"}", "localRole" },
  /* the report and the details */
  { clt_import_report_get_type, "{\"imported\": -1}", "imported" },
  { clt_import_report_get_type, "{\"imported\": 4294967296}", "imported" },
  { clt_import_report_get_type, "{\"refusals\": [{\"index\": 1, \"field\": 2}]}",
    "refusals[0].field" },
  { clt_import_report_get_type, "{\"refusals\": [{\"row\": 1}]}", "refusals[0].row" },
  { clt_import_report_get_type, "{\"refusals\": {}}", "refusals" },
  { clt_import_report_get_type, "{\"skipped\": 1}", "skipped" },
  { clt_customer_details_get_type, "{\"addresses\": []}", "customer" },
  { clt_customer_details_get_type, "{\"customer\": {}, \"notes\": [{\"message\": 1}]}",
    "notes[0].message" },
  { clt_customer_details_get_type, "{\"customer\": {\"gender\": \"x\"}}", "customer.gender" },
  { clt_customer_details_get_type, "{\"customer\": {}, \"company\": []}", "company" },
  { clt_customer_details_get_type, "{\"customer\": {}, \"sites\": {}}", "sites" },
  { clt_customer_details_get_type, "{\"customer\": {}, \"secrets\": 1}", "secrets" },
};

static void
test_hostile_read_only (void)
{
  /* The client must not trust the server's answer either. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile_read_only); i++)
    {
      g_autoptr(JsonNode) node = parse (hostile_read_only[i].body);
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) object = NULL;

      g_test_message ("%s", hostile_read_only[i].body);
      object = clt_json_to_object (hostile_read_only[i].get_type (), node,
                                   CLT_JSON_READ_ONLY_MEMBERS, &error);
      g_assert_null (object);
      assert_invalid (error, hostile_read_only[i].field);
    }
}

static void
test_hostile_text (void)
{
  /* Nodes built in-process can hold what clt_json_parse () refuses. */
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *groups = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CltCustomer) customer = clt_customer_new ();
  g_autoptr(GPtrArray) array = NULL;

  json_node_take_object (node, object);
  json_object_set_string_member (object, "firstName", "Ad\xc3\x28");
  g_assert_false (clt_json_apply (customer, node, CLT_JSON_FLAGS_NONE, &error));
  assert_invalid (error, "firstName");
  g_clear_error (&error);

  json_object_remove_member (object, "firstName");
  json_array_add_string_element (groups, "ok");
  json_array_add_string_element (groups, "\xff");
  json_object_set_array_member (object, "groups", groups);
  g_assert_false (clt_json_apply (customer, node, CLT_JSON_FLAGS_NONE, &error));
  assert_invalid (error, "groups");
  g_clear_error (&error);

  json_object_remove_member (object, "groups");
  json_object_set_int_member (object, "\xfe\xff", 1);
  g_assert_false (clt_json_apply (customer, node, CLT_JSON_FLAGS_NONE, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
  g_assert_true (g_utf8_validate (clt_store_error_get_field (error), -1, NULL));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  /* Arrays: wrong element types and not an array, with the element named. */
  g_clear_pointer (&node, json_node_unref);
  node = parse ("[{\"code\": \"a\"}, 7]");
  array = clt_json_to_array (CLT_TYPE_GROUP, node, CLT_JSON_FLAGS_NONE, &error);
  g_assert_null (array);
  assert_invalid (error, "[1]");
  g_clear_error (&error);

  g_clear_pointer (&node, json_node_unref);
  node = parse ("[{\"code\": \"a\"}, {\"code\": false}]");
  array = clt_json_to_array (CLT_TYPE_GROUP, node, CLT_JSON_FLAGS_NONE, &error);
  g_assert_null (array);
  assert_invalid (error, "[1].code");
  g_clear_error (&error);

  g_clear_pointer (&node, json_node_unref);
  node = parse ("{\"code\": \"a\"}");
  array = clt_json_to_array (CLT_TYPE_GROUP, node, CLT_JSON_FLAGS_NONE, &error);
  g_assert_null (array);
  assert_invalid (error, NULL);
  g_clear_error (&error);

  array = clt_json_to_array (CLT_TYPE_GROUP, NULL, CLT_JSON_FLAGS_NONE, &error);
  g_assert_null (array);
  assert_invalid (error, NULL);
}

/* }}} */

/* Parsing {{{ */

static char *
nested (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, i % 2 == 0 ? "[" : "{\"a\":");
  g_string_append (text, "1");
  for (guint i = depth; i > 0; i--)
    g_string_append (text, (i - 1) % 2 == 0 ? "]" : "}");

  return g_string_free (text, FALSE);
}

static void
test_parse_depth (void)
{
  g_autofree char *ok = nested (32);
  g_autofree char *deep = nested (33);
  g_autofree char *very_deep = nested (100000);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  /* Brackets inside strings, escaped quotes included, do not nest. */
  g_autofree char *inner = nested (31);
  g_autofree char *brackets = g_strnfill (100, '[');
  g_autofree char *in_strings = g_strdup_printf ("[\"%s{{\", \"\\\"[[[[\", \"\\\\\", %s]",
                                                 brackets, inner);

  node = clt_json_parse (ok, strlen (ok), 32, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  node = clt_json_parse (deep, strlen (deep), 32, &error);
  g_assert_null (node);
  assert_invalid (error, NULL);
  g_clear_error (&error);

  /* Refused by the scan: json-glib would recurse 100,000 deep. */
  node = clt_json_parse (very_deep, strlen (very_deep), 32, &error);
  g_assert_null (node);
  assert_invalid (error, NULL);
  g_clear_error (&error);

  /* 31 levels inside the outer array: 32 in all. */
  node = clt_json_parse (in_strings, strlen (in_strings), 32, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  /* One more outside the strings is one too many. */
  {
    g_autofree char *body = g_strdup_printf ("[%s]", in_strings);

    node = clt_json_parse (body, strlen (body), 32, &error);
    g_assert_null (node);
    assert_invalid (error, NULL);
  }
}

static const struct
{
  const char *text;
  gsize       length;   /* 0: strlen */
} bad_bodies[] = {
  { "", 0 },
  { "   \n\t ", 0 },
  { "{\"a\": \"b\xc3\x28\"}", 0 },            /* not UTF-8 */
  { "{\"a\": \"\xed\xa0\x80\"}", 0 },          /* an encoded surrogate */
  { "{\"a\": 1}\0{\"b\": 2}", 17 },             /* a NUL byte */
  { "{\"a\": \"x\\u0000y\"}", 0 },             /* a NUL escape */
  { "{\"a\": \"\\u12\"}", 0 },
  { "{\"a\": \"\\x41\"}", 0 },
  { "{\"a\": \"tab\there\"}", 0 },             /* a raw control character */
  { "{\"a\": \"open", 0 },
  { "/* \" */ [[[[[[[[[[1]]]]]]]]]] /* \" */", 0 },  /* comments json-glib reads */
  { "{'a': 1}", 0 },                          /* single quotes json-glib reads */
  { "[99999999999999999999]", 0 },             /* wraps in json-glib */
  { "[-9223372036854775809]", 0 },
  { "[1e400]", 0 },
  { "[1" "0000000000000000000000000000000000000000000000000000000000000000000000]", 0 },
  { "[tru]", 0 },
  { "[True]", 0 },
  { "[undefined]", 0 },
  { "[NaN]", 0 },
  { "[1,]", 0 },
  { "{\"a\" 1}", 0 },
  { "[1] [2]", 0 },
  { "]", 0 },
  { "{\"a\": 1}}", 0 },
};

static void
test_parse_bad (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_bodies); i++)
    {
      gsize length = bad_bodies[i].length != 0 ? bad_bodies[i].length
                                               : strlen (bad_bodies[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_test_message ("body %u", i);
      node = clt_json_parse (bad_bodies[i].text, length, 32, &error);
      g_assert_null (node);
      assert_invalid (error, NULL);
    }
}

static void
test_parse_good (void)
{
  static const char * const good[] = {
    "{}", "[]", "0", "-1", "\"text\"", "null", "true",
    "[9223372036854775807, -9223372036854775808, 1.5e300, -0.0, 1E-5]",
    "{\"a\": \"\\u00e9\\ud83d\\ude00 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"}",
    "  {\"ä\": [true, false, null]}  \r\n",
  };
  /* The bytes may be followed by anything: only @length counts. */
  const char *prefix = "{\"a\": 1}garbage";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(JsonNode) parsed = clt_json_parse (good[i], strlen (good[i]), 32, &error);

      g_assert_no_error (error);
      g_assert_nonnull (parsed);
    }

  node = clt_json_parse (prefix, 8, 32, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "a"), ==, 1);

  /* The tree is the caller's to change (the server takes "password" out). */
  json_object_remove_member (json_node_get_object (node), "a");
  g_assert_cmpuint (json_object_get_size (json_node_get_object (node)), ==, 0);
}

/* }}} */

/* Problems {{{ */

static const struct
{
  CltStoreError  code;
  const char    *nick;
  guint          status;
} problem_codes[] = {
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

static GError *
make_error (CltStoreError code)
{
  switch (code)
    {
    case CLT_STORE_ERROR_INVALID:
      return clt_store_error_new_invalid ("first-name", "Enter a first name.");
    case CLT_STORE_ERROR_CONFLICT:
      return clt_store_error_new_conflict ("email", "That email address is taken.");
    case CLT_STORE_ERROR_TOO_MANY_REQUESTS:
      return clt_store_error_new_retry_after (7, "Slow down.");
    default:
      return g_error_new (CLT_STORE_ERROR, code, "Error number %d, “quoted”.", code);
    }
}

static void
test_problem_round_trip (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (problem_codes), ==, CLT_STORE_ERROR_NOT_SUPPORTED + 1);

  for (guint i = 0; i < G_N_ELEMENTS (problem_codes); i++)
    {
      g_autoptr(GError) error = make_error (problem_codes[i].code);
      g_autoptr(GError) back = NULL;
      g_autoptr(JsonNode) problem = NULL;
      g_autoptr(JsonNode) again = NULL;
      JsonObject *object;
      guint status = 0;

      problem = clt_json_problem_from_error (error, &status);
      g_assert_cmpuint (status, ==, problem_codes[i].status);
      g_assert_cmpuint (clt_json_status_for_error (error), ==, problem_codes[i].status);
      g_assert_cmpstr (clt_json_error_code (error), ==, problem_codes[i].nick);

      object = json_node_get_object (problem);
      g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "about:blank");
      g_assert_cmpint (json_object_get_int_member (object, "status"), ==, status);
      g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, problem_codes[i].nick);
      g_assert_cmpstr (json_object_get_string_member (object, "detail"), ==, error->message);
      g_assert_cmpuint (strlen (json_object_get_string_member (object, "title")), >, 0);

      again = through_text (problem);
      back = clt_json_problem_to_error (again, status);
      g_assert_error (back, CLT_STORE_ERROR, (int) problem_codes[i].code);
      g_assert_cmpstr (back->message, ==, error->message);
      g_assert_cmpstr (clt_store_error_get_field (back), ==, clt_store_error_get_field (error));
      g_assert_cmpuint (clt_store_error_get_retry_after (back), ==,
                        clt_store_error_get_retry_after (error));

      /* The code wins over the status (the server's 400 "too-large"). */
      g_clear_error (&back);
      back = clt_json_problem_to_error (again, 400);
      g_assert_error (back, CLT_STORE_ERROR, (int) problem_codes[i].code);
    }
}

static void
test_problem_members (void)
{
  g_autoptr(GError) invalid = clt_store_error_new_invalid ("zip-code", "Enter a postcode.");
  g_autoptr(GError) many = clt_store_error_new_retry_after (30, "Slow down.");
  g_autoptr(GError) too_large = g_error_new_literal (CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_LARGE,
                                                     "At most 500 a page.");
  g_autoptr(GError) foreign = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                                                   "/var/lib/clientele/db: no space");
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  guint status;

  node = clt_json_problem_from_error (invalid, NULL);
  text = clt_json_to_string (node);
  g_assert_nonnull (strstr (text, "\"errors\":[{\"field\":\"zipCode\",\"message\":\"Enter a postcode.\"}]"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&node, json_node_unref);

  /* The caller may answer with another status: the body says so too. */
  node = clt_json_problem_new (invalid, 400);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "status"), ==, 400);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "title"), ==,
                   "Bad Request");
  g_clear_pointer (&node, json_node_unref);
  node = clt_json_problem_new (too_large, 400);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "code"), ==,
                   "too-large");
  g_clear_pointer (&node, json_node_unref);

  node = clt_json_problem_from_error (many, &status);
  g_assert_cmpuint (status, ==, 429);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "retryAfter"), ==, 30);
  g_assert_false (json_object_has_member (json_node_get_object (node), "errors"));
  g_clear_pointer (&node, json_node_unref);

  /* Another domain's message may show internals: it stays on the server. */
  node = clt_json_problem_from_error (foreign, &status);
  g_assert_cmpuint (status, ==, 500);
  text = clt_json_to_string (node);
  g_assert_null (strstr (text, "/var/lib"));
  g_assert_nonnull (strstr (text, "\"code\":\"failed\""));
}

static void
test_problem_hostile (void)
{
  static const struct
  {
    const char    *body;   /* NULL: no JSON body */
    guint          status;
    CltStoreError  code;
  } cases[] = {
    { NULL, 400, CLT_STORE_ERROR_INVALID },
    { NULL, 401, CLT_STORE_ERROR_NOT_SIGNED_IN },
    { NULL, 403, CLT_STORE_ERROR_PERMISSION_DENIED },
    { NULL, 404, CLT_STORE_ERROR_NOT_FOUND },
    { NULL, 409, CLT_STORE_ERROR_CONFLICT },
    { NULL, 412, CLT_STORE_ERROR_STALE },
    { NULL, 413, CLT_STORE_ERROR_TOO_LARGE },
    { NULL, 422, CLT_STORE_ERROR_INVALID },
    { NULL, 428, CLT_STORE_ERROR_INVALID },
    { NULL, 429, CLT_STORE_ERROR_TOO_MANY_REQUESTS },
    { NULL, 500, CLT_STORE_ERROR_FAILED },
    { NULL, 501, CLT_STORE_ERROR_NOT_SUPPORTED },
    { NULL, 502, CLT_STORE_ERROR_UNAVAILABLE },
    { NULL, 503, CLT_STORE_ERROR_UNAVAILABLE },
    { NULL, 418, CLT_STORE_ERROR_FAILED },
    { "[1, 2]", 404, CLT_STORE_ERROR_NOT_FOUND },
    { "{\"code\": \"exploded\"}", 503, CLT_STORE_ERROR_UNAVAILABLE },
    { "{\"code\": 4, \"detail\": 5, \"errors\": 6}", 422, CLT_STORE_ERROR_INVALID },
    { "{\"code\": \"conflict\", \"errors\": [7, {\"field\": 8}]}", 409, CLT_STORE_ERROR_CONFLICT },
    { "{\"code\": \"too-many-requests\", \"retryAfter\": -5}", 429,
      CLT_STORE_ERROR_TOO_MANY_REQUESTS },
    { "{\"code\": \"too-many-requests\", \"retryAfter\": 9999999999999}", 429,
      CLT_STORE_ERROR_TOO_MANY_REQUESTS },
    { "{\"status\": 404}", 0, CLT_STORE_ERROR_NOT_FOUND },
    { "{\"status\": 99999}", 0, CLT_STORE_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = cases[i].body != NULL ? parse (cases[i].body) : NULL;
      g_autoptr(GError) error = clt_json_problem_to_error (node, cases[i].status);

      g_test_message ("%s %u", cases[i].body, cases[i].status);
      g_assert_error (error, CLT_STORE_ERROR, (int) cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (strlen (error->message), >, 0);
      g_assert_null (clt_store_error_get_field (error));
    }

  {
    g_autoptr(JsonNode) node = parse ("{\"code\": \"too-many-requests\", \"retryAfter\": 9999999999999}");
    g_autoptr(GError) error = clt_json_problem_to_error (node, 429);

    g_assert_cmpuint (clt_store_error_get_retry_after (error), ==, G_MAXUINT);
  }
}

static void
test_fields (void)
{
  static const char * const pairs[][2] = {
    { "first-name", "firstName" },
    { "email", "email" },
    { "address1", "address1" },
    { "number", "customerNumber" },
    { "currency", "preferredCurrency" },
    { "locale", "preferredLanguage" },
    { "registered", "createdAt" },
    { "updated", "updatedAt" },
    { "default-billing-address", "defaultBillingAddress" },
    { "page-size", "pageSize" },
    { "addresses[0].zip-code", "addresses[0].zipCode" },
    { "orders[12].currency", "orders[12].currency" },
    { "[3].custom-fields", "[3].customFields" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *member = clt_json_member_for_field (pairs[i][0]);
      g_autofree char *field = clt_json_field_for_member (pairs[i][1]);
      g_autofree char *member_again = clt_json_member_for_field (pairs[i][1]);
      g_autofree char *field_again = clt_json_field_for_member (pairs[i][0]);

      g_assert_cmpstr (member, ==, pairs[i][1]);
      g_assert_cmpstr (field, ==, pairs[i][0]);
      g_assert_cmpstr (member_again, ==, pairs[i][1]);
      g_assert_cmpstr (field_again, ==, pairs[i][0]);
    }

  g_assert_null (clt_json_member_for_field (NULL));
  g_assert_null (clt_json_field_for_member (NULL));
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/json/hostile/members", test_hostile_members);
  g_test_add_func ("/clt/json/hostile/read-only", test_hostile_read_only);
  g_test_add_func ("/clt/json/hostile/text", test_hostile_text);
  g_test_add_func ("/clt/json/parse/depth", test_parse_depth);
  g_test_add_func ("/clt/json/parse/bad", test_parse_bad);
  g_test_add_func ("/clt/json/parse/good", test_parse_good);
  g_test_add_func ("/clt/json/problem/round-trip", test_problem_round_trip);
  g_test_add_func ("/clt/json/problem/members", test_problem_members);
  g_test_add_func ("/clt/json/problem/hostile", test_problem_hostile);
  g_test_add_func ("/clt/json/fields", test_fields);

  return g_test_run ();
}
