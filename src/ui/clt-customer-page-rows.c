/* clt-customer-page-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What CltCustomerPage shows: the Overview's field rows, the header, the
 * groups, and the rows of the address, note, order and outbox lists.
 */

#define G_LOG_DOMAIN "clt-customer-page"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-address.h"
#include "clt-company.h"
#include "clt-customer.h"
#include "clt-customer-page-private.h"
#include "clt-placeholder.h"
#include "clt-email.h"
#include "clt-format.h"
#include "clt-iso-codes.h"
#include "clt-note.h"
#include "clt-order.h"
#include "clt-property-grid.h"
#include "clt-site.h"

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

static const char *
or_dash (const char *text)
{
  /* Translators: shown for a field that has no value */
  return is_blank (text) ? _("—") : text;
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

static void
append_tag (GtkWidget *box,
            GtkWidget *badge)
{
  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), badge);
}

static const char *
lookup_company_name (CltCustomerPage *self,
                     const char      *company_id)
{
  if (self->company != NULL && g_strcmp0 (clt_company_get_id (self->company), company_id) == 0)
    return clt_company_get_name (self->company);

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

/* The site the customer is restricted to; without a restriction of its
 * own, the preferred site, said to be that ("sites and restrictions
 * sync"). */
static char *
dup_restriction (CltCustomerPage *self,
                 CltCustomer     *customer)
{
  g_autofree char *site = dup_site_name (self, clt_customer_get_effective_restriction (customer));

  if (site == NULL || !is_blank (clt_customer_get_restriction (customer)))
    return g_steal_pointer (&site);

  /* Translators: the preferred site as the restriction, "Main Shop (main), as preferred" */
  return g_strdup_printf (_("%s, as preferred"), site);
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
dup_field_value (CltCustomerPage      *self,
                 CltCustomerPageField  field)
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
      return dup_restriction (self, customer);
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

void
_clt_customer_page_render_fields (CltCustomerPage *self)
{
  gboolean assigned;

  if (self->customer == NULL)
    return;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *value = dup_field_value (self, i);

      gtk_label_set_label (self->field_values[i], or_dash (value));
    }

  /* Business unit and roles only mean something within a company. */
  assigned = !is_blank (clt_customer_get_company_id (self->customer));
  gtk_widget_set_visible (self->field_cells[FIELD_BUSINESS_UNIT], assigned);
  gtk_widget_set_visible (self->field_cells[FIELD_ROLES], assigned);
}

void
_clt_customer_page_render_header (CltCustomerPage *self)
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
      /* One under the other: side by side (in a flow box) they made the
       * page wider than a phone, or wrapped over the next row. */
      tags = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      gtk_widget_set_halign (tags, GTK_ALIGN_START);
      gtk_widget_set_margin_top (tags, 3);
      if (billing)
        append_tag (tags, badge_new (_("Default billing"), "accent"));
      if (shipping)
        append_tag (tags, badge_new (_("Default shipping"), "accent"));
      gtk_box_append (GTK_BOX (text), tags);
    }

  button = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Edit Address"));
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "customer.edit-address");
  g_object_set_data (G_OBJECT (row), "edit-button", button);
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

/* The address row holding @widget, or NULL. */
static const char *
focused_address_id (CltCustomerPage *self,
                    GtkWidget       *widget)
{
  GtkWidget *row = widget != NULL ? gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->address_list))
    return NULL;

  return g_object_get_data (G_OBJECT (row), "address-id");
}

void
_clt_customer_page_render_addresses (CltCustomerPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->addresses_stack));
  g_autofree char *focused_id = g_strdup (focused_address_id (self, focus));
  GtkWidget *refocus = NULL;

  if (self->customer == NULL || self->addresses == NULL)
    return;

  clt_list_box_remove_rows (self->address_list);

  for (guint i = 0; i < self->addresses->len; i++)
    {
      CltAddress *address = g_ptr_array_index (self->addresses, i);
      GtkWidget *row = create_address_row (self, address);

      gtk_list_box_append (self->address_list, row);
      /* The rows are made anew: the focus goes back to the same address's
       * Edit button, or (the first address, added from the empty page's
       * button) to the new row's. */
      if (had_focus && (focused_id == NULL || g_strcmp0 (focused_id, clt_address_get_id (address)) == 0))
        refocus = g_object_get_data (G_OBJECT (row), "edit-button");
    }

  gtk_stack_set_visible_child_name (self->addresses_stack,
                                    self->addresses->len > 0 ? "list" : "empty");

  /* (A focus inside the old rows is gone with them: not looked at.) */
  if (had_focus && (focused_id != NULL || !gtk_widget_get_mapped (focus)))
    {
      if (refocus != NULL)
        gtk_widget_grab_focus (refocus);
      else
        gtk_widget_child_focus (GTK_WIDGET (self->addresses_stack), GTK_DIR_TAB_FORWARD);
    }
}

