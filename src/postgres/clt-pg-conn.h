/* clt-pg-conn.h
 *
 * One libpq connection and its statements, shaped like the statement API
 * the SQLite store is written against (prepare, bind, step, column), so
 * that CltPgStore keeps the same logic, statement by statement, as
 * CltSqliteStore. Not a GObject: a connection is used by one thread at a
 * time (the store's pool sees to that).
 *
 * Statements are written with SQLite's "?" and "?N" parameters and become
 * "$N"; each distinct SQL text is prepared once per connection (PQprepare)
 * and then executed by name, as long as it is among the PG_MAX_PREPARED
 * texts used last on the connection: the texts of filtered lists vary
 * with the filter's shape, and a statement kept costs memory in the
 * client and in the server's backend. One evicted is DEALLOCATE'd once the
 * connection is outside a transaction, and prepared anew, under a new
 * name, when used again. Parameters are sent as text of unknown type,
 * so that the server infers each from where it stands, as SQLite's
 * dynamic typing would accept it. Results come in text format.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* Result codes, numbered as SQLite's so that the ported tests of a code's
 * low byte keep their meaning. */
#define PG_OK                 0
#define PG_ERROR              1
#define PG_BUSY               5     /* serialization failure, deadlock, lock timeout */
#define PG_READONLY           8
#define PG_INTERRUPT          9     /* cancelled */
#define PG_FULL              13
#define PG_CANTOPEN          14     /* connection lost */
#define PG_CONSTRAINT        19
#define PG_CONSTRAINT_UNIQUE (PG_CONSTRAINT | (8 << 8))
#define PG_CONSTRAINT_FOREIGNKEY (PG_CONSTRAINT | (3 << 8))
#define PG_ROW              100
#define PG_DONE             101

/* Column types pg_column_type () tells apart. */
#define PG_TEXT               3
#define PG_NULL               5

/* pg_bind_text ()'s last argument, as SQLite's: the text is always
 * copied, then handed to a destroy function other than these two. */
#define PG_STATIC    ((void (*) (void *)) 0)
#define PG_TRANSIENT ((void (*) (void *)) -1)

/* The statements a connection keeps prepared, the ones used last. A
 * run of the store's conformance suite on PostgreSQL prepares 311
 * distinct texts in all (121 of them list pages of different filter
 * shapes), at most 75 on one connection: every fixed statement of the
 * store fits, with room for some hundred list shapes. A list page's
 * statement holds about 100 KB in the backend (CachedPlanSource and
 * CachedPlanQuery, before any plan), so at most some 25 MB per
 * connection. */
#define PG_MAX_PREPARED  256

typedef struct _PgConn PgConn;
typedef struct _PgStmt PgStmt;

/* @password: NULL to leave it to libpq (PGPASSFILE, ~/.pgpass). */
PgConn     *pg_conn_open             (const char    *conninfo,
                                      const char    *password,
                                      GError       **error);
void        pg_conn_close            (PgConn        *db);
PGconn     *pg_conn_get_native       (PgConn        *db);
/* Runs @sql (one or more statements, no parameters). */
int         pg_exec                  (PgConn        *db,
                                      const char    *sql);
/* Runs @begin (a statement without parameters) and @sql (a query
 * without parameters, kept prepared as the others) in one round trip,
 * and reads the first row of @sql's result as @n_values integers. */
int         pg_begin_values          (PgConn        *db,
                                      const char    *begin,
                                      const char    *sql,
                                      gint64        *values,
                                      int            n_values);
const char *pg_errmsg                (PgConn        *db);
/* Rows the last INSERT, UPDATE or DELETE changed. */
gint64      pg_changes               (PgConn        *db);
/* The value the last INSERT gave a serial column (lastval ()). */
gint64      pg_last_insert_rowid     (PgConn        *db);
/* TRUE outside a transaction. */
gboolean    pg_get_autocommit        (PgConn        *db);
/* Cancels the statement running on @db when @cancellable is cancelled,
 * until called again with NULL. */
void        pg_conn_watch_cancellable (PgConn       *db,
                                       GCancellable *cancellable);
/* FALSE when the server went away: the pool drops the connection. */
gboolean    pg_conn_is_ok            (PgConn        *db);

int         pg_prepare_v2            (PgConn        *db,
                                      const char    *sql,
                                      int            n_bytes,
                                      PgStmt       **out,
                                      const char   **tail);
int         pg_finalize              (PgStmt        *stmt);
int         pg_reset                 (PgStmt        *stmt);
int         pg_bind_int64            (PgStmt        *stmt,
                                      int            idx,
                                      gint64         value);
int         pg_bind_int              (PgStmt        *stmt,
                                      int            idx,
                                      int            value);
int         pg_bind_double           (PgStmt        *stmt,
                                      int            idx,
                                      double         value);
int         pg_bind_null             (PgStmt        *stmt,
                                      int            idx);
int         pg_bind_text             (PgStmt        *stmt,
                                      int            idx,
                                      const char    *text,
                                      int            n_bytes,
                                      void         (*destroy) (void *));
int         pg_step                  (PgStmt        *stmt);
int         pg_column_type           (PgStmt        *stmt,
                                      int            col);
gint64      pg_column_int64          (PgStmt        *stmt,
                                      int            col);
int         pg_column_int            (PgStmt        *stmt,
                                      int            col);
double      pg_column_double         (PgStmt        *stmt,
                                      int            col);
/* The number that @length bytes at @text write in PostgreSQL's text
 * output ("-12.5", "1e+20"), as g_ascii_strtod () reads it: short
 * decimals without it. */
double      pg_parse_double          (const char    *text,
                                      gsize          length);
const unsigned char *pg_column_text  (PgStmt        *stmt,
                                      int            col);
PgConn     *pg_db_handle             (PgStmt        *stmt);

/* How many times @db waited for the server's answer (for tests). */
guint64     pg_conn_get_n_round_trips (PgConn       *db);
/* How many statements @db keeps prepared, at most PG_MAX_PREPARED (for
 * tests). */
guint       pg_conn_get_n_prepared   (PgConn        *db);

/* The SQL of @sql with SQLite's parameters as PostgreSQL's (for tests). */
char       *pg_translate_parameters  (const char    *sql,
                                      int           *n_params);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PgStmt, pg_finalize)

G_END_DECLS
