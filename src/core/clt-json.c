/* clt-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "clt-address.h"
#include "clt-backoffice-user.h"
#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer-details.h"
#include "clt-customer.h"
#include "clt-email.h"
#include "clt-group.h"
#include "clt-import-report.h"
#include "clt-json-private.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"

/* The largest integer a double holds exactly: custom field numbers are
 * doubles, so a larger one would silently change on the way in. */
#define MAX_EXACT_INTEGER (G_GINT64_CONSTANT (1) << 53)

/* ISO 8601 dates are short; anything longer is not one. */
#define MAX_DATE_LENGTH 64

typedef enum
{
  ACCESS_WRITABLE,
  ACCESS_CREATE_ONLY,
  ACCESS_READ_ONLY,
  ACCESS_OUTPUT,
  ACCESS_INTERNAL,
} Access;

typedef struct
{
  const char *property;
  const char *member;   /* NULL: the property's name in camelCase */
  Access      access;
} Rule;

typedef struct
{
  GParamSpec *pspec;
  char       *member;
  Access      access;
} Member;

typedef struct
{
  GType       (*get_type) (void);
  const Rule   *rules;
  guint         n_rules;
  Access        default_access;   /* of the properties @rules does not name */

  /* Built on first use, then shared by all threads. */
  gsize         ready;
  Member       *members;
  guint         n_members;
} TypeInfo;

static const Rule customer_rules[] = {
  { "loaded", NULL, ACCESS_INTERNAL },
  { "id", NULL, ACCESS_CREATE_ONLY },
  { "number", "customerNumber", ACCESS_READ_ONLY },
  { "email", NULL, ACCESS_CREATE_ONLY },
  { "locale", "preferredLanguage", ACCESS_WRITABLE },
  { "currency", "preferredCurrency", ACCESS_WRITABLE },
  { "registered", "createdAt", ACCESS_READ_ONLY },
  { "updated", "updatedAt", ACCESS_READ_ONLY },
  { "last-login", NULL, ACCESS_READ_ONLY },
  { "anonymized-at", NULL, ACCESS_READ_ONLY },
  { "zip-code", NULL, ACCESS_READ_ONLY },
  { "city", NULL, ACCESS_READ_ONLY },
  { "country", NULL, ACCESS_READ_ONLY },
  { "version", NULL, ACCESS_READ_ONLY },
  { "status", NULL, ACCESS_OUTPUT },
};

static const Rule address_rules[] = {
  { "id", NULL, ACCESS_CREATE_ONLY },
  { "customer-id", NULL, ACCESS_READ_ONLY },
  { "version", NULL, ACCESS_READ_ONLY },
};

static const Rule note_rules[] = {
  { "id", NULL, ACCESS_READ_ONLY },
  { "customer-id", NULL, ACCESS_READ_ONLY },
  { "author", NULL, ACCESS_READ_ONLY },
  { "created", "createdAt", ACCESS_READ_ONLY },
};

/* Orders and emails are written by the shop and the outbox, never by a
 * body: everything is read-only. */
static const Rule created_rules[] = {
  { "created", "createdAt", ACCESS_READ_ONLY },
};

static const Rule code_rules[] = {
  { "code", NULL, ACCESS_CREATE_ONLY },
  { "version", NULL, ACCESS_READ_ONLY },
};

static const Rule company_rules[] = {
  { "id", NULL, ACCESS_CREATE_ONLY },
  { "version", NULL, ACCESS_READ_ONLY },
};

static const Rule custom_field_rules[] = {
  { "key", NULL, ACCESS_CREATE_ONLY },
  { "version", NULL, ACCESS_READ_ONLY },
};

/* The local role belongs to the machine that holds the file, not to a
 * remote client. */
static const Rule preferences_rules[] = {
  { "version", NULL, ACCESS_READ_ONLY },
  { "local-role", NULL, ACCESS_READ_ONLY },
};

/* Nobody sets their own role. */
static const Rule user_rules[] = {
  { "username", NULL, ACCESS_READ_ONLY },
  { "role", NULL, ACCESS_READ_ONLY },
};

