/* clt-assisted-buying.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-assisted-buying"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "clt-assisted-buying.h"
#include "clt-customer.h"
#include "clt-customer-details.h"
#include "clt-error-message.h"
#include "clt-format.h"
#include "clt-order.h"
#include "clt-site.h"
#include "clt-store.h"
#include "clt-toast.h"

struct _CltAssistedBuying
{
  GObject             parent_instance;

  CltStore           *store;
  GtkWidget          *owner;        /* weak */
  GSimpleActionGroup *actions;
  /* The shops under way; cancelled when this goes. */
  GCancellable       *cancellable;
};

G_DEFINE_FINAL_TYPE (CltAssistedBuying, clt_assisted_buying, G_TYPE_OBJECT)

static CltUriLaunchFunc launch_func;
static gpointer launch_data;

/* One choice of a site for a customer, from the action to the browser. */
typedef struct
{
  CltAssistedBuying *self;
  char              *customer_id;
  char              *site_code;
} Shop;

static void
shop_free (Shop *shop)
{
  g_clear_object (&shop->self);
  g_free (shop->customer_id);
  g_free (shop->site_code);
  g_free (shop);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Shop, shop_free)

static GtkWindow *
owner_window (CltAssistedBuying *self)
{
  GtkRoot *root = self->owner != NULL ? gtk_widget_get_root (self->owner) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (CltAssistedBuying *self,
            const GError      *error)
{
  g_autofree char *message = NULL;
  GtkWidget *overlay;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->owner == NULL)
    return;

  message = clt_error_dup_message (_("Assisted Buying failed"), error);
  overlay = gtk_widget_get_ancestor (self->owner, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    clt_toast_show (clt_toast_new (message), overlay);
  else
    g_warning ("%s", message);
}

static void
on_uri_shown_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CltAssistedBuying) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    show_error (self, error);
}

/* Opens @uri in the browser, or hands it to the function tests set.
 * GtkUriLauncher is GTK 4.10: gtk_show_uri_full () goes through the
 * OpenURI portal inside a sandbox, as it does. */
static void
launch_uri (CltAssistedBuying *self,
            const char        *uri)
{
  GtkWindow *parent = owner_window (self);

  if (launch_func != NULL)
    launch_func (parent, uri, launch_data);
  else if (parent != NULL)
    gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, self->cancellable, on_uri_shown_cb,
                       g_object_ref (self));
}

static void
on_link_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Shop) shop = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  url = clt_store_start_assisted_buying_finish (CLT_STORE (object), result, &error);
  if (url == NULL)
    {
      show_error (shop->self, error);
      return;
    }

  launch_uri (shop->self, url);
}

static void
start (Shop *shop)
{
  CltAssistedBuying *self = shop->self;

  clt_store_start_assisted_buying_async (self->store, shop->customer_id, shop->site_code,
                                         self->cancellable, on_link_cb, shop);
}

/* The dialog holds the choice until it is answered (or goes unanswered). */
static void
on_preflight_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  Shop *shop = g_object_steal_data (G_OBJECT (dialog), "shop");

  if (shop == NULL)
    return;

  if (g_strcmp0 (response, "shop") == 0)
    start (shop);
  else
    shop_free (shop);
}

/* What keeps the storefront from treating the customer as usual, one
 * sentence each; NULL when nothing does. */
static char *
dup_concerns (CltCustomer *customer)
{
  g_autoptr(GString) concerns = g_string_new (NULL);

  if (!clt_customer_get_active (customer))
    g_string_append_printf (concerns, "%s\n", _("The account is inactive."));
  if (clt_customer_get_on_hold (customer))
    g_string_append_printf (concerns, "%s\n", _("The account is on hold."));
  if (!clt_customer_get_verified (customer))
    g_string_append_printf (concerns, "%s\n", _("The email address is not verified."));

  if (concerns->len == 0)
    return NULL;

  g_string_truncate (concerns, concerns->len - 1);
  return g_string_free (g_steal_pointer (&concerns), FALSE);
}

static void
on_customer_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Shop) shop = user_data;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *concerns = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  customer = clt_store_get_customer_finish (CLT_STORE (object), result, &error);
  if (customer == NULL)
    {
      show_error (shop->self, error);
      return;
    }

  concerns = dup_concerns (customer);
  if (concerns == NULL)
    {
      start (g_steal_pointer (&shop));
      return;
    }

  name = clt_format_customer_name (customer);
  /* Translators: %s is the customer's name. */
  heading = g_strdup_printf (_("Shop as %s?"), name);
  body = g_strdup_printf ("%s\n\n%s", concerns,
                          _("The storefront may not let this account sign in or order."));
  dialog = adw_message_dialog_new (owner_window (shop->self), heading, body);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "shop", _("_Shop Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "shop",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "shop", g_steal_pointer (&shop),
                          (GDestroyNotify) shop_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_preflight_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_shop_activate_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CltAssistedBuying *self = user_data;
  Shop *shop = g_new0 (Shop, 1);

  shop->self = g_object_ref (self);
  g_variant_get (parameter, "(ss)", &shop->customer_id, &shop->site_code);

  /* The status as it is now, not as some list showed it. */
  clt_store_get_customer_async (self->store, shop->customer_id, self->cancellable,
                                on_customer_cb, shop);
}

