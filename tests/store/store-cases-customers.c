/* store-cases-customers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-conformance"

#include "config.h"

#include <string.h>

#include "store-test-util.h"

/* Customers: create, read, edit (fields, activation, groups, company,
 * custom fields), versions, idempotent creates, one form per email.
 * Deleting is in store-cases-delete.c. */

/* Helpers {{{ */

/* Creating @customer must fail INVALID on @field and leave no customer. */
static void
assert_create_invalid (CltStore    *store,
                       CltCustomer *customer,
                       const char  *field)
{
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;
  guint before = count_matches (store, NULL);

  stored = sync_create_customer (store, customer, NULL, FALSE, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_INVALID, field);
  g_assert_null (stored);
  g_assert_cmpuint (count_matches (store, NULL), ==, before);
}

static gboolean
is_custom_id (const char *id)
{
  return g_regex_match_simple ("^[A-Za-z0-9_-]{1,66}$", id, 0, 0);
}

/* }}} */

/* Create and get {{{ */

static void
test_customer_create (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = make_customer ("Anna", "Schmidt", "anna@example.com");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  clt_customer_set_salutation (customer, "Ms");
  clt_customer_set_title (customer, "Dr.");
  clt_customer_set_middle_name (customer, "Maria");
  clt_customer_set_phone (customer, "+49 30 1234567");
  clt_customer_set_date_of_birth (customer, "1985-06-15");
  clt_customer_set_gender (customer, CLT_GENDER_FEMALE);
  clt_customer_set_company (customer, "Schmidt & Söhne");
  clt_customer_set_locale (customer, "de_DE");
  clt_customer_set_verified (customer, TRUE);

  stored = sync_create_customer (fixture->store, customer, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);

  /* The store gives the id, the number, the version and the dates. */
  g_assert_true (is_custom_id (clt_customer_get_id (stored)));
  g_assert_cmpstr (clt_customer_get_number (stored), !=, "");
  g_assert_cmpint (clt_customer_get_version (stored), >, 0);
  g_assert_nonnull (clt_customer_get_registered (stored));
  g_assert_cmpint (ABS (g_date_time_difference (clt_customer_get_registered (stored), now)), <,
                   120 * G_TIME_SPAN_SECOND);
  g_assert_null (clt_customer_get_anonymized_at (stored));
  /* New customers are unverified, whatever the caller said. */
  g_assert_false (clt_customer_get_verified (stored));
  /* Activation as given (the editor fills in the shop's defaults). */
  g_assert_true (clt_customer_get_active (stored));
  g_assert_false (clt_customer_get_on_hold (stored));

  g_assert_cmpstr (clt_customer_get_email (stored), ==, "anna@example.com");
  g_assert_cmpstr (clt_customer_get_salutation (stored), ==, "Ms");
  g_assert_cmpstr (clt_customer_get_title (stored), ==, "Dr.");
  g_assert_cmpstr (clt_customer_get_first_name (stored), ==, "Anna");
  g_assert_cmpstr (clt_customer_get_middle_name (stored), ==, "Maria");
  g_assert_cmpstr (clt_customer_get_last_name (stored), ==, "Schmidt");
  g_assert_cmpstr (clt_customer_get_phone (stored), ==, "+49 30 1234567");
  g_assert_cmpstr (clt_customer_get_date_of_birth (stored), ==, "1985-06-15");
  g_assert_cmpint (clt_customer_get_gender (stored), ==, CLT_GENDER_FEMALE);
  g_assert_cmpstr (clt_customer_get_company (stored), ==, "Schmidt & Söhne");
  g_assert_cmpstr (clt_customer_get_locale (stored), ==, "de_DE");
  g_assert_cmpstr (clt_customer_get_currency (stored), ==, "EUR");

  /* What get returns is what create returned. */
  read = get_customer (fixture->store, clt_customer_get_id (stored));
  g_assert_true (clt_customer_get_loaded (read));
  g_assert_cmpstr (clt_customer_get_id (read), ==, clt_customer_get_id (stored));
  g_assert_cmpstr (clt_customer_get_number (read), ==, clt_customer_get_number (stored));
  g_assert_cmpint (clt_customer_get_version (read), ==, clt_customer_get_version (stored));
  g_assert_cmpstr (clt_customer_get_last_name (read), ==, "Schmidt");
  g_assert_cmpstr (clt_customer_get_company (read), ==, "Schmidt & Söhne");
  g_assert_true (g_date_time_equal (clt_customer_get_registered (read),
                                    clt_customer_get_registered (stored)));
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
}

static void
test_customer_create_copies_input (StoreFixture  *fixture,
                                   gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = make_customer ("Anna", "Schmidt", "anna@example.com");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GError) error = NULL;

  stored = sync_create_customer (fixture->store, customer, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);

  /* Objects passed in are not kept, nor returned. */
  g_assert_true (stored != customer);
  clt_customer_set_last_name (customer, "Changed");
  clt_customer_set_last_name (stored, "Changed too");
  read = get_customer (fixture->store, clt_customer_get_id (stored));
  g_assert_cmpstr (clt_customer_get_last_name (read), ==, "Schmidt");
}

