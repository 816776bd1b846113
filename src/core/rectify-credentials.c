/* rectify-credentials.c: the help-desk sign-in, its token in the desktop keyring
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the sign-in lives:
 *
 * - the desk address, the sign-in mode and the e-mail address an API token
 *   belongs to are settings (GSettings), nothing secret;
 * - the token (OAuth or API) is kept only in the desktop keyring, through
 *   libsecret: the Secret Service on a desktop, the secret portal inside
 *   Flatpak. Never in a file Rectify writes, never in GSettings, never in a
 *   log message.
 *
 * A token is stored against the desk address and the mode it is for, so
 * pointing Rectify at another desk (a test desk, say) never sends it the
 * token meant for Ringover's.
 */

/* explicit_bzero() is a glibc extension. */
#define _DEFAULT_SOURCE

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "rectify-clock.h"
#include "rectify-credentials.h"
#include "rectify-oauth.h"
#include "rectify-provider.h"

G_DEFINE_QUARK (rectify-credentials-error-quark, rectify_credentials_error)

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    RECTIFY_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "desk-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "mode", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* The nicks of the sign-in-mode setting, also the keyring's "mode" attribute. */
const char *
rectify_credentials_get_mode_nick (RectifyDeskAuth mode)
{
  switch (mode)
    {
    case RECTIFY_DESK_AUTH_OAUTH:
      return "oauth";
    case RECTIFY_DESK_AUTH_API_TOKEN:
      return "api-token";
    case RECTIFY_DESK_AUTH_ANONYMOUS:
    default:
      return "anonymous";
    }
}

/**
 * rectify_credentials_normalize_desk_url:
 * @text: (nullable): a desk address as typed
 *
 * Returns: (transfer full): @text without surrounding spaces or trailing
 *   slashes, so one desk is stored under one address
 */
char *
rectify_credentials_normalize_desk_url (const char *text)
{
  char *url = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *separator = strstr (url, "://");
  gsize keep = separator != NULL ? (gsize) (separator - url) + 3 : 0;
  gsize length = strlen (url);

  /* Not into "https://" itself. */
  while (length > keep && url[length - 1] == '/')
    url[--length] = '\0';

  return url;
}

/* Why the desk client refused @url as not an address, in more words than
 * its own "not valid". */
static const char *
explain_bad_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  const char *scheme;
  const char *host;

  if (uri == NULL || strstr (url, "://") == NULL)
    return _("Type the whole address, starting with “https://”.");

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return _("Only “https://” addresses can be used.");

  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    return _("The server name is missing after “https://”.");

  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    return _("The address cannot contain a user name, a “?” or a “#”.");

  return NULL;
}

/**
 * rectify_credentials_check_desk_url:
 * @text: (nullable): a desk address as typed
 * @error: return location for a #GError
 *
 * Whether @text can be used as the desk address: empty (Ringover's own
 * desk), `https://`, or plain `http://` to this computer only (127.0.0.0/8,
 * ::1, localhost). The desk client decides; this only adds the reason.
 *
 * Returns: %TRUE when it can, else %FALSE with @error set in the
 *   %RECTIFY_DESK_ERROR domain (%RECTIFY_DESK_ERROR_BAD_URL or
 *   %RECTIFY_DESK_ERROR_INSECURE) and a message for the owner
 */
