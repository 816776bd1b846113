/* rectify-clock.h: what day and time it is, in one replaceable place
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void       rectify_clock_get_today  (GDate       *out_today);
GDateTime *rectify_clock_now_utc    (void);
GDateTime *rectify_clock_now_local  (void);
void       rectify_clock_set_today  (const GDate *today);

G_END_DECLS