static void
test_customer_create_custom_id (StoreFixture  *fixture,
                                gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = make_customer ("Anna", "Schmidt", "anna@example.com");
  g_autoptr(CltCustomer) again = make_customer ("Berta", "Schulz", "berta@example.com");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) refused = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GError) error = NULL;

  clt_customer_set_id (customer, "shop-42");
  stored = sync_create_customer (fixture->store, customer, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_id (stored), ==, "shop-42");
  read = get_customer (fixture->store, "shop-42");
  g_assert_cmpstr (clt_customer_get_email (read), ==, "anna@example.com");

  /* The custom id is unique. */
  clt_customer_set_id (again, "shop-42");
  refused = sync_create_customer (fixture->store, again, NULL, FALSE, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_CONFLICT, "id");
  g_assert_null (refused);
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
}

static void
test_customer_create_required (StoreFixture  *fixture,
                               gconstpointer  data)
{
  struct {
    const char *field;
    const char *value;
  } blanks[] = {
    { "email", "" },
    { "email", "   " },
    { "first-name", "" },
    { "first-name", " \t " },
    { "last-name", "" },
    { "last-name", "\xe2\x80\x8b" /* zero-width space only */ },
    { "currency", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autoptr(CltCustomer) customer = make_customer ("Anna", "Schmidt", "anna@example.com");

      store_test_note ("%s “%s”", blanks[i].field, blanks[i].value);
      g_object_set (customer, blanks[i].field, blanks[i].value, NULL);
      assert_create_invalid (fixture->store, customer, blanks[i].field);
    }
}

static void
test_customer_create_invalid (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) next_year = g_date_time_add_years (now, 1);
  g_autofree char *future = g_date_time_format (next_year, "%Y-%m-%d");
  struct {
    const char *field;
    const char *value;
  } values[] = {
    { "currency", "EURO" },
    { "currency", "eu" },
    { "date-of-birth", future },
    { "date-of-birth", "1850-01-01" },
    { "date-of-birth", "2001-02-30" },
    { "date-of-birth", "15.06.1985" },
    { "phone", "call me" },
    { "phone", "12" },
    { "locale", "xx_YY" },
    { "id", "has space" },
    { "id", "slash/in/id" },
    { "first-name", "Anna\x01" },
    { "last-name", "Schmidt\nSchulz" },
    { "last-name", "\xe2\x80\xae" "tdimhcS" /* right-to-left override */ },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(CltCustomer) customer = make_customer ("Anna", "Schmidt", "anna@example.com");

      store_test_note ("%s “%s”", values[i].field, values[i].value);
      g_object_set (customer, values[i].field, values[i].value, NULL);
      assert_create_invalid (fixture->store, customer, values[i].field);
    }
}

static void
test_customer_create_password (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = make_customer ("Anna", "Schmidt", "anna@example.com");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;

  /* A typed initial password follows clt_validate_password(). */
  stored = sync_create_customer (fixture->store, customer, "short", FALSE, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_INVALID, NULL);
  g_assert_null (stored);
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 0);
  g_clear_error (&error);

  stored = sync_create_customer (fixture->store, customer, "correct horse battery", FALSE, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
}

/* }}} */

/* Update {{{ */

static void
test_customer_update (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(CltCustomer) created = add_customer (fixture->store, "Anna", "Schmidt",
                                                 "anna@example.com");
  g_autoptr(CltCustomer) edit = clt_customer_copy (created);
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) read = NULL;

  clt_customer_set_last_name (edit, "Schulz");
  clt_customer_set_phone (edit, "+49 89 555");
  clt_customer_set_date_of_birth (edit, "1990-01-31");
  clt_customer_set_currency (edit, "CHF");
  stored = update_customer (fixture->store, edit);

  g_assert_cmpstr (clt_customer_get_id (stored), ==, clt_customer_get_id (created));
  g_assert_cmpint (clt_customer_get_version (stored), >, clt_customer_get_version (created));
  g_assert_cmpstr (clt_customer_get_last_name (stored), ==, "Schulz");
  g_assert_nonnull (clt_customer_get_updated (stored));
  /* What the store gives, the caller cannot change by editing. */
  g_assert_cmpstr (clt_customer_get_number (stored), ==, clt_customer_get_number (created));
  g_assert_true (g_date_time_equal (clt_customer_get_registered (stored),
                                    clt_customer_get_registered (created)));

  read = get_customer (fixture->store, clt_customer_get_id (created));
  g_assert_cmpint (clt_customer_get_version (read), ==, clt_customer_get_version (stored));
  g_assert_cmpstr (clt_customer_get_last_name (read), ==, "Schulz");
  g_assert_cmpstr (clt_customer_get_first_name (read), ==, "Anna");
  g_assert_cmpstr (clt_customer_get_phone (read), ==, "+49 89 555");
  g_assert_cmpstr (clt_customer_get_date_of_birth (read), ==, "1990-01-31");
  g_assert_cmpstr (clt_customer_get_currency (read), ==, "CHF");
}

