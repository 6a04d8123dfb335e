/* clt-bench-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-bench"

#include "config.h"

#include <adwaita.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "clt-application.h"
#include "clt-bench-ui.h"
#include "clt-bench-util.h"
#include "clt-customer-list.h"
#include "clt-customer.h"
#include "clt-store.h"
#include "clt-window-private.h"

#define N_SCROLL_JUMPS    200
/* After the jumps, frames that repaint the view unchanged: the floor an
 * after-paint to after-paint interval has on this display. */
#define N_STILL_FRAMES    300
#define SCROLL_SEED       20260402
#define TYPING_SEED       20260403
#define STEP_TIMEOUT_US   (10 * G_USEC_PER_SEC)
#define WATCHDOG_SECONDS  900
/* GTK 4.8 keeps about 200 row widgets bound. */
#define SHRINK_ROWS       200

/* Monotonic time (µs) when main() started, and how long the process had
 * existed by then (ms), as run_ui () was given them. */
static gint64 main_start_us;
static double process_age_at_main_ms = -1;

/* CPU time of the calling thread (the main loop's), in ms: unlike wall
 * time it hardly moves with the machine's load. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;

  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
read_rss_mb (void)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return NAN;

  line = strstr (contents, "\nVmRSS:");
  if (line == NULL)
    return NAN;

  return g_ascii_strtod (line + strlen ("\nVmRSS:"), NULL) / 1024.0;
}

/* Where the resident memory is: anonymous (heaps, caches), file-backed
 * (libraries, fonts, icon caches) and shared memory (X images). */
static void
print_rss_parts (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Rss") || g_str_has_prefix (lines[i], "VmRSS"))
      g_printerr ("memory: %s\n", lines[i]);
}

/* The UI part: the real application in this process, observed through
 * the window's frame clock. A measurement ends in the "after-paint" of
 * the first frame that shows what was asked for. */

typedef enum
{
  PHASE_FIRST_PAINT,
  PHASE_FILTER,
  PHASE_SCROLL,
  PHASE_DONE,
} Phase;

typedef struct
{
  char     *text;        /* the whole entry text after this step */
  char     *insert;      /* what the step types; NULL clears the entry */
  gboolean  measured;
} Step;

typedef struct
{
  CltApplication  *app;
  CltWindow       *window;
  GtkColumnView   *view;
  CltCustomerList *list;
  GtkEditable     *entry;
  GdkFrameClock   *clock;
  Phase            phase;
  guint            n_total;
  double           window_built_ms;
  double           first_frame_ms;
  int              status;

  /* A measurement under way: started at start_us, waiting for
   * expected_text's rows to be painted. */
  gboolean         waiting;
  gint64           start_us;
  const char      *expected_text;

  /* Filter phase. */
  GArray          *steps;
  guint            step_index;
  GArray          *keystroke_ms;
  GArray          *rows_ms;
  /* The list's items-changed for a step, from its emission to the end
   * of its last handler (the view's: GTK's list item manager), and the
   * same for the steps that left the view's model with fewer rows,
   * under SHRINK_ROWS, where GTK drops row widgets. */
  gint64           items_changed_start_us;
  guint            view_items_before;
  GArray          *items_changed_ms;
  GArray          *shrink_items_changed_ms;
  GArray          *clear_ms;
  GArray          *clear_rows_ms;
  /* Steps into no results (from rows) and out of them: their rows'
   * time, and the main thread's CPU time from the key to the paint. */
  gboolean         last_step_empty;
  double           step_cpu_start_ms;
  GArray          *to_empty_rows_ms;
  GArray          *to_empty_cpu_ms;
  GArray          *from_empty_paint_ms;
  GArray          *from_empty_cpu_ms;
  gboolean         rows_seen;
  double           rows_at_ms;
  double           filter_cpu_start_ms;
  guint            frames_waited;
  /* Frames that ended between the key and its rows, and their layout
   * time: the main thread's work the store's answer waited behind. */
  guint            frames_before_rows;
  double           layout_before_rows_ms;
  guint            n_keystrokes_behind_layout;
  double           keystroke_layout_before_rows_ms;
  GRand           *typing_rand;
  guint            step_source_id;
  guint            n_timeouts;

  /* Scroll phase. */
  GRand           *scroll_rand;
  guint            tick_id;
  guint            jump_index;
  gboolean         jump_pending;
  gint64           last_after_paint_us;
  gint64           last_frame_start_us;
  /* Per frame: after-paint to after-paint, and from when the frame clock
   * wanted the frame to start to its after-paint (see frame_due_us ()). */
  GArray          *interval_ms;
  GArray          *frame_ms;
  /* Before the first jump: the view growing to every row after the last
   * search was cleared, and those frames' busy time. */
  gboolean         view_complete;
  GArray          *growth_busy_ms;
  /* The still frames after the jumps. */
  guint            n_still_frames;
  GArray          *still_interval_ms;
  GArray          *still_frame_ms;
  GArray          *jump_ms;
  guint            n_frames;
  double           scroll_cpu_start_ms;
  double           scroll_process_cpu_start_ms;

  /* Where each frame's time goes: the end of each frame clock phase
   * (our handlers run after GTK's), and arrays over the scroll run. */
  gint64           frame_start_us;
  gint64           update_end_us;
  gint64           layout_end_us;
  gint64           paint_end_us;
  GArray          *update_ms;
  GArray          *layout_ms;
  GArray          *paint_ms;
  GArray          *between_ms;
  /* The main thread's and the other threads' CPU time between the last
   * after-paint and each frame's start (list fills, store callbacks; the
   * store's readers), and the clocks they are counted from. */
  double           after_paint_cpu_ms;
  double           after_paint_process_cpu_ms;
  GArray          *between_cpu_ms;
  GArray          *between_other_cpu_ms;
  /* Per frame: how many frames after its jump's (0: the jump's own). */
  GArray          *frame_after_jump;
  guint            frames_since_jump;
  /* The main thread's CPU time in each jump's own frame (load-independent
   * enough to compare builds), and in its tick (the jump itself: GTK
   * rebinding the rows it keeps). */
  double           frame_cpu_start_ms;
  double           frame_process_cpu_start_ms;
  double           tick_cpu_ms;
  GArray          *jump_frame_cpu_ms;
  GArray          *jump_tick_cpu_ms;
  /* The other threads' (the store's readers) CPU time in each jump's own
   * frame: on two cores it is taken from that frame's main thread. */
  GArray          *jump_frame_other_cpu_ms;
} UiBench;

