/* clt-sqlite-store-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include "clt-sqlite-store-private.h"

/* A query's conditions as SQL: the WHERE text, its parameters, the cache
 * key of its count and, where one index alone can count it, that count's
 * query. */
void
field_condition_free (FieldCondition *condition)
{
  g_free (condition->key);
  g_clear_pointer (&condition->value, g_variant_unref);
  g_clear_pointer (&condition->upper, g_variant_unref);
  g_free (condition);
}

void
filter_clear (Filter *filter)
{
  g_string_free (filter->where, TRUE);
  g_ptr_array_unref (filter->params);
  g_string_free (filter->key, TRUE);
  g_free (filter->fast_count_sql);
  g_free (filter->fast_count_param);
  g_clear_pointer (&filter->fast_count_params, g_ptr_array_unref);
  g_clear_pointer (&filter->json_rowset, rowset_unref);
}

static void
filter_add_text (Filter     *filter,
                 const char *text)
{
  g_ptr_array_add (filter->params, g_variant_ref_sink (g_variant_new_string (text)));
  g_string_append_printf (filter->key, "s%zu:%s;", strlen (text), text);
}

static void
filter_add_int (Filter *filter,
                gint64  value)
{
  g_ptr_array_add (filter->params, g_variant_ref_sink (g_variant_new_int64 (value)));
  g_string_append_printf (filter->key, "i%" G_GINT64_FORMAT ";", value);
}

static void
filter_add_variant (Filter   *filter,
                    GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    filter_add_int (filter, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      g_ptr_array_add (filter->params, g_variant_ref (value));
      g_string_append_printf (filter->key, "d%s;",
                              g_ascii_dtostr (buffer, sizeof buffer, g_variant_get_double (value)));
    }
  else
    filter_add_text (filter, g_variant_get_string (value, NULL));
}

/* How a custom field condition compares sort_key with its value(s). */
static const char * const ops[] = {
  [CLT_FIELD_MATCH_EQUALS]   = " = ?",
  [CLT_FIELD_MATCH_PREFIX]   = " >= ? AND sort_key < ?",
  [CLT_FIELD_MATCH_AT_LEAST] = " >= ?",
  [CLT_FIELD_MATCH_AT_MOST]  = " <= ?",
};

/* Each condition tests customer_field_values.sort_key. Dense (the sort
 * index is walked): a lookup by primary key per row tested; otherwise the
 * matches are collected from (field_key, sort_key). A lone condition is
 * counted from customer_field_counts (schema version 7): one entry per
 * distinct value in range instead of one per customer ("yes" of a yes/no
 * field was half a million entries at a million customers, ~40 ms; now
 * one). A range of mostly distinct values (text) costs at most what the
 * values' index did. */
static void
filter_add_fields (Filter    *filter,
                   GPtrArray *conditions,
                   gboolean   dense,
                   gboolean   tested)
{
  for (guint i = 0; tested && conditions != NULL && i < conditions->len; i++)
    {
      FieldCondition *condition = g_ptr_array_index (conditions, i);

      if (dense)
        g_string_append (filter->where,
                         " AND EXISTS (SELECT 1 FROM customer_field_values"
                         " WHERE customer_pk = c.pk AND field_key = ? AND sort_key");
      else
        g_string_append (filter->where,
                         " AND c.pk IN (SELECT customer_pk FROM customer_field_values"
                         " WHERE field_key = ? AND sort_key");
      g_string_append (filter->where, ops[condition->match]);
      g_string_append_c (filter->where, ')');
      filter_add_text (filter, condition->key);
      filter_add_variant (filter, condition->value);
      if (condition->upper != NULL)
        filter_add_variant (filter, condition->upper);
      filter->has_fields = TRUE;
    }

  if (conditions != NULL && conditions->len == 1 && !filter->has_text)
    {
      FieldCondition *condition = g_ptr_array_index (conditions, 0);

      filter->fast_count_sql = g_strconcat ("SELECT ifnull (sum (n), 0) FROM customer_field_counts"
                                            " WHERE field_key = ? AND sort_key",
                                            ops[condition->match], NULL);
      filter->fast_count_range = condition;
      filter->fast_count_params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
      g_ptr_array_add (filter->fast_count_params, g_variant_ref_sink (g_variant_new_string (condition->key)));
      g_ptr_array_add (filter->fast_count_params, g_variant_ref (condition->value));
      if (condition->upper != NULL)
        g_ptr_array_add (filter->fast_count_params, g_variant_ref (condition->upper));
    }
}

/* Quote one word as an FTS5 string: everything inside "…" is literal text
 * (a " is doubled), so no input can be FTS syntax. */
