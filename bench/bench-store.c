/* bench-store.c: loading 100, 1,000 and 10,000 cases, and what it costs
 * the main loop
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "rectify-case-file.h"
#include "rectify-case-store.h"
#include "rectify-clock.h"
#include "rectify-request.h"
#include "rectify-submission-private.h"

/* For each size, the case files are made through the core API (realistic
 * cases of about 2 KB, every scenario, attachments, a third sent) in a new
 * temporary folder; then a new store loads them, timed from
 * rectify_case_store_load_async() to its callback having run
 * rectify_case_store_load_finish(), and the newest case (the first item) is
 * opened as the window opens it: every step validated and the request text
 * made. Median of the runs. The files are read from the page cache (the
 * generation just wrote them): a cold disk adds its own seek time.
 *
 * Then, with 10,000 cases, the longest main-loop stall during a load: a
 * 1 ms repeating timeout notes how late it fires; the maximum and the 99th
 * percentile are reported.
 *
 *   bench-store [RUNS]     (default 5)
 *
 * Every case has its first three steps complete, as a case must to be on
 * step 3 or sent. bench/startup.py also uses it to make the folder Rectify
 * starts with:
 *
 *   bench-store --write FOLDER N   writes N case files into FOLDER and
 *                                  prints the reference of the newest
 *                                  unfinished one (the case left) */

static const char * const owners[] = {
  "Ana García", "Léa Martin", "John O'Neill", "Søren Kierkegaard-Holm", "Zoë Dubois",
  "María José Fernández", "Hiroshi Tanaka", "Ngozi Okafor",
};
static const char * const accounts[] = {
  "Acme SL (ID 48213)", "Bistro Lumière", "Nordic Freight ApS", "Clínica Dental Sur",
  "Atelier 26", "Cabinet Roux & Associés", "Tanaka Trading KK", "Lagos Logistics Ltd",
};
static const char * const sentences[] = {
  "I pressed Add twice in the dashboard and got licences I do not need. ",
  "Pulsé «Añadir» dos veces en el panel y me cobraron licencias que no necesito. ",
  "Nous avons acheté des licences Advanced au lieu de Business par erreur. ",
  "The invoice of this month shows more licences than we have users. ",
  "Our admin added three users for a trial that never started. ",
  "We only need the licences of the support team; sales moved to another tool. ",
};

static gint64
now_us (void)
{
  return g_get_monotonic_time ();
}

static RectifyCase *
make_case (guint index)
{
  RectifyCase *rcase = rectify_case_new ();
  RectifyScenario scenario = 1 + index % 3;
  g_autoptr(GString) explanation = g_string_new (NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(RectifyAttachment) attachment = NULL;
  g_autofree char *path = NULL;
  g_autofree char *email = NULL;
  g_autofree char *quantity = g_strdup_printf ("%u", 5 + index % 40);
  GDate date;

  g_date_clear (&date, 1);
  rectify_case_set_scenario (rcase, scenario);
  g_date_set_dmy (&date, 1 + index % 25, 11, 2026);
  rectify_case_set_purchase_date (rcase, &date);
  g_date_set_dmy (&date, 1 + index % 25, 12, 2026);
  rectify_case_set_next_billing (rcase, &date);
  rectify_case_set_period (rcase, index % 5 == 0 ? RECTIFY_PERIOD_ANNUAL
                                                 : RECTIFY_PERIOD_MONTHLY);

  email = g_strdup_printf ("owner%u@example.com", index);
  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, accounts[index % G_N_ELEMENTS (accounts)]);
  rectify_case_set_text (rcase, RECTIFY_TEXT_OWNER_NAME, owners[index % G_N_ELEMENTS (owners)]);
  rectify_case_set_text (rcase, RECTIFY_TEXT_CONTACT_EMAIL, email);
  rectify_case_set_text (rcase, RECTIFY_TEXT_LICENCE_TYPE, index % 2 ? "Smart" : "Advanced");
  rectify_case_set_text (rcase, RECTIFY_TEXT_QUANTITY, quantity);
  rectify_case_set_text (rcase, RECTIFY_TEXT_UNIT_PRICE, index % 2 ? "19,99" : "49.00");
  rectify_case_set_text (rcase, RECTIFY_TEXT_CURRENCY, "EUR");
  rectify_case_set_text (rcase, RECTIFY_TEXT_INTENDED_TYPE, "Business");
  rectify_case_set_text (rcase, RECTIFY_TEXT_INTENDED_PRICE, index % 2 ? "29,99" : "59.00");
  rectify_case_set_text (rcase, RECTIFY_TEXT_ADDED_BY_MISTAKE, "2");
  rectify_case_set_text (rcase, RECTIFY_TEXT_KEEP_COUNT, "3");

  /* About 1 KB of explanation, as a worried owner writes it. */
  while (explanation->len < 1000)
    g_string_append (explanation, sentences[(index + explanation->len) % G_N_ELEMENTS (sentences)]);
  rectify_case_set_text (rcase, RECTIFY_TEXT_EXPLANATION, explanation->str);

  path = g_strdup_printf ("/home/owner/Documents/invoice-2026-11-%05u.pdf", index);
  file = g_file_new_for_path (path);
  attachment = rectify_attachment_new (file);
  rectify_attachment_set_info (attachment, RECTIFY_ATTACHMENT_STATE_READY, NULL,
                               48213 + index, "application/pdf");
  rectify_case_add_attachment (rcase, attachment);

  rectify_case_set_resolution (rcase, scenario == RECTIFY_SCENARIO_TOO_MANY
                                        ? RECTIFY_RESOLUTION_PRORATED
                                        : RECTIFY_RESOLUTION_REFUND);
  if (index % 3 == 0)
    {
      g_autofree char *url = g_strdup_printf ("https://support.ringover.com/api/v2/requests/"
                                              "%u.json", 30000 + index);

      rectify_case_set_current_step (rcase, RECTIFY_STEP_FOLLOW_UP);
      rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT, NULL);
      rectify_case_set_request (rcase, 30000 + index, url, "open");
      rectify_case_set_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY, TRUE);
    }
  else
    {
      rectify_case_set_current_step (rcase, RECTIFY_STEP_RESOLUTION);
    }

  /* As every case is that reached step 3, or was sent: the window reopens
   * it on its current step, not on an earlier one left incomplete. */
  for (RectifyStep step = RECTIFY_STEP_IDENTIFY; step <= RECTIFY_STEP_RESOLUTION; step++)
    if (!rectify_case_get_step_complete (rcase, step))
      g_error ("bench case %u: step %d is incomplete", index, step + 1);

  return rcase;
}

