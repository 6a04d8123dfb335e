/* clt-mailer-private.h
 *
 * The parts of CltMailer that its files and tests share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clt-mailer.h"

G_BEGIN_DECLS

/* The RFC 5322 message, CRLF line ends, body quoted-printable. @date and
 * @message_id_domain may be NULL (now; the sender's domain). */
GBytes *clt_mailer_build_message    (const char *sender,
                                     const char *sender_name,
                                     const char *recipient,
                                     const char *subject,
                                     const char *body,
                                     GDateTime  *date,
                                     GError    **error);
/* Reads the credentials file (user, password): refuses a file that others
 * may read or write, or that is not a regular file. */
gboolean clt_mailer_read_credentials (const char  *path,
                                      char       **user,
                                      char       **password,
                                      GError     **error);
/* An RFC 2047 header value: @text as it is when printable ASCII, else
 * UTF-8 base64 encoded-words folded with CRLF SP. */
char   *clt_mailer_encode_header    (const char *text,
                                     gsize       first_line_used);
/* The domain of an address ("" when it has none): what logs may name. */
const char *clt_mailer_address_domain (const char *address);

G_END_DECLS
