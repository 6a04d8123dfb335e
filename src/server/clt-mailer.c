/* clt-mailer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-mailer"

#include "config.h"

#include <string.h>

#include <curl/curl.h>
#include <glib/gi18n-lib.h>

#include "clt-email.h"
#include "clt-enum-types.h"
#include "clt-error.h"
#include "clt-mailer-private.h"
#include "clt-shop-preferences.h"
#include "clt-store.h"

#define BATCH_SIZE            10
#define DEFAULT_POLL_SECONDS  5
#define CONNECT_TIMEOUT       30L
#define TRANSFER_TIMEOUT      120L
#define MAX_REPLY_CHARS       300
#define CHANGE_POLL_DELAY_MS  250

struct _CltMailer
{
  GObject       parent_instance;

  CltMailQueue *queue;
  char         *url;              /* for curl: scheme://host:port/path */
  char         *server_name;      /* host:port, for messages */
  char         *user;
  char         *password;
  char         *sender;
  char         *sender_name;
  gboolean      sender_name_set;
  gboolean      require_tls;

  guint         poll_interval;
  GArray       *retry_delays;     /* guint seconds */

  gboolean      running;
  gboolean      busy;             /* a batch is under way */
  gboolean      poll_again;       /* the outbox changed meanwhile */
  GCancellable *cancellable;      /* of the current run */
  guint         poll_source;
  guint         soon_source;      /* a poll shortly after a change */
  gulong        changed_handler;
  GPtrArray    *batch;            /* CltEmail being sent */
  guint         batch_index;
  GQueue        stop_tasks;       /* GTask, from clt_mailer_stop_async () */
};

G_DEFINE_FINAL_TYPE (CltMailer, clt_mailer, G_TYPE_OBJECT)

G_DEFINE_QUARK (clt-mailer-error-quark, clt_mailer_error)

enum {
  MAIL_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const guint default_retry_delays[] = { 60, 300, 1800, 7200 };

/* What a worker thread needs to send one mail: copies, never the mailer's
 * own strings. */
typedef struct
{
  char   *url;
  char   *server_name;
  char   *user;
  char   *password;
  char   *sender;
  char   *recipient;
  GBytes *message;
  gsize   offset;
  gboolean require_tls;
  GCancellable *cancellable;
  /* The last refusal (4xx, 5xx) the server answered, for the failure
   * reason. */
  char   *last_reply;
  GString *reply_line;
} SendJob;

static void
send_job_free (SendJob *job)
{
  g_free (job->url);
  g_free (job->server_name);
  g_free (job->user);
  if (job->password != NULL)
    explicit_bzero (job->password, strlen (job->password));
  g_free (job->password);
  g_free (job->sender);
  g_free (job->recipient);
  g_clear_pointer (&job->message, g_bytes_unref);
  g_clear_object (&job->cancellable);
  g_free (job->last_reply);
  if (job->reply_line != NULL)
    g_string_free (job->reply_line, TRUE);
  g_free (job);
}

/* The result of sending one mail. */
typedef struct
{
  char     *reason;               /* NULL: sent */
  gboolean  permanent;            /* no use trying again */
  char     *log_detail;           /* curl's code and the SMTP reply code */
} SendResult;

static void
send_result_free (SendResult *result)
{
  g_free (result->reason);
  g_free (result->log_detail);
  g_free (result);
}

static void poll_queue (CltMailer *self);
static void send_next (CltMailer *self);

/* The worker thread {{{ */

static size_t
read_message_cb (char   *buffer,
                 size_t  size,
                 size_t  n_items,
                 void   *user_data)
{
  SendJob *job = user_data;
  gsize length;
  const char *data = g_bytes_get_data (job->message, &length);
  gsize n = MIN (size * n_items, length - job->offset);

  memcpy (buffer, data + job->offset, n);
  job->offset += n;
  return n;
}

static int
progress_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  SendJob *job = user_data;

  return g_cancellable_is_cancelled (job->cancellable) ? 1 : 0;
}

/* Keeps the server's last refusal ("550 5.1.1 No such user"). Only
 * what the server says is looked at: what curl sends (AUTH carries the
 * password) is never kept. */
