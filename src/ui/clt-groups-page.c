/* clt-groups-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-groups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-group.h"
#include "clt-error-message.h"
#include "clt-query.h"
#include "clt-groups-page.h"
#include "clt-group-editor.h"
#include "clt-store.h"

struct _CltGroupsPage
{
  AdwPreferencesPage parent_instance;

  /* The rows, the store and what the user may do (and template widgets). */
  CltShopList        list;
};

G_DEFINE_FINAL_TYPE (CltGroupsPage, clt_groups_page, ADW_TYPE_PREFERENCES_PAGE)

static char *
dup_subtitle (gpointer item)
{
  return g_strdup (clt_group_get_description (item));
}

static GtkWindow *
create_editor (GtkWidget *page,
               gpointer   item)
{
  CltGroupsPage *self = CLT_GROUPS_PAGE (page);

  return GTK_WINDOW (clt_group_editor_new (clt_shop_list_get_store (&self->list), item,
                                           clt_shop_list_get_items (&self->list)));
}

static void
on_members_counted_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CltGroup) group = user_data;
  CltGroupsPage *self = g_object_get_data (G_OBJECT (group), "clt-page");
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  const char *name = clt_group_get_name (group);
  guint total = 0;

  if (!clt_store_count_customers_finish (CLT_STORE (object), result, &total, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      g_autofree char *message = clt_error_dup_message (_("Couldn't count the group’s customers"),
                                                        error);

      clt_shop_list_add_toast (&self->list, message);
      return;
    }

  if (total == 0)
    body = g_strdup_printf (_("No customer is in “%s”."), name);
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u customer is in “%s”. The customer stays, without "
                                         "the group.",
                                         "%u customers are in “%s”. They stay, without the "
                                         "group.",
                                         total),
                            total, name);

  clt_shop_list_confirm_delete (&self->list, group, body);
}

/* Says how many customers the group has before deleting it: only the
 * total is asked for. */
static void
ask_delete (GtkWidget *page,
            gpointer   item)
{
  CltGroupsPage *self = CLT_GROUPS_PAGE (page);
  g_autoptr(CltQuery) query = clt_query_new ();
  CltGroup *group = clt_group_copy (item);

  clt_query_set_group (query, clt_group_get_code (group));
  g_object_set_data (G_OBJECT (group), "clt-page", self);
  clt_store_count_customers_async (clt_shop_list_get_store (&self->list), query,
                                   self->list.cancellable, on_members_counted_cb, group);
}

static const CltShopListInfo list_info = {
  .change = CLT_CHANGE_GROUP,
  .list_async = clt_store_list_groups_async,
  .list_finish = clt_store_list_groups_finish,
  .delete_async = clt_store_delete_group_async,
  .delete_finish = clt_store_delete_group_finish,
  .key_property = "code",
  .name_property = "name",
  .dup_subtitle = dup_subtitle,
  .create_editor = create_editor,
  .ask_delete = ask_delete,
  .description = N_("Customers can be in any number of groups, for prices, offers and "
                     "filtering the table."),
  .read_only_description = N_("Customers can be in any number of groups. Only administrators "
                              "can change the groups."),
  .empty_title = N_("No groups yet"),
  .delete_heading = N_("Delete Group “%s”?"),
  .delete_body = NULL,
  .load_failed = N_("Couldn't load the groups"),
  .delete_failed = N_("Couldn't delete the group"),
  .deleted = N_("Group “%s” deleted"),
};

static void
clt_groups_page_dispose (GObject *object)
{
  CltGroupsPage *self = CLT_GROUPS_PAGE (object);

  clt_shop_list_clear (&self->list);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_GROUPS_PAGE);

  G_OBJECT_CLASS (clt_groups_page_parent_class)->dispose (object);
}

static void
clt_groups_page_class_init (CltGroupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_groups_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-groups-page.ui");
  clt_shop_list_class_init (widget_class, G_STRUCT_OFFSET (CltGroupsPage, list));
}

static void
clt_groups_page_init (CltGroupsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  clt_shop_list_init (&self->list, GTK_WIDGET (self), &list_info);
}

/**
 * clt_groups_page_get_list:
 *
 * Returns: (transfer none): what lists the groups: give it the store
 *   with clt_shop_list_set_store (), show one with clt_shop_list_show ()
 */
CltShopList *
clt_groups_page_get_list (CltGroupsPage *self)
{
  g_return_val_if_fail (CLT_IS_GROUPS_PAGE (self), NULL);

  return &self->list;
}
