/* clt-customer-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-customer-page"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-address.h"
#include "clt-address-editor.h"
#include "clt-company.h"
#include "clt-customer.h"
#include "clt-customer-page.h"
#include "clt-email.h"
#include "clt-format.h"
#include "clt-group.h"
#include "clt-iso-codes.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-site.h"
#include "clt-store.h"
#include "clt-validate.h"

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
} Field;

typedef enum
{
  SECTION_PERSONAL,
  SECTION_SHOP,
  SECTION_ACCOUNT,
  SECTION_COMPANY,
} Section;

static const struct
{
  const char *title;
  Section     section;
} field_info[N_FIELDS] = {
  [FIELD_SALUTATION]      = { N_("Salutation"),       SECTION_PERSONAL },
  [FIELD_TITLE]           = { N_("Title"),            SECTION_PERSONAL },
  [FIELD_FIRST_NAME]      = { N_("First Name"),       SECTION_PERSONAL },
  [FIELD_MIDDLE_NAME]     = { N_("Middle Name"),      SECTION_PERSONAL },
  [FIELD_LAST_NAME]       = { N_("Last Name"),        SECTION_PERSONAL },
  [FIELD_GENDER]          = { N_("Gender"),           SECTION_PERSONAL },
  [FIELD_DATE_OF_BIRTH]   = { N_("Date of Birth"),    SECTION_PERSONAL },
  [FIELD_PHONE]           = { N_("Phone"),            SECTION_PERSONAL },
  [FIELD_COMPANY]         = { N_("Company"),          SECTION_PERSONAL },
  [FIELD_LOCALE]          = { N_("Locale"),           SECTION_SHOP },
  [FIELD_CURRENCY]        = { N_("Preferred Currency"), SECTION_SHOP },
  [FIELD_PREFERRED_SITE]  = { N_("Preferred Site"),   SECTION_SHOP },
  [FIELD_RESTRICTION]     = { N_("Restriction"),      SECTION_SHOP },
  [FIELD_ID]              = { N_("Customer ID"),      SECTION_ACCOUNT },
  [FIELD_NUMBER]          = { N_("Customer Number"),  SECTION_ACCOUNT },
  [FIELD_REGISTERED]      = { N_("Registered"),       SECTION_ACCOUNT },
  [FIELD_LAST_LOGIN]      = { N_("Last Login"),       SECTION_ACCOUNT },
  [FIELD_UPDATED]         = { N_("Last Updated"),     SECTION_ACCOUNT },
  [FIELD_COMPANY_ACCOUNT] = { N_("Company"),          SECTION_COMPANY },
  [FIELD_BUSINESS_UNIT]   = { N_("Business Unit"),    SECTION_COMPANY },
  [FIELD_ROLES]           = { N_("Roles"),            SECTION_COMPANY },
};

struct _CltCustomerPage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *account_group;
  GtkLabel             *active_badge;
  GtkSwitch            *active_switch;
  GtkListBox           *address_list;
  GtkStack             *addresses_stack;
  AdwPreferencesGroup  *company_group;
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
  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *verified_badge;
  AdwActionRow         *verified_row;
  AdwViewStack         *view_stack;

  AdwActionRow         *field_rows[N_FIELDS];

  CltStore             *store;
  char                 *customer_id;
  CltCustomer          *customer;
  GPtrArray            *addresses;
  GPtrArray            *emails;
  GPtrArray            *groups;
  GPtrArray            *companies;
  GPtrArray            *sites;

  /* The current load; a new load cancels it. */
  GCancellable         *load_cancellable;
  /* Writes and dialogs; cancelled when the page goes. */
  GCancellable         *cancellable;
  guint                 load_generation;
  guint                 n_pending;

  /* Set while the page moves its switches itself. */
  guint                 syncing : 1;
  guint                 updating_customer : 1;
  guint                 adding_note : 1;
};

G_DEFINE_FINAL_TYPE (CltCustomerPage, clt_customer_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  BACK_REQUESTED,
  EDIT_REQUESTED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One request of a load: answers of an older load are dropped. */
typedef enum
{
  LIST_ADDRESSES,
  LIST_NOTES,
  LIST_ORDERS,
  LIST_EMAILS,
  LIST_GROUPS,
  LIST_COMPANIES,
  LIST_SITES,
} ListKind;

typedef struct
{
  CltCustomerPage *self;
  guint            generation;
  ListKind         kind;
} LoadData;

static void load (CltCustomerPage *self,
                  gboolean         show_spinner);

static LoadData *
load_data_new (CltCustomerPage *self)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->self = g_object_ref (self);
  data->generation = self->load_generation;

  return data;
}

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

/* Takes @data's page when its load is still the current one. */
static CltCustomerPage *
load_data_get_current (LoadData     *data,
                       const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  if (data->generation != data->self->load_generation)
    return NULL;

  return data->self;
}

static void
finish_request (CltCustomerPage *self)
{
  g_assert (self->n_pending > 0);

  self->n_pending--;
  if (self->n_pending == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

static const char *
or_dash (const char *text)
{
  /* Translators: shown for a field that has no value */
  return is_blank (text) ? _("—") : text;
}

static void
clear_list_box (GtkListBox *list_box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list_box))) != NULL)
    gtk_list_box_remove (list_box, child);
}

static GtkWidget *
placeholder_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static GtkWidget *
badge_new (const char *text,
           const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "customer-badge");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

static gboolean
is_writable (CltCustomerPage *self)
{
  return self->customer != NULL && !clt_store_get_read_only (self->store);
}