static int
debug_cb (CURL          *curl,
          curl_infotype  type,
          char          *data,
          size_t         size,
          void          *user_data)
{
  SendJob *job = user_data;

  if (type != CURLINFO_HEADER_IN)
    return 0;

  for (size_t i = 0; i < size; i++)
    {
      if (data[i] == '\n')
        {
          const char *line = job->reply_line->str;

          g_strchomp (job->reply_line->str);
          /* The refusal, not the "221 Bye" that may follow it. */
          if ((line[0] == '4' || line[0] == '5') && g_ascii_isdigit (line[1]) &&
              g_ascii_isdigit (line[2]))
            {
              g_free (job->last_reply);
              job->last_reply = g_strdup (line);
            }
          g_string_truncate (job->reply_line, 0);
        }
      else if (job->reply_line->len < 1000)
        {
          guchar c = data[i];

          g_string_append_c (job->reply_line, (c < 0x20 || c >= 0x7f) && c != '\r' ? '?' : c);
        }
    }

  return 0;
}

static char *
server_reply (SendJob *job)
{
  if (job->last_reply == NULL)
    return g_strdup (_("no answer"));
  if (g_utf8_strlen (job->last_reply, -1) > MAX_REPLY_CHARS)
    return g_strdup_printf ("%.*s…", MAX_REPLY_CHARS, job->last_reply);
  return g_strdup (job->last_reply);
}

static SendResult *
failure (SendJob    *job,
         CURLcode    code,
         const char *curl_message,
         long        reply_code)
{
  SendResult *result = g_new0 (SendResult, 1);
  g_autofree char *reply = server_reply (job);
  const char *detail = curl_message[0] != '\0' ? curl_message : curl_easy_strerror (code);

  switch (code)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
      result->reason = g_strdup_printf (_("The mail server %s could not be reached: %s"),
                                        job->server_name, detail);
      break;

    case CURLE_USE_SSL_FAILED:
      result->reason = g_strdup_printf (_("The mail server %s offers no encrypted connection "
                                          "(STARTTLS), and mail is only sent encrypted."),
                                        job->server_name);
      break;

    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      result->reason = g_strdup_printf (_("No secure connection to the mail server %s could be "
                                          "made: %s"),
                                        job->server_name, detail);
      break;

    case CURLE_LOGIN_DENIED:
      result->reason = g_strdup_printf (_("The mail server %s did not accept the user name and "
                                          "password (it answered “%s”)."),
                                        job->server_name, reply);
      break;

    default:
      if (reply_code >= 400)
        result->reason = g_strdup_printf (_("The mail server %s refused the email (it answered "
                                            "“%s”)."),
                                          job->server_name, reply);
      else
        result->reason = g_strdup_printf (_("The email could not be sent through %s: %s"),
                                          job->server_name, detail);
      break;
    }

  result->log_detail = g_strdup_printf ("%s, SMTP reply code %ld", curl_easy_strerror (code),
                                        reply_code);
  return result;
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SendJob *job = task_data;
  char error_buffer[CURL_ERROR_SIZE] = "";
  g_autofree char *mail_from = g_strdup_printf ("<%s>", job->sender);
  g_autofree char *rcpt = g_strdup_printf ("<%s>", job->recipient);
  struct curl_slist *recipients = NULL;
  SendResult *result;
  long reply_code = 0;
  CURLcode code;
  CURL *curl;

  curl = curl_easy_init ();
  if (curl == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The mail library could not be started (curl_easy_init)."));
      return;
    }

  recipients = curl_slist_append (recipients, rcpt);
  job->reply_line = g_string_new (NULL);

  curl_easy_setopt (curl, CURLOPT_URL, job->url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt (curl, CURLOPT_REDIR_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt (curl, CURLOPT_USE_SSL,
                    (long) (job->require_tls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (job->user != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, job->user);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, job->password);
    }
  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, mail_from);
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_message_cb);
  curl_easy_setopt (curl, CURLOPT_READDATA, job);
  curl_easy_setopt (curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) g_bytes_get_size (job->message));
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, TRANSFER_TIMEOUT);
  /* Threads: no SIGALRM for name lookups. */
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, progress_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, job);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, error_buffer);
  /* Verbose only to hear the server's replies through debug_cb (); curl
   * prints nothing itself when a debug function is set. */
  curl_easy_setopt (curl, CURLOPT_DEBUGFUNCTION, debug_cb);
  curl_easy_setopt (curl, CURLOPT_DEBUGDATA, job);
  curl_easy_setopt (curl, CURLOPT_VERBOSE, 1L);

  code = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &reply_code);

  curl_slist_free_all (recipients);
  curl_easy_cleanup (curl);

  if (code == CURLE_ABORTED_BY_CALLBACK && g_cancellable_is_cancelled (job->cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Sending was cancelled."));
      return;
    }

  if (code == CURLE_OK)
    result = g_new0 (SendResult, 1);
  else
    result = failure (job, code, error_buffer, reply_code);

  g_task_return_pointer (task, result, (GDestroyNotify) send_result_free);
}

