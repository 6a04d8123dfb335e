/* clt-error-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-error-message"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-error.h"
#include "clt-error-message.h"

static char *
dup_reason (const GError *error)
{
  /* How long to wait, when the back end said so, is worth more than its
   * own words. */
  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_MANY_REQUESTS) &&
      clt_store_error_get_retry_after (error) > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Too many requests: try again in %u second.",
                                         "Too many requests: try again in %u seconds.",
                                         clt_store_error_get_retry_after (error)),
                            clt_store_error_get_retry_after (error));

  if (error->message != NULL && error->message[0] != '\0')
    return g_strdup (error->message);

  if (error->domain != CLT_STORE_ERROR)
    return g_strdup (_("Unknown error"));

  switch ((CltStoreError) error->code)
    {
    case CLT_STORE_ERROR_NOT_FOUND:
      return g_strdup (_("It no longer exists."));
    case CLT_STORE_ERROR_INVALID:
      return g_strdup (_("A value is not valid."));
    case CLT_STORE_ERROR_CONFLICT:
      return g_strdup (_("A value is already taken."));
    case CLT_STORE_ERROR_STALE:
      return g_strdup (_("Someone else changed it meanwhile."));
    case CLT_STORE_ERROR_READ_ONLY:
      return g_strdup (_("The customer data is read-only."));
    case CLT_STORE_ERROR_PERMISSION_DENIED:
      return g_strdup (_("Your role does not allow this."));
    case CLT_STORE_ERROR_NOT_SIGNED_IN:
      return g_strdup (_("You are not signed in, or your session has expired."));
    case CLT_STORE_ERROR_TOO_MANY_REQUESTS:
      return g_strdup (_("Too many requests: try again in a moment."));
    case CLT_STORE_ERROR_TOO_LARGE:
      return g_strdup (_("It is too large."));
    case CLT_STORE_ERROR_UNAVAILABLE:
      return g_strdup (_("The customer data can’t be reached right now."));
    case CLT_STORE_ERROR_NOT_SUPPORTED:
      return g_strdup (_("This is not supported here."));
    case CLT_STORE_ERROR_FAILED:
    default:
      return g_strdup (_("Unknown error"));
    }
}

char *
clt_error_dup_message (const char   *what,
                       const GError *error)
{
  g_autofree char *reason = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  reason = dup_reason (error);
  if (what == NULL)
    return g_steal_pointer (&reason);

  /* Translators: what failed, then why: "Couldn't save the note: Your role …" */
  return g_strdup_printf (_("%s: %s"), what, reason);
}