static char *
dup_note_text (CltCustomerPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_actions (CltCustomerPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean writable = is_writable (self);
  gboolean verified = self->customer != NULL && clt_customer_get_verified (self->customer);
  g_autofree char *note = dup_note_text (self);
  g_autoptr(GError) note_error = NULL;
  gboolean note_valid;

  gtk_widget_action_set_enabled (widget, "customer.edit", writable);
  gtk_widget_action_set_enabled (widget, "customer.delete", writable);
  gtk_widget_action_set_enabled (widget, "customer.add-address", writable);
  gtk_widget_action_set_enabled (widget, "customer.edit-address", writable);
  gtk_widget_action_set_enabled (widget, "customer.delete-address", writable);
  gtk_widget_action_set_enabled (widget, "customer.set-default-billing", writable);
  gtk_widget_action_set_enabled (widget, "customer.set-default-shipping", writable);
  gtk_widget_action_set_enabled (widget, "customer.open-email", self->customer != NULL);
  /* A blank box is simply not ready; anything else wrong is said under it. */
  note_valid = clt_validate_note_message (note, &note_error);
  gtk_label_set_label (self->note_error_label,
                       note_error != NULL && !is_blank (note) ? note_error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_error_label),
                          note_error != NULL && !is_blank (note));
  gtk_widget_action_set_enabled (widget, "customer.add-note",
                                 writable && !self->adding_note && note_valid);
  gtk_widget_action_set_enabled (widget, "customer.mark-verified",
                                 writable && !verified && !self->updating_customer);

  gtk_widget_set_sensitive (GTK_WIDGET (self->active_switch),
                            writable && !self->updating_customer);
  gtk_widget_set_sensitive (GTK_WIDGET (self->on_hold_switch),
                            writable && !self->updating_customer);
}

static const char *
lookup_group_name (CltCustomerPage *self,
                   const char      *code,
                   const char     **description)
{
  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    {
      CltGroup *group = g_ptr_array_index (self->groups, i);

      if (g_strcmp0 (clt_group_get_code (group), code) == 0)
        {
          *description = clt_group_get_description (group);
          return clt_group_get_name (group);
        }
    }

  *description = NULL;
  return code;
}

static const char *
lookup_company_name (CltCustomerPage *self,
                     const char      *company_id)
{
  for (guint i = 0; self->companies != NULL && i < self->companies->len; i++)
    {
      CltCompany *company = g_ptr_array_index (self->companies, i);

      if (g_strcmp0 (clt_company_get_id (company), company_id) == 0)
        return clt_company_get_name (company);
    }

  return company_id;
}

static char *
dup_site_name (CltCustomerPage *self,
               const char      *code)
{
  if (is_blank (code))
    return NULL;

  for (guint i = 0; self->sites != NULL && i < self->sites->len; i++)
    {
      CltSite *site = g_ptr_array_index (self->sites, i);

      if (g_strcmp0 (clt_site_get_code (site), code) == 0 && !is_blank (clt_site_get_name (site)))
        /* Translators: a site's name and its code, "Main Shop (main)" */
        return g_strdup_printf (_("%s (%s)"), clt_site_get_name (site), code);
    }

  return g_strdup (code);
}

static char *
dup_coded_name (const char *code,
                const char *name)
{
  if (is_blank (code))
    return NULL;
  if (name == NULL)
    return g_strdup (code);

  /* Translators: a name and its code, "German (Germany) (de_DE)", "Euro (EUR)" */
  return g_strdup_printf (_("%s (%s)"), name, code);
}

static char *
dup_field_value (CltCustomerPage *self,
                 Field            field)
{
  CltCustomer *customer = self->customer;

  switch (field)
    {
    case FIELD_SALUTATION:
      return g_strdup (clt_customer_get_salutation (customer));
    case FIELD_TITLE:
      return g_strdup (clt_customer_get_title (customer));
    case FIELD_FIRST_NAME:
      return g_strdup (clt_customer_get_first_name (customer));
    case FIELD_MIDDLE_NAME:
      return g_strdup (clt_customer_get_middle_name (customer));
    case FIELD_LAST_NAME:
      return g_strdup (clt_customer_get_last_name (customer));
    case FIELD_GENDER:
      return g_strdup (clt_format_gender (clt_customer_get_gender (customer)));
    case FIELD_DATE_OF_BIRTH:
      return clt_format_birth_date (clt_customer_get_date_of_birth (customer));
    case FIELD_PHONE:
      return g_strdup (clt_customer_get_phone (customer));
    case FIELD_COMPANY:
      return g_strdup (clt_customer_get_company (customer));
    case FIELD_LOCALE:
      return dup_coded_name (clt_customer_get_locale (customer),
                             clt_iso_codes_get_locale_name (clt_customer_get_locale (customer)));
    case FIELD_CURRENCY:
      return dup_coded_name (clt_customer_get_currency (customer),
                             clt_iso_codes_get_currency_name (clt_customer_get_currency (customer)));
    case FIELD_PREFERRED_SITE:
      return dup_site_name (self, clt_customer_get_preferred_site (customer));
    case FIELD_RESTRICTION:
      return g_strdup (clt_customer_get_restriction (customer));
    case FIELD_ID:
      return g_strdup (clt_customer_get_id (customer));
    case FIELD_NUMBER:
      return g_strdup (clt_customer_get_number (customer));
    case FIELD_REGISTERED:
      return clt_format_date_time (clt_customer_get_registered (customer));
    case FIELD_LAST_LOGIN:
      if (clt_customer_get_last_login (customer) == NULL)
        return g_strdup (_("Never"));
      return clt_format_date_time (clt_customer_get_last_login (customer));
    case FIELD_UPDATED:
      return clt_format_date_time (clt_customer_get_updated (customer));
    case FIELD_COMPANY_ACCOUNT:
      if (is_blank (clt_customer_get_company_id (customer)))
        return g_strdup (_("Not assigned"));
      return g_strdup (lookup_company_name (self, clt_customer_get_company_id (customer)));
    case FIELD_BUSINESS_UNIT:
      return g_strdup (clt_customer_get_business_unit (customer));
    case FIELD_ROLES:
      return g_strjoinv (", ", (char **) clt_customer_get_roles (customer));
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static void
render_fields (CltCustomerPage *self)
{
  gboolean assigned;

  if (self->customer == NULL)
    return;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *value = dup_field_value (self, i);

      adw_action_row_set_subtitle (self->field_rows[i], or_dash (value));
    }

  /* Business unit and roles only mean something within a company. */
  assigned = !is_blank (clt_customer_get_company_id (self->customer));
  gtk_widget_set_visible (GTK_WIDGET (self->field_rows[FIELD_BUSINESS_UNIT]), assigned);
  gtk_widget_set_visible (GTK_WIDGET (self->field_rows[FIELD_ROLES]), assigned);
}

static void
render_groups (CltCustomerPage *self)
{
  const char * const *codes;

  if (self->customer == NULL)
    return;

  clear_list_box (self->group_list);
  codes = clt_customer_get_groups (self->customer);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      const char *description = NULL;
      const char *name = lookup_group_name (self, codes[i], &description);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      if (!is_blank (description))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
      gtk_list_box_append (self->group_list, row);
    }
}

