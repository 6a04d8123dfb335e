/* clt-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>

#include "clt-accessible.h"
#include "clt-application.h"
#include "clt-backoffice-user.h"
#include "clt-database-chooser.h"
#include "clt-keyring.h"
#include "clt-preferences-window.h"
#include "clt-rest-store.h"
#include "clt-sql-store.h"
#include "clt-sqlite-store.h"
#include "clt-store.h"
#include "clt-unsaved.h"
#include "clt-window.h"

#define SETTINGS_SCHEMA_ID "io.github.clientele.Clientele"

struct _CltApplication
{
  AdwApplication  parent_instance;

  /* Weak: the application's window list owns it. */
  CltWindow      *main_window;

  /* Weak references to the SQL stores the windows used (GWeakRef): each
   * is closed at shutdown. */
  GPtrArray      *sql_stores;
  guint           sigterm_id;
  guint           sigint_id;

  /* While there are unsaved changes (an editor, a note draft): logging
   * out asks first. */
  guint           inhibit_cookie;
  char           *inhibit_reason;
  guint           inhibit_update_id;
  guint           inhibiting : 1;
};

G_DEFINE_FINAL_TYPE (CltApplication, clt_application, ADW_TYPE_APPLICATION)

typedef struct
{
  CltApplication *self;
  char           *path;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->path, g_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

static void show_open_dialog (CltApplication *self);

static GtkWindow *
get_parent_window (CltApplication *self)
{
  return self->main_window != NULL ? GTK_WINDOW (self->main_window) : NULL;
}

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);

  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

static void
on_error_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             CltApplication   *self)
{
  if (g_str_equal (response, "open"))
    show_open_dialog (self);
  else if (g_str_equal (response, "quit"))
    g_application_quit (G_APPLICATION (self));
}

static void
show_open_error (CltApplication *self,
                 const char     *path,
                 const GError   *error)
{
  GtkWindow *parent = get_parent_window (self);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Store errors name the file already; others get it named here. */
  if (strstr (error->message, path) != NULL)
    body = g_strdup (error->message);
  else
    /* Translators: the first %s is a file path, the second why it cannot be opened. */
    body = g_strdup_printf (_("“%s” cannot be opened: %s"), path, error->message);

  dialog = adw_message_dialog_new (parent,
                                   strstr (path, "://") != NULL ? _("Cannot Open Server")
                                                                : _("Cannot Open Database"),
                                   body);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), parent != NULL);

  /* With a window open the failure only ends the attempt; at startup there
   * is nothing else to go back to. */
  if (parent != NULL)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  else
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "open", _("_Open Another File…"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog),
                                         parent != NULL ? "close" : "quit");

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_error_dialog_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_store_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OpenData) data = user_data;
  CltApplication *self = data->self;
  const char *path = data->path;
  g_autoptr(CltSqliteStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = clt_sqlite_store_new_finish (result, &error);

  if (store == NULL)
    {
      show_open_error (self, path, error);
      g_application_release (G_APPLICATION (self));
      return;
    }

  clt_application_use_store (self, CLT_STORE (store));
  g_application_release (G_APPLICATION (self));
}

