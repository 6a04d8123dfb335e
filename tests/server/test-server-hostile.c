/* test-server-hostile.c — CltServer on 127.0.0.1 against bodies, queries,
 * paths and tokens that no honest client sends: every answer is a problem
 * (400, 401, 404, 413, 422) or a plain success, never a 500, never a
 * crash; what was stored before is still there, unchanged, and the
 * database passes its integrity check after each test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-server-hostile"

#include "config.h"

#include <string.h>

#include "server-test-util.h"

#define ADA "{\"email\": \"ada@example.com\", \"firstName\": \"Ada\", \"lastName\": \"Lovelace\"," \
            " \"preferredCurrency\": \"EUR\"}"

static Response *
create (Fixture    *f,
        const char *path,
        const char *body)
{
  Response *response = call (f, "POST", path, f->admin, body, NULL);

  if (response->status != 201)
    g_error ("POST %s: %u %s", path, response->status, response->body);
  return response;
}

static char *
get_body (Fixture    *f,
          const char *path)
{
  g_autoptr(Response) response = call (f, "GET", path, f->admin, NULL, NULL);

  g_assert_cmpuint (response->status, ==, 200);
  return g_steal_pointer (&response->body);
}

/* Everything a client can read, as one text: equal before and after
 * means nothing changed. */
static char *
snapshot (Fixture *f)
{
  static const char * const paths[] = {
    "/customers?pageSize=500&sort=customerNumber:asc", "/sites", "/groups", "/companies",
    "/custom-fields", "/preferences",
  };
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *body = get_body (f, paths[i]);

      g_string_append_printf (all, "%s\n%s\n", paths[i], body);
    }

  return g_string_free (g_steal_pointer (&all), FALSE);
}

static const char *
error_field (Response *response)
{
  JsonObject *problem = json_node_get_object (response->json);
  JsonArray *errors = json_object_get_array_member (problem, "errors");

  g_assert_nonnull (errors);
  g_assert_cmpuint (json_array_get_length (errors), >=, 1);
  return json_object_get_string_member (json_array_get_object_element (errors, 0), "field");
}

static char *
nested_arrays (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

/* Bodies {{{ */

static void
test_bodies_not_json (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const bodies[] = {
    "hello", "{", "{\"email\": \"a@example.com\", \"firstName\": \"A", "{\"email\": }",
    "{'email': 'a@example.com'}", "{\"email\": \"a@example.com\",}", "[1, 2", "\"unterminated",
    "{\"a\": 1} trailing", "{\"n\": 1e999999}", "{\"n\": 123456789012345678901234567890}",
    "{\"a\": \"\\ud800\"}", "{\"a\": \"\\x41\"}", "/* comment */ {}", "nul", "tru", "{\"a\" 1}",
    "\xef\xbb\xbf{}",
  };
  g_autoptr(Response) customer = create (f, "/customers", ADA);
  g_autofree char *patch_path = g_strconcat ("/customers/", member_string (customer, "id"), NULL);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(Response) post = call (f, "POST", "/customers", f->staff, bodies[i], NULL);
      g_autoptr(Response) patch = call (f, "PATCH", patch_path, f->staff, bodies[i],
                                        "If-Match", "\"1\"", NULL);
      g_autoptr(Response) site = call (f, "POST", "/sites", f->admin, bodies[i], NULL);

      g_test_message ("body %u: %s", i, bodies[i]);
      assert_problem (post, 400, "invalid");
      assert_problem (patch, 400, "invalid");
      assert_problem (site, 400, "invalid");
    }

  /* No body at all where one is needed. */
  {
    g_autoptr(Response) empty = call (f, "POST", "/customers", f->staff, "", NULL);
    g_autoptr(Response) none = call (f, "POST", "/notes", f->staff, NULL, NULL);

    assert_problem (empty, 400, "invalid");
    g_assert_cmpuint (none->status, ==, 404);
  }

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  assert_server_sound (f);
}

static void
test_bodies_depth (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *deep_33 = nested_arrays (33);
  g_autofree char *deep_32 = nested_arrays (32);
  g_autofree char *member_33 = nested_arrays (32);
  g_autofree char *member_32 = nested_arrays (31);
  g_autofree char *object_33 = g_strdup_printf ("{\"firstName\": %s}", member_33);
  g_autofree char *object_32 = g_strdup_printf ("{\"firstName\": %s}", member_32);
  g_autofree char *very_deep = nested_arrays (100000);
  g_autoptr(Response) r33 = call (f, "POST", "/customers", f->staff, deep_33, NULL);
  g_autoptr(Response) r32 = call (f, "POST", "/customers", f->staff, deep_32, NULL);
  g_autoptr(Response) o33 = call (f, "POST", "/customers", f->staff, object_33, NULL);
  g_autoptr(Response) o32 = call (f, "POST", "/customers", f->staff, object_32, NULL);
  g_autoptr(Response) deepest = call (f, "POST", "/customers", f->staff, very_deep, NULL);
  g_autoptr(GString) objects = g_string_new (NULL);

  /* 33 levels: not read at all. */
  assert_problem (r33, 400, "invalid");
  assert_problem (o33, 400, "invalid");
  assert_problem (deepest, 400, "invalid");

  /* 32 levels: JSON, just not a customer. */
  assert_problem (r32, 422, "invalid");
  assert_problem (o32, 422, "invalid");
  g_assert_cmpstr (error_field (o32), ==, "firstName");

  /* Objects count as arrays do. */
  for (guint i = 0; i < 33; i++)
    g_string_append (objects, "{\"a\": ");
  g_string_append (objects, "1");
  for (guint i = 0; i < 33; i++)
    g_string_append_c (objects, '}');
  {
    g_autoptr(Response) response = call (f, "POST", "/customers", f->staff, objects->str, NULL);

    assert_problem (response, 400, "invalid");
  }

  assert_server_sound (f);
}

