/* store-cases-access.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-conformance"

#include "config.h"

#include <string.h>

#include "store-test-util.h"

/* Who may do what, change notification (this instance and another one on
 * the same data), bad input of every kind, cancellation, and the store's
 * properties. */

/* Every write, for the role tests {{{ */

/* Data an admin seeds before the role changes. */
typedef struct
{
  CltCustomer    *customer;
  CltAddress     *address;
  CltSite        *site;
  CltGroup       *group;
  CltCompany     *company;
  CltCustomField *field;
  char           *email_id;
} Seed;

static void
seed_clear (Seed *seed)
{
  g_clear_object (&seed->customer);
  g_clear_object (&seed->address);
  g_clear_object (&seed->site);
  g_clear_object (&seed->group);
  g_clear_object (&seed->company);
  g_clear_object (&seed->field);
  g_clear_pointer (&seed->email_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Seed, seed_clear)

static void
seed_shop (CltStore *store,
           Seed     *seed)
{
  g_autoptr(CltCustomer) customer = make_customer ("Anna", "Schmidt", "anna@example.com");
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(CltNote) note = NULL;
  g_autoptr(GError) error = NULL;

  seed->customer = sync_create_customer (store, customer, NULL, TRUE, NULL, &error);
  g_assert_no_error (error);
  seed->address = add_address (store, clt_customer_get_id (seed->customer), "Berlin", "10115");
  note = sync_add_note (store, clt_customer_get_id (seed->customer), "Seeded", NULL, &error);
  g_assert_no_error (error);
  seed->site = add_site (store, "de", "Germany");
  seed->group = add_group (store, "vip", "VIP");
  seed->company = add_company (store, "acme", "ACME Corp");
  seed->field = add_custom_field (store, "points", "Points", CLT_CUSTOM_FIELD_NUMBER);

  emails = sync_list_emails (store, clt_customer_get_id (seed->customer), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (emails->len, >, 0);
  seed->email_id = g_strdup (clt_email_get_id (g_ptr_array_index (emails, 0)));

  /* The customer as it is now (the address may have changed it). */
  {
    g_autofree char *id = g_strdup (clt_customer_get_id (seed->customer));

    g_clear_object (&seed->customer);
    seed->customer = sync_get_customer (store, id, &error);
    g_assert_no_error (error);
  }
}

typedef enum
{
  WRITE_CREATE_CUSTOMER,
  WRITE_UPDATE_CUSTOMER,
  WRITE_DELETE_CUSTOMER,
  WRITE_PASSWORD_RESET,
  WRITE_CREATE_ADDRESS,
  WRITE_UPDATE_ADDRESS,
  WRITE_DELETE_ADDRESS,
  WRITE_SET_DEFAULT_ADDRESS,
  WRITE_ADD_NOTE,
  WRITE_SET_EMAIL_STATE,
  WRITE_SET_GROUPS,
  WRITE_ASSIGN_COMPANY,
  /* Shop management from here on. */
  WRITE_SAVE_SITE,
  WRITE_DELETE_SITE,
  WRITE_SAVE_GROUP,
  WRITE_DELETE_GROUP,
  WRITE_SAVE_COMPANY,
  WRITE_DELETE_COMPANY,
  WRITE_SAVE_CUSTOM_FIELD,
  WRITE_DELETE_CUSTOM_FIELD,
  WRITE_SET_PREFERENCES,
  WRITE_IMPORT,
  N_WRITES
} Write;

#define FIRST_SHOP_WRITE WRITE_SAVE_SITE

static const char *write_names[N_WRITES] = {
  "create customer", "update customer", "delete customer", "password reset",
  "create address", "update address", "delete address", "set default address", "add note",
  "set email state", "set groups", "assign company", "save site", "delete site", "save group",
  "delete group", "save company", "delete company", "save custom field", "delete custom field",
  "set preferences", "import",
};

/* Does @write on the seeded data (with valid input, based on the current
 * versions); returns whether it succeeded. */
static gboolean
do_write (CltStore  *store,
          Seed      *seed,
          Write      write,
          GError   **error)
{
  const char *id = clt_customer_get_id (seed->customer);
  gint64 version = clt_customer_get_version (seed->customer);
  const char * const groups[] = { "vip", NULL };
  g_autoptr(GObject) result = NULL;
  gboolean ok = FALSE;

  switch (write)
    {
    case WRITE_CREATE_CUSTOMER:
      {
        g_autoptr(CltCustomer) customer = make_customer ("Berta", "Schulz", "berta@example.com");

        result = G_OBJECT (sync_create_customer (store, customer, NULL, FALSE, NULL, error));
      }
      break;
    case WRITE_UPDATE_CUSTOMER:
      {
        g_autoptr(CltCustomer) edit = clt_customer_copy (seed->customer);

        clt_customer_set_last_name (edit, "Schulz");
        result = G_OBJECT (sync_update_customer (store, edit, error));
      }
      break;
    case WRITE_DELETE_CUSTOMER:
      ok = sync_delete_customer (store, id, version, 0, error);
      break;
    case WRITE_PASSWORD_RESET:
      ok = sync_password_reset (store, id, error);
      break;
    case WRITE_CREATE_ADDRESS:
      {
        g_autoptr(CltAddress) address = make_address (id, "Bonn", "53111");

        result = G_OBJECT (sync_create_address (store, address, NULL, error));
      }
      break;
    case WRITE_UPDATE_ADDRESS:
      {
        g_autoptr(CltAddress) edit = clt_address_copy (seed->address);

        clt_address_set_city (edit, "Potsdam");
        clt_address_set_zip_code (edit, "14467");
        result = G_OBJECT (sync_update_address (store, edit, error));
      }
      break;
    case WRITE_DELETE_ADDRESS:
      ok = sync_delete_address (store, id, clt_address_get_id (seed->address),
                                clt_address_get_version (seed->address), error);
      break;
    case WRITE_SET_DEFAULT_ADDRESS:
      result = G_OBJECT (sync_set_default_address (store, id, version,
                                                   clt_address_get_id (seed->address),
                                                   CLT_ADDRESS_USE_BILLING, error));
      break;
    case WRITE_ADD_NOTE:
      result = G_OBJECT (sync_add_note (store, id, "Another note", NULL, error));
      break;
    case WRITE_SET_EMAIL_STATE:
      ok = sync_set_email_state (store, seed->email_id, CLT_EMAIL_STATE_HANDED_OFF, error);
      break;
    case WRITE_SET_GROUPS:
      result = G_OBJECT (sync_set_groups (store, id, version, groups, error));
      break;
    case WRITE_ASSIGN_COMPANY:
      result = G_OBJECT (sync_assign_company (store, id, version, "acme", "Sales", NULL, error));
      break;
    case WRITE_SAVE_SITE:
      {
        g_autoptr(CltSite) site = make_site ("fr", "France");

        result = G_OBJECT (sync_save_site (store, site, NULL, error));
      }
      break;
    case WRITE_DELETE_SITE:
      ok = sync_delete_site (store, "de", clt_site_get_version (seed->site), error);
      break;
    case WRITE_SAVE_GROUP:
      {
        g_autoptr(CltGroup) group = make_group ("b2b", "Business");

        result = G_OBJECT (sync_save_group (store, group, NULL, error));
      }
      break;
    case WRITE_DELETE_GROUP:
      ok = sync_delete_group (store, "vip", clt_group_get_version (seed->group), error);
      break;
    case WRITE_SAVE_COMPANY:
      {
        g_autoptr(CltCompany) company = make_company ("initech", "Initech");

        result = G_OBJECT (sync_save_company (store, company, NULL, error));
      }
      break;
    case WRITE_DELETE_COMPANY:
      ok = sync_delete_company (store, "acme", clt_company_get_version (seed->company), error);
      break;
    case WRITE_SAVE_CUSTOM_FIELD:
      {
        g_autoptr(CltCustomField) field = make_custom_field ("nickname", "Nickname",
                                                            CLT_CUSTOM_FIELD_STRING);

        result = G_OBJECT (sync_save_custom_field (store, field, NULL, error));
      }
      break;
    case WRITE_DELETE_CUSTOM_FIELD:
      ok = sync_delete_custom_field (store, "points", clt_custom_field_get_version (seed->field),
                                     error);
      break;
    case WRITE_SET_PREFERENCES:
      {
        g_autoptr(GError) read_error = NULL;
        g_autoptr(CltShopPreferences) preferences = sync_get_preferences (store, &read_error);

        g_assert_no_error (read_error);
        clt_shop_preferences_set_shop_name (preferences, "Renamed");
        result = G_OBJECT (sync_set_preferences (store, preferences, error));
      }
      break;
    case WRITE_IMPORT:
      {
        g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

        g_ptr_array_add (rows, make_import_customer ("imp-1", "Ida", "Eins", "ida@example.com",
                                                     0));
        result = G_OBJECT (sync_import (store, rows, NULL, error));
      }
      break;
    case N_WRITES:
    default:
      g_assert_not_reached ();
    }

  return ok || result != NULL;
}

static void
assert_write_denied (CltStore *store,
                     Seed     *seed,
                     Write     write)
{
  g_autoptr(GError) error = NULL;

  store_test_note ("%s", write_names[write]);
  g_assert_false (do_write (store, seed, write, &error));
  assert_store_error (error, CLT_STORE_ERROR_PERMISSION_DENIED, NULL);
}

static void
assert_write_allowed (CltStore *store,
                      Seed     *seed,
                      Write     write)
{
  g_autoptr(GError) error = NULL;

  store_test_note ("%s", write_names[write]);
  g_assert_true (do_write (store, seed, write, &error));
  g_assert_no_error (error);
}

/* }}} */

/* Roles {{{ */

static void
test_roles_current_user (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GError) error = NULL;

  /* A fresh store is signed in as an admin (factory). */
  user = sync_get_current_user (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpint (clt_backoffice_user_get_role (user), ==, CLT_ROLE_ADMIN);
  g_assert_cmpstr (clt_backoffice_user_get_username (user), !=, "");

  for (CltRole role = CLT_ROLE_VIEWER; role <= CLT_ROLE_SUPPORT; role++)
    {
      g_assert_true (clt_role_may (role, CLT_PERMISSION_READ));
      g_assert_false (clt_role_may (role, CLT_PERMISSION_MANAGE_SHOP));
    }

  store_fixture_set_role (fixture, CLT_ROLE_STAFF);
  g_clear_object (&user);
  user = sync_get_current_user (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_backoffice_user_get_role (user), ==, CLT_ROLE_STAFF);
  g_assert_true (clt_backoffice_user_may (user, CLT_PERMISSION_EDIT_CUSTOMERS));
  g_assert_false (clt_backoffice_user_may (user, CLT_PERMISSION_MANAGE_SHOP));
}

static void
test_roles_viewer_reads (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_auto(Seed) seed = { NULL };
  g_autoptr(GError) error = NULL;
  const char *id;

  seed_shop (fixture->store, &seed);
  id = clt_customer_get_id (seed.customer);
  store_fixture_set_role (fixture, CLT_ROLE_VIEWER);

  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
  g_assert_true (search_finds (fixture->store, "Schmidt", id));

  {
    g_autoptr(CltCustomer) customer = sync_get_customer (fixture->store, id, &error);
    g_autoptr(CltCustomerDetails) details = NULL;
    g_autoptr(CltAddress) address = NULL;
    g_autoptr(GPtrArray) addresses = NULL;
    g_autoptr(GPtrArray) notes = NULL;
    g_autoptr(GPtrArray) orders = NULL;
    g_autoptr(GPtrArray) emails = NULL;
    g_autoptr(GPtrArray) sites = NULL;
    g_autoptr(GPtrArray) groups = NULL;
    g_autoptr(GPtrArray) companies = NULL;
    g_autoptr(GPtrArray) fields = NULL;
    g_autoptr(CltShopPreferences) preferences = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (customer);
    address = sync_get_address (fixture->store, id, clt_address_get_id (seed.address), &error);
    g_assert_no_error (error);
    addresses = sync_list_addresses (fixture->store, id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (addresses->len, ==, 1);
    notes = sync_list_notes (fixture->store, id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (notes->len, ==, 1);
    orders = sync_list_orders (fixture->store, id, &error);
    g_assert_no_error (error);
    emails = sync_list_emails (fixture->store, id, &error);
    g_assert_no_error (error);
    sites = sync_list_sites (fixture->store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sites->len, ==, 1);
    groups = sync_list_groups (fixture->store, &error);
    g_assert_no_error (error);
    companies = sync_list_companies (fixture->store, &error);
    g_assert_no_error (error);
    fields = sync_list_custom_fields (fixture->store, &error);
    g_assert_no_error (error);
    preferences = sync_get_preferences (fixture->store, &error);
    g_assert_no_error (error);
    details = sync_get_details (fixture->store, id, &error);
    g_assert_no_error (error);
    g_assert_nonnull (details);
  }
}

static void
test_roles_viewer_writes (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_auto(Seed) seed = { NULL };
  g_autoptr(CltCustomer) after = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  seed_shop (fixture->store, &seed);
  id = clt_customer_get_id (seed.customer);
  store_fixture_set_role (fixture, CLT_ROLE_VIEWER);

  for (Write write = 0; write < N_WRITES; write++)
    assert_write_denied (fixture->store, &seed, write);

  /* Nothing changed. */
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
  after = sync_get_customer (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_customer_get_version (after), ==, clt_customer_get_version (seed.customer));
  g_assert_cmpstr (clt_customer_get_last_name (after), ==, "Schmidt");
  addresses = sync_list_addresses (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (addresses->len, ==, 1);
  sites = sync_list_sites (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 1);
}

static void
check_customer_editor (StoreFixture *fixture,
                       CltRole       role)
{
  g_auto(Seed) seed = { NULL };

  seed_shop (fixture->store, &seed);
  store_fixture_set_role (fixture, role);

  /* Shop management is refused… */
  for (Write write = FIRST_SHOP_WRITE; write < N_WRITES; write++)
    assert_write_denied (fixture->store, &seed, write);

  /* …editing customers is not (each write on fresh versions; the delete
   * last). */
  for (Write write = 0; write < FIRST_SHOP_WRITE; write++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CltCustomer) customer = NULL;
      g_autoptr(CltAddress) address = NULL;

      if (write == WRITE_DELETE_CUSTOMER || write == WRITE_DELETE_ADDRESS)
        continue;

      assert_write_allowed (fixture->store, &seed, write);

      customer = sync_get_customer (fixture->store, clt_customer_get_id (seed.customer), &error);
      g_assert_no_error (error);
      g_set_object (&seed.customer, customer);
      address = sync_get_address (fixture->store, clt_customer_get_id (seed.customer),
                                  clt_address_get_id (seed.address), &error);
      g_assert_no_error (error);
      g_set_object (&seed.address, address);
    }

  assert_write_allowed (fixture->store, &seed, WRITE_DELETE_ADDRESS);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CltCustomer) customer = sync_get_customer (fixture->store,
                                                         clt_customer_get_id (seed.customer),
                                                         &error);

    g_assert_no_error (error);
    g_set_object (&seed.customer, customer);
  }
  assert_write_allowed (fixture->store, &seed, WRITE_DELETE_CUSTOMER);
}

static void
test_roles_staff (StoreFixture  *fixture,
                  gconstpointer  data)
{
  check_customer_editor (fixture, CLT_ROLE_STAFF);
}

static void
test_roles_support (StoreFixture  *fixture,
                    gconstpointer  data)
{
  check_customer_editor (fixture, CLT_ROLE_SUPPORT);
}

static void
test_roles_admin (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_auto(Seed) seed = { NULL };

  seed_shop (fixture->store, &seed);

  /* Everything; set the role explicitly, as a REST back end signs in. */
  store_fixture_set_role (fixture, CLT_ROLE_ADMIN);
  for (Write write = FIRST_SHOP_WRITE; write < N_WRITES; write++)
    assert_write_allowed (fixture->store, &seed, write);
}

/* A role that may not write learns nothing more: the refusal comes
 * before validation, existence and versions. (Two cases: the SQLite
 * factory changes the role as an admin, so only once per store.) */
static void
test_roles_denied_first_staff (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_auto(Seed) seed = { NULL };
  g_autoptr(CltSite) bad_site = make_site ("has space", "");
  g_autoptr(CltSite) refused_site = NULL;
  g_autoptr(CltGroup) stale_group = NULL;
  g_autoptr(CltGroup) refused_group = NULL;
  g_autoptr(GError) error = NULL;

  seed_shop (fixture->store, &seed);
  store_fixture_set_role (fixture, CLT_ROLE_STAFF);

  refused_site = sync_save_site (fixture->store, bad_site, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_PERMISSION_DENIED, NULL);
  g_assert_null (refused_site);
  g_clear_error (&error);

  g_assert_false (sync_delete_group (fixture->store, "ghost", 1, &error));
  assert_store_error (error, CLT_STORE_ERROR_PERMISSION_DENIED, NULL);
  g_clear_error (&error);

  stale_group = clt_group_copy (seed.group);
  clt_group_set_version (stale_group, clt_group_get_version (seed.group) + 9);
  refused_group = sync_save_group (fixture->store, stale_group, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_PERMISSION_DENIED, NULL);
  g_assert_null (refused_group);
}

static void
test_roles_denied_first_viewer (StoreFixture  *fixture,
                                gconstpointer  data)
{
  g_auto(Seed) seed = { NULL };
  g_autoptr(CltCustomer) invalid = make_customer ("", "", "not-an-email");
  g_autoptr(CltCustomer) duplicate = make_customer ("Anna", "Again", "anna@example.com");
  g_autoptr(CltCustomer) refused = NULL;
  g_autoptr(CltNote) note = NULL;
  g_autoptr(GError) error = NULL;

  seed_shop (fixture->store, &seed);
  store_fixture_set_role (fixture, CLT_ROLE_VIEWER);

  refused = sync_create_customer (fixture->store, invalid, NULL, FALSE, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_PERMISSION_DENIED, NULL);
  g_clear_error (&error);
  g_clear_object (&refused);
  refused = sync_create_customer (fixture->store, duplicate, NULL, FALSE, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_PERMISSION_DENIED, NULL);
  g_clear_error (&error);

  g_assert_false (sync_delete_customer (fixture->store, "no-such-customer", 1, 0, &error));
  assert_store_error (error, CLT_STORE_ERROR_PERMISSION_DENIED, NULL);
  g_clear_error (&error);
  g_assert_false (sync_delete_customer (fixture->store, clt_customer_get_id (seed.customer),
                                        clt_customer_get_version (seed.customer) + 5, 0, &error));
  assert_store_error (error, CLT_STORE_ERROR_PERMISSION_DENIED, NULL);
  g_clear_error (&error);

  note = sync_add_note (fixture->store, clt_customer_get_id (seed.customer), "", NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_PERMISSION_DENIED, NULL);
  g_assert_null (note);
}

/* }}} */

/* Change notification {{{ */

#define CHANGE_TIMEOUT_MS 2000

static void
test_changes_customer (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(ChangeRecorder) recorder = change_recorder_new (fixture->store);
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltCustomer) edit = NULL;
  g_autoptr(CltCustomer) edited = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = clt_customer_get_id (anna);

  g_assert_true (change_recorder_wait_customer (recorder, id, CHANGE_TIMEOUT_MS));

  change_recorder_clear (recorder);
  edit = clt_customer_copy (anna);
  clt_customer_set_last_name (edit, "Schulz");
  edited = sync_update_customer (fixture->store, edit, &error);
  g_assert_no_error (error);
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_CUSTOMER, id, CHANGE_TIMEOUT_MS));

  change_recorder_clear (recorder);
  g_assert_true (sync_delete_customer (fixture->store, id, clt_customer_get_version (edited), 0,
                                       &error));
  g_assert_no_error (error);
  g_assert_true (change_recorder_wait_customer (recorder, id, CHANGE_TIMEOUT_MS));
}

