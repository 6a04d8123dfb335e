/* clt-sql-store-addresses.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-sql-store-private.h"

/* Addresses, notes, orders {{{ */


/* Steps @stmt (prepared and bound) to its end and gives the array of the
 * objects @read_row builds from its rows. */
gboolean
sql_collect_rows (CltSqlStore  *self,
                  CltSqlDb     *db,
                  CltSqlStmt   *stmt,
                  RowFunc       read_row,
                  gconstpointer row_data,
                  GPtrArray   **out,
                  GError      **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = clt_sql_step (stmt)) == CLT_SQL_ROW)
    g_ptr_array_add (objects, read_row (stmt, row_data));

  if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  *out = g_steal_pointer (&objects);
  return TRUE;
}

/* As sql_collect_rows (), returning the array on @task. */
gboolean
sql_return_rows (CltSqlStore  *self,
                 CltSqlDb     *db,
                 CltSqlStmt   *stmt,
                 RowFunc       read_row,
                 gconstpointer row_data,
                 GTask        *task,
                 GError      **error)
{
  GPtrArray *objects = NULL;

  if (!sql_collect_rows (self, db, stmt, read_row, row_data, &objects, error))
    return FALSE;

  g_task_return_pointer (task, objects, (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

/* What a customer's page lists, by the customer's row @pk. */
typedef struct
{
  const char *sql;
  RowFunc     read_row;
} CustomerList;

static gpointer read_address_row (CltSqlStmt *stmt, gconstpointer row_data);
static gpointer read_note_row    (CltSqlStmt *stmt, gconstpointer row_data);
static gpointer read_order_row   (CltSqlStmt *stmt, gconstpointer row_data);

static const CustomerList customer_lists[] = {
  [CUSTOMER_ADDRESSES] = {
    "SELECT id, salutation, first_name, last_name, address1, address2, address3,"
    " zip_code, city, region, country, phone, company, comment, version"
    " FROM addresses WHERE customer_pk = ? ORDER BY pk",
    read_address_row },
  [CUSTOMER_NOTES] = {
    "SELECT public_id, author, message, created FROM notes WHERE customer_pk = ?"
    " ORDER BY created DESC, id DESC",
    read_note_row },
  [CUSTOMER_ORDERS] = {
    "SELECT reference, created, status, total, currency, site FROM orders"
    " WHERE customer_pk = ? ORDER BY created DESC, pk DESC",
    read_order_row },
};

gboolean
sql_select_customer_list (CltSqlStore     *self,
                          CltSqlDb        *db,
                          CustomerListKind kind,
                          gint64           pk,
                          const char      *customer_id,
                          GPtrArray      **out,
                          GError         **error)
{
  g_autoptr(CltSqlStmt) stmt = prepare (self, db, customer_lists[kind].sql, error);

  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int64 (stmt, 1, pk);
  return sql_collect_rows (self, db, stmt, customer_lists[kind].read_row, customer_id, out, error);
}

typedef struct
{
  char             *customer_id;
  CustomerListKind  kind;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->customer_id);
  g_free (data);
}

static gboolean
list_read (CltSqlStore  *self,
           CltSqlReader *reader,
           gpointer      user_data,
           GCancellable *cancellable,
           GTask        *task,
           GError      **error)
{
  ListData *data = user_data;
  GPtrArray *objects = NULL;
  gint64 pk;

  if (!lookup_customer_pk (self, reader->db, data->customer_id, &pk, error) ||
      !sql_select_customer_list (self, reader->db, data->kind, pk, data->customer_id, &objects, error))
    return FALSE;

  g_task_return_pointer (task, objects, (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

static void
run_list (CltStore           *store,
          gpointer            source_tag,
          CustomerListKind    kind,
          const char         *customer_id,
          GCancellable       *cancellable,
          GAsyncReadyCallback callback,
          gpointer            user_data)
{
  ListData *data = g_new0 (ListData, 1);

  data->customer_id = g_strdup (customer_id);
  data->kind = kind;
  run_read (CLT_SQL_STORE (store), source_tag, list_read, data, (GDestroyNotify) list_data_free,
            cancellable, callback, user_data);
}

void
sql_id_data_free (IdData *data)
{
  g_free (data->customer_id);
  g_free (data);
}

IdData *
sql_id_data_new (const char *customer_id)
{
  IdData *data = g_new0 (IdData, 1);

  data->customer_id = g_strdup (customer_id);
  return data;
}

static gpointer
read_address_row (CltSqlStmt   *stmt,
                  gconstpointer row_data)
{
  const char *customer_id = row_data;
  CltAddress *address = clt_address_new ();

  clt_address_set_id (address, column_text (stmt, 0));
  clt_address_set_customer_id (address, customer_id);
  clt_address_set_salutation (address, column_text (stmt, 1));
  clt_address_set_first_name (address, column_text (stmt, 2));
  clt_address_set_last_name (address, column_text (stmt, 3));
  clt_address_set_address1 (address, column_text (stmt, 4));
  clt_address_set_address2 (address, column_text (stmt, 5));
  clt_address_set_address3 (address, column_text (stmt, 6));
  clt_address_set_zip_code (address, column_text (stmt, 7));
  clt_address_set_city (address, column_text (stmt, 8));
  clt_address_set_region (address, column_text (stmt, 9));
  clt_address_set_country (address, column_text (stmt, 10));
  clt_address_set_phone (address, column_text (stmt, 11));
  clt_address_set_company (address, column_text (stmt, 12));
  clt_address_set_comment (address, column_text (stmt, 13));
  clt_address_set_version (address, clt_sql_column_int64 (stmt, 14));

  return address;
}

static void
clt_sql_store_list_addresses (CltStore           *store,
                              const char         *customer_id,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  run_list (store, clt_sql_store_list_addresses, CUSTOMER_ADDRESSES, customer_id, cancellable, callback,
            user_data);
}

static gpointer
read_note_row (CltSqlStmt   *stmt,
               gconstpointer row_data)
{
  const char *customer_id = row_data;
  CltNote *note = clt_note_new ();
  g_autoptr(GDateTime) created = column_date_time (stmt, 3);

  clt_note_set_id (note, column_text (stmt, 0));
  clt_note_set_customer_id (note, customer_id);
  clt_note_set_author (note, column_text (stmt, 1));
  clt_note_set_message (note, column_text (stmt, 2));
  clt_note_set_created (note, created);

  return note;
}

static void
clt_sql_store_list_notes (CltStore           *store,
                          const char         *customer_id,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  run_list (store, clt_sql_store_list_notes, CUSTOMER_NOTES, customer_id, cancellable, callback,
            user_data);
}

static gpointer
read_order_row (CltSqlStmt   *stmt,
                gconstpointer row_data)
{
  const char *customer_id = row_data;
  CltOrder *order = clt_order_new ();
  g_autoptr(GDateTime) created = column_date_time (stmt, 1);

  clt_order_set_reference (order, column_text (stmt, 0));
  clt_order_set_customer_id (order, customer_id);
  clt_order_set_created (order, created);
  clt_order_set_status (order, column_text (stmt, 2));
  clt_order_set_total (order, clt_sql_column_int64 (stmt, 3));
  clt_order_set_currency (order, column_text (stmt, 4));
  clt_order_set_site (order, column_text (stmt, 5));

  return order;
}

static void
clt_sql_store_list_orders (CltStore           *store,
                           const char         *customer_id,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  run_list (store, clt_sql_store_list_orders, CUSTOMER_ORDERS, customer_id, cancellable, callback,
            user_data);
}

/* }}} */

/* Addresses {{{ */

typedef struct
{
  CltAddress    *address;
  char          *customer_id;
  char          *address_id;
  CltAddressUse  use;
  gint64         version;
  char          *request_id;
} AddressData;

static void
address_data_free (AddressData *data)
{
  g_free (data->request_id);
  g_clear_object (&data->address);
  g_free (data->customer_id);
  g_free (data->address_id);
  g_free (data);
}

static gboolean
read_address (CltSqlStore *self,
              CltSqlDb    *db,
              gint64       pk,
              const char  *customer_id,
              const char  *address_id,
              CltAddress **out,
              GError     **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;
  int rc;

  /* The columns read_address_row() expects. */
  stmt = prepare (self, db,
                  "SELECT id, salutation, first_name, last_name, address1, address2, address3,"
                  " zip_code, city, region, country, phone, company, comment, version"
                  " FROM addresses WHERE customer_pk = ? AND id = ?",
                  error);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int64 (stmt, 1, pk);
  bind_text (stmt, 2, address_id);
  rc = clt_sql_step (stmt);
  if (rc == CLT_SQL_DONE)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                   _("The address no longer exists."));
      return FALSE;
    }
  if (rc != CLT_SQL_ROW)
    {
      set_db_error (self, error, db, rc);
      return FALSE;
    }

  *out = read_address_row (stmt, customer_id);
  return TRUE;
}

static gboolean
get_address_read (CltSqlStore  *self,
                  CltSqlReader *reader,
                  gpointer      user_data,
                  GCancellable *cancellable,
                  GTask        *task,
                  GError      **error)
{
  AddressData *data = user_data;
  CltAddress *address = NULL;
  gint64 pk;

  if (!lookup_customer_pk (self, reader->db, data->customer_id, &pk, error) ||
      !read_address (self, reader->db, pk, data->customer_id, data->address_id, &address, error))
    return FALSE;

  g_task_return_pointer (task, address, g_object_unref);
  return TRUE;
}

static void
clt_sql_store_get_address (CltStore           *store,
                           const char         *customer_id,
                           const char         *address_id,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  AddressData *data = g_new0 (AddressData, 1);

  data->customer_id = g_strdup (customer_id);
  data->address_id = g_strdup (address_id);
  run_read (CLT_SQL_STORE (store), clt_sql_store_get_address, get_address_read,
            data, (GDestroyNotify) address_data_free, cancellable, callback, user_data);
}

static void
bind_address_fields (CltSqlStmt *stmt,
                     CltAddress *address)
{
  /* ?3 … ?15, in the order of the addresses table. */
  bind_text (stmt, 3, clt_address_get_salutation (address));
  bind_text (stmt, 4, clt_address_get_first_name (address));
  bind_text (stmt, 5, clt_address_get_last_name (address));
  bind_text (stmt, 6, clt_address_get_address1 (address));
  bind_text (stmt, 7, clt_address_get_address2 (address));
  bind_text (stmt, 8, clt_address_get_address3 (address));
  bind_text (stmt, 9, clt_address_get_zip_code (address));
  bind_text (stmt, 10, clt_address_get_city (address));
  bind_text (stmt, 11, clt_address_get_region (address));
  bind_text (stmt, 12, clt_address_get_country (address));
  bind_text (stmt, 13, clt_address_get_phone (address));
  bind_text (stmt, 14, clt_address_get_company (address));
  bind_text (stmt, 15, clt_address_get_comment (address));
}

/* After a write that changed what a customer shows (defaults, location,
 * groups, company): a new version, so that an editor still holding the old
 * one cannot write it back, and who made it. */
gboolean
sql_touch_customer (CltSqlStore *self,
                    CltSqlDb    *db,
                    GTask       *task,
                    gint64       pk,
                    GError     **error)
{
  g_autoptr(CltSqlStmt) stmt = NULL;

  stmt = prepare (self, db,
                  "UPDATE customers SET updated = ?, version = version + 1, changed_by = ?"
                  " WHERE pk = ?",
                  error);
  if (stmt == NULL)
    return FALSE;
  clt_sql_bind_int64 (stmt, 1, now_usec ());
  bind_text (stmt, 2, task_author (task));
  clt_sql_bind_int64 (stmt, 3, pk);
  return step_expect_done (self, db, stmt, error);
}

static gboolean
create_address_write (CltSqlStore  *self,
                      CltSqlDb     *db,
                      gpointer      user_data,
                      GCancellable *cancellable,
                      GTask        *task,
                      GError      **error)
{
  AddressData *data = user_data;
  CltAddress *address = data->address;
  const char *customer_id = clt_address_get_customer_id (address);
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autoptr(CltSqlStmt) defaults = NULL;
  g_autoptr(CltAddress) stored = NULL;
  g_autofree char *id = NULL;
  gboolean taken = FALSE;
  gint64 pk;

  if (!lookup_live_customer (self, db, customer_id, &pk, error) ||
      !sql_request_id_lookup (self, db, task, data->request_id, CLT_CHANGE_ADDRESS, &id, error))
    return FALSE;

  /* The same create again: what the first one made. */
  if (id != NULL)
    {
      if (!read_address (self, db, pk, customer_id, id, &stored, error))
        return FALSE;
      write_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
      return TRUE;
    }

  if (clt_address_get_id (address)[0] != '\0')
    {
      id = g_strdup (clt_address_get_id (address));
      if (!address_exists (self, db, pk, id, &taken, error))
        return FALSE;
      if (taken)
        {
          set_conflict (error, "id", _("The customer already has an address with this ID."));
          return FALSE;
        }
    }
  else
    {
      do
        {
          g_free (id);
          id = sql_make_random_id (12);
          if (!address_exists (self, db, pk, id, &taken, error))
            return FALSE;
        }
      while (taken);
    }

  stmt = prepare (self, db,
                  "INSERT INTO addresses (customer_pk, id, salutation, first_name, last_name,"
                  " address1, address2, address3, zip_code, city, region, country, phone, company,"
                  " comment, version)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 1)",
                  error);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int64 (stmt, 1, pk);
  bind_text (stmt, 2, id);
  bind_address_fields (stmt, address);
  if (!step_expect_done (self, db, stmt, error))
    return FALSE;

  /* The first address becomes both defaults (and so does any address
   * while a default is unset). */
  defaults = prepare (self, db,
                      "UPDATE customers SET"
                      " default_billing_address = CASE default_billing_address WHEN '' THEN ?1"
                      "   ELSE default_billing_address END,"
                      " default_shipping_address = CASE default_shipping_address WHEN '' THEN ?1"
                      "   ELSE default_shipping_address END"
                      " WHERE pk = ?2",
                      error);
  if (defaults == NULL)
    return FALSE;
  bind_text (defaults, 1, id);
  clt_sql_bind_int64 (defaults, 2, pk);
  if (!step_expect_done (self, db, defaults, error) ||
      !refresh_location (self, db, pk, error) ||
      !sql_touch_customer (self, db, task, pk, error) ||
      !read_address (self, db, pk, customer_id, id, &stored, error) ||
      !sql_request_id_record (self, db, task, data->request_id, CLT_CHANGE_ADDRESS, id, error) ||
      !record_change (self, db, task, CLT_CHANGE_ADDRESS, customer_id, error))
    return FALSE;

  write_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
  return TRUE;
}

/* Validates @address for @mode, then runs @func on a copy of it. */
static void
run_address_write (CltStore           *store,
                   gpointer            source_tag,
                   CltValidateMode     mode,
                   CltSqlWriteFunc     func,
                   CltAddress         *address,
                   const char         *request_id,
                   GCancellable       *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer            user_data)
{
  AddressData *data;
  GError *error = NULL;

  if (!clt_validate_address (address, mode, &error))
    {
      refuse_write (store, source_tag, CLT_PERMISSION_EDIT_CUSTOMERS, error, cancellable, callback,
                    user_data);
      return;
    }

  data = g_new0 (AddressData, 1);
  data->address = clt_address_copy (address);
  data->request_id = g_strdup (request_id);
  run_write (CLT_SQL_STORE (store), source_tag, func,
             data, (GDestroyNotify) address_data_free, CLT_PERMISSION_EDIT_CUSTOMERS,
             cancellable, callback, user_data);
}

static void
clt_sql_store_create_address (CltStore           *store,
                              CltAddress         *address,
                              const char         *request_id,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  run_address_write (store, clt_sql_store_create_address, CLT_VALIDATE_CREATE,
                     create_address_write, address, request_id, cancellable, callback, user_data);
}

static gboolean
update_address_write (CltSqlStore  *self,
                      CltSqlDb     *db,
                      gpointer      user_data,
                      GCancellable *cancellable,
                      GTask        *task,
                      GError      **error)
{
  AddressData *data = user_data;
  CltAddress *address = data->address;
  const char *customer_id = clt_address_get_customer_id (address);
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autoptr(CltAddress) before = NULL;
  g_autoptr(CltAddress) stored = NULL;
  gint64 pk;

  if (!lookup_live_customer (self, db, customer_id, &pk, error) ||
      !read_address (self, db, pk, customer_id, clt_address_get_id (address), &before, error))
    return FALSE;

  if (!check_version (clt_address_get_version (before), clt_address_get_version (address),
                      error))
    return FALSE;

  stmt = prepare (self, db,
                  "UPDATE addresses SET salutation = ?3, first_name = ?4, last_name = ?5,"
                  " address1 = ?6, address2 = ?7, address3 = ?8, zip_code = ?9, city = ?10,"
                  " region = ?11, country = ?12, phone = ?13, company = ?14, comment = ?15,"
                  " version = version + 1 WHERE customer_pk = ?1 AND id = ?2",
                  error);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int64 (stmt, 1, pk);
  bind_text (stmt, 2, clt_address_get_id (address));
  bind_address_fields (stmt, address);
  if (!step_expect_done (self, db, stmt, error) ||
      !refresh_location (self, db, pk, error) ||
      !sql_touch_customer (self, db, task, pk, error) ||
      !read_address (self, db, pk, customer_id, clt_address_get_id (address), &stored, error) ||
      !record_change (self, db, task, CLT_CHANGE_ADDRESS, customer_id, error))
    return FALSE;

  write_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
  return TRUE;
}

static void
clt_sql_store_update_address (CltStore           *store,
                              CltAddress         *address,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  run_address_write (store, clt_sql_store_update_address, CLT_VALIDATE_UPDATE,
                     update_address_write, address, NULL, cancellable, callback, user_data);
}

static gboolean
delete_address_write (CltSqlStore  *self,
                      CltSqlDb     *db,
                      gpointer      user_data,
                      GCancellable *cancellable,
                      GTask        *task,
                      GError      **error)
{
  AddressData *data = user_data;
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autoptr(CltSqlStmt) defaults = NULL;
  g_autoptr(CltAddress) before = NULL;
  int secure_delete;
  gboolean found;
  gint64 pk;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error) ||
      !read_address (self, db, pk, data->customer_id, data->address_id, &before, error) ||
      !check_version (clt_address_get_version (before), data->version, error))
    return FALSE;

  /* Addresses are personal data: leave no copy in freed pages. */
  secure_delete = begin_secure_delete (self, db);
  stmt = prepare (self, db, "DELETE FROM addresses WHERE customer_pk = ? AND id = ?", error);
  if (stmt != NULL)
    {
      clt_sql_bind_int64 (stmt, 1, pk);
      bind_text (stmt, 2, data->address_id);
      found = step_expect_done (self, db, stmt, error);
    }
  restore_secure_delete (self, db, secure_delete);
  if (stmt == NULL || !found)
    return FALSE;

  /* A deleted default leaves that default unset. */
  defaults = prepare (self, db,
                      "UPDATE customers SET"
                      " default_billing_address = CASE default_billing_address WHEN ?1 THEN ''"
                      "   ELSE default_billing_address END,"
                      " default_shipping_address = CASE default_shipping_address WHEN ?1 THEN ''"
                      "   ELSE default_shipping_address END"
                      " WHERE pk = ?2",
                      error);
  if (defaults == NULL)
    return FALSE;
  bind_text (defaults, 1, data->address_id);
  clt_sql_bind_int64 (defaults, 2, pk);
  if (!step_expect_done (self, db, defaults, error) ||
      !refresh_location (self, db, pk, error) ||
      !sql_touch_customer (self, db, task, pk, error) ||
      !record_change (self, db, task, CLT_CHANGE_ADDRESS, data->customer_id, error))
    return FALSE;

  write_return_boolean (task, TRUE);
  return TRUE;
}

static void
clt_sql_store_delete_address (CltStore           *store,
                              const char         *customer_id,
                              const char         *address_id,
                              gint64              version,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  AddressData *data = g_new0 (AddressData, 1);

  data->customer_id = g_strdup (customer_id);
  data->address_id = g_strdup (address_id);
  data->version = version;
  run_write (CLT_SQL_STORE (store), clt_sql_store_delete_address, delete_address_write,
             data, (GDestroyNotify) address_data_free, CLT_PERMISSION_EDIT_CUSTOMERS,
             cancellable, callback, user_data);
}

static gboolean
set_default_address_write (CltSqlStore  *self,
                           CltSqlDb     *db,
                           gpointer      user_data,
                           GCancellable *cancellable,
                           GTask        *task,
                           GError      **error)
{
  AddressData *data = user_data;
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autoptr(CltCustomer) before = NULL;
  g_autoptr(CltCustomer) stored = NULL;
  gboolean found;
  gint64 pk;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error) ||
      !read_customer_by_pk (self, db, pk, &before, error) ||
      !check_version (clt_customer_get_version (before), data->version, error) ||
      !address_exists (self, db, pk, data->address_id, &found, error))
    return FALSE;

  if (!found)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                   _("The address does not belong to this customer."));
      return FALSE;
    }

  stmt = prepare (self, db,
                  data->use == CLT_ADDRESS_USE_SHIPPING
                  ? "UPDATE customers SET default_shipping_address = ? WHERE pk = ?"
                  : "UPDATE customers SET default_billing_address = ? WHERE pk = ?",
                  error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, data->address_id);
  clt_sql_bind_int64 (stmt, 2, pk);
  if (!step_expect_done (self, db, stmt, error) ||
      !refresh_location (self, db, pk, error) ||
      !sql_touch_customer (self, db, task, pk, error) ||
      !read_customer_by_pk (self, db, pk, &stored, error) ||
      !record_change (self, db, task, CLT_CHANGE_CUSTOMER, data->customer_id, error))
    return FALSE;

  write_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
  return TRUE;
}

