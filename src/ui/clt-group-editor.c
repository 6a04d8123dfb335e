/* clt-group-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-group-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-form.h"
#include "clt-group.h"
#include "clt-group-editor.h"
#include "clt-shop-editor.h"
#include "clt-store.h"
#include "clt-validate.h"

typedef enum
{
  FIELD_NAME,
  FIELD_DESCRIPTION,
  N_FIELDS
} FieldId;

/* CltGroup property names. */
static const char * const field_names[N_FIELDS] = {
  "name",
  "description",
};

struct _CltGroupEditor
{
  AdwWindow       parent_instance;

  /* Template widgets (and the form's, see clt-form.h) */
  AdwEntryRow    *description_row;
  AdwEntryRow    *name_row;
  AdwWindowTitle *window_title;

  /* The copy being edited; the form owns a reference on its store. */
  CltForm         form;

  /* The groups there are (their names are taken). */
  GPtrArray      *groups;
};

G_DEFINE_FINAL_TYPE (CltGroupEditor, clt_group_editor, ADW_TYPE_WINDOW)

static CltGroup *
get_group (gpointer self)
{
  return CLT_GROUP (CLT_GROUP_EDITOR (self)->form.object);
}

/* Another group of that name, or NULL. */
static CltGroup *
find_namesake (CltGroupEditor *self)
{
  CltGroup *group = get_group (self);
  g_autofree char *name = g_utf8_casefold (clt_group_get_name (group), -1);

  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    {
      CltGroup *other = g_ptr_array_index (self->groups, i);
      g_autofree char *other_name = g_utf8_casefold (clt_group_get_name (other), -1);

      if (g_strcmp0 (clt_group_get_code (other), clt_group_get_code (group)) != 0 &&
          g_strcmp0 (name, other_name) == 0)
        return other;
    }

  return NULL;
}

static gboolean
check_field (GtkWidget     *window,
             CltFormField  *field,
             char         **message)
{
  CltGroup *namesake;

  if (!clt_shop_editor_check_field (window, field, message))
    return FALSE;

  namesake = field->id == FIELD_NAME ? find_namesake (CLT_GROUP_EDITOR (window)) : NULL;
  if (namesake != NULL)
    {
      *message = g_strdup_printf (_("There is already a group named “%s”"),
                                  clt_group_get_name (namesake));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_group (GtkWidget  *window,
             char      **message)
{
  if (!clt_shop_editor_check (window, message))
    return FALSE;

  return check_field (window, &CLT_GROUP_EDITOR (window)->form.fields[FIELD_NAME], message);
}

static gpointer
copy_object (gpointer object)
{
  return clt_group_copy (object);
}

static void
load_group (GtkWidget *window)
{
  clt_form_load (&CLT_GROUP_EDITOR (window)->form);
}

static const CltFormInfo form_info = {
  .field_names = field_names,
  .n_fields = N_FIELDS,
  .check_field = check_field,
  .check = check_group,
  .copy = copy_object,
  .load = load_group,
  .stale_title = N_("Someone else changed this group"),
  .create_failed_title = N_("Couldn't add the group"),
  .reload_failed_title = N_("Couldn't reload the group"),
  .read_only_message = N_("Groups can be viewed but not changed."),
};

static const CltShopEditorKind editor_kind = {
  .list_async = clt_store_list_groups_async,
  .list_finish = clt_store_list_groups_finish,
  .key_property = "code",
  .load = load_group,
};

/* After the form's handler: a new group's code follows its name. */
static void
on_name_changed_cb (CltGroupEditor *self)
{
  g_autofree char *code = NULL;

  if (!self->form.create || self->form.loading > 0 || self->form.closed)
    return;

  code = clt_shop_editor_make_key (clt_group_get_name (get_group (self)), self->groups, "code");
  clt_group_set_code (get_group (self), code);
  clt_form_update_can_save (&self->form);
}

static void
clt_group_editor_dispose (GObject *object)
{
  clt_shop_editor_dispose (GTK_WIDGET (object));

  G_OBJECT_CLASS (clt_group_editor_parent_class)->dispose (object);
}

static void
clt_group_editor_finalize (GObject *object)
{
  CltGroupEditor *self = CLT_GROUP_EDITOR (object);

  clt_shop_editor_finalize (GTK_WIDGET (object));
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (clt_group_editor_parent_class)->finalize (object);
}

static void
clt_group_editor_class_init (CltGroupEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_group_editor_dispose;
  object_class->finalize = clt_group_editor_finalize;

  clt_shop_editor_class_init (widget_class, G_STRUCT_OFFSET (CltGroupEditor, form), &editor_kind,
                              "/io/github/clientele/Clientele/ui/clt-group-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CltGroupEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, CltGroupEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CltGroupEditor, window_title);
}

static void
clt_group_editor_init (CltGroupEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

/**
 * clt_group_editor_new:
 * @store: where the group is stored
 * @group: (nullable): the group to edit, never changed; NULL to add one
 * @groups: (nullable): the groups there are
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
CltGroupEditor *
clt_group_editor_new (CltStore  *store,
                      CltGroup  *group,
                      GPtrArray *groups)
{
  CltGroupEditor *self;
  gboolean create = group == NULL;

  g_return_val_if_fail (CLT_IS_STORE (store), NULL);
  g_return_val_if_fail (group == NULL || CLT_IS_GROUP (group), NULL);

  self = g_object_new (CLT_TYPE_GROUP_EDITOR, NULL);
  self->groups = groups != NULL ? g_ptr_array_ref (groups) : NULL;
  clt_form_init (&self->form, GTK_WIDGET (self), &form_info, g_object_ref (store), create,
                 create ? clt_group_new () : clt_group_copy (group));

  clt_form_add_field (&self->form, FIELD_NAME, GTK_WIDGET (self->name_row));
  clt_form_add_field (&self->form, FIELD_DESCRIPTION, GTK_WIDGET (self->description_row));
  self->form.fields[FIELD_DESCRIPTION].hint = _("Optional: what the group is for");
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_name_changed_cb), self);

  clt_shop_editor_finish_setup (GTK_WIDGET (self), self->window_title, _("Add Group"),
                                _("Edit Group"), GTK_WIDGET (self->name_row));

  return self;
}
