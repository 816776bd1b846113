/* rectify-preferences-window.h: the help desk, signing in, reminders
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RECTIFY_TYPE_PREFERENCES_WINDOW (rectify_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (RectifyPreferencesWindow, rectify_preferences_window, RECTIFY, PREFERENCES_WINDOW, AdwPreferencesWindow)

RectifyPreferencesWindow *rectify_preferences_window_new (GtkWindow *parent);

G_END_DECLS
