/* clt-sqlite-store-counts.c — how many customers have a value of a
 * custom field in a range, from the kept counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * customer_field_counts holds one count per distinct value (schema 7),
 * customer_field_buckets their sums by bucket (schema 11): a sort key's
 * integer part, or its first 10 characters. A bucket never decreases as
 * the key grows, so the buckets strictly between those of the range's two
 * ends hold only values inside it, and every value inside it is in one of
 * them or in an end bucket. A range is counted as the sum of those
 * buckets, plus the values of each end bucket that are in range, read
 * from that end of the range until the bucket changes ("Member 0" at a
 * million customers: 1,000 buckets and one value instead of 100,000
 * values).
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include "clt-sqlite-store-private.h"

/* The bucket of a sort key, as schema 11's triggers compute it. */
#define BUCKET(x) \
  "CASE WHEN typeof (" x ") IN ('integer', 'real') THEN CAST (" x " AS INTEGER)" \
  " ELSE substr (" x ", 1, 10) END"

/* Runs @sql (the field bound to ?1, @lower to ?2 and @upper to ?3 where
 * they are not NULL), adding its first column to @count row by row while
 * its second is true: an end bucket's values, from one end of the range
 * until the bucket changes, or one row of a sum. */
static gboolean
add_count (CltSqliteStore  *self,
           Reader          *reader,
           const char      *sql,
           const char      *key,
           GVariant        *lower,
           GVariant        *upper,
           gint64          *count,
           GError         **error)
{
  g_autoptr(ReaderStmt) stmt = reader_prepare (self, reader, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  if (lower != NULL)
    bind_variant (stmt, 2, lower);
  if (upper != NULL)
    bind_variant (stmt, 3, upper);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && sqlite3_column_int (stmt, 1) != 0)
    *count += sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_db_error (self, error, reader->db, rc);
      return FALSE;
    }

  return TRUE;
}

static gboolean
range_count (CltSqliteStore        *self,
             Reader                *reader,
             const FieldCondition  *condition,
             gint64                *count,
             GError               **error)
{
  *count = 0;

  switch (condition->match)
    {
    case CLT_FIELD_MATCH_PREFIX:
      /* [value, upper) */
      return add_count (self, reader,
                        "SELECT ifnull (sum (n), 0), 1 FROM customer_field_buckets"
                        " WHERE field_key = ?1 AND bucket > " BUCKET ("?2")
                        " AND bucket < " BUCKET ("?3"),
                        condition->key, condition->value, condition->upper, count, error) &&
             add_count (self, reader,
                        "SELECT n, " BUCKET ("sort_key") " = " BUCKET ("?2")
                        " FROM customer_field_counts"
                        " WHERE field_key = ?1 AND sort_key >= ?2 AND sort_key < ?3"
                        " ORDER BY sort_key",
                        condition->key, condition->value, condition->upper, count, error) &&
             add_count (self, reader,
                        "SELECT n, " BUCKET ("sort_key") " = " BUCKET ("?3")
                        " AND " BUCKET ("sort_key") " IS NOT " BUCKET ("?2")
                        " FROM customer_field_counts"
                        " WHERE field_key = ?1 AND sort_key >= ?2 AND sort_key < ?3"
                        " ORDER BY sort_key DESC",
                        condition->key, condition->value, condition->upper, count, error);

    case CLT_FIELD_MATCH_AT_LEAST:
      return add_count (self, reader,
                        "SELECT ifnull (sum (n), 0), 1 FROM customer_field_buckets"
                        " WHERE field_key = ?1 AND bucket > " BUCKET ("?2"),
                        condition->key, condition->value, NULL, count, error) &&
             add_count (self, reader,
                        "SELECT n, " BUCKET ("sort_key") " = " BUCKET ("?2")
                        " FROM customer_field_counts"
                        " WHERE field_key = ?1 AND sort_key >= ?2 ORDER BY sort_key",
                        condition->key, condition->value, NULL, count, error);

    case CLT_FIELD_MATCH_AT_MOST:
      return add_count (self, reader,
                        "SELECT ifnull (sum (n), 0), 1 FROM customer_field_buckets"
                        " WHERE field_key = ?1 AND bucket < " BUCKET ("?3"),
                        condition->key, NULL, condition->value, count, error) &&
             add_count (self, reader,
                        "SELECT n, " BUCKET ("sort_key") " = " BUCKET ("?3")
                        " FROM customer_field_counts"
                        " WHERE field_key = ?1 AND sort_key <= ?3 ORDER BY sort_key DESC",
                        condition->key, NULL, condition->value, count, error);

    case CLT_FIELD_MATCH_EQUALS:
    default:
      return add_count (self, reader,
                        "SELECT ifnull ((SELECT n FROM customer_field_counts"
                        " WHERE field_key = ?1 AND sort_key = ?2), 0), 1",
                        condition->key, condition->value, NULL, count, error);
    }
}

/* Kept with the reader's counts while nothing is committed: a read asks
 * for it to choose its plan and again for its total (a number field
 * >= 5000 at a million customers: 5,000 buckets, ~4.5 M instructions). */
gboolean
field_range_count (CltSqliteStore        *self,
                   Reader                *reader,
                   const FieldCondition  *condition,
                   gint64                *count,
                   GError               **error)
{
  g_autofree char *value = g_variant_print (condition->value, TRUE);
  g_autofree char *upper = condition->upper != NULL ? g_variant_print (condition->upper, TRUE) : NULL;
  g_autofree char *key = g_strdup_printf ("range|%zu:%s|%d|%zu:%s|%s", strlen (condition->key),
                                          condition->key, condition->match, strlen (value), value,
                                          upper != NULL ? upper : "");
  gpointer cached;

  reader_check_version (reader);
  if (g_hash_table_lookup_extended (reader->counts, key, NULL, &cached))
    {
      *count = GPOINTER_TO_SIZE (cached);
      return TRUE;
    }

  if (!range_count (self, reader, condition, count, error))
    return FALSE;

  reader_cache_count (reader, key, *count);
  return TRUE;
}
