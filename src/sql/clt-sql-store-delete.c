/* clt-sql-store-delete.c
 *
 * Deleting a customer: anonymizing at once or after an undo time, and
 * taking a pending deletion back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-sql-store-private.h"

/* Deleting is anonymizing: the row stays for the orders that refer to it,
 * everything personal goes (names, contact, custom id, dates of its
 * owner's doings, addresses, notes, tokens, groups, field values, the
 * outbox's copies). What the engine leaves of the old text is its own
 * matter: SQLite zeroes the freed space (secure_delete), leaves the
 * search index's old words for the upkeep's merge (an 'optimize' here
 * would hold the write lock for seconds at a million customers) and
 * checkpoints the WAL; PostgreSQL empties the row's search vector with
 * its keys, and (auto)vacuum reclaims the old row versions, as after any
 * UPDATE. */
gboolean
sql_anonymize_customer (CltSqlStore  *self,
                        CltSqlDb     *db,
                        GTask        *task,
                        gint64        pk,
                        GError      **error)
{
  const CltSqlDialect *dialect = SQL_CLASS (self)->dialect;
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autofree char *token = sql_make_random_id (24);
  g_autofree char *anonymous = g_strdup_printf ("deleted-%s@anonymized.invalid", token);
  g_autofree char *new_id = g_strdup_printf ("deleted-%s", token);
  g_autofree char *old_email = NULL;
  g_autofree char *old_id = NULL;
  gint64 now = now_usec ();
  gboolean ok = FALSE;
  int secure_delete;
  const char * const purge[] = {
    "DELETE FROM addresses WHERE customer_pk = ?1",
    "DELETE FROM notes WHERE customer_pk = ?1",
    "DELETE FROM customer_tokens WHERE customer_pk = ?1",
    "DELETE FROM customer_groups WHERE customer_pk = ?1",
    "DELETE FROM customer_field_values WHERE customer_pk = ?1",
    "DELETE FROM customer_marketing WHERE customer_pk = ?1",
    "DELETE FROM pending_deletions WHERE customer_pk = ?1",
    dialect->scrub_outbox,
    /* The custom id may be personal ("anna.mueller"): the logs that name
     * the customer follow it to its new, random one. */
    "UPDATE change_log SET object_id = ?5 WHERE object_id = ?4",
    /* The erasure itself: other readers of the log (another window, the
     * server's change feed) cannot be told the old id, and the new one
     * means nothing to them: "customers changed". */
    "UPDATE change_log SET kind = 0, object_id = ''"
    " WHERE seq = (SELECT max (seq) FROM change_log) AND object_id = ?5",
    "UPDATE request_ids SET object_id = ?5 WHERE object_id = ?4",
    /* The REST server's replay cache keeps response bodies: those that
     * mention the customer go (an empty email would match every one). */
    dialect->forget_replies_by_email,
    dialect->forget_replies_by_id,
  };

  {
    g_autoptr(CltSqlStmt) old = prepare (self, db, "SELECT email, id FROM customers WHERE pk = ?",
                                         error);

    if (old == NULL)
      return FALSE;
    clt_sql_bind_int64 (old, 1, pk);
    if (clt_sql_step (old) == CLT_SQL_ROW)
      {
        old_email = g_strdup (column_text (old, 0));
        old_id = g_strdup (column_text (old, 1));
      }
  }
  if (old_id == NULL)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                   _("The customer no longer exists."));
      return FALSE;
    }

  secure_delete = begin_secure_delete (self, db);

  stmt = prepare (self, db,
    "UPDATE customers SET email = ?1, salutation = '', title = '', first_name = '',"
    " middle_name = '', last_name = '', gender = 0, date_of_birth = '', phone = '',"
    " company = '', locale = '', restriction = '', active = 0, on_hold = 0, updated = ?2,"
    " registered = NULL, last_login = NULL, anonymized_at = ?2, default_billing_address = '',"
    " default_shipping_address = '', zip_code = '', city = '', country = '', company_id = NULL,"
    " business_unit = '', roles = '', password_hash = '', version = version + 1,"
    " email_key = '', first_name_key = '', last_name_key = '', company_key = '', zip_key = '',"
    " city_key = '', id = ?4, changed_by = ?5 WHERE pk = ?3",
    error);
  if (stmt == NULL)
    goto out;

  bind_text (stmt, 1, anonymous);
  clt_sql_bind_int64 (stmt, 2, now);
  clt_sql_bind_int64 (stmt, 3, pk);
  bind_text (stmt, 4, new_id);
  bind_text (stmt, 5, task_author (task));
  /* An anonymized customer leaves the search index for good (it is never
   * listed again, and the index counts matches by itself). Listeners here
   * learn of it by the id they know; the log keeps only the new id (the
   * purge below rewrites this entry too). */
  if (!search_index_remove (self, db, pk, error) ||
      !step_expect_done (self, db, stmt, error) ||
      !record_change (self, db, task, CLT_CHANGE_CUSTOMER, old_id, error))
    goto out;

  for (guint i = 0; i < G_N_ELEMENTS (purge); i++)
    {
      g_autoptr(CltSqlStmt) p = prepare (self, db, purge[i], error);

      if (p == NULL)
        goto out;
      /* ?1 the row, ?2 the new address, ?3 the old one, ?4 the old id,
       * ?5 the new one, where a statement has them. */
      clt_sql_bind_int64 (p, 1, pk);
      bind_text (p, 2, anonymous);
      bind_text (p, 3, old_email);
      bind_text (p, 4, old_id);
      bind_text (p, 5, new_id);
      if (!step_expect_done (self, db, p, error))
        goto out;
    }

  ok = TRUE;

