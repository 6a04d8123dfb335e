/* smtp-sink.h — a small SMTP server on 127.0.0.1 (port 0) for the mailer
 * tests: it keeps what it is sent, or refuses it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  SMTP_SINK_ACCEPT,
  SMTP_SINK_REFUSE_RECIPIENT,     /* 550 to every RCPT TO */
} SmtpSinkMode;

typedef struct
{
  char *mail_from;                /* the MAIL FROM argument, "<a@b>" */
  char *rcpt_to;                  /* the RCPT TO argument */
  char *data;                     /* the message as sent, dots unstuffed */
  char *auth;                     /* "user\npassword" from AUTH PLAIN, or NULL */
} SmtpSinkMessage;

typedef struct _SmtpSink SmtpSink;

SmtpSink        *smtp_sink_new           (SmtpSinkMode  mode,
                                          gboolean      offer_auth);
void             smtp_sink_free          (SmtpSink     *sink);
guint16          smtp_sink_get_port      (SmtpSink     *sink);
char            *smtp_sink_dup_url       (SmtpSink     *sink);
/* The messages received so far (copies of the fields). */
guint            smtp_sink_count         (SmtpSink     *sink);
SmtpSinkMessage *smtp_sink_dup_message   (SmtpSink     *sink,
                                          guint         index);
void             smtp_sink_message_free  (SmtpSinkMessage *message);
/* How many RCPT TO commands it saw (accepted or not). */
guint            smtp_sink_count_rcpt    (SmtpSink     *sink);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmtpSinkMessage, smtp_sink_message_free)

G_END_DECLS