static void
clt_sql_store_set_default_address (CltStore           *store,
                                   const char         *customer_id,
                                   gint64              customer_version,
                                   const char         *address_id,
                                   CltAddressUse       use,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  AddressData *data = g_new0 (AddressData, 1);

  data->customer_id = g_strdup (customer_id);
  data->address_id = g_strdup (address_id);
  data->use = use;
  data->version = customer_version;
  run_write (CLT_SQL_STORE (store), clt_sql_store_set_default_address,
             set_default_address_write, data, (GDestroyNotify) address_data_free,
             CLT_PERMISSION_EDIT_CUSTOMERS, cancellable, callback, user_data);
}

/* }}} */

/* Notes and outbox {{{ */

void
sql_note_data_free (NoteData *data)
{
  g_free (data->customer_id);
  g_free (data->message);
  g_free (data->request_id);
  g_free (data->email_id);
  g_free (data);
}

static gboolean
add_note_write (CltSqlStore  *self,
                CltSqlDb     *db,
                gpointer      user_data,
                GCancellable *cancellable,
                GTask        *task,
                GError      **error)
{
  NoteData *data = user_data;
  g_autoptr(CltSqlStmt) stmt = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *id = NULL;
  const char *author = task_author (task);
  CltNote *note;
  gint64 now = now_usec ();
  gint64 pk;
  int rc;

  if (!lookup_live_customer (self, db, data->customer_id, &pk, error) ||
      !sql_request_id_lookup (self, db, task, data->request_id, CLT_CHANGE_NOTE, &id, error))
    return FALSE;

  /* The same note again (a retried add): the first one. */
  if (id != NULL)
    {
      stmt = prepare (self, db,
                      "SELECT public_id, author, message, created FROM notes WHERE public_id = ?",
                      error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, id);
      rc = clt_sql_step (stmt);
      if (rc != CLT_SQL_ROW)
        {
          if (rc == CLT_SQL_DONE)
            g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND,
                         _("The note no longer exists."));
          else
            set_db_error (self, error, db, rc);
          return FALSE;
        }
      write_return_pointer (task, read_note_row (stmt, data->customer_id), g_object_unref);
      return TRUE;
    }

  id = sql_make_random_id (16);
  stmt = prepare (self, db,
                  "INSERT INTO notes (customer_pk, author, message, created, public_id)"
                  " VALUES (?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;

  clt_sql_bind_int64 (stmt, 1, pk);
  bind_text (stmt, 2, author);
  bind_text (stmt, 3, data->message);
  clt_sql_bind_int64 (stmt, 4, now);
  bind_text (stmt, 5, id);
  if (!step_expect_done (self, db, stmt, error) ||
      !sql_request_id_record (self, db, task, data->request_id, CLT_CHANGE_NOTE, id, error) ||
      !record_change (self, db, task, CLT_CHANGE_NOTE, data->customer_id, error))
    return FALSE;

  created = sql_date_time_from_usec (now);
  note = clt_note_new ();
  clt_note_set_id (note, id);
  clt_note_set_customer_id (note, data->customer_id);
  clt_note_set_author (note, author);
  clt_note_set_message (note, data->message);
  clt_note_set_created (note, created);

  write_return_pointer (task, note, g_object_unref);
  return TRUE;
}

