/* clt-address-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-address-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clt-address.h"
#include "clt-address-editor.h"
#include "clt-address-editor-private.h"
#include "clt-country-row.h"
#include "clt-customer.h"
#include "clt-error.h"
#include "clt-form-field.h"
#include "clt-iso-codes.h"
#include "clt-store.h"
#include "clt-validate.h"

typedef enum
{
  FIELD_SALUTATION,
  FIELD_FIRST_NAME,
  FIELD_LAST_NAME,
  FIELD_COMPANY,
  FIELD_ADDRESS1,
  FIELD_ADDRESS2,
  FIELD_ADDRESS3,
  FIELD_ZIP_CODE,
  FIELD_CITY,
  FIELD_REGION,
  FIELD_COUNTRY,
  FIELD_PHONE,
  FIELD_COMMENT,
  FIELD_ID,
  N_FIELDS
} FieldId;

/* CltAddress property names. */
static const char * const field_properties[N_FIELDS] = {
  "salutation",
  "first-name",
  "last-name",
  "company",
  "address1",
  "address2",
  "address3",
  "zip-code",
  "city",
  "region",
  "country",
  "phone",
  "comment",
  "id",
};

/* The stored values are the English abbreviations the shops use. */
static const char * const salutation_codes[] = { "", "Mr", "Mrs", "Ms", "Mx", "Dr" };

typedef struct
{
  CltAddressEditor *self;
  FieldId           id;
  /* An AdwEntryRow, the salutation AdwComboRow, the CltCountryRow, or the
   * comment's GtkTextView. */
  GtkWidget        *row;
  /* Under the row: a list row holding the label, or the label itself. */
  GtkWidget        *message_row;
  GtkLabel         *message_label;
  const char       *hint;
  char             *error;
  char             *store_error;
  guint             touched : 1;
  guint             hidden : 1;
} Field;

struct _CltAddressEditor
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwEntryRow         *address1_row;
  AdwEntryRow         *address2_row;
  AdwEntryRow         *address3_row;
  GtkLabel            *banner_label;
  GtkRevealer         *banner_revealer;
  GtkLabel            *banner_title;
  AdwEntryRow         *city_row;
  GtkLabel            *comment_message;
  GtkTextView         *comment_view;
  AdwEntryRow         *company_row;
  CltCountryRow       *country_row;
  AdwEntryRow         *first_name_row;
  AdwPreferencesGroup *id_group;
  AdwEntryRow         *id_row;
  AdwEntryRow         *last_name_row;
  AdwPreferencesPage  *page;
  AdwEntryRow         *phone_row;
  AdwEntryRow         *region_row;
  GtkButton           *reload_button;
  AdwComboRow         *salutation_row;
  GtkButton           *save_button;
  GtkSpinner          *spinner;
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  AdwEntryRow         *zip_code_row;

  CltStore            *store;
  /* Create mode: whose address it is. */
  CltCustomer         *customer;
  /* Edit mode: the address as passed in, never changed. */
  CltAddress          *original;
  /* The copy the rows edit. */
  CltAddress          *address;
  GCancellable        *cancellable;
  GtkStringList       *salutations;
  Field                fields[N_FIELDS];

  guint                loading;

  guint                create : 1;
  guint                closed : 1;
  guint                saving : 1;
  guint                reloading : 1;
  guint                can_save : 1;
  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (CltAddressEditor, clt_address_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER,
  PROP_ADDRESS,
  PROP_CAN_SAVE,
  PROP_BUSY,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static CltValidateMode
get_mode (CltAddressEditor *self)
{
  return self->create ? CLT_VALIDATE_CREATE : CLT_VALIDATE_UPDATE;
}

static void
add_toast (CltAddressEditor *self,
           const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_banner (CltAddressEditor *self,
             const char       *title,
             const char       *message,
             gboolean          offer_reload)
{
  gtk_label_set_label (self->banner_title, title);
  gtk_label_set_label (self->banner_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->reload_button), offer_reload);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
hide_banner (CltAddressEditor *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static Field *
find_field (CltAddressEditor *self,
            const char       *name)
{
  for (guint i = 0; name != NULL && i < N_FIELDS; i++)
    {
      if (strcmp (field_properties[i], name) == 0)
        return &self->fields[i];
    }

  return NULL;
}

static void
update_field (Field *field)
{
  CltAddressEditor *self = field->self;
  g_autofree char *message = NULL;
  gboolean valid;

  g_clear_pointer (&field->error, g_free);

  if (field->hidden)
    {
      gtk_widget_set_visible (field->message_row, FALSE);
      return;
    }

  valid = clt_validate_address_field (self->address, field_properties[field->id], get_mode (self),
                                      &message);

  if (field->store_error != NULL)
    field->error = g_strdup (field->store_error);
  else if (!valid && field->touched)
    field->error = g_steal_pointer (&message);

  clt_form_field_show_message (field->row, field->message_row, field->message_label,
                               field->error, field->hint);
}

static void
update_all_fields (CltAddressEditor *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    update_field (&self->fields[i]);
}

static void
update_busy (CltAddressEditor *self)
{
  gboolean busy = self->saving || self->reloading;

  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);

  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static void
update_can_save (CltAddressEditor *self)
{
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;
  gboolean can_save;

  if (clt_store_get_read_only (self->store))
    reason = _("The database is read-only");
  else if (!clt_validate_address (self->address, get_mode (self), &error))
    reason = error->message;

  can_save = reason == NULL && !self->busy;

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), reason);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", can_save);

  if (can_save != self->can_save)
    {
      self->can_save = can_save;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE]);
    }
}

