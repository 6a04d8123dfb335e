/* test-customer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "clt-address.h"
#include "clt-customer.h"
#include "clt-enum-types.h"
#include "clt-order.h"
#include "clt-shop-preferences.h"

/* Counts "notify" emissions per property name. */
typedef struct
{
  GHashTable *counts;
  guint       total;
} NotifyLog;

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              NotifyLog  *log)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, pspec->name));

  g_hash_table_insert (log->counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
  log->total++;
}

static void
notify_log_init (NotifyLog *log,
                 gpointer   object)
{
  log->counts = g_hash_table_new (g_str_hash, g_str_equal);
  log->total = 0;
  g_signal_connect (object, "notify", G_CALLBACK (on_notify_cb), log);
}

static void
notify_log_reset (NotifyLog *log)
{
  g_hash_table_remove_all (log->counts);
  log->total = 0;
}

static guint
notify_log_count (NotifyLog  *log,
                  const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, name));
}

static void
notify_log_clear (NotifyLog *log,
                  gpointer   object)
{
  g_signal_handlers_disconnect_by_func (object, on_notify_cb, log);
  g_clear_pointer (&log->counts, g_hash_table_unref);
}

static GDateTime *
utc (int year,
     int month,
     int day)
{
  return g_date_time_new_utc (year, month, day, 12, 0, 0);
}

/* A customer with every field set to something other than the default. */
static CltCustomer *
make_full_customer (void)
{
  CltCustomer *customer = clt_customer_new ();
  const char *groups[] = { "b2b", "vip", NULL };
  const char *roles[] = { "buyer", NULL };
  g_autoptr(GDateTime) registered = utc (2021, 3, 4);
  g_autoptr(GDateTime) updated = utc (2022, 5, 6);
  g_autoptr(GDateTime) last_login = utc (2023, 7, 8);
  g_autoptr(GDateTime) anonymized = utc (2024, 9, 10);
  g_auto(GVariantDict) fields = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&fields, "newsletter", "b", TRUE);
  g_variant_dict_insert (&fields, "shoe_size", "d", 42.5);

  g_object_set (customer,
                "loaded", TRUE,
                "id", "C-1",
                "number", "CUST-7F3K",
                "email", "anna@example.org",
                "salutation", "Ms",
                "title", "Dr.",
                "first-name", "Anna",
                "middle-name", "Maria",
                "last-name", "Müller",
                "gender", CLT_GENDER_FEMALE,
                "date-of-birth", "1980-02-29",
                "phone", "+49 30 123456",
                "company", "Müller GmbH",
                "locale", "de_DE",
                "currency", "EUR",
                "preferred-site", "de",
                "restriction", "no-invoice",
                "active", TRUE,
                "on-hold", FALSE,
                "verified", TRUE,
                "registered", registered,
                "updated", updated,
                "last-login", last_login,
                "anonymized-at", anonymized,
                "default-billing-address", "A-1",
                "default-shipping-address", "A-2",
                "zip-code", "10115",
                "city", "Berlin",
                "country", "DE",
                "groups", groups,
                "company-id", "ACME",
                "business-unit", "Purchasing",
                "roles", roles,
                "custom-fields", g_variant_dict_end (&fields),
                "version", (gint64) 7,
                NULL);

  return customer;
}

/* Compares every readable property of two objects of the same class. */
static void
assert_same_properties (GObject *a,
                        GObject *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;
      GType type = pspecs[i]->value_type;

      g_object_get_property (a, pspecs[i]->name, &va);
      g_object_get_property (b, pspecs[i]->name, &vb);

      if (type == G_TYPE_STRV)
        g_assert_true (g_strv_equal (g_value_get_boxed (&va), g_value_get_boxed (&vb)));
      else if (type == G_TYPE_DATE_TIME)
        {
          GDateTime *da = g_value_get_boxed (&va);
          GDateTime *db = g_value_get_boxed (&vb);

          g_assert_true ((da == NULL) == (db == NULL));
          if (da != NULL)
            g_assert_true (g_date_time_equal (da, db));
        }
      else if (type == G_TYPE_VARIANT)
        {
          GVariant *xa = g_value_get_variant (&va);
          GVariant *xb = g_value_get_variant (&vb);

          g_assert_true ((xa == NULL) == (xb == NULL));
          if (xa != NULL)
            g_assert_true (g_variant_equal (xa, xb));
        }
      else
        {
          if (g_param_values_cmp (pspecs[i], &va, &vb) != 0)
            g_error ("property “%s” differs", pspecs[i]->name);
        }
    }
}

