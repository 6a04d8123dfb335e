/* clt-sql-store-customers.c
 *
 * Customers: create, update, send a password reset (deleting is in
 * clt-sql-store-delete.c); and the customer helpers the other parts share (look-ups, versions, groups, the table's location
 * columns).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-sql-store-private.h"

/* Customers {{{ */

#define MAX_NUMBER_ATTEMPTS 1000
#define META_SQL "SELECT value FROM clt_meta WHERE key = ?"

/* A write based on @expected when the stored customer is at @stored. */
gboolean
sql_check_version (gint64   stored,
                   gint64   expected,
                   GError **error)
{
  if (stored == expected)
    return TRUE;

  g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE,
                       _("Someone else changed this in the meantime. "
                         "Reload it and make your changes again."));
  return FALSE;
}

gboolean
sql_step_expect_done (CltSqlStore  *self,
                      CltSqlDb     *db,
                      CltSqlStmt   *stmt,
                      GError      **error)
{
  int rc = clt_sql_step (stmt);

  if (rc != CLT_SQL_DONE && rc != CLT_SQL_ROW)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

/* Steps @stmt (prepared and bound) once; TRUE in *@found when it returns
 * a row. */
static gboolean
step_found (CltSqlStore  *self,
            CltSqlDb     *db,
            CltSqlStmt   *stmt,
            gboolean     *found,
            GError      **error)
{
  int rc = clt_sql_step (stmt);

  if (rc != CLT_SQL_ROW && rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  *found = rc == CLT_SQL_ROW;
  return TRUE;
}

/* Steps @stmt, a write that returns no rows, and resets it for the next
 * bindings. */
gboolean
sql_step_done (CltSqlStore  *self,
               CltSqlDb     *db,
               CltSqlStmt   *stmt,
               GError      **error)
{
  int rc = clt_sql_step (stmt);

  clt_sql_reset (stmt);
  if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  return TRUE;
}

/* Runs @sql with one text parameter; TRUE in *@found when it returns a row. */
gboolean
sql_exists_text (CltSqlStore  *self,
                 CltSqlDb     *db,
                 const char   *sql,
                 const char   *param,
                 gboolean     *found,
                 GError      **error)
{
  g_autoptr(CltSqlStmt) stmt = prepare (self, db, sql, error);

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, param);
  return step_found (self, db, stmt, found, error);
}

/* The pk of the customer @customer_id (@sql selects it by its id). */
static gboolean
lookup_pk (CltSqlStore  *self,
           CltSqlDb     *db,
           const char   *sql,
           const char   *customer_id,
           gint64       *pk,
           GError      **error)
{
  g_autoptr(CltSqlStmt) stmt = prepare (self, db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, customer_id);
  rc = clt_sql_step (stmt);
  if (rc == CLT_SQL_ROW)
    {
      *pk = clt_sql_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
               _("The customer no longer exists."));
  return FALSE;
}

gboolean
sql_lookup_customer_pk (CltSqlStore  *self,
                        CltSqlDb     *db,
                        const char   *customer_id,
                        gint64       *pk,
                        GError      **error)
{
  return lookup_pk (self, db, "SELECT pk FROM customers WHERE id = ?", customer_id, pk, error);
}

/* The pk of a customer that may be written: anonymized ones are gone. */
gboolean
sql_lookup_live_customer (CltSqlStore  *self,
                          CltSqlDb     *db,
                          const char   *customer_id,
                          gint64       *pk,
                          GError      **error)
{
  return lookup_pk (self, db, "SELECT pk FROM customers WHERE id = ? AND anonymized_at IS NULL",
                    customer_id, pk, error);
}

gboolean
sql_read_customer_by_pk (CltSqlStore  *self,
                         CltSqlDb     *db,
                         gint64        pk,
                         CltCustomer **out,
                         GError      **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autoptr(GPtrArray) customers = NULL;

  stmt = prepare (self, db, "SELECT " CUSTOMER_COLUMNS " FROM customers c WHERE c.pk = ?",
                  error);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int64 (stmt, 1, pk);
  if (!SQL_CLASS (self)->select_customers (self, db, stmt->native, &customers, error))
    return FALSE;

  if (customers->len == 0)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                   _("The customer no longer exists."));
      return FALSE;
    }

  *out = g_object_ref (g_ptr_array_index (customers, 0));
  return TRUE;
}

/* The first column of the first row of @sql with the text parameter
 * @param, NULL on any failure (callers fall back to a default). */