static void
field_changed (Field *field)
{
  CltAddressEditor *self = field->self;

  field->touched = TRUE;
  g_clear_pointer (&field->store_error, g_free);
  update_field (field);

  /* The zip code's format depends on the country. */
  if (field->id == FIELD_COUNTRY)
    {
      g_clear_pointer (&self->fields[FIELD_ZIP_CODE].store_error, g_free);
      update_field (&self->fields[FIELD_ZIP_CODE]);
    }

  update_can_save (self);
}

static void
select_salutation (CltAddressEditor *self,
                   const char       *value)
{
  guint position = GTK_INVALID_LIST_POSITION;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->salutations));

  for (guint i = 0; i < G_N_ELEMENTS (salutation_codes); i++)
    {
      if (g_strcmp0 (salutation_codes[i], value) == 0)
        position = i;
    }

  /* One the list does not know (from an import) is kept as it is. */
  for (guint i = G_N_ELEMENTS (salutation_codes); position == GTK_INVALID_LIST_POSITION && i < n_items; i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (self->salutations, i), value) == 0)
        position = i;
    }

  if (position == GTK_INVALID_LIST_POSITION && value != NULL && value[0] != '\0')
    {
      gtk_string_list_append (self->salutations, value);
      position = n_items;
    }

  self->loading++;
  adw_combo_row_set_selected (self->salutation_row, position);
  self->loading--;
}

static const char *
get_selected_salutation (CltAddressEditor *self)
{
  guint position = adw_combo_row_get_selected (self->salutation_row);

  if (position < G_N_ELEMENTS (salutation_codes))
    return salutation_codes[position];
  if (position < g_list_model_get_n_items (G_LIST_MODEL (self->salutations)))
    return gtk_string_list_get_string (self->salutations, position);

  return "";
}

static void
load_address (CltAddressEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comment_view);

  self->loading++;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];
      g_autofree char *value = NULL;

      g_object_get (self->address, field_properties[i], &value, NULL);
      if (value == NULL)
        value = g_strdup ("");

      if (field->id == FIELD_SALUTATION)
        select_salutation (self, value);
      else if (field->id == FIELD_COUNTRY)
        clt_country_row_set_country (self->country_row, value);
      else if (field->id == FIELD_COMMENT)
        gtk_text_buffer_set_text (buffer, value, -1);
      else
        gtk_editable_set_text (GTK_EDITABLE (field->row), value);

      field->touched = !self->create;
      g_clear_pointer (&field->store_error, g_free);
    }

  self->loading--;

  update_all_fields (self);
  update_can_save (self);
}

