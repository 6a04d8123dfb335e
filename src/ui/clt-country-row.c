/* clt-country-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-country-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clt-country-row.h"
#include "clt-iso-codes.h"
#include "clt-query.h"

struct _CltCountryRow
{
  AdwActionRow        parent_instance;

  /* Template widgets */
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkPopover         *popover;
  GtkSearchEntry     *search_entry;
  GtkLabel           *value_label;

  /* Codes (GtkStringObject) sorted by translated name; the filtered view
   * of them the popover lists, and its selection. */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  /* Code → folded translated name, what a search is matched against. */
  GHashTable         *folded_names;
  char               *search;

  /* The chosen code (a static string of the ISO table), or NULL. */
  const char         *country;
};

G_DEFINE_FINAL_TYPE (CltCountryRow, clt_country_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_COUNTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
compare_countries_by_name (gconstpointer a,
                           gconstpointer b)
{
  const CltIsoCountry *country_a = *(const CltIsoCountry * const *) a;
  const CltIsoCountry *country_b = *(const CltIsoCountry * const *) b;

  return g_utf8_collate (clt_iso_codes_get_country_name (country_a->code),
                         clt_iso_codes_get_country_name (country_b->code));
}

/* Whether a word of @folded_name starts with @search ("king" finds
 * "United Kingdom"; "ger" finds Germany, not Algeria). */
static gboolean
word_starts_with (const char *folded_name,
                  const char *search)
{
  gsize length = strlen (search);

  for (const char *p = folded_name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean word_start = p == folded_name ||
                            !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (p)));

      if (word_start && strncmp (p, search, length) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
match_country (gpointer item,
               gpointer user_data)
{
  CltCountryRow *self = user_data;
  const char *code = gtk_string_object_get_string (GTK_STRING_OBJECT (item));

  if (self->search == NULL || self->search[0] == '\0')
    return TRUE;

  /* "de" also finds the country by its code. */
  if (g_ascii_strcasecmp (code, self->search) == 0)
    return TRUE;

  return word_starts_with (g_hash_table_lookup (self->folded_names, code), self->search);
}

/* The position of @code in the popover's list, or GTK_INVALID_LIST_POSITION. */
static guint
find_position (CltCountryRow *self,
               const char    *code)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; code != NULL && i < n_items; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (g_str_equal (gtk_string_object_get_string (item), code))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
select_position (CltCountryRow *self,
                 guint          position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
update_value (CltCountryRow *self)
{
  const char *name = clt_iso_codes_get_country_name (self->country);

  /* Translators: the country of an address that has none yet. */
  gtk_label_set_label (self->value_label, name != NULL ? name : C_("country", "None"));
  if (name != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->value_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "dim-label");
}

/* Sets the country to the item at @position of the popover's list and
 * closes it. */
static void
choose_position (CltCountryRow *self,
                 guint          position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (item == NULL)
    return;

  gtk_popover_popdown (self->popover);
  clt_country_row_set_country (self, gtk_string_object_get_string (item));
}

/* Callbacks --------------------------------------------------------------- */

static void
on_activated_cb (CltCountryRow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_popover_popup (self->popover);
  select_position (self, find_position (self, self->country));
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, TRUE, -1);
  /* Typing searches at once. */
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_popover_closed_cb (CltCountryRow *self)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE, -1);
  /* Back to the row, where the user was before it opened (unless the
   * dialog is going away). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_search_changed_cb (CltCountryRow *self)
{
  g_autofree char *code = NULL;
  guint position;

  g_free (self->search);
  self->search = clt_fold_text (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->list_stack, "list");
  if (self->search[0] == '\0')
    {
      select_position (self, find_position (self, self->country));
      return;
    }

  /* Enter takes the country of that code ("de": Germany, not the
   * Democratic Republic of the Congo), else the first match; Down and Up
   * move from it. */
  code = g_ascii_strup (self->search, -1);
  position = find_position (self, code);
  select_position (self, position != GTK_INVALID_LIST_POSITION ? position : 0);
}

static void
on_search_activate_cb (CltCountryRow *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    choose_position (self, position);
}

static void
on_search_stop_cb (CltCountryRow *self)
{
  gtk_popover_popdown (self->popover);
}

static void
on_list_activate_cb (CltCountryRow *self,
                     guint          position)
{
  choose_position (self, position);
}

/* Down and Up in the search entry move through the matches, so that the
 * focus need not leave the entry. */
static gboolean
on_search_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          CltCountryRow         *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint position = gtk_single_selection_get_selected (self->selection);
  int step;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      step = 1;
      break;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      step = -1;
      break;

    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      step = 10;
      break;

    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      step = -10;
      break;

    default:
      return GDK_EVENT_PROPAGATE;
    }

  if (n_items == 0)
    return GDK_EVENT_STOP;

  if (position == GTK_INVALID_LIST_POSITION)
    position = step > 0 ? 0 : n_items - 1;
  else
    position = CLAMP ((int) position + step, 0, (int) n_items - 1);
  select_position (self, position);

  return GDK_EVENT_STOP;
}

