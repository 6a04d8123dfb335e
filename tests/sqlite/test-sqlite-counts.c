/* test-sqlite-counts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The counts the SQLite store keeps for the table's filters (schema
 * version 7): customer_field_counts and customer_group_counts stay equal
 * to counting the values and memberships themselves through every write
 * (create, edit, group assignment, pending deletion and its undo,
 * anonymization, import, deleting a field or a group), the filtered
 * totals read from them are right, and a database of version 6 gets them
 * filled by the migration. Version 9's customer_group_field_counts (a
 * group's members by yes/no or choice value) likewise, through renames
 * and a new field type too, and from a database of version 8. Version
 * 10's customer_group_words (each group's members as bitmap words) stay
 * the words of the memberships, and a group intersected with a field
 * condition read from them lists exactly its members with the value.
 * Version 11's customer_field_buckets (the values' counts by bucket) stay
 * the sums of the values, and a range counted from them is exact.
 * Version 13's customer_group_field_values (each group's members'
 * values) stay the pairs of memberships and values, and a group with a
 * condition of each kind lists and counts what plain SQL finds, read
 * from them, or walked when the two match most customers.
 */

#define G_LOG_DOMAIN "test-sqlite-counts"

#include "config.h"

#include <sqlite3.h>

#include "clt-custom-field.h"
#include "clt-group.h"
#include "clt-query.h"
#include "clt-sql-store-internal.h"
#include "clt-sqlite-store-private.h"

#include "sqlite-store-util.h"
#include "sqlite-test-util.h"
#include "sqlite-write-util.h"
#include "test-sqlite-counts-private.h"

/* Each group's members by value of the yes/no (2) and choice (4) fields. */
#define PAIRS \
  "SELECT g.group_code, v.field_key, v.sort_key, count(*)" \
  " FROM customer_groups g JOIN customer_field_values v ON v.customer_pk = g.customer_pk" \
  " JOIN custom_fields f ON f.key = v.field_key" \
  " WHERE f.type IN (2, 4) AND v.sort_key IS NOT NULL" \
  " GROUP BY g.group_code, v.field_key, v.sort_key"

/* Each field's values by bucket (schema 11), from the values. */
#define BUCKETS \
  "SELECT field_key, CASE WHEN typeof (sort_key) IN ('integer', 'real')" \
  "  THEN CAST (sort_key AS INTEGER) ELSE substr (sort_key, 1, 10) END, count(*)" \
  " FROM customer_field_values WHERE sort_key IS NOT NULL GROUP BY 1, 2"

/* Each group's members' values (schema 13), from the memberships and
 * the values. */
#define GROUP_VALUES \
  "SELECT g.group_code, v.field_key, v.sort_key, v.customer_pk" \
  " FROM customer_groups g JOIN customer_field_values v ON v.customer_pk = g.customer_pk" \
  " WHERE v.sort_key IS NOT NULL"

/* Each group's members as bitmap words, from the memberships. */
#define WORDS \
  "SELECT group_code, customer_pk >> 6, sum (1 << (customer_pk & 63))" \
  " FROM customer_groups GROUP BY group_code, customer_pk >> 6"

/* The kept counts are the counts of the rows, entry for entry, and no
 * count is 0; the kept words are the memberships' words, none 0. */
void
assert_counts_exact (const char *path)
{
  g_assert_cmpint (query_int64 (path,
                                "SELECT count(*) FROM ("
                                " SELECT group_code, field_key, sort_key, customer_pk"
                                "  FROM customer_group_field_values"
                                " EXCEPT " GROUP_VALUES ")"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path,
                                "SELECT count(*) FROM (" GROUP_VALUES
                                " EXCEPT SELECT group_code, field_key, sort_key, customer_pk"
                                "  FROM customer_group_field_values)"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path,
                                "SELECT count(*) FROM ("
                                " SELECT field_key, bucket, n FROM customer_field_buckets"
                                " EXCEPT " BUCKETS ")"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path,
                                "SELECT count(*) FROM (" BUCKETS
                                " EXCEPT SELECT field_key, bucket, n FROM customer_field_buckets)"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path, "SELECT count(*) FROM customer_field_buckets WHERE n <= 0"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path,
                                "SELECT count(*) FROM ("
                                " SELECT group_code, word, bits FROM customer_group_words"
                                " EXCEPT " WORDS ")"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path,
                                "SELECT count(*) FROM (" WORDS
                                " EXCEPT SELECT group_code, word, bits FROM customer_group_words)"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path, "SELECT count(*) FROM customer_group_words WHERE bits = 0"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path,
                                "SELECT count(*) FROM ("
                                " SELECT field_key, sort_key, n FROM customer_field_counts"
                                " EXCEPT SELECT field_key, sort_key, count(*) FROM customer_field_values"
                                "  WHERE sort_key IS NOT NULL GROUP BY field_key, sort_key)"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path,
                                "SELECT count(*) FROM ("
                                " SELECT field_key, sort_key, count(*) FROM customer_field_values"
                                "  WHERE sort_key IS NOT NULL GROUP BY field_key, sort_key"
                                " EXCEPT SELECT field_key, sort_key, n FROM customer_field_counts)"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path,
                                "SELECT count(*) FROM ("
                                " SELECT group_code, n FROM customer_group_counts"
                                " EXCEPT SELECT group_code, count(*) FROM customer_groups"
                                "  GROUP BY group_code)"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path,
                                "SELECT count(*) FROM ("
                                " SELECT group_code, count(*) FROM customer_groups GROUP BY group_code"
                                " EXCEPT SELECT group_code, n FROM customer_group_counts)"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path,
                                "SELECT count(*) FROM ("
                                " SELECT group_code, field_key, sort_key, n"
                                "  FROM customer_group_field_counts"
                                " EXCEPT " PAIRS ")"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path,
                                "SELECT count(*) FROM (" PAIRS
                                " EXCEPT SELECT group_code, field_key, sort_key, n"
                                "  FROM customer_group_field_counts)"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path, "SELECT count(*) FROM customer_group_field_counts WHERE n <= 0"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path, "SELECT count(*) FROM customer_field_counts WHERE n <= 0"),
                   ==, 0);
  g_assert_cmpint (query_int64 (path, "SELECT count(*) FROM customer_group_counts WHERE n <= 0"),
                   ==, 0);
}

/* Iterates the main context, where the upkeep runs, until no deleted
 * field waits for the purge of its values. */
void
wait_purged (const char *path)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (query_int64 (path, "SELECT count(*) FROM custom_fields WHERE purging = 1") > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
}

void
save_field (CltStore           *store,
            const char         *key,
            CltCustomFieldType  type)
{
  g_autoptr(CltCustomField) field = clt_custom_field_new ();
  g_autoptr(CltCustomField) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  clt_custom_field_set_key (field, key);
  clt_custom_field_set_label (field, key);
  clt_custom_field_set_field_type (field, type);
  clt_store_save_custom_field_async (store, field, NULL, NULL, on_result_cb, &result);
  stored = clt_store_save_custom_field_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
}

void
save_group (CltStore   *store,
            const char *code)
{
  g_autoptr(CltGroup) group = clt_group_new ();
  g_autoptr(CltGroup) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  clt_group_set_code (group, code);
  clt_group_set_name (group, code);
  clt_store_save_group_async (store, group, NULL, NULL, on_result_cb, &result);
  stored = clt_store_save_group_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
}

