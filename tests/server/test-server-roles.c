/* test-server-roles.c — every route of the server's table (the one the
 * OpenAPI test holds data/openapi.yaml to) × every role: reads for all,
 * customer writes for staff and up, Assisted Buying for support and up, the
 * shop's own data and imports for admins only. A refusal is a 403 problem (permission-denied) and changes
 * nothing a client can read; an allowed call succeeds.
 *
 * The rule is written down here again, from the issue, rather than read
 * from the server: a route whose permission drifts fails here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-server-roles"

#include "config.h"

#include <string.h>

#include "server-test-util.h"

static const char * const role_names[] = { "viewer", "staff", "support", "admin" };

/* What each call needs, fresh for each role so that one role's write
 * does not spoil the next one's. */
typedef struct
{
  char *customer;        /* id */
  char *customer_etag;
  char *address;         /* id */
  char *address_etag;
  char *deleted;         /* a customer deleted with time to undo */
  char *email;           /* an outbox mail of the customer */
  char *site;
  char *site_etag;
  char *group;
  char *group_etag;
  char *company;
  char *company_etag;
  char *field;
  char *field_etag;
  char *preferences_etag;
  char *token;           /* of an Assisted Buying link for the customer */
} Targets;

static void
targets_clear (Targets *t)
{
  g_free (t->customer);
  g_free (t->customer_etag);
  g_free (t->address);
  g_free (t->address_etag);
  g_free (t->deleted);
  g_free (t->email);
  g_free (t->site);
  g_free (t->site_etag);
  g_free (t->group);
  g_free (t->group_etag);
  g_free (t->company);
  g_free (t->company_etag);
  g_free (t->field);
  g_free (t->field_etag);
  g_free (t->preferences_etag);
  g_free (t->token);
  memset (t, 0, sizeof *t);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Targets, targets_clear)

static Response *
admin_call (Fixture    *f,
            const char *method,
            const char *path,
            const char *body,
            guint       status)
{
  Response *response = call (f, method, path, f->admin, body, NULL);

  if (response->status != status)
    g_error ("%s %s: %u %s", method, path, response->status, response->body);
  return response;
}

