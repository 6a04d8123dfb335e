/* clt-sqlite-store-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include <math.h>

#include "clt-sqlite-store-private.h"

/* Indexed column per CltSortKey (each indexed as (listed, column); see
 * clt-sqlite-schema.c). */
static const char * const sort_columns[CLT_N_SORT_KEYS] = {
  [CLT_SORT_KEY_NUMBER]     = "c.number_key",
  [CLT_SORT_KEY_REGISTERED] = "c.registered",
  [CLT_SORT_KEY_EMAIL]      = "c.email_key",
  [CLT_SORT_KEY_LAST_NAME]  = "c.last_name_key",
  [CLT_SORT_KEY_FIRST_NAME] = "c.first_name_key",
  [CLT_SORT_KEY_COMPANY]    = "c.company_key",
  [CLT_SORT_KEY_ZIP_CODE]   = "c.zip_key",
  [CLT_SORT_KEY_CITY]       = "c.city_key",
  [CLT_SORT_KEY_COUNTRY]    = "c.country",
  [CLT_SORT_KEY_STATUS]     = "c.status_rank",
  [CLT_SORT_KEY_SITE]       = "c.preferred_site",
};

/* Queries {{{ */

typedef struct
{
  CltQuery     *query;
  guint         offset;
  guint         limit;
  CltListFlags  flags;
  char         *id;
} CustomersData;

static void
customers_data_free (CustomersData *data)
{
  g_clear_object (&data->query);
  g_free (data->id);
  g_free (data);
}

static gboolean
reader_has_pending_deletions (CltSqliteStore *self,
                              Reader         *reader)
{
  g_autoptr(ReaderStmt) stmt = reader_prepare (self, reader,
                                               "SELECT EXISTS (SELECT 1 FROM pending_deletions)",
                                               NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}

/* Whether @query narrows nothing but by its search text. */
static gboolean
only_text_filters (CltQuery *query)
{
  g_autoptr(CltQuery) plain = clt_query_copy (query);

  clt_query_set_search_text (plain, "");
  return clt_query_is_unfiltered (plain);
}

/* Whether @query narrows nothing but by text, group and custom fields
 * (what a rowset holds). */
static gboolean
only_set_filters (CltQuery *query)
{
  return clt_query_get_status (query) == CLT_STATUS_FILTER_ANY &&
         clt_query_get_company (query)[0] == '\0' &&
         clt_query_get_site (query)[0] == '\0' &&
         clt_query_get_country (query)[0] == '\0' &&
         clt_query_get_registered_from (query) == NULL &&
         clt_query_get_registered_until (query) == NULL;
}

/* What a reader caches is good while nothing was committed since it was
 * computed (PRAGMA data_version). */
void
reader_check_version (Reader *reader)
{
  gint64 version = reader_data_version (reader);

  if (version != reader->data_version)
    {
      g_hash_table_remove_all (reader->counts);
      g_hash_table_remove_all (reader->anchors);
      g_hash_table_remove_all (reader->rowsets);
      reader->data_version = version;
    }
}

/* Page anchors {{{ */

/* A deep page by OFFSET walks every index entry before it: at a million
 * customers a page in the middle costs ~50 ms. Anchors remember the sort
 * key and rowid of every ANCHOR_STRIDEth row of one filter and order, made
 * by one walk of the index; a deep page then starts from the anchor before
 * it ((key, pk) >= anchor, a seek) and skips fewer than ANCHOR_STRIDE
 * rows. They are kept per reader until something is committed. */
#define ANCHOR_STRIDE      256
#define ANCHOR_MIN_OFFSET  (4 * ANCHOR_STRIDE)
#define MAX_ANCHOR_SETS    16

struct _Anchors
{
  GPtrArray *keys;   /* GVariant (int64 or string), NULL for SQL NULL */
  GArray    *pks;    /* gint64 */
};

static void
variant_unref0 (GVariant *variant)
{
  if (variant != NULL)
    g_variant_unref (variant);
}

void
anchors_free (Anchors *anchors)
{
  g_ptr_array_unref (anchors->keys);
  g_array_unref (anchors->pks);
  g_free (anchors);
}

static GVariant *
column_variant (sqlite3_stmt *stmt,
                int           column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_INTEGER:
      return g_variant_ref_sink (g_variant_new_int64 (sqlite3_column_int64 (stmt, column)));
    case SQLITE_FLOAT:
      return g_variant_ref_sink (g_variant_new_double (sqlite3_column_double (stmt, column)));
    case SQLITE_NULL:
      return NULL;
    default:
      return g_variant_ref_sink (g_variant_new_string ((const char *) sqlite3_column_text (stmt, column)));
    }
}

