/* rectify-urgency-banner.h: how much time is left before the next cycle
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rectify-case.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_URGENCY_BANNER (rectify_urgency_banner_get_type ())

G_DECLARE_FINAL_TYPE (RectifyUrgencyBanner, rectify_urgency_banner, RECTIFY, URGENCY_BANNER, AdwBin)

void            rectify_urgency_banner_set_case    (RectifyUrgencyBanner *self,
                                                    RectifyCase          *rcase);
RectifyUrgency  rectify_urgency_banner_get_urgency (RectifyUrgencyBanner *self);
const char     *rectify_urgency_banner_get_title   (RectifyUrgencyBanner *self);

G_END_DECLS