out:
  restore_secure_delete (self, db, secure_delete);
  if (ok)
    {
      /* The scrubbed pages into the main file soon (off the write lock),
       * the index merge next, where the engine has them. */
      request_wal_fold (self);
      request_index_merge (self);
    }
  return ok;
}

typedef struct
{
  char   *customer_id;
  gint64  version;
  guint   undo_seconds;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_free (data->customer_id);
  g_free (data);
}

static gboolean
delete_customer_write (CltSqlStore   *self,
                       CltSqlDb      *db,
                       gpointer       user_data,
                       GCancellable  *cancellable,
                       GTask         *task,
                       GError       **error)
{
  DeleteData *data = user_data;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltSqlStmt) stmt = NULL;
  gint64 now = now_usec ();
  gint64 pk;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error) ||
      !read_customer_by_pk (self, db, pk, &customer, error) ||
      !check_version (clt_customer_get_version (customer), data->version, error))
    return FALSE;

  if (data->undo_seconds == 0)
    {
      if (!sql_anonymize_customer (self, db, task, pk, error))
        return FALSE;
      write_return_boolean (task, TRUE);
      return TRUE;
    }

  /* Recorded when the user confirms, so that a crash during the undo time
   * does not lose the deletion: whichever store finds it due finishes it. */
  stmt = prepare (self, db,
                  "INSERT INTO pending_deletions (customer_pk, requested_at, due_at, author)"
                  " VALUES (?1, ?2, ?3, ?4)"
                  " ON CONFLICT (customer_pk) DO UPDATE SET due_at = ?3",
                  error);
  if (stmt == NULL)
    return FALSE;
  clt_sql_bind_int64 (stmt, 1, pk);
  clt_sql_bind_int64 (stmt, 2, now);
  clt_sql_bind_int64 (stmt, 3, now + (gint64) data->undo_seconds * G_USEC_PER_SEC);
  bind_text (stmt, 4, task_author (task));
  if (!step_expect_done (self, db, stmt, error) ||
      !record_change (self, db, task, CLT_CHANGE_CUSTOMER, data->customer_id, error))
    return FALSE;

  write_return_boolean (task, TRUE);
  return TRUE;
}

void
clt_sql_store_delete_customer (CltStore            *store,
                               const char          *customer_id,
                               gint64               version,
                               guint                undo_seconds,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  DeleteData *data = g_new0 (DeleteData, 1);

  data->customer_id = g_strdup (customer_id);
  data->version = version;
  /* At most a day: an undo is for second thoughts, not for storage. */
  data->undo_seconds = MIN (undo_seconds, 24 * 3600);
  run_write (CLT_SQL_STORE (store), clt_sql_store_delete_customer, delete_customer_write,
             data, (GDestroyNotify) delete_data_free, CLT_PERMISSION_EDIT_CUSTOMERS,
             cancellable, callback, user_data);
}

static gboolean
undo_delete_customer_write (CltSqlStore   *self,
                            CltSqlDb      *db,
                            gpointer       user_data,
                            GCancellable  *cancellable,
                            GTask         *task,
                            GError       **error)
{
  IdData *data = user_data;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltSqlStmt) stmt = NULL;
  gint64 pk;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error))
    {
      /* Already erased: there is nothing to take back. */
      if (error != NULL && *error != NULL)
        g_prefix_error (error, "%s ", _("The deletion can no longer be undone."));
      return FALSE;
    }

  stmt = prepare (self, db, "DELETE FROM pending_deletions WHERE customer_pk = ?", error);
  if (stmt == NULL)
    return FALSE;
  clt_sql_bind_int64 (stmt, 1, pk);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;
  if (sql_changes (self, db) == 0)
    {
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                           _("The deletion can no longer be undone."));
      return FALSE;
    }

  if (!read_customer_by_pk (self, db, pk, &customer, error) ||
      !record_change (self, db, task, CLT_CHANGE_CUSTOMER, data->customer_id, error))
    return FALSE;

  write_return_pointer (task, g_steal_pointer (&customer), g_object_unref);
  return TRUE;
}

void
clt_sql_store_undo_delete_customer (CltStore            *store,
                                    const char          *customer_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  run_write (CLT_SQL_STORE (store), clt_sql_store_undo_delete_customer,
             undo_delete_customer_write, sql_id_data_new (customer_id), (GDestroyNotify) sql_id_data_free,
             CLT_PERMISSION_EDIT_CUSTOMERS, cancellable, callback, user_data);
}
