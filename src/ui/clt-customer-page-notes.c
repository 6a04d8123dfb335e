/* clt-customer-page-notes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The note box of CltCustomerPage: adding the typed note
 * (customer.add-note), and the drafts. What is typed for a customer and
 * not added yet is kept while the page lives: going back to the table or
 * to another customer keeps it, and opening that customer again shows it
 * again, the cursor where it stood. Adding the note ends it, and so do
 * deleting the customer and discarding the drafts. Quitting and closing
 * the window ask about drafts (the window is their CltUnsavedSource).
 */

#define G_LOG_DOMAIN "clt-customer-page"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-customer-page-private.h"
#include "clt-format.h"
#include "clt-note.h"
#include "clt-store.h"
#include "clt-validate.h"

typedef struct
{
  char *text;
  /* The customer's name as it was typed, for the Save Changes? question. */
  char *name;
  /* Where the cursor stood when the page went to another customer. */
  int   cursor;
  /* The request id of the note: made when it is first sent, kept for
   * retries of the same text. */
  char *request_id;
} NoteDraft;

/* A note being added: of whom, which request, and the drafts being added
 * with it (clt_customer_page_add_drafts_async ()) or NULL. */
typedef struct
{
  CltCustomerPage *self;
  char            *customer_id;
  char            *request_id;
  GTask           *batch;
} NoteData;

typedef struct
{
  /* Notes not answered yet, and one more while they are being sent. */
  guint  pending;
  /* A customer whose draft was not added. */
  char  *failed_id;
} Batch;

static void
note_draft_free (NoteDraft *draft)
{
  g_free (draft->text);
  g_free (draft->name);
  g_free (draft->request_id);
  g_free (draft);
}

static void
note_data_free (NoteData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->customer_id, g_free);
  g_clear_pointer (&data->request_id, g_free);
  g_clear_object (&data->batch);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NoteData, note_data_free)

static void
batch_free (Batch *batch)
{
  g_free (batch->failed_id);
  g_free (batch);
}

static NoteDraft *
lookup_draft (CltCustomerPage *self,
              const char      *customer_id)
{
  return customer_id != NULL ? g_hash_table_lookup (self->drafts, customer_id) : NULL;
}

char *
_clt_customer_page_dup_note_text (CltCustomerPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
_clt_customer_page_keep_draft (CltCustomerPage *self)
{
  NoteDraft *draft = lookup_draft (self, self->customer_id);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter iter;

  if (draft == NULL)
    return;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  draft->cursor = gtk_text_iter_get_offset (&iter);
}

void
_clt_customer_page_show_draft (CltCustomerPage *self)
{
  NoteDraft *draft = lookup_draft (self, self->customer_id);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter iter;

  self->showing_draft = TRUE;
  gtk_text_buffer_set_text (buffer, draft != NULL ? draft->text : "", -1);
  self->showing_draft = FALSE;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, draft != NULL ? draft->cursor : 0);
  gtk_text_buffer_place_cursor (buffer, &iter);
  _clt_customer_page_update_actions (self);
}

/* The box's text is the shown customer's draft; blank, there is none. */
static void
on_note_buffer_changed_cb (CltCustomerPage *self,
                           GtkTextBuffer   *buffer)
{
  g_autofree char *text = NULL;
  NoteDraft *draft;

  if (self->showing_draft || self->customer_id == NULL)
    {
      _clt_customer_page_update_actions (self);
      return;
    }

  text = _clt_customer_page_dup_note_text (self);
  if (is_blank (text))
    {
      g_hash_table_remove (self->drafts, self->customer_id);
    }
  else
    {
      if ((draft = lookup_draft (self, self->customer_id)) == NULL)
        {
          draft = g_new0 (NoteDraft, 1);
          g_hash_table_insert (self->drafts, g_strdup (self->customer_id), draft);
        }

      g_free (draft->text);
      draft->text = g_steal_pointer (&text);
      /* Another text is another note. */
      g_clear_pointer (&draft->request_id, g_free);
      if (self->customer != NULL)
        {
          g_free (draft->name);
          draft->name = clt_format_customer_name (self->customer);
        }
    }

  _clt_customer_page_update_n_drafts (self);
  _clt_customer_page_update_actions (self);
}

static void
end_batch (GTask      *task,
           const char *customer_id,
           gboolean    added)
{
  Batch *batch = g_task_get_task_data (task);

  if (!added && batch->failed_id == NULL)
    batch->failed_id = g_strdup (customer_id);

  if (--batch->pending == 0)
    g_task_return_boolean (task, batch->failed_id == NULL);
}

static void
on_note_added_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(NoteData) data = user_data;
  g_autoptr(CltNote) note = NULL;
  g_autoptr(GError) error = NULL;
  CltCustomerPage *self = data->self;
  NoteDraft *draft;

  note = clt_store_add_note_finish (CLT_STORE (object), result, &error);
  self->adding_notes--;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The page went. */
    }
  else if (note == NULL)
    {
      /* The draft stays, and a retry of it keeps its request id: should
       * this one have been stored after all, the store answers with it
       * instead of storing it twice. */
      _clt_customer_page_report_write_error (self, _("Couldn’t add the note"), error);
      _clt_customer_page_update_actions (self);
    }
  else
    {
      /* Added: the draft is gone, unless it was changed meanwhile. */
      draft = lookup_draft (self, data->customer_id);
      if (draft != NULL && g_strcmp0 (draft->request_id, data->request_id) == 0)
        clt_customer_page_drop_draft (self, data->customer_id);

      if (g_strcmp0 (data->customer_id, self->customer_id) == 0)
        {
          gtk_list_box_prepend (self->note_list, _clt_customer_page_create_note_row (note));
          _clt_customer_page_queue_reload (self);
        }
      _clt_customer_page_update_actions (self);
    }

  if (data->batch != NULL)
    end_batch (data->batch, data->customer_id, note != NULL);
}

