/* clt-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-preferences-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clt-backoffice-user.h"
#include "clt-companies-page.h"
#include "clt-custom-fields-page.h"
#include "clt-database-chooser.h"
#include "clt-enum-types.h"
#include "clt-groups-page.h"
#include "clt-keyring.h"
#include "clt-preferences-window.h"
#include "clt-rest-store.h"
#include "clt-sites-page.h"
#include "clt-sqlite-store.h"
#include "clt-store.h"
#include "clt-window.h"

#define SETTINGS_SCHEMA_ID "io.github.clientele.Clientele"

struct _CltPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *buttons_group;
  CltCompaniesPage     *companies_page;
  CltCustomFieldsPage  *custom_fields_page;
  AdwActionRow         *database_row;
  CltGroupsPage        *groups_page;
  GtkCheckButton       *local_check;
  AdwPreferencesGroup  *local_group;
  GtkCheckButton       *server_check;
  AdwPreferencesGroup  *server_group;
  CltSitesPage         *sites_page;
  GtkSpinner           *spinner;
  GtkImage             *status_icon;
  GtkLabel             *status_label;
  GtkWidget            *status_row;
  GtkLabel             *url_message_label;
  GtkWidget            *url_message_row;
  AdwEntryRow          *url_row;
  AdwPasswordEntryRow  *token_row;

  CltApplication       *app;
  GSettings            *settings;
  GCancellable         *cancellable;
  /* The store of the test under way. */
  CltRestStore         *testing;

  guint                 loading;
  guint                 busy : 1;
  /* The test under way connects when it succeeds. */
  guint                 connect : 1;
  guint                 status_shown : 1;
};

G_DEFINE_FINAL_TYPE (CltPreferencesWindow, clt_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);

  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
clt_preferences_check_server_url (const char  *url,
                                  char       **message)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *stripped = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (url != NULL, FALSE);

  stripped = g_strstrip (g_strdup (url));
  if (stripped[0] == '\0')
    return FALSE;

  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || host[0] == '\0')
    {
      *message = g_strdup_printf (_("“%s” is not a web address: write it as "
                                    "https://shop.example.com"), stripped);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (is_loopback (host))
        return TRUE;

      *message = g_strdup (_("Use https://: with http:// the access token would cross the "
                             "network unencrypted. Only a server on this computer (localhost, "
                             "127.0.0.1) may use http://."));
      return FALSE;
    }

  *message = g_strdup_printf (_("The address must start with https:// (not %s://)."), scheme);
  return FALSE;
}

static char *
dup_url (CltPreferencesWindow *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
}

static char *
dup_database_path (CltPreferencesWindow *self)
{
  g_autofree char *path = NULL;

  if (self->settings != NULL)
    path = g_settings_get_string (self->settings, "database-path");

  if (path == NULL || path[0] == '\0')
    return clt_sqlite_store_default_path ();

  return g_steal_pointer (&path);
}

static void
show_status (CltPreferencesWindow *self,
             gboolean              success,
             const char           *message)
{
  self->status_shown = message != NULL;
  gtk_widget_set_visible (self->status_row, message != NULL);
  gtk_label_set_label (self->status_label, message != NULL ? message : "");
  gtk_image_set_from_icon_name (self->status_icon,
                                success ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  if (success)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "success");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "error");
    }
}

