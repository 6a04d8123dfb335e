/* clt-server-customers.c — the routes of the signed-in user and the
 * customers: list with paging, search, filters and sort; create, import,
 * read, PATCH, delete and restore; groups, company and default addresses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-server"

#include "config.h"

#include <string.h>

#include "clt-customer.h"
#include "clt-customer-details.h"
#include "clt-enum-types.h"
#include "clt-import-report.h"
#include "clt-query.h"
#include "clt-server-private.h"
#include "clt-validate.h"

#define DEFAULT_PAGE_SIZE 50
#define MAX_UNDO_SECONDS  (24 * 3600)

/* Helpers for small bodies (the other route files use them too) {{{ */

/* Fails with 422 naming @member. */
void
respond_bad_member (Request    *req,
                    const char *member,
                    const char *message)
{
  g_autoptr(GError) error = clt_store_error_new_invalid (member, "%s", message);

  respond_error (req, error);
}

/* The body is an object with no members but @allowed: FALSE after
 * answering otherwise. */
gboolean
check_members (Request            *req,
               const char * const *allowed)
{
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (req->body))
    {
      respond_bad_member (req, "", _("The body is a JSON object."));
      return FALSE;
    }

  object = json_node_get_object (req->body);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *message = g_strdup_printf (_("“%s” is not one of this request’s members."),
                                                    (const char *) l->data);

        respond_bad_member (req, l->data, message);
        return FALSE;
      }

  return TRUE;
}

/* A string member (absent or null: NULL). FALSE after answering when it
 * has another type. */
gboolean
body_string (Request     *req,
             const char  *member,
             const char **value)
{
  JsonNode *node = json_object_get_member (json_node_get_object (req->body), member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      respond_bad_member (req, member, _("This is text."));
      return FALSE;
    }

  *value = json_node_get_string (node);
  return TRUE;
}

/* An array of strings (absent or null: an empty one). */
gboolean
body_strv (Request      *req,
           const char   *member,
           GStrv        *value)
{
  JsonNode *node = json_object_get_member (json_node_get_object (req->body), member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          respond_bad_member (req, member, _("This is a list of text."));
          return FALSE;
        }
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            {
              respond_bad_member (req, member, _("This is a list of text."));
              return FALSE;
            }
          g_strv_builder_add (builder, json_node_get_string (element));
        }
    }

  *value = g_strv_builder_end (builder);
  return TRUE;
}

/* Whether the user may set "verified": support and admins confirm
 * identities; others' bodies never change it. */
static gboolean
may_verify (Request *req)
{
  CltRole role = clt_backoffice_user_get_role (req->user);

  return role == CLT_ROLE_SUPPORT || role == CLT_ROLE_ADMIN;
}

/* }}} */

/* GET /me {{{ */

void
handle_get_me (Request *req)
{
  req->finish = (FinishPointer) clt_store_get_current_user_finish;
  STORE_CALL (req, clt_store_get_current_user_async (req->server->store, NULL, on_object_cb, req));
}

/* }}} */

/* GET /customers {{{ */

static const struct
{
  const char *name;
  CltSortKey  key;
} sort_fields[] = {
  { "customerNumber", CLT_SORT_KEY_NUMBER },
  { "createdAt",      CLT_SORT_KEY_REGISTERED },
  { "email",          CLT_SORT_KEY_EMAIL },
  { "lastName",       CLT_SORT_KEY_LAST_NAME },
  { "firstName",      CLT_SORT_KEY_FIRST_NAME },
  { "company",        CLT_SORT_KEY_COMPANY },
  { "zipCode",        CLT_SORT_KEY_ZIP_CODE },
  { "city",           CLT_SORT_KEY_CITY },
  { "country",        CLT_SORT_KEY_COUNTRY },
  { "status",         CLT_SORT_KEY_STATUS },
  { "preferredSite",  CLT_SORT_KEY_SITE },
};

