/* store-cases-assisted.c — Assisted Buying: the site's template, one-time
 * tokens (minted for support and admins only, used once, expiring) and
 * each customer's log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-conformance"

#include "config.h"

#include "clt-assisted-session.h"
#include "clt-customer-details.h"

#include "store-test-util.h"

#define TEMPLATE "https://shop.example/assisted-buying?token={token}&customer={customerNumber}"

/* Helpers {{{ */

static char *
sync_start (CltStore    *store,
            const char  *customer_id,
            const char  *site,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_start_assisted_buying_async (store, customer_id, site, NULL, store_result_cb, &result);
  return clt_store_start_assisted_buying_finish (store, store_wait (&result), error);
}

static CltAssistedSession *
sync_redeem (CltStore    *store,
             const char  *token,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_redeem_assisted_buying_async (store, token, NULL, store_result_cb, &result);
  return clt_store_redeem_assisted_buying_finish (store, store_wait (&result), error);
}

static GPtrArray *
sync_log (CltStore    *store,
          const char  *customer_id,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  clt_store_list_assisted_buying_async (store, customer_id, NULL, store_result_cb, &result);
  return clt_store_list_assisted_buying_finish (store, store_wait (&result), error);
}

/* A site that offers Assisted Buying (or not: @template NULL). */
static CltSite *
add_assisted_site (CltStore   *store,
                   const char *code,
                   const char *name,
                   const char *storefront_url,
                   const char *template)
{
  g_autoptr(CltSite) site = make_site (code, name);
  g_autoptr(GError) error = NULL;
  CltSite *stored;

  clt_site_set_storefront_url (site, storefront_url);
  clt_site_set_assisted_buying (site, TRUE);
  clt_site_set_assisted_buying_url (site, template);
  stored = sync_save_site (store, site, NULL, &error);
  g_assert_no_error (error);
  return stored;
}

/* The value of @name in the query of @url. */
static char *
url_param (const char *url,
           const char *name)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);
  return g_strdup (g_hash_table_lookup (params, name));
}

/* A customer and the site "de" with the template: the customer's id. */
static CltCustomer *
seed (CltStore *store)
{
  g_autoptr(CltSite) site = add_assisted_site (store, "de", "Site DE", "https://shop.example/",
                                               TEMPLATE);

  return add_customer (store, "Jane", "Buyer", "jane.buyer@example.com");
}

/* }}} */

static void
test_site_template (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(CltSite) stored = add_assisted_site (fixture->store, "de", "Site DE",
                                                 "https://shop.example/", TEMPLATE);
  g_autoptr(GPtrArray) sites = NULL;
  struct
  {
    const char *field;
    const char *storefront_url;
    const char *template;
  } invalid[] = {
    { "storefront-url", "ftp://shop.example/", "" },
    { "storefront-url", "http://shop.example/", "" },
    { "assisted-buying-url", "https://shop.example/", "https://shop.example/ab?c={customerId}" },
    { "assisted-buying-url", "https://shop.example/", "http://shop.example/ab?t={token}" },
    { "assisted-buying-url", "https://shop.example/", "https://shop.example/ab?t={password}" },
  };

  g_assert_cmpstr (clt_site_get_assisted_buying_url (stored), ==, TEMPLATE);
  sites = sync_list_sites (fixture->store, NULL);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpstr (clt_site_get_assisted_buying_url (g_ptr_array_index (sites, 0)), ==, TEMPLATE);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(CltSite) site = make_site ("fr", "Site FR");
      g_autoptr(CltSite) refused = NULL;
      g_autoptr(GError) error = NULL;

      clt_site_set_storefront_url (site, invalid[i].storefront_url);
      clt_site_set_assisted_buying_url (site, invalid[i].template);
      refused = sync_save_site (fixture->store, site, NULL, &error);
      g_assert_null (refused);
      g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
      g_assert_cmpstr (clt_store_error_get_field (error), ==, invalid[i].field);
    }
}

