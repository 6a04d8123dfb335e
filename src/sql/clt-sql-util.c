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
