/* smtp-sink.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "smtp-sink.h"

struct _SmtpSink
{
  GSocketService *service;
  guint16         port;
  SmtpSinkMode    mode;
  gboolean        offer_auth;

  GMutex          lock;
  GPtrArray      *messages;       /* SmtpSinkMessage */
  guint           n_rcpt;
};

void
smtp_sink_message_free (SmtpSinkMessage *message)
{
  g_free (message->mail_from);
  g_free (message->rcpt_to);
  g_free (message->data);
  g_free (message->auth);
  g_free (message);
}

static gboolean
reply (GOutputStream *out,
       const char    *text)
{
  return g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
}

/* A line without its CRLF; NULL at the end of the stream. */
static char *
read_line (GDataInputStream *in)
{
  char *line = g_data_input_stream_read_line (in, NULL, NULL, NULL);

  if (line != NULL)
    g_strchomp (line);
  return line;
}

static char *
decode_auth_plain (const char *base64)
{
  gsize length = 0;
  g_autofree guchar *raw = g_base64_decode (base64, &length);
  g_autofree char *text = NULL;
  const char *user;
  const char *password;

  /* authzid NUL user NUL password */
  if (length < 2)
    return g_strdup ("");
  text = g_malloc0 (length + 1);
  memcpy (text, raw, length);
  user = text + strlen (text) + 1;
  if (user >= text + length)
    return g_strdup ("");
  password = user + strlen (user) + 1;
  if (password > text + length)
    return g_strdup ("");

  return g_strdup_printf ("%s\n%s", user, password);
}

/* One connection, on a thread of the service. */
static gboolean
on_run_cb (GThreadedSocketService *service,
           GSocketConnection      *connection,
           GObject                *source,
           gpointer                user_data)
{
  SmtpSink *sink = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(SmtpSinkMessage) message = g_new0 (SmtpSinkMessage, 1);
  g_autofree char *auth = NULL;

  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_LF);

  if (!reply (out, "220 sink.test ESMTP ready\r\n"))
    return TRUE;

  for (;;)
    {
      g_autofree char *line = read_line (in);
      g_autofree char *upper = NULL;

      if (line == NULL)
        break;
      upper = g_ascii_strup (line, -1);

      if (g_str_has_prefix (upper, "EHLO"))
        reply (out, sink->offer_auth ? "250-sink.test\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n"
                                     : "250-sink.test\r\n250 8BITMIME\r\n");
      else if (g_str_has_prefix (upper, "HELO"))
        reply (out, "250 sink.test\r\n");
      else if (g_str_has_prefix (upper, "AUTH PLAIN"))
        {
          const char *argument = line + strlen ("AUTH PLAIN");
          g_autofree char *response = NULL;

          while (*argument == ' ')
            argument++;
          if (*argument == '\0')
            {
              reply (out, "334 \r\n");
              response = read_line (in);
              if (response == NULL)
                break;
              argument = response;
            }
          g_free (auth);
          auth = decode_auth_plain (argument);
          reply (out, "235 2.7.0 Authentication successful\r\n");
        }
      else if (g_str_has_prefix (upper, "MAIL FROM:"))
        {
          g_free (message->mail_from);
          message->mail_from = g_strdup (line + strlen ("MAIL FROM:"));
          /* SIZE=… and other parameters follow the address. */
          if (strchr (message->mail_from, ' ') != NULL)
            *strchr (message->mail_from, ' ') = '\0';
          reply (out, "250 2.1.0 Ok\r\n");
        }
      else if (g_str_has_prefix (upper, "RCPT TO:"))
        {
          g_mutex_lock (&sink->lock);
          sink->n_rcpt++;
          g_mutex_unlock (&sink->lock);

          if (sink->mode == SMTP_SINK_REFUSE_RECIPIENT)
            reply (out, "550 5.1.1 Recipient address rejected: no such mailbox\r\n");
          else
            {
              g_free (message->rcpt_to);
              message->rcpt_to = g_strdup (line + strlen ("RCPT TO:"));
              reply (out, "250 2.1.5 Ok\r\n");
            }
        }
      else if (g_str_equal (upper, "DATA"))
        {
          g_autoptr(GString) data = g_string_new (NULL);
          gboolean ended = FALSE;

          reply (out, "354 End data with <CR><LF>.<CR><LF>\r\n");
          for (;;)
            {
              /* Kept as sent: the CR before each LF too. */
              g_autofree char *raw = g_data_input_stream_read_upto (in, "\n", 1, NULL, NULL, NULL);
              const char *text;

              if (raw == NULL || g_data_input_stream_read_byte (in, NULL, NULL) != '\n')
                break;
              if (g_str_equal (raw, ".\r"))
                {
                  ended = TRUE;
                  break;
                }
              text = raw[0] == '.' ? raw + 1 : raw;
              g_string_append (data, text);
              g_string_append_c (data, '\n');
            }
          if (!ended)
            break;

          message->data = g_string_free (g_steal_pointer (&data), FALSE);
          message->auth = g_strdup (auth);
          g_mutex_lock (&sink->lock);
          g_ptr_array_add (sink->messages, g_steal_pointer (&message));
          g_mutex_unlock (&sink->lock);
          message = g_new0 (SmtpSinkMessage, 1);
          reply (out, "250 2.0.0 Ok: queued\r\n");
        }
      else if (g_str_equal (upper, "RSET"))
        {
          smtp_sink_message_free (message);
          message = g_new0 (SmtpSinkMessage, 1);
          reply (out, "250 2.0.0 Ok\r\n");
        }
      else if (g_str_equal (upper, "NOOP"))
        reply (out, "250 2.0.0 Ok\r\n");
      else if (g_str_equal (upper, "QUIT"))
        {
          reply (out, "221 2.0.0 Bye\r\n");
          break;
        }
      else
        reply (out, "502 5.5.2 Command not recognized\r\n");
    }

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

