/* clt-group-membership.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clt-types.h"

G_BEGIN_DECLS

/* Adding several customers to a customer group, or removing them from it,
 * as the table's multi-selection and the customer page do: each customer
 * is read fresh and written at the version read (one more read and try
 * when someone changed it in between), so a membership change never undoes
 * another change to the customer. Customers are done one after another;
 * one that fails does not stop the others, and the report says who failed
 * and why. */

/* At most this many customers a call (CLT_STORE_ERROR_TOO_LARGE). */
#define CLT_GROUP_MEMBERSHIP_MAX_CUSTOMERS 1000

typedef struct
{
  char   *customer_id;
  /* The customer's name or email when it could be read, else the id. */
  char   *label;
  GError *error;
} CltMembershipFailure;

typedef struct
{
  /* Customers whose groups changed. */
  guint      n_changed;
  /* Customers that were in the group already (add) or not in it (remove). */
  guint      n_unchanged;
  /* CltMembershipFailure, in the order of the ids. */
  GPtrArray *failures;
} CltMembershipReport;

void                 clt_membership_report_free          (CltMembershipReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CltMembershipReport, clt_membership_report_free)

/* Adds (@add) or removes @group_code for each of @customer_ids. Fails as a
 * whole only when cancelled or when the arguments are wrong (no ids, too
 * many, not a group code); everything else lands in the report. */
void                 clt_group_membership_apply_async    (CltStore            *store,
                                                          const char * const  *customer_ids,
                                                          const char          *group_code,
                                                          gboolean             add,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
CltMembershipReport *clt_group_membership_apply_finish   (CltStore            *store,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* @codes with @code added (at the end, once) or removed: a new GStrv. */
GStrv                clt_group_codes_change              (const char * const  *codes,
                                                          const char          *code,
                                                          gboolean             add);

G_END_DECLS