static void
step_clear (gpointer data)
{
  Step *step = data;

  g_free (step->text);
  g_free (step->insert);
}

static void
build_steps (UiBench *bench)
{
  bench->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (bench->steps, step_clear);

  for (guint i = 0; i < n_search_strings; i++)
    {
      g_autoptr(GPtrArray) prefixes = typed_prefixes (search_strings[i]);
      gsize typed = 0;
      Step clear = { g_strdup (""), NULL, FALSE };

      for (guint j = 0; j < prefixes->len; j++)
        {
          const char *prefix = g_ptr_array_index (prefixes, j);
          Step step;

          step.text = g_strdup (prefix);
          step.insert = g_strdup (prefix + typed);
          step.measured = TRUE;
          typed = strlen (prefix);
          g_array_append_val (bench->steps, step);
        }
      g_array_append_val (bench->steps, clear);
    }
}

static void
finish (UiBench *bench,
        int      status)
{
  bench->phase = PHASE_DONE;
  bench->status = status;
  if (bench->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (bench->view), bench->tick_id);
      bench->tick_id = 0;
    }
  g_clear_handle_id (&bench->step_source_id, g_source_remove);
  g_application_quit (G_APPLICATION (bench->app));
}

/* Whether the rows the view shows now are loaded and show the current
 * query (not rows refilled in place that still show the last one). Rows
 * are uniform, so the adjustment tells which positions are visible; only
 * those are asked for (asking for others would make the list load extra
 * pages). The rows a view keeps ready below them may still be refilling:
 * they are not on screen. */
static gboolean
visible_rows_loaded (UiBench *bench)
{
  /* The view's model: while it grows a frame at a time (CltGrowingModel)
   * it holds fewer rows than the list, and the adjustment measures those. */
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (bench->view));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->view));
  guint n_items = g_list_model_get_n_items (model);
  double upper, row_height;
  guint first, last;

  /* Nothing to refill: only a count under way can change it. (An empty
   * list's view holds its last rows, hidden: CltGrowingModel's hold.) */
  if (n_items == 0 || g_list_model_get_n_items (G_LIST_MODEL (bench->list)) == 0)
    return !clt_customer_list_get_loading (bench->list);

  upper = gtk_adjustment_get_upper (adjustment);
  if (upper <= 0)
    return FALSE;

  row_height = upper / n_items;
  first = (guint) (gtk_adjustment_get_value (adjustment) / row_height);
  last = first + (guint) ceil (gtk_adjustment_get_page_size (adjustment) / row_height);
  first = MIN (first, n_items - 1);
  last = CLAMP (last, first + 1, n_items);

  for (guint i = first; i < last; i++)
    {
      g_autoptr(CltCustomer) customer = g_list_model_get_item (model, i);

      if (customer == NULL || !clt_customer_get_loaded (customer) ||
          !clt_customer_list_is_current (bench->list, i))
        return FALSE;
    }

  return TRUE;
}

static gboolean
list_shows (UiBench    *bench,
            const char *text)
{
  g_autoptr(CltQuery) query = clt_customer_list_dup_query (bench->list);
  g_autofree char *wanted = g_strstrip (g_strdup (text));
  g_autofree char *shown = g_strstrip (g_strdup (clt_query_get_search_text (query)));

  if (!g_str_equal (wanted, shown))
    return FALSE;

  return visible_rows_loaded (bench);
}

static void
on_first_items_changed_cb (GListModel *list,
                           guint       position,
                           guint       removed,
                           guint       added,
                           UiBench    *bench)
{
  if (bench->phase == PHASE_FIRST_PAINT && added > 0)
    g_printerr ("first paint: list counted %u customers at %.1f ms after main()\n",
                g_list_model_get_n_items (list), elapsed_ms (main_start_us));
}

static gboolean
window_ready (UiBench *bench)
{
  CltWindow *window = clt_application_get_main_window (bench->app);

  if (window == NULL)
    return FALSE;

  if (bench->window == NULL)
    {
      bench->window = window;
      bench->list = clt_window_get_customer_list (window);
      bench->view = clt_window_get_column_view (window);
      bench->entry = clt_window_get_search_entry (window);
      g_printerr ("first paint: main window found at %.1f ms after main(), list has %u items\n",
                  elapsed_ms (main_start_us),
                  bench->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (bench->list)) : 0);
      if (bench->list != NULL)
        g_signal_connect (bench->list, "items-changed", G_CALLBACK (on_first_items_changed_cb), bench);
    }

  if (bench->list == NULL || bench->view == NULL || !gtk_widget_get_mapped (GTK_WIDGET (bench->view)))
    return FALSE;
  if (g_list_model_get_n_items (G_LIST_MODEL (bench->list)) == 0)
    return FALSE;

  return list_shows (bench, "");
}

static gboolean on_step_cb (gpointer user_data);

/* When the rows for the typed text are there, before any frame shows
 * them: separates the store and list model from the frame clock. A new
 * count shows as items-changed (the rows on screen came with it), the
 * same count refilled as the end of loading. */
static void
check_rows_there (UiBench *bench)
{
  Step *step;

  if (bench->phase != PHASE_FILTER || !bench->waiting || bench->rows_seen)
    return;

  step = &g_array_index (bench->steps, Step, bench->step_index);
  if (list_shows (bench, step->text))
    {
      double ms = elapsed_ms (bench->start_us);

      g_array_append_val (step->measured ? bench->rows_ms : bench->clear_rows_ms, ms);
      bench->rows_seen = TRUE;
      bench->rows_at_ms = ms;
      /* Rows refilled with what they showed already (a longer word, the
       * same matches) change nothing on screen, and no frame would come
       * to end the measurement: ask for one. */
      gtk_widget_queue_draw (GTK_WIDGET (bench->view));
    }
}

static void
on_list_loading_cb (CltCustomerList *list,
                    GParamSpec      *pspec,
                    UiBench         *bench)
{
  check_rows_there (bench);
}

