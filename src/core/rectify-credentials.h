/* rectify-credentials.h: the help-desk sign-in, its token in the desktop keyring
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rectify-desk-client.h"
#include "rectify-oauth.h"

G_BEGIN_DECLS

#define RECTIFY_CREDENTIALS_ERROR (rectify_credentials_error_quark ())

/**
 * RectifyCredentialsError:
 * @RECTIFY_CREDENTIALS_ERROR_NO_TOKEN: signing in is chosen but no token is
 *   stored for this desk and sign-in mode
 * @RECTIFY_CREDENTIALS_ERROR_NO_EMAIL: an API token is chosen but the
 *   e-mail address it belongs to is missing
 * @RECTIFY_CREDENTIALS_ERROR_KEYRING: the desktop keyring (Secret Service or
 *   the secret portal) could not be used
 *
 * Errors of the help-desk sign-in.
 */
typedef enum
{
  RECTIFY_CREDENTIALS_ERROR_NO_TOKEN,
  RECTIFY_CREDENTIALS_ERROR_NO_EMAIL,
  RECTIFY_CREDENTIALS_ERROR_KEYRING,
} RectifyCredentialsError;

#define RECTIFY_CREDENTIALS_SCHEMA_NAME "io.github.rectify.Rectify.DeskToken"

GQuark              rectify_credentials_error_quark            (void);

char               *rectify_credentials_normalize_desk_url     (const char           *text);
gboolean            rectify_credentials_check_desk_url         (const char           *text,
                                                                GError              **error);
char               *rectify_credentials_dup_desk_url           (GSettings            *settings);
RectifyDeskAuth     rectify_credentials_get_mode               (GSettings            *settings);
const char         *rectify_credentials_get_mode_nick          (RectifyDeskAuth       mode);

void                rectify_credentials_store_async            (const char           *desk_url,
                                                                RectifyDeskAuth       mode,
                                                                const char           *token,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
gboolean            rectify_credentials_store_finish           (GAsyncResult         *result,
                                                                GError              **error);
void                rectify_credentials_lookup_async           (const char           *desk_url,
                                                                RectifyDeskAuth       mode,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
char               *rectify_credentials_lookup_finish          (GAsyncResult         *result,
                                                                GError              **error);
void                rectify_credentials_token_free             (char                 *token);
void                rectify_credentials_has_token_async        (const char           *desk_url,
                                                                RectifyDeskAuth       mode,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
gboolean            rectify_credentials_has_token_finish       (GAsyncResult         *result,
                                                                gboolean             *out_stored,
                                                                GError              **error);
void                rectify_credentials_clear_async            (const char           *desk_url,
                                                                RectifyDeskAuth       mode,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
gboolean            rectify_credentials_clear_finish           (GAsyncResult         *result,
                                                                GError              **error);

void                rectify_credentials_new_desk_client_async  (GSettings            *settings,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
void                rectify_credentials_renew_desk_client_async (GSettings          *settings,
                                                                 GCancellable       *cancellable,
                                                                 GAsyncReadyCallback callback,
                                                                 gpointer            user_data);
RectifyDeskClient  *rectify_credentials_new_desk_client_finish (GAsyncResult         *result,
                                                                GError              **error);
RectifyOAuth       *rectify_credentials_new_oauth              (const char           *desk_url);

G_END_DECLS
