/* rectify-resolution-page.h: step 3, choose the resolution and send
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rectify-page.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_RESOLUTION_PAGE (rectify_resolution_page_get_type ())

G_DECLARE_FINAL_TYPE (RectifyResolutionPage, rectify_resolution_page, RECTIFY, RESOLUTION_PAGE, RectifyPage)

G_END_DECLS
