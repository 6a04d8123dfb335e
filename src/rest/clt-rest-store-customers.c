/* clt-rest-store-customers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-rest-store"

#include "config.h"

#include "clt-rest-store-private.h"

/* Customers and what belongs to one: addresses, notes, orders, outbox. */

/* The sort fields of GET /customers, by CltSortKey. */
static const char * const sort_fields[CLT_N_SORT_KEYS] = {
  [CLT_SORT_KEY_NUMBER] = "customerNumber",
  [CLT_SORT_KEY_REGISTERED] = "createdAt",
  [CLT_SORT_KEY_EMAIL] = "email",
  [CLT_SORT_KEY_LAST_NAME] = "lastName",
  [CLT_SORT_KEY_FIRST_NAME] = "firstName",
  [CLT_SORT_KEY_COMPANY] = "company",
  [CLT_SORT_KEY_ZIP_CODE] = "zipCode",
  [CLT_SORT_KEY_CITY] = "city",
  [CLT_SORT_KEY_COUNTRY] = "country",
  [CLT_SORT_KEY_STATUS] = "status",
  [CLT_SORT_KEY_SITE] = "preferredSite",
};

/* Helpers {{{ */

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  return enum_value != NULL ? enum_value->value_nick : NULL;
}

static void
add_date_param (RestCall   *call,
                const char *name,
                GDateTime  *date)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  if (date == NULL)
    return;

  utc = g_date_time_to_utc (date);
  text = g_date_time_format_iso8601 (utc);
  rest_call_add_param (call, name, text);
}

static JsonObject *
body_object (JsonNode *node)
{
  g_assert (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* A GET of @path (segments as rest_path ()) completing with @kind of @type. */
static void
get_resource (CltRestStore        *self,
              ResultKind           kind,
              GType                type,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              const char          *prefix,
              const char          *id,
              const char          *step)
{
  g_autofree char *path = NULL;
  GError *error = NULL;

  path = rest_path (prefix, &error, id, step, NULL);
  if (path == NULL)
    {
      rest_report_error (self, source_tag, cancellable, callback, user_data, error);
      return;
    }

  rest_call_start (rest_call_new (self, "GET", path, kind, type),
                   source_tag, cancellable, callback, user_data);
}

static gboolean
check_customer_create (gpointer   object,
                       GError   **error)
{
  return clt_validate_customer (object, CLT_VALIDATE_CREATE, error);
}

static gboolean
check_customer_update (gpointer   object,
                       GError   **error)
{
  return clt_validate_customer (object, CLT_VALIDATE_UPDATE, error);
}

static gboolean
check_address_create (gpointer   object,
                      GError   **error)
{
  return clt_validate_address (object, CLT_VALIDATE_CREATE, error);
}

static gboolean
check_address_update (gpointer   object,
                      GError   **error)
{
  return clt_validate_address (object, CLT_VALIDATE_UPDATE, error);
}

static gboolean
check_note (gpointer   object,
            GError   **error)
{
  return clt_validate_note (object, error);
}

static gboolean
check_import (gpointer   object,
              GError   **error)
{
  g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID,
                       _("Some of the imported text is not valid UTF-8: check the file’s "
                         "character encoding."));
  return FALSE;
}

/* }}} */

/* Customers {{{ */

static void
clt_rest_store_list_customers (CltStore            *store,
                               CltQuery            *query,
                               guint                page_index,
                               guint                page_size,
                               CltListFlags         flags,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  g_autofree char *page_number = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                  (guint64) page_index + 1);
  g_autofree char *size = g_strdup_printf ("%u", page_size);
  GError *error = NULL;
  RestCall *call;

  /* Reads are everyone's: the same checks as the server, without asking
   * it (a search text that is not UTF-8 cannot even be sent). */
  if (!clt_validate_list_request (page_index, page_size, query, &error))
    {
      rest_report_error (self, clt_rest_store_list_customers, cancellable, callback, user_data,
                         error);
      return;
    }

  call = rest_call_new (self, "GET", "/customers", RESULT_ROWS, CLT_TYPE_CUSTOMER);
  if (query != NULL)
    {
      CltSortKey key = clt_query_get_sort_key (query);
      g_autofree char *sort = NULL;

      rest_call_add_param (call, "q", clt_query_get_search_text (query));
      if (clt_query_get_status (query) != CLT_STATUS_FILTER_ANY)
        rest_call_add_param (call, "status",
                             enum_nick (CLT_TYPE_STATUS_FILTER, clt_query_get_status (query)));
      rest_call_add_param (call, "country", clt_query_get_country (query));
      rest_call_add_param (call, "site", clt_query_get_site (query));
      rest_call_add_param (call, "group", clt_query_get_group (query));
      rest_call_add_param (call, "company", clt_query_get_company (query));
      add_date_param (call, "registeredFrom", clt_query_get_registered_from (query));
      add_date_param (call, "registeredUntil", clt_query_get_registered_until (query));
      for (guint i = 0; i < clt_query_get_n_field_filters (query); i++)
        {
          CltFieldMatch match;
          const char *value;
          const char *field = clt_query_get_field_filter (query, i, &match, &value);
          g_autofree char *name = clt_json_field_filter_parameter (field, match);

          rest_call_add_param (call, name, value);
        }
      if (clt_query_get_sort_field (query)[0] != '\0')
        {
          sort = g_strconcat (CLT_JSON_MIXINS_PREFIX, clt_query_get_sort_field (query), ":",
                              clt_query_get_sort_direction (query) == CLT_SORT_DESCENDING
                                ? "desc" : "asc", NULL);
          rest_call_add_param (call, "sort", sort);
        }
      else if ((guint) key < CLT_N_SORT_KEYS)
        {
          sort = g_strconcat (sort_fields[key], ":",
                              clt_query_get_sort_direction (query) == CLT_SORT_DESCENDING
                                ? "desc" : "asc", NULL);
          rest_call_add_param (call, "sort", sort);
        }
    }
  rest_call_add_param (call, "pageNumber", page_number);
  rest_call_add_param (call, "pageSize", size);
  if (flags & CLT_LIST_FLAGS_WITH_TOTAL)
    rest_call_want_total (call);

  rest_call_start (call, clt_rest_store_list_customers, cancellable, callback, user_data);
}

