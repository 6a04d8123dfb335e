/* clt-sql-db.h
 *
 * The statement API the SQL stores are written against, whatever the
 * engine: a connection (CltSqlDb), its statements (CltSqlStmt) and a
 * table of the engine's functions (CltSqlEngine), shaped as SQLite's C
 * API (prepare, bind, step, column, finalize), because the stores were
 * written against that API first and clt-pg-conn.h already offers it
 * over libpq.
 *
 * CltSqlDb is never defined: it is the engine's own connection (sqlite3,
 * PgConn) seen through an opaque type. A CltSqlStmt is the engine's
 * statement (sqlite3_stmt, PgStmt) with the table of its engine, so that
 * it can be stepped, read and finalized (g_autoptr) on its own. The table
 * holds the engine's own functions: a call through it costs one indirect
 * call and nothing else, and SQLite keeps its prepared statements, libpq
 * its per-connection statement cache.
 *
 * Result codes and column types are SQLite's numbers, which clt-pg-conn.h
 * uses too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CltSqlDb   CltSqlDb;
typedef struct _CltSqlStmt CltSqlStmt;

#define CLT_SQL_OK          0
#define CLT_SQL_ROW       100
#define CLT_SQL_DONE      101

/* The failures both engines report (the low byte of a code). */
#define CLT_SQL_BUSY        5
#define CLT_SQL_LOCKED      6
#define CLT_SQL_READONLY    8
#define CLT_SQL_INTERRUPT   9
#define CLT_SQL_CONSTRAINT 19

#define CLT_SQL_NULL        5

/* A row that would break a UNIQUE constraint or a primary key (extended
 * codes). */
#define CLT_SQL_CONSTRAINT_UNIQUE     (CLT_SQL_CONSTRAINT | (8 << 8))
#define CLT_SQL_CONSTRAINT_PRIMARYKEY (CLT_SQL_CONSTRAINT | (6 << 8))

/* The last argument of bind_text (): the text is used in place until the
 * next step (STATIC), copied (TRANSIENT), or handed to that function. */
#define CLT_SQL_STATIC    ((void (*) (void *)) 0)
#define CLT_SQL_TRANSIENT ((void (*) (void *)) -1)

typedef struct _CltSqlEngine
{
  /* Runs @sql, one or more statements without parameters. */
  int                  (*exec)              (CltSqlDb    *db,
                                             const char  *sql);
  int                  (*prepare)           (CltSqlDb    *db,
                                             const char  *sql,
                                             int          n_bytes,
                                             gpointer    *out,
                                             const char **tail);
  int                  (*finalize)          (gpointer     stmt);
  int                  (*reset)             (gpointer     stmt);
  int                  (*bind_int64)        (gpointer     stmt,
                                             int          idx,
                                             gint64       value);
  int                  (*bind_int)          (gpointer     stmt,
                                             int          idx,
                                             int          value);
  int                  (*bind_double)       (gpointer     stmt,
                                             int          idx,
                                             double       value);
  int                  (*bind_null)         (gpointer     stmt,
                                             int          idx);
  int                  (*bind_text)         (gpointer     stmt,
                                             int          idx,
                                             const char  *text,
                                             int          n_bytes,
                                             void       (*destroy) (void *));
  int                  (*step)              (gpointer     stmt);
  int                  (*column_type)       (gpointer     stmt,
                                             int          col);
  gint64               (*column_int64)      (gpointer     stmt,
                                             int          col);
  int                  (*column_int)        (gpointer     stmt,
                                             int          col);
  double               (*column_double)     (gpointer     stmt,
                                             int          col);
  const unsigned char *(*column_text)       (gpointer     stmt,
                                             int          col);
  /* Rows the last INSERT, UPDATE or DELETE changed. */
  gint64               (*changes)           (CltSqlDb    *db);
  /* The key the last INSERT gave a row (SQLite's rowid; the last value
   * of a serial column in PostgreSQL). */
  gint64               (*last_insert_rowid) (CltSqlDb    *db);
  const char          *(*errmsg)            (CltSqlDb    *db);
} CltSqlEngine;

struct _CltSqlStmt
{
  const CltSqlEngine *engine;
  gpointer            native;
};

/* An engine function in the table: the engine's handles are CltSqlDb and
 * pointers seen from here, so its function stands for the table's as it
 * is (the call goes through a function type of the same shape). */
