/* rectify-send-reason-text.h: the outbox's reasons, in the owner's words
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rectify-case.h"

G_BEGIN_DECLS

char *rectify_send_reason_dup_text (const RectifySendReason *reason,
                                    RectifyCase             *rcase);

G_END_DECLS
