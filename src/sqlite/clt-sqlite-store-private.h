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

typedef struct _Rowset Rowset;
typedef struct _RowsetSource RowsetSource;

/* A query's conditions as SQL (clt-sqlite-store-filter.c). */
typedef struct
{
  GString   *where;     /* conditions, each starting with " AND " */
  GPtrArray *params;    /* GVariant: string or int64 */
  GString   *key;       /* cache key for counts */
  /* Set when the count comes from one index alone: the FTS query, or the
   * single 1–2 character prefix. */
  char      *fast_count_sql;
  char      *fast_count_param;
  GPtrArray *fast_count_params;  /* GVariant, instead of fast_count_param */
  /* With fast_count_sql: a lone custom field condition, counted by
   * field_range_count () rather than by summing a count per value. */
  const struct _FieldCondition *fast_count_range;
  gboolean   has_text;
  gboolean   has_fields;
  /* The rowset whose rowids (JSON) filter_bind () binds at json_index
   * of params, or NULL. */
  Rowset    *json_rowset;
  guint      json_index;
} Filter;

/* A custom field filter of the query, its value read by the field's type
 * into what customer_field_values.sort_key holds. */
typedef struct _FieldCondition
{
  char          *key;
  CltFieldMatch  match;
  GVariant      *value;
  GVariant      *upper;   /* CLT_FIELD_MATCH_PREFIX: the first text past the prefix */
  gboolean       paired;  /* counted per group in customer_group_field_counts (yes/no, choice) */
} FieldCondition;