static void
test_changes_children (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(ChangeRecorder) recorder = change_recorder_new (fixture->store);
  g_autoptr(CltAddress) address = NULL;
  g_autoptr(CltAddress) edit = NULL;
  g_autoptr(CltAddress) edited = NULL;
  g_autoptr(CltNote) note = NULL;
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = clt_customer_get_id (anna);

  /* The id is the customer's whose page shows the change. */
  address = add_address (fixture->store, id, "Berlin", "10115");
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_ADDRESS, id, CHANGE_TIMEOUT_MS));

  change_recorder_clear (recorder);
  edit = clt_address_copy (address);
  clt_address_set_city (edit, "Potsdam");
  clt_address_set_zip_code (edit, "14467");
  edited = sync_update_address (fixture->store, edit, &error);
  g_assert_no_error (error);
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_ADDRESS, id, CHANGE_TIMEOUT_MS));

  change_recorder_clear (recorder);
  g_assert_true (sync_delete_address (fixture->store, id, clt_address_get_id (edited),
                                      clt_address_get_version (edited), &error));
  g_assert_no_error (error);
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_ADDRESS, id, CHANGE_TIMEOUT_MS));

  change_recorder_clear (recorder);
  note = sync_add_note (fixture->store, id, "A note", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_NOTE, id, CHANGE_TIMEOUT_MS));

  change_recorder_clear (recorder);
  g_assert_true (sync_password_reset (fixture->store, id, &error));
  g_assert_no_error (error);
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_OUTBOX, id, CHANGE_TIMEOUT_MS));

  change_recorder_clear (recorder);
  emails = sync_list_emails (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (emails->len, >, 0);
  g_assert_true (sync_set_email_state (fixture->store,
                                       clt_email_get_id (g_ptr_array_index (emails, 0)),
                                       CLT_EMAIL_STATE_SENT, &error));
  g_assert_no_error (error);
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_OUTBOX, id, CHANGE_TIMEOUT_MS));
}

