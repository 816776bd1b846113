/* test-credentials.c: the desk token in a private keyring, and nowhere else
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run through tests/keyring-session.sh, which gives the test a D-Bus
 * session and a gnome-keyring of its own. Without them the keyring tests
 * skip; the desk address checks run anyway.
 */

#include "config.h"

#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "rectify-clock.h"
#include "rectify-credentials.h"
#include "rectify-provider.h"
#include "rectify-test-case.h"
#include "rectify-test-desk.h"

typedef struct
{
  RectifyTestDesk  *desk;
  GSettingsBackend *backend;
  GSettings        *settings;
  char             *keyfile;
  char             *token;
} Fixture;

static gboolean
have_private_keyring (void)
{
  if (g_strcmp0 (g_getenv ("RECTIFY_TEST_KEYRING"), "private") == 0)
    return TRUE;

  g_test_skip ("No private Secret Service: run through tests/keyring-session.sh, "
               "with dbus-run-session and gnome-keyring-daemon installed");
  return FALSE;
}

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the main loop until the call that was given got_result finishes. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (*slot == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*slot);

  return *slot;
}

static void
store (const char      *url,
       RectifyDeskAuth  mode,
       const char      *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  rectify_credentials_store_async (url, mode, token, NULL, got_result, &result);
  ok = rectify_credentials_store_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

/* The token stored, or NULL. */
static char *
lookup (const char      *url,
        RectifyDeskAuth  mode)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;
  char *copy;

  rectify_credentials_lookup_async (url, mode, NULL, got_result, &result);
  token = rectify_credentials_lookup_finish (wait_for (&result), &error);
  g_assert_no_error (error);

  copy = g_strdup (token);
  rectify_credentials_token_free (token);
  return copy;
}

static gboolean
has_token (const char      *url,
           RectifyDeskAuth  mode)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean stored = FALSE;

  rectify_credentials_has_token_async (url, mode, NULL, got_result, &result);
  g_assert_true (rectify_credentials_has_token_finish (wait_for (&result), &stored, &error));
  g_assert_no_error (error);

  return stored;
}

static void
clear (const char      *url,
       RectifyDeskAuth  mode)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  rectify_credentials_clear_async (url, mode, NULL, got_result, &result);
  g_assert_true (rectify_credentials_clear_finish (wait_for (&result), &error));
  g_assert_no_error (error);
}

static RectifyDeskClient *
new_client (GSettings  *settings,
            GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rectify_credentials_new_desk_client_async (settings, NULL, got_result, &result);
  return rectify_credentials_new_desk_client_finish (wait_for (&result), error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings",
                                           NULL);

  fixture->desk = rectify_test_desk_new (&error);
  g_assert_no_error (error);

  /* Settings written to a file under the test's XDG_CONFIG_HOME, so the
   * search for the token below covers them too. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fixture->keyfile = g_build_filename (dir, "keyfile", NULL);
  fixture->backend = g_keyfile_settings_backend_new (fixture->keyfile, "/", NULL);
  fixture->settings = g_settings_new_with_backend (SCHEMA_ID, fixture->backend);

  fixture->token = g_strdup_printf ("rectify-test-token-%08x%08x", g_random_int (),
                                    g_random_int ());
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->backend);
  g_clear_object (&fixture->desk);
  g_free (fixture->keyfile);
  g_free (fixture->token);
}

static gboolean
bytes_contain (const char *haystack,
               gsize       length,
               const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      return TRUE;

  return FALSE;
}

/* Whether @needle is in any file under @path. */
static gboolean
tree_contains (const char *path,
               const char *needle,
               guint      *n_files)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return FALSE;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        return FALSE;
      (*n_files)++;

      return bytes_contain (contents, length, needle);
    }

  if ((dir = g_dir_open (path, 0, NULL)) == NULL)
    return FALSE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (tree_contains (child, needle, n_files))
        return TRUE;
    }

  return FALSE;
}

