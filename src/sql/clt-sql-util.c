/* clt-sql-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-random.h"
#include "clt-sql-store-private.h"

/* Statements {{{ */

gboolean
sql_exec (CltSqlStore *self,
          CltSqlDb    *db,
          const char  *sql,
          GError     **error)
{
  int rc = SQL_CLASS (self)->engine->exec (db, sql);

  if (rc != CLT_SQL_OK)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

/* The engine's own statement, for a subclass's parts written against its
 * engine's API: NULL with @error on failure. */
gpointer
sql_prepare_native (CltSqlStore *self,
                    CltSqlDb    *db,
                    const char  *sql,
                    GError     **error)
{
  const CltSqlEngine *engine = SQL_CLASS (self)->engine;
  gpointer native = NULL;
  int rc = engine->prepare (db, sql, -1, &native, NULL);

  if (rc != CLT_SQL_OK)
    {
      set_db_error (self, error, db, rc);
      engine->finalize (native);
      return NULL;
    }

  return native;
}

CltSqlStmt *
sql_prepare (CltSqlStore *self,
             CltSqlDb    *db,
             const char  *sql,
             GError     **error)
{
  int rc;
  CltSqlStmt *stmt = clt_sql_prepare (SQL_CLASS (self)->engine, db, sql, &rc);

  if (stmt == NULL)
    set_db_error (self, error, db, rc);

  return stmt;
}

/* The failures both engines report alike, in words for the user: @name
 * the database as the user knows it, @detail the engine's message. A
 * subclass's set_db_error () words its engine's own (a damaged file, a
 * lost connection, a full disk) and hands the rest here. */
void
sql_set_common_db_error (GError     **error,
                         int          rc,
                         const char  *name,
                         const char  *detail)
{
  switch (rc & 0xff)
    {
    case CLT_SQL_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
      break;

    case CLT_SQL_READONLY:
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY,
                   _("The database “%s” is read-only."), name);
      break;

    case CLT_SQL_BUSY:
    case CLT_SQL_LOCKED:
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE,
                   _("The database “%s” is busy. Try again in a moment."), name);
      break;

    case CLT_SQL_CONSTRAINT:
      if (rc == CLT_SQL_CONSTRAINT_UNIQUE || rc == CLT_SQL_CONSTRAINT_PRIMARYKEY)
        g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT,
                     _("An entry with the same key already exists (%s)."), detail);
      else
        g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID,
                     _("The change was refused by the database (%s)."), detail);
      break;

    default:
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                   _("The database “%s” could not be used: %s"), name, detail);
      break;
    }
}

/* }}} */

/* Schemas {{{ */

/* Runs the steps of @steps past @from_version up to @to_version on @db, in
 * the caller's transaction, each followed by what @record_version makes of
 * its number (the engine's record of the version reached). */
gboolean
sql_migrate (const CltSqlEngine       *engine,
             CltSqlDb                 *db,
             const CltSqlMigrationStep *steps,
             guint                     n_steps,
             int                       from_version,
             int                       to_version,
             char                   *(*record_version) (int version),
             GError                  **error)
{
  for (guint i = 0; i < n_steps; i++)
    {
      g_autofree char *record = NULL;

      if (steps[i].version <= from_version || steps[i].version > to_version)
        continue;

      record = record_version (steps[i].version);
      if (engine->exec (db, steps[i].sql) != CLT_SQL_OK ||
          engine->exec (db, record) != CLT_SQL_OK)
        {
          g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                       _("The database could not be upgraded to version %d: %s"),
                       steps[i].version, engine->errmsg (db));
          return FALSE;
        }
    }

  return TRUE;
}

/* }}} */

/* Values {{{ */

gint64
sql_date_time_to_usec (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

GDateTime *
sql_date_time_from_usec (gint64 usec)
{
  gint64 secs = usec / G_USEC_PER_SEC;
  gint64 rest = usec % G_USEC_PER_SEC;
  g_autoptr(GDateTime) whole = NULL;

  if (rest < 0)
    {
      secs -= 1;
      rest += G_USEC_PER_SEC;
    }

  whole = g_date_time_new_from_unix_utc (secs);
  if (whole == NULL)
    return NULL;
  if (rest == 0)
    return g_steal_pointer (&whole);

  return g_date_time_add (whole, rest);
}

/* Lists (roles) are stored newline-separated. */
char **
sql_split_lines (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return g_new0 (char *, 1);

  return g_strsplit (text, "\n", -1);
}

char *
sql_join_lines (const char * const *strv)
{
  if (strv == NULL)
    return g_strdup ("");

  return g_strjoinv ("\n", (char **) strv);
}

/* Ids and tokens that nobody may guess (the anonymized email, new ids):
 * from the kernel's generator, never GRand. */
char *
sql_make_random_id (guint n_chars)
{
  static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
  g_autofree guint8 *bytes = g_malloc (n_chars);
  GString *str = g_string_sized_new (n_chars);

  clt_random_fill (bytes, n_chars);
  for (guint i = 0; i < n_chars; i++)
    g_string_append_c (str, alphabet[bytes[i] % 32]);

  return g_string_free (str, FALSE);
}

/* }}} */
