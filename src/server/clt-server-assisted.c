/* clt-server-assisted.c — the routes of Assisted Buying: a one-time link
 * into the storefront for a customer and site (support and admins), the
 * customer's log, and the redemption of a link's token by the storefront.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-server"

#include "config.h"

#include "clt-assisted-session.h"
#include "clt-server-private.h"

/* A one-member body: the member's text (not empty unless @may_be_empty),
 * or FALSE after answering. */
static gboolean
required_text (Request     *req,
               const char  *member,
               gboolean     may_be_empty,
               const char  *missing,
               const char **value)
{
  const char * const allowed[] = { member, NULL };

  if (!check_members (req, allowed) || !body_string (req, member, value))
    return FALSE;

  if (*value == NULL || (!may_be_empty && (*value)[0] == '\0'))
    {
      respond_bad_member (req, member, missing);
      return FALSE;
    }

  return TRUE;
}

static void
on_started_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  JsonObject *answer;

  url = clt_store_start_assisted_buying_finish (CLT_STORE (object), result, &error);
  if (url == NULL)
    {
      respond_error (req, error);
      return;
    }

  answer = json_object_new ();
  json_object_set_string_member (answer, "url", url);
  respond_node (req, SOUP_STATUS_CREATED, json_node_init_object (json_node_alloc (), answer), -1);
  json_object_unref (answer);
}

void
handle_start_assisted_buying (Request *req)
{
  const char *site = NULL;

  if (!required_text (req, "site", FALSE, _("Choose the site to shop on."), &site))
    return;

  STORE_CALL (req, clt_store_start_assisted_buying_async (req->server->store, req->params[0], site,
                                                          NULL, on_started_cb, req));
}

void
handle_list_assisted_buying (Request *req)
{
  req->finish = (FinishPointer) clt_store_list_assisted_buying_finish;
  STORE_CALL (req, clt_store_list_assisted_buying_async (req->server->store, req->params[0], NULL,
                                                         on_array_cb, req));
}

void
handle_redeem_assisted_buying (Request *req)
{
  const char *token = NULL;

  /* An empty token is as unknown as any other (404). */
  if (!required_text (req, "token", TRUE, _("The token from the Assisted Buying link is missing."),
                      &token))
    return;

  req->finish = (FinishPointer) clt_store_redeem_assisted_buying_finish;
  STORE_CALL (req, clt_store_redeem_assisted_buying_async (req->server->store, token, NULL,
                                                           on_object_cb, req));
}
