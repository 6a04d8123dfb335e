/* fake-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fake-store"

#include "config.h"

#include <string.h>

#include "clt-customer.h"
#include "clt-query.h"

#include "fake-store.h"

typedef struct
{
  FakeRequestKind  kind;
  GTask           *task;
  CltQuery        *query;
  guint            offset;
  guint            limit;
} Request;

struct _FakeStore
{
  GObject     parent_instance;

  GPtrArray  *customers;
  GQueue      held;
  GQueue      ready;
  guint       ready_source;
  GHashTable *list_calls_by_offset;
  guint       n_count_calls;
  guint       n_list_calls;
  guint       hold : 1;
  guint       fail : 1;
  guint       quiet : 1;
};

static void store_iface_init (CltStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeStore, fake_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CLT_TYPE_STORE, store_iface_init))

enum {
  PROP_0,
  PROP_READ_ONLY,
  PROP_LOCATION,
  N_PROPS
};

static const char * const base_names[] = { "Meyer", "Müller", "Schmidt", "Dubois", "Smith" };

static void
request_free (Request *request)
{
  g_clear_object (&request->task);
  g_clear_object (&request->query);
  g_free (request);
}

static CltCustomer *
generate_customer (guint index)
{
  CltCustomer *customer = clt_customer_new ();
  g_autofree char *id = g_strdup_printf ("c%05u", index);
  g_autofree char *number = g_strdup_printf ("CUST-%05u", index);
  g_autofree char *email = g_strdup_printf ("c%05u@example.com", index);
  g_autofree char *last_name = g_strdup_printf ("%s %05u",
                                                base_names[index % G_N_ELEMENTS (base_names)],
                                                index);

  clt_customer_set_id (customer, id);
  clt_customer_set_number (customer, number);
  clt_customer_set_email (customer, email);
  clt_customer_set_first_name (customer, "Alex");
  clt_customer_set_last_name (customer, last_name);
  clt_customer_set_loaded (customer, TRUE);

  return customer;
}

static int
compare_customers (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  CltCustomer *ca = *(CltCustomer **) a;
  CltCustomer *cb = *(CltCustomer **) b;
  CltQuery *query = user_data;
  int result = 0;

  if (clt_query_get_sort_key (query) == CLT_SORT_KEY_LAST_NAME)
    result = g_strcmp0 (clt_customer_get_last_name (ca), clt_customer_get_last_name (cb));
  if (result == 0)
    result = g_strcmp0 (clt_customer_get_id (ca), clt_customer_get_id (cb));
  if (clt_query_get_sort_direction (query) == CLT_SORT_DESCENDING)
    result = -result;

  return result;
}

static void
complete_request (FakeStore *self,
                  Request   *request)
{
  g_autoptr(GPtrArray) selected = NULL;

  if (self->fail)
    {
      g_task_return_new_error (request->task, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE,
                               "The test store is unavailable.");
      return;
    }

  selected = fake_store_select (self, request->query);

  {
    GPtrArray *page = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = request->offset; i < selected->len && page->len < request->limit; i++)
      g_ptr_array_add (page, clt_customer_copy (g_ptr_array_index (selected, i)));

    g_task_return_pointer (request->task,
                           clt_customer_rows_new (page, request->kind == FAKE_REQUEST_COUNT
                                                        ? selected->len : CLT_TOTAL_UNKNOWN),
                           (GDestroyNotify) clt_customer_rows_free);
  }
}

static gboolean
complete_ready_cb (gpointer user_data)
{
  FakeStore *self = user_data;
  Request *request;

  self->ready_source = 0;

  while ((request = g_queue_pop_head (&self->ready)))
    {
      complete_request (self, request);
      request_free (request);
    }

  return G_SOURCE_REMOVE;
}

static void
make_ready (FakeStore *self,
            Request   *request)
{
  g_queue_push_tail (&self->ready, request);
  if (self->ready_source == 0)
    self->ready_source = g_idle_add (complete_ready_cb, self);
}

static void
add_request (FakeStore           *self,
             FakeRequestKind      kind,
             CltQuery            *query,
             guint                offset,
             guint                limit,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  Request *request = g_new0 (Request, 1);

  request->kind = kind;
  request->query = clt_query_copy (query);
  request->offset = offset;
  request->limit = limit;
  request->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (request->task, source_tag);
  /* Deliver what we computed even if cancelled: the list must cope. */
  g_task_set_check_cancellable (request->task, FALSE);

  if (self->hold)
    g_queue_push_tail (&self->held, request);
  else
    make_ready (self, request);
}

