/* clt-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "clt-address.h"
#include "clt-backoffice-user.h"
#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-customer-details.h"
#include "clt-customer-private.h"
#include "clt-email.h"
#include "clt-assisted-session.h"
#include "clt-group.h"
#include "clt-import-report.h"
#include "clt-json-private.h"
#include "clt-marketing-record.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-shop-preferences.h"
#include "clt-site.h"

typedef struct
{
  const char    *property;
  const char    *member;   /* NULL: the property's name in camelCase */
  CltJsonAccess  access;
} Rule;

typedef struct
{
  GType          (*get_type) (void);
  const Rule      *rules;
  guint            n_rules;
  CltJsonAccess    default_access;   /* of the properties @rules does not name */

  /* Built on first use, then shared by all threads. */
  gsize            ready;
  CltJsonMember   *members;
  guint            n_members;
} TypeInfo;

static const Rule customer_rules[] = {
  { "loaded", NULL, CLT_JSON_ACCESS_INTERNAL },
  { "id", NULL, CLT_JSON_ACCESS_CREATE_ONLY },
  { "number", "customerNumber", CLT_JSON_ACCESS_READ_ONLY },
  { "email", NULL, CLT_JSON_ACCESS_CREATE_ONLY },
  { "locale", "preferredLanguage", CLT_JSON_ACCESS_WRITABLE },
  { "currency", "preferredCurrency", CLT_JSON_ACCESS_WRITABLE },
  { "registered", "createdAt", CLT_JSON_ACCESS_READ_ONLY },
  { "updated", "updatedAt", CLT_JSON_ACCESS_READ_ONLY },
  { "last-login", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "anonymized-at", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "zip-code", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "city", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "country", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "version", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "status", NULL, CLT_JSON_ACCESS_OUTPUT },
};

static const Rule address_rules[] = {
  { "id", NULL, CLT_JSON_ACCESS_CREATE_ONLY },
  { "customer-id", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "version", NULL, CLT_JSON_ACCESS_READ_ONLY },
};

static const Rule note_rules[] = {
  { "id", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "customer-id", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "author", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "created", "createdAt", CLT_JSON_ACCESS_READ_ONLY },
};

/* Orders and emails are written by the shop and the outbox, never by a
 * body: everything is read-only. */
static const Rule created_rules[] = {
  { "created", "createdAt", CLT_JSON_ACCESS_READ_ONLY },
};

static const Rule code_rules[] = {
  { "code", NULL, CLT_JSON_ACCESS_CREATE_ONLY },
  { "version", NULL, CLT_JSON_ACCESS_READ_ONLY },
};

static const Rule company_rules[] = {
  { "id", NULL, CLT_JSON_ACCESS_CREATE_ONLY },
  { "version", NULL, CLT_JSON_ACCESS_READ_ONLY },
};

static const Rule custom_field_rules[] = {
  { "key", NULL, CLT_JSON_ACCESS_CREATE_ONLY },
  { "version", NULL, CLT_JSON_ACCESS_READ_ONLY },
};

/* The local role belongs to the machine that holds the file, not to a
 * remote client. */
static const Rule preferences_rules[] = {
  { "version", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "local-role", NULL, CLT_JSON_ACCESS_READ_ONLY },
};

/* Nobody sets their own role. */
static const Rule user_rules[] = {
  { "username", NULL, CLT_JSON_ACCESS_READ_ONLY },
  { "role", NULL, CLT_JSON_ACCESS_READ_ONLY },
};

#define RULES(r) r, G_N_ELEMENTS (r)

