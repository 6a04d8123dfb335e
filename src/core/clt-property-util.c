/* clt-property-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-property-util"

#include "config.h"

#include "clt-property-util.h"

const char * const clt_empty_strv[] = { NULL };

/* Unset strings are stored as NULL and read as "". */
gboolean
clt_set_string (char       **field,
                const char  *value)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Empty vectors are stored as NULL and read as clt_empty_strv. */
gboolean
clt_set_strv (char               ***field,
              const char * const   *value)
{
  if (value != NULL && value[0] == NULL)
    value = NULL;

  if (*field == NULL && value == NULL)
    return FALSE;
  if (*field != NULL && value != NULL && g_strv_equal ((const char * const *) *field, value))
    return FALSE;

  g_strfreev (*field);
  *field = g_strdupv ((char **) value);
  return TRUE;
}

/* Date-times are stored in UTC. */
gboolean
clt_set_date_time (GDateTime **field,
                   GDateTime  *value)
{
  if (*field == value)
    return FALSE;
  if (*field != NULL && value != NULL && g_date_time_equal (*field, value))
    return FALSE;

  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    {
      if (g_date_time_get_utc_offset (value) == 0)
        *field = g_date_time_ref (value);
      else
        *field = g_date_time_to_utc (value);
    }
  return TRUE;
}

/* Sinks a floating @value whether or not it is kept, as GLib setters do. */
gboolean
clt_set_variant (GVariant **field,
                 GVariant  *value)
{
  g_autoptr(GVariant) sunk = value != NULL ? g_variant_ref_sink (value) : NULL;

  if (*field == sunk)
    return FALSE;
  if (*field != NULL && sunk != NULL && g_variant_equal (*field, sunk))
    return FALSE;

  g_clear_pointer (field, g_variant_unref);
  *field = g_steal_pointer (&sunk);
  return TRUE;
}
