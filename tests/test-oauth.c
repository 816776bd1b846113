/* test-oauth.c: OAuth sign-in with PKCE against the strict test desk
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rectify-clock.h"
#include "rectify-desk-client.h"
#include "rectify-oauth.h"
#include "rectify-test-case.h"
#include "rectify-test-desk.h"

#define CLIENT_ID "rectify-desktop"

typedef struct
{
  RectifyTestDesk      *desk;
  RectifyTestDeskOAuth *endpoints;
  RectifyOAuth         *oauth;
  SoupSession          *browser;
  char                 *redirect_uri;
  guint                 port;
} Fixture;

typedef struct
{
  gboolean            done;
  RectifyOAuthTokens *tokens;
  gboolean            ok;
  GError             *error;
} Outcome;

/* A port nobody listens on now, for the redirect URI. */
static guint
free_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);

  return port;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->desk = rectify_test_desk_new (&error);
  g_assert_no_error (error);
  f->port = free_port ();
  f->redirect_uri = g_strdup_printf ("http://127.0.0.1:%u/oauth/callback", f->port);
  f->endpoints = rectify_test_desk_enable_oauth (f->desk, CLIENT_ID, f->redirect_uri);
  f->oauth = rectify_oauth_new (rectify_test_desk_get_url (f->desk), CLIENT_ID, f->redirect_uri,
                                "read write");
  /* The browser: follows nothing by itself, so the test sees each step. */
  f->browser = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->browser);
  g_assert_finalize_object (f->oauth);
  g_clear_object (&f->desk);
  g_free (f->redirect_uri);
}

typedef struct
{
  gboolean done;
  GBytes *body;
} Read;

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Read *read = user_data;

  read->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);
  read->done = TRUE;
}

/* Sends @message from the "browser", async: the app's listener and the
 * desk, in this process too, answer meanwhile. */
static guint
send_message (Fixture     *f,
              SoupMessage *message)
{
  Read read = { 0 };

  soup_session_send_and_read_async (f->browser, message, G_PRIORITY_DEFAULT, NULL, read_cb,
                                    &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&read.body, g_bytes_unref);

  return soup_message_get_status (message);
}

/* A GET in the browser: the status, and Location when it redirects. */
static guint
browse (Fixture     *f,
        const char  *url,
        char       **out_location)
{
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
  guint status;

  g_assert_nonnull (message);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  status = send_message (f, message);

  if (out_location != NULL)
    *out_location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                            "Location"));
  return status;
}

static void
signed_in (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->tokens = rectify_oauth_sign_in_finish (RECTIFY_OAUTH (object), result, &outcome->error);
  outcome->done = TRUE;
}

static void
refreshed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->tokens = rectify_oauth_refresh_finish (RECTIFY_OAUTH (object), result, &outcome->error);
  outcome->done = TRUE;
}

static void
revoked (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = rectify_oauth_revoke_finish (RECTIFY_OAUTH (object), result, &outcome->error);
  outcome->done = TRUE;
}

static char *
query_value (const char *url,
             const char *key)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);

  return g_strdup (g_hash_table_lookup (params, key));
}

static void
wait_for (Outcome *outcome)
{
  while (!outcome->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
listed (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Outcome *outcome = user_data;
  g_autoptr(GPtrArray) requests = NULL;

  requests = rectify_desk_client_list_requests_finish (RECTIFY_DESK_CLIENT (object), result,
                                                       &outcome->error);
  outcome->ok = requests != NULL;
  outcome->done = TRUE;
}

/* The desk client, signed in with @token, reads requests back. */
static gboolean
desk_accepts (Fixture    *f,
              const char *token)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyDeskClient) client = NULL;
  Outcome outcome = { 0 };

  client = rectify_desk_client_new (rectify_test_desk_get_url (f->desk), &error);
  g_assert_no_error (error);
  rectify_desk_client_set_oauth_token (client, token);
  rectify_desk_client_list_requests_async (client, NULL, listed, &outcome);
  wait_for (&outcome);
  g_clear_error (&outcome.error);

  return outcome.ok;
}

/* Begin, follow the authorization URL like a browser, come back to the
 * loopback listener: the app gets a pair the desk accepts. */
