/* rectify-desk-client.c: talking to Ringover's Zendesk help desk
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupSession, asynchronous calls only, and the contract in
 * doc/desk-api.md. What matters most is saying honestly whether a failed
 * call may have reached the desk, because Zendesk has no idempotency keys
 * for requests (see "Sending exactly once" in doc/architecture.md):
 *
 * - A transport error before SoupMessage::wrote-body means the desk never
 *   had the whole request: a server does not act on a request whose body
 *   it has not fully received. That is NOTHING_SENT (INSECURE when it was
 *   the TLS handshake: the desk's identity could not be verified).
 * - A transport error after wrote-body, before any status (timeout, reset,
 *   connection closed, garbage instead of headers), is AMBIGUOUS.
 * - Once a status arrived, the status decides. A 2xx to a write whose body
 *   is not the JSON the contract promises (cut short, too large, an HTML
 *   page from a captive portal or a proxy) is AMBIGUOUS with that status:
 *   whatever answered may not be the desk. To a read it is BAD_RESPONSE.
 * - Every exchange has an overall deadline, from the start to the last byte
 *   of the answer (libsoup's own timeouts count idle time only, so a desk
 *   that dribbles a byte every few seconds would hold a call for ever). Past
 *   it the exchange is cancelled and classified like a timeout.
 * - Answers are read as JSON only through rectify-json-reader, within its
 *   size and depth limits.
 *
 * libsoup itself only re-sends a message on its own for idempotent methods
 * on a reused connection. Every write here (POST, and PUT, which adds a
 * comment and so is not idempotent in effect) asks for a new connection, so
 * libsoup never re-sends one behind our back.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "rectify-clock.h"
#include "rectify-desk-client.h"
#include "rectify-json-reader.h"

#define PAGE_SIZE       100
#define MAX_PAGES       1000
#define READ_CHUNK_SIZE (64 * 1024)
#define USER_AGENT      "Rectify/" PACKAGE_VERSION

struct _RectifyDeskClient
{
  GObject          parent_instance;

  SoupSession     *session;
  GUri            *base_uri;
  char            *base_url;
  char            *base_path;       /* without a trailing slash; "" for the root */

  RectifyDeskAuth  auth;
  char            *authorization;   /* the header value; never logged */
  char            *requester_name;
  char            *requester_email;
  gint64           requester_locale;

  goffset          max_upload_size;
  guint            deadline_ms;

  /* The caller's cancellable → its exchange under way (unowned), to tell
   * whether a request may have left (rectify_desk_client_may_have_sent()). */
  GHashTable      *in_flight;
};

G_DEFINE_FINAL_TYPE (RectifyDeskClient, rectify_desk_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_AUTH,
  PROP_MAX_UPLOAD_SIZE,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The base URL: https anywhere; plain http only to this computer. */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

static GUri *
parse_base_url (const char  *base_url,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (base_url == NULL || (uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, NULL)) == NULL)
    goto bad_url;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0' ||
      g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    goto bad_url;

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return g_steal_pointer (&uri);

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (host_is_loopback (host))
        return g_steal_pointer (&uri);

      g_propagate_error (error,
                         rectify_desk_error_new (RECTIFY_DESK_ERROR_INSECURE, 0, -1, NULL, NULL,
                                                 _("The help desk address must start with "
                                                   "“https://” unless the desk runs on this "
                                                   "computer.")));
      return NULL;
    }

bad_url:
  g_propagate_error (error,
                     rectify_desk_error_new (RECTIFY_DESK_ERROR_BAD_URL, 0, -1, NULL, NULL, NULL));
  return NULL;
}

/* Messages */

static SoupMessage *
new_message (RectifyDeskClient *self,
             const char        *method,
             const char        *path,
             const char        *query)
{
  g_autofree char *full_path = g_strconcat (self->base_path, path, NULL);
  g_autoptr(GUri) uri = NULL;
  SoupMessageHeaders *headers;
  SoupMessage *msg;
  SoupMessageFlags flags = SOUP_MESSAGE_NO_REDIRECT;

  uri = g_uri_build (G_URI_FLAGS_ENCODED,
                     g_uri_get_scheme (self->base_uri),
                     NULL,
                     g_uri_get_host (self->base_uri),
                     g_uri_get_port (self->base_uri),
                     full_path,
                     query,
                     NULL);
  msg = soup_message_new_from_uri (method, uri);

  /* Never let libsoup re-send a write on its own (see the top of the file). */
  if (strcmp (method, SOUP_METHOD_GET) != 0)
    flags |= SOUP_MESSAGE_NEW_CONNECTION;
  soup_message_set_flags (msg, flags);

  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", self->authorization);

  return msg;
}

static void
set_json_body (SoupMessage *msg,
               JsonNode    *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  gsize length = strlen (text);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), length);

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
}

/* Retry-After: delay-seconds, or an HTTP-date. */
static gint64
parse_retry_after (SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *header = soup_message_headers_get_one (headers, "Retry-After");
  g_autofree char *value = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;

  if (header == NULL)
    return -1;

  value = g_strstrip (g_strdup (header));
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &seconds, NULL))
    return (gint64) seconds;

  if ((date = soup_date_time_new_from_http_string (value)) == NULL)
    return -1;

  now = rectify_clock_now_utc ();
  return MAX (0, g_date_time_difference (date, now) / G_TIME_SPAN_SECOND);
}

static GPtrArray *
parse_error_details (JsonObject *details)
{
  g_autoptr(GList) fields = json_object_get_members (details);
  GPtrArray *field_errors;

  field_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) rectify_desk_field_error_free);

  for (const GList *l = fields; l != NULL; l = l->next)
    {
      const char *field = l->data;
      JsonNode *list = json_object_get_member (details, field);
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (list))
        continue;

      array = json_node_get_array (list);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          JsonObject *object;
          const char *description;
          const char *code;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            continue;

          object = json_node_get_object (item);
          description = rectify_json_get_string (object, "description");
          code = rectify_json_get_string (object, "error");
          g_ptr_array_add (field_errors, rectify_desk_field_error_new (field, description, code));
        }
    }

  return field_errors;
}

/* The details of an error answer: {"error", "description", "details": {FIELD: [...]}}.
 * Whatever does not have that shape is ignored: the status alone decides. */
