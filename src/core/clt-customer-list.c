/* clt-customer-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-customer-list"

#include "config.h"

#include "clt-customer-list-private.h"
#include "clt-customer.h"
#include "clt-query.h"
#include "clt-store.h"

#define DEFAULT_PAGE_SIZE 100
#define DEFAULT_MAX_PAGES 40
/* See clt_customer_list_refill_below (). */
#define FAR_QUIET_MS      150

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

/* A count asks for the first @n_pages pages with the total. */
typedef struct
{
  CltCustomerList *self;
  GCancellable    *cancellable;
  guint            n_pages;
} CountRequest;

static void
count_request_free (CountRequest *request)
{
  g_clear_object (&request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CountRequest, count_request_free)

void
_clt_customer_list_update_loading (CltCustomerList *self)
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
void
_clt_customer_list_set_page_waiting (CltCustomerList *self,
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
   * wait (_clt_customer_list_notify_refill_waiting ()), even when some
   * waited already. */
  if (self->n_waiting == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFILL_WAITING]);
}

void
_clt_customer_list_notify_n_items (CltCustomerList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
_clt_customer_list_emit_error (CltCustomerList *self,
                               const GError    *error)
{
  g_debug ("Store request failed: %s", error->message);
  g_signal_emit (self, signals[ERROR], 0, error);
}

/* After a count that left rows waiting: a view that was told before and
 * whose refill found a count under way calls refill_below () again. */
void
_clt_customer_list_notify_refill_waiting (CltCustomerList *self)
{
  if (self->n_waiting > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFILL_WAITING]);
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
      _clt_customer_list_update_loading (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _clt_customer_list_emit_error (self, error);
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
      _clt_customer_list_swap_contents (self, n_customers, rows, request->n_pages);
    }
  else if (n_customers != self->n_items)
    {
      _clt_customer_list_swap_contents (self, n_customers, rows, request->n_pages);
    }
  else
    {
      _clt_customer_list_refetch_cached_pages (self, rows, request->n_pages);
    }

  _clt_customer_list_update_loading (self);
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

  _clt_customer_list_update_loading (self);
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
          _clt_customer_list_cancel_page_request (self, page);
          _clt_customer_list_set_page_waiting (self, page, TRUE);
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
void
_clt_customer_list_schedule_reload (CltCustomerList *self)
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
    _clt_customer_list_schedule_reload (self);
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
      page = _clt_customer_list_create_page (self, index, TRUE);
    }
  else if (self->lru.head != &page->link)
    {
      g_queue_unlink (&self->lru, &page->link);
      g_queue_push_head_link (&self->lru, &page->link);
    }

  return g_object_ref (_clt_customer_list_page_get_row (page, position % self->page_size));
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

/* How far rows of @page are from the screen (see set_visible_range ()). */
Distance
_clt_customer_list_page_distance (CltCustomerList *self,
                                  Page            *page)
{
  guint64 first = (guint64) page->index * self->page_size;
  guint64 end = first + page->rows->len;
  guint64 screen;

  if (self->visible_end == G_MAXUINT ||
      (first < self->visible_end && end > self->visible_start))
    return DISTANCE_ON_SCREEN;

  screen = self->visible_end - self->visible_start;
  if (first < self->visible_end + screen && end + screen > self->visible_start)
    return DISTANCE_NEAR;

  return DISTANCE_FAR;
}

/* Whether a page on screen is being read (or refilled). */
gboolean
_clt_customer_list_reading_on_screen (CltCustomerList *self)
{
  for (GList *l = self->lru.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      if (page->cancellable != NULL &&
          _clt_customer_list_page_distance (self, page) == DISTANCE_ON_SCREEN)
        return TRUE;
    }
  return FALSE;
}

/* Whether a page that waits is at most @distance from the screen. */
gboolean
_clt_customer_list_waiting_within (CltCustomerList *self,
                                   Distance         distance)
{
  if (self->n_waiting == 0)
    return FALSE;

  for (GList *l = self->lru.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      if (page->waiting && _clt_customer_list_page_distance (self, page) <= distance)
        return TRUE;
    }
  return FALSE;
}

