/* rectify-oauth.c: signing in to the help desk with OAuth and PKCE
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* explicit_bzero() and getrandom() are glibc extensions. */
#define _DEFAULT_SOURCE

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "rectify-clock.h"
#include "rectify-json-reader.h"
#include "rectify-oauth.h"

/* Zendesk's sign-in for apps, now that API tokens are ending: the
 * authorization-code grant with PKCE (RFC 7636, S256), which a desktop app
 * must use because it cannot keep a client secret.
 *
 * 1. rectify_oauth_begin() makes a fresh verifier and state, listens on the
 *    loopback address and port of the redirect URI the desk registered for
 *    the client (from the provider profile: the desk compares it exactly),
 *    and returns the authorization URL for the owner's browser.
 * 2. rectify_oauth_sign_in_async() waits for the browser to come back to
 *    that address with ?code=…&state=…; an answer whose state is not this
 *    sign-in's is refused and the wait goes on. The code is exchanged at
 *    BASE/oauth/tokens with the verifier.
 * 3. The access token is refreshed before it expires (within fifteen
 *    minutes of its end), and on a 401, with
 *    the refresh token; the desk rotates the pair, so the new refresh token
 *    replaces the old one at once. Signing out revokes the access token.
 *
 * Everything the desk says is read with a size cap, and the JSON is checked
 * for type before each read. Tokens are never logged. */

#define MAX_ANSWER_BYTES (64 * 1024)
#define MAX_DEPTH        16
#define REFRESH_MARGIN_S (15 * 60)
#define VERIFIER_BYTES   32
#define STATE_BYTES      16

G_DEFINE_QUARK (rectify-oauth-error-quark, rectify_oauth_error)

struct _RectifyOAuth
{
  GObject parent_instance;

  char *desk_url;
  char *client_id;
  char *redirect_uri;
  char *scope;
  SoupSession *session;

  /* The sign-in under way. */
  SoupServer *listener;
  char *redirect_path;
  char *state;
  char *verifier;
  GTask *waiting;
  char *code;
};

G_DEFINE_FINAL_TYPE (RectifyOAuth, rectify_oauth, G_TYPE_OBJECT)

/* Random bytes from the kernel: the verifier and state must not be guessed. */
static gboolean
fill_random (guint8 *buffer,
             gsize   length)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n = getrandom (buffer + done, length - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += n;
    }

  return TRUE;
}

/* base64url without padding (RFC 4648 §5), as PKCE wants. */
static char *
base64url (const guint8 *data,
           gsize         length)
{
  char *text = g_base64_encode (data, length);
  char *end;

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  if ((end = strchr (text, '=')) != NULL)
    *end = '\0';

  return text;
}

static char *
random_token (gsize bytes)
{
  guint8 buffer[64];

  g_assert (bytes <= sizeof buffer);
  if (!fill_random (buffer, bytes))
    return NULL;

  return base64url (buffer, bytes);
}

/**
 * rectify_oauth_new_verifier:
 *
 * A PKCE code verifier: 32 random bytes, 43 characters of base64url.
 *
 * Returns: (transfer full) (nullable): the verifier, or %NULL when the
 *   system has no randomness to give
 */
char *
rectify_oauth_new_verifier (void)
{
  return random_token (VERIFIER_BYTES);
}

/**
 * rectify_oauth_challenge_for:
 * @verifier: a code verifier
 *
 * Returns: (transfer full): base64url (SHA-256 (@verifier)), unpadded
 */
char *
rectify_oauth_challenge_for (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &length);

  return base64url (digest, length);
}

/* Tokens */

void
rectify_oauth_tokens_free (RectifyOAuthTokens *tokens)
{
  if (tokens == NULL)
    return;

  if (tokens->access_token != NULL)
    explicit_bzero (tokens->access_token, strlen (tokens->access_token));
  if (tokens->refresh_token != NULL)
    explicit_bzero (tokens->refresh_token, strlen (tokens->refresh_token));
  g_free (tokens->access_token);
  g_free (tokens->refresh_token);
  g_free (tokens);
}

/**
 * rectify_oauth_tokens_to_json:
 * @tokens: tokens
 *
 * Returns: (transfer full): the tokens as the keyring keeps them
 */
