/* store-cases-shop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-conformance"

#include "config.h"

#include <string.h>

#include "clt-group-membership.h"
#include "store-test-util.h"

/* Shop data: sites, groups, companies, custom fields, preferences, and
 * importing customers. */

/* Helpers {{{ */

static gpointer
find_by (GPtrArray  *objects,
         const char *property,
         const char *value)
{
  for (guint i = 0; i < objects->len; i++)
    {
      g_autofree char *found = NULL;

      g_object_get (g_ptr_array_index (objects, i), property, &found, NULL);
      if (g_strcmp0 (found, value) == 0)
        return g_ptr_array_index (objects, i);
    }

  return NULL;
}

static GPtrArray *
list_sites (CltStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *sites = sync_list_sites (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sites);
  return sites;
}

static GPtrArray *
list_groups (CltStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *groups = sync_list_groups (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (groups);
  return groups;
}

static GPtrArray *
list_companies (CltStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *companies = sync_list_companies (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (companies);
  return companies;
}

static GPtrArray *
list_custom_fields (CltStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = sync_list_custom_fields (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fields);
  return fields;
}

static CltShopPreferences *
get_preferences (CltStore *store)
{
  g_autoptr(GError) error = NULL;
  CltShopPreferences *preferences = sync_get_preferences (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (preferences);
  return preferences;
}

/* }}} */

/* Sites {{{ */

static void
test_site_save_and_list (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(CltSite) site = make_site ("de", "Germany");
  g_autoptr(CltSite) stored = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  CltSite *listed;

  clt_site_set_storefront_url (site, "https://shop.example.com/de");
  clt_site_set_default_locale (site, "de_DE");
  clt_site_set_assisted_buying (site, TRUE);
  stored = sync_save_site (fixture->store, site, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_site_get_code (stored), ==, "de");
  g_assert_cmpint (clt_site_get_version (stored), >, 0);

  sites = list_sites (fixture->store);
  g_assert_cmpuint (sites->len, ==, 1);
  listed = find_by (sites, "code", "de");
  g_assert_nonnull (listed);
  g_assert_cmpstr (clt_site_get_name (listed), ==, "Germany");
  g_assert_cmpstr (clt_site_get_storefront_url (listed), ==, "https://shop.example.com/de");
  g_assert_cmpstr (clt_site_get_default_currency (listed), ==, "EUR");
  g_assert_cmpstr (clt_site_get_default_locale (listed), ==, "de_DE");
  g_assert_true (clt_site_get_active (listed));
  g_assert_true (clt_site_get_assisted_buying (listed));
  g_assert_cmpint (clt_site_get_version (listed), ==, clt_site_get_version (stored));
}

static void
test_site_conflict_and_stale (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(CltSite) first = add_site (fixture->store, "de", "Germany");
  g_autoptr(CltSite) again = make_site ("de", "Deutschland");
  g_autoptr(CltSite) edit = clt_site_copy (first);
  g_autoptr(CltSite) edited = NULL;
  g_autoptr(CltSite) refused = NULL;
  g_autoptr(CltSite) unknown = make_site ("fr", "France");
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  /* Version 0 creates: the code is taken. */
  refused = sync_save_site (fixture->store, again, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_CONFLICT, "code");
  g_assert_null (refused);
  g_clear_error (&error);

  clt_site_set_name (edit, "Deutschland");
  edited = sync_save_site (fixture->store, edit, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_site_get_version (edited), >, clt_site_get_version (first));

  /* Based on the old version: stale. */
  clt_site_set_name (edit, "Allemagne");
  refused = sync_save_site (fixture->store, edit, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_assert_null (refused);
  g_clear_error (&error);

  /* A version names something stored: there is no "fr". */
  clt_site_set_version (unknown, 3);
  refused = sync_save_site (fixture->store, unknown, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_assert_null (refused);

  sites = list_sites (fixture->store);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpstr (clt_site_get_name (g_ptr_array_index (sites, 0)), ==, "Deutschland");
}

static void
test_site_invalid (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) sites = NULL;
  struct {
    const char *field;
    const char *value;
  } values[] = {
    { "code", "" },
    { "code", "has space" },
    { "name", "" },
    { "storefront-url", "ftp://shop.example.com" },
    { "storefront-url", "http://shop.example.com" },
    { "storefront-url", "https://shop.example.com/?ref=1" },
    { "storefront-url", "https://shop.example.com/#top" },
    { "default-currency", "EURO" },
    { "default-locale", "xx_YY" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(CltSite) site = make_site ("de", "Germany");
      g_autoptr(CltSite) refused = NULL;
      g_autoptr(GError) error = NULL;

      store_test_note ("%s “%s”", values[i].field, values[i].value);
      g_object_set (site, values[i].field, values[i].value, NULL);
      refused = sync_save_site (fixture->store, site, NULL, &error);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, values[i].field);
      g_assert_null (refused);
    }

  sites = list_sites (fixture->store);
  g_assert_cmpuint (sites->len, ==, 0);
}

static void
test_site_delete (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(CltSite) de = add_site (fixture->store, "de", "Germany");
  g_autoptr(CltSite) at = add_site (fixture->store, "at", "Austria");
  g_autoptr(CltSite) edit = clt_site_copy (de);
  g_autoptr(CltSite) edited = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  clt_site_set_name (edit, "Deutschland");
  edited = sync_save_site (fixture->store, edit, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (sync_delete_site (fixture->store, "de", clt_site_get_version (de), &error));
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_clear_error (&error);
  g_assert_false (sync_delete_site (fixture->store, "fr", 1, &error));
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_clear_error (&error);

  g_assert_true (sync_delete_site (fixture->store, "de", clt_site_get_version (edited), &error));
  g_assert_no_error (error);
  sites = list_sites (fixture->store);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_null (find_by (sites, "code", "de"));

  /* The code is free again. */
  g_clear_object (&edited);
  edited = add_site (fixture->store, "de", "Germany again");
}

static void
test_idempotent_site (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(CltSite) site = make_site ("de", "Germany");
  g_autoptr(CltSite) first = NULL;
  g_autoptr(CltSite) repeated = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  /* A repeated create is its first result, not a CONFLICT on its code. */
  first = sync_save_site (fixture->store, site, "req-site-1", &error);
  g_assert_no_error (error);
  repeated = sync_save_site (fixture->store, site, "req-site-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_site_get_code (repeated), ==, "de");
  g_assert_cmpint (clt_site_get_version (repeated), ==, clt_site_get_version (first));

  sites = list_sites (fixture->store);
  g_assert_cmpuint (sites->len, ==, 1);
}

/* }}} */

/* Groups {{{ */

static void
test_group_save_and_list (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(CltGroup) group = make_group ("vip", "VIP");
  g_autoptr(CltGroup) stored = NULL;
  g_autoptr(CltGroup) again = make_group ("vip", "Very important");
  g_autoptr(CltGroup) refused = NULL;
  g_autoptr(CltGroup) edit = NULL;
  g_autoptr(CltGroup) edited = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  CltGroup *listed;

  clt_group_set_description (group, "Our best customers.\nTreat them well.");
  stored = sync_save_group (fixture->store, group, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_group_get_version (stored), >, 0);

  groups = list_groups (fixture->store);
  g_assert_cmpuint (groups->len, ==, 1);
  listed = find_by (groups, "code", "vip");
  g_assert_nonnull (listed);
  g_assert_cmpstr (clt_group_get_name (listed), ==, "VIP");
  g_assert_cmpstr (clt_group_get_description (listed), ==, "Our best customers.\nTreat them well.");

  refused = sync_save_group (fixture->store, again, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_CONFLICT, "code");
  g_assert_null (refused);
  g_clear_error (&error);

  edit = clt_group_copy (stored);
  clt_group_set_name (edit, "V.I.P.");
  edited = sync_save_group (fixture->store, edit, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_group_get_version (edited), >, clt_group_get_version (stored));

  clt_group_set_name (edit, "Stale");
  refused = sync_save_group (fixture->store, edit, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_assert_null (refused);
}

/* Names are unique without regard to case; a group keeps its own. */
static void
test_group_unique_name (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(CltGroup) vip = make_group ("vip", "VIP");
  g_autoptr(CltGroup) namesake = make_group ("vip2", "Vip");
  g_autoptr(CltGroup) stored = NULL;
  g_autoptr(CltGroup) refused = NULL;
  g_autoptr(CltGroup) edit = NULL;
  g_autoptr(CltGroup) edited = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;

  stored = sync_save_group (fixture->store, vip, NULL, &error);
  g_assert_no_error (error);

  refused = sync_save_group (fixture->store, namesake, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_CONFLICT, "name");
  g_assert_nonnull (strstr (error->message, "VIP"));
  g_assert_null (refused);
  g_clear_error (&error);

  edit = clt_group_copy (stored);
  clt_group_set_description (edit, "Still VIP.");
  edited = sync_save_group (fixture->store, edit, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (edited);
  groups = list_groups (fixture->store);
  g_assert_cmpuint (groups->len, ==, 1);
}

static void
test_group_invalid (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autofree char *description = long_string ('d', CLT_VALIDATE_MAX_COMMENT + 1);
  g_autoptr(GPtrArray) groups = NULL;
  struct {
    const char *field;
    const char *value;
  } values[] = {
    { "code", "" },
    { "code", "v i p" },
    { "code", "vip/1" },
    { "name", "" },
    { "name", "\t" },
    { "description", description },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(CltGroup) group = make_group ("vip", "VIP");
      g_autoptr(CltGroup) refused = NULL;
      g_autoptr(GError) error = NULL;

      store_test_note ("%s %u", values[i].field, i);
      g_object_set (group, values[i].field, values[i].value, NULL);
      refused = sync_save_group (fixture->store, group, NULL, &error);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, values[i].field);
      g_assert_null (refused);
    }

  groups = list_groups (fixture->store);
  g_assert_cmpuint (groups->len, ==, 0);
}

static void
test_group_delete (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(CltGroup) vip = add_group (fixture->store, "vip", "VIP");
  g_autoptr(CltGroup) b2b = add_group (fixture->store, "b2b", "Business");
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltCustomer) grouped = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GError) error = NULL;
  const char * const codes[] = { "vip", "b2b", NULL };

  grouped = sync_set_groups (fixture->store, clt_customer_get_id (anna),
                             clt_customer_get_version (anna), codes, &error);
  g_assert_no_error (error);

  g_assert_false (sync_delete_group (fixture->store, "vip", clt_group_get_version (vip) + 7,
                                     &error));
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_clear_error (&error);
  g_assert_false (sync_delete_group (fixture->store, "ghost", 1, &error));
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_clear_error (&error);

  g_assert_true (sync_delete_group (fixture->store, "vip", clt_group_get_version (vip), &error));
  g_assert_no_error (error);
  groups = list_groups (fixture->store);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_null (find_by (groups, "code", "vip"));

  /* Its members leave it: no customer names a group that is gone. */
  read = sync_get_customer (fixture->store, clt_customer_get_id (anna), &error);
  g_assert_no_error (error);
  g_assert_false (strv_has (clt_customer_get_groups (read), "vip"));
  g_assert_true (strv_has (clt_customer_get_groups (read), "b2b"));
  clt_query_set_group (query, "vip");
  {
    g_autoptr(GPtrArray) members = list_all (fixture->store, query, 10);

    g_assert_cmpuint (members->len, ==, 0);
  }
}

/* }}} */

/* Companies {{{ */

static void
test_company_save_and_list (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(CltCompany) stored = add_company (fixture->store, "acme", "ACME Corp");
  g_autoptr(CltCompany) again = make_company ("acme", "ACME again");
  g_autoptr(CltCompany) edit = clt_company_copy (stored);
  g_autoptr(CltCompany) edited = NULL;
  g_autoptr(CltCompany) refused = NULL;
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(GError) error = NULL;
  const char * const units[] = { "Sales", "Purchasing", "Logistics", NULL };
  CltCompany *listed;

  g_assert_cmpint (clt_company_get_version (stored), >, 0);
  companies = list_companies (fixture->store);
  g_assert_cmpuint (companies->len, ==, 1);
  listed = find_by (companies, "id", "acme");
  g_assert_nonnull (listed);
  g_assert_cmpstr (clt_company_get_name (listed), ==, "ACME Corp");
  g_assert_true (strv_has (clt_company_get_business_units (listed), "Purchasing"));
  g_assert_true (strv_has (clt_company_get_roles (listed), "approver"));

  refused = sync_save_company (fixture->store, again, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_CONFLICT, "id");
  g_assert_null (refused);
  g_clear_error (&error);

  clt_company_set_business_units (edit, units);
  edited = sync_save_company (fixture->store, edit, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_company_get_version (edited), >, clt_company_get_version (stored));
  g_assert_true (strv_has (clt_company_get_business_units (edited), "Logistics"));

  refused = sync_save_company (fixture->store, edit, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_assert_null (refused);
}

static void
test_company_invalid (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) companies = NULL;
  const char * const duplicate[] = { "Sales", "Sales", NULL };
  const char * const blank[] = { "Sales", " ", NULL };
  struct {
    const char         *field;
    const char         *value;
    const char * const *list;
  } values[] = {
    { "id", "", NULL },
    { "id", "a c m e", NULL },
    { "name", "", NULL },
    { "business-units", NULL, duplicate },
    { "roles", NULL, blank },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(CltCompany) company = make_company ("acme", "ACME Corp");
      g_autoptr(CltCompany) refused = NULL;
      g_autoptr(GError) error = NULL;

      store_test_note ("%s %u", values[i].field, i);
      if (values[i].list != NULL)
        g_object_set (company, values[i].field, values[i].list, NULL);
      else
        g_object_set (company, values[i].field, values[i].value, NULL);
      refused = sync_save_company (fixture->store, company, NULL, &error);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, values[i].field);
      g_assert_null (refused);
    }

  companies = list_companies (fixture->store);
  g_assert_cmpuint (companies->len, ==, 0);
}

static void
test_company_delete (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(CltCompany) acme = add_company (fixture->store, "acme", "ACME Corp");
  g_autoptr(CltCompany) initech = add_company (fixture->store, "initech", "Initech");
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (sync_delete_company (fixture->store, "acme", clt_company_get_version (acme) + 1,
                                       &error));
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_clear_error (&error);
  g_assert_false (sync_delete_company (fixture->store, "ghost", 1, &error));
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_clear_error (&error);

  g_assert_true (sync_delete_company (fixture->store, "acme", clt_company_get_version (acme),
                                      &error));
  g_assert_no_error (error);
  companies = list_companies (fixture->store);
  g_assert_cmpuint (companies->len, ==, 1);
  g_assert_nonnull (find_by (companies, "id", "initech"));
}

/* }}} */

/* Custom fields {{{ */

static void
test_custom_field_save_and_list (StoreFixture  *fixture,
                                 gconstpointer  data)
{
  g_autoptr(CltCustomField) stored = add_custom_field (fixture->store, "loyalty_points",
                                                       "Loyalty points", CLT_CUSTOM_FIELD_NUMBER);
  g_autoptr(CltCustomField) again = make_custom_field ("loyalty_points", "Points",
                                                       CLT_CUSTOM_FIELD_STRING);
  g_autoptr(CltCustomField) edit = clt_custom_field_copy (stored);
  g_autoptr(CltCustomField) edited = NULL;
  g_autoptr(CltCustomField) refused = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomField *listed;

  g_assert_cmpint (clt_custom_field_get_version (stored), >, 0);
  fields = list_custom_fields (fixture->store);
  g_assert_cmpuint (fields->len, ==, 1);
  listed = find_by (fields, "key", "loyalty_points");
  g_assert_nonnull (listed);
  g_assert_cmpstr (clt_custom_field_get_label (listed), ==, "Loyalty points");
  g_assert_cmpint (clt_custom_field_get_field_type (listed), ==, CLT_CUSTOM_FIELD_NUMBER);

  refused = sync_save_custom_field (fixture->store, again, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_CONFLICT, "key");
  g_assert_null (refused);
  g_clear_error (&error);

  clt_custom_field_set_label (edit, "Points");
  clt_custom_field_set_show_as_column (edit, TRUE);
  edited = sync_save_custom_field (fixture->store, edit, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_custom_field_get_version (edited), >, clt_custom_field_get_version (stored));
  g_assert_true (clt_custom_field_get_show_as_column (edited));

  refused = sync_save_custom_field (fixture->store, edit, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_assert_null (refused);
}

static void
test_custom_field_invalid (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) fields = NULL;
  struct {
    const char *field;
    const char *value;
  } values[] = {
    { "key", "" },
    { "key", "Loyalty" },
    { "key", "1st" },
    { "key", "loyalty-points" },
    { "label", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(CltCustomField) field = make_custom_field ("points", "Points",
                                                          CLT_CUSTOM_FIELD_NUMBER);
      g_autoptr(CltCustomField) refused = NULL;
      g_autoptr(GError) error = NULL;

      store_test_note ("%s “%s”", values[i].field, values[i].value);
      g_object_set (field, values[i].field, values[i].value, NULL);
      refused = sync_save_custom_field (fixture->store, field, NULL, &error);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, values[i].field);
      g_assert_null (refused);
    }

  fields = list_custom_fields (fixture->store);
  g_assert_cmpuint (fields->len, ==, 0);
}

static void
test_custom_field_type_in_use (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(CltCustomField) field = add_custom_field (fixture->store, "points", "Points",
                                                      CLT_CUSTOM_FIELD_NUMBER);
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt",
                                              "anna@example.com");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomField) edit = clt_custom_field_copy (field);
  g_autoptr(CltCustomField) refused = NULL;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GError) error = NULL;

  g_variant_dict_insert (&dict, "points", "d", 10.0);
  clt_customer_set_custom_fields (anna, g_variant_dict_end (&dict));
  stored = sync_update_customer (fixture->store, anna, &error);
  g_assert_no_error (error);

  /* A customer holds a number: the type can no longer change. */
  clt_custom_field_set_field_type (edit, CLT_CUSTOM_FIELD_BOOLEAN);
  refused = sync_save_custom_field (fixture->store, edit, NULL, &error);
  assert_store_error_either (error, CLT_STORE_ERROR_CONFLICT, CLT_STORE_ERROR_INVALID);
  g_assert_cmpstr (clt_store_error_get_field (error), ==, "type");
  g_assert_null (refused);
}

static void
test_custom_field_delete (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(CltCustomField) points = add_custom_field (fixture->store, "points", "Points",
                                                       CLT_CUSTOM_FIELD_NUMBER);
  g_autoptr(CltCustomField) nick = add_custom_field (fixture->store, "nickname", "Nickname",
                                                     CLT_CUSTOM_FIELD_STRING);
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (sync_delete_custom_field (fixture->store, "points",
                                            clt_custom_field_get_version (points) + 1, &error));
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_clear_error (&error);
  g_assert_false (sync_delete_custom_field (fixture->store, "ghost", 1, &error));
  assert_store_error (error, CLT_STORE_ERROR_NOT_FOUND, NULL);
  g_clear_error (&error);

  g_assert_true (sync_delete_custom_field (fixture->store, "points",
                                           clt_custom_field_get_version (points), &error));
  g_assert_no_error (error);
  fields = list_custom_fields (fixture->store);
  g_assert_cmpuint (fields->len, ==, 1);
  g_assert_nonnull (find_by (fields, "key", "nickname"));
}

/* }}} */

/* Preferences {{{ */

static void
test_preferences_defaults (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(CltShopPreferences) preferences = get_preferences (fixture->store);

  g_assert_cmpstr (clt_shop_preferences_get_default_currency (preferences), ==, "EUR");
  g_assert_cmpstr (clt_shop_preferences_get_default_locale (preferences), ==, "en_US");
  g_assert_cmpstr (clt_shop_preferences_get_customer_number_prefix (preferences), ==, "CUST-");
  g_assert_true (clt_shop_preferences_get_customer_active_on_creation (preferences));
  g_assert_false (clt_shop_preferences_get_customer_on_hold_on_creation (preferences));
  g_assert_cmpint (clt_shop_preferences_get_local_role (preferences), ==, CLT_ROLE_ADMIN);
}

static void
test_preferences_set (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(CltShopPreferences) preferences = get_preferences (fixture->store);
  g_autoptr(CltShopPreferences) stored = NULL;
  g_autoptr(CltShopPreferences) read = NULL;
  g_autoptr(CltShopPreferences) refused = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = clt_shop_preferences_get_version (preferences);

  clt_shop_preferences_set_shop_name (preferences, "Käse & Co.");
  clt_shop_preferences_set_default_currency (preferences, "CHF");
  clt_shop_preferences_set_customer_number_prefix (preferences, "K-");
  clt_shop_preferences_set_customer_active_on_creation (preferences, FALSE);
  clt_shop_preferences_set_customer_on_hold_on_creation (preferences, TRUE);
  stored = sync_set_preferences (fixture->store, preferences, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_shop_preferences_get_version (stored), >, before);

  read = get_preferences (fixture->store);
  g_assert_cmpstr (clt_shop_preferences_get_shop_name (read), ==, "Käse & Co.");
  g_assert_cmpstr (clt_shop_preferences_get_default_currency (read), ==, "CHF");
  g_assert_cmpstr (clt_shop_preferences_get_customer_number_prefix (read), ==, "K-");
  g_assert_false (clt_shop_preferences_get_customer_active_on_creation (read));
  g_assert_true (clt_shop_preferences_get_customer_on_hold_on_creation (read));
  g_assert_cmpint (clt_shop_preferences_get_version (read), ==,
                   clt_shop_preferences_get_version (stored));

  /* New customers are numbered with the new prefix. */
  customer = add_customer (fixture->store, "Anna", "Schmidt", "anna@example.com");
  g_assert_true (g_str_has_prefix (clt_customer_get_number (customer), "K-"));

  /* Based on the version before: stale. */
  clt_shop_preferences_set_shop_name (preferences, "Stale");
  refused = sync_set_preferences (fixture->store, preferences, &error);
  assert_store_error (error, CLT_STORE_ERROR_STALE, NULL);
  g_assert_null (refused);
  g_clear_object (&read);
  read = get_preferences (fixture->store);
  g_assert_cmpstr (clt_shop_preferences_get_shop_name (read), ==, "Käse & Co.");
}

static void
test_preferences_invalid (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autofree char *long_name = long_string ('s', 100000);
  struct {
    const char *field;
    const char *value;
  } values[] = {
    { "default-currency", "EURO" },
    { "default-currency", "" },
    { "default-locale", "xx_YY" },
    { "shop-name", long_name },
    { "shop-name", "Shop\x01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(CltShopPreferences) preferences = get_preferences (fixture->store);
      g_autoptr(CltShopPreferences) refused = NULL;
      g_autoptr(CltShopPreferences) read = NULL;
      g_autoptr(GError) error = NULL;

      store_test_note ("%s %u", values[i].field, i);
      g_object_set (preferences, values[i].field, values[i].value, NULL);
      refused = sync_set_preferences (fixture->store, preferences, &error);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, values[i].field);
      g_assert_null (refused);

      read = get_preferences (fixture->store);
      g_assert_cmpstr (clt_shop_preferences_get_default_currency (read), ==, "EUR");
    }
}

/* }}} */

/* Import {{{ */

static void
test_import_valid_rows (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GDateTime) registered = g_date_time_new_utc (2021, 3, 4, 10, 0, 0);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (rows, make_import_customer ("imp-1", "Ida", "Eins", "ida@example.com", 1));
  g_ptr_array_add (rows, make_import_customer ("imp-2", "Ivo", "Zwei", "ivo@example.com", 0));
  g_ptr_array_add (rows, make_import_customer ("imp-3", "Ina", "Drei", "ina@example.com", 2));

  report = sync_import (fixture->store, rows, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, 3);
  g_assert_cmpuint (clt_import_report_get_n_refused (report), ==, 0);
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 3);

  /* As they are: id, number, registration, verification, addresses. */
  read = sync_get_customer (fixture->store, "imp-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_number (read), ==, "IMP-imp-2");
  g_assert_true (g_date_time_equal (clt_customer_get_registered (read), registered));
  g_assert_true (clt_customer_get_verified (read));
  g_assert_cmpint (clt_customer_get_version (read), >, 0);
  g_assert_cmpstr (clt_customer_get_city (read), ==, "Köln");
  addresses = sync_list_addresses (fixture->store, "imp-2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (addresses->len, ==, 1);
  g_assert_cmpstr (clt_address_get_id (g_ptr_array_index (addresses, 0)), ==, "addr-imp-2");

  g_assert_true (search_finds (fixture->store, "Drei", "imp-3"));
  g_assert_true (search_finds (fixture->store, "IMP-imp-1", "imp-1"));
}

static void
test_import_invalid_rows (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(CltCustomer) existing = add_customer (fixture->store, "Eva", "Existing",
                                                  "eva@example.com");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomer *row;
  struct {
    guint       row;
    const char *field;
  } expected[] = {
    { 1, "email" },      /* not an email */
    { 3, "last-name" },  /* missing */
    { 4, "email" },      /* the same as row 0's, in other case */
    { 5, "email" },      /* taken by a stored customer */
    { 6, "id" },         /* the same id as row 2 */
  };

  g_ptr_array_add (rows, make_import_customer ("row-0", "Ada", "Null", "ada@example.com", 0));
  g_ptr_array_add (rows, make_import_customer ("row-1", "Ben", "Eins", "not-an-email", 0));
  g_ptr_array_add (rows, make_import_customer ("row-2", "Cem", "Zwei", "cem@example.com", 0));
  row = make_import_customer ("row-3", "Dan", "Drei", "dan@example.com", 0);
  clt_customer_set_last_name (row, "");
  g_ptr_array_add (rows, row);
  g_ptr_array_add (rows, make_import_customer ("row-4", "Eli", "Vier", "ADA@example.com", 0));
  g_ptr_array_add (rows, make_import_customer ("row-5", "Fia", "Fünf", "eva@example.com", 0));
  g_ptr_array_add (rows, make_import_customer ("row-2", "Gil", "Sechs", "gil@example.com", 0));
  g_ptr_array_add (rows, make_import_customer ("row-7", "Hal", "Sieben", "hal@example.com", 0));

  report = sync_import (fixture->store, rows, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, 3);
  g_assert_cmpuint (clt_import_report_get_n_refused (report), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *field = NULL;
      const char *message = NULL;
      guint row_index;

      row_index = clt_import_report_get_refusal (report, i, &field, &message);
      store_test_note ("refusal %u: row %u, %s: %s", i, row_index, field, message);
      g_assert_cmpuint (row_index, ==, expected[i].row);
      g_assert_cmpstr (field, ==, expected[i].field);
      g_assert_nonnull (message);
      g_assert_cmpstr (message, !=, "");
    }

  /* The valid rows are in, the refused ones are not. */
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 4);
  g_assert_true (search_finds (fixture->store, "Null", "row-0"));
  g_assert_true (search_finds (fixture->store, "Zwei", "row-2"));
  g_assert_true (search_finds (fixture->store, "Sieben", "row-7"));
  g_assert_cmpuint (count_matches (fixture->store, "Sechs"), ==, 0);
  g_assert_cmpuint (count_matches (fixture->store, "Vier"), ==, 0);
}

