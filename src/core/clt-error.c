/* clt-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-error"

#include "config.h"

#include "clt-error.h"

typedef struct
{
  char *field;
} CltStoreErrorPrivate;

static void
clt_store_error_private_init (CltStoreErrorPrivate *priv)
{
  priv->field = NULL;
}

static void
clt_store_error_private_copy (const CltStoreErrorPrivate *src,
                              CltStoreErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
}

static void
clt_store_error_private_clear (CltStoreErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (CltStoreError, clt_store_error)

GError *
clt_store_error_new_invalid (const char *field,
                             const char *format,
                             ...)
{
  CltStoreErrorPrivate *priv;
  GError *error;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID, format, args);
  va_end (args);

  priv = clt_store_error_get_private (error);
  priv->field = g_strdup (field);

  return error;
}

/**
 * clt_store_error_get_field:
 *
 * Returns: (nullable): the name of the field an INVALID error is about
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
