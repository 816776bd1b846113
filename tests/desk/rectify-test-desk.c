/* rectify-test-desk.c: a strict in-process Zendesk-compatible help desk for tests
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It keeps the contract in doc/desk-api.md (the Zendesk Requests and
 * Uploads APIs as Rectify uses them) and refuses what Zendesk refuses, so a
 * client that passes against it is not merely passing against a lenient
 * fake. Failures are switched on per test with rectify_test_desk_add_fault().
 *
 * Nothing here blocks: slow answers pause the server message and resume it
 * from a timeout, and dropped connections are stolen from the server in an
 * idle callback, outside libsoup's own I/O callbacks.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rectify-test-desk.h"

#define DEFAULT_USER_ID       20001
#define DEFAULT_USER_EMAIL    "owner@example.com"
#define DEFAULT_USER_NAME     "Test Owner"
#define UPLOAD_LIFETIME       (60 * G_TIME_SPAN_MINUTE)
#define MAX_PAGE_SIZE         100
#define OVERSIZED_DEFAULT     (64 * 1024 * 1024)
#define OVERSIZED_CHUNK       (64 * 1024)
#define JSON_CONTENT_TYPE     "application/json; charset=utf-8"

typedef struct
{
  gint64  id;
  char   *file_name;
  char   *content_type;
  gsize   size;
  char   *token;
} DeskAttachment;

typedef struct
{
  gint64      id;
  gint64      author_id;
  char       *body;
  gboolean    is_public;
  gint64      created_at;
  GPtrArray  *attachments;  /* DeskAttachment */
} DeskComment;

typedef struct
{
  gint64      id;
  char       *subject;
  char       *description;
  char       *status;
  gint64      requester_id;
  char       *requester_name;
  char       *requester_email;
  gint64      requester_locale;
  gint64      created_at;
  gint64      updated_at;
  GPtrArray  *comments;     /* DeskComment */
} DeskRequest;

typedef struct
{
  char           *token;
  gint64          created_at;
  gboolean        used;
  DeskAttachment *attachment;
} DeskUpload;

typedef struct
{
  char                 *method;
  char                 *path_prefix;
  RectifyTestDeskFault  kind;
  guint                 remaining;
  guint                 param;
} DeskFault;

typedef enum
{
  PENDING_UNPAUSE,
  PENDING_DROP,
  PENDING_TRUNCATE,
  PENDING_DRIBBLE,
} PendingKind;

typedef struct
{
  RectifyTestDesk   *desk;  /* unowned: the desk removes its pending work in dispose */
  SoupServerMessage *msg;
  PendingKind        kind;
  guint              source_id;
  GBytes            *bytes;  /* PENDING_TRUNCATE: what to write before closing;
                              * PENDING_DRIBBLE: the whole answer */
  gsize              offset; /* PENDING_DRIBBLE: how much of it went out */
} DeskPending;

typedef enum
{
  AUTH_ANONYMOUS,
  AUTH_USER,
  AUTH_BAD,
} DeskAuth;

struct _RectifyTestDesk
{
  GObject      parent_instance;

  SoupServer  *server;
  char        *url;

  gboolean     anonymous_allowed;
  char        *oauth_token;
  RectifyTestDeskOAuth *oauth;
  char        *user_email;
  char        *api_token;
  gboolean     user_verified;
  GTimeSpan    clock_offset;
  guint        page_size_limit;
  gboolean     retry_after_dates;
  gboolean     discard_uploads;
  char        *upload_error_field;  /* where a refused token's 422 goes; NULL: "uploads" */

  GPtrArray   *requests;      /* DeskRequest, in id order */
  GHashTable  *uploads;       /* token → DeskUpload */
  GHashTable  *users;         /* lower-case e-mail → gint64 *user id */
  GPtrArray   *faults;        /* DeskFault */
  GPtrArray   *pending;       /* DeskPending */

  gint64       next_request_id;
  gint64       next_comment_id;
  gint64       next_attachment_id;
  gint64       next_user_id;
  guint        upload_serial;

  guint        created_count;
  guint        upload_count;
  guint        hit_count;
  char        *last_user_agent;
};

G_DEFINE_FINAL_TYPE (RectifyTestDesk, rectify_test_desk, G_TYPE_OBJECT)

static void
desk_attachment_free (DeskAttachment *attachment)
{
  g_free (attachment->file_name);
  g_free (attachment->content_type);
  g_free (attachment->token);
  g_free (attachment);
}

static DeskAttachment *
desk_attachment_copy (const DeskAttachment *attachment)
{
  DeskAttachment *copy = g_new0 (DeskAttachment, 1);

  copy->id = attachment->id;
  copy->file_name = g_strdup (attachment->file_name);
  copy->content_type = g_strdup (attachment->content_type);
  copy->size = attachment->size;
  copy->token = g_strdup (attachment->token);

  return copy;
}

static void
desk_comment_free (DeskComment *comment)
{
  g_free (comment->body);
  g_ptr_array_unref (comment->attachments);
  g_free (comment);
}

static void
desk_request_free (DeskRequest *request)
{
  g_free (request->subject);
  g_free (request->description);
  g_free (request->status);
  g_free (request->requester_name);
  g_free (request->requester_email);
  g_ptr_array_unref (request->comments);
  g_free (request);
}

static void
desk_upload_free (DeskUpload *upload)
{
  g_free (upload->token);
  desk_attachment_free (upload->attachment);
  g_free (upload);
}

static void
desk_fault_free (DeskFault *fault)
{
  g_free (fault->method);
  g_free (fault->path_prefix);
  g_free (fault);
}

static void
desk_pending_free (DeskPending *pending)
{
  g_clear_handle_id (&pending->source_id, g_source_remove);
  if (pending->msg != NULL)
    g_signal_handlers_disconnect_by_data (pending->msg, pending);
  g_clear_object (&pending->msg);
  g_clear_pointer (&pending->bytes, g_bytes_unref);
  g_free (pending);
}

static void
set_str (char       **str,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*str);
  *str = copy;
}

static gint64
desk_now (RectifyTestDesk *self)
{
  return g_get_real_time () + self->clock_offset;
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
is_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (; *str != '\0'; str++)
    {
      if (!g_ascii_isspace (*str))
        return FALSE;
    }

  return TRUE;
}

/* Answers */

static void
add_common_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "X-Rate-Limit", "700");
  soup_message_headers_replace (headers, "X-Rate-Limit-Remaining", "699");
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  gsize length = strlen (text);

  add_common_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, JSON_CONTENT_TYPE, SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), length);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *error,
               const char        *description)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error);
  if (description != NULL)
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, description);
    }
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  respond_json (msg, status, node);
}

static void
respond_unauthorized (SoupServerMessage *msg)
{
  respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "Couldn't authenticate you", NULL);
}

static void
respond_not_found (SoupServerMessage *msg)
{
  respond_error (msg, SOUP_STATUS_NOT_FOUND, "RecordNotFound", "Not found");
}

/* Validation details, as Zendesk's RecordInvalid: FIELD → [{description, error}]. */
static void
details_add (JsonObject *details,
             const char *field,
             const char *code,
             const char *description)
{
  JsonArray *list;
  JsonObject *item = json_object_new ();

  if (!json_object_has_member (details, field))
    json_object_set_array_member (details, field, json_array_new ());
  list = json_object_get_array_member (details, field);

  json_object_set_string_member (item, "description", description);
  json_object_set_string_member (item, "error", code);
  json_object_set_string_member (item, "field_key", field);
  json_array_add_object_element (list, item);
}

static void
respond_invalid (SoupServerMessage *msg,
                 JsonObject        *details)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *root = json_object_new ();

  json_object_set_string_member (root, "error", "RecordInvalid");
  json_object_set_string_member (root, "description", "Record validation errors");
  json_object_set_object_member (root, "details", json_object_ref (details));
  json_node_take_object (node, root);

  respond_json (msg, 422, node);
}

static void
respond_invalid_one (SoupServerMessage *msg,
                     const char        *field,
                     const char        *code,
                     const char        *description)
{
  g_autoptr(JsonObject) details = json_object_new ();

  details_add (details, field, code, description);
  respond_invalid (msg, details);
}