static void
test_start (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = seed (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *again = NULL;
  g_autofree char *token = NULL;
  g_autofree char *number = NULL;
  g_autofree char *token_again = NULL;

  url = sync_start (fixture->store, clt_customer_get_id (customer), "de", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "https://shop.example/assisted-buying?token="));

  token = url_param (url, "token");
  number = url_param (url, "customer");
  g_assert_cmpuint (strlen (token), ==, 64);
  g_assert_cmpstr (number, ==, clt_customer_get_number (customer));

  /* A fresh token each time. */
  again = sync_start (fixture->store, clt_customer_get_id (customer), "de", &error);
  g_assert_no_error (error);
  token_again = url_param (again, "token");
  g_assert_cmpstr (token, !=, token_again);
}

static void
test_refused (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = seed (fixture->store);
  g_autoptr(CltSite) bare = add_assisted_site (fixture->store, "at", "Site AT", "", TEMPLATE);
  g_autoptr(CltSite) no_template = add_assisted_site (fixture->store, "ch", "Site CH",
                                                      "https://ch.shop.example/", "");
  g_autoptr(CltSite) off = make_site ("fr", "Site FR");
  g_autoptr(CltSite) stored_off = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = clt_customer_get_id (customer);
  const char *conflicts[] = { "at", "ch", "fr" };

  clt_site_set_storefront_url (off, "https://fr.shop.example/");
  clt_site_set_assisted_buying_url (off, TEMPLATE);
  stored_off = sync_save_site (fixture->store, off, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (conflicts); i++)
    {
      g_autofree char *url = sync_start (fixture->store, id, conflicts[i], &error);

      g_assert_null (url);
      g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT);
      g_assert_cmpstr (clt_store_error_get_field (error), ==, "site");
      g_clear_error (&error);
    }

  {
    g_autofree char *url = sync_start (fixture->store, id, "nowhere", &error);

    g_assert_null (url);
    g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    g_autofree char *url = sync_start (fixture->store, "no-such-customer", "de", &error);

    g_assert_null (url);
    g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Nothing refused was logged. */
  log = sync_log (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 0);
}

static void
check_denied (StoreFixture *fixture,
              CltRole       role)
{
  g_autoptr(CltCustomer) customer = seed (fixture->store);
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  store_fixture_set_role (fixture, role);
  url = sync_start (fixture->store, clt_customer_get_id (customer), "de", &error);
  g_assert_null (url);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  /* The log can be read, and is empty. */
  log = sync_log (fixture->store, clt_customer_get_id (customer), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 0);
}

static void
test_denied_staff (StoreFixture  *fixture,
                   gconstpointer  data)
{
  check_denied (fixture, CLT_ROLE_STAFF);
}

static void
test_denied_viewer (StoreFixture  *fixture,
                    gconstpointer  data)
{
  check_denied (fixture, CLT_ROLE_VIEWER);
}

