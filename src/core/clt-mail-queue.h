/* clt-mail-queue.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_MAIL_QUEUE (clt_mail_queue_get_type ())

G_DECLARE_INTERFACE (CltMailQueue, clt_mail_queue, CLT, MAIL_QUEUE, GObject)

/* The outbox as a delivery agent (clientele-server's CltMailer) sees it:
 * the mails due for sending across all customers, and their outcome. A
 * store that keeps an outbox implements it next to CltStore; these are not
 * a user's operations, so no role is checked (the author recorded is the
 * store's own user).
 *
 * A mail is due when it was queued (or re-queued) and its next attempt
 * has come. next_due claims what it returns for CLT_MAIL_QUEUE_CLAIM_SECONDS:
 * a second call does not return the same mails again meanwhile, and a mail
 * whose sender stopped (crashed, shut down) before marking it becomes due
 * again once the claim ran out.
 *
 * Every outcome counts an attempt ("attempts" of CltEmail). Sent: the
 * password or link the mail carried leaves the outbox (the body becomes its
 * redacted text). Failed: the reason is kept for users to see
 * ("failure-reason"); with a retry time the mail stays due then (state
 * failed until it is sent), without one the failure is final and the
 * secret leaves the outbox too. Both emit "changed" (CLT_CHANGE_OUTBOX)
 * when the queue is a CltStore.
 *
 * Errors are CLT_STORE_ERROR: NOT_FOUND when the mail no longer exists
 * (erased with its customer), READ_ONLY, UNAVAILABLE… */

#define CLT_MAIL_QUEUE_CLAIM_SECONDS 600

struct _CltMailQueueInterface
{
  GTypeInterface parent_iface;

  /* Returns a GPtrArray of CltEmail (g_task_return_pointer). */
  void (*next_due)    (CltMailQueue *self, guint max_mails,
                       GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*mark_sent)   (CltMailQueue *self, const char *email_id,
                       GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  void (*mark_failed) (CltMailQueue *self, const char *email_id, const char *reason,
                       GDateTime *retry_at,
                       GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
};

/* Up to @max_mails (1 to 100) due mails, oldest due first, with their full
 * body (CltEmail, transfer full), claimed for CLT_MAIL_QUEUE_CLAIM_SECONDS.
 * An empty array when none is due. */
void       clt_mail_queue_next_due_async     (CltMailQueue         *self,
                                              guint                 max_mails,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray *clt_mail_queue_next_due_finish    (CltMailQueue         *self,
                                              GAsyncResult         *result,
                                              GError              **error);
/* The mail @email_id went out: state sent, secret scrubbed. */
void       clt_mail_queue_mark_sent_async    (CltMailQueue         *self,
                                              const char           *email_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean   clt_mail_queue_mark_sent_finish   (CltMailQueue         *self,
                                              GAsyncResult         *result,
                                              GError              **error);
/* The mail @email_id did not go out, for @reason (a sentence fit to show
 * a user). @retry_at: when to try again; NULL gives up (final, secret
 * scrubbed). */
void       clt_mail_queue_mark_failed_async  (CltMailQueue         *self,
                                              const char           *email_id,
                                              const char           *reason,
                                              GDateTime            *retry_at,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean   clt_mail_queue_mark_failed_finish (CltMailQueue         *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