/* }}} */

/* Stopping {{{ */

static void
finish_stop_tasks (CltMailer *self)
{
  GTask *task;

  while ((task = g_queue_pop_head (&self->stop_tasks)) != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void
end_batch (CltMailer *self)
{
  g_clear_pointer (&self->batch, g_ptr_array_unref);
  self->batch_index = 0;
  self->busy = FALSE;

  if (!self->running)
    {
      finish_stop_tasks (self);
      return;
    }

  if (self->poll_again)
    {
      self->poll_again = FALSE;
      poll_queue (self);
    }
}

/* }}} */

/* One mail after the other {{{ */

typedef struct
{
  CltMailer *self;
  char      *email_id;
  char      *reason;
  gboolean   final;
} MarkData;

static void
mark_data_free (MarkData *data)
{
  g_object_unref (data->self);
  g_free (data->email_id);
  g_free (data->reason);
  g_free (data);
}

static void
on_marked_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  MarkData *data = user_data;
  CltMailer *self = data->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (data->reason == NULL)
    ok = clt_mail_queue_mark_sent_finish (CLT_MAIL_QUEUE (object), result, &error);
  else
    ok = clt_mail_queue_mark_failed_finish (CLT_MAIL_QUEUE (object), result, &error);

  if (!ok)
    g_message ("The outcome of email %s could not be recorded: %s", data->email_id,
               error->message);
  else
    g_signal_emit (self, signals[MAIL_DONE], 0, data->email_id,
                   data->reason == NULL ? CLT_EMAIL_STATE_SENT : CLT_EMAIL_STATE_FAILED,
                   data->reason, data->final);

  self->batch_index++;
  send_next (self);
  mark_data_free (data);
}

/* When to try @email again after this failed attempt; NULL: never. */
static GDateTime *
next_attempt (CltMailer *self,
              CltEmail  *email)
{
  guint attempts = clt_email_get_attempts (email) + 1;
  g_autoptr(GDateTime) now = NULL;

  if (attempts > self->retry_delays->len)
    return NULL;

  now = g_date_time_new_now_utc ();
  return g_date_time_add_seconds (now, g_array_index (self->retry_delays, guint, attempts - 1));
}

static void
record_outcome (CltMailer  *self,
                CltEmail   *email,
                SendResult *result)
{
  const char *domain = clt_mailer_address_domain (clt_email_get_recipient (email));
  MarkData *data = g_new0 (MarkData, 1);

  data->self = g_object_ref (self);
  data->email_id = g_strdup (clt_email_get_id (email));

  /* Outcomes are recorded even while stopping (no cancellable): a mail
   * that went out must not go out again. */
  if (result->reason == NULL)
    {
      g_message ("Sent email %s to a recipient at %s", data->email_id, domain);
      data->final = TRUE;
      clt_mail_queue_mark_sent_async (self->queue, data->email_id, NULL, on_marked_cb, data);
    }
  else
    {
      g_autoptr(GDateTime) retry_at = result->permanent ? NULL : next_attempt (self, email);
      g_autofree char *when = retry_at != NULL ? g_date_time_format_iso8601 (retry_at) : NULL;

      g_message ("Email %s to a recipient at %s failed (attempt %u; %s); %s%s", data->email_id,
                 domain, clt_email_get_attempts (email) + 1, result->log_detail,
                 retry_at != NULL ? "next attempt at " : "given up",
                 retry_at != NULL ? when : "");
      data->reason = g_strdup (result->reason);
      data->final = retry_at == NULL;
      clt_mail_queue_mark_failed_async (self->queue, data->email_id, data->reason, retry_at,
                                        NULL, on_marked_cb, data);
    }
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CltMailer *self = CLT_MAILER (object);
  g_autoptr(GError) error = NULL;
  SendResult *outcome;
  CltEmail *email;

  outcome = g_task_propagate_pointer (G_TASK (result), &error);
  if (outcome == NULL)
    {
      /* Stopped (the mail stays claimed and is sent again later), or curl
       * could not even start. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("No email can be sent: %s", error->message);
      end_batch (self);
      return;
    }

  email = g_ptr_array_index (self->batch, self->batch_index);
  record_outcome (self, email, outcome);
  send_result_free (outcome);
}

static void
send_next (CltMailer *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SendJob *job;
  CltEmail *email;

  if (self->batch == NULL || self->batch_index >= self->batch->len || !self->running)
    {
      /* More may be due: a full batch, or retries due at once. */
      gboolean more = self->batch != NULL && self->batch->len > 0 && self->running;

      if (more)
        self->poll_again = TRUE;
      end_batch (self);
      return;
    }

  email = g_ptr_array_index (self->batch, self->batch_index);
  job = g_new0 (SendJob, 1);
  job->message = clt_mailer_build_message (self->sender, self->sender_name,
                                           clt_email_get_recipient (email),
                                           clt_email_get_subject (email),
                                           clt_email_get_body (email), NULL, &error);
  if (job->message == NULL)
    {
      SendResult outcome = { .reason = error->message, .permanent = TRUE,
                             .log_detail = (char *) "not a valid address" };

      send_job_free (job);
      record_outcome (self, email, &outcome);
      return;
    }

  job->url = g_strdup (self->url);
  job->server_name = g_strdup (self->server_name);
  job->user = g_strdup (self->user);
  job->password = g_strdup (self->password);
  job->sender = g_strdup (self->sender);
  job->recipient = g_strdup (clt_email_get_recipient (email));
  job->require_tls = self->require_tls;
  job->cancellable = g_object_ref (self->cancellable);

  task = g_task_new (self, self->cancellable, on_sent_cb, NULL);
  g_task_set_source_tag (task, send_next);
  /* The mail's outcome is reported even when cancelled meanwhile: the
   * thread decides (it aborts curl and says so). */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) send_job_free);
  g_task_run_in_thread (task, send_thread);
}

