/* rectify-submission-private.h: who may write a case's send record
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The send record of a case (its state in the outbox, why, the request on
 * the desk, the attempts, when it reached support, and the snapshot of what
 * went out) is read by anyone through rectify-case.h, with notify. Only
 * the outbox, which runs the send (and its request monitor, which writes
 * the status it reads back), and the case file, which restores it, write
 * it: a page that set the state itself could race a send in progress.
 */

#pragma once

#include "rectify-case.h"
#include "rectify-submission.h"

G_BEGIN_DECLS

/* What rectify_submission_set_state() changed. */
#define RECTIFY_SUBMISSION_STATE_CHANGED  (1 << 0)
#define RECTIFY_SUBMISSION_REASON_CHANGED (1 << 1)

RectifySubmission *rectify_submission_new           (void);
guint              rectify_submission_set_state     (RectifySubmission       *self,
                                                     RectifySendState         state,
                                                     const RectifySendReason *reason);
gboolean           rectify_submission_set_request   (RectifySubmission       *self,
                                                     gint64                   id,
                                                     const char              *url,
                                                     const char              *status);
gboolean           rectify_submission_set_attempts  (RectifySubmission       *self,
                                                     guint                    attempts,
                                                     GDateTime               *last_attempt);
void               rectify_submission_set_submitted (RectifySubmission       *self,
                                                     GDateTime               *submitted_at,
                                                     gint64                   expected_minor);
gboolean           rectify_submission_set_last_reply_id (RectifySubmission   *self,
                                                         gint64               id);
gboolean           rectify_submission_set_snapshot  (RectifySubmission       *self,
                                                     const char              *subject,
                                                     const char              *body,
                                                     const char * const      *attachments);

/* The same, through the case, which saves and adds what needs the case. */
void rectify_case_set_send_state     (RectifyCase             *self,
                                      RectifySendState         state,
                                      const RectifySendReason *reason);
void rectify_case_set_request        (RectifyCase             *self,
                                      gint64                   id,
                                      const char              *url,
                                      const char              *status);
void rectify_case_set_send_attempts  (RectifyCase             *self,
                                      guint                    attempts,
                                      GDateTime               *last_attempt);
void rectify_case_restore_submission (RectifyCase             *self,
                                      GDateTime               *submitted_at,
                                      gint64                   expected_minor);
void rectify_case_set_last_reply_id  (RectifyCase             *self,
                                      gint64                   id);
void rectify_case_set_sent_snapshot  (RectifyCase             *self,
                                      const char              *subject,
                                      const char              *body,
                                      const char * const      *attachments);

G_END_DECLS
