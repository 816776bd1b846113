/* rectify-desk-types.c: what the help desk answers, as plain records
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON from the desk is untrusted: every member is type-checked before it is
 * read. Unknown members are ignored and missing optional ones left empty;
 * a member of the wrong type, or a missing id, is a BAD_RESPONSE error.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rectify-desk-error.h"
#include "rectify-desk-types.h"

G_DEFINE_ENUM_TYPE (RectifyDeskStatus, rectify_desk_status,
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_STATUS_NEW, "new"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_STATUS_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_STATUS_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_STATUS_HOLD, "hold"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_STATUS_SOLVED, "solved"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_STATUS_CLOSED, "closed"))

G_DEFINE_ENUM_TYPE (RectifyDeskAuth, rectify_desk_auth,
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_AUTH_ANONYMOUS, "anonymous"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_AUTH_OAUTH, "oauth"),
  G_DEFINE_ENUM_VALUE (RECTIFY_DESK_AUTH_API_TOKEN, "api-token"))

G_DEFINE_BOXED_TYPE (RectifyDeskFieldError, rectify_desk_field_error,
                     rectify_desk_field_error_copy, rectify_desk_field_error_free)
G_DEFINE_BOXED_TYPE (RectifyDeskAttachment, rectify_desk_attachment,
                     rectify_desk_attachment_copy, rectify_desk_attachment_free)
G_DEFINE_BOXED_TYPE (RectifyDeskUpload, rectify_desk_upload,
                     rectify_desk_upload_copy, rectify_desk_upload_free)
G_DEFINE_BOXED_TYPE (RectifyDeskRequest, rectify_desk_request,
                     rectify_desk_request_copy, rectify_desk_request_free)
G_DEFINE_BOXED_TYPE (RectifyDeskComment, rectify_desk_comment,
                     rectify_desk_comment_copy, rectify_desk_comment_free)

static const char * const status_names[] = {
  [RECTIFY_DESK_STATUS_UNKNOWN] = "unknown",
  [RECTIFY_DESK_STATUS_NEW] = "new",
  [RECTIFY_DESK_STATUS_OPEN] = "open",
  [RECTIFY_DESK_STATUS_PENDING] = "pending",
  [RECTIFY_DESK_STATUS_HOLD] = "hold",
  [RECTIFY_DESK_STATUS_SOLVED] = "solved",
  [RECTIFY_DESK_STATUS_CLOSED] = "closed",
};

/* Unknown or missing statuses are UNKNOWN: the desk may grow new ones. */
RectifyDeskStatus
rectify_desk_status_from_string (const char *str)
{
  if (str == NULL)
    return RECTIFY_DESK_STATUS_UNKNOWN;

  for (guint i = RECTIFY_DESK_STATUS_NEW; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_ascii_strcasecmp (str, status_names[i]) == 0)
        return i;
    }

  return RECTIFY_DESK_STATUS_UNKNOWN;
}

const char *
rectify_desk_status_to_string (RectifyDeskStatus status)
{
  if ((guint) status >= G_N_ELEMENTS (status_names))
    return status_names[RECTIFY_DESK_STATUS_UNKNOWN];

  return status_names[status];
}

/* Reading JSON members, checking each type first. */

static gboolean
bad_member (const char  *member,
            GError     **error)
{
  g_debug ("Unexpected type for the member “%s”", member);
  g_set_error_literal (error, RECTIFY_DESK_ERROR, RECTIFY_DESK_ERROR_BAD_RESPONSE,
                       _("The help desk sent an answer Rectify could not read."));
  return FALSE;
}

/* A member that is missing or null is absent: NULL. */
static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static gboolean
read_id (JsonObject  *object,
         const char  *member,
         gboolean     required,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    return required ? bad_member (member, error) : TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return bad_member (member, error);

  *out = json_node_get_int (node);
  if (required && *out <= 0)
    return bad_member (member, error);

  return TRUE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *member,
             char       **out,
             GError     **error)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return bad_member (member, error);

  g_free (*out);
  *out = g_strdup (json_node_get_string (node));

  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *member,
              gboolean    *out,
              GError     **error)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return bad_member (member, error);

  *out = json_node_get_boolean (node);

  return TRUE;
}

/* A timestamp that does not parse is left out rather than refused: it is
 * shown to people, never relied on. A non-string is refused. */
