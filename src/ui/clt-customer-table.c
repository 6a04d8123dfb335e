/* clt-customer-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-customer-table"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clt-customer.h"
#include "clt-customer-list.h"
#include "clt-customer-table-private.h"
#include "clt-enum-types.h"
#include "clt-format.h"
#include "clt-query.h"

/* In CltSortKey order: columns[key] sorts by key. The ones shown by
 * default (see clt-customer-table-columns.c) add up to 1,060 pixels with
 * Email at its narrowest (200): a window of the default 1,200 pixels shows
 * them all without scrolling, Email taking the width the others leave
 * (see "Filling the width" there), and one of 930 with Company and City
 * squeezed; Registered, Zip Code and Preferred Site are a click in the
 * column chooser away. */

static const ColumnSpec columns[] = {
  { CLT_SORT_KEY_NUMBER, N_("Customer No."), CELL_TEXT,
    clt_customer_get_number, 145, FALSE, TRUE },
  { CLT_SORT_KEY_REGISTERED, N_("Registered"), CELL_DATE,
    NULL, 100, FALSE, TRUE },
  { CLT_SORT_KEY_EMAIL, N_("Email"), CELL_TEXT,
    clt_customer_get_email, 250, TRUE, FALSE },
  { CLT_SORT_KEY_LAST_NAME, N_("Last Name"), CELL_TEXT,
    clt_customer_get_last_name, 120, FALSE, FALSE },
  { CLT_SORT_KEY_FIRST_NAME, N_("First Name"), CELL_TEXT,
    clt_customer_get_first_name, 110, FALSE, FALSE },
  { CLT_SORT_KEY_COMPANY, N_("Company"), CELL_TEXT,
    clt_customer_get_company, 150, FALSE, FALSE },
  { CLT_SORT_KEY_ZIP_CODE, N_("Zip Code"), CELL_TEXT,
    clt_customer_get_zip_code, 85, FALSE, TRUE },
  { CLT_SORT_KEY_CITY, N_("City"), CELL_TEXT,
    clt_customer_get_city, 120, FALSE, FALSE },
  { CLT_SORT_KEY_COUNTRY, N_("Country"), CELL_TEXT,
    clt_customer_get_country, 75, FALSE, FALSE },
  { CLT_SORT_KEY_STATUS, N_("Status"), CELL_STATUS,
    NULL, 140, FALSE, FALSE },
  { CLT_SORT_KEY_SITE, N_("Preferred Site"), CELL_TEXT,
    clt_customer_get_preferred_site, 130, FALSE, FALSE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (columns) == CLT_N_SORT_KEYS);

G_DEFINE_FINAL_TYPE (CltCustomerTable, clt_customer_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LIST,
  PROP_SORT_KEY,
  PROP_SORT_DIRECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GQuark cell_quark;
static GQuark list_item_quark;
static GQuark table_quark;

/* What a cell of a built-in column keeps, in one piece, kept by its list
 * item: a bind and an unbind look it up once, in the list item's short
 * data list. Each of the pieces apart was a lookup in the child widget's
 * long one, several per bind and unbind of each of the ~200 rows' cells
 * a scroll jump rebinds (perf, 100k scroll jumps: ~4% of the main
 * thread's CPU in those lookups). */
typedef struct
{
  GtkWidget        *child;
  const ColumnSpec *spec;
  /* The table outlives its cells (dispose unbinds them first). */
  CltCustomerTable *table;
  GtkListItem      *list_item;
  /* The customer whose "changed" the cell listens to, if any; the list
   * item's while bound: no reference. Disconnected by id: by function
   * and data GLib walks every handler list of the customer. */
  CltCustomer      *watched;
  gulong            handler;
  /* In the table's stale_cells: a bind asks, and an unbind forgets only
   * a stale cell, without a hash lookup (~264,000 binds of 328,000 found
   * their cell stale in 200 jumps at 100k). */
  gboolean          stale;
} Cell;

static inline Cell *
get_cell (GtkListItem *list_item)
{
  return g_object_get_qdata (G_OBJECT (list_item), cell_quark);
}

/* A row bound to a placeholder (a customer whose page the store has not
 * answered yet) shows nothing until the page fills it. GTK 4.8 rebinds
 * the rows in sight to placeholders at every scroll jump, in the jump's
 * own frame, and the page fills them a frame or two later: clearing each
 * cell's text there (and taking its accessible label) cost ~27% of the
 * jump's rebinding (perf, 100k scroll jumps), and each text was set twice.
 * The cell is made transparent and hidden from assistive technologies
 * instead, and keeps its old text until the fill sets the new one. */
gboolean
_clt_customer_table_hide_placeholder (GtkWidget   *child,
                                      CltCustomer *customer)
{
  gboolean placeholder = !clt_customer_get_loaded (customer);

  if ((gtk_widget_get_opacity (child) == 0) != placeholder)
    {
      gtk_widget_set_opacity (child, placeholder ? 0 : 1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, placeholder,
                                   -1);
    }

  return placeholder;
}

static void
update_cell (Cell        *cell,
             CltCustomer *customer)
{
  GtkWidget *child = cell->child;
  const ColumnSpec *spec = cell->spec;

  if (_clt_customer_table_hide_placeholder (child, customer))
    return;

  switch (spec->kind)
    {
    case CELL_TEXT:
      gtk_inscription_set_text (GTK_INSCRIPTION (child), spec->get_text (customer));
      break;

    case CELL_DATE:
      {
        g_autofree char *text = clt_format_date (clt_customer_get_registered (customer));

        gtk_inscription_set_text (GTK_INSCRIPTION (child), text);
      }
      break;

    case CELL_STATUS:
      _clt_customer_table_update_status_cell (child, customer);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Text cells are GtkInscriptions: unlike a GtkLabel, an inscription does
 * not shape its text to measure itself (its size comes from min/nat chars
 * and lines), which is what made scrolling a large table slow. With
 * min-chars 0 and nat-chars 0 the column width alone decides. */
GtkWidget *
_clt_customer_table_create_inscription (gboolean tabular)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 0.0f);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 0);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 0);
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (inscription), 1);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (inscription), 1);
  if (tabular)
    gtk_widget_add_css_class (inscription, "tabular");

  return inscription;
}

