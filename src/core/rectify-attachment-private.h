/* rectify-attachment-private.h: what the case needs of its attachments
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rectify-attachment.h"

G_BEGIN_DECLS

typedef void (*RectifyAttachmentWatch) (gpointer user_data);

void rectify_attachment_set_watch (RectifyAttachment      *self,
                                   RectifyAttachmentWatch  watch,
                                   gpointer                user_data);

G_END_DECLS