static void
test_bodies_types (Fixture       *f,
                   gconstpointer  data)
{
  static const struct
  {
    const char *body;
    const char *field;
  } cases[] = {
    { "{\"firstName\": 42}", "firstName" },
    { "{\"firstName\": true}", "firstName" },
    { "{\"firstName\": [\"Ada\"]}", "firstName" },
    { "{\"firstName\": {\"a\": 1}}", "firstName" },
    { "{\"active\": \"yes\"}", "active" },
    { "{\"active\": 1}", "active" },
    { "{\"groups\": \"vip\"}", "groups" },
    { "{\"groups\": [1, 2]}", "groups" },
    { "{\"groups\": [null]}", "groups" },
    { "{\"customFields\": [1]}", "customFields" },
    { "{\"customFields\": {\"nosuchfield\": 1}}", "customFields.nosuchfield" },
    { "{\"dateOfBirth\": 5}", "dateOfBirth" },
    { "{\"dateOfBirth\": \"yesterday\"}", "dateOfBirth" },
    { "{\"gender\": \"sometimes\"}", "gender" },
    { "{\"preferredCurrency\": {}}", "preferredCurrency" },
    { "{\"restriction\": 3.5}", "restriction" },
    { "{\"middleName\": 1}", "middleName" },
    { "{\"isAdmin\": true}", "isAdmin" },
    { "{\"firstName\": \"Ada\", \"password_hash\": \"x\"}", "password_hash" },
    { "{\"__proto__\": {}}", "__proto__" },
    { "{\"\": 1}", "" },
  };
  g_autoptr(Response) customer = create (f, "/customers", ADA);
  g_autofree char *path = g_strconcat ("/customers/", member_string (customer, "id"), NULL);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Response) patch = call (f, "PATCH", path, f->staff, cases[i].body,
                                        "If-Match", "\"1\"", NULL);

      g_test_message ("PATCH %s", cases[i].body);
      assert_problem (patch, 422, "invalid");
      /* A member without a name has no field to mark. */
      if (cases[i].field[0] != '\0')
        g_assert_cmpstr (error_field (patch), ==, cases[i].field);
    }

  /* A create names the member too, and the members of other bodies. */
  {
    g_autoptr(Response) post = call (f, "POST", "/customers", f->staff,
                                     "{\"email\": \"b@example.com\", \"lastName\": \"B\","
                                     " \"preferredCurrency\": \"EUR\", \"role\": \"admin\"}", NULL);
    g_autoptr(Response) site = call (f, "POST", "/sites", f->admin,
                                     "{\"code\": \"nl\", \"name\": \"NL\", \"owner\": \"x\"}", NULL);
    g_autoptr(Response) note = call (f, "POST", "/customers/x/notes", f->staff,
                                     "{\"message\": \"hi\", \"pinned\": true}", NULL);
    g_autoptr(Response) prefs = call (f, "PUT", "/preferences", f->admin,
                                      "{\"shopName\": 7}", "If-Match", "\"0\"", NULL);
    g_autoptr(Response) state = call (f, "PUT", "/emails/x/state", f->staff,
                                      "{\"state\": 3}", NULL);
    g_autoptr(Response) groups = call (f, "PUT", "/customers/x/groups", f->staff,
                                       "{\"groups\": [{}]}", "If-Match", "\"1\"", NULL);
    g_autoptr(Response) import = call (f, "POST", "/customers/import", f->admin,
                                       "{\"customers\": {}}", NULL);
    g_autoptr(Response) import_row = call (f, "POST", "/customers/import", f->admin,
                                           "{\"customers\": [{\"email\": 1}]}", NULL);

    assert_problem (post, 422, "invalid");
    g_assert_cmpstr (error_field (post), ==, "role");
    assert_problem (site, 422, "invalid");
    g_assert_cmpstr (error_field (site), ==, "owner");
    assert_problem (note, 422, "invalid");
    g_assert_cmpstr (error_field (note), ==, "pinned");
    assert_problem (prefs, 422, "invalid");
    g_assert_cmpstr (error_field (prefs), ==, "shopName");
    assert_problem (state, 422, "invalid");
    g_assert_cmpstr (error_field (state), ==, "state");
    assert_problem (groups, 422, "invalid");
    g_assert_cmpstr (error_field (groups), ==, "groups");
    assert_problem (import, 422, "invalid");
    g_assert_cmpstr (error_field (import), ==, "customers");
    assert_problem (import_row, 422, "invalid");
    g_assert_cmpstr (error_field (import_row), ==, "[0].email");
  }

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  assert_server_sound (f);
}

