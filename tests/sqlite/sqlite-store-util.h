/* sqlite-store-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-customer.h"
#include "clt-import-report.h"
#include "clt-query.h"
#include "clt-sqlite-store.h"

G_BEGIN_DECLS

/* Helpers of the CltSqliteStore test programs (test-sqlite-store,
 * test-sqlite-query). */

/* The size of the generated sample the sort and paging tests load. */
#define N_SAMPLE 2000

/* A fresh temporary folder and the path of a database in it (not
 * created). */
typedef struct
{
  char *dir;
  char *path;
} Fixture;

void             fixture_setup      (Fixture        *fixture,
                                     gconstpointer   data);
void             fixture_teardown   (Fixture        *fixture,
                                     gconstpointer   data);

/* Loads @n generated customers from @seed; checks that all were imported. */
gboolean         load_sample        (CltSqliteStore *store,
                                     guint           n,
                                     guint32         seed,
                                     GError        **error);
CltImportReport *import_report      (CltSqliteStore *store,
                                     GPtrArray      *customers,
                                     GError        **error);
/* An import that must take every row. */
gboolean         import             (CltSqliteStore *store,
                                     GPtrArray      *customers,
                                     GError        **error);
guint            count              (CltSqliteStore *store,
                                     CltQuery       *query);
/* The first @limit rows of @query and its total, in one read (as the
 * table asks for a new filter). */
GPtrArray       *first_rows         (CltSqliteStore *store,
                                     CltQuery       *query,
                                     guint           limit,
                                     guint          *total);
/* Rows @offset … @offset + @limit − 1 of @query, read page by page. */
GPtrArray       *list               (CltSqliteStore *store,
                                     CltQuery       *query,
                                     guint           offset,
                                     guint           limit);
CltQuery        *search_query       (const char     *text);
gboolean         list_has_last_name (GPtrArray      *customers,
                                     const char     *last_name);
/* The first column of "PRAGMA @pragma" on @path, read-only. */
char            *pragma_text        (const char     *path,
                                     const char     *pragma);
CltCustomer     *make_customer      (const char     *id,
                                     const char     *first,
                                     const char     *last,
                                     const char     *email,
                                     const char     *company,
                                     const char     *zip,
                                     const char     *city,
                                     const char     *country);
/* A change poll held while it has its reader: the upkeep polls once a
 * second, and a request made meanwhile finds only the readers the poll
 * left. poll_hold_new () hooks into @store's polls (sql_set_poll_hook ()),
 * hold_poll () returns once one holds its reader (the upkeep's own, or
 * one it starts), release_poll () lets it go on and waits for its end. */
typedef struct _PollHold PollHold;

PollHold        *poll_hold_new      (CltSqliteStore *store);
void             hold_poll          (PollHold       *hold);
void             release_poll       (PollHold       *hold);
void             poll_hold_free     (PollHold       *hold);

/* A store on @path with seven customers whose names need folding
 * (accents, case, apostrophes). */
CltSqliteStore  *store_with_people  (const char     *path);

G_END_DECLS
