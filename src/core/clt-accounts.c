/* clt-accounts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-accounts"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "clt-accounts.h"
#include "clt-backoffice-user.h"
#include "clt-enum-types.h"
#include "clt-random.h"

#define TOKEN_BYTES       32
#define MAX_USERNAME_LEN  64

G_DEFINE_INTERFACE (CltAccounts, clt_accounts, G_TYPE_OBJECT)

static void
clt_accounts_default_init (CltAccountsInterface *iface)
{
}

static void
report_not_supported (CltAccounts         *self,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data,
                      gpointer             source_tag)
{
  g_task_report_new_error (self, callback, user_data, source_tag,
                           CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SUPPORTED,
                           _("This kind of customer data keeps no back-office users."));
}

void
clt_account_free (CltAccount *account)
{
  if (account == NULL)
    return;

  g_clear_object (&account->user);
  g_clear_pointer (&account->created, g_date_time_unref);
  g_free (account);
}

char *
clt_accounts_make_token (void)
{
  guint8 bytes[TOKEN_BYTES];
  g_autofree char *base64 = NULL;
  GString *token;

  clt_random_fill (bytes, sizeof bytes);
  base64 = g_base64_encode (bytes, sizeof bytes);
  memset (bytes, 0, sizeof bytes);

  /* base64url without padding: safe in a header, a shell and a URL. */
  token = g_string_new (CLT_ACCOUNTS_TOKEN_PREFIX);
  for (const char *p = base64; *p != '\0' && *p != '='; p++)
    g_string_append_c (token, *p == '+' ? '-' : *p == '/' ? '_' : *p);
  memset (base64, 0, strlen (base64));

  return g_string_free (token, FALSE);
}

char *
clt_accounts_hash_token (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

gboolean
clt_accounts_check_username (const char  *username,
                             GError     **error)
{
  gsize len = username != NULL ? strlen (username) : 0;

  if (len == 0 || len > MAX_USERNAME_LEN)
    {
      g_propagate_error (error,
                         clt_store_error_new_invalid ("username",
                                                      _("A user name has 1 to %d characters."),
                                                      MAX_USERNAME_LEN));
      return FALSE;
    }

  for (const char *p = username; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("._@-", *p) == NULL)
        {
          g_propagate_error (error,
                             clt_store_error_new_invalid ("username",
                                                          _("A user name has only letters, "
                                                            "digits and . _ @ -.")));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
clt_accounts_parse_role (const char *nick,
                         CltRole    *role)
{
  g_autoptr(GEnumClass) roles = g_type_class_ref (CLT_TYPE_ROLE);
  GEnumValue *value;

  if (nick == NULL)
    return FALSE;

  value = g_enum_get_value_by_nick (roles, nick);
  if (value == NULL)
    return FALSE;

  *role = value->value;
  return TRUE;
}

const char *
clt_accounts_role_nick (CltRole role)
{
  g_autoptr(GEnumClass) roles = g_type_class_ref (CLT_TYPE_ROLE);
  GEnumValue *value = g_enum_get_value (roles, role);

  /* Nicks are static strings of the registered enum type. */
  return value != NULL ? value->value_nick : "viewer";
}

void
clt_accounts_add_user_async (CltAccounts         *self,
                             CltBackofficeUser   *user,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CltAccountsInterface *iface;

  g_return_if_fail (CLT_IS_ACCOUNTS (self));
  g_return_if_fail (CLT_IS_BACKOFFICE_USER (user));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_ACCOUNTS_GET_IFACE (self);
  if (iface->add_user == NULL)
    {
      report_not_supported (self, callback, user_data, clt_accounts_add_user_async);
      return;
    }

  iface->add_user (self, user, cancellable, callback, user_data);
}

char *
clt_accounts_add_user_finish (CltAccounts   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CLT_IS_ACCOUNTS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_accounts_list_users_async (CltAccounts         *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CltAccountsInterface *iface;

  g_return_if_fail (CLT_IS_ACCOUNTS (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_ACCOUNTS_GET_IFACE (self);
  if (iface->list_users == NULL)
    {
      report_not_supported (self, callback, user_data, clt_accounts_list_users_async);
      return;
    }

  iface->list_users (self, cancellable, callback, user_data);
}

GPtrArray *
clt_accounts_list_users_finish (CltAccounts   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (CLT_IS_ACCOUNTS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_accounts_revoke_user_async (CltAccounts         *self,
                                const char          *username,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltAccountsInterface *iface;

  g_return_if_fail (CLT_IS_ACCOUNTS (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_ACCOUNTS_GET_IFACE (self);
  if (iface->revoke_user == NULL)
    {
      report_not_supported (self, callback, user_data, clt_accounts_revoke_user_async);
      return;
    }

  iface->revoke_user (self, username, cancellable, callback, user_data);
}

gboolean
clt_accounts_revoke_user_finish (CltAccounts   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CLT_IS_ACCOUNTS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_accounts_set_role_async (CltAccounts         *self,
                             const char          *username,
                             CltRole              role,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CltAccountsInterface *iface;

  g_return_if_fail (CLT_IS_ACCOUNTS (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_ACCOUNTS_GET_IFACE (self);
  if (iface->set_role == NULL)
    {
      report_not_supported (self, callback, user_data, clt_accounts_set_role_async);
      return;
    }

  iface->set_role (self, username, role, cancellable, callback, user_data);
}

gboolean
clt_accounts_set_role_finish (CltAccounts   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CLT_IS_ACCOUNTS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_accounts_authenticate_async (CltAccounts         *self,
                                 const char          *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CltAccountsInterface *iface;
  g_autofree char *hash = NULL;

  g_return_if_fail (CLT_IS_ACCOUNTS (self));
  g_return_if_fail (token != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_ACCOUNTS_GET_IFACE (self);
  if (iface->authenticate == NULL)
    {
      report_not_supported (self, callback, user_data, clt_accounts_authenticate_async);
      return;
    }

  hash = clt_accounts_hash_token (token);
  iface->authenticate (self, hash, cancellable, callback, user_data);
}

CltBackofficeUser *
clt_accounts_authenticate_finish (CltAccounts   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (CLT_IS_ACCOUNTS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