static char *
select_text (CltSqlStore *self,
             CltSqlDb    *db,
             const char  *sql,
             const char  *param)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  int rc;

  stmt = clt_sql_prepare (SQL_CLASS (self)->engine, db, sql, &rc);
  if (stmt == NULL)
    return NULL;

  bind_static_text (stmt, 1, param);
  if (clt_sql_step (stmt) != CLT_SQL_ROW)
    return NULL;

  return g_strdup (column_text (stmt, 0));
}

static gboolean
meta_set (CltSqlStore  *self,
          CltSqlDb     *db,
          const char   *key,
          const char   *value,
          GError      **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;

  stmt = prepare (self, db, "INSERT INTO clt_meta (key, value) VALUES (?, ?)"
                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, key);
  bind_text (stmt, 2, value);
  return step_expect_done (self, db, stmt, error);
}

/* The next customer number: the shop's prefix and a keyed permutation of
 * a sequence kept in clt_meta with its secret key. Sample data uses keys
 * of its own, so a number may be taken already: then the next one. */
static char *
next_customer_number (CltSqlStore        *self,
                      CltSqlDb           *db,
                      CltShopPreferences *preferences,
                      GError            **error)
{
  g_autofree char *key = select_text (self, db, META_SQL, "customer_number_key");
  g_autofree char *sequence_text = select_text (self, db, META_SQL, "customer_number_sequence");
  guint64 sequence = 0;

  if (key == NULL || !clt_customer_number_key_is_valid (key))
    {
      g_free (key);
      key = clt_customer_number_generate_key ();
      if (!meta_set (self, db, "customer_number_key", key, error))
        return NULL;
    }

  if (sequence_text != NULL)
    sequence = g_ascii_strtoull (sequence_text, NULL, 10);

  for (guint attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt++)
    {
      g_autofree char *number = NULL;
      g_autofree char *number_key = NULL;
      g_autofree char *stored = NULL;
      gboolean taken = FALSE;

      sequence++;
      if (sequence > CLT_CUSTOMER_NUMBER_MAX_SEQUENCE)
        break;

      number = clt_customer_number_format (key,
                                           clt_shop_preferences_get_customer_number_prefix (preferences),
                                           sequence);
      number_key = clt_fold_text (number);
      if (!exists_text (self, db, "SELECT 1 FROM customers WHERE number_key = ?",
                        number_key, &taken, error))
        return NULL;
      if (taken)
        continue;

      stored = g_strdup_printf ("%" G_GUINT64_FORMAT, sequence);
      if (!meta_set (self, db, "customer_number_sequence", stored, error))
        return NULL;

      return g_steal_pointer (&number);
    }

  g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_FAILED,
               _("No free customer number could be found."));
  return NULL;
}

/* A changed site reference (@property "preferred-site" or "restriction")
 * must name an existing site: an imported customer may name a site this
 * database does not know, and keeps it while it is not changed. */
static gboolean
check_site_reference (CltSqlStore  *self,
                      CltSqlDb     *db,
                      const char   *property,
                      const char   *site,
                      const char   *stored_site,
                      GError      **error)
{
  gboolean found;

  if (site[0] == '\0' || g_strcmp0 (site, stored_site) == 0)
    return TRUE;

  if (!exists_text (self, db, "SELECT 1 FROM sites WHERE code = ?", site, &found, error))
    return FALSE;
  if (!found)
    {
      g_propagate_error (error, clt_store_error_new_invalid (property,
                                                             _("There is no site “%s”."),
                                                             site));
      return FALSE;
    }

  return TRUE;
}

/* Group codes must name existing groups, sites existing sites (see
 * check_site_reference ()), custom field keys existing definitions.
 * Values of a field deleted meanwhile (still being purged) are dropped
 * from @customer: an edit begun before the delete saves the rest.
 * @stored: the customer as stored, NULL for a new one. */
