/* clt-site-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-site-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "clt-form.h"
#include "clt-shop-editor.h"
#include "clt-site.h"
#include "clt-site-editor.h"
#include "clt-store.h"
#include "clt-validate.h"

typedef enum
{
  FIELD_CODE,
  FIELD_NAME,
  FIELD_DEFAULT_CURRENCY,
  FIELD_DEFAULT_LOCALE,
  FIELD_STOREFRONT_URL,
  FIELD_ASSISTED_BUYING_URL,
  N_FIELDS
} FieldId;

/* CltSite property names. */
static const char * const field_names[N_FIELDS] = {
  "code",
  "name",
  "default-currency",
  "default-locale",
  "storefront-url",
  "assisted-buying-url",
};

struct _CltSiteEditor
{
  AdwWindow       parent_instance;

  /* Template widgets (and the form's, see clt-form.h) */
  GtkSwitch      *active_switch;
  GtkSwitch      *assisted_switch;
  AdwEntryRow    *assisted_url_row;
  AdwEntryRow    *code_row;
  AdwEntryRow    *currency_row;
  AdwEntryRow    *locale_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *url_row;
  AdwWindowTitle *window_title;

  /* The copy being edited; the form owns a reference on its store. */
  CltForm         form;
};

G_DEFINE_FINAL_TYPE (CltSiteEditor, clt_site_editor, ADW_TYPE_WINDOW)

/* The Assisted Buying template ("assisted-buying-url") came to CltSite
 * with Assisted Buying; without it the row stays hidden. */
static gboolean
has_template (CltSiteEditor *self)
{
  return g_object_class_find_property (G_OBJECT_GET_CLASS (self->form.object),
                                       field_names[FIELD_ASSISTED_BUYING_URL]) != NULL;
}

static gpointer
copy_object (gpointer object)
{
  return clt_site_copy (object);
}

static void
load_site (GtkWidget *window)
{
  CltSiteEditor *self = CLT_SITE_EDITOR (window);

  self->form.loading++;
  gtk_switch_set_active (self->active_switch, clt_site_get_active (CLT_SITE (self->form.object)));
  gtk_switch_set_active (self->assisted_switch,
                         clt_site_get_assisted_buying (CLT_SITE (self->form.object)));
  if (has_template (self))
    {
      g_autofree char *url_template = NULL;

      g_object_get (self->form.object, field_names[FIELD_ASSISTED_BUYING_URL], &url_template,
                    NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->assisted_url_row),
                             url_template != NULL ? url_template : "");
    }
  self->form.loading--;

  clt_form_load (&self->form);
}

static const CltFormLabel form_labels[] = {
  { "active", N_("Active") },
  { "assisted-buying", N_("Assisted Buying") },
};

static const CltFormInfo form_info = {
  .field_names = field_names,
  .n_fields = N_FIELDS,
  .check_field = clt_shop_editor_check_field,
  .check = clt_shop_editor_check,
  .copy = copy_object,
  .load = load_site,
  .labels = form_labels,
  .n_labels = G_N_ELEMENTS (form_labels),
  .stale_title = N_("Someone else changed this site"),
  .create_failed_title = N_("Couldn't add the site"),
  .reload_failed_title = N_("Couldn't reload the site"),
  .read_only_message = N_("Sites can be viewed but not changed."),
};

static const CltShopEditorKind editor_kind = {
  .list_async = clt_store_list_sites_async,
  .list_finish = clt_store_list_sites_finish,
  .key_property = "code",
  .load = load_site,
};

static void
on_switch_changed_cb (CltSiteEditor *self)
{
  if (self->form.loading > 0 || self->form.closed)
    return;

  clt_site_set_active (CLT_SITE (self->form.object), gtk_switch_get_active (self->active_switch));
  clt_site_set_assisted_buying (CLT_SITE (self->form.object),
                                gtk_switch_get_active (self->assisted_switch));
  clt_form_update_can_save (&self->form);
}

static void
on_template_changed_cb (CltSiteEditor *self)
{
  g_autofree char *text = NULL;

  if (self->form.loading > 0 || self->form.closed || !has_template (self))
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->assisted_url_row))));
  g_object_set (self->form.object, field_names[FIELD_ASSISTED_BUYING_URL], text, NULL);
  clt_form_field_changed (&self->form.fields[FIELD_ASSISTED_BUYING_URL]);
}

static void
clt_site_editor_dispose (GObject *object)
{
  clt_shop_editor_dispose (GTK_WIDGET (object));

  G_OBJECT_CLASS (clt_site_editor_parent_class)->dispose (object);
}

static void
clt_site_editor_finalize (GObject *object)
{
  clt_shop_editor_finalize (GTK_WIDGET (object));

  G_OBJECT_CLASS (clt_site_editor_parent_class)->finalize (object);
}

