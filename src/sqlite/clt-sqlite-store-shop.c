/* clt-sqlite-store-shop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sqlite-store"

#include "config.h"

#include "clt-sqlite-store-private.h"

/* Sites, groups, companies, custom fields, preferences {{{ */

static gpointer
read_site_row (sqlite3_stmt  *stmt,
               gconstpointer  row_data)
{
  CltSite *site = clt_site_new ();

  clt_site_set_code (site, column_text (stmt, 0));
  clt_site_set_name (site, column_text (stmt, 1));
  clt_site_set_storefront_url (site, column_text (stmt, 2));
  clt_site_set_default_currency (site, column_text (stmt, 3));
  clt_site_set_default_locale (site, column_text (stmt, 4));
  clt_site_set_active (site, sqlite3_column_int (stmt, 5) != 0);
  clt_site_set_assisted_buying (site, sqlite3_column_int (stmt, 6) != 0);

  return site;
}

static gboolean
list_sites_read (CltSqliteStore *self,
                 Reader         *reader,
                 gpointer        user_data,
                 GCancellable   *cancellable,
                 GTask          *task,
                 GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, reader->db,
                  "SELECT code, name, storefront_url, default_currency, default_locale, active,"
                  " assisted_buying FROM sites ORDER BY position, code",
                  error);
  if (stmt == NULL)
    return FALSE;

  return return_rows (self, reader->db, stmt, read_site_row, NULL, task, error);
}

static void
clt_sqlite_store_list_sites (CltStore            *store,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_sites, list_sites_read,
            NULL, NULL, cancellable, callback, user_data);
}

static gpointer
read_group_row (sqlite3_stmt  *stmt,
                gconstpointer  row_data)
{
  CltGroup *group = clt_group_new ();

  clt_group_set_code (group, column_text (stmt, 0));
  clt_group_set_name (group, column_text (stmt, 1));
  clt_group_set_description (group, column_text (stmt, 2));

  return group;
}

static gboolean
list_groups_read (CltSqliteStore *self,
                  Reader         *reader,
                  gpointer        user_data,
                  GCancellable   *cancellable,
                  GTask          *task,
                  GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, reader->db,
                  "SELECT code, name, description FROM groups ORDER BY name COLLATE NOCASE, code",
                  error);
  if (stmt == NULL)
    return FALSE;

  return return_rows (self, reader->db, stmt, read_group_row, NULL, task, error);
}

static void
clt_sqlite_store_list_groups (CltStore            *store,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_groups, list_groups_read,
            NULL, NULL, cancellable, callback, user_data);
}

static char **
read_company_list (sqlite3_stmt *stmt,
                   const char   *company_id)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  bind_text (stmt, 1, company_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup (column_text (stmt, 0)));
  sqlite3_reset (stmt);
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* The statements that read a company's business units and roles. */
typedef struct
{
  sqlite3_stmt *units;
  sqlite3_stmt *roles;
} CompanyLists;

static gpointer
read_company_row (sqlite3_stmt  *stmt,
                  gconstpointer  row_data)
{
  const CompanyLists *lists = row_data;
  CltCompany *company = clt_company_new ();
  g_auto(GStrv) unit_names = read_company_list (lists->units, column_text (stmt, 0));
  g_auto(GStrv) role_names = read_company_list (lists->roles, column_text (stmt, 0));

  clt_company_set_id (company, column_text (stmt, 0));
  clt_company_set_name (company, column_text (stmt, 1));
  clt_company_set_business_units (company, (const char * const *) unit_names);
  clt_company_set_roles (company, (const char * const *) role_names);

  return company;
}

static gboolean
list_companies_read (CltSqliteStore *self,
                     Reader         *reader,
                     gpointer        user_data,
                     GCancellable   *cancellable,
                     GTask          *task,
                     GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(sqlite3_stmt) roles = NULL;
  CompanyLists lists;

  stmt = prepare (self, reader->db, "SELECT id, name FROM companies ORDER BY name_key, id", error);
  if (stmt == NULL)
    return FALSE;
  units = prepare (self, reader->db,
                   "SELECT name FROM company_business_units WHERE company_id = ?"
                   " ORDER BY position, name",
                   error);
  if (units == NULL)
    return FALSE;
  roles = prepare (self, reader->db,
                   "SELECT name FROM company_roles WHERE company_id = ? ORDER BY position, name",
                   error);
  if (roles == NULL)
    return FALSE;

  lists.units = units;
  lists.roles = roles;
  return return_rows (self, reader->db, stmt, read_company_row, &lists, task, error);
}

