/* test-sqlite-trust.c — what makes the SQLite store trustworthy: a write
 * reports success only after COMMIT, files Clientele did not make are
 * refused, bulk loads run only the store's own SQL, and files are private.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sqlite-trust"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "clt-customer.h"
#include "clt-import-report.h"
#include "clt-query.h"
#include "clt-sqlite-store.h"
#include "clt-sqlite-store-private.h"

#include "sqlite-test-util.h"
#include "sqlite-write-util.h"

typedef StoreFixture Fixture;

/* A COMMIT that fails (a full disk, an I/O error) must reach the caller as
 * an error, and the change must not be there. */
static void
test_commit_failure_reported (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = new_customer ("anna@example.org", "Anna", "Berg");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltCustomer) failed = NULL;
  g_autoptr(CltCustomer) edited = NULL;
  g_autoptr(CltCustomer) reread = NULL;
  g_autoptr(GError) error = NULL;

  clt_sqlite_store_fail_commits_for_testing (fixture->store, 1);
  failed = create (STORE (fixture), customer, NULL, FALSE, &error);
  g_assert_null (failed);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (count_matching (STORE (fixture), ""), ==, 0);

  /* The next commit works again: the same customer can be created. */
  stored = create (STORE (fixture), customer, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_matching (STORE (fixture), ""), ==, 1);

  edited = clt_customer_copy (stored);
  clt_customer_set_last_name (edited, "Bergmann");
  clt_sqlite_store_fail_commits_for_testing (fixture->store, 1);
  g_assert_null (update (STORE (fixture), edited, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED);
  g_clear_error (&error);

  reread = get (STORE (fixture), clt_customer_get_id (stored), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_last_name (reread), ==, "Berg");
  g_assert_cmpint (clt_customer_get_version (reread), ==, clt_customer_get_version (stored));
}

static void
make_store_file (Fixture *fixture)
{
  g_autoptr(CltCustomer) customer = new_customer ("jo@example.org", "Jo", "Lind");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;

  stored = create (STORE (fixture), customer, NULL, FALSE, &error);
  g_assert_no_error (error);
  close_store (g_steal_pointer (&fixture->store));
  exec_on_file (fixture->path, "PRAGMA journal_mode = DELETE;");
}

/* Anything in the schema that Clientele's migrations did not make refuses
 * the file, and the file stays as it was. */
static void
test_refuse_planted (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const planted[] = {
    /* Copies every customer before anonymization could scrub them. */
    "CREATE TABLE loot (email TEXT);"
    "CREATE TRIGGER steal AFTER UPDATE ON customers BEGIN"
    "  INSERT INTO loot VALUES (old.email); END;",
    "CREATE VIEW everyone AS SELECT email FROM customers;",
    "CREATE INDEX customers_by_phone ON customers (phone);",
    /* One of ours, changed. */
    "DROP INDEX customers_by_city; CREATE INDEX customers_by_city ON customers (city);",
    "DROP INDEX customers_by_zip;",
  };
  g_autofree char *pristine = g_build_filename (fixture->dir, "pristine.db", NULL);
  g_autoptr(GBytes) bytes = NULL;

  make_store_file (fixture);
  bytes = read_file (fixture->path);
  g_assert_true (g_file_set_contents (pristine, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));

  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    {
      g_test_message ("planted: %s", planted[i]);
      g_assert_true (g_file_set_contents (fixture->path, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), NULL));
      exec_on_file (fixture->path, planted[i]);
      assert_refused (fixture->path, CLT_SQLITE_ERROR_UNEXPECTED_SCHEMA, -1);
    }

  /* The untouched file still opens. */
  close_store (open_store (pristine));
}

/* Statistics that SQLite itself writes (PRAGMA optimize) are not foreign. */
static void
test_statistics_allowed (Fixture       *fixture,
                         gconstpointer  data)
{
  make_store_file (fixture);
  exec_on_file (fixture->path, "ANALYZE;");
  fixture->store = open_store (fixture->path);
  g_assert_cmpuint (count_matching (STORE (fixture), ""), ==, 1);
}

/* The store's connections run with trusted_schema off and defensive on:
 * nothing in the file's schema can call a function with side effects, and
 * the schema cannot be rewritten through writable_schema. */
