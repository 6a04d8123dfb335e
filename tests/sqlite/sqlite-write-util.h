/* sqlite-write-util.h — synchronous wrappers and checks shared by the
 * SQLite store's write tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clt-address.h"
#include "clt-customer.h"
#include "clt-email.h"
#include "clt-note.h"
#include "clt-store.h"

G_BEGIN_DECLS

#define STORE(f) CLT_STORE ((f)->store)

CltCustomer * create (CltStore *store, CltCustomer *customer, const char *password, gboolean send_token, GError **error);
CltCustomer * update (CltStore *store, CltCustomer *customer, GError **error);
CltCustomer * get (CltStore *store, const char *id, GError **error);
gboolean delete_customer (CltStore *store, const char *id, GError **error);
gboolean password_reset (CltStore *store, const char *id, GError **error);
GPtrArray * list_emails (CltStore *store, const char *id);
GPtrArray * list_addresses (CltStore *store, const char *id);
CltAddress * create_address (CltStore *store, CltAddress *address, GError **error);
CltAddress * update_address (CltStore *store, CltAddress *address, GError **error);
gboolean delete_address (CltStore *store, const char *customer_id, const char *address_id, GError **error);
gboolean set_default (CltStore *store, const char *customer_id, const char *address_id, CltAddressUse use, GError **error);
CltNote * add_note (CltStore *store, const char *id, const char *message, GError **error);
GPtrArray * list_notes (CltStore *store, const char *id);
guint count_matching (CltStore *store, const char *text);
CltCustomer * new_customer (const char *email, const char *first_name, const char *last_name);
CltCustomer * create_ok (CltStore *store, const char *email, const char *first_name, const char *last_name);
CltAddress * new_address (const char *customer_id, const char *street, const char *zip_code, const char *city);
CltEmail * find_email (GPtrArray *emails, const char *kind);
guint count_kind (GPtrArray *emails, const char *kind);
void assert_invalid (GError *error, const char *field);
void assert_conflict (GError *error, const char *field);
gboolean file_contains (const char *path, const char *needle);
char * query_text (const char *path, const char *sql, const char *param);
char * list_emails_where (const char *path, const char *number);
gboolean wait_erased (const char *path, const char * const *secrets, guint n_secrets);

G_END_DECLS
