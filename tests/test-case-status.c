/* test-case-status.c: where a case stands, and finding it, for the case list
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-case-status.h"
#include "rectify-clock.h"
#include "rectify-reference.h"
#include "rectify-submission-private.h"
#include "rectify-test-case.h"

static RectifyCaseStatus
status_on (RectifyCase *rcase,
           guint        day,
           guint        month,
           const char **out_label)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, day, month, 2026);

  return rectify_case_get_status (rcase, &today, out_label);
}

/* The next billing date is 20 December 2026: a draft needs attention from
 * two days before it, a sent case on it (its statement), a finished one
 * never; a send that failed or may have arrived does at once. */
static void
test_status (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_auto(GStrv) items = NULL;
  const char *label = NULL;

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);

  g_assert_cmpint (status_on (rcase, 26, 11, &label), ==, RECTIFY_CASE_STATUS_DRAFT);
  g_assert_cmpstr (label, ==, "Draft, not sent yet");
  g_assert_cmpint (status_on (rcase, 17, 12, NULL), ==, RECTIFY_CASE_STATUS_DRAFT);
  g_assert_cmpint (status_on (rcase, 18, 12, &label), ==, RECTIFY_CASE_STATUS_ATTENTION);
  g_assert_cmpstr (label, ==, "Not sent, and the next billing date is close");
  /* Once the date has passed, the reminder is over: it is a draft again. */
  g_assert_cmpint (status_on (rcase, 21, 12, NULL), ==, RECTIFY_CASE_STATUS_DRAFT);

  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_QUEUED, NULL);
  g_assert_cmpint (status_on (rcase, 26, 11, &label), ==, RECTIFY_CASE_STATUS_SENDING);
  g_assert_cmpstr (label, ==, "Waiting to send");
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_CREATING, NULL);
  g_assert_cmpint (status_on (rcase, 26, 11, NULL), ==, RECTIFY_CASE_STATUS_SENDING);
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_NEEDS_CONFIRMATION, NULL);
  g_assert_cmpint (status_on (rcase, 26, 11, NULL), ==, RECTIFY_CASE_STATUS_ATTENTION);
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_FAILED, NULL);
  g_assert_cmpint (status_on (rcase, 26, 11, &label), ==, RECTIFY_CASE_STATUS_ATTENTION);
  g_assert_cmpstr (label, ==, "Not sent: needs your attention");

  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT, NULL);
  g_assert_cmpint (status_on (rcase, 26, 11, &label), ==, RECTIFY_CASE_STATUS_SENT);
  g_assert_cmpstr (label, ==, "Sent: follow-up to do");
  g_assert_cmpint (status_on (rcase, 19, 12, NULL), ==, RECTIFY_CASE_STATUS_SENT);
  g_assert_cmpint (status_on (rcase, 20, 12, &label), ==, RECTIFY_CASE_STATUS_ATTENTION);
  g_assert_cmpstr (label, ==, "Sent: the statement is due, check it");

  /* Every step of the follow-up ticked but the last: still to do. */
  items = rectify_case_dup_checklist_items (rcase);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_assert_cmpint (status_on (rcase, 26, 11, NULL), ==, RECTIFY_CASE_STATUS_SENT);
      rectify_case_set_checklist_done (rcase, items[i], TRUE);
    }
  g_assert_cmpint (status_on (rcase, 26, 11, &label), ==, RECTIFY_CASE_STATUS_FINISHED);
  g_assert_cmpstr (label, ==, "Finished");
  g_assert_cmpint (status_on (rcase, 20, 12, NULL), ==, RECTIFY_CASE_STATUS_FINISHED);

  /* Each status its own icon. */
  for (guint a = RECTIFY_CASE_STATUS_DRAFT; a <= RECTIFY_CASE_STATUS_FINISHED; a++)
    for (guint b = a + 1; b <= RECTIFY_CASE_STATUS_FINISHED; b++)
      g_assert_cmpstr (rectify_case_status_get_icon_name (a), !=,
                       rectify_case_status_get_icon_name (b));

  rectify_clock_set_today (NULL);
}

static void
test_list_title (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *blank = rectify_case_dup_list_title (rcase);
  g_autofree char *scenario = NULL;
  g_autofree char *account = NULL;

  g_assert_cmpstr (blank, ==, "New case");
  rectify_case_set_scenario (rcase, RECTIFY_SCENARIO_WRONG_TYPE);
  scenario = rectify_case_dup_list_title (rcase);
  g_assert_cmpstr (scenario, ==, "Wrong licence type");
  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, "  Acme SL ");
  account = rectify_case_dup_list_title (rcase);
  g_assert_cmpstr (account, ==, "Acme SL");
}

static gboolean
matches (RectifyCase *rcase,
         const char  *term)
{
  g_autofree char *folded = rectify_search_fold (term);

  return rectify_case_matches_search (rcase, folded);
}

static void
test_search (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *short_reference = NULL;
  g_autofree char *reference_part = NULL;
  g_autofree char *folded = rectify_search_fold ("ÉCOLE Gestión");

  g_assert_cmpstr (folded, ==, "ecole gestion");

  rectify_test_set_today (2026, 11, 26);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_WRONG_TYPE);
  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, "Gestión Álvarez SL");

  g_assert_true (matches (rcase, ""));
  /* The account, without case or accents, either way round. */
  g_assert_true (matches (rcase, "gestion"));
  g_assert_true (matches (rcase, "ALVAREZ"));
  g_assert_true (matches (rcase, "tión álv"));
  /* The owner's name, the licence type. */
  g_assert_true (matches (rcase, "garcia"));
  g_assert_true (matches (rcase, "smart"));
  g_assert_false (matches (rcase, "business plan"));
  g_assert_false (matches (rcase, "acme"));
  /* The reference, in full and as support has it. */
  reference_part = g_strndup (rectify_case_get_reference (rcase) + 9, 9);
  g_assert_true (matches (rcase, reference_part));
  short_reference = rectify_reference_shorten (rectify_case_get_reference (rcase));
  g_assert_true (matches (rcase, short_reference));

  /* The request number, once there is one. */
  g_assert_false (matches (rcase, "4242"));
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT, NULL);
  rectify_case_set_request (rcase, 4242, "https://desk.example/hc/requests/4242", "open");
  g_assert_true (matches (rcase, "4242"));
  g_assert_true (matches (rcase, "#424"));
  g_assert_false (matches (rcase, "#242"));

  rectify_clock_set_today (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/case-status/status", test_status);
  g_test_add_func ("/case-status/list-title", test_list_title);
  g_test_add_func ("/case-status/search", test_search);

  return g_test_run ();
}
