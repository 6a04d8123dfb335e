/* clt-sqlite-store-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which rowset a read of the customer list collects (reader_rowset ()):
 * the sources of its set conditions (searched text, a group, custom
 * field conditions) and whether collecting them beats testing each row
 * the sort walk passes, by the kept counts.
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include <math.h>

#include "clt-sqlite-store-private.h"

#define MAX_ROWSETS       4
/* 8 MB of rowids a reader: a million customers each. */
#define MAX_ROWSET_PKS    (1024 * 1024)
/* A lone custom field condition is collected up to this many times the
 * matches a short word is (reader_rowset ()). */
#define FIELD_COLLECT_FACTOR 4

static void
rowset_key_append (GString  *key,
                   char      kind,
                   GVariant *value)
{
  g_autoptr(GVariant) held = g_variant_ref_sink (value);
  g_autofree char *printed = g_variant_print (held, TRUE);

  g_string_append_printf (key, "%c%zu:%s;", kind, strlen (printed), printed);
}

static guint
cached_pks (Reader *reader)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, reader->rowsets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += rowset_get_length (value);

  return n;
}

/* Whether the reader keeps the rowset of @key from an earlier read of
 * the same snapshot: then taking it costs nothing. */
static gboolean
reader_has_rowset (Reader     *reader,
                   const char *key)
{
  reader_check_version (reader);
  return g_hash_table_contains (reader->rowsets, key);
}

/* The cache key of @group's members alone (a lone group's rowset, or one
 * a group and a value walk with). */
static char *
group_rowset_key (const char *group)
{
  GString *key = g_string_new (NULL);

  rowset_key_append (key, 'g', g_variant_new_string (group));
  return g_string_free (key, FALSE);
}

/* Steps @stmt to the one row it answers; an error otherwise. */
static gboolean
reader_step_row (CltSqliteStore  *self,
                 Reader          *reader,
                 sqlite3_stmt    *stmt,
                 GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, reader->db, rc);
      return FALSE;
    }
  return TRUE;
}

/* How many customers a short word's prefix has (customer_prefix_counts,
 * schema 7). */
