/* clt-sqlite-store-private.h
 *
 * The parts of CltSqliteStore: the instance struct, the task plumbing and
 * the helpers that clt-sqlite-store*.c and clt-sqlite-util.c share. Not
 * installed; for the store's own files and its tests.
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
#include <sqlite3.h>

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
#include "clt-sqlite-schema.h"
#include "clt-sqlite-store.h"
#include "clt-validate.h"

/* Threading: every operation runs in a GTask thread. Reads take one of a
 * few read-only connections from an async queue; writes serialize on the
 * single write connection. In WAL mode readers see the last committed state
 * and never wait for a writer, so the table keeps scrolling while sample
 * data loads. Connections are opened NOMUTEX: the queue and the mutex make
 * sure that each is used by one thread at a time. */

G_BEGIN_DECLS

#define BUSY_TIMEOUT_MS    5000
#define QUICK_CHECK_LIMIT  (16 * 1024 * 1024)
#define MAX_COUNT_CACHE    64

typedef struct
{
  sqlite3    *db;
  /* Counts by filter, valid while PRAGMA data_version stays the same
   * (it changes when another connection commits). */
  GHashTable *counts;
  /* Page anchors by filter and order (see clt-sqlite-store-query.c),
   * valid as long as the counts. */
  GHashTable *anchors;
  gint64      data_version;
} Reader;

/* A read of CltSqlStore's parts gets the Reader as a CltSqlReader. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (Reader, db) == G_STRUCT_OFFSET (CltSqlReader, db));

struct _CltSqliteStore
{
  CltSqlStore  parent_instance;

  char        *path;
  gboolean     read_only;

  GMutex       write_lock;
  sqlite3     *write_db;          /* NULL when read-only */

  GAsyncQueue *idle_readers;
  GPtrArray   *readers;           /* every Reader, for finalize */

  guint        fail_commits;      /* tests only: under write_lock */

  /* Changes this store made: the poll of the change log skips them. */
  GMutex       changes_lock;
  GHashTable  *own_changes;       /* seq → seq */
  gint64       last_change;       /* main context only */
  GSource     *upkeep_source;
  gboolean     polling;           /* main context only */
  gboolean     upkeep_running;    /* main context only */
  gint         merge_steps;       /* atomic: 2 an index merge is wanted, 1 one is under way */
  gboolean     merge_round_active; /* under write_lock */
  /* The index merge gives way to users' writes: it stops between steps
   * when one is waiting. */
  gint         writers_waiting;   /* atomic */

  /* Checkpoints run off the write lock, on a connection of their own, so
   * that no write waits for the WAL to be copied into the file. */
  sqlite3     *checkpoint_db;     /* NULL when read-only */
  gboolean     checkpointing;     /* main context only */
  gint         fold_wal;          /* atomic: empty the WAL file too */
};

/* One entry of the change log, as "changed" tells it. */
typedef struct
{
  gint64         seq;
  CltChangeKind  kind;
  char          *id;
} Change;

/* The columns every customer read selects, in this order (see
 * read_customer ()). */
#define CUSTOMER_COLUMNS \
  "c.pk, c.id, c.number, c.email, c.salutation, c.title, c.first_name, c.middle_name," \
  " c.last_name, c.gender, c.date_of_birth, c.phone, c.company, c.locale, c.currency," \
  " c.preferred_site, c.restriction, c.active, c.on_hold, c.verified, c.registered," \
  " c.updated, c.last_login, c.anonymized_at, c.default_billing_address," \
  " c.default_shipping_address, c.zip_code, c.city, c.country, c.company_id," \
  " c.business_unit, c.roles, c.version"