static gboolean
check_references (CltSqlStore  *self,
                  CltSqlDb     *db,
                  CltCustomer  *customer,
                  CltCustomer  *stored,
                  GError      **error)
{
  const char * const *groups = clt_customer_get_groups (customer);
  GVariant *fields = clt_customer_get_custom_fields (customer);
  gboolean found;

  for (guint i = 0; groups != NULL && groups[i] != NULL; i++)
    {
      if (!exists_text (self, db, "SELECT 1 FROM groups WHERE code = ?", groups[i], &found, error))
        return FALSE;
      if (!found)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("groups",
                                                                 _("There is no group “%s”."),
                                                                 groups[i]));
          return FALSE;
        }
    }

  if (!check_site_reference (self, db, "preferred-site", clt_customer_get_preferred_site (customer),
                             stored != NULL ? clt_customer_get_preferred_site (stored) : NULL,
                             error) ||
      !check_site_reference (self, db, "restriction", clt_customer_get_restriction (customer),
                             stored != NULL ? clt_customer_get_restriction (stored) : NULL,
                             error))
    return FALSE;

  if (fields != NULL && g_variant_is_of_type (fields, G_VARIANT_TYPE_VARDICT))
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;
      g_autoptr(GVariantBuilder) kept = NULL;
      gboolean dropped = FALSE;

      g_autoptr(CltSqlStmt) type = prepare (self, db,
                                            "SELECT type, choices, purging FROM custom_fields"
                                            " WHERE key = ?",
                                            error);

      if (type == NULL)
        return FALSE;

      /* Every value names a defined field and has its type. */
      g_variant_iter_init (&iter, fields);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          g_autoptr(GVariant) owned = value;
          g_autoptr(CltCustomField) field = NULL;
          g_autofree char *message = NULL;
          int rc;

          clt_sql_reset (type);
          bind_text (type, 1, key);
          rc = clt_sql_step (type);
          if (rc != CLT_SQL_ROW && rc != CLT_SQL_DONE)
            {
              set_db_error (self, error, db, rc);
              return FALSE;
            }
          if (rc == CLT_SQL_DONE)
            {
              g_autofree char *unknown = g_strdup_printf (_("There is no custom field “%s”."), key);

              g_propagate_error (error, clt_custom_field_value_error (key, unknown));
              return FALSE;
            }
          if (clt_sql_column_int (type, 2) != 0)
            {
              dropped = TRUE;
              continue;
            }

          field = clt_custom_field_new ();
          clt_custom_field_set_key (field, key);
          clt_custom_field_set_field_type (field, clt_sql_column_int (type, 0));
          {
            g_auto(GStrv) choices = sql_split_lines (column_text (type, 1));

            clt_custom_field_set_choices (field, (const char * const *) choices);
          }
          if (!clt_validate_custom_field_value (field, owned, &message))
            {
              g_propagate_error (error, clt_custom_field_value_error (key, message));
              return FALSE;
            }
          if (kept == NULL)
            kept = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
          g_variant_builder_add (kept, "{sv}", key, owned);
        }

      if (dropped)
        clt_customer_set_custom_fields (customer,
                                        kept != NULL ? g_variant_builder_end (kept) : NULL);
    }

  return TRUE;
}

