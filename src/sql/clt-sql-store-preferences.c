/* clt-sql-store-preferences.c — the shop's preferences and who is
 * signed in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sql-store"

#include "config.h"

#include "clt-sql-store-private.h"

/* Preferences and the current user {{{ */

/* shop_preferences rows are keyed by the CltShopPreferences property
 * names: booleans "true"/"false", enums by nick, numbers in decimal;
 * NULL for a property that is not stored. */
static char *
preference_to_text (GObject    *object,
                    GParamSpec *pspec)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);

  if (G_VALUE_HOLDS_BOOLEAN (&value))
    return g_strdup (g_value_get_boolean (&value) ? "true" : "false");
  if (G_VALUE_HOLDS_STRING (&value))
    return g_strdup (g_value_get_string (&value));
  if (G_VALUE_HOLDS_INT64 (&value))
    return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (&value));
  if (G_VALUE_HOLDS_ENUM (&value))
    {
      GEnumValue *nick = g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class,
                                           g_value_get_enum (&value));

      return nick != NULL ? g_strdup (nick->value_nick) : NULL;
    }

  return NULL;
}

/* The reverse of preference_to_text (); what it cannot read keeps the
 * object's default. */
static void
set_preference_from_text (GObject    *object,
                          GParamSpec *pspec,
                          const char *text)
{
  if (pspec->value_type == G_TYPE_BOOLEAN)
    g_object_set (object, pspec->name, g_strcmp0 (text, "true") == 0, NULL);
  else if (pspec->value_type == G_TYPE_STRING)
    g_object_set (object, pspec->name, text, NULL);
  else if (pspec->value_type == G_TYPE_INT64)
    g_object_set (object, pspec->name, g_ascii_strtoll (text, NULL, 10), NULL);
  else if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      GEnumValue *value = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class, text);

      if (value != NULL)
        g_object_set (object, pspec->name, value->value, NULL);
    }
}

/* Preferences never written are at version 0. */
CltShopPreferences *
sql_read_preferences (CltSqlStore *self,
                      CltSqlDb    *db,
                      GError     **error)
{
  g_autoptr(CltShopPreferences) preferences = clt_shop_preferences_new ();
  g_autoptr(CltSqlStmt) stmt = NULL;
  int rc;

  stmt = prepare (self, db, "SELECT key, value FROM shop_preferences", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = clt_sql_step (stmt)) == CLT_SQL_ROW)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (preferences),
                                                        column_text (stmt, 0));

      if (pspec != NULL)
        set_preference_from_text (G_OBJECT (preferences), pspec, column_text (stmt, 1));
    }

  if (rc != CLT_SQL_DONE)
    {
      set_db_error (self, error, db, rc);
      return NULL;
    }

  return g_steal_pointer (&preferences);
}

static gboolean
get_preferences_read (CltSqlStore  *self,
                      CltSqlReader *reader,
                      gpointer      user_data,
                      GCancellable *cancellable,
                      GTask        *task,
                      GError      **error)
{
  CltShopPreferences *preferences = sql_read_preferences (self, reader->db, error);

  if (preferences == NULL)
    return FALSE;

  g_task_return_pointer (task, preferences, g_object_unref);
  return TRUE;
}

void
clt_sql_store_get_preferences (CltStore           *store,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  run_read (CLT_SQL_STORE (store), clt_sql_store_get_preferences, get_preferences_read,
            NULL, NULL, cancellable, callback, user_data);
}