typedef struct
{
  sqlite3    *db;
  /* Counts by filter, valid while PRAGMA data_version stays the same
   * (it changes when another connection commits). */
  GHashTable *counts;
  /* Page anchors by filter and order (see clt-sqlite-store-query.c),
   * valid as long as the counts. */
  GHashTable *anchors;
  /* Rowsets by their conditions (clt-sqlite-store-rowset.c), valid as
   * long as the counts; and the one clt_rowset_has () of the current
   * read tests. */
  GHashTable *rowsets;
  Rowset     *rowset;
  /* Where clt_rowset_take () puts the rowids of the source being
   * collected (clt-sqlite-store-rowset.c); NULL between collections. */
  struct _RowsetTake *take;
  /* SQL text → statement (reader_prepare ()). */
  GHashTable *stmts;
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

  /* The upkeep's own part (clt-sqlite-store-session.c). */
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Helpers the parts share, by the file that defines them. */

/* clt-sqlite-store-import.c */
G_GNUC_INTERNAL gboolean import_begin (CltSqliteStore *self, sqlite3 *db, guint n_new, gpointer *state, GError **error);
G_GNUC_INTERNAL gboolean import_end (CltSqliteStore *self, sqlite3 *db, gpointer state, gboolean ok, GError **error);

/* clt-sqlite-store-open.c */
G_GNUC_INTERNAL void watch_cancellable (sqlite3 *db, GCancellable *cancellable);
G_GNUC_INTERNAL void reader_free (Reader *reader);
G_GNUC_INTERNAL Reader *acquire_reader (CltSqliteStore *self, GCancellable *cancellable);
G_GNUC_INTERNAL void release_reader (CltSqliteStore *self, Reader *reader);
G_GNUC_INTERNAL Reader *acquire_upkeep_reader (CltSqliteStore *self);
G_GNUC_INTERNAL void release_upkeep_reader (CltSqliteStore *self, Reader *reader);
G_GNUC_INTERNAL gint64 reader_data_version (Reader *reader);
G_GNUC_INTERNAL void clt_sqlite_store_initable_iface_init (GInitableIface *iface);

/* clt-sqlite-store-filter.c */
G_GNUC_INTERNAL void field_condition_free (FieldCondition *condition);
G_GNUC_INTERNAL void filter_init (Filter *filter, CltQuery *query, GPtrArray *conditions, Rowset *rowset, gboolean dense, gboolean probe, gboolean hide_pending);
G_GNUC_INTERNAL void filter_clear (Filter *filter);
G_GNUC_INTERNAL char *search_terms (const char *search_text, GStrv *words, GPtrArray *short_words, guint *n_words);
G_GNUC_INTERNAL void bind_variant (sqlite3_stmt *stmt, int index, GVariant *value);
G_GNUC_INTERNAL void bind_params (sqlite3_stmt *stmt, GPtrArray *params, int first);
G_GNUC_INTERNAL void filter_bind (Filter *filter, sqlite3_stmt *stmt, int first);

/* clt-sqlite-store-query.c */
typedef struct _Anchors Anchors;
G_GNUC_INTERNAL void anchors_free (Anchors *anchors);

/* clt-sqlite-store-query.c */
G_GNUC_INTERNAL void reader_check_version (Reader *reader);
G_GNUC_INTERNAL void reader_cache_count (Reader *reader, const char *key, gint64 count);

/* clt-sqlite-store-plan.c */
G_GNUC_INTERNAL gboolean reader_rowset (CltSqliteStore *self, Reader *reader, CltQuery *query, GPtrArray *conditions, gint64 short_limit, double walk_rows, gint64 n_total, Rowset **out, GError **error);

/* clt-sqlite-store-counts.c */
G_GNUC_INTERNAL gboolean field_range_count (CltSqliteStore *self, Reader *reader, const FieldCondition *condition, gint64 *count, GError **error);

/* clt-sqlite-store-rows.c */
G_GNUC_INTERNAL gboolean select_customers (CltSqliteStore *self, sqlite3 *db, sqlite3_stmt *stmt, GPtrArray **out, GError **error);
G_GNUC_INTERNAL gboolean fetch_customers (CltSqliteStore *self, Reader *reader, GArray *pks, GPtrArray **out, GError **error);

/* clt-sqlite-store-rowset.c */
G_GNUC_INTERNAL RowsetSource *rowset_source_new (const char *sql);
G_GNUC_INTERNAL RowsetSource *rowset_source_new_words (const char *sql);
G_GNUC_INTERNAL void rowset_source_add (RowsetSource *source, GVariant *value);
G_GNUC_INTERNAL void rowset_source_set_probe (RowsetSource *source, const char *count_sql, const char *probe_sql);
G_GNUC_INTERNAL void rowset_source_set_range (RowsetSource *source, const FieldCondition *range);
G_GNUC_INTERNAL void rowset_source_free (RowsetSource *source);
G_GNUC_INTERNAL gboolean rowset_source_count (CltSqliteStore *self, Reader *reader, RowsetSource *source, gint64 *count);
G_GNUC_INTERNAL Rowset *rowset_collect (CltSqliteStore *self, Reader *reader, const char *key, GPtrArray *sources, GError **error);
G_GNUC_INTERNAL Rowset *rowset_ref (Rowset *rowset);
G_GNUC_INTERNAL void rowset_unref (Rowset *rowset);
G_GNUC_INTERNAL guint rowset_get_length (Rowset *rowset);
G_GNUC_INTERNAL const char *rowset_get_key (Rowset *rowset);
G_GNUC_INTERNAL gboolean rowset_holds_fields (Rowset *rowset);
G_GNUC_INTERNAL void rowset_set_holds_fields (Rowset *rowset, gboolean holds_fields);
G_GNUC_INTERNAL const char *rowset_get_json (Rowset *rowset);
G_GNUC_INTERNAL void reader_add_rowset_function (Reader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rowset, rowset_unref)

/* clt-sqlite-store-details.c */
G_GNUC_INTERNAL gboolean fill_customer_details (CltSqliteStore *self, sqlite3 *db, Reader *reader, GPtrArray *customers, GArray *pks, GError **error);

/* clt-sqlite-store.c */

/* clt-sqlite-store-session.c */
G_GNUC_INTERNAL gboolean upkeep_write (CltSqliteStore *self, sqlite3 *db, GError **error);
G_GNUC_INTERNAL gboolean upkeep_pending (CltSqliteStore *self);
G_GNUC_INTERNAL void upkeep_tick (CltSqliteStore *self);
G_GNUC_INTERNAL void request_index_merge (CltSqliteStore *self);
G_GNUC_INTERNAL void request_wal_fold (CltSqliteStore *self);

/* clt-sqlite-util.c */
G_GNUC_INTERNAL gboolean rc_is_corrupt (int rc);
G_GNUC_INTERNAL char *pks_to_json (GArray *pks);
G_GNUC_INTERNAL void set_db_error (CltSqliteStore *self, GError **error, sqlite3 *db, int rc);
G_GNUC_INTERNAL int begin_secure_delete (sqlite3 *db);
G_GNUC_INTERNAL void restore_secure_delete (sqlite3 *db, int previous);
G_GNUC_INTERNAL sqlite3_stmt *reader_prepare (CltSqliteStore *self, Reader *reader, const char *sql, GError **error);
G_GNUC_INTERNAL void reader_stmt_release (sqlite3_stmt *stmt);
typedef sqlite3_stmt ReaderStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReaderStmt, reader_stmt_release)
G_GNUC_INTERNAL void bind_text (sqlite3_stmt *stmt, int idx, const char *text);
G_GNUC_INTERNAL void bind_static_text (sqlite3_stmt *stmt, int idx, const char *text);
G_GNUC_INTERNAL GDateTime *column_date_time (sqlite3_stmt *stmt, int col);
G_GNUC_INTERNAL const char *column_text (sqlite3_stmt *stmt, int col);
G_GNUC_INTERNAL void bind_field_value (sqlite3_stmt *stmt, int idx, GVariant *value);
G_GNUC_INTERNAL gboolean search_index_remove (CltSqliteStore *self, sqlite3 *db, gint64 pk, GError **error);
G_GNUC_INTERNAL gboolean search_index_add (CltSqliteStore *self, sqlite3 *db, gint64 pk, GError **error);

