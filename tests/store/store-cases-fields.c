/* store-cases-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store-conformance"

#include "config.h"

#include <string.h>

#include "store-test-util.h"

/* Custom field values by type (text, number, yes/no, date, choice list),
 * their errors, and sorting and filtering the list by them. */

/* Helpers {{{ */

static CltCustomField *
add_choice_field (CltStore           *store,
                  const char         *key,
                  const char * const *choices)
{
  g_autoptr(CltCustomField) field = make_custom_field (key, "Tier", CLT_CUSTOM_FIELD_CHOICE);
  g_autoptr(GError) error = NULL;
  CltCustomField *stored;

  clt_custom_field_set_choices (field, choices);
  stored = sync_save_custom_field (store, field, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  return stored;
}

/* Sets @customer's custom fields from "key", GVariant pairs and stores it. */
static CltCustomer *
store_values (CltStore    *store,
              CltCustomer *customer,
              GError     **error,
              ...)
{
  g_autoptr(CltCustomer) edit = clt_customer_copy (customer);
  GVariantDict dict;
  const char *key;
  va_list args;

  g_variant_dict_init (&dict, NULL);
  va_start (args, error);
  while ((key = va_arg (args, const char *)) != NULL)
    g_variant_dict_insert_value (&dict, key, va_arg (args, GVariant *));
  va_end (args);
  clt_customer_set_custom_fields (edit, g_variant_dict_end (&dict));

  return sync_update_customer (store, edit, error);
}

static CltCustomer *
customer_with (CltStore   *store,
               const char *first_name,
               ...)
{
  g_autofree char *email = g_strdup_printf ("%s@example.com", first_name);
  g_autoptr(CltCustomer) created = add_customer (store, first_name, "Field", email);
  g_autoptr(GError) error = NULL;
  g_autoptr(CltCustomer) edit = clt_customer_copy (created);
  GVariantDict dict;
  const char *key;
  va_list args;
  CltCustomer *stored;

  g_variant_dict_init (&dict, NULL);
  va_start (args, first_name);
  while ((key = va_arg (args, const char *)) != NULL)
    g_variant_dict_insert_value (&dict, key, va_arg (args, GVariant *));
  va_end (args);
  clt_customer_set_custom_fields (edit, g_variant_dict_end (&dict));
  stored = sync_update_customer (store, edit, &error);
  g_assert_no_error (error);
  return stored;
}

/* The first names of @query's customers, in order, joined by spaces. */
static char *
names_of (CltStore *store,
          CltQuery *query,
          guint     page_size)
{
  g_autoptr(GPtrArray) customers = list_all (store, query, page_size);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < customers->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? " " : "",
                            clt_customer_get_first_name (g_ptr_array_index (customers, i)));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* }}} */

/* Values {{{ */

static void
test_values_round_trip (StoreFixture  *fixture,
                        gconstpointer  data)
{
  static const char * const tiers[] = { "Gold", "Silver", NULL };
  g_autoptr(CltCustomField) nick = add_custom_field (fixture->store, "code", "Code",
                                                     CLT_CUSTOM_FIELD_STRING);
  g_autoptr(CltCustomField) since = add_custom_field (fixture->store, "member_since", "Since",
                                                      CLT_CUSTOM_FIELD_DATE);
  g_autoptr(CltCustomField) tier = add_choice_field (fixture->store, "tier", tiers);
  g_autoptr(CltCustomer) anna = customer_with (fixture->store, "Anna",
                                               "code", g_variant_new_string ("00123"),
                                               "member_since", g_variant_new_string ("2020-02-29"),
                                               "tier", g_variant_new_string ("Silver"),
                                               NULL);
  g_autoptr(CltCustomer) read = NULL;
  g_autoptr(GPtrArray) fields = sync_list_custom_fields (fixture->store, NULL);
  g_autoptr(GVariant) value = NULL;
  GVariant *values;

  /* The choices come back with the definition. */
  for (guint i = 0; i < fields->len; i++)
    if (g_str_equal (clt_custom_field_get_key (g_ptr_array_index (fields, i)), "tier"))
      g_assert_true (g_strv_equal (clt_custom_field_get_choices (g_ptr_array_index (fields, i)),
                                   tiers));

  read = sync_get_customer (fixture->store, clt_customer_get_id (anna), NULL);
  values = clt_customer_get_custom_fields (read);
  /* Text that looks like a number stays text, leading zeros and all. */
  value = g_variant_lookup_value (values, "code", G_VARIANT_TYPE_STRING);
  g_assert_nonnull (value);
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "00123");
  g_clear_pointer (&value, g_variant_unref);
  value = g_variant_lookup_value (values, "member_since", G_VARIANT_TYPE_STRING);
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "2020-02-29");
  g_clear_pointer (&value, g_variant_unref);
  value = g_variant_lookup_value (values, "tier", G_VARIANT_TYPE_STRING);
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "Silver");
}