static void
test_bodies_read_only (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Response) created = NULL;
  g_autoptr(Response) patched = NULL;
  g_autoptr(Response) fetched = NULL;
  g_autoptr(Response) note = NULL;
  g_autoptr(Response) site = NULL;
  g_autoptr(Response) site_put = NULL;
  g_autofree char *patch = NULL;
  g_autoptr(Response) other = create (f, "/customers",
                                      "{\"email\": \"bea@example.com\", \"firstName\": \"Bea\", \"lastName\": \"Byron\","
                                      " \"preferredCurrency\": \"EUR\"}");
  g_autofree char *path = NULL;
  g_autofree char *notes = NULL;
  JsonObject *customer;
  const char *id;

  /* Staff send every read-only member on a create. */
  created = call (f, "POST", "/customers", f->staff,
                  "{\"email\": \"ada@example.com\", \"firstName\": \"Ada\", \"lastName\": \"Lovelace\","
                  " \"preferredCurrency\": \"EUR\", \"customerNumber\": \"C-HACK\","
                  " \"version\": 99, \"createdAt\": \"1999-01-01T00:00:00Z\","
                  " \"updatedAt\": \"1999-01-01T00:00:00Z\", \"lastLogin\": \"1999-01-01T00:00:00Z\","
                  " \"anonymizedAt\": \"1999-01-01T00:00:00Z\", \"verified\": true,"
                  " \"zipCode\": \"99999\", \"city\": \"Nowhere\", \"status\": \"active\"}", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  customer = json_node_get_object (created->json);
  id = json_object_get_string_member (customer, "id");
  g_assert_cmpstr (json_object_get_string_member (customer, "customerNumber"), !=, "C-HACK");
  g_assert_cmpint (json_object_get_int_member (customer, "version"), ==, 1);
  g_assert_false (g_str_has_prefix (json_object_get_string_member (customer, "createdAt"), "1999"));
  g_assert_false (g_str_has_prefix (json_object_get_string_member (customer, "updatedAt"), "1999"));
  g_assert_true (json_object_get_null_member (customer, "lastLogin"));
  g_assert_true (json_object_get_null_member (customer, "anonymizedAt"));
  g_assert_false (json_object_get_boolean_member (customer, "verified"));
  g_assert_cmpstr (json_object_get_string_member (customer, "city"), ==, "");

  /* A PATCH takes none of them, nor the id: it cannot move the
   * customer onto another one. */
  path = g_strconcat ("/customers/", id, NULL);
  patch = g_strdup_printf ("{\"firstName\": \"Augusta\", \"id\": \"%s\","
                                   " \"customerNumber\": \"C-HACK\", \"version\": 99,"
                                   " \"createdAt\": \"1999-01-01T00:00:00Z\","
                                   " \"updatedAt\": \"1999-01-01T00:00:00Z\", \"verified\": true,"
                                   " \"email\": \"bea@example.com\"}",
                                   member_string (other, "id"));
  patched = call (f, "PATCH", path, f->staff, patch, "If-Match", "\"1\"", NULL);
  g_assert_cmpuint (patched->status, ==, 200);
  customer = json_node_get_object (patched->json);
  g_assert_cmpstr (json_object_get_string_member (customer, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (customer, "firstName"), ==, "Augusta");
  g_assert_cmpstr (json_object_get_string_member (customer, "email"), ==, "ada@example.com");
  g_assert_cmpstr (json_object_get_string_member (customer, "customerNumber"), !=, "C-HACK");
  g_assert_cmpint (json_object_get_int_member (customer, "version"), ==, 2);
  g_assert_false (json_object_get_boolean_member (customer, "verified"));
  g_assert_false (g_str_has_prefix (json_object_get_string_member (customer, "createdAt"), "1999"));

  /* The other customer is as it was. */
  {
    g_autofree char *other_path = g_strconcat ("/customers/", member_string (other, "id"), NULL);

    fetched = call (f, "GET", other_path, f->viewer, NULL, NULL);
    g_assert_cmpuint (fetched->status, ==, 200);
    g_assert_cmpstr (fetched->body, ==, other->body);
  }

  /* A note's author is who wrote it. */
  notes = g_strconcat (path, "/notes", NULL);
  note = call (f, "POST", notes, f->staff, "{\"message\": \"Hi\", \"author\": \"alice\"}", NULL);
  if (note->status == 201)
    g_assert_cmpstr (member_string (note, "author"), ==, "sam");
  else
    {
      assert_problem (note, 422, "invalid");
      g_assert_cmpstr (error_field (note), ==, "author");
    }

  /* A shop object's version is not the body's either. */
  site = call (f, "POST", "/sites", f->admin, "{\"code\": \"nl\", \"name\": \"NL\", \"version\": 7}",
               NULL);
  g_assert_cmpuint (site->status, ==, 201);
  g_assert_cmpstr (soup_message_headers_get_one (site->headers, "ETag"), ==, "\"1\"");
  site_put = call (f, "PUT", "/sites/nl", f->admin, "{\"code\": \"be\", \"name\": \"BE\"}",
                  "If-Match", "\"1\"", NULL);
  g_assert_cmpuint (site_put->status, ==, 200);
  g_assert_cmpstr (member_string (site_put, "code"), ==, "nl");
  {
    g_autoptr(Response) be = call (f, "GET", "/sites", f->admin, NULL, NULL);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (be->json)), ==, 1);
  }

  assert_server_sound (f);
}

static void
test_bodies_bytes (Fixture       *f,
                   gconstpointer  data)
{
  static const struct
  {
    const char *body;
    gsize       length;
  } raw[] = {
    { "{\"firstName\": \"\xff\xfe\"}", 19 },
    { "{\"firstName\": \"\xc0\xaf\"}", 19 },
    { "{\"firstName\": \"\xed\xa0\x80\"}", 20 },
    { "{\"firstName\": \"A\0B\"}", 20 },
    { "{\"firstName\": \"Ada\"}\0", 21 },
    { "\0", 1 },
    { "{\"first\0Name\": \"Ada\"}", 21 },
  };
  g_autoptr(Response) customer = create (f, "/customers", ADA);
  g_autofree char *path = g_strconcat ("/customers/", member_string (customer, "id"), NULL);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (raw); i++)
    {
      const char * const headers[] = { "If-Match", "\"1\"", NULL };
      g_autoptr(GBytes) body = g_bytes_new_static (raw[i].body, raw[i].length);
      g_autoptr(Response) patch = call_bytes (f, "PATCH", path, f->staff, body, headers);
      g_autoptr(Response) post = call_bytes (f, "POST", "/customers", f->staff, body, NULL);

      g_test_message ("raw body %u", i);
      assert_problem (patch, 400, "invalid");
      assert_problem (post, 400, "invalid");
    }

  /* An escaped NUL is no way around it: json-glib would cut the text
   * there. */
  {
    g_autoptr(Response) escaped = call (f, "PATCH", path, f->staff,
                                        "{\"firstName\": \"Ada\\u0000Evil\"}", "If-Match", "\"1\"",
                                        NULL);

    g_assert_cmpuint (escaped->status, >=, 400);
    g_assert_cmpuint (escaped->status, <, 500);
  }

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  assert_server_sound (f);
}

