/* test-summary.c: the case summary that is printed or exported as PDF
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rectify-case-private.h"
#include "rectify-case-summary.h"
#include "rectify-reference.h"
#include "rectify-request.h"
#include "rectify-submission-private.h"
#include "rectify-test-case.h"

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not found in:\n%s", part, text);
}

static void
test_summary_draft (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *text = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *title = NULL;
  GDate today;

  setlocale (LC_ALL, "C");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 26, 11, 2026);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);

  text = rectify_case_summary_dup_text (rcase, &today);
  subject = rectify_request_dup_subject (rcase);
  title = rectify_case_summary_dup_title (rcase);

  /* The title, with the reference support knows, comes first. */
  g_assert_true (g_str_has_prefix (text, title));
  {
    g_autofree char *reference = rectify_reference_shorten (rectify_case_get_reference (rcase));

    assert_contains (title, reference);
  }
  assert_contains (text, "Summary of 26 November 2026");

  /* The request as support reads it: subject and text. */
  assert_contains (text, subject);
  assert_contains (text, "I pressed Add twice in the dashboard");
  assert_contains (text, "- Status: Draft\n");

  /* The chosen resolution's amount: three of five at 19.99 EUR, credited. */
  assert_contains (text, "\nAmounts\n- Credit on the account: 59.97 EUR excl. VAT\n");

  /* The checklist, nothing done yet. */
  assert_contains (text, "☐ Delete the users of the licences you no longer need\n");
  assert_contains (text, "☐ Check your next statement\n");
  g_assert_null (strstr (text, "☑"));
}

static void
test_summary_followed_up (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  /* Local times: the summary gives the owner's own dates, and a moment
   * given in UTC is another day in Auckland or Honolulu. */
  g_autoptr(GDateTime) sent = g_date_time_new_local (2026, 11, 26, 10, 0, 0);
  g_autoptr(GDateTime) verified = g_date_time_new_local (2026, 12, 3, 15, 30, 0);
  g_autoptr(GDateTime) checked = g_date_time_new_local (2026, 12, 21, 9, 0, 0);
  g_autofree char *text = NULL;
  GDate today;

  setlocale (LC_ALL, "C");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 22, 12, 2026);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_WRONG_TYPE);
  rectify_case_set_resolution (rcase, RECTIFY_RESOLUTION_REFUND);
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT, NULL);
  rectify_case_restore_submission (rcase, sent, 9995);
  rectify_case_set_request (rcase, 4711, "https://support.ringover.com/hc/requests/4711", "open");
  rectify_case_restore_checklist_item (rcase, RECTIFY_CHECKLIST_VERIFY, verified);
  rectify_case_restore_checklist_item (rcase, RECTIFY_CHECKLIST_CHECK_STATEMENT, checked);
  rectify_case_set_text (rcase, RECTIFY_TEXT_STATEMENT_AMOUNT, "99.95");

  text = rectify_case_summary_dup_text (rcase, &today);

  assert_contains (text, "- Status: Sent\n");
  assert_contains (text, "- Sent on: 26 November 2026\n");
  assert_contains (text, "- Request number: 4711\n");
  assert_contains (text, "- Link: https://support.ringover.com/hc/requests/4711\n");
  assert_contains (text, "- Adjustment to expect: 99.95 EUR excl. VAT\n");
  assert_contains (text, "- Adjustment on the statement or credit note: 99.95 EUR\n");

  /* Done steps with their day; the wrong type needs no users deleted. */
  assert_contains (text, "☑ Check that the corrections were made (done on 3 December 2026)\n");
  assert_contains (text, "☑ Check your next statement (done on 21 December 2026)\n");
  assert_contains (text, "☐ Work with a customer success representative");
  g_assert_null (strstr (text, "Delete the users"));
}

static void
test_summary_incomplete (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *text = NULL;
  GDate today;

  setlocale (LC_ALL, "C");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 26, 11, 2026);

  text = rectify_case_summary_dup_text (rcase, &today);
  assert_contains (text, "No resolution chosen yet.");

  rectify_case_set_resolution (rcase, RECTIFY_RESOLUTION_PRORATED);
  g_clear_pointer (&text, g_free);
  text = rectify_case_summary_dup_text (rcase, &today);
  assert_contains (text, "not known yet");
}

static void
test_summary_as_sent (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  const char * const names[] = { "invoice.pdf", NULL };
  g_autofree char *text = NULL;
  GDate today;

  setlocale (LC_ALL, "C");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 26, 11, 2026);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_set_resolution (rcase, RECTIFY_RESOLUTION_REFUND);
  rectify_case_set_sent_snapshot (rcase, "The subject as sent", "The body as sent.\n", names);
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT, NULL);

  /* Changed after sending: print and PDF still show what support has. */
  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, "Changed Later S.L.");
  text = rectify_case_summary_dup_text (rcase, &today);
  assert_contains (text, "- Subject: The subject as sent\n");
  assert_contains (text, "\nThe body as sent.\n");
  g_assert_null (strstr (text, "Changed Later"));
  g_assert_null (strstr (text, "Hello Ringover support"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/summary/draft", test_summary_draft);
  g_test_add_func ("/summary/followed-up", test_summary_followed_up);
  g_test_add_func ("/summary/incomplete", test_summary_incomplete);
  g_test_add_func ("/summary/as-sent", test_summary_as_sent);

  return g_test_run ();
}
