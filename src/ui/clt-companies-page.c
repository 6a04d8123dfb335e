/* clt-companies-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-companies-page"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-company.h"
#include "clt-companies-page.h"
#include "clt-company-editor.h"
#include "clt-store.h"

struct _CltCompaniesPage
{
  AdwPreferencesPage parent_instance;

  /* The rows, the store and what the user may do (and template widgets). */
  CltShopList        list;
};

G_DEFINE_FINAL_TYPE (CltCompaniesPage, clt_companies_page, ADW_TYPE_PREFERENCES_PAGE)

static char *
dup_subtitle (gpointer item)
{
  const char * const *units = clt_company_get_business_units (item);
  const char * const *roles = clt_company_get_roles (item);
  guint n_units = units != NULL ? g_strv_length ((char **) units) : 0;
  guint n_roles = roles != NULL ? g_strv_length ((char **) roles) : 0;
  g_autofree char *units_text = NULL;
  g_autofree char *roles_text = NULL;

  units_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u business unit",
                                             "%u business units", n_units), n_units);
  roles_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u role", "%u roles", n_roles),
                                n_roles);

  /* Translators: "2 business units · 3 roles" */
  return g_strdup_printf (_("%s · %s"), units_text, roles_text);
}

static GtkWindow *
create_editor (GtkWidget *page,
               gpointer   item)
{
  CltCompaniesPage *self = CLT_COMPANIES_PAGE (page);

  return GTK_WINDOW (clt_company_editor_new (clt_shop_list_get_store (&self->list), item,
                                             clt_shop_list_get_items (&self->list)));
}


static const CltShopListInfo list_info = {
  .change = CLT_CHANGE_COMPANY,
  .list_async = clt_store_list_companies_async,
  .list_finish = clt_store_list_companies_finish,
  .delete_async = clt_store_delete_company_async,
  .delete_finish = clt_store_delete_company_finish,
  .key_property = "id",
  .name_property = "name",
  .dup_subtitle = dup_subtitle,
  .create_editor = create_editor,
  .description = N_("B2B customers belong to a company, one of its business units, and hold "
                     "some of its roles."),
  .read_only_description = N_("B2B customers belong to a company. Only administrators can "
                              "change the companies."),
  .empty_title = N_("No companies yet"),
  .delete_heading = N_("Delete Company “%s”?"),
  .delete_body = N_("Customers of “%s” are detached from it, with their business unit and "
                    "roles."),
  .load_failed = N_("Couldn't load the companies"),
  .delete_failed = N_("Couldn't delete the company"),
  .deleted = N_("Company “%s” deleted"),
};

static void
clt_companies_page_dispose (GObject *object)
{
  CltCompaniesPage *self = CLT_COMPANIES_PAGE (object);

  clt_shop_list_clear (&self->list);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_COMPANIES_PAGE);

  G_OBJECT_CLASS (clt_companies_page_parent_class)->dispose (object);
}

static void
clt_companies_page_class_init (CltCompaniesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_companies_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-companies-page.ui");
  clt_shop_list_class_init (widget_class, G_STRUCT_OFFSET (CltCompaniesPage, list));
}

static void
clt_companies_page_init (CltCompaniesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  clt_shop_list_init (&self->list, GTK_WIDGET (self), &list_info);
}

/**
 * clt_companies_page_get_list:
 *
 * Returns: (transfer none): what lists the companies: give it the store
 *   with clt_shop_list_set_store (), show one with clt_shop_list_show ()
 */
CltShopList *
clt_companies_page_get_list (CltCompaniesPage *self)
{
  g_return_val_if_fail (CLT_IS_COMPANIES_PAGE (self), NULL);

  return &self->list;
}
