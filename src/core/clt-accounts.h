/* clt-accounts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-enums.h"
#include "clt-error.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_ACCOUNTS (clt_accounts_get_type ())

G_DECLARE_INTERFACE (CltAccounts, clt_accounts, CLT, ACCOUNTS, GObject)

/* The back-office users of a server and their bearer tokens, kept where
 * the server keeps its data (CltSqliteStore implements it). A token is
 * shown once, when it is made, and stored only as its SHA-256 hash.
 * Revoking a user disables them and deletes their tokens; adding them again
 * brings them back with a new token. Errors are CLT_STORE_ERROR: CONFLICT
 * for a user that exists, NOT_FOUND for one that does not, INVALID for a
 * bad name, NOT_SIGNED_IN for a token that is unknown or revoked. As for
 * CltStore, implementations complete through a GTask whose source object
 * is @self, and a NULL vfunc completes with NOT_SUPPORTED. */

/* A user as `clientele-server user list` shows them. */
typedef struct
{
  CltBackofficeUser *user;
  gboolean           revoked;
  GDateTime         *created;   /* nullable */
  guint              n_tokens;
} CltAccount;

#define CLT_ACCOUNTS_TOKEN_PREFIX "clt_"

struct _CltAccountsInterface
{
  GTypeInterface parent_iface;

  /* Returns the new token (g_task_return_pointer, g_free). */
  void (*add_user)     (CltAccounts *self, CltBackofficeUser *user,
                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  /* Returns a GPtrArray of CltAccount (clt_account_free), by username. */
  void (*list_users)   (CltAccounts *self,
                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*revoke_user)  (CltAccounts *self, const char *username,
                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*set_role)     (CltAccounts *self, const char *username, CltRole role,
                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  /* @token_hash is clt_accounts_hash_token (): the token itself never
   * reaches a store. Returns the CltBackofficeUser (g_object_unref). */
  void (*authenticate) (CltAccounts *self, const char *token_hash,
                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
};

void                clt_account_free               (CltAccount           *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CltAccount, clt_account_free)

/* A new token: "clt_" and 32 random bytes, base64url. */
char               *clt_accounts_make_token        (void);
/* Its SHA-256, hex: what is stored. */
char               *clt_accounts_hash_token        (const char           *token);
/* 1 to 64 letters, digits and . _ @ -: INVALID (field "username") otherwise. */
gboolean            clt_accounts_check_username    (const char           *username,
                                                    GError              **error);
/* A role by its nick ("admin", "staff", "support", "viewer"). */
gboolean            clt_accounts_parse_role        (const char           *nick,
                                                    CltRole              *role);
const char         *clt_accounts_role_nick         (CltRole               role);

/* Adds @user (its username, display name and role) and returns its first
 * token. */
void                clt_accounts_add_user_async    (CltAccounts          *self,
                                                    CltBackofficeUser    *user,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
char               *clt_accounts_add_user_finish   (CltAccounts          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void                clt_accounts_list_users_async  (CltAccounts          *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GPtrArray          *clt_accounts_list_users_finish (CltAccounts          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void                clt_accounts_revoke_user_async (CltAccounts          *self,
                                                    const char           *username,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean            clt_accounts_revoke_user_finish (CltAccounts         *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void                clt_accounts_set_role_async    (CltAccounts          *self,
                                                    const char           *username,
                                                    CltRole               role,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean            clt_accounts_set_role_finish   (CltAccounts          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
/* The user a bearer token belongs to. */
void                clt_accounts_authenticate_async (CltAccounts         *self,
                                                    const char           *token,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
CltBackofficeUser  *clt_accounts_authenticate_finish (CltAccounts        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
