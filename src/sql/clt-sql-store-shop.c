/* clt-sql-store-shop.c — sites, groups, companies and custom fields
 * (one set of code for the four, driven by a ShopKind). The shop's
 * preferences and who is signed in are in clt-sql-store-preferences.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-sql-store-private.h"

/* What the writes here work on: a site, group, company or custom field
 * (@kind, @object or @key and @version). */
typedef struct _ShopKind ShopKind;

typedef struct
{
  const ShopKind *kind;
  GObject        *object;
  char           *key;
  gint64          version;
  char           *request_id;
} ShopData;

/* Sites, groups, companies and custom fields differ in their table, their
 * columns and what refers to them; the rest is ShopKind-driven. */
struct _ShopKind
{
  CltChangeKind  change;
  const char    *table;
  /* The key: both the column and the property ("code", "id", "key"). */
  const char    *key;
  /* What read_row () reads, key first and version last, and in what order
   * they are listed. */
  const char    *columns;
  const char    *order;
  RowFunc        read_row;
  /* ?1 is the key, ?2… what bind () binds; the update bumps the version. */
  const char    *insert_sql;
  const char    *update_sql;
  void         (*bind)        (CltSqlStmt      *stmt,
                               gpointer         object);
  /* Optional: a rule that needs the database, and what else a save
   * writes. */
  gboolean     (*check)       (CltSqlStore     *self,
                               CltSqlDb        *db,
                               gpointer         object,
                               GError         **error);
  gboolean     (*after_save)  (CltSqlStore     *self,
                               CltSqlDb        *db,
                               GTask           *task,
                               gpointer         object,
                               GError         **error);
  /* The customers that refer to one (?1 the key). A delete refuses while
   * listed ones do when @in_use is set, else it clears @detach in them
   * ("": the reference goes by ON DELETE CASCADE). */
  const char    *members;
  const char    *in_use;
  const char    *detach;
  /* Optional: which rows are there to read (NULL: all), and what a
   * delete does instead of clearing @detach and deleting the row (the
   * row then stays, not @live, until the upkeep removes it; a create of
   * its key meanwhile fails with @removing). */
  const char    *live;
  gboolean     (*mark_deleted) (CltSqlStore    *self,
                                CltSqlDb       *db,
                                GTask          *task,
                                const char     *key,
                                GError        **error);
  /* Messages, translated when shown. */
  const char    *gone;
  const char    *taken;
  const char    *stale;
  const char    *removing;
};

static void
shop_data_free (ShopData *data)
{
  g_clear_object (&data->object);
  g_free (data->key);
  g_free (data->request_id);
  g_free (data);
}

static ShopData *
shop_data_new (const ShopKind *kind,
               gpointer        object,
               const char     *key,
               gint64          version)
{
  ShopData *data = g_new0 (ShopData, 1);

  data->kind = kind;
  data->object = object;
  data->key = g_strdup (key);
  data->version = version;
  return data;
}

/* Customers {{{ */

/* Prepares "UPDATE customers SET @set WHERE @where", whose own parameters
 * are ?1 to ?@n_params: every change to a customer also bumps its version
 * and says who made it when. (Numbered, not named: a name after ?1 … ?3
 * would take number 4, the ?4 of a WHERE that comes later.) */
CltSqlStmt *
sql_prepare_customer_update (CltSqlStore *self,
                             CltSqlDb    *db,
                             GTask       *task,
                             const char  *set,
                             const char  *where,
                             int          n_params,
                             GError     **error)
{
  g_autofree char *sql = NULL;
  CltSqlStmt *stmt;

  sql = g_strdup_printf ("UPDATE customers SET %s%sversion = version + 1,"
                         " changed_by = ?%d, updated = ?%d WHERE %s",
                         set, set[0] != '\0' ? ", " : "", n_params + 1, n_params + 2, where);
  stmt = prepare (self, db, sql, error);
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, n_params + 1, task_author (task));
  clt_sql_bind_int64 (stmt, n_params + 2, now_usec ());
  return stmt;
}

/* Clears @set in the customers @where selects (?1: @key) and tells that
 * customers changed, when any did. */
static gboolean
detach_customers (CltSqlStore *self,
                  CltSqlDb    *db,
                  GTask       *task,
                  const char  *set,
                  const char  *where,
                  const char  *key,
                  GError     **error)
{
  g_autoptr(CltSqlStmt) stmt = sql_prepare_customer_update (self, db, task, set, where, 1, error);

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, key);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  if (sql_changes (self, db) == 0)
    return TRUE;

  return record_change (self, db, task, CLT_CHANGE_CUSTOMERS, NULL, error);
}