static void
append_fts_string (GString    *out,
                   const char *word)
{
  g_string_append_c (out, '"');
  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Search text becomes (a) one FTS5 query ANDing a word-prefix match of
 * every word ("word" * — inside the quotes nothing is FTS syntax, a " is
 * doubled), or (b) when it is a single word of one or two characters, a
 * prefix match on the folded last name, first name and email through the
 * customer_prefixes table. Words without a letter or
 * digit (a lone "-" or "*") cannot match a token and are left out.
 *
 * @probe: the caller walks the sort index past a few rows of very many
 * matches: a short word is then tested by a keyed lookup per row (EXISTS)
 * rather than against the matches collected once (IN), which costs a step
 * per match. */
static gboolean
word_has_token (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

/* The FTS5 query of @search_text (NULL when it is one short word, or
 * nothing), the number of its words, and its short words (one or two
 * characters, in @short_words, owned by @words). */
char *
search_terms (const char  *search_text,
              GStrv       *words,
              GPtrArray   *short_words,
              guint       *n_words)
{
  g_autofree char *folded = clt_fold_text (search_text);
  g_autoptr(GString) match = g_string_new (NULL);
  guint n_long = 0;

  *n_words = 0;
  *words = NULL;
  if (folded[0] == '\0')
    return NULL;

  *words = g_strsplit (folded, " ", -1);
  for (guint i = 0; (*words)[i] != NULL; i++)
    {
      const char *word = (*words)[i];

      if (!word_has_token (word))
        continue;

      if ((*n_words)++ > 0)
        g_string_append (match, " AND ");
      append_fts_string (match, word);
      g_string_append (match, " *");

      if (g_utf8_strlen (word, -1) >= 3)
        n_long++;
      else
        g_ptr_array_add (short_words, (gpointer) word);
    }

  if (n_long > 0 || *n_words > 1)
    return g_string_free (g_steal_pointer (&match), FALSE);

  return NULL;
}

static void
filter_add_search (Filter     *filter,
                   const char *search_text,
                   gboolean    probe)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) short_words = g_ptr_array_new ();
  g_autofree char *match = NULL;
  guint n_words = 0;

  match = search_terms (search_text, &words, short_words, &n_words);
  if (n_words == 0)
    return;

  filter->has_text = TRUE;

  /* One short word: the prefix table. Anything more: the full-text index,
   * whose prefix indexes make short words cheap next to others. */
  if (match != NULL)
    {
      /* IN either way: walking the sort index, SQLite tests each row
       * against the matches collected once; a per-row MATCH would
       * evaluate the whole full-text query again for every row. */
      g_string_append (filter->where,
                       " AND c.pk IN (SELECT rowid FROM customers_fts"
                       " WHERE customers_fts MATCH ?)");
      filter_add_text (filter, match);

      filter->fast_count_sql =
        g_strdup ("SELECT count(*) FROM customers_fts WHERE customers_fts MATCH ?");
      filter->fast_count_param = g_strdup (match);
      return;
    }

  /* Otherwise IN, as for the full-text index: walking the sort index,
   * each row is tested against the matches collected once into memory,
   * twice as fast as a keyed lookup in the table per row. */
  for (guint i = 0; i < short_words->len; i++)
    {
      const char *word = g_ptr_array_index (short_words, i);

      if (probe)
        g_string_append (filter->where,
                         " AND EXISTS (SELECT 1 FROM customer_prefixes p"
                         " WHERE p.prefix = ? AND p.customer_pk = c.pk)");
      else
        g_string_append (filter->where,
                         " AND c.pk IN (SELECT customer_pk FROM customer_prefixes"
                         " WHERE prefix = ?)");
      filter_add_text (filter, word);
    }

  /* Counted by the triggers of customer_prefixes (schema 7). */
  if (short_words->len == 1)
    {
      filter->fast_count_sql = g_strdup ("SELECT ifnull ((SELECT n FROM customer_prefix_counts"
                                         " WHERE prefix = ?), 0)");
      filter->fast_count_param = g_strdup (g_ptr_array_index (short_words, 0));
    }
}

/* With @rowset (may be NULL), the text, group and custom field
 * conditions are the rowset's: tested per row along a dense walk, the
 * rows it lists otherwise. */
