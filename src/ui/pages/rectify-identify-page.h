/* rectify-identify-page.h: step 1, identify the mistake
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rectify-page.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_IDENTIFY_PAGE (rectify_identify_page_get_type ())

G_DECLARE_FINAL_TYPE (RectifyIdentifyPage, rectify_identify_page, RECTIFY, IDENTIFY_PAGE, RectifyPage)

G_END_DECLS
