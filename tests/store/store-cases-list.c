/* store-cases-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-conformance"

#include "config.h"

#include <string.h>

#include "store-test-util.h"

/* Listing customers: pages and totals, sorting, filters and search. */

/* Helpers {{{ */

/* @n customers "First00 Last00 <c00@example.com>" …, in creation order. */
static GPtrArray *
seed_customers (CltStore *store,
                guint     n)
{
  GPtrArray *customers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *first = g_strdup_printf ("First%02u", i);
      g_autofree char *last = g_strdup_printf ("Last%02u", i);
      g_autofree char *email = g_strdup_printf ("c%02u@example.com", i);

      g_ptr_array_add (customers, add_customer (store, first, last, email));
    }

  return customers;
}

static GPtrArray *
list_page (CltStore     *store,
           CltQuery     *query,
           guint         page_index,
           guint         page_size,
           CltListFlags  flags,
           guint        *total)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *customers;

  customers = sync_list_customers (store, query, page_index, page_size, flags, total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (customers);
  return customers;
}

static void
assert_same_ids (GPtrArray *a,
                 guint      a_start,
                 GPtrArray *b,
                 guint      b_start,
                 guint      n)
{
  g_assert_cmpuint (a->len, >=, a_start + n);
  g_assert_cmpuint (b->len, >=, b_start + n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (clt_customer_get_id (g_ptr_array_index (a, a_start + i)), ==,
                     clt_customer_get_id (g_ptr_array_index (b, b_start + i)));
}

static void
assert_error_on_page (CltStore   *store,
                      guint       page_index,
                      guint       page_size,
                      int         code,
                      const char *field)
{
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;

  customers = sync_list_customers (store, NULL, page_index, page_size, CLT_LIST_FLAGS_WITH_TOTAL,
                                   NULL, &error);
  assert_store_error (error, code, field);
  g_assert_null (customers);
}

static void
set_status (CltStore    *store,
            CltCustomer *customer,
            gboolean     active,
            gboolean     on_hold)
{
  g_autoptr(CltCustomer) copy = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;

  /* Freshly read: writes to its addresses move the customer's version. */
  copy = sync_get_customer (store, clt_customer_get_id (customer), &error);
  g_assert_no_error (error);
  clt_customer_set_active (copy, active);
  clt_customer_set_on_hold (copy, on_hold);
  stored = sync_update_customer (store, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (clt_customer_get_active (stored), ==, active);
  g_assert_cmpint (clt_customer_get_on_hold (stored), ==, on_hold);
  clt_customer_update_from (customer, stored);
}

/* }}} */

/* Paging and totals {{{ */

static void
test_paging_slices (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = seed_customers (fixture->store, 7);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) page0 = NULL;
  g_autoptr(GPtrArray) page1 = NULL;
  g_autoptr(GPtrArray) page2 = NULL;
  g_autoptr(GPtrArray) page3 = NULL;

  all = list_page (fixture->store, NULL, 0, CLT_STORE_MAX_PAGE_SIZE, CLT_LIST_FLAGS_NONE, NULL);
  g_assert_cmpuint (all->len, ==, 7);
  for (guint i = 0; i < seeded->len; i++)
    g_assert_true (customers_have_id (all, clt_customer_get_id (g_ptr_array_index (seeded, i))));

  /* Pages of three are the slices 0–2, 3–5 and 6 of the same order. */
  page0 = list_page (fixture->store, NULL, 0, 3, CLT_LIST_FLAGS_NONE, NULL);
  page1 = list_page (fixture->store, NULL, 1, 3, CLT_LIST_FLAGS_NONE, NULL);
  page2 = list_page (fixture->store, NULL, 2, 3, CLT_LIST_FLAGS_NONE, NULL);
  page3 = list_page (fixture->store, NULL, 3, 3, CLT_LIST_FLAGS_NONE, NULL);
  g_assert_cmpuint (page0->len, ==, 3);
  g_assert_cmpuint (page1->len, ==, 3);
  g_assert_cmpuint (page2->len, ==, 1);
  g_assert_cmpuint (page3->len, ==, 0);
  assert_same_ids (page0, 0, all, 0, 3);
  assert_same_ids (page1, 0, all, 3, 3);
  assert_same_ids (page2, 0, all, 6, 1);

  /* Rows come loaded, with their version. */
  for (guint i = 0; i < page0->len; i++)
    {
      CltCustomer *customer = g_ptr_array_index (page0, i);

      g_assert_true (clt_customer_get_loaded (customer));
      g_assert_cmpint (clt_customer_get_version (customer), >, 0);
      g_assert_cmpstr (clt_customer_get_email (customer), !=, "");
    }
}

static void
test_paging_totals (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = seed_customers (fixture->store, 7);
  guint n = 0;
  g_autoptr(GError) error = NULL;

  for (guint page = 0; page < 4; page++)
    {
      g_autoptr(GPtrArray) with_total = NULL;
      g_autoptr(GPtrArray) without_total = NULL;
      guint total = 0;

      with_total = list_page (fixture->store, NULL, page, 3, CLT_LIST_FLAGS_WITH_TOTAL, &total);
      g_assert_cmpuint (total, ==, 7);

      total = 0;
      without_total = list_page (fixture->store, NULL, page, 3, CLT_LIST_FLAGS_NONE, &total);
      g_assert_cmpuint (total, ==, CLT_TOTAL_UNKNOWN);
      g_assert_cmpuint (without_total->len, ==, with_total->len);
    }

  g_assert_true (sync_count_customers (fixture->store, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 7);
}

static void
test_paging_past_end (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = seed_customers (fixture->store, 4);
  g_autoptr(GPtrArray) past = NULL;
  g_autoptr(GPtrArray) far = NULL;
  guint total = 0;

  /* Exactly at the end, and far beyond it: empty, not an error. */
  past = list_page (fixture->store, NULL, 2, 2, CLT_LIST_FLAGS_WITH_TOTAL, &total);
  g_assert_cmpuint (past->len, ==, 0);
  g_assert_cmpuint (total, ==, 4);

  total = 0;
  far = list_page (fixture->store, NULL, 1000000, 10, CLT_LIST_FLAGS_WITH_TOTAL, &total);
  g_assert_cmpuint (far->len, ==, 0);
  g_assert_cmpuint (total, ==, 4);
}

static void
test_paging_empty_store (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) customers = NULL;
  guint total = 1;
  guint n = 1;
  g_autoptr(GError) error = NULL;

  customers = list_page (fixture->store, NULL, 0, 50, CLT_LIST_FLAGS_WITH_TOTAL, &total);
  g_assert_cmpuint (customers->len, ==, 0);
  g_assert_cmpuint (total, ==, 0);

  g_assert_true (sync_count_customers (fixture->store, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_paging_page_size_zero (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = seed_customers (fixture->store, 1);

  /* Bad paging is INVALID (header), naming the argument. */
  assert_error_on_page (fixture->store, 0, 0, CLT_STORE_ERROR_INVALID, "page-size");
  assert_error_on_page (fixture->store, 3, 0, CLT_STORE_ERROR_INVALID, "page-size");
}

static void
test_paging_page_size_limit (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = seed_customers (fixture->store, 2);
  g_autoptr(GPtrArray) largest = NULL;
  guint total = 0;

  largest = list_page (fixture->store, NULL, 0, CLT_STORE_MAX_PAGE_SIZE,
                       CLT_LIST_FLAGS_WITH_TOTAL, &total);
  g_assert_cmpuint (largest->len, ==, 2);
  g_assert_cmpuint (total, ==, 2);

  /* Above a CLT_STORE_MAX_* limit: TOO_LARGE (header). */
  assert_error_on_page (fixture->store, 0, CLT_STORE_MAX_PAGE_SIZE + 1,
                        CLT_STORE_ERROR_TOO_LARGE, NULL);
  assert_error_on_page (fixture->store, 0, G_MAXUINT, CLT_STORE_ERROR_TOO_LARGE, NULL);
}

static void
test_paging_index_overflow (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = seed_customers (fixture->store, 2);

  /* Offsets that do not fit a guint: refused, never wrapped round to an
   * early page. */
  assert_error_on_page (fixture->store, G_MAXUINT, CLT_STORE_MAX_PAGE_SIZE,
                        CLT_STORE_ERROR_INVALID, "page-index");
  assert_error_on_page (fixture->store, G_MAXUINT, 1, CLT_STORE_ERROR_INVALID, "page-index");
  assert_error_on_page (fixture->store, G_MAXUINT / 2 + 1, 2, CLT_STORE_ERROR_INVALID,
                        "page-index");
  /* 2^32 / 256 × 256 wraps to exactly 0 in 32 bits. */
  assert_error_on_page (fixture->store, 1u << 24, 256, CLT_STORE_ERROR_INVALID, "page-index");
}

static void
test_paging_filtered_total (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = seed_customers (fixture->store, 6);
  g_autoptr(CltCustomer) extra = add_customer (fixture->store, "Zora", "Quandt", "zq@example.com");
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) page = NULL;
  guint total = 0;

  clt_query_set_search_text (query, "Last0");
  page = list_page (fixture->store, query, 0, 4, CLT_LIST_FLAGS_WITH_TOTAL, &total);
  g_assert_cmpuint (page->len, ==, 4);
  g_assert_cmpuint (total, ==, 6);
  g_assert_false (customers_have_id (page, clt_customer_get_id (extra)));

  g_clear_pointer (&page, g_ptr_array_unref);
  page = list_page (fixture->store, query, 1, 4, CLT_LIST_FLAGS_WITH_TOTAL, &total);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpuint (total, ==, 6);
}

/* }}} */

/* Sorting {{{ */

typedef struct
{
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *company;
  const char *city;
  const char *zip_code;
  const char *country;
  const char *site;
  gboolean    active;
  gboolean    on_hold;
} SortRow;

/* Distinct values for every key but status and site, ASCII so that any
 * reasonable collation agrees on their order. */
static const SortRow sort_rows[] = {
  { "Carla", "Fischer", "carla@example.com", "Gamma AG", "Graz", "8010", "AT", "site-b", TRUE, FALSE },
  { "Anton", "Weber", "anton@example.org", "Alpha GmbH", "Lyon", "69001", "FR", "site-a", TRUE, TRUE },
  { "Emil", "Becker", "emil@example.net", "Epsilon SE", "Basel", "4001", "CH", "site-c", FALSE, FALSE },
  { "Berta", "Schulz", "berta@example.com", "Beta KG", "Amsterdam", "1011 AB", "NL", "site-a", TRUE, FALSE },
  { "Dora", "Meyer", "dora@example.de", "Delta OHG", "Warszawa", "00-950", "PL", "site-b", FALSE, TRUE },
  { "Fritz", "Hoffmann", "fritz@example.at", "Zeta UG", "Munchen", "80331", "DE", "site-c", TRUE, FALSE },
};

static GPtrArray *
seed_sort_rows (CltStore *store)
{
  GPtrArray *customers = g_ptr_array_new_with_free_func (g_object_unref);
  const char *sites[] = { "site-a", "site-b", "site-c" };

  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    g_object_unref (add_site (store, sites[i], sites[i]));

  for (guint i = 0; i < G_N_ELEMENTS (sort_rows); i++)
    {
      const SortRow *row = &sort_rows[i];
      g_autoptr(CltCustomer) customer = make_customer (row->first_name, row->last_name,
                                                       row->email);
      g_autoptr(CltAddress) address = NULL;
      g_autoptr(CltAddress) stored_address = NULL;
      g_autoptr(GError) error = NULL;
      CltCustomer *stored;

      clt_customer_set_company (customer, row->company);
      clt_customer_set_preferred_site (customer, row->site);
      stored = sync_create_customer (store, customer, NULL, FALSE, NULL, &error);
      g_assert_no_error (error);

      address = make_address (clt_customer_get_id (stored), row->city, row->zip_code);
      clt_address_set_country (address, row->country);
      stored_address = sync_create_address (store, address, NULL, &error);
      g_assert_no_error (error);

      set_status (store, stored, row->active, row->on_hold);
      g_ptr_array_add (customers, stored);
    }

  return customers;
}

/* The value a customer shows for @key, folded, as a string that sorts
 * like the key (registration dates as zero-padded microseconds). */
static char *
sort_value (CltCustomer *customer,
            CltSortKey   key)
{
  switch (key)
    {
    case CLT_SORT_KEY_NUMBER:
      return clt_fold_text (clt_customer_get_number (customer));
    case CLT_SORT_KEY_REGISTERED:
      g_assert_nonnull (clt_customer_get_registered (customer));
      return g_strdup_printf ("%020" G_GINT64_FORMAT,
                              g_date_time_to_unix (clt_customer_get_registered (customer)) *
                                G_USEC_PER_SEC +
                              g_date_time_get_microsecond (clt_customer_get_registered (customer)));
    case CLT_SORT_KEY_EMAIL:
      return clt_fold_text (clt_customer_get_email (customer));
    case CLT_SORT_KEY_LAST_NAME:
      return clt_fold_text (clt_customer_get_last_name (customer));
    case CLT_SORT_KEY_FIRST_NAME:
      return clt_fold_text (clt_customer_get_first_name (customer));
    case CLT_SORT_KEY_COMPANY:
      return clt_fold_text (clt_customer_get_company (customer));
    case CLT_SORT_KEY_ZIP_CODE:
      return clt_fold_text (clt_customer_get_zip_code (customer));
    case CLT_SORT_KEY_CITY:
      return clt_fold_text (clt_customer_get_city (customer));
    case CLT_SORT_KEY_COUNTRY:
      return g_strdup (clt_customer_get_country (customer));
    case CLT_SORT_KEY_STATUS:
      return g_strdup_printf ("%d", clt_customer_get_status (customer));
    case CLT_SORT_KEY_SITE:
      return g_strdup (clt_customer_get_preferred_site (customer));
    default:
      g_assert_not_reached ();
    }
}

static GPtrArray *
sort_values (GPtrArray  *customers,
             CltSortKey  key)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < customers->len; i++)
    g_ptr_array_add (values, sort_value (g_ptr_array_index (customers, i), key));

  return values;
}

static void
check_sort (StoreFixture *fixture,
            CltSortKey    key,
            gboolean      ordered_by_value)
{
  g_autoptr(GPtrArray) seeded = seed_sort_rows (fixture->store);
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) ascending = NULL;
  g_autoptr(GPtrArray) descending = NULL;
  g_autoptr(GPtrArray) ascending_values = NULL;
  g_autoptr(GPtrArray) descending_values = NULL;
  guint n = seeded->len;

  clt_query_set_sort_key (query, key);

  for (CltSortDirection direction = CLT_SORT_ASCENDING; direction <= CLT_SORT_DESCENDING;
       direction++)
    {
      g_autoptr(GPtrArray) one_page = NULL;
      g_autoptr(GPtrArray) walked = NULL;
      guint total = 0;

      clt_query_set_sort_direction (query, direction);

      /* One page and pages of two give the same rows in the same order:
       * ties are broken the same way every time. */
      one_page = list_page (fixture->store, query, 0, CLT_STORE_MAX_PAGE_SIZE,
                            CLT_LIST_FLAGS_WITH_TOTAL, &total);
      g_assert_cmpuint (total, ==, n);
      g_assert_cmpuint (one_page->len, ==, n);
      walked = list_all (fixture->store, query, 2);
      assert_same_ids (walked, 0, one_page, 0, n);

      for (guint i = 0; i < n; i++)
        g_assert_true (customers_have_id (one_page,
                                          clt_customer_get_id (g_ptr_array_index (seeded, i))));

      if (direction == CLT_SORT_ASCENDING)
        ascending = g_steal_pointer (&one_page);
      else
        descending = g_steal_pointer (&one_page);
    }

  ascending_values = sort_values (ascending, key);
  descending_values = sort_values (descending, key);

  /* Descending is ascending backwards, value for value. */
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (ascending_values, i), ==,
                     g_ptr_array_index (descending_values, n - 1 - i));

  /* Equal values are next to each other. */
  for (guint i = 0; i < n; i++)
    for (guint j = i + 2; j < n; j++)
      if (g_str_equal (g_ptr_array_index (ascending_values, i),
                       g_ptr_array_index (ascending_values, j)))
        g_assert_cmpstr (g_ptr_array_index (ascending_values, i), ==,
                         g_ptr_array_index (ascending_values, j - 1));

  /* Text keys sort by the value the customer carries (the country and
   * site by their codes), case and accents aside. */
  if (ordered_by_value)
    for (guint i = 1; i < n; i++)
      g_assert_cmpstr (g_ptr_array_index (ascending_values, i - 1), <=,
                       g_ptr_array_index (ascending_values, i));
}

