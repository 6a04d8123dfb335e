/* sqlite-write-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sqlite-write-util"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "clt-query.h"

#include "sqlite-test-util.h"
#include "sqlite-write-util.h"

CltCustomer *
create (CltStore    *store,
        CltCustomer *customer,
        const char  *password,
        gboolean     send_token,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_create_customer_async (store, customer, password, send_token, NULL, NULL,
                                   on_result_cb, &result);
  return clt_store_create_customer_finish (store, wait_for (&result), error);
}

CltCustomer *
update (CltStore    *store,
        CltCustomer *customer,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_update_customer_async (store, customer, NULL, on_result_cb, &result);
  return clt_store_update_customer_finish (store, wait_for (&result), error);
}

CltCustomer *
get (CltStore   *store,
     const char *id,
     GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_get_customer_async (store, id, NULL, on_result_cb, &result);
  return clt_store_get_customer_finish (store, wait_for (&result), error);
}

gboolean
delete_customer (CltStore   *store,
                 const char *id,
                 GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_autoptr(CltCustomer) current = NULL;

  /* Based on the customer's version, as the window does. */
  clt_store_get_customer_async (store, id, NULL, on_result_cb, &result);
  current = clt_store_get_customer_finish (store, wait_for (&result), NULL);
  g_clear_object (&result);

  clt_store_delete_customer_async (store, id, current != NULL ? clt_customer_get_version (current) : 1,
                                   0, NULL, on_result_cb, &result);
  return clt_store_delete_customer_finish (store, wait_for (&result), error);
}

gboolean
password_reset (CltStore   *store,
                const char *id,
                GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_send_password_reset_async (store, id, NULL, on_result_cb, &result);
  return clt_store_send_password_reset_finish (store, wait_for (&result), error);
}

GPtrArray *
list_emails (CltStore   *store,
             const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *emails;

  clt_store_list_emails_async (store, id, NULL, on_result_cb, &result);
  emails = clt_store_list_emails_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return emails;
}

GPtrArray *
list_addresses (CltStore   *store,
                const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *addresses;

  clt_store_list_addresses_async (store, id, NULL, on_result_cb, &result);
  addresses = clt_store_list_addresses_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return addresses;
}

CltAddress *
create_address (CltStore   *store,
                CltAddress *address,
                GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_create_address_async (store, address, NULL, NULL, on_result_cb, &result);
  return clt_store_create_address_finish (store, wait_for (&result), error);
}

CltAddress *
update_address (CltStore   *store,
                CltAddress *address,
                GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_update_address_async (store, address, NULL, on_result_cb, &result);
  return clt_store_update_address_finish (store, wait_for (&result), error);
}

gboolean
delete_address (CltStore   *store,
                const char *customer_id,
                const char *address_id,
                GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_autoptr(CltAddress) current = NULL;

  clt_store_get_address_async (store, customer_id, address_id, NULL, on_result_cb, &result);
  current = clt_store_get_address_finish (store, wait_for (&result), NULL);
  g_clear_object (&result);

  clt_store_delete_address_async (store, customer_id, address_id,
                                  current != NULL ? clt_address_get_version (current) : 1,
                                  NULL, on_result_cb, &result);
  return clt_store_delete_address_finish (store, wait_for (&result), error);
}

gboolean
set_default (CltStore      *store,
             const char    *customer_id,
             const char    *address_id,
             CltAddressUse  use,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_autoptr(CltCustomer) current = NULL;
  g_autoptr(CltCustomer) stored = NULL;

  clt_store_get_customer_async (store, customer_id, NULL, on_result_cb, &result);
  current = clt_store_get_customer_finish (store, wait_for (&result), NULL);
  g_clear_object (&result);

  clt_store_set_default_address_async (store, customer_id,
                                       current != NULL ? clt_customer_get_version (current) : 1,
                                       address_id, use, NULL, on_result_cb, &result);
  stored = clt_store_set_default_address_finish (store, wait_for (&result), error);
  return stored != NULL;
}

CltNote *
add_note (CltStore   *store,
          const char *id,
          const char *message,
          GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_add_note_async (store, id, message, NULL, NULL, on_result_cb, &result);
  return clt_store_add_note_finish (store, wait_for (&result), error);
}

GPtrArray *
list_notes (CltStore   *store,
            const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *notes;

  clt_store_list_notes_async (store, id, NULL, on_result_cb, &result);
  notes = clt_store_list_notes_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  return notes;
}