/* score (a number), tier (text) and flag (yes/no), each only when given
 * (score < 0, tier or flag NULL: none). */
GVariant *
field_values (double      score,
              const char *tier,
              const char *flag)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (score >= 0)
    g_variant_builder_add (&builder, "{sv}", "score", g_variant_new_double (score));
  if (tier != NULL)
    g_variant_builder_add (&builder, "{sv}", "tier", g_variant_new_string (tier));
  if (flag != NULL)
    g_variant_builder_add (&builder, "{sv}", "flag",
                           g_variant_new_boolean (g_str_equal (flag, "yes")));
  return g_variant_builder_end (&builder);
}

CltCustomer *
customer_with (const char         *email,
               const char         *last_name,
               GVariant           *fields,
               const char * const *groups)
{
  CltCustomer *customer = new_customer (email, "Test", last_name);

  clt_customer_set_custom_fields (customer, fields);
  clt_customer_set_groups (customer, groups);
  return customer;
}

char *
create_with (CltStore           *store,
             const char         *email,
             const char         *last_name,
             GVariant           *fields,
             const char * const *groups)
{
  g_autoptr(CltCustomer) customer = customer_with (email, last_name, fields, groups);
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = create (store, customer, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  return g_strdup (clt_customer_get_id (stored));
}

guint
count_field (CltSqliteStore *store,
             const char     *key,
             CltFieldMatch   match,
             const char     *value)
{
  g_autoptr(CltQuery) query = clt_query_new ();

  clt_query_add_field_filter (query, key, match, value);
  return count (store, query);
}

static guint
count_group (CltSqliteStore *store,
             const char     *code)
{
  g_autoptr(CltQuery) query = clt_query_new ();

  clt_query_set_group (query, code);
  return count (store, query);
}

/* The totals the table would show for each filter, in one string. */
static char *
totals (CltSqliteStore *store)
{
  return g_strdup_printf ("score=10:%u score>=20:%u score<=20:%u tier=gold:%u tier^go:%u"
                          " flag=yes:%u flag=no:%u gold:%u silver:%u",
                          count_field (store, "score", CLT_FIELD_MATCH_EQUALS, "10"),
                          count_field (store, "score", CLT_FIELD_MATCH_AT_LEAST, "20"),
                          count_field (store, "score", CLT_FIELD_MATCH_AT_MOST, "20"),
                          count_field (store, "tier", CLT_FIELD_MATCH_EQUALS, "Gold"),
                          count_field (store, "tier", CLT_FIELD_MATCH_PREFIX, "go"),
                          count_field (store, "flag", CLT_FIELD_MATCH_EQUALS, "true"),
                          count_field (store, "flag", CLT_FIELD_MATCH_EQUALS, "false"),
                          count_group (store, "gold"),
                          count_group (store, "silver"));
}

/* A group and a yes/no value together (counted from
 * customer_group_field_counts unless deletions are pending): the
 * customers shown that have both. */
static void
assert_pair_totals (const char     *path,
                    CltSqliteStore *store)
{
  static const char * const groups[] = { "gold", "silver" };
  static const char * const flags[] = { "true", "false" };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint f = 0; f < G_N_ELEMENTS (flags); f++)
      {
        g_autoptr(CltQuery) query = clt_query_new ();
        g_autofree char *sql = NULL;

        if (query_int64 (path, "SELECT count(*) FROM custom_fields WHERE key = 'flag'") == 0)
          continue;
        sql = g_strdup_printf ("SELECT count(*) FROM customers c WHERE c.listed"
                               " AND c.pk NOT IN (SELECT customer_pk FROM pending_deletions)"
                               " AND EXISTS (SELECT 1 FROM customer_groups g"
                               "  WHERE g.customer_pk = c.pk AND g.group_code = '%s')"
                               " AND EXISTS (SELECT 1 FROM customer_field_values v"
                               "  WHERE v.customer_pk = c.pk AND v.field_key = 'flag'"
                               "  AND v.sort_key = %d)",
                               groups[g], f == 0);
        clt_query_set_group (query, groups[g]);
        clt_query_add_field_filter (query, "flag", CLT_FIELD_MATCH_EQUALS, flags[f]);
        g_assert_cmpint (count (store, query), ==, query_int64 (path, sql));
      }
}

/* @group and @key's condition together list (in number order, in pages
 * of 100) and count exactly the customers shown that plain SQL finds
 * with both, @sql testing the value v. */
static void
assert_group_field_rows (const char     *path,
                         CltSqliteStore *store,
                         const char     *group,
                         const char     *key,
                         CltFieldMatch   match,
                         const char     *value,
                         const char     *sql)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *select = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  guint total = 0;
  guint n = 0;

  clt_query_set_group (query, group);
  clt_query_add_field_filter (query, key, match, value);
  rows = first_rows (store, query, 100, &total);
  select = g_strdup_printf ("SELECT c.id FROM customers c WHERE c.listed"
                            " AND c.pk NOT IN (SELECT customer_pk FROM pending_deletions)"
                            " AND EXISTS (SELECT 1 FROM customer_groups g"
                            "  WHERE g.customer_pk = c.pk AND g.group_code = '%s')"
                            " AND EXISTS (SELECT 1 FROM customer_field_values v"
                            "  WHERE v.customer_pk = c.pk AND v.field_key = '%s' AND %s)"
                            " ORDER BY c.number_key, c.pk",
                            group, key, sql);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (n < rows->len)
        g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (rows, n)), ==,
                         (const char *) sqlite3_column_text (stmt, 0));
      n++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (rows->len, ==, MIN (n, 100));
  g_assert_cmpuint (total, ==, n);
  g_assert_cmpuint (count (store, query), ==, n);
}

/* A group and a condition of each kind together (a number range or
 * value, a text prefix or value, a yes/no value; collected from the
 * group's members' values, schema 13, or the group's words and the
 * values' index, or walked): the customers shown that have both. */
static void
assert_group_range_totals (const char     *path,
                           CltSqliteStore *store)
{
  static const char * const groups[] = { "gold", "silver" };
  static const struct
  {
    const char    *key;
    CltFieldMatch  match;
    const char    *value;
    const char    *sql;
  } conditions[] = {
    { "score", CLT_FIELD_MATCH_AT_LEAST, "0", "v.sort_key >= 0" },
    { "score", CLT_FIELD_MATCH_AT_MOST, "20", "v.sort_key <= 20" },
    { "score", CLT_FIELD_MATCH_EQUALS, "10", "v.sort_key = 10" },
    { "tier", CLT_FIELD_MATCH_PREFIX, "go", "v.sort_key >= 'go' AND v.sort_key < 'gp'" },
    { "tier", CLT_FIELD_MATCH_EQUALS, "Gold", "v.sort_key = 'gold'" },
    { "flag", CLT_FIELD_MATCH_EQUALS, "true", "v.sort_key = 1" },
  };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; i < G_N_ELEMENTS (conditions); i++)
      {
        g_autofree char *exists = g_strdup_printf ("SELECT count(*) FROM custom_fields"
                                                   " WHERE key = '%s'", conditions[i].key);

        if (query_int64 (path, exists) == 0)
          continue;
        assert_group_field_rows (path, store, groups[g], conditions[i].key, conditions[i].match,
                                 conditions[i].value, conditions[i].sql);
      }
}