static void
clt_sql_store_add_note (CltStore            *store,
                       const char          *customer_id,
                       const char          *message,
                       const char          *request_id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  NoteData *data;
  GError *error = NULL;

  if (!clt_validate_note_message (message, &error))
    {
      refuse_write (store, clt_sql_store_add_note, CLT_PERMISSION_EDIT_CUSTOMERS, error,
                    cancellable, callback, user_data);
      return;
    }

  data = g_new0 (NoteData, 1);
  data->customer_id = g_strdup (customer_id);
  data->message = g_strdup (message);
  data->request_id = g_strdup (request_id);
  run_write (CLT_SQL_STORE (store), clt_sql_store_add_note, add_note_write, data,
             (GDestroyNotify) sql_note_data_free, CLT_PERMISSION_EDIT_CUSTOMERS,
             cancellable, callback, user_data);
}

void
clt_sql_store_addresses_iface_init (CltStoreInterface *iface)
{
  iface->list_addresses = clt_sql_store_list_addresses;
  iface->get_address = clt_sql_store_get_address;
  iface->list_notes = clt_sql_store_list_notes;
  iface->list_orders = clt_sql_store_list_orders;
  iface->create_address = clt_sql_store_create_address;
  iface->update_address = clt_sql_store_update_address;
  iface->delete_address = clt_sql_store_delete_address;
  iface->set_default_address = clt_sql_store_set_default_address;
  iface->add_note = clt_sql_store_add_note;
}
