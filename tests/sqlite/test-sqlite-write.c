/* test-sqlite-write.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sqlite-write"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "clt-address.h"
#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer.h"
#include "clt-customer-number.h"
#include "clt-group.h"
#include "clt-email.h"
#include "clt-import-report.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-password.h"
#include "clt-query.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"
#include "clt-sqlite-store.h"

#include "sqlite-test-util.h"
#include "unprivileged.h"
#include "sqlite-write-util.h"

typedef StoreFixture Fixture;

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = new_customer ("Ada.Lovelace@Example.ORG", "Ada", "Lovelace");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) fetched = NULL;
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) id_regex = g_regex_new ("^[A-Za-z0-9_-]{1,66}$", 0, 0, NULL);
  static const char * const groups[] = { NULL };
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  CltEmail *verification;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  clt_customer_set_phone (customer, "+49 30 123456");
  clt_customer_set_date_of_birth (customer, "1990-12-10");
  clt_customer_set_verified (customer, TRUE);   /* ignored: new customers are unverified */
  clt_customer_set_groups (customer, groups);

  stored = create (STORE (fixture), customer, "correct horse battery", FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);

  g_assert_true (g_regex_match (id_regex, clt_customer_get_id (stored), 0, NULL));
  g_assert_cmpstr (clt_customer_get_email (stored), ==, "ada.lovelace@example.org");
  g_assert_true (g_str_has_prefix (clt_customer_get_number (stored), "CUST-"));
  g_assert_true (clt_customer_number_is_valid (clt_customer_get_number (stored)));
  g_assert_false (clt_customer_get_verified (stored));
  g_assert_cmpint (clt_customer_get_version (stored), ==, 1);
  g_assert_nonnull (clt_customer_get_registered (stored));
  g_assert_cmpint (g_date_time_compare (clt_customer_get_registered (stored), before), >=, 0);
  g_assert_nonnull (clt_customer_get_updated (stored));
  g_assert_cmpstr (clt_customer_get_phone (stored), ==, "+49 30 123456");
  g_assert_cmpstr (clt_customer_get_date_of_birth (stored), ==, "1990-12-10");

  fetched = get (STORE (fixture), clt_customer_get_id (stored), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_number (fetched), ==, clt_customer_get_number (stored));
  g_assert_cmpuint (count_matching (STORE (fixture), "lovelace"), ==, 1);

  /* Active and not on hold with a password: verification + initial password. */
  emails = list_emails (STORE (fixture), clt_customer_get_id (stored));
  g_assert_cmpuint (emails->len, ==, 2);
  verification = find_email (emails, "verification");
  g_assert_nonnull (verification);
  g_assert_cmpstr (clt_email_get_recipient (verification), ==, "ada.lovelace@example.org");
  g_assert_nonnull (strstr (clt_email_get_body (verification), "/verify?token="));
  g_assert_cmpint (clt_email_get_state (verification), ==, CLT_EMAIL_STATE_QUEUED);
  g_assert_nonnull (find_email (emails, "initial-password"));
  g_assert_nonnull (strstr (clt_email_get_body (find_email (emails, "initial-password")),
                            "correct horse battery"));
  g_assert_null (find_email (emails, "password-token"));

  /* Only a hash of the password is kept; the verification token too. */
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT password_hash FROM customers WHERE id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, clt_customer_get_id (stored), -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 0), "$y$"));
  g_assert_true (clt_password_verify ("correct horse battery",
                                      (const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  {
    const char *body = clt_email_get_body (verification);
    const char *token = strstr (body, "token=") + strlen ("token=");
    g_autofree char *plain = g_strndup (token, strspn (token, "0123456789abcdef"));
    g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, plain, -1);
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM customer_tokens WHERE token_hash = '%s'"
                                            " OR token_hash = '%s'",
                                            plain, hash);

    g_assert_cmpuint (strlen (plain), ==, 64);
    g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM customer_tokens WHERE token_hash = ?",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, plain, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
}

static void
test_custom_id_and_duplicates (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(CltCustomer) first = new_customer ("grace@example.org", "Grace", "Hopper");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) again = NULL;
  g_autoptr(GError) error = NULL;

  clt_customer_set_id (first, "grace_H-1");
  stored = create (STORE (fixture), first, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_id (stored), ==, "grace_H-1");

  /* The same email, differing only in case. */
  again = new_customer ("GRACE@Example.org", "Other", "Person");
  g_assert_null (create (STORE (fixture), again, NULL, FALSE, &error));
  assert_conflict (error, "email");
  g_clear_error (&error);

  /* The same custom id. */
  clt_customer_set_email (again, "other@example.org");
  clt_customer_set_id (again, "grace_H-1");
  g_assert_null (create (STORE (fixture), again, NULL, FALSE, &error));
  assert_conflict (error, "id");
  g_clear_error (&error);

  /* Nothing was written by the refusals. */
  g_assert_cmpuint (count_matching (STORE (fixture), ""), ==, 1);
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *future = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autofree char *long_name = g_strnfill (101, 'a');
  g_autofree char *long_id = g_strnfill (67, 'a');
  static const char bad_utf8[] = "Lov\xff\xfe" "lace";
  struct {
    const char *field;
    const char *value;
  } cases[] = {
    { "email", "not-an-email" },
    { "email", "" },
    { "first-name", "" },
    { "first-name", long_name },
    { "last-name", bad_utf8 },
    { "date-of-birth", future },
    { "currency", "XYZ" },
    { "id", long_id },
    { "id", "has space" },
    { "phone", "call me" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CltCustomer) customer = new_customer ("valid@example.org", "Valid", "Person");
      g_autoptr(GError) error = NULL;

      g_object_set (customer, cases[i].field, cases[i].value, NULL);
      g_assert_null (create (STORE (fixture), customer, NULL, FALSE, &error));
      g_test_message ("%s (case %u): %s", cases[i].field, i,
                      error != NULL ? error->message : "(accepted)");
      assert_invalid (error, cases[i].field);
    }

  /* A too short initial password. */
  {
    g_autoptr(CltCustomer) customer = new_customer ("valid@example.org", "Valid", "Person");
    g_autoptr(GError) error = NULL;

    g_assert_null (create (STORE (fixture), customer, "short", FALSE, &error));
    assert_invalid (error, "password");
  }

  /* An unknown group. */
  {
    g_autoptr(CltCustomer) customer = new_customer ("valid@example.org", "Valid", "Person");
    g_autoptr(GError) error = NULL;
    static const char * const groups[] = { "no-such-group", NULL };

    clt_customer_set_groups (customer, groups);
    g_assert_null (create (STORE (fixture), customer, NULL, FALSE, &error));
    assert_invalid (error, "groups");
  }

  g_assert_cmpuint (count_matching (STORE (fixture), ""), ==, 0);
}

