/* clt-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-error"

#include "config.h"

#include "clt-error.h"

typedef struct
{
  char  *field;
  guint  retry_after;
} CltStoreErrorPrivate;

static void
clt_store_error_private_init (CltStoreErrorPrivate *priv)
{
  priv->field = NULL;
  priv->retry_after = 0;
}

static void
clt_store_error_private_copy (const CltStoreErrorPrivate *src,
                              CltStoreErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
  dest->retry_after = src->retry_after;
}

static void
clt_store_error_private_clear (CltStoreErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (CltStoreError, clt_store_error)

static GError *
new_with_field (CltStoreError  code,
                const char    *field,
                const char    *format,
                va_list        args)
{
  GError *error = g_error_new_valist (CLT_STORE_ERROR, code, format, args);
  CltStoreErrorPrivate *priv = clt_store_error_get_private (error);

  priv->field = g_strdup (field);
  return error;
}

GError *
clt_store_error_new_invalid (const char *field,
                             const char *format,
                             ...)
{
  GError *error;
  va_list args;

  va_start (args, format);
  error = new_with_field (CLT_STORE_ERROR_INVALID, field, format, args);
  va_end (args);

  return error;
}

GError *
clt_store_error_new_conflict (const char *field,
                              const char *format,
                              ...)
{
  GError *error;
  va_list args;

  va_start (args, format);
  error = new_with_field (CLT_STORE_ERROR_CONFLICT, field, format, args);
  va_end (args);

  return error;
}

GError *
clt_store_error_new_retry_after (guint       seconds,
                                 const char *format,
                                 ...)
{
  GError *error;
  va_list args;

  va_start (args, format);
  error = new_with_field (CLT_STORE_ERROR_TOO_MANY_REQUESTS, NULL, format, args);
  va_end (args);
  clt_store_error_get_private (error)->retry_after = seconds;

  return error;
}

/**
 * clt_store_error_get_field:
 *
 * Returns: (nullable): the name of the field an INVALID or CONFLICT error
 *   is about
 */
const char *
clt_store_error_get_field (const GError *error)
{
  CltStoreErrorPrivate *priv;

  if (error == NULL || error->domain != CLT_STORE_ERROR)
    return NULL;

  priv = clt_store_error_get_private (error);
  return priv != NULL ? priv->field : NULL;
}

guint
clt_store_error_get_retry_after (const GError *error)
{
  CltStoreErrorPrivate *priv;

  if (error == NULL || error->domain != CLT_STORE_ERROR)
    return 0;

  priv = clt_store_error_get_private (error);
  return priv != NULL ? priv->retry_after : 0;
}