#define ASSERT_TOTALS(fixture, store, expected) \
  G_STMT_START { \
    g_autofree char *got = totals (store); \
    assert_counts_exact ((fixture)->path); \
    assert_pair_totals ((fixture)->path, store); \
    assert_group_range_totals ((fixture)->path, store); \
    g_assert_cmpstr (got, ==, expected); \
  } G_STMT_END

static void
test_counts_writes (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const gold[] = { "gold", NULL };
  static const char * const silver[] = { "silver", NULL };
  static const char * const both[] = { "gold", "silver", NULL };
  static const char * const none[] = { NULL };
  CltSqliteStore *store = open_store (fixture->path);
  CltStore *s = CLT_STORE (store);
  g_autoptr(GPtrArray) imported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CltCustomer) edited = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;
  g_autofree char *h = NULL;
  g_autofree char *i = NULL;
  g_autofree char *j = NULL;

  save_field (s, "score", CLT_CUSTOM_FIELD_NUMBER);
  save_field (s, "tier", CLT_CUSTOM_FIELD_STRING);
  save_field (s, "flag", CLT_CUSTOM_FIELD_BOOLEAN);
  save_group (s, "gold");
  save_group (s, "silver");
  assert_counts_exact (fixture->path);

  /* Create: "Gold" and "GOLD" fold to one sort key, counted twice. */
  a = create_with (s, "a@example.com", "A", field_values (10, "Gold", "yes"), gold);
  b = create_with (s, "b@example.com", "B", field_values (10, "GOLD", "no"), both);
  c = create_with (s, "c@example.com", "C", field_values (20, "Silver", NULL), silver);
  d = create_with (s, "d@example.com", "D", field_values (30, NULL, "yes"), gold);
  e = create_with (s, "e@example.com", "E", field_values (-1, "good", "no"), none);
  ASSERT_TOTALS (fixture, store, "score=10:2 score>=20:2 score<=20:3 tier=gold:2 tier^go:3"
                                 " flag=yes:2 flag=no:2 gold:3 silver:2");

  /* Edit: values changed, dropped and added; groups with them. */
  edited = get (s, a, &error);
  g_assert_no_error (error);
  clt_customer_set_custom_fields (edited, field_values (20, NULL, "no"));
  clt_customer_set_groups (edited, silver);
  stored = update (s, edited, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_clear_object (&stored);
  g_clear_object (&edited);
  ASSERT_TOTALS (fixture, store, "score=10:1 score>=20:3 score<=20:3 tier=gold:1 tier^go:2"
                                 " flag=yes:1 flag=no:3 gold:2 silver:3");

  /* Assign and unassign. */
  edited = get (s, e, &error);
  g_assert_no_error (error);
  clt_store_set_customer_groups_async (s, e, clt_customer_get_version (edited), both, NULL,
                                       on_result_cb, &result);
  stored = clt_store_set_customer_groups_finish (s, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_object (&stored);
  g_clear_object (&edited);
  edited = get (s, b, &error);
  g_assert_no_error (error);
  clt_store_set_customer_groups_async (s, b, clt_customer_get_version (edited), none, NULL,
                                       on_result_cb, &result);
  stored = clt_store_set_customer_groups_finish (s, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_object (&stored);
  g_clear_object (&edited);
  ASSERT_TOTALS (fixture, store, "score=10:1 score>=20:3 score<=20:3 tier=gold:1 tier^go:2"
                                 " flag=yes:1 flag=no:3 gold:2 silver:3");

  /* A deletion waiting out its undo time hides the customer from every
   * total (the kept counts still hold it: the rows are counted then);
   * its undo brings it back. */
  edited = get (s, d, &error);
  g_assert_no_error (error);
  clt_store_delete_customer_async (s, d, clt_customer_get_version (edited), 60, NULL,
                                   on_result_cb, &result);
  g_assert_true (clt_store_delete_customer_finish (s, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_object (&edited);
  ASSERT_TOTALS (fixture, store, "score=10:1 score>=20:2 score<=20:3 tier=gold:1 tier^go:2"
                                 " flag=yes:0 flag=no:3 gold:1 silver:3");
  clt_store_undo_delete_customer_async (s, d, NULL, on_result_cb, &result);
  stored = clt_store_undo_delete_customer_finish (s, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_clear_object (&result);
  g_clear_object (&stored);
  ASSERT_TOTALS (fixture, store, "score=10:1 score>=20:3 score<=20:3 tier=gold:1 tier^go:2"
                                 " flag=yes:1 flag=no:3 gold:2 silver:3");

  /* Anonymization drops the values and memberships. */
  g_assert_true (delete_customer (s, d, &error));
  g_assert_no_error (error);
  ASSERT_TOTALS (fixture, store, "score=10:1 score>=20:2 score<=20:3 tier=gold:1 tier^go:2"
                                 " flag=yes:0 flag=no:3 gold:1 silver:3");

  /* Import (fields and groups it names are made as needed). */
  g_ptr_array_add (imported, customer_with ("f@example.com", "F", field_values (10, "gold", "yes"),
                                            gold));
  g_ptr_array_add (imported, customer_with ("g@example.com", "G", field_values (40, NULL, NULL),
                                            both));
  g_assert_true (import (store, imported, &error));
  g_assert_no_error (error);
  ASSERT_TOTALS (fixture, store, "score=10:2 score>=20:3 score<=20:4 tier=gold:2 tier^go:3"
                                 " flag=yes:1 flag=no:3 gold:3 silver:4");

  /* More members of one group with one value (counts above 1), then one
   * drops the value and keeps the membership. */
  h = create_with (s, "h@example.com", "H", field_values (-1, NULL, "yes"), gold);
  i = create_with (s, "i@example.com", "I", field_values (-1, NULL, "yes"), gold);
  j = create_with (s, "j@example.com", "J", field_values (-1, NULL, "yes"), gold);
  edited = get (s, i, &error);
  g_assert_no_error (error);
  clt_customer_set_custom_fields (edited, field_values (-1, NULL, NULL));
  stored = update (s, edited, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_clear_object (&stored);
  g_clear_object (&edited);
  ASSERT_TOTALS (fixture, store, "score=10:2 score>=20:3 score<=20:4 tier=gold:2 tier^go:3"
                                 " flag=yes:3 flag=no:3 gold:6 silver:4");

  /* Renames and a new type outside the store (it renames no key and
   * keeps the type of a field in use): the cascades keep the counts
   * per group and value, and a field turned into a choice list is
   * counted per group, then no more. */
  close_store (store);
  exec_on_file (fixture->path,
                "PRAGMA foreign_keys = ON;"
                "UPDATE groups SET code = 'gilt' WHERE code = 'gold';"
                "UPDATE custom_fields SET key = 'flagged' WHERE key = 'flag';");
  assert_counts_exact (fixture->path);
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM customer_group_field_counts"
                                               " WHERE group_code = 'gold' OR field_key = 'flag'"),
                   ==, 0);
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM customer_group_field_counts"
                                               " WHERE group_code = 'gilt' AND field_key = 'flagged'"),
                   >, 0);
  exec_on_file (fixture->path, "UPDATE custom_fields SET type = 4 WHERE key = 'tier';");
  assert_counts_exact (fixture->path);
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM customer_group_field_counts"
                                               " WHERE field_key = 'tier'"), >, 0);
  exec_on_file (fixture->path,
                "PRAGMA foreign_keys = ON;"
                "UPDATE custom_fields SET type = 0 WHERE key = 'tier';"
                "UPDATE groups SET code = 'gold' WHERE code = 'gilt';"
                "UPDATE custom_fields SET key = 'flag' WHERE key = 'flagged';");
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM customer_group_field_counts"
                                               " WHERE field_key = 'tier'"), ==, 0);
  store = open_store (fixture->path);
  s = CLT_STORE (store);
  ASSERT_TOTALS (fixture, store, "score=10:2 score>=20:3 score<=20:4 tier=gold:2 tier^go:3"
                                 " flag=yes:3 flag=no:3 gold:6 silver:4");

  /* Deleting a group or a field takes its memberships or values along. */
  clt_store_delete_group_async (s, "silver", 1, NULL, on_result_cb, &result);
  g_assert_true (clt_store_delete_group_finish (s, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  clt_store_delete_custom_field_async (s, "tier", 1, NULL, on_result_cb, &result);
  g_assert_true (clt_store_delete_custom_field_finish (s, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  wait_purged (fixture->path);
  assert_counts_exact (fixture->path);
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM customer_field_counts"
                                               " WHERE field_key = 'tier'"), ==, 0);
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM customer_group_counts"
                                               " WHERE group_code = 'silver'"), ==, 0);
  g_assert_cmpuint (count_field (store, "score", CLT_FIELD_MATCH_AT_LEAST, "0"), ==, 5);
  g_assert_cmpuint (count_group (store, "gold"), ==, 6);

  close_store (store);
}

