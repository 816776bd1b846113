/* test-reminders.c: which reminder a case is due, at each boundary
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rectify-case-private.h"
#include "rectify-reminders.h"
#include "rectify-submission-private.h"
#include "rectify-test-case.h"

static void
set_date (GDate *date,
          guint  year,
          guint  month,
          guint  day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

/* Marks @rcase as sent on @year-@month-@day, at noon UTC. */
static void
submit_on (RectifyCase *rcase,
           guint        year,
           guint        month,
           guint        day)
{
  /* Noon of that day where the owner is: reminders count in local days. */
  g_autoptr(GDateTime) when = g_date_time_new_local (year, month, day, 12, 0, 0);

  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT_ELSEWHERE, NULL);
  rectify_case_restore_submission (rcase, when, 3998);
}

static RectifyReminder
due_on (RectifyCase        *rcase,
        guint               year,
        guint               month,
        guint               day,
        const char * const *shown)
{
  g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);
  GDate today;

  for (guint i = 0; shown != NULL && shown[i] != NULL; i++)
    g_hash_table_add (set, (gpointer) shown[i]);
  set_date (&today, year, month, day);
  return rectify_reminders_get_due (rcase, &today, set);
}

static void
test_reminders_deadline_boundaries (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  const struct {
    guint           day;
    RectifyReminder due;
  } days[] = {
    { 1, RECTIFY_REMINDER_NONE },             /* 19 days left */
    { 12, RECTIFY_REMINDER_NONE },            /* 8 */
    { 13, RECTIFY_REMINDER_DEADLINE_WEEK },   /* 7 */
    { 17, RECTIFY_REMINDER_DEADLINE_WEEK },   /* 3 */
    { 18, RECTIFY_REMINDER_DEADLINE_SOON },   /* 2 */
    { 19, RECTIFY_REMINDER_DEADLINE_SOON },   /* 1 */
    { 20, RECTIFY_REMINDER_DEADLINE_SOON },   /* the billing day */
    { 21, RECTIFY_REMINDER_NONE },            /* passed: the banner says so */
  };

  /* Next billing on 20 December 2026. */
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_test_message ("December %u", days[i].day);
      g_assert_cmpint (due_on (rcase, 2026, 12, days[i].day, NULL), ==, days[i].due);
    }
}

static void
test_reminders_deadline_once (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *week = NULL;
  g_autofree char *soon = NULL;
  g_autofree char *expected = NULL;

  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  week = rectify_reminder_dup_key (rcase, RECTIFY_REMINDER_DEADLINE_WEEK);
  soon = rectify_reminder_dup_key (rcase, RECTIFY_REMINDER_DEADLINE_SOON);
  expected = g_strconcat (rectify_case_get_reference (rcase), ":deadline-7", NULL);
  g_assert_cmpstr (week, ==, expected);

  {
    const char *shown_week[] = { "other-case:deadline-7", week, NULL };
    const char *shown_both[] = { week, soon, NULL };

    /* Shown once, not again in the same window... */
    g_assert_cmpint (due_on (rcase, 2026, 12, 15, shown_week), ==, RECTIFY_REMINDER_NONE);
    /* ...but the next window still comes. */
    g_assert_cmpint (due_on (rcase, 2026, 12, 18, shown_week), ==,
                     RECTIFY_REMINDER_DEADLINE_SOON);
    g_assert_cmpint (due_on (rcase, 2026, 12, 19, shown_both), ==, RECTIFY_REMINDER_NONE);
  }

  /* Sent: no deadline to remind of. */
  submit_on (rcase, 2026, 12, 1);
  g_assert_cmpint (due_on (rcase, 2026, 12, 13, NULL), ==, RECTIFY_REMINDER_NONE);
  g_assert_cmpint (due_on (rcase, 2026, 12, 18, NULL), ==, RECTIFY_REMINDER_NONE);
}

static void
test_reminders_no_dates (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();

  g_assert_cmpint (due_on (rcase, 2026, 12, 18, NULL), ==, RECTIFY_REMINDER_NONE);
  rectify_case_set_send_state (rcase, RECTIFY_SEND_STATE_SENT_ELSEWHERE, NULL);
  g_assert_cmpint (due_on (rcase, 2027, 6, 1, NULL), ==, RECTIFY_REMINDER_NONE);
}

