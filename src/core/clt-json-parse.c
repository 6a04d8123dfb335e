/* clt-json-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading a body that anybody may have sent: the bytes are checked before
 * json-glib sees them, because json-glib 1.6 is lenient where a server
 * must not be (it reads comments and single-quoted strings, wraps an
 * integer that overflows 64 bits, cuts a string at "\u0000") and recurses
 * once per nesting level. And the change feed.
 */

#define G_LOG_DOMAIN "clt-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "clt-enum-types.h"
#include "clt-json-private.h"

/* A number longer than this is not one we could hold exactly anyway. */
#define MAX_NUMBER_LENGTH 64

static GEnumClass *
change_kind_class (void)
{
  static GEnumClass *klass;

  /* Kept for good: the enum's values are static data anyway. */
  if (g_once_init_enter (&klass))
    g_once_init_leave (&klass, g_type_class_ref (CLT_TYPE_CHANGE_KIND));

  return klass;
}

static gboolean
fail (GError     **error,
      const char  *message)
{
  clt_json_set_invalid (error, NULL, NULL, message);
  return FALSE;
}

static gboolean
is_hex (char c)
{
  return g_ascii_isxdigit (c);
}

/* Skips the string that starts at data[*i] (its opening quote); leaves
 * *i after the closing quote. */
static gboolean
scan_string (const char  *data,
             gsize        length,
             gsize       *i,
             GError     **error)
{
  gsize at = *i + 1;

  while (at < length)
    {
      guchar c = (guchar) data[at];

      if (c == '"')
        {
          *i = at + 1;
          return TRUE;
        }

      if (c < 0x20)
        return fail (error, _("The body is not valid JSON: a text holds a control character."));

      if (c != '\\')
        {
          at++;
          continue;
        }

      if (at + 1 >= length)
        break;

      switch (data[at + 1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          at += 2;
          break;

        case 'u':
          if (at + 5 >= length
              || !is_hex (data[at + 2]) || !is_hex (data[at + 3])
              || !is_hex (data[at + 4]) || !is_hex (data[at + 5]))
            return fail (error, _("The body is not valid JSON: a text holds a broken \\u escape."));
          if (memcmp (data + at + 2, "0000", 4) == 0)
            return fail (error, _("A text in the body holds a NUL character."));
          at += 6;
          break;

        default:
          return fail (error, _("The body is not valid JSON: a text holds an unknown escape."));
        }
    }

  return fail (error, _("The body is not valid JSON: a text does not end."));
}

/* Checks the number that starts at data[*i]; leaves *i after it. */
static gboolean
scan_number (const char  *data,
             gsize        length,
             gsize       *i,
             GError     **error)
{
  gsize start = *i;
  gsize end = start;
  gboolean fraction = FALSE;
  g_autofree char *text = NULL;

  while (end < length && strchr ("0123456789+-.eE", data[end]) != NULL && data[end] != '\0')
    {
      if (data[end] == '.' || data[end] == 'e' || data[end] == 'E')
        fraction = TRUE;
      end++;
    }

  if (end - start > MAX_NUMBER_LENGTH)
    return fail (error, _("A number in the body is too long."));

  text = g_strndup (data + start, end - start);
  if (fraction)
    {
      char *rest = NULL;
      double number = g_ascii_strtod (text, &rest);

      if (rest == text || *rest != '\0')
        return fail (error, _("The body is not valid JSON: a number is malformed."));
      if (!isfinite (number))
        return fail (error, _("A number in the body is too large."));
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, NULL, &local_error))
        {
          if (g_error_matches (local_error, G_NUMBER_PARSER_ERROR,
                               G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
            return fail (error, _("A number in the body is too large."));
          return fail (error, _("The body is not valid JSON: a number is malformed."));
        }
    }

  *i = end;
  return TRUE;
}

static gboolean
scan_word (const char  *data,
           gsize        length,
           gsize       *i,
           GError     **error)
{
  static const char * const words[] = { "true", "false", "null" };

  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      gsize word_length = strlen (words[w]);

      if (length - *i >= word_length && memcmp (data + *i, words[w], word_length) == 0)
        {
          *i += word_length;
          return TRUE;
        }
    }

  return fail (error, _("The body is not valid JSON."));
}

/* Checks, without building anything, that @data is UTF-8 made only of
 * what JSON allows, one value nested at most @max_depth deep with its
 * brackets matched, and not empty. */
static gboolean
scan (const char  *data,
      gsize        length,
      guint        max_depth,
      GError     **error)
{
  g_autofree char *open = g_malloc (MAX (max_depth, 1));
  gsize i = 0;
  guint depth = 0;
  gboolean any = FALSE;

  /* Also refuses NUL bytes. */
  if (!g_utf8_validate_len (data, length, NULL))
    return fail (error, _("The body is not valid UTF-8 text."));

  while (i < length)
    {
      char c = data[i];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          i++;
          continue;
        }

      /* json-glib 1.6 reads "[1] [2]" as one value. */
      if (any && depth == 0)
        return fail (error, _("The body is not valid JSON: it holds more than one value."));

      switch (c)
        {
        case '{': case '[':
          if (depth >= max_depth)
            {
              g_autofree char *message =
                g_strdup_printf (_("The body nests deeper than %u levels."), max_depth);
              return fail (error, message);
            }
          open[depth++] = c;
          i++;
          break;

        case '}': case ']':
          if (depth == 0 || open[depth - 1] != (c == '}' ? '{' : '['))
            return fail (error, _("The body is not valid JSON: its brackets do not match."));
          depth--;
          i++;
          break;

        case ':': case ',':
          i++;
          break;

        case '"':
          if (!scan_string (data, length, &i, error))
            return FALSE;
          break;

        case '-': case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          if (!scan_number (data, length, &i, error))
            return FALSE;
          break;

        case 't': case 'f': case 'n':
          if (!scan_word (data, length, &i, error))
            return FALSE;
          break;

        default:
          return fail (error, _("The body is not valid JSON."));
        }

      any = TRUE;
    }

  if (!any)
    return fail (error, _("The body is empty."));
  if (depth > 0)
    return fail (error, _("The body is not valid JSON: it ends too early."));

  return TRUE;
}

