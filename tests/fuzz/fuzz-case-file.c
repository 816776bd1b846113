/* fuzz-case-file.c: the case file reader against arbitrary bytes
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-case-file.h"
#include "rectify-clock.h"
#include "rectify-fuzz.h"
#include "rectify-request.h"

/* A case file is read at every start, from a disk anything may have
 * written. Whatever the bytes: no crash, no critical, an error when the case
 * is refused; and a case that is accepted survives what the store does
 * next: it validates, it makes its request text, and it saves to a file that
 * loads again into the same file (otherwise the next start would set the
 * owner's case aside as unreadable). */

static GDate today;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  rectify_fuzz_init ();

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 26, 11, 2026);
  rectify_clock_set_today (&today);

  return 0;
}

static void
exercise (RectifyCase *rcase)
{
  g_autofree char *subject = rectify_request_dup_subject (rcase);
  g_autofree char *body = rectify_request_dup_body (rcase, &today);

  RECTIFY_FUZZ_CHECK (subject != NULL && g_utf8_validate (subject, -1, NULL), "subject");
  RECTIFY_FUZZ_CHECK (body != NULL && g_utf8_validate (body, -1, NULL), "body");

  for (guint step = RECTIFY_STEP_IDENTIFY; step <= RECTIFY_STEP_FOLLOW_UP; step++)
    {
      GPtrArray *problems = rectify_case_get_problems (rcase, step);

      for (guint i = 0; i < problems->len; i++)
        {
          const RectifyProblem *problem = g_ptr_array_index (problems, i);

          RECTIFY_FUZZ_CHECK (problem->message != NULL && *problem->message != '\0',
                              "a problem of “%s” without a message", problem->field);
        }
    }

  for (guint resolution = RECTIFY_RESOLUTION_REMOVE;
       resolution <= RECTIFY_RESOLUTION_SCHEDULED;
       resolution++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = rectify_request_dup_resolution (rcase, resolution, &today);
      gint64 amount;

      RECTIFY_FUZZ_CHECK (text != NULL && g_utf8_validate (text, -1, NULL), "resolution text");
      if (!rectify_case_compute_amount (rcase, resolution, &today, &amount, &error))
        RECTIFY_FUZZ_CHECK (error != NULL, "compute_amount failed without an error");
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(RectifyCase) rcase = NULL;
  g_autoptr(RectifyCase) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  rcase = rectify_case_from_bytes (bytes, &error);
  if (rcase == NULL)
    {
      RECTIFY_FUZZ_CHECK (error != NULL, "a case refused without an error");
      return 0;
    }
  RECTIFY_FUZZ_CHECK (error == NULL, "a case read with an error set");

  exercise (rcase);

  saved = rectify_case_to_bytes (rcase);
  reloaded = rectify_case_from_bytes (saved, &error);
  RECTIFY_FUZZ_CHECK (reloaded != NULL, "a case that loaded does not load after saving: %s\n%s",
                      error ? error->message : "(no error)",
                      (const char *) g_bytes_get_data (saved, NULL));

  saved_again = rectify_case_to_bytes (reloaded);
  RECTIFY_FUZZ_CHECK (g_bytes_equal (saved, saved_again),
                      "saving a reloaded case changes it:\n%s\n---\n%s",
                      (const char *) g_bytes_get_data (saved, NULL),
                      (const char *) g_bytes_get_data (saved_again, NULL));

  return 0;
}
