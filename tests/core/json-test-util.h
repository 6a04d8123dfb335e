/* json-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *parse          (const char *text);
JsonNode *through_text   (JsonNode   *node);
void      assert_invalid (GError     *error,
                          const char *field);

G_END_DECLS
