/* clt-form-conflict.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A save of CltForm that met a newer version (STALE): compares the stored
 * version with what was typed, field by field, asks the user about the
 * fields both sides changed (CltConflictDialog), and merges the answer
 * onto the stored version so that the next save names its version.
 */

#define G_LOG_DOMAIN "clt-form"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-conflict-dialog.h"
#include "clt-form.h"
#include "clt-iso-codes.h"

/* A conflict under way: the stored version and the compared properties. */
typedef struct
{
  GtkWidget *window;
  CltForm   *form;
  GObject   *theirs;
  GPtrArray *names;
} Conflict;

static void
conflict_free (Conflict *conflict)
{
  g_clear_object (&conflict->window);
  g_clear_object (&conflict->theirs);
  g_clear_pointer (&conflict->names, g_ptr_array_unref);
  g_free (conflict);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Conflict, conflict_free)

static gboolean
get_value (GObject    *object,
           const char *name,
           GValue     *value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);

  if (pspec == NULL)
    return FALSE;

  g_value_init (value, pspec->value_type);
  g_object_get_property (object, name, value);

  return TRUE;
}

/* The value of @name as text to compare: NULL strings are "". */
static char *
dup_raw (GObject    *object,
         const char *name)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) text = G_VALUE_INIT;

  if (!get_value (object, name, &value))
    return g_strdup ("");

  if (G_VALUE_HOLDS_STRING (&value))
    return g_strdup (g_value_get_string (&value) != NULL ? g_value_get_string (&value) : "");

  g_value_init (&text, G_TYPE_STRING);
  if (!g_value_transform (&value, &text))
    return g_strdup ("");

  return g_value_dup_string (&text);
}

/* The value of @name as the editor shows it: the label of a combo row's
 * choice, Yes or No, a country's name. */
static char *
dup_display (CltFormField *field,
             GObject      *object,
             const char   *name)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (!get_value (object, name, &value))
    return g_strdup ("");

  if (G_VALUE_HOLDS_BOOLEAN (&value))
    return g_strdup (g_value_get_boolean (&value) ? _("Yes") : _("No"));

  if (field != NULL && ADW_IS_COMBO_ROW (field->row))
    {
      GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (field->row));
      guint position = GTK_INVALID_LIST_POSITION;

      if (G_VALUE_HOLDS_STRING (&value) && field->codes != NULL)
        {
          for (guint i = 0; i < field->codes->len; i++)
            if (g_strcmp0 (g_ptr_array_index (field->codes, i), g_value_get_string (&value)) == 0)
              position = i;
        }
      else if (G_VALUE_HOLDS_ENUM (&value))
        {
          position = (guint) g_value_get_enum (&value);
        }

      if (GTK_IS_STRING_LIST (model) && position < g_list_model_get_n_items (model))
        return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), position));
    }

  if (G_VALUE_HOLDS_STRING (&value) && g_strcmp0 (name, "country") == 0 &&
      clt_iso_codes_is_country (g_value_get_string (&value)))
    {
      const char *code = g_value_get_string (&value);

      /* TRANSLATORS: a country: its ISO code and its name, "AT — Austria" */
      return g_strdup_printf (_("%s — %s"), code, clt_iso_codes_get_country_name (code));
    }

  return dup_raw (object, name);
}

static const char *
get_label (CltForm      *form,
           CltFormField *field,
           const char   *name)
{
  for (guint i = 0; i < form->info->n_labels; i++)
    if (g_strcmp0 (form->info->labels[i].name, name) == 0)
      return _(form->info->labels[i].label);

  if (field != NULL && ADW_IS_PREFERENCES_ROW (field->row))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field->row));

  return name;
}

/* Replaces the typed object with @theirs plus the user's value of each
 * property in @mine_names, and fills the rows with it. */
static void
merge (CltForm   *form,
       GObject   *theirs,
       GPtrArray *mine_names)
{
  g_autoptr(GObject) merged = form->info->copy (theirs);

  for (guint i = 0; i < mine_names->len; i++)
    {
      const char *name = g_ptr_array_index (mine_names, i);
      g_auto(GValue) value = G_VALUE_INIT;

      if (get_value (form->object, name, &value))
        g_object_set_property (merged, name, &value);
    }

  g_clear_object (&form->base);
  form->base = form->info->copy (theirs);
  g_set_object (&form->object, merged);

  form->info->load (form->window);
}

static void
finish (CltForm           *form,
        GObject           *theirs,
        GPtrArray         *mine_names,
        CltConflictChoice  choice)
{
  merge (form, theirs, mine_names);
  gtk_revealer_set_reveal_child (form->banner_revealer, FALSE);

  if (choice == CLT_CONFLICT_TAKE_THEIRS)
    {
      clt_form_add_toast (form, _("Showing the other version: nothing of yours was saved"));
      return;
    }

  clt_form_update_can_save (form);
  if (!form->can_save)
    {
      clt_form_show_banner (form, _("Couldn't save the changes"),
                            _("The combined version is not valid: correct the marked fields, "
                              "then save."),
                            FALSE);
      return;
    }

  gtk_widget_activate_action (form->window, "editor.save", NULL);
}

