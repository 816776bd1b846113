/* rectify-request-monitor.h: reading requests back from the help desk
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rectify-case.h"
#include "rectify-outbox.h"

G_BEGIN_DECLS

#define RECTIFY_REQUEST_MONITOR_ERROR (rectify_request_monitor_error_quark ())

/**
 * RectifyRequestMonitorError:
 * @RECTIFY_REQUEST_MONITOR_ERROR_NOT_SIGNED_IN: reading a request back needs
 *   a sign-in
 * @RECTIFY_REQUEST_MONITOR_ERROR_NO_REQUEST: the case has no request on the
 *   desk
 *
 * Why a request could not be read back.
 */
typedef enum
{
  RECTIFY_REQUEST_MONITOR_ERROR_NOT_SIGNED_IN,
  RECTIFY_REQUEST_MONITOR_ERROR_NO_REQUEST,
} RectifyRequestMonitorError;

/* How often the open requests are read back while the app runs. */
#define RECTIFY_REQUEST_MONITOR_INTERVAL_SECONDS (15 * 60)

#define RECTIFY_TYPE_REQUEST_MONITOR (rectify_request_monitor_get_type ())

G_DECLARE_FINAL_TYPE (RectifyRequestMonitor, rectify_request_monitor, RECTIFY, REQUEST_MONITOR,
                      GObject)

GQuark                 rectify_request_monitor_error_quark  (void);
RectifyRequestMonitor *rectify_request_monitor_new          (RectifyOutbox          *outbox,
                                                             GListModel             *cases);
void                   rectify_request_monitor_start        (RectifyRequestMonitor  *self,
                                                             guint                   interval_s);
void                   rectify_request_monitor_stop         (RectifyRequestMonitor  *self);
void                   rectify_request_monitor_check_all    (RectifyRequestMonitor  *self);
void                   rectify_request_monitor_check        (RectifyRequestMonitor  *self,
                                                             RectifyCase            *rcase);
gboolean               rectify_request_monitor_is_checking  (RectifyRequestMonitor  *self,
                                                             RectifyCase            *rcase);
GPtrArray             *rectify_request_monitor_get_replies  (RectifyRequestMonitor  *self,
                                                             RectifyCase            *rcase);

void                   rectify_request_monitor_refresh_async  (RectifyRequestMonitor *self,
                                                               RectifyCase           *rcase,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
GPtrArray             *rectify_request_monitor_refresh_finish (RectifyRequestMonitor *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);

G_END_DECLS