/* Serialisation */

static JsonObject *
attachment_to_json (RectifyTestDesk      *self,
                    const DeskAttachment *attachment)
{
  JsonObject *object = json_object_new ();
  g_autofree char *url = g_strdup_printf ("%s/api/v2/attachments/%" G_GINT64_FORMAT ".json",
                                          self->url, attachment->id);
  g_autofree char *content_url = g_strdup_printf ("%s/attachments/token/%s/?name=%s",
                                                  self->url, attachment->token,
                                                  attachment->file_name);

  json_object_set_string_member (object, "url", url);
  json_object_set_int_member (object, "id", attachment->id);
  json_object_set_string_member (object, "file_name", attachment->file_name);
  json_object_set_string_member (object, "content_url", content_url);
  json_object_set_string_member (object, "mapped_content_url", content_url);
  json_object_set_string_member (object, "content_type", attachment->content_type);
  json_object_set_int_member (object, "size", attachment->size);
  json_object_set_null_member (object, "width");
  json_object_set_null_member (object, "height");
  json_object_set_boolean_member (object, "inline", FALSE);
  json_object_set_boolean_member (object, "deleted", FALSE);
  json_object_set_array_member (object, "thumbnails", json_array_new ());

  return object;
}

static JsonObject *
request_to_json (RectifyTestDesk   *self,
                 const DeskRequest *request)
{
  JsonObject *object = json_object_new ();
  JsonObject *via = json_object_new ();
  g_autofree char *url = g_strdup_printf ("%s/api/v2/requests/%" G_GINT64_FORMAT ".json",
                                          self->url, request->id);
  g_autofree char *created_at = format_time (request->created_at);
  g_autofree char *updated_at = format_time (request->updated_at);

  /* Members the client does not use are there too, as on Zendesk. */
  json_object_set_string_member (object, "url", url);
  json_object_set_int_member (object, "id", request->id);
  json_object_set_string_member (object, "status", request->status);
  json_object_set_null_member (object, "priority");
  json_object_set_null_member (object, "type");
  json_object_set_string_member (object, "subject", request->subject);
  json_object_set_string_member (object, "description", request->description);
  json_object_set_null_member (object, "organization_id");
  json_object_set_string_member (via, "channel", "api");
  json_object_set_object_member (object, "via", via);
  json_object_set_array_member (object, "custom_fields", json_array_new ());
  json_object_set_int_member (object, "requester_id", request->requester_id);
  json_object_set_array_member (object, "collaborator_ids", json_array_new ());
  json_object_set_array_member (object, "email_cc_ids", json_array_new ());
  json_object_set_boolean_member (object, "is_public", TRUE);
  json_object_set_null_member (object, "due_at");
  json_object_set_boolean_member (object, "can_be_solved_by_me", FALSE);
  json_object_set_string_member (object, "created_at", created_at);
  json_object_set_string_member (object, "updated_at", updated_at);
  json_object_set_null_member (object, "recipient");
  json_object_set_null_member (object, "followup_source_id");
  json_object_set_null_member (object, "assignee_id");
  json_object_set_null_member (object, "ticket_form_id");
  json_object_set_array_member (object, "fields", json_array_new ());

  return object;
}

static JsonObject *
comment_to_json (RectifyTestDesk   *self,
                 const DeskRequest *request,
                 const DeskComment *comment)
{
  JsonObject *object = json_object_new ();
  JsonArray *attachments = json_array_new ();
  g_autofree char *url = g_strdup_printf ("%s/api/v2/requests/%" G_GINT64_FORMAT
                                          "/comments/%" G_GINT64_FORMAT ".json",
                                          self->url, request->id, comment->id);
  g_autofree char *escaped = g_markup_escape_text (comment->body, -1);
  g_autofree char *html_body = g_strdup_printf ("<div class=\"zd-comment\"><p>%s</p></div>",
                                                escaped);
  g_autofree char *created_at = format_time (comment->created_at);

  for (guint i = 0; i < comment->attachments->len; i++)
    {
      const DeskAttachment *attachment = g_ptr_array_index (comment->attachments, i);

      json_array_add_object_element (attachments, attachment_to_json (self, attachment));
    }

  json_object_set_string_member (object, "url", url);
  json_object_set_int_member (object, "id", comment->id);
  json_object_set_string_member (object, "type", "Comment");
  json_object_set_int_member (object, "request_id", request->id);
  json_object_set_string_member (object, "body", comment->body);
  json_object_set_string_member (object, "html_body", html_body);
  json_object_set_string_member (object, "plain_body", comment->body);
  json_object_set_boolean_member (object, "public", comment->is_public);
  json_object_set_int_member (object, "author_id", comment->author_id);
  json_object_set_array_member (object, "attachments", attachments);
  json_object_set_string_member (object, "created_at", created_at);

  return object;
}

static JsonNode *
wrap_object (const char *member,
             JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *root = json_object_new ();

  json_object_set_object_member (root, member, object);
  json_node_take_object (node, root);

  return node;
}

/* Faults */

static DeskFault *
take_fault (RectifyTestDesk   *self,
            SoupServerMessage *msg,
            const char        *path,
            gboolean           before_body)
{
  const char *method = soup_server_message_get_method (msg);

  for (guint i = 0; i < self->faults->len; i++)
    {
      DeskFault *fault = g_ptr_array_index (self->faults, i);

      if ((fault->kind == RECTIFY_TEST_DESK_FAULT_DROP_BEFORE_BODY) != before_body)
        continue;
      if (fault->remaining == 0)
        continue;
      if (fault->method != NULL && g_strcmp0 (fault->method, method) != 0)
        continue;
      if (fault->path_prefix != NULL && !g_str_has_prefix (path, fault->path_prefix))
        continue;

      fault->remaining--;
      return fault;
    }

  return NULL;
}

static DeskPending *
pending_new (RectifyTestDesk   *self,
             SoupServerMessage *msg,
             PendingKind        kind)
{
  DeskPending *pending = g_new0 (DeskPending, 1);

  pending->desk = self;
  pending->msg = g_object_ref (msg);
  pending->kind = kind;
  g_ptr_array_add (self->pending, pending);

  return pending;
}

static void
pending_done (DeskPending *pending)
{
  /* The source is finishing: it must not be removed again. */
  pending->source_id = 0;
  g_ptr_array_remove (pending->desk->pending, pending);
}

static gboolean
pending_unpause_cb (gpointer data)
{
  DeskPending *pending = data;

  soup_server_message_unpause (pending->msg);
  pending_done (pending);

  return G_SOURCE_REMOVE;
}

static void
truncate_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(GIOStream) stream = data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static gboolean
pending_steal_cb (gpointer data)
{
  DeskPending *pending = data;
  g_autoptr(GIOStream) stream = NULL;

  /* Outside the server's own I/O callbacks, so taking the connection away
   * does not pull it from under libsoup. */
  stream = soup_server_message_steal_connection (pending->msg);
  if (stream != NULL)
    {
      if (pending->kind == PENDING_TRUNCATE && pending->bytes != NULL)
        {
          gsize length;
          const char *bytes = g_bytes_get_data (pending->bytes, &length);

          /* The stream keeps the bytes alive through the closure below. */
          g_object_set_data_full (G_OBJECT (stream), "rectify-test-desk-bytes",
                                  g_bytes_ref (pending->bytes),
                                  (GDestroyNotify) g_bytes_unref);
          g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                           bytes, length, G_PRIORITY_DEFAULT, NULL,
                                           truncate_written_cb, g_object_ref (stream));
        }
      else
        {
          g_io_stream_close (stream, NULL, NULL);
        }
    }

  pending_done (pending);

  return G_SOURCE_REMOVE;
}

static void
schedule_drop (RectifyTestDesk   *self,
               SoupServerMessage *msg,
               PendingKind        kind,
               GBytes            *bytes)
{
  DeskPending *pending = pending_new (self, msg, kind);

  if (bytes != NULL)
    pending->bytes = g_bytes_ref (bytes);
  soup_server_message_pause (msg);
  pending->source_id = g_idle_add (pending_steal_cb, pending);
}