static void
test_numbers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_ascending = 0;
  guint n_far = 0;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *email = g_strdup_printf ("n%u@example.org", i);
      g_autoptr(CltCustomer) stored = create_ok (STORE (fixture), email, "N", "Umber");
      const char *number = clt_customer_get_number (stored);

      g_assert_true (clt_customer_number_is_valid (number));
      g_assert_false (g_hash_table_contains (seen, number));
      g_ptr_array_add (numbers, g_strdup (number));
      g_hash_table_add (seen, g_ptr_array_index (numbers, numbers->len - 1));
    }

  for (guint i = 1; i < numbers->len; i++)
    {
      const char *a = g_ptr_array_index (numbers, i - 1);
      const char *b = g_ptr_array_index (numbers, i);
      guint differ = 0;

      if (strcmp (a, b) < 0)
        n_ascending++;
      for (guint k = 0; a[k] != '\0' && b[k] != '\0'; k++)
        differ += a[k] != b[k];
      if (differ >= 4)
        n_far++;
    }

  /* Consecutive customers get numbers that neither sort in creation order
   * nor differ in a symbol or two only. */
  g_assert_cmpuint (n_ascending, <, numbers->len - 1);
  g_assert_cmpuint (n_far, >=, (numbers->len - 1) * 3 / 4);
}

