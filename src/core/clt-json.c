/* clt-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "clt-address.h"
#include "clt-backoffice-user.h"
#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer-details.h"
#include "clt-customer-private.h"
#include "clt-email.h"
#include "clt-group.h"
#include "clt-import-report.h"
#include "clt-json-private.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"

typedef struct
{
  const char    *property;
  const char    *member;   /* NULL: the property's name in camelCase */
  CltJsonAccess  access;
} Rule;

typedef struct
{
  GType          (*get_type) (void);
  const Rule      *rules;
  guint            n_rules;
  CltJsonAccess    default_access;   /* of the properties @rules does not name */

  /* Built on first use, then shared by all threads. */
  gsize            ready;
  CltJsonMember   *members;
  guint            n_members;
} TypeInfo;

static const Rule customer_rules[] = {
  { "loaded", NULL, CLT_JSON_ACCESS_INTERNAL },
  { "id", NULL, CLT_JSON_ACCESS_CREATE_ONLY },
  { "number", "customerNumber", CLT_JSON_ACCESS_READ_ONLY },
  { "email", NULL, CLT_JSON_ACCESS_CREATE_ONLY },
  { "locale", "preferredLanguage", CLT_JSON_ACCESS_WRITABLE },
  { "currency", "preferredCurrency", CLT_JSON_ACCESS_WRITABLE },
  { "registered", "createdAt", CLT_JSON_ACCESS_READ_ONLY },
  { "updated", "updatedAt", CLT_JSON_ACCESS_READ_ONLY },
  { "last-login", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "anonymized-at", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "zip-code", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "city", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "country", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "version", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "status", NULL, CLT_JSON_ACCESS_OUTPUT },
};

static const Rule address_rules[] = {
  { "id", NULL, CLT_JSON_ACCESS_CREATE_ONLY },
  { "customer-id", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "version", NULL, CLT_JSON_ACCESS_READ_ONLY },
};

static const Rule note_rules[] = {
  { "id", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "customer-id", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "author", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "created", "createdAt", CLT_JSON_ACCESS_READ_ONLY },
};

/* Orders and emails are written by the shop and the outbox, never by a
 * body: everything is read-only. */
static const Rule created_rules[] = {
  { "created", "createdAt", CLT_JSON_ACCESS_READ_ONLY },
};

static const Rule code_rules[] = {
  { "code", NULL, CLT_JSON_ACCESS_CREATE_ONLY },
  { "version", NULL, CLT_JSON_ACCESS_READ_ONLY },
};

static const Rule company_rules[] = {
  { "id", NULL, CLT_JSON_ACCESS_CREATE_ONLY },
  { "version", NULL, CLT_JSON_ACCESS_READ_ONLY },
};

static const Rule custom_field_rules[] = {
  { "key", NULL, CLT_JSON_ACCESS_CREATE_ONLY },
  { "version", NULL, CLT_JSON_ACCESS_READ_ONLY },
};

/* The local role belongs to the machine that holds the file, not to a
 * remote client. */
static const Rule preferences_rules[] = {
  { "version", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "local-role", NULL, CLT_JSON_ACCESS_READ_ONLY },
};

/* Nobody sets their own role. */
static const Rule user_rules[] = {
  { "username", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "role", NULL, CLT_JSON_ACCESS_READ_ONLY },
};

#define RULES(r) r, G_N_ELEMENTS (r)

