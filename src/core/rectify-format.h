/* rectify-format.h: how dates, amounts and choices read, in the UI language
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rectify-provider.h"
#include "rectify-types.h"

G_BEGIN_DECLS

char       *rectify_format_date_numeric     (const GDate       *date);
char       *rectify_format_date_long        (const GDate       *date);
char       *rectify_format_day_of           (GDateTime         *moment);
char       *rectify_format_date_example     (void);
gboolean    rectify_parse_date              (const char        *text,
                                             GDate             *out_date);
const char *rectify_scenario_get_label      (RectifyScenario    scenario);
char       *rectify_scenario_dup_self_service_hint (RectifyScenario  scenario,
                                                   RectifyProvider *provider);
const char *rectify_resolution_get_label    (RectifyResolution  resolution);
const char *rectify_period_get_label        (RectifyPeriod      period);
const char *rectify_send_state_get_label    (RectifySendState   state);
const char *rectify_request_status_get_label (const char       *status);
void        rectify_format_append_item      (GString          *text,
                                             const char       *label,
                                             const char       *value);

G_END_DECLS