static void
test_changes_shop (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(ChangeRecorder) recorder = change_recorder_new (fixture->store);
  g_autoptr(CltSite) site = NULL;
  g_autoptr(CltGroup) group = NULL;
  g_autoptr(CltCompany) company = NULL;
  g_autoptr(CltCustomField) field = NULL;
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(CltShopPreferences) stored = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  site = add_site (fixture->store, "de", "Germany");
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_SITE, "de", CHANGE_TIMEOUT_MS));
  group = add_group (fixture->store, "vip", "VIP");
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_GROUP, "vip", CHANGE_TIMEOUT_MS));
  company = add_company (fixture->store, "acme", "ACME Corp");
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_COMPANY, "acme", CHANGE_TIMEOUT_MS));
  field = add_custom_field (fixture->store, "points", "Points", CLT_CUSTOM_FIELD_NUMBER);
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_CUSTOM_FIELD, "points",
                                       CHANGE_TIMEOUT_MS));

  preferences = sync_get_preferences (fixture->store, &error);
  g_assert_no_error (error);
  clt_shop_preferences_set_shop_name (preferences, "Renamed");
  stored = sync_set_preferences (fixture->store, preferences, &error);
  g_assert_no_error (error);
  g_assert_true (change_recorder_wait_kind (recorder, CLT_CHANGE_PREFERENCES, CHANGE_TIMEOUT_MS));

  change_recorder_clear (recorder);
  g_assert_true (sync_delete_site (fixture->store, "de", clt_site_get_version (site), &error));
  g_assert_no_error (error);
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_SITE, "de", CHANGE_TIMEOUT_MS));

  /* An import changes any number of customers: CUSTOMERS, no id. */
  g_ptr_array_add (rows, make_import_customer ("imp-1", "Ida", "Eins", "ida@example.com", 0));
  g_ptr_array_add (rows, make_import_customer ("imp-2", "Ivo", "Zwei", "ivo@example.com", 0));
  report = sync_import (fixture->store, rows, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_CUSTOMERS, NULL, CHANGE_TIMEOUT_MS));
}

