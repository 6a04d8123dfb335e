/* clt-pg-store-private.h
 *
 * The parts of CltPgStore: the instance struct, the task plumbing and
 * the helpers that clt-pg-store*.c and clt-pg-util.c share. Not
 * installed; for the store's own files and its tests.
 *
 * The store keeps the SQLite store's logic, statement by statement, over
 * clt-pg-conn.h (libpq with SQLite's statement API); its helpers carry a
 * pgs_ prefix so that both stores link into one program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "clt-accounts.h"
#include "clt-address.h"
#include "clt-assisted-session.h"
#include "clt-backoffice-user.h"
#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer.h"
#include "clt-customer-details.h"
#include "clt-customer-number.h"
#include "clt-email.h"
#include "clt-enum-types.h"
#include "clt-group.h"
#include "clt-import-report.h"
#include "clt-mail-queue.h"
#include "clt-marketing-record.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-password.h"
#include "clt-query.h"
#include "clt-random.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"
#include "clt-sql-store-internal.h"
#include "clt-pg-conn.h"
#include "clt-pg-schema.h"
#include "clt-pg-store.h"
#include "clt-validate.h"

/* Threading: every operation runs in a GTask thread on a connection of
 * its own from a small pool (GAsyncQueue). A read runs in one REPEATABLE
 * READ, READ ONLY transaction, so that a count and its page agree. A write
 * runs in a READ COMMITTED transaction that first takes the database's
 * write lock (a transaction-scoped advisory lock): writes of every server
 * instance on the database follow one another, as the single writer of a
 * SQLite file does, so that version checks, request ids and the change log
 * behave exactly as in the SQLite store, without serialization failures.
 * Reads never wait for writes. */

G_BEGIN_DECLS

/* Counts kept (CltPgStore.counts), of one data version. */
#define MAX_COUNT_CACHE    256
/* The key of the advisory lock every write holds ("Clte"). */
#define PG_WRITE_LOCK_KEY  1131181157
/* How many connections a store opens at most. */
#define PG_POOL_SIZE       4
/* The channel of NOTIFY after each write that changed something. */
#define PG_CHANGES_CHANNEL "clt_changes"

typedef struct _PgFields PgFields;

typedef struct
{
  PgConn     *db;
  /* The custom fields in their order, for a page's values (see
   * clt-pg-store-rows.c), valid while clt_data_version stays the same
   * (every write transaction bumps it). */
  PgFields   *fields;
  gint64      data_version;
  /* What the read's BEGIN asked (pgs_reader_begin ()), in its snapshot:
   * clt_data_version, and whether deletions wait out their undo time. */
  gint64      snapshot_version;
  gboolean    pending_deletions;
  /* The connection's plan_cache_mode (SET for the session by the list,
   * which is most requests: not a statement of each), NULL while it is
   * the server's; and what it was after the last read that committed (a
   * SET is undone with the transaction). Writes run with the server's
   * (SET LOCAL). */
  const char *plan_mode;
  const char *committed_plan_mode;
} Reader;

/* A read of CltSqlStore's parts gets the Reader as a CltSqlReader. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (Reader, db) == G_STRUCT_OFFSET (CltSqlReader, db));

struct _CltPgStore
{
  CltSqlStore  parent_instance;

  char        *conninfo;
  char        *password;          /* NULL: libpq finds it (PGPASSFILE) */
  /* What the store shows as its location: the conninfo without secrets. */
  char        *location;

  /* The pool (clt-pg-store-open.c): connections for reads and writes,
   * handed to those waiting for one in the order they came. */
  GPtrArray   *readers;           /* every Reader, for finalize */
  GMutex       pool_lock;
  GQueue       idle_readers;      /* Reader, under pool_lock */
  GQueue       pool_waiters;      /* PoolWaiter, oldest first, under pool_lock */
  guint        n_connections;     /* under pool_lock */

  /* What the readers share (clt-pg-store-query.c), good for a snapshot
   * of clt_data_version cache_version, the newest a reader has made any
   * in: counts by filter, and page anchors by filter and order. */
  GMutex       cache_lock;
  GHashTable  *counts;            /* under cache_lock */
  GHashTable  *anchors;           /* under cache_lock */
  gint64       cache_version;     /* under cache_lock */
  /* What a reader is making (count or walk) for the others to wait for:
   * "table|key" → the data version (gint64), under cache_lock. */
  GHashTable  *making;
  GCond        cache_made;        /* a making ended */

  /* LISTEN clt_changes: another instance's commit wakes the poll. */
  PgConn      *listen_db;
  GSource     *listen_source;
};

/* Helpers the parts share, by the file that defines them. */