static RectifyOAuthTokens *
sign_in (Fixture  *f,
         char    **out_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *location = NULL;
  Outcome outcome = { 0 };

  url = rectify_oauth_begin (f->oauth, &error);
  g_assert_no_error (error);
  rectify_oauth_sign_in_async (f->oauth, NULL, signed_in, &outcome);

  g_assert_cmpuint (browse (f, url, &location), ==, SOUP_STATUS_FOUND);
  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, f->redirect_uri));
  if (out_code != NULL)
    *out_code = query_value (location, "code");

  g_assert_cmpuint (browse (f, location, NULL), ==, SOUP_STATUS_OK);
  wait_for (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_nonnull (outcome.tokens);

  return outcome.tokens;
}

static void
test_oauth_pkce (void)
{
  g_autofree char *challenge = NULL;
  g_autofree char *a = rectify_oauth_new_verifier ();
  g_autofree char *b = rectify_oauth_new_verifier ();

  /* RFC 7636, appendix B. */
  challenge = rectify_oauth_challenge_for ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

  g_assert_cmpuint (strlen (a), ==, 43);
  g_assert_cmpuint (strspn (a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                    ==, 43);
  g_assert_cmpstr (a, !=, b);
}

static void
test_oauth_tokens_json (void)
{
  char access[] = "at", refresh[] = "rt";
  RectifyOAuthTokens tokens = { access, refresh, 1800000000, 1900000000 };
  g_autoptr(RectifyOAuthTokens) copy = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_from_unix_utc (1800000000 - 15 * 60 - 1);
  g_autoptr(GDateTime) close = g_date_time_new_from_unix_utc (1800000000 - 15 * 60 + 1);
  g_autofree char *json = rectify_oauth_tokens_to_json (&tokens);
  g_autoptr(GError) error = NULL;

  copy = rectify_oauth_tokens_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->access_token, ==, "at");
  g_assert_cmpstr (copy->refresh_token, ==, "rt");
  g_assert_cmpint (copy->expires_at, ==, 1800000000);
  g_assert_cmpint (copy->refresh_expires_at, ==, 1900000000);

  /* Renewed within fifteen minutes of the end, not before. */
  g_assert_false (rectify_oauth_tokens_need_refresh (copy, before));
  g_assert_true (rectify_oauth_tokens_need_refresh (copy, close));

  g_assert_null (rectify_oauth_tokens_from_json ("{\"access_token\": 3}", &error));
  g_assert_error (error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  g_assert_null (rectify_oauth_tokens_from_json ("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
                                                 &error));
  g_assert_error (error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_BAD_RESPONSE);
  g_clear_error (&error);

  /* json-glib reads single-quoted strings: a double quote inside one must
   * not hide the brackets after it from the depth check. */
  g_assert_null (rectify_oauth_tokens_from_json ("{\"access_token\": \"a\", \"x\": ['\"', "
                                                 "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]}",
                                                 &error));
  g_assert_error (error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_BAD_RESPONSE);
}

static void
test_oauth_sign_in (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RectifyOAuthTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *state = NULL;
  g_autofree char *method = NULL;
  g_autofree char *redirect = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *location = NULL;
  Outcome outcome = { 0 };

  url = rectify_oauth_begin (f->oauth, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, rectify_test_desk_get_url (f->desk)));
  method = query_value (url, "code_challenge_method");
  redirect = query_value (url, "redirect_uri");
  state = query_value (url, "state");
  g_assert_cmpstr (method, ==, "S256");
  g_assert_cmpstr (redirect, ==, f->redirect_uri);
  g_assert_cmpuint (strlen (state), >=, 16);

  rectify_oauth_sign_in_async (f->oauth, NULL, signed_in, &outcome);

  /* Another page sends the browser back with some other state: refused,
   * and the sign-in goes on waiting. */
  wrong = g_strdup_printf ("%s?code=forged&state=not-%s", f->redirect_uri, state);
  g_assert_cmpuint (browse (f, wrong, NULL), ==, SOUP_STATUS_BAD_REQUEST);
  g_assert_false (outcome.done);

  g_assert_cmpuint (browse (f, url, &location), ==, SOUP_STATUS_FOUND);
  g_assert_cmpuint (browse (f, location, NULL), ==, SOUP_STATUS_OK);
  wait_for (&outcome);
  g_assert_no_error (outcome.error);
  tokens = outcome.tokens;

  g_assert_nonnull (tokens->access_token);
  g_assert_nonnull (tokens->refresh_token);
  g_assert_cmpint (tokens->expires_at, >, 0);
  g_assert_cmpuint (rectify_test_desk_oauth_get_n_issued (f->endpoints), ==, 1);
  g_assert_true (desk_accepts (f, tokens->access_token));
  g_assert_false (desk_accepts (f, "forged"));
}

/* The desk refuses a code used twice, and what the first use gave stops
 * working; it refuses a verifier that is not the challenge's. */