/* The country a new address most likely has: the customer's (that of the
 * default address), else the one of the customer's locale ("de_AT"). */
static const char *
guess_country (CltCustomer *customer)
{
  const char *country = clt_customer_get_country (customer);
  const char *locale = clt_customer_get_locale (customer);
  const char *underscore;

  if (clt_iso_codes_is_country (country))
    return country;

  underscore = strchr (locale, '_');
  if (underscore != NULL && clt_iso_codes_is_country (underscore + 1))
    return underscore + 1;

  return "";
}

static void
update_title (CltAddressEditor *self)
{
  if (self->create)
    {
      g_autofree char *name = clt_customer_dup_full_name (self->customer);

      adw_window_title_set_title (self->window_title, _("Add Address"));
      adw_window_title_set_subtitle (self->window_title,
                                     name[0] != '\0' ? name : clt_customer_get_email (self->customer));
    }
  else
    {
      g_autofree char *summary = clt_address_dup_summary (self->original);

      adw_window_title_set_title (self->window_title, _("Edit Address"));
      adw_window_title_set_subtitle (self->window_title, summary);
    }

  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
}

/* Callbacks --------------------------------------------------------------- */

static void
on_entry_changed_cb (GtkEditable *editable,
                     Field       *field)
{
  CltAddressEditor *self = field->self;
  g_autofree char *stripped = NULL;

  if (self->loading > 0 || self->closed)
    return;

  stripped = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_object_set (self->address, field_properties[field->id], stripped, NULL);

  field_changed (field);
}

static void
on_salutation_selected_cb (AdwComboRow *row,
                           GParamSpec  *pspec,
                           Field       *field)
{
  CltAddressEditor *self = field->self;

  if (self->loading > 0 || self->closed)
    return;

  clt_address_set_salutation (self->address, get_selected_salutation (self));
  field_changed (field);
}

static void
on_country_changed_cb (CltCountryRow *row,
                       GParamSpec    *pspec,
                       Field         *field)
{
  CltAddressEditor *self = field->self;

  if (self->loading > 0 || self->closed)
    return;

  clt_address_set_country (self->address, clt_country_row_get_country (row));
  field_changed (field);
}

static void
on_comment_changed_cb (GtkTextBuffer *buffer,
                       Field         *field)
{
  CltAddressEditor *self = field->self;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->loading > 0 || self->closed)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  clt_address_set_comment (self->address, g_strstrip (text));

  field_changed (field);
}

static void
show_save_error (CltAddressEditor *self,
                 const GError     *error)
{
  Field *field = find_field (self, clt_form_field_get_error_field (error));

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE) && !self->create)
    {
      show_banner (self,
                   _("Someone else changed this address"),
                   _("It was changed after you opened it. Reload to see the current version: "
                     "what you typed here will be replaced."),
                   TRUE);
    }
  else if (field != NULL && !field->hidden)
    {
      g_free (field->store_error);
      field->store_error = g_strdup (error->message);
      field->touched = TRUE;
      update_field (field);
      gtk_widget_grab_focus (field->row);
    }
  else
    {
      show_banner (self,
                   self->create ? _("Couldn't add the address") : _("Couldn't save the changes"),
                   error->message,
                   FALSE);
    }
}

static void
on_save_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CltAddressEditor) self = user_data;
  g_autoptr(CltAddress) stored = NULL;
  g_autoptr(GError) error = NULL;

  if (self->create)
    stored = clt_store_create_address_finish (CLT_STORE (object), result, &error);
  else
    stored = clt_store_update_address_finish (CLT_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->closed)
    return;

  self->saving = FALSE;
  update_busy (self);

  if (stored == NULL)
    {
      show_save_error (self, error);
      update_can_save (self);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, stored);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_reload_ready_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CltAddressEditor) self = user_data;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GError) error = NULL;
  CltAddress *current = NULL;

  addresses = clt_store_list_addresses_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->closed)
    return;

  self->reloading = FALSE;
  update_busy (self);

  for (guint i = 0; addresses != NULL && i < addresses->len; i++)
    {
      CltAddress *address = g_ptr_array_index (addresses, i);

      if (g_strcmp0 (clt_address_get_id (address), clt_address_get_id (self->original)) == 0)
        current = address;
    }

  if (current == NULL)
    {
      show_banner (self, _("Couldn't reload the address"),
                   error != NULL ? error->message : _("It has been deleted."),
                   error != NULL);
      update_can_save (self);
      return;
    }

  g_set_object (&self->address, current);
  hide_banner (self);
  load_address (self);
  add_toast (self, _("Showing the current version"));
}

