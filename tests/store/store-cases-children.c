/* store-cases-children.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-conformance"

#include "config.h"

#include <string.h>

#include "store-test-util.h"

/* What belongs to a customer: addresses and the default ones, notes,
 * orders, the outbox, and the customer page's details in one call. */

/* Helpers {{{ */

static CltAddress *
get_address (CltStore   *store,
             const char *customer_id,
             const char *address_id)
{
  g_autoptr(GError) error = NULL;
  CltAddress *address = sync_get_address (store, customer_id, address_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (address);
  return address;
}

static GPtrArray *
list_addresses (CltStore   *store,
                const char *customer_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *addresses = sync_list_addresses (store, customer_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (addresses);
  return addresses;
}

static GPtrArray *
list_notes (CltStore   *store,
            const char *customer_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *notes = sync_list_notes (store, customer_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (notes);
  return notes;
}

static GPtrArray *
list_emails (CltStore   *store,
             const char *customer_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *emails = sync_list_emails (store, customer_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (emails);
  return emails;
}

static CltEmail *
find_email (GPtrArray  *emails,
            const char *kind)
{
  for (guint i = 0; i < emails->len; i++)
    if (g_str_equal (clt_email_get_kind (g_ptr_array_index (emails, i)), kind))
      return g_ptr_array_index (emails, i);

  return NULL;
}

static void
assert_address_invalid (CltStore   *store,
                        CltAddress *address,
                        const char *field)
{
  g_autoptr(CltAddress) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = sync_create_address (store, address, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_INVALID, field);
  g_assert_null (stored);
}

static gboolean
within_minutes (GDateTime *time,
                int        minutes)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return time != NULL &&
         ABS (g_date_time_difference (time, now)) < minutes * G_TIME_SPAN_MINUTE;
}

/* }}} */

/* Addresses {{{ */

static void
test_address_create (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltAddress) address = make_address (clt_customer_get_id (anna), "Berlin", "10115");
  g_autoptr(CltAddress) stored = NULL;
  g_autoptr(CltAddress) read = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GError) error = NULL;

  clt_address_set_address2 (address, "Hinterhaus");
  clt_address_set_company (address, "Schmidt GmbH");
  clt_address_set_phone (address, "+49 30 98765");
  clt_address_set_comment (address, "Ring twice.\nThird floor.");
  stored = sync_create_address (fixture->store, address, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (clt_address_get_id (stored), !=, "");
  g_assert_cmpstr (clt_address_get_customer_id (stored), ==, clt_customer_get_id (anna));
  g_assert_cmpint (clt_address_get_version (stored), >, 0);

  read = get_address (fixture->store, clt_customer_get_id (anna), clt_address_get_id (stored));
  g_assert_cmpstr (clt_address_get_first_name (read), ==, "Erika");
  g_assert_cmpstr (clt_address_get_address1 (read), ==, "Hauptstraße 1");
  g_assert_cmpstr (clt_address_get_address2 (read), ==, "Hinterhaus");
  g_assert_cmpstr (clt_address_get_zip_code (read), ==, "10115");
  g_assert_cmpstr (clt_address_get_city (read), ==, "Berlin");
  g_assert_cmpstr (clt_address_get_country (read), ==, "DE");
  g_assert_cmpstr (clt_address_get_company (read), ==, "Schmidt GmbH");
  g_assert_cmpstr (clt_address_get_comment (read), ==, "Ring twice.\nThird floor.");
  g_assert_cmpint (clt_address_get_version (read), ==, clt_address_get_version (stored));

  addresses = list_addresses (fixture->store, clt_customer_get_id (anna));
  g_assert_cmpuint (addresses->len, ==, 1);
  g_assert_cmpstr (clt_address_get_id (g_ptr_array_index (addresses, 0)), ==,
                   clt_address_get_id (stored));
}

static void
test_address_custom_id (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltAddress) address = make_address (clt_customer_get_id (anna), "Berlin", "10115");
  g_autoptr(CltAddress) again = make_address (clt_customer_get_id (anna), "Bonn", "53111");
  g_autoptr(CltAddress) stored = NULL;
  g_autoptr(CltAddress) refused = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GError) error = NULL;

  clt_address_set_id (address, "home");
  stored = sync_create_address (fixture->store, address, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_address_get_id (stored), ==, "home");

  clt_address_set_id (again, "home");
  refused = sync_create_address (fixture->store, again, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_CONFLICT, "id");
  g_assert_null (refused);
  g_clear_error (&error);

  addresses = list_addresses (fixture->store, clt_customer_get_id (anna));
  g_assert_cmpuint (addresses->len, ==, 1);

  clt_address_set_id (again, "not a valid id");
  assert_address_invalid (fixture->store, again, "id");
}

