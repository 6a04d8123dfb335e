/* clt-window-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who is signed in and whether the back end can be reached: the role
 * decides which writes the window offers; a back end that can't be
 * reached shows a bar, and the window keeps trying until it answers; a
 * sign-in the back end no longer takes (a revoked token) shows a bar that
 * offers to sign in again, which keeps the window and all it shows.
 */

#define G_LOG_DOMAIN "clt-window"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-backoffice-user.h"
#include "clt-error.h"
#include "clt-customer-list.h"
#include "clt-customer-page.h"
#include "clt-customer-page-private.h"
#include "clt-store.h"
#include "clt-window-private.h"

/* How long to wait between tries to reach a back end that could not be. */
#define PROBE_INTERVAL_SECONDS 5

/* The role {{{ */

static void
set_user (CltWindow         *self,
          CltBackofficeUser *user)
{
  g_autofree char *denied = NULL;

  self->may_assist = clt_backoffice_user_may (user, CLT_PERMISSION_ASSISTED_BUYING);
  if (self->page != NULL)
    clt_customer_page_set_assisted_buying_allowed (self->page, self->may_assist);

  if (!clt_backoffice_user_may (user, CLT_PERMISSION_EDIT_CUSTOMERS))
    denied = g_strdup (_("You are signed in as a viewer: customers can be viewed but not changed."));

  if (g_strcmp0 (denied, self->edit_denied) == 0)
    return;

  g_free (self->edit_denied);
  self->edit_denied = g_steal_pointer (&denied);
  _clt_window_update_actions (self);
  _clt_window_update_load_sample (self);
}

static void
on_current_user_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CltWindow) self = user_data;
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = clt_store_get_current_user_finish (CLT_STORE (object), result, &error);
  if (self->disposed)
    return;

  /* Without an answer the writes stay offered: the store refuses what the
   * role may not do, and the toast says why. */
  if (user == NULL)
    {
      if (!g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SUPPORTED))
        _clt_window_show_error (self, _("Couldn't find out who is signed in"), error);
      return;
    }

  set_user (self, user);
}

void
_clt_window_query_user (CltWindow *self)
{
  clt_store_get_current_user_async (self->store, self->cancellable, on_current_user_cb,
                                    g_object_ref (self));
}

/* }}} */

/* Reaching the back end {{{ */

static void probe (CltWindow *self);

static gboolean
on_probe_timeout_cb (gpointer user_data)
{
  CltWindow *self = user_data;

  self->probe_id = 0;
  probe (self);

  return G_SOURCE_REMOVE;
}

void
_clt_window_set_offline (CltWindow    *self,
             const GError *error)
{
  g_clear_handle_id (&self->probe_id, g_source_remove);

  if (error == NULL)
    {
      if (!self->offline)
        return;

      self->offline = FALSE;
      gtk_revealer_set_reveal_child (self->offline_revealer, FALSE);

      /* Back: fetch again what could not be fetched meanwhile. */
      clt_customer_list_reload (self->list);
      if (_clt_window_page_is_visible (self))
        clt_customer_page_reload (self->page);
      return;
    }

  if (error->message != NULL && error->message[0] != '\0')
    {
      /* Translators: %s says why the back end can't be reached, in a sentence. */
      g_autofree char *label = g_strdup_printf (_("%s Showing what was loaded before; trying "
                                                  "again…"),
                                                error->message);

      gtk_label_set_label (self->offline_label, label);
    }
  else
    {
      gtk_label_set_label (self->offline_label,
                           _("The customer data can’t be reached. Showing what was loaded "
                             "before; trying again…"));
    }

  self->offline = TRUE;
  gtk_revealer_set_reveal_child (self->offline_revealer, TRUE);

  if (!self->probing)
    self->probe_id = g_timeout_add_seconds (PROBE_INTERVAL_SECONDS, on_probe_timeout_cb, self);
}

