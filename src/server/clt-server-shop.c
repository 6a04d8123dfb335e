/* clt-server-shop.c — the routes of the shop's own data: sites, groups,
 * companies and custom fields (one pattern for the four), and the shop
 * preferences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-server"

#include "config.h"

#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-group.h"
#include "clt-server-private.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"

typedef void (*ListAsync)   (CltStore *store, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data);
typedef void (*SaveAsync)   (CltStore *store, gpointer object, const char *request_id,
                             GCancellable *cancellable, GAsyncReadyCallback callback,
                             gpointer user_data);
typedef void (*DeleteAsync) (CltStore *store, const char *key, gint64 version,
                             GCancellable *cancellable, GAsyncReadyCallback callback,
                             gpointer user_data);

/* What the four kinds share: a key from the path, a list, a save that
 * creates at version 0 and replaces otherwise, a delete. */
typedef struct
{
  GType         (*get_type) (void);
  const char    *key_property;
  ListAsync      list;
  FinishPointer  list_finish;
  SaveAsync      save;
  FinishPointer  save_finish;
  DeleteAsync    delete;
  FinishBoolean  delete_finish;
} ShopKind;

static const ShopKind sites = {
  clt_site_get_type, "code",
  clt_store_list_sites_async, (FinishPointer) clt_store_list_sites_finish,
  (SaveAsync) clt_store_save_site_async, (FinishPointer) clt_store_save_site_finish,
  clt_store_delete_site_async, clt_store_delete_site_finish,
};

static const ShopKind groups = {
  clt_group_get_type, "code",
  clt_store_list_groups_async, (FinishPointer) clt_store_list_groups_finish,
  (SaveAsync) clt_store_save_group_async, (FinishPointer) clt_store_save_group_finish,
  clt_store_delete_group_async, clt_store_delete_group_finish,
};

static const ShopKind companies = {
  clt_company_get_type, "id",
  clt_store_list_companies_async, (FinishPointer) clt_store_list_companies_finish,
  (SaveAsync) clt_store_save_company_async, (FinishPointer) clt_store_save_company_finish,
  clt_store_delete_company_async, clt_store_delete_company_finish,
};

static const ShopKind custom_fields = {
  clt_custom_field_get_type, "key",
  clt_store_list_custom_fields_async, (FinishPointer) clt_store_list_custom_fields_finish,
  (SaveAsync) clt_store_save_custom_field_async, (FinishPointer) clt_store_save_custom_field_finish,
  clt_store_delete_custom_field_async, clt_store_delete_custom_field_finish,
};

static void
shop_list (Request        *req,
           const ShopKind *kind)
{
  req->finish = kind->list_finish;
  STORE_CALL (req, kind->list (req->server->store, NULL, on_array_cb, req));
}

/* POST: a new one (its version is 0: read-only members are not taken
 * from the body). */
static void
shop_create (Request        *req,
             const ShopKind *kind)
{
  g_autoptr(GObject) object = NULL;
  g_autoptr(GError) error = NULL;

  object = clt_json_to_object (kind->get_type (), req->body, CLT_JSON_FLAGS_NONE, &error);
  if (object == NULL)
    {
      respond_error (req, error);
      return;
    }
  g_object_set (object, "version", (gint64) 0, NULL);

  req->finish = kind->save_finish;
  req->success_status = SOUP_STATUS_CREATED;
  STORE_CALL (req, kind->save (req->server->store, object, req->idempotency_key, NULL,
                               on_object_cb, req));
}

/* PUT: replaces the one the path names, based on If-Match. */
static void
shop_replace (Request        *req,
              const ShopKind *kind)
{
  g_autoptr(GObject) object = NULL;
  g_autoptr(GError) error = NULL;

  /* Version 0 would create: there is no such version of anything that
   * exists. */
  if (req->version == 0)
    {
      respond_problem (req, SOUP_STATUS_PRECONDITION_FAILED, CLT_STORE_ERROR_STALE,
                       _("Someone else changed this in the meantime. "
                         "Reload it and make your changes again."));
      return;
    }

  object = clt_json_to_object (kind->get_type (), req->body, CLT_JSON_FLAGS_NONE, &error);
  if (object == NULL)
    {
      respond_error (req, error);
      return;
    }
  g_object_set (object, kind->key_property, req->params[0], "version", req->version, NULL);

  req->finish = kind->save_finish;
  STORE_CALL (req, kind->save (req->server->store, object, NULL, NULL, on_object_cb, req));
}

static void
shop_delete (Request        *req,
             const ShopKind *kind)
{
  req->finish_boolean = kind->delete_finish;
  STORE_CALL (req, kind->delete (req->server->store, req->params[0], req->version, NULL,
                                 on_boolean_cb, req));
}

void handle_list_sites (Request *req) { shop_list (req, &sites); }
void handle_create_site (Request *req) { shop_create (req, &sites); }
void handle_put_site (Request *req) { shop_replace (req, &sites); }
void handle_delete_site (Request *req) { shop_delete (req, &sites); }

void handle_list_groups (Request *req) { shop_list (req, &groups); }
void handle_create_group (Request *req) { shop_create (req, &groups); }
void handle_put_group (Request *req) { shop_replace (req, &groups); }
void handle_delete_group (Request *req) { shop_delete (req, &groups); }

void handle_list_companies (Request *req) { shop_list (req, &companies); }
void handle_create_company (Request *req) { shop_create (req, &companies); }
void handle_put_company_resource (Request *req) { shop_replace (req, &companies); }
void handle_delete_company (Request *req) { shop_delete (req, &companies); }

void handle_list_custom_fields (Request *req) { shop_list (req, &custom_fields); }
void handle_create_custom_field (Request *req) { shop_create (req, &custom_fields); }
void handle_put_custom_field (Request *req) { shop_replace (req, &custom_fields); }
void handle_delete_custom_field (Request *req) { shop_delete (req, &custom_fields); }

/* Preferences {{{ */

void
handle_get_preferences (Request *req)
{
  req->finish = (FinishPointer) clt_store_get_preferences_finish;
  STORE_CALL (req, clt_store_get_preferences_async (req->server->store, NULL, on_object_cb, req));
}

/* PUT applies the body onto what is stored, so that what JSON does not
 * carry (the desktop user's local role) stays as it is. */
static void
on_preferences_read_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(GError) error = NULL;

  preferences = clt_store_get_preferences_finish (CLT_STORE (object), result, &error);
  if (preferences == NULL)
    {
      respond_error (req, error);
      return;
    }

  if (!clt_json_apply (preferences, req->body, CLT_JSON_FLAGS_NONE, &error))
    {
      respond_error (req, error);
      return;
    }
  clt_shop_preferences_set_version (preferences, req->version);

  req->finish = (FinishPointer) clt_store_set_preferences_finish;
  STORE_CALL (req, clt_store_set_preferences_async (req->server->store, preferences, NULL,
                                                    on_object_cb, req));
}

void
handle_put_preferences (Request *req)
{
  if (!JSON_NODE_HOLDS_OBJECT (req->body))
    {
      respond_bad_member (req, "", _("The body is a JSON object."));
      return;
    }

  STORE_CALL (req, clt_store_get_preferences_async (req->server->store, NULL,
                                                    on_preferences_read_cb, req));
}

/* }}} */