static void
render_header (CltCustomerPage *self)
{
  CltCustomer *customer = self->customer;
  g_autofree char *title = clt_format_customer_name (customer);
  const char *email = clt_customer_get_email (customer);
  gboolean verified = clt_customer_get_verified (customer);
  gboolean active = clt_customer_get_active (customer);

  gtk_label_set_label (self->name_label, title);
  gtk_label_set_label (self->email_label, email);
  /* Named by the email address, the header shows it once. */
  gtk_widget_set_visible (GTK_WIDGET (self->email_label),
                          !is_blank (email) && g_strcmp0 (title, email) != 0);
  gtk_label_set_label (self->number_label, clt_customer_get_number (customer));
  gtk_widget_set_visible (GTK_WIDGET (self->number_label),
                          !is_blank (clt_customer_get_number (customer)));

  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, clt_customer_get_number (customer));

  gtk_label_set_label (self->verified_badge, verified ? _("Verified") : _("Unverified"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->verified_badge), verified ? "neutral" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->verified_badge), verified ? "success" : "neutral");

  gtk_label_set_label (self->active_badge, active ? _("Active") : _("Inactive"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->active_badge), active ? "neutral" : "accent");
  gtk_widget_add_css_class (GTK_WIDGET (self->active_badge), active ? "accent" : "neutral");

  gtk_widget_set_visible (GTK_WIDGET (self->on_hold_badge), clt_customer_get_on_hold (customer));

  /* Status rows of the Overview. */
  self->syncing = TRUE;
  gtk_switch_set_active (self->active_switch, active);
  gtk_switch_set_state (self->active_switch, active);
  gtk_switch_set_active (self->on_hold_switch, clt_customer_get_on_hold (customer));
  gtk_switch_set_state (self->on_hold_switch, clt_customer_get_on_hold (customer));
  self->syncing = FALSE;

  adw_action_row_set_subtitle (self->verified_row,
                               verified ? _("Verified") : _("Not verified yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->mark_verified_button), !verified);
}

static char *
dup_address_name (CltAddress *address)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (!is_blank (clt_address_get_salutation (address)))
    g_strv_builder_add (builder, clt_address_get_salutation (address));
  if (!is_blank (clt_address_get_first_name (address)))
    g_strv_builder_add (builder, clt_address_get_first_name (address));
  if (!is_blank (clt_address_get_last_name (address)))
    g_strv_builder_add (builder, clt_address_get_last_name (address));

  parts = g_strv_builder_end (builder);
  return g_strjoinv (" ", parts);
}

static char *
dup_address_details (CltAddress *address)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (!is_blank (clt_address_get_company (address)))
    g_strv_builder_add (builder, clt_address_get_company (address));
  if (!is_blank (clt_address_get_phone (address)))
    g_strv_builder_add (builder, clt_address_get_phone (address));
  if (!is_blank (clt_address_get_comment (address)))
    g_strv_builder_add (builder, clt_address_get_comment (address));

  parts = g_strv_builder_end (builder);
  return g_strjoinv (" · ", parts);
}

static GtkWidget *
value_label (const char *text,
             const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

static GtkWidget *
create_address_row (CltCustomerPage *self,
                    CltAddress      *address)
{
  const char *id = clt_address_get_id (address);
  gboolean billing = g_strcmp0 (id, clt_customer_get_default_billing_address (self->customer)) == 0;
  gboolean shipping = g_strcmp0 (id, clt_customer_get_default_shipping_address (self->customer)) == 0;
  g_autofree char *name = dup_address_name (address);
  g_autofree char *summary = clt_address_dup_summary (address);
  g_autofree char *details = dup_address_details (address);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) defaults = g_menu_new ();
  g_autoptr(GMenu) removal = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  GtkWidget *row, *box, *text, *tags, *button;

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "address-row");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);

  if (!is_blank (name))
    gtk_box_append (GTK_BOX (text), value_label (name, "heading"));
  gtk_box_append (GTK_BOX (text), value_label (or_dash (summary), NULL));
  if (!is_blank (details))
    gtk_box_append (GTK_BOX (text), value_label (details, "dim-label"));

  if (billing || shipping)
    {
      tags = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_margin_top (tags, 3);
      if (billing)
        gtk_box_append (GTK_BOX (tags), badge_new (_("Default billing"), "accent"));
      if (shipping)
        gtk_box_append (GTK_BOX (tags), badge_new (_("Default shipping"), "accent"));
      gtk_box_append (GTK_BOX (text), tags);
    }

  button = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Edit Address"));
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "customer.edit-address");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit Address"),
                                  -1);
  gtk_box_append (GTK_BOX (box), button);

  item = g_menu_item_new (_("Set as Default _Billing"), NULL);
  g_menu_item_set_action_and_target (item, "customer.set-default-billing", "s", id);
  g_menu_append_item (defaults, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("Set as Default _Shipping"), NULL);
  g_menu_item_set_action_and_target (item, "customer.set-default-shipping", "s", id);
  g_menu_append_item (defaults, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("_Delete Address…"), NULL);
  g_menu_item_set_action_and_target (item, "customer.delete-address", "s", id);
  g_menu_append_item (removal, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (defaults));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (removal));

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("More Address Actions"));
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("More Address Actions"),
                                  -1);
  gtk_box_append (GTK_BOX (box), button);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "address-id", g_strdup (id), g_free);

  return row;
}

static void
render_addresses (CltCustomerPage *self)
{
  if (self->customer == NULL || self->addresses == NULL)
    return;

  clear_list_box (self->address_list);

  for (guint i = 0; i < self->addresses->len; i++)
    gtk_list_box_append (self->address_list,
                         create_address_row (self, g_ptr_array_index (self->addresses, i)));

  gtk_stack_set_visible_child_name (self->addresses_stack,
                                    self->addresses->len > 0 ? "list" : "empty");
}