static TypeInfo types[] = {
  { clt_customer_get_type, RULES (customer_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_address_get_type, RULES (address_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_note_get_type, RULES (note_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_order_get_type, RULES (created_rules), CLT_JSON_ACCESS_READ_ONLY },
  { clt_email_get_type, RULES (created_rules), CLT_JSON_ACCESS_READ_ONLY },
  { clt_site_get_type, RULES (code_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_group_get_type, RULES (code_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_company_get_type, RULES (company_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_custom_field_get_type, RULES (custom_field_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_shop_preferences_get_type, RULES (preferences_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_backoffice_user_get_type, RULES (user_rules), CLT_JSON_ACCESS_WRITABLE },
};

static JsonNode *object_to_node (GObject      *object,
                                 CltJsonFlags  flags);

/* Members {{{ */

static char *
camel_case (const char *name)
{
  GString *member = g_string_sized_new (strlen (name));

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '-' && p[1] != '\0')
        g_string_append_c (member, g_ascii_toupper (*++p));
      else
        g_string_append_c (member, *p);
    }

  return g_string_free (member, FALSE);
}

static void
build_members (TypeInfo *info)
{
  GObjectClass *klass = g_type_class_ref (info->get_type ());
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  /* The class stays referenced: its param specs live in the table. */
  pspecs = g_object_class_list_properties (klass, &n_pspecs);
  info->members = g_new0 (CltJsonMember, n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      const Rule *rule = NULL;
      CltJsonMember *member;

      for (guint j = 0; j < info->n_rules; j++)
        if (g_str_equal (info->rules[j].property, pspecs[i]->name))
          rule = &info->rules[j];

      if (rule != NULL && rule->access == CLT_JSON_ACCESS_INTERNAL)
        continue;

      member = &info->members[info->n_members++];
      member->pspec = pspecs[i];
      member->member = rule != NULL && rule->member != NULL ? g_strdup (rule->member)
                                                            : camel_case (pspecs[i]->name);
      member->access = rule != NULL ? rule->access : info->default_access;
      if ((pspecs[i]->flags & G_PARAM_WRITABLE) == 0)
        member->access = CLT_JSON_ACCESS_OUTPUT;
    }
}

static TypeInfo *
lookup_type (GType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      TypeInfo *info = &types[i];

      if (info->get_type () != type)
        continue;

      if (g_once_init_enter (&info->ready))
        {
          build_members (info);
          g_once_init_leave (&info->ready, 1);
        }
      return info;
    }

  return NULL;
}

const CltJsonMember *
clt_json_find_member (GType       type,
                      const char *name)
{
  TypeInfo *info = lookup_type (type);

  for (guint i = 0; info != NULL && i < info->n_members; i++)
    if (g_str_equal (info->members[i].member, name))
      return &info->members[i];

  return NULL;
}

gboolean
clt_json_takes (CltJsonAccess  access,
                CltJsonFlags   flags,
                gboolean       creating)
{
  switch (access)
    {
    case CLT_JSON_ACCESS_WRITABLE:
      return TRUE;
    case CLT_JSON_ACCESS_CREATE_ONLY:
      return creating || (flags & CLT_JSON_READ_ONLY_MEMBERS) != 0;
    case CLT_JSON_ACCESS_READ_ONLY:
    case CLT_JSON_ACCESS_OUTPUT:
      return (flags & CLT_JSON_READ_ONLY_MEMBERS) != 0;
    case CLT_JSON_ACCESS_INTERNAL:
    default:
      return FALSE;
    }
}

gboolean
clt_json_is_mapped_type (GType type)
{
  return type == CLT_TYPE_IMPORT_REPORT
         || type == CLT_TYPE_CUSTOMER_DETAILS
         || lookup_type (type) != NULL;
}

gboolean
clt_json_has_members (GType type)
{
  return lookup_type (type) != NULL;
}

/* }}} */

/* Writing {{{ */

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_alloc ();

  if (text == NULL)
    return json_node_init_string (node, "");

  /* Our own objects hold valid text; if one does not, the answer must
   * still be JSON. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);
      return json_node_init_string (node, valid);
    }

  return json_node_init_string (node, text);
}

static JsonNode *
date_time_node (GDateTime *date_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  if (date_time == NULL)
    return json_node_init_null (json_node_alloc ());

  utc = g_date_time_to_utc (date_time);
  text = g_date_time_format_iso8601 (utc);
  return json_node_init_string (json_node_alloc (), text);
}

static JsonNode *
strv_node (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_element (array, string_node (strv[i]));

  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
variant_value_node (GVariant *value)
{
  JsonNode *node = json_node_alloc ();

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return json_node_init_string (node, g_variant_get_string (value, NULL));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return json_node_init_boolean (node, g_variant_get_boolean (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    {
      double number = g_variant_get_double (value);

      /* JSON has no NaN or infinity. */
      if (!isfinite (number))
        return json_node_init_null (node);
      return json_node_init_double (node, number);
    }
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return json_node_init_int (node, g_variant_get_int32 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return json_node_init_int (node, g_variant_get_int64 (value));

  /* Not a type a custom field has: keep it readable as text. */
  {
    g_autofree char *printed = g_variant_print (value, FALSE);
    json_node_free (node);
    return string_node (printed);
  }
}

static JsonNode *
custom_fields_node (GVariant *fields)
{
  JsonObject *object = json_object_new ();

  if (fields != NULL && g_variant_is_of_type (fields, G_VARIANT_TYPE_VARDICT))
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, fields);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          json_object_set_member (object, key, variant_value_node (value));
          g_variant_unref (value);
        }
    }

  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
value_to_node (GParamSpec   *pspec,
               const GValue *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  JsonNode *node;

  if (type == G_TYPE_STRING)
    return string_node (g_value_get_string (value));
  if (type == G_TYPE_STRV)
    return strv_node (g_value_get_boxed (value));
  if (type == G_TYPE_DATE_TIME)
    return date_time_node (g_value_get_boxed (value));
  if (type == G_TYPE_VARIANT)
    return custom_fields_node (g_value_get_variant (value));

  if (G_TYPE_IS_ENUM (type))
    {
      GEnumValue *enum_value = g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class,
                                                 g_value_get_enum (value));

      if (enum_value == NULL)
        return json_node_init_null (json_node_alloc ());
      return json_node_init_string (json_node_alloc (), enum_value->value_nick);
    }

  node = json_node_alloc ();
  switch (type)
    {
    case G_TYPE_BOOLEAN:
      return json_node_init_boolean (node, g_value_get_boolean (value));
    case G_TYPE_INT:
      return json_node_init_int (node, g_value_get_int (value));
    case G_TYPE_UINT:
      return json_node_init_int (node, g_value_get_uint (value));
    case G_TYPE_INT64:
      return json_node_init_int (node, g_value_get_int64 (value));
    default:
      g_assert_not_reached ();
    }
}

static JsonNode *
objects_node (GPtrArray    *objects,
              CltJsonFlags  flags)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; objects != NULL && i < objects->len; i++)
    json_array_add_element (array, object_to_node (g_ptr_array_index (objects, i), flags));

  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
