/* clt-customer-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-customer-list"

#include "config.h"

#include "clt-customer-list.h"
#include "clt-customer.h"
#include "clt-query.h"
#include "clt-store.h"

#define DEFAULT_PAGE_SIZE 100
#define DEFAULT_MAX_PAGES 40

/* A store that keeps answering with short pages would otherwise make us
 * reload forever; two recounts in one generation are enough to catch up
 * with a change that raced a page. */
#define MAX_SHORT_PAGE_RELOADS 2

typedef struct _Page Page;

/* One row object. The list holds it through a toggle reference, the only
 * one it takes, so GObject tells it when anybody else takes the first
 * reference (a view's row widget, a selection, a caller of get_item ())
 * or drops the last one: @held is exactly "referenced outside the list".
 * That needs ours to be the object's only toggle reference; a second one
 * (a language binding's) would silence the notifications. */
typedef struct
{
  Page        *page;
  CltCustomer *customer;
  gboolean     held;
} Row;

/* One cached page: page_size (fewer at the end) rows, placeholders until
 * the store answers. @n_held counts the rows held outside the list.
 * @cancellable is set while a request for the page is in flight; it also
 * identifies that request. @waiting is set while its refill waits for
 * clt_customer_list_refill_below (). */
struct _Page
{
  guint         index;
  GPtrArray    *rows;
  guint         n_held;
  GCancellable *cancellable;
  gboolean      waiting;
  GList         link;
};

/* The requests hold no reference to the list: dispose cancels every
 * cancellable, and a callback whose cancellable is cancelled never touches
 * the list. That is what lets the list go away while a store still works. */
typedef struct
{
  CltCustomerList *self;
  GCancellable    *cancellable;
  guint            page_index;
} PageRequest;

/* A count asks for the first @n_pages pages with the total. */
typedef struct
{
  CltCustomerList *self;
  GCancellable    *cancellable;
  guint            n_pages;
} CountRequest;

struct _CltCustomerList
{
  GObject       parent_instance;

  CltStore     *store;
  gulong        store_changed_handler;

  /* The query whose rows are shown, and the one being counted to replace
   * them (NULL unless set_query () is waiting for its count). */
  CltQuery     *query;
  CltQuery     *pending_query;

  guint         n_items;
  guint         page_size;
  /* Rows from here on are not on screen (a view's hint, G_MAXUINT when
   * none was given). */
  guint         visible_end;
  guint         max_pages;

  /* Page index → Page; @lru holds the same pages, most recently used first. */
  GHashTable   *pages;
  GQueue        lru;
  guint         n_page_requests;

  /* Page index → Page: the pages with held rows while the list is empty
   * (a search without matches), out of the cache. The next count that
   * has rows takes them back at their places and refills them, so a
   * view that kept its rows meanwhile (CltGrowingModel's hold) finds
   * the same objects there and keeps its row widgets. */
  GHashTable   *parked;

  /* The count in flight (a request for page 0 with the total), if any. A
   * count either replaces the contents (new query) or reloads them (same
   * query, the store changed). */
  GCancellable *count_cancellable;
  gboolean      count_replaces;

  GSource      *reload_source;
  guint         n_short_page_reloads;

  /* Pages get_item () evicted (nobody held a row of them), freed from an
   * idle: finalizing a page of customers inside get_item () (a view's
   * scroll jump) cost a tenth of the frame. Linked through Page.link,
   * oldest first. */
  GQueue        evicted;
  GSource      *free_source;

  /* Cached pages whose refill waits (see Page.waiting). */
  guint         n_waiting;

  /* Set while the rows shown may predate a store change, i.e. from the
   * change until a count started after it succeeds. */
  guint         stale : 1;

  /* Whether held rows below the visible end refill only when the view
   * says so (clt_customer_list_set_refill_below_later ()). */
  guint         refill_below_later : 1;

  guint         constructed : 1;
  guint         loading : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CltCustomerList, clt_customer_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_REFILL_WAITING,
  PROP_PAGE_SIZE,
  PROP_MAX_PAGES,
  N_PROPS
};

