/* clt-password.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Customer passwords are stored only as salted hashes in crypt(5) form,
 * made with libxcrypt's preferred method (yescrypt, "$y$…"); verifying
 * accepts any hash libxcrypt knows, so older methods keep working.
 *
 * clt_password_generate() makes a password to show a user once: four groups
 * of four characters from letters and digits that cannot be mistaken for one
 * another (no 0/O, 1/l/I), such as "hT4k-9mQx-Wc7e-Rb3N", about 90 bits of
 * randomness from the kernel's generator. */

#define CLT_PASSWORD_GENERATED_LENGTH 19

char     *clt_password_hash      (const char  *password,
                                  GError     **error);
gboolean  clt_password_verify    (const char  *password,
                                  const char  *hash);
/* Whether @hash looks like a crypt(5) hash this system can verify. */
gboolean  clt_password_is_hash   (const char  *hash);
char     *clt_password_generate  (void);

G_END_DECLS
