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
 * not-yet-shared part (query): they go once it is shared too.
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

/* One operation on its way through a task thread (the task's data). */
typedef struct
{
  CltSqlReadFunc      read;
  CltSqlWriteFunc     write;
  /* For reads: the store's upkeep reads (begin_upkeep_read), not a user. */
  gboolean            upkeep;
  gpointer            data;
  GDestroyNotify      data_free;
  /* For writes: what the user's role must allow, who acts, and the
   * changes to emit as "changed" once committed. */
  CltPermission       permission;
  char               *author;
  /* Who acts when not the store's own user (clt_store_begin_acting_as ()),
   * captured when the operation started; NULL otherwise. */
  CltBackofficeUser  *actor;
  GArray             *changes;
  /* For bulk writes: the engine tidies up after the commit (SQLite folds
   * the WAL into the main file). */
  gboolean            checkpoint;
  /* What the write returns, held until COMMIT succeeded. */
  gboolean            has_result;
  gboolean            result_is_boolean;
  gboolean            result_boolean;
  gpointer            result;
  GDestroyNotify      result_free;
} CltSqlOp;

/* The start of a dialect's scrub_outbox: the condition on the old
 * address (?3) follows. */
#define CLT_SQL_SCRUB_OUTBOX \
  "UPDATE email_outbox SET recipient = ?2, subject = '', body = '', redacted_body = ''," \
  " last_error = '', next_attempt = NULL WHERE customer_pk = ?1 OR "

/* The SQL that differs between the engines. */
typedef struct
{
  /* What a company's row is read as: "id, name, ", its business units and
   * its roles (each newline-separated, in their order), ", version". */
  const char *company_columns;
  /* The order of groups: by name without regard to case, then code. */
  const char *group_order;
  /* A row when another customer has the email address ?1, whatever its
   * case. */
  const char *email_taken;
  /* Inserts a custom field's value: customer_pk ?1, field_key ?2, then
   * what bind_field_value () binds from ?3 on. */
  const char *insert_field_value;
  /* An erasure's purge (see sql_anonymize_customer ()): the outbox's
   * copies of the customer's mails (?1 the row, ?2 the new address, ?3
   * the old one, whatever its case), and the replay cache's responses
   * that name the old email (?3, not when empty) or the old id (?4). */
  const char *scrub_outbox;
  const char *forget_replies_by_email;
  const char *forget_replies_by_id;
  /* The change log: what a read runs first so that its statements share
   * one snapshot (NULL: a read is one already), the newest sequence
   * number ever given, and the pruning of entries older than ?1. */
  const char *begin_read_snapshot;
  const char *newest_change;
  const char *prune_change_log;
} CltSqlDialect;

struct _CltSqlStoreClass
{
  GObjectClass parent_class;

  const CltSqlEngine  *engine;
  const CltSqlDialect *dialect;

  /* Task plumbing (clt-sql-store.c runs the threads). A read takes a
   * connection of its own, and gives it back with the read's outcome;
   * NULL and @error when none can be had. */
  CltSqlReader       *(*begin_read)           (CltSqlStore          *self,
                                               GCancellable         *cancellable,
                                               GError              **error);
  void                (*end_read)             (CltSqlStore          *self,
                                               CltSqlReader         *reader,
                                               gboolean              ok);
  /* The upkeep's reads (the change poll, every second) take their
   * connection through these where set, else like any read: a subclass
   * whose connections keep what users' reads computed (SQLite's readers
   * keep rowsets, counts and anchors, each its own) lends one that users'
   * reads do not come back to. */
  CltSqlReader       *(*begin_upkeep_read)    (CltSqlStore          *self,
                                               GError              **error);
  void                (*end_upkeep_read)      (CltSqlStore          *self,
                                               CltSqlReader         *reader,
                                               gboolean              ok);
  /* A write begins its transaction on the connection this returns, with
   * other writers kept out and @cancellable watched (*@writer: what
   * end_write () needs to let go); NULL and @error when it cannot. */
  CltSqlDb           *(*begin_write)          (CltSqlStore          *self,
                                               GCancellable         *cancellable,
                                               gpointer             *writer,
                                               GError              **error);
  /* Commits the write when @ok (no cancelling it any more), else rolls it
   * back, and lets go of @writer; the outcome, with @error set where it
   * failed. */
  gboolean            (*end_write)            (CltSqlStore          *self,
                                               gpointer              writer,
                                               CltSqlOp             *op,
                                               gboolean              ok,
                                               GError              **error);
  /* Closes every connection (clt_sql_store_close (), and finalize): no
   * task uses them any more; whatever is closed already is left alone. */
  void                (*close_connections)    (CltSqlStore          *self);
  /* FALSE and @error when the store takes no writes; NULL: it always does. */
  gboolean            (*check_writable)       (CltSqlStore          *self,
                                               GError              **error);

