/* rectify-case-row.h: one case in the case list
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rectify-case.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_CASE_ROW (rectify_case_row_get_type ())

G_DECLARE_FINAL_TYPE (RectifyCaseRow, rectify_case_row, RECTIFY, CASE_ROW, AdwBin)

RectifyCaseRow *rectify_case_row_new              (void);
RectifyCase    *rectify_case_row_get_case         (RectifyCaseRow     *self);
const char     *rectify_case_row_get_status_label (RectifyCaseRow     *self);
void            rectify_case_row_set_case         (RectifyCaseRow     *self,
                                                   RectifyCase        *rcase);
void            rectify_case_row_popup_menu       (RectifyCaseRow     *self,
                                                   const GdkRectangle *at);
GtkPopover     *rectify_case_row_get_menu         (RectifyCaseRow     *self);

G_END_DECLS
