/* validate-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "clt-address.h"
#include "clt-validate.h"

G_BEGIN_DECLS

/* Fixtures shared by the validation test programs. */

/* @unit @times over. */
char *repeat         (const char *unit,
                      guint       times);
/* @error must name @field, with @expected (if not NULL) as message. */
void  assert_invalid (GError     *error,
                      const char *field,
                      const char *expected);
/* "cust-0" to "cust-<n-1>", NULL-terminated. */
char **make_ids      (guint       n);

/* A valid address in Berlin, for "cust-1". */
CltAddress *make_address           (void);
/* @address fails in @mode on @field, as a whole and for that field alone,
 * with the same message. */
void        assert_address_invalid (CltAddress      *address,
                                    CltValidateMode  mode,
                                    const char      *field);
void        assert_address_valid   (CltAddress      *address,
                                    CltValidateMode  mode);

G_END_DECLS