char *
rectify_oauth_tokens_to_json (const RectifyOAuthTokens *tokens)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (tokens != NULL && tokens->access_token != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, tokens->access_token);
  if (tokens->refresh_token != NULL)
    {
      json_builder_set_member_name (builder, "refresh_token");
      json_builder_add_string_value (builder, tokens->refresh_token);
    }
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, tokens->expires_at);
  json_builder_set_member_name (builder, "refresh_expires_at");
  json_builder_add_int_value (builder, tokens->refresh_expires_at);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Refuses what json-glib's recursive parser should never see, through the
 * JSON reader's scan: a scan of its own that only knows double quotes can
 * be fooled by json-glib's single-quoted strings and comments
 * ("['\"', [[[…" hides every bracket from it). */
static gboolean
check_shape (const char  *data,
             gsize        length,
             GError     **error)
{
  if (rectify_json_check_limits (data, length, MAX_ANSWER_BYTES, MAX_DEPTH, NULL))
    return TRUE;

  g_set_error_literal (error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_BAD_RESPONSE,
                       _("The help desk’s answer to the sign-in could not be read"));
  return FALSE;
}

static JsonObject *
parse_object (const char  *data,
              gsize        length,
              JsonParser  *parser,
              GError     **error)
{
  JsonNode *root;

  if (!check_shape (data, length, error))
    return NULL;

  if (!json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_BAD_RESPONSE,
                           _("The help desk’s answer to the sign-in could not be read"));
      return NULL;
    }

  return json_node_get_object (root);
}

/**
 * rectify_oauth_tokens_from_json:
 * @json: tokens as rectify_oauth_tokens_to_json() wrote them
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the tokens
 */
RectifyOAuthTokens *
rectify_oauth_tokens_from_json (const char  *json,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(RectifyOAuthTokens) tokens = g_new0 (RectifyOAuthTokens, 1);
  JsonObject *object;
  const char *access;

  g_return_val_if_fail (json != NULL, NULL);

  if ((object = parse_object (json, strlen (json), parser, error)) == NULL)
    return NULL;

  if ((access = rectify_json_get_string (object, "access_token")) == NULL || *access == '\0')
    {
      g_set_error_literal (error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_BAD_RESPONSE,
                           _("The help desk’s answer to the sign-in could not be read"));
      return NULL;
    }

  tokens->access_token = g_strdup (access);
  tokens->refresh_token = g_strdup (rectify_json_get_string (object, "refresh_token"));
  rectify_json_get_int (object, "expires_at", &tokens->expires_at);
  rectify_json_get_int (object, "refresh_expires_at", &tokens->refresh_expires_at);

  return g_steal_pointer (&tokens);
}

/**
 * rectify_oauth_tokens_need_refresh:
 * @tokens: tokens
 * @now: the time it is
 *
 * Returns: whether the access token has expired or will within fifteen
 *   minutes (the application renews its client every ten), and a refresh
 *   token could renew it
 */