static TypeInfo types[] = {
  { clt_customer_get_type, RULES (customer_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_address_get_type, RULES (address_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_note_get_type, RULES (note_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_order_get_type, RULES (created_rules), CLT_JSON_ACCESS_READ_ONLY },
  { clt_email_get_type, RULES (created_rules), CLT_JSON_ACCESS_READ_ONLY },
  { clt_site_get_type, RULES (code_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_group_get_type, RULES (code_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_company_get_type, RULES (company_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_custom_field_get_type, RULES (custom_field_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_shop_preferences_get_type, RULES (preferences_rules), CLT_JSON_ACCESS_WRITABLE },
  { clt_backoffice_user_get_type, RULES (user_rules), CLT_JSON_ACCESS_WRITABLE },
  /* Made by the store, never by a body. */
  { clt_assisted_session_get_type, NULL, 0, CLT_JSON_ACCESS_READ_ONLY },
  /* Written by imports, like orders. */
  { clt_marketing_record_get_type, NULL, 0, CLT_JSON_ACCESS_READ_ONLY },
};

/* Members {{{ */

static char *
camel_case (const char *name)
{
  GString *member = g_string_sized_new (strlen (name));

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '-' && p[1] != '\0')
        g_string_append_c (member, g_ascii_toupper (*++p));
      else
        g_string_append_c (member, *p);
    }

  return g_string_free (member, FALSE);
}

/* The class whose get_property () reads @pspec, when writing may call it
 * directly (the class of a mapped type and its parents stay referenced). */
static GObjectClass *
direct_getter (GParamSpec *pspec)
{
  GObjectClass *klass = g_type_class_peek (pspec->owner_type);

  if (klass == NULL || klass->get_property == NULL || G_IS_PARAM_SPEC_OVERRIDE (pspec) ||
      (pspec->flags & G_PARAM_READABLE) == 0)
    return NULL;

  return klass;
}

static void
build_members (TypeInfo *info)
{
  GObjectClass *klass = g_type_class_ref (info->get_type ());
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  /* The class stays referenced: its param specs live in the table. */
  pspecs = g_object_class_list_properties (klass, &n_pspecs);
  info->members = g_new0 (CltJsonMember, n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      const Rule *rule = NULL;
      CltJsonMember *member;

      for (guint j = 0; j < info->n_rules; j++)
        if (g_str_equal (info->rules[j].property, pspecs[i]->name))
          rule = &info->rules[j];

      if (rule != NULL && rule->access == CLT_JSON_ACCESS_INTERNAL)
        continue;

      member = &info->members[info->n_members++];
      member->pspec = pspecs[i];
      member->member = rule != NULL && rule->member != NULL ? g_strdup (rule->member)
                                                            : camel_case (pspecs[i]->name);
      member->access = rule != NULL ? rule->access : info->default_access;
      if ((pspecs[i]->flags & G_PARAM_WRITABLE) == 0)
        member->access = CLT_JSON_ACCESS_OUTPUT;
      member->written_name = g_strdup_printf ("\"%s\":", member->member);
      member->written_name_len = strlen (member->written_name);
      member->owner_class = direct_getter (pspecs[i]);
    }
}

static TypeInfo *
lookup_type (GType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      TypeInfo *info = &types[i];

      if (info->get_type () != type)
        continue;

      if (g_once_init_enter (&info->ready))
        {
          build_members (info);
          g_once_init_leave (&info->ready, 1);
        }
      return info;
    }

  return NULL;
}

const CltJsonMember *
clt_json_find_member (GType       type,
                      const char *name)
{
  TypeInfo *info = lookup_type (type);

  for (guint i = 0; info != NULL && i < info->n_members; i++)
    if (g_str_equal (info->members[i].member, name))
      return &info->members[i];

  return NULL;
}

gboolean
clt_json_takes (CltJsonAccess  access,
                CltJsonFlags   flags,
                gboolean       creating)
{
  switch (access)
    {
    case CLT_JSON_ACCESS_WRITABLE:
      return TRUE;
    case CLT_JSON_ACCESS_CREATE_ONLY:
      return creating || (flags & CLT_JSON_READ_ONLY_MEMBERS) != 0;
    case CLT_JSON_ACCESS_READ_ONLY:
    case CLT_JSON_ACCESS_OUTPUT:
      return (flags & CLT_JSON_READ_ONLY_MEMBERS) != 0;
    case CLT_JSON_ACCESS_INTERNAL:
    default:
      return FALSE;
    }
}

gboolean
clt_json_is_mapped_type (GType type)
{
  return type == CLT_TYPE_IMPORT_REPORT
         || type == CLT_TYPE_CUSTOMER_DETAILS
         || lookup_type (type) != NULL;
}

gboolean
clt_json_has_members (GType type)
{
  return lookup_type (type) != NULL;
}

/* }}} */

/* Writing {{{ */

/* Objects are written straight into text: a page of 500 customers is
 * one string, not tens of thousands of nodes (the server answers every
 * list request with one). */

static void write_object (GString      *out,
                          GObject      *object,
                          CltJsonFlags  flags);

static void
write_string (GString    *out,
              const char *text)
{
  g_autofree char *valid = NULL;
  const char *start;

  if (text == NULL)
    text = "";

  /* Most text is printable ASCII with nothing to escape: one pass. */
  {
    const char *p = text;

    while ((guchar) *p >= 0x20 && (guchar) *p < 0x7f && *p != '"' && *p != '\\')
      p++;
    if (*p == '\0')
      {
        gsize at = out->len;
        gsize length = p - text;

        /* One growth and one copy: a list page of 50 customers writes
         * ~2,700 strings. */
        g_string_set_size (out, at + length + 2);
        out->str[at] = '"';
        memcpy (out->str + at + 1, text, length);
        out->str[at + length + 1] = '"';
        return;
      }
  }

  /* Our own objects hold valid text; if one does not, the answer must
   * still be JSON. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  start = text;
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      /* json-glib's generator escapes DEL too: the same text as it
       * writes (found by tests/fuzz/fuzz-json). */
      if (c >= 0x20 && c != 0x7f && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, start, p - start);
      start = p + 1;
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:   g_string_append_printf (out, "\\u%04x", c); break;
        }
    }
  g_string_append (out, start);
  g_string_append_c (out, '"');
}

static void
write_member_name (GString    *out,
                   gboolean   *first,
                   const char *name)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  write_string (out, name);
  g_string_append_c (out, ':');
}

/* 2^53: below it every integer is a double, exactly. */
#define EXACT_INTEGER_LIMIT 9007199254740992.0
#define MAX_SHORT_DECIMALS  6

/* Puts the decimal digits of @digits before @end; returns where they
 * start. */
static char *
put_digits (char    *end,
            guint64  digits)
{
  char *p = end;

  do
    {
      *--p = (char) ('0' + digits % 10);
      digits /= 10;
    }
  while (digits > 0);

  return p;
}

/* An integer as its digits (printf's "%" G_GINT64_FORMAT costs ten times
 * as much). */
static void
write_integer (GString *out,
               gint64   number)
{
  char buf[24];
  char *end = buf + sizeof buf;
  char *p = put_digits (end, number < 0 ? - (guint64) number : (guint64) number);

  if (number < 0)
    *--p = '-';
  g_string_append_len (out, p, end - p);
}

/* Writes DIGITS / 10^DECIMALS: "802.3", "0.05", "5.0". */
static void
write_scaled (GString *out,
              guint64  digits,
              guint    decimals)
{
  char buf[32];
  char *end = buf + sizeof buf;
  char *p = end;

  for (guint i = 0; i < decimals; i++)
    {
      *--p = (char) ('0' + digits % 10);
      digits /= 10;
    }
  if (decimals > 0)
    *--p = '.';
  p = put_digits (p, digits);
  g_string_append_len (out, p, end - p);
  /* Keep a number with no fraction a double when read back. */
  if (decimals == 0)
    g_string_append (out, ".0");
}

/* A number with up to MAX_SHORT_DECIMALS decimals (the money and the
 * measures custom fields hold) is written as those digits, "802.3", not
 * printf's 17 digits "802.29999999999995", at a fraction of the cost:
 * the text is D / 10^k for an integer D below 2^53, and D / 10^k is the
 * correctly rounded division of two exact doubles, which is what a reader
 * (strtod) makes of the text, so the check below proves it reads back as
 * NUMBER. Anything else goes through g_ascii_dtostr (). */
static gboolean
write_short_double (GString *out,
                    double   number)
{
  static const double powers[MAX_SHORT_DECIMALS + 1] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
  gboolean negative = signbit (number) != 0;
  double magnitude = fabs (number);

  for (guint decimals = 0; decimals <= MAX_SHORT_DECIMALS; decimals++)
    {
      double scaled = nearbyint (magnitude * powers[decimals]);

      if (scaled >= EXACT_INTEGER_LIMIT)
        return FALSE;
      if (scaled / powers[decimals] == magnitude)
        {
          if (negative)
            g_string_append_c (out, '-');
          write_scaled (out, (guint64) scaled, decimals);
          return TRUE;
        }
    }
  return FALSE;
}

static void
write_double (GString *out,
              double   number)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has no NaN or infinity. */
  if (!isfinite (number))
    {
      g_string_append (out, "null");
      return;
    }
  if (write_short_double (out, number))
    return;

  g_string_append (out, g_ascii_dtostr (buf, sizeof buf, number));
  /* Keep a number with no fraction a double when read back. */
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
write_date_time (GString   *out,
                 GDateTime *date_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  if (date_time == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  /* Stored times are in UTC already: no copy to convert them. */
  if (g_date_time_get_utc_offset (date_time) == 0)
    utc = g_date_time_ref (date_time);
  else
    utc = g_date_time_to_utc (date_time);

  /* What g_date_time_format_iso8601 () writes for UTC, without a format
   * string: three of these per customer were a tenth of a list page's
   * time in the server. */
  {
    int year, month, day;
    int microsecond = g_date_time_get_microsecond (utc);
    char buffer[40];
    char *p = buffer;

    g_date_time_get_ymd (utc, &year, &month, &day);
    if (year < 1 || year > 9999)
      {
        text = g_date_time_format_iso8601 (utc);
        write_string (out, text);
        return;
      }

#define DIGITS2(n) (*p++ = '0' + (n) / 10, *p++ = '0' + (n) % 10)
    *p++ = '"';
    DIGITS2 (year / 100);
    DIGITS2 (year % 100);
    *p++ = '-';
    DIGITS2 (month);
    *p++ = '-';
    DIGITS2 (day);
    *p++ = 'T';
    DIGITS2 (g_date_time_get_hour (utc));
    *p++ = ':';
    DIGITS2 (g_date_time_get_minute (utc));
    *p++ = ':';
    DIGITS2 (g_date_time_get_second (utc));
#undef DIGITS2
    if (microsecond != 0)
      {
        *p++ = '.';
        for (int unit = 100000; unit > 0; unit /= 10)
          *p++ = '0' + (microsecond / unit) % 10;
      }
    *p++ = 'Z';
    *p++ = '"';
    g_string_append_len (out, buffer, p - buffer);
  }
}

static void
write_strv (GString            *out,
            const char * const *strv)
{
  g_string_append_c (out, '[');
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      write_string (out, strv[i]);
    }
  g_string_append_c (out, ']');
}

static void
write_variant_value (GString  *out,
                     GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    write_string (out, g_variant_get_string (value, NULL));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    g_string_append (out, g_variant_get_boolean (value) ? "true" : "false");
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    write_double (out, g_variant_get_double (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    write_integer (out, g_variant_get_int32 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    write_integer (out, g_variant_get_int64 (value));
  else
    {
      /* Not a type a custom field has: keep it readable as text. */
      g_autofree char *printed = g_variant_print (value, FALSE);

      write_string (out, printed);
    }
}

/* Serialized a{sv} {{{ */

/* A framing offset of @size bytes at @at, little-endian. */
static gsize
read_offset (const guint8 *at,
             guint         size)
{
  gsize value = 0;

  for (guint i = 0; i < size; i++)
    value |= (gsize) at[i] << (8 * i);
  return value;
}

/* The width of a container's framing offsets by its size. */
static guint
offset_width (gsize size)
{
  if (size <= G_MAXUINT8)
    return 1;
  if (size <= G_MAXUINT16)
    return 2;
  if (size <= G_MAXUINT32)
    return 4;
  return 8;
}

/* One serialized variant of @size bytes at @data (the value, a zero byte,
 * its type) written as JSON: FALSE, with nothing written, for a type or a
 * shape this does not read. */
static gboolean
write_serialised_value (GString      *out,
                        const guint8 *data,
                        gsize         size)
{
  const guint8 *zero;
  gsize value_size;
  gsize type_size;

  for (zero = data + size; zero > data && zero[-1] != 0; zero--)
    ;
  if (zero == data)
    return FALSE;
  zero--;
  value_size = (gsize) (zero - data);
  type_size = size - value_size - 1;
  if (type_size != 1)
    return FALSE;

  switch (zero[1])
    {
    case 's':
      /* The string's own nul ends it, and is its only one. */
      if (value_size == 0 || data[value_size - 1] != '\0' ||
          strlen ((const char *) data) != value_size - 1)
        return FALSE;
      write_string (out, (const char *) data);
      return TRUE;

    case 'b':
      if (value_size != 1 || data[0] > 1)
        return FALSE;
      g_string_append (out, data[0] ? "true" : "false");
      return TRUE;

    case 'd':
      {
        double number;

        if (value_size != sizeof number)
          return FALSE;
        memcpy (&number, data, sizeof number);
        write_double (out, number);
        return TRUE;
      }

    default:
      return FALSE;
    }
}

/* @fields from its serialized form, without a GVariant per entry, key and
 * value: walking a page's ~1,000 custom field values through
 * g_variant_iter_next () ("{&sv}") cost most of a list request's time in
 * the server. FALSE, with @out as it was, for anything it does not read
 * (the caller then walks the GVariant). */
static gboolean
write_serialised_fields (GString  *out,
                         GVariant *fields)
{
  const guint8 *data = g_variant_get_data (fields);
  gsize size = g_variant_get_size (fields);
  gsize start = out->len;
  gboolean first = TRUE;
  guint width;
  gsize table;
  gsize n;
  gsize begin = 0;

  if (size == 0)
    return TRUE;
  if (data == NULL)
    return FALSE;

  width = offset_width (size);
  if (size < width)
    return FALSE;
  table = read_offset (data + size - width, width);
  if (table > size || (size - table) % width != 0)
    return FALSE;
  n = (size - table) / width;

  for (gsize i = 0; i < n; i++)
    {
      gsize end = read_offset (data + table + i * width, width);
      gsize entry_width;
      gsize key_end;
      gsize value_at;
      const guint8 *entry;
      gsize entry_size;

      begin = (begin + 7) & ~(gsize) 7;
      if (end < begin || end > table)
        goto fail;
      entry = data + begin;
      entry_size = end - begin;
      entry_width = offset_width (entry_size);
      if (entry_size < entry_width + 1)
        goto fail;
      key_end = read_offset (entry + entry_size - entry_width, entry_width);
      value_at = (key_end + 7) & ~(gsize) 7;
      if (key_end == 0 || value_at > entry_size - entry_width ||
          entry[key_end - 1] != '\0' || strlen ((const char *) entry) != key_end - 1)
        goto fail;

      write_member_name (out, &first, (const char *) entry);
      if (!write_serialised_value (out, entry + value_at, entry_size - entry_width - value_at))
        goto fail;
      begin = end;
    }
  return TRUE;

fail:
  g_string_truncate (out, start);
  return FALSE;
}

/* }}} */

static void
write_custom_fields (GString  *out,
                     GVariant *fields)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  if (fields != NULL && g_variant_is_of_type (fields, G_VARIANT_TYPE_VARDICT) &&
      write_serialised_fields (out, fields))
    {
      g_string_append_c (out, '}');
      return;
    }
  if (fields != NULL && g_variant_is_of_type (fields, G_VARIANT_TYPE_VARDICT))
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, fields);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          write_member_name (out, &first, key);
          write_variant_value (out, value);
          g_variant_unref (value);
        }
    }
  g_string_append_c (out, '}');
}

