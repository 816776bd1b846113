/* test-background.c: asking to start at login, through the portal or not
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rectify-background.h"
#include "rectify-fake-portal.h"

typedef struct
{
  gboolean done;
  gboolean ok;
  RectifyAutostartRoute route;
  GError *error;
} Outcome;

static void
set_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = rectify_background_set_autostart_finish (result, &outcome->route,
                                                         &outcome->error);
  outcome->done = TRUE;
}

static Outcome
set_autostart (gboolean enabled)
{
  Outcome outcome = { 0 };

  rectify_background_set_autostart_async (NULL, enabled, NULL, set_cb, &outcome);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);

  return outcome;
}

/* The portal is asked for autostart with the check-run command line and a
 * reason the desktop can show; turning reminders off asks it to stop. No
 * entry of Rectify's own is written meanwhile. */
static void
test_background_portal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyFakePortal) portal = rectify_fake_portal_new (RECTIFY_FAKE_PORTAL_BACKGROUND,
                                                                 &error);
  g_autofree char *entry = rectify_background_dup_autostart_path ();
  g_autofree const char **commandline = NULL;
  const RectifyFakePortalCall *call;
  gboolean autostart = FALSE;
  Outcome outcome;

  g_assert_no_error (error);

  outcome = set_autostart (TRUE);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_cmpint (outcome.route, ==, RECTIFY_AUTOSTART_PORTAL);

  g_assert_cmpuint (rectify_fake_portal_get_n_calls (portal), ==, 1);
  call = rectify_fake_portal_get_call (portal, 0);
  g_assert_cmpstr (call->interface, ==, "org.freedesktop.portal.Background");
  g_assert_cmpstr (call->method, ==, "RequestBackground");
  g_assert_true (g_variant_lookup (call->options, "autostart", "b", &autostart));
  g_assert_true (autostart);
  g_assert_true (g_variant_lookup (call->options, "commandline", "^a&s", &commandline));
  g_assert_cmpuint (g_strv_length ((char **) commandline), ==, 2);
  g_assert_cmpstr (commandline[1], ==, "--check-reminders");
  g_assert_nonnull (rectify_fake_portal_call_get_string (call, "reason"));
  g_assert_false (g_file_test (entry, G_FILE_TEST_EXISTS));

  outcome = set_autostart (FALSE);
  g_assert_no_error (outcome.error);
  call = rectify_fake_portal_get_call (portal, 1);
  g_assert_true (g_variant_lookup (call->options, "autostart", "b", &autostart));
  g_assert_false (autostart);
}

/* The owner says no: reminders then come only while the app is open, and
 * the caller is told so. */
static void
test_background_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyFakePortal) portal = rectify_fake_portal_new (RECTIFY_FAKE_PORTAL_BACKGROUND,
                                                                 &error);
  Outcome outcome;

  g_assert_no_error (error);
  rectify_fake_portal_set_deny_autostart (portal, TRUE);

  outcome = set_autostart (TRUE);
  g_assert_false (outcome.ok);
  g_assert_error (outcome.error, RECTIFY_BACKGROUND_ERROR, RECTIFY_BACKGROUND_ERROR_REFUSED);
  g_clear_error (&outcome.error);

  rectify_fake_portal_set_deny_autostart (portal, FALSE);
  rectify_fake_portal_set_response (portal, 1);
  outcome = set_autostart (TRUE);
  g_assert_error (outcome.error, RECTIFY_BACKGROUND_ERROR, RECTIFY_BACKGROUND_ERROR_REFUSED);
  g_clear_error (&outcome.error);
}

/* Outside a sandbox with no Background portal: an XDG autostart entry of
 * Rectify's own, that starts the check run, and that goes when turned off. */
static void
test_background_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyFakePortal) portal = rectify_fake_portal_new (RECTIFY_FAKE_PORTAL_EMAIL, &error);
  g_autofree char *entry = rectify_background_dup_autostart_path ();
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *exec = NULL;
  g_auto(GStrv) argv = NULL;
  Outcome outcome;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (entry, g_get_user_config_dir ()));

  outcome = set_autostart (TRUE);
  g_assert_no_error (outcome.error);
  g_assert_cmpint (outcome.route, ==, RECTIFY_AUTOSTART_FILE);
  g_assert_cmpuint (rectify_fake_portal_get_n_calls (portal), ==, 0);

  g_key_file_load_from_file (keyfile, entry, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_key_file_get_string (keyfile, "Desktop Entry", "Type", NULL), ==,
                   "Application");
  exec = g_key_file_get_string (keyfile, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  g_assert_true (g_shell_parse_argv (exec, NULL, &argv, &error));
  g_assert_cmpuint (g_strv_length (argv), ==, 2);
  g_assert_true (g_path_is_absolute (argv[0]));
  g_assert_true (g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE));
  g_assert_cmpstr (argv[1], ==, "--check-reminders");

  /* Asking twice keeps one entry; off removes it, and off again is fine. */
  outcome = set_autostart (TRUE);
  g_assert_true (outcome.ok);
  outcome = set_autostart (FALSE);
  g_assert_no_error (outcome.error);
  g_assert_false (g_file_test (entry, G_FILE_TEST_EXISTS));
  outcome = set_autostart (FALSE);
  g_assert_no_error (outcome.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/background/portal", test_background_portal);
  g_test_add_func ("/background/refused", test_background_refused);
  g_test_add_func ("/background/file", test_background_file);

  return g_test_run ();
}