static void
test_changes_none_on_failure (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltCustomer) edit = clt_customer_copy (anna);
  g_autoptr(CltCustomer) edited = NULL;
  g_autoptr(ChangeRecorder) recorder = NULL;
  g_autoptr(GError) error = NULL;

  clt_customer_set_title (edit, "Dr.");
  edited = sync_update_customer (fixture->store, edit, &error);
  g_assert_no_error (error);
  /* Let every word about the writes above arrive, including any a store
   * learns from watching the data (as it learns of others' writes). */
  spin_main_loop (CHANGE_TIMEOUT_MS + 500);

  recorder = change_recorder_new (fixture->store);

  /* Refused writes and reads change nothing, and say so by silence. */
  {
    g_autoptr(CltCustomer) refused = sync_update_customer (fixture->store, anna, &error);

    assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
    g_clear_error (&error);
  }
  {
    g_autoptr(CltCustomer) duplicate = make_customer ("Anna", "Again", "anna@example.com");
    g_autoptr(CltCustomer) refused = sync_create_customer (fixture->store, duplicate, NULL, FALSE,
                                                           NULL, &error);

    assert_store_error (error, CLT_STORE_ERROR_CONFLICT, "email");
    g_clear_error (&error);
  }
  {
    g_autoptr(CltNote) refused = sync_add_note (fixture->store, clt_customer_get_id (anna), "",
                                                NULL, &error);

    assert_store_error (error, CLT_STORE_ERROR_INVALID, "message");
    g_clear_error (&error);
  }
  g_assert_false (sync_delete_customer (fixture->store, "no-such-customer", 1, 0, &error));
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_clear_error (&error);
  g_assert_cmpuint (count_matches (fixture->store, "Schmidt"), ==, 1);

  spin_main_loop (500);
  g_assert_cmpuint (change_recorder_count (recorder), ==, 0);
}

