/* clt-sqlite-store-rowset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rowsets: the customers a read's set conditions select (searched text,
 * a group, custom field conditions), collected once in C. Each condition
 * is a list of customer rowids from one index; more than one are
 * intersected in a bitmap, a sequential step per entry rather than a
 * keyed lookup (about 0.9 µs) per row. The read then counts the rowset's
 * length, tests a row along the sort walk with clt_rowset_has (c.pk), or
 * starts from the rowids (json_each) when they are few: the full-text
 * query, or the group and the custom field, are each evaluated once per
 * read instead of once for the count and again for the page.
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include "clt-sqlite-store-private.h"

struct _Rowset
{
  char     *key;
  GArray   *pks;           /* gint64, ascending */
  char     *json;          /* the pks as a JSON array, made when first asked */
  guint64  *bits;          /* the pks as a bitmap, made when first tested */
  gsize     n_words;       /* of @bits: the last pk / 64 + 1 */
  gboolean  holds_fields;  /* the query's custom field conditions are in it */
};

/* What one source's rowids go into: @out_pks, or the bits of @out_bits
 * also set in @in_bits (NULL: every rowid up to @max_pk). */
typedef struct _RowsetTake RowsetTake;

struct _RowsetTake
{
  guint64 *in_bits;
  guint64 *out_bits;
  gint64   max_pk;
  GArray  *out_pks;
  guint    n_pks;    /* of @out_pks taken so far; its length runs ahead */
};

struct _RowsetSource
{
  char      *sql;        /* yields one column: customer rowids; or two, see words */
  gboolean   words;      /* sql yields (word, bits): the rowids word * 64 + each bit set */
  GPtrArray *params;     /* GVariant: string, int64 or double */
  char      *count_sql;  /* how many rowids sql yields (one row, one column) */
  char      *probe_sql;  /* a row when the rowid bound after params is in it */
  const FieldCondition *range;  /* counted by field_range_count () instead, or NULL */
};

RowsetSource *
rowset_source_new (const char *sql)
{
  RowsetSource *source = g_new0 (RowsetSource, 1);

  source->sql = g_strdup (sql);
  source->params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  return source;
}

/* A source whose @sql yields rowids as bitmap words: a word's index and
 * its 64 bits, rowid word * 64 + b for each bit b set (schema 10's
 * customer_group_words). */
RowsetSource *
rowset_source_new_words (const char *sql)
{
  RowsetSource *source = rowset_source_new (sql);

  source->words = TRUE;
  return source;
}

/* @count_sql counts the rowids of the source cheaply (from kept counts),
 * @probe_sql tests one rowid, bound after the source's parameters. */
void
rowset_source_set_probe (RowsetSource *source,
                         const char   *count_sql,
                         const char   *probe_sql)
{
  g_free (source->count_sql);
  g_free (source->probe_sql);
  source->count_sql = g_strdup (count_sql);
  source->probe_sql = g_strdup (probe_sql);
}

/* The source is @range's matches (borrowed: the read's condition):
 * counted from the buckets of its values (schema 11), not by summing a
 * count per value ("member 12": 10,000 of them, ~9 M instructions each
 * time a group with it chose how to intersect). */
void
rowset_source_set_range (RowsetSource         *source,
                         const FieldCondition *range)
{
  source->range = range;
}

void
rowset_source_add (RowsetSource *source,
                   GVariant     *value)
{
  g_ptr_array_add (source->params, g_variant_ref_sink (value));
}

void
rowset_source_free (RowsetSource *source)
{
  g_free (source->sql);
  g_ptr_array_unref (source->params);
  g_free (source->count_sql);
  g_free (source->probe_sql);
  g_free (source);
}

static void
rowset_clear (gpointer data)
{
  Rowset *rowset = data;

  g_free (rowset->key);
  g_array_unref (rowset->pks);
  g_free (rowset->json);
  g_free (rowset->bits);
}

/* A reader's cache and its current read each hold a reference: a commit
 * seen while the read runs empties the cache, not the read's rowset. */
Rowset *
rowset_ref (Rowset *rowset)
{
  return g_rc_box_acquire (rowset);
}

void
rowset_unref (Rowset *rowset)
{
  g_rc_box_release_full (rowset, rowset_clear);
}

guint
rowset_get_length (Rowset *rowset)
{
  return rowset->pks->len;
}

