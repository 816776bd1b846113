/* rectify-bench-hooks.h: what bench/ measures in the real program
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void rectify_bench_hooks_install (GtkApplication *app,
                                  gint64          start_us);

G_END_DECLS
