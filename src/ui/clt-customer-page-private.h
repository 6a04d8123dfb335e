/* clt-customer-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of CltCustomerPage share: clt-customer-page.c (the load,
 * lifecycle and public API), clt-customer-page-rows.c (what the
 * page shows: the field rows, the header and the rows of its lists) and
 * clt-customer-page-actions.c (the customer.* actions and the writes they
 * start), clt-customer-page-notes.c (the note box: adding a note, and
 * the drafts kept per customer) and clt-customer-page-membership.c (groups
 * and company), and the getters tests use.
 */

#pragma once

#include <adwaita.h>

#include "clt-assisted-buying-button.h"
#include "clt-assisted-buying-log.h"
#include "clt-custom-fields-group.h"
#include "clt-customer-marketing-group.h"
#include "clt-customer-page.h"
#include "clt-types.h"

G_BEGIN_DECLS

/* The fields of the Overview tab that are plain values. */
typedef enum
{
  FIELD_SALUTATION,
  FIELD_TITLE,
  FIELD_FIRST_NAME,
  FIELD_MIDDLE_NAME,
  FIELD_LAST_NAME,
  FIELD_GENDER,
  FIELD_DATE_OF_BIRTH,
  FIELD_PHONE,
  FIELD_COMPANY,
  FIELD_LOCALE,
  FIELD_CURRENCY,
  FIELD_PREFERRED_SITE,
  FIELD_RESTRICTION,
  FIELD_ID,
  FIELD_NUMBER,
  FIELD_REGISTERED,
  FIELD_LAST_LOGIN,
  FIELD_UPDATED,
  FIELD_COMPANY_ACCOUNT,
  FIELD_BUSINESS_UNIT,
  FIELD_ROLES,
  N_FIELDS
} CltCustomerPageField;

struct _CltCustomerPage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *account_group;
  GtkLabel             *active_badge;
  CltAssistedBuyingButton *assisted_button;
  CltAssistedBuyingLog *assisted_log;
  GtkButton            *attach_company_button;
  GtkSwitch            *active_switch;
  GtkButton            *add_note_button;
  GtkListBox           *address_list;
  GtkStack             *addresses_stack;
  GtkBox               *banner_slot;
  AdwPreferencesGroup  *company_group;
  CltCustomFieldsGroup *custom_fields_group;
  CltCustomerMarketingGroup *marketing_group;
  GtkButton            *delete_button;
  GtkButton            *edit_button;
  GtkLabel             *email_label;
  GtkListBox           *email_list;
  AdwStatusPage        *error_page;
  GtkListBox           *group_list;
  GtkStack             *main_stack;
  GtkButton            *mark_verified_button;
  GtkLabel             *name_label;
  GtkLabel             *note_error_label;
  GtkListBox           *note_list;
  GtkTextView          *note_view;
  GtkLabel             *number_label;
  GtkLabel             *on_hold_badge;
  GtkSwitch            *on_hold_switch;
  GtkListBox           *order_list;
  GtkStack             *orders_stack;
  AdwPreferencesGroup  *personal_group;
  AdwPreferencesGroup  *shop_group;
  GtkSpinner           *spinner;
  GtkBox               *summary_buttons;
  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *verified_badge;
  AdwActionRow         *verified_row;
  AdwViewStack         *view_stack;

  /* The Overview's fields: a cell (GtkFlowBoxChild) of a property grid
   * each, holding the field's name and its value label. */
  GtkWidget            *field_cells[N_FIELDS];
  GtkLabel             *field_values[N_FIELDS];
  /* In the Company cell: the company's name, a link to it (see
   * clt-customer-page-membership.c). */
  GtkButton            *company_link;

  CltStore             *store;
  char                 *customer_id;
  CltCustomer          *customer;
  GPtrArray            *addresses;
  GPtrArray            *emails;
  /* The customer's groups, its company and the shop's sites, from the
   * same answer as the customer. */
  GPtrArray            *groups;
  CltCompany           *company;
  GPtrArray            *sites;

  /* The current load; a new load cancels it. */
  GCancellable         *load_cancellable;
  /* Writes and dialogs; cancelled when the page goes. */
  GCancellable         *cancellable;
  guint                 load_generation;
  /* The note drafts: customer id → what was typed in the note box for
   * that customer and not added yet (clt-customer-page-notes.c). The
   * shown customer's is the box's text, kept up to date as it changes. */
  GHashTable           *drafts;
  /* What "n-drafts" said last. */
  guint                 n_drafts;
  /* Notes being added. */
  guint                 adding_notes;
  /* Why the signed-in user may not change customers (their role), or
   * NULL when they may. */
  char                 *edit_denied;
  /* A reload asked for by "changed", run once per burst. */
  guint                 reload_idle_id;

  guint                 loading : 1;
  /* Set while the page moves its switches itself. */
  guint                 syncing : 1;
  guint                 updating_customer : 1;
  /* Set while the note box shows a draft: not the user's typing. */
  guint                 showing_draft : 1;
};