/* What version 13 added: the groups' members' values. */
#define DROP_V13 \
  "DROP TRIGGER customer_group_field_values_join;" \
  "DROP TRIGGER customer_group_field_values_leave;" \
  "DROP TRIGGER customer_group_field_values_move;" \
  "DROP TRIGGER customer_group_field_values_insert;" \
  "DROP TRIGGER customer_group_field_values_delete;" \
  "DROP TRIGGER customer_group_field_values_update;" \
  "DROP TABLE customer_group_field_values;"

/* What version 12 added: the mark of a field being purged. */
#define DROP_V12 \
  "ALTER TABLE custom_fields DROP COLUMN purging;"

/* What version 11 added: the values' buckets. */
#define DROP_V11 \
  "DROP TRIGGER customer_field_buckets_insert;" \
  "DROP TRIGGER customer_field_buckets_delete;" \
  "DROP TRIGGER customer_field_buckets_update;" \
  "DROP TABLE customer_field_buckets;"

/* What version 10 added: the groups' words. */
#define DROP_V10 \
  "DROP TRIGGER customer_group_words_insert;" \
  "DROP TRIGGER customer_group_words_delete;" \
  "DROP TRIGGER customer_group_words_update;" \
  "DROP TABLE customer_group_words;"

/* What version 9 added: the counts per group and value. */
#define DROP_V9 \
  "DROP TRIGGER customer_group_field_counts_join;" \
  "DROP TRIGGER customer_group_field_counts_leave;" \
  "DROP TRIGGER customer_group_field_counts_move;" \
  "DROP TRIGGER customer_group_field_counts_insert;" \
  "DROP TRIGGER customer_group_field_counts_delete;" \
  "DROP TRIGGER customer_group_field_counts_update;" \
  "DROP TRIGGER customer_group_field_counts_retype;" \
  "DROP TABLE customer_group_field_counts;"

/* A database of version 8 gets the counts per group and value on
 * opening, exact, including values and memberships written after it was
 * made. */
static void
test_counts_migration_v8 (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const gold[] = { "gold", NULL };
  static const char * const both[] = { "gold", "silver", NULL };
  CltSqliteStore *store = open_store (fixture->path);
  CltStore *s = CLT_STORE (store);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  save_field (s, "score", CLT_CUSTOM_FIELD_NUMBER);
  save_field (s, "tier", CLT_CUSTOM_FIELD_STRING);
  save_field (s, "flag", CLT_CUSTOM_FIELD_BOOLEAN);
  save_group (s, "gold");
  save_group (s, "silver");
  a = create_with (s, "a@example.com", "A", field_values (10, "Gold", "yes"), gold);
  b = create_with (s, "b@example.com", "B", field_values (20, "gold", "no"), both);
  c = create_with (s, "c@example.com", "C", field_values (30, NULL, "yes"), both);
  close_store (store);

  exec_on_file (fixture->path,
                "PRAGMA journal_mode = DELETE;"
                DROP_V13
                DROP_V12
                DROP_V11
                DROP_V10
                DROP_V9
                "UPDATE customer_field_values SET value = 1, sort_key = 1"
                "  WHERE field_key = 'flag'"
                "  AND customer_pk = (SELECT pk FROM customers WHERE email = 'b@example.com');"
                "DELETE FROM customer_groups WHERE group_code = 'silver'"
                "  AND customer_pk = (SELECT pk FROM customers WHERE email = 'c@example.com');"
                "PRAGMA user_version = 8;");
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM sqlite_schema"
                                               " WHERE name LIKE 'customer_group_field_counts%'"),
                   ==, 0);

  store = open_store (fixture->path);
  g_assert_cmpint (pragma_int (fixture->path, "user_version"), ==, CLT_SQLITE_SCHEMA_VERSION);
  ASSERT_TOTALS (fixture, store, "score=10:1 score>=20:2 score<=20:2 tier=gold:2 tier^go:2"
                                 " flag=yes:3 flag=no:0 gold:3 silver:1");
  g_assert_cmpint (query_int64 (fixture->path, "SELECT n FROM customer_group_field_counts"
                                               " WHERE group_code = 'gold' AND field_key = 'flag'"
                                               " AND sort_key = 1"), ==, 3);
  close_store (store);
}

/* A database of version 6 (no counts, values written without them) gets
 * them on opening, exact. */