/* An emission hook runs before every handler of the signal (it is
 * RUN_LAST), the window's and the table's included. */
static gboolean
items_changed_hook_cb (GSignalInvocationHint *hint,
                       guint                  n_params,
                       const GValue          *params,
                       gpointer               user_data)
{
  UiBench *bench = user_data;

  if (g_value_get_object (&params[0]) == (GObject *) bench->list)
    {
      bench->items_changed_start_us = g_get_monotonic_time ();
      bench->view_items_before = g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (bench->view)));
    }

  return TRUE;
}

static void
on_list_items_changed_cb (GListModel *list,
                          guint       position,
                          guint       removed,
                          guint       added,
                          UiBench    *bench)
{
  if (bench->phase == PHASE_FILTER && bench->waiting && bench->items_changed_start_us != 0)
    {
      double ms = elapsed_ms (bench->items_changed_start_us);
      guint n_view = g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (bench->view)));

      g_array_append_val (bench->items_changed_ms, ms);
      if (n_view < bench->view_items_before && n_view < SHRINK_ROWS)
        g_array_append_val (bench->shrink_items_changed_ms, ms);
    }
  bench->items_changed_start_us = 0;
  check_rows_there (bench);
}
static void start_scroll (UiBench *bench);

static void
schedule_next_step (UiBench *bench)
{
  /* A person types at a random phase of the frame clock: wait 40–120 ms
   * (fixed seed) before the next key. */
  bench->step_source_id = g_timeout_add (g_rand_int_range (bench->typing_rand, 40, 121),
                                         on_step_cb, bench);
}

static gboolean
on_step_cb (gpointer user_data)
{
  UiBench *bench = user_data;
  Step *step;

  bench->step_source_id = 0;

  if (bench->step_index >= bench->steps->len)
    {
      start_scroll (bench);
      return G_SOURCE_REMOVE;
    }

  step = &g_array_index (bench->steps, Step, bench->step_index);
  bench->expected_text = step->text;
  bench->waiting = TRUE;
  bench->rows_seen = FALSE;
  bench->frames_waited = 0;
  bench->frames_before_rows = 0;
  bench->layout_before_rows_ms = 0;
  bench->step_cpu_start_ms = thread_cpu_ms ();
  bench->start_us = g_get_monotonic_time ();

  if (step->insert != NULL)
    {
      int position = g_utf8_strlen (gtk_editable_get_text (bench->entry), -1);

      gtk_editable_insert_text (bench->entry, step->insert, -1, &position);
    }
  else
    {
      gtk_editable_delete_text (bench->entry, 0, -1);
    }

  if (g_strcmp0 (gtk_editable_get_text (bench->entry), step->text) != 0)
    g_printerr ("warning: the search entry reads '%s', expected '%s'\n",
                gtk_editable_get_text (bench->entry), step->text);

  return G_SOURCE_REMOVE;
}

/* A step painted after @ms: what it cost when it emptied the list (GTK
 * 4.8 removes the view's rows and row widgets) or filled it again. */
static void
record_empty_steps (UiBench *bench,
                    double   ms)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (bench->list)) == 0;
  double cpu_ms = thread_cpu_ms () - bench->step_cpu_start_ms;

  if (empty && !bench->last_step_empty)
    {
      g_array_append_val (bench->to_empty_rows_ms, bench->rows_at_ms);
      g_array_append_val (bench->to_empty_cpu_ms, cpu_ms);
    }
  else if (!empty && bench->last_step_empty)
    {
      g_array_append_val (bench->from_empty_paint_ms, ms);
      g_array_append_val (bench->from_empty_cpu_ms, cpu_ms);
    }
  bench->last_step_empty = empty;
}

static void
filter_after_paint (UiBench *bench,
                    gint64   now)
{
  Step *step;
  double ms;

  if (!bench->waiting)
    return;

  step = &g_array_index (bench->steps, Step, bench->step_index);
  ms = (now - bench->start_us) / 1000.0;
  bench->frames_waited++;

  if (!list_shows (bench, step->text))
    {
      if (!bench->rows_seen)
        {
          bench->frames_before_rows++;
          bench->layout_before_rows_ms += (bench->layout_end_us - bench->update_end_us) / 1000.0;
        }
      if (now - bench->start_us < STEP_TIMEOUT_US)
        return;

      g_printerr ("warning: '%s' not painted after %.0f ms; going on\n", step->text, ms);
      bench->n_timeouts++;
    }
  else
    {
      g_array_append_val (step->measured ? bench->keystroke_ms : bench->clear_ms, ms);
      if (step->measured && bench->layout_before_rows_ms > 0)
        {
          bench->n_keystrokes_behind_layout++;
          bench->keystroke_layout_before_rows_ms += bench->layout_before_rows_ms;
        }
      if (!bench->rows_seen)
        {
          g_array_append_val (step->measured ? bench->rows_ms : bench->clear_rows_ms, ms);
          bench->rows_at_ms = ms;
        }
      record_empty_steps (bench, ms);
      if (ms > 16.7)
        g_printerr ("  %s '%s' -> %u rows there after %.1f ms, painted after %.1f ms (frame %u after the key;"
                    " frames before the rows: %u, their layout %.1f ms;"
                    " the rows' frame from %.1f ms, layout %.1f, paint %.1f ms)\n",
                    step->measured ? "keystroke" : "clear", step->text,
                    g_list_model_get_n_items (G_LIST_MODEL (bench->list)), bench->rows_at_ms, ms,
                    bench->frames_waited, bench->frames_before_rows, bench->layout_before_rows_ms,
                    (bench->frame_start_us - bench->start_us) / 1000.0,
                    (bench->layout_end_us - bench->update_end_us) / 1000.0,
                    (bench->paint_end_us - bench->layout_end_us) / 1000.0);
    }

  bench->waiting = FALSE;
  bench->step_index++;
  schedule_next_step (bench);
}

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *frame_clock,
            gpointer       user_data)
{
  UiBench *bench = user_data;
  GtkAdjustment *adjustment;
  double range, tick_start_ms;

  if (bench->jump_index >= N_SCROLL_JUMPS)
    {
      gtk_widget_queue_draw (GTK_WIDGET (bench->view));
      return G_SOURCE_CONTINUE;
    }

  if (!bench->jump_pending)
    return G_SOURCE_CONTINUE;

  /* After the last search was cleared the view grows a few dozen rows a
   * frame: until it has every row its range is the first few hundred,
   * and a jump would land among rows GTK is still building. The jumps
   * start in the whole table; the growth's frames are reported apart. */
  if (!bench->view_complete)
    {
      GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (bench->view));

      if (g_list_model_get_n_items (model) < g_list_model_get_n_items (G_LIST_MODEL (bench->list)))
        return G_SOURCE_CONTINUE;
      bench->view_complete = TRUE;
    }

  /* One new value per frame: GTK 4.8 loses the first of two values set
   * before a redraw. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->view));
  range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  tick_start_ms = thread_cpu_ms ();
  gtk_adjustment_set_value (adjustment, g_rand_double (bench->scroll_rand) * MAX (range, 0));
  bench->tick_cpu_ms = thread_cpu_ms () - tick_start_ms;
  bench->jump_pending = FALSE;
  bench->waiting = TRUE;
  bench->start_us = g_get_monotonic_time ();
  bench->frames_since_jump = 0;

  return G_SOURCE_CONTINUE;
}

/* Where the frames at least @min_ms long (0: all of them) stand after
 * their jump: the jump's own (the rows rebound to placeholders), the next
 * ones (the page filled in), and where their time went. The per-frame
 * arrays are in frame order. */
