/* clt-date-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-date-row"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "clt-date-row.h"

/* Where the calendar opens when the row holds no date: a birth date is
 * more likely decades back than today. */
#define DEFAULT_YEARS_BACK 30

struct _CltDateRow
{
  AdwEntryRow     parent_instance;

  GtkMenuButton  *button;
  GtkPopover     *popover;
  GtkCalendar    *calendar;

  /* The month shown when the last day was selected: a "day-selected"
   * within the same month is a click on a day, one in another month is
   * the user paging through months and years. */
  int             shown_year;
  int             shown_month;
  guint           syncing : 1;
};

G_DEFINE_FINAL_TYPE (CltDateRow, clt_date_row, ADW_TYPE_ENTRY_ROW)

static GDateTime *
parse_date (const char *text)
{
  int year, month, day;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3)
    return NULL;

  if (!g_date_valid_dmy (day, month, year))
    return NULL;

  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

static void
remember_shown_month (CltDateRow *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);

  self->shown_year = g_date_time_get_year (date);
  self->shown_month = g_date_time_get_month (date);
}

static void
sync_calendar (CltDateRow *self)
{
  g_autoptr(GDateTime) date = parse_date (gtk_editable_get_text (GTK_EDITABLE (self)));

  if (date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      date = g_date_time_new_local (g_date_time_get_year (now) - DEFAULT_YEARS_BACK, 1, 1, 0, 0, 0);
    }

  self->syncing = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->syncing = FALSE;

  remember_shown_month (self);
}

static void
on_popover_show_cb (CltDateRow *self)
{
  sync_calendar (self);
}

static void
on_calendar_day_selected_cb (CltDateRow *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;
  gboolean same_month;

  if (self->syncing)
    return;

  date = gtk_calendar_get_date (self->calendar);
  same_month = (g_date_time_get_year (date) == self->shown_year
                && g_date_time_get_month (date) == self->shown_month);
  remember_shown_month (self);

  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self), text);

  if (same_month)
    gtk_popover_popdown (self->popover);
}

static void
on_clear_clicked_cb (CltDateRow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self), "");
  gtk_popover_popdown (self->popover);
}

static void
clt_date_row_class_init (CltDateRowClass *klass)
{
}

static void
clt_date_row_init (CltDateRow *self)
{
  GtkWidget *box;
  GtkWidget *clear;

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_object (self->calendar, "day-selected",
                           G_CALLBACK (on_calendar_day_selected_cb), self, G_CONNECT_SWAPPED);

  clear = gtk_button_new_with_mnemonic (_("_Clear"));
  gtk_widget_set_halign (clear, GTK_ALIGN_END);
  g_signal_connect_object (clear, "clicked", G_CALLBACK (on_clear_clicked_cb), self, G_CONNECT_SWAPPED);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (box), clear);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, box);
  g_signal_connect_object (self->popover, "show", G_CALLBACK (on_popover_show_cb), self, G_CONNECT_SWAPPED);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a Date"),
                                  -1);

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->button));
}

GtkWidget *
clt_date_row_new (void)
{
  return g_object_new (CLT_TYPE_DATE_ROW, NULL);
}

void
clt_date_row_popup (CltDateRow *self)
{
  g_return_if_fail (CLT_IS_DATE_ROW (self));

  gtk_menu_button_popup (self->button);
}

GtkCalendar *
clt_date_row_get_calendar (CltDateRow *self)
{
  g_return_val_if_fail (CLT_IS_DATE_ROW (self), NULL);

  return self->calendar;
}