static void
test_changes_second_instance (StoreFixture  *fixture,
                              gconstpointer  data)
{
  CltStore *second = store_fixture_open_second (fixture);
  g_autoptr(ChangeRecorder) recorder = change_recorder_new (second);
  g_autoptr(CltCustomer) anna = NULL;
  g_autoptr(CltCustomer) seen = NULL;
  g_autoptr(CltCustomer) edit = NULL;
  g_autoptr(CltCustomer) edited = NULL;
  g_autoptr(CltSite) site = NULL;
  g_autoptr(CltNote) note = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  /* Another window on the same data hears of every change, within a few
   * seconds, and then reads it. */
  anna = add_customer (fixture->store, "Anna", "Schmidt", "anna@example.com");
  id = clt_customer_get_id (anna);
  g_assert_true (change_recorder_wait_customer (recorder, id, CHANGE_TIMEOUT_MS));
  seen = sync_get_customer (second, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_last_name (seen), ==, "Schmidt");
  g_assert_cmpuint (count_matches (second, NULL), ==, 1);

  change_recorder_clear (recorder);
  edit = clt_customer_copy (anna);
  clt_customer_set_last_name (edit, "Schulz");
  edited = sync_update_customer (fixture->store, edit, &error);
  g_assert_no_error (error);
  g_assert_true (change_recorder_wait_customer (recorder, id, CHANGE_TIMEOUT_MS));
  g_clear_object (&seen);
  seen = sync_get_customer (second, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_last_name (seen), ==, "Schulz");
  g_assert_true (search_finds (second, "Schulz", id));

  change_recorder_clear (recorder);
  note = sync_add_note (fixture->store, id, "Seen elsewhere?", NULL, &error);
  g_assert_no_error (error);
  /* Told precisely, or at least that customers changed. */
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_NOTE, id, CHANGE_TIMEOUT_MS) ||
                 change_recorder_wait (recorder, CLT_CHANGE_CUSTOMERS, NULL, 0));

  change_recorder_clear (recorder);
  site = add_site (fixture->store, "de", "Germany");
  g_assert_true (change_recorder_wait (recorder, CLT_CHANGE_SITE, "de", CHANGE_TIMEOUT_MS));
}

