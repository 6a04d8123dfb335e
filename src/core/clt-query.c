/* clt-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-query"

#include "config.h"

#include <string.h>

#include "clt-enum-types.h"
#include "clt-property-util.h"
#include "clt-query.h"

struct _CltQuery
{
  GObject parent_instance;

  char              *search_text;
  CltStatusFilter    status;
  char              *group;
  char              *company;
  char              *site;
  char              *country;
  GDateTime         *registered_from;
  GDateTime         *registered_until;
  CltSortKey         sort_key;
  CltSortDirection   sort_direction;
  char              *sort_field;
  GPtrArray         *field_filters;   /* FieldFilter, ordered by (key, match) */
};

typedef struct
{
  char          *key;
  CltFieldMatch  match;
  char          *value;
} FieldFilter;

G_DEFINE_FINAL_TYPE (CltQuery, clt_query, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEARCH_TEXT,
  PROP_STATUS,
  PROP_GROUP,
  PROP_COMPANY,
  PROP_SITE,
  PROP_COUNTRY,
  PROP_REGISTERED_FROM,
  PROP_REGISTERED_UNTIL,
  PROP_SORT_KEY,
  PROP_SORT_DIRECTION,
  PROP_SORT_FIELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
field_filter_free (FieldFilter *filter)
{
  g_free (filter->key);
  g_free (filter->value);
  g_free (filter);
}

static int
field_filter_compare (const FieldFilter *a,
                      const char        *key,
                      CltFieldMatch      match)
{
  int order = strcmp (a->key, key);

  return order != 0 ? order : (int) a->match - (int) match;
}

static gboolean
field_filters_equal (GPtrArray *a,
                     GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const FieldFilter *fa = g_ptr_array_index (a, i);
      const FieldFilter *fb = g_ptr_array_index (b, i);

      if (field_filter_compare (fa, fb->key, fb->match) != 0 || strcmp (fa->value, fb->value) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
clt_query_finalize (GObject *object)
{
  CltQuery *self = (CltQuery *) object;

  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->site, g_free);
  g_clear_pointer (&self->country, g_free);
  g_clear_pointer (&self->registered_from, g_date_time_unref);
  g_clear_pointer (&self->registered_until, g_date_time_unref);
  g_clear_pointer (&self->sort_field, g_free);
  g_clear_pointer (&self->field_filters, g_ptr_array_unref);

  G_OBJECT_CLASS (clt_query_parent_class)->finalize (object);
}

static void
clt_query_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CltQuery *self = CLT_QUERY (object);

  switch (prop_id)
    {
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, clt_query_get_search_text (self));
      break;

    case PROP_STATUS:
      g_value_set_enum (value, clt_query_get_status (self));
      break;

    case PROP_GROUP:
      g_value_set_string (value, clt_query_get_group (self));
      break;

    case PROP_COMPANY:
      g_value_set_string (value, clt_query_get_company (self));
      break;

    case PROP_SITE:
      g_value_set_string (value, clt_query_get_site (self));
      break;

    case PROP_COUNTRY:
      g_value_set_string (value, clt_query_get_country (self));
      break;

    case PROP_REGISTERED_FROM:
      g_value_set_boxed (value, clt_query_get_registered_from (self));
      break;

    case PROP_REGISTERED_UNTIL:
      g_value_set_boxed (value, clt_query_get_registered_until (self));
      break;

    case PROP_SORT_KEY:
      g_value_set_enum (value, clt_query_get_sort_key (self));
      break;

    case PROP_SORT_DIRECTION:
      g_value_set_enum (value, clt_query_get_sort_direction (self));
      break;

    case PROP_SORT_FIELD:
      g_value_set_string (value, clt_query_get_sort_field (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_query_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CltQuery *self = CLT_QUERY (object);

  switch (prop_id)
    {
    case PROP_SEARCH_TEXT:
      clt_query_set_search_text (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      clt_query_set_status (self, g_value_get_enum (value));
      break;

    case PROP_GROUP:
      clt_query_set_group (self, g_value_get_string (value));
      break;

    case PROP_COMPANY:
      clt_query_set_company (self, g_value_get_string (value));
      break;

    case PROP_SITE:
      clt_query_set_site (self, g_value_get_string (value));
      break;

    case PROP_COUNTRY:
      clt_query_set_country (self, g_value_get_string (value));
      break;

    case PROP_REGISTERED_FROM:
      clt_query_set_registered_from (self, g_value_get_boxed (value));
      break;

    case PROP_REGISTERED_UNTIL:
      clt_query_set_registered_until (self, g_value_get_boxed (value));
      break;

    case PROP_SORT_KEY:
      clt_query_set_sort_key (self, g_value_get_enum (value));
      break;

    case PROP_SORT_DIRECTION:
      clt_query_set_sort_direction (self, g_value_get_enum (value));
      break;

    case PROP_SORT_FIELD:
      clt_query_set_sort_field (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_query_class_init (CltQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clt_query_finalize;
  object_class->get_property = clt_query_get_property;
  object_class->set_property = clt_query_set_property;

  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       CLT_TYPE_STATUS_FILTER, CLT_STATUS_FILTER_ANY,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_GROUP] =
    g_param_spec_string ("group", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SITE] =
    g_param_spec_string ("site", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_REGISTERED_FROM] =
    g_param_spec_boxed ("registered-from", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_REGISTERED_UNTIL] =
    g_param_spec_boxed ("registered-until", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_SORT_KEY] =
    g_param_spec_enum ("sort-key", NULL, NULL,
                       CLT_TYPE_SORT_KEY, CLT_SORT_KEY_NUMBER,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_SORT_DIRECTION] =
    g_param_spec_enum ("sort-direction", NULL, NULL,
                       CLT_TYPE_SORT_DIRECTION, CLT_SORT_ASCENDING,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_SORT_FIELD] =
    g_param_spec_string ("sort-field", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clt_query_init (CltQuery *self)
{
  self->field_filters = g_ptr_array_new_with_free_func ((GDestroyNotify) field_filter_free);
}

CltQuery *
clt_query_new (void)
{
  return g_object_new (CLT_TYPE_QUERY, NULL);
}

CltQuery *
clt_query_copy (CltQuery *self)
{
  CltQuery *copy;

  g_return_val_if_fail (CLT_IS_QUERY (self), NULL);

  copy = clt_query_new ();
  copy->search_text = g_strdup (self->search_text);
  copy->status = self->status;
  copy->group = g_strdup (self->group);
  copy->company = g_strdup (self->company);
  copy->site = g_strdup (self->site);
  copy->country = g_strdup (self->country);
  copy->registered_from = self->registered_from != NULL ? g_date_time_ref (self->registered_from) : NULL;
  copy->registered_until = self->registered_until != NULL ? g_date_time_ref (self->registered_until) : NULL;
  copy->sort_key = self->sort_key;
  copy->sort_direction = self->sort_direction;
  copy->sort_field = g_strdup (self->sort_field);
  for (guint i = 0; i < self->field_filters->len; i++)
    {
      const FieldFilter *filter = g_ptr_array_index (self->field_filters, i);

      clt_query_add_field_filter (copy, filter->key, filter->match, filter->value);
    }

  return copy;
}

const char *
clt_query_get_search_text (CltQuery *self)
{
  g_return_val_if_fail (CLT_IS_QUERY (self), "");

  return self->search_text != NULL ? self->search_text : "";
}

void
clt_query_set_search_text (CltQuery   *self,
                           const char *search_text)
{
  g_return_if_fail (CLT_IS_QUERY (self));

  if (clt_set_string (&self->search_text, search_text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

CltStatusFilter
clt_query_get_status (CltQuery *self)
{
  g_return_val_if_fail (CLT_IS_QUERY (self), CLT_STATUS_FILTER_ANY);

  return self->status;
}

void
clt_query_set_status (CltQuery        *self,
                      CltStatusFilter  status)
{
  g_return_if_fail (CLT_IS_QUERY (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
clt_query_get_group (CltQuery *self)
{
  g_return_val_if_fail (CLT_IS_QUERY (self), "");

  return self->group != NULL ? self->group : "";
}

void
clt_query_set_group (CltQuery   *self,
                     const char *group)
{
  g_return_if_fail (CLT_IS_QUERY (self));

  if (clt_set_string (&self->group, group))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
}

const char *
clt_query_get_company (CltQuery *self)
{
  g_return_val_if_fail (CLT_IS_QUERY (self), "");

  return self->company != NULL ? self->company : "";
}

void
clt_query_set_company (CltQuery   *self,
                       const char *company)
{
  g_return_if_fail (CLT_IS_QUERY (self));

  if (clt_set_string (&self->company, company))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPANY]);
}

const char *
clt_query_get_site (CltQuery *self)
{
  g_return_val_if_fail (CLT_IS_QUERY (self), "");

  return self->site != NULL ? self->site : "";
}

void
clt_query_set_site (CltQuery   *self,
                    const char *site)
{
  g_return_if_fail (CLT_IS_QUERY (self));

  if (clt_set_string (&self->site, site))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE]);
}

const char *
clt_query_get_country (CltQuery *self)
{
  g_return_val_if_fail (CLT_IS_QUERY (self), "");

  return self->country != NULL ? self->country : "";
}

void
clt_query_set_country (CltQuery   *self,
                       const char *country)
{
  g_return_if_fail (CLT_IS_QUERY (self));

  if (clt_set_string (&self->country, country))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}

GDateTime *
clt_query_get_registered_from (CltQuery *self)
{
  g_return_val_if_fail (CLT_IS_QUERY (self), NULL);

  return self->registered_from;
}

void
clt_query_set_registered_from (CltQuery  *self,
                               GDateTime *from)
{
  g_return_if_fail (CLT_IS_QUERY (self));

  if (clt_set_date_time (&self->registered_from, from))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTERED_FROM]);
}

GDateTime *
clt_query_get_registered_until (CltQuery *self)
{
  g_return_val_if_fail (CLT_IS_QUERY (self), NULL);

  return self->registered_until;
}

void
clt_query_set_registered_until (CltQuery  *self,
                                GDateTime *until)
{
  g_return_if_fail (CLT_IS_QUERY (self));

  if (clt_set_date_time (&self->registered_until, until))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTERED_UNTIL]);
}

CltSortKey
clt_query_get_sort_key (CltQuery *self)
{
  g_return_val_if_fail (CLT_IS_QUERY (self), CLT_SORT_KEY_NUMBER);

  return self->sort_key;
}

void
clt_query_set_sort_key (CltQuery   *self,
                        CltSortKey  sort_key)
{
  g_return_if_fail (CLT_IS_QUERY (self));

  if (self->sort_key == sort_key)
    return;

  self->sort_key = sort_key;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_KEY]);
}

CltSortDirection
clt_query_get_sort_direction (CltQuery *self)
{
  g_return_val_if_fail (CLT_IS_QUERY (self), CLT_SORT_ASCENDING);

  return self->sort_direction;
}

void
clt_query_set_sort_direction (CltQuery         *self,
                              CltSortDirection  direction)
{
  g_return_if_fail (CLT_IS_QUERY (self));

  if (self->sort_direction == direction)
    return;

  self->sort_direction = direction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_DIRECTION]);
}

static gboolean
text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
date_time_equal (GDateTime *a,
                 GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_date_time_equal (a, b);
}

/**
 * clt_query_same_filter:
 *
 * Returns: %TRUE when @a and @b select the same rows, whatever their sort:
 *   a count made for one holds for the other
 */
gboolean
clt_query_same_filter (CltQuery *a,
                       CltQuery *b)
{
  g_return_val_if_fail (CLT_IS_QUERY (a), FALSE);
  g_return_val_if_fail (CLT_IS_QUERY (b), FALSE);

  if (a == b)
    return TRUE;

  /* Blank search text selects everything, however many spaces it has. */
  if (text_is_blank (a->search_text) != text_is_blank (b->search_text))
    return FALSE;
  if (!text_is_blank (a->search_text) && g_strcmp0 (a->search_text, b->search_text) != 0)
    return FALSE;

  return a->status == b->status &&
         g_strcmp0 (a->group, b->group) == 0 &&
         g_strcmp0 (a->company, b->company) == 0 &&
         g_strcmp0 (a->site, b->site) == 0 &&
         g_strcmp0 (a->country, b->country) == 0 &&
         date_time_equal (a->registered_from, b->registered_from) &&
         date_time_equal (a->registered_until, b->registered_until) &&
         field_filters_equal (a->field_filters, b->field_filters);
}

/**
 * clt_query_equal:
 *
 * Returns: %TRUE when @a and @b return the same rows in the same order
 */
gboolean
clt_query_equal (CltQuery *a,
                 CltQuery *b)
{
  g_return_val_if_fail (CLT_IS_QUERY (a), FALSE);
  g_return_val_if_fail (CLT_IS_QUERY (b), FALSE);

  return a->sort_key == b->sort_key &&
         a->sort_direction == b->sort_direction &&
         g_strcmp0 (a->sort_field, b->sort_field) == 0 &&
         clt_query_same_filter (a, b);
}

/**
 * clt_query_is_unfiltered:
 *
 * Returns: %TRUE when nothing narrows the result: blank search text and no
 *   filter
 */
gboolean
clt_query_is_unfiltered (CltQuery *self)
{
  g_return_val_if_fail (CLT_IS_QUERY (self), FALSE);

  return text_is_blank (self->search_text) &&
         self->status == CLT_STATUS_FILTER_ANY &&
         self->group == NULL &&
         self->company == NULL &&
         self->site == NULL &&
         self->country == NULL &&
         self->registered_from == NULL &&
         self->registered_until == NULL &&
         self->field_filters->len == 0;
}

const char *
clt_query_get_sort_field (CltQuery *self)
{
  g_return_val_if_fail (CLT_IS_QUERY (self), "");

  return self->sort_field != NULL ? self->sort_field : "";
}

void
clt_query_set_sort_field (CltQuery   *self,
                          const char *key)
{
  g_return_if_fail (CLT_IS_QUERY (self));

  if (key != NULL && key[0] == '\0')
    key = NULL;
  if (clt_set_string (&self->sort_field, key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_FIELD]);
}

void
clt_query_add_field_filter (CltQuery      *self,
                            const char    *key,
                            CltFieldMatch  match,
                            const char    *value)
{
  FieldFilter *filter;
  guint i;

  g_return_if_fail (CLT_IS_QUERY (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  for (i = 0; i < self->field_filters->len; i++)
    {
      int order = field_filter_compare (g_ptr_array_index (self->field_filters, i), key, match);

      if (order == 0)
        {
          filter = g_ptr_array_index (self->field_filters, i);
          g_free (filter->value);
          filter->value = g_strdup (value);
          return;
        }
      if (order > 0)
        break;
    }

  filter = g_new0 (FieldFilter, 1);
  filter->key = g_strdup (key);
  filter->match = match;
  filter->value = g_strdup (value);
  g_ptr_array_insert (self->field_filters, i, filter);
}

void
clt_query_remove_field_filters (CltQuery   *self,
                                const char *key)
{
  g_return_if_fail (CLT_IS_QUERY (self));

  for (guint i = self->field_filters->len; i > 0; i--)
    {
      const FieldFilter *filter = g_ptr_array_index (self->field_filters, i - 1);

      if (key == NULL || g_str_equal (filter->key, key))
        g_ptr_array_remove_index (self->field_filters, i - 1);
    }
}

guint
clt_query_get_n_field_filters (CltQuery *self)
{
  g_return_val_if_fail (CLT_IS_QUERY (self), 0);

  return self->field_filters->len;
}

const char *
clt_query_get_field_filter (CltQuery       *self,
                            guint           index,
                            CltFieldMatch  *match,
                            const char    **value)
{
  const FieldFilter *filter;

  g_return_val_if_fail (CLT_IS_QUERY (self), NULL);
  g_return_val_if_fail (index < self->field_filters->len, NULL);

  filter = g_ptr_array_index (self->field_filters, index);
  if (match != NULL)
    *match = filter->match;
  if (value != NULL)
    *value = filter->value;

  return filter->key;
}

/* Letters that NFKD leaves alone but that people type without their
 * stroke or as two letters. Input is casefolded (ß and ẞ are "ss" by
 * then); each replacement is no longer than the UTF-8 it replaces, which
 * lets the last pass work in place. */
static const char *
fold_letter (gunichar c)
{
  switch (c)
    {
    case 0x00E6: return "ae";  /* æ */
    case 0x00F0: return "d";   /* ð */
    case 0x00F8: return "o";   /* ø */
    case 0x00FE: return "th";  /* þ */
    case 0x0111: return "d";   /* đ */
    case 0x0131: return "i";   /* ı */
    case 0x0142: return "l";   /* ł */
    case 0x0153: return "oe";  /* œ */
    default:     return NULL;
    }
}

static char *
fold_unicode (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  char *folded;
  char *w;
  gboolean pending_space = FALSE;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  /* NFKD splits "ü" into "u" + U+0308 and compatibility forms ("ﬁ", "①",
   * full-width letters) into plain ones. */
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");

  /* Drop the combining marks, in place: the text only gets shorter. */
  w = decomposed;
  for (const char *r = decomposed; *r != '\0'; )
    {
      gunichar c = g_utf8_get_char (r);
      const char *next = g_utf8_next_char (r);

      if (g_unichar_combining_class (c) == 0 && !g_unichar_ismark (c))
        {
          memmove (w, r, next - r);
          w += next - r;
        }
      r = next;
    }
  *w = '\0';

  folded = g_utf8_casefold (decomposed, w - decomposed);

  /* Map the remaining letters and collapse white space, in place. */
  w = folded;
  for (const char *r = folded; *r != '\0'; )
    {
      gunichar c = g_utf8_get_char (r);
      const char *next = g_utf8_next_char (r);
      const char *replacement;

      if (g_unichar_isspace (c))
        {
          pending_space = w != folded;
          r = next;
          continue;
        }

      if (pending_space)
        {
          *w++ = ' ';
          pending_space = FALSE;
        }

      replacement = c >= 0x80 ? fold_letter (c) : NULL;
      if (replacement != NULL)
        {
          gsize len = strlen (replacement);

          g_assert (len <= (gsize) (next - r));
          memcpy (w, replacement, len);
          w += len;
        }
      else
        {
          memmove (w, r, next - r);
          w += next - r;
        }
      r = next;
    }
  *w = '\0';

  return folded;
}

/* Latin-1 Supplement to Latin Extended-B (U+0080–U+024F) covers the
 * names and streets of most European customers. Each of these code points
 * folds the same on its own as inside a word (NFKD and casefolding work
 * per character), so their folds are computed once through the full path
 * and looked up afterwards. Left out, and so sent down the full path:
 * white space, characters that fold to nothing, to white space or to more
 * UTF-8 than they take (the fast path writes in a buffer of the input's
 * size). A combining mark after one of them is not in the table, so such
 * text takes the full path as a whole. */
#define LATIN_FIRST 0x80
#define LATIN_LAST  0x24F

static const char *latin_folds[LATIN_LAST - LATIN_FIRST + 1];

static void
ensure_latin_folds (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;

  for (gunichar c = LATIN_FIRST; c <= LATIN_LAST; c++)
    {
      char utf8[8] = { 0, };
      char *folded;
      gboolean usable = TRUE;

      g_unichar_to_utf8 (c, utf8);
      folded = fold_unicode (utf8);

      if (folded[0] == '\0' || strlen (folded) > strlen (utf8))
        usable = FALSE;
      for (const char *p = folded; usable && *p != '\0'; p = g_utf8_next_char (p))
        usable = !g_unichar_isspace (g_utf8_get_char (p));

      if (usable)
        latin_folds[c - LATIN_FIRST] = folded;  /* kept for the life of the process */
      else
        g_free (folded);
    }

  g_once_init_leave (&initialized, 1);
}

/* One pass, one allocation, for text made of ASCII and the table above
 * (what nearly every customer row is). Returns NULL for anything else, and
 * the caller takes the full path. */
static char *
fold_fast (const char *text)
{
  gsize len = strlen (text);
  char *folded = g_malloc (len + 1);
  char *w = folded;
  gboolean pending_space = FALSE;

  for (const guchar *r = (const guchar *) text; *r != '\0'; r++)
    {
      guchar c = *r;
      const char *replacement;
      gunichar code_point;

      if (c < 0x80)
        {
          if (g_ascii_isspace (c))
            {
              pending_space = w != folded;
              continue;
            }

          if (pending_space)
            {
              *w++ = ' ';
              pending_space = FALSE;
            }
          *w++ = g_ascii_tolower (c);
          continue;
        }

      /* Two-byte sequences for U+0080–U+024F: lead bytes 0xC2–0xC9, of
       * which 0xC9 reaches up to U+027F, beyond the table (found by
       * tests/fuzz/fuzz-search: U+0250–U+027F read past its end). */
      if (c < 0xC2 || c > 0xC9 || (r[1] & 0xC0) != 0x80)
        goto slow;

      code_point = ((gunichar) (c & 0x1F) << 6) | (r[1] & 0x3F);
      if (code_point > LATIN_LAST)
        goto slow;
      replacement = latin_folds[code_point - LATIN_FIRST];
      if (replacement == NULL)
        goto slow;

      if (pending_space)
        {
          *w++ = ' ';
          pending_space = FALSE;
        }
      for (const char *p = replacement; *p != '\0'; p++)
        *w++ = *p;
      r++;
    }

  *w = '\0';
  return folded;

slow:
  g_free (folded);
  return NULL;
}

/**
 * clt_fold_text:
 * @text: (nullable): UTF-8 text; invalid sequences are replaced
 *
 * Folds @text for case- and accent-insensitive matching: NFKD, combining
 * marks dropped, casefolded, ß → ss, æ → ae, œ → oe, ø → o, ł → l,
 * đ → d, white space collapsed to single spaces and trimmed. Indexing and
 * querying both go through it, so they agree.
 *
 * Returns: (transfer full): the folded text, "" for %NULL
 */
char *
clt_fold_text (const char *text)
{
  char *folded;

  if (text == NULL || text[0] == '\0')
    return g_strdup ("");

  ensure_latin_folds ();

  folded = fold_fast (text);
  if (folded != NULL)
    return folded;

  return fold_unicode (text);
}
