/* clt-sql-store.h
 *
 * CltSqlStore: what CltSqliteStore and CltPgStore share, written once.
 *
 * Both stores keep the same tables and the same logic; only the engine
 * differs. So the logic lives here, in an abstract class, written against
 * the engine-neutral statement API of clt-sql-db.h, and each store is a
 * subclass that brings:
 *
 *  - its engine (a CltSqlEngine: SQLite's C API, or clt-pg-conn.h over
 *    libpq) and its dialect (CltSqlDialect: the few SQL fragments that
 *    differ, such as group_concat () and string_agg ());
 *  - what only it knows how to do: opening, the connections and their
 *    threads, transactions, errors worded for its kind of database, the
 *    schema and its migrations, the change feed's wake-ups (SQLite polls
 *    the file, PostgreSQL listens), and hooks such as SQLite's
 *    secure_delete, through the class vfuncs below.
 *
 * The shared parts (clt-sql-store-<part>.c) implement the interface
 * vfuncs of CltStore, CltAccounts and CltMailQueue; a subclass calls their
 * clt_sql_store_<part>_iface_init () from its own interface setup.
 *
 * Some vfuncs stand for helpers that still live in the subclasses'
 * not-yet-shared parts (customers, query, import): they go once those
 * parts are shared too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-backoffice-user.h"
#include "clt-customer.h"
#include "clt-sql-db.h"
#include "clt-store.h"

G_BEGIN_DECLS

#define CLT_TYPE_SQL_STORE (clt_sql_store_get_type ())

G_DECLARE_DERIVABLE_TYPE (CltSqlStore, clt_sql_store, CLT, SQL_STORE, GObject)

/* A connection a read runs on: a subclass's reader struct starts with
 * its connection, so that it is one of these. */
typedef struct
{
  CltSqlDb *db;
} CltSqlReader;

typedef gboolean (*CltSqlReadFunc)  (CltSqlStore   *self,
                                     CltSqlReader  *reader,
                                     gpointer       data,
                                     GCancellable  *cancellable,
                                     GTask         *task,
                                     GError       **error);
/* Runs inside the write transaction, after the permission check. */
typedef gboolean (*CltSqlWriteFunc) (CltSqlStore   *self,
                                     CltSqlDb      *db,
                                     gpointer       data,
                                     GCancellable  *cancellable,
                                     GTask         *task,
                                     GError       **error);

/* The SQL that differs between the engines. */
typedef struct
{
  /* What a company's row is read as: "id, name, ", its business units and
   * its roles (each newline-separated, in their order), ", version". */
  const char *company_columns;
  /* The order of groups: by name without regard to case, then code. */
  const char *group_order;
} CltSqlDialect;

struct _CltSqlStoreClass
{
  GObjectClass parent_class;

  const CltSqlEngine  *engine;
  const CltSqlDialect *dialect;

