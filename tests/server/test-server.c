/* test-server.c — CltServer in this process on a temporary database,
 * asked over HTTP with SoupSession: statuses, PATCH, idempotent creates,
 * versions, roles, limits, the change feed and the access log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <string.h>

#include "clt-accounts.h"

#include "server-test-util.h"

#define ADA "{\"email\": \"ada@example.com\", \"firstName\": \"Ada\", \"lastName\": \"Lovelace\"," \
            " \"preferredCurrency\": \"EUR\"}"

static Response *
create_customer (Fixture    *f,
                 const char *body)
{
  Response *response = call (f, "POST", "/customers", f->staff, body, NULL);

  if (response->status != 201)
    g_test_message ("%s", response->body);
  g_assert_cmpuint (response->status, ==, 201);
  return response;
}

static char *
customer_path (Response   *created,
               const char *suffix)
{
  return g_strconcat ("/customers/", member_string (created, "id"), suffix, NULL);
}

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Response) me = call (f, "GET", "/me", f->support, NULL, NULL);
  g_autoptr(Response) anonymous = call (f, "GET", "/me", NULL, NULL, NULL);
  g_autoptr(Response) wrong = call (f, "GET", "/me", "clt_not-a-token", NULL, NULL);
  g_autoptr(Response) viewer = call (f, "GET", "/customers", f->viewer, NULL, NULL);
  gboolean refused = FALSE;

  g_assert_cmpuint (me->status, ==, 200);
  g_assert_cmpstr (member_string (me, "username"), ==, "sue");
  g_assert_cmpstr (member_string (me, "role"), ==, "support");

  g_assert_cmpuint (anonymous->status, ==, 401);
  g_assert_cmpstr (problem_code (anonymous), ==, "not-signed-in");
  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_cmpstr (problem_code (wrong), ==, "not-signed-in");
  g_assert_cmpuint (viewer->status, ==, 200);

  /* Revoked: refused within the lookup cache's two seconds. */
  clt_accounts_revoke_user_async (CLT_ACCOUNTS (f->store), "vera", NULL, NULL, NULL);
  for (guint i = 0; i < 100 && !refused; i++)
    {
      g_autoptr(Response) again = call (f, "GET", "/customers", f->viewer, NULL, NULL);

      refused = again->status == 401;
      if (!refused)
        {
          g_assert_cmpuint (again->status, ==, 200);
          wait_ms (100);
        }
    }
  g_assert_true (refused);
}

