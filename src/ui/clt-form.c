/* clt-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clt-date-row.h"
#include "clt-error.h"
#include "clt-error-message.h"
#include "clt-form.h"
#include "clt-store.h"
#include "clt-toast.h"
#include "clt-unsaved.h"

/* AdwEntryRow has no subtitle in libadwaita 1.2: the message goes in a
 * row of its own right under @row, in the same list. Returns the label
 * of that row, which is hidden until there is something to show. */
GtkLabel *
clt_form_add_message_row (GtkWidget  *row,
                          GtkWidget **message_row)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *label;

  g_assert (GTK_IS_LIST_BOX (list));

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "caption");

  *message_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (*message_row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (*message_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (*message_row), FALSE);
  gtk_widget_set_focusable (*message_row, FALSE);
  gtk_widget_set_visible (*message_row, FALSE);
  gtk_list_box_insert (GTK_LIST_BOX (list), *message_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);

  return GTK_LABEL (label);
}

GtkWidget *
clt_form_new_entry_row (CltCustomFieldType type)
{
  GtkWidget *row;

  if (type == CLT_CUSTOM_FIELD_DATE)
    return clt_date_row_new ();

  row = adw_entry_row_new ();
  if (type == CLT_CUSTOM_FIELD_NUMBER)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);

  return row;
}

/* Shows @error, or else @hint, under the row of @field (hiding the
 * message when there is neither), and marks the row invalid while there
 * is an error, for the eye and for assistive technologies. */
void
clt_form_show_row_message (GtkWidget  *row,
                           GtkWidget  *message_row,
                           GtkLabel   *message_label,
                           const char *error,
                           const char *hint)
{
  GtkWidget *label = GTK_WIDGET (message_label);
  const char *shown = error != NULL ? error : hint;
  GtkWidget *targets[2] = { row, NULL };

  gtk_label_set_label (message_label, shown != NULL ? shown : "");
  gtk_widget_set_visible (message_row, shown != NULL);

  if (error != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_add_css_class (label, "error");
      gtk_widget_remove_css_class (label, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "dim-label");
    }

  /* The row, and the text inside an entry row that takes the focus (what
   * a screen reader reads), are invalid while there is an error and are
   * described by the message under them. */
  if (GTK_IS_EDITABLE (row))
    targets[1] = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row)));

  for (guint i = 0; i < G_N_ELEMENTS (targets) && targets[i] != NULL; i++)
    {
      GtkWidget *target = targets[i];

      if (error != NULL)
        gtk_accessible_update_state (GTK_ACCESSIBLE (target),
                                     GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                     -1);
      else
        gtk_accessible_reset_state (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_STATE_INVALID);

      if (shown != NULL)
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (target),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, shown,
                                          -1);
          gtk_accessible_update_relation (GTK_ACCESSIBLE (target),
                                          GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL,
                                          -1);
        }
      else
        {
          gtk_accessible_reset_property (GTK_ACCESSIBLE (target),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (target),
                                         GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
        }
    }
}

static void
show_message (CltFormField *field,
              const char   *error,
              const char   *hint)
{
  clt_form_show_row_message (field->row, field->message_row, field->message_label, error, hint);
}

/* The name of the field a failed save is about: only invalid values and
 * conflicts (a taken email address, say) belong to one field. */
static const char *
get_error_field (const GError *error)
{
  if (error->domain == CLT_STORE_ERROR
      && (error->code == CLT_STORE_ERROR_INVALID || error->code == CLT_STORE_ERROR_CONFLICT))
    return clt_store_error_get_field (error);

  return NULL;
}

static char *
dup_value (CltFormField *field)
{
  char *value = NULL;

  g_object_get (field->form->object, field->name, &value, NULL);

  return value != NULL ? value : g_strdup ("");
}

static void
update_all_fields (CltForm *form)
{
  for (guint i = 0; i < form->info->n_fields; i++)
    clt_form_update_field (&form->fields[i]);
}

static void
hide_banner (CltForm *form)
{
  gtk_revealer_set_reveal_child (form->banner_revealer, FALSE);
}