#define SORT_TEST(name, key, ordered)                          \
  static void                                                  \
  test_sort_##name (StoreFixture *fixture, gconstpointer data) \
  {                                                            \
    check_sort (fixture, key, ordered);                        \
  }

SORT_TEST (number, CLT_SORT_KEY_NUMBER, TRUE)
SORT_TEST (registered, CLT_SORT_KEY_REGISTERED, TRUE)
SORT_TEST (email, CLT_SORT_KEY_EMAIL, TRUE)
SORT_TEST (last_name, CLT_SORT_KEY_LAST_NAME, TRUE)
SORT_TEST (first_name, CLT_SORT_KEY_FIRST_NAME, TRUE)
SORT_TEST (company, CLT_SORT_KEY_COMPANY, TRUE)
SORT_TEST (zip_code, CLT_SORT_KEY_ZIP_CODE, TRUE)
SORT_TEST (city, CLT_SORT_KEY_CITY, TRUE)
SORT_TEST (country, CLT_SORT_KEY_COUNTRY, TRUE)
SORT_TEST (status, CLT_SORT_KEY_STATUS, FALSE)
SORT_TEST (site, CLT_SORT_KEY_SITE, TRUE)

static void
test_sort_keeps_total (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = seed_sort_rows (fixture->store);
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) reference = NULL;
  guint reference_total = 0;

  /* A filter that keeps some: the active customers not on hold. */
  clt_query_set_status (query, CLT_STATUS_FILTER_ACTIVE);
  reference = list_page (fixture->store, query, 0, CLT_STORE_MAX_PAGE_SIZE,
                         CLT_LIST_FLAGS_WITH_TOTAL, &reference_total);
  g_assert_cmpuint (reference_total, ==, 3);

  for (CltSortKey key = 0; key < CLT_N_SORT_KEYS; key++)
    for (CltSortDirection direction = CLT_SORT_ASCENDING; direction <= CLT_SORT_DESCENDING;
         direction++)
      {
        g_autoptr(CltQuery) sorted = clt_query_copy (query);
        g_autoptr(GPtrArray) page = NULL;
        guint total = 0;

        clt_query_set_sort_key (sorted, key);
        clt_query_set_sort_direction (sorted, direction);
        g_assert_true (clt_query_same_filter (query, sorted));

        page = list_page (fixture->store, sorted, 0, 2, CLT_LIST_FLAGS_WITH_TOTAL, &total);
        g_assert_cmpuint (total, ==, reference_total);
        g_assert_cmpuint (page->len, ==, 2);
        for (guint i = 0; i < page->len; i++)
          g_assert_true (customers_have_id (reference,
                                            clt_customer_get_id (g_ptr_array_index (page, i))));
      }
}