static void
parse_error_body (GBytes     *body,
                  char      **server_error,
                  GPtrArray **field_errors)
{
  g_autoptr(JsonNode) parsed = NULL;
  JsonObject *root;
  JsonNode *node;

  *server_error = NULL;
  *field_errors = NULL;

  if (body == NULL ||
      (parsed = rectify_json_read_bytes (body, RECTIFY_JSON_MAX_DESK_ANSWER_SIZE, NULL)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (parsed))
    return;

  root = json_node_get_object (parsed);

  /* "error" is a name, or on some endpoints an object with a "title". */
  node = json_object_get_member (root, "error");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    *server_error = g_strdup (rectify_json_get_string (json_node_get_object (node), "title"));
  else
    *server_error = g_strdup (rectify_json_get_string (root, "error"));

  node = json_object_get_member (root, "details");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    *field_errors = parse_error_details (json_node_get_object (node));
}

/* One HTTP exchange: send, read the answer with a size cap, and turn it into
 * a JSON root or a classified error. */

typedef struct
{
  goffset                 sent;
  goffset                 total;
  RectifyDeskProgressFunc func;
  gpointer                data;
} Progress;

typedef struct
{
  RectifyDeskClient *client;
  SoupMessage  *msg;
  GCancellable *cancellable;        /* ours: also cancels when the answer is too large */
  GCancellable *caller_cancellable;
  gulong        cancelled_id;
  GInputStream *stream;
  GByteArray   *body;
  Progress     *progress;           /* unowned, outlives the exchange */
  GSource      *deadline;
  guint         status;
  gboolean      connected;
  gboolean      wrote_body;
  gboolean      too_large;
  gboolean      timed_out;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  if (exchange->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (exchange->caller_cancellable, exchange->cancelled_id);
      if (g_hash_table_lookup (exchange->client->in_flight,
                               exchange->caller_cancellable) == exchange)
        g_hash_table_remove (exchange->client->in_flight, exchange->caller_cancellable);
    }
  g_clear_object (&exchange->caller_cancellable);

  if (exchange->msg != NULL)
    g_signal_handlers_disconnect_by_data (exchange->msg, exchange);

  if (exchange->deadline != NULL)
    g_source_destroy (exchange->deadline);
  g_clear_pointer (&exchange->deadline, g_source_unref);

  /* A stream not read to its end is dropped with its connection: cancel
   * first, so that closing it does not read (or wait for) the rest. */
  if (exchange->stream != NULL && !g_input_stream_is_closed (exchange->stream))
    {
      g_cancellable_cancel (exchange->cancellable);
      g_input_stream_close (exchange->stream, exchange->cancellable, NULL);
    }
  g_clear_object (&exchange->stream);
  g_clear_object (&exchange->msg);
  g_clear_object (&exchange->cancellable);
  g_clear_pointer (&exchange->body, g_byte_array_unref);
  g_clear_object (&exchange->client);
  g_free (exchange);
}

static void
exchange_caller_cancelled (GCancellable *cancellable,
                           GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static void
exchange_network_event (SoupMessage        *msg,
                        GSocketClientEvent  event,
                        GIOStream          *connection,
                        Exchange           *exchange)
{
  if (event == G_SOCKET_CLIENT_COMPLETE)
    exchange->connected = TRUE;
}

static void
exchange_wrote_body (SoupMessage *msg,
                     Exchange    *exchange)
{
  exchange->wrote_body = TRUE;
}

static void
exchange_wrote_body_data (SoupMessage *msg,
                          guint        chunk_size,
                          Exchange    *exchange)
{
  Progress *progress = exchange->progress;

  if (progress == NULL)
    return;

  progress->sent = MIN (progress->total, progress->sent + chunk_size);
  if (progress->func != NULL)
    progress->func (progress->sent, progress->total, progress->data);
}

static void
exchange_restarted (SoupMessage *msg,
                    Exchange    *exchange)
{
  /* A restart sends the body again; wrote_body stays set: it was sent once. */
  if (exchange->progress != NULL)
    exchange->progress->sent = 0;
}

static GError *
classify_transport_error (RectifyDeskClient *self,
                          Exchange          *exchange,
                          const GError      *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !exchange->timed_out)
    return g_error_copy (error);

  /* Method, path and the error's domain and code only: no message, which
   * could carry more than we want in a log. */
  g_debug ("%s %s: %s %d %s", soup_message_get_method (exchange->msg),
           g_uri_get_path (soup_message_get_uri (exchange->msg)),
           g_quark_to_string (error->domain), error->code,
           exchange->wrote_body ? "after the body was sent" : "before the body was sent");

  if (!exchange->wrote_body)
    {
      if (error->domain == G_TLS_ERROR)
        return rectify_desk_error_new (RECTIFY_DESK_ERROR_INSECURE, 0, -1, NULL, NULL,
                                       _("Could not set up a secure connection to the help "
                                         "desk: its identity could not be verified. Nothing "
                                         "was sent."));

      return rectify_desk_error_new (RECTIFY_DESK_ERROR_NOTHING_SENT, 0, -1, NULL, NULL, NULL);
    }

  return rectify_desk_error_new (RECTIFY_DESK_ERROR_AMBIGUOUS, 0, -1, NULL, NULL,
                                 exchange->timed_out
                                 ? _("The help desk took too long to answer. The request may "
                                     "or may not have arrived.")
                                 : NULL);
}

static gboolean
status_is_success (guint status)
{
  return status >= 200 && status <= 299;
}

/* A successful status with an answer that is not the JSON expected. A
 * write may have been taken by something other than the desk (a captive
 * portal's page says 200 too): it may or may not have reached the desk. */
static GError *
error_for_bad_answer (Exchange *exchange)
{
  if (status_is_success (exchange->status) &&
      strcmp (soup_message_get_method (exchange->msg), SOUP_METHOD_GET) != 0)
    return rectify_desk_error_new (RECTIFY_DESK_ERROR_AMBIGUOUS, exchange->status, -1,
                                   NULL, NULL,
                                   exchange->timed_out
                                   ? _("The help desk took too long to answer. The request "
                                       "may or may not have arrived.")
                                   : _("The help desk’s address answered with something other "
                                       "than the help desk’s answer, so it is not known "
                                       "whether the request arrived."));

  return rectify_desk_error_new (RECTIFY_DESK_ERROR_BAD_RESPONSE, exchange->status, -1,
                                 NULL, NULL, NULL);
}

/* A 404 with the desk's RecordNotFound is an unknown request; any other
 * 404 (an HTML page, nothing) means the address leads to no help desk. */
static GError *
error_for_not_found (Exchange   *exchange,
                     gint64      retry_after,
                     const char *server_error)
{
  if (g_strcmp0 (server_error, "RecordNotFound") == 0 &&
      strcmp (soup_message_get_method (exchange->msg), SOUP_METHOD_POST) != 0)
    return rectify_desk_error_new (RECTIFY_DESK_ERROR_NOT_FOUND, exchange->status, retry_after,
                                   server_error, NULL, NULL);

  return rectify_desk_error_new (RECTIFY_DESK_ERROR_HTTP, exchange->status, retry_after,
                                 server_error, NULL, NULL);
}

static GError *
error_for_answer (RectifyDeskClient *self,
                  Exchange          *exchange,
                  GBytes            *body)
{
  g_autofree char *server_error = NULL;
  g_autoptr(GPtrArray) field_errors = NULL;
  gint64 retry_after = parse_retry_after (exchange->msg);

  parse_error_body (body, &server_error, &field_errors);

  if (exchange->status == SOUP_STATUS_UNAUTHORIZED && self->auth == RECTIFY_DESK_AUTH_ANONYMOUS)
    return rectify_desk_error_new (RECTIFY_DESK_ERROR_UNAUTHORIZED, exchange->status,
                                   retry_after, server_error, field_errors,
                                   _("The help desk asks to sign in before it accepts this."));

  if (exchange->status == SOUP_STATUS_NOT_FOUND)
    return error_for_not_found (exchange, retry_after, server_error);

  return rectify_desk_error_new_for_status (exchange->status, retry_after,
                                            server_error, field_errors);
}

static void
exchange_finish_body (GTask *task)
{
  RectifyDeskClient *self = g_task_get_source_object (task);
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&exchange->body));
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (!status_is_success (exchange->status))
    {
      g_task_return_error (task, error_for_answer (self, exchange, body));
      return;
    }

  root = rectify_json_read_bytes (body, RECTIFY_JSON_MAX_DESK_ANSWER_SIZE, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("%s %s: the answer is not a JSON object (%s)",
               soup_message_get_method (exchange->msg),
               g_uri_get_path (soup_message_get_uri (exchange->msg)),
               error != NULL ? error->message : "another JSON value");
      g_task_return_error (task, error_for_bad_answer (exchange));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
}

