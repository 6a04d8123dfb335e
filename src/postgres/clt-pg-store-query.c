/* clt-pg-store-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-pg-store"

#include "config.h"

#include "clt-pg-store-private.h"

/* See list_customers_read (). */
#define WALK_PAGE_SIZES 50

/* Indexed column per CltSortKey (each indexed as (listed, column); see
 * clt-pg-schema.c). */
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
  GString   *where;     /* conditions, each starting with " AND " */
  GPtrArray *params;    /* GVariant: string or int64 */
  GString   *key;       /* cache key for counts */
  /* Set when the count comes from one table alone: customer_words, the
   * single 1–2 character prefix, the group; its parameters are texts. */
  char      *fast_count_sql;
  GPtrArray *fast_count_params;
  /* Set when the search's matches are customer_words' alone (each word
   * one token): their (customer_pk, number_key), and its parameters
   * (texts). */
  char      *words_sql;
  GPtrArray *words_params;
  gboolean   has_text;
} Filter;

/* A custom field filter of the query, its value read by the field's type
 * into what customer_field_values compares: a double or int64 (0/1) for
 * sort_number, a string for sort_text. */
typedef struct
{
  char          *key;
  CltFieldMatch  match;
  GVariant      *value;
  GVariant      *upper;   /* CLT_FIELD_MATCH_PREFIX: the first text past the prefix */
} FieldCondition;

static void
field_condition_free (FieldCondition *condition)
{
  g_free (condition->key);
  g_clear_pointer (&condition->value, g_variant_unref);
  g_clear_pointer (&condition->upper, g_variant_unref);
  g_free (condition);
}

static void
filter_clear (Filter *filter)
{
  g_string_free (filter->where, TRUE);
  g_ptr_array_unref (filter->params);
  g_string_free (filter->key, TRUE);
  g_free (filter->fast_count_sql);
  g_clear_pointer (&filter->fast_count_params, g_ptr_array_unref);
  g_free (filter->words_sql);
  g_clear_pointer (&filter->words_params, g_ptr_array_unref);
}

/* Sets the filter's count: @sql, whose parameters are the texts of
 * @params (NULL-terminated). */
static void
filter_set_fast_count (Filter      *filter,
                       char        *sql,
                       const char **params)
{
  g_free (filter->fast_count_sql);
  filter->fast_count_sql = sql;
  g_clear_pointer (&filter->fast_count_params, g_ptr_array_unref);
  filter->fast_count_params = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; params[i] != NULL; i++)
    g_ptr_array_add (filter->fast_count_params, g_strdup (params[i]));
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
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    filter_add_int (filter, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    filter_add_text (filter, g_variant_get_string (value, NULL));
  else
    {
      g_ptr_array_add (filter->params, g_variant_ref (value));
      g_string_append_printf (filter->key, "d%s;",
                              g_ascii_dtostr (buffer, sizeof buffer, g_variant_get_double (value)));
    }
}

/* Each condition asks for a value of its field whose sort column (by the
 * value's type) matches, through the (field_key, sort_*) indexes. */
static void
filter_add_fields (Filter    *filter,
                   GPtrArray *conditions)
{
  static const char * const ops[] = {
    [CLT_FIELD_MATCH_EQUALS]   = " = ?",
    [CLT_FIELD_MATCH_PREFIX]   = " >= ? AND sort_text < ?",
    [CLT_FIELD_MATCH_AT_LEAST] = " >= ?",
    [CLT_FIELD_MATCH_AT_MOST]  = " <= ?",
  };

  for (guint i = 0; conditions != NULL && i < conditions->len; i++)
    {
      FieldCondition *condition = g_ptr_array_index (conditions, i);
      gboolean text = g_variant_is_of_type (condition->value, G_VARIANT_TYPE_STRING);

      g_string_append_printf (filter->where,
                              " AND EXISTS (SELECT 1 FROM customer_field_values"
                              " WHERE customer_pk = c.pk AND field_key = ? AND %s%s)",
                              text ? "sort_text" : "sort_number", ops[condition->match]);
      filter_add_text (filter, condition->key);
      filter_add_variant (filter, condition->value);
      if (condition->upper != NULL)
        filter_add_variant (filter, condition->upper);
    }
}

/* One folded word of the search as a tsquery: its runs of letters and
 * digits (the words of search_vector) as a phrase whose last word is a
 * prefix ("example.org" finds the email, "mul" Müller). The lexemes hold
 * nothing but letters and digits, quoted all the same, so no input can be
 * tsquery syntax. Adds to @tokens what customer_words is to hold: "^run"
 * for a prefix, "=run" for a word; returns how many runs the word has. Of
 * a word of several runs, each but the last is a whole word of the
 * customer's, and only those are added: the last is a prefix, whose
 * range may be a large part of the index ('c': 1.4 million rows of 10.8
 * million, 'com' most of a million), read in full to intersect it with
 * the others even when they are none ('gmail.com': 550 ms for no match);
 * the tsquery checks it on the customers the others leave. */