/* Actions ----------------------------------------------------------------- */

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  clt_address_editor_save (CLT_ADDRESS_EDITOR (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (widget);

  if (self->create || self->reloading || self->saving)
    return;

  self->reloading = TRUE;
  update_busy (self);
  update_can_save (self);

  clt_store_list_addresses_async (self->store, clt_address_get_customer_id (self->original),
                                  self->cancellable, on_reload_ready_cb, g_object_ref (self));
}

/* Setup ------------------------------------------------------------------- */

static void
setup_fields (CltAddressEditor *self)
{
  GtkWidget *rows[N_FIELDS] = {
    [FIELD_SALUTATION] = GTK_WIDGET (self->salutation_row),
    [FIELD_FIRST_NAME] = GTK_WIDGET (self->first_name_row),
    [FIELD_LAST_NAME] = GTK_WIDGET (self->last_name_row),
    [FIELD_COMPANY] = GTK_WIDGET (self->company_row),
    [FIELD_ADDRESS1] = GTK_WIDGET (self->address1_row),
    [FIELD_ADDRESS2] = GTK_WIDGET (self->address2_row),
    [FIELD_ADDRESS3] = GTK_WIDGET (self->address3_row),
    [FIELD_ZIP_CODE] = GTK_WIDGET (self->zip_code_row),
    [FIELD_CITY] = GTK_WIDGET (self->city_row),
    [FIELD_REGION] = GTK_WIDGET (self->region_row),
    [FIELD_COUNTRY] = GTK_WIDGET (self->country_row),
    [FIELD_PHONE] = GTK_WIDGET (self->phone_row),
    [FIELD_COMMENT] = GTK_WIDGET (self->comment_view),
    [FIELD_ID] = GTK_WIDGET (self->id_row),
  };

  for (guint i = 0; i < N_FIELDS; i++)
    {
      Field *field = &self->fields[i];

      field->self = self;
      field->id = i;
      field->row = rows[i];

      if (i == FIELD_COMMENT)
        {
          /* The text view is no list row: its label sits under the frame. */
          field->message_label = self->comment_message;
          field->message_row = GTK_WIDGET (self->comment_message);
        }
      else
        {
          field->message_label = clt_form_field_add_message_row (field->row, &field->message_row);
        }

      switch (i)
        {
        case FIELD_SALUTATION:
          g_signal_connect (field->row, "notify::selected", G_CALLBACK (on_salutation_selected_cb), field);
          break;

        case FIELD_COUNTRY:
          g_signal_connect (field->row, "notify::country", G_CALLBACK (on_country_changed_cb), field);
          break;

        case FIELD_COMMENT:
          g_signal_connect (gtk_text_view_get_buffer (self->comment_view), "changed",
                            G_CALLBACK (on_comment_changed_cb), field);
          break;

        default:
          g_signal_connect (field->row, "changed", G_CALLBACK (on_entry_changed_cb), field);
          break;
        }
    }
}

static void
setup_salutations (CltAddressEditor *self)
{
  const char * const labels[] = {
    C_("salutation", "None"),
    C_("salutation", "Mr"),
    C_("salutation", "Mrs"),
    C_("salutation", "Ms"),
    C_("salutation", "Mx"),
    C_("salutation", "Dr"),
    NULL
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == G_N_ELEMENTS (salutation_codes) + 1);

  self->salutations = gtk_string_list_new (labels);

  self->loading++;
  adw_combo_row_set_model (self->salutation_row, G_LIST_MODEL (self->salutations));
  self->loading--;
}

/* GObject ----------------------------------------------------------------- */

static gboolean
clt_address_editor_close_request (GtkWindow *window)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (window);

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (clt_address_editor_parent_class)->close_request (window);
}

