/* clt-customer-table-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CltCustomerTable's column set: the Customer column (name over email),
 * a column per custom field (sorted by the store like the built-in ones),
 * which columns show in which order and width, kept in GSettings per back
 * end ("column-layouts": the store's location → (id, visible, width)
 * in order), the header menu and the narrow layout.
 */

#define G_LOG_DOMAIN "clt-customer-table"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-column-chooser.h"
#include "clt-custom-field.h"
#include "clt-customer.h"
#include "clt-customer-list.h"
#include "clt-customer-table-private.h"
#include "clt-enum-types.h"
#include "clt-store.h"

/* Below this width the table shows who each customer is and their status
 * only: a phone held upright. */
#define NARROW_WIDTH 600
#define NAME_ID      "name"
#define CUSTOM_WIDTH 140

/* Shown until the user chooses otherwise. */
static const CltSortKey hidden_by_default[] = {
  CLT_SORT_KEY_REGISTERED,
  CLT_SORT_KEY_ZIP_CODE,
  CLT_SORT_KEY_SITE,
};

typedef struct
{
  CltCustomField      *field;
  char                *id;
  GtkColumnViewColumn *column;
  SortProbe            probe;
} CustomColumn;

static void
custom_column_free (CustomColumn *custom)
{
  g_clear_object (&custom->field);
  g_clear_object (&custom->column);
  g_free (custom->id);
  g_free (custom);
}

enum {
  ERROR,
  CUSTOM_FIELDS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_save (CltCustomerTable *self);

/* Ids {{{ */

static const char *
builtin_id (CltSortKey sort_key)
{
  GEnumClass *keys = g_type_class_peek (CLT_TYPE_SORT_KEY);
  GEnumValue *value = g_enum_get_value (keys, sort_key);

  return value != NULL ? value->value_nick : NULL;
}

static const char *
column_id (GtkColumnViewColumn *column)
{
  return g_object_get_data (G_OBJECT (column), "clt-column-id");
}

GtkColumnViewColumn *
clt_customer_table_find_column (CltCustomerTable *self,
                                const char       *id)
{
  GListModel *model;

  g_return_val_if_fail (CLT_IS_CUSTOMER_TABLE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  model = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (model, i);

      if (g_strcmp0 (column_id (column), id) == 0)
        return column;
    }

  return NULL;
}

char **
clt_customer_table_dup_column_ids (CltCustomerTable *self)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GListModel *model;

  g_return_val_if_fail (CLT_IS_CUSTOMER_TABLE (self), NULL);

  model = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (model, i);

      g_strv_builder_add (ids, column_id (column));
    }

  return g_strv_builder_end (ids);
}

/* }}} */

/* Cells {{{ */

static void
update_name_cell (GtkWidget   *box,
                  CltCustomer *customer)
{
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *email = gtk_widget_get_next_sibling (name);
  g_autofree char *full_name = NULL;

  if (_clt_customer_table_hide_placeholder (box, customer))
    return;

  full_name = clt_customer_dup_full_name (customer);
  gtk_inscription_set_text (GTK_INSCRIPTION (name), full_name);
  gtk_inscription_set_text (GTK_INSCRIPTION (email), clt_customer_get_email (customer));
}

static void
update_custom_cell (GtkWidget   *child,
                    CltCustomer *customer)
{
  CustomColumn *custom = g_object_get_data (G_OBJECT (child), "clt-custom-column");
  GVariant *values = clt_customer_get_custom_fields (customer);
  g_autoptr(GVariant) value = NULL;
  g_autofree char *text = NULL;

  if (_clt_customer_table_hide_placeholder (child, customer))
    return;

  if (values != NULL)
    value = g_variant_lookup_value (values, clt_custom_field_get_key (custom->field), NULL);
  text = value != NULL ? clt_custom_field_format_value (custom->field, value) : NULL;
  gtk_inscription_set_text (GTK_INSCRIPTION (child), text);
}

static void
on_name_changed_cb (CltCustomer *customer,
                    GtkWidget   *child)
{
  update_name_cell (child, customer);
}

static void
on_custom_changed_cb (CltCustomer *customer,
                      GtkWidget   *child)
{
  update_custom_cell (child, customer);
}

