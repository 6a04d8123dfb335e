/* clt-store-shop.c — CltStore's public wrappers for sites, groups,
 * companies, custom fields, preferences and the signed-in user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-store"

#include "config.h"

#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-group.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"
#include "clt-store.h"
#include "clt-store-private.h"

void
clt_store_list_sites_async (CltStore            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_sites == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_sites_async);
      return;
    }

  iface->list_sites (self, cancellable, callback, user_data);
}

GPtrArray *
clt_store_list_sites_finish (CltStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_save_site_async (CltStore            *self,
                           CltSite             *site,
                           const char          *request_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (CLT_IS_SITE (site));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->save_site == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_save_site_async);
      return;
    }

  iface->save_site (self, site, request_id, cancellable, callback, user_data);
}

CltSite *
clt_store_save_site_finish (CltStore      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_delete_site_async (CltStore            *self,
                             const char          *code,
                             gint64               version,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (code != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->delete_site == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_delete_site_async);
      return;
    }

  iface->delete_site (self, code, version, cancellable, callback, user_data);
}

gboolean
clt_store_delete_site_finish (CltStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_list_groups_async (CltStore            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_groups == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_groups_async);
      return;
    }

  iface->list_groups (self, cancellable, callback, user_data);
}

GPtrArray *
clt_store_list_groups_finish (CltStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_save_group_async (CltStore            *self,
                            CltGroup            *group,
                            const char          *request_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (CLT_IS_GROUP (group));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->save_group == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_save_group_async);
      return;
    }

  iface->save_group (self, group, request_id, cancellable, callback, user_data);
}

CltGroup *
clt_store_save_group_finish (CltStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_delete_group_async (CltStore            *self,
                              const char          *code,
                              gint64               version,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (code != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->delete_group == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_delete_group_async);
      return;
    }

  iface->delete_group (self, code, version, cancellable, callback, user_data);
}

gboolean
clt_store_delete_group_finish (CltStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_set_customer_groups_async (CltStore            *self,
                                     const char          *customer_id,
                                     gint64               customer_version,
                                     const char * const  *group_codes,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->set_customer_groups == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_set_customer_groups_async);
      return;
    }

  iface->set_customer_groups (self, customer_id, customer_version, group_codes, cancellable, callback, user_data);
}

CltCustomer *
clt_store_set_customer_groups_finish (CltStore      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_list_companies_async (CltStore            *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_companies == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_companies_async);
      return;
    }

  iface->list_companies (self, cancellable, callback, user_data);
}

GPtrArray *
clt_store_list_companies_finish (CltStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_save_company_async (CltStore            *self,
                              CltCompany          *company,
                              const char          *request_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (CLT_IS_COMPANY (company));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->save_company == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_save_company_async);
      return;
    }

  iface->save_company (self, company, request_id, cancellable, callback, user_data);
}

CltCompany *
clt_store_save_company_finish (CltStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_delete_company_async (CltStore            *self,
                                const char          *company_id,
                                gint64               version,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (company_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->delete_company == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_delete_company_async);
      return;
    }

  iface->delete_company (self, company_id, version, cancellable, callback, user_data);
}

gboolean
clt_store_delete_company_finish (CltStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_assign_company_async (CltStore            *self,
                                const char          *customer_id,
                                gint64               customer_version,
                                const char          *company_id,
                                const char          *business_unit,
                                const char * const  *roles,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->assign_company == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_assign_company_async);
      return;
    }

  iface->assign_company (self, customer_id, customer_version, company_id, business_unit, roles, cancellable, callback, user_data);
}

CltCustomer *
clt_store_assign_company_finish (CltStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_list_custom_fields_async (CltStore            *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->list_custom_fields == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_list_custom_fields_async);
      return;
    }

  iface->list_custom_fields (self, cancellable, callback, user_data);
}

GPtrArray *
clt_store_list_custom_fields_finish (CltStore      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_save_custom_field_async (CltStore            *self,
                                   CltCustomField      *field,
                                   const char          *request_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (CLT_IS_CUSTOM_FIELD (field));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->save_custom_field == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_save_custom_field_async);
      return;
    }

  iface->save_custom_field (self, field, request_id, cancellable, callback, user_data);
}

CltCustomField *
clt_store_save_custom_field_finish (CltStore      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_delete_custom_field_async (CltStore            *self,
                                     const char          *key,
                                     gint64               version,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->delete_custom_field == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_delete_custom_field_async);
      return;
    }

  iface->delete_custom_field (self, key, version, cancellable, callback, user_data);
}

gboolean
clt_store_delete_custom_field_finish (CltStore      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
clt_store_get_preferences_async (CltStore            *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->get_preferences == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_get_preferences_async);
      return;
    }

  iface->get_preferences (self, cancellable, callback, user_data);
}

CltShopPreferences *
clt_store_get_preferences_finish (CltStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_set_preferences_async (CltStore            *self,
                                 CltShopPreferences  *preferences,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (CLT_IS_SHOP_PREFERENCES (preferences));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->set_preferences == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_set_preferences_async);
      return;
    }

  iface->set_preferences (self, preferences, cancellable, callback, user_data);
}

CltShopPreferences *
clt_store_set_preferences_finish (CltStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_store_get_current_user_async (CltStore            *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CltStoreInterface *iface;

  g_return_if_fail (CLT_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = CLT_STORE_GET_IFACE (self);
  if (iface->get_current_user == NULL)
    {
      report_not_supported (self, callback, user_data, clt_store_get_current_user_async);
      return;
    }

  iface->get_current_user (self, cancellable, callback, user_data);
}

CltBackofficeUser *
clt_store_get_current_user_finish (CltStore      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (CLT_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