static void
test_customer_update_stale (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(CltCustomer) created = add_customer (fixture->store, "Anna", "Schmidt",
                                                 "anna@example.com");
  g_autoptr(CltCustomer) mine = clt_customer_copy (created);
  g_autoptr(CltCustomer) theirs = clt_customer_copy (created);
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) refused = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(CltCustomer) retried = NULL;
  g_autoptr(GError) error = NULL;

  clt_customer_set_last_name (mine, "Schulz");
  stored = update_customer (fixture->store, mine);

  /* Based on the version before: refused, and the first change stays. */
  clt_customer_set_first_name (theirs, "Annette");
  refused = sync_update_customer (fixture->store, theirs, &error);
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_assert_null (refused);

  read = get_customer (fixture->store, clt_customer_get_id (created));
  g_assert_cmpstr (clt_customer_get_last_name (read), ==, "Schulz");
  g_assert_cmpstr (clt_customer_get_first_name (read), ==, "Anna");
  g_assert_cmpint (clt_customer_get_version (read), ==, clt_customer_get_version (stored));

  /* After reloading, the same edit goes through. */
  clt_customer_set_first_name (read, "Annette");
  retried = update_customer (fixture->store, read);
  g_assert_cmpstr (clt_customer_get_first_name (retried), ==, "Annette");
  g_assert_cmpstr (clt_customer_get_last_name (retried), ==, "Schulz");
}

static void
test_customer_update_version_required (StoreFixture  *fixture,
                                       gconstpointer  data)
{
  g_autoptr(CltCustomer) created = add_customer (fixture->store, "Anna", "Schmidt",
                                                 "anna@example.com");
  g_autoptr(CltCustomer) edit = clt_customer_copy (created);
  g_autoptr(CltCustomer) refused = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GError) error = NULL;

  /* A write that names no version (0) is not based on what is stored:
   * refused, never applied blindly. */
  clt_customer_set_version (edit, 0);
  clt_customer_set_last_name (edit, "Blind");
  refused = sync_update_customer (fixture->store, edit, &error);
  assert_store_error_either (error, CLT_STORE_ERROR_STALE, CLT_STORE_ERROR_INVALID);
  g_assert_null (refused);
  g_clear_error (&error);

  /* Nor one from the future. */
  clt_customer_set_version (edit, clt_customer_get_version (created) + 1000);
  refused = sync_update_customer (fixture->store, edit, &error);
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_assert_null (refused);

  read = get_customer (fixture->store, clt_customer_get_id (created));
  g_assert_cmpstr (clt_customer_get_last_name (read), ==, "Schmidt");
  g_assert_cmpint (clt_customer_get_version (read), ==, clt_customer_get_version (created));
}

static void
test_customer_update_invalid (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(CltCustomer) created = add_customer (fixture->store, "Anna", "Schmidt",
                                                 "anna@example.com");
  struct {
    const char *field;
    const char *value;
  } values[] = {
    { "last-name", "" },
    { "first-name", "   " },
    { "currency", "EURO" },
    { "phone", "call me" },
    { "date-of-birth", "2001-02-30" },
    { "locale", "xx_YY" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(CltCustomer) edit = clt_customer_copy (created);
      g_autoptr(CltCustomer) refused = NULL;
      g_autoptr(CltCustomer) read = NULL;
      g_autoptr(GError) error = NULL;

      store_test_note ("%s “%s”", values[i].field, values[i].value);
      g_object_set (edit, values[i].field, values[i].value, NULL);
      refused = sync_update_customer (fixture->store, edit, &error);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, values[i].field);
      g_assert_null (refused);

      /* Nothing written, the version unchanged. */
      read = get_customer (fixture->store, clt_customer_get_id (created));
      g_assert_cmpint (clt_customer_get_version (read), ==, clt_customer_get_version (created));
      g_assert_cmpstr (clt_customer_get_last_name (read), ==, "Schmidt");
    }
}

