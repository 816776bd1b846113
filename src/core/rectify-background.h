/* rectify-background.h: starting at login to check reminders
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RECTIFY_BACKGROUND_ERROR (rectify_background_error_quark ())

/**
 * RectifyBackgroundError:
 * @RECTIFY_BACKGROUND_ERROR_REFUSED: the desktop did not allow Rectify to
 *   start at login
 * @RECTIFY_BACKGROUND_ERROR_FAILED: the autostart entry could not be
 *   written or removed
 */
typedef enum
{
  RECTIFY_BACKGROUND_ERROR_REFUSED,
  RECTIFY_BACKGROUND_ERROR_FAILED,
} RectifyBackgroundError;

/**
 * RectifyAutostartRoute:
 * @RECTIFY_AUTOSTART_PORTAL: through the Background portal
 * @RECTIFY_AUTOSTART_FILE: an XDG autostart entry in the user's folder
 */
typedef enum
{
  RECTIFY_AUTOSTART_PORTAL,
  RECTIFY_AUTOSTART_FILE,
} RectifyAutostartRoute;

#define RECTIFY_CHECK_REMINDERS_OPTION "--check-reminders"

GQuark    rectify_background_error_quark        (void);
char     *rectify_background_dup_autostart_path (void);

void      rectify_background_set_autostart_async  (GDBusConnection        *bus,
                                                   gboolean                enabled,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
gboolean  rectify_background_set_autostart_finish (GAsyncResult           *result,
                                                   RectifyAutostartRoute  *out_route,
                                                   GError                **error);

G_END_DECLS