static void
test_address_invalid (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(GPtrArray) addresses = NULL;
  struct {
    const char *field;
    const char *value;
  } values[] = {
    { "first-name", "" },
    { "last-name", "  " },
    { "address1", "" },
    { "zip-code", "" },
    { "zip-code", "1234" },        /* German codes have five digits */
    { "city", "" },
    { "country", "" },
    { "country", "XX" },
    { "country", "Germany" },
    { "phone", "call me" },
    { "city", "Berlin\x01" },
    { "address1", "Straße\n2" },   /* one line; only the comment has several */
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(CltAddress) address = make_address (clt_customer_get_id (anna), "Berlin", "10115");

      store_test_note ("%s “%s”", values[i].field, values[i].value);
      g_object_set (address, values[i].field, values[i].value, NULL);
      assert_address_invalid (fixture->store, address, values[i].field);
    }

  addresses = list_addresses (fixture->store, clt_customer_get_id (anna));
  g_assert_cmpuint (addresses->len, ==, 0);
}

static void
test_address_update (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltAddress) created = add_address (fixture->store, clt_customer_get_id (anna),
                                               "Berlin", "10115");
  g_autoptr(CltAddress) edit = clt_address_copy (created);
  g_autoptr(CltAddress) stored = NULL;
  g_autoptr(CltAddress) refused = NULL;
  g_autoptr(CltAddress) read = NULL;
  g_autoptr(GError) error = NULL;

  clt_address_set_city (edit, "München");
  clt_address_set_zip_code (edit, "80331");
  stored = sync_update_address (fixture->store, edit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_address_get_id (stored), ==, clt_address_get_id (created));
  g_assert_cmpint (clt_address_get_version (stored), >, clt_address_get_version (created));
  g_assert_cmpstr (clt_address_get_city (stored), ==, "München");

  /* Based on the old version: stale, and the first edit stays. */
  clt_address_set_city (edit, "Hamburg");
  clt_address_set_zip_code (edit, "20095");
  refused = sync_update_address (fixture->store, edit, &error);
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_assert_null (refused);
  g_clear_error (&error);

  /* Invalid: nothing written. */
  clt_address_set_version (edit, clt_address_get_version (stored));
  clt_address_set_zip_code (edit, "ABCDE");
  refused = sync_update_address (fixture->store, edit, &error);
  assert_store_error (error, CLT_STORE_ERROR_INVALID, "zip-code");
  g_assert_null (refused);
  g_clear_error (&error);

  read = get_address (fixture->store, clt_customer_get_id (anna), clt_address_get_id (created));
  g_assert_cmpstr (clt_address_get_city (read), ==, "München");
  g_assert_cmpint (clt_address_get_version (read), ==, clt_address_get_version (stored));
}

