/* rectify-launcher.h: opening an address in the owner's apps
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     rectify_launch_uri_async   (GtkWidget            *from,
                                     const char           *uri,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean rectify_launch_uri_finish  (GAsyncResult         *result,
                                     GError              **error);

G_END_DECLS