static void
test_bodies_too_large (Fixture       *f,
                       gconstpointer  data)
{
  gsize size = CLT_SERVER_MAX_BODY + 1;
  char *big = g_malloc (size);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) at_limit = NULL;
  g_autoptr(Response) too_large = NULL;
  g_autoptr(Response) fits = NULL;
  g_autoptr(Response) customer = create (f, "/customers", ADA);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;

  /* A string of 1 MB + 1 bytes in all. */
  memset (big, 'a', size);
  memcpy (big, "{\"firstName\": \"", 15);
  memcpy (big + size - 2, "\"}", 2);
  body = g_bytes_new_take (big, size);
  too_large = call_bytes (f, "POST", "/customers", f->staff, body, NULL);
  assert_problem (too_large, 413, "too-large");

  /* Exactly 1 MB is read (and refused for what it says). */
  at_limit = g_bytes_new_from_bytes (body, 1, CLT_SERVER_MAX_BODY);
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (at_limit, NULL), CLT_SERVER_MAX_BODY);

    text[0] = '{';
    memcpy (text + 1, "\"firstName\": \"", 14);
    memcpy (text + CLT_SERVER_MAX_BODY - 2, "\"}", 2);
    g_clear_pointer (&at_limit, g_bytes_unref);
    at_limit = g_bytes_new (text, CLT_SERVER_MAX_BODY);
  }
  fits = call_bytes (f, "POST", "/customers", f->staff, at_limit, NULL);
  assert_problem (fits, 422, "invalid");

  /* The same without Content-Length, in chunks. */
  {
    g_autoptr(GString) request = g_string_new ("POST /api/v1/customers HTTP/1.1\r\n"
                                               "Host: 127.0.0.1\r\n"
                                               "Connection: close\r\n"
                                               "Content-Type: application/json\r\n"
                                               "Transfer-Encoding: chunked\r\n");
    g_autoptr(GBytes) answer = NULL;

    g_string_append_printf (request, "Authorization: Bearer %s\r\n\r\n", f->staff);
    for (guint i = 0; i < 65; i++)
      {
        g_string_append_printf (request, "%x\r\n", 16384);
        for (guint j = 0; j < 16384; j++)
          g_string_append_c (request, i == 0 && j == 0 ? '[' : ' ');
        g_string_append (request, "\r\n");
      }
    g_string_append (request, "1\r\n]\r\n0\r\n\r\n");
    answer = raw_request (f, request->str, request->len, 30, NULL);
    g_assert_cmpuint (raw_status (answer), ==, 413);
  }

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  assert_server_sound (f);
}

static void
test_bodies_announced (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Response) customer = create (f, "/customers", ADA);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autofree char *huge = NULL;
  g_autoptr(GBytes) huge_answer = NULL;
  g_autoptr(GBytes) lying_answer = NULL;
  g_autofree char *lying = NULL;
  g_autofree char *negative = NULL;
  gboolean closed = FALSE;

  /* A terabyte announced: refused at once, before any of it comes, and
   * the connection closed. */
  huge = g_strdup_printf ("POST /api/v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: 1099511627776\r\n\r\n{\"email\": ", f->staff);
  huge_answer = raw_request (f, huge, strlen (huge), 30, &closed);
  g_assert_cmpuint (raw_status (huge_answer), ==, 413);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (huge_answer, NULL),
                                  g_bytes_get_size (huge_answer),
                                  "application/problem+json"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (huge_answer, NULL),
                                  g_bytes_get_size (huge_answer), "\"code\":\"too-large\""));
  g_assert_true (closed);

  /* Less than 1 MB announced, a little sent, then nothing: the server
   * serves others meanwhile, closes the connection after its timeout,
   * and takes nothing. */
  clt_server_set_timeout (f->server, 1);
  lying = g_strdup_printf ("POST /api/v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                           "Content-Length: 500000\r\n\r\n"
                           "{\"email\": \"eve@example.com\", \"lastName\": \"Eve\","
                           " \"preferredCurrency\": \"EUR\"}", f->staff);
  lying_answer = raw_request (f, lying, strlen (lying), 60, &closed);
  g_assert_true (closed);
  g_assert_cmpuint (raw_status (lying_answer), !=, 200);
  g_assert_cmpuint (raw_status (lying_answer), !=, 201);

  /* Headers that never end are cut off the same way. */
  {
    static const char slow[] = "GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    g_autoptr(GBytes) answer = raw_request (f, slow, strlen (slow), 60, &closed);

    g_assert_true (closed);
    g_assert_cmpuint (raw_status (answer), !=, 200);
  }

  /* A request that waits on the server (a change-feed poll of three
   * seconds) is not cut off by it. */
  {
    g_autoptr(Response) start = call (f, "GET", "/changes", f->viewer, NULL, NULL);
    g_autofree char *poll = g_strdup_printf ("/changes?since=%" G_GINT64_FORMAT "&timeout=3",
                                             json_object_get_int_member (json_node_get_object (start->json),
                                                                         "last"));
    g_autoptr(Response) waited = call (f, "GET", poll, f->viewer, NULL, NULL);

    g_assert_cmpuint (waited->status, ==, 200);
  }

  /* A length that is not a number of bytes. */
  {
    static const char * const lengths[] = { "-5", "5x", "0x10", "+2", "2, 2", "" };

    for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
      {
        g_autoptr(GBytes) answer = NULL;

        g_free (negative);
        negative = g_strdup_printf ("POST /api/v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    "Authorization: Bearer %s\r\nConnection: close\r\n"
                                    "Content-Length: %s\r\n\r\n{}", f->staff, lengths[i]);
        answer = raw_request (f, negative, strlen (negative), 10, NULL);
        g_test_message ("Content-Length: %s: %u", lengths[i], raw_status (answer));
        g_assert_cmpuint (raw_status (answer), ==, 400);
      }
  }

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  assert_server_sound (f);
}

/* }}} */

/* Paging and queries {{{ */

