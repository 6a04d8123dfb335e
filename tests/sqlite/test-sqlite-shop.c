/* test-sqlite-shop.c — the SQLite store's shop data: sites, groups,
 * companies, custom fields and preferences, with their versions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sqlite-shop"

#include "config.h"

#include <string.h>

#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer-number.h"
#include "clt-group.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"
#include "clt-sqlite-store.h"

#include "sqlite-test-util.h"
#include "sqlite-write-util.h"

typedef StoreFixture Fixture;

static GPtrArray *
list_settings (CltStore   *store,
               const char *what)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items = NULL;

  if (g_str_equal (what, "sites"))
    {
      clt_store_list_sites_async (store, NULL, on_result_cb, &result);
      items = clt_store_list_sites_finish (store, wait_for (&result), &error);
    }
  else if (g_str_equal (what, "groups"))
    {
      clt_store_list_groups_async (store, NULL, on_result_cb, &result);
      items = clt_store_list_groups_finish (store, wait_for (&result), &error);
    }
  else if (g_str_equal (what, "companies"))
    {
      clt_store_list_companies_async (store, NULL, on_result_cb, &result);
      items = clt_store_list_companies_finish (store, wait_for (&result), &error);
    }
  else
    {
      clt_store_list_custom_fields_async (store, NULL, on_result_cb, &result);
      items = clt_store_list_custom_fields_finish (store, wait_for (&result), &error);
    }
  g_assert_no_error (error);

  return items;
}

static void
test_sites_and_groups (Fixture       *fixture,
                       gconstpointer  data)
{
  CltStore *store = STORE (fixture);
  g_autoptr(CltSite) site = clt_site_new ();
  g_autoptr(CltSite) saved = NULL;
  g_autoptr(CltGroup) group = clt_group_new ();
  g_autoptr(CltGroup) saved_group = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltCustomer) fetched = NULL;
  g_autoptr(CltCustomer) grouped = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const codes[] = { "vip", NULL };
  static const char * const unknown[] = { "nope", NULL };

  clt_site_set_code (site, "nl-shop");
  clt_site_set_name (site, "Netherlands");
  clt_site_set_storefront_url (site, "ftp://nl.shop.example/");
  clt_store_save_site_async (store, site, NULL, NULL, on_result_cb, &result);
  g_assert_null (clt_store_save_site_finish (store, wait_for (&result), &error));
  assert_invalid (error, "storefront-url");
  g_clear_error (&error);
  g_clear_object (&result);

  clt_site_set_storefront_url (site, "https://nl.shop.example");
  clt_site_set_default_currency (site, "EUR");
  clt_site_set_default_locale (site, "nl_NL");
  clt_store_save_site_async (store, site, NULL, NULL, on_result_cb, &result);
  saved = clt_store_save_site_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  sites = list_settings (store, "sites");
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpstr (clt_site_get_name (g_ptr_array_index (sites, 0)), ==, "Netherlands");

  /* Changing it: based on the stored version; the old one is stale. */
  clt_site_set_name (site, "Nederland");
  clt_store_save_site_async (store, site, NULL, NULL, on_result_cb, &result);
  g_assert_null (clt_store_save_site_finish (store, wait_for (&result), &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_object (&result);
  clt_site_set_version (site, clt_site_get_version (saved));
  clt_store_save_site_async (store, site, NULL, NULL, on_result_cb, &result);
  g_clear_object (&saved);
  saved = clt_store_save_site_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_pointer (&sites, g_ptr_array_unref);
  sites = list_settings (store, "sites");
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpstr (clt_site_get_name (g_ptr_array_index (sites, 0)), ==, "Nederland");
  g_assert_cmpint (clt_site_get_version (saved), ==, clt_site_get_version (site) + 1);
  clt_store_save_site_async (store, site, NULL, NULL, on_result_cb, &result);
  g_assert_null (clt_store_save_site_finish (store, wait_for (&result), &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A customer who prefers it: links point at its storefront; it cannot go. */
  customer = new_customer ("site@example.org", "Si", "Te");
  clt_customer_set_preferred_site (customer, "nl-shop");
  g_clear_object (&fetched);
  fetched = create (store, customer, NULL, FALSE, &error);
  g_assert_no_error (error);
  emails = list_emails (store, clt_customer_get_id (fetched));
  g_assert_nonnull (strstr (clt_email_get_body (find_email (emails, "verification")),
                            "https://nl.shop.example/verify?token="));
  clt_store_delete_site_async (store, "nl-shop", clt_site_get_version (saved), NULL, on_result_cb,
                               &result);
  g_assert_false (clt_store_delete_site_finish (store, wait_for (&result), &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_object (&result);

  clt_customer_set_preferred_site (customer, "xx-shop");
  clt_customer_set_email (customer, "site2@example.org");
  g_assert_null (create (store, customer, NULL, FALSE, &error));
  assert_invalid (error, "preferred-site");
  g_clear_error (&error);

  /* Groups. */
  clt_group_set_code (group, "vip");
  clt_group_set_name (group, "");
  clt_store_save_group_async (store, group, NULL, NULL, on_result_cb, &result);
  g_assert_null (clt_store_save_group_finish (store, wait_for (&result), &error));
  assert_invalid (error, "name");
  g_clear_error (&error);
  g_clear_object (&result);
  clt_group_set_name (group, "VIP");
  clt_store_save_group_async (store, group, NULL, NULL, on_result_cb, &result);
  saved_group = clt_store_save_group_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  clt_store_set_customer_groups_async (store, clt_customer_get_id (fetched),
                                       clt_customer_get_version (fetched), codes, NULL,
                                       on_result_cb, &result);
  grouped = clt_store_set_customer_groups_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_customer_get_version (grouped), ==, clt_customer_get_version (fetched) + 1);
  g_clear_object (&result);
  /* A write based on the old version would undo that: stale. */
  clt_store_set_customer_groups_async (store, clt_customer_get_id (fetched),
                                       clt_customer_get_version (fetched), NULL, NULL,
                                       on_result_cb, &result);
  g_assert_null (clt_store_set_customer_groups_finish (store, wait_for (&result), &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_clear_object (&result);
  clt_store_set_customer_groups_async (store, clt_customer_get_id (fetched),
                                       clt_customer_get_version (grouped), unknown, NULL,
                                       on_result_cb, &result);
  g_assert_null (clt_store_set_customer_groups_finish (store, wait_for (&result), &error));
  assert_invalid (error, "groups");
  g_clear_error (&error);
  g_clear_object (&result);
  {
    g_autoptr(CltCustomer) reread = get (store, clt_customer_get_id (fetched), &error);

    g_assert_true (g_strv_equal ((const char * const *) clt_customer_get_groups (reread), codes));
  }

  /* Deleting the group ends its memberships. */
  clt_store_delete_group_async (store, "vip", clt_group_get_version (saved_group), NULL,
                                on_result_cb, &result);
  g_assert_true (clt_store_delete_group_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  {
    g_autoptr(CltCustomer) reread = get (store, clt_customer_get_id (fetched), &error);

    g_assert_cmpuint (g_strv_length ((char **) clt_customer_get_groups (reread)), ==, 0);
  }
  groups = list_settings (store, "groups");
  g_assert_cmpuint (groups->len, ==, 0);
  clt_store_delete_group_async (store, "vip", clt_group_get_version (saved_group), NULL,
                                on_result_cb, &result);
  g_assert_false (clt_store_delete_group_finish (store, wait_for (&result), &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
}

static void
test_companies (Fixture       *fixture,
                gconstpointer  data)
{
  CltStore *store = STORE (fixture);
  g_autoptr(CltCompany) company = clt_company_new ();
  g_autoptr(CltCompany) saved = NULL;
  g_autoptr(CltCustomer) member = create_ok (store, "member@example.org", "Mem", "Ber");
  g_autoptr(CltCustomer) reread = NULL;
  g_autoptr(CltCustomer) assigned = NULL;
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const units[] = { "Sales", "Support", NULL };
  static const char * const roles[] = { "buyer", "approver", NULL };
  static const char * const member_roles[] = { "buyer", "approver", NULL };
  static const char * const fewer_roles[] = { "buyer", NULL };
  static const char * const bad_roles[] = { "owner", NULL };

  clt_company_set_id (company, "acme");
  clt_company_set_name (company, "ACME Corp.");
  clt_company_set_business_units (company, units);
  clt_company_set_roles (company, roles);
  clt_store_save_company_async (store, company, NULL, NULL, on_result_cb, &result);
  saved = clt_store_save_company_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  companies = list_settings (store, "companies");
  g_assert_cmpuint (companies->len, ==, 1);
  g_assert_true (g_strv_equal ((const char * const *) clt_company_get_business_units (g_ptr_array_index (companies, 0)), units));

  clt_store_assign_company_async (store, clt_customer_get_id (member), 0, "acme", "Sales",
                                  bad_roles, NULL, on_result_cb, &result);
  g_assert_null (clt_store_assign_company_finish (store, wait_for (&result), &error));
  assert_invalid (error, "roles");
  g_clear_error (&error);
  g_clear_object (&result);
  clt_store_assign_company_async (store, clt_customer_get_id (member), 0, "acme", "Marketing",
                                  member_roles, NULL, on_result_cb, &result);
  g_assert_null (clt_store_assign_company_finish (store, wait_for (&result), &error));
  assert_invalid (error, "business-unit");
  g_clear_error (&error);
  g_clear_object (&result);
  clt_store_assign_company_async (store, clt_customer_get_id (member),
                                  clt_customer_get_version (member), "acme", "Sales",
                                  member_roles, NULL, on_result_cb, &result);
  assigned = clt_store_assign_company_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_customer_get_version (assigned), >, clt_customer_get_version (member));
  g_clear_object (&result);
  reread = get (store, clt_customer_get_id (member), &error);
  g_assert_cmpstr (clt_customer_get_company_id (reread), ==, "acme");
  g_assert_cmpstr (clt_customer_get_business_unit (reread), ==, "Sales");
  g_assert_true (g_strv_equal ((const char * const *) clt_customer_get_roles (reread), member_roles));
  g_clear_object (&reread);

  /* A role the company drops leaves its members. */
  clt_company_set_roles (company, fewer_roles);
  clt_company_set_version (company, clt_company_get_version (saved));
  clt_store_save_company_async (store, company, NULL, NULL, on_result_cb, &result);
  g_clear_object (&saved);
  saved = clt_store_save_company_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  reread = get (store, clt_customer_get_id (member), &error);
  g_assert_true (g_strv_equal ((const char * const *) clt_customer_get_roles (reread), fewer_roles));
  g_clear_object (&reread);

  /* Deleting the company unassigns its members. */
  clt_store_delete_company_async (store, "acme", clt_company_get_version (saved), NULL,
                                  on_result_cb, &result);
  g_assert_true (clt_store_delete_company_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  reread = get (store, clt_customer_get_id (member), &error);
  g_assert_cmpstr (clt_customer_get_company_id (reread), ==, "");
  g_assert_cmpstr (clt_customer_get_business_unit (reread), ==, "");

  clt_company_set_id (company, "bad id");
  clt_company_set_version (company, 0);
  clt_store_save_company_async (store, company, NULL, NULL, on_result_cb, &result);
  g_assert_null (clt_store_save_company_finish (store, wait_for (&result), &error));
  assert_invalid (error, "id");
}

static void
test_custom_fields_and_preferences (Fixture       *fixture,
                                    gconstpointer  data)
{
  CltStore *store = STORE (fixture);
  g_autoptr(CltCustomField) field = clt_custom_field_new ();
  g_autoptr(CltCustomField) saved = NULL;
  g_autoptr(CltShopPreferences) preferences = clt_shop_preferences_new ();
  g_autoptr(CltShopPreferences) reread = NULL;
  g_autoptr(CltShopPreferences) stored_preferences = NULL;
  g_autoptr(CltCustomer) customer = new_customer ("fields@example.org", "Fi", "Elds");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  clt_custom_field_set_key (field, "Loyalty");
  clt_custom_field_set_label (field, "Loyalty number");
  clt_store_save_custom_field_async (store, field, NULL, NULL, on_result_cb, &result);
  g_assert_null (clt_store_save_custom_field_finish (store, wait_for (&result), &error));
  assert_invalid (error, "key");
  g_clear_error (&error);
  g_clear_object (&result);

  clt_custom_field_set_key (field, "loyalty_id");
  clt_store_save_custom_field_async (store, field, NULL, NULL, on_result_cb, &result);
  saved = clt_store_save_custom_field_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  fields = list_settings (store, "fields");
  g_assert_cmpuint (fields->len, ==, 1);

  g_variant_dict_insert (dict, "loyalty_id", "s", "L-1234");
  clt_customer_set_custom_fields (customer, g_variant_dict_end (dict));
  stored = create (store, customer, NULL, FALSE, &error);
  g_assert_no_error (error);
  {
    const char *value = NULL;

    g_assert_true (g_variant_lookup (clt_customer_get_custom_fields (stored), "loyalty_id", "&s", &value));
    g_assert_cmpstr (value, ==, "L-1234");
  }

  /* In use: its type stays. */
  clt_custom_field_set_field_type (field, CLT_CUSTOM_FIELD_NUMBER);
  clt_custom_field_set_version (field, clt_custom_field_get_version (saved));
  clt_store_save_custom_field_async (store, field, NULL, NULL, on_result_cb, &result);
  g_assert_null (clt_store_save_custom_field_finish (store, wait_for (&result), &error));
  assert_invalid (error, "type");
  g_clear_error (&error);
  g_clear_object (&result);

  clt_store_delete_custom_field_async (store, "loyalty_id", clt_custom_field_get_version (saved),
                                       NULL, on_result_cb, &result);
  g_assert_true (clt_store_delete_custom_field_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  {
    /* Its values go with it. */
    g_autoptr(CltCustomer) reread_customer = get (store, clt_customer_get_id (stored), &error);
    GVariant *values = clt_customer_get_custom_fields (reread_customer);

    g_assert_no_error (error);
    g_assert_true (values == NULL || !g_variant_lookup (values, "loyalty_id", "&s", NULL));
  }

  /* Preferences: a new prefix and creation defaults. */
  clt_shop_preferences_set_customer_number_prefix (preferences, "has space");
  clt_store_set_preferences_async (store, preferences, NULL, on_result_cb, &result);
  g_assert_null (clt_store_set_preferences_finish (store, wait_for (&result), &error));
  assert_invalid (error, "customer-number-prefix");
  g_clear_error (&error);
  g_clear_object (&result);

  clt_shop_preferences_set_customer_number_prefix (preferences, "K-");
  clt_shop_preferences_set_shop_name (preferences, "Muster Shop");
  clt_shop_preferences_set_customer_active_on_creation (preferences, FALSE);
  clt_store_set_preferences_async (store, preferences, NULL, on_result_cb, &result);
  stored_preferences = clt_store_set_preferences_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_shop_preferences_get_version (stored_preferences), ==, 1);
  g_clear_object (&result);

  /* Saving what was read before that change is stale. */
  clt_store_set_preferences_async (store, preferences, NULL, on_result_cb, &result);
  g_assert_null (clt_store_set_preferences_finish (store, wait_for (&result), &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_clear_object (&result);

  clt_store_get_preferences_async (store, NULL, on_result_cb, &result);
  reread = clt_store_get_preferences_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_shop_preferences_get_customer_number_prefix (reread), ==, "K-");
  g_assert_false (clt_shop_preferences_get_customer_active_on_creation (reread));
  g_clear_object (&result);

  {
    g_autoptr(CltCustomer) numbered = create_ok (store, "prefix@example.org", "Pre", "Fix");
    g_autoptr(GPtrArray) emails = list_emails (store, clt_customer_get_id (numbered));

    g_assert_true (g_str_has_prefix (clt_customer_get_number (numbered), "K-"));
    g_assert_true (clt_customer_number_is_valid (clt_customer_get_number (numbered)));
    g_assert_nonnull (strstr (clt_email_get_subject (g_ptr_array_index (emails, 0)), "Muster Shop"));
  }
}

/* The emails written for a customer are in the customer's language, else
 * the shop's default, not the language the process runs in (C here). */
static const char *
first_body (CltStore    *store,
            CltCustomer *customer,
            GPtrArray  **emails)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CltCustomer) stored = create (store, customer, NULL, TRUE, &error);

  g_assert_no_error (error);
  *emails = list_emails (store, clt_customer_get_id (stored));
  g_assert_cmpuint ((*emails)->len, >, 0);
  return clt_email_get_body (g_ptr_array_index (*emails, 0));
}

static void
test_emails_in_customer_locale (Fixture       *fixture,
                                gconstpointer  data)
{
  CltStore *store = STORE (fixture);
  g_autoptr(CltCustomer) austrian = new_customer ("anna@example.at", "Anna", "Bauer");
  g_autoptr(CltCustomer) british = new_customer ("ann@example.co.uk", "Ann", "Baker");
  g_autoptr(CltCustomer) unknown = new_customer ("kim@example.org", "Kim", "Lee");
  g_autoptr(GPtrArray) austrian_emails = NULL;
  g_autoptr(GPtrArray) british_emails = NULL;
  g_autoptr(GPtrArray) unknown_emails = NULL;
  const char *body;

  g_assert_nonnull (g_getenv ("CLT_LOCALEDIR"));

  /* de_AT has no catalog of its own: German's. */
  clt_customer_set_locale (austrian, "de_AT");
  body = first_body (store, austrian, &austrian_emails);
  g_assert_true (g_str_has_prefix (body, "Guten Tag Anna Bauer,\n\n"));
  g_assert_nonnull (strstr (body, "Mit freundlichen Grüßen\n"));
  g_assert_nonnull (strstr (clt_email_get_subject (g_ptr_array_index (austrian_emails, 0)),
                            "Ihr"));

  clt_customer_set_locale (british, "en_GB");
  body = first_body (store, british, &british_emails);
  g_assert_true (g_str_has_prefix (body, "Dear Ann Baker,\n\n"));
  g_assert_nonnull (strstr (body, "Kind regards,\n"));

  /* A customer whose language is unknown gets the shop's. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(CltShopPreferences) preferences = NULL;
    g_autoptr(CltShopPreferences) stored = NULL;

    clt_store_get_preferences_async (store, NULL, on_result_cb, &result);
    preferences = clt_store_get_preferences_finish (store, wait_for (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    clt_shop_preferences_set_default_locale (preferences, "de_DE");
    clt_store_set_preferences_async (store, preferences, NULL, on_result_cb, &result);
    stored = clt_store_set_preferences_finish (store, wait_for (&result), &error);
    g_assert_no_error (error);
  }
  clt_customer_set_locale (unknown, NULL);
  body = first_body (store, unknown, &unknown_emails);
  g_assert_true (g_str_has_prefix (body, "Guten Tag Kim Lee,\n\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/clt/sqlite-shop/" path, Fixture, NULL, store_fixture_setup, func, \
              store_fixture_teardown)

  ADD ("sites-and-groups", test_sites_and_groups);
  ADD ("companies", test_companies);
  ADD ("custom-fields-and-preferences", test_custom_fields_and_preferences);
  ADD ("emails-in-customer-locale", test_emails_in_customer_locale);

#undef ADD

  return g_test_run ();
}