static void
clt_assisted_buying_dispose (GObject *object)
{
  CltAssistedBuying *self = (CltAssistedBuying *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->owner);

  G_OBJECT_CLASS (clt_assisted_buying_parent_class)->dispose (object);
}

static void
clt_assisted_buying_finalize (GObject *object)
{
  CltAssistedBuying *self = (CltAssistedBuying *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->actions);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (clt_assisted_buying_parent_class)->finalize (object);
}

static void
clt_assisted_buying_class_init (CltAssistedBuyingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clt_assisted_buying_dispose;
  object_class->finalize = clt_assisted_buying_finalize;
}

static void
clt_assisted_buying_init (CltAssistedBuying *self)
{
  g_autoptr(GSimpleAction) shop = g_simple_action_new ("shop", G_VARIANT_TYPE ("(ss)"));

  self->cancellable = g_cancellable_new ();
  self->actions = g_simple_action_group_new ();
  g_signal_connect_object (shop, "activate", G_CALLBACK (on_shop_activate_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (shop));
}

CltAssistedBuying *
clt_assisted_buying_new (CltStore  *store,
                         GtkWidget *owner)
{
  CltAssistedBuying *self;

  g_return_val_if_fail (CLT_IS_STORE (store), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);

  self = g_object_new (CLT_TYPE_ASSISTED_BUYING, NULL);
  self->store = g_object_ref (store);
  g_set_weak_pointer (&self->owner, owner);
  return self;
}

GActionGroup *
clt_assisted_buying_get_actions (CltAssistedBuying *self)
{
  g_return_val_if_fail (CLT_IS_ASSISTED_BUYING (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

static CltSite *
find_site (GPtrArray  *sites,
           const char *code)
{
  for (guint i = 0; sites != NULL && i < sites->len; i++)
    if (g_strcmp0 (clt_site_get_code (g_ptr_array_index (sites, i)), code) == 0)
      return g_ptr_array_index (sites, i);

  return NULL;
}

/* @site_code's site when it offers Assisted Buying and is not in @out. */
static void
add_site (GPtrArray  *out,
          GPtrArray  *sites,
          const char *site_code)
{
  CltSite *site = find_site (sites, site_code);

  if (site != NULL && clt_site_offers_assisted_buying (site) && find_site (out, site_code) == NULL)
    g_ptr_array_add (out, g_object_ref (site));
}

GPtrArray *
clt_assisted_buying_list_sites (CltCustomerDetails *details)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *sites;
  GPtrArray *orders;

  g_return_val_if_fail (CLT_IS_CUSTOMER_DETAILS (details), out);

  sites = clt_customer_details_get_sites (details);
  orders = clt_customer_details_get_orders (details);

  add_site (out, sites, clt_customer_get_preferred_site (clt_customer_details_get_customer (details)));
  for (guint i = 0; orders != NULL && i < orders->len; i++)
    add_site (out, sites, clt_order_get_site (g_ptr_array_index (orders, i)));

  return out;
}

GMenuModel *
clt_assisted_buying_build_menu (const char *customer_id,
                                GPtrArray  *sites)
{
  GMenu *menu = g_menu_new ();

  g_return_val_if_fail (customer_id != NULL, G_MENU_MODEL (menu));

  for (guint i = 0; sites != NULL && i < sites->len; i++)
    {
      CltSite *site = g_ptr_array_index (sites, i);
      const char *name = clt_site_get_name (site);
      g_autoptr(GMenuItem) item = NULL;

      item = g_menu_item_new (name[0] != '\0' ? name : clt_site_get_code (site), NULL);
      g_menu_item_set_action_and_target_value (item, "assisted.shop",
                                               g_variant_new ("(ss)", customer_id,
                                                              clt_site_get_code (site)));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static void
on_menu_details_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CltCustomerDetails) details = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  GError *error = NULL;

  details = clt_store_get_customer_details_finish (CLT_STORE (object), result, &error);
  if (details == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  sites = clt_assisted_buying_list_sites (details);
  g_task_return_pointer (task, clt_assisted_buying_build_menu (g_task_get_task_data (task), sites),
                         g_object_unref);
}

void
clt_assisted_buying_load_menu_async (CltAssistedBuying   *self,
                                     const char          *customer_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CLT_IS_ASSISTED_BUYING (self));
  g_return_if_fail (customer_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clt_assisted_buying_load_menu_async);
  g_task_set_task_data (task, g_strdup (customer_id), g_free);
  clt_store_get_customer_details_async (self->store, customer_id, cancellable, on_menu_details_cb,
                                        task);
}

GMenuModel *
clt_assisted_buying_load_menu_finish (CltAssistedBuying  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
clt_assisted_buying_set_launch_func_for_testing (CltUriLaunchFunc func,
                                                 gpointer         user_data)
{
  launch_func = func;
  launch_data = user_data;
}
