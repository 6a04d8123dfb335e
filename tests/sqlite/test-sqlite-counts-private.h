/* test-sqlite-counts-private.h — what the parts of test-sqlite-counts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clt-custom-field.h"
#include "clt-query.h"
#include "clt-sqlite-store-private.h"

#include "sqlite-store-util.h"

G_BEGIN_DECLS

void         assert_counts_exact     (const char         *path);
void         wait_purged             (const char         *path);
void         save_field              (CltStore           *store,
                                      const char         *key,
                                      CltCustomFieldType  type);
void         save_group              (CltStore           *store,
                                      const char         *code);
GVariant    *field_values            (double              score,
                                      const char         *tier,
                                      const char         *flag);
CltCustomer *customer_with           (const char         *email,
                                      const char         *last_name,
                                      GVariant           *fields,
                                      const char * const *groups);
char        *create_with             (CltStore           *store,
                                      const char         *email,
                                      const char         *last_name,
                                      GVariant           *fields,
                                      const char * const *groups);
guint        count_field             (CltSqliteStore     *store,
                                      const char         *key,
                                      CltFieldMatch       match,
                                      const char         *value);
CltCustomer *row_at                  (CltSqliteStore     *store,
                                      CltQuery           *query,
                                      guint               offset);

/* test-sqlite-counts-purge.c */
void         test_counts_field_purge (Fixture            *fixture,
                                      gconstpointer       data);

G_END_DECLS
