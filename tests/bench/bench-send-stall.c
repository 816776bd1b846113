/* bench-send-stall.c: the main loop's longest stall while a case is sent
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sends one complete case with three attachments (19 MB each, under the
 * provider's limit) through the real outbox to the in-process test desk,
 * while a 1 ms repeating timeout notes how late it fires: the longest and
 * the 99th-percentile lateness are what the owner would feel as a frozen
 * window. Goal: ≤ 16 ms (one frame). Run by hand:
 *
 *   ./_build/tests/bench/bench-send-stall [RUNS]
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "rectify-case-store.h"
#include "rectify-clock.h"
#include "rectify-outbox.h"
#include "rectify-test-case.h"
#include "rectify-test-desk.h"
#include "rectify-test-monitor.h"

#define ATTACHMENTS     3
#define ATTACHMENT_MB   19

typedef struct
{
  gint64  expected;
  GArray *lateness;  /* gint64, µs */
} Ticker;

static gboolean
tick_cb (gpointer user_data)
{
  Ticker *ticker = user_data;
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (ticker->lateness, (gint64) { MAX (0, now - ticker->expected) });
  ticker->expected = now + 1000;
  return G_SOURCE_CONTINUE;
}

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  rectify_case_store_load_finish (RECTIFY_CASE_STORE (object), result, NULL, NULL);
  *(gboolean *)user_data = TRUE;
}

static GFile *
make_file (const char *folder,
           guint       index)
{
  g_autofree char *name = g_strdup_printf ("invoice-%u.pdf", index);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *chunk = g_malloc (1024 * 1024);
  FILE *out = fopen (path, "wb");

  g_assert_nonnull (out);
  memset (chunk, 'x', 1024 * 1024);
  memcpy (chunk, "%PDF-1.4\n", 9);
  for (guint i = 0; i < ATTACHMENT_MB; i++)
    g_assert_cmpuint (fwrite (chunk, 1, 1024 * 1024, out), ==, 1024 * 1024);
  fclose (out);

  return g_file_new_for_path (path);
}

static void
run_once (guint run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RectifyTestDesk) desk = rectify_test_desk_new (&error);
  g_autoptr(RectifyTestMonitor) monitor = rectify_test_monitor_new ();
  g_autofree char *folder = g_dir_make_tmp ("rectify-bench-send-XXXXXX", NULL);
  g_autoptr(GFile) cases = g_file_new_build_filename (folder, "cases", NULL);
  g_autoptr(RectifyCaseStore) store = rectify_case_store_new (cases);
  g_autoptr(RectifyDeskClient) client = NULL;
  g_autoptr(RectifyOutbox) outbox = NULL;
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  Ticker ticker = { 0, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  gboolean loaded = FALSE;
  gint64 start, took;
  guint source, n;

  g_assert_no_error (error);
  rectify_test_desk_set_discard_uploads (desk, TRUE);
  rectify_case_store_load_async (store, NULL, load_cb, &loaded);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);

  client = rectify_desk_client_new (rectify_test_desk_get_url (desk), &error);
  g_assert_no_error (error);
  outbox = rectify_outbox_new (store, client, G_NETWORK_MONITOR (monitor));

  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  for (guint i = 0; i < ATTACHMENTS; i++)
    {
      g_autoptr(GFile) file = make_file (folder, i);
      g_autoptr(RectifyAttachment) attachment = rectify_attachment_new (file);

      rectify_attachment_set_info (attachment, RECTIFY_ATTACHMENT_STATE_READY, NULL,
                                   (goffset) ATTACHMENT_MB * 1024 * 1024, "application/pdf");
      rectify_case_add_attachment (rcase, attachment);
    }
  rectify_case_store_add (store, rcase);

  ticker.expected = g_get_monotonic_time () + 1000;
  source = g_timeout_add (1, tick_cb, &ticker);
  start = g_get_monotonic_time ();

  g_assert_true (rectify_outbox_send (outbox, rcase, &error));
  g_assert_no_error (error);
  while (rectify_case_get_send_state (rcase) != RECTIFY_SEND_STATE_SENT &&
         rectify_case_get_send_state (rcase) != RECTIFY_SEND_STATE_FAILED)
    g_main_context_iteration (NULL, TRUE);

  took = g_get_monotonic_time () - start;
  g_source_remove (source);
  g_assert_cmpint (rectify_case_get_send_state (rcase), ==, RECTIFY_SEND_STATE_SENT);
  g_assert_cmpuint (rectify_test_desk_get_created_count (desk), ==, 1);

  n = ticker.lateness->len;
  qsort (ticker.lateness->data, n, sizeof (gint64), compare_int64);
  printf ("send %u: %u × %u MB in %.2f s (%.0f MB/s)  stall max %5.1f ms  p99 %4.1f ms  "
          "(%u ticks)\n",
          run, ATTACHMENTS, ATTACHMENT_MB, took / 1e6,
          ATTACHMENTS * ATTACHMENT_MB / (took / 1e6),
          g_array_index (ticker.lateness, gint64, n - 1) / 1000.0,
          g_array_index (ticker.lateness, gint64, MIN (n - 1, n * 99 / 100)) / 1000.0, n);
  g_array_unref (ticker.lateness);

  for (guint i = 0; i < ATTACHMENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("invoice-%u.pdf", i);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
  rectify_test_remove_tree (cases);
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 3;

  rectify_test_set_today (2026, 11, 26);
  for (guint r = 1; r <= MAX (runs, 1); r++)
    run_once (r);

  return 0;
}
