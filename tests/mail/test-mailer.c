/* test-mailer.c — CltMailer against a real SMTP sink on 127.0.0.1, over
 * the SQLite store's outbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "clt-email.h"
#include "clt-mailer-private.h"
#include "clt-shop-preferences.h"
#include "clt-sqlite-store.h"
#include "smtp-sink.h"
#include "sqlite-test-util.h"
#include "sqlite-write-util.h"

#define SENDER "shop@clientele.test"

typedef struct
{
  char          *email_id;
  CltEmailState  state;
  char          *reason;
  gboolean       final;
} Outcome;

typedef struct
{
  StoreFixture  base;
  SmtpSink     *sink;
  CltMailer    *mailer;
  GArray       *outcomes;         /* Outcome */
} Fixture;

static void
outcome_clear (Outcome *outcome)
{
  g_free (outcome->email_id);
  g_free (outcome->reason);
}

static void
on_mail_done_cb (CltMailer     *mailer,
                 const char    *email_id,
                 CltEmailState  state,
                 const char    *reason,
                 gboolean       final,
                 Fixture       *fixture)
{
  Outcome outcome = { g_strdup (email_id), state, g_strdup (reason), final };

  g_array_append_val (fixture->outcomes, outcome);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  store_fixture_setup (&fixture->base, data);
  fixture->outcomes = g_array_new (FALSE, TRUE, sizeof (Outcome));
  g_array_set_clear_func (fixture->outcomes, (GDestroyNotify) outcome_clear);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->mailer != NULL)
    {
      g_autoptr(GAsyncResult) stopped = NULL;

      /* Whatever it was doing finishes first; then nothing keeps it. */
      clt_mailer_stop_async (fixture->mailer, on_result_cb, &stopped);
      g_assert_true (clt_mailer_stop_finish (fixture->mailer, wait_for (&stopped), NULL));
      g_clear_object (&stopped);

      /* A worker thread lets go of its task (and so of the mailer) just
       * after the task's callback ran on the main context: wait for it. */
      g_object_add_weak_pointer (G_OBJECT (fixture->mailer), (gpointer *) &fixture->mailer);
      g_object_unref (fixture->mailer);
      while (fixture->mailer != NULL)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
    }
  g_clear_pointer (&fixture->sink, smtp_sink_free);
  g_clear_pointer (&fixture->outcomes, g_array_unref);
  store_fixture_teardown (&fixture->base, data);
}

/* A credentials file of @mode holding @contents, in the fixture's folder. */
static char *
write_credentials (Fixture    *fixture,
                   const char *contents,
                   int         mode)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->base.dir, "smtp-credentials", NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return path;
}

static CltMailer *
new_mailer (Fixture    *fixture,
            const char *url,
            const char *credentials)
{
  g_autoptr(GError) error = NULL;
  CltMailer *mailer;

  mailer = clt_mailer_new (CLT_MAIL_QUEUE (fixture->base.store), url, credentials, SENDER,
                           &error);
  g_assert_no_error (error);
  g_assert_nonnull (mailer);
  g_signal_connect (mailer, "mail-done", G_CALLBACK (on_mail_done_cb), fixture);
  return mailer;
}

/* Runs the main loop until @n outcomes were recorded (the test's own
 * timeout stops a mailer that never reports). */
static void
wait_outcomes (Fixture *fixture,
               guint    n)
{
  while (fixture->outcomes->len < n)
    g_main_context_iteration (NULL, TRUE);
}

static Outcome *
outcome (Fixture *fixture,
         guint    index)
{
  return &g_array_index (fixture->outcomes, Outcome, index);
}

/* A customer with one mail in the outbox, the verification link (in @link). */
static CltCustomer *
customer_with_link (Fixture     *fixture,
                    const char  *email,
                    char       **link)
{
  g_autoptr(CltCustomer) draft = new_customer (email, "Zoë", "Ångström");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) emails = NULL;
  CltCustomer *stored;
  CltEmail *mail;
  const char *body;
  const char *start;

  stored = create (CLT_STORE (fixture->base.store), draft, NULL, FALSE, &error);
  g_assert_no_error (error);

  emails = list_emails (CLT_STORE (fixture->base.store), clt_customer_get_id (stored));
  mail = find_email (emails, "verification");
  g_assert_nonnull (mail);
  g_assert_cmpint (clt_email_get_state (mail), ==, CLT_EMAIL_STATE_QUEUED);
  g_assert_nonnull (clt_email_get_next_attempt (mail));

  body = clt_email_get_body (mail);
  start = strstr (body, "verify?token=");
  g_assert_nonnull (start);
  *link = g_strndup (start, strcspn (start, "\n"));
  return stored;
}