static GtkWidget *
create_note_row (CltNote *note)
{
  g_autofree char *created = clt_format_date_time (clt_note_get_created (note));
  GtkWidget *row, *box, *header, *author, *time, *message;

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), header);

  author = value_label (is_blank (clt_note_get_author (note)) ? _("Unknown author")
                                                               : clt_note_get_author (note),
                        "heading");
  gtk_widget_set_hexpand (author, TRUE);
  gtk_box_append (GTK_BOX (header), author);

  time = gtk_label_new (created != NULL ? created : "");
  gtk_widget_set_valign (time, GTK_ALIGN_BASELINE);
  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_add_css_class (time, "caption");
  gtk_widget_add_css_class (time, "tabular");
  gtk_box_append (GTK_BOX (header), time);

  if (clt_note_get_created (note) != NULL)
    g_object_set_data_full (G_OBJECT (row), "created",
                            g_date_time_ref (clt_note_get_created (note)),
                            (GDestroyNotify) g_date_time_unref);

  message = value_label (clt_note_get_message (note), NULL);
  gtk_label_set_selectable (GTK_LABEL (message), TRUE);
  gtk_box_append (GTK_BOX (box), message);

  return row;
}

static GtkWidget *
create_order_row (CltOrder *order)
{
  g_autofree char *date = clt_format_date (clt_order_get_created (order));
  g_autofree char *total = clt_format_money (clt_order_get_total (order),
                                             clt_order_get_currency (order));
  const char *status = clt_format_order_status (clt_order_get_status (order));
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *label;

  if (date != NULL)
    /* Translators: an order's date and status, "11/24/26 · Shipped" */
    subtitle = g_strdup_printf (_("%s · %s"), date, status);
  else
    subtitle = g_strdup (status);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), clt_order_get_reference (order));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  label = gtk_label_new (total);
  gtk_widget_add_css_class (label, "tabular");
  gtk_widget_add_css_class (label, "order-total");
  if (g_strcmp0 (clt_order_get_status (order), "cancelled") == 0
      || g_strcmp0 (clt_order_get_status (order), "returned") == 0)
    gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

static GtkWidget *
create_email_row (CltEmail *email)
{
  g_autofree char *created = clt_format_date_time (clt_email_get_created (email));
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *button;

  /* Translators: an outbox entry: recipient, state, time
   * ("To: ada@example.com\nQueued · 11/24/26 12:00") */
  subtitle = g_strdup_printf (_("To: %s\n%s · %s"),
                              clt_email_get_recipient (email),
                              clt_format_email_state (clt_email_get_state (email)),
                              created != NULL ? created : "");

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 is_blank (clt_email_get_subject (email))
                                 ? _("(No subject)") : clt_email_get_subject (email));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  button = gtk_button_new_with_mnemonic (_("_Open in Mail App"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Hand the email to your mail app to send it"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "customer.open-email");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", clt_email_get_id (email));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
show_list_error (GtkListBox   *list_box,
                 const GError *error)
{
  clear_list_box (list_box);
  gtk_list_box_set_placeholder (list_box, placeholder_label (error->message));
}

static void
reset_placeholders (CltCustomerPage *self)
{
  gtk_list_box_set_placeholder (self->group_list,
                                placeholder_label (_("Not a member of any customer group")));
  gtk_list_box_set_placeholder (self->email_list, placeholder_label (_("No emails for this customer")));
  gtk_list_box_set_placeholder (self->note_list, placeholder_label (_("No notes yet")));
}

static void
show_customer (CltCustomerPage *self)
{
  render_header (self);
  render_fields (self);
  render_groups (self);
  render_addresses (self);
  update_actions (self);

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "customer");
  gtk_spinner_set_spinning (self->spinner, FALSE);
}

static void
show_error (CltCustomerPage *self,
            const GError    *error)
{
  g_clear_object (&self->customer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND))
    {
      adw_status_page_set_title (self->error_page, _("Customer Not Found"));
      adw_status_page_set_description (self->error_page,
                                       _("This customer has been deleted or is no longer in "
                                         "this database."));
    }
  else
    {
      adw_status_page_set_title (self->error_page, _("Customer Unavailable"));
      adw_status_page_set_description (self->error_page, error->message);
    }

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
  adw_view_switcher_title_set_title (self->switcher_title, _("Customer"));
  adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  gtk_spinner_set_spinning (self->spinner, FALSE);
  update_actions (self);
}

static void
on_customer_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomerPage *self;

  customer = clt_store_get_customer_finish (CLT_STORE (object), result, &error);
  if ((self = load_data_get_current (data, error)) == NULL)
    return;

  if (customer == NULL)
    show_error (self, error);
  else
    {
      g_set_object (&self->customer, customer);
      show_customer (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
    }

  finish_request (self);
}

