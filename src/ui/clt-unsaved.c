/* clt-unsaved.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quitting or closing the main window with an editor dialog whose changes
 * are not saved asks first, as GNOME Text Editor does: Cancel, Discard or
 * Save. Save goes through each editor's own Save ("editor.save"), so a
 * field error, a conflict or a store error shows in the editor as it does
 * when the user presses Save, and the close stops there.
 */

#define G_LOG_DOMAIN "clt-unsaved"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-form.h"
#include "clt-unsaved.h"

/* The question while it is asked (weak): there is one at a time. */
static AdwMessageDialog *asking;

typedef struct
{
  GPtrArray *editors;
  /* The editors whose save has not ended (Pending, owned). */
  GPtrArray *pending;
  /* The first editor that did not save. */
  GtkWindow *failed;
  guint      discard : 1;
} Confirm;

typedef struct
{
  GTask     *task;
  GtkWindow *editor;
  gulong     finished_id;
  gulong     unrealize_id;
} Pending;

static void
confirm_free (Confirm *confirm)
{
  g_clear_pointer (&confirm->editors, g_ptr_array_unref);
  g_clear_pointer (&confirm->pending, g_ptr_array_unref);
  g_clear_object (&confirm->failed);
  g_free (confirm);
}

static void
pending_free (Pending *pending)
{
  g_clear_signal_handler (&pending->finished_id, pending->editor);
  g_clear_signal_handler (&pending->unrealize_id, pending->editor);
  g_clear_object (&pending->editor);
  g_clear_object (&pending->task);
  g_free (pending);
}

static gboolean
is_owned_by (GtkWindow *window,
             GtkWindow *owner)
{
  for (GtkWindow *parent = gtk_window_get_transient_for (window);
       parent != NULL;
       parent = gtk_window_get_transient_for (parent))
    if (parent == owner)
      return TRUE;

  return FALSE;
}

GPtrArray *
clt_unsaved_list_editors (GtkWindow *owner)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *editors = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (toplevels);

  g_return_val_if_fail (owner == NULL || GTK_IS_WINDOW (owner), editors);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      CltForm *form = clt_form_get_from_window (window);

      if (form != NULL && clt_form_get_modified (form) &&
          (owner == NULL || is_owned_by (window, owner)))
        g_ptr_array_add (editors, g_steal_pointer (&window));
    }

  return editors;
}

char *
clt_unsaved_dup_reason (GPtrArray *editors)
{
  g_autofree char *subject = NULL;

  g_return_val_if_fail (editors != NULL && editors->len > 0, NULL);

  if (editors->len > 1)
    /* Translators: why logging out should wait (the session asks the user). */
    return g_strdup_printf (ngettext ("Unsaved changes in %u editor",
                                      "Unsaved changes in %u editors", editors->len),
                            editors->len);

  subject = clt_form_dup_subject (clt_form_get_from_window (g_ptr_array_index (editors, 0)));

  /* Translators: why logging out should wait; %s is what is edited, a
   * customer's name or a dialog's title. */
  return g_strdup_printf (_("Unsaved changes in “%s”"), subject);
}

static gboolean
return_cb (gpointer user_data)
{
  GTask *task = user_data;
  Confirm *confirm = g_task_get_task_data (task);

  if (confirm->discard)
    {
      for (guint i = 0; i < confirm->editors->len; i++)
        gtk_window_destroy (g_ptr_array_index (confirm->editors, i));
    }

  if (confirm->failed != NULL)
    gtk_window_present (confirm->failed);

  g_task_return_boolean (task, confirm->failed == NULL);

  return G_SOURCE_REMOVE;
}

/* Finishes @task from the main loop: not from inside the editor's save
 * (which closes the editor after it tells us), nor from inside the
 * question's response (the editors are its parents). */
static void
return_later (GTask *task)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, return_cb, g_object_ref (task), g_object_unref);
}

static void
end_save (Pending  *pending,
          gboolean  saved)
{
  g_autoptr(GTask) task = g_object_ref (pending->task);
  Confirm *confirm = g_task_get_task_data (task);

  if (!saved && confirm->failed == NULL)
    confirm->failed = g_object_ref (pending->editor);

  g_ptr_array_remove (confirm->pending, pending);
  if (confirm->pending->len == 0)
    return_later (task);
}

static void
on_save_finished_cb (GtkWindow *editor,
                     gboolean   saved,
                     Pending   *pending)
{
  end_save (pending, saved);
}

