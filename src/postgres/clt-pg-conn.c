/* clt-pg-conn.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-pg-conn"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "clt-pg-conn.h"

/* One statement prepared on the connection, a link of PgConn.lru. */
typedef struct
{
  char       *sql;          /* translated */
  char       *name;
} Prepared;

struct _PgConn
{
  PGconn     *conn;
  /* SQL text (translated) → its GList link in @lru */
  GHashTable *prepared;
  /* Of Prepared, the one used last first */
  GQueue      lru;
  /* Names of statements evicted from @prepared that are still prepared on
   * the server: DEALLOCATE'd once the connection is outside a
   * transaction (deallocate_evicted ()). */
  GPtrArray  *evicted;
  guint64     next_name;
  gint64      changes;
  char       *errmsg;
  GCancellable *cancellable;
  gulong      cancelled_id;
  PGcancel   *cancel;
  guint64     n_round_trips;
};

struct _PgStmt
{
  PgConn     *db;
  char       *sql;
  int         n_params;
  char      **values;
  Oid        *types;        /* text for the numbers the SQL does not use */
  PGresult   *result;
  int         n_rows;
  int         row;          /* the current row, -1 before the first */
  gboolean    executed;
};

static void
prepared_free (gpointer data)
{
  Prepared *prepared = data;

  g_free (prepared->sql);
  g_free (prepared->name);
  g_free (prepared);
}

PgConn *
pg_conn_open (const char  *conninfo,
              const char  *password,
              GError     **error)
{
  PgConn *db;
  PGconn *conn;

  /* @conninfo may be a URL or key=value words (expand_dbname); the
   * encoding is always UTF-8, whatever the environment says. */
  const char * const keywords[] = { "dbname", "client_encoding", "application_name",
                                    password != NULL ? "password" : NULL, NULL };
  const char * const values[] = { conninfo, "UTF8", "clientele", password, NULL };

  conn = PQconnectdbParams (keywords, values, 1);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strstrip (g_strdup (PQerrorMessage (conn)));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "%s", message);
      PQfinish (conn);
      return NULL;
    }

  db = g_new0 (PgConn, 1);
  db->conn = conn;
  db->prepared = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&db->lru);
  db->evicted = g_ptr_array_new_with_free_func (g_free);
  db->cancel = PQgetCancel (conn);
  /* Notices (NOTICE: relation already exists…) are not for the user. */
  PQsetNoticeProcessor (conn, NULL, NULL);
  return db;
}

void
pg_conn_close (PgConn *db)
{
  if (db == NULL)
    return;

  pg_conn_watch_cancellable (db, NULL);
  if (db->cancel != NULL)
    PQfreeCancel (db->cancel);
  PQfinish (db->conn);
  g_hash_table_unref (db->prepared);
  g_queue_clear_full (&db->lru, prepared_free);
  g_ptr_array_unref (db->evicted);
  g_free (db->errmsg);
  g_free (db);
}

PGconn *
pg_conn_get_native (PgConn *db)
{
  return db->conn;
}

gboolean
pg_conn_is_ok (PgConn *db)
{
  return PQstatus (db->conn) == CONNECTION_OK;
}

static void
cancelled_cb (GCancellable *cancellable,
              PgConn       *db)
{
  char buffer[256];

  if (db->cancel != NULL)
    PQcancel (db->cancel, buffer, sizeof buffer);
}

void
pg_conn_watch_cancellable (PgConn       *db,
                           GCancellable *cancellable)
{
  if (db->cancellable != NULL)
    {
      g_cancellable_disconnect (db->cancellable, db->cancelled_id);
      db->cancelled_id = 0;
      g_clear_object (&db->cancellable);
    }
  if (cancellable != NULL)
    {
      db->cancellable = g_object_ref (cancellable);
      db->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), db, NULL);
    }
}

static void
set_errmsg (PgConn     *db,
            const char *message)
{
  g_free (db->errmsg);
  db->errmsg = g_strstrip (g_strdup (message != NULL ? message : ""));
}