static void
test_changes_second_instance_stale (StoreFixture  *fixture,
                                    gconstpointer  data)
{
  CltStore *second = store_fixture_open_second (fixture);
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltCustomer) mine = NULL;
  g_autoptr(CltCustomer) theirs = NULL;
  g_autoptr(CltCustomer) saved = NULL;
  g_autoptr(CltCustomer) refused = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = clt_customer_get_id (anna);

  /* Two staff open the same customer in two windows. */
  mine = sync_get_customer (fixture->store, id, &error);
  g_assert_no_error (error);
  theirs = sync_get_customer (second, id, &error);
  g_assert_no_error (error);

  clt_customer_set_last_name (theirs, "Schulz");
  saved = sync_update_customer (second, theirs, &error);
  g_assert_no_error (error);

  clt_customer_set_first_name (mine, "Annette");
  refused = sync_update_customer (fixture->store, mine, &error);
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_assert_null (refused);
  g_clear_error (&error);

  read = sync_get_customer (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_last_name (read), ==, "Schulz");
  g_assert_cmpstr (clt_customer_get_first_name (read), ==, "Anna");
}

/* }}} */

/* Bad input {{{ */

static void
test_input_oversized_strings (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autofree char *huge = long_string ('x', 100000);
  g_autofree char *huge_email = g_strconcat (huge, "@example.com", NULL);
  const char *customer_fields[] = { "first-name", "last-name", "middle-name", "title",
                                    "salutation", "company", "phone", "id" };
  const char *address_fields[] = { "first-name", "address1", "address2", "city", "region",
                                   "company", "comment", "zip-code" };

  for (guint i = 0; i < G_N_ELEMENTS (customer_fields); i++)
    {
      g_autoptr(CltCustomer) customer = make_customer ("Berta", "Schulz", "berta@example.com");
      g_autoptr(CltCustomer) edit = clt_customer_copy (anna);
      g_autoptr(CltCustomer) refused = NULL;
      g_autoptr(GError) error = NULL;

      store_test_note ("customer %s", customer_fields[i]);
      g_object_set (customer, customer_fields[i], huge, NULL);
      refused = sync_create_customer (fixture->store, customer, NULL, FALSE, NULL, &error);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, customer_fields[i]);
      g_assert_null (refused);
      g_clear_error (&error);

      if (g_str_equal (customer_fields[i], "id"))
        continue;
      g_object_set (edit, customer_fields[i], huge, NULL);
      refused = sync_update_customer (fixture->store, edit, &error);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, customer_fields[i]);
      g_assert_null (refused);
    }

  {
    g_autoptr(CltCustomer) customer = make_customer ("Berta", "Schulz", huge_email);
    g_autoptr(CltCustomer) refused = NULL;
    g_autoptr(GError) error = NULL;

    refused = sync_create_customer (fixture->store, customer, NULL, FALSE, NULL, &error);
    assert_store_error (error, CLT_STORE_ERROR_INVALID, "email");
  }

  for (guint i = 0; i < G_N_ELEMENTS (address_fields); i++)
    {
      g_autoptr(CltAddress) address = make_address (clt_customer_get_id (anna), "Berlin",
                                                    "10115");
      g_autoptr(CltAddress) refused = NULL;
      g_autoptr(GError) error = NULL;

      store_test_note ("address %s", address_fields[i]);
      g_object_set (address, address_fields[i], huge, NULL);
      refused = sync_create_address (fixture->store, address, NULL, &error);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, address_fields[i]);
      g_assert_null (refused);
    }

  {
    g_autoptr(CltNote) note = NULL;
    g_autoptr(CltSite) site = make_site ("de", huge);
    g_autoptr(CltSite) refused_site = NULL;
    g_autoptr(CltGroup) group = make_group ("vip", huge);
    g_autoptr(CltGroup) refused_group = NULL;
    g_autoptr(CltCompany) company = make_company ("acme", huge);
    g_autoptr(CltCompany) refused_company = NULL;
    g_autoptr(CltCustomField) field = make_custom_field ("points", huge, CLT_CUSTOM_FIELD_NUMBER);
    g_autoptr(CltCustomField) refused_field = NULL;
    g_autoptr(GError) error = NULL;

    note = sync_add_note (fixture->store, clt_customer_get_id (anna), huge, NULL, &error);
    assert_store_error (error, CLT_STORE_ERROR_INVALID, "message");
    g_clear_error (&error);
    refused_site = sync_save_site (fixture->store, site, NULL, &error);
    assert_store_error (error, CLT_STORE_ERROR_INVALID, "name");
    g_clear_error (&error);
    refused_group = sync_save_group (fixture->store, group, NULL, &error);
    assert_store_error (error, CLT_STORE_ERROR_INVALID, "name");
    g_clear_error (&error);
    refused_company = sync_save_company (fixture->store, company, NULL, &error);
    assert_store_error (error, CLT_STORE_ERROR_INVALID, "name");
    g_clear_error (&error);
    refused_field = sync_save_custom_field (fixture->store, field, NULL, &error);
    assert_store_error (error, CLT_STORE_ERROR_INVALID, "label");
  }

  {
    g_autoptr(CltCustomer) read = sync_get_customer (fixture->store, clt_customer_get_id (anna),
                                                     NULL);

    g_assert_cmpint (clt_customer_get_version (read), ==, clt_customer_get_version (anna));
  }
}

