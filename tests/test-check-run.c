/* test-check-run.c: the run at login tells what is due, once, and exits
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real program, `rectify --check-reminders`, against a fake
 * notification service on the test session bus, with a case due a
 * reminder, and then again.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rectify-case-file.h"
#include "rectify-clock.h"
#include "rectify-fake-portal.h"
#include "rectify-test-case.h"

static const char *program;

typedef struct
{
  gboolean done;
  gboolean ok;
} Wait;

static void
waited (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  wait->done = TRUE;
}

/* Runs the check; the fake service answers from this main loop meanwhile.
 * Returns how long it took, in ms, or -1 if it did not end in 30 s. */
static gint64
run_check (const char *home)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + 30 * G_USEC_PER_SEC;
  Wait wait = { 0 };

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  /* Settings kept in a file, so the second run knows what the first told. */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "GNOTIFICATION_BACKEND", "gtk", TRUE);
  g_subprocess_launcher_setenv (launcher, "RECTIFY_TODAY", "2026-12-13", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");

  process = g_subprocess_launcher_spawn (launcher, &error, program, "--check-reminders", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, waited, &wait);
  while (!wait.done && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);

  if (!wait.done)
    {
      g_subprocess_force_exit (process);
      return -1;
    }

  g_assert_true (wait.ok);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  return (g_get_monotonic_time () - start) / 1000;
}

/* Writes a complete case not sent yet, billed on 20 December, into the
 * cases folder of @home, as the app would. */
static RectifyCase *
write_due_case (const char *home)
{
  RectifyCase *rcase = rectify_case_new ();
  g_autofree char *cases = g_build_filename (home, "data", "rectify", "cases", NULL);
  g_autofree char *file = g_strdup_printf ("%s/%s.json", cases, rectify_case_get_reference (rcase));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  bytes = rectify_case_to_bytes (rcase);
  g_assert_cmpint (g_mkdir_with_parents (cases, 0700), ==, 0);
  g_file_set_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (file, 0600), ==, 0);

  return rcase;
}

static void
test_check_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyFakeNotifications) notifications = rectify_fake_notifications_new (&error);
  g_autoptr(RectifyCase) rcase = NULL;
  g_autofree char *home = g_dir_make_tmp ("rectify-test-check-XXXXXX", NULL);
  g_autofree char *action = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GVariant) target_value = NULL;
  const char *app_id;
  GVariant *notification;
  gint64 took;

  g_assert_no_error (error);

  /* A complete case not sent yet, billed on 20 December: a week before,
   * the deadline reminder is due. */
  rectify_test_set_today (2026, 11, 26);
  rcase = write_due_case (home);

  took = run_check (home);
  g_assert_cmpint (took, >=, 0);
  g_test_message ("check run: %" G_GINT64_FORMAT " ms", took);

  g_assert_cmpuint (rectify_fake_notifications_get_n (notifications), ==, 1);
  notification = rectify_fake_notifications_get (notifications, 0, &app_id, NULL);
  g_assert_cmpstr (app_id, ==, APP_ID);
  g_assert_true (g_variant_lookup (notification, "title", "s", &title));
  g_assert_nonnull (title);
  g_assert_true (g_variant_lookup (notification, "default-action", "s", &action));
  g_assert_cmpstr (action, ==, "app.open-case");
  target_value = g_variant_lookup_value (notification, "default-action-target", NULL);
  g_assert_nonnull (target_value);
  g_assert_cmpstr (g_variant_get_string (target_value, NULL), ==,
                   rectify_case_get_reference (rcase));

  /* The same day again: told already. */
  took = run_check (home);
  g_assert_cmpint (took, >=, 0);
  g_assert_cmpuint (rectify_fake_notifications_get_n (notifications), ==, 1);

  rectify_clock_set_today (NULL);
}

/* Many cases due at once (an owner of many accounts back from holiday):
 * one notification says how many, none opens a single case, and each is
 * told once all the same. */
static void
test_check_run_many (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyFakeNotifications) notifications = rectify_fake_notifications_new (&error);
  g_autofree char *home = g_dir_make_tmp ("rectify-test-check-XXXXXX", NULL);
  g_autofree char *title = NULL;
  g_autofree char *action = NULL;
  GVariant *notification;

  g_assert_no_error (error);
  rectify_test_set_today (2026, 11, 26);
  for (guint i = 0; i < 5; i++)
    g_object_unref (write_due_case (home));

  g_assert_cmpint (run_check (home), >=, 0);
  g_assert_cmpuint (rectify_fake_notifications_get_n (notifications), ==, 1);
  notification = rectify_fake_notifications_get (notifications, 0, NULL, NULL);
  g_assert_true (g_variant_lookup (notification, "title", "s", &title));
  g_assert_nonnull (strstr (title, "5"));
  g_assert_false (g_variant_lookup (notification, "default-action", "s", &action));

  g_assert_cmpint (run_check (home), >=, 0);
  g_assert_cmpuint (rectify_fake_notifications_get_n (notifications), ==, 1);

  rectify_clock_set_today (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s RECTIFY-PROGRAM\n", argv[0]);
      return 2;
    }
  program = argv[1];

  g_test_add_func ("/check-run/once", test_check_run);
  g_test_add_func ("/check-run/many", test_check_run_many);

  return g_test_run ();
}
