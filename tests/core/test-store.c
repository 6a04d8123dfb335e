/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "clt-query.h"
#include "clt-site.h"
#include "clt-store.h"

/* A store that implements nothing but counting, to test the CltStore
 * wrappers themselves. */

#define TEST_TYPE_STORE (test_store_get_type ())

G_DECLARE_FINAL_TYPE (TestStore, test_store, TEST, STORE, GObject)

struct _TestStore
{
  GObject   parent_instance;

  guint     count;
  gboolean  read_only;
  CltQuery *last_query;
  CltListFlags last_flags;
};

static void test_store_iface_init (CltStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestStore, test_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CLT_TYPE_STORE, test_store_iface_init))

enum {
  PROP_0,
  PROP_READ_ONLY,
  PROP_LOCATION,
};

static void
test_store_list_customers (CltStore            *store,
                           CltQuery            *query,
                           guint                page_index,
                           guint                page_size,
                           CltListFlags         flags,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  TestStore *self = TEST_STORE (store);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, test_store_list_customers);

  g_set_object (&self->last_query, query);
  self->last_flags = flags;

  if (g_str_equal (clt_query_get_search_text (query), "unreachable"))
    g_task_return_new_error (task, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE,
                             "The server does not answer.");
  else
    g_task_return_pointer (task,
                           clt_customer_rows_new (g_ptr_array_new_with_free_func (g_object_unref),
                                                  (flags & CLT_LIST_FLAGS_WITH_TOTAL) != 0
                                                  ? self->count : CLT_TOTAL_UNKNOWN),
                           (GDestroyNotify) clt_customer_rows_free);
}

static void
test_store_iface_init (CltStoreInterface *iface)
{
  iface->list_customers = test_store_list_customers;
}

static void
test_store_finalize (GObject *object)
{
  TestStore *self = TEST_STORE (object);

  g_clear_object (&self->last_query);

  G_OBJECT_CLASS (test_store_parent_class)->finalize (object);
}

