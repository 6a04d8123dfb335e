/* clt-catalog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *clt_catalog_get_directory (void);
const char *clt_catalog_gettext       (const char *locale,
                                       const char *msgid) G_GNUC_FORMAT (2);

G_END_DECLS
