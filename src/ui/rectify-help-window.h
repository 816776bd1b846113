/* rectify-help-window.h: how Rectify works: what it sends, to whom, where cases are kept
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RECTIFY_TYPE_HELP_WINDOW (rectify_help_window_get_type ())

G_DECLARE_FINAL_TYPE (RectifyHelpWindow, rectify_help_window, RECTIFY, HELP_WINDOW, AdwWindow)

RectifyHelpWindow *rectify_help_window_new (GtkWindow *parent);

G_END_DECLS
