/* rectify-test-desk-oauth.c: the test desk's OAuth endpoints, kept strictly
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rectify-test-desk-oauth.h"

/* The authorization-code grant with PKCE as a Zendesk desk keeps it for a
 * registered public client, strictly:
 *
 * - GET /oauth/authorizations/new plays the owner who is signed in to the
 *   help centre and says yes: it checks response_type, the client, the
 *   redirect URI (exactly as registered), the S256 challenge and the state,
 *   and redirects to the redirect URI with a code (or with
 *   error=access_denied when told to deny). A bad client or redirect URI
 *   gets a 400 page and no redirect.
 * - POST /oauth/tokens (JSON) exchanges a code once, within ten minutes,
 *   only with the verifier whose SHA-256 is the challenge and the same
 *   redirect URI; a code used twice is refused and the pair it gave is
 *   revoked. A refresh token works once: the answer is a new pair and the
 *   old one stops working (rotation); an expired one is refused.
 * - DELETE /api/v2/oauth/tokens/current revokes the bearer's token.
 *
 * Refusals are 400 {"error":"invalid_grant", …}, as OAuth 2.0 says. */

#define CODE_LIFETIME_US (10 * 60 * G_USEC_PER_SEC)

typedef struct
{
  char *code;
  char *challenge;
  char *redirect_uri;
  gint64 expires_us;
  gboolean used;
  char *access_token;      /* what it gave, to revoke on reuse */
} Grant;

typedef struct
{
  char *access_token;
  char *refresh_token;
  gint64 access_expires_us;
  gint64 refresh_expires_us;
  gboolean revoked;
  gboolean refresh_used;
} Pair;

struct _RectifyTestDeskOAuth
{
  char *client_id;
  char *redirect_uri;
  gint64 access_lifetime_s;
  gint64 refresh_lifetime_s;
  gboolean deny;
  guint serial;
  GPtrArray *grants;
  GPtrArray *pairs;
  guint n_issued;
  guint n_revoked;
  guint n_refused;
};

static void
grant_free (Grant *grant)
{
  g_free (grant->code);
  g_free (grant->challenge);
  g_free (grant->redirect_uri);
  g_free (grant->access_token);
  g_free (grant);
}

static void
pair_free (Pair *pair)
{
  g_free (pair->access_token);
  g_free (pair->refresh_token);
  g_free (pair);
}

RectifyTestDeskOAuth *
rectify_test_desk_oauth_new (const char *client_id,
                             const char *redirect_uri)
{
  RectifyTestDeskOAuth *self = g_new0 (RectifyTestDeskOAuth, 1);

  self->client_id = g_strdup (client_id);
  self->redirect_uri = g_strdup (redirect_uri);
  self->access_lifetime_s = 2 * 60 * 60;
  self->refresh_lifetime_s = 30 * 24 * 60 * 60;
  self->grants = g_ptr_array_new_with_free_func ((GDestroyNotify) grant_free);
  self->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_free);

  return self;
}

void
rectify_test_desk_oauth_free (RectifyTestDeskOAuth *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->grants);
  g_ptr_array_unref (self->pairs);
  g_free (self->client_id);
  g_free (self->redirect_uri);
  g_free (self);
}

void
rectify_test_desk_oauth_set_lifetimes (RectifyTestDeskOAuth *self,
                                       gint64                access_s,
                                       gint64                refresh_s)
{
  self->access_lifetime_s = access_s;
  self->refresh_lifetime_s = refresh_s;
}

void
rectify_test_desk_oauth_set_deny (RectifyTestDeskOAuth *self,
                                  gboolean              deny)
{
  self->deny = deny;
}

guint
rectify_test_desk_oauth_get_n_issued (RectifyTestDeskOAuth *self)
{
  return self->n_issued;
}

guint
rectify_test_desk_oauth_get_n_revoked (RectifyTestDeskOAuth *self)
{
  return self->n_revoked;
}

guint
rectify_test_desk_oauth_get_n_refused (RectifyTestDeskOAuth *self)
{
  return self->n_refused;
}

static char *
new_secret (RectifyTestDeskOAuth *self,
            const char           *kind)
{
  return g_strdup_printf ("%s-%u-%08x%08x", kind, ++self->serial, g_random_int (), g_random_int ());
}

static char *
s256 (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  char *text, *end;

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &length);
  text = g_base64_encode (digest, length);
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  if ((end = strchr (text, '=')) != NULL)
    *end = '\0';

  return text;
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *json = json_to_string (root, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                    json, strlen (json));
}

static void
refuse (RectifyTestDeskOAuth *self,
        SoupServerMessage    *msg,
        const char           *error,
        const char           *description)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  self->n_refused++;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error);
  json_builder_set_member_name (builder, "error_description");
  json_builder_add_string_value (builder, description);
  json_builder_end_object (builder);
  respond_json (msg, SOUP_STATUS_BAD_REQUEST, builder);
}