/* The answer could not be read in full (cut short, too large, or the
 * connection failed half-way). */
static void
exchange_fail_body (GTask        *task,
                    const GError *error)
{
  RectifyDeskClient *self = g_task_get_source_object (task);
  Exchange *exchange = g_task_get_task_data (task);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !exchange->too_large && !exchange->timed_out)
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  g_debug ("%s %s -> %u, answer unreadable: %s", soup_message_get_method (exchange->msg),
           g_uri_get_path (soup_message_get_uri (exchange->msg)), exchange->status,
           exchange->too_large ? "too large" : exchange->timed_out ? "too slow" : "cut short");

  if (status_is_success (exchange->status))
    g_task_return_error (task, error_for_bad_answer (exchange));
  else
    g_task_return_error (task, error_for_answer (self, exchange, NULL));
}

static void
exchange_mark_too_large (Exchange *exchange)
{
  exchange->too_large = TRUE;
  g_cancellable_cancel (exchange->cancellable);
}

static void
exchange_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      exchange_fail_body (task, error);
      return;
    }

  length = g_bytes_get_size (bytes);
  if (length == 0)
    {
      g_input_stream_close (exchange->stream, NULL, NULL);
      exchange_finish_body (task);
      return;
    }

  if (exchange->body->len + length > RECTIFY_DESK_MAX_RESPONSE_SIZE)
    {
      exchange_mark_too_large (exchange);
      exchange_fail_body (task, NULL);
      return;
    }

  g_byte_array_append (exchange->body, g_bytes_get_data (bytes, NULL), length);
  g_input_stream_read_bytes_async (exchange->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   exchange->cancellable, exchange_read_cb,
                                   g_steal_pointer (&task));
}

static void
exchange_send_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RectifyDeskClient *self = g_task_get_source_object (task);
  Exchange *exchange = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  g_autoptr(GError) error = NULL;

  exchange->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (exchange->stream == NULL)
    {
      g_task_return_error (task, classify_transport_error (self, exchange, error));
      return;
    }

  exchange->status = soup_message_get_status (exchange->msg);
  g_debug ("%s %s -> %u", soup_message_get_method (exchange->msg),
           g_uri_get_path (soup_message_get_uri (exchange->msg)), exchange->status);

  /* Refuse an answer announced as too large without reading any of it. */
  headers = soup_message_get_response_headers (exchange->msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > RECTIFY_DESK_MAX_RESPONSE_SIZE)
    {
      exchange_mark_too_large (exchange);
      exchange_fail_body (task, NULL);
      return;
    }

  g_input_stream_read_bytes_async (exchange->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   exchange->cancellable, exchange_read_cb,
                                   g_steal_pointer (&task));
}

static gboolean
exchange_deadline_cb (gpointer user_data)
{
  Exchange *exchange = user_data;

  g_debug ("%s %s: past the deadline, giving up", soup_message_get_method (exchange->msg),
           g_uri_get_path (soup_message_get_uri (exchange->msg)));

  exchange->timed_out = TRUE;
  g_clear_pointer (&exchange->deadline, g_source_unref);
  g_cancellable_cancel (exchange->cancellable);

  return G_SOURCE_REMOVE;
}