static void
test_emails (Fixture       *fixture,
             gconstpointer  data)
{
  struct {
    gboolean    active, on_hold;
    const char *password;
    gboolean    token;
    const char *expected;
  } cases[] = {
    { TRUE,  FALSE, NULL,              FALSE, "verification" },
    { TRUE,  FALSE, NULL,              TRUE,  "verification password-token" },
    { TRUE,  FALSE, "initial-pass-1",  FALSE, "verification initial-password" },
    { FALSE, TRUE,  "initial-pass-2",  FALSE, "verification account-prepared" },
    { FALSE, FALSE, "initial-pass-3",  FALSE, "verification account-prepared" },
    { TRUE,  TRUE,  "initial-pass-4",  TRUE,  "verification password-token account-prepared" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *email = g_strdup_printf ("mail%u@example.org", i);
      g_autoptr(CltCustomer) customer = new_customer (email, "Mai", "Ler");
      g_autoptr(CltCustomer) stored = NULL;
      g_autoptr(CltCustomer) activated = NULL;
      g_autoptr(CltCustomer) again = NULL;
      g_autoptr(GPtrArray) emails = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) kinds = g_strsplit (cases[i].expected, " ", -1);

      clt_customer_set_active (customer, cases[i].active);
      clt_customer_set_on_hold (customer, cases[i].on_hold);
      stored = create (STORE (fixture), customer, cases[i].password, cases[i].token, &error);
      g_assert_no_error (error);

      emails = list_emails (STORE (fixture), clt_customer_get_id (stored));
      g_assert_cmpuint (emails->len, ==, g_strv_length (kinds));
      for (guint k = 0; kinds[k] != NULL; k++)
        {
          CltEmail *mail = find_email (emails, kinds[k]);

          g_assert_nonnull (mail);
          g_assert_cmpstr (clt_email_get_recipient (mail), ==, email);
          g_assert_cmpstr (clt_email_get_subject (mail), !=, "");
          if (g_str_equal (kinds[k], "initial-password") || g_str_equal (kinds[k], "account-prepared"))
            g_assert_nonnull (strstr (clt_email_get_body (mail), cases[i].password));
          if (g_str_equal (kinds[k], "account-prepared"))
            g_assert_nonnull (strstr (clt_email_get_body (mail), "being prepared"));
          if (g_str_equal (kinds[k], "password-token"))
            g_assert_nonnull (strstr (clt_email_get_body (mail), "set-password?token="));
        }
      g_clear_pointer (&emails, g_ptr_array_unref);

      /* Activating: a prepared account gets "account-active", once. */
      clt_customer_set_active (stored, TRUE);
      clt_customer_set_on_hold (stored, FALSE);
      activated = update (STORE (fixture), stored, &error);
      g_assert_no_error (error);
      clt_customer_set_first_name (activated, "Maia");
      again = update (STORE (fixture), activated, &error);
      g_assert_no_error (error);

      emails = list_emails (STORE (fixture), clt_customer_get_id (stored));
      g_assert_cmpuint (count_kind (emails, "account-active"), ==,
                        g_strv_contains ((const char * const *) kinds, "account-prepared") ? 1 : 0);
    }
}