/* A paging number: FALSE for anything but 1 to @max digits-only. */
static gboolean
parse_count (const char *text,
             guint64     max,
             guint64    *value)
{
  return text != NULL && g_ascii_isdigit (text[0]) && strlen (text) <= 12 &&
         g_ascii_string_to_unsigned (text, 10, 1, max, value, NULL);
}

static GDateTime *
parse_date (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  /* A day alone is its start, in UTC. */
  if (strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);

      return g_date_time_new_from_iso8601 (midnight, utc);
    }

  return g_date_time_new_from_iso8601 (text, utc);
}

static void
respond_bad_query (Request    *req,
                   const char *message)
{
  respond_problem (req, SOUP_STATUS_BAD_REQUEST, CLT_STORE_ERROR_INVALID, message);
}

/* A query the store refuses is the request's fault, like bad paging:
 * 400 naming the parameter (q, sort, …), not 422 naming a property of
 * CltQuery. */
static void
respond_query_error (Request      *req,
                     const GError *error)
{
  static const struct
  {
    const char *property;
    const char *parameter;
  } parameters[] = {
    { "search-text", "q" },
    { "sort-key", "sort" },
    { "sort-direction", "sort" },
    { "registered-from", "registeredFrom" },
    { "registered-until", "registeredUntil" },
    { "sort-field", "sort" },
    { "field-filters", "mixins" },
  };
  g_autoptr(GError) bad = NULL;
  const char *field;

  if (!g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID))
    {
      respond_error (req, error);
      return;
    }

  field = clt_store_error_get_field (error);
  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (parameters); i++)
    if (g_str_equal (field, parameters[i].property))
      field = parameters[i].parameter;
  bad = clt_store_error_new_invalid (field, "%s", error->message);
  respond_error_status (req, SOUP_STATUS_BAD_REQUEST, bad);
}

static void
on_customers_listed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  guint total = CLT_TOTAL_UNKNOWN;

  customers = clt_store_list_customers_finish (CLT_STORE (object), result, &total, &error);
  if (customers == NULL)
    {
      respond_query_error (req, error);
      return;
    }

  if (total != CLT_TOTAL_UNKNOWN)
    {
      g_autofree char *value = g_strdup_printf ("%u", total);

      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "X-Total-Count", value);
    }
  respond_array (req, customers);
}