static void
test_store_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TestStore *self = TEST_STORE (object);

  switch (prop_id)
    {
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_LOCATION:
      g_value_set_string (value, "test://memory");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_store_class_init (TestStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = test_store_finalize;
  object_class->get_property = test_store_get_property;

  g_object_class_override_property (object_class, PROP_READ_ONLY, "read-only");
  g_object_class_override_property (object_class, PROP_LOCATION, "location");
}

static void
test_store_init (TestStore *self)
{
  self->count = 42;
  self->read_only = TRUE;
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
test_store_count (void)
{
  g_autoptr(TestStore) store = g_object_new (TEST_TYPE_STORE, NULL);
  g_autoptr(CltQuery) query = clt_query_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  guint n_customers = 0;
  gboolean ok;

  clt_store_count_customers_async (CLT_STORE (store), query, NULL, on_result_cb, &result);
  ok = clt_store_count_customers_finish (CLT_STORE (store), wait_for_result (&result),
                                         &n_customers, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (n_customers, ==, 42);
  g_assert_true (store->last_query == query);
  /* One call for a row and the total, as HTTP would do it. */
  g_assert_cmpint (store->last_flags, ==, CLT_LIST_FLAGS_WITH_TOTAL);
  g_clear_object (&result);

  /* Zero is a count, not an error. */
  store->count = 0;
  n_customers = 99;
  clt_store_count_customers_async (CLT_STORE (store), query, NULL, on_result_cb, &result);
  ok = clt_store_count_customers_finish (CLT_STORE (store), wait_for_result (&result),
                                         &n_customers, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (n_customers, ==, 0);
  g_clear_object (&result);

  /* A NULL query reaches the implementation as an unfiltered one. */
  store->count = 7;
  clt_store_count_customers_async (CLT_STORE (store), NULL, NULL, on_result_cb, &result);
  ok = clt_store_count_customers_finish (CLT_STORE (store), wait_for_result (&result),
                                         &n_customers, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (n_customers, ==, 7);
  g_assert_nonnull (store->last_query);
  g_assert_true (clt_query_is_unfiltered (store->last_query));
  g_clear_object (&result);

  /* Errors come through, and leave the count alone. */
  clt_query_set_search_text (query, "unreachable");
  n_customers = 99;
  clt_store_count_customers_async (CLT_STORE (store), query, NULL, on_result_cb, &result);
  ok = clt_store_count_customers_finish (CLT_STORE (store), wait_for_result (&result),
                                         &n_customers, &error);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE);
  g_assert_false (ok);
  g_assert_cmpuint (n_customers, ==, 99);
  g_clear_object (&result);
}

static void
test_store_not_supported (void)
{
  g_autoptr(TestStore) store = g_object_new (TEST_TYPE_STORE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(CltSite) site = clt_site_new ();
  g_autoptr(CltSite) saved = NULL;
  GAsyncResult *result = NULL;
  gboolean ok;

  clt_store_list_sites_async (CLT_STORE (store), NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (g_task_is_valid (result, store));
  g_assert_true (g_task_get_source_tag (G_TASK (result)) == clt_store_list_sites_async);
  sites = clt_store_list_sites_finish (CLT_STORE (store), result, &error);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SUPPORTED);
  g_assert_null (sites);
  g_clear_object (&result);
  g_clear_error (&error);

  clt_store_save_site_async (CLT_STORE (store), site, NULL, NULL, on_result_cb, &result);
  saved = clt_store_save_site_finish (CLT_STORE (store), wait_for_result (&result), &error);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SUPPORTED);
  g_assert_null (saved);
  g_clear_object (&result);
  g_clear_error (&error);

  clt_store_delete_customer_async (CLT_STORE (store), "C-1", 1, 0, NULL, on_result_cb, &result);
  ok = clt_store_delete_customer_finish (CLT_STORE (store), wait_for_result (&result), &error);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SUPPORTED);
  g_assert_false (ok);
  g_assert_true (g_task_get_source_tag (G_TASK (result)) == clt_store_delete_customer_async);
  g_clear_object (&result);
}

static void
test_store_properties (void)
{
  g_autoptr(TestStore) store = g_object_new (TEST_TYPE_STORE, NULL);
  g_autofree char *location = NULL;

  g_assert_true (clt_store_get_read_only (CLT_STORE (store)));
  store->read_only = FALSE;
  g_assert_false (clt_store_get_read_only (CLT_STORE (store)));

  location = clt_store_dup_location (CLT_STORE (store));
  g_assert_cmpstr (location, ==, "test://memory");
}

typedef struct
{
  guint      n_emissions;
  GThread   *thread;
  GPtrArray *customer_ids;
  GArray    *kinds;
} ChangedLog;

static void
changed_log_init (ChangedLog *log)
{
  log->n_emissions = 0;
  log->thread = NULL;
  log->customer_ids = g_ptr_array_new_with_free_func (g_free);
  log->kinds = g_array_new (FALSE, FALSE, sizeof (CltChangeKind));
}

static void
on_changed_cb (CltStore      *store,
               CltChangeKind  kind,
               const char    *customer_id,
               ChangedLog    *log)
{
  g_array_append_val (log->kinds, kind);
  log->n_emissions++;
  if (log->thread != NULL)
    g_assert_true (log->thread == g_thread_self ());
  log->thread = g_thread_self ();
  g_ptr_array_add (log->customer_ids, g_strdup (customer_id));
}

static gpointer
emit_from_thread (gpointer data)
{
  CltStore *store = data;

  clt_store_emit_changed (store, CLT_CHANGE_NOTE, "C-7");
  clt_store_emit_changed (store, CLT_CHANGE_CUSTOMERS, NULL);
  return NULL;
}

static void
test_store_changed_from_thread (void)
{
  g_autoptr(TestStore) store = g_object_new (TEST_TYPE_STORE, NULL);
  ChangedLog log;
  GThread *thread;

  changed_log_init (&log);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &log);

  thread = g_thread_new ("emitter", emit_from_thread, store);
  g_thread_join (thread);

  /* Queued on the main context, not emitted on the worker. */
  g_assert_cmpuint (log.n_emissions, ==, 0);

  while (log.n_emissions < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (log.thread == g_thread_self ());
  g_assert_cmpstr (g_ptr_array_index (log.customer_ids, 0), ==, "C-7");
  g_assert_cmpint (g_array_index (log.kinds, CltChangeKind, 0), ==, CLT_CHANGE_NOTE);
  g_assert_null (g_ptr_array_index (log.customer_ids, 1));
  g_assert_cmpint (g_array_index (log.kinds, CltChangeKind, 1), ==, CLT_CHANGE_CUSTOMERS);

  /* Nothing else was queued. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (log.n_emissions, ==, 2);

  g_signal_handlers_disconnect_by_func (store, on_changed_cb, &log);
  g_ptr_array_unref (log.customer_ids);
  g_array_unref (log.kinds);
}

static void
test_store_changed_on_owner (void)
{
  g_autoptr(TestStore) store = g_object_new (TEST_TYPE_STORE, NULL);
  ChangedLog log;

  changed_log_init (&log);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &log);

  /* The thread that runs the main context gets the signal at once. */
  g_assert_true (g_main_context_acquire (NULL));
  clt_store_emit_changed (CLT_STORE (store), CLT_CHANGE_CUSTOMER, "C-1");
  g_main_context_release (NULL);

  g_assert_cmpuint (log.n_emissions, ==, 1);
  g_assert_true (log.thread == g_thread_self ());
  g_assert_cmpstr (g_ptr_array_index (log.customer_ids, 0), ==, "C-1");

  g_signal_handlers_disconnect_by_func (store, on_changed_cb, &log);
  g_ptr_array_unref (log.customer_ids);
  g_array_unref (log.kinds);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/store/count", test_store_count);
  g_test_add_func ("/clt/store/not-supported", test_store_not_supported);
  g_test_add_func ("/clt/store/properties", test_store_properties);
  g_test_add_func ("/clt/store/changed-from-thread", test_store_changed_from_thread);
  g_test_add_func ("/clt/store/changed-on-owner", test_store_changed_on_owner);

  return g_test_run ();
}