static void
test_connections_hardened (Fixture       *fixture,
                           gconstpointer  data)
{
  sqlite3 *db = fixture->store->write_db;
  int value = -1;
  char *errmsg = NULL;

  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 1);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &value), ==,
                   SQLITE_OK);
  g_assert_cmpint (value, ==, 0);

  g_mutex_lock (&fixture->store->write_lock);
  sqlite3_exec (db, "PRAGMA writable_schema = ON", NULL, NULL, NULL);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE sqlite_schema SET sql = sql WHERE name = 'customers'",
                                 NULL, NULL, &errmsg), !=, SQLITE_OK);
  sqlite3_free (errmsg);
  g_mutex_unlock (&fixture->store->write_lock);

  for (guint i = 0; i < fixture->store->readers->len; i++)
    {
      Reader *reader = g_ptr_array_index (fixture->store->readers, i);

      g_assert_cmpint (sqlite3_db_config (reader->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &value),
                       ==, SQLITE_OK);
      g_assert_cmpint (value, ==, 0);
    }
}

static GPtrArray *
many_customers (guint n)
{
  GPtrArray *customers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *email = g_strdup_printf ("bulk%u@example.org", i);
      g_autofree char *id = g_strdup_printf ("bulk-%u", i);
      g_autofree char *number = g_strdup_printf ("B-%06u", i);
      CltCustomer *customer = new_customer (email, "Bulk", "Kunde");

      clt_customer_set_id (customer, id);
      clt_customer_set_number (customer, number);
      g_ptr_array_add (customers, customer);
    }

  return customers;
}

/* A bulk load drops and rebuilds indexes: from the store's own schema,
 * never from names or SQL found in the file. An index planted after the
 * file was opened (so that the open-time check could not see it), whose
 * name would smuggle an ATTACH into a DROP built from it, stays inert. */