#define RULES(r) r, G_N_ELEMENTS (r)

static TypeInfo types[] = {
  { clt_customer_get_type, RULES (customer_rules), ACCESS_WRITABLE },
  { clt_address_get_type, RULES (address_rules), ACCESS_WRITABLE },
  { clt_note_get_type, RULES (note_rules), ACCESS_WRITABLE },
  { clt_order_get_type, RULES (created_rules), ACCESS_READ_ONLY },
  { clt_email_get_type, RULES (created_rules), ACCESS_READ_ONLY },
  { clt_site_get_type, RULES (code_rules), ACCESS_WRITABLE },
  { clt_group_get_type, RULES (code_rules), ACCESS_WRITABLE },
  { clt_company_get_type, RULES (company_rules), ACCESS_WRITABLE },
  { clt_custom_field_get_type, RULES (custom_field_rules), ACCESS_WRITABLE },
  { clt_shop_preferences_get_type, RULES (preferences_rules), ACCESS_WRITABLE },
  { clt_backoffice_user_get_type, RULES (user_rules), ACCESS_WRITABLE },
};

typedef struct
{
  GParamSpec *pspec;
  GValue      value;
} Pending;

/* The customer's import payload, read before anything is set. */
typedef struct
{
  GPtrArray *addresses;
  GPtrArray *orders;
} Extras;

static JsonNode *object_to_node   (GObject      *object,
                                   CltJsonFlags  flags);
static gpointer  object_from_node (GType         type,
                                   JsonNode     *node,
                                   CltJsonFlags  flags,
                                   gboolean      creating,
                                   const char   *prefix,
                                   GError      **error);

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
  info->members = g_new0 (Member, n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      const Rule *rule = NULL;
      Member *member;

      for (guint j = 0; j < info->n_rules; j++)
        if (g_str_equal (info->rules[j].property, pspecs[i]->name))
          rule = &info->rules[j];

      if (rule != NULL && rule->access == ACCESS_INTERNAL)
        continue;

      member = &info->members[info->n_members++];
      member->pspec = pspecs[i];
      member->member = rule != NULL && rule->member != NULL ? g_strdup (rule->member)
                                                            : camel_case (pspecs[i]->name);
      member->access = rule != NULL ? rule->access : info->default_access;
      if ((pspecs[i]->flags & G_PARAM_WRITABLE) == 0)
        member->access = ACCESS_OUTPUT;
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

static const Member *
find_member (TypeInfo   *info,
             const char *name)
{
  for (guint i = 0; i < info->n_members; i++)
    if (g_str_equal (info->members[i].member, name))
      return &info->members[i];

  return NULL;
}

static gboolean
takes (Access        access,
       CltJsonFlags  flags,
       gboolean      creating)
{
  switch (access)
    {
    case ACCESS_WRITABLE:
      return TRUE;
    case ACCESS_CREATE_ONLY:
      return creating || (flags & CLT_JSON_READ_ONLY_MEMBERS) != 0;
    case ACCESS_READ_ONLY:
    case ACCESS_OUTPUT:
      return (flags & CLT_JSON_READ_ONLY_MEMBERS) != 0;
    case ACCESS_INTERNAL:
    default:
      return FALSE;
    }
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
      const Member *member = &info->members[i];
      g_auto(GValue) value = G_VALUE_INIT;

      if ((flags & CLT_JSON_WRITABLE_ONLY) != 0
          && (member->access == ACCESS_READ_ONLY || member->access == ACCESS_OUTPUT))
        continue;

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (member->pspec));
      g_object_get_property (object, member->pspec->name, &value);
      json_object_set_member (json, member->member, value_to_node (member->pspec, &value));
    }

  /* The import payload travels only when there is one. */
  if (CLT_IS_CUSTOMER (object))
    {
      GPtrArray *addresses = clt_customer_get_import_addresses (CLT_CUSTOMER (object));
      GPtrArray *orders = clt_customer_get_import_orders (CLT_CUSTOMER (object));

      if (addresses->len > 0)
        json_object_set_member (json, "addresses", objects_node (addresses, CLT_JSON_FLAGS_NONE));
      if (orders->len > 0)
        json_object_set_member (json, "orders", objects_node (orders, CLT_JSON_FLAGS_NONE));
    }

  return json_node_init_object (json_node_alloc (), json);
}

