/* store-factory-rest.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "store-factory-rest"

#include "config.h"

#include "clt-enum-types.h"
#include "clt-rest-store.h"

#include "server-process.h"
#include "store-factory.h"
#include "store-test-util.h"

/* The REST store against a real clientele-server (CLT_SERVER_BINARY): a
 * fresh SQLite file in the fixture's folder with an admin user, the server
 * on 127.0.0.1 port 0, a CltRestStore signed in with the admin's token.
 * A second instance is a second CltRestStore on the same server; the role
 * is changed with `clientele-server user set-role`. The server stops when
 * the last store on it is freed (SIGTERM, then waited for), or with the
 * test process should that die first. */

#define USERNAME "conformance"

/* What the stores on one server share: the server and the admin's token. */
typedef struct
{
  gint           ref_count;
  ServerProcess *process;
  char          *token;
} Server;

static Server *
server_start (const char *dir)
{
  Server *server = g_new0 (Server, 1);

  server->ref_count = 1;
  server->process = server_process_new (dir);
  server->token = server_process_add_user (server->process, USERNAME, "admin");
  server_process_start (server->process, NULL);

  return server;
}

static Server *
server_ref (Server *server)
{
  server->ref_count++;
  return server;
}

static void
server_unref (Server *server)
{
  if (--server->ref_count > 0)
    return;

  /* Stops it, checking that it exits 0. */
  g_clear_pointer (&server->process, server_process_unref);
  g_free (server->token);
  g_free (server);
}

static CltStore *
connect_store (Server *server)
{
  const char *url = server_process_get_url (server->process);
  g_autoptr(CltRestStore) store = clt_rest_store_new (url, server->token);
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  clt_rest_store_connect_async (store, NULL, store_result_cb, &result);
  user = clt_rest_store_connect_finish (store, store_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);

  g_object_set_data_full (G_OBJECT (store), "store-factory-server", server_ref (server),
                          (GDestroyNotify) server_unref);
  return CLT_STORE (g_steal_pointer (&store));
}

static CltStore *
rest_new_store (const char *dir)
{
  Server *server = server_start (dir);
  CltStore *store = connect_store (server);

  server_unref (server);
  return store;
}

static CltStore *
rest_open_second (CltStore   *store,
                  const char *dir)
{
  return connect_store (g_object_get_data (G_OBJECT (store), "store-factory-server"));
}

static void
rest_set_role (CltStore *store,
               CltRole   role)
{
  Server *server = g_object_get_data (G_OBJECT (store), "store-factory-server");
  g_autoptr(GEnumClass) roles = g_type_class_ref (CLT_TYPE_ROLE);
  g_autofree char *output = NULL;

  gint64 deadline;

  output = server_process_run_tool (server->process, "user", "set-role", USERNAME,
                                    g_enum_get_value (roles, role)->value_nick, NULL);

  /* The server remembers a token's user for up to two seconds: wait until
   * it answers with the new role. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(CltBackofficeUser) user = NULL;
      g_autoptr(GError) error = NULL;

      user = sync_get_current_user (store, &error);
      g_assert_no_error (error);
      if (clt_backoffice_user_get_role (user) == role)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      spin_main_loop (100);
    }
}

/* Stops the feed, waits until the store is finalized (requests hold it),
 * and with the last store on it stops the server. */
static void
rest_free (CltStore *store)
{
  clt_rest_store_shutdown (CLT_REST_STORE (store));
  store_unref_and_wait_finalized (store);
}

const StoreFactory *
store_factory_rest (void)
{
  static const StoreFactory factory = {
    .name = "rest",
    .new_store = rest_new_store,
    .open_second = rest_open_second,
    .set_role = rest_set_role,
    .free = rest_free,
  };

  return &factory;
}
