/* test-server-security.c — what docs/security.md cites for the OWASP API
 * Security Top 10 beyond the other server tests: every route of the table
 * (clt_server_get_routes (), so a new route is covered the day it is
 * added) refuses a request without valid credentials, and every route that
 * takes an id answers 404 for an id it does not hold and for a child that
 * belongs to another customer, changing nothing; a token can hold only so
 * many change-feed polls; the access log holds no personal data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-server-security"

#include "config.h"

#include <string.h>

#include "clt-server-private.h"

#include "server-test-util.h"

/* A body each route takes (ids in it unknown), so that what decides the
 * answer is the id in the path. */
static const char *
body_for (const CltServerRouteInfo *route)
{
  static const struct {
    const char *method;
    const char *suffix;
    const char *body;
  } bodies[] = {
    { "PUT", "/groups", "{\"groups\": []}" },
    { "PUT", "/company", "{\"companyId\": \"nosuchid\", \"roles\": []}" },
    { "PUT", "/default-address", "{\"addressId\": \"nosuchid\", \"use\": \"billing\"}" },
    { "PUT", "/state", "{\"state\": \"sent\"}" },
    { "POST", "/notes", "{\"message\": \"Called back\"}" },
    { "POST", "/addresses", "{\"firstName\": \"C\", \"lastName\": \"N\", \"address1\": \"Side St 2\", "
                            "\"zipCode\": \"12345\", \"city\": \"Berlin\", \"country\": \"DE\"}" },
    { "PATCH", "{addressId}", "{\"city\": \"Bath\"}" },
    { "PATCH", "{id}", "{\"firstName\": \"Changed\"}" },
    { "PUT", "/custom-fields/{key}", "{\"label\": \"Renamed\", \"type\": \"string\"}" },
    { "PUT", "}", "{\"name\": \"Renamed\"}" },
    { "POST", "/import", "{\"customers\": []}" },
    { "POST", "/assisted-buying", "{\"site\": \"DE\"}" },
  };

  if (g_str_equal (route->method, "GET") || g_str_equal (route->method, "DELETE"))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    if (g_str_equal (route->method, bodies[i].method) &&
        g_str_has_suffix (route->path, bodies[i].suffix))
      return bodies[i].body;
  return "{}";
}

/* @route's path with every {name} replaced by @first (the first id) and
 * @second (the second, a child's). */
static char *
route_path (const CltServerRouteInfo *route,
            const char               *first,
            const char               *second)
{
  g_autoptr(GString) path = g_string_new (NULL);
  guint n = 0;

  for (const char *p = route->path; *p != '\0'; p++)
    {
      if (*p == '{')
        {
          g_string_append (path, n++ == 0 ? first : second);
          p = strchr (p, '}');
          g_assert_nonnull (p);
        }
      else
        g_string_append_c (path, *p);
    }

  return g_string_free (g_steal_pointer (&path), FALSE);
}

static char *
customer (Fixture    *f,
          const char *email,
          char      **address)
{
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"firstName\": \"Jo\", "
                                           "\"lastName\": \"Private\", \"preferredCurrency\": \"EUR\"}", email);
  g_autoptr(Response) created = call (f, "POST", "/customers", f->admin, body, NULL);
  char *id;

  if (created->status != 201)
    g_error ("Creating %s: %u %s", email, created->status, created->body);
  id = g_strdup (member_string (created, "id"));
  if (address != NULL)
    {
      g_autofree char *path = g_strconcat ("/customers/", id, "/addresses", NULL);
      g_autoptr(Response) made = call (f, "POST", path, f->admin,
                                       "{\"firstName\": \"Jo\", \"lastName\": \"Private\", "
                                       "\"address1\": \"Secret Lane 7\", \"zipCode\": \"10115\", "
                                       "\"city\": \"Berlin\", \"country\": \"DE\"}", NULL);

      g_assert_cmpuint (made->status, ==, 201);
      *address = g_strdup (member_string (made, "id"));
    }

  return id;
}