  /* Task plumbing: a read on a connection of its own, a write in a
   * transaction that checks the permission first and returns its result
   * (write_return_*) only once it committed. */
  void                (*run_read)             (CltSqlStore          *self,
                                               gpointer              source_tag,
                                               CltSqlReadFunc        func,
                                               gpointer              data,
                                               GDestroyNotify        data_free,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
  void                (*run_write)            (CltSqlStore          *self,
                                               gpointer              source_tag,
                                               CltSqlWriteFunc       func,
                                               gpointer              data,
                                               GDestroyNotify        data_free,
                                               CltPermission         permission,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
  void                (*write_return_pointer) (GTask                *task,
                                               gpointer              result,
                                               GDestroyNotify        result_free);
  void                (*write_return_boolean) (GTask                *task,
                                               gboolean              result);
  const char         *(*task_author)          (GTask                *task);
  CltBackofficeUser  *(*task_actor)           (GTask                *task);
  /* Fails a write as the store's own writes fail (read-only, or refused). */
  void                (*refuse_write)         (CltStore             *store,
                                               gpointer              source_tag,
                                               CltPermission         permission,
                                               GError               *error,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);

  /* An engine's failure @rc, in words for the user. */
  void                (*set_db_error)         (CltSqlStore          *self,
                                               GError              **error,
                                               CltSqlDb             *db,
                                               int                   rc);

  /* Statements (the engine's own statement, CltSqlStmt.native). */
  gboolean            (*step_expect_done)     (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               gpointer              native_stmt,
                                               GError              **error);
  gboolean            (*step_done)            (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               gpointer              native_stmt,
                                               GError              **error);
  gboolean            (*exists_text)          (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               const char           *sql,
                                               const char           *param,
                                               gboolean             *found,
                                               GError              **error);

  /* Customers. */
  gboolean            (*check_version)        (gint64                stored,
                                               gint64                expected,
                                               GError              **error);
  gboolean            (*lookup_customer_pk)   (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               const char           *customer_id,
                                               gint64               *pk,
                                               GError              **error);
  gboolean            (*lookup_live_customer) (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               const char           *customer_id,
                                               gint64               *pk,
                                               GError              **error);
  gboolean            (*read_customer_by_pk)  (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               gint64                pk,
                                               CltCustomer         **out,
                                               GError              **error);
  gboolean            (*write_groups)         (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               gint64                pk,
                                               const char * const   *groups,
                                               GError              **error);
  gboolean            (*refresh_location)     (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               gint64                pk,
                                               GError              **error);
  gboolean            (*address_exists)       (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               gint64                pk,
                                               const char           *address_id,
                                               gboolean             *found,
                                               GError              **error);

  /* What changed. */
  gboolean            (*record_change)        (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               GTask                *task,
                                               CltChangeKind         kind,
                                               const char           *id,
                                               GError              **error);

  /* Personal data: SQLite zeroes the pages that held it (secure_delete)
   * and soon empties the WAL of them; NULL where the engine has nothing
   * of the kind. */
  int                 (*begin_secure_delete)  (CltSqlDb             *db);
  void                (*restore_secure_delete) (CltSqlDb            *db,
                                                int                  previous);
  void                (*request_wal_fold)     (CltSqlStore          *self);
};

/* Sets the vfuncs of @klass (a CltSqlStoreClass) to a subclass's helpers
 * of the same names behind @prefix: the subclass's own types (its store,
 * its engine's handles, its reader) are this class's seen from there. */
#define CLT_SQL_STORE_CLASS_SET_HELPERS(klass, prefix) \
  G_STMT_START { \
    (klass)->run_read = CLT_SQL_ENGINE_FUNC (prefix##run_read); \
    (klass)->run_write = CLT_SQL_ENGINE_FUNC (prefix##run_write); \
    (klass)->write_return_pointer = prefix##write_return_pointer; \
    (klass)->write_return_boolean = prefix##write_return_boolean; \
    (klass)->task_author = prefix##task_author; \
    (klass)->task_actor = prefix##task_actor; \
    (klass)->refuse_write = prefix##refuse_write; \
    (klass)->set_db_error = CLT_SQL_ENGINE_FUNC (prefix##set_db_error); \
    (klass)->step_expect_done = CLT_SQL_ENGINE_FUNC (prefix##step_expect_done); \
    (klass)->step_done = CLT_SQL_ENGINE_FUNC (prefix##step_done); \
    (klass)->exists_text = CLT_SQL_ENGINE_FUNC (prefix##exists_text); \
    (klass)->check_version = prefix##check_version; \
    (klass)->lookup_customer_pk = CLT_SQL_ENGINE_FUNC (prefix##lookup_customer_pk); \
    (klass)->lookup_live_customer = CLT_SQL_ENGINE_FUNC (prefix##lookup_live_customer); \
    (klass)->read_customer_by_pk = CLT_SQL_ENGINE_FUNC (prefix##read_customer_by_pk); \
    (klass)->write_groups = CLT_SQL_ENGINE_FUNC (prefix##write_groups); \
    (klass)->refresh_location = CLT_SQL_ENGINE_FUNC (prefix##refresh_location); \
    (klass)->address_exists = CLT_SQL_ENGINE_FUNC (prefix##address_exists); \
    (klass)->record_change = CLT_SQL_ENGINE_FUNC (prefix##record_change); \
  } G_STMT_END

G_END_DECLS