/* }}} */

/* Filters {{{ */

static guint
count_query (CltStore *store,
             CltQuery *query)
{
  g_autoptr(GPtrArray) all = list_all (store, query, CLT_STORE_MAX_PAGE_SIZE);
  guint n = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (sync_count_customers (store, query, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, all->len);
  return n;
}

static void
test_filter_status (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = seed_sort_rows (fixture->store);
  g_autoptr(CltQuery) query = clt_query_new ();

  /* On hold wins over inactive (CltCustomerStatus). */
  clt_query_set_status (query, CLT_STATUS_FILTER_ACTIVE);
  g_assert_cmpuint (count_query (fixture->store, query), ==, 3);
  clt_query_set_status (query, CLT_STATUS_FILTER_ON_HOLD);
  g_assert_cmpuint (count_query (fixture->store, query), ==, 2);
  clt_query_set_status (query, CLT_STATUS_FILTER_INACTIVE);
  g_assert_cmpuint (count_query (fixture->store, query), ==, 1);
  /* New customers are unverified. */
  clt_query_set_status (query, CLT_STATUS_FILTER_UNVERIFIED);
  g_assert_cmpuint (count_query (fixture->store, query), ==, 6);
  clt_query_set_status (query, CLT_STATUS_FILTER_ANY);
  g_assert_cmpuint (count_query (fixture->store, query), ==, 6);
}

static void
test_filter_country_and_site (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = seed_sort_rows (fixture->store);
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) found = NULL;

  clt_query_set_country (query, "AT");
  found = list_all (fixture->store, query, 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (clt_customer_get_last_name (g_ptr_array_index (found, 0)), ==, "Fischer");
  g_assert_cmpstr (clt_customer_get_country (g_ptr_array_index (found, 0)), ==, "AT");

  clt_query_set_country (query, "");
  clt_query_set_site (query, "site-a");
  g_assert_cmpuint (count_query (fixture->store, query), ==, 2);
  clt_query_set_country (query, "FR");
  g_assert_cmpuint (count_query (fixture->store, query), ==, 1);
  clt_query_set_site (query, "site-b");
  g_assert_cmpuint (count_query (fixture->store, query), ==, 0);
}

static void
test_filter_group (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = seed_customers (fixture->store, 4);
  g_autoptr(CltGroup) vip = add_group (fixture->store, "vip", "VIP");
  g_autoptr(CltQuery) query = clt_query_new ();
  const char * const codes[] = { "vip", NULL };
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 3; i++)
    {
      CltCustomer *customer = g_ptr_array_index (seeded, i);
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (members, sync_set_groups (fixture->store, clt_customer_get_id (customer),
                                                 clt_customer_get_version (customer), codes,
                                                 &error));
      g_assert_no_error (error);
    }

  clt_query_set_group (query, "vip");
  g_assert_cmpuint (count_query (fixture->store, query), ==, 3);

  /* A group counted alone (in its membership index, where an engine can)
   * counts neither an erased member nor one whose deletion waits out its
   * undo time, and lists them neither (count_query () compares). */
  for (guint i = 1; i < 3; i++)
    {
      CltCustomer *member = g_ptr_array_index (members, i);
      g_autoptr(GError) error = NULL;

      g_assert_true (sync_delete_customer (fixture->store, clt_customer_get_id (member),
                                           clt_customer_get_version (member), i == 1 ? 0 : 3600,
                                           &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count_query (fixture->store, query), ==, 3 - i);
    }

  clt_query_set_group (query, "nobody-is-in-it");
  g_assert_cmpuint (count_query (fixture->store, query), ==, 0);
}

static void
test_filter_company (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = seed_customers (fixture->store, 4);
  g_autoptr(CltCompany) acme = add_company (fixture->store, "acme", "ACME Corp");
  g_autoptr(CltCompany) globex = add_company (fixture->store, "globex", "Globex");
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) rows = NULL;
  const char *companies[] = { "acme", "acme", "globex" };

  for (guint i = 0; i < G_N_ELEMENTS (companies); i++)
    {
      CltCustomer *customer = g_ptr_array_index (seeded, i);
      g_autoptr(CltCustomer) stored = NULL;
      g_autoptr(GError) error = NULL;

      stored = sync_assign_company (fixture->store, clt_customer_get_id (customer),
                                    clt_customer_get_version (customer), companies[i], "Sales",
                                    NULL, &error);
      g_assert_no_error (error);
    }

  clt_query_set_company (query, "acme");
  g_assert_cmpuint (count_query (fixture->store, query), ==, 2);
  rows = list_all (fixture->store, query, CLT_STORE_MAX_PAGE_SIZE);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (clt_customer_get_company_id (g_ptr_array_index (rows, i)), ==, "acme");

  clt_query_set_company (query, "globex");
  g_assert_cmpuint (count_query (fixture->store, query), ==, 1);
  clt_query_set_company (query, "initech");
  g_assert_cmpuint (count_query (fixture->store, query), ==, 0);
  clt_query_set_company (query, "");
  g_assert_cmpuint (count_query (fixture->store, query), ==, 4);
}