static CltEmail *
stored_email (Fixture    *fixture,
              const char *customer_id,
              const char *kind)
{
  g_autoptr(GPtrArray) emails = list_emails (CLT_STORE (fixture->base.store), customer_id);
  CltEmail *mail = find_email (emails, kind);

  g_assert_nonnull (mail);
  return g_object_ref (mail);
}

static void
set_shop_name (Fixture    *fixture,
               const char *name)
{
  CltStore *store = CLT_STORE (fixture->base.store);
  g_autoptr(GAsyncResult) got = NULL;
  g_autoptr(GAsyncResult) set = NULL;
  g_autoptr(CltShopPreferences) preferences = NULL;
  g_autoptr(CltShopPreferences) saved = NULL;
  g_autoptr(GError) error = NULL;

  clt_store_get_preferences_async (store, NULL, on_result_cb, &got);
  preferences = clt_store_get_preferences_finish (store, wait_for (&got), &error);
  g_assert_no_error (error);
  clt_shop_preferences_set_shop_name (preferences, name);
  clt_store_set_preferences_async (store, preferences, NULL, on_result_cb, &set);
  saved = clt_store_set_preferences_finish (store, wait_for (&set), &error);
  g_assert_no_error (error);
}

/* The value of header @name in @message (unfolded), or NULL. */
static char *
header (const char *message,
        const char *name)
{
  g_autofree char *prefix = g_strdup_printf ("\r\n%s: ", name);
  g_autofree char *with_start = g_strconcat ("\r\n", message, NULL);
  const char *end_of_headers = strstr (with_start, "\r\n\r\n");
  const char *start = strstr (with_start, prefix);
  GString *value;

  if (start == NULL || start > end_of_headers)
    return NULL;

  value = g_string_new (NULL);
  for (const char *p = start + strlen (prefix); *p != '\0'; p++)
    {
      if (p[0] == '\r' && p[1] == '\n')
        {
          if (p[2] != ' ' && p[2] != '\t')
            break;
          p += 2;           /* unfold: the space stays */
        }
      g_string_append_c (value, *p);
    }

  return g_string_free (value, FALSE);
}

/* Decodes a header made of RFC 2047 B encoded-words (UTF-8) separated by
 * folding white space. */
static char *
decode_words (const char *value)
{
  GString *text = g_string_new (NULL);
  const char *p = value;

  while (*p != '\0')
    {
      const char *end;
      g_autofree char *base64 = NULL;
      g_autofree guchar *raw = NULL;
      gsize length;

      while (*p == ' ')
        p++;
      if (*p == '\0')
        break;
      g_assert_true (g_str_has_prefix (p, "=?UTF-8?B?"));
      p += strlen ("=?UTF-8?B?");
      end = strstr (p, "?=");
      g_assert_nonnull (end);
      /* RFC 2047: an encoded-word is at most 75 characters. */
      g_assert_cmpint (end - p + 12, <=, 75);
      base64 = g_strndup (p, end - p);
      raw = g_base64_decode (base64, &length);
      g_assert_true (g_utf8_validate ((const char *) raw, length, NULL));
      g_string_append_len (text, (const char *) raw, length);
      p = end + 2;
    }

  return g_string_free (text, FALSE);
}

