/* clt-sql-store-mail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "clt-catalog.h"
#include "clt-sql-store-private.h"

/* Verification and password links: the token goes out by email, only its
 * SHA-256 is kept. Returns the token. */
static char *
make_token (CltSqlStore *self,
            CltSqlDb    *db,
            gint64       customer_pk,
            const char  *purpose,
            GError     **error)
{
  g_autofree char *token = clt_customer_number_generate_key ();
  g_autofree char *more = clt_customer_number_generate_key ();
  g_autofree char *full = g_strconcat (token, more, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, full, -1);
  g_autoptr(CltSqlStmt) stmt = NULL;
  gint64 now = now_usec ();

  stmt = prepare (self, db,
                  "INSERT INTO customer_tokens (token_hash, customer_pk, purpose, created, expires)"
                  " VALUES (?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, hash);
  clt_sql_bind_int64 (stmt, 2, customer_pk);
  bind_text (stmt, 3, purpose);
  clt_sql_bind_int64 (stmt, 4, now);
  clt_sql_bind_int64 (stmt, 5, now + TOKEN_LIFETIME_USEC);
  if (!step_expect_done (self, db, stmt, error))
    return NULL;

  return g_steal_pointer (&full);
}

/* Where links point: the storefront of the customer's preferred site, else
 * of the first site that has one. */
static char *
storefront_base (CltSqlStore *self,
                 CltSqlDb    *db,
                 const char  *preferred_site)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  char *url = NULL;
  int rc;

  stmt = clt_sql_prepare (SQL_CLASS (self)->engine, db,
                          "SELECT storefront_url FROM sites WHERE storefront_url <> ''"
                          " ORDER BY code = ? DESC, position, code LIMIT 1",
                          &rc);
  if (stmt != NULL)
    {
      bind_static_text (stmt, 1, preferred_site);
      if (clt_sql_step (stmt) == CLT_SQL_ROW)
        url = g_strdup (column_text (stmt, 0));
    }

  if (url == NULL)
    url = g_strdup ("https://shop.example/");

  if (!g_str_has_suffix (url, "/"))
    {
      char *with_slash = g_strconcat (url, "/", NULL);

      g_free (url);
      url = with_slash;
    }

  return url;
}

/* The outbox keeps a mail with its password or link only until it is
 * handed off (then set_email_state_write () swaps in @redacted, the same
 * text with the secret replaced) and at most TOKEN_LIFETIME_USEC before
 * (sql_scrub_old_secrets ()). */
static gboolean
queue_email (CltSqlStore *self,
             CltSqlDb    *db,
             gint64       customer_pk,
             const char  *recipient,
             const char  *kind,
             const char  *subject,
             const char  *body,
             const char  *redacted,
             GError     **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autofree char *id = sql_make_random_id (16);

  stmt = prepare (self, db,
                  "INSERT INTO email_outbox (customer_pk, recipient, subject, body, kind, state,"
                  " created, public_id, redacted_body, next_attempt)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?7, ?, ?, ?7)",
                  error);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int64 (stmt, 1, customer_pk);
  bind_text (stmt, 2, recipient);
  bind_text (stmt, 3, subject);
  bind_text (stmt, 4, body);
  bind_text (stmt, 5, kind);
  clt_sql_bind_int (stmt, 6, CLT_EMAIL_STATE_QUEUED);
  clt_sql_bind_int64 (stmt, 7, now_usec ());
  bind_text (stmt, 8, id);
  bind_text (stmt, 9, redacted != NULL ? redacted : body);
  return step_expect_done (self, db, stmt, error);
}

/* @body with @secret (a password or a link; may be NULL) replaced. */
static char *
redact (const char *body,
        const char *secret,
        const char *replacement)
{
  GString *text = g_string_new (body);

  if (secret != NULL && secret[0] != '\0')
    g_string_replace (text, secret, replacement, 0);
  return g_string_free (text, FALSE);
}