/* }}} */

/* Reading {{{ */

gboolean
clt_json_check_text (const char *text)
{
  return text != NULL && g_utf8_validate (text, -1, NULL);
}

void
clt_json_set_invalid (GError     **error,
                      const char  *prefix,
                      const char  *member,
                      const char  *message)
{
  g_autofree char *field = NULL;

  if (member == NULL)
    field = prefix != NULL && prefix[0] != '\0' ? g_strndup (prefix, strlen (prefix) - 1) : NULL;
  else
    field = g_strconcat (prefix != NULL ? prefix : "", member, NULL);

  /* A hostile member name must not make the error itself invalid text. */
  if (field != NULL && !g_utf8_validate (field, -1, NULL))
    {
      char *valid = g_utf8_make_valid (field, -1);
      g_free (field);
      field = valid;
    }

  g_propagate_error (error, clt_store_error_new_invalid (field, "%s", message));
}

static void
set_invalid_printf (GError     **error,
                    const char  *prefix,
                    const char  *member,
                    const char  *format,
                    ...) G_GNUC_PRINTF (4, 5);

static void
set_invalid_printf (GError     **error,
                    const char  *prefix,
                    const char  *member,
                    const char  *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  clt_json_set_invalid (error, prefix, member, message);
}

static gboolean
holds (JsonNode *node,
       GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static char *
shown_member (const char *member)
{
  return g_utf8_make_valid (member, -1);
}

static gboolean
read_text (JsonNode    *node,
           const char  *prefix,
           const char  *member,
           const char **text,
           GError     **error)
{
  g_autofree char *shown = shown_member (member);

  if (JSON_NODE_HOLDS_NULL (node))
    {
      *text = "";
      return TRUE;
    }

  if (!holds (node, G_TYPE_STRING))
    {
      set_invalid_printf (error, prefix, member, _("“%s” must be text."), shown);
      return FALSE;
    }

  *text = json_node_get_string (node);
  if (!clt_json_check_text (*text))
    {
      set_invalid_printf (error, prefix, member, _("“%s” is not valid UTF-8 text."), shown);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_integer (JsonNode    *node,
              const char  *prefix,
              const char  *member,
              gint64       minimum,
              gint64       maximum,
              gint64      *number,
              GError     **error)
{
  g_autofree char *shown = shown_member (member);

  if (!holds (node, G_TYPE_INT64))
    {
      set_invalid_printf (error, prefix, member, _("“%s” must be a whole number."), shown);
      return FALSE;
    }

  *number = json_node_get_int (node);
  if (*number < minimum || *number > maximum)
    {
      set_invalid_printf (error, prefix, member,
                          _("“%s” must be a whole number from %" G_GINT64_FORMAT
                            " to %" G_GINT64_FORMAT "."),
                          shown, minimum, maximum);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_strv (JsonNode    *node,
           const char  *prefix,
           const char  *member,
           GValue      *value,
           GError     **error)
{
  g_autofree char *shown = shown_member (member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;
  guint length;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      g_value_take_boxed (value, g_strv_builder_end (builder));
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid_printf (error, prefix, member, _("“%s” must be a list of texts."), shown);
      return FALSE;
    }

  array = json_node_get_array (node);
  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!holds (element, G_TYPE_STRING))
        {
          set_invalid_printf (error, prefix, member, _("“%s” must be a list of texts."), shown);
          return FALSE;
        }
      if (!clt_json_check_text (json_node_get_string (element)))
        {
          set_invalid_printf (error, prefix, member, _("“%s” is not valid UTF-8 text."), shown);
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  g_value_take_boxed (value, g_strv_builder_end (builder));
  return TRUE;
}

static gboolean
read_date_time (JsonNode    *node,
                const char  *prefix,
                const char  *member,
                GValue      *value,
                GError     **error)
{
  g_autofree char *shown = shown_member (member);
  const char *text;
  GDateTime *date_time = NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (holds (node, G_TYPE_STRING))
    {
      text = json_node_get_string (node);
      if (clt_json_check_text (text) && strlen (text) <= MAX_DATE_LENGTH)
        date_time = g_date_time_new_from_iso8601 (text, NULL);
    }

  if (date_time == NULL)
    {
      set_invalid_printf (error, prefix, member,
                          _("“%s” must be a date and time with its time zone, "
                            "like 2024-05-01T12:00:00Z."),
                          shown);
      return FALSE;
    }

  g_value_take_boxed (value, date_time);
  return TRUE;
}

static gboolean
read_custom_fields (JsonNode    *node,
                    const char  *prefix,
                    const char  *member,
                    GValue      *value,
                    GError     **error)
{
  g_autofree char *shown = shown_member (member);
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GList) keys = NULL;
  gboolean any = FALSE;
  JsonObject *object;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid_printf (error, prefix, member,
                          _("“%s” must be an object of custom field values."), shown);
      return FALSE;
    }

  object = json_node_get_object (node);
  keys = json_object_get_members (object);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *element = json_object_get_member (object, key);
      GVariant *field_value = NULL;

      if (!clt_json_check_text (key) || key[0] == '\0')
        {
          set_invalid_printf (error, prefix, member,
                              _("“%s” names a custom field that is not valid text."), shown);
          return FALSE;
        }

      if (JSON_NODE_HOLDS_NULL (element))
        continue;

      if (holds (element, G_TYPE_STRING) && clt_json_check_text (json_node_get_string (element)))
        field_value = g_variant_new_string (json_node_get_string (element));
      else if (holds (element, G_TYPE_BOOLEAN))
        field_value = g_variant_new_boolean (json_node_get_boolean (element));
      else if (holds (element, G_TYPE_DOUBLE) && isfinite (json_node_get_double (element)))
        field_value = g_variant_new_double (json_node_get_double (element));
      else if (holds (element, G_TYPE_INT64)
               && json_node_get_int (element) >= -MAX_EXACT_INTEGER
               && json_node_get_int (element) <= MAX_EXACT_INTEGER)
        field_value = g_variant_new_double ((double) json_node_get_int (element));

      if (field_value == NULL)
        {
          set_invalid_printf (error, prefix, member,
                              _("The custom field “%s” must be text, a number or true/false."),
                              key);
          return FALSE;
        }

      g_variant_builder_add (&builder, "{sv}", key, field_value);
      any = TRUE;
    }

  /* No values reads as none at all, as the stores give it. */
  if (any)
    g_value_set_variant (value, g_variant_builder_end (&builder));
  return TRUE;
}

static gboolean
node_to_value (GParamSpec  *pspec,
               JsonNode    *node,
               const char  *prefix,
               const char  *member,
               GValue      *value,
               GError     **error)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  g_autofree char *shown = shown_member (member);
  const char *text;
  gint64 number;

  g_value_init (value, type);

  if (type == G_TYPE_STRING)
    {
      if (!read_text (node, prefix, member, &text, error))
        return FALSE;
      g_value_set_string (value, text);
      return TRUE;
    }
  if (type == G_TYPE_STRV)
    return read_strv (node, prefix, member, value, error);
  if (type == G_TYPE_DATE_TIME)
    return read_date_time (node, prefix, member, value, error);
  if (type == G_TYPE_VARIANT)
    return read_custom_fields (node, prefix, member, value, error);

  if (G_TYPE_IS_ENUM (type))
    {
      GEnumValue *enum_value = NULL;

      if (holds (node, G_TYPE_STRING))
        enum_value = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class,
                                               json_node_get_string (node));
      if (enum_value == NULL)
        {
          set_invalid_printf (error, prefix, member,
                              _("“%s” is not one of the values it may have."), shown);
          return FALSE;
        }
      g_value_set_enum (value, enum_value->value);
      return TRUE;
    }

  switch (type)
    {
    case G_TYPE_BOOLEAN:
      if (!holds (node, G_TYPE_BOOLEAN))
        {
          set_invalid_printf (error, prefix, member, _("“%s” must be true or false."), shown);
          return FALSE;
        }
      g_value_set_boolean (value, json_node_get_boolean (node));
      return TRUE;

    case G_TYPE_INT:
      if (!read_integer (node, prefix, member, G_PARAM_SPEC_INT (pspec)->minimum,
                         G_PARAM_SPEC_INT (pspec)->maximum, &number, error))
        return FALSE;
      g_value_set_int (value, (int) number);
      return TRUE;

    case G_TYPE_UINT:
      if (!read_integer (node, prefix, member, G_PARAM_SPEC_UINT (pspec)->minimum,
                         G_PARAM_SPEC_UINT (pspec)->maximum, &number, error))
        return FALSE;
      g_value_set_uint (value, (guint) number);
      return TRUE;

    case G_TYPE_INT64:
      if (!read_integer (node, prefix, member, G_PARAM_SPEC_INT64 (pspec)->minimum,
                         G_PARAM_SPEC_INT64 (pspec)->maximum, &number, error))
        return FALSE;
      g_value_set_int64 (value, number);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_object (JsonNode    *node,
              const char  *prefix,
              GError     **error)
{
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;

  clt_json_set_invalid (error, prefix, NULL, _("Expected a JSON object."));
  return FALSE;
}

static void
set_unknown (GError     **error,
             const char  *prefix,
             const char  *member)
{
  g_autofree char *shown = shown_member (member);

  set_invalid_printf (error, prefix, member, _("“%s” is not a known member."), shown);
}

/* Reads an array of @type objects into a new GPtrArray. */
static GPtrArray *
read_objects (GType         type,
              JsonNode     *node,
              CltJsonFlags  flags,
              const char   *prefix,
              const char   *member,
              GError      **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;
  guint length;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      if (member != NULL)
        {
          g_autofree char *shown = shown_member (member);
          set_invalid_printf (error, prefix, member, _("“%s” must be a list of objects."), shown);
        }
      else
        clt_json_set_invalid (error, prefix, NULL, _("Expected a JSON array."));
      return NULL;
    }

  array = json_node_get_array (node);
  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      g_autofree char *item_prefix = g_strdup_printf ("%s%s[%u].", prefix,
                                                      member != NULL ? member : "", i);
      gpointer object = object_from_node (type, json_array_get_element (array, i), flags, TRUE,
                                          item_prefix, error);

      if (object == NULL)
        return NULL;
      g_ptr_array_add (objects, object);
    }

  return g_steal_pointer (&objects);
}