static void
on_preferences_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CltMailer) self = user_data;
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(GError) error = NULL;

  preferences = clt_store_get_preferences_finish (CLT_STORE (object), result, &error);
  if (preferences != NULL && !self->sender_name_set)
    {
      g_free (self->sender_name);
      self->sender_name = g_strdup (clt_shop_preferences_get_shop_name (preferences));
    }

  send_next (self);
}

static void
on_next_due_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CltMailer) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *due;

  due = clt_mail_queue_next_due_finish (CLT_MAIL_QUEUE (object), result, &error);
  if (due == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("The outbox cannot be read: %s", error->message);
      end_batch (self);
      return;
    }

  if (due->len == 0 || !self->running)
    {
      /* Not sent: their claim runs out and they become due again. */
      g_ptr_array_unref (due);
      end_batch (self);
      return;
    }

  self->batch = due;
  self->batch_index = 0;

  if (!self->sender_name_set && CLT_IS_STORE (self->queue))
    clt_store_get_preferences_async (CLT_STORE (self->queue), self->cancellable,
                                     on_preferences_cb, g_object_ref (self));
  else
    send_next (self);
}

static void
poll_queue (CltMailer *self)
{
  if (!self->running)
    return;

  if (self->busy)
    {
      self->poll_again = TRUE;
      return;
    }

  self->busy = TRUE;
  self->poll_again = FALSE;
  clt_mail_queue_next_due_async (self->queue, BATCH_SIZE, self->cancellable, on_next_due_cb,
                                 g_object_ref (self));
}