static void
test_counts_migration (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const gold[] = { "gold", NULL };
  static const char * const both[] = { "gold", "silver", NULL };
  CltSqliteStore *store = open_store (fixture->path);
  CltStore *s = CLT_STORE (store);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  save_field (s, "score", CLT_CUSTOM_FIELD_NUMBER);
  save_field (s, "tier", CLT_CUSTOM_FIELD_STRING);
  save_field (s, "flag", CLT_CUSTOM_FIELD_BOOLEAN);
  save_group (s, "gold");
  save_group (s, "silver");
  a = create_with (s, "a@example.com", "A", field_values (10, "Gold", "yes"), gold);
  b = create_with (s, "b@example.com", "B", field_values (20, "gold", "no"), both);
  close_store (store);

  /* Back to version 6 (version 8's search counts and prefix index go
   * too: the migration makes them again), then values and memberships
   * the counts never saw. */
  exec_on_file (fixture->path,
                "PRAGMA journal_mode = DELETE;"
                DROP_V13
                DROP_V12
                DROP_V11
                DROP_V10
                DROP_V9
                "DROP TRIGGER customer_prefix_counts_insert;"
                "DROP TRIGGER customer_prefix_counts_delete;"
                "DROP TABLE customer_prefix_counts;"
                "DROP TABLE customers_fts;"
                "CREATE VIRTUAL TABLE customers_fts USING fts5 ("
                "  search_text,"
                "  content = 'customers', content_rowid = 'pk',"
                "  tokenize = 'unicode61',"
                "  prefix = '1 2 3'"
                ");"
                "INSERT INTO customers_fts (customers_fts) VALUES ('rebuild');"
                "DROP TRIGGER customer_field_counts_insert;"
                "DROP TRIGGER customer_field_counts_delete;"
                "DROP TRIGGER customer_field_counts_update;"
                "DROP TRIGGER customer_group_counts_insert;"
                "DROP TRIGGER customer_group_counts_delete;"
                "DROP TRIGGER customer_group_counts_update;"
                "DROP TABLE customer_field_counts;"
                "DROP TABLE customer_group_counts;"
                "INSERT INTO customer_field_values (customer_pk, field_key, value, sort_key)"
                "  SELECT pk, 'score', 10.0, 10.0 FROM customers WHERE email = 'b@example.com'"
                "  ON CONFLICT DO UPDATE SET value = excluded.value, sort_key = excluded.sort_key;"
                "DELETE FROM customer_groups WHERE group_code = 'silver';"
                "PRAGMA user_version = 6;");

  store = open_store (fixture->path);
  g_assert_cmpint (pragma_int (fixture->path, "user_version"), ==, CLT_SQLITE_SCHEMA_VERSION);
  ASSERT_TOTALS (fixture, store, "score=10:2 score>=20:0 score<=20:2 tier=gold:2 tier^go:2"
                                 " flag=yes:1 flag=no:1 gold:2 silver:0");
  close_store (store);
}

/* Row @offset of @query, alone (a page of one). */
CltCustomer *
row_at (CltSqliteStore *store,
        CltQuery       *query,
        guint           offset)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  clt_store_list_customers_async (CLT_STORE (store), query, offset, 1, CLT_LIST_FLAGS_NONE, NULL,
                                  on_result_cb, &result);
  rows = clt_store_list_customers_finish (CLT_STORE (store), wait_for (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, ==, 1);
  return g_object_ref (g_ptr_array_index (rows, 0));
}

/* Imports @n customers (e-mail PREFIXnnnn@example.com, last name the
 * same in capitals), two in three with the yes/no field "flag" set, the
 * others with it unset, and every @group_every-th in @groups. */
static void
import_flagged (CltSqliteStore     *store,
                const char         *prefix,
                guint               n,
                guint               group_every,
                const char * const *groups)
{
  g_autoptr(GPtrArray) imported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *upper = g_ascii_strup (prefix, -1);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *email = g_strdup_printf ("%s%04u@example.com", prefix, i);
      g_autofree char *name = g_strdup_printf ("%s%04u", upper, i);

      g_ptr_array_add (imported, customer_with (email, name,
                                                field_values (-1, NULL, i % 3 != 0 ? "yes" : "no"),
                                                i % group_every == 0 ? groups : NULL));
    }
  g_assert_true (import (store, imported, &error));
  g_assert_no_error (error);
}

/* Whether a reader of @store has prepared a statement containing @sql. */
static gboolean
reader_prepared (CltSqliteStore *store,
                 const char     *sql)
{
  for (guint i = 0; i < store->readers->len; i++)
    {
      Reader *reader = g_ptr_array_index (store->readers, i);
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, reader->stmts);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (strstr (key, sql) != NULL)
          return TRUE;
    }
  return FALSE;
}

/* A group and a yes/no value with many matches: the total is the kept
 * count (a wrong one shows), the first rows come from walking the table
 * (two lookups a row) and the later ones from the collected matches,
 * in one order. */
static void
test_counts_group_and_value (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char * const gold[] = { "gold", NULL };
  CltSqliteStore *store = open_store (fixture->path);
  CltStore *s = CLT_STORE (store);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autofree char *previous = NULL;

  save_field (s, "flag", CLT_CUSTOM_FIELD_BOOLEAN);
  save_group (s, "gold");
  import_flagged (store, "p", 60, 1, gold);
  assert_counts_exact (fixture->path);

  clt_query_set_group (query, "gold");
  clt_query_add_field_filter (query, "flag", CLT_FIELD_MATCH_EQUALS, "true");
  g_assert_cmpuint (count (store, query), ==, 40);
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(CltCustomer) customer = row_at (store, query, i);
      GVariant *fields = clt_customer_get_custom_fields (customer);
      gboolean flag = FALSE;

      /* The first row walks (40 of 60 customers match: 1.5 rows walked,
       * a lookup of the pair each, cost less than the 40 matches
       * collected); the later ones collect the matches from the
       * members' values. */
      g_assert_true (reader_prepared (store, "EXISTS (SELECT 1 FROM customer_group_field_values"));
      g_assert_false (reader_prepared (store, "EXISTS (SELECT 1 FROM customer_groups"));
      g_assert_true (reader_prepared (store, "SELECT customer_pk FROM customer_group_field_values")
                     == (i > 0));

      g_assert_true (g_variant_lookup (fields, "flag", "b", &flag));
      g_assert_true (flag);
      g_assert_true (g_strv_contains (clt_customer_get_groups (customer), "gold"));
      if (previous != NULL)
        g_assert_cmpstr (previous, <, clt_customer_get_number (customer));
      g_free (previous);
      previous = g_strdup (clt_customer_get_number (customer));
      g_assert_true (g_hash_table_add (seen, g_strdup (clt_customer_get_id (customer))));
    }
  close_store (store);

  exec_on_file (fixture->path,
                "UPDATE customer_group_field_counts SET n = n + 5"
                "  WHERE group_code = 'gold' AND field_key = 'flag' AND sort_key = 1;");
  store = open_store (fixture->path);
  g_assert_cmpuint (count (store, query), ==, 45);
  close_store (store);
}

/* The rowsets the store's readers keep. */
static guint
n_kept_rowsets (CltSqliteStore *store)
{
  guint n = 0;

  for (guint i = 0; i < store->readers->len; i++)
    {
      Reader *reader = g_ptr_array_index (store->readers, i);

      n += g_hash_table_size (reader->rowsets);
    }
  return n;
}

/* A lone custom field condition with more matches than a short word's
 * limit for the first page (2.4 × √(100 × 1,000) ≈ 759) but fewer than
 * FIELD_COLLECT_FACTOR times it: its matches are collected into a rowset
 * (kept by the reader that read the page), not tested by a lookup per row
 * walked; the page and the total are the same. */
static void
test_counts_field_collected (Fixture       *fixture,
                             gconstpointer  data)
{
  CltSqliteStore *store = open_store (fixture->path);
  g_autoptr(GPtrArray) imported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  save_field (CLT_STORE (store), "score", CLT_CUSTOM_FIELD_NUMBER);
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *email = g_strdup_printf ("p%04u@example.com", i);
      g_autofree char *name = g_strdup_printf ("P%04u", i);

      g_ptr_array_add (imported, customer_with (email, name,
                                                field_values (i % 10 != 0 ? (double) i : -1, NULL, NULL),
                                                NULL));
    }
  g_assert_true (import (store, imported, &error));
  g_assert_no_error (error);

  clt_query_add_field_filter (query, "score", CLT_FIELD_MATCH_AT_LEAST, "0");
  rows = list (store, query, 0, 100);
  g_assert_cmpuint (rows->len, ==, 100);
  for (guint i = 0; i < rows->len; i++)
    {
      GVariant *fields = clt_customer_get_custom_fields (g_ptr_array_index (rows, i));

      g_assert_true (g_variant_lookup (fields, "score", "d", NULL));
    }
  g_assert_cmpuint (count (store, query), ==, 900);
  g_assert_cmpuint (n_kept_rowsets (store), ==, 1);
  close_store (store);
}