/* The banner's buttons sit in a row under its text: without any, the row
 * goes too (its margin would be an empty line). */
static void
show_banner_buttons (CltForm  *form,
                     gboolean  reload,
                     gboolean  sign_in,
                     gboolean  retry)
{
  gtk_widget_set_visible (GTK_WIDGET (form->reload_button), reload);
  gtk_widget_set_visible (GTK_WIDGET (form->sign_in_button), sign_in);
  gtk_widget_set_visible (GTK_WIDGET (form->retry_button), retry);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (form->retry_button)),
                          reload || sign_in || retry);
}

static void
show_save_error (CltForm      *form,
                 const GError *error)
{
  CltFormField *field = clt_form_find_field (form, get_error_field (error));

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE) && !form->create)
    {
      /* Fetch the stored version and compare it with what was typed. */
      form->resolving = TRUE;
      if (!gtk_widget_activate_action (form->window, "editor.reload", NULL) || !form->reloading)
        {
          form->resolving = FALSE;
          clt_form_show_stale_banner (form);
        }
    }
  else if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE) ||
           g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_TOO_MANY_REQUESTS))
    {
      /* Everything stays as typed; Retry saves again (a create with the
       * same request id, so a save that did arrive is not made twice). */
      g_autofree char *reason = clt_error_dup_message (NULL, error);

      clt_form_show_banner (form,
                            form->create ? _(form->info->create_failed_title)
                                         : _("Couldn't save the changes"),
                            reason,
                            FALSE);
      show_banner_buttons (form, FALSE, FALSE, TRUE);
    }
  else if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SIGNED_IN))
    {
      /* Signing in again keeps this dialog; then Retry saves. */
      clt_form_show_banner (form,
                            form->create ? _(form->info->create_failed_title)
                                         : _("Couldn't save the changes"),
                            _("Your sign-in is no longer valid: the server refused your access "
                              "token. Sign in again, then Retry; nothing you typed is lost."),
                            FALSE);
      show_banner_buttons (form, FALSE, TRUE, TRUE);
    }
  else if (field != NULL && !field->hidden)
    {
      g_free (field->store_error);
      field->store_error = g_strdup (error->message);
      field->touched = TRUE;
      clt_form_update_field (field);
      gtk_widget_grab_focus (field->row);
    }
  else
    {
      /* Permission denied, signed out, unreachable…: in words. */
      g_autofree char *reason = clt_error_dup_message (NULL, error);

      clt_form_show_banner (form,
                            form->create ? _(form->info->create_failed_title)
                                         : _("Couldn't save the changes"),
                            reason,
                            FALSE);
    }
}

static void
update_modified (CltForm *form)
{
  gboolean modified = clt_form_get_modified (form);

  if (modified != form->modified)
    {
      form->modified = modified;
      g_signal_emit_by_name (form->window, "modified-changed");
    }
}

/* Callbacks --------------------------------------------------------------- */

static void
on_entry_changed_cb (GtkEditable  *editable,
                     CltFormField *field)
{
  CltForm *form = field->form;
  g_autofree char *stripped = NULL;

  if (form->loading > 0 || form->closed)
    return;

  stripped = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_object_set (form->object, field->name, stripped, NULL);

  clt_form_field_changed (field);
}

static void
on_combo_selected_cb (AdwComboRow  *row,
                      GParamSpec   *pspec,
                      CltFormField *field)
{
  CltForm *form = field->form;
  guint position = adw_combo_row_get_selected (row);
  const char *code = "";

  if (form->loading > 0 || form->closed)
    return;

  if (field->codes != NULL && position < field->codes->len)
    code = g_ptr_array_index (field->codes, position);

  g_object_set (form->object, field->name, code, NULL);

  clt_form_field_changed (field);
}

/* Signing in again is the application's ("app.sign-in": it knows the back
 * end); the dialog may not be one of its windows, its parent is. */
