/* clt-validate-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-validate"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "clt-error.h"
#include "clt-query.h"
#include "clt-validate.h"
#include "clt-validate-private.h"

#define MAX_FIELD_FILTERS 64u

/* Any text may be searched for, but not without bounds: the store makes
 * an FTS term of every word. Line breaks and tabs pasted with it are only
 * white space to the search. */
static gboolean
check_query_search_text (gpointer   query,
                         char     **message)
{
  return check_text (clt_query_get_search_text (query), CLT_VALIDATE_MAX_SEARCH, TRUE, message);
}

static gboolean
check_query_status (gpointer   query,
                    char     **message)
{
  if ((guint) clt_query_get_status (query) > CLT_STATUS_FILTER_UNVERIFIED)
    return fail (message, _("Choose a status from the list"));

  return TRUE;
}

/* Group and site filters name what customers hold: text, not only codes. */
static gboolean
check_query_group (gpointer   query,
                   char     **message)
{
  return check_text (clt_query_get_group (query), CLT_VALIDATE_MAX_CODE, FALSE, message);
}

static gboolean
check_query_company (gpointer   query,
                     char     **message)
{
  return check_text (clt_query_get_company (query), CLT_VALIDATE_MAX_CODE, FALSE, message);
}

static gboolean
check_query_site (gpointer   query,
                  char     **message)
{
  return check_text (clt_query_get_site (query), CLT_VALIDATE_MAX_CODE, FALSE, message);
}

static gboolean
check_query_country (gpointer   query,
                     char     **message)
{
  const char *country = clt_query_get_country (query);

  if (country[0] == '\0')
    return TRUE;

  return clt_validate_country (country, message);
}

static gboolean
check_query_sort_key (gpointer   query,
                      char     **message)
{
  if ((guint) clt_query_get_sort_key (query) >= CLT_N_SORT_KEYS)
    return fail (message, _("Choose a column to sort by"));

  return TRUE;
}

static gboolean
check_query_sort_direction (gpointer   query,
                            char     **message)
{
  if ((guint) clt_query_get_sort_direction (query) > CLT_SORT_DESCENDING)
    return fail (message, _("Choose ascending or descending order"));

  return TRUE;
}

static gboolean
check_query_sort_field (gpointer   query,
                        char     **message)
{
  const char *key = clt_query_get_sort_field (query);

  if (key[0] != '\0' && !is_custom_field_key (key))
    return fail (message, _("There is no such custom field"));

  return TRUE;
}

static gboolean
check_query_field_filters (gpointer   query,
                           char     **message)
{
  guint n = clt_query_get_n_field_filters (query);

  /* Each is a condition of the store's query: a bounded number. */
  if (n > MAX_FIELD_FILTERS)
    return fail_printf (message, _("Filter by at most %u custom field values"), MAX_FIELD_FILTERS);

  for (guint i = 0; i < n; i++)
    {
      CltFieldMatch match;
      const char *value;
      const char *key = clt_query_get_field_filter (query, i, &match, &value);

      if (!is_custom_field_key (key))
        return fail (message, _("There is no such custom field"));
      if ((guint) match > CLT_FIELD_MATCH_AT_MOST)
        return fail (message, _("Choose how to compare the value"));
      if (!check_text (value, CLT_VALIDATE_MAX_TEXT, FALSE, message))
        return FALSE;
    }

  return TRUE;
}

static const ObjectCheck query_checks[] =
{
  { "search-text", check_query_search_text },
  { "status", check_query_status },
  { "group", check_query_group },
  { "company", check_query_company },
  { "site", check_query_site },
  { "country", check_query_country },
  { "sort-key", check_query_sort_key },
  { "sort-direction", check_query_sort_direction },
  { "sort-field", check_query_sort_field },
  { "field-filters", check_query_field_filters },
};

/* Public API ------------------------------------------------------------ */

/**
 * clt_validate_query:
 * @query: what a caller asks a store for
 * @error: a CLT_STORE_ERROR_INVALID naming the first failing property
 *
 * For queries from outside (the server): the search text valid UTF-8,
 * at most CLT_VALIDATE_MAX_SEARCH characters, of the text rules (line
 * breaks and tabs allowed); enums in range; group and site filters text
 * of at most 64 characters; the country empty or ISO 3166-1.
 *
 * Returns: whether @query may be handed to a store
 */
gboolean
clt_validate_query (CltQuery  *query,
                    GError   **error)
{
  g_return_val_if_fail (CLT_IS_QUERY (query), FALSE);

  return run_object_checks (query, query_checks, G_N_ELEMENTS (query_checks), error);
}

/**
 * clt_validate_page:
 * @page_index: which page, from 0
 * @page_size: how many items a page has
 * @error: a CLT_STORE_ERROR_INVALID for "page-size" or "page-index"
 *
 * Returns: whether @page_size is 1 to CLT_VALIDATE_MAX_PAGE_SIZE and the
 *   end of the page, (@page_index + 1) × @page_size, fits a guint, so
 *   that neither its offset nor offset + limit wrap
 */
gboolean
clt_validate_page (guint    page_index,
                   guint    page_size,
                   GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (page_size == 0 || page_size > CLT_VALIDATE_MAX_PAGE_SIZE)
    {
      g_propagate_error (error,
                         clt_store_error_new_invalid ("page-size", _("Ask for 1 to %u items per page"),
                                                      (guint) CLT_VALIDATE_MAX_PAGE_SIZE));
      return FALSE;
    }

  if (page_index >= G_MAXUINT / page_size)
    {
      g_propagate_error (error,
                         clt_store_error_new_invalid ("page-index",
                                                      _("This page is past the end of any list")));
      return FALSE;
    }

  return TRUE;
}

/**
 * clt_validate_list_request:
 * @page_index: the page asked for
 * @page_size: how many customers a page has
 * @query: (nullable): the filters and order
 * @error: a CLT_STORE_ERROR_TOO_LARGE above CLT_VALIDATE_MAX_PAGE_SIZE,
 *   else a CLT_STORE_ERROR_INVALID
 *
 * Returns: whether a store may list this page
 */
gboolean
clt_validate_list_request (guint     page_index,
                           guint     page_size,
                           CltQuery *query,
                           GError  **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (page_size > CLT_VALIDATE_MAX_PAGE_SIZE)
    {
      g_set_error (error, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_LARGE,
                   _("A page holds at most %u customers."), (guint) CLT_VALIDATE_MAX_PAGE_SIZE);
      return FALSE;
    }

  return clt_validate_page (page_index, page_size, error) &&
         (query == NULL || clt_validate_query (query, error));
}