static void
test_values_wrong_type (StoreFixture  *fixture,
                        gconstpointer  data)
{
  static const char * const tiers[] = { "Gold", "Silver", NULL };
  g_autoptr(CltCustomField) points = add_custom_field (fixture->store, "points", "Points",
                                                       CLT_CUSTOM_FIELD_NUMBER);
  g_autoptr(CltCustomField) since = add_custom_field (fixture->store, "member_since", "Since",
                                                      CLT_CUSTOM_FIELD_DATE);
  g_autoptr(CltCustomField) tier = add_choice_field (fixture->store, "tier", tiers);
  g_autoptr(CltCustomer) anna = add_customer (fixture->store, "Anna", "Schmidt", "anna@example.com");
  struct {
    const char *key;
    GVariant   *value;
    const char *field;
  } wrong[] = {
    { "points", g_variant_new_string ("many"), "custom-fields.points" },
    { "member_since", g_variant_new_string ("2021-02-30"), "custom-fields.member_since" },
    { "member_since", g_variant_new_double (2021), "custom-fields.member_since" },
    { "tier", g_variant_new_string ("Bronze"), "custom-fields.tier" },
    { "tier", g_variant_new_string ("gold"), "custom-fields.tier" },
    { "ghost", g_variant_new_string ("boo"), "custom-fields.ghost" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CltCustomer) refused = store_values (fixture->store, anna, &error,
                                                     wrong[i].key, wrong[i].value, NULL);

      g_test_message ("%s", wrong[i].key);
      g_assert_null (refused);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, wrong[i].field);
      /* The message says which field. */
      g_assert_nonnull (strstr (error->message, wrong[i].key));
    }
}

static void
test_choice_definition (StoreFixture  *fixture,
                        gconstpointer  data)
{
  static const char * const twice[] = { "Gold", "Gold", NULL };
  static const char * const some[] = { "Gold", NULL };
  g_autoptr(CltCustomField) none = make_custom_field ("tier", "Tier", CLT_CUSTOM_FIELD_CHOICE);
  g_autoptr(CltCustomField) doubled = make_custom_field ("tier", "Tier", CLT_CUSTOM_FIELD_CHOICE);
  g_autoptr(CltCustomField) number = make_custom_field ("points", "Points", CLT_CUSTOM_FIELD_NUMBER);
  CltCustomField *bad[] = { none, doubled, number };

  clt_custom_field_set_choices (doubled, twice);
  clt_custom_field_set_choices (number, some);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CltCustomField) refused = sync_save_custom_field (fixture->store, bad[i], NULL,
                                                                  &error);

      g_assert_null (refused);
      assert_store_error (error, CLT_STORE_ERROR_INVALID, "choices");
    }
}

/* }}} */

/* Sorting and filtering {{{ */