static void
on_name_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *box = _clt_customer_table_reuse_child (GTK_LIST_ITEM_FACTORY (factory));

  if (box == NULL)
    {
      GtkWidget *email = _clt_customer_table_create_inscription (FALSE);

      box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
      gtk_box_append (GTK_BOX (box), _clt_customer_table_create_inscription (FALSE));
      gtk_widget_add_css_class (email, "dim-label");
      gtk_widget_add_css_class (email, "caption");
      gtk_box_append (GTK_BOX (box), email);
    }
  _clt_customer_table_set_child (list_item, box);
}

static void
on_name_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  CltCustomer *customer = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  /* One "changed" per fill of a placeholder (see clt-customer-table.c). */
  g_signal_connect (customer, "changed", G_CALLBACK (on_name_changed_cb), child);
  update_name_cell (child, customer);
}

static void
on_custom_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  GtkWidget *child = _clt_customer_table_reuse_child (GTK_LIST_ITEM_FACTORY (factory));

  if (child == NULL)
    {
      child = g_object_ref_sink (_clt_customer_table_create_inscription (FALSE));
      g_object_set_data (G_OBJECT (child), "clt-custom-column", user_data);
    }
  _clt_customer_table_set_child (list_item, child);
}

static void
on_custom_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  CltCustomer *customer = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  g_signal_connect (customer, "changed", G_CALLBACK (on_custom_changed_cb), child);
  update_custom_cell (child, customer);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  CltCustomer *customer = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (customer != NULL)
    {
      g_signal_handlers_disconnect_by_func (customer, on_name_changed_cb, child);
      g_signal_handlers_disconnect_by_func (customer, on_custom_changed_cb, child);
    }
}

/* }}} */

/* Columns {{{ */

static void schedule_fill (CltCustomerTable *self);

static void
on_column_changed_cb (CltCustomerTable *self)
{
  schedule_save (self);
  schedule_fill (self);
}

/* A column's base width is the user's, else its default: what is saved,
 * and what the table's spare width is shared out from (see "Filling the
 * width"). The width shown may be wider. */
#define BASE_WIDTH_KEY "clt-base-width"

static int
base_width (GtkColumnViewColumn *column)
{
  gpointer width = g_object_get_data (G_OBJECT (column), BASE_WIDTH_KEY);

  return width != NULL ? GPOINTER_TO_INT (width) : gtk_column_view_column_get_fixed_width (column);
}

static void
set_base_width (GtkColumnViewColumn *column,
                int                  width)
{
  g_object_set_data (G_OBJECT (column), BASE_WIDTH_KEY, GINT_TO_POINTER (width));
  gtk_column_view_column_set_fixed_width (column, width);
}

static void
on_column_width_cb (GtkColumnViewColumn *column,
                    GParamSpec          *pspec,
                    CltCustomerTable    *self)
{
  /* The user resized it: that width stays. */
  if (self->restoring == 0)
    g_object_set_data (G_OBJECT (column), BASE_WIDTH_KEY,
                       GINT_TO_POINTER (gtk_column_view_column_get_fixed_width (column)));
  on_column_changed_cb (self);
}

/* Every column: its id, a header menu (hide it, choose columns), and the
 * layout saved when it is resized, hidden or shown. */