void
handle_list_customers (Request *req)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *with_total = soup_message_headers_get_one (headers, "X-Total-Count");
  const char *text;
  guint64 page_number = 1;
  guint64 page_size = DEFAULT_PAGE_SIZE;
  CltListFlags flags = CLT_LIST_FLAGS_NONE;

  if (req->query != NULL)
    {
      GHashTableIter iter;
      const char *key;
      const char *value;

      g_hash_table_iter_init (&iter, req->query);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &value))
        if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
          {
            respond_bad_query (req, _("The query is not valid UTF-8 text."));
            return;
          }
    }

  if ((text = request_query (req, "pageNumber")) != NULL &&
      !parse_count (text, G_MAXINT, &page_number))
    {
      respond_bad_query (req, _("pageNumber is a whole number from 1."));
      return;
    }
  if ((text = request_query (req, "pageSize")) != NULL)
    {
      /* Any run of digits is a number, however long: above 500 it is
       * too large rather than not a number. */
      const char *significant = text + strspn (text, "0");
      gboolean digits = text[0] != '\0' && text[strspn (text, "0123456789")] == '\0';
      guint64 any = 0;

      if (!digits || significant[0] == '\0')
        {
          respond_bad_query (req, _("pageSize is a whole number from 1 to 500."));
          return;
        }
      if (strlen (significant) > 3 ||
          (any = g_ascii_strtoull (significant, NULL, 10)) > CLT_STORE_MAX_PAGE_SIZE)
        {
          respond_problem (req, SOUP_STATUS_BAD_REQUEST, CLT_STORE_ERROR_TOO_LARGE,
                           _("A page has at most 500 customers."));
          return;
        }
      page_size = any;
    }
  if ((page_number - 1) * page_size > G_MAXINT)
    {
      respond_bad_query (req, _("This page is beyond any number of customers."));
      return;
    }

  if ((text = request_query (req, "q")) != NULL)
    clt_query_set_search_text (query, text);

  if ((text = request_query (req, "sort")) != NULL && text[0] != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (text, ":", 2);
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (sort_fields); i++)
        if (g_str_equal (parts[0], sort_fields[i].name))
          {
            clt_query_set_sort_key (query, sort_fields[i].key);
            found = TRUE;
          }
      if (g_str_has_prefix (parts[0], CLT_JSON_MIXINS_PREFIX) &&
          parts[0][strlen (CLT_JSON_MIXINS_PREFIX)] != '\0')
        {
          clt_query_set_sort_field (query, parts[0] + strlen (CLT_JSON_MIXINS_PREFIX));
          found = TRUE;
        }
      if (!found || (parts[1] != NULL && !g_str_equal (parts[1], "asc") &&
                     !g_str_equal (parts[1], "desc")))
        {
          respond_bad_query (req, _("sort is a field and a direction, such as lastName:asc."));
          return;
        }
      clt_query_set_sort_direction (query, parts[1] != NULL && g_str_equal (parts[1], "desc")
                                             ? CLT_SORT_DESCENDING : CLT_SORT_ASCENDING);
    }

  if ((text = request_query (req, "status")) != NULL && text[0] != '\0')
    {
      g_autoptr(GEnumClass) filters = g_type_class_ref (CLT_TYPE_STATUS_FILTER);
      GEnumValue *value = g_enum_get_value_by_nick (filters, text);

      if (value == NULL)
        {
          respond_bad_query (req, _("status is one of active, on-hold, inactive or unverified."));
          return;
        }
      clt_query_set_status (query, value->value);
    }

  if ((text = request_query (req, "country")) != NULL && text[0] != '\0')
    clt_query_set_country (query, text);
  if ((text = request_query (req, "site")) != NULL && text[0] != '\0')
    clt_query_set_site (query, text);
  if ((text = request_query (req, "group")) != NULL && text[0] != '\0')
    clt_query_set_group (query, text);
  if ((text = request_query (req, "company")) != NULL && text[0] != '\0')
    clt_query_set_company (query, text);

  if ((text = request_query (req, "registeredFrom")) != NULL && text[0] != '\0')
    {
      g_autoptr(GDateTime) from = parse_date (text);

      if (from == NULL)
        {
          respond_bad_query (req, _("registeredFrom is a date, such as 2024-05-01."));
          return;
        }
      clt_query_set_registered_from (query, from);
    }
  if ((text = request_query (req, "registeredUntil")) != NULL && text[0] != '\0')
    {
      g_autoptr(GDateTime) until = parse_date (text);

      if (until == NULL)
        {
          respond_bad_query (req, _("registeredUntil is a date, such as 2024-05-31."));
          return;
        }
      clt_query_set_registered_until (query, until);
    }

  if (req->query != NULL)
    {
      GHashTableIter iter;
      const char *name;
      const char *value;

      g_hash_table_iter_init (&iter, req->query);
      while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &value))
        {
          g_autofree char *field = NULL;
          CltFieldMatch match;

          if (clt_json_parse_field_filter_parameter (name, &field, &match))
            clt_query_add_field_filter (query, field, match, value);
          else if (g_str_has_prefix (name, CLT_JSON_MIXINS_PREFIX))
            {
              respond_bad_query (req, _("A custom field filter is mixins.KEY, mixins.KEY.prefix,"
                                        " mixins.KEY.min or mixins.KEY.max."));
              return;
            }
        }
    }

  if (with_total != NULL && g_ascii_strcasecmp (with_total, "true") == 0)
    flags |= CLT_LIST_FLAGS_WITH_TOTAL;

  {
    g_autoptr(GError) error = NULL;

    if (!clt_validate_query (query, &error))
      {
        respond_query_error (req, error);
        return;
      }
  }

  STORE_CALL (req, clt_store_list_customers_async (req->server->store, query,
                                                   (guint) (page_number - 1), (guint) page_size,
                                                   flags, NULL, on_customers_listed_cb, req));
}

/* }}} */