static void
make_targets (Fixture *f,
              guint    n,
              Targets *t)
{
  g_autoptr(Response) customer = NULL;
  g_autoptr(Response) address = NULL;
  g_autoptr(Response) deleted = NULL;
  g_autoptr(Response) removed = NULL;
  g_autoptr(Response) reset = NULL;
  g_autoptr(Response) emails = NULL;
  g_autoptr(Response) site = NULL;
  g_autoptr(Response) group = NULL;
  g_autoptr(Response) company = NULL;
  g_autoptr(Response) field = NULL;
  g_autoptr(Response) preferences = NULL;
  g_autoptr(Response) link = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *deleted_path = NULL;
  g_autofree char *etag = NULL;

  body = g_strdup_printf ("{\"email\": \"c%u@example.com\", \"firstName\": \"C\", \"lastName\": \"N%u\","
                          " \"preferredCurrency\": \"EUR\"}", n, n);
  customer = admin_call (f, "POST", "/customers", body, 201);
  t->customer = g_strdup (member_string (customer, "id"));

  path = g_strconcat ("/customers/", t->customer, "/addresses", NULL);
  address = admin_call (f, "POST", path,
                        "{\"firstName\": \"C\", \"lastName\": \"N\", \"address1\": \"Main St 1\","
                        " \"zipCode\": \"12345\", \"city\": \"Berlin\", \"country\": \"DE\"}", 201);
  t->address = g_strdup (member_string (address, "id"));
  t->address_etag = quoted_etag (address);

  g_free (path);
  path = g_strconcat ("/customers/", t->customer, "/password-reset", NULL);
  reset = admin_call (f, "POST", path, NULL, 204);
  g_free (path);
  path = g_strconcat ("/customers/", t->customer, "/emails", NULL);
  emails = admin_call (f, "GET", path, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (emails->json)), >=, 1);
  t->email = g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (emails->json), 0),
                                                      "id"));

  /* Creating the address changed the customer: its ETag now. */
  {
    g_autofree char *customer_path = g_strconcat ("/customers/", t->customer, NULL);
    g_autoptr(Response) now = admin_call (f, "GET", customer_path, NULL, 200);

    t->customer_etag = quoted_etag (now);
  }

  g_free (body);
  body = g_strdup_printf ("{\"email\": \"d%u@example.com\", \"firstName\": \"D\", \"lastName\": \"N%u\","
                          " \"preferredCurrency\": \"EUR\"}", n, n);
  deleted = admin_call (f, "POST", "/customers", body, 201);
  t->deleted = g_strdup (member_string (deleted, "id"));
  deleted_path = g_strconcat ("/customers/", t->deleted, "?undoSeconds=3600", NULL);
  etag = quoted_etag (deleted);
  removed = call (f, "DELETE", deleted_path, f->admin, NULL, "If-Match", etag, NULL);
  g_assert_cmpuint (removed->status, ==, 204);

  g_free (body);
  body = g_strdup_printf ("{\"code\": \"site%u\", \"name\": \"Site %u\","
                          " \"storefrontUrl\": \"https://shop.example/\", \"assistedBuying\": true,"
                          " \"assistedBuyingUrl\": \"https://shop.example/ab?token={token}\"}", n, n);
  site = admin_call (f, "POST", "/sites", body, 201);
  t->site = g_strdup (member_string (site, "code"));
  t->site_etag = quoted_etag (site);

  g_free (body);
  g_free (path);
  body = g_strdup_printf ("{\"site\": \"%s\"}", t->site);
  path = g_strconcat ("/customers/", t->customer, "/assisted-buying", NULL);
  link = admin_call (f, "POST", path, body, 201);
  uri = g_uri_parse (member_string (link, "url"), G_URI_FLAGS_ENCODED_QUERY, NULL);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  t->token = g_strdup (g_hash_table_lookup (params, "token"));
  g_assert_nonnull (t->token);

  g_free (body);
  body = g_strdup_printf ("{\"code\": \"group%u\", \"name\": \"Group %u\"}", n, n);
  group = admin_call (f, "POST", "/groups", body, 201);
  t->group = g_strdup (member_string (group, "code"));
  t->group_etag = quoted_etag (group);

  g_free (body);
  body = g_strdup_printf ("{\"id\": \"company%u\", \"name\": \"Company %u\"}", n, n);
  company = admin_call (f, "POST", "/companies", body, 201);
  t->company = g_strdup (member_string (company, "id"));
  t->company_etag = quoted_etag (company);

  g_free (body);
  body = g_strdup_printf ("{\"key\": \"field%u\", \"label\": \"Field %u\", \"type\": \"string\"}", n, n);
  field = admin_call (f, "POST", "/custom-fields", body, 201);
  t->field = g_strdup (member_string (field, "key"));
  t->field_etag = quoted_etag (field);

  preferences = admin_call (f, "GET", "/preferences", NULL, 200);
  t->preferences_etag = quoted_etag (preferences);
}

/* Everything a client can read: equal before and after a refusal means
 * the refused call changed nothing. */
static char *
snapshot (Fixture *f)
{
  static const char * const lists[] = {
    "/customers?pageSize=500&sort=customerNumber:asc", "/sites", "/groups", "/companies",
    "/custom-fields", "/preferences", "/changes",
  };
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(Response) customers = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(Response) response = admin_call (f, "GET", lists[i], NULL, 200);

      g_string_append_printf (all, "%s\n%s\n", lists[i], response->body);
    }

  /* Each customer in full: addresses, notes, outbox, groups, company. */
  customers = admin_call (f, "GET", "/customers?pageSize=500", NULL, 200);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (customers->json)); i++)
    {
      JsonObject *customer = json_array_get_object_element (json_node_get_array (customers->json), i);
      g_autofree char *path = g_strconcat ("/customers/",
                                           json_object_get_string_member (customer, "id"),
                                           "/details", NULL);
      g_autofree char *log_path = g_strconcat ("/customers/",
                                               json_object_get_string_member (customer, "id"),
                                               "/assisted-buying", NULL);
      g_autoptr(Response) details = admin_call (f, "GET", path, NULL, 200);
      g_autoptr(Response) log = admin_call (f, "GET", log_path, NULL, 200);

      g_string_append_printf (all, "%s\n%s\n%s\n", path, details->body, log->body);
    }

  return g_string_free (g_steal_pointer (&all), FALSE);
}

typedef enum
{
  MAY_READ,
  MAY_EDIT,
  MAY_ASSIST,
  MAY_MANAGE,
} Needs;

