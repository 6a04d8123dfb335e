/* clt-sql-store-internal.h
 *
 * What CltSqlStore's shared parts offer its subclasses, CltSqliteStore
 * and CltPgStore: the types both sides use and the shared helpers, under
 * an sql_ prefix. Not installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clt-accounts.h"
#include "clt-company.h"
#include "clt-email.h"
#include "clt-mail-queue.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"
#include "clt-sql-store.h"

G_BEGIN_DECLS

/* The class of @self without a type check: the statements of a row loop
 * reach their engine through it. */
#define CLT_SQL_STORE_CLASS_OF(self) \
  ((CltSqlStoreClass *) (((GTypeInstance *) (self))->g_class))

/* Verification and password links stay valid this long; secrets stay in
 * the outbox no longer. */
#define TOKEN_LIFETIME_USEC (G_GINT64_CONSTANT (7) * 24 * 3600 * G_USEC_PER_SEC)

typedef enum
{
  MAIL_VERIFICATION,
  MAIL_PASSWORD_TOKEN,
  MAIL_INITIAL_PASSWORD,
  MAIL_ACCOUNT_PREPARED,
  MAIL_ACCOUNT_ACTIVE,
  MAIL_PASSWORD_RESET,
} MailKind;

/* The outbox kind of each MailKind. */
G_GNUC_INTERNAL extern const char * const sql_mail_kinds[];

typedef struct
{
  char          *customer_id;
  char          *message;
  char          *request_id;
  char          *email_id;
  CltEmailState  state;
} NoteData;

typedef struct
{
  char *customer_id;
} IdData;

/* The lists of one customer that sql_select_customer_list () reads. */
typedef enum
{
  CUSTOMER_ADDRESSES,
  CUSTOMER_NOTES,
  CUSTOMER_ORDERS,
} CustomerListKind;

/* The columns every customer read selects, in this order (see the
 * subclasses' select_customers ()). */
#define CUSTOMER_COLUMNS \
  "c.pk, c.id, c.number, c.email, c.salutation, c.title, c.first_name, c.middle_name," \
  " c.last_name, c.gender, c.date_of_birth, c.phone, c.company, c.locale, c.currency," \
  " c.preferred_site, c.restriction, c.active, c.on_hold, c.verified, c.registered," \
  " c.updated, c.last_login, c.anonymized_at, c.default_billing_address," \
  " c.default_shipping_address, c.zip_code, c.city, c.country, c.company_id," \
  " c.business_unit, c.roles, c.version"

enum {
  COL_PK, COL_ID, COL_NUMBER, COL_EMAIL, COL_SALUTATION, COL_TITLE, COL_FIRST_NAME,
  COL_MIDDLE_NAME, COL_LAST_NAME, COL_GENDER, COL_DATE_OF_BIRTH, COL_PHONE, COL_COMPANY,
  COL_LOCALE, COL_CURRENCY, COL_PREFERRED_SITE, COL_RESTRICTION, COL_ACTIVE, COL_ON_HOLD,
  COL_VERIFIED, COL_REGISTERED, COL_UPDATED, COL_LAST_LOGIN, COL_ANONYMIZED_AT,
  COL_DEFAULT_BILLING, COL_DEFAULT_SHIPPING, COL_ZIP_CODE, COL_CITY, COL_COUNTRY,
  COL_COMPANY_ID, COL_BUSINESS_UNIT, COL_ROLES, COL_VERSION,
};

/* The columns sql_email_from_row () reads, in this order, from
 * email_outbox as "e". */
#define EMAIL_COLUMNS \
  "e.public_id, e.recipient, e.subject, e.body, e.kind, e.state, e.created, e.attempts," \
  " e.last_error, e.next_attempt"