static gboolean
apply_sort_idle_cb (gpointer user_data);

static void
schedule_sort (CltCustomerTable *self)
{
  /* From an idle: GTK updates the clicked header after "changed", and a
   * restored sort emits "changed" twice. */
  if (self->sort_idle_id == 0)
    self->sort_idle_id = g_idle_add (apply_sort_idle_cb, self);
}

static void
apply_sort_to_list (CltCustomerTable *self)
{
  g_autoptr(CltQuery) query = NULL;

  if (self->list == NULL)
    return;

  query = clt_customer_list_dup_query (self->list);
  if (clt_query_get_sort_key (query) == self->sort_key &&
      clt_query_get_sort_direction (query) == self->sort_direction &&
      g_strcmp0 (clt_query_get_sort_field (query), self->sort_field != NULL ? self->sort_field : "") == 0)
    return;

  clt_query_set_sort_key (query, self->sort_key);
  clt_query_set_sort_direction (query, self->sort_direction);
  clt_query_set_sort_field (query, self->sort_field);
  clt_customer_list_set_query (self->list, query);
}

static void
store_sort (CltCustomerTable *self,
            CltSortKey        sort_key,
            CltSortDirection  direction)
{
  if (self->sort_key != sort_key)
    {
      self->sort_key = sort_key;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_KEY]);
    }

  if (self->sort_direction != direction)
    {
      self->sort_direction = direction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_DIRECTION]);
    }
}

static gboolean
apply_sort_idle_cb (gpointer user_data)
{
  CltCustomerTable *self = user_data;
  GtkSorter *view_sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering ordering;

  self->sort_idle_id = 0;

  /* GTK 4.8 cannot tell which column sorts (GtkColumnViewSorter's getters
   * came in 4.10): ask the view's sorter to compare two objects while the
   * column sorters record who is asked first. LARGER means descending. */
  self->probing = TRUE;
  self->probed_key = -1;
  self->probed_field = NULL;
  ordering = gtk_sorter_compare (view_sorter, self->probe_a, self->probe_b);
  self->probing = FALSE;

  /* A custom field's column sorts by its values; the built-in sort stays
   * what it was (it is the one persisted). */
  g_free (self->sort_field);
  self->sort_field = g_strdup (self->probed_field);
  _clt_customer_table_save_sort_field (self);
  if (self->probed_field != NULL)
    store_sort (self, self->sort_key,
                ordering == GTK_ORDERING_LARGER ? CLT_SORT_DESCENDING : CLT_SORT_ASCENDING);
  else if (self->probed_key >= 0)
    store_sort (self,
                (CltSortKey) self->probed_key,
                ordering == GTK_ORDERING_LARGER ? CLT_SORT_DESCENDING : CLT_SORT_ASCENDING);

  apply_sort_to_list (self);

  return G_SOURCE_REMOVE;
}

int
_clt_customer_table_compare_probe (gconstpointer a,
                                   gconstpointer b,
                                   gpointer      user_data)
{
  SortProbe *probe = user_data;
  CltCustomerTable *self = probe->self;

  /* Never a real sort: no GtkSortListModel sits over the list. */
  if (!self->probing)
    return GTK_ORDERING_EQUAL;

  if (self->probed_key < 0 && self->probed_field == NULL)
    {
      self->probed_key = probe->sort_key;
      self->probed_field = probe->field;
    }

  return GTK_ORDERING_SMALLER;
}