static void
report_frames_by_jump (UiBench    *bench,
                       const char *which,
                       double      min_ms)
{
  guint n[4] = { 0 };
  double layout[4] = { 0 }, paint[4] = { 0 }, between[4] = { 0 };
  double between_cpu[4] = { 0 }, between_other[4] = { 0 };

  for (guint i = 0; i < bench->frame_ms->len; i++)
    {
      guint k;

      if (g_array_index (bench->frame_ms, double, i) < min_ms)
        continue;
      k = MIN (g_array_index (bench->frame_after_jump, guint, i), 3);
      n[k]++;
      layout[k] += g_array_index (bench->layout_ms, double, i);
      paint[k] += g_array_index (bench->paint_ms, double, i);
      between[k] += g_array_index (bench->between_ms, double, i);
      between_cpu[k] += g_array_index (bench->between_cpu_ms, double, i);
      between_other[k] += g_array_index (bench->between_other_cpu_ms, double, i);
    }

  for (guint k = 0; k < 4; k++)
    if (n[k] > 0)
      g_printerr ("scroll: %s %s%u after the jump: %u, mean layout %.1f, paint %.1f,"
                  " between %.1f ms (main thread CPU %.1f, other threads %.1f)\n",
                  which, k == 3 ? ">= " : "", k, n[k], layout[k] / n[k], paint[k] / n[k],
                  between[k] / n[k], between_cpu[k] / n[k], between_other[k] / n[k]);
}

/* Which frames make the p99 of ui_scroll_frame_ms, against all frames. */
static void
report_slow_frames (UiBench *bench,
                    double   p99)
{
  g_autofree char *which = g_strdup_printf ("frames >= p99 (%.1f ms)", p99);

  report_frames_by_jump (bench, which, p99);
  report_frames_by_jump (bench, "all frames,", 0);
}

static guint
count_widgets (GtkWidget *widget)
{
  guint n = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child);

  return n;
}

/* What a jump rebinds and lays out: the row widgets GTK keeps, their
 * cells and every widget under the view. GTK 4.8.3 gives a row a cell
 * per visible column only: hidden columns (the 20 custom fields of the
 * bench database, three built-in ones) have none (measured: 32 columns,
 * 8.0 cells per row). */
static void
report_widgets (UiBench *bench)
{
  GtkWidget *list_view = gtk_widget_get_first_child (GTK_WIDGET (bench->view));
  guint n_columns = g_list_model_get_n_items (gtk_column_view_get_columns (bench->view));
  guint n_rows = 0, n_cells = 0;

  while (list_view != NULL && !GTK_IS_LIST_VIEW (list_view))
    list_view = gtk_widget_get_next_sibling (list_view);
  g_return_if_fail (list_view != NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (list_view);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      n_rows++;
      for (GtkWidget *cell = gtk_widget_get_first_child (row);
           cell != NULL;
           cell = gtk_widget_get_next_sibling (cell))
        n_cells++;
    }

  g_printerr ("scroll: the view has %u columns, %u row widgets, %.1f cells per row,"
              " %u widgets in all\n",
              n_columns, n_rows, n_rows > 0 ? (double) n_cells / n_rows : 0.0,
              count_widgets (GTK_WIDGET (bench->view)));
}

/* A frame clock at 60 Hz. Under Xvfb GDK has no frame sync: its idle
 * clock starts a frame one period after the last one started, or at
 * once when the last one ran longer, and Xvfb shows what a frame drew as
 * soon as it is drawn. An interval from one after-paint to the next is
 * then the period plus how much longer this frame was busy than the one
 * before: over 16.7 ms for about half the frames of any window whose
 * frames differ (the still frames measure that floor). What decides
 * whether a frame makes its refresh on a display synchronised to it is
 * the time from when the clock wanted it to start (its main loop work
 * before it included) to its after-paint: ui_scroll_frame_ms. */
#define FRAME_PERIOD_MS (1000.0 / 60)
#define FRAME_PERIOD_US ((gint64) (1000000 / 60))

/* Returns the p99 of the frames' busy time (before-paint to after-paint):
 * a frame busy longer than the period misses its slot on a display
 * synchronised to it, whatever the frame before it did. */
