/* rectify-submission.h: a case's send record, for anyone to read
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "rectify-send-reason.h"
#include "rectify-types.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_SUBMISSION (rectify_submission_get_type ())

G_DECLARE_FINAL_TYPE (RectifySubmission, rectify_submission, RECTIFY, SUBMISSION, GObject)

RectifySendState          rectify_submission_get_state            (RectifySubmission *self);
const RectifySendReason  *rectify_submission_get_reason           (RectifySubmission *self);
gint64                    rectify_submission_get_request_id       (RectifySubmission *self);
const char               *rectify_submission_get_request_url      (RectifySubmission *self);
const char               *rectify_submission_get_request_status   (RectifySubmission *self);
guint                     rectify_submission_get_attempts         (RectifySubmission *self);
GDateTime                *rectify_submission_get_last_attempt     (RectifySubmission *self);
GDateTime                *rectify_submission_get_submitted_at     (RectifySubmission *self);
gboolean                  rectify_submission_get_expected_minor   (RectifySubmission *self,
                                                                   gint64            *out_minor);
const char               *rectify_submission_get_sent_subject     (RectifySubmission *self);
const char               *rectify_submission_get_sent_body        (RectifySubmission *self);
const char * const       *rectify_submission_get_sent_attachments (RectifySubmission *self);
gboolean                  rectify_submission_is_submitted         (RectifySubmission *self);
gboolean                  rectify_submission_is_locked            (RectifySubmission *self);
gint64                    rectify_submission_get_last_reply_id    (RectifySubmission *self);

G_END_DECLS