static void
test_filter_registered (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) seeded = seed_customers (fixture->store, 2);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GDateTime) from = g_date_time_new_utc (2021, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) until = g_date_time_new_utc (2022, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) exact = g_date_time_new_utc (2021, 3, 4, 10, 0, 0);
  g_autoptr(GError) error = NULL;

  /* Imported on 2021-03-04 10:00 (make_import_customer). */
  g_ptr_array_add (rows, make_import_customer ("old-1", "Olga", "Alt", "olga@example.com", 0));
  report = sync_import (fixture->store, rows, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, 1);

  clt_query_set_registered_from (query, from);
  clt_query_set_registered_until (query, until);
  g_assert_cmpuint (count_query (fixture->store, query), ==, 1);

  /* From is inclusive, until exclusive. */
  clt_query_set_registered_from (query, exact);
  g_assert_cmpuint (count_query (fixture->store, query), ==, 1);
  clt_query_set_registered_from (query, from);
  clt_query_set_registered_until (query, exact);
  g_assert_cmpuint (count_query (fixture->store, query), ==, 0);

  clt_query_set_registered_from (query, until);
  clt_query_set_registered_until (query, NULL);
  g_assert_cmpuint (count_query (fixture->store, query), ==, 2);
}

/* }}} */

/* Search {{{ */

