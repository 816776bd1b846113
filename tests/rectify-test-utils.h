/* rectify-test-utils.h: finding and driving real widgets in UI tests
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*RectifyTestPredicate) (gpointer data);

GtkWidget *rectify_test_find_row            (GtkWidget            *root,
                                             const char           *title);
GtkWidget *rectify_test_find_action_button  (GtkWidget            *root,
                                             const char           *action_name);
gboolean   rectify_test_iterate_until       (RectifyTestPredicate  done,
                                             gpointer              data);

G_END_DECLS