/* clt-sqlite-store-query.c */
G_GNUC_INTERNAL void clt_sqlite_store_query_iface_init (CltStoreInterface *iface);

/* The statement API over SQLite (clt-sqlite-util.c). */
G_GNUC_INTERNAL extern const CltSqlEngine clt_sqlite_engine;
G_GNUC_INTERNAL extern const CltSqlDialect clt_sqlite_dialect;

/* Shared with the other store (CltSqlStore), under the names the parts
 * not shared yet (the query, opening, the util helpers) call them by. */
#define select_customer_list(self, db, ...) CLT_SQL_SHARED (select_customer_list, self, db, __VA_ARGS__)
#define select_emails(self, db, ...) CLT_SQL_SHARED (select_emails, self, db, __VA_ARGS__)
#define select_marketing(self, db, ...) CLT_SQL_SHARED (select_marketing, self, db, __VA_ARGS__)
#define select_customer_shop_data(self, db, ...) CLT_SQL_SHARED (select_customer_shop_data, self, db, __VA_ARGS__)
#define select_assisted_sessions(self, db, ...) CLT_SQL_SHARED (select_assisted_sessions, self, db, __VA_ARGS__)
#define lookup_customer_pk(self, db, ...) CLT_SQL_SHARED (lookup_customer_pk, self, db, __VA_ARGS__)
#define read_customer_by_pk(self, db, ...) CLT_SQL_SHARED (read_customer_by_pk, self, db, __VA_ARGS__)
#define exec_sql(self, db, ...) CLT_SQL_SHARED (exec, self, db, __VA_ARGS__)
#define prepare(self, db, ...) \
  ((sqlite3_stmt *) CLT_SQL_SHARED (prepare_native, self, db, __VA_ARGS__))
#define return_invalid sql_return_invalid
#define run_read(self, tag, func, ...) \
  sql_run_read ((CltSqlStore *) (self), tag, CLT_SQL_ENGINE_FUNC (func), __VA_ARGS__)
#define date_time_to_usec sql_date_time_to_usec
#define date_time_from_usec sql_date_time_from_usec
#define split_lines sql_split_lines

/* For tests: the next @n_commits write transactions fail at COMMIT (and
 * roll back), as they would on a full disk. */
void clt_sqlite_store_fail_commits_for_testing (CltSqliteStore *self,
                                                guint           n_commits);

G_END_DECLS
