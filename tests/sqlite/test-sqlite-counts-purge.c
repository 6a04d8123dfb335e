/* test-sqlite-counts-purge.c — a deleted custom field's values purged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Schema version 12: deleting a custom field marks it, and the upkeep
 * deletes its values in batches; the counts of test-sqlite-counts.c stay
 * exact through it.
 */

#define G_LOG_DOMAIN "test-sqlite-counts"

#include "config.h"

#include <string.h>

#include "clt-sql-store-internal.h"

#include "sqlite-store-util.h"
#include "sqlite-test-util.h"
#include "sqlite-write-util.h"
#include "test-sqlite-counts-private.h"

/* Whether the first row of the list (by number) has a value of @key. */
static gboolean
first_row_has (CltSqliteStore *store,
               const char     *key)
{
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(CltCustomer) row = row_at (store, query, 0);
  GVariant *values = clt_customer_get_custom_fields (row);
  g_autoptr(GVariant) value = values != NULL ? g_variant_lookup_value (values, key, NULL) : NULL;

  return value != NULL;
}

/* Deleting a field purges its values in batches, each a transaction of
 * its own, after the field has left every read; a store that closes (or
 * crashes) before the end leaves the purge to the next one, which goes
 * on; the counts are exact once it is over, and the key is free again
 * only then. */
void
test_counts_field_purge (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const gold[] = { "gold", NULL };
  static const char * const none[] = { NULL };
  CltSqliteStore *store = open_store (fixture->path);
  CltStore *s = CLT_STORE (store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CltCustomer) stale = NULL;
  g_autoptr(CltCustomer) edit = NULL;
  g_autoptr(CltCustomer) saved = NULL;
  g_autoptr(CltCustomField) again = clt_custom_field_new ();
  g_autoptr(CltCustomField) refused = NULL;
  g_autoptr(GVariant) flag = NULL;
  g_autoptr(GVariant) score = NULL;
  g_autofree char *first = NULL;

  save_field (s, "score", CLT_CUSTOM_FIELD_NUMBER);
  save_field (s, "flag", CLT_CUSTOM_FIELD_BOOLEAN);
  save_group (s, "gold");
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *email = g_strdup_printf ("c%02u@example.com", i);
      g_autofree char *id = create_with (s, email, "Purge",
                                         field_values (i, NULL, i % 3 != 0 ? "yes" : "no"),
                                         i % 2 != 0 ? gold : none);

      if (first == NULL)
        first = g_steal_pointer (&id);
    }
  stale = get (s, first, &error);
  g_assert_no_error (error);
  g_assert_true (first_row_has (store, "flag"));
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM customer_group_field_counts"
                                               " WHERE field_key = 'flag'"), >, 0);

  /* One value per batch: the store closes long before the last. */
  sql_set_field_purge_batch (1);
  clt_store_delete_custom_field_async (s, "flag", 1, NULL, on_result_cb, &result);
  g_assert_true (clt_store_delete_custom_field_finish (s, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  close_store (store);
  g_assert_cmpint (query_int64 (fixture->path, "SELECT purging FROM custom_fields"
                                               " WHERE key = 'flag'"), ==, 1);
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM customer_field_values"
                                               " WHERE field_key = 'flag'"), >, 30);

  store = open_store (fixture->path);
  s = CLT_STORE (store);

  /* Gone from reads before the purge is over. */
  g_assert_false (first_row_has (store, "flag"));
  g_assert_cmpuint (count_field (store, "score", CLT_FIELD_MATCH_AT_LEAST, "0"), ==, 40);

  /* The key is not free yet: values under it are still being deleted. */
  clt_custom_field_set_key (again, "flag");
  clt_custom_field_set_label (again, "Flag again");
  clt_custom_field_set_field_type (again, CLT_CUSTOM_FIELD_BOOLEAN);
  clt_store_save_custom_field_async (s, again, NULL, NULL, on_result_cb, &result);
  refused = clt_store_save_custom_field_finish (s, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_null (refused);
  assert_conflict (error, "key");
  g_assert_nonnull (strstr (error->message, "still being removed"));
  g_clear_error (&error);

  /* A write while the purge runs goes through; an edit begun before the
   * delete keeps its other values and drops the deleted field's. */
  edit = clt_customer_copy (stale);
  clt_customer_set_last_name (edit, "Edited");
  saved = update (s, edit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_last_name (saved), ==, "Edited");
  flag = g_variant_lookup_value (clt_customer_get_custom_fields (saved), "flag", NULL);
  score = g_variant_lookup_value (clt_customer_get_custom_fields (saved), "score", NULL);
  g_assert_null (flag);
  g_assert_nonnull (score);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM customer_field_values v"
                                            " JOIN customers c ON c.pk = v.customer_pk"
                                            " WHERE c.id = '%s' AND v.field_key = 'flag'", first);

    /* Not written again for the purge to delete. */
    g_assert_cmpint (query_int64 (fixture->path, sql), ==, 0);
  }

  /* An import with a value of it fails, naming the field. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(CltImportReport) report = NULL;

    g_ptr_array_add (rows, customer_with ("late@example.com", "Late", field_values (1, NULL, "yes"),
                                          none));
    report = import_report (store, rows, &error);
    g_assert_null (report);
    assert_invalid (error, "custom-fields.flag");
    g_clear_error (&error);
  }

  wait_purged (fixture->path);
  assert_counts_exact (fixture->path);
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM custom_fields"
                                               " WHERE key = 'flag'"), ==, 0);
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM customer_field_values"
                                               " WHERE field_key = 'flag'"), ==, 0);
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM customer_field_counts"
                                               " WHERE field_key = 'flag'"), ==, 0);
  g_assert_cmpint (query_int64 (fixture->path, "SELECT count(*) FROM customer_group_field_counts"
                                               " WHERE field_key = 'flag'"), ==, 0);

  /* Taken again, the key starts without values. */
  save_field (s, "flag", CLT_CUSTOM_FIELD_BOOLEAN);
  g_assert_false (first_row_has (store, "flag"));
  g_assert_cmpuint (count_field (store, "flag", CLT_FIELD_MATCH_EQUALS, "yes"), ==, 0);
  g_assert_cmpuint (count_field (store, "flag", CLT_FIELD_MATCH_EQUALS, "no"), ==, 0);
  g_assert_cmpuint (count_field (store, "score", CLT_FIELD_MATCH_AT_LEAST, "0"), ==, 40);

  sql_set_field_purge_batch (0);
  close_store (store);
}