/* }}} */

/* Validation {{{ */

/* A list argument (group codes, roles, business units): TOO_LARGE above
 * the limit, else INVALID for @field when an entry is wrong. */
gboolean
sql_check_list_argument (const char         *field,
                         const char * const *values,
                         GError            **error)
{
  g_autofree char *message = NULL;

  if (values != NULL && g_strv_length ((char **) values) > CLT_VALIDATE_MAX_LIST_ITEMS)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_LARGE,
                   _("A list may have at most %u entries."), (guint) CLT_VALIDATE_MAX_LIST_ITEMS);
      return FALSE;
    }

  if (!clt_validate_list (values, CLT_VALIDATE_MAX_CODE, &message))
    {
      g_propagate_error (error, clt_store_error_new_invalid (field, "%s", message));
      return FALSE;
    }

  return TRUE;
}

/* }}} */

/* Sites, groups, companies, custom fields {{{ */

static gpointer
read_site_row (CltSqlStmt   *stmt,
               gconstpointer row_data)
{
  CltSite *site = clt_site_new ();

  clt_site_set_code (site, column_text (stmt, 0));
  clt_site_set_name (site, column_text (stmt, 1));
  clt_site_set_storefront_url (site, column_text (stmt, 2));
  clt_site_set_default_currency (site, column_text (stmt, 3));
  clt_site_set_default_locale (site, column_text (stmt, 4));
  clt_site_set_active (site, clt_sql_column_int (stmt, 5) != 0);
  clt_site_set_assisted_buying (site, clt_sql_column_int (stmt, 6) != 0);
  clt_site_set_version (site, clt_sql_column_int64 (stmt, 7));
  clt_site_set_assisted_buying_url (site, column_text (stmt, 8));

  return site;
}

static void
bind_site (CltSqlStmt *stmt,
           gpointer    object)
{
  CltSite *site = object;

  bind_text (stmt, 1, clt_site_get_code (site));
  bind_text (stmt, 2, clt_site_get_name (site));
  bind_text (stmt, 3, clt_site_get_storefront_url (site));
  bind_text (stmt, 4, clt_site_get_default_currency (site));
  bind_text (stmt, 5, clt_site_get_default_locale (site));
  clt_sql_bind_int (stmt, 6, clt_site_get_active (site));
  clt_sql_bind_int (stmt, 7, clt_site_get_assisted_buying (site));
  bind_text (stmt, 8, clt_site_get_assisted_buying_url (site));
}

static gpointer
read_group_row (CltSqlStmt   *stmt,
                gconstpointer row_data)
{
  CltGroup *group = clt_group_new ();

  clt_group_set_code (group, column_text (stmt, 0));
  clt_group_set_name (group, column_text (stmt, 1));
  clt_group_set_description (group, column_text (stmt, 2));
  clt_group_set_version (group, clt_sql_column_int64 (stmt, 3));

  return group;
}

static void
bind_group (CltSqlStmt *stmt,
            gpointer    object)
{
  CltGroup *group = object;

  bind_text (stmt, 1, clt_group_get_code (group));
  bind_text (stmt, 2, clt_group_get_name (group));
  bind_text (stmt, 3, clt_group_get_description (group));
}

static gpointer
read_company_row (CltSqlStmt   *stmt,
                  gconstpointer row_data)
{
  CltCompany *company = clt_company_new ();
  g_auto(GStrv) units = sql_split_lines (column_text (stmt, 2));
  g_auto(GStrv) roles = sql_split_lines (column_text (stmt, 3));

  clt_company_set_id (company, column_text (stmt, 0));
  clt_company_set_name (company, column_text (stmt, 1));
  clt_company_set_business_units (company, (const char * const *) units);
  clt_company_set_roles (company, (const char * const *) roles);
  clt_company_set_version (company, clt_sql_column_int64 (stmt, 4));

  return company;
}

static void
bind_company (CltSqlStmt *stmt,
              gpointer    object)
{
  CltCompany *company = object;

  bind_text (stmt, 1, clt_company_get_id (company));
  bind_text (stmt, 2, clt_company_get_name (company));
  clt_sql_bind_text (stmt, 3, clt_fold_text (clt_company_get_name (company)), -1, g_free);
}