typedef struct
{
  CltCustomer *juergen;
  CltCustomer *karl;
  CltCustomer *anna;
} SearchPeople;

static void
seed_people (CltStore     *store,
             SearchPeople *people)
{
  people->juergen = add_customer (store, "Jürgen", "Müller", "jm@example.com");
  people->karl = add_customer (store, "Karl", "Muller", "karl.muller@example.org");
  people->anna = add_customer (store, "Anna", "Schmidt", "anna.schmidt@example.com");
}

static void
clear_people (SearchPeople *people)
{
  g_clear_object (&people->juergen);
  g_clear_object (&people->karl);
  g_clear_object (&people->anna);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SearchPeople, clear_people)

static void
test_search_case_and_accents (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_auto(SearchPeople) people = { NULL };
  const char *spellings[] = { "Müller", "müller", "MÜLLER", "muller", "MULLER", "Muller",
                              "Mu\xcc\x88ller" /* NFD */ };

  seed_people (fixture->store, &people);

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      store_test_note ("search “%s”", spellings[i]);
      g_assert_cmpuint (count_matches (fixture->store, spellings[i]), ==, 2);
      g_assert_true (search_finds (fixture->store, spellings[i],
                                   clt_customer_get_id (people.juergen)));
      g_assert_true (search_finds (fixture->store, spellings[i],
                                   clt_customer_get_id (people.karl)));
    }

  g_assert_cmpuint (count_matches (fixture->store, "JURGEN"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->store, "jürgen müller"), ==, 1);
}