static void
test_customer_crud (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Response) created = NULL;
  g_autoptr(Response) retried = NULL;
  g_autoptr(Response) fetched = NULL;
  g_autoptr(Response) no_version = NULL;
  g_autoptr(Response) patched = NULL;
  g_autoptr(Response) stale = NULL;
  g_autoptr(Response) duplicate = NULL;
  g_autoptr(Response) invalid = NULL;
  g_autoptr(Response) not_json = NULL;
  g_autoptr(Response) deep = NULL;
  g_autoptr(Response) wrong_type = NULL;
  g_autoptr(Response) deleted = NULL;
  g_autoptr(Response) unknown = NULL;
  g_autofree char *path = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *new_etag = NULL;
  g_autofree char *location = NULL;
  g_autoptr(GString) nested = g_string_new (NULL);

  created = call (f, "POST", "/customers", f->staff, ADA, "Idempotency-Key", "create-ada", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  path = customer_path (created, "");
  location = g_strconcat ("/api/v1", path, NULL);
  g_assert_cmpstr (soup_message_headers_get_one (created->headers, "Location"), ==, location);
  etag = quoted_etag (created);
  g_assert_cmpstr (etag, ==, "\"1\"");

  /* The same create again: the first result, not a second customer. */
  retried = call (f, "POST", "/customers", f->staff, ADA, "Idempotency-Key", "create-ada", NULL);
  g_assert_cmpuint (retried->status, ==, 201);
  g_assert_cmpstr (member_string (retried, "id"), ==, member_string (created, "id"));

  fetched = call (f, "GET", path, f->viewer, NULL, NULL);
  g_assert_cmpuint (fetched->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (fetched->headers, "ETag"), ==, etag);

  no_version = call (f, "PATCH", path, f->staff, "{\"firstName\": \"Augusta\"}", NULL);
  g_assert_cmpuint (no_version->status, ==, 428);

  /* PATCH changes what it names and nothing else. */
  patched = call (f, "PATCH", path, f->staff, "{\"firstName\": \"Augusta\", \"id\": \"stolen\"}",
                  "If-Match", etag, NULL);
  g_assert_cmpuint (patched->status, ==, 200);
  g_assert_cmpstr (member_string (patched, "firstName"), ==, "Augusta");
  g_assert_cmpstr (member_string (patched, "lastName"), ==, "Lovelace");
  g_assert_cmpstr (member_string (patched, "email"), ==, "ada@example.com");
  g_assert_cmpstr (member_string (patched, "id"), ==, member_string (created, "id"));
  new_etag = quoted_etag (patched);
  g_assert_cmpstr (new_etag, ==, "\"2\"");

  stale = call (f, "PATCH", path, f->staff, "{\"lastName\": \"Byron\"}", "If-Match", etag, NULL);
  g_assert_cmpuint (stale->status, ==, 412);
  g_assert_cmpstr (problem_code (stale), ==, "stale");

  duplicate = call (f, "POST", "/customers", f->staff, ADA, NULL);
  g_assert_cmpuint (duplicate->status, ==, 409);
  g_assert_cmpstr (problem_code (duplicate), ==, "conflict");

  invalid = call (f, "POST", "/customers", f->staff,
                  "{\"email\": \"not an email\", \"lastName\": \"X\", \"preferredCurrency\": \"EUR\"}",
                  NULL);
  g_assert_cmpuint (invalid->status, ==, 422);
  g_assert_cmpstr (problem_code (invalid), ==, "invalid");

  wrong_type = call (f, "PATCH", path, f->staff, "{\"firstName\": 42}", "If-Match", new_etag, NULL);
  g_assert_cmpuint (wrong_type->status, ==, 422);

  not_json = call (f, "POST", "/customers", f->staff, "{\"email\": ", NULL);
  g_assert_cmpuint (not_json->status, ==, 400);
  g_assert_cmpstr (problem_code (not_json), ==, "invalid");

  for (guint i = 0; i < 40; i++)
    g_string_append (nested, "[");
  for (guint i = 0; i < 40; i++)
    g_string_append (nested, "]");
  deep = call (f, "POST", "/customers", f->staff, nested->str, NULL);
  g_assert_cmpuint (deep->status, ==, 400);

  deleted = call (f, "DELETE", path, f->staff, NULL, "If-Match", new_etag, NULL);
  g_assert_cmpuint (deleted->status, ==, 204);

  unknown = call (f, "GET", "/customers/no-such-customer", f->staff, NULL, NULL);
  g_assert_cmpuint (unknown->status, ==, 404);
  g_assert_cmpstr (problem_code (unknown), ==, "not-found");
}