/* SQLSTATE → result code. */
static int
result_code (PgConn   *db,
             PGresult *result)
{
  const char *state;

  if (result == NULL)
    {
      set_errmsg (db, PQerrorMessage (db->conn));
      return PQstatus (db->conn) == CONNECTION_OK ? PG_ERROR : PG_CANTOPEN;
    }

  set_errmsg (db, PQresultErrorMessage (result));
  state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
  if (state == NULL)
    return PQstatus (db->conn) == CONNECTION_OK ? PG_ERROR : PG_CANTOPEN;
  if (strcmp (state, "23505") == 0)
    return PG_CONSTRAINT_UNIQUE;
  if (strcmp (state, "23503") == 0)
    return PG_CONSTRAINT_FOREIGNKEY;
  if (g_str_has_prefix (state, "23"))
    return PG_CONSTRAINT;
  if (strcmp (state, "40001") == 0 || strcmp (state, "40P01") == 0 ||
      strcmp (state, "55P03") == 0)
    return PG_BUSY;
  if (strcmp (state, "57014") == 0)
    return PG_INTERRUPT;
  if (strcmp (state, "25006") == 0)
    return PG_READONLY;
  if (g_str_has_prefix (state, "53"))
    return PG_FULL;
  if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    return PG_CANTOPEN;
  return PG_ERROR;
}

/* The name of @sql prepared on @db, or NULL; one found is from now on
 * the one used last. */
static const char *
lookup_prepared (PgConn     *db,
                 const char *sql)
{
  GList *link = g_hash_table_lookup (db->prepared, sql);

  if (link == NULL)
    return NULL;
  g_queue_unlink (&db->lru, link);
  g_queue_push_head_link (&db->lru, link);
  return ((Prepared *) link->data)->name;
}

/* Keeps @name as the statement of @sql, the one used last, and evicts
 * those used longest ago beyond PG_MAX_PREPARED: their names wait in
 * @evicted for DEALLOCATE. Returns @name. */
static const char *
remember_prepared (PgConn     *db,
                   const char *sql,
                   char       *name)
{
  Prepared *prepared = g_new0 (Prepared, 1);

  prepared->sql = g_strdup (sql);
  prepared->name = name;
  g_queue_push_head (&db->lru, prepared);
  g_hash_table_insert (db->prepared, prepared->sql, db->lru.head);
  while (db->lru.length > PG_MAX_PREPARED)
    {
      Prepared *oldest = g_queue_pop_tail (&db->lru);

      g_hash_table_remove (db->prepared, oldest->sql);
      g_ptr_array_add (db->evicted, g_steal_pointer (&oldest->name));
      prepared_free (oldest);
    }
  return name;
}

/* Forgets @sql, whose preparing failed: there is nothing to deallocate. */
static void
forget_prepared (PgConn     *db,
                 const char *sql)
{
  GList *link = g_hash_table_lookup (db->prepared, sql);

  if (link == NULL)
    return;
  g_hash_table_remove (db->prepared, sql);
  prepared_free (link->data);
  g_queue_delete_link (&db->lru, link);
}

/* DEALLOCATEs the evicted statements, outside a transaction only: in an
 * aborted one DEALLOCATE cannot run, and in an open one a DEALLOCATE that
 * failed (hit by a cancel meant for the caller's statement, say) would
 * abort the caller's transaction; the server keeps them until it ends.
 * Each in its own segment of one pipeline (one round trip), so that one
 * failing leaves the others be. Their errors are not the caller's: the
 * error message and pg_changes () stay. A statement whose DEALLOCATE was
 * cancelled waits for the next time; otherwise (deallocated, or the
 * connection lost and its statements with it) it is forgotten. */