/* The rule of the issue, per route. */
static Needs
route_needs (const CltServerRouteInfo *route)
{
  static const char * const shop[] = { "/sites", "/groups", "/companies", "/custom-fields",
                                       "/preferences", NULL };

  if (g_str_equal (route->method, "GET"))
    return MAY_READ;
  if (g_str_equal (route->path, "/customers/import"))
    return MAY_MANAGE;
  /* The storefront redeems the token with any account's token. */
  if (g_str_equal (route->path, "/assisted-buying/redeem"))
    return MAY_READ;
  if (g_str_equal (route->path, "/customers/{id}/assisted-buying"))
    return MAY_ASSIST;
  for (guint i = 0; shop[i] != NULL; i++)
    if (g_str_has_prefix (route->path, shop[i]))
      return MAY_MANAGE;
  return MAY_EDIT;
}

static gboolean
role_may (CltRole role,
          Needs   needs)
{
  switch (needs)
    {
    case MAY_READ:
      return TRUE;
    case MAY_EDIT:
      return role >= CLT_ROLE_STAFF;
    case MAY_ASSIST:
      return role >= CLT_ROLE_SUPPORT;
    case MAY_MANAGE:
      return role == CLT_ROLE_ADMIN;
    default:
      g_assert_not_reached ();
    }
}

/* The path with its ids, the body and the If-Match for one call. */
static void
prepare_call (const CltServerRouteInfo  *route,
              Targets                   *t,
              guint                      n,
              char                     **path,
              char                     **body,
              const char               **etag)
{
  g_autoptr(GString) filled = g_string_new (route->path);
  const char *key = g_str_has_prefix (route->path, "/sites") ? t->site
                    : g_str_has_prefix (route->path, "/groups") ? t->group
                    : g_str_has_prefix (route->path, "/custom-fields") ? t->field
                    : NULL;
  const char *id = g_str_has_prefix (route->path, "/companies") ? t->company
                   : strstr (route->path, "/restore") != NULL ? t->deleted
                   : t->customer;
  const char *key_etag = g_str_has_prefix (route->path, "/sites") ? t->site_etag
                         : g_str_has_prefix (route->path, "/groups") ? t->group_etag
                         : t->field_etag;
  const char *m = route->method;
  const char *p = route->path;

  g_string_replace (filled, "{id}", id, 0);
  g_string_replace (filled, "{addressId}", t->address, 0);
  g_string_replace (filled, "{emailId}", t->email, 0);
  if (key != NULL)
    g_string_replace (filled, "{code}", key, 0);
  g_string_replace (filled, "{key}", t->field, 0);
  g_assert_null (strchr (filled->str, '{'));
  /* The change feed answers at once without "since". */
  *path = g_string_free (g_steal_pointer (&filled), FALSE);

  *body = NULL;
  *etag = NULL;

#define IS(method, route_path) (g_str_equal (m, method) && g_str_equal (p, route_path))
  if (IS ("POST", "/customers"))
    *body = g_strdup_printf ("{\"email\": \"new%u@example.com\", \"firstName\": \"New\","
                             " \"lastName\": \"N\", \"preferredCurrency\": \"EUR\"}", n);
  else if (IS ("POST", "/customers/import"))
    *body = g_strdup_printf ("{\"customers\": [{\"email\": \"imp%u@example.com\", \"firstName\": \"I\","
                             " \"lastName\": \"N\", \"preferredCurrency\": \"EUR\"}]}", n);
  else if (IS ("PATCH", "/customers/{id}"))
    *body = g_strdup ("{\"firstName\": \"Changed\"}");
  else if (IS ("PUT", "/customers/{id}/groups"))
    *body = g_strdup_printf ("{\"groups\": [\"%s\"]}", t->group);
  else if (IS ("PUT", "/customers/{id}/company"))
    *body = g_strdup_printf ("{\"companyId\": \"%s\", \"roles\": []}", t->company);
  else if (IS ("PUT", "/customers/{id}/default-address"))
    *body = g_strdup_printf ("{\"addressId\": \"%s\", \"use\": \"billing\"}", t->address);
  else if (IS ("POST", "/customers/{id}/addresses"))
    *body = g_strdup ("{\"firstName\": \"C\", \"lastName\": \"N\", \"address1\": \"Side St 2\","
                      " \"zipCode\": \"54321\", \"city\": \"Bonn\", \"country\": \"DE\"}");
  else if (IS ("PATCH", "/customers/{id}/addresses/{addressId}"))
    *body = g_strdup ("{\"city\": \"Bath\"}");
  else if (IS ("POST", "/customers/{id}/notes"))
    *body = g_strdup ("{\"message\": \"Called back\"}");
  else if (IS ("POST", "/customers/{id}/assisted-buying"))
    *body = g_strdup_printf ("{\"site\": \"%s\"}", t->site);
  else if (IS ("POST", "/assisted-buying/redeem"))
    *body = g_strdup_printf ("{\"token\": \"%s\"}", t->token);
  else if (IS ("PUT", "/emails/{emailId}/state"))
    *body = g_strdup ("{\"state\": \"sent\"}");
  else if (IS ("POST", "/sites"))
    *body = g_strdup_printf ("{\"code\": \"newsite%u\", \"name\": \"New\"}", n);
  else if (IS ("POST", "/groups"))
    *body = g_strdup_printf ("{\"code\": \"newgroup%u\", \"name\": \"New\"}", n);
  else if (IS ("POST", "/companies"))
    *body = g_strdup_printf ("{\"id\": \"newcompany%u\", \"name\": \"New\"}", n);
  else if (IS ("POST", "/custom-fields"))
    *body = g_strdup_printf ("{\"key\": \"newfield%u\", \"label\": \"New\", \"type\": \"string\"}", n);
  else if (g_str_equal (m, "PUT") && (g_str_has_prefix (p, "/sites/") || g_str_has_prefix (p, "/groups/")))
    *body = g_strdup ("{\"name\": \"Renamed\"}");
  else if (IS ("PUT", "/companies/{id}"))
    *body = g_strdup ("{\"name\": \"Renamed\"}");
  else if (IS ("PUT", "/custom-fields/{key}"))
    *body = g_strdup ("{\"label\": \"Renamed\", \"type\": \"string\"}");
  else if (IS ("PUT", "/preferences"))
    *body = g_strdup ("{\"shopName\": \"Renamed\"}");
  else if (!g_str_equal (m, "GET") && !g_str_equal (m, "DELETE") &&
           !IS ("POST", "/customers/{id}/restore") && !IS ("POST", "/customers/{id}/password-reset"))
    g_error ("No body for %s %s: add one to this test", m, p);

  if (g_str_equal (m, "PATCH") || g_str_equal (m, "PUT") || g_str_equal (m, "DELETE"))
    {
      if (strstr (p, "{addressId}") != NULL)
        *etag = t->address_etag;
      else if (g_str_has_prefix (p, "/customers/"))
        *etag = t->customer_etag;
      else if (g_str_has_prefix (p, "/companies/"))
        *etag = t->company_etag;
      else if (g_str_has_prefix (p, "/preferences"))
        *etag = t->preferences_etag;
      else if (g_str_has_prefix (p, "/emails/"))
        *etag = NULL;
      else
        *etag = key_etag;
    }
#undef IS
}