static void
write_value (GString      *out,
             GParamSpec   *pspec,
             const GValue *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRING)
    write_string (out, g_value_get_string (value));
  else if (type == G_TYPE_STRV)
    write_strv (out, g_value_get_boxed (value));
  else if (type == G_TYPE_DATE_TIME)
    write_date_time (out, g_value_get_boxed (value));
  else if (type == G_TYPE_VARIANT)
    write_custom_fields (out, g_value_get_variant (value));
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumValue *enum_value = g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class,
                                                 g_value_get_enum (value));

      if (enum_value == NULL)
        g_string_append (out, "null");
      else
        write_string (out, enum_value->value_nick);
    }
  else
    switch (type)
      {
      case G_TYPE_BOOLEAN:
        g_string_append (out, g_value_get_boolean (value) ? "true" : "false");
        break;
      case G_TYPE_INT:
        write_integer (out, g_value_get_int (value));
        break;
      case G_TYPE_UINT:
        write_integer (out, g_value_get_uint (value));
        break;
      case G_TYPE_INT64:
        write_integer (out, g_value_get_int64 (value));
        break;
      default:
        g_assert_not_reached ();
      }
}

static void
write_objects (GString      *out,
               GPtrArray    *objects,
               CltJsonFlags  flags)
{
  g_string_append_c (out, '[');
  for (guint i = 0; objects != NULL && i < objects->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      write_object (out, g_ptr_array_index (objects, i), flags);
    }
  g_string_append_c (out, ']');
}

