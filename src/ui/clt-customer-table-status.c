/* clt-customer-table-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Status column's cells: the status text, then the verified icon or
 * "Unverified" (beside it, or under it in the narrow table's two-line
 * rows), laid out so that a row showing another customer queues no resize.
 */

#define G_LOG_DOMAIN "clt-customer-table"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clt-customer.h"
#include "clt-customer-table-private.h"

static GQuark
status_width_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("clt-customer-table-status-width");

  return quark;
}

/* The status cell's texts are inscriptions too: a GtkLabel shapes its text
 * to measure itself, and in a scroll jump's layout the ~200 rows' status
 * labels were most of the shaping. An inscription in a box asks for as
 * many (average) characters as it shows. */
static void
set_inscription_text (GtkWidget  *inscription,
                      const char *text)
{
  guint n_chars = (guint) g_utf8_strlen (text, -1);

  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
  if (gtk_inscription_get_nat_chars (GTK_INSCRIPTION (inscription)) != n_chars)
    gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), n_chars);
}

/* The status line: the status text as wide as it is, then the verified
 * icon or "Unverified" (in one-line rows) right after it. Its size request
 * does not depend on what it shows, and what it shows changes by text and
 * opacity alone, never by a child's visibility or width: filling a
 * placeholder row or rebinding a row in a scroll jump then queues no
 * resize. A resize in any row made GTK 4.8 measure the table's rows again
 * in that frame (1M, scroll-only runs: main-thread CPU 51-58 ms per jump
 * with those resizes, 37 ms without). */
#define STATUS_SPACING 6

static GtkSizeRequestMode
status_line_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
status_line_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  *minimum = *natural = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        *natural += child_nat + (*natural > 0 ? STATUS_SPACING : 0);
      else
        *natural = MAX (*natural, child_nat);
    }

  *natural = MAX (*natural, *minimum);
}

/* The widths of the status texts, as measured for one inscription. A
 * status line is laid out again whenever its row shows another customer
 * (GTK 4.8 rebinds ~200 rows a scroll jump), and shaping the text into a
 * new layout each time was ~2.6% of the main thread's CPU at 100k (perf,
 * scroll jumps); there are three texts, hence three places. The widget's
 * Pango context's serial changes with the font, the resolution and the
 * font options: then they are measured again. */
#define N_STATUS_WIDTHS 3

typedef struct
{
  guint serial;
  guint next;
  struct
  {
    char          *text;
    PangoAttrList *attrs;
    int            width;
  } widths[N_STATUS_WIDTHS];
} StatusWidths;

static void
status_widths_clear (StatusWidths *cached)
{
  for (guint i = 0; i < N_STATUS_WIDTHS; i++)
    {
      g_clear_pointer (&cached->widths[i].text, g_free);
      g_clear_pointer (&cached->widths[i].attrs, pango_attr_list_unref);
    }
}

static void
status_widths_free (gpointer data)
{
  status_widths_clear (data);
  g_free (data);
}

static int
get_status_text_width (GtkWidget  *status,
                       const char *text)
{
  PangoAttrList *attrs = gtk_inscription_get_attributes (GTK_INSCRIPTION (status));
  guint serial = pango_context_get_serial (gtk_widget_get_pango_context (status));
  StatusWidths *cached = g_object_get_qdata (G_OBJECT (status), status_width_quark ());
  g_autoptr(PangoLayout) layout = NULL;
  guint i;

  if (cached == NULL)
    {
      cached = g_new0 (StatusWidths, 1);
      cached->serial = serial;
      g_object_set_qdata_full (G_OBJECT (status), status_width_quark (), cached, status_widths_free);
    }
  else if (cached->serial != serial)
    {
      status_widths_clear (cached);
      cached->serial = serial;
    }

  for (i = 0; i < N_STATUS_WIDTHS; i++)
    if (cached->widths[i].text != NULL && cached->widths[i].attrs == attrs &&
        strcmp (cached->widths[i].text, text) == 0)
      return cached->widths[i].width;

  i = cached->next;
  cached->next = (cached->next + 1) % N_STATUS_WIDTHS;

  layout = gtk_widget_create_pango_layout (status, text);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_get_pixel_size (layout, &cached->widths[i].width, NULL);

  g_free (cached->widths[i].text);
  cached->widths[i].text = g_strdup (text);
  g_clear_pointer (&cached->widths[i].attrs, pango_attr_list_unref);
  cached->widths[i].attrs = attrs != NULL ? pango_attr_list_ref (attrs) : NULL;

  return cached->widths[i].width;
}