static void
deallocate_evicted (PgConn *db)
{
  g_autoptr(GPtrArray) names = NULL;
  guint n_sent = 0;

  if (db->evicted->len == 0 || PQtransactionStatus (db->conn) != PQTRANS_IDLE ||
      !PQenterPipelineMode (db->conn))
    return;

  names = g_steal_pointer (&db->evicted);
  db->evicted = g_ptr_array_new_with_free_func (g_free);
  db->n_round_trips++;
  for (; n_sent < names->len; n_sent++)
    {
      g_autofree char *sql = g_strdup_printf ("DEALLOCATE %s",
                                              (const char *) g_ptr_array_index (names, n_sent));

      if (!PQsendQueryParams (db->conn, sql, 0, NULL, NULL, NULL, NULL, 0) ||
          !PQpipelineSync (db->conn))
        break;
    }

  for (guint done = 0; done < n_sent;)
    {
      const char *name = g_ptr_array_index (names, done);
      PGresult *result = PQgetResult (db->conn);
      ExecStatusType status;

      if (result == NULL)
        {
          if (PQstatus (db->conn) != CONNECTION_OK)
            break;
          continue;
        }
      status = PQresultStatus (result);
      if (status == PGRES_PIPELINE_SYNC)
        done++;
      else if (status != PGRES_COMMAND_OK)
        {
          g_debug ("DEALLOCATE %s: %s", name, PQresultErrorMessage (result));
          if (g_strcmp0 (PQresultErrorField (result, PG_DIAG_SQLSTATE), "57014") == 0)
            g_ptr_array_add (db->evicted, g_strdup (name));
        }
      PQclear (result);
    }
  PQexitPipelineMode (db->conn);

  /* Those not sent, unless the connection and they are gone. */
  if (PQstatus (db->conn) == CONNECTION_OK)
    for (guint i = n_sent; i < names->len; i++)
      g_ptr_array_add (db->evicted, g_strdup (g_ptr_array_index (names, i)));
}

int
pg_exec (PgConn     *db,
         const char *sql)
{
  PGresult *result;
  ExecStatusType status;
  int rc = PG_OK;

  db->n_round_trips++;
  result = PQexec (db->conn, sql);
  status = PQresultStatus (result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    db->changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  else
    rc = result_code (db, result);
  PQclear (result);
  deallocate_evicted (db);
  return rc;
}

/* The name of @sql prepared on @db, prepared now unless it was (only
 * sent when @pipelined: the pipeline's results tell whether it was, and
 * the caller forgets it when not). NULL, with *@rc set, when preparing
 * failed. */
static const char *
prepared_name (PgConn     *db,
               const char *sql,
               int         n_params,
               const Oid  *types,
               gboolean    pipelined,
               int        *rc)
{
  g_autofree char *new_name = NULL;
  const char *name = lookup_prepared (db, sql);

  *rc = PG_OK;
  if (name != NULL)
    return name;

  /* Never used again on the connection: an evicted name may still be
   * prepared on the server until deallocate_evicted () runs. */
  new_name = g_strdup_printf ("s%" G_GUINT64_FORMAT, db->next_name++);
  if (pipelined)
    {
      if (!PQsendPrepare (db->conn, new_name, sql, n_params, types))
        {
          *rc = result_code (db, NULL);
          return NULL;
        }
    }
  else
    {
      PGresult *prepared;

      db->n_round_trips++;
      prepared = PQprepare (db->conn, new_name, sql, n_params, types);
      if (PQresultStatus (prepared) != PGRES_COMMAND_OK)
        *rc = result_code (db, prepared);
      PQclear (prepared);
      if (*rc != PG_OK)
        {
          g_debug ("%s: %s", sql, pg_errmsg (db));
          return NULL;
        }
    }
  return remember_prepared (db, sql, g_steal_pointer (&new_name));
}

/* Runs @begin (one statement without parameters, BEGIN …) and then
 * @sql (without parameters), kept prepared as the others, in one round
 * trip (a pipeline); reads the first row of @sql's result as @n_values
 * integers ("t" and "f" as 1 and 0; SQL NULL and a missing row as 0). A
 * read's BEGIN and what it asks first, without planning that anew each
 * time. */
int
pg_begin_values (PgConn     *db,
                 const char *begin,
                 const char *sql,
                 gint64     *values,
                 int         n_values)
{
  gboolean preparing = !g_hash_table_contains (db->prepared, sql);
  gboolean prepared = FALSE;
  const char *name;
  PGresult *result;
  gboolean synced;
  int command = 0;    /* whose results come: 0 @begin, 1 preparing @sql (when sent) */
  int rc = PG_OK;

  memset (values, 0, sizeof (gint64) * n_values);
  if (!PQenterPipelineMode (db->conn))
    return result_code (db, NULL);

  db->n_round_trips++;
  if (!PQsendQueryParams (db->conn, begin, 0, NULL, NULL, NULL, NULL, 0))
    rc = result_code (db, NULL);
  name = rc == PG_OK ? prepared_name (db, sql, 0, NULL, TRUE, &rc) : NULL;
  if (rc == PG_OK && !PQsendQueryPrepared (db->conn, name, 0, NULL, NULL, NULL, 0))
    rc = result_code (db, NULL);
  synced = PQpipelineSync (db->conn);
  if (!synced && rc == PG_OK)
    rc = result_code (db, NULL);

  /* Each command's results end with NULL; the pipeline's with its sync. */
  while (synced)
    {
      ExecStatusType status;

      result = PQgetResult (db->conn);
      if (result == NULL)
        {
          if (PQstatus (db->conn) != CONNECTION_OK)
            break;
          command++;
          continue;
        }
      status = PQresultStatus (result);
      if (status == PGRES_PIPELINE_SYNC)
        {
          PQclear (result);
          break;
        }
      if (command == 1 && preparing && status == PGRES_COMMAND_OK)
        prepared = TRUE;
      else if (status == PGRES_TUPLES_OK && PQntuples (result) > 0)
        for (int i = 0; i < n_values && i < PQnfields (result); i++)
          {
            const char *value = PQgetvalue (result, 0, i);

            values[i] = value[0] == 't' ? 1 : value[0] == 'f' ? 0 : g_ascii_strtoll (value, NULL, 10);
          }
      else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK &&
               status != PGRES_PIPELINE_ABORTED && rc == PG_OK)
        rc = result_code (db, result);
      PQclear (result);
    }
  PQexitPipelineMode (db->conn);

  /* A statement whose preparing failed (or was not reached) is not kept;
   * one prepared is, even when what followed failed: it is on the server. */
  if (preparing && !prepared)
    forget_prepared (db, sql);
  db->changes = 0;
  return rc;
}

