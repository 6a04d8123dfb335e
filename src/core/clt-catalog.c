/* clt-catalog.c
 *
 * Translations in a locale other than the process's: the emails Clientele
 * writes for a customer are in the customer's language, whatever language
 * the app or the server runs in. gettext () knows only the process locale
 * (switching it with setlocale () or uselocale () races with other threads,
 * needs that locale installed on the system, and LANGUAGE overrides it), so
 * this reads the same compiled catalogs (LOCALEDIR/LANG/LC_MESSAGES/
 * clientele.mo) itself: each is mapped once, kept for the life of the
 * process, and looked up by binary search (msgfmt sorts the originals).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-catalog"

#include "config.h"

#include <string.h>

#include "clt-catalog.h"

#define MO_MAGIC         0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

typedef struct
{
  GMappedFile *file;
  const char  *data;
  gsize        size;
  guint32      n_strings;
  guint32      originals;
  guint32      translations;
  gboolean     swapped;
} Catalog;

static GMutex catalogs_lock;
static GHashTable *catalogs;  /* locale → Catalog, or a NULL value when there is none */

static guint32
read_u32 (const Catalog *catalog,
          gsize          offset)
{
  guint32 value;

  memcpy (&value, catalog->data + offset, sizeof value);
  return catalog->swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

/* The NUL-terminated string that table entry @index describes, or NULL
 * when the file says something out of bounds. */
static const char *
entry_string (const Catalog *catalog,
              guint32        table,
              guint32        index)
{
  gsize entry = (gsize) table + (gsize) index * 8;
  guint32 length, offset;

  if (entry + 8 > catalog->size)
    return NULL;
  length = read_u32 (catalog, entry);
  offset = read_u32 (catalog, entry + 4);
  if ((gsize) offset + length >= catalog->size || catalog->data[offset + length] != '\0')
    return NULL;

  return catalog->data + offset;
}

static Catalog *
catalog_open (const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  Catalog *catalog;
  guint32 magic;

  if (file == NULL || g_mapped_file_get_length (file) < 20)
    return NULL;

  catalog = g_new0 (Catalog, 1);
  catalog->data = g_mapped_file_get_contents (file);
  catalog->size = g_mapped_file_get_length (file);
  memcpy (&magic, catalog->data, sizeof magic);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    {
      g_free (catalog);
      return NULL;
    }
  catalog->swapped = magic == MO_MAGIC_SWAPPED;
  catalog->n_strings = read_u32 (catalog, 8);
  catalog->originals = read_u32 (catalog, 12);
  catalog->translations = read_u32 (catalog, 16);
  catalog->file = g_steal_pointer (&file);

  return catalog;
}

/* de_AT.UTF-8@euro → de_AT, then de. */
static Catalog *
catalog_for_locale (const char *locale)
{
  g_autofree char *base = g_strndup (locale, strcspn (locale, ".@"));
  g_autofree char *language = NULL;
  const char *candidates[2];

  g_strdelimit (base, "-", '_');
  language = g_strndup (base, strcspn (base, "_"));
  candidates[0] = base;
  candidates[1] = language;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *path = g_build_filename (clt_catalog_get_directory (), candidates[i],
                                                "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      Catalog *catalog = catalog_open (path);

      if (catalog != NULL)
        return catalog;
    }

  return NULL;
}

static const char *
catalog_lookup (const Catalog *catalog,
                const char    *msgid)
{
  guint32 low = 0, high = catalog->n_strings;

  while (low < high)
    {
      guint32 middle = low + (high - low) / 2;
      const char *original = entry_string (catalog, catalog->originals, middle);
      int cmp;

      if (original == NULL)
        return NULL;
      cmp = strcmp (msgid, original);
      if (cmp == 0)
        {
          const char *translation = entry_string (catalog, catalog->translations, middle);

          return translation != NULL && translation[0] != '\0' ? translation : NULL;
        }
      if (cmp < 0)
        high = middle;
      else
        low = middle + 1;
    }

  return NULL;
}

/**
 * clt_catalog_get_directory:
 *
 * Where the compiled translations are: `$CLT_LOCALEDIR` when set (an
 * uninstalled build, tests), else LOCALEDIR.
 */
const char *
clt_catalog_get_directory (void)
{
  const char *dir = g_getenv ("CLT_LOCALEDIR");

  return dir != NULL && dir[0] != '\0' ? dir : LOCALEDIR;
}

/**
 * clt_catalog_gettext:
 * @locale: (nullable): a locale such as "de_AT" or "de-AT"
 * @msgid: a message marked for translation with N_
 *
 * The translation of @msgid into @locale's language (its region's variant
 * when there is one), or @msgid itself when there is no translation. Safe
 * to call from any thread.
 *
 * Returns: (transfer none): a string that lives as long as the process
 */
const char *
clt_catalog_gettext (const char *locale,
                     const char *msgid)
{
  const Catalog *catalog = NULL;
  const char *translation;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (locale == NULL || locale[0] == '\0' || msgid[0] == '\0')
    return msgid;

  g_mutex_lock (&catalogs_lock);
  if (catalogs == NULL)
    catalogs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_lookup_extended (catalogs, locale, NULL, (gpointer *) &catalog))
    {
      catalog = catalog_for_locale (locale);
      g_hash_table_insert (catalogs, g_strdup (locale), (gpointer) catalog);
    }
  g_mutex_unlock (&catalogs_lock);

  if (catalog == NULL)
    return msgid;

  translation = catalog_lookup (catalog, msgid);
  return translation != NULL ? translation : msgid;
}