/* The body of @message, quoted-printable decoded, line ends LF. */
static char *
decode_body (const char *message)
{
  const char *body = strstr (message, "\r\n\r\n");
  GString *text = g_string_new (NULL);

  g_assert_nonnull (body);
  body += 4;

  for (const char *p = body; *p != '\0'; p++)
    {
      if (p[0] == '=' && p[1] == '\r' && p[2] == '\n')
        p += 2;                                   /* soft line break */
      else if (p[0] == '=' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          g_string_append_c (text, (char) (g_ascii_xdigit_value (p[1]) * 16 +
                                          g_ascii_xdigit_value (p[2])));
          p += 2;
        }
      else if (p[0] == '\r' && p[1] == '\n')
        {
          g_string_append_c (text, '\n');
          p++;
        }
      else
        {
          g_assert_cmpint (p[0], !=, '=');
          g_string_append_c (text, *p);
        }
    }

  /* The message ends its last line with CRLF. */
  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

static void
assert_crlf_only (const char *message)
{
  for (const char *p = message; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_assert_true (p > message && p[-1] == '\r');
      if (*p == '\r')
        g_assert_true (p[1] == '\n');
    }
}

static void
assert_lines_short (const char *message)
{
  g_auto(GStrv) lines = g_strsplit (message, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpuint (strlen (lines[i]), <=, 78);
}

/* A mail goes out: envelope, headers, the UTF-8 subject, the body with its
 * link; then the outbox says sent and keeps no link. */
static void
test_send (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *link = NULL;
  g_autofree char *credentials = write_credentials (fixture, "mailer@clientele.test\r\nsëcret pw\r\n",
                                                    0600);
  g_autofree char *url = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltEmail) queued = NULL;
  g_autoptr(CltEmail) sent = NULL;
  g_autoptr(SmtpSinkMessage) message = NULL;
  g_autofree char *date = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *subject_text = NULL;
  g_autofree char *body = NULL;
  g_autofree char *from_name = NULL;
  g_autofree char *from_words = NULL;
  const char *secrets[1];

  set_shop_name (fixture, "Café Ünïcode & Söhne");
  customer = customer_with_link (fixture, "zoe@example.org", &link);
  queued = stored_email (fixture, clt_customer_get_id (customer), "verification");

  fixture->sink = smtp_sink_new (SMTP_SINK_ACCEPT, TRUE);
  url = smtp_sink_dup_url (fixture->sink);
  fixture->mailer = new_mailer (fixture, url, credentials);
  g_assert_false (clt_mailer_get_require_tls (fixture->mailer));
  clt_mailer_start (fixture->mailer);
  wait_outcomes (fixture, 1);

  g_assert_cmpstr (outcome (fixture, 0)->email_id, ==, clt_email_get_id (queued));
  g_assert_cmpint (outcome (fixture, 0)->state, ==, CLT_EMAIL_STATE_SENT);
  g_assert_null (outcome (fixture, 0)->reason);
  g_assert_true (outcome (fixture, 0)->final);

  /* What the server got. */
  g_assert_cmpuint (smtp_sink_count (fixture->sink), ==, 1);
  message = smtp_sink_dup_message (fixture->sink, 0);
  g_assert_cmpstr (message->mail_from, ==, "<" SENDER ">");
  g_assert_cmpstr (message->rcpt_to, ==, "<zoe@example.org>");
  g_assert_cmpstr (message->auth, ==, "mailer@clientele.test\nsëcret pw");
  assert_crlf_only (message->data);
  assert_lines_short (message->data);

  date = header (message->data, "Date");
  g_assert_nonnull (date);
  /* "Tue, 03 Mar 2026 10:00:00 +0000" (TZ=UTC in tests) */
  g_assert_true (g_regex_match_simple ("^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} "
                                       "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                                       "[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}$",
                                       date, 0, 0));
  message_id = header (message->data, "Message-ID");
  g_assert_true (g_regex_match_simple ("^<[^@<> ]+@clientele\\.test>$", message_id, 0, 0));
  to = header (message->data, "To");
  g_assert_cmpstr (to, ==, "<zoe@example.org>");
  from = header (message->data, "From");
  g_assert_true (g_str_has_suffix (from, " <" SENDER ">"));
  from_words = g_strndup (from, strlen (from) - strlen (" <" SENDER ">"));
  from_name = decode_words (from_words);
  g_assert_cmpstr (from_name, ==, "Café Ünïcode & Söhne");
  subject = header (message->data, "Subject");
  g_assert_true (g_str_has_prefix (subject, "=?UTF-8?B?"));
  subject_text = decode_words (subject);
  g_assert_cmpstr (subject_text, ==, clt_email_get_subject (queued));
  g_assert_nonnull (strstr (subject_text, "Café Ünïcode & Söhne"));
  g_assert_cmpstr (header (message->data, "MIME-Version"), ==, "1.0");
  g_assert_cmpstr (header (message->data, "Content-Type"), ==, "text/plain; charset=UTF-8");
  g_assert_cmpstr (header (message->data, "Content-Transfer-Encoding"), ==, "quoted-printable");
  body = decode_body (message->data);
  g_assert_cmpstr (body, ==, clt_email_get_body (queued));
  g_assert_nonnull (strstr (body, link));
  g_assert_nonnull (strstr (body, "Zoë Ångström"));

  /* The outbox: sent, one attempt, the link gone. */
  sent = stored_email (fixture, clt_customer_get_id (customer), "verification");
  g_assert_cmpint (clt_email_get_state (sent), ==, CLT_EMAIL_STATE_SENT);
  g_assert_cmpuint (clt_email_get_attempts (sent), ==, 1);
  g_assert_cmpstr (clt_email_get_failure_reason (sent), ==, "");
  g_assert_null (clt_email_get_next_attempt (sent));
  g_assert_null (strstr (clt_email_get_body (sent), "token="));
  g_assert_nonnull (strstr (clt_email_get_body (sent), "[link removed after sending]"));

  /* Nor is it anywhere in the file or its WAL. */
  secrets[0] = link;
  g_assert_true (wait_erased (fixture->base.path, secrets, 1));
}

/* A server that refuses the recipient: failed with its answer, tried again
 * after each delay, then given up with the link scrubbed. */
static void
test_refused_then_given_up (Fixture       *fixture,
                            gconstpointer  data)
{
  static const guint delays[] = { 0, 0 };
  g_autofree char *link = NULL;
  g_autofree char *url = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltEmail) failed = NULL;
  const char *secrets[1];

  customer = customer_with_link (fixture, "nobody@example.net", &link);
  fixture->sink = smtp_sink_new (SMTP_SINK_REFUSE_RECIPIENT, FALSE);
  url = smtp_sink_dup_url (fixture->sink);
  fixture->mailer = new_mailer (fixture, url, NULL);
  clt_mailer_set_retry_delays (fixture->mailer, delays, G_N_ELEMENTS (delays));
  clt_mailer_start (fixture->mailer);
  wait_outcomes (fixture, 3);

  for (guint i = 0; i < 3; i++)
    {
      Outcome *o = outcome (fixture, i);

      g_assert_cmpint (o->state, ==, CLT_EMAIL_STATE_FAILED);
      g_test_message ("reason: %s", o->reason);
      g_assert_nonnull (strstr (o->reason, "refused"));
      g_assert_nonnull (strstr (o->reason, "550 5.1.1 Recipient address rejected"));
      g_assert_cmpint (o->final, ==, i == 2);
    }
  g_assert_cmpuint (smtp_sink_count_rcpt (fixture->sink), ==, 3);
  g_assert_cmpuint (smtp_sink_count (fixture->sink), ==, 0);

  failed = stored_email (fixture, clt_customer_get_id (customer), "verification");
  g_assert_cmpint (clt_email_get_state (failed), ==, CLT_EMAIL_STATE_FAILED);
  g_assert_cmpuint (clt_email_get_attempts (failed), ==, 3);
  g_assert_cmpstr (clt_email_get_failure_reason (failed), ==, outcome (fixture, 2)->reason);
  g_assert_null (clt_email_get_next_attempt (failed));
  g_assert_null (strstr (clt_email_get_body (failed), "token="));

  secrets[0] = link;
  g_assert_true (wait_erased (fixture->base.path, secrets, 1));

  /* Given up: no more attempts, whatever polls come. */
  clt_mailer_set_poll_interval (fixture->mailer, 1);
  {
    g_autoptr(GAsyncResult) none = NULL;
    g_autoptr(GPtrArray) due = NULL;
    g_autoptr(GError) error = NULL;

    clt_mail_queue_next_due_async (CLT_MAIL_QUEUE (fixture->base.store), 10, NULL,
                                   on_result_cb, &none);
    due = clt_mail_queue_next_due_finish (CLT_MAIL_QUEUE (fixture->base.store),
                                          wait_for (&none), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (due->len, ==, 0);
  }
}

/* The first failure is retried after a minute (the default backoff), and
 * the mail keeps its text until then. */
static void
test_backoff (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *link = NULL;
  g_autofree char *url = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltEmail) failed = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  gint64 next;

  customer = customer_with_link (fixture, "later@example.net", &link);
  fixture->sink = smtp_sink_new (SMTP_SINK_REFUSE_RECIPIENT, FALSE);
  url = smtp_sink_dup_url (fixture->sink);
  fixture->mailer = new_mailer (fixture, url, NULL);

  before = g_date_time_new_now_utc ();
  clt_mailer_start (fixture->mailer);
  wait_outcomes (fixture, 1);
  after = g_date_time_new_now_utc ();
  g_assert_false (outcome (fixture, 0)->final);

  failed = stored_email (fixture, clt_customer_get_id (customer), "verification");
  g_assert_cmpint (clt_email_get_state (failed), ==, CLT_EMAIL_STATE_FAILED);
  g_assert_cmpuint (clt_email_get_attempts (failed), ==, 1);
  g_assert_nonnull (strstr (clt_email_get_failure_reason (failed), "550"));
  g_assert_nonnull (clt_email_get_next_attempt (failed));
  next = g_date_time_to_unix (clt_email_get_next_attempt (failed));
  g_assert_cmpint (next, >=, g_date_time_to_unix (before) + 60);
  g_assert_cmpint (next, <=, g_date_time_to_unix (after) + 60 + 1);
  g_assert_nonnull (strstr (clt_email_get_body (failed), link));
  g_assert_cmpuint (smtp_sink_count_rcpt (fixture->sink), ==, 1);
}