static void
clt_sqlite_store_list_companies (CltStore            *store,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_companies, list_companies_read,
            NULL, NULL, cancellable, callback, user_data);
}

static gpointer
read_custom_field_row (sqlite3_stmt  *stmt,
                       gconstpointer  row_data)
{
  CltCustomField *field = clt_custom_field_new ();

  clt_custom_field_set_key (field, column_text (stmt, 0));
  clt_custom_field_set_label (field, column_text (stmt, 1));
  clt_custom_field_set_field_type (field, sqlite3_column_int (stmt, 2));
  clt_custom_field_set_show_as_column (field, sqlite3_column_int (stmt, 3) != 0);

  return field;
}

static gboolean
list_custom_fields_read (CltSqliteStore *self,
                         Reader         *reader,
                         gpointer        user_data,
                         GCancellable   *cancellable,
                         GTask          *task,
                         GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, reader->db,
                  "SELECT key, label, type, show_as_column FROM custom_fields"
                  " ORDER BY position, key",
                  error);
  if (stmt == NULL)
    return FALSE;

  return return_rows (self, reader->db, stmt, read_custom_field_row, NULL, task, error);
}

static void
clt_sqlite_store_list_custom_fields (CltStore            *store,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_list_custom_fields,
            list_custom_fields_read, NULL, NULL, cancellable, callback, user_data);
}

/* shop_preferences rows are keyed by the CltShopPreferences property
 * names; booleans are stored as "true"/"false". Unset keys keep the
 * object's defaults. */
CltShopPreferences *
read_preferences (CltSqliteStore *self,
                  sqlite3        *db,
                  GError        **error)
{
  g_autoptr(CltShopPreferences) preferences = clt_shop_preferences_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (self, db, "SELECT key, value FROM shop_preferences", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = column_text (stmt, 0);
      const char *value = column_text (stmt, 1);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (preferences), key);

      if (pspec == NULL)
        continue;

      if (pspec->value_type == G_TYPE_BOOLEAN)
        g_object_set (preferences, key, g_strcmp0 (value, "true") == 0, NULL);
      else if (pspec->value_type == G_TYPE_STRING)
        g_object_set (preferences, key, value, NULL);
    }

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&preferences);
}