static guint
append_word_query (GString    *out,
                   const char *word,
                   GPtrArray  *tokens)
{
  GString *token = g_string_new (NULL);
  g_autofree char *last = NULL;
  guint n_tokens = 0;

  g_string_append_c (out, '(');
  for (const char *p = word; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (token, c);
          continue;
        }
      if (token->len > 0)
        {
          g_string_append_printf (out, "%s'%s'", n_tokens++ > 0 ? " <-> " : "", token->str);
          if (last != NULL)
            g_ptr_array_add (tokens, g_strconcat ("=", last, NULL));
          g_free (last);
          last = g_strdup (token->str);
          g_string_truncate (token, 0);
        }
      if (c == 0)
        break;
    }
  g_string_append (out, ":*)");
  g_string_free (token, TRUE);
  if (last != NULL && n_tokens == 1)
    g_ptr_array_add (tokens, g_strconcat ("^", last, NULL));
  return n_tokens;
}

/* Search text becomes (a) a word-prefix match of every word, or (b) when
 * it is a single word of one or two characters, a prefix match on the
 * folded last name, first name and email through the customer_prefixes
 * table. Words without a letter or digit (a lone "-" or "*") cannot match
 * a word and are left out.
 *
 * (a) Each run of letters and digits of the search (a token) must begin
 * a word of the customer's (customer_words, schema version 8): a range
 * of its index per token, the customers of all ranges intersected. That
 * is the whole match when each searched word is one token; a word of
 * several ("example.org") must find them in a row, which the tsquery of
 * search_vector checks on the customers its runs leave (see
 * append_word_query ()).
 *
 * @dense: the caller will walk the sort index and test each row (many
 * rows match), rather than collect the matches and sort them (few match);
 * the match is then tested on each row: the tsquery, on the vector the
 * number order's index holds, and the prefixes by a keyed lookup per row
 * (EXISTS). */
static gboolean
word_has_token (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

#define WORD_RANGE_OF(columns) \
  "SELECT " columns " FROM customer_words WHERE word >= ? AND word < ?"
#define WORD_EQUALS_OF(columns) \
  "SELECT " columns " FROM customer_words WHERE word = ?"

/* Conditions (a) of filter_add_search (). */
static void
filter_add_words (Filter     *filter,
                  const char *match,
                  GPtrArray  *tokens,
                  gboolean    phrase,
                  gboolean    dense)
{
  g_autoptr(GString) ranges = g_string_new (NULL);
  g_autoptr(GString) pairs = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *count_sql = NULL;

  /* U+10FFFF sorts after any character a prefix is followed by. */
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *token = g_ptr_array_index (tokens, i);
      gboolean prefix = token[0] == '^';
      const char *glue = i > 0 ? " INTERSECT " : "";

      g_string_append_printf (ranges, "%s%s", glue,
                              prefix ? WORD_RANGE_OF ("customer_pk") : WORD_EQUALS_OF ("customer_pk"));
      g_string_append_printf (pairs, "%s%s", glue,
                              prefix ? WORD_RANGE_OF ("customer_pk, number_key")
                                     : WORD_EQUALS_OF ("customer_pk, number_key"));
      g_ptr_array_add (params, g_strdup (token + 1));
      if (prefix)
        g_ptr_array_add (params, g_strconcat (token + 1, "\xf4\x8f\xbf\xbf", NULL));
    }

  if (dense)
    {
      g_string_append (filter->where, " AND c.search_vector @@ ?::tsquery");
      filter_add_text (filter, match);
    }
  else
    {
      g_string_append_printf (filter->where, " AND c.pk IN (%s)", ranges->str);
      for (guint i = 0; i < params->len; i++)
        filter_add_text (filter, g_ptr_array_index (params, i));
      if (phrase)
        {
          g_string_append (filter->where, " AND c.search_vector @@ ?::tsquery");
          filter_add_text (filter, match);
        }
    }

  if (!phrase)
    {
      filter->words_sql = tokens->len == 1
                          ? g_strdup ("SELECT DISTINCT customer_pk, number_key FROM customer_words"
                                      " WHERE word >= ? AND word < ?")
                          : g_strdup (pairs->str);
      filter->words_params = g_ptr_array_copy (params, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
      g_ptr_array_set_free_func (filter->words_params, g_free);
    }

  /* The words of anonymized customers are none. */
  if (phrase)
    {
      count_sql = g_strdup_printf ("SELECT count(*) FROM customers"
                                   " WHERE pk IN (%s) AND search_vector @@ ?::tsquery",
                                   ranges->str);
      g_ptr_array_add (params, g_strdup (match));
    }
  else if (tokens->len == 1)
    count_sql = g_strdup ("SELECT count(DISTINCT customer_pk) FROM customer_words"
                          " WHERE word >= ? AND word < ?");
  else
    count_sql = g_strdup_printf ("SELECT count(*) FROM (%s) w", ranges->str);
  g_ptr_array_add (params, NULL);
  filter_set_fast_count (filter, g_steal_pointer (&count_sql), (const char **) params->pdata);
}

static void
filter_add_search (Filter     *filter,
                   const char *search_text,
                   gboolean    dense)
{
  g_autofree char *folded = clt_fold_text (search_text);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GPtrArray) short_words = g_ptr_array_new ();
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  gboolean phrase = FALSE;
  guint n_words = 0;
  guint n_long = 0;

  if (folded[0] == '\0')
    return;

  words = g_strsplit (folded, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (!word_has_token (words[i]))
        continue;

      if (n_words++ > 0)
        g_string_append (match, " & ");
      if (append_word_query (match, words[i], tokens) > 1)
        phrase = TRUE;

      if (g_utf8_strlen (words[i], -1) >= 3)
        n_long++;
      else
        g_ptr_array_add (short_words, words[i]);
    }

  if (n_words == 0)
    return;

  filter->has_text = TRUE;

  /* One short word: the prefix table. Anything more: the words. */
  if (n_long > 0 || n_words > 1)
    {
      filter_add_words (filter, match->str, tokens, phrase, dense);
      return;
    }

  for (guint i = 0; i < short_words->len; i++)
    {
      const char *word = g_ptr_array_index (short_words, i);

      if (dense)
        g_string_append (filter->where,
                         " AND EXISTS (SELECT 1 FROM customer_prefixes p"
                         " WHERE p.prefix = ? AND p.customer_pk = c.pk)");
      else
        g_string_append (filter->where,
                         " AND c.pk IN (SELECT customer_pk FROM customer_prefixes"
                         " WHERE prefix = ?)");
      filter_add_text (filter, word);
    }

  if (short_words->len == 1)
    filter_set_fast_count (filter,
                           g_strdup ("SELECT count(*) FROM customer_prefixes WHERE prefix = ?"),
                           (const char *[]) { g_ptr_array_index (short_words, 0), NULL });
}

