/* fuzz-desk.c: what the help desk answers, against arbitrary bytes
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-fuzz.h"

/* The readers of the error body (its field errors) and of a page of a list
 * are private to the desk client; including its source reaches them. This
 * target links the core library as an archive, not whole, so the client's
 * object file is not linked a second time. */
#include "rectify-desk-client.c"

/* The bytes are read as JSON as the client reads an answer (through
 * rectify-json-reader, whose depth limit keeps json-glib's recursion off
 * "[" × 100,000); the root and
 * the members the client hands to each reader ("request", "upload",
 * "comments", …) go through every reader. Each either returns a record or
 * sets a BAD_RESPONSE error, and records copy and free cleanly. The same
 * bytes are also read as an error answer (422 field errors). */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  rectify_fuzz_init ();
  return 0;
}

static void
check_error (gboolean      parsed,
             const GError *error)
{
  if (parsed)
    {
      RECTIFY_FUZZ_CHECK (error == NULL, "parsed with an error set");
      return;
    }

  RECTIFY_FUZZ_CHECK (error != NULL, "refused without an error");
  RECTIFY_FUZZ_CHECK (g_error_matches (error, RECTIFY_DESK_ERROR,
                                       RECTIFY_DESK_ERROR_BAD_RESPONSE),
                      "refused with another error: %s", error->message);
}

static void
parse_all (JsonNode *node)
{
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RectifyDeskRequest) request = rectify_desk_request_parse (node, &error);
    g_autoptr(RectifyDeskRequest) copy = request ? rectify_desk_request_copy (request) : NULL;

    check_error (request != NULL, error);
    if (request != NULL)
      RECTIFY_FUZZ_CHECK (request->id > 0 && copy->id == request->id,
                          "request id %" G_GINT64_FORMAT, request->id);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RectifyDeskComment) comment = rectify_desk_comment_parse (node, &error);
    g_autoptr(RectifyDeskComment) copy = comment ? rectify_desk_comment_copy (comment) : NULL;

    check_error (comment != NULL, error);
    if (comment != NULL)
      RECTIFY_FUZZ_CHECK (comment->attachments != NULL &&
                          copy->attachments->len == comment->attachments->len,
                          "comment attachments");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RectifyDeskUpload) upload = rectify_desk_upload_parse (node, &error);
    g_autoptr(RectifyDeskUpload) copy = upload ? rectify_desk_upload_copy (upload) : NULL;

    check_error (upload != NULL, error);
    if (upload != NULL)
      RECTIFY_FUZZ_CHECK (upload->token != NULL && *upload->token != '\0' &&
                          g_strcmp0 (copy->token, upload->token) == 0, "upload token");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RectifyDeskAttachment) attachment = rectify_desk_attachment_parse (node, &error);
    g_autoptr(RectifyDeskAttachment) copy =
      attachment ? rectify_desk_attachment_copy (attachment) : NULL;

    check_error (attachment != NULL, error);
    if (attachment != NULL)
      RECTIFY_FUZZ_CHECK (copy->id == attachment->id, "attachment copy");
  }
}

/* A page of comments, as the client reads each page of a list. */
static void
read_page (JsonNode *root)
{
  ListData data = { 0, };
  gboolean has_more = FALSE;
  gboolean read;
  g_autoptr(GError) error = NULL;

  data.member = "comments";
  data.parse = (ParseFunc) rectify_desk_comment_parse;
  data.items = g_ptr_array_new_with_free_func ((GDestroyNotify) rectify_desk_comment_free);
  data.cursor = g_strdup ("previous");

  read = list_read_page (&data, root, 200, &has_more, &error);
  check_error (read, error);
  if (read && has_more)
    RECTIFY_FUZZ_CHECK (data.cursor != NULL && *data.cursor != '\0' &&
                        g_strcmp0 (data.cursor, "previous") != 0, "more pages, no new cursor");

  g_clear_pointer (&data.items, g_ptr_array_unref);
  g_clear_pointer (&data.cursor, g_free);
}

static void
read_error_body (GBytes *bytes)
{
  g_autofree char *server_error = NULL;
  g_autoptr(GPtrArray) field_errors = NULL;
  g_autoptr(GError) error = NULL;

  parse_error_body (bytes, &server_error, &field_errors);
  if (field_errors != NULL)
    {
      for (guint i = 0; i < field_errors->len; i++)
        {
          RectifyDeskFieldError *field_error = g_ptr_array_index (field_errors, i);

          RECTIFY_FUZZ_CHECK (field_error->field != NULL, "a field error without a field");
        }
    }

  /* The error the client then makes of it, for the outbox and the page. */
  error = rectify_desk_error_new_for_status (422, -1, server_error, field_errors);
  RECTIFY_FUZZ_CHECK (error != NULL && error->message != NULL, "no error for a 422");
  rectify_desk_error_has_field (error, "subject");
  rectify_desk_error_is_retry_safe (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(JsonNode) root = NULL;
  static const char * const members[] = { "request", "upload", "attachment", "comment", NULL };

  read_error_body (bytes);

  /* As the client reads an answer: through the reader with limits. */
  root = rectify_json_read_bytes (bytes, RECTIFY_JSON_MAX_DESK_ANSWER_SIZE, NULL);
  if (root == NULL)
    return 0;

  parse_all (root);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return 0;

  read_page (root);

  for (guint i = 0; members[i] != NULL; i++)
    {
      JsonNode *member = json_object_get_member (json_node_get_object (root), members[i]);

      if (member != NULL)
        parse_all (member);
    }

  {
    JsonNode *comments = json_object_get_member (json_node_get_object (root), "comments");

    if (comments != NULL && JSON_NODE_HOLDS_ARRAY (comments))
      {
        JsonArray *array = json_node_get_array (comments);

        for (guint i = 0; i < json_array_get_length (array) && i < 16; i++)
          parse_all (json_array_get_element (array, i));
      }
  }

  return 0;
}