static void
on_view_sorter_changed_cb (CltCustomerTable *self,
                           GtkSorterChange   change,
                           GtkSorter        *sorter)
{
  schedule_sort (self);
}

/* GTK 4.8 binds about 200 rows around the viewport (a constant of its list
 * view), and a window shows about 40 of them: a scroll jump rebinds all 200
 * rows to placeholders and fills them when their pages arrive, and a new
 * search refills them. Only the cells in sight (and a few rows around)
 * are updated at once; the others are marked stale and updated when they
 * scroll into view, or from a low-priority idle, a few rows a dispatch
 * (1M, scroll jumps: binding and filling were ~half the main thread's
 * time, mostly for rows out of sight). The idle waits until no cell went
 * stale for STALE_QUIET_MS: scroll jumps or keystrokes a few frames apart
 * rebind or refill those rows again before anyone could see them (1M,
 * scroll jumps: updating them in between, their texts and accessible
 * labels and the frames that followed, was ~12% of the main thread's CPU
 * per jump). */
#define VISIBLE_MARGIN_ROWS   4
#define STALE_CELLS_PER_IDLE  64
#define STALE_QUIET_MS        250

/* The positions in sight: rows are all as high, and the height is the
 * last layout's (the adjustment's upper can be a model change behind).
 * FALSE when that is not known (not mapped, not laid out yet): then every
 * row counts as in sight. */
static gboolean
get_visible_range (CltCustomerTable *self,
                   guint            *first,
                   guint            *end)
{
  GtkAdjustment *adjustment;
  double value, page_size;

  if (self->row_height <= 0 || self->column_view == NULL ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->column_view)))
    return FALSE;

  /* Kept: gtk_scrollable_get_vadjustment () is a property lookup. */
  adjustment = self->vadjustment;
  if (adjustment == NULL)
    return FALSE;
  value = gtk_adjustment_get_value (adjustment);
  page_size = gtk_adjustment_get_page_size (adjustment);
  if (page_size <= 0)
    return FALSE;

  *first = (guint) MIN (floor (value / self->row_height), (double) G_MAXUINT / 2);
  *end = (guint) MIN (ceil ((value + page_size) / self->row_height), (double) G_MAXUINT / 2);
  *first = *first > VISIBLE_MARGIN_ROWS ? *first - VISIBLE_MARGIN_ROWS : 0;
  *end += VISIBLE_MARGIN_ROWS;

  return TRUE;
}

static gboolean
cell_in_range (GtkListItem *list_item,
               guint        first,
               guint        end)
{
  guint position = list_item != NULL ? gtk_list_item_get_position (list_item)
                                     : GTK_INVALID_LIST_POSITION;

  return position == GTK_INVALID_LIST_POSITION || (position >= first && position < end);
}

static void on_customer_changed_cb (CltCustomer *customer,
                                    Cell        *cell);

/* A cell listens to its customer from its first update after a bind: one
 * bound out of sight stays stale and deaf until it is updated, and a
 * scroll jump or a search usually rebinds it before that. Its customer's
 * page then fills without notifying it, and unbinding it disconnects
 * nothing. The customer is the list item's while bound: no reference. */
static void
watch_customer (Cell        *cell,
                CltCustomer *customer)
{
  if (cell->watched == customer)
    return;
  g_assert (cell->watched == NULL);

  /* Placeholder rows fill in place when their page arrives. One "changed"
   * per fill rather than a notification per property: with no notify
   * handler on the customer, GLib skips the ~35 notifications of a fill
   * almost for free, and a cell updates once. */
  cell->handler = g_signal_connect (customer, "changed",
                                    G_CALLBACK (on_customer_changed_cb), cell);
  cell->watched = customer;
}

static void
unwatch_customer (Cell *cell)
{
  if (cell->watched == NULL)
    return;

  g_clear_signal_handler (&cell->handler, cell->watched);
  cell->watched = NULL;
}

/* Shows @customer in @cell, and from now on what changes in it. */
static void
show_customer (Cell        *cell,
               CltCustomer *customer)
{
  watch_customer (cell, customer);
  update_cell (cell, customer);
}

/* Updates the cell of @list_item from the customer it holds now. */
static void
update_stale_cell (GtkListItem *list_item)
{
  Cell *cell = get_cell (list_item);
  CltCustomer *customer = gtk_list_item_get_item (list_item);

  if (cell != NULL)
    cell->stale = FALSE;
  if (cell != NULL && customer != NULL)
    show_customer (cell, customer);
}