static void
update_state (CltPreferencesWindow *self)
{
  gboolean server = gtk_check_button_get_active (self->server_check);
  g_autofree char *url = dup_url (self);
  g_autofree char *message = NULL;
  gboolean url_valid = clt_preferences_check_server_url (url, &message);
  const char *token = gtk_editable_get_text (GTK_EDITABLE (self->token_row));
  gboolean ready = server && url_valid && token[0] != '\0' && !self->busy;

  gtk_widget_set_sensitive (GTK_WIDGET (self->local_group), !server && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_group), server && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->buttons_group), server);

  /* The address's problem, right under it. */
  gtk_label_set_label (self->url_message_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->url_message_row, message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->url_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->url_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->url_row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->url_row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.test-connection", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.connect", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.choose-database",
                                 !server && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
set_busy (CltPreferencesWindow *self,
          gboolean              busy)
{
  self->busy = busy;
  update_state (self);
}

/* Callbacks --------------------------------------------------------------- */

static void
on_server_fields_changed_cb (CltPreferencesWindow *self)
{
  if (self->loading > 0)
    return;

  /* What was said about the old address or token no longer holds. */
  show_status (self, FALSE, NULL);
  update_state (self);
}

static void
open_local (CltPreferencesWindow *self,
            const char           *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (self->settings != NULL)
    g_settings_set_enum (self->settings, "back-end", 0);

  adw_action_row_set_subtitle (self->database_row, path);
  clt_application_open_database (self->app, file);
}

static void
on_local_check_toggled_cb (CltPreferencesWindow *self)
{
  update_state (self);

  if (self->loading > 0 || !gtk_check_button_get_active (self->local_check))
    return;

  /* Back to this computer: it needs nothing more, so it applies now. */
  if (self->settings != NULL && g_settings_get_enum (self->settings, "back-end") != 0)
    {
      g_autofree char *path = dup_database_path (self);

      open_local (self, path);
    }
}

static void
on_server_check_toggled_cb (CltPreferencesWindow *self)
{
  update_state (self);

  if (self->loading == 0 && gtk_check_button_get_active (self->server_check))
    gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
}

static void
on_token_looked_up_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CltPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  char *token;

  token = clt_keyring_lookup_token_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (token == NULL)
    {
      /* No keyring (or nothing in it): the user types the token. */
      if (error != NULL)
        g_debug ("%s", error->message);
      return;
    }

  self->loading++;
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), token);
  self->loading--;
  secret_password_free (token);
  update_state (self);
}

static void
on_token_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CltApplication) app = user_data;
  g_autoptr(GError) error = NULL;

  /* Connected all the same: the token is asked for again next time. */
  if (!clt_keyring_store_token_finish (result, &error))
    {
      CltWindow *window = clt_application_get_main_window (app);

      if (window != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        clt_window_add_toast (window, error->message);
    }
}

static void
on_connected_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CltPreferencesWindow) self = user_data;
  CltRestStore *store = CLT_REST_STORE (object);
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  user = clt_rest_store_connect_finish (store, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (user == NULL)
    {
      clt_rest_store_shutdown (store);
      g_clear_object (&self->testing);
      show_status (self, FALSE, error->message);
      return;
    }

  {
    g_autoptr(GEnumClass) roles = g_type_class_ref (CLT_TYPE_ROLE);
    GEnumValue *role = g_enum_get_value (roles, clt_backoffice_user_get_role (user));
    const char *name = clt_backoffice_user_get_display_name (user);

    if (name == NULL || name[0] == '\0')
      name = clt_backoffice_user_get_username (user);

    /* Translators: the first %s is a user name, the second their role (admin, staff, …). */
    message = g_strdup_printf (_("Connected as %s (%s)."), name,
                               role != NULL ? role->value_nick : "?");
  }
  show_status (self, TRUE, message);

  if (!self->connect)
    {
      clt_rest_store_shutdown (store);
      g_clear_object (&self->testing);
      return;
    }

  /* Connect: remember the server, keep the token in the keyring (never
   * in GSettings), and hand the signed-in store to the application. */
  {
    g_autofree char *url = dup_url (self);
    g_autoptr(CltRestStore) connected = g_steal_pointer (&self->testing);

    if (self->settings != NULL)
      {
        g_settings_set_string (self->settings, "server-url", url);
        g_settings_set_enum (self->settings, "back-end", 1);
      }

    clt_keyring_store_token_async (url, gtk_editable_get_text (GTK_EDITABLE (self->token_row)),
                                   NULL, on_token_stored_cb, g_object_ref (self->app));
    clt_application_use_store (self->app, CLT_STORE (connected));
  }

  gtk_window_close (GTK_WINDOW (self));
}

static void
start_test (CltPreferencesWindow *self,
            gboolean              connect)
{
  g_autofree char *url = dup_url (self);
  g_autofree char *message = NULL;

  if (self->busy || !clt_preferences_check_server_url (url, &message))
    return;

  if (self->testing != NULL)
    clt_rest_store_shutdown (self->testing);
  g_clear_object (&self->testing);

  self->connect = connect;
  self->testing = clt_rest_store_new (url, gtk_editable_get_text (GTK_EDITABLE (self->token_row)));
  show_status (self, FALSE, NULL);
  set_busy (self, TRUE);

  clt_rest_store_connect_async (self->testing, self->cancellable, on_connected_cb,
                                g_object_ref (self));
}

static void
test_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  start_test (CLT_PREFERENCES_WINDOW (widget), FALSE);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  start_test (CLT_PREFERENCES_WINDOW (widget), TRUE);
}