static void
test_children (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(Response) customer = create_customer (f, ADA);
  g_autoptr(Response) address = NULL;
  g_autoptr(Response) patched = NULL;
  g_autoptr(Response) addresses = NULL;
  g_autoptr(Response) note = NULL;
  g_autoptr(Response) notes = NULL;
  g_autoptr(Response) details = NULL;
  g_autofree char *addresses_path = customer_path (customer, "/addresses");
  g_autofree char *notes_path = customer_path (customer, "/notes");
  g_autofree char *details_path = customer_path (customer, "/details");
  g_autofree char *address_path = NULL;
  g_autofree char *etag = NULL;

  address = call (f, "POST", addresses_path, f->staff,
                  "{\"firstName\": \"Ada\", \"lastName\": \"Lovelace\", \"address1\": \"Main St 1\","
                  " \"zipCode\": \"12345\", \"city\": \"Berlin\", \"country\": \"DE\"}", NULL);
  g_test_message ("%s", address->body);
  g_assert_cmpuint (address->status, ==, 201);
  address_path = g_strconcat (addresses_path, "/", member_string (address, "id"), NULL);
  etag = quoted_etag (address);

  patched = call (f, "PATCH", address_path, f->staff, "{\"city\": \"Bath\"}", "If-Match", etag, NULL);
  g_assert_cmpuint (patched->status, ==, 200);
  g_assert_cmpstr (member_string (patched, "city"), ==, "Bath");
  g_assert_cmpstr (member_string (patched, "zipCode"), ==, "12345");

  addresses = call (f, "GET", addresses_path, f->viewer, NULL, NULL);
  g_assert_cmpuint (addresses->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (addresses->json)), ==, 1);

  note = call (f, "POST", notes_path, f->staff, "{\"message\": \"Called back\"}", NULL);
  g_assert_cmpuint (note->status, ==, 201);
  g_assert_cmpstr (member_string (note, "author"), ==, "sam");
  notes = call (f, "GET", notes_path, f->viewer, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (notes->json)), ==, 1);

  details = call (f, "GET", details_path, f->viewer, NULL, NULL);
  g_assert_cmpuint (details->status, ==, 200);
  g_assert_nonnull (soup_message_headers_get_one (details->headers, "ETag"));
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  static const char * const bad[] = {
    "?pageSize=0", "?pageSize=-1", "?pageSize=abc", "?pageNumber=0", "?pageNumber=-3",
    "?pageNumber=99999999999999999999", "?pageNumber=1e3", "?sort=password:asc",
    "?sort=lastName:sideways", "?status=maybe", "?registeredFrom=yesterday",
  };
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) huge = NULL;
  g_autoptr(Response) second = NULL;
  g_autoptr(Response) search = NULL;
  g_autoptr(Response) c1 = create_customer (f, ADA);
  g_autoptr(Response) c2 = create_customer (f, "{\"email\": \"bea@example.com\", \"firstName\": \"Bea\","
                                               " \"lastName\": \"Byron\", \"preferredCurrency\": \"EUR\"}");

  first = call (f, "GET", "/customers?pageNumber=1&pageSize=1&sort=lastName:desc", f->viewer, NULL,
                "X-Total-Count", "true", NULL);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "X-Total-Count"), ==, "2");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (first->json)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (first->json), 0), "lastName"),
                   ==, "Lovelace");

  second = call (f, "GET", "/customers?pageNumber=2&pageSize=1&sort=lastName:desc", f->viewer,
                 NULL, NULL);
  g_assert_cmpuint (second->status, ==, 200);
  g_assert_null (soup_message_headers_get_one (second->headers, "X-Total-Count"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (second->json), 0), "lastName"),
                   ==, "Byron");

  /* Meta characters of SQL and FTS are search text like any other. */
  search = call (f, "GET", "/customers?q=%22%27%3B%20DROP%20TABLE%20customers%3B%20--%20*%20NEAR(",
                 f->viewer, NULL, NULL);
  g_assert_cmpuint (search->status, ==, 200);

  huge = call (f, "GET", "/customers?pageSize=501", f->viewer, NULL, NULL);
  g_assert_cmpuint (huge->status, ==, 400);
  g_assert_cmpstr (problem_code (huge), ==, "too-large");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_strconcat ("/customers", bad[i], NULL);
      g_autoptr(Response) response = call (f, "GET", path, f->viewer, NULL, NULL);

      g_test_message ("%s", path);
      g_assert_cmpuint (response->status, ==, 400);
      g_assert_cmpstr (problem_code (response), ==, "invalid");
    }
}

