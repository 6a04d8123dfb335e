/* store-cases-delete.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-conformance"

#include "config.h"

#include <string.h>

#include "store-test-util.h"

/* Deleting a customer: anonymization, the email freed, undo and its time
 * limit, a stale or unknown delete, writes after a delete. */

/* Delete {{{ */

/* An imported customer with two orders and an address, plus a note and a
 * second address. */
static CltCustomer *
seed_rich_customer (CltStore   *store,
                    const char *id,
                    const char *email)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(CltNote) note = NULL;
  g_autoptr(CltAddress) address = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (rows, make_import_customer (id, "Gustav", "Gans", email, 2));
  report = sync_import (store, rows, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, 1);

  note = sync_add_note (store, id, "Prefers phone calls after 6 pm", NULL, &error);
  g_assert_no_error (error);
  address = add_address (store, id, "Hamburg", "20095");

  return get_customer (store, id);
}

static void
test_delete_anonymizes (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(CltCustomer) other = add_customer (fixture->store, "Anna", "Schmidt",
                                               "anna@example.com");
  g_autoptr(CltCustomer) gustav = seed_rich_customer (fixture->store, "gustav-1",
                                                      "gustav@example.com");
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  const char *number = clt_customer_get_number (gustav);

  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 2);

  g_assert_true (sync_delete_customer (fixture->store, "gustav-1",
                                       clt_customer_get_version (gustav), 0, &error));
  g_assert_no_error (error);

  /* Gone from lists, counts and search… */
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
  g_assert_false (search_finds (fixture->store, "Gans", "gustav-1"));
  g_assert_false (search_finds (fixture->store, "gustav@example.com", "gustav-1"));
  g_assert_false (search_finds (fixture->store, number, "gustav-1"));
  g_assert_cmpuint (count_matches (fixture->store, "Gustav"), ==, 0);
  g_assert_true (search_finds (fixture->store, "Schmidt", clt_customer_get_id (other)));

  /* The customer is gone by its id, with everything it had: the store
   * keeps the orders under a new random id (a custom id may itself be
   * personal data), so none of it can be reached as "gustav-1". */
  {
    g_autoptr(CltCustomer) read = sync_get_customer (fixture->store, "gustav-1", &error);

    assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
    g_assert_null (read);
    g_clear_error (&error);
  }
  {
    g_autoptr(CltCustomerDetails) details = sync_get_details (fixture->store, "gustav-1", &error);

    assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
    g_assert_null (details);
    g_clear_error (&error);
  }
  addresses = sync_list_addresses (fixture->store, "gustav-1", &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (addresses);
  g_clear_error (&error);
  notes = sync_list_notes (fixture->store, "gustav-1", &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (notes);
  g_clear_error (&error);
  orders = sync_list_orders (fixture->store, "gustav-1", &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (orders);
  g_clear_error (&error);

  /* The custom id is free again too. */
  {
    g_autoptr(CltCustomer) again = make_customer ("Gustav", "Gans", "gustav@example.com");
    g_autoptr(CltCustomer) stored = NULL;

    clt_customer_set_id (again, "gustav-1");
    stored = sync_create_customer (fixture->store, again, NULL, FALSE, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (clt_customer_get_id (stored), ==, "gustav-1");
    g_assert_null (clt_customer_get_anonymized_at (stored));
    g_clear_pointer (&orders, g_ptr_array_unref);
    orders = sync_list_orders (fixture->store, "gustav-1", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (orders->len, ==, 0);
  }
}

static void
test_delete_frees_email (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(CltCustomer) first = add_customer (fixture->store, "Anna", "Schmidt",
                                               "anna@example.com");
  g_autoptr(CltCustomer) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sync_delete_customer (fixture->store, clt_customer_get_id (first),
                                       clt_customer_get_version (first), 0, &error));
  g_assert_no_error (error);

  /* The email is free to register again, in any spelling. */
  again = add_customer (fixture->store, "Anna", "Schmidt", "ANNA@example.com");
  g_assert_cmpstr (clt_customer_get_id (again), !=, clt_customer_get_id (first));
  g_assert_cmpstr (clt_customer_get_email (again), ==, "anna@example.com");
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
  g_assert_true (search_finds (fixture->store, "anna@example.com", clt_customer_get_id (again)));
}

static void
test_delete_undo (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltCustomer) other = add_customer (fixture->store, "Berta", "Schulz",
                                               "berta@example.com");
  g_autoptr(CltCustomer) restored = NULL;
  g_autoptr(CltCustomer) edited = NULL;
  g_autoptr(CltCustomer) gone = NULL;
  g_autoptr(CltCustomer) undone = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = clt_customer_get_id (anna);
  gint64 version;

  /* Hidden at once… */
  g_assert_true (sync_delete_customer (fixture->store, id, clt_customer_get_version (anna), 60,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
  g_assert_false (search_finds (fixture->store, "Schmidt", id));
  /* …but still the owner of its email while it can come back. */
  assert_create_conflict (fixture->store, "anna@example.com");

  /* Undo brings it back as it was. */
  restored = sync_undo_delete (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_cmpstr (clt_customer_get_id (restored), ==, id);
  g_assert_cmpstr (clt_customer_get_last_name (restored), ==, "Schmidt");
  g_assert_cmpstr (clt_customer_get_email (restored), ==, "anna@example.com");
  g_assert_null (clt_customer_get_anonymized_at (restored));
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 2);
  g_assert_true (search_finds (fixture->store, "Schmidt", id));

  /* The version it returns is the one to edit with. */
  clt_customer_set_title (restored, "Dr.");
  edited = sync_update_customer (fixture->store, restored, &error);
  g_assert_no_error (error);
  version = clt_customer_get_version (edited);

  /* Deleting again with 0 completes a pending deletion now, named by the
   * version the pending deletion was based on. */
  g_assert_true (sync_delete_customer (fixture->store, id, version, 60, &error));
  g_assert_no_error (error);
  g_assert_true (sync_delete_customer (fixture->store, id, version, 0, &error));
  g_assert_no_error (error);

  undone = sync_undo_delete (fixture->store, id, &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (undone);
  g_clear_error (&error);

  gone = sync_get_customer (fixture->store, id, &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (gone);
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
  gone = add_customer (fixture->store, "Anna", "Schmidt", "anna@example.com");
}

static void
test_delete_undo_expires (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltCustomer) undone = NULL;
  g_autoptr(CltCustomer) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = clt_customer_get_id (anna);
  gint64 deadline;

  g_assert_true (sync_delete_customer (fixture->store, id, clt_customer_get_version (anna), 1,
                                       &error));
  g_assert_no_error (error);

  /* The store completes it by itself once the undo time is over: then,
   * and only then, the email is free. */
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (again == NULL && g_get_monotonic_time () < deadline)
    {
      g_autoptr(CltCustomer) customer = make_customer ("Anna", "Schmidt", "anna@example.com");
      g_autoptr(GError) create_error = NULL;

      spin_main_loop (250);
      again = sync_create_customer (fixture->store, customer, NULL, FALSE, NULL, &create_error);
      if (again == NULL)
        assert_store_error (create_error, CLT_STORE_ERROR_CONFLICT, "email");
    }
  g_assert_nonnull (again);

  undone = sync_undo_delete (fixture->store, id, &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (undone);
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
}

static void
test_delete_stale (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltCustomer) edit = clt_customer_copy (anna);
  g_autoptr(CltCustomer) edited = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = clt_customer_get_id (anna);

  clt_customer_set_last_name (edit, "Schulz");
  edited = update_customer (fixture->store, edit);

  /* Someone deleting what they saw before the edit: refused, with and
   * without undo. */
  g_assert_false (sync_delete_customer (fixture->store, id, clt_customer_get_version (anna), 0,
                                        &error));
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_clear_error (&error);
  g_assert_false (sync_delete_customer (fixture->store, id, clt_customer_get_version (anna), 30,
                                        &error));
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_clear_error (&error);

  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
  g_assert_true (search_finds (fixture->store, "Schulz", id));

  g_assert_true (sync_delete_customer (fixture->store, id, clt_customer_get_version (edited), 0,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 0);
}

static void
test_delete_unknown (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltCustomer) undone = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = clt_customer_get_id (anna);

  g_assert_false (sync_delete_customer (fixture->store, "no-such-customer", 1, 0, &error));
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_clear_error (&error);

  /* Nothing to undo: unknown, or never deleted. */
  undone = sync_undo_delete (fixture->store, "no-such-customer", &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (undone);
  g_clear_error (&error);
  undone = sync_undo_delete (fixture->store, id, &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (undone);
  g_clear_error (&error);

  /* Deleted for good: deleting again finds nothing. */
  g_assert_true (sync_delete_customer (fixture->store, id, clt_customer_get_version (anna), 0,
                                       &error));
  g_assert_no_error (error);
  g_assert_false (sync_delete_customer (fixture->store, id, clt_customer_get_version (anna), 0,
                                        &error));
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
}

static void
test_delete_then_writes (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltAddress) address = add_address (fixture->store, clt_customer_get_id (anna),
                                               "Berlin", "10115");
  g_autoptr(CltGroup) vip = add_group (fixture->store, "vip", "VIP");
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(CltCustomer) refused = NULL;
  g_autoptr(CltAddress) refused_address = NULL;
  g_autoptr(CltAddress) new_address = NULL;
  g_autoptr(CltNote) refused_note = NULL;
  g_autoptr(GError) error = NULL;
  const char * const groups[] = { "vip", NULL };
  const char *id = clt_customer_get_id (anna);
  gint64 version;

  read = get_customer (fixture->store, id);
  version = clt_customer_get_version (read);
  g_assert_true (sync_delete_customer (fixture->store, id, version, 0, &error));
  g_assert_no_error (error);

  /* A deleted customer cannot be written to, whatever the version. */
  clt_customer_set_first_name (read, "Zombie");
  clt_customer_set_last_name (read, "Zombie");
  clt_customer_set_email (read, "zombie@example.com");
  refused = sync_update_customer (fixture->store, read, &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (refused);
  g_clear_error (&error);

  refused = sync_set_groups (fixture->store, id, version, groups, &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (refused);
  g_clear_error (&error);

  new_address = make_address (id, "Berlin", "10115");
  refused_address = sync_create_address (fixture->store, new_address, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (refused_address);
  g_clear_error (&error);

  refused_note = sync_add_note (fixture->store, id, "Hello?", NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (refused_note);
  g_clear_error (&error);

  g_assert_false (sync_password_reset (fixture->store, id, &error));
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
}

/* }}} */

void
register_delete_cases (const StoreFactory *factory)
{
  STORE_TEST ("/clt/store/delete/anonymizes", test_delete_anonymizes);
  STORE_TEST ("/clt/store/delete/frees-email", test_delete_frees_email);
  STORE_TEST ("/clt/store/delete/undo", test_delete_undo);
  STORE_TEST ("/clt/store/delete/undo-expires", test_delete_undo_expires);
  STORE_TEST ("/clt/store/delete/stale", test_delete_stale);
  STORE_TEST ("/clt/store/delete/unknown", test_delete_unknown);
  STORE_TEST ("/clt/store/delete/then-writes", test_delete_then_writes);
}
