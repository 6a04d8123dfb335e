/* clt-json-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of CltJson share: clt-json.c (the members of each type,
 * objects → JSON), clt-json-read.c (JSON → objects), clt-json-parse.c
 * (checking and parsing bodies, the change feed) and clt-json-problem.c
 * (problem bodies, error fields).
 */

#pragma once

#include "clt-error.h"
#include "clt-json.h"

G_BEGIN_DECLS

/* Who may set a member; see clt-json.h. */
typedef enum
{
  CLT_JSON_ACCESS_WRITABLE,
  CLT_JSON_ACCESS_CREATE_ONLY,
  CLT_JSON_ACCESS_READ_ONLY,
  CLT_JSON_ACCESS_OUTPUT,
  CLT_JSON_ACCESS_INTERNAL,
} CltJsonAccess;

typedef struct
{
  GParamSpec    *pspec;
  char          *member;
  CltJsonAccess  access;
  /* The member's name as the writer puts it: "member": */
  char          *written_name;
  gsize          written_name_len;
  /* The class that installed the property, when the writer may call its
   * get_property () directly; NULL to go through
   * g_object_get_property (). */
  GObjectClass  *owner_class;
} CltJsonMember;

/* Whether @type is one clt-json.h lists / one mapped from its properties
 * (all but the import report and the customer details). */
G_GNUC_INTERNAL gboolean             clt_json_is_mapped_type (GType          type);
G_GNUC_INTERNAL gboolean             clt_json_has_members    (GType          type);
/* The property behind member @name of @type, or NULL. */
G_GNUC_INTERNAL const CltJsonMember *clt_json_find_member    (GType          type,
                                                              const char    *name);
/* Whether a body read with @flags sets a member with @access. */
G_GNUC_INTERNAL gboolean             clt_json_takes          (CltJsonAccess  access,
                                                              CltJsonFlags   flags,
                                                              gboolean       creating);

/* Whether @text is acceptable text for a member: valid UTF-8. */
G_GNUC_INTERNAL gboolean clt_json_check_text   (const char  *text);

/* Sets @error to CLT_STORE_ERROR_INVALID for member @member of the object
 * at @prefix ("" at the top, "addresses[2]." inside). */
G_GNUC_INTERNAL void     clt_json_set_invalid  (GError     **error,
                                                const char  *prefix,
                                                const char  *member,
                                                const char  *message);

G_END_DECLS
