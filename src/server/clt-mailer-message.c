/* clt-mailer-message.c
 *
 * The message CltMailer sends (RFC 5322, MIME) and its credentials file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-mailer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "clt-mailer-private.h"
#include "clt-validate.h"

#define MAX_CREDENTIALS_SIZE 4096
/* RFC 5322 lines should stay within 78 characters; RFC 2047 encoded-words
 * within 75: at most 45 bytes of text (60 of base64, 72 with "=?UTF-8?B?"
 * and "?="). */
#define LINE_MAX_CHARS     78
#define ENCODED_WORD_BYTES 45
#define ENCODED_WORD_EXTRA 12
/* RFC 2045: quoted-printable lines are at most 76 characters. */
#define QP_LINE_MAX 76

static const char * const week_days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char * const months[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

const char *
clt_mailer_address_domain (const char *address)
{
  const char *at = address != NULL ? strrchr (address, '@') : NULL;

  return at != NULL ? at + 1 : "";
}

/* RFC 5322 date-time, in English whatever the locale. */
static char *
format_date (GDateTime *date)
{
  g_autofree char *rest = g_date_time_format (date, "%H:%M:%S %z");

  return g_strdup_printf ("%s, %02d %s %04d %s",
                          week_days[g_date_time_get_day_of_week (date) - 1],
                          g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1],
                          g_date_time_get_year (date), rest);
}

/* Header text on one line: control characters (a CR or LF would start a
 * header of its own) become spaces. */
static char *
one_line (const char *text)
{
  GString *line = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    g_string_append_c (line, ((guchar) *p < 0x20 || *p == 0x7f) ? ' ' : *p);

  return g_string_free (line, FALSE);
}

static gboolean
is_printable_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p > 0x7e)
      return FALSE;
  return TRUE;
}

char *
clt_mailer_encode_header (const char *text,
                          gsize       first_line_used)
{
  g_autofree char *clean = one_line (text);
  GString *out;
  const char *p;

  /* 998 characters is the hard limit of a line; ASCII this long is
   * encoded (and so folded) too. */
  if (is_printable_ascii (clean) && first_line_used + strlen (clean) <= 900)
    return g_steal_pointer (&clean);

  if (!g_utf8_validate (clean, -1, NULL))
    {
      char *valid = g_utf8_make_valid (clean, -1);

      g_free (clean);
      clean = valid;
    }

  out = g_string_new (NULL);
  p = clean;
  while (*p != '\0')
    {
      /* The first word shares its line with the header's name, the others
       * follow a folding space. */
      gsize used = out->len == 0 ? first_line_used : 1;
      gsize room = LINE_MAX_CHARS > used + ENCODED_WORD_EXTRA + 8
                 ? (LINE_MAX_CHARS - used - ENCODED_WORD_EXTRA) / 4 * 3 : 6;
      gsize max_bytes = MIN (room, ENCODED_WORD_BYTES);
      const char *end = p;
      g_autofree char *base64 = NULL;

      /* Whole characters only: a word must decode on its own. */
      while (*end != '\0')
        {
          const char *next = g_utf8_next_char (end);

          if ((gsize) (next - p) > max_bytes && end != p)
            break;
          end = next;
        }

      base64 = g_base64_encode ((const guchar *) p, end - p);
      if (out->len > 0)
        g_string_append (out, "\r\n ");
      g_string_append_printf (out, "=?UTF-8?B?%s?=", base64);
      p = end;
    }

  return g_string_free (out, FALSE);
}

/* The display name of From: a quoted string when ASCII, else encoded. */
static char *
format_mailbox (const char *name,
                const char *address)
{
  g_autofree char *clean = one_line (name);
  g_autoptr(GString) quoted = NULL;

  if (clean[0] == '\0')
    return g_strdup_printf ("<%s>", address);

  if (!is_printable_ascii (clean) || strlen (clean) > 200)
    {
      g_autofree char *encoded = clt_mailer_encode_header (clean, 6);

      return g_strdup_printf ("%s <%s>", encoded, address);
    }

  quoted = g_string_new ("\"");
  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');

  return g_strdup_printf ("%s <%s>", quoted->str, address);
}

/* RFC 2045 quoted-printable of @body, lines ending in CRLF (whatever they
 * ended in before). */
static void
append_quoted_printable (GString    *out,
                         const char *body)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *unix_body = NULL;
  g_autoptr(GString) normal = g_string_new (body);

  g_string_replace (normal, "\r\n", "\n", 0);
  g_string_replace (normal, "\r", "\n", 0);
  unix_body = g_string_free (g_steal_pointer (&normal), FALSE);
  lines = g_strsplit (unix_body, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const guchar *line = (const guchar *) lines[i];
      gsize length = strlen (lines[i]);
      gsize column = 0;

      for (gsize j = 0; j < length; j++)
        {
          guchar c = line[j];
          gboolean last = j + 1 == length;
          char piece[4];
          gsize piece_len;

          if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last))
            {
              piece[0] = c;
              piece_len = 1;
            }
          else
            {
              g_snprintf (piece, sizeof piece, "=%02X", c);
              piece_len = 3;
            }

          /* A soft line break ("=" at the end) keeps lines short; room is
           * left for it unless this is the line's last piece. */
          if (column + piece_len > QP_LINE_MAX - (last ? 0 : 1))
            {
              g_string_append (out, "=\r\n");
              column = 0;
            }
          g_string_append_len (out, piece, piece_len);
          column += piece_len;
        }

      if (lines[i + 1] != NULL)
        g_string_append (out, "\r\n");
    }
  g_string_append (out, "\r\n");
}