static void
clt_address_editor_constructed (GObject *object)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (object);

  G_OBJECT_CLASS (clt_address_editor_parent_class)->constructed (object);

  g_assert (CLT_IS_STORE (self->store));
  g_assert ((self->customer == NULL) != (self->original == NULL));

  self->create = self->original == NULL;

  if (self->create)
    {
      self->address = clt_address_new ();
      clt_address_set_customer_id (self->address, clt_customer_get_id (self->customer));
      clt_address_set_salutation (self->address, clt_customer_get_salutation (self->customer));
      clt_address_set_first_name (self->address, clt_customer_get_first_name (self->customer));
      clt_address_set_last_name (self->address, clt_customer_get_last_name (self->customer));
      clt_address_set_company (self->address, clt_customer_get_company (self->customer));
      clt_address_set_phone (self->address, clt_customer_get_phone (self->customer));
      clt_address_set_country (self->address, guess_country (self->customer));
    }
  else
    {
      self->address = clt_address_copy (self->original);
    }

  setup_fields (self);
  setup_salutations (self);

  self->fields[FIELD_ID].hidden = !self->create;
  self->fields[FIELD_ID].hint = _("Optional: a unique ID is generated when left empty");
  self->fields[FIELD_COMMENT].hint = _("For example, when this address is to be used");
  gtk_widget_set_visible (GTK_WIDGET (self->id_group), self->create);
  gtk_button_set_label (self->save_button, self->create ? _("_Add") : _("_Save"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reload", !self->create);
  update_title (self);

  load_address (self);
  update_busy (self);
  update_can_save (self);

  /* Enter in a text row saves, once Save is sensitive. */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (ADW_IS_ENTRY_ROW (self->fields[i].row))
        adw_entry_row_set_activates_default (ADW_ENTRY_ROW (self->fields[i].row), TRUE);
    }
  gtk_window_set_focus (GTK_WINDOW (self),
                        self->create ? GTK_WIDGET (self->address1_row) : GTK_WIDGET (self->first_name_row));

  if (clt_store_get_read_only (self->store))
    show_banner (self, _("The database is read-only"), _("Addresses can be viewed but not changed."),
                 FALSE);
}

static void
clt_address_editor_dispose (GObject *object)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (object);

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_ADDRESS_EDITOR);

  G_OBJECT_CLASS (clt_address_editor_parent_class)->dispose (object);
}

static void
clt_address_editor_finalize (GObject *object)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (object);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_clear_pointer (&self->fields[i].error, g_free);
      g_clear_pointer (&self->fields[i].store_error, g_free);
    }

  g_clear_object (&self->salutations);
  g_clear_object (&self->address);
  g_clear_object (&self->original);
  g_clear_object (&self->customer);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (clt_address_editor_parent_class)->finalize (object);
}

static void
clt_address_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CUSTOMER:
      g_value_set_object (value, self->customer);
      break;

    case PROP_ADDRESS:
      g_value_set_object (value, self->original);
      break;

    case PROP_CAN_SAVE:
      g_value_set_boolean (value, self->can_save);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_address_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CltAddressEditor *self = CLT_ADDRESS_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_CUSTOMER:
      self->customer = g_value_dup_object (value);
      break;

    case PROP_ADDRESS:
      self->original = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_address_editor_class_init (CltAddressEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = clt_address_editor_constructed;
  object_class->dispose = clt_address_editor_dispose;
  object_class->finalize = clt_address_editor_finalize;
  object_class->get_property = clt_address_editor_get_property;
  object_class->set_property = clt_address_editor_set_property;

  window_class->close_request = clt_address_editor_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLT_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         CLT_TYPE_CUSTOMER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ADDRESS] =
    g_param_spec_object ("address", NULL, NULL,
                         CLT_TYPE_ADDRESS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAN_SAVE] =
    g_param_spec_boolean ("can-save", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CLT_TYPE_ADDRESS);

  g_type_ensure (CLT_TYPE_COUNTRY_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-address-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, address1_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, address2_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, address3_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, banner_title);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, city_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, comment_message);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, comment_view);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, id_group);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, id_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, page);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, region_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, reload_button);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, salutation_row);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CltAddressEditor, zip_code_row);

  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
