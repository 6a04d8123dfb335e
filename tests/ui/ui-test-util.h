/* ui-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-application.h"
#include "clt-custom-field.h"
#include "clt-customer.h"
#include "clt-customer-editor.h"
#include "clt-store.h"
#include "clt-window.h"

G_BEGIN_DECLS

/* Fixtures shared by the widget test programs (run under Xvfb). */

typedef gboolean (*Condition) (gpointer data);

/* A temporary SQLite store: @dir holds @path, the database file. */
typedef struct
{
  char     *dir;
  char     *path;
  CltStore *store;
} TempStore;

void            ui_test_init        (int              *argc,
                                     char           ***argv);
CltApplication *ui_test_app_new     (void);

void            wait_until          (Condition         condition,
                                     gpointer          data,
                                     const char       *what);
void            run_for             (guint             ms);
gboolean        async_done          (gpointer          data);
void            store_result_cb     (GObject          *object,
                                     GAsyncResult     *result,
                                     gpointer          user_data);
gboolean        only_one_ref        (gpointer          data);
void            remove_dir          (const char       *dir);

CltStore       *open_temp_store     (const char       *tmpl,
                                     guint             n_customers,
                                     guint             seed,
                                     char            **dir,
                                     char            **path);
void            close_temp_store    (CltStore         *store,
                                     const char       *dir);
void            temp_store_init     (TempStore        *ts,
                                     const char       *tmpl,
                                     guint             n_customers);
void            temp_store_clear    (TempStore        *ts);
/* The end of a test on a window over @store, a wrapper of @ts's store:
 * destroys @window, waits until the test holds @store's last reference,
 * drops it and clears @ts. */
void            destroy_window_and_store (CltWindow   *window,
                                          CltStore   **store,
                                          TempStore   *ts);

/* The store's calls, waited for (failing the test on an error). */
/* The first @n customers @store lists (by default order); asserts success. */
GPtrArray      *sync_list_customers  (CltStore        *store,
                                      guint            n);
CltCustomer    *sync_first_customer  (CltStore        *store);
CltCustomer    *sync_get_customer    (CltStore        *store,
                                      const char      *id);
CltCustomer    *sync_update_customer (CltStore        *store,
                                      CltCustomer     *customer);
CltCustomField *sync_save_custom_field (CltStore      *store,
                                        CltCustomField *field);
/* Defines a custom field (@choices: NULL but for choice lists). */
CltCustomField *save_custom_field    (CltStore           *store,
                                      const char         *key,
                                      const char         *label,
                                      CltCustomFieldType  type,
                                      const char * const *choices);

/* Sets the store's "local-role" preference: who its own user is. */
void            set_local_role       (CltStore        *store,
                                      CltRole          role);

CltWindow      *create_window       (CltApplication   *app,
                                     CltStore         *store);
void            destroy_window      (CltWindow        *window);
void            destroy_and_finalize (gpointer         window,
                                      const char      *what);
void            wait_for_paint      (GtkWidget        *widget);
/* Waits until @widget has been drawn @n times: the frames something
 * driven by the frame clock had to act in (not a time, which a loaded
 * machine stretches). */
void            wait_for_frames     (GtkWidget        *widget,
                                     guint             n);
void            save_screenshot     (GtkWidget        *widget,
                                     const char       *name);
void            save_screenshot_in  (GtkWidget        *widget,
                                     const char       *dir,
                                     const char       *name);
/* CLT_SCREENSHOT_WIDTH, or @fallback: how wide to make windows. */
int             screenshot_width    (int               fallback);

typedef gboolean (*WidgetMatch) (GtkWidget     *widget,
                                 gconstpointer  data);

GtkWidget      *find_widget         (GtkWidget        *widget,
                                     WidgetMatch       match,
                                     gconstpointer     data);
/* How many of @widget and the widgets below it @match accepts (each
 * widget is seen once: a match may also record what it sees). */
guint           count_widgets       (GtkWidget        *widget,
                                     WidgetMatch       match,
                                     gconstpointer     data);
/* A WidgetMatch: a mapped actionable widget whose action is @action. */
gboolean        widget_has_action   (GtkWidget        *widget,
                                     gconstpointer     action);
GtkWindow      *find_toplevel       (GType             type);
gboolean        find_message_dialog (gpointer          data);
gboolean        page_loaded         (gpointer          data);
/* Condition: the CltWindow at @data shows its first rows, loaded. */
gboolean        first_rows_loaded   (gpointer          data);
/* Types @text into the row of the CltCustomerEditor's @field. */
void            type_into_field     (CltCustomerEditor *editor,
                                     const char       *field,
                                     const char       *text);
/* Conditions: the CltWindow at @data shows the bar saying that the back
 * end can't be reached, or does not. */
gboolean        window_is_offline   (gpointer          data);
gboolean        window_is_online    (gpointer          data);
/* Conditions: the CltCustomerEditor (CltAddressEditor) at @data is not
 * busy; the window at @data is hidden; a CltConflictDialog is shown. */
gboolean        customer_editor_idle  (gpointer        data);
gboolean        address_editor_idle   (gpointer        data);
gboolean        window_hidden         (gpointer        data);
gboolean        conflict_dialog_shown (gpointer        data);

/* Conditions: the window at @data has an idle, mapped customer editor / none;
 * an idle Add or Edit Address dialog is shown / none is. */
gboolean        window_editor_ready   (gpointer        data);
gboolean        window_editor_gone    (gpointer        data);
gboolean        address_editor_shown  (gpointer        data);
gboolean        address_editor_gone   (gpointer        data);

/* A presented window to parent dialogs on, the caller's own reference;
 * destroy_parent_window () takes it back and checks it is finalized. */
GtkWindow      *present_parent_window (void);
void            destroy_parent_window (GtkWindow      *parent);

G_END_DECLS