/* What a client can read of the customers, their addresses and the shop. */
static char *
snapshot (Fixture    *f,
          const char *customer_id)
{
  g_autofree char *details = g_strconcat ("/customers/", customer_id, "/details", NULL);
  const char *paths[] = { "/customers?pageSize=500", details, "/sites", "/groups",
                          "/companies", "/custom-fields", "/preferences" };
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Response) got = call (f, "GET", paths[i], f->admin, NULL, NULL);

      g_assert_cmpuint (got->status, ==, 200);
      g_string_append (all, got->body);
    }

  return g_string_free (g_steal_pointer (&all), FALSE);
}

/* API2: no route answers without a valid token: none, another scheme, an
 * empty one, an unknown one, a revoked one. */
static void
test_unauthenticated (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = customer (f, "auth@example.org", NULL);
  g_autofree char *revoked = add_user (f, "rex", CLT_ROLE_ADMIN);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const CltServerRouteInfo *routes;
  guint n_routes = 0;

  run_cli (f, "user", "revoke", "rex", NULL);
  before = snapshot (f, id);
  routes = clt_server_get_routes (&n_routes);
  for (guint i = 0; i < n_routes; i++)
    {
      g_autofree char *path = route_path (&routes[i], id, "x");
      static const char *const credentials[] = {
        NULL, "Basic YWxpY2U6c2VjcmV0", "Bearer", "Bearer ", "Bearer clt_unknown",
        "Bearer clt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "REVOKED",
      };

      for (guint c = 0; c < G_N_ELEMENTS (credentials); c++)
        {
          g_autofree char *bearer = g_strconcat ("Bearer ", revoked, NULL);
          const char *value = g_strcmp0 (credentials[c], "REVOKED") == 0 ? bearer : credentials[c];
          const char *headers[] = { "Authorization", value, "If-Match", "\"1\"", NULL };
          g_autoptr(GBytes) body = NULL;
          g_autoptr(Response) answer = NULL;

          if (body_for (&routes[i]) != NULL)
            body = g_bytes_new_static (body_for (&routes[i]), strlen (body_for (&routes[i])));
          answer = call_bytes (f, routes[i].method, path, NULL, body,
                               value != NULL ? headers : headers + 2);
          g_test_message ("%s %s with %s: %u", routes[i].method, path,
                          c == 6 ? "a revoked token" : value, answer->status);
          assert_problem (answer, 401, "not-signed-in");
          g_assert_cmpstr (soup_message_headers_get_one (answer->headers, "WWW-Authenticate"),
                           ==, "Bearer");
        }
    }

  after = snapshot (f, id);
  g_assert_cmpstr (before, ==, after);
}

/* API1: an id the server does not hold is a 404 on every route that takes
 * one, and a child (an address) reached through another customer is a 404
 * too: an id is no key to another object. Nothing changes. */
