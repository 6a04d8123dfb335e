/* sqlite-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sqlite-test-util"

#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include <sqlite3.h>

#include "clt-shop-preferences.h"

#include "sqlite-test-util.h"

/* Removes @path and, for a folder, all below it, even where a test
 * made it read-only. */
void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      g_chmod (path, 0700);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_remove (path);
    }
}

/* Stores the result in the GAsyncResult * slot @user_data for wait_for(). */
void
on_result_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

CltSqliteStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = clt_sqlite_store_new (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
set_flag (gpointer data)
{
  g_atomic_int_set ((gint *) data, TRUE);
}

/* Drops the last reference to @store and waits until it is finalized. */
void
close_store (CltSqliteStore *store)
{
  gint finalized = FALSE;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* Worker threads drop their task (and its store reference) just after
   * the result arrives, and "changed" is emitted from an idle: wait for
   * both. Object data is cleared at the end of finalize, after the store
   * closed its connections. */
  g_object_set_data_full (G_OBJECT (store), "test-finalized", &finalized, set_flag);
  g_object_unref (store);
  while (!g_atomic_int_get (&finalized) && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
  g_assert_true (g_atomic_int_get (&finalized));
}

/* The first column of @sql's first row, read from the file at @path. */
gint64
query_int64 (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

gint64
pragma_int (const char *path,
            const char *pragma)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);

  return query_int64 (path, sql);
}

void
exec_on_file (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;
  char *errmsg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("%s: %s", sql, errmsg);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* Opening @path must fail with @code (or @alt_code) and leave the file's
 * bytes as they were, with no -wal or -shm created next to it. */
void
assert_refused (const char *path,
                int         code,
                int         alt_code)
{
  g_autoptr(GBytes) before = read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CltSqliteStore) store = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *name = g_path_get_basename (path);

  store = clt_sqlite_store_new (path, NULL, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == CLT_SQLITE_ERROR);
  if (error->code != code)
    g_assert_cmpint (error->code, ==, alt_code);
  /* The message names the file. */
  g_assert_nonnull (strstr (error->message, name));

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

/* A fresh store on a new file in a temporary folder, closed (if the test
 * has not closed it) and removed after the test. */
void
store_fixture_setup (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("clt-sqlite-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "customers.db", NULL);
  fixture->store = open_store (fixture->path);
}

void
store_fixture_teardown (StoreFixture  *fixture,
                        gconstpointer  data)
{
  if (fixture->store != NULL)
    close_store (fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

void
set_local_role (CltStore *store,
                CltRole   role)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(CltShopPreferences) stored = NULL;
  g_autoptr(GError) error = NULL;

  clt_store_get_preferences_async (store, NULL, on_result_cb, &result);
  preferences = clt_store_get_preferences_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  clt_shop_preferences_set_local_role (preferences, role);
  clt_store_set_preferences_async (store, preferences, NULL, on_result_cb, &result);
  stored = clt_store_set_preferences_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_shop_preferences_get_local_role (stored), ==, role);
}