static void
on_chooser_response_cb (GtkNativeDialog      *dialog,
                        int                   response,
                        CltPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          if (self->settings != NULL)
            g_settings_set_string (self->settings, "database-path", path);
          open_local (self, path);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_database_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CltPreferencesWindow *self = CLT_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = clt_database_chooser_new (_("Choose Database"), GTK_WINDOW (self));

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* GObject ----------------------------------------------------------------- */

static void
load_settings (CltPreferencesWindow *self)
{
  g_autofree char *path = dup_database_path (self);
  g_autofree char *url = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  /* The window it was opened from, whose back end the shop pages show. */
  CltWindow *window = CLT_IS_WINDOW (parent) ? CLT_WINDOW (parent)
                                             : clt_application_get_main_window (self->app);
  CltStore *store = window != NULL ? clt_window_get_store (window) : NULL;
  g_autofree char *location = store != NULL ? clt_store_dup_location (store) : NULL;
  gboolean server = FALSE;

  if (self->settings != NULL)
    {
      server = g_settings_get_enum (self->settings, "back-end") == 1;
      url = g_settings_get_string (self->settings, "server-url");
    }

  /* What is open, rather than what was chosen last: `clientele --server
   * URL` (or --database FILE) opens a back end without choosing it. */
  if (CLT_IS_REST_STORE (store))
    {
      server = TRUE;
      g_free (url);
      url = g_strdup (clt_rest_store_get_url (CLT_REST_STORE (store)));
    }
  else if (location != NULL)
    {
      server = FALSE;
      g_free (path);
      path = g_steal_pointer (&location);
    }

  self->loading++;
  adw_action_row_set_subtitle (self->database_row, path);
  gtk_check_button_set_active (server ? self->server_check : self->local_check, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
  self->loading--;

  /* The shop's data of the open back end. */
  if (store != NULL)
    {
      clt_shop_list_set_store (clt_sites_page_get_list (self->sites_page), store);
      clt_shop_list_set_store (clt_groups_page_get_list (self->groups_page), store);
      clt_shop_list_set_store (clt_companies_page_get_list (self->companies_page), store);
      clt_shop_list_set_store (clt_custom_fields_page_get_list (self->custom_fields_page), store);
    }

  /* The token of the configured server, to test or reconnect. */
  if (url != NULL && url[0] != '\0')
    clt_keyring_lookup_token_async (url, self->cancellable, on_token_looked_up_cb,
                                    g_object_ref (self));

  update_state (self);
}

static void
clt_preferences_window_dispose (GObject *object)
{
  CltPreferencesWindow *self = CLT_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->testing != NULL)
    clt_rest_store_shutdown (self->testing);
  g_clear_object (&self->testing);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (clt_preferences_window_parent_class)->dispose (object);
}

static void
clt_preferences_window_finalize (GObject *object)
{
  CltPreferencesWindow *self = CLT_PREFERENCES_WINDOW (object);

  g_clear_object (&self->app);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (clt_preferences_window_parent_class)->finalize (object);
}

static void
clt_preferences_window_class_init (CltPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_preferences_window_dispose;
  object_class->finalize = clt_preferences_window_finalize;

  g_type_ensure (CLT_TYPE_COMPANIES_PAGE);
  g_type_ensure (CLT_TYPE_CUSTOM_FIELDS_PAGE);
  g_type_ensure (CLT_TYPE_GROUPS_PAGE);
  g_type_ensure (CLT_TYPE_SITES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, buttons_group);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, companies_page);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, custom_fields_page);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, groups_page);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, local_check);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, local_group);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, server_check);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, server_group);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, sites_page);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, url_message_label);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, url_message_row);
  gtk_widget_class_bind_template_child (widget_class, CltPreferencesWindow, url_row);
  gtk_widget_class_bind_template_callback (widget_class, on_local_check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_server_check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_server_fields_changed_cb);

  gtk_widget_class_install_action (widget_class, "preferences.choose-database", NULL,
                                   choose_database_action);
  gtk_widget_class_install_action (widget_class, "preferences.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "preferences.test-connection", NULL,
                                   test_connection_action);
}

static void
clt_preferences_window_init (CltPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = create_settings ();
}

/**
 * clt_preferences_window_new:
 * @app: the application, which opens the chosen back end
 * @parent: (nullable): the main window
 *
 * Returns: (transfer none): a new preferences window, not yet presented
 */