static void
test_ids_and_routes (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const paths[] = {
    "/customers/a%2Fb", "/customers/%00", "/customers/%FF%FE", "/customers/%2E%2E",
    "/customers/x%0A", "/customers//addresses", "/no-such-route", "/customers/x/nothing",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Response) response = call (f, "GET", paths[i], f->admin, NULL, NULL);

      g_test_message ("%s", paths[i]);
      g_assert_cmpuint (response->status, ==, 404);
      g_assert_cmpstr (problem_code (response), ==, "not-found");
    }
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  static const char site[] = "{\"code\": \"nl\", \"name\": \"Netherlands\"}";
  g_autoptr(Response) viewer_create = call (f, "POST", "/customers", f->viewer, ADA, NULL);
  g_autoptr(Response) staff_site = call (f, "POST", "/sites", f->staff, site, NULL);
  g_autoptr(Response) admin_site = call (f, "POST", "/sites", f->admin, site, NULL);
  g_autoptr(Response) staff_verified = NULL;
  g_autoptr(Response) support_verified = NULL;
  g_autoptr(Response) viewer_prefs = NULL;
  g_autoptr(Response) sites = NULL;
  g_autoptr(Response) site_put = NULL;
  g_autofree char *site_etag = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *path = NULL;

  g_assert_cmpuint (viewer_create->status, ==, 403);
  g_assert_cmpstr (problem_code (viewer_create), ==, "permission-denied");
  g_assert_cmpuint (staff_site->status, ==, 403);
  g_assert_cmpuint (admin_site->status, ==, 201);
  g_assert_cmpstr (soup_message_headers_get_one (admin_site->headers, "Location"), ==,
                   "/api/v1/sites/nl");
  site_etag = quoted_etag (admin_site);

  site_put = call (f, "PUT", "/sites/nl", f->admin, "{\"name\": \"Nederland\"}", "If-Match",
                   site_etag, NULL);
  g_assert_cmpuint (site_put->status, ==, 200);
  g_assert_cmpstr (member_string (site_put, "name"), ==, "Nederland");
  g_assert_cmpstr (member_string (site_put, "code"), ==, "nl");

  sites = call (f, "GET", "/sites", f->viewer, NULL, NULL);
  g_assert_cmpuint (sites->status, ==, 200);

  viewer_prefs = call (f, "PUT", "/preferences", f->viewer, "{\"shopName\": \"X\"}", "If-Match",
                       "\"1\"", NULL);
  g_assert_cmpuint (viewer_prefs->status, ==, 403);

  /* "verified" is taken only from support and admins (a create never
   * verifies: the customer confirms by mail). */
  staff_verified = create_customer (f, ADA);
  etag = quoted_etag (staff_verified);
  path = customer_path (staff_verified, "");
  g_clear_pointer (&staff_verified, response_free);
  staff_verified = call (f, "PATCH", path, f->staff, "{\"verified\": true}", "If-Match", etag,
                         NULL);
  g_assert_cmpuint (staff_verified->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (staff_verified->json), "verified"));
  g_free (etag);
  etag = quoted_etag (staff_verified);
  support_verified = call (f, "PATCH", path, f->support, "{\"verified\": true}", "If-Match", etag,
                           NULL);
  g_assert_cmpuint (support_verified->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (support_verified->json), "verified"));
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  gsize size = CLT_SERVER_MAX_BODY + 10;
  char *big = g_malloc (size);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(Response) response = NULL;
  g_autoptr(Response) after = NULL;

  memset (big, ' ', size);
  big[0] = '{';
  big[size - 1] = '}';
  body = g_bytes_new_take (big, size);
  response = call_bytes (f, "POST", "/customers", f->staff, body, NULL);
  g_assert_cmpuint (response->status, ==, 413);
  g_assert_cmpstr (problem_code (response), ==, "too-large");

  after = call (f, "GET", "/me", f->staff, NULL, NULL);
  g_assert_cmpuint (after->status, ==, 200);
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  gboolean limited = FALSE;

  /* One a second, bursts of two: the third at once is refused. */
  clt_server_set_rate_limit (f->server, 1);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Response) response = call (f, "GET", "/me", f->staff, NULL, NULL);

      if (response->status == 429)
        {
          limited = TRUE;
          g_assert_cmpstr (problem_code (response), ==, "too-many-requests");
          g_assert_nonnull (soup_message_headers_get_one (response->headers, "Retry-After"));
        }
    }
  g_assert_true (limited);

  /* Per token: the others are not affected. */
  {
    g_autoptr(Response) other = call (f, "GET", "/me", f->admin, NULL, NULL);

    g_assert_cmpuint (other->status, ==, 200);
  }
}

