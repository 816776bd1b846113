/* rectify-window.h: the main window, the flow of one case
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rectify-case-store.h"
#include "rectify-case.h"
#include "rectify-outbox.h"
#include "rectify-page.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_WINDOW (rectify_window_get_type ())

G_DECLARE_FINAL_TYPE (RectifyWindow, rectify_window, RECTIFY, WINDOW, AdwApplicationWindow)

RectifyWindow *rectify_window_new              (GtkApplication   *application,
                                                RectifyCaseStore *store,
                                                RectifyOutbox    *outbox);
RectifyOutbox *rectify_window_get_outbox       (RectifyWindow    *self);
gboolean       rectify_window_get_list_complete (RectifyWindow    *self);
RectifyCase   *rectify_window_get_case         (RectifyWindow    *self);
void           rectify_window_set_case         (RectifyWindow    *self,
                                                RectifyCase      *rcase);
RectifyPage   *rectify_window_get_visible_page (RectifyWindow    *self);
void           rectify_window_report_no_client (RectifyWindow    *self,
                                                const char       *reason);
void           rectify_window_report_load      (RectifyWindow    *self,
                                                GPtrArray        *problems,
                                                const char       *error);
void           rectify_window_add_toast        (RectifyWindow    *self,
                                                AdwToast         *toast);
void           rectify_window_show_rejections  (RectifyWindow    *self,
                                                GPtrArray        *rejections);

G_END_DECLS