static void
clt_rest_store_get_customer (CltStore            *store,
                             const char          *customer_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  get_resource (CLT_REST_STORE (store), RESULT_OBJECT, CLT_TYPE_CUSTOMER,
                clt_rest_store_get_customer, cancellable, callback, user_data,
                "/customers", customer_id, NULL);
}

static void
clt_rest_store_get_customer_details (CltStore            *store,
                                     const char          *customer_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  get_resource (CLT_REST_STORE (store), RESULT_OBJECT, CLT_TYPE_CUSTOMER_DETAILS,
                clt_rest_store_get_customer_details, cancellable, callback, user_data,
                "/customers", customer_id, "/details");
}

/* The members a client may write, plus the custom id a create may name. */
static JsonNode *
customer_body (CltCustomer *customer,
               gboolean     with_id)
{
  JsonNode *node = clt_json_from_object (customer, CLT_JSON_WRITABLE_ONLY);
  const char *id = clt_customer_get_id (customer);

  if (with_id && id != NULL && id[0] != '\0')
    json_object_set_string_member (body_object (node), "id", id);

  return node;
}

static void
clt_rest_store_create_customer (CltStore            *store,
                                CltCustomer         *customer,
                                const char          *initial_password,
                                gboolean             send_password_token,
                                const char          *request_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  JsonNode *body = customer_body (customer, TRUE);
  RestCall *call;

  if (initial_password != NULL && initial_password[0] != '\0')
    json_object_set_string_member (body_object (body), "password", initial_password);
  /* (node_is_utf8 () sees the password, which CltJson does not repair.) */
  json_object_set_boolean_member (body_object (body), "sendPasswordToken", send_password_token);

  call = rest_call_new (self, "POST", "/customers", RESULT_OBJECT, CLT_TYPE_CUSTOMER);
  rest_call_set_body (call, body);
  rest_call_set_request_id (call, request_id);
  rest_call_set_local_check (call, CLT_PERMISSION_EDIT_CUSTOMERS, check_customer_create, customer);
  rest_call_start (call, clt_rest_store_create_customer, cancellable, callback, user_data);
}

