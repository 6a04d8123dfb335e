/* clt-bench-sample.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-bench"

#include "config.h"

#include <adwaita.h>
#include <gtk/gtk.h>

#include "clt-application.h"
#include "clt-bench-sample.h"
#include "clt-bench-util.h"
#include "clt-customer-list.h"
#include "clt-customer.h"
#include "clt-store.h"
#include "clt-window-private.h"

#define SAMPLE_TIMEOUT_US (60 * G_USEC_PER_SEC)

typedef struct
{
  CltApplication *app;
  CltWindow      *window;
  gint64          clicked_us;
  double          first_rows_ms;
  guint           n_expected;
  int             status;
} SampleBench;

/* Whether the first row the view shows is loaded. */
static gboolean
first_row_loaded (CltWindow *window)
{
  GtkColumnView *view = clt_window_get_column_view (window);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(CltCustomer) customer = NULL;

  if (model == NULL || g_list_model_get_n_items (model) == 0)
    return FALSE;

  customer = g_list_model_get_item (model, 0);
  return customer != NULL && clt_customer_get_loaded (customer) &&
         gtk_widget_get_mapped (GTK_WIDGET (view));
}

/* The phases on stderr: what the store announced and when the list
 * changed, from the click. */
static void
on_store_changed_cb (CltStore      *store,
                     CltChangeKind  kind,
                     const char    *id,
                     SampleBench   *bench)
{
  g_printerr ("sample: store changed (kind %d) at %.1f ms\n", kind,
              elapsed_ms (bench->clicked_us));
}

static void
on_list_items_changed_cb (GListModel  *list,
                          guint        position,
                          guint        removed,
                          guint        added,
                          SampleBench *bench)
{
  g_printerr ("sample: list has %u rows at %.1f ms\n", g_list_model_get_n_items (list),
              elapsed_ms (bench->clicked_us));
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   SampleBench   *bench)
{
  CltCustomerList *list = clt_window_get_customer_list (bench->window);
  gint64 now = g_get_monotonic_time ();

  if (bench->clicked_us == 0)
    {
      /* The empty window is on screen: click "Load Sample Data". */
      if (!gtk_widget_get_mapped (GTK_WIDGET (bench->window)) || clt_customer_list_get_loading (list))
        return;
      if (g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
        die ("the sample benchmark needs an empty database");

      bench->clicked_us = g_get_monotonic_time ();
      g_signal_connect (list, "items-changed", G_CALLBACK (on_list_items_changed_cb), bench);
      g_signal_connect (clt_customer_list_get_store (list), "changed",
                        G_CALLBACK (on_store_changed_cb), bench);
      if (!gtk_widget_activate_action (GTK_WIDGET (bench->window), "win.load-sample", NULL))
        die ("the window has no win.load-sample action");
      return;
    }

  if (bench->first_rows_ms == 0 && first_row_loaded (bench->window))
    {
      bench->first_rows_ms = (now - bench->clicked_us) / 1000.0;
      print_metric ("ui_load_sample_ms", bench->first_rows_ms, "ms", bench->n_expected);
    }

  if (bench->first_rows_ms > 0 && !clt_customer_list_get_loading (list) &&
      g_list_model_get_n_items (G_LIST_MODEL (list)) >= bench->n_expected)
    {
      print_metric ("ui_load_sample_all_ms", (now - bench->clicked_us) / 1000.0, "ms",
                    bench->n_expected);
      bench->status = EXIT_SUCCESS;
      g_application_quit (G_APPLICATION (bench->app));
      return;
    }

  if (now - bench->clicked_us > SAMPLE_TIMEOUT_US)
    {
      g_printerr ("sample: no rows %.0f s after the click\n", SAMPLE_TIMEOUT_US / 1e6);
      g_application_quit (G_APPLICATION (bench->app));
    }
}

/* Frames stop when nothing changes: keep them coming while waiting. */
static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *frame_clock,
            gpointer       user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
on_window_realize_cb (GtkWidget   *widget,
                      SampleBench *bench)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (on_after_paint_cb), bench);
  gtk_widget_add_tick_callback (widget, on_tick_cb, NULL, NULL);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    SampleBench    *bench)
{
  if (!CLT_IS_WINDOW (window) || bench->window != NULL)
    return;

  bench->window = CLT_WINDOW (window);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), bench);
}

int
run_ui_sample (const char *path)
{
  g_autoptr(CltApplication) app = clt_application_new ();
  SampleBench bench = { 0 };
  const char *app_argv[] = { "clientele", "--database", path, NULL };

  bench.app = app;
  bench.n_expected = 1000;
  bench.status = EXIT_FAILURE;
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), &bench);

  g_application_run (G_APPLICATION (app), 3, (char **) app_argv);

  return bench.status;
}
