/* store-cases-marketing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-conformance"

#include "config.h"

#include "clt-marketing-record.h"
#include "store-test-util.h"

/* What the shop's marketing knows of a customer (segments, coupons,
 * deliveries): written by imports only, read back with the customer's
 * details, checked on the way in. */

static void
add_record (CltCustomer       *customer,
            CltMarketingKind   kind,
            const char        *code,
            const char        *name,
            const char        *detail,
            GDateTime         *date,
            CltMarketingState  state)
{
  CltMarketingRecord *record = clt_marketing_record_new ();

  clt_marketing_record_set_kind (record, kind);
  clt_marketing_record_set_code (record, code);
  clt_marketing_record_set_name (record, name);
  clt_marketing_record_set_detail (record, detail);
  clt_marketing_record_set_date (record, date);
  clt_marketing_record_set_state (record, state);
  g_ptr_array_add (clt_customer_get_import_marketing (customer), record);
}

static void
assert_record (GPtrArray         *records,
               guint              index,
               CltMarketingKind   kind,
               const char        *code,
               const char        *name,
               const char        *detail,
               GDateTime         *date,
               CltMarketingState  state)
{
  CltMarketingRecord *record = g_ptr_array_index (records, index);

  g_assert_cmpint (clt_marketing_record_get_kind (record), ==, kind);
  g_assert_cmpstr (clt_marketing_record_get_code (record), ==, code);
  g_assert_cmpstr (clt_marketing_record_get_name (record), ==, name);
  g_assert_cmpstr (clt_marketing_record_get_detail (record), ==, detail);
  if (date == NULL)
    g_assert_null (clt_marketing_record_get_date (record));
  else
    g_assert_true (g_date_time_equal (clt_marketing_record_get_date (record), date));
  g_assert_cmpint (clt_marketing_record_get_state (record), ==, state);
}

/* Segments, then coupons, then deliveries, each in the order imported,
 * every member as it was given; a customer without any has none. */
static void
test_marketing_details (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(CltCustomerDetails) details = NULL;
  g_autoptr(CltCustomerDetails) plain = NULL;
  g_autoptr(CltCustomer) other = add_customer (fixture->store, "Anna", "Schmidt",
                                               "anna@example.com");
  g_autoptr(GDateTime) joined = g_date_time_new_utc (2025, 11, 2, 9, 30, 0);
  g_autoptr(GDateTime) until = g_date_time_new_utc (2026, 12, 31, 0, 0, 0);
  g_autoptr(GDateTime) sent = g_date_time_new_utc (2026, 3, 3, 7, 15, 0);
  g_autoptr(GError) error = NULL;
  CltCustomer *row = make_import_customer ("mia-1", "Mia", "Markt", "mia@example.com", 0);
  GPtrArray *records;

  add_record (row, CLT_MARKETING_KIND_DELIVERY, "spring-sale-2026", "Spring sale 2026", "email",
              sent, CLT_MARKETING_STATE_OPENED);
  add_record (row, CLT_MARKETING_KIND_SEGMENT, "newsletter", "Newsletter subscribers", "",
              joined, CLT_MARKETING_STATE_NONE);
  add_record (row, CLT_MARKETING_KIND_COUPON, "WELCOME10", "Welcome discount", "10 %", until,
              CLT_MARKETING_STATE_ACTIVE);
  add_record (row, CLT_MARKETING_KIND_SEGMENT, "frequent-buyers", "Frequent buyers", "", NULL,
              CLT_MARKETING_STATE_NONE);
  add_record (row, CLT_MARKETING_KIND_DELIVERY, "welcome-series", "Welcome series", "sms", sent,
              CLT_MARKETING_STATE_BOUNCED);
  g_ptr_array_add (rows, row);

  report = sync_import (fixture->store, rows, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, 1);

  details = sync_get_details (fixture->store, "mia-1", &error);
  g_assert_no_error (error);
  records = clt_customer_details_get_marketing (details);
  g_assert_cmpuint (records->len, ==, 5);
  assert_record (records, 0, CLT_MARKETING_KIND_SEGMENT, "newsletter", "Newsletter subscribers",
                 "", joined, CLT_MARKETING_STATE_NONE);
  assert_record (records, 1, CLT_MARKETING_KIND_SEGMENT, "frequent-buyers", "Frequent buyers",
                 "", NULL, CLT_MARKETING_STATE_NONE);
  assert_record (records, 2, CLT_MARKETING_KIND_COUPON, "WELCOME10", "Welcome discount", "10 %",
                 until, CLT_MARKETING_STATE_ACTIVE);
  assert_record (records, 3, CLT_MARKETING_KIND_DELIVERY, "spring-sale-2026", "Spring sale 2026",
                 "email", sent, CLT_MARKETING_STATE_OPENED);
  assert_record (records, 4, CLT_MARKETING_KIND_DELIVERY, "welcome-series", "Welcome series",
                 "sms", sent, CLT_MARKETING_STATE_BOUNCED);

  plain = sync_get_details (fixture->store, clt_customer_get_id (other), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_customer_details_get_marketing (plain)->len, ==, 0);
}