static void
on_conflict_resolved_cb (CltConflictDialog *dialog,
                         int                choice,
                         Conflict          *conflict)
{
  CltForm *form = conflict->form;
  g_autoptr(GPtrArray) mine_names = g_ptr_array_new ();

  if (form->closed)
    return;

  for (guint i = 0; i < conflict->names->len; i++)
    {
      const char *name = g_ptr_array_index (conflict->names, i);

      if (choice == CLT_CONFLICT_KEEP_MINE ||
          (choice == CLT_CONFLICT_SELECTION && clt_conflict_dialog_get_take_mine (dialog, name)))
        g_ptr_array_add (mine_names, (gpointer) name);
    }

  finish (form, conflict->theirs, mine_names, choice);
}

static void
on_conflict_cancelled_cb (CltConflictDialog *dialog,
                          Conflict          *conflict)
{
  if (!conflict->form->closed)
    clt_form_show_stale_banner (conflict->form);
}

/* Adds @name to @names when form->object and @theirs differ in it, and
 * to @they_changed (if not NULL) when @theirs also differs from the base. */
static void
compare (CltForm    *form,
         GObject    *theirs,
         const char *name,
         GPtrArray  *names,
         GPtrArray  *they_changed)
{
  g_autofree char *mine = dup_raw (form->object, name);
  g_autofree char *stored = dup_raw (theirs, name);
  g_autofree char *base = NULL;

  if (g_strcmp0 (mine, stored) == 0)
    return;

  g_ptr_array_add (names, (gpointer) name);
  if (they_changed == NULL)
    return;

  base = dup_raw (form->base, name);
  if (g_strcmp0 (base, stored) != 0)
    g_ptr_array_add (they_changed, (gpointer) name);
}

/* compare () for each shown field that is a property, and each labelled
 * property the dialog edits outside of fields. */
static void
compare_all (CltForm   *form,
             GObject   *theirs,
             GPtrArray *names,
             GPtrArray *they_changed)
{
  for (guint i = 0; i < form->info->n_fields; i++)
    {
      CltFormField *field = &form->fields[i];

      if (!field->hidden && field->name != NULL &&
          g_object_class_find_property (G_OBJECT_GET_CLASS (form->object), field->name) != NULL)
        compare (form, theirs, field->name, names, they_changed);
    }
  for (guint i = 0; i < form->info->n_labels; i++)
    {
      const char *name = form->info->labels[i].name;

      if (clt_form_find_field (form, name) == NULL)
        compare (form, theirs, name, names, they_changed);
    }
}

gboolean
clt_form_differs (CltForm *form,
                  GObject *other)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_return_val_if_fail (G_IS_OBJECT (other), FALSE);

  compare_all (form, other, names, NULL);

  return names->len > 0;
}

void
clt_form_resolve_conflict (CltForm  *form,
                           gpointer  theirs)
{
  g_autoptr(Conflict) conflict = NULL;
  g_autoptr(GPtrArray) they_changed = g_ptr_array_new ();
  CltConflictDialog *dialog;

  g_return_if_fail (G_IS_OBJECT (theirs));
  g_assert (form->base != NULL);

  conflict = g_new0 (Conflict, 1);
  conflict->window = g_object_ref (form->window);
  conflict->form = form;
  conflict->theirs = g_object_ref (theirs);
  conflict->names = g_ptr_array_new ();

  /* The fields that differ between the stored version and the typed one. */
  compare_all (form, theirs, conflict->names, they_changed);

  /* They changed nothing the user sees here (a group, a note, a field the
   * user also set to the same value): the user's values go on top of
   * theirs without a question. */
  if (they_changed->len == 0)
    {
      finish (form, theirs, conflict->names, CLT_CONFLICT_KEEP_MINE);
      return;
    }

  dialog = clt_conflict_dialog_new (GTK_WINDOW (form->window),
                                    _(form->info->stale_title),
                                    _("It was saved by someone else while you were editing. "
                                      "For each field that differs, choose which value to keep; "
                                      "nothing is saved until you choose."));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  for (guint i = 0; i < conflict->names->len; i++)
    {
      const char *name = g_ptr_array_index (conflict->names, i);
      CltFormField *field = clt_form_find_field (form, name);
      g_autofree char *base = dup_display (field, form->base, name);
      g_autofree char *mine = dup_display (field, form->object, name);
      g_autofree char *stored = dup_display (field, theirs, name);

      clt_conflict_dialog_add_field (dialog, name, get_label (form, field, name),
                                     base, stored, mine);
    }

  g_set_weak_pointer (&form->conflict, GTK_WINDOW (dialog));
  g_signal_connect (dialog, "cancelled", G_CALLBACK (on_conflict_cancelled_cb), conflict);
  g_signal_connect_data (dialog, "resolved", G_CALLBACK (on_conflict_resolved_cb),
                         g_steal_pointer (&conflict), (GClosureNotify) (void (*) (void)) conflict_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}