  /* An engine's failure @rc, in words for the user. */
  void                (*set_db_error)         (CltSqlStore          *self,
                                               GError              **error,
                                               CltSqlDb             *db,
                                               int                   rc);

  /* Statements (the engine's own statement, CltSqlStmt.native). Binds a custom field's value from @idx on, as the dialect's
   * insert_field_value wants it. */
  void                (*bind_field_value)     (gpointer              native_stmt,
                                               int                   idx,
                                               GVariant             *value);

  /* Customers: the rows of a statement that selects CUSTOMER_COLUMNS. */
  gboolean            (*select_customers)     (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               gpointer              native_stmt,
                                               GPtrArray           **out,
                                               GError              **error);
  /* A search index kept apart from the customers' rows (SQLite's FTS5
   * table): the row @pk leaves it before its searchable columns change
   * and comes back after. NULL where the row indexes itself. */
  gboolean            (*search_index_remove)  (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               gint64                pk,
                                               GError              **error);
  gboolean            (*search_index_add)     (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               gint64                pk,
                                               GError              **error);

  /* Personal data: SQLite zeroes the pages that held it (secure_delete)
   * and soon empties the WAL of them; NULL where the engine has nothing
   * of the kind. */
  int                 (*begin_secure_delete)  (CltSqlDb             *db);
  void                (*restore_secure_delete) (CltSqlDb            *db,
                                                int                  previous);
  void                (*request_wal_fold)     (CltSqlStore          *self);
  /* After an erasure: the search index's segments are merged soon, so
   * that the old words leave them (NULL: no such index). */
  void                (*request_index_merge)  (CltSqlStore          *self);

  /* The engine's own upkeep (NULL where it has none): every tick on the
   * main context (upkeep_tick), and in the upkeep's write transaction
   * after due deletions (upkeep_write), once more at once while
   * upkeep_pending says that work remains. */
  void                (*upkeep_tick)          (CltSqlStore          *self);
  gboolean            (*upkeep_write)         (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               GError              **error);
  gboolean            (*upkeep_pending)       (CltSqlStore          *self);

  /* Around the rows of an import (NULL where the engine adds nothing):
   * import_begin () before the first of @n_new rows, with *@state for
   * import_end (), which always follows, with @ok when every row went in
   * (SQLite: a bulk load rebuilds indexes once, the search index is
   * filled in one statement). */
  gboolean            (*import_begin)         (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               guint                 n_new,
                                               gpointer             *state,
                                               GError              **error);
  gboolean            (*import_end)           (CltSqlStore          *self,
                                               CltSqlDb             *db,
                                               gpointer              state,
                                               gboolean              ok,
                                               GError              **error);
};

/* Sets the vfuncs of @klass (a CltSqlStoreClass) to a subclass's helpers
 * of the same names behind @prefix: the subclass's own types (its store,
 * its engine's handles, its reader) are this class's seen from there. */
#define CLT_SQL_STORE_CLASS_SET_HELPERS(klass, prefix) \
  G_STMT_START { \
    (klass)->begin_read = CLT_SQL_ENGINE_FUNC (prefix##begin_read); \
    (klass)->end_read = CLT_SQL_ENGINE_FUNC (prefix##end_read); \
    (klass)->begin_write = CLT_SQL_ENGINE_FUNC (prefix##begin_write); \
    (klass)->end_write = CLT_SQL_ENGINE_FUNC (prefix##end_write); \
    (klass)->set_db_error = CLT_SQL_ENGINE_FUNC (prefix##set_db_error); \
    (klass)->bind_field_value = CLT_SQL_ENGINE_FUNC (prefix##bind_field_value); \
    (klass)->select_customers = CLT_SQL_ENGINE_FUNC (prefix##select_customers); \
  } G_STMT_END

void clt_sql_store_close (CltSqlStore *self);

G_END_DECLS