/* Nobody listens on the port: failed, with that said. */
static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *link = NULL;
  g_autofree char *url = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltEmail) failed = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  /* A port that was free a moment ago, bound but not listening. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("smtp://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  customer = customer_with_link (fixture, "away@example.com", &link);
  fixture->mailer = new_mailer (fixture, url, NULL);
  clt_mailer_set_retry_delays (fixture->mailer, NULL, 0);
  clt_mailer_start (fixture->mailer);
  wait_outcomes (fixture, 1);

  g_assert_cmpint (outcome (fixture, 0)->state, ==, CLT_EMAIL_STATE_FAILED);
  g_assert_true (outcome (fixture, 0)->final);
  g_assert_nonnull (strstr (outcome (fixture, 0)->reason, "could not be reached"));

  failed = stored_email (fixture, clt_customer_get_id (customer), "verification");
  g_assert_cmpint (clt_email_get_state (failed), ==, CLT_EMAIL_STATE_FAILED);
  g_assert_nonnull (strstr (clt_email_get_failure_reason (failed), "could not be reached"));
  g_assert_null (strstr (clt_email_get_body (failed), link));
}

/* Mail goes out encrypted only: a server without STARTTLS gets nothing. */
static void
test_starttls_required (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *link = NULL;
  g_autofree char *url = NULL;
  g_autoptr(CltCustomer) customer = NULL;

  customer = customer_with_link (fixture, "careful@example.com", &link);
  fixture->sink = smtp_sink_new (SMTP_SINK_ACCEPT, TRUE);
  url = smtp_sink_dup_url (fixture->sink);
  fixture->mailer = new_mailer (fixture, url, NULL);
  clt_mailer_require_tls (fixture->mailer);
  g_assert_true (clt_mailer_get_require_tls (fixture->mailer));
  clt_mailer_start (fixture->mailer);
  wait_outcomes (fixture, 1);

  g_assert_cmpint (outcome (fixture, 0)->state, ==, CLT_EMAIL_STATE_FAILED);
  g_assert_nonnull (strstr (outcome (fixture, 0)->reason, "STARTTLS"));
  g_assert_cmpuint (smtp_sink_count (fixture->sink), ==, 0);
  g_assert_cmpuint (smtp_sink_count_rcpt (fixture->sink), ==, 0);
}