static void schedule_stale_updates (CltCustomerTable *self);

static gboolean
update_stale_cells_idle_cb (gpointer user_data)
{
  CltCustomerTable *self = user_data;
  GHashTableIter iter;
  gpointer list_item;
  guint n = 0;

  /* Cells went stale again meanwhile: wait for quiet once more. */
  if (self->clock () - self->last_stale_us < STALE_QUIET_MS * G_TIME_SPAN_MILLISECOND)
    {
      self->stale_idle_id = 0;
      schedule_stale_updates (self);
      return G_SOURCE_REMOVE;
    }

  g_hash_table_iter_init (&iter, self->stale_cells);
  while (n < STALE_CELLS_PER_IDLE && g_hash_table_iter_next (&iter, NULL, &list_item))
    {
      g_hash_table_iter_remove (&iter);
      update_stale_cell (list_item);
      n++;
    }

  if (g_hash_table_size (self->stale_cells) > 0)
    return G_SOURCE_CONTINUE;

  self->stale_idle_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
on_stale_quiet_cb (gpointer user_data)
{
  CltCustomerTable *self = user_data;

  self->stale_quiet_id = 0;
  schedule_stale_updates (self);

  return G_SOURCE_REMOVE;
}

/* Updates the stale cells from the idle once no cell went stale for
 * STALE_QUIET_MS; until then waits. */
static void
schedule_stale_updates (CltCustomerTable *self)
{
  GTimeSpan quiet_left;

  if (self->stale_quiet_id != 0 || self->stale_idle_id != 0)
    return;

  quiet_left = STALE_QUIET_MS * G_TIME_SPAN_MILLISECOND -
               (self->clock () - self->last_stale_us);
  if (quiet_left > 0)
    self->stale_quiet_id = g_timeout_add (MAX (quiet_left / G_TIME_SPAN_MILLISECOND, 1),
                                          on_stale_quiet_cb, self);
  else
    self->stale_idle_id = g_idle_add_full (G_PRIORITY_LOW, update_stale_cells_idle_cb, self, NULL);
}

static void update_visible_stale_cells (CltCustomerTable *self);

static gboolean
update_visible_stale_cells_idle_cb (gpointer user_data)
{
  CltCustomerTable *self = user_data;

  self->visible_idle_id = 0;
  update_visible_stale_cells (self);

  return G_SOURCE_REMOVE;
}

/* The stale cells that came into sight, before the frame that shows them
 * (a scroll). Not during a layout (the view configures its adjustment
 * while it allocates its rows; a status cell's relayout then left a row
 * without an allocation to draw): right after it. */
static void
update_visible_stale_cells (CltCustomerTable *self)
{
  GHashTableIter iter;
  gpointer child, list_item;
  guint first, end;
  gboolean known;

  if (self->stale_cells == NULL || g_hash_table_size (self->stale_cells) == 0)
    return;

  if (self->allocating)
    {
      if (self->visible_idle_id == 0)
        self->visible_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE,
                                                 update_visible_stale_cells_idle_cb, self, NULL);
      return;
    }

  known = get_visible_range (self, &first, &end);
  g_hash_table_iter_init (&iter, self->stale_cells);
  while (g_hash_table_iter_next (&iter, &child, &list_item))
    {
      if (known && !cell_in_range (list_item, first, end))
        continue;
      g_hash_table_iter_remove (&iter);
      update_stale_cell (list_item);
    }
}

/* Tells the list which rows are on screen: a keystroke's count then
 * brings those rows and not the ones the view only keeps ready below
 * them, and a scroll jump's pages on screen are read before the others
 * (see clt_customer_list_set_visible_range ()). */
static void
update_list_visible_range (CltCustomerTable *self)
{
  guint first, end;

  if (self->list == NULL)
    return;

  if (get_visible_range (self, &first, &end))
    clt_customer_list_set_visible_range (self->list, first, end);
  else
    clt_customer_list_set_visible_range (self->list, 0, G_MAXUINT);
}

static void
on_vadjustment_value_changed_cb (CltCustomerTable *self)
{
  update_list_visible_range (self);
  update_visible_stale_cells (self);
}

/* A layout configured the adjustment: the rows' height, and the cells a
 * larger viewport shows. */
static void
on_vadjustment_changed_cb (CltCustomerTable *self,
                           GtkAdjustment    *adjustment)
{
  GtkSelectionModel *model;
  guint n_items;
  double upper = gtk_adjustment_get_upper (adjustment);

  /* Disposed. */
  if (self->column_view == NULL)
    return;

  model = gtk_column_view_get_model (self->column_view);
  n_items = model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;

  self->row_height = n_items > 0 && upper > 0 ? upper / n_items : 0;
  update_list_visible_range (self);
  update_visible_stale_cells (self);
}