/* The body of an oversized answer, a chunk at a time, never all in memory. */
static char oversized_chunk[OVERSIZED_CHUNK];

static void
oversized_wrote_chunk_cb (SoupServerMessage *msg,
                          gpointer           data)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize *remaining = g_object_get_data (G_OBJECT (msg), "rectify-test-desk-remaining");

  if (remaining == NULL)
    return;

  if (*remaining == 0)
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "\"}}", 3);
      soup_message_body_complete (body);
      g_object_set_data (G_OBJECT (msg), "rectify-test-desk-remaining", NULL);
      return;
    }

  {
    gsize n = MIN (*remaining, OVERSIZED_CHUNK);

    *remaining -= n;
    soup_message_body_append (body, SOUP_MEMORY_STATIC, oversized_chunk, n);
  }
}

static void
respond_oversized (SoupServerMessage *msg,
                   guint              size)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  static const char head[] = "{\"request\":{\"id\":1,\"subject\":\"";
  gsize *remaining = g_new (gsize, 1);

  if (oversized_chunk[0] != 'x')
    memset (oversized_chunk, 'x', sizeof oversized_chunk);
  *remaining = size == 0 ? OVERSIZED_DEFAULT : size;

  soup_message_body_truncate (body);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, JSON_CONTENT_TYPE, NULL);
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, head, strlen (head));

  g_object_set_data_full (G_OBJECT (msg), "rectify-test-desk-remaining", remaining, g_free);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (oversized_wrote_chunk_cb), NULL);
}

/* JSON nested @depth levels deep: what once overflowed json-glib's stack. */
static GBytes *
deep_json (const char *member,
           guint       depth)
{
  GString *text = g_string_sized_new (2 * depth + 64);

  g_string_append_printf (text, "{\"%s\":", member);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  return g_string_free_to_bytes (text);
}

static void
respond_bytes (SoupServerMessage *msg,
               guint              status,
               const char        *content_type,
               GBytes            *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  /* set_response appends to a body already there. */
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, data, length);
}

/* One more byte of a dribbled answer; the last one completes it. Nothing
 * touches @pending after the unpause, which may finish the message. */
static gboolean
pending_dribble_cb (gpointer data)
{
  DeskPending *pending = data;
  g_autoptr(SoupServerMessage) msg = g_object_ref (pending->msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize length;
  const char *bytes = g_bytes_get_data (pending->bytes, &length);

  if (pending->offset < length)
    soup_message_body_append (body, SOUP_MEMORY_COPY, bytes + pending->offset++, 1);

  if (pending->offset >= length)
    {
      soup_message_body_complete (body);
      pending_done (pending);
      soup_server_message_unpause (msg);
      return G_SOURCE_REMOVE;
    }

  soup_server_message_unpause (msg);
  return G_SOURCE_CONTINUE;
}

static void
dribble_finished_cb (SoupServerMessage *msg,
                     DeskPending       *pending)
{
  /* The client went away (or the answer is complete): stop. */
  g_ptr_array_remove (pending->desk->pending, pending);
}

static void
respond_dribbled (RectifyTestDesk   *self,
                  SoupServerMessage *msg,
                  guint              interval_ms)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  DeskPending *pending = pending_new (self, msg, PENDING_DRIBBLE);

  pending->bytes = soup_message_body_flatten (body);
  soup_message_body_truncate (body);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_set_accumulate (body, FALSE);
  g_signal_connect (msg, "finished", G_CALLBACK (dribble_finished_cb), pending);
  pending->source_id = g_timeout_add (interval_ms != 0 ? interval_ms : 1000,
                                      pending_dribble_cb, pending);
}

/* The member a client reads in the answer to @path. */
static const char *
answer_member (const char *path)
{
  if (g_str_has_prefix (path, "/api/v2/uploads"))
    return "upload";
  if (g_str_has_suffix (path, "/comments"))
    return "comments";
  return "request";
}

/* Applies a fault that refuses the request; returns FALSE for the faults
 * that let the request be processed first. */
static gboolean
apply_fault_before (RectifyTestDesk   *self,
                    SoupServerMessage *msg,
                    DeskFault         *fault)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *retry_after = NULL;
  static const char text[] = "Something went wrong. Please try again later.\n";
  static const char rate_text[] = "Rate limit exceeded. Try again later.\n";

  /* Retry-After: delay-seconds as Zendesk sends it, or an HTTP-date. */
  if (self->retry_after_dates)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) when = g_date_time_add_seconds (now, fault->param);

      retry_after = soup_date_time_to_string (when, SOUP_DATE_HTTP);
    }
  else
    {
      retry_after = g_strdup_printf ("%u", fault->param);
    }

  switch (fault->kind)
    {
    case RECTIFY_TEST_DESK_FAULT_RATE_LIMITED:
      soup_message_headers_replace (headers, "Retry-After", retry_after);
      soup_server_message_set_status (msg, 429, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                        rate_text, strlen (rate_text));
      return TRUE;

    case RECTIFY_TEST_DESK_FAULT_SERVER_ERROR:
      respond_error (msg, fault->param != 0 ? fault->param : 500, "InternalServerError",
                     "Something went wrong on our side");
      return TRUE;

    case RECTIFY_TEST_DESK_FAULT_UNAVAILABLE:
      soup_message_headers_replace (headers, "Retry-After", retry_after);
      respond_error (msg, 503, "ServiceUnavailable", "Maintenance in progress");
      return TRUE;

    case RECTIFY_TEST_DESK_FAULT_TEXT_ERROR:
      soup_server_message_set_status (msg, fault->param != 0 ? fault->param : 500, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                        text, strlen (text));
      return TRUE;

    case RECTIFY_TEST_DESK_FAULT_DEEP_ERROR:
      {
        g_autoptr(GBytes) deep = deep_json ("error", 100000);

        soup_message_headers_replace (headers, "Retry-After", retry_after);
        respond_bytes (msg, fault->param != 0 ? fault->param : 503, JSON_CONTENT_TYPE, deep);
      }
      return TRUE;

    case RECTIFY_TEST_DESK_FAULT_HTML:
      {
        static const char html[] = "<!DOCTYPE html><html><head><title>Wi-Fi</title></head>"
                                   "<body><p>Accept the terms to use this network.</p>"
                                   "</body></html>\n";

        soup_server_message_set_status (msg, fault->param != 0 ? fault->param : 200, NULL);
        soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                          html, strlen (html));
      }
      return TRUE;

    case RECTIFY_TEST_DESK_FAULT_LATENCY:
    case RECTIFY_TEST_DESK_FAULT_DROP_BEFORE_BODY:
    case RECTIFY_TEST_DESK_FAULT_DROP_AFTER_BODY:
    case RECTIFY_TEST_DESK_FAULT_MALFORMED_JSON:
    case RECTIFY_TEST_DESK_FAULT_TRUNCATED_JSON:
    case RECTIFY_TEST_DESK_FAULT_OVERSIZED:
    case RECTIFY_TEST_DESK_FAULT_DEEP_JSON:
    case RECTIFY_TEST_DESK_FAULT_DRIBBLE:
    default:
      return FALSE;
    }
}

