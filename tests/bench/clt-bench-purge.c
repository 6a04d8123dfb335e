/* clt-bench-purge.c — what deleting a custom field costs everyone else
 * writing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "clt-bench-purge.h"
#include "clt-custom-field.h"
#include "clt-sqlite-store.h"

typedef struct
{
  const char *path;
  gint        stop;
  GArray     *waits;      /* double: ms from BEGIN IMMEDIATE to COMMIT */
} Probe;

/* Takes the write lock and lets it go at once, every 5 ms, recording how
 * long each took: what a writer in another process waits. */
static gpointer
probe_thread (gpointer user_data)
{
  Probe *probe = user_data;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (probe->path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    die ("probe: cannot open %s", probe->path);
  sqlite3_busy_timeout (db, 600000);

  while (!g_atomic_int_get (&probe->stop))
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        die ("probe: %s", sqlite3_errmsg (db));
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      ms = elapsed_ms (start);
      g_array_append_val (probe->waits, ms);
      g_usleep (5000);
    }

  sqlite3_close (db);
  return NULL;
}

/* The delete as the store made it before the purge: the customers with a
 * value get a new version, the field goes, its values by the cascade, in
 * one write transaction. */
typedef struct
{
  const char *path;
  const char *key;
} Single;

static gpointer
delete_single (gpointer user_data)
{
  Single *single = user_data;
  char *sql;
  sqlite3 *db = NULL;
  char *message = NULL;

  if (sqlite3_open_v2 (single->path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    die ("cannot open %s", single->path);
  sqlite3_busy_timeout (db, 600000);
  sql = sqlite3_mprintf ("PRAGMA foreign_keys = ON; BEGIN IMMEDIATE;"
                         "UPDATE customers SET version = version + 1, changed_by = 'bench',"
                         " updated = %lld WHERE pk IN"
                         " (SELECT customer_pk FROM customer_field_values WHERE field_key = %Q);"
                         "DELETE FROM custom_fields WHERE key = %Q;"
                         "COMMIT;",
                         (long long) g_get_real_time (), single->key, single->key);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    die ("the single delete failed: %s", message);
  sqlite3_free (sql);
  sqlite3_close (db);
  return NULL;
}

/* The edits made while the delete runs, one at a time. */
typedef struct
{
  GArray      *edits;     /* double: ms from the call to the result */
  CltCustomer *customer;  /* as last saved */
  gint64       start;
  gboolean     pending;
  guint        n_failed;
} Edits;

static void
on_edit_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Edits *edits = user_data;
  g_autoptr(GError) error = NULL;
  CltCustomer *saved;
  double ms = elapsed_ms (edits->start);

  g_array_append_val (edits->edits, ms);
  edits->pending = FALSE;
  saved = clt_store_update_customer_finish (CLT_STORE (source), result, &error);
  if (saved == NULL)
    {
      if (edits->n_failed++ == 0)
        g_printerr ("an edit failed after %.0f ms: %s\n", ms, error->message);
      return;
    }
  g_set_object (&edits->customer, saved);
  g_object_unref (saved);
}

static gboolean
field_exists (sqlite3    *db,
              const char *key)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM custom_fields WHERE key = ?", -1, &stmt, NULL)
      != SQLITE_OK)
    die ("%s", sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

void
bench_field_delete (const char *path,
                    const char *key,
                    gboolean    emulate_single)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CltSqliteStore) store = clt_sqlite_store_new (path, NULL, &error);
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(CltQuery) query = clt_query_new ();
  Edits edits = { g_array_new (FALSE, FALSE, sizeof (double)), NULL, 0, FALSE, 0 };
  Waiter waiter = { NULL, NULL };
  Probe probe = { path, 0, g_array_new (FALSE, FALSE, sizeof (double)) };
  Single single = { path, key };
  GThread *thread;
  GThread *single_thread = NULL;
  sqlite3 *db = NULL;
  gint64 version = -1;
  gint64 start;
  gint64 next_edit;
  guint n_edits = 0;

  if (store == NULL)
    die ("cannot open %s: %s", path, error->message);
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    die ("cannot open %s", path);
  sqlite3_busy_timeout (db, 600000);

  /* The upkeep runs on the default main context: everything waits there. */
  clt_store_list_custom_fields_async (CLT_STORE (store), NULL, on_ready_cb, &waiter);
  fields = clt_store_list_custom_fields_finish (CLT_STORE (store), wait_for_result (&waiter),
                                                &error);
  g_clear_object (&waiter.result);
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    if (g_str_equal (clt_custom_field_get_key (g_ptr_array_index (fields, i)), key))
      version = clt_custom_field_get_version (g_ptr_array_index (fields, i));
  if (version < 0)
    die ("there is no custom field %s", key);

  clt_store_list_customers_async (CLT_STORE (store), query, 0, 1, CLT_LIST_FLAGS_NONE, NULL,
                                  on_ready_cb, &waiter);
  {
    g_autoptr(GPtrArray) rows = clt_store_list_customers_finish (CLT_STORE (store),
                                                                 wait_for_result (&waiter),
                                                                 NULL, &error);

    if (rows == NULL || rows->len == 0)
      die ("no customer to edit");
    edits.customer = g_object_ref (g_ptr_array_index (rows, 0));
  }
  g_clear_object (&waiter.result);

  thread = g_thread_new ("probe", probe_thread, &probe);
  g_usleep (200000);

  start = g_get_monotonic_time ();
  if (emulate_single)
    {
      /* On a thread of its own, so that the store's edits wait meanwhile. */
      single_thread = g_thread_new ("single", delete_single, &single);
    }
  else
    {
      clt_store_delete_custom_field_async (CLT_STORE (store), key, version, NULL, on_ready_cb,
                                           &waiter);
      if (!clt_store_delete_custom_field_finish (CLT_STORE (store), wait_for_result (&waiter),
                                                 &error))
        die ("the delete failed: %s", error->message);
      g_clear_object (&waiter.result);
      print_metric ("field_delete_call_ms", elapsed_ms (start), "ms", 1);
    }

  /* Until the field's row is gone (its values with it or before it): an
   * edit of one customer (its phone; the deleted field's value still in
   * the copy) every 100 ms meanwhile, each timed from its call to its
   * result. */
  next_edit = g_get_monotonic_time ();
  while (field_exists (db, key) || edits.pending)
    {
      if (g_get_monotonic_time () >= next_edit && !edits.pending)
        {
          g_autoptr(CltCustomer) copy = clt_customer_copy (edits.customer);
          g_autofree char *phone = g_strdup_printf ("+49 30 %06u", n_edits);

          /* Its values go too: the deleted field's is refused once the
           * field is gone for good. */
          clt_customer_set_phone (copy, phone);
          clt_customer_set_custom_fields (copy, NULL);
          edits.start = g_get_monotonic_time ();
          edits.pending = TRUE;
          clt_store_update_customer_async (CLT_STORE (store), copy, NULL, on_edit_cb, &edits);
          n_edits++;
          next_edit = g_get_monotonic_time () + 100 * 1000;
        }
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
  if (single_thread != NULL)
    g_thread_join (single_thread);
  print_metric ("field_purge_total_ms", elapsed_ms (start), "ms", 1);

  g_atomic_int_set (&probe.stop, 1);
  g_thread_join (thread);
  print_metric ("probe_write_wait_ms_max", percentile (probe.waits, 100), "ms", probe.waits->len);
  print_metric ("probe_write_wait_ms_p99", percentile (probe.waits, 99), "ms", probe.waits->len);
  print_metric ("probe_write_wait_ms_p50", percentile (probe.waits, 50), "ms", probe.waits->len);
  print_metric ("edit_ms_max", percentile (edits.edits, 100), "ms", edits.edits->len);
  print_metric ("edit_ms_p50", percentile (edits.edits, 50), "ms", edits.edits->len);
  print_metric ("edits_failed", edits.n_failed, "", edits.edits->len);
  g_array_unref (probe.waits);
  g_array_unref (edits.edits);
  g_clear_object (&edits.customer);
  sqlite3_close (db);
}