const char *
pg_errmsg (PgConn *db)
{
  return db->errmsg != NULL ? db->errmsg : "";
}

gint64
pg_changes (PgConn *db)
{
  return db->changes;
}

gint64
pg_last_insert_rowid (PgConn *db)
{
  PGresult *result;
  gint64 value = 0;

  db->n_round_trips++;
  result = PQexec (db->conn, "SELECT lastval ()");
  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
    value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return value;
}

guint64
pg_conn_get_n_round_trips (PgConn *db)
{
  return db->n_round_trips;
}

guint
pg_conn_get_n_prepared (PgConn *db)
{
  return g_hash_table_size (db->prepared);
}

gboolean
pg_get_autocommit (PgConn *db)
{
  return PQtransactionStatus (db->conn) == PQTRANS_IDLE;
}

/* "?" takes the number after the highest one so far, "?N" is N; text in
 * quotes is left alone. */
static char *
translate (const char  *sql,
           int         *n_params,
           GArray      *used)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int highest = 0;
  char quote = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          g_string_append_c (out, *p);
          if (*p == quote)
            quote = 0;
          continue;
        }
      if (*p == '\'' || *p == '"')
        {
          quote = *p;
          g_string_append_c (out, *p);
          continue;
        }
      if (*p != '?')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (g_ascii_isdigit (p[1]))
        {
          char *end = NULL;
          int n = (int) strtol (p + 1, &end, 10);

          g_string_append_printf (out, "$%d", n);
          highest = MAX (highest, n);
          g_array_append_val (used, n);
          p = end - 1;
        }
      else
        {
          g_string_append_printf (out, "$%d", ++highest);
          g_array_append_val (used, highest);
        }
    }

  *n_params = highest;
  return g_string_free (out, FALSE);
}

char *
pg_translate_parameters (const char *sql,
                         int        *n_params)
{
  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (int));

  return translate (sql, n_params, used);
}

