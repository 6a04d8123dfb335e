/* clt-shop-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-shop-list"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-backoffice-user.h"
#include "clt-error-message.h"
#include "clt-shop-list.h"
#include "clt-store.h"
#include "clt-toast.h"

#define LIST_KEY "clt-shop-list"
#define ROW_KEY  "clt-shop-key"

static void rebuild_rows (CltShopList *list);
static void apply_pending (CltShopList *list);

/* @format (a text of the info, translated here) with its one %s
 * replaced by @name. Not printf: the formats are not literals. */
static char *
format_name (const char *format,
             const char *name)
{
  g_auto(GStrv) parts = g_strsplit (_(format), "%s", 2);

  return g_strjoinv (name, parts);
}

static CltShopList *
list_of (gpointer page)
{
  return g_object_get_data (G_OBJECT (page), LIST_KEY);
}

static char *
dup_key (CltShopList *list,
         gpointer     item)
{
  char *key = NULL;

  g_object_get (item, list->info->key_property, &key, NULL);
  return key;
}

static gint64
get_version (gpointer item)
{
  gint64 version = 0;

  g_object_get (item, "version", &version, NULL);
  return version;
}

static void
set_may_manage (CltShopList *list,
                gboolean     may_manage)
{
  list->may_manage = may_manage;
  gtk_widget_set_visible (GTK_WIDGET (list->add_button), may_manage);
  adw_preferences_group_set_description (list->group,
                                         may_manage ? _(list->info->description)
                                                    : _(list->info->read_only_description));
  rebuild_rows (list);
}

/* Callbacks --------------------------------------------------------------- */

static void
on_row_activated_cb (AdwActionRow *row,
                     CltShopList  *list)
{
  gpointer item = clt_shop_list_find (list, g_object_get_data (G_OBJECT (row), ROW_KEY));

  if (item != NULL)
    clt_shop_list_edit (list, item);
}

static void
on_delete_clicked_cb (GtkButton   *button,
                      CltShopList *list)
{
  gpointer item = clt_shop_list_find (list, g_object_get_data (G_OBJECT (button), ROW_KEY));

  if (item != NULL)
    clt_shop_list_delete (list, item);
}

static void
on_add_clicked_cb (GtkButton   *button,
                   CltShopList *list)
{
  clt_shop_list_edit (list, NULL);
}

static void
on_editor_saved_cb (GtkWindow *editor,
                    GObject   *stored,
                    gpointer   page)
{
  clt_shop_list_reload (list_of (page));
}

static void
on_listed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWidget) page = user_data;
  CltShopList *list = list_of (page);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = list->info->list_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      CLT_STORE (object) != list->store)
    return;

  list->loading = FALSE;
  if (items == NULL)
    {
      g_autofree char *message = clt_error_dup_message (_(list->info->load_failed), error);

      clt_shop_list_add_toast (list, message);
      return;
    }

  g_clear_pointer (&list->items, g_ptr_array_unref);
  list->items = g_steal_pointer (&items);
  list->loaded = TRUE;
  rebuild_rows (list);
  apply_pending (list);
}

static void
on_user_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWidget) page = user_data;
  CltShopList *list = list_of (page);
  g_autoptr(CltBackofficeUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gboolean may = FALSE;

  user = clt_store_get_current_user_finish (CLT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      CLT_STORE (object) != list->store)
    return;

  if (user != NULL)
    may = clt_backoffice_user_may (user, CLT_PERMISSION_MANAGE_SHOP);
  else if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SUPPORTED))
    may = TRUE;   /* the store refuses what the user may not do */
  else
    {
      g_autofree char *message = clt_error_dup_message (_("Couldn't find out who is signed in"),
                                                        error);

      clt_shop_list_add_toast (list, message);
    }

  list->user_known = TRUE;
  set_may_manage (list, may && !clt_store_get_read_only (list->store));
  apply_pending (list);
}

static void
on_store_changed_cb (CltStore      *store,
                     CltChangeKind  kind,
                     const char    *id,
                     CltShopList   *list)
{
  if (kind == list->info->change)
    clt_shop_list_reload (list);
}

typedef struct
{
  GtkWidget *page;
  char      *key;
  char      *name;
} Deleting;

