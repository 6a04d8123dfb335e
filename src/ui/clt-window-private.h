/* clt-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of CltWindow share: clt-window.c (the table, search,
 * pages, editors and the public API), clt-window-delete.c (deleting
 * with Undo on the store's pending deletions) and clt-window-session.c
 * (the role, and the bar shown while the back end can't be reached), and
 * the getters tests use.
 */

#pragma once

#include <adwaita.h>

#include "clt-assisted-buying.h"
#include "clt-customer-editor.h"
#include "clt-customer-filter.h"
#include "clt-customer-page.h"
#include "clt-customer-table.h"
#include "clt-window.h"

G_BEGIN_DECLS

struct _CltWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  GtkButton            *add_button;
  GtkBox               *banner_box;
  GtkBox               *banner_slot;
  GtkButton            *load_sample_button;
  GtkSpinner           *load_sample_spinner;
  GtkButton            *empty_add_button;
  CltCustomerFilter    *filter;
  AdwStatusPage        *empty_page;
  GtkStack             *main_stack;
  GtkLabel             *offline_label;
  GtkRevealer          *offline_revealer;
  CltCustomerPage      *page;
  GtkLabel             *read_only_label;
  GtkRevealer          *read_only_revealer;
  GtkButton            *sign_in_button;
  GtkLabel             *signed_out_label;
  GtkRevealer          *signed_out_revealer;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *selection_label;
  GtkRevealer          *selection_revealer;
  GtkStack             *stack;
  CltCustomerTable     *table;
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;

  CltStore             *store;
  CltCustomerList      *list;
  GSettings            *settings;
  GCancellable         *cancellable;
  GCancellable         *count_cancellable;
  GCancellable         *fetch_cancellable;

  /* Confirmed deletions the store still waits to finish (PendingDelete,
   * owned): their toasts offer Undo. */
  GPtrArray            *deletions;
  /* The open Add/Edit dialog (weak) and, when editing, its customer. */
  CltCustomerEditor    *editor;
  CltCustomer          *editor_customer;
  /* What had the keyboard focus when the dialog opened (weak): it gets it
   * back when the dialog closes. */
  GtkWidget            *editor_opener;
  /* The customer just added: its row gets the focus once it shows. */
  char                 *added_customer_id;
  guint                 added_focus_tick;
  guint                 added_position;
  guint                 added_tries;
  /* The rows' context menu: View, Edit…, Delete…. */
  GtkPopoverMenu       *row_menu;
  /* The row menu's Assisted Buying ("assisted.*" on the window), and
   * whether the signed-in user may. */
  CltAssistedBuying    *assisted;
  gboolean              may_assist;
  /* The most recently shown toast (for tests). */
  AdwToast             *last_toast;
  /* The custom fields the table last reported (owned; NULL before): the
   * customer page, built when first opened, starts with them. */
  GPtrArray            *custom_fields;
  /* Why the signed-in user may not change customers (their role), or
   * NULL when they may (or it is not known yet). */
  char                 *edit_denied;
  /* While the back end can't be reached: the next try to reach it. */
  guint                 probe_id;
  /* The back end asked to wait (too many requests): the list's next try. */
  guint                 reload_id;

  /* All customers, counted with an unfiltered query. */
  guint                 total;
  guint                 total_known : 1;
  /* The list has answered its first count. */
  guint                 counted : 1;
  guint                 loading_sample : 1;
  /* The back end could not be reached: the bar says so. */
  guint                 offline : 1;
  /* The back end refused the sign-in (a revoked token): the bar says so. */
  guint                 signed_out : 1;
  guint                 probing : 1;
  guint                 disposed : 1;
};

/* Getters for tests and the benchmark. */

CltCustomerList   *clt_window_get_customer_list      (CltWindow   *self);
GtkEditable       *clt_window_get_search_entry       (CltWindow   *self);
GtkColumnView     *clt_window_get_column_view        (CltWindow   *self);
/* The visible page: "table", "empty" (no customers at all),
 * "no-results" (the search found nothing) or "customer" (the customer
 * page, opened with win.show-customer, Enter or a double click on a row). */
const char        *clt_window_get_visible_page       (CltWindow   *self);
/* The customer page next to the table, built when first asked for. */
CltCustomerPage   *clt_window_get_customer_page      (CltWindow   *self);
/* The open Add/Edit Customer dialog, or NULL. */
CltCustomerEditor *clt_window_get_editor             (CltWindow   *self);
/* The toast added last (it may have gone already: then NULL). */
AdwToast          *clt_window_get_last_toast         (CltWindow   *self);
/* Whether the bar saying that the back end can't be reached shows. */
gboolean           clt_window_get_offline            (CltWindow   *self);
/* Whether the bar saying that the sign-in is no longer valid shows. */
gboolean           clt_window_get_signed_out         (CltWindow   *self);
/* Why the user may not change customers, or NULL. */
const char        *clt_window_get_edit_denied        (CltWindow   *self);
/* Back from the customer page to the table, as the page's Back does. */
void               clt_window_show_table             (CltWindow   *self);