static void
test_import_too_large (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < CLT_STORE_MAX_IMPORT + 1; i++)
    {
      g_autofree char *email = g_strdup_printf ("bulk%05u@example.com", i);

      g_ptr_array_add (rows, make_customer ("Bulk", "Load", email));
    }

  report = sync_import (fixture->store, rows, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_TOO_LARGE, NULL);
  g_assert_null (report);
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 0);
}

static void
test_import_idempotent (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) first = NULL;
  g_autoptr(CltImportReport) repeated = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (rows, make_import_customer ("imp-1", "Ida", "Eins", "ida@example.com", 0));
  g_ptr_array_add (rows, make_import_customer ("imp-2", "Ivo", "Zwei", "ivo@example.com", 0));

  first = sync_import (fixture->store, rows, "req-import-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (first), ==, 2);

  /* The retry reports what the first call did, instead of refusing every
   * row as a duplicate. */
  repeated = sync_import (fixture->store, rows, "req-import-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (repeated), ==, 2);
  g_assert_cmpuint (clt_import_report_get_n_refused (repeated), ==, 0);
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 2);
}

/* }}} */

/* Groups of several customers at once {{{ */

static CltMembershipReport *
sync_apply_membership (CltStore            *store,
                       const char * const  *ids,
                       const char          *code,
                       gboolean             add,
                       GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_group_membership_apply_async (store, ids, code, add, NULL, store_result_cb, &result);
  return clt_group_membership_apply_finish (store, store_wait (&result), error);
}