static void
on_open_dialog_response_cb (GtkNativeDialog *dialog,
                            int              response,
                            CltApplication  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      clt_application_open_database (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_application_release (G_APPLICATION (self));
}

static void
show_open_dialog (CltApplication *self)
{
  GtkFileChooserNative *dialog;

  dialog = clt_database_chooser_new (_("Open Database"), get_parent_window (self));

  /* The native dialog is no window of ours: keep running while it shows. */
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_dialog_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Servers {{{ */

typedef struct
{
  CltApplication *self;
  char           *url;
  char           *token;
  /* The token was typed in (not from the keyring): keep it once it works. */
  gboolean        typed;
  /* Signing in again to the open server (its token was refused): the new
   * token goes to the open store, and the window stays. */
  gboolean        renew;
} ServerData;

static void
server_data_free (ServerData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->url, g_free);
  g_clear_pointer (&data->token, secret_password_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerData, server_data_free)

static void connect_server (ServerData *data);
static void renew_token    (ServerData *data);

static void
on_token_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             ServerData       *data)
{
  CltApplication *self = data->self;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *token = gtk_editable_get_text (entry);

  if (g_str_equal (response, "connect") && token[0] != '\0')
    {
      ServerData *next = g_new0 (ServerData, 1);

      next->self = g_object_ref (self);
      next->url = g_strdup (data->url);
      next->token = g_strdup (token);
      next->typed = TRUE;
      next->renew = data->renew;
      if (next->renew)
        renew_token (next);
      else
        connect_server (next);
    }
  else if (g_str_equal (response, "preferences"))
    {
      g_action_group_activate_action (G_ACTION_GROUP (self), "preferences", NULL);
    }
  else if (self->main_window == NULL)
    {
      g_application_quit (G_APPLICATION (self));
    }
}

/* The window a dialog about the open server belongs to: the dialog the
 * user works in on the main window (an editor, which is modal), or the
 * main window. */
static GtkWindow *
get_dialog_parent (CltApplication *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *parent = get_parent_window (self);

  for (guint i = 0; parent != NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != parent && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_modal (window) && gtk_window_get_transient_for (window) == parent)
        return window;
    }

  return parent;
}

/* Asks for the token of @url, saying @reason (NULL: there is none yet);
 * with @renew, a new one for the open server, whose window stays. */
static void
ask_for_token (CltApplication *self,
               const char     *url,
               const char     *reason,
               gboolean        renew)
{
  GtkWindow *parent = renew ? get_dialog_parent (self) : get_parent_window (self);
  g_autofree char *body = NULL;
  ServerData *data;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (reason != NULL)
    body = g_strdup (reason);
  else if (renew)
    /* Translators: %s is the server's address. */
    body = g_strdup_printf (_("The server at %s no longer accepts your access token. Enter a "
                              "new one (your administrator creates it with “clientele-server "
                              "user add”). Nothing you typed is lost."), url);
  else
    /* Translators: %s is the server's address. */
    body = g_strdup_printf (_("Enter your access token for %s. Your administrator creates it "
                              "with “clientele-server user add”; Clientele keeps it in the "
                              "keyring."), url);

  dialog = adw_message_dialog_new (parent,
                                   renew ? _("Sign In Again") : _("Sign In to the Server"),
                                   body);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), parent != NULL);

  /* Not a GtkPasswordEntry: with GTK 4.8 one in this dialog, shown over an
   * editor, made the editor's closing crash later in a signal handler that
   * still had the freed entry (tests/ui/test-server-conflict.c). */
  entry = gtk_entry_new ();
  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Access token"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Access token"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                   parent != NULL ? _("_Cancel") : _("_Quit"));
  /* Another back end would replace the window: not while signing in again. */
  if (!renew)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "preferences",
                                     _("_Preferences…"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "connect",
                                   renew ? _("_Sign In") : _("C_onnect"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  data = g_new0 (ServerData, 1);
  data->self = g_object_ref (self);
  data->url = g_strdup (url);
  data->renew = renew;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_token_dialog_response_cb),
                         data, (GClosureNotify) (void (*) (void)) server_data_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_token_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CltApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!clt_keyring_store_token_finish (result, &error) && self->main_window != NULL)
    clt_window_add_toast (self->main_window, error->message);
}

static void
on_server_connected_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(ServerData) data = user_data;
  g_autoptr(CltRestStore) store = CLT_REST_STORE (object);
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GError) error = NULL;
  CltApplication *self = data->self;

  user = clt_rest_store_connect_finish (store, result, &error);
  g_application_release (G_APPLICATION (self));

  if (user == NULL)
    {
      clt_rest_store_shutdown (store);

      /* A refused token: ask for another, saying why. */
      if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SIGNED_IN))
        ask_for_token (self, data->url, error->message, FALSE);
      else
        show_open_error (self, data->url, error);
      return;
    }

  if (data->typed)
    clt_keyring_store_token_async (data->url, data->token, NULL, on_token_saved_cb,
                                   g_object_ref (self));

  clt_application_use_store (self, CLT_STORE (store));
}