/* Starts the refills that wait at most @distance from the screen. */
static void
start_waiting (CltCustomerList *self,
               Distance         distance)
{
  /* Starting a request changes no other page. */
  for (GList *l = self->lru.head; l != NULL && self->n_waiting > 0; l = l->next)
    {
      Page *page = l->data;

      if (page->waiting && _clt_customer_list_page_distance (self, page) <= distance)
        _clt_customer_list_start_page_request (self, page);
    }
}

static void
cancel_far_refill (CltCustomerList *self)
{
  if (self->far_source == NULL)
    return;

  g_source_destroy (self->far_source);
  g_clear_pointer (&self->far_source, g_source_unref);
}

static gboolean
far_refill_cb (gpointer user_data)
{
  CltCustomerList *self = user_data;

  g_clear_pointer (&self->far_source, g_source_unref);
  /* A count under way decides again; its answer asks the view again. */
  if (self->count_cancellable == NULL)
    {
      start_waiting (self, DISTANCE_FAR);
      _clt_customer_list_update_loading (self);
    }

  return G_SOURCE_REMOVE;
}

/* The pages far from the screen are read once the view has been quiet
 * for FAR_QUIET_MS: counted from the last refill_below (). */
static void
schedule_far_refill (CltCustomerList *self)
{
  cancel_far_refill (self);
  if (self->n_waiting == 0)
    return;

  self->far_source = g_timeout_source_new (FAR_QUIET_MS);
  g_source_set_callback (self->far_source, far_refill_cb, self, NULL);
  g_source_set_static_name (self->far_source, "[clt] CltCustomerList far refill");
  g_source_attach (self->far_source, g_main_context_get_thread_default ());
}

static void
clt_customer_list_dispose (GObject *object)
{
  CltCustomerList *self = CLT_CUSTOMER_LIST (object);

  cancel_scheduled_reload (self);
  cancel_far_refill (self);

  if (self->count_cancellable != NULL)
    {
      g_cancellable_cancel (self->count_cancellable);
      g_clear_object (&self->count_cancellable);
    }

  _clt_customer_list_drop_cache (self);

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
   * Whether held rows below the visible end, or pages first asked for,
   * wait for clt_customer_list_refill_below () (see
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
  self->parked = g_hash_table_new_full (NULL, NULL, NULL,
                                        (GDestroyNotify) _clt_customer_list_page_free);
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
            _clt_customer_list_notify_refill_waiting (self);
          else
            clt_customer_list_refill_below (self);
          _clt_customer_list_update_loading (self);
        }
    }
  else if (self->pending_query == NULL && !self->stale && self->count_cancellable == NULL &&
           clt_query_same_filter (query, self->query))
    {
      /* Only the order changed: the same customers, so the same count.
       * Refill the rows on screen in the new order, without a recount. */
      g_clear_object (&self->query);
      self->query = clt_query_copy (query);
      _clt_customer_list_swap_contents (self, self->n_items, NULL, 0);
      _clt_customer_list_update_loading (self);
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

/**
 * clt_customer_list_get_counting:
 *
 * Returns: whether a count is under way: a new query's, or a reload's
 */
gboolean
clt_customer_list_get_counting (CltCustomerList *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_LIST (self), FALSE);

  return self->count_cancellable != NULL;
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

/**
 * clt_customer_list_get_n_cached_rows:
 *
 * Returns: how many row objects the cached pages hold: a row is made when
 *   get_item () first asks for its position
 */
guint
clt_customer_list_get_n_cached_rows (CltCustomerList *self)
{
  guint n = 0;

  g_return_val_if_fail (CLT_IS_CUSTOMER_LIST (self), 0);

  for (GList *l = self->lru.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      for (guint i = 0; i < page->rows->len; i++)
        if (g_ptr_array_index (page->rows, i) != NULL)
          n++;
    }

  return n;
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
          CltCustomer *item = page_peek_loaded (page, i);

          if (item != NULL && g_strcmp0 (clt_customer_get_id (item), customer_id) == 0)
            return page->index * self->page_size + i;
        }
    }

  return G_MAXUINT;
}

