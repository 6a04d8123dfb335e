/* customer-list-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clt-customer-list.h"
#include "clt-query.h"

#include "fake-store.h"

G_BEGIN_DECLS

void             run_until_idle (void);
CltCustomerList *create_list    (FakeStore        *store,
                                 CltQuery         *query,
                                 guint             page_size,
                                 guint             max_pages);
CltQuery        *create_query   (const char       *search_text,
                                 CltSortKey        sort_key,
                                 CltSortDirection  direction);
void             touch          (CltCustomerList  *list,
                                 guint             position);

G_END_DECLS