static void
prepare_column (CltCustomerTable    *self,
                GtkColumnViewColumn *column,
                const char          *id)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) hide = g_menu_item_new (_("_Hide Column"), NULL);

  g_object_set_data_full (G_OBJECT (column), "clt-column-id", g_strdup (id), g_free);
  g_menu_item_set_action_and_target_value (hide, "table.hide-column", g_variant_new_string (id));
  g_menu_append_item (menu, hide);
  g_menu_append (menu, _("_Columns…"), "table.choose-columns");
  gtk_column_view_column_set_header_menu (column, G_MENU_MODEL (menu));
  gtk_column_view_column_set_resizable (column, TRUE);

  g_signal_connect_object (column, "notify::visible", G_CALLBACK (on_column_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (column, "notify::fixed-width", G_CALLBACK (on_column_width_cb), self, 0);
}

static CustomColumn *
find_custom (CltCustomerTable *self,
             const char       *key)
{
  for (guint i = 0; i < self->custom_columns->len; i++)
    {
      CustomColumn *custom = g_ptr_array_index (self->custom_columns, i);

      if (g_str_equal (clt_custom_field_get_key (custom->field), key))
        return custom;
    }

  return NULL;
}

static void
add_custom_column (CltCustomerTable *self,
                   CltCustomField   *field)
{
  CustomColumn *custom = g_new0 (CustomColumn, 1);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = NULL;

  custom->field = g_object_ref (field);
  custom->id = g_strconcat (CLT_CUSTOMER_TABLE_CUSTOM_PREFIX, clt_custom_field_get_key (field), NULL);
  custom->probe.self = self;
  custom->probe.sort_key = CLT_SORT_KEY_NUMBER;
  custom->probe.field = clt_custom_field_get_key (custom->field);

  g_signal_connect (factory, "setup", G_CALLBACK (on_custom_setup_cb), custom);
  g_signal_connect (factory, "bind", G_CALLBACK (on_custom_bind_cb), custom);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), custom);
  g_signal_connect (factory, "teardown", G_CALLBACK (_clt_customer_table_keep_child), NULL);
  sorter = GTK_SORTER (gtk_custom_sorter_new (_clt_customer_table_compare_probe, &custom->probe, NULL));

  custom->column = gtk_column_view_column_new (clt_custom_field_get_label (field),
                                               g_steal_pointer (&factory));
  gtk_column_view_column_set_sorter (custom->column, sorter);
  gtk_column_view_column_set_fixed_width (custom->column, CUSTOM_WIDTH);
  /* The admin's choice until the user makes one. */
  gtk_column_view_column_set_visible (custom->column, clt_custom_field_get_show_as_column (field));
  prepare_column (self, custom->column, custom->id);
  gtk_column_view_append_column (self->column_view, custom->column);
  g_ptr_array_add (self->custom_columns, custom);
}

/* Applies @layout (a(sbi): id, visible, width, in order; NULL: the
 * defaults) to the columns, or the narrow set while narrow. */
static void
set_status_factory (CltCustomerTable   *self,
                    GtkListItemFactory *factory)
{
  GtkColumnViewColumn *status = self->columns[CLT_SORT_KEY_STATUS];

  gboolean visible = gtk_column_view_column_get_visible (status);

  if (gtk_column_view_column_get_factory (status) == factory)
    return;

  /* GTK 4.8 keeps the cells it made with the old factory: hidden, the
   * column drops them, and shown again it makes new ones. */
  gtk_column_view_column_set_visible (status, FALSE);
  gtk_column_view_column_set_factory (status, factory);
  gtk_column_view_column_set_visible (status, visible);
}

static void
apply_layout (CltCustomerTable *self)
{
  self->restoring++;

  if (self->narrow)
    {
      GListModel *model = gtk_column_view_get_columns (self->column_view);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (model, i);
          const char *id = column_id (column);

          gtk_column_view_column_set_visible (column, g_strcmp0 (id, NAME_ID) == 0 ||
                                                      column == self->columns[CLT_SORT_KEY_STATUS]);
        }
      gtk_column_view_column_set_expand (self->name_column, TRUE);
      gtk_column_view_column_set_fixed_width (self->columns[CLT_SORT_KEY_STATUS], 120);
      set_status_factory (self, self->stacked_status_factory);
    }
  else if (self->layout == NULL)
    {
      gtk_column_view_column_set_visible (self->name_column, FALSE);
      gtk_column_view_column_set_expand (self->name_column, FALSE);
      set_status_factory (self, self->status_factory);
      for (guint key = 0; key < CLT_N_SORT_KEYS; key++)
        {
          gboolean shown = TRUE;

          for (guint i = 0; i < G_N_ELEMENTS (hidden_by_default); i++)
            if (hidden_by_default[i] == key)
              shown = FALSE;
          gtk_column_view_column_set_visible (self->columns[key], shown);
          set_base_width (self->columns[key], _clt_customer_table_get_spec (key)->fixed_width);
        }
      for (guint i = 0; i < self->custom_columns->len; i++)
        {
          CustomColumn *custom = g_ptr_array_index (self->custom_columns, i);

          gtk_column_view_column_set_visible (custom->column,
                                              clt_custom_field_get_show_as_column (custom->field));
        }
    }
  else
    {
      GVariantIter iter;
      const char *id;
      gboolean visible;
      int width;
      guint position = 0;

      gtk_column_view_column_set_expand (self->name_column, FALSE);
      set_base_width (self->columns[CLT_SORT_KEY_STATUS],
                      _clt_customer_table_get_spec (CLT_SORT_KEY_STATUS)->fixed_width);
      set_status_factory (self, self->status_factory);
      g_variant_iter_init (&iter, self->layout);
      while (g_variant_iter_next (&iter, "(&sbi)", &id, &visible, &width))
        {
          GtkColumnViewColumn *column = clt_customer_table_find_column (self, id);

          if (column == NULL)
            continue;
          gtk_column_view_insert_column (self->column_view, position++, column);
          gtk_column_view_column_set_visible (column, visible);
          if (width > 0)
            set_base_width (column, width);
        }
    }

  self->restoring--;
  schedule_fill (self);
}

