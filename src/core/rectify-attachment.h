/* rectify-attachment.h: a file the owner attaches to a case
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rectify-types.h"

G_BEGIN_DECLS

#define RECTIFY_TYPE_ATTACHMENT (rectify_attachment_get_type ())

G_DECLARE_FINAL_TYPE (RectifyAttachment, rectify_attachment, RECTIFY, ATTACHMENT, GObject)

RectifyAttachment      *rectify_attachment_new                (GFile                  *file);
GFile                  *rectify_attachment_get_file           (RectifyAttachment      *self);
const char             *rectify_attachment_get_path           (RectifyAttachment      *self);
const char             *rectify_attachment_get_display_name   (RectifyAttachment      *self);
goffset                 rectify_attachment_get_size           (RectifyAttachment      *self);
const char             *rectify_attachment_get_content_type   (RectifyAttachment      *self);
RectifyAttachmentState  rectify_attachment_get_state          (RectifyAttachment      *self);
void                    rectify_attachment_set_info           (RectifyAttachment      *self,
                                                               RectifyAttachmentState  state,
                                                               const char             *display_name,
                                                               goffset                 size,
                                                               const char             *content_type);
void                    rectify_attachment_check_async        (RectifyAttachment      *self,
                                                               GCancellable           *cancellable,
                                                               GAsyncReadyCallback     callback,
                                                               gpointer                user_data);
gboolean                rectify_attachment_check_finish       (RectifyAttachment      *self,
                                                               GAsyncResult           *result,
                                                               GError                **error);
const char             *rectify_attachment_get_upload_token   (RectifyAttachment      *self);
GDateTime              *rectify_attachment_get_uploaded_at    (RectifyAttachment      *self);
void                    rectify_attachment_set_upload         (RectifyAttachment      *self,
                                                               const char             *token,
                                                               GDateTime              *uploaded_at);

G_END_DECLS