static void
test_customer_update_unknown (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(CltCustomer) created = add_customer (fixture->store, "Anna", "Schmidt",
                                                 "anna@example.com");
  g_autoptr(CltCustomer) edit = clt_customer_copy (created);
  g_autoptr(CltCustomer) refused = NULL;
  g_autoptr(GError) error = NULL;

  clt_customer_set_id (edit, "no-such-customer");
  refused = sync_update_customer (fixture->store, edit, &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (refused);
  g_clear_error (&error);

  /* The id is required on update. */
  clt_customer_set_id (edit, "");
  refused = sync_update_customer (fixture->store, edit, &error);
  assert_store_error_either (error, CLT_STORE_ERROR_NOT_FOUND, CLT_STORE_ERROR_INVALID);
  g_assert_null (refused);
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
}

static void
test_customer_update_status (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(CltCustomer) created = add_customer (fixture->store, "Anna", "Schmidt",
                                                 "anna@example.com");
  g_autoptr(CltCustomer) edit = clt_customer_copy (created);
  g_autoptr(CltCustomer) inactive = NULL;
  g_autoptr(CltCustomer) on_hold = NULL;
  g_autoptr(CltCustomer) read = NULL;

  g_assert_cmpint (clt_customer_get_status (created), ==, CLT_CUSTOMER_STATUS_ACTIVE);

  clt_customer_set_active (edit, FALSE);
  inactive = update_customer (fixture->store, edit);
  g_assert_false (clt_customer_get_active (inactive));
  g_assert_cmpint (clt_customer_get_status (inactive), ==, CLT_CUSTOMER_STATUS_INACTIVE);

  clt_customer_set_version (edit, clt_customer_get_version (inactive));
  clt_customer_set_on_hold (edit, TRUE);
  on_hold = update_customer (fixture->store, edit);
  g_assert_true (clt_customer_get_on_hold (on_hold));
  g_assert_cmpint (clt_customer_get_status (on_hold), ==, CLT_CUSTOMER_STATUS_ON_HOLD);
  g_assert_cmpint (clt_customer_get_version (on_hold), >, clt_customer_get_version (inactive));

  read = get_customer (fixture->store, clt_customer_get_id (created));
  g_assert_false (clt_customer_get_active (read));
  g_assert_true (clt_customer_get_on_hold (read));
}

static void
test_customer_update_groups_and_company (StoreFixture  *fixture,
                                         gconstpointer  data)
{
  g_autoptr(CltCustomer) created = add_customer (fixture->store, "Anna", "Schmidt",
                                                 "anna@example.com");
  g_autoptr(CltGroup) vip = add_group (fixture->store, "vip", "VIP");
  g_autoptr(CltCompany) acme = add_company (fixture->store, "acme", "ACME Corp");
  g_autoptr(CltCustomer) edit = clt_customer_copy (created);
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) refused = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GError) error = NULL;
  const char * const groups[] = { "vip", NULL };
  const char * const ghost[] = { "vip", "ghost", NULL };
  const char * const roles[] = { "buyer", NULL };

  /* update_customer writes groups and company as well. */
  clt_customer_set_groups (edit, groups);
  clt_customer_set_company_id (edit, "acme");
  clt_customer_set_business_unit (edit, "Sales");
  clt_customer_set_roles (edit, roles);
  stored = update_customer (fixture->store, edit);
  g_assert_true (strv_has (clt_customer_get_groups (stored), "vip"));
  g_assert_cmpstr (clt_customer_get_company_id (stored), ==, "acme");
  g_assert_cmpstr (clt_customer_get_business_unit (stored), ==, "Sales");
  g_assert_true (strv_has (clt_customer_get_roles (stored), "buyer"));

  read = get_customer (fixture->store, clt_customer_get_id (created));
  g_assert_cmpuint (g_strv_length ((char **) clt_customer_get_groups (read)), ==, 1);
  g_assert_cmpstr (clt_customer_get_company_id (read), ==, "acme");

  /* A group that does not exist is refused on "groups". */
  clt_customer_set_version (edit, clt_customer_get_version (stored));
  clt_customer_set_groups (edit, ghost);
  refused = sync_update_customer (fixture->store, edit, &error);
  assert_store_error (error, CLT_STORE_ERROR_INVALID, "groups");
  g_assert_null (refused);
}

static void
test_customer_custom_fields (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(CltCustomer) created = add_customer (fixture->store, "Anna", "Schmidt",
                                                 "anna@example.com");
  g_autoptr(CltCustomField) points = add_custom_field (fixture->store, "loyalty_points", "Points",
                                                       CLT_CUSTOM_FIELD_NUMBER);
  g_autoptr(CltCustomField) news = add_custom_field (fixture->store, "newsletter", "Newsletter",
                                                     CLT_CUSTOM_FIELD_BOOLEAN);
  g_autoptr(CltCustomField) nick = add_custom_field (fixture->store, "nickname", "Nickname",
                                                     CLT_CUSTOM_FIELD_STRING);
  g_autoptr(CltCustomer) edit = clt_customer_copy (created);
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GVariant) value = NULL;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  struct {
    const char *key;
    GVariant   *value;
  } wrong[] = {
    { "loyalty_points", g_variant_new_string ("lots") },
    { "newsletter", g_variant_new_string ("yes") },
    { "shoe_size", g_variant_new_double (42) },
  };

  g_variant_dict_insert (&dict, "loyalty_points", "d", 120.0);
  g_variant_dict_insert (&dict, "newsletter", "b", TRUE);
  g_variant_dict_insert (&dict, "nickname", "s", "Annie");
  clt_customer_set_custom_fields (edit, g_variant_dict_end (&dict));
  stored = update_customer (fixture->store, edit);

  read = get_customer (fixture->store, clt_customer_get_id (created));
  g_assert_nonnull (clt_customer_get_custom_fields (read));
  value = g_variant_lookup_value (clt_customer_get_custom_fields (read), "nickname",
                                  G_VARIANT_TYPE_STRING);
  g_assert_nonnull (value);
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "Annie");
  g_clear_pointer (&value, g_variant_unref);
  value = g_variant_lookup_value (clt_customer_get_custom_fields (read), "newsletter",
                                  G_VARIANT_TYPE_BOOLEAN);
  g_assert_nonnull (value);
  g_assert_true (g_variant_get_boolean (value));
  g_clear_pointer (&value, g_variant_unref);
  value = g_variant_lookup_value (clt_customer_get_custom_fields (read), "loyalty_points", NULL);
  g_assert_nonnull (value);

  /* A value of the wrong type, or for a field that is not defined: every
   * one is checked, and all that get through are reported. */
  {
    g_autoptr(GString) accepted = g_string_new (NULL);

    for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
      {
        g_autoptr(CltCustomer) bad = clt_customer_copy (read);
        g_autoptr(CltCustomer) refused = NULL;
        g_auto(GVariantDict) bad_dict = G_VARIANT_DICT_INIT (NULL);
        g_autoptr(GError) error = NULL;

        g_variant_dict_insert_value (&bad_dict, wrong[i].key, wrong[i].value);
        clt_customer_set_custom_fields (bad, g_variant_dict_end (&bad_dict));
        refused = sync_update_customer (fixture->store, bad, &error);
        if (refused != NULL || error == NULL || error->domain != CLT_STORE_ERROR ||
            error->code != CLT_STORE_ERROR_INVALID ||
            !g_str_has_prefix (clt_store_error_get_field (error), "custom-fields."))
          g_string_append_printf (accepted, "%s: %s; ", wrong[i].key,
                                  error != NULL ? error->message : "accepted");
        if (refused != NULL)
          clt_customer_set_version (read, clt_customer_get_version (refused));
      }

    g_assert_cmpstr (accepted->str, ==, "");
  }
}


