/* clt-rest-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-rest-store"

#include "config.h"

#include <string.h>

#include "clt-rest-store-private.h"

static void clt_rest_store_store_iface_init (CltStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CltRestStore, clt_rest_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CLT_TYPE_STORE,
                                                      clt_rest_store_store_iface_init))

enum {
  PROP_0,
  PROP_URL,
  PROP_TOKEN,
  PROP_REQUEST_TIMEOUT,
  N_PROPS,

  PROP_READ_ONLY = N_PROPS,
  PROP_LOCATION,
};

static GParamSpec *properties[N_PROPS];

/* The signed-in user {{{ */

void
rest_store_take_user (CltRestStore      *self,
                      CltBackofficeUser *user)
{
  gboolean read_only;

  g_set_object (&self->user, user);
  g_object_unref (user);

  read_only = !clt_backoffice_user_may (self->user, CLT_PERMISSION_EDIT_CUSTOMERS);
  if (read_only != self->read_only)
    {
      self->read_only = read_only;
      g_object_notify (G_OBJECT (self), "read-only");
    }
}

/* }}} */

/* Connecting {{{ */

static void
on_connect_changes_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CltRestStore *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  JsonObject *answer;
  JsonNode *last;

  node = rest_call_finish (self, result, &error);
  if (node == NULL)
    {
      self->problem = rest_result_get_problem (result);
      g_task_return_error (task, error);
      return;
    }

  answer = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  last = answer != NULL ? json_object_get_member (answer, "last") : NULL;
  if (last == NULL || json_node_get_value_type (last) != G_TYPE_INT64 ||
      json_node_get_int (last) < 0)
    {
      self->problem = CLT_REST_PROBLEM_NOT_CLIENTELE;
      g_task_return_new_error (task, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                               _("%s is not a Clientele server: its change feed does not "
                                 "answer as the Clientele API does."), self->url);
      return;
    }

  self->problem = CLT_REST_PROBLEM_NONE;
  rest_feed_start (self, json_node_get_int (last));
  g_task_return_pointer (task, g_object_ref (self->user), g_object_unref);
}

static void
on_connect_me_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CltRestStore *self = g_task_get_source_object (task);
  CltBackofficeUser *user;
  GCancellable *cancellable;
  GError *error = NULL;
  RestCall *call;

  user = rest_call_finish (self, result, &error);
  if (user == NULL)
    {
      self->problem = rest_result_get_problem (result);
      g_task_return_error (task, error);
      return;
    }

  rest_store_take_user (self, user);

  /* Where the feed stands now: whatever changes after connecting is heard. */
  cancellable = g_task_get_cancellable (task);
  call = rest_call_new (self, "GET", "/changes", RESULT_NODE, G_TYPE_NONE);
  rest_call_start (call, on_connect_changes_cb, cancellable, on_connect_changes_cb,
                   g_steal_pointer (&task));
}

/* }}} */

/* GObject {{{ */

static void
clt_rest_store_store_iface_init (CltStoreInterface *iface)
{
  rest_store_customers_iface_init (iface);
  rest_store_shop_iface_init (iface);
  rest_store_assisted_iface_init (iface);
}

gboolean
rest_token_is_sendable (const char *token)
{
  for (const char *p = token; *p != '\0'; p++)
    if ((guchar) *p < 0x21 || (guchar) *p > 0x7e)
      return FALSE;

  return TRUE;
}

/* "https://host:8480/x/" → "https://host:8480/x/api/v1"; NULL when it is
 * not an http(s) address. */