static double
report_frame_busy (UiBench *bench)
{
  g_autoptr(GArray) busy = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_long_intervals = 0, n_long_busy = 0;

  for (guint i = 0; i < bench->frame_ms->len; i++)
    {
      double b = g_array_index (bench->update_ms, double, i) +
                 g_array_index (bench->layout_ms, double, i) +
                 g_array_index (bench->paint_ms, double, i);

      g_array_append_val (busy, b);
      n_long_intervals += g_array_index (bench->interval_ms, double, i) > FRAME_PERIOD_MS + 0.5;
      n_long_busy += b > FRAME_PERIOD_MS;
    }

  g_printerr ("scroll: %u of %u frame intervals over %.1f ms + 0.5; frames busy (before-paint to"
              " after-paint) p50 / p95 / p99 %.1f / %.1f / %.1f ms, %u over %.1f ms\n",
              n_long_intervals, bench->frame_ms->len, FRAME_PERIOD_MS,
              percentile (busy, 50), percentile (busy, 95), percentile (busy, 99),
              n_long_busy, FRAME_PERIOD_MS);

  return percentile (busy, 99);
}

static void
report_scroll (UiBench *bench)
{
  g_autoptr(GArray) intervals = g_array_copy (bench->interval_ms);
  g_autoptr(GArray) frames = g_array_copy (bench->frame_ms);
  double busy_p99, main_cpu;
  guint n_late = 0;

  for (guint i = 0; i < bench->frame_ms->len; i++)
    n_late += g_array_index (bench->frame_ms, double, i) > FRAME_PERIOD_MS;

  /* Before percentile () sorts the per-frame arrays. */
  report_slow_frames (bench, percentile (frames, 99));
  busy_p99 = report_frame_busy (bench);
  report_widgets (bench);
  main_cpu = thread_cpu_ms () - bench->scroll_cpu_start_ms;
  g_printerr ("scroll: %u jumps, %u frames, frame interval p50 %.1f ms, max %.1f ms;"
              " main thread CPU %.1f ms per jump, other threads (the store's readers) %.1f ms\n",
              bench->jump_index, bench->n_frames,
              percentile (intervals, 50), percentile (intervals, 100),
              main_cpu / MAX (bench->jump_index, 1),
              (process_cpu_ms () - bench->scroll_process_cpu_start_ms - main_cpu) /
              MAX (bench->jump_index, 1));
  g_printerr ("scroll frame phases, p50 / p95 / max ms: update (tick, adjustment) %.1f / %.1f / %.1f,"
              " layout (measure + allocate) %.1f / %.1f / %.1f, paint (snapshot + render) %.1f / %.1f / %.1f,"
              " between frames (main loop: list fills, store callbacks, waiting for the clock) %.1f / %.1f / %.1f\n",
              percentile (bench->update_ms, 50), percentile (bench->update_ms, 95), percentile (bench->update_ms, 100),
              percentile (bench->layout_ms, 50), percentile (bench->layout_ms, 95), percentile (bench->layout_ms, 100),
              percentile (bench->paint_ms, 50), percentile (bench->paint_ms, 95), percentile (bench->paint_ms, 100),
              percentile (bench->between_ms, 50), percentile (bench->between_ms, 95), percentile (bench->between_ms, 100));

  g_printerr ("scroll: the jumps' own frames: main thread CPU p50 / p95 / max %.1f / %.1f / %.1f ms,"
              " of which the jump's tick (rows rebound) %.1f / %.1f / %.1f ms\n",
              percentile (bench->jump_frame_cpu_ms, 50), percentile (bench->jump_frame_cpu_ms, 95),
              percentile (bench->jump_frame_cpu_ms, 100), percentile (bench->jump_tick_cpu_ms, 50),
              percentile (bench->jump_tick_cpu_ms, 95), percentile (bench->jump_tick_cpu_ms, 100));
  g_printerr ("scroll: the jumps' own frames: other threads' CPU (the store's readers) p50 / p95 / max"
              " %.1f / %.1f / %.1f ms\n",
              percentile (bench->jump_frame_other_cpu_ms, 50),
              percentile (bench->jump_frame_other_cpu_ms, 95),
              percentile (bench->jump_frame_other_cpu_ms, 100));
  g_printerr ("scroll: frames from when the clock wanted them to their after-paint p50 / p95 / p99"
              " / max %.1f / %.1f / %.1f / %.1f ms, %u of %u over %.1f ms (late for their refresh)\n",
              percentile (frames, 50), percentile (frames, 95), percentile (frames, 99),
              percentile (frames, 100), n_late, frames->len, FRAME_PERIOD_MS);
  g_printerr ("scroll: before the first jump, %u frames of the view growing to every row"
              " (the last search cleared): busy p50 / max %.1f / %.1f ms\n",
              bench->growth_busy_ms->len, percentile (bench->growth_busy_ms, 50),
              percentile (bench->growth_busy_ms, 100));
  g_printerr ("still frames (the view repainted unchanged, %u): after-paint to after-paint p50 / p99"
              " / max %.1f / %.1f / %.1f ms, from when wanted p99 %.1f ms\n",
              bench->still_interval_ms->len, percentile (bench->still_interval_ms, 50),
              percentile (bench->still_interval_ms, 99), percentile (bench->still_interval_ms, 100),
              percentile (bench->still_frame_ms, 99));
  print_metric ("ui_scroll_frame_ms_p99", percentile (bench->frame_ms, 99), "ms", bench->n_total);
  print_metric ("ui_scroll_paint_interval_ms_p99", percentile (bench->interval_ms, 99), "ms", bench->n_total);
  print_metric ("ui_still_paint_interval_ms_p99", percentile (bench->still_interval_ms, 99), "ms",
                bench->n_total);
  print_metric ("ui_scroll_frame_busy_ms_p99", busy_p99, "ms", bench->n_total);
  print_metric ("ui_scroll_jump_to_paint_ms_p50", percentile (bench->jump_ms, 50), "ms", bench->n_total);
  print_metric ("ui_scroll_jump_to_paint_ms_p95", percentile (bench->jump_ms, 95), "ms", bench->n_total);
  print_metric ("ui_rss_mb", read_rss_mb (), "MB", bench->n_total);
  print_rss_parts ();
  g_printerr ("list cache after scrolling: %u pages, %u row objects made\n",
              clt_customer_list_get_n_cached_pages (bench->list),
              clt_customer_list_get_n_cached_rows (bench->list));
}

/* When the frame clock wanted the frame now painted to start. */
static gint64
frame_due_us (UiBench *bench)
{
  return MAX (bench->last_frame_start_us + FRAME_PERIOD_US, bench->last_after_paint_us);
}