enum {
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
page_request_free (PageRequest *request)
{
  g_clear_object (&request->cancellable);
  g_free (request);
}

static void
count_request_free (CountRequest *request)
{
  g_clear_object (&request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageRequest, page_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CountRequest, count_request_free)

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

static Row *
row_new (Page *page)
{
  Row *row = g_new0 (Row, 1);

  row->page = page;
  row->customer = clt_customer_new ();

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
  if (row->held)
    {
      g_assert (row->page->n_held > 0);
      row->page->n_held--;
    }

  g_object_remove_toggle_ref (G_OBJECT (row->customer), on_row_toggle_notify_cb, row);
  g_free (row);
}

static inline CltCustomer *
page_get_customer (Page  *page,
                   guint  i)
{
  return ((Row *) g_ptr_array_index (page->rows, i))->customer;
}

/* Whether any row of @page is referenced outside the list, i.e. shown by
 * a view or kept by a caller: those rows must be refilled, not dropped. */
static inline gboolean
page_is_held (Page *page)
{
  return page->n_held > 0;
}

static void
update_loading (CltCustomerList *self)
{
  /* Rows waiting for their refill count too: they show an earlier
   * generation, and whoever waits for the list to settle (the window's
   * title, focusing an added customer) waits for them as before. */
  gboolean loading = (self->count_cancellable != NULL || self->n_page_requests > 0 ||
                      self->n_waiting > 0);

  if (loading == self->loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Marks @page as waiting for clt_customer_list_refill_below () or not. */
static void
set_page_waiting (CltCustomerList *self,
                  Page            *page,
                  gboolean         waiting)
{
  if (page->waiting == waiting)
    return;

  page->waiting = waiting;
  if (waiting)
    self->n_waiting++;
  else
    self->n_waiting--;

  /* Rows that start to wait are announced by the count that made them
   * wait (notify_refill_waiting ()), even when some waited already. */
  if (self->n_waiting == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFILL_WAITING]);
}

static void
cancel_page_request (CltCustomerList *self,
                     Page            *page)
{
  if (page->cancellable == NULL)
    return;

  g_cancellable_cancel (page->cancellable);
  g_clear_object (&page->cancellable);
  g_assert (self->n_page_requests > 0);
  self->n_page_requests--;
}

static void
page_free (Page *page)
{
  g_clear_pointer (&page->rows, g_ptr_array_unref);
  g_assert (page->n_held == 0);
  g_assert (!page->waiting);
  g_free (page);
}

static void
free_evicted (CltCustomerList *self)
{
  GList *link;

  /* The links are the pages' own: pop links, never items. */
  while ((link = g_queue_pop_head_link (&self->evicted)) != NULL)
    page_free (link->data);

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
    page_free (link->data);

  if (self->evicted.length > 0)
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&self->free_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* At most this many evicted pages wait for the idle: the next page is
 * allocated before they are freed, so each one waiting is memory. */
#define MAX_EVICTED_WAITING 4

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
  cancel_page_request (self, page);
  set_page_waiting (self, page, FALSE);
  g_queue_unlink (&self->lru, &page->link);
  g_hash_table_remove (self->pages, GUINT_TO_POINTER (page->index));

  if (!defer || page_is_held (page))
    {
      page_free (page);
      return;
    }

  if (self->evicted.length >= MAX_EVICTED_WAITING)
    page_free (g_queue_pop_head_link (&self->evicted)->data);

  g_queue_push_tail_link (&self->evicted, &page->link);
  if (self->free_source == NULL)
    {
      self->free_source = g_idle_source_new ();
      g_source_set_callback (self->free_source, free_evicted_idle_cb, self, NULL);
      g_source_set_static_name (self->free_source, "[clt] CltCustomerList free evicted");
      g_source_attach (self->free_source, g_main_context_get_thread_default ());
    }
}

static void
drop_cache (CltCustomerList *self)
{
  while (self->lru.tail != NULL)
    evict_page (self, self->lru.tail->data, FALSE);
  free_evicted (self);
  if (self->parked != NULL)
    g_hash_table_remove_all (self->parked);
}

static void
emit_error (CltCustomerList *self,
            const GError    *error)
{
  g_debug ("Store request failed: %s", error->message);
  g_signal_emit (self, signals[ERROR], 0, error);
}

static void schedule_reload (CltCustomerList *self);
static void fill_page       (CltCustomerList *self,
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

  if (rows == NULL)
    {
      update_loading (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        emit_error (self, error);
      return;
    }

  fill_page (self, page, rows);
  update_loading (self);
}

/* Fills @page's rows from @rows, a page of the current query. */
static void
fill_page (CltCustomerList *self,
           Page            *page,
           GPtrArray       *rows)
{
  g_autoptr(GPtrArray) items = NULL;
  guint n_filled;

  /* Filling notifies bound widgets, whose handlers may call get_item () and
   * so evict pages: fill through references of our own, never touch @page
   * again. (While they last the page counts as held.) */
  items = g_ptr_array_new_full (page->rows->len, g_object_unref);
  for (guint i = 0; i < page->rows->len; i++)
    g_ptr_array_add (items, g_object_ref (page_get_customer (page, i)));
  n_filled = MIN (rows->len, items->len);

  for (guint i = 0; i < n_filled; i++)
    {
      CltCustomer *item = g_ptr_array_index (items, i);

      clt_customer_update_from (item, g_ptr_array_index (rows, i));
      clt_customer_set_loaded (item, TRUE);
    }

  /* Items kept from an earlier generation that this page did not fill no
   * longer show a customer of this one. */
  for (guint i = n_filled; i < items->len; i++)
    clt_customer_set_loaded (g_ptr_array_index (items, i), FALSE);

  /* Fewer rows than the count promised: customers went away between the
   * count and this page. Recount rather than show rows that never load. */
  if (n_filled < items->len && self->n_short_page_reloads < MAX_SHORT_PAGE_RELOADS)
    {
      self->n_short_page_reloads++;
      schedule_reload (self);
    }
}

static void
start_page_request (CltCustomerList *self,
                    Page            *page)
{
  PageRequest *request;

  cancel_page_request (self, page);
  set_page_waiting (self, page, FALSE);

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

/* After a count that left rows waiting: a view that was told before and
 * whose refill found a count under way calls refill_below () again. */
static void
notify_refill_waiting (CltCustomerList *self)
{
  if (self->n_waiting > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFILL_WAITING]);
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
      cancel_page_request (self, page);
      set_page_waiting (self, page, TRUE);
      return;
    }

  start_page_request (self, page);
}

static Page *
create_page (CltCustomerList *self,
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
  page->rows = g_ptr_array_new_full (n, (GDestroyNotify) row_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (page->rows, row_new (page));

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

  if (request)
    {
      start_page_request (self, page);
      update_loading (self);
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
        page = create_page (self, index, FALSE);
      else
        cancel_page_request (self, page);
      set_page_waiting (self, page, FALSE);

      fill_page (self, page, rows);
    }
}

/* Refills the pages whose rows are held (on screen) and drops the rest:
 * GTK asks for those again, if ever, through get_item (). The first
 * @n_first_pages take @first_rows when given. */
static void
refetch_cached_pages (CltCustomerList *self,
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
  notify_refill_waiting (self);
}

/* Brings @page's item array to its length under @n_items: drops the items
 * past the end, adds placeholders for positions that were past the old end. */
static void
resize_page (CltCustomerList *self,
             Page            *page,
             guint            n_items)
{
  guint first = page->index * self->page_size;
  guint n = MIN (self->page_size, n_items - first);

  if (n < page->rows->len)
    g_ptr_array_set_size (page->rows, n);

  while (page->rows->len < n)
    g_ptr_array_add (page->rows, row_new (page));
}

/* Takes @page, which has held rows, out of the cache while the list is
 * empty (see @parked). */
static void
park_page (CltCustomerList *self,
           Page            *page)
{
  cancel_page_request (self, page);
  set_page_waiting (self, page, FALSE);
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
          page_free (page);
        }
    }
}

/* Switches to @n_items rows of a new generation (new query, or the store
 * changed the count) without replacing the row objects GTK holds: the
 * cached pages below min (old, new) keep their objects and refill in place
 * from the current query; only the difference at the end is signalled.
 * GTK 4.8 then keeps its row widgets, and never fetches every item, which
 * it does for one items-changed (0, N, N) (PLATFORM.md). */
static void
swap_contents (CltCustomerList *self,
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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  notify_refill_waiting (self);
}

/* The count comes with the first page (CLT_LIST_FLAGS_WITH_TOTAL): one
 * round trip per keystroke, and both from the same snapshot. */
static void
on_first_page_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CountRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CltCustomerList) self = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_customers = 0;

