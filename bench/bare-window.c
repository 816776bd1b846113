/* bare-window.c: the yardstick for Rectify's start-up, an empty window
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include <adwaita.h>

/* An AdwApplication whose window is an AdwApplicationWindow with a header
 * bar, at Rectify's default size, and nothing else. It times itself exactly
 * as Rectify does with RECTIFY_BENCH_EXIT_AFTER_FRAME=1 (see src/main.c):
 * from the first thing in main() to the first frame, then to the first idle
 * moment after it, and quits. With RECTIFY_BENCH_EXIT_AT_FRAME=1 it ends
 * right after the first frame instead, as Rectify does, for bench/frame-ir.py
 * to count the instructions up to it. */

static gint64 start_us;

static gboolean
idle_cb (gpointer user_data)
{
  g_print ("idle-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start_us);
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_print ("first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time () - start_us);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
  g_idle_add_full (G_PRIORITY_LOW, idle_cb, user_data, NULL);
}

static void
exit_at_frame_cb (GdkFrameClock *clock,
                  gpointer       user_data)
{
  _exit (0);
}

static void
realize_cb (GtkWidget *window,
            gpointer   user_data)
{
  gboolean at_frame = g_strcmp0 (g_getenv ("RECTIFY_BENCH_EXIT_AT_FRAME"), "1") == 0;

  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    at_frame ? G_CALLBACK (exit_at_frame_cb) : G_CALLBACK (after_paint_cb),
                    user_data);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);

  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  start_us = g_get_monotonic_time ();

  app = adw_application_new ("io.github.rectify.BareWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