static void
filter_init (Filter    *filter,
             CltQuery  *query,
             GPtrArray *conditions,
             gboolean   dense,
             gboolean   hide_pending)
{
  GDateTime *from;
  GDateTime *until;
  gboolean other = FALSE;

  filter->where = g_string_new (NULL);
  filter->params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  filter->key = g_string_new (NULL);
  filter->fast_count_sql = NULL;
  filter->fast_count_params = NULL;
  filter->words_sql = NULL;
  filter->words_params = NULL;
  filter->has_text = FALSE;

  filter_add_search (filter, clt_query_get_search_text (query), dense);
  filter_add_fields (filter, conditions);
  if (conditions != NULL && conditions->len > 0)
    other = TRUE;

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

  /* A group is a semi-join on its index, which the planner runs as a
   * probe per row along the sort walk or as a hash of the members,
   * whichever the group's size calls for (IN and EXISTS plan alike).
   * Alone, it is counted in that index (anonymizing a customer drops their
   * memberships) rather than joined with every listed customer: at
   * 100,000 customers, 25,000 members counted in ~20 ms instead of
   * ~250 ms. */
  if (clt_query_get_group (query)[0] != '\0')
    {
      g_string_append (filter->where,
                       " AND c.pk IN (SELECT customer_pk FROM customer_groups"
                       " WHERE group_code = ?)");
      filter_add_text (filter, clt_query_get_group (query));
      if (!filter->has_text)
        {
          filter_set_fast_count (filter,
                                 g_strdup ("SELECT count(*) FROM customer_groups"
                                           " WHERE group_code = ?"),
                                 (const char *[]) { clt_query_get_group (query), NULL });
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
      filter_add_int (filter, sql_date_time_to_usec (from));
      other = TRUE;
    }

  until = clt_query_get_registered_until (query);
  if (until != NULL)
    {
      g_string_append (filter->where, " AND c.registered < ?");
      filter_add_int (filter, sql_date_time_to_usec (until));
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
      g_clear_pointer (&filter->fast_count_params, g_ptr_array_unref);
    }
  g_string_prepend (filter->key, filter->where->str);
}

static void
bind_variant (CltSqlStmt *stmt,
              int         index,
              GVariant   *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    clt_sql_bind_int64 (stmt, index, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    clt_sql_bind_double (stmt, index, g_variant_get_double (value));
  else
    clt_sql_bind_text (stmt, index, g_variant_get_string (value, NULL), -1, CLT_SQL_TRANSIENT);
}

static void
bind_params (CltSqlStmt *stmt,
             GPtrArray  *params,
             int         first)
{
  for (guint i = 0; i < params->len; i++)
    bind_variant (stmt, first + i, g_ptr_array_index (params, i));
}

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

/* Whether @query narrows nothing but by its search text. */
static gboolean
only_text_filters (CltQuery *query)
{
  g_autoptr(CltQuery) plain = clt_query_copy (query);

  clt_query_set_search_text (plain, "");
  return clt_query_is_unfiltered (plain);
}

/* What a reader caches is good while nothing was committed since it was
 * computed (clt_data_version). */
static void
reader_check_version (Reader *reader)
{
  gint64 version = reader->snapshot_version;

  if (version != reader->data_version)
    {
      g_clear_pointer (&reader->fields, pgs_fields_free);
      reader->data_version = version;
    }
}

/* Counts and page anchors are kept while nothing was committed since
 * (clt_data_version), for every reader of the store: each is made once,
 * whichever connection serves each request (a search's count is most of
 * its cost: 184 ms warm, 665 cold for 'gmbh' at 1,000,000 customers; the
 * anchors of one order walk its whole index, ~1 s). A reader whose
 * snapshot is older than what is kept neither reads nor keeps any; a
 * newer one starts anew. Called under cache_lock: whether what a reader
 * of @version made may be kept. */
static gboolean
cache_admits (CltPgStore *self,
              gint64      version)
{
  if (version > self->cache_version)
    {
      g_hash_table_remove_all (self->counts);
      g_hash_table_remove_all (self->anchors);
      self->cache_version = version;
    }
  return version == self->cache_version;
}

/* Under cache_lock: the value of @key kept in @table (counts, anchors)
 * for a reader of @version. While another reader of that version makes
 * it, waits for it: one count or walk serves every request that asked
 * meanwhile (at a cold start, all of the pool's connections asked for
 * the same). FALSE when the caller is to make it; *@claim is then set
 * when the others are to wait for the caller, until cache_end_claim (). */
static gboolean
cache_lookup (CltPgStore  *self,
              GHashTable  *table,
              gint64       version,
              const char  *key,
              gpointer    *value,
              char       **claim)
{
  g_autofree char *making_key = g_strdup_printf ("%p|%s", (gpointer) table, key);
  gint64 *making;

  for (;;)
    {
      if (version == self->cache_version && g_hash_table_lookup_extended (table, key, NULL, value))
        return TRUE;
      making = g_hash_table_lookup (self->making, making_key);
      if (making == NULL || *making != version)
        break;
      g_cond_wait (&self->cache_made, &self->cache_lock);
    }

  if (making == NULL && version >= self->cache_version)
    {
      g_hash_table_insert (self->making, g_strdup (making_key), g_memdup2 (&version, sizeof version));
      *claim = g_steal_pointer (&making_key);
    }
  return FALSE;
}

/* Under cache_lock: the caller made what it claimed (or failed to). */
static void
cache_end_claim (CltPgStore *self,
                 char       *claim)
{
  if (claim == NULL)
    return;
  g_hash_table_remove (self->making, claim);
  g_free (claim);
  g_cond_broadcast (&self->cache_made);
}

/* Under cache_lock: keeps @value, made by a reader of @version, in
 * @table of at most @max values; FALSE when it is too old to keep. */
static gboolean
cache_keep (CltPgStore *self,
            GHashTable *table,
            guint       max,
            gint64      version,
            const char *key,
            gpointer    value)
{
  if (!cache_admits (self, version))
    return FALSE;
  if (g_hash_table_size (table) >= max)
    g_hash_table_remove_all (table);
  g_hash_table_insert (table, g_strdup (key), value);
  return TRUE;
}

/* Page anchors {{{ */

/* A deep page by OFFSET walks every index entry before it: at a million
 * customers a page in the middle costs ~50 ms. Anchors remember the sort
 * key and pk of every ANCHOR_STRIDEth row of one filter and order, made
 * by one walk of the index; a deep page then starts from the anchor before
 * it ((key, pk) >= anchor, a seek) and skips fewer than ANCHOR_STRIDE
 * rows. They are kept by the store, for all its connections, until something
 * is committed (cache_admits ()). The stride is the walk's page step: a
 * walked page (any size in steps of WALK_PAGE_SIZES) starts at its anchor
 * and skips nothing. With a stride of 256 a page skipped 128 entries on
 * average in an index-only scan whose visibility checks hop between the
 * visibility map's pages: some 90 of a page's ~330 buffer lookups. A set
 * of anchors of 1,000,000 customers holds 20,000 (about 2 MB). */
#define ANCHOR_STRIDE      WALK_PAGE_SIZES
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
pgs_anchors_free (Anchors *anchors)
{
  g_ptr_array_unref (anchors->keys);
  g_array_unref (anchors->pks);
  g_free (anchors);
}

static GVariant *
column_variant (CltSqlStmt *stmt,
                int         column)
{
  switch (clt_sql_column_type (stmt, column))
    {
    case CLT_SQL_NULL:
      return NULL;
    default:
      return g_variant_ref_sink (g_variant_new_string ((const char *) clt_sql_column_text (stmt, column)));
    }
}

/* The anchors of @filter in the order @key @dir, by one walk of its index.
 * NULL with @error set when the walk failed. */
static Anchors *
make_anchors (CltPgStore  *self,
              Reader      *reader,
              Filter      *filter,
              CltSortKey   key,
              const char  *dir,
              GError     **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  Anchors *anchors;
  gint64 row = 0;
  int rc;

  sql = g_strdup_printf ("SELECT %s, c.pk FROM customers c WHERE c.listed = 1%s"
                         " ORDER BY %s %s, c.pk %s",
                         sort_columns[key], filter->where->str, sort_columns[key], dir, dir);
  stmt = pgs_prepare (self, reader->db, sql, error);
  if (stmt == NULL)
    return NULL;
  bind_params (stmt, filter->params, 1);

  anchors = g_new0 (Anchors, 1);
  anchors->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) variant_unref0);
  anchors->pks = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = clt_sql_step (stmt)) == CLT_SQL_ROW)
    {
      if (row++ % ANCHOR_STRIDE == 0)
        {
          gint64 pk = clt_sql_column_int64 (stmt, 1);

          g_ptr_array_add (anchors->keys, column_variant (stmt, 0));
          g_array_append_val (anchors->pks, pk);
        }
    }

  if (rc != CLT_SQL_DONE)
    {
      pgs_anchors_free (anchors);
      pgs_set_db_error (self, error, reader->db, rc);
      return NULL;
    }
  return anchors;
}