static void
still_after_paint (UiBench *bench,
                   gint64   now)
{
  /* The first one follows a jump's frame. */
  if (bench->n_still_frames > 0)
    {
      double interval = (now - bench->last_after_paint_us) / 1000.0;
      double frame = (now - frame_due_us (bench)) / 1000.0;

      g_array_append_val (bench->still_interval_ms, interval);
      g_array_append_val (bench->still_frame_ms, frame);
    }
  bench->last_after_paint_us = now;
  bench->last_frame_start_us = bench->frame_start_us;

  if (++bench->n_still_frames <= N_STILL_FRAMES)
    return;

  report_scroll (bench);
  finish (bench, bench->n_timeouts == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}

static void
scroll_after_paint (UiBench *bench,
                    gint64   now)
{
  if (bench->jump_index >= N_SCROLL_JUMPS)
    {
      still_after_paint (bench, now);
      return;
    }

  if (!bench->view_complete)
    {
      double busy = (now - bench->frame_start_us) / 1000.0;

      g_array_append_val (bench->growth_busy_ms, busy);
      bench->last_after_paint_us = 0;
      return;
    }

  if (bench->last_after_paint_us != 0)
    {
      double interval = (now - bench->last_after_paint_us) / 1000.0;
      double frame = (now - frame_due_us (bench)) / 1000.0;
      double update = (bench->update_end_us - bench->frame_start_us) / 1000.0;
      double layout = (bench->layout_end_us - bench->update_end_us) / 1000.0;
      double paint = (bench->paint_end_us - bench->layout_end_us) / 1000.0;
      double between = (bench->frame_start_us - bench->last_after_paint_us) / 1000.0;
      double between_cpu = bench->frame_cpu_start_ms - bench->after_paint_cpu_ms;
      double between_other = bench->frame_process_cpu_start_ms - bench->after_paint_process_cpu_ms
                             - between_cpu;

      g_array_append_val (bench->interval_ms, interval);
      g_array_append_val (bench->frame_ms, frame);
      g_array_append_val (bench->update_ms, update);
      g_array_append_val (bench->layout_ms, layout);
      g_array_append_val (bench->paint_ms, paint);
      g_array_append_val (bench->between_ms, between);
      g_array_append_val (bench->between_cpu_ms, between_cpu);
      g_array_append_val (bench->between_other_cpu_ms, between_other);
      g_array_append_val (bench->frame_after_jump, bench->frames_since_jump);
      if (bench->frames_since_jump == 0)
        {
          double cpu = thread_cpu_ms () - bench->frame_cpu_start_ms;
          double other = process_cpu_ms () - bench->frame_process_cpu_start_ms - cpu;

          g_array_append_val (bench->jump_frame_cpu_ms, cpu);
          g_array_append_val (bench->jump_frame_other_cpu_ms, other);
          g_array_append_val (bench->jump_tick_cpu_ms, bench->tick_cpu_ms);
        }
    }
  bench->frames_since_jump++;
  bench->last_after_paint_us = now;
  bench->after_paint_cpu_ms = thread_cpu_ms ();
  bench->after_paint_process_cpu_ms = process_cpu_ms ();
  bench->last_frame_start_us = bench->frame_start_us;
  bench->n_frames++;

  if (!bench->waiting)
    return;

  if (!visible_rows_loaded (bench))
    {
      if (now - bench->start_us < STEP_TIMEOUT_US)
        return;

      g_printerr ("warning: rows at jump %u not loaded after 10 s; going on\n", bench->jump_index);
      bench->n_timeouts++;
    }
  else
    {
      double ms = (now - bench->start_us) / 1000.0;

      g_array_append_val (bench->jump_ms, ms);
    }

  bench->waiting = FALSE;
  /* After the last jump the tick repaints the view unchanged. */
  bench->jump_index++;
  bench->jump_pending = bench->jump_index < N_SCROLL_JUMPS;
}

static void
start_scroll (UiBench *bench)
{
  print_metric ("ui_filter_keystroke_to_paint_ms_p50", percentile (bench->keystroke_ms, 50), "ms", bench->n_total);
  print_metric ("ui_filter_keystroke_to_paint_ms_p95", percentile (bench->keystroke_ms, 95), "ms", bench->n_total);
  print_metric ("ui_filter_keystroke_to_rows_ms_p50", percentile (bench->rows_ms, 50), "ms", bench->n_total);
  print_metric ("ui_filter_keystroke_to_rows_ms_p95", percentile (bench->rows_ms, 95), "ms", bench->n_total);
  print_metric ("ui_filter_clear_to_paint_ms_p95", percentile (bench->clear_ms, 95), "ms", bench->n_total);
  /* The store's and the list's part of a clear: until the rows are there. */
  print_metric ("ui_filter_clear_to_rows_ms_p95", percentile (bench->clear_rows_ms, 95), "ms", bench->n_total);

  /* A keystroke's rows wait for the main thread: a frame's layout (a
   * growing view building row widgets) delays the store's answer. */
  g_printerr ("filter: %u of %u keystrokes had frames laid out before their rows, %.1f ms of layout"
              " in all\n",
              bench->n_keystrokes_behind_layout, bench->keystroke_ms->len,
              bench->keystroke_layout_before_rows_ms);
  g_printerr ("filter: %u steps emptied the list: rows there p50 %.1f ms, main thread CPU p50 %.1f ms;"
              " %u steps from no results: painted p50 %.1f ms, main thread CPU p50 %.1f ms\n",
              bench->to_empty_rows_ms->len, percentile (bench->to_empty_rows_ms, 50),
              percentile (bench->to_empty_cpu_ms, 50),
              bench->from_empty_paint_ms->len, percentile (bench->from_empty_paint_ms, 50),
              percentile (bench->from_empty_cpu_ms, 50));
  g_printerr ("filter: the list's items-changed (the view's handlers included) p50 %.1f ms, p95 %.1f ms,"
              " max %.1f ms over %u; %u left the view fewer rows, under %u: p50 %.1f ms, max %.1f ms\n",
              percentile (bench->items_changed_ms, 50), percentile (bench->items_changed_ms, 95),
              percentile (bench->items_changed_ms, 100), bench->items_changed_ms->len,
              bench->shrink_items_changed_ms->len, SHRINK_ROWS,
              percentile (bench->shrink_items_changed_ms, 50),
              percentile (bench->shrink_items_changed_ms, 100));
  /* Load-independent enough to compare builds on a busy machine. */
  g_printerr ("filter done: %u keystrokes measured, main thread CPU %.1f ms per step; scrolling\n",
              bench->keystroke_ms->len,
              (thread_cpu_ms () - bench->filter_cpu_start_ms) / MAX (bench->steps->len, 1));
  /* For profiling one phase: CLT_BENCH_SKIP_SCROLL=1 ends here. */
  if (g_getenv ("CLT_BENCH_SKIP_SCROLL") != NULL)
    {
      finish (bench, bench->n_timeouts == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
      return;
    }

  bench->phase = PHASE_SCROLL;
  bench->scroll_cpu_start_ms = thread_cpu_ms ();
  bench->scroll_process_cpu_start_ms = process_cpu_ms ();
  bench->jump_pending = TRUE;
  bench->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (bench->view), on_tick_cb, bench, NULL);
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   UiBench       *bench)
{
  gint64 now = g_get_monotonic_time ();
  CltWindow *main_window = clt_application_get_main_window (bench->app);

  if (main_window == NULL || gtk_widget_get_frame_clock (GTK_WIDGET (main_window)) != frame_clock)
    return;

  switch (bench->phase)
    {
    case PHASE_FIRST_PAINT:
      bench->n_frames++;
      if (bench->n_frames == 1)
        {
          g_printerr ("first paint: first frame of the main window painted at %.1f ms after main()\n",
                      (now - main_start_us) / 1000.0);
          bench->first_frame_ms = (now - main_start_us) / 1000.0;
        }
      if (window_ready (bench))
        {
          double since_main = (now - main_start_us) / 1000.0;
          GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (main_window));

          bench->n_total = g_list_model_get_n_items (G_LIST_MODEL (bench->list));
          g_printerr ("first paint: rows painted in frame %u at %.1f ms after main()"
                      " (last frame: layout %.1f ms, paint %.1f ms)\n",
                      bench->n_frames, since_main,
                      (bench->layout_end_us - bench->update_end_us) / 1000.0,
                      (bench->paint_end_us - bench->layout_end_us) / 1000.0);
          bench->n_frames = 0;
          g_printerr ("# gsk_renderer: %s\n", renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");
          g_printerr ("first paint: main thread CPU %.1f ms up to the rows' frame\n", thread_cpu_ms ());
          if (process_age_at_main_ms >= 0)
            print_metric ("ui_first_paint_ms", process_age_at_main_ms + since_main, "ms", bench->n_total);
          print_metric ("ui_first_paint_from_main_ms", since_main, "ms", bench->n_total);
          if (process_age_at_main_ms >= 0)
            print_metric ("ui_start_before_main_ms", process_age_at_main_ms, "ms", bench->n_total);
          print_metric ("ui_start_window_built_ms", bench->window_built_ms, "ms", bench->n_total);
          print_metric ("ui_start_first_frame_ms", bench->first_frame_ms, "ms", bench->n_total);

          /* tests/bench/run starts the window a few more times for the
           * first paint alone (see there). */
          if (g_getenv ("CLT_BENCH_FIRST_PAINT_ONLY") != NULL)
            {
              finish (bench, EXIT_SUCCESS);
              break;
            }

          bench->phase = PHASE_FILTER;
          bench->filter_cpu_start_ms = thread_cpu_ms ();
          g_signal_connect (bench->list, "notify::loading", G_CALLBACK (on_list_loading_cb), bench);
          g_signal_connect (bench->list, "items-changed", G_CALLBACK (on_list_items_changed_cb), bench);
          g_signal_add_emission_hook (g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL), 0,
                                      items_changed_hook_cb, bench, NULL);
          /* For profiling one phase: CLT_BENCH_SKIP_FILTER=1 scrolls at once. */
          if (g_getenv ("CLT_BENCH_SKIP_FILTER") != NULL)
            bench->step_index = bench->steps->len;
          schedule_next_step (bench);
        }
      break;

    case PHASE_FILTER:
      filter_after_paint (bench, now);
      break;

    case PHASE_SCROLL:
      scroll_after_paint (bench, now);
      break;

    case PHASE_DONE:
    default:
      break;
    }
}