static void
add_sorting_customers (CltStore *store)
{
  static const char * const tiers[] = { "Gold", "Silver", NULL };
  g_autoptr(CltCustomField) points = add_custom_field (store, "points", "Points",
                                                       CLT_CUSTOM_FIELD_NUMBER);
  g_autoptr(CltCustomField) nick = add_custom_field (store, "nick", "Nickname",
                                                     CLT_CUSTOM_FIELD_STRING);
  g_autoptr(CltCustomField) vip = add_custom_field (store, "vip", "VIP", CLT_CUSTOM_FIELD_BOOLEAN);
  g_autoptr(CltCustomField) since = add_custom_field (store, "since", "Since",
                                                      CLT_CUSTOM_FIELD_DATE);
  g_autoptr(CltCustomField) tier = add_choice_field (store, "tier", tiers);
  g_autoptr(CltCustomer) a = NULL;
  g_autoptr(CltCustomer) b = NULL;
  g_autoptr(CltCustomer) c = NULL;
  g_autoptr(CltCustomer) d = NULL;
  g_autoptr(CltCustomer) e = NULL;

  a = customer_with (store, "Anna", "points", g_variant_new_double (30),
                     "nick", g_variant_new_string ("Ännchen"), "vip", g_variant_new_boolean (TRUE),
                     "since", g_variant_new_string ("2019-05-01"),
                     "tier", g_variant_new_string ("Gold"), NULL);
  b = customer_with (store, "Bert", "points", g_variant_new_double (-5.5),
                     "nick", g_variant_new_string ("bertie"), "vip", g_variant_new_boolean (FALSE),
                     "since", g_variant_new_string ("2021-01-15"),
                     "tier", g_variant_new_string ("Silver"), NULL);
  c = customer_with (store, "Cleo", "points", g_variant_new_double (100),
                     "nick", g_variant_new_string ("Anni"), "vip", g_variant_new_boolean (TRUE),
                     "since", g_variant_new_string ("2020-12-31"), NULL);
  d = customer_with (store, "Dora", NULL);
  e = customer_with (store, "Emil", "points", g_variant_new_double (7), NULL);
}

static void
test_sort_by_field (StoreFixture  *fixture,
                    gconstpointer  data)
{
  struct {
    const char       *key;
    CltSortDirection  direction;
    const char       *expected;
  } cases[] = {
    /* Numbers as numbers; customers without a value last either way. */
    { "points", CLT_SORT_ASCENDING, "Bert Emil Anna Cleo Dora" },
    { "points", CLT_SORT_DESCENDING, "Cleo Anna Emil Bert Dora" },
    /* Text ignoring case and accents. */
    { "nick", CLT_SORT_ASCENDING, "Anna Cleo Bert" },
    { "since", CLT_SORT_DESCENDING, "Bert Cleo Anna" },
    { "vip", CLT_SORT_ASCENDING, "Bert" },
    { "tier", CLT_SORT_ASCENDING, "Anna Bert" },
  };

  add_sorting_customers (fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CltQuery) query = clt_query_new ();

      clt_query_set_sort_field (query, cases[i].key);
      clt_query_set_sort_direction (query, cases[i].direction);
      /* Pages of 1 and 2 cross from the values to the customers without. */
      for (guint page_size = 1; page_size <= 5; page_size += 1)
        {
          g_autofree char *names = names_of (fixture->store, query, page_size);

          g_test_message ("%s, pages of %u", cases[i].key, page_size);
          g_assert_true (g_str_has_prefix (names, cases[i].expected));
          g_assert_cmpuint (strlen (names), ==, strlen ("Anna Bert Cleo Dora Emil"));
        }
    }
}