/* Adds @customer_id's draft as a note; FALSE when it has none that can
 * be added. */
static gboolean
add_draft (CltCustomerPage *self,
           const char      *customer_id,
           GTask           *batch)
{
  NoteDraft *draft = lookup_draft (self, customer_id);
  g_autofree char *text = NULL;
  NoteData *data;

  if (draft == NULL || !clt_validate_note_message (draft->text, NULL))
    return FALSE;

  if (draft->request_id == NULL)
    draft->request_id = g_uuid_string_random ();

  data = g_new0 (NoteData, 1);
  data->self = g_object_ref (self);
  data->customer_id = g_strdup (customer_id);
  data->request_id = g_strdup (draft->request_id);
  data->batch = batch != NULL ? g_object_ref (batch) : NULL;

  self->adding_notes++;
  _clt_customer_page_update_actions (self);

  text = g_strstrip (g_strdup (draft->text));
  clt_store_add_note_async (self->store, customer_id, text, draft->request_id,
                            self->cancellable, on_note_added_cb, data);

  return TRUE;
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CltCustomerPage *self = CLT_CUSTOMER_PAGE (widget);

  if (self->customer != NULL && self->adding_notes == 0)
    add_draft (self, self->customer_id, NULL);
}

void
_clt_customer_page_class_init_notes (CltCustomerPageClass *klass)
{
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "customer.add-note", NULL,
                                   add_note_action);
}

void
_clt_customer_page_init_notes (CltCustomerPage *self)
{
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) note_draft_free);
  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (on_note_buffer_changed_cb), self, G_CONNECT_SWAPPED);
}

guint
clt_customer_page_get_n_drafts (CltCustomerPage *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_PAGE (self), 0);

  return g_hash_table_size (self->drafts);
}

char *
clt_customer_page_dup_draft_subject (CltCustomerPage *self)
{
  GHashTableIter iter;
  NoteDraft *draft;

  g_return_val_if_fail (CLT_IS_CUSTOMER_PAGE (self), NULL);

  g_hash_table_iter_init (&iter, self->drafts);
  if (!g_hash_table_iter_next (&iter, NULL, (gpointer *) &draft))
    return NULL;

  if (draft->name == NULL)
    return g_strdup (_("New Note"));

  /* Translators: a note typed and not added yet, as the Save Changes?
   * question names it; %s is the customer's name. */
  return g_strdup_printf (_("New Note for %s"), draft->name);
}

void
clt_customer_page_add_drafts_async (CltCustomerPage     *self,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) customer_ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer customer_id;
  Batch *batch;

  g_return_if_fail (CLT_IS_CUSTOMER_PAGE (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, clt_customer_page_add_drafts_async);
  batch = g_new0 (Batch, 1);
  batch->pending = 1;
  g_task_set_task_data (task, batch, (GDestroyNotify) batch_free);

  g_hash_table_iter_init (&iter, self->drafts);
  while (g_hash_table_iter_next (&iter, &customer_id, NULL))
    g_ptr_array_add (customer_ids, g_strdup (customer_id));

  for (guint i = 0; i < customer_ids->len; i++)
    {
      const char *id = g_ptr_array_index (customer_ids, i);

      /* One that can't be added (too long) stays, as the box says. */
      if (add_draft (self, id, task))
        batch->pending++;
      else if (batch->failed_id == NULL)
        batch->failed_id = g_strdup (id);
    }

  /* All sent: the answers end it. */
  end_batch (task, NULL, TRUE);
}

gboolean
clt_customer_page_add_drafts_finish (CltCustomerPage  *self,
                                     GAsyncResult     *result,
                                     char            **failed_id)
{
  Batch *batch;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  batch = g_task_get_task_data (G_TASK (result));
  if (failed_id != NULL)
    *failed_id = g_strdup (batch->failed_id);

  return g_task_propagate_boolean (G_TASK (result), NULL);
}

void
clt_customer_page_drop_draft (CltCustomerPage *self,
                              const char      *customer_id)
{
  g_return_if_fail (CLT_IS_CUSTOMER_PAGE (self));
  g_return_if_fail (customer_id != NULL);

  if (!g_hash_table_remove (self->drafts, customer_id))
    return;

  if (g_strcmp0 (customer_id, self->customer_id) == 0)
    _clt_customer_page_show_draft (self);
  _clt_customer_page_update_n_drafts (self);
}

void
clt_customer_page_discard_drafts (CltCustomerPage *self)
{
  g_return_if_fail (CLT_IS_CUSTOMER_PAGE (self));

  g_hash_table_remove_all (self->drafts);
  _clt_customer_page_show_draft (self);
  _clt_customer_page_update_n_drafts (self);
}