/* Applies a fault to the answer of a request that was processed. */
static void
apply_fault_after (RectifyTestDesk   *self,
                   SoupServerMessage *msg,
                   DeskFault         *fault)
{
  guint status = soup_server_message_get_status (msg);

  switch (fault->kind)
    {
    case RECTIFY_TEST_DESK_FAULT_LATENCY:
      {
        DeskPending *pending = pending_new (self, msg, PENDING_UNPAUSE);

        soup_server_message_pause (msg);
        pending->source_id = g_timeout_add (fault->param, pending_unpause_cb, pending);
      }
      break;

    case RECTIFY_TEST_DESK_FAULT_DROP_AFTER_BODY:
      schedule_drop (self, msg, PENDING_DROP, NULL);
      break;

    case RECTIFY_TEST_DESK_FAULT_MALFORMED_JSON:
      {
        static const char malformed[] = "{\"request\": {\"id\": 17, \"status\": \"new\",, <html>";

        soup_server_message_set_response (msg, JSON_CONTENT_TYPE, SOUP_MEMORY_STATIC,
                                          malformed, strlen (malformed));
      }
      break;

    case RECTIFY_TEST_DESK_FAULT_TRUNCATED_JSON:
      {
        SoupMessageBody *body = soup_server_message_get_response_body (msg);
        g_autoptr(GBytes) full = soup_message_body_flatten (body);
        gsize length = g_bytes_get_size (full);
        g_autoptr(GString) raw = g_string_new (NULL);
        g_autoptr(GBytes) bytes = NULL;

        g_string_append_printf (raw, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
        g_string_append (raw, "Content-Type: " JSON_CONTENT_TYPE "\r\n");
        g_string_append_printf (raw, "Content-Length: %" G_GSIZE_FORMAT "\r\n", length);
        g_string_append (raw, "Connection: close\r\n\r\n");
        g_string_append_len (raw, g_bytes_get_data (full, NULL), length / 2);
        bytes = g_string_free_to_bytes (g_steal_pointer (&raw));

        schedule_drop (self, msg, PENDING_TRUNCATE, bytes);
      }
      break;

    case RECTIFY_TEST_DESK_FAULT_OVERSIZED:
      respond_oversized (msg, fault->param);
      break;

    case RECTIFY_TEST_DESK_FAULT_DEEP_JSON:
      {
        const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
        g_autoptr(GBytes) deep = deep_json (answer_member (path),
                                            fault->param != 0 ? fault->param : 100000);

        respond_bytes (msg, status, JSON_CONTENT_TYPE, deep);
      }
      break;

    case RECTIFY_TEST_DESK_FAULT_DRIBBLE:
      respond_dribbled (self, msg, fault->param);
      break;

    case RECTIFY_TEST_DESK_FAULT_RATE_LIMITED:
    case RECTIFY_TEST_DESK_FAULT_SERVER_ERROR:
    case RECTIFY_TEST_DESK_FAULT_UNAVAILABLE:
    case RECTIFY_TEST_DESK_FAULT_DROP_BEFORE_BODY:
    case RECTIFY_TEST_DESK_FAULT_TEXT_ERROR:
    case RECTIFY_TEST_DESK_FAULT_DEEP_ERROR:
    case RECTIFY_TEST_DESK_FAULT_HTML:
    default:
      break;
    }
}

/* OAuth */

/**
 * rectify_test_desk_enable_oauth:
 * @self: a desk
 * @client_id: the public client the desk registers
 * @redirect_uri: its one redirect URI
 *
 * Serves the authorization and token endpoints for that client, strictly;
 * the access tokens they give are accepted as bearer tokens.
 *
 * Returns: (transfer none): the endpoints, to tune and count
 */
RectifyTestDeskOAuth *
rectify_test_desk_enable_oauth (RectifyTestDesk *self,
                                const char      *client_id,
                                const char      *redirect_uri)
{
  g_return_val_if_fail (RECTIFY_IS_TEST_DESK (self), NULL);

  g_clear_pointer (&self->oauth, rectify_test_desk_oauth_free);
  self->oauth = rectify_test_desk_oauth_new (client_id, redirect_uri);

  return self->oauth;
}

/* Requests, users, uploads */

static DeskAuth
check_auth (RectifyTestDesk   *self,
            SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");

  if (value == NULL)
    return AUTH_ANONYMOUS;

  if (g_ascii_strncasecmp (value, "Bearer ", 7) == 0)
    {
      if (self->oauth_token != NULL && strcmp (value + 7, self->oauth_token) == 0)
        return AUTH_USER;
      if (self->oauth != NULL &&
          rectify_test_desk_oauth_accepts (self->oauth, value + 7, desk_now (self)))
        return AUTH_USER;
      return AUTH_BAD;
    }

  if (g_ascii_strncasecmp (value, "Basic ", 6) == 0)
    {
      g_autofree guchar *decoded = NULL;
      g_autofree char *expected = NULL;
      gsize length = 0;

      if (self->api_token == NULL)
        return AUTH_BAD;

      decoded = g_base64_decode (value + 6, &length);
      expected = g_strdup_printf ("%s/token:%s", self->user_email, self->api_token);
      if (length == strlen (expected) && memcmp (decoded, expected, length) == 0)
        return AUTH_USER;
      return AUTH_BAD;
    }

  return AUTH_BAD;
}

static gint64
lookup_user (RectifyTestDesk *self,
             const char      *email)
{
  g_autofree char *key = g_ascii_strdown (email, -1);
  gint64 *id = g_hash_table_lookup (self->users, key);

  if (id == NULL)
    {
      id = g_new (gint64, 1);
      *id = self->next_user_id++;
      g_hash_table_insert (self->users, g_steal_pointer (&key), id);
    }

  return *id;
}

static DeskRequest *
find_request (RectifyTestDesk *self,
              gint64           id)
{
  for (guint i = 0; i < self->requests->len; i++)
    {
      DeskRequest *request = g_ptr_array_index (self->requests, i);

      if (request->id == id)
        return request;
    }

  return NULL;
}

static gboolean
parse_id (const char *str,
          gint64     *id)
{
  guint64 value;

  if (str == NULL || *str == '\0' || strlen (str) > 18)
    return FALSE;
  for (const char *p = str; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }
  value = g_ascii_strtoull (str, NULL, 10);
  if (value == 0)
    return FALSE;

  *id = (gint64) value;
  return TRUE;
}

static gboolean
check_json_content_type (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GHashTable) params = NULL;
  const char *type = soup_message_headers_get_content_type (headers, &params);
  const char *charset;

  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    return FALSE;

  charset = params != NULL ? g_hash_table_lookup (params, "charset") : NULL;
  if (charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0)
    return FALSE;

  return TRUE;
}

/* Parses the body of a create or update: {"request": {...}}. Answers 422
 * itself and returns NULL when the body is not that. */
static JsonObject *
parse_request_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonNode *request;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!check_json_content_type (msg))
    {
      respond_invalid_one (msg, "base", "InvalidValue",
                           "Content-Type must be application/json");
      return NULL;
    }

  if (length == 0 || !json_parser_load_from_data (parser, data, length, NULL))
    {
      respond_invalid_one (msg, "base", "InvalidValue", "The request body is not valid JSON");
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      respond_invalid_one (msg, "base", "InvalidValue", "The request body must be an object");
      return NULL;
    }

  request = json_object_get_member (json_node_get_object (root), "request");
  if (request == NULL || !JSON_NODE_HOLDS_OBJECT (request))
    {
      respond_invalid_one (msg, "request", "BlankValue", "Request: cannot be blank");
      return NULL;
    }

  return json_object_ref (json_node_get_object (request));
}

static const char *
get_string (JsonObject *object,
            const char *member,
            gboolean   *wrong_type)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *wrong_type = TRUE;
      return NULL;
    }

  return json_node_get_string (node);
}

/* Checks comment.body and comment.uploads; the upload records found are
 * added to @uploads_out (not yet marked used). */
static void
check_comment (RectifyTestDesk *self,
               JsonObject      *request,
               const char      *body_field,
               JsonObject      *details,
               GPtrArray       *uploads_out,
               const char     **body_out)
{
  JsonNode *comment_node = json_object_get_member (request, "comment");
  JsonObject *comment;
  JsonNode *uploads;
  gboolean wrong = FALSE;
  const char *body;
  g_autofree char *blank = g_strdup_printf ("%c%s: cannot be blank",
                                            g_ascii_toupper (body_field[0]), body_field + 1);

  if (comment_node == NULL || !JSON_NODE_HOLDS_OBJECT (comment_node))
    {
      details_add (details, body_field, "BlankValue", blank);
      return;
    }
  comment = json_node_get_object (comment_node);

  body = get_string (comment, "body", &wrong);
  if (wrong)
    details_add (details, body_field, "InvalidValue", "The comment body must be text");
  else if (is_blank (body))
    details_add (details, body_field, "BlankValue", blank);
  else
    *body_out = body;

  uploads = json_object_get_member (comment, "uploads");
  if (uploads == NULL || JSON_NODE_HOLDS_NULL (uploads))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (uploads))
    {
      details_add (details, "uploads", "InvalidValue", "Uploads: must be a list of tokens");
      return;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (uploads)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (uploads), i);
      DeskUpload *upload = NULL;

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        upload = g_hash_table_lookup (self->uploads, json_node_get_string (element));

      if (upload == NULL || upload->used ||
          desk_now (self) - upload->created_at > UPLOAD_LIFETIME)
        {
          details_add (details, self->upload_error_field != NULL ? self->upload_error_field
                                                                 : "uploads",
                       "InvalidValue", "Uploads: the token is invalid, used or has expired");
          continue;
        }

      g_ptr_array_add (uploads_out, upload);
    }
}

