/* rectify-growing-model.c: a run of another list, grown on both sides
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-growing-model.h"

/* The case list fills in a few rows at a frame, because a list view makes
 * and lays out a row for each item near the one it shows, all at once. A
 * slice that grows from the top (GtkSliceListModel) does that while the
 * list shows the top; but the case the window opens on may be thousands of
 * rows down, and scrolling there once the slice reaches it makes some 200
 * rows at once. This model starts as a few rows around a position and
 * grows on both sides: the list shows the case at once, and the rows come
 * a few at a time above and below it. Rows added above announce themselves
 * as added at position 0, so the list keeps showing what it showed.
 *
 * The run is [start, end) of the underlying model; with `to_end` it
 * reaches whatever the end is. Changes of the underlying model are told as
 * the same changes of the run: those before it move it, those after it do
 * not show. */

struct _RectifyGrowingModel
{
  GObject     parent_instance;

  GListModel *model;
  guint       start;
  guint       end;     /* unused while to_end */
  gboolean    to_end;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RectifyGrowingModel, rectify_growing_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static guint
run_end (RectifyGrowingModel *self)
{
  return self->to_end ? g_list_model_get_n_items (self->model) : self->end;
}

static GType
list_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (RECTIFY_GROWING_MODEL (list)->model);
}

static guint
list_model_get_n_items (GListModel *list)
{
  RectifyGrowingModel *self = RECTIFY_GROWING_MODEL (list);
  guint end = run_end (self);

  return end > self->start ? end - self->start : 0;
}

static gpointer
list_model_get_item (GListModel *list,
                     guint       position)
{
  RectifyGrowingModel *self = RECTIFY_GROWING_MODEL (list);

  if (position >= list_model_get_n_items (list))
    return NULL;

  return g_list_model_get_item (self->model, self->start + position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

/* How many of [position, position + count) come before @limit. */
static guint
count_before (guint position,
              guint count,
              guint limit)
{
  return MIN (position + count, limit) - MIN (position, limit);
}

static void
on_items_changed (GListModel          *model,
                  guint                position,
                  guint                removed,
                  guint                added,
                  RectifyGrowingModel *self)
{
  /* The end as it was: what the underlying model had, when to_end. */
  guint end = self->to_end ? g_list_model_get_n_items (model) - added + removed : self->end;
  guint removed_before = count_before (position, removed, self->start);
  guint removed_here = count_before (position, removed, end) - removed_before;
  guint at = position > self->start ? position - self->start : 0;
  guint added_here = 0;

  /* First the items removed, then the ones added where they were. */
  self->start -= removed_before;
  end -= removed_before + removed_here;
  if (position < self->start)
    {
      self->start += added;
      end += added;
    }
  else if (position < end || (position == end && self->to_end))
    {
      added_here = added;
      end += added;
    }
  if (!self->to_end)
    self->end = end;

  if (removed_here > 0 || added_here > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), at, removed_here, added_here);
}

static void
rectify_growing_model_dispose (GObject *object)
{
  RectifyGrowingModel *self = RECTIFY_GROWING_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (rectify_growing_model_parent_class)->dispose (object);
}

static void
rectify_growing_model_class_init (RectifyGrowingModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rectify_growing_model_dispose;
}

static void
rectify_growing_model_init (RectifyGrowingModel *self)
{
  self->to_end = TRUE;
}

/**
 * rectify_growing_model_new:
 * @model: the list to show a run of
 *
 * Returns: (transfer full): a model with every item of @model, until
 *   rectify_growing_model_set_run() says otherwise
 */
RectifyGrowingModel *
rectify_growing_model_new (GListModel *model)
{
  RectifyGrowingModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (RECTIFY_TYPE_GROWING_MODEL, NULL);
  self->model = g_object_ref (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), self);

  return self;
}

/**
 * rectify_growing_model_set_run:
 * @self: a #RectifyGrowingModel
 * @start: the first item of the underlying model to show
 * @n_items: how many, from there (fewer where it ends)
 *
 * Shows only those: every item shown before is told as removed.
 */
void
rectify_growing_model_set_run (RectifyGrowingModel *self,
                               guint                start,
                               guint                n_items)
{
  guint total, before;

  g_return_if_fail (RECTIFY_IS_GROWING_MODEL (self));

  total = g_list_model_get_n_items (self->model);
  before = list_model_get_n_items (G_LIST_MODEL (self));
  self->start = MIN (start, total);
  self->end = self->start + MIN (n_items, total - self->start);
  self->to_end = FALSE;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, before, self->end - self->start);
}

/**
 * rectify_growing_model_grow:
 * @self: a #RectifyGrowingModel
 * @before: how many items to add above the run, at most
 * @after: how many items to add below it, at most
 *
 * Once the run reaches both ends, it follows the underlying model as it
 * grows (rectify_growing_model_is_complete()).
 */
void
rectify_growing_model_grow (RectifyGrowingModel *self,
                            guint                before,
                            guint                after)
{
  guint total, above, below;

  g_return_if_fail (RECTIFY_IS_GROWING_MODEL (self));

  if (self->to_end && self->start == 0)
    return;

  above = MIN (before, self->start);
  self->start -= above;
  if (above > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, above);

  if (!self->to_end)
    {
      total = g_list_model_get_n_items (self->model);
      below = MIN (after, total - self->end);
      self->end += below;
      if (below > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), self->end - below - self->start, 0,
                                    below);
      self->to_end = self->end == total;
    }
}

/* Returns: whether every item of the underlying model is shown */
gboolean
rectify_growing_model_is_complete (RectifyGrowingModel *self)
{
  g_return_val_if_fail (RECTIFY_IS_GROWING_MODEL (self), FALSE);

  return self->start == 0 && self->to_end;
}

/* Returns: the position, in the underlying model, of the first item shown */
guint
rectify_growing_model_get_start (RectifyGrowingModel *self)
{
  g_return_val_if_fail (RECTIFY_IS_GROWING_MODEL (self), 0);

  return self->start;
}
