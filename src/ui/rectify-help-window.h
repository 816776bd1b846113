/* rectify-help-window.h: help with each step, and what Rectify sends and keeps
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rectify-types.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_HELP_WINDOW (rectify_help_window_get_type ())

G_DECLARE_FINAL_TYPE (RectifyHelpWindow, rectify_help_window, RECTIFY, HELP_WINDOW, AdwWindow)

RectifyHelpWindow *rectify_help_window_new              (GtkWindow         *parent);
void               rectify_help_window_show_step        (RectifyHelpWindow *self,
                                                         RectifyStep        step);
RectifyStep        rectify_help_window_get_focused_step (RectifyHelpWindow *self);

G_END_DECLS