static void
test_password_reset_and_state (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(CltCustomer) stored = create_ok (STORE (fixture), "reset@example.org", "Re", "Set");
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CltEmail *reset;
  g_autofree char *id = NULL;

  g_assert_true (password_reset (STORE (fixture), clt_customer_get_id (stored), &error));
  g_assert_no_error (error);
  g_assert_false (password_reset (STORE (fixture), "nobody", &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  emails = list_emails (STORE (fixture), clt_customer_get_id (stored));
  reset = find_email (emails, "password-reset");
  g_assert_nonnull (reset);
  g_assert_nonnull (strstr (clt_email_get_body (reset), "reset-password?token="));
  /* Newest first. */
  g_assert_true (g_ptr_array_index (emails, 0) == reset);
  id = g_strdup (clt_email_get_id (reset));
  g_clear_pointer (&emails, g_ptr_array_unref);

  clt_store_set_email_state_async (STORE (fixture), id, CLT_EMAIL_STATE_SENT, NULL,
                                   on_result_cb, &result);
  g_assert_true (clt_store_set_email_state_finish (STORE (fixture), wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  emails = list_emails (STORE (fixture), clt_customer_get_id (stored));
  g_assert_cmpint (clt_email_get_state (find_email (emails, "password-reset")), ==,
                   CLT_EMAIL_STATE_SENT);
  g_assert_cmpint (clt_email_get_state (find_email (emails, "verification")), ==,
                   CLT_EMAIL_STATE_QUEUED);

  clt_store_set_email_state_async (STORE (fixture), "no-such-mail", CLT_EMAIL_STATE_SENT, NULL,
                                   on_result_cb, &result);
  g_assert_false (clt_store_set_email_state_finish (STORE (fixture), wait_for (&result), &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CltCustomer) stored = create_ok (STORE (fixture), "edit@example.org", "Ed", "It");
  g_autoptr(CltCustomer) first = NULL;
  g_autoptr(CltCustomer) stale = clt_customer_copy (stored);
  g_autoptr(CltCustomer) fetched = NULL;
  g_autoptr(CltCustomer) ghost = NULL;
  g_autoptr(GError) error = NULL;

  clt_customer_set_last_name (stored, "Itwell");
  clt_customer_set_company (stored, "Umbrella Works");
  clt_customer_set_verified (stored, TRUE);
  first = update (STORE (fixture), stored, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_customer_get_version (first), ==, 2);
  g_assert_cmpstr (clt_customer_get_last_name (first), ==, "Itwell");
  g_assert_true (clt_customer_get_verified (first));
  g_assert_cmpuint (count_matching (STORE (fixture), "itwell"), ==, 1);
  g_assert_cmpuint (count_matching (STORE (fixture), "umbrella"), ==, 1);

  /* Someone else's older copy. */
  clt_customer_set_first_name (stale, "Stale");
  g_assert_null (update (STORE (fixture), stale, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE);
  g_clear_error (&error);
  fetched = get (STORE (fixture), clt_customer_get_id (stored), &error);
  g_assert_cmpstr (clt_customer_get_first_name (fetched), ==, "Ed");

  /* The email cannot change. */
  clt_customer_set_email (first, "changed@example.org");
  g_assert_null (update (STORE (fixture), first, &error));
  assert_invalid (error, "email");
  g_clear_error (&error);
  clt_customer_set_email (first, "EDIT@example.org");

  /* Defaults must be the customer's own addresses. */
  clt_customer_set_default_billing_address (first, "not-mine");
  g_assert_null (update (STORE (fixture), first, &error));
  assert_invalid (error, "default-billing-address");
  g_clear_error (&error);
  clt_customer_set_default_billing_address (first, "");

  /* Validation on update too. */
  clt_customer_set_currency (first, "ZZZ");
  g_assert_null (update (STORE (fixture), first, &error));
  assert_invalid (error, "currency");
  g_clear_error (&error);
  clt_customer_set_currency (first, "EUR");

  ghost = clt_customer_copy (first);
  clt_customer_set_id (ghost, "nobody");
  g_assert_null (update (STORE (fixture), ghost, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
}

static void
test_addresses (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CltCustomer) owner = create_ok (STORE (fixture), "addr@example.org", "Ad", "Dress");
  g_autoptr(CltCustomer) other = create_ok (STORE (fixture), "other@example.org", "Ot", "Her");
  const char *id = clt_customer_get_id (owner);
  g_autoptr(CltAddress) home = new_address (id, "Hauptstr. 1", "10115", "Berlin");
  g_autoptr(CltAddress) work = new_address (id, "Marienplatz 2", "80331", "München");
  g_autoptr(CltAddress) stored_home = NULL;
  g_autoptr(CltAddress) stored_work = NULL;
  g_autoptr(CltAddress) updated = NULL;
  g_autoptr(CltAddress) foreign = NULL;
  g_autoptr(CltAddress) bad = NULL;
  g_autoptr(CltCustomer) fetched = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GError) error = NULL;

  stored_home = create_address (STORE (fixture), home, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_address_get_id (stored_home), !=, "");
  g_assert_cmpint (clt_address_get_version (stored_home), ==, 1);

  /* The first address becomes both defaults and the customer's location. */
  fetched = get (STORE (fixture), id, &error);
  g_assert_cmpstr (clt_customer_get_default_billing_address (fetched), ==, clt_address_get_id (stored_home));
  g_assert_cmpstr (clt_customer_get_default_shipping_address (fetched), ==, clt_address_get_id (stored_home));
  g_assert_cmpstr (clt_customer_get_city (fetched), ==, "Berlin");
  g_assert_cmpstr (clt_customer_get_country (fetched), ==, "DE");
  g_assert_cmpuint (count_matching (STORE (fixture), "berlin"), ==, 1);
  g_clear_object (&fetched);

  clt_address_set_id (work, "work");
  stored_work = create_address (STORE (fixture), work, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_address_get_id (stored_work), ==, "work");
  g_assert_null (create_address (STORE (fixture), work, &error));
  assert_conflict (error, "id");
  g_clear_error (&error);

  addresses = list_addresses (STORE (fixture), id);
  g_assert_cmpuint (addresses->len, ==, 2);

  g_assert_true (set_default (STORE (fixture), id, "work", CLT_ADDRESS_USE_BILLING, &error));
  g_assert_no_error (error);
  fetched = get (STORE (fixture), id, &error);
  g_assert_cmpstr (clt_customer_get_default_billing_address (fetched), ==, "work");
  g_assert_cmpstr (clt_customer_get_default_shipping_address (fetched), ==, clt_address_get_id (stored_home));
  g_assert_cmpstr (clt_customer_get_city (fetched), ==, "München");
  g_assert_cmpstr (clt_customer_get_zip_code (fetched), ==, "80331");
  g_assert_cmpuint (count_matching (STORE (fixture), "munchen"), ==, 1);
  g_clear_object (&fetched);

  /* Another customer's address cannot become a default. */
  foreign = new_address (clt_customer_get_id (other), "Elsewhere 3", "20095", "Hamburg");
  g_clear_object (&foreign);
  g_assert_false (set_default (STORE (fixture), clt_customer_get_id (other), "work",
                               CLT_ADDRESS_USE_SHIPPING, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Updating: new version; stale copies are refused. */
  clt_address_set_city (stored_work, "Muenchen");
  updated = update_address (STORE (fixture), stored_work, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_address_get_version (updated), ==, 2);
  fetched = get (STORE (fixture), id, &error);
  g_assert_cmpstr (clt_customer_get_city (fetched), ==, "Muenchen");
  g_clear_object (&fetched);
  g_assert_null (update_address (STORE (fixture), stored_work, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE);
  g_clear_error (&error);

  /* Validation. */
  bad = clt_address_copy (updated);
  clt_address_set_country (bad, "QQ");
  g_assert_null (update_address (STORE (fixture), bad, &error));
  assert_invalid (error, "country");
  g_clear_error (&error);
  clt_address_set_country (bad, "DE");
  clt_address_set_zip_code (bad, "1234567");
  g_assert_null (update_address (STORE (fixture), bad, &error));
  assert_invalid (error, "zip-code");
  g_clear_error (&error);
  clt_address_set_zip_code (bad, "80331");
  clt_address_set_address1 (bad, "Bad \xc3\x28 street");
  g_assert_null (create_address (STORE (fixture), bad, &error));
  assert_invalid (error, "address1");
  g_clear_error (&error);
  clt_address_set_address1 (bad, "Fine 1");
  clt_address_set_customer_id (bad, "nobody");
  clt_address_set_id (bad, "");
  g_assert_null (create_address (STORE (fixture), bad, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting the default billing address clears that default. */
  g_assert_true (delete_address (STORE (fixture), id, "work", &error));
  g_assert_no_error (error);
  fetched = get (STORE (fixture), id, &error);
  g_assert_cmpstr (clt_customer_get_default_billing_address (fetched), ==, "");
  g_assert_cmpstr (clt_customer_get_default_shipping_address (fetched), ==, clt_address_get_id (stored_home));
  g_assert_cmpstr (clt_customer_get_city (fetched), ==, "Berlin");
  g_clear_object (&fetched);
  g_assert_false (delete_address (STORE (fixture), id, "work", &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
}

static void
test_notes (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CltCustomer) stored = create_ok (STORE (fixture), "notes@example.org", "No", "Tes");
  g_autoptr(CltNote) first = NULL;
  g_autoptr(CltNote) second = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_note = g_strnfill (5001, 'x');

  first = add_note (STORE (fixture), clt_customer_get_id (stored), "Called about the invoice.", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_note_get_author (first), !=, "");
  g_assert_nonnull (clt_note_get_created (first));
  second = add_note (STORE (fixture), clt_customer_get_id (stored), "Second line\nof text.", &error);
  g_assert_no_error (error);

  notes = list_notes (STORE (fixture), clt_customer_get_id (stored));
  g_assert_cmpuint (notes->len, ==, 2);
  g_assert_cmpstr (clt_note_get_message (g_ptr_array_index (notes, 0)), ==, "Second line\nof text.");
  g_assert_cmpstr (clt_note_get_message (g_ptr_array_index (notes, 1)), ==, "Called about the invoice.");

  g_assert_null (add_note (STORE (fixture), clt_customer_get_id (stored), "   ", &error));
  assert_invalid (error, "message");
  g_clear_error (&error);
  g_assert_null (add_note (STORE (fixture), clt_customer_get_id (stored), long_note, &error));
  assert_invalid (error, "message");
  g_clear_error (&error);
  g_assert_null (add_note (STORE (fixture), "nobody", "Hello", &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = new_customer ("qwxz.Zyxwvutsson@Example.org", "Qorvandel",
                                                  "Zyxwvutsson");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) gone = NULL;
  g_autoptr(CltCustomer) again = NULL;
  g_autoptr(CltCustomer) bystander = NULL;
  g_autoptr(CltAddress) address = NULL;
  g_autoptr(CltAddress) stored_address = NULL;
  g_autoptr(CltNote) note = NULL;
  g_autofree char *emails = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *id = NULL;
  static const char * const secrets[] = {
    "qwxz.zyxwvutsson@example.org", "Zyxwvutsson", "Qorvandel", "Xylophonweg", "Quetzalburg",
    "+49 171 9988776", "Blorptastic",
  };
  g_autoptr(CltCustomer) with_order = NULL;
  g_autoptr(GPtrArray) import = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  CltOrder *order;
  sqlite3 *db;

  clt_customer_set_phone (customer, "+49 171 9988776");
  clt_customer_set_company (customer, "Blorptastic GmbH");
  clt_customer_set_date_of_birth (customer, "1977-03-04");
  stored = create (STORE (fixture), customer, "secret-password-1", TRUE, &error);
  g_assert_no_error (error);
  id = g_strdup (clt_customer_get_id (stored));

  address = new_address (id, "Xylophonweg 17", "12345", "Quetzalburg");
  stored_address = create_address (STORE (fixture), address, &error);
  g_assert_no_error (error);
  note = add_note (STORE (fixture), id, "Zyxwvutsson asked for a callback.", &error);
  g_assert_no_error (error);
  bystander = create_ok (STORE (fixture), "bystander@example.org", "Bys", "Tander");
  g_assert_cmpuint (count_matching (STORE (fixture), "zyxwvutsson"), ==, 1);
  g_assert_cmpuint (count_matching (STORE (fixture), "quetzalburg"), ==, 1);

  /* A customer with an order, imported, to see that orders stay. */
  with_order = new_customer ("buyer@example.org", "Bu", "Yer");
  clt_customer_set_id (with_order, "buyer");
  clt_customer_set_number (with_order, "CUST-BUYER0001");
  order = clt_order_new ();
  clt_order_set_reference (order, "ORD-1");
  clt_order_set_total (order, 1234);
  clt_order_set_currency (order, "EUR");
  g_ptr_array_add (clt_customer_get_import_orders (with_order), order);
  g_ptr_array_add (import, g_object_ref (with_order));
  clt_store_import_customers_async (STORE (fixture), import, NULL, NULL, on_result_cb, &result);
  report = clt_store_import_customers_finish (STORE (fixture), wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, import->len);
  g_clear_object (&result);

  /* A REST response cached for replay that holds the customer. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO idempotency_keys (username, key, response)"
                                     " VALUES ('admin', 'k1', '{\"email\":\"QWXZ.Zyxwvutsson@example.org\"}')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (delete_customer (STORE (fixture), id, &error));
  g_assert_no_error (error);
  g_assert_true (delete_customer (STORE (fixture), "buyer", &error));
  g_assert_no_error (error);

  /* Gone from the table and the search, and by its id (the custom id may
   * be personal: it was replaced); the row stays, anonymized. */
  g_assert_cmpuint (count_matching (STORE (fixture), ""), ==, 1);
  g_assert_cmpuint (count_matching (STORE (fixture), "zyxwvutsson"), ==, 0);
  g_assert_cmpuint (count_matching (STORE (fixture), "quetzalburg"), ==, 0);
  g_assert_null (get (STORE (fixture), id, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autofree char *row = NULL;

    row = query_text (fixture->path,
                      "SELECT email || '|' || id || '|' || first_name || last_name || phone ||"
                      " company || date_of_birth || city || locale || ifnull (last_login, '') ||"
                      " ifnull (registered, '') || '|' || (anonymized_at IS NOT NULL) || '|' ||"
                      " (SELECT count(*) FROM addresses a WHERE a.customer_pk = c.pk) ||"
                      " (SELECT count(*) FROM notes n WHERE n.customer_pk = c.pk)"
                      " FROM customers c WHERE c.first_name = '' AND c.number = ?",
                      clt_customer_get_number (stored));
    g_test_message ("anonymized row: %s", row);
    g_assert_true (g_str_has_prefix (row, "deleted-"));
    g_assert_nonnull (strstr (row, "@anonymized.invalid|deleted-"));
    g_assert_true (g_str_has_suffix (row, "||1|00"));
  }
  emails = list_emails_where (fixture->path, clt_customer_get_number (stored));
  g_assert_cmpstr (emails, ==, "");

  /* Orders stay, with the anonymized row. */
  {
    g_autofree char *n_orders = query_text (fixture->path,
                                            "SELECT count(*) FROM orders WHERE customer_pk ="
                                            " (SELECT pk FROM customers WHERE number = ?)",
                                            "CUST-BUYER0001");

    g_assert_cmpstr (n_orders, ==, "1");
  }

  /* Deleted customers cannot be written any more. */
  g_assert_false (delete_customer (STORE (fixture), id, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  clt_customer_set_first_name (stored, "Back");
  clt_customer_set_last_name (stored, "Again");
  g_assert_null (update (STORE (fixture), stored, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Within seconds nothing of it is left in the file, the WAL included:
   * the store merges the search index in steps and checkpoints. */
  g_assert_true (file_contains (fixture->path, "bystander@example.org") ||
                 file_contains (wal, "bystander@example.org"));
  g_assert_true (wait_erased (fixture->path, secrets, G_N_ELEMENTS (secrets)));

  /* The email is free again. */
  again = create_ok (STORE (fixture), "QWXZ.zyxwvutsson@example.org", "Qorvandel", "Zyxwvutsson");
  g_assert_cmpstr (clt_customer_get_id (again), !=, id);
  g_assert_cmpuint (count_matching (STORE (fixture), "zyxwvutsson"), ==, 1);
}

static void
test_anonymized_email_random (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char *emails[2];

  /* The same address deleted twice anonymizes to different tokens. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CltCustomer) stored = create_ok (STORE (fixture), "twice@example.org", "Tw", "Ice");

      g_assert_true (delete_customer (STORE (fixture), clt_customer_get_id (stored), &error));
      g_assert_no_error (error);
      emails[i] = query_text (fixture->path, "SELECT email FROM customers WHERE number = ?",
                              clt_customer_get_number (stored));
      g_assert_true (g_str_has_prefix (emails[i], "deleted-"));
      g_assert_null (strstr (emails[i], "twice"));
    }
  g_assert_cmpstr (emails[0], !=, emails[1]);
  g_free (emails[0]);
  g_free (emails[1]);
}

typedef struct
{
  GPtrArray *ids;
} Changes;

static void
on_changed_cb (CltStore      *store,
               CltChangeKind  kind,
               const char    *customer_id,
               gpointer       user_data)
{
  Changes *changes = user_data;

  /* The customers' own changes (the address's is CLT_CHANGE_ADDRESS,
   * still with the customer's id). */
  if (kind != CLT_CHANGE_CUSTOMER && kind != CLT_CHANGE_ADDRESS)
    return;
  g_ptr_array_add (changes->ids, g_strdup (customer_id != NULL ? customer_id : "(null)"));
}

static void
wait_changes (Changes *changes,
              guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (changes->ids->len < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changes->ids->len, ==, n);
}

static void
test_changed (Fixture       *fixture,
              gconstpointer  data)
{
  Changes changes = { g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) updated = NULL;
  g_autoptr(CltCustomer) dup = new_customer ("signal@example.org", "Si", "Gnal");
  g_autoptr(CltAddress) address = NULL;
  g_autoptr(CltAddress) stored_address = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed_cb), &changes);

  stored = create_ok (STORE (fixture), "signal@example.org", "Si", "Gnal");
  id = clt_customer_get_id (stored);
  wait_changes (&changes, 1);
  g_assert_cmpstr (g_ptr_array_index (changes.ids, 0), ==, id);

  /* A refused write changes nothing. */
  g_assert_null (create (STORE (fixture), dup, NULL, FALSE, &error));
  g_clear_error (&error);
  wait_changes (&changes, 1);

  clt_customer_set_first_name (stored, "Sig");
  updated = update (STORE (fixture), stored, &error);
  g_assert_no_error (error);
  wait_changes (&changes, 2);
  g_assert_cmpstr (g_ptr_array_index (changes.ids, 1), ==, id);

  address = new_address (id, "Signalweg 1", "10115", "Berlin");
  stored_address = create_address (STORE (fixture), address, &error);
  g_assert_no_error (error);
  wait_changes (&changes, 3);
  g_assert_cmpstr (g_ptr_array_index (changes.ids, 2), ==, id);

  g_assert_true (delete_customer (STORE (fixture), id, &error));
  wait_changes (&changes, 4);
  g_assert_cmpstr (g_ptr_array_index (changes.ids, 3), ==, id);

  g_signal_handlers_disconnect_by_func (fixture->store, on_changed_cb, &changes);
  g_ptr_array_unref (changes.ids);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) customer = new_customer ("ro2@example.org", "Re", "Ad");
  g_autoptr(CltAddress) address = NULL;
  g_autoptr(GError) error = NULL;

  if (run_unprivileged ("/clt/sqlite-write/read-only"))
    return;

  stored = create_ok (STORE (fixture), "ro@example.org", "Re", "Ad");
  close_store (g_steal_pointer (&fixture->store));
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  fixture->store = open_store (fixture->path);
  g_assert_true (clt_store_get_read_only (STORE (fixture)));

  g_assert_null (create (STORE (fixture), customer, NULL, FALSE, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (update (STORE (fixture), stored, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (delete_customer (STORE (fixture), clt_customer_get_id (stored), &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (add_note (STORE (fixture), clt_customer_get_id (stored), "Hi", &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  address = new_address (clt_customer_get_id (stored), "Weg 1", "10115", "Berlin");
  g_assert_null (create_address (STORE (fixture), address, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (password_reset (STORE (fixture), clt_customer_get_id (stored), &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_cmpuint (count_matching (STORE (fixture), ""), ==, 1);
  close_store (g_steal_pointer (&fixture->store));
  g_chmod (fixture->path, 0644);
}

/* Settings {{{ */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/clt/sqlite-write/" path, Fixture, NULL, store_fixture_setup, func, \
              store_fixture_teardown)

  ADD ("create", test_create);
  ADD ("duplicates", test_custom_id_and_duplicates);
  ADD ("validation", test_validation);
  ADD ("numbers", test_numbers);
  ADD ("emails", test_emails);
  ADD ("password-reset-and-state", test_password_reset_and_state);
  ADD ("update", test_update);
  ADD ("addresses", test_addresses);
  ADD ("notes", test_notes);
  ADD ("delete", test_delete);
  ADD ("anonymized-email-random", test_anonymized_email_random);
  ADD ("changed", test_changed);
  ADD ("read-only", test_read_only);

  return g_test_run ();
}