static gboolean
check_address (const char  *address,
               const char  *what,
               GError     **error)
{
  g_autofree char *message = NULL;

  for (const char *p = address; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == '<' || *p == '>' || *p == 0x7f)
      {
        g_set_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_INVALID_SENDER,
                     _("The %s address is not a valid email address."), what);
        return FALSE;
      }

  if (!clt_validate_email (address, &message))
    {
      g_set_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_INVALID_SENDER,
                   _("The %s address is not a valid email address: %s"), what, message);
      return FALSE;
    }

  return TRUE;
}

GBytes *
clt_mailer_build_message (const char  *sender,
                          const char  *sender_name,
                          const char  *recipient,
                          const char  *subject,
                          const char  *body,
                          GDateTime   *date,
                          GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *from = NULL;
  g_autofree char *subject_text = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  GString *message;
  gsize length;

  g_return_val_if_fail (sender != NULL, NULL);
  g_return_val_if_fail (recipient != NULL, NULL);

  /* Translators: "sender" and "recipient" fill "The %s address is not a
   * valid email address." */
  if (!check_address (sender, _("sender"), error) ||
      !check_address (recipient, _("recipient"), error))
    return NULL;

  if (date == NULL)
    date = now = g_date_time_new_now_local ();
  date_text = format_date (date);
  from = format_mailbox (sender_name, sender);
  subject_text = clt_mailer_encode_header (subject, strlen ("Subject: "));

  message = g_string_new (NULL);
  g_string_append_printf (message, "Date: %s\r\n", date_text);
  g_string_append_printf (message, "Message-ID: <%s@%s>\r\n", uuid,
                          clt_mailer_address_domain (sender));
  g_string_append_printf (message, "From: %s\r\n", from);
  g_string_append_printf (message, "To: <%s>\r\n", recipient);
  g_string_append_printf (message, "Subject: %s\r\n", subject_text);
  g_string_append (message, "MIME-Version: 1.0\r\n");
  g_string_append (message, "Content-Type: text/plain; charset=UTF-8\r\n");
  g_string_append (message, "Content-Transfer-Encoding: quoted-printable\r\n");
  /* RFC 3834: written by a program, so that auto-replies stay away. */
  g_string_append (message, "Auto-Submitted: auto-generated\r\n");
  g_string_append (message, "\r\n");
  append_quoted_printable (message, body != NULL ? body : "");

  length = message->len;
  return g_bytes_new_take (g_string_free (message, FALSE), length);
}

gboolean
clt_mailer_read_credentials (const char  *path,
                             char       **user,
                             char       **password,
                             GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);
  char buffer[MAX_CREDENTIALS_SIZE + 1];
  struct stat st;
  gssize n_read;
  gsize total = 0;
  char *newline;
  char *second;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_CREDENTIALS,
                   _("The mail credentials file “%s” cannot be opened: %s"),
                   name, g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_CREDENTIALS,
                   _("The mail credentials “%s” are not a regular file."), name);
      close (fd);
      return FALSE;
    }

  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      g_set_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_CREDENTIALS,
                   _("The mail credentials file “%s” may be read or changed by other users "
                     "(its mode is %04o): make it readable by its owner only "
                     "(chmod 600 “%s”)."),
                   name, (unsigned) (st.st_mode & 07777), name);
      close (fd);
      return FALSE;
    }

  while (total < sizeof buffer - 1 &&
         ((n_read = read (fd, buffer + total, sizeof buffer - 1 - total)) > 0 ||
          (n_read < 0 && errno == EINTR)))
    if (n_read > 0)
      total += n_read;
  close (fd);
  buffer[total] = '\0';

  if (total >= MAX_CREDENTIALS_SIZE || strlen (buffer) != total)
    {
      explicit_bzero (buffer, sizeof buffer);
      g_set_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_CREDENTIALS,
                   _("The mail credentials file “%s” is not two lines of text "
                     "(the user name, then the password)."), name);
      return FALSE;
    }

  /* First line the user, second the password; a CR before the LF is no
   * part of either. */
  newline = strchr (buffer, '\n');
  second = newline != NULL ? newline + 1 : NULL;
  if (newline != NULL)
    *newline = '\0';
  if (second != NULL && (newline = strchr (second, '\n')) != NULL)
    *newline = '\0';
  g_strchomp (buffer);
  if (second != NULL)
    {
      gsize len = strlen (second);

      if (len > 0 && second[len - 1] == '\r')
        second[len - 1] = '\0';
    }

  if (buffer[0] == '\0' || second == NULL || second[0] == '\0')
    {
      explicit_bzero (buffer, sizeof buffer);
      g_set_error (error, CLT_MAILER_ERROR, CLT_MAILER_ERROR_CREDENTIALS,
                   _("The mail credentials file “%s” must hold the user name on its first "
                     "line and the password on its second."), name);
      return FALSE;
    }

  *user = g_strdup (buffer);
  *password = g_strdup (second);
  explicit_bzero (buffer, sizeof buffer);
  return TRUE;
}
