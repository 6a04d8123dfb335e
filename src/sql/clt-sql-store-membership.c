/* clt-sql-store-membership.c — a customer's groups, and the company,
 * business unit and roles a customer has there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-sql-store-private.h"

/* What the writes here work on: the customer @customer_id, read at
 * @version, and its groups (@names), or its company (@company_id,
 * @business_unit and the roles in @names). */
typedef struct
{
  char   *customer_id;
  gint64  version;
  char   *company_id;
  char   *business_unit;
  GStrv   names;
} MembershipData;

static void
membership_data_free (MembershipData *data)
{
  g_free (data->customer_id);
  g_free (data->company_id);
  g_free (data->business_unit);
  g_strfreev (data->names);
  g_free (data);
}

static MembershipData *
membership_data_new (const char *customer_id,
                     gint64      version)
{
  MembershipData *data = g_new0 (MembershipData, 1);

  data->customer_id = g_strdup (customer_id);
  data->version = version;
  return data;
}

/* The pk of the live customer @customer_id, which the caller read at
 * @version (0: any). */
static gboolean
lookup_customer_at (CltSqlStore *self,
                    CltSqlDb    *db,
                    const char  *customer_id,
                    gint64       version,
                    gint64      *pk,
                    GError     **error)
{
  g_autoptr(CltCustomer) stored = NULL;

  if (!lookup_live_customer (self, db, customer_id, pk, error) ||
      !read_customer_by_pk (self, db, *pk, &stored, error))
    return FALSE;

  if (version > 0 && clt_customer_get_version (stored) != version)
    {
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE,
                           _("Someone else changed this customer in the meantime. "
                             "Reload it and make your changes again."));
      return FALSE;
    }

  return TRUE;
}

/* Ends a write to one customer: records the change and returns the
 * stored customer. */
static gboolean
return_customer (CltSqlStore *self,
                 CltSqlDb    *db,
                 GTask       *task,
                 gint64       pk,
                 const char  *customer_id,
                 GError     **error)
{
  CltCustomer *stored = NULL;

  if (!record_change (self, db, task, CLT_CHANGE_CUSTOMER, customer_id, error) ||
      !read_customer_by_pk (self, db, pk, &stored, error))
    return FALSE;

  write_return_pointer (task, stored, g_object_unref);
  return TRUE;
}

static gboolean
set_customer_groups_write (CltSqlStore  *self,
                           CltSqlDb     *db,
                           gpointer      user_data,
                           GCancellable *cancellable,
                           GTask        *task,
                           GError      **error)
{
  MembershipData *data = user_data;
  g_autoptr(CltSqlStmt) touch = NULL;
  gboolean found;
  gint64 pk;

  if (!lookup_customer_at (self, db, data->customer_id, data->version, &pk, error))
    return FALSE;

  for (guint i = 0; data->names[i] != NULL; i++)
    {
      if (!exists_text (self, db, "SELECT 1 FROM groups WHERE code = ?", data->names[i], &found,
                        error))
        return FALSE;
      if (!found)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("groups",
                                                                 _("There is no group “%s”."),
                                                                 data->names[i]));
          return FALSE;
        }
    }

  touch = sql_prepare_customer_update (self, db, task, "", "pk = ?1", 1, error);
  if (touch == NULL)
    return FALSE;

  clt_sql_bind_int64 (touch, 1, pk);
  if (!write_groups (self, db, pk, (const char * const *) data->names, error) ||
      !step_expect_done (self, db, touch, error))
    return FALSE;

  return return_customer (self, db, task, pk, data->customer_id, error);
}