static gboolean
set_preferences_write (CltSqlStore  *self,
                       CltSqlDb     *db,
                       gpointer      user_data,
                       GCancellable *cancellable,
                       GTask        *task,
                       GError      **error)
{
  CltShopPreferences *preferences = user_data;
  g_autoptr(CltShopPreferences) stored = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(CltSqlStmt) stmt = NULL;
  guint n_pspecs = 0;

  stored = sql_read_preferences (self, db, error);
  if (stored == NULL)
    return FALSE;

  if (clt_shop_preferences_get_version (stored) != clt_shop_preferences_get_version (preferences))
    {
      g_set_error_literal (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE,
                           _("Someone else changed the shop’s settings in the meantime. "
                             "Reload them and make your changes again."));
      return FALSE;
    }

  /* The copy is ours: it is stored with its new version. */
  clt_shop_preferences_set_version (preferences, clt_shop_preferences_get_version (stored) + 1);

  stmt = prepare (self, db, "INSERT INTO shop_preferences (key, value) VALUES (?, ?)"
                            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                  error);
  if (stmt == NULL)
    return FALSE;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (preferences), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      char *text = preference_to_text (G_OBJECT (preferences), pspecs[i]);

      if (text == NULL)
        continue;

      bind_text (stmt, 1, pspecs[i]->name);
      clt_sql_bind_text (stmt, 2, text, -1, g_free);
      if (!step_done (self, db, stmt, error))
        return FALSE;
    }

  if (!record_change (self, db, task, CLT_CHANGE_PREFERENCES, NULL, error))
    return FALSE;

  g_clear_object (&stored);
  stored = sql_read_preferences (self, db, error);
  if (stored == NULL)
    return FALSE;

  write_return_pointer (task, g_steal_pointer (&stored), g_object_unref);
  return TRUE;
}

void
clt_sql_store_set_preferences (CltStore           *store,
                               CltShopPreferences *preferences,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  const char *prefix = clt_shop_preferences_get_customer_number_prefix (preferences);
  g_autofree char *message = NULL;
  GError *error = NULL;
  gboolean prefix_ok = strlen (prefix) <= 16;

  for (const char *p = prefix; prefix_ok && *p != '\0'; p++)
    prefix_ok = g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '/' || *p == '.';

  if (!clt_validate_text (clt_shop_preferences_get_shop_name (preferences), CLT_VALIDATE_MAX_TEXT,
                          FALSE, &message))
    error = clt_store_error_new_invalid ("shop-name", "%s", message);
  else if (!clt_validate_currency (clt_shop_preferences_get_default_currency (preferences), &message))
    error = clt_store_error_new_invalid ("default-currency", "%s", message);
  else if (!clt_validate_locale (clt_shop_preferences_get_default_locale (preferences), &message))
    error = clt_store_error_new_invalid ("default-locale", "%s", message);
  else if (!prefix_ok)
    error = clt_store_error_new_invalid ("customer-number-prefix",
                                         _("Use at most 16 letters, digits and - _ / ."));

  if (error != NULL)
    {
      refuse_write (store, clt_sql_store_set_preferences, CLT_PERMISSION_MANAGE_SHOP, error,
                    cancellable, callback, user_data);
      return;
    }

  run_write (CLT_SQL_STORE (store), clt_sql_store_set_preferences, set_preferences_write,
             clt_shop_preferences_copy (preferences), g_object_unref, CLT_PERMISSION_MANAGE_SHOP,
             cancellable, callback, user_data);
}

/* The local database belongs to the desktop user; the shop's preferences
 * say which role they act in. Someone acting through a server is who the
 * server says. */
static gboolean
get_current_user_read (CltSqlStore  *self,
                       CltSqlReader *reader,
                       gpointer      user_data,
                       GCancellable *cancellable,
                       GTask        *task,
                       GError      **error)
{
  CltBackofficeUser *actor = task_actor (task);
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autofree char *display_name = NULL;
  CltRole role;

  if (actor != NULL)
    {
      g_task_return_pointer (task, clt_backoffice_user_copy (actor), g_object_unref);
      return TRUE;
    }

  user = clt_backoffice_user_new ();
  display_name = sql_current_author (NULL);

  if (!sql_read_local_role (self, reader->db, &role, error))
    return FALSE;

  clt_backoffice_user_set_username (user, g_get_user_name ());
  clt_backoffice_user_set_display_name (user, display_name);
  clt_backoffice_user_set_role (user, role);

  g_task_return_pointer (task, g_steal_pointer (&user), g_object_unref);
  return TRUE;
}

void
clt_sql_store_get_current_user (CltStore           *store,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  run_read (CLT_SQL_STORE (store), clt_sql_store_get_current_user, get_current_user_read,
            NULL, NULL, cancellable, callback, user_data);
}

/* }}} */