  rows = clt_store_list_customers_finish (CLT_STORE (object), result, &n_customers, &error);

  /* Superseded by a newer count (every new count cancels the one before),
   * or the list was disposed. */
  if (g_cancellable_is_cancelled (request->cancellable))
    return;

  self = g_object_ref (request->self);
  g_assert (self->count_cancellable == request->cancellable);
  g_clear_object (&self->count_cancellable);

  if (rows == NULL)
    {
      /* The rows of the query shown stay: the page reads stopped for
       * this count (stop_page_requests ()) go on. */
      clt_customer_list_refill_below (self);
      update_loading (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        emit_error (self, error);
      return;
    }

  /* Every store answers WITH_TOTAL with the total (clt-store.h). */
  g_return_if_fail (n_customers != CLT_TOTAL_UNKNOWN);

  if (self->reload_source == NULL)
    self->stale = FALSE;

  if (self->count_replaces)
    {
      g_assert (self->pending_query != NULL);
      g_clear_object (&self->query);
      self->query = g_steal_pointer (&self->pending_query);
      swap_contents (self, n_customers, rows, request->n_pages);
    }
  else if (n_customers != self->n_items)
    {
      swap_contents (self, n_customers, rows, request->n_pages);
    }
  else
    {
      refetch_cached_pages (self, rows, request->n_pages);
    }

  update_loading (self);
}

/* How many pages the count asks for: page 0, and with it the pages after
 * it whose rows are held and on screen (below the visible end), so that
 * what shows refills in the same round trip; no more than a store page
 * holds. Held rows past the visible end (GTK 4.8 keeps about 200 row
 * widgets ready, a screenful shows) refill in requests of their own once
 * the count is there: at a million customers a count with the three
 * pages a view held took 18.6 ms in the store, with the first page alone
 * 8.2 ms (p50 over the bench's keystrokes). */
static guint
count_lead_pages (CltCustomerList *self)
{
  guint max_pages = MAX (1, CLT_STORE_MAX_PAGE_SIZE / self->page_size);
  guint n = 1;

  while (n < max_pages && (guint64) n * self->page_size < self->visible_end)
    {
      Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (n));

      if (page == NULL)
        page = g_hash_table_lookup (self->parked, GUINT_TO_POINTER (n));
      if (page == NULL || !page_is_held (page))
        break;
      n++;
    }

