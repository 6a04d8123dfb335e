/* clt-conflict-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-conflict-dialog.h"

/* One field in conflict: its group and the check button of "yours". */
typedef struct
{
  char           *name;
  GtkCheckButton *mine_check;
  GtkCheckButton *theirs_check;
} Field;

struct _CltConflictDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkWidget      *content_box;
  GtkLabel       *description_label;
  GtkBox         *fields_box;
  AdwWindowTitle *window_title;

  GPtrArray      *fields;
  guint           resolved : 1;
};

G_DEFINE_FINAL_TYPE (CltConflictDialog, clt_conflict_dialog, ADW_TYPE_WINDOW)

enum {
  RESOLVED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_free (Field *field)
{
  g_clear_pointer (&field->name, g_free);
  g_free (field);
}

static Field *
find_field (CltConflictDialog *self,
            const char        *name)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_strcmp0 (field->name, name) == 0)
        return field;
    }

  return NULL;
}

/* A row offering one of the two values; @value is plain text. */
static GtkWidget *
create_choice_row (const char      *value,
                   const char      *whose,
                   GtkCheckButton **check)
{
  GtkWidget *row = adw_action_row_new ();

  *check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_widget_set_valign (GTK_WIDGET (*check), GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (*check));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (*check));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 value[0] != '\0' ? value : _("(empty)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), whose);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  gtk_accessible_update_property (GTK_ACCESSIBLE (*check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, whose,
                                  -1);

  return row;
}

static void
resolve (CltConflictDialog *self,
         CltConflictChoice  choice)
{
  if (self->resolved)
    return;

  for (guint i = 0; choice != CLT_CONFLICT_SELECTION && i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      gtk_check_button_set_active (choice == CLT_CONFLICT_KEEP_MINE ? field->mine_check
                                                                     : field->theirs_check,
                                   TRUE);
    }

  self->resolved = TRUE;
  g_signal_emit (self, signals[RESOLVED], 0, choice);
  gtk_window_close (GTK_WINDOW (self));
}

static void
keep_mine_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  resolve (CLT_CONFLICT_DIALOG (widget), CLT_CONFLICT_KEEP_MINE);
}

static void
take_theirs_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  resolve (CLT_CONFLICT_DIALOG (widget), CLT_CONFLICT_TAKE_THEIRS);
}

static void
save_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  resolve (CLT_CONFLICT_DIALOG (widget), CLT_CONFLICT_SELECTION);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
clt_conflict_dialog_close_request (GtkWindow *window)
{
  CltConflictDialog *self = CLT_CONFLICT_DIALOG (window);

  if (!self->resolved)
    {
      self->resolved = TRUE;
      g_signal_emit (self, signals[CANCELLED], 0);
    }

  return GTK_WINDOW_CLASS (clt_conflict_dialog_parent_class)->close_request (window);
}

static void
clt_conflict_dialog_dispose (GObject *object)
{
  CltConflictDialog *self = CLT_CONFLICT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_CONFLICT_DIALOG);

  G_OBJECT_CLASS (clt_conflict_dialog_parent_class)->dispose (object);
}

