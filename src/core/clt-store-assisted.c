/* clt-store-assisted.c — CltStore's public wrappers for Assisted Buying.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-store"

#include "config.h"

#include "clt-assisted-session.h"
#include "clt-store.h"
#include "clt-store-private.h"

void
clt_store_start_assisted_buying_async (CltStore            *self,
                                       const char          *customer_id,
                                       const char          *site_code,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (site_code != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->start_assisted_buying == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_start_assisted_buying_async);
      return;
    }

  iface->start_assisted_buying (self, customer_id, site_code, cancellable, callback, user_data);
}

char *
clt_store_start_assisted_buying_finish (CltStore      *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_redeem_assisted_buying_async (CltStore            *self,
                                        const char          *token,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (token != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->redeem_assisted_buying == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_redeem_assisted_buying_async);
      return;
    }

  iface->redeem_assisted_buying (self, token, cancellable, callback, user_data);
}

CltAssistedSession *
clt_store_redeem_assisted_buying_finish (CltStore      *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_list_assisted_buying_async (CltStore            *self,
                                      const char          *customer_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_assisted_buying == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_assisted_buying_async);
      return;
    }

  iface->list_assisted_buying (self, customer_id, cancellable, callback, user_data);
}

GPtrArray *
clt_store_list_assisted_buying_finish (CltStore      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
