/* clt-rest-store-assisted.c — Assisted Buying over the REST API:
 * POST /customers/{id}/assisted-buying {"site"} → {"url"},
 * GET /customers/{id}/assisted-buying (the log) and
 * POST /assisted-buying/redeem {"token"} → the session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-rest-store"

#include "config.h"

#include "clt-assisted-session.h"
#include "clt-rest-store-private.h"

#define ASSISTED_BUYING "/assisted-buying"

/* A body of one text member. */
static JsonNode *
text_body (const char *member,
           const char *value)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, member, value);
  /* The node takes the object (json_node_init_object () would add a
   * reference, and the object would outlive the node). */
  json_node_take_object (node, object);
  return node;
}

static void
on_start_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *answer;
  JsonNode *url;
  GError *error = NULL;

  node = rest_call_finish (CLT_REST_STORE (object), result, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  answer = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  url = answer != NULL ? json_object_get_member (answer, "url") : NULL;
  if (url == NULL || json_node_get_value_type (url) != G_TYPE_STRING)
    {
      g_task_return_new_error (task, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                               _("The server’s answer could not be read."));
      return;
    }

  g_task_return_pointer (task, g_strdup (json_node_get_string (url)), g_free);
}

static void
clt_rest_store_start_assisted_buying (CltStore            *store,
                                      const char          *customer_id,
                                      const char          *site_code,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *path = NULL;
  GError *error = NULL;
  RestCall *call;

  g_task_set_source_tag (task, clt_rest_store_start_assisted_buying);

  if (!g_utf8_validate (site_code, -1, NULL))
    {
      g_task_return_error (task, clt_store_error_new_invalid ("site",
                                                             _("The text holds bytes that "
                                                               "are not valid UTF-8.")));
      return;
    }

  path = rest_path ("/customers", &error, customer_id, ASSISTED_BUYING, NULL);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  call = rest_call_new (self, "POST", path, RESULT_NODE, G_TYPE_NONE);
  rest_call_set_body (call, text_body ("site", site_code));
  rest_call_start (call, clt_rest_store_start_assisted_buying, cancellable, on_start_cb,
                   g_steal_pointer (&task));
}

static void
clt_rest_store_redeem_assisted_buying (CltStore            *store,
                                       const char          *token,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  RestCall *call;

  /* No token of ours is anything but hex digits. */
  if (!g_utf8_validate (token, -1, NULL))
    {
      rest_report_error (self, clt_rest_store_redeem_assisted_buying, cancellable, callback,
                         user_data,
                         g_error_new_literal (CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                                              _("This Assisted Buying link has expired or was "
                                                "used already. Start Assisted Buying again "
                                                "from the back office.")));
      return;
    }

  call = rest_call_new (self, "POST", ASSISTED_BUYING "/redeem", RESULT_OBJECT,
                        CLT_TYPE_ASSISTED_SESSION);
  rest_call_set_body (call, text_body ("token", token));
  rest_call_start (call, clt_rest_store_redeem_assisted_buying, cancellable, callback, user_data);
}

static void
clt_rest_store_list_assisted_buying (CltStore            *store,
                                     const char          *customer_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  g_autofree char *path = NULL;
  GError *error = NULL;

  path = rest_path ("/customers", &error, customer_id, ASSISTED_BUYING, NULL);
  if (path == NULL)
    {
      rest_report_error (self, clt_rest_store_list_assisted_buying, cancellable, callback,
                         user_data, error);
      return;
    }

  rest_call_start (rest_call_new (self, "GET", path, RESULT_ARRAY, CLT_TYPE_ASSISTED_SESSION),
                   clt_rest_store_list_assisted_buying, cancellable, callback, user_data);
}

void
rest_store_assisted_iface_init (CltStoreInterface *iface)
{
  iface->start_assisted_buying = clt_rest_store_start_assisted_buying;
  iface->redeem_assisted_buying = clt_rest_store_redeem_assisted_buying;
  iface->list_assisted_buying = clt_rest_store_list_assisted_buying;
}
