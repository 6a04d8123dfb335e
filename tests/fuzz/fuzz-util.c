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
#include "sqlite-test-util.h"

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

void
fuzz_make_database (const char *path,
                    guint       n)
{
  CltSqliteStore *store = open_store (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  clt_sample_load_async (CLT_STORE (store), n, 1, NULL, on_result_cb, &result);
  report = clt_sample_load_finish (CLT_STORE (store), fuzz_wait (&result), &error);
  if (report == NULL)
    fuzz_fail ("cannot load the sample: %s", error->message);
  g_clear_object (&result);
  close_store (store);
}
