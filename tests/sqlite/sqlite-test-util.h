/* sqlite-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-sqlite-store.h"

G_BEGIN_DECLS

/* Fixtures shared by the SQLite store test programs. */

void            remove_tree  (const char    *path);
void            on_result_cb (GObject       *object,
                              GAsyncResult  *result,
                              gpointer       user_data);
GAsyncResult   *wait_for     (GAsyncResult **slot);
CltSqliteStore *open_store   (const char    *path);
void            close_store  (CltSqliteStore *store);

G_END_DECLS