static void
on_list_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  CltStore *store = CLT_STORE (object);
  CltCustomerPage *self;
  ListKind kind = data->kind;
  GtkListBox *list_box = NULL;

  switch (kind)
    {
    case LIST_ADDRESSES:
      items = clt_store_list_addresses_finish (store, result, &error);
      break;
    case LIST_NOTES:
      items = clt_store_list_notes_finish (store, result, &error);
      list_box = data->self->note_list;
      break;
    case LIST_ORDERS:
      items = clt_store_list_orders_finish (store, result, &error);
      list_box = data->self->order_list;
      break;
    case LIST_EMAILS:
      items = clt_store_list_emails_finish (store, result, &error);
      list_box = data->self->email_list;
      break;
    case LIST_GROUPS:
      items = clt_store_list_groups_finish (store, result, &error);
      break;
    case LIST_COMPANIES:
      items = clt_store_list_companies_finish (store, result, &error);
      break;
    case LIST_SITES:
      items = clt_store_list_sites_finish (store, result, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if ((self = load_data_get_current (data, error)) == NULL)
    return;

  finish_request (self);

  if (items == NULL)
    {
      /* A back end without the operation simply has nothing to show
       * there: say so in place rather than with a toast on every visit. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        clt_customer_page_add_toast (self, error->message);

      if (kind == LIST_ADDRESSES)
        {
          clear_list_box (self->address_list);
          gtk_list_box_set_placeholder (self->address_list, placeholder_label (error->message));
          gtk_stack_set_visible_child_name (self->addresses_stack, "list");
        }
      else if (kind == LIST_ORDERS)
        {
          show_list_error (self->order_list, error);
          gtk_stack_set_visible_child_name (self->orders_stack, "list");
        }
      else if (list_box != NULL)
        show_list_error (list_box, error);

      return;
    }

  switch (kind)
    {
    case LIST_ADDRESSES:
      g_clear_pointer (&self->addresses, g_ptr_array_unref);
      self->addresses = g_steal_pointer (&items);
      gtk_list_box_set_placeholder (self->address_list, NULL);
      render_addresses (self);
      break;

    case LIST_NOTES:
      clear_list_box (self->note_list);
      gtk_list_box_set_placeholder (self->note_list, placeholder_label (_("No notes yet")));
      /* Newest first, whatever order the store answers in. */
      for (guint i = 0; i < items->len; i++)
        gtk_list_box_append (self->note_list, create_note_row (g_ptr_array_index (items, i)));
      gtk_list_box_invalidate_sort (self->note_list);
      break;

    case LIST_ORDERS:
      clear_list_box (self->order_list);
      for (guint i = 0; i < items->len; i++)
        gtk_list_box_append (self->order_list, create_order_row (g_ptr_array_index (items, i)));
      gtk_stack_set_visible_child_name (self->orders_stack, items->len > 0 ? "list" : "empty");
      break;

    case LIST_EMAILS:
      g_clear_pointer (&self->emails, g_ptr_array_unref);
      clear_list_box (self->email_list);
      gtk_list_box_set_placeholder (self->email_list,
                                    placeholder_label (_("No emails for this customer")));
      for (guint i = 0; i < items->len; i++)
        gtk_list_box_append (self->email_list, create_email_row (g_ptr_array_index (items, i)));
      self->emails = g_steal_pointer (&items);
      break;

    case LIST_GROUPS:
      g_clear_pointer (&self->groups, g_ptr_array_unref);
      self->groups = g_steal_pointer (&items);
      render_groups (self);
      break;

    case LIST_COMPANIES:
      g_clear_pointer (&self->companies, g_ptr_array_unref);
      self->companies = g_steal_pointer (&items);
      render_fields (self);
      break;

    case LIST_SITES:
      g_clear_pointer (&self->sites, g_ptr_array_unref);
      self->sites = g_steal_pointer (&items);
      render_fields (self);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
request_list (CltCustomerPage *self,
              ListKind         kind)
{
  LoadData *request = load_data_new (self);
  const char *id = self->customer_id;
  GCancellable *cancellable = self->load_cancellable;

  request->kind = kind;
  self->n_pending++;

  switch (kind)
    {
    case LIST_ADDRESSES:
      clt_store_list_addresses_async (self->store, id, cancellable, on_list_loaded_cb, request);
      break;
    case LIST_NOTES:
      clt_store_list_notes_async (self->store, id, cancellable, on_list_loaded_cb, request);
      break;
    case LIST_ORDERS:
      clt_store_list_orders_async (self->store, id, cancellable, on_list_loaded_cb, request);
      break;
    case LIST_EMAILS:
      clt_store_list_emails_async (self->store, id, cancellable, on_list_loaded_cb, request);
      break;
    case LIST_GROUPS:
      clt_store_list_groups_async (self->store, cancellable, on_list_loaded_cb, request);
      break;
    case LIST_COMPANIES:
      clt_store_list_companies_async (self->store, cancellable, on_list_loaded_cb, request);
      break;
    case LIST_SITES:
      clt_store_list_sites_async (self->store, cancellable, on_list_loaded_cb, request);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
load (CltCustomerPage *self,
      gboolean         show_spinner)
{
  gboolean was_loading = self->n_pending > 0;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_generation++;
  self->n_pending = 0;

  if (self->customer_id == NULL)
    {
      if (was_loading)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  self->load_cancellable = g_cancellable_new ();

  if (show_spinner)
    {
      adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
      gtk_spinner_set_spinning (self->spinner, TRUE);
    }

  self->n_pending++;
  clt_store_get_customer_async (self->store, self->customer_id, self->load_cancellable,
                                on_customer_loaded_cb, load_data_new (self));
  request_list (self, LIST_ADDRESSES);
  request_list (self, LIST_NOTES);
  request_list (self, LIST_ORDERS);
  request_list (self, LIST_EMAILS);
  request_list (self, LIST_GROUPS);
  request_list (self, LIST_COMPANIES);
  request_list (self, LIST_SITES);

  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
clear_customer (CltCustomerPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);

  g_clear_object (&self->customer);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_pointer (&self->emails, g_ptr_array_unref);

  clear_list_box (self->address_list);
  clear_list_box (self->note_list);
  clear_list_box (self->order_list);
  clear_list_box (self->email_list);
  clear_list_box (self->group_list);
  reset_placeholders (self);
  gtk_list_box_set_placeholder (self->address_list, NULL);
  gtk_list_box_set_placeholder (self->order_list, NULL);

  /* A draft belongs to the customer it was typed for. */
  gtk_text_buffer_set_text (buffer, "", 0);
  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
}

static CltAddress *
find_address (CltCustomerPage *self,
              const char      *address_id)
{
  for (guint i = 0; self->addresses != NULL && i < self->addresses->len; i++)
    {
      CltAddress *address = g_ptr_array_index (self->addresses, i);

      if (g_strcmp0 (clt_address_get_id (address), address_id) == 0)
        return address;
    }

  return NULL;
}

static GtkWindow *
get_parent_window (CltCustomerPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Writes and dialogs keep the page alive with this until they answer. */
typedef struct
{
  CltCustomerPage *self;
  char            *address_id;
  GtkSwitch       *toggle;
  gboolean         value;
  gboolean         was_billing;
  gboolean         was_shipping;
  gint64           email_id;
} WriteData;

static WriteData *
write_data_new (CltCustomerPage *self)
{
  WriteData *data = g_new0 (WriteData, 1);

  data->self = g_object_ref (self);

  return data;
}

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->address_id, g_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WriteData, write_data_free)

static void
report_write_error (CltCustomerPage *self,
                    const GError    *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  clt_customer_page_add_toast (self, error->message);
}

/* Customer updates from the page: the switches and Mark as Verified. */

static void
on_customer_updated_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(WriteData) data = user_data;
  g_autoptr(CltCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomerPage *self = data->self;

  stored = clt_store_update_customer_finish (CLT_STORE (object), result, &error);
  self->updating_customer = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (stored == NULL)
    {
      report_write_error (self, error);

      /* Put the switch back where the stored customer has it. */
      if (data->toggle != NULL)
        {
          self->syncing = TRUE;
          gtk_switch_set_active (data->toggle, !data->value);
          gtk_switch_set_state (data->toggle, !data->value);
          self->syncing = FALSE;
        }

      update_actions (self);
      return;
    }

  if (self->customer != NULL
      && g_strcmp0 (clt_customer_get_id (stored), clt_customer_get_id (self->customer)) == 0)
    {
      g_set_object (&self->customer, stored);
      show_customer (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
    }

  if (data->toggle == NULL)
    clt_customer_page_add_toast (self, _("Email address marked as verified"));
}

static void
update_customer (CltCustomerPage *self,
                 CltCustomer     *changed,
                 GtkSwitch       *toggle,
                 gboolean         value)
{
  WriteData *data = write_data_new (self);

  data->toggle = toggle;
  data->value = value;
  self->updating_customer = TRUE;
  update_actions (self);

  clt_store_update_customer_async (self->store, changed, self->cancellable,
                                   on_customer_updated_cb, data);
}

static gboolean
toggle_status (CltCustomerPage *self,
               GtkSwitch       *toggle,
               gboolean         state)
{
  g_autoptr(CltCustomer) changed = NULL;

  if (self->syncing)
    return FALSE;

  if (self->customer == NULL || self->updating_customer)
    return TRUE;

  changed = clt_customer_copy (self->customer);
  if (toggle == self->active_switch)
    clt_customer_set_active (changed, state);
  else
    clt_customer_set_on_hold (changed, state);

  update_customer (self, changed, toggle, state);

  /* The switch shows the new position; its state follows once stored. */
  return TRUE;
}

static gboolean
on_active_switch_state_set_cb (CltCustomerPage *self,
                               gboolean         state,
                               GtkSwitch       *toggle)
{
  return toggle_status (self, toggle, state);
}

static gboolean
on_on_hold_switch_state_set_cb (CltCustomerPage *self,
                                gboolean         state,
                                GtkSwitch       *toggle)
{
  return toggle_status (self, toggle, state);
}

static void
on_mark_verified_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              gpointer          user_data)
{
  CltCustomerPage *self = user_data;
  g_autoptr(CltCustomer) changed = NULL;

  if (g_strcmp0 (response, "verify") != 0 || self->customer == NULL || self->updating_customer)
    return;

  changed = clt_customer_copy (self->customer);
  clt_customer_set_verified (changed, TRUE);
  update_customer (self, changed, NULL, TRUE);
}

static void
mark_verified_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  GtkWidget *dialog;

  if (self->customer == NULL)
    return;

  dialog = adw_message_dialog_new (get_parent_window (self),
                                   _("Mark as Verified?"),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Do this only when the customer has confirmed that “%s” is "
                                    "their address in another way. The verification link they "
                                    "were sent is then no longer needed."),
                                  clt_customer_get_email (self->customer));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "verify", _("_Mark as Verified"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "verify",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_mark_verified_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Notes. */

static void
on_note_added_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WriteData) data = user_data;
  g_autoptr(CltNote) note = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomerPage *self = data->self;

  note = clt_store_add_note_finish (CLT_STORE (object), result, &error);
  self->adding_note = FALSE;

  if (note == NULL)
    {
      /* The typed message stays in the box. */
      report_write_error (self, error);
      update_actions (self);
      return;
    }

  if (g_strcmp0 (clt_note_get_customer_id (note), self->customer_id) == 0
      || is_blank (clt_note_get_customer_id (note)))
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), "", 0);
      gtk_list_box_prepend (self->note_list, create_note_row (note));
      clt_customer_page_reload (self);
    }

  update_actions (self);
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  g_autofree char *text = dup_note_text (self);

  if (self->customer == NULL || self->adding_note || !clt_validate_note_message (text, NULL))
    return;

  self->adding_note = TRUE;
  update_actions (self);

  clt_store_add_note_async (self->store, self->customer_id, g_strstrip (text), self->cancellable,
                            on_note_added_cb, write_data_new (self));
}

static void
on_note_buffer_changed_cb (CltCustomerPage *self,
                           GtkTextBuffer   *buffer)
{
  update_actions (self);
}

/* Addresses. */

static void
on_address_editor_saved_cb (CltCustomerPage *self)
{
  clt_customer_page_reload (self);
}

static void
open_address_editor (CltCustomerPage *self,
                     CltAddress      *address)
{
  GtkWidget *editor;

  if (address == NULL)
    editor = GTK_WIDGET (clt_address_editor_new_for_create (get_parent_window (self),
                                                            self->store,
                                                            self->customer));
  else
    editor = GTK_WIDGET (clt_address_editor_new_for_edit (get_parent_window (self),
                                                          self->store,
                                                          address));

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_address_editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_address_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);

  if (self->customer != NULL)
    open_address_editor (self, NULL);
}

