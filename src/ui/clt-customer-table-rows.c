/* clt-customer-table-rows.c: how the view gets the list's rows: growing
 * a frame at a time, and the held rows below the viewport refilled after
 * the frame that shows the rows on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-customer-table"

#include "config.h"

#include "clt-customer-list.h"
#include "clt-customer-table-private.h"

/* GTK 4.8 keeps about 200 row widgets of eleven cells around the
 * viewport and builds them the moment the model has the rows: a list
 * growing from a few rows (a search) to all customers (the search
 * cleared) cost ~350 ms before the next frame. The view gets a screenful
 * first and the rest a few dozen rows a frame; past GROW_LIMIT rows
 * growing builds no widgets and the view gets all of them at once. A step
 * of 40 rows made frames of 17-31 ms (1M, the bench's growth frames after
 * the last search cleared; 24 rows: 13-16 ms, two runs each under load). */
#define GROW_FIRST_STEP 48
#define GROW_STEP       24
#define GROW_LIMIT      256

void
_clt_customer_table_stop_growing (CltCustomerTable *self)
{
  if (self->grow_tick_id != 0 && self->column_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->column_view), self->grow_tick_id);
  self->grow_tick_id = 0;
}

static gboolean
on_grow_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *frame_clock,
                 gpointer       user_data)
{
  CltCustomerTable *self = user_data;

  /* The frame that shows the first step goes out as it is. */
  if (gdk_frame_clock_get_frame_counter (frame_clock) <= self->grow_after_frame)
    return G_SOURCE_CONTINUE;

  /* While the list waits for a count (a new search typed as the view
   * still grows after a clear), a step would lay out forty rows of
   * widgets before the answer is taken: 60-85 ms at a million customers,
   * most of the time a first letter took. Wait, and leave the frame that
   * shows the answer as it is too. (Not for pages: those far from the
   * screen wait until the view is quiet, see
   * clt_customer_list_refill_below ().) */
  if (self->list != NULL && clt_customer_list_get_counting (self->list))
    {
      self->grow_after_frame = gdk_frame_clock_get_frame_counter (frame_clock) + 1;
      return G_SOURCE_CONTINUE;
    }

  if (clt_growing_model_step (self->growing))
    return G_SOURCE_CONTINUE;

  self->grow_tick_id = 0;
  return G_SOURCE_REMOVE;
}

void
_clt_customer_table_growing_complete_cb (CltCustomerTable *self)
{
  GdkFrameClock *frame_clock;

  if (self->growing == NULL || clt_growing_model_get_complete (self->growing))
    {
      _clt_customer_table_stop_growing (self);
      return;
    }

  if (self->grow_tick_id != 0)
    return;

  /* Without a frame clock nothing is drawn: no frame to spread over. */
  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->column_view));
  if (frame_clock == NULL)
    {
      while (clt_growing_model_step (self->growing))
        ;
      return;
    }

  self->grow_after_frame = gdk_frame_clock_get_frame_counter (frame_clock) + 1;
  self->grow_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->column_view),
                                                     on_grow_tick_cb, self, NULL);
}

/* Row widgets dropped by a shrinking model.
 *
 * When the view's model shrinks below the ~200 rows GTK 4.8 keeps bound
 * (a search narrowed to a few matches, or none and then a few), GTK
 * unparents the row widgets of the positions that went, tears their
 * cells down and finalizes rows and cells inside the model's
 * items-changed: at 100,000 customers 30-80 ms of such a keystroke
 * before its frame, most of it finalizing (perf). Before GTK's handler
 * runs, the rows about to go and their cells get a reference of ours:
 * GTK only unparents and tears them down, and they are finalized a few
 * dozen at a time from an idle, after the frame that shows the matches.
 * (Their children of ours are kept for reuse: see
 * _clt_customer_table_keep_child ().) */
#define WIDGETS_RELEASED_PER_IDLE 64

