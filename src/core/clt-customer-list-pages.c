/* clt-customer-list-pages.c: the page cache of CltCustomerList: rows,
 * pages, page requests, eviction, fills and the swap to a new generation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-customer-list"

#include "config.h"

#include "clt-customer-list-private.h"
#include "clt-customer.h"
#include "clt-query.h"
#include "clt-store.h"

/* A store that keeps answering with short pages would otherwise make us
 * reload forever; two recounts in one generation are enough to catch up
 * with a change that raced a page. */
#define MAX_SHORT_PAGE_RELOADS 2
/* The requests hold no reference to the list: dispose cancels every
 * cancellable, and a callback whose cancellable is cancelled never touches
 * the list. That is what lets the list go away while a store still works. */
typedef struct
{
  CltCustomerList *self;
  GCancellable    *cancellable;
  guint            page_index;
} PageRequest;


static void
page_request_free (PageRequest *request)
{
  g_clear_object (&request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageRequest, page_request_free)

/* Runs wherever the other reference is taken or dropped: the main thread,
 * as the header asks. */
static void
on_row_toggle_notify_cb (gpointer  data,
                         GObject  *object,
                         gboolean  is_last_ref)
{
  Row *row = data;

  g_assert (row->held == is_last_ref);

  row->held = !is_last_ref;
  if (row->held)
    row->page->n_held++;
  else
    row->page->n_held--;
}

/* Makes a row of @page holding @customer (taken). */
static Row *
row_new (Page        *page,
         CltCustomer *customer)
{
  Row *row = g_new0 (Row, 1);

  row->page = page;
  row->customer = customer;

  /* The reference from new () counts as someone else's until we drop it
   * just below, which tells us the row is no longer held. */
  row->held = TRUE;
  page->n_held++;
  g_object_add_toggle_ref (G_OBJECT (row->customer), on_row_toggle_notify_cb, row);
  g_object_unref (row->customer);
  g_assert (!row->held);

  return row;
}

/* A held row lives on as a plain object of whoever holds it. */
static void
row_free (Row *row)
{
  /* A position whose row was never asked for. */
  if (row == NULL)
    return;

  if (row->held)
    {
      g_assert (row->page->n_held > 0);
      row->page->n_held--;
    }

  g_object_remove_toggle_ref (G_OBJECT (row->customer), on_row_toggle_notify_cb, row);
  g_free (row);
}

void
_clt_customer_list_cancel_page_request (CltCustomerList *self,
                                        Page            *page)
{
  if (page->cancellable == NULL)
    return;

  g_cancellable_cancel (page->cancellable);
  g_clear_object (&page->cancellable);
  g_assert (self->n_page_requests > 0);
  self->n_page_requests--;
}

void
_clt_customer_list_page_free (Page *page)
{
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  g_clear_pointer (&page->fetched, g_ptr_array_unref);
  g_assert (page->n_held == 0);
  g_assert (!page->waiting);
  g_free (page);
}

/* Page.fetched has a hole at each row made. */
static void
unref_fetched (gpointer customer)
{
  if (customer != NULL)
    g_object_unref (customer);
}

/* The row at @i of @page, made now when nobody asked for it before: the
 * customer of the page's last fill there, or a placeholder when the page
 * has none (not answered yet, or a short page). */
CltCustomer *
_clt_customer_list_page_get_row (Page  *page,
                                 guint  i)
{
  Row *row = g_ptr_array_index (page->rows, i);
  CltCustomer *customer = NULL;

  if (row != NULL)
    return row->customer;

  if (page->fetched != NULL && i < page->fetched->len)
    customer = g_steal_pointer (&g_ptr_array_index (page->fetched, i));

  if (customer == NULL)
    {
      customer = clt_customer_new ();
    }
  else
    {
      /* The store's object becomes the row unless someone else still
       * holds it (the answer of a count being handed out): a row must be
       * held by nobody but its holders (see Row). */
      if (G_OBJECT (customer)->ref_count > 1)
        {
          CltCustomer *copy = clt_customer_copy (customer);

          g_object_unref (customer);
          customer = copy;
        }
      /* As a placeholder filled in place (clt_customer_update_from ()). */
      clt_customer_set_loaded (customer, TRUE);
    }

  row = row_new (page, customer);
  g_ptr_array_index (page->rows, i) = row;

  return row->customer;
}

static void
free_evicted (CltCustomerList *self)
{
  GList *link;

  /* The links are the pages' own: pop links, never items. */
  while ((link = g_queue_pop_head_link (&self->evicted)) != NULL)
    _clt_customer_list_page_free (link->data);

  if (self->free_source != NULL)
    {
      g_source_destroy (self->free_source);
      g_clear_pointer (&self->free_source, g_source_unref);
    }
}

/* One page a dispatch: a frame or a store answer waiting meanwhile goes
 * first. */
static gboolean
free_evicted_idle_cb (gpointer user_data)
{
  CltCustomerList *self = user_data;
  GList *link = g_queue_pop_head_link (&self->evicted);

  if (link != NULL)
    _clt_customer_list_page_free (link->data);

  if (self->evicted.length > 0)
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&self->free_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* At most this many evicted pages wait for the idle: the next page is
 * allocated before they are freed, so each one waiting is memory. Eight:
 * a scroll jump's rebind (~206 rows) makes up to six new pages of 50 at
 * once, and when frames follow each other the idle frees fewer than come
 * between two jumps. With four, 110 of 553 evicted pages were freed
 * inside get_item () in a 1M bench run (filter and scroll phases); with
 * eight, 4 of 560. */
#define MAX_EVICTED_WAITING 8

/* Removes @page from the cache and frees it: from an idle when @defer and
 * no row of it is held, else now (a holder then keeps a plain object, see
 * row_free ()). The caller updates "loading". Nothing reaches a page once
 * it is out of the cache: get_item () and find_loaded () look in the
 * cache only. */
static void
evict_page (CltCustomerList *self,
            Page            *page,
            gboolean         defer)
{
  _clt_customer_list_cancel_page_request (self, page);
  _clt_customer_list_set_page_waiting (self, page, FALSE);
  g_queue_unlink (&self->lru, &page->link);
  g_hash_table_remove (self->pages, GUINT_TO_POINTER (page->index));

  if (!defer || page_is_held (page))
    {
      _clt_customer_list_page_free (page);
      return;
    }

  if (self->evicted.length >= MAX_EVICTED_WAITING)
    _clt_customer_list_page_free (g_queue_pop_head_link (&self->evicted)->data);

  g_queue_push_tail_link (&self->evicted, &page->link);
  if (self->free_source == NULL)
    {
      self->free_source = g_idle_source_new ();
      g_source_set_callback (self->free_source, free_evicted_idle_cb, self, NULL);
      g_source_set_static_name (self->free_source, "[clt] CltCustomerList free evicted");
      g_source_attach (self->free_source, g_main_context_get_thread_default ());
    }
}

void
_clt_customer_list_drop_cache (CltCustomerList *self)
{
  while (self->lru.tail != NULL)
    evict_page (self, self->lru.tail->data, FALSE);
  free_evicted (self);
  if (self->parked != NULL)
    g_hash_table_remove_all (self->parked);
}

static void fill_page (CltCustomerList *self,
                       Page            *page,
                       GPtrArray       *rows);

static void
on_list_customers_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PageRequest) request = user_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CltCustomerList) self = NULL;
  Page *page;
  gboolean on_screen;

  rows = clt_store_list_customers_finish (CLT_STORE (object), result, NULL, &error);

  /* Evicted, replaced by a newer request, or the list was disposed. */
  if (g_cancellable_is_cancelled (request->cancellable))
    return;

  /* Not cancelled, so the page is still cached and this is its request.
   * The reference keeps us alive through handlers that drop theirs. */
  self = g_object_ref (request->self);
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (request->page_index));
  g_assert (page != NULL && page->cancellable == request->cancellable);

  g_clear_object (&page->cancellable);
  self->n_page_requests--;
  on_screen = _clt_customer_list_page_distance (self, page) == DISTANCE_ON_SCREEN;

  if (rows == NULL)
    {
      _clt_customer_list_update_loading (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _clt_customer_list_emit_error (self, error);
    }
  else
    {
      fill_page (self, page, rows);
      _clt_customer_list_update_loading (self);
    }

  /* The last page on screen is in: the pages near it that wait behind it
   * may go, once the view has painted it (see
   * clt_customer_list_refill_below ()). */
  if (on_screen && !_clt_customer_list_reading_on_screen (self) &&
      _clt_customer_list_waiting_within (self, DISTANCE_NEAR))
    _clt_customer_list_notify_refill_waiting (self);
}