/* Whether the rowset holds the custom field conditions of its query as
 * well as its text and group; TRUE unless rowset_set_holds_fields ()
 * said otherwise. */
gboolean
rowset_holds_fields (Rowset *rowset)
{
  return rowset->holds_fields;
}

void
rowset_set_holds_fields (Rowset   *rowset,
                         gboolean  holds_fields)
{
  rowset->holds_fields = holds_fields;
}

const char *
rowset_get_key (Rowset *rowset)
{
  return rowset->key;
}

const char *
rowset_get_json (Rowset *rowset)
{
  if (rowset->json == NULL)
    rowset->json = pks_to_json (rowset->pks);

  return rowset->json;
}

/* A bit per rowid up to the last: the sort walk tests every row it
 * passes (23,500 for the first page of "o'brien"), where a binary search
 * through the rowids took some twelve unpredictable branches a row. At a
 * million customers the bitmap is 125 kB. Rowids far apart (at most 128
 * bytes of bitmap a rowid, past the first 32 kB) are searched instead. */
static gboolean
rowset_contains (Rowset *rowset,
                 gint64  pk)
{
  const gint64 *pks = (const gint64 *) (gpointer) rowset->pks->data;
  guint n = rowset->pks->len;
  guint low = 0;
  guint high = n;

  if (rowset->bits == NULL && n > 0 && pks[0] >= 0 &&
      (guint64) pks[n - 1] / 64 < 16 * (guint64) n + 4096)
    {
      rowset->n_words = (gsize) pks[n - 1] / 64 + 1;
      rowset->bits = g_new0 (guint64, rowset->n_words);
      for (guint i = 0; i < n; i++)
        rowset->bits[pks[i] / 64] |= G_GUINT64_CONSTANT (1) << (pks[i] % 64);
    }

  if (rowset->bits != NULL)
    return pk >= 0 && (guint64) pk / 64 < rowset->n_words &&
           (rowset->bits[pk / 64] & (G_GUINT64_CONSTANT (1) << (pk % 64))) != 0;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (pks[mid] < pk)
        low = mid + 1;
      else if (pks[mid] > pk)
        high = mid;
      else
        return TRUE;
    }

  return FALSE;
}

/* clt_rowset_has (pk): whether @pk is in the rowset of the reader's
 * current read (none: nothing is). */
static void
rowset_has_func (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  Reader *reader = sqlite3_user_data (context);

  g_assert (argc == 1);
  sqlite3_result_int (context,
                      reader->rowset != NULL &&
                      sqlite3_value_type (argv[0]) == SQLITE_INTEGER &&
                      rowset_contains (reader->rowset, sqlite3_value_int64 (argv[0])));
}

static void
take_pk (RowsetTake *take,
         gint64      pk)
{
  /* Written in place, the array grown by halves: g_array_append_val ()
   * per rowid, a call and a memcpy (), was half the cost of taking a
   * rowid (typing's collections: 291 M instructions taking, 151 M now). */
  if (take->out_bits == NULL)
    {
      if (take->n_pks == take->out_pks->len)
        g_array_set_size (take->out_pks, MAX (64, take->n_pks + take->n_pks / 2));
      g_array_index (take->out_pks, gint64, take->n_pks++) = pk;
      return;
    }
  /* Past the last customer (the snapshot has none): in no set. */
  if (pk < 0 || pk > take->max_pk)
    return;
  if (take->in_bits == NULL || (take->in_bits[pk / 64] & (G_GUINT64_CONSTANT (1) << (pk % 64))) != 0)
    take->out_bits[pk / 64] |= G_GUINT64_CONSTANT (1) << (pk % 64);
}

/* The rowids of one bitmap word: into @out_pks ascending, or its bits
 * (those in @in_bits) set in @out_bits at once. */
static void
take_word (RowsetTake *take,
           gint64      word,
           guint64     bits)
{
  if (take->out_bits == NULL)
    {
      for (; bits != 0; bits &= bits - 1)
        take_pk (take, word * 64 + __builtin_ctzll (bits));
      return;
    }
  /* As take_pk (): past the last customer, in no set. */
  if (word < 0 || take->max_pk < 0 || word > take->max_pk / 64)
    return;
  if (word == take->max_pk / 64 && take->max_pk % 64 != 63)
    bits &= (G_GUINT64_CONSTANT (1) << (take->max_pk % 64 + 1)) - 1;
  if (take->in_bits != NULL)
    bits &= take->in_bits[word];
  take->out_bits[word] |= bits;
}

