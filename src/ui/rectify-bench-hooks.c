/* rectify-bench-hooks.c: what bench/ measures in the real program
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "rectify-application.h"
#include "rectify-bench-hooks.h"
#include "rectify-case-store.h"
#include "rectify-window.h"

/* With RECTIFY_BENCH_EXIT_AFTER_FRAME=1 (bench/startup.py sets it), the
 * program prints, in microseconds from the start of main():
 *
 *   first-frame-us   the first frame of its first window
 *   idle-us          the first idle moment after it
 *   cases-loaded-us  every case read and in the store
 *   list-shown-us    the case list showing every case (it fills in over a
 *                    few frames), at the first idle moment after
 *   stall-max-us     the longest the main loop went without running a 1 ms
 *                    timeout, from the first frame to list-shown
 *
 * and quits, so its peak memory includes every case. bench/bare-window.c
 * prints the first two the same way, so both are measured alike in one run.
 *
 * With RECTIFY_BENCH_EXIT_AT_FRAME=1 instead, the process ends right after
 * the first frame is painted, without quitting or finishing anything: what
 * bench/frame-ir.py counts under callgrind is the work from the start to the
 * first frame and nothing after it. bare-window.c does the same.
 */

static gint64 start_us;

typedef struct
{
  GApplication *app;
  guint         ticker;
  gint64        last_tick_us;
  gint64        stall_max_us;
  gboolean      idle_seen;
  gboolean      loaded;
  gboolean      list_complete;
  gboolean      list_shown;
} Bench;

static Bench bench;

static gint64
since_start (void)
{
  return g_get_monotonic_time () - start_us;
}

static gboolean list_shown_cb (gpointer user_data);

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (bench.app));

  bench.stall_max_us = MAX (bench.stall_max_us, now - bench.last_tick_us);
  bench.last_tick_us = now;

  /* Below the redraw priority: after the frame the last rows need. */
  if (bench.loaded && !bench.list_complete && RECTIFY_IS_WINDOW (window) &&
      rectify_window_get_list_complete (RECTIFY_WINDOW (window)))
    {
      bench.list_complete = TRUE;
      g_idle_add_full (G_PRIORITY_LOW, list_shown_cb, NULL, NULL);
    }
  return G_SOURCE_CONTINUE;
}

static void
maybe_quit (void)
{
  if (!bench.idle_seen || !bench.list_shown)
    return;

  g_clear_handle_id (&bench.ticker, g_source_remove);
  g_print ("stall-max-us %" G_GINT64_FORMAT "\n", bench.stall_max_us);
  g_application_quit (bench.app);
}

static gboolean
list_shown_cb (gpointer user_data)
{
  /* The tick that would have come during the last stretch counts too. */
  tick_cb (NULL);
  g_print ("list-shown-us %" G_GINT64_FORMAT "\n", since_start ());
  bench.list_shown = TRUE;
  maybe_quit ();
  return G_SOURCE_REMOVE;
}

static void
on_loaded (RectifyCaseStore *store)
{
  if (!rectify_case_store_is_loaded (store))
    return;

  g_signal_handlers_disconnect_by_func (store, on_loaded, NULL);
  g_print ("cases-loaded-us %" G_GINT64_FORMAT "\n", since_start ());
  bench.loaded = TRUE;
}

static gboolean
idle_cb (gpointer user_data)
{
  g_print ("idle-us %" G_GINT64_FORMAT "\n", since_start ());
  bench.idle_seen = TRUE;
  maybe_quit ();
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  RectifyCaseStore *store = rectify_application_get_store (RECTIFY_APPLICATION (bench.app));

  g_print ("first-frame-us %" G_GINT64_FORMAT "\n", since_start ());
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
  g_idle_add_full (G_PRIORITY_LOW, idle_cb, NULL, NULL);

  bench.last_tick_us = g_get_monotonic_time ();
  bench.ticker = g_timeout_add (1, tick_cb, NULL);

  if (rectify_case_store_is_loaded (store))
    on_loaded (store);
  else
    g_signal_connect (store, "notify::loaded", G_CALLBACK (on_loaded), NULL);
}

static void
exit_at_frame_cb (GdkFrameClock *clock,
                  gpointer       user_data)
{
  /* No clean-up: it would be counted as start-up. */
  _exit (0);
}

static void
realize_cb (GtkWidget *window,
            gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    user_data != NULL ? G_CALLBACK (exit_at_frame_cb)
                                      : G_CALLBACK (after_paint_cb),
                    NULL);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        exit_at_frame)
{
  g_signal_handlers_disconnect_by_func (app, window_added_cb, exit_at_frame);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), exit_at_frame);
}

/**
 * rectify_bench_hooks_install:
 * @app: the application
 * @start_us: the monotonic time main() started at
 *
 * Does nothing unless RECTIFY_BENCH_EXIT_AFTER_FRAME=1 or
 * RECTIFY_BENCH_EXIT_AT_FRAME=1.
 */
void
rectify_bench_hooks_install (GtkApplication *app,
                             gint64          start_us_)
{
  if (g_strcmp0 (g_getenv ("RECTIFY_BENCH_EXIT_AT_FRAME"), "1") == 0)
    {
      g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), GINT_TO_POINTER (1));
      return;
    }

  if (g_strcmp0 (g_getenv ("RECTIFY_BENCH_EXIT_AFTER_FRAME"), "1") != 0)
    return;

  start_us = start_us_;
  bench.app = G_APPLICATION (app);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
}