int
pg_prepare_v2 (PgConn      *db,
               const char  *sql,
               int          n_bytes,
               PgStmt     **out,
               const char **tail)
{
  PgStmt *stmt;
  g_autofree char *copy = n_bytes < 0 ? g_strdup (sql) : g_strndup (sql, n_bytes);

  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (int));

  stmt = g_new0 (PgStmt, 1);
  stmt->db = db;
  stmt->sql = translate (copy, &stmt->n_params, used);
  stmt->values = g_new0 (char *, MAX (stmt->n_params, 1));
  /* A number the SQL skips has no place to infer its type from. */
  stmt->types = g_new0 (Oid, MAX (stmt->n_params, 1));
  for (int i = 0; i < stmt->n_params; i++)
    stmt->types[i] = 25;    /* text */
  for (guint i = 0; i < used->len; i++)
    stmt->types[g_array_index (used, int, i) - 1] = 0;
  stmt->row = -1;
  *out = stmt;
  if (tail != NULL)
    *tail = NULL;
  return PG_OK;
}

int
pg_reset (PgStmt *stmt)
{
  g_clear_pointer (&stmt->result, PQclear);
  stmt->executed = FALSE;
  stmt->n_rows = 0;
  stmt->row = -1;
  return PG_OK;
}

int
pg_finalize (PgStmt *stmt)
{
  if (stmt == NULL)
    return PG_OK;

  pg_reset (stmt);
  for (int i = 0; i < stmt->n_params; i++)
    g_free (stmt->values[i]);
  g_free (stmt->values);
  g_free (stmt->types);
  g_free (stmt->sql);
  g_free (stmt);

  return PG_OK;
}

static int
set_value (PgStmt *stmt,
           int     idx,
           char   *value)
{
  /* As SQLite, a number the statement does not have is ignored: one
   * binding serves a list of statements that use some of them. */
  if (idx < 1 || idx > stmt->n_params)
    {
      g_free (value);
      return PG_OK;
    }
  g_free (stmt->values[idx - 1]);
  stmt->values[idx - 1] = value;
  return PG_OK;
}

int
pg_bind_int64 (PgStmt *stmt,
               int     idx,
               gint64  value)
{
  return set_value (stmt, idx, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

int
pg_bind_int (PgStmt *stmt,
             int     idx,
             int     value)
{
  return set_value (stmt, idx, g_strdup_printf ("%d", value));
}

int
pg_bind_double (PgStmt *stmt,
                int     idx,
                double  value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return set_value (stmt, idx, g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)));
}

int
pg_bind_null (PgStmt *stmt,
              int     idx)
{
  return set_value (stmt, idx, NULL);
}

int
pg_bind_text (PgStmt      *stmt,
              int          idx,
              const char  *text,
              int          n_bytes,
              void       (*destroy) (void *))
{
  gssize length = n_bytes < 0 ? (gssize) strlen (text != NULL ? text : "") : n_bytes;

  if (text == NULL)
    set_value (stmt, idx, NULL);
  else if (!g_utf8_validate_len (text, length, NULL))
    /* The database takes only UTF-8, and SQLite would compare the bytes:
     * text that is not UTF-8 matches nothing stored either way. */
    set_value (stmt, idx, g_utf8_make_valid (text, length));
  else
    set_value (stmt, idx, g_strndup (text, length));

  /* As SQLite does with a destructor: the text is no longer needed. */
  if (text != NULL && destroy != PG_STATIC && destroy != PG_TRANSIENT)
    destroy ((void *) text);

  return PG_OK;
}

static int
execute (PgStmt *stmt)
{
  PgConn *db = stmt->db;
  const char *name;
  ExecStatusType status;
  int rc;

  name = prepared_name (db, stmt->sql, stmt->n_params, stmt->types, FALSE, &rc);
  if (name == NULL)
    return rc;

  db->n_round_trips++;
  stmt->result = PQexecPrepared (db->conn, name, stmt->n_params,
                                 (const char * const *) stmt->values, NULL, NULL, 0);
  status = PQresultStatus (stmt->result);
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
    {
      stmt->n_rows = status == PGRES_TUPLES_OK ? PQntuples (stmt->result) : 0;
      db->changes = g_ascii_strtoll (PQcmdTuples (stmt->result), NULL, 10);
      rc = PG_OK;
    }
  else
    {
      rc = result_code (db, stmt->result);
      g_debug ("%s: %s", stmt->sql, pg_errmsg (db));
      g_clear_pointer (&stmt->result, PQclear);
    }
  deallocate_evicted (db);
  return rc;
}

