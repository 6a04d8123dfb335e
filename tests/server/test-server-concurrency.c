/* test-server-concurrency.c — many staff edit one customer at once: 50
 * clients × 200 writes, each reading the ETag, writing with If-Match and
 * reading again after a 412. Every write wins (200) or is stale (412);
 * the winners' versions are exactly the ones after the first, one each;
 * and a counter that every winner raised by one from what it read equals
 * the number of winners, so no update was lost.
 *
 * The clients run in a thread of their own (one SoupSession, a
 * connection each) while the server runs on the main context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-server-concurrency"

#include "config.h"

#include <string.h>

#include "server-test-util.h"

#define N_CLIENTS 50
#ifndef N_WRITES
#define N_WRITES  200   /* 20 in the sanitizer build (meson.build) */
#endif

typedef struct _Run Run;

typedef struct
{
  Run        *run;
  const char *token;
  guint       writes;     /* attempted */
  gint64      version;    /* as last read */
  gint64      counter;    /* as last read */
  guint       stale_in_a_row;
} Client;

struct _Run
{
  GMainContext *context;
  SoupSession  *session;
  char         *url;       /* the customer */
  Client        clients[N_CLIENTS];
  guint         running;

  guint         wins;
  guint         stale;
  guint         other;     /* any other answer: a failure */
  char         *first_other;
  GHashTable   *versions;  /* won version → client */
  guint         reads;
  gint64        started;
};

static void client_read (Client *client);

static SoupMessage *
new_message (Client     *client,
             const char *method)
{
  SoupMessage *msg = soup_message_new (method, client->run->url);
  g_autofree char *bearer = g_strconcat ("Bearer ", client->token, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  return msg;
}

/* Takes version and counter from a customer answer. */
static gboolean
take_state (Client      *client,
            SoupMessage *msg,
            GBytes      *body)
{
  const char *etag = soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag");
  g_autoptr(JsonNode) node = NULL;
  JsonObject *fields;

  if (etag == NULL || body == NULL)
    return FALSE;
  node = json_from_string (g_bytes_get_data (body, NULL), NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  fields = json_object_get_object_member (json_node_get_object (node), "customFields");
  if (fields == NULL || !json_object_has_member (fields, "counter"))
    return FALSE;

  client->version = g_ascii_strtoll (etag + 1, NULL, 10);
  client->counter = (gint64) json_object_get_double_member (fields, "counter");
  return client->version > 0;
}

static void
client_done (Client *client)
{
  client->run->running--;
  g_main_context_wakeup (client->run->context);
}

static void
record_other (Run        *run,
              const char *what,
              guint       status)
{
  run->other++;
  if (run->first_other == NULL)
    run->first_other = g_strdup_printf ("%s: %u", what, status);
}

static void
on_written_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Client *client = user_data;
  Run *run = client->run;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  guint status = soup_message_get_status (msg);
  gboolean again_from_answer = FALSE;

  if (status == 200 && take_state (client, msg, body))
    {
      run->wins++;
      /* Two winners of one version would be a lost update. */
      if (g_hash_table_contains (run->versions, GINT_TO_POINTER ((gint) client->version)))
        record_other (run, "a version won twice", (guint) client->version);
      g_hash_table_insert (run->versions, GINT_TO_POINTER ((gint) client->version), client);
      client->stale_in_a_row = 0;
      again_from_answer = TRUE;
    }
  else if (status == 412)
    {
      run->stale++;
      client->stale_in_a_row++;
    }
  else
    record_other (run, error != NULL ? error->message : "PATCH", status);

  if (client->writes == N_WRITES || run->other > 0)
    {
      client_done (client);
      return;
    }

  /* A winner writes on from its answer; a stale one reads first. */
  if (again_from_answer)
    {
      g_autoptr(SoupMessage) patch = new_message (client, "PATCH");
      g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", client->version);
      g_autofree char *text = g_strdup_printf ("{\"customFields\": {\"counter\": %" G_GINT64_FORMAT "}}",
                                               client->counter + 1);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

      soup_message_headers_replace (soup_message_get_request_headers (patch), "If-Match", etag);
      soup_message_set_request_body_from_bytes (patch, "application/json", bytes);
      client->writes++;
      soup_session_send_and_read_async (run->session, patch, G_PRIORITY_DEFAULT, NULL,
                                        on_written_cb, client);
      return;
    }

  client_read (client);
}

static void
on_read_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Client *client = user_data;
  Run *run = client->run;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_autoptr(SoupMessage) patch = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;

  run->reads++;
  if (soup_message_get_status (msg) != 200 || !take_state (client, msg, body))
    {
      record_other (run, error != NULL ? error->message : "GET", soup_message_get_status (msg));
      client_done (client);
      return;
    }

  patch = new_message (client, "PATCH");
  etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", client->version);
  text = g_strdup_printf ("{\"customFields\": {\"counter\": %" G_GINT64_FORMAT "}}",
                          client->counter + 1);
  bytes = g_bytes_new (text, strlen (text));
  soup_message_headers_replace (soup_message_get_request_headers (patch), "If-Match", etag);
  soup_message_set_request_body_from_bytes (patch, "application/json", bytes);
  client->writes++;
  soup_session_send_and_read_async (run->session, patch, G_PRIORITY_DEFAULT, NULL,
                                    on_written_cb, client);
}

