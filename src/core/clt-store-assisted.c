/* clt-store-assisted.c — CltStore's public wrappers for Assisted Buying.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "clt-assisted-session.h"
#include "clt-site.h"
#include "clt-store.h"
#include "clt-store-private.h"

GTimeSpan
clt_store_get_assisted_buying_lifetime (void)
{
  const char *lifetime_ms = g_getenv ("CLT_ASSISTED_BUYING_LIFETIME_MS");
  gint64 ms;

  if (lifetime_ms != NULL && g_ascii_string_to_signed (lifetime_ms, 10, 0, G_MAXINT32, &ms, NULL))
    return ms * 1000;

  return CLT_STORE_ASSISTED_BUYING_LIFETIME;
}

gboolean
clt_store_check_assisted_buying_site (CltSite  *site,
                                      GError  **error)
{
  const char *name = clt_site_get_name (site)[0] != '\0' ? clt_site_get_name (site)
                                                         : clt_site_get_code (site);

  if (!clt_site_get_assisted_buying (site))
    g_propagate_error (error, clt_store_error_new_conflict ("site",
                                                           _("Assisted Buying is switched off "
                                                             "for the site “%s”."), name));
  else if (clt_site_get_storefront_url (site)[0] == '\0')
    g_propagate_error (error, clt_store_error_new_conflict ("site",
                                                           _("The site “%s” has no storefront "
                                                             "address."), name));
  else if (clt_site_get_assisted_buying_url (site)[0] == '\0')
    g_propagate_error (error, clt_store_error_new_conflict ("site",
                                                           _("The site “%s” has no Assisted "
                                                             "Buying address."), name));
  else
    return TRUE;

  return FALSE;
}

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