static void
test_oauth_code_reuse_and_verifier (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *code = NULL;
  g_autoptr(RectifyOAuthTokens) tokens = sign_in (f, &code);
  g_autofree char *url = g_strconcat (rectify_test_desk_get_url (f->desk), "/oauth/tokens", NULL);
  const char *bodies[2];

  bodies[0] = g_strdup_printf ("{\"grant_type\":\"authorization_code\",\"code\":\"%s\","
                               "\"client_id\":\"" CLIENT_ID "\",\"redirect_uri\":\"%s\","
                               "\"code_verifier\":\"%s\"}", code, f->redirect_uri,
                               "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  bodies[1] = NULL;

  for (guint i = 0; bodies[i] != NULL; i++)
    {
      g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_POST, url);
      g_autoptr(GBytes) body = g_bytes_new (bodies[i], strlen (bodies[i]));

      soup_message_set_request_body_from_bytes (message, "application/json", body);
      g_assert_cmpuint (send_message (f, message), ==, SOUP_STATUS_BAD_REQUEST);
      g_free ((char *) bodies[i]);
    }

  g_assert_false (desk_accepts (f, tokens->access_token));
  g_assert_cmpuint (rectify_test_desk_oauth_get_n_revoked (f->endpoints), ==, 1);
}

/* Redeems a code the test asked for itself with the RFC's verifier. */
static guint
redeem (Fixture    *f,
        const char *verifier)
{
  g_autofree char *authorize = NULL;
  g_autofree char *location = NULL;
  g_autofree char *code = NULL;
  g_autofree char *e_redirect = g_uri_escape_string (f->redirect_uri, NULL, FALSE);
  g_autofree char *url = g_strconcat (rectify_test_desk_get_url (f->desk), "/oauth/tokens", NULL);
  g_autofree char *json = NULL;
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr(GBytes) body = NULL;

  authorize = g_strdup_printf ("%s/oauth/authorizations/new?response_type=code&client_id="
                               CLIENT_ID "&redirect_uri=%s&scope=read%%20write&state=s1"
                               "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                               "&code_challenge_method=S256",
                               rectify_test_desk_get_url (f->desk), e_redirect);
  g_assert_cmpuint (browse (f, authorize, &location), ==, SOUP_STATUS_FOUND);
  code = query_value (location, "code");
  g_assert_nonnull (code);

  json = g_strdup_printf ("{\"grant_type\":\"authorization_code\",\"code\":\"%s\","
                          "\"client_id\":\"" CLIENT_ID "\",\"redirect_uri\":\"%s\","
                          "\"code_verifier\":\"%s\"}", code, f->redirect_uri, verifier);
  body = g_bytes_new (json, strlen (json));
  soup_message_set_request_body_from_bytes (message, "application/json", body);

  return send_message (f, message);
}

/* The desk keeps PKCE: only the verifier behind the challenge redeems the
 * code. */
static void
test_oauth_verifier (Fixture       *f,
                     gconstpointer  data)
{
  g_assert_cmpuint (redeem (f, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXj"), ==,
                    SOUP_STATUS_BAD_REQUEST);
  g_assert_cmpuint (rectify_test_desk_oauth_get_n_issued (f->endpoints), ==, 0);
  g_assert_cmpuint (redeem (f, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), ==,
                    SOUP_STATUS_OK);
  g_assert_cmpuint (rectify_test_desk_oauth_get_n_issued (f->endpoints), ==, 1);
}

/* Refresh rotates the pair: the new one works, the old refresh token and
 * access token do not. An expired refresh token means signing in again. */
static void
test_oauth_refresh (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RectifyOAuthTokens) first = NULL;
  Outcome renewed = { 0 };
  Outcome reused = { 0 };
  Outcome expired = { 0 };

  rectify_test_desk_oauth_set_lifetimes (f->endpoints, 600, 3600);
  first = sign_in (f, NULL);

  rectify_oauth_refresh_async (f->oauth, first->refresh_token, NULL, refreshed, &renewed);
  wait_for (&renewed);
  g_assert_no_error (renewed.error);
  g_assert_cmpstr (renewed.tokens->access_token, !=, first->access_token);
  g_assert_cmpstr (renewed.tokens->refresh_token, !=, first->refresh_token);
  g_assert_true (rectify_test_desk_oauth_accepts (f->endpoints, renewed.tokens->access_token,
                                                  g_get_real_time ()));
  g_assert_false (rectify_test_desk_oauth_accepts (f->endpoints, first->access_token,
                                                   g_get_real_time ()));

  rectify_oauth_refresh_async (f->oauth, first->refresh_token, NULL, refreshed, &reused);
  wait_for (&reused);
  g_assert_error (reused.error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_INVALID_GRANT);
  g_clear_error (&reused.error);

  /* An hour and a bit later, on the desk's clock. */
  rectify_test_desk_advance_clock (f->desk, 3700 * G_TIME_SPAN_SECOND);
  rectify_oauth_refresh_async (f->oauth, renewed.tokens->refresh_token, NULL, refreshed,
                               &expired);
  wait_for (&expired);
  g_assert_error (expired.error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_INVALID_GRANT);
  g_clear_error (&expired.error);
  g_clear_pointer (&renewed.tokens, rectify_oauth_tokens_free);
}