static gboolean
write_company_list (CltSqlStore        *self,
                    CltSqlDb           *db,
                    const char         *table,
                    const char         *company_id,
                    const char * const *names,
                    GError            **error)
{
  g_autofree char *clear_sql = g_strdup_printf ("DELETE FROM %s WHERE company_id = ?", table);
  g_autofree char *insert_sql = g_strdup_printf ("INSERT INTO %s (company_id, name, position)"
                                                 " VALUES (?, ?, ?)", table);
  g_autoptr(CltSqlStmt) clear = NULL;
  g_autoptr(CltSqlStmt) insert = NULL;

  clear = prepare (self, db, clear_sql, error);
  if (clear == NULL)
    return FALSE;
  bind_text (clear, 1, company_id);
  if (!step_expect_done (self, db, clear, error))
    return FALSE;

  insert = prepare (self, db, insert_sql, error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      bind_text (insert, 1, company_id);
      bind_text (insert, 2, names[i]);
      clt_sql_bind_int (insert, 3, i);
      if (!step_done (self, db, insert, error))
        return FALSE;
    }

  return TRUE;
}

/* Members keep only the business unit and roles the company still has.
 * Updating rows as they are read is safe here: the walk is by company_id,
 * which the update leaves alone. */
static gboolean
fix_company_members (CltSqlStore *self,
                     CltSqlDb    *db,
                     GTask       *task,
                     CltCompany  *company,
                     GError     **error)
{
  const char * const *units = clt_company_get_business_units (company);
  const char * const *roles = clt_company_get_roles (company);
  g_autoptr(CltSqlStmt) members = NULL;
  g_autoptr(CltSqlStmt) update = NULL;
  gboolean changed = FALSE;
  int rc;

  members = prepare (self, db, "SELECT pk, business_unit, roles FROM customers WHERE company_id = ?",
                     error);
  if (members == NULL)
    return FALSE;
  update = sql_prepare_customer_update (self, db, task, "business_unit = ?1, roles = ?2", "pk = ?3",
                                    3, error);
  if (update == NULL)
    return FALSE;

  bind_text (members, 1, clt_company_get_id (company));
  while ((rc = clt_sql_step (members)) == CLT_SQL_ROW)
    {
      const char *unit = column_text (members, 1);
      g_auto(GStrv) held = sql_split_lines (column_text (members, 2));
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();
      g_autofree char *kept_roles = NULL;
      const char *kept_unit;

      for (guint i = 0; held[i] != NULL; i++)
        if (g_strv_contains (roles, held[i]))
          g_ptr_array_add (kept, held[i]);
      g_ptr_array_add (kept, NULL);
      kept_roles = sql_join_lines ((const char * const *) kept->pdata);

      kept_unit = g_strv_contains (units, unit) ? unit : "";
      if (g_strcmp0 (kept_unit, unit) == 0 && g_strcmp0 (kept_roles, column_text (members, 2)) == 0)
        continue;

      bind_text (update, 1, kept_unit);
      bind_text (update, 2, kept_roles);
      clt_sql_bind_int64 (update, 3, clt_sql_column_int64 (members, 0));
      if (!step_done (self, db, update, error))
        return FALSE;
      changed = TRUE;
    }
  if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  return !changed || record_change (self, db, task, CLT_CHANGE_CUSTOMERS, NULL, error);
}

static gboolean
save_company_lists (CltSqlStore *self,
                    CltSqlDb    *db,
                    GTask       *task,
                    gpointer     object,
                    GError     **error)
{
  CltCompany *company = object;
  const char *id = clt_company_get_id (company);

  return write_company_list (self, db, "company_business_units", id,
                             clt_company_get_business_units (company), error) &&
         write_company_list (self, db, "company_roles", id, clt_company_get_roles (company), error) &&
         fix_company_members (self, db, task, company, error);
}

static gpointer
read_custom_field_row (CltSqlStmt   *stmt,
                       gconstpointer row_data)
{
  CltCustomField *field = clt_custom_field_new ();

  clt_custom_field_set_key (field, column_text (stmt, 0));
  clt_custom_field_set_label (field, column_text (stmt, 1));
  clt_custom_field_set_field_type (field, clt_sql_column_int (stmt, 2));
  g_auto(GStrv) choices = sql_split_lines (column_text (stmt, 4));

  clt_custom_field_set_show_as_column (field, clt_sql_column_int (stmt, 3) != 0);
  clt_custom_field_set_choices (field, (const char * const *) choices);
  clt_custom_field_set_version (field, clt_sql_column_int64 (stmt, 5));

  return field;
}