int
pg_step (PgStmt *stmt)
{
  if (!stmt->executed)
    {
      int rc;

      stmt->executed = TRUE;
      rc = execute (stmt);
      if (rc != PG_OK)
        return rc;
    }

  if (stmt->result == NULL)
    return PG_DONE;
  if (stmt->row + 1 < stmt->n_rows)
    {
      stmt->row++;
      return PG_ROW;
    }
  return PG_DONE;
}

static const char *
value_at (PgStmt *stmt,
          int     col)
{
  if (stmt->result == NULL || stmt->row < 0 || stmt->row >= stmt->n_rows ||
      col < 0 || col >= PQnfields (stmt->result) ||
      PQgetisnull (stmt->result, stmt->row, col))
    return NULL;
  return PQgetvalue (stmt->result, stmt->row, col);
}

int
pg_column_type (PgStmt *stmt,
                int     col)
{
  return value_at (stmt, col) == NULL ? PG_NULL : PG_TEXT;
}

gint64
pg_column_int64 (PgStmt *stmt,
                 int     col)
{
  const char *value = value_at (stmt, col);

  if (value == NULL)
    return 0;
  /* Booleans come as "t" and "f". */
  if (value[0] == 't' && value[1] == '\0')
    return 1;
  if (value[0] == 'f' && value[1] == '\0')
    return 0;
  if (strchr (value, '.') != NULL)
    return (gint64) g_ascii_strtod (value, NULL);
  return g_ascii_strtoll (value, NULL, 10);
}

int
pg_column_int (PgStmt *stmt,
               int     col)
{
  return (int) pg_column_int64 (stmt, col);
}

/* Powers of ten a double holds exactly. */
static const double exact_powers[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

double
pg_parse_double (const char *text,
                 gsize       length)
{
  const char *p = text;
  const char *end = text + length;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  guint n_digits = 0;
  guint n_decimals = 0;
  double value;

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  /* [-]digits[.digits], at most 15 digits in all and at least one before
   * the point: the digits are an integer a double holds exactly, divided
   * by an exact power of ten, which IEEE arithmetic rounds once, to the
   * double nearest the decimal, as strtod () does. Anything else
   * (exponents, longer numbers, "NaN") goes to g_ascii_strtod (). */
  if (p < end && g_ascii_isdigit (*p))
    {
      for (; p < end && g_ascii_isdigit (*p) && n_digits <= 15; p++, n_digits++)
        mantissa = mantissa * 10 + (guint64) (*p - '0');
      if (p < end && *p == '.')
        for (p++; p < end && g_ascii_isdigit (*p) && n_digits <= 15; p++, n_digits++, n_decimals++)
          mantissa = mantissa * 10 + (guint64) (*p - '0');
      if (p == end && n_digits <= 15)
        {
          value = (double) mantissa / exact_powers[n_decimals];
          return negative ? -value : value;
        }
    }

  {
    char buffer[64];
    g_autofree char *copy = NULL;

    if (length < sizeof buffer)
      {
        memcpy (buffer, text, length);
        buffer[length] = '\0';
        return g_ascii_strtod (buffer, NULL);
      }
    copy = g_strndup (text, length);
    return g_ascii_strtod (copy, NULL);
  }
}

double
pg_column_double (PgStmt *stmt,
                  int     col)
{
  const char *value = value_at (stmt, col);

  return value != NULL ? pg_parse_double (value, strlen (value)) : 0.0;
}

const unsigned char *
pg_column_text (PgStmt *stmt,
                int     col)
{
  return (const unsigned char *) value_at (stmt, col);
}

PgConn *
pg_db_handle (PgStmt *stmt)
{
  return stmt->db;
}
