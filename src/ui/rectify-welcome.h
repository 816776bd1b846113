/* rectify-welcome.h: what to have at hand before the first case
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RECTIFY_TYPE_WELCOME (rectify_welcome_get_type ())

G_DECLARE_FINAL_TYPE (RectifyWelcome, rectify_welcome, RECTIFY, WELCOME, AdwBin)

GtkWidget *rectify_welcome_new (void);

G_END_DECLS