static void
test_query_paging (Fixture       *f,
                   gconstpointer  data)
{
  static const struct
  {
    const char *query;
    guint       status;
    const char *code;
  } cases[] = {
    { "pageSize=0", 400, "invalid" },
    { "pageSize=501", 400, "too-large" },
    { "pageSize=-1", 400, "invalid" },
    { "pageSize=1e30", 400, "invalid" },
    { "pageSize=100000000000000000000000000000", 400, "too-large" },
    { "pageSize=abc", 400, "invalid" },
    { "pageSize=", 400, "invalid" },
    { "pageSize=%2B5", 400, "invalid" },
    { "pageSize=%205", 400, "invalid" },
    { "pageSize=5.0", 400, "invalid" },
    { "pageSize=0x10", 400, "invalid" },
    { "pageNumber=0", 400, "invalid" },
    { "pageNumber=-5", 400, "invalid" },
    { "pageNumber=1099511627776", 400, "invalid" },
    { "pageNumber=2147483647&pageSize=500", 400, "invalid" },
    { "pageNumber=NaN", 400, "invalid" },
    { "sort=password:asc", 400, "invalid" },
    { "sort=pk:asc", 400, "invalid" },
    { "sort=lastName:sideways", 400, "invalid" },
    { "sort=lastName:", 400, "invalid" },
    { "sort=lastName:asc:desc", 400, "invalid" },
    { "sort=:asc", 400, "invalid" },
    { "sort=lastName%3Basc", 400, "invalid" },
    { "sort=lastName%20DESC%3B%20DROP%20TABLE%20customers", 400, "invalid" },
    { "status=maybe", 400, "invalid" },
    { "registeredFrom=yesterday", 400, "invalid" },
    { "registeredUntil=2024-13-45", 400, "invalid" },
  };
  g_autoptr(Response) ada = create (f, "/customers", ADA);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/customers?", cases[i].query, NULL);
      g_autoptr(Response) response = call (f, "GET", path, f->viewer, NULL, NULL);

      g_test_message ("GET %s", path);
      assert_problem (response, cases[i].status, cases[i].code);
    }

  /* The largest page and a page far past the end are fine. */
  {
    g_autoptr(Response) largest = call (f, "GET", "/customers?pageSize=500", f->viewer, NULL, NULL);
    g_autoptr(Response) far = call (f, "GET", "/customers?pageNumber=1000000&pageSize=500",
                                    f->viewer, NULL, "X-Total-Count", "true", NULL);

    g_assert_cmpuint (largest->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (largest->json)), ==, 1);
    g_assert_cmpuint (far->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (far->json)), ==, 0);
    g_assert_cmpstr (soup_message_headers_get_one (far->headers, "X-Total-Count"), ==, "1");
  }

  /* Other routes' numbers. */
  {
    g_autofree char *path = g_strconcat ("/customers/", member_string (ada, "id"),
                                         "?undoSeconds=-1", NULL);
    g_autoptr(Response) undo = call (f, "DELETE", path, f->staff, NULL, "If-Match", "\"1\"", NULL);
    g_autoptr(Response) since = call (f, "GET", "/changes?since=1e30", f->viewer, NULL, NULL);
    g_autoptr(Response) huge_since = call (f, "GET", "/changes?since=99999999999999999999",
                                           f->viewer, NULL, NULL);
    g_autoptr(Response) timeout = call (f, "GET", "/changes?since=1&timeout=31", f->viewer, NULL,
                                        NULL);
    g_autoptr(Response) far_since = call (f, "GET", "/changes?since=9223372036854775806&timeout=0",
                                          f->viewer, NULL, NULL);

    assert_problem (undo, 400, "invalid");
    assert_problem (since, 400, "invalid");
    assert_problem (huge_since, 400, "invalid");
    assert_problem (timeout, 400, "invalid");
    g_assert_cmpuint (far_since->status, ==, 200);
  }

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  assert_server_sound (f);
}

static guint
count_found (Fixture    *f,
             const char *escaped_q)
{
  g_autofree char *path = g_strconcat ("/customers?pageSize=500&q=", escaped_q, NULL);
  g_autoptr(Response) response = call (f, "GET", path, f->viewer, NULL, NULL);

  g_test_message ("q=%s: %u %s", escaped_q, response->status,
                  response->status == 200 ? "" : response->body);
  if (response->status != 200)
    {
      /* Refusing the text is fine, failing on it is not. */
      assert_problem (response, response->status, "invalid");
      g_assert_cmpuint (response->status, ==, 400);
      return G_MAXUINT;
    }
  return json_array_get_length (json_node_get_array (response->json));
}

/* Whether the customer number of the customer @response created has a
 * word starting with @prefix (its body is random per database: one in
 * 32,768 starts with "AND"), so a search for @prefix finds it too. */
static guint
number_matches (Response   *response,
                const char *prefix)
{
  const char *number = json_object_get_string_member (json_node_get_object (response->json),
                                                      "customerNumber");
  const char *body = strchr (number, '-');

  return body != NULL && g_ascii_strncasecmp (body + 1, prefix, strlen (prefix)) == 0;
}

static void
test_query_search (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const hostile[] = {
    "%27%20OR%201%3D1%20--", "%22", "%22%22", "*", "NEAR(", "NEAR(a%20b)", "AND", "OR", "NOT",
    "%5E", "%00", "a%00b", "(", ")", "%2B", "-", ":", "lastName:Lovelace", "%7B", "%5C",
    "%25", "_", "%3B%20DROP%20TABLE%20customers%3B", "%27", "%27%27", "1%27%20UNION%20SELECT%201--",
    "%C3%A9", "%F0%9F%98%80", "%E2%80%8B", "%09", "%0A", "%0D%0A", "a%20AND%20b", "%2A%2A%2A",
    "%5Ba%5D", "%3D", "%3C%3E", "x%20NEAR%2F2%20y",
  };
  g_autoptr(Response) ada = create (f, "/customers", ADA);
  g_autoptr(Response) obrien = create (f, "/customers",
                                       "{\"email\": \"sean@example.com\", \"firstName\": \"Seán\","
                                       " \"lastName\": \"O'Brien\", \"preferredCurrency\": \"EUR\"}");
  g_autoptr(Response) andy = create (f, "/customers",
                                     "{\"email\": \"andy@example.com\", \"firstName\": \"Andy\","
                                     " \"lastName\": \"Near\", \"company\": \"AND Partners\","
                                     " \"preferredCurrency\": \"EUR\"}");
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autofree char *long_q = NULL;

  /* Plain text: nothing here is an operator, and nothing matches all. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      guint found = count_found (f, hostile[i]);

      g_assert_true (found == G_MAXUINT || found <= 3);
    }
  g_assert_cmpuint (count_found (f, "%27%20OR%201%3D1%20--"), ==, 0);
  g_assert_cmpuint (count_found (f, "1%27%20UNION%20SELECT%201--"), ==, 0);
  /* Text with no letters or digits filters nothing, as an empty one. */
  g_assert_cmpuint (count_found (f, "*"), ==, count_found (f, ""));
  g_assert_cmpuint (count_found (f, "%22%22"), ==, count_found (f, ""));

  /* Words that are operators elsewhere find what holds them (and a
   * customer whose number starts so). */
  g_assert_cmpuint (count_found (f, "AND"), ==,
                    1 + number_matches (ada, "AND") + number_matches (obrien, "AND"));
  g_assert_cmpuint (count_found (f, "NEAR"), ==,
                    1 + number_matches (ada, "NEAR") + number_matches (obrien, "NEAR"));
  g_assert_cmpuint (count_found (f, "NEAR("), ==,
                    1 + number_matches (ada, "NEAR") + number_matches (obrien, "NEAR"));
  g_assert_cmpuint (count_found (f, "O%27Brien"), ==, 1);
  g_assert_cmpuint (count_found (f, "lovelace"), ==, 1);
  g_assert_cmpuint (count_found (f, "%22lovelace%22"), ==, 1);

  /* A search text beyond the limit is refused, not failed. */
  long_q = g_strnfill (10000, 'a');
  {
    g_autofree char *path = g_strconcat ("/customers?q=", long_q, NULL);
    g_autoptr(Response) response = call (f, "GET", path, f->viewer, NULL, NULL);

    g_assert_cmpuint (response->status, >=, 400);
    g_assert_cmpuint (response->status, <, 500);
  }

  /* Filters take meta characters as values too. */
  {
    static const char * const filters[] = {
      "country=%27%20OR%201%3D1%20--", "site=%22", "group=*", "country=%00", "site=%FF",
      "group=a%00b",
    };

    for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
      {
        g_autofree char *path = g_strconcat ("/customers?", filters[i], NULL);
        g_autoptr(Response) response = call (f, "GET", path, f->viewer, NULL, NULL);

        g_test_message ("GET %s: %u", path, response->status);
        if (response->status == 200)
          g_assert_cmpuint (json_array_get_length (json_node_get_array (response->json)), ==, 0);
        else
          assert_problem (response, 400, "invalid");
      }
  }

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  assert_server_sound (f);
}

