/* bench-upload.c: how much memory and time a large upload takes
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Uploads a large file (100 MB unless told otherwise) to the local test desk
 * in this process, the way the outbox does, and prints the peak growth of
 * the resident set and the throughput. The client streams the file, so the
 * growth should stay small whatever the size: the goal is 10 MB at most.
 *
 * The desk runs in this process too, so by default it counts the bytes it
 * receives without keeping them (rectify_test_desk_set_discard_uploads()):
 * otherwise what is measured is the desk's copy of the file, not the
 * client. --keep-bodies measures with the desk keeping them, for contrast.
 *
 *   ./_build/tests/bench/bench-upload [--size-mb=100] [--keep-bodies]
 *
 * Exits with 1 when the growth is over the goal. Not a test: it is built,
 * never run by `meson test`.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rectify-desk-client.h"
#include "rectify-test-desk.h"

#define GOAL_KB    (10 * 1024)
#define BLOCK_SIZE (1024 * 1024)

/* A value in kB from /proc/self/status ("VmRSS", "VmHWM"), or -1. */
static gint64
status_kb (const char *field)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize field_length = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return -1;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], field, field_length) == 0 && lines[i][field_length] == ':')
      return g_ascii_strtoll (lines[i] + field_length + 1, NULL, 10);

  return -1;
}

/* Resets VmHWM to the current RSS (Linux 4.0 and later); FALSE when it
 * cannot, and the peak is then the process's peak so far. */
static gboolean
reset_peak (void)
{
  FILE *clear_refs = g_fopen ("/proc/self/clear_refs", "w");
  gboolean done;

  if (clear_refs == NULL)
    return FALSE;

  done = fputs ("5", clear_refs) >= 0;
  return fclose (clear_refs) == 0 && done;
}

/* The largest VmRSS seen while the file went out. */
static void
sample_rss (goffset  sent,
            goffset  total,
            gpointer data)
{
  gint64 *max_rss = data;
  static goffset last_sample = -1;

  if (last_sample >= 0 && sent - last_sample < 4 * BLOCK_SIZE && sent < total)
    return;

  last_sample = sent;
  *max_rss = MAX (*max_rss, status_kb ("VmRSS"));
}

static GFile *
write_file (const char *directory,
            gsize       size)
{
  g_autofree char *path = g_build_filename (directory, "large-statement.pdf", NULL);
  g_autofree char *block = g_malloc (BLOCK_SIZE);
  FILE *out;

  for (gsize i = 0; i < BLOCK_SIZE; i++)
    block[i] = 'a' + (i % 26);
  memcpy (block, "%PDF-1.4\n", 9);

  if ((out = g_fopen (path, "wb")) == NULL)
    g_error ("Cannot write %s: %s", path, g_strerror (errno));
  for (gsize written = 0; written < size;)
    {
      gsize n = MIN (size - written, BLOCK_SIZE);

      if (fwrite (block, 1, n, out) != n)
        g_error ("Cannot write %s: %s", path, g_strerror (errno));
      written += n;
    }
  fclose (out);

  return g_file_new_for_path (path);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static RectifyDeskUpload *
upload (RectifyDeskClient *client,
        GFile             *file,
        gint64            *max_rss)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  RectifyDeskUpload *uploaded;

  rectify_desk_client_upload_async (client, file, NULL,
                                    max_rss != NULL ? sample_rss : NULL, max_rss, NULL,
                                    NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  uploaded = rectify_desk_client_upload_finish (client, result, &error);
  g_object_unref (result);
  if (uploaded == NULL)
    g_error ("The upload failed: %s", error->message);

  return uploaded;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RectifyTestDesk) desk = NULL;
  g_autoptr(RectifyDeskClient) client = NULL;
  g_autoptr(RectifyDeskUpload) warm_up = NULL;
  g_autoptr(RectifyDeskUpload) uploaded = NULL;
  g_autoptr(GFile) small = NULL;
  g_autoptr(GFile) large = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = NULL;
  gint size_mb = 100;
  gboolean keep_bodies = FALSE;
  gboolean peak_reset;
  gint64 rss_before, peak_before, peak_after, growth;
  gint64 max_rss = 0;
  gint64 started, elapsed;
  gsize size;
  double seconds;
  GOptionEntry entries[] = {
    { "size-mb", 0, 0, G_OPTION_ARG_INT, &size_mb, "Size of the file to upload", "MB" },
    { "keep-bodies", 0, 0, G_OPTION_ARG_NONE, &keep_bodies,
      "Let the in-process desk keep what it receives", NULL },
    { NULL }
  };

  /* No GSettings here: GIO's default proxy resolver, no desktop one. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  context = g_option_context_new ("— measure a large upload");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || size_mb < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--size-mb must be positive");
      return 2;
    }
  size = (gsize) size_mb * 1024 * 1024;

  directory = g_dir_make_tmp ("rectify-bench-XXXXXX", &error);
  g_assert_no_error (error);
  small = write_file (directory, BLOCK_SIZE);

  desk = rectify_test_desk_new (&error);
  g_assert_no_error (error);
  rectify_test_desk_set_discard_uploads (desk, !keep_bodies);

  client = rectify_desk_client_new (rectify_test_desk_get_url (desk), &error);
  g_assert_no_error (error);
  rectify_desk_client_set_anonymous (client, NULL, NULL, 0);
  rectify_desk_client_set_max_upload_size (client, (goffset) size + 1);

  /* One small upload first: connections, thread pools and caches set up
   * once are not what is measured. */
  warm_up = upload (client, small, NULL);
  g_file_delete (small, NULL, NULL);
  large = write_file (directory, size);

  peak_reset = reset_peak ();
  rss_before = status_kb ("VmRSS");
  peak_before = status_kb ("VmHWM");
  started = g_get_monotonic_time ();

  uploaded = upload (client, large, &max_rss);

  elapsed = g_get_monotonic_time () - started;
  peak_after = status_kb ("VmHWM");
  growth = peak_after - rss_before;
  seconds = (double) elapsed / G_USEC_PER_SEC;

  if (uploaded->attachment == NULL || uploaded->attachment->size != (gint64) size)
    g_error ("The desk received %" G_GINT64_FORMAT " bytes of %" G_GSIZE_FORMAT,
             uploaded->attachment != NULL ? uploaded->attachment->size : -1, size);

  g_print ("upload of %d MB to the in-process desk (%s)\n", size_mb,
           keep_bodies ? "the desk keeps the body" : "the desk counts and discards");
  g_print ("  time        %.2f s\n", seconds);
  g_print ("  throughput  %.1f MB/s\n", size_mb / MAX (seconds, 0.001));
  g_print ("  RSS before  %.1f MB\n", rss_before / 1024.0);
  g_print ("  largest RSS sampled during the upload  %.1f MB\n", max_rss / 1024.0);
  g_print ("  peak RSS (VmHWM)  %.1f MB before, %.1f MB after%s\n",
           peak_before / 1024.0, peak_after / 1024.0,
           peak_reset ? " (reset before the upload)"
                      : " (the process's peak: /proc/self/clear_refs not writable, so an "
                        "upper bound)");
  g_print ("  growth      %.1f MB (goal: at most %d MB) %s\n", growth / 1024.0,
           GOAL_KB / 1024, growth <= GOAL_KB ? "OK" : "OVER");

  g_file_delete (large, NULL, NULL);
  g_rmdir (directory);

  return growth <= GOAL_KB ? 0 : 1;
}