/* A record without a name, with a state its kind does not have, or with
 * an overlong code refuses its row, naming the record and the member. */
static void
test_marketing_invalid (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(CltCustomerDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_code = g_strnfill (CLT_VALIDATE_MAX_CODE + 1, 'X');
  CltCustomer *row;
  struct {
    guint       row;
    const char *field;
  } expected[] = {
    { 1, "marketing[1].state" },
    { 2, "marketing[0].name" },
    { 3, "marketing[0].code" },
  };

  row = make_import_customer ("ok-0", "Ola", "Null", "ola@example.com", 0);
  add_record (row, CLT_MARKETING_KIND_COUPON, "FREESHIP", "Free shipping", "", NULL,
              CLT_MARKETING_STATE_REDEEMED);
  g_ptr_array_add (rows, row);

  row = make_import_customer ("bad-1", "Ben", "Eins", "ben@example.com", 0);
  add_record (row, CLT_MARKETING_KIND_SEGMENT, "vip", "VIP", "", NULL, CLT_MARKETING_STATE_NONE);
  add_record (row, CLT_MARKETING_KIND_COUPON, "SPRING15", "Spring sale", "15 %", NULL,
              CLT_MARKETING_STATE_DELIVERED);
  g_ptr_array_add (rows, row);

  row = make_import_customer ("bad-2", "Cem", "Zwei", "cem@example.com", 0);
  add_record (row, CLT_MARKETING_KIND_DELIVERY, "c", "", "email", NULL,
              CLT_MARKETING_STATE_DELIVERED);
  g_ptr_array_add (rows, row);

  row = make_import_customer ("bad-3", "Dan", "Drei", "dan@example.com", 0);
  add_record (row, CLT_MARKETING_KIND_SEGMENT, long_code, "Long", "", NULL,
              CLT_MARKETING_STATE_NONE);
  g_ptr_array_add (rows, row);

  report = sync_import (fixture->store, rows, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, 1);
  g_assert_cmpuint (clt_import_report_get_n_refused (report), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *field = NULL;
      const char *message = NULL;
      guint row_index = clt_import_report_get_refusal (report, i, &field, &message);

      g_assert_cmpuint (row_index, ==, expected[i].row);
      g_assert_cmpstr (field, ==, expected[i].field);
      g_assert_nonnull (message);
      g_assert_cmpstr (message, !=, "");
    }
  g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 1);

  details = sync_get_details (fixture->store, "ok-0", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_customer_details_get_marketing (details)->len, ==, 1);
}

void
register_marketing_cases (const StoreFactory *factory)
{
  STORE_TEST ("/clt/store/marketing/details", test_marketing_details);
  STORE_TEST ("/clt/store/marketing/invalid", test_marketing_invalid);
}
