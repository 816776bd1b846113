/* test-preferences.c: the preferences window, through its widgets
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run through tests/keyring-session.sh: the token tests need the private
 * keyring it starts, and skip without it.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rectify-clock.h"
#include "rectify-credentials.h"
#include "rectify-preferences-window.h"
#include "rectify-provider.h"
#include "rectify-test-case.h"
#include "rectify-test-desk.h"
#include "rectify-test-utils.h"

typedef struct
{
  GSettings                *settings;
  RectifyPreferencesWindow *window;
  GtkWidget                *desk_url_row;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (SCHEMA_ID);
  g_settings_reset (fixture->settings, "desk-url");
  g_settings_reset (fixture->settings, "sign-in-mode");
  g_settings_reset (fixture->settings, "api-token-email");
  g_settings_reset (fixture->settings, "reminders-enabled");

  fixture->window = rectify_preferences_window_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  rectify_test_iterate (50);

  fixture->desk_url_row = rectify_test_find_row (GTK_WIDGET (fixture->window),
                                                 "Help desk address");
  g_assert_true (ADW_IS_ENTRY_ROW (fixture->desk_url_row));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  rectify_test_iterate (20);
  g_assert_null (fixture->window);
  g_clear_object (&fixture->settings);
}

static void
type_url (Fixture    *fixture,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (fixture->desk_url_row), text);
}

static void
apply_url (Fixture *fixture)
{
  g_signal_emit_by_name (fixture->desk_url_row, "apply");
}

static char *
saved_url (Fixture *fixture)
{
  return g_settings_get_string (fixture->settings, "desk-url");
}

static void
test_preferences_builds (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *message = rectify_test_row_message (fixture->desk_url_row);

  /* Empty: Ringover's own desk, said beside the field. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture->desk_url_row)), ==, "");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "https://support.ringover.com"));
  g_assert_false (gtk_widget_has_css_class (fixture->desk_url_row, "error"));

  g_assert_nonnull (rectify_test_find_row (GTK_WIDGET (fixture->window), "Sign in with"));
  g_assert_nonnull (rectify_test_find_row (GTK_WIDGET (fixture->window), "Connection"));
  g_assert_nonnull (rectify_test_find_row (GTK_WIDGET (fixture->window),
                                           "Remind me of deadlines"));

  /* Anonymous: nothing to type for signing in. */
  g_assert_null (rectify_test_find_row (GTK_WIDGET (fixture->window), "API token"));
  g_assert_null (rectify_test_find_row (GTK_WIDGET (fixture->window),
                                        "E-mail address of your help-desk account"));
}

static void
test_preferences_invalid_url (Fixture       *fixture,
                              gconstpointer  data)
{
  const struct {
    const char *text;
    const char *reason;
  } cases[] = {
    { "http://example.com", "must start with “https://” unless the desk runs on this computer" },
    { "ftp://x", "Only “https://” addresses can be used" },
    { "not a url", "Type the whole address, starting with “https://”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *saved = NULL;
      const char *message;

      g_test_message ("“%s”", cases[i].text);
      type_url (fixture, cases[i].text);

      /* The reason shows as it is typed... */
      message = rectify_test_row_message (fixture->desk_url_row);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, cases[i].reason));
      g_assert_true (gtk_widget_has_css_class (fixture->desk_url_row, "error"));

      /* ...and applying it keeps what was saved. */
      apply_url (fixture);
      saved = saved_url (fixture);
      g_assert_cmpstr (saved, ==, "");
    }

  /* Closing with it typed does not save it either. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  rectify_test_iterate (20);
  {
    g_autofree char *saved = saved_url (fixture);

    g_assert_cmpstr (saved, ==, "");
  }
}

static void
test_preferences_valid_url (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *saved = NULL;
  const char *message;

  type_url (fixture, "https://desk.example");
  g_assert_null (rectify_test_row_message (fixture->desk_url_row));
  g_assert_false (gtk_widget_has_css_class (fixture->desk_url_row, "error"));
  apply_url (fixture);
  saved = saved_url (fixture);
  g_assert_cmpstr (saved, ==, "https://desk.example");

  /* A desk on this computer may be plain http, and says so. */
  type_url (fixture, "http://127.0.0.1:8080");
  message = rectify_test_row_message (fixture->desk_url_row);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "this computer"));
  g_assert_false (gtk_widget_has_css_class (fixture->desk_url_row, "error"));
  apply_url (fixture);
  g_clear_pointer (&saved, g_free);
  saved = saved_url (fixture);
  g_assert_cmpstr (saved, ==, "http://127.0.0.1:8080");

  /* Typing an invalid address after keeps the last valid one. */
  type_url (fixture, "http://example.com");
  apply_url (fixture);
  g_clear_pointer (&saved, g_free);
  saved = saved_url (fixture);
  g_assert_cmpstr (saved, ==, "http://127.0.0.1:8080");

  /* A valid address typed is saved on closing, without a trailing slash. */
  type_url (fixture, " https://other-desk.example/ ");
  gtk_window_close (GTK_WINDOW (fixture->window));
  rectify_test_iterate (20);
  g_clear_pointer (&saved, g_free);
  saved = saved_url (fixture);
  g_assert_cmpstr (saved, ==, "https://other-desk.example");
}