/* Replaces the customer's groups and custom field values. */
gboolean
sql_write_groups (CltSqlStore        *self,
                  CltSqlDb           *db,
                  gint64              pk,
                  const char * const *groups,
                  GError            **error)
{
  g_autoptr(CltSqlStmt) clear = NULL;
  g_autoptr(CltSqlStmt) insert = NULL;

  clear = prepare (self, db, "DELETE FROM customer_groups WHERE customer_pk = ?", error);
  if (clear == NULL)
    return FALSE;
  clt_sql_bind_int64 (clear, 1, pk);
  if (!step_expect_done (self, db, clear, error))
    return FALSE;

  insert = prepare (self, db,
                    "INSERT INTO customer_groups (customer_pk, group_code) VALUES (?, ?)"
                    " ON CONFLICT DO NOTHING",
                    error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; groups != NULL && groups[i] != NULL; i++)
    {
      clt_sql_bind_int64 (insert, 1, pk);
      bind_text (insert, 2, groups[i]);
      if (!step_done (self, db, insert, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_custom_fields (CltSqlStore  *self,
                     CltSqlDb     *db,
                     gint64        pk,
                     GVariant     *fields,
                     GError      **error)
{
  g_autoptr(CltSqlStmt) clear = NULL;
  g_autoptr(CltSqlStmt) insert = NULL;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  clear = prepare (self, db, "DELETE FROM customer_field_values WHERE customer_pk = ?", error);
  if (clear == NULL)
    return FALSE;
  clt_sql_bind_int64 (clear, 1, pk);
  if (!step_expect_done (self, db, clear, error))
    return FALSE;

  if (fields == NULL || !g_variant_is_of_type (fields, G_VARIANT_TYPE_VARDICT))
    return TRUE;

  insert = prepare (self, db, SQL_CLASS (self)->dialect->insert_field_value, error);
  if (insert == NULL)
    return FALSE;

  g_variant_iter_init (&iter, fields);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      gboolean ok;

      clt_sql_bind_int64 (insert, 1, pk);
      bind_text (insert, 2, key);
      SQL_CLASS (self)->bind_field_value (insert->native, 3, value);
      g_variant_unref (value);

      ok = step_done (self, db, insert, error);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* zip code, city and country of the customer's default billing address,
 * else of the first address, else empty: what the table shows. */
gboolean
sql_refresh_location (CltSqlStore  *self,
                      CltSqlDb     *db,
                      gint64        pk,
                      GError      **error)
{
  g_autoptr(CltSqlStmt) pick = NULL;
  g_autoptr(CltSqlStmt) update = NULL;
  g_autofree char *zip_code = NULL;
  g_autofree char *city = NULL;
  g_autofree char *country = NULL;
  g_autofree char *zip_key = NULL;
  g_autofree char *city_key = NULL;
  int rc;

  pick = prepare (self, db,
                  "SELECT a.zip_code, a.city, a.country FROM addresses a"
                  " JOIN customers c ON c.pk = a.customer_pk"
                  " WHERE a.customer_pk = ?1"
                  " ORDER BY a.id = c.default_billing_address DESC, a.pk LIMIT 1",
                  error);
  if (pick == NULL)
    return FALSE;

  clt_sql_bind_int64 (pick, 1, pk);
  rc = clt_sql_step (pick);
  if (rc == CLT_SQL_ROW)
    {
      zip_code = g_strdup (column_text (pick, 0));
      city = g_strdup (column_text (pick, 1));
      country = g_strdup (column_text (pick, 2));
    }
  else if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  zip_key = clt_fold_text (zip_code != NULL ? zip_code : "");
  city_key = clt_fold_text (city != NULL ? city : "");

  update = prepare (self, db,
                    "UPDATE customers SET zip_code = ?, city = ?, country = ?, zip_key = ?,"
                    " city_key = ? WHERE pk = ?",
                    error);
  if (update == NULL)
    return FALSE;

  bind_text (update, 1, zip_code);
  bind_text (update, 2, city);
  bind_text (update, 3, country);
  bind_text (update, 4, zip_key);
  bind_text (update, 5, city_key);
  clt_sql_bind_int64 (update, 6, pk);
  return search_index_remove (self, db, pk, error) &&
         step_expect_done (self, db, update, error) &&
         search_index_add (self, db, pk, error);
}

typedef struct
{
  CltCustomer *customer;
  char        *password;
  gboolean     send_password_token;
  char        *request_id;
} CustomerWriteData;

static void
customer_write_data_free (CustomerWriteData *data)
{
  g_clear_object (&data->customer);
  g_free (data->request_id);
  if (data->password != NULL)
    {
      memset (data->password, 0, strlen (data->password));
      g_free (data->password);
    }
  g_free (data);
}

static gboolean
create_customer_write (CltSqlStore   *self,
                       CltSqlDb      *db,
                       gpointer       user_data,
                       GCancellable  *cancellable,
                       GTask         *task,
                       GError       **error)
{
  CustomerWriteData *data = user_data;
  CltCustomer *customer = data->customer;
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autofree char *email = clt_validate_normalize_email (clt_customer_get_email (customer));
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *password_hash = NULL;
  g_autofree char *roles = sql_join_lines (clt_customer_get_roles (customer));
  g_autofree char *number_key = NULL;
  g_autofree char *email_key = NULL;
  g_autofree char *first_name_key = NULL;
  g_autofree char *last_name_key = NULL;
  g_autofree char *company_key = NULL;
  const char *company_id = clt_customer_get_company_id (customer);
  gboolean taken = FALSE;
  gint64 now = now_usec ();
  gint64 pk;

  /* The same create again (a Save retried after a timeout): its result. */
  if (!sql_request_id_lookup (self, db, task, data->request_id, CLT_CHANGE_CUSTOMER, &id, error))
    return FALSE;
  if (id != NULL)
    {
      if (!lookup_customer_pk (self, db, id, &pk, error) ||
          !read_customer_by_pk (self, db, pk, &stored, error))
        return FALSE;
      write_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
      return TRUE;
    }

  preferences = sql_read_preferences (self, db, error);
  if (preferences == NULL)
    return FALSE;

  if (!exists_text (self, db, SQL_CLASS (self)->dialect->email_taken, email, &taken, error))
    return FALSE;
  if (taken)
    {
      set_conflict (error, "email", _("Another customer already uses this email address."));
      return FALSE;
    }

  if (clt_customer_get_id (customer)[0] != '\0')
    {
      id = g_strdup (clt_customer_get_id (customer));
      if (!exists_text (self, db, "SELECT 1 FROM customers WHERE id = ?", id, &taken, error))
        return FALSE;
      if (taken)
        {
          set_conflict (error, "id", _("Another customer already has this ID."));
          return FALSE;
        }
    }
  else
    {
      do
        {
          g_free (id);
          id = sql_make_random_id (16);
          if (!exists_text (self, db, "SELECT 1 FROM customers WHERE id = ?", id, &taken, error))
            return FALSE;
        }
      while (taken);
    }

  if (!check_references (self, db, customer, NULL, error))
    return FALSE;

  if (company_id[0] != '\0')
    {
      if (!exists_text (self, db, "SELECT 1 FROM companies WHERE id = ?", company_id, &taken, error))
        return FALSE;
      if (!taken)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("company-id",
                                                                 _("There is no company “%s”."),
                                                                 company_id));
          return FALSE;
        }
    }

  if (data->password != NULL && data->password[0] != '\0')
    {
      password_hash = clt_password_hash (data->password, error);
      if (password_hash == NULL)
        return FALSE;
    }

  number = next_customer_number (self, db, preferences, error);
  if (number == NULL)
    return FALSE;

  number_key = clt_fold_text (number);
  email_key = clt_fold_text (email);
  first_name_key = clt_fold_text (clt_customer_get_first_name (customer));
  last_name_key = clt_fold_text (clt_customer_get_last_name (customer));
  company_key = clt_fold_text (clt_customer_get_company (customer));

  stmt = prepare (self, db,
    "INSERT INTO customers (id, number, email, salutation, title, first_name, middle_name,"
    " last_name, gender, date_of_birth, phone, company, locale, currency, preferred_site,"
    " restriction, active, on_hold, verified, registered, updated, company_id,"
    " business_unit, roles, password_hash, version, number_key, email_key, first_name_key,"
    " last_name_key, company_key, changed_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
    " ?18, 0, ?19, ?19, ?20, ?21, ?22, ?23, 1, ?24, ?25, ?26, ?27, ?28, ?29)",
    error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  bind_text (stmt, 2, number);
  bind_text (stmt, 3, email);
  bind_text (stmt, 4, clt_customer_get_salutation (customer));
  bind_text (stmt, 5, clt_customer_get_title (customer));
  bind_text (stmt, 6, clt_customer_get_first_name (customer));
  bind_text (stmt, 7, clt_customer_get_middle_name (customer));
  bind_text (stmt, 8, clt_customer_get_last_name (customer));
  clt_sql_bind_int (stmt, 9, clt_customer_get_gender (customer));
  bind_text (stmt, 10, clt_customer_get_date_of_birth (customer));
  bind_text (stmt, 11, clt_customer_get_phone (customer));
  bind_text (stmt, 12, clt_customer_get_company (customer));
  bind_text (stmt, 13, clt_customer_get_locale (customer));
  bind_text (stmt, 14, clt_customer_get_currency (customer));
  bind_text (stmt, 15, clt_customer_get_preferred_site (customer));
  bind_text (stmt, 16, clt_customer_get_restriction (customer));
  clt_sql_bind_int (stmt, 17, clt_customer_get_active (customer));
  clt_sql_bind_int (stmt, 18, clt_customer_get_on_hold (customer));
  clt_sql_bind_int64 (stmt, 19, now);
  if (company_id[0] != '\0')
    bind_text (stmt, 20, company_id);
  else
    clt_sql_bind_null (stmt, 20);
  bind_text (stmt, 21, clt_customer_get_business_unit (customer));
  bind_text (stmt, 22, roles);
  bind_text (stmt, 23, password_hash);
  bind_text (stmt, 24, number_key);
  bind_text (stmt, 25, email_key);
  bind_text (stmt, 26, first_name_key);
  bind_text (stmt, 27, last_name_key);
  bind_text (stmt, 28, company_key);
  bind_text (stmt, 29, task_author (task));
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  pk = SQL_CLASS (self)->engine->last_insert_rowid (db);

  if (!search_index_add (self, db, pk, error) ||
      !write_groups (self, db, pk, clt_customer_get_groups (customer), error) ||
      !write_custom_fields (self, db, pk, clt_customer_get_custom_fields (customer), error))
    return FALSE;

  if (!read_customer_by_pk (self, db, pk, &stored, error))
    return FALSE;

  /* The mails the shop rules ask for: always the verification link; the
   * password link when asked; with an initial password, the password
   * itself, or the "being prepared" mail for an account that cannot sign
   * in yet (Emporix). */
  if (!sql_send_mail (self, db, pk, stored, preferences, MAIL_VERIFICATION, NULL, error))
    return FALSE;
  if (data->send_password_token &&
      !sql_send_mail (self, db, pk, stored, preferences, MAIL_PASSWORD_TOKEN, NULL, error))
    return FALSE;
  if (password_hash != NULL)
    {
      gboolean ready = clt_customer_get_active (stored) && !clt_customer_get_on_hold (stored);

      if (!sql_send_mail (self, db, pk, stored, preferences,
                          ready ? MAIL_INITIAL_PASSWORD : MAIL_ACCOUNT_PREPARED,
                          data->password, error))
        return FALSE;
    }

  if (!sql_request_id_record (self, db, task, data->request_id, CLT_CHANGE_CUSTOMER, id, error) ||
      !record_change (self, db, task, CLT_CHANGE_CUSTOMER, id, error))
    return FALSE;

  write_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
  return TRUE;
}

static void
clt_sql_store_create_customer (CltStore            *store,
                               CltCustomer         *customer,
                               const char          *initial_password,
                               gboolean             send_password_token,
                               const char          *request_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CltSqlStore *self = CLT_SQL_STORE (store);
  CustomerWriteData *data;
  GError *error = NULL;
  g_autofree char *message = NULL;

  if (!clt_validate_customer (customer, CLT_VALIDATE_CREATE, &error) ||
      (initial_password != NULL && initial_password[0] != '\0' &&
       !clt_validate_password (initial_password, &message)))
    {
      if (error == NULL)
        error = clt_store_error_new_invalid ("password", "%s", message);
      refuse_write (store, clt_sql_store_create_customer, CLT_PERMISSION_EDIT_CUSTOMERS, error,
                    cancellable, callback, user_data);
      return;
    }

  data = g_new0 (CustomerWriteData, 1);
  data->customer = clt_customer_copy (customer);
  data->password = g_strdup (initial_password);
  data->send_password_token = send_password_token;
  data->request_id = g_strdup (request_id);
  run_write (self, clt_sql_store_create_customer, create_customer_write, data,
             (GDestroyNotify) customer_write_data_free, CLT_PERMISSION_EDIT_CUSTOMERS,
             cancellable, callback, user_data);
}

/* Whether the address @address_id belongs to the customer @pk. */
gboolean
sql_address_exists (CltSqlStore  *self,
                    CltSqlDb     *db,
                    gint64        pk,
                    const char   *address_id,
                    gboolean     *found,
                    GError      **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;

  stmt = prepare (self, db, "SELECT 1 FROM addresses WHERE customer_pk = ? AND id = ?", error);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int64 (stmt, 1, pk);
  bind_text (stmt, 2, address_id);
  return step_found (self, db, stmt, found, error);
}

static gboolean
customer_has_mail (CltSqlStore *self,
                   CltSqlDb    *db,
                   gint64       pk,
                   const char  *kind)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  int rc;

  stmt = clt_sql_prepare (SQL_CLASS (self)->engine, db,
                          "SELECT 1 FROM email_outbox WHERE customer_pk = ? AND kind = ?", &rc);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int64 (stmt, 1, pk);
  bind_static_text (stmt, 2, kind);
  return clt_sql_step (stmt) == CLT_SQL_ROW;
}

static gboolean
update_customer_write (CltSqlStore   *self,
                       CltSqlDb      *db,
                       gpointer       user_data,
                       GCancellable  *cancellable,
                       GTask         *task,
                       GError       **error)
{
  CustomerWriteData *data = user_data;
  CltCustomer *customer = data->customer;
  g_autoptr(CltCustomer) before = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autofree char *roles = sql_join_lines (clt_customer_get_roles (customer));
  g_autofree char *first_name_key = NULL;
  g_autofree char *last_name_key = NULL;
  g_autofree char *company_key = NULL;
  const char *company_id = clt_customer_get_company_id (customer);
  const char *defaults[2] = {
    clt_customer_get_default_billing_address (customer),
    clt_customer_get_default_shipping_address (customer),
  };
  static const char * const default_fields[2] = {
    "default-billing-address", "default-shipping-address",
  };
  gboolean was_ready, is_ready;
  gboolean found;
  gint64 pk;

  if (!lookup_live_customer (self, db, clt_customer_get_id (customer), &pk, error) ||
      !read_customer_by_pk (self, db, pk, &before, error))
    return FALSE;

  if (!check_version (clt_customer_get_version (before), clt_customer_get_version (customer),
                      error))
    return FALSE;

  if (clt_customer_get_email (customer)[0] != '\0')
    {
      g_autofree char *email = clt_validate_normalize_email (clt_customer_get_email (customer));
      g_autofree char *old = clt_validate_normalize_email (clt_customer_get_email (before));

      if (g_strcmp0 (email, old) != 0)
        {
          g_propagate_error (error, clt_store_error_new_invalid ("email",
                                                                 _("The email address of a customer cannot be changed.")));
          return FALSE;
        }
    }

  for (guint i = 0; i < 2; i++)
    {
      if (defaults[i][0] == '\0')
        continue;
      if (!address_exists (self, db, pk, defaults[i], &found, error))
        return FALSE;
      if (!found)
        {
          g_propagate_error (error, clt_store_error_new_invalid (default_fields[i],
                                                                 _("This address does not belong to the customer.")));
          return FALSE;
        }
    }

  if (!check_references (self, db, customer, before, error))
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
    }

  first_name_key = clt_fold_text (clt_customer_get_first_name (customer));
  last_name_key = clt_fold_text (clt_customer_get_last_name (customer));
  company_key = clt_fold_text (clt_customer_get_company (customer));

  stmt = prepare (self, db,
    "UPDATE customers SET salutation = ?1, title = ?2, first_name = ?3, middle_name = ?4,"
    " last_name = ?5, gender = ?6, date_of_birth = ?7, phone = ?8, company = ?9, locale = ?10,"
    " currency = ?11, preferred_site = ?12, restriction = ?13, active = ?14, on_hold = ?15,"
    " verified = ?16, updated = ?17, default_billing_address = ?18,"
    " default_shipping_address = ?19, company_id = ?20, business_unit = ?21, roles = ?22,"
    " first_name_key = ?23, last_name_key = ?24, company_key = ?25, version = version + 1,"
    " changed_by = ?27 WHERE pk = ?26",
    error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, clt_customer_get_salutation (customer));
  bind_text (stmt, 2, clt_customer_get_title (customer));
  bind_text (stmt, 3, clt_customer_get_first_name (customer));
  bind_text (stmt, 4, clt_customer_get_middle_name (customer));
  bind_text (stmt, 5, clt_customer_get_last_name (customer));
  clt_sql_bind_int (stmt, 6, clt_customer_get_gender (customer));
  bind_text (stmt, 7, clt_customer_get_date_of_birth (customer));
  bind_text (stmt, 8, clt_customer_get_phone (customer));
  bind_text (stmt, 9, clt_customer_get_company (customer));
  bind_text (stmt, 10, clt_customer_get_locale (customer));
  bind_text (stmt, 11, clt_customer_get_currency (customer));
  bind_text (stmt, 12, clt_customer_get_preferred_site (customer));
  bind_text (stmt, 13, clt_customer_get_restriction (customer));
  clt_sql_bind_int (stmt, 14, clt_customer_get_active (customer));
  clt_sql_bind_int (stmt, 15, clt_customer_get_on_hold (customer));
  clt_sql_bind_int (stmt, 16, clt_customer_get_verified (customer));
  clt_sql_bind_int64 (stmt, 17, now_usec ());
  bind_text (stmt, 18, defaults[0]);
  bind_text (stmt, 19, defaults[1]);
  if (company_id[0] != '\0')
    bind_text (stmt, 20, company_id);
  else
    clt_sql_bind_null (stmt, 20);
  bind_text (stmt, 21, clt_customer_get_business_unit (customer));
  bind_text (stmt, 22, roles);
  bind_text (stmt, 23, first_name_key);
  bind_text (stmt, 24, last_name_key);
  bind_text (stmt, 25, company_key);
  clt_sql_bind_int64 (stmt, 26, pk);
  bind_text (stmt, 27, task_author (task));
  if (!search_index_remove (self, db, pk, error) ||
      !step_expect_done (self, db, stmt, error) ||
      !search_index_add (self, db, pk, error))
    return FALSE;

  if (!write_groups (self, db, pk, clt_customer_get_groups (customer), error) ||
      !write_custom_fields (self, db, pk, clt_customer_get_custom_fields (customer), error) ||
      !refresh_location (self, db, pk, error) ||
      !read_customer_by_pk (self, db, pk, &stored, error))
    return FALSE;

  /* Emporix: a prepared account that becomes active tells its customer. */
  was_ready = clt_customer_get_active (before) && !clt_customer_get_on_hold (before);
  is_ready = clt_customer_get_active (stored) && !clt_customer_get_on_hold (stored);
  if (!was_ready && is_ready &&
      customer_has_mail (self, db, pk, sql_mail_kinds[MAIL_ACCOUNT_PREPARED]) &&
      !customer_has_mail (self, db, pk, sql_mail_kinds[MAIL_ACCOUNT_ACTIVE]))
    {
      g_autoptr(CltShopPreferences) preferences = sql_read_preferences (self, db, error);

      if (preferences == NULL ||
          !sql_send_mail (self, db, pk, stored, preferences, MAIL_ACCOUNT_ACTIVE, NULL, error))
        return FALSE;
    }

  if (!record_change (self, db, task, CLT_CHANGE_CUSTOMER, clt_customer_get_id (stored), error))
    return FALSE;

  write_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
  return TRUE;
}

void
sql_return_invalid (CltStore            *store,
                    gpointer             source_tag,
                    GError              *error,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_return_error (task, error);
}

static gboolean
refuse_write_write (CltSqlStore   *self,
                    CltSqlDb      *db,
                    gpointer       user_data,
                    GCancellable  *cancellable,
                    GTask         *task,
                    GError       **error)
{
  g_propagate_error (error, g_error_copy (user_data));
  return FALSE;
}

/* A write refused for its input (@error, taken): as a write, so that a
 * user whose role may not make it learns that first, not what is wrong
 * with a field they may not change anyway. */
void
sql_refuse_write (CltStore            *store,
                  gpointer             source_tag,
                  CltPermission        permission,
                  GError              *error,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  if (permission == CLT_PERMISSION_READ || clt_store_get_read_only (store))
    {
      sql_return_invalid (store, source_tag, error, cancellable, callback, user_data);
      return;
    }

  run_write (CLT_SQL_STORE (store), source_tag, refuse_write_write, error,
             (GDestroyNotify) g_error_free, permission, cancellable, callback, user_data);
}

static void
clt_sql_store_update_customer (CltStore            *store,
                               CltCustomer         *customer,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  CustomerWriteData *data;
  GError *error = NULL;

  if (!clt_validate_customer (customer, CLT_VALIDATE_UPDATE, &error))
    {
      refuse_write (store, clt_sql_store_update_customer, CLT_PERMISSION_EDIT_CUSTOMERS, error,
                    cancellable, callback, user_data);
      return;
    }

  data = g_new0 (CustomerWriteData, 1);
  data->customer = clt_customer_copy (customer);
  run_write (CLT_SQL_STORE (store), clt_sql_store_update_customer, update_customer_write,
             data, (GDestroyNotify) customer_write_data_free, CLT_PERMISSION_EDIT_CUSTOMERS,
             cancellable, callback, user_data);
}

static gboolean
send_password_reset_write (CltSqlStore   *self,
                           CltSqlDb      *db,
                           gpointer       user_data,
                           GCancellable  *cancellable,
                           GTask         *task,
                           GError       **error)
{
  IdData *data = user_data;
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  gint64 pk;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error) ||
      !read_customer_by_pk (self, db, pk, &customer, error))
    return FALSE;

  preferences = sql_read_preferences (self, db, error);
  if (preferences == NULL ||
      !sql_send_mail (self, db, pk, customer, preferences, MAIL_PASSWORD_RESET, NULL, error) ||
      !record_change (self, db, task, CLT_CHANGE_OUTBOX, data->customer_id, error))
    return FALSE;

  write_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_sql_store_send_password_reset (CltStore            *store,
                                   const char          *customer_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  run_write (CLT_SQL_STORE (store), clt_sql_store_send_password_reset,
             send_password_reset_write, sql_id_data_new (customer_id), (GDestroyNotify) sql_id_data_free,
             CLT_PERMISSION_EDIT_CUSTOMERS, cancellable, callback, user_data);
}

void
clt_sql_store_customers_iface_init (CltStoreInterface *iface)
{
  iface->create_customer = clt_sql_store_create_customer;
  iface->update_customer = clt_sql_store_update_customer;
  iface->delete_customer = clt_sql_store_delete_customer;
  iface->undo_delete_customer = clt_sql_store_undo_delete_customer;
  iface->send_password_reset = clt_sql_store_send_password_reset;
}
