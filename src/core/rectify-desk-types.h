/* rectify-desk-types.h: what the help desk answers, as plain records
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * RectifyDeskStatus:
 * @RECTIFY_DESK_STATUS_UNKNOWN: a status this version does not know, or none
 * @RECTIFY_DESK_STATUS_NEW: received, nobody has looked at it yet
 * @RECTIFY_DESK_STATUS_OPEN: support is working on it
 * @RECTIFY_DESK_STATUS_PENDING: support is waiting for the owner's answer
 * @RECTIFY_DESK_STATUS_HOLD: support is waiting for someone else
 * @RECTIFY_DESK_STATUS_SOLVED: support considers it solved (a reply reopens it)
 * @RECTIFY_DESK_STATUS_CLOSED: closed for good; it cannot be reopened
 *
 * The status of a help-desk request, as Zendesk reports it.
 */
typedef enum
{
  RECTIFY_DESK_STATUS_UNKNOWN,
  RECTIFY_DESK_STATUS_NEW,
  RECTIFY_DESK_STATUS_OPEN,
  RECTIFY_DESK_STATUS_PENDING,
  RECTIFY_DESK_STATUS_HOLD,
  RECTIFY_DESK_STATUS_SOLVED,
  RECTIFY_DESK_STATUS_CLOSED,
} RectifyDeskStatus;

/**
 * RectifyDeskAuth:
 * @RECTIFY_DESK_AUTH_ANONYMOUS: no credentials; requests carry a requester
 *   name and e-mail; only creating requests and uploading work
 * @RECTIFY_DESK_AUTH_OAUTH: an OAuth bearer token
 * @RECTIFY_DESK_AUTH_API_TOKEN: an API token (`EMAIL/token:TOKEN`)
 *
 * How the desk client signs in.
 */
typedef enum
{
  RECTIFY_DESK_AUTH_ANONYMOUS,
  RECTIFY_DESK_AUTH_OAUTH,
  RECTIFY_DESK_AUTH_API_TOKEN,
} RectifyDeskAuth;

#define RECTIFY_TYPE_DESK_STATUS       (rectify_desk_status_get_type ())
#define RECTIFY_TYPE_DESK_AUTH         (rectify_desk_auth_get_type ())
#define RECTIFY_TYPE_DESK_FIELD_ERROR  (rectify_desk_field_error_get_type ())
#define RECTIFY_TYPE_DESK_ATTACHMENT   (rectify_desk_attachment_get_type ())
#define RECTIFY_TYPE_DESK_UPLOAD       (rectify_desk_upload_get_type ())
#define RECTIFY_TYPE_DESK_REQUEST      (rectify_desk_request_get_type ())
#define RECTIFY_TYPE_DESK_COMMENT      (rectify_desk_comment_get_type ())

/**
 * RectifyDeskFieldError:
 * @field: the field the server named (`subject`, `description`, `requester`,
 *   `uploads`, …), or `base` for an error about the request as a whole
 * @description: (nullable): the server's words, in English
 * @code: (nullable): the server's code, such as `BlankValue` or `InvalidValue`
 *
 * One validation problem from a `422` answer.
 */
typedef struct
{
  char *field;
  char *description;
  char *code;
} RectifyDeskFieldError;

/**
 * RectifyDeskAttachment:
 * @id: the attachment id
 * @file_name: (nullable): the file name
 * @content_url: (nullable): where the desk serves it
 * @content_type: (nullable): its MIME type
 * @size: its size in bytes, or -1 when not given
 *
 * A file attached to a comment, or just uploaded.
 */
typedef struct
{
  gint64  id;
  char   *file_name;
  char   *content_url;
  char   *content_type;
  gint64  size;
} RectifyDeskAttachment;

/**
 * RectifyDeskUpload:
 * @token: the single-use token to put in a comment's uploads, valid 60 minutes
 * @attachment: (nullable): the attachment the upload became
 *
 * The result of uploading a file.
 */
typedef struct
{
  char                  *token;
  RectifyDeskAttachment *attachment;
} RectifyDeskUpload;