static void
clt_sql_store_set_customer_groups (CltStore           *store,
                                   const char         *customer_id,
                                   gint64              customer_version,
                                   const char * const *group_codes,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  GError *error = NULL;
  MembershipData *data;

  if (!sql_check_list_argument ("groups", group_codes, &error))
    {
      refuse_write (store, clt_sql_store_set_customer_groups, CLT_PERMISSION_EDIT_CUSTOMERS, error,
                    cancellable, callback, user_data);
      return;
    }

  data = membership_data_new (customer_id, customer_version);
  data->names = group_codes != NULL ? g_strdupv ((char **) group_codes) : g_new0 (char *, 1);
  run_write (CLT_SQL_STORE (store), clt_sql_store_set_customer_groups,
             set_customer_groups_write, data, (GDestroyNotify) membership_data_free,
             CLT_PERMISSION_EDIT_CUSTOMERS, cancellable, callback, user_data);
}

/* That @company_id exists and has @business_unit and @roles; "" and no
 * roles without a company (clt_validate_company_assignment ()). */
static gboolean
check_assignment (CltSqlStore    *self,
                  CltSqlDb       *db,
                  MembershipData *data,
                  GError        **error)
{
  g_autoptr(CltCompany) company = NULL;

  if (data->company_id[0] != '\0' && !sql_lookup_company (self, db, data->company_id, &company, error))
    return FALSE;

  return clt_validate_company_assignment (company, data->company_id, data->business_unit,
                                          (const char * const *) data->names, error);
}

static gboolean
assign_company_write (CltSqlStore  *self,
                      CltSqlDb     *db,
                      gpointer      user_data,
                      GCancellable *cancellable,
                      GTask        *task,
                      GError      **error)
{
  MembershipData *data = user_data;
  g_autoptr(CltSqlStmt) stmt = NULL;
  gint64 pk;

  if (!lookup_customer_at (self, db, data->customer_id, data->version, &pk, error) ||
      !check_assignment (self, db, data, error))
    return FALSE;

  stmt = sql_prepare_customer_update (self, db, task,
                                  "company_id = ?1, business_unit = ?2, roles = ?3", "pk = ?4",
                                  4, error);
  if (stmt == NULL)
    return FALSE;

  if (data->company_id[0] != '\0')
    bind_text (stmt, 1, data->company_id);
  else
    clt_sql_bind_null (stmt, 1);
  bind_text (stmt, 2, data->business_unit);
  clt_sql_bind_text (stmt, 3, sql_join_lines ((const char * const *) data->names), -1, g_free);
  clt_sql_bind_int64 (stmt, 4, pk);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  return return_customer (self, db, task, pk, data->customer_id, error);
}

static void
clt_sql_store_assign_company (CltStore           *store,
                              const char         *customer_id,
                              gint64              customer_version,
                              const char         *company_id,
                              const char         *business_unit,
                              const char * const *roles,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autofree char *message = NULL;
  GError *error = NULL;
  MembershipData *data;

  if (!sql_check_list_argument ("roles", roles, &error))
    g_assert (error != NULL);
  else if (!clt_validate_text (business_unit, CLT_VALIDATE_MAX_CODE, FALSE, &message))
    error = clt_store_error_new_invalid ("business-unit", "%s", message);

  if (error != NULL)
    {
      refuse_write (store, clt_sql_store_assign_company, CLT_PERMISSION_EDIT_CUSTOMERS, error,
                    cancellable, callback, user_data);
      return;
    }

  data = membership_data_new (customer_id, customer_version);
  data->company_id = g_strdup (company_id != NULL ? company_id : "");
  data->business_unit = g_strdup (business_unit != NULL ? business_unit : "");
  data->names = roles != NULL ? g_strdupv ((char **) roles) : g_new0 (char *, 1);
  run_write (CLT_SQL_STORE (store), clt_sql_store_assign_company, assign_company_write,
             data, (GDestroyNotify) membership_data_free, CLT_PERMISSION_EDIT_CUSTOMERS,
             cancellable, callback, user_data);
}

void
clt_sql_store_membership_iface_init (CltStoreInterface *iface)
{
  iface->set_customer_groups = clt_sql_store_set_customer_groups;
  iface->assign_company = clt_sql_store_assign_company;
}