/* One walk along a sort order: the rows of @from meeting @head (each "%+"
 * in it becomes "+" when the walk must not lead by an index) and
 * the filter, in the order (@column, @pk). @field_key, when set, is bound
 * to the one "?" of @head, before the filter's parameters. @row_pk, when
 * set, stands for c.pk in the filter: the walk does not join customers.
 * @range, when set, is a condition on the walked field's values (v) that
 * the walk starts and stops by, bound after @field_key. */
typedef struct
{
  const char           *from;
  const char           *head;
  const char           *column;
  const char           *pk;
  const char           *field_key;
  const char           *row_pk;
  const FieldCondition *range;
} Walk;

static char *
walk_head (const Walk *walk,
           gboolean    plus)
{
  static const char * const range_ops[] = {
    [CLT_FIELD_MATCH_EQUALS]   = " AND v.sort_key = ?",
    [CLT_FIELD_MATCH_PREFIX]   = " AND v.sort_key >= ? AND v.sort_key < ?",
    [CLT_FIELD_MATCH_AT_LEAST] = " AND v.sort_key >= ?",
    [CLT_FIELD_MATCH_AT_MOST]  = " AND v.sort_key <= ?",
  };
  GString *head = g_string_new (walk->head);

  g_string_replace (head, "%+", plus ? "+" : "", 0);
  if (walk->range != NULL)
    g_string_append (head, range_ops[walk->range->match]);
  return g_string_free (head, FALSE);
}

/* The filter's conditions as @walk tests them. */
static char *
walk_where (const Walk *walk,
            Filter     *filter)
{
  GString *where = g_string_new (filter->where->str);

  if (walk->row_pk != NULL)
    g_string_replace (where, "c.pk", walk->row_pk, 0);
  return g_string_free (where, FALSE);
}

static int
walk_bind (const Walk   *walk,
           sqlite3_stmt *stmt,
           Filter       *filter)
{
  int next = 1;

  if (walk->field_key != NULL)
    bind_text (stmt, next++, walk->field_key);
  if (walk->range != NULL)
    {
      bind_variant (stmt, next++, walk->range->value);
      if (walk->range->upper != NULL)
        bind_variant (stmt, next++, walk->range->upper);
    }
  filter_bind (filter, stmt, next);

  return next + (int) filter->params->len;
}

/* The anchors of @filter along @walk in direction @dir, made when missing.
 * NULL with @error unset: none to be had (the walk was cancelled). */
static Anchors *
reader_anchors (CltSqliteStore *self,
                Reader         *reader,
                Filter         *filter,
                const Walk     *walk,
                const char     *dir,
                GError        **error)
{
  g_autofree char *cache_key = g_strdup_printf ("%s|%s|%s|%s|%s|%s", filter->key->str, walk->from,
                                                walk->head, walk->column,
                                                walk->field_key != NULL ? walk->field_key : "", dir);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *head = walk_head (walk, FALSE);
  g_autofree char *where = walk_where (walk, filter);
  Anchors *anchors;
  gint64 row = 0;
  int rc;

  reader_check_version (reader);
  anchors = g_hash_table_lookup (reader->anchors, cache_key);
  if (anchors != NULL)
    return anchors;

  sql = g_strdup_printf ("SELECT %s, %s FROM %s WHERE %s%s ORDER BY %s %s, %s %s",
                         walk->column, walk->pk, walk->from, head, where,
                         walk->column, dir, walk->pk, dir);
  stmt = prepare (self, reader->db, sql, error);
  if (stmt == NULL)
    return NULL;
  walk_bind (walk, stmt, filter);

  anchors = g_new0 (Anchors, 1);
  anchors->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) variant_unref0);
  anchors->pks = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (row++ % ANCHOR_STRIDE == 0)
        {
          gint64 pk = sqlite3_column_int64 (stmt, 1);

          g_ptr_array_add (anchors->keys, column_variant (stmt, 0));
          g_array_append_val (anchors->pks, pk);
        }
    }

  if (rc != SQLITE_DONE)
    {
      anchors_free (anchors);
      set_db_error (self, error, reader->db, rc);
      return NULL;
    }

  if (g_hash_table_size (reader->anchors) >= MAX_ANCHOR_SETS)
    g_hash_table_remove_all (reader->anchors);
  g_hash_table_insert (reader->anchors, g_steal_pointer (&cache_key), anchors);
  return anchors;
}

/* }}} */

/* Keeps @count under @key until something is committed (see
 * reader_check_version ()). */