static GVariant *
build_layout (CltCustomerTable *self)
{
  GListModel *model = gtk_column_view_get_columns (self->column_view);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sbi)"));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (model, i);

      g_variant_builder_add (&builder, "(sbi)", column_id (column),
                             gtk_column_view_column_get_visible (column),
                             base_width (column));
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static gboolean
save_idle_cb (gpointer user_data)
{
  CltCustomerTable *self = user_data;
  g_autoptr(GVariant) all = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *layout;

  self->save_idle_id = 0;
  if (self->narrow)
    return G_SOURCE_REMOVE;

  g_clear_pointer (&self->layout, g_variant_unref);
  self->layout = build_layout (self);

  if (self->settings == NULL || self->layout_key == NULL)
    return G_SOURCE_REMOVE;

  /* The other back ends' layouts as they are, this one's replaced. */
  all = g_settings_get_value (self->settings, "column-layouts");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sa(sbi)}"));
  g_variant_iter_init (&iter, all);
  while (g_variant_iter_next (&iter, "{&s@a(sbi)}", &key, &layout))
    {
      if (!g_str_equal (key, self->layout_key))
        g_variant_builder_add (&builder, "{s@a(sbi)}", key, layout);
      g_variant_unref (layout);
    }
  g_variant_builder_add (&builder, "{s@a(sbi)}", self->layout_key, self->layout);
  g_settings_set_value (self->settings, "column-layouts", g_variant_builder_end (&builder));

  return G_SOURCE_REMOVE;
}

static void
schedule_save (CltCustomerTable *self)
{
  if (self->restoring > 0 || self->narrow)
    return;

  if (self->save_idle_id == 0)
    self->save_idle_id = g_idle_add (save_idle_cb, self);
}

static void
load_layout (CltCustomerTable *self)
{
  g_autoptr(GVariant) all = NULL;

  g_clear_pointer (&self->layout, g_variant_unref);
  if (self->settings != NULL && self->layout_key != NULL)
    {
      all = g_settings_get_value (self->settings, "column-layouts");
      self->layout = g_variant_lookup_value (all, self->layout_key, G_VARIANT_TYPE ("a(sbi)"));
    }
  apply_layout (self);
}

static void
set_custom_fields (CltCustomerTable *self,
                   GPtrArray        *fields)
{
  /* Columns of fields that are gone, then the new ones. */
  for (guint i = self->custom_columns->len; i > 0; i--)
    {
      CustomColumn *custom = g_ptr_array_index (self->custom_columns, i - 1);
      gboolean found = FALSE;

      for (guint j = 0; j < fields->len && !found; j++)
        found = g_str_equal (clt_custom_field_get_key (g_ptr_array_index (fields, j)),
                             clt_custom_field_get_key (custom->field));
      if (!found)
        {
          gtk_column_view_remove_column (self->column_view, custom->column);
          g_ptr_array_remove_index (self->custom_columns, i - 1);
        }
    }

  for (guint j = 0; j < fields->len; j++)
    {
      CltCustomField *field = g_ptr_array_index (fields, j);
      CustomColumn *custom = find_custom (self, clt_custom_field_get_key (field));

      if (custom != NULL)
        gtk_column_view_column_set_title (custom->column, clt_custom_field_get_label (field));
      else
        {
          self->restoring++;
          add_custom_column (self, field);
          self->restoring--;
        }
    }

  apply_layout (self);
}

/* The custom field the table of this back end was last sorted by
 * ("sort-fields"), NULL for none. */
static char *
dup_saved_sort_field (CltCustomerTable *self)
{
  g_autoptr(GVariant) all = NULL;
  char *field = NULL;

  if (self->settings == NULL || self->layout_key == NULL)
    return NULL;

  all = g_settings_get_value (self->settings, "sort-fields");
  if (g_variant_lookup (all, self->layout_key, "s", &field) && field[0] == '\0')
    g_clear_pointer (&field, g_free);
  return field;
}