static void
test_search_word_prefixes (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_auto(SearchPeople) people = { NULL };

  seed_people (fixture->store, &people);

  g_assert_cmpuint (count_matches (fixture->store, "Mül"), ==, 2);
  g_assert_cmpuint (count_matches (fixture->store, "mu"), ==, 2);
  g_assert_true (search_finds (fixture->store, "Jür", clt_customer_get_id (people.juergen)));
  g_assert_cmpuint (count_matches (fixture->store, "Jür"), ==, 1);

  /* Every word must match, in any order. */
  g_assert_cmpuint (count_matches (fixture->store, "jur mul"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->store, "mul jur"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->store, "  Mül   Kar  "), ==, 1);
  g_assert_cmpuint (count_matches (fixture->store, "jur schm"), ==, 0);
  g_assert_cmpuint (count_matches (fixture->store, "Mülleres"), ==, 0);
  g_assert_cmpuint (count_matches (fixture->store, "xyzzy"), ==, 0);
}

static void
test_search_email (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_auto(SearchPeople) people = { NULL };
  const char *id;

  seed_people (fixture->store, &people);
  id = clt_customer_get_id (people.anna);

  g_assert_cmpuint (count_matches (fixture->store, "anna.schmidt@example.com"), ==, 1);
  g_assert_true (search_finds (fixture->store, "anna.schmidt@example.com", id));
  g_assert_true (search_finds (fixture->store, "ANNA.SCHMIDT@EXAMPLE.COM", id));
  g_assert_true (search_finds (fixture->store, "anna.schmidt", id));
  g_assert_true (search_finds (fixture->store, "anna.schmidt@", id));
  g_assert_true (search_finds (fixture->store, "karl.muller@example.org",
                               clt_customer_get_id (people.karl)));
  g_assert_cmpuint (count_matches (fixture->store, "karl.muller@example.org"), ==, 1);
}

