/* clt-customer-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_CUSTOMER_LIST (clt_customer_list_get_type ())

G_DECLARE_FINAL_TYPE (CltCustomerList, clt_customer_list, CLT, CUSTOMER_LIST, GObject)

/* A GListModel of CltCustomer over a store and a query.
 *
 * A count is one store request for the first page with the total
 * (CLT_LIST_FLAGS_WITH_TOTAL), covering also the held pages that follow
 * page 0 (up to CLT_STORE_MAX_PAGE_SIZE rows): one round trip per
 * keystroke, and those pages are loaded (cached) before the new count is
 * signalled. get_item () never
 * blocks: an item whose page is not loaded yet is a placeholder
 * (CltCustomer with "loaded" FALSE) and the page is requested from the
 * store; when the page arrives the same objects are filled in place
 * (property notifications, no items-changed). Loaded pages live in a
 * bounded LRU cache.
 *
 * Changing the query recounts; the rows shown stay until the new count
 * arrives. Then the row objects of the cached pages at positions below
 * min (old, new) are kept and refilled in place from the new query: the
 * first pages at once from the count's own rows, the others show the old values
 * (still "loaded") until their page arrives, then update through property
 * notifications, and "loading" stays TRUE until then. Only the difference at the end is signalled: items-changed
 * (new, old - new, 0) when the count shrinks, (old, 0, new - old) when it
 * grows, nothing when it is equal. So GTK 4.8 keeps its row widgets and
 * never fetches every item (one items-changed (0, N, N) would make it).
 * A count of 0 (a search without matches) keeps the held rows aside,
 * and the next count with rows puts them back at their positions and
 * refills them: a view that kept its rows while the list was empty
 * (CltGrowingModel's hold) finds the same objects there.
 * The store's "changed" signal recounts and refills the cached pages the
 * same way. Only pages with a held row are refilled; the others are
 * dropped, so a keystroke after a long scroll costs a query per page on
 * screen, not per page cached.
 *
 * A row is held while anything besides the list has a reference to it,
 * on screen or not: a view's row widget, a selection's selected item, a
 * caller that kept what get_item () returned. The list learns this through
 * a toggle reference, its only reference on each row. A page with a held
 * row is never evicted, so the rows shown always refill. "max-pages" bounds
 * the pages without held rows: when every cached page is held, a new page
 * is cached anyway and the cache grows past max-pages by the held pages
 * (whose rows are alive anyway); it shrinks back once they are let go,
 * when the next page comes in or the contents change.
 *
 * Main thread only: create and use the list, and take and drop references
 * to its rows, on the main thread. The store's "changed" arrives on the
 * default main context, reloads run on the thread-default one, and the
 * held-row count changes in whatever thread takes or drops a reference.
 *
 * Properties: "store" (construct-only), "query" (a copy is kept),
 * "n-items" (guint), "loading" (gboolean: a count or page is under way
 * or waits),
 * "refill-waiting" (gboolean: held rows or new pages wait for
 * clt_customer_list_refill_below ()),
 * "page-size" (construct-only, default 100), "max-pages" (construct-only,
 * default 40: the cache bound, see above). Signal "error" (GError *) when
 * the store fails a count or page, so the window can show a toast. */

CltCustomerList *clt_customer_list_new            (CltStore        *store);
CltStore        *clt_customer_list_get_store      (CltCustomerList *self);
/* Returns a new reference to a copy: changing it does not change the list. */
CltQuery        *clt_customer_list_dup_query      (CltCustomerList *self);
void             clt_customer_list_set_query      (CltCustomerList *self,
                                                   CltQuery        *query);
gboolean         clt_customer_list_get_loading    (CltCustomerList *self);
gboolean         clt_customer_list_get_counting   (CltCustomerList *self);
guint            clt_customer_list_get_page_size  (CltCustomerList *self);
guint            clt_customer_list_get_n_cached_pages (CltCustomerList *self);
guint            clt_customer_list_get_n_cached_rows (CltCustomerList *self);
/* Recount and refill every cached page (what "changed" triggers). */
void             clt_customer_list_reload         (CltCustomerList *self);
/* The rows from @start up to @end are on screen (a view's hint): a new
 * query's count brings the held rows above @end, the rest refill right
 * after; waiting rows on screen are read before the others. */
void             clt_customer_list_set_visible_range (CltCustomerList *self,
                                                      guint            start,
                                                      guint            end);
/* With @later, held rows from the visible end on wait after a count, and
 * pages first asked for wait, until clt_customer_list_refill_below ()
 * ("refill-waiting" is set meanwhile). */
void             clt_customer_list_set_refill_below_later (CltCustomerList *self,
                                                           gboolean         later);
void             clt_customer_list_refill_below           (CltCustomerList *self);
gboolean         clt_customer_list_get_refill_waiting     (CltCustomerList *self);
/* Whether the row at @position shows a customer of the current query:
 * no new query is being counted, and its page is loaded, not refilling. */
gboolean         clt_customer_list_is_current     (CltCustomerList *self,
                                                   guint            position);
/* Position of the customer with @id among loaded rows, or G_MAXUINT. */
guint            clt_customer_list_find_loaded    (CltCustomerList *self,
                                                   const char      *customer_id);

G_END_DECLS