/* Shows @customer in @cell now when it is in sight, else marks it stale. */
static void
request_update (Cell        *cell,
                CltCustomer *customer)
{
  CltCustomerTable *self = cell->table;
  GtkListItem *list_item = cell->list_item;
  guint first, end;

  /* Already stale: its next update reads the customer as it is then. A
   * change nobody saw still restarts the quiet (keystrokes refill the
   * rows in place: the same customers change again, nothing is rebound). */
  if (self != NULL && self->stale_cells != NULL && cell->stale)
    {
      self->last_stale_us = self->clock ();
      return;
    }

  if (self == NULL || self->stale_cells == NULL ||
      !get_visible_range (self, &first, &end) || cell_in_range (list_item, first, end))
    {
      show_customer (cell, customer);
      return;
    }

  g_hash_table_insert (self->stale_cells, cell->child, list_item);
  cell->stale = TRUE;
  self->last_stale_us = self->clock ();
  schedule_stale_updates (self);
}

static void
forget_stale_cell (Cell *cell)
{
  CltCustomerTable *self = cell != NULL ? cell->table : NULL;

  if (self == NULL || !cell->stale)
    return;

  cell->stale = FALSE;
  if (self->stale_cells != NULL)
    g_hash_table_remove (self->stale_cells, cell->child);
}

static void
on_customer_changed_cb (CltCustomer *customer,
                        Cell        *cell)
{
  request_update (cell, customer);
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  const ColumnSpec *spec = user_data;
  GtkWidget *child;
  Cell *cell;

  child = _clt_customer_table_reuse_child (GTK_LIST_ITEM_FACTORY (factory));
  if (child != NULL)
    {
      /* Set up by this factory before: made the same way. */
    }
  else if (spec->kind == CELL_STATUS)
    {
      /* In one line, or (the narrow table's two-line rows) "Unverified"
       * under the status. */
      gboolean stacked = g_object_get_data (G_OBJECT (factory), "stacked") != NULL;

      child = g_object_ref_sink (_clt_customer_table_create_status_cell (stacked));
    }
  else
    {
      child = g_object_ref_sink (_clt_customer_table_create_inscription (spec->tabular));
    }

  cell = g_new0 (Cell, 1);
  cell->child = child;
  cell->spec = spec;
  cell->table = g_object_get_qdata (G_OBJECT (factory), table_quark);
  cell->list_item = list_item;
  g_object_set_qdata_full (G_OBJECT (list_item), cell_quark, cell, g_free);
  _clt_customer_table_set_child (list_item, child);
}

/* Cell children for reuse.
 *
 * GTK 4.8 tears a cell down when its row widget leaves the view (the
 * model shrank below the ~200 rows GTK keeps) and sets up new ones when
 * it grows again: each time a child widget of ours was finalized or made
 * (an inscription makes its Pango context and layout). A list item holds
 * a reference of ours on its child besides GTK's, which unsets the child
 * before "teardown"; the teardown handler gives it to its factory, which
 * keeps up to what GTK keeps at most, and the factory's setup takes one
 * of those before it makes a new one. */
#define MAX_KEPT_CHILDREN 256

static GQuark kept_children_quark;
static GQuark own_child_quark;

/* Gives @list_item @child, a child made or reused by its factory's setup
 * (the caller's reference is taken). */
void
_clt_customer_table_set_child (GtkListItem *list_item,
                               GtkWidget   *child)
{
  _clt_customer_table_remember_cell (child, list_item);
  gtk_list_item_set_child (list_item, child);
  g_object_set_qdata_full (G_OBJECT (list_item), own_child_quark, child, g_object_unref);
}

/* A "teardown" handler of a factory whose setup sets children with
 * _clt_customer_table_set_child (). */
void
_clt_customer_table_keep_child (GtkSignalListItemFactory *factory,
                                GtkListItem              *list_item,
                                gpointer                  user_data)
{
  GtkWidget *child = g_object_steal_qdata (G_OBJECT (list_item), own_child_quark);
  GPtrArray *kept;

  if (child == NULL)
    return;

  kept = g_object_get_qdata (G_OBJECT (factory), kept_children_quark);
  if (kept == NULL)
    {
      kept = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_qdata_full (G_OBJECT (factory), kept_children_quark, kept,
                               (GDestroyNotify) g_ptr_array_unref);
    }

  /* Unset already, or a child GTK unsets right after. */
  if (kept->len < MAX_KEPT_CHILDREN && gtk_widget_get_parent (child) == NULL)
    {
      g_object_set_qdata (G_OBJECT (child), list_item_quark, NULL);
      g_ptr_array_add (kept, child);
    }
  else
    {
      g_object_unref (child);
    }
}