static void
clt_rest_store_update_customer (CltStore            *store,
                                CltCustomer         *customer,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  g_autofree char *path = NULL;
  GError *error = NULL;
  RestCall *call;

  path = rest_path ("/customers", &error, clt_customer_get_id (customer), NULL);
  if (path == NULL)
    {
      rest_report_error (self, clt_rest_store_update_customer, cancellable, callback, user_data,
                         error);
      return;
    }

  /* PATCH with every writable member: the server changes what differs. */
  call = rest_call_new (self, "PATCH", path, RESULT_OBJECT, CLT_TYPE_CUSTOMER);
  rest_call_set_body (call, customer_body (customer, FALSE));
  rest_call_set_if_match (call, clt_customer_get_version (customer));
  rest_call_set_local_check (call, CLT_PERMISSION_EDIT_CUSTOMERS, check_customer_update, customer);
  rest_call_start (call, clt_rest_store_update_customer, cancellable, callback, user_data);
}

static void
clt_rest_store_delete_customer (CltStore            *store,
                                const char          *customer_id,
                                gint64               version,
                                guint                undo_seconds,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  g_autofree char *path = NULL;
  g_autofree char *seconds = g_strdup_printf ("%u", undo_seconds);
  GError *error = NULL;
  RestCall *call;

  path = rest_path ("/customers", &error, customer_id, NULL);
  if (path == NULL)
    {
      rest_report_error (self, clt_rest_store_delete_customer, cancellable, callback, user_data,
                         error);
      return;
    }

  call = rest_call_new (self, "DELETE", path, RESULT_NONE, G_TYPE_NONE);
  rest_call_add_param (call, "undoSeconds", seconds);
  rest_call_set_if_match (call, version);
  rest_call_start (call, clt_rest_store_delete_customer, cancellable, callback, user_data);
}

static void
post_to_customer (CltRestStore        *self,
                  const char          *customer_id,
                  const char          *step,
                  ResultKind           kind,
                  GType                type,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autofree char *path = NULL;
  GError *error = NULL;

  path = rest_path ("/customers", &error, customer_id, step, NULL);
  if (path == NULL)
    {
      rest_report_error (self, source_tag, cancellable, callback, user_data, error);
      return;
    }

  rest_call_start (rest_call_new (self, "POST", path, kind, type),
                   source_tag, cancellable, callback, user_data);
}

static void
clt_rest_store_undo_delete_customer (CltStore            *store,
                                     const char          *customer_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  post_to_customer (CLT_REST_STORE (store), customer_id, "/restore", RESULT_OBJECT,
                    CLT_TYPE_CUSTOMER, clt_rest_store_undo_delete_customer,
                    cancellable, callback, user_data);
}

static void
clt_rest_store_send_password_reset (CltStore            *store,
                                    const char          *customer_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  post_to_customer (CLT_REST_STORE (store), customer_id, "/password-reset", RESULT_NONE,
                    G_TYPE_NONE, clt_rest_store_send_password_reset,
                    cancellable, callback, user_data);
}