static void
deleting_free (Deleting *deleting)
{
  g_clear_object (&deleting->page);
  g_free (deleting->key);
  g_free (deleting->name);
  g_free (deleting);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Deleting, deleting_free)

/* Drops @key's object from the items, as deleted. */
static void
forget_item (CltShopList *list,
             const char  *key)
{
  gpointer item = clt_shop_list_find (list, key);

  if (item != NULL)
    g_ptr_array_remove (list->items, item);
}

/* Why a delete failed, in a dialog: the reasons are sentences a toast
 * would cut off. */
static void
show_delete_failed (CltShopList *list,
                    const char  *reason)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (list->page)),
                                   _(list->info->delete_failed), reason);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_deleted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Deleting) deleting = user_data;
  CltShopList *list = list_of (deleting->page);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean deleted;

  deleted = list->info->delete_finish (CLT_STORE (object), result, &error) ||
            g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_FOUND);
  /* Cancelled: the page went away or shows another store. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || list->rows == NULL ||
      CLT_STORE (object) != list->store)
    return;

  /* The row leaves at once when deleted, or shows the object again. */
  g_hash_table_remove (list->deleting, deleting->key);
  if (deleted)
    forget_item (list, deleting->key);
  rebuild_rows (list);
  clt_shop_list_reload (list);

  if (deleted)
    {
      message = format_name (list->info->deleted, deleting->name);
      clt_shop_list_add_toast (list, message);
      return;
    }

  if (g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_STALE))
    message = g_strdup_printf (_("Someone else changed “%s” meanwhile. Look at it again before "
                                 "you delete it."), deleting->name);
  else
    message = clt_error_dup_message (NULL, error);
  show_delete_failed (list, message);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          page)
{
  CltShopList *list = list_of (page);
  const char *key = g_object_get_data (G_OBJECT (dialog), ROW_KEY);
  gpointer item = clt_shop_list_find (list, key);
  Deleting *deleting;

  if (g_strcmp0 (response, "delete") != 0 || item == NULL || list->store == NULL)
    return;

  deleting = g_new0 (Deleting, 1);
  deleting->page = g_object_ref (page);
  deleting->key = g_strdup (key);
  deleting->name = clt_shop_list_dup_name (list, item);
  /* Deleting may take a while (a custom field that every customer has
   * is deleted from each of them): the row says so meanwhile, and can't
   * be deleted or edited twice. */
  g_hash_table_add (list->deleting, g_strdup (key));
  rebuild_rows (list);
  list->info->delete_async (list->store, key, get_version (item), list->cancellable,
                            on_deleted_cb, deleting);
}

/* Rows -------------------------------------------------------------------- */

static GtkWidget *
create_row (CltShopList *list,
            gpointer     item)
{
  g_autofree char *key = dup_key (list, item);
  g_autofree char *name = clt_shop_list_dup_name (list, item);
  g_autofree char *subtitle = list->info->dup_subtitle (item);
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  gboolean deleting = g_hash_table_contains (list->deleting, key);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (row, deleting ? _("Deleting…") : subtitle);
  adw_action_row_set_subtitle_lines (row, 2);
  g_object_set_data_full (G_OBJECT (row), ROW_KEY, g_strdup (key), g_free);

  if (deleting)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spinner),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Deleting…"),
                                      -1);
      adw_action_row_add_suffix (row, spinner);
    }
  else if (list->may_manage)
    {
      g_autofree char *delete_label = g_strdup_printf (_("Delete “%s”"), name);
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, delete_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), ROW_KEY, g_strdup (key), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_delete_clicked_cb), list);
      adw_action_row_add_suffix (row, button);

      gtk_accessible_update_property (GTK_ACCESSIBLE (arrow),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit"),
                                      -1);
      adw_action_row_add_suffix (row, arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect (row, "activated", G_CALLBACK (on_row_activated_cb), list);
    }

  return GTK_WIDGET (row);
}

