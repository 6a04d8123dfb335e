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

/* The columns sql_email_from_row () reads, in this order, from
 * email_outbox as "e". */
#define EMAIL_COLUMNS \
  "e.public_id, e.recipient, e.subject, e.body, e.kind, e.state, e.created, e.attempts," \
  " e.last_error, e.next_attempt"

/* clt-sql-util.c */
G_GNUC_INTERNAL gint64 sql_date_time_to_usec (GDateTime *dt);
G_GNUC_INTERNAL GDateTime *sql_date_time_from_usec (gint64 usec);
G_GNUC_INTERNAL char **sql_split_lines (const char *text);
G_GNUC_INTERNAL char *sql_join_lines (const char *const *strv);
G_GNUC_INTERNAL char *sql_make_random_id (guint n_chars);
G_GNUC_INTERNAL gboolean sql_exec (CltSqlStore *self, CltSqlDb *db, const char *sql, GError **error);
G_GNUC_INTERNAL CltSqlStmt *sql_prepare (CltSqlStore *self, CltSqlDb *db, const char *sql, GError **error);

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
G_GNUC_INTERNAL CltShopPreferences *sql_read_preferences (CltSqlStore *self, CltSqlDb *db, GError **error);
G_GNUC_INTERNAL void clt_sql_store_shop_iface_init (CltStoreInterface *iface);

/* The subclasses' parts not shared yet call these by their old names
 * (clt-sqlite-store-private.h, clt-pg-store-private.h), through this: */
#define CLT_SQL_SHARED(func, self, db, ...) \
  sql_##func ((CltSqlStore *) (self), (CltSqlDb *) (db), __VA_ARGS__)

G_END_DECLS