static gboolean
read_time (JsonObject  *object,
           const char  *member,
           GDateTime  **out,
           GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GTimeZone) utc = NULL;

  if (!read_string (object, member, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  utc = g_time_zone_new_utc ();
  g_clear_pointer (out, g_date_time_unref);
  *out = g_date_time_new_from_iso8601 (text, utc);

  return TRUE;
}

static JsonObject *
expect_object (JsonNode    *node,
               const char  *what,
               GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      bad_member (what, error);
      return NULL;
    }

  return json_node_get_object (node);
}

/* Field errors */

RectifyDeskFieldError *
rectify_desk_field_error_new (const char *field,
                              const char *description,
                              const char *code)
{
  RectifyDeskFieldError *self = g_new0 (RectifyDeskFieldError, 1);

  self->field = g_strdup (field != NULL ? field : "base");
  self->description = g_strdup (description);
  self->code = g_strdup (code);

  return self;
}

RectifyDeskFieldError *
rectify_desk_field_error_copy (const RectifyDeskFieldError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  return rectify_desk_field_error_new (error->field, error->description, error->code);
}

void
rectify_desk_field_error_free (RectifyDeskFieldError *error)
{
  if (error == NULL)
    return;

  g_free (error->field);
  g_free (error->description);
  g_free (error->code);
  g_free (error);
}

/* Attachments */

RectifyDeskAttachment *
rectify_desk_attachment_parse (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(RectifyDeskAttachment) self = g_new0 (RectifyDeskAttachment, 1);
  JsonObject *object;

  if ((object = expect_object (node, "attachment", error)) == NULL)
    return NULL;

  self->size = -1;
  if (!read_id (object, "id", TRUE, &self->id, error) ||
      !read_string (object, "file_name", &self->file_name, error) ||
      !read_string (object, "content_url", &self->content_url, error) ||
      !read_string (object, "content_type", &self->content_type, error) ||
      !read_id (object, "size", FALSE, &self->size, error))
    return NULL;

  return g_steal_pointer (&self);
}

RectifyDeskAttachment *
rectify_desk_attachment_copy (const RectifyDeskAttachment *attachment)
{
  RectifyDeskAttachment *copy;

  g_return_val_if_fail (attachment != NULL, NULL);

  copy = g_new0 (RectifyDeskAttachment, 1);
  copy->id = attachment->id;
  copy->file_name = g_strdup (attachment->file_name);
  copy->content_url = g_strdup (attachment->content_url);
  copy->content_type = g_strdup (attachment->content_type);
  copy->size = attachment->size;

  return copy;
}

void
rectify_desk_attachment_free (RectifyDeskAttachment *attachment)
{
  if (attachment == NULL)
    return;

  g_free (attachment->file_name);
  g_free (attachment->content_url);
  g_free (attachment->content_type);
  g_free (attachment);
}

/* Uploads: {"token": "...", "attachment": {...}, "attachments": [...]} */