static void
connect_server (ServerData *data)
{
  CltRestStore *store = clt_rest_store_new (data->url, data->token);

  g_application_hold (G_APPLICATION (data->self));
  clt_rest_store_connect_async (store, NULL, on_server_connected_cb, data);
}

/* The REST store of the main window, or NULL. */
static CltRestStore *
get_open_server (CltApplication *self)
{
  CltStore *store = self->main_window != NULL ? clt_window_get_store (self->main_window) : NULL;

  return CLT_IS_REST_STORE (store) ? CLT_REST_STORE (store) : NULL;
}

static void
on_token_renewed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ServerData) data = user_data;
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GError) error = NULL;
  CltApplication *self = data->self;

  user = clt_store_get_current_user_finish (CLT_STORE (object), result, &error);
  if (self->main_window == NULL || get_open_server (self) != CLT_REST_STORE (object))
    return;

  if (user == NULL)
    {
      /* Refused as well: ask again, saying why. Can't be reached: the
       * window's bar says so (the store tells it), and the token is not
       * kept until it is known to work. */
      if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SIGNED_IN))
        {
          /* Translators: %s says why the server refused the token, in a sentence. */
          g_autofree char *reason = g_strdup_printf (_("The server refused this token as well. "
                                                       "%s Check it, or ask your administrator "
                                                       "for a new one."), error->message);

          ask_for_token (self, data->url, reason, TRUE);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Couldn't sign in: %s"), error->message);

          clt_window_add_toast (self->main_window, message);
        }
      return;
    }

  clt_keyring_store_token_async (data->url, data->token, NULL, on_token_saved_cb,
                                 g_object_ref (self));
}

/* The open server's store signs in with the typed token; the store tells
 * the window once the server takes it. */
static void
renew_token (ServerData *data)
{
  CltRestStore *store = get_open_server (data->self);

  if (store == NULL)
    {
      server_data_free (data);
      return;
    }

  clt_rest_store_set_token (store, data->token);
  clt_store_get_current_user_async (CLT_STORE (store), NULL, on_token_renewed_cb, data);
}

static void
on_keyring_token_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ServerData) data = user_data;
  g_autoptr(GError) error = NULL;
  CltApplication *self = data->self;

  data->token = clt_keyring_lookup_token_finish (result, &error);
  g_application_release (G_APPLICATION (self));

  /* None kept (or no keyring to ask): the user types it. */
  if (data->token == NULL)
    {
      g_autofree char *reason = NULL;

      if (error != NULL)
        /* Translators: %s is why the keyring could not be read. */
        reason = g_strdup_printf (_("%s. Enter your access token for %s."),
                                  error->message, data->url);
      ask_for_token (self, data->url, reason, FALSE);
      return;
    }

  connect_server (g_steal_pointer (&data));
}

/* }}} */

/* The customers window Preferences belong to: the one used last (whose
 * back end they show), else the main window. */
static GtkWindow *
get_customers_window (CltApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CLT_IS_WINDOW (l->data))
      return l->data;

  return get_parent_window (self);
}

/* The open Preferences window, or a new one, presented. */
static CltPreferencesWindow *
present_preferences (CltApplication *self)
{
  CltPreferencesWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CLT_IS_PREFERENCES_WINDOW (l->data))
      {
        window = l->data;
        break;
      }

  /* Part of the application, so that the next time finds it. */
  if (window == NULL)
    {
      window = clt_preferences_window_new (self, get_customers_window (self));
      gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (self));
    }
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  present_preferences (CLT_APPLICATION (user_data));
}

