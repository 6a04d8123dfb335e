/* clt-sql-store-import.c — imports: every row checked first (and refused
 * with a reason, or claimed against the rows before it and the database),
 * then the accepted ones written in the one transaction, with what the
 * engine does around a bulk load (import_begin, import_end).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-import-report.h"
#include "clt-marketing-record.h"
#include "clt-sql-store-private.h"

/* Import {{{ */

typedef struct
{
  CltSqlStmt *customer;
  CltSqlStmt *address;
  CltSqlStmt *order;
  CltSqlStmt *marketing;
  CltSqlStmt *group;
  CltSqlStmt *ensure_group;
  CltSqlStmt *field_value;
  CltSqlStmt *ensure_field;
  CltSqlStmt *ensure_company;
  /* The field keys this transaction checked: key → whether the field is
   * still being purged (clt-sql-store-purge.c). */
  GHashTable *purging;
  guint       n_written;
} Importer;

static void
importer_clear (Importer *importer)
{
  g_clear_pointer (&importer->customer, clt_sql_finalize);
  g_clear_pointer (&importer->address, clt_sql_finalize);
  g_clear_pointer (&importer->order, clt_sql_finalize);
  g_clear_pointer (&importer->marketing, clt_sql_finalize);
  g_clear_pointer (&importer->group, clt_sql_finalize);
  g_clear_pointer (&importer->ensure_group, clt_sql_finalize);
  g_clear_pointer (&importer->field_value, clt_sql_finalize);
  g_clear_pointer (&importer->ensure_field, clt_sql_finalize);
  g_clear_pointer (&importer->ensure_company, clt_sql_finalize);
  g_clear_pointer (&importer->purging, g_hash_table_unref);
}