/* Closed before its save ended: nothing saved. (gtk_window_destroy ()
 * unrealizes a window; its "destroy" waits for the last reference.) */
static void
on_editor_unrealize_cb (GtkWindow *editor,
                        Pending   *pending)
{
  end_save (pending, FALSE);
}

static void
save_all (GTask *task)
{
  Confirm *confirm = g_task_get_task_data (task);

  for (guint i = 0; i < confirm->editors->len; i++)
    {
      GtkWindow *editor = g_ptr_array_index (confirm->editors, i);
      CltForm *form = clt_form_get_from_window (editor);
      Pending *pending;

      if (form == NULL || !clt_form_save (form))
        {
          if (confirm->failed == NULL)
            confirm->failed = g_object_ref (editor);
          continue;
        }

      pending = g_new0 (Pending, 1);
      pending->task = g_object_ref (task);
      pending->editor = g_object_ref (editor);
      pending->finished_id = g_signal_connect (editor, "save-finished",
                                               G_CALLBACK (on_save_finished_cb), pending);
      pending->unrealize_id = g_signal_connect (editor, "unrealize",
                                                G_CALLBACK (on_editor_unrealize_cb), pending);
      g_ptr_array_add (confirm->pending, pending);
    }

  if (confirm->pending->len == 0)
    return_later (task);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                gpointer          user_data)
{
  g_autoptr(GTask) task = g_object_steal_data (G_OBJECT (dialog), "clt-unsaved-task");
  Confirm *confirm;

  if (task == NULL)
    return;

  confirm = g_task_get_task_data (task);

  if (g_str_equal (response, "discard"))
    {
      confirm->discard = TRUE;
      return_later (task);
    }
  else if (g_str_equal (response, "save"))
    {
      save_all (task);
    }
  else
    {
      g_task_return_boolean (task, FALSE);
    }
}

/* Destroyed unanswered (with its editor): nothing was decided. */
static void
on_dialog_destroy_cb (AdwMessageDialog *dialog,
                      gpointer          user_data)
{
  g_autoptr(GTask) task = g_object_steal_data (G_OBJECT (dialog), "clt-unsaved-task");

  if (task != NULL)
    g_task_return_boolean (task, FALSE);
}

void
clt_unsaved_confirm_async (GPtrArray           *editors,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *body = NULL;
  Confirm *confirm;
  GtkWindow *editor;
  GtkWidget *dialog;

  g_return_if_fail (editors != NULL && editors->len > 0);

  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, clt_unsaved_confirm_async);

  /* Already asking (Ctrl+Q pressed again, a signal): that question
   * stands, this close waits for the user. */
  if (asking != NULL)
    {
      gtk_window_present (GTK_WINDOW (asking));
      g_task_return_boolean (task, FALSE);
      return;
    }

  confirm = g_new0 (Confirm, 1);
  confirm->editors = g_ptr_array_ref (editors);
  confirm->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  g_task_set_task_data (task, confirm, (GDestroyNotify) confirm_free);

  editor = g_ptr_array_index (editors, 0);
  gtk_window_present (editor);

  if (editors->len == 1)
    {
      g_autofree char *subject = clt_form_dup_subject (clt_form_get_from_window (editor));

      /* Translators: %s is what is edited, a customer's name or a dialog's
       * title ("Add Customer"). */
      body = g_strdup_printf (_("The changes in “%s” are not saved. "
                                "Changes which are not saved will be permanently lost."),
                              subject);
    }
  else
    {
      body = g_strdup_printf (ngettext ("%u editor has changes which are not saved. "
                                        "Changes which are not saved will be permanently lost.",
                                        "%u editors have changes which are not saved. "
                                        "Changes which are not saved will be permanently lost.",
                                        editors->len),
                              editors->len);
    }

  dialog = adw_message_dialog_new (editor, _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  /* An editor that closes another way takes the question with it. */
  for (guint i = 0; i < editors->len; i++)
    g_signal_connect_object (g_ptr_array_index (editors, i), "unrealize",
                             G_CALLBACK (gtk_window_destroy), dialog, G_CONNECT_SWAPPED);

  g_set_weak_pointer (&asking, ADW_MESSAGE_DIALOG (dialog));
  g_object_set_data_full (G_OBJECT (dialog), "clt-unsaved-task", g_steal_pointer (&task),
                          g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), NULL);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb), NULL);

  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
clt_unsaved_confirm_finish (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), NULL);
}