/* }}} */

/* Callbacks {{{ */

static gboolean
on_poll_timeout_cb (gpointer user_data)
{
  poll_queue (CLT_MAILER (user_data));
  return G_SOURCE_CONTINUE;
}

static gboolean
on_poll_soon_cb (gpointer user_data)
{
  CltMailer *self = CLT_MAILER (user_data);

  self->soon_source = 0;
  poll_queue (self);
  return G_SOURCE_REMOVE;
}

/* New mails come with new or changed customers (a welcome mail, a
 * password link) and with outbox changes; a burst of writes makes one
 * poll. */
static void
on_store_changed_cb (CltStore      *store,
                     CltChangeKind  kind,
                     const char    *id,
                     CltMailer     *self)
{
  if (kind != CLT_CHANGE_OUTBOX && kind != CLT_CHANGE_CUSTOMERS && kind != CLT_CHANGE_CUSTOMER)
    return;

  if (self->soon_source == 0)
    self->soon_source = g_timeout_add (CHANGE_POLL_DELAY_MS, on_poll_soon_cb, self);
}

/* }}} */

static void
clt_mailer_dispose (GObject *object)
{
  CltMailer *self = (CltMailer *) object;

  clt_mailer_stop (self);

  G_OBJECT_CLASS (clt_mailer_parent_class)->dispose (object);
}

static void
clt_mailer_finalize (GObject *object)
{
  CltMailer *self = (CltMailer *) object;

  g_clear_object (&self->queue);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->batch, g_ptr_array_unref);
  g_clear_pointer (&self->retry_delays, g_array_unref);
  g_free (self->url);
  g_free (self->server_name);
  g_free (self->user);
  if (self->password != NULL)
    explicit_bzero (self->password, strlen (self->password));
  g_free (self->password);
  g_free (self->sender);
  g_free (self->sender_name);

  G_OBJECT_CLASS (clt_mailer_parent_class)->finalize (object);
}

static void
clt_mailer_class_init (CltMailerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clt_mailer_dispose;
  object_class->finalize = clt_mailer_finalize;

  signals[MAIL_DONE] =
    g_signal_new ("mail-done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  G_TYPE_STRING, CLT_TYPE_EMAIL_STATE, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /* Once, before any thread uses curl. */
  curl_global_init (CURL_GLOBAL_DEFAULT);
}

static void
clt_mailer_init (CltMailer *self)
{
  self->poll_interval = DEFAULT_POLL_SECONDS;
  self->retry_delays = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (self->retry_delays, default_retry_delays,
                       G_N_ELEMENTS (default_retry_delays));
  g_queue_init (&self->stop_tasks);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
parse_url (CltMailer   *self,
           const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;
  const char *host;
  const char *path;
  g_autofree char *bracketed = NULL;
  gboolean tls;
  int port;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_INVALID_URL,
                   _("“%s” is not a mail server URL (smtp://HOST:PORT or smtps://HOST:PORT): %s"),
                   url, local_error->message);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  path = g_uri_get_path (uri);
  if ((g_ascii_strcasecmp (scheme, "smtp") != 0 && g_ascii_strcasecmp (scheme, "smtps") != 0) ||
      host == NULL || host[0] == '\0' || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_INVALID_URL,
                   _("“%s” is not a mail server URL: use smtp://HOST:PORT (with STARTTLS) or "
                     "smtps://HOST:PORT."),
                   url);
      return FALSE;
    }
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_INVALID_URL,
                   _("The mail server URL must not hold a user name or password: put them in "
                     "the credentials file (--smtp-credentials)."));
      return FALSE;
    }

  tls = g_ascii_strcasecmp (scheme, "smtps") == 0;
  port = g_uri_get_port (uri);
  if (port < 0)
    port = tls ? 465 : 25;
  bracketed = strchr (host, ':') != NULL ? g_strdup_printf ("[%s]", host) : g_strdup (host);

  /* The path, if any, names the client in EHLO (curl's convention). */
  self->url = g_strdup_printf ("%s://%s:%d%s%s", tls ? "smtps" : "smtp", bracketed, port,
                               path[0] == '/' ? "" : "/", path);
  self->server_name = g_strdup_printf ("%s:%d", bracketed, port);
  self->require_tls = tls || !host_is_loopback (host);
  return TRUE;
}

