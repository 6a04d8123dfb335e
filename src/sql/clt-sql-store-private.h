/* clt-sql-store-private.h
 *
 * For CltSqlStore's own parts (clt-sql-store-*.c, clt-sql-util.c): the
 * shared helpers, and short names for what the engine and the subclass
 * provide (the statement API, the task plumbing, the class vfuncs), so
 * that the parts read as the SQLite store they came from. Not installed;
 * the subclasses include clt-sql-store-internal.h instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib/gi18n-lib.h>

#include "clt-address.h"
#include "clt-assisted-session.h"
#include "clt-custom-field.h"
#include "clt-customer-details.h"
#include "clt-customer-number.h"
#include "clt-enum-types.h"
#include "clt-group.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-password.h"
#include "clt-query.h"
#include "clt-random.h"
#include "clt-sql-store-internal.h"
#include "clt-validate.h"

G_BEGIN_DECLS

#define SQL_CLASS(self) CLT_SQL_STORE_CLASS_OF (self)

typedef struct
{
  /* Changes this store made: the poll of the change log skips them. */
  GMutex      changes_lock;
  GHashTable *own_changes;        /* seq → seq */
  /* The upkeep (clt-sql-store-changes.c), on the main context. */
  gint64      last_change;
  GSource    *upkeep_source;
  GSource    *purge_source;       /* the pause before the next batch */
  gboolean    polling;
  gboolean    upkeep_running;
  /* The tasks that use the connections (sql_task_begin ()): close waits
   * for them, then refuses new ones. */
  GMutex      tasks_lock;
  GCond       tasks_done;
  guint       n_tasks;
  gboolean    closed;
  /* Tests (sql_set_poll_hook ()): runs in the poll's thread. */
  GFunc       poll_hook;
  gpointer    poll_hook_data;
} CltSqlStorePrivate;

/* clt-sql-store.c */
G_GNUC_INTERNAL CltSqlStorePrivate *sql_store_get_private (CltSqlStore *self);

/* Builds one object from the current row of a list query. */
typedef gpointer (*RowFunc) (CltSqlStmt    *stmt,
                             gconstpointer  row_data);

/* clt-sql-store-addresses.c */
G_GNUC_INTERNAL gboolean sql_collect_rows (CltSqlStore *self, CltSqlDb *db, CltSqlStmt *stmt, RowFunc read_row, gconstpointer row_data, GPtrArray **out, GError **error);
G_GNUC_INTERNAL gboolean sql_return_rows (CltSqlStore *self, CltSqlDb *db, CltSqlStmt *stmt, RowFunc read_row, gconstpointer row_data, GTask *task, GError **error);

/* clt-sql-store-mail.c */
G_GNUC_INTERNAL CltEmail *sql_email_from_row (CltSqlStmt *stmt, const char *customer_id);

/* clt-sql-store-purge.c */
G_GNUC_INTERNAL gboolean sql_mark_field_purging (CltSqlStore *self, CltSqlDb *db, GTask *task, const char *key, GError **error);
G_GNUC_INTERNAL gboolean sql_field_purging (CltSqlStore *self, CltSqlDb *db, const char *key, gboolean *purging, GError **error);
G_GNUC_INTERNAL gboolean sql_purge_fields_step (CltSqlStore *self, CltSqlDb *db, GTask *task, gboolean *more, GError **error);

/* clt-sql-store-shop.c */
G_GNUC_INTERNAL CltSqlStmt *sql_prepare_customer_update (CltSqlStore *self, CltSqlDb *db, GTask *task, const char *set, const char *where, int n_params, GError **error);

/* Statements {{{ */

static inline void
set_db_error (CltSqlStore  *self,
              GError      **error,
              CltSqlDb     *db,
              int           rc)
{
  SQL_CLASS (self)->set_db_error (self, error, db, rc);
}

static inline CltSqlStmt *
prepare (CltSqlStore  *self,
         CltSqlDb     *db,
         const char   *sql,
         GError      **error)
{
  return sql_prepare (self, db, sql, error);
}

static inline gint64
sql_changes (CltSqlStore *self,
             CltSqlDb    *db)
{
  return SQL_CLASS (self)->engine->changes (db);
}

#define bind_text sql_bind_text
#define bind_static_text sql_bind_static_text
#define bind_date_time sql_bind_date_time
#define column_date_time sql_column_date_time
#define column_text sql_column_text
#define step_expect_done sql_step_expect_done
#define step_done sql_step_done
#define exists_text sql_exists_text

/* }}} */

/* Customers {{{ */

#define check_version sql_check_version
#define lookup_customer_pk sql_lookup_customer_pk
#define lookup_live_customer sql_lookup_live_customer
#define read_customer_by_pk sql_read_customer_by_pk
#define write_groups sql_write_groups
#define refresh_location sql_refresh_location
#define address_exists sql_address_exists
#define refuse_write sql_refuse_write

/* A unique value taken: CONFLICT, with the field named as for INVALID so
 * that a dialog shows the message next to it. */
static inline void
set_conflict (GError     **error,
              const char  *field,
              const char  *message)
{
  g_propagate_error (error, clt_store_error_new_conflict (field, "%s", message));
}

static inline gboolean
search_index_remove (CltSqlStore  *self,
                     CltSqlDb     *db,
                     gint64        pk,
                     GError      **error)
{
  return SQL_CLASS (self)->search_index_remove == NULL ||
         SQL_CLASS (self)->search_index_remove (self, db, pk, error);
}

static inline gboolean
search_index_add (CltSqlStore  *self,
                  CltSqlDb     *db,
                  gint64        pk,
                  GError      **error)
{
  return SQL_CLASS (self)->search_index_add == NULL ||
         SQL_CLASS (self)->search_index_add (self, db, pk, error);
}

/* Personal data leaves no copy behind in freed pages, where the engine
 * keeps any. */
static inline int
begin_secure_delete (CltSqlStore *self,
                     CltSqlDb    *db)
{
  if (SQL_CLASS (self)->begin_secure_delete == NULL)
    return 0;

  return SQL_CLASS (self)->begin_secure_delete (db);
}

static inline void
restore_secure_delete (CltSqlStore *self,
                       CltSqlDb    *db,
                       int          previous)
{
  if (SQL_CLASS (self)->restore_secure_delete != NULL)
    SQL_CLASS (self)->restore_secure_delete (db, previous);
}

static inline void
request_wal_fold (CltSqlStore *self)
{
  if (SQL_CLASS (self)->request_wal_fold != NULL)
    SQL_CLASS (self)->request_wal_fold (self);
}

static inline void
request_index_merge (CltSqlStore *self)
{
  if (SQL_CLASS (self)->request_index_merge != NULL)
    SQL_CLASS (self)->request_index_merge (self);
}

/* }}} */

/* Tasks {{{ */

#define record_change sql_record_change
#define run_read sql_run_read
#define run_write sql_run_write
#define write_return_pointer sql_write_return_pointer
#define write_return_boolean sql_write_return_boolean
#define task_author sql_task_author
#define task_actor sql_task_actor

static inline gint64
now_usec (void)
{
  return g_get_real_time ();
}

/* }}} */

G_END_DECLS