static void
test_support_may (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = seed (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  store_fixture_set_role (fixture, CLT_ROLE_SUPPORT);
  url = sync_start (fixture->store, clt_customer_get_id (customer), "de", &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
}

static void
test_redeem_once (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = seed (fixture->store);
  g_autoptr(CltAssistedSession) session = NULL;
  g_autoptr(CltAssistedSession) again = NULL;
  g_autoptr(CltAssistedSession) bogus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;

  url = sync_start (fixture->store, clt_customer_get_id (customer), "de", &error);
  g_assert_no_error (error);
  token = url_param (url, "token");

  session = sync_redeem (fixture->store, token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_assisted_session_get_customer_id (session), ==,
                   clt_customer_get_id (customer));
  g_assert_cmpstr (clt_assisted_session_get_customer_number (session), ==,
                   clt_customer_get_number (customer));
  g_assert_cmpstr (clt_assisted_session_get_site (session), ==, "de");
  g_assert_cmpstr (clt_assisted_session_get_site_name (session), ==, "Site DE");
  g_assert_cmpstr (clt_assisted_session_get_author (session), !=, "");
  g_assert_nonnull (clt_assisted_session_get_redeemed (session));

  /* Once only. */
  again = sync_redeem (fixture->store, token, &error);
  g_assert_null (again);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A guess, or what is kept of a token (a hash of it), is nothing. */
  bogus = sync_redeem (fixture->store, "0123456789abcdef0123456789abcdef", &error);
  g_assert_null (bogus);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  bogus = sync_redeem (fixture->store, "", &error);
  g_assert_null (bogus);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
}

/* With a lifetime of 1 ms (the test knob of clt-store.h), a token has
 * expired by the time it is redeemed. */
static void
test_expiry (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fixture->dir, "short-lived", NULL);
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltAssistedSession) session = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  CltStore *store;

  /* A store (and for REST a server) started after the knob was set. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_setenv ("CLT_ASSISTED_BUYING_LIFETIME_MS", "1", TRUE);
  store = fixture->factory->new_store (dir);

  customer = seed (store);
  url = sync_start (store, clt_customer_get_id (customer), "de", &error);
  g_assert_no_error (error);
  token = url_param (url, "token");
  g_usleep (20 * 1000);

  session = sync_redeem (store, token, &error);
  g_assert_null (session);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The log keeps it, never redeemed, expiring a millisecond after. */
  log = sync_log (store, clt_customer_get_id (customer), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_null (clt_assisted_session_get_redeemed (g_ptr_array_index (log, 0)));
  g_assert_cmpint (g_date_time_difference (clt_assisted_session_get_expires (g_ptr_array_index (log, 0)),
                                           clt_assisted_session_get_started (g_ptr_array_index (log, 0))),
                   ==, 1000);

  g_unsetenv ("CLT_ASSISTED_BUYING_LIFETIME_MS");
  fixture->factory->free (store);
}

static void
test_log (StoreFixture  *fixture,
          gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = seed (fixture->store);
  g_autoptr(CltCustomer) other = add_customer (fixture->store, "Otto", "Other",
                                               "otto.other@example.com");
  g_autoptr(CltSite) fr = add_assisted_site (fixture->store, "fr", "Site FR",
                                             "https://fr.shop.example/", TEMPLATE);
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(CltAssistedSession) session = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) other_log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *token = NULL;
  const char *id = clt_customer_get_id (customer);
  CltAssistedSession *newest;
  CltAssistedSession *oldest;
  GTimeSpan lifetime;

  user = sync_get_current_user (fixture->store, &error);
  g_assert_no_error (error);

  first = sync_start (fixture->store, id, "de", &error);
  g_assert_no_error (error);
  second = sync_start (fixture->store, id, "fr", &error);
  g_assert_no_error (error);
  token = url_param (first, "token");
  session = sync_redeem (fixture->store, token, &error);
  g_assert_no_error (error);

  log = sync_log (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 2);
  newest = g_ptr_array_index (log, 0);
  oldest = g_ptr_array_index (log, 1);

  g_assert_cmpstr (clt_assisted_session_get_site (newest), ==, "fr");
  g_assert_cmpstr (clt_assisted_session_get_site_name (newest), ==, "Site FR");
  g_assert_null (clt_assisted_session_get_redeemed (newest));
  g_assert_cmpstr (clt_assisted_session_get_site (oldest), ==, "de");
  g_assert_nonnull (clt_assisted_session_get_redeemed (oldest));
  g_assert_true (g_date_time_compare (clt_assisted_session_get_started (oldest),
                                      clt_assisted_session_get_started (newest)) <= 0);

  for (guint i = 0; i < log->len; i++)
    {
      CltAssistedSession *entry = g_ptr_array_index (log, i);

      g_assert_cmpstr (clt_assisted_session_get_customer_id (entry), ==, id);
      g_assert_cmpstr (clt_assisted_session_get_customer_number (entry), ==,
                       clt_customer_get_number (customer));
      g_assert_cmpstr (clt_assisted_session_get_author_name (entry), !=, "");
      g_assert_nonnull (clt_assisted_session_get_started (entry));
      lifetime = g_date_time_difference (clt_assisted_session_get_expires (entry),
                                         clt_assisted_session_get_started (entry));
      g_assert_cmpint (lifetime, ==, CLT_STORE_ASSISTED_BUYING_LIFETIME);
    }

  /* Through a server, the author is who signed in. */
  if (g_str_equal (fixture->factory->name, "rest"))
    g_assert_cmpstr (clt_assisted_session_get_author (newest), ==,
                     clt_backoffice_user_get_username (user));

  /* The customer page's one answer carries the same log. */
  {
    g_autoptr(CltCustomerDetails) details = sync_get_details (fixture->store, id, &error);
    GPtrArray *shown;

    g_assert_no_error (error);
    shown = clt_customer_details_get_assisted_buying (details);
    g_assert_cmpuint (shown->len, ==, 2);
    g_assert_cmpstr (clt_assisted_session_get_site (g_ptr_array_index (shown, 0)), ==, "fr");
    g_assert_nonnull (clt_assisted_session_get_redeemed (g_ptr_array_index (shown, 1)));
  }

  other_log = sync_log (fixture->store, clt_customer_get_id (other), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other_log->len, ==, 0);

  {
    g_autoptr(GPtrArray) none = sync_log (fixture->store, "no-such-customer", &error);

    g_assert_null (none);
    g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  }
}