static void
on_sign_in_clicked_cb (GtkButton *button,
                       CltForm   *form)
{
  GtkWindow *window = GTK_WINDOW (form->window);
  GtkWindow *parent = gtk_window_get_transient_for (window);
  GApplication *app = G_APPLICATION (gtk_window_get_application (window));

  if (app == NULL && parent != NULL)
    app = G_APPLICATION (gtk_window_get_application (parent));
  if (app == NULL)
    app = g_application_get_default ();

  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "sign-in"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "sign-in", NULL);
}

/* Setup ------------------------------------------------------------------- */

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* From the dialog's class_init (), whose instance struct holds the form
 * at @form_offset: binds the template children the form needs (see
 * clt-form.h), installs "editor.cancel", and the shortcuts: Escape
 * cancels, Ctrl+S and Ctrl+Enter save. */
void
clt_form_class_init (GtkWidgetClass *widget_class,
                     gssize          form_offset)
{
#define BIND(name) \
  gtk_widget_class_bind_template_child_full (widget_class, #name, FALSE, \
                                             form_offset + G_STRUCT_OFFSET (CltForm, name))
  BIND (banner_label);
  BIND (banner_revealer);
  BIND (banner_title);
  BIND (page);
  BIND (reload_button);
  BIND (retry_button);
  BIND (save_button);
  BIND (sign_in_button);
  BIND (spinner);
  BIND (toast_overlay);
#undef BIND

  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);

  clt_unsaved_class_add_signals (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
}

/* Sets @form up in @window's constructed (), its template built, to edit
 * @object (transfer full): a new object when @create, else a copy. The
 * fields are added next, then clt_form_finish_setup (). */
void
clt_form_init (CltForm           *form,
               GtkWidget         *window,
               const CltFormInfo *info,
               CltStore          *store,
               gboolean           create,
               gpointer           object)
{
  GObjectClass *window_class = G_OBJECT_GET_CLASS (window);

  g_assert (GTK_IS_WINDOW (window));
  g_assert (CLT_IS_STORE (store));
  g_assert (G_IS_OBJECT (object));
  g_assert (GTK_IS_REVEALER (form->banner_revealer));

  form->window = window;
  form->info = info;
  form->store = store;
  form->object = object;
  form->create = create;
  form->cancellable = g_cancellable_new ();
  form->fields = g_new0 (CltFormField, info->n_fields);
  if (!create)
    form->base = info->copy (object);
  form->can_save_pspec = g_object_class_find_property (window_class, "can-save");
  form->busy_pspec = g_object_class_find_property (window_class, "busy");

  g_assert (form->can_save_pspec != NULL && form->busy_pspec != NULL);

  g_object_set_data (G_OBJECT (window), "clt-form", form);

  g_signal_connect (form->sign_in_button, "clicked", G_CALLBACK (on_sign_in_clicked_cb), form);
}

/* The dialog is closing: nothing it started reports back. */
void
clt_form_close (CltForm *form)
{
  form->closed = TRUE;
  update_modified (form);

  if (form->cancellable != NULL)
    g_cancellable_cancel (form->cancellable);
}

/* Frees what @form holds, in the dialog's finalize (). The template
 * widgets go with the dialog's template. */
void
clt_form_clear (CltForm *form)
{
  for (guint i = 0; form->fields != NULL && i < form->info->n_fields; i++)
    {
      g_clear_pointer (&form->fields[i].error, g_free);
      g_clear_pointer (&form->fields[i].store_error, g_free);
      g_clear_pointer (&form->fields[i].codes, g_ptr_array_unref);
    }

  g_clear_pointer (&form->fields, g_free);
  g_clear_object (&form->object);
  g_clear_object (&form->base);
  g_clear_object (&form->cancellable);
  g_clear_pointer (&form->request_id, g_free);
}

static CltFormField *
setup_field (CltForm   *form,
             guint      id,
             GtkWidget *row,
             GtkLabel  *message_label)
{
  CltFormField *field;

  g_assert (id < form->info->n_fields);

  field = &form->fields[id];
  field->form = form;
  field->id = id;
  field->name = form->info->field_names[id];
  field->row = row;

  if (message_label != NULL)
    {
      field->message_label = message_label;
      field->message_row = GTK_WIDGET (message_label);
    }
  else
    {
      field->message_label = clt_form_add_message_row (row, &field->message_row);
    }

  return field;
}

