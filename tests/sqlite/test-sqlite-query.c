/* test-sqlite-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sqlite-query"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "clt-address.h"
#include "clt-customer.h"
#include "clt-import-report.h"
#include "clt-query.h"
#include "clt-sample-loader.h"
#include "clt-sqlite-store.h"

#include "sqlite-store-util.h"
#include "sqlite-test-util.h"
#include "sqlite-write-util.h"
#include "test-sqlite-query-private.h"

/* CltSqliteStore reading customers: search (folding, short words, query
 * syntax), sort orders, paging, filters, pending deletions and a bulk
 * import; custom field values in test-sqlite-query-fields.c. The
 * opening, migration and write tests are in test-sqlite-store.c. */

static void
test_search_accents (Fixture       *fixture,
                     gconstpointer  data)
{
  CltSqliteStore *store = store_with_people (fixture->path);
  static const struct {
    const char *text;
    const char *expected_last_name;
    guint       n;
  } cases[] = {
    { "muller", "Müller", 2 },
    { "MÜLLER", "MÜLLER", 2 },
    { "Müller", "Müller", 2 },
    { "mül", "Müller", 2 },
    { "mueller", "Müller", 1 },
    { "francois", "François", 1 },
    { "FRANÇOIS", "François", 1 },
    { "zoe", "François", 1 },
    { "lukasz", "Wiśniewski", 1 },
    { "wisniewski", "Wiśniewski", 1 },
    { "sjoberg", "Sjöberg", 1 },
    { "asa sjo", "Sjöberg", 1 },
    { "munchen", "Müller", 1 },
    { "maschinenbau", "Müller", 1 },
    { "example.co.uk", "O'Brien", 1 },
    { "o'brien", "O'Brien", 1 },
    { "T-p5", "Sjöberg", 1 },
    { "75001", "François", 1 },
    { "jürgen müller", "Müller", 1 },
    { "müller berlin", "MÜLLER", 1 },
    { "nobody-like-this", NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CltQuery) query = search_query (cases[i].text);
      g_autoptr(GPtrArray) found = list (store, query, 0, 100);

      g_test_message ("search “%s”", cases[i].text);
      g_assert_cmpuint (count (store, query), ==, cases[i].n);
      g_assert_cmpuint (found->len, ==, cases[i].n);
      if (cases[i].expected_last_name != NULL)
        g_assert_true (list_has_last_name (found, cases[i].expected_last_name));
    }

  close_store (store);
}