/* app.show-group and app.show-company: the customer page's links. */
static void
show_shop_item_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CltPreferencesWindow *window = present_preferences (CLT_APPLICATION (user_data));
  const char *id = g_variant_get_string (parameter, NULL);

  if (g_str_equal (g_action_get_name (G_ACTION (action)), "show-group"))
    clt_preferences_window_show_group (window, id);
  else
    clt_preferences_window_show_company (window, id);
}

static void
sign_in_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CltApplication *self = CLT_APPLICATION (user_data);
  CltRestStore *store = get_open_server (self);

  if (store != NULL)
    ask_for_token (self, clt_rest_store_get_url (store), NULL, TRUE);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  show_open_dialog (CLT_APPLICATION (user_data));
}

/* Close the windows instead of stopping at once: a main window commits
 * the deletions still waiting for their Undo toast and holds the
 * application until the store is done; it quits when nothing is left. */
static void
close_all_windows (GtkApplication *application)
{
  g_autoptr(GList) windows = NULL;

  windows = g_list_copy (gtk_application_get_windows (application));
  for (GList *l = windows; l != NULL; l = l->next)
    if (CLT_IS_WINDOW (l->data))
      gtk_window_close (GTK_WINDOW (l->data));

  g_list_free (windows);
  windows = g_list_copy (gtk_application_get_windows (application));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
}

static void
on_quit_confirmed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CltApplication) self = user_data;

  if (clt_unsaved_confirm_finish (result))
    close_all_windows (GTK_APPLICATION (self));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CltApplication *self = CLT_APPLICATION (user_data);
  g_autoptr(GPtrArray) unsaved = clt_unsaved_list_windows (NULL);

  /* Unsaved changes in an editor or a note draft: the user says what
   * becomes of them. */
  if (unsaved->len > 0)
    clt_unsaved_confirm_async (unsaved, on_quit_confirmed_cb, g_object_ref (self));
  else
    close_all_windows (GTK_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CltApplication *self = CLT_APPLICATION (user_data);
  static const char *developers[] = { "The Clientele developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Clientele"),
                        "application-icon", "io.github.clientele.Clientele",
                        "comments", _("Manage the customers of your online shop"),
                        "developer-name", _("The Clientele developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Clientele developers",
                        "translator-credits", _("translator-credits"),
                        "transient-for", get_parent_window (self),
                        "modal", TRUE,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "open", .activate = open_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "quit", .activate = quit_action },
  { .name = "show-company", .activate = show_shop_item_action, .parameter_type = "s" },
  { .name = "show-group", .activate = show_shop_item_action, .parameter_type = "s" },
  { .name = "sign-in", .activate = sign_in_action },
};

/* SIGTERM (a session ending, `kill`) and SIGINT quit the way Ctrl+Q does:
 * deletions still waiting for their Undo are committed and the database is
 * closed; unsaved changes (an editor, a note draft) are asked about
 * first. The handler goes with the first signal, so a second one ends the
 * process at once. */
static gboolean
on_quit_signal_cb (gpointer user_data)
{
  CltApplication *self = user_data;

  self->sigterm_id = 0;
  self->sigint_id = 0;
  g_action_group_activate_action (G_ACTION_GROUP (self), "quit", NULL);

  return G_SOURCE_REMOVE;
}

/* Unsaved changes {{{ */

/* Asks the session to let the user decide before logging out while there
 * are unsaved changes (an editor, a note draft). Without a session manager (or a portal)
 * GTK gives no cookie and says nothing: then this only keeps track. */