  return n;
}

static void
start_count (CltCustomerList *self)
{
  CountRequest *request;

  if (self->count_cancellable != NULL)
    {
      g_cancellable_cancel (self->count_cancellable);
      g_clear_object (&self->count_cancellable);
    }

  self->count_cancellable = g_cancellable_new ();
  self->count_replaces = self->pending_query != NULL;

  request = g_new0 (CountRequest, 1);
  request->self = self;
  request->cancellable = g_object_ref (self->count_cancellable);
  request->n_pages = count_lead_pages (self);
  /* Pages larger than a store page (the page-size property allows them)
   * cannot come with the count: it asks for one row, the pages follow. */
  if (self->page_size > CLT_STORE_MAX_PAGE_SIZE)
    request->n_pages = 0;

  clt_store_list_customers_async (self->store,
                                  self->count_replaces ? self->pending_query : self->query,
                                  0,
                                  MAX (request->n_pages * self->page_size, 1),
                                  CLT_LIST_FLAGS_WITH_TOTAL,
                                  self->count_cancellable,
                                  on_first_page_cb,
                                  request);

  update_loading (self);
}

/* A new query is being counted: the page reads under way are for rows
 * its count decides about again (it refills the held ones and drops the
 * others). Stopped, they leave the store's readers to the count instead
 * of holding it up; they wait meanwhile, for the case that the query goes
 * back to the one shown. */
static void
stop_page_requests (CltCustomerList *self)
{
  for (GList *l = self->lru.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      if (page->cancellable != NULL)
        {
          cancel_page_request (self, page);
          set_page_waiting (self, page, TRUE);
        }
    }
}

static void
cancel_scheduled_reload (CltCustomerList *self)
{
  if (self->reload_source == NULL)
    return;

  g_source_destroy (self->reload_source);
  g_clear_pointer (&self->reload_source, g_source_unref);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  CltCustomerList *self = user_data;

  g_clear_pointer (&self->reload_source, g_source_unref);
  start_count (self);

  return G_SOURCE_REMOVE;
}

