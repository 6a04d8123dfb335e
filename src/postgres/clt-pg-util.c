/* clt-pg-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-pg-store"

#include "config.h"

#include "clt-pg-store-private.h"

/* Errors {{{ */

void
pgs_set_db_error (CltPgStore  *self,
                  GError     **error,
                  PgConn      *db,
                  int          rc)
{
  const char *detail = db != NULL ? pg_errmsg (db) : "";
  const char *name = self->location;

  switch (rc & 0xff)
    {
    case PG_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
      break;

    case PG_READONLY:
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY,
                   _("The database “%s” is read-only."), name);
      break;

    case PG_BUSY:
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE,
                   _("The database “%s” is busy. Try again in a moment."), name);
      break;

    case PG_CANTOPEN:
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE,
                   _("The connection to the database “%s” was lost: %s"), name, detail);
      break;

    case PG_FULL:
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
                   _("The database server of “%s” is out of space or memory (%s)."), name, detail);
      break;

    case PG_CONSTRAINT:
      if (rc == PG_CONSTRAINT_UNIQUE)
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

gboolean
pgs_exec_sql (CltPgStore *self,
          PgConn        *db,
          const char     *sql,
          GError        **error)
{
  int rc = pg_exec (db, sql);

  if (rc != PG_OK)
    {
      pgs_set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

PgStmt *
pgs_prepare (CltPgStore *self,
         PgConn        *db,
         const char     *sql,
         GError        **error)
{
  PgStmt *stmt = NULL;
  int rc = pg_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != PG_OK)
    {
      pgs_set_db_error (self, error, db, rc);
      pg_finalize (stmt);
      return NULL;
    }

  return stmt;
}

/* }}} */

/* Values {{{ */

void
pgs_bind_text (PgStmt *stmt,
           int           idx,
           const char   *text)
{
  pg_bind_text (stmt, idx, text != NULL ? text : "", -1, PG_TRANSIENT);
}

void
pgs_bind_static_text (PgStmt *stmt,
                  int           idx,
                  const char   *text)
{
  /* Only for strings that outlive the next pg_step (). */
  pg_bind_text (stmt, idx, text != NULL ? text : "", -1, PG_STATIC);
}

/* A custom field value at @idx, its sort keys at @idx + 1 (sort_number:
 * numbers, booleans 0/1) and @idx + 2 (sort_text: folded text); see
 * schema_v2 in clt-pg-schema.c. */
void
pgs_bind_field_value (PgStmt   *stmt,
                      int       idx,
                      GVariant *value)
{
  g_autofree char *printed = NULL;
  const char *text;
  double number;

  if (clt_custom_field_value_to_double (value, &number))
    {
      pg_bind_double (stmt, idx, number);
      pg_bind_double (stmt, idx + 1, number);
      pg_bind_null (stmt, idx + 2);
      return;
    }
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    {
      pg_bind_int (stmt, idx, g_variant_get_boolean (value));
      pg_bind_int (stmt, idx + 1, g_variant_get_boolean (value));
      pg_bind_null (stmt, idx + 2);
      return;
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    text = g_variant_get_string (value, NULL);
  else
    text = printed = g_variant_print (value, FALSE);
  pgs_bind_text (stmt, idx, text);
  pg_bind_null (stmt, idx + 1);
  pg_bind_text (stmt, idx + 2, clt_fold_text (text), -1, g_free);
}

gint64
pgs_date_time_to_usec (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

GDateTime *
pgs_date_time_from_usec (gint64 usec)
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

void
pgs_bind_date_time (PgStmt *stmt,
                int           idx,
                GDateTime    *dt)
{
  if (dt == NULL)
    pg_bind_null (stmt, idx);
  else
    pg_bind_int64 (stmt, idx, pgs_date_time_to_usec (dt));
}

GDateTime *
pgs_column_date_time (PgStmt *stmt,
                  int           col)
{
  if (pg_column_type (stmt, col) == PG_NULL)
    return NULL;

  return pgs_date_time_from_usec (pg_column_int64 (stmt, col));
}

const char *
pgs_column_text (PgStmt *stmt,
             int           col)
{
  const char *text = (const char *) pg_column_text (stmt, col);

  return text != NULL ? text : "";
}

/* Lists (roles) are stored newline-separated. */
char **
pgs_split_lines (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return g_new0 (char *, 1);

  return g_strsplit (text, "\n", -1);
}

char *
pgs_join_lines (const char * const *strv)
{
  if (strv == NULL)
    return g_strdup ("");

  return g_strjoinv ("\n", (char **) strv);
}

/* Ids and tokens that nobody may guess (the anonymized email, new ids):
 * from the kernel's generator, never GRand. */
char *
pgs_make_random_id (guint n_chars)
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