/* A child @factory kept (a reference for the caller), or NULL. */
GtkWidget *
_clt_customer_table_reuse_child (GtkListItemFactory *factory)
{
  GPtrArray *kept = g_object_get_qdata (G_OBJECT (factory), kept_children_quark);

  if (kept == NULL || kept->len == 0)
    return NULL;

  return g_ptr_array_steal_index_fast (kept, kept->len - 1);
}

/* The list item owns the child: a plain pointer back is safe. */
void
_clt_customer_table_remember_cell (GtkWidget   *child,
                                   GtkListItem *list_item)
{
  g_object_set_qdata (G_OBJECT (child), list_item_quark, list_item);
}

/* The list item of a cell's child, or NULL for any other widget. */
GtkListItem *
_clt_customer_table_lookup_cell (GtkWidget *child)
{
  return g_object_get_qdata (G_OBJECT (child), list_item_quark);
}

const ColumnSpec *
_clt_customer_table_get_spec (CltSortKey sort_key)
{
  g_return_val_if_fail ((guint) sort_key < G_N_ELEMENTS (columns), NULL);

  return &columns[sort_key];
}

void
_clt_customer_table_set_clock (CltCustomerTable *self,
                               gint64          (*clock) (void))
{
  g_return_if_fail (CLT_IS_CUSTOMER_TABLE (self));
  g_return_if_fail (clock != NULL);

  self->clock = clock;
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  CltCustomer *customer = gtk_list_item_get_item (list_item);
  Cell *cell = get_cell (list_item);

  /* Unbinding made it fresh: in sight (shown and watched) or not (stale,
   * see watch_customer ()) is decided anew. */
  request_update (cell, customer);
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  Cell *cell = get_cell (list_item);

  unwatch_customer (cell);
  forget_stale_cell (cell);
}

static void
on_factory_teardown_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *list_item,
                        gpointer                  user_data)
{
  forget_stale_cell (get_cell (list_item));
  _clt_customer_table_keep_child (factory, list_item, NULL);
}

static GtkListItemFactory *
create_factory (CltCustomerTable *self,
                const ColumnSpec *spec,
                gboolean          stacked)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_qdata (G_OBJECT (factory), table_quark, self);
  if (stacked)
    g_object_set_data (G_OBJECT (factory), "stacked", GINT_TO_POINTER (TRUE));
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), (gpointer) spec);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), (gpointer) spec);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), (gpointer) spec);
  g_signal_connect (factory, "teardown", G_CALLBACK (on_factory_teardown_cb), (gpointer) spec);

  return factory;
}

static void
add_columns (CltCustomerTable *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const ColumnSpec *spec = &columns[i];
      g_autoptr(GtkListItemFactory) factory = NULL;
      g_autoptr(GtkSorter) sorter = NULL;
      GtkColumnViewColumn *column;

      g_assert (spec->sort_key == i);

      factory = create_factory (self, spec, FALSE);
      if (spec->kind == CELL_STATUS)
        {
          self->status_factory = g_object_ref (factory);
          self->stacked_status_factory = create_factory (self, spec, TRUE);
        }

      self->probes[i].self = self;
      self->probes[i].sort_key = spec->sort_key;
      sorter = GTK_SORTER (gtk_custom_sorter_new (_clt_customer_table_compare_probe, &self->probes[i], NULL));

      column = gtk_column_view_column_new (_(spec->title), g_steal_pointer (&factory));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, spec->fixed_width);
      gtk_column_view_column_set_expand (column, spec->expand);

      gtk_column_view_append_column (self->column_view, column);
      self->columns[i] = column;
      g_object_unref (column);
    }
}

static void
clt_customer_table_dispose (GObject *object)
{
  CltCustomerTable *self = (CltCustomerTable *) object;

  g_clear_handle_id (&self->sort_idle_id, g_source_remove);
  _clt_customer_table_dispose_columns (self);

  if (self->column_view != NULL)
    {
      g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                            on_view_sorter_changed_cb, self);
      _clt_customer_table_disconnect_rows (self);
      gtk_column_view_set_model (self->column_view, NULL);
    }

  /* The cells still alive are the template's to destroy: none may look
   * for the table after this. */
  g_clear_handle_id (&self->stale_idle_id, g_source_remove);
  g_clear_handle_id (&self->stale_quiet_id, g_source_remove);
  g_clear_handle_id (&self->visible_idle_id, g_source_remove);
  g_clear_pointer (&self->stale_cells, g_hash_table_unref);
  g_clear_object (&self->vadjustment);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_CUSTOMER_TABLE);

  g_clear_object (&self->list);
  g_clear_object (&self->growing);
  g_clear_object (&self->status_factory);
  g_clear_object (&self->stacked_status_factory);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  g_clear_pointer (&self->sort_field, g_free);
  memset (self->columns, 0, sizeof self->columns);

  G_OBJECT_CLASS (clt_customer_table_parent_class)->dispose (object);
}