gboolean
rectify_oauth_tokens_need_refresh (const RectifyOAuthTokens *tokens,
                                   GDateTime                *now)
{
  g_return_val_if_fail (tokens != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return tokens->refresh_token != NULL && tokens->expires_at > 0 &&
         g_date_time_to_unix (now) >= tokens->expires_at - REFRESH_MARGIN_S;
}

/* The token endpoint */

typedef struct
{
  SoupMessage *message;
  GInputStream *stream;
  GByteArray *body;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_clear_object (&exchange->message);
  g_clear_object (&exchange->stream);
  if (exchange->body != NULL)
    {
      /* An empty answer (204) has no data at all. */
      if (exchange->body->len > 0)
        explicit_bzero (exchange->body->data, exchange->body->len);
      g_byte_array_unref (exchange->body);
    }
  g_free (exchange);
}

static RectifyOAuthTokens *
tokens_from_answer (Exchange  *exchange,
                    GError   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(RectifyOAuthTokens) tokens = g_new0 (RectifyOAuthTokens, 1);
  g_autoptr(GDateTime) now = rectify_clock_now_utc ();
  guint status = soup_message_get_status (exchange->message);
  JsonObject *object;
  const char *text;
  gint64 seconds;

  object = parse_object ((const char *) exchange->body->data, exchange->body->len, parser, NULL);

  if (status == SOUP_STATUS_BAD_REQUEST || status == SOUP_STATUS_UNAUTHORIZED)
    {
      const char *code = object != NULL ? rectify_json_get_string (object, "error") : NULL;

      g_debug ("The token endpoint refused the grant (%u, %s)", status,
               code != NULL ? code : "no error code");
      g_set_error_literal (error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_INVALID_GRANT,
                           _("The help desk no longer accepts this sign-in: sign in again"));
      return NULL;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || object == NULL ||
      (text = rectify_json_get_string (object, "access_token")) == NULL || *text == '\0')
    {
      g_set_error (error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_BAD_RESPONSE,
                   _("The help desk’s answer to the sign-in could not be read (status %u)"),
                   status);
      return NULL;
    }

  tokens->access_token = g_strdup (text);
  tokens->refresh_token = g_strdup (rectify_json_get_string (object, "refresh_token"));
  if (rectify_json_get_int (object, "expires_in", &seconds) && seconds > 0)
    tokens->expires_at = g_date_time_to_unix (now) + seconds;
  if (rectify_json_get_int (object, "refresh_token_expires_in", &seconds) && seconds > 0)
    tokens->refresh_expires_at = g_date_time_to_unix (now) + seconds;

  return g_steal_pointer (&tokens);
}

/* Ends @task with the pair the token endpoint's answer holds, or why not. */
static void
return_tokens (GTask *task,
               GTask *exchange_task)
{
  GError *error = NULL;
  RectifyOAuthTokens *tokens;

  if (!g_task_propagate_boolean (exchange_task, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  tokens = tokens_from_answer (g_task_get_task_data (exchange_task), &error);
  if (tokens == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tokens, (GDestroyNotify) rectify_oauth_tokens_free);
}

static void read_more (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      g_task_return_new_error (task, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_NETWORK,
                               _("The help desk could not be reached: %s"), error->message);
      g_clear_error (&error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (exchange->body->len + g_bytes_get_size (chunk) > MAX_ANSWER_BYTES)
    {
      g_task_return_new_error (task, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_BAD_RESPONSE,
                               _("The help desk’s answer to the sign-in could not be read"));
      return;
    }

  g_byte_array_append (exchange->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_more (g_steal_pointer (&task));
}

static void
read_more (GTask *task)
{
  Exchange *exchange = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (exchange->stream, 8192, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Exchange *exchange = g_task_get_task_data (task);
  GError *error = NULL;

  exchange->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (exchange->stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, error);
      else
        {
          g_task_return_new_error (task, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_NETWORK,
                                   _("The help desk could not be reached: %s"), error->message);
          g_clear_error (&error);
        }
      return;
    }

  read_more (g_steal_pointer (&task));
}

/* Sends @message and reads its answer, up to MAX_ANSWER_BYTES. */
static void
exchange_async (RectifyOAuth        *self,
                SoupMessage         *message,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Exchange *exchange = g_new0 (Exchange, 1);

  g_task_set_source_tag (task, source_tag);
  exchange->message = g_object_ref (message);
  exchange->body = g_byte_array_new ();
  g_task_set_task_data (task, exchange, (GDestroyNotify) exchange_free);

  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT, cancellable, sent_cb,
                           task);
}

static SoupMessage *
token_message (RectifyOAuth *self,
               JsonBuilder  *builder)
{
  g_autofree char *url = g_strconcat (self->desk_url, "/oauth/tokens", NULL);
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *json = json_to_string (root, FALSE);
  gsize length = strlen (json);
  g_autoptr(GBytes) body = g_bytes_new_take (json, length);
  SoupMessage *message = soup_message_new (SOUP_METHOD_POST, url);

  soup_message_set_request_body_from_bytes (message, "application/json", body);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  return message;
}

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* GObject */

static void
stop_listening (RectifyOAuth *self)
{
  if (self->listener != NULL)
    {
      soup_server_disconnect (self->listener);
      g_clear_object (&self->listener);
    }
}

static void
rectify_oauth_dispose (GObject *object)
{
  RectifyOAuth *self = RECTIFY_OAUTH (object);

  stop_listening (self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rectify_oauth_parent_class)->dispose (object);
}

static void
rectify_oauth_finalize (GObject *object)
{
  RectifyOAuth *self = RECTIFY_OAUTH (object);

  g_free (self->desk_url);
  g_free (self->client_id);
  g_free (self->redirect_uri);
  g_free (self->scope);
  g_free (self->redirect_path);
  g_free (self->state);
  g_free (self->verifier);
  g_free (self->code);

  G_OBJECT_CLASS (rectify_oauth_parent_class)->finalize (object);
}

static void
rectify_oauth_class_init (RectifyOAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rectify_oauth_dispose;
  object_class->finalize = rectify_oauth_finalize;
}

static void
rectify_oauth_init (RectifyOAuth *self)
{
  self->session = soup_session_new_with_options ("user-agent", "Rectify/" PACKAGE_VERSION,
                                                 "timeout", 60,
                                                 NULL);
}

/**
 * rectify_oauth_new:
 * @desk_url: the desk's base URL, without a trailing slash
 * @client_id: the OAuth client the desk registered for Rectify
 * @redirect_uri: the loopback redirect URI registered with it, port
 *   included (http://127.0.0.1:PORT/PATH)
 * @scope: the scopes to ask for, space-separated
 */
RectifyOAuth *
rectify_oauth_new (const char *desk_url,
                   const char *client_id,
                   const char *redirect_uri,
                   const char *scope)
{
  RectifyOAuth *self;

  g_return_val_if_fail (desk_url != NULL && client_id != NULL && redirect_uri != NULL, NULL);

  self = g_object_new (RECTIFY_TYPE_OAUTH, NULL);
  self->desk_url = g_strdup (desk_url);
  self->client_id = g_strdup (client_id);
  self->redirect_uri = g_strdup (redirect_uri);
  self->scope = g_strdup (scope != NULL ? scope : "read write");

  return self;
}

/**
 * rectify_oauth_set_tls_database:
 * @self: a sign-in
 * @database: the certificates to trust (for tests against a local desk)
 */
void
rectify_oauth_set_tls_database (RectifyOAuth *self,
                                GTlsDatabase *database)
{
  g_return_if_fail (RECTIFY_IS_OAUTH (self));

  soup_session_set_tls_database (self->session, database);
}

/* The loopback listener */

static void
answer_browser (SoupServerMessage *msg,
                guint              status,
                const char        *title,
                const char        *text)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_text = g_markup_escape_text (text, -1);
  char *page = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                                "<title>%s</title></head><body style=\"font-family: sans-serif; "
                                "max-width: 32em; margin: 4em auto\"><h1>%s</h1><p>%s</p>"
                                "</body></html>\n",
                                escaped_title, escaped_title, escaped_text);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    page, strlen (page));
}

static void exchange_code (RectifyOAuth *self);

static gboolean
stop_listening_idle (gpointer user_data)
{
  RectifyOAuth *self = user_data;

  if (self->waiting == NULL || self->code != NULL)
    stop_listening (self);
  return G_SOURCE_REMOVE;
}

/* Once the browser has its page: not from inside the server's handler. */
static void
page_sent (RectifyOAuth *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, stop_listening_idle, g_object_ref (self), g_object_unref);
}

