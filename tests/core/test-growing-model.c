/* test-growing-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "clt-growing-model.h"

#define FIRST_STEP 4
#define STEP       3
#define LIMIT      12

/* What a view would hold: the growing model's items, kept by applying
 * every items-changed, and the signals themselves. */
typedef struct
{
  GPtrArray *mirror;
  GArray    *changes;   /* guint triples: position, removed, added */
  guint      complete_notifies;
} Watcher;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Watcher    *watcher)
{
  guint change[3] = { position, removed, added };

  g_assert_cmpuint (position + removed, <=, watcher->mirror->len);
  g_ptr_array_remove_range (watcher->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (watcher->mirror, position + i, g_list_model_get_item (model, position + i));
  g_assert_cmpuint (watcher->mirror->len, ==, g_list_model_get_n_items (model));
  g_array_append_vals (watcher->changes, change, 3);
}

static void
on_complete_notify_cb (GObject    *object,
                       GParamSpec *pspec,
                       Watcher    *watcher)
{
  watcher->complete_notifies++;
}

static GListStore *
store_new (guint n)
{
  GListStore *store = g_list_store_new (G_TYPE_OBJECT);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

      g_list_store_append (store, item);
    }

  return store;
}

static void
store_add (GListStore *store,
           guint       position,
           guint       n)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_object_new (G_TYPE_OBJECT, NULL));
  g_list_store_splice (store, position, 0, items->pdata, items->len);
}

static CltGrowingModel *
growing_new (GListStore *store,
             Watcher    *watcher)
{
  CltGrowingModel *growing = clt_growing_model_new (G_LIST_MODEL (store), FIRST_STEP, STEP, LIMIT);

  watcher->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  watcher->changes = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (growing)); i++)
    g_ptr_array_add (watcher->mirror, g_list_model_get_item (G_LIST_MODEL (growing), i));
  g_signal_connect (growing, "items-changed", G_CALLBACK (on_items_changed_cb), watcher);
  g_signal_connect (growing, "notify::complete", G_CALLBACK (on_complete_notify_cb), watcher);

  return growing;
}

static void
watcher_clear (Watcher *watcher)
{
  g_clear_pointer (&watcher->mirror, g_ptr_array_unref);
  g_clear_pointer (&watcher->changes, g_array_unref);
}

/* The view's items are the store's first items, the very objects. */
static void
assert_prefix (Watcher    *watcher,
               GListStore *store)
{
  g_assert_cmpuint (watcher->mirror->len, <=, g_list_model_get_n_items (G_LIST_MODEL (store)));
  for (guint i = 0; i < watcher->mirror->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_true (g_ptr_array_index (watcher->mirror, i) == item);
    }
}

static void
assert_change (Watcher *watcher,
               guint    index,
               guint    position,
               guint    removed,
               guint    added)
{
  g_assert_cmpuint (watcher->changes->len, >, index * 3 + 2);
  g_assert_cmpuint (g_array_index (watcher->changes, guint, index * 3), ==, position);
  g_assert_cmpuint (g_array_index (watcher->changes, guint, index * 3 + 1), ==, removed);
  g_assert_cmpuint (g_array_index (watcher->changes, guint, index * 3 + 2), ==, added);
}

/* From empty to many: the first step at once, then a step per call up
 * to the limit, and everything after it in one. */
static void
test_grows_in_steps (void)
{
  g_autoptr(GListStore) store = store_new (0);
  Watcher watcher = { 0 };
  g_autoptr(CltGrowingModel) growing = growing_new (store, &watcher);

  g_assert_true (clt_growing_model_get_complete (growing));
  g_assert_false (clt_growing_model_step (growing));

  store_add (store, 0, 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (growing)), ==, FIRST_STEP);
  g_assert_false (clt_growing_model_get_complete (growing));
  g_assert_cmpuint (watcher.complete_notifies, ==, 1);
  assert_change (&watcher, 0, 0, 0, FIRST_STEP);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (growing), FIRST_STEP));

  g_assert_true (clt_growing_model_step (growing));
  assert_change (&watcher, 1, FIRST_STEP, 0, STEP);
  g_assert_true (clt_growing_model_step (growing));
  assert_change (&watcher, 2, FIRST_STEP + STEP, 0, STEP);
  /* 10 shown; 10 + 3 passes the limit: the rest at once. */
  g_assert_false (clt_growing_model_step (growing));
  assert_change (&watcher, 3, FIRST_STEP + 2 * STEP, 0, 100 - FIRST_STEP - 2 * STEP);
  g_assert_true (clt_growing_model_get_complete (growing));
  g_assert_cmpuint (watcher.complete_notifies, ==, 2);
  assert_prefix (&watcher, store);
  g_assert_cmpuint (watcher.mirror->len, ==, 100);

  g_assert_false (clt_growing_model_step (growing));
  g_assert_cmpuint (watcher.changes->len, ==, 4 * 3);

  watcher_clear (&watcher);
}