static void
on_before_paint_cb (GdkFrameClock *frame_clock,
                    UiBench       *bench)
{
  bench->frame_start_us = g_get_monotonic_time ();
  bench->frame_cpu_start_ms = thread_cpu_ms ();
  bench->frame_process_cpu_start_ms = process_cpu_ms ();
  bench->update_end_us = bench->frame_start_us;
  bench->layout_end_us = bench->frame_start_us;
  bench->paint_end_us = bench->frame_start_us;
}

static void
on_update_cb (GdkFrameClock *frame_clock,
              UiBench       *bench)
{
  bench->update_end_us = g_get_monotonic_time ();
  bench->layout_end_us = bench->update_end_us;
  bench->paint_end_us = bench->update_end_us;
}

static void
on_layout_cb (GdkFrameClock *frame_clock,
              UiBench       *bench)
{
  bench->layout_end_us = g_get_monotonic_time ();
  bench->paint_end_us = bench->layout_end_us;
}

static void
on_paint_cb (GdkFrameClock *frame_clock,
             UiBench       *bench)
{
  bench->paint_end_us = g_get_monotonic_time ();
}

static void
watch_frame_clock (GtkWidget *window,
                   UiBench   *bench)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);

  if (frame_clock == NULL)
    return;

  /* Connected after GTK's own handlers (at realize): each runs when
   * GTK's work for that phase is done. */
  g_signal_connect (frame_clock, "before-paint", G_CALLBACK (on_before_paint_cb), bench);
  g_signal_connect (frame_clock, "update", G_CALLBACK (on_update_cb), bench);
  g_signal_connect (frame_clock, "layout", G_CALLBACK (on_layout_cb), bench);
  g_signal_connect (frame_clock, "paint", G_CALLBACK (on_paint_cb), bench);
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (on_after_paint_cb), bench);
}