static void
test_customer_defaults (void)
{
  g_autoptr(CltCustomer) customer = clt_customer_new ();
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_assert_false (clt_customer_get_loaded (customer));
  g_assert_false (clt_customer_get_active (customer));
  g_assert_false (clt_customer_get_on_hold (customer));
  g_assert_cmpint (clt_customer_get_status (customer), ==, CLT_CUSTOMER_STATUS_INACTIVE);
  g_assert_cmpint (clt_customer_get_gender (customer), ==, CLT_GENDER_UNSPECIFIED);
  g_assert_cmpint (clt_customer_get_version (customer), ==, 0);
  g_assert_null (clt_customer_get_registered (customer));
  g_assert_null (clt_customer_get_custom_fields (customer));
  g_assert_nonnull (clt_customer_get_groups (customer));
  g_assert_null (clt_customer_get_groups (customer)[0]);
  g_assert_nonnull (clt_customer_get_roles (customer));
  g_assert_null (clt_customer_get_roles (customer)[0]);

  /* Every string reads as "", never NULL, through the getters and GValue. */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (customer), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_autofree char *value = NULL;

      if (pspecs[i]->value_type != G_TYPE_STRING)
        continue;

      g_object_get (customer, pspecs[i]->name, &value, NULL);
      g_assert_cmpstr (value, ==, "");
    }
  g_assert_cmpstr (clt_customer_get_email (customer), ==, "");
  g_assert_cmpstr (clt_customer_get_last_name (customer), ==, "");
}

static void
test_customer_properties (void)
{
  g_autoptr(CltCustomer) customer = clt_customer_new ();
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;
  guint n_strings = 0;

  /* Each string property stores its own value, independent of the others. */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (customer), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_autofree char *value = NULL;

      if (pspecs[i]->value_type != G_TYPE_STRING)
        continue;

      g_assert_true (pspecs[i]->flags & G_PARAM_EXPLICIT_NOTIFY);
      value = g_strdup_printf ("value of %s", pspecs[i]->name);
      g_object_set (customer, pspecs[i]->name, value, NULL);
      n_strings++;
    }
  g_assert_cmpuint (n_strings, ==, 22);

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_autofree char *expected = NULL;
      g_autofree char *value = NULL;

      if (pspecs[i]->value_type != G_TYPE_STRING)
        continue;

      expected = g_strdup_printf ("value of %s", pspecs[i]->name);
      g_object_get (customer, pspecs[i]->name, &value, NULL);
      g_assert_cmpstr (value, ==, expected);
    }

  g_assert_cmpstr (clt_customer_get_zip_code (customer), ==, "value of zip-code");
  g_assert_cmpstr (clt_customer_get_preferred_site (customer), ==, "value of preferred-site");
  g_assert_cmpstr (clt_customer_get_default_shipping_address (customer), ==,
                   "value of default-shipping-address");

  /* NULL stores "". */
  clt_customer_set_city (customer, NULL);
  g_assert_cmpstr (clt_customer_get_city (customer), ==, "");

  {
    g_autoptr(CltCustomer) full = make_full_customer ();
    GVariant *fields = clt_customer_get_custom_fields (full);
    gboolean newsletter = FALSE;

    g_assert_cmpstr (clt_customer_get_last_name (full), ==, "Müller");
    g_assert_cmpint (clt_customer_get_gender (full), ==, CLT_GENDER_FEMALE);
    g_assert_cmpint (clt_customer_get_version (full), ==, 7);
    g_assert_cmpstr (clt_customer_get_groups (full)[1], ==, "vip");
    g_assert_cmpstr (clt_customer_get_roles (full)[0], ==, "buyer");
    g_assert_cmpint (g_date_time_get_year (clt_customer_get_last_login (full)), ==, 2023);
    g_assert_nonnull (fields);
    g_assert_true (g_variant_lookup (fields, "newsletter", "b", &newsletter));
    g_assert_true (newsletter);
  }
}