/* Picks the anchor at or before @offset from @anchors: its key (NULL for
 * none, or SQL NULL), pk and offset. */
static void
pick_anchor (Anchors   *anchors,
             guint      offset,
             GVariant **anchor_key,
             gint64    *anchor_pk,
             gint64    *anchor_offset)
{
  guint index = offset / ANCHOR_STRIDE;
  GVariant *found;

  if (anchors->pks->len == 0)
    return;
  index = MIN (index, anchors->pks->len - 1);
  found = g_ptr_array_index (anchors->keys, index);
  if (found == NULL)
    return;
  *anchor_key = g_variant_ref (found);
  *anchor_pk = g_array_index (anchors->pks, gint64, index);
  *anchor_offset = (gint64) index * ANCHOR_STRIDE;
}

/* The anchor of the page at @offset of @filter in the order @key @dir,
 * the anchors made when the store keeps none for the reader's snapshot.
 * *@anchor_key stays NULL when there is none to start from (SQL NULL
 * compares to nothing: such a page walks as before). */
static gboolean
find_anchor (CltPgStore  *self,
             Reader      *reader,
             Filter      *filter,
             CltSortKey   key,
             const char  *dir,
             guint        offset,
             GVariant   **anchor_key,
             gint64      *anchor_pk,
             gint64      *anchor_offset,
             GError     **error)
{
  g_autofree char *cache_key = g_strdup_printf ("%s|%d|%s", filter->key->str, key, dir);
  gint64 version = reader->snapshot_version;
  gpointer kept = NULL;
  char *claim = NULL;
  Anchors *anchors;
  gboolean found;
  gboolean made;

  g_mutex_lock (&self->cache_lock);
  found = cache_lookup (self, self->anchors, version, cache_key, &kept, &claim);
  if (found)
    pick_anchor (kept, offset, anchor_key, anchor_pk, anchor_offset);
  g_mutex_unlock (&self->cache_lock);
  if (found)
    return TRUE;

  anchors = make_anchors (self, reader, filter, key, dir, error);
  made = anchors != NULL;
  if (made)
    pick_anchor (anchors, offset, anchor_key, anchor_pk, anchor_offset);

  g_mutex_lock (&self->cache_lock);
  if (made && cache_keep (self, self->anchors, MAX_ANCHOR_SETS, version, cache_key, anchors))
    anchors = NULL;
  cache_end_claim (self, claim);
  g_mutex_unlock (&self->cache_lock);
  g_clear_pointer (&anchors, pgs_anchors_free);
  return made;
}

