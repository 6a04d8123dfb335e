/* clt-unsaved.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quitting or closing the main window with changes that are not saved
 * asks first, as GNOME Text Editor does: Cancel, Discard or Save. An
 * editor dialog saves through its own Save ("editor.save"), so a field
 * error, a conflict or a store error shows in the editor as it does when
 * the user presses Save, and the close stops there. Other windows with
 * unsaved changes (the main window's note drafts) tell about them, save
 * and discard them through a CltUnsavedSource.
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
  GPtrArray *windows;
  /* The windows whose save has not ended (Pending, owned). */
  GPtrArray *pending;
  /* The first window that did not save. */
  GtkWindow *failed;
  guint      discard : 1;
} Confirm;

typedef struct
{
  GTask     *task;
  GtkWindow *window;
  gulong     finished_id;
  gulong     unrealize_id;
} Pending;

static void
confirm_free (Confirm *confirm)
{
  g_clear_pointer (&confirm->windows, g_ptr_array_unref);
  g_clear_pointer (&confirm->pending, g_ptr_array_unref);
  g_clear_object (&confirm->failed);
  g_free (confirm);
}

static void
pending_free (Pending *pending)
{
  g_clear_signal_handler (&pending->finished_id, pending->window);
  g_clear_signal_handler (&pending->unrealize_id, pending->window);
  g_clear_object (&pending->window);
  g_clear_object (&pending->task);
  g_free (pending);
}

/* An editor dialog: its form's changes, one for the sentences. */

static guint
count_form (GtkWindow *window)
{
  return clt_form_get_modified (clt_form_get_from_window (window)) ? 1 : 0;
}

static char *
dup_form_subject (GtkWindow *window)
{
  return clt_form_dup_subject (clt_form_get_from_window (window));
}

static gboolean
save_form (GtkWindow *window)
{
  return clt_form_save (clt_form_get_from_window (window));
}

static const CltUnsavedSource form_source = {
  .count = count_form,
  .dup_subject = dup_form_subject,
  .save = save_form,
  .discard = gtk_window_destroy,
};

static const CltUnsavedSource *
get_source (GtkWindow *window)
{
  if (clt_form_get_from_window (window) != NULL)
    return &form_source;

  return g_object_get_data (G_OBJECT (window), "clt-unsaved-source");
}

void
clt_unsaved_class_add_signals (GtkWidgetClass *widget_class)
{
  g_signal_new ("modified-changed", G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  g_signal_new ("save-finished", G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

void
clt_unsaved_set_source (GtkWindow              *window,
                        const CltUnsavedSource *source)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (g_signal_lookup ("save-finished", G_OBJECT_TYPE (window)) != 0);

  g_object_set_data (G_OBJECT (window), "clt-unsaved-source", (gpointer) source);
}

gboolean
clt_unsaved_is_source (GtkWindow *window)
{
  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);

  return get_source (window) != NULL;
}

static gboolean
is_owned_by (GtkWindow *window,
             GtkWindow *owner)
{
  for (GtkWindow *ancestor = window;
       ancestor != NULL;
       ancestor = gtk_window_get_transient_for (ancestor))
    if (ancestor == owner)
      return TRUE;

  return FALSE;
}

GPtrArray *
clt_unsaved_list_windows (GtkWindow *owner)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *windows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (toplevels);
  guint n_editors = 0;

  g_return_val_if_fail (owner == NULL || GTK_IS_WINDOW (owner), windows);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      const CltUnsavedSource *source = get_source (window);

      if (source == NULL || source->count (window) == 0 ||
          (owner != NULL && !is_owned_by (window, owner)))
        continue;

      /* The question goes over an editor (modal to its window). */
      if (source == &form_source)
        g_ptr_array_insert (windows, n_editors++, g_steal_pointer (&window));
      else
        g_ptr_array_add (windows, g_steal_pointer (&window));
    }

  return windows;
}

static guint
count_all (GPtrArray *windows)
{
  guint count = 0;

  for (guint i = 0; i < windows->len; i++)
    {
      GtkWindow *window = g_ptr_array_index (windows, i);

      count += get_source (window)->count (window);
    }

  return count;
}

/* What the only change is about; NULL when there are several. */
static char *
dup_only_subject (GPtrArray *windows)
{
  GtkWindow *window = g_ptr_array_index (windows, 0);

  if (windows->len > 1 || get_source (window)->count (window) > 1)
    return NULL;

  return get_source (window)->dup_subject (window);
}

