/* clt-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-keyring"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clt-keyring.h"

#define URL_ATTRIBUTE "server-url"

const SecretSchema *
clt_keyring_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.clientele.Clientele.ServerToken",
    SECRET_SCHEMA_NONE,
    {
      { URL_ATTRIBUTE, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

char *
clt_keyring_normalize_url (const char *url)
{
  char *normalized;
  gsize length;

  g_return_val_if_fail (url != NULL, NULL);

  normalized = g_strstrip (g_strdup (url));
  length = strlen (normalized);
  while (length > 0 && normalized[length - 1] == '/')
    normalized[--length] = '\0';

  return normalized;
}

/* libsecret's own errors name D-Bus internals: say what failed. */
static void
return_keyring_error (GTask      *task,
                      const char *what,
                      GError     *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Translators: what failed with the keyring, then libsecret's reason. */
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: %s"), what,
                           error->message);
  g_error_free (error);
}

static void
on_stored_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_keyring_error (task, _("The token could not be saved in the keyring"), error);
  else
    g_task_return_boolean (task, TRUE);
}

void
clt_keyring_store_token_async (const char          *url,
                               const char          *token,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (url != NULL);
  g_return_if_fail (token != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, clt_keyring_store_token_async);

  key = clt_keyring_normalize_url (url);
  /* Translators: the label of the token in the keyring (Passwords and Keys); %s is a URL. */
  label = g_strdup_printf (_("Clientele token for %s"), key);

  secret_password_store (clt_keyring_get_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, on_stored_cb, g_steal_pointer (&task),
                         URL_ATTRIBUTE, key,
                         NULL);
}

gboolean
clt_keyring_store_token_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token;

  token = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    return_keyring_error (task, _("The token could not be read from the keyring"), error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

void
clt_keyring_lookup_token_async (const char          *url,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, clt_keyring_lookup_token_async);

  key = clt_keyring_normalize_url (url);
  secret_password_lookup (clt_keyring_get_schema (), cancellable, on_looked_up_cb,
                          g_steal_pointer (&task),
                          URL_ATTRIBUTE, key,
                          NULL);
}

char *
clt_keyring_lookup_token_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cleared_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    return_keyring_error (task, _("The token could not be removed from the keyring"), error);
  else
    g_task_return_boolean (task, TRUE);
}

void
clt_keyring_clear_token_async (const char          *url,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, clt_keyring_clear_token_async);

  key = clt_keyring_normalize_url (url);
  secret_password_clear (clt_keyring_get_schema (), cancellable, on_cleared_cb,
                         g_steal_pointer (&task),
                         URL_ATTRIBUTE, key,
                         NULL);
}

gboolean
clt_keyring_clear_token_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