/* }}} */

/* Counts the matches of @filter in the reader's snapshot. */
static gboolean
run_count (CltPgStore  *self,
           Reader      *reader,
           Filter      *filter,
           gint64      *count,
           GError     **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  if (filter->fast_count_sql != NULL)
    sql = g_strdup (filter->fast_count_sql);
  else if (filter->where->len == 0)
    sql = g_strdup ("SELECT (SELECT count(*) FROM customers)"
                    " - (SELECT count(*) FROM customers WHERE anonymized_at IS NOT NULL)");
  else
    sql = g_strdup_printf ("SELECT count(*) FROM customers c WHERE c.listed = 1%s",
                           filter->where->str);

  stmt = pgs_prepare (self, reader->db, sql, error);
  if (stmt == NULL)
    return FALSE;

  if (filter->fast_count_sql != NULL)
    for (guint i = 0; i < filter->fast_count_params->len; i++)
      sql_bind_text (stmt, i + 1, g_ptr_array_index (filter->fast_count_params, i));
  else
    bind_params (stmt, filter->params, 1);

  rc = clt_sql_step (stmt);
  if (rc != CLT_SQL_ROW)
    {
      pgs_set_db_error (self, error, reader->db, rc);
      return FALSE;
    }

  *count = clt_sql_column_int64 (stmt, 0);
  return TRUE;
}

/* Counts: typing a letter and deleting it again, or paging through one
 * query, counts once (see cache_admits ()). */
static gboolean
count_query (CltPgStore  *self,
             Reader      *reader,
             CltQuery    *query,
             GPtrArray   *conditions,
             gboolean     hide_pending,
             gint64      *count,
             GError     **error)
{
  gint64 version = reader->snapshot_version;
  gpointer kept = NULL;
  char *claim = NULL;
  Filter filter;
  gboolean found;
  gboolean made;

  filter_init (&filter, query, conditions, FALSE, hide_pending);

  g_mutex_lock (&self->cache_lock);
  found = cache_lookup (self, self->counts, version, filter.key->str, &kept, &claim);
  g_mutex_unlock (&self->cache_lock);
  if (found)
    {
      *count = GPOINTER_TO_SIZE (kept);
      filter_clear (&filter);
      return TRUE;
    }

  made = run_count (self, reader, &filter, count, error);

  g_mutex_lock (&self->cache_lock);
  if (made)
    cache_keep (self, self->counts, MAX_COUNT_CACHE, version, filter.key->str,
                GSIZE_TO_POINTER (*count));
  cache_end_claim (self, claim);
  g_mutex_unlock (&self->cache_lock);
  filter_clear (&filter);

  return made;
}