static gboolean
update_inhibit_cb (gpointer user_data)
{
  CltApplication *self = user_data;
  g_autoptr(GPtrArray) unsaved = clt_unsaved_list_windows (NULL);
  g_autofree char *reason = unsaved->len > 0 ? clt_unsaved_dup_reason (unsaved) : NULL;
  guint old_cookie = self->inhibit_cookie;

  self->inhibit_update_id = 0;

  if (g_strcmp0 (reason, self->inhibit_reason) == 0)
    return G_SOURCE_REMOVE;

  /* The new reason first, so that logging out is never allowed between. */
  self->inhibit_cookie = 0;
  if (reason != NULL)
    self->inhibit_cookie = gtk_application_inhibit (GTK_APPLICATION (self), NULL,
                                                    GTK_APPLICATION_INHIBIT_LOGOUT, reason);
  if (old_cookie != 0)
    gtk_application_uninhibit (GTK_APPLICATION (self), old_cookie);

  self->inhibiting = reason != NULL;
  g_free (self->inhibit_reason);
  self->inhibit_reason = g_steal_pointer (&reason);

  return G_SOURCE_REMOVE;
}

static void
queue_update_inhibit (CltApplication *self)
{
  /* A dialog's form is set up after GTK lists it, and a destroyed one
   * leaves before its last signal: look from the main loop. */
  if (self->inhibit_update_id == 0)
    self->inhibit_update_id = g_idle_add_full (G_PRIORITY_HIGH, update_inhibit_cb, self, NULL);
}

static gboolean
watch_windows_cb (gpointer user_data)
{
  CltApplication *self = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (clt_unsaved_is_source (window) &&
          g_object_get_data (G_OBJECT (window), "clt-application-watched") == NULL)
        {
          g_object_set_data (G_OBJECT (window), "clt-application-watched", GINT_TO_POINTER (TRUE));
          g_signal_connect_object (window, "modified-changed",
                                   G_CALLBACK (queue_update_inhibit), self, G_CONNECT_SWAPPED);
        }
    }

  return update_inhibit_cb (self);
}

static void
on_toplevels_changed_cb (CltApplication *self)
{
  g_clear_handle_id (&self->inhibit_update_id, g_source_remove);
  self->inhibit_update_id = g_idle_add_full (G_PRIORITY_HIGH, watch_windows_cb, self, NULL);
}

static void
stop_inhibiting (CltApplication *self)
{
  g_clear_handle_id (&self->inhibit_update_id, g_source_remove);
  g_signal_handlers_disconnect_by_func (gtk_window_get_toplevels (), on_toplevels_changed_cb, self);
  if (self->inhibit_cookie != 0)
    gtk_application_uninhibit (GTK_APPLICATION (self), self->inhibit_cookie);
  self->inhibit_cookie = 0;
  self->inhibiting = FALSE;
  g_clear_pointer (&self->inhibit_reason, g_free);
}

/* }}} */

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* A store's last reference can go with a worker thread after its last
 * callback ran, so the process could end before its connections close
 * (a SQLite file then keeps its -wal and -shm): every SQL store a window
 * used is closed here, once the windows are gone and the store's work is
 * done (a window holds the application until then). */
static void
clt_application_shutdown (GApplication *application)
{
  CltApplication *self = CLT_APPLICATION (application);

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  stop_inhibiting (self);

  for (guint i = 0; i < self->sql_stores->len; i++)
    {
      g_autoptr(CltSqlStore) store = g_weak_ref_get (g_ptr_array_index (self->sql_stores, i));

      if (store != NULL)
        clt_sql_store_close (store);
    }
  g_ptr_array_set_size (self->sql_stores, 0);

  G_APPLICATION_CLASS (clt_application_parent_class)->shutdown (application);
}

static void
clt_application_startup (GApplication *application)
{
  CltApplication *self = CLT_APPLICATION (application);
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (clt_application_parent_class)->startup (application);

  self->sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal_cb, self);
  self->sigint_id = g_unix_signal_add (SIGINT, on_quit_signal_cb, self);

  g_signal_connect_object (gtk_window_get_toplevels (), "items-changed",
                           G_CALLBACK (on_toplevels_changed_cb), self, G_CONNECT_SWAPPED);

  clt_accessible_install_button_names ();

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);

  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close", close_accels);
}

