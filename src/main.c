/* main.c: start Rectify
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rectify-application.h"

/* Benchmarks (bench/run): with RECTIFY_BENCH_EXIT_AFTER_FRAME=1 the app
 * prints the time from the start of main() to its first frame and to the
 * first idle moment after it, then quits. bench/bare-window.c does the same. */
static gint64 bench_start_us;

static gboolean
bench_idle_cb (gpointer user_data)
{
  g_print ("idle-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - bench_start_us);
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      gpointer       user_data)
{
  g_print ("first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - bench_start_us);
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, user_data);
  g_idle_add_full (G_PRIORITY_LOW, bench_idle_cb, user_data, NULL);
}

static void
bench_realize_cb (GtkWidget *window,
                  gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (bench_after_paint_cb), user_data);
}

static void
bench_window_added_cb (GtkApplication *app,
                       GtkWindow      *window)
{
  g_signal_handlers_disconnect_by_func (app, bench_window_added_cb, NULL);
  g_signal_connect (window, "realize", G_CALLBACK (bench_realize_cb), app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RectifyApplication) app = NULL;
  const char *localedir;

  bench_start_us = g_get_monotonic_time ();

  /* Run from the build tree, the catalogues are found through the
   * environment (meson devenv sets it); installed, through LOCALEDIR. */
  localedir = g_getenv ("RECTIFY_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Rectify"));

  app = rectify_application_new ();
  if (g_strcmp0 (g_getenv ("RECTIFY_BENCH_EXIT_AFTER_FRAME"), "1") == 0)
    g_signal_connect (app, "window-added", G_CALLBACK (bench_window_added_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