static void
clt_customer_table_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CltCustomerTable *self = CLT_CUSTOMER_TABLE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      g_value_set_object (value, self->list);
      break;

    case PROP_SORT_KEY:
      g_value_set_enum (value, self->sort_key);
      break;

    case PROP_SORT_DIRECTION:
      g_value_set_enum (value, self->sort_direction);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_customer_table_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CltCustomerTable *self = CLT_CUSTOMER_TABLE (object);

  switch (prop_id)
    {
    case PROP_LIST:
      clt_customer_table_set_list (self, g_value_get_object (value));
      break;

    case PROP_SORT_KEY:
      clt_customer_table_set_sort (self, g_value_get_enum (value), self->sort_direction);
      break;

    case PROP_SORT_DIRECTION:
      clt_customer_table_set_sort (self, self->sort_key, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_customer_table_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  CltCustomerTable *self = CLT_CUSTOMER_TABLE (widget);

  gtk_widget_measure (GTK_WIDGET (self->scrolled_window), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* Its width decides the column set: a phone's shows who each customer is
 * in one column. */
static void
clt_customer_table_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  CltCustomerTable *self = CLT_CUSTOMER_TABLE (widget);

  self->allocating = TRUE;
  gtk_widget_allocate (GTK_WIDGET (self->scrolled_window), width, height, baseline, NULL);
  self->allocating = FALSE;
  _clt_customer_table_update_narrow (self, width);
  _clt_customer_table_fill_width (self, width);
}

static void
clt_customer_table_class_init (CltCustomerTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_customer_table_dispose;
  object_class->get_property = clt_customer_table_get_property;
  object_class->set_property = clt_customer_table_set_property;

  widget_class->measure = clt_customer_table_measure;

  properties[PROP_LIST] =
    g_param_spec_object ("list", NULL, NULL,
                         CLT_TYPE_CUSTOMER_LIST,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SORT_KEY] =
    g_param_spec_enum ("sort-key", NULL, NULL,
                       CLT_TYPE_SORT_KEY,
                       CLT_SORT_KEY_NUMBER,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SORT_DIRECTION] =
    g_param_spec_enum ("sort-direction", NULL, NULL,
                       CLT_TYPE_SORT_DIRECTION,
                       CLT_SORT_ASCENDING,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  cell_quark = g_quark_from_static_string ("clt-customer-table-cell");
  list_item_quark = g_quark_from_static_string ("clt-customer-table-list-item");
  kept_children_quark = g_quark_from_static_string ("clt-customer-table-kept-children");
  own_child_quark = g_quark_from_static_string ("clt-customer-table-own-child");
  table_quark = g_quark_from_static_string ("clt-customer-table");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-customer-table.ui");
  gtk_widget_class_bind_template_child (widget_class, CltCustomerTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, CltCustomerTable, scrolled_window);

  _clt_customer_table_class_init_columns (widget_class);

  widget_class->size_allocate = clt_customer_table_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "clt-customer-table");
}

static void
clt_customer_table_init (CltCustomerTable *self)
{
  GtkAdjustment *vadjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  _clt_customer_table_init_rows (self);

  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  self->probed_key = -1;
  self->sort_key = CLT_SORT_KEY_NUMBER;
  self->sort_direction = CLT_SORT_ASCENDING;
  self->stale_cells = g_hash_table_new (NULL, NULL);
  self->clock = g_get_monotonic_time;

  add_columns (self);
  _clt_customer_table_init_columns (self);

  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (on_view_sorter_changed_cb), self);

  /* After the view's own handlers, which rebind rows on a jump: the stale
   * cells that scrolled into sight are updated before the frame. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  g_set_object (&self->vadjustment, vadjustment);
  if (vadjustment != NULL)
    {
      g_signal_connect_object (vadjustment, "value-changed",
                               G_CALLBACK (on_vadjustment_value_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (vadjustment, "changed",
                               G_CALLBACK (on_vadjustment_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* Show the default sort until someone restores another. */
  gtk_column_view_sort_by_column (self->column_view,
                                  self->columns[self->sort_key],
                                  GTK_SORT_ASCENDING);
}

GtkWidget *
clt_customer_table_new (void)
{
  return g_object_new (CLT_TYPE_CUSTOMER_TABLE, NULL);
}

CltCustomerList *
clt_customer_table_get_list (CltCustomerTable *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_TABLE (self), NULL);

  return self->list;
}

/* The list keeps its row objects across a new query and refills them with
 * other customers: a selection kept by position would silently move to
 * whoever now stands there. */