typedef struct
{
  Fixture  *f;
  Response *response;
} Poll;

static void
on_poll_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Poll *poll = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) answer = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);

  poll->response = g_new0 (Response, 1);
  poll->response->status = soup_message_get_status (msg);
  poll->response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  poll->response->body = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  poll->response->json = json_from_string (poll->response->body, NULL);
}

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Response) start = call (f, "GET", "/changes", f->viewer, NULL, NULL);
  g_autoptr(Response) quiet = NULL;
  g_autoptr(Response) created = NULL;
  g_autoptr(Response) bad = call (f, "GET", "/changes?since=-4", f->viewer, NULL, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = NULL;
  g_autofree char *quiet_path = NULL;
  JsonArray *changes;
  gint64 last;
  gboolean seen = FALSE;
  Poll poll = { f, NULL };

  g_assert_cmpuint (start->status, ==, 200);
  last = json_object_get_int_member (json_node_get_object (start->json), "last");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (start->json), "changes")), ==, 0);
  g_assert_cmpuint (bad->status, ==, 400);

  /* Nothing happens: an empty answer after the timeout. */
  quiet_path = g_strdup_printf ("/changes?since=%" G_GINT64_FORMAT "&timeout=1", MAX (last, 1));
  quiet = call (f, "GET", quiet_path, f->viewer, NULL, NULL);
  g_assert_cmpuint (quiet->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (quiet->json), "changes")), ==, 0);

  /* A waiting poll wakes up when someone writes. */
  url = g_strdup_printf ("%s/changes?since=%" G_GINT64_FORMAT "&timeout=30", f->base, last);
  msg = soup_message_new ("GET", url);
  {
    g_autofree char *bearer = g_strconcat ("Bearer ", f->viewer, NULL);

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  }
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, on_poll_done_cb,
                                    &poll);
  wait_ms (200);
  g_assert_null (poll.response);

  created = create_customer (f, ADA);
  while (poll.response == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (poll.response->status, ==, 200);
  changes = json_object_get_array_member (json_node_get_object (poll.response->json), "changes");
  g_assert_cmpuint (json_array_get_length (changes), >=, 1);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      g_assert_cmpint (json_object_get_int_member (change, "seq"), >, last);
      if (g_strcmp0 (json_object_get_string_member (change, "id"), member_string (created, "id")) == 0)
        seen = TRUE;
    }
  g_assert_true (seen);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (poll.response->json), "last"), >, last);
  response_free (poll.response);
}

static void
test_access_log (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Response) search = call (f, "GET", "/customers?q=secretsearch&pageSize=5", f->staff,
                                     NULL, NULL);
  g_autoptr(Response) refused = call (f, "GET", "/me", "clt_wrongtoken", NULL, NULL);
  gboolean found = FALSE;

  g_assert_cmpuint (search->status, ==, 200);
  g_assert_cmpuint (refused->status, ==, 401);
  g_assert_cmpuint (f->log->len, >=, 2);

  for (guint i = 0; i < f->log->len; i++)
    {
      const char *line = g_ptr_array_index (f->log, i);

      g_test_message ("%s", line);
      g_assert_null (strstr (line, "secretsearch"));
      g_assert_null (strstr (line, f->staff));
      g_assert_null (strstr (line, "wrongtoken"));
      g_assert_null (strstr (line, "Bearer"));
      if (strstr (line, " sam GET /api/v1/customers?q&pageSize 200 ") != NULL)
        found = TRUE;
    }
  g_assert_true (found);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/clt/server/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("auth", test_auth);
  ADD ("customer-crud", test_customer_crud);
  ADD ("children", test_children);
  ADD ("paging", test_paging);
  ADD ("ids-and-routes", test_ids_and_routes);
  ADD ("roles", test_roles);
  ADD ("too-large", test_too_large);
  ADD ("rate-limit", test_rate_limit);
  ADD ("changes", test_changes);
  ADD ("access-log", test_access_log);

#undef ADD

  return g_test_run ();
}
