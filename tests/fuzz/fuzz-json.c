/* fuzz-json.c — libFuzzer target: untrusted JSON → Clientele's objects.
 *
 * The server reads every body a client sends, and the REST client every
 * answer, through CltJson. The first byte picks the type (and whether
 * read-only members are taken), the rest is the JSON text. Parsing may
 * refuse, never crash; what it accepts writes back out, as a tree and as
 * text that are the same JSON, and that JSON reads back in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "clt-address.h"
#include "clt-backoffice-user.h"
#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer-details.h"
#include "clt-customer.h"
#include "clt-email.h"
#include "clt-error.h"
#include "clt-group.h"
#include "clt-import-report.h"
#include "clt-json.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"

#include "fuzz-util.h"

typedef GType (*TypeFunc) (void);

static const TypeFunc types[] = {
  clt_customer_get_type,
  clt_address_get_type,
  clt_note_get_type,
  clt_site_get_type,
  clt_group_get_type,
  clt_company_get_type,
  clt_custom_field_get_type,
  clt_shop_preferences_get_type,
  clt_customer_details_get_type,
  clt_import_report_get_type,
  clt_order_get_type,
  clt_email_get_type,
  clt_backoffice_user_get_type,
};

/* What the reader refused must be CLT_STORE_ERROR_INVALID. */
static void
check_refusal (const GError *error)
{
  if (!g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID))
    fuzz_fail ("refused with %s %d: %s", g_quark_to_string (error->domain), error->code,
               error->message);
}

static void
check_round_trip (GType        type,
                  gpointer     object,
                  CltJsonFlags flags)
{
  g_autoptr(JsonNode) node = clt_json_from_object (object, flags);
  g_autofree char *from_node = clt_json_to_string (node);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) reparsed = NULL;
  g_autoptr(GObject) again = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  text = clt_json_object_to_text (object, flags, &length);
  if (strlen (text) != length || strcmp (text, from_node) != 0)
    fuzz_fail ("%s: the text writer and the tree differ:\n%s\n%s", g_type_name (type), text,
               from_node);

  reparsed = clt_json_parse (text, length, FUZZ_MAX_DEPTH, &error);
  if (reparsed == NULL)
    fuzz_fail ("%s: its own JSON does not parse (%s): %s", g_type_name (type), error->message,
               text);
  again = clt_json_to_object (type, reparsed, CLT_JSON_READ_ONLY_MEMBERS, &error);
  if (again == NULL)
    fuzz_fail ("%s: its own JSON does not read back (%s): %s", g_type_name (type),
               error->message, text);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  CltJsonFlags flags;
  GType type;

  if (size < 1)
    return 0;

  type = types[(data[0] & 0x7f) % G_N_ELEMENTS (types)] ();
  flags = (data[0] & 0x80) != 0 ? CLT_JSON_READ_ONLY_MEMBERS : CLT_JSON_FLAGS_NONE;

  node = clt_json_parse ((const char *) data + 1, size - 1, FUZZ_MAX_DEPTH,
                         &error);
  if (node == NULL)
    {
      check_refusal (error);
      return 0;
    }

  /* One object (a POST body, an answer). */
  {
    g_autoptr(GObject) object = clt_json_to_object (type, node, flags, &error);

    if (object == NULL)
      {
        check_refusal (error);
        g_clear_error (&error);
      }
    else
      {
        check_round_trip (type, object, CLT_JSON_FLAGS_NONE);
        check_round_trip (type, object, CLT_JSON_WRITABLE_ONLY);
      }
  }

  /* An array of them (a list, an import). */
  {
    g_autoptr(GPtrArray) objects = clt_json_to_array (type, node, flags, &error);

    if (objects == NULL)
      {
        check_refusal (error);
        g_clear_error (&error);
      }
    else
      {
        g_autoptr(JsonNode) out = clt_json_from_array (objects, CLT_JSON_FLAGS_NONE);
        g_autofree char *text = clt_json_array_to_text (objects, CLT_JSON_FLAGS_NONE, NULL);
        g_autofree char *from_node = clt_json_to_string (out);

        if (strcmp (text, from_node) != 0)
          fuzz_fail ("array of %s: the text writer and the tree differ", g_type_name (type));
      }
  }

  /* A PATCH on a fresh object: all or nothing (the report and the details
   * are answers only, never patched). */
  if (type != CLT_TYPE_CUSTOMER_DETAILS && type != CLT_TYPE_IMPORT_REPORT)
  {
    g_autoptr(GObject) object = g_object_new (type, NULL);
    g_autoptr(JsonNode) before = clt_json_from_object (object, CLT_JSON_FLAGS_NONE);

    if (!clt_json_apply (object, node, flags, &error))
      {
        g_autoptr(JsonNode) after = clt_json_from_object (object, CLT_JSON_FLAGS_NONE);

        check_refusal (error);
        g_clear_error (&error);
        if (!json_node_equal (before, after))
          fuzz_fail ("%s: a refused PATCH changed the object", g_type_name (type));
      }
  }

  /* A problem body (the REST client reads any answer as one). */
  {
    static const guint statuses[] = { 400, 401, 403, 404, 409, 412, 413, 422, 429, 500, 503 };
    GError *problem = clt_json_problem_to_error (node, statuses[size % G_N_ELEMENTS (statuses)]);

    if (problem == NULL || problem->domain != CLT_STORE_ERROR)
      fuzz_fail ("a problem body gave no CLT_STORE_ERROR");
    g_error_free (problem);
  }

  /* A change of the feed. */
  {
    g_autofree char *id = NULL;
    CltChangeKind kind;
    gint64 seq;

    if (!clt_json_change_parse (node, &seq, &kind, &id, &error))
      check_refusal (error);
    else if (seq < 0)
      fuzz_fail ("a change with a negative seq was taken");
  }

  return 0;
}