void
reader_cache_count (Reader     *reader,
                    const char *key,
                    gint64      count)
{
  if (g_hash_table_size (reader->counts) >= MAX_COUNT_CACHE)
    g_hash_table_remove_all (reader->counts);
  g_hash_table_insert (reader->counts, g_strdup (key), GSIZE_TO_POINTER (count));
}

/* Counts per reader connection, kept while nothing was committed since
 * (PRAGMA data_version): typing a letter and deleting it again, or paging
 * through one query, counts once. */
static gboolean
count_query (CltSqliteStore *self,
             Reader         *reader,
             CltQuery       *query,
             GPtrArray      *conditions,
             Rowset         *rowset,
             const Walk     *walk,
             gboolean        hide_pending,
             gint64         *count,
             GError        **error)
{
  g_autoptr(ReaderStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  Filter filter;
  gpointer cached;
  int rc;

  /* The rowset holds every condition: its length is the count. */
  if (rowset != NULL && walk == NULL && !hide_pending && only_set_filters (query) &&
      (conditions == NULL || rowset_holds_fields (rowset)))
    {
      *count = rowset_get_length (rowset);
      return TRUE;
    }

  filter_init (&filter, query, conditions, rowset, FALSE, FALSE, hide_pending);

  /* The rows of one walk only (those with a value for a sorted field). */
  if (walk != NULL)
    {
      g_clear_pointer (&filter.fast_count_sql, g_free);
      g_string_append_printf (filter.key, "|%s|%s|%s", walk->from, walk->head,
                              walk->field_key != NULL ? walk->field_key : "");
    }

  reader_check_version (reader);

  if (g_hash_table_lookup_extended (reader->counts, filter.key->str, NULL, &cached))
    {
      *count = GPOINTER_TO_SIZE (cached);
      filter_clear (&filter);
      return TRUE;
    }

  /* A lone custom field condition: by buckets of values (schema 11). */
  if (walk == NULL && filter.fast_count_sql != NULL && filter.fast_count_range != NULL)
    {
      if (!field_range_count (self, reader, filter.fast_count_range, count, error))
        {
          filter_clear (&filter);
          return FALSE;
        }
      reader_cache_count (reader, filter.key->str, *count);
      filter_clear (&filter);
      return TRUE;
    }

  if (walk != NULL && walk->row_pk != NULL && filter.where->len == 0)
    /* Every customer with a value of the field: its buckets' counts
     * (schema version 11), a few entries per thousand distinct values
     * where the counts of version 7 held one each (sorted by a text of
     * 500,000 distinct values at a million customers), and the values
     * without a sort key (none is written so; an old file may hold
     * some), which they leave out. */
    sql = g_strdup ("SELECT ifnull (sum (n), 0) + (SELECT count(*) FROM customer_field_values"
                    "  WHERE field_key = ?1 AND sort_key IS NULL)"
                    " FROM customer_field_buckets WHERE field_key = ?1");
  else if (walk != NULL)
    {
      g_autofree char *head = walk_head (walk, filter.has_text || filter.has_fields);
      g_autofree char *where = walk_where (walk, &filter);

      sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s%s", walk->from, head, where);
    }
  else if (filter.fast_count_sql != NULL)
    sql = g_strdup (filter.fast_count_sql);
  else if (filter.where->len == 0)
    /* Counting the b-tree's cells is much faster than walking an index. */
    sql = g_strdup ("SELECT (SELECT count(*) FROM customers)"
                    " - (SELECT count(*) FROM customers WHERE anonymized_at IS NOT NULL)");
  else
    /* With searched text, the matches drive: "+" keeps SQLite from
     * walking an index led by "listed" (every row has listed = 1). */
    sql = g_strdup_printf ("SELECT count(*) FROM customers c WHERE %sc.listed = 1%s",
                           filter.has_text || filter.has_fields ? "+" : "", filter.where->str);

  stmt = reader_prepare (self, reader, sql, error);
  if (stmt == NULL)
    {
      filter_clear (&filter);
      return FALSE;
    }

  if (walk != NULL)
    walk_bind (walk, stmt, &filter);
  else if (filter.fast_count_params != NULL)
    bind_params (stmt, filter.fast_count_params, 1);
  else if (filter.fast_count_sql != NULL)
    bind_text (stmt, 1, filter.fast_count_param);
  else
    filter_bind (&filter, stmt, 1);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, reader->db, rc);
      filter_clear (&filter);
      return FALSE;
    }

  *count = sqlite3_column_int64 (stmt, 0);

  reader_cache_count (reader, filter.key->str, *count);
  filter_clear (&filter);

  return TRUE;
}