static void
exchange_async (RectifyDeskClient   *self,
                SoupMessage         *msg,
                Progress            *progress,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Exchange *exchange;

  exchange = g_new0 (Exchange, 1);
  exchange->client = g_object_ref (self);
  exchange->msg = g_object_ref (msg);
  exchange->cancellable = g_cancellable_new ();
  exchange->body = g_byte_array_new ();
  exchange->progress = progress;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, exchange_async);
  g_task_set_task_data (task, exchange, (GDestroyNotify) exchange_free);

  if (cancellable != NULL)
    {
      exchange->caller_cancellable = g_object_ref (cancellable);
      exchange->cancelled_id = g_cancellable_connect (cancellable,
                                                      G_CALLBACK (exchange_caller_cancelled),
                                                      exchange->cancellable, NULL);
      g_hash_table_insert (self->in_flight, cancellable, exchange);
    }

  g_signal_connect (msg, "network-event", G_CALLBACK (exchange_network_event), exchange);
  g_signal_connect (msg, "wrote-body", G_CALLBACK (exchange_wrote_body), exchange);
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (exchange_wrote_body_data), exchange);
  g_signal_connect (msg, "restarted", G_CALLBACK (exchange_restarted), exchange);

  /* The deadline; an upload gets more time for its body, at a slow 32 KiB/s. */
  if (self->deadline_ms > 0)
    {
      g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
      guint64 ms = self->deadline_ms;

      if (progress != NULL && progress->total > 0)
        ms += (guint64) progress->total * 1000 / (32 * 1024);
      exchange->deadline = g_timeout_source_new ((guint) MIN (ms, G_MAXUINT));
      g_source_set_callback (exchange->deadline, exchange_deadline_cb, exchange, NULL);
      g_source_set_static_name (exchange->deadline, "[rectify] desk exchange deadline");
      g_source_attach (exchange->deadline, context);
    }

  soup_session_send_async (self->session, msg, G_PRIORITY_DEFAULT, exchange->cancellable,
                           exchange_send_cb, g_steal_pointer (&task));
}

/* The answer's JSON root (an object), and its status even on error. */
static JsonNode *
exchange_finish (RectifyDeskClient  *self,
                 GAsyncResult       *result,
                 guint              *status,
                 GError            **error)
{
  Exchange *exchange;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == exchange_async, NULL);

  exchange = g_task_get_task_data (G_TASK (result));
  *status = exchange->status;
  /* The answer is in: the deadline no longer applies to what follows. */
  if (exchange->deadline != NULL)
    g_source_destroy (exchange->deadline);
  g_clear_pointer (&exchange->deadline, g_source_unref);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reads root[member] as an object and parses it. */
typedef gpointer (*ParseFunc) (JsonNode  *node,
                               GError   **error);

static gpointer
parse_member (JsonNode    *root,
              const char  *member,
              ParseFunc    parse,
              Exchange    *exchange,
              GError     **error)
{
  JsonNode *node = json_object_get_member (json_node_get_object (root), member);
  g_autoptr(GError) local_error = NULL;
  gpointer result;

  if (node == NULL || (result = parse (node, &local_error)) == NULL)
    {
      g_debug ("The answer has no valid “%s”", member);
      g_propagate_error (error, error_for_bad_answer (exchange));
      return NULL;
    }

  return result;
}

/* Single calls: create, show, reply, upload */

typedef struct
{
  const char     *member;
  ParseFunc       parse;
  GDestroyNotify  result_free;
  Progress        progress;
  GDestroyNotify  progress_notify;
  GFile          *file;
  char           *file_name;
  char           *content_type;
} CallData;