/* A mail handed to the mail app meanwhile is not sent again; a mail
 * queued again by a user is. */
static void
test_handed_off_not_sent (Fixture       *fixture,
                          gconstpointer  data)
{
  CltStore *store = CLT_STORE (fixture->base.store);
  g_autofree char *link = NULL;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(CltEmail) mail = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) due_result = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;

  customer = customer_with_link (fixture, "manual@example.com", &link);
  mail = stored_email (fixture, clt_customer_get_id (customer), "verification");
  clt_store_set_email_state_async (store, clt_email_get_id (mail), CLT_EMAIL_STATE_HANDED_OFF,
                                   NULL, on_result_cb, &result);
  g_assert_true (clt_store_set_email_state_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);

  clt_mail_queue_next_due_async (CLT_MAIL_QUEUE (store), 10, NULL, on_result_cb, &due_result);
  due = clt_mail_queue_next_due_finish (CLT_MAIL_QUEUE (store), wait_for (&due_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 0);
}

/* next_due claims what it returns: a second call gets the rest. */
static void
test_claim (Fixture       *fixture,
            gconstpointer  data)
{
  CltMailQueue *queue = CLT_MAIL_QUEUE (fixture->base.store);
  g_autofree char *link1 = NULL;
  g_autofree char *link2 = NULL;
  g_autoptr(CltCustomer) first = customer_with_link (fixture, "one@example.com", &link1);
  g_autoptr(CltCustomer) second = customer_with_link (fixture, "two@example.com", &link2);
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GPtrArray) due1 = NULL;
  g_autoptr(GPtrArray) due2 = NULL;
  g_autoptr(GPtrArray) due3 = NULL;
  g_autoptr(GError) error = NULL;
  CltEmail *mail;

  clt_mail_queue_next_due_async (queue, 1, NULL, on_result_cb, &r1);
  due1 = clt_mail_queue_next_due_finish (queue, wait_for (&r1), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due1->len, ==, 1);
  mail = g_ptr_array_index (due1, 0);
  g_assert_cmpstr (clt_email_get_customer_id (mail), ==, clt_customer_get_id (first));
  g_assert_nonnull (strstr (clt_email_get_body (mail), link1));

  clt_mail_queue_next_due_async (queue, 10, NULL, on_result_cb, &r2);
  due2 = clt_mail_queue_next_due_finish (queue, wait_for (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due2->len, ==, 1);
  g_assert_cmpstr (clt_email_get_customer_id (g_ptr_array_index (due2, 0)), ==,
                   clt_customer_get_id (second));

  clt_mail_queue_next_due_async (queue, 10, NULL, on_result_cb, &r3);
  due3 = clt_mail_queue_next_due_finish (queue, wait_for (&r3), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due3->len, ==, 0);
}