static void
test_search_short (Fixture       *fixture,
                   gconstpointer  data)
{
  CltSqliteStore *store = store_with_people (fixture->path);
  g_autoptr(CltQuery) mu = search_query ("mu");
  g_autoptr(CltQuery) j = search_query ("J");
  g_autoptr(CltQuery) l_umlaut = search_query ("Ł");
  g_autoptr(CltQuery) two_words = search_query ("an mu");
  g_autoptr(GPtrArray) found = NULL;

  /* A prefix of names (not "Schmutz", where "mu" is inside the word). */
  found = list (store, mu, 0, 100);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (list_has_last_name (found, "Müller"));
  g_assert_true (list_has_last_name (found, "MÜLLER"));
  g_assert_false (list_has_last_name (found, "Schmutz"));
  g_assert_cmpuint (count (store, mu), ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* First name or email prefix, case-insensitive. */
  found = list (store, j, 0, 100);
  g_assert_true (list_has_last_name (found, "Müller"));
  g_assert_cmpuint (count (store, j), ==, found->len);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = list (store, l_umlaut, 0, 100);
  g_assert_true (list_has_last_name (found, "Wiśniewski"));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Every short word must match some column's prefix. */
  found = list (store, two_words, 0, 100);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (list_has_last_name (found, "MÜLLER"));

  close_store (store);
}

static void
test_search_syntax (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = store_with_people (fixture->path);
  static const char * const texts[] = {
    "\"", "\"\"", "*", "**", "-", "--", "AND", "OR", "NOT", "NEAR(", "NEAR(a b)", "a\"b",
    "'; DROP TABLE customers; --", "mül*", "^mul", "mul -ler", "(mül", "{col}: x", "a:b",
    "%", "_", "\\", "müller AND", "x OR y", "  ", "\t\n", "🙂", "ﬁ", "İ", "ß",
    "\xff\xfe invalid utf-8", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  };

  g_assert_true (load_sample (store, 200, 5, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(CltQuery) query = search_query (texts[i]);
      g_autoptr(GPtrArray) found = NULL;
      guint n;

      g_test_message ("search %u", i);
      /* Text that is not UTF-8 is refused as bad input, not searched. */
      if (!g_utf8_validate (texts[i], -1, NULL))
        {
          g_autoptr(GAsyncResult) result = NULL;
          g_autoptr(GError) refused = NULL;

          clt_store_count_customers_async (CLT_STORE (store), query, NULL, on_result_cb, &result);
          g_assert_false (clt_store_count_customers_finish (CLT_STORE (store), wait_for (&result),
                                                            NULL, &refused));
          g_assert_error (refused, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
          continue;
        }
      n = count (store, query);
      found = list (store, query, 0, 50);
      g_assert_cmpuint (found->len, ==, MIN (n, 50));
    }

  /* Quotes are literal text: the email with an apostrophe is found. */
  {
    g_autoptr(CltQuery) query = search_query ("'brien");

    g_assert_cmpuint (count (store, query), ==, 1);
  }

  /* The table survived the "injection". */
  g_assert_cmpuint (count (store, NULL), ==, 207);
  close_store (store);
}

static int
compare_rows (CltCustomer *a,
              CltCustomer *b,
              CltSortKey   key)
{
  switch (key)
    {
    case CLT_SORT_KEY_REGISTERED:
      return g_date_time_compare (clt_customer_get_registered (a), clt_customer_get_registered (b));

    case CLT_SORT_KEY_STATUS:
      {
        int rank_a = clt_customer_get_status (a) * 2 + !clt_customer_get_verified (a);
        int rank_b = clt_customer_get_status (b) * 2 + !clt_customer_get_verified (b);

        return (rank_a > rank_b) - (rank_a < rank_b);
      }

    case CLT_SORT_KEY_COUNTRY:
      return strcmp (clt_customer_get_country (a), clt_customer_get_country (b));

    case CLT_SORT_KEY_SITE:
      return strcmp (clt_customer_get_preferred_site (a), clt_customer_get_preferred_site (b));

    default:
      {
        const char *property = NULL;
        g_autofree char *value_a = NULL;
        g_autofree char *value_b = NULL;
        g_autofree char *fold_a = NULL;
        g_autofree char *fold_b = NULL;

        switch (key)
          {
          case CLT_SORT_KEY_NUMBER: property = "number"; break;
          case CLT_SORT_KEY_EMAIL: property = "email"; break;
          case CLT_SORT_KEY_LAST_NAME: property = "last-name"; break;
          case CLT_SORT_KEY_FIRST_NAME: property = "first-name"; break;
          case CLT_SORT_KEY_COMPANY: property = "company"; break;
          case CLT_SORT_KEY_ZIP_CODE: property = "zip-code"; break;
          case CLT_SORT_KEY_CITY: property = "city"; break;
          default: g_assert_not_reached ();
          }

        g_object_get (a, property, &value_a, NULL);
        g_object_get (b, property, &value_b, NULL);
        fold_a = clt_fold_text (value_a);
        fold_b = clt_fold_text (value_b);
        return strcmp (fold_a, fold_b);
      }
    }
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = open_store (fixture->path);

  g_assert_true (load_sample (store, N_SAMPLE, 11, &error));
  g_assert_no_error (error);

  for (guint key = 0; key < CLT_N_SORT_KEYS; key++)
    for (guint dir = 0; dir < 2; dir++)
      {
        g_autoptr(CltQuery) query = clt_query_new ();
        g_autoptr(GPtrArray) rows = NULL;
        guint n_changes = 0;

        clt_query_set_sort_key (query, key);
        clt_query_set_sort_direction (query, dir);
        rows = list (store, query, 0, N_SAMPLE);
        g_assert_cmpuint (rows->len, ==, N_SAMPLE);

        for (guint i = 1; i < rows->len; i++)
          {
            int cmp = compare_rows (g_ptr_array_index (rows, i - 1),
                                    g_ptr_array_index (rows, i), key);

            if (dir == CLT_SORT_DESCENDING)
              cmp = -cmp;
            if (cmp > 0)
              g_error ("sort key %u direction %u: rows %u and %u out of order", key, dir, i - 1, i);
            n_changes += cmp != 0;
          }

        /* The sample spreads every column over several values. */
        g_assert_cmpuint (n_changes, >, 2);
      }

  close_store (store);
}

static GPtrArray *
ids_of (GPtrArray *customers)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < customers->len; i++)
    g_ptr_array_add (ids, g_strdup (clt_customer_get_id (g_ptr_array_index (customers, i))));

  return ids;
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  static const CltSortKey keys[] = { CLT_SORT_KEY_NUMBER, CLT_SORT_KEY_COUNTRY,
                                     CLT_SORT_KEY_STATUS, CLT_SORT_KEY_CITY };
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = open_store (fixture->path);

  g_assert_true (load_sample (store, N_SAMPLE, 12, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (store, NULL), ==, N_SAMPLE);

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autoptr(CltQuery) query = clt_query_new ();
      g_autoptr(GPtrArray) all = NULL;
      g_autoptr(GPtrArray) all_ids = NULL;
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      guint position = 0;

      clt_query_set_sort_key (query, keys[k]);
      clt_query_set_sort_direction (query, k % 2);
      all = list (store, query, 0, N_SAMPLE + 10);
      all_ids = ids_of (all);
      g_assert_cmpuint (all_ids->len, ==, N_SAMPLE);

      /* Pages of a size that does not divide the total. */
      for (guint offset = 0; offset < N_SAMPLE + 97; offset += 97)
        {
          g_autoptr(GPtrArray) page = list (store, query, offset, 97);
          g_autoptr(GPtrArray) page_ids = ids_of (page);

          for (guint i = 0; i < page_ids->len; i++, position++)
            {
              const char *id = g_ptr_array_index (page_ids, i);

              g_assert_cmpstr (id, ==, g_ptr_array_index (all_ids, position));
              g_assert_false (g_hash_table_contains (seen, id));
              g_hash_table_add (seen, (gpointer) id);
            }
        }
      g_assert_cmpuint (position, ==, N_SAMPLE);
      g_assert_cmpuint (g_hash_table_size (seen), ==, N_SAMPLE);
    }

  close_store (store);
}

/* The ids of every listed customer in the order @column @dir, straight
 * from the file: what deep pages must agree with. */
static GPtrArray *
reference_order (const char *path,
                 const char *column,
                 const char *dir,
                 const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM customers WHERE listed = 1%s"
                                          " ORDER BY %s %s, pk %s", where, column, dir, dir);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return ids;
}

/* Deep pages start from remembered anchors instead of skipping every
 * row before them: they must still be exactly the rows a plain OFFSET
 * gives, for every order (ties in status and country, customers without a
 * registration date), with a filter, and after a write moved rows. */
