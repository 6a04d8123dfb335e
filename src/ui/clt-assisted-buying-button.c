/* clt-assisted-buying-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-assisted-buying-button"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-assisted-buying.h"
#include "clt-assisted-buying-button.h"
#include "clt-customer.h"
#include "clt-customer-details.h"
#include "clt-store.h"

struct _CltAssistedBuyingButton
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkMenuButton     *menu_button;

  CltStore          *store;
  CltAssistedBuying *assisted;      /* for @store */
  GMenuModel        *menu;          /* for the current customer */
  gboolean           allowed;
};

G_DEFINE_FINAL_TYPE (CltAssistedBuyingButton, clt_assisted_buying_button, GTK_TYPE_WIDGET)

/* Shown when the user may and there is a site to offer. */
static void
update_visible (CltAssistedBuyingButton *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self),
                          self->allowed && self->menu != NULL && g_menu_model_get_n_items (self->menu) > 0);
}

static void
clt_assisted_buying_button_dispose (GObject *object)
{
  CltAssistedBuyingButton *self = (CltAssistedBuyingButton *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_ASSISTED_BUYING_BUTTON);
  g_clear_object (&self->assisted);
  g_clear_object (&self->store);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (clt_assisted_buying_button_parent_class)->dispose (object);
}

static void
clt_assisted_buying_button_class_init (CltAssistedBuyingButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_assisted_buying_button_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-assisted-buying-button.ui");
  gtk_widget_class_bind_template_child (widget_class, CltAssistedBuyingButton, menu_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
clt_assisted_buying_button_init (CltAssistedBuyingButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
clt_assisted_buying_button_new (void)
{
  return g_object_new (CLT_TYPE_ASSISTED_BUYING_BUTTON, NULL);
}

void
clt_assisted_buying_button_set_customer (CltAssistedBuyingButton *self,
                                         CltStore                *store,
                                         CltCustomerDetails      *details)
{
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GMenu) section = NULL;
  CltCustomer *customer;

  g_return_if_fail (CLT_IS_ASSISTED_BUYING_BUTTON (self));
  g_return_if_fail (store == NULL || CLT_IS_STORE (store));
  g_return_if_fail (details == NULL || CLT_IS_CUSTOMER_DETAILS (details));

  g_clear_object (&self->menu);
  gtk_menu_button_set_menu_model (self->menu_button, NULL);
  update_visible (self);

  if (store == NULL || details == NULL)
    return;

  if (g_set_object (&self->store, store))
    {
      g_clear_object (&self->assisted);
      self->assisted = clt_assisted_buying_new (store, GTK_WIDGET (self));
      gtk_widget_insert_action_group (GTK_WIDGET (self), "assisted",
                                      clt_assisted_buying_get_actions (self->assisted));
    }

  customer = clt_customer_details_get_customer (details);
  sites = clt_assisted_buying_list_sites (details);
  self->menu = clt_assisted_buying_build_menu (clt_customer_get_id (customer), sites);
  section = g_menu_new ();
  g_menu_append_section (section, _("Shop as This Customer On"), self->menu);
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (section));
  update_visible (self);
}

void
clt_assisted_buying_button_set_allowed (CltAssistedBuyingButton *self,
                                        gboolean                 allowed)
{
  g_return_if_fail (CLT_IS_ASSISTED_BUYING_BUTTON (self));

  self->allowed = !!allowed;
  update_visible (self);
}

GMenuModel *
clt_assisted_buying_button_get_menu (CltAssistedBuyingButton *self)
{
  g_return_val_if_fail (CLT_IS_ASSISTED_BUYING_BUTTON (self), NULL);

  return self->menu;
}
