/* rectify-test-monitor.h: a network monitor the tests switch on and off
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RECTIFY_TYPE_TEST_MONITOR (rectify_test_monitor_get_type ())

G_DECLARE_FINAL_TYPE (RectifyTestMonitor, rectify_test_monitor, RECTIFY, TEST_MONITOR, GObject)

RectifyTestMonitor *rectify_test_monitor_new           (void);
void                rectify_test_monitor_set_available (RectifyTestMonitor *self,
                                                        gboolean            available);

G_END_DECLS