gboolean
rectify_credentials_check_desk_url (const char  *text,
                                    GError     **error)
{
  g_autofree char *url = rectify_credentials_normalize_desk_url (text);
  g_autoptr(RectifyDeskClient) client = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *reason;

  if (url[0] == '\0')
    return TRUE;

  client = rectify_desk_client_new (url, &local_error);
  if (client != NULL)
    return TRUE;

  if (g_error_matches (local_error, RECTIFY_DESK_ERROR, RECTIFY_DESK_ERROR_BAD_URL) &&
      (reason = explain_bad_url (url)) != NULL)
    {
      g_propagate_error (error, rectify_desk_error_new (RECTIFY_DESK_ERROR_BAD_URL, 0, -1,
                                                        NULL, NULL, reason));
      return FALSE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * rectify_credentials_dup_desk_url:
 * @settings: the application's settings
 *
 * Returns: (transfer full): the desk address to use: the setting, or the
 *   provider profile's when it is empty
 */
char *
rectify_credentials_dup_desk_url (GSettings *settings)
{
  g_autofree char *setting = NULL;
  char *url;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  setting = g_settings_get_string (settings, "desk-url");
  url = rectify_credentials_normalize_desk_url (setting);
  if (url[0] != '\0')
    return url;

  g_free (url);
  return rectify_credentials_normalize_desk_url (
    rectify_provider_get_desk_base_url (rectify_provider_get_default ()));
}

RectifyDeskAuth
rectify_credentials_get_mode (GSettings *settings)
{
  int mode;

  g_return_val_if_fail (G_IS_SETTINGS (settings), RECTIFY_DESK_AUTH_ANONYMOUS);

  /* The schema's enum has the values of RectifyDeskAuth. */
  mode = g_settings_get_enum (settings, "sign-in-mode");
  if (mode != RECTIFY_DESK_AUTH_OAUTH && mode != RECTIFY_DESK_AUTH_API_TOKEN)
    return RECTIFY_DESK_AUTH_ANONYMOUS;

  return mode;
}

/* A keyring failure, for the owner; the details (D-Bus names and the like)
 * only in the debug log. Cancellation passes as it is. */
static GError *
keyring_error (GError *error)
{
  GError *new_error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  g_debug ("Keyring: %s", error->message);
  new_error = g_error_new_literal (RECTIFY_CREDENTIALS_ERROR, RECTIFY_CREDENTIALS_ERROR_KEYRING,
                                   _("The desktop keyring cannot be used, so the token cannot "
                                     "be kept safely."));
  g_error_free (error);

  return new_error;
}

/* Store */

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * rectify_credentials_store_async:
 * @desk_url: the desk address the token is for
 * @mode: %RECTIFY_DESK_AUTH_OAUTH or %RECTIFY_DESK_AUTH_API_TOKEN
 * @token: the token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Keeps @token in the desktop keyring, replacing the one stored for the
 * same desk and mode.
 */
void
rectify_credentials_store_async (const char          *desk_url,
                                 RectifyDeskAuth      mode,
                                 const char          *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (desk_url != NULL);
  g_return_if_fail (mode == RECTIFY_DESK_AUTH_OAUTH || mode == RECTIFY_DESK_AUTH_API_TOKEN);
  g_return_if_fail (token != NULL && token[0] != '\0');

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_credentials_store_async);

  url = rectify_credentials_normalize_desk_url (desk_url);
  /* Translators: how the token is listed in the keyring (Passwords and
   * Keys); %s is the help desk's address */
  label = g_strdup_printf (_("Rectify sign-in for %s"), url);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, store_cb, g_steal_pointer (&task),
                         "desk-url", url,
                         "mode", rectify_credentials_get_mode_nick (mode),
                         NULL);
}

gboolean
rectify_credentials_store_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rectify_credentials_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Lookup */

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token;

  token = secret_password_lookup_nonpageable_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

/**
 * rectify_credentials_lookup_async:
 * @desk_url: the desk address
 * @mode: the sign-in mode
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the token stored for @desk_url and @mode. The keyring may ask the
 * owner to unlock it first.
 */
void
rectify_credentials_lookup_async (const char          *desk_url,
                                  RectifyDeskAuth      mode,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (desk_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_credentials_lookup_async);

  url = rectify_credentials_normalize_desk_url (desk_url);
  /* Finished in non-pageable memory (secret_password_lookup_nonpageable_finish()). */
  secret_password_lookup (get_schema (), cancellable, lookup_cb, g_steal_pointer (&task),
                          "desk-url", url,
                          "mode", rectify_credentials_get_mode_nick (mode),
                          NULL);
}

/**
 * rectify_credentials_lookup_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the token, to be freed with
 *   rectify_credentials_token_free(); %NULL without @error set when none is
 *   stored
 */
