/* rectify-outbox.h: sending each case to the help desk, exactly once
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rectify-case-store.h"
#include "rectify-case.h"
#include "rectify-desk-client.h"

G_BEGIN_DECLS

#define RECTIFY_OUTBOX_ERROR (rectify_outbox_error_quark ())

/**
 * RectifyOutboxError:
 * @RECTIFY_OUTBOX_ERROR_NOT_READY: the first three steps are not complete;
 *   the message names what is missing
 * @RECTIFY_OUTBOX_ERROR_BUSY: the case is being sent already
 * @RECTIFY_OUTBOX_ERROR_ALREADY_SENT: the request reached support already
 * @RECTIFY_OUTBOX_ERROR_NEEDS_CONFIRMATION: an earlier send may have
 *   arrived; the owner must say first (rectify_outbox_confirm())
 * @RECTIFY_OUTBOX_ERROR_TOO_LATE: the request is on its way to the desk and
 *   can no longer be cancelled
 * @RECTIFY_OUTBOX_ERROR_NOT_SENDING: the case is not being sent, or nothing
 *   waits for a confirmation
 * @RECTIFY_OUTBOX_ERROR_NOT_SIGNED_IN: reading a request back needs a sign-in
 * @RECTIFY_OUTBOX_ERROR_NO_REQUEST: the case has no request on the desk, or
 *   the desk has no request with the number given
 * @RECTIFY_OUTBOX_ERROR_BAD_NUMBER: what the owner typed is not a request
 *   number
 * @RECTIFY_OUTBOX_ERROR_OTHER_REQUEST: the desk's request with that number
 *   is not this case's
 *
 * Why the outbox refused what it was asked.
 */
typedef enum
{
  RECTIFY_OUTBOX_ERROR_NOT_READY,
  RECTIFY_OUTBOX_ERROR_BUSY,
  RECTIFY_OUTBOX_ERROR_ALREADY_SENT,
  RECTIFY_OUTBOX_ERROR_NEEDS_CONFIRMATION,
  RECTIFY_OUTBOX_ERROR_TOO_LATE,
  RECTIFY_OUTBOX_ERROR_NOT_SENDING,
  RECTIFY_OUTBOX_ERROR_NOT_SIGNED_IN,
  RECTIFY_OUTBOX_ERROR_NO_REQUEST,
  RECTIFY_OUTBOX_ERROR_BAD_NUMBER,
  RECTIFY_OUTBOX_ERROR_OTHER_REQUEST,
} RectifyOutboxError;

/**
 * RectifyOutboxTimerFunc:
 * @delay_ms: how long to wait, in milliseconds
 * @callback: what to call then; it returns %G_SOURCE_REMOVE
 * @data: for @callback
 * @notify: frees @data
 * @user_data: the data given with the function
 *
 * Schedules @callback in the default main context, as g_timeout_add_full()
 * does, so tests need not wait for real.
 *
 * Returns: the source id, for g_source_remove()
 */
typedef guint (*RectifyOutboxTimerFunc) (guint          delay_ms,
                                         GSourceFunc    callback,
                                         gpointer       data,
                                         GDestroyNotify notify,
                                         gpointer       user_data);

/* Automatic retries wait 2 s, 4 s, 8 s, … at most 5 minutes, less up to a
 * quarter at random; a Retry-After from the desk is waited in full. */
#define RECTIFY_OUTBOX_BACKOFF_BASE_MS     2000
#define RECTIFY_OUTBOX_BACKOFF_CAP_MS      (5 * 60 * 1000)
/* An upload token is reused this long after the upload; the desk keeps it
 * for 60 minutes. */
#define RECTIFY_OUTBOX_TOKEN_REUSE_MINUTES 50

#define RECTIFY_TYPE_OUTBOX (rectify_outbox_get_type ())

G_DECLARE_FINAL_TYPE (RectifyOutbox, rectify_outbox, RECTIFY, OUTBOX, GObject)

GQuark             rectify_outbox_error_quark          (void);
RectifyOutbox     *rectify_outbox_new                  (RectifyCaseStore        *store,
                                                        RectifyDeskClient       *client,
                                                        GNetworkMonitor         *monitor);
RectifyCaseStore  *rectify_outbox_get_store            (RectifyOutbox           *self);
RectifyDeskClient *rectify_outbox_get_client           (RectifyOutbox           *self);
void               rectify_outbox_set_client           (RectifyOutbox           *self,
                                                        RectifyDeskClient       *client);
void               rectify_outbox_set_backoff          (RectifyOutbox           *self,
                                                        guint                    base_ms,
                                                        guint                    cap_ms);
void               rectify_outbox_set_timer_func       (RectifyOutbox           *self,
                                                        RectifyOutboxTimerFunc   func,
                                                        gpointer                 user_data,
                                                        GDestroyNotify           notify);

gboolean           rectify_outbox_send                 (RectifyOutbox           *self,
                                                        RectifyCase             *rcase,
                                                        GError                 **error);
gboolean           rectify_outbox_cancel               (RectifyOutbox           *self,
                                                        RectifyCase             *rcase,
                                                        GError                 **error);
gboolean           rectify_outbox_confirm              (RectifyOutbox           *self,
                                                        RectifyCase             *rcase,
                                                        gboolean                 it_arrived,
                                                        gint64                   request_id,
                                                        GError                 **error);
gboolean           rectify_outbox_mark_sent_elsewhere  (RectifyOutbox           *self,
                                                        RectifyCase             *rcase,
                                                        GError                 **error);
gboolean           rectify_outbox_parse_request_number (const char              *text,
                                                        gint64                  *out_id,
                                                        GError                 **error);
void               rectify_outbox_record_arrival_async (RectifyOutbox           *self,
                                                        RectifyCase             *rcase,
                                                        gint64                   request_id,
                                                        GCancellable            *cancellable,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
gboolean           rectify_outbox_record_arrival_finish (RectifyOutbox          *self,
                                                        GAsyncResult            *result,
                                                        GError                 **error);
void               rectify_outbox_send_correction_async (RectifyOutbox          *self,
                                                        RectifyCase             *rcase,
                                                        const char              *change,
                                                        GCancellable            *cancellable,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
gboolean           rectify_outbox_send_correction_finish (RectifyOutbox         *self,
                                                        GAsyncResult            *result,
                                                        GError                 **error);
void               rectify_outbox_reply_async          (RectifyOutbox           *self,
                                                        RectifyCase             *rcase,
                                                        const char              *text,
                                                        GPtrArray               *files,
                                                        GCancellable            *cancellable,
                                                        GAsyncReadyCallback      callback,
                                                        gpointer                 user_data);
gboolean           rectify_outbox_reply_finish         (RectifyOutbox           *self,
                                                        GAsyncResult            *result,
                                                        GError                 **error);
gboolean           rectify_outbox_can_reply            (RectifyOutbox           *self,
                                                        RectifyCase             *rcase);
void               rectify_outbox_resume               (RectifyOutbox           *self,
                                                        GListModel              *cases);
gboolean           rectify_outbox_is_sending           (RectifyOutbox           *self,
                                                        RectifyCase             *rcase);
double             rectify_outbox_get_progress         (RectifyOutbox           *self,
                                                        RectifyCase             *rcase);
GPtrArray         *rectify_outbox_get_rejections       (RectifyOutbox           *self,
                                                        RectifyCase             *rcase);
const char        *rectify_outbox_field_for_desk_field (const char              *desk_field);

G_END_DECLS
