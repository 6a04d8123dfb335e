/* fuzz-search.c — libFuzzer target: search text → the SQLite store's query.
 *
 * What a user types in the search field (or a client sends as ?q=) goes
 * through folding, word splitting and FTS quoting into SQL on a real
 * database. The first byte picks the sort and a filter, the rest is the
 * text. The store answers or refuses the text as invalid; it never fails
 * otherwise, a page never holds more than the count says, and the text
 * never becomes SQL (the database is unchanged).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "clt-error.h"
#include "clt-query.h"
#include "clt-store.h"

#include "fuzz-util.h"

#define N_CUSTOMERS 60
#define PAGE_SIZE   25

static CltSqliteStore *store;
static guint n_all;

static gboolean
count (CltQuery *query,
       guint    *n,
       GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_count_customers_async (CLT_STORE (store), query, NULL, on_result_cb, &result);
  return clt_store_count_customers_finish (CLT_STORE (store), fuzz_wait (&result), n, error);
}

int LLVMFuzzerInitialize (int *argc, char ***argv);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init_logging ();
  dir = fuzz_make_temp_dir ();
  path = g_build_filename (dir, "customers.db", NULL);
  fuzz_make_database (path, N_CUSTOMERS);
  store = open_store (path);
  if (!count (NULL, &n_all, &error) || n_all != N_CUSTOMERS)
    fuzz_fail ("the sample database holds %u customers", n_all);

  return 0;
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  guint total = 0;
  guint n = 0;

  if (size < 1)
    return 0;

  text = g_strndup ((const char *) data + 1, size - 1);
  clt_query_set_sort_key (query, (data[0] & 0x0f) % CLT_N_SORT_KEYS);
  clt_query_set_sort_direction (query, (data[0] & 0x10) != 0 ? CLT_SORT_DESCENDING
                                                             : CLT_SORT_ASCENDING);
  clt_query_set_status (query, ((data[0] >> 5) & 0x07) % (CLT_STATUS_FILTER_UNVERIFIED + 1));
  clt_query_set_search_text (query, text);

  folded = clt_fold_text (text);

  clt_store_list_customers_async (CLT_STORE (store), query, (data[0] >> 7), PAGE_SIZE,
                                  CLT_LIST_FLAGS_WITH_TOTAL, NULL, on_result_cb, &result);
  page = clt_store_list_customers_finish (CLT_STORE (store), fuzz_wait (&result), &total,
                                          &error);
  if (page == NULL)
    {
      if (!g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID))
        fuzz_fail ("searching failed: %s", error->message);
      return 0;
    }
  if (total > N_CUSTOMERS || page->len > PAGE_SIZE || page->len > total)
    fuzz_fail ("%u of %u customers on a page of %u", page->len, total, PAGE_SIZE);

  if (!count (query, &n, &error))
    fuzz_fail ("counting failed where listing worked: %s", error->message);
  if (n != total)
    fuzz_fail ("count %u, list total %u", n, total);

  /* Nothing the text did reached the data. */
  if (!count (NULL, &n, &error) || n != N_CUSTOMERS)
    fuzz_fail ("the database holds %u customers after a search", n);

  return 0;
}