/* The query's custom field filters, each value read by its field's type
 * (clt_custom_field_parse_filter_value ()); a field that does not exist,
 * or a value its type cannot hold, is INVALID. Checks the sort field too. */
static gboolean
resolve_field_filters (CltPgStore  *self,
                       PgConn      *db,
                       CltQuery    *query,
                       GPtrArray  **out,
                       GError     **error)
{
  g_autoptr(GPtrArray) conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) field_condition_free);
  g_autoptr(CltSqlStmt) lookup = NULL;
  const char *sort_field = clt_query_get_sort_field (query);
  guint n = clt_query_get_n_field_filters (query);

  *out = NULL;
  if (n == 0 && sort_field[0] == '\0')
    return TRUE;

  lookup = pgs_prepare (self, db, "SELECT type FROM custom_fields WHERE key = ? AND purging = 0", error);
  if (lookup == NULL)
    return FALSE;

  /* The sort field last (i == n): only that it exists. */
  for (guint i = 0; i <= n; i++)
    {
      CltFieldMatch match = CLT_FIELD_MATCH_EQUALS;
      const char *text = NULL;
      const char *key = i < n ? clt_query_get_field_filter (query, i, &match, &text) : sort_field;
      g_autofree char *message = NULL;
      FieldCondition *condition;
      GVariant *value;
      int rc;

      if (key[0] == '\0')
        continue;

      clt_sql_reset (lookup);
      sql_bind_text (lookup, 1, key);
      rc = clt_sql_step (lookup);
      if (rc == CLT_SQL_DONE)
        {
          g_propagate_error (error, clt_store_error_new_invalid (i < n ? "field-filters" : "sort-field",
                                                                 _("There is no custom field “%s”."),
                                                                 key));
          return FALSE;
        }
      if (rc != CLT_SQL_ROW)
        {
          pgs_set_db_error (self, error, db, rc);
          return FALSE;
        }
      if (i == n)
        break;

      value = clt_custom_field_parse_filter_value (clt_sql_column_int (lookup, 0), match, text, &message);
      if (value == NULL)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("field-filters", "%s: %s",
                                                                 key, message));
          return FALSE;
        }

      condition = g_new0 (FieldCondition, 1);
      condition->key = g_strdup (key);
      condition->match = match;
      condition->value = g_variant_ref_sink (value);
      /* U+10FFFF sorts after any character a prefix is followed by. */
      if (match == CLT_FIELD_MATCH_PREFIX)
        condition->upper = g_variant_ref_sink (g_variant_new_take_string (
          g_strconcat (g_variant_get_string (value, NULL), "\xf4\x8f\xbf\xbf", NULL)));
      g_ptr_array_add (conditions, condition);
    }

  if (conditions->len > 0)
    *out = g_steal_pointer (&conditions);
  return TRUE;
}

/* One statement (pgs_page_sql ()): the page's pks first, which for the
 * plain table walks only the sort index (a deep OFFSET then skips index
 * entries, not rows), then the rows themselves by pk, with their groups
 * and custom field values. One read transaction holds all.
 *
 * With searched text the plan depends on how many rows match: walking the
 * sort index and testing each row finds a page quickly when matches are
 * dense; when they are sparse it would test the whole table, and
 * collecting the matches and sorting them is cheaper. The (cached) count
 * decides.
 *
 * Sorted by a custom field, the customers with a value come first, in the
 * order of its sort column, then those without one by pk, in either
 * direction; such a page starts from no anchor. */
