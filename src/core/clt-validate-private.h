/* clt-validate-private.h
 *
 * The rules that clt-validate.c, clt-validate-address.c,
 * clt-validate-shop.c and clt-validate-request.c share. Not installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "clt-validate.h"

G_BEGIN_DECLS

/* One property of a site, group, company, custom field or query. */
typedef struct
{
  const char  *field;
  gboolean   (*check) (gpointer   object,
                       char     **message);
} ObjectCheck;

/* Defined in clt-validate.c. */
G_GNUC_INTERNAL gboolean fail (char **message, const char *text);
G_GNUC_INTERNAL gboolean fail_printf (char **message, const char *format, ...) G_GNUC_PRINTF (2, 3);
G_GNUC_INTERNAL gboolean fail_too_many (char **message);
G_GNUC_INTERNAL gboolean is_blank (const char *value);
G_GNUC_INTERNAL gboolean check_text (const char *value, guint max_chars, gboolean multi_line, char **message);
G_GNUC_INTERNAL gboolean check_required_text (const char *value, guint max_chars, gboolean multi_line, const char *required_message, char **message);
G_GNUC_INTERNAL gboolean check_domain_labels (const char *domain, guint *n_labels, const char **tld);
G_GNUC_INTERNAL gboolean parse_date (const char *date, GDate *out, char **message);
G_GNUC_INTERNAL gboolean check_required_identifier (const char *id, guint max_chars, char **message);
G_GNUC_INTERNAL gboolean is_number (GVariant *value);
G_GNUC_INTERNAL gboolean is_custom_field_key (const char *key);
G_GNUC_INTERNAL gboolean run_object_checks (gpointer object, const ObjectCheck *checks, gsize n_checks, GError **error);

G_END_DECLS
