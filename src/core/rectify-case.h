/* rectify-case.h: one correction case, the single source of truth
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rectify-types.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_CASE (rectify_case_get_type ())

G_DECLARE_FINAL_TYPE (RectifyCase, rectify_case, RECTIFY, CASE, GObject)

RectifyCase     *rectify_case_new                (void);
const char      *rectify_case_get_reference      (RectifyCase     *self);
RectifyScenario  rectify_case_get_scenario       (RectifyCase     *self);
void             rectify_case_set_scenario       (RectifyCase     *self,
                                                  RectifyScenario  scenario);
gboolean         rectify_case_get_step_complete  (RectifyCase     *self,
                                                  RectifyStep      step);

G_END_DECLS