static void
test_paging_deep (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct
  {
    CltSortKey  key;
    const char *column;
  } orders[] = {
    { CLT_SORT_KEY_NUMBER, "number_key" },
    { CLT_SORT_KEY_STATUS, "status_rank" },
    { CLT_SORT_KEY_COUNTRY, "country" },
    { CLT_SORT_KEY_REGISTERED, "registered" },
    { CLT_SORT_KEY_LAST_NAME, "last_name_key" },
  };
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = open_store (fixture->path);
  const guint n = 3000;

  g_assert_true (load_sample (store, n, 21, &error));
  g_assert_no_error (error);
  /* Some customers without a registration date sort first (NULL). */
  exec_on_file (fixture->path, "UPDATE customers SET registered = NULL WHERE pk % 7 = 0");

  for (guint round = 0; round < 2; round++)
    for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
      for (guint direction = 0; direction < 2; direction++)
        {
          const char *dir = direction == CLT_SORT_DESCENDING ? "DESC" : "ASC";
          g_autoptr(CltQuery) query = clt_query_new ();
          g_autoptr(GPtrArray) expected = NULL;
          const char *where = "";

          clt_query_set_sort_key (query, orders[o].key);
          clt_query_set_sort_direction (query, direction);
          if (o == 0 && direction == CLT_SORT_ASCENDING)
            {
              clt_query_set_status (query, CLT_STATUS_FILTER_ACTIVE);
              where = " AND status_rank IN (0, 1)";
            }
          expected = reference_order (fixture->path, orders[o].column, dir, where);

          for (guint offset = 1000; offset < expected->len + 50; offset += 731)
            {
              g_autoptr(GPtrArray) page = list (store, query, offset, 60);
              g_autoptr(GPtrArray) page_ids = ids_of (page);

              g_assert_cmpuint (page_ids->len, ==, MIN (60, expected->len - MIN (offset, expected->len)));
              for (guint i = 0; i < page_ids->len; i++)
                g_assert_cmpstr (g_ptr_array_index (page_ids, i), ==,
                                 g_ptr_array_index (expected, offset + i));
            }

          /* A write moves rows: the next round must see it. */
          if (round == 0 && o == G_N_ELEMENTS (orders) - 1 && direction == 1)
            exec_on_file (fixture->path,
                          "UPDATE customers SET last_name_key = 'aaa' || pk, country = 'AD',"
                          " number_key = 'zz' || number_key, active = 1 - active"
                          " WHERE pk % 5 = 0;");
        }

  close_store (store);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = open_store (fixture->path);
  guint n_active, n_on_hold, n_inactive, n_unverified;

  g_assert_true (load_sample (store, N_SAMPLE, 13, &error));
  g_assert_no_error (error);

  /* Status: the three activation states split the table. */
  {
    g_autoptr(CltQuery) query = clt_query_new ();
    g_autoptr(GPtrArray) rows = NULL;

    clt_query_set_status (query, CLT_STATUS_FILTER_ACTIVE);
    n_active = count (store, query);
    rows = list (store, query, 0, N_SAMPLE);
    g_assert_cmpuint (rows->len, ==, n_active);
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpint (clt_customer_get_status (g_ptr_array_index (rows, i)), ==,
                       CLT_CUSTOMER_STATUS_ACTIVE);
    g_clear_pointer (&rows, g_ptr_array_unref);

    clt_query_set_status (query, CLT_STATUS_FILTER_ON_HOLD);
    n_on_hold = count (store, query);
    rows = list (store, query, 0, N_SAMPLE);
    for (guint i = 0; i < rows->len; i++)
      g_assert_true (clt_customer_get_on_hold (g_ptr_array_index (rows, i)));
    g_clear_pointer (&rows, g_ptr_array_unref);

    clt_query_set_status (query, CLT_STATUS_FILTER_INACTIVE);
    n_inactive = count (store, query);

    clt_query_set_status (query, CLT_STATUS_FILTER_UNVERIFIED);
    n_unverified = count (store, query);
    rows = list (store, query, 0, N_SAMPLE);
    for (guint i = 0; i < rows->len; i++)
      g_assert_false (clt_customer_get_verified (g_ptr_array_index (rows, i)));

    g_assert_cmpuint (n_active + n_on_hold + n_inactive, ==, N_SAMPLE);
    /* The sample's mix: ≈85 % active, 5 % on hold, 10 % inactive, 20 % unverified. */
    g_assert_cmpuint (n_active, >, N_SAMPLE * 75 / 100);
    g_assert_cmpuint (n_on_hold, >, 0);
    g_assert_cmpuint (n_inactive, >, 0);
    g_assert_cmpuint (n_unverified, >, N_SAMPLE / 10);
    g_assert_cmpuint (n_unverified, <, N_SAMPLE * 3 / 10);
  }

  /* Country, site and group, alone and together with text. */
  {
    g_autoptr(CltQuery) query = clt_query_new ();
    g_autoptr(GPtrArray) rows = NULL;
    guint n_de, n_de_shop, n_vip, n_both;

    clt_query_set_country (query, "DE");
    n_de = count (store, query);
    rows = list (store, query, 0, N_SAMPLE);
    g_assert_cmpuint (rows->len, ==, n_de);
    g_assert_cmpuint (n_de, >, 0);
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpstr (clt_customer_get_country (g_ptr_array_index (rows, i)), ==, "DE");
    g_clear_pointer (&rows, g_ptr_array_unref);

    clt_query_set_country (query, "");
    clt_query_set_site (query, "de-shop");
    n_de_shop = count (store, query);
    g_assert_cmpuint (n_de_shop, ==, n_de);

    clt_query_set_site (query, "");
    clt_query_set_group (query, "vip");
    n_vip = count (store, query);
    rows = list (store, query, 0, N_SAMPLE);
    g_assert_cmpuint (rows->len, ==, n_vip);
    g_assert_cmpuint (n_vip, >, 0);
    for (guint i = 0; i < rows->len; i++)
      g_assert_true (g_strv_contains (clt_customer_get_groups (g_ptr_array_index (rows, i)),
                                      "vip"));
    g_clear_pointer (&rows, g_ptr_array_unref);

    clt_query_set_country (query, "DE");
    n_both = count (store, query);
    g_assert_cmpuint (n_both, <=, MIN (n_vip, n_de));

    clt_query_set_group (query, "");
    clt_query_set_search_text (query, "gmbh");
    rows = list (store, query, 0, N_SAMPLE);
    g_assert_cmpuint (rows->len, ==, count (store, query));
    g_assert_cmpuint (rows->len, >, 0);
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpstr (clt_customer_get_country (g_ptr_array_index (rows, i)), ==, "DE");
  }

  /* Registration range: from inclusive, until exclusive. */
  {
    g_autoptr(CltQuery) query = clt_query_new ();
    g_autoptr(GDateTime) from = g_date_time_new_utc (2022, 1, 1, 0, 0, 0);
    g_autoptr(GDateTime) until = g_date_time_new_utc (2023, 1, 1, 0, 0, 0);
    g_autoptr(GPtrArray) rows = NULL;
    guint n_range, n_before, n_after;

    clt_query_set_registered_from (query, from);
    clt_query_set_registered_until (query, until);
    n_range = count (store, query);
    rows = list (store, query, 0, N_SAMPLE);
    g_assert_cmpuint (rows->len, ==, n_range);
    g_assert_cmpuint (n_range, >, 0);
    for (guint i = 0; i < rows->len; i++)
      {
        GDateTime *registered = clt_customer_get_registered (g_ptr_array_index (rows, i));

        g_assert_cmpint (g_date_time_compare (registered, from), >=, 0);
        g_assert_cmpint (g_date_time_compare (registered, until), <, 0);
      }

    clt_query_set_registered_from (query, NULL);
    clt_query_set_registered_until (query, from);
    n_before = count (store, query);
    clt_query_set_registered_from (query, until);
    clt_query_set_registered_until (query, NULL);
    n_after = count (store, query);
    g_assert_cmpuint (n_before + n_range + n_after, ==, N_SAMPLE);
  }

  close_store (store);
}