/* POST /customers, /customers/import {{{ */

void
handle_create_customer (Request *req)
{
  static const char * const own_members[] = { "password", "sendPasswordToken", NULL };
  g_autoptr(JsonNode) customer_node = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  const char *password = NULL;
  gboolean send_token = FALSE;
  JsonNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (req->body))
    {
      respond_bad_member (req, "", _("The body is a JSON object."));
      return;
    }
  if (!body_string (req, "password", &password))
    return;
  node = json_object_get_member (json_node_get_object (req->body), "sendPasswordToken");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          respond_bad_member (req, "sendPasswordToken", _("This is true or false."));
          return;
        }
      send_token = json_node_get_boolean (node);
    }

  customer_node = body_without (req->body, own_members);
  customer = clt_json_to_object (CLT_TYPE_CUSTOMER, customer_node, CLT_JSON_FLAGS_NONE, &error);
  if (customer == NULL)
    {
      respond_error (req, error);
      return;
    }
  if (!may_verify (req))
    clt_customer_set_verified (customer, FALSE);

  req->finish = (FinishPointer) clt_store_create_customer_finish;
  req->success_status = SOUP_STATUS_CREATED;
  STORE_CALL (req, clt_store_create_customer_async (req->server->store, customer,
                                                    password != NULL && password[0] != '\0' ? password : NULL,
                                                    send_token, req->idempotency_key, NULL,
                                                    on_object_cb, req));
}

void
handle_import_customers (Request *req)
{
  static const char * const allowed[] = { "customers", NULL };
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *rows;

  if (!check_members (req, allowed))
    return;
  rows = json_object_get_member (json_node_get_object (req->body), "customers");
  if (rows == NULL || !JSON_NODE_HOLDS_ARRAY (rows))
    {
      respond_bad_member (req, "customers", _("This is a list of customers."));
      return;
    }

  /* An import brings numbers, dates and orders over from another system. */
  customers = clt_json_to_array (CLT_TYPE_CUSTOMER, rows, CLT_JSON_READ_ONLY_MEMBERS, &error);
  if (customers == NULL)
    {
      respond_error (req, error);
      return;
    }

  req->finish = (FinishPointer) clt_store_import_customers_finish;
  STORE_CALL (req, clt_store_import_customers_async (req->server->store, customers,
                                                     req->idempotency_key, NULL,
                                                     on_object_cb, req));
}

/* }}} */

/* One customer {{{ */

void
handle_get_customer (Request *req)
{
  req->finish = (FinishPointer) clt_store_get_customer_finish;
  STORE_CALL (req, clt_store_get_customer_async (req->server->store, req->params[0], NULL,
                                                 on_object_cb, req));
}

static void
on_details_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(CltCustomerDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomer *customer;

  details = clt_store_get_customer_details_finish (CLT_STORE (object), result, &error);
  if (details == NULL)
    {
      respond_error (req, error);
      return;
    }

  /* Its version is the customer's. */
  customer = clt_customer_details_get_customer (details);
  respond_object_etag (req, SOUP_STATUS_OK, details,
                       customer != NULL ? clt_customer_get_version (customer) : -1);
}

void
handle_get_customer_details (Request *req)
{
  STORE_CALL (req, clt_store_get_customer_details_async (req->server->store, req->params[0],
                                                         NULL, on_details_cb, req));
}

static void
on_customer_patched_read_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean verified;

  customer = clt_store_get_customer_finish (CLT_STORE (object), result, &error);
  if (customer == NULL)
    {
      respond_error (req, error);
      return;
    }

  verified = clt_customer_get_verified (customer);
  if (!clt_json_apply (customer, req->body, CLT_JSON_FLAGS_NONE, &error))
    {
      respond_error (req, error);
      return;
    }
  if (!may_verify (req))
    clt_customer_set_verified (customer, verified);
  /* Based on what the client saw, not on what was just read. */
  clt_customer_set_version (customer, req->version);

  req->finish = (FinishPointer) clt_store_update_customer_finish;
  STORE_CALL (req, clt_store_update_customer_async (req->server->store, customer, NULL,
                                                    on_object_cb, req));
}