static gboolean
read_extra (GObject       *object,
            const char    *name,
            JsonNode      *node,
            CltJsonFlags   flags,
            gboolean       creating,
            const char    *prefix,
            Extras        *extras,
            gboolean      *known,
            GError       **error)
{
  GPtrArray **target;
  GType type;

  *known = FALSE;
  if (!CLT_IS_CUSTOMER (object))
    return TRUE;

  if (g_str_equal (name, "addresses"))
    {
      target = &extras->addresses;
      type = CLT_TYPE_ADDRESS;
    }
  else if (g_str_equal (name, "orders"))
    {
      target = &extras->orders;
      type = CLT_TYPE_ORDER;
    }
  else
    return TRUE;

  *known = TRUE;
  if (!takes (ACCESS_CREATE_ONLY, flags, creating))
    return TRUE;

  /* Import data arrives whole: ids, dates and orders are what it is for. */
  *target = read_objects (type, node, flags | CLT_JSON_READ_ONLY_MEMBERS, prefix, name, error);
  return *target != NULL;
}

static void
replace_contents (GPtrArray *target,
                  GPtrArray *source)
{
  g_ptr_array_set_size (target, 0);
  for (guint i = 0; i < source->len; i++)
    g_ptr_array_add (target, g_object_ref (g_ptr_array_index (source, i)));
}