/* Signing out revokes the token on the desk. */
static void
test_oauth_revoke (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RectifyOAuthTokens) tokens = sign_in (f, NULL);
  Outcome outcome = { 0 };

  rectify_oauth_revoke_async (f->oauth, tokens->access_token, NULL, revoked, &outcome);
  wait_for (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_false (rectify_test_desk_oauth_accepts (f->endpoints, tokens->access_token,
                                                   g_get_real_time ()));
  g_assert_cmpuint (rectify_test_desk_oauth_get_n_revoked (f->endpoints), ==, 1);
}

/* The owner says no in the browser. */
static void
test_oauth_denied (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *location = NULL;
  Outcome outcome = { 0 };

  rectify_test_desk_oauth_set_deny (f->endpoints, TRUE);
  url = rectify_oauth_begin (f->oauth, &error);
  g_assert_no_error (error);
  rectify_oauth_sign_in_async (f->oauth, NULL, signed_in, &outcome);
  g_assert_cmpuint (browse (f, url, &location), ==, SOUP_STATUS_FOUND);
  g_assert_cmpuint (browse (f, location, NULL), ==, SOUP_STATUS_OK);
  wait_for (&outcome);
  g_assert_error (outcome.error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_DENIED);
  g_clear_error (&outcome.error);
  g_assert_cmpuint (rectify_test_desk_oauth_get_n_issued (f->endpoints), ==, 0);
}

/* The registered port is taken by another program: said plainly. */
static void
test_oauth_port_in_use (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSocketListener) squatter = g_socket_listener_new ();
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", f->port);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *port = g_strdup_printf ("%u", f->port);

  g_socket_listener_add_address (squatter, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, NULL, &error);
  g_assert_no_error (error);

  url = rectify_oauth_begin (f->oauth, &error);
  g_assert_null (url);
  g_assert_error (error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_PORT_IN_USE);
  g_assert_nonnull (strstr (error->message, port));
}

/* Cancelled while waiting for the browser: the port is free again. */
static void
test_oauth_cancel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *again = NULL;
  Outcome outcome = { 0 };

  url = rectify_oauth_begin (f->oauth, &error);
  g_assert_no_error (error);
  rectify_oauth_sign_in_async (f->oauth, cancellable, signed_in, &outcome);
  g_cancellable_cancel (cancellable);
  wait_for (&outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&outcome.error);

  again = rectify_oauth_begin (f->oauth, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpstr (again, !=, url);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/oauth/pkce", test_oauth_pkce);
  g_test_add_func ("/oauth/tokens-json", test_oauth_tokens_json);
  g_test_add ("/oauth/sign-in", Fixture, NULL, fixture_set_up, test_oauth_sign_in,
              fixture_tear_down);
  g_test_add ("/oauth/code-reuse-and-verifier", Fixture, NULL, fixture_set_up,
              test_oauth_code_reuse_and_verifier, fixture_tear_down);
  g_test_add ("/oauth/verifier", Fixture, NULL, fixture_set_up, test_oauth_verifier,
              fixture_tear_down);
  g_test_add ("/oauth/refresh", Fixture, NULL, fixture_set_up, test_oauth_refresh,
              fixture_tear_down);
  g_test_add ("/oauth/revoke", Fixture, NULL, fixture_set_up, test_oauth_revoke,
              fixture_tear_down);
  g_test_add ("/oauth/denied", Fixture, NULL, fixture_set_up, test_oauth_denied,
              fixture_tear_down);
  g_test_add ("/oauth/port-in-use", Fixture, NULL, fixture_set_up, test_oauth_port_in_use,
              fixture_tear_down);
  g_test_add ("/oauth/cancel", Fixture, NULL, fixture_set_up, test_oauth_cancel,
              fixture_tear_down);

  return g_test_run ();
}