/* The query's custom field filters, each value read by its field's type;
 * a field that does not exist, or a value its type cannot hold, is
 * INVALID. Checks the sort field too. */
static gboolean
resolve_field_filters (CltSqliteStore  *self,
                       Reader          *reader,
                       CltQuery        *query,
                       GPtrArray      **out,
                       GError         **error)
{
  g_autoptr(GPtrArray) conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) field_condition_free);
  g_autoptr(ReaderStmt) lookup = NULL;
  const char *sort_field = clt_query_get_sort_field (query);
  guint n = clt_query_get_n_field_filters (query);

  if (n == 0 && sort_field[0] == '\0')
    {
      *out = NULL;
      return TRUE;
    }

  lookup = reader_prepare (self, reader, "SELECT type FROM custom_fields WHERE key = ? AND purging = 0", error);
  if (lookup == NULL)
    return FALSE;

  for (guint i = 0; i <= n; i++)
    {
      g_autoptr(GVariant) value = NULL;
      g_autofree char *message = NULL;
      CltFieldMatch match = CLT_FIELD_MATCH_EQUALS;
      const char *text = NULL;
      const char *key;
      FieldCondition *condition;
      CltCustomFieldType type;
      int rc;

      /* The sort field last: only that it exists. */
      key = i < n ? clt_query_get_field_filter (query, i, &match, &text) : sort_field;
      if (key[0] == '\0')
        continue;

      sqlite3_reset (lookup);
      bind_text (lookup, 1, key);
      rc = sqlite3_step (lookup);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          set_db_error (self, error, reader->db, rc);
          return FALSE;
        }
      if (rc == SQLITE_DONE)
        {
          g_propagate_error (error, clt_store_error_new_invalid (i < n ? "field-filters" : "sort-field",
                                                                 _("There is no custom field “%s”."),
                                                                 key));
          return FALSE;
        }
      if (i == n)
        break;

      type = sqlite3_column_int (lookup, 0);
      value = clt_custom_field_parse_filter_value (type, match, text, &message);
      if (value == NULL)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("field-filters", "%s: %s",
                                                                 key, message));
          return FALSE;
        }

      condition = g_new0 (FieldCondition, 1);
      condition->key = g_strdup (key);
      condition->match = match;
      condition->value = g_variant_ref_sink (g_steal_pointer (&value));
      /* The types customer_group_field_counts holds (2 and 4). */
      G_STATIC_ASSERT (CLT_CUSTOM_FIELD_BOOLEAN == 2 && CLT_CUSTOM_FIELD_CHOICE == 4);
      condition->paired = type == CLT_CUSTOM_FIELD_BOOLEAN || type == CLT_CUSTOM_FIELD_CHOICE;
      if (match == CLT_FIELD_MATCH_PREFIX)
        {
          /* U+10FFFF sorts after any character a prefix is followed by. */
          g_autofree char *upper = g_strconcat (g_variant_get_string (condition->value, NULL),
                                                "\xf4\x8f\xbf\xbf", NULL);

          condition->upper = g_variant_ref_sink (g_variant_new_string (upper));
        }
      g_ptr_array_add (conditions, condition);
    }

  *out = conditions->len > 0 ? g_steal_pointer (&conditions) : NULL;
  return TRUE;
}

/* Appends up to @limit rowids of @walk from @offset to @pks. A deep page
 * of a dense walk starts from its anchor. */