static void
on_list_query_notify_cb (CltCustomerTable *self)
{
  GtkSelectionModel *model = gtk_column_view_get_model (self->column_view);

  if (model != NULL)
    gtk_selection_model_unselect_all (model);
}

void
clt_customer_table_set_list (CltCustomerTable *self,
                             CltCustomerList  *list)
{
  g_autoptr(GtkMultiSelection) selection = NULL;

  g_return_if_fail (CLT_IS_CUSTOMER_TABLE (self));
  g_return_if_fail (list == NULL || CLT_IS_CUSTOMER_LIST (list));

  if (self->list == list)
    return;

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, on_list_query_notify_cb, self);
  _clt_customer_table_disconnect_rows (self);
  g_set_object (&self->list, list);

  if (list != NULL)
    {
      selection = gtk_multi_selection_new (g_object_ref (_clt_customer_table_connect_rows (self)));
      g_signal_connect_object (list, "notify::query", G_CALLBACK (on_list_query_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  _clt_customer_table_growing_complete_cb (self);
  _clt_customer_table_list_changed (self);

  schedule_sort (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST]);
}

GtkColumnView *
clt_customer_table_get_column_view (CltCustomerTable *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_TABLE (self), NULL);

  return self->column_view;
}

GtkColumnViewColumn *
clt_customer_table_get_column (CltCustomerTable *self,
                               CltSortKey        sort_key)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_TABLE (self), NULL);
  g_return_val_if_fail (sort_key < CLT_N_SORT_KEYS, NULL);

  return self->columns[sort_key];
}

CltSortKey
clt_customer_table_get_sort_key (CltCustomerTable *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_TABLE (self), CLT_SORT_KEY_NUMBER);

  return self->sort_key;
}

CltSortDirection
clt_customer_table_get_sort_direction (CltCustomerTable *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_TABLE (self), CLT_SORT_ASCENDING);

  return self->sort_direction;
}

void
clt_customer_table_set_sort (CltCustomerTable *self,
                             CltSortKey        sort_key,
                             CltSortDirection  direction)
{
  g_return_if_fail (CLT_IS_CUSTOMER_TABLE (self));
  g_return_if_fail (sort_key < CLT_N_SORT_KEYS);

  store_sort (self, sort_key, direction);
  g_clear_pointer (&self->sort_field, g_free);

  /* Sorting by a column directly leaves the previous column's arrow drawn
   * in GTK 4.8.3: clear the sort first. */
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  gtk_column_view_sort_by_column (self->column_view,
                                  self->columns[sort_key],
                                  direction == CLT_SORT_DESCENDING ? GTK_SORT_DESCENDING
                                                                   : GTK_SORT_ASCENDING);
}

guint
clt_customer_table_get_position_at (CltCustomerTable *self,
                                    double            x,
                                    double            y)
{
  GtkWidget *picked;

  g_return_val_if_fail (CLT_IS_CUSTOMER_TABLE (self), G_MAXUINT);

  picked = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);

  /* Up from what was hit to a cell's child (or the cell around it). */
  for (GtkWidget *w = picked; w != NULL && w != GTK_WIDGET (self->column_view); w = gtk_widget_get_parent (w))
    {
      GtkListItem *list_item = g_object_get_qdata (G_OBJECT (w), list_item_quark);
      GtkWidget *child;

      if (list_item == NULL && g_strcmp0 (gtk_widget_get_css_name (w), "cell") == 0 &&
          (child = gtk_widget_get_first_child (w)) != NULL)
        list_item = g_object_get_qdata (G_OBJECT (child), list_item_quark);

      if (list_item != NULL)
        return gtk_list_item_get_position (list_item);
    }

  return G_MAXUINT;
}

/* The row (GTK's own widget) that holds @widget's cell of @position, or
 * NULL: GTK 4.8 has no public way to focus a row by its position. */
static GtkWidget *
find_row_at (GtkWidget *widget,
             guint      position)
{
  GtkListItem *list_item = g_object_get_qdata (G_OBJECT (widget), list_item_quark);

  if (list_item != NULL && gtk_list_item_get_position (list_item) == position)
    {
      for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
        if (g_strcmp0 (gtk_widget_get_css_name (w), "row") == 0)
          return w;
      return NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_row_at (child, position);

      if (row != NULL)
        return row;
    }

  return NULL;
}

gboolean
clt_customer_table_focus_position (CltCustomerTable *self,
                                   guint             position)
{
  GtkWidget *row;

  g_return_val_if_fail (CLT_IS_CUSTOMER_TABLE (self), FALSE);

  row = find_row_at (GTK_WIDGET (self->column_view), position);
  return row != NULL && gtk_widget_grab_focus (row);
}