static void
test_object_level (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *address_a = NULL;
  g_autofree char *address_b = NULL;
  g_autofree char *a = customer (f, "a@example.org", &address_a);
  g_autofree char *b = customer (f, "b@example.org", &address_b);
  g_autofree char *before_a = snapshot (f, a);
  g_autofree char *before_b = snapshot (f, b);
  g_autofree char *after_a = NULL;
  g_autofree char *after_b = NULL;
  const CltServerRouteInfo *routes;
  guint n_routes = 0;
  guint n_checked = 0;

  routes = clt_server_get_routes (&n_routes);
  for (guint i = 0; i < n_routes; i++)
    {
      const CltServerRouteInfo *route = &routes[i];
      const char *body = body_for (route);
      /* Unknown ids; and customer b's path with customer a's address. */
      g_autofree char *unknown = route_path (route, "nosuchid", "nosuchid");
      g_autofree char *known_parent = route_path (route, a, "nosuchid");
      g_autofree char *foreign = route_path (route, b, address_a);
      const char *paths[] = { unknown, known_parent, foreign };
      guint n_ids = 0;

      for (const char *p = route->path; (p = strchr (p, '{')) != NULL; p++)
        n_ids++;
      if (n_ids == 0)
        continue;

      for (guint k = 0; k < (n_ids == 2 ? G_N_ELEMENTS (paths) : 1); k++)
        {
          g_autoptr(Response) answer = call (f, route->method, paths[k], f->admin, body,
                                             "If-Match", "\"1\"", NULL);

          g_test_message ("%s %s: %u", route->method, paths[k], answer->status);
          assert_problem (answer, 404, "not-found");
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >, 20);

  /* An id in a body is no key either: customer b's default address cannot
   * be customer a's. */
  {
    g_autofree char *path = g_strconcat ("/customers/", b, "/default-address", NULL);
    g_autofree char *body = g_strdup_printf ("{\"addressId\": \"%s\", \"use\": \"billing\"}",
                                             address_a);
    g_autofree char *get = g_strconcat ("/customers/", b, NULL);
    g_autoptr(Response) current = call (f, "GET", get, f->admin, NULL, NULL);
    g_autofree char *etag = quoted_etag (current);
    g_autoptr(Response) answer = call (f, "PUT", path, f->admin, body, "If-Match", etag, NULL);

    g_test_message ("PUT %s with another customer's address: %u", path, answer->status);
    if (answer->status != 404 && answer->status != 422)
      g_error ("Another customer's address as the default: %u %s", answer->status, answer->body);
  }

  after_a = snapshot (f, a);
  after_b = snapshot (f, b);
  g_assert_cmpstr (before_a, ==, after_a);
  g_assert_cmpstr (before_b, ==, after_b);
  assert_server_sound (f);
}

typedef struct
{
  guint  answered;
  guint  status[CLT_SERVER_MAX_POLLS_PER_TOKEN];
} Polls;

typedef struct
{
  Polls       *polls;
  guint        index;
  SoupMessage *msg;
} Poll;

static void
on_poll_answered_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Poll *poll = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                              NULL);

  poll->polls->status[poll->index] = soup_message_get_status (poll->msg);
  poll->polls->answered++;
  g_object_unref (poll->msg);
  g_free (poll);
}

/* API4: one token holds at most CLT_SERVER_MAX_POLLS_PER_TOKEN change-feed
 * polls; one more is a 429 with a wait, another token is not affected,
 * and once the polls end the token may poll again. */
static void
test_poll_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", 64,
                                                                  "max-conns-per-host", 64,
                                                                  "timeout", 60, NULL);
  g_autoptr(Response) now = call (f, "GET", "/changes", f->staff, NULL, NULL);
  g_autoptr(Response) refused = NULL;
  g_autoptr(Response) other = NULL;
  g_autoptr(Response) again = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *bearer = g_strconcat ("Bearer ", f->staff, NULL);
  g_autofree char *id = NULL;
  Polls polls = { 0, };
  gint64 deadline;

  g_assert_cmpuint (now->status, ==, 200);
  path = g_strdup_printf ("/changes?since=%" G_GINT64_FORMAT "&timeout=30",
                          json_object_get_int_member (json_node_get_object (now->json), "last"));
  url = g_strconcat (f->base, path, NULL);

  for (guint i = 0; i < CLT_SERVER_MAX_POLLS_PER_TOKEN; i++)
    {
      Poll *poll = g_new0 (Poll, 1);

      poll->polls = &polls;
      poll->index = i;
      poll->msg = soup_message_new ("GET", url);
      soup_message_headers_replace (soup_message_get_request_headers (poll->msg),
                                    "Authorization", bearer);
      soup_session_send_and_read_async (session, poll->msg, G_PRIORITY_DEFAULT, NULL,
                                        on_poll_answered_cb, poll);
    }
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_queue_get_length (&f->server->polls) < CLT_SERVER_MAX_POLLS_PER_TOKEN)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (polls.answered, ==, 0);

  refused = call (f, "GET", path, f->staff, NULL, NULL);
  assert_problem (refused, 429, "too-many-requests");
  g_assert_nonnull (soup_message_headers_get_one (refused->headers, "Retry-After"));
  /* Another token polls as before (timeout=0: at once). */
  other = call (f, "GET", "/changes?since=0&timeout=0", f->viewer, NULL, NULL);
  g_assert_cmpuint (other->status, ==, 200);

  /* A change answers the waiting polls; the token may poll again. */
  id = customer (f, "poll@example.org", NULL);
  while (polls.answered < CLT_SERVER_MAX_POLLS_PER_TOKEN)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  for (guint i = 0; i < CLT_SERVER_MAX_POLLS_PER_TOKEN; i++)
    g_assert_cmpuint (polls.status[i], ==, 200);
  again = call (f, "GET", path, f->staff, NULL, NULL);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpuint (g_hash_table_size (f->server->polls_per_token), ==, 0);
}

