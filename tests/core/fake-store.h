/* fake-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clt-store.h"

G_BEGIN_DECLS

#define FAKE_TYPE_STORE (fake_store_get_type ())

G_DECLARE_FINAL_TYPE (FakeStore, fake_store, FAKE, STORE, GObject)

/* A CltStore for list-model tests: N generated customers in memory, only
 * list_customers (a call with CLT_LIST_FLAGS_WITH_TOTAL, as
 * clt_store_count_customers_async () makes, counts as a "count" request). Customer i has id "c%05u" and last
 * name "<Base> %05u" with Base one of Meyer, Müller, Schmidt, Dubois, Smith
 * (i % 5). The search text filters by substring of the last name (case
 * folded); sort-key last-name sorts by it in either direction, any other key
 * sorts by id.
 *
 * Requests complete from an idle callback, or, while held, when the test
 * releases them. Results are computed when a request completes, and a
 * request completes successfully even if its cancellable was cancelled
 * meanwhile (as a store does that finished before it noticed): the list
 * must ignore such results itself. */

typedef enum
{
  FAKE_REQUEST_ANY,
  FAKE_REQUEST_COUNT,
  FAKE_REQUEST_LIST,
} FakeRequestKind;

FakeStore *fake_store_new                    (guint            n_customers);
/* Grows or shrinks the data (new customers are generated as above) and
 * emits "changed" (NULL). */
void       fake_store_set_n_customers        (FakeStore       *self,
                                              guint            n_customers);
/* Renames customer @index (by generation order) and emits "changed". */
void       fake_store_set_last_name          (FakeStore       *self,
                                              guint            index,
                                              const char      *last_name);
/* While quiet, the two calls above change the data without "changed", as
 * if the signal were still on its way. */
void       fake_store_set_quiet              (FakeStore       *self,
                                              gboolean         quiet);
/* The customers @query selects, in its order (transfer full). */
GPtrArray *fake_store_select                 (FakeStore       *self,
                                              CltQuery        *query);
void       fake_store_set_hold               (FakeStore       *self,
                                              gboolean         hold);
/* Completes the held requests of @kind, in the order they were made, from
 * an idle callback. Returns how many. */
guint      fake_store_release                (FakeStore       *self,
                                              FakeRequestKind  kind);
guint      fake_store_get_n_held             (FakeStore       *self,
                                              FakeRequestKind  kind);
/* Held requests whose cancellable has been cancelled. */
guint      fake_store_get_n_held_cancelled   (FakeStore       *self);
/* Requests completing from now on fail with CLT_STORE_ERROR_UNAVAILABLE. */
void       fake_store_set_fail               (FakeStore       *self,
                                              gboolean         fail);
guint      fake_store_get_n_count_calls      (FakeStore       *self);
guint      fake_store_get_n_list_calls       (FakeStore       *self);
/* List calls made with this offset. */
guint      fake_store_get_n_list_calls_at    (FakeStore       *self,
                                              guint            offset);

G_END_DECLS