/* Coalesces bursts ("changed" per written row, several short pages in one
 * frame) into one recount, on the context the store signals on. */
static void
schedule_reload (CltCustomerList *self)
{
  self->stale = TRUE;

  if (self->reload_source != NULL)
    return;

  self->reload_source = g_idle_source_new ();
  g_source_set_callback (self->reload_source, reload_idle_cb, self, NULL);
  g_source_set_static_name (self->reload_source, "[clt] CltCustomerList reload");
  g_source_attach (self->reload_source, g_main_context_get_thread_default ());
}

static void
on_store_changed_cb (CltStore        *store,
                     CltChangeKind    kind,
                     const char      *id,
                     CltCustomerList *self)
{
  /* Notes, addresses' text, the outbox and shop data do not show in the
   * table; customers, their defaults (location) and imports do. */
  if (kind == CLT_CHANGE_CUSTOMERS || kind == CLT_CHANGE_CUSTOMER || kind == CLT_CHANGE_ADDRESS ||
      kind == CLT_CHANGE_SITE || kind == CLT_CHANGE_GROUP)
    schedule_reload (self);
}

static GType
clt_customer_list_get_item_type (GListModel *model)
{
  return CLT_TYPE_CUSTOMER;
}

static guint
clt_customer_list_get_n_items (GListModel *model)
{
  return CLT_CUSTOMER_LIST (model)->n_items;
}

static gpointer
clt_customer_list_get_item (GListModel *model,
                            guint       position)
{
  CltCustomerList *self = CLT_CUSTOMER_LIST (model);
  guint index;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  index = position / self->page_size;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

  if (page == NULL)
    {
      page = create_page (self, index, TRUE);
    }
  else if (self->lru.head != &page->link)
    {
      g_queue_unlink (&self->lru, &page->link);
      g_queue_push_head_link (&self->lru, &page->link);
    }

  return g_object_ref (page_get_customer (page, position % self->page_size));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = clt_customer_list_get_item_type;
  iface->get_n_items = clt_customer_list_get_n_items;
  iface->get_item = clt_customer_list_get_item;
}

static void
clt_customer_list_constructed (GObject *object)
{
  CltCustomerList *self = CLT_CUSTOMER_LIST (object);

  G_OBJECT_CLASS (clt_customer_list_parent_class)->constructed (object);

  self->constructed = TRUE;

  g_return_if_fail (CLT_IS_STORE (self->store));

  self->store_changed_handler = g_signal_connect (self->store, "changed",
                                                  G_CALLBACK (on_store_changed_cb), self);

  /* n_items is 0: the first count answers with (0, 0, N). */
  start_count (self);
}

static void
clt_customer_list_dispose (GObject *object)
{
  CltCustomerList *self = CLT_CUSTOMER_LIST (object);

  cancel_scheduled_reload (self);

  if (self->count_cancellable != NULL)
    {
      g_cancellable_cancel (self->count_cancellable);
      g_clear_object (&self->count_cancellable);
    }

  drop_cache (self);

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_handler, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clt_customer_list_parent_class)->dispose (object);
}

static void
clt_customer_list_finalize (GObject *object)
{
  CltCustomerList *self = CLT_CUSTOMER_LIST (object);

  g_clear_object (&self->query);
  g_clear_object (&self->pending_query);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->parked, g_hash_table_unref);

  G_OBJECT_CLASS (clt_customer_list_parent_class)->finalize (object);
}

