/* clt-sql-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-sql-store-private.h"

G_DEFINE_ABSTRACT_TYPE (CltSqlStore, clt_sql_store, G_TYPE_OBJECT)

static void
clt_sql_store_class_init (CltSqlStoreClass *klass)
{
}

static void
clt_sql_store_init (CltSqlStore *self)
{
}