static gboolean
apply_members (GObject       *object,
               TypeInfo      *info,
               JsonNode      *node,
               CltJsonFlags   flags,
               gboolean       creating,
               const char    *prefix,
               GError       **error)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  g_autoptr(GList) names = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  Extras extras = { NULL, NULL };
  JsonObject *json;
  gboolean ok = TRUE;

  if (!check_object (node, prefix, error))
    return FALSE;

  json = json_node_get_object (node);
  names = json_object_get_members (json);

  /* Everything is read and checked before anything is set. */
  for (GList *l = names; l != NULL && ok; l = l->next)
    {
      const char *name = l->data;
      JsonNode *member_node = json_object_get_member (json, name);
      const Member *member = find_member (info, name);
      Pending *item;
      gboolean known;

      if (member == NULL)
        {
          ok = read_extra (object, name, member_node, flags, creating, prefix, &extras, &known,
                           error);
          if (ok && !known)
            {
              set_unknown (error, prefix, name);
              ok = FALSE;
            }
          continue;
        }

      if (!takes (member->access, flags, creating))
        continue;

      g_array_set_size (pending, pending->len + 1);
      item = &g_array_index (pending, Pending, pending->len - 1);
      item->pspec = member->pspec;
      ok = node_to_value (member->pspec, member_node, prefix, name, &item->value, error);
    }

  addresses = extras.addresses;
  orders = extras.orders;

  if (ok)
    {
      g_object_freeze_notify (object);
      for (guint i = 0; i < pending->len; i++)
        {
          Pending *item = &g_array_index (pending, Pending, i);

          /* Derived members were checked, but there is nothing to set. */
          if ((item->pspec->flags & G_PARAM_WRITABLE) != 0)
            g_object_set_property (object, item->pspec->name, &item->value);
        }
      g_object_thaw_notify (object);

      if (addresses != NULL)
        replace_contents (clt_customer_get_import_addresses (CLT_CUSTOMER (object)), addresses);
      if (orders != NULL)
        replace_contents (clt_customer_get_import_orders (CLT_CUSTOMER (object)), orders);
    }

  for (guint i = 0; i < pending->len; i++)
    {
      Pending *item = &g_array_index (pending, Pending, i);

      if (G_IS_VALUE (&item->value))
        g_value_unset (&item->value);
    }

  return ok;
}