guint
count_matching (CltStore   *store,
                const char *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  guint n = 0;

  clt_query_set_search_text (query, text);
  clt_store_count_customers_async (store, query, NULL, on_result_cb, &result);
  g_assert_true (clt_store_count_customers_finish (store, wait_for (&result), &n, &error));
  g_assert_no_error (error);
  return n;
}

CltCustomer *
new_customer (const char *email,
              const char *first_name,
              const char *last_name)
{
  CltCustomer *customer = clt_customer_new ();

  clt_customer_set_email (customer, email);
  clt_customer_set_first_name (customer, first_name);
  clt_customer_set_last_name (customer, last_name);
  clt_customer_set_currency (customer, "EUR");
  clt_customer_set_active (customer, TRUE);
  return customer;
}

CltCustomer *
create_ok (CltStore   *store,
           const char *email,
           const char *first_name,
           const char *last_name)
{
  g_autoptr(CltCustomer) customer = new_customer (email, first_name, last_name);
  g_autoptr(GError) error = NULL;
  CltCustomer *stored = create (store, customer, NULL, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stored);
  return stored;
}

CltAddress *
new_address (const char *customer_id,
             const char *street,
             const char *zip_code,
             const char *city)
{
  CltAddress *address = clt_address_new ();

  clt_address_set_customer_id (address, customer_id);
  clt_address_set_first_name (address, "Ann");
  clt_address_set_last_name (address, "Smith");
  clt_address_set_address1 (address, street);
  clt_address_set_zip_code (address, zip_code);
  clt_address_set_city (address, city);
  clt_address_set_country (address, "DE");
  return address;
}

/* The emails of kind @kind in @emails. */
CltEmail *
find_email (GPtrArray  *emails,
            const char *kind)
{
  for (guint i = 0; i < emails->len; i++)
    if (g_strcmp0 (clt_email_get_kind (g_ptr_array_index (emails, i)), kind) == 0)
      return g_ptr_array_index (emails, i);

  return NULL;
}

guint
count_kind (GPtrArray  *emails,
            const char *kind)
{
  guint n = 0;

  for (guint i = 0; i < emails->len; i++)
    if (g_strcmp0 (clt_email_get_kind (g_ptr_array_index (emails, i)), kind) == 0)
      n++;

  return n;
}

void
assert_invalid (GError     *error,
                const char *field)
{
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
  g_assert_cmpstr (clt_store_error_get_field (error), ==, field);
  g_assert_cmpstr (error->message, !=, "");
}

void
assert_conflict (GError     *error,
                 const char *field)
{
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (clt_store_error_get_field (error), ==, field);
}

/* }}} */

gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *lower_needle = g_ascii_strdown (needle, -1);
  gsize length = 0;
  gsize n;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  for (gsize i = 0; i < length; i++)
    contents[i] = g_ascii_tolower (contents[i]);

  n = strlen (lower_needle);
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, lower_needle, n) == 0)
      return TRUE;

  return FALSE;
}

/* The first column of the first row of @sql (one text parameter) on
 * @path, as text; "" when there is none. */
char *
query_text (const char *path,
            const char *sql,
            const char *param)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  text = g_strdup (sqlite3_step (stmt) == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0)
                                                     : "");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

/* The bodies of the outbox of the customer numbered @number, joined. */
char *
list_emails_where (const char *path,
                   const char *number)
{
  return query_text (path,
                     "SELECT ifnull (group_concat (body, ''), '') FROM email_outbox WHERE customer_pk ="
                     " (SELECT pk FROM customers WHERE number = ?)",
                     number);
}

/* Runs the main loop (the store's upkeep) until none of @secrets is in the
 * file or its WAL, for at most 30 seconds. */
gboolean
wait_erased (const char         *path,
             const char * const *secrets,
             guint               n_secrets)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < n_secrets && !found; i++)
        found = file_contains (path, secrets[i]) || file_contains (wal, secrets[i]);
      if (!found)
        return TRUE;

      for (guint i = 0; i < 20; i++)
        {
          while (g_main_context_iteration (NULL, FALSE))
            ;
          g_usleep (10000);
        }
    }

  for (guint i = 0; i < n_secrets; i++)
    if (file_contains (path, secrets[i]) || file_contains (wal, secrets[i]))
      g_test_message ("still in the file: %s", secrets[i]);
  return FALSE;
}