/* Writes @n case files into @path; returns the reference of the last
 * unfinished one written, the newest. */
static char *
write_cases (const char *path,
             guint       n,
             gsize      *out_bytes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *newest_unfinished = NULL;
  gsize total = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RectifyCase) rcase = make_case (i);
      g_autoptr(GBytes) bytes = rectify_case_to_bytes (rcase);
      g_autofree char *name = g_strconcat (rectify_case_get_reference (rcase), ".json", NULL);
      g_autofree char *file = g_build_filename (path, name, NULL);
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      if (!g_file_set_contents_full (file, data, length, G_FILE_SET_CONTENTS_NONE, 0600, &error))
        g_error ("Cannot write %s: %s", file, error->message);
      total += length;
      if (!rectify_case_is_finished (rcase))
        {
          g_free (newest_unfinished);
          newest_unfinished = g_strdup (rectify_case_get_reference (rcase));
        }
    }

  *out_bytes = total;
  return g_steal_pointer (&newest_unfinished);
}

/* Writes @n case files into a new temporary folder; returns the folder. */
static GFile *
generate (guint  n,
          gsize *out_bytes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_dir_make_tmp ("rectify-bench-XXXXXX", &error);

  g_assert_no_error (error);
  g_free (write_cases (path, n, out_bytes));
  return g_file_new_for_path (path);
}

static void
remove_folder (GFile *folder)
{
  g_autoptr(GFileEnumerator) enumerator =
    g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  while (enumerator != NULL)
    {
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (enumerator, NULL, &child, NULL, NULL) || child == NULL)
        break;
      g_file_delete (child, NULL, NULL);
    }
  g_file_delete (folder, NULL, NULL);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gint64 *done_at = user_data;
  g_autoptr(GPtrArray) set_aside = NULL;
  g_autoptr(GError) error = NULL;

  if (!rectify_case_store_load_finish (RECTIFY_CASE_STORE (object), result, &set_aside, &error))
    g_error ("Loading failed: %s", error->message);
  if (set_aside->len > 0)
    g_error ("%u case files were set aside", set_aside->len);

  *done_at = now_us ();
}

/* What the window does to show a case. */
static void
open_case (RectifyCase *rcase)
{
  GDate today;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  rectify_clock_get_today (&today);
  rectify_case_revalidate (rcase);
  for (guint step = RECTIFY_STEP_IDENTIFY; step <= RECTIFY_STEP_FOLLOW_UP; step++)
    rectify_case_get_problems (rcase, step);
  subject = rectify_request_dup_subject (rcase);
  body = rectify_request_dup_body (rcase, &today);
}

typedef struct
{
  gint64 load_us;
  gint64 open_us;
} LoadTimes;

