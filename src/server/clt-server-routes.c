/* clt-server-routes.c — the routes of the REST API: one table that
 * dispatch walks and that clt_server_get_routes () exposes, so that the
 * test of data/openapi.yaml checks the same list the server serves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-server"

#include "config.h"

#include <string.h>

#include "clt-server-private.h"

#define R   CLT_PERMISSION_READ
#define E   CLT_PERMISSION_EDIT_CUSTOMERS
#define M   CLT_PERMISSION_MANAGE_SHOP
#define A   CLT_PERMISSION_ASSISTED_BUYING
#define B   ROUTE_BODY
#define V   ROUTE_IF_MATCH

const Route server_routes[] = {
  { "GET",    "/me",                                      handle_get_me,               R, 0 },
  { "GET",    "/customers",                               handle_list_customers,       R, 0 },
  { "POST",   "/customers",                               handle_create_customer,      E, B },
  { "POST",   "/customers/import",                        handle_import_customers,     M, B },
  { "GET",    "/customers/{id}",                          handle_get_customer,         R, 0 },
  { "PATCH",  "/customers/{id}",                          handle_patch_customer,       E, B | V },
  { "DELETE", "/customers/{id}",                          handle_delete_customer,      E, V },
  { "GET",    "/customers/{id}/details",                  handle_get_customer_details, R, 0 },
  { "POST",   "/customers/{id}/restore",                  handle_restore_customer,     E, 0 },
  { "POST",   "/customers/{id}/password-reset",           handle_password_reset,       E, 0 },
  { "PUT",    "/customers/{id}/groups",                   handle_put_groups,           E, B | V },
  { "PUT",    "/customers/{id}/company",                  handle_put_company,          E, B | V },
  { "PUT",    "/customers/{id}/default-address",          handle_put_default_address,  E, B | V },
  { "POST",   "/customers/{id}/assisted-buying",          handle_start_assisted_buying, A, B },
  { "GET",    "/customers/{id}/assisted-buying",          handle_list_assisted_buying, R, 0 },
  { "GET",    "/customers/{id}/addresses",                handle_list_addresses,       R, 0 },
  { "POST",   "/customers/{id}/addresses",                handle_create_address,       E, B },
  { "GET",    "/customers/{id}/addresses/{addressId}",    handle_get_address,          R, 0 },
  { "PATCH",  "/customers/{id}/addresses/{addressId}",    handle_patch_address,        E, B | V },
  { "DELETE", "/customers/{id}/addresses/{addressId}",    handle_delete_address,       E, V },
  { "GET",    "/customers/{id}/notes",                    handle_list_notes,           R, 0 },
  { "POST",   "/customers/{id}/notes",                    handle_add_note,             E, B },
  { "GET",    "/customers/{id}/orders",                   handle_list_orders,          R, 0 },
  { "GET",    "/customers/{id}/emails",                   handle_list_emails,          R, 0 },
  { "PUT",    "/emails/{emailId}/state",                  handle_set_email_state,      E, B },
  { "GET",    "/sites",                                   handle_list_sites,           R, 0 },
  { "POST",   "/sites",                                   handle_create_site,          M, B },
  { "PUT",    "/sites/{code}",                            handle_put_site,             M, B | V },
  { "DELETE", "/sites/{code}",                            handle_delete_site,          M, V },
  { "GET",    "/groups",                                  handle_list_groups,          R, 0 },
  { "POST",   "/groups",                                  handle_create_group,         M, B },
  { "PUT",    "/groups/{code}",                           handle_put_group,            M, B | V },
  { "DELETE", "/groups/{code}",                           handle_delete_group,         M, V },
  { "GET",    "/companies",                               handle_list_companies,       R, 0 },
  { "POST",   "/companies",                               handle_create_company,       M, B },
  { "PUT",    "/companies/{id}",                          handle_put_company_resource, M, B | V },
  { "DELETE", "/companies/{id}",                          handle_delete_company,       M, V },
  { "GET",    "/custom-fields",                           handle_list_custom_fields,   R, 0 },
  { "POST",   "/custom-fields",                           handle_create_custom_field,  M, B },
  { "PUT",    "/custom-fields/{key}",                     handle_put_custom_field,     M, B | V },
  { "DELETE", "/custom-fields/{key}",                     handle_delete_custom_field,  M, V },
  { "GET",    "/preferences",                             handle_get_preferences,      R, 0 },
  { "PUT",    "/preferences",                             handle_put_preferences,      M, B | V },
  { "GET",    "/changes",                                 handle_get_changes,          R, 0 },
  { "POST",   "/assisted-buying/redeem",                  handle_redeem_assisted_buying, R, B },
};

const guint n_server_routes = G_N_ELEMENTS (server_routes);

#undef R
#undef E
#undef M
#undef A
#undef B
#undef V

static const char *
segment_end (const char *p)
{
  const char *slash = strchr (p, '/');

  return slash != NULL ? slash : p + strlen (p);
}

/* A path segment as an id: percent-decoded once, and then non-empty,
 * printable UTF-8 without '/' (nor NUL); NULL otherwise. */
static char *
decode_id (const char *segment,
           gsize       length)
{
  g_autofree char *raw = g_strndup (segment, length);
  g_autoptr(GBytes) bytes = g_uri_unescape_bytes (raw, -1, NULL, NULL);
  const char *data;
  gsize size = 0;

  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  if (size == 0 || memchr (data, '\0', size) != NULL || memchr (data, '/', size) != NULL ||
      !g_utf8_validate_len (data, size, NULL))
    return NULL;

  for (const char *p = data; p < data + size; p = g_utf8_next_char (p))
    if (!g_unichar_isprint (g_utf8_get_char (p)))
      return NULL;

  return g_strndup (data, size);
}

/* Matches @path (after API_PREFIX, still percent-encoded) against the
 * route's pattern, filling @params. */
static gboolean
match_path (const char  *pattern,
            const char  *path,
            char       **params)
{
  guint n_params = 0;

  while (*pattern != '\0' && *path != '\0')
    {
      const char *pattern_end;
      const char *path_end;

      if (*pattern != '/' || *path != '/')
        return FALSE;
      pattern++;
      path++;

      pattern_end = segment_end (pattern);
      path_end = segment_end (path);

      if (*pattern == '{')
        {
          char *id = decode_id (path, path_end - path);

          if (id == NULL || n_params >= 2)
            {
              g_free (id);
              return FALSE;
            }
          params[n_params++] = id;
        }
      else if ((gsize) (pattern_end - pattern) != (gsize) (path_end - path) ||
               strncmp (pattern, path, pattern_end - pattern) != 0)
        return FALSE;

      pattern = pattern_end;
      path = path_end;
    }

  return *pattern == '\0' && *path == '\0';
}

const Route *
route_match (const char  *method,
             const char  *path,
             char       **params,
             gboolean    *path_known)
{
  *path_known = FALSE;

  for (guint i = 0; i < n_server_routes; i++)
    {
      char *found[2] = { NULL, NULL };

      if (!match_path (server_routes[i].path, path, found))
        {
          g_free (found[0]);
          g_free (found[1]);
          continue;
        }

      if (g_str_equal (server_routes[i].method, method))
        {
          params[0] = found[0];
          params[1] = found[1];
          return &server_routes[i];
        }

      *path_known = TRUE;
      g_free (found[0]);
      g_free (found[1]);
    }

  return NULL;
}
