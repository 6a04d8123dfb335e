/* clt-server-children.c — the routes of what belongs to one customer:
 * addresses, notes, orders and the outbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-server"

#include "config.h"

#include "clt-address.h"
#include "clt-enum-types.h"
#include "clt-note.h"
#include "clt-server-private.h"

/* Addresses {{{ */

void
handle_list_addresses (Request *req)
{
  req->finish = (FinishPointer) clt_store_list_addresses_finish;
  STORE_CALL (req, clt_store_list_addresses_async (req->server->store, req->params[0], NULL,
                                                   on_array_cb, req));
}

void
handle_create_address (Request *req)
{
  g_autoptr(CltAddress) address = NULL;
  g_autoptr(GError) error = NULL;

  address = clt_json_to_object (CLT_TYPE_ADDRESS, req->body, CLT_JSON_FLAGS_NONE, &error);
  if (address == NULL)
    {
      respond_error (req, error);
      return;
    }
  /* The customer is the one of the path, whatever the body says. */
  clt_address_set_customer_id (address, req->params[0]);

  req->finish = (FinishPointer) clt_store_create_address_finish;
  req->success_status = SOUP_STATUS_CREATED;
  STORE_CALL (req, clt_store_create_address_async (req->server->store, address,
                                                   req->idempotency_key, NULL, on_object_cb, req));
}

void
handle_get_address (Request *req)
{
  req->finish = (FinishPointer) clt_store_get_address_finish;
  STORE_CALL (req, clt_store_get_address_async (req->server->store, req->params[0],
                                                req->params[1], NULL, on_object_cb, req));
}

static void
on_address_patched_read_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(CltAddress) address = NULL;
  g_autoptr(GError) error = NULL;

  address = clt_store_get_address_finish (CLT_STORE (object), result, &error);
  if (address == NULL)
    {
      respond_error (req, error);
      return;
    }

  if (!clt_json_apply (address, req->body, CLT_JSON_FLAGS_NONE, &error))
    {
      respond_error (req, error);
      return;
    }
  clt_address_set_version (address, req->version);

  req->finish = (FinishPointer) clt_store_update_address_finish;
  STORE_CALL (req, clt_store_update_address_async (req->server->store, address, NULL,
                                                   on_object_cb, req));
}

void
handle_patch_address (Request *req)
{
  if (!JSON_NODE_HOLDS_OBJECT (req->body))
    {
      respond_bad_member (req, "", _("The body is a JSON object."));
      return;
    }

  STORE_CALL (req, clt_store_get_address_async (req->server->store, req->params[0],
                                                req->params[1], NULL,
                                                on_address_patched_read_cb, req));
}

void
handle_delete_address (Request *req)
{
  req->finish_boolean = clt_store_delete_address_finish;
  STORE_CALL (req, clt_store_delete_address_async (req->server->store, req->params[0],
                                                   req->params[1], req->version, NULL,
                                                   on_boolean_cb, req));
}

/* }}} */

/* Notes, orders, outbox {{{ */

void
handle_list_notes (Request *req)
{
  req->finish = (FinishPointer) clt_store_list_notes_finish;
  STORE_CALL (req, clt_store_list_notes_async (req->server->store, req->params[0], NULL,
                                               on_array_cb, req));
}

void
handle_add_note (Request *req)
{
  static const char * const allowed[] = { "message", NULL };
  const char *message = NULL;

  if (!check_members (req, allowed) || !body_string (req, "message", &message))
    return;
  if (message == NULL)
    {
      respond_bad_member (req, "message", _("Write the note."));
      return;
    }

  req->finish = (FinishPointer) clt_store_add_note_finish;
  req->success_status = SOUP_STATUS_CREATED;
  STORE_CALL (req, clt_store_add_note_async (req->server->store, req->params[0], message,
                                             req->idempotency_key, NULL, on_object_cb, req));
}

void
handle_list_orders (Request *req)
{
  req->finish = (FinishPointer) clt_store_list_orders_finish;
  STORE_CALL (req, clt_store_list_orders_async (req->server->store, req->params[0], NULL,
                                                on_array_cb, req));
}

void
handle_list_emails (Request *req)
{
  req->finish = (FinishPointer) clt_store_list_emails_finish;
  STORE_CALL (req, clt_store_list_emails_async (req->server->store, req->params[0], NULL,
                                                on_array_cb, req));
}

void
handle_set_email_state (Request *req)
{
  static const char * const allowed[] = { "state", NULL };
  g_autoptr(GEnumClass) states = g_type_class_ref (CLT_TYPE_EMAIL_STATE);
  const char *state = NULL;
  GEnumValue *value;

  if (!check_members (req, allowed) || !body_string (req, "state", &state))
    return;

  value = state != NULL ? g_enum_get_value_by_nick (states, state) : NULL;
  if (value == NULL)
    {
      respond_bad_member (req, "state", _("This is queued, handed-off, sent or failed."));
      return;
    }

  req->finish_boolean = clt_store_set_email_state_finish;
  STORE_CALL (req, clt_store_set_email_state_async (req->server->store, req->params[0],
                                                    value->value, NULL, on_boolean_cb, req));
}

/* }}} */