static DeskComment *
add_comment (RectifyTestDesk *self,
             DeskRequest     *request,
             gint64           author_id,
             const char      *body,
             gboolean         is_public,
             GPtrArray       *uploads)
{
  DeskComment *comment = g_new0 (DeskComment, 1);

  comment->id = self->next_comment_id++;
  comment->author_id = author_id;
  comment->body = g_strdup (body);
  comment->is_public = is_public;
  comment->created_at = desk_now (self);
  comment->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_attachment_free);

  for (guint i = 0; uploads != NULL && i < uploads->len; i++)
    {
      DeskUpload *upload = g_ptr_array_index (uploads, i);

      upload->used = TRUE;
      g_ptr_array_add (comment->attachments, desk_attachment_copy (upload->attachment));
    }

  g_ptr_array_add (request->comments, comment);
  request->updated_at = comment->created_at;

  return comment;
}

static void
handle_create (RectifyTestDesk   *self,
               SoupServerMessage *msg,
               DeskAuth           auth)
{
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(GPtrArray) uploads = g_ptr_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *location = NULL;
  const char *subject;
  const char *body = NULL;
  const char *name = NULL;
  const char *email = NULL;
  gint64 locale = 0;
  gboolean wrong = FALSE;
  DeskRequest *record;

  if ((request = parse_request_body (msg)) == NULL)
    return;

  subject = get_string (request, "subject", &wrong);
  if (wrong)
    details_add (details, "subject", "InvalidValue", "Subject: must be text");
  else if (is_blank (subject))
    details_add (details, "subject", "BlankValue", "Subject: cannot be blank");

  check_comment (self, request, "description", details, uploads, &body);

  if (auth == AUTH_ANONYMOUS)
    {
      JsonNode *requester = json_object_get_member (request, "requester");

      if (requester == NULL || !JSON_NODE_HOLDS_OBJECT (requester))
        {
          details_add (details, "requester", "BlankValue", "Requester: cannot be blank");
        }
      else
        {
          JsonObject *object = json_node_get_object (requester);
          JsonNode *locale_node = json_object_get_member (object, "locale_id");

          wrong = FALSE;
          name = get_string (object, "name", &wrong);
          if (wrong || is_blank (name))
            details_add (details, "requester", "BlankValue", "Requester: Name is missing");

          wrong = FALSE;
          email = get_string (object, "email", &wrong);
          if (wrong || is_blank (email))
            details_add (details, "requester", "BlankValue", "Requester: Email is missing");
          else if (strchr (email, '@') == NULL || strchr (email, ' ') != NULL)
            details_add (details, "requester", "InvalidValue",
                         "Requester: Email is not properly formatted");

          if (locale_node != NULL && !JSON_NODE_HOLDS_NULL (locale_node))
            {
              if (json_node_get_value_type (locale_node) != G_TYPE_INT64)
                details_add (details, "requester", "InvalidValue",
                             "Requester: Locale must be a number");
              else
                locale = json_node_get_int (locale_node);
            }
        }
    }

  if (json_object_has_member (request, "custom_fields"))
    {
      JsonNode *fields = json_object_get_member (request, "custom_fields");

      if (!JSON_NODE_HOLDS_ARRAY (fields))
        {
          details_add (details, "custom_fields", "InvalidValue", "Custom fields: must be a list");
        }
      else
        {
          for (guint i = 0; i < json_array_get_length (json_node_get_array (fields)); i++)
            {
              JsonNode *field = json_array_get_element (json_node_get_array (fields), i);
              JsonNode *id = JSON_NODE_HOLDS_OBJECT (field) ?
                json_object_get_member (json_node_get_object (field), "id") : NULL;

              if (id == NULL || json_node_get_value_type (id) != G_TYPE_INT64)
                details_add (details, "custom_fields", "InvalidValue",
                             "Custom fields: each needs a numeric id");
            }
        }
    }

  if (json_object_get_size (details) > 0)
    {
      respond_invalid (msg, details);
      return;
    }

  record = g_new0 (DeskRequest, 1);
  record->id = self->next_request_id++;
  record->subject = g_strdup (subject);
  record->description = g_strdup (body);
  record->status = g_strdup ("new");
  record->created_at = desk_now (self);
  record->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_comment_free);
  if (auth == AUTH_USER)
    {
      record->requester_id = DEFAULT_USER_ID;
      record->requester_name = g_strdup (DEFAULT_USER_NAME);
      record->requester_email = g_strdup (self->user_email);
    }
  else
    {
      record->requester_id = lookup_user (self, email);
      record->requester_name = g_strdup (name);
      record->requester_email = g_strdup (email);
      record->requester_locale = locale;
    }
  add_comment (self, record, record->requester_id, body, TRUE, uploads);
  record->updated_at = record->created_at;
  g_ptr_array_add (self->requests, record);
  self->created_count++;

  location = g_strdup_printf ("%s/api/v2/requests/%" G_GINT64_FORMAT ".json",
                              self->url, record->id);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Location", location);
  node = wrap_object ("request", request_to_json (self, record));
  respond_json (msg, SOUP_STATUS_CREATED, node);
}

static void
handle_update (RectifyTestDesk   *self,
               SoupServerMessage *msg,
               DeskRequest       *record)
{
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(GPtrArray) uploads = g_ptr_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) members = NULL;
  const char *body = NULL;
  gboolean solve = FALSE;

  if ((request = parse_request_body (msg)) == NULL)
    return;

  members = json_object_get_members (request);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;

      if (g_strcmp0 (member, "comment") != 0 &&
          g_strcmp0 (member, "solved") != 0 &&
          g_strcmp0 (member, "additional_collaborators") != 0)
        {
          g_autofree char *text = g_strdup_printf ("%s: is not writable", member);

          details_add (details, member, "InvalidValue", text);
        }
    }

  if (g_strcmp0 (record->status, "closed") == 0)
    details_add (details, "status", "InvalidValue", "Status: closed prevents request update");

  if (json_object_has_member (request, "solved"))
    {
      JsonNode *solved = json_object_get_member (request, "solved");

      if (json_node_get_value_type (solved) != G_TYPE_BOOLEAN)
        details_add (details, "solved", "InvalidValue", "Solved: must be true or false");
      else
        solve = json_node_get_boolean (solved);
    }

  if (json_object_has_member (request, "comment") || !solve)
    check_comment (self, request, "comment", details, uploads, &body);

  if (json_object_get_size (details) > 0)
    {
      respond_invalid (msg, details);
      return;
    }

  if (body != NULL)
    {
      add_comment (self, record, record->requester_id, body, TRUE, uploads);

      /* A requester's reply reopens a request that waits on them or was solved. */
      if (g_strcmp0 (record->status, "pending") == 0 || g_strcmp0 (record->status, "solved") == 0)
        set_str (&record->status, "open");
    }
  if (solve)
    set_str (&record->status, "solved");
  record->updated_at = desk_now (self);

  node = wrap_object ("request", request_to_json (self, record));
  respond_json (msg, SOUP_STATUS_OK, node);
}

