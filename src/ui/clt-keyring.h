/* clt-keyring.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* The tokens of clientele-server users live in the desktop keyring
 * (libsecret: the Secret Service, or the Secret portal inside Flatpak),
 * one per server URL; never in GSettings or a file. Errors say in words
 * what the keyring refused (G_IO_ERROR). */

/* The schema: "io.github.clientele.Clientele.ServerToken", one string
 * attribute "server-url" (the URL as clt_keyring_normalize_url () gives). */
const SecretSchema *clt_keyring_get_schema        (void);
/* @url without a trailing slash, the form tokens are stored under. */
char               *clt_keyring_normalize_url     (const char          *url);

void                clt_keyring_store_token_async  (const char          *url,
                                                    const char          *token,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean            clt_keyring_store_token_finish (GAsyncResult        *result,
                                                    GError             **error);
/* Returns the token (free with secret_password_free ()); NULL without an
 * error when none is stored for @url. */
void                clt_keyring_lookup_token_async (const char          *url,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
char               *clt_keyring_lookup_token_finish (GAsyncResult       *result,
                                                     GError            **error);
void                clt_keyring_clear_token_async  (const char          *url,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean            clt_keyring_clear_token_finish (GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
