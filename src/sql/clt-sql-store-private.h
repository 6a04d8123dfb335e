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

/* Builds one object from the current row of a list query. */
typedef gpointer (*RowFunc) (CltSqlStmt    *stmt,
                             gconstpointer  row_data);

/* clt-sql-store-addresses.c */
G_GNUC_INTERNAL gboolean sql_collect_rows (CltSqlStore *self, CltSqlDb *db, CltSqlStmt *stmt, RowFunc read_row, gconstpointer row_data, GPtrArray **out, GError **error);
G_GNUC_INTERNAL gboolean sql_return_rows (CltSqlStore *self, CltSqlDb *db, CltSqlStmt *stmt, RowFunc read_row, gconstpointer row_data, GTask *task, GError **error);

/* clt-sql-store-mail.c */
G_GNUC_INTERNAL CltEmail *sql_email_from_row (CltSqlStmt *stmt, const char *customer_id);

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

static inline void
bind_text (CltSqlStmt *stmt,
           int         idx,
           const char *text)
{
  clt_sql_bind_text (stmt, idx, text != NULL ? text : "", -1, CLT_SQL_TRANSIENT);
}

/* Only for strings that outlive the next step. */
static inline void
bind_static_text (CltSqlStmt *stmt,
                  int         idx,
                  const char *text)
{
  clt_sql_bind_text (stmt, idx, text != NULL ? text : "", -1, CLT_SQL_STATIC);
}

static inline void
bind_date_time (CltSqlStmt *stmt,
                int         idx,
                GDateTime  *dt)
{
  if (dt == NULL)
    clt_sql_bind_null (stmt, idx);
  else
    clt_sql_bind_int64 (stmt, idx, sql_date_time_to_usec (dt));
}

static inline GDateTime *
column_date_time (CltSqlStmt *stmt,
                  int         col)
{
  if (clt_sql_column_type (stmt, col) == CLT_SQL_NULL)
    return NULL;

  return sql_date_time_from_usec (clt_sql_column_int64 (stmt, col));
}

static inline const char *
column_text (CltSqlStmt *stmt,
             int         col)
{
  const char *text = (const char *) clt_sql_column_text (stmt, col);

  return text != NULL ? text : "";
}

static inline gboolean
step_expect_done (CltSqlStore  *self,
                  CltSqlDb     *db,
                  CltSqlStmt   *stmt,
                  GError      **error)
{
  return SQL_CLASS (self)->step_expect_done (self, db, stmt->native, error);
}

static inline gboolean
step_done (CltSqlStore  *self,
           CltSqlDb     *db,
           CltSqlStmt   *stmt,
           GError      **error)
{
  return SQL_CLASS (self)->step_done (self, db, stmt->native, error);
}

static inline gboolean
exists_text (CltSqlStore  *self,
             CltSqlDb     *db,
             const char   *sql,
             const char   *param,
             gboolean     *found,
             GError      **error)
{
  return SQL_CLASS (self)->exists_text (self, db, sql, param, found, error);
}

/* }}} */

/* Customers {{{ */

static inline gboolean
check_version (CltSqlStore  *self,
               gint64        stored,
               gint64        expected,
               GError      **error)
{
  return SQL_CLASS (self)->check_version (stored, expected, error);
}

static inline void
set_conflict (GError     **error,
              const char  *field,
              const char  *message)
{
  g_propagate_error (error, clt_store_error_new_conflict (field, "%s", message));
}

static inline gboolean
lookup_customer_pk (CltSqlStore  *self,
                    CltSqlDb     *db,
                    const char   *customer_id,
                    gint64       *pk,
                    GError      **error)
{
  return SQL_CLASS (self)->lookup_customer_pk (self, db, customer_id, pk, error);
}

static inline gboolean
lookup_live_customer (CltSqlStore  *self,
                      CltSqlDb     *db,
                      const char   *customer_id,
                      gint64       *pk,
                      GError      **error)
{
  return SQL_CLASS (self)->lookup_live_customer (self, db, customer_id, pk, error);
}

static inline gboolean
read_customer_by_pk (CltSqlStore  *self,
                     CltSqlDb     *db,
                     gint64        pk,
                     CltCustomer **out,
                     GError      **error)
{
  return SQL_CLASS (self)->read_customer_by_pk (self, db, pk, out, error);
}

static inline gboolean
write_groups (CltSqlStore        *self,
              CltSqlDb           *db,
              gint64              pk,
              const char * const *groups,
              GError            **error)
{
  return SQL_CLASS (self)->write_groups (self, db, pk, groups, error);
}

static inline gboolean
refresh_location (CltSqlStore  *self,
                  CltSqlDb     *db,
                  gint64        pk,
                  GError      **error)
{
  return SQL_CLASS (self)->refresh_location (self, db, pk, error);
}

static inline gboolean
address_exists (CltSqlStore  *self,
                CltSqlDb     *db,
                gint64        pk,
                const char   *address_id,
                gboolean     *found,
                GError      **error)
{
  return SQL_CLASS (self)->address_exists (self, db, pk, address_id, found, error);
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

/* }}} */

/* What changed {{{ */

static inline gboolean
record_change (CltSqlStore    *self,
               CltSqlDb       *db,
               GTask          *task,
               CltChangeKind   kind,
               const char     *id,
               GError        **error)
{
  return SQL_CLASS (self)->record_change (self, db, task, kind, id, error);
}

/* }}} */

/* Tasks {{{ */

static inline void
run_read (CltSqlStore         *self,
          gpointer             source_tag,
          CltSqlReadFunc       func,
          gpointer             data,
          GDestroyNotify       data_free,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  SQL_CLASS (self)->run_read (self, source_tag, func, data, data_free,
                              cancellable, callback, user_data);
}

static inline void
run_write (CltSqlStore         *self,
           gpointer             source_tag,
           CltSqlWriteFunc      func,
           gpointer             data,
           GDestroyNotify       data_free,
           CltPermission        permission,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  SQL_CLASS (self)->run_write (self, source_tag, func, data, data_free, permission,
                               cancellable, callback, user_data);
}

#define TASK_CLASS(task) SQL_CLASS (g_task_get_source_object (task))

static inline void
write_return_pointer (GTask          *task,
                      gpointer        result,
                      GDestroyNotify  result_free)
{
  TASK_CLASS (task)->write_return_pointer (task, result, result_free);
}

static inline void
write_return_boolean (GTask    *task,
                      gboolean  result)
{
  TASK_CLASS (task)->write_return_boolean (task, result);
}

static inline const char *
task_author (GTask *task)
{
  return TASK_CLASS (task)->task_author (task);
}

static inline CltBackofficeUser *
task_actor (GTask *task)
{
  return TASK_CLASS (task)->task_actor (task);
}

static inline void
refuse_write (CltStore            *store,
              gpointer             source_tag,
              CltPermission        permission,
              GError              *error,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  SQL_CLASS (store)->refuse_write (store, source_tag, permission, error,
                                   cancellable, callback, user_data);
}

static inline gint64
now_usec (void)
{
  return g_get_real_time ();
}

/* }}} */

G_END_DECLS
