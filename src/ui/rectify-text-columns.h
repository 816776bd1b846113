/* rectify-text-columns.h: wrapping text measured without GTK 4.8's searches
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void rectify_text_columns_prepare (GtkWidget *root);

G_END_DECLS