/* Field @id is edited by @row, an AdwEntryRow (or subclass) or an
 * AdwComboRow (whose choices come from clt_form_field_set_choices ()):
 * the form fills it and sets the property as the user edits it. Its
 * message goes in a row added under it. */
CltFormField *
clt_form_add_field (CltForm   *form,
                    guint      id,
                    GtkWidget *row)
{
  CltFormField *field = setup_field (form, id, row, NULL);

  if (ADW_IS_COMBO_ROW (row))
    g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected_cb), field);
  else
    g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed_cb), field);

  return field;
}

/* Field @id is edited by @row, which the dialog fills (in its own load,
 * with form->loading raised) and follows (calling
 * clt_form_field_changed ()) itself. Its message goes in @message_label,
 * or in a row added under @row when NULL. */
CltFormField *
clt_form_add_custom_field (CltForm   *form,
                           guint      id,
                           GtkWidget *row,
                           GtkLabel  *message_label)
{
  CltFormField *field = setup_field (form, id, row, message_label);

  field->custom = TRUE;

  return field;
}

/* Ends the dialog's constructed (), its rows filled: Save becomes the
 * default widget, @focus the focus, and a read-only store says so. */
void
clt_form_finish_setup (CltForm   *form,
                       GtkWidget *focus)
{
  clt_form_update_busy (form);
  clt_form_update_can_save (form);

  /* Enter in a text row saves, once Save is sensitive. */
  gtk_window_set_default_widget (GTK_WINDOW (form->window), GTK_WIDGET (form->save_button));
  for (guint i = 0; i < form->info->n_fields; i++)
    {
      g_assert (form->fields[i].row != NULL);

      if (ADW_IS_ENTRY_ROW (form->fields[i].row))
        adw_entry_row_set_activates_default (ADW_ENTRY_ROW (form->fields[i].row), TRUE);
    }
  gtk_window_set_focus (GTK_WINDOW (form->window), focus);

  if (clt_store_get_read_only (form->store))
    clt_form_show_banner (form, _("This customer data is read-only"),
                          _(form->info->read_only_message), FALSE);
}

/* Fills the rows of the fields that are not custom from form->object,
 * and shows what is wrong with it. */
void
clt_form_load (CltForm *form)
{
  form->loading++;

  for (guint i = 0; i < form->info->n_fields; i++)
    {
      CltFormField *field = &form->fields[i];

      if (!field->custom)
        {
          g_autofree char *value = dup_value (field);

          if (ADW_IS_COMBO_ROW (field->row))
            clt_form_field_select (field, value);
          else
            gtk_editable_set_text (GTK_EDITABLE (field->row), value);
        }

      /* An existing object's problems show at once: they are why Save
       * may be insensitive. */
      field->touched = !form->create;
      g_clear_pointer (&field->store_error, g_free);
    }

  form->loading--;

  update_all_fields (form);
  clt_form_update_can_save (form);
}

/* Fields ------------------------------------------------------------------ */

CltValidateMode
clt_form_get_mode (CltForm *form)
{
  return form->create ? CLT_VALIDATE_CREATE : CLT_VALIDATE_UPDATE;
}

/* The field that edits property @name, or NULL (also for a NULL @name). */
CltFormField *
clt_form_find_field (CltForm    *form,
                     const char *name)
{
  for (guint i = 0; name != NULL && i < form->info->n_fields; i++)
    {
      if (strcmp (form->info->field_names[i], name) == 0)
        return &form->fields[i];
    }

  return NULL;
}

/* Checks @field again and shows the outcome under its row. */
void
clt_form_update_field (CltFormField *field)
{
  CltForm *form = field->form;
  g_autofree char *message = NULL;
  gboolean valid;

  g_clear_pointer (&field->error, g_free);

  if (field->hidden)
    {
      gtk_widget_set_visible (field->message_row, FALSE);
      return;
    }

  valid = form->info->check_field (form->window, field, &message);

  if (field->store_error != NULL)
    field->error = g_strdup (field->store_error);
  else if (!valid && field->touched)
    field->error = g_steal_pointer (&message);

  show_message (field, field->error, field->hint);
}