static void
test_customer_notify (void)
{
  g_autoptr(CltCustomer) customer = clt_customer_new ();
  g_autoptr(GDateTime) date1 = utc (2020, 1, 2);
  g_autoptr(GDateTime) date2 = utc (2020, 1, 2);
  g_autoptr(GDateTime) date3 = utc (2020, 1, 3);
  const char *groups1[] = { "a", "b", NULL };
  const char *groups2[] = { "a", "b", NULL };
  const char *empty[] = { NULL };
  NotifyLog log;

  notify_log_init (&log, customer);

  clt_customer_set_email (customer, "x@example.org");
  clt_customer_set_email (customer, "x@example.org");
  g_assert_cmpuint (notify_log_count (&log, "email"), ==, 1);

  /* "" and NULL are the same value. */
  clt_customer_set_phone (customer, "");
  clt_customer_set_phone (customer, NULL);
  g_assert_cmpuint (notify_log_count (&log, "phone"), ==, 0);

  /* Equal dates in distinct objects are the same value. */
  clt_customer_set_registered (customer, date1);
  clt_customer_set_registered (customer, date2);
  g_assert_cmpuint (notify_log_count (&log, "registered"), ==, 1);
  clt_customer_set_registered (customer, date3);
  g_assert_cmpuint (notify_log_count (&log, "registered"), ==, 2);
  clt_customer_set_registered (customer, NULL);
  clt_customer_set_registered (customer, NULL);
  g_assert_cmpuint (notify_log_count (&log, "registered"), ==, 3);

  clt_customer_set_groups (customer, groups1);
  clt_customer_set_groups (customer, groups2);
  g_assert_cmpuint (notify_log_count (&log, "groups"), ==, 1);
  clt_customer_set_groups (customer, empty);
  clt_customer_set_groups (customer, NULL);
  g_assert_cmpuint (notify_log_count (&log, "groups"), ==, 2);

  clt_customer_set_custom_fields (customer, g_variant_new_parsed ("{'a': <1>}"));
  clt_customer_set_custom_fields (customer, g_variant_new_parsed ("{'a': <1>}"));
  g_assert_cmpuint (notify_log_count (&log, "custom-fields"), ==, 1);

  clt_customer_set_gender (customer, CLT_GENDER_DIVERSE);
  clt_customer_set_gender (customer, CLT_GENDER_DIVERSE);
  g_assert_cmpuint (notify_log_count (&log, "gender"), ==, 1);

  clt_customer_set_version (customer, 3);
  clt_customer_set_version (customer, 3);
  g_assert_cmpuint (notify_log_count (&log, "version"), ==, 1);

  /* g_object_set () goes through the same path. */
  g_object_set (customer, "email", "x@example.org", NULL);
  g_assert_cmpuint (notify_log_count (&log, "email"), ==, 1);
  g_object_set (customer, "email", "y@example.org", NULL);
  g_assert_cmpuint (notify_log_count (&log, "email"), ==, 2);

  g_assert_cmpuint (log.total, ==, 10);

  notify_log_clear (&log, customer);
}