/* Fills @page from @rows, a page of the current query: the rows made
 * already in place, the others when they are asked for (from @fetched). */
static void
fill_page (CltCustomerList *self,
           Page            *page,
           GPtrArray       *rows)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  guint n_positions = page->rows->len;
  guint n_filled = MIN (rows->len, n_positions);

  /* The positions without a row keep their customer for when one is made;
   * the rows made take a copy of theirs just below (one object a position). */
  g_clear_pointer (&page->fetched, g_ptr_array_unref);
  page->fetched = g_ptr_array_new_full (n_filled, unref_fetched);
  items = g_ptr_array_new_full (n_positions, g_object_unref);
  sources = g_ptr_array_new_full (n_positions, NULL);
  for (guint i = 0; i < n_positions; i++)
    {
      Row *row = g_ptr_array_index (page->rows, i);
      CltCustomer *source = i < n_filled ? g_ptr_array_index (rows, i) : NULL;

      if (i < n_filled)
        g_ptr_array_add (page->fetched, row == NULL ? g_object_ref (source) : NULL);
      if (row == NULL)
        continue;
      g_ptr_array_add (items, g_object_ref (row->customer));
      g_ptr_array_add (sources, source);
    }

  /* Filling notifies bound widgets, whose handlers may call get_item () and
   * so evict pages: fill through references of our own, never touch @page
   * again. (While they last the page counts as held.) A row made meanwhile
   * is made from @fetched, set above; @rows outlives the fill. */
  for (guint i = 0; i < items->len; i++)
    {
      CltCustomer *item = g_ptr_array_index (items, i);
      CltCustomer *source = g_ptr_array_index (sources, i);

      /* Items kept from an earlier generation that this page did not fill
       * no longer show a customer of this one. */
      if (source == NULL)
        {
          clt_customer_set_loaded (item, FALSE);
          continue;
        }

      clt_customer_update_from (item, source);
      clt_customer_set_loaded (item, TRUE);
    }

  /* Fewer rows than the count promised: customers went away between the
   * count and this page. Recount rather than show rows that never load. */
  if (n_filled < n_positions && self->n_short_page_reloads < MAX_SHORT_PAGE_RELOADS)
    {
      self->n_short_page_reloads++;
      _clt_customer_list_schedule_reload (self);
    }
}