static void
test_credentials (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *readable = write_credentials (fixture, "user\npassword\n", 0644);
  CltMailer *mailer;

  /* Others may read it: refused, saying how to fix it. */
  mailer = clt_mailer_new (CLT_MAIL_QUEUE (fixture->base.store), "smtp://127.0.0.1:2525",
                           readable, SENDER, &error);
  g_assert_null (mailer);
  g_assert_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "0644"));
  g_assert_nonnull (strstr (error->message, "chmod 600"));
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (readable, 0640), ==, 0);
  g_assert_false (clt_mailer_read_credentials (readable, &user, &password, &error));
  g_assert_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_CREDENTIALS);
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (readable, 0602), ==, 0);
  g_assert_false (clt_mailer_read_credentials (readable, &user, &password, &error));
  g_assert_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_CREDENTIALS);
  g_clear_error (&error);

  /* Owner only: read, a CR before the LF is no part of either line. */
  g_assert_cmpint (g_chmod (readable, 0600), ==, 0);
  g_assert_true (clt_mailer_read_credentials (readable, &user, &password, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (user, ==, "user");
  g_assert_cmpstr (password, ==, "password");
  g_clear_pointer (&user, g_free);
  g_clear_pointer (&password, g_free);

  /* One line only. */
  g_assert_true (g_file_set_contents (readable, "user\n", -1, NULL));
  g_assert_cmpint (g_chmod (readable, 0600), ==, 0);
  g_assert_false (clt_mailer_read_credentials (readable, &user, &password, &error));
  g_assert_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "second"));
  g_clear_error (&error);

  /* Missing. */
  g_assert_false (clt_mailer_read_credentials ("/nonexistent/credentials", &user, &password,
                                               &error));
  g_assert_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_CREDENTIALS);
  g_assert_null (user);
  g_assert_null (password);
}

static void
test_url (Fixture       *fixture,
          gconstpointer  data)
{
  static const struct
  {
    const char *url;
    int         tls;            /* -1: refused */
  } cases[] = {
    { "smtp://127.0.0.1:2525", FALSE },
    { "smtp://localhost", FALSE },
    { "smtp://[::1]:25", FALSE },
    { "smtp://mail.example.com:587", TRUE },
    { "smtps://mail.example.com", TRUE },
    { "smtps://127.0.0.1:465", TRUE },
    { "SMTP://mail.example.com", TRUE },
    { "http://mail.example.com", -1 },
    { "smtp://", -1 },
    { "smtp://user:secret@mail.example.com", -1 },
    { "smtp://mail.example.com/?x=1", -1 },
    { "mail.example.com", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CltMailer) mailer = NULL;

      mailer = clt_mailer_new (CLT_MAIL_QUEUE (fixture->base.store), cases[i].url, NULL, SENDER,
                               &error);
      if (cases[i].tls < 0)
        {
          g_assert_null (mailer);
          g_assert_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_INVALID_URL);
          /* The password of a URL never comes back in a message. */
          g_assert_null (strstr (error->message, "secret"));
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpint (clt_mailer_get_require_tls (mailer), ==, cases[i].tls);
    }

  {
    g_autoptr(GError) error = NULL;
    CltMailer *mailer = clt_mailer_new (CLT_MAIL_QUEUE (fixture->base.store),
                                        "smtp://127.0.0.1", NULL, "not an address", &error);

    g_assert_null (mailer);
    g_assert_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_INVALID_SENDER);
  }
}

