/* rectify-application.h: the application, its actions and windows
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rectify-case-store.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_APPLICATION (rectify_application_get_type ())

G_DECLARE_FINAL_TYPE (RectifyApplication, rectify_application, RECTIFY, APPLICATION, AdwApplication)

RectifyApplication *rectify_application_new                  (void);
RectifyCaseStore   *rectify_application_get_store            (RectifyApplication *self);
void                rectify_application_add_uninstalled_icons (GdkDisplay         *display);

G_END_DECLS