char *
rectify_credentials_lookup_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rectify_credentials_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Wipes and frees a token from rectify_credentials_lookup_finish(). */
void
rectify_credentials_token_free (char *token)
{
  secret_password_free (token);
}

/* Whether a token is stored */

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error));
      return;
    }

  g_task_return_int (task, items != NULL);
  g_list_free_full (items, g_object_unref);
}

/**
 * rectify_credentials_has_token_async:
 * @desk_url: the desk address
 * @mode: the sign-in mode
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds whether a token is stored for @desk_url and @mode without reading
 * it, and without asking to unlock the keyring.
 */
void
rectify_credentials_has_token_async (const char          *desk_url,
                                     RectifyDeskAuth      mode,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (desk_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_credentials_has_token_async);

  url = rectify_credentials_normalize_desk_url (desk_url);
  secret_password_search (get_schema (), SECRET_SEARCH_ALL, cancellable, search_cb,
                          g_steal_pointer (&task),
                          "desk-url", url,
                          "mode", rectify_credentials_get_mode_nick (mode),
                          NULL);
}

/**
 * rectify_credentials_has_token_finish:
 * @result: the #GAsyncResult
 * @out_stored: (out): whether a token is stored
 * @error: return location for a #GError
 *
 * Returns: whether the keyring could be asked
 */
gboolean
rectify_credentials_has_token_finish (GAsyncResult  *result,
                                      gboolean      *out_stored,
                                      GError       **error)
{
  gssize stored;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rectify_credentials_has_token_async, FALSE);
  g_return_val_if_fail (out_stored != NULL, FALSE);

  stored = g_task_propagate_int (G_TASK (result), error);
  if (stored < 0)
    return FALSE;

  *out_stored = stored > 0;
  return TRUE;
}

/* Clear */

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove, which is fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * rectify_credentials_clear_async:
 * @desk_url: the desk address
 * @mode: the sign-in mode
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes the token stored for @desk_url and @mode from the keyring.
 */
void
rectify_credentials_clear_async (const char          *desk_url,
                                 RectifyDeskAuth      mode,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (desk_url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_credentials_clear_async);

  url = rectify_credentials_normalize_desk_url (desk_url);
  secret_password_clear (get_schema (), cancellable, clear_cb, g_steal_pointer (&task),
                         "desk-url", url,
                         "mode", rectify_credentials_get_mode_nick (mode),
                         NULL);
}

gboolean
rectify_credentials_clear_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rectify_credentials_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A desk client as the settings say */

typedef struct
{
  RectifyDeskClient *client;
  RectifyDeskAuth    mode;
  char              *email;
  char              *desk_url;
  gboolean           force_refresh;
  RectifyOAuthTokens *tokens;
  RectifyOAuth       *oauth;
} ClientData;

static void
client_data_free (gpointer data)
{
  ClientData *cd = data;

  g_clear_object (&cd->client);
  g_clear_object (&cd->oauth);
  g_clear_pointer (&cd->tokens, rectify_oauth_tokens_free);
  g_free (cd->email);
  g_free (cd->desk_url);
  g_free (cd);
}

/* A sign-in through the browser keeps the pair as JSON; a token stored by
 * hand is kept as it is. */
static gboolean
is_token_pair (const char *secret)
{
  return secret != NULL && secret[0] == '{';
}

/**
 * rectify_credentials_new_oauth:
 * @desk_url: the desk
 *
 * Returns: (transfer full) (nullable): the sign-in the provider profile
 *   offers for @desk_url, or %NULL when the desk registered no client
 */
RectifyOAuth *
rectify_credentials_new_oauth (const char *desk_url)
{
  RectifyProvider *provider = rectify_provider_get_default ();
  const char *client_id = rectify_provider_get_oauth_client_id (provider);

  if (client_id == NULL)
    return NULL;

  return rectify_oauth_new (desk_url, client_id, rectify_provider_get_oauth_redirect_uri (provider),
                            rectify_provider_get_oauth_scope (provider));
}