static void
bind_custom_field (CltSqlStmt *stmt,
                   gpointer    object)
{
  CltCustomField *field = object;

  bind_text (stmt, 1, clt_custom_field_get_key (field));
  bind_text (stmt, 2, clt_custom_field_get_label (field));
  clt_sql_bind_int (stmt, 3, clt_custom_field_get_field_type (field));
  clt_sql_bind_int (stmt, 4, clt_custom_field_get_show_as_column (field));
  clt_sql_bind_text (stmt, 5, sql_join_lines (clt_custom_field_get_choices (field)), -1, g_free);
}

/* Values are stored by type: a field in use keeps its type. */
static gboolean
check_custom_field_type (CltSqlStore *self,
                         CltSqlDb    *db,
                         gpointer     object,
                         GError     **error)
{
  CltCustomField *field = object;
  g_autoptr(CltSqlStmt) stmt = NULL;
  int rc;

  stmt = prepare (self, db,
                  "SELECT 1 FROM custom_fields f WHERE f.key = ? AND f.type <> ?"
                  " AND EXISTS (SELECT 1 FROM customer_field_values v WHERE v.field_key = f.key)",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, clt_custom_field_get_key (field));
  clt_sql_bind_int (stmt, 2, clt_custom_field_get_field_type (field));
  rc = clt_sql_step (stmt);
  if (rc == CLT_SQL_ROW)
    {
      g_propagate_error (error, clt_store_error_new_invalid ("type",
                                                             _("Customers have values in this field: "
                                                               "its type cannot change.")));
      return FALSE;
    }
  if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

/* Group names are unique, compared without regard to case. */
static gboolean
check_group_name (CltSqlStore *self,
                  CltSqlDb    *db,
                  gpointer     object,
                  GError     **error)
{
  CltGroup *group = object;
  g_autofree char *name = g_utf8_casefold (clt_group_get_name (group), -1);
  g_autoptr(CltSqlStmt) stmt = NULL;
  int rc;

  stmt = prepare (self, db, "SELECT name FROM groups WHERE code <> ?", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, clt_group_get_code (group));
  while ((rc = clt_sql_step (stmt)) == CLT_SQL_ROW)
    {
      g_autofree char *other = g_utf8_casefold (column_text (stmt, 0), -1);

      if (strcmp (name, other) == 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("There is already a group named “%s”."), column_text (stmt, 0));

          set_conflict (error, "name", message);
          return FALSE;
        }
    }
  if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

static const ShopKind site_kind = {
  .change = CLT_CHANGE_SITE,
  .table = "sites",
  .key = "code",
  .columns = "code, name, storefront_url, default_currency, default_locale, active,"
             " assisted_buying, version, assisted_buying_url",
  .order = "position, code",
  .read_row = read_site_row,
  .insert_sql = "INSERT INTO sites (code, name, storefront_url, default_currency, default_locale,"
                " active, assisted_buying, assisted_buying_url, position)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, (SELECT count(*) FROM sites))",
  .update_sql = "UPDATE sites SET name = ?2, storefront_url = ?3, default_currency = ?4,"
                " default_locale = ?5, active = ?6, assisted_buying = ?7,"
                " assisted_buying_url = ?8, version = version + 1"
                " WHERE code = ?1",
  .bind = bind_site,
  .members = "(preferred_site = ?1 OR restriction = ?1) AND listed = 1",
  .in_use = N_("Customers still prefer or are restricted to this site: change their preferred "
               "site and restriction first."),
  .gone = N_("The site no longer exists."),
  .taken = N_("There is already a site with this code."),
  .stale = N_("Someone else changed this site in the meantime. "
              "Reload it and make your changes again."),
};

static const ShopKind group_kind = {
  .change = CLT_CHANGE_GROUP,
  .table = "groups",
  .key = "code",
  .columns = "code, name, description, version",
  .order = NULL, /* the dialect's group_order */
  .read_row = read_group_row,
  .insert_sql = "INSERT INTO groups (code, name, description) VALUES (?1, ?2, ?3)",
  .update_sql = "UPDATE groups SET name = ?2, description = ?3, version = version + 1"
                " WHERE code = ?1",
  .bind = bind_group,
  .check = check_group_name,
  .members = "pk IN (SELECT customer_pk FROM customer_groups WHERE group_code = ?1)",
  .detach = "",
  .gone = N_("The group no longer exists."),
  .taken = N_("There is already a group with this code."),
  .stale = N_("Someone else changed this group in the meantime. "
              "Reload it and make your changes again."),
};

static const ShopKind company_kind = {
  .change = CLT_CHANGE_COMPANY,
  .table = "companies",
  .key = "id",
  .columns = NULL, /* the dialect's company_columns */
  .order = "name_key, id",
  .read_row = read_company_row,
  .insert_sql = "INSERT INTO companies (id, name, name_key) VALUES (?1, ?2, ?3)",
  .update_sql = "UPDATE companies SET name = ?2, name_key = ?3, version = version + 1"
                " WHERE id = ?1",
  .bind = bind_company,
  .after_save = save_company_lists,
  .members = "company_id = ?1",
  .detach = "company_id = NULL, business_unit = '', roles = ''",
  .gone = N_("The company no longer exists."),
  .taken = N_("There is already a company with this ID."),
  .stale = N_("Someone else changed this company in the meantime. "
              "Reload it and make your changes again."),
};

static const ShopKind custom_field_kind = {
  .change = CLT_CHANGE_CUSTOM_FIELD,
  .table = "custom_fields",
  .key = "key",
  .columns = "key, label, type, show_as_column, choices, version",
  .order = "position, key",
  .read_row = read_custom_field_row,
  .insert_sql = "INSERT INTO custom_fields (key, label, type, show_as_column, choices, position)"
                " VALUES (?1, ?2, ?3, ?4, ?5, (SELECT count(*) FROM custom_fields))",
  .update_sql = "UPDATE custom_fields SET label = ?2, type = ?3, show_as_column = ?4,"
                " choices = ?5, version = version + 1 WHERE key = ?1",
  .bind = bind_custom_field,
  .check = check_custom_field_type,
  .live = "purging = 0",
  .mark_deleted = sql_mark_field_purging,
  .gone = N_("The custom field no longer exists."),
  .taken = N_("There is already a custom field with this key."),
  .removing = N_("A field with this key is still being removed."),
  .stale = N_("Someone else changed this custom field in the meantime. "
              "Reload it and make your changes again."),
};

/* Where the SQL differs between the engines, the kind leaves it to the
 * dialect. */
static const char *
kind_columns (CltSqlStore    *self,
              const ShopKind *kind)
{
  return kind->columns != NULL ? kind->columns : SQL_CLASS (self)->dialect->company_columns;
}

static const char *
kind_order (CltSqlStore    *self,
            const ShopKind *kind)
{
  return kind->order != NULL ? kind->order : SQL_CLASS (self)->dialect->group_order;
}

/* All of @kind, or (@one) the one whose key is bound to ?1. */
static CltSqlStmt *
prepare_select (CltSqlStore    *self,
                CltSqlDb       *db,
                const ShopKind *kind,
                gboolean        one,
                GError        **error)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s%s%s%s ORDER BY %s",
                         kind_columns (self, kind), kind->table,
                         kind->live != NULL ? kind->live : "1 = 1",
                         one ? " AND " : "", one ? kind->key : "", one ? " = ?1" : "",
                         kind_order (self, kind));
  return prepare (self, db, sql, error);
}