static char *
make_base (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  const char *scheme;
  gsize length;

  if (url == NULL)
    return NULL;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if ((g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    return NULL;

  path = g_strdup (g_uri_get_path (uri));
  length = strlen (path);
  while (length > 0 && path[length - 1] == '/')
    path[--length] = '\0';
  if (g_str_has_suffix (path, "/api/v1"))
    path[length - strlen ("/api/v1")] = '\0';

  {
    g_autoptr(GUri) base = g_uri_build (SOUP_HTTP_URI_FLAGS, scheme, NULL, g_uri_get_host (uri),
                                        g_uri_get_port (uri), path, NULL, NULL);
    g_autofree char *text = g_uri_to_string (base);
    gsize text_length = strlen (text);

    /* An empty path comes back as "/". */
    while (text_length > 0 && text[text_length - 1] == '/')
      text[--text_length] = '\0';
    return g_strconcat (text, "/api/v1", NULL);
  }
}

static void
clt_rest_store_constructed (GObject *object)
{
  CltRestStore *self = CLT_REST_STORE (object);

  G_OBJECT_CLASS (clt_rest_store_parent_class)->constructed (object);

  self->base = make_base (self->url);

  /* A token that could break the header is never sent: the server then
   * says the client is not signed in. */
  if (self->token != NULL && !rest_token_is_sendable (self->token))
    g_clear_pointer (&self->token, g_free);

  /* Timeouts: libsoup has none unless told. Keep-alive is HTTP/1.1's
   * default; certificates are verified against the system's authorities
   * and nothing accepts one that fails (see on_accept_certificate_cb). */
  self->session = soup_session_new_with_options ("timeout", SESSION_TIMEOUT_S,
                                                 "idle-timeout", SESSION_TIMEOUT_S,
                                                 "max-conns-per-host", 8,
                                                 "max-conns", 16,
                                                 "user-agent", "Clientele/" PACKAGE_VERSION " ",
                                                 NULL);
}

static void
clt_rest_store_dispose (GObject *object)
{
  CltRestStore *self = CLT_REST_STORE (object);

  rest_feed_stop (self);
  g_cancellable_cancel (self->shutdown);
  if (self->session != NULL)
    soup_session_abort (self->session);

  G_OBJECT_CLASS (clt_rest_store_parent_class)->dispose (object);
}

static void
clt_rest_store_finalize (GObject *object)
{
  CltRestStore *self = CLT_REST_STORE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->shutdown);
  g_clear_object (&self->user);
  g_clear_error (&self->connection_error);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->base, g_free);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);

  G_OBJECT_CLASS (clt_rest_store_parent_class)->finalize (object);
}

static void
clt_rest_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CltRestStore *self = CLT_REST_STORE (object);

  switch (prop_id)
    {
    case PROP_URL:
    case PROP_LOCATION:
      g_value_set_string (value, self->url);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_REQUEST_TIMEOUT:
      g_value_set_uint (value, self->request_timeout);
      break;

    case PROP_TOKEN:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_rest_store_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CltRestStore *self = CLT_REST_STORE (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_free (self->url);
      self->url = g_value_dup_string (value);
      break;

    case PROP_TOKEN:
      g_free (self->token);
      self->token = g_value_dup_string (value);
      break;

    case PROP_REQUEST_TIMEOUT:
      self->request_timeout = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_rest_store_class_init (CltRestStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = clt_rest_store_constructed;
  object_class->dispose = clt_rest_store_dispose;
  object_class->finalize = clt_rest_store_finalize;
  object_class->get_property = clt_rest_store_get_property;
  object_class->set_property = clt_rest_store_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Write-only: the token is never handed out again. */
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL,
                         NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Seconds an ordinary request may take, answer included. */
  properties[PROP_REQUEST_TIMEOUT] =
    g_param_spec_uint ("request-timeout", NULL, NULL,
                       1, SESSION_TIMEOUT_S, REQUEST_TIMEOUT_S,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_READ_ONLY, "read-only");
  g_object_class_override_property (object_class, PROP_LOCATION, "location");

  rest_store_connection_class_init (object_class);
}

static void
clt_rest_store_init (CltRestStore *self)
{
  self->shutdown = g_cancellable_new ();
  self->feed_backoff_ms = FEED_BACKOFF_MIN_MS;
}

/* }}} */

/* Public API {{{ */

CltRestStore *
clt_rest_store_new (const char *url,
                    const char *token)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (CLT_TYPE_REST_STORE, "url", url, "token", token, NULL);
}

const char *
clt_rest_store_get_url (CltRestStore *self)
{
  g_return_val_if_fail (CLT_IS_REST_STORE (self), NULL);

  return self->url;
}

void
clt_rest_store_connect_async (CltRestStore        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RestCall *call;

  g_return_if_fail (CLT_IS_REST_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clt_rest_store_connect_async);

  call = rest_call_new (self, "GET", "/me", RESULT_OBJECT, CLT_TYPE_BACKOFFICE_USER);
  rest_call_start (call, clt_rest_store_connect_async, cancellable, on_connect_me_cb,
                   g_steal_pointer (&task));
}

CltBackofficeUser *
clt_rest_store_connect_finish (CltRestStore  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (CLT_IS_REST_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

CltRestProblem
clt_rest_store_get_problem (CltRestStore *self)
{
  g_return_val_if_fail (CLT_IS_REST_STORE (self), CLT_REST_PROBLEM_OTHER);

  return self->problem;
}

void
clt_rest_store_shutdown (CltRestStore *self)
{
  g_return_if_fail (CLT_IS_REST_STORE (self));

  rest_feed_stop (self);
  g_cancellable_cancel (self->shutdown);
  soup_session_abort (self->session);
}

/* }}} */