static void
test_preferences_sign_in_rows (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *mode_row = rectify_test_find_row (GTK_WIDGET (fixture->window), "Sign in with");
  GtkWidget *email_row;

  adw_combo_row_set_selected (ADW_COMBO_ROW (mode_row), RECTIFY_DESK_AUTH_API_TOKEN);
  g_assert_cmpint (rectify_credentials_get_mode (fixture->settings), ==,
                   RECTIFY_DESK_AUTH_API_TOKEN);
  rectify_test_iterate (20);

  email_row = rectify_test_find_row (GTK_WIDGET (fixture->window),
                                     "E-mail address of your help-desk account");
  g_assert_nonnull (email_row);
  g_assert_nonnull (rectify_test_find_row (GTK_WIDGET (fixture->window), "API token"));
  gtk_editable_set_text (GTK_EDITABLE (email_row), "ana@example.com");
  {
    g_autofree char *email = g_settings_get_string (fixture->settings, "api-token-email");

    g_assert_cmpstr (email, ==, "ana@example.com");
  }

  /* From the settings to the row, too. */
  g_settings_set_enum (fixture->settings, "sign-in-mode", RECTIFY_DESK_AUTH_OAUTH);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (mode_row)), ==,
                    RECTIFY_DESK_AUTH_OAUTH);
  rectify_test_iterate (20);
  g_assert_null (rectify_test_find_row (GTK_WIDGET (fixture->window),
                                        "E-mail address of your help-desk account"));
  /* A browser sign-in has no token to paste. */
  g_assert_null (rectify_test_find_row (GTK_WIDGET (fixture->window), "API token"));
}

static gboolean
reminders_disabled (gpointer data)
{
  return !g_settings_get_boolean (G_SETTINGS (data), "reminders-enabled");
}

static void
test_preferences_reminders (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *row = rectify_test_find_row (GTK_WIDGET (fixture->window), "Remind me of deadlines");
  GtkWidget *toggle = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));

  /* The switch moves (an animation), then the setting follows. */
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_true (rectify_test_iterate_until (reminders_disabled, fixture->settings));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));

  /* From the settings to the switch, too. */
  g_settings_set_boolean (fixture->settings, "reminders-enabled", TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
}

typedef struct
{
  AdwActionRow *row;
} TestWait;

static gboolean
test_finished (gpointer data)
{
  TestWait *wait = data;
  const char *subtitle = adw_action_row_get_subtitle (wait->row);

  return g_strcmp0 (subtitle, "Testing…") != 0 && g_strcmp0 (subtitle, "Not tested yet") != 0;
}

static const char *
run_connection_test (Fixture *fixture)
{
  TestWait wait;

  wait.row = ADW_ACTION_ROW (rectify_test_find_row (GTK_WIDGET (fixture->window), "Connection"));
  g_assert_nonnull (wait.row);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.test-connection", NULL);
  g_assert_cmpstr (adw_action_row_get_subtitle (wait.row), ==, "Testing…");
  g_assert_true (rectify_test_iterate_until (test_finished, &wait));

  return adw_action_row_get_subtitle (wait.row);
}

static void
test_preferences_test_connection_anonymous (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(RectifyTestDesk) desk = NULL;
  g_autoptr(GError) error = NULL;
  const char *result;

  desk = rectify_test_desk_new (&error);
  g_assert_no_error (error);

  type_url (fixture, rectify_test_desk_get_url (desk));
  apply_url (fixture);

  result = run_connection_test (fixture);
  g_assert_cmpstr (result, ==, "The help desk answers at this address. Requests will be sent "
                               "without signing in.");

  /* A desk that is not there says so, in words. */
  g_clear_object (&desk);
  result = run_connection_test (fixture);
  g_assert_nonnull (strstr (result, "help desk"));
  g_assert_null (strstr (result, "answers at this address"));
}