static gboolean
release_rows_idle_cb (gpointer user_data)
{
  CltCustomerTable *self = user_data;

  for (guint i = 0; i < WIDGETS_RELEASED_PER_IDLE && self->dropped_rows->len > 0; i++)
    g_ptr_array_remove_index (self->dropped_rows, self->dropped_rows->len - 1);

  if (self->dropped_rows->len > 0)
    return G_SOURCE_CONTINUE;

  self->release_idle_id = 0;
  return G_SOURCE_REMOVE;
}

static void
release_dropped_rows (CltCustomerTable *self)
{
  g_clear_handle_id (&self->release_idle_id, g_source_remove);
  g_clear_pointer (&self->dropped_rows, g_ptr_array_unref);
}

/* The position of the row widget @row (GTK's), from the first of its
 * cells that holds a child of ours; G_MAXUINT when none does. */
static guint
row_position (GtkWidget *row)
{
  for (GtkWidget *cell = gtk_widget_get_first_child (row);
       cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *child = gtk_widget_get_first_child (cell);
      GtkListItem *list_item = child != NULL ? _clt_customer_table_lookup_cell (child) : NULL;

      if (list_item != NULL)
        return gtk_list_item_get_position (list_item);
    }

  return G_MAXUINT;
}

/* Runs before GTK's handler (the selection model over the growing model
 * connects after us): positions are still the old ones. A row that GTK
 * keeps after all (an item removed and added back in the same change)
 * only loses our extra reference later. */
static void
on_view_items_changed_cb (CltCustomerTable *self,
                          guint             position,
                          guint             removed,
                          guint             added)
{
  guint end = position + removed;

  if (removed <= added)
    return;

  /* The column view holds its header and its list; the list the rows. */
  for (GtkWidget *part = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       part != NULL;
       part = gtk_widget_get_next_sibling (part))
    {
      for (GtkWidget *row = gtk_widget_get_first_child (part);
           row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          guint row_pos;

          if (g_strcmp0 (gtk_widget_get_css_name (row), "row") != 0)
            continue;

          row_pos = row_position (row);
          if (row_pos < position || row_pos >= end)
            continue;

          if (self->dropped_rows == NULL)
            self->dropped_rows = g_ptr_array_new_with_free_func (g_object_unref);
          /* GTK tears the row's cells down and drops them as the row
           * leaves: each is kept too. */
          g_ptr_array_add (self->dropped_rows, g_object_ref (row));
          for (GtkWidget *cell = gtk_widget_get_first_child (row);
               cell != NULL;
               cell = gtk_widget_get_next_sibling (cell))
            g_ptr_array_add (self->dropped_rows, g_object_ref (cell));
        }
    }

  if (self->dropped_rows != NULL && self->dropped_rows->len > 0 && self->release_idle_id == 0)
    {
      self->release_idle_id = g_idle_add (release_rows_idle_cb, self);
      g_source_set_name_by_id (self->release_idle_id, "[clt] CltCustomerTable release rows");
    }
}

/* Refilling the rows below the viewport after a paint.
 *
 * A count brings the rows on screen; GTK 4.8 also keeps ~160 rows bound
 * below them, whose pages the list refilled with store reads of their
 * own started together with the answer. On two cores those reads ran
 * while the main thread filled the rows on screen and painted them (and
 * the X server composited the frame), and took the CPU from them: at a
 * million customers a keystroke's fill of 2-3 ms of CPU took up to 30 ms
 * of wall time. The list keeps them waiting (refill-waiting) while the
 * view is mapped, and they start once the frame after the answer is
 * painted.
 *
 * A scroll jump is the same: GTK rebinds its ~200 rows inside the jump's
 * frame, and the pages they ask for (3-4 of them) were read by the
 * store's two readers while that frame was laid out and painted (the
 * frames at the scroll p99: ~6 ms of main-thread CPU, 12 ms of wall).
 * They wait for the paint too, and their rows fill a frame later as
 * before: the reads take less than the rest of that frame interval.
 * Of those, the list reads the pages on screen first; it asks again
 * (refill-waiting) when they are in, and the pages within a screenful
 * start after the paint of the frame that shows them; the rest once the
 * view is quiet (see clt_customer_list_refill_below ()). */