static void
test_address_delete (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltAddress) kept = add_address (fixture->store, clt_customer_get_id (anna),
                                            "Bonn", "53111");
  g_autoptr(CltAddress) created = add_address (fixture->store, clt_customer_get_id (anna),
                                               "Berlin", "10115");
  g_autoptr(CltAddress) edit = clt_address_copy (created);
  g_autoptr(CltAddress) edited = NULL;
  g_autoptr(CltAddress) gone = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GError) error = NULL;
  const char *customer_id = clt_customer_get_id (anna);
  const char *address_id = clt_address_get_id (created);

  clt_address_set_city (edit, "Potsdam");
  clt_address_set_zip_code (edit, "14467");
  edited = sync_update_address (fixture->store, edit, &error);
  g_assert_no_error (error);

  g_assert_false (sync_delete_address (fixture->store, customer_id, address_id,
                                       clt_address_get_version (created), &error));
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_clear_error (&error);

  g_assert_false (sync_delete_address (fixture->store, customer_id, "no-such-address", 1, &error));
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_clear_error (&error);

  g_assert_true (sync_delete_address (fixture->store, customer_id, address_id,
                                      clt_address_get_version (edited), &error));
  g_assert_no_error (error);

  gone = sync_get_address (fixture->store, customer_id, address_id, &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (gone);
  g_clear_error (&error);

  addresses = list_addresses (fixture->store, customer_id);
  g_assert_cmpuint (addresses->len, ==, 1);
  g_assert_cmpstr (clt_address_get_id (g_ptr_array_index (addresses, 0)), ==,
                   clt_address_get_id (kept));

  /* Gone: deleting again finds nothing. */
  g_assert_false (sync_delete_address (fixture->store, customer_id, address_id,
                                       clt_address_get_version (edited), &error));
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
}