static void
client_read (Client *client)
{
  g_autoptr(SoupMessage) get = new_message (client, "GET");

  soup_session_send_and_read_async (client->run->session, get, G_PRIORITY_DEFAULT, NULL,
                                    on_read_cb, client);
}

static gpointer
clients_thread (gpointer user_data)
{
  Run *run = user_data;

  g_main_context_push_thread_default (run->context);
  run->session = soup_session_new_with_options ("timeout", 120,
                                                "max-conns", N_CLIENTS + 4,
                                                "max-conns-per-host", N_CLIENTS + 4,
                                                NULL);
  run->running = N_CLIENTS;
  for (guint i = 0; i < N_CLIENTS; i++)
    client_read (&run->clients[i]);

  while (run->running > 0)
    g_main_context_iteration (run->context, TRUE);

  g_clear_object (&run->session);
  while (g_main_context_iteration (run->context, FALSE));
  g_main_context_pop_thread_default (run->context);

  g_atomic_int_set (&run->running, G_MAXINT);
  g_main_context_wakeup (NULL);
  return NULL;
}

static void
test_one_customer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Response) field = NULL;
  g_autoptr(Response) customer = NULL;
  g_autoptr(Response) final = NULL;
  g_autoptr(Response) changes_before = NULL;
  g_autoptr(Response) changes_after = NULL;
  g_autoptr(GHashTable) versions = g_hash_table_new (NULL, NULL);
  const char *tokens[] = { f->staff, f->support, f->admin };
  JsonObject *fields;
  gint64 initial;
  gint64 seconds;
  GThread *thread;
  Run run = { 0, };

  /* Thousands of requests a second from three users. */
  clt_server_set_rate_limit (f->server, 1000000);

  field = call (f, "POST", "/custom-fields", f->admin,
                "{\"key\": \"counter\", \"label\": \"Counter\", \"type\": \"number\"}", NULL);
  g_assert_cmpuint (field->status, ==, 201);
  customer = call (f, "POST", "/customers", f->staff,
                   "{\"email\": \"ada@example.com\", \"firstName\": \"Ada\", \"lastName\": \"Lovelace\","
                   " \"preferredCurrency\": \"EUR\", \"customFields\": {\"counter\": 0}}", NULL);
  g_assert_cmpuint (customer->status, ==, 201);
  initial = json_object_get_int_member (json_node_get_object (customer->json), "version");
  changes_before = call (f, "GET", "/changes", f->viewer, NULL, NULL);

  run.context = g_main_context_new ();
  run.url = g_strconcat (f->base, "/customers/", member_string (customer, "id"), NULL);
  run.versions = versions;
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      run.clients[i].run = &run;
      run.clients[i].token = tokens[i % G_N_ELEMENTS (tokens)];
    }

  run.started = g_get_monotonic_time ();
  thread = g_thread_new ("clients", clients_thread, &run);
  while (g_atomic_int_get (&run.running) != G_MAXINT)
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  seconds = (g_get_monotonic_time () - run.started) / G_USEC_PER_SEC;

  g_test_message ("%u writes in about %" G_GINT64_FORMAT " s: %u won, %u stale, %u reads",
                  run.wins + run.stale, seconds, run.wins, run.stale, run.reads);
  if (run.other > 0)
    g_error ("%u answers were neither 200 nor 412 (first: %s)", run.other, run.first_other);

  /* Every write answered, each 200 or 412. */
  g_assert_cmpuint (run.wins + run.stale, ==, N_CLIENTS * N_WRITES);
  g_assert_cmpuint (run.wins, >, 0);

  /* The winners hold the versions after the first, one each. */
  g_assert_cmpuint (g_hash_table_size (versions), ==, run.wins);
  for (gint64 v = initial + 1; v <= initial + run.wins; v++)
    g_assert_true (g_hash_table_contains (versions, GINT_TO_POINTER ((gint) v)));

  /* The customer's version counts the winners, and so does the counter
   * each winner raised from what it had read: nothing was lost. */
  final = call (f, "GET", g_strrstr (run.url, "/customers/"), f->viewer, NULL, NULL);
  g_assert_cmpuint (final->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (final->json), "version"), ==,
                   initial + run.wins);
  fields = json_object_get_object_member (json_node_get_object (final->json), "customFields");
  g_assert_cmpint ((gint64) json_object_get_double_member (fields, "counter"), ==, run.wins);

  /* The change log has moved on, and the database is sound. */
  changes_after = call (f, "GET", "/changes", f->viewer, NULL, NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (changes_after->json), "last"), >,
                   json_object_get_int_member (json_node_get_object (changes_before->json), "last"));
  assert_server_sound (f);

  g_free (run.url);
  g_free (run.first_other);
  g_main_context_unref (run.context);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/clt/server-concurrency/one-customer", Fixture, NULL, fixture_setup,
              test_one_customer, fixture_teardown);

  return g_test_run ();
}