/* }}} */

/* Groups and company of a customer {{{ */

static void
test_customer_set_groups (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(CltCustomer) created = add_customer (fixture->store, "Anna", "Schmidt",
                                                 "anna@example.com");
  g_autoptr(CltGroup) vip = add_group (fixture->store, "vip", "VIP");
  g_autoptr(CltGroup) b2b = add_group (fixture->store, "b2b", "Business");
  g_autoptr(CltCustomer) both = NULL;
  g_autoptr(CltCustomer) none = NULL;
  g_autoptr(CltCustomer) refused = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GError) error = NULL;
  const char * const codes[] = { "vip", "b2b", NULL };
  const char * const ghost[] = { "ghost", NULL };
  const char * const empty[] = { NULL };
  const char *id = clt_customer_get_id (created);

  both = sync_set_groups (fixture->store, id, clt_customer_get_version (created), codes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_customer_get_version (both), >, clt_customer_get_version (created));
  g_assert_cmpuint (g_strv_length ((char **) clt_customer_get_groups (both)), ==, 2);
  g_assert_true (strv_has (clt_customer_get_groups (both), "vip"));
  g_assert_true (strv_has (clt_customer_get_groups (both), "b2b"));

  /* Based on the version before: stale. */
  refused = sync_set_groups (fixture->store, id, clt_customer_get_version (created), empty, &error);
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_assert_null (refused);
  g_clear_error (&error);

  /* A group that does not exist. */
  refused = sync_set_groups (fixture->store, id, clt_customer_get_version (both), ghost, &error);
  assert_store_error (error, CLT_STORE_ERROR_INVALID, "groups");
  g_assert_null (refused);
  g_clear_error (&error);

  read = get_customer (fixture->store, id);
  g_assert_cmpuint (g_strv_length ((char **) clt_customer_get_groups (read)), ==, 2);

  /* An empty list takes the customer out of every group. */
  none = sync_set_groups (fixture->store, id, clt_customer_get_version (both), empty, &error);
  g_assert_no_error (error);
  g_assert_true (clt_customer_get_groups (none) == NULL ||
                 clt_customer_get_groups (none)[0] == NULL);
}

