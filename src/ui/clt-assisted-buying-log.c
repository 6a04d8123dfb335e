/* clt-assisted-buying-log.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-assisted-buying-log"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-assisted-buying-log.h"
#include "clt-assisted-session.h"
#include "clt-format.h"
#include "clt-placeholder.h"

struct _CltAssistedBuyingLog
{
  AdwPreferencesGroup  parent_instance;

  GtkListBox          *list;
};

G_DEFINE_FINAL_TYPE (CltAssistedBuyingLog, clt_assisted_buying_log, ADW_TYPE_PREFERENCES_GROUP)

static GtkWidget *
create_row (CltAssistedSession *session)
{
  GtkWidget *row = adw_action_row_new ();
  const char *author = clt_assisted_session_get_author_name (session);
  const char *site = clt_assisted_session_get_site_name (session);
  GDateTime *redeemed = clt_assisted_session_get_redeemed (session);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *title = NULL;
  g_autofree char *started = NULL;
  g_autofree char *subtitle = NULL;

  if (author[0] == '\0')
    author = clt_assisted_session_get_author (session);
  if (site[0] == '\0')
    site = clt_assisted_session_get_site (session);

  /* Translators: "Jane Staff shopped as this customer on Site DE". */
  title = g_strdup_printf (_("%s shopped as this customer on %s"), author, site);
  started = clt_format_date_time (clt_assisted_session_get_started (session));
  if (redeemed != NULL)
    subtitle = g_strdup (started);
  else if (g_date_time_compare (clt_assisted_session_get_expires (session), now) <= 0)
    /* Translators: a date and time, then that the link was never opened. */
    subtitle = g_strdup_printf (_("%s · link not used, expired"), started);
  else
    subtitle = g_strdup_printf (_("%s · link not used yet"), started);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  return row;
}

static void
clt_assisted_buying_log_class_init (CltAssistedBuyingLogClass *klass)
{
}

static void
clt_assisted_buying_log_init (CltAssistedBuyingLog *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Assisted Buying"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Who shopped as this customer on a storefront"));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->list));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
clt_assisted_buying_log_new (void)
{
  return g_object_new (CLT_TYPE_ASSISTED_BUYING_LOG, NULL);
}

void
clt_assisted_buying_log_set_log (CltAssistedBuyingLog *self,
                                 GPtrArray            *log)
{
  g_return_if_fail (CLT_IS_ASSISTED_BUYING_LOG (self));

  clt_list_box_remove_rows (self->list);
  for (guint i = 0; log != NULL && i < log->len; i++)
    gtk_list_box_append (self->list, create_row (g_ptr_array_index (log, i)));
  gtk_widget_set_visible (GTK_WIDGET (self), log != NULL && log->len > 0);
}

GtkListBox *
clt_assisted_buying_log_get_list (CltAssistedBuyingLog *self)
{
  g_return_val_if_fail (CLT_IS_ASSISTED_BUYING_LOG (self), NULL);

  return self->list;
}
