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

/**
 * RectifyMailRoute:
 * @RECTIFY_MAIL_ROUTE_PORTAL: the e-mail app got the files too
 * @RECTIFY_MAIL_ROUTE_MAILTO: there was no Email portal: the e-mail app got
 *   the text only, and the files must be attached by hand
 */
typedef enum
{
  RECTIFY_MAIL_ROUTE_PORTAL,
  RECTIFY_MAIL_ROUTE_MAILTO,
} RectifyMailRoute;

void     rectify_launch_email_async  (GtkWidget            *from,
                                      const char           *address,
                                      const char           *subject,
                                      const char           *body,
                                      GPtrArray            *attachments,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean rectify_launch_email_finish (GAsyncResult         *result,
                                      RectifyMailRoute     *out_route,
                                      GError              **error);

G_END_DECLS