GtkWidget *
_clt_customer_page_create_note_row (CltNote *note)
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

  /* Why the server could not send it, and whether it tries again. */
  if (clt_email_get_state (email) == CLT_EMAIL_STATE_FAILED &&
      !is_blank (clt_email_get_failure_reason (email)))
    {
      g_autofree char *next = clt_format_date_time (clt_email_get_next_attempt (email));
      char *with_reason;

      if (next != NULL)
        /* Translators: a failed email's subtitle, the reason and when it is
         * tried again */
        with_reason = g_strdup_printf (_("%s\n%s\nNext attempt: %s"), subtitle,
                                       clt_email_get_failure_reason (email), next);
      else
        with_reason = g_strdup_printf ("%s\n%s", subtitle, clt_email_get_failure_reason (email));
      g_free (subtitle);
      subtitle = with_reason;
    }

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
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", clt_email_get_id (email));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
reset_placeholders (CltCustomerPage *self)
{
  gtk_list_box_set_placeholder (self->group_list,
                                clt_placeholder_label_new (_("Not a member of any customer group")));
  gtk_list_box_set_placeholder (self->email_list, clt_placeholder_label_new (_("No emails for this customer")));
  gtk_list_box_set_placeholder (self->note_list, clt_placeholder_label_new (_("No notes yet")));
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

void
_clt_customer_page_render_notes (CltCustomerPage *self,
                                 GPtrArray       *notes)
{
  clt_list_box_remove_rows (self->note_list);
  gtk_list_box_set_placeholder (self->note_list, clt_placeholder_label_new (_("No notes yet")));
  /* Newest first, whatever order the store answers in. */
  for (guint i = 0; i < notes->len; i++)
    gtk_list_box_append (self->note_list,
                         _clt_customer_page_create_note_row (g_ptr_array_index (notes, i)));
  gtk_list_box_invalidate_sort (self->note_list);
}

void
_clt_customer_page_render_orders (CltCustomerPage *self,
                                  GPtrArray       *orders)
{
  clt_list_box_remove_rows (self->order_list);
  for (guint i = 0; i < orders->len; i++)
    gtk_list_box_append (self->order_list, create_order_row (g_ptr_array_index (orders, i)));
  gtk_stack_set_visible_child_name (self->orders_stack, orders->len > 0 ? "list" : "empty");
}

void
_clt_customer_page_render_emails (CltCustomerPage *self)
{
  clt_list_box_remove_rows (self->email_list);
  gtk_list_box_set_placeholder (self->email_list,
                                clt_placeholder_label_new (_("No emails for this customer")));
  for (guint i = 0; self->emails != NULL && i < self->emails->len; i++)
    gtk_list_box_append (self->email_list,
                         create_email_row (g_ptr_array_index (self->emails, i)));
}

/* Empties every list for the next customer. */
void
_clt_customer_page_clear_lists (CltCustomerPage *self)
{
  clt_list_box_remove_rows (self->address_list);
  clt_list_box_remove_rows (self->note_list);
  clt_list_box_remove_rows (self->order_list);
  clt_list_box_remove_rows (self->email_list);
  clt_list_box_remove_rows (self->group_list);
  reset_placeholders (self);
  gtk_list_box_set_placeholder (self->address_list, NULL);
  gtk_list_box_set_placeholder (self->order_list, NULL);
}

void
_clt_customer_page_init_rows (CltCustomerPage *self)
{
  AdwPreferencesGroup *sections[] = {
    [SECTION_PERSONAL] = self->personal_group,
    [SECTION_SHOP] = self->shop_group,
    [SECTION_ACCOUNT] = self->account_group,
    [SECTION_COMPANY] = self->company_group,
  };
  GtkWidget *grids[G_N_ELEMENTS (sections)];

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      grids[i] = clt_property_grid_new ();
      adw_preferences_group_add (sections[i], grids[i]);
    }

  for (guint i = 0; i < N_FIELDS; i++)
    {
      self->field_cells[i] = clt_property_cell_new (_(field_info[i].title), &self->field_values[i]);
      gtk_flow_box_append (GTK_FLOW_BOX (grids[field_info[i].section]), self->field_cells[i]);
    }

  gtk_list_box_set_sort_func (self->note_list, sort_notes_newest_first, NULL, NULL);
  reset_placeholders (self);
}
