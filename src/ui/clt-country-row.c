/* clt-country-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-country-row"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-country-row.h"
#include "clt-iso-codes.h"

struct _CltCountryRow
{
  AdwActionRow  parent_instance;

  GtkDropDown  *drop_down;
  /* The codes in the order of the drop-down's items. */
  GPtrArray    *codes;
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

static void
on_drop_down_selected_cb (CltCountryRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}

static void
clt_country_row_dispose (GObject *object)
{
  CltCountryRow *self = CLT_COUNTRY_ROW (object);

  g_clear_pointer (&self->codes, g_ptr_array_unref);

  G_OBJECT_CLASS (clt_country_row_parent_class)->dispose (object);
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

  object_class->dispose = clt_country_row_dispose;
  object_class->get_property = clt_country_row_get_property;
  object_class->set_property = clt_country_row_set_property;

  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clt_country_row_init (CltCountryRow *self)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;
  const CltIsoCountry *countries;
  gsize n_countries;

  countries = clt_iso_codes_get_countries (&n_countries);
  for (gsize i = 0; i < n_countries; i++)
    g_ptr_array_add (sorted, (gpointer) &countries[i]);
  g_ptr_array_sort (sorted, compare_countries_by_name);

  self->codes = g_ptr_array_new ();
  for (guint i = 0; i < sorted->len; i++)
    {
      const CltIsoCountry *country = g_ptr_array_index (sorted, i);

      /* The table's strings are static: no copies needed. */
      g_ptr_array_add (self->codes, (gpointer) country->code);
      gtk_string_list_append (names, clt_iso_codes_get_country_name (country->code));
    }

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  self->drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)),
                                                      g_steal_pointer (&expression)));
  gtk_drop_down_set_enable_search (self->drop_down, TRUE);
  gtk_drop_down_set_selected (self->drop_down, GTK_INVALID_LIST_POSITION);
  gtk_widget_set_valign (GTK_WIDGET (self->drop_down), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->drop_down), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Country"),
                                  -1);
  g_signal_connect_object (self->drop_down, "notify::selected",
                           G_CALLBACK (on_drop_down_selected_cb), self, G_CONNECT_SWAPPED);

  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->drop_down));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->drop_down));
}

GtkWidget *
clt_country_row_new (void)
{
  return g_object_new (CLT_TYPE_COUNTRY_ROW, NULL);
}

const char *
clt_country_row_get_country (CltCountryRow *self)
{
  guint selected;

  g_return_val_if_fail (CLT_IS_COUNTRY_ROW (self), "");

  selected = gtk_drop_down_get_selected (self->drop_down);
  if (self->codes == NULL || selected >= self->codes->len)
    return "";

  return g_ptr_array_index (self->codes, selected);
}

void
clt_country_row_set_country (CltCountryRow *self,
                             const char    *country)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (CLT_IS_COUNTRY_ROW (self));

  for (guint i = 0; country != NULL && i < self->codes->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->codes, i), country) == 0)
        {
          position = i;
          break;
        }
    }

  /* notify::selected tells listeners when this changes anything. */
  gtk_drop_down_set_selected (self->drop_down, position);
}

GtkDropDown *
clt_country_row_get_drop_down (CltCountryRow *self)
{
  g_return_val_if_fail (CLT_IS_COUNTRY_ROW (self), NULL);

  return self->drop_down;
}