/* clt_rowset_take_word (word, bits): adds the rowids of a bitmap word to
 * the collection under way (none: nothing); returns NULL. */
static void
rowset_take_word_func (sqlite3_context  *context,
                       int               argc,
                       sqlite3_value   **argv)
{
  Reader *reader = sqlite3_user_data (context);

  g_assert (argc == 2);
  if (reader->take != NULL && sqlite3_value_type (argv[0]) == SQLITE_INTEGER &&
      sqlite3_value_type (argv[1]) == SQLITE_INTEGER)
    take_word (reader->take, sqlite3_value_int64 (argv[0]),
               (guint64) sqlite3_value_int64 (argv[1]));
  sqlite3_result_null (context);
}

/* clt_rowset_take (pk): adds @pk to the collection under way (none:
 * nothing); returns NULL. */
static void
rowset_take_func (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  Reader *reader = sqlite3_user_data (context);

  g_assert (argc == 1);
  if (reader->take != NULL && sqlite3_value_type (argv[0]) == SQLITE_INTEGER)
    take_pk (reader->take, sqlite3_value_int64 (argv[0]));
  sqlite3_result_null (context);
}

void
reader_add_rowset_function (Reader *reader)
{
  sqlite3_create_function_v2 (reader->db, "clt_rowset_has", 1,
                              SQLITE_UTF8 | SQLITE_INNOCUOUS, reader, rowset_has_func,
                              NULL, NULL, NULL);
  /* Not innocuous: it writes to the reader's memory. Only the store's own
   * statements call it. */
  sqlite3_create_function_v2 (reader->db, "clt_rowset_take", 1,
                              SQLITE_UTF8 | SQLITE_DIRECTONLY, reader, rowset_take_func,
                              NULL, NULL, NULL);
  sqlite3_create_function_v2 (reader->db, "clt_rowset_take_word", 2,
                              SQLITE_UTF8 | SQLITE_DIRECTONLY, reader, rowset_take_word_func,
                              NULL, NULL, NULL);
}

/* Collects the rowids of @source. One statement in which each row
 * calls clt_rowset_take () under an aggregate: returning every row to C
 * through sqlite3_step () cost ~0.7k instructions a row, more than
 * reading it ("sch": 75,000 rows of the search index, 54 M). */
static gboolean
source_each (CltSqliteStore *self,
             Reader         *reader,
             RowsetSource   *source,
             guint64        *in_bits,   /* NULL: every rowid */
             guint64        *out_bits,  /* NULL: into @out_pks */
             gint64          max_pk,
             GArray         *out_pks,
             GError        **error)
{
  g_autofree char *sql = source->words
                         ? g_strconcat ("WITH s (w, b) AS (", source->sql, ")"
                                        " SELECT count (clt_rowset_take_word (w, b)) FROM s", NULL)
                         : g_strconcat ("WITH s (pk) AS (", source->sql, ")"
                                        " SELECT count (clt_rowset_take (pk)) FROM s", NULL);
  g_autoptr(ReaderStmt) stmt = reader_prepare (self, reader, sql, error);
  RowsetTake take = { in_bits, out_bits, max_pk, out_pks, out_pks != NULL ? out_pks->len : 0 };
  int rc;

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < source->params->len; i++)
    bind_variant (stmt, i + 1, g_ptr_array_index (source->params, i));

  reader->take = &take;
  rc = sqlite3_step (stmt);
  reader->take = NULL;
  if (out_pks != NULL)
    g_array_set_size (out_pks, take.n_pks);

  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, reader->db, rc);
      return FALSE;
    }

  return TRUE;
}

