/* clt-sql-store-assisted.c — Assisted Buying: one-time tokens for the
 * storefront and each customer's log of who shopped as them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-sql-store-private.h"

/* 256 random bits as 64 hex digits; anything longer is no token of ours. */
#define TOKEN_BYTES      32
#define MAX_TOKEN_LENGTH 200

/* The columns read_session_row () reads, from assisted_buying_sessions
 * "s" joined with customers "c" and (left) sites "si". */
#define SESSION_COLUMNS \
  "c.id, c.number, s.site, coalesce (si.name, ''), s.author, s.author_name, s.started," \
  " s.expires, s.redeemed"
#define SESSION_TABLES \
  " FROM assisted_buying_sessions s JOIN customers c ON c.pk = s.customer_pk" \
  " LEFT JOIN sites si ON si.code = s.site"

typedef struct
{
  char *customer_id;
  char *site_code;
  char *token;
} AssistedData;

static void
assisted_data_free (AssistedData *data)
{
  g_free (data->customer_id);
  g_free (data->site_code);
  g_free (data->token);
  g_free (data);
}

static gpointer
read_session_row (CltSqlStmt   *stmt,
                  gconstpointer row_data)
{
  CltAssistedSession *session = clt_assisted_session_new ();
  g_autoptr(GDateTime) started = column_date_time (stmt, 6);
  g_autoptr(GDateTime) expires = column_date_time (stmt, 7);
  g_autoptr(GDateTime) redeemed = column_date_time (stmt, 8);

  clt_assisted_session_set_customer_id (session, column_text (stmt, 0));
  clt_assisted_session_set_customer_number (session, column_text (stmt, 1));
  clt_assisted_session_set_site (session, column_text (stmt, 2));
  clt_assisted_session_set_site_name (session, column_text (stmt, 3));
  clt_assisted_session_set_author (session, column_text (stmt, 4));
  clt_assisted_session_set_author_name (session, column_text (stmt, 5));
  clt_assisted_session_set_started (session, started);
  clt_assisted_session_set_expires (session, expires);
  clt_assisted_session_set_redeemed (session, redeemed);

  return session;
}

/* The site @code, which must offer Assisted Buying. */
static CltSite *
lookup_assisted_site (CltSqlStore *self,
                      CltSqlDb    *db,
                      const char  *code,
                      GError     **error)
{
  g_autoptr(CltSite) site = NULL;

  if (!sql_lookup_site (self, db, code, &site, error))
    return NULL;

  if (site == NULL)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                   _("There is no site “%s”."), code);
      return NULL;
    }

  if (!clt_store_check_assisted_buying_site (site, error))
    return NULL;

  return g_steal_pointer (&site);
}

static gboolean
start_write (CltSqlStore  *self,
             CltSqlDb     *db,
             gpointer      user_data,
             GCancellable *cancellable,
             GTask        *task,
             GError      **error)
{
  AssistedData *data = user_data;
  CltBackofficeUser *actor = task_actor (task);
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltSite) site = NULL;
  g_autoptr(CltSqlStmt) insert = NULL;
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *author_name = NULL;
  gint64 now = now_usec ();
  gint64 pk;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error) ||
      !read_customer_by_pk (self, db, pk, &customer, error))
    return FALSE;

  site = lookup_assisted_site (self, db, data->site_code, error);
  if (site == NULL)
    return FALSE;

  if (actor != NULL && clt_backoffice_user_get_display_name (actor)[0] != '\0')
    author_name = g_strdup (clt_backoffice_user_get_display_name (actor));
  else
    author_name = sql_current_author (actor);

  token = clt_random_token_hex (TOKEN_BYTES);
  hash = clt_accounts_hash_token (token);

  insert = prepare (self, db,
                    "INSERT INTO assisted_buying_sessions"
                    " (token_hash, customer_pk, site, author, author_name, started, expires)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    error);
  if (insert == NULL)
    return FALSE;

  bind_text (insert, 1, hash);
  clt_sql_bind_int64 (insert, 2, pk);
  bind_text (insert, 3, clt_site_get_code (site));
  bind_text (insert, 4, task_author (task));
  bind_text (insert, 5, author_name);
  clt_sql_bind_int64 (insert, 6, now);
  clt_sql_bind_int64 (insert, 7, now + clt_store_get_assisted_buying_lifetime ());
  if (!step_expect_done (self, db, insert, error) ||
      !record_change (self, db, task, CLT_CHANGE_CUSTOMER, data->customer_id, error))
    return FALSE;

  write_return_pointer (task,
                        clt_site_expand_assisted_buying_url (site, token,
                                                             clt_customer_get_number (customer),
                                                             clt_customer_get_id (customer)),
                        g_free);
  return TRUE;
}

static void
clt_sql_store_start_assisted_buying (CltStore           *store,
                                     const char         *customer_id,
                                     const char         *site_code,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  AssistedData *data = g_new0 (AssistedData, 1);

  data->customer_id = g_strdup (customer_id);
  data->site_code = g_strdup (site_code);
  run_write (CLT_SQL_STORE (store), clt_sql_store_start_assisted_buying, start_write, data,
             (GDestroyNotify) assisted_data_free, CLT_PERMISSION_ASSISTED_BUYING, cancellable,
             callback, user_data);
}