static void
on_window_realize_cb (GtkWidget *window,
                      UiBench   *bench)
{
  g_printerr ("first paint: %s realized at %.1f ms after main()\n",
              G_OBJECT_TYPE_NAME (window), elapsed_ms (main_start_us));
  watch_frame_clock (window, bench);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    UiBench        *bench)
{
  g_printerr ("first paint: %s added at %.1f ms after main()\n",
              G_OBJECT_TYPE_NAME (window), elapsed_ms (main_start_us));
  /* Start-up phases, from main(): the window built (application start-up,
   * store opened, templates), its first frame, then the rows'. */
  if (CLT_IS_WINDOW (window) && bench->phase == PHASE_FIRST_PAINT)
    bench->window_built_ms = elapsed_ms (main_start_us);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    watch_frame_clock (GTK_WIDGET (window), bench);
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), bench);
}

/* Frames stop when nothing changes on screen: a measurement whose rows
 * never arrive is ended by this timer, not by the frame clock. */
static gboolean
on_stall_check_cb (gpointer user_data)
{
  UiBench *bench = user_data;
  g_autoptr(CltQuery) query = NULL;

  if (!bench->waiting || g_get_monotonic_time () - bench->start_us < STEP_TIMEOUT_US)
    return G_SOURCE_CONTINUE;

  query = clt_customer_list_dup_query (bench->list);
  g_printerr ("warning: stalled (phase %d, step %u, jump %u): list has %u items, loading %d,"
              " query '%s', view mapped %d, visible rows loaded %d\n",
              bench->phase, bench->step_index, bench->jump_index,
              g_list_model_get_n_items (G_LIST_MODEL (bench->list)),
              clt_customer_list_get_loading (bench->list),
              clt_query_get_search_text (query),
              gtk_widget_get_mapped (GTK_WIDGET (bench->view)),
              visible_rows_loaded (bench));
  bench->n_timeouts++;
  bench->waiting = FALSE;

  if (bench->phase == PHASE_FILTER)
    {
      bench->step_index++;
      schedule_next_step (bench);
    }
  else if (bench->phase == PHASE_SCROLL)
    {
      bench->jump_index++;
      if (bench->jump_index < N_SCROLL_JUMPS)
        bench->jump_pending = TRUE;
      else
        {
          report_scroll (bench);
          finish (bench, EXIT_FAILURE);
        }
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
on_watchdog_cb (gpointer user_data)
{
  UiBench *bench = user_data;

  g_printerr ("clt-bench: the UI benchmark did not finish within %d s (phase %d, step %u, jump %u)\n",
              WATCHDOG_SECONDS, bench->phase, bench->step_index, bench->jump_index);
  finish (bench, EXIT_FAILURE);

  return G_SOURCE_REMOVE;
}

int
run_ui (const char *path,
        gint64      start_us,
        double      age_at_main_ms)
{
  g_autoptr(CltApplication) app = NULL;
  UiBench bench = { 0 };
  const char *app_argv[] = { "clientele", "--database", path, NULL };
  guint watchdog_id;
  guint stall_check_id;
  int app_status;

  main_start_us = start_us;
  process_age_at_main_ms = age_at_main_ms;
  bench.keystroke_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.clear_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.clear_rows_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.to_empty_rows_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.to_empty_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.from_empty_paint_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.from_empty_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.rows_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.items_changed_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.shrink_items_changed_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.interval_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.still_interval_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.growth_busy_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.still_frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.jump_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.update_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.layout_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.paint_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.between_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.between_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.between_other_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.frame_after_jump = g_array_new (FALSE, FALSE, sizeof (guint));
  bench.jump_frame_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.jump_tick_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.jump_frame_other_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.typing_rand = g_rand_new_with_seed (TYPING_SEED);
  bench.scroll_rand = g_rand_new_with_seed (SCROLL_SEED);
  bench.status = EXIT_FAILURE;
  build_steps (&bench);

  app = clt_application_new ();
  bench.app = app;
  /* Never hand the command line to a Clientele already running. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), &bench);
  watchdog_id = g_timeout_add_seconds (WATCHDOG_SECONDS, on_watchdog_cb, &bench);
  stall_check_id = g_timeout_add (500, on_stall_check_cb, &bench);

  app_status = g_application_run (G_APPLICATION (app), 3, (char **) app_argv);

  g_source_remove (watchdog_id);
  g_source_remove (stall_check_id);
  if (bench.phase != PHASE_DONE)
    {
      g_printerr ("clt-bench: the application quit before the benchmark ended (phase %d, status %d)\n",
                  bench.phase, app_status);
      bench.status = EXIT_FAILURE;
    }

  g_clear_handle_id (&bench.step_source_id, g_source_remove);
  g_array_unref (bench.steps);
  g_array_unref (bench.keystroke_ms);
  g_array_unref (bench.clear_ms);
  g_array_unref (bench.clear_rows_ms);
  g_array_unref (bench.to_empty_rows_ms);
  g_array_unref (bench.to_empty_cpu_ms);
  g_array_unref (bench.from_empty_paint_ms);
  g_array_unref (bench.from_empty_cpu_ms);
  g_array_unref (bench.rows_ms);
  g_array_unref (bench.items_changed_ms);
  g_array_unref (bench.shrink_items_changed_ms);
  g_array_unref (bench.interval_ms);
  g_array_unref (bench.frame_ms);
  g_array_unref (bench.still_interval_ms);
  g_array_unref (bench.growth_busy_ms);
  g_array_unref (bench.still_frame_ms);
  g_array_unref (bench.jump_ms);
  g_array_unref (bench.update_ms);
  g_array_unref (bench.layout_ms);
  g_array_unref (bench.paint_ms);
  g_array_unref (bench.between_ms);
  g_array_unref (bench.between_cpu_ms);
  g_array_unref (bench.between_other_cpu_ms);
  g_array_unref (bench.frame_after_jump);
  g_array_unref (bench.jump_frame_cpu_ms);
  g_array_unref (bench.jump_tick_cpu_ms);
  g_array_unref (bench.jump_frame_other_cpu_ms);
  g_rand_free (bench.typing_rand);
  g_rand_free (bench.scroll_rand);

  return bench.status;
}