/* clt-sql-store.c */
G_GNUC_INTERNAL const char *sql_task_author (GTask *task);
G_GNUC_INTERNAL CltBackofficeUser *sql_task_actor (GTask *task);
G_GNUC_INTERNAL void sql_write_return_pointer (GTask *task, gpointer result, GDestroyNotify result_free);
G_GNUC_INTERNAL void sql_write_return_boolean (GTask *task, gboolean result);
G_GNUC_INTERNAL void sql_request_checkpoint (GTask *task);
G_GNUC_INTERNAL gboolean sql_record_change (CltSqlStore *self, CltSqlDb *db, GTask *task, CltChangeKind kind, const char *id, GError **error);
G_GNUC_INTERNAL gboolean sql_take_own_change (CltSqlStore *self, gint64 seq);
G_GNUC_INTERNAL void sql_op_emit_changes (CltSqlStore *self, CltSqlOp *op);
G_GNUC_INTERNAL void sql_run_read (CltSqlStore *self, gpointer source_tag, CltSqlReadFunc func, gpointer data, GDestroyNotify data_free, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
G_GNUC_INTERNAL gboolean sql_task_begin (CltSqlStore *self);
G_GNUC_INTERNAL void sql_task_end (CltSqlStore *self);
G_GNUC_INTERNAL gboolean sql_store_is_closed (CltSqlStore *self);
G_GNUC_INTERNAL void sql_run_upkeep_read (CltSqlStore *self, gpointer source_tag, CltSqlReadFunc func, gpointer data, GDestroyNotify data_free, GAsyncReadyCallback callback, gpointer user_data);
G_GNUC_INTERNAL void sql_run_write (CltSqlStore *self, gpointer source_tag, CltSqlWriteFunc func, gpointer data, GDestroyNotify data_free, CltPermission permission, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

/* A step of a schema's migrations: it brings version - 1 to version. */
typedef struct
{
  int         version;
  const char *sql;
} CltSqlMigrationStep;

/* clt-sql-util.c */
G_GNUC_INTERNAL void sql_set_common_db_error (GError **error, int rc, const char *name, const char *detail);
G_GNUC_INTERNAL gboolean sql_migrate (const CltSqlEngine *engine, CltSqlDb *db, const CltSqlMigrationStep *steps, guint n_steps, int from_version, int to_version, char *(*record_version) (int version), GError **error);
G_GNUC_INTERNAL gint64 sql_date_time_to_usec (GDateTime *dt);
G_GNUC_INTERNAL GDateTime *sql_date_time_from_usec (gint64 usec);
G_GNUC_INTERNAL char **sql_split_lines (const char *text);
G_GNUC_INTERNAL char *sql_join_lines (const char *const *strv);
G_GNUC_INTERNAL char *sql_make_random_id (guint n_chars);
G_GNUC_INTERNAL gboolean sql_exec (CltSqlStore *self, CltSqlDb *db, const char *sql, GError **error);
G_GNUC_INTERNAL CltSqlStmt *sql_prepare (CltSqlStore *self, CltSqlDb *db, const char *sql, GError **error);
G_GNUC_INTERNAL gpointer sql_prepare_native (CltSqlStore *self, CltSqlDb *db, const char *sql, GError **error);

/* clt-sql-store-addresses.c */
G_GNUC_INTERNAL gboolean sql_select_customer_list (CltSqlStore *self, CltSqlDb *db, CustomerListKind kind, gint64 pk, const char *customer_id, GPtrArray **out, GError **error);
G_GNUC_INTERNAL void sql_id_data_free (IdData *data);
G_GNUC_INTERNAL IdData *sql_id_data_new (const char *customer_id);
G_GNUC_INTERNAL gboolean sql_touch_customer (CltSqlStore *self, CltSqlDb *db, GTask *task, gint64 pk, GError **error);
G_GNUC_INTERNAL void sql_note_data_free (NoteData *data);
G_GNUC_INTERNAL void clt_sql_store_addresses_iface_init (CltStoreInterface *iface);

/* clt-sql-store-accounts.c */
G_GNUC_INTERNAL void clt_sql_store_accounts_iface_init (CltAccountsInterface *iface);

/* clt-sql-store-assisted.c */
G_GNUC_INTERNAL gboolean sql_select_assisted_sessions (CltSqlStore *self, CltSqlDb *db, gint64 pk, GPtrArray **out, GError **error);
G_GNUC_INTERNAL void clt_sql_store_assisted_iface_init (CltStoreInterface *iface);

/* clt-sql-store-changes.c */
G_GNUC_INTERNAL gboolean sql_clear_expired (CltSqlStore *self, CltSqlDb *db, GError **error);
G_GNUC_INTERNAL gint64 sql_read_last_change (CltSqlStore *self, CltSqlDb *db);
G_GNUC_INTERNAL void sql_poll_changes (CltSqlStore *self);
G_GNUC_INTERNAL void sql_start_upkeep (CltSqlStore *self, gint64 last_change);
G_GNUC_INTERNAL void sql_stop_upkeep (CltSqlStore *self);
/* For tests: @hook (@self, @user_data) runs in the change poll's thread
 * once the poll has its reader, before its statements; sql_polling ()
 * says whether a poll is under way (on the main context). */
G_GNUC_INTERNAL void sql_set_poll_hook (CltSqlStore *self, GFunc hook, gpointer user_data);
G_GNUC_INTERNAL gboolean sql_polling (CltSqlStore *self);
G_GNUC_INTERNAL void clt_sql_store_changes_iface_init (CltStoreInterface *iface);

/* clt-sql-store-purge.c: for tests and benchmarks */
G_GNUC_INTERNAL void sql_set_field_purge_batch (guint n_values);

/* clt-sql-store-customers.c */
G_GNUC_INTERNAL gboolean sql_check_version (gint64 stored, gint64 expected, GError **error);
G_GNUC_INTERNAL gboolean sql_step_expect_done (CltSqlStore *self, CltSqlDb *db, CltSqlStmt *stmt, GError **error);
G_GNUC_INTERNAL gboolean sql_step_done (CltSqlStore *self, CltSqlDb *db, CltSqlStmt *stmt, GError **error);
G_GNUC_INTERNAL gboolean sql_exists_text (CltSqlStore *self, CltSqlDb *db, const char *sql, const char *param, gboolean *found, GError **error);
G_GNUC_INTERNAL gboolean sql_lookup_customer_pk (CltSqlStore *self, CltSqlDb *db, const char *customer_id, gint64 *pk, GError **error);
G_GNUC_INTERNAL gboolean sql_lookup_live_customer (CltSqlStore *self, CltSqlDb *db, const char *customer_id, gint64 *pk, GError **error);
G_GNUC_INTERNAL gboolean sql_read_customer_by_pk (CltSqlStore *self, CltSqlDb *db, gint64 pk, CltCustomer **out, GError **error);
G_GNUC_INTERNAL gboolean sql_write_groups (CltSqlStore *self, CltSqlDb *db, gint64 pk, const char *const *groups, GError **error);
G_GNUC_INTERNAL gboolean sql_refresh_location (CltSqlStore *self, CltSqlDb *db, gint64 pk, GError **error);
G_GNUC_INTERNAL gboolean sql_address_exists (CltSqlStore *self, CltSqlDb *db, gint64 pk, const char *address_id, gboolean *found, GError **error);
G_GNUC_INTERNAL void sql_return_invalid (CltStore *store, gpointer source_tag, GError *error, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
G_GNUC_INTERNAL void sql_refuse_write (CltStore *store, gpointer source_tag, CltPermission permission, GError *error, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
G_GNUC_INTERNAL void clt_sql_store_customers_iface_init (CltStoreInterface *iface);

/* clt-sql-store-delete.c */
G_GNUC_INTERNAL gboolean sql_anonymize_customer (CltSqlStore *self, CltSqlDb *db, GTask *task, gint64 pk, GError **error);
G_GNUC_INTERNAL void clt_sql_store_delete_customer (CltStore *store, const char *customer_id, gint64 version, guint undo_seconds, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
G_GNUC_INTERNAL void clt_sql_store_undo_delete_customer (CltStore *store, const char *customer_id, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

/* clt-sql-store-import.c */
G_GNUC_INTERNAL void clt_sql_store_import_iface_init (CltStoreInterface *iface);

/* clt-sql-store-mail.c */
G_GNUC_INTERNAL gboolean sql_lookup_email_owner (CltSqlStore *self, CltSqlDb *db, const char *public_id, char **customer_id, GError **error);
G_GNUC_INTERNAL gboolean sql_select_marketing (CltSqlStore *self, CltSqlDb *db, gint64 pk, GPtrArray **out, GError **error);
G_GNUC_INTERNAL gboolean sql_select_emails (CltSqlStore *self, CltSqlDb *db, gint64 pk, const char *customer_id, GPtrArray **out, GError **error);
G_GNUC_INTERNAL gboolean sql_scrub_old_secrets (CltSqlStore *self, CltSqlDb *db, GError **error);
G_GNUC_INTERNAL gboolean sql_send_mail (CltSqlStore *self, CltSqlDb *db, gint64 pk, CltCustomer *customer, CltShopPreferences *preferences, MailKind kind, const char *password, GError **error);
G_GNUC_INTERNAL void clt_sql_store_mail_iface_init (CltStoreInterface *iface);

/* clt-sql-store-membership.c */
G_GNUC_INTERNAL void clt_sql_store_membership_iface_init (CltStoreInterface *iface);

/* clt-sql-store-outbox.c */
G_GNUC_INTERNAL void clt_sql_store_mail_queue_iface_init (CltMailQueueInterface *iface);

/* clt-sql-store-session.c */
G_GNUC_INTERNAL char *sql_current_author (CltBackofficeUser *actor);
G_GNUC_INTERNAL gboolean sql_read_local_role (CltSqlStore *self, CltSqlDb *db, CltRole *role, GError **error);
G_GNUC_INTERNAL gboolean sql_check_permission (CltSqlStore *self, CltSqlDb *db, CltBackofficeUser *actor, CltPermission permission, GError **error);
G_GNUC_INTERNAL gboolean sql_request_id_lookup (CltSqlStore *self, CltSqlDb *db, GTask *task, const char *request_id, CltChangeKind kind, char **object_id, GError **error);
G_GNUC_INTERNAL gboolean sql_request_id_record (CltSqlStore *self, CltSqlDb *db, GTask *task, const char *request_id, CltChangeKind kind, const char *object_id, GError **error);

/* clt-sql-store-shop.c */
G_GNUC_INTERNAL gboolean sql_check_list_argument (const char *field, const char *const *values, GError **error);
G_GNUC_INTERNAL gboolean sql_lookup_site (CltSqlStore *self, CltSqlDb *db, const char *code, CltSite **out, GError **error);
G_GNUC_INTERNAL gboolean sql_lookup_company (CltSqlStore *self, CltSqlDb *db, const char *company_id, CltCompany **out, GError **error);
G_GNUC_INTERNAL gboolean sql_select_customer_shop_data (CltSqlStore *self, CltSqlDb *db, gint64 pk, const char *company_id, GPtrArray **sites, GPtrArray **groups, CltCompany **company, GError **error);
G_GNUC_INTERNAL void clt_sql_store_shop_iface_init (CltStoreInterface *iface);

/* clt-sql-store-preferences.c */
G_GNUC_INTERNAL CltShopPreferences *sql_read_preferences (CltSqlStore *self, CltSqlDb *db, GError **error);
G_GNUC_INTERNAL void clt_sql_store_get_preferences (CltStore *store, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
G_GNUC_INTERNAL void clt_sql_store_set_preferences (CltStore *store, CltShopPreferences *preferences, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
G_GNUC_INTERNAL void clt_sql_store_get_current_user (CltStore *store, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

/* Values of the engine-neutral statements. */

static inline void
sql_bind_text (CltSqlStmt *stmt,
               int         idx,
               const char *text)
{
  clt_sql_bind_text (stmt, idx, text != NULL ? text : "", -1, CLT_SQL_TRANSIENT);
}

/* Only for strings that outlive the next step. */
static inline void
sql_bind_static_text (CltSqlStmt *stmt,
                      int         idx,
                      const char *text)
{
  clt_sql_bind_text (stmt, idx, text != NULL ? text : "", -1, CLT_SQL_STATIC);
}

static inline void
sql_bind_date_time (CltSqlStmt *stmt,
                    int         idx,
                    GDateTime  *dt)
{
  if (dt == NULL)
    clt_sql_bind_null (stmt, idx);
  else
    clt_sql_bind_int64 (stmt, idx, sql_date_time_to_usec (dt));
}

static inline GDateTime *
sql_column_date_time (CltSqlStmt *stmt,
                      int         col)
{
  if (clt_sql_column_type (stmt, col) == CLT_SQL_NULL)
    return NULL;

  return sql_date_time_from_usec (clt_sql_column_int64 (stmt, col));
}

static inline const char *
sql_column_text (CltSqlStmt *stmt,
                 int         col)
{
  const char *text = (const char *) clt_sql_column_text (stmt, col);

  return text != NULL ? text : "";
}

/* The subclasses' parts not shared yet call these by their old names
 * (clt-sqlite-store-private.h, clt-pg-store-private.h), through this: */
#define CLT_SQL_SHARED(func, self, db, ...) \
  sql_##func ((CltSqlStore *) (self), (CltSqlDb *) (db), __VA_ARGS__)

G_END_DECLS