static void
clt_application_activate (GApplication *application)
{
  CltApplication *self = CLT_APPLICATION (application);

  g_autoptr(GSettings) settings = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;

  if (self->main_window != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->main_window));
      return;
    }

  /* The back end chosen in Preferences. */
  settings = create_settings ();
  if (settings != NULL)
    {
      url = g_settings_get_string (settings, "server-url");
      path = g_settings_get_string (settings, "database-path");

      if (g_settings_get_enum (settings, "back-end") == 1 && url[0] != '\0')
        {
          clt_application_open_server (self, url, NULL);
          return;
        }
    }

  if (path != NULL && path[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      clt_application_open_database (self, file);
      return;
    }

  clt_application_open_database (self, NULL);
}

static int
clt_application_command_line (GApplication            *application,
                              GApplicationCommandLine *command_line)
{
  CltApplication *self = CLT_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GFile) file = NULL;
  const char *database = NULL;

  const char *server = NULL;

  if (g_variant_dict_lookup (options, "server", "&s", &server) && server[0] != '\0')
    {
      g_autofree char *message = NULL;

      if (!clt_preferences_check_server_url (server, &message))
        {
          g_application_command_line_printerr (command_line, "%s\n",
                                               message != NULL ? message
                                                               : _("The server address is empty."));
          return EXIT_FAILURE;
        }

      clt_application_open_server (self, server, NULL);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &database) && database[0] != '\0')
    file = g_application_command_line_create_file_for_arg (command_line, database);

  if (file == NULL)
    {
      clt_application_activate (application);
      return EXIT_SUCCESS;
    }

  if (self->main_window != NULL)
    {
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *location = clt_store_dup_location (clt_window_get_store (self->main_window));

      if (g_strcmp0 (path, location) == 0)
        {
          gtk_window_present (GTK_WINDOW (self->main_window));
          return EXIT_SUCCESS;
        }
    }

  clt_application_open_database (self, file);

  return EXIT_SUCCESS;
}

static void
clt_application_dispose (GObject *object)
{
  CltApplication *self = (CltApplication *) object;

  g_clear_weak_pointer (&self->main_window);
  g_clear_pointer (&self->sql_stores, g_ptr_array_unref);
  /* Never run (tests): no shutdown either. */
  stop_inhibiting (self);

  G_OBJECT_CLASS (clt_application_parent_class)->dispose (object);
}

static void
clt_application_class_init (CltApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = clt_application_dispose;

  app_class->activate = clt_application_activate;
  app_class->command_line = clt_application_command_line;
  app_class->startup = clt_application_startup;
  app_class->shutdown = clt_application_shutdown;
}

static void
clt_application_init (CltApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the customer database FILE instead of the default one"), N_("FILE") },
    { "server", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
      N_("Open the clientele-server at URL (its token from the keyring)"), N_("URL") },
    { NULL }
  };

  self->sql_stores = g_ptr_array_new_with_free_func ((GDestroyNotify) weak_ref_free);
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Manage the customers of your online shop."));
}

/* GTK 4.8's X11 back end creates a GL context when it opens the display,
 * only to choose the windows' visuals. Someone who chose the cairo
 * renderer (GSK_RENDERER=cairo) never draws with GL, yet pays for that
 * context: on Mesa's llvmpipe it loads LLVM, ~55 MB of memory and tens of
 * milliseconds of start-up. Without GL, GDK uses the display's default
 * visual, which is all cairo needs. A GDK_DEBUG of the user's own is
 * left as it is. Called before GTK opens the display. */
static void
skip_gl_for_cairo (void)
{
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") != 0 || g_getenv ("GDK_DEBUG") != NULL)
    return;

  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
}

CltApplication *
clt_application_new (void)
{
  skip_gl_for_cairo ();

  /* The resource base path is fixed: the Devel profile's application id
   * differs but its resources (help overlay, style.css) do not. */
  return g_object_new (CLT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/clientele/Clientele",
                       NULL);
}