static void
on_after_paint_cb (CltCustomerTable *self,
                   GdkFrameClock    *frame_clock)
{
  g_clear_signal_handler (&self->after_paint_handler, frame_clock);
  g_clear_object (&self->after_paint_clock);
  if (self->list != NULL)
    clt_customer_list_refill_below (self->list);
}

static void
cancel_after_paint (CltCustomerTable *self)
{
  if (self->after_paint_clock != NULL)
    g_clear_signal_handler (&self->after_paint_handler, self->after_paint_clock);
  g_clear_object (&self->after_paint_clock);
}

static void
on_list_refill_waiting_cb (CltCustomerTable *self)
{
  GdkFrameClock *frame_clock;

  if (self->list == NULL || !clt_customer_list_get_refill_waiting (self->list))
    return;

  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->column_view));
  if (frame_clock == NULL)
    {
      clt_customer_list_refill_below (self->list);
      return;
    }

  if (self->after_paint_clock != frame_clock)
    {
      cancel_after_paint (self);
      self->after_paint_clock = g_object_ref (frame_clock);
      self->after_paint_handler = g_signal_connect_swapped (frame_clock, "after-paint",
                                                            G_CALLBACK (on_after_paint_cb), self);
    }
  /* The answer's rows may change nothing on screen: a frame comes anyway. */
  gdk_frame_clock_request_phase (frame_clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* Only a mapped view paints: otherwise the rows refill at once. */
static void
update_refill_later (CltCustomerTable *self)
{
  gboolean mapped = gtk_widget_get_mapped (GTK_WIDGET (self->column_view));

  if (!mapped)
    cancel_after_paint (self);
  if (self->list != NULL)
    clt_customer_list_set_refill_below_later (self->list, mapped);
}

void
_clt_customer_table_init_rows (CltCustomerTable *self)
{
  g_signal_connect_object (self->column_view, "map", G_CALLBACK (update_refill_later),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "unmap", G_CALLBACK (update_refill_later),
                           self, G_CONNECT_SWAPPED);
}

/* Takes the view's model from the table's list (set already), or none. */
GListModel *
_clt_customer_table_connect_rows (CltCustomerTable *self)
{
  if (self->list == NULL)
    return NULL;

  self->growing = clt_growing_model_new (G_LIST_MODEL (self->list), GROW_FIRST_STEP, GROW_STEP,
                                         GROW_LIMIT);
  /* The window hides the table while the list is empty (its "no
   * results" page): the view keeps its rows and row widgets
   * meanwhile, instead of GTK tearing down and building again
   * ~200 rows of eleven cells (60-130 ms each way at a million). */
  clt_growing_model_set_hold_empty (self->growing, TRUE);
  /* Before the selection model made over it connects, hence before GTK. */
  g_signal_connect_object (self->growing, "items-changed",
                           G_CALLBACK (on_view_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->growing, "notify::complete",
                           G_CALLBACK (_clt_customer_table_growing_complete_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::refill-waiting",
                           G_CALLBACK (on_list_refill_waiting_cb), self, G_CONNECT_SWAPPED);
  update_refill_later (self);

  return G_LIST_MODEL (self->growing);
}

/* Lets go of the table's list (still set) and the model over it. */
void
_clt_customer_table_disconnect_rows (CltCustomerTable *self)
{
  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->list, on_list_refill_waiting_cb, self);
      /* Another view (or none) decides for the list from now on. */
      clt_customer_list_set_refill_below_later (self->list, FALSE);
    }
  if (self->growing != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->growing, _clt_customer_table_growing_complete_cb,
                                            self);
      g_signal_handlers_disconnect_by_func (self->growing, on_view_items_changed_cb, self);
    }
  release_dropped_rows (self);
  cancel_after_paint (self);
  _clt_customer_table_stop_growing (self);
  g_clear_object (&self->growing);
}