/* clt-window.c */

void               _clt_window_update_title          (CltWindow   *self);
/* Shows what @query finds (a search or a filter changed): the list, the
 * total to say "12 of 1,000", the title. */
void               _clt_window_set_query             (CltWindow   *self,
                                                      CltQuery    *query);
gboolean           _clt_window_page_is_visible       (CltWindow   *self);
CltCustomerPage   *_clt_window_ensure_page           (CltWindow   *self);
/* The loaded customer of the selected row, or NULL. */
CltCustomer       *_clt_window_get_selected_customer (CltWindow   *self);
void               _clt_window_show_toast            (CltWindow   *self,
                                                      AdwToast    *toast);
/* A toast saying that @what failed and why (@error's message, or words
 * for its code); nothing for a cancellation. UNAVAILABLE shows the bar
 * that says the back end can't be reached instead, until it can, and
 * NOT_SIGNED_IN the bar that offers to sign in again. */
void               _clt_window_show_error            (CltWindow   *self,
                                                      const char  *what,
                                                      const GError *error);

void               _clt_window_update_actions        (CltWindow   *self);
void               _clt_window_update_load_sample    (CltWindow   *self);

/* clt-window-session.c */

/* Puts the bars about the whole window (offline, signed out) under the
 * header bar of the page that shows: the table's or the customer page's. */
void               _clt_window_place_banners         (CltWindow   *self);

/* Asks the store who is signed in, and offers the writes their role may. */
void               _clt_window_query_user            (CltWindow   *self);
/* The back end could not be reached (@error, UNAVAILABLE) or, with NULL,
 * answered again: shows or hides the bar that says so. */
void               _clt_window_set_offline           (CltWindow   *self,
                                                      const GError *error);
/* The back end refused the sign-in (@error, NOT_SIGNED_IN) or, with NULL,
 * took it again: shows or hides the bar that offers to sign in. */
void               _clt_window_set_signed_out        (CltWindow   *self,
                                                      const GError *error);
/* The list could not load as the back end was busy (@error,
 * TOO_MANY_REQUESTS): loads it again once the wait it asked for is over. */
void               _clt_window_reload_later          (CltWindow   *self,
                                                      const GError *error);
void               _clt_window_retry_connection_action (GtkWidget  *widget,
                                                        const char *action_name,
                                                        GVariant   *parameter);

/* clt-window-membership.c */

/* Installs win.show-group (s), win.show-company (s), win.add-to-group and
 * win.remove-from-group (on the selected customers). */
void               _clt_window_class_init_membership (GtkWidgetClass *widget_class);
/* Installs win.add-customer and win.edit-customer (clt-window-editor.c). */
void               _clt_window_class_init_editor     (GtkWidgetClass *widget_class);
/* Opens the Edit dialog for the current customer. */
void               _clt_window_edit_customer         (CltWindow   *self);
/* The customer that Edit and Delete act on: the page's, or the selected
 * row's while the table shows. */
CltCustomer       *_clt_window_get_current_customer  (CltWindow   *self);
/* The list changed: the customer just added, if among its rows, is
 * selected and its row focused. */
void               _clt_window_focus_added_customer  (CltWindow   *self);
/* Connects the group and company filter and the selection bar. */
void               _clt_window_init_membership       (CltWindow   *self);
/* Shows the selection bar for several selected rows; enables the group
 * actions for the selection and the user's role. */
void               _clt_window_update_selection      (CltWindow   *self);
/* The ids of the selected customers whose rows have loaded (NULL-terminated). */
GStrv              _clt_window_dup_selected_ids      (CltWindow   *self);
/* Adds the row menu's section for the selected customers: Add to
 * Group…, Remove from Group…. */
void               _clt_window_append_group_section  (CltWindow   *self,
                                                      GMenu       *menu);

/* clt-window-delete.c */

void               _clt_window_init_deletions        (CltWindow   *self);
/* Ctrl+Z: takes back the latest deletion whose Undo toast shows; FALSE
 * when none shows. */
gboolean           _clt_window_undo_last_deletion    (CltWindow   *self);
/* Asks, then deletes @customer with Undo. */
void               _clt_window_confirm_delete        (CltWindow   *self,
                                                      CltCustomer *customer);
/* Finishes now every deletion still waiting out its undo time. */
void               _clt_window_finish_all_deletions  (CltWindow   *self);

G_END_DECLS