static RectifyCaseStore *
load (GFile     *folder,
      guint      expected,
      LoadTimes *times)
{
  RectifyCaseStore *store = rectify_case_store_new (folder);
  g_autoptr(RectifyCase) newest = NULL;
  gint64 start, done_at = 0;

  start = now_us ();
  rectify_case_store_load_async (store, NULL, load_cb, &done_at);
  while (done_at == 0)
    g_main_context_iteration (NULL, TRUE);
  times->load_us = done_at - start;

  start = now_us ();
  newest = g_list_model_get_item (G_LIST_MODEL (store), 0);
  open_case (newest);
  times->open_us = now_us () - start;

  if (g_list_model_get_n_items (G_LIST_MODEL (store)) != expected)
    g_error ("Loaded %u cases of %u", g_list_model_get_n_items (G_LIST_MODEL (store)), expected);

  return store;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64
median (gint64 *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_int64);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* The main loop's stalls: a 1 ms timeout that notes how late it fires. */

typedef struct
{
  gint64  expected;
  GArray *lateness;  /* gint64, µs */
} Ticker;

static gboolean
tick_cb (gpointer user_data)
{
  Ticker *ticker = user_data;
  gint64 now = now_us ();
  gint64 late = MAX (0, now - ticker->expected);

  g_array_append_val (ticker->lateness, late);
  ticker->expected = now + 1000;
  return G_SOURCE_CONTINUE;
}

typedef void (*StallWork) (gpointer  data,
                           gboolean *done);

static void
load_work (gpointer  data,
           gboolean *done)
{
  GFile *folder = data;
  g_autoptr(RectifyCaseStore) store = NULL;
  LoadTimes times;

  store = load (folder, 10000, &times);
  *done = TRUE;
}

/* Runs @work (which iterates the main context itself until it is done) with
 * the ticker on, and reports the stalls it caused.
 *
 * TODO(outbox): the same measurement while sending a case with uploads
 * (see BENCHMARKS.md), once the outbox lands: a StallWork that queues a
 * case with three attachments to a local test desk and iterates until it
 * is sent. */
static void
measure_stall (const char *what,
               StallWork   work,
               gpointer    data)
{
  Ticker ticker = { 0, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  gboolean done = FALSE;
  guint source;
  gint64 max, p99;
  guint n;

  ticker.expected = now_us () + 1000;
  source = g_timeout_add (1, tick_cb, &ticker);
  work (data, &done);
  g_source_remove (source);

  n = ticker.lateness->len;
  g_assert (n > 0);
  qsort (ticker.lateness->data, n, sizeof (gint64), compare_int64);
  max = g_array_index (ticker.lateness, gint64, n - 1);
  p99 = g_array_index (ticker.lateness, gint64, MIN (n - 1, (n * 99) / 100));

  printf ("stall %-28s max %6.1f ms  p99 %5.1f ms  (%u ticks)\n", what,
          max / 1000.0, p99 / 1000.0, n);
  g_array_unref (ticker.lateness);
}

static glong
vm_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

int
main (int   argc,
      char *argv[])
{
  static const guint sizes[] = { 100, 1000, 10000 };
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 5;
  g_autoptr(GFile) largest = NULL;
  double per_case[G_N_ELEMENTS (sizes)];
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 26, 11, 2026);
  rectify_clock_set_today (&today);

  if (argc == 4 && g_strcmp0 (argv[1], "--write") == 0)
    {
      g_autofree char *newest = NULL;
      gsize bytes;

      if (g_mkdir_with_parents (argv[2], 0700) != 0)
        g_error ("Cannot make %s", argv[2]);
      newest = write_cases (argv[2], (guint) atoi (argv[3]), &bytes);
      printf ("%s\n", newest != NULL ? newest : "");
      return 0;
    }

  if (runs < 1)
    runs = 1;

  for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GFile) folder = NULL;
      g_autofree gint64 *load_us = g_new0 (gint64, runs);
      g_autofree gint64 *open_us = g_new0 (gint64, runs);
      gint64 start = now_us ();
      gsize bytes;
      glong rss_before, rss_after = 0;

      folder = generate (sizes[s], &bytes);
      fprintf (stderr, "(made %u cases, %.1f KB each, in %.1f s)\n", sizes[s],
               bytes / 1024.0 / sizes[s], (now_us () - start) / 1e6);

      rss_before = vm_rss_kb ();
      for (guint r = 0; r < runs; r++)
        {
          g_autoptr(RectifyCaseStore) store = NULL;
          LoadTimes times;

          store = load (folder, sizes[s], &times);
          load_us[r] = times.load_us;
          open_us[r] = times.open_us;
          if (r == 0)
            rss_after = vm_rss_kb ();
        }

      per_case[s] = (double) median (load_us, runs) / sizes[s];
      printf ("load %5u cases  %8.1f ms  (%5.1f µs a case)  open newest %5.2f ms  "
              "memory %+6.1f MB\n",
              sizes[s], median (load_us, runs) / 1000.0, per_case[s],
              median (open_us, runs) / 1000.0, (rss_after - rss_before) / 1024.0);

      if (sizes[s] == 10000)
        largest = g_steal_pointer (&folder);
      else
        remove_folder (folder);
    }

  printf ("growth 100 → 1,000: ×%.2f a case;  1,000 → 10,000: ×%.2f a case "
          "(1.00 is linear)\n", per_case[1] / per_case[0], per_case[2] / per_case[1]);

  for (guint r = 0; r < 3; r++)
    measure_stall ("loading 10,000 cases", load_work, largest);

  remove_folder (largest);
  return 0;
}
