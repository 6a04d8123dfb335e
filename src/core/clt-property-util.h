/* clt-property-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Private helpers shared by the domain objects' property setters.
 * Each stores @value in @field and returns whether the stored value
 * changed, so that the caller notifies only on change. */

/* The empty vector that unset string-vector properties read as. */
extern const char * const clt_empty_strv[];

gboolean clt_set_string    (char               **field,
                            const char          *value);
gboolean clt_set_strv      (char              ***field,
                            const char * const  *value);
gboolean clt_set_date_time (GDateTime          **field,
                            GDateTime           *value);
gboolean clt_set_variant   (GVariant           **field,
                            GVariant            *value);

G_END_DECLS
