/* test-clock.c: one clock for today, now in UTC and now in local time
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-case.h"
#include "rectify-clock.h"
#include "rectify-test-case.h"

static void
assert_local_day (GDateTime *when,
                  guint      year,
                  guint      month,
                  guint      day)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);

  g_assert_cmpint (g_date_time_get_year (local), ==, year);
  g_assert_cmpint (g_date_time_get_month (local), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (local), ==, day);
}

static void
assert_today (guint year,
              guint month,
              guint day)
{
  GDate today;

  rectify_clock_get_today (&today);
  g_assert_true (g_date_valid (&today));
  g_assert_cmpint (g_date_get_year (&today), ==, year);
  g_assert_cmpint (g_date_get_month (&today), ==, month);
  g_assert_cmpint (g_date_get_day (&today), ==, day);
}

/* A fixed day fixes all three readings, in whatever zone the test runs:
 * the DST change in Madrid, a leap day, a zone a day ahead of UTC and one
 * behind it. */
static void
test_clock_fixed_day (void)
{
  const char *zones[] = { "UTC", "Europe/Madrid", "Pacific/Auckland", "Pacific/Honolulu",
                          "Pacific/Kiritimati" };
  const guint days[][3] = { { 2027, 3, 28 }, { 2028, 2, 29 }, { 2026, 12, 31 },
                            { 2027, 10, 31 }, { 2031, 1, 1 } };
  g_autofree char *saved_tz = g_strdup (g_getenv ("TZ"));

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_setenv ("TZ", zones[z], TRUE);

      for (guint d = 0; d < G_N_ELEMENTS (days); d++)
        {
          g_autoptr(GDateTime) utc = NULL;
          g_autoptr(GDateTime) local = NULL;
          g_autoptr(GDateTime) again = NULL;

          rectify_test_set_today (days[d][0], days[d][1], days[d][2]);
          utc = rectify_clock_now_utc ();
          local = rectify_clock_now_local ();
          again = rectify_clock_now_utc ();

          assert_today (days[d][0], days[d][1], days[d][2]);
          g_assert_cmpint (g_date_time_get_utc_offset (utc), ==, 0);
          g_assert_true (g_date_time_equal (utc, local));
          assert_local_day (utc, days[d][0], days[d][1], days[d][2]);
          assert_local_day (local, days[d][0], days[d][1], days[d][2]);
          /* Fixed: it does not move between two readings. */
          g_assert_true (g_date_time_equal (utc, again));
        }
    }

  rectify_clock_set_today (NULL);
  if (saved_tz != NULL)
    g_setenv ("TZ", saved_tz, TRUE);
  else
    g_unsetenv ("TZ");
}

/* RECTIFY_TODAY fixes the day the same way, for screenshots and the AT-SPI
 * check of the running app; the setter wins over it. */
static void
test_clock_environment (void)
{
  g_autoptr(GDateTime) utc = NULL;

  g_setenv ("RECTIFY_TODAY", "2028-02-29", TRUE);
  assert_today (2028, 2, 29);
  utc = rectify_clock_now_utc ();
  assert_local_day (utc, 2028, 2, 29);

  rectify_test_set_today (2027, 1, 2);
  assert_today (2027, 1, 2);
  rectify_clock_set_today (NULL);
  assert_today (2028, 2, 29);

  g_unsetenv ("RECTIFY_TODAY");
}

/* Without a fixed day, the real one, and now moves on. A bad RECTIFY_TODAY
 * is ignored rather than read as some other day. */
static void
test_clock_real_day (void)
{
  const char *bad[] = { "2027-02-29", "2027-13-01", "tomorrow", "2027-01-01x", "" };

  for (guint i = 0; i <= G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) before = NULL;
      g_autoptr(GDateTime) after = NULL;
      g_autoptr(GDateTime) utc = NULL;
      GDate today, day_before, day_after;

      if (i < G_N_ELEMENTS (bad))
        g_setenv ("RECTIFY_TODAY", bad[i], TRUE);
      else
        g_unsetenv ("RECTIFY_TODAY");

      before = g_date_time_new_now_local ();
      rectify_clock_get_today (&today);
      utc = rectify_clock_now_utc ();
      after = g_date_time_new_now_local ();

      g_assert_cmpint (g_date_time_get_utc_offset (utc), ==, 0);
      g_assert_cmpint (g_date_time_compare (before, utc), <=, 0);
      g_assert_cmpint (g_date_time_compare (utc, after), <=, 0);

      /* Midnight may pass between the readings: today is one of the two. */
      g_date_clear (&day_before, 1);
      g_date_clear (&day_after, 1);
      g_date_set_dmy (&day_before, g_date_time_get_day_of_month (before),
                      g_date_time_get_month (before), g_date_time_get_year (before));
      g_date_set_dmy (&day_after, g_date_time_get_day_of_month (after),
                      g_date_time_get_month (after), g_date_time_get_year (after));
      g_assert_true (g_date_compare (&today, &day_before) == 0 ||
                     g_date_compare (&today, &day_after) == 0);
    }
}

/* What a case records comes from the same clock: created, updated and the
 * moment a checklist item is ticked are all on the fixed day. */
static void
test_clock_case_times (void)
{
  g_autoptr(RectifyCase) rcase = NULL;
  GDateTime *ticked;

  g_setenv ("TZ", "Pacific/Auckland", TRUE);
  rectify_test_set_today (2027, 10, 31);

  rcase = rectify_case_new ();
  assert_local_day (rectify_case_get_created (rcase), 2027, 10, 31);
  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, "Acme");
  assert_local_day (rectify_case_get_updated (rcase), 2027, 10, 31);

  rectify_case_set_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY, TRUE);
  ticked = rectify_case_get_checklist_done (rcase, RECTIFY_CHECKLIST_VERIFY);
  g_assert_nonnull (ticked);
  assert_local_day (ticked, 2027, 10, 31);

  rectify_clock_set_today (NULL);
  g_unsetenv ("TZ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/clock/fixed-day", test_clock_fixed_day);
  g_test_add_func ("/clock/environment", test_clock_environment);
  g_test_add_func ("/clock/real-day", test_clock_real_day);
  g_test_add_func ("/clock/case-times", test_clock_case_times);

  return g_test_run ();
}