static void
fake_store_list_customers (CltStore            *store,
                           CltQuery            *query,
                           guint                page_index,
                           guint                page_size,
                           CltListFlags         flags,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  FakeStore *self = FAKE_STORE (store);
  guint offset = page_index * page_size;
  guint limit = page_size;
  guint n;

  /* As every store (clt-store.h). */
  if (page_size > CLT_STORE_MAX_PAGE_SIZE)
    {
      g_task_report_new_error (self, callback, user_data, fake_store_list_customers,
                               CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_LARGE,
                               "At most %u customers per page.", (guint) CLT_STORE_MAX_PAGE_SIZE);
      return;
    }

  /* Asked with the total: what the tests call a count. */
  if ((flags & CLT_LIST_FLAGS_WITH_TOTAL) != 0)
    {
      self->n_count_calls++;
      add_request (self, FAKE_REQUEST_COUNT, query, offset, limit, cancellable, callback,
                   user_data, fake_store_list_customers);
      return;
    }

  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->list_calls_by_offset,
                                             GUINT_TO_POINTER (offset)));

  self->n_list_calls++;
  g_hash_table_insert (self->list_calls_by_offset, GUINT_TO_POINTER (offset),
                       GUINT_TO_POINTER (n + 1));
  add_request (self, FAKE_REQUEST_LIST, query, offset, limit, cancellable, callback, user_data,
               fake_store_list_customers);
}

static void
store_iface_init (CltStoreInterface *iface)
{
  iface->list_customers = fake_store_list_customers;
}

static void
fake_store_dispose (GObject *object)
{
  FakeStore *self = FAKE_STORE (object);

  g_clear_handle_id (&self->ready_source, g_source_remove);
  g_queue_clear_full (&self->held, (GDestroyNotify) request_free);
  g_queue_clear_full (&self->ready, (GDestroyNotify) request_free);

  G_OBJECT_CLASS (fake_store_parent_class)->dispose (object);
}

static void
fake_store_finalize (GObject *object)
{
  FakeStore *self = FAKE_STORE (object);

  g_clear_pointer (&self->customers, g_ptr_array_unref);
  g_clear_pointer (&self->list_calls_by_offset, g_hash_table_unref);

  G_OBJECT_CLASS (fake_store_parent_class)->finalize (object);
}

static void
fake_store_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_READ_ONLY:
      g_value_set_boolean (value, TRUE);
      break;

    case PROP_LOCATION:
      g_value_set_string (value, "fake:");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_store_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_READ_ONLY:
    case PROP_LOCATION:
      /* Fixed for the fake. */
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_store_class_init (FakeStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fake_store_dispose;
  object_class->finalize = fake_store_finalize;
  object_class->get_property = fake_store_get_property;
  object_class->set_property = fake_store_set_property;

  g_object_class_override_property (object_class, PROP_READ_ONLY, "read-only");
  g_object_class_override_property (object_class, PROP_LOCATION, "location");
}

static void
fake_store_init (FakeStore *self)
{
  self->customers = g_ptr_array_new_with_free_func (g_object_unref);
  self->list_calls_by_offset = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->held);
  g_queue_init (&self->ready);
}

FakeStore *
fake_store_new (guint n_customers)
{
  FakeStore *self = g_object_new (FAKE_TYPE_STORE, NULL);

  for (guint i = 0; i < n_customers; i++)
    g_ptr_array_add (self->customers, generate_customer (i));

  return self;
}

void
fake_store_set_n_customers (FakeStore *self,
                            guint      n_customers)
{
  g_return_if_fail (FAKE_IS_STORE (self));

  if (n_customers < self->customers->len)
    g_ptr_array_set_size (self->customers, n_customers);
  for (guint i = self->customers->len; i < n_customers; i++)
    g_ptr_array_add (self->customers, generate_customer (i));

  if (!self->quiet)
    clt_store_emit_changed (CLT_STORE (self), CLT_CHANGE_CUSTOMERS, NULL);
}