static void
clt_customer_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CltCustomerList *self = CLT_CUSTOMER_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_QUERY:
      g_value_take_object (value, clt_customer_list_dup_query (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_REFILL_WAITING:
      g_value_set_boolean (value, self->n_waiting > 0);
      break;

    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;

    case PROP_MAX_PAGES:
      g_value_set_uint (value, self->max_pages);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_customer_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CltCustomerList *self = CLT_CUSTOMER_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_QUERY:
      {
        CltQuery *query = g_value_get_object (value);
        g_autoptr(CltQuery) fallback = NULL;

        if (query == NULL)
          query = fallback = clt_query_new ();

        /* During construction there is nothing to replace yet: constructed ()
         * counts whatever query we end up with. */
        if (!self->constructed)
          {
            g_clear_object (&self->query);
            self->query = clt_query_copy (query);
          }
        else
          clt_customer_list_set_query (self, query);
      }
      break;

    case PROP_PAGE_SIZE:
      self->page_size = g_value_get_uint (value);
      break;

    case PROP_MAX_PAGES:
      self->max_pages = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_customer_list_class_init (CltCustomerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = clt_customer_list_constructed;
  object_class->dispose = clt_customer_list_dispose;
  object_class->finalize = clt_customer_list_finalize;
  object_class->get_property = clt_customer_list_get_property;
  object_class->set_property = clt_customer_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLT_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_QUERY] =
    g_param_spec_object ("query", NULL, NULL,
                         CLT_TYPE_QUERY,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * CltCustomerList:refill-waiting:
   *
   * Whether held rows below the visible end wait for
   * clt_customer_list_refill_below () (see
   * clt_customer_list_set_refill_below_later ()).
   */
  properties[PROP_REFILL_WAITING] =
    g_param_spec_boolean ("refill-waiting", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL,
                       1, 100000, DEFAULT_PAGE_SIZE,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_MAX_PAGES] =
    g_param_spec_uint ("max-pages", NULL, NULL,
                       1, 100000, DEFAULT_MAX_PAGES,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CltCustomerList::error:
   * @error: what the store said, worded for a user
   *
   * A count or a page failed (cancellations are not reported). The rows
   * shown stay as they were; clt_customer_list_reload () tries again.
   */
  signals[ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
clt_customer_list_init (CltCustomerList *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
  self->max_pages = DEFAULT_MAX_PAGES;
  self->visible_end = G_MAXUINT;
  self->pages = g_hash_table_new (NULL, NULL);
  self->parked = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  g_queue_init (&self->lru);
  g_queue_init (&self->evicted);
}

CltCustomerList *
clt_customer_list_new (CltStore *store)
{
  g_return_val_if_fail (CLT_IS_STORE (store), NULL);

  return g_object_new (CLT_TYPE_CUSTOMER_LIST,
                       "store", store,
                       NULL);
}

CltStore *
clt_customer_list_get_store (CltCustomerList *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_LIST (self), NULL);

  return self->store;
}

CltQuery *
clt_customer_list_dup_query (CltCustomerList *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_LIST (self), NULL);

  /* The query asked for last, even while its count is under way. */
  return clt_query_copy (self->pending_query != NULL ? self->pending_query : self->query);
}

void
clt_customer_list_set_query (CltCustomerList *self,
                             CltQuery        *query)
{
  CltQuery *latest;

  g_return_if_fail (CLT_IS_CUSTOMER_LIST (self));
  g_return_if_fail (CLT_IS_QUERY (query));

  latest = self->pending_query != NULL ? self->pending_query : self->query;
  if (clt_query_equal (query, latest))
    return;

  if (self->pending_query != NULL && clt_query_equal (query, self->query))
    {
      /* Back to the rows on screen (a typed character deleted again):
       * forget the count for the query in between and keep the rows, unless
       * the store changed meanwhile: then recount them like "changed" does. */
      g_clear_object (&self->pending_query);
      if (self->stale)
        {
          start_count (self);
        }
      else if (self->count_cancellable != NULL)
        {
          g_cancellable_cancel (self->count_cancellable);
          g_clear_object (&self->count_cancellable);
          /* The reads stopped for it, and any refill asked for meanwhile
           * (it found the count under way), go on now, or for a view that
           * wants them later, when it says so. */
          if (self->refill_below_later)
            notify_refill_waiting (self);
          else
            clt_customer_list_refill_below (self);
          update_loading (self);
        }
    }
  else if (self->pending_query == NULL && !self->stale && self->count_cancellable == NULL &&
           clt_query_same_filter (query, self->query))
    {
      /* Only the order changed: the same customers, so the same count.
       * Refill the rows on screen in the new order, without a recount. */
      g_clear_object (&self->query);
      self->query = clt_query_copy (query);
      swap_contents (self, self->n_items, NULL, 0);
      update_loading (self);
    }
  else
    {
      g_clear_object (&self->pending_query);
      self->pending_query = clt_query_copy (query);
      /* Old rows stay until the count arrives; then the cached pages refill. */
      stop_page_requests (self);
      start_count (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
}

gboolean
clt_customer_list_get_loading (CltCustomerList *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_LIST (self), FALSE);

  return self->loading;
}

guint
clt_customer_list_get_page_size (CltCustomerList *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_LIST (self), 0);

  return self->page_size;
}

guint
clt_customer_list_get_n_cached_pages (CltCustomerList *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_LIST (self), 0);

  return self->lru.length;
}

void
clt_customer_list_reload (CltCustomerList *self)
{
  g_return_if_fail (CLT_IS_CUSTOMER_LIST (self));

  cancel_scheduled_reload (self);
  self->stale = TRUE;

  /* A pending query is counted again: its count may predate the change. */
  start_count (self);
}

guint
clt_customer_list_find_loaded (CltCustomerList *self,
                               const char      *customer_id)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_LIST (self), G_MAXUINT);
  g_return_val_if_fail (customer_id != NULL, G_MAXUINT);

  for (GList *l = self->lru.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      for (guint i = 0; i < page->rows->len; i++)
        {
          CltCustomer *item = page_get_customer (page, i);

          if (clt_customer_get_loaded (item) &&
              g_strcmp0 (clt_customer_get_id (item), customer_id) == 0)
            return page->index * self->page_size + i;
        }
    }

  return G_MAXUINT;
}

