/* sqlite-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sqlite-test-util"

#include "config.h"

#include <glib/gstdio.h>

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