static int
compare_pks (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* How many rowids @source yields, from its count_sql; FALSE when it has
 * none or the count fails. */
gboolean
rowset_source_count (CltSqliteStore *self,
                     Reader         *reader,
                     RowsetSource   *source,
                     gint64         *count)
{
  g_autoptr(ReaderStmt) stmt = NULL;

  if (source->count_sql == NULL)
    return FALSE;
  if (source->range != NULL)
    return field_range_count (self, reader, source->range, count, NULL);
  stmt = reader_prepare (self, reader, source->count_sql, NULL);
  if (stmt == NULL)
    return FALSE;
  for (guint p = 0; p < source->params->len; p++)
    bind_variant (stmt, p + 1, g_ptr_array_index (source->params, p));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* A keyed lookup costs about as much as this many sequential steps
 * through an index. Measured at a million customers: 20,000 lookups of
 * "newsletter" for the customers of f03 "member 12" took 96 ms where
 * stepping through both lists (270,000 entries) took 76 ms, a lookup
 * ~16 steps (random pages of a large file); at 8 that intersection had
 * been probed. */
#define PROBE_COST 16

/* The source to walk when testing its rowids against the others is
 * cheaper than walking them all: every source can be counted and probed,
 * and the smallest times the lookups it needs costs less than the steps
 * through every source (a 3 % group and a field value 0.1 % of the
 * customers have: 1,000 steps and 1,000 lookups instead of 31,000 steps).
 * -1 otherwise (text, or sources of like size). */
static int
probe_source (CltSqliteStore *self,
              Reader         *reader,
              GPtrArray      *sources)
{
  gint64 total = 0;
  int smallest = -1;
  gint64 size = G_MAXINT64;

  if (sources->len < 2)
    return -1;
  for (guint i = 0; i < sources->len; i++)
    if (((RowsetSource *) g_ptr_array_index (sources, i))->count_sql == NULL)
      return -1;

  for (guint i = 0; i < sources->len; i++)
    {
      gint64 n;

      if (!rowset_source_count (self, reader, g_ptr_array_index (sources, i), &n))
        return -1;
      total += n;
      if (n < size)
        {
          size = n;
          smallest = (int) i;
        }
    }

  return size + size * PROBE_COST * (gint64) (sources->len - 1) < total ? smallest : -1;
}

/* The rowids of @sources[@first] that every other source has, into @pks
 * (in the order @first yields them). */
static gboolean
probe_collect (CltSqliteStore  *self,
               Reader          *reader,
               GPtrArray       *sources,
               int              first,
               GArray          *pks,
               GError         **error)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) probes = g_ptr_array_new_with_free_func ((GDestroyNotify) reader_stmt_release);

  if (!source_each (self, reader, g_ptr_array_index (sources, first), NULL, NULL, 0, candidates,
                    error))
    return FALSE;

  for (guint i = 0; i < sources->len; i++)
    {
      RowsetSource *source = g_ptr_array_index (sources, i);
      sqlite3_stmt *probe;

      if ((int) i == first)
        continue;
      probe = reader_prepare (self, reader, source->probe_sql, error);
      if (probe == NULL)
        return FALSE;
      g_ptr_array_add (probes, probe);
    }

  for (guint c = 0; c < candidates->len; c++)
    {
      gint64 pk = g_array_index (candidates, gint64, c);
      gboolean in_all = TRUE;

      for (guint i = 0, p = 0; in_all && i < sources->len; i++)
        {
          RowsetSource *source = g_ptr_array_index (sources, i);
          sqlite3_stmt *probe;
          int rc;

          if ((int) i == first)
            continue;
          /* Bound for each rowid: two conditions alike share the
           * statement. */
          probe = g_ptr_array_index (probes, p++);
          for (guint b = 0; b < source->params->len; b++)
            bind_variant (probe, b + 1, g_ptr_array_index (source->params, b));
          sqlite3_bind_int64 (probe, (int) source->params->len + 1, pk);
          rc = sqlite3_step (probe);
          sqlite3_reset (probe);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            {
              set_db_error (self, error, reader->db, rc);
              return FALSE;
            }
          in_all = rc == SQLITE_ROW;
        }
      if (in_all)
        g_array_append_val (pks, pk);
    }

  return TRUE;
}

/* Appends the rowid of each bit set in @bits to @pks, ascending: the
 * array grown once to the bits' count and written in place (a
 * g_array_append_val () per rowid was ~70 instructions, 1.4 M of f03
 * "member 12"'s 20,000 rowids at a million customers). */