enum {
  COL_PK, COL_ID, COL_NUMBER, COL_EMAIL, COL_SALUTATION, COL_TITLE, COL_FIRST_NAME,
  COL_MIDDLE_NAME, COL_LAST_NAME, COL_GENDER, COL_DATE_OF_BIRTH, COL_PHONE, COL_COMPANY,
  COL_LOCALE, COL_CURRENCY, COL_PREFERRED_SITE, COL_RESTRICTION, COL_ACTIVE, COL_ON_HOLD,
  COL_VERIFIED, COL_REGISTERED, COL_UPDATED, COL_LAST_LOGIN, COL_ANONYMIZED_AT,
  COL_DEFAULT_BILLING, COL_DEFAULT_SHIPPING, COL_ZIP_CODE, COL_CITY, COL_COUNTRY,
  COL_COMPANY_ID, COL_BUSINESS_UNIT, COL_ROLES, COL_VERSION,
};

typedef gboolean (*ReadFunc)  (CltSqliteStore *self,
                               Reader         *reader,
                               gpointer        data,
                               GCancellable   *cancellable,
                               GTask          *task,
                               GError        **error);
typedef gboolean (*WriteFunc) (CltSqliteStore *self,
                               sqlite3        *db,
                               gpointer        data,
                               GCancellable   *cancellable,
                               GTask          *task,
                               GError        **error);

typedef struct
{
  ReadFunc       read;
  WriteFunc      write;
  gpointer       data;
  GDestroyNotify data_free;
  /* For writes: what the user's role must allow, who acts, and the
   * changes to emit as "changed" once committed. */
  CltPermission  permission;
  char          *author;
  /* Who acts when not the store's own user (clt_store_begin_acting_as ()),
   * captured when the operation started; NULL otherwise. */
  CltBackofficeUser *actor;
  GArray        *changes;
  /* For bulk writes: fold the WAL into the main file after the commit. */
  gboolean       checkpoint;
  /* What the write returns, held until COMMIT succeeded. */
  gboolean       has_result;
  gboolean       result_is_boolean;
  gboolean       result_boolean;
  gpointer       result;
  GDestroyNotify result_free;
} Op;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Helpers the parts share, by the file that defines them. */

