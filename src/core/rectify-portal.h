/* rectify-portal.h: one request to an XDG desktop portal
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gio/gunixfdlist.h>

G_BEGIN_DECLS

#define RECTIFY_PORTAL_ERROR (rectify_portal_error_quark ())

/**
 * RectifyPortalError:
 * @RECTIFY_PORTAL_ERROR_MISSING: no portal on the session bus has this
 *   interface
 * @RECTIFY_PORTAL_ERROR_FAILED: the portal answered that it could not do it
 */
typedef enum
{
  RECTIFY_PORTAL_ERROR_MISSING,
  RECTIFY_PORTAL_ERROR_FAILED,
} RectifyPortalError;

GQuark    rectify_portal_error_quark     (void);
gboolean  rectify_portal_is_sandboxed    (void);

void      rectify_portal_request_async   (GDBusConnection     *bus,
                                          const char          *interface,
                                          const char          *method,
                                          const char          *parent_window,
                                          GVariant            *options,
                                          GUnixFDList         *fd_list,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GVariant *rectify_portal_request_finish  (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