/* The stored object of @kind with @key; NULL in *@out when there is none. */
static gboolean
lookup_object (CltSqlStore    *self,
               CltSqlDb       *db,
               const ShopKind *kind,
               const char     *key,
               GObject       **out,
               GError        **error)
{
  g_autoptr(CltSqlStmt) stmt = prepare_select (self, db, kind, TRUE, error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, key);
  rc = clt_sql_step (stmt);
  if (rc == CLT_SQL_ROW)
    *out = kind->read_row (stmt, NULL);
  else if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

static gint64
get_version (GObject *object)
{
  gint64 version = 0;

  g_object_get (object, "version", &version, NULL);
  return version;
}

/* Whether @stored is there, at @version. */
static gboolean
check_stored (const ShopKind *kind,
              GObject        *stored,
              gint64          version,
              GError        **error)
{
  if (stored == NULL)
    {
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND, _(kind->gone));
      return FALSE;
    }

  if (get_version (stored) != version)
    {
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE, _(kind->stale));
      return FALSE;
    }

  return TRUE;
}

/* The stored company @company_id; NULL in *@out when there is none. */
gboolean
sql_lookup_company (CltSqlStore *self,
                    CltSqlDb    *db,
                    const char  *company_id,
                    CltCompany **out,
                    GError     **error)
{
  GObject *found = NULL;

  if (!lookup_object (self, db, &company_kind, company_id, &found, error))
    return FALSE;

  *out = found != NULL ? CLT_COMPANY (found) : NULL;
  return TRUE;
}