/* A lone group of half of 2,000 customers, a page of 10: 20 rows walked
 * for it, each a lookup in the members' index, where its members come in
 * 32 bitmap words. Counted by its 1,000 members, collecting looked dearer
 * than the lookups; by its words it is collected into a rowset (kept by
 * the reader), and the page and the total are the members in number
 * order, as the plain SQL lists them. */
static void
test_counts_group_collected (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char * const half[] = { "half", NULL };
  CltSqliteStore *store = open_store (fixture->path);
  g_autoptr(GPtrArray) imported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  guint total = 0;
  guint n = 0;

  save_group (CLT_STORE (store), "half");
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *email = g_strdup_printf ("h%04u@example.com", i);
      g_autofree char *name = g_strdup_printf ("H%04u", i);

      g_ptr_array_add (imported, customer_with (email, name, NULL, i % 2 == 0 ? half : NULL));
    }
  g_assert_true (import (store, imported, &error));
  g_assert_no_error (error);

  clt_query_set_group (query, "half");
  rows = first_rows (store, query, 10, &total);
  g_assert_cmpuint (rows->len, ==, 10);
  g_assert_cmpuint (n_kept_rowsets (store), ==, 1);
  close_store (store);

  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM customer_groups"
                                               " WHERE group_code = 'half'"), ==, total);
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT c.id FROM customers c JOIN customer_groups g"
                                           " ON g.customer_pk = c.pk AND g.group_code = 'half'"
                                           " ORDER BY c.number_key, c.pk LIMIT 10",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (rows, n++)), ==,
                     (const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpuint (n, ==, 10);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* A group of half of 5,000 customers, filtered alone first (its members
 * collected into a rowset the reader keeps), then its first row alone,
 * then with a yes/no value two thirds of them have. A page of one row
 * walks 2 or 3 rows: with the members still to collect (79 bitmap words)
 * a lookup in the group's index a row (and one of the value) is cheaper,
 * but the kept members cost nothing, so the walk tests them, never the
 * group's index. The rows and the total are those of the plain SQL. And
 * every request after the first is made while a change poll holds its
 * reader, as the upkeep's can at any time: the poll leaves users the
 * reader that keeps the group, which a request would otherwise miss (and
 * collect the group, or look it up, on another). */
static void
test_counts_group_kept (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const half[] = { "half", NULL };
  CltSqliteStore *store = open_store (fixture->path);
  CltStore *s = CLT_STORE (store);
  g_autoptr(CltQuery) group = clt_query_new ();
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CltCustomer) first = NULL;
  PollHold *hold = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  guint total = 0;
  guint n = 0;

  save_field (s, "flag", CLT_CUSTOM_FIELD_BOOLEAN);
  save_group (s, "half");
  import_flagged (store, "k", 5000, 2, half);
  hold = poll_hold_new (store);

  clt_query_set_group (group, "half");
  rows = first_rows (store, group, 10, &total);
  g_assert_cmpuint (total, ==, 2500);
  g_assert_cmpuint (n_kept_rowsets (store), ==, 1);
  hold_poll (hold);
  first = row_at (store, group, 0);
  release_poll (hold);
  g_assert_cmpstr (clt_customer_get_id (first), ==, clt_customer_get_id (g_ptr_array_index (rows, 0)));

  clt_query_set_group (query, "half");
  clt_query_add_field_filter (query, "flag", CLT_FIELD_MATCH_EQUALS, "true");
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT c.id FROM customers c"
                                           " JOIN customer_groups g ON g.customer_pk = c.pk"
                                           "  AND g.group_code = 'half'"
                                           " JOIN customer_field_values v ON v.customer_pk = c.pk"
                                           "  AND v.field_key = 'flag' AND v.value = 1"
                                           " ORDER BY c.number_key, c.pk LIMIT 5",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(CltCustomer) customer = NULL;

      hold_poll (hold);
      customer = row_at (store, query, n++);
      release_poll (hold);

      g_assert_cmpstr (clt_customer_get_id (customer), ==,
                       (const char *) sqlite3_column_text (stmt, 0));
    }
  g_assert_cmpuint (n, ==, 5);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  hold_poll (hold);
  total = count (store, query);
  release_poll (hold);
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM customer_groups g"
                                               " JOIN customer_field_values v"
                                               " ON v.customer_pk = g.customer_pk"
                                               " WHERE g.group_code = 'half'"
                                               " AND v.field_key = 'flag' AND v.value = 1"),
                   ==, total);
  g_assert_false (reader_prepared (store, "FROM customer_groups WHERE group_code = ? AND customer_pk"));
  g_assert_cmpuint (n_kept_rowsets (store), ==, 1);

  poll_hold_free (hold);
  close_store (store);
}

/* The id of the customer of @email. */
static char *
id_of (const char *path,
       const char *email)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  char *id;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM customers WHERE email = ?", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return id;
}

/* A group of half of 400 customers and a condition on a number, a text
 * or a yes/no value: its first page and total come from one range of
 * the members' values (schema 13), and stay those of the plain SQL
 * after values are edited, members leave and join, a customer is
 * anonymized and another waits out its deletion. */
