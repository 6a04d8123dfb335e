/* clt-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CLT_STORE_ERROR (clt_store_error_quark ())

/* Every store failure uses this domain; messages are written to be shown to
 * a user as they are ("The file “x.db” is not a Clientele database."). */
typedef enum
{
  CLT_STORE_ERROR_FAILED,          /* anything else; the message says what */
  CLT_STORE_ERROR_NOT_FOUND,       /* the customer, address, … does not exist (any more) */
  CLT_STORE_ERROR_CONFLICT,        /* unique value taken: email, custom id, code */
  CLT_STORE_ERROR_INVALID,         /* a field failed validation; see clt_store_error_get_field () */
  CLT_STORE_ERROR_STALE,           /* someone else changed it since it was read (version) */
  CLT_STORE_ERROR_READ_ONLY,       /* the database or account may not be written */
  CLT_STORE_ERROR_UNAUTHORIZED,    /* credentials missing or wrong */
  CLT_STORE_ERROR_FORBIDDEN,       /* credentials fine, permission missing */
  CLT_STORE_ERROR_UNAVAILABLE,     /* back end unreachable, busy or timed out */
  CLT_STORE_ERROR_NOT_A_DATABASE,  /* the file is not SQLite / not Clientele's */
  CLT_STORE_ERROR_CORRUPT,         /* SQLite reports corruption */
  CLT_STORE_ERROR_TOO_NEW,         /* written by a newer schema version than we know */
} CltStoreError;

GQuark       clt_store_error_quark         (void);

/* CLT_STORE_ERROR is an extended error domain (G_DEFINE_EXTENDED_ERROR): an
 * INVALID error can name the offending field (the property name of the
 * object, e.g. "email") so that a dialog shows the message next to it. The
 * field survives g_error_copy (). */
GError      *clt_store_error_new_invalid   (const char   *field,
                                            const char   *format,
                                            ...) G_GNUC_PRINTF (2, 3);
const char  *clt_store_error_get_field     (const GError *error);

G_END_DECLS
