/* soak-app.c — the desktop app's writes, in a process tests/soak/soak.py
 * kills with SIGKILL. It makes the store calls the app's editor and its
 * delete-with-Undo make (CltCustomerEditor's save, CltWindow's delete with
 * an undo time), on the same CltSqliteStore, and says on stdout what the
 * store acknowledged:
 *
 *   soak-app create DB N      creates N customers, prints "ID <id>" each
 *   soak-app save DB ID       saves first name "save-<i>" for i = 1, 2, …
 *                             prints "SAVED <i>" when the store says so
 *   soak-app delete DB ID S   deletes ID with S seconds to undo, prints
 *                             "DELETED" when the store says so, then waits
 *                             (inside the Undo time) to be killed
 *   soak-app open DB S        opens DB as the app does after a crash and
 *                             runs S seconds (the store finishes deletions
 *                             that are due)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "clt-customer.h"
#include "clt-sqlite-store.h"
#include "clt-store.h"

static void
on_result_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void G_GNUC_NORETURN
die (const char   *what,
     const GError *error)
{
  fprintf (stderr, "soak-app: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static CltCustomer *
get_customer (CltStore   *store,
              const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomer *customer;

  clt_store_get_customer_async (store, id, NULL, on_result_cb, &result);
  customer = clt_store_get_customer_finish (store, wait_for (&result), &error);
  if (customer == NULL)
    die ("get", error);
  return customer;
}

static void
run_for (guint seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (20 * 1000);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CltSqliteStore) sqlite = NULL;
  CltStore *store;

  if (argc < 3)
    {
      fprintf (stderr, "usage: soak-app create|save|delete|open DB …\n");
      return 2;
    }

  sqlite = clt_sqlite_store_new (argv[2], NULL, &error);
  if (sqlite == NULL)
    die ("open", error);
  store = CLT_STORE (sqlite);

  if (g_str_equal (argv[1], "create") && argc == 4)
    {
      guint n = (guint) atoi (argv[3]);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CltCustomer) customer = clt_customer_new ();
          g_autoptr(CltCustomer) created = NULL;
          g_autoptr(GAsyncResult) result = NULL;
          g_autofree char *email = g_strdup_printf ("app%u.%d@example.org", i, g_random_int ());

          clt_customer_set_email (customer, email);
          clt_customer_set_first_name (customer, "App");
          clt_customer_set_last_name (customer, "Soak");
          clt_customer_set_currency (customer, "EUR");
          clt_store_create_customer_async (store, customer, NULL, FALSE, NULL, NULL, on_result_cb,
                                           &result);
          created = clt_store_create_customer_finish (store, wait_for (&result), &error);
          if (created == NULL)
            die ("create", error);
          printf ("ID %s\n", clt_customer_get_id (created));
        }
    }
  else if (g_str_equal (argv[1], "save") && argc == 4)
    {
      g_autoptr(CltCustomer) current = get_customer (store, argv[3]);

      for (guint i = 1;; i++)
        {
          g_autofree char *name = g_strdup_printf ("save-%u", i);
          g_autoptr(GAsyncResult) result = NULL;
          CltCustomer *saved;

          clt_customer_set_first_name (current, name);
          clt_store_update_customer_async (store, current, NULL, on_result_cb, &result);
          saved = clt_store_update_customer_finish (store, wait_for (&result), &error);
          if (saved == NULL)
            die ("save", error);
          printf ("SAVED %u\n", i);
          fflush (stdout);
          g_object_unref (current);
          current = saved;
        }
    }
  else if (g_str_equal (argv[1], "delete") && argc == 5)
    {
      g_autoptr(CltCustomer) current = get_customer (store, argv[3]);
      g_autoptr(GAsyncResult) result = NULL;

      clt_store_delete_customer_async (store, argv[3], clt_customer_get_version (current),
                                       (guint) atoi (argv[4]), NULL, on_result_cb, &result);
      if (!clt_store_delete_customer_finish (store, wait_for (&result), &error))
        die ("delete", error);
      printf ("DELETED\n");
      fflush (stdout);
      /* The Undo time: the app waits here, its toast showing. */
      run_for ((guint) atoi (argv[4]) * 10);
    }
  else if (g_str_equal (argv[1], "open") && argc == 4)
    {
      run_for ((guint) atoi (argv[3]));
    }
  else
    {
      fprintf (stderr, "soak-app: unknown command %s\n", argv[1]);
      return 2;
    }

  fflush (stdout);
  return 0;
}