static void
test_input_invalid_utf8 (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  const char *bad[] = { "\xff", "Sch\xc3midt", "M\xc3\xbcller\xed\xa0\x80", "\xc0\xaf",
                        "ok\xf4\x90\x80\x80" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CltCustomer) customer = make_customer ("Berta", bad[i], "berta@example.com");
      g_autoptr(CltCustomer) edit = clt_customer_copy (anna);
      g_autoptr(CltCustomer) refused = NULL;
      g_autoptr(CltAddress) address = make_address (clt_customer_get_id (anna), bad[i], "10115");
      g_autoptr(CltAddress) refused_address = NULL;
      g_autoptr(CltNote) note = NULL;
      g_autoptr(CltGroup) group = make_group ("vip", bad[i]);
      g_autoptr(CltGroup) refused_group = NULL;
      g_autoptr(GError) error = NULL;

      store_test_note ("bad text %u", i);
      refused = sync_create_customer (fixture->store, customer, NULL, FALSE, NULL, &error);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, "last-name");
      g_assert_null (refused);
      g_clear_error (&error);

      clt_customer_set_first_name (edit, bad[i]);
      refused = sync_update_customer (fixture->store, edit, &error);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, "first-name");
      g_assert_null (refused);
      g_clear_error (&error);

      refused_address = sync_create_address (fixture->store, address, NULL, &error);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, "city");
      g_clear_error (&error);

      note = sync_add_note (fixture->store, clt_customer_get_id (anna), bad[i], NULL, &error);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, "message");
      g_clear_error (&error);

      refused_group = sync_save_group (fixture->store, group, NULL, &error);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, "name");
    }

  /* An email in invalid UTF-8. */
  {
    g_autoptr(CltCustomer) customer = make_customer ("Berta", "Schulz", "b\xffrta@example.com");
    g_autoptr(CltCustomer) refused = NULL;
    g_autoptr(GError) error = NULL;

    refused = sync_create_customer (fixture->store, customer, NULL, FALSE, NULL, &error);
    assert_store_error (error, CLT_STORE_ERROR_INVALID, "email");
  }

  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
}

/* Every lookup by @id (and @id as the address, note, outbox, site, group,
 * company and field key) must fail NOT_FOUND, or INVALID when
 * @invalid_ok, and never anything else. */
static void
check_lookups_fail (CltStore   *store,
                    const char *id,
                    const char *customer_id,
                    gboolean    invalid_ok)
{
  g_autofree char *shown = g_strescape (id, NULL);
  const char * const groups[] = { NULL };
  g_autoptr(GString) failures = g_string_new (NULL);

  for (guint op = 0; op < 22; op++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) object = NULL;
      g_autoptr(GPtrArray) array = NULL;
      gboolean ok = FALSE;

      switch (op)
        {
        case 0: object = G_OBJECT (sync_get_customer (store, id, &error)); break;
        case 1: object = G_OBJECT (sync_get_details (store, id, &error)); break;
        case 2: ok = sync_delete_customer (store, id, 1, 0, &error); break;
        case 3: object = G_OBJECT (sync_undo_delete (store, id, &error)); break;
        case 4: ok = sync_password_reset (store, id, &error); break;
        case 5: array = sync_list_addresses (store, id, &error); break;
        case 6: object = G_OBJECT (sync_get_address (store, customer_id, id, &error)); break;
        case 7: ok = sync_delete_address (store, customer_id, id, 1, &error); break;
        case 8:
          object = G_OBJECT (sync_set_default_address (store, id, 1, id, CLT_ADDRESS_USE_BILLING,
                                                       &error));
          break;
        case 9: array = sync_list_notes (store, id, &error); break;
        case 10: object = G_OBJECT (sync_add_note (store, id, "Hello", NULL, &error)); break;
        case 11: array = sync_list_orders (store, id, &error); break;
        case 12: array = sync_list_emails (store, id, &error); break;
        case 13: ok = sync_set_email_state (store, id, CLT_EMAIL_STATE_SENT, &error); break;
        case 14: ok = sync_delete_site (store, id, 1, &error); break;
        case 15: ok = sync_delete_group (store, id, 1, &error); break;
        case 16: ok = sync_delete_company (store, id, 1, &error); break;
        case 17: ok = sync_delete_custom_field (store, id, 1, &error); break;
        case 18: object = G_OBJECT (sync_set_groups (store, id, 1, groups, &error)); break;
        case 19:
          object = G_OBJECT (sync_assign_company (store, id, 1, NULL, NULL, NULL, &error));
          break;
        case 20:
          {
            g_autoptr(CltAddress) address = make_address (id, "Berlin", "10115");

            object = G_OBJECT (sync_create_address (store, address, NULL, &error));
          }
          break;
        case 21:
          {
            /* An address of a real customer, by an id it does not have. */
            g_autoptr(CltAddress) address = make_address (customer_id, "Berlin", "10115");

            clt_address_set_id (address, id);
            clt_address_set_version (address, 1);
            object = G_OBJECT (sync_update_address (store, address, &error));
          }
          break;
        default:
          g_assert_not_reached ();
        }

      /* Every lookup is checked, and all that fail are reported. */
      if (ok || object != NULL || array != NULL || error == NULL ||
          error->domain != CLT_STORE_ERROR ||
          !(error->code == CLT_STORE_ERROR_NOT_FOUND ||
            (invalid_ok && error->code == CLT_STORE_ERROR_INVALID)))
        g_string_append_printf (failures, "id '%.40s', lookup %u: %s %d %s; ", shown, op,
                                error != NULL ? g_quark_to_string (error->domain) : "success",
                                error != NULL ? error->code : 0,
                                error != NULL ? error->message : "");
    }

  g_assert_cmpstr (failures->str, ==, "");
}