typedef struct
{
  GtkWidget *widget;
  gboolean   visible;
} VisibleWait;

static gboolean
visibility_is (gpointer data)
{
  VisibleWait *wait = data;

  return gtk_widget_get_mapped (wait->widget) == wait->visible;
}

static GtkWidget *
find_status_row (Fixture *fixture)
{
  GtkWidget *button = rectify_test_find_action_button (GTK_WIDGET (fixture->window),
                                                       "prefs.remove-token");

  g_assert_nonnull (button);
  return gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
}

static void
test_preferences_token (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(RectifyTestDesk) desk = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  GtkWidget *mode_row;
  GtkWidget *email_row;
  GtkWidget *token_row;
  VisibleWait wait;
  const char *result;

  if (g_strcmp0 (g_getenv ("RECTIFY_TEST_KEYRING"), "private") != 0)
    {
      g_test_skip ("No private Secret Service: run through tests/keyring-session.sh");
      return;
    }

  desk = rectify_test_desk_new (&error);
  g_assert_no_error (error);
  token = g_strdup_printf ("prefs-test-token-%08x", g_random_int ());
  rectify_test_desk_set_api_token (desk, rectify_test_desk_get_user_email (desk), token);

  type_url (fixture, rectify_test_desk_get_url (desk));
  apply_url (fixture);
  mode_row = rectify_test_find_row (GTK_WIDGET (fixture->window), "Sign in with");
  adw_combo_row_set_selected (ADW_COMBO_ROW (mode_row), RECTIFY_DESK_AUTH_API_TOKEN);
  rectify_test_iterate (20);
  email_row = rectify_test_find_row (GTK_WIDGET (fixture->window),
                                     "E-mail address of your help-desk account");
  gtk_editable_set_text (GTK_EDITABLE (email_row), rectify_test_desk_get_user_email (desk));

  /* Signed in without a token: the test says what is missing. */
  result = run_connection_test (fixture);
  g_assert_nonnull (strstr (result, "No sign-in token is stored"));

  /* Applied: to the keyring, out of the field, never shown again. */
  token_row = rectify_test_find_row (GTK_WIDGET (fixture->window), "API token");
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (token_row));
  gtk_editable_set_text (GTK_EDITABLE (token_row), token);
  g_signal_emit_by_name (token_row, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (token_row)), ==, "");

  wait.widget = find_status_row (fixture);
  wait.visible = TRUE;
  g_assert_true (rectify_test_iterate_until (visibility_is, &wait));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (wait.widget)), ==,
                   "A token is stored");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (token_row)), ==,
                   "Replace the API token");
  g_assert_null (rectify_test_find_label (GTK_WIDGET (fixture->window), token));

  /* Not in the settings. */
  {
    g_autoptr(GSettingsSchema) schema = NULL;
    g_auto(GStrv) keys = NULL;

    g_object_get (fixture->settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      {
        g_autoptr(GVariant) value = g_settings_get_value (fixture->settings, keys[i]);
        g_autofree char *text = g_variant_print (value, FALSE);

        g_assert_null (strstr (text, token));
      }
  }

  result = run_connection_test (fixture);
  g_assert_cmpstr (result, ==, "Signed in. The help desk lists 0 requests of yours.");

  /* Removed: gone from the keyring, and the window says so. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "prefs.remove-token", NULL);
  wait.visible = FALSE;
  g_assert_true (rectify_test_iterate_until (visibility_is, &wait));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (token_row)), ==, "API token");

  result = run_connection_test (fixture);
  g_assert_nonnull (strstr (result, "No sign-in token is stored"));
}


/* The window opens on the reminders: the desk address, a setting for
 * testing, is under Advanced and has no focus, so a first keystroke does
 * not change where requests go. */
static void
test_preferences_focus (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  GtkWidget *advanced;

  /* Nothing to type into has the focus. */
  g_assert_nonnull (focus);
  g_assert_true (focus != fixture->desk_url_row &&
                 !gtk_widget_is_ancestor (focus, fixture->desk_url_row));
  g_assert_false (GTK_IS_EDITABLE (focus));
  g_assert_null (gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW));

  advanced = gtk_widget_get_ancestor (fixture->desk_url_row, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (advanced)), ==,
                   "Advanced");
}