static void
test_pending_deletion (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) restored = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CltQuery) all = clt_query_new ();
  CltSqliteStore *store = store_with_people (fixture->path);
  guint total = 0;

  clt_store_get_customer_async (CLT_STORE (store), "p3", NULL, on_result_cb, &result);
  stored = clt_store_get_customer_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Waiting out its undo time, the customer is gone from pages and
   * totals without the caller saying so in the query. */
  clt_store_delete_customer_async (CLT_STORE (store), "p3", clt_customer_get_version (stored), 60,
                                   NULL, on_result_cb, &result);
  g_assert_true (clt_store_delete_customer_finish (CLT_STORE (store), wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  rows = first_rows (store, all, 100, &total);
  g_assert_cmpuint (rows->len, ==, 6);
  g_assert_cmpuint (total, ==, 6);
  g_assert_false (list_has_last_name (rows, "François"));
  g_assert_cmpuint (count (store, NULL), ==, 6);
  g_clear_pointer (&rows, g_ptr_array_unref);

  clt_store_undo_delete_customer_async (CLT_STORE (store), "p3", NULL, on_result_cb, &result);
  restored = clt_store_undo_delete_customer_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_id (restored), ==, "p3");
  g_clear_object (&result);

  rows = first_rows (store, all, 100, &total);
  g_assert_cmpuint (rows->len, ==, 7);
  g_assert_cmpuint (total, ==, 7);
  g_assert_true (list_has_last_name (rows, "François"));
  g_assert_cmpuint (count (store, NULL), ==, 7);

  close_store (store);
}


static gboolean
starts_with_word (const char *text,
                  const char *prefix)
{
  g_autofree char *folded = clt_fold_text (text);

  return g_str_has_prefix (folded, prefix);
}

/* Whether a word of one of the searched fields starts with @needle (a
 * single word): what the full-text search promises. */
static gboolean
has_word_starting_with (CltCustomer *customer,
                        const char  *needle)
{
  const char *fields[] = {
    clt_customer_get_first_name (customer), clt_customer_get_last_name (customer),
    clt_customer_get_email (customer), clt_customer_get_company (customer),
    clt_customer_get_number (customer), clt_customer_get_zip_code (customer),
    clt_customer_get_city (customer),
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = clt_fold_text (fields[i]);
      gboolean at_word_start = TRUE;

      for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
        {
          gboolean alnum = g_unichar_isalnum (g_utf8_get_char (p));

          if (alnum && at_word_start && g_str_has_prefix (p, needle))
            return TRUE;
          at_word_start = !alnum;
        }
    }

  return FALSE;
}

/* A load big enough for the bulk path (indexes and search indexes built
 * after the rows), then a small one through the per-row triggers: both
 * must find exactly what a brute-force scan finds, with either query plan
 * (dense: walk the sort index; sparse: collect and sort). */
static void
test_bulk (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const prefixes[] = { "m", "s", "ju", "an", "zz" };
  static const char * const needles[] = { "mul", "gmbh", "lond", "anna", "sch", "wis", "paris" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CltQuery) everyone = clt_query_new ();
  g_autoptr(GPtrArray) all = NULL;
  CltSqliteStore *store = open_store (fixture->path);
  guint n_total;

  g_assert_true (load_sample (store, 25000, 31, &error));
  g_assert_no_error (error);
  g_assert_true (load_sample (store, 500, 32, &error));
  g_assert_no_error (error);
  n_total = count (store, NULL);
  g_assert_cmpuint (n_total, ==, 25500);

  all = list (store, everyone, 0, n_total);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autoptr(CltQuery) query = search_query (prefixes[i]);
      g_autoptr(GPtrArray) sparse = NULL;
      guint expected = 0;

      for (guint j = 0; j < all->len; j++)
        {
          CltCustomer *customer = g_ptr_array_index (all, j);

          expected += starts_with_word (clt_customer_get_last_name (customer), prefixes[i]) ||
                      starts_with_word (clt_customer_get_first_name (customer), prefixes[i]) ||
                      starts_with_word (clt_customer_get_email (customer), prefixes[i]);
        }

      g_test_message ("prefix “%s”: %u", prefixes[i], expected);
      g_assert_cmpuint (count (store, query), ==, expected);
      sparse = list (store, query, 0, n_total);
      g_assert_cmpuint (sparse->len, ==, expected);

      for (guint j = 0; j < MIN (expected, 5); j++)
        {
          g_autoptr(GPtrArray) one = list (store, query, j, 1);

          g_assert_cmpuint (one->len, ==, 1);
          g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (one, 0)), ==,
                           clt_customer_get_id (g_ptr_array_index (sparse, j)));
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      g_autoptr(CltQuery) query = search_query (needles[i]);
      g_autoptr(GPtrArray) sparse = NULL;
      guint expected = 0;

      for (guint j = 0; j < all->len; j++)
        expected += has_word_starting_with (g_ptr_array_index (all, j), needles[i]);

      g_test_message ("word prefix “%s”: %u", needles[i], expected);
      g_assert_cmpuint (expected, >, 0);
      g_assert_cmpuint (count (store, query), ==, expected);
      sparse = list (store, query, 0, n_total);
      g_assert_cmpuint (sparse->len, ==, expected);

      for (guint j = 0; j < MIN (expected, 5); j++)
        {
          g_autoptr(GPtrArray) one = list (store, query, j, 1);

          g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (one, 0)), ==,
                           clt_customer_get_id (g_ptr_array_index (sparse, j)));
        }
    }

  close_store (store);
}