static void
clt_conflict_dialog_finalize (GObject *object)
{
  CltConflictDialog *self = CLT_CONFLICT_DIALOG (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (clt_conflict_dialog_parent_class)->finalize (object);
}

static void
clt_conflict_dialog_class_init (CltConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = clt_conflict_dialog_dispose;
  object_class->finalize = clt_conflict_dialog_finalize;

  window_class->close_request = clt_conflict_dialog_close_request;

  /**
   * CltConflictDialog::resolved:
   * @choice: a CltConflictChoice
   */
  signals[RESOLVED] =
    g_signal_new ("resolved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  signals[CANCELLED] =
    g_signal_new ("cancelled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CltConflictDialog, content_box);
  gtk_widget_class_bind_template_child (widget_class, CltConflictDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, CltConflictDialog, fields_box);
  gtk_widget_class_bind_template_child (widget_class, CltConflictDialog, window_title);

  gtk_widget_class_install_action (widget_class, "conflict.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "conflict.keep-mine", NULL, keep_mine_action);
  gtk_widget_class_install_action (widget_class, "conflict.save-selection", NULL,
                                   save_selection_action);
  gtk_widget_class_install_action (widget_class, "conflict.take-theirs", NULL, take_theirs_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "conflict.cancel", NULL);

  /* GTK 4.8 shows a modal AdwWindow to assistive technologies as a filler. */
}

static void
clt_conflict_dialog_init (CltConflictDialog *self)
{
  /* A dialog to AT-SPI, named by its title. GTK 4.8 takes the role from the
   * instance when the template realizes the accessible (the class role
   * leaves a modal AdwWindow subclass a "filler"): set it before. */
  g_object_set (self, "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
}

/**
 * clt_conflict_dialog_new:
 * @parent: (nullable): the editor whose save met the conflict
 * @title: what happened, "Someone else changed this customer"
 * @description: what to do about it
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
CltConflictDialog *
clt_conflict_dialog_new (GtkWindow  *parent,
                         const char *title,
                         const char *description)
{
  CltConflictDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (description != NULL, NULL);

  self = g_object_new (CLT_TYPE_CONFLICT_DIALOG, NULL);

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  adw_window_title_set_subtitle (self->window_title, title);
  gtk_label_set_label (self->description_label, description);

  return self;
}

void
clt_conflict_dialog_add_field (CltConflictDialog *self,
                               const char        *name,
                               const char        *label,
                               const char        *base,
                               const char        *theirs,
                               const char        *mine)
{
  gboolean they_changed;
  gboolean you_changed;
  GtkWidget *group;
  GtkWidget *row;
  Field *field;

  g_return_if_fail (CLT_IS_CONFLICT_DIALOG (self));
  g_return_if_fail (name != NULL && label != NULL);
  g_return_if_fail (base != NULL && theirs != NULL && mine != NULL);
  g_return_if_fail (find_field (self, name) == NULL);

  they_changed = g_strcmp0 (base, theirs) != 0;
  you_changed = g_strcmp0 (base, mine) != 0;

  field = g_new0 (Field, 1);
  field->name = g_strdup (name);
  g_ptr_array_add (self->fields, field);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), label);
  if (they_changed && you_changed)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("Changed by both of you"));
  else if (they_changed)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("Changed by the other person"));
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("Changed by you"));

  row = create_choice_row (theirs, _("Theirs: as saved now"), &field->theirs_check);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  /* Unchanged on this side, it is what the editor opened with. */
  row = create_choice_row (mine, you_changed ? _("Yours: as you typed it")
                                             : _("Yours: as you opened it"),
                           &field->mine_check);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_check_button_set_group (field->mine_check, field->theirs_check);

  /* The natural merge: their change where only they changed it. */
  gtk_check_button_set_active (they_changed && !you_changed ? field->theirs_check
                                                            : field->mine_check,
                               TRUE);

  gtk_box_append (self->fields_box, group);
}

guint
clt_conflict_dialog_get_n_fields (CltConflictDialog *self)
{
  g_return_val_if_fail (CLT_IS_CONFLICT_DIALOG (self), 0);

  return self->fields->len;
}

gboolean
clt_conflict_dialog_get_take_mine (CltConflictDialog *self,
                                   const char        *name)
{
  Field *field;

  g_return_val_if_fail (CLT_IS_CONFLICT_DIALOG (self), FALSE);

  field = find_field (self, name);
  g_return_val_if_fail (field != NULL, FALSE);

  return gtk_check_button_get_active (field->mine_check);
}

void
clt_conflict_dialog_set_take_mine (CltConflictDialog *self,
                                   const char        *name,
                                   gboolean           take_mine)
{
  Field *field;

  g_return_if_fail (CLT_IS_CONFLICT_DIALOG (self));

  field = find_field (self, name);
  g_return_if_fail (field != NULL);

  gtk_check_button_set_active (take_mine ? field->mine_check : field->theirs_check, TRUE);
}

void
clt_conflict_dialog_resolve (CltConflictDialog *self,
                             CltConflictChoice  choice)
{
  g_return_if_fail (CLT_IS_CONFLICT_DIALOG (self));

  resolve (self, choice);
}