/* The user changed @field (its property is set). */
void
clt_form_field_changed (CltFormField *field)
{
  field->touched = TRUE;
  g_clear_pointer (&field->store_error, g_free);

  clt_form_update_field (field);
  clt_form_update_can_save (field->form);
}

void
clt_form_update_busy (CltForm *form)
{
  gboolean busy = form->saving || form->reloading || form->fetching;

  gtk_widget_set_sensitive (GTK_WIDGET (form->page), !form->saving && !form->reloading);
  gtk_widget_set_visible (GTK_WIDGET (form->spinner), busy);
  gtk_spinner_set_spinning (form->spinner, busy);

  if (busy != form->busy)
    {
      form->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (form->window), form->busy_pspec);
    }
}

void
clt_form_update_can_save (CltForm *form)
{
  g_autofree char *message = NULL;
  const char *reason = NULL;
  gboolean can_save;

  if (clt_store_get_read_only (form->store))
    {
      reason = _("Changes can't be saved: this customer data is read-only");
    }
  else if (!form->info->check (form->window, &message))
    {
      g_assert (message != NULL);
      reason = message;
    }

  can_save = reason == NULL && !form->busy;

  gtk_widget_set_tooltip_text (GTK_WIDGET (form->save_button), reason);
  gtk_widget_action_set_enabled (form->window, "editor.save", can_save);

  if (can_save != form->can_save)
    {
      form->can_save = can_save;
      g_object_notify_by_pspec (G_OBJECT (form->window), form->can_save_pspec);
    }

  /* Every change of the object ends here. */
  update_modified (form);
}

/* Combo rows -------------------------------------------------------------- */

/* Gives the combo row of @field the items @labels, whose values are
 * @codes (g_free'd strings); takes ownership of both. */
void
clt_form_field_set_choices (CltFormField  *field,
                            GPtrArray     *codes,
                            GtkStringList *labels)
{
  CltForm *form = field->form;
  g_autofree char *value = dup_value (field);

  form->loading++;
  g_clear_pointer (&field->codes, g_ptr_array_unref);
  field->codes = codes;
  adw_combo_row_set_model (ADW_COMBO_ROW (field->row), G_LIST_MODEL (labels));
  g_object_unref (labels);
  form->loading--;

  clt_form_field_select (field, value);
}

/* Adds an item to the choices of a combo row. */
void
clt_form_choices_add (GPtrArray     *codes,
                      GtkStringList *labels,
                      const char    *code,
                      const char    *label)
{
  g_ptr_array_add (codes, g_strdup (code));
  gtk_string_list_append (labels, label);
}

/* Customers and addresses offer the same. */
void
clt_form_field_set_salutations (CltFormField *field)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  GtkStringList *labels = gtk_string_list_new (NULL);

  /* The stored values are the English abbreviations the shops use. */
  clt_form_choices_add (codes, labels, "", C_("salutation", "None"));
  clt_form_choices_add (codes, labels, "Mr", C_("salutation", "Mr"));
  clt_form_choices_add (codes, labels, "Mrs", C_("salutation", "Mrs"));
  clt_form_choices_add (codes, labels, "Ms", C_("salutation", "Ms"));
  clt_form_choices_add (codes, labels, "Mx", C_("salutation", "Mx"));
  clt_form_choices_add (codes, labels, "Dr", C_("salutation", "Dr"));

  clt_form_field_set_choices (field, codes, labels);
}

/* Selects the item of @value in the combo row of @field, adding it when
 * the list does not know it (a salutation or site from an import): a
 * value is never changed just by opening the dialog. */
