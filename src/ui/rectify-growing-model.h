/* rectify-growing-model.h: a run of another list, grown on both sides
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RECTIFY_TYPE_GROWING_MODEL (rectify_growing_model_get_type ())

G_DECLARE_FINAL_TYPE (RectifyGrowingModel, rectify_growing_model, RECTIFY, GROWING_MODEL, GObject)

RectifyGrowingModel *rectify_growing_model_new         (GListModel          *model);
void                 rectify_growing_model_set_run     (RectifyGrowingModel *self,
                                                        guint                start,
                                                        guint                n_items);
void                 rectify_growing_model_grow        (RectifyGrowingModel *self,
                                                        guint                before,
                                                        guint                after);
gboolean             rectify_growing_model_is_complete (RectifyGrowingModel *self);
guint                rectify_growing_model_get_start   (RectifyGrowingModel *self);

G_END_DECLS