static void
bits_to_pks (const guint64 *bits,
             gsize          n_words,
             GArray        *pks)
{
  gsize n = 0;
  gint64 *out;

  for (gsize w = 0; w < n_words; w++)
    n += (gsize) __builtin_popcountll (bits[w]);
  g_array_set_size (pks, pks->len + (guint) n);
  out = (gint64 *) (gpointer) pks->data + (pks->len - (guint) n);

  for (gsize w = 0; w < n_words; w++)
    for (guint64 word = bits[w]; word != 0; word &= word - 1)
      *out++ = (gint64) (w * 64 + (gsize) __builtin_ctzll (word));
}

/* Sorts @pks ascending without duplicates, unless they are already.
 * Rowids close enough for rowset_contains ()'s bitmap go through one:
 * a bit set per rowid and the words read in order cost a few
 * instructions a rowid, where g_array_sort () cost ~470 (f03 "member
 * 12" at a million customers, 20,000 rowids in the values' order:
 * 9.5 M instructions). */
static void
sort_unique (GArray *pks)
{
  gboolean ascending = TRUE;
  gint64 min_pk = G_MAXINT64;
  gint64 max_pk = G_MININT64;

  for (guint i = 1; ascending && i < pks->len; i++)
    ascending = g_array_index (pks, gint64, i - 1) < g_array_index (pks, gint64, i);
  if (ascending)
    return;

  for (guint i = 0; i < pks->len; i++)
    {
      min_pk = MIN (min_pk, g_array_index (pks, gint64, i));
      max_pk = MAX (max_pk, g_array_index (pks, gint64, i));
    }
  if (min_pk >= 0 && (guint64) max_pk / 64 < 16 * (guint64) pks->len + 4096)
    {
      gsize n_words = (gsize) max_pk / 64 + 1;
      g_autofree guint64 *bits = g_new0 (guint64, n_words);
      const gint64 *data = (const gint64 *) (gpointer) pks->data;

      for (guint i = 0; i < pks->len; i++)
        bits[data[i] / 64] |= G_GUINT64_CONSTANT (1) << (data[i] % 64);
      g_array_set_size (pks, 0);
      bits_to_pks (bits, n_words, pks);
    }
  else
    {
      gint64 *data = (gint64 *) (gpointer) pks->data;
      guint n = 0;

      g_array_sort (pks, compare_pks);
      for (guint i = 0; i < pks->len; i++)
        if (n == 0 || data[n - 1] != data[i])
          data[n++] = data[i];
      g_array_set_size (pks, n);
    }
}

/* The rowids every one of @sources yields, ascending, under @key. */
Rowset *
rowset_collect (CltSqliteStore  *self,
                Reader          *reader,
                const char      *key,
                GPtrArray       *sources,
                GError         **error)
{
  g_autoptr(GArray) pks = g_array_new (FALSE, FALSE, sizeof (gint64));
  Rowset *rowset;
  int first;

  g_assert (sources->len > 0);

  if ((first = probe_source (self, reader, sources)) >= 0)
    {
      if (!probe_collect (self, reader, sources, first, pks, error))
        return NULL;
      sort_unique (pks);
    }
  else if (sources->len == 1)
    {
      if (!source_each (self, reader, g_ptr_array_index (sources, 0), NULL, NULL, 0, pks, error))
        return NULL;
      sort_unique (pks);
    }
  else
    {
      g_autofree guint64 *bits = NULL;
      g_autofree guint64 *next = NULL;
      g_autoptr(ReaderStmt) stmt = reader_prepare (self, reader, "SELECT max (pk) FROM customers",
                                                   error);
      gint64 max_pk = 0;
      gsize n_words;

      if (stmt == NULL)
        return NULL;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        max_pk = sqlite3_column_int64 (stmt, 0);
      n_words = (gsize) MAX (max_pk, 0) / 64 + 1;
      bits = g_new0 (guint64, n_words);

      for (guint i = 0; i < sources->len; i++)
        {
          RowsetSource *source = g_ptr_array_index (sources, i);

          next = g_new0 (guint64, n_words);
          if (!source_each (self, reader, source, i > 0 ? bits : NULL, next, max_pk, NULL, error))
            return NULL;
          g_free (bits);
          bits = g_steal_pointer (&next);
        }

      bits_to_pks (bits, n_words, pks);
    }

  rowset = g_rc_box_new0 (Rowset);
  rowset->key = g_strdup (key);
  rowset->holds_fields = TRUE;
  rowset->pks = g_steal_pointer (&pks);
  return rowset;
}