void
clt_form_field_select (CltFormField *field,
                       const char   *value)
{
  AdwComboRow *row = ADW_COMBO_ROW (field->row);
  GListModel *model = adw_combo_row_get_model (row);
  guint position = GTK_INVALID_LIST_POSITION;

  g_assert (field->codes != NULL);

  field->form->loading++;

  for (guint i = 0; i < field->codes->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (field->codes, i), value) == 0)
        {
          position = i;
          break;
        }
    }

  if (position == GTK_INVALID_LIST_POSITION && value != NULL && value[0] != '\0')
    {
      g_ptr_array_add (field->codes, g_strdup (value));
      gtk_string_list_append (GTK_STRING_LIST (model), value);
      position = field->codes->len - 1;
    }

  adw_combo_row_set_selected (row, position);

  field->form->loading--;
}

/* Messages ---------------------------------------------------------------- */

void
clt_form_add_toast (CltForm    *form,
                    const char *message)
{
  AdwToast *toast = clt_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  clt_toast_show (toast, GTK_WIDGET (form->toast_overlay));
}

void
clt_form_show_banner (CltForm    *form,
                      const char *title,
                      const char *message,
                      gboolean    offer_reload)
{
  gtk_label_set_label (form->banner_title, title);
  gtk_label_set_label (form->banner_label, message);
  show_banner_buttons (form, offer_reload, FALSE, FALSE);
  gtk_revealer_set_reveal_child (form->banner_revealer, TRUE);
}

/* Someone else saved it meanwhile and the two versions can't be compared
 * now (or the user closed the comparison): everything typed stays. */
void
clt_form_show_stale_banner (CltForm *form)
{
  clt_form_show_banner (form,
                        _(form->info->stale_title),
                        _("It was changed after you opened it. Save again to compare the two "
                          "versions, or Reload to see the current one: what you typed here "
                          "will then be replaced."),
                        TRUE);
}

/* Saving and reloading ---------------------------------------------------- */

/* What Save does first: FALSE when it can't save now. Otherwise the
 * dialog goes busy and the caller starts the store's save with
 * form->cancellable (and, creating, form->request_id), then hands its
 * outcome to clt_form_finish_save (). */
gboolean
clt_form_begin_save (CltForm *form)
{
  if (!form->can_save)
    return FALSE;

  hide_banner (form);
  for (guint i = 0; i < form->info->n_fields; i++)
    {
      if (form->fields[i].store_error != NULL)
        {
          g_clear_pointer (&form->fields[i].store_error, g_free);
          clt_form_update_field (&form->fields[i]);
        }
    }

  if (form->create && form->request_id == NULL)
    form->request_id = g_uuid_string_random ();

  form->saving = TRUE;
  clt_form_update_busy (form);
  clt_form_update_can_save (form);

  return TRUE;
}

/* @stored is what the store saved, NULL when it failed with @error.
 * Shows the error next to its field or in the banner; returns TRUE when
 * the save went through and the dialog is still open (it then tells
 * the caller and closes). */
gboolean
clt_form_finish_save (CltForm      *form,
                      gpointer      stored,
                      const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || form->closed)
    return FALSE;

  form->saving = FALSE;
  clt_form_update_busy (form);

  if (stored == NULL)
    {
      show_save_error (form, error);
      clt_form_update_can_save (form);
      g_signal_emit_by_name (form->window, "save-finished", FALSE);
      return FALSE;
    }

  g_signal_emit_by_name (form->window, "save-finished", TRUE);

  return TRUE;
}

/* What Reload does first: FALSE when there is nothing to reload now.
 * Otherwise the dialog goes busy and the caller fetches the stored
 * version with form->cancellable for clt_form_finish_reload (). */
gboolean
clt_form_begin_reload (CltForm *form)
{
  if (form->create || form->reloading || form->saving)
    return FALSE;

  form->reloading = TRUE;
  clt_form_update_busy (form);
  clt_form_update_can_save (form);

  return TRUE;
}

/* @current is the stored version, NULL when the store failed with @error
 * or (without one) no longer has it. Returns TRUE when @current is now
 * form->object: the caller then fills the rows with it. */
