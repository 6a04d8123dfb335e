/* clt-json-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of CltJson share: clt-json.c (objects), clt-json-parse.c
 * (checking and parsing bodies, the change feed) and clt-json-problem.c
 * (problem bodies, error fields).
 */

#pragma once

#include "clt-error.h"
#include "clt-json.h"

G_BEGIN_DECLS

/* Whether @text is acceptable text for a member: valid UTF-8. */
G_GNUC_INTERNAL gboolean clt_json_check_text   (const char  *text);

/* Sets @error to CLT_STORE_ERROR_INVALID for member @member of the object
 * at @prefix ("" at the top, "addresses[2]." inside). */
G_GNUC_INTERNAL void     clt_json_set_invalid  (GError     **error,
                                                const char  *prefix,
                                                const char  *member,
                                                const char  *message);

G_END_DECLS
