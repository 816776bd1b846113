/* rectify-choice.h: the choices of steps 1 and 3 and the follow-up checklist, as models
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rectify-case.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_CHOICE (rectify_choice_get_type ())

G_DECLARE_FINAL_TYPE (RectifyChoice, rectify_choice, RECTIFY, CHOICE, GObject)

const char    *rectify_choice_get_id            (RectifyChoice *self);
int            rectify_choice_get_value         (RectifyChoice *self);
const char    *rectify_choice_get_title         (RectifyChoice *self);
const char    *rectify_choice_get_description   (RectifyChoice *self);
const char    *rectify_choice_get_badge         (RectifyChoice *self);
gboolean       rectify_choice_get_applies       (RectifyChoice *self);
gboolean       rectify_choice_get_active        (RectifyChoice *self);

RectifyChoice *rectify_choices_find             (GListModel    *choices,
                                                 const char    *id);
RectifyChoice *rectify_choices_find_value       (GListModel    *choices,
                                                 int            value);

GListModel    *rectify_scenario_choices_new     (void);
void           rectify_scenario_choices_update  (GListModel    *choices,
                                                 RectifyCase   *rcase);

GListModel    *rectify_resolution_choices_new   (void);
void           rectify_resolution_choices_update (GListModel   *choices,
                                                  RectifyCase  *rcase,
                                                  const GDate  *today);

GListModel    *rectify_checklist_new            (void);
void           rectify_checklist_update         (GListModel    *checklist,
                                                 RectifyCase   *rcase);
GStrv          rectify_checklist_dup_items      (RectifyScenario scenario);
const char    *rectify_checklist_item_get_label (const char    *item);
gboolean       rectify_checklist_item_is_optional (const char  *item);

G_END_DECLS
