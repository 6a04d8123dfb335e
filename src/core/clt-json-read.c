/* clt-json-read.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON → objects: every member checked before any is set.
 */

#define G_LOG_DOMAIN "clt-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "clt-address.h"
#include "clt-company.h"
#include "clt-customer-details.h"
#include "clt-customer.h"
#include "clt-email.h"
#include "clt-group.h"
#include "clt-import-report.h"
#include "clt-json-private.h"
#include "clt-marketing-record.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-assisted-session.h"
#include "clt-site.h"

/* The largest integer a double holds exactly: custom field numbers are
 * doubles, so a larger one would silently change on the way in. */
#define MAX_EXACT_INTEGER (G_GINT64_CONSTANT (1) << 53)

/* ISO 8601 dates are short; anything longer is not one. */
#define MAX_DATE_LENGTH 64

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
  GPtrArray *marketing;
} Extras;

static gpointer object_from_node (GType          type,
                                  JsonNode      *node,
                                  CltJsonFlags   flags,
                                  gboolean       creating,
                                  const char    *prefix,
                                  GError       **error);

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
                          _("“%s” must be a whole number from %lld to %lld."),
                          shown, (long long) minimum, (long long) maximum);
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
  else if (g_str_equal (name, "marketing"))
    {
      target = &extras->marketing;
      type = CLT_TYPE_MARKETING_RECORD;
    }
  else
    return TRUE;

  *known = TRUE;
  if (!clt_json_takes (CLT_JSON_ACCESS_CREATE_ONLY, flags, creating))
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
  g_autoptr(GPtrArray) marketing = NULL;
  Extras extras = { NULL, NULL, NULL };
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
      const CltJsonMember *member = clt_json_find_member (G_OBJECT_TYPE (object), name);
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

      if (!clt_json_takes (member->access, flags, creating))
        continue;

      g_array_set_size (pending, pending->len + 1);
      item = &g_array_index (pending, Pending, pending->len - 1);
      item->pspec = member->pspec;
      ok = node_to_value (member->pspec, member_node, prefix, name, &item->value, error);
    }

  addresses = extras.addresses;
  orders = extras.orders;
  marketing = extras.marketing;

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
      if (marketing != NULL)
        replace_contents (clt_customer_get_import_marketing (CLT_CUSTOMER (object)), marketing);
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
  "addresses", "notes", "orders", "emails", "sites", "groups", "assistedBuying", "marketing",
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
    case 6: return CLT_TYPE_ASSISTED_SESSION;
    case 7: return CLT_TYPE_MARKETING_RECORD;
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
  if (details != NULL)
    {
      clt_customer_details_set_assisted_buying (details, parts.arrays[6]);
      clt_customer_details_set_marketing (details, parts.arrays[7]);
    }

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
  if (type == CLT_TYPE_IMPORT_REPORT)
    return import_report_from_node (node, prefix, error);
  if (type == CLT_TYPE_CUSTOMER_DETAILS)
    return customer_details_from_node (node, flags, prefix, error);

  g_return_val_if_fail (clt_json_has_members (type), NULL);

  object = g_object_new (type, NULL);
  if (!apply_members (object, node, flags, creating, prefix, error))
    return NULL;

  return g_steal_pointer (&object);
}

/* Public API {{{ */

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
  g_return_val_if_fail (clt_json_is_mapped_type (type), NULL);
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
  g_return_val_if_fail (clt_json_is_mapped_type (type), NULL);
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
  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (clt_json_has_members (G_OBJECT_TYPE (object)), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return apply_members (object, node, flags, FALSE, "", error);
}

/* }}} */
