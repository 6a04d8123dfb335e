/* clt-customer-marketing-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-customer-marketing-group"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-customer-marketing-group.h"
#include "clt-format.h"
#include "clt-marketing-record.h"
#include "clt-placeholder.h"

struct _CltCustomerMarketingGroup
{
  AdwPreferencesGroup  parent_instance;

  GtkListBox          *list;
};

G_DEFINE_FINAL_TYPE (CltCustomerMarketingGroup, clt_customer_marketing_group, ADW_TYPE_PREFERENCES_GROUP)

static const char *
format_state (CltMarketingState state)
{
  switch (state)
    {
    case CLT_MARKETING_STATE_ACTIVE:
      return C_("coupon", "Not redeemed");
    case CLT_MARKETING_STATE_REDEEMED:
      return C_("coupon", "Redeemed");
    case CLT_MARKETING_STATE_DELIVERED:
      return C_("delivery", "Delivered");
    case CLT_MARKETING_STATE_OPENED:
      return C_("delivery", "Opened");
    case CLT_MARKETING_STATE_BOUNCED:
      return C_("delivery", "Bounced");
    case CLT_MARKETING_STATE_NONE:
    default:
      return NULL;
    }
}

static const char *
format_channel (const char *channel)
{
  if (g_str_equal (channel, "email"))
    return _("Email");
  if (g_str_equal (channel, "sms"))
    return _("SMS");
  if (g_str_equal (channel, "post"))
    return _("Post");
  return channel;
}

/* "a · b · c" of the parts that are there. */
static char *
join_parts (const char *a,
            const char *b,
            const char *c)
{
  const char *parts[] = { a, b, c };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || parts[i][0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, parts[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
create_row (const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  return row;
}

static GtkWidget *
create_coupon_row (CltMarketingRecord *record)
{
  GDateTime *valid_until = clt_marketing_record_get_date (record);
  CltMarketingState state = clt_marketing_record_get_state (record);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *title = NULL;
  g_autofree char *until = NULL;
  g_autofree char *validity = NULL;
  g_autofree char *subtitle = NULL;
  const char *state_text = format_state (state);

  /* Translators: a coupon's code, then what it is for. */
  title = g_strdup_printf (_("%s · %s"), clt_marketing_record_get_code (record),
                           clt_marketing_record_get_name (record));
  if (valid_until != NULL)
    {
      until = clt_format_date (valid_until);
      if (state == CLT_MARKETING_STATE_ACTIVE && g_date_time_compare (valid_until, now) < 0)
        {
          /* Translators: %s is the date a coupon stopped being valid. */
          validity = g_strdup_printf (_("expired on %s"), until);
          state_text = NULL;
        }
      else
        /* Translators: %s is the last date a coupon can be used. */
        validity = g_strdup_printf (_("valid until %s"), until);
    }
  subtitle = join_parts (clt_marketing_record_get_detail (record), validity, state_text);

  return create_row (title, subtitle);
}

static GtkWidget *
create_delivery_row (CltMarketingRecord *record)
{
  g_autofree char *sent = clt_format_date (clt_marketing_record_get_date (record));
  g_autofree char *subtitle = NULL;

  subtitle = join_parts (format_channel (clt_marketing_record_get_detail (record)), sent,
                         format_state (clt_marketing_record_get_state (record)));

  return create_row (clt_marketing_record_get_name (record), subtitle);
}

static void
clt_customer_marketing_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CLT_TYPE_CUSTOMER_MARKETING_GROUP);

  G_OBJECT_CLASS (clt_customer_marketing_group_parent_class)->dispose (object);
}

static void
clt_customer_marketing_group_class_init (CltCustomerMarketingGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_customer_marketing_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/clientele/Clientele/ui/clt-customer-marketing-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CltCustomerMarketingGroup, list);
}

static void
clt_customer_marketing_group_init (CltCustomerMarketingGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
clt_customer_marketing_group_new (void)
{
  return g_object_new (CLT_TYPE_CUSTOMER_MARKETING_GROUP, NULL);
}

void
clt_customer_marketing_group_set_records (CltCustomerMarketingGroup *self,
                                          GPtrArray                 *records)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new ();

  g_return_if_fail (CLT_IS_CUSTOMER_MARKETING_GROUP (self));

  clt_list_box_remove_rows (self->list);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      CltMarketingRecord *record = g_ptr_array_index (records, i);

      if (clt_marketing_record_get_kind (record) == CLT_MARKETING_KIND_SEGMENT)
        g_ptr_array_add (segments, (gpointer) clt_marketing_record_get_name (record));
    }
  if (segments->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (segments, NULL);
      /* Translators: the separator between the names of segments. */
      names = g_strjoinv (_(", "), (char **) segments->pdata);
      gtk_list_box_append (self->list, create_row (_("Segments"), names));
    }

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      CltMarketingRecord *record = g_ptr_array_index (records, i);

      switch (clt_marketing_record_get_kind (record))
        {
        case CLT_MARKETING_KIND_COUPON:
          gtk_list_box_append (self->list, create_coupon_row (record));
          break;
        case CLT_MARKETING_KIND_DELIVERY:
          gtk_list_box_append (self->list, create_delivery_row (record));
          break;
        case CLT_MARKETING_KIND_SEGMENT:
        default:
          break;
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self),
                          gtk_widget_get_first_child (GTK_WIDGET (self->list)) != NULL);
}

GtkListBox *
clt_customer_marketing_group_get_list (CltCustomerMarketingGroup *self)
{
  g_return_val_if_fail (CLT_IS_CUSTOMER_MARKETING_GROUP (self), NULL);

  return self->list;
}
