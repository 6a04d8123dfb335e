/* test-store-conformance.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-conformance"

#include "config.h"

#include <locale.h>

#include "clt-sql-store-internal.h"
#include "store-test-util.h"

/* The store conformance suite: every case runs against a fresh store made
 * by one back end's factory, and sees nothing but the CltStore interface.
 * CLT_STORE_BACKEND picks the back end (default "sqlite"; "rest" needs
 * CLT_SERVER_BINARY, the clientele-server to run; "postgres" starts a
 * throwaway PostgreSQL cluster). Where the
 * header leaves a behaviour open, the case says what it expects and why. */

static const StoreFactory *
pick_factory (void)
{
  const char *name = g_getenv ("CLT_STORE_BACKEND");
  const StoreFactory *factories[] = {
    store_factory_sqlite (),
    store_factory_rest (),
#ifdef CLT_HAVE_POSTGRES
    store_factory_postgres (),
#endif
  };

  if (name == NULL || name[0] == '\0')
    return factories[0];

  for (guint i = 0; i < G_N_ELEMENTS (factories); i++)
    if (g_str_equal (factories[i]->name, name))
      return factories[i];

  g_printerr ("Unknown store back end “%s”\n", name);
  exit (2);
}

int
main (int   argc,
      char *argv[])
{
  const StoreFactory *factory;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  store_test_init ();
  /* A deleted field's values go one per batch, so that a purge takes
   * several (the stores in this process; a server uses its default). */
  sql_set_field_purge_batch (1);

  factory = pick_factory ();
  if (factory->unavailable != NULL)
    {
      const char *why_not = factory->unavailable ();

      if (why_not != NULL)
        {
          g_print ("1..0 # SKIP %s\n", why_not);
          return 0;
        }
    }
  g_test_message ("Store back end: %s", factory->name);

  register_list_cases (factory);
  register_customer_cases (factory);
  register_delete_cases (factory);
  register_child_cases (factory);
  register_shop_cases (factory);
  register_access_cases (factory);
  register_assisted_cases (factory);
  register_field_cases (factory);
  register_marketing_cases (factory);

  return store_test_run ();
}