/* API8/API10: the access log names the user, method, path and status, never
 * the customer's data (from bodies, ids it was looked up by, searches),
 * problems' text, or tokens. */
static void
test_log_private (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *address = NULL;
  g_autofree char *id = customer (f, "jo.private@example.org", &address);
  g_autofree char *path = g_strconcat ("/customers/", id, NULL);
  g_autofree char *notes = g_strconcat ("/customers/", id, "/notes", NULL);
  g_autoptr(Response) search = call (f, "GET", "/customers?q=jo.private%40example.org", f->staff,
                                     NULL, NULL);
  g_autoptr(Response) by_email = call (f, "GET", "/customers?email=jo.private%40example.org",
                                       f->staff, NULL, NULL);
  g_autoptr(Response) bad = call (f, "POST", "/customers", f->staff,
                                  "{\"email\": \"Not An Email Private\", \"lastName\": \"Private\"}",
                                  NULL);
  g_autoptr(Response) note = call (f, "POST", notes, f->staff,
                                   "{\"message\": \"Private phone 0170 555 1234\"}", NULL);
  g_autoptr(Response) got = call (f, "GET", path, f->viewer, NULL, NULL);
  /* A token pasted into a path by mistake. */
  g_autofree char *pasted_path = g_strconcat ("/customers/", f->admin, "/notes", NULL);
  g_autoptr(Response) pasted = call (f, "GET", pasted_path, f->admin, NULL, NULL);
  /* … as a query key … */
  g_autofree char *key_path = g_strconcat ("/customers?", f->admin, "=1", NULL);
  g_autoptr(Response) as_key = call (f, "GET", key_path, f->admin, NULL, NULL);
  /* And one sent as the method. */
  g_autoptr(Response) as_method = call (f, f->staff, "/customers", f->admin, NULL, NULL);
  static const char *const secrets[] = {
    "jo.private", "Private", "Secret Lane", "0170", "Not An Email", "Bearer",
  };

  g_assert_cmpuint (search->status, ==, 200);
  g_assert_cmpuint (bad->status, ==, 422);
  g_assert_cmpuint (note->status, ==, 201);
  g_assert_cmpuint (got->status, ==, 200);
  g_assert_cmpuint (pasted->status, ==, 404);
  g_assert_cmpuint (as_method->status, >=, 400);
  g_assert_cmpuint (as_key->status, >=, 200);
  g_assert_cmpuint (f->log->len, >=, 10);

  for (guint i = 0; i < f->log->len; i++)
    {
      const char *line = g_ptr_array_index (f->log, i);

      g_test_message ("%s", line);
      for (guint s = 0; s < G_N_ELEMENTS (secrets); s++)
        if (strstr (line, secrets[s]) != NULL)
          g_error ("The access log shows “%s”: %s", secrets[s], line);
      g_assert_null (strstr (line, f->admin));
      g_assert_null (strstr (line, f->staff));
      g_assert_null (strstr (line, f->viewer));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/clt/server-security/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("unauthenticated", test_unauthenticated);
  ADD ("object-level", test_object_level);
  ADD ("poll-limit", test_poll_limit);
  ADD ("log-private", test_log_private);

#undef ADD

  return g_test_run ();
}