void
filter_init (Filter    *filter,
             CltQuery  *query,
             GPtrArray *conditions,
             Rowset    *rowset,
             gboolean   dense,
             gboolean   probe,
             gboolean   hide_pending)
{
  GDateTime *from;
  GDateTime *until;
  gboolean other = FALSE;
  gboolean pair_lookup = dense && rowset == NULL && clt_query_get_group (query)[0] != '\0' &&
                         conditions != NULL && conditions->len == 1 &&
                         ((FieldCondition *) g_ptr_array_index (conditions, 0))->match == CLT_FIELD_MATCH_EQUALS;

  filter->where = g_string_new (NULL);
  filter->params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  filter->key = g_string_new (NULL);
  filter->fast_count_sql = NULL;
  filter->fast_count_param = NULL;
  filter->fast_count_params = NULL;
  filter->fast_count_range = NULL;
  filter->has_text = FALSE;
  filter->has_fields = FALSE;
  filter->json_rowset = NULL;
  filter->json_index = 0;
  if (rowset != NULL)
    {
      if (dense)
        g_string_append (filter->where, " AND clt_rowset_has (c.pk)");
      else
        {
          /* Not in the cache key: the rowset's own key stands for it.
           * Its JSON is made and bound by filter_bind (), when a
           * statement is run: a count read from the kept counts or the
           * cache never needs it (VIP and a choice: 30,000 rowids, 4.2 M
           * instructions to write, 1.7 M to copy and validate into a
           * GVariant for each of five filters). */
          g_string_append (filter->where, " AND c.pk IN (SELECT value FROM json_each (?))");
          filter->json_rowset = rowset_ref (rowset);
          filter->json_index = filter->params->len;
          g_ptr_array_add (filter->params, g_variant_ref_sink (g_variant_new_string ("")));
        }
      g_string_append_printf (filter->key, "r%s;", rowset_get_key (rowset));
      filter->has_text = clt_query_get_search_text (query)[0] != '\0';
      filter->has_fields = conditions != NULL;
    }
  else
    filter_add_search (filter, clt_query_get_search_text (query), probe);
  if (filter->has_text && conditions != NULL && conditions->len > 0)
    {
      g_clear_pointer (&filter->fast_count_sql, g_free);
      g_clear_pointer (&filter->fast_count_param, g_free);
    }
  /* A dense group is tested row by row along the sort walk (one probe of
   * its index each); a sparse one is collected first. Alone, its members
   * are counted in customer_group_counts: anonymizing a customer drops
   * their memberships. Tested before the custom field conditions: SQLite
   * runs a walk's subqueries in the order written, and the members'
   * primary key (a few MB at a million customers) stays in the reader's
   * cache where the values' (20 rows a customer) is a page read per
   * lookup ("VIP" and a choice of five at a million customers, the
   * count's page of one: 167 rows walked, 2,018 pages read and 9-12 ms
   * of CPU with the values tested first, 889 pages and 4-6 ms now). */
  /* A group and one value of a field, walked (list_customers_read ()
   * tests each row when most customers match both): one lookup in their
   * pairs (schema 13) rather than one in the members' index and one in
   * the values' ("Newsletter" and a yes/no at "yes" at a million
   * customers, 800 rows walked: 8.1-9.5 → 6.2-7.6 ms of CPU). */
  if (pair_lookup)
    {
      FieldCondition *condition = g_ptr_array_index (conditions, 0);

      g_string_append (filter->where,
                       " AND EXISTS (SELECT 1 FROM customer_group_field_values"
                       " WHERE group_code = ? AND field_key = ? AND sort_key = ?"
                       " AND customer_pk = c.pk)");
      filter_add_text (filter, clt_query_get_group (query));
      filter_add_text (filter, condition->key);
      filter_add_variant (filter, condition->value);
      filter->has_fields = TRUE;
    }
  else if (clt_query_get_group (query)[0] != '\0' && rowset == NULL)
    {
      if (dense)
        g_string_append (filter->where,
                         " AND EXISTS (SELECT 1 FROM customer_groups"
                         " WHERE group_code = ? AND customer_pk = c.pk)");
      else
        g_string_append (filter->where,
                         " AND c.pk IN (SELECT customer_pk FROM customer_groups"
                         " WHERE group_code = ?)");
      filter_add_text (filter, clt_query_get_group (query));
    }

  if (rowset == NULL || !rowset_holds_fields (rowset))
    filter_add_fields (filter, conditions, dense, !pair_lookup);

  switch (clt_query_get_status (query))
    {
    case CLT_STATUS_FILTER_ACTIVE:
      g_string_append (filter->where, " AND c.status_rank IN (0, 1)");
      break;
    case CLT_STATUS_FILTER_ON_HOLD:
      g_string_append (filter->where, " AND c.status_rank IN (2, 3)");
      break;
    case CLT_STATUS_FILTER_INACTIVE:
      g_string_append (filter->where, " AND c.status_rank IN (4, 5)");
      break;
    case CLT_STATUS_FILTER_UNVERIFIED:
      g_string_append (filter->where, " AND c.verified = 0");
      break;
    case CLT_STATUS_FILTER_ANY:
    default:
      break;
    }
  if (clt_query_get_status (query) != CLT_STATUS_FILTER_ANY)
    other = TRUE;

  /* A rowset that leaves the field conditions out holds the group. */
  if (clt_query_get_group (query)[0] != '\0' && (rowset == NULL || !rowset_holds_fields (rowset)))
    {
      if (rowset == NULL && !filter->has_text && !filter->has_fields &&
          filter->fast_count_sql == NULL)
        {
          filter->fast_count_sql = g_strdup ("SELECT ifnull ((SELECT n FROM customer_group_counts"
                                             " WHERE group_code = ?), 0)");
          filter->fast_count_param = g_strdup (clt_query_get_group (query));
        }
      else if (!filter->has_text && conditions != NULL && conditions->len == 1 &&
               ((FieldCondition *) g_ptr_array_index (conditions, 0))->paired)
        {
          FieldCondition *condition = g_ptr_array_index (conditions, 0);

          /* A yes/no or choice value within the group: its kept counts
           * (schema version 9), one entry per distinct value in range. */
          filter->fast_count_range = NULL;
          g_free (filter->fast_count_sql);
          filter->fast_count_sql = g_strconcat ("SELECT ifnull (sum (n), 0)"
                                                " FROM customer_group_field_counts"
                                                " WHERE group_code = ? AND field_key = ?"
                                                " AND sort_key", ops[condition->match], NULL);
          g_ptr_array_set_size (filter->fast_count_params, 0);
          g_ptr_array_add (filter->fast_count_params,
                           g_variant_ref_sink (g_variant_new_string (clt_query_get_group (query))));
          g_ptr_array_add (filter->fast_count_params,
                           g_variant_ref_sink (g_variant_new_string (condition->key)));
          g_ptr_array_add (filter->fast_count_params, g_variant_ref (condition->value));
          if (condition->upper != NULL)
            g_ptr_array_add (filter->fast_count_params, g_variant_ref (condition->upper));
        }
      else
        other = TRUE;
    }

  if (clt_query_get_company (query)[0] != '\0')
    {
      g_string_append (filter->where, " AND c.company_id = ?");
      filter_add_text (filter, clt_query_get_company (query));
      other = TRUE;
    }

  if (clt_query_get_site (query)[0] != '\0')
    {
      g_string_append (filter->where, " AND c.preferred_site = ?");
      filter_add_text (filter, clt_query_get_site (query));
      other = TRUE;
    }

  if (clt_query_get_country (query)[0] != '\0')
    {
      g_string_append (filter->where, " AND c.country = ?");
      filter_add_text (filter, clt_query_get_country (query));
      other = TRUE;
    }

  from = clt_query_get_registered_from (query);
  if (from != NULL)
    {
      g_string_append (filter->where, " AND c.registered >= ?");
      filter_add_int (filter, date_time_to_usec (from));
      other = TRUE;
    }

  until = clt_query_get_registered_until (query);
  if (until != NULL)
    {
      g_string_append (filter->where, " AND c.registered < ?");
      filter_add_int (filter, date_time_to_usec (until));
      other = TRUE;
    }

  /* Deletions waiting out their undo time are gone for every viewer. */
  if (hide_pending)
    {
      g_string_append (filter->where, " AND c.pk NOT IN (SELECT customer_pk FROM pending_deletions)");
      other = TRUE;
    }

  if (other)
    {
      g_clear_pointer (&filter->fast_count_sql, g_free);
      g_clear_pointer (&filter->fast_count_param, g_free);
      g_clear_pointer (&filter->fast_count_params, g_ptr_array_unref);
    }
  g_string_prepend (filter->key, filter->where->str);
}

/* Binds a filter value: an integer, a double or a text. */
void
bind_variant (sqlite3_stmt *stmt,
              int           index,
              GVariant     *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    sqlite3_bind_int64 (stmt, index, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    sqlite3_bind_double (stmt, index, g_variant_get_double (value));
  else
    sqlite3_bind_text (stmt, index, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
}

/* Binds @filter's parameters, the first to @first, with its rowset's
 * rowids as JSON where it has them. */
void
filter_bind (Filter       *filter,
             sqlite3_stmt *stmt,
             int           first)
{
  bind_params (stmt, filter->params, first);
  if (filter->json_rowset != NULL)
    sqlite3_bind_text (stmt, first + (int) filter->json_index,
                       rowset_get_json (filter->json_rowset), -1, SQLITE_TRANSIENT);
}

void
bind_params (sqlite3_stmt *stmt,
             GPtrArray    *params,
             int           first)
{
  for (guint i = 0; i < params->len; i++)
    {
      GVariant *value = g_ptr_array_index (params, i);

      bind_variant (stmt, first + i, value);
    }
}
