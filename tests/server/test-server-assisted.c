/* test-server-assisted.c — Assisted Buying over HTTP: who may ask for a
 * link (403 for staff and viewers), what a site needs to offer it (409),
 * and that the link's token works once and expires (404 after).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-server-assisted"

#include "config.h"

#include <string.h>

#include "server-test-util.h"

#define TEMPLATE "https://shop.example/assisted-buying?token={token}&customer={customerNumber}"

/* A customer (its id) and the sites "de" (offers Assisted Buying) and
 * "bare" (no storefront address). */
static char *
seed (Fixture *f)
{
  g_autoptr(Response) customer = NULL;
  g_autoptr(Response) de = NULL;
  g_autoptr(Response) bare = NULL;

  de = call (f, "POST", "/sites", f->admin,
             "{\"code\": \"de\", \"name\": \"Site DE\", \"storefrontUrl\": \"https://shop.example/\","
             " \"assistedBuying\": true, \"assistedBuyingUrl\": \"" TEMPLATE "\"}", NULL);
  g_assert_cmpuint (de->status, ==, 201);
  bare = call (f, "POST", "/sites", f->admin,
               "{\"code\": \"bare\", \"name\": \"Bare\", \"assistedBuying\": true,"
               " \"assistedBuyingUrl\": \"" TEMPLATE "\"}", NULL);
  g_assert_cmpuint (bare->status, ==, 201);

  customer = call (f, "POST", "/customers", f->admin,
                   "{\"email\": \"jane@example.com\", \"firstName\": \"Jane\","
                   " \"lastName\": \"Buyer\", \"preferredCurrency\": \"EUR\"}", NULL);
  g_assert_cmpuint (customer->status, ==, 201);
  return g_strdup (member_string (customer, "id"));
}

static Response *
start (Fixture    *f,
       const char *customer_id,
       const char *token,
       const char *body)
{
  g_autofree char *path = g_strconcat ("/customers/", customer_id, "/assisted-buying", NULL);

  return call (f, "POST", path, token, body, NULL);
}

static char *
token_of (Response *response)
{
  g_autoptr(GUri) uri = g_uri_parse (member_string (response, "url"), G_URI_FLAGS_ENCODED_QUERY,
                                     NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  return g_strdup (g_hash_table_lookup (params, "token"));
}

static Response *
redeem (Fixture    *f,
        const char *token)
{
  g_autofree char *body = g_strdup_printf ("{\"token\": \"%s\"}", token);

  return call (f, "POST", "/assisted-buying/redeem", f->viewer, body, NULL);
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *id = seed (f);
  g_autofree char *path = g_strconcat ("/customers/", id, "/assisted-buying", NULL);
  const char *refused[] = { f->staff, f->viewer };
  const char *allowed[] = { f->support, f->admin };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(Response) response = start (f, id, refused[i], "{\"site\": \"de\"}");

      assert_problem (response, 403, "permission-denied");
      check_problem_shape (f, response);
    }

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(Response) response = start (f, id, allowed[i], "{\"site\": \"de\"}");

      g_assert_cmpuint (response->status, ==, 201);
      g_assert_true (g_str_has_prefix (member_string (response, "url"),
                                       "https://shop.example/assisted-buying?token="));
    }

  /* Two links were made, by support and admin, and anyone reads the log. */
  {
    g_autoptr(Response) log = call (f, "GET", path, f->viewer, NULL, NULL);
    JsonArray *entries;

    g_assert_cmpuint (log->status, ==, 200);
    entries = json_node_get_array (log->json);
    g_assert_cmpuint (json_array_get_length (entries), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0),
                                                    "author"), ==, "alice");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 1),
                                                    "author"), ==, "sue");
  }

  assert_server_sound (f);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = seed (f);
  g_autoptr(Response) bare = start (f, id, f->support, "{\"site\": \"bare\"}");
  g_autoptr(Response) unknown_site = start (f, id, f->support, "{\"site\": \"nowhere\"}");
  g_autoptr(Response) unknown_customer = start (f, "nobody", f->support, "{\"site\": \"de\"}");
  g_autoptr(Response) no_site = start (f, id, f->support, "{}");
  g_autoptr(Response) extra = start (f, id, f->support, "{\"site\": \"de\", \"token\": \"x\"}");
  g_autoptr(Response) not_text = start (f, id, f->support, "{\"site\": 7}");

  assert_problem (bare, 409, "conflict");
  check_problem_shape (f, bare);
  assert_problem (unknown_site, 404, "not-found");
  assert_problem (unknown_customer, 404, "not-found");
  assert_problem (no_site, 422, "invalid");
  assert_problem (extra, 422, "invalid");
  assert_problem (not_text, 422, "invalid");
}

static void
test_single_use (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = seed (f);
  g_autoptr(Response) link = start (f, id, f->support, "{\"site\": \"de\"}");
  g_autofree char *token = token_of (link);
  g_autoptr(Response) first = redeem (f, token);
  g_autoptr(Response) second = NULL;
  g_autoptr(Response) guess = NULL;

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (member_string (first, "customerId"), ==, id);
  g_assert_cmpstr (member_string (first, "site"), ==, "de");
  g_assert_cmpstr (member_string (first, "author"), ==, "sue");

  second = redeem (f, token);
  assert_problem (second, 404, "not-found");
  check_problem_shape (f, second);

  guess = redeem (f, "00000000000000000000000000000000");
  assert_problem (guess, 404, "not-found");
}

static void
test_expiry (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = seed (f);
  g_autoptr(Response) link = NULL;
  g_autoptr(Response) late = NULL;
  g_autofree char *token = NULL;

  g_setenv ("CLT_ASSISTED_BUYING_LIFETIME_MS", "1", TRUE);
  link = start (f, id, f->support, "{\"site\": \"de\"}");
  g_unsetenv ("CLT_ASSISTED_BUYING_LIFETIME_MS");
  g_assert_cmpuint (link->status, ==, 201);
  token = token_of (link);

  g_usleep (20 * 1000);
  late = redeem (f, token);
  assert_problem (late, 404, "not-found");
}

/* The database keeps no token, only hashes. */
static void
test_hashed_at_rest (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = seed (f);
  g_autoptr(Response) link = start (f, id, f->support, "{\"site\": \"de\"}");
  g_autofree char *token = token_of (link);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_nonnull (token);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_null (g_strstr_len (contents, length, token));
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_autofree char *wal_contents = NULL;

    if (g_file_get_contents (wal, &wal_contents, &length, NULL))
      g_assert_null (g_strstr_len (wal_contents, length, token));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/clt/server/assisted-buying/" path, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)

  ADD ("roles", test_roles);
  ADD ("refused", test_refused);
  ADD ("single-use", test_single_use);
  ADD ("expiry", test_expiry);
  ADD ("hashed-at-rest", test_hashed_at_rest);

#undef ADD

  return g_test_run ();
}