static void
clt_site_editor_class_init (CltSiteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clt_site_editor_dispose;
  object_class->finalize = clt_site_editor_finalize;

  clt_shop_editor_class_init (widget_class, G_STRUCT_OFFSET (CltSiteEditor, form), &editor_kind,
                              "/io/github/clientele/Clientele/ui/clt-site-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CltSiteEditor, active_switch);
  gtk_widget_class_bind_template_child (widget_class, CltSiteEditor, assisted_switch);
  gtk_widget_class_bind_template_child (widget_class, CltSiteEditor, assisted_url_row);
  gtk_widget_class_bind_template_child (widget_class, CltSiteEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, CltSiteEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, CltSiteEditor, locale_row);
  gtk_widget_class_bind_template_child (widget_class, CltSiteEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CltSiteEditor, url_row);
  gtk_widget_class_bind_template_child (widget_class, CltSiteEditor, window_title);
}

static void
clt_site_editor_init (CltSiteEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

/**
 * clt_site_editor_new:
 * @store: where the site is stored
 * @site: (nullable): the site to edit, never changed; NULL to add one
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
CltSiteEditor *
clt_site_editor_new (CltStore *store,
                     CltSite  *site)
{
  CltSiteEditor *self;
  CltSite *object;
  gboolean create = site == NULL;
  GtkWidget *rows[N_FIELDS];

  g_return_val_if_fail (CLT_IS_STORE (store), NULL);
  g_return_val_if_fail (site == NULL || CLT_IS_SITE (site), NULL);

  self = g_object_new (CLT_TYPE_SITE_EDITOR, NULL);
  object = create ? clt_site_new () : clt_site_copy (site);
  if (create)
    clt_site_set_active (object, TRUE);
  clt_form_init (&self->form, GTK_WIDGET (self), &form_info, g_object_ref (store), create, object);

  rows[FIELD_CODE] = GTK_WIDGET (self->code_row);
  rows[FIELD_NAME] = GTK_WIDGET (self->name_row);
  rows[FIELD_DEFAULT_CURRENCY] = GTK_WIDGET (self->currency_row);
  rows[FIELD_DEFAULT_LOCALE] = GTK_WIDGET (self->locale_row);
  rows[FIELD_STOREFRONT_URL] = GTK_WIDGET (self->url_row);
  rows[FIELD_ASSISTED_BUYING_URL] = GTK_WIDGET (self->assisted_url_row);
  for (guint i = 0; i < FIELD_ASSISTED_BUYING_URL; i++)
    clt_form_add_field (&self->form, i, rows[i]);
  clt_form_add_custom_field (&self->form, FIELD_ASSISTED_BUYING_URL, rows[FIELD_ASSISTED_BUYING_URL],
                             NULL);
  self->form.fields[FIELD_ASSISTED_BUYING_URL].hidden = !has_template (self);
  gtk_widget_set_visible (rows[FIELD_ASSISTED_BUYING_URL], has_template (self));
  adw_entry_row_set_activates_default (self->assisted_url_row, TRUE);

  /* The code is the site's key: customers and links name it. */
  self->form.fields[FIELD_CODE].hidden = !create;
  gtk_widget_set_visible (rows[FIELD_CODE], create);
  self->form.fields[FIELD_CODE].hint = _("Letters, digits, - and _, such as “de” or “b2b-eu”; "
                                         "it can’t change later");
  self->form.fields[FIELD_DEFAULT_CURRENCY].hint = _("Optional: an ISO 4217 code such as EUR");
  self->form.fields[FIELD_DEFAULT_LOCALE].hint = _("Optional: such as de_DE or en_GB");
  self->form.fields[FIELD_STOREFRONT_URL].hint = _("Such as https://shop.example/de");
  self->form.fields[FIELD_ASSISTED_BUYING_URL].hint =
    _("Where support staff shop as the customer: {token} stands for the one-time key, "
      "{customerNumber} for the customer, such as "
      "https://shop.example/assisted-buying?token={token}&customer={customerNumber}");
  g_signal_connect_swapped (self->active_switch, "notify::active",
                            G_CALLBACK (on_switch_changed_cb), self);
  g_signal_connect_swapped (self->assisted_switch, "notify::active",
                            G_CALLBACK (on_switch_changed_cb), self);
  g_signal_connect_swapped (self->assisted_url_row, "changed",
                            G_CALLBACK (on_template_changed_cb), self);

  clt_shop_editor_finish_setup (GTK_WIDGET (self), self->window_title, _("Add Site"),
                                _("Edit Site"), rows[create ? FIELD_CODE : FIELD_NAME]);

  return self;
}