void
_clt_customer_list_start_page_request (CltCustomerList *self,
                                       Page            *page)
{
  PageRequest *request;

  _clt_customer_list_cancel_page_request (self, page);
  _clt_customer_list_set_page_waiting (self, page, FALSE);

  page->cancellable = g_cancellable_new ();
  self->n_page_requests++;

  request = g_new0 (PageRequest, 1);
  request->self = self;
  request->cancellable = g_object_ref (page->cancellable);
  request->page_index = page->index;

  clt_store_list_customers_async (self->store,
                                  self->query,
                                  page->index,
                                  self->page_size,
                                  CLT_LIST_FLAGS_NONE,
                                  page->cancellable,
                                  on_list_customers_cb,
                                  request);
}

/* Refills @page, a held page of an earlier generation, from the current
 * query: now, or, when it lies below the visible end and the view wants
 * those rows later, once clt_customer_list_refill_below () is called. */
static void
refill_page (CltCustomerList *self,
             Page            *page)
{
  if (self->refill_below_later && (guint64) page->index * self->page_size >= self->visible_end)
    {
      _clt_customer_list_cancel_page_request (self, page);
      _clt_customer_list_set_page_waiting (self, page, TRUE);
      return;
    }

  _clt_customer_list_start_page_request (self, page);
}