static void
rebuild_rows (CltShopList *list)
{
  GtkWidget *focus = NULL;
  g_autofree char *focused_key = NULL;

  /* The row that has the focus keeps it, as a new row of the same object. */
  if (gtk_widget_get_root (list->page) != NULL)
    focus = gtk_root_get_focus (gtk_widget_get_root (list->page));
  for (guint i = 0; i < list->rows->len && focus != NULL; i++)
    {
      GtkWidget *row = g_ptr_array_index (list->rows, i);

      if (focus == row || gtk_widget_is_ancestor (focus, row))
        focused_key = g_strdup (g_object_get_data (G_OBJECT (row), ROW_KEY));
    }

  for (guint i = 0; i < list->rows->len; i++)
    adw_preferences_group_remove (list->group, g_ptr_array_index (list->rows, i));
  g_ptr_array_set_size (list->rows, 0);

  for (guint i = 0; list->items != NULL && i < list->items->len; i++)
    {
      GtkWidget *row = create_row (list, g_ptr_array_index (list->items, i));

      g_ptr_array_add (list->rows, row);
      adw_preferences_group_add (list->group, row);
    }

  gtk_widget_set_visible (list->empty_row, list->loaded && list->rows->len == 0);

  if (focused_key != NULL)
    {
      GtkWidget *row = clt_shop_list_get_row (list, focused_key);

      if (row != NULL)
        gtk_widget_grab_focus (row);
    }
}

static void
apply_pending (CltShopList *list)
{
  g_autofree char *key = NULL;
  gpointer item;

  /* Both answers are needed: what there is and what the user may do. */
  if (list->pending == NULL || !list->loaded || list->store == NULL ||
      !list->user_known)
    return;

  key = g_steal_pointer (&list->pending);
  item = clt_shop_list_find (list, key);
  if (item == NULL)
    {
      clt_shop_list_add_toast (list, _("It no longer exists."));
      return;
    }

  if (list->may_manage)
    clt_shop_list_edit (list, item);
  else
    gtk_widget_grab_focus (clt_shop_list_get_row (list, key));
}

/* Setup ------------------------------------------------------------------- */

/* From the page's class_init (), whose instance struct holds the list at
 * @list_offset: binds the template children the list needs, group,
 * add_button and empty_row. */
void
clt_shop_list_class_init (GtkWidgetClass *widget_class,
                          gssize          list_offset)
{
#define BIND(name) \
  gtk_widget_class_bind_template_child_full (widget_class, #name, FALSE, \
                                             list_offset + G_STRUCT_OFFSET (CltShopList, name))
  BIND (add_button);
  BIND (empty_row);
  BIND (group);
#undef BIND
}

/* In the page's init (), after its template. */
void
clt_shop_list_init (CltShopList           *list,
                    GtkWidget             *page,
                    const CltShopListInfo *info)
{
  g_assert (ADW_IS_PREFERENCES_GROUP (list->group));

  list->page = page;
  list->info = info;
  list->rows = g_ptr_array_new ();
  list->deleting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  list->cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (page), LIST_KEY, list);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (list->empty_row), _(info->empty_title));
  gtk_widget_set_visible (list->empty_row, FALSE);
  g_signal_connect (list->add_button, "clicked", G_CALLBACK (on_add_clicked_cb), list);
  set_may_manage (list, FALSE);
}

/* In the page's dispose (). */
void
clt_shop_list_clear (CltShopList *list)
{
  if (list->cancellable != NULL)
    g_cancellable_cancel (list->cancellable);
  if (list->store != NULL)
    g_clear_signal_handler (&list->changed_id, list->store);

  g_clear_object (&list->store);
  g_clear_object (&list->cancellable);
  g_clear_pointer (&list->items, g_ptr_array_unref);
  g_clear_pointer (&list->rows, g_ptr_array_unref);
  g_clear_pointer (&list->deleting, g_hash_table_unref);
  g_clear_pointer (&list->pending, g_free);
}

/* Public API -------------------------------------------------------------- */