static gboolean
walk_page (CltSqliteStore *self,
           Reader         *reader,
           const Walk     *walk,
           Filter         *filter,
           gboolean        dense,
           gboolean        descending,
           gint64          offset,
           gint64          limit,
           GArray         *pks,
           GError        **error)
{
  const char *dir = descending ? "DESC" : "ASC";
  g_autoptr(ReaderStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *head = walk_head (walk, !dense);
  g_autofree char *where = walk_where (walk, filter);
  GVariant *anchor_key = NULL;
  gint64 anchor_pk = 0;
  gint64 anchor_offset = 0;
  int next_param;
  int rc;

  if (dense && !filter->has_text && offset >= ANCHOR_MIN_OFFSET)
    {
      g_autoptr(GError) anchor_error = NULL;
      Anchors *anchors = reader_anchors (self, reader, filter, walk, dir, &anchor_error);
      guint index = offset / ANCHOR_STRIDE;

      if (anchor_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&anchor_error));
          return FALSE;
        }
      if (anchors != NULL && anchors->pks->len > 0)
        {
          index = MIN (index, anchors->pks->len - 1);
          anchor_key = g_ptr_array_index (anchors->keys, index);
          anchor_pk = g_array_index (anchors->pks, gint64, index);
          anchor_offset = (gint64) index * ANCHOR_STRIDE;
        }
      /* SQL NULL compares to nothing: such a page walks as before. */
      if (anchor_key == NULL)
        anchor_offset = 0;
    }

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s%s%s%s%s%s%s"
                         " ORDER BY %s%s %s, %s %s LIMIT ? OFFSET ?",
                         walk->pk, walk->from, head, where,
                         anchor_key != NULL ? " AND (" : "",
                         anchor_key != NULL ? walk->column : "",
                         anchor_key != NULL ? ", " : "",
                         anchor_key != NULL ? walk->pk : "",
                         anchor_key != NULL ? (descending ? ") <= (?, ?)" : ") >= (?, ?)") : "",
                         dense ? "" : "+", walk->column, dir, walk->pk, dir);

  stmt = reader_prepare (self, reader, sql, error);
  if (stmt == NULL)
    return FALSE;

  next_param = walk_bind (walk, stmt, filter);
  if (anchor_key != NULL)
    {
      bind_variant (stmt, next_param++, anchor_key);
      sqlite3_bind_int64 (stmt, next_param++, anchor_pk);
    }
  sqlite3_bind_int64 (stmt, next_param++, limit);
  sqlite3_bind_int64 (stmt, next_param, offset - anchor_offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pk = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (pks, pk);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, reader->db, rc);
      return FALSE;
    }

  return TRUE;
}

/* Whether one of @conditions (may be NULL) is on the custom field @key. */
static gboolean
conditions_on_field (GPtrArray  *conditions,
                     const char *key)
{
  for (guint i = 0; conditions != NULL && i < conditions->len; i++)
    {
      FieldCondition *condition = g_ptr_array_index (conditions, i);

      if (g_str_equal (condition->key, key))
        return TRUE;
    }

  return FALSE;
}

#define MAX_READER_STMTS  64

/* Two steps: the page's rowids first, which for the plain table walks
 * only the sort index (a deep OFFSET then skips index entries, not rows),
 * then the rows themselves by rowid. One read transaction holds all.
 *
 * With searched text or custom field filters the plan depends on how many
 * rows match: walking the sort index and testing each row finds a page
 * quickly when matches are dense; when they are sparse it would test the
 * whole table, and collecting the matches and sorting them is cheaper.
 * The (cached) count decides. Full-text queries, and two or more of
 * text, group and custom field conditions, are collected once per read
 * into a rowset (clt-sqlite-store-rowset.c): its length is the count, the
 * dense walk tests clt_rowset_has (c.pk), the sparse one starts from its
 * rowids. For the sparse case "+" on listed and on the
 * ORDER BY column keeps SQLite from walking an index led by "listed"
 * (which every row satisfies) instead of starting from the matches.
 *
 * Sorted by a custom field, the list is two walks: the customers with a
 * value, along (field_key, sort_key, customer_pk) of the values' index,
 * then those without one by rowid; the count of the first says where the
 * second starts. */