static void
test_reminders_statement (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autoptr(GDateTime) ticked = g_date_time_new_local (2026, 12, 21, 9, 0, 0);
  g_autofree char *key = NULL;

  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);

  /* Not sent: nothing on the statement to check. */
  g_assert_cmpint (due_on (rcase, 2026, 12, 21, NULL), ==, RECTIFY_REMINDER_NONE);

  submit_on (rcase, 2026, 11, 26);
  g_assert_cmpint (due_on (rcase, 2026, 12, 19, NULL), ==, RECTIFY_REMINDER_NONE);
  g_assert_cmpint (due_on (rcase, 2026, 12, 20, NULL), ==, RECTIFY_REMINDER_STATEMENT);
  g_assert_cmpint (due_on (rcase, 2027, 1, 15, NULL), ==, RECTIFY_REMINDER_STATEMENT);

  key = rectify_reminder_dup_key (rcase, RECTIFY_REMINDER_STATEMENT);
  {
    const char *shown[] = { key, NULL };

    g_assert_cmpint (due_on (rcase, 2026, 12, 22, shown), ==, RECTIFY_REMINDER_NONE);
  }

  /* Checked: done. */
  rectify_case_restore_checklist_item (rcase, RECTIFY_CHECKLIST_CHECK_STATEMENT, ticked);
  g_assert_cmpint (due_on (rcase, 2026, 12, 22, NULL), ==, RECTIFY_REMINDER_NONE);
}

static void
test_reminders_statement_after_late_send (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  GDate date, expected;

  /* Sent two days after the billing date: the correction can only show on
   * the statement after. */
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);
  submit_on (rcase, 2026, 12, 22);
  g_assert_true (rectify_reminders_get_statement_date (rcase, &date));
  set_date (&expected, 2027, 1, 20);
  g_assert_cmpint (g_date_compare (&date, &expected), ==, 0);
  g_assert_cmpint (due_on (rcase, 2027, 1, 19, NULL), ==, RECTIFY_REMINDER_NONE);
  g_assert_cmpint (due_on (rcase, 2027, 1, 20, NULL), ==, RECTIFY_REMINDER_STATEMENT);

  /* Sent on the billing day: that statement. */
  rectify_case_restore_submission (rcase, NULL, -1);
  submit_on (rcase, 2026, 12, 20);
  g_assert_true (rectify_reminders_get_statement_date (rcase, &date));
  set_date (&expected, 2026, 12, 20);
  g_assert_cmpint (g_date_compare (&date, &expected), ==, 0);

  /* Billed yearly. */
  rectify_case_set_period (rcase, RECTIFY_PERIOD_ANNUAL);
  submit_on (rcase, 2026, 12, 21);
  g_assert_true (rectify_reminders_get_statement_date (rcase, &date));
  set_date (&expected, 2027, 12, 20);
  g_assert_cmpint (g_date_compare (&date, &expected), ==, 0);

  /* The 31st stays the 31st where the month has one. */
  rectify_case_set_period (rcase, RECTIFY_PERIOD_MONTHLY);
  set_date (&date, 2027, 1, 31);
  rectify_case_set_next_billing (rcase, &date);
  submit_on (rcase, 2027, 3, 1);
  g_assert_true (rectify_reminders_get_statement_date (rcase, &date));
  set_date (&expected, 2027, 3, 31);
  g_assert_cmpint (g_date_compare (&date, &expected), ==, 0);
}

static void
test_reminders_add_shown (void)
{
  g_autoptr(GListStore) cases = g_list_store_new (RECTIFY_TYPE_CASE);
  g_autoptr(RectifyCase) kept = rectify_case_new ();
  g_autofree char *kept_key = NULL;
  g_autofree char *new_key = NULL;
  g_auto(GStrv) result = NULL;
  g_auto(GStrv) all = NULL;

  g_list_store_append (cases, kept);
  kept_key = rectify_reminder_dup_key (kept, RECTIFY_REMINDER_DEADLINE_WEEK);
  new_key = rectify_reminder_dup_key (kept, RECTIFY_REMINDER_DEADLINE_SOON);

  {
    const char *shown[] = { "deleted-case:deadline-7", kept_key, "garbage", NULL };

    const char *new_keys[] = { new_key, NULL };
    const char *again[] = { kept_key, NULL };

    result = rectify_reminders_add_shown (shown, new_keys, G_LIST_MODEL (cases));
    g_assert_cmpuint (g_strv_length (result), ==, 2);
    g_assert_cmpstr (result[0], ==, kept_key);
    g_assert_cmpstr (result[1], ==, new_key);

    /* Told again: kept once. */
    all = rectify_reminders_add_shown (shown, again, NULL);
    g_assert_cmpuint (g_strv_length (all), ==, 3);
    g_assert_cmpstr (all[2], ==, kept_key);
  }
}

