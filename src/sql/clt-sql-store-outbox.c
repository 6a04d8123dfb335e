/* clt-sql-store-outbox.c
 *
 * CltMailQueue: delivery of the outbox by clientele-server (--smtp).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-sql-store-private.h"

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
record_outcome (CltSqlStore  *self,
                CltSqlDb     *db,
                GTask        *task,
                const char   *public_id,
                CltEmailState state,
                const char   *reason,
                gint64        retry_at,
                GError      **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autofree char *customer_id = NULL;
  gboolean final = retry_at == 0;
  int secure_delete;
  gboolean ok;

  if (!sql_lookup_email_owner (self, db, public_id, &customer_id, error))
    return FALSE;

  /* The casts name the parameters' type, which PostgreSQL does not infer
   * from a comparison of two of them. */
  stmt = prepare (self, db,
                  "UPDATE email_outbox SET state = CAST (?1 AS bigint), attempts = attempts + 1,"
                  " sent_at = CASE WHEN CAST (?1 AS bigint) = CAST (?2 AS bigint)"
                  " THEN CAST (?3 AS bigint) ELSE sent_at END,"
                  " last_error = ?4,"
                  " next_attempt = ?5,"
                  " body = CASE WHEN ?6 THEN redacted_body ELSE body END"
                  " WHERE public_id = ?7",
                  error);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int (stmt, 1, state);
  clt_sql_bind_int (stmt, 2, CLT_EMAIL_STATE_SENT);
  clt_sql_bind_int64 (stmt, 3, now_usec ());
  bind_text (stmt, 4, reason != NULL ? reason : "");
  if (final)
    clt_sql_bind_null (stmt, 5);
  else
    clt_sql_bind_int64 (stmt, 5, retry_at);
  clt_sql_bind_int (stmt, 6, final);
  bind_text (stmt, 7, public_id);

  secure_delete = begin_secure_delete (self, db);
  ok = step_expect_done (self, db, stmt, error);
  restore_secure_delete (self, db, secure_delete);
  /* The pages that held the secret leave the WAL too, soon. */
  if (ok && final)
    request_wal_fold (self);

  return ok && record_change (self, db, task, CLT_CHANGE_OUTBOX, customer_id, error);
}

static gboolean
next_due_write (CltSqlStore  *self,
                CltSqlDb     *db,
                gpointer      user_data,
                GCancellable *cancellable,
                GTask        *task,
                GError      **error)
{
  OutcomeData *data = user_data;
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) expired = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CltSqlStmt) select = NULL;
  g_autoptr(CltSqlStmt) claim = NULL;
  gint64 now = now_usec ();
  int rc;

  select = prepare (self, db,
                    "SELECT " EMAIL_COLUMNS ", c.id FROM email_outbox e"
                    " LEFT JOIN customers c ON c.pk = e.customer_pk"
                    " WHERE e.next_attempt IS NOT NULL AND e.next_attempt <= ?"
                    " ORDER BY e.next_attempt, e.id LIMIT ?",
                    error);
  if (select == NULL)
    return FALSE;
  clt_sql_bind_int64 (select, 1, now);
  clt_sql_bind_int (select, 2, data->max_mails);

  while ((rc = clt_sql_step (select)) == CLT_SQL_ROW)
    {
      gint64 created = clt_sql_column_int64 (select, 6);
      const char *customer_id = clt_sql_column_type (select, 10) == CLT_SQL_NULL
                              ? NULL : column_text (select, 10);

      /* Its link expired (and sql_scrub_old_secrets () took it out): too late
       * to send it. */
      if (created < now - TOKEN_LIFETIME_USEC)
        g_ptr_array_add (expired, g_strdup (column_text (select, 0)));
      else
        g_ptr_array_add (due, sql_email_from_row (select, customer_id));
    }
  if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  for (guint i = 0; i < expired->len; i++)
    if (!record_outcome (self, db, task, g_ptr_array_index (expired, i), CLT_EMAIL_STATE_FAILED,
                         _("The email was not sent within 7 days of being written, and is too "
                           "old to send now."),
                         0, error))
      return FALSE;

  claim = prepare (self, db, "UPDATE email_outbox SET next_attempt = ? WHERE public_id = ?", error);
  if (claim == NULL)
    return FALSE;
  for (guint i = 0; i < due->len; i++)
    {
      CltEmail *email = g_ptr_array_index (due, i);

      clt_sql_reset (claim);
      clt_sql_bind_int64 (claim, 1, now + CLT_MAIL_QUEUE_CLAIM_SECONDS * G_USEC_PER_SEC);
      bind_text (claim, 2, clt_email_get_id (email));
      if (!step_expect_done (self, db, claim, error))
        return FALSE;
    }

  write_return_pointer (task, g_steal_pointer (&due), (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

static gboolean
outcome_write (CltSqlStore  *self,
               CltSqlDb     *db,
               gpointer      user_data,
               GCancellable *cancellable,
               GTask        *task,
               GError      **error)
{
  OutcomeData *data = user_data;
  gboolean ok;

  if (data->sent)
    ok = record_outcome (self, db, task, data->email_id, CLT_EMAIL_STATE_SENT, NULL, 0, error);
  else
    ok = record_outcome (self, db, task, data->email_id, CLT_EMAIL_STATE_FAILED, data->reason,
                         data->retry_at != NULL ? MAX (sql_date_time_to_usec (data->retry_at), 1) : 0,
                         error);
  if (!ok)
    return FALSE;

  write_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_sql_store_next_due (CltMailQueue       *queue,
                        guint               max_mails,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  OutcomeData *data = g_new0 (OutcomeData, 1);

  data->max_mails = max_mails;
  run_write (CLT_SQL_STORE (queue), clt_sql_store_next_due, next_due_write,
             data, (GDestroyNotify) outcome_data_free, CLT_PERMISSION_READ,
             cancellable, callback, user_data);
}

static void
clt_sql_store_mark_sent (CltMailQueue       *queue,
                         const char         *email_id,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  OutcomeData *data = g_new0 (OutcomeData, 1);

  data->email_id = g_strdup (email_id);
  data->sent = TRUE;
  run_write (CLT_SQL_STORE (queue), clt_sql_store_mark_sent, outcome_write,
             data, (GDestroyNotify) outcome_data_free, CLT_PERMISSION_READ,
             cancellable, callback, user_data);
}

static void
clt_sql_store_mark_failed (CltMailQueue       *queue,
                           const char         *email_id,
                           const char         *reason,
                           GDateTime          *retry_at,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  OutcomeData *data = g_new0 (OutcomeData, 1);

  data->email_id = g_strdup (email_id);
  data->reason = g_strdup (reason);
  data->retry_at = retry_at != NULL ? g_date_time_ref (retry_at) : NULL;
  run_write (CLT_SQL_STORE (queue), clt_sql_store_mark_failed, outcome_write,
             data, (GDestroyNotify) outcome_data_free, CLT_PERMISSION_READ,
             cancellable, callback, user_data);
}

void
clt_sql_store_mail_queue_iface_init (CltMailQueueInterface *iface)
{
  iface->next_due = clt_sql_store_next_due;
  iface->mark_sent = clt_sql_store_mark_sent;
  iface->mark_failed = clt_sql_store_mark_failed;
}