static void
write_import_report (GString         *out,
                     CltImportReport *report)
{
  guint n_refused = clt_import_report_get_n_refused (report);

  g_string_append_printf (out, "{\"imported\":%u,\"refusals\":[",
                          clt_import_report_get_n_imported (report));
  for (guint i = 0; i < n_refused; i++)
    {
      const char *field;
      const char *message;
      guint row = clt_import_report_get_refusal (report, i, &field, &message);
      g_autofree char *member = clt_json_member_for_field (field);

      g_string_append_printf (out, "%s{\"index\":%u,\"field\":", i > 0 ? "," : "", row);
      write_string (out, member);
      g_string_append (out, ",\"message\":");
      write_string (out, message);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
}

static void
write_customer_details (GString            *out,
                        CltCustomerDetails *details,
                        CltJsonFlags        flags)
{
  CltCompany *company = clt_customer_details_get_company (details);

  g_string_append (out, "{\"customer\":");
  write_object (out, G_OBJECT (clt_customer_details_get_customer (details)), flags);
  g_string_append (out, ",\"addresses\":");
  write_objects (out, clt_customer_details_get_addresses (details), flags);
  g_string_append (out, ",\"notes\":");
  write_objects (out, clt_customer_details_get_notes (details), flags);
  g_string_append (out, ",\"orders\":");
  write_objects (out, clt_customer_details_get_orders (details), flags);
  g_string_append (out, ",\"emails\":");
  write_objects (out, clt_customer_details_get_emails (details), flags);
  g_string_append (out, ",\"sites\":");
  write_objects (out, clt_customer_details_get_sites (details), flags);
  g_string_append (out, ",\"groups\":");
  write_objects (out, clt_customer_details_get_groups (details), flags);
  g_string_append (out, ",\"assistedBuying\":");
  write_objects (out, clt_customer_details_get_assisted_buying (details), flags);
  g_string_append (out, ",\"marketing\":");
  write_objects (out, clt_customer_details_get_marketing (details), flags);
  g_string_append (out, ",\"company\":");
  if (company != NULL)
    write_object (out, G_OBJECT (company), flags);
  else
    g_string_append (out, "null");
  g_string_append_c (out, '}');
}

/* A property by its pspec, from the class that installed it, as
 * g_object_get_property () does after looking the name up again (a tenth
 * of a list page's time in the server). */
static void
get_member_value (GObject             *object,
                  const CltJsonMember *member,
                  GValue              *value)
{
  if (member->owner_class == NULL)
    g_object_get_property (object, member->pspec->name, value);
  else
    member->owner_class->get_property (object, member->pspec->param_id, value, member->pspec);
}

static void
write_object (GString      *out,
              GObject      *object,
              CltJsonFlags  flags)
{
  TypeInfo *info;
  gboolean first = TRUE;

  if (CLT_IS_IMPORT_REPORT (object))
    {
      write_import_report (out, CLT_IMPORT_REPORT (object));
      return;
    }
  if (CLT_IS_CUSTOMER_DETAILS (object))
    {
      write_customer_details (out, CLT_CUSTOMER_DETAILS (object), flags);
      return;
    }

  info = lookup_type (G_OBJECT_TYPE (object));
  g_return_if_fail (info != NULL);

  g_string_append_c (out, '{');
  for (guint i = 0; i < info->n_members; i++)
    {
      const CltJsonMember *member = &info->members[i];
      g_auto(GValue) value = G_VALUE_INIT;

      if ((flags & CLT_JSON_WRITABLE_ONLY) != 0
          && (member->access == CLT_JSON_ACCESS_READ_ONLY || member->access == CLT_JSON_ACCESS_OUTPUT))
        continue;

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (member->pspec));
      get_member_value (object, member, &value);
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append_len (out, member->written_name, member->written_name_len);
      write_value (out, member->pspec, &value);
    }

  /* The import payload travels only when there is one. */
  if (CLT_IS_CUSTOMER (object))
    {
      /* Read the fields: the getters create the arrays, and writing must
       * not change an object another thread may be writing too. */
      CltCustomer *customer = CLT_CUSTOMER (object);

      if (customer->import_addresses != NULL && customer->import_addresses->len > 0)
        {
          write_member_name (out, &first, "addresses");
          write_objects (out, customer->import_addresses, CLT_JSON_FLAGS_NONE);
        }
      if (customer->import_orders != NULL && customer->import_orders->len > 0)
        {
          write_member_name (out, &first, "orders");
          write_objects (out, customer->import_orders, CLT_JSON_FLAGS_NONE);
        }
      if (customer->import_marketing != NULL && customer->import_marketing->len > 0)
        {
          write_member_name (out, &first, "marketing");
          write_objects (out, customer->import_marketing, CLT_JSON_FLAGS_NONE);
        }
    }
  g_string_append_c (out, '}');
}