/* Keys kept for cases anywhere in the list, two for one case, one for a
 * case deleted: only that one goes. */
static void
test_reminders_add_shown_many (void)
{
  g_autoptr(GListStore) cases = g_list_store_new (RECTIFY_TYPE_CASE);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RectifyCase) gone = rectify_case_new ();
  g_autofree char *gone_key = rectify_reminder_dup_key (gone, RECTIFY_REMINDER_DEADLINE_WEEK);
  g_autofree char *new_key = NULL;
  g_auto(GStrv) result = NULL;

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(RectifyCase) rcase = rectify_case_new ();

      g_list_store_append (cases, rcase);
      if (i == 3 || i == 49)
        g_ptr_array_add (keys, rectify_reminder_dup_key (rcase, RECTIFY_REMINDER_DEADLINE_WEEK));
      if (i == 49)
        g_ptr_array_add (keys, rectify_reminder_dup_key (rcase, RECTIFY_REMINDER_STATEMENT));
      if (i == 20)
        new_key = rectify_reminder_dup_key (rcase, RECTIFY_REMINDER_DEADLINE_SOON);
    }
  g_ptr_array_insert (keys, 1, g_strdup (gone_key));
  g_ptr_array_add (keys, NULL);

  {
    const char *new_keys[] = { new_key, NULL };

    result = rectify_reminders_add_shown ((const char * const *) keys->pdata, new_keys,
                                          G_LIST_MODEL (cases));
  }
  g_assert_cmpuint (g_strv_length (result), ==, 4);
  g_assert_cmpstr (result[0], ==, g_ptr_array_index (keys, 0));
  g_assert_cmpstr (result[1], ==, g_ptr_array_index (keys, 2));
  g_assert_cmpstr (result[2], ==, g_ptr_array_index (keys, 3));
  g_assert_cmpstr (result[3], ==, new_key);
}

static void
test_reminders_texts (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *statement_body = NULL;
  GDate today;

  setlocale (LC_ALL, "C");
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);

  set_date (&today, 2026, 12, 15);
  title = rectify_reminder_dup_title (rcase, RECTIFY_REMINDER_DEADLINE_WEEK, &today);
  g_assert_cmpstr (title, ==, "5 days left to ask for your licence correction");
  body = rectify_reminder_dup_body (rcase, RECTIFY_REMINDER_DEADLINE_WEEK, &today);
  g_assert_nonnull (strstr (body, "20 December 2026"));
  g_assert_nonnull (strstr (body, "More licences than needed"));
  /* Nothing personal on a screen others may see. */
  g_assert_null (strstr (body, "Acme"));

  g_clear_pointer (&title, g_free);
  set_date (&today, 2026, 12, 20);
  title = rectify_reminder_dup_title (rcase, RECTIFY_REMINDER_DEADLINE_SOON, &today);
  g_assert_cmpstr (title, ==, "Your next billing date is today");

  submit_on (rcase, 2026, 11, 26);
  statement_body = rectify_reminder_dup_body (rcase, RECTIFY_REMINDER_STATEMENT, &today);
  g_assert_nonnull (strstr (statement_body, "statement of 20 December 2026"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/reminders/deadline-boundaries", test_reminders_deadline_boundaries);
  g_test_add_func ("/reminders/deadline-once", test_reminders_deadline_once);
  g_test_add_func ("/reminders/no-dates", test_reminders_no_dates);
  g_test_add_func ("/reminders/statement", test_reminders_statement);
  g_test_add_func ("/reminders/statement-after-late-send",
                   test_reminders_statement_after_late_send);
  g_test_add_func ("/reminders/add-shown", test_reminders_add_shown);
  g_test_add_func ("/reminders/add-shown-many", test_reminders_add_shown_many);
  g_test_add_func ("/reminders/texts", test_reminders_texts);

  return g_test_run ();
}
