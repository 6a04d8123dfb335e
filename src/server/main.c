/* main.c — clientele-server: serves a Clientele database over HTTP
 * (`serve`) and manages who may use it (`user add|list|revoke|set-role`).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "clt-accounts.h"
#include "clt-backoffice-user.h"
#include "clt-mailer-private.h"
#include "clt-server.h"
#include "clt-sql-store.h"
#include "clt-sqlite-store.h"
#ifdef CLT_HAVE_POSTGRES
#include "clt-pg-migrate.h"
#include "clt-pg-store.h"
#endif

#define DEFAULT_LISTEN "127.0.0.1:8480"

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
on_result_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* The CLI's store calls are one at a time: run the loop until each is
 * done. */
static GAsyncResult *
wait_for (Wait *wait)
{
  if (wait->result == NULL)
    g_main_loop_run (wait->loop);
  return g_steal_pointer (&wait->result);
}

static int
fail (const char   *what,
      const GError *error)
{
  g_printerr ("clientele-server: %s: %s\n", what, error->message);
  return 1;
}

static int
usage (GOptionContext *context,
       const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  if (message != NULL)
    g_printerr ("clientele-server: %s\n\n", message);
  g_printerr ("%s", help);
  return 2;
}

/* Where the data is: --database FILE (SQLite) or --postgres URL. */
typedef struct
{
  char *database;
  char *postgres;
  char *password_file;
} Location;

static void
location_clear (Location *location)
{
  g_clear_pointer (&location->database, g_free);
  g_clear_pointer (&location->postgres, g_free);
  g_clear_pointer (&location->password_file, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Location, location_clear)

static void
location_add_entries (GOptionContext *context,
                      Location       *location,
                      const char     *database_help)
{
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &location->database,
      database_help, N_("FILE") },
    { "postgres", 0, 0, G_OPTION_ARG_STRING, &location->postgres,
      N_("Use this PostgreSQL database instead: a postgresql:// URL or libpq key=value words, "
         "without a password"), N_("URL") },
    { "postgres-password-file", 0, 0, G_OPTION_ARG_FILENAME, &location->password_file,
      N_("Read the PostgreSQL password from this file (readable by its owner only); "
         "otherwise libpq's PGPASSFILE or ~/.pgpass"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/* The store of --database or --postgres (as a CltStore that also is
 * CltAccounts and CltMailQueue). */
static CltStore *
open_database (Location  *location,
               GError   **error)
{
  if (location->database != NULL && location->postgres != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Give --database FILE or --postgres URL, not both."));
      return NULL;
    }
  if (location->password_file != NULL && location->postgres == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--postgres-password-file goes with --postgres URL."));
      return NULL;
    }

  if (location->postgres != NULL)
    {
#ifdef CLT_HAVE_POSTGRES
      g_autofree char *password = NULL;
      CltPgStore *store;

      /* A command line is visible to every user of the machine. */
      if (clt_pg_conninfo_has_password (location->postgres))
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("The PostgreSQL URL holds a password: put it in a file "
                                 "(--postgres-password-file FILE, or PGPASSFILE) instead."));
          return NULL;
        }
      if (location->password_file != NULL &&
          !clt_pg_read_password_file (location->password_file, &password, error))
        return NULL;

      store = clt_pg_store_new_with_password (location->postgres, password, NULL, error);
      if (password != NULL)
        explicit_bzero (password, strlen (password));
      return store != NULL ? CLT_STORE (store) : NULL;
#else
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("This clientele-server was built without PostgreSQL support."));
      return NULL;
#endif
    }

  if (location->database == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Say which database to use with --database FILE or --postgres URL."));
      return NULL;
    }

  return CLT_STORE (clt_sqlite_store_new (location->database, NULL, error));
}

/* Closes @store before the process exits. Its last reference may be
 * dropped by the worker thread of a task after the task's callback ran:
 * main () could return first, and the SQLite file kept its -wal and -shm
 * (the WAL not checkpointed into it). */
