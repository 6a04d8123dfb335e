/* fuzz-open.c — libFuzzer target: opening a database file.
 *
 * A user may open any file as a database. The first byte picks what the
 * rest is: the whole file (arbitrary bytes), or changes to a copy of a
 * real Clientele database (pairs of a 3-byte offset and a byte). Opening
 * either refuses it (a CLT_SQLITE_ERROR that names the file, the file's
 * bytes as they were, no -wal or -shm left next to it) or opens it, and an
 * opened store lists and counts (or fails with an error) without crashing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "clt-customer.h"
#include "clt-error.h"
#include "clt-query.h"
#include "clt-store.h"

#include "fuzz-util.h"

static char *dir;
static GBytes *real_db;

int LLVMFuzzerInitialize (int *argc, char ***argv);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  fuzz_init_logging ();
  dir = fuzz_make_temp_dir ();
  path = g_build_filename (dir, "real.db", NULL);
  fuzz_make_database (path, 8);
  if (!g_file_get_contents (path, &contents, &length, &error))
    fuzz_fail ("%s", error->message);
  real_db = g_bytes_new_take (contents, length);

  return 0;
}

/* An opened store: a page, a search, a customer's details. */
static void
use_store (CltSqliteStore *store)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  clt_store_list_customers_async (CLT_STORE (store), NULL, 0, 10, CLT_LIST_FLAGS_WITH_TOTAL, NULL,
                                  on_result_cb, &result);
  page = clt_store_list_customers_finish (CLT_STORE (store), fuzz_wait (&result), &total, &error);
  g_clear_object (&result);
  g_clear_error (&error);

  if (page != NULL && page->len > 0)
    {
      g_autoptr(GObject) details = NULL;

      clt_store_get_customer_details_async (CLT_STORE (store),
                                            clt_customer_get_id (g_ptr_array_index (page, 0)),
                                            NULL, on_result_cb, &result);
      details = (GObject *) clt_store_get_customer_details_finish (CLT_STORE (store),
                                                                   fuzz_wait (&result), &error);
      g_clear_object (&result);
      g_clear_error (&error);
    }

  clt_query_set_search_text (query, "a");
  clt_store_count_customers_async (CLT_STORE (store), query, NULL, on_result_cb, &result);
  clt_store_count_customers_finish (CLT_STORE (store), fuzz_wait (&result), &total, &error);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *path = g_build_filename (dir, "fuzzed.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree guint8 *file = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store;
  gsize length;
  gsize after_length = 0;

  if (size < 1)
    return 0;

  if ((data[0] & 1) == 0)
    {
      length = size - 1;
      file = g_memdup2 (data + 1, length);
    }
  else
    {
      gsize real_length;
      const guint8 *real = g_bytes_get_data (real_db, &real_length);

      length = real_length;
      file = g_memdup2 (real, length);
      for (gsize i = 1; i + 4 <= size; i += 4)
        {
          gsize offset = ((gsize) data[i] << 16 | (gsize) data[i + 1] << 8 | data[i + 2]);
          file[offset % length] = data[i + 3];
        }
    }

  g_remove (wal);
  g_remove (shm);
  if (!g_file_set_contents (path, (const char *) file, length, &error))
    fuzz_fail ("%s", error->message);

  store = clt_sqlite_store_new (path, NULL, &error);
  if (store != NULL)
    {
      use_store (store);
      close_store (store);
    }
  else
    {
      g_autofree char *name = g_path_get_basename (path);

      if (error == NULL || error->domain != CLT_SQLITE_ERROR)
        fuzz_fail ("refused without a CLT_SQLITE_ERROR: %s",
                   error != NULL ? error->message : "no error");
      if (strstr (error->message, name) == NULL)
        fuzz_fail ("the refusal does not name the file: %s", error->message);
      if (!g_file_get_contents (path, &after, &after_length, NULL) ||
          after_length != length || memcmp (after, file, length) != 0)
        fuzz_fail ("a refused file was changed");
      if (g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (shm, G_FILE_TEST_EXISTS))
        fuzz_fail ("a refused file left a -wal or -shm behind");
    }

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  return 0;
}