static void
test_address_belongs_to_customer (StoreFixture  *fixture,
                                  gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltCustomer) berta = add_customer (fixture->store, "Berta", "Schulz",
                                               "berta@example.com");
  g_autoptr(CltAddress) annas = add_address (fixture->store, clt_customer_get_id (anna),
                                             "Berlin", "10115");
  g_autoptr(CltAddress) moved = clt_address_copy (annas);
  g_autoptr(CltAddress) read = NULL;
  g_autoptr(CltAddress) refused = NULL;
  g_autoptr(CltCustomer) refused_customer = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GError) error = NULL;
  const char *berta_id = clt_customer_get_id (berta);

  /* An address is only ever reached through its own customer. */
  read = sync_get_address (fixture->store, berta_id, clt_address_get_id (annas), &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (read);
  g_clear_error (&error);

  clt_address_set_customer_id (moved, berta_id);
  clt_address_set_city (moved, "Hijacked");
  refused = sync_update_address (fixture->store, moved, &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (refused);
  g_clear_error (&error);

  g_assert_false (sync_delete_address (fixture->store, berta_id, clt_address_get_id (annas),
                                       clt_address_get_version (annas), &error));
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_clear_error (&error);

  refused_customer = sync_set_default_address (fixture->store, berta_id,
                                               clt_customer_get_version (berta),
                                               clt_address_get_id (annas),
                                               CLT_ADDRESS_USE_BILLING, &error);
  assert_store_error_either (error, CLT_STORE_ERROR_NOT_FOUND, CLT_STORE_ERROR_INVALID);
  g_assert_null (refused_customer);
  g_clear_error (&error);

  addresses = list_addresses (fixture->store, clt_customer_get_id (anna));
  g_assert_cmpuint (addresses->len, ==, 1);
  g_assert_cmpstr (clt_address_get_city (g_ptr_array_index (addresses, 0)), ==, "Berlin");
  g_clear_pointer (&addresses, g_ptr_array_unref);
  addresses = list_addresses (fixture->store, berta_id);
  g_assert_cmpuint (addresses->len, ==, 0);
}

static void
test_address_unknown_customer (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(CltAddress) address = make_address ("no-such-customer", "Berlin", "10115");
  g_autoptr(CltAddress) stored = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GError) error = NULL;

  stored = sync_create_address (fixture->store, address, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (stored);
  g_clear_error (&error);

  addresses = sync_list_addresses (fixture->store, "no-such-customer", &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (addresses);
}

static void
test_address_defaults (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltAddress) berlin = add_address (fixture->store, clt_customer_get_id (anna),
                                              "Berlin", "10115");
  g_autoptr(CltAddress) vienna_in = make_address (clt_customer_get_id (anna), "Wien", "1010");
  g_autoptr(CltAddress) vienna = NULL;
  g_autoptr(CltCustomer) with_first = NULL;
  g_autoptr(CltCustomer) billing = NULL;
  g_autoptr(CltCustomer) shipping = NULL;
  g_autoptr(CltCustomer) refused = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = clt_customer_get_id (anna);

  clt_address_set_country (vienna_in, "AT");
  vienna = sync_create_address (fixture->store, vienna_in, NULL, &error);
  g_assert_no_error (error);

  /* The first address is what the table shows (as the default billing
   * address, or for want of one). */
  with_first = get_customer (fixture->store, id);
  g_assert_cmpstr (clt_customer_get_city (with_first), ==, "Berlin");
  g_assert_cmpstr (clt_customer_get_zip_code (with_first), ==, "10115");
  g_assert_cmpstr (clt_customer_get_country (with_first), ==, "DE");

  /* The default billing address wins. */
  billing = sync_set_default_address (fixture->store, id, clt_customer_get_version (with_first),
                                      clt_address_get_id (vienna), CLT_ADDRESS_USE_BILLING,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_default_billing_address (billing), ==,
                   clt_address_get_id (vienna));
  g_assert_cmpstr (clt_customer_get_default_shipping_address (billing), !=,
                   clt_address_get_id (vienna));
  g_assert_cmpstr (clt_customer_get_city (billing), ==, "Wien");
  g_assert_cmpstr (clt_customer_get_country (billing), ==, "AT");
  g_assert_cmpint (clt_customer_get_version (billing), >, clt_customer_get_version (with_first));

  shipping = sync_set_default_address (fixture->store, id, clt_customer_get_version (billing),
                                       clt_address_get_id (berlin), CLT_ADDRESS_USE_SHIPPING,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_default_shipping_address (shipping), ==,
                   clt_address_get_id (berlin));
  g_assert_cmpstr (clt_customer_get_default_billing_address (shipping), ==,
                   clt_address_get_id (vienna));
  g_assert_cmpstr (clt_customer_get_city (shipping), ==, "Wien");

  /* Stale, and an address that does not exist. */
  refused = sync_set_default_address (fixture->store, id, clt_customer_get_version (billing),
                                      clt_address_get_id (berlin), CLT_ADDRESS_USE_BILLING,
                                      &error);
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_assert_null (refused);
  g_clear_error (&error);
  refused = sync_set_default_address (fixture->store, id, clt_customer_get_version (shipping),
                                      "no-such-address", CLT_ADDRESS_USE_BILLING, &error);
  assert_store_error_either (error, CLT_STORE_ERROR_NOT_FOUND, CLT_STORE_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);

  read = get_customer (fixture->store, id);
  g_assert_cmpstr (clt_customer_get_default_billing_address (read), ==,
                   clt_address_get_id (vienna));
  g_assert_cmpstr (clt_customer_get_default_shipping_address (read), ==,
                   clt_address_get_id (berlin));
  g_assert_cmpint (clt_customer_get_version (read), ==, clt_customer_get_version (shipping));
}

static void
test_address_delete_default (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltAddress) berlin = add_address (fixture->store, clt_customer_get_id (anna),
                                              "Berlin", "10115");
  g_autoptr(CltAddress) bonn = add_address (fixture->store, clt_customer_get_id (anna),
                                            "Bonn", "53111");
  g_autoptr(CltCustomer) current = NULL;
  g_autoptr(CltCustomer) billing = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = clt_customer_get_id (anna);

  /* Adding addresses may have moved the customer's version: read it. */
  current = get_customer (fixture->store, id);
  billing = sync_set_default_address (fixture->store, id, clt_customer_get_version (current),
                                      clt_address_get_id (bonn), CLT_ADDRESS_USE_BILLING, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_city (billing), ==, "Bonn");

  /* Deleting the default leaves no reference to it behind; the table
   * falls back to the remaining address. */
  g_assert_true (sync_delete_address (fixture->store, id, clt_address_get_id (bonn),
                                      clt_address_get_version (bonn), &error));
  g_assert_no_error (error);

  read = get_customer (fixture->store, id);
  g_assert_cmpstr (clt_customer_get_default_billing_address (read), !=,
                   clt_address_get_id (bonn));
  g_assert_cmpstr (clt_customer_get_city (read), ==, "Berlin");
  g_assert_cmpint (clt_customer_get_version (read), >, clt_customer_get_version (billing));
}

/* }}} */

/* Notes {{{ */