static void
call_data_free (CallData *data)
{
  if (data->progress_notify != NULL)
    data->progress_notify (data->progress.data);
  g_clear_object (&data->file);
  g_free (data->file_name);
  g_free (data->content_type);
  g_free (data);
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  RectifyDeskClient *self = RECTIFY_DESK_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  gpointer parsed;
  guint status = 0;

  if ((root = exchange_finish (self, result, &status, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if ((parsed = parse_member (root, data->member, data->parse,
                              g_task_get_task_data (G_TASK (result)), &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, parsed, data->result_free);
}

static GTask *
call_task_new (RectifyDeskClient   *self,
               gpointer             source_tag,
               const char          *member,
               ParseFunc            parse,
               GDestroyNotify       result_free,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CallData *data = g_new0 (CallData, 1);

  data->member = member;
  data->parse = parse;
  data->result_free = result_free;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  return task;
}

static gpointer
call_finish (RectifyDeskClient  *self,
             GAsyncResult       *result,
             gpointer            source_tag,
             GError            **error)
{
  g_return_val_if_fail (RECTIFY_IS_DESK_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
build_comment (JsonBuilder        *builder,
               const char         *body,
               const char * const *upload_tokens)
{
  json_builder_set_member_name (builder, "comment");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body);
  if (upload_tokens != NULL && upload_tokens[0] != NULL)
    {
      json_builder_set_member_name (builder, "uploads");
      json_builder_begin_array (builder);
      for (guint i = 0; upload_tokens[i] != NULL; i++)
        json_builder_add_string_value (builder, upload_tokens[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

/**
 * rectify_desk_client_create_request_async:
 * @self: a #RectifyDeskClient
 * @subject: the subject (put the case's reference in it)
 * @body: the request text, plain
 * @upload_tokens: (nullable) (array zero-terminated=1): tokens from uploads
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Creates a request (`POST /api/v2/requests`). When anonymous, the
 * requester set with rectify_desk_client_set_anonymous() goes with it.
 * Never retried here: see rectify_desk_error_may_have_taken_effect().
 */
void
rectify_desk_client_create_request_async (RectifyDeskClient   *self,
                                          const char          *subject,
                                          const char          *body,
                                          const char * const  *upload_tokens,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  g_return_if_fail (RECTIFY_IS_DESK_CLIENT (self));
  g_return_if_fail (subject != NULL);
  g_return_if_fail (body != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = call_task_new (self, rectify_desk_client_create_request_async, "request",
                        (ParseFunc) rectify_desk_request_parse,
                        (GDestroyNotify) rectify_desk_request_free,
                        cancellable, callback, user_data);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, subject);
  build_comment (builder, body, upload_tokens);

  if (self->auth == RECTIFY_DESK_AUTH_ANONYMOUS)
    {
      json_builder_set_member_name (builder, "requester");
      json_builder_begin_object (builder);
      if (self->requester_name != NULL)
        {
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, self->requester_name);
        }
      if (self->requester_email != NULL)
        {
          json_builder_set_member_name (builder, "email");
          json_builder_add_string_value (builder, self->requester_email);
        }
      if (self->requester_locale > 0)
        {
          json_builder_set_member_name (builder, "locale_id");
          json_builder_add_int_value (builder, self->requester_locale);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);

  msg = new_message (self, SOUP_METHOD_POST, "/api/v2/requests", NULL);
  set_json_body (msg, node);

  exchange_async (self, msg, NULL, cancellable, call_cb, g_steal_pointer (&task));
}

/**
 * rectify_desk_client_create_request_finish:
 * @self: a #RectifyDeskClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new request, or %NULL with @error set
 */
RectifyDeskRequest *
rectify_desk_client_create_request_finish (RectifyDeskClient  *self,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  return call_finish (self, result, rectify_desk_client_create_request_async, error);
}

/**
 * rectify_desk_client_get_request_async:
 * @self: a #RectifyDeskClient
 * @request_id: the request's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads a request back (`GET /api/v2/requests/ID`), for its status.
 * Signed-in only.
 */
void
rectify_desk_client_get_request_async (RectifyDeskClient   *self,
                                       gint64               request_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (RECTIFY_IS_DESK_CLIENT (self));
  g_return_if_fail (request_id > 0);

  task = call_task_new (self, rectify_desk_client_get_request_async, "request",
                        (ParseFunc) rectify_desk_request_parse,
                        (GDestroyNotify) rectify_desk_request_free,
                        cancellable, callback, user_data);

  path = g_strdup_printf ("/api/v2/requests/%" G_GINT64_FORMAT, request_id);
  msg = new_message (self, SOUP_METHOD_GET, path, NULL);

  exchange_async (self, msg, NULL, cancellable, call_cb, g_steal_pointer (&task));
}

/**
 * rectify_desk_client_get_request_finish:
 * @self: a #RectifyDeskClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the request, or %NULL with @error set
 */
RectifyDeskRequest *
rectify_desk_client_get_request_finish (RectifyDeskClient  *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  return call_finish (self, result, rectify_desk_client_get_request_async, error);
}

/**
 * rectify_desk_client_add_comment_async:
 * @self: a #RectifyDeskClient
 * @request_id: the request's id
 * @body: the reply, plain text
 * @upload_tokens: (nullable) (array zero-terminated=1): tokens from uploads
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Adds the owner's reply to a request (`PUT /api/v2/requests/ID`). A closed
 * request refuses it (INVALID). Signed-in only.
 */
void
rectify_desk_client_add_comment_async (RectifyDeskClient   *self,
                                       gint64               request_id,
                                       const char          *body,
                                       const char * const  *upload_tokens,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (RECTIFY_IS_DESK_CLIENT (self));
  g_return_if_fail (request_id > 0);
  g_return_if_fail (body != NULL);

  task = call_task_new (self, rectify_desk_client_add_comment_async, "request",
                        (ParseFunc) rectify_desk_request_parse,
                        (GDestroyNotify) rectify_desk_request_free,
                        cancellable, callback, user_data);

  /* Only comment, solved and additional_collaborators are writable. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  build_comment (builder, body, upload_tokens);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);

  path = g_strdup_printf ("/api/v2/requests/%" G_GINT64_FORMAT, request_id);
  msg = new_message (self, SOUP_METHOD_PUT, path, NULL);
  set_json_body (msg, node);

  exchange_async (self, msg, NULL, cancellable, call_cb, g_steal_pointer (&task));
}

/**
 * rectify_desk_client_add_comment_finish:
 * @self: a #RectifyDeskClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the updated request, or %NULL with @error set
 */
RectifyDeskRequest *
rectify_desk_client_add_comment_finish (RectifyDeskClient  *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  return call_finish (self, result, rectify_desk_client_add_comment_async, error);
}

/* Uploads: query the file, refuse it locally if too large, stream it. */

static void
upload_progress (Progress *progress)
{
  if (progress->func != NULL)
    progress->func (progress->sent, progress->total, progress->data);
}

static void
upload_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RectifyDeskClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;
  GCancellable *cancellable;

  if ((stream = g_file_read_finish (G_FILE (object), result, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  escaped = g_uri_escape_string (data->file_name, NULL, FALSE);
  query = g_strconcat ("filename=", escaped, NULL);
  msg = new_message (self, SOUP_METHOD_POST, "/api/v2/uploads", query);

  /* Streamed from the file: never the whole file in memory. */
  soup_message_set_request_body (msg, data->content_type, G_INPUT_STREAM (stream),
                                 data->progress.total);

  upload_progress (&data->progress);
  cancellable = g_task_get_cancellable (task);
  exchange_async (self, msg, &data->progress, cancellable, call_cb, g_steal_pointer (&task));
}

/* The name the desk records for a file, which support sees: always valid
 * UTF-8 (a name in another encoding gets U+FFFD for the bytes that are not,
 * never GLib's " (invalid encoding)" after the extension), without control
 * characters, and with the file's own extension. */
static char *
upload_file_name (const char *hint,
                  GFile      *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = NULL;

  if (hint != NULL && *hint != '\0' && g_utf8_validate (hint, -1, NULL) &&
      strstr (hint, "\xef\xbf\xbd") == NULL)
    name = g_strdup (hint);
  else if (basename != NULL)
    name = g_utf8_make_valid (basename, -1);
  else
    name = g_strdup ("file");

  for (char *p = name; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f || *p == '/')
      *p = '_';

  return g_steal_pointer (&name);
}

static void
upload_query_info_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RectifyDeskClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *name = NULL;
  GCancellable *cancellable;
  const char *content_type;
  goffset size;

  if ((info = g_file_query_info_finish (G_FILE (object), result, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                               _("“%s” is not a file that can be attached."),
                               g_file_info_get_display_name (info));
      return;
    }

  name = upload_file_name (data->file_name, data->file);
  g_free (data->file_name);
  data->file_name = g_steal_pointer (&name);

  size = g_file_info_get_size (info);
  if (size > self->max_upload_size)
    {
      g_autofree char *size_text = g_format_size (size);
      g_autofree char *limit_text = g_format_size (self->max_upload_size);
      g_autofree char *message = NULL;

      /* Translators: the first %s is a file name, the others are sizes like "52 MB". */
      message = g_strdup_printf (_("“%s” is too large to attach (%s; the help desk accepts "
                                   "up to %s)."),
                                 data->file_name, size_text, limit_text);
      g_task_return_error (task, rectify_desk_error_new (RECTIFY_DESK_ERROR_TOO_LARGE, 0, -1,
                                                         NULL, NULL, message));
      return;
    }

  content_type = g_file_info_get_content_type (info);
  if (content_type != NULL)
    mime_type = g_content_type_get_mime_type (content_type);
  data->content_type = mime_type != NULL ? g_steal_pointer (&mime_type)
                                         : g_strdup ("application/octet-stream");
  data->progress.total = size;

  cancellable = g_task_get_cancellable (task);
  g_file_read_async (data->file, G_PRIORITY_DEFAULT, cancellable,
                     upload_read_cb, g_steal_pointer (&task));
}

/**
 * rectify_desk_client_upload_async:
 * @self: a #RectifyDeskClient
 * @file: the file to attach
 * @file_name: (nullable): the name to give it, or %NULL for its display name
 * @progress: (nullable) (scope notified): called as the file is sent
 * @progress_data: data for @progress
 * @progress_notify: (nullable): frees @progress_data
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Uploads a file (`POST /api/v2/uploads`), streamed from disk with the
 * content type GIO finds. A file over the maximum upload size is refused
 * with TOO_LARGE before anything is sent.
 */
void
rectify_desk_client_upload_async (RectifyDeskClient       *self,
                                  GFile                   *file,
                                  const char              *file_name,
                                  RectifyDeskProgressFunc  progress,
                                  gpointer                 progress_data,
                                  GDestroyNotify           progress_notify,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  CallData *data;

  g_return_if_fail (RECTIFY_IS_DESK_CLIENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = call_task_new (self, rectify_desk_client_upload_async, "upload",
                        (ParseFunc) rectify_desk_upload_parse,
                        (GDestroyNotify) rectify_desk_upload_free,
                        cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->file = g_object_ref (file);
  data->file_name = g_strdup (file_name);
  data->progress.func = progress;
  data->progress.data = progress_data;
  data->progress_notify = progress_notify;

  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                           G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                           G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, cancellable,
                           upload_query_info_cb, g_steal_pointer (&task));
}

/**
 * rectify_desk_client_upload_finish:
 * @self: a #RectifyDeskClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the upload (its token is single-use and valid
 *   60 minutes), or %NULL with @error set
 */
RectifyDeskUpload *
rectify_desk_client_upload_finish (RectifyDeskClient  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  return call_finish (self, result, rectify_desk_client_upload_async, error);
}

/* Lists: follow the cursors until meta.has_more is false. The next page is
 * always asked of the desk's own base URL with meta.after_cursor: a
 * links.next pointing elsewhere is never followed with our credentials. */

typedef struct
{
  char       *path;
  const char *member;
  ParseFunc   parse;
  GPtrArray  *items;
  char       *cursor;
  guint       pages;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_free (data->cursor);
  g_free (data);
}

static void list_fetch_page (GTask *task);

/* page[after] from a links.next URL, for a desk that gives no after_cursor. */
static char *
cursor_from_next_link (JsonObject *links)
{
  JsonNode *next = json_object_get_member (links, "next");
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *query;

  if (next == NULL || json_node_get_value_type (next) != G_TYPE_STRING)
    return NULL;
  if ((uri = g_uri_parse (json_node_get_string (next), G_URI_FLAGS_ENCODED, NULL)) == NULL)
    return NULL;
  if ((query = g_uri_get_query (uri)) == NULL)
    return NULL;
  if ((params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL)) == NULL)
    return NULL;

  return g_strdup (g_hash_table_lookup (params, "page[after]"));
}

static gboolean
list_read_page (ListData    *data,
                JsonNode    *root,
                guint        status,
                gboolean    *has_more,
                GError     **error)
{
  JsonObject *object = json_node_get_object (root);
  JsonNode *list = json_object_get_member (object, data->member);
  JsonNode *meta = json_object_get_member (object, "meta");
  JsonNode *links = json_object_get_member (object, "links");
  g_autofree char *cursor = NULL;

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    goto bad;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      gpointer item = data->parse (json_array_get_element (json_node_get_array (list), i), NULL);

      if (item == NULL)
        goto bad;
      g_ptr_array_add (data->items, item);
    }

  *has_more = FALSE;
  if (meta != NULL && !JSON_NODE_HOLDS_NULL (meta))
    {
      JsonNode *node;

      if (!JSON_NODE_HOLDS_OBJECT (meta))
        goto bad;

      node = json_object_get_member (json_node_get_object (meta), "has_more");
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
            goto bad;
          *has_more = json_node_get_boolean (node);
        }

      node = json_object_get_member (json_node_get_object (meta), "after_cursor");
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          if (json_node_get_value_type (node) != G_TYPE_STRING)
            goto bad;
          cursor = g_strdup (json_node_get_string (node));
        }
    }

  if (!*has_more)
    return TRUE;

  if (cursor == NULL && links != NULL && JSON_NODE_HOLDS_OBJECT (links))
    cursor = cursor_from_next_link (json_node_get_object (links));

  /* More pages, but no way to ask for them, or the same page again. */
  if (cursor == NULL || cursor[0] == '\0' || g_strcmp0 (cursor, data->cursor) == 0 ||
      ++data->pages >= MAX_PAGES)
    goto bad;

  g_free (data->cursor);
  data->cursor = g_steal_pointer (&cursor);

  return TRUE;

bad:
  g_debug ("Unexpected page in the list of %s", data->member);
  g_propagate_error (error, rectify_desk_error_new (RECTIFY_DESK_ERROR_BAD_RESPONSE,
                                                    status, -1, NULL, NULL, NULL));
  return FALSE;
}

static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RectifyDeskClient *self = RECTIFY_DESK_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  gboolean has_more = FALSE;
  guint status = 0;

  if ((root = exchange_finish (self, result, &status, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!list_read_page (data, root, status, &has_more, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (has_more)
    {
      list_fetch_page (g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&data->items), (GDestroyNotify) g_ptr_array_unref);
}

static void
list_fetch_page (GTask *task)
{
  RectifyDeskClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *query = NULL;

  if (data->cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (data->cursor, NULL, FALSE);

      query = g_strdup_printf ("page%%5Bsize%%5D=%d&page%%5Bafter%%5D=%s", PAGE_SIZE, escaped);
    }
  else
    {
      query = g_strdup_printf ("page%%5Bsize%%5D=%d", PAGE_SIZE);
    }

  msg = new_message (self, SOUP_METHOD_GET, data->path, query);
  exchange_async (self, msg, NULL, g_task_get_cancellable (task), list_page_cb, task);
}

static void
list_async (RectifyDeskClient   *self,
            gpointer             source_tag,
            char                *path,
            const char          *member,
            ParseFunc            parse,
            GDestroyNotify       item_free,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ListData *data = g_new0 (ListData, 1);

  data->path = path;
  data->member = member;
  data->parse = parse;
  data->items = g_ptr_array_new_with_free_func (item_free);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);

  list_fetch_page (task);
}

/**
 * rectify_desk_client_list_comments_async:
 * @self: a #RectifyDeskClient
 * @request_id: the request's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists all the comments of a request the owner can see, oldest first,
 * following the cursors page after page. Signed-in only.
 */
void
rectify_desk_client_list_comments_async (RectifyDeskClient   *self,
                                         gint64               request_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (RECTIFY_IS_DESK_CLIENT (self));
  g_return_if_fail (request_id > 0);

  list_async (self, rectify_desk_client_list_comments_async,
              g_strdup_printf ("/api/v2/requests/%" G_GINT64_FORMAT "/comments", request_id),
              "comments", (ParseFunc) rectify_desk_comment_parse,
              (GDestroyNotify) rectify_desk_comment_free,
              cancellable, callback, user_data);
}

/**
 * rectify_desk_client_list_comments_finish:
 * @self: a #RectifyDeskClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type RectifyDeskComment): the
 *   comments, or %NULL with @error set
 */
GPtrArray *
rectify_desk_client_list_comments_finish (RectifyDeskClient  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  return call_finish (self, result, rectify_desk_client_list_comments_async, error);
}

/**
 * rectify_desk_client_list_requests_async:
 * @self: a #RectifyDeskClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists all the signed-in user's requests (`GET /api/v2/requests`),
 * following the cursors: after an ambiguous failure, the outbox looks for
 * the case's reference in their subjects before sending again.
 */
void
rectify_desk_client_list_requests_async (RectifyDeskClient   *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (RECTIFY_IS_DESK_CLIENT (self));

  list_async (self, rectify_desk_client_list_requests_async, g_strdup ("/api/v2/requests"),
              "requests", (ParseFunc) rectify_desk_request_parse,
              (GDestroyNotify) rectify_desk_request_free,
              cancellable, callback, user_data);
}

/**
 * rectify_desk_client_list_requests_finish:
 * @self: a #RectifyDeskClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type RectifyDeskRequest): the
 *   requests, or %NULL with @error set
 */
GPtrArray *
rectify_desk_client_list_requests_finish (RectifyDeskClient  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  return call_finish (self, result, rectify_desk_client_list_requests_async, error);
}

/* GObject */

static void
rectify_desk_client_finalize (GObject *object)
{
  RectifyDeskClient *self = (RectifyDeskClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_free (self->base_url);
  g_free (self->base_path);
  g_free (self->authorization);
  g_free (self->requester_name);
  g_free (self->requester_email);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);

  G_OBJECT_CLASS (rectify_desk_client_parent_class)->finalize (object);
}

static void
rectify_desk_client_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RectifyDeskClient *self = RECTIFY_DESK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_AUTH:
      g_value_set_enum (value, self->auth);
      break;
    case PROP_MAX_UPLOAD_SIZE:
      g_value_set_int64 (value, self->max_upload_size);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, rectify_desk_client_get_timeout (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_desk_client_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RectifyDeskClient *self = RECTIFY_DESK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_MAX_UPLOAD_SIZE:
      rectify_desk_client_set_max_upload_size (self, g_value_get_int64 (value));
      break;
    case PROP_TIMEOUT:
      rectify_desk_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rectify_desk_client_class_init (RectifyDeskClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rectify_desk_client_finalize;
  object_class->get_property = rectify_desk_client_get_property;
  object_class->set_property = rectify_desk_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTH] =
    g_param_spec_enum ("auth", NULL, NULL,
                       RECTIFY_TYPE_DESK_AUTH,
                       RECTIFY_DESK_AUTH_ANONYMOUS,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MAX_UPLOAD_SIZE] =
    g_param_spec_int64 ("max-upload-size", NULL, NULL,
                        0, G_MAXINT64, RECTIFY_DESK_DEFAULT_MAX_UPLOAD_SIZE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXUINT, RECTIFY_DESK_DEFAULT_TIMEOUT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rectify_desk_client_init (RectifyDeskClient *self)
{
  self->auth = RECTIFY_DESK_AUTH_ANONYMOUS;
  self->max_upload_size = RECTIFY_DESK_DEFAULT_MAX_UPLOAD_SIZE;
  self->deadline_ms = RECTIFY_DESK_DEFAULT_DEADLINE_MS;
  self->in_flight = g_hash_table_new (NULL, NULL);
  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout", RECTIFY_DESK_DEFAULT_TIMEOUT,
                                                 "idle-timeout", 60,
                                                 NULL);

  /* Authorization is set on each message; libsoup must not answer 401s on
   * its own or re-send anything. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_AUTH_MANAGER);
}

/**
 * rectify_desk_client_new:
 * @base_url: the desk's base URL, such as `https://ringover.zendesk.com`
 * @error: return location for a #GError
 *
 * A client for the desk at @base_url, anonymous until told otherwise.
 * Plain `http://` is refused (INSECURE) unless the host is this computer
 * (127.0.0.0/8, ::1, localhost), for a local test desk.
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 */
RectifyDeskClient *
rectify_desk_client_new (const char  *base_url,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  RectifyDeskClient *self;
  const char *path;

  if ((uri = parse_base_url (base_url, error)) == NULL)
    return NULL;

  self = g_object_new (RECTIFY_TYPE_DESK_CLIENT, NULL);
  self->base_uri = g_steal_pointer (&uri);
  self->base_url = g_strdup (base_url);
  path = g_uri_get_path (self->base_uri);
  self->base_path = g_strdup (path != NULL ? path : "");
  while (g_str_has_suffix (self->base_path, "/"))
    self->base_path[strlen (self->base_path) - 1] = '\0';

  return self;
}

const char *
rectify_desk_client_get_base_url (RectifyDeskClient *self)
{
  g_return_val_if_fail (RECTIFY_IS_DESK_CLIENT (self), NULL);

  return self->base_url;
}

/* The help-centre page of a request, for people: BASE/hc/requests/ID. */
char *
rectify_desk_client_dup_request_page_url (RectifyDeskClient *self,
                                          gint64             request_id)
{
  g_autofree char *path = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (RECTIFY_IS_DESK_CLIENT (self), NULL);
  g_return_val_if_fail (request_id > 0, NULL);

  path = g_strdup_printf ("%s/hc/requests/%" G_GINT64_FORMAT, self->base_path, request_id);
  uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (self->base_uri), NULL,
                     g_uri_get_host (self->base_uri), g_uri_get_port (self->base_uri),
                     path, NULL, NULL);

  return g_uri_to_string (uri);
}

RectifyDeskAuth
rectify_desk_client_get_auth (RectifyDeskClient *self)
{
  g_return_val_if_fail (RECTIFY_IS_DESK_CLIENT (self), RECTIFY_DESK_AUTH_ANONYMOUS);

  return self->auth;
}

static void
set_auth (RectifyDeskClient *self,
          RectifyDeskAuth    auth,
          char              *authorization)
{
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);
  self->authorization = authorization;

  if (self->auth != auth)
    {
      self->auth = auth;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH]);
    }
}

/**
 * rectify_desk_client_set_anonymous:
 * @self: a #RectifyDeskClient
 * @name: (nullable): the requester's name
 * @email: (nullable): the requester's e-mail address
 * @locale_id: the desk's locale id for the requester's language, or 0
 *
 * Sends without credentials, as the requester @name <@email>. Only
 * creating requests and uploading work anonymously, where the desk allows.
 */
void
rectify_desk_client_set_anonymous (RectifyDeskClient *self,
                                   const char        *name,
                                   const char        *email,
                                   gint64             locale_id)
{
  g_return_if_fail (RECTIFY_IS_DESK_CLIENT (self));

  g_free (self->requester_name);
  self->requester_name = g_strdup (name);
  g_free (self->requester_email);
  self->requester_email = g_strdup (email);
  self->requester_locale = locale_id;

  set_auth (self, RECTIFY_DESK_AUTH_ANONYMOUS, NULL);
}

/* Signs in with an OAuth access token: `Authorization: Bearer TOKEN`. */
void
rectify_desk_client_set_oauth_token (RectifyDeskClient *self,
                                     const char        *token)
{
  g_return_if_fail (RECTIFY_IS_DESK_CLIENT (self));
  g_return_if_fail (token != NULL && token[0] != '\0');

  set_auth (self, RECTIFY_DESK_AUTH_OAUTH, g_strconcat ("Bearer ", token, NULL));
}

/* Signs in with an API token: `Authorization: Basic base64(EMAIL/token:TOKEN)`. */
void
rectify_desk_client_set_api_token (RectifyDeskClient *self,
                                   const char        *email,
                                   const char        *token)
{
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;

  g_return_if_fail (RECTIFY_IS_DESK_CLIENT (self));
  g_return_if_fail (email != NULL && email[0] != '\0');
  g_return_if_fail (token != NULL && token[0] != '\0');

  credentials = g_strconcat (email, "/token:", token, NULL);
  encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  memset (credentials, 0, strlen (credentials));

  set_auth (self, RECTIFY_DESK_AUTH_API_TOKEN, g_strconcat ("Basic ", encoded, NULL));
  memset (encoded, 0, strlen (encoded));
}

goffset
rectify_desk_client_get_max_upload_size (RectifyDeskClient *self)
{
  g_return_val_if_fail (RECTIFY_IS_DESK_CLIENT (self), 0);

  return self->max_upload_size;
}

/* Files larger than @size bytes are refused before anything is sent. The
 * caller sets it from the provider profile. */
void
rectify_desk_client_set_max_upload_size (RectifyDeskClient *self,
                                         goffset            size)
{
  g_return_if_fail (RECTIFY_IS_DESK_CLIENT (self));
  g_return_if_fail (size >= 0);

  if (self->max_upload_size != size)
    {
      self->max_upload_size = size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_UPLOAD_SIZE]);
    }
}

/**
 * rectify_desk_client_may_have_sent:
 * @self: a #RectifyDeskClient
 * @cancellable: the cancellable a call was started with
 *
 * Whether any of the request started with @cancellable may have left.
 * Until its connection is up (resolving, connecting, the TLS handshake)
 * nothing can have: cancelling it then provably leaves nothing on the
 * desk. From then on bytes may be on their way before libsoup says so
 * (wrote-body comes a main-loop iteration after the write), so this
 * answers %TRUE. %FALSE when no call with @cancellable is under way.
 *
 * Returns: whether the request may have left
 */
gboolean
rectify_desk_client_may_have_sent (RectifyDeskClient *self,
                                   GCancellable      *cancellable)
{
  Exchange *exchange;

  g_return_val_if_fail (RECTIFY_IS_DESK_CLIENT (self), FALSE);

  if (cancellable == NULL)
    return FALSE;

  exchange = g_hash_table_lookup (self->in_flight, cancellable);
  return exchange != NULL && (exchange->connected || exchange->wrote_body);
}

/* The overall deadline of one exchange, in milliseconds (0: none). An
 * upload has more, for its body. */
guint
rectify_desk_client_get_deadline (RectifyDeskClient *self)
{
  g_return_val_if_fail (RECTIFY_IS_DESK_CLIENT (self), 0);

  return self->deadline_ms;
}

/* For tests and the test desk's slow modes: applies to exchanges started
 * afterwards. */
void
rectify_desk_client_set_deadline (RectifyDeskClient *self,
                                  guint              milliseconds)
{
  g_return_if_fail (RECTIFY_IS_DESK_CLIENT (self));

  self->deadline_ms = milliseconds;
}

guint
rectify_desk_client_get_timeout (RectifyDeskClient *self)
{
  g_return_val_if_fail (RECTIFY_IS_DESK_CLIENT (self), 0);

  return soup_session_get_timeout (self->session);
}

/* Seconds a connection, a write or a read may stall before the call fails. */
void
rectify_desk_client_set_timeout (RectifyDeskClient *self,
                                 guint              seconds)
{
  g_return_if_fail (RECTIFY_IS_DESK_CLIENT (self));
  g_return_if_fail (seconds > 0);

  if (soup_session_get_timeout (self->session) != seconds)
    {
      soup_session_set_timeout (self->session, seconds);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
    }
}

/**
 * rectify_desk_client_set_tls_database:
 * @self: a #RectifyDeskClient
 * @database: the certificate authorities to trust
 *
 * Replaces the system's trusted certificate authorities: for tests, so a
 * local HTTPS desk with its own certificate can be trusted. Verification
 * itself is never turned off.
 */
void
rectify_desk_client_set_tls_database (RectifyDeskClient *self,
                                      GTlsDatabase      *database)
{
  g_return_if_fail (RECTIFY_IS_DESK_CLIENT (self));
  g_return_if_fail (G_IS_TLS_DATABASE (database));

  soup_session_set_tls_database (self->session, database);
}
