/* clt-group-chooser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-group-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-error-message.h"
#include "clt-group.h"
#include "clt-group-chooser.h"
#include "clt-placeholder.h"
#include "clt-store.h"

struct _CltGroupChooser
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkButton      *choose_button;
  GtkLabel       *error_label;
  GtkListBox     *group_list;
  GtkSpinner     *spinner;
  GtkStack       *stack;
  AdwWindowTitle *window_title;

  CltStore       *store;
  GCancellable   *cancellable;
  GStrv           exclude;
  /* The radio buttons of the rows, by group code (owned by the rows). */
  GHashTable     *checks;
  gboolean        add;
  gboolean        loading;
};

G_DEFINE_FINAL_TYPE (CltGroupChooser, clt_group_chooser, ADW_TYPE_WINDOW)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
get_chosen_code (CltGroupChooser *self)
{
  GHashTableIter iter;
  gpointer code, check;

  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, &code, &check))
    if (gtk_check_button_get_active (check))
      return code;

  return NULL;
}

static void
update_choose (CltGroupChooser *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chooser.choose",
                                 get_chosen_code (self) != NULL);
}

static void
show_groups (CltGroupChooser *self,
             GPtrArray       *groups)
{
  GtkCheckButton *first = NULL;

  for (guint i = 0; i < groups->len; i++)
    {
      CltGroup *group = g_ptr_array_index (groups, i);
      const char *code = clt_group_get_code (group);
      GtkWidget *row;
      GtkWidget *check;

      if (self->exclude != NULL && g_strv_contains ((const char * const *) self->exclude, code))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), clt_group_get_name (group));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), clt_group_get_description (group));

      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, clt_group_get_name (group),
                                      -1);
      if (first == NULL)
        first = GTK_CHECK_BUTTON (check);
      else
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      g_signal_connect_object (check, "notify::active", G_CALLBACK (update_choose), self,
                               G_CONNECT_SWAPPED);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->group_list, row);
      g_object_set_data_full (G_OBJECT (check), "group-name",
                              g_strdup (clt_group_get_name (group)), g_free);
      g_hash_table_insert (self->checks, g_strdup (code), check);
    }
}

static void
on_groups_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CltGroupChooser) self = user_data;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;

  groups = clt_store_list_groups_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "groups");

  if (groups == NULL)
    {
      g_autofree char *message = clt_error_dup_message (_("Couldn’t load the customer groups"),
                                                        error);

      gtk_label_set_label (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->group_list), FALSE);
      return;
    }

  show_groups (self, groups);
  update_choose (self);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CltGroupChooser *self = CLT_GROUP_CHOOSER (widget);
  g_autofree char *code = g_strdup (get_chosen_code (self));
  g_autofree char *name = NULL;

  if (code == NULL)
    return;

  name = g_strdup (g_object_get_data (g_hash_table_lookup (self->checks, code), "group-name"));
  g_signal_emit (self, signals[CHOSEN], 0, code, name);
  gtk_window_close (GTK_WINDOW (self));
}

static void
clt_group_chooser_dispose (GObject *object)
{
  CltGroupChooser *self = (CltGroupChooser *) object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (clt_group_chooser_parent_class)->dispose (object);
}

static void
clt_group_chooser_finalize (GObject *object)
{
  CltGroupChooser *self = (CltGroupChooser *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->exclude, g_strfreev);
  g_clear_pointer (&self->checks, g_hash_table_unref);

  G_OBJECT_CLASS (clt_group_chooser_parent_class)->finalize (object);
}

static void
clt_group_chooser_class_init (CltGroupChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_group_chooser_dispose;
  object_class->finalize = clt_group_chooser_finalize;

  /**
   * CltGroupChooser::chosen:
   * @code: the chosen group's code
   * @name: its name
   */
  signals[CHOSEN] =
    g_signal_new ("chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-group-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, CltGroupChooser, choose_button);
  gtk_widget_class_bind_template_child (widget_class, CltGroupChooser, error_label);
  gtk_widget_class_bind_template_child (widget_class, CltGroupChooser, group_list);
  gtk_widget_class_bind_template_child (widget_class, CltGroupChooser, spinner);
  gtk_widget_class_bind_template_child (widget_class, CltGroupChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, CltGroupChooser, window_title);

  gtk_widget_class_install_action (widget_class, "chooser.choose", NULL, choose_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /* GTK 4.8 + libadwaita 1.2 expose an AdwWindow as a filler. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
}

static void
clt_group_chooser_init (CltGroupChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_list_box_set_placeholder (self->group_list,
                                clt_placeholder_label_new (_("There are no customer groups to choose "
                                                     "from. Administrators add them in "
                                                     "Preferences → Groups.")));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chooser.choose", FALSE);
}

CltGroupChooser *
clt_group_chooser_new (GtkWindow          *parent,
                       CltStore           *store,
                       gboolean            add,
                       const char         *subtitle,
                       const char * const *exclude)
{
  CltGroupChooser *self;
  const char *title = add ? _("Add to Group") : _("Remove from Group");

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CLT_IS_STORE (store), NULL);

  self = g_object_new (CLT_TYPE_GROUP_CHOOSER,
                       "transient-for", parent,
                       "title", title,
                       NULL);
  self->store = g_object_ref (store);
  self->add = add;
  self->exclude = exclude != NULL ? g_strdupv ((char **) exclude) : NULL;

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
  gtk_button_set_label (self->choose_button, add ? _("_Add") : _("_Remove"));
  if (!add)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->choose_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->choose_button), "destructive-action");
    }

  self->loading = TRUE;
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  clt_store_list_groups_async (store, self->cancellable, on_groups_listed_cb,
                               g_object_ref (self));

  return self;
}

gboolean
clt_group_chooser_get_loading (CltGroupChooser *self)
{
  g_return_val_if_fail (CLT_IS_GROUP_CHOOSER (self), FALSE);

  return self->loading;
}

gboolean
clt_group_chooser_select (CltGroupChooser *self,
                          const char      *code)
{
  GtkCheckButton *check;

  g_return_val_if_fail (CLT_IS_GROUP_CHOOSER (self), FALSE);

  check = g_hash_table_lookup (self->checks, code);
  if (check == NULL)
    return FALSE;

  gtk_widget_activate (GTK_WIDGET (check));
  return gtk_check_button_get_active (check);
}

guint
clt_group_chooser_get_n_groups (CltGroupChooser *self)
{
  g_return_val_if_fail (CLT_IS_GROUP_CHOOSER (self), 0);

  return g_hash_table_size (self->checks);
}
