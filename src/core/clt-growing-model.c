/* clt-growing-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clt-growing-model"

#include "config.h"

#include "clt-growing-model.h"

struct _CltGrowingModel
{
  GObject     parent_instance;

  GListModel *model;
  gulong      items_changed_handler;

  /* The prefix of @model shown: positions [0, shown). */
  guint       shown;

  guint       first_step;
  guint       step;
  guint       limit;

  /* Whether an emptied model keeps its prefix (see
   * clt_growing_model_set_hold_empty ()), whether it does now, and
   * whether a held position was asked for meanwhile. */
  guint       hold_empty : 1;
  guint       holding : 1;
  guint       held_item_given : 1;

  guint       complete : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CltGrowingModel, clt_growing_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How much to show when @base rows of @n_items would be shown: all of
 * them once past the limit, else at least the first step. */
static guint
target_for (CltGrowingModel *self,
            guint            base,
            guint            n_items)
{
  if (n_items <= base || base >= self->limit)
    return n_items;

  return MIN (n_items, MAX (base, self->first_step));
}

static void
update_complete (CltGrowingModel *self)
{
  gboolean complete = self->holding || self->shown == g_list_model_get_n_items (self->model);

  if (complete == self->complete)
    return;

  self->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

/* Shows [shown, @target) of the model. */
static void
grow_to (CltGrowingModel *self,
         guint            target)
{
  guint old_shown = self->shown;

  if (target <= old_shown)
    return;

  self->shown = target;
  g_list_model_items_changed (G_LIST_MODEL (self), old_shown, 0, target - old_shown);
}

/* The model has rows again after an empty spell: the prefix held since
 * is the old contents, whose row objects the model kept at their
 * positions and refilled (clt-customer-list.h), so only the difference
 * at the end goes out, as if the model had gone there in one change.
 * Unless a held position was handed out meanwhile: that item is no row
 * of the model, and the whole prefix is replaced. */
static void
release_hold (CltGrowingModel *self,
              guint            n_items)
{
  guint old_shown = self->shown;
  guint target = MIN (n_items, MAX (old_shown, target_for (self, 0, n_items)));

  self->holding = FALSE;
  self->shown = target;

  if (self->held_item_given)
    {
      self->held_item_given = FALSE;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_shown, target);
    }
  else if (target < old_shown)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), target, old_shown - target, 0);
    }
  else if (target > old_shown)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), old_shown, 0, target - old_shown);
    }
}

static void
on_items_changed_cb (GListModel      *model,
                     guint            position,
                     guint            removed,
                     guint            added,
                     CltGrowingModel *self)
{
  guint n_items = g_list_model_get_n_items (model);
  guint old_shown = self->shown;

  if (self->holding)
    {
      if (n_items > 0)
        release_hold (self, n_items);
    }
  else if (n_items == 0 && old_shown > 0 && self->hold_empty)
    {
      /* Nothing goes out: the view keeps its rows and their widgets. */
      self->holding = TRUE;
    }
  else if (position >= old_shown)
    {
      /* Past the prefix: nothing shown changed, the model only grew. */
      grow_to (self, target_for (self, old_shown, n_items));
    }
  else if (position + removed < old_shown)
    {
      /* Inside the prefix, and rows after the change are still shown:
       * pass it on as it is, then grow behind them. */
      self->shown = old_shown - removed + added;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      grow_to (self, target_for (self, self->shown, n_items));
    }
  else
    {
      /* Everything shown from @position on went: show as many rows as
       * before, or the first step of a model that grew. */
      guint target = MIN (n_items, MAX (old_shown, target_for (self, position, n_items)));

      self->shown = target;
      g_list_model_items_changed (G_LIST_MODEL (self), position, old_shown - position,
                                  target - position);
    }

  update_complete (self);
}

static GType
clt_growing_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (CLT_GROWING_MODEL (list)->model);
}

static guint
clt_growing_model_get_n_items (GListModel *list)
{
  return CLT_GROWING_MODEL (list)->shown;
}

static gpointer
clt_growing_model_get_item (GListModel *list,
                            guint       position)
{
  CltGrowingModel *self = CLT_GROWING_MODEL (list);

  if (position >= self->shown)
    return NULL;

  /* The model has no rows to give: a placeholder of the item type (a
   * CltCustomer not loaded), and the prefix is replaced on release. */
  if (self->holding)
    {
      self->held_item_given = TRUE;
      return g_object_new (g_list_model_get_item_type (self->model), NULL);
    }

  return g_list_model_get_item (self->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = clt_growing_model_get_item_type;
  iface->get_n_items = clt_growing_model_get_n_items;
  iface->get_item = clt_growing_model_get_item;
}

static void
clt_growing_model_dispose (GObject *object)
{
  CltGrowingModel *self = CLT_GROWING_MODEL (object);

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_handler, self->model);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (clt_growing_model_parent_class)->dispose (object);
}

static void
clt_growing_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CltGrowingModel *self = CLT_GROWING_MODEL (object);

  switch (prop_id)
    {
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clt_growing_model_class_init (CltGrowingModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clt_growing_model_dispose;
  object_class->get_property = clt_growing_model_get_property;

  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clt_growing_model_init (CltGrowingModel *self)
{
  self->complete = TRUE;
}

CltGrowingModel *
clt_growing_model_new (GListModel *model,
                       guint       first_step,
                       guint       step,
                       guint       limit)
{
  CltGrowingModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (first_step > 0 && step > 0, NULL);

  self = g_object_new (CLT_TYPE_GROWING_MODEL, NULL);
  self->model = g_object_ref (model);
  self->first_step = first_step;
  self->step = step;
  self->limit = limit;
  self->items_changed_handler = g_signal_connect (model, "items-changed",
                                                  G_CALLBACK (on_items_changed_cb), self);
  self->shown = target_for (self, 0, g_list_model_get_n_items (model));
  self->complete = self->shown == g_list_model_get_n_items (model);

  return self;
}

GListModel *
clt_growing_model_get_model (CltGrowingModel *self)
{
  g_return_val_if_fail (CLT_IS_GROWING_MODEL (self), NULL);

  return self->model;
}

gboolean
clt_growing_model_get_complete (CltGrowingModel *self)
{
  g_return_val_if_fail (CLT_IS_GROWING_MODEL (self), TRUE);

  return self->complete;
}

gboolean
clt_growing_model_step (CltGrowingModel *self)
{
  guint n_items;

  g_return_val_if_fail (CLT_IS_GROWING_MODEL (self), FALSE);

  n_items = g_list_model_get_n_items (self->model);
  if (self->holding || self->shown >= n_items)
    return FALSE;

  grow_to (self, self->shown + self->step >= self->limit ? n_items
                                                        : MIN (n_items, self->shown + self->step));
  update_complete (self);

  return !self->complete;
}

void
clt_growing_model_set_hold_empty (CltGrowingModel *self,
                                  gboolean         hold_empty)
{
  g_return_if_fail (CLT_IS_GROWING_MODEL (self));
  g_return_if_fail (!self->holding);

  self->hold_empty = !!hold_empty;
}

gboolean
clt_growing_model_get_holding (CltGrowingModel *self)
{
  g_return_val_if_fail (CLT_IS_GROWING_MODEL (self), FALSE);

  return self->holding;
}