static void
status_line_allocate (GtkWidget *widget,
                      int        width,
                      int        height,
                      int        baseline)
{
  GtkWidget *status = gtk_widget_get_first_child (widget);
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (status));
  int text_width = 0;
  int x;

  if (text != NULL && text[0] != '\0')
    text_width = get_status_text_width (status, text);

  /* The others (one shown, any other transparent) follow the text and keep
   * their natural width; the text gets what the shown one leaves. */
  x = width;
  for (GtkWidget *child = gtk_widget_get_next_sibling (status);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_nat;

      if (!gtk_widget_should_layout (child) || gtk_widget_get_opacity (child) == 0)
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_nat, NULL, NULL);
      x = MAX (width - child_nat - STATUS_SPACING, 0);
    }

  text_width = MIN (text_width, x);
  gtk_widget_allocate (status, text_width, height, baseline, NULL);
  x = text_width > 0 ? text_width + STATUS_SPACING : 0;

  for (GtkWidget *child = gtk_widget_get_next_sibling (status);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_nat, NULL, NULL);
      child_nat = MIN (child_nat, MAX (width - x, 0));
      gtk_widget_allocate (child, child_nat, height, baseline,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, 0)));
    }
}

/* Shows or hides @child of a status line without resizing it: transparent,
 * not a pointer target (no tooltip), and hidden from assistive technologies.
 * A part starts hidden, and is made visible (one resize) the first time it
 * is shown: the ~200 rows of the first frame then lay out, map and draw
 * only the parts they show (both visible from the start cost the first
 * paint ~60 ms of CPU at 1M). */
static void
set_status_part_shown (GtkWidget *child,
                       gboolean   shown)
{
  if (!gtk_widget_get_visible (child))
    {
      if (shown)
        gtk_widget_set_visible (child, TRUE);
      return;
    }

  if ((gtk_widget_get_opacity (child) > 0) == shown)
    return;

  gtk_widget_set_opacity (child, shown ? 1.0 : 0.0);
  gtk_widget_set_can_target (child, shown);
  gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                               GTK_ACCESSIBLE_STATE_HIDDEN, !shown,
                               -1);
}

/* "On hold" is bold: as an attribute, which an inscription draws without
 * a resize (a font weight from CSS would resize the row). */