static gboolean
list_customers_read (CltSqliteStore *self,
                     Reader         *reader,
                     gpointer        user_data,
                     GCancellable   *cancellable,
                     GTask          *task,
                     GError        **error)
{
  CustomersData *data = user_data;
  CltSortKey key = clt_query_get_sort_key (data->query);
  const char *sort_field = clt_query_get_sort_field (data->query);
  gboolean descending = clt_query_get_sort_direction (data->query) == CLT_SORT_DESCENDING;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) conditions = NULL;
  g_autoptr(GArray) pks = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(Rowset) rowset = NULL;
  const FieldCondition *walk_range = NULL;
  Filter filter;
  gboolean dense = TRUE;
  gboolean probe = FALSE;
  gint64 short_limit = G_MAXINT64;
  double walk_rows;
  gint64 n_total = 0;   /* every listed customer, when filtered */
  gboolean filtered;
  gint64 total = -1;
  gboolean hide_pending;
  gboolean ok;

  if ((guint) key >= CLT_N_SORT_KEYS)
    key = CLT_SORT_KEY_NUMBER;

  if (!exec_sql (self, reader->db, "BEGIN", error))
    return FALSE;

  /* Statements are kept for the connection's life, bounded here (none
   * is in use between reads): walks and counts differ by filter. */
  if (g_hash_table_size (reader->stmts) > MAX_READER_STMTS)
    g_hash_table_remove_all (reader->stmts);

  if (!resolve_field_filters (self, reader, data->query, &conditions, error))
    {
      sqlite3_exec (reader->db, "COMMIT", NULL, NULL, NULL);
      return FALSE;
    }

  /* Asked once per read (in its snapshot), for every count and the page. */
  hide_pending = reader_has_pending_deletions (self, reader);
  filtered = clt_query_get_search_text (data->query)[0] != '\0' || conditions != NULL ||
             clt_query_get_group (data->query)[0] != '\0';

  if (filtered)
    {
      g_autoptr(CltQuery) everyone = clt_query_new ();

      /* A short word's matches are collected (~0.8k instructions each)
       * rather than probed along the walk (a lookup per row walked, ~5k
       * more than the rowset's test) while
       * n × 0.8k < (offset + limit) × total / n × 5k: up to ~24,000
       * matches for the first page of 100 at a million customers ("mu":
       * 17,000 matches, 54 M instructions probed, 30 M collected). */
      if (!count_query (self, reader, everyone, NULL, NULL, NULL, hide_pending, &n_total, error))
        {
          sqlite3_exec (reader->db, "COMMIT", NULL, NULL, NULL);
          return FALSE;
        }
      short_limit = (gint64) (2.4 * sqrt ((double) (data->offset + data->limit) * (double) n_total));
    }

  /* The kept counts give the total (no pending deletions, only set
   * conditions) and the walk is not along the condition's own field. */
  walk_rows = -1;
  if (filtered && !hide_pending && only_set_filters (data->query) &&
      !(sort_field[0] != '\0' && conditions_on_field (conditions, sort_field)))
    walk_rows = (double) (data->offset + data->limit) * (double) n_total;

  /* Filtered on the sorted field alone: the condition's range leads the
   * walk along the field's values, which stops past it. The matches
   * were collected and sorted, or the walk passed every value before
   * them (f01 >= 9990 sorted by f01 at a million customers: 1,000
   * matches, ~6 M instructions sorted each time the count or a page is
   * read). */
  if (sort_field[0] != '\0' && conditions != NULL && conditions->len == 1 &&
      only_set_filters (data->query) && clt_query_get_search_text (data->query)[0] == '\0' &&
      clt_query_get_group (data->query)[0] == '\0' && conditions_on_field (conditions, sort_field))
    walk_range = g_ptr_array_index (conditions, 0);

  if (walk_range == NULL &&
      !reader_rowset (self, reader, data->query, conditions, short_limit, walk_rows, n_total,
                      &rowset, error))
    {
      sqlite3_exec (reader->db, "COMMIT", NULL, NULL, NULL);
      return FALSE;
    }
  reader->rowset = rowset;

  if (filtered)
    {
      gint64 n_matches = 0;

      if (!count_query (self, reader, data->query, conditions, rowset, NULL, hide_pending,
                        &n_matches, error))
        {
          sqlite3_exec (reader->db, "COMMIT", NULL, NULL, NULL);
          reader->rowset = NULL;
          return FALSE;
        }

      /* Walking: about (offset + limit) * total / matches rows tested;
       * sorting: about matches rows fetched and sorted. */
      double walked = (double) (data->offset + data->limit) * (double) n_total
                      / (double) MAX (n_matches, 1);

      /* Filtered on the sorted field itself, the matches are one stretch
       * of the sort order, maybe at its far end: the walk may pass every
       * other row first (f01 >= 9990 sorted by f01 walked a million). */
      if (walk_range != NULL)
        walked = (double) (data->offset + data->limit);
      else if (sort_field[0] != '\0' && conditions_on_field (conditions, sort_field))
        walked = (double) (n_total - n_matches) + (double) (data->offset + data->limit);

      /* With a rowset, a row walked costs a step of the index and
       * clt_rowset_has () (~1.1k instructions), a match sorted ~6k, and
       * its table row, one page at random (the readers' cache is 2 MB),
       * where the walk reads index pages in order: at a million customers
       * "o'brien" (4,249 matches, 23,500 rows walked) costs the same
       * instructions either way, 13 ms walked against 35 ms sorted.
       * Sorted by a custom field with only set conditions, the walk reads
       * the values' index alone, in order, where each match sorted is a
       * lookup in the values' primary key, a random page of a table of
       * 20 rows a customer: at a million customers f10 "1999-12" sorted
       * by f01 (1,668 matches, ~60,000 rows walked for the first page)
       * read 2,878 pages and took 11.7-13.6 ms of CPU sorted, 319 pages
       * and 4.2-4.4 ms walked, though the walk runs 43 M instructions
       * against 12 M: ~0.07 µs a row walked, ~7 µs a match sorted, of
       * which ~3.5 µs are its page reads (a pread from the page cache
       * costs ~2.9 µs of CPU on the 2-core machines). Even at a third of
       * that a match sorted costs ~65 rows walked: 40× keeps a margin. */
      if (rowset == NULL)
        dense = walked < 4.0 * (double) n_matches;
      else if (sort_field[0] != '\0' && only_set_filters (data->query))
        dense = walked < 40.0 * (double) n_matches;
      else
        dense = walked < 10.0 * (double) n_matches;
      /* Collecting the matches of a short word costs about a third of
       * a lookup each (measured at 100,000 customers: "m" 19,733 matches,
       * 500 rows walked). */
      probe = dense && (double) n_matches > 3.0 * walked;

      /* Text that every customer matches ("example", the number prefix)
       * filters nothing: skip collecting a million matches. */
      if (n_matches == n_total && only_text_filters (data->query))
        {
          g_autoptr(CltQuery) plain = clt_query_copy (data->query);

          clt_query_set_search_text (plain, "");
          g_set_object (&data->query, plain);
          reader->rowset = NULL;
          g_clear_pointer (&rowset, rowset_unref);
        }
    }

  /* Superseded while counting (the progress handler stops only long
   * statements): the page is not wanted any more. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      sqlite3_exec (reader->db, "COMMIT", NULL, NULL, NULL);
      reader->rowset = NULL;
      return FALSE;
    }

  filter_init (&filter, data->query, conditions, rowset, dense, probe, hide_pending);

  if (sort_field[0] == '\0')
    {
      Walk walk = { "customers c", "%+c.listed = 1", sort_columns[key], "c.pk", NULL, NULL };

      ok = walk_page (self, reader, &walk, &filter, dense, descending, data->offset, data->limit,
                      pks, error);
    }
  else
    {
      /* CROSS JOIN fixes which side leads: the values' index in sort
       * order when walking, the matching customers otherwise. A walk
       * whose conditions name no column of the customer but its rowid
       * (text, group, custom fields, pending deletions) does not join the
       * customers at all: only listed customers have values (anonymizing
       * drops them), and fetching a customer's row for each value walked
       * was half the cost of a page (1,700 rows of a 2.4 GB file for a
       * page of a 3 % group at a million customers). Nor does a sparse
       * one: each match is then looked up by its values' primary key
       * alone, not by the customer's row first (f10 "1999-12" sorted by
       * f01: 2,600 matches, 15.9 M instructions walked with the
       * customers' rows, 11.2 M without). */
      gboolean values_only = only_set_filters (data->query);
      Walk with_value = {
        values_only ? "customer_field_values v"
        : dense ? "customer_field_values v CROSS JOIN customers c ON c.pk = v.customer_pk"
                : "customers c CROSS JOIN customer_field_values v ON v.customer_pk = c.pk",
        values_only ? "v.field_key = ?" : "v.field_key = ? AND +c.listed = 1",
        "v.sort_key", "v.customer_pk", sort_field, values_only ? "v.customer_pk" : NULL,
        walk_range
      };
      Walk without_value = {
        "customers c",
        "+c.listed = 1 AND NOT EXISTS (SELECT 1 FROM customer_field_values v"
        " WHERE v.customer_pk = c.pk AND v.field_key = ?)", "c.pk", "c.pk", sort_field, NULL
      };

      ok = walk_page (self, reader, &with_value, &filter, dense, descending, data->offset,
                      data->limit, pks, error);
      /* A condition on the sorted field itself wants a value: walking the
       * customers without one would test them all for nothing. */
      if (ok && pks->len < data->limit && !conditions_on_field (conditions, sort_field))
        {
          gint64 rest_offset = 0;
          gint64 n_with = 0;

          /* Past the last value: where the customers without one start. */
          if (pks->len == 0)
            {
              ok = count_query (self, reader, data->query, conditions, rowset, &with_value,
                                hide_pending,
                                &n_with, error);
              rest_offset = MAX (0, (gint64) data->offset - n_with);
            }
          if (ok)
            ok = walk_page (self, reader, &without_value, &filter, dense, descending, rest_offset,
                            data->limit - pks->len, pks, error);
        }
    }
  filter_clear (&filter);

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (ok)
    ok = fetch_customers (self, reader, pks, &customers, error);

  /* The total from the same snapshot as the rows. */
  if (ok && (data->flags & CLT_LIST_FLAGS_WITH_TOTAL) != 0)
    ok = count_query (self, reader, data->query, conditions, rowset, NULL, hide_pending, &total,
                      error);

  sqlite3_exec (reader->db, "COMMIT", NULL, NULL, NULL);
  reader->rowset = NULL;
  if (!ok)
    return FALSE;

  g_task_return_pointer (task,
                         clt_customer_rows_new (g_steal_pointer (&customers),
                                                total >= 0 ? (guint) MIN (total, G_MAXUINT - 1)
                                                           : CLT_TOTAL_UNKNOWN),
                         (GDestroyNotify) clt_customer_rows_free);
  return TRUE;
}

