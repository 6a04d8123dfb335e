/* clt-query.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

#define CLT_TYPE_QUERY (clt_query_get_type ())

G_DECLARE_FINAL_TYPE (CltQuery, clt_query, CLT, QUERY, GObject)

/* What the customer table asks the store for: search text, filters and the
 * sort. Properties: "search-text" (plain text typed by the user, never a
 * query language: any string is valid), "status" (CltStatusFilter), "group"
 * (group code or ""), "company" (company id or ""), "site" (site code or
 * ""), "country" (ISO alpha-2 or ""), "registered-from", "registered-until" (GDateTime or NULL,
 * inclusive/exclusive), "sort-key" (CltSortKey), "sort-direction"
 * (CltSortDirection), "sort-field" (a custom field key: when set, the
 * rows are in the order of that field's values, customers without one
 * last in either direction; "" sorts by "sort-key").
 *
 * Custom field filters: any number, at most one per key and CltFieldMatch
 * (adding another replaces it); the value is text as a user types it
 * ("12.5", "true"/"false", "YYYY-MM-DD", a choice) and the store reads
 * it by the field's type. They change no property (nothing is notified).
 *
 * A query handed to a store or a CltCustomerList is copied by them, so the
 * caller may go on changing its own. */

CltQuery          *clt_query_new                  (void);
CltQuery          *clt_query_copy                 (CltQuery           *self);
/* TRUE when both would return the same rows in the same order. */
gboolean           clt_query_equal                (CltQuery           *a,
                                                   CltQuery           *b);
/* TRUE when both select the same rows (sort may differ): counts agree. */
gboolean           clt_query_same_filter          (CltQuery           *a,
                                                   CltQuery           *b);
/* TRUE when nothing narrows the result (no text, no filter, no exclusion). */
gboolean           clt_query_is_unfiltered        (CltQuery           *self);
const char        *clt_query_get_search_text      (CltQuery           *self);
void               clt_query_set_search_text      (CltQuery           *self,
                                                   const char         *search_text);
CltStatusFilter    clt_query_get_status           (CltQuery           *self);
void               clt_query_set_status           (CltQuery           *self,
                                                   CltStatusFilter     status);
const char        *clt_query_get_group            (CltQuery           *self);
void               clt_query_set_group            (CltQuery           *self,
                                                   const char         *group);
const char        *clt_query_get_company          (CltQuery           *self);
void               clt_query_set_company          (CltQuery           *self,
                                                   const char         *company);
const char        *clt_query_get_site             (CltQuery           *self);
void               clt_query_set_site             (CltQuery           *self,
                                                   const char         *site);
const char        *clt_query_get_country          (CltQuery           *self);
void               clt_query_set_country          (CltQuery           *self,
                                                   const char         *country);
GDateTime         *clt_query_get_registered_from  (CltQuery           *self);
void               clt_query_set_registered_from  (CltQuery           *self,
                                                   GDateTime          *from);
GDateTime         *clt_query_get_registered_until (CltQuery           *self);
void               clt_query_set_registered_until (CltQuery           *self,
                                                   GDateTime          *until);
CltSortKey         clt_query_get_sort_key         (CltQuery           *self);
void               clt_query_set_sort_key         (CltQuery           *self,
                                                   CltSortKey          sort_key);
CltSortDirection   clt_query_get_sort_direction   (CltQuery           *self);
void               clt_query_set_sort_direction   (CltQuery           *self,
                                                   CltSortDirection    direction);
const char        *clt_query_get_sort_field       (CltQuery           *self);
void               clt_query_set_sort_field       (CltQuery           *self,
                                                   const char         *key);
void               clt_query_add_field_filter     (CltQuery           *self,
                                                   const char         *key,
                                                   CltFieldMatch       match,
                                                   const char         *value);
/* @key NULL: every field's filters. */
void               clt_query_remove_field_filters (CltQuery           *self,
                                                   const char         *key);
guint              clt_query_get_n_field_filters  (CltQuery           *self);
/* Returns the key of filter @index (ordered by key, then match). */
const char        *clt_query_get_field_filter     (CltQuery           *self,
                                                   guint               index,
                                                   CltFieldMatch      *match,
                                                   const char        **value);

/* Case- and accent-insensitive folding used on both sides of a search:
 * NFKD, combining marks dropped, casefolded, ß → ss, whitespace collapsed.
 * "Müller" and "MULLER" both fold to "muller". */
char              *clt_fold_text                  (const char         *text);

G_END_DECLS
