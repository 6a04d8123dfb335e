/* clt-rest-store-shop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-rest-store"

#include "config.h"

#include "clt-rest-store-private.h"

/* Shop data (sites, groups, companies, custom fields, preferences) and the
 * signed-in user. Sites, groups, companies and custom fields share one
 * shape: GET /<things>, POST /<things> (version 0: create), PUT
 * /<things>/{key} and DELETE /<things>/{key} with If-Match. */

typedef struct
{
  const char *collection;  /* "/sites" */
  const char *key_member;  /* "code" */
  LocalCheck  check;
} Kind;

static gboolean
check_site (gpointer   object,
            GError   **error)
{
  return clt_validate_site (object, error);
}

static gboolean
check_group (gpointer   object,
             GError   **error)
{
  return clt_validate_group (object, error);
}

static gboolean
check_company (gpointer   object,
               GError   **error)
{
  return clt_validate_company (object, error);
}

static gboolean
check_custom_field (gpointer   object,
                    GError   **error)
{
  return clt_validate_custom_field (object, error);
}

static const Kind sites = { "/sites", "code", check_site };
static const Kind groups = { "/groups", "code", check_group };
static const Kind companies = { "/companies", "id", check_company };
static const Kind fields = { "/custom-fields", "key", check_custom_field };

static void
list_things (CltRestStore        *self,
             const Kind          *kind,
             GType                type,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  rest_call_start (rest_call_new (self, "GET", kind->collection, RESULT_ARRAY, type),
                   source_tag, cancellable, callback, user_data);
}

/* Creates @object when @version is 0, else replaces it. */
static void
save_thing (CltRestStore        *self,
            const Kind          *kind,
            gpointer             object,
            const char          *key,
            gint64               version,
            const char          *request_id,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  JsonNode *body = clt_json_from_object (object, CLT_JSON_WRITABLE_ONLY);
  RestCall *call;

  g_assert (JSON_NODE_HOLDS_OBJECT (body));
  json_object_set_string_member (json_node_get_object (body), kind->key_member,
                                 key != NULL ? key : "");

  if (version == 0)
    {
      call = rest_call_new (self, "POST", kind->collection, RESULT_OBJECT,
                            G_OBJECT_TYPE (object));
      rest_call_set_request_id (call, request_id);
    }
  else
    {
      g_autofree char *path = NULL;
      GError *error = NULL;

      path = rest_path (kind->collection, &error, key, NULL);
      if (path == NULL)
        {
          json_node_unref (body);
          rest_report_error (self, source_tag, cancellable, callback, user_data, error);
          return;
        }
      call = rest_call_new (self, "PUT", path, RESULT_OBJECT, G_OBJECT_TYPE (object));
      rest_call_set_if_match (call, version);
    }

  rest_call_set_body (call, body);
  rest_call_set_timeout (call, MAX (self->request_timeout, SHOP_WRITE_TIMEOUT_S));
  rest_call_set_local_check (call, CLT_PERMISSION_MANAGE_SHOP, kind->check, object);
  rest_call_start (call, source_tag, cancellable, callback, user_data);
}

static void
delete_thing (CltRestStore        *self,
              const Kind          *kind,
              const char          *key,
              gint64               version,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autofree char *path = NULL;
  GError *error = NULL;
  RestCall *call;

  path = rest_path (kind->collection, &error, key, NULL);
  if (path == NULL)
    {
      rest_report_error (self, source_tag, cancellable, callback, user_data, error);
      return;
    }

  call = rest_call_new (self, "DELETE", path, RESULT_NONE, G_TYPE_NONE);
  rest_call_set_if_match (call, version);
  rest_call_set_timeout (call, MAX (self->request_timeout, SHOP_WRITE_TIMEOUT_S));
  rest_call_start (call, source_tag, cancellable, callback, user_data);
}

/* Sites {{{ */

static void
clt_rest_store_list_sites (CltStore            *store,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  list_things (CLT_REST_STORE (store), &sites, CLT_TYPE_SITE, clt_rest_store_list_sites,
               cancellable, callback, user_data);
}

static void
clt_rest_store_save_site (CltStore            *store,
                          CltSite             *site,
                          const char          *request_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  save_thing (CLT_REST_STORE (store), &sites, site, clt_site_get_code (site),
              clt_site_get_version (site), request_id, clt_rest_store_save_site,
              cancellable, callback, user_data);
}

static void
clt_rest_store_delete_site (CltStore            *store,
                            const char          *code,
                            gint64               version,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  delete_thing (CLT_REST_STORE (store), &sites, code, version, clt_rest_store_delete_site,
                cancellable, callback, user_data);
}

/* }}} */

/* Groups {{{ */

static void
clt_rest_store_list_groups (CltStore            *store,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  list_things (CLT_REST_STORE (store), &groups, CLT_TYPE_GROUP, clt_rest_store_list_groups,
               cancellable, callback, user_data);
}