CltMailer *
clt_mailer_new (CltMailQueue  *queue,
                const char    *url,
                const char    *credentials_path,
                const char    *sender,
                GError       **error)
{
  g_autoptr(CltMailer) self = NULL;
  g_autoptr(GBytes) probe = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CLT_IS_MAIL_QUEUE (queue), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (sender != NULL, NULL);

  self = g_object_new (CLT_TYPE_MAILER, NULL);
  self->queue = g_object_ref (queue);

  if (!parse_url (self, url, error))
    return NULL;

  /* The sender must make a message (a valid address). */
  probe = clt_mailer_build_message (sender, NULL, sender, "", "", NULL, &local_error);
  if (probe == NULL)
    {
      g_set_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_INVALID_SENDER,
                   _("“%s” cannot be the sender of emails: %s"), sender, local_error->message);
      return NULL;
    }
  self->sender = g_strdup (sender);

  if (credentials_path != NULL &&
      !clt_mailer_read_credentials (credentials_path, &self->user, &self->password, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
clt_mailer_set_sender_name (CltMailer  *self,
                            const char *sender_name)
{
  g_return_if_fail (CLT_IS_MAILER (self));

  g_free (self->sender_name);
  self->sender_name = g_strdup (sender_name);
  self->sender_name_set = sender_name != NULL;
}

void
clt_mailer_start (CltMailer *self)
{
  g_return_if_fail (CLT_IS_MAILER (self));

  if (self->running)
    return;

  self->running = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->poll_source = g_timeout_add_seconds (self->poll_interval, on_poll_timeout_cb, self);
  if (CLT_IS_STORE (self->queue))
    self->changed_handler = g_signal_connect (self->queue, "changed",
                                              G_CALLBACK (on_store_changed_cb), self);
  poll_queue (self);
}

static void
stop_polling (CltMailer *self)
{
  self->running = FALSE;
  self->poll_again = FALSE;
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_handle_id (&self->soon_source, g_source_remove);
  g_clear_signal_handler (&self->changed_handler, self->queue);
}

void
clt_mailer_stop (CltMailer *self)
{
  g_return_if_fail (CLT_IS_MAILER (self));

  stop_polling (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (!self->busy)
    finish_stop_tasks (self);
}

void
clt_mailer_stop_async (CltMailer           *self,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLT_IS_MAILER (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, clt_mailer_stop_async);

  stop_polling (self);
  if (!self->busy)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_queue_push_tail (&self->stop_tasks, g_steal_pointer (&task));
}

gboolean
clt_mailer_stop_finish (CltMailer     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (CLT_IS_MAILER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
clt_mailer_get_running (CltMailer *self)
{
  g_return_val_if_fail (CLT_IS_MAILER (self), FALSE);

  return self->running;
}

gboolean
clt_mailer_get_require_tls (CltMailer *self)
{
  g_return_val_if_fail (CLT_IS_MAILER (self), FALSE);

  return self->require_tls;
}

void
clt_mailer_require_tls (CltMailer *self)
{
  g_return_if_fail (CLT_IS_MAILER (self));

  self->require_tls = TRUE;
}

void
clt_mailer_set_poll_interval (CltMailer *self,
                              guint      seconds)
{
  g_return_if_fail (CLT_IS_MAILER (self));
  g_return_if_fail (seconds > 0);

  self->poll_interval = seconds;
  if (self->poll_source != 0)
    {
      g_source_remove (self->poll_source);
      self->poll_source = g_timeout_add_seconds (seconds, on_poll_timeout_cb, self);
    }
}

void
clt_mailer_set_retry_delays (CltMailer   *self,
                             const guint *seconds,
                             guint        n_delays)
{
  g_return_if_fail (CLT_IS_MAILER (self));
  g_return_if_fail (seconds != NULL || n_delays == 0);

  g_array_set_size (self->retry_delays, 0);
  g_array_append_vals (self->retry_delays, seconds, n_delays);
}