static void
test_counts_group_field_values (Fixture       *fixture,
                                gconstpointer  data)
{
  static const char * const half[] = { "half", NULL };
  static const char * const none[] = { NULL };
  CltSqliteStore *store = open_store (fixture->path);
  CltStore *s = CLT_STORE (store);
  g_autoptr(GPtrArray) imported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltCustomer) edited = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *fourth = NULL;
  g_autofree char *fifth = NULL;

  save_field (s, "score", CLT_CUSTOM_FIELD_NUMBER);
  save_field (s, "tier", CLT_CUSTOM_FIELD_STRING);
  save_field (s, "flag", CLT_CUSTOM_FIELD_BOOLEAN);
  save_group (s, "half");
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *email = g_strdup_printf ("v%04u@example.com", i);
      g_autofree char *name = g_strdup_printf ("V%04u", i);

      g_ptr_array_add (imported,
                       customer_with (email, name,
                                      field_values ((double) i, i % 3 == 0 ? "Gold" : "Silver",
                                                    i % 5 == 0 ? "yes" : "no"),
                                      i % 2 == 0 ? half : NULL));
    }
  g_assert_true (import (store, imported, &error));
  g_assert_no_error (error);
  assert_counts_exact (fixture->path);

  g_assert_false (reader_prepared (store, "SELECT customer_pk FROM customer_group_field_values"));
  assert_group_field_rows (fixture->path, store, "half", "score", CLT_FIELD_MATCH_AT_LEAST, "300",
                           "v.sort_key >= 300");
  g_assert_true (reader_prepared (store, "SELECT customer_pk FROM customer_group_field_values"));
  close_store (store);

  for (guint round = 0; round < 2; round++)
    {
      store = open_store (fixture->path);
      s = CLT_STORE (store);
      assert_group_field_rows (fixture->path, store, "half", "score", CLT_FIELD_MATCH_AT_LEAST,
                               "300", "v.sort_key >= 300");
      assert_group_field_rows (fixture->path, store, "half", "score", CLT_FIELD_MATCH_AT_MOST,
                               "50", "v.sort_key <= 50");
      assert_group_field_rows (fixture->path, store, "half", "tier", CLT_FIELD_MATCH_PREFIX, "go",
                               "v.sort_key >= 'go' AND v.sort_key < 'gp'");
      assert_group_field_rows (fixture->path, store, "half", "flag", CLT_FIELD_MATCH_EQUALS,
                               "true", "v.sort_key = 1");
      g_assert_true (reader_prepared (store, "SELECT customer_pk FROM customer_group_field_values"));
      assert_counts_exact (fixture->path);
      if (round == 1)
        break;

      /* Values edited and dropped, a member leaving and one joining, an
       * anonymized member, a deletion waiting out its undo time. */
      first = id_of (fixture->path, "v0300@example.com");
      second = id_of (fixture->path, "v0301@example.com");
      third = id_of (fixture->path, "v0302@example.com");
      fourth = id_of (fixture->path, "v0304@example.com");
      fifth = id_of (fixture->path, "v0306@example.com");
      edited = get (s, first, &error);
      g_assert_no_error (error);
      clt_customer_set_custom_fields (edited, field_values (10, "gold", NULL));
      stored = update (s, edited, &error);
      g_assert_no_error (error);
      g_clear_object (&stored);
      g_clear_object (&edited);
      edited = get (s, second, &error);
      g_assert_no_error (error);
      clt_store_set_customer_groups_async (s, second, clt_customer_get_version (edited), half,
                                           NULL, on_result_cb, &result);
      stored = clt_store_set_customer_groups_finish (s, wait_for (&result), &error);
      g_assert_no_error (error);
      g_clear_object (&result);
      g_clear_object (&stored);
      g_clear_object (&edited);
      edited = get (s, third, &error);
      g_assert_no_error (error);
      clt_store_set_customer_groups_async (s, clt_customer_get_id (edited),
                                           clt_customer_get_version (edited), none, NULL,
                                           on_result_cb, &result);
      stored = clt_store_set_customer_groups_finish (s, wait_for (&result), &error);
      g_assert_no_error (error);
      g_clear_object (&result);
      g_clear_object (&stored);
      g_clear_object (&edited);
      g_assert_true (delete_customer (s, fourth, &error));
      g_assert_no_error (error);
      edited = get (s, fifth, &error);
      g_assert_no_error (error);
      clt_store_delete_customer_async (s, clt_customer_get_id (edited),
                                       clt_customer_get_version (edited), 60, NULL,
                                       on_result_cb, &result);
      g_assert_true (clt_store_delete_customer_finish (s, wait_for (&result), &error));
      g_assert_no_error (error);
      g_clear_object (&result);
      g_clear_object (&edited);
      close_store (store);
    }
  close_store (store);
}

/* A group of 130 customers (rowids 1–130: words 0, 1 and 2, every bit of
 * word 1 and bit 63 of word 0) with a number each, and a small one: the
 * group and a range list exactly the members with a value in it, in
 * order, through memberships written by the store and by hand (the
 * triggers on any connection), and after a database of version 9 gets
 * its words. */
static void
test_counts_group_words (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const gold[] = { "gold", NULL };
  static const char * const both[] = { "gold", "silver", NULL };
  CltSqliteStore *store = open_store (fixture->path);
  CltStore *s = CLT_STORE (store);
  g_autoptr(GPtrArray) imported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(CltQuery) silver = clt_query_new ();
  g_autoptr(GError) error = NULL;

  save_field (s, "score", CLT_CUSTOM_FIELD_NUMBER);
  save_group (s, "gold");
  save_group (s, "silver");
  for (guint i = 1; i <= 130; i++)
    {
      g_autofree char *email = g_strdup_printf ("w%03u@example.com", i);
      g_autofree char *name = g_strdup_printf ("W%03u", i);

      g_ptr_array_add (imported, customer_with (email, name, field_values (i, NULL, NULL),
                                                i == 63 || i == 64 ? both : gold));
    }
  g_assert_true (import (store, imported, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM customers c"
                                               " WHERE c.pk = 0 + substr (c.email, 2, 3)"), ==, 130);
  assert_counts_exact (fixture->path);
  g_assert_cmpint (query_int64 (fixture->path, "SELECT bits FROM customer_group_words"
                                               " WHERE group_code = 'gold' AND word = 1"), ==, -1);

  clt_query_set_group (query, "gold");
  clt_query_add_field_filter (query, "score", CLT_FIELD_MATCH_AT_LEAST, "60");
  clt_query_set_sort_field (query, "score");
  clt_query_set_group (silver, "silver");
  g_assert_cmpuint (count (store, query), ==, 71);
  g_assert_cmpuint (count (store, silver), ==, 2);
  /* The small group probed for the range's matches: its rowids taken
   * from its word. */
  clt_query_add_field_filter (silver, "score", CLT_FIELD_MATCH_AT_LEAST, "0");
  clt_query_set_sort_field (silver, "score");
  g_assert_cmpuint (count (store, silver), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CltCustomer) customer = row_at (store, silver, i);
      g_autofree char *email = g_strdup_printf ("w%03u@example.com", 63 + i);

      g_assert_cmpstr (clt_customer_get_email (customer), ==, email);
    }
  for (guint i = 0; i < 71; i += 7)
    {
      g_autoptr(CltCustomer) customer = row_at (store, query, i);
      g_autofree char *email = g_strdup_printf ("w%03u@example.com", 60 + i);

      g_assert_cmpstr (clt_customer_get_email (customer), ==, email);
    }
  close_store (store);

  /* Out of gold by hand: bit 63 of word 0, bit 0 of word 1. */
  exec_on_file (fixture->path,
                "DELETE FROM customer_groups WHERE group_code = 'gold' AND customer_pk IN (63, 64);");
  assert_counts_exact (fixture->path);
  store = open_store (fixture->path);
  g_assert_cmpuint (count (store, query), ==, 69);
  {
    g_autoptr(CltCustomer) customer = row_at (store, query, 3);

    g_assert_cmpstr (clt_customer_get_email (customer), ==, "w065@example.com");
  }
  g_assert_cmpuint (count (store, silver), ==, 2);
  close_store (store);

  /* Version 9: the words made on opening. */
  exec_on_file (fixture->path,
                "PRAGMA journal_mode = DELETE;"
                DROP_V13
                DROP_V12
                DROP_V11
                DROP_V10
                "DELETE FROM customer_groups WHERE group_code = 'gold' AND customer_pk = 100;"
                "PRAGMA user_version = 9;");
  store = open_store (fixture->path);
  g_assert_cmpint (pragma_int (fixture->path, "user_version"), ==, CLT_SQLITE_SCHEMA_VERSION);
  assert_counts_exact (fixture->path);
  g_assert_cmpuint (count (store, query), ==, 68);
  close_store (store);
}

