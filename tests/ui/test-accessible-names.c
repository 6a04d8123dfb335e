/* test-accessible-names.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every button that shows only an icon has an accessible name: a screen
 * reader says nothing useful for it otherwise (a tooltip is read as its
 * description, not its name). And no button with a mnemonic keeps a label
 * property: GTK 4.8 joins it (the raw label) with the mnemonic label that
 * the button is labelled-by, so Orca read "_Cancel Cancel" (see
 * clt-accessible.h). Walks the whole widget tree, shown or not
 * (every tab, every stack page), of the main window with a customer's
 * page open, the Edit Customer and Add Address dialogs and the
 * Preferences window, and fails naming each unnamed icon button and each
 * control named twice.
 */

#include "config.h"

#include <adwaita.h>

#include "clt-address-editor.h"
#include "clt-customer-editor.h"
#include "clt-customer-page-private.h"
#include "clt-note.h"
#include "clt-preferences-window.h"
#include "clt-window-private.h"

#include "ui-test-util.h"

#define N_SAMPLE 10

static CltApplication *app;

/* The icon a button shows instead of a label, or NULL. */
static const char *
icon_only (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    {
      GtkWidget *child = gtk_menu_button_get_child (GTK_MENU_BUTTON (widget));

      if (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL)
        return NULL;
      if (child != NULL)
        return GTK_IS_IMAGE (child) ? gtk_image_get_icon_name (GTK_IMAGE (child)) : NULL;
      return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
    }

  if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

      if (GTK_IS_IMAGE (child))
        return gtk_image_get_icon_name (GTK_IMAGE (child)) != NULL
                 ? gtk_image_get_icon_name (GTK_IMAGE (child)) : "(image)";
    }

  return NULL;
}

static gboolean
has_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* Where @widget is, for the failure message: its ancestors' types. */
static char *
path_of (GtkWidget *widget)
{
  g_autoptr(GString) path = g_string_new (G_OBJECT_TYPE_NAME (widget));

  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      g_string_prepend (path, " > ");
      g_string_prepend (path, G_OBJECT_TYPE_NAME (w));
    }

  return g_string_free (g_steal_pointer (&path), FALSE);
}

/* Whether AT-SPI hears @widget's name twice, the first time with the
 * mnemonic's underscore, on GTK 4.8 (see above). */
static gboolean
named_twice (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) &&
         gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
         gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
         gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* A WidgetMatch: whether @widget is an icon-only button; what is named
 * badly goes into @data, a GString. */
static gboolean
check_named (GtkWidget     *widget,
             gconstpointer  data)
{
  GString *problems = (GString *) data;
  const char *icon = icon_only (widget);

  if (named_twice (widget))
    {
      g_autofree char *path = path_of (widget);
      g_autofree char *label = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                   GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                   "");

      g_string_append_printf (problems, "  %s (label “%s” and its mnemonic label: named twice)\n",
                              path, label != NULL ? label : "");
    }

  if (icon != NULL && !has_name (widget))
    {
      g_autofree char *path = path_of (widget);
      const char *tooltip = gtk_widget_get_tooltip_text (widget);

      g_string_append_printf (problems, "  %s (icon %s, tooltip “%s”)\n", path, icon,
                              tooltip != NULL ? tooltip : "");
    }

  return icon != NULL;
}

/* Fails when an icon-only button in @window has no accessible name;
 * returns how many icon-only buttons it checked. */
static guint
assert_icon_buttons_named (GtkWidget  *window,
                           const char *what)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_checked = count_widgets (window, check_named, problems);

  if (problems->len > 0)
    g_error ("Controls named badly in %s:\n%s", what, problems->str);

  return n_checked;
}

static gboolean
has_address_rows (gpointer data)
{
  CltCustomerPage *page = data;

  return gtk_widget_get_first_child (GTK_WIDGET (page->address_list)) != NULL;
}

static void
test_icon_buttons_named (void)
{
  TempStore ts = { 0 };
  CltWindow *window;
  CltCustomerPage *page;
  GtkWindow *dialog;
  g_autoptr(CltCustomer) customer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CltNote) note = NULL;
  g_autoptr(GError) error = NULL;
  guint n_checked = 0;

  temp_store_init (&ts, "clt-test-accessible-names-XXXXXX", N_SAMPLE);
  customer = sync_first_customer (ts.store);
  /* A note, so that the Notes tab has its rows' buttons too. */
  clt_store_add_note_async (ts.store, clt_customer_get_id (customer), "Call back on Monday.",
                            "a11y-note", NULL, store_result_cb, &result);
  wait_until (async_done, &result, "the note");
  note = clt_store_add_note_finish (ts.store, result, &error);
  g_assert_no_error (error);
  /* The result holds the store. */
  g_clear_object (&result);

  window = create_window (app, ts.store);
  page = clt_window_get_customer_page (window);
  wait_until (first_rows_loaded, window, "the first rows");
  gtk_selection_model_select_range (gtk_column_view_get_model (clt_window_get_column_view (window)),
                                    0, 2, TRUE);
  n_checked += assert_icon_buttons_named (GTK_WIDGET (window), "the table");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-customer", "s",
                                             clt_customer_get_id (customer)));
  wait_until (page_loaded, page, "the customer page");
  if (gtk_widget_get_first_child (GTK_WIDGET (page->address_list)) == NULL)
    {
      /* Every sample customer has addresses today; this keeps the test
       * honest if that changes. */
      g_test_message ("The first customer has no addresses");
    }
  else
    wait_until (has_address_rows, page, "the address rows");
  n_checked += assert_icon_buttons_named (GTK_WIDGET (window), "the customer page");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.edit", NULL));
  wait_until (window_editor_ready, window, "the Edit Customer dialog");
  n_checked += assert_icon_buttons_named (GTK_WIDGET (clt_window_get_editor (window)),
                                          "the Edit Customer dialog");
  gtk_window_close (GTK_WINDOW (clt_window_get_editor (window)));
  wait_until (window_editor_gone, window, "the editor to close");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.add-address", NULL));
  wait_until (address_editor_shown, NULL, "the Add Address dialog");
  dialog = find_toplevel (CLT_TYPE_ADDRESS_EDITOR);
  n_checked += assert_icon_buttons_named (GTK_WIDGET (dialog), "the Add Address dialog");
  gtk_window_close (dialog);
  wait_until (address_editor_gone, NULL, "the address editor to close");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  dialog = find_toplevel (CLT_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (dialog);
  run_for (300);
  n_checked += assert_icon_buttons_named (GTK_WIDGET (dialog), "the Preferences window");
  g_object_ref (dialog);
  destroy_and_finalize (dialog, "the Preferences window's last reference");

  /* The walk saw the icon buttons there are (back, menus, row buttons). */
  g_assert_cmpuint (n_checked, >=, 5);

  destroy_window (window);
  temp_store_clear (&ts);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  app = ui_test_app_new ();

  g_test_add_func ("/clt/accessible-names/icon-buttons", test_icon_buttons_named);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