/* Shrinking and changes inside the prefix pass at once; a list past the
 * limit grows at once; a few rows growing again start with a step. */
static void
test_passes_changes (void)
{
  g_autoptr(GListStore) store = store_new (50);
  Watcher watcher = { 0 };
  g_autoptr(CltGrowingModel) growing = growing_new (store, &watcher);

  /* Made over a long list: the first step, then the rest. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (growing)), ==, FIRST_STEP);
  g_assert_false (clt_growing_model_get_complete (growing));
  while (clt_growing_model_step (growing))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (growing)), ==, 50);
  g_assert_true (clt_growing_model_get_complete (growing));
  g_array_set_size (watcher.changes, 0);

  /* A row replaced inside. */
  g_list_store_remove (store, 7);
  assert_change (&watcher, 0, 7, 1, 0);
  store_add (store, 7, 1);
  assert_change (&watcher, 1, 7, 0, 1);
  assert_prefix (&watcher, store);

  /* Past the limit: more rows at once. */
  store_add (store, 50, 30);
  assert_change (&watcher, 2, 50, 0, 30);
  g_assert_true (clt_growing_model_get_complete (growing));

  /* Shrinking to two rows, at once. */
  g_list_store_splice (store, 2, 78, NULL, 0);
  assert_change (&watcher, 3, 2, 78, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (growing)), ==, 2);

  /* Growing from two rows: the first step, then the rest by steps. */
  store_add (store, 2, 40);
  assert_change (&watcher, 4, 2, 0, FIRST_STEP - 2);
  g_assert_false (clt_growing_model_get_complete (growing));
  assert_prefix (&watcher, store);

  /* A change while growing, inside the prefix and past it. */
  g_list_store_remove (store, 0);
  assert_change (&watcher, 5, 0, 1, 0);
  assert_change (&watcher, 6, 3, 0, 1);
  store_add (store, 30, 5);
  g_assert_cmpuint (watcher.changes->len, ==, 7 * 3);
  assert_prefix (&watcher, store);

  /* Everything shown removed and replaced by more: as many as before. */
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (growing)), ==, 0);
  g_assert_true (clt_growing_model_get_complete (growing));

  while (clt_growing_model_step (growing))
    ;
  assert_prefix (&watcher, store);

  watcher_clear (&watcher);
}

/* With hold-empty, an emptied model keeps its prefix (a view hidden
 * meanwhile keeps its rows); rows back at their places are signalled
 * as the difference at the end only. A held position asked for gives a
 * placeholder, and then the whole prefix is replaced on release. */
static void
test_holds_empty (void)
{
  g_autoptr(GListStore) store = store_new (50);
  Watcher watcher = { 0 };
  g_autoptr(CltGrowingModel) growing = growing_new (store, &watcher);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GObject) placeholder = NULL;

  clt_growing_model_set_hold_empty (growing, TRUE);
  while (clt_growing_model_step (growing))
    ;
  g_array_set_size (watcher.changes, 0);
  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (kept, g_list_model_get_item (G_LIST_MODEL (store), i));

  /* Emptied: nothing goes out. */
  g_list_store_remove_all (store);
  g_assert_cmpuint (watcher.changes->len, ==, 0);
  g_assert_true (clt_growing_model_get_holding (growing));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (growing)), ==, 50);
  g_assert_true (clt_growing_model_get_complete (growing));
  g_assert_false (clt_growing_model_step (growing));

  /* The first rows back, the same objects: the rest goes. */
  g_list_store_splice (store, 0, 0, kept->pdata, kept->len);
  g_assert_false (clt_growing_model_get_holding (growing));
  g_assert_cmpuint (watcher.changes->len, ==, 3);
  assert_change (&watcher, 0, 20, 30, 0);
  assert_prefix (&watcher, store);
  g_assert_true (clt_growing_model_get_complete (growing));

  /* Emptied again, and a held position asked for. */
  g_list_store_remove_all (store);
  placeholder = g_list_model_get_item (G_LIST_MODEL (growing), 3);
  g_assert_nonnull (placeholder);
  g_assert_true (G_OBJECT_TYPE (placeholder) == G_TYPE_OBJECT);
  g_assert_false (g_ptr_array_find (kept, placeholder, NULL));
  store_add (store, 0, 10);
  assert_change (&watcher, 1, 0, 20, 10);
  assert_prefix (&watcher, store);

  watcher_clear (&watcher);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clt/growing-model/grows-in-steps", test_grows_in_steps);
  g_test_add_func ("/clt/growing-model/passes-changes", test_passes_changes);
  g_test_add_func ("/clt/growing-model/holds-empty", test_holds_empty);

  return g_test_run ();
}