/**
 * clt_customer_list_set_visible_end:
 * @end: the position of the first row below the viewport, or %G_MAXUINT
 *   when the view does not know
 *
 * Tells the list which rows a view shows: a new query's count then brings
 * the rows on screen with it, and the rows a view only keeps ready below
 * them refill right after. Without it, every held row counts as shown.
 */
void
clt_customer_list_set_visible_end (CltCustomerList *self,
                                   guint            end)
{
  g_return_if_fail (CLT_IS_CUSTOMER_LIST (self));

  self->visible_end = end;
}

/**
 * clt_customer_list_set_refill_below_later:
 * @later: whether held rows below the visible end wait
 *
 * With @later, a new count refills the held rows on screen at once and
 * makes those below the visible end (see
 * clt_customer_list_set_visible_end ()) wait for
 * clt_customer_list_refill_below (), with "refill-waiting" set: a view
 * calls it once the frame that shows the rows on screen is painted, so
 * that their store reads do not compete with that frame for the CPU.
 * Without it (the default) they refill right after the count, as do the
 * waiting ones when @later is turned off.
 */
void
clt_customer_list_set_refill_below_later (CltCustomerList *self,
                                          gboolean         later)
{
  g_return_if_fail (CLT_IS_CUSTOMER_LIST (self));

  self->refill_below_later = !!later;
  if (!later)
    clt_customer_list_refill_below (self);
}

/**
 * clt_customer_list_refill_below:
 *
 * Starts the refills that wait (see
 * clt_customer_list_set_refill_below_later ()). While a new count is under
 * way they keep waiting: that count decides again which rows it brings.
 */
void
clt_customer_list_refill_below (CltCustomerList *self)
{
  GList *l;

  g_return_if_fail (CLT_IS_CUSTOMER_LIST (self));

  if (self->n_waiting == 0 || self->count_cancellable != NULL)
    return;

  /* Starting a request changes no other page. */
  for (l = self->lru.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      if (page->waiting)
        start_page_request (self, page);
    }
  update_loading (self);
}

/**
 * clt_customer_list_get_refill_waiting:
 *
 * Returns: whether held rows wait for clt_customer_list_refill_below ()
 */
gboolean
clt_customer_list_get_refill_waiting (CltCustomerList *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_LIST (self), FALSE);

  return self->n_waiting > 0;
}

/**
 * clt_customer_list_is_current:
 * @position: a position in the list
 *
 * Whether the row at @position shows a customer of the current query as
 * the list knows it: no count for another query is under way, and the
 * row's page is loaded and not being refilled. A row refilled in place
 * keeps what it showed (and "loaded") until then.
 */
gboolean
clt_customer_list_is_current (CltCustomerList *self,
                              guint            position)
{
  Page *page;

  g_return_val_if_fail (CLT_IS_CUSTOMER_LIST (self), FALSE);

  if (self->pending_query != NULL || self->count_cancellable != NULL || position >= self->n_items)
    return FALSE;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (position / self->page_size));
  if (page == NULL || page->cancellable != NULL || page->waiting)
    return FALSE;

  return clt_customer_get_loaded (page_get_customer (page, position % self->page_size));
}