CltWindow *
clt_application_get_main_window (CltApplication *self)
{
  g_return_val_if_fail (CLT_IS_APPLICATION (self), NULL);

  return self->main_window;
}

void
clt_application_open_database (CltApplication *self,
                               GFile          *file)
{
  g_autofree char *path = NULL;
  OpenData *data;

  g_return_if_fail (CLT_IS_APPLICATION (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (file != NULL)
    path = g_file_get_path (file);
  else
    path = clt_sqlite_store_default_path ();

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("Only local files can be opened."));

      show_open_error (self, uri, error);
      return;
    }

  data = g_new0 (OpenData, 1);
  data->self = g_object_ref (self);
  data->path = g_strdup (path);

  g_application_hold (G_APPLICATION (self));
  clt_sqlite_store_new_async (path, NULL, on_store_opened_cb, data);
}

void
clt_application_open_server (CltApplication *self,
                             const char     *url,
                             const char     *token)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  ServerData *data;

  g_return_if_fail (CLT_IS_APPLICATION (self));
  g_return_if_fail (url != NULL);

  if (!clt_preferences_check_server_url (url, &message))
    {
      error = g_error_new_literal (CLT_STORE_ERROR, CLT_STORE_ERROR_INVALID,
                                   message != NULL ? message : _("The server address is empty."));
      show_open_error (self, url, error);
      return;
    }

  data = g_new0 (ServerData, 1);
  data->self = g_object_ref (self);
  data->url = clt_keyring_normalize_url (url);

  if (token != NULL)
    {
      data->token = g_strdup (token);
      data->typed = TRUE;
      connect_server (data);
      return;
    }

  g_application_hold (G_APPLICATION (self));
  clt_keyring_lookup_token_async (data->url, NULL, on_keyring_token_cb, data);
}

static void
on_connection_changed_cb (CltRestStore *store,
                          CltWindow    *window)
{
  clt_window_set_connection_error (window, clt_rest_store_get_connection_error (store));
}

static void
on_window_destroy_cb (CltWindow *window,
                      gpointer   user_data)
{
  CltStore *store = clt_window_get_store (window);

  /* Requests under way and the change feed end with the window. */
  if (CLT_IS_REST_STORE (store))
    clt_rest_store_shutdown (CLT_REST_STORE (store));
}

void
clt_application_use_store (CltApplication *self,
                           CltStore       *store)
{
  CltWindow *previous;
  CltWindow *window;

  g_return_if_fail (CLT_IS_APPLICATION (self));
  g_return_if_fail (CLT_IS_STORE (store));

  previous = self->main_window;
  window = clt_window_new (self, store);
  g_signal_connect (window, "destroy", G_CALLBACK (on_window_destroy_cb), NULL);
  /* A server that stops answering, or a token revoked, shows in the window
   * even while nobody does anything: the store's change feed finds out. */
  if (CLT_IS_REST_STORE (store))
    g_signal_connect_object (store, "connection-changed", G_CALLBACK (on_connection_changed_cb),
                             window, 0);
  if (CLT_IS_SQL_STORE (store))
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (ref, store);
      g_ptr_array_add (self->sql_stores, ref);
    }
  g_set_weak_pointer (&self->main_window, window);
  gtk_window_present (GTK_WINDOW (window));

  if (previous != NULL)
    gtk_window_destroy (GTK_WINDOW (previous));
}

/* Why logging out is inhibited now (see gtk_application_inhibit ()), or
 * NULL when it is not. */
const char *
clt_application_get_inhibit_reason (CltApplication *self)
{
  g_return_val_if_fail (CLT_IS_APPLICATION (self), NULL);

  return self->inhibiting ? self->inhibit_reason : NULL;
}

/* The session's cookie for it: 0 when not inhibiting, or when there is no
 * session manager to ask. */
guint
clt_application_get_inhibit_cookie (CltApplication *self)
{
  g_return_val_if_fail (CLT_IS_APPLICATION (self), 0);

  return self->inhibit_cookie;
}
