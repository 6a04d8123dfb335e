/* test-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "clt-catalog.h"

#define GREETING "Dear %s %s,"
#define N_THREADS 4
#define N_LOOKUPS 20000

/* The process runs in C; the customer's language is looked up anyway, the
 * region's catalog before the language's, "-" like "_". */
static void
test_lookup (void)
{
  g_assert_cmpstr (g_getenv ("LC_ALL"), ==, "C.UTF-8");
  g_assert_nonnull (g_getenv ("CLT_LOCALEDIR"));
  g_assert_cmpstr (clt_catalog_get_directory (), ==, g_getenv ("CLT_LOCALEDIR"));

  g_assert_cmpstr (_(GREETING), ==, GREETING);
  g_assert_cmpstr (clt_catalog_gettext ("de", GREETING), ==, "Guten Tag %s %s,");
  g_assert_cmpstr (clt_catalog_gettext ("de_CH", GREETING), ==, "Guten Tag %s %s,");
  g_assert_cmpstr (clt_catalog_gettext ("de-AT", GREETING), ==, "Guten Tag %s %s,");
  g_assert_cmpstr (clt_catalog_gettext ("de_DE.UTF-8@euro", "Customers"), ==, "Kunden");

  /* No catalog, no locale, an unknown message: the original. */
  g_assert_cmpstr (clt_catalog_gettext ("en_GB", GREETING), ==, GREETING);
  g_assert_cmpstr (clt_catalog_gettext ("xx", GREETING), ==, GREETING);
  g_assert_cmpstr (clt_catalog_gettext (NULL, GREETING), ==, GREETING);
  g_assert_cmpstr (clt_catalog_gettext ("", GREETING), ==, GREETING);
  g_assert_cmpstr (clt_catalog_gettext ("de", "No such message in any catalog"), ==,
                   "No such message in any catalog");
  g_assert_cmpstr (clt_catalog_gettext ("de", ""), ==, "");
  g_assert_cmpstr (clt_catalog_gettext ("../../../etc", GREETING), ==, GREETING);
}

static gpointer
lookup_thread (gpointer data)
{
  const char *locale = data;
  const char *expected = g_str_has_prefix (locale, "de") ? "Guten Tag %s %s," : GREETING;

  for (guint i = 0; i < N_LOOKUPS; i++)
    if (g_strcmp0 (clt_catalog_gettext (locale, GREETING), expected) != 0)
      return GINT_TO_POINTER (FALSE);

  return GINT_TO_POINTER (TRUE);
}

/* Several threads (the server's store workers) look up at once, the first
 * lookups of a locale racing to load its catalog. */
static void
test_threads (void)
{
  const char *locales[N_THREADS] = { "de_LI", "fr_FR", "de_LU", "it" };
  GThread *threads[N_THREADS];

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("lookup", lookup_thread, (gpointer) locales[i]);
  for (guint i = 0; i < N_THREADS; i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/catalog/lookup", test_lookup);
  g_test_add_func ("/clt/catalog/threads", test_threads);

  return g_test_run ();
}