static void
test_input_unknown_ids (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");

  check_lookups_fail (fixture->store, "no-such-id", clt_customer_get_id (anna), FALSE);

  /* An update of a customer that does not exist. */
  {
    g_autoptr(CltCustomer) ghost = make_customer ("Gho", "St", "ghost@example.com");
    g_autoptr(CltCustomer) refused = NULL;
    g_autoptr(CltSite) site = make_site ("ghost", "Ghost");
    g_autoptr(CltSite) refused_site = NULL;
    g_autoptr(GError) error = NULL;

    clt_customer_set_id (ghost, "no-such-id");
    clt_customer_set_version (ghost, 1);
    refused = sync_update_customer (fixture->store, ghost, &error);
    assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
    g_clear_error (&error);

    clt_site_set_version (site, 1);
    refused_site = sync_save_site (fixture->store, site, NULL, &error);
    assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  }

  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
}

static void
test_input_empty_ids (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");

  check_lookups_fail (fixture->store, "", clt_customer_get_id (anna), TRUE);
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
}

static void
test_input_hostile_ids (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autofree char *huge = long_string ('i', 100000);
  const char *ids[] = {
    "../../etc/passwd", "1 OR 1=1", "' OR ''='", "%", "_", "*", "a/b", "?x=1", "#top",
    "%2e%2e%2f", "\xff", "Ünïcödé", huge, " ", "anna@example.com",
  };

  /* Ids are opaque: no pattern, path or query reaches anything. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    check_lookups_fail (fixture->store, ids[i], clt_customer_get_id (anna), TRUE);

  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
  {
    g_autoptr(CltCustomer) read = sync_get_customer (fixture->store, clt_customer_get_id (anna),
                                                     NULL);

    g_assert_nonnull (read);
    g_assert_cmpint (clt_customer_get_version (read), ==, clt_customer_get_version (anna));
  }
}

static void
test_input_oversized_lists (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CltCustomer) refused = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < CLT_VALIDATE_MAX_LIST_ITEMS + 1; i++)
    g_ptr_array_add (codes, g_strdup_printf ("group-%04u", i));
  g_ptr_array_add (codes, NULL);

  /* Above a list limit: refused as INVALID on the list or TOO_LARGE. */
  refused = sync_set_groups (fixture->store, clt_customer_get_id (anna),
                             clt_customer_get_version (anna),
                             (const char * const *) codes->pdata, &error);
  assert_store_error_either (error, CLT_STORE_ERROR_INVALID, CLT_STORE_ERROR_TOO_LARGE);
  g_assert_null (refused);
}

/* }}} */

/* Cancellation and properties {{{ */

static void
test_cancel_before_call (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CltCustomer) berta = make_customer ("Berta", "Schulz", "berta@example.com");
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) customers = NULL;

    clt_store_list_customers_async (fixture->store, NULL, 0, 10, CLT_LIST_FLAGS_WITH_TOTAL,
                                    cancellable, store_result_cb, &result);
    customers = clt_store_list_customers_finish (fixture->store, store_wait (&result), NULL,
                                                 &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (customers);
    g_clear_error (&error);
  }

  /* A write cancelled before it started is not done. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(CltCustomer) stored = NULL;

    clt_store_create_customer_async (fixture->store, berta, NULL, FALSE, NULL, cancellable,
                                     store_result_cb, &result);
    stored = clt_store_create_customer_finish (fixture->store, store_wait (&result), &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (stored);
    g_clear_error (&error);
  }

  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
  g_clear_object (&anna);
  anna = add_customer (fixture->store, "Berta", "Schulz", "berta@example.com");
}

static void
test_store_properties (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autofree char *location = clt_store_dup_location (fixture->store);

  g_assert_false (clt_store_get_read_only (fixture->store));
  g_assert_nonnull (location);
  g_assert_cmpstr (location, !=, "");
}

/* }}} */

void
register_access_cases (const StoreFactory *factory)
{
  STORE_TEST ("/clt/store/roles/current-user", test_roles_current_user);
  STORE_TEST ("/clt/store/roles/viewer-reads", test_roles_viewer_reads);
  STORE_TEST ("/clt/store/roles/viewer-writes", test_roles_viewer_writes);
  STORE_TEST ("/clt/store/roles/staff", test_roles_staff);
  STORE_TEST ("/clt/store/roles/support", test_roles_support);
  STORE_TEST ("/clt/store/roles/admin", test_roles_admin);
  STORE_TEST ("/clt/store/roles/denied-first-staff", test_roles_denied_first_staff);
  STORE_TEST ("/clt/store/roles/denied-first-viewer", test_roles_denied_first_viewer);

  STORE_TEST ("/clt/store/changes/customer", test_changes_customer);
  STORE_TEST ("/clt/store/changes/children", test_changes_children);
  STORE_TEST ("/clt/store/changes/shop", test_changes_shop);
  STORE_TEST ("/clt/store/changes/none-on-failure", test_changes_none_on_failure);
  STORE_TEST ("/clt/store/changes/second-instance", test_changes_second_instance);
  STORE_TEST ("/clt/store/changes/second-instance-stale", test_changes_second_instance_stale);

  STORE_TEST ("/clt/store/input/oversized-strings", test_input_oversized_strings);
  STORE_TEST ("/clt/store/input/invalid-utf8", test_input_invalid_utf8);
  STORE_TEST ("/clt/store/input/unknown-ids", test_input_unknown_ids);
  STORE_TEST ("/clt/store/input/empty-ids", test_input_empty_ids);
  STORE_TEST ("/clt/store/input/hostile-ids", test_input_hostile_ids);
  STORE_TEST ("/clt/store/input/oversized-lists", test_input_oversized_lists);

  STORE_TEST ("/clt/store/cancel/before-call", test_cancel_before_call);
  STORE_TEST ("/clt/store/interface/properties", test_store_properties);
}