static gboolean
list_customers_read (CltPgStore *self,
                     Reader         *reader,
                     gpointer        user_data,
                     GCancellable   *cancellable,
                     GTask          *task,
                     GError        **error)
{
  CustomersData *data = user_data;
  CltSortKey key = clt_query_get_sort_key (data->query);
  const char *sort_field = clt_query_get_sort_field (data->query);
  g_autoptr(GPtrArray) conditions = NULL;
  gboolean descending = clt_query_get_sort_direction (data->query) == CLT_SORT_DESCENDING;
  const char *dir = descending ? "DESC" : "ASC";
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autofree char *pks_sql = NULL;
  g_autofree char *sql = NULL;
  Filter filter;
  gboolean dense = TRUE;
  gboolean from_words = FALSE;
  gboolean walk = FALSE;
  gint64 total = -1;
  g_autoptr(GVariant) anchor_key = NULL;
  gint64 anchor_pk = 0;
  gint64 anchor_offset = 0;
  int next_param;
  gboolean hide_pending;
  gboolean ok;

  if ((guint) key >= CLT_N_SORT_KEYS)
    key = CLT_SORT_KEY_NUMBER;

  if (!resolve_field_filters (self, reader->db, data->query, &conditions, error))
    return FALSE;

  /* Asked once per read (in its snapshot), for every count and the page. */
  hide_pending = reader->pending_deletions;
  reader_check_version (reader);

  /* A filtered page is planned for its values: a generic plan knows
   * neither how many rows a value matches nor the page's LIMIT and
   * OFFSET (it plans for a tenth of the table), and after five runs may
   * settle on a parallel scan and sort for 50 rows. The plain list keeps
   * its cached plan: the sort index is its only sensible one. Left to
   * choose, PostgreSQL planned it anew every time (a generic plan's
   * unknown LIMIT looks costly), ~2 ms of a ~4 ms request. */
  if (!pgs_set_plan_mode (self, reader,
                          !clt_query_is_unfiltered (data->query) || sort_field[0] != '\0'
                            ? PG_PLAN_CUSTOM : PG_PLAN_GENERIC,
                          error))
    return FALSE;

  if (clt_query_get_search_text (data->query)[0] != '\0')
    {
      g_autoptr(CltQuery) everyone = clt_query_new ();
      gint64 n_matches = 0;
      gint64 n_total = 0;

      if (!count_query (self, reader, data->query, conditions, hide_pending, &n_matches, error) ||
          !count_query (self, reader, everyone, NULL, hide_pending, &n_total, error))
        return FALSE;

      /* Walking: about (offset + limit) * total / matches rows tested;
       * sorting: about matches rows fetched and sorted. */
      dense = (double) (data->offset + data->limit) * (double) n_total
              < 4.0 * (double) n_matches * (double) n_matches;

      /* Text that every customer matches ("example", the number prefix)
       * filters nothing: skip collecting a million matches. */
      if (n_matches == n_total && only_text_filters (data->query))
        {
          g_autoptr(CltQuery) plain = clt_query_copy (data->query);

          clt_query_set_search_text (plain, "");
          g_set_object (&data->query, plain);
        }
    }

  filter_init (&filter, data->query, conditions, dense, hide_pending);

  /* A deep page of a walk along the sort index starts from its anchor. */
  if (sort_field[0] == '\0' && dense && !filter.has_text && data->offset >= ANCHOR_MIN_OFFSET)
    {
      if (!find_anchor (self, reader, &filter, key, dir, data->offset,
                        &anchor_key, &anchor_pk, &anchor_offset, error))
        {
          filter_clear (&filter);
          return FALSE;
        }
    }

  if (sort_field[0] != '\0')
    pks_sql = g_strdup_printf ("SELECT c.pk FROM customers c"
                           " LEFT JOIN customer_field_values v"
                           " ON v.customer_pk = c.pk AND v.field_key = ?"
                           " WHERE c.listed = 1%s"
                           " ORDER BY v.customer_pk IS NULL, v.sort_number %s, v.sort_text %s,"
                           " c.pk %s LIMIT ? OFFSET ?",
                           filter.where->str, dir, dir, dir);
  else if ((from_words = !dense && key == CLT_SORT_KEY_NUMBER && filter.words_sql != NULL &&
                         !hide_pending && only_text_filters (data->query)))
    /* Few matches in the default order: collected and sorted in the index
     * of customer_words, which holds each customer's number. */
    pks_sql = g_strdup_printf ("SELECT w.customer_pk FROM (%s) w"
                               " ORDER BY w.number_key %s, w.customer_pk %s LIMIT ? OFFSET ?",
                               filter.words_sql, dir, dir);
  else if (!dense)
    /* Few matches: collected, then sorted. Given the bare condition, the
     * planner walked the sort index and tested each row even so (its
     * estimate of a word prefix's matches is a guess): 'anna' at
     * 1,000,000 customers (9,646 matches), page 11, 571 ms walking
     * against 26 ms collected (OFFSET 0 keeps the subquery apart). */
    pks_sql = g_strdup_printf ("SELECT s.pk FROM (SELECT c.pk, %s AS k FROM customers c"
                               " WHERE c.listed = 1%s OFFSET 0) s"
                               " ORDER BY s.k %s, s.pk %s LIMIT ? OFFSET ?",
                               sort_columns[key], filter.where->str, dir, dir);
  else if ((walk = clt_query_is_unfiltered (data->query) && key != CLT_SORT_KEY_REGISTERED
                   && data->limit % WALK_PAGE_SIZES == 0))
    {
      /* The plain list (any pending deletions left out), in the order of
       * a column that holds no NULL (registered may): a walk from the
       * page's first row, see pgs_walk_page_sql (). Its page size is in
       * the statement's text, and each text is prepared once on each
       * connection: only sizes in steps of WALK_PAGE_SIZES (the app's
       * pages of 100 and their multiples, the REST API's default of 50)
       * walk, so that a client asking every size from 1 to 500 prepares
       * at most ten such statements per order, not 500. */
      g_autofree char *start = NULL;

      start = anchor_key != NULL ? g_strdup_printf (" AND (%s, c.pk) %s (?, ?)", sort_columns[key],
                                                    descending ? "<=" : ">=")
                                 : g_strdup ("");
      sql = pgs_walk_page_sql (sort_columns[key], filter.where->str, start, descending,
                               data->offset != anchor_offset, data->limit);
    }
  else
    pks_sql = g_strdup_printf ("SELECT c.pk FROM customers c"
                           " WHERE c.listed = 1%s%s%s%s"
                           " ORDER BY %s %s, c.pk %s LIMIT ? OFFSET ?",
                           filter.where->str,
                           anchor_key != NULL ? " AND (" : "",
                           anchor_key != NULL ? sort_columns[key] : "",
                           anchor_key != NULL ? (descending ? ", c.pk) <= (?, ?)" : ", c.pk) >= (?, ?)") : "",
                           sort_columns[key], dir, dir);
  if (sql == NULL)
    sql = pgs_page_sql (pks_sql);

  stmt = pgs_prepare (self, reader->db, sql, error);
  if (stmt == NULL)
    {
      filter_clear (&filter);
      return FALSE;
    }

  next_param = 1;
  if (sort_field[0] != '\0')
    sql_bind_text (stmt, next_param++, sort_field);
  if (from_words)
    for (guint i = 0; i < filter.words_params->len; i++)
      sql_bind_text (stmt, next_param++, g_ptr_array_index (filter.words_params, i));
  else
    {
      bind_params (stmt, filter.params, next_param);
      next_param += filter.params->len;
    }
  if (anchor_key != NULL)
    {
      bind_variant (stmt, next_param++, anchor_key);
      clt_sql_bind_int64 (stmt, next_param++, anchor_pk);
    }
  if (walk && data->offset != anchor_offset)
    {
      clt_sql_bind_int64 (stmt, next_param++, data->offset - anchor_offset);
      bind_params (stmt, filter.params, next_param);
    }
  else if (!walk)
    {
      clt_sql_bind_int64 (stmt, next_param++, data->limit);
      clt_sql_bind_int64 (stmt, next_param, data->offset - anchor_offset);
    }
  filter_clear (&filter);

  ok = pgs_read_page (self, reader, stmt, &customers, error);
  clt_sql_reset (stmt);

  /* The total from the same snapshot as the rows. */
  if (ok && (data->flags & CLT_LIST_FLAGS_WITH_TOTAL) != 0)
    ok = count_query (self, reader, data->query, conditions, hide_pending, &total, error);

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
clt_pg_store_list_customers (CltStore            *store,
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
      pgs_return_invalid (store, clt_pg_store_list_customers, error, cancellable, callback,
                      user_data);
      return;
    }

  data = g_new0 (CustomersData, 1);
  data->query = clt_query_copy (query);
  data->offset = page_index * page_size;
  data->limit = page_size;
  data->flags = flags;
  pgs_run_read (CLT_PG_STORE (store), clt_pg_store_list_customers, list_customers_read,
            data, (GDestroyNotify) customers_data_free, cancellable, callback, user_data);
}