/**
 * clt_json_parse:
 * @data: (array length=length): the bytes, not NUL-terminated
 * @length: how many
 * @max_depth: the deepest nesting of arrays and objects allowed
 * @error: CLT_STORE_ERROR_INVALID (no field) saying what is wrong
 *
 * Returns: (transfer full) (nullable): the root node
 */
JsonNode *
clt_json_parse (const char  *data,
                gsize        length,
                guint        max_depth,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL || !scan (data, length, max_depth, error))
    {
      if (data == NULL)
        fail (error, _("The body is empty."));
      return NULL;
    }

  if (length > G_MAXSSIZE)
    {
      fail (error, _("The body is too large."));
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_autofree char *message = g_strdup_printf (_("The body is not valid JSON: %s"),
                                                  local_error->message);
      fail (error, message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      fail (error, _("The body is empty."));
      return NULL;
    }

  return json_node_ref (root);
}

/**
 * clt_json_to_string:
 * @node: a JSON node
 *
 * Returns: (transfer full): @node as compact JSON text
 */
char *
clt_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/**
 * clt_json_change_new:
 * @seq: the change's sequence number
 * @kind: what changed
 * @id: (nullable): of what (NULL for CLT_CHANGE_CUSTOMERS)
 *
 * Returns: (transfer full): {"seq", "kind", "id"} (id null when NULL)
 */
JsonNode *
clt_json_change_new (gint64         seq,
                     CltChangeKind  kind,
                     const char    *id)
{
  GEnumClass *klass = change_kind_class ();
  GEnumValue *value = g_enum_get_value (klass, kind);
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (value != NULL, NULL);

  object = json_object_new ();
  json_object_set_int_member (object, "seq", seq);
  json_object_set_string_member (object, "kind", value->value_nick);
  if (id != NULL)
    json_object_set_string_member (object, "id", id);
  else
    json_object_set_null_member (object, "id");

  /* The node takes the object (json_node_init_object () would add a
   * reference, and the object would outlive the node). */
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * clt_json_change_parse:
 * @node: (nullable): a change as clt_json_change_new () writes it
 * @seq: (out): its sequence number
 * @kind: (out): what changed
 * @id: (out) (transfer full) (nullable): of what
 * @error: CLT_STORE_ERROR_INVALID naming the member at fault
 *
 * Returns: whether @node is a change
 */
gboolean
clt_json_change_parse (JsonNode       *node,
                       gint64         *seq,
                       CltChangeKind  *kind,
                       char          **id,
                       GError        **error)
{
  GEnumClass *klass = change_kind_class ();
  g_autoptr(GList) names = NULL;
  GEnumValue *kind_value = NULL;
  const char *change_id = NULL;
  gint64 change_seq = -1;
  JsonObject *object;

  g_return_val_if_fail (seq != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, _("Expected a JSON object."));

  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (object, name);
      gboolean is_string = JSON_NODE_HOLDS_VALUE (value)
                           && json_node_get_value_type (value) == G_TYPE_STRING;

      if (g_str_equal (name, "seq"))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64
              || json_node_get_int (value) < 0)
            {
              clt_json_set_invalid (error, NULL, "seq",
                                    _("“seq” must be a whole number, 0 or more."));
              return FALSE;
            }
          change_seq = json_node_get_int (value);
        }
      else if (g_str_equal (name, "kind"))
        {
          if (is_string)
            kind_value = g_enum_get_value_by_nick (klass, json_node_get_string (value));
          if (kind_value == NULL)
            {
              clt_json_set_invalid (error, NULL, "kind",
                                    _("“kind” is not one of the values it may have."));
              return FALSE;
            }
        }
      else if (g_str_equal (name, "id"))
        {
          if (JSON_NODE_HOLDS_NULL (value))
            change_id = NULL;
          else if (is_string && clt_json_check_text (json_node_get_string (value)))
            change_id = json_node_get_string (value);
          else
            {
              clt_json_set_invalid (error, NULL, "id", _("“id” must be text."));
              return FALSE;
            }
        }
      else
        {
          g_autofree char *shown = g_utf8_make_valid (name, -1);
          g_autofree char *message = g_strdup_printf (_("“%s” is not a known member."), shown);

          clt_json_set_invalid (error, NULL, name, message);
          return FALSE;
        }
    }

  if (change_seq < 0)
    {
      clt_json_set_invalid (error, NULL, "seq", _("The change has no “seq”."));
      return FALSE;
    }
  if (kind_value == NULL)
    {
      clt_json_set_invalid (error, NULL, "kind", _("The change has no “kind”."));
      return FALSE;
    }

  *seq = change_seq;
  *kind = kind_value->value;
  *id = g_strdup (change_id);
  return TRUE;
}
