/* rectify-oauth.h: signing in to the help desk with OAuth and PKCE
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RECTIFY_OAUTH_ERROR (rectify_oauth_error_quark ())

/**
 * RectifyOAuthError:
 * @RECTIFY_OAUTH_ERROR_PORT_IN_USE: another program listens on the port
 *   the desk expects the browser to come back to
 * @RECTIFY_OAUTH_ERROR_DENIED: the owner said no in the browser
 * @RECTIFY_OAUTH_ERROR_STATE: the answer in the browser was not for this
 *   sign-in (its state did not match): ignored
 * @RECTIFY_OAUTH_ERROR_INVALID_GRANT: the desk refused the code or the
 *   refresh token (used, expired or revoked): sign in again
 * @RECTIFY_OAUTH_ERROR_BAD_RESPONSE: the desk's answer could not be read
 * @RECTIFY_OAUTH_ERROR_NETWORK: the desk could not be reached
 */
typedef enum
{
  RECTIFY_OAUTH_ERROR_PORT_IN_USE,
  RECTIFY_OAUTH_ERROR_DENIED,
  RECTIFY_OAUTH_ERROR_STATE,
  RECTIFY_OAUTH_ERROR_INVALID_GRANT,
  RECTIFY_OAUTH_ERROR_BAD_RESPONSE,
  RECTIFY_OAUTH_ERROR_NETWORK,
} RectifyOAuthError;

/* The pair the desk hands out, as kept in the keyring. Times are Unix
 * seconds; 0 when the desk did not say. */
typedef struct
{
  char   *access_token;
  char   *refresh_token;
  gint64  expires_at;
  gint64  refresh_expires_at;
} RectifyOAuthTokens;

GQuark              rectify_oauth_error_quark          (void);

char               *rectify_oauth_new_verifier         (void);
char               *rectify_oauth_challenge_for        (const char          *verifier);

void                rectify_oauth_tokens_free          (RectifyOAuthTokens  *tokens);
char               *rectify_oauth_tokens_to_json       (const RectifyOAuthTokens *tokens);
RectifyOAuthTokens *rectify_oauth_tokens_from_json     (const char          *json,
                                                        GError             **error);
gboolean            rectify_oauth_tokens_need_refresh  (const RectifyOAuthTokens *tokens,
                                                        GDateTime           *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RectifyOAuthTokens, rectify_oauth_tokens_free)

#define RECTIFY_TYPE_OAUTH (rectify_oauth_get_type ())

G_DECLARE_FINAL_TYPE (RectifyOAuth, rectify_oauth, RECTIFY, OAUTH, GObject)

RectifyOAuth       *rectify_oauth_new                  (const char          *desk_url,
                                                        const char          *client_id,
                                                        const char          *redirect_uri,
                                                        const char          *scope);
void                rectify_oauth_set_tls_database     (RectifyOAuth        *self,
                                                        GTlsDatabase        *database);

char               *rectify_oauth_begin                (RectifyOAuth        *self,
                                                        GError             **error);
void                rectify_oauth_sign_in_async        (RectifyOAuth        *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
RectifyOAuthTokens *rectify_oauth_sign_in_finish       (RectifyOAuth        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

void                rectify_oauth_refresh_async        (RectifyOAuth        *self,
                                                        const char          *refresh_token,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
RectifyOAuthTokens *rectify_oauth_refresh_finish       (RectifyOAuth        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

void                rectify_oauth_revoke_async         (RectifyOAuth        *self,
                                                        const char          *access_token,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            rectify_oauth_revoke_finish        (RectifyOAuth        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
