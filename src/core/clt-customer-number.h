/* clt-customer-number.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Customer numbers: readable, and not guessable from one another.
 *
 * The store hands out a plain sequence (1, 2, 3, …). A keyed permutation
 * of the 40-bit space (an 8-round Feistel network with SipHash-2-4 as its
 * round function, keyed with a secret made once per database) turns each
 * sequence value into a different, random-looking 40-bit value, written as
 * 8 Crockford base-32 symbols plus a check symbol (Luhn mod 32, which
 * catches every single mistyped symbol and most swapped neighbours), after
 * the shop's prefix: "CUST-" + "7KZ3M9QX" + "2" → "CUST-7KZ3M9QX2".
 *
 * The code is always the last 9 symbols; whatever comes before is the
 * prefix, which the shop may change over time. Crockford base 32 leaves out
 * I, L, O and U; typed input may use lower case, and I/L for 1 and O for 0
 * (clt_customer_number_normalize()). */

#define CLT_CUSTOMER_NUMBER_MAX_SEQUENCE ((G_GUINT64_CONSTANT (1) << 40) - 1)
#define CLT_CUSTOMER_NUMBER_CODE_LENGTH  9
#define CLT_CUSTOMER_NUMBER_KEY_LENGTH   32

/* A new secret: 32 lower-case hex digits (128 bits) from the kernel. */
char     *clt_customer_number_generate_key  (void);
gboolean  clt_customer_number_key_is_valid  (const char *key);
/* @sequence ≤ CLT_CUSTOMER_NUMBER_MAX_SEQUENCE; @prefix may be "". */
char     *clt_customer_number_format        (const char *key,
                                             const char *prefix,
                                             guint64     sequence);
/* The sequence value @number was made from, whatever its prefix; FALSE when
 * its code is malformed or its check symbol is wrong. */
gboolean  clt_customer_number_parse         (const char *key,
                                             const char *number,
                                             guint64    *sequence);
/* Whether @number ends in a well-formed code with a correct check symbol
 * (no key needed): tells a customer number from other search text. */
gboolean  clt_customer_number_is_valid      (const char *number);
/* @text as a user typed it ("cust-7kz3-m9qx-2", with I/L/O for 1/1/0) in
 * the canonical form (@prefix + code), or NULL when it is not a valid
 * number. A typed prefix is matched case-insensitively and may be left out. */
char     *clt_customer_number_normalize     (const char *prefix,
                                             const char *text);

G_END_DECLS