static void
on_item_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_list_item_set_child (list_item, label);
}

static void
on_item_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)),
                       clt_iso_codes_get_country_name (gtk_string_object_get_string (item)));
}

/* GObject ----------------------------------------------------------------- */

static void
clt_country_row_dispose (GObject *object)
{
  CltCountryRow *self = CLT_COUNTRY_ROW (object);

  /* The list first: its rows refer to the model. */
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLT_TYPE_COUNTRY_ROW);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (clt_country_row_parent_class)->dispose (object);
}

static void
clt_country_row_finalize (GObject *object)
{
  CltCountryRow *self = CLT_COUNTRY_ROW (object);

  g_clear_pointer (&self->folded_names, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (clt_country_row_parent_class)->finalize (object);
}

static void
clt_country_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CltCountryRow *self = CLT_COUNTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_COUNTRY:
      g_value_set_string (value, clt_country_row_get_country (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_country_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CltCountryRow *self = CLT_COUNTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_COUNTRY:
      clt_country_row_set_country (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_country_row_class_init (CltCountryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_country_row_dispose;
  object_class->finalize = clt_country_row_finalize;
  object_class->get_property = clt_country_row_get_property;
  object_class->set_property = clt_country_row_set_property;

  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-country-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CltCountryRow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CltCountryRow, list_view);
  gtk_widget_class_bind_template_child (widget_class, CltCountryRow, popover);
  gtk_widget_class_bind_template_child (widget_class, CltCountryRow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CltCountryRow, value_label);
  gtk_widget_class_bind_template_callback (widget_class, on_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
}

static void
clt_country_row_init (CltCountryRow *self)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GtkStringList) codes = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;
  const CltIsoCountry *countries;
  gsize n_countries;

  /* A combo box to assistive technologies, as AdwComboRow is (set before
   * the template realizes the accessible). */
  g_object_set (self, "accessible-role", GTK_ACCESSIBLE_ROLE_COMBO_BOX, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->folded_names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  countries = clt_iso_codes_get_countries (&n_countries);
  for (gsize i = 0; i < n_countries; i++)
    g_ptr_array_add (sorted, (gpointer) &countries[i]);
  g_ptr_array_sort (sorted, compare_countries_by_name);
  for (guint i = 0; i < sorted->len; i++)
    {
      const CltIsoCountry *country = g_ptr_array_index (sorted, i);

      /* The table's strings are static: keys need no copies. */
      gtk_string_list_append (codes, country->code);
      g_hash_table_insert (self->folded_names, (gpointer) country->code,
                           clt_fold_text (clt_iso_codes_get_country_name (country->code)));
    }

  self->filter = gtk_custom_filter_new (match_country, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_steal_pointer (&codes)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  g_signal_connect (factory, "setup", G_CALLBACK (on_item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_item_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  update_value (self);
}

/* Public API -------------------------------------------------------------- */

GtkWidget *
clt_country_row_new (void)
{
  return g_object_new (CLT_TYPE_COUNTRY_ROW, NULL);
}

const char *
clt_country_row_get_country (CltCountryRow *self)
{
  g_return_val_if_fail (CLT_IS_COUNTRY_ROW (self), "");

  return self->country != NULL ? self->country : "";
}

void
clt_country_row_set_country (CltCountryRow *self,
                             const char    *country)
{
  const CltIsoCountry *found;

  g_return_if_fail (CLT_IS_COUNTRY_ROW (self));

  found = country != NULL ? clt_iso_codes_lookup_country (country) : NULL;
  if ((found != NULL ? found->code : NULL) == self->country)
    return;

  self->country = found != NULL ? found->code : NULL;
  update_value (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}