RectifyDeskUpload *
rectify_desk_upload_parse (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(RectifyDeskUpload) self = g_new0 (RectifyDeskUpload, 1);
  JsonObject *object;
  JsonNode *attachment;

  if ((object = expect_object (node, "upload", error)) == NULL)
    return NULL;

  if (!read_string (object, "token", &self->token, error))
    return NULL;
  if (self->token == NULL || self->token[0] == '\0')
    {
      bad_member ("token", error);
      return NULL;
    }

  /* "attachment" is the one just uploaded; older answers only list it. */
  attachment = get_member (object, "attachment");
  if (attachment == NULL)
    {
      JsonNode *list = get_member (object, "attachments");

      if (list != NULL && !JSON_NODE_HOLDS_ARRAY (list))
        {
          bad_member ("attachments", error);
          return NULL;
        }
      if (list != NULL && json_array_get_length (json_node_get_array (list)) > 0)
        attachment = json_array_get_element (json_node_get_array (list), 0);
    }

  if (attachment != NULL &&
      (self->attachment = rectify_desk_attachment_parse (attachment, error)) == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

RectifyDeskUpload *
rectify_desk_upload_copy (const RectifyDeskUpload *upload)
{
  RectifyDeskUpload *copy;

  g_return_val_if_fail (upload != NULL, NULL);

  copy = g_new0 (RectifyDeskUpload, 1);
  copy->token = g_strdup (upload->token);
  if (upload->attachment != NULL)
    copy->attachment = rectify_desk_attachment_copy (upload->attachment);

  return copy;
}

void
rectify_desk_upload_free (RectifyDeskUpload *upload)
{
  if (upload == NULL)
    return;

  g_free (upload->token);
  g_clear_pointer (&upload->attachment, rectify_desk_attachment_free);
  g_free (upload);
}

/* Requests */

RectifyDeskRequest *
rectify_desk_request_parse (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(RectifyDeskRequest) self = g_new0 (RectifyDeskRequest, 1);
  g_autofree char *status = NULL;
  JsonObject *object;

  if ((object = expect_object (node, "request", error)) == NULL)
    return NULL;

  if (!read_id (object, "id", TRUE, &self->id, error) ||
      !read_string (object, "url", &self->url, error) ||
      !read_string (object, "status", &status, error) ||
      !read_string (object, "subject", &self->subject, error) ||
      !read_string (object, "description", &self->description, error) ||
      !read_id (object, "requester_id", FALSE, &self->requester_id, error) ||
      !read_time (object, "created_at", &self->created_at, error) ||
      !read_time (object, "updated_at", &self->updated_at, error))
    return NULL;

  self->status = rectify_desk_status_from_string (status);

  return g_steal_pointer (&self);
}

RectifyDeskRequest *
rectify_desk_request_copy (const RectifyDeskRequest *request)
{
  RectifyDeskRequest *copy;

  g_return_val_if_fail (request != NULL, NULL);

  copy = g_new0 (RectifyDeskRequest, 1);
  copy->id = request->id;
  copy->url = g_strdup (request->url);
  copy->status = request->status;
  copy->subject = g_strdup (request->subject);
  copy->description = g_strdup (request->description);
  copy->requester_id = request->requester_id;
  copy->created_at = request->created_at != NULL ? g_date_time_ref (request->created_at) : NULL;
  copy->updated_at = request->updated_at != NULL ? g_date_time_ref (request->updated_at) : NULL;

  return copy;
}

void
rectify_desk_request_free (RectifyDeskRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->url);
  g_free (request->subject);
  g_free (request->description);
  g_clear_pointer (&request->created_at, g_date_time_unref);
  g_clear_pointer (&request->updated_at, g_date_time_unref);
  g_free (request);
}

/* Comments */

static GPtrArray *
new_attachment_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rectify_desk_attachment_free);
}

RectifyDeskComment *
rectify_desk_comment_parse (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(RectifyDeskComment) self = g_new0 (RectifyDeskComment, 1);
  JsonObject *object;
  JsonNode *attachments;

  self->attachments = new_attachment_array ();
  self->is_public = TRUE;

  if ((object = expect_object (node, "comment", error)) == NULL)
    return NULL;

  if (!read_id (object, "id", TRUE, &self->id, error) ||
      !read_string (object, "body", &self->body, error) ||
      !read_string (object, "plain_body", &self->plain_body, error) ||
      !read_boolean (object, "public", &self->is_public, error) ||
      !read_id (object, "author_id", FALSE, &self->author_id, error) ||
      !read_time (object, "created_at", &self->created_at, error))
    return NULL;

  attachments = get_member (object, "attachments");
  if (attachments != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (attachments))
        {
          bad_member ("attachments", error);
          return NULL;
        }

      array = json_node_get_array (attachments);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          RectifyDeskAttachment *attachment;

          attachment = rectify_desk_attachment_parse (json_array_get_element (array, i), error);
          if (attachment == NULL)
            return NULL;
          g_ptr_array_add (self->attachments, attachment);
        }
    }

  return g_steal_pointer (&self);
}

RectifyDeskComment *
rectify_desk_comment_copy (const RectifyDeskComment *comment)
{
  RectifyDeskComment *copy;

  g_return_val_if_fail (comment != NULL, NULL);

  copy = g_new0 (RectifyDeskComment, 1);
  copy->id = comment->id;
  copy->body = g_strdup (comment->body);
  copy->plain_body = g_strdup (comment->plain_body);
  copy->is_public = comment->is_public;
  copy->author_id = comment->author_id;
  copy->created_at = comment->created_at != NULL ? g_date_time_ref (comment->created_at) : NULL;
  copy->attachments = new_attachment_array ();
  for (guint i = 0; i < comment->attachments->len; i++)
    g_ptr_array_add (copy->attachments,
                     rectify_desk_attachment_copy (g_ptr_array_index (comment->attachments, i)));

  return copy;
}

void
rectify_desk_comment_free (RectifyDeskComment *comment)
{
  if (comment == NULL)
    return;

  g_free (comment->body);
  g_free (comment->plain_body);
  g_clear_pointer (&comment->created_at, g_date_time_unref);
  g_clear_pointer (&comment->attachments, g_ptr_array_unref);
  g_free (comment);
}
