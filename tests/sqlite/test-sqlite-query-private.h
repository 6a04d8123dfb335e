/* test-sqlite-query-private.h: the tests of test-sqlite-query that live
 * in test-sqlite-query-fields.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sqlite-store-util.h"

G_BEGIN_DECLS

void test_custom_field_values       (Fixture       *fixture,
                                     gconstpointer  data);
void test_custom_field_values_pages (Fixture       *fixture,
                                     gconstpointer  data);

G_END_DECLS
