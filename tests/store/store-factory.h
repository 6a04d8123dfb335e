/* store-factory.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-enums.h"
#include "clt-store.h"

G_BEGIN_DECLS

/* What the conformance suite needs from a back end: the cases only ever
 * see a CltStore, so that one suite holds every back end to the contract.
 * Each back end provides one of these (store-factory-<back end>.c). */
typedef struct _StoreFactory StoreFactory;

struct _StoreFactory
{
  /* For test output and the CLT_STORE_BACKEND environment variable. */
  const char *name;

  /* Optional: why the back end cannot run here (NULL: it can); the suite
   * then reports itself skipped. */
  const char *(*unavailable) (void);

  /* A store on fresh, empty data kept under @dir (an empty temporary
   * folder the suite removes afterwards), signed in as an admin. */
  CltStore *(*new_store)   (const char *dir);

  /* Another instance on the same data as @store: another window on the
   * same file, another client of the same server. */
  CltStore *(*open_second) (CltStore   *store,
                            const char *dir);

  /* Calls made through @store from now on act as @role. @store must still
   * be allowed to make the change (an admin, for the SQLite store). */
  void      (*set_role)    (CltStore   *store,
                            CltRole     role);

  /* Drops @store and waits until it has let go of the data. */
  void      (*free)        (CltStore   *store);
};

const StoreFactory *store_factory_sqlite (void);
const StoreFactory *store_factory_rest   (void);
#ifdef CLT_HAVE_POSTGRES
const StoreFactory *store_factory_postgres (void);
#endif

G_END_DECLS