static gboolean
get_preferences_read (CltSqliteStore *self,
                      Reader         *reader,
                      gpointer        user_data,
                      GCancellable   *cancellable,
                      GTask          *task,
                      GError        **error)
{
  CltShopPreferences *preferences = read_preferences (self, reader->db, error);

  if (preferences == NULL)
    return FALSE;

  g_task_return_pointer (task, preferences, g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_get_preferences (CltStore            *store,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  run_read (CLT_SQLITE_STORE (store), clt_sqlite_store_get_preferences, get_preferences_read,
            NULL, NULL, cancellable, callback, user_data);
}

static void
clt_sqlite_store_get_current_user (CltStore            *store,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CltBackofficeUser *user;
  const char *real_name = g_get_real_name ();
  static const char * const roles[] = { "admin", NULL };

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, clt_sqlite_store_get_current_user);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* The local database belongs to the desktop user, who may do anything. */
  user = clt_backoffice_user_new ();
  clt_backoffice_user_set_username (user, g_get_user_name ());
  clt_backoffice_user_set_display_name (user,
                                        real_name != NULL && g_strcmp0 (real_name, "Unknown") != 0
                                        ? real_name : g_get_user_name ());
  clt_backoffice_user_set_roles (user, roles);

  g_task_return_pointer (task, user, g_object_unref);
}

/* }}} */

/* Sites, groups, companies, custom fields, preferences: writes {{{ */

typedef struct
{
  GObject *object;
  char    *key;
  char    *customer_id;
  char    *business_unit;
  GStrv    strv;
} KeyedData;

static void
keyed_data_free (KeyedData *data)
{
  g_clear_object (&data->object);
  g_free (data->key);
  g_free (data->customer_id);
  g_free (data->business_unit);
  g_strfreev (data->strv);
  g_free (data);
}

static KeyedData *
keyed_data_new (gpointer    object,
                const char *key)
{
  KeyedData *data = g_new0 (KeyedData, 1);

  data->object = object;
  data->key = g_strdup (key);
  return data;
}

/* Runs @func on the KeyedData of @object (owned) and @key, then emits
 * "changed" for any customer. */
static void
run_keyed_write (CltStore            *store,
                 gpointer             source_tag,
                 WriteFunc            func,
                 gpointer             object,
                 const char          *key,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  run_write (CLT_SQLITE_STORE (store), source_tag, func, keyed_data_new (object, key),
             (GDestroyNotify) keyed_data_free, TRUE, NULL, cancellable, callback, user_data);
}

/* Codes of sites and groups, ids of companies: what custom ids allow. */
static gboolean
check_code (const char  *field,
            const char  *code,
            GError     **error)
{
  g_autofree char *message = NULL;

  if (code == NULL || code[0] == '\0')
    {
      g_propagate_error (error, clt_store_error_new_invalid (field, _("Enter a code")));
      return FALSE;
    }
  if (!clt_validate_custom_id (code, &message))
    {
      g_propagate_error (error, clt_store_error_new_invalid (field, "%s", message));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_text (const char  *field,
            const char  *value,
            guint        max_chars,
            gboolean     multi_line,
            gboolean     required,
            GError     **error)
{
  g_autofree char *message = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (value != NULL ? value : ""));

  if (!clt_validate_text (value, max_chars, multi_line, &message))
    {
      g_propagate_error (error, clt_store_error_new_invalid (field, "%s", message));
      return FALSE;
    }
  if (required && stripped[0] == '\0')
    {
      g_propagate_error (error, clt_store_error_new_invalid (field, _("This field is required")));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_list (const char         *field,
            const char * const *values,
            GError            **error)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (!check_text (field, values[i], CLT_VALIDATE_MAX_CODE, FALSE, TRUE, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (values[i], values[j]) == 0)
          {
            g_propagate_error (error, clt_store_error_new_invalid (field, _("“%s” is listed twice"),
                                                                   values[i]));
            return FALSE;
          }
    }

  return TRUE;
}

static gboolean
run_keyed (CltSqliteStore *self,
           sqlite3        *db,
           const char     *sql,
           const char     *key,
           int            *n_changes,
           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, db, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;
  if (n_changes != NULL)
    *n_changes = sqlite3_changes (db);
  return TRUE;
}

/* Runs the DELETE @sql for @key; no row deleted is NOT_FOUND with @gone. */
static gboolean
delete_keyed (CltSqliteStore *self,
              sqlite3        *db,
              const char     *sql,
              const char     *key,
              const char     *gone,
              GTask          *task,
              GError        **error)
{
  int n = 0;

  if (!run_keyed (self, db, sql, key, &n, error))
    return FALSE;
  if (n == 0)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND, "%s", gone);
      return FALSE;
    }

  write_return_boolean (task, TRUE);
  return TRUE;
}

static gboolean
save_site_write (CltSqliteStore *self,
                 sqlite3        *db,
                 gpointer        user_data,
                 GCancellable   *cancellable,
                 GTask          *task,
                 GError        **error)
{
  KeyedData *data = user_data;
  CltSite *site = CLT_SITE (data->object);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, db,
                  "INSERT INTO sites (code, name, storefront_url, default_currency, default_locale,"
                  " active, assisted_buying, position)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT count(*) FROM sites))"
                  " ON CONFLICT (code) DO UPDATE SET name = ?2, storefront_url = ?3,"
                  " default_currency = ?4, default_locale = ?5, active = ?6, assisted_buying = ?7",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, clt_site_get_code (site));
  bind_text (stmt, 2, clt_site_get_name (site));
  bind_text (stmt, 3, clt_site_get_storefront_url (site));
  bind_text (stmt, 4, clt_site_get_default_currency (site));
  bind_text (stmt, 5, clt_site_get_default_locale (site));
  sqlite3_bind_int (stmt, 6, clt_site_get_active (site));
  sqlite3_bind_int (stmt, 7, clt_site_get_assisted_buying (site));
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  write_return_pointer (task, clt_site_copy (site), g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_save_site (CltStore            *store,
                            CltSite             *site,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  const char *url = clt_site_get_storefront_url (site);
  const char *currency = clt_site_get_default_currency (site);
  g_autofree char *message = NULL;
  GError *error = NULL;

  if (!check_code ("code", clt_site_get_code (site), &error) ||
      !check_text ("name", clt_site_get_name (site), CLT_VALIDATE_MAX_TEXT, FALSE, TRUE, &error) ||
      !check_text ("storefront-url", url, CLT_VALIDATE_MAX_TEXT, FALSE, FALSE, &error))
    g_assert (error != NULL);
  else if (url[0] != '\0' && !g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    error = clt_store_error_new_invalid ("storefront-url",
                                         _("Enter an address that starts with https://"));
  else if (currency[0] != '\0' && !clt_validate_currency (currency, &message))
    error = clt_store_error_new_invalid ("default-currency", "%s", message);
  else if (!clt_validate_locale (clt_site_get_default_locale (site), &message))
    error = clt_store_error_new_invalid ("default-locale", "%s", message);

  if (error != NULL)
    {
      return_invalid (store, clt_sqlite_store_save_site, error, cancellable, callback, user_data);
      return;
    }

  run_keyed_write (store, clt_sqlite_store_save_site, save_site_write,
                   clt_site_copy (site), NULL, cancellable, callback, user_data);
}

static gboolean
delete_site_write (CltSqliteStore *self,
                   sqlite3        *db,
                   gpointer        user_data,
                   GCancellable   *cancellable,
                   GTask          *task,
                   GError        **error)
{
  KeyedData *data = user_data;
  gboolean used = FALSE;

  if (!exists_text (self, db, "SELECT 1 FROM customers WHERE preferred_site = ? AND listed",
                    data->key, &used, error))
    return FALSE;
  if (used)
    {
      set_conflict (error, "code", _("Customers still prefer this site: change their preferred site first."));
      return FALSE;
    }

  return delete_keyed (self, db, "DELETE FROM sites WHERE code = ?", data->key,
                       _("The site no longer exists."), task, error);
}

static void
clt_sqlite_store_delete_site (CltStore            *store,
                              const char          *code,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  run_keyed_write (store, clt_sqlite_store_delete_site, delete_site_write,
                   NULL, code, cancellable, callback, user_data);
}

static gboolean
save_group_write (CltSqliteStore *self,
                  sqlite3        *db,
                  gpointer        user_data,
                  GCancellable   *cancellable,
                  GTask          *task,
                  GError        **error)
{
  KeyedData *data = user_data;
  CltGroup *group = CLT_GROUP (data->object);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, db,
                  "INSERT INTO groups (code, name, description) VALUES (?1, ?2, ?3)"
                  " ON CONFLICT (code) DO UPDATE SET name = ?2, description = ?3",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, clt_group_get_code (group));
  bind_text (stmt, 2, clt_group_get_name (group));
  bind_text (stmt, 3, clt_group_get_description (group));
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  write_return_pointer (task, clt_group_copy (group), g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_save_group (CltStore            *store,
                             CltGroup            *group,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GError *error = NULL;

  if (!check_code ("code", clt_group_get_code (group), &error) ||
      !check_text ("name", clt_group_get_name (group), CLT_VALIDATE_MAX_TEXT, FALSE, TRUE, &error) ||
      !check_text ("description", clt_group_get_description (group), CLT_VALIDATE_MAX_COMMENT,
                   TRUE, FALSE, &error))
    {
      return_invalid (store, clt_sqlite_store_save_group, error, cancellable, callback, user_data);
      return;
    }

  run_keyed_write (store, clt_sqlite_store_save_group, save_group_write,
                   clt_group_copy (group), NULL, cancellable, callback, user_data);
}

static gboolean
delete_group_write (CltSqliteStore *self,
                    sqlite3        *db,
                    gpointer        user_data,
                    GCancellable   *cancellable,
                    GTask          *task,
                    GError        **error)
{
  KeyedData *data = user_data;

  /* Memberships go with it (ON DELETE CASCADE). */
  return delete_keyed (self, db, "DELETE FROM groups WHERE code = ?", data->key,
                       _("The group no longer exists."), task, error);
}

static void
clt_sqlite_store_delete_group (CltStore            *store,
                               const char          *code,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  run_keyed_write (store, clt_sqlite_store_delete_group, delete_group_write,
                   NULL, code, cancellable, callback, user_data);
}

static gboolean
set_customer_groups_write (CltSqliteStore *self,
                           sqlite3        *db,
                           gpointer        user_data,
                           GCancellable   *cancellable,
                           GTask          *task,
                           GError        **error)
{
  KeyedData *data = user_data;
  gboolean found;
  gint64 pk;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error))
    return FALSE;

  for (guint i = 0; data->strv[i] != NULL; i++)
    {
      if (!exists_text (self, db, "SELECT 1 FROM groups WHERE code = ?", data->strv[i], &found, error))
        return FALSE;
      if (!found)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("groups",
                                                                 _("There is no group “%s”."),
                                                                 data->strv[i]));
          return FALSE;
        }
    }

  if (!write_groups (self, db, pk, (const char * const *) data->strv, error) ||
      !touch_customer (self, db, pk, error))
    return FALSE;

  write_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_sqlite_store_set_customer_groups (CltStore            *store,
                                      const char          *customer_id,
                                      const char * const  *group_codes,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  KeyedData *data;
  GError *error = NULL;

  if (!check_list ("groups", group_codes, &error))
    {
      return_invalid (store, clt_sqlite_store_set_customer_groups, error,
                      cancellable, callback, user_data);
      return;
    }

  data = keyed_data_new (NULL, NULL);
  data->customer_id = g_strdup (customer_id);
  data->strv = group_codes != NULL ? g_strdupv ((char **) group_codes) : g_new0 (char *, 1);
  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_set_customer_groups,
             set_customer_groups_write, data, (GDestroyNotify) keyed_data_free,
             TRUE, customer_id, cancellable, callback, user_data);
}