/* Our own text is valid JSON: reading it back cannot fail. */
static JsonNode *
text_to_node (GString *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text->str, text->len, &error))
    g_error ("CltJson wrote text it cannot read: %s", error->message);

  return json_node_ref (json_parser_get_root (parser));
}

/* }}} */

/* Public API {{{ */

/**
 * clt_json_from_object:
 * @object: one of the types clt-json.h lists
 * @flags: CLT_JSON_WRITABLE_ONLY to leave read-only members out
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
clt_json_from_object (gpointer     object,
                      CltJsonFlags flags)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  g_return_val_if_fail (clt_json_is_mapped_type (G_OBJECT_TYPE (object)), NULL);

  write_object (text, object, flags);
  return text_to_node (text);
}

/**
 * clt_json_from_array:
 * @objects: (element-type GObject): objects of the types clt-json.h lists
 * @flags: as for clt_json_from_object ()
 *
 * Returns: (transfer full): a JSON array node
 */
JsonNode *
clt_json_from_array (GPtrArray    *objects,
                     CltJsonFlags  flags)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (objects != NULL, NULL);

  for (guint i = 0; i < objects->len; i++)
    {
      GObject *object = g_ptr_array_index (objects, i);

      g_return_val_if_fail (G_IS_OBJECT (object), NULL);
      g_return_val_if_fail (clt_json_is_mapped_type (G_OBJECT_TYPE (object)), NULL);
    }

  write_objects (text, objects, flags);
  return text_to_node (text);
}

