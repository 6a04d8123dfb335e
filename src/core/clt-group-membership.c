/* clt-group-membership.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-group-membership"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "clt-customer.h"
#include "clt-error.h"
#include "clt-format.h"
#include "clt-group-membership.h"
#include "clt-store.h"
#include "clt-validate.h"

/* A stale write is read again and tried once more; a second one is
 * reported (someone keeps changing that customer). */
#define MAX_TRIES 2

typedef struct
{
  CltStore            *store;
  GStrv                customer_ids;
  char                *group_code;
  gboolean             add;
  guint                next;
  guint                tries;
  char                *label;
  CltMembershipReport *report;
} ApplyData;

static void apply_next (GTask *task);

/* On to the next customer. */
static void
advance (GTask *task)
{
  ApplyData *data = g_task_get_task_data (task);

  data->next++;
  data->tries = 0;
  g_clear_pointer (&data->label, g_free);
  apply_next (task);
}

static void
apply_data_free (ApplyData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->customer_ids, g_strfreev);
  g_clear_pointer (&data->group_code, g_free);
  g_clear_pointer (&data->label, g_free);
  g_clear_pointer (&data->report, clt_membership_report_free);
  g_free (data);
}

static void
membership_failure_free (CltMembershipFailure *failure)
{
  g_free (failure->customer_id);
  g_free (failure->label);
  g_clear_error (&failure->error);
  g_free (failure);
}

void
clt_membership_report_free (CltMembershipReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->failures, g_ptr_array_unref);
  g_free (report);
}

GStrv
clt_group_codes_change (const char * const *codes,
                        const char         *code,
                        gboolean            add)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean present = FALSE;

  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      if (g_str_equal (codes[i], code))
        {
          present = TRUE;
          if (!add)
            continue;
        }
      g_strv_builder_add (builder, codes[i]);
    }
  if (add && !present)
    g_strv_builder_add (builder, code);

  return g_strv_builder_end (builder);
}

/* Records the current customer's failure and goes on with the next one. */
static void
fail_current (GTask  *task,
              GError *error)
{
  ApplyData *data = g_task_get_task_data (task);
  CltMembershipFailure *failure = g_new0 (CltMembershipFailure, 1);

  failure->customer_id = g_strdup (data->customer_ids[data->next]);
  failure->label = data->label != NULL ? g_strdup (data->label) : g_strdup (failure->customer_id);
  failure->error = error;
  g_ptr_array_add (data->report->failures, failure);

  advance (task);
}

static void
on_groups_set_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ApplyData *data = g_task_get_task_data (task);
  g_autoptr(CltCustomer) stored = NULL;
  GError *error = NULL;

  stored = clt_store_set_customer_groups_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE) && data->tries < MAX_TRIES)
    {
      /* Read it again and decide again. */
      g_error_free (error);
      apply_next (g_steal_pointer (&task));
      return;
    }

  if (error != NULL)
    {
      fail_current (g_steal_pointer (&task), error);
      return;
    }

  data->report->n_changed++;
  advance (g_steal_pointer (&task));
}

static void
on_customer_read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ApplyData *data = g_task_get_task_data (task);
  g_autoptr(CltCustomer) customer = NULL;
  g_auto(GStrv) codes = NULL;
  GError *error = NULL;
  const char * const *current;
  GCancellable *cancellable;

  customer = clt_store_get_customer_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  if (customer == NULL)
    {
      fail_current (g_steal_pointer (&task), error);
      return;
    }

  g_free (data->label);
  data->label = clt_format_customer_name (customer);

  current = clt_customer_get_groups (customer);
  if (data->add == (current != NULL && g_strv_contains (current, data->group_code)))
    {
      data->report->n_unchanged++;
      advance (g_steal_pointer (&task));
      return;
    }

  codes = clt_group_codes_change (current, data->group_code, data->add);
  cancellable = g_task_get_cancellable (task);
  data->tries++;
  clt_store_set_customer_groups_async (data->store, clt_customer_get_id (customer),
                                       clt_customer_get_version (customer),
                                       (const char * const *) codes, cancellable,
                                       on_groups_set_cb, g_steal_pointer (&task));
}

static void
apply_next (GTask *task)
{
  ApplyData *data = g_task_get_task_data (task);

  if (data->customer_ids[data->next] == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&data->report),
                             (GDestroyNotify) clt_membership_report_free);
      g_object_unref (task);
      return;
    }

  clt_store_get_customer_async (data->store, data->customer_ids[data->next],
                                g_task_get_cancellable (task), on_customer_read_cb, task);
}

void
clt_group_membership_apply_async (CltStore            *store,
                                  const char * const  *customer_ids,
                                  const char          *group_code,
                                  gboolean             add,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *message = NULL;
  ApplyData *data;
  guint n_ids;

  g_return_if_fail (CLT_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, clt_group_membership_apply_async);

  n_ids = customer_ids != NULL ? g_strv_length ((char **) customer_ids) : 0;
  if (n_ids == 0)
    {
      g_task_return_new_error (task, CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID,
                               _("Choose the customers first."));
      return;
    }
  if (n_ids > CLT_GROUP_MEMBERSHIP_MAX_CUSTOMERS)
    {
      g_task_return_new_error (task, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_LARGE,
                               _("Choose at most %u customers at a time."),
                               (guint) CLT_GROUP_MEMBERSHIP_MAX_CUSTOMERS);
      return;
    }
  if (!clt_validate_code (group_code, &message))
    {
      g_task_return_error (task, clt_store_error_new_invalid ("group", "%s", message));
      return;
    }

  data = g_new0 (ApplyData, 1);
  data->store = g_object_ref (store);
  data->customer_ids = g_strdupv ((char **) customer_ids);
  data->group_code = g_strdup (group_code);
  data->add = add;
  data->report = g_new0 (CltMembershipReport, 1);
  data->report->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) membership_failure_free);
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);

  apply_next (g_steal_pointer (&task));
}

CltMembershipReport *
clt_group_membership_apply_finish (CltStore      *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == clt_group_membership_apply_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