/**
 * RectifyDeskRequest:
 * @id: the request id
 * @url: (nullable): its API URL
 * @status: its status
 * @subject: (nullable): its subject
 * @description: (nullable): its first comment
 * @requester_id: the requester's user id, or 0 when not given
 * @created_at: (nullable): when it was created
 * @updated_at: (nullable): when it last changed
 *
 * A help-desk request (the end user's view of a ticket).
 */
typedef struct
{
  gint64             id;
  char              *url;
  RectifyDeskStatus  status;
  char              *subject;
  char              *description;
  gint64             requester_id;
  GDateTime         *created_at;
  GDateTime         *updated_at;
} RectifyDeskRequest;

/**
 * RectifyDeskComment:
 * @id: the comment id
 * @body: (nullable): its text
 * @plain_body: (nullable): its text without formatting
 * @is_public: whether the requester can see it (the desk's `public`)
 * @author_id: who wrote it
 * @created_at: (nullable): when it was written
 * @attachments: (element-type RectifyDeskAttachment): its attachments
 *
 * One comment of a request, oldest first in lists.
 */
typedef struct
{
  gint64      id;
  char       *body;
  char       *plain_body;
  gboolean    is_public;
  gint64      author_id;
  GDateTime  *created_at;
  GPtrArray  *attachments;
} RectifyDeskComment;

GType                  rectify_desk_status_get_type      (void) G_GNUC_CONST;
GType                  rectify_desk_auth_get_type        (void) G_GNUC_CONST;
RectifyDeskStatus      rectify_desk_status_from_string   (const char        *str);
const char            *rectify_desk_status_to_string     (RectifyDeskStatus  status);

GType                  rectify_desk_field_error_get_type (void) G_GNUC_CONST;
RectifyDeskFieldError *rectify_desk_field_error_new      (const char                  *field,
                                                          const char                  *description,
                                                          const char                  *code);
RectifyDeskFieldError *rectify_desk_field_error_copy     (const RectifyDeskFieldError *error);
void                   rectify_desk_field_error_free     (RectifyDeskFieldError       *error);

GType                  rectify_desk_attachment_get_type  (void) G_GNUC_CONST;
RectifyDeskAttachment *rectify_desk_attachment_parse     (JsonNode                    *node,
                                                          GError                     **error);
RectifyDeskAttachment *rectify_desk_attachment_copy      (const RectifyDeskAttachment *attachment);
void                   rectify_desk_attachment_free      (RectifyDeskAttachment       *attachment);

GType                  rectify_desk_upload_get_type      (void) G_GNUC_CONST;
RectifyDeskUpload     *rectify_desk_upload_parse         (JsonNode                    *node,
                                                          GError                     **error);
RectifyDeskUpload     *rectify_desk_upload_copy          (const RectifyDeskUpload     *upload);
void                   rectify_desk_upload_free          (RectifyDeskUpload           *upload);

GType                  rectify_desk_request_get_type     (void) G_GNUC_CONST;
RectifyDeskRequest    *rectify_desk_request_parse        (JsonNode                    *node,
                                                          GError                     **error);
RectifyDeskRequest    *rectify_desk_request_copy         (const RectifyDeskRequest    *request);
void                   rectify_desk_request_free         (RectifyDeskRequest          *request);

GType                  rectify_desk_comment_get_type     (void) G_GNUC_CONST;
RectifyDeskComment    *rectify_desk_comment_parse        (JsonNode                    *node,
                                                          GError                     **error);
RectifyDeskComment    *rectify_desk_comment_copy         (const RectifyDeskComment    *comment);
void                   rectify_desk_comment_free         (RectifyDeskComment          *comment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RectifyDeskFieldError, rectify_desk_field_error_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RectifyDeskAttachment, rectify_desk_attachment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RectifyDeskUpload, rectify_desk_upload_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RectifyDeskRequest, rectify_desk_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RectifyDeskComment, rectify_desk_comment_free)

G_END_DECLS
