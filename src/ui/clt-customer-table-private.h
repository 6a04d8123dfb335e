/* clt-customer-table-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "clt-customer-table.h"
#include "clt-growing-model.h"

G_BEGIN_DECLS

typedef enum
{
  CELL_TEXT,
  CELL_DATE,
  CELL_STATUS,
} CellKind;

typedef struct
{
  CltSortKey    sort_key;
  const char   *title;
  CellKind      kind;
  const char *(*get_text) (CltCustomer *customer);
  int           fixed_width;
  gboolean      expand;
  gboolean      tabular;
} ColumnSpec;



/* The user data of a column's sorter: which table and which column. */
typedef struct
{
  CltCustomerTable *self;
  CltSortKey        sort_key;
  /* A custom field's column: its key (owned by the column's data). */
  const char       *field;
} SortProbe;

struct _CltCustomerTable
{
  GtkWidget            parent_instance;

  GtkScrolledWindow   *scrolled_window;
  GtkColumnView       *column_view;

  CltCustomerList     *list;
  /* Between the list and the view: grows a frame at a time (see
   * clt-growing-model.h), driven by a tick callback on the view. */
  CltGrowingModel     *growing;
  guint                grow_tick_id;
  gint64               grow_after_frame;
  /* The frame clock whose next paint starts the list's waiting refills
   * (clt-customer-table-rows.c). */
  GdkFrameClock       *after_paint_clock;
  gulong               after_paint_handler;
  /* Row and cell widgets GTK let go of when the view's model shrank,
   * kept alive by a reference of ours and finalized a few dozen at a
   * time from an idle (clt-customer-table-rows.c). */
  GPtrArray           *dropped_rows;
  guint                release_idle_id;
  GtkColumnViewColumn *columns[CLT_N_SORT_KEYS];
  SortProbe            probes[CLT_N_SORT_KEYS];

  /* Two distinct objects to hand the view's sorter while probing. */
  GObject             *probe_a;
  GObject             *probe_b;
  int                  probed_key;
  const char          *probed_field;
  gboolean             probing;

  CltSortKey           sort_key;
  CltSortDirection     sort_direction;
  /* A custom field's key when its column sorts, else NULL. */
  char                *sort_field;
  guint                sort_idle_id;

  /* Cells of rows bound out of sight (GTK 4.8 binds ~200 rows around a
   * viewport of ~40) whose customer changed: updated when they come into
   * view or from a low-priority idle once none went stale for a while
   * (see request_update ()). */
  GHashTable          *stale_cells;
  GtkAdjustment       *vadjustment;
  guint                stale_idle_id;
  guint                stale_quiet_id;
  /* When a cell last went stale or a stale cell's customer changed
   * again, by @clock (g_get_monotonic_time () but in tests). */
  gint64               last_stale_us;
  gint64             (*clock) (void);
  guint                visible_idle_id;
  /* A row's height, from the last layout (0: not laid out yet). */
  double               row_height;
  /* Inside size_allocate: cells are not updated there (see
   * update_visible_stale_cells ()). */
  gboolean             allocating;

  /* The column set (clt-customer-table-columns.c): the Customer column
   * (name over email), one column per custom field, where the layout is
   * kept, and whether the table is narrow (a phone's width). */
  GtkColumnViewColumn *name_column;
  /* The Status column's cells: in one line, or two (while narrow). */
  GtkListItemFactory  *status_factory;
  GtkListItemFactory  *stacked_status_factory;
  SortProbe            name_probe;
  GPtrArray           *custom_columns;
  GSettings           *settings;
  char                *layout_key;
  GVariant            *layout;
  GCancellable        *cancellable;
  guint                save_idle_id;
  guint                narrow_idle_id;
  guint                fill_idle_id;
  /* The width the columns fill (the table's). */
  int                  fill_width;
  guint                restoring;
  guint                narrow : 1;
  /* Whether the saved custom-field sort of this back end had its chance
   * (the fields are listed): until then a sort is not saved. */
  guint                sort_field_loaded : 1;
};


/* clt-customer-table-columns.c */
void     _clt_customer_table_init_columns     (CltCustomerTable *self);
void     _clt_customer_table_dispose_columns  (CltCustomerTable *self);
void     _clt_customer_table_class_init_columns (GtkWidgetClass *widget_class);
void     _clt_customer_table_list_changed     (CltCustomerTable *self);
void     _clt_customer_table_fill_width       (CltCustomerTable *self,
                                              int               width);
void     _clt_customer_table_update_narrow    (CltCustomerTable *self,
                                               int               width);
/* Keeps the custom field the table sorts by (or that none does) for this
 * back end ("sort-fields"), to sort by it again next time. */
void     _clt_customer_table_save_sort_field  (CltCustomerTable *self);
/* The ColumnSpec of a built-in column, and the cell helpers. */
const ColumnSpec *_clt_customer_table_get_spec (CltSortKey sort_key);
GtkWidget *_clt_customer_table_create_inscription (gboolean tabular);
gboolean  _clt_customer_table_hide_placeholder (GtkWidget   *child,
                                               CltCustomer *customer);
int       _clt_customer_table_compare_probe   (gconstpointer a,
                                               gconstpointer b,
                                               gpointer      user_data);
void      _clt_customer_table_remember_cell   (GtkWidget   *child,
                                               GtkListItem *list_item);
GtkListItem *_clt_customer_table_lookup_cell  (GtkWidget   *child);
void      _clt_customer_table_keep_child      (GtkSignalListItemFactory *factory,
                                               GtkListItem              *list_item,
                                               gpointer                  user_data);
GtkWidget *_clt_customer_table_reuse_child    (GtkListItemFactory *factory);
void      _clt_customer_table_set_child       (GtkListItem *list_item,
                                               GtkWidget   *child);

/* Tests: the clock the quiet before updating cells out of sight is timed
 * by (g_get_monotonic_time () by default), to wait for the state and not
 * for the time. */
void     _clt_customer_table_set_clock        (CltCustomerTable *self,
                                               gint64          (*clock) (void));

/* clt-customer-table-status.c */
GtkWidget *_clt_customer_table_create_status_cell (gboolean     stacked);
void       _clt_customer_table_update_status_cell (GtkWidget   *box,
                                                   CltCustomer *customer);

/* clt-customer-table-rows.c */
void        _clt_customer_table_init_rows          (CltCustomerTable *self);
GListModel *_clt_customer_table_connect_rows       (CltCustomerTable *self);
void        _clt_customer_table_disconnect_rows    (CltCustomerTable *self);
void        _clt_customer_table_stop_growing       (CltCustomerTable *self);
void        _clt_customer_table_growing_complete_cb (CltCustomerTable *self);

G_END_DECLS