static gboolean
get_customer_read (CltPgStore *self,
                   Reader         *reader,
                   gpointer        user_data,
                   GCancellable   *cancellable,
                   GTask          *task,
                   GError        **error)
{
  CustomersData *data = user_data;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(CltSqlStmt) stmt = NULL;

  stmt = pgs_prepare (self, reader->db,
                  "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sql_bind_text (stmt, 1, data->id);
  if (!pgs_select_rows (self, reader->db, stmt, &customers, error))
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
clt_pg_store_get_customer (CltStore            *store,
                               const char          *customer_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CustomersData *data = g_new0 (CustomersData, 1);

  data->id = g_strdup (customer_id);
  pgs_run_read (CLT_PG_STORE (store), clt_pg_store_get_customer, get_customer_read,
            data, (GDestroyNotify) customers_data_free, cancellable, callback, user_data);
}

/* One read for the customer page: everything it shows from one snapshot,
 * where a REST back end answers one request. */
static gboolean
get_customer_details_read (CltPgStore *self,
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

  ok = pgs_lookup_customer_pk (self, reader->db, data->id, &pk, error) &&
       pgs_read_customer_by_pk (self, reader->db, pk, &customer, error) &&
       pgs_select_customer_list (self, reader->db, CUSTOMER_ADDRESSES, pk, data->id, &addresses, error) &&
       pgs_select_customer_list (self, reader->db, CUSTOMER_NOTES, pk, data->id, &notes, error) &&
       pgs_select_customer_list (self, reader->db, CUSTOMER_ORDERS, pk, data->id, &orders, error) &&
       pgs_select_emails (self, reader->db, pk, data->id, &emails, error) &&
       pgs_select_customer_shop_data (self, reader->db, pk, clt_customer_get_company_id (customer),
                                  &sites, &groups, &company, error) &&
       pgs_select_assisted_sessions (self, reader->db, pk, &assisted_buying, error) &&
       pgs_select_marketing (self, reader->db, pk, &marketing, error);

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
clt_pg_store_get_customer_details (CltStore            *store,
                                       const char          *customer_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  CustomersData *data = g_new0 (CustomersData, 1);

  data->id = g_strdup (customer_id);
  pgs_run_read (CLT_PG_STORE (store), clt_pg_store_get_customer_details,
            get_customer_details_read, data, (GDestroyNotify) customers_data_free,
            cancellable, callback, user_data);
}

/* }}} */

void
clt_pg_store_query_iface_init (CltStoreInterface *iface)
{
  iface->list_customers = clt_pg_store_list_customers;
  iface->get_customer = clt_pg_store_get_customer;
  iface->get_customer_details = clt_pg_store_get_customer_details;
}
