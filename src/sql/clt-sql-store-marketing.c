/* clt-sql-store-marketing.c — the segments, coupons and deliveries that
 * imports bring for a customer, read for the customer page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-marketing-record.h"
#include "clt-sql-store-private.h"

static gpointer
read_marketing_row (CltSqlStmt    *stmt,
                    gconstpointer  row_data)
{
  CltMarketingRecord *record = clt_marketing_record_new ();
  g_autoptr(GDateTime) dated = column_date_time (stmt, 4);

  clt_marketing_record_set_kind (record, clt_sql_column_int (stmt, 0));
  clt_marketing_record_set_code (record, column_text (stmt, 1));
  clt_marketing_record_set_name (record, column_text (stmt, 2));
  clt_marketing_record_set_detail (record, column_text (stmt, 3));
  clt_marketing_record_set_date (record, dated);
  clt_marketing_record_set_state (record, clt_sql_column_int (stmt, 5));

  return record;
}

/* What the imports brought of the customer @pk's marketing: segments,
 * coupons, deliveries, each in the order they came. */
gboolean
sql_select_marketing (CltSqlStore *self,
                      CltSqlDb    *db,
                      gint64       pk,
                      GPtrArray  **out,
                      GError     **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;

  stmt = prepare (self, db,
                  "SELECT kind, code, name, detail, dated, state FROM customer_marketing"
                  " WHERE customer_pk = ? ORDER BY kind, pk",
                  error);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int64 (stmt, 1, pk);
  return sql_collect_rows (self, db, stmt, read_marketing_row, NULL, out, error);
}