static void
handle_upload (RectifyTestDesk   *self,
               SoupServerMessage *msg,
               GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  gsize *received = g_object_get_data (G_OBJECT (msg), "rectify-test-desk-received");
  g_autoptr(GBytes) bytes = received == NULL ? soup_message_body_flatten (body) : NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize size = received != NULL ? *received : g_bytes_get_size (bytes);
  const char *file_name = query != NULL ? g_hash_table_lookup (query, "filename") : NULL;
  const char *content_type = soup_message_headers_get_one (headers, "Content-Type");
  JsonObject *upload_json;
  JsonArray *attachments;
  DeskUpload *upload;
  g_autofree char *expires_at = NULL;

  if (is_blank (file_name))
    {
      respond_invalid_one (msg, "filename", "BlankValue", "Filename: cannot be blank");
      return;
    }
  if (is_blank (content_type))
    {
      respond_invalid_one (msg, "content_type", "BlankValue", "Content type: cannot be blank");
      return;
    }
  if (size == 0)
    {
      respond_invalid_one (msg, "file", "BlankValue", "File: cannot be empty");
      return;
    }

  upload = g_new0 (DeskUpload, 1);
  upload->token = g_strdup_printf ("tok%06u%08x", ++self->upload_serial, g_random_int ());
  upload->created_at = desk_now (self);
  upload->attachment = g_new0 (DeskAttachment, 1);
  upload->attachment->id = self->next_attachment_id++;
  upload->attachment->file_name = g_strdup (file_name);
  upload->attachment->content_type = g_strdup (content_type);
  upload->attachment->size = size;
  upload->attachment->token = g_strdup (upload->token);
  g_hash_table_insert (self->uploads, upload->token, upload);
  self->upload_count++;

  expires_at = format_time (upload->created_at + UPLOAD_LIFETIME);
  upload_json = json_object_new ();
  json_object_set_string_member (upload_json, "token", upload->token);
  json_object_set_string_member (upload_json, "expires_at", expires_at);
  attachments = json_array_new ();
  json_array_add_object_element (attachments, attachment_to_json (self, upload->attachment));
  json_object_set_array_member (upload_json, "attachments", attachments);
  json_object_set_object_member (upload_json, "attachment",
                                 attachment_to_json (self, upload->attachment));

  node = wrap_object ("upload", upload_json);
  respond_json (msg, SOUP_STATUS_CREATED, node);
}

/* Cursor pagination: page[size] ≤ 100, page[after]; meta.has_more,
 * meta.after_cursor, links.next. The cursor is opaque to clients. */
typedef JsonObject *(*ItemToJson) (RectifyTestDesk *self,
                                   gpointer         owner,
                                   gpointer         item);

static char *
make_cursor (gint64 id)
{
  g_autofree char *plain = g_strdup_printf ("after:%" G_GINT64_FORMAT, id);

  return g_base64_encode ((const guchar *) plain, strlen (plain));
}

static gboolean
parse_cursor (const char *cursor,
              gint64     *id)
{
  g_autofree guchar *decoded = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  decoded = g_base64_decode (cursor, &length);
  if (decoded == NULL || length < 7 || memcmp (decoded, "after:", 6) != 0)
    return FALSE;
  text = g_strndup ((const char *) decoded + 6, length - 6);

  return parse_id (text, id);
}

static void
respond_page (RectifyTestDesk   *self,
              SoupServerMessage *msg,
              GHashTable        *query,
              const char        *path,
              const char        *member,
              GPtrArray         *items,
              const gint64      *ids,
              gpointer           owner,
              ItemToJson         to_json)
{
  const char *size_str = query != NULL ? g_hash_table_lookup (query, "page[size]") : NULL;
  const char *after_str = query != NULL ? g_hash_table_lookup (query, "page[after]") : NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *root = json_object_new ();
  JsonObject *meta = json_object_new ();
  JsonObject *links = json_object_new ();
  JsonArray *list = json_array_new ();
  gint64 size = MAX_PAGE_SIZE;
  gint64 after = 0;
  guint start = 0;
  guint end;

  json_node_take_object (node, root);
  json_object_set_array_member (root, member, list);
  json_object_set_object_member (root, "meta", meta);
  json_object_set_object_member (root, "links", links);

  if (size_str != NULL && (!parse_id (size_str, &size) || size > MAX_PAGE_SIZE))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "InvalidPaginationParameter",
                     "page[size] must be a number from 1 to 100");
      return;
    }
  if (after_str != NULL && !parse_cursor (after_str, &after))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "InvalidPaginationParameter",
                     "page[after] is not a valid cursor");
      return;
    }

  size = MIN (size, self->page_size_limit);
  while (start < items->len && ids[start] <= after)
    start++;
  end = MIN (items->len, start + (guint) size);

  for (guint i = start; i < end; i++)
    json_array_add_object_element (list, to_json (self, owner, g_ptr_array_index (items, i)));

  json_object_set_boolean_member (meta, "has_more", end < items->len);
  if (end > start)
    {
      g_autofree char *after_cursor = make_cursor (ids[end - 1]);
      g_autofree char *before_cursor = make_cursor (ids[start]);

      json_object_set_string_member (meta, "after_cursor", after_cursor);
      json_object_set_string_member (meta, "before_cursor", before_cursor);
      if (end < items->len)
        {
          g_autofree char *escaped = g_uri_escape_string (after_cursor, NULL, FALSE);
          g_autofree char *next = g_strdup_printf ("%s%s?page%%5Bafter%%5D=%s&page%%5Bsize%%5D=%"
                                                   G_GINT64_FORMAT,
                                                   self->url, path, escaped, size);

          json_object_set_string_member (links, "next", next);
        }
      else
        {
          json_object_set_null_member (links, "next");
        }
    }
  else
    {
      json_object_set_null_member (meta, "after_cursor");
      json_object_set_null_member (meta, "before_cursor");
      json_object_set_null_member (links, "next");
    }
  json_object_set_null_member (links, "prev");

  respond_json (msg, SOUP_STATUS_OK, node);
}

static JsonObject *
comment_item_to_json (RectifyTestDesk *self,
                      gpointer         owner,
                      gpointer         item)
{
  return comment_to_json (self, owner, item);
}

static JsonObject *
request_item_to_json (RectifyTestDesk *self,
                      gpointer         owner,
                      gpointer         item)
{
  return request_to_json (self, item);
}

static void
handle_list_comments (RectifyTestDesk   *self,
                      SoupServerMessage *msg,
                      GHashTable        *query,
                      const char        *path,
                      DeskRequest       *record)
{
  g_autoptr(GPtrArray) visible = g_ptr_array_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* An end user sees the public comments only. */
  for (guint i = 0; i < record->comments->len; i++)
    {
      DeskComment *comment = g_ptr_array_index (record->comments, i);

      if (comment->is_public)
        {
          g_ptr_array_add (visible, comment);
          g_array_append_val (ids, comment->id);
        }
    }

  respond_page (self, msg, query, path, "comments", visible, (const gint64 *) ids->data,
                record, comment_item_to_json);
}

static void
handle_list_requests (RectifyTestDesk   *self,
                      SoupServerMessage *msg,
                      GHashTable        *query,
                      const char        *path)
{
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->requests->len; i++)
    {
      DeskRequest *request = g_ptr_array_index (self->requests, i);

      if (request->requester_id == DEFAULT_USER_ID)
        {
          g_ptr_array_add (mine, request);
          g_array_append_val (ids, request->id);
        }
    }

  respond_page (self, msg, query, path, "requests", mine, (const gint64 *) ids->data,
                NULL, request_item_to_json);
}

