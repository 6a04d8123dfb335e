/* clt-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CLT_STORE_ERROR (clt_store_error_quark ())

/* Every store failure uses this domain, whichever back end reports it (a
 * local file, a server); messages are written to be shown to a user as
 * they are ("Someone else changed this customer. Reload to see the
 * change."). Refusals of a database file when opening it are the SQLite
 * store's own (CLT_SQLITE_ERROR). */
typedef enum
{
  CLT_STORE_ERROR_FAILED,            /* anything else (disk full, I/O, a server fault) */
  CLT_STORE_ERROR_NOT_FOUND,         /* the customer, address, … does not exist (any more) */
  CLT_STORE_ERROR_INVALID,           /* a field failed validation: clt_store_error_get_field () */
  CLT_STORE_ERROR_CONFLICT,          /* a unique value is taken (email, custom id, code): the field */
  CLT_STORE_ERROR_STALE,             /* someone else changed it since it was read (version) */
  CLT_STORE_ERROR_READ_ONLY,         /* the data can be read but not written (read-only file) */
  CLT_STORE_ERROR_PERMISSION_DENIED, /* the signed-in user's role may not do this */
  CLT_STORE_ERROR_NOT_SIGNED_IN,     /* no credentials, or they were refused or expired */
  CLT_STORE_ERROR_TOO_MANY_REQUESTS, /* slow down: clt_store_error_get_retry_after () */
  CLT_STORE_ERROR_TOO_LARGE,         /* the request or a list in it is above a limit */
  CLT_STORE_ERROR_UNAVAILABLE,       /* back end unreachable, busy, offline or timed out */
  CLT_STORE_ERROR_NOT_SUPPORTED,     /* this back end does not offer the operation */
} CltStoreError;

GQuark       clt_store_error_quark         (void);

/* CLT_STORE_ERROR is an extended error domain (G_DEFINE_EXTENDED_ERROR): an
 * INVALID or CONFLICT error can name the offending field (the property name
 * of the object, e.g. "email") so that a dialog shows the message next to
 * it, and TOO_MANY_REQUESTS carries how long to wait. Both survive
 * g_error_copy (). */
GError      *clt_store_error_new_invalid     (const char   *field,
                                              const char   *format,
                                              ...) G_GNUC_PRINTF (2, 3);
GError      *clt_store_error_new_conflict    (const char   *field,
                                              const char   *format,
                                              ...) G_GNUC_PRINTF (2, 3);
GError      *clt_store_error_new_retry_after (guint         seconds,
                                              const char   *format,
                                              ...) G_GNUC_PRINTF (2, 3);
const char  *clt_store_error_get_field       (const GError *error);
/* Seconds to wait before trying again; 0 when unknown or not TOO_MANY_REQUESTS. */
guint        clt_store_error_get_retry_after (const GError *error);

G_END_DECLS