/* The message itself: long lines, trailing spaces, dots, bare CR, header
 * injection, a long UTF-8 subject. */
static void
test_message (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 3, 3, 9, 5, 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *message = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *decoded_subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *long_subject = NULL;
  g_autoptr(GString) long_line = g_string_new (NULL);
  g_autofree char *text = NULL;
  gsize length;

  for (guint i = 0; i < 40; i++)
    g_string_append (long_line, "äbcdé=fgh ");
  long_subject = g_strdup_printf ("Grüße aus Köln — %s", "ÄÖÜ äöü ß € 漢字 ✓ and some more words to fold");
  text = g_strdup_printf ("Hello \nline with trailing tab\t\n.\n.leading dot\r\n%s\nend",
                          long_line->str);

  bytes = clt_mailer_build_message (SENDER, "Shop \"Quotes\" \\ Ltd\r\nBcc: evil@example.com",
                                    "ann@example.org", long_subject, text, date, &error);
  g_assert_no_error (error);
  message = g_strndup (g_bytes_get_data (bytes, &length), g_bytes_get_size (bytes));
  g_assert_cmpuint (strlen (message), ==, length);

  assert_crlf_only (message);
  assert_lines_short (message);
  g_assert_cmpstr (header (message, "Date"), ==, "Tue, 03 Mar 2026 09:05:07 +0000");
  g_assert_null (header (message, "Bcc"));
  g_assert_cmpstr (header (message, "From"), ==,
                   "\"Shop \\\"Quotes\\\" \\\\ Ltd  Bcc: evil@example.com\" <" SENDER ">");
  subject = header (message, "Subject");
  decoded_subject = decode_words (subject);
  g_assert_cmpstr (decoded_subject, ==, long_subject);

  body = decode_body (message);
  g_assert_cmpstr (body, ==, "Hello \nline with trailing tab\t\n.\n.leading dot\n"
                   "äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh "
                   "äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh "
                   "äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh "
                   "äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh "
                   "äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh "
                   "äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh äbcdé=fgh \nend");
  /* Trailing white space is encoded, so that no relay strips it. */
  g_assert_nonnull (strstr (message, "Hello=20\r\n"));
  g_assert_nonnull (strstr (message, "tab=09\r\n"));

  /* A recipient that would break the envelope is refused. */
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = clt_mailer_build_message (SENDER, NULL, "ann@example.org>\r\nRCPT TO:<x@y.z",
                                    "Hi", "Hi", date, &error);
  g_assert_null (bytes);
  g_assert_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_INVALID_SENDER);
}

static void
test_stop_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  fixture->sink = smtp_sink_new (SMTP_SINK_ACCEPT, FALSE);
  url = smtp_sink_dup_url (fixture->sink);
  fixture->mailer = new_mailer (fixture, url, NULL);
  clt_mailer_start (fixture->mailer);
  g_assert_true (clt_mailer_get_running (fixture->mailer));
  clt_mailer_stop_async (fixture->mailer, on_result_cb, &result);
  g_assert_true (clt_mailer_stop_finish (fixture->mailer, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_false (clt_mailer_get_running (fixture->mailer));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/clt/mailer/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("send", test_send);
  ADD ("refused-then-given-up", test_refused_then_given_up);
  ADD ("backoff", test_backoff);
  ADD ("unreachable", test_unreachable);
  ADD ("starttls-required", test_starttls_required);
  ADD ("handed-off-not-sent", test_handed_off_not_sent);
  ADD ("claim", test_claim);
  ADD ("credentials", test_credentials);
  ADD ("url", test_url);
  ADD ("stop-async", test_stop_async);
  g_test_add_func ("/clt/mailer/message", test_message);

  return g_test_run ();
}