static gboolean
settings_contain (GSettings  *settings,
                  const char *needle)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      if (strstr (text, needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_credentials_store_lookup_clear (Fixture       *fixture,
                                     gconstpointer  data)
{
  const char *url = rectify_test_desk_get_url (fixture->desk);
  const char *email = rectify_test_desk_get_user_email (fixture->desk);
  g_autoptr(RectifyDeskClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  g_autofree char *slashed = NULL;
  const char *dirs[4];
  guint n_files = 0;

  if (!have_private_keyring ())
    return;

  rectify_test_desk_set_api_token (fixture->desk, email, fixture->token);
  g_settings_set_string (fixture->settings, "desk-url", url);
  g_settings_set_enum (fixture->settings, "sign-in-mode", RECTIFY_DESK_AUTH_API_TOKEN);
  g_settings_set_string (fixture->settings, "api-token-email", email);

  /* Nothing stored yet: a signed-in client cannot be made. */
  g_assert_false (has_token (url, RECTIFY_DESK_AUTH_API_TOKEN));
  client = new_client (fixture->settings, &error);
  g_assert_error (error, RECTIFY_CREDENTIALS_ERROR, RECTIFY_CREDENTIALS_ERROR_NO_TOKEN);
  g_assert_null (client);
  g_clear_error (&error);

  store (url, RECTIFY_DESK_AUTH_API_TOKEN, fixture->token);
  found = lookup (url, RECTIFY_DESK_AUTH_API_TOKEN);
  g_assert_cmpstr (found, ==, fixture->token);
  g_assert_true (has_token (url, RECTIFY_DESK_AUTH_API_TOKEN));

  /* One desk's token is for that desk and that mode only; a trailing slash
   * is the same desk. */
  g_assert_null (lookup (url, RECTIFY_DESK_AUTH_OAUTH));
  g_assert_null (lookup ("https://other-desk.example", RECTIFY_DESK_AUTH_API_TOKEN));
  slashed = g_strconcat (url, "/", NULL);
  g_clear_pointer (&found, g_free);
  found = lookup (slashed, RECTIFY_DESK_AUTH_API_TOKEN);
  g_assert_cmpstr (found, ==, fixture->token);

  /* The client the settings describe signs in with it: the desk lets it
   * read the requests. */
  client = new_client (fixture->settings, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rectify_desk_client_get_auth (client), ==, RECTIFY_DESK_AUTH_API_TOKEN);
  rectify_desk_client_list_requests_async (client, NULL, got_result, &result);
  requests = rectify_desk_client_list_requests_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (requests);

  /* The token is in no file the app writes, and not in its settings. */
  g_settings_sync ();
  g_assert_true (g_file_test (fixture->keyfile, G_FILE_TEST_EXISTS));
  dirs[0] = g_get_user_data_dir ();
  dirs[1] = g_get_user_config_dir ();
  dirs[2] = g_get_user_cache_dir ();
  dirs[3] = g_get_user_state_dir ();
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    g_assert_false (tree_contains (dirs[i], fixture->token, &n_files));
  g_assert_cmpuint (n_files, >, 0);
  g_assert_false (settings_contain (fixture->settings, fixture->token));
  {
    g_autoptr(GSettings) app_settings = g_settings_new (SCHEMA_ID);

    g_assert_false (settings_contain (app_settings, fixture->token));
  }

  clear (url, RECTIFY_DESK_AUTH_API_TOKEN);
  g_assert_null (lookup (url, RECTIFY_DESK_AUTH_API_TOKEN));
  g_assert_false (has_token (url, RECTIFY_DESK_AUTH_API_TOKEN));

  /* Clearing what is not there is fine. */
  clear (url, RECTIFY_DESK_AUTH_API_TOKEN);
}

static void
test_credentials_oauth (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *url = rectify_test_desk_get_url (fixture->desk);
  g_autoptr(RectifyDeskClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_private_keyring ())
    return;

  rectify_test_desk_set_oauth_token (fixture->desk, fixture->token);
  g_settings_set_string (fixture->settings, "desk-url", url);
  g_settings_set_enum (fixture->settings, "sign-in-mode", RECTIFY_DESK_AUTH_OAUTH);

  /* Replacing: the newer token wins. */
  store (url, RECTIFY_DESK_AUTH_OAUTH, "an-old-token");
  store (url, RECTIFY_DESK_AUTH_OAUTH, fixture->token);

  client = new_client (fixture->settings, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rectify_desk_client_get_auth (client), ==, RECTIFY_DESK_AUTH_OAUTH);
  rectify_desk_client_list_requests_async (client, NULL, got_result, &result);
  requests = rectify_desk_client_list_requests_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);

  clear (url, RECTIFY_DESK_AUTH_OAUTH);
}

static RectifyDeskClient *
renew_client (GSettings  *settings,
              GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rectify_credentials_renew_desk_client_async (settings, NULL, got_result, &result);
  return rectify_credentials_new_desk_client_finish (wait_for (&result), error);
}

static gboolean
client_reads (RectifyDeskClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  rectify_desk_client_list_requests_async (client, NULL, got_result, &result);
  requests = rectify_desk_client_list_requests_finish (client, wait_for (&result), &error);

  return requests != NULL;
}

/* A browser sign-in about to end is renewed before the client is made, and
 * the rotated pair replaces the old one in the keyring at once; after a 401
 * it is renewed whatever its expiry says; once the refresh token has ended
 * too, the owner is asked to sign in again. */
static void
test_credentials_oauth_renewal (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *url = rectify_test_desk_get_url (fixture->desk);
  g_autoptr(RectifyProvider) provider = rectify_test_provider_with_client ("http://127.0.0.1:47391/cb");
  g_autoptr(RectifyDeskClient) client = NULL;
  g_autoptr(RectifyDeskClient) renewed = NULL;
  g_autoptr(RectifyDeskClient) ended = NULL;
  g_autoptr(RectifyOAuthTokens) kept = NULL;
  g_autoptr(GDateTime) now = rectify_clock_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  RectifyTestDeskOAuth *endpoints;
  RectifyOAuthTokens pair = { NULL, NULL, 0, 0 };

  if (!have_private_keyring ())
    return;

  rectify_provider_set_default (provider);
  endpoints = rectify_test_desk_enable_oauth (fixture->desk, "rectify-desktop",
                                              "http://127.0.0.1:47391/cb");
  rectify_test_desk_oauth_set_lifetimes (endpoints, 600, 3600);
  rectify_test_desk_oauth_issue (endpoints, g_get_real_time (), &pair.access_token,
                                 &pair.refresh_token);
  pair.expires_at = g_date_time_to_unix (now) + 60;
  secret = rectify_oauth_tokens_to_json (&pair);

  g_settings_set_string (fixture->settings, "desk-url", url);
  g_settings_set_enum (fixture->settings, "sign-in-mode", RECTIFY_DESK_AUTH_OAUTH);
  store (url, RECTIFY_DESK_AUTH_OAUTH, secret);

  /* A minute left: renewed first. */
  client = new_client (fixture->settings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rectify_test_desk_oauth_get_n_issued (endpoints), ==, 2);
  g_assert_true (client_reads (client));
  g_clear_pointer (&secret, g_free);
  secret = lookup (url, RECTIFY_DESK_AUTH_OAUTH);
  kept = rectify_oauth_tokens_from_json (secret, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->refresh_token, !=, pair.refresh_token);
  g_assert_cmpstr (kept->access_token, !=, pair.access_token);
  g_assert_false (rectify_test_desk_oauth_accepts (endpoints, pair.access_token,
                                                   g_get_real_time ()));

  /* Plenty of time left, but the desk said 401: renewed all the same. */
  renewed = renew_client (fixture->settings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rectify_test_desk_oauth_get_n_issued (endpoints), ==, 3);
  g_assert_true (client_reads (renewed));

  /* Two hours later on the desk: the refresh token has ended as well. */
  rectify_test_desk_advance_clock (fixture->desk, 2 * 3600 * G_TIME_SPAN_SECOND);
  ended = renew_client (fixture->settings, &error);
  g_assert_null (ended);
  g_assert_error (error, RECTIFY_CREDENTIALS_ERROR, RECTIFY_CREDENTIALS_ERROR_NO_TOKEN);
  g_assert_nonnull (strstr (error->message, "Sign in again"));

  clear (url, RECTIFY_DESK_AUTH_OAUTH);
  rectify_provider_set_default (NULL);
  g_free (pair.access_token);
  g_free (pair.refresh_token);
}

/* No keyring needed from here on. */

static void
test_credentials_client_modes (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RectifyDeskClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* Empty: the provider profile's desk. */
  url = rectify_credentials_dup_desk_url (fixture->settings);
  g_assert_cmpstr (url, ==, "https://support.ringover.com");
  g_assert_cmpint (rectify_credentials_get_mode (fixture->settings), ==,
                   RECTIFY_DESK_AUTH_ANONYMOUS);

  client = new_client (fixture->settings, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rectify_desk_client_get_auth (client), ==, RECTIFY_DESK_AUTH_ANONYMOUS);
  g_assert_cmpstr (rectify_desk_client_get_base_url (client), ==,
                   "https://support.ringover.com");
  g_clear_object (&client);

  /* An API token needs the e-mail address it belongs to. */
  g_settings_set_enum (fixture->settings, "sign-in-mode", RECTIFY_DESK_AUTH_API_TOKEN);
  g_settings_set_string (fixture->settings, "api-token-email", "  ");
  client = new_client (fixture->settings, &error);
  g_assert_error (error, RECTIFY_CREDENTIALS_ERROR, RECTIFY_CREDENTIALS_ERROR_NO_EMAIL);
  g_assert_null (client);
  g_clear_error (&error);

  /* A desk address that cannot be used is refused before the keyring. */
  g_settings_set_string (fixture->settings, "desk-url", "http://desk.example");
  client = new_client (fixture->settings, &error);
  g_assert_error (error, RECTIFY_DESK_ERROR, RECTIFY_DESK_ERROR_INSECURE);
  g_assert_null (client);
}

static void
test_credentials_desk_url (void)
{
  const struct {
    const char       *text;
    gboolean          valid;
    RectifyDeskError  code;
    const char       *reason;
  } cases[] = {
    { "", TRUE, 0, NULL },
    { "   ", TRUE, 0, NULL },
    { "https://desk.example", TRUE, 0, NULL },
    { " https://desk.example/ ", TRUE, 0, NULL },
    { "https://ringover.zendesk.com/sub", TRUE, 0, NULL },
    { "HTTPS://DESK.EXAMPLE", TRUE, 0, NULL },
    { "http://127.0.0.1:8080", TRUE, 0, NULL },
    { "http://127.1.2.3", TRUE, 0, NULL },
    { "http://[::1]:8080", TRUE, 0, NULL },
    { "http://localhost:3000", TRUE, 0, NULL },
    { "http://example.com", FALSE, RECTIFY_DESK_ERROR_INSECURE, "https://" },
    { "http://128.0.0.1", FALSE, RECTIFY_DESK_ERROR_INSECURE, "https://" },
    { "http://localhost.example.com", FALSE, RECTIFY_DESK_ERROR_INSECURE, "https://" },
    { "ftp://x", FALSE, RECTIFY_DESK_ERROR_BAD_URL, "Only “https://”" },
    { "not a url", FALSE, RECTIFY_DESK_ERROR_BAD_URL, "starting with “https://”" },
    { "desk.example", FALSE, RECTIFY_DESK_ERROR_BAD_URL, "starting with “https://”" },
    { "https://", FALSE, RECTIFY_DESK_ERROR_BAD_URL, "server name" },
    { "https://user:pw@desk.example", FALSE, RECTIFY_DESK_ERROR_BAD_URL, "user name" },
    { "https://desk.example/?x=1", FALSE, RECTIFY_DESK_ERROR_BAD_URL, "“?”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = rectify_credentials_check_desk_url (cases[i].text, &error);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (valid)
        {
          g_assert_no_error (error);
          continue;
        }

      g_assert_error (error, RECTIFY_DESK_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].reason));
    }
}

static void
test_credentials_normalize (void)
{
  g_autofree char *a = rectify_credentials_normalize_desk_url ("  https://desk.example//  ");
  g_autofree char *b = rectify_credentials_normalize_desk_url (NULL);

  g_assert_cmpstr (a, ==, "https://desk.example");
  g_assert_cmpstr (b, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/credentials/store-lookup-clear", Fixture, NULL,
              fixture_set_up, test_credentials_store_lookup_clear, fixture_tear_down);
  g_test_add ("/credentials/oauth", Fixture, NULL,
              fixture_set_up, test_credentials_oauth, fixture_tear_down);
  g_test_add ("/credentials/oauth-renewal", Fixture, NULL,
              fixture_set_up, test_credentials_oauth_renewal, fixture_tear_down);
  g_test_add ("/credentials/client-modes", Fixture, NULL,
              fixture_set_up, test_credentials_client_modes, fixture_tear_down);
  g_test_add_func ("/credentials/desk-url", test_credentials_desk_url);
  g_test_add_func ("/credentials/normalize", test_credentials_normalize);

  return g_test_run ();
}