static void
edit_address_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  CltAddress *address = find_address (self, g_variant_get_string (parameter, NULL));

  if (address != NULL)
    open_address_editor (self, address);
}

static void
on_address_deleted_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(WriteData) data = user_data;
  g_autoptr(GError) error = NULL;
  CltCustomerPage *self = data->self;

  if (!clt_store_delete_address_finish (CLT_STORE (object), result, &error))
    {
      report_write_error (self, error);
      return;
    }

  if (data->was_billing && data->was_shipping)
    clt_customer_page_add_toast (self, _("Address deleted. The customer has no default billing "
                                         "or shipping address now."));
  else if (data->was_billing)
    clt_customer_page_add_toast (self, _("Address deleted. The customer has no default billing "
                                         "address now."));
  else if (data->was_shipping)
    clt_customer_page_add_toast (self, _("Address deleted. The customer has no default shipping "
                                         "address now."));
  else
    clt_customer_page_add_toast (self, _("Address deleted"));

  clt_customer_page_reload (self);
}

static void
on_delete_address_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               gpointer          user_data)
{
  CltCustomerPage *self = user_data;
  const char *address_id = g_object_get_data (G_OBJECT (dialog), "clt-address-id");
  WriteData *data;

  if (g_strcmp0 (response, "delete") != 0 || self->customer == NULL)
    return;

  data = write_data_new (self);
  data->address_id = g_strdup (address_id);
  data->was_billing = g_strcmp0 (address_id,
                                 clt_customer_get_default_billing_address (self->customer)) == 0;
  data->was_shipping = g_strcmp0 (address_id,
                                  clt_customer_get_default_shipping_address (self->customer)) == 0;

  clt_store_delete_address_async (self->store, self->customer_id, data->address_id,
                                  self->cancellable, on_address_deleted_cb, data);
}