static void
test_route (Fixture       *f,
            gconstpointer  data)
{
  const CltServerRouteInfo *route = data;
  Needs needs = route_needs (route);
  const char *tokens[] = { f->viewer, f->staff, f->support, f->admin };

  /* Seeding and snapshots are many calls a second. */
  clt_server_set_rate_limit (f->server, 100000);

  for (CltRole role = CLT_ROLE_VIEWER; role <= CLT_ROLE_ADMIN; role++)
    {
      g_auto(Targets) targets = { 0, };
      g_autofree char *path = NULL;
      g_autofree char *body = NULL;
      g_autofree char *before = NULL;
      g_autoptr(Response) response = NULL;
      const char *etag = NULL;

      make_targets (f, role, &targets);
      prepare_call (route, &targets, role, &path, &body, &etag);
      before = snapshot (f);

      response = call (f, route->method, path, tokens[role], body, etag != NULL ? "If-Match" : NULL,
                       etag, NULL);
      g_test_message ("%s %s as %s: %u", route->method, path, role_names[role], response->status);

      if (role_may (role, needs))
        {
          if (response->status < 200 || response->status >= 300)
            g_error ("%s %s as %s: %u %s", route->method, path, role_names[role], response->status,
                     response->body);
        }
      else
        {
          g_autofree char *after = NULL;

          assert_problem (response, 403, "permission-denied");
          after = snapshot (f);
          g_assert_cmpstr (before, ==, after);
        }
    }

  assert_server_sound (f);
}

int
main (int   argc,
      char *argv[])
{
  const CltServerRouteInfo *routes;
  guint n_routes = 0;

  g_test_init (&argc, &argv, NULL);

  routes = clt_server_get_routes (&n_routes);
  g_assert_cmpuint (n_routes, >, 30);
  for (guint i = 0; i < n_routes; i++)
    {
      g_autofree char *name = g_strdup_printf ("/clt/server-roles/%s%s", routes[i].method,
                                               routes[i].path);

      g_test_add (name, Fixture, &routes[i], fixture_setup, test_route, fixture_teardown);
    }

  return g_test_run ();
}