/* The stored site @code; NULL in *@out when there is none. */
gboolean
sql_lookup_site (CltSqlStore *self,
                 CltSqlDb    *db,
                 const char  *code,
                 CltSite    **out,
                 GError     **error)
{
  GObject *found = NULL;

  if (!lookup_object (self, db, &site_kind, code, &found, error))
    return FALSE;

  *out = found != NULL ? CLT_SITE (found) : NULL;
  return TRUE;
}

/* For the customer page's one read: the shop's sites, the groups of the
 * customer @pk, and the company with @company_id (NULL when empty or
 * gone). */
gboolean
sql_select_customer_shop_data (CltSqlStore *self,
                               CltSqlDb    *db,
                               gint64       pk,
                               const char  *company_id,
                               GPtrArray  **sites,
                               GPtrArray  **groups,
                               CltCompany **company,
                               GError     **error)
{
  g_autoptr(CltSqlStmt) all_sites = prepare_select (self, db, &site_kind, FALSE, error);
  g_autoptr(CltSqlStmt) own_groups = NULL;
  g_autofree char *sql = NULL;

  if (all_sites == NULL ||
      !sql_collect_rows (self, db, all_sites, site_kind.read_row, NULL, sites, error))
    return FALSE;

  sql = g_strdup_printf ("SELECT %s FROM groups WHERE code IN"
                         " (SELECT group_code FROM customer_groups WHERE customer_pk = ?1)"
                         " ORDER BY %s",
                         kind_columns (self, &group_kind), kind_order (self, &group_kind));
  own_groups = prepare (self, db, sql, error);
  if (own_groups == NULL)
    return FALSE;
  clt_sql_bind_int64 (own_groups, 1, pk);
  if (!sql_collect_rows (self, db, own_groups, group_kind.read_row, NULL, groups, error))
    return FALSE;

  *company = NULL;
  if (company_id != NULL && company_id[0] != '\0')
    return sql_lookup_company (self, db, company_id, company, error);

  return TRUE;
}

static gboolean
list_read (CltSqlStore  *self,
           CltSqlReader *reader,
           gpointer      user_data,
           GCancellable *cancellable,
           GTask        *task,
           GError      **error)
{
  const ShopKind *kind = user_data;
  g_autoptr(CltSqlStmt) stmt = prepare_select (self, reader->db, kind, FALSE, error);

  if (stmt == NULL)
    return FALSE;

  return sql_return_rows (self, reader->db, stmt, kind->read_row, NULL, task, error);
}

static void
run_list (CltStore           *store,
          gpointer            source_tag,
          const ShopKind     *kind,
          GCancellable       *cancellable,
          GAsyncReadyCallback callback,
          gpointer            user_data)
{
  run_read (CLT_SQL_STORE (store), source_tag, list_read, (gpointer) kind, NULL,
            cancellable, callback, user_data);
}

/* Version 0 creates (a request id seen before returns what it made),
 * else the stored version must match; returns the stored object. */
