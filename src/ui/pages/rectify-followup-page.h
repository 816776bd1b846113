/* rectify-followup-page.h: step 4, follow up until the statement shows the fix
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rectify-page.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_FOLLOWUP_PAGE (rectify_followup_page_get_type ())

G_DECLARE_FINAL_TYPE (RectifyFollowupPage, rectify_followup_page, RECTIFY, FOLLOWUP_PAGE, RectifyPage)

G_END_DECLS
