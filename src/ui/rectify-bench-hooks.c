/* rectify-bench-hooks.c: what bench/ measures in the real program
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-bench-hooks.h"

/* With RECTIFY_BENCH_EXIT_AFTER_FRAME=1 (bench/startup.py sets it), the
 * program prints the time from the start of main() to the first frame of
 * its first window ("first-frame-us") and to the first idle moment after it
 * ("idle-us"), then quits. bench/bare-window.c prints the same for a bare
 * window, so both are measured the same way in one run. */

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
realize_cb (GtkWidget *window,
            gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), user_data);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_handlers_disconnect_by_func (app, window_added_cb, NULL);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), app);
}

/**
 * rectify_bench_hooks_install:
 * @app: the application
 * @start_us: the monotonic time main() started at
 *
 * Does nothing unless RECTIFY_BENCH_EXIT_AFTER_FRAME=1.
 */
void
rectify_bench_hooks_install (GtkApplication *app,
                             gint64          start_us_)
{
  if (g_strcmp0 (g_getenv ("RECTIFY_BENCH_EXIT_AFTER_FRAME"), "1") != 0)
    return;

  start_us = start_us_;
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
}