static void
clt_sqlite_store_list_customers (CltStore            *store,
                                 CltQuery            *query,
                                 guint                page_index,
                                 guint                page_size,
                                 CltListFlags         flags,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CustomersData *data;
  GError *error = NULL;

  if (!clt_validate_list_request (page_index, page_size, query, &error))
    {
      return_invalid (store, clt_sqlite_store_list_customers, error, cancellable, callback,
                      user_data);
      return;
    }

  data = g_new0 (CustomersData, 1);
  data->query = clt_query_copy (query);
  data->offset = page_index * page_size;
  data->limit = page_size;
  data->flags = flags;
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_customers, list_customers_read,
            data, (GDestroyNotify) customers_data_free, cancellable, callback, user_data);
}

static gboolean
get_customer_read (CltSqliteStore *self,
                   Reader         *reader,
                   gpointer        user_data,
                   GCancellable   *cancellable,
                   GTask          *task,
                   GError        **error)
{
  CustomersData *data = user_data;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, reader->db,
                  "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.id = ?", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, data->id);
  if (!select_customers (self, reader->db, stmt, &customers, error))
    return FALSE;

  if (customers->len == 0)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                   _("The customer no longer exists."));
      return FALSE;
    }

  g_task_return_pointer (task, g_object_ref (g_ptr_array_index (customers, 0)), g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_get_customer (CltStore            *store,
                               const char          *customer_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CustomersData *data = g_new0 (CustomersData, 1);

  data->id = g_strdup (customer_id);
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_get_customer, get_customer_read,
            data, (GDestroyNotify) customers_data_free, cancellable, callback, user_data);
}

