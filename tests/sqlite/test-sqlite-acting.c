/* test-sqlite-acting.c — the SQLite store acting for a user other than the
 * desktop's (clt_store_begin_acting_as (), what clientele-server does), and
 * its change log read through list_changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sqlite-acting"

#include "config.h"

#include "clt-backoffice-user.h"
#include "clt-note.h"
#include "clt-shop-preferences.h"
#include "clt-sqlite-store.h"

#include "sqlite-test-util.h"
#include "sqlite-write-util.h"

typedef StoreFixture Fixture;

static CltBackofficeUser *
make_user (const char *username,
           CltRole     role)
{
  CltBackofficeUser *user = clt_backoffice_user_new ();

  clt_backoffice_user_set_username (user, username);
  clt_backoffice_user_set_display_name (user, username);
  clt_backoffice_user_set_role (user, role);
  return user;
}

/* Starts the create while acting as @user and stops acting before it
 * completes: the store must have captured who acts when it started. */
static CltCustomer *
create_as (CltStore          *store,
           CltBackofficeUser *user,
           const char        *email,
           const char        *request_id,
           GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltCustomer) customer = new_customer (email, "Ada", "Lovelace");

  if (user != NULL)
    clt_store_begin_acting_as (user);
  clt_store_create_customer_async (store, customer, NULL, FALSE, request_id, NULL,
                                   on_result_cb, &result);
  if (user != NULL)
    clt_store_end_acting_as ();
  g_assert_null (clt_store_dup_acting_user ());

  return clt_store_create_customer_finish (store, wait_for (&result), error);
}

static void
test_role_from_actor (Fixture       *fixture,
                      gconstpointer  data)
{
  CltStore *store = STORE (fixture);
  g_autoptr(CltBackofficeUser) staff = make_user ("sam", CLT_ROLE_STAFF);
  g_autoptr(CltBackofficeUser) viewer = make_user ("vera", CLT_ROLE_VIEWER);
  g_autoptr(CltBackofficeUser) admin = make_user ("adam", CLT_ROLE_ADMIN);
  g_autoptr(CltCustomer) by_staff = NULL;
  g_autoptr(CltCustomer) by_viewer = NULL;
  g_autoptr(CltCustomer) by_local = NULL;
  g_autoptr(GError) error = NULL;

  /* The desktop user is a viewer: the actor's role counts, not theirs. */
  set_local_role (store, CLT_ROLE_VIEWER);

  by_local = create_as (store, NULL, "local@example.com", NULL, &error);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_PERMISSION_DENIED);
  g_assert_null (by_local);
  g_clear_error (&error);

  by_staff = create_as (store, staff, "staff@example.com", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (by_staff);

  /* And the other way round: an admin's file, a viewer acting. Only an
   * admin may make the desktop user one again. */
  clt_store_begin_acting_as (admin);
  set_local_role (store, CLT_ROLE_ADMIN);
  clt_store_end_acting_as ();
  by_viewer = create_as (store, viewer, "viewer@example.com", NULL, &error);
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_PERMISSION_DENIED);
  g_assert_null (by_viewer);
}

static void
test_author (Fixture       *fixture,
             gconstpointer  data)
{
  CltStore *store = STORE (fixture);
  g_autoptr(CltBackofficeUser) alice = make_user ("alice", CLT_ROLE_STAFF);
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltNote) note = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *changed_by = NULL;
  g_autofree char *logged_by = NULL;

  customer = create_as (store, alice, "ada@example.com", NULL, &error);
  g_assert_no_error (error);

  clt_store_begin_acting_as (alice);
  clt_store_add_note_async (store, clt_customer_get_id (customer), "Called back", NULL, NULL,
                            on_result_cb, &result);
  clt_store_end_acting_as ();
  note = clt_store_add_note_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_note_get_author (note), ==, "alice");

  changed_by = query_text (fixture->path, "SELECT changed_by FROM customers WHERE id = ?",
                           clt_customer_get_id (customer));
  g_assert_cmpstr (changed_by, ==, "alice");
  logged_by = query_text (fixture->path,
                          "SELECT group_concat (DISTINCT author) FROM change_log WHERE ?1 = ?1",
                          "x");
  g_assert_cmpstr (logged_by, ==, "alice");
}