static void
test_customer_status (void)
{
  g_autoptr(CltCustomer) customer = clt_customer_new ();
  GParamSpec *pspec;
  CltCustomerStatus status;
  NotifyLog log;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (customer), "status");
  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_READABLE);
  g_assert_false (pspec->flags & G_PARAM_WRITABLE);
  g_assert_true (pspec->value_type == CLT_TYPE_CUSTOMER_STATUS);

  notify_log_init (&log, customer);

  clt_customer_set_active (customer, TRUE);
  g_assert_cmpint (clt_customer_get_status (customer), ==, CLT_CUSTOMER_STATUS_ACTIVE);
  g_assert_cmpuint (notify_log_count (&log, "status"), ==, 1);

  /* On hold wins over active. */
  clt_customer_set_on_hold (customer, TRUE);
  g_assert_cmpint (clt_customer_get_status (customer), ==, CLT_CUSTOMER_STATUS_ON_HOLD);
  g_assert_cmpuint (notify_log_count (&log, "status"), ==, 2);

  /* Deactivating while on hold leaves the status as it is: no notify. */
  clt_customer_set_active (customer, FALSE);
  g_assert_cmpint (clt_customer_get_status (customer), ==, CLT_CUSTOMER_STATUS_ON_HOLD);
  g_assert_cmpuint (notify_log_count (&log, "status"), ==, 2);
  g_assert_cmpuint (notify_log_count (&log, "active"), ==, 2);

  clt_customer_set_on_hold (customer, FALSE);
  g_assert_cmpint (clt_customer_get_status (customer), ==, CLT_CUSTOMER_STATUS_INACTIVE);
  g_assert_cmpuint (notify_log_count (&log, "status"), ==, 3);

  g_object_get (customer, "status", &status, NULL);
  g_assert_cmpint (status, ==, CLT_CUSTOMER_STATUS_INACTIVE);

  /* Any non-zero gboolean is TRUE; setting it again is no change. */
  clt_customer_set_active (customer, 2);
  clt_customer_set_active (customer, TRUE);
  g_assert_cmpuint (notify_log_count (&log, "active"), ==, 3);

  notify_log_clear (&log, customer);
}

static void
test_customer_update_from (void)
{
  g_autoptr(CltCustomer) source = make_full_customer ();
  g_autoptr(CltCustomer) placeholder = clt_customer_new ();
  g_autoptr(GDateTime) same_registered = utc (2021, 3, 4);
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;
  NotifyLog log;

  /* Two fields already equal: they must not be notified. */
  clt_customer_set_id (placeholder, "C-1");
  clt_customer_set_registered (placeholder, same_registered);

  notify_log_init (&log, placeholder);
  clt_customer_update_from (placeholder, source);

  assert_same_properties (G_OBJECT (placeholder), G_OBJECT (source));
  g_assert_true (clt_customer_get_loaded (placeholder));

  g_assert_cmpuint (notify_log_count (&log, "id"), ==, 0);
  g_assert_cmpuint (notify_log_count (&log, "registered"), ==, 0);
  /* "on-hold" is FALSE in both. */
  g_assert_cmpuint (notify_log_count (&log, "on-hold"), ==, 0);

  /* Every other property changed and is notified exactly once, "status"
   * included (inactive → active). */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (placeholder), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      const char *name = pspecs[i]->name;

      if (g_str_equal (name, "id") || g_str_equal (name, "registered") ||
          g_str_equal (name, "on-hold"))
        continue;

      if (notify_log_count (&log, name) != 1)
        g_error ("“%s” notified %u times", name, notify_log_count (&log, name));
    }
  g_assert_cmpuint (log.total, ==, n_pspecs - 3);

  /* Filling again from an equal source changes nothing. */
  notify_log_reset (&log);
  {
    g_autoptr(CltCustomer) again = make_full_customer ();

    clt_customer_update_from (placeholder, again);
  }
  g_assert_cmpuint (log.total, ==, 0);

  /* One changed field, one notification. */
  clt_customer_set_city (source, "Hamburg");
  clt_customer_update_from (placeholder, source);
  g_assert_cmpuint (log.total, ==, 1);
  g_assert_cmpuint (notify_log_count (&log, "city"), ==, 1);

  notify_log_clear (&log, placeholder);
}

static void
on_changed_cb (CltCustomer *customer,
               guint       *n_changed)
{
  /* After the notifications: a handler sees the customer as it is now. */
  g_assert_cmpstr (clt_customer_get_city (customer), ==, "Hamburg");
  (*n_changed)++;
}

/* "changed" comes once for a whole fill (the ~35 notifications of
 * clt_customer_update_from ()), once per property a setter changes,
 * never when nothing changed. */