/**
 * clt_json_object_to_text:
 * @object: one of the types clt-json.h lists
 * @flags: as for clt_json_from_object ()
 * @length: (out) (optional): the length of the text
 *
 * What clt_json_from_object () and clt_json_to_string () give, without a
 * tree in between.
 *
 * Returns: (transfer full): compact JSON text
 */
char *
clt_json_object_to_text (gpointer      object,
                         CltJsonFlags  flags,
                         gsize        *length)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  g_return_val_if_fail (clt_json_is_mapped_type (G_OBJECT_TYPE (object)), NULL);

  write_object (text, object, flags);
  if (length != NULL)
    *length = text->len;
  return g_string_free (text, FALSE);
}

/**
 * clt_json_array_to_text:
 * @objects: (element-type GObject): objects of the types clt-json.h lists
 * @flags: as for clt_json_from_object ()
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full): compact JSON text of an array
 */
char *
clt_json_array_to_text (GPtrArray    *objects,
                        CltJsonFlags  flags,
                        gsize        *length)
{
  GString *text = g_string_sized_new (objects != NULL ? 800 * objects->len + 2 : 2);

  g_return_val_if_fail (objects != NULL, NULL);

  write_objects (text, objects, flags);
  if (length != NULL)
    *length = text->len;
  return g_string_free (text, FALSE);
}

