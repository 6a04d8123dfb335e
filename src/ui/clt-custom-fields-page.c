/* clt-custom-fields-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-custom-fields-page"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-custom-field.h"
#include "clt-custom-fields-page.h"
#include "clt-custom-field-editor.h"
#include "clt-store.h"

struct _CltCustomFieldsPage
{
  AdwPreferencesPage parent_instance;

  /* The rows, the store and what the user may do (and template widgets). */
  CltShopList        list;
};

G_DEFINE_FINAL_TYPE (CltCustomFieldsPage, clt_custom_fields_page, ADW_TYPE_PREFERENCES_PAGE)

static char *
dup_subtitle (gpointer item)
{
  CltCustomField *field = item;

  /* Translators: a custom field's key, then its type ("Text", "Date", …). */
  return g_strdup_printf (_("%s · %s"), clt_custom_field_get_key (field),
                          clt_custom_field_editor_type_label (clt_custom_field_get_field_type (field)));
}

static GtkWindow *
create_editor (GtkWidget *page,
               gpointer   item)
{
  CltCustomFieldsPage *self = CLT_CUSTOM_FIELDS_PAGE (page);

  return GTK_WINDOW (clt_custom_field_editor_new (clt_shop_list_get_store (&self->list), item));
}


static const CltShopListInfo list_info = {
  .change = CLT_CHANGE_CUSTOM_FIELD,
  .list_async = clt_store_list_custom_fields_async,
  .list_finish = clt_store_list_custom_fields_finish,
  .delete_async = clt_store_delete_custom_field_async,
  .delete_finish = clt_store_delete_custom_field_finish,
  .key_property = "key",
  .name_property = "label",
  .dup_subtitle = dup_subtitle,
  .create_editor = create_editor,
  .description = N_("Fields of your own on every customer. They show in the customer dialogs "
                     "and can be columns of the table."),
  .read_only_description = N_("Fields of your own on every customer. Only administrators can "
                              "change them."),
  .empty_title = N_("No custom fields yet"),
  .delete_heading = N_("Delete Field “%s”?"),
  .delete_body = N_("The values customers have in “%s” are deleted with it."),
  .load_failed = N_("Couldn't load the custom fields"),
  .delete_failed = N_("Couldn't delete the custom field"),
  .deleted = N_("Field “%s” deleted"),
};

static void
clt_custom_fields_page_dispose (GObject *object)
{
  CltCustomFieldsPage *self = CLT_CUSTOM_FIELDS_PAGE (object);

  clt_shop_list_clear (&self->list);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_CUSTOM_FIELDS_PAGE);

  G_OBJECT_CLASS (clt_custom_fields_page_parent_class)->dispose (object);
}

static void
clt_custom_fields_page_class_init (CltCustomFieldsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_custom_fields_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-custom-fields-page.ui");
  clt_shop_list_class_init (widget_class, G_STRUCT_OFFSET (CltCustomFieldsPage, list));
}

static void
clt_custom_fields_page_init (CltCustomFieldsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  clt_shop_list_init (&self->list, GTK_WIDGET (self), &list_info);
}

/**
 * clt_custom_fields_page_get_list:
 *
 * Returns: (transfer none): what lists the custom fields: give it the store
 *   with clt_shop_list_set_store (), show one with clt_shop_list_show ()
 */
CltShopList *
clt_custom_fields_page_get_list (CltCustomFieldsPage *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOM_FIELDS_PAGE (self), NULL);

  return &self->list;
}
