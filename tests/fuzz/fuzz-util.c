/* fuzz-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <stdio.h>
#include <stdlib.h>

#include "clt-sample-loader.h"
#include "clt-import-report.h"

#include "fuzz-util.h"

#define HANG_SECONDS 20

static GPtrArray *temp_dirs;

void
fuzz_fail (const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  fprintf (stderr, "FINDING: ");
  vfprintf (stderr, format, args);
  fprintf (stderr, "\n");
  va_end (args);
  abort ();
}

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) != 0)
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      fuzz_fail ("a critical was logged");
    }

  return G_LOG_WRITER_HANDLED;
}

void
fuzz_init_logging (void)
{
  g_log_set_writer_func (log_writer, NULL, NULL);
  /* g_return_if_fail () and other unstructured criticals too. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
}

void
fuzz_on_result_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

GAsyncResult *
fuzz_wait (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + HANG_SECONDS * G_USEC_PER_SEC;

  while (*slot == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        fuzz_fail ("no answer after %d s", HANG_SECONDS);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (100);
    }

  return *slot;
}

static void
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

static void
remove_temp_dirs (void)
{
  for (guint i = 0; i < temp_dirs->len; i++)
    remove_tree (g_ptr_array_index (temp_dirs, i));
}

char *
fuzz_make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("clt-fuzz-XXXXXX", &error);

  if (dir == NULL)
    fuzz_fail ("no temporary folder: %s", error->message);
  if (temp_dirs == NULL)
    {
      temp_dirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_temp_dirs);
    }
  g_ptr_array_add (temp_dirs, g_strdup (dir));

  return dir;
}

CltSqliteStore *
fuzz_open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store = clt_sqlite_store_new (path, NULL, &error);

  if (store == NULL)
    fuzz_fail ("cannot open %s: %s", path, error->message);

  return store;
}

static void
set_flag (gpointer data)
{
  g_atomic_int_set ((gint *) data, TRUE);
}

void
fuzz_close_store (CltSqliteStore *store)
{
  gint finalized = FALSE;
  gint64 deadline = g_get_monotonic_time () + HANG_SECONDS * G_USEC_PER_SEC;

  g_object_set_data_full (G_OBJECT (store), "fuzz-finalized", &finalized, set_flag);
  g_object_unref (store);
  while (!g_atomic_int_get (&finalized))
    {
      if (g_get_monotonic_time () > deadline)
        fuzz_fail ("the store was not finalized after %d s", HANG_SECONDS);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (100);
    }
}

void
fuzz_make_database (const char *path,
                    guint       n)
{
  CltSqliteStore *store = fuzz_open_store (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  clt_sample_load_async (CLT_STORE (store), n, 1, NULL, fuzz_on_result_cb, &result);
  report = clt_sample_load_finish (CLT_STORE (store), fuzz_wait (&result), &error);
  if (report == NULL)
    fuzz_fail ("cannot load the sample: %s", error->message);
  g_clear_object (&result);
  fuzz_close_store (store);
}