static void
test_customer_changed (void)
{
  g_autoptr(CltCustomer) source = make_full_customer ();
  g_autoptr(CltCustomer) placeholder = clt_customer_new ();
  guint n_changed = 0;

  clt_customer_set_city (source, "Hamburg");
  g_signal_connect (placeholder, "changed", G_CALLBACK (on_changed_cb), &n_changed);

  clt_customer_update_from (placeholder, source);
  g_assert_cmpuint (n_changed, ==, 1);

  /* Filling again from an equal source changes nothing. */
  clt_customer_update_from (placeholder, source);
  g_assert_cmpuint (n_changed, ==, 1);

  clt_customer_set_email (placeholder, "new@example.com");
  g_assert_cmpuint (n_changed, ==, 2);
  clt_customer_set_email (placeholder, "new@example.com");
  g_assert_cmpuint (n_changed, ==, 2);

  /* Through GObject too. */
  g_object_set (placeholder, "first-name", "Ann", "last-name", "Lee", NULL);
  g_assert_cmpuint (n_changed, ==, 4);

  g_signal_handlers_disconnect_by_func (placeholder, on_changed_cb, &n_changed);
}

static void
test_customer_copy (void)
{
  g_autoptr(CltCustomer) customer = make_full_customer ();
  g_autoptr(CltCustomer) copy = NULL;
  g_autoptr(CltAddress) address = clt_address_new ();
  g_autoptr(CltOrder) order = clt_order_new ();
  GPtrArray *addresses;

  clt_address_set_city (address, "Berlin");
  clt_order_set_reference (order, "O-1");
  g_ptr_array_add (clt_customer_get_import_addresses (customer), g_object_ref (address));
  g_ptr_array_add (clt_customer_get_import_orders (customer), g_object_ref (order));

  copy = clt_customer_copy (customer);
  g_assert_true (copy != customer);
  assert_same_properties (G_OBJECT (copy), G_OBJECT (customer));

  /* The copy is independent. */
  clt_customer_set_email (copy, "other@example.org");
  g_assert_cmpstr (clt_customer_get_email (customer), ==, "anna@example.org");

  /* Import data is copied deeply. */
  addresses = clt_customer_get_import_addresses (copy);
  g_assert_cmpuint (addresses->len, ==, 1);
  g_assert_true (g_ptr_array_index (addresses, 0) != (gpointer) address);
  g_assert_cmpstr (clt_address_get_city (g_ptr_array_index (addresses, 0)), ==, "Berlin");
  g_assert_cmpuint (clt_customer_get_import_orders (copy)->len, ==, 1);
  g_assert_cmpstr (clt_order_get_reference (g_ptr_array_index (clt_customer_get_import_orders (copy), 0)),
                   ==, "O-1");

  g_assert_finalize_object (g_steal_pointer (&copy));
}

static void
test_customer_full_name (void)
{
  g_autoptr(CltCustomer) customer = clt_customer_new ();
  g_autofree char *empty = NULL;
  g_autofree char *two = NULL;
  g_autofree char *three = NULL;

  empty = clt_customer_dup_full_name (customer);
  g_assert_cmpstr (empty, ==, "");

  clt_customer_set_first_name (customer, "Anna");
  clt_customer_set_last_name (customer, " Müller ");
  two = clt_customer_dup_full_name (customer);
  g_assert_cmpstr (two, ==, "Anna Müller");

  clt_customer_set_middle_name (customer, "Maria");
  three = clt_customer_dup_full_name (customer);
  g_assert_cmpstr (three, ==, "Anna Maria Müller");
}

static void
test_customer_dates_utc (void)
{
  g_autoptr(CltCustomer) customer = clt_customer_new ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) local = g_date_time_new (zone, 2024, 6, 1, 14, 0, 0);
  GDateTime *stored;

  clt_customer_set_updated (customer, local);
  stored = clt_customer_get_updated (customer);
  g_assert_nonnull (stored);
  g_assert_cmpint (g_date_time_get_utc_offset (stored), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (stored), ==, 12);
  g_assert_true (g_date_time_equal (stored, local));
}

