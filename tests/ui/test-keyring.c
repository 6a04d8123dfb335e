/* test-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server tokens in a real keyring (gnome-keyring, unlocked, on a bus
 * of its own: tests/ui/keyring-session runs this): stored under the
 * server's URL, found again under the same URL with or without a trailing
 * slash, kept apart per server, replaced, removed; and nothing of it in
 * GSettings.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "clt-keyring.h"

static gboolean
wait_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
run_until_done (GAsyncResult **result)
{
  while (!wait_result (result))
    g_main_context_iteration (NULL, TRUE);
}

static void
store_token (const char *url,
             const char *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  clt_keyring_store_token_async (url, token, NULL, result_cb, &result);
  run_until_done (&result);
  g_assert_true (clt_keyring_store_token_finish (result, &error));
  g_assert_no_error (error);
}

static char *
lookup_token (const char *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  clt_keyring_lookup_token_async (url, NULL, result_cb, &result);
  run_until_done (&result);
  token = clt_keyring_lookup_token_finish (result, &error);
  g_assert_no_error (error);

  return token;
}

static void
clear_token (const char *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  clt_keyring_clear_token_async (url, NULL, result_cb, &result);
  run_until_done (&result);
  g_assert_true (clt_keyring_clear_token_finish (result, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  char *token;

  g_assert_null (lookup_token ("https://shop.example.com"));

  store_token ("https://shop.example.com/", "clt_first-token");
  store_token ("http://127.0.0.1:8480", "clt_local-token");

  token = lookup_token ("https://shop.example.com");
  g_assert_cmpstr (token, ==, "clt_first-token");
  secret_password_free (token);

  token = lookup_token ("http://127.0.0.1:8480/");
  g_assert_cmpstr (token, ==, "clt_local-token");
  secret_password_free (token);

  /* A new token replaces the old one of the same server. */
  store_token ("https://shop.example.com", "clt_second-token");
  token = lookup_token ("https://shop.example.com/");
  g_assert_cmpstr (token, ==, "clt_second-token");
  secret_password_free (token);

  clear_token ("https://shop.example.com");
  g_assert_null (lookup_token ("https://shop.example.com"));
  token = lookup_token ("http://127.0.0.1:8480");
  g_assert_cmpstr (token, ==, "clt_local-token");
  secret_password_free (token);
  clear_token ("http://127.0.0.1:8480");
}

static void
test_schema (void)
{
  const SecretSchema *schema = clt_keyring_get_schema ();
  g_autofree char *normalized = clt_keyring_normalize_url (" https://a.example/// ");

  g_assert_cmpstr (schema->name, ==, "io.github.clientele.Clientele.ServerToken");
  g_assert_cmpstr (schema->attributes[0].name, ==, "server-url");
  g_assert_null (schema->attributes[1].name);
  g_assert_cmpstr (normalized, ==, "https://a.example");
}

static void
test_not_in_settings (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                            "io.github.clientele.Clientele", TRUE);
  g_assert_nonnull (schema);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_assert_null (strstr (keys[i], "token"));
      g_assert_null (strstr (keys[i], "password"));
    }
  g_assert_true (g_settings_schema_has_key (schema, "server-url"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/keyring/schema", test_schema);
  g_test_add_func ("/clt/keyring/round-trip", test_round_trip);
  g_test_add_func ("/clt/keyring/not-in-settings", test_not_in_settings);

  return g_test_run ();
}
