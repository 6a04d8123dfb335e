/* clt-mailer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-mail-queue.h"

G_BEGIN_DECLS

#define CLT_TYPE_MAILER (clt_mailer_get_type ())

G_DECLARE_FINAL_TYPE (CltMailer, clt_mailer, CLT, MAILER, GObject)

/* Sends the outbox (a CltMailQueue) through an SMTP server with libcurl:
 * clientele-server starts one with --smtp URL.
 *
 * - @url is smtp://HOST[:PORT] (STARTTLS is required unless HOST is a
 *   loopback address or "localhost") or smtps://HOST[:PORT] (TLS from the
 *   start); the server's certificate is verified. No user name or password
 *   in the URL: they come from a credentials file (first line the user,
 *   second the password) that only its owner may read.
 * - Every few seconds (and at once when the queue, being a CltStore, says
 *   the outbox changed) it takes the due mails and sends them one by one on
 *   a worker thread, never on the main loop. Each is marked sent, or failed
 *   with the reason in words; a failed mail is tried again after 1 min,
 *   5 min, 30 min and 2 h, then given up (its secret leaves the outbox).
 * - Messages are RFC 5322: Date, Message-ID, From (with the shop's name from
 *   the store's preferences, unless set), To, Subject (RFC 2047 when not
 *   ASCII), MIME 1.0, text/plain UTF-8, quoted-printable, CRLF.
 * - It logs (g_message) one line per outcome naming the mail's id and the
 *   recipient's domain only: never addresses, subjects, bodies or secrets.
 *
 * Signal "mail-done" (const char *email_id, CltEmailState state,
 * const char *reason, gboolean final): after an outcome was recorded;
 * state is SENT (reason NULL) or FAILED; final is FALSE while a retry is
 * planned. */

#define CLT_MAILER_ERROR (clt_mailer_error_quark ())

typedef enum
{
  CLT_MAILER_ERROR_INVALID_URL,
  CLT_MAILER_ERROR_CREDENTIALS,
  CLT_MAILER_ERROR_INVALID_SENDER,
} CltMailerError;

GQuark     clt_mailer_error_quark      (void);

/* @credentials_path may be NULL (a server that takes mail without
 * signing in); @sender is the From address. Fails with CLT_MAILER_ERROR
 * and a message fit for the command line. */
CltMailer *clt_mailer_new              (CltMailQueue  *queue,
                                        const char    *url,
                                        const char    *credentials_path,
                                        const char    *sender,
                                        GError       **error);
/* The display name in From; NULL (the default) takes the shop name from
 * the store's preferences when the queue is a CltStore. */
void       clt_mailer_set_sender_name  (CltMailer     *self,
                                        const char    *sender_name);
/* Starts polling the queue (every 5 s unless set otherwise). */
void       clt_mailer_start            (CltMailer     *self);
/* Stops at once: a send under way is aborted; its mail stays claimed and is
 * sent again CLT_MAIL_QUEUE_CLAIM_SECONDS later (by the next start). */
void       clt_mailer_stop             (CltMailer     *self);
/* Stops taking mails, lets the one under way finish and its outcome be
 * recorded (curl's timeouts bound it), then completes. */
void       clt_mailer_stop_async       (CltMailer           *self,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean   clt_mailer_stop_finish      (CltMailer           *self,
                                        GAsyncResult        *result,
                                        GError             **error);
gboolean   clt_mailer_get_running      (CltMailer     *self);
/* TRUE when mail only goes out encrypted (smtps, or STARTTLS required). */
gboolean   clt_mailer_get_require_tls  (CltMailer     *self);
/* Requires STARTTLS on a loopback server too (never relaxes it). */
void       clt_mailer_require_tls      (CltMailer     *self);

/* Tuning, for tests and the benchmark: seconds between polls (default 5),
 * and the waits before each retry (default 60, 300, 1800, 7200; the mail
 * is given up after n_delays + 1 attempts). */
void       clt_mailer_set_poll_interval (CltMailer    *self,
                                         guint         seconds);
void       clt_mailer_set_retry_delays  (CltMailer    *self,
                                         const guint  *seconds,
                                         guint         n_delays);

G_END_DECLS