import_report_to_node (CltImportReport *report)
{
  JsonObject *object = json_object_new ();
  JsonArray *refusals = json_array_new ();
  guint n_refused = clt_import_report_get_n_refused (report);

  json_object_set_int_member (object, "imported", clt_import_report_get_n_imported (report));

  for (guint i = 0; i < n_refused; i++)
    {
      JsonObject *refusal = json_object_new ();
      const char *field;
      const char *message;
      guint row = clt_import_report_get_refusal (report, i, &field, &message);
      g_autofree char *member = clt_json_member_for_field (field);

      json_object_set_int_member (refusal, "index", row);
      json_object_set_member (refusal, "field", string_node (member));
      json_object_set_member (refusal, "message", string_node (message));
      json_array_add_object_element (refusals, refusal);
    }

  json_object_set_array_member (object, "refusals", refusals);
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
customer_details_to_node (CltCustomerDetails *details,
                          CltJsonFlags        flags)
{
  JsonObject *object = json_object_new ();
  CltCompany *company = clt_customer_details_get_company (details);

  json_object_set_member (object, "customer",
                          object_to_node (G_OBJECT (clt_customer_details_get_customer (details)),
                                          flags));
  json_object_set_member (object, "addresses",
                          objects_node (clt_customer_details_get_addresses (details), flags));
  json_object_set_member (object, "notes",
                          objects_node (clt_customer_details_get_notes (details), flags));
  json_object_set_member (object, "orders",
                          objects_node (clt_customer_details_get_orders (details), flags));
  json_object_set_member (object, "emails",
                          objects_node (clt_customer_details_get_emails (details), flags));
  json_object_set_member (object, "sites",
                          objects_node (clt_customer_details_get_sites (details), flags));
  json_object_set_member (object, "groups",
                          objects_node (clt_customer_details_get_groups (details), flags));
  if (company != NULL)
    json_object_set_member (object, "company", object_to_node (G_OBJECT (company), flags));
  else
    json_object_set_null_member (object, "company");

  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
object_to_node (GObject      *object,
                CltJsonFlags  flags)
{
  TypeInfo *info;
  JsonObject *json;

  if (CLT_IS_IMPORT_REPORT (object))
    return import_report_to_node (CLT_IMPORT_REPORT (object));
  if (CLT_IS_CUSTOMER_DETAILS (object))
    return customer_details_to_node (CLT_CUSTOMER_DETAILS (object), flags);

  info = lookup_type (G_OBJECT_TYPE (object));
  g_return_val_if_fail (info != NULL, NULL);

  json = json_object_new ();
  for (guint i = 0; i < info->n_members; i++)
    {
      const CltJsonMember *member = &info->members[i];
      g_auto(GValue) value = G_VALUE_INIT;

      if ((flags & CLT_JSON_WRITABLE_ONLY) != 0
          && (member->access == CLT_JSON_ACCESS_READ_ONLY || member->access == CLT_JSON_ACCESS_OUTPUT))
        continue;

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (member->pspec));
      g_object_get_property (object, member->pspec->name, &value);
      json_object_set_member (json, member->member, value_to_node (member->pspec, &value));
    }

  /* The import payload travels only when there is one. */
  if (CLT_IS_CUSTOMER (object))
    {
      /* Read the fields: the getters create the arrays, and writing must
       * not change an object another thread may be writing too. */
      CltCustomer *customer = CLT_CUSTOMER (object);

      if (customer->import_addresses != NULL && customer->import_addresses->len > 0)
        json_object_set_member (json, "addresses",
                                objects_node (customer->import_addresses, CLT_JSON_FLAGS_NONE));
      if (customer->import_orders != NULL && customer->import_orders->len > 0)
        json_object_set_member (json, "orders",
                                objects_node (customer->import_orders, CLT_JSON_FLAGS_NONE));
    }

  return json_node_init_object (json_node_alloc (), json);
}

/* }}} */

/* Public API {{{ */

/**
 * clt_json_from_object:
 * @object: one of the types clt-json.h lists
 * @flags: CLT_JSON_WRITABLE_ONLY to leave read-only members out
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
clt_json_from_object (gpointer     object,
                      CltJsonFlags flags)
{
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  g_return_val_if_fail (clt_json_is_mapped_type (G_OBJECT_TYPE (object)), NULL);

  return object_to_node (object, flags);
}

/**
 * clt_json_from_array:
 * @objects: (element-type GObject): objects of the types clt-json.h lists
 * @flags: as for clt_json_from_object ()
 *
 * Returns: (transfer full): a JSON array node
 */
JsonNode *
clt_json_from_array (GPtrArray    *objects,
                     CltJsonFlags  flags)
{
  g_return_val_if_fail (objects != NULL, NULL);

  for (guint i = 0; i < objects->len; i++)
    {
      GObject *object = g_ptr_array_index (objects, i);

      g_return_val_if_fail (G_IS_OBJECT (object), NULL);
      g_return_val_if_fail (clt_json_is_mapped_type (G_OBJECT_TYPE (object)), NULL);
    }

  return objects_node (objects, flags);
}

/* }}} */