/* The server's plan_cache_mode, and the two the list asks for. */
#define PG_PLAN_AUTO    "auto"
#define PG_PLAN_GENERIC "force_generic_plan"
#define PG_PLAN_CUSTOM  "force_custom_plan"

/* clt-pg-store-open.c */
G_GNUC_INTERNAL void pgs_watch_cancellable (PgConn *db, GCancellable *cancellable);
G_GNUC_INTERNAL void pgs_reader_free (Reader *reader);
G_GNUC_INTERNAL Reader *pgs_acquire_reader (CltPgStore *self, GCancellable *cancellable, GError **error);
G_GNUC_INTERNAL void pgs_release_reader (CltPgStore *self, Reader *reader);
G_GNUC_INTERNAL Reader *pgs_take_idle_reader (CltPgStore *self);
G_GNUC_INTERNAL gboolean pgs_reader_begin (CltPgStore *self, Reader *reader, GError **error);
G_GNUC_INTERNAL gboolean pgs_set_plan_mode (CltPgStore *self, Reader *reader, const char *mode, GError **error);
G_GNUC_INTERNAL void clt_pg_store_initable_iface_init (GInitableIface *iface);

/* clt-pg-store-query.c */
typedef struct _Anchors Anchors;
G_GNUC_INTERNAL void pgs_anchors_free (Anchors *anchors);
G_GNUC_INTERNAL gboolean pgs_select_customers (CltPgStore *self, PgConn *db, PgStmt *stmt, GPtrArray **out, GError **error);

/* clt-pg-store-rows.c */
G_GNUC_INTERNAL void pgs_fields_free (PgFields *fields);
G_GNUC_INTERNAL char *pgs_page_sql (const char *pks_sql);
G_GNUC_INTERNAL char *pgs_walk_page_sql (const char *column, const char *where, const char *start,
                                         gboolean descending, gboolean skip, guint limit);
G_GNUC_INTERNAL gboolean pgs_select_rows (CltPgStore *self, PgConn *db, CltSqlStmt *stmt, GPtrArray **out, GError **error);
G_GNUC_INTERNAL gboolean pgs_read_page (CltPgStore *self, Reader *reader, CltSqlStmt *stmt, GPtrArray **out, GError **error);

/* clt-pg-store.c */

/* clt-pg-store-session.c */
G_GNUC_INTERNAL void pgs_start_upkeep (CltPgStore *self, gint64 last_change);
G_GNUC_INTERNAL void pgs_stop_upkeep (CltPgStore *self);

/* clt-pg-util.c */
G_GNUC_INTERNAL void pgs_set_db_error (CltPgStore *self, GError **error, PgConn *db, int rc);
G_GNUC_INTERNAL void pgs_bind_field_value (PgStmt *stmt, int idx, GVariant *value);

/* clt-pg-store-query.c */
G_GNUC_INTERNAL void clt_pg_store_query_iface_init (CltStoreInterface *iface);

/* The statement API over libpq (clt-pg-util.c). */
G_GNUC_INTERNAL extern const CltSqlEngine clt_pg_engine;
G_GNUC_INTERNAL extern const CltSqlDialect clt_pg_dialect;

/* Shared with the other store (CltSqlStore), under the names the parts
 * not shared yet (the query, opening, the util helpers) call them by. */
#define pgs_select_customer_list(self, db, ...) CLT_SQL_SHARED (select_customer_list, self, db, __VA_ARGS__)
#define pgs_select_emails(self, db, ...) CLT_SQL_SHARED (select_emails, self, db, __VA_ARGS__)
#define pgs_select_marketing(self, db, ...) CLT_SQL_SHARED (select_marketing, self, db, __VA_ARGS__)
#define pgs_select_customer_shop_data(self, db, ...) CLT_SQL_SHARED (select_customer_shop_data, self, db, __VA_ARGS__)
#define pgs_select_assisted_sessions(self, db, ...) CLT_SQL_SHARED (select_assisted_sessions, self, db, __VA_ARGS__)
#define pgs_lookup_customer_pk(self, db, ...) CLT_SQL_SHARED (lookup_customer_pk, self, db, __VA_ARGS__)
#define pgs_read_customer_by_pk(self, db, ...) CLT_SQL_SHARED (read_customer_by_pk, self, db, __VA_ARGS__)
#define pgs_exec_sql(self, db, ...) CLT_SQL_SHARED (exec, self, db, __VA_ARGS__)
#define pgs_prepare(self, db, ...) CLT_SQL_SHARED (prepare, self, db, __VA_ARGS__)
#define pgs_return_invalid sql_return_invalid
#define pgs_run_read(self, tag, func, ...) \
  sql_run_read ((CltSqlStore *) (self), tag, CLT_SQL_ENGINE_FUNC (func), __VA_ARGS__)

G_END_DECLS