static guint
count_in_group (CltStore   *store,
                const char *code)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  clt_query_set_group (query, code);
  g_assert_true (sync_count_customers (store, query, &n, &error));
  g_assert_no_error (error);
  return n;
}

static void
test_group_membership_apply (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt", "anna@example.com");
  g_autoptr(CltCustomer) ben = add_customer (fixture->store, "Ben", "Meyer", "ben@example.com");
  g_autoptr(CltCustomer) cleo = add_customer (fixture->store, "Cleo", "Roth", "cleo@example.com");
  g_autoptr(CltGroup) vip = add_group (fixture->store, "vip", "VIP");
  g_autoptr(CltGroup) b2b = add_group (fixture->store, "b2b", "B2B");
  g_autoptr(CltCustomer) grouped = NULL;
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(CltMembershipReport) added = NULL;
  g_autoptr(CltMembershipReport) removed = NULL;
  g_autoptr(CltMembershipReport) refused = NULL;
  g_autoptr(GError) error = NULL;
  const char * const b2b_only[] = { "b2b", NULL };
  const char *ids[] = { clt_customer_get_id (anna), clt_customer_get_id (ben),
                        "no-such-customer", clt_customer_get_id (cleo), NULL };
  const char *none[] = { NULL };
  CltMembershipFailure *failure;

  /* Ben is in "b2b" already, and stays there. */
  grouped = sync_set_groups (fixture->store, clt_customer_get_id (ben),
                             clt_customer_get_version (ben), b2b_only, &error);
  g_assert_no_error (error);

  added = sync_apply_membership (fixture->store, ids, "vip", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added->n_changed, ==, 3);
  g_assert_cmpuint (added->n_unchanged, ==, 0);
  g_assert_cmpuint (added->failures->len, ==, 1);
  failure = g_ptr_array_index (added->failures, 0);
  g_assert_cmpstr (failure->customer_id, ==, "no-such-customer");
  g_assert_error (failure->error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);

  g_assert_cmpuint (count_in_group (fixture->store, "vip"), ==, 3);
  read = sync_get_customer (fixture->store, clt_customer_get_id (ben), &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains (clt_customer_get_groups (read), "b2b"));
  g_assert_true (g_strv_contains (clt_customer_get_groups (read), "vip"));

  /* Removing: who is not in the group is left as is. */
  ids[2] = clt_customer_get_id (anna);
  ids[3] = NULL;
  removed = sync_apply_membership (fixture->store, (const char * const *) ids + 1, "vip", FALSE,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (removed->n_changed, ==, 2);
  g_assert_cmpuint (removed->failures->len, ==, 0);
  g_assert_cmpuint (count_in_group (fixture->store, "vip"), ==, 1);
  g_clear_object (&read);
  read = sync_get_customer (fixture->store, clt_customer_get_id (ben), &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (clt_customer_get_groups (read), b2b_only);

  /* A group that does not exist fails for each customer, in words. */
  refused = sync_apply_membership (fixture->store, (const char * const *) ids + 1, "ghost", TRUE,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->n_changed, ==, 0);
  g_assert_cmpuint (refused->failures->len, ==, 2);
  failure = g_ptr_array_index (refused->failures, 0);
  g_assert_cmpstr (failure->label, ==, "Ben Meyer");
  g_assert_nonnull (failure->error);

  /* No customers, or no group code: refused as a whole. */
  g_assert_null (sync_apply_membership (fixture->store, none, "vip", TRUE, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sync_apply_membership (fixture->store, (const char * const *) ids, "", TRUE,
                                        &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
}

/* }}} */

void
register_shop_cases (const StoreFactory *factory)
{
  STORE_TEST ("/clt/store/sites/save-and-list", test_site_save_and_list);
  STORE_TEST ("/clt/store/sites/conflict-and-stale", test_site_conflict_and_stale);
  STORE_TEST ("/clt/store/sites/invalid", test_site_invalid);
  STORE_TEST ("/clt/store/sites/delete", test_site_delete);
  STORE_TEST ("/clt/store/idempotent/site", test_idempotent_site);

  STORE_TEST ("/clt/store/groups/save-and-list", test_group_save_and_list);
  STORE_TEST ("/clt/store/groups/invalid", test_group_invalid);
  STORE_TEST ("/clt/store/groups/unique-name", test_group_unique_name);
  STORE_TEST ("/clt/store/groups/delete", test_group_delete);
  STORE_TEST ("/clt/store/groups/membership-apply", test_group_membership_apply);

  STORE_TEST ("/clt/store/companies/save-and-list", test_company_save_and_list);
  STORE_TEST ("/clt/store/companies/invalid", test_company_invalid);
  STORE_TEST ("/clt/store/companies/delete", test_company_delete);

  STORE_TEST ("/clt/store/custom-fields/save-and-list", test_custom_field_save_and_list);
  STORE_TEST ("/clt/store/custom-fields/invalid", test_custom_field_invalid);
  STORE_TEST ("/clt/store/custom-fields/type-in-use", test_custom_field_type_in_use);
  STORE_TEST ("/clt/store/custom-fields/delete", test_custom_field_delete);

  STORE_TEST ("/clt/store/preferences/defaults", test_preferences_defaults);
  STORE_TEST ("/clt/store/preferences/set", test_preferences_set);
  STORE_TEST ("/clt/store/preferences/invalid", test_preferences_invalid);

  STORE_TEST ("/clt/store/import/valid-rows", test_import_valid_rows);
  STORE_TEST ("/clt/store/import/invalid-rows", test_import_invalid_rows);
  STORE_TEST ("/clt/store/import/too-large", test_import_too_large);
  STORE_TEST ("/clt/store/import/idempotent", test_import_idempotent);
}