static void
test_note_add_and_list (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(CltNote) first = NULL;
  g_autoptr(CltNote) second = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = clt_customer_get_id (anna);

  user = sync_get_current_user (fixture->store, &error);
  g_assert_no_error (error);

  first = sync_add_note (fixture->store, id, "Called about the invoice.", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpstr (clt_note_get_id (first), !=, "");
  g_assert_cmpstr (clt_note_get_customer_id (first), ==, id);
  g_assert_cmpstr (clt_note_get_message (first), ==, "Called about the invoice.");
  g_assert_true (within_minutes (clt_note_get_created (first), 2));
  /* The author is the signed-in user. */
  g_assert_cmpstr (clt_note_get_author (first), !=, "");
  g_assert_true (g_str_equal (clt_note_get_author (first),
                              clt_backoffice_user_get_username (user)) ||
                 g_str_equal (clt_note_get_author (first),
                              clt_backoffice_user_get_display_name (user)));

  second = sync_add_note (fixture->store, id, "Line one\nLine two\twith a tab", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_note_get_id (second), !=, clt_note_get_id (first));

  /* Newest first. */
  notes = list_notes (fixture->store, id);
  g_assert_cmpuint (notes->len, ==, 2);
  g_assert_cmpstr (clt_note_get_id (g_ptr_array_index (notes, 0)), ==, clt_note_get_id (second));
  g_assert_cmpstr (clt_note_get_id (g_ptr_array_index (notes, 1)), ==, clt_note_get_id (first));
  g_assert_cmpstr (clt_note_get_message (g_ptr_array_index (notes, 0)), ==,
                   "Line one\nLine two\twith a tab");
}

static void
test_note_invalid (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autofree char *longest = long_string ('n', CLT_VALIDATE_MAX_NOTE);
  g_autofree char *too_long = long_string ('n', CLT_VALIDATE_MAX_NOTE + 1);
  g_autoptr(CltNote) longest_note = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = clt_customer_get_id (anna);
  const char *messages[] = { "", "   \n\t ", too_long, "Bell\x07", "\xff\xfe", "Hidden\xef\xbf\xbe" };

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autoptr(CltNote) refused = NULL;
      g_autoptr(GError) refusal = NULL;

      store_test_note ("note %u", i);
      refused = sync_add_note (fixture->store, id, messages[i], NULL, &refusal);
      assert_store_error (refusal, CLT_STORE_ERROR_INVALID, "message");
      g_assert_null (refused);
    }

  longest_note = sync_add_note (fixture->store, id, longest, NULL, &error);
  g_assert_no_error (error);
  notes = list_notes (fixture->store, id);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpuint (strlen (clt_note_get_message (g_ptr_array_index (notes, 0))), ==,
                    CLT_VALIDATE_MAX_NOTE);
}