static void
redirect_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  RectifyOAuth *self = user_data;
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *code = query != NULL ? g_hash_table_lookup (query, "code") : NULL;
  const char *error = query != NULL ? g_hash_table_lookup (query, "error") : NULL;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_GET ||
      g_strcmp0 (path, self->redirect_path) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  /* Not this sign-in's: another page, or someone else, sent the browser
   * here. Refused, and the wait goes on. */
  if (self->state == NULL || state == NULL || strcmp (state, self->state) != 0)
    {
      answer_browser (msg, SOUP_STATUS_BAD_REQUEST, _("Not for Rectify"),
                      _("This answer was not for the sign-in Rectify started. "
                        "Nothing was changed."));
      return;
    }

  if (self->waiting == NULL || self->code != NULL)
    {
      answer_browser (msg, SOUP_STATUS_GONE, _("Already done"),
                      _("Rectify has already had this answer. You can close this tab."));
      return;
    }

  if (code == NULL || *code == '\0')
    {
      GTask *task = g_steal_pointer (&self->waiting);

      answer_browser (msg, SOUP_STATUS_OK, _("Not signed in"),
                      _("Rectify was not given access. You can close this tab; Rectify "
                        "still sends requests without signing in."));
      g_debug ("The sign-in was refused in the browser: %s", error != NULL ? error : "no code");
      g_signal_connect_object (msg, "finished", G_CALLBACK (page_sent), self, G_CONNECT_SWAPPED);
      g_task_return_new_error (task, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_DENIED,
                               _("Access was not given in the browser"));
      g_object_unref (task);
      return;
    }

  answer_browser (msg, SOUP_STATUS_OK, _("Signed in"),
                  _("You can close this tab and go back to Rectify."));
  self->code = g_strdup (code);
  g_signal_connect_object (msg, "finished", G_CALLBACK (page_sent), self, G_CONNECT_SWAPPED);
  exchange_code (self);
}

