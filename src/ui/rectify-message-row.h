/* rectify-message-row.h: a message under a field, out of the focus chain
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RECTIFY_TYPE_MESSAGE_ROW (rectify_message_row_get_type ())

G_DECLARE_FINAL_TYPE (RectifyMessageRow, rectify_message_row, RECTIFY, MESSAGE_ROW, GtkListBoxRow)

GtkWidget *rectify_message_row_new (GtkWidget *child);

G_END_DECLS