static gboolean
read_count (JsonObject  *object,
            const char  *name,
            const char  *prefix,
            guint       *count,
            GError     **error)
{
  gint64 number;

  if (!read_integer (json_object_get_member (object, name), prefix, name, 0, G_MAXUINT, &number,
                     error))
    return FALSE;

  *count = (guint) number;
  return TRUE;
}

static gboolean
read_refusal (JsonNode         *node,
              const char       *prefix,
              CltImportReport  *report,
              GError          **error)
{
  g_autoptr(GList) names = NULL;
  g_autofree char *field = NULL;
  const char *member = "";
  const char *message = "";
  guint index = 0;
  JsonObject *object;

  if (!check_object (node, prefix, error))
    return FALSE;

  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (object, name);

      if (g_str_equal (name, "index"))
        {
          if (!read_count (object, name, prefix, &index, error))
            return FALSE;
        }
      else if (g_str_equal (name, "field"))
        {
          if (!read_text (value, prefix, name, &member, error))
            return FALSE;
        }
      else if (g_str_equal (name, "message"))
        {
          if (!read_text (value, prefix, name, &message, error))
            return FALSE;
        }
      else
        {
          set_unknown (error, prefix, name);
          return FALSE;
        }
    }

  field = clt_json_field_for_member (member);
  clt_import_report_add_refusal (report, index, field, message);
  return TRUE;
}