char *
clt_unsaved_dup_reason (GPtrArray *windows)
{
  g_autofree char *subject = NULL;

  g_return_val_if_fail (windows != NULL && windows->len > 0, NULL);

  if ((subject = dup_only_subject (windows)) == NULL)
    {
      guint count = count_all (windows);

      /* Translators: why logging out should wait (the session asks the
       * user): changes in editors and unsent notes. */
      return g_strdup_printf (ngettext ("%u unsaved change", "%u unsaved changes", count), count);
    }

  /* Translators: why logging out should wait; %s is what is edited, a
   * customer's name, a dialog's title or a new note ("New Note for Anna
   * Berger"). */
  return g_strdup_printf (_("Unsaved changes in “%s”"), subject);
}

static gboolean
return_cb (gpointer user_data)
{
  GTask *task = user_data;
  Confirm *confirm = g_task_get_task_data (task);

  if (confirm->discard)
    {
      for (guint i = 0; i < confirm->windows->len; i++)
        {
          GtkWindow *window = g_ptr_array_index (confirm->windows, i);
          const CltUnsavedSource *source = get_source (window);

          if (source != NULL)
            source->discard (window);
        }
    }

  if (confirm->failed != NULL)
    gtk_window_present (confirm->failed);

  g_task_return_boolean (task, confirm->failed == NULL);

  return G_SOURCE_REMOVE;
}

/* Finishes @task from the main loop: not from inside a window's save
 * (an editor closes after it tells us), nor from inside the
 * question's response (the windows are its parents). */
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
    confirm->failed = g_object_ref (pending->window);

  g_ptr_array_remove (confirm->pending, pending);
  if (confirm->pending->len == 0)
    return_later (task);
}

static void
on_save_finished_cb (GtkWindow *window,
                     gboolean   saved,
                     Pending   *pending)
{
  end_save (pending, saved);
}

/* Closed before its save ended: nothing saved. (gtk_window_destroy ()
 * unrealizes a window; its "destroy" waits for the last reference.) */
static void
on_window_unrealize_cb (GtkWindow *window,
                        Pending   *pending)
{
  end_save (pending, FALSE);
}

static void
save_all (GTask *task)
{
  Confirm *confirm = g_task_get_task_data (task);

  for (guint i = 0; i < confirm->windows->len; i++)
    {
      GtkWindow *window = g_ptr_array_index (confirm->windows, i);
      const CltUnsavedSource *source = get_source (window);
      Pending *pending;

      if (source == NULL || !source->save (window))
        {
          if (confirm->failed == NULL)
            confirm->failed = g_object_ref (window);
          continue;
        }

      pending = g_new0 (Pending, 1);
      pending->task = g_object_ref (task);
      pending->window = g_object_ref (window);
      pending->finished_id = g_signal_connect (window, "save-finished",
                                               G_CALLBACK (on_save_finished_cb), pending);
      pending->unrealize_id = g_signal_connect (window, "unrealize",
                                                G_CALLBACK (on_window_unrealize_cb), pending);
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

/* Destroyed unanswered (with its window): nothing was decided. */
static void
on_dialog_destroy_cb (AdwMessageDialog *dialog,
                      gpointer          user_data)
{
  g_autoptr(GTask) task = g_object_steal_data (G_OBJECT (dialog), "clt-unsaved-task");

  if (task != NULL)
    g_task_return_boolean (task, FALSE);
}

void
clt_unsaved_confirm_async (GPtrArray           *windows,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  Confirm *confirm;
  GtkWindow *first;
  GtkWidget *dialog;

  g_return_if_fail (windows != NULL && windows->len > 0);

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
  confirm->windows = g_ptr_array_ref (windows);
  confirm->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  g_task_set_task_data (task, confirm, (GDestroyNotify) confirm_free);

  first = g_ptr_array_index (windows, 0);
  gtk_window_present (first);

  if ((subject = dup_only_subject (windows)) != NULL)
    {
      /* Translators: %s is what is edited, a customer's name, a dialog's
       * title ("Add Customer") or a new note ("New Note for Anna Berger"). */
      body = g_strdup_printf (_("The changes in “%s” are not saved. "
                                "Changes which are not saved will be permanently lost."),
                              subject);
    }
  else
    {
      guint count = count_all (windows);

      /* Translators: changes in editors and unsent notes. */
      body = g_strdup_printf (ngettext ("%u change is not saved. "
                                        "Changes which are not saved will be permanently lost.",
                                        "%u changes are not saved. "
                                        "Changes which are not saved will be permanently lost.",
                                        count),
                              count);
    }

  dialog = adw_message_dialog_new (first, _("Save Changes?"), body);
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

  /* A window that closes another way takes the question with it. */
  for (guint i = 0; i < windows->len; i++)
    g_signal_connect_object (g_ptr_array_index (windows, i), "unrealize",
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