/* clt-sqlite-store-customers.c */
G_GNUC_INTERNAL const char *task_author (GTask *task);
G_GNUC_INTERNAL CltBackofficeUser *task_actor (GTask *task);
G_GNUC_INTERNAL gboolean check_version (gint64 stored, gint64 expected, GError **error);
G_GNUC_INTERNAL void set_conflict (GError **error, const char *field, const char *message);
G_GNUC_INTERNAL gint64 now_usec (void);
G_GNUC_INTERNAL gboolean step_expect_done (CltSqliteStore *self, sqlite3 *db, sqlite3_stmt *stmt, GError **error);
G_GNUC_INTERNAL gboolean exists_text (CltSqliteStore *self, sqlite3 *db, const char *sql, const char *param, gboolean *found, GError **error);
G_GNUC_INTERNAL gboolean read_customer_by_pk (CltSqliteStore *self, sqlite3 *db, gint64 pk, CltCustomer **out, GError **error);
G_GNUC_INTERNAL gboolean lookup_live_customer (CltSqliteStore *self, sqlite3 *db, const char *customer_id, gint64 *pk, GError **error);
G_GNUC_INTERNAL gboolean write_groups (CltSqliteStore *self, sqlite3 *db, gint64 pk, const char *const *groups, GError **error);
G_GNUC_INTERNAL gboolean refresh_location (CltSqliteStore *self, sqlite3 *db, gint64 pk, GError **error);
G_GNUC_INTERNAL gboolean address_exists (CltSqliteStore *self, sqlite3 *db, gint64 pk, const char *address_id, gboolean *found, GError **error);
G_GNUC_INTERNAL void refuse_write (CltStore *store, gpointer source_tag, CltPermission permission, GError *error, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
G_GNUC_INTERNAL void return_invalid (CltStore *store, gpointer source_tag, GError *error, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
G_GNUC_INTERNAL int begin_secure_delete (sqlite3 *db);
G_GNUC_INTERNAL void restore_secure_delete (sqlite3 *db, int previous);

/* clt-sqlite-store-import.c */
G_GNUC_INTERNAL gboolean step_done (CltSqliteStore *self, sqlite3 *db, sqlite3_stmt *stmt, GError **error);

/* clt-sqlite-store-open.c */
G_GNUC_INTERNAL void watch_cancellable (sqlite3 *db, GCancellable *cancellable);
G_GNUC_INTERNAL void reader_free (Reader *reader);
G_GNUC_INTERNAL Reader *acquire_reader (CltSqliteStore *self, GCancellable *cancellable);
G_GNUC_INTERNAL void release_reader (CltSqliteStore *self, Reader *reader);
G_GNUC_INTERNAL gint64 reader_data_version (Reader *reader);
G_GNUC_INTERNAL void clt_sqlite_store_initable_iface_init (GInitableIface *iface);

/* clt-sqlite-store-query.c */
typedef struct _Anchors Anchors;
G_GNUC_INTERNAL void anchors_free (Anchors *anchors);
G_GNUC_INTERNAL gboolean select_customers (CltSqliteStore *self, sqlite3 *db, sqlite3_stmt *stmt, GPtrArray **out, GError **error);

/* clt-sqlite-store-details.c */
G_GNUC_INTERNAL gboolean fill_customer_details (CltSqliteStore *self, sqlite3 *db, GPtrArray *customers, GArray *pks, GError **error);

/* clt-sqlite-store.c */
G_GNUC_INTERNAL void request_checkpoint (GTask *task);
G_GNUC_INTERNAL void write_return_pointer (GTask *task, gpointer result, GDestroyNotify result_free);
G_GNUC_INTERNAL void write_return_boolean (GTask *task, gboolean result);
G_GNUC_INTERNAL void run_read (CltSqliteStore *self, gpointer source_tag, ReadFunc func, gpointer data, GDestroyNotify data_free, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
G_GNUC_INTERNAL void run_write (CltSqliteStore *self, gpointer source_tag, WriteFunc func, gpointer data, GDestroyNotify data_free, CltPermission permission, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
G_GNUC_INTERNAL gboolean lookup_customer_pk (CltSqliteStore *self, sqlite3 *db, const char *customer_id, gint64 *pk, GError **error);

/* clt-sqlite-store-session.c */
G_GNUC_INTERNAL gboolean record_change (CltSqliteStore *self, sqlite3 *db, GTask *task, CltChangeKind kind, const char *id, GError **error);
G_GNUC_INTERNAL void change_clear (Change *change);
G_GNUC_INTERNAL void emit_changes (CltSqliteStore *self, GArray *changes);
G_GNUC_INTERNAL gboolean prune_change_log (CltSqliteStore *self, sqlite3 *db, GError **error);
G_GNUC_INTERNAL gint64 read_last_change (CltSqliteStore *self, sqlite3 *db);
G_GNUC_INTERNAL void start_upkeep (CltSqliteStore *self);
G_GNUC_INTERNAL void stop_upkeep (CltSqliteStore *self);
G_GNUC_INTERNAL void request_index_merge (CltSqliteStore *self);
G_GNUC_INTERNAL void request_wal_fold (CltSqliteStore *self);

/* clt-sqlite-store-customers.c (erasure) */
G_GNUC_INTERNAL gboolean anonymize_customer (CltSqliteStore *self, sqlite3 *db, GTask *task, gint64 pk, GError **error);

/* clt-sqlite-util.c */
G_GNUC_INTERNAL gboolean rc_is_corrupt (int rc);
G_GNUC_INTERNAL void set_db_error (CltSqliteStore *self, GError **error, sqlite3 *db, int rc);
G_GNUC_INTERNAL gboolean exec_sql (CltSqliteStore *self, sqlite3 *db, const char *sql, GError **error);
G_GNUC_INTERNAL sqlite3_stmt *prepare (CltSqliteStore *self, sqlite3 *db, const char *sql, GError **error);
G_GNUC_INTERNAL void bind_text (sqlite3_stmt *stmt, int idx, const char *text);
G_GNUC_INTERNAL void bind_static_text (sqlite3_stmt *stmt, int idx, const char *text);
G_GNUC_INTERNAL void bind_date_time (sqlite3_stmt *stmt, int idx, GDateTime *dt);
G_GNUC_INTERNAL GDateTime *column_date_time (sqlite3_stmt *stmt, int col);
G_GNUC_INTERNAL const char *column_text (sqlite3_stmt *stmt, int col);
G_GNUC_INTERNAL void bind_field_value (sqlite3_stmt *stmt, int idx, GVariant *value);
G_GNUC_INTERNAL gboolean search_index_remove (CltSqliteStore *self, sqlite3 *db, gint64 pk, GError **error);
G_GNUC_INTERNAL gboolean search_index_add (CltSqliteStore *self, sqlite3 *db, gint64 pk, GError **error);

/* clt-sqlite-store-customers.c */
G_GNUC_INTERNAL void clt_sqlite_store_customers_iface_init (CltStoreInterface *iface);

/* clt-sqlite-store-import.c */
G_GNUC_INTERNAL void clt_sqlite_store_import_iface_init (CltStoreInterface *iface);

/* clt-sqlite-store-query.c */
G_GNUC_INTERNAL void clt_sqlite_store_query_iface_init (CltStoreInterface *iface);

/* clt-sqlite-store-session.c */
G_GNUC_INTERNAL void clt_sqlite_store_session_iface_init (CltStoreInterface *iface);

/* The statement API over SQLite (clt-sqlite-util.c). */
G_GNUC_INTERNAL extern const CltSqlEngine clt_sqlite_engine;
G_GNUC_INTERNAL extern const CltSqlDialect clt_sqlite_dialect;

/* Shared with the other store (CltSqlStore), under the names the parts
 * not shared yet call them by. */
#define current_author sql_current_author
#define id_data_free sql_id_data_free
#define id_data_new sql_id_data_new
#define mail_kinds sql_mail_kinds
#define read_local_role(self, db, ...) CLT_SQL_SHARED (read_local_role, self, db, __VA_ARGS__)
#define check_permission(self, db, ...) CLT_SQL_SHARED (check_permission, self, db, __VA_ARGS__)
#define request_id_lookup(self, db, ...) CLT_SQL_SHARED (request_id_lookup, self, db, __VA_ARGS__)
#define request_id_record(self, db, ...) CLT_SQL_SHARED (request_id_record, self, db, __VA_ARGS__)
#define select_customer_list(self, db, ...) CLT_SQL_SHARED (select_customer_list, self, db, __VA_ARGS__)
#define select_emails(self, db, ...) CLT_SQL_SHARED (select_emails, self, db, __VA_ARGS__)
#define select_marketing(self, db, ...) CLT_SQL_SHARED (select_marketing, self, db, __VA_ARGS__)
#define scrub_old_secrets(self, db, ...) CLT_SQL_SHARED (scrub_old_secrets, self, db, __VA_ARGS__)
#define send_mail(self, db, ...) CLT_SQL_SHARED (send_mail, self, db, __VA_ARGS__)
#define select_customer_shop_data(self, db, ...) CLT_SQL_SHARED (select_customer_shop_data, self, db, __VA_ARGS__)
#define read_preferences(self, db, ...) CLT_SQL_SHARED (read_preferences, self, db, __VA_ARGS__)
#define select_assisted_sessions(self, db, ...) CLT_SQL_SHARED (select_assisted_sessions, self, db, __VA_ARGS__)
#define date_time_to_usec sql_date_time_to_usec
#define date_time_from_usec sql_date_time_from_usec
#define split_lines sql_split_lines
#define join_lines sql_join_lines
#define make_random_id sql_make_random_id

/* For tests: the next @n_commits write transactions fail at COMMIT (and
 * roll back), as they would on a full disk. */
void clt_sqlite_store_fail_commits_for_testing (CltSqliteStore *self,
                                                guint           n_commits);

G_END_DECLS