static gboolean
importer_init (CltSqlStore  *self,
               CltSqlDb     *db,
               Importer     *importer,
               GError      **error)
{
  memset (importer, 0, sizeof *importer);
  importer->purging = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  importer->customer = prepare (self, db,
    "INSERT INTO customers (id, number, email, salutation, title, first_name, middle_name,"
    " last_name, gender, date_of_birth, phone, company, locale, currency, preferred_site,"
    " restriction, active, on_hold, verified, registered, updated, last_login, anonymized_at,"
    " default_billing_address, default_shipping_address, zip_code, city, country, company_id,"
    " business_unit, roles, version, number_key, email_key, first_name_key, last_name_key,"
    " company_key, zip_key, city_key)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36,"
    " ?37, ?38, ?39)",
    error);
  if (importer->customer == NULL)
    return FALSE;

  importer->address = prepare (self, db,
    "INSERT INTO addresses (customer_pk, id, salutation, first_name, last_name, address1,"
    " address2, address3, zip_code, city, region, country, phone, company, comment, version)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    error);
  if (importer->address == NULL)
    return FALSE;

  importer->order = prepare (self, db,
    "INSERT INTO orders (reference, customer_pk, created, status, total, currency, site)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    error);
  if (importer->order == NULL)
    return FALSE;

  importer->marketing = prepare (self, db,
    "INSERT INTO customer_marketing (customer_pk, kind, code, name, detail, dated, state)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    error);
  if (importer->marketing == NULL)
    return FALSE;

  importer->ensure_group = prepare (self, db,
    "INSERT INTO groups (code, name) VALUES (?1, ?1) ON CONFLICT DO NOTHING", error);
  if (importer->ensure_group == NULL)
    return FALSE;

  importer->group = prepare (self, db,
    "INSERT INTO customer_groups (customer_pk, group_code) VALUES (?1, ?2)"
    " ON CONFLICT DO NOTHING", error);
  if (importer->group == NULL)
    return FALSE;

  importer->ensure_field = prepare (self, db,
    "INSERT INTO custom_fields (key, label, type, position)"
    " VALUES (?1, ?1, ?2, (SELECT count(*) FROM custom_fields)) ON CONFLICT DO NOTHING", error);
  if (importer->ensure_field == NULL)
    return FALSE;

  importer->field_value = prepare (self, db, SQL_CLASS (self)->dialect->insert_field_value,
                                   error);
  if (importer->field_value == NULL)
    return FALSE;

  importer->ensure_company = prepare (self, db,
    "INSERT INTO companies (id, name, name_key) VALUES (?1, ?2, ?3)"
    " ON CONFLICT DO NOTHING", error);
  if (importer->ensure_company == NULL)
    return FALSE;

  return TRUE;
}

/* A deleted field keeps its key until its values are purged: values
 * imported under it would go with them. */
static gboolean
check_field_live (CltSqlStore  *self,
                  CltSqlDb     *db,
                  Importer     *importer,
                  const char   *key,
                  GError      **error)
{
  gpointer known;
  gboolean purging = FALSE;

  if (g_hash_table_lookup_extended (importer->purging, key, NULL, &known))
    purging = GPOINTER_TO_INT (known);
  else if (!sql_field_purging (self, db, key, &purging, error))
    return FALSE;
  else
    g_hash_table_insert (importer->purging, g_strdup (key), GINT_TO_POINTER (purging));

  if (purging)
    {
      g_propagate_error (error, clt_custom_field_value_error (key,
                                                              _("This field is still being removed: "
                                                                "import again once it is gone.")));
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_one (CltSqlStore  *self,
            CltSqlDb     *db,
            Importer     *importer,
            CltCustomer  *customer,
            GError      **error)
{
  CltSqlStmt *stmt = importer->customer;
  GPtrArray *addresses = clt_customer_get_import_addresses (customer);
  GPtrArray *orders = clt_customer_get_import_orders (customer);
  GPtrArray *marketing = clt_customer_get_import_marketing (customer);
  CltAddress *location = NULL;
  const char *billing = clt_customer_get_default_billing_address (customer);
  const char *shipping = clt_customer_get_default_shipping_address (customer);
  const char *zip_code = clt_customer_get_zip_code (customer);
  const char *city = clt_customer_get_city (customer);
  const char *country = clt_customer_get_country (customer);
  const char *company_id = clt_customer_get_company_id (customer);
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *roles = sql_join_lines (clt_customer_get_roles (customer));
  g_autofree char *number_key = NULL;
  g_autofree char *email_key = NULL;
  g_autofree char *first_name_key = NULL;
  g_autofree char *last_name_key = NULL;
  g_autofree char *company_key = NULL;
  g_autofree char *zip_key = NULL;
  g_autofree char *city_key = NULL;
  g_auto(GStrv) address_ids = NULL;
  const char * const *groups;
  GVariant *custom_fields;
  gint64 pk;
  int rc;

  if (clt_customer_get_id (customer)[0] != '\0')
    id = g_strdup (clt_customer_get_id (customer));
  else
    id = sql_make_random_id (16);
  number = g_strdup (clt_customer_get_number (customer));
  if (number[0] == '\0')
    {
      g_autofree char *token = sql_make_random_id (8);

      g_free (number);
      number = g_ascii_strup (token, -1);
    }

  /* Address ids: generated where missing, so that defaults can name them. */
  address_ids = g_new0 (char *, addresses->len + 1);
  for (guint i = 0; i < addresses->len; i++)
    {
      const char *address_id = clt_address_get_id (g_ptr_array_index (addresses, i));

      address_ids[i] = address_id[0] != '\0' ? g_strdup (address_id)
                                             : g_strdup_printf ("%u", i + 1);
    }

  if (addresses->len > 0)
    {
      if (billing[0] == '\0')
        billing = address_ids[0];
      if (shipping[0] == '\0')
        shipping = address_ids[0];

      location = g_ptr_array_index (addresses, 0);
      for (guint i = 0; i < addresses->len; i++)
        if (g_strcmp0 (address_ids[i], billing) == 0)
          location = g_ptr_array_index (addresses, i);

      zip_code = clt_address_get_zip_code (location);
      city = clt_address_get_city (location);
      country = clt_address_get_country (location);
    }

  number_key = clt_fold_text (number);
  email_key = clt_fold_text (clt_customer_get_email (customer));
  first_name_key = clt_fold_text (clt_customer_get_first_name (customer));
  last_name_key = clt_fold_text (clt_customer_get_last_name (customer));
  company_key = clt_fold_text (clt_customer_get_company (customer));
  zip_key = clt_fold_text (zip_code);
  city_key = clt_fold_text (city);

  if (company_id[0] != '\0')
    {
      g_autofree char *name_key = clt_fold_text (clt_customer_get_company (customer));

      bind_static_text (importer->ensure_company, 1, company_id);
      bind_static_text (importer->ensure_company, 2, clt_customer_get_company (customer));
      bind_static_text (importer->ensure_company, 3, name_key);
      if (!step_done (self, db, importer->ensure_company, error))
        return FALSE;
    }

  bind_static_text (stmt, 1, id);
  bind_static_text (stmt, 2, number);
  bind_static_text (stmt, 3, clt_customer_get_email (customer));
  bind_static_text (stmt, 4, clt_customer_get_salutation (customer));
  bind_static_text (stmt, 5, clt_customer_get_title (customer));
  bind_static_text (stmt, 6, clt_customer_get_first_name (customer));
  bind_static_text (stmt, 7, clt_customer_get_middle_name (customer));
  bind_static_text (stmt, 8, clt_customer_get_last_name (customer));
  clt_sql_bind_int (stmt, 9, clt_customer_get_gender (customer));
  bind_static_text (stmt, 10, clt_customer_get_date_of_birth (customer));
  bind_static_text (stmt, 11, clt_customer_get_phone (customer));
  bind_static_text (stmt, 12, clt_customer_get_company (customer));
  bind_static_text (stmt, 13, clt_customer_get_locale (customer));
  bind_static_text (stmt, 14, clt_customer_get_currency (customer));
  bind_static_text (stmt, 15, clt_customer_get_preferred_site (customer));
  bind_static_text (stmt, 16, clt_customer_get_restriction (customer));
  clt_sql_bind_int (stmt, 17, clt_customer_get_active (customer));
  clt_sql_bind_int (stmt, 18, clt_customer_get_on_hold (customer));
  clt_sql_bind_int (stmt, 19, clt_customer_get_verified (customer));
  bind_date_time (stmt, 20, clt_customer_get_registered (customer));
  bind_date_time (stmt, 21, clt_customer_get_updated (customer));
  bind_date_time (stmt, 22, clt_customer_get_last_login (customer));
  bind_date_time (stmt, 23, clt_customer_get_anonymized_at (customer));
  bind_static_text (stmt, 24, billing);
  bind_static_text (stmt, 25, shipping);
  bind_static_text (stmt, 26, zip_code);
  bind_static_text (stmt, 27, city);
  bind_static_text (stmt, 28, country);
  if (company_id[0] != '\0')
    bind_static_text (stmt, 29, company_id);
  else
    clt_sql_bind_null (stmt, 29);
  bind_static_text (stmt, 30, clt_customer_get_business_unit (customer));
  bind_static_text (stmt, 31, roles);
  clt_sql_bind_int64 (stmt, 32, MAX (clt_customer_get_version (customer), 1));
  bind_static_text (stmt, 33, number_key);
  bind_static_text (stmt, 34, email_key);
  bind_static_text (stmt, 35, first_name_key);
  bind_static_text (stmt, 36, last_name_key);
  bind_static_text (stmt, 37, company_key);
  bind_static_text (stmt, 38, zip_key);
  bind_static_text (stmt, 39, city_key);

  rc = clt_sql_step (stmt);
  clt_sql_reset (stmt);
  if (rc == CLT_SQL_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_CONFLICT,
                   _("Customer %s (%s) already exists: the id, number or email is taken."),
                   number, clt_customer_get_email (customer));
      return FALSE;
    }
  if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  pk = SQL_CLASS (self)->engine->last_insert_rowid (db);
  importer->n_written++;

  for (guint i = 0; i < addresses->len; i++)
    {
      CltAddress *address = g_ptr_array_index (addresses, i);
      CltSqlStmt *a = importer->address;

      clt_sql_bind_int64 (a, 1, pk);
      bind_static_text (a, 2, address_ids[i]);
      bind_static_text (a, 3, clt_address_get_salutation (address));
      bind_static_text (a, 4, clt_address_get_first_name (address));
      bind_static_text (a, 5, clt_address_get_last_name (address));
      bind_static_text (a, 6, clt_address_get_address1 (address));
      bind_static_text (a, 7, clt_address_get_address2 (address));
      bind_static_text (a, 8, clt_address_get_address3 (address));
      bind_static_text (a, 9, clt_address_get_zip_code (address));
      bind_static_text (a, 10, clt_address_get_city (address));
      bind_static_text (a, 11, clt_address_get_region (address));
      bind_static_text (a, 12, clt_address_get_country (address));
      bind_static_text (a, 13, clt_address_get_phone (address));
      bind_static_text (a, 14, clt_address_get_company (address));
      bind_static_text (a, 15, clt_address_get_comment (address));
      clt_sql_bind_int64 (a, 16, MAX (clt_address_get_version (address), 1));
      if (!step_done (self, db, a, error))
        return FALSE;
    }

  for (guint i = 0; i < orders->len; i++)
    {
      CltOrder *order = g_ptr_array_index (orders, i);
      CltSqlStmt *o = importer->order;

      bind_static_text (o, 1, clt_order_get_reference (order));
      clt_sql_bind_int64 (o, 2, pk);
      bind_date_time (o, 3, clt_order_get_created (order));
      bind_static_text (o, 4, clt_order_get_status (order));
      clt_sql_bind_int64 (o, 5, clt_order_get_total (order));
      bind_static_text (o, 6, clt_order_get_currency (order));
      bind_static_text (o, 7, clt_order_get_site (order));
      if (!step_done (self, db, o, error))
        return FALSE;
    }

  for (guint i = 0; i < marketing->len; i++)
    {
      CltMarketingRecord *record = g_ptr_array_index (marketing, i);
      CltSqlStmt *m = importer->marketing;

      clt_sql_bind_int64 (m, 1, pk);
      clt_sql_bind_int (m, 2, clt_marketing_record_get_kind (record));
      bind_static_text (m, 3, clt_marketing_record_get_code (record));
      bind_static_text (m, 4, clt_marketing_record_get_name (record));
      bind_static_text (m, 5, clt_marketing_record_get_detail (record));
      bind_date_time (m, 6, clt_marketing_record_get_date (record));
      clt_sql_bind_int (m, 7, clt_marketing_record_get_state (record));
      if (!step_done (self, db, m, error))
        return FALSE;
    }

  groups = clt_customer_get_groups (customer);
  for (guint i = 0; groups != NULL && groups[i] != NULL; i++)
    {
      bind_static_text (importer->ensure_group, 1, groups[i]);
      if (!step_done (self, db, importer->ensure_group, error))
        return FALSE;

      clt_sql_bind_int64 (importer->group, 1, pk);
      bind_static_text (importer->group, 2, groups[i]);
      if (!step_done (self, db, importer->group, error))
        return FALSE;
    }

  custom_fields = clt_customer_get_custom_fields (customer);
  if (custom_fields != NULL && g_variant_is_of_type (custom_fields, G_VARIANT_TYPE_VARDICT))
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, custom_fields);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          CltSqlStmt *v = importer->field_value;
          CltCustomFieldType type = CLT_CUSTOM_FIELD_STRING;
          gboolean ok;

          if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
            type = CLT_CUSTOM_FIELD_NUMBER;
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
            type = CLT_CUSTOM_FIELD_BOOLEAN;

          bind_text (importer->ensure_field, 1, key);
          clt_sql_bind_int (importer->ensure_field, 2, type);
          ok = step_done (self, db, importer->ensure_field, error);
          ok = ok && check_field_live (self, db, importer, key, error);

          clt_sql_bind_int64 (v, 1, pk);
          bind_text (v, 2, key);
          SQL_CLASS (self)->bind_field_value (v->native, 3, value);
          g_variant_unref (value);

          if (!ok || !step_done (self, db, v, error))
            return FALSE;
        }
    }

  return TRUE;
}

typedef struct
{
  GPtrArray *customers;           /* copies, CltCustomer */
  char      *request_id;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_pointer (&data->customers, g_ptr_array_unref);
  g_clear_pointer (&data->request_id, g_free);
  g_free (data);
}

/* What the rows of one import already claim, and the statements that look
 * for what the file already holds. */
typedef struct
{
  GHashTable   *ids;
  GHashTable   *emails;
  GHashTable   *numbers;
  GHashTable   *references;
  CltSqlStmt *id_taken;
  CltSqlStmt *email_taken;
  CltSqlStmt *number_taken;
  CltSqlStmt *reference_taken;
} Claims;

static void
claims_clear (Claims *claims)
{
  g_clear_pointer (&claims->ids, g_hash_table_unref);
  g_clear_pointer (&claims->emails, g_hash_table_unref);
  g_clear_pointer (&claims->numbers, g_hash_table_unref);
  g_clear_pointer (&claims->references, g_hash_table_unref);
  g_clear_pointer (&claims->id_taken, clt_sql_finalize);
  g_clear_pointer (&claims->email_taken, clt_sql_finalize);
  g_clear_pointer (&claims->number_taken, clt_sql_finalize);
  g_clear_pointer (&claims->reference_taken, clt_sql_finalize);
}

static gboolean
claims_init (CltSqlStore  *self,
             CltSqlDb     *db,
             Claims       *claims,
             GError      **error)
{
  memset (claims, 0, sizeof *claims);
  claims->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  claims->emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  claims->numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  claims->references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  claims->id_taken = prepare (self, db, "SELECT 1 FROM customers WHERE id = ?", error);
  claims->email_taken = claims->id_taken == NULL ? NULL :
    prepare (self, db, SQL_CLASS (self)->dialect->email_taken, error);
  claims->number_taken = claims->email_taken == NULL ? NULL :
    prepare (self, db, "SELECT 1 FROM customers WHERE number_key = ?", error);
  claims->reference_taken = claims->number_taken == NULL ? NULL :
    prepare (self, db, "SELECT 1 FROM orders WHERE reference = ?", error);

  return claims->reference_taken != NULL;
}

static gboolean
is_taken (CltSqlStore  *self,
          CltSqlDb     *db,
          CltSqlStmt   *stmt,
          const char   *value,
          gboolean     *taken,
          GError      **error)
{
  int rc;

  bind_static_text (stmt, 1, value);
  rc = clt_sql_step (stmt);
  clt_sql_reset (stmt);
  if (rc != CLT_SQL_ROW && rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  *taken = rc == CLT_SQL_ROW;
  return TRUE;
}

/* The address fields an import checks: all but "customer-id", which the
 * customer being created does not have yet. */
static const char * const import_address_fields[] = {
  "salutation", "first-name", "last-name", "company", "address1", "address2", "address3",
  "zip-code", "city", "region", "country", "phone", "comment", "id",
};

/* Checks one row on its own, and puts it in the form it is stored in: the
 * email normalized, the id and number chosen when missing. Returns FALSE
 * with @field and @message set when the row is refused. */
static gboolean
check_row (CltCustomer  *customer,
           char        **field,
           char        **message)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) address_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *email = NULL;
  GPtrArray *addresses = clt_customer_get_import_addresses (customer);
  GPtrArray *orders = clt_customer_get_import_orders (customer);
  GPtrArray *marketing = clt_customer_get_import_marketing (customer);
  const char *defaults[2] = {
    clt_customer_get_default_billing_address (customer),
    clt_customer_get_default_shipping_address (customer),
  };

  if (!clt_validate_customer (customer, CLT_VALIDATE_CREATE, &local_error))
    {
      *field = g_strdup (clt_store_error_get_field (local_error));
      *message = g_strdup (local_error->message);
      return FALSE;
    }

  for (guint i = 0; i < addresses->len; i++)
    {
      CltAddress *address = g_ptr_array_index (addresses, i);
      const char *address_id = clt_address_get_id (address);
      char *id;

      for (guint j = 0; j < G_N_ELEMENTS (import_address_fields); j++)
        {
          if (!clt_validate_address_field (address, import_address_fields[j],
                                           CLT_VALIDATE_CREATE, message))
            {
              *field = g_strdup_printf ("addresses[%u].%s", i, import_address_fields[j]);
              return FALSE;
            }
        }

      /* As import_one () names them. */
      id = address_id[0] != '\0' ? g_strdup (address_id) : g_strdup_printf ("%u", i + 1);
      if (!g_hash_table_add (address_ids, id))
        {
          *field = g_strdup_printf ("addresses[%u].id", i);
          *message = g_strdup (_("Another address of this customer has this ID."));
          return FALSE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      if (defaults[i][0] != '\0' && !g_hash_table_contains (address_ids, defaults[i]))
        {
          *field = g_strdup (i == 0 ? "default-billing-address" : "default-shipping-address");
          *message = g_strdup (_("None of the customer’s addresses has this ID."));
          return FALSE;
        }
    }

  for (guint i = 0; i < orders->len; i++)
    {
      CltOrder *order = g_ptr_array_index (orders, i);
      const char *reference = clt_order_get_reference (order);

      if (reference[0] == '\0')
        {
          *field = g_strdup_printf ("orders[%u].reference", i);
          *message = g_strdup (_("This order has no reference."));
          return FALSE;
        }
      if (!clt_validate_text (reference, CLT_VALIDATE_MAX_CODE, FALSE, message))
        {
          *field = g_strdup_printf ("orders[%u].reference", i);
          return FALSE;
        }
      if (!clt_validate_currency (clt_order_get_currency (order), message))
        {
          *field = g_strdup_printf ("orders[%u].currency", i);
          return FALSE;
        }
      if (!clt_validate_text (clt_order_get_status (order), CLT_VALIDATE_MAX_CODE, FALSE, message))
        {
          *field = g_strdup_printf ("orders[%u].status", i);
          return FALSE;
        }
      if (!clt_validate_text (clt_order_get_site (order), CLT_VALIDATE_MAX_CODE, FALSE, message))
        {
          *field = g_strdup_printf ("orders[%u].site", i);
          return FALSE;
        }
    }

  for (guint i = 0; i < marketing->len; i++)
    {
      const char *property;

      if (!clt_validate_marketing_record (g_ptr_array_index (marketing, i), &property, message))
        {
          *field = g_strdup_printf ("marketing[%u].%s", i, property);
          return FALSE;
        }
    }

  email = clt_validate_normalize_email (clt_customer_get_email (customer));
  clt_customer_set_email (customer, email);

  if (clt_customer_get_id (customer)[0] == '\0')
    {
      g_autofree char *id = sql_make_random_id (16);

      clt_customer_set_id (customer, id);
    }
  if (clt_customer_get_number (customer)[0] == '\0')
    {
      g_autofree char *token = sql_make_random_id (8);
      g_autofree char *number = g_ascii_strup (token, -1);

      clt_customer_set_number (customer, number);
    }

  return TRUE;
}

/* Refuses a row that takes an id, email, number or order reference that an
 * earlier row of the import or a customer in the file has; claims them for
 * the row otherwise. */
static gboolean
claim_row (CltSqlStore  *self,
           CltSqlDb     *db,
           Claims       *claims,
           CltCustomer  *customer,
           char        **field,
           char        **message,
           GError      **error)
{
  GPtrArray *orders = clt_customer_get_import_orders (customer);
  const char *id = clt_customer_get_id (customer);
  const char *email = clt_customer_get_email (customer);
  g_autofree char *number_key = clt_fold_text (clt_customer_get_number (customer));
  gboolean taken = FALSE;

  if (g_hash_table_contains (claims->ids, id))
    {
      *field = g_strdup ("id");
      *message = g_strdup (_("An earlier row of this import has this ID."));
      return TRUE;
    }
  if (!is_taken (self, db, claims->id_taken, id, &taken, error))
    return FALSE;
  if (taken)
    {
      *field = g_strdup ("id");
      *message = g_strdup (_("Another customer already has this ID."));
      return TRUE;
    }

  if (g_hash_table_contains (claims->emails, email))
    {
      *field = g_strdup ("email");
      *message = g_strdup (_("An earlier row of this import uses this email address."));
      return TRUE;
    }
  if (!is_taken (self, db, claims->email_taken, email, &taken, error))
    return FALSE;
  if (taken)
    {
      *field = g_strdup ("email");
      *message = g_strdup (_("Another customer already uses this email address."));
      return TRUE;
    }

  if (g_hash_table_contains (claims->numbers, number_key))
    {
      *field = g_strdup ("number");
      *message = g_strdup (_("An earlier row of this import has this customer number."));
      return TRUE;
    }
  if (!is_taken (self, db, claims->number_taken, number_key, &taken, error))
    return FALSE;
  if (taken)
    {
      *field = g_strdup ("number");
      *message = g_strdup (_("Another customer already has this customer number."));
      return TRUE;
    }

  for (guint i = 0; i < orders->len; i++)
    {
      const char *reference = clt_order_get_reference (g_ptr_array_index (orders, i));

      taken = g_hash_table_contains (claims->references, reference);
      for (guint j = 0; !taken && j < i; j++)
        taken = g_str_equal (reference,
                             clt_order_get_reference (g_ptr_array_index (orders, j)));
      if (!taken && !is_taken (self, db, claims->reference_taken, reference, &taken, error))
        return FALSE;
      if (taken)
        {
          *field = g_strdup_printf ("orders[%u].reference", i);
          *message = g_strdup (_("Another order already has this reference."));
          return TRUE;
        }
    }

  g_hash_table_add (claims->ids, g_strdup (id));
  g_hash_table_add (claims->emails, g_strdup (email));
  g_hash_table_add (claims->numbers, g_steal_pointer (&number_key));
  for (guint i = 0; i < orders->len; i++)
    g_hash_table_add (claims->references,
                      g_strdup (clt_order_get_reference (g_ptr_array_index (orders, i))));

  return TRUE;
}

static gboolean
import_customers_write (CltSqlStore   *self,
                        CltSqlDb      *db,
                        gpointer       user_data,
                        GCancellable  *cancellable,
                        GTask         *task,
                        GError       **error)
{
  ImportData *data = user_data;
  g_autoptr(CltImportReport) report = clt_import_report_new ();
  g_autoptr(GPtrArray) accepted = g_ptr_array_new ();
  g_autofree char *first_import = NULL;
  g_autofree char *n_imported = NULL;
  Claims claims = { 0 };
  Importer importer = { 0 };
  gpointer bulk = NULL;
  gboolean ok;

  /* A repeated request: the count of the first import, nothing written. */
  if (!sql_request_id_lookup (self, db, task, data->request_id, CLT_CHANGE_CUSTOMERS,
                              &first_import, error))
    return FALSE;
  if (first_import != NULL)
    {
      clt_import_report_add_imported (report, (guint) g_ascii_strtoull (first_import, NULL, 10));
      write_return_pointer (task, g_steal_pointer (&report), g_object_unref);
      return TRUE;
    }

  /* Every row is checked before anything is written, so that the engine's
   * bulk path may drop indexes: it then meets no clash. */
  ok = claims_init (self, db, &claims, error);
  for (guint i = 0; ok && i < data->customers->len; i++)
    {
      CltCustomer *customer = g_ptr_array_index (data->customers, i);
      g_autofree char *field = NULL;
      g_autofree char *message = NULL;

      if (i % 1000 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else if (!check_row (customer, &field, &message))
        clt_import_report_add_refusal (report, i, field, message);
      else if (!claim_row (self, db, &claims, customer, &field, &message, error))
        ok = FALSE;
      else if (message != NULL)
        clt_import_report_add_refusal (report, i, field, message);
      else
        g_ptr_array_add (accepted, customer);
    }
  claims_clear (&claims);
  if (!ok)
    return FALSE;

  if (accepted->len > 0)
    {
      ok = SQL_CLASS (self)->import_begin == NULL ||
           SQL_CLASS (self)->import_begin (self, db, accepted->len, &bulk, error);
      ok = ok && importer_init (self, db, &importer, error);
      for (guint i = 0; ok && i < accepted->len; i++)
        {
          if (i % 1000 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            ok = FALSE;
          else
            ok = import_one (self, db, &importer, g_ptr_array_index (accepted, i), error);
        }
      importer_clear (&importer);
      if (SQL_CLASS (self)->import_end != NULL)
        ok = SQL_CLASS (self)->import_end (self, db, bulk, ok, error);
      if (!ok)
        return FALSE;

      clt_import_report_add_imported (report, importer.n_written);
      if (!record_change (self, db, task, CLT_CHANGE_CUSTOMERS, NULL, error))
        return FALSE;
      sql_request_checkpoint (task);
    }

  n_imported = g_strdup_printf ("%u", clt_import_report_get_n_imported (report));
  if (!sql_request_id_record (self, db, task, data->request_id, CLT_CHANGE_CUSTOMERS,
                              n_imported, error))
    return FALSE;

  write_return_pointer (task, g_steal_pointer (&report), g_object_unref);
  return TRUE;
}

static void
clt_sql_store_import_customers (CltStore            *store,
                                GPtrArray           *customers,
                                const char          *request_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  ImportData *data;

  if (customers->len > CLT_STORE_MAX_IMPORT)
    {
      g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

      g_task_set_source_tag (task, clt_sql_store_import_customers);
      g_task_return_new_error (task, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_LARGE,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "At most %u customer can be imported at once.",
                                            "At most %u customers can be imported at once.",
                                            CLT_STORE_MAX_IMPORT),
                               CLT_STORE_MAX_IMPORT);
      return;
    }

  /* The objects are not kept: deep copies, so the caller may go on using
   * (and changing) its own while the worker thread reads these, and the
   * checks may normalize them. */
  data = g_new0 (ImportData, 1);
  data->customers = g_ptr_array_new_full (customers->len, g_object_unref);
  data->request_id = g_strdup (request_id);
  for (guint i = 0; i < customers->len; i++)
    {
      CltCustomer *customer = g_ptr_array_index (customers, i);
      CltCustomer *copy = clt_customer_copy (customer);
      GPtrArray *addresses = clt_customer_get_import_addresses (customer);
      GPtrArray *orders = clt_customer_get_import_orders (customer);
      GPtrArray *copy_addresses = clt_customer_get_import_addresses (copy);
      GPtrArray *copy_orders = clt_customer_get_import_orders (copy);
      GPtrArray *marketing = clt_customer_get_import_marketing (customer);
      GPtrArray *copy_marketing = clt_customer_get_import_marketing (copy);

      /* clt_customer_copy () may or may not carry the import lists. */
      if (copy_addresses->len == 0)
        for (guint j = 0; j < addresses->len; j++)
          g_ptr_array_add (copy_addresses, clt_address_copy (g_ptr_array_index (addresses, j)));
      if (copy_orders->len == 0)
        for (guint j = 0; j < orders->len; j++)
          g_ptr_array_add (copy_orders, clt_order_copy (g_ptr_array_index (orders, j)));
      if (copy_marketing->len == 0)
        for (guint j = 0; j < marketing->len; j++)
          g_ptr_array_add (copy_marketing,
                           clt_marketing_record_copy (g_ptr_array_index (marketing, j)));

      g_ptr_array_add (data->customers, copy);
    }

  run_write (CLT_SQL_STORE (store), clt_sql_store_import_customers,
             import_customers_write, data, (GDestroyNotify) import_data_free,
             CLT_PERMISSION_MANAGE_SHOP, cancellable, callback, user_data);
}

/* Marketing records {{{ */

/* }}} */

void
clt_sql_store_import_iface_init (CltStoreInterface *iface)
{
  iface->import_customers = clt_sql_store_import_customers;
}