#define CLT_SQL_ENGINE_FUNC(func) ((gpointer) (void (*) (void)) (func))

/* The table's entries for an engine whose functions are named as SQLite's
 * behind @prefix (sqlite3_, pg_): all but exec and changes. */
#define CLT_SQL_ENGINE_STATEMENTS(prefix) \
  .prepare = CLT_SQL_ENGINE_FUNC (prefix##prepare_v2), \
  .finalize = CLT_SQL_ENGINE_FUNC (prefix##finalize), \
  .reset = CLT_SQL_ENGINE_FUNC (prefix##reset), \
  .bind_int64 = CLT_SQL_ENGINE_FUNC (prefix##bind_int64), \
  .bind_int = CLT_SQL_ENGINE_FUNC (prefix##bind_int), \
  .bind_double = CLT_SQL_ENGINE_FUNC (prefix##bind_double), \
  .bind_null = CLT_SQL_ENGINE_FUNC (prefix##bind_null), \
  .bind_text = CLT_SQL_ENGINE_FUNC (prefix##bind_text), \
  .step = CLT_SQL_ENGINE_FUNC (prefix##step), \
  .column_type = CLT_SQL_ENGINE_FUNC (prefix##column_type), \
  .column_int64 = CLT_SQL_ENGINE_FUNC (prefix##column_int64), \
  .column_int = CLT_SQL_ENGINE_FUNC (prefix##column_int), \
  .column_double = CLT_SQL_ENGINE_FUNC (prefix##column_double), \
  .column_text = CLT_SQL_ENGINE_FUNC (prefix##column_text), \
  .last_insert_rowid = CLT_SQL_ENGINE_FUNC (prefix##last_insert_rowid), \
  .errmsg = CLT_SQL_ENGINE_FUNC (prefix##errmsg)

/* Prepares @sql on @db: NULL and the engine's code in @rc on failure. */
CltSqlStmt *clt_sql_prepare (const CltSqlEngine *engine,
                             CltSqlDb           *db,
                             const char         *sql,
                             int                *rc);
void        clt_sql_finalize (CltSqlStmt        *stmt);
/* Hands the engine's own statement to the caller and frees @stmt. */
gpointer    clt_sql_steal_native (CltSqlStmt    *stmt);

static inline int
clt_sql_step (CltSqlStmt *stmt)
{
  return stmt->engine->step (stmt->native);
}

static inline int
clt_sql_reset (CltSqlStmt *stmt)
{
  return stmt->engine->reset (stmt->native);
}

static inline int
clt_sql_bind_int64 (CltSqlStmt *stmt,
                    int         idx,
                    gint64      value)
{
  return stmt->engine->bind_int64 (stmt->native, idx, value);
}

static inline int
clt_sql_bind_int (CltSqlStmt *stmt,
                  int         idx,
                  int         value)
{
  return stmt->engine->bind_int (stmt->native, idx, value);
}

static inline int
clt_sql_bind_double (CltSqlStmt *stmt,
                     int         idx,
                     double      value)
{
  return stmt->engine->bind_double (stmt->native, idx, value);
}

static inline int
clt_sql_bind_null (CltSqlStmt *stmt,
                   int         idx)
{
  return stmt->engine->bind_null (stmt->native, idx);
}

static inline int
clt_sql_bind_text (CltSqlStmt  *stmt,
                   int          idx,
                   const char  *text,
                   int          n_bytes,
                   void       (*destroy) (void *))
{
  return stmt->engine->bind_text (stmt->native, idx, text, n_bytes, destroy);
}

static inline int
clt_sql_column_type (CltSqlStmt *stmt,
                     int         col)
{
  return stmt->engine->column_type (stmt->native, col);
}

static inline gint64
clt_sql_column_int64 (CltSqlStmt *stmt,
                      int         col)
{
  return stmt->engine->column_int64 (stmt->native, col);
}

static inline int
clt_sql_column_int (CltSqlStmt *stmt,
                    int         col)
{
  return stmt->engine->column_int (stmt->native, col);
}

static inline double
clt_sql_column_double (CltSqlStmt *stmt,
                       int         col)
{
  return stmt->engine->column_double (stmt->native, col);
}

static inline const unsigned char *
clt_sql_column_text (CltSqlStmt *stmt,
                     int         col)
{
  return stmt->engine->column_text (stmt->native, col);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CltSqlStmt, clt_sql_finalize)

G_END_DECLS
