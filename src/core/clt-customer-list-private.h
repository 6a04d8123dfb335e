/* clt-customer-list-private.h: what clt-customer-list.c and
 * clt-customer-list-pages.c (the page cache) share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clt-customer-list.h"
#include "clt-customer.h"

G_BEGIN_DECLS

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

/* One cached page: page_size (fewer at the end) positions. A position's
 * row is made when it is first asked for (NULL until then): a scroll jump
 * asks for the ~200 rows GTK keeps, which touch three pages of 100 on
 * average, and the rows nobody asked for cost nothing. A row made before
 * the store answers is a placeholder, filled in place when the answer
 * comes; one made after it is the store's customer in @fetched, which
 * keeps the page's last fill at the positions without a row (NULL before
 * the first fill; shorter than @rows after a short page). @n_held counts
 * the rows held outside the list. @cancellable is set while a request for
 * the page is in flight; it also identifies that request. @waiting is set
 * while its refill waits for clt_customer_list_refill_below (). */
/* How far a page's rows are from the rows on screen: a screenful or less
 * is near. */
typedef enum
{
  DISTANCE_ON_SCREEN,
  DISTANCE_NEAR,
  DISTANCE_FAR,
} Distance;

struct _Page
{
  guint         index;
  GPtrArray    *rows;
  GPtrArray    *fetched;
  guint         n_held;
  GCancellable *cancellable;
  gboolean      waiting;
  GList         link;
};


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
  /* The rows on screen: from @visible_start up to @visible_end (a view's
   * hint; 0 and G_MAXUINT, every row, when none was given). */
  guint         visible_start;
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

  /* Cached pages whose refill waits (see Page.waiting), and the timeout
   * that reads those far from the screen (see refill_below ()). */
  guint         n_waiting;
  GSource      *far_source;

  /* Set while the rows shown may predate a store change, i.e. from the
   * change until a count started after it succeeds. */
  guint         stale : 1;

  /* Whether held rows below the visible end refill only when the view
   * says so (clt_customer_list_set_refill_below_later ()). */
  guint         refill_below_later : 1;

  guint         constructed : 1;
  guint         loading : 1;
};


/* The customer at @i of @page if it is loaded, made into a row or not,
 * else NULL. */
static inline CltCustomer *
page_peek_loaded (Page  *page,
                  guint  i)
{
  Row *row = g_ptr_array_index (page->rows, i);

  if (row != NULL)
    return clt_customer_get_loaded (row->customer) ? row->customer : NULL;

  if (page->fetched != NULL && i < page->fetched->len)
    return g_ptr_array_index (page->fetched, i);

  return NULL;
}

/* Whether any row of @page is referenced outside the list, i.e. shown by
 * a view or kept by a caller: those rows must be refilled, not dropped. */
static inline gboolean
page_is_held (Page *page)
{
  return page->n_held > 0;
}

/* clt-customer-list.c */
void         _clt_customer_list_update_loading        (CltCustomerList *self);
void         _clt_customer_list_set_page_waiting      (CltCustomerList *self,
                                                       Page            *page,
                                                       gboolean         waiting);
void         _clt_customer_list_notify_refill_waiting (CltCustomerList *self);
Distance     _clt_customer_list_page_distance         (CltCustomerList *self,
                                                       Page            *page);
gboolean     _clt_customer_list_reading_on_screen     (CltCustomerList *self);
gboolean     _clt_customer_list_waiting_within        (CltCustomerList *self,
                                                       Distance         distance);
void         _clt_customer_list_notify_n_items        (CltCustomerList *self);
void         _clt_customer_list_emit_error            (CltCustomerList *self,
                                                       const GError    *error);
void         _clt_customer_list_schedule_reload       (CltCustomerList *self);

/* clt-customer-list-pages.c */
void         _clt_customer_list_page_free             (Page            *page);
CltCustomer *_clt_customer_list_page_get_row          (Page            *page,
                                                       guint            i);
void         _clt_customer_list_cancel_page_request   (CltCustomerList *self,
                                                       Page            *page);
void         _clt_customer_list_start_page_request    (CltCustomerList *self,
                                                       Page            *page);
Page        *_clt_customer_list_create_page           (CltCustomerList *self,
                                                       guint            index,
                                                       gboolean         request);
void         _clt_customer_list_drop_cache            (CltCustomerList *self);
void         _clt_customer_list_refetch_cached_pages  (CltCustomerList *self,
                                                       GPtrArray       *first_rows,
                                                       guint            n_first_pages);
void         _clt_customer_list_swap_contents         (CltCustomerList *self,
                                                       guint            n_items,
                                                       GPtrArray       *first_rows,
                                                       guint            n_first_pages);

G_END_DECLS