CltPreferencesWindow *
clt_preferences_window_new (CltApplication *app,
                            GtkWindow      *parent)
{
  CltPreferencesWindow *self;

  g_return_val_if_fail (CLT_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (CLT_TYPE_PREFERENCES_WINDOW, NULL);
  self->app = g_object_ref (app);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
    }

  load_settings (self);

  return self;
}

const char *
clt_preferences_window_get_url_message (CltPreferencesWindow *self)
{
  g_return_val_if_fail (CLT_IS_PREFERENCES_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (self->url_message_row))
    return NULL;

  return gtk_label_get_label (self->url_message_label);
}

const char *
clt_preferences_window_get_status (CltPreferencesWindow *self)
{
  g_return_val_if_fail (CLT_IS_PREFERENCES_WINDOW (self), NULL);

  return self->status_shown ? gtk_label_get_label (self->status_label) : NULL;
}

gboolean
clt_preferences_window_get_busy (CltPreferencesWindow *self)
{
  g_return_val_if_fail (CLT_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->busy;
}

gboolean
clt_preferences_window_get_server_chosen (CltPreferencesWindow *self)
{
  g_return_val_if_fail (CLT_IS_PREFERENCES_WINDOW (self), FALSE);

  return gtk_check_button_get_active (self->server_check);
}

const char *
clt_preferences_window_get_server_url (CltPreferencesWindow *self)
{
  g_return_val_if_fail (CLT_IS_PREFERENCES_WINDOW (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->url_row));
}

/* The shop pages ---------------------------------------------------------- */

static CltShopList *
get_shop_list (CltPreferencesWindow *self,
               CltPreferencesPage    page)
{
  switch (page)
    {
    case CLT_PREFERENCES_PAGE_SITES:
      return clt_sites_page_get_list (self->sites_page);
    case CLT_PREFERENCES_PAGE_GROUPS:
      return clt_groups_page_get_list (self->groups_page);
    case CLT_PREFERENCES_PAGE_COMPANIES:
      return clt_companies_page_get_list (self->companies_page);
    case CLT_PREFERENCES_PAGE_CUSTOM_FIELDS:
      return clt_custom_fields_page_get_list (self->custom_fields_page);
    case CLT_PREFERENCES_PAGE_BACK_END:
    default:
      return NULL;
    }
}

/**
 * clt_preferences_window_show_page:
 * @self: a preferences window
 * @page: which page
 *
 * Shows @page.
 */
void
clt_preferences_window_show_page (CltPreferencesWindow *self,
                                  CltPreferencesPage    page)
{
  CltShopList *list;

  g_return_if_fail (CLT_IS_PREFERENCES_WINDOW (self));

  list = get_shop_list (self, page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                           list != NULL ? ADW_PREFERENCES_PAGE (list->page)
                                                        : ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (self->local_group), ADW_TYPE_PREFERENCES_PAGE)));
}

static void
show_item (CltPreferencesWindow *self,
           CltPreferencesPage    page,
           const char           *key)
{
  clt_shop_list_show (get_shop_list (self, page), key);
}

void
clt_preferences_window_show_site (CltPreferencesWindow *self,
                                  const char           *code)
{
  g_return_if_fail (CLT_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (code != NULL);

  show_item (self, CLT_PREFERENCES_PAGE_SITES, code);
}

void
clt_preferences_window_show_group (CltPreferencesWindow *self,
                                   const char           *code)
{
  g_return_if_fail (CLT_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (code != NULL);

  show_item (self, CLT_PREFERENCES_PAGE_GROUPS, code);
}

void
clt_preferences_window_show_company (CltPreferencesWindow *self,
                                     const char           *id)
{
  g_return_if_fail (CLT_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (id != NULL);

  show_item (self, CLT_PREFERENCES_PAGE_COMPANIES, id);
}

void
clt_preferences_window_show_custom_field (CltPreferencesWindow *self,
                                          const char           *key)
{
  g_return_if_fail (CLT_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (key != NULL);

  show_item (self, CLT_PREFERENCES_PAGE_CUSTOM_FIELDS, key);
}

CltShopList *
clt_preferences_window_get_shop_list (CltPreferencesWindow *self,
                                      CltPreferencesPage    page)
{
  g_return_val_if_fail (CLT_IS_PREFERENCES_WINDOW (self), NULL);

  return get_shop_list (self, page);
}
