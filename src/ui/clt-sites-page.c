/* clt-sites-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-sites-page"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-site.h"
#include "clt-sites-page.h"
#include "clt-site-editor.h"
#include "clt-store.h"

struct _CltSitesPage
{
  AdwPreferencesPage parent_instance;

  /* The rows, the store and what the user may do (and template widgets). */
  CltShopList        list;
};

G_DEFINE_FINAL_TYPE (CltSitesPage, clt_sites_page, ADW_TYPE_PREFERENCES_PAGE)

static char *
dup_subtitle (gpointer item)
{
  CltSite *site = item;
  const char *url = clt_site_get_storefront_url (site);
  g_autofree char *where = NULL;

  where = g_strdup (url[0] != '\0' ? url : _("No storefront address"));
  if (!clt_site_get_active (site))
    /* Translators: a site's code and storefront address, then that it is not in use. */
    return g_strdup_printf (_("%s · %s · inactive"), clt_site_get_code (site), where);

  /* Translators: a site's code, then its storefront address. */
  return g_strdup_printf (_("%s · %s"), clt_site_get_code (site), where);
}

static GtkWindow *
create_editor (GtkWidget *page,
               gpointer   item)
{
  CltSitesPage *self = CLT_SITES_PAGE (page);

  return GTK_WINDOW (clt_site_editor_new (clt_shop_list_get_store (&self->list), item));
}


static const CltShopListInfo list_info = {
  .change = CLT_CHANGE_SITE,
  .list_async = clt_store_list_sites_async,
  .list_finish = clt_store_list_sites_finish,
  .delete_async = clt_store_delete_site_async,
  .delete_finish = clt_store_delete_site_finish,
  .key_property = "code",
  .name_property = "name",
  .dup_subtitle = dup_subtitle,
  .create_editor = create_editor,
  .description = N_("The storefronts of the shop. Assisted Buying opens a site’s storefront "
                     "address."),
  .read_only_description = N_("The storefronts of the shop. Only administrators can change "
                              "them."),
  .empty_title = N_("No sites yet"),
  .delete_heading = N_("Delete Site “%s”?"),
  .delete_body = N_("Customers who shop on “%s” no longer have it among their sites. A site "
                    "that customers prefer can’t be deleted."),
  .load_failed = N_("Couldn't load the sites"),
  .delete_failed = N_("Couldn't delete the site"),
  .deleted = N_("Site “%s” deleted"),
};

static void
clt_sites_page_dispose (GObject *object)
{
  CltSitesPage *self = CLT_SITES_PAGE (object);

  clt_shop_list_clear (&self->list);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_SITES_PAGE);

  G_OBJECT_CLASS (clt_sites_page_parent_class)->dispose (object);
}

static void
clt_sites_page_class_init (CltSitesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_sites_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-sites-page.ui");
  clt_shop_list_class_init (widget_class, G_STRUCT_OFFSET (CltSitesPage, list));
}

static void
clt_sites_page_init (CltSitesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  clt_shop_list_init (&self->list, GTK_WIDGET (self), &list_info);
}

/**
 * clt_sites_page_get_list:
 *
 * Returns: (transfer none): what lists the sites: give it the store
 *   with clt_shop_list_set_store (), show one with clt_shop_list_show ()
 */
CltShopList *
clt_sites_page_get_list (CltSitesPage *self)
{
  g_return_val_if_fail (CLT_IS_SITES_PAGE (self), NULL);

  return &self->list;
}