static void
on_probe_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CltWindow) self = user_data;
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = clt_store_get_current_user_finish (CLT_STORE (object), result, &error);
  if (self->disposed)
    return;

  self->probing = FALSE;

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE))
    {
      _clt_window_set_offline (self, error);
      return;
    }

  /* Any other answer came from the back end: it is reachable again. */
  _clt_window_set_offline (self, NULL);
  if (user != NULL)
    set_user (self, user);
  else if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SIGNED_IN))
    _clt_window_set_signed_out (self, error);
}

static void
probe (CltWindow *self)
{
  if (self->probing)
    return;

  self->probing = TRUE;
  clt_store_get_current_user_async (self->store, self->cancellable, on_probe_cb,
                                    g_object_ref (self));
}

void
_clt_window_retry_connection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CltWindow *self = CLT_WINDOW (widget);

  g_clear_handle_id (&self->probe_id, g_source_remove);
  probe (self);
}

/* }}} */

/* Waiting as asked {{{ */

static gboolean
on_reload_timeout_cb (gpointer user_data)
{
  CltWindow *self = user_data;

  self->reload_id = 0;
  clt_customer_list_reload (self->list);

  return G_SOURCE_REMOVE;
}

void
_clt_window_reload_later (CltWindow    *self,
                          const GError *error)
{
  guint seconds = MAX (clt_store_error_get_retry_after (error), 1);

  if (self->reload_id != 0)
    return;

  self->reload_id = g_timeout_add_seconds (seconds, on_reload_timeout_cb, self);
}

/* }}} */

/* The bars {{{ */

void
_clt_window_place_banners (CltWindow *self)
{
  GtkWidget *banners = GTK_WIDGET (self->banner_box);
  GtkBox *slot = _clt_window_page_is_visible (self) ? clt_customer_page_get_banner_slot (self->page)
                                                    : self->banner_slot;
  GtkWidget *parent = gtk_widget_get_parent (banners);

  if (parent == GTK_WIDGET (slot))
    return;

  g_object_ref (banners);
  gtk_box_remove (GTK_BOX (parent), banners);
  gtk_box_append (slot, banners);
  g_object_unref (banners);
}

/* }}} */

/* Signing in again {{{ */

void
_clt_window_set_signed_out (CltWindow    *self,
                            const GError *error)
{
  if (error == NULL)
    {
      if (!self->signed_out)
        return;

      self->signed_out = FALSE;
      gtk_revealer_set_reveal_child (self->signed_out_revealer, FALSE);

      /* Signed in again, perhaps as someone else: their role, and what
       * could not be fetched meanwhile. */
      _clt_window_query_user (self);
      clt_customer_list_reload (self->list);
      if (_clt_window_page_is_visible (self))
        clt_customer_page_reload (self->page);
      return;
    }

  if (self->signed_out)
    return;

  self->signed_out = TRUE;
  gtk_label_set_label (self->signed_out_label,
                       _("Your sign-in is no longer valid: the server refused your access "
                         "token (it may have been revoked). Sign in again to go on; "
                         "everything shown stays here."));
  gtk_revealer_set_reveal_child (self->signed_out_revealer, TRUE);
}

gboolean
clt_window_get_signed_out (CltWindow *self)
{
  g_return_val_if_fail (CLT_IS_WINDOW (self), FALSE);

  return self->signed_out;
}

void
clt_window_set_connection_error (CltWindow    *self,
                                 const GError *error)
{
  g_return_if_fail (CLT_IS_WINDOW (self));

  if (self->disposed)
    return;

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_UNAVAILABLE))
    {
      _clt_window_set_offline (self, error);
      return;
    }

  /* Any other verdict came from the back end: it can be reached. */
  _clt_window_set_offline (self, NULL);
  _clt_window_set_signed_out (self,
                              g_error_matches (error, CLT_STORE_ERROR,
                                               CLT_STORE_ERROR_NOT_SIGNED_IN) ? error : NULL);
}

/* }}} */