void
handle_patch_customer (Request *req)
{
  if (!JSON_NODE_HOLDS_OBJECT (req->body))
    {
      respond_bad_member (req, "", _("The body is a JSON object."));
      return;
    }

  STORE_CALL (req, clt_store_get_customer_async (req->server->store, req->params[0], NULL,
                                                 on_customer_patched_read_cb, req));
}

void
handle_delete_customer (Request *req)
{
  const char *text = request_query (req, "undoSeconds");
  guint64 undo_seconds = 0;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 0, MAX_UNDO_SECONDS, &undo_seconds,
                                                   NULL))
    {
      respond_problem (req, SOUP_STATUS_BAD_REQUEST, CLT_STORE_ERROR_INVALID,
                       _("undoSeconds is a whole number from 0 to 86400."));
      return;
    }

  req->finish_boolean = clt_store_delete_customer_finish;
  STORE_CALL (req, clt_store_delete_customer_async (req->server->store, req->params[0],
                                                    req->version, (guint) undo_seconds, NULL,
                                                    on_boolean_cb, req));
}

void
handle_restore_customer (Request *req)
{
  req->finish = (FinishPointer) clt_store_undo_delete_customer_finish;
  STORE_CALL (req, clt_store_undo_delete_customer_async (req->server->store, req->params[0],
                                                         NULL, on_object_cb, req));
}

void
handle_password_reset (Request *req)
{
  req->finish_boolean = clt_store_send_password_reset_finish;
  STORE_CALL (req, clt_store_send_password_reset_async (req->server->store, req->params[0],
                                                        NULL, on_boolean_cb, req));
}

void
handle_put_groups (Request *req)
{
  static const char * const allowed[] = { "groups", NULL };
  g_auto(GStrv) groups = NULL;

  if (!check_members (req, allowed) || !body_strv (req, "groups", &groups))
    return;

  req->finish = (FinishPointer) clt_store_set_customer_groups_finish;
  STORE_CALL (req, clt_store_set_customer_groups_async (req->server->store, req->params[0],
                                                        req->version,
                                                        (const char * const *) groups, NULL,
                                                        on_object_cb, req));
}

void
handle_put_company (Request *req)
{
  static const char * const allowed[] = { "companyId", "businessUnit", "roles", NULL };
  g_auto(GStrv) roles = NULL;
  const char *company_id = NULL;
  const char *business_unit = NULL;

  if (!check_members (req, allowed) ||
      !body_string (req, "companyId", &company_id) ||
      !body_string (req, "businessUnit", &business_unit) ||
      !body_strv (req, "roles", &roles))
    return;

  req->finish = (FinishPointer) clt_store_assign_company_finish;
  STORE_CALL (req, clt_store_assign_company_async (req->server->store, req->params[0],
                                                   req->version, company_id, business_unit,
                                                   (const char * const *) roles, NULL,
                                                   on_object_cb, req));
}

void
handle_put_default_address (Request *req)
{
  static const char * const allowed[] = { "addressId", "use", NULL };
  g_autoptr(GEnumClass) uses = g_type_class_ref (CLT_TYPE_ADDRESS_USE);
  const char *address_id = NULL;
  const char *use = NULL;
  GEnumValue *value;

  if (!check_members (req, allowed) ||
      !body_string (req, "addressId", &address_id) ||
      !body_string (req, "use", &use))
    return;

  if (address_id == NULL || address_id[0] == '\0')
    {
      respond_bad_member (req, "addressId", _("Say which address."));
      return;
    }
  value = use != NULL ? g_enum_get_value_by_nick (uses, use) : NULL;
  if (value == NULL)
    {
      respond_bad_member (req, "use", _("This is billing or shipping."));
      return;
    }

  req->finish = (FinishPointer) clt_store_set_default_address_finish;
  STORE_CALL (req, clt_store_set_default_address_async (req->server->store, req->params[0],
                                                        req->version, address_id, value->value,
                                                        NULL, on_object_cb, req));
}

/* }}} */