static void
clt_rest_store_save_group (CltStore            *store,
                           CltGroup            *group,
                           const char          *request_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  save_thing (CLT_REST_STORE (store), &groups, group, clt_group_get_code (group),
              clt_group_get_version (group), request_id, clt_rest_store_save_group,
              cancellable, callback, user_data);
}

static void
clt_rest_store_delete_group (CltStore            *store,
                             const char          *code,
                             gint64               version,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  delete_thing (CLT_REST_STORE (store), &groups, code, version, clt_rest_store_delete_group,
                cancellable, callback, user_data);
}

/* }}} */

/* Companies {{{ */

static void
clt_rest_store_list_companies (CltStore            *store,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  list_things (CLT_REST_STORE (store), &companies, CLT_TYPE_COMPANY,
               clt_rest_store_list_companies, cancellable, callback, user_data);
}

static void
clt_rest_store_save_company (CltStore            *store,
                             CltCompany          *company,
                             const char          *request_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  save_thing (CLT_REST_STORE (store), &companies, company, clt_company_get_id (company),
              clt_company_get_version (company), request_id, clt_rest_store_save_company,
              cancellable, callback, user_data);
}

static void
clt_rest_store_delete_company (CltStore            *store,
                               const char          *company_id,
                               gint64               version,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  delete_thing (CLT_REST_STORE (store), &companies, company_id, version,
                clt_rest_store_delete_company, cancellable, callback, user_data);
}

/* }}} */

/* Custom fields {{{ */

static void
clt_rest_store_list_custom_fields (CltStore            *store,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  list_things (CLT_REST_STORE (store), &fields, CLT_TYPE_CUSTOM_FIELD,
               clt_rest_store_list_custom_fields, cancellable, callback, user_data);
}

static void
clt_rest_store_save_custom_field (CltStore            *store,
                                  CltCustomField      *field,
                                  const char          *request_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  save_thing (CLT_REST_STORE (store), &fields, field, clt_custom_field_get_key (field),
              clt_custom_field_get_version (field), request_id,
              clt_rest_store_save_custom_field, cancellable, callback, user_data);
}

static void
clt_rest_store_delete_custom_field (CltStore            *store,
                                    const char          *key,
                                    gint64               version,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  delete_thing (CLT_REST_STORE (store), &fields, key, version,
                clt_rest_store_delete_custom_field, cancellable, callback, user_data);
}

/* }}} */

/* Preferences and the signed-in user {{{ */

static void
clt_rest_store_get_preferences (CltStore            *store,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);

  rest_call_start (rest_call_new (self, "GET", "/preferences", RESULT_OBJECT,
                                  CLT_TYPE_SHOP_PREFERENCES),
                   clt_rest_store_get_preferences, cancellable, callback, user_data);
}

static void
clt_rest_store_set_preferences (CltStore            *store,
                                CltShopPreferences  *preferences,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  RestCall *call;

  call = rest_call_new (self, "PUT", "/preferences", RESULT_OBJECT, CLT_TYPE_SHOP_PREFERENCES);
  rest_call_set_body (call, clt_json_from_object (preferences, CLT_JSON_WRITABLE_ONLY));
  rest_call_set_if_match (call, clt_shop_preferences_get_version (preferences));
  rest_call_set_local_check (call, CLT_PERMISSION_MANAGE_SHOP, NULL, NULL);
  rest_call_start (call, clt_rest_store_set_preferences, cancellable, callback, user_data);
}

static void
on_current_user_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CltRestStore *self = CLT_REST_STORE (object);
  CltBackofficeUser *user;
  GError *error = NULL;

  user = rest_call_finish (self, result, &error);
  if (user == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A role changed on the server shows in "read-only" too. */
  rest_store_take_user (self, g_object_ref (user));
  g_task_return_pointer (task, user, g_object_unref);
}

static void
clt_rest_store_get_current_user (CltStore            *store,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clt_rest_store_get_current_user);

  rest_call_start (rest_call_new (self, "GET", "/me", RESULT_OBJECT, CLT_TYPE_BACKOFFICE_USER),
                   clt_rest_store_get_current_user, cancellable, on_current_user_cb, task);
}

/* }}} */

void
rest_store_shop_iface_init (CltStoreInterface *iface)
{
  iface->list_sites = clt_rest_store_list_sites;
  iface->save_site = clt_rest_store_save_site;
  iface->delete_site = clt_rest_store_delete_site;
  iface->list_groups = clt_rest_store_list_groups;
  iface->save_group = clt_rest_store_save_group;
  iface->delete_group = clt_rest_store_delete_group;
  iface->list_companies = clt_rest_store_list_companies;
  iface->save_company = clt_rest_store_save_company;
  iface->delete_company = clt_rest_store_delete_company;
  iface->list_custom_fields = clt_rest_store_list_custom_fields;
  iface->save_custom_field = clt_rest_store_save_custom_field;
  iface->delete_custom_field = clt_rest_store_delete_custom_field;

  iface->get_preferences = clt_rest_store_get_preferences;
  iface->set_preferences = clt_rest_store_set_preferences;
  iface->get_current_user = clt_rest_store_get_current_user;
}