static void
clt_rest_store_import_customers (CltStore            *store,
                                 GPtrArray           *customers,
                                 const char          *request_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *body;
  RestCall *call;

  /* Import rows keep their numbers, dates, addresses and orders: every
   * member goes, read-only ones included. */
  json_object_set_member (object, "customers",
                          clt_json_from_array (customers, CLT_JSON_FLAGS_NONE));
  body = json_node_init_object (json_node_alloc (), object);

  call = rest_call_new (self, "POST", "/customers/import", RESULT_OBJECT,
                        CLT_TYPE_IMPORT_REPORT);
  rest_call_set_body (call, body);
  rest_call_set_request_id (call, request_id);
  rest_call_set_timeout (call, IMPORT_TIMEOUT_S);
  rest_call_set_local_check (call, CLT_PERMISSION_MANAGE_SHOP, check_import, NULL);
  for (guint i = 0; i < customers->len; i++)
    if (!rest_object_is_utf8 (g_ptr_array_index (customers, i)))
      rest_call_set_bad_text (call);
  rest_call_start (call, clt_rest_store_import_customers, cancellable, callback, user_data);
}

/* }}} */

/* Addresses {{{ */

static void
clt_rest_store_list_addresses (CltStore            *store,
                               const char          *customer_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  get_resource (CLT_REST_STORE (store), RESULT_ARRAY, CLT_TYPE_ADDRESS,
                clt_rest_store_list_addresses, cancellable, callback, user_data,
                "/customers", customer_id, "/addresses");
}

static char *
address_path (const char  *customer_id,
              const char  *address_id,
              GError     **error)
{
  return rest_path ("/customers", error, customer_id, "/addresses", address_id, NULL);
}

static void
clt_rest_store_get_address (CltStore            *store,
                            const char          *customer_id,
                            const char          *address_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  g_autofree char *path = NULL;
  GError *error = NULL;

  path = address_path (customer_id, address_id, &error);
  if (path == NULL)
    {
      rest_report_error (self, clt_rest_store_get_address, cancellable, callback, user_data,
                         error);
      return;
    }

  rest_call_start (rest_call_new (self, "GET", path, RESULT_OBJECT, CLT_TYPE_ADDRESS),
                   clt_rest_store_get_address, cancellable, callback, user_data);
}

static void
clt_rest_store_create_address (CltStore            *store,
                               CltAddress          *address,
                               const char          *request_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  g_autofree char *path = NULL;
  GError *error = NULL;
  JsonNode *body;
  const char *id = clt_address_get_id (address);
  RestCall *call;

  path = rest_path ("/customers", &error, clt_address_get_customer_id (address), "/addresses",
                    NULL);
  if (path == NULL)
    {
      rest_report_error (self, clt_rest_store_create_address, cancellable, callback, user_data,
                         error);
      return;
    }

  body = clt_json_from_object (address, CLT_JSON_WRITABLE_ONLY);
  if (id != NULL && id[0] != '\0')
    json_object_set_string_member (body_object (body), "id", id);

  call = rest_call_new (self, "POST", path, RESULT_OBJECT, CLT_TYPE_ADDRESS);
  rest_call_set_body (call, body);
  rest_call_set_request_id (call, request_id);
  rest_call_set_local_check (call, CLT_PERMISSION_EDIT_CUSTOMERS, check_address_create, address);
  rest_call_start (call, clt_rest_store_create_address, cancellable, callback, user_data);
}

static void
clt_rest_store_update_address (CltStore            *store,
                               CltAddress          *address,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  g_autofree char *path = NULL;
  GError *error = NULL;
  RestCall *call;

  path = address_path (clt_address_get_customer_id (address), clt_address_get_id (address),
                       &error);
  if (path == NULL)
    {
      rest_report_error (self, clt_rest_store_update_address, cancellable, callback, user_data,
                         error);
      return;
    }

  call = rest_call_new (self, "PATCH", path, RESULT_OBJECT, CLT_TYPE_ADDRESS);
  rest_call_set_body (call, clt_json_from_object (address, CLT_JSON_WRITABLE_ONLY));
  rest_call_set_if_match (call, clt_address_get_version (address));
  rest_call_set_local_check (call, CLT_PERMISSION_EDIT_CUSTOMERS, check_address_update, address);
  rest_call_start (call, clt_rest_store_update_address, cancellable, callback, user_data);
}

