/* rectify-send-reason.h: why a case is where it is in the outbox, as data
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rectify-types.h"

G_BEGIN_DECLS

/**
 * RectifySendReason:
 * @code: what happened
 * @cause: for %RECTIFY_SEND_REASON_LOOKUP_FAILED, what was known before the
 *   look-up; else %RECTIFY_SEND_REASON_NONE
 * @at: (nullable): when the request went out, in UTC
 * @status: the desk's HTTP status, or 0
 * @delay_ms: how long until the next try, or 0
 * @file: (nullable): the file concerned
 * @detail: (nullable): words from elsewhere, kept as they came: the desk's,
 *   or the system's, or an old case file's
 *
 * The outbox says why with a code and its facts; the UI words them in the
 * owner's language at the time it shows them, so a case file holds no
 * sentence of Rectify's and a change of language re-words old reasons.
 */
typedef struct
{
  RectifySendReasonCode  code;
  RectifySendReasonCode  cause;
  GDateTime             *at;
  guint                  status;
  guint                  delay_ms;
  char                  *file;
  char                  *detail;
} RectifySendReason;

#define RECTIFY_TYPE_SEND_REASON (rectify_send_reason_get_type ())

GType              rectify_send_reason_get_type        (void) G_GNUC_CONST;
RectifySendReason *rectify_send_reason_new             (RectifySendReasonCode    code);
RectifySendReason *rectify_send_reason_new_with_detail (RectifySendReasonCode    code,
                                                        const char              *detail);
RectifySendReason *rectify_send_reason_copy            (const RectifySendReason *self);
void               rectify_send_reason_free            (RectifySendReason       *self);
gboolean           rectify_send_reason_equal           (const RectifySendReason *a,
                                                        const RectifySendReason *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RectifySendReason, rectify_send_reason_free)

G_END_DECLS