static void
set_token_gone (GError **error)
{
  g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                       _("This Assisted Buying link has expired or was used already. "
                         "Start Assisted Buying again from the back office."));
}

static gboolean
redeem_write (CltSqlStore  *self,
              CltSqlDb     *db,
              gpointer      user_data,
              GCancellable *cancellable,
              GTask        *task,
              GError      **error)
{
  AssistedData *data = user_data;
  g_autoptr(CltSqlStmt) select = NULL;
  g_autoptr(CltSqlStmt) update = NULL;
  g_autoptr(CltAssistedSession) session = NULL;
  g_autoptr(GDateTime) redeemed = NULL;
  g_autofree char *hash = NULL;
  gint64 now = now_usec ();
  gint64 session_pk;
  int rc;

  if (data->token[0] == '\0' || strlen (data->token) > MAX_TOKEN_LENGTH)
    {
      set_token_gone (error);
      return FALSE;
    }

  hash = clt_accounts_hash_token (data->token);
  select = prepare (self, db,
                    "SELECT " SESSION_COLUMNS ", s.pk" SESSION_TABLES
                    " WHERE s.token_hash = ? AND s.redeemed IS NULL AND s.expires > ?"
                    " AND c.anonymized_at IS NULL",
                    error);
  if (select == NULL)
    return FALSE;

  bind_text (select, 1, hash);
  clt_sql_bind_int64 (select, 2, now);
  rc = clt_sql_step (select);
  if (rc == CLT_SQL_DONE)
    {
      set_token_gone (error);
      return FALSE;
    }
  if (rc != CLT_SQL_ROW)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  session = read_session_row (select, NULL);
  session_pk = clt_sql_column_int64 (select, 9);

  update = prepare (self, db, "UPDATE assisted_buying_sessions SET redeemed = ? WHERE pk = ?",
                    error);
  if (update == NULL)
    return FALSE;

  clt_sql_bind_int64 (update, 1, now);
  clt_sql_bind_int64 (update, 2, session_pk);
  if (!step_expect_done (self, db, update, error) ||
      !record_change (self, db, task, CLT_CHANGE_CUSTOMER,
                      clt_assisted_session_get_customer_id (session), error))
    return FALSE;

  redeemed = sql_date_time_from_usec (now);
  clt_assisted_session_set_redeemed (session, redeemed);
  write_return_pointer (task, g_steal_pointer (&session), g_object_unref);
  return TRUE;
}

static void
clt_sql_store_redeem_assisted_buying (CltStore           *store,
                                      const char         *token,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  AssistedData *data = g_new0 (AssistedData, 1);

  data->token = g_strdup (token);
  run_write (CLT_SQL_STORE (store), clt_sql_store_redeem_assisted_buying, redeem_write, data,
             (GDestroyNotify) assisted_data_free, CLT_PERMISSION_READ, cancellable, callback,
             user_data);
}

/* The Assisted Buying log of the customer @pk, newest first. */
gboolean
sql_select_assisted_sessions (CltSqlStore *self,
                              CltSqlDb    *db,
                              gint64       pk,
                              GPtrArray  **out,
                              GError     **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;

  stmt = prepare (self, db,
                  "SELECT " SESSION_COLUMNS SESSION_TABLES
                  " WHERE s.customer_pk = ? ORDER BY s.started DESC, s.pk DESC",
                  error);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int64 (stmt, 1, pk);
  return sql_collect_rows (self, db, stmt, read_session_row, NULL, out, error);
}

static gboolean
list_read (CltSqlStore  *self,
           CltSqlReader *reader,
           gpointer      user_data,
           GCancellable *cancellable,
           GTask        *task,
           GError      **error)
{
  AssistedData *data = user_data;
  GPtrArray *log = NULL;
  gint64 pk;

  if (!lookup_customer_pk (self, reader->db, data->customer_id, &pk, error) ||
      !sql_select_assisted_sessions (self, reader->db, pk, &log, error))
    return FALSE;

  g_task_return_pointer (task, log, (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

static void
clt_sql_store_list_assisted_buying (CltStore           *store,
                                    const char         *customer_id,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  AssistedData *data = g_new0 (AssistedData, 1);

  data->customer_id = g_strdup (customer_id);
  run_read (CLT_SQL_STORE (store), clt_sql_store_list_assisted_buying, list_read, data,
            (GDestroyNotify) assisted_data_free, cancellable, callback, user_data);
}

void
clt_sql_store_assisted_iface_init (CltStoreInterface *iface)
{
  iface->start_assisted_buying = clt_sql_store_start_assisted_buying;
  iface->redeem_assisted_buying = clt_sql_store_redeem_assisted_buying;
  iface->list_assisted_buying = clt_sql_store_list_assisted_buying;
}