static void
clt_rest_store_delete_address (CltStore            *store,
                               const char          *customer_id,
                               const char          *address_id,
                               gint64               version,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  g_autofree char *path = NULL;
  GError *error = NULL;
  RestCall *call;

  path = address_path (customer_id, address_id, &error);
  if (path == NULL)
    {
      rest_report_error (self, clt_rest_store_delete_address, cancellable, callback, user_data,
                         error);
      return;
    }

  call = rest_call_new (self, "DELETE", path, RESULT_NONE, G_TYPE_NONE);
  rest_call_set_if_match (call, version);
  rest_call_start (call, clt_rest_store_delete_address, cancellable, callback, user_data);
}

/* PUT /customers/{id}/<step> with @body, based on the customer's version;
 * answers the customer. Shared with clt-rest-store-shop.c's groups and
 * company. */
static void
put_customer_member (CltRestStore        *self,
                     const char          *customer_id,
                     gint64               customer_version,
                     const char          *step,
                     JsonNode            *body,
                     gpointer             source_tag,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autofree char *path = NULL;
  GError *error = NULL;
  RestCall *call;

  path = rest_path ("/customers", &error, customer_id, step, NULL);
  if (path == NULL)
    {
      json_node_unref (body);
      rest_report_error (self, source_tag, cancellable, callback, user_data, error);
      return;
    }

  call = rest_call_new (self, "PUT", path, RESULT_OBJECT, CLT_TYPE_CUSTOMER);
  rest_call_set_body (call, body);
  rest_call_set_if_match (call, customer_version);
  rest_call_set_local_check (call, CLT_PERMISSION_EDIT_CUSTOMERS, NULL, NULL);
  rest_call_start (call, source_tag, cancellable, callback, user_data);
}

static void
clt_rest_store_set_default_address (CltStore            *store,
                                    const char          *customer_id,
                                    gint64               customer_version,
                                    const char          *address_id,
                                    CltAddressUse        use,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "addressId");
  json_builder_add_string_value (builder, address_id != NULL ? address_id : "");
  json_builder_set_member_name (builder, "use");
  json_builder_add_string_value (builder, use == CLT_ADDRESS_USE_SHIPPING ? "shipping"
                                                                          : "billing");
  json_builder_end_object (builder);

  put_customer_member (CLT_REST_STORE (store), customer_id, customer_version, "/default-address",
                       json_builder_get_root (builder), clt_rest_store_set_default_address,
                       cancellable, callback, user_data);
}