static void
test_customer_assign_company (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(CltCustomer) created = add_customer (fixture->store, "Anna", "Schmidt",
                                                 "anna@example.com");
  g_autoptr(CltCompany) acme = add_company (fixture->store, "acme", "ACME Corp");
  g_autoptr(CltCustomer) assigned = NULL;
  g_autoptr(CltCustomer) detached = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GError) error = NULL;
  const char * const roles[] = { "buyer", NULL };
  const char * const bad_roles[] = { "ceo", NULL };
  const char * const other_roles[] = { "dispatcher", NULL };
  const char * const other_units[] = { "Logistics", NULL };
  g_autoptr(CltCompany) globex = make_company ("globex", "Globex");
  g_autoptr(CltCompany) stored_globex = NULL;
  const char *id = clt_customer_get_id (created);
  gint64 version;

  clt_company_set_business_units (globex, other_units);
  clt_company_set_roles (globex, other_roles);
  stored_globex = sync_save_company (fixture->store, globex, NULL, &error);
  g_assert_no_error (error);

  assigned = sync_assign_company (fixture->store, id, clt_customer_get_version (created), "acme",
                                  "Sales", roles, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_company_id (assigned), ==, "acme");
  g_assert_cmpstr (clt_customer_get_business_unit (assigned), ==, "Sales");
  g_assert_true (strv_has (clt_customer_get_roles (assigned), "buyer"));
  g_assert_cmpint (clt_customer_get_version (assigned), >, clt_customer_get_version (created));
  version = clt_customer_get_version (assigned);

  read = get_customer (fixture->store, id);
  g_assert_cmpstr (clt_customer_get_company_id (read), ==, "acme");

  /* Stale; a company, unit or role that does not exist. */
  {
    struct {
      gint64              version;
      const char         *company_id;
      const char         *unit;
      const char * const *roles;
      int                 code;
      const char         *field;
    } refusals[] = {
      { clt_customer_get_version (created), "acme", "Sales", roles, CLT_STORE_ERROR_STALE, NULL },
      { version, "ghost", "Sales", roles, CLT_STORE_ERROR_INVALID, "company-id" },
      { version, "acme", "Marketing", roles, CLT_STORE_ERROR_INVALID, "business-unit" },
      /* A unit and a role that only another company has. */
      { version, "acme", "Logistics", roles, CLT_STORE_ERROR_INVALID, "business-unit" },
      { version, "acme", "Sales", other_roles, CLT_STORE_ERROR_INVALID, "roles" },
      { version, NULL, "Sales", NULL, CLT_STORE_ERROR_INVALID, "company-id" },
      { version, "acme", "Sales", bad_roles, CLT_STORE_ERROR_INVALID, "roles" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
      {
        g_autoptr(CltCustomer) refused = NULL;
        g_autoptr(GError) refusal = NULL;

        store_test_note ("refusal %u", i);
        refused = sync_assign_company (fixture->store, id, refusals[i].version,
                                       refusals[i].company_id, refusals[i].unit, refusals[i].roles,
                                       &refusal);
        assert_store_error (refusal, refusals[i].code, refusals[i].field);
        g_assert_null (refused);
      }
  }

  /* NULL detaches. */
  detached = sync_assign_company (fixture->store, id, version, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_company_id (detached), ==, "");
  g_assert_cmpint (clt_customer_get_version (detached), >, version);
}

/* }}} */

/* Versions {{{ */

static void
test_customer_versions_bump (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = add_customer (fixture->store, "Anna", "Schmidt",
                                                  "anna@example.com");
  g_autoptr(CltGroup) vip = add_group (fixture->store, "vip", "VIP");
  g_autoptr(CltCompany) acme = add_company (fixture->store, "acme", "ACME Corp");
  g_autoptr(CltAddress) address = add_address (fixture->store, clt_customer_get_id (customer),
                                               "Berlin", "10115");
  const char * const groups[] = { "vip", NULL };
  const char *id = clt_customer_get_id (customer);
  gint64 last = clt_customer_get_version (customer);

  for (guint step = 0; step < 5; step++)
    {
      g_autoptr(CltCustomer) stored = NULL;
      g_autoptr(CltCustomer) read = NULL;
      g_autoptr(GError) error = NULL;
      gint64 based_on = last;

      switch (step)
        {
        case 0:
          {
            g_autoptr(CltCustomer) edit = get_customer (fixture->store, id);

            clt_customer_set_title (edit, "Prof.");
            stored = sync_update_customer (fixture->store, edit, &error);
          }
          break;
        case 1:
          stored = sync_set_groups (fixture->store, id, based_on, groups, &error);
          break;
        case 2:
          stored = sync_assign_company (fixture->store, id, based_on, "acme", NULL, NULL, &error);
          break;
        case 3:
          stored = sync_set_default_address (fixture->store, id, based_on,
                                             clt_address_get_id (address),
                                             CLT_ADDRESS_USE_BILLING, &error);
          break;
        case 4:
          stored = sync_set_default_address (fixture->store, id, based_on,
                                             clt_address_get_id (address),
                                             CLT_ADDRESS_USE_SHIPPING, &error);
          break;
        default:
          g_assert_not_reached ();
        }

      store_test_note ("step %u", step);
      g_assert_no_error (error);
      g_assert_nonnull (stored);
      g_assert_cmpint (clt_customer_get_version (stored), >, last);
      last = clt_customer_get_version (stored);

      read = get_customer (fixture->store, id);
      g_assert_cmpint (clt_customer_get_version (read), ==, last);
    }
}

static void
test_customer_no_silent_undo (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltGroup) vip = add_group (fixture->store, "vip", "VIP");
  g_autoptr(CltAddress) address = add_address (fixture->store, clt_customer_get_id (anna),
                                               "Berlin", "10115");
  g_autoptr(CltCustomer) created = NULL;
  g_autoptr(CltCustomer) grouped = NULL;
  g_autoptr(CltCustomer) edit = NULL;
  g_autoptr(CltCustomer) refused = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GError) error = NULL;
  const char * const groups[] = { "vip", NULL };
  const char *id = clt_customer_get_id (anna);

  /* Two windows show the customer as it is after adding the address. */
  created = get_customer (fixture->store, id);
  edit = clt_customer_copy (created);

  /* One window puts the customer in a group… */
  grouped = sync_set_groups (fixture->store, id, clt_customer_get_version (created), groups,
                             &error);
  g_assert_no_error (error);

  /* …another, still showing the customer without it, saves its edit: an
   * update carries the groups too, so applying it would drop the group. */
  clt_customer_set_last_name (edit, "Schulz");
  refused = sync_update_customer (fixture->store, edit, &error);
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_assert_null (refused);
  g_clear_error (&error);

  g_clear_object (&refused);
  refused = sync_set_default_address (fixture->store, id, clt_customer_get_version (created),
                                      clt_address_get_id (address), CLT_ADDRESS_USE_BILLING,
                                      &error);
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_assert_null (refused);
  g_clear_error (&error);

  g_assert_false (sync_delete_customer (fixture->store, id, clt_customer_get_version (created), 0,
                                        &error));
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);

  read = get_customer (fixture->store, id);
  g_assert_true (strv_has (clt_customer_get_groups (read), "vip"));
  g_assert_cmpstr (clt_customer_get_last_name (read), ==, "Schmidt");
  g_assert_cmpint (clt_customer_get_version (read), ==, clt_customer_get_version (grouped));
}