static void
test_bulk_runs_own_sql (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *attached = g_build_filename (fixture->dir, "attached.db", NULL);
  g_autofree char *plant = NULL;
  g_autoptr(GPtrArray) customers = many_customers (CLT_STORE_MAX_IMPORT);
  g_autoptr(CltImportReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  plant = g_strdup_printf ("CREATE INDEX \"x\"\" ; ATTACH '%s' AS loot; --\" ON customers (phone);",
                           attached);
  exec_on_file (fixture->path, plant);

  /* Into an empty file: the bulk path, which drops and makes indexes. */
  clt_store_import_customers_async (CLT_STORE (fixture->store), customers, NULL, NULL,
                                    on_result_cb, &result);
  report = clt_store_import_customers_finish (CLT_STORE (fixture->store), wait_for (&result),
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clt_import_report_get_n_imported (report), ==, CLT_STORE_MAX_IMPORT);
  g_assert_cmpuint (count_matching (STORE (fixture), ""), ==, CLT_STORE_MAX_IMPORT);
  g_assert_false (g_file_test (attached, G_FILE_TEST_EXISTS));
}

static void
assert_private (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* Customers' personal data: the database and its -wal/-shm are readable
 * by their owner only, whatever the umask. */
static void
test_files_private (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "sub", "private.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(CltCustomer) customer = new_customer ("p@example.org", "Pia", "Ek");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;
  CltSqliteStore *store;
  mode_t old_umask = umask (022);

  store = open_store (path);
  stored = create (CLT_STORE (store), customer, NULL, FALSE, &error);
  g_assert_no_error (error);
  assert_private (path);
  assert_private (wal);
  assert_private (shm);
  close_store (store);
  umask (old_umask);
}

/* No secret at rest: a mail keeps its initial password and its link only
 * until it is handed to the mail app; then neither the outbox nor the file
 * has them. */
static void
test_outbox_keeps_no_secret (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = new_customer ("mailme@example.org", "Mai", "Lee");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  const char *password = "Zebra-Quokka-4711";

  stored = create (STORE (fixture), customer, password, TRUE, &error);
  g_assert_no_error (error);

  before = list_emails (STORE (fixture), clt_customer_get_id (stored));
  g_assert_cmpuint (before->len, >=, 2);
  g_assert_nonnull (strstr (clt_email_get_body (find_email (before, "initial-password")), password));
  for (guint i = 0; i < before->len; i++)
    {
      CltEmail *email = g_ptr_array_index (before, i);
      const char *token = strstr (clt_email_get_body (email), "token=");
      g_autoptr(GAsyncResult) result = NULL;

      if (token != NULL)
        g_ptr_array_add (tokens, g_strndup (token + strlen ("token="), 20));

      clt_store_set_email_state_async (STORE (fixture), clt_email_get_id (email),
                                       CLT_EMAIL_STATE_HANDED_OFF, NULL, on_result_cb, &result);
      g_assert_true (clt_store_set_email_state_finish (STORE (fixture), wait_for (&result), &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (tokens->len, >=, 2);

  after = list_emails (STORE (fixture), clt_customer_get_id (stored));
  for (guint i = 0; i < after->len; i++)
    {
      const char *body = clt_email_get_body (g_ptr_array_index (after, i));

      g_assert_null (strstr (body, password));
      g_assert_null (strstr (body, "token="));
      /* What the mail said otherwise stays, for the record. */
      g_assert_nonnull (strstr (body, "Mai"));
    }

  close_store (g_steal_pointer (&fixture->store));
  g_assert_false (file_contains (fixture->path, password));
  g_assert_false (file_contains (wal, password));
  for (guint i = 0; i < tokens->len; i++)
    {
      g_assert_false (file_contains (fixture->path, g_ptr_array_index (tokens, i)));
      g_assert_false (file_contains (wal, g_ptr_array_index (tokens, i)));
    }
}

/* A deletion the user confirmed survives the app dying during the undo
 * time: the next store to open the file finishes it once it is due. */
static void
test_deletion_survives_crash (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(CltCustomer) customer = new_customer ("gone@example.org", "Gwen", "Onderdonk");
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  gint64 deadline;

  clt_customer_set_id (customer, "gwen-onderdonk");
  stored = create (STORE (fixture), customer, NULL, FALSE, &error);
  g_assert_no_error (error);

  clt_store_delete_customer_async (STORE (fixture), "gwen-onderdonk",
                                   clt_customer_get_version (stored), 1, NULL, on_result_cb,
                                   &result);
  g_assert_true (clt_store_delete_customer_finish (STORE (fixture), wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  /* Hidden at once. */
  g_assert_cmpuint (count_matching (STORE (fixture), "onderdonk"), ==, 0);

  /* The app dies: nothing finishes the deletion now. */
  close_store (g_steal_pointer (&fixture->store));
  email = query_text (fixture->path, "SELECT email FROM customers WHERE id = ?", "gwen-onderdonk");
  g_assert_cmpstr (email, ==, "gone@example.org");
  g_clear_pointer (&email, g_free);

  g_usleep (1100 * 1000);
  fixture->store = open_store (fixture->path);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_clear_pointer (&email, g_free);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (20 * 1000);
      email = query_text (fixture->path, "SELECT email FROM customers WHERE number = ?",
                          clt_customer_get_number (stored));
    }
  while (!g_str_has_prefix (email, "deleted-") && g_get_monotonic_time () < deadline);

  g_assert_true (g_str_has_prefix (email, "deleted-"));
  /* The custom id was personal too. */
  g_clear_pointer (&email, g_free);
  email = query_text (fixture->path, "SELECT count(*) FROM customers WHERE id = ?",
                      "gwen-onderdonk");
  g_assert_cmpstr (email, ==, "0");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/clt/sqlite-trust/" path, Fixture, NULL, store_fixture_setup, func, \
              store_fixture_teardown)

  ADD ("commit-failure-reported", test_commit_failure_reported);
  ADD ("refuse-planted", test_refuse_planted);
  ADD ("statistics-allowed", test_statistics_allowed);
  ADD ("connections-hardened", test_connections_hardened);
  ADD ("bulk-runs-own-sql", test_bulk_runs_own_sql);
  ADD ("files-private", test_files_private);
  ADD ("outbox-keeps-no-secret", test_outbox_keeps_no_secret);
  ADD ("deletion-survives-crash", test_deletion_survives_crash);

#undef ADD

  return g_test_run ();
}