/* Checks every short prefix of @prefixes against a scan of everyone:
 * the count (customer_prefix_counts, schema 7), the whole list, and the
 * first rows one at a time (walked with a lookup per row rather than
 * collected); and that the maintained counts equal the prefixes' rows. */
static void
assert_short_counts (CltSqliteStore *store,
                     const char     *path)
{
  static const char * const prefixes[] = { "m", "mu", "s", "sc", "a", "an", "z", "zo", "ł" };
  g_autoptr(CltQuery) everyone = clt_query_new ();
  g_autoptr(GPtrArray) all = list (store, everyone, 0, 100000);
  g_autofree char *differ = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autoptr(CltQuery) query = search_query (prefixes[i]);
      g_autoptr(GPtrArray) found = NULL;
      g_autofree char *folded = clt_fold_text (prefixes[i]);
      guint expected = 0;

      for (guint j = 0; j < all->len; j++)
        {
          CltCustomer *customer = g_ptr_array_index (all, j);

          expected += starts_with_word (clt_customer_get_last_name (customer), folded) ||
                      starts_with_word (clt_customer_get_first_name (customer), folded) ||
                      starts_with_word (clt_customer_get_email (customer), folded);
        }

      g_test_message ("prefix “%s”: %u", prefixes[i], expected);
      g_assert_cmpuint (count (store, query), ==, expected);
      found = list (store, query, 0, all->len);
      g_assert_cmpuint (found->len, ==, expected);
      for (guint j = 0; j < MIN (expected, 3); j++)
        {
          g_autoptr(GPtrArray) one = list (store, query, j, 1);

          g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (one, 0)), ==,
                           clt_customer_get_id (g_ptr_array_index (found, j)));
        }
    }

  differ = query_text (path,
                       "SELECT count(*) FROM (SELECT prefix, count(*) AS n FROM customer_prefixes"
                       " GROUP BY prefix) AS rows FULL JOIN customer_prefix_counts AS counts"
                       " USING (prefix) WHERE rows.n IS NOT counts.n OR counts.n < 1",
                       NULL);
  g_assert_cmpstr (differ, ==, "0");
}

/* The counts of 1–2 character prefixes are kept by triggers: they stay
 * exact through a load, a create, an edit of the names, a
 * deletion waiting out its undo time (hidden, not yet uncounted) and an
 * anonymization. */