static gboolean
write_company_list (CltSqliteStore     *self,
                    sqlite3            *db,
                    const char         *table,
                    const char         *company_id,
                    const char * const *names,
                    GError            **error)
{
  g_autofree char *clear_sql = g_strdup_printf ("DELETE FROM %s WHERE company_id = ?", table);
  g_autofree char *insert_sql = g_strdup_printf ("INSERT INTO %s (company_id, name, position)"
                                                 " VALUES (?, ?, ?)", table);
  g_autoptr(sqlite3_stmt) insert = NULL;

  if (!run_keyed (self, db, clear_sql, company_id, NULL, error))
    return FALSE;

  insert = prepare (self, db, insert_sql, error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      bind_text (insert, 1, company_id);
      bind_text (insert, 2, names[i]);
      sqlite3_bind_int (insert, 3, i);
      if (!step_done (self, db, insert, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_company_write (CltSqliteStore *self,
                    sqlite3        *db,
                    gpointer        user_data,
                    GCancellable   *cancellable,
                    GTask          *task,
                    GError        **error)
{
  KeyedData *data = user_data;
  CltCompany *company = CLT_COMPANY (data->object);
  const char *id = clt_company_get_id (company);
  g_autofree char *name_key = clt_fold_text (clt_company_get_name (company));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) members = NULL;

  stmt = prepare (self, db,
                  "INSERT INTO companies (id, name, name_key) VALUES (?1, ?2, ?3)"
                  " ON CONFLICT (id) DO UPDATE SET name = ?2, name_key = ?3",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  bind_text (stmt, 2, clt_company_get_name (company));
  bind_text (stmt, 3, name_key);
  if (!step_expect_done (self, db, stmt, error) ||
      !write_company_list (self, db, "company_business_units", id,
                           clt_company_get_business_units (company), error) ||
      !write_company_list (self, db, "company_roles", id, clt_company_get_roles (company), error))
    return FALSE;

  /* Members keep only the business unit and roles that still exist. */
  members = prepare (self, db, "SELECT pk, business_unit, roles FROM customers WHERE company_id = ?",
                     error);
  if (members == NULL)
    return FALSE;
  bind_text (members, 1, id);
  {
    g_autoptr(sqlite3_stmt) fix = prepare (self, db,
                                           "UPDATE customers SET business_unit = ?, roles = ? WHERE pk = ?",
                                           error);
    const char * const *units = clt_company_get_business_units (company);
    const char * const *company_roles = clt_company_get_roles (company);
    g_autoptr(GArray) pks = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GPtrArray) units_kept = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) roles_kept = g_ptr_array_new_with_free_func (g_free);
    int rc;

    if (fix == NULL)
      return FALSE;

    while ((rc = sqlite3_step (members)) == SQLITE_ROW)
      {
        gint64 pk = sqlite3_column_int64 (members, 0);
        const char *unit = column_text (members, 1);
        g_auto(GStrv) roles = split_lines (column_text (members, 2));
        g_autoptr(GPtrArray) kept = g_ptr_array_new ();

        for (guint i = 0; roles[i] != NULL; i++)
          if (g_strv_contains (company_roles, roles[i]))
            g_ptr_array_add (kept, roles[i]);
        g_ptr_array_add (kept, NULL);

        g_array_append_val (pks, pk);
        g_ptr_array_add (units_kept, g_strdup (g_strv_contains (units, unit) ? unit : ""));
        g_ptr_array_add (roles_kept, join_lines ((const char * const *) kept->pdata));
      }
    if (rc != SQLITE_DONE)
      {
        set_db_error (self, error, db, rc);
        return FALSE;
      }

    for (guint i = 0; i < pks->len; i++)
      {
        bind_text (fix, 1, g_ptr_array_index (units_kept, i));
        bind_text (fix, 2, g_ptr_array_index (roles_kept, i));
        sqlite3_bind_int64 (fix, 3, g_array_index (pks, gint64, i));
        if (!step_done (self, db, fix, error))
          return FALSE;
      }
  }

  write_return_pointer (task, clt_company_copy (company), g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_save_company (CltStore            *store,
                               CltCompany          *company,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GError *error = NULL;

  if (!check_code ("id", clt_company_get_id (company), &error) ||
      !check_text ("name", clt_company_get_name (company), CLT_VALIDATE_MAX_COMPANY, FALSE, TRUE,
                   &error) ||
      !check_list ("business-units", clt_company_get_business_units (company), &error) ||
      !check_list ("roles", clt_company_get_roles (company), &error))
    {
      return_invalid (store, clt_sqlite_store_save_company, error, cancellable, callback, user_data);
      return;
    }

  run_keyed_write (store, clt_sqlite_store_save_company, save_company_write,
                   clt_company_copy (company), NULL, cancellable, callback, user_data);
}

static gboolean
delete_company_write (CltSqliteStore *self,
                      sqlite3        *db,
                      gpointer        user_data,
                      GCancellable   *cancellable,
                      GTask          *task,
                      GError        **error)
{
  KeyedData *data = user_data;

  if (!run_keyed (self, db,
                  "UPDATE customers SET company_id = NULL, business_unit = '', roles = ''"
                  " WHERE company_id = ?",
                  data->key, NULL, error))
    return FALSE;

  return delete_keyed (self, db, "DELETE FROM companies WHERE id = ?", data->key,
                       _("The company no longer exists."), task, error);
}

static void
clt_sqlite_store_delete_company (CltStore            *store,
                                 const char          *company_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  run_keyed_write (store, clt_sqlite_store_delete_company, delete_company_write,
                   NULL, company_id, cancellable, callback, user_data);
}

static gboolean
assign_company_write (CltSqliteStore *self,
                      sqlite3        *db,
                      gpointer        user_data,
                      GCancellable   *cancellable,
                      GTask          *task,
                      GError        **error)
{
  KeyedData *data = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) check = NULL;
  g_autofree char *roles = join_lines ((const char * const *) data->strv);
  const char *company_id = data->key;
  gboolean found;
  gint64 pk;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error))
    return FALSE;

  if (company_id[0] != '\0')
    {
      if (!exists_text (self, db, "SELECT 1 FROM companies WHERE id = ?", company_id, &found, error))
        return FALSE;
      if (!found)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("company-id",
                                                                 _("There is no company “%s”."),
                                                                 company_id));
          return FALSE;
        }

      check = prepare (self, db, "SELECT 1 FROM company_business_units WHERE company_id = ? AND name = ?"
                                 " UNION ALL SELECT 2 FROM company_roles WHERE company_id = ? AND name = ?",
                       error);
      if (check == NULL)
        return FALSE;

      if (data->business_unit[0] != '\0')
        {
          bind_text (check, 1, company_id);
          bind_text (check, 2, data->business_unit);
          bind_text (check, 3, "");
          bind_text (check, 4, "");
          found = sqlite3_step (check) == SQLITE_ROW;
          sqlite3_reset (check);
          if (!found)
            {
              g_propagate_error (error, clt_store_error_new_invalid ("business-unit",
                                                                     _("The company has no business unit “%s”."),
                                                                     data->business_unit));
              return FALSE;
            }
        }

      for (guint i = 0; data->strv[i] != NULL; i++)
        {
          bind_text (check, 1, "");
          bind_text (check, 2, "");
          bind_text (check, 3, company_id);
          bind_text (check, 4, data->strv[i]);
          found = sqlite3_step (check) == SQLITE_ROW;
          sqlite3_reset (check);
          if (!found)
            {
              g_propagate_error (error, clt_store_error_new_invalid ("roles",
                                                                     _("The company has no role “%s”."),
                                                                     data->strv[i]));
              return FALSE;
            }
        }
    }
  else if (data->business_unit[0] != '\0' || data->strv[0] != NULL)
    {
      g_propagate_error (error, clt_store_error_new_invalid ("company-id",
                                                             _("Choose a company first.")));
      return FALSE;
    }

  stmt = prepare (self, db,
                  "UPDATE customers SET company_id = ?, business_unit = ?, roles = ?, updated = ?,"
                  " version = version + 1 WHERE pk = ?",
                  error);
  if (stmt == NULL)
    return FALSE;

  if (company_id[0] != '\0')
    bind_text (stmt, 1, company_id);
  else
    sqlite3_bind_null (stmt, 1);
  bind_text (stmt, 2, data->business_unit);
  bind_text (stmt, 3, roles);
  sqlite3_bind_int64 (stmt, 4, now_usec ());
  sqlite3_bind_int64 (stmt, 5, pk);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  write_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_sqlite_store_assign_company (CltStore            *store,
                                 const char          *customer_id,
                                 const char          *company_id,
                                 const char          *business_unit,
                                 const char * const  *roles,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  KeyedData *data;
  GError *error = NULL;

  if (!check_list ("roles", roles, &error) ||
      !check_text ("business-unit", business_unit, CLT_VALIDATE_MAX_CODE, FALSE, FALSE, &error))
    {
      return_invalid (store, clt_sqlite_store_assign_company, error, cancellable, callback, user_data);
      return;
    }

  data = keyed_data_new (NULL, company_id != NULL ? company_id : "");
  data->customer_id = g_strdup (customer_id);
  data->business_unit = g_strdup (business_unit != NULL ? business_unit : "");
  data->strv = roles != NULL ? g_strdupv ((char **) roles) : g_new0 (char *, 1);
  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_assign_company, assign_company_write,
             data, (GDestroyNotify) keyed_data_free, TRUE, customer_id,
             cancellable, callback, user_data);
}