static void
clt_rest_store_set_customer_groups (CltStore            *store,
                                    const char          *customer_id,
                                    gint64               customer_version,
                                    const char * const  *group_codes,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint i = 0; group_codes != NULL && group_codes[i] != NULL; i++)
    json_builder_add_string_value (builder, group_codes[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  put_customer_member (CLT_REST_STORE (store), customer_id, customer_version, "/groups",
                       json_builder_get_root (builder), clt_rest_store_set_customer_groups,
                       cancellable, callback, user_data);
}

static void
clt_rest_store_assign_company (CltStore            *store,
                               const char          *customer_id,
                               gint64               customer_version,
                               const char          *company_id,
                               const char          *business_unit,
                               const char * const  *roles,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "companyId");
  json_builder_add_string_value (builder, company_id != NULL ? company_id : "");
  json_builder_set_member_name (builder, "businessUnit");
  json_builder_add_string_value (builder, business_unit != NULL ? business_unit : "");
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_array (builder);
  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    json_builder_add_string_value (builder, roles[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  put_customer_member (CLT_REST_STORE (store), customer_id, customer_version, "/company",
                       json_builder_get_root (builder), clt_rest_store_assign_company,
                       cancellable, callback, user_data);
}

/* }}} */

/* Notes, orders, outbox {{{ */

static void
clt_rest_store_list_notes (CltStore            *store,
                           const char          *customer_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  get_resource (CLT_REST_STORE (store), RESULT_ARRAY, CLT_TYPE_NOTE,
                clt_rest_store_list_notes, cancellable, callback, user_data,
                "/customers", customer_id, "/notes");
}

static void
clt_rest_store_add_note (CltStore            *store,
                         const char          *customer_id,
                         const char          *message,
                         const char          *request_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(CltNote) note = clt_note_new ();
  g_autofree char *path = NULL;
  GError *error = NULL;
  RestCall *call;

  path = rest_path ("/customers", &error, customer_id, "/notes", NULL);
  if (path == NULL)
    {
      rest_report_error (self, clt_rest_store_add_note, cancellable, callback, user_data, error);
      return;
    }

  json_object_set_string_member (object, "message", message != NULL ? message : "");
  clt_note_set_message (note, message);

  call = rest_call_new (self, "POST", path, RESULT_OBJECT, CLT_TYPE_NOTE);
  rest_call_set_body (call, json_node_init_object (json_node_alloc (), object));
  rest_call_set_request_id (call, request_id);
  rest_call_set_local_check (call, CLT_PERMISSION_EDIT_CUSTOMERS, check_note, note);
  rest_call_start (call, clt_rest_store_add_note, cancellable, callback, user_data);
}

static void
clt_rest_store_list_orders (CltStore            *store,
                            const char          *customer_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  get_resource (CLT_REST_STORE (store), RESULT_ARRAY, CLT_TYPE_ORDER,
                clt_rest_store_list_orders, cancellable, callback, user_data,
                "/customers", customer_id, "/orders");
}

static void
clt_rest_store_list_emails (CltStore            *store,
                            const char          *customer_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  get_resource (CLT_REST_STORE (store), RESULT_ARRAY, CLT_TYPE_EMAIL,
                clt_rest_store_list_emails, cancellable, callback, user_data,
                "/customers", customer_id, "/emails");
}

static void
clt_rest_store_set_email_state (CltStore            *store,
                                const char          *email_id,
                                CltEmailState        state,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltRestStore *self = CLT_REST_STORE (store);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *path = NULL;
  const char *nick = enum_nick (CLT_TYPE_EMAIL_STATE, state);
  GError *error = NULL;
  RestCall *call;

  path = rest_path ("/emails", &error, email_id, "/state", NULL);
  if (path == NULL)
    {
      rest_report_error (self, clt_rest_store_set_email_state, cancellable, callback, user_data,
                         error);
      return;
    }

  json_object_set_string_member (object, "state", nick != NULL ? nick : "");
  call = rest_call_new (self, "PUT", path, RESULT_NONE, G_TYPE_NONE);
  rest_call_set_body (call, json_node_init_object (json_node_alloc (), object));
  rest_call_start (call, clt_rest_store_set_email_state, cancellable, callback, user_data);
}

/* }}} */

void
rest_store_customers_iface_init (CltStoreInterface *iface)
{
  iface->list_customers = clt_rest_store_list_customers;
  iface->get_customer = clt_rest_store_get_customer;
  iface->get_customer_details = clt_rest_store_get_customer_details;
  iface->create_customer = clt_rest_store_create_customer;
  iface->update_customer = clt_rest_store_update_customer;
  iface->delete_customer = clt_rest_store_delete_customer;
  iface->undo_delete_customer = clt_rest_store_undo_delete_customer;
  iface->send_password_reset = clt_rest_store_send_password_reset;
  iface->import_customers = clt_rest_store_import_customers;

  iface->list_addresses = clt_rest_store_list_addresses;
  iface->get_address = clt_rest_store_get_address;
  iface->create_address = clt_rest_store_create_address;
  iface->update_address = clt_rest_store_update_address;
  iface->delete_address = clt_rest_store_delete_address;
  iface->set_default_address = clt_rest_store_set_default_address;
  iface->set_customer_groups = clt_rest_store_set_customer_groups;
  iface->assign_company = clt_rest_store_assign_company;

  iface->list_notes = clt_rest_store_list_notes;
  iface->add_note = clt_rest_store_add_note;
  iface->list_orders = clt_rest_store_list_orders;
  iface->list_emails = clt_rest_store_list_emails;
  iface->set_email_state = clt_rest_store_set_email_state;
}