static void
test_note_unknown_customer (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(CltNote) note = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;

  note = sync_add_note (fixture->store, "no-such-customer", "Hello", NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (note);
  g_clear_error (&error);

  notes = sync_list_notes (fixture->store, "no-such-customer", &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (notes);
}

/* }}} */

/* Idempotent creates of addresses and notes {{{ */

static void
test_idempotent_address (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltAddress) address = make_address (clt_customer_get_id (anna), "Berlin", "10115");
  g_autoptr(CltAddress) first = NULL;
  g_autoptr(CltAddress) repeated = NULL;
  g_autoptr(CltAddress) other = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GError) error = NULL;

  first = sync_create_address (fixture->store, address, "req-addr-1", &error);
  g_assert_no_error (error);
  repeated = sync_create_address (fixture->store, address, "req-addr-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_address_get_id (repeated), ==, clt_address_get_id (first));
  addresses = list_addresses (fixture->store, clt_customer_get_id (anna));
  g_assert_cmpuint (addresses->len, ==, 1);

  other = sync_create_address (fixture->store, address, "req-addr-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_address_get_id (other), !=, clt_address_get_id (first));
  g_clear_pointer (&addresses, g_ptr_array_unref);
  addresses = list_addresses (fixture->store, clt_customer_get_id (anna));
  g_assert_cmpuint (addresses->len, ==, 2);
}

static void
test_idempotent_note (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltNote) first = NULL;
  g_autoptr(CltNote) repeated = NULL;
  g_autoptr(CltNote) other = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = clt_customer_get_id (anna);

  first = sync_add_note (fixture->store, id, "Called back.", "req-note-1", &error);
  g_assert_no_error (error);
  repeated = sync_add_note (fixture->store, id, "Called back.", "req-note-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_note_get_id (repeated), ==, clt_note_get_id (first));
  notes = list_notes (fixture->store, id);
  g_assert_cmpuint (notes->len, ==, 1);

  /* The same words again, as a new request, are a second note. */
  other = sync_add_note (fixture->store, id, "Called back.", "req-note-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_note_get_id (other), !=, clt_note_get_id (first));
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = list_notes (fixture->store, id);
  g_assert_cmpuint (notes->len, ==, 2);
}

/* }}} */

/* Orders and outbox {{{ */

static void
test_orders_list (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(CltCustomer) fresh = add_customer (fixture->store, "Anna", "Schmidt",
                                               "anna@example.com");
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (rows, make_import_customer ("buyer-1", "Otto", "Order", "otto@example.com", 3));
  report = sync_import (fixture->store, rows, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, 1);

  /* Newest first, as imported. */
  orders = sync_list_orders (fixture->store, "buyer-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, 3);
  g_assert_cmpstr (clt_order_get_reference (g_ptr_array_index (orders, 0)), ==, "buyer-1-order-3");
  g_assert_cmpstr (clt_order_get_reference (g_ptr_array_index (orders, 2)), ==, "buyer-1-order-1");
  g_assert_cmpint (clt_order_get_total (g_ptr_array_index (orders, 0)), ==, 2001);
  g_assert_cmpstr (clt_order_get_currency (g_ptr_array_index (orders, 0)), ==, "EUR");
  g_assert_cmpstr (clt_order_get_status (g_ptr_array_index (orders, 0)), ==, "completed");

  none = sync_list_orders (fixture->store, clt_customer_get_id (fresh), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_clear_pointer (&none, g_ptr_array_unref);

  none = sync_list_orders (fixture->store, "no-such-customer", &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (none);
}

static void
test_outbox_password_token (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = make_customer ("Anna", "Schmidt", "Anna@Example.com");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  CltEmail *token;
  CltEmail *handed_off;

  stored = sync_create_customer (fixture->store, customer, NULL, TRUE, NULL, &error);
  g_assert_no_error (error);

  emails = list_emails (fixture->store, clt_customer_get_id (stored));
  token = find_email (emails, "password-token");
  g_assert_nonnull (token);
  g_assert_cmpstr (clt_email_get_id (token), !=, "");
  g_assert_cmpstr (clt_email_get_customer_id (token), ==, clt_customer_get_id (stored));
  g_assert_cmpstr (clt_email_get_recipient (token), ==, "anna@example.com");
  g_assert_cmpint (clt_email_get_state (token), ==, CLT_EMAIL_STATE_QUEUED);
  g_assert_cmpstr (clt_email_get_subject (token), !=, "");
  g_assert_cmpstr (clt_email_get_body (token), !=, "");
  body = g_strdup (clt_email_get_body (token));

  /* Handed off, it keeps no working link. */
  g_assert_true (sync_set_email_state (fixture->store, clt_email_get_id (token),
                                       CLT_EMAIL_STATE_HANDED_OFF, &error));
  g_assert_no_error (error);
  after = list_emails (fixture->store, clt_customer_get_id (stored));
  handed_off = find_email (after, "password-token");
  g_assert_nonnull (handed_off);
  g_assert_cmpint (clt_email_get_state (handed_off), ==, CLT_EMAIL_STATE_HANDED_OFF);
  g_assert_cmpstr (clt_email_get_body (handed_off), !=, body);

  g_assert_false (sync_set_email_state (fixture->store, "no-such-email", CLT_EMAIL_STATE_SENT,
                                        &error));
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
}

static void
test_outbox_initial_password (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = make_customer ("Anna", "Schmidt", "anna@example.com");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *password = "Correct-Horse-Battery-42";

  stored = sync_create_customer (fixture->store, customer, password, FALSE, NULL, &error);
  g_assert_no_error (error);

  /* Once sent, no mail keeps the password. */
  emails = list_emails (fixture->store, clt_customer_get_id (stored));
  for (guint i = 0; i < emails->len; i++)
    {
      g_assert_true (sync_set_email_state (fixture->store,
                                           clt_email_get_id (g_ptr_array_index (emails, i)),
                                           CLT_EMAIL_STATE_SENT, &error));
      g_assert_no_error (error);
    }

  after = list_emails (fixture->store, clt_customer_get_id (stored));
  g_assert_cmpuint (after->len, ==, emails->len);
  for (guint i = 0; i < after->len; i++)
    {
      CltEmail *email = g_ptr_array_index (after, i);

      g_assert_cmpint (clt_email_get_state (email), ==, CLT_EMAIL_STATE_SENT);
      g_assert_null (strstr (clt_email_get_body (email), password));
      g_assert_null (strstr (clt_email_get_subject (email), password));
    }
}

static void
test_outbox_password_reset (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(GPtrArray) before = list_emails (fixture->store, clt_customer_get_id (anna));
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  CltEmail *reset;

  g_assert_true (sync_password_reset (fixture->store, clt_customer_get_id (anna), &error));
  g_assert_no_error (error);

  after = list_emails (fixture->store, clt_customer_get_id (anna));
  g_assert_cmpuint (after->len, ==, before->len + 1);
  reset = find_email (after, "password-reset");
  g_assert_nonnull (reset);
  g_assert_cmpstr (clt_email_get_recipient (reset), ==, "anna@example.com");
  g_assert_cmpint (clt_email_get_state (reset), ==, CLT_EMAIL_STATE_QUEUED);

  g_assert_false (sync_password_reset (fixture->store, "no-such-customer", &error));
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
}

/* }}} */

/* Details {{{ */

static void
test_details_one_call (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(CltSite) site_a = add_site (fixture->store, "site-a", "Site A");
  g_autoptr(CltSite) site_b = add_site (fixture->store, "site-b", "Site B");
  g_autoptr(CltGroup) vip = add_group (fixture->store, "vip", "VIP");
  g_autoptr(CltGroup) b2b = add_group (fixture->store, "b2b", "Business");
  g_autoptr(CltCompany) acme = add_company (fixture->store, "acme", "ACME Corp");
  g_autoptr(CltAddress) extra = NULL;
  g_autoptr(CltNote) note1 = NULL;
  g_autoptr(CltNote) note2 = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltCustomer) grouped = NULL;
  g_autoptr(CltCustomer) assigned = NULL;
  g_autoptr(CltCustomerDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  const char * const groups[] = { "vip", NULL };
  GPtrArray *array;

  g_ptr_array_add (rows, make_import_customer ("rich-1", "Rita", "Reich", "rita@example.com", 2));
  report = sync_import (fixture->store, rows, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, 1);

  extra = add_address (fixture->store, "rich-1", "Berlin", "10115");
  note1 = sync_add_note (fixture->store, "rich-1", "First note", NULL, &error);
  g_assert_no_error (error);
  note2 = sync_add_note (fixture->store, "rich-1", "Second note", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sync_password_reset (fixture->store, "rich-1", &error));
  g_assert_no_error (error);

  customer = get_customer (fixture->store, "rich-1");
  grouped = sync_set_groups (fixture->store, "rich-1", clt_customer_get_version (customer), groups,
                             &error);
  g_assert_no_error (error);
  assigned = sync_assign_company (fixture->store, "rich-1", clt_customer_get_version (grouped),
                                  "acme", "Sales", NULL, &error);
  g_assert_no_error (error);

  details = sync_get_details (fixture->store, "rich-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (details);

  g_assert_cmpstr (clt_customer_get_id (clt_customer_details_get_customer (details)), ==, "rich-1");
  g_assert_cmpint (clt_customer_get_version (clt_customer_details_get_customer (details)), ==,
                   clt_customer_get_version (assigned));

  array = clt_customer_details_get_addresses (details);
  g_assert_cmpuint (array->len, ==, 2);

  array = clt_customer_details_get_notes (details);
  g_assert_cmpuint (array->len, ==, 2);
  g_assert_cmpstr (clt_note_get_message (g_ptr_array_index (array, 0)), ==, "Second note");

  array = clt_customer_details_get_orders (details);
  g_assert_cmpuint (array->len, ==, 2);
  g_assert_cmpstr (clt_order_get_reference (g_ptr_array_index (array, 0)), ==, "rich-1-order-2");

  array = clt_customer_details_get_emails (details);
  g_assert_nonnull (find_email (array, "password-reset"));

  array = clt_customer_details_get_sites (details);
  g_assert_cmpuint (array->len, ==, 2);

  /* The groups the customer is in, not all of the shop's. */
  array = clt_customer_details_get_groups (details);
  g_assert_cmpuint (array->len, ==, 1);
  g_assert_cmpstr (clt_group_get_code (g_ptr_array_index (array, 0)), ==, "vip");
  g_assert_cmpstr (clt_group_get_name (g_ptr_array_index (array, 0)), ==, "VIP");

  g_assert_nonnull (clt_customer_details_get_company (details));
  g_assert_cmpstr (clt_company_get_id (clt_customer_details_get_company (details)), ==, "acme");
  g_assert_cmpstr (clt_company_get_name (clt_customer_details_get_company (details)), ==,
                   "ACME Corp");
}

static void
test_details_plain_customer (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltCustomerDetails) details = NULL;
  g_autoptr(CltCustomerDetails) missing = NULL;
  g_autoptr(GError) error = NULL;

  details = sync_get_details (fixture->store, clt_customer_get_id (anna), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_last_name (clt_customer_details_get_customer (details)), ==,
                   "Schmidt");
  g_assert_nonnull (clt_customer_details_get_addresses (details));
  g_assert_cmpuint (clt_customer_details_get_addresses (details)->len, ==, 0);
  g_assert_cmpuint (clt_customer_details_get_notes (details)->len, ==, 0);
  g_assert_cmpuint (clt_customer_details_get_orders (details)->len, ==, 0);
  g_assert_nonnull (clt_customer_details_get_emails (details));
  g_assert_cmpuint (clt_customer_details_get_sites (details)->len, ==, 0);
  g_assert_cmpuint (clt_customer_details_get_groups (details)->len, ==, 0);
  g_assert_null (clt_customer_details_get_company (details));

  missing = sync_get_details (fixture->store, "no-such-customer", &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (missing);
}

/* }}} */

void
register_child_cases (const StoreFactory *factory)
{
  STORE_TEST ("/clt/store/addresses/create", test_address_create);
  STORE_TEST ("/clt/store/addresses/custom-id", test_address_custom_id);
  STORE_TEST ("/clt/store/addresses/invalid", test_address_invalid);
  STORE_TEST ("/clt/store/addresses/update", test_address_update);
  STORE_TEST ("/clt/store/addresses/delete", test_address_delete);
  STORE_TEST ("/clt/store/addresses/belongs-to-customer", test_address_belongs_to_customer);
  STORE_TEST ("/clt/store/addresses/unknown-customer", test_address_unknown_customer);
  STORE_TEST ("/clt/store/addresses/defaults", test_address_defaults);
  STORE_TEST ("/clt/store/addresses/delete-default", test_address_delete_default);

  STORE_TEST ("/clt/store/notes/add-and-list", test_note_add_and_list);
  STORE_TEST ("/clt/store/notes/invalid", test_note_invalid);
  STORE_TEST ("/clt/store/notes/unknown-customer", test_note_unknown_customer);

  STORE_TEST ("/clt/store/idempotent/address", test_idempotent_address);
  STORE_TEST ("/clt/store/idempotent/note", test_idempotent_note);

  STORE_TEST ("/clt/store/orders/list", test_orders_list);
  STORE_TEST ("/clt/store/outbox/password-token", test_outbox_password_token);
  STORE_TEST ("/clt/store/outbox/initial-password", test_outbox_initial_password);
  STORE_TEST ("/clt/store/outbox/password-reset", test_outbox_password_reset);

  STORE_TEST ("/clt/store/details/one-call", test_details_one_call);
  STORE_TEST ("/clt/store/details/plain-customer", test_details_plain_customer);
}