static void
stored_rotated_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClientData *cd = g_task_get_task_data (task);
  GError *error = NULL;

  /* The old pair no longer works: if the new one could not be kept, the
   * next start signs in again; this client still works now. */
  if (!rectify_credentials_store_finish (result, &error))
    {
      g_warning ("The renewed sign-in could not be kept in the keyring: %s", error->message);
      g_clear_error (&error);
    }

  rectify_desk_client_set_oauth_token (cd->client, cd->tokens->access_token);
  g_task_return_pointer (task, g_steal_pointer (&cd->client), g_object_unref);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClientData *cd = g_task_get_task_data (task);
  g_autoptr(RectifyOAuthTokens) renewed = NULL;
  g_autofree char *json = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  renewed = rectify_oauth_refresh_finish (RECTIFY_OAUTH (object), result, &error);
  if (renewed == NULL)
    {
      if (g_error_matches (error, RECTIFY_OAUTH_ERROR, RECTIFY_OAUTH_ERROR_INVALID_GRANT))
        {
          g_clear_error (&error);
          g_task_return_new_error (task, RECTIFY_CREDENTIALS_ERROR,
                                   RECTIFY_CREDENTIALS_ERROR_NO_TOKEN,
                                   _("Your sign-in to the help desk has ended. Sign in again in "
                                     "Preferences, or send without signing in."));
          return;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, error);
          return;
        }

      /* Offline, say: the token may still work for a while. */
      g_debug ("The sign-in could not be renewed: %s", error->message);
      g_clear_error (&error);
      rectify_desk_client_set_oauth_token (cd->client, cd->tokens->access_token);
      g_task_return_pointer (task, g_steal_pointer (&cd->client), g_object_unref);
      return;
    }

  g_clear_pointer (&cd->tokens, rectify_oauth_tokens_free);
  cd->tokens = g_steal_pointer (&renewed);
  json = rectify_oauth_tokens_to_json (cd->tokens);
  cancellable = g_task_get_cancellable (task);
  rectify_credentials_store_async (cd->desk_url, RECTIFY_DESK_AUTH_OAUTH, json, cancellable,
                                   stored_rotated_cb, g_steal_pointer (&task));
  explicit_bzero (json, strlen (json));
}

/* A pair from the browser sign-in: renewed first when it is about to end
 * (or the desk just refused it), and kept at once, since the desk rotates
 * the pair and the old one stops working. */
static void
use_token_pair (GTask      *task,
                const char *secret)
{
  ClientData *cd = g_task_get_task_data (task);
  g_autoptr(GDateTime) now = rectify_clock_now_utc ();
  GError *error = NULL;

  cd->tokens = rectify_oauth_tokens_from_json (secret, &error);
  if (cd->tokens == NULL)
    {
      g_clear_error (&error);
      g_task_return_new_error (task, RECTIFY_CREDENTIALS_ERROR,
                               RECTIFY_CREDENTIALS_ERROR_NO_TOKEN,
                               _("Your sign-in to the help desk has ended. Sign in again in "
                                 "Preferences, or send without signing in."));
      return;
    }

  cd->oauth = rectify_credentials_new_oauth (cd->desk_url);
  if (cd->oauth != NULL && cd->tokens->refresh_token != NULL &&
      (cd->force_refresh || rectify_oauth_tokens_need_refresh (cd->tokens, now)))
    {
      rectify_oauth_refresh_async (cd->oauth, cd->tokens->refresh_token,
                                   g_task_get_cancellable (task), refreshed_cb,
                                   g_object_ref (task));
      return;
    }

  rectify_desk_client_set_oauth_token (cd->client, cd->tokens->access_token);
  g_task_return_pointer (task, g_steal_pointer (&cd->client), g_object_unref);
}