static void
test_filter_by_field (StoreFixture  *fixture,
                      gconstpointer  data)
{
  struct {
    const char    *key;
    CltFieldMatch  match;
    const char    *value;
    const char    *expected;
  } cases[] = {
    { "points", CLT_FIELD_MATCH_AT_LEAST, "7", "Anna Cleo Emil" },
    { "points", CLT_FIELD_MATCH_AT_MOST, "7", "Bert Emil" },
    { "points", CLT_FIELD_MATCH_EQUALS, "-5.5", "Bert" },
    { "vip", CLT_FIELD_MATCH_EQUALS, "true", "Anna Cleo" },
    { "vip", CLT_FIELD_MATCH_EQUALS, "false", "Bert" },
    { "tier", CLT_FIELD_MATCH_EQUALS, "gold", "Anna" },
    { "nick", CLT_FIELD_MATCH_PREFIX, "ann", "Anna Cleo" },
    { "nick", CLT_FIELD_MATCH_EQUALS, "ANNCHEN", "Anna" },
    { "since", CLT_FIELD_MATCH_AT_LEAST, "2020-06-01", "Bert Cleo" },
    /* The last day is in. */
    { "since", CLT_FIELD_MATCH_AT_MOST, "2020-12-31", "Anna Cleo" },
    { "tier", CLT_FIELD_MATCH_EQUALS, "Silver", "Bert" },
    { "since", CLT_FIELD_MATCH_PREFIX, "2019", "Anna" },
  };

  add_sorting_customers (fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CltQuery) query = clt_query_new ();
      g_autofree char *names = NULL;
      guint count = 0;

      clt_query_set_sort_key (query, CLT_SORT_KEY_FIRST_NAME);
      clt_query_add_field_filter (query, cases[i].key, cases[i].match, cases[i].value);
      names = names_of (fixture->store, query, 2);
      g_test_message ("%s %d %s", cases[i].key, cases[i].match, cases[i].value);
      g_assert_cmpstr (names, ==, cases[i].expected);
      g_assert_true (sync_count_customers (fixture->store, query, &count, NULL));
      {
        g_auto(GStrv) words = g_strsplit (names, " ", -1);

        g_assert_cmpuint (count, ==, names[0] != '\0' ? g_strv_length (words) : 0);
      }
    }

  /* A range: both bounds on one field, each included (the table's
   * filter puts a number's or a date's "at least" and "at most" so). */
  {
    struct {
      const char *key;
      const char *low;
      const char *high;
      const char *expected;
    } ranges[] = {
      { "since", "2020-01-01", "2021-01-15", "Bert Cleo" },
      { "since", "2019-05-01", "2019-05-01", "Anna" },
      { "points", "-5.5", "30", "Anna Bert Emil" },
      { "points", "31", "99.5", "" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
      {
        g_autoptr(CltQuery) query = clt_query_new ();
        g_autofree char *names = NULL;

        clt_query_set_sort_key (query, CLT_SORT_KEY_FIRST_NAME);
        clt_query_add_field_filter (query, ranges[i].key, CLT_FIELD_MATCH_AT_LEAST, ranges[i].low);
        clt_query_add_field_filter (query, ranges[i].key, CLT_FIELD_MATCH_AT_MOST, ranges[i].high);
        names = names_of (fixture->store, query, 2);
        g_test_message ("%s %s to %s", ranges[i].key, ranges[i].low, ranges[i].high);
        g_assert_cmpstr (names, ==, ranges[i].expected);
      }
  }

  /* Sorted by the filtered field itself: in its order, pages of one to
   * three crossing the last value (no customer without one matches). */
  {
    struct {
      CltSortDirection  direction;
      const char       *expected;
    } own[] = {
      { CLT_SORT_ASCENDING, "Emil Anna Cleo" },
      { CLT_SORT_DESCENDING, "Cleo Anna Emil" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (own); i++)
      for (guint page_size = 1; page_size <= 3; page_size++)
        {
          g_autoptr(CltQuery) query = clt_query_new ();
          g_autofree char *names = NULL;

          clt_query_add_field_filter (query, "points", CLT_FIELD_MATCH_AT_LEAST, "7");
          clt_query_set_sort_field (query, "points");
          clt_query_set_sort_direction (query, own[i].direction);
          names = names_of (fixture->store, query, page_size);
          g_assert_cmpstr (names, ==, own[i].expected);
        }
  }

  /* Two filters together, sorted by a third field. */
  {
    g_autoptr(CltQuery) query = clt_query_new ();
    g_autofree char *names = NULL;

    clt_query_add_field_filter (query, "vip", CLT_FIELD_MATCH_EQUALS, "yes");
    clt_query_add_field_filter (query, "points", CLT_FIELD_MATCH_AT_LEAST, "50");
    clt_query_set_sort_field (query, "since");
    names = names_of (fixture->store, query, 10);
    g_assert_cmpstr (names, ==, "Cleo");
  }
}

static void
test_filter_by_field_invalid (StoreFixture  *fixture,
                              gconstpointer  data)
{
  struct {
    const char    *key;
    CltFieldMatch  match;
    const char    *value;
  } cases[] = {
    { "ghost", CLT_FIELD_MATCH_EQUALS, "x" },
    { "points", CLT_FIELD_MATCH_AT_LEAST, "lots" },
    { "points", CLT_FIELD_MATCH_PREFIX, "1" },
    { "vip", CLT_FIELD_MATCH_EQUALS, "maybe" },
    { "since", CLT_FIELD_MATCH_AT_LEAST, "yesterday" },
  };

  add_sorting_customers (fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CltQuery) query = clt_query_new ();
      g_autoptr(GPtrArray) customers = NULL;
      g_autoptr(GError) error = NULL;

      clt_query_add_field_filter (query, cases[i].key, cases[i].match, cases[i].value);
      customers = sync_list_customers (fixture->store, query, 0, 10, CLT_LIST_FLAGS_NONE, NULL,
                                       &error);
      g_test_message ("%s %s", cases[i].key, cases[i].value);
      g_assert_null (customers);
      g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
    }

  {
    g_autoptr(CltQuery) query = clt_query_new ();
    g_autoptr(GPtrArray) customers = NULL;
    g_autoptr(GError) error = NULL;

    clt_query_set_sort_field (query, "ghost");
    customers = sync_list_customers (fixture->store, query, 0, 10, CLT_LIST_FLAGS_NONE, NULL,
                                     &error);
    g_assert_null (customers);
    g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
  }
}

/* Deleting a field {{{ */

/* Whether any of @customers has a value of @key. */
static gboolean
any_value_of (GPtrArray  *customers,
              const char *key)
{
  for (guint i = 0; i < customers->len; i++)
    {
      GVariant *values = clt_customer_get_custom_fields (g_ptr_array_index (customers, i));
      g_autoptr(GVariant) value = values != NULL ? g_variant_lookup_value (values, key, NULL) : NULL;

      if (value != NULL)
        return TRUE;
    }

  return FALSE;
}

/* The field @key and its values are gone from every read: the list of
 * fields, a customer, the list's rows (every customer: @n_customers),
 * filtering and sorting by it. */
static void
assert_field_gone (CltStore   *store,
                   const char *key,
                   const char *customer_id,
                   guint       n_customers)
{
  g_autoptr(GPtrArray) fields = sync_list_custom_fields (store, NULL);
  g_autoptr(CltCustomer) read = sync_get_customer (store, customer_id, NULL);
  g_autoptr(CltQuery) all = clt_query_new ();
  g_autoptr(GPtrArray) rows = list_all (store, all, 2);
  GVariant *values = clt_customer_get_custom_fields (read);
  g_autoptr(GVariant) value = values != NULL ? g_variant_lookup_value (values, key, NULL) : NULL;

  for (guint i = 0; i < fields->len; i++)
    g_assert_cmpstr (clt_custom_field_get_key (g_ptr_array_index (fields, i)), !=, key);
  g_assert_null (value);
  g_assert_cmpuint (rows->len, ==, n_customers);
  g_assert_false (any_value_of (rows, key));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CltQuery) query = clt_query_new ();
      g_autoptr(GPtrArray) customers = NULL;
      g_autoptr(GError) error = NULL;

      if (i == 0)
        clt_query_add_field_filter (query, key, CLT_FIELD_MATCH_AT_LEAST, "0");
      else
        clt_query_set_sort_field (query, key);
      customers = sync_list_customers (store, query, 0, 10, CLT_LIST_FLAGS_NONE, NULL, &error);
      g_assert_null (customers);
      g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
    }
}

