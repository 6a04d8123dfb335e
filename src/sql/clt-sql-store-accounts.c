/* clt-sql-store-accounts.c — CltAccounts: the back-office users of a
 * server (table backoffice_users, the role's nick in "roles") and their
 * bearer tokens (api_tokens, by SHA-256 hash).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-accounts.h"
#include "clt-sql-store-private.h"

typedef struct
{
  char    *username;
  char    *display_name;
  CltRole  role;
  char    *token;
  char    *token_hash;
} AccountData;

static void
account_data_free (AccountData *data)
{
  g_free (data->username);
  g_free (data->display_name);
  if (data->token != NULL)
    memset (data->token, 0, strlen (data->token));
  g_free (data->token);
  g_free (data->token_hash);
  g_free (data);
}

static gboolean
read_role (const char *roles,
           CltRole    *role)
{
  g_auto(GStrv) lines = g_strsplit (roles != NULL ? roles : "", "\n", 2);

  /* An unknown role reads as the least one. */
  *role = CLT_ROLE_VIEWER;
  return lines[0] != NULL && clt_accounts_parse_role (lines[0], role);
}

static void
set_no_such_user (GError    **error,
                  const char *username)
{
  g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
               _("There is no back-office user “%s”."), username);
}

static gboolean
add_user_write (CltSqlStore  *self,
                CltSqlDb     *db,
                gpointer      user_data,
                GCancellable *cancellable,
                GTask        *task,
                GError      **error)
{
  AccountData *data = user_data;
  g_autoptr(CltSqlStmt) find = NULL;
  g_autoptr(CltSqlStmt) user = NULL;
  g_autoptr(CltSqlStmt) token = NULL;
  gint64 now = now_usec ();
  int rc;

  find = prepare (self, db, "SELECT disabled FROM backoffice_users WHERE username = ?", error);
  if (find == NULL)
    return FALSE;
  bind_text (find, 1, data->username);
  rc = clt_sql_step (find);
  if (rc == CLT_SQL_ROW && clt_sql_column_int (find, 0) == 0)
    {
      g_propagate_error (error,
                         clt_store_error_new_conflict ("username",
                                                       _("There is a user “%s” already."),
                                                       data->username));
      return FALSE;
    }
  if (rc != CLT_SQL_ROW && rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  /* A revoked user comes back with the new role and a new token. */
  user = prepare (self, db,
                  "INSERT INTO backoffice_users (username, display_name, roles, disabled, created)"
                  " VALUES (?1, ?2, ?3, 0, ?4)"
                  " ON CONFLICT (username) DO UPDATE SET display_name = ?2, roles = ?3,"
                  "   disabled = 0",
                  error);
  if (user == NULL)
    return FALSE;
  bind_text (user, 1, data->username);
  bind_text (user, 2, data->display_name);
  bind_static_text (user, 3, clt_accounts_role_nick (data->role));
  clt_sql_bind_int64 (user, 4, now);
  if (!step_expect_done (self, db, user, error))
    return FALSE;

  token = prepare (self, db,
                   "INSERT INTO api_tokens (token_hash, username, label, created)"
                   " VALUES (?, ?, 'clientele-server user add', ?)",
                   error);
  if (token == NULL)
    return FALSE;
  bind_text (token, 1, data->token_hash);
  bind_text (token, 2, data->username);
  clt_sql_bind_int64 (token, 3, now);
  if (!step_expect_done (self, db, token, error))
    return FALSE;

  write_return_pointer (task, g_steal_pointer (&data->token), g_free);
  return TRUE;
}

static void
clt_sql_store_add_user (CltAccounts        *accounts,
                        CltBackofficeUser  *user,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  const char *username = clt_backoffice_user_get_username (user);
  const char *display_name = clt_backoffice_user_get_display_name (user);
  GError *error = NULL;
  AccountData *data;

  if (!clt_accounts_check_username (username, &error))
    {
      g_task_report_error (accounts, callback, user_data, clt_sql_store_add_user, error);
      return;
    }

  data = g_new0 (AccountData, 1);
  data->username = g_strdup (username);
  data->display_name = g_strdup (display_name != NULL && display_name[0] != '\0' ? display_name
                                                                                : username);
  data->role = clt_backoffice_user_get_role (user);
  data->token = clt_accounts_make_token ();
  data->token_hash = clt_accounts_hash_token (data->token);
  run_write (CLT_SQL_STORE (accounts), clt_sql_store_add_user, add_user_write, data,
             (GDestroyNotify) account_data_free, CLT_PERMISSION_READ,
             cancellable, callback, user_data);
}

static gboolean
list_users_read (CltSqlStore  *self,
                 CltSqlReader *reader,
                 gpointer      user_data,
                 GCancellable *cancellable,
                 GTask        *task,
                 GError      **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) clt_account_free);
  int rc;

  stmt = prepare (self, reader->db,
                  "SELECT u.username, u.display_name, u.roles, u.disabled, u.created,"
                  "  (SELECT count (*) FROM api_tokens t WHERE t.username = u.username)"
                  " FROM backoffice_users u ORDER BY u.username",
                  error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = clt_sql_step (stmt)) == CLT_SQL_ROW)
    {
      CltAccount *account = g_new0 (CltAccount, 1);
      CltRole role;

      read_role (column_text (stmt, 2), &role);
      account->user = clt_backoffice_user_new ();
      clt_backoffice_user_set_username (account->user, column_text (stmt, 0));
      clt_backoffice_user_set_display_name (account->user, column_text (stmt, 1));
      clt_backoffice_user_set_role (account->user, role);
      account->revoked = clt_sql_column_int (stmt, 3) != 0;
      if (clt_sql_column_type (stmt, 4) != CLT_SQL_NULL)
        account->created = column_date_time (stmt, 4);
      account->n_tokens = clt_sql_column_int (stmt, 5);
      g_ptr_array_add (accounts, account);
    }
  if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, reader->db, rc);
      return FALSE;
    }

  g_task_return_pointer (task, g_steal_pointer (&accounts), (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

static void
clt_sql_store_list_users (CltAccounts        *accounts,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  run_read (CLT_SQL_STORE (accounts), clt_sql_store_list_users, list_users_read,
            NULL, NULL, cancellable, callback, user_data);
}

static gboolean
revoke_user_write (CltSqlStore  *self,
                   CltSqlDb     *db,
                   gpointer      user_data,
                   GCancellable *cancellable,
                   GTask        *task,
                   GError      **error)
{
  AccountData *data = user_data;
  g_autoptr(CltSqlStmt) user = NULL;
  g_autoptr(CltSqlStmt) tokens = NULL;

  user = prepare (self, db, "UPDATE backoffice_users SET disabled = 1 WHERE username = ?", error);
  if (user == NULL)
    return FALSE;
  bind_text (user, 1, data->username);
  if (!step_expect_done (self, db, user, error))
    return FALSE;
  if (sql_changes (self, db) == 0)
    {
      set_no_such_user (error, data->username);
      return FALSE;
    }

  tokens = prepare (self, db, "DELETE FROM api_tokens WHERE username = ?", error);
  if (tokens == NULL)
    return FALSE;
  bind_text (tokens, 1, data->username);
  return step_expect_done (self, db, tokens, error);
}

static void
clt_sql_store_revoke_user (CltAccounts        *accounts,
                           const char         *username,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  AccountData *data = g_new0 (AccountData, 1);

  data->username = g_strdup (username);
  run_write (CLT_SQL_STORE (accounts), clt_sql_store_revoke_user, revoke_user_write, data,
             (GDestroyNotify) account_data_free, CLT_PERMISSION_READ,
             cancellable, callback, user_data);
}

static gboolean
set_role_write (CltSqlStore  *self,
                CltSqlDb     *db,
                gpointer      user_data,
                GCancellable *cancellable,
                GTask        *task,
                GError      **error)
{
  AccountData *data = user_data;
  g_autoptr(CltSqlStmt) stmt = NULL;

  stmt = prepare (self, db, "UPDATE backoffice_users SET roles = ? WHERE username = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_static_text (stmt, 1, clt_accounts_role_nick (data->role));
  bind_text (stmt, 2, data->username);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;
  if (sql_changes (self, db) == 0)
    {
      set_no_such_user (error, data->username);
      return FALSE;
    }

  return TRUE;
}

static void
clt_sql_store_set_role (CltAccounts        *accounts,
                        const char         *username,
                        CltRole             role,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  AccountData *data = g_new0 (AccountData, 1);

  data->username = g_strdup (username);
  data->role = role;
  run_write (CLT_SQL_STORE (accounts), clt_sql_store_set_role, set_role_write, data,
             (GDestroyNotify) account_data_free, CLT_PERMISSION_READ,
             cancellable, callback, user_data);
}

static gboolean
authenticate_read (CltSqlStore  *self,
                   CltSqlReader *reader,
                   gpointer      user_data,
                   GCancellable *cancellable,
                   GTask        *task,
                   GError      **error)
{
  AccountData *data = user_data;
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autoptr(CltBackofficeUser) user = NULL;
  CltRole role;
  int rc;

  stmt = prepare (self, reader->db,
                  "SELECT u.username, u.display_name, u.roles"
                  " FROM api_tokens t JOIN backoffice_users u ON u.username = t.username"
                  " WHERE t.token_hash = ? AND u.disabled = 0"
                  "   AND (t.expires IS NULL OR t.expires > ?)",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, data->token_hash);
  clt_sql_bind_int64 (stmt, 2, now_usec ());
  rc = clt_sql_step (stmt);
  if (rc == CLT_SQL_DONE)
    {
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SIGNED_IN,
                           _("The access token is unknown or was revoked."));
      return FALSE;
    }
  if (rc != CLT_SQL_ROW)
    {
      set_db_error (self, error, reader->db, rc);
      return FALSE;
    }

  read_role (column_text (stmt, 2), &role);
  user = clt_backoffice_user_new ();
  clt_backoffice_user_set_username (user, column_text (stmt, 0));
  clt_backoffice_user_set_display_name (user, column_text (stmt, 1));
  clt_backoffice_user_set_role (user, role);

  g_task_return_pointer (task, g_steal_pointer (&user), g_object_unref);
  return TRUE;
}

static void
clt_sql_store_authenticate (CltAccounts        *accounts,
                            const char         *token_hash,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  AccountData *data = g_new0 (AccountData, 1);

  data->token_hash = g_strdup (token_hash);
  run_read (CLT_SQL_STORE (accounts), clt_sql_store_authenticate, authenticate_read, data,
            (GDestroyNotify) account_data_free, cancellable, callback, user_data);
}

void
clt_sql_store_accounts_iface_init (CltAccountsInterface *iface)
{
  iface->add_user = clt_sql_store_add_user;
  iface->list_users = clt_sql_store_list_users;
  iface->revoke_user = clt_sql_store_revoke_user;
  iface->set_role = clt_sql_store_set_role;
  iface->authenticate = clt_sql_store_authenticate;
}