static void
test_search_number (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_auto(SearchPeople) people = { NULL };
  const char *number;

  seed_people (fixture->store, &people);
  number = clt_customer_get_number (people.karl);
  g_assert_cmpstr (number, !=, "");

  g_assert_cmpuint (count_matches (fixture->store, number), ==, 1);
  g_assert_true (search_finds (fixture->store, number, clt_customer_get_id (people.karl)));

  /* Typed in another case. */
  {
    g_autofree char *lower = g_utf8_strdown (number, -1);

    g_assert_true (search_finds (fixture->store, lower, clt_customer_get_id (people.karl)));
  }
}

static void
test_search_meta_characters (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_auto(SearchPeople) people = { NULL };
  const char *texts[] = {
    "\"", "\"\"", "*", "AND", "OR", "NOT", "NEAR(", "NEAR(a b)", "-", ":", "^", "(", ")",
    "{", "}", "+", "'", "''", "\\", "%", "_", "last_name:Müller", "Müller AND", "AND Müller",
    "Müller OR Schmidt", "a\"b", "\"Müller", "*Müller", "Müller*", "-Müller", "Müller -",
    "col:val", "{first_name}: x", "'; DROP TABLE customers; --", "%%", "[", "]", "NEAR",
    "@", ".", "a.b@", "\t", "😀", "Müller 😀",
  };

  seed_people (fixture->store, &people);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(CltQuery) query = clt_query_new ();
      g_autoptr(GPtrArray) customers = NULL;
      g_autoptr(GError) error = NULL;
      guint total = 0;

      store_test_note ("search “%s”", texts[i]);
      clt_query_set_search_text (query, texts[i]);
      customers = sync_list_customers (fixture->store, query, 0, 50, CLT_LIST_FLAGS_WITH_TOTAL,
                                       &total, &error);
      g_assert_no_error (error);
      g_assert_nonnull (customers);
      g_assert_cmpuint (total, ==, customers->len);
      g_assert_cmpuint (total, <=, 3);
    }

  /* Still all there: nothing was taken as a command. */
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 3);
}

static void
test_search_punctuation (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_auto(SearchPeople) people = { NULL };
  const char *texts[] = { "\"Müller\"", "Müller*", "(Müller)", "Müller -", "Müller,", "Müller:" };

  /* Plain text, never a query language: punctuation around a word does
   * not stop it from matching. */
  seed_people (fixture->store, &people);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      store_test_note ("search “%s”", texts[i]);
      g_assert_true (search_finds (fixture->store, texts[i],
                                   clt_customer_get_id (people.juergen)));
      g_assert_false (search_finds (fixture->store, texts[i],
                                    clt_customer_get_id (people.anna)));
    }
}

static void
test_search_blank (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_auto(SearchPeople) people = { NULL };

  seed_people (fixture->store, &people);

  g_assert_cmpuint (count_matches (fixture->store, ""), ==, 3);
  g_assert_cmpuint (count_matches (fixture->store, "   "), ==, 3);
}

static void
assert_search_refused (CltStore   *store,
                       const char *text)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  clt_query_set_search_text (query, text);
  customers = sync_list_customers (store, query, 0, 10, CLT_LIST_FLAGS_WITH_TOTAL, NULL, &error);
  assert_store_error (error, CLT_STORE_ERROR_INVALID, "search-text");
  g_assert_null (customers);
  g_clear_error (&error);

  g_assert_false (sync_count_customers (store, query, &n, &error));
  assert_store_error (error, CLT_STORE_ERROR_INVALID, "search-text");
}

static void
test_search_too_long (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_auto(SearchPeople) people = { NULL };
  g_autofree char *longest = long_string ('m', CLT_VALIDATE_MAX_SEARCH);
  g_autofree char *too_long = long_string ('m', CLT_VALIDATE_MAX_SEARCH + 1);
  g_autofree char *umlauts = long_string (0xFC /* ü */, CLT_VALIDATE_MAX_SEARCH);
  g_autofree char *huge = long_string ('m', 100000);

  seed_people (fixture->store, &people);

  /* The limit is in characters, not bytes: 200 "ü" are 400 bytes. */
  g_assert_cmpuint (count_matches (fixture->store, longest), ==, 0);
  g_assert_cmpuint (count_matches (fixture->store, umlauts), ==, 0);

  assert_search_refused (fixture->store, too_long);
  assert_search_refused (fixture->store, huge);
}

static void
test_search_invalid_utf8 (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_auto(SearchPeople) people = { NULL };

  seed_people (fixture->store, &people);

  assert_search_refused (fixture->store, "\xff\xfe");
  assert_search_refused (fixture->store, "M\xc3");
  assert_search_refused (fixture->store, "M\xc3\xbcller\xed\xa0\x80");
}

