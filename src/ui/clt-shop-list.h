/* clt-shop-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-enums.h"
#include "clt-types.h"

G_BEGIN_DECLS

/* What the shop pages of the preferences window (sites, groups,
 * companies, custom fields) share.
 *
 * A CltShopList is a plain struct in the page's instance struct, not a
 * widget. It lists the store's objects of one kind as rows of the page's
 * group (title, subtitle; Enter or a click opens the editor, a button
 * deletes after a confirmation), follows the store's "changed" signal,
 * and offers Add, Edit and Delete only to users whose role may manage
 * the shop (CLT_PERMISSION_MANAGE_SHOP) on a store that is not read-only:
 * others see the list read-only and the group says why. Failures reach
 * the user as toasts of the preferences window; a delete that met a
 * newer version says so and shows the list as it is now. */

typedef struct _CltShopList CltShopList;

typedef void       (*CltShopListAsync)        (CltStore            *store,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
typedef GPtrArray *(*CltShopListFinish)       (CltStore            *store,
                                               GAsyncResult        *result,
                                               GError             **error);
typedef void       (*CltShopDeleteAsync)      (CltStore            *store,
                                               const char          *key,
                                               gint64               version,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
typedef gboolean   (*CltShopDeleteFinish)     (CltStore            *store,
                                               GAsyncResult        *result,
                                               GError             **error);

/* What a page tells the list about its kind: a static constant. */
typedef struct
{
  CltChangeKind        change;
  CltShopListAsync     list_async;
  CltShopListFinish    list_finish;
  CltShopDeleteAsync   delete_async;
  CltShopDeleteFinish  delete_finish;
  /* The properties that key and name an object: "code", "id", "key";
   * "name", "label". */
  const char          *key_property;
  const char          *name_property;

  /* The row's subtitle (transfer full). */
  char              *(*dup_subtitle)   (gpointer     item);
  /* A new editor for @item, or to add one (@item NULL), not presented;
   * the list presents it and reloads when it emits "saved". */
  GtkWindow         *(*create_editor)  (GtkWidget   *page,
                                        gpointer     item);
  /* Asks before deleting @item, through clt_shop_list_confirm_delete ()
   * (perhaps after finding out more); NULL asks with delete_body. */
  void               (*ask_delete)     (GtkWidget   *page,
                                        gpointer     item);

  /* Texts, marked with N_() and translated when shown. The headings and
   * delete_body have one %s, the name. */
  const char          *description;         /* to admins */
  const char          *read_only_description;
  const char          *empty_title;
  const char          *delete_heading;
  const char          *delete_body;
  const char          *load_failed;
  const char          *delete_failed;
  const char          *deleted;             /* the toast; %s the name */
} CltShopListInfo;

struct _CltShopList
{
  GtkWidget             *page;
  const CltShopListInfo *info;

  /* Template widgets */
  AdwPreferencesGroup   *group;
  GtkButton             *add_button;
  GtkWidget             *empty_row;

  CltStore              *store;
  GCancellable          *cancellable;
  /* What the store listed, and a row for each, in order. */
  GPtrArray             *items;
  GPtrArray             *rows;
  /* To show once listed (clt_shop_list_show ()). */
  char                  *pending;
  /* The keys whose delete is under way (shown as "Deleting…"). */
  GHashTable            *deleting;
  gulong                 changed_id;

  guint                  may_manage : 1;
  /* The store said who is signed in. */
  guint                  user_known : 1;
  guint                  loaded : 1;
  guint                  loading : 1;
};

void             clt_shop_list_class_init        (GtkWidgetClass        *widget_class,
                                                  gssize                 list_offset);
void             clt_shop_list_init              (CltShopList           *list,
                                                  GtkWidget             *page,
                                                  const CltShopListInfo *info);
void             clt_shop_list_clear             (CltShopList           *list);

void             clt_shop_list_set_store         (CltShopList           *list,
                                                  CltStore              *store);
CltStore        *clt_shop_list_get_store         (CltShopList           *list);
void             clt_shop_list_reload            (CltShopList           *list);

/* Whether the user may add, edit and delete here. */
gboolean         clt_shop_list_get_may_manage    (CltShopList           *list);
/* Whether the store's answer is in (the rows show it). */
gboolean         clt_shop_list_get_loaded        (CltShopList           *list);
/* The listed objects (transfer none), in order. */
GPtrArray       *clt_shop_list_get_items         (CltShopList           *list);
gpointer         clt_shop_list_find              (CltShopList           *list,
                                                  const char            *key);
/* The row of the object keyed @key, or NULL. */
GtkWidget       *clt_shop_list_get_row           (CltShopList           *list,
                                                  const char            *key);

/* Shows the page and the object keyed @key (once listed): its editor
 * when the user may change it, else its row, focused. */
void             clt_shop_list_show              (CltShopList           *list,
                                                  const char            *key);
/* Opens the editor of @item, or to add one (@item NULL). Returns it. */
GtkWindow       *clt_shop_list_edit              (CltShopList           *list,
                                                  gpointer               item);
/* Asks before deleting @item (the page's ask_delete, if any). */
void             clt_shop_list_delete            (CltShopList           *list,
                                                  gpointer               item);
/* The confirmation: @body says what deleting @item means. Returns the
 * dialog, presented. */
GtkWindow       *clt_shop_list_confirm_delete    (CltShopList           *list,
                                                  gpointer               item,
                                                  const char            *body);
void             clt_shop_list_add_toast         (CltShopList           *list,
                                                  const char            *message);
/* @item's name, for messages (transfer full). */
char            *clt_shop_list_dup_name          (CltShopList           *list,
                                                  gpointer               item);

G_END_DECLS