/**
 * rectify_oauth_begin:
 * @self: a sign-in
 * @error: return location for a #GError
 *
 * Makes a new verifier and state and listens for the browser's return.
 *
 * Returns: (transfer full) (nullable): the authorization URL to open in
 *   the owner's browser
 */
char *
rectify_oauth_begin (RectifyOAuth  *self,
                     GError       **error)
{
  g_autoptr(GUri) redirect = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *e_client = NULL;
  g_autofree char *e_redirect = NULL;
  g_autofree char *e_scope = NULL;
  const char *host;
  int port;

  g_return_val_if_fail (RECTIFY_IS_OAUTH (self), NULL);
  g_return_val_if_fail (self->waiting == NULL, NULL);

  stop_listening (self);
  g_clear_pointer (&self->code, g_free);

  redirect = g_uri_parse (self->redirect_uri, G_URI_FLAGS_NONE, NULL);
  host = redirect != NULL ? g_uri_get_host (redirect) : NULL;
  port = redirect != NULL ? g_uri_get_port (redirect) : -1;
  if (redirect == NULL || g_strcmp0 (g_uri_get_scheme (redirect), "http") != 0 ||
      (g_strcmp0 (host, "127.0.0.1") != 0 && g_strcmp0 (host, "localhost") != 0) ||
      port <= 0 || port > 65535)
    {
      g_set_error (error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_BAD_RESPONSE,
                   _("The provider profile’s sign-in address “%s” is not a loopback address "
                     "with a port"), self->redirect_uri);
      return NULL;
    }

  g_free (self->redirect_path);
  self->redirect_path = g_strdup (*g_uri_get_path (redirect) ? g_uri_get_path (redirect) : "/");

  self->listener = soup_server_new ("server-header", "Rectify", NULL);
  soup_server_add_handler (self->listener, NULL, redirect_handler, self, NULL);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  if (!soup_server_listen (self->listener, address, 0, &local_error))
    {
      stop_listening (self);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        g_set_error (error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_PORT_IN_USE,
                     _("Another program is using port %d on this computer, where the "
                       "browser must come back after signing in. Close it and try again."),
                     port);
      else
        g_set_error (error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_PORT_IN_USE,
                     _("Rectify could not listen on port %d for the browser’s return: %s"),
                     port, local_error->message);
      return NULL;
    }

  g_free (self->state);
  g_free (self->verifier);
  self->state = random_token (STATE_BYTES);
  self->verifier = rectify_oauth_new_verifier ();
  if (self->state == NULL || self->verifier == NULL)
    {
      stop_listening (self);
      g_set_error_literal (error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_NETWORK,
                           _("This computer could not make a secret for the sign-in"));
      return NULL;
    }
  challenge = rectify_oauth_challenge_for (self->verifier);

  e_client = g_uri_escape_string (self->client_id, NULL, FALSE);
  e_redirect = g_uri_escape_string (self->redirect_uri, NULL, FALSE);
  e_scope = g_uri_escape_string (self->scope, NULL, FALSE);

  return g_strdup_printf ("%s/oauth/authorizations/new?response_type=code&client_id=%s"
                          "&redirect_uri=%s&scope=%s&state=%s&code_challenge=%s"
                          "&code_challenge_method=S256",
                          self->desk_url, e_client, e_redirect, e_scope, self->state, challenge);
}

static void
code_exchanged (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RectifyOAuth *self = RECTIFY_OAUTH (object);
  g_autoptr(GTask) task = g_steal_pointer (&self->waiting);

  if (task != NULL)
    return_tokens (task, G_TASK (result));
}