/* Once the fields are known: sorts by the saved custom field's column, in
 * the saved direction, unless the user chose a custom sort meanwhile. */
static void
restore_sort_field (CltCustomerTable *self)
{
  g_autofree char *field = NULL;
  CustomColumn *custom = NULL;

  if (self->sort_field_loaded)
    return;

  self->sort_field_loaded = TRUE;
  field = dup_saved_sort_field (self);
  if (field != NULL && self->sort_field == NULL)
    custom = find_custom (self, field);
  if (custom == NULL || !gtk_column_view_column_get_visible (custom->column))
    return;

  /* As clt_customer_table_set_sort (): clear first, or GTK 4.8.3 leaves
   * the previous column's arrow drawn. */
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  gtk_column_view_sort_by_column (self->column_view, custom->column,
                                  self->sort_direction == CLT_SORT_DESCENDING ? GTK_SORT_DESCENDING
                                                                              : GTK_SORT_ASCENDING);
}

void
_clt_customer_table_save_sort_field (CltCustomerTable *self)
{
  g_autoptr(GVariant) all = NULL;
  g_autofree char *saved = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  const char *field;

  /* Not before the saved one had its chance: the built-in sort a window
   * starts with would overwrite it. */
  if (!self->sort_field_loaded || self->settings == NULL || self->layout_key == NULL)
    return;

  saved = dup_saved_sort_field (self);
  if (g_strcmp0 (saved, self->sort_field) == 0)
    return;

  /* The other back ends' as they are, this one's replaced. */
  all = g_settings_get_value (self->settings, "sort-fields");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, all);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &field))
    if (!g_str_equal (key, self->layout_key))
      g_variant_builder_add (&builder, "{ss}", key, field);
  if (self->sort_field != NULL)
    g_variant_builder_add (&builder, "{ss}", self->layout_key, self->sort_field);
  g_settings_set_value (self->settings, "sort-fields", g_variant_builder_end (&builder));
}

static void
on_custom_fields_listed_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(CltCustomerTable) self = user_data;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;

  fields = clt_store_list_custom_fields_finish (CLT_STORE (object), result, &error);
  /* Gone meanwhile (disposed): nothing to show them in. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->custom_columns == NULL)
    return;

  /* The table keeps the columns it has; the window tells the user. A
   * back end without custom fields has none to show: nothing failed. */
  if (fields == NULL)
    {
      if (!g_error_matches (error, CLT_STORE_ERROR, CLT_STORE_ERROR_NOT_SUPPORTED))
        g_signal_emit (self, signals[ERROR], 0, error);
      return;
    }

  set_custom_fields (self, fields);
  restore_sort_field (self);
  g_signal_emit (self, signals[CUSTOM_FIELDS_CHANGED], 0, fields);
}

static void
list_custom_fields (CltCustomerTable *self)
{
  CltStore *store;

  if (self->list == NULL)
    return;

  store = clt_customer_list_get_store (self->list);
  clt_store_list_custom_fields_async (store, self->cancellable, on_custom_fields_listed_cb,
                                      g_object_ref (self));
}

static void
on_store_changed_cb (CltCustomerTable *self,
                     CltChangeKind     kind,
                     const char       *id,
                     CltStore         *store)
{
  if (kind == CLT_CHANGE_CUSTOM_FIELD)
    list_custom_fields (self);
}

/* }}} */

/* Narrow {{{ */

static gboolean
narrow_idle_cb (gpointer user_data)
{
  CltCustomerTable *self = user_data;

  self->narrow_idle_id = 0;
  apply_layout (self);

  return G_SOURCE_REMOVE;
}

void
_clt_customer_table_update_narrow (CltCustomerTable *self,
                                   int               width)
{
  gboolean narrow = width > 0 && width < NARROW_WIDTH;

  if (narrow == self->narrow)
    return;

  /* Not while allocating: the columns change in the next main loop turn. */
  self->narrow = narrow;
  if (self->narrow_idle_id == 0)
    self->narrow_idle_id = g_idle_add (narrow_idle_cb, self);
}

/* Filling the width {{{ */