/* One read for the customer page: everything it shows from one snapshot,
 * where a REST back end answers one request. */
static gboolean
get_customer_details_read (CltSqliteStore *self,
                           Reader         *reader,
                           gpointer        user_data,
                           GCancellable   *cancellable,
                           GTask          *task,
                           GError        **error)
{
  CustomersData *data = user_data;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) assisted_buying = NULL;
  g_autoptr(GPtrArray) marketing = NULL;
  g_autoptr(CltCompany) company = NULL;
  CltCustomerDetails *details;
  gboolean ok;
  gint64 pk;

  if (!exec_sql (self, reader->db, "BEGIN", error))
    return FALSE;

  ok = lookup_customer_pk (self, reader->db, data->id, &pk, error) &&
       read_customer_by_pk (self, reader->db, pk, &customer, error) &&
       select_customer_list (self, reader->db, CUSTOMER_ADDRESSES, pk, data->id, &addresses, error) &&
       select_customer_list (self, reader->db, CUSTOMER_NOTES, pk, data->id, &notes, error) &&
       select_customer_list (self, reader->db, CUSTOMER_ORDERS, pk, data->id, &orders, error) &&
       select_emails (self, reader->db, pk, data->id, &emails, error) &&
       select_customer_shop_data (self, reader->db, pk, clt_customer_get_company_id (customer),
                                  &sites, &groups, &company, error) &&
       select_assisted_sessions (self, reader->db, pk, &assisted_buying, error) &&
       select_marketing (self, reader->db, pk, &marketing, error);

  sqlite3_exec (reader->db, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return FALSE;

  details = clt_customer_details_new (customer, addresses, notes, orders, emails, sites, groups,
                                      company);
  clt_customer_details_set_assisted_buying (details, assisted_buying);
  clt_customer_details_set_marketing (details, marketing);
  g_task_return_pointer (task, details, g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_get_customer_details (CltStore            *store,
                                       const char          *customer_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  CustomersData *data = g_new0 (CustomersData, 1);

  data->id = g_strdup (customer_id);
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_get_customer_details,
            get_customer_details_read, data, (GDestroyNotify) customers_data_free,
            cancellable, callback, user_data);
}

/* }}} */

void
clt_sqlite_store_query_iface_init (CltStoreInterface *iface)
{
  iface->list_customers = clt_sqlite_store_list_customers;
  iface->get_customer = clt_sqlite_store_get_customer;
  iface->get_customer_details = clt_sqlite_store_get_customer_details;
}