void
clt_shop_list_set_store (CltShopList *list,
                         CltStore    *store)
{
  g_return_if_fail (store == NULL || CLT_IS_STORE (store));

  if (list->store == store)
    return;

  g_cancellable_cancel (list->cancellable);
  g_clear_object (&list->cancellable);
  list->cancellable = g_cancellable_new ();
  if (list->store != NULL)
    g_clear_signal_handler (&list->changed_id, list->store);
  g_set_object (&list->store, store);
  g_clear_pointer (&list->items, g_ptr_array_unref);
  /* Their deletes were cancelled with the old store's work. */
  g_hash_table_remove_all (list->deleting);
  list->loaded = FALSE;
  list->loading = FALSE;
  list->user_known = FALSE;
  set_may_manage (list, FALSE);

  if (store == NULL)
    return;

  list->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), list);
  clt_store_get_current_user_async (store, list->cancellable, on_user_cb,
                                    g_object_ref (list->page));
  clt_shop_list_reload (list);
}

CltStore *
clt_shop_list_get_store (CltShopList *list)
{
  return list->store;
}

void
clt_shop_list_reload (CltShopList *list)
{
  if (list->store == NULL)
    return;

  list->loading = TRUE;
  list->info->list_async (list->store, list->cancellable, on_listed_cb,
                          g_object_ref (list->page));
}

gboolean
clt_shop_list_get_may_manage (CltShopList *list)
{
  return list->may_manage;
}

gboolean
clt_shop_list_get_loaded (CltShopList *list)
{
  return list->loaded && !list->loading;
}

GPtrArray *
clt_shop_list_get_items (CltShopList *list)
{
  return list->items;
}

gpointer
clt_shop_list_find (CltShopList *list,
                    const char  *key)
{
  for (guint i = 0; key != NULL && list->items != NULL && i < list->items->len; i++)
    {
      gpointer item = g_ptr_array_index (list->items, i);
      g_autofree char *item_key = dup_key (list, item);

      if (g_strcmp0 (item_key, key) == 0)
        return item;
    }

  return NULL;
}

GtkWidget *
clt_shop_list_get_row (CltShopList *list,
                       const char  *key)
{
  for (guint i = 0; key != NULL && i < list->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (list->rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), ROW_KEY), key) == 0)
        return row;
    }

  return NULL;
}

void
clt_shop_list_show (CltShopList *list,
                    const char  *key)
{
  GtkRoot *root = gtk_widget_get_root (list->page);

  g_return_if_fail (key != NULL);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (root),
                                             ADW_PREFERENCES_PAGE (list->page));

  g_free (list->pending);
  list->pending = g_strdup (key);
  apply_pending (list);
}

GtkWindow *
clt_shop_list_edit (CltShopList *list,
                    gpointer     item)
{
  GtkWindow *editor;

  g_return_val_if_fail (list->store != NULL, NULL);

  editor = list->info->create_editor (list->page, item);
  gtk_window_set_transient_for (editor, GTK_WINDOW (gtk_widget_get_root (list->page)));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), list->page, 0);
  gtk_window_present (editor);

  return editor;
}

void
clt_shop_list_delete (CltShopList *list,
                      gpointer     item)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  g_autofree char *key = dup_key (list, item);

  if (g_hash_table_contains (list->deleting, key))
    return;

  if (list->info->ask_delete != NULL)
    {
      list->info->ask_delete (list->page, item);
      return;
    }

  name = clt_shop_list_dup_name (list, item);
  body = format_name (list->info->delete_body, name);
  clt_shop_list_confirm_delete (list, item, body);
}

GtkWindow *
clt_shop_list_confirm_delete (CltShopList *list,
                              gpointer     item,
                              const char  *body)
{
  g_autofree char *name = clt_shop_list_dup_name (list, item);
  g_autofree char *heading = format_name (list->info->delete_heading, name);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (list->page)), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  -1);
  g_object_set_data_full (G_OBJECT (dialog), ROW_KEY, dup_key (list, item), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb),
                           list->page, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

void
clt_shop_list_add_toast (CltShopList *list,
                         const char  *message)
{
  GtkRoot *root = gtk_widget_get_root (list->page);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    clt_toast_show (clt_toast_new (message), GTK_WIDGET (root));
  else
    g_message ("%s", message);
}

char *
clt_shop_list_dup_name (CltShopList *list,
                        gpointer     item)
{
  char *name = NULL;

  g_object_get (item, list->info->name_property, &name, NULL);
  if (name == NULL || name[0] == '\0')
    {
      g_free (name);
      name = dup_key (list, item);
    }

  return name;
}