/* Getters for tests. */

gboolean   clt_customer_page_get_loading         (CltCustomerPage *self);
/* The box under the page's header bar where the window puts the bars
 * that concern the whole window (the back end can't be reached, the
 * sign-in is no longer valid) while the page shows. */
GtkBox    *clt_customer_page_get_banner_slot     (CltCustomerPage *self);

/* clt-customer-page.c */

/* Shows @customer, fresh from the store, and notifies "customer". */
void       _clt_customer_page_set_customer       (CltCustomerPage *self,
                                                  CltCustomer     *customer);
/* Reloads from an idle, once for any number of calls before it runs. */
void       _clt_customer_page_queue_reload       (CltCustomerPage *self);
/* Notifies "n-drafts" when the number of drafts changed. */
void       _clt_customer_page_update_n_drafts    (CltCustomerPage *self);

/* clt-customer-page-rows.c */

/* Adds a row per field to the Overview's groups, sorts the notes and
 * sets the lists' placeholders. */
void       _clt_customer_page_init_rows          (CltCustomerPage *self);
void       _clt_customer_page_render_header      (CltCustomerPage *self);
void       _clt_customer_page_render_fields      (CltCustomerPage *self);
void       _clt_customer_page_render_addresses   (CltCustomerPage *self);
void       _clt_customer_page_render_notes       (CltCustomerPage *self,
                                                  GPtrArray       *notes);
void       _clt_customer_page_render_orders      (CltCustomerPage *self,
                                                  GPtrArray       *orders);
void       _clt_customer_page_render_emails      (CltCustomerPage *self);
void       _clt_customer_page_clear_lists        (CltCustomerPage *self);
GtkWidget *_clt_customer_page_create_note_row    (CltNote         *note);

/* clt-customer-page-actions.c */

/* Installs the customer.* actions and their shortcuts, and binds the
 * template callbacks of the status switches: after the template is set. */
void       _clt_customer_page_class_init_actions (CltCustomerPageClass *klass);
/* Enables the actions and the switches for the customer and the store. */
void       _clt_customer_page_update_actions     (CltCustomerPage *self);

/* The window the page is in, to parent dialogs on (NULL outside one). */
GtkWindow *_clt_customer_page_get_parent_window  (CltCustomerPage *self);
/* Says that @what failed and why; a stale or missing customer also
 * reloads the page. */
void       _clt_customer_page_report_write_error (CltCustomerPage *self,
                                                  const char      *what,
                                                  const GError    *error);

/* clt-customer-page-notes.c */

/* Installs customer.add-note (the note box's Ctrl+Return). */
void       _clt_customer_page_class_init_notes   (CltCustomerPageClass *klass);
void       _clt_customer_page_init_notes         (CltCustomerPage *self);
char      *_clt_customer_page_dup_note_text      (CltCustomerPage *self);
/* Before the page goes to another customer: remembers where the cursor
 * stands in the shown customer's draft. */
void       _clt_customer_page_keep_draft         (CltCustomerPage *self);
/* Shows the draft of the customer now shown (or an empty box), the
 * cursor where it stood. */
void       _clt_customer_page_show_draft         (CltCustomerPage *self);

/* clt-customer-page-membership.c */

/* Installs customer.add-to-group, customer.remove-from-group (s) and
 * customer.attach-company. */
void       _clt_customer_page_class_init_membership (CltCustomerPageClass *klass);
/* The group rows (each name a link to the group, with a Remove button)
 * and the company's link: after _clt_customer_page_render_fields (). */
void       _clt_customer_page_render_membership  (CltCustomerPage *self);
void       _clt_customer_page_update_membership_actions (CltCustomerPage *self,
                                                         gboolean         writable);

/* NULL, empty or only white space. */
static inline gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

G_END_DECLS