static gboolean
reader_prefix_count (CltSqliteStore  *self,
                     Reader          *reader,
                     const char      *prefix,
                     gint64          *count,
                     GError         **error)
{
  g_autoptr(ReaderStmt) stmt = reader_prepare (self, reader,
                                               "SELECT ifnull ((SELECT n FROM customer_prefix_counts"
                                               " WHERE prefix = ?), 0)",
                                               error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, prefix);
  if (!reader_step_row (self, reader, stmt, error))
    return FALSE;
  *count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* What collecting the rowset of a group of @n_members costs, in entries
 * of a list collected: its members come as bitmap words of 64 rowids
 * (schema 10), a word costing about what an entry does (~1k
 * instructions), so a group costs its words, not its members. With the
 * members spread over the @n_total customers, about
 * w (1 - e^(-members / w)) of the w = n_total / 64 words hold one: a
 * sparse group has a word per member, a dense one no more than one per
 * 64 customers ("vip", 29,720 of a million: 13,388 words). Counted by
 * members, collecting "wholesale" (60,146, 15,300 words) looked dearer
 * than 1,660 lookups along the walk: the first order costs about the
 * same either way (7-13 ms CPU), but the rowset is kept for the next
 * one (sorted by last name 6.7-12.7 ms by lookups, a random page each,
 * 3.2-5.4 ms from the kept rowset). */
static double
group_collect_cost (gint64 n_members,
                    gint64 n_total)
{
  double n_words = (double) MAX (n_total, 0) / 64.0 + 1.0;

  return n_words * -expm1 (-(double) MAX (n_members, 0) / n_words);
}

/* A group's and a field's condition on sort_key, the group ?1, the field
 * ?2, the value ?3 (and a prefix's upper bound ?4). */
static const char * const pair_range_ops[] = {
  [CLT_FIELD_MATCH_EQUALS]   = " = ?3",
  [CLT_FIELD_MATCH_PREFIX]   = " >= ?3 AND sort_key < ?4",
  [CLT_FIELD_MATCH_AT_LEAST] = " >= ?3",
  [CLT_FIELD_MATCH_AT_MOST]  = " <= ?3",
};

/* How many members of @group have a value of @condition's yes/no or
 * choice field in its range (customer_group_field_counts, schema 9), and
 * the lengths of the two lists a rowset would read: the group's members
 * (@n_members) and the customers with a value in range (@n_values). */
static gboolean
reader_pair_count (CltSqliteStore  *self,
                   Reader          *reader,
                   const char      *group,
                   FieldCondition  *condition,
                   gint64          *count,
                   gint64          *n_members,
                   gint64          *n_values,
                   GError         **error)
{
  const char *op = pair_range_ops[condition->match];
  g_autofree char *sql = g_strconcat ("SELECT (SELECT ifnull (sum (n), 0) FROM customer_group_field_counts"
                                      "  WHERE group_code = ?1 AND field_key = ?2 AND sort_key", op, "),"
                                      " ifnull ((SELECT n FROM customer_group_counts"
                                      "  WHERE group_code = ?1), 0),"
                                      " (SELECT ifnull (sum (n), 0) FROM customer_field_counts"
                                      "  WHERE field_key = ?2 AND sort_key", op, ")",
                                      NULL);
  g_autoptr(ReaderStmt) stmt = reader_prepare (self, reader, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, group);
  bind_text (stmt, 2, condition->key);
  bind_variant (stmt, 3, condition->value);
  if (condition->upper != NULL)
    bind_variant (stmt, 4, condition->upper);
  if (!reader_step_row (self, reader, stmt, error))
    return FALSE;
  *count = sqlite3_column_int64 (stmt, 0);
  *n_members = sqlite3_column_int64 (stmt, 1);
  *n_values = sqlite3_column_int64 (stmt, 2);
  return TRUE;
}

/* Replaces the group's source (@sources[@group_index]) and that of one
 * of @conditions (the sources after it, in order) by one range of
 * customer_group_field_values, when its entries (the members with a
 * value in range) are fewer than the group's words and the values in
 * range; @combined says whether it did. */
static gboolean
combine_group_and_field (CltSqliteStore  *self,
                         Reader          *reader,
                         GPtrArray       *sources,
                         guint            group_index,
                         const char      *group,
                         GPtrArray       *conditions,
                         gint64           n_total,
                         gboolean        *combined,
                         GError         **error)
{
  g_autofree char *sql = NULL;
  FieldCondition *condition;
  RowsetSource *source;
  gint64 n_members = 0;
  double group_cost;
  double best_cost = G_MAXDOUBLE;
  int best = -1;

  *combined = FALSE;
  if (!rowset_source_count (self, reader, g_ptr_array_index (sources, group_index), &n_members))
    return TRUE;
  group_cost = group_collect_cost (n_members, n_total);

  for (guint i = 0; i < conditions->len; i++)
    {
      gint64 n_matches = 0;
      gint64 n_values = 0;
      double entries;

      condition = g_ptr_array_index (conditions, i);
      if (condition->paired)
        {
          if (!reader_pair_count (self, reader, group, condition, &n_matches, &n_members,
                                  &n_values, error))
            return FALSE;
          entries = (double) n_matches;
        }
      else
        {
          if (!field_range_count (self, reader, condition, &n_values, error))
            return FALSE;
          entries = MIN ((double) n_members * (double) n_values / (double) MAX (n_total, 1),
                         (double) MIN (n_members, n_values));
        }
      if (entries < group_cost + (double) n_values && entries < best_cost)
        {
          best = (int) i;
          best_cost = entries;
        }
    }
  if (best < 0)
    return TRUE;

  condition = g_ptr_array_index (conditions, best);
  sql = g_strconcat ("SELECT customer_pk FROM customer_group_field_values"
                     " WHERE group_code = ?1 AND field_key = ?2 AND sort_key",
                     pair_range_ops[condition->match], NULL);
  source = rowset_source_new (sql);
  rowset_source_add (source, g_variant_new_string (group));
  rowset_source_add (source, g_variant_new_string (condition->key));
  rowset_source_add (source, condition->value);
  if (condition->upper != NULL)
    rowset_source_add (source, condition->upper);
  /* The condition's source first (the later index), then the group's. */
  g_ptr_array_remove_index (sources, group_index + 1 + (guint) best);
  rowset_source_free (g_ptr_array_index (sources, group_index));
  g_ptr_array_index (sources, group_index) = source;
  *combined = TRUE;
  return TRUE;
}

/* The rowset of @query's set conditions, when it has the full-text
 * query or more than one of them (unless a group and a yes/no or choice
 * value are walked, see below; or the group's members alone), or is a
 * lone short word or custom field condition of at most @short_limit
 * matches, or a lone group of few members for the rows walked; else NULL
 * (a lone group, word or field condition of more matches is counted from
 * kept counts and tested by a lookup). Kept per reader while nothing is
 * committed. */
gboolean
reader_rowset (CltSqliteStore  *self,
               Reader          *reader,
               CltQuery        *query,
               GPtrArray       *conditions,
               gint64           short_limit,
               double           walk_rows,
               gint64           n_total,
               Rowset         **out,
               GError         **error)
{
  static const char * const ops[] = {
    [CLT_FIELD_MATCH_EQUALS]   = " = ?",
    [CLT_FIELD_MATCH_PREFIX]   = " >= ? AND sort_key < ?",
    [CLT_FIELD_MATCH_AT_LEAST] = " >= ?",
    [CLT_FIELD_MATCH_AT_MOST]  = " <= ?",
  };
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) rowset_source_free);
  g_autoptr(GPtrArray) short_words = g_ptr_array_new ();
  g_autoptr(GString) key = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  g_autofree char *match = NULL;
  const char *group = clt_query_get_group (query);
  gboolean holds_fields = TRUE;
  gboolean combined = FALSE;
  Rowset *rowset;
  guint group_index = 0;
  guint n_words = 0;

  *out = NULL;
  match = search_terms (clt_query_get_search_text (query), &words, short_words, &n_words);
  if (match != NULL)
    {
      RowsetSource *source = rowset_source_new ("SELECT rowid FROM customers_fts"
                                                " WHERE customers_fts MATCH ?");

      rowset_source_add (source, g_variant_new_string (match));
      rowset_key_append (key, 't', g_variant_new_string (match));
      g_ptr_array_add (sources, source);
    }
  else
    for (guint i = 0; i < short_words->len; i++)
      {
        const char *word = g_ptr_array_index (short_words, i);
        RowsetSource *source = rowset_source_new ("SELECT customer_pk FROM customer_prefixes"
                                                  " WHERE prefix = ?");

        rowset_source_add (source, g_variant_new_string (word));
        rowset_key_append (key, 'w', g_variant_new_string (word));
        g_ptr_array_add (sources, source);
      }

  if (group[0] != '\0')
    {
      /* Its members as bitmap words (schema 10): a step per 64 rowids
       * of a dense group, not per member. */
      RowsetSource *source = rowset_source_new_words ("SELECT word, bits FROM customer_group_words"
                                                      " WHERE group_code = ?");

      group_index = sources->len;
      rowset_source_add (source, g_variant_new_string (group));
      rowset_key_append (key, 'g', g_variant_new_string (group));
      rowset_source_set_probe (source,
                               "SELECT ifnull ((SELECT n FROM customer_group_counts"
                               " WHERE group_code = ?), 0)",
                               "SELECT 1 FROM customer_groups WHERE group_code = ? AND customer_pk = ?");
      g_ptr_array_add (sources, source);
    }

  for (guint i = 0; conditions != NULL && i < conditions->len; i++)
    {
      FieldCondition *condition = g_ptr_array_index (conditions, i);
      g_autofree char *sql = g_strconcat ("SELECT customer_pk FROM customer_field_values"
                                          " WHERE field_key = ? AND sort_key",
                                          ops[condition->match], NULL);
      g_autofree char *count_sql = NULL;
      g_autofree char *probe_sql = NULL;
      RowsetSource *source = rowset_source_new (sql);

      rowset_source_add (source, g_variant_new_string (condition->key));
      rowset_source_add (source, condition->value);
      rowset_key_append (key, 'k', g_variant_new_string (condition->key));
      g_string_append_printf (key, "m%d;", condition->match);
      rowset_key_append (key, 'v', condition->value);
      if (condition->upper != NULL)
        rowset_source_add (source, condition->upper);
      count_sql = g_strconcat ("SELECT ifnull (sum (n), 0) FROM customer_field_counts"
                               " WHERE field_key = ? AND sort_key", ops[condition->match], NULL);
      probe_sql = g_strconcat ("SELECT 1 FROM customer_field_values WHERE field_key = ? AND sort_key",
                               ops[condition->match], " AND customer_pk = ?", NULL);
      rowset_source_set_probe (source, count_sql, probe_sql);
      rowset_source_set_range (source, condition);
      g_ptr_array_add (sources, source);
    }

  /* A group and one yes/no or choice condition are counted together
   * (schema 9). When their matches are dense enough, the walk tests each
   * row by two lookups (list_customers_read's choice without a rowset)
   * rather than collecting both lists in full. A row walked costs
   * about 25 entries of a list collected, mostly its random lookup in
   * the members' index (at a million customers, "Newsletter" and a
   * "yes": 800 rows walked, 10 ms, where collecting read 750,000
   * entries, 127 ms; "VIP" and a choice of five: 16,700 rows walked,
   * 115 ms, against 230,000 entries collected, 49 ms). Between the two,
   * the rowset may hold the group's members alone, the walk testing the
   * value by a lookup only for the rows in the group (a row walked
   * costs about 1.5 entries then): "VIP" and a choice of five collects
   * 30,000 members, walks 16,700 rows and looks up 500 of them.
   * @walk_rows: offset + limit times every listed customer (@n_total),
   * or < 0 when the kept counts cannot give the total. */
  if (match == NULL && short_words->len == 0 && group[0] != '\0' && conditions != NULL &&
      conditions->len == 1 && walk_rows >= 0 &&
      ((FieldCondition *) g_ptr_array_index (conditions, 0))->paired)
    {
      FieldCondition *condition = g_ptr_array_index (conditions, 0);
      g_autofree char *members_key = group_rowset_key (group);
      gint64 n_matches = 0;
      gint64 n_members = 0;
      gint64 n_values = 0;
      double walked;
      double two_lookups;
      double members_only;
      double group_cost;
      double collect;

      if (!reader_pair_count (self, reader, group, condition, &n_matches, &n_members, &n_values,
                              error))
        return FALSE;
      walked = walk_rows / (double) MAX (n_matches, 1);
      two_lookups = walked < 4.0 * (double) n_matches ? 25.0 * walked : G_MAXDOUBLE;
      /* Kept from an earlier read (the group filtered alone, or a page
       * of this filter): nothing to collect. A count (a page of one row)
       * would otherwise walk with two lookups a row: VIP and a choice of
       * five at a million customers, 168 rows, 3.5-4.3 ms of CPU where
       * the kept members take 0.4-0.6 ms. */
      group_cost = reader_has_rowset (reader, members_key)
                   ? 0.0 : group_collect_cost (n_members, n_total);
      members_only = walked < 10.0 * (double) n_matches
                     ? group_cost + 1.5 * walked
                       + 25.0 * walked * (double) n_members / (double) MAX (n_total, 1)
                     : G_MAXDOUBLE;
      /* Collected, both come from one range of their matches alone
       * (schema 13) when fewer: see below. */
      collect = MIN (group_cost + (double) n_values, (double) n_matches);
      if (two_lookups < members_only && two_lookups < collect)
        return TRUE;
      if (members_only < collect)
        {
          /* The group's source alone, first among the sources. */
          g_ptr_array_set_size (sources, 1);
          g_string_assign (key, members_key);
          holds_fields = FALSE;
        }
    }

  /* A group and a custom field condition collected together: one range
   * of customer_group_field_values (schema 13), the members' values in
   * range, in place of the group's words and every value in range (b2b
   * and f05 >= 2020-01-01 at a million customers: 3,509 entries
   * against 15,334 words and 57,832 values, 12.4-14.2 → 6.7-7.5 ms of
   * CPU for the first page with its total; "VIP" and f02 "Gold", 6,013
   * entries, 10.1-15.8 → 5.3-5.5 ms). It reads their
   * intersection, at most the fewer of the two: for a yes/no or choice
   * value its kept count, otherwise as if the two were independent. The
   * condition whose intersection is the smallest, when it costs less
   * than collecting both. */
  if (holds_fields && group[0] != '\0' && conditions != NULL &&
      !combine_group_and_field (self, reader, sources, group_index, group, conditions, n_total,
                                &combined, error))
    return FALSE;

  if (match == NULL && sources->len == 1 && short_words->len == 1)
    {
      gint64 n_matches = 0;

      if (!reader_prefix_count (self, reader, g_ptr_array_index (short_words, 0), &n_matches,
                                error))
        return FALSE;
      if (n_matches > short_limit)
        return TRUE;
    }
  else if (match == NULL && sources->len == 1 && group[0] == '\0' && conditions != NULL)
    {
      gint64 n_matches = 0;

      /* A lone custom field condition, like a short word: its matches
       * collected from the values' index (a sequential step each) beat
       * a keyed lookup per row walked while they are few (f03 "member
       * 12" at a million customers: 20,000 matches collected against
       * 5,000 lookups along the walk). Counted by buckets (schema 11):
       * summing its 10,000 values' counts up to the limit cost 8.5 M
       * instructions, "Member 0" up to 12,000 of them. Up to
       * FIELD_COLLECT_FACTOR times a short word's limit: a lookup is a
       * random page of the values' table (558 MB at a million customers,
       * ~1.6 page reads each), which instruction counts do not show, where
       * collecting reads the index in order. f05 >= 2020-01-01: 57,832
       * matches, 1,730 lookups for the first page; 17.8 → 11.2 ms CPU. */
      if (!field_range_count (self, reader, g_ptr_array_index (conditions, 0), &n_matches,
                              error))
        return FALSE;
      if (n_matches > FIELD_COLLECT_FACTOR * short_limit)
        return TRUE;
    }
  else if (match == NULL && sources->len == 1 && group[0] != '\0' && conditions == NULL &&
           walk_rows >= 0)
    {
      gint64 n_members = 0;
      double walked;

      /* A lone group, by the same measure: its members collected once
       * (by their words) against a lookup in its index per row walked
       * ("VIP", 30,000 of a million customers: 3,300 rows walked for a
       * first page, each a random page of the members' index). Members
       * kept from an earlier read cost nothing to collect. */
      if (!rowset_source_count (self, reader, g_ptr_array_index (sources, 0), &n_members))
        return TRUE;
      walked = walk_rows / (double) MAX (n_members, 1);
      if (walked >= 10.0 * (double) n_members ||
          (reader_has_rowset (reader, key->str) ? 0.0 : group_collect_cost (n_members, n_total))
          + 1.5 * walked >= 25.0 * walked)
        return TRUE;
      /* The same rowset as the group's above, under the same key. */
      holds_fields = FALSE;
    }
  else if (match == NULL && sources->len < 2 && holds_fields && !combined)
    return TRUE;

  reader_check_version (reader);
  rowset = g_hash_table_lookup (reader->rowsets, key->str);
  if (rowset == NULL)
    {
      rowset = rowset_collect (self, reader, key->str, sources, error);
      if (rowset == NULL)
        return FALSE;
      /* Its key says which: a group's key alone is the rowset of its
       * members, never one of field conditions too. */
      rowset_set_holds_fields (rowset, holds_fields);
      if (g_hash_table_size (reader->rowsets) >= MAX_ROWSETS ||
          cached_pks (reader) + rowset_get_length (rowset) > MAX_ROWSET_PKS)
        g_hash_table_remove_all (reader->rowsets);
      g_hash_table_insert (reader->rowsets, (gpointer) rowset_get_key (rowset), rowset);
    }

  *out = rowset_ref (rowset);
  return TRUE;
}