static void
exchange_code (RectifyOAuth *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(SoupMessage) message = NULL;

  json_builder_begin_object (builder);
  add_member (builder, "grant_type", "authorization_code");
  add_member (builder, "code", self->code);
  add_member (builder, "client_id", self->client_id);
  add_member (builder, "redirect_uri", self->redirect_uri);
  add_member (builder, "code_verifier", self->verifier);
  add_member (builder, "scope", self->scope);
  json_builder_end_object (builder);

  message = token_message (self, builder);
  exchange_async (self, message, exchange_code, g_task_get_cancellable (self->waiting),
                  code_exchanged, NULL);
}

static void
sign_in_cancelled (GCancellable *cancellable,
                   RectifyOAuth *self)
{
  GTask *task;

  if ((task = g_steal_pointer (&self->waiting)) == NULL)
    return;

  stop_listening (self);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The sign-in was cancelled");
  g_object_unref (task);
}

/**
 * rectify_oauth_sign_in_async:
 * @self: a sign-in begun with rectify_oauth_begin()
 * @cancellable: (nullable): cancels the wait for the browser
 * @callback: called with the tokens, or the reason there are none
 * @user_data: for @callback
 */
void
rectify_oauth_sign_in_async (RectifyOAuth        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RECTIFY_IS_OAUTH (self));
  g_return_if_fail (self->waiting == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_oauth_sign_in_async);

  if (self->listener == NULL)
    {
      g_task_return_new_error (task, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_STATE,
                               "rectify_oauth_begin() was not called");
      g_object_unref (task);
      return;
    }

  self->waiting = task;
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (sign_in_cancelled), self,
                             G_CONNECT_DEFAULT);
}

RectifyOAuthTokens *
rectify_oauth_sign_in_finish (RectifyOAuth  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rectify_oauth_sign_in_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Refresh */

static void
refreshed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  return_tokens (task, G_TASK (result));
}

/**
 * rectify_oauth_refresh_async:
 * @self: a sign-in
 * @refresh_token: the refresh token kept
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the new pair
 * @user_data: for @callback
 *
 * The desk rotates the pair: the old refresh token stops working, so the
 * caller keeps the new one at once.
 */
void
rectify_oauth_refresh_async (RectifyOAuth        *self,
                             const char          *refresh_token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(SoupMessage) message = NULL;
  GTask *task;

  g_return_if_fail (RECTIFY_IS_OAUTH (self));
  g_return_if_fail (refresh_token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_oauth_refresh_async);

  json_builder_begin_object (builder);
  add_member (builder, "grant_type", "refresh_token");
  add_member (builder, "refresh_token", refresh_token);
  add_member (builder, "client_id", self->client_id);
  json_builder_end_object (builder);

  message = token_message (self, builder);
  exchange_async (self, message, rectify_oauth_refresh_async, cancellable, refreshed, task);
}

RectifyOAuthTokens *
rectify_oauth_refresh_finish (RectifyOAuth  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rectify_oauth_refresh_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Revoke */

static void
revoked (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GTask *exchange_task = G_TASK (result);
  Exchange *exchange = g_task_get_task_data (exchange_task);
  GError *error = NULL;
  guint status;

  if (!g_task_propagate_boolean (exchange_task, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* 401: the token was no good any more, which is what was asked. */
  status = soup_message_get_status (exchange->message);
  if (SOUP_STATUS_IS_SUCCESSFUL (status) || status == SOUP_STATUS_UNAUTHORIZED)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_BAD_RESPONSE,
                             _("The help desk did not end the sign-in (status %u)"), status);
}

/**
 * rectify_oauth_revoke_async:
 * @self: a sign-in
 * @access_token: the access token to end
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the desk has ended it
 * @user_data: for @callback
 */
void
rectify_oauth_revoke_async (RectifyOAuth        *self,
                            const char          *access_token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *url = NULL;
  g_autofree char *bearer = NULL;
  g_autoptr(SoupMessage) message = NULL;
  GTask *task;

  g_return_if_fail (RECTIFY_IS_OAUTH (self));
  g_return_if_fail (access_token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_oauth_revoke_async);

  url = g_strconcat (self->desk_url, "/api/v2/oauth/tokens/current", NULL);
  bearer = g_strconcat ("Bearer ", access_token, NULL);
  message = soup_message_new (SOUP_METHOD_DELETE, url);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                bearer);
  explicit_bzero (bearer, strlen (bearer));
  exchange_async (self, message, rectify_oauth_revoke_async, cancellable, revoked, task);
}

gboolean
rectify_oauth_revoke_finish (RectifyOAuth  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rectify_oauth_revoke_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