static void
test_address_summary (void)
{
  g_autoptr(CltAddress) address = clt_address_new ();
  g_autoptr(CltAddress) copy = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *full = NULL;
  g_autofree char *no_zip = NULL;
  g_autofree char *unknown = NULL;

  empty = clt_address_dup_summary (address);
  g_assert_cmpstr (empty, ==, "");

  clt_address_set_address1 (address, "Street 1");
  clt_address_set_zip_code (address, "12345");
  clt_address_set_city (address, "City");
  clt_address_set_country (address, "DE");
  full = clt_address_dup_summary (address);
  g_assert_cmpstr (full, ==, "Street 1, 12345 City, Germany");

  clt_address_set_zip_code (address, NULL);
  no_zip = clt_address_dup_summary (address);
  g_assert_cmpstr (no_zip, ==, "Street 1, City, Germany");

  /* A code the country list does not know is shown as it is. */
  clt_address_set_country (address, "XK");
  unknown = clt_address_dup_summary (address);
  g_assert_cmpstr (unknown, ==, "Street 1, City, XK");
  clt_address_set_country (address, "DE");

  clt_address_set_version (address, 4);
  copy = clt_address_copy (address);
  assert_same_properties (G_OBJECT (copy), G_OBJECT (address));
  g_assert_cmpint (clt_address_get_version (copy), ==, 4);
}

/* The country in the summary is named in the user's language. */
static void
test_address_summary_translated (void)
{
  g_autoptr(CltAddress) address = clt_address_new ();
  g_autofree char *summary = NULL;
  g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));

  g_assert_nonnull (g_getenv ("CLT_LOCALEDIR"));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CLT_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "de", TRUE);
  /* gettext reads LANGUAGE again after a locale change. */
  setlocale (LC_ALL, "");

  clt_address_set_city (address, "Wien");
  clt_address_set_country (address, "AT");
  summary = clt_address_dup_summary (address);

  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");

  g_assert_cmpstr (summary, ==, "Wien, Österreich");
}

static void
test_shop_preferences_defaults (void)
{
  g_autoptr(CltShopPreferences) preferences = clt_shop_preferences_new ();
  g_autoptr(CltShopPreferences) copy = NULL;
  NotifyLog log;

  g_assert_cmpstr (clt_shop_preferences_get_shop_name (preferences), ==, "");
  g_assert_cmpstr (clt_shop_preferences_get_default_currency (preferences), ==, "EUR");
  g_assert_cmpstr (clt_shop_preferences_get_default_locale (preferences), ==, "en_US");
  g_assert_cmpstr (clt_shop_preferences_get_customer_number_prefix (preferences), ==, "CUST-");
  g_assert_true (clt_shop_preferences_get_customer_active_on_creation (preferences));
  g_assert_false (clt_shop_preferences_get_customer_on_hold_on_creation (preferences));

  notify_log_init (&log, preferences);
  clt_shop_preferences_set_default_currency (preferences, "EUR");
  g_assert_cmpuint (log.total, ==, 0);
  clt_shop_preferences_set_default_currency (preferences, "CHF");
  g_assert_cmpuint (notify_log_count (&log, "default-currency"), ==, 1);
  notify_log_clear (&log, preferences);

  copy = clt_shop_preferences_copy (preferences);
  assert_same_properties (G_OBJECT (copy), G_OBJECT (preferences));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/customer/defaults", test_customer_defaults);
  g_test_add_func ("/clt/customer/properties", test_customer_properties);
  g_test_add_func ("/clt/customer/notify", test_customer_notify);
  g_test_add_func ("/clt/customer/status", test_customer_status);
  g_test_add_func ("/clt/customer/update-from", test_customer_update_from);
  g_test_add_func ("/clt/customer/changed", test_customer_changed);
  g_test_add_func ("/clt/customer/copy", test_customer_copy);
  g_test_add_func ("/clt/customer/full-name", test_customer_full_name);
  g_test_add_func ("/clt/customer/dates-utc", test_customer_dates_utc);
  g_test_add_func ("/clt/address/summary", test_address_summary);
  g_test_add_func ("/clt/address/summary-translated", test_address_summary_translated);
  g_test_add_func ("/clt/shop-preferences/defaults", test_shop_preferences_defaults);

  return g_test_run ();
}