gboolean
clt_form_finish_reload (CltForm      *form,
                        gpointer      current,
                        const GError *error)
{
  gboolean resolving = form->resolving;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || form->closed)
    return FALSE;

  form->reloading = FALSE;
  form->resolving = FALSE;
  clt_form_update_busy (form);

  if (current != NULL && resolving)
    {
      clt_form_resolve_conflict (form, current);
      clt_form_update_can_save (form);
      return FALSE;
    }

  if (current == NULL && resolving && error != NULL)
    {
      clt_form_show_stale_banner (form);
      clt_form_update_can_save (form);
      return FALSE;
    }

  if (current == NULL)
    {
      /* Without an error, the store no longer has it: nothing to reload. */
      g_autofree char *reason = error != NULL ? clt_error_dup_message (NULL, error) : NULL;

      clt_form_show_banner (form, _(form->info->reload_failed_title),
                            reason != NULL ? reason : _("It has been deleted."),
                            error != NULL);
      clt_form_update_can_save (form);
      return FALSE;
    }

  g_set_object (&form->object, current);
  g_clear_object (&form->base);
  form->base = form->info->copy (current);
  hide_banner (form);
  clt_form_add_toast (form, _("Showing the current version"));

  return TRUE;
}

/* Unsaved changes --------------------------------------------------------- */

CltForm *
clt_form_get_from_window (GtkWindow *window)
{
  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);

  return g_object_get_data (G_OBJECT (window), "clt-form");
}

gboolean
clt_form_get_modified (CltForm *form)
{
  if (form->closed || form->fields == NULL)
    return FALSE;

  if (form->info->modified != NULL && form->info->modified (form->window))
    return TRUE;

  if (!form->create)
    return form->base != NULL && clt_form_differs (form, form->base);

  /* A new object: what the dialog filled in itself (the shop's defaults)
   * is no change; what the user typed is. */
  for (guint i = 0; i < form->info->n_fields; i++)
    if (form->fields[i].touched && !form->fields[i].hidden)
      return TRUE;

  return FALSE;
}

/* The first AdwWindowTitle in @widget, depth first. */
static AdwWindowTitle *
find_window_title (GtkWidget *widget)
{
  if (ADW_IS_WINDOW_TITLE (widget))
    return ADW_WINDOW_TITLE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwWindowTitle *title = find_window_title (child);

      if (title != NULL)
        return title;
    }

  return NULL;
}

char *
clt_form_dup_subject (CltForm *form)
{
  AdwWindowTitle *title = find_window_title (form->window);
  const char *subtitle = title != NULL ? adw_window_title_get_subtitle (title) : NULL;

  if (subtitle != NULL && subtitle[0] != '\0')
    return g_strdup (subtitle);

  return g_strdup (gtk_window_get_title (GTK_WINDOW (form->window)));
}

gboolean
clt_form_save (CltForm *form)
{
  if (!form->can_save || form->closed)
    {
      /* Why it can't: every field's problem, typed or not. */
      for (guint i = 0; i < form->info->n_fields; i++)
        form->fields[i].touched = TRUE;
      update_all_fields (form);
      return FALSE;
    }

  return gtk_widget_activate_action (form->window, "editor.save", NULL);
}

/* For tests --------------------------------------------------------------- */

/* The row that edits property @name; NULL when the dialog has none. */
GtkWidget *
clt_form_get_field_row (CltForm    *form,
                        const char *name)
{
  CltFormField *field = clt_form_find_field (form, name);

  if (field == NULL || field->hidden)
    return NULL;

  return field->row;
}

/* The error shown under the row of @name, or NULL. */
const char *
clt_form_get_field_error (CltForm    *form,
                          const char *name)
{
  CltFormField *field = clt_form_find_field (form, name);

  return field != NULL ? field->error : NULL;
}

/* The message of the error banner, or NULL when it is hidden. */
const char *
clt_form_get_error (CltForm *form)
{
  if (!gtk_revealer_get_reveal_child (form->banner_revealer))
    return NULL;

  return gtk_label_get_label (form->banner_label);
}

GtkWindow *
clt_form_get_conflict_dialog (CltForm *form)
{
  return form->conflict;
}
