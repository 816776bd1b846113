/* test-help.c: help with each step, and the cases folder one click away
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rectify-help-window.h"
#include "rectify-test-utils.h"

/* F1 on each step lands on that step's section, its heading focused, with
 * the text that helps there; the last section is what Rectify sends and
 * keeps. */
static void
test_help_per_step (void)
{
  RectifyHelpWindow *help = rectify_help_window_new (NULL);
  const char *expected[] = {
    "Dashboard › Billing › Licences",
    "Have your invoice at hand",
    "support never gets it twice",
    "deleting a user also deletes that user’s call recordings",
  };

  gtk_window_present (GTK_WINDOW (help));
  rectify_test_iterate (50);

  for (RectifyStep step = 0; step < RECTIFY_N_STEPS; step++)
    {
      rectify_help_window_show_step (help, step);
      rectify_test_iterate (20);
      g_assert_cmpint (rectify_help_window_get_focused_step (help), ==, step);
      g_assert_nonnull (rectify_test_find_label (GTK_WIDGET (help), expected[step]));
    }

  rectify_help_window_show_step (help, RECTIFY_N_STEPS);
  rectify_test_iterate (20);
  g_assert_cmpint (rectify_help_window_get_focused_step (help), ==, RECTIFY_N_STEPS);
  g_assert_true (GTK_IS_LABEL (gtk_window_get_focus (GTK_WINDOW (help))));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (gtk_window_get_focus (GTK_WINDOW (help)))),
                            "Sends and Keeps"));

  gtk_window_destroy (GTK_WINDOW (help));
}

/* Open Folder opens the owner's file manager on the cases folder (a
 * stand-in that writes down the address it was given). */
static void
test_help_open_folder (void)
{
  g_autofree char *out = rectify_test_install_opener ("files", "inode/directory;");
  g_autofree char *cases = g_build_filename (g_get_user_data_dir (), "rectify", "cases", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (cases);
  g_autofree char *uri = g_file_get_uri (folder);
  g_autofree char *opened = NULL;
  RectifyHelpWindow *help;
  GtkWidget *button;

  g_mkdir_with_parents (cases, 0700);

  help = rectify_help_window_new (NULL);
  gtk_window_present (GTK_WINDOW (help));
  rectify_test_iterate (50);

  button = rectify_test_find_action_button (GTK_WIDGET (help), "help.open-folder");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  opened = rectify_test_wait_opened (out);
  g_assert_true (g_str_equal (opened, uri) || g_str_equal (opened, cases));

  gtk_window_destroy (GTK_WINDOW (help));
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

  g_test_add_func ("/help/per-step", test_help_per_step);
  g_test_add_func ("/help/open-folder", test_help_open_folder);

  return g_test_run ();
}
