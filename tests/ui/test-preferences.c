/* test-preferences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences → Back End under Xvfb: which server addresses are allowed
 * (https://, http:// only on this computer) and what is said next to the
 * field; "Test Connection" saying in words what is wrong, against
 * servers run in this process on 127.0.0.1 (nothing listening, not a
 * Clientele server, a refused token). With CLT_SCREENSHOT_DIR set it
 * saves PNGs (width from CLT_SCREENSHOT_WIDTH).
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <libsoup/soup.h>

#include "clt-preferences-window.h"

#include "ui-test-util.h"

static CltApplication *app;

static void
test_check_url (void)
{
  struct {
    const char *url;
    gboolean    valid;
    const char *says;
  } cases[] = {
    { "https://shop.example.com", TRUE, NULL },
    { "https://shop.example.com:8443/", TRUE, NULL },
    { "http://127.0.0.1:8480", TRUE, NULL },
    { "http://localhost:8480", TRUE, NULL },
    { "http://[::1]:8480", TRUE, NULL },
    { "http://shop.example.com", FALSE, "unencrypted" },
    { "http://192.168.1.20:8480", FALSE, "unencrypted" },
    { "ftp://shop.example.com", FALSE, "https://" },
    { "shop.example.com", FALSE, "not a web address" },
    { "https://", FALSE, "not a web address" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;
      gboolean valid = clt_preferences_check_server_url (cases[i].url, &message);

      g_test_message ("%s: %s", cases[i].url, message);
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (cases[i].says != NULL)
        g_assert_nonnull (strstr (message, cases[i].says));
      else
        g_assert_null (message);
    }

  /* Empty: not valid, but nothing to scold about yet. */
  {
    g_autofree char *message = NULL;

    g_assert_false (clt_preferences_check_server_url ("  ", &message));
    g_assert_null (message);
  }
}

static gboolean
not_busy (gpointer data)
{
  return !clt_preferences_window_get_busy (data);
}

static CltPreferencesWindow *
open_preferences (void)
{
  CltPreferencesWindow *window = clt_preferences_window_new (app, NULL);

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), screenshot_width (600), 720);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_paint (GTK_WIDGET (window));

  return window;
}

static void
choose_server (CltPreferencesWindow *window,
               GtkWidget            *check)
{
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
}

static gboolean
is_server_check (GtkWidget     *widget,
                 gconstpointer  data)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);

  return GTK_IS_CHECK_BUTTON (widget) && row != NULL &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "_Server") == 0;
}

static gboolean
is_entry_row (GtkWidget     *widget,
              gconstpointer  title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static void
fill (CltPreferencesWindow *window,
      const char           *url,
      const char           *token)
{
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (window), is_entry_row,
                                                    "Server Address")), url);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (window), is_entry_row,
                                                    "Access Token")), token);
}

static char *
test_connection (CltPreferencesWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "preferences.test-connection",
                                             NULL));
  g_assert_true (clt_preferences_window_get_busy (window));
  wait_until (not_busy, window, "the connection test");
  g_assert_nonnull (clt_preferences_window_get_status (window));

  return g_strdup (clt_preferences_window_get_status (window));
}

/* A web server that is no Clientele server, and one that refuses tokens. */
static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  const char *kind = user_data;

  if (g_str_equal (kind, "web"))
    {
      static const char page[] = "<html><body>Welcome to our shop</body></html>";

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        page, strlen (page));
    }
  else
    {
      static const char problem[] =
        "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
        "\"detail\":\"The access token is not valid.\"}";

      soup_server_message_set_status (message, 401, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "WWW-Authenticate", "Bearer");
      soup_server_message_set_response (message, "application/problem+json",
                                        SOUP_MEMORY_STATIC, problem, strlen (problem));
    }
}

static char *
start_server (SoupServer **server,
              const char  *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  char *url;

  *server = soup_server_new (NULL, NULL);
  soup_server_add_handler (*server, NULL, on_request_cb, (gpointer) kind, NULL);
  soup_server_listen (*server, address, 0, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (*server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  return url;
}

static void
test_back_end_page (void)
{
  CltPreferencesWindow *window = open_preferences ();
  g_autoptr(SoupServer) web = NULL;
  g_autoptr(SoupServer) refusing = NULL;
  g_autofree char *web_url = NULL;
  g_autofree char *refusing_url = NULL;
  g_autofree char *status = NULL;
  GSocket *socket;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *closed_url = NULL;

  save_screenshot (GTK_WIDGET (window), "preferences-this-computer.png");

  /* Nothing to test until an address and a token are there. */
  choose_server (window, find_widget (GTK_WIDGET (window), is_server_check, NULL));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "preferences.test-connection",
                                              NULL) && clt_preferences_window_get_busy (window));

  /* The address's problem next to it. */
  fill (window, "http://shop.example.com", "clt_token");
  g_assert_nonnull (strstr (clt_preferences_window_get_url_message (window), "https://"));
  run_for (400);
  wait_for_paint (GTK_WIDGET (window));
  save_screenshot (GTK_WIDGET (window), "preferences-server-invalid.png");

  /* Nothing listens: unreachable, in words. A port just closed is free. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  {
    g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);

    g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
    address = g_socket_get_local_address (socket, NULL);
    closed_url = g_strdup_printf ("http://127.0.0.1:%u",
                                  g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
    g_object_unref (socket);
  }
  fill (window, closed_url, "clt_token");
  g_assert_null (clt_preferences_window_get_url_message (window));
  status = test_connection (window);
  g_assert_nonnull (strstr (status, "reach"));
  g_clear_pointer (&status, g_free);
  run_for (400);
  wait_for_paint (GTK_WIDGET (window));
  save_screenshot (GTK_WIDGET (window), "preferences-server-unreachable.png");

  /* A web server, not a Clientele one. */
  web_url = start_server (&web, "web");
  fill (window, web_url, "clt_token");
  status = test_connection (window);
  g_assert_nonnull (strstr (status, "not a Clientele server"));
  g_clear_pointer (&status, g_free);

  /* A refused token. */
  refusing_url = start_server (&refusing, "refusing");
  fill (window, refusing_url, "clt_wrong");
  status = test_connection (window);
  g_assert_nonnull (strstr (status, "token"));
  run_for (400);
  wait_for_paint (GTK_WIDGET (window));
  save_screenshot (GTK_WIDGET (window), "preferences-server-refused.png");

  destroy_and_finalize (window, "the preferences window's last reference");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  ui_test_init (&argc, &argv);

  app = ui_test_app_new ();

  g_test_add_func ("/clt/preferences/check-url", test_check_url);
  g_test_add_func ("/clt/preferences/back-end-page", test_back_end_page);

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