static void
close_database (CltStore *store)
{
  clt_sql_store_close (CLT_SQL_STORE (store));
}

/* user add|list|revoke|set-role {{{ */

/* @command (checked) on the users of @accounts; the exit status. */
static int
run_user_command (CltAccounts *accounts,
                  const char  *command,
                  char       **argv,
                  CltRole      role,
                  const char  *display_name)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { loop, NULL };

  if (g_str_equal (command, "add"))
    {
      g_autoptr(CltBackofficeUser) user = clt_backoffice_user_new ();
      g_autofree char *token = NULL;

      clt_backoffice_user_set_username (user, argv[2]);
      clt_backoffice_user_set_display_name (user, display_name != NULL ? display_name : argv[2]);
      clt_backoffice_user_set_role (user, role);
      clt_accounts_add_user_async (accounts, user, NULL, on_result_cb, &wait);
      result = wait_for (&wait);
      token = clt_accounts_add_user_finish (accounts, result, &error);
      if (token == NULL)
        return fail (_("Could not add the user"), error);

      g_printerr (_("Added %s as %s. Their access token, shown only this once:\n"),
                  argv[2], clt_accounts_role_nick (role));
      g_print ("%s\n", token);
    }
  else if (g_str_equal (command, "list"))
    {
      g_autoptr(GPtrArray) users = NULL;

      clt_accounts_list_users_async (accounts, NULL, on_result_cb, &wait);
      result = wait_for (&wait);
      users = clt_accounts_list_users_finish (accounts, result, &error);
      if (users == NULL)
        return fail (_("Could not list the users"), error);

      for (guint i = 0; i < users->len; i++)
        {
          CltAccount *account = g_ptr_array_index (users, i);
          g_autofree char *created = NULL;

          if (account->created != NULL)
            created = g_date_time_format (account->created, "%Y-%m-%d");
          g_print ("%-24s %-8s %-8s %s\n",
                   clt_backoffice_user_get_username (account->user),
                   clt_accounts_role_nick (clt_backoffice_user_get_role (account->user)),
                   account->revoked ? _("revoked") : _("active"),
                   created != NULL ? created : "-");
        }
    }
  else if (g_str_equal (command, "revoke"))
    {
      clt_accounts_revoke_user_async (accounts, argv[2], NULL, on_result_cb, &wait);
      result = wait_for (&wait);
      if (!clt_accounts_revoke_user_finish (accounts, result, &error))
        return fail (_("Could not revoke the user"), error);
      g_printerr (_("Revoked %s: their tokens no longer work.\n"), argv[2]);
    }
  else
    {
      clt_accounts_set_role_async (accounts, argv[2], role, NULL, on_result_cb, &wait);
      result = wait_for (&wait);
      if (!clt_accounts_set_role_finish (accounts, result, &error))
        return fail (_("Could not change the role"), error);
      g_printerr (_("%s is now %s.\n"), argv[2], clt_accounts_role_nick (role));
    }

  return 0;
}