static void
respond_page (SoupServerMessage *msg,
              guint              status,
              const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

static void
handle_authorize (RectifyTestDeskOAuth *self,
                  SoupServerMessage    *msg,
                  GHashTable           *query,
                  gint64                now_us)
{
  const char *client_id = query ? g_hash_table_lookup (query, "client_id") : NULL;
  const char *redirect_uri = query ? g_hash_table_lookup (query, "redirect_uri") : NULL;
  const char *response_type = query ? g_hash_table_lookup (query, "response_type") : NULL;
  const char *challenge = query ? g_hash_table_lookup (query, "code_challenge") : NULL;
  const char *method = query ? g_hash_table_lookup (query, "code_challenge_method") : NULL;
  const char *state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *scope = query ? g_hash_table_lookup (query, "scope") : NULL;
  g_autofree char *e_state = NULL;
  g_autofree char *location = NULL;
  Grant *grant;

  if (strcmp (soup_server_message_get_method (msg), "GET") != 0)
    {
      respond_page (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Not allowed");
      return;
    }

  /* No redirect to an address the client did not register. */
  if (g_strcmp0 (client_id, self->client_id) != 0 ||
      g_strcmp0 (redirect_uri, self->redirect_uri) != 0)
    {
      self->n_refused++;
      respond_page (msg, SOUP_STATUS_BAD_REQUEST, "Unknown client or redirect URI");
      return;
    }

  if (g_strcmp0 (response_type, "code") != 0 || g_strcmp0 (method, "S256") != 0 ||
      challenge == NULL || strlen (challenge) != 43 || state == NULL || *state == '\0' ||
      scope == NULL)
    {
      self->n_refused++;
      respond_page (msg, SOUP_STATUS_BAD_REQUEST, "A public client must send code, S256 and state");
      return;
    }

  e_state = g_uri_escape_string (state, NULL, FALSE);
  if (self->deny)
    {
      location = g_strdup_printf ("%s?error=access_denied&state=%s", redirect_uri, e_state);
    }
  else
    {
      grant = g_new0 (Grant, 1);
      grant->code = new_secret (self, "code");
      grant->challenge = g_strdup (challenge);
      grant->redirect_uri = g_strdup (redirect_uri);
      grant->expires_us = now_us + CODE_LIFETIME_US;
      g_ptr_array_add (self->grants, grant);
      location = g_strdup_printf ("%s?code=%s&state=%s", redirect_uri, grant->code, e_state);
    }

  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static void
issue_pair (RectifyTestDeskOAuth *self,
            SoupServerMessage    *msg,
            gint64                now_us,
            char                **out_access)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  Pair *pair = g_new0 (Pair, 1);

  pair->access_token = new_secret (self, "access");
  pair->refresh_token = new_secret (self, "refresh");
  pair->access_expires_us = now_us + self->access_lifetime_s * G_USEC_PER_SEC;
  pair->refresh_expires_us = now_us + self->refresh_lifetime_s * G_USEC_PER_SEC;
  g_ptr_array_add (self->pairs, pair);
  self->n_issued++;
  if (out_access != NULL)
    *out_access = g_strdup (pair->access_token);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, pair->access_token);
  json_builder_set_member_name (builder, "refresh_token");
  json_builder_add_string_value (builder, pair->refresh_token);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "bearer");
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, "read write");
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, self->access_lifetime_s);
  json_builder_set_member_name (builder, "refresh_token_expires_in");
  json_builder_add_int_value (builder, self->refresh_lifetime_s);
  json_builder_end_object (builder);
  respond_json (msg, SOUP_STATUS_OK, builder);
}

static Pair *
find_pair (RectifyTestDeskOAuth *self,
           const char           *access,
           const char           *refresh)
{
  for (guint i = 0; i < self->pairs->len; i++)
    {
      Pair *pair = g_ptr_array_index (self->pairs, i);

      if ((access != NULL && strcmp (pair->access_token, access) == 0) ||
          (refresh != NULL && strcmp (pair->refresh_token, refresh) == 0))
        return pair;
    }

  return NULL;
}

static void
revoke (RectifyTestDeskOAuth *self,
        Pair                 *pair)
{
  if (pair != NULL && !pair->revoked)
    {
      pair->revoked = TRUE;
      self->n_revoked++;
    }
}

static void
handle_code (RectifyTestDeskOAuth *self,
             SoupServerMessage    *msg,
             JsonObject           *object,
             gint64                now_us)
{
  const char *code = get_string (object, "code");
  const char *verifier = get_string (object, "code_verifier");
  const char *redirect_uri = get_string (object, "redirect_uri");
  g_autofree char *challenge = NULL;
  Grant *grant = NULL;

  for (guint i = 0; code != NULL && i < self->grants->len; i++)
    if (strcmp (((Grant *) g_ptr_array_index (self->grants, i))->code, code) == 0)
      grant = g_ptr_array_index (self->grants, i);

  if (grant == NULL || now_us > grant->expires_us)
    {
      refuse (self, msg, "invalid_grant", "Unknown or expired code");
      return;
    }

  if (grant->used)
    {
      /* A code seen twice was stolen: what it gave stops working too. */
      revoke (self, find_pair (self, grant->access_token, NULL));
      refuse (self, msg, "invalid_grant", "Code already used");
      return;
    }
  grant->used = TRUE;

  if (g_strcmp0 (redirect_uri, grant->redirect_uri) != 0)
    {
      refuse (self, msg, "invalid_grant", "redirect_uri does not match");
      return;
    }

  if (verifier == NULL || strlen (verifier) < 43 || strlen (verifier) > 128 ||
      strcmp ((challenge = s256 (verifier)), grant->challenge) != 0)
    {
      refuse (self, msg, "invalid_grant", "code_verifier does not match the challenge");
      return;
    }

  issue_pair (self, msg, now_us, &grant->access_token);
}