Page *
_clt_customer_list_create_page (CltCustomerList *self,
                                guint            index,
                                gboolean         request)
{
  Page *page;
  guint first = index * self->page_size;
  guint n = MIN (self->page_size, self->n_items - first);

  g_assert (first < self->n_items);

  page = g_new0 (Page, 1);
  page->index = index;
  page->link.data = page;
  /* No row is made yet (see Page). */
  page->rows = g_ptr_array_new_full (n, (GDestroyNotify) row_free);
  g_ptr_array_set_size (page->rows, n);

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  g_queue_push_head_link (&self->lru, &page->link);

  /* Least recently used first, but never a page with a held row: it would
   * not be refilled on a new query, and a get_item () for its rows would
   * hand out new objects beside the ones shown. When every other page is
   * held the cache grows past max-pages by those; their rows are alive
   * anyway. The new page is at the head: it is never evicted here. */
  for (GList *l = self->lru.tail;
       l != &page->link && self->lru.length > self->max_pages;)
    {
      Page *old = l->data;

      l = l->prev;
      if (!page_is_held (old))
        evict_page (self, old, TRUE);
    }

  /* A view that wants its reads after its frame (a scroll jump: GTK asks
   * for the ~200 rows it keeps inside the frame that lays them out) gets
   * them once that frame is painted: the store's readers would otherwise
   * take the CPU from it (see clt_customer_list_set_refill_below_later ()). */
  if (request && self->refill_below_later)
    {
      _clt_customer_list_set_page_waiting (self, page, TRUE);
      _clt_customer_list_notify_refill_waiting (self);
      _clt_customer_list_update_loading (self);
    }
  else if (request)
    {
      _clt_customer_list_start_page_request (self, page);
      _clt_customer_list_update_loading (self);
    }

  return page;
}

/* Fills the first @n_pages pages from @first_rows, the start of the
 * current query that came with its count, creating them when they are not
 * cached: GTK asks for the first rows right after a new count, and then
 * finds them loaded instead of asking the store again. */
static void
fill_first_pages (CltCustomerList *self,
                  GPtrArray       *first_rows,
                  guint            n_pages)
{
  if (first_rows == NULL)
    return;

  for (guint index = 0; index < n_pages && index * self->page_size < self->n_items; index++)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();
      guint first = index * self->page_size;
      Page *page;

      for (guint i = first; i < MIN (first + self->page_size, first_rows->len); i++)
        g_ptr_array_add (rows, g_ptr_array_index (first_rows, i));

      /* Looked up each time: filling one page runs view handlers, which
       * may evict another. */
      page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
      if (page == NULL)
        page = _clt_customer_list_create_page (self, index, FALSE);
      else
        _clt_customer_list_cancel_page_request (self, page);
      _clt_customer_list_set_page_waiting (self, page, FALSE);

      fill_page (self, page, rows);
    }
}

/* Refills the pages whose rows are held (on screen) and drops the rest:
 * GTK asks for those again, if ever, through get_item (). The first
 * @n_first_pages take @first_rows when given. */
void
_clt_customer_list_refetch_cached_pages (CltCustomerList *self,
                                         GPtrArray       *first_rows,
                                         guint            n_first_pages)
{
  GList *l = self->lru.head;

  while (l != NULL)
    {
      Page *page = l->data;

      l = l->next;
      if (!page_is_held (page))
        evict_page (self, page, FALSE);
      else if (page->index >= n_first_pages || first_rows == NULL)
        refill_page (self, page);
    }

  fill_first_pages (self, first_rows, n_first_pages);
  _clt_customer_list_notify_refill_waiting (self);
}