static int
run_user (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CltStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Location) location = { NULL, };
  g_autofree char *role_nick = NULL;
  g_autofree char *display_name = NULL;
  const char *command;
  CltRole role = CLT_ROLE_VIEWER;
  int status;
  GOptionEntry entries[] = {
    { "role", 'r', 0, G_OPTION_ARG_STRING, &role_nick,
      N_("admin, staff, support or viewer (user add)"), N_("ROLE") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name,
      N_("The name shown for the user (user add)"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new (_("add NAME --role ROLE | list | revoke NAME | set-role NAME ROLE"));
  g_option_context_set_summary (context,
                                _("Manages the back-office users of a Clientele database and "
                                  "their access tokens. A new user's token is printed once."));
  location_add_entries (context, &location, N_("The database file"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (context, error->message);

  /* argv: "user" COMMAND [NAME [ROLE]] */
  if (argc < 2)
    return usage (context, _("Say what to do with users."));
  command = argv[1];

  if (g_str_equal (command, "add"))
    {
      if (argc != 3)
        return usage (context, _("user add takes one user name."));
      if (role_nick == NULL || !clt_accounts_parse_role (role_nick, &role))
        return usage (context, _("Give the new user a role: --role admin, staff, support or viewer."));
    }
  else if (g_str_equal (command, "list"))
    {
      if (argc != 2)
        return usage (context, _("user list takes no arguments."));
    }
  else if (g_str_equal (command, "revoke"))
    {
      if (argc != 3)
        return usage (context, _("user revoke takes one user name."));
    }
  else if (g_str_equal (command, "set-role"))
    {
      if (argc != 4)
        return usage (context, _("user set-role takes a user name and a role."));
      if (!clt_accounts_parse_role (argv[3], &role))
        return usage (context, _("The role is one of admin, staff, support or viewer."));
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("There is no user command “%s”."), command);

      return usage (context, message);
    }

  store = open_database (&location, &error);
  if (store == NULL)
    return fail (_("Could not open the database"), error);

  status = run_user_command (CLT_ACCOUNTS (store), command, argv, role, display_name);
  close_database (store);
  return status;
}

/* }}} */

/* serve {{{ */

typedef struct
{
  GMainLoop *loop;
  CltServer *server;
  CltMailer *mailer;              /* NULL without --smtp */
  guint      n_stopping;          /* the server, the mailer */
  gboolean   stopping;
} Serve;

static void
stopped_one (Serve *serve)
{
  g_assert (serve->n_stopping > 0);
  if (--serve->n_stopping == 0)
    g_main_loop_quit (serve->loop);
}

static void
on_shut_down_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  clt_server_shutdown_finish (CLT_SERVER (object), result, NULL);
  stopped_one (user_data);
}

static void
on_mailer_stopped_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  clt_mailer_stop_finish (CLT_MAILER (object), result, NULL);
  stopped_one (user_data);
}

static gboolean
on_signal_cb (gpointer user_data)
{
  Serve *serve = user_data;

  if (!serve->stopping)
    {
      serve->stopping = TRUE;
      g_printerr (_("Stopping: finishing the requests under way…\n"));
      serve->n_stopping = serve->mailer != NULL ? 2 : 1;
      clt_server_shutdown_async (serve->server, NULL, on_shut_down_cb, serve);
      /* The mail being sent goes out and is marked; no new one starts. */
      if (serve->mailer != NULL)
        clt_mailer_stop_async (serve->mailer, on_mailer_stopped_cb, serve);
    }

  return G_SOURCE_CONTINUE;
}

/* --smtp: the mailer, or NULL with @error set. */
static CltMailer *
start_mailer (CltStore        *store,
              const char      *url,
              const char      *credentials,
              const char      *sender,
              GError         **error)
{
  g_autoptr(CltMailer) mailer = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;

  /* Without --smtp-from, the account's user name when it is an address. */
  if (sender == NULL && credentials != NULL)
    {
      if (!clt_mailer_read_credentials (credentials, &user, &password, error))
        return NULL;
      if (strchr (user, '@') != NULL)
        sender = user;
      explicit_bzero (password, strlen (password));
    }
  if (sender == NULL)
    {
      g_set_error_literal (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_INVALID_SENDER,
                           _("Say which address emails come from (--smtp-from ADDRESS)."));
      return NULL;
    }

  mailer = clt_mailer_new (CLT_MAIL_QUEUE (store), url, credentials, sender, error);
  if (mailer == NULL)
    return NULL;

  clt_mailer_start (mailer);
  return g_steal_pointer (&mailer);
}

static int
run_serve (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CltStore) store = NULL;
  g_autoptr(CltServer) server = NULL;
  g_autoptr(CltMailer) mailer = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_auto(Location) location = { NULL, };
  g_autofree char *listen = NULL;
  g_autofree char *tls_certificate = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *url = NULL;
  g_autofree char *smtp = NULL;
  g_autofree char *smtp_credentials = NULL;
  g_autofree char *smtp_from = NULL;
  GOptionGroup *smtp_group;
  gboolean insecure = FALSE;
  int rate_limit = CLT_SERVER_DEFAULT_RATE_LIMIT;
  Serve serve = { 0, };
  guint sigterm_id;
  guint sigint_id;
  GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      /* Translators: 127.0.0.1:8480 is DEFAULT_LISTEN */
      N_("The address and port to listen on (default 127.0.0.1:8480; port 0 picks a free one)"),
      N_("ADDRESS:PORT") },
    { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &tls_certificate,
      N_("Serve HTTPS with this PEM certificate (chain)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key,
      N_("The PEM private key of the certificate"), N_("FILE") },
    { "insecure", 0, 0, G_OPTION_ARG_NONE, &insecure,
      N_("Allow plain HTTP on an address other than loopback"), NULL },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit,
      N_("Requests per second per token, with bursts of twice as many (default 200)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  GOptionEntry smtp_entries[] = {
    { "smtp", 0, 0, G_OPTION_ARG_STRING, &smtp,
      N_("Send the outbox through this mail server: smtp://HOST:PORT (STARTTLS required unless "
         "HOST is loopback) or smtps://HOST:PORT"), N_("URL") },
    { "smtp-credentials", 0, 0, G_OPTION_ARG_FILENAME, &smtp_credentials,
      N_("The mail server account: user name on the first line, password on the second "
         "(readable by its owner only)"), N_("FILE") },
    { "smtp-from", 0, 0, G_OPTION_ARG_STRING, &smtp_from,
      N_("The sender address of emails (default: the account's user name when it is an "
         "address); the shop's name from its preferences is the sender's name"), N_("ADDRESS") },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Serves a Clientele database to the back-office staff over "
                                  "HTTP (the REST API of data/openapi.yaml)."));
  location_add_entries (context, &location, N_("The database file (made when missing)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  smtp_group = g_option_group_new ("smtp", _("Email delivery:"),
                                   _("Show the options of email delivery"), NULL, NULL);
  g_option_group_add_entries (smtp_group, smtp_entries);
  g_option_group_set_translation_domain (smtp_group, GETTEXT_PACKAGE);
  /* Options of further services are added as groups of their own. */
  g_option_context_add_group (context, smtp_group);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (context, error->message);
  if (argc > 1)
    return usage (context, _("serve takes no arguments besides its options."));
  if (rate_limit < 1)
    return usage (context, _("--rate-limit is at least 1 request per second."));
  if ((tls_certificate == NULL) != (tls_key == NULL))
    return usage (context, _("Give both --tls-certificate and --tls-key, or neither."));
  if (smtp == NULL && (smtp_credentials != NULL || smtp_from != NULL))
    return usage (context, _("--smtp-credentials and --smtp-from go with --smtp URL."));

  if (tls_certificate != NULL)
    {
      certificate = g_tls_certificate_new_from_files (tls_certificate, tls_key, &error);
      if (certificate == NULL)
        return fail (_("Could not read the TLS certificate and key"), error);
    }

  store = open_database (&location, &error);
  if (store == NULL)
    return fail (_("Could not open the database"), error);

  server = clt_server_new (CLT_STORE (store), CLT_ACCOUNTS (store));
  clt_server_set_rate_limit (server, rate_limit);
  if (!clt_server_listen (server, listen != NULL ? listen : DEFAULT_LISTEN, certificate, insecure,
                          &error))
    return fail (_("Could not listen"), error);

  if (smtp != NULL)
    {
      mailer = start_mailer (store, smtp, smtp_credentials, smtp_from, &error);
      if (mailer == NULL)
        return fail (_("Could not set up email delivery"), error);
    }

  /* The first line on stdout: scripts and tests read the URL from it. */
  url = clt_server_dup_url (server);
  g_print ("Listening on %s\n", url);
  fflush (stdout);

  serve.loop = loop;
  serve.server = server;
  serve.mailer = mailer;
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal_cb, &serve);
  sigint_id = g_unix_signal_add (SIGINT, on_signal_cb, &serve);

  g_main_loop_run (loop);

  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);
  g_clear_object (&mailer);
  g_clear_object (&server);
  close_database (store);

  g_printerr (_("Stopped.\n"));
  return 0;
}