static CltImportReport *
import_report_from_node (JsonNode     *node,
                         const char   *prefix,
                         GError      **error)
{
  g_autoptr(CltImportReport) report = clt_import_report_new ();
  g_autoptr(GList) names = NULL;
  JsonObject *object;

  if (!check_object (node, prefix, error))
    return NULL;

  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (object, name);

      if (g_str_equal (name, "imported"))
        {
          guint imported;

          if (!read_count (object, name, prefix, &imported, error))
            return NULL;
          clt_import_report_add_imported (report, imported);
        }
      else if (g_str_equal (name, "refusals"))
        {
          JsonArray *array;

          if (!JSON_NODE_HOLDS_ARRAY (value))
            {
              set_invalid_printf (error, prefix, name, _("“%s” must be a list of objects."), name);
              return NULL;
            }

          array = json_node_get_array (value);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autofree char *item_prefix = g_strdup_printf ("%srefusals[%u].", prefix, i);

              if (!read_refusal (json_array_get_element (array, i), item_prefix, report, error))
                return NULL;
            }
        }
      else
        {
          set_unknown (error, prefix, name);
          return NULL;
        }
    }

  return g_steal_pointer (&report);
}

static const char * const details_arrays[] = {
  "addresses", "notes", "orders", "emails", "sites", "groups",
};

static GType
details_array_type (guint i)
{
  switch (i)
    {
    case 0: return CLT_TYPE_ADDRESS;
    case 1: return CLT_TYPE_NOTE;
    case 2: return CLT_TYPE_ORDER;
    case 3: return CLT_TYPE_EMAIL;
    case 4: return CLT_TYPE_SITE;
    case 5: return CLT_TYPE_GROUP;
    default: g_assert_not_reached ();
    }
}

typedef struct
{
  CltCustomer *customer;
  CltCompany  *company;
  GPtrArray   *arrays[G_N_ELEMENTS (details_arrays)];
} DetailsParts;

static void
details_parts_clear (DetailsParts *parts)
{
  g_clear_object (&parts->customer);
  g_clear_object (&parts->company);
  for (guint i = 0; i < G_N_ELEMENTS (parts->arrays); i++)
    g_clear_pointer (&parts->arrays[i], g_ptr_array_unref);
}

static gboolean
read_details_member (DetailsParts  *parts,
                     const char    *name,
                     JsonNode      *value,
                     CltJsonFlags   flags,
                     const char    *prefix,
                     GError       **error)
{
  g_autofree char *item_prefix = g_strconcat (prefix, name, ".", NULL);

  if (g_str_equal (name, "customer"))
    {
      g_clear_object (&parts->customer);
      parts->customer = object_from_node (CLT_TYPE_CUSTOMER, value, flags, TRUE, item_prefix,
                                          error);
      return parts->customer != NULL;
    }

  if (g_str_equal (name, "company"))
    {
      g_clear_object (&parts->company);
      if (JSON_NODE_HOLDS_NULL (value))
        return TRUE;
      parts->company = object_from_node (CLT_TYPE_COMPANY, value, flags, TRUE, item_prefix,
                                         error);
      return parts->company != NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (details_arrays); i++)
    {
      if (!g_str_equal (name, details_arrays[i]))
        continue;

      g_clear_pointer (&parts->arrays[i], g_ptr_array_unref);
      parts->arrays[i] = read_objects (details_array_type (i), value, flags, prefix, name, error);
      return parts->arrays[i] != NULL;
    }

  set_unknown (error, prefix, name);
  return FALSE;
}