static void
dispatch (RectifyTestDesk   *self,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *route = NULL;
  g_auto(GStrv) parts = NULL;
  guint n_parts;
  DeskAuth auth;
  DeskRequest *record = NULL;

  if (self->oauth != NULL &&
      rectify_test_desk_oauth_handle (self->oauth, msg, path, query, desk_now (self)))
    return;

  /* Zendesk serves both /api/v2/requests and /api/v2/requests.json. */
  route = g_str_has_suffix (path, ".json") ? g_strndup (path, strlen (path) - 5) : g_strdup (path);
  if (!g_str_has_prefix (route, "/api/v2/"))
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "InvalidEndpoint", "Not found");
      return;
    }
  parts = g_strsplit (route + strlen ("/api/v2/"), "/", -1);
  n_parts = g_strv_length (parts);

  auth = check_auth (self, msg);
  if (auth == AUTH_BAD)
    {
      respond_unauthorized (msg);
      return;
    }

  if (n_parts == 1 && strcmp (parts[0], "uploads") == 0)
    {
      if (strcmp (method, "POST") != 0)
        respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "InvalidEndpoint", "Not allowed");
      else if (auth == AUTH_ANONYMOUS && !self->anonymous_allowed)
        respond_unauthorized (msg);
      else
        handle_upload (self, msg, query);
      return;
    }

  if (n_parts == 0 || strcmp (parts[0], "requests") != 0 || n_parts > 3 ||
      (n_parts == 3 && strcmp (parts[2], "comments") != 0))
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "InvalidEndpoint", "Not found");
      return;
    }

  if (n_parts == 1 && strcmp (method, "POST") == 0)
    {
      if (auth == AUTH_ANONYMOUS && !self->anonymous_allowed)
        respond_unauthorized (msg);
      else
        handle_create (self, msg, auth);
      return;
    }

  /* Everything else is for signed-in end users. */
  if (auth != AUTH_USER)
    {
      respond_unauthorized (msg);
      return;
    }

  if (!self->user_verified && strcmp (method, "GET") == 0)
    {
      respond_error (msg, SOUP_STATUS_FORBIDDEN, "Forbidden",
                     "You do not have access to this page. Please contact the account owner "
                     "of this help desk for further help.");
      return;
    }

  if (n_parts == 1)
    {
      if (strcmp (method, "GET") == 0)
        handle_list_requests (self, msg, query, path);
      else
        respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "InvalidEndpoint", "Not allowed");
      return;
    }

  {
    gint64 id = 0;

    if (parse_id (parts[1], &id))
      record = find_request (self, id);
    /* Another user's request is as good as missing. */
    if (record == NULL || record->requester_id != DEFAULT_USER_ID)
      {
        respond_not_found (msg);
        return;
      }
  }

  if (n_parts == 3)
    {
      if (strcmp (method, "GET") == 0)
        handle_list_comments (self, msg, query, path, record);
      else
        respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "InvalidEndpoint", "Not allowed");
    }
  else if (strcmp (method, "GET") == 0)
    {
      g_autoptr(JsonNode) node = wrap_object ("request", request_to_json (self, record));

      respond_json (msg, SOUP_STATUS_OK, node);
    }
  else if (strcmp (method, "PUT") == 0)
    {
      handle_update (self, msg, record);
    }
  else
    {
      respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "InvalidEndpoint", "Not allowed");
    }
}

static void
count_chunk_cb (SoupServerMessage *msg,
                GBytes            *chunk,
                gpointer           data)
{
  gsize *received = g_object_get_data (G_OBJECT (msg), "rectify-test-desk-received");

  *received += g_bytes_get_size (chunk);
}

static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           data)
{
  RectifyTestDesk *self = data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  self->hit_count++;
  set_str (&self->last_user_agent, soup_message_headers_get_one (headers, "User-Agent"));

  if (take_fault (self, msg, path, TRUE) != NULL)
    {
      schedule_drop (self, msg, PENDING_DROP, NULL);
      return;
    }

  /* Counted as it arrives, never kept (see set_discard_uploads). */
  if (self->discard_uploads &&
      (strcmp (path, "/api/v2/uploads") == 0 || strcmp (path, "/api/v2/uploads.json") == 0))
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      g_object_set_data_full (G_OBJECT (msg), "rectify-test-desk-received",
                              g_new0 (gsize, 1), g_free);
      g_signal_connect (msg, "got-chunk", G_CALLBACK (count_chunk_cb), NULL);
    }
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           data)
{
  RectifyTestDesk *self = data;
  DeskFault *fault = take_fault (self, msg, path, FALSE);

  if (fault != NULL && apply_fault_before (self, msg, fault))
    return;

  dispatch (self, msg, path, query);

  if (fault != NULL)
    apply_fault_after (self, msg, fault);
}

/* GObject */

static void
rectify_test_desk_dispose (GObject *object)
{
  RectifyTestDesk *self = (RectifyTestDesk *)object;

  if (self->pending != NULL)
    g_ptr_array_set_size (self->pending, 0);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (rectify_test_desk_parent_class)->dispose (object);
}

static void
rectify_test_desk_finalize (GObject *object)
{
  RectifyTestDesk *self = (RectifyTestDesk *)object;

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->uploads, g_hash_table_unref);
  g_clear_pointer (&self->users, g_hash_table_unref);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_free (self->url);
  g_free (self->oauth_token);
  g_clear_pointer (&self->oauth, rectify_test_desk_oauth_free);
  g_free (self->user_email);
  g_free (self->api_token);
  g_free (self->last_user_agent);
  g_free (self->upload_error_field);

  G_OBJECT_CLASS (rectify_test_desk_parent_class)->finalize (object);
}

static void
rectify_test_desk_class_init (RectifyTestDeskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rectify_test_desk_dispose;
  object_class->finalize = rectify_test_desk_finalize;
}

static void
rectify_test_desk_init (RectifyTestDesk *self)
{
  self->anonymous_allowed = TRUE;
  self->user_email = g_strdup (DEFAULT_USER_EMAIL);
  self->user_verified = TRUE;
  self->page_size_limit = MAX_PAGE_SIZE;
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_request_free);
  self->uploads = g_hash_table_new_full (g_str_hash, g_str_equal,
                                         NULL, (GDestroyNotify) desk_upload_free);
  self->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_fault_free);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) desk_pending_free);
  self->next_request_id = 101;
  self->next_comment_id = 5001;
  self->next_attachment_id = 7001;
  self->next_user_id = DEFAULT_USER_ID + 1;

  g_hash_table_insert (self->users, g_strdup (DEFAULT_USER_EMAIL),
                       g_memdup2 (&(gint64) { DEFAULT_USER_ID }, sizeof (gint64)));
}

/**
 * rectify_test_desk_new_full:
 * @port: the port to listen on, 0 for any free port
 * @certificate: (nullable): serve HTTPS with this certificate
 * @error: return location for a #GError
 *
 * Starts a desk on 127.0.0.1 in the thread-default main context.
 *
 * Returns: (transfer full): the desk, or %NULL with @error set
 */