static void
delete_address_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  CltAddress *address = find_address (self, g_variant_get_string (parameter, NULL));
  g_autofree char *summary = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  gboolean billing, shipping;
  GtkWidget *dialog;

  if (address == NULL || self->customer == NULL)
    return;

  billing = g_strcmp0 (clt_address_get_id (address),
                       clt_customer_get_default_billing_address (self->customer)) == 0;
  shipping = g_strcmp0 (clt_address_get_id (address),
                        clt_customer_get_default_shipping_address (self->customer)) == 0;

  summary = clt_address_dup_summary (address);
  g_string_append_printf (body, _("“%s” will be removed from the customer’s address book."),
                          summary);
  if (billing && shipping)
    g_string_append_printf (body, "\n\n%s", _("It is the default billing and shipping address: "
                                                "the customer will have neither until you "
                                                "choose others."));
  else if (billing)
    g_string_append_printf (body, "\n\n%s", _("It is the default billing address: the customer "
                                                "will have none until you choose another."));
  else if (shipping)
    g_string_append_printf (body, "\n\n%s", _("It is the default shipping address: the customer "
                                                "will have none until you choose another."));

  dialog = adw_message_dialog_new (get_parent_window (self), _("Delete Address?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "clt-address-id",
                          g_strdup (clt_address_get_id (address)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_address_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_default_address_set_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(WriteData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!clt_store_set_default_address_finish (CLT_STORE (object), result, &error))
    {
      report_write_error (data->self, error);
      return;
    }

  clt_customer_page_reload (data->self);
}

static void
set_default_address_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  CltAddressUse use = g_str_equal (action_name, "customer.set-default-billing")
                      ? CLT_ADDRESS_USE_BILLING : CLT_ADDRESS_USE_SHIPPING;

  if (self->customer_id == NULL)
    return;

  clt_store_set_default_address_async (self->store, self->customer_id,
                                       g_variant_get_string (parameter, NULL), use,
                                       self->cancellable, on_default_address_set_cb,
                                       write_data_new (self));
}

/* The outbox. */

static char *
build_mailto_uri (CltEmail *email)
{
  g_autofree char *recipient = g_uri_escape_string (clt_email_get_recipient (email), "@", FALSE);
  g_autofree char *subject = g_uri_escape_string (clt_email_get_subject (email), NULL, FALSE);
  g_autoptr(GString) crlf_body = g_string_new (clt_email_get_body (email));
  g_autofree char *body = NULL;

  /* RFC 6068: line breaks in a body are CRLF. */
  g_string_replace (crlf_body, "\r\n", "\n", 0);
  g_string_replace (crlf_body, "\n", "\r\n", 0);
  body = g_uri_escape_string (crlf_body->str, NULL, FALSE);

  return g_strdup_printf ("mailto:%s?subject=%s&body=%s", recipient, subject, body);
}

static void
on_email_state_set_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(WriteData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!clt_store_set_email_state_finish (CLT_STORE (object), result, &error))
    {
      report_write_error (data->self, error);
      return;
    }

  clt_customer_page_reload (data->self);
}

static void
on_mail_app_shown_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(WriteData) data = user_data;
  g_autoptr(GError) error = NULL;
  CltCustomerPage *self = data->self;
  gint64 email_id = data->email_id;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("No mail app could be opened: %s"),
                                                      error->message);
          clt_customer_page_add_toast (self, message);
        }
      return;
    }

  clt_store_set_email_state_async (self->store, email_id, CLT_EMAIL_STATE_HANDED_OFF,
                                   self->cancellable, on_email_state_set_cb,
                                   write_data_new (self));
}

static void
open_email_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);
  gint64 email_id = g_variant_get_int64 (parameter);
  GtkWindow *parent = get_parent_window (self);

  for (guint i = 0; self->emails != NULL && i < self->emails->len; i++)
    {
      CltEmail *email = g_ptr_array_index (self->emails, i);
      g_autofree char *uri = NULL;
      WriteData *data;

      if (clt_email_get_id (email) != email_id)
        continue;

      uri = build_mailto_uri (email);
      data = write_data_new (self);
      data->email_id = email_id;
      gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, self->cancellable,
                         on_mail_app_shown_cb, data);
      return;
    }
}

/* Page actions that the window carries out. */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK_REQUESTED], 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  if (CLT_CUSTOMER_PAGE (widget)->customer != NULL)
    g_signal_emit (widget, signals[EDIT_REQUESTED], 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  if (CLT_CUSTOMER_PAGE (widget)->customer != NULL)
    g_signal_emit (widget, signals[DELETE_REQUESTED], 0);
}

static void
on_store_changed_cb (CltCustomerPage *self,
                     const char      *customer_id,
                     CltStore        *store)
{
  if (self->customer_id == NULL)
    return;

  if (customer_id == NULL || g_strcmp0 (customer_id, self->customer_id) == 0)
    clt_customer_page_reload (self);
}

static void
on_store_read_only_cb (CltCustomerPage *self)
{
  update_actions (self);
}