/* GTK 4.8's column view gives an expanding column no extra width (its
 * allocation leaves "expand" aside), so the table shares out its spare
 * width itself. Company and City, while at their default width, take a
 * share in proportion to that width, as Email does; Email (or the
 * Customer column while narrow) then gets what the other columns leave of
 * the table's width, at least FILL_MIN pixels. A width the user chose is
 * kept as it is. Narrower than the base widths (a window tiled to half a
 * 1,920-pixel screen), Email gives up to FILL_MIN, then Company and City
 * give up to SQUEEZE_MAX percent of their width each, in proportion,
 * before the table scrolls sideways. */
#define FILL_MIN 200
#define SQUEEZE_MAX 50

static gboolean
shares_width (CltCustomerTable    *self,
              GtkColumnViewColumn *column)
{
  static const CltSortKey sharing[] = { CLT_SORT_KEY_COMPANY, CLT_SORT_KEY_CITY };

  for (guint i = 0; i < G_N_ELEMENTS (sharing); i++)
    if (column == self->columns[sharing[i]])
      return !self->narrow &&
             base_width (column) == _clt_customer_table_get_spec (sharing[i])->fixed_width;

  return FALSE;
}

static void
set_shown_width (CltCustomerTable    *self,
                 GtkColumnViewColumn *column,
                 int                  width)
{
  if (width == gtk_column_view_column_get_fixed_width (column))
    return;

  /* Not the user's choice: not saved. */
  self->restoring++;
  gtk_column_view_column_set_fixed_width (column, width);
  self->restoring--;
}

static gboolean
fill_idle_cb (gpointer user_data)
{
  CltCustomerTable *self = user_data;
  GtkColumnViewColumn *filler = self->narrow ? self->name_column : self->columns[CLT_SORT_KEY_EMAIL];
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  int filler_base = _clt_customer_table_get_spec (CLT_SORT_KEY_EMAIL)->fixed_width;
  int others = 0;
  int shares = filler_base;
  int spare;
  int squeezing;

  self->fill_idle_id = 0;
  if (self->fill_width <= 0 || !gtk_column_view_column_get_visible (filler))
    return G_SOURCE_REMOVE;

  /* The widths before sharing. */
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (column == filler || !gtk_column_view_column_get_visible (column))
        continue;
      if (shares_width (self, column))
        {
          others += base_width (column);
          shares += base_width (column);
        }
      else
        {
          others += MAX (gtk_column_view_column_get_fixed_width (column), 0);
        }
    }

  spare = self->narrow ? 0 : self->fill_width - others - filler_base;
  if (spare < 0)
    spare = MIN (self->fill_width - others - FILL_MIN, 0);
  squeezing = shares - filler_base;
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      int extra;

      if (column == filler || !gtk_column_view_column_get_visible (column) ||
          !shares_width (self, column))
        continue;
      if (spare >= 0)
        extra = (int) ((gint64) spare * base_width (column) / shares);
      else
        /* Rounded up: the cuts together cover the shortfall, Email takes
         * any pixel over. */
        extra = -MIN ((int) ((-(gint64) spare * base_width (column) + squeezing - 1) / squeezing),
                      base_width (column) * SQUEEZE_MAX / 100);
      set_shown_width (self, column, base_width (column) + extra);
      others += extra;
    }

  set_shown_width (self, filler, MAX (self->fill_width - others, self->narrow ? FILL_MIN / 2 : FILL_MIN));

  return G_SOURCE_REMOVE;
}

/* Not while allocating: the widths change in the next main loop turn. */
static void
schedule_fill (CltCustomerTable *self)
{
  if (self->fill_idle_id == 0 && self->restoring == 0)
    self->fill_idle_id = g_idle_add (fill_idle_cb, self);
}

void
_clt_customer_table_fill_width (CltCustomerTable *self,
                                int               width)
{
  if (width == self->fill_width)
    return;

  self->fill_width = width;
  schedule_fill (self);
}

/* }}} */

/* Actions {{{ */

static void
hide_column_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  clt_customer_table_set_column_visible (CLT_CUSTOMER_TABLE (widget),
                                         g_variant_get_string (parameter, NULL), FALSE);
}

static void
choose_columns_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  clt_customer_table_choose_columns (CLT_CUSTOMER_TABLE (widget));
}

/* }}} */