/* }}} */

/* migrate {{{ */

static int
run_migrate (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *password_file = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from,
      N_("The SQLite database file to copy"), N_("FILE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("The empty PostgreSQL database to copy it into: a postgresql:// URL or libpq "
         "key=value words, without a password"), N_("URL") },
    { "postgres-password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the PostgreSQL password from this file (readable by its owner only)"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Copies a Clientele SQLite database into an empty PostgreSQL "
                                  "database, all of it in one transaction, and checks the "
                                  "counts of every table."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (context, error->message);
  if (argc > 1)
    return usage (context, _("migrate takes no arguments besides its options."));
  if (from == NULL || to == NULL)
    return usage (context, _("Say what to copy where: --from FILE --to URL."));

#ifdef CLT_HAVE_POSTGRES
  {
    g_autoptr(GArray) counts = NULL;
    g_autofree char *password = NULL;

    if (clt_pg_conninfo_has_password (to))
      return usage (context, _("The PostgreSQL URL holds a password: put it in a file "
                               "(--postgres-password-file FILE, or PGPASSFILE) instead."));
    if (password_file != NULL && !clt_pg_read_password_file (password_file, &password, &error))
      return fail (_("Could not read the password"), error);

    counts = clt_pg_migrate_from_sqlite (from, to, password, NULL, &error);
    if (password != NULL)
      explicit_bzero (password, strlen (password));
    if (counts == NULL)
      return fail (_("Could not migrate the database"), error);

    for (guint i = 0; i < counts->len; i++)
      {
        const CltPgMigrateCount *count = &g_array_index (counts, CltPgMigrateCount, i);

        g_print ("%-24s %10" G_GINT64_FORMAT "\n", count->table, count->copied);
      }
    g_printerr (_("Copied; the counts of every table agree.\n"));
    return 0;
  }
#else
  return usage (context, _("This clientele-server was built without PostgreSQL support."));
#endif
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc >= 2 && g_str_equal (argv[1], "serve"))
    return run_serve (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "user"))
    return run_user (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "migrate"))
    return run_migrate (argc - 1, argv + 1);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s", _("Usage:\n"
                       "  clientele-server serve --database FILE|--postgres URL [--listen ADDRESS:PORT]\n"
                       "                   [--tls-certificate FILE --tls-key FILE] [--insecure]\n"
                       "                   [--smtp URL [--smtp-credentials FILE] [--smtp-from ADDRESS]]\n"
                       "                   [--rate-limit N]\n"
                       "  clientele-server user add NAME --role admin|staff|support|viewer --database FILE\n"
                       "  clientele-server user list --database FILE\n"
                       "  clientele-server user revoke NAME --database FILE\n"
                       "  clientele-server user set-role NAME ROLE --database FILE\n"
                       "  (--postgres URL [--postgres-password-file FILE] instead of --database FILE:\n"
                       "   a PostgreSQL database that several servers share)\n"
                       "  clientele-server migrate --from FILE --to URL [--postgres-password-file FILE]\n"
                       "\n"
                       "Each command has its own --help.\n"));
      return 0;
    }

  g_printerr ("%s", _("clientele-server: say what to do: serve, user or migrate (--help for more).\n"));
  return 2;
}
