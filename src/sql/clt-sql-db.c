/* clt-sql-db.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "clt-sql-db.h"

CltSqlStmt *
clt_sql_prepare (const CltSqlEngine *engine,
                 CltSqlDb           *db,
                 const char         *sql,
                 int                *rc)
{
  gpointer native = NULL;
  CltSqlStmt *stmt;

  *rc = engine->prepare (db, sql, -1, &native, NULL);
  if (*rc != CLT_SQL_OK)
    {
      engine->finalize (native);
      return NULL;
    }

  stmt = g_new (CltSqlStmt, 1);
  stmt->engine = engine;
  stmt->native = native;
  return stmt;
}

void
clt_sql_finalize (CltSqlStmt *stmt)
{
  if (stmt == NULL)
    return;

  stmt->engine->finalize (stmt->native);
  g_free (stmt);
}

gpointer
clt_sql_steal_native (CltSqlStmt *stmt)
{
  gpointer native;

  if (stmt == NULL)
    return NULL;

  native = stmt->native;
  g_free (stmt);
  return native;
}
