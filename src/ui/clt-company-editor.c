/* clt-company-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-company-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-form.h"
#include "clt-company.h"
#include "clt-company-editor.h"
#include "clt-list-editor.h"
#include "clt-shop-editor.h"
#include "clt-store.h"
#include "clt-validate.h"

typedef enum
{
  FIELD_NAME,
  FIELD_BUSINESS_UNITS,
  FIELD_ROLES,
  N_FIELDS
} FieldId;

/* CltCompany property names. */
static const char * const field_names[N_FIELDS] = {
  "name",
  "business-units",
  "roles",
};

struct _CltCompanyEditor
{
  AdwWindow       parent_instance;

  /* Template widgets (and the form's, see clt-form.h) */
  AdwEntryRow    *name_row;
  CltListEditor  *roles_editor;
  CltListEditor  *units_editor;
  AdwWindowTitle *window_title;

  /* The copy being edited; the form owns a reference on its store. */
  CltForm         form;

  /* The companies there are (their IDs are taken). */
  GPtrArray      *companies;
};

G_DEFINE_FINAL_TYPE (CltCompanyEditor, clt_company_editor, ADW_TYPE_WINDOW)

static CltCompany *
get_company (gpointer self)
{
  return CLT_COMPANY (CLT_COMPANY_EDITOR (self)->form.object);
}

static gpointer
copy_object (gpointer object)
{
  return clt_company_copy (object);
}

static void
load_company (GtkWidget *window)
{
  CltCompanyEditor *self = CLT_COMPANY_EDITOR (window);

  self->form.loading++;
  clt_list_editor_set_items (self->units_editor,
                             clt_company_get_business_units (get_company (self)));
  clt_list_editor_set_items (self->roles_editor, clt_company_get_roles (get_company (self)));
  self->form.loading--;

  clt_form_load (&self->form);
}

static const CltFormInfo form_info = {
  .field_names = field_names,
  .n_fields = N_FIELDS,
  .check_field = clt_shop_editor_check_field,
  .check = clt_shop_editor_check,
  .copy = copy_object,
  .load = load_company,
  .stale_title = N_("Someone else changed this company"),
  .create_failed_title = N_("Couldn't add the company"),
  .reload_failed_title = N_("Couldn't reload the company"),
  .read_only_message = N_("Companies can be viewed but not changed."),
};

static const CltShopEditorKind editor_kind = {
  .list_async = clt_store_list_companies_async,
  .list_finish = clt_store_list_companies_finish,
  .key_property = "id",
  .load = load_company,
};

/* After the form's handler: a new company's ID follows its name. */
static void
on_name_changed_cb (CltCompanyEditor *self)
{
  g_autofree char *id = NULL;

  if (!self->form.create || self->form.loading > 0 || self->form.closed)
    return;

  id = clt_shop_editor_make_key (clt_company_get_name (get_company (self)), self->companies, "id");
  clt_company_set_id (get_company (self), id);
  clt_form_update_can_save (&self->form);
}

static void
on_items_changed_cb (CltListEditor *editor,
                     GParamSpec    *pspec,
                     CltFormField  *field)
{
  CltCompanyEditor *self = CLT_COMPANY_EDITOR (field->form->window);

  if (self->form.loading > 0 || self->form.closed)
    return;

  g_object_set (self->form.object, field->name, clt_list_editor_get_items (editor), NULL);
  clt_form_field_changed (field);
}

static void
clt_company_editor_dispose (GObject *object)
{
  clt_shop_editor_dispose (GTK_WIDGET (object));

  G_OBJECT_CLASS (clt_company_editor_parent_class)->dispose (object);
}

static void
clt_company_editor_finalize (GObject *object)
{
  CltCompanyEditor *self = CLT_COMPANY_EDITOR (object);

  clt_shop_editor_finalize (GTK_WIDGET (object));
  g_clear_pointer (&self->companies, g_ptr_array_unref);

  G_OBJECT_CLASS (clt_company_editor_parent_class)->finalize (object);
}

static void
clt_company_editor_class_init (CltCompanyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (CLT_TYPE_LIST_EDITOR);

  object_class->dispose = clt_company_editor_dispose;
  object_class->finalize = clt_company_editor_finalize;

  clt_shop_editor_class_init (widget_class, G_STRUCT_OFFSET (CltCompanyEditor, form), &editor_kind,
                              "/io/github/clientele/Clientele/ui/clt-company-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CltCompanyEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CltCompanyEditor, roles_editor);
  gtk_widget_class_bind_template_child (widget_class, CltCompanyEditor, units_editor);
  gtk_widget_class_bind_template_child (widget_class, CltCompanyEditor, window_title);
}

static void
clt_company_editor_init (CltCompanyEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

/**
 * clt_company_editor_new:
 * @store: where the company is stored
 * @company: (nullable): the company to edit, never changed; NULL to add one
 * @companies: (nullable): the companies there are
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
CltCompanyEditor *
clt_company_editor_new (CltStore   *store,
                        CltCompany *company,
                        GPtrArray  *companies)
{
  CltCompanyEditor *self;
  gboolean create = company == NULL;
  CltListEditor *editors[] = { NULL, NULL, NULL };

  g_return_val_if_fail (CLT_IS_STORE (store), NULL);
  g_return_val_if_fail (company == NULL || CLT_IS_COMPANY (company), NULL);

  self = g_object_new (CLT_TYPE_COMPANY_EDITOR, NULL);
  self->companies = companies != NULL ? g_ptr_array_ref (companies) : NULL;
  clt_form_init (&self->form, GTK_WIDGET (self), &form_info, g_object_ref (store), create,
                 create ? clt_company_new () : clt_company_copy (company));

  clt_form_add_field (&self->form, FIELD_NAME, GTK_WIDGET (self->name_row));
  editors[FIELD_BUSINESS_UNITS] = self->units_editor;
  editors[FIELD_ROLES] = self->roles_editor;
  for (guint i = FIELD_BUSINESS_UNITS; i <= FIELD_ROLES; i++)
    {
      CltFormField *field;

      field = clt_form_add_custom_field (&self->form, i, GTK_WIDGET (editors[i]),
                                         clt_list_editor_get_message_label (editors[i]));
      g_signal_connect (editors[i], "notify::items", G_CALLBACK (on_items_changed_cb), field);
    }
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_name_changed_cb), self);

  clt_shop_editor_finish_setup (GTK_WIDGET (self), self->window_title, _("Add Company"),
                                _("Edit Company"), GTK_WIDGET (self->name_row));

  return self;
}