static void
test_query_bytes (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const queries[] = {
    "q=%FF", "q=%C0%AF", "q=%ED%A0%80", "%FF=1", "sort=%FF", "country=%FF%FE",
  };
  static const char * const raw_queries[] = {
    "q=\xff\xfe", "q=abc%", "q=%G1", "q=%", "q=a%00b", "q=%FF", "q=a b", "q=%%%",
  };
  g_autoptr(Response) ada = create (f, "/customers", ADA);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *path = g_strconcat ("/customers?", queries[i], NULL);
      g_autoptr(Response) response = call (f, "GET", path, f->viewer, NULL, NULL);

      g_test_message ("GET %s: %u", path, response->status);
      if (response->status != 200)
        assert_problem (response, 400, "invalid");
    }

  /* Bytes that are not even percent-encoded, escapes that are not. */
  for (guint i = 0; i < G_N_ELEMENTS (raw_queries); i++)
    {
      g_autofree char *request = g_strdup_printf ("GET /api/v1/customers?%s HTTP/1.1\r\n"
                                                  "Host: 127.0.0.1\r\nConnection: close\r\n"
                                                  "Authorization: Bearer %s\r\n\r\n",
                                                  raw_queries[i], f->viewer);
      g_autoptr(GBytes) answer = raw_request (f, request, strlen (request), 10, NULL);
      g_autofree char *shown = g_strescape (raw_queries[i], NULL);   /* TAP output is UTF-8 */

      g_test_message ("raw query %s: %u", shown, raw_status (answer));
      g_assert_cmpuint (raw_status (answer), >=, 200);
      g_assert_cmpuint (raw_status (answer), <, 500);
    }

  assert_server_sound (f);
}

/* }}} */

/* Ids in paths {{{ */