static void
test_request_ids_per_author (Fixture       *fixture,
                             gconstpointer  data)
{
  CltStore *store = STORE (fixture);
  g_autoptr(CltBackofficeUser) alice = make_user ("alice", CLT_ROLE_STAFF);
  g_autoptr(CltBackofficeUser) bob = make_user ("bob", CLT_ROLE_STAFF);
  g_autoptr(CltCustomer) first = NULL;
  g_autoptr(CltCustomer) again = NULL;
  g_autoptr(CltCustomer) other = NULL;
  g_autoptr(GError) error = NULL;

  first = create_as (store, alice, "one@example.com", "request-1", &error);
  g_assert_no_error (error);
  again = create_as (store, alice, "one-again@example.com", "request-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_id (again), ==, clt_customer_get_id (first));

  /* Bob's request id is his own: the same string makes a new customer. */
  other = create_as (store, bob, "two@example.com", "request-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_customer_get_id (other), !=, clt_customer_get_id (first));
  g_assert_cmpstr (clt_customer_get_email (other), ==, "two@example.com");
}

static void
test_current_user (Fixture       *fixture,
                   gconstpointer  data)
{
  CltStore *store = STORE (fixture);
  g_autoptr(CltBackofficeUser) support = make_user ("sue", CLT_ROLE_SUPPORT);
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(CltBackofficeUser) local = NULL;
  g_autoptr(CltBackofficeUser) acting = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  clt_store_begin_acting_as (support);
  acting = clt_store_dup_acting_user ();
  g_assert_true (acting != support);
  g_assert_cmpstr (clt_backoffice_user_get_username (acting), ==, "sue");
  clt_store_get_current_user_async (store, NULL, on_result_cb, &result);
  clt_store_end_acting_as ();
  user = clt_store_get_current_user_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_backoffice_user_get_username (user), ==, "sue");
  g_assert_cmpint (clt_backoffice_user_get_role (user), ==, CLT_ROLE_SUPPORT);
  g_clear_object (&result);

  clt_store_get_current_user_async (store, NULL, on_result_cb, &result);
  local = clt_store_get_current_user_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clt_backoffice_user_get_username (local), ==, g_get_user_name ());
}

static GArray *
list_changes (CltStore *store,
              gint64    since,
              guint     limit,
              gint64   *last)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GArray *changes;

  clt_store_list_changes_async (store, since, limit, NULL, on_result_cb, &result);
  changes = clt_store_list_changes_finish (store, wait_for (&result), last, &error);
  g_assert_no_error (error);
  g_assert_nonnull (changes);
  return changes;
}

static void
test_list_changes (Fixture       *fixture,
                   gconstpointer  data)
{
  CltStore *store = STORE (fixture);
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) rest = NULL;
  g_autoptr(CltCustomer) one = NULL;
  g_autoptr(CltCustomer) two = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = -1;
  gint64 last = -1;
  gint64 first_last = -1;
  gint64 rest_last = -1;
  gboolean seen_one = FALSE;
  gboolean seen_two = FALSE;

  none = list_changes (store, 0, CLT_STORE_MAX_CHANGES, &start);
  g_assert_cmpint (start, >=, 0);

  one = create_ok (store, "one@example.com", "Ada", "One");
  two = create_ok (store, "two@example.com", "Bea", "Two");

  all = list_changes (store, start, CLT_STORE_MAX_CHANGES, &last);
  g_assert_cmpuint (all->len, >=, 2);
  for (guint i = 0; i < all->len; i++)
    {
      const CltChange *change = &g_array_index (all, CltChange, i);

      g_assert_cmpint (change->seq, >, start);
      if (i > 0)
        g_assert_cmpint (change->seq, >, g_array_index (all, CltChange, i - 1).seq);
      if (change->kind == CLT_CHANGE_CUSTOMER && g_strcmp0 (change->id, clt_customer_get_id (one)) == 0)
        seen_one = TRUE;
      if (change->kind == CLT_CHANGE_CUSTOMER && g_strcmp0 (change->id, clt_customer_get_id (two)) == 0)
        seen_two = TRUE;
    }
  g_assert_true (seen_one);
  g_assert_true (seen_two);
  g_assert_cmpint (last, ==, g_array_index (all, CltChange, all->len - 1).seq);

  /* A limit cuts the list short, and "last" says where to go on. */
  first = list_changes (store, start, 1, &first_last);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpint (first_last, ==, g_array_index (all, CltChange, 0).seq);
  rest = list_changes (store, first_last, CLT_STORE_MAX_CHANGES, &rest_last);
  g_assert_cmpuint (rest->len, ==, all->len - 1);
  g_assert_cmpint (rest_last, ==, last);

  /* Nothing new: an empty list and the same newest number. */
  g_clear_pointer (&none, g_array_unref);
  none = list_changes (store, last, 10, &rest_last);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpint (rest_last, ==, last);

  clt_store_list_changes_async (store, 0, 0, NULL, on_result_cb, &result);
  g_assert_null (clt_store_list_changes_finish (store, wait_for (&result), NULL, &error));
  g_assert_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/clt/sqlite-acting/" path, Fixture, NULL, store_fixture_setup, func, \
              store_fixture_teardown)

  ADD ("role-from-actor", test_role_from_actor);
  ADD ("author", test_author);
  ADD ("request-ids-per-author", test_request_ids_per_author);
  ADD ("current-user", test_current_user);
  ADD ("list-changes", test_list_changes);

#undef ADD

  return g_test_run ();
}