static void
test_search_short_counts (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CltCustomer) created = NULL;
  g_autoptr(CltCustomer) edited = NULL;
  g_autoptr(CltCustomer) pending = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltQuery) zo = search_query ("zo");
  CltSqliteStore *store = open_store (fixture->path);
  guint n_zo;

  g_assert_true (load_sample (store, 800, 17, &error));
  g_assert_no_error (error);
  assert_short_counts (store, fixture->path);
  n_zo = count (store, zo);

  created = create_ok (CLT_STORE (store), "zora.mustermann@example.org", "Muriel", "Mustermann");
  assert_short_counts (store, fixture->path);
  g_assert_cmpuint (count (store, zo), ==, n_zo + 1);

  clt_customer_set_last_name (created, "Łukasik");
  clt_customer_set_first_name (created, "Anna");
  edited = update (CLT_STORE (store), created, &error);
  g_assert_no_error (error);
  assert_short_counts (store, fixture->path);
  g_assert_cmpuint (count (store, zo), ==, n_zo + 1);

  /* Waiting out its undo time: hidden from the count (which then counts
   * the rows), still in the prefixes. */
  clt_store_delete_customer_async (CLT_STORE (store), clt_customer_get_id (edited),
                                   clt_customer_get_version (edited), 60, NULL, on_result_cb,
                                   &result);
  g_assert_true (clt_store_delete_customer_finish (CLT_STORE (store), wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  assert_short_counts (store, fixture->path);
  clt_store_undo_delete_customer_async (CLT_STORE (store), clt_customer_get_id (edited), NULL,
                                        on_result_cb, &result);
  pending = clt_store_undo_delete_customer_finish (CLT_STORE (store), wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  g_assert_true (delete_customer (CLT_STORE (store), clt_customer_get_id (pending), &error));
  g_assert_no_error (error);
  assert_short_counts (store, fixture->path);
  g_assert_cmpuint (count (store, zo), ==, n_zo);

  close_store (store);
}

/* A group filter gives exactly the members, in the order of the whole
 * list, whether the group is dense (tested row by row along the sort
 * walk) or sparse (collected first), and its count (from the group's
 * index when it filters alone) agrees; a member whose deletion is
 * pending leaves both. */
static void
test_group_filter (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const groups[] = { "vip", "newsletter", "b2b", "wholesale" };
  static const struct { CltSortKey key; CltSortDirection direction; } sorts[] = {
    { CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING },
    { CLT_SORT_KEY_LAST_NAME, CLT_SORT_DESCENDING },
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = open_store (fixture->path);
  CltCustomer *gone = NULL;
  guint n_before;

  g_assert_true (load_sample (store, N_SAMPLE, 13, &error));
  g_assert_no_error (error);

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    {
      g_autoptr(CltQuery) everyone = clt_query_new ();
      g_autoptr(GPtrArray) all = NULL;

      clt_query_set_sort_key (everyone, sorts[s].key);
      clt_query_set_sort_direction (everyone, sorts[s].direction);
      all = list (store, everyone, 0, N_SAMPLE);
      g_assert_cmpuint (all->len, ==, N_SAMPLE);

      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        {
          g_autoptr(CltQuery) query = clt_query_copy (everyone);
          g_autoptr(GPtrArray) expected = g_ptr_array_new ();
          g_autoptr(GPtrArray) rows = NULL;
          g_autoptr(GPtrArray) middle = NULL;

          for (guint i = 0; i < all->len; i++)
            if (g_strv_contains (clt_customer_get_groups (g_ptr_array_index (all, i)), groups[g]))
              g_ptr_array_add (expected, g_ptr_array_index (all, i));
          g_assert_cmpuint (expected->len, >, 20);

          clt_query_set_group (query, groups[g]);
          g_assert_cmpuint (count (store, query), ==, expected->len);
          rows = list (store, query, 0, N_SAMPLE);
          g_assert_cmpuint (rows->len, ==, expected->len);
          for (guint i = 0; i < rows->len; i++)
            g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (rows, i)), ==,
                             clt_customer_get_id (g_ptr_array_index (expected, i)));

          middle = list (store, query, 7, 13);
          g_assert_cmpuint (middle->len, ==, 13);
          for (guint i = 0; i < middle->len; i++)
            g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (middle, i)), ==,
                             clt_customer_get_id (g_ptr_array_index (expected, 7 + i)));

          if (gone == NULL && g_str_equal (groups[g], "vip"))
            gone = g_object_ref (g_ptr_array_index (expected, 0));
        }
    }

  {
    g_autoptr(CltQuery) query = clt_query_new ();
    g_autoptr(GPtrArray) rows = NULL;

    clt_query_set_group (query, "vip");
    n_before = count (store, query);
    clt_store_delete_customer_async (CLT_STORE (store), clt_customer_get_id (gone),
                                     clt_customer_get_version (gone), 60,
                                     NULL, on_result_cb, &result);
    g_assert_true (clt_store_delete_customer_finish (CLT_STORE (store), wait_for (&result), &error));
    g_assert_no_error (error);
    g_clear_object (&result);

    g_assert_cmpuint (count (store, query), ==, n_before - 1);
    rows = list (store, query, 0, N_SAMPLE);
    g_assert_cmpuint (rows->len, ==, n_before - 1);
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (rows, i)), !=,
                       clt_customer_get_id (gone));
  }

  g_object_unref (gone);
  close_store (store);
}

/* One page of @page_size (a small page walks the sort index, a large
 * one collects the matches first) as ids, and the total. */
static GPtrArray *
page_ids (CltSqliteStore *store,
          CltQuery       *query,
          guint           page_index,
          guint           page_size,
          guint          *total)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  clt_store_list_customers_async (CLT_STORE (store), query, page_index, page_size,
                                  CLT_LIST_FLAGS_WITH_TOTAL, NULL, on_result_cb, &result);
  rows = clt_store_list_customers_finish (CLT_STORE (store), wait_for (&result), total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ids, g_strdup (clt_customer_get_id (g_ptr_array_index (rows, i))));

  return ids;
}