SmtpSink *
smtp_sink_new (SmtpSinkMode mode,
               gboolean     offer_auth)
{
  SmtpSink *sink = g_new0 (SmtpSink, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  sink->mode = mode;
  sink->offer_auth = offer_auth;
  g_mutex_init (&sink->lock);
  sink->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) smtp_sink_message_free);

  sink->service = g_threaded_socket_service_new (4);
  g_socket_listener_add_address (G_SOCKET_LISTENER (sink->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &effective, &error);
  g_assert_no_error (error);
  sink->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (sink->service, "run", G_CALLBACK (on_run_cb), sink);
  g_socket_service_start (sink->service);

  return sink;
}

void
smtp_sink_free (SmtpSink *sink)
{
  g_socket_service_stop (sink->service);
  g_socket_listener_close (G_SOCKET_LISTENER (sink->service));
  g_signal_handlers_disconnect_by_data (sink->service, sink);
  g_clear_object (&sink->service);
  g_ptr_array_unref (sink->messages);
  g_mutex_clear (&sink->lock);
  g_free (sink);
}

guint16
smtp_sink_get_port (SmtpSink *sink)
{
  return sink->port;
}

char *
smtp_sink_dup_url (SmtpSink *sink)
{
  return g_strdup_printf ("smtp://127.0.0.1:%u", sink->port);
}

guint
smtp_sink_count (SmtpSink *sink)
{
  guint n;

  g_mutex_lock (&sink->lock);
  n = sink->messages->len;
  g_mutex_unlock (&sink->lock);
  return n;
}

guint
smtp_sink_count_rcpt (SmtpSink *sink)
{
  guint n;

  g_mutex_lock (&sink->lock);
  n = sink->n_rcpt;
  g_mutex_unlock (&sink->lock);
  return n;
}

SmtpSinkMessage *
smtp_sink_dup_message (SmtpSink *sink,
                       guint     index)
{
  SmtpSinkMessage *copy = g_new0 (SmtpSinkMessage, 1);
  SmtpSinkMessage *message;

  g_mutex_lock (&sink->lock);
  g_assert_cmpuint (index, <, sink->messages->len);
  message = g_ptr_array_index (sink->messages, index);
  copy->mail_from = g_strdup (message->mail_from);
  copy->rcpt_to = g_strdup (message->rcpt_to);
  copy->data = g_strdup (message->data);
  copy->auth = g_strdup (message->auth);
  g_mutex_unlock (&sink->lock);

  return copy;
}