/* Sites and restrictions sync: without a restriction of its own the
 * customer is restricted to the preferred site; a restriction overrides
 * it, must name a site, and keeps that site from being deleted. */
static void
test_restriction (StoreFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(CltSite) de = add_site (fixture->store, "de", "Site DE");
  g_autoptr(CltSite) fr = add_site (fixture->store, "fr", "Site FR");
  g_autoptr(CltCustomer) customer = make_customer ("Jane", "Buyer", "jane.buyer@example.com");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) overridden = NULL;
  g_autoptr(CltCustomer) refused = NULL;
  g_autoptr(CltCustomer) edit = NULL;
  g_autoptr(GError) error = NULL;

  clt_customer_set_preferred_site (customer, "de");
  stored = sync_create_customer (fixture->store, customer, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_restriction (stored), ==, "");
  g_assert_cmpstr (clt_customer_get_effective_restriction (stored), ==, "de");

  edit = clt_customer_copy (stored);
  clt_customer_set_restriction (edit, "fr");
  overridden = sync_update_customer (fixture->store, edit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_restriction (overridden), ==, "fr");
  g_assert_cmpstr (clt_customer_get_effective_restriction (overridden), ==, "fr");

  g_clear_object (&edit);
  edit = clt_customer_copy (overridden);
  clt_customer_set_restriction (edit, "nowhere");
  refused = sync_update_customer (fixture->store, edit, &error);
  g_assert_null (refused);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
  g_assert_cmpstr (clt_store_error_get_field (error), ==, "restriction");
  g_clear_error (&error);

  g_assert_false (sync_delete_site (fixture->store, "fr", clt_site_get_version (fr), &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT);
}

void
register_assisted_cases (const StoreFactory *factory)
{
  STORE_TEST ("/clt/store/sites/restriction", test_restriction);
  STORE_TEST ("/clt/store/assisted-buying/site-template", test_site_template);
  STORE_TEST ("/clt/store/assisted-buying/start", test_start);
  STORE_TEST ("/clt/store/assisted-buying/refused", test_refused);
  STORE_TEST ("/clt/store/assisted-buying/denied-staff", test_denied_staff);
  STORE_TEST ("/clt/store/assisted-buying/denied-viewer", test_denied_viewer);
  STORE_TEST ("/clt/store/assisted-buying/support", test_support_may);
  STORE_TEST ("/clt/store/assisted-buying/redeem-once", test_redeem_once);
  STORE_TEST ("/clt/store/assisted-buying/expiry", test_expiry);
  STORE_TEST ("/clt/store/assisted-buying/log", test_log);
}