/* Ringover's desk registered no client: no sign-in is offered, and the
 * group says replies come by e-mail. */
static void
test_preferences_no_sign_in_offered (Fixture       *fixture,
                                     gconstpointer  data)
{
  GtkWidget *account = rectify_test_find_row (GTK_WIDGET (fixture->window), "Help-desk account");
  GtkWidget *button;
  GtkWidget *label;
  const char *description;

  g_assert_null (account);
  button = rectify_test_find_action_button (GTK_WIDGET (fixture->window), "prefs.sign-in");
  g_assert_true (button == NULL || !gtk_widget_is_visible (button));
  label = rectify_test_find_label (GTK_WIDGET (fixture->window), "does not offer signing in");
  g_assert_nonnull (label);
  description = gtk_label_get_label (GTK_LABEL (label));
  g_assert_nonnull (description);
  g_assert_nonnull (strstr (description, "Ringover"));
  g_assert_nonnull (strstr (description, "by e-mail"));
}

/* API tokens: with the day they stop working, from the profile. */
static void
test_preferences_api_token_notice (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *mode_row = rectify_test_find_row (GTK_WIDGET (fixture->window), "Sign in with");
  const char *subtitle;

  rectify_test_set_today (2026, 12, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (mode_row), RECTIFY_DESK_AUTH_API_TOKEN);
  rectify_test_iterate (20);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (mode_row));
  g_assert_nonnull (subtitle);
  g_assert_nonnull (strstr (subtitle, "stop working on 30 April 2027"));

  rectify_test_set_today (2027, 5, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (mode_row), RECTIFY_DESK_AUTH_ANONYMOUS);
  adw_combo_row_set_selected (ADW_COMBO_ROW (mode_row), RECTIFY_DESK_AUTH_API_TOKEN);
  rectify_test_iterate (20);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (mode_row));
  g_assert_nonnull (strstr (subtitle, "have not worked since 30 April 2027"));

  adw_combo_row_set_selected (ADW_COMBO_ROW (mode_row), RECTIFY_DESK_AUTH_ANONYMOUS);
  rectify_test_iterate (20);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (mode_row));
  g_assert_true (subtitle == NULL || *subtitle == '\0');
  rectify_clock_set_today (NULL);
}

typedef struct
{
  AdwActionRow *row;
  const char   *subtitle;
} SubtitleWait;

static gboolean
subtitle_is (gpointer data)
{
  SubtitleWait *wait = data;

  return g_strcmp0 (adw_action_row_get_subtitle (wait->row), wait->subtitle) == 0;
}

typedef struct
{
  gboolean done;
  guint    status;
  char    *location;
} BrowserStep;

static void
browser_step_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BrowserStep *step = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);

  step->done = TRUE;
}

/* One step of the browser: a GET, redirects not followed. */
static guint
browse (SoupSession  *browser,
        const char   *url,
        char        **out_location)
{
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
  BrowserStep step = { 0 };

  g_assert_nonnull (message);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (browser, message, G_PRIORITY_DEFAULT, NULL, browser_step_cb,
                                    &step);
  while (!step.done)
    g_main_context_iteration (NULL, TRUE);
  if (out_location != NULL)
    *out_location = g_strdup (soup_message_headers_get_one (
                                soup_message_get_response_headers (message), "Location"));

  return soup_message_get_status (message);
}

/* The whole browser sign-in from the window: Sign In opens the owner's
 * browser (a stand-in that writes down the address), the test follows the
 * authorization URL to the desk and back to Rectify's loopback listener,
 * and the window says it is signed in, with the pair in the keyring; Sign
 * Out revokes it on the desk and forgets it. */
