/* clt-pg-store-outbox.c
 *
 * CltMailQueue: delivery of the outbox by clientele-server (--smtp).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-pg-store"

#include "config.h"

#include "clt-pg-store-private.h"

typedef struct
{
  char      *email_id;
  char      *reason;
  GDateTime *retry_at;
  guint      max_mails;
  gboolean   sent;
} OutcomeData;

static void
outcome_data_free (OutcomeData *data)
{
  g_free (data->email_id);
  g_free (data->reason);
  g_clear_pointer (&data->retry_at, g_date_time_unref);
  g_free (data);
}

/* The outcome of an attempt. A final one (sent, or failed without a retry)
 * swaps the body for its redacted text, with the old pages zeroed. */
static gboolean
record_outcome (CltPgStore  *self,
                PgConn         *db,
                GTask           *task,
                const char      *public_id,
                CltEmailState    state,
                const char      *reason,
                gint64           retry_at,
                GError         **error)
{
  g_autoptr(PgStmt) stmt = NULL;
  g_autofree char *customer_id = NULL;
  gboolean final = retry_at == 0;
  gboolean ok;

  if (!pgs_lookup_email_owner (self, db, public_id, &customer_id, error))
    return FALSE;

  stmt = pgs_prepare (self, db,
                  "UPDATE email_outbox SET state = ?1::bigint, attempts = attempts + 1,"
                  " sent_at = CASE WHEN ?1::bigint = ?2::bigint THEN ?3::bigint ELSE sent_at END,"
                  " last_error = ?4,"
                  " next_attempt = ?5,"
                  " body = CASE WHEN ?6 THEN redacted_body ELSE body END"
                  " WHERE public_id = ?7",
                  error);
  if (stmt == NULL)
    return FALSE;

  pg_bind_int (stmt, 1, state);
  pg_bind_int (stmt, 2, CLT_EMAIL_STATE_SENT);
  pg_bind_int64 (stmt, 3, pgs_now_usec ());
  pgs_bind_text (stmt, 4, reason != NULL ? reason : "");
  if (final)
    pg_bind_null (stmt, 5);
  else
    pg_bind_int64 (stmt, 5, retry_at);
  pg_bind_int (stmt, 6, final);
  pgs_bind_text (stmt, 7, public_id);

  ok = pgs_step_expect_done (self, db, stmt, error);

  return ok && pgs_record_change (self, db, task, CLT_CHANGE_OUTBOX, customer_id, error);
}

static gboolean
next_due_write (CltPgStore *self,
                PgConn        *db,
                gpointer        user_data,
                GCancellable   *cancellable,
                GTask          *task,
                GError        **error)
{
  OutcomeData *data = user_data;
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) expired = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PgStmt) select = NULL;
  g_autoptr(PgStmt) claim = NULL;
  gint64 now = pgs_now_usec ();
  int rc;

  select = pgs_prepare (self, db,
                    "SELECT " EMAIL_COLUMNS ", c.id FROM email_outbox e"
                    " LEFT JOIN customers c ON c.pk = e.customer_pk"
                    " WHERE e.next_attempt IS NOT NULL AND e.next_attempt <= ?"
                    " ORDER BY e.next_attempt, e.id LIMIT ?",
                    error);
  if (select == NULL)
    return FALSE;
  pg_bind_int64 (select, 1, now);
  pg_bind_int (select, 2, data->max_mails);

  while ((rc = pg_step (select)) == PG_ROW)
    {
      gint64 created = pg_column_int64 (select, 6);
      const char *customer_id = pg_column_type (select, 10) == PG_NULL
                              ? NULL : pgs_column_text (select, 10);

      /* Its link expired (and pgs_scrub_old_secrets () took it out): too late
       * to send it. */
      if (created < now - TOKEN_LIFETIME_USEC)
        g_ptr_array_add (expired, g_strdup (pgs_column_text (select, 0)));
      else
        g_ptr_array_add (due, pgs_email_from_row (select, customer_id));
    }
  if (rc != PG_DONE)
    {
      pgs_set_db_error (self, error, db, rc);
      return FALSE;
    }

  for (guint i = 0; i < expired->len; i++)
    if (!record_outcome (self, db, task, g_ptr_array_index (expired, i), CLT_EMAIL_STATE_FAILED,
                         _("The email was not sent within 7 days of being written, and is too "
                           "old to send now."),
                         0, error))
      return FALSE;

  claim = pgs_prepare (self, db, "UPDATE email_outbox SET next_attempt = ? WHERE public_id = ?", error);
  if (claim == NULL)
    return FALSE;
  for (guint i = 0; i < due->len; i++)
    {
      CltEmail *email = g_ptr_array_index (due, i);

      pg_reset (claim);
      pg_bind_int64 (claim, 1, now + CLT_MAIL_QUEUE_CLAIM_SECONDS * G_USEC_PER_SEC);
      pgs_bind_text (claim, 2, clt_email_get_id (email));
      if (!pgs_step_expect_done (self, db, claim, error))
        return FALSE;
    }

  pgs_write_return_pointer (task, g_steal_pointer (&due), (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

static gboolean
outcome_write (CltPgStore *self,
               PgConn        *db,
               gpointer        user_data,
               GCancellable   *cancellable,
               GTask          *task,
               GError        **error)
{
  OutcomeData *data = user_data;
  gboolean ok;

  if (data->sent)
    ok = record_outcome (self, db, task, data->email_id, CLT_EMAIL_STATE_SENT, NULL, 0, error);
  else
    ok = record_outcome (self, db, task, data->email_id, CLT_EMAIL_STATE_FAILED, data->reason,
                         data->retry_at != NULL ? MAX (pgs_date_time_to_usec (data->retry_at), 1) : 0,
                         error);
  if (!ok)
    return FALSE;

  pgs_write_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_pg_store_next_due (CltMailQueue        *queue,
                           guint                max_mails,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  OutcomeData *data = g_new0 (OutcomeData, 1);

  data->max_mails = max_mails;
  pgs_run_write (CLT_PG_STORE (queue), clt_pg_store_next_due, next_due_write,
             data, (GDestroyNotify) outcome_data_free, CLT_PERMISSION_READ,
             cancellable, callback, user_data);
}

static void
clt_pg_store_mark_sent (CltMailQueue        *queue,
                            const char          *email_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  OutcomeData *data = g_new0 (OutcomeData, 1);

  data->email_id = g_strdup (email_id);
  data->sent = TRUE;
  pgs_run_write (CLT_PG_STORE (queue), clt_pg_store_mark_sent, outcome_write,
             data, (GDestroyNotify) outcome_data_free, CLT_PERMISSION_READ,
             cancellable, callback, user_data);
}

static void
clt_pg_store_mark_failed (CltMailQueue        *queue,
                              const char          *email_id,
                              const char          *reason,
                              GDateTime           *retry_at,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  OutcomeData *data = g_new0 (OutcomeData, 1);

  data->email_id = g_strdup (email_id);
  data->reason = g_strdup (reason);
  data->retry_at = retry_at != NULL ? g_date_time_ref (retry_at) : NULL;
  pgs_run_write (CLT_PG_STORE (queue), clt_pg_store_mark_failed, outcome_write,
             data, (GDestroyNotify) outcome_data_free, CLT_PERMISSION_READ,
             cancellable, callback, user_data);
}

void
clt_pg_store_mail_queue_iface_init (CltMailQueueInterface *iface)
{
  iface->next_due = clt_pg_store_next_due;
  iface->mark_sent = clt_pg_store_mark_sent;
  iface->mark_failed = clt_pg_store_mark_failed;
}