/* @query counts and lists the ids of @expected, in their order. */
static void
assert_all_listed (CltSqliteStore *store,
                   CltQuery       *query,
                   GPtrArray      *expected)
{
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_cmpuint (count (store, query), ==, expected->len);
  customers = list (store, query, 0, N_SAMPLE);
  rows = ids_of (customers);
  g_assert_cmpuint (rows->len, ==, expected->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (g_ptr_array_index (rows, i), ==, g_ptr_array_index (expected, i));
}

/* A store with the sample of @seed, and custom fields and values written
 * by @sql (by hand, as a bulk load does). */
static CltSqliteStore *
open_sample_with (Fixture    *fixture,
                  guint32     seed,
                  const char *sql)
{
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = open_store (fixture->path);

  g_assert_true (load_sample (store, N_SAMPLE, seed, &error));
  g_assert_no_error (error);
  exec_on_file (fixture->path, sql);
  return store;
}

/* Several of text, group and custom field conditions together (counted
 * and listed from the rowids they share, collected once per read): the
 * count and every page match the customers of all of them alone, in the
 * sort order, with and without a sort field; none matching is empty. */
static void
test_combined_filters (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct
  {
    const char    *text;
    const char    *group;
    const char    *key[2];
    CltFieldMatch  match[2];
    const char    *value[2];
    gboolean       empty;
  } cases[] = {
    { NULL, "vip", { "flag" }, { CLT_FIELD_MATCH_EQUALS }, { "true" }, FALSE },
    { NULL, "newsletter", { "num" }, { CLT_FIELD_MATCH_AT_LEAST }, { "50" }, FALSE },
    /* Small pages of it collect the group alone and look the value up
     * along the walk for its members. */
    { NULL, "newsletter", { "flag" }, { CLT_FIELD_MATCH_EQUALS }, { "true" }, FALSE },
    { "m", "newsletter", { NULL }, { 0 }, { NULL }, FALSE },
    { "an", NULL, { "flag" }, { CLT_FIELD_MATCH_EQUALS }, { "false" }, FALSE },
    { "mar", "newsletter", { NULL }, { 0 }, { NULL }, FALSE },
    { "mar", NULL, { "num" }, { CLT_FIELD_MATCH_AT_MOST }, { "30" }, FALSE },
    { "ma example", NULL, { NULL }, { 0 }, { NULL }, FALSE },
    { NULL, NULL, { "flag", "num" }, { CLT_FIELD_MATCH_EQUALS, CLT_FIELD_MATCH_AT_LEAST },
      { "true", "90" }, FALSE },
    { NULL, "vip", { "flag", "num" }, { CLT_FIELD_MATCH_EQUALS, CLT_FIELD_MATCH_AT_MOST },
      { "false", "70" }, FALSE },
    /* Two conditions alike: the group's rowids probe one statement twice. */
    { NULL, "vip", { "num", "num" }, { CLT_FIELD_MATCH_AT_LEAST, CLT_FIELD_MATCH_AT_LEAST },
      { "20", "40" }, FALSE },
    { NULL, "retail", { "flag" }, { CLT_FIELD_MATCH_EQUALS }, { "true" }, TRUE },
    { "zzqx", "vip", { NULL }, { 0 }, { NULL }, TRUE },
    { NULL, "vip", { "num" }, { CLT_FIELD_MATCH_AT_LEAST }, { "1000" }, TRUE },
    /* Alone, its few matches (2 %) are collected; sorted by the other
     * field, a small page walks that field's values past 30 times as
     * many rows as match, testing each against them. */
    { NULL, NULL, { "num" }, { CLT_FIELD_MATCH_AT_LEAST }, { "98" }, FALSE },
  };
  static const struct { CltSortKey key; CltSortDirection direction; const char *field; } sorts[] = {
    { CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING, NULL },
    { CLT_SORT_KEY_LAST_NAME, CLT_SORT_DESCENDING, NULL },
    { CLT_SORT_KEY_NUMBER, CLT_SORT_ASCENDING, "num" },
    { CLT_SORT_KEY_NUMBER, CLT_SORT_DESCENDING, "flag" },
  };
  g_autofree char *sql = NULL;
  CltSqliteStore *store;

  /* A yes/no field every other customer has true, a number 0–99 that
   * every fifth customer lacks. */
  sql = g_strdup_printf ("INSERT INTO custom_fields (key, label, type, position) VALUES"
                         " ('flag', 'Flag', %d, 0), ('num', 'Num', %d, 1);"
                         "INSERT INTO customer_field_values (customer_pk, field_key, value, sort_key)"
                         " SELECT pk, 'flag', pk %% 2, pk %% 2 FROM customers WHERE listed;"
                         "INSERT INTO customer_field_values (customer_pk, field_key, value, sort_key)"
                         " SELECT pk, 'num', (pk * 37) %% 100 * 1.0, (pk * 37) %% 100 * 1.0"
                         " FROM customers WHERE listed AND pk %% 5 <> 0;",
                         CLT_CUSTOM_FIELD_BOOLEAN, CLT_CUSTOM_FIELD_NUMBER);
  store = open_sample_with (fixture, 14, sql);

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      {
        g_autoptr(CltQuery) everyone = clt_query_new ();
        g_autoptr(CltQuery) query = NULL;
        g_autoptr(GPtrArray) singles = g_ptr_array_new_with_free_func (g_object_unref);
        g_autoptr(GPtrArray) all = NULL;
        g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GPtrArray) alones = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
        g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
        guint total = 0;

        clt_query_set_sort_key (everyone, sorts[s].key);
        clt_query_set_sort_direction (everyone, sorts[s].direction);
        if (sorts[s].field != NULL)
          clt_query_set_sort_field (everyone, sorts[s].field);
        query = clt_query_copy (everyone);

        if (cases[c].text != NULL)
          {
            CltQuery *single = clt_query_copy (everyone);

            clt_query_set_search_text (single, cases[c].text);
            clt_query_set_search_text (query, cases[c].text);
            g_ptr_array_add (singles, single);
          }
        if (cases[c].group != NULL)
          {
            CltQuery *single = clt_query_copy (everyone);

            clt_query_set_group (single, cases[c].group);
            clt_query_set_group (query, cases[c].group);
            g_ptr_array_add (singles, single);
          }
        for (guint k = 0; k < 2 && cases[c].key[k] != NULL; k++)
          {
            CltQuery *single = clt_query_copy (everyone);

            clt_query_add_field_filter (single, cases[c].key[k], cases[c].match[k],
                                        cases[c].value[k]);
            clt_query_add_field_filter (query, cases[c].key[k], cases[c].match[k],
                                        cases[c].value[k]);
            g_ptr_array_add (singles, single);
          }

        /* Expected: the sorted table, kept where every condition alone
         * lists the customer. */
        {
          g_autoptr(GPtrArray) customers = list (store, everyone, 0, N_SAMPLE + 10);

          all = ids_of (customers);
        }
        g_assert_cmpuint (all->len, ==, N_SAMPLE);
        for (guint q = 0; q < singles->len; q++)
          {
            g_autoptr(GPtrArray) customers = list (store, g_ptr_array_index (singles, q), 0,
                                                   N_SAMPLE);
            GPtrArray *alone = ids_of (customers);

            g_assert_cmpuint (alone->len, ==, count (store, g_ptr_array_index (singles, q)));
            g_ptr_array_add (alones, g_hash_table_new (g_str_hash, g_str_equal));
            for (guint i = 0; i < alone->len; i++)
              g_hash_table_add (g_ptr_array_index (alones, q), g_ptr_array_index (alone, i));
            g_ptr_array_add (keep, alone);
          }
        for (guint i = 0; i < all->len; i++)
          {
            const char *id = g_ptr_array_index (all, i);
            gboolean kept = TRUE;

            for (guint q = 0; kept && q < alones->len; q++)
              kept = g_hash_table_contains (g_ptr_array_index (alones, q), id);
            if (kept)
              g_ptr_array_add (expected, g_strdup (id));
          }
        g_test_message ("case %u, sort %u: %u of %u", c, s, expected->len, all->len);
        if (cases[c].empty)
          g_assert_cmpuint (expected->len, ==, 0);
        else
          g_assert_cmpuint (expected->len, >, 5);

        /* All of them, a large page, then small pages from the front and
         * the middle. */
        assert_all_listed (store, query, expected);

        {
          g_autoptr(GPtrArray) page = page_ids (store, query, 0, CLT_STORE_MAX_PAGE_SIZE, &total);

          g_assert_cmpuint (total, ==, expected->len);
          g_assert_cmpuint (page->len, ==, MIN (expected->len, CLT_STORE_MAX_PAGE_SIZE));
          for (guint i = 0; i < page->len; i++)
            g_assert_cmpstr (g_ptr_array_index (page, i), ==, g_ptr_array_index (expected, i));
        }

        for (guint p = 0; p < 3; p++)
          {
            g_autoptr(GPtrArray) page = page_ids (store, query, p * 2, 5, &total);

            g_assert_cmpuint (total, ==, expected->len);
            for (guint i = 0; i < page->len; i++)
              g_assert_cmpstr (g_ptr_array_index (page, i), ==,
                               g_ptr_array_index (expected, p * 10 + i));
            g_assert_cmpuint (page->len, ==, MIN (5, MAX ((gint) expected->len - (gint) p * 10, 0)));
          }
      }

  close_store (store);
}