static gboolean
save_custom_field_write (CltSqliteStore *self,
                         sqlite3        *db,
                         gpointer        user_data,
                         GCancellable   *cancellable,
                         GTask          *task,
                         GError        **error)
{
  KeyedData *data = user_data;
  CltCustomField *field = CLT_CUSTOM_FIELD (data->object);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) type = NULL;
  int rc;

  /* Values are stored by type: a field in use keeps its type. */
  type = prepare (self, db,
                  "SELECT f.type FROM custom_fields f WHERE f.key = ?"
                  " AND EXISTS (SELECT 1 FROM customer_field_values v WHERE v.field_key = f.key)",
                  error);
  if (type == NULL)
    return FALSE;
  bind_text (type, 1, clt_custom_field_get_key (field));
  rc = sqlite3_step (type);
  if (rc == SQLITE_ROW &&
      sqlite3_column_int (type, 0) != (int) clt_custom_field_get_field_type (field))
    {
      g_propagate_error (error, clt_store_error_new_invalid ("type",
                                                             _("Customers have values in this field: "
                                                               "its type cannot change.")));
      return FALSE;
    }

  stmt = prepare (self, db,
                  "INSERT INTO custom_fields (key, label, type, show_as_column, position)"
                  " VALUES (?1, ?2, ?3, ?4, (SELECT count(*) FROM custom_fields))"
                  " ON CONFLICT (key) DO UPDATE SET label = ?2, type = ?3, show_as_column = ?4",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, clt_custom_field_get_key (field));
  bind_text (stmt, 2, clt_custom_field_get_label (field));
  sqlite3_bind_int (stmt, 3, clt_custom_field_get_field_type (field));
  sqlite3_bind_int (stmt, 4, clt_custom_field_get_show_as_column (field));
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  write_return_pointer (task, clt_custom_field_copy (field), g_object_unref);
  return TRUE;
}