/**
 * clt_customer_list_set_visible_range:
 * @start: the position of the first row in the viewport
 * @end: the position of the first row below the viewport, or %G_MAXUINT
 *   when the view does not know
 *
 * Tells the list which rows a view shows: a new query's count then brings
 * the rows on screen with it, and the rows a view only keeps ready below
 * them refill right after. Of the pages that wait for
 * clt_customer_list_refill_below (), those on screen are read first, then
 * those within a screenful of it, and the others once the view is quiet.
 * Without it, every held row counts as shown.
 */
void
clt_customer_list_set_visible_range (CltCustomerList *self,
                                     guint            start,
                                     guint            end)
{
  g_return_if_fail (CLT_IS_CUSTOMER_LIST (self));

  self->visible_start = MIN (start, end);
  self->visible_end = end;

  /* Scrolled up to rows that wait far from the screen: they are near now. */
  if (self->refill_below_later && self->count_cancellable == NULL &&
      _clt_customer_list_waiting_within (self, DISTANCE_NEAR))
    _clt_customer_list_notify_refill_waiting (self);
}

/**
 * clt_customer_list_set_refill_below_later:
 * @later: whether held rows below the visible end wait
 *
 * With @later, a new count refills the held rows on screen at once and
 * makes those below the visible end (see
 * clt_customer_list_set_visible_range ()) wait for
 * clt_customer_list_refill_below (), with "refill-waiting" set: a view
 * calls it once the frame that shows the rows on screen is painted, so
 * that their store reads do not compete with that frame for the CPU.
 * A page first asked for (get_item ()) waits the same way, on screen or
 * not: a scroll jump asks for its rows inside the frame that lays them
 * out. Without it (the default) they refill right after the count and new
 * pages are read at once, as the waiting ones are when @later is turned
 * off.
 */
void
clt_customer_list_set_refill_below_later (CltCustomerList *self,
                                          gboolean         later)
{
  g_return_if_fail (CLT_IS_CUSTOMER_LIST (self));

  self->refill_below_later = !!later;
  if (!later && self->n_waiting > 0 && self->count_cancellable == NULL)
    {
      cancel_far_refill (self);
      start_waiting (self, DISTANCE_FAR);
      _clt_customer_list_update_loading (self);
    }
}

/**
 * clt_customer_list_refill_below:
 *
 * Starts the refills that wait (see
 * clt_customer_list_set_refill_below_later ()). While a new count is under
 * way they keep waiting: that count decides again which rows it brings.
 *
 * Pages on screen (see clt_customer_list_set_visible_range ()) go first;
 * once none of them is being read, those within a screenful of it; and
 * the rest once the view has been quiet for FAR_QUIET_MS (no call of this
 * meanwhile). When the last page on screen comes in, "refill-waiting" is
 * notified again.
 *
 * A scroll jump's ~200 rows (GTK 4.8) ask for one or two pages on screen
 * and three or four below. All read at once on two cores, the ones below
 * took the CPU from the fill of the rows on screen and from the frame that
 * painted them (1M, the frames after a jump: 12 ms of the readers' CPU
 * before each), and were mostly read for nothing: the next jump came
 * before anyone could see them.
 */
void
clt_customer_list_refill_below (CltCustomerList *self)
{
  g_return_if_fail (CLT_IS_CUSTOMER_LIST (self));

  if (self->n_waiting == 0 || self->count_cancellable != NULL)
    return;

  start_waiting (self, DISTANCE_ON_SCREEN);
  if (!_clt_customer_list_reading_on_screen (self))
    start_waiting (self, DISTANCE_NEAR);
  schedule_far_refill (self);
  _clt_customer_list_update_loading (self);
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

  return page_peek_loaded (page, position % self->page_size) != NULL;
}