static void
test_ids (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(Response) victim = create (f, "/customers",
                                       "{\"id\": \"abc\", \"email\": \"abc@example.com\", \"firstName\": \"V\","
                                       " \"lastName\": \"Victim\", \"preferredCurrency\": \"EUR\"}");
  g_autoptr(Response) address = create (f, "/customers/abc/addresses",
                                        "{\"firstName\": \"V\", \"lastName\": \"Victim\","
                                        " \"address1\": \"Main St 1\", \"zipCode\": \"12345\","
                                        " \"city\": \"Berlin\", \"country\": \"DE\"}");
  g_autoptr(GString) long_id = g_string_new (NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *paths[] = {
    "/customers/abc%2F..", "/customers/abc%2Fdetails", "/customers/..", "/customers/%2E%2E",
    "/customers/.", "/customers/%00", "/customers/abc%00", "/customers/abc%00xyz",
    "/customers/%2Fabc", "/customers/ABC", "/customers/abc%20", "/customers/%20abc",
    "/customers/ab%63%00", "/customers/abc%0A", "/customers/%C3%A4bc", "/customers/%E2%80%AEabc",
    "/customers/%F0%9F%98%80", "/customers/abc%FF",
    "/customers/%252F", "/customers/abc;x", "/customers/*", "/customers/%2A",
    "/customers/abc%2F..%2Fabc", "/customers/abc/addresses/..", "/customers/abc/addresses/%00",
    "/customers/abc/addresses/%2F", "/customers/x/addresses/ADDRESS", "/emails/%00/state",
    "/sites/%2F", "/customers//details", "/customers/", "//customers/abc", "/customers/abc/",
    NULL, NULL,
  };
  const char *writes[] = { "DELETE", "PATCH" };

  /* The address of "abc" under another customer's id is not found. */
  {
    g_autofree char *other = g_strconcat ("/customers/abd/addresses/", member_string (address, "id"),
                                          NULL);
    g_autoptr(Response) response = call (f, "GET", other, f->admin, NULL, NULL);

    assert_problem (response, 404, "not-found");
  }

  g_string_append (long_id, "/customers/");
  for (guint i = 0; i < 10240; i++)
    g_string_append_c (long_id, 'a' + i % 26);
  paths[G_N_ELEMENTS (paths) - 2] = long_id->str;

  before = snapshot (f);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(Response) response = call (f, "GET", paths[i], f->admin, NULL, NULL);

      g_test_message ("GET %.60s: %u", paths[i], response->status);
      assert_problem (response, 404, "not-found");
      g_assert_null (strstr (response->body, "Victim"));

      for (guint j = 0; j < G_N_ELEMENTS (writes); j++)
        {
          g_autoptr(Response) write = call (f, writes[j], paths[i], f->admin, "{\"lastName\": \"X\"}",
                                            "If-Match", "\"1\"", NULL);

          g_assert_cmpuint (write->status, >=, 400);
          g_assert_cmpuint (write->status, <, 500);
          g_assert_cmpuint (write->status, !=, 412);
        }
    }

  /* Dot segments as sent, not tidied by a client library: the server
   * resolves them as RFC 3986 says, so a path answers for the customer it
   * names once resolved, or not at all. */
  {
    static const char * const raw_paths[] = {
      "/api/v1/customers/abd/../abc", "/api/v1/customers/./abc", "/api/v1/x/../customers/abc",
      "/api/v1/customers/abc/..", "/api/v1/customers/%2e%2e/abc", "/api/v1/../v1/customers/abc",
      "/api/v1/customers/%", "/api/v1/customers/%ZZ", "/api/v1/customers/abc%", "/api/v1/customers/\xff",
      "/api/v1/customers/ab\tc",
    };

    for (guint i = 0; i < G_N_ELEMENTS (raw_paths); i++)
      {
        g_autofree char *request = g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                    "Connection: close\r\n"
                                                    "Authorization: Bearer %s\r\n\r\n",
                                                    raw_paths[i], f->admin);
        g_autoptr(GBytes) answer = raw_request (f, request, strlen (request), 10, NULL);
        const char *text = g_bytes_get_data (answer, NULL);
        g_autofree char *shown = g_strescape (raw_paths[i], NULL);   /* TAP output is UTF-8 */

        g_test_message ("GET %s: %u", shown, raw_status (answer));
        if (raw_status (answer) == 200)
          {
            g_assert_true (g_str_has_suffix (raw_paths[i], "/abc"));
            g_assert_nonnull (g_strstr_len (text, g_bytes_get_size (answer), "\"id\":\"abc\""));
          }
        else
          {
            g_assert_cmpuint (raw_status (answer), >=, 400);
            g_assert_cmpuint (raw_status (answer), <, 500);
            g_assert_null (g_strstr_len (text, g_bytes_get_size (answer), "Victim"));
          }
      }
  }

  /* An id a path could not name is refused when created. */
  {
    static const char * const bad_ids[] = { "a/b", "..", "a b", "a%2Fb", "", "ä", "a\\u0000b" };

    for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
      {
        g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"email\": \"id%u@example.com\","
                                                 " \"firstName\": \"X\", \"lastName\": \"X\", \"preferredCurrency\": \"EUR\"}",
                                                 bad_ids[i], i);
        g_autoptr(Response) response = call (f, "POST", "/customers", f->admin, body, NULL);

        g_test_message ("id %s: %u", bad_ids[i], response->status);
        if (bad_ids[i][0] == '\0')
          {
            /* Empty: the server picks one. */
            g_assert_cmpuint (response->status, ==, 201);
            g_assert_cmpstr (member_string (response, "id"), !=, "");
            continue;
          }
        /* 400 for the escaped NUL, which is refused with the JSON. */
        assert_problem (response, strstr (bad_ids[i], "u0000") != NULL ? 400 : 422, "invalid");
      }
  }

  /* The same id again is a conflict, never the other's data. */
  {
    g_autoptr(Response) again = call (f, "POST", "/customers", f->admin,
                                      "{\"id\": \"abc\", \"email\": \"intruder@example.com\", \"firstName\": \"I\","
                                      " \"lastName\": \"Intruder\", \"preferredCurrency\": \"EUR\"}",
                                      NULL);

    assert_problem (again, 409, "conflict");
    g_assert_null (strstr (again->body, "Victim"));
    g_assert_null (strstr (again->body, "abc@example.com"));
  }

  after = snapshot (f);
  {
    g_autoptr(Response) still = call (f, "GET", "/customers/abc", f->viewer, NULL, NULL);

    g_assert_cmpuint (still->status, ==, 200);
    g_assert_cmpstr (member_string (still, "lastName"), ==, "Victim");
  }
  g_assert_cmpstr (strstr (before, "Victim") != NULL ? "y" : "n", ==, "y");
  assert_server_sound (f);
}

/* }}} */

/* Tokens {{{ */

static void
assert_refused (Fixture    *f,
                const char *authorization)
{
  g_autoptr(Response) response = call (f, "GET", "/customers", NULL, NULL,
                                       "Authorization", authorization, NULL);

  g_test_message ("Authorization: %.40s", authorization);
  assert_problem (response, 401, "not-signed-in");
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "WWW-Authenticate"), ==,
                   "Bearer");
}

static void
test_tokens (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *basic = g_strconcat ("Basic ", "YWxpY2U6c2VjcmV0", NULL);
  g_autofree char *filler = g_strnfill (8000, 'x');
  g_autofree char *long_token = g_strconcat ("Bearer clt_", filler, NULL);
  g_autofree char *twice = g_strdup_printf ("Bearer %s %s", f->admin, f->admin);
  g_autofree char *prefix = g_strdup_printf ("Bearer %.*s", (int) strlen (f->admin) - 1, f->admin);
  g_autofree char *longer = g_strdup_printf ("Bearer %sx", f->admin);
  g_autofree char *upper = g_ascii_strup (f->admin, -1);
  g_autofree char *upper_bearer = g_strconcat ("Bearer ", upper, NULL);
  g_autofree char *basic_token = g_strconcat ("Basic ", f->admin, NULL);
  g_autofree char *lower_scheme = g_strconcat ("bearer ", f->viewer, NULL);

  {
    g_autoptr(Response) missing = call (f, "GET", "/customers", NULL, NULL, NULL);

    assert_problem (missing, 401, "not-signed-in");
  }
  assert_refused (f, "Bearer");
  assert_refused (f, "Bearer ");
  assert_refused (f, "Bearer    ");
  assert_refused (f, "Bearertoken");
  assert_refused (f, basic);
  assert_refused (f, basic_token);
  assert_refused (f, "Token clt_x");
  assert_refused (f, "clt_x");
  assert_refused (f, "Bearer clt_unknown");
  assert_refused (f, "Bearer null");
  assert_refused (f, "Bearer ' OR 1=1 --");
  assert_refused (f, long_token);
  assert_refused (f, twice);
  assert_refused (f, prefix);
  assert_refused (f, longer);
  if (g_strcmp0 (upper, f->admin) != 0)
    assert_refused (f, upper_bearer);

  /* The scheme's name is case-insensitive (RFC 9110). */
  {
    g_autoptr(Response) lower = call (f, "GET", "/me", NULL, NULL, "Authorization", lower_scheme,
                                      NULL);

    g_assert_cmpuint (lower->status, ==, 200);
    g_assert_cmpstr (member_string (lower, "username"), ==, "vera");
  }

  /* Refusals do not let an unknown token through later on. */
  assert_refused (f, "Bearer clt_unknown");
  assert_server_sound (f);
}