/* }}} */

/* Idempotent creates {{{ */

static void
test_idempotent_customer_same_request (StoreFixture  *fixture,
                                       gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = make_customer ("Anna", "Schmidt", "anna@example.com");
  g_autoptr(CltCustomer) first = NULL;
  g_autoptr(CltCustomer) second = NULL;
  g_autoptr(GError) error = NULL;

  first = sync_create_customer (fixture->store, customer, NULL, TRUE, "req-anna-1", &error);
  g_assert_no_error (error);
  /* The retry of a create whose answer was lost: the first result, not a
   * CONFLICT on the email it took itself. */
  second = sync_create_customer (fixture->store, customer, NULL, TRUE, "req-anna-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpstr (clt_customer_get_id (second), ==, clt_customer_get_id (first));
  g_assert_cmpstr (clt_customer_get_number (second), ==, clt_customer_get_number (first));
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);

  /* Nor did the retry queue the mails a second time. */
  {
    g_autoptr(GPtrArray) emails = sync_list_emails (fixture->store, clt_customer_get_id (first),
                                                    &error);
    guint n_tokens = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < emails->len; i++)
      if (g_str_equal (clt_email_get_kind (g_ptr_array_index (emails, i)), "password-token"))
        n_tokens++;
    g_assert_cmpuint (n_tokens, ==, 1);
  }
}

static void
test_idempotent_customer_other_requests (StoreFixture  *fixture,
                                         gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = make_customer ("Anna", "Schmidt", "anna@example.com");
  g_autoptr(CltCustomer) berta = make_customer ("Berta", "Schulz", "berta@example.com");
  g_autoptr(CltCustomer) first = NULL;
  g_autoptr(CltCustomer) second = NULL;
  g_autoptr(CltCustomer) third = NULL;
  g_autoptr(CltCustomer) fourth = NULL;
  g_autoptr(GError) error = NULL;

  first = sync_create_customer (fixture->store, anna, NULL, FALSE, "req-1", &error);
  g_assert_no_error (error);
  second = sync_create_customer (fixture->store, berta, NULL, FALSE, "req-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_id (first), !=, clt_customer_get_id (second));
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 2);

  /* Without a request id nothing is remembered: the same customer again
   * is a second create, refused on its email. */
  third = sync_create_customer (fixture->store, anna, NULL, FALSE, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_CONFLICT, "email");
  g_assert_null (third);
  g_clear_error (&error);

  /* A request id reused for another customer does not make a second one:
   * the first result comes back (header), or the reuse is refused. */
  {
    g_autoptr(CltCustomer) carla = make_customer ("Carla", "Fischer", "carla@example.com");

    fourth = sync_create_customer (fixture->store, carla, NULL, FALSE, "req-1", &error);
    if (fourth != NULL)
      g_assert_cmpstr (clt_customer_get_id (fourth), ==, clt_customer_get_id (first));
    else
      g_assert_true (error != NULL && error->domain == CLT_STORE_ERROR);
    g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 2);
  }
}

static void
test_idempotent_customer_after_refusal (StoreFixture  *fixture,
                                        gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = make_customer ("Anna", "", "anna@example.com");
  g_autoptr(CltCustomer) refused = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;

  /* A create refused by validation is not remembered: the user fixes the
   * field and saves again, and the dialog still carries its request id. */
  refused = sync_create_customer (fixture->store, customer, NULL, FALSE, "req-fix-me", &error);
  assert_store_error (error, CLT_STORE_ERROR_INVALID, "last-name");
  g_assert_null (refused);
  g_clear_error (&error);

  clt_customer_set_last_name (customer, "Schmidt");
  stored = sync_create_customer (fixture->store, customer, NULL, FALSE, "req-fix-me", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (clt_customer_get_last_name (stored), ==, "Schmidt");
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
}

/* }}} */

/* Emails {{{ */

static void
test_email_normalized (StoreFixture  *fixture,
                       gconstpointer  data)
{
  const char *typed[] = { "Anna@Example.COM", "Jörg@Bücher.DE", "jose\xcc\x81@example.com" };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autofree char *first = g_strdup_printf ("Person%u", i);
      g_autoptr(CltCustomer) stored = add_customer (fixture->store, first, "Test", typed[i]);
      g_autofree char *normalized = clt_validate_normalize_email (typed[i]);
      g_autoptr(CltCustomer) read = get_customer (fixture->store, clt_customer_get_id (stored));

      /* Stored and shown in its one normalized form. */
      g_assert_cmpstr (clt_customer_get_email (stored), ==, normalized);
      g_assert_cmpstr (clt_customer_get_email (read), ==, normalized);
    }
}