static void
test_search_follows_changes (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_auto(SearchPeople) people = { NULL };
  g_autoptr(CltCustomer) renamed = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  seed_people (fixture->store, &people);
  /* Jürgen's email (jm@) does not hold his name. */
  id = clt_customer_get_id (people.juergen);

  renamed = clt_customer_copy (people.juergen);
  clt_customer_set_last_name (renamed, "Zimmermann");
  stored = sync_update_customer (fixture->store, renamed, &error);
  g_assert_no_error (error);

  g_assert_true (search_finds (fixture->store, "Zimmer", id));
  g_assert_true (search_finds (fixture->store, "Jürgen Zimmermann", id));
  g_assert_false (search_finds (fixture->store, "Müller", id));
  g_assert_cmpuint (count_matches (fixture->store, "Müller"), ==, 1);
  g_assert_cmpuint (count_matches (fixture->store, "Jürgen Müller"), ==, 0);
}

static void
test_search_with_filter (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_auto(SearchPeople) people = { NULL };
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GPtrArray) found = NULL;

  seed_people (fixture->store, &people);
  set_status (fixture->store, people.karl, TRUE, TRUE);

  clt_query_set_search_text (query, "Müller");
  clt_query_set_status (query, CLT_STATUS_FILTER_ON_HOLD);
  found = list_all (fixture->store, query, 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (customers_have_id (found, clt_customer_get_id (people.karl)));

  /* The search and a deletion waiting for its undo time together. */
  clt_query_set_status (query, CLT_STATUS_FILTER_ANY);
  g_assert_true (sync_delete_customer (fixture->store, clt_customer_get_id (people.juergen),
                                       clt_customer_get_version (people.juergen), 60, NULL));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = list_all (fixture->store, query, 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (customers_have_id (found, clt_customer_get_id (people.karl)));
}

/* }}} */

void
register_list_cases (const StoreFactory *factory)
{
  STORE_TEST ("/clt/store/paging/slices", test_paging_slices);
  STORE_TEST ("/clt/store/paging/totals", test_paging_totals);
  STORE_TEST ("/clt/store/paging/past-end", test_paging_past_end);
  STORE_TEST ("/clt/store/paging/empty-store", test_paging_empty_store);
  STORE_TEST ("/clt/store/paging/page-size-zero", test_paging_page_size_zero);
  STORE_TEST ("/clt/store/paging/page-size-limit", test_paging_page_size_limit);
  STORE_TEST ("/clt/store/paging/index-overflow", test_paging_index_overflow);
  STORE_TEST ("/clt/store/paging/filtered-total", test_paging_filtered_total);

  STORE_TEST ("/clt/store/sort/number", test_sort_number);
  STORE_TEST ("/clt/store/sort/registered", test_sort_registered);
  STORE_TEST ("/clt/store/sort/email", test_sort_email);
  STORE_TEST ("/clt/store/sort/last-name", test_sort_last_name);
  STORE_TEST ("/clt/store/sort/first-name", test_sort_first_name);
  STORE_TEST ("/clt/store/sort/company", test_sort_company);
  STORE_TEST ("/clt/store/sort/zip-code", test_sort_zip_code);
  STORE_TEST ("/clt/store/sort/city", test_sort_city);
  STORE_TEST ("/clt/store/sort/country", test_sort_country);
  STORE_TEST ("/clt/store/sort/status", test_sort_status);
  STORE_TEST ("/clt/store/sort/site", test_sort_site);
  STORE_TEST ("/clt/store/sort/keeps-total", test_sort_keeps_total);

  STORE_TEST ("/clt/store/filter/status", test_filter_status);
  STORE_TEST ("/clt/store/filter/country-and-site", test_filter_country_and_site);
  STORE_TEST ("/clt/store/filter/group", test_filter_group);
  STORE_TEST ("/clt/store/filter/company", test_filter_company);
  STORE_TEST ("/clt/store/filter/registered", test_filter_registered);

  STORE_TEST ("/clt/store/search/case-and-accents", test_search_case_and_accents);
  STORE_TEST ("/clt/store/search/word-prefixes", test_search_word_prefixes);
  STORE_TEST ("/clt/store/search/email", test_search_email);
  STORE_TEST ("/clt/store/search/number", test_search_number);
  STORE_TEST ("/clt/store/search/meta-characters", test_search_meta_characters);
  STORE_TEST ("/clt/store/search/punctuation", test_search_punctuation);
  STORE_TEST ("/clt/store/search/blank", test_search_blank);
  STORE_TEST ("/clt/store/search/too-long", test_search_too_long);
  STORE_TEST ("/clt/store/search/invalid-utf8", test_search_invalid_utf8);
  STORE_TEST ("/clt/store/search/follows-changes", test_search_follows_changes);
  STORE_TEST ("/clt/store/search/with-filter", test_search_with_filter);
}
