/* test-start.c: what `rectify --help` and `--version` print, and the icon
 * found from the build tree
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rectify-application.h"

static const char *program;

/* Runs the program with ARG in LANG, without a display, as from a console. */
static int
run (const char  *lang,
     const char  *arg,
     char       **out,
     char       **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_unsetenv (launcher, "LC_ALL");
  g_subprocess_launcher_unsetenv (launcher, "LC_MESSAGES");
  g_subprocess_launcher_setenv (launcher, "LANG", lang, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, program, arg, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static void
test_version (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run ("C.UTF-8", "--version", &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "Rectify " PACKAGE_VERSION "\n");
  g_assert_cmpstr (err, ==, "");
}

/* The paragraph after the usage line: the summary, on one line. */
static char *
help_summary (const char *help)
{
  g_auto(GStrv) lines = g_strsplit (help, "\n", -1);
  guint n = g_strv_length (lines);

  for (guint i = 0; i + 4 < n; i++)
    if (g_str_has_prefix (lines[i], "Usage:") || g_str_has_prefix (lines[i], "Uso:") ||
        g_str_has_prefix (lines[i], "Utilisation"))
      {
        /* "Usage:", "  rectify [OPTION…]", "", SUMMARY, "" */
        g_assert_true (g_str_has_prefix (lines[i + 1], "  rectify"));
        g_assert_cmpstr (lines[i + 2], ==, "");
        g_assert_cmpstr (lines[i + 4], ==, "");
        return g_strdup (lines[i + 3]);
      }

  g_assert_not_reached ();
}

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *summary = NULL;

  g_assert_cmpint (run ("C.UTF-8", "--help", &out, &err), ==, 0);
  summary = help_summary (out);
  /* It says what the program is for, not only how to call it. */
  g_assert_nonnull (strstr (summary, "Ringover"));
  g_assert_nonnull (strstr (summary, "licence"));
  g_assert_nonnull (strstr (out, "  --version "));
  g_assert_nonnull (strstr (out, "  --check-reminders "));
  g_assert_cmpstr (err, ==, "");
}

static gboolean
have_locale (const char *name)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  gboolean found = setlocale (LC_ALL, name) != NULL;

  setlocale (LC_ALL, saved);
  return found;
}

/* The summary in the user's language (the catalogues from the build). */
static void
test_help_translated (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *english = NULL;
  g_autofree char *english_out = NULL;

  if (!have_locale ("es_ES.UTF-8"))
    {
      g_test_skip ("no es_ES.UTF-8 locale");
      return;
    }

  g_assert_cmpint (run ("C.UTF-8", "--help", &english_out, NULL), ==, 0);
  english = help_summary (english_out);
  g_assert_cmpint (run ("es_ES.UTF-8", "--help", &out, &err), ==, 0);
  summary = help_summary (out);
  g_assert_cmpstr (summary, !=, english);
  g_assert_nonnull (strstr (summary, "Ringover"));
  g_assert_nonnull (strstr (summary, "licencia"));
}

static char *
icon_file (GtkIconTheme *theme)
{
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) file = NULL;

  icon = gtk_icon_theme_lookup_icon (theme, APP_ID, NULL, 128, 1, GTK_TEXT_DIR_LTR, 0);
  file = gtk_icon_paintable_get_file (icon);
  return file != NULL ? g_file_get_path (file) : NULL;
}

/* Not installed, the icon is not found; with RECTIFY_ICONDIR (meson devenv)
 * it is, from the source tree, as a file of its own. */
static void
test_icon_uninstalled (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (display);
  g_autofree char *icondir = g_test_build_filename (G_TEST_DIST, "..", "data", "icons", NULL);
  g_autofree char *expected = g_build_filename (icondir, "hicolor", "scalable", "apps",
                                                APP_ID ".svg", NULL);
  g_autofree char *found = NULL;
  g_autoptr(GFile) expected_file = g_file_new_for_path (expected);
  g_autoptr(GFile) found_file = NULL;

  if (gtk_icon_theme_has_icon (theme, APP_ID))
    {
      g_test_skip ("the icon is installed: an installed copy comes first");
      return;
    }
  g_unsetenv ("RECTIFY_ICONDIR");
  rectify_application_add_uninstalled_icons (display);
  g_assert_false (gtk_icon_theme_has_icon (theme, APP_ID));

  g_setenv ("RECTIFY_ICONDIR", icondir, TRUE);
  rectify_application_add_uninstalled_icons (display);
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  found = icon_file (theme);
  g_assert_nonnull (found);
  found_file = g_file_new_for_path (found);
  g_assert_true (g_file_equal (found_file, expected_file));
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

  gtk_init ();

  g_test_add_func ("/start/version", test_version);
  g_test_add_func ("/start/help", test_help);
  g_test_add_func ("/start/help-translated", test_help_translated);
  g_test_add_func ("/start/icon-uninstalled", test_icon_uninstalled);

  return g_test_run ();
}