static void
test_email_case_conflict (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "Anna@Example.COM");

  assert_create_conflict (fixture->store, "anna@example.com");
  assert_create_conflict (fixture->store, "ANNA@EXAMPLE.COM");
  assert_create_conflict (fixture->store, "anna@EXAMPLE.com");
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);
}

static void
test_email_unicode_conflict (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(CltCustomer) jose = add_customer (fixture->store, "José", "García",
                                              "jos\xc3\xa9@example.com" /* NFC é */);
  g_autoptr(CltCustomer) max = add_customer (fixture->store, "Max", "Buch",
                                             "max@bücher.example");

  /* NFD é is the same mailbox. */
  assert_create_conflict (fixture->store, "jose\xcc\x81@example.com");
  assert_create_conflict (fixture->store, "JOSÉ@example.com");
  /* The domain as typed, upper case, or in its IDNA ASCII form. */
  assert_create_conflict (fixture->store, "max@xn--bcher-kva.example");
  assert_create_conflict (fixture->store, "MAX@BÜCHER.EXAMPLE");
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 2);
}

static void
test_email_invisible_characters (StoreFixture  *fixture,
                                 gconstpointer  data)
{
  const char *emails[] = {
    "an\xe2\x80\x8bna@example.com",          /* U+200B zero-width space */
    "\xe2\x80\xae" "anna@example.com",       /* U+202E right-to-left override */
    "anna@exa\xe2\x80\x8dmple.com",          /* U+200D zero-width joiner */
    "anna\xe2\x81\xa6@example.com",          /* U+2066 left-to-right isolate */
    "\xef\xbb\xbf" "anna@example.com",       /* U+FEFF byte order mark */
    "anna\xc2\xad@example.com",              /* U+00AD soft hyphen */
  };
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");

  /* Refused, not folded away: INVALID, not a CONFLICT with anna@. */
  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      g_autoptr(CltCustomer) customer = make_customer ("Eve", "Spoof", emails[i]);

      store_test_note ("email %u", i);
      assert_create_invalid (fixture->store, customer, "email");
    }
}

static void
test_email_syntax (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autofree char *long_local = long_string ('a', CLT_VALIDATE_MAX_EMAIL_LOCAL + 1);
  g_autofree char *too_long_local = g_strconcat (long_local, "@example.com", NULL);
  const char *emails[] = {
    "anna", "anna@", "@example.com", "an na@example.com", "anna@@example.com",
    "anna@exa mple.com", "anna@example..com", "Ａnna@example.com" /* full-width A */,
    too_long_local, "anna\x01@example.com", "anna@\xff.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      g_autoptr(CltCustomer) customer = make_customer ("Anna", "Schmidt", emails[i]);

      store_test_note ("email %u", i);
      assert_create_invalid (fixture->store, customer, "email");
    }
}

/* }}} */


void
register_customer_cases (const StoreFactory *factory)
{
  STORE_TEST ("/clt/store/customers/create", test_customer_create);
  STORE_TEST ("/clt/store/customers/create-copies-input", test_customer_create_copies_input);
  STORE_TEST ("/clt/store/customers/create-custom-id", test_customer_create_custom_id);
  STORE_TEST ("/clt/store/customers/create-required", test_customer_create_required);
  STORE_TEST ("/clt/store/customers/create-invalid", test_customer_create_invalid);
  STORE_TEST ("/clt/store/customers/create-password", test_customer_create_password);
  STORE_TEST ("/clt/store/customers/update", test_customer_update);
  STORE_TEST ("/clt/store/customers/update-stale", test_customer_update_stale);
  STORE_TEST ("/clt/store/customers/update-version-required",
              test_customer_update_version_required);
  STORE_TEST ("/clt/store/customers/update-invalid", test_customer_update_invalid);
  STORE_TEST ("/clt/store/customers/update-unknown", test_customer_update_unknown);
  STORE_TEST ("/clt/store/customers/update-status", test_customer_update_status);
  STORE_TEST ("/clt/store/customers/update-groups-and-company",
              test_customer_update_groups_and_company);
  STORE_TEST ("/clt/store/customers/custom-fields", test_customer_custom_fields);
  STORE_TEST ("/clt/store/customers/set-groups", test_customer_set_groups);
  STORE_TEST ("/clt/store/customers/assign-company", test_customer_assign_company);
  STORE_TEST ("/clt/store/customers/versions-bump", test_customer_versions_bump);
  STORE_TEST ("/clt/store/customers/no-silent-undo", test_customer_no_silent_undo);

  STORE_TEST ("/clt/store/idempotent/customer-same-request",
              test_idempotent_customer_same_request);
  STORE_TEST ("/clt/store/idempotent/customer-other-requests",
              test_idempotent_customer_other_requests);
  STORE_TEST ("/clt/store/idempotent/customer-after-refusal",
              test_idempotent_customer_after_refusal);

  STORE_TEST ("/clt/store/emails/normalized", test_email_normalized);
  STORE_TEST ("/clt/store/emails/case-conflict", test_email_case_conflict);
  STORE_TEST ("/clt/store/emails/unicode-conflict", test_email_unicode_conflict);
  STORE_TEST ("/clt/store/emails/invisible-characters", test_email_invisible_characters);
  STORE_TEST ("/clt/store/emails/syntax", test_email_syntax);
}
