/* rectify-test-utils.h: finding and driving real widgets in UI tests
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*RectifyTestPredicate) (gpointer data);
typedef gboolean (*RectifyTestWidgetMatch) (GtkWidget     *widget,
                                            gconstpointer  data);

GtkWidget *rectify_test_find_widget         (GtkWidget            *root,
                                             RectifyTestWidgetMatch match,
                                             gconstpointer         data);
GtkWidget *rectify_test_find_type           (GtkWidget            *root,
                                             GType                 type);
GtkWidget *rectify_test_find_row            (GtkWidget            *root,
                                             const char           *title);
GtkWidget *rectify_test_find_action_button  (GtkWidget            *root,
                                             const char           *action_name);
gboolean   rectify_test_iterate_until       (RectifyTestPredicate  done,
                                             gpointer              data);
GtkWidget *rectify_test_find_label          (GtkWidget            *root,
                                             const char           *text);
GtkWidget *rectify_test_find_text_view      (GtkWidget            *root);
GtkWidget *rectify_test_find_case_list      (GtkWidget            *root);
const char *rectify_test_row_message        (GtkWidget            *row);
void       rectify_test_iterate             (guint                 ms);

void       rectify_test_use_private_folders (void);
char      *rectify_test_install_opener      (const char           *name,
                                             const char           *mime_types);
char      *rectify_test_wait_opened         (const char           *record);

G_END_DECLS