/* }}} */

/* Custom field query parameters {{{ */

static const char * const match_suffixes[] = {
  [CLT_FIELD_MATCH_EQUALS]   = "",
  [CLT_FIELD_MATCH_PREFIX]   = ".prefix",
  [CLT_FIELD_MATCH_AT_LEAST] = ".min",
  [CLT_FIELD_MATCH_AT_MOST]  = ".max",
};

char *
clt_json_field_filter_parameter (const char    *key,
                                 CltFieldMatch  match)
{
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail ((guint) match < G_N_ELEMENTS (match_suffixes), NULL);

  return g_strconcat (CLT_JSON_MIXINS_PREFIX, key, match_suffixes[match], NULL);
}

gboolean
clt_json_parse_field_filter_parameter (const char     *name,
                                       char          **key,
                                       CltFieldMatch  *match)
{
  const char *rest;
  const char *dot;

  g_return_val_if_fail (name != NULL, FALSE);

  if (!g_str_has_prefix (name, CLT_JSON_MIXINS_PREFIX))
    return FALSE;

  rest = name + strlen (CLT_JSON_MIXINS_PREFIX);
  dot = strchr (rest, '.');
  for (guint i = 0; i < G_N_ELEMENTS (match_suffixes); i++)
    {
      if ((dot == NULL && i == CLT_FIELD_MATCH_EQUALS) ||
          (dot != NULL && g_str_equal (dot, match_suffixes[i]) && i != CLT_FIELD_MATCH_EQUALS))
        {
          if (key != NULL)
            *key = dot != NULL ? g_strndup (rest, (gsize) (dot - rest)) : g_strdup (rest);
          if (match != NULL)
            *match = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* }}} */