RectifyTestDesk *
rectify_test_desk_new_full (guint             port,
                            GTlsCertificate  *certificate,
                            GError          **error)
{
  g_autoptr(RectifyTestDesk) self = g_object_new (RECTIFY_TYPE_TEST_DESK, NULL);
  SoupServerListenOptions options = SOUP_SERVER_LISTEN_IPV4_ONLY;
  GSList *uris;
  g_autofree char *url = NULL;

  if (certificate != NULL)
    {
      self->server = soup_server_new ("tls-certificate", certificate, NULL);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }
  else
    {
      self->server = soup_server_new (NULL, NULL);
    }

  soup_server_add_early_handler (self->server, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->server, NULL, handler, self, NULL);

  if (!soup_server_listen_local (self->server, port, options, error))
    return NULL;

  uris = soup_server_get_uris (self->server);
  url = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* The base URL has no trailing slash, as a desk setting would be written. */
  if (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  self->url = g_steal_pointer (&url);

  return g_steal_pointer (&self);
}

/**
 * rectify_test_desk_new:
 * @error: return location for a #GError
 *
 * Starts a plain-HTTP desk on 127.0.0.1 on a free port.
 *
 * Returns: (transfer full): the desk, or %NULL with @error set
 */
RectifyTestDesk *
rectify_test_desk_new (GError **error)
{
  return rectify_test_desk_new_full (0, NULL, error);
}

const char *
rectify_test_desk_get_url (RectifyTestDesk *self)
{
  g_return_val_if_fail (RECTIFY_IS_TEST_DESK (self), NULL);

  return self->url;
}

void
rectify_test_desk_set_anonymous_allowed (RectifyTestDesk *self,
                                         gboolean         allowed)
{
  g_return_if_fail (RECTIFY_IS_TEST_DESK (self));

  self->anonymous_allowed = !!allowed;
}

void
rectify_test_desk_set_oauth_token (RectifyTestDesk *self,
                                   const char      *token)
{
  g_return_if_fail (RECTIFY_IS_TEST_DESK (self));

  set_str (&self->oauth_token, token);
}

/* The signed-in end user's e-mail and API token (`email/token:TOKEN`). An
 * anonymous request from that e-mail belongs to the same user. */
void
rectify_test_desk_set_api_token (RectifyTestDesk *self,
                                 const char      *email,
                                 const char      *token)
{
  g_return_if_fail (RECTIFY_IS_TEST_DESK (self));
  g_return_if_fail (email != NULL);

  if (g_strcmp0 (email, self->user_email) != 0)
    {
      g_autofree char *old_key = g_ascii_strdown (self->user_email, -1);

      g_hash_table_remove (self->users, old_key);
      set_str (&self->user_email, email);
      g_hash_table_insert (self->users, g_ascii_strdown (email, -1),
                           g_memdup2 (&(gint64) { DEFAULT_USER_ID }, sizeof (gint64)));
    }
  set_str (&self->api_token, token);
}

const char *
rectify_test_desk_get_user_email (RectifyTestDesk *self)
{
  g_return_val_if_fail (RECTIFY_IS_TEST_DESK (self), NULL);

  return self->user_email;
}

gint64
rectify_test_desk_get_user_id (RectifyTestDesk *self)
{
  return DEFAULT_USER_ID;
}

void
rectify_test_desk_set_user_verified (RectifyTestDesk *self,
                                     gboolean         verified)
{
  g_return_if_fail (RECTIFY_IS_TEST_DESK (self));

  self->user_verified = !!verified;
}

/* Moves the desk's clock forward, for upload tokens that expire. */
void
rectify_test_desk_advance_clock (RectifyTestDesk *self,
                                 GTimeSpan        span)
{
  g_return_if_fail (RECTIFY_IS_TEST_DESK (self));

  self->clock_offset += span;
}

/* Pages hold at most @limit items whatever page[size] asks (1 to 100). */
void
rectify_test_desk_set_page_size_limit (RectifyTestDesk *self,
                                       guint            limit)
{
  g_return_if_fail (RECTIFY_IS_TEST_DESK (self));
  g_return_if_fail (limit >= 1 && limit <= MAX_PAGE_SIZE);

  self->page_size_limit = limit;
}

/* Sends Retry-After as an HTTP-date rather than as seconds. */
void
rectify_test_desk_set_retry_after_dates (RectifyTestDesk *self,
                                         gboolean         dates)
{
  g_return_if_fail (RECTIFY_IS_TEST_DESK (self));

  self->retry_after_dates = !!dates;
}

/**
 * rectify_test_desk_set_discard_uploads:
 * @self: a #RectifyTestDesk
 * @discard: whether to count uploaded bytes rather than keep them
 *
 * Uploads are received and counted (the attachment gets its real size) but
 * not kept in memory: for measuring the client's memory in the same process
 * while it uploads a large file. Off by default.
 */
void
rectify_test_desk_set_discard_uploads (RectifyTestDesk *self,
                                       gboolean         discard)
{
  g_return_if_fail (RECTIFY_IS_TEST_DESK (self));

  self->discard_uploads = !!discard;
}

/**
 * rectify_test_desk_set_upload_error_field:
 * @self: a #RectifyTestDesk
 * @field: (nullable): the field a 422 names for an invalid, used or expired
 *   upload token (`base`, say), or %NULL for `uploads`
 *
 * Zendesk's reference does not say which field such a complaint comes
 * under; a client must not rely on one.
 */
void
rectify_test_desk_set_upload_error_field (RectifyTestDesk *self,
                                          const char      *field)
{
  g_return_if_fail (RECTIFY_IS_TEST_DESK (self));

  set_str (&self->upload_error_field, field);
}

/**
 * rectify_test_desk_add_fault:
 * @self: a #RectifyTestDesk
 * @method: (nullable): the HTTP method to match, or %NULL for any
 * @path_prefix: (nullable): the path prefix to match, or %NULL for any
 * @fault: what to do
 * @times: for how many matching requests
 * @param: the fault's parameter (see #RectifyTestDeskFault)
 *
 * Arms a failure for the next @times requests that match.
 */
void
rectify_test_desk_add_fault (RectifyTestDesk      *self,
                             const char           *method,
                             const char           *path_prefix,
                             RectifyTestDeskFault  fault,
                             guint                 times,
                             guint                 param)
{
  DeskFault *record;

  g_return_if_fail (RECTIFY_IS_TEST_DESK (self));

  record = g_new0 (DeskFault, 1);
  record->method = g_strdup (method);
  record->path_prefix = g_strdup (path_prefix);
  record->kind = fault;
  record->remaining = times;
  record->param = param;
  g_ptr_array_add (self->faults, record);
}

void
rectify_test_desk_clear_faults (RectifyTestDesk *self)
{
  g_return_if_fail (RECTIFY_IS_TEST_DESK (self));

  g_ptr_array_set_size (self->faults, 0);
}

/* What an agent does on the desk's side. */
gboolean
rectify_test_desk_set_request_status (RectifyTestDesk *self,
                                      gint64           request_id,
                                      const char      *status)
{
  DeskRequest *record;

  g_return_val_if_fail (RECTIFY_IS_TEST_DESK (self), FALSE);

  if ((record = find_request (self, request_id)) == NULL)
    return FALSE;

  set_str (&record->status, status);
  record->updated_at = desk_now (self);

  return TRUE;
}

gint64
rectify_test_desk_add_agent_comment (RectifyTestDesk *self,
                                     gint64           request_id,
                                     const char      *body,
                                     gboolean         is_public)
{
  DeskRequest *record;

  g_return_val_if_fail (RECTIFY_IS_TEST_DESK (self), 0);

  if ((record = find_request (self, request_id)) == NULL)
    return 0;

  return add_comment (self, record, RECTIFY_TEST_DESK_AGENT_ID, body, is_public, NULL)->id;
}

guint
rectify_test_desk_get_created_count (RectifyTestDesk *self)
{
  g_return_val_if_fail (RECTIFY_IS_TEST_DESK (self), 0);

  return self->created_count;
}

guint
rectify_test_desk_count_subject (RectifyTestDesk *self,
                                 const char      *substring)
{
  guint count = 0;

  g_return_val_if_fail (RECTIFY_IS_TEST_DESK (self), 0);

  for (guint i = 0; i < self->requests->len; i++)
    {
      DeskRequest *request = g_ptr_array_index (self->requests, i);

      if (strstr (request->subject, substring) != NULL)
        count++;
    }

  return count;
}

guint
rectify_test_desk_get_upload_count (RectifyTestDesk *self)
{
  g_return_val_if_fail (RECTIFY_IS_TEST_DESK (self), 0);

  return self->upload_count;
}

/* How many requests reached the desk (their headers were read). */
guint
rectify_test_desk_get_hit_count (RectifyTestDesk *self)
{
  g_return_val_if_fail (RECTIFY_IS_TEST_DESK (self), 0);

  return self->hit_count;
}

/* How many answers are still held back (latency) or connections not yet dropped. */
guint
rectify_test_desk_get_pending_count (RectifyTestDesk *self)
{
  g_return_val_if_fail (RECTIFY_IS_TEST_DESK (self), 0);

  return self->pending->len;
}

const char *
rectify_test_desk_get_last_user_agent (RectifyTestDesk *self)
{
  g_return_val_if_fail (RECTIFY_IS_TEST_DESK (self), NULL);

  return self->last_user_agent;
}

const char *
rectify_test_desk_get_requester_email (RectifyTestDesk *self,
                                       gint64           request_id)
{
  DeskRequest *record;

  g_return_val_if_fail (RECTIFY_IS_TEST_DESK (self), NULL);

  record = find_request (self, request_id);
  return record != NULL ? record->requester_email : NULL;
}

const char *
rectify_test_desk_get_requester_name (RectifyTestDesk *self,
                                      gint64           request_id)
{
  DeskRequest *record;

  g_return_val_if_fail (RECTIFY_IS_TEST_DESK (self), NULL);

  record = find_request (self, request_id);
  return record != NULL ? record->requester_name : NULL;
}

gint64
rectify_test_desk_get_requester_locale (RectifyTestDesk *self,
                                        gint64           request_id)
{
  DeskRequest *record;

  g_return_val_if_fail (RECTIFY_IS_TEST_DESK (self), 0);

  record = find_request (self, request_id);
  return record != NULL ? record->requester_locale : 0;
}