void
_clt_customer_table_class_init_columns (GtkWidgetClass *widget_class)
{
  signals[ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (widget_class),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[CUSTOM_FIELDS_CHANGED] =
    g_signal_new ("custom-fields-changed",
                  G_TYPE_FROM_CLASS (widget_class),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  gtk_widget_class_install_action (widget_class, "table.hide-column", "s", hide_column_action);
  gtk_widget_class_install_action (widget_class, "table.choose-columns", NULL,
                                   choose_columns_action);
}

void
_clt_customer_table_init_columns (CltCustomerTable *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = NULL;

  g_type_class_ref (CLT_TYPE_SORT_KEY);
  self->custom_columns = g_ptr_array_new_with_free_func ((GDestroyNotify) custom_column_free);
  self->cancellable = g_cancellable_new ();

  for (guint key = 0; key < CLT_N_SORT_KEYS; key++)
    prepare_column (self, self->columns[key], builtin_id (key));

  /* Who the customer is, in one column: sorts by last name. */
  g_signal_connect (factory, "setup", G_CALLBACK (on_name_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_name_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), NULL);
  g_signal_connect (factory, "teardown", G_CALLBACK (_clt_customer_table_keep_child), NULL);
  self->name_probe.self = self;
  self->name_probe.sort_key = CLT_SORT_KEY_LAST_NAME;
  sorter = GTK_SORTER (gtk_custom_sorter_new (_clt_customer_table_compare_probe,
                                              &self->name_probe, NULL));
  self->name_column = gtk_column_view_column_new (_("Customer"), g_steal_pointer (&factory));
  gtk_column_view_column_set_sorter (self->name_column, sorter);
  gtk_column_view_column_set_fixed_width (self->name_column, 220);
  prepare_column (self, self->name_column, NAME_ID);
  gtk_column_view_insert_column (self->column_view, 0, self->name_column);
  g_object_unref (self->name_column);

  apply_layout (self);
}

void
_clt_customer_table_dispose_columns (CltCustomerTable *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->save_idle_id, g_source_remove);
  g_clear_handle_id (&self->narrow_idle_id, g_source_remove);
  g_clear_handle_id (&self->fill_idle_id, g_source_remove);
  g_clear_pointer (&self->custom_columns, g_ptr_array_unref);
  g_clear_pointer (&self->layout, g_variant_unref);
  g_clear_pointer (&self->layout_key, g_free);
  g_clear_object (&self->settings);
  self->name_column = NULL;
}

/* A new list: perhaps another back end, whose layout and fields these are. */
void
_clt_customer_table_list_changed (CltCustomerTable *self)
{
  CltStore *store;

  g_clear_pointer (&self->layout_key, g_free);
  self->sort_field_loaded = FALSE;
  if (self->list == NULL)
    return;

  store = clt_customer_list_get_store (self->list);
  self->layout_key = clt_store_dup_location (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  load_layout (self);
  list_custom_fields (self);
}

void
clt_customer_table_set_settings (CltCustomerTable *self,
                                 GSettings        *settings)
{
  g_return_if_fail (CLT_IS_CUSTOMER_TABLE (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
  load_layout (self);
}

void
clt_customer_table_set_column_visible (CltCustomerTable *self,
                                       const char       *id,
                                       gboolean          visible)
{
  GtkColumnViewColumn *column;

  g_return_if_fail (CLT_IS_CUSTOMER_TABLE (self));

  column = clt_customer_table_find_column (self, id);
  if (column != NULL)
    gtk_column_view_column_set_visible (column, visible);
}

gboolean
clt_customer_table_move_column (CltCustomerTable *self,
                                const char       *id,
                                int               delta)
{
  GListModel *model;
  GtkColumnViewColumn *column;
  guint n;

  g_return_val_if_fail (CLT_IS_CUSTOMER_TABLE (self), FALSE);

  column = clt_customer_table_find_column (self, id);
  if (column == NULL)
    return FALSE;

  model = gtk_column_view_get_columns (self->column_view);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) at = g_list_model_get_item (model, i);

      if (at == column)
        {
          int to = (int) i + delta;

          if (to < 0 || to >= (int) n)
            return FALSE;
          gtk_column_view_insert_column (self->column_view, (guint) to, column);
          schedule_save (self);
          return TRUE;
        }
    }

  return FALSE;
}

void
clt_customer_table_choose_columns (CltCustomerTable *self)
{
  GtkRoot *root;
  GtkWindow *chooser;

  g_return_if_fail (CLT_IS_CUSTOMER_TABLE (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = GTK_WINDOW (clt_column_chooser_new (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (chooser, GTK_WINDOW (root));
  gtk_window_present (chooser);
}