static gboolean
save_write (CltSqlStore  *self,
            CltSqlDb     *db,
            gpointer      user_data,
            GCancellable *cancellable,
            GTask        *task,
            GError      **error)
{
  ShopData *data = user_data;
  const ShopKind *kind = data->kind;
  gint64 version = get_version (data->object);
  g_autofree char *key = NULL;
  g_autofree char *made = NULL;
  g_autoptr(GObject) stored = NULL;
  g_autoptr(CltSqlStmt) stmt = NULL;

  g_object_get (data->object, kind->key, &key, NULL);
  if (!lookup_object (self, db, kind, key, &stored, error))
    return FALSE;

  if (version == 0)
    {
      if (!sql_request_id_lookup (self, db, task, data->request_id, kind->change, &made, error))
        return FALSE;

      if (made != NULL && g_strcmp0 (made, key) != 0)
        {
          g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT,
                               _("This request was already used for something else."));
          return FALSE;
        }
      if (made != NULL)
        {
          /* The same create again: what it made, as it is now. */
          if (!check_stored (kind, stored, get_version (stored), error))
            return FALSE;
          write_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
          return TRUE;
        }
      if (stored != NULL)
        {
          set_conflict (error, kind->key, _(kind->taken));
          return FALSE;
        }
      if (kind->removing != NULL)
        {
          gboolean removing = FALSE;

          if (!sql_field_purging (self, db, key, &removing, error))
            return FALSE;
          if (removing)
            {
              set_conflict (error, kind->key, _(kind->removing));
              return FALSE;
            }
        }
    }
  else if (!check_stored (kind, stored, version, error))
    return FALSE;

  if (kind->check != NULL && !kind->check (self, db, data->object, error))
    return FALSE;

  stmt = prepare (self, db, version == 0 ? kind->insert_sql : kind->update_sql, error);
  if (stmt == NULL)
    return FALSE;

  kind->bind (stmt, data->object);
  if (!step_expect_done (self, db, stmt, error) ||
      (kind->after_save != NULL && !kind->after_save (self, db, task, data->object, error)) ||
      (version == 0 &&
       !sql_request_id_record (self, db, task, data->request_id, kind->change, key, error)) ||
      !record_change (self, db, task, kind->change, key, error))
    return FALSE;

  g_clear_object (&stored);
  if (!lookup_object (self, db, kind, key, &stored, error))
    return FALSE;

  g_assert (stored != NULL);
  write_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
  return TRUE;
}

/* Saves @object (owned, a copy of the caller's) unless @invalid (owned)
 * says why not. */
static void
run_save (CltStore           *store,
          gpointer            source_tag,
          const ShopKind     *kind,
          gpointer            object,
          const char         *request_id,
          GError             *invalid,
          GCancellable       *cancellable,
          GAsyncReadyCallback callback,
          gpointer            user_data)
{
  ShopData *data;

  if (invalid != NULL)
    {
      g_object_unref (object);
      refuse_write (store, source_tag, CLT_PERMISSION_MANAGE_SHOP, invalid, cancellable, callback,
                    user_data);
      return;
    }

  data = shop_data_new (kind, object, NULL, 0);
  data->request_id = g_strdup (request_id);
  run_write (CLT_SQL_STORE (store), source_tag, save_write, data,
             (GDestroyNotify) shop_data_free, CLT_PERMISSION_MANAGE_SHOP,
             cancellable, callback, user_data);
}

static gboolean
delete_write (CltSqlStore  *self,
              CltSqlDb     *db,
              gpointer      user_data,
              GCancellable *cancellable,
              GTask        *task,
              GError      **error)
{
  ShopData *data = user_data;
  const ShopKind *kind = data->kind;
  g_autoptr(GObject) stored = NULL;
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autofree char *sql = NULL;

  if (!lookup_object (self, db, kind, data->key, &stored, error) ||
      !check_stored (kind, stored, data->version, error))
    return FALSE;

  if (kind->mark_deleted != NULL)
    {
      if (!kind->mark_deleted (self, db, task, data->key, error) ||
          !record_change (self, db, task, kind->change, data->key, error))
        return FALSE;
      write_return_boolean (task, TRUE);
      return TRUE;
    }

  if (kind->in_use != NULL)
    {
      g_autofree char *in_use_sql = g_strdup_printf ("SELECT 1 FROM customers WHERE %s",
                                                     kind->members);
      gboolean used = FALSE;

      if (!exists_text (self, db, in_use_sql, data->key, &used, error))
        return FALSE;
      if (used)
        {
          set_conflict (error, kind->key, _(kind->in_use));
          return FALSE;
        }
    }
  else if (!detach_customers (self, db, task, kind->detach, kind->members, data->key, error))
    return FALSE;

  sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?", kind->table, kind->key);
  stmt = prepare (self, db, sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, data->key);
  if (!step_expect_done (self, db, stmt, error) ||
      !record_change (self, db, task, kind->change, data->key, error))
    return FALSE;

  write_return_boolean (task, TRUE);
  return TRUE;
}

static void
run_delete (CltStore           *store,
            gpointer            source_tag,
            const ShopKind     *kind,
            const char         *key,
            gint64              version,
            GCancellable       *cancellable,
            GAsyncReadyCallback callback,
            gpointer            user_data)
{
  run_write (CLT_SQL_STORE (store), source_tag, delete_write,
             shop_data_new (kind, NULL, key, version), (GDestroyNotify) shop_data_free,
             CLT_PERMISSION_MANAGE_SHOP, cancellable, callback, user_data);
}