static void
clt_sqlite_store_save_custom_field (CltStore            *store,
                                    CltCustomField      *field,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  const char *key = clt_custom_field_get_key (field);
  GError *error = NULL;
  gboolean key_ok = g_ascii_islower (key[0]) && strlen (key) <= CLT_VALIDATE_MAX_CODE;

  for (const char *p = key; key_ok && *p != '\0'; p++)
    key_ok = g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_';

  if (!key_ok)
    error = clt_store_error_new_invalid ("key", _("Use lower-case letters, digits and _, "
                                                  "starting with a letter"));
  else if (!check_text ("label", clt_custom_field_get_label (field), CLT_VALIDATE_MAX_TEXT,
                        FALSE, TRUE, &error))
    g_assert (error != NULL);
  else if ((guint) clt_custom_field_get_field_type (field) > CLT_CUSTOM_FIELD_DATE)
    error = clt_store_error_new_invalid ("type", _("Unknown field type."));

  if (error != NULL)
    {
      return_invalid (store, clt_sqlite_store_save_custom_field, error, cancellable, callback, user_data);
      return;
    }

  run_keyed_write (store, clt_sqlite_store_save_custom_field, save_custom_field_write,
                   clt_custom_field_copy (field), NULL, cancellable, callback, user_data);
}