static void
handle_refresh (RectifyTestDeskOAuth *self,
                SoupServerMessage    *msg,
                JsonObject           *object,
                gint64                now_us)
{
  const char *refresh = get_string (object, "refresh_token");
  Pair *pair = refresh != NULL ? find_pair (self, NULL, refresh) : NULL;

  if (pair == NULL || pair->refresh_used || pair->revoked || now_us > pair->refresh_expires_us)
    {
      refuse (self, msg, "invalid_grant", "Unknown, used, revoked or expired refresh token");
      return;
    }

  /* Rotation: the old pair ends here. */
  pair->refresh_used = TRUE;
  revoke (self, pair);
  issue_pair (self, msg, now_us, NULL);
}

static void
handle_tokens (RectifyTestDeskOAuth *self,
               SoupServerMessage    *msg,
               gint64                now_us)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  const char *grant_type;
  JsonObject *object;
  JsonNode *root;

  if (strcmp (soup_server_message_get_method (msg), "POST") != 0)
    {
      respond_page (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Not allowed");
      return;
    }

  bytes = soup_message_body_flatten (body);
  if (g_strcmp0 (content_type, "application/json") != 0 ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      refuse (self, msg, "invalid_request", "A JSON object is expected");
      return;
    }
  object = json_node_get_object (root);

  if (g_strcmp0 (get_string (object, "client_id"), self->client_id) != 0)
    {
      refuse (self, msg, "invalid_client", "Unknown client");
      return;
    }

  grant_type = get_string (object, "grant_type");
  if (g_strcmp0 (grant_type, "authorization_code") == 0)
    handle_code (self, msg, object, now_us);
  else if (g_strcmp0 (grant_type, "refresh_token") == 0)
    handle_refresh (self, msg, object, now_us);
  else
    refuse (self, msg, "unsupported_grant_type", "Unsupported grant type");
}

static void
handle_revoke (RectifyTestDeskOAuth *self,
               SoupServerMessage    *msg,
               gint64                now_us)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  Pair *pair = NULL;

  if (strcmp (soup_server_message_get_method (msg), "DELETE") != 0)
    {
      respond_page (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Not allowed");
      return;
    }

  if (value != NULL && g_ascii_strncasecmp (value, "Bearer ", 7) == 0 &&
      rectify_test_desk_oauth_accepts (self, value + 7, now_us))
    pair = find_pair (self, value + 7, NULL);

  if (pair == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":\"Couldn't authenticate you\"}", 37);
      return;
    }

  revoke (self, pair);
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

/**
 * rectify_test_desk_oauth_issue:
 *
 * A pair as a sign-in would have given, for tests that start signed in.
 */
void
rectify_test_desk_oauth_issue (RectifyTestDeskOAuth  *self,
                               gint64                 now_us,
                               char                 **out_access,
                               char                 **out_refresh)
{
  Pair *pair = g_new0 (Pair, 1);

  pair->access_token = new_secret (self, "access");
  pair->refresh_token = new_secret (self, "refresh");
  pair->access_expires_us = now_us + self->access_lifetime_s * G_USEC_PER_SEC;
  pair->refresh_expires_us = now_us + self->refresh_lifetime_s * G_USEC_PER_SEC;
  g_ptr_array_add (self->pairs, pair);
  self->n_issued++;

  *out_access = g_strdup (pair->access_token);
  *out_refresh = g_strdup (pair->refresh_token);
}

/**
 * rectify_test_desk_oauth_handle:
 *
 * Returns: whether @path was one of the OAuth endpoints (then answered)
 */
gboolean
rectify_test_desk_oauth_handle (RectifyTestDeskOAuth *self,
                                SoupServerMessage    *msg,
                                const char           *path,
                                GHashTable           *query,
                                gint64                now_us)
{
  if (strcmp (path, "/oauth/authorizations/new") == 0)
    handle_authorize (self, msg, query, now_us);
  else if (strcmp (path, "/oauth/tokens") == 0)
    handle_tokens (self, msg, now_us);
  else if (strcmp (path, "/api/v2/oauth/tokens/current") == 0 ||
           strcmp (path, "/api/v2/oauth/tokens/current.json") == 0)
    handle_revoke (self, msg, now_us);
  else
    return FALSE;

  return TRUE;
}

gboolean
rectify_test_desk_oauth_accepts (RectifyTestDeskOAuth *self,
                                 const char           *access_token,
                                 gint64                now_us)
{
  Pair *pair = find_pair (self, access_token, NULL);

  return pair != NULL && !pair->revoked && now_us <= pair->access_expires_us;
}