static void
clt_sql_store_list_sites (CltStore           *store,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  run_list (store, clt_sql_store_list_sites, &site_kind, cancellable, callback, user_data);
}

static void
clt_sql_store_save_site (CltStore           *store,
                         CltSite            *site,
                         const char         *request_id,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  GError *error = NULL;

  clt_validate_site (site, &error);
  run_save (store, clt_sql_store_save_site, &site_kind, clt_site_copy (site), request_id,
            error, cancellable, callback, user_data);
}

static void
clt_sql_store_delete_site (CltStore           *store,
                           const char         *code,
                           gint64              version,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  run_delete (store, clt_sql_store_delete_site, &site_kind, code, version,
              cancellable, callback, user_data);
}

static void
clt_sql_store_list_groups (CltStore           *store,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  run_list (store, clt_sql_store_list_groups, &group_kind, cancellable, callback, user_data);
}

static void
clt_sql_store_save_group (CltStore           *store,
                          CltGroup           *group,
                          const char         *request_id,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  GError *error = NULL;

  clt_validate_group (group, &error);
  run_save (store, clt_sql_store_save_group, &group_kind, clt_group_copy (group), request_id,
            error, cancellable, callback, user_data);
}

static void
clt_sql_store_delete_group (CltStore           *store,
                            const char         *code,
                            gint64              version,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  run_delete (store, clt_sql_store_delete_group, &group_kind, code, version,
              cancellable, callback, user_data);
}

static void
clt_sql_store_list_companies (CltStore           *store,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  run_list (store, clt_sql_store_list_companies, &company_kind, cancellable, callback,
            user_data);
}

static void
clt_sql_store_save_company (CltStore           *store,
                            CltCompany         *company,
                            const char         *request_id,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  GError *error = NULL;

  /* The lists' limit first: TOO_LARGE rather than INVALID. */
  if (sql_check_list_argument ("business-units", clt_company_get_business_units (company), &error) &&
      sql_check_list_argument ("roles", clt_company_get_roles (company), &error))
    clt_validate_company (company, &error);
  run_save (store, clt_sql_store_save_company, &company_kind, clt_company_copy (company),
            request_id, error, cancellable, callback, user_data);
}

static void
clt_sql_store_delete_company (CltStore           *store,
                              const char         *company_id,
                              gint64              version,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  run_delete (store, clt_sql_store_delete_company, &company_kind, company_id, version,
              cancellable, callback, user_data);
}

static void
clt_sql_store_list_custom_fields (CltStore           *store,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  run_list (store, clt_sql_store_list_custom_fields, &custom_field_kind, cancellable, callback,
            user_data);
}

static void
clt_sql_store_save_custom_field (CltStore           *store,
                                 CltCustomField     *field,
                                 const char         *request_id,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  GError *error = NULL;

  clt_validate_custom_field (field, &error);
  run_save (store, clt_sql_store_save_custom_field, &custom_field_kind,
            clt_custom_field_copy (field), request_id, error, cancellable, callback, user_data);
}

static void
clt_sql_store_delete_custom_field (CltStore           *store,
                                   const char         *key,
                                   gint64              version,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  run_delete (store, clt_sql_store_delete_custom_field, &custom_field_kind, key, version,
              cancellable, callback, user_data);
}

/* }}} */

void
clt_sql_store_shop_iface_init (CltStoreInterface *iface)
{
  iface->list_sites = clt_sql_store_list_sites;
  iface->save_site = clt_sql_store_save_site;
  iface->delete_site = clt_sql_store_delete_site;
  iface->list_groups = clt_sql_store_list_groups;
  iface->save_group = clt_sql_store_save_group;
  iface->delete_group = clt_sql_store_delete_group;
  iface->list_companies = clt_sql_store_list_companies;
  iface->save_company = clt_sql_store_save_company;
  iface->delete_company = clt_sql_store_delete_company;
  iface->list_custom_fields = clt_sql_store_list_custom_fields;
  iface->save_custom_field = clt_sql_store_save_custom_field;
  iface->delete_custom_field = clt_sql_store_delete_custom_field;
  iface->get_preferences = clt_sql_store_get_preferences;
  iface->set_preferences = clt_sql_store_set_preferences;
  iface->get_current_user = clt_sql_store_get_current_user;
}