static PangoAttrList *
get_bold_attributes (void)
{
  static PangoAttrList *bold;

  /* Widgets live on the main thread only. */
  if (bold == NULL)
    {
      bold = pango_attr_list_new ();
      pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    }

  return bold;
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (gtk_widget_has_css_class (widget, css_class) == set)
    return;

  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static gboolean
status_part_is_shown (GtkWidget *child)
{
  return gtk_widget_get_visible (child) && gtk_widget_get_opacity (child) > 0;
}

void
_clt_customer_table_update_status_cell (GtkWidget   *box,
                                        CltCustomer *customer)
{
  GtkWidget *status_label = g_object_get_data (G_OBJECT (box), "status-label");
  GtkWidget *verified_icon = g_object_get_data (G_OBJECT (box), "verified-icon");
  GtkWidget *unverified_label = g_object_get_data (G_OBJECT (box), "unverified-label");
  GtkWidget *line = gtk_widget_get_parent (status_label);
  const char *status_text = NULL;
  const char *old_text;
  gboolean verified = clt_customer_get_verified (customer);
  PangoAttrList *attrs = NULL;
  const char *css_class = NULL;
  gboolean relayout;

  /* A placeholder's cell is hidden, not updated (see
   * _clt_customer_table_hide_placeholder ()). */
  g_assert (clt_customer_get_loaded (customer));

  switch (clt_customer_get_status (customer))
    {
    case CLT_CUSTOMER_STATUS_ACTIVE:
      status_text = _("Active");
      break;

    case CLT_CUSTOMER_STATUS_ON_HOLD:
      status_text = _("On hold");
      attrs = get_bold_attributes ();
      css_class = "status-on-hold";
      break;

    case CLT_CUSTOMER_STATUS_INACTIVE:
      status_text = _("Inactive");
      css_class = "status-inactive";
      break;

    default:
      g_assert_not_reached ();
    }

  /* Classes change only when the status does: removing a class and adding
   * it back restyles the cell all the same. */
  set_css_class (status_label, "status-on-hold", g_strcmp0 (css_class, "status-on-hold") == 0);
  set_css_class (status_label, "status-inactive", g_strcmp0 (css_class, "status-inactive") == 0);

  old_text = gtk_inscription_get_text (GTK_INSCRIPTION (status_label));
  relayout = g_strcmp0 (old_text != NULL ? old_text : "", status_text) != 0 ||
             status_part_is_shown (verified_icon) != verified;

  gtk_inscription_set_text (GTK_INSCRIPTION (status_label), status_text);
  if (gtk_inscription_get_attributes (GTK_INSCRIPTION (status_label)) != attrs)
    gtk_inscription_set_attributes (GTK_INSCRIPTION (status_label), attrs);
  set_status_part_shown (verified_icon, verified);
  if (gtk_widget_get_parent (unverified_label) == line)
    set_status_part_shown (unverified_label, !verified);
  else
    gtk_widget_set_visible (unverified_label, !verified);

  /* A new width for the text: the others move, nothing is measured. */
  if (relayout)
    gtk_widget_queue_allocate (line);
}

/* A Status cell: @stacked puts "Unverified" under the status line. */
GtkWidget *
_clt_customer_table_create_status_cell (gboolean stacked)
{
  GtkWidget *child;
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, STATUS_SPACING);
  GtkWidget *status = _clt_customer_table_create_inscription (FALSE);
  GtkWidget *icon;
  GtkWidget *unverified;

  child = stacked ? gtk_box_new (GTK_ORIENTATION_VERTICAL, 0) : line;
  if (stacked)
    {
      gtk_widget_set_valign (child, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (child), line);
    }

  /* A box for its children's lifetime, laid out as above. The box's
   * own layout (spacing, orientation) is never asked for again. */
  gtk_widget_set_layout_manager (line, gtk_custom_layout_new (status_line_get_request_mode,
                                                              status_line_measure,
                                                              status_line_allocate));
  gtk_box_append (GTK_BOX (line), status);

  /* The tooltips are set while the icon and "Unverified" are hidden:
   * setting a visible widget's tooltip asks the display where the
   * pointer is, a round trip to the X server for each of the ~200 rows
   * GTK builds when a search's few rows grow back. Both then show as
   * _clt_customer_table_update_status_cell () says
   * (set_status_part_shown ()). */
  icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
  gtk_widget_set_visible (icon, FALSE);
  gtk_widget_set_tooltip_text (icon, _("Email address verified"));
  gtk_widget_add_css_class (icon, "verified-icon");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Verified"),
                                  -1);
  gtk_box_append (GTK_BOX (line), icon);

  unverified = _clt_customer_table_create_inscription (FALSE);
  gtk_widget_set_visible (unverified, FALSE);
  set_inscription_text (unverified, _("Unverified"));
  gtk_widget_set_tooltip_text (unverified, _("Email address not verified yet"));
  gtk_widget_add_css_class (unverified, "dim-label");
  gtk_box_append (GTK_BOX (child), unverified);

  g_object_set_data (G_OBJECT (child), "status-label", status);
  g_object_set_data (G_OBJECT (child), "verified-icon", icon);
  g_object_set_data (G_OBJECT (child), "unverified-label", unverified);

  return child;
}
