/* rectify-date-row.h: a date typed in the locale's way, or picked
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RECTIFY_TYPE_DATE_ROW (rectify_date_row_get_type ())

G_DECLARE_FINAL_TYPE (RectifyDateRow, rectify_date_row, RECTIFY, DATE_ROW, AdwEntryRow)

const GDate *rectify_date_row_get_date               (RectifyDateRow *self);
void         rectify_date_row_set_date               (RectifyDateRow *self,
                                                      const GDate    *date);
gboolean     rectify_date_row_has_unreadable_text    (RectifyDateRow *self);

G_END_DECLS