/* Filtered on the sorted field alone, the walk starts and stops by the
 * condition's range: every match in the field's order (ties by customer)
 * both ways, the total, small pages and deep ones (from the anchors),
 * for each kind of condition, as plain SQL lists them. */
static void
test_filter_on_sort_field (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct
  {
    const char    *key;
    CltFieldMatch  match;
    const char    *value;
    const char    *where;
  } cases[] = {
    { "num", CLT_FIELD_MATCH_AT_LEAST, "30", "sort_key >= 30" },
    { "num", CLT_FIELD_MATCH_AT_MOST, "70", "sort_key <= 70" },
    { "num", CLT_FIELD_MATCH_EQUALS, "37", "sort_key = 37" },
    { "code", CLT_FIELD_MATCH_PREFIX, "C1", "sort_key >= 'c1' AND sort_key < 'c2'" },
  };
  g_autofree char *sql = NULL;
  CltSqliteStore *store;

  sql = g_strdup_printf ("INSERT INTO custom_fields (key, label, type, position) VALUES"
                         " ('num', 'Num', %d, 0), ('code', 'Code', %d, 1);"
                         "INSERT INTO customer_field_values (customer_pk, field_key, value, sort_key)"
                         " SELECT pk, 'num', (pk * 37) %% 100 * 1.0, (pk * 37) %% 100 * 1.0"
                         " FROM customers WHERE listed AND pk %% 7 <> 0;"
                         "INSERT INTO customer_field_values (customer_pk, field_key, value, sort_key)"
                         " SELECT pk, 'code', printf ('C%%03d', (pk * 13) %% 300),"
                         "  printf ('c%%03d', (pk * 13) %% 300) FROM customers WHERE listed;",
                         CLT_CUSTOM_FIELD_NUMBER, CLT_CUSTOM_FIELD_STRING);
  store = open_sample_with (fixture, 21, sql);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint d = 0; d < 2; d++)
      {
        const char *dir = d == 0 ? "ASC" : "DESC";
        g_autoptr(CltQuery) query = clt_query_new ();
        g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
        g_autofree char *want_sql = NULL;
        sqlite3 *db = NULL;
        sqlite3_stmt *stmt = NULL;
        guint total = 0;

        want_sql = g_strdup_printf ("SELECT c.id FROM customer_field_values v"
                                    " JOIN customers c ON c.pk = v.customer_pk"
                                    " WHERE c.listed AND v.field_key = '%s' AND %s"
                                    " ORDER BY v.sort_key %s, v.customer_pk %s",
                                    cases[c].key, cases[c].where, dir, dir);
        g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_prepare_v2 (db, want_sql, -1, &stmt, NULL), ==, SQLITE_OK);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_ptr_array_add (expected, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
        sqlite3_finalize (stmt);
        sqlite3_close (db);
        g_test_message ("%s %d '%s' %s: %u", cases[c].key, cases[c].match, cases[c].value, dir,
                        expected->len);
        g_assert_cmpuint (expected->len, >, 5);

        clt_query_add_field_filter (query, cases[c].key, cases[c].match, cases[c].value);
        clt_query_set_sort_field (query, cases[c].key);
        clt_query_set_sort_direction (query, d == 0 ? CLT_SORT_ASCENDING : CLT_SORT_DESCENDING);
        assert_all_listed (store, query, expected);

        /* Pages of 5, the last ones past 1,024 rows (anchors). */
        for (guint p = 0; p * 5 < expected->len; p += 1 + p / 4)
          {
            g_autoptr(GPtrArray) page = page_ids (store, query, p, 5, &total);

            g_assert_cmpuint (total, ==, expected->len);
            g_assert_cmpuint (page->len, ==, MIN (5, expected->len - p * 5));
            for (guint i = 0; i < page->len; i++)
              g_assert_cmpstr (g_ptr_array_index (page, i), ==,
                               g_ptr_array_index (expected, p * 5 + i));
          }
      }

  close_store (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/clt/sqlite-store/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("search/accents", test_search_accents);
  ADD ("search/short", test_search_short);
  ADD ("search/syntax", test_search_syntax);
  ADD ("sort", test_sort);
  ADD ("paging", test_paging);
  ADD ("paging/deep", test_paging_deep);
  ADD ("filters", test_filters);
  ADD ("filters/group", test_group_filter);
  ADD ("filters/combined", test_combined_filters);
  ADD ("filters/sort-field", test_filter_on_sort_field);
  ADD ("pending-deletion", test_pending_deletion);
  ADD ("custom-field-values", test_custom_field_values);
  ADD ("custom-field-values/pages", test_custom_field_values_pages);
  ADD ("bulk", test_bulk);
  ADD ("search/short-counts", test_search_short_counts);

#undef ADD

  return g_test_run ();
}