/* Ranges of a number and a text field counted from the buckets (schema
 * 11) and the values at their two ends: each equals counting the values,
 * with ends inside a bucket, on its bounds, shorter than a bucket's 10
 * characters and between buckets; with negative numbers (bucket 0 holds
 * -0.75 and 0.75) written by hand; and after a database of version 10
 * gets its buckets. */
static const struct
{
  const char    *key;
  CltFieldMatch  match;
  const char    *value;
  const char    *where;
} ranges[] = {
  { "score", CLT_FIELD_MATCH_AT_LEAST, "7.5", "sort_key >= 7.5" },
  { "score", CLT_FIELD_MATCH_AT_LEAST, "7", "sort_key >= 7" },
  { "score", CLT_FIELD_MATCH_AT_LEAST, "0", "sort_key >= 0" },
  { "score", CLT_FIELD_MATCH_AT_LEAST, "-0.75", "sort_key >= -0.75" },
  { "score", CLT_FIELD_MATCH_AT_LEAST, "-100", "sort_key >= -100" },
  { "score", CLT_FIELD_MATCH_AT_LEAST, "29.75", "sort_key >= 29.75" },
  { "score", CLT_FIELD_MATCH_AT_LEAST, "30", "sort_key >= 30" },
  { "score", CLT_FIELD_MATCH_AT_MOST, "7.25", "sort_key <= 7.25" },
  { "score", CLT_FIELD_MATCH_AT_MOST, "7", "sort_key <= 7" },
  { "score", CLT_FIELD_MATCH_AT_MOST, "0.5", "sort_key <= 0.5" },
  { "score", CLT_FIELD_MATCH_AT_MOST, "-0.75", "sort_key <= -0.75" },
  { "score", CLT_FIELD_MATCH_AT_MOST, "-3", "sort_key <= -3" },
  { "score", CLT_FIELD_MATCH_EQUALS, "7.5", "sort_key = 7.5" },
  { "tier", CLT_FIELD_MATCH_PREFIX, "Member 0", "sort_key >= 'member 0' AND sort_key < 'member 0' || char (1114111)" },
  { "tier", CLT_FIELD_MATCH_PREFIX, "member 01", "sort_key >= 'member 01' AND sort_key < 'member 01' || char (1114111)" },
  { "tier", CLT_FIELD_MATCH_PREFIX, "member 012", "sort_key >= 'member 012' AND sort_key < 'member 012' || char (1114111)" },
  { "tier", CLT_FIELD_MATCH_PREFIX, "member 0123", "sort_key >= 'member 0123' AND sort_key < 'member 0123' || char (1114111)" },
  { "tier", CLT_FIELD_MATCH_PREFIX, "Member 1", "sort_key >= 'member 1' AND sort_key < 'member 1' || char (1114111)" },
  { "tier", CLT_FIELD_MATCH_PREFIX, "m", "sort_key >= 'm' AND sort_key < 'm' || char (1114111)" },
  { "tier", CLT_FIELD_MATCH_AT_LEAST, "member 01", "sort_key >= 'member 01'" },
  { "tier", CLT_FIELD_MATCH_AT_LEAST, "member 1", "sort_key >= 'member 1'" },
  { "tier", CLT_FIELD_MATCH_AT_MOST, "member 01", "sort_key <= 'member 01'" },
  { "tier", CLT_FIELD_MATCH_AT_MOST, "member 0115", "sort_key <= 'member 0115'" },
  { "tier", CLT_FIELD_MATCH_AT_MOST, "member 1", "sort_key <= 'member 1'" },
};

static void
assert_ranges (const char *path)
{
  CltSqliteStore *store = open_store (path);

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM customer_field_values"
                                              " WHERE field_key = '%s' AND %s",
                                              ranges[i].key, ranges[i].where);
      gint64 want = query_int64 (path, sql);

      g_test_message ("%s %d '%s': %" G_GINT64_FORMAT, ranges[i].key, ranges[i].match,
                      ranges[i].value, want);
      g_assert_cmpint (count_field (store, ranges[i].key, ranges[i].match, ranges[i].value), ==,
                       want);
    }
  close_store (store);
}

static void
test_counts_buckets (Fixture       *fixture,
                     gconstpointer  data)
{
  CltSqliteStore *store = open_store (fixture->path);
  CltStore *s = CLT_STORE (store);
  g_autoptr(GPtrArray) imported = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  save_field (s, "score", CLT_CUSTOM_FIELD_NUMBER);
  save_field (s, "tier", CLT_CUSTOM_FIELD_STRING);
  for (guint i = 0; i < 240; i++)
    {
      g_autofree char *email = g_strdup_printf ("r%03u@example.com", i);
      g_autofree char *name = g_strdup_printf ("R%03u", i);
      g_autofree char *tier = i % 40 == 0 ? g_strdup ("Member 1")
                              : i % 40 == 1 ? g_strdup ("Member 01")
                              : g_strdup_printf ("Member %04u", (i * 7) % 240);

      g_ptr_array_add (imported, customer_with (email, name,
                                                field_values ((i * 37) % 120 / 4.0, tier, NULL),
                                                NULL));
    }
  g_assert_true (import (store, imported, &error));
  g_assert_no_error (error);
  close_store (store);
  assert_counts_exact (fixture->path);
  assert_ranges (fixture->path);

  /* Negative numbers, a value changed and one deleted, by hand. */
  exec_on_file (fixture->path,
                "UPDATE customer_field_values SET value = -sort_key - 0.75, sort_key = -sort_key - 0.75"
                "  WHERE field_key = 'score' AND customer_pk % 3 = 0;"
                "UPDATE customer_field_values SET value = 'Member 0115', sort_key = 'member 0115'"
                "  WHERE field_key = 'tier' AND customer_pk % 5 = 0;"
                "DELETE FROM customer_field_values WHERE field_key = 'tier' AND customer_pk % 7 = 0;");
  assert_counts_exact (fixture->path);
  assert_ranges (fixture->path);

  /* Version 10: the buckets made on opening, from values written
   * without them. */
  exec_on_file (fixture->path,
                "PRAGMA journal_mode = DELETE;"
                DROP_V13
                DROP_V12
                DROP_V11
                "UPDATE customer_field_values SET value = sort_key + 0.5, sort_key = sort_key + 0.5"
                "  WHERE field_key = 'score' AND customer_pk % 4 = 0;"
                "DELETE FROM customer_field_values WHERE field_key = 'tier' AND customer_pk % 11 = 0;"
                "PRAGMA user_version = 10;");
  store = open_store (fixture->path);
  g_assert_cmpint (pragma_int (fixture->path, "user_version"), ==, CLT_SQLITE_SCHEMA_VERSION);
  close_store (store);
  assert_counts_exact (fixture->path);
  assert_ranges (fixture->path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/clt/sqlite-store/counts/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("writes", test_counts_writes);
  ADD ("migration", test_counts_migration);
  ADD ("migration-v8", test_counts_migration_v8);
  ADD ("group-and-value", test_counts_group_and_value);
  ADD ("field-collected", test_counts_field_collected);
  ADD ("group-words", test_counts_group_words);
  ADD ("group-collected", test_counts_group_collected);
  ADD ("group-kept", test_counts_group_kept);
  ADD ("group-field-values", test_counts_group_field_values);
  ADD ("buckets", test_counts_buckets);
  ADD ("field-purge", test_counts_field_purge);

#undef ADD

  return g_test_run ();
}
