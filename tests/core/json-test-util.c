/* json-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "clt-error.h"
#include "clt-json.h"

#include "json-test-util.h"

JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = clt_json_parse (text, strlen (text), 32, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* Through text and back, as a body travels. */
JsonNode *
through_text (JsonNode *node)
{
  g_autofree char *text = clt_json_to_string (node);

  return parse (text);
}

void
assert_invalid (GError     *error,
                const char *field)
{
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
  g_assert_cmpstr (clt_store_error_get_field (error), ==, field);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), >, 0);
}
