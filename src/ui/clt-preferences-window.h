/* clt-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-application.h"
#include "clt-shop-list.h"

G_BEGIN_DECLS

#define CLT_TYPE_PREFERENCES_WINDOW (clt_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CltPreferencesWindow, clt_preferences_window, CLT, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Preferences → Back End: "This Computer" (a database file, chosen with a
 * file chooser: choosing opens it at once) or "Server" (its address and
 * an access token; "Test Connection" says in words what is wrong:
 * unreachable, TLS, a refused token, not a Clientele server; "Connect"
 * tests, keeps the token in the keyring and opens the server). The
 * choice is kept in GSettings ("back-end", "database-path",
 * "server-url"); the token never is. */

CltPreferencesWindow *clt_preferences_window_new            (CltApplication       *app,
                                                             GtkWindow            *parent);

/* The pages after Back End: the shop's sites, customer groups, companies
 * and custom fields of the open back end (see CltShopList). Admins add,
 * edit and delete there; other roles see them read-only. */
typedef enum
{
  CLT_PREFERENCES_PAGE_BACK_END,
  CLT_PREFERENCES_PAGE_SITES,
  CLT_PREFERENCES_PAGE_GROUPS,
  CLT_PREFERENCES_PAGE_COMPANIES,
  CLT_PREFERENCES_PAGE_CUSTOM_FIELDS,
} CltPreferencesPage;

void                  clt_preferences_window_show_page     (CltPreferencesWindow *self,
                                                             CltPreferencesPage    page);

/* Open one object, as the links of the customer page do: the window shows
 * its page, and (once the page has listed it) opens its editor when the
 * user may change it, else focuses its row. An object that no longer
 * exists is said in a toast. Present the window first. For example:
 *
 *   CltPreferencesWindow *prefs = clt_preferences_window_new (app, parent);
 *   gtk_window_present (GTK_WINDOW (prefs));
 *   clt_preferences_window_show_group (prefs, group_code);
 */
void                  clt_preferences_window_show_site     (CltPreferencesWindow *self,
                                                             const char           *code);
void                  clt_preferences_window_show_group    (CltPreferencesWindow *self,
                                                             const char           *code);
void                  clt_preferences_window_show_company  (CltPreferencesWindow *self,
                                                             const char           *id);
void                  clt_preferences_window_show_custom_field (CltPreferencesWindow *self,
                                                                 const char           *key);

/* Whether @url may be used for a server: https://, or http:// to this
 * computer (the token would cross the network unencrypted otherwise).
 * If not, why in @message. An empty @url is not valid, without a message. */
gboolean              clt_preferences_check_server_url     (const char           *url,
                                                             char                **message);

/* For tests. The list of a shop page (NULL for Back End). */
CltShopList          *clt_preferences_window_get_shop_list (CltPreferencesWindow *self,
                                                             CltPreferencesPage    page);
const char           *clt_preferences_window_get_url_message (CltPreferencesWindow *self);
/* What the last test or connection said, or NULL. */
const char           *clt_preferences_window_get_status     (CltPreferencesWindow *self);
gboolean              clt_preferences_window_get_busy       (CltPreferencesWindow *self);
/* Whether "Server" is chosen, and the address it shows. */
gboolean              clt_preferences_window_get_server_chosen (CltPreferencesWindow *self);
const char           *clt_preferences_window_get_server_url (CltPreferencesWindow *self);

G_END_DECLS