static gboolean
delete_custom_field_write (CltSqliteStore *self,
                           sqlite3        *db,
                           gpointer        user_data,
                           GCancellable   *cancellable,
                           GTask          *task,
                           GError        **error)
{
  KeyedData *data = user_data;

  /* Values go with it (ON DELETE CASCADE). */
  return delete_keyed (self, db, "DELETE FROM custom_fields WHERE key = ?", data->key,
                       _("The custom field no longer exists."), task, error);
}

static void
clt_sqlite_store_delete_custom_field (CltStore            *store,
                                      const char          *key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  run_keyed_write (store, clt_sqlite_store_delete_custom_field, delete_custom_field_write,
                   NULL, key, cancellable, callback, user_data);
}

static gboolean
set_preferences_write (CltSqliteStore *self,
                       sqlite3        *db,
                       gpointer        user_data,
                       GCancellable   *cancellable,
                       GTask          *task,
                       GError        **error)
{
  KeyedData *data = user_data;
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n_pspecs = 0;

  stmt = prepare (self, db, "INSERT OR REPLACE INTO shop_preferences (key, value) VALUES (?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (data->object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (pspecs[i]->value_type != G_TYPE_BOOLEAN && pspecs[i]->value_type != G_TYPE_STRING)
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (data->object, pspecs[i]->name, &value);
      bind_text (stmt, 1, pspecs[i]->name);
      if (pspecs[i]->value_type == G_TYPE_BOOLEAN)
        bind_text (stmt, 2, g_value_get_boolean (&value) ? "true" : "false");
      else
        bind_text (stmt, 2, g_value_get_string (&value));
      if (!step_done (self, db, stmt, error))
        return FALSE;
    }

  write_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_sqlite_store_set_preferences (CltStore            *store,
                                  CltShopPreferences  *preferences,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  const char *prefix = clt_shop_preferences_get_customer_number_prefix (preferences);
  g_autofree char *message = NULL;
  GError *error = NULL;
  gboolean prefix_ok = strlen (prefix) <= 16;

  for (const char *p = prefix; prefix_ok && *p != '\0'; p++)
    prefix_ok = g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '/' || *p == '.';

  if (!check_text ("shop-name", clt_shop_preferences_get_shop_name (preferences),
                   CLT_VALIDATE_MAX_TEXT, FALSE, FALSE, &error))
    g_assert (error != NULL);
  else if (!clt_validate_currency (clt_shop_preferences_get_default_currency (preferences), &message))
    error = clt_store_error_new_invalid ("default-currency", "%s", message);
  else if (!clt_validate_locale (clt_shop_preferences_get_default_locale (preferences), &message))
    error = clt_store_error_new_invalid ("default-locale", "%s", message);
  else if (!prefix_ok)
    error = clt_store_error_new_invalid ("customer-number-prefix",
                                         _("Use at most 16 letters, digits and - _ / ."));

  if (error != NULL)
    {
      return_invalid (store, clt_sqlite_store_set_preferences, error, cancellable, callback, user_data);
      return;
    }

  run_write (CLT_SQLITE_STORE (store), clt_sqlite_store_set_preferences, set_preferences_write,
             keyed_data_new (clt_shop_preferences_copy (preferences), NULL),
             (GDestroyNotify) keyed_data_free, FALSE, NULL, cancellable, callback, user_data);
}

/* }}} */

void
clt_sqlite_store_shop_iface_init (CltStoreInterface *iface)
{
  iface->list_sites = clt_sqlite_store_list_sites;
  iface->list_groups = clt_sqlite_store_list_groups;
  iface->list_companies = clt_sqlite_store_list_companies;
  iface->list_custom_fields = clt_sqlite_store_list_custom_fields;
  iface->get_preferences = clt_sqlite_store_get_preferences;
  iface->get_current_user = clt_sqlite_store_get_current_user;
  iface->save_site = clt_sqlite_store_save_site;
  iface->delete_site = clt_sqlite_store_delete_site;
  iface->save_group = clt_sqlite_store_save_group;
  iface->delete_group = clt_sqlite_store_delete_group;
  iface->set_customer_groups = clt_sqlite_store_set_customer_groups;
  iface->save_company = clt_sqlite_store_save_company;
  iface->delete_company = clt_sqlite_store_delete_company;
  iface->assign_company = clt_sqlite_store_assign_company;
  iface->save_custom_field = clt_sqlite_store_save_custom_field;
  iface->delete_custom_field = clt_sqlite_store_delete_custom_field;
  iface->set_preferences = clt_sqlite_store_set_preferences;
}
