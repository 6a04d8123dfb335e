/* clt-sql-store-session.c — who acts (role, permissions, author) and
 * creates by request id. The change log and the upkeep are in
 * clt-sql-store-changes.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-sql-store-private.h"

/* Request ids are remembered this long (a retried create comes soon). */
#define REQUEST_ID_LIFETIME_USEC (G_GINT64_CONSTANT (24) * 3600 * G_USEC_PER_SEC)

/* Who acts {{{ */

/* The desktop user owns a local database: their name is the author of
 * what they write. A user the caller acts as (a server's client) is known
 * by their username. */
char *
sql_current_author (CltBackofficeUser *actor)
{
  const char *real_name;

  if (actor != NULL)
    return g_strdup (clt_backoffice_user_get_username (actor));

  real_name = g_get_real_name ();

  if (real_name != NULL && real_name[0] != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);

  return g_strdup (g_get_user_name ());
}

gboolean
sql_read_local_role (CltSqlStore *self,
                     CltSqlDb    *db,
                     CltRole     *role,
                     GError     **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  int rc;

  *role = CLT_ROLE_ADMIN;

  stmt = prepare (self, db, "SELECT value FROM shop_preferences WHERE key = 'local-role'", error);
  if (stmt == NULL)
    return FALSE;

  rc = clt_sql_step (stmt);
  if (rc == CLT_SQL_ROW)
    {
      g_autoptr(GEnumClass) roles = g_type_class_ref (CLT_TYPE_ROLE);
      GEnumValue *value = g_enum_get_value_by_nick (roles, column_text (stmt, 0));

      if (value != NULL)
        *role = value->value;
      return TRUE;
    }
  if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

gboolean
sql_check_permission (CltSqlStore       *self,
                      CltSqlDb          *db,
                      CltBackofficeUser *actor,
                      CltPermission      permission,
                      GError           **error)
{
  CltRole role;

  if (permission == CLT_PERMISSION_READ)
    return TRUE;

  /* Someone acting through a server has the role the server gave them;
   * the local role is the desktop user's. */
  if (actor != NULL)
    role = clt_backoffice_user_get_role (actor);
  else if (!sql_read_local_role (self, db, &role, error))
    return FALSE;

  if (clt_role_may (role, permission))
    return TRUE;

  switch (permission)
    {
    case CLT_PERMISSION_MANAGE_SHOP:
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_PERMISSION_DENIED,
                           _("Only administrators may change the shop’s settings, sites, "
                             "groups, companies and fields, or import customers."));
      break;

    case CLT_PERMISSION_ASSISTED_BUYING:
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_PERMISSION_DENIED,
                           _("Only members of the support group may shop for a customer."));
      break;

    case CLT_PERMISSION_READ:
    case CLT_PERMISSION_EDIT_CUSTOMERS:
    default:
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_PERMISSION_DENIED,
                           _("Your role lets you look at customers but not change them."));
      break;
    }

  return FALSE;
}

/* }}} */

/* Request ids {{{ */

/* A create repeated with the same request id (a Save retried after a
 * timeout, say) finds what the first one made: TRUE with @object_id set
 * (NULL when the id is new). */
gboolean
sql_request_id_lookup (CltSqlStore  *self,
                       CltSqlDb     *db,
                       GTask        *task,
                       const char   *request_id,
                       CltChangeKind kind,
                       char        **object_id,
                       GError      **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  int rc;

  *object_id = NULL;
  if (request_id == NULL || request_id[0] == '\0')
    return TRUE;

  stmt = prepare (self, db,
                  "SELECT kind, object_id FROM request_ids WHERE author = ? AND request_id = ?",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, task_author (task));
  bind_text (stmt, 2, request_id);
  rc = clt_sql_step (stmt);
  if (rc == CLT_SQL_ROW)
    {
      if (clt_sql_column_int (stmt, 0) != (int) kind)
        {
          g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT,
                               _("This request was already used for something else."));
          return FALSE;
        }
      *object_id = g_strdup (column_text (stmt, 1));
      return TRUE;
    }
  if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

gboolean
sql_request_id_record (CltSqlStore  *self,
                       CltSqlDb     *db,
                       GTask        *task,
                       const char   *request_id,
                       CltChangeKind kind,
                       const char   *object_id,
                       GError      **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autoptr(CltSqlStmt) expire = NULL;
  gint64 now = now_usec ();

  if (request_id == NULL || request_id[0] == '\0')
    return TRUE;

  expire = prepare (self, db, "DELETE FROM request_ids WHERE created < ?", error);
  if (expire == NULL)
    return FALSE;
  clt_sql_bind_int64 (expire, 1, now - REQUEST_ID_LIFETIME_USEC);
  if (!step_expect_done (self, db, expire, error))
    return FALSE;

  stmt = prepare (self, db,
                  "INSERT INTO request_ids (author, request_id, kind, object_id, created)"
                  " VALUES (?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, task_author (task));
  bind_text (stmt, 2, request_id);
  clt_sql_bind_int (stmt, 3, kind);
  bind_text (stmt, 4, object_id);
  clt_sql_bind_int64 (stmt, 5, now);
  return step_expect_done (self, db, stmt, error);
}

/* }}} */