static CltCustomerDetails *
customer_details_from_node (JsonNode      *node,
                            CltJsonFlags   flags,
                            const char    *prefix,
                            GError       **error)
{
  DetailsParts parts = { NULL };
  g_autoptr(GList) names = NULL;
  CltCustomerDetails *details = NULL;
  JsonObject *object;
  gboolean ok = TRUE;

  if (!check_object (node, prefix, error))
    return NULL;

  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL && ok; l = l->next)
    ok = read_details_member (&parts, l->data, json_object_get_member (object, l->data), flags,
                              prefix, error);

  if (ok && parts.customer == NULL)
    clt_json_set_invalid (error, prefix, "customer", _("The customer is missing."));
  else if (ok)
    details = clt_customer_details_new (parts.customer, parts.arrays[0], parts.arrays[1],
                                        parts.arrays[2], parts.arrays[3], parts.arrays[4],
                                        parts.arrays[5], parts.company);

  details_parts_clear (&parts);
  return details;
}

static gpointer
object_from_node (GType          type,
                  JsonNode      *node,
                  CltJsonFlags   flags,
                  gboolean       creating,
                  const char    *prefix,
                  GError       **error)
{
  g_autoptr(GObject) object = NULL;
  TypeInfo *info;

  if (type == CLT_TYPE_IMPORT_REPORT)
    return import_report_from_node (node, prefix, error);
  if (type == CLT_TYPE_CUSTOMER_DETAILS)
    return customer_details_from_node (node, flags, prefix, error);

  info = lookup_type (type);
  g_return_val_if_fail (info != NULL, NULL);

  object = g_object_new (type, NULL);
  if (!apply_members (object, info, node, flags, creating, prefix, error))
    return NULL;

  return g_steal_pointer (&object);
}

/* }}} */

/* Public API {{{ */

static gboolean
is_mapped_type (GType type)
{
  return type == CLT_TYPE_IMPORT_REPORT
         || type == CLT_TYPE_CUSTOMER_DETAILS
         || lookup_type (type) != NULL;
}

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
  g_return_val_if_fail (is_mapped_type (G_OBJECT_TYPE (object)), NULL);

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
      g_return_val_if_fail (is_mapped_type (G_OBJECT_TYPE (object)), NULL);
    }

  return objects_node (objects, flags);
}

/**
 * clt_json_to_object:
 * @type: one of the types clt-json.h lists
 * @node: (nullable): a JSON object
 * @flags: CLT_JSON_READ_ONLY_MEMBERS to take read-only members too
 * @error: CLT_STORE_ERROR_INVALID naming the member at fault
 *
 * Returns: (transfer full) (nullable): a new object of @type
 */
gpointer
clt_json_to_object (GType          type,
                    JsonNode      *node,
                    CltJsonFlags   flags,
                    GError       **error)
{
  g_return_val_if_fail (is_mapped_type (type), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return object_from_node (type, node, flags, TRUE, "", error);
}

/**
 * clt_json_to_array:
 * @type: one of the types clt-json.h lists
 * @node: (nullable): a JSON array of objects
 * @flags: as for clt_json_to_object ()
 * @error: CLT_STORE_ERROR_INVALID naming the element and member at fault
 *
 * Returns: (transfer full) (element-type GObject) (nullable): the objects
 */
GPtrArray *
clt_json_to_array (GType          type,
                   JsonNode      *node,
                   CltJsonFlags   flags,
                   GError       **error)
{
  g_return_val_if_fail (is_mapped_type (type), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_objects (type, node, flags, "", NULL, error);
}

/**
 * clt_json_apply:
 * @object: an object of a type clt-json.h lists (not a report or details)
 * @node: (nullable): a JSON object naming the members to change
 * @flags: as for clt_json_to_object ()
 * @error: CLT_STORE_ERROR_INVALID naming the member at fault
 *
 * Sets the members @node names and nothing else; create-only members
 * (id, code, key, email) are skipped unless @flags has
 * CLT_JSON_READ_ONLY_MEMBERS. Either all of them are set or none.
 *
 * Returns: whether @object took @node
 */
gboolean
clt_json_apply (gpointer       object,
                JsonNode      *node,
                CltJsonFlags   flags,
                GError       **error)
{
  TypeInfo *info;

  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = lookup_type (G_OBJECT_TYPE (object));
  g_return_val_if_fail (info != NULL, FALSE);

  return apply_members (object, info, node, flags, FALSE, "", error);
}

/* }}} */