clt_address_editor_init (CltAddressEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

/* Public API -------------------------------------------------------------- */

/**
 * clt_address_editor_new_for_create:
 * @parent: (nullable): the window the dialog belongs to
 * @store: where the address is created
 * @customer: whose address it is
 *
 * Returns: (transfer none): a new Add Address dialog, not yet presented
 */
CltAddressEditor *
clt_address_editor_new_for_create (GtkWindow   *parent,
                                   CltStore    *store,
                                   CltCustomer *customer)
{
  CltAddressEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CLT_IS_STORE (store), NULL);
  g_return_val_if_fail (CLT_IS_CUSTOMER (customer), NULL);

  self = g_object_new (CLT_TYPE_ADDRESS_EDITOR,
                       "store", store,
                       "customer", customer,
                       NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  return self;
}

/**
 * clt_address_editor_new_for_edit:
 * @parent: (nullable): the window the dialog belongs to
 * @store: where the address is stored
 * @address: the address to edit; it is copied, never changed
 *
 * Returns: (transfer none): a new Edit Address dialog, not yet presented
 */
CltAddressEditor *
clt_address_editor_new_for_edit (GtkWindow  *parent,
                                 CltStore   *store,
                                 CltAddress *address)
{
  CltAddressEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CLT_IS_STORE (store), NULL);
  g_return_val_if_fail (CLT_IS_ADDRESS (address), NULL);

  self = g_object_new (CLT_TYPE_ADDRESS_EDITOR,
                       "store", store,
                       "address", address,
                       NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  return self;
}

gboolean
clt_address_editor_get_can_save (CltAddressEditor *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS_EDITOR (self), FALSE);

  return self->can_save;
}

gboolean
clt_address_editor_get_busy (CltAddressEditor *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS_EDITOR (self), FALSE);

  return self->busy;
}

gboolean
clt_address_editor_is_create (CltAddressEditor *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS_EDITOR (self), FALSE);

  return self->create;
}

CltAddress *
clt_address_editor_get_address (CltAddressEditor *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS_EDITOR (self), NULL);

  return self->address;
}

void
clt_address_editor_save (CltAddressEditor *self)
{
  g_autoptr(CltAddress) address = NULL;

  g_return_if_fail (CLT_IS_ADDRESS_EDITOR (self));

  if (!self->can_save)
    return;

  hide_banner (self);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (self->fields[i].store_error != NULL)
        {
          g_clear_pointer (&self->fields[i].store_error, g_free);
          update_field (&self->fields[i]);
        }
    }

  self->saving = TRUE;
  update_busy (self);
  update_can_save (self);

  address = clt_address_copy (self->address);

  if (self->create)
    clt_store_create_address_async (self->store, address, self->cancellable, on_save_ready_cb,
                                    g_object_ref (self));
  else
    clt_store_update_address_async (self->store, address, self->cancellable, on_save_ready_cb,
                                    g_object_ref (self));
}

GtkWidget *
clt_address_editor_get_field_row (CltAddressEditor *self,
                                  const char       *field)
{
  Field *f;

  g_return_val_if_fail (CLT_IS_ADDRESS_EDITOR (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  f = find_field (self, field);
  if (f == NULL || f->hidden)
    return NULL;

  return f->row;
}

const char *
clt_address_editor_get_field_error (CltAddressEditor *self,
                                    const char       *field)
{
  Field *f;

  g_return_val_if_fail (CLT_IS_ADDRESS_EDITOR (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  f = find_field (self, field);

  return f != NULL ? f->error : NULL;
}

const char *
clt_address_editor_get_error (CltAddressEditor *self)
{
  g_return_val_if_fail (CLT_IS_ADDRESS_EDITOR (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;

  return gtk_label_get_label (self->banner_label);
}