/* Creates the number field @key once the store lets it: while the values
 * of a deleted field of that key are being purged, a create is refused,
 * naming the key. */
static CltCustomField *
add_field_once_purged (CltStore   *store,
                       const char *key,
                       guint      *n_refused)
{
  g_autoptr(CltCustomField) field = make_custom_field (key, "Points again",
                                                       CLT_CUSTOM_FIELD_NUMBER);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  *n_refused = 0;
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) error = NULL;
      CltCustomField *stored = sync_save_custom_field (store, field, NULL, &error);

      if (stored != NULL)
        return stored;
      assert_store_error (error, CLT_STORE_ERROR_CONFLICT, "key");
      (*n_refused)++;
      spin_main_loop (50);
    }

  g_assert_not_reached ();
}

static void
test_delete_field_values (StoreFixture  *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(CltQuery) by_name = clt_query_new ();
  g_autoptr(CltCustomer) anna = NULL;
  g_autoptr(CltCustomer) edit = NULL;
  g_autoptr(CltCustomer) saved = NULL;
  g_autoptr(CltCustomField) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) nick = NULL;
  gint64 version = 0;
  guint n_refused = 0;

  add_sorting_customers (fixture->store);
  fields = sync_list_custom_fields (fixture->store, NULL);
  for (guint i = 0; i < fields->len; i++)
    if (g_str_equal (clt_custom_field_get_key (g_ptr_array_index (fields, i)), "points"))
      version = clt_custom_field_get_version (g_ptr_array_index (fields, i));
  clt_query_set_sort_key (by_name, CLT_SORT_KEY_FIRST_NAME);
  before = list_all (fixture->store, by_name, 10);
  anna = g_object_ref (g_ptr_array_index (before, 0));
  g_assert_cmpstr (clt_customer_get_first_name (anna), ==, "Anna");
  g_assert_true (any_value_of (before, "points"));

  g_assert_true (sync_delete_custom_field (fixture->store, "points", version, &error));
  g_assert_no_error (error);

  /* Gone at once, purged or not. */
  assert_field_gone (fixture->store, "points", clt_customer_get_id (anna), 5);

  /* An edit begun before the delete, still holding the field's value,
   * saves the rest while the purge runs; once the field is gone for good
   * its value is refused as that of any unknown field (the purge may be
   * over already: it runs in the background). */
  edit = clt_customer_copy (anna);
  clt_customer_set_last_name (edit, "Edited");
  saved = sync_update_customer (fixture->store, edit, &error);
  if (saved == NULL)
    {
      assert_store_error (error, CLT_STORE_ERROR_INVALID, "custom-fields.points");
      g_clear_error (&error);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpstr (clt_customer_get_last_name (saved), ==, "Edited");
      nick = g_variant_lookup_value (clt_customer_get_custom_fields (saved), "nick", NULL);
      g_assert_cmpstr (g_variant_get_string (nick, NULL), ==, "Ännchen");
    }
  assert_field_gone (fixture->store, "points", clt_customer_get_id (anna), 5);

  /* The key can be taken again once the old values are gone; the new
   * field starts empty. */
  again = add_field_once_purged (fixture->store, "points", &n_refused);
  g_test_message ("a create of the key was refused %u times", n_refused);
  {
    g_autoptr(CltCustomer) read = sync_get_customer (fixture->store, clt_customer_get_id (anna),
                                                     NULL);
    g_autoptr(CltQuery) all = clt_query_new ();
    g_autoptr(CltQuery) filtered = clt_query_new ();
    g_autoptr(GPtrArray) rows = list_all (fixture->store, all, 2);
    GVariant *values = clt_customer_get_custom_fields (read);
    g_autoptr(GVariant) value = values != NULL ? g_variant_lookup_value (values, "points", NULL)
                                               : NULL;
    g_autofree char *names = NULL;

    g_assert_null (value);
    g_assert_false (any_value_of (rows, "points"));
    clt_query_add_field_filter (filtered, "points", CLT_FIELD_MATCH_AT_LEAST, "-100");
    names = names_of (fixture->store, filtered, 2);
    g_assert_cmpstr (names, ==, "");
    g_assert_cmpuint (count_matches (fixture->store, NULL), ==, 5);
  }
}

/* }}} */

void
register_field_cases (const StoreFactory *factory)
{
  STORE_TEST ("/clt/store/custom-fields/values-round-trip", test_values_round_trip);
  STORE_TEST ("/clt/store/custom-fields/values-wrong-type", test_values_wrong_type);
  STORE_TEST ("/clt/store/custom-fields/choice-definition", test_choice_definition);
  STORE_TEST ("/clt/store/custom-fields/sort", test_sort_by_field);
  STORE_TEST ("/clt/store/custom-fields/filter", test_filter_by_field);
  STORE_TEST ("/clt/store/custom-fields/filter-invalid", test_filter_by_field_invalid);
  STORE_TEST ("/clt/store/custom-fields/delete-values", test_delete_field_values);
}
