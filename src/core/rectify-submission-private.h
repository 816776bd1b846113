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

G_BEGIN_DECLS

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
void rectify_case_set_sent_snapshot  (RectifyCase             *self,
                                      const char              *subject,
                                      const char              *body,
                                      const char * const      *attachments);

G_END_DECLS