/* A queued mail older than a link's lifetime keeps no secret either. */
gboolean
sql_scrub_old_secrets (CltSqlStore *self,
                       CltSqlDb    *db,
                       GError     **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;

  stmt = prepare (self, db,
                  "UPDATE email_outbox SET body = redacted_body"
                  " WHERE body <> redacted_body AND created < ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  clt_sql_bind_int64 (stmt, 1, now_usec () - TOKEN_LIFETIME_USEC);
  return step_expect_done (self, db, stmt, error);
}

const char * const sql_mail_kinds[] = {
  [MAIL_VERIFICATION]     = "verification",
  [MAIL_PASSWORD_TOKEN]   = "password-token",
  [MAIL_INITIAL_PASSWORD] = "initial-password",
  [MAIL_ACCOUNT_PREPARED] = "account-prepared",
  [MAIL_ACCOUNT_ACTIVE]   = "account-active",
  [MAIL_PASSWORD_RESET]   = "password-reset",
};

/* Writes the mail of @kind for the stored customer @customer, with a fresh
 * link token where the mail has a link. @password only for the
 * initial-password and account-prepared mails. */
gboolean
sql_send_mail (CltSqlStore        *self,
               CltSqlDb           *db,
               gint64              pk,
               CltCustomer        *customer,
               CltShopPreferences *preferences,
               MailKind            kind,
               const char         *password,
               GError            **error)
{
  const char *shop = clt_shop_preferences_get_shop_name (preferences);
  g_autofree char *base = storefront_base (self, db, clt_customer_get_preferred_site (customer));
  g_autofree char *greeting = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *token = NULL;
  g_autofree char *link = NULL;
  g_autofree char *signature = NULL;
  /* The email is in the customer's language, or else the shop's, never
   * in the language the app or server happens to run in. */
  const char *locale = clt_customer_get_locale (customer);

  if (locale == NULL || locale[0] == '\0')
    locale = clt_shop_preferences_get_default_locale (preferences);

#define IN_LOCALE(msgid) clt_catalog_gettext (locale, msgid)
  if (shop[0] == '\0')
    shop = IN_LOCALE (N_("our shop"));

  greeting = g_strdup_printf (IN_LOCALE (N_("Dear %s %s,")),
                              clt_customer_get_first_name (customer),
                              clt_customer_get_last_name (customer));
  signature = g_strdup_printf (IN_LOCALE (N_("Kind regards,\n%s")), shop);

  switch (kind)
    {
    case MAIL_VERIFICATION:
      token = make_token (self, db, pk, "verification", error);
      if (token == NULL)
        return FALSE;
      link = g_strconcat (base, "verify?token=", token, NULL);
      subject = g_strdup_printf (IN_LOCALE (N_("Please confirm your email address for %s")), shop);
      body = g_strdup_printf (IN_LOCALE (N_(
                                "%s\n\nan account has been created for you at %s. "
                                "Please confirm your email address by opening this link:\n\n%s\n\n"
                                "The link is valid for 7 days.\n\n%s")),
                              greeting, shop, link, signature);
      break;

    case MAIL_PASSWORD_TOKEN:
      token = make_token (self, db, pk, "password", error);
      if (token == NULL)
        return FALSE;
      link = g_strconcat (base, "set-password?token=", token, NULL);
      subject = g_strdup_printf (IN_LOCALE (N_("Set the password for your %s account")), shop);
      body = g_strdup_printf (IN_LOCALE (N_(
                                "%s\n\nto set the password for your account, open this link:\n\n%s\n\n"
                                "The link is valid for 7 days.\n\n%s")),
                              greeting, link, signature);
      break;

    case MAIL_INITIAL_PASSWORD:
      subject = g_strdup_printf (IN_LOCALE (N_("Your %s account")), shop);
      body = g_strdup_printf (IN_LOCALE (N_(
                                "%s\n\nyour account at %s is ready. You can sign in with your "
                                "email address %s and this password:\n\n%s\n\n"
                                "Please change it after signing in.\n\n%s")),
                              greeting, shop, clt_customer_get_email (customer), password,
                              signature);
      break;

    case MAIL_ACCOUNT_PREPARED:
      subject = g_strdup_printf (IN_LOCALE (N_("Your %s account is being prepared")), shop);
      body = g_strdup_printf (IN_LOCALE (N_(
                                "%s\n\nan account at %s has been created for you and is being "
                                "prepared. You cannot sign in yet: we will send you another "
                                "email as soon as the account is active. Then sign in with your "
                                "email address %s and this password:\n\n%s\n\n%s")),
                              greeting, shop, clt_customer_get_email (customer), password,
                              signature);
      break;

    case MAIL_ACCOUNT_ACTIVE:
      subject = g_strdup_printf (IN_LOCALE (N_("Your %s account is now active")), shop);
      body = g_strdup_printf (IN_LOCALE (N_(
                                "%s\n\nyour account at %s is now active. You can sign in with your "
                                "email address %s and the password from our first email.\n\n%s")),
                              greeting, shop, clt_customer_get_email (customer), signature);
      break;

    case MAIL_PASSWORD_RESET:
      token = make_token (self, db, pk, "password", error);
      if (token == NULL)
        return FALSE;
      link = g_strconcat (base, "reset-password?token=", token, NULL);
      subject = g_strdup_printf (IN_LOCALE (N_("Reset the password for your %s account")), shop);
      body = g_strdup_printf (IN_LOCALE (N_(
                                "%s\n\nto choose a new password for your account, open this link:\n\n%s\n\n"
                                "The link is valid for 7 days. If you did not ask for a new "
                                "password, you can ignore this email.\n\n%s")),
                              greeting, link, signature);
      break;

    default:
      g_assert_not_reached ();
    }

#undef IN_LOCALE

  {
    g_autofree char *without_link = redact (body, link, _("[link removed after sending]"));
    g_autofree char *redacted = redact (without_link, password,
                                        _("[password removed after sending]"));

    return queue_email (self, db, pk, clt_customer_get_email (customer), sql_mail_kinds[kind],
                        subject, body, redacted, error);
  }
}

/* A mail from a row that starts with EMAIL_COLUMNS. */
CltEmail *
sql_email_from_row (CltSqlStmt *stmt,
                    const char *customer_id)
{
  CltEmail *email = clt_email_new ();
  g_autoptr(GDateTime) created = column_date_time (stmt, 6);
  g_autoptr(GDateTime) next_attempt = column_date_time (stmt, 9);

  clt_email_set_id (email, column_text (stmt, 0));
  clt_email_set_customer_id (email, customer_id);
  clt_email_set_recipient (email, column_text (stmt, 1));
  clt_email_set_subject (email, column_text (stmt, 2));
  clt_email_set_body (email, column_text (stmt, 3));
  clt_email_set_kind (email, column_text (stmt, 4));
  clt_email_set_state (email, clt_sql_column_int (stmt, 5));
  clt_email_set_created (email, created);
  clt_email_set_attempts (email, (guint) CLAMP (clt_sql_column_int64 (stmt, 7), 0, G_MAXUINT));
  clt_email_set_failure_reason (email, column_text (stmt, 8));
  clt_email_set_next_attempt (email, next_attempt);

  return email;
}

static gpointer
read_email_row (CltSqlStmt   *stmt,
                gconstpointer row_data)
{
  return sql_email_from_row (stmt, row_data);
}

/* The outbox of the customer @pk, newest first. */
gboolean
sql_select_emails (CltSqlStore *self,
                   CltSqlDb    *db,
                   gint64       pk,
                   const char  *customer_id,
                   GPtrArray  **out,
                   GError     **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;

  stmt = prepare (self, db,
                  "SELECT " EMAIL_COLUMNS " FROM email_outbox e"
                  " WHERE e.customer_pk = ? ORDER BY e.id DESC",
                  error);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int64 (stmt, 1, pk);
  return sql_collect_rows (self, db, stmt, read_email_row, customer_id, out, error);
}

static gboolean
list_emails_read (CltSqlStore  *self,
                  CltSqlReader *reader,
                  gpointer      user_data,
                  GCancellable *cancellable,
                  GTask        *task,
                  GError      **error)
{
  IdData *data = user_data;
  GPtrArray *emails = NULL;
  gint64 pk;

  if (!lookup_customer_pk (self, reader->db, data->customer_id, &pk, error) ||
      !sql_select_emails (self, reader->db, pk, data->customer_id, &emails, error))
    return FALSE;

  g_task_return_pointer (task, emails, (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

static void
clt_sql_store_list_emails (CltStore           *store,
                           const char         *customer_id,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  run_read (CLT_SQL_STORE (store), clt_sql_store_list_emails, list_emails_read,
            sql_id_data_new (customer_id), (GDestroyNotify) sql_id_data_free,
            cancellable, callback, user_data);
}

/* The customer whose page shows the mail @public_id (NULL: none), and
 * NOT_FOUND when the mail is gone. */
gboolean
sql_lookup_email_owner (CltSqlStore *self,
                        CltSqlDb    *db,
                        const char  *public_id,
                        char       **customer_id,
                        GError     **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  int rc;

  stmt = prepare (self, db,
                  "SELECT c.id FROM email_outbox e LEFT JOIN customers c ON c.pk = e.customer_pk"
                  " WHERE e.public_id = ?",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, public_id);
  rc = clt_sql_step (stmt);
  if (rc == CLT_SQL_DONE)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                   _("The email no longer exists."));
      return FALSE;
    }
  if (rc != CLT_SQL_ROW)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  *customer_id = clt_sql_column_type (stmt, 0) == CLT_SQL_NULL
               ? NULL : g_strdup (column_text (stmt, 0));
  return TRUE;
}

static gboolean
set_email_state_write (CltSqlStore  *self,
                       CltSqlDb     *db,
                       gpointer      user_data,
                       GCancellable *cancellable,
                       GTask        *task,
                       GError      **error)
{
  NoteData *data = user_data;
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autofree char *customer_id = NULL;
  int secure_delete;
  int rc;

  if (!sql_lookup_email_owner (self, db, data->email_id, &customer_id, error))
    return FALSE;

  /* Handed off (to the mail app) or sent: the password or link it carried
   * leaves the outbox. Only a queued mail is due for delivery (by
   * clientele-server): one a user handed off is not sent twice. The casts
   * name the parameters' type, which PostgreSQL does not infer from a
   * comparison of two of them. */
  stmt = prepare (self, db,
                  "UPDATE email_outbox SET state = CAST (?1 AS bigint),"
                  " sent_at = CASE WHEN CAST (?1 AS bigint) = CAST (?2 AS bigint)"
                  " THEN CAST (?3 AS bigint) ELSE sent_at END,"
                  " attempts = attempts + CASE WHEN CAST (?1 AS bigint)"
                  " IN (CAST (?2 AS bigint), CAST (?4 AS bigint)) THEN 1 ELSE 0 END,"
                  " body = CASE WHEN CAST (?1 AS bigint)"
                  " IN (CAST (?2 AS bigint), CAST (?6 AS bigint)) THEN redacted_body ELSE body END,"
                  " next_attempt = CASE WHEN CAST (?1 AS bigint) = CAST (?7 AS bigint)"
                  " THEN CAST (?3 AS bigint) ELSE NULL END"
                  " WHERE public_id = ?5",
                  error);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int (stmt, 1, data->state);
  clt_sql_bind_int (stmt, 2, CLT_EMAIL_STATE_SENT);
  clt_sql_bind_int64 (stmt, 3, now_usec ());
  clt_sql_bind_int (stmt, 4, CLT_EMAIL_STATE_FAILED);
  bind_text (stmt, 5, data->email_id);
  clt_sql_bind_int (stmt, 6, CLT_EMAIL_STATE_HANDED_OFF);
  clt_sql_bind_int (stmt, 7, CLT_EMAIL_STATE_QUEUED);
  /* The old text's pages are zeroed, not just unlinked. */
  secure_delete = begin_secure_delete (self, db);
  rc = step_expect_done (self, db, stmt, error);
  restore_secure_delete (self, db, secure_delete);
  if (!rc || !record_change (self, db, task, CLT_CHANGE_OUTBOX, customer_id, error))
    return FALSE;

  write_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_sql_store_set_email_state (CltStore           *store,
                               const char         *email_id,
                               CltEmailState       state,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  NoteData *data;

  if ((guint) state > CLT_EMAIL_STATE_FAILED)
    {
      refuse_write (store, clt_sql_store_set_email_state, CLT_PERMISSION_EDIT_CUSTOMERS,
                      clt_store_error_new_invalid ("state", _("Unknown email state.")),
                      cancellable, callback, user_data);
      return;
    }

  data = g_new0 (NoteData, 1);
  data->email_id = g_strdup (email_id);
  data->state = state;
  run_write (CLT_SQL_STORE (store), clt_sql_store_set_email_state, set_email_state_write,
             data, (GDestroyNotify) sql_note_data_free, CLT_PERMISSION_EDIT_CUSTOMERS,
             cancellable, callback, user_data);
}

/* }}} */

void
clt_sql_store_mail_iface_init (CltStoreInterface *iface)
{
  iface->list_emails = clt_sql_store_list_emails;
  iface->set_email_state = clt_sql_store_set_email_state;
}