static int
sort_notes_newest_first (GtkListBoxRow *a,
                         GtkListBoxRow *b,
                         gpointer       user_data)
{
  GDateTime *created_a = g_object_get_data (G_OBJECT (a), "created");
  GDateTime *created_b = g_object_get_data (G_OBJECT (b), "created");

  if (created_a == NULL || created_b == NULL)
    return (created_a == NULL) - (created_b == NULL);

  return g_date_time_compare (created_b, created_a);
}

static void
clt_customer_page_constructed (GObject *object)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (object);

  G_OBJECT_CLASS (clt_customer_page_parent_class)->constructed (object);

  g_assert (CLT_IS_STORE (self->store));

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::read-only", G_CALLBACK (on_store_read_only_cb),
                           self, G_CONNECT_SWAPPED);
  update_actions (self);
}

static void
clt_customer_page_dispose (GObject *object)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_CUSTOMER_PAGE);

  g_clear_object (&self->customer);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_pointer (&self->emails, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->companies, g_ptr_array_unref);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clt_customer_page_parent_class)->dispose (object);
}

static void
clt_customer_page_finalize (GObject *object)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (object);

  g_clear_pointer (&self->customer_id, g_free);

  G_OBJECT_CLASS (clt_customer_page_parent_class)->finalize (object);
}

static void
clt_customer_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_string (value, self->customer_id);
      break;
    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, clt_customer_page_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_customer_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CUSTOMER_ID:
      clt_customer_page_set_customer_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_customer_page_class_init (CltCustomerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = clt_customer_page_constructed;
  object_class->dispose = clt_customer_page_dispose;
  object_class->finalize = clt_customer_page_finalize;
  object_class->get_property = clt_customer_page_get_property;
  object_class->set_property = clt_customer_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         CLT_TYPE_CUSTOMER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BACK_REQUESTED] =
    g_signal_new ("back-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EDIT_REQUESTED] =
    g_signal_new ("edit-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-customer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, active_badge);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, active_switch);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, address_list);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, addresses_stack);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, company_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, email_label);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, email_list);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, group_list);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, mark_verified_button);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, note_error_label);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, note_list);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, note_view);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, number_label);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, on_hold_badge);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, on_hold_switch);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, order_list);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, orders_stack);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, personal_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, shop_group);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, verified_badge);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, verified_row);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerPage, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_active_switch_state_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_on_hold_switch_state_set_cb);

  gtk_widget_class_install_action (widget_class, "customer.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "customer.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "customer.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "customer.add-address", NULL, add_address_action);
  gtk_widget_class_install_action (widget_class, "customer.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "customer.mark-verified", NULL,
                                   mark_verified_action);
  gtk_widget_class_install_action (widget_class, "customer.edit-address", "s",
                                   edit_address_action);
  gtk_widget_class_install_action (widget_class, "customer.delete-address", "s",
                                   delete_address_action);
  gtk_widget_class_install_action (widget_class, "customer.set-default-billing", "s",
                                   set_default_address_action);
  gtk_widget_class_install_action (widget_class, "customer.set-default-shipping", "s",
                                   set_default_address_action);
  gtk_widget_class_install_action (widget_class, "customer.open-email", "x", open_email_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "customer.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "customer.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "customer.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "customer.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "customer.delete", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
clt_customer_page_init (CltCustomerPage *self)
{
  AdwPreferencesGroup *sections[] = {
    [SECTION_PERSONAL] = NULL,
    [SECTION_SHOP] = NULL,
    [SECTION_ACCOUNT] = NULL,
    [SECTION_COMPANY] = NULL,
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  sections[SECTION_PERSONAL] = self->personal_group;
  sections[SECTION_SHOP] = self->shop_group;
  sections[SECTION_ACCOUNT] = self->account_group;
  sections[SECTION_COMPANY] = self->company_group;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field_info[i].title));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "property");
      adw_preferences_group_add (sections[field_info[i].section], row);
      self->field_rows[i] = ADW_ACTION_ROW (row);
    }

  gtk_list_box_set_sort_func (self->note_list, sort_notes_newest_first, NULL, NULL);
  reset_placeholders (self);

  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (on_note_buffer_changed_cb), self, G_CONNECT_SWAPPED);
}

CltCustomerPage *
clt_customer_page_new (CltStore *store)
{
  g_return_val_if_fail (CLT_IS_STORE (store), NULL);

  return g_object_new (CLT_TYPE_CUSTOMER_PAGE,
                       "store", store,
                       NULL);
}

CltStore *
clt_customer_page_get_store (CltCustomerPage *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_PAGE (self), NULL);

  return self->store;
}

void
clt_customer_page_set_customer_id (CltCustomerPage *self,
                                   const char      *customer_id)
{
  gboolean had_customer;

  g_return_if_fail (CLT_IS_CUSTOMER_PAGE (self));

  if (g_strcmp0 (self->customer_id, customer_id) == 0)
    {
      /* Opening the same customer again shows fresh data. */
      if (customer_id != NULL)
        clt_customer_page_reload (self);
      return;
    }

  had_customer = self->customer != NULL;

  g_free (self->customer_id);
  self->customer_id = g_strdup (customer_id);

  clear_customer (self);
  update_actions (self);
  load (self, TRUE);

  if (customer_id == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "loading");
      gtk_spinner_set_spinning (self->spinner, FALSE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
  if (had_customer)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
}

const char *
clt_customer_page_get_customer_id (CltCustomerPage *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_PAGE (self), NULL);

  return self->customer_id;
}

CltCustomer *
clt_customer_page_get_customer (CltCustomerPage *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_PAGE (self), NULL);

  return self->customer;
}

gboolean
clt_customer_page_get_loading (CltCustomerPage *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_PAGE (self), FALSE);

  return self->n_pending > 0;
}

void
clt_customer_page_reload (CltCustomerPage *self)
{
  g_return_if_fail (CLT_IS_CUSTOMER_PAGE (self));

  /* Keep what is shown while the fresh copy arrives. */
  load (self, self->customer == NULL);
}

void
clt_customer_page_add_toast (CltCustomerPage *self,
                             const char      *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (CLT_IS_CUSTOMER_PAGE (self));
  g_return_if_fail (message != NULL);

  /* A toast title is markup; messages are plain text. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
