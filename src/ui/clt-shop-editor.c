/* clt-shop-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-shop-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-company.h"
#include "clt-custom-field.h"
#include "clt-group.h"
#include "clt-shop-editor.h"
#include "clt-site.h"
#include "clt-store.h"
#include "clt-validate.h"

enum {
  PROP_0,
  PROP_CAN_SAVE,
  PROP_BUSY,
  N_PROPS
};

/* What clt_shop_editor_class_init () was told, kept on the class. */
typedef struct
{
  gssize                   form_offset;
  const CltShopEditorKind *kind;
} EditorClassData;

static GQuark
class_data_quark (void)
{
  return g_quark_from_static_string ("clt-shop-editor-class");
}

static EditorClassData *
get_class_data (gpointer window)
{
  GType type = G_OBJECT_TYPE (window);
  EditorClassData *data = g_type_get_qdata (type, class_data_quark ());

  g_assert (data != NULL);
  return data;
}

static CltForm *
get_form (gpointer window)
{
  return G_STRUCT_MEMBER_P (window, get_class_data (window)->form_offset);
}

/* The store's save for @object's type. */
static void
save_async (CltStore            *store,
            gpointer             object,
            const char          *request_id,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  if (CLT_IS_SITE (object))
    clt_store_save_site_async (store, object, request_id, cancellable, callback, user_data);
  else if (CLT_IS_GROUP (object))
    clt_store_save_group_async (store, object, request_id, cancellable, callback, user_data);
  else if (CLT_IS_COMPANY (object))
    clt_store_save_company_async (store, object, request_id, cancellable, callback, user_data);
  else if (CLT_IS_CUSTOM_FIELD (object))
    clt_store_save_custom_field_async (store, object, request_id, cancellable, callback, user_data);
  else
    g_assert_not_reached ();
}

static GObject *
save_finish (CltStore      *store,
             GObject       *object,
             GAsyncResult  *result,
             GError       **error)
{
  if (CLT_IS_SITE (object))
    return G_OBJECT (clt_store_save_site_finish (store, result, error));
  if (CLT_IS_GROUP (object))
    return G_OBJECT (clt_store_save_group_finish (store, result, error));
  if (CLT_IS_COMPANY (object))
    return G_OBJECT (clt_store_save_company_finish (store, result, error));
  if (CLT_IS_CUSTOM_FIELD (object))
    return G_OBJECT (clt_store_save_custom_field_finish (store, result, error));

  g_assert_not_reached ();
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) window = user_data;
  CltForm *form = get_form (window);
  g_autoptr(GObject) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_autoptr(GtkWidget) focus = g_object_steal_data (G_OBJECT (window), "clt-focus");

  stored = save_finish (CLT_STORE (object), form->object, result, &error);
  if (clt_form_finish_save (form, stored, error))
    {
      g_signal_emit_by_name (window, "saved", stored);
      gtk_window_close (GTK_WINDOW (window));
      return;
    }

  /* Not saved: typing goes on where it was, unless the form moved the
   * focus to the field at fault. */
  if (gtk_root_get_focus (GTK_ROOT (window)) == NULL && focus != NULL &&
      gtk_widget_get_root (focus) == GTK_ROOT (window))
    gtk_widget_grab_focus (focus);
}