/* Brings @page's positions to their number under @n_items: drops the rows
 * and fetched customers past the end, adds positions (no rows yet) that
 * were past the old end. */
static void
resize_page (CltCustomerList *self,
             Page            *page,
             guint            n_items)
{
  guint first = page->index * self->page_size;
  guint n = MIN (self->page_size, n_items - first);

  /* Both free functions take the holes. */
  g_ptr_array_set_size (page->rows, n);
  if (page->fetched != NULL && page->fetched->len > n)
    g_ptr_array_set_size (page->fetched, n);
}

/* Takes @page, which has held rows, out of the cache while the list is
 * empty (see @parked). */
static void
park_page (CltCustomerList *self,
           Page            *page)
{
  _clt_customer_list_cancel_page_request (self, page);
  _clt_customer_list_set_page_waiting (self, page, FALSE);
  g_queue_unlink (&self->lru, &page->link);
  g_hash_table_steal (self->pages, GUINT_TO_POINTER (page->index));
  g_hash_table_insert (self->parked, GUINT_TO_POINTER (page->index), page);
}

/* The list has rows again (n_items is set): the parked pages still held
 * and inside it come back to the cache, to be resized and refilled as
 * kept pages; the others go (a holder keeps a plain object). */
static void
unpark_pages (CltCustomerList *self)
{
  GHashTableIter iter;
  Page *page;

  g_hash_table_iter_init (&iter, self->parked);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    {
      g_hash_table_iter_steal (&iter);
      if (page_is_held (page) && page->index * self->page_size < self->n_items)
        {
          g_hash_table_insert (self->pages, GUINT_TO_POINTER (page->index), page);
          g_queue_push_head_link (&self->lru, &page->link);
        }
      else
        {
          _clt_customer_list_page_free (page);
        }
    }
}

/* Switches to @n_items rows of a new generation (new query, or the store
 * changed the count) without replacing the row objects GTK holds: the
 * cached pages below min (old, new) keep their objects and refill in place
 * from the current query; only the difference at the end is signalled.
 * GTK 4.8 then keeps its row widgets, and never fetches every item, which
 * it does for one items-changed (0, N, N) (PLATFORM.md). */
void
_clt_customer_list_swap_contents (CltCustomerList *self,
                                  guint            n_items,
                                  GPtrArray       *first_rows,
                                  guint            n_first_pages)
{
  guint old_n_items = self->n_items;
  guint n_kept = MIN (old_n_items, n_items);
  GList *l;

  self->n_short_page_reloads = 0;

  /* Pages past the kept range go; the last kept one may change length.
   * So do pages nobody else holds a row of: refilling them would cost a
   * store query per page (up to max-pages after a long scroll) for rows
   * that are not on screen; GTK asks for them again when they are. */
  l = self->lru.head;
  while (l != NULL)
    {
      Page *page = l->data;

      l = l->next;
      if (n_items == 0 && page_is_held (page))
        park_page (self, page);
      else if (page->index * self->page_size >= n_kept || !page_is_held (page))
        evict_page (self, page, FALSE);
    }

  self->n_items = n_items;
  if (n_items > 0)
    unpark_pages (self);

  for (l = self->lru.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      resize_page (self, page, n_items);
      if (page->index >= n_first_pages || first_rows == NULL)
        refill_page (self, page);
    }

  /* Before the signal: the view asks for the first rows in its handler. */
  fill_first_pages (self, first_rows, n_first_pages);

  if (n_items < old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old_n_items - n_items, 0);
  else if (n_items > old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n_items, 0, n_items - old_n_items);

  if (old_n_items != n_items)
    _clt_customer_list_notify_n_items (self);
  _clt_customer_list_notify_refill_waiting (self);
}