static void
test_preferences_browser_sign_in (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyTestDesk) desk = NULL;
  g_autoptr(RectifyProvider) provider = NULL;
  g_autoptr(SoupSession) browser = soup_session_new ();
  g_autoptr(GSocketListener) probe = g_socket_listener_new ();
  g_autofree char *redirect = NULL;
  g_autofree char *out = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *location = NULL;
  RectifyTestDeskOAuth *endpoints;
  SubtitleWait wait;
  GtkWidget *account;
  guint16 port;

  if (g_strcmp0 (g_getenv ("RECTIFY_TEST_KEYRING"), "private") != 0)
    {
      g_test_skip ("No private Secret Service: run through tests/keyring-session.sh");
      return;
    }

  /* A desk that registered Rectify, on a port nobody uses. */
  port = g_socket_listener_add_any_inet_port (probe, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (probe);
  redirect = g_strdup_printf ("http://127.0.0.1:%u/rectify/signed-in", port);
  provider = rectify_test_provider_with_client (redirect);
  rectify_provider_set_default (provider);
  desk = rectify_test_desk_new (&error);
  g_assert_no_error (error);
  endpoints = rectify_test_desk_enable_oauth (desk, "rectify-desktop", redirect);
  g_settings_set_string (fixture->settings, "desk-url", rectify_test_desk_get_url (desk));

  /* The owner's browser. */
  out = rectify_test_install_opener ("browser", "x-scheme-handler/http;x-scheme-handler/https;");

  /* A new window, to read the profile with a client. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  rectify_test_iterate (20);
  fixture->window = rectify_preferences_window_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  rectify_test_iterate (50);

  account = rectify_test_find_row (GTK_WIDGET (fixture->window), "Help-desk account");
  g_assert_nonnull (account);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (account)), ==, "Not signed in");
  g_signal_emit_by_name (rectify_test_find_action_button (GTK_WIDGET (fixture->window),
                                                          "prefs.sign-in"), "clicked");

  opened = rectify_test_wait_opened (out);
  g_assert_true (g_str_has_prefix (opened, rectify_test_desk_get_url (desk)));
  g_assert_nonnull (strstr (opened, "code_challenge_method=S256"));

  g_assert_cmpuint (browse (browser, opened, &location), ==, SOUP_STATUS_FOUND);
  g_assert_cmpuint (browse (browser, location, NULL), ==, SOUP_STATUS_OK);

  wait.row = ADW_ACTION_ROW (account);
  wait.subtitle = "Signed in";
  g_assert_true (rectify_test_iterate_until (subtitle_is, &wait));
  g_assert_cmpint (rectify_credentials_get_mode (fixture->settings), ==, RECTIFY_DESK_AUTH_OAUTH);
  g_assert_cmpuint (rectify_test_desk_oauth_get_n_issued (endpoints), ==, 1);

  /* Sign Out: revoked on the desk, forgotten here. */
  g_signal_emit_by_name (rectify_test_find_action_button (GTK_WIDGET (fixture->window),
                                                          "prefs.sign-out"), "clicked");
  wait.subtitle = "Not signed in";
  g_assert_true (rectify_test_iterate_until (subtitle_is, &wait));
  g_assert_cmpuint (rectify_test_desk_oauth_get_n_revoked (endpoints), ==, 1);
  g_assert_cmpint (rectify_credentials_get_mode (fixture->settings), ==,
                   RECTIFY_DESK_AUTH_ANONYMOUS);

  rectify_provider_set_default (NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* Tests here install stand-in apps in the user's folders. */
  rectify_test_use_private_folders ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  setlocale (LC_ALL, "C");

  g_test_add ("/preferences/builds", Fixture, NULL,
              fixture_set_up, test_preferences_builds, fixture_tear_down);
  g_test_add ("/preferences/invalid-url", Fixture, NULL,
              fixture_set_up, test_preferences_invalid_url, fixture_tear_down);
  g_test_add ("/preferences/valid-url", Fixture, NULL,
              fixture_set_up, test_preferences_valid_url, fixture_tear_down);
  g_test_add ("/preferences/sign-in-rows", Fixture, NULL,
              fixture_set_up, test_preferences_sign_in_rows, fixture_tear_down);
  g_test_add ("/preferences/reminders", Fixture, NULL,
              fixture_set_up, test_preferences_reminders, fixture_tear_down);
  g_test_add ("/preferences/test-connection-anonymous", Fixture, NULL,
              fixture_set_up, test_preferences_test_connection_anonymous, fixture_tear_down);
  g_test_add ("/preferences/token", Fixture, NULL,
              fixture_set_up, test_preferences_token, fixture_tear_down);
  g_test_add ("/preferences/focus", Fixture, NULL,
              fixture_set_up, test_preferences_focus, fixture_tear_down);
  g_test_add ("/preferences/no-sign-in-offered", Fixture, NULL,
              fixture_set_up, test_preferences_no_sign_in_offered, fixture_tear_down);
  g_test_add ("/preferences/api-token-notice", Fixture, NULL,
              fixture_set_up, test_preferences_api_token_notice, fixture_tear_down);
  g_test_add ("/preferences/browser-sign-in", Fixture, NULL,
              fixture_set_up, test_preferences_browser_sign_in, fixture_tear_down);

  return g_test_run ();
}