static void
on_listed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWidget) window = user_data;
  const CltShopEditorKind *kind = get_class_data (window)->kind;
  CltForm *form = get_form (window);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  GObject *current = NULL;

  items = kind->list_finish (CLT_STORE (object), result, &error);
  g_object_get (form->object, kind->key_property, &key, NULL);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      g_autofree char *item_key = NULL;

      g_object_get (g_ptr_array_index (items, i), kind->key_property, &item_key, NULL);
      if (g_strcmp0 (item_key, key) == 0)
        current = g_ptr_array_index (items, i);
    }

  /* Not listed: deleted meanwhile, which the form says without an error. */
  if (clt_form_finish_reload (form, current, error))
    kind->load (window);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CltForm *form = get_form (widget);
  g_autoptr(GObject) object = NULL;
  GtkWidget *focus;

  if (!form->can_save || form->busy)
    return;

  /* The rows turn insensitive while saving: the focus leaves them first
   * (GTK 4.8 keeps a focused text blinking without a focus-out), and
   * comes back when the save fails. */
  focus = gtk_root_get_focus (GTK_ROOT (widget));
  if (focus != NULL)
    g_object_set_data_full (G_OBJECT (widget), "clt-focus", g_object_ref (focus), g_object_unref);
  gtk_root_set_focus (GTK_ROOT (widget), NULL);

  if (!clt_form_begin_save (form))
    return;

  object = form->info->copy (form->object);
  save_async (form->store, object, form->create ? form->request_id : NULL, form->cancellable,
              on_saved_cb, g_object_ref (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CltForm *form = get_form (widget);

  if (!clt_form_begin_reload (form))
    return;

  get_class_data (widget)->kind->list_async (form->store, form->cancellable, on_listed_cb,
                                             g_object_ref (widget));
}

static gboolean
close_request (GtkWindow *window)
{
  GtkWindowClass *parent_class = g_type_class_peek (ADW_TYPE_WINDOW);

  clt_form_close (get_form (window));

  return parent_class->close_request (window);
}

static void
get_property (GObject    *object,
              guint       prop_id,
              GValue     *value,
              GParamSpec *pspec)
{
  CltForm *form = get_form (object);

  switch (prop_id)
    {
    case PROP_CAN_SAVE:
      g_value_set_boolean (value, form->can_save);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, form->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/**
 * clt_shop_editor_class_init:
 * @widget_class: the dialog's class, an AdwWindow subclass
 * @form_offset: where its instance struct holds the CltForm
 * @kind: (transfer none): what it edits, a static constant
 * @resource: its template
 */
void
clt_shop_editor_class_init (GtkWidgetClass          *widget_class,
                            gssize                   form_offset,
                            const CltShopEditorKind *kind,
                            const char              *resource)
{
  GObjectClass *object_class = G_OBJECT_CLASS (widget_class);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (widget_class);
  EditorClassData *data = g_new0 (EditorClassData, 1);
  GParamSpec *properties[N_PROPS] = { NULL, };

  data->form_offset = form_offset;
  data->kind = kind;
  g_type_set_qdata (G_TYPE_FROM_CLASS (widget_class), class_data_quark (), data);

  object_class->get_property = get_property;
  window_class->close_request = close_request;

  properties[PROP_CAN_SAVE] =
    g_param_spec_boolean ("can-save", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_signal_new ("saved",
                G_TYPE_FROM_CLASS (widget_class),
                G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, G_TYPE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class, resource);
  clt_form_class_init (widget_class, form_offset);

  gtk_widget_class_install_action (widget_class, "editor.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
}

gboolean
clt_shop_editor_check_field (GtkWidget     *window,
                             CltFormField  *field,
                             char         **message)
{
  return clt_validate_shop_field (field->form->object, field->name, message);
}

gboolean
clt_shop_editor_check (GtkWidget  *window,
                       char      **message)
{
  g_autoptr(GError) error = NULL;

  if (!clt_validate_shop (get_form (window)->object, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }

  return TRUE;
}

void
clt_shop_editor_dispose (GtkWidget *window)
{
  clt_form_close (get_form (window));
  gtk_widget_dispose_template (window, G_OBJECT_TYPE (window));
}

void
clt_shop_editor_finalize (GtkWidget *window)
{
  CltForm *form = get_form (window);
  CltStore *store = form->store;

  clt_form_clear (form);
  g_clear_object (&store);
}

void
clt_shop_editor_finish_setup (GtkWidget      *window,
                              AdwWindowTitle *title,
                              const char     *create_title,
                              const char     *edit_title,
                              GtkWidget      *focus)
{
  CltForm *form = get_form (window);

  gtk_button_set_label (form->save_button, form->create ? _("_Add") : _("_Save"));
  gtk_widget_action_set_enabled (window, "editor.reload", !form->create);
  adw_window_title_set_title (title, form->create ? create_title : edit_title);
  gtk_window_set_title (GTK_WINDOW (window), adw_window_title_get_title (title));

  get_class_data (window)->kind->load (window);
  clt_form_finish_setup (form, focus);
}

CltForm *
clt_shop_editor_get_form (GtkWidget *window)
{
  return get_form (window);
}

static gboolean
is_taken (const char *key,
          GPtrArray  *taken,
          const char *key_property)
{
  for (guint i = 0; taken != NULL && i < taken->len; i++)
    {
      g_autofree char *other = NULL;

      g_object_get (g_ptr_array_index (taken, i), key_property, &other, NULL);
      if (g_ascii_strcasecmp (other, key) == 0)
        return TRUE;
    }

  return FALSE;
}

char *
clt_shop_editor_make_key (const char *name,
                          GPtrArray  *taken,
                          const char *key_property)
{
  g_autofree char *ascii = g_str_to_ascii (name != NULL ? name : "", NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *base = NULL;

  /* Letters and digits, runs of anything else one hyphen. */
  for (const char *p = ascii; *p != '\0' && key->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (key, g_ascii_tolower (*p));
      else if (key->len > 0 && key->str[key->len - 1] != '-')
        g_string_append_c (key, '-');
    }
  while (key->len > 0 && key->str[key->len - 1] == '-')
    g_string_truncate (key, key->len - 1);
  if (key->len == 0)
    g_string_append (key, "x");

  base = g_strdup (key->str);
  for (guint n = 2; is_taken (key->str, taken, key_property); n++)
    {
      g_string_truncate (key, 0);
      g_string_append_printf (key, "%s-%u", base, n);
    }

  return g_string_free (g_steal_pointer (&key), FALSE);
}