static void
test_tokens_revoked (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Response) customer = create (f, "/customers", ADA);
  g_autofree char *path = g_strconcat ("/customers/", member_string (customer, "id"), NULL);
  g_autoptr(Response) before = call (f, "GET", path, f->staff, NULL, NULL);
  gboolean refused = FALSE;

  g_assert_cmpuint (before->status, ==, 200);

  /* Revoked by the command line, in another process, while the server
   * runs. */
  run_cli (f, "user", "revoke", "sam", NULL);
  for (guint i = 0; i < 100 && !refused; i++)
    {
      g_autoptr(Response) again = call (f, "GET", path, f->staff, NULL, NULL);

      refused = again->status == 401;
      if (refused)
        assert_problem (again, 401, "not-signed-in");
      else
        {
          g_assert_cmpuint (again->status, ==, 200);
          wait_ms (100);
        }
    }
  g_assert_true (refused);

  /* A write with it is refused too, and changes nothing. */
  {
    g_autoptr(Response) write = call (f, "PATCH", path, f->staff, "{\"firstName\": \"Mallory\"}",
                                      "If-Match", "\"1\"", NULL);
    g_autoptr(Response) after = call (f, "GET", path, f->admin, NULL, NULL);

    assert_problem (write, 401, "not-signed-in");
    g_assert_cmpstr (member_string (after, "firstName"), ==, "Ada");
  }

  /* The others are still in. */
  {
    g_autoptr(Response) other = call (f, "GET", path, f->viewer, NULL, NULL);

    g_assert_cmpuint (other->status, ==, 200);
  }
  assert_server_sound (f);
}

static void
test_tokens_role_lowered (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Response) customer = create (f, "/customers", ADA);
  g_autofree char *path = g_strconcat ("/customers/", member_string (customer, "id"), NULL);
  g_autofree char *etag = quoted_etag (customer);
  gboolean refused = FALSE;
  guint written = 0;

  /* Staff write, then are made viewers: within about two seconds their
   * writes are refused, and the refused ones change nothing. */
  {
    g_autoptr(Response) write = call (f, "PATCH", path, f->staff, "{\"firstName\": \"W0\"}",
                                      "If-Match", etag, NULL);

    g_assert_cmpuint (write->status, ==, 200);
    g_free (etag);
    etag = quoted_etag (write);
    written++;
  }

  run_cli (f, "user", "set-role", "sam", "viewer", NULL);
  for (guint i = 0; i < 100 && !refused; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"firstName\": \"W%u\"}", written);
      g_autoptr(Response) write = call (f, "PATCH", path, f->staff, body, "If-Match", etag, NULL);

      refused = write->status == 403;
      if (refused)
        assert_problem (write, 403, "permission-denied");
      else
        {
          g_assert_cmpuint (write->status, ==, 200);
          g_free (etag);
          etag = quoted_etag (write);
          written++;
          wait_ms (100);
        }
    }
  g_assert_true (refused);

  {
    g_autoptr(Response) after = call (f, "GET", path, f->admin, NULL, NULL);
    g_autoptr(Response) me = call (f, "GET", "/me", f->staff, NULL, NULL);
    g_autofree char *expected = g_strdup_printf ("W%u", written - 1);

    g_assert_cmpstr (soup_message_headers_get_one (after->headers, "ETag"), ==, etag);
    g_assert_cmpstr (member_string (after, "firstName"), ==, expected);
    g_assert_cmpstr (member_string (me, "role"), ==, "viewer");
  }

  /* Raised again: writes come back. */
  run_cli (f, "user", "set-role", "sam", "staff", NULL);
  refused = TRUE;
  for (guint i = 0; i < 100 && refused; i++)
    {
      g_autoptr(Response) write = call (f, "PATCH", path, f->staff, "{\"firstName\": \"Back\"}",
                                        "If-Match", etag, NULL);

      refused = write->status == 403;
      if (refused)
        wait_ms (100);
      else
        g_assert_cmpuint (write->status, ==, 200);
    }
  g_assert_false (refused);
  assert_server_sound (f);
}

/* }}} */

/* Other headers {{{ */

static void
test_headers (Fixture       *f,
              gconstpointer  data)
{
  static const char * const if_matches[] = {
    "\"abc\"", "\"-1\"", "\"1.0\"", "\"99999999999999999999999\"", "W/\"1\"", "\"1\", \"2\"",
    "\"", "\"\"", "1 1", "0x1",
  };
  g_autoptr(Response) customer = create (f, "/customers", ADA);
  g_autofree char *path = g_strconcat ("/customers/", member_string (customer, "id"), NULL);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autofree char *long_key = g_strnfill (201, 'k');

  for (guint i = 0; i < G_N_ELEMENTS (if_matches); i++)
    {
      g_autoptr(Response) response = call (f, "PATCH", path, f->staff, "{\"firstName\": \"X\"}",
                                           "If-Match", if_matches[i], NULL);

      g_test_message ("If-Match: %s: %u", if_matches[i], response->status);
      g_assert_cmpuint (response->status, >=, 400);
      g_assert_cmpuint (response->status, <, 500);
    }

  {
    g_autoptr(Response) star = call (f, "PATCH", path, f->staff, "{\"firstName\": \"X\"}",
                                     "If-Match", "*", NULL);
    g_autoptr(Response) key = call (f, "POST", "/customers", f->staff, ADA,
                                    "Idempotency-Key", long_key, NULL);

    assert_problem (star, 428, "stale");
    assert_problem (key, 400, "invalid");
  }

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  assert_server_sound (f);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/clt/server-hostile/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("bodies/not-json", test_bodies_not_json);
  ADD ("bodies/depth", test_bodies_depth);
  ADD ("bodies/types", test_bodies_types);
  ADD ("bodies/read-only", test_bodies_read_only);
  ADD ("bodies/bytes", test_bodies_bytes);
  ADD ("bodies/too-large", test_bodies_too_large);
  ADD ("bodies/announced", test_bodies_announced);
  ADD ("query/paging", test_query_paging);
  ADD ("query/search", test_query_search);
  ADD ("query/bytes", test_query_bytes);
  ADD ("ids", test_ids);
  ADD ("tokens", test_tokens);
  ADD ("tokens/revoked", test_tokens_revoked);
  ADD ("tokens/role-lowered", test_tokens_role_lowered);
  ADD ("headers", test_headers);

#undef ADD

  return g_test_run ();
}
