/* rectify-clock.c: what day and time it is, in one replaceable place
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "rectify-clock.h"

/* Nothing else in src/ reads the system clock. Billing rules never read it
 * at all: they take "today" as an argument. The model, the outbox, the desk
 * client and the UI ask here, so tests (and screenshots) can fix the day,
 * either with rectify_clock_set_today() or with RECTIFY_TODAY=YYYY-MM-DD.
 *
 * A fixed day fixes every reading consistently: today is that day, and now
 * is noon of that day in the local time zone (noon exists on every day of
 * every zone, daylight saving changes included), so a time recorded "now"
 * and shown back as a local date is that day too. The fixed moment does not
 * advance: two readings give the same time. */

#define FIXED_HOUR 12

static GDate fixed_today;

static gboolean
parse_iso_date (const char *text,
                GDate      *out)
{
  guint year, month, day;
  char tail;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (out, day, month, year);
  return TRUE;
}

/* The fixed day, if there is one. */
static gboolean
get_fixed_day (GDate *out)
{
  g_date_clear (out, 1);

  if (g_date_valid (&fixed_today))
    {
      *out = fixed_today;
      return TRUE;
    }

  return parse_iso_date (g_getenv ("RECTIFY_TODAY"), out);
}

/**
 * rectify_clock_now_local:
 *
 * The current time in the local time zone, or noon of the fixed day.
 *
 * Returns: (transfer full): the current local time
 */
GDateTime *
rectify_clock_now_local (void)
{
  GDate day;

  if (get_fixed_day (&day))
    return g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day),
                                  g_date_get_day (&day), FIXED_HOUR, 0, 0);

  return g_date_time_new_now_local ();
}

/**
 * rectify_clock_now_utc:
 *
 * The current time in UTC, for the times a case records (created, updated,
 * sent, checklist items ticked), or noon of the fixed day in the local time
 * zone, expressed in UTC.
 *
 * Returns: (transfer full): the current time
 */
GDateTime *
rectify_clock_now_utc (void)
{
  g_autoptr(GDateTime) local = rectify_clock_now_local ();

  return g_date_time_to_utc (local);
}

/**
 * rectify_clock_get_today:
 * @out_today: (out caller-allocates): where to put the day
 *
 * The local calendar date, or the day fixed for testing.
 */
void
rectify_clock_get_today (GDate *out_today)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (out_today != NULL);

  if (get_fixed_day (out_today))
    return;

  local = rectify_clock_now_local ();
  g_date_set_dmy (out_today, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
}

/**
 * rectify_clock_set_today:
 * @today: (nullable): the day to report from now on, or %NULL for the
 *   real one
 *
 * For tests: fixes today, now in UTC and now in local time together.
 */
void
rectify_clock_set_today (const GDate *today)
{
  if (today != NULL && g_date_valid (today))
    fixed_today = *today;
  else
    g_date_clear (&fixed_today, 1);
}