void
fake_store_set_last_name (FakeStore  *self,
                          guint       index,
                          const char *last_name)
{
  CltCustomer *customer;

  g_return_if_fail (FAKE_IS_STORE (self));
  g_return_if_fail (index < self->customers->len);

  customer = g_ptr_array_index (self->customers, index);
  clt_customer_set_last_name (customer, last_name);
  if (!self->quiet)
    clt_store_emit_changed (CLT_STORE (self), CLT_CHANGE_CUSTOMER, clt_customer_get_id (customer));
}

void
fake_store_set_quiet (FakeStore *self,
                      gboolean   quiet)
{
  g_return_if_fail (FAKE_IS_STORE (self));

  self->quiet = !!quiet;
}

GPtrArray *
fake_store_select (FakeStore *self,
                   CltQuery  *query)
{
  g_autofree char *needle = NULL;
  GPtrArray *selected;

  g_return_val_if_fail (FAKE_IS_STORE (self), NULL);
  g_return_val_if_fail (CLT_IS_QUERY (query), NULL);

  needle = g_utf8_casefold (clt_query_get_search_text (query), -1);
  selected = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->customers->len; i++)
    {
      CltCustomer *customer = g_ptr_array_index (self->customers, i);
      g_autofree char *haystack = g_utf8_casefold (clt_customer_get_last_name (customer), -1);

      if (strstr (haystack, needle) != NULL)
        g_ptr_array_add (selected, g_object_ref (customer));
    }

  g_ptr_array_sort_with_data (selected, compare_customers, query);

  return selected;
}

void
fake_store_set_hold (FakeStore *self,
                     gboolean   hold)
{
  g_return_if_fail (FAKE_IS_STORE (self));

  self->hold = !!hold;
}

guint
fake_store_release (FakeStore       *self,
                    FakeRequestKind  kind)
{
  GList *l;
  guint n = 0;

  g_return_val_if_fail (FAKE_IS_STORE (self), 0);

  l = self->held.head;
  while (l != NULL)
    {
      GList *next = l->next;
      Request *request = l->data;

      if (kind == FAKE_REQUEST_ANY || request->kind == kind)
        {
          g_queue_delete_link (&self->held, l);
          make_ready (self, request);
          n++;
        }

      l = next;
    }

  return n;
}

guint
fake_store_get_n_held (FakeStore       *self,
                       FakeRequestKind  kind)
{
  guint n = 0;

  g_return_val_if_fail (FAKE_IS_STORE (self), 0);

  for (GList *l = self->held.head; l != NULL; l = l->next)
    {
      Request *request = l->data;

      if (kind == FAKE_REQUEST_ANY || request->kind == kind)
        n++;
    }

  return n;
}

guint
fake_store_get_n_held_cancelled (FakeStore *self)
{
  guint n = 0;

  g_return_val_if_fail (FAKE_IS_STORE (self), 0);

  for (GList *l = self->held.head; l != NULL; l = l->next)
    {
      Request *request = l->data;
      GCancellable *cancellable = g_task_get_cancellable (request->task);

      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        n++;
    }

  return n;
}

void
fake_store_set_fail (FakeStore *self,
                     gboolean   fail)
{
  g_return_if_fail (FAKE_IS_STORE (self));

  self->fail = !!fail;
}

guint
fake_store_get_n_count_calls (FakeStore *self)
{
  g_return_val_if_fail (FAKE_IS_STORE (self), 0);

  return self->n_count_calls;
}

guint
fake_store_get_n_list_calls (FakeStore *self)
{
  g_return_val_if_fail (FAKE_IS_STORE (self), 0);

  return self->n_list_calls;
}

guint
fake_store_get_n_list_calls_at (FakeStore *self,
                                guint      offset)
{
  g_return_val_if_fail (FAKE_IS_STORE (self), 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->list_calls_by_offset,
                                                GUINT_TO_POINTER (offset)));
}
