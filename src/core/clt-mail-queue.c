/* clt-mail-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-mail-queue"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "clt-error.h"
#include "clt-mail-queue.h"

G_DEFINE_INTERFACE (CltMailQueue, clt_mail_queue, G_TYPE_OBJECT)

static void
clt_mail_queue_default_init (CltMailQueueInterface *iface)
{
}

static void
report_not_supported (CltMailQueue        *self,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data,
                      gpointer             source_tag)
{
  g_task_report_new_error (self, callback, user_data, source_tag,
                           CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SUPPORTED,
                           _("This kind of customer data cannot send emails."));
}

void
clt_mail_queue_next_due_async (CltMailQueue        *self,
                               guint                max_mails,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CltMailQueueInterface *iface;

  g_return_if_fail (CLT_IS_MAIL_QUEUE (self));
  g_return_if_fail (max_mails >= 1 && max_mails <= 100);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_MAIL_QUEUE_GET_IFACE (self);
  if (iface->next_due == NULL)
    {
      report_not_supported (self, callback, user_data, clt_mail_queue_next_due_async);
      return;
    }

  iface->next_due (self, max_mails, cancellable, callback, user_data);
}

GPtrArray *
clt_mail_queue_next_due_finish (CltMailQueue  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (CLT_IS_MAIL_QUEUE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_mail_queue_mark_sent_async (CltMailQueue        *self,
                                const char          *email_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltMailQueueInterface *iface;

  g_return_if_fail (CLT_IS_MAIL_QUEUE (self));
  g_return_if_fail (email_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_MAIL_QUEUE_GET_IFACE (self);
  if (iface->mark_sent == NULL)
    {
      report_not_supported (self, callback, user_data, clt_mail_queue_mark_sent_async);
      return;
    }

  iface->mark_sent (self, email_id, cancellable, callback, user_data);
}

gboolean
clt_mail_queue_mark_sent_finish (CltMailQueue  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CLT_IS_MAIL_QUEUE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_mail_queue_mark_failed_async (CltMailQueue        *self,
                                  const char          *email_id,
                                  const char          *reason,
                                  GDateTime           *retry_at,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CltMailQueueInterface *iface;

  g_return_if_fail (CLT_IS_MAIL_QUEUE (self));
  g_return_if_fail (email_id != NULL);
  g_return_if_fail (reason != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_MAIL_QUEUE_GET_IFACE (self);
  if (iface->mark_failed == NULL)
    {
      report_not_supported (self, callback, user_data, clt_mail_queue_mark_failed_async);
      return;
    }

  iface->mark_failed (self, email_id, reason, retry_at, cancellable, callback, user_data);
}

gboolean
clt_mail_queue_mark_failed_finish (CltMailQueue  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (CLT_IS_MAIL_QUEUE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