static void
client_lookup_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClientData *cd = g_task_get_task_data (task);
  GError *error = NULL;
  char *token;

  token = rectify_credentials_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (token == NULL || token[0] == '\0')
    {
      rectify_credentials_token_free (token);
      g_task_return_new_error (task, RECTIFY_CREDENTIALS_ERROR,
                               RECTIFY_CREDENTIALS_ERROR_NO_TOKEN,
                               _("No sign-in token is stored for this help desk. Add one in "
                                 "Preferences, or choose to send without signing in."));
      return;
    }

  if (cd->mode == RECTIFY_DESK_AUTH_OAUTH && is_token_pair (token))
    {
      use_token_pair (task, token);
      rectify_credentials_token_free (token);
      return;
    }

  if (cd->mode == RECTIFY_DESK_AUTH_API_TOKEN)
    rectify_desk_client_set_api_token (cd->client, cd->email, token);
  else
    rectify_desk_client_set_oauth_token (cd->client, token);
  rectify_credentials_token_free (token);

  g_task_return_pointer (task, g_steal_pointer (&cd->client), g_object_unref);
}

static void
new_desk_client (GSettings           *settings,
                 gboolean             force_refresh,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  GError *error = NULL;
  ClientData *cd;

  g_return_if_fail (G_IS_SETTINGS (settings));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rectify_credentials_new_desk_client_async);

  cd = g_new0 (ClientData, 1);
  g_task_set_task_data (task, cd, client_data_free);

  url = rectify_credentials_dup_desk_url (settings);
  cd->desk_url = g_strdup (url);
  cd->force_refresh = force_refresh;
  cd->client = rectify_desk_client_new (url, &error);
  if (cd->client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The same limit validation holds attachments to. */
  rectify_desk_client_set_max_upload_size (cd->client,
                                           rectify_provider_get_max_attachment_size (
                                             rectify_provider_get_default ()));

  cd->mode = rectify_credentials_get_mode (settings);
  if (cd->mode == RECTIFY_DESK_AUTH_ANONYMOUS)
    {
      rectify_desk_client_set_anonymous (cd->client, NULL, NULL, 0);
      g_task_return_pointer (task, g_steal_pointer (&cd->client), g_object_unref);
      return;
    }

  if (cd->mode == RECTIFY_DESK_AUTH_API_TOKEN)
    {
      g_autofree char *email = g_settings_get_string (settings, "api-token-email");

      cd->email = g_strdup (g_strstrip (email));
      if (cd->email[0] == '\0')
        {
          g_task_return_new_error (task, RECTIFY_CREDENTIALS_ERROR,
                                   RECTIFY_CREDENTIALS_ERROR_NO_EMAIL,
                                   _("The e-mail address the API token belongs to is missing. "
                                     "Add it in Preferences."));
          return;
        }
    }

  rectify_credentials_lookup_async (url, cd->mode, cancellable, client_lookup_cb,
                                    g_steal_pointer (&task));
}

/**
 * rectify_credentials_new_desk_client_async:
 * @settings: the application's settings
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Makes a desk client for the desk address and sign-in the settings say,
 * with the token from the keyring. An anonymous client has no requester
 * yet: who is asking depends on the case (rectify_desk_client_set_anonymous()).
 */
void
rectify_credentials_new_desk_client_async (GSettings           *settings,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  new_desk_client (settings, FALSE, cancellable, callback, user_data);
}

/**
 * rectify_credentials_renew_desk_client_async:
 * @settings: the application's settings
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done; finish with
 *   rectify_credentials_new_desk_client_finish()
 * @user_data: data for @callback
 *
 * As rectify_credentials_new_desk_client_async(), after the desk refused
 * the access token (401): a browser sign-in is renewed with its refresh
 * token whatever its expiry says.
 */
void
rectify_credentials_renew_desk_client_async (GSettings           *settings,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  new_desk_client (settings, TRUE, cancellable, callback, user_data);
}

/**
 * rectify_credentials_new_desk_client_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the client, or %NULL with @error set: a
 *   %RECTIFY_DESK_ERROR for a desk address that cannot be used, a
 *   %RECTIFY_CREDENTIALS_ERROR when the sign-in is incomplete
 */
RectifyDeskClient *
rectify_credentials_new_desk_client_finish (GAsyncResult  *result,
                                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rectify_credentials_new_desk_client_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
