/* rectify-clock.c: what day it is, in one replaceable place
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "rectify-clock.h"

/* Billing rules never read the clock: they take "today" as an argument. The
 * model and the UI ask here, so tests (and screenshots) can fix the day,
 * either with rectify_clock_set_today() or with RECTIFY_TODAY=YYYY-MM-DD. */

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

/**
 * rectify_clock_get_today:
 * @out_today: (out caller-allocates): where to put the day
 *
 * The local calendar date, or the day fixed for testing.
 */
void
rectify_clock_get_today (GDate *out_today)
{
  g_return_if_fail (out_today != NULL);

  g_date_clear (out_today, 1);

  if (g_date_valid (&fixed_today))
    {
      *out_today = fixed_today;
      return;
    }

  if (parse_iso_date (g_getenv ("RECTIFY_TODAY"), out_today))
    return;

  g_date_set_time_t (out_today, time (NULL));
}

/**
 * rectify_clock_now_utc:
 *
 * The current time in UTC, for the times a case records (created, updated,
 * checklist items ticked).
 *
 * Returns: (transfer full): the current time
 */
GDateTime *
rectify_clock_now_utc (void)
{
  return g_date_time_new_now_utc ();
}

/**
 * rectify_clock_set_today:
 * @today: (nullable): the day to report from now on, or %NULL for the
 *   real one
 *
 * For tests.
 */
void
rectify_clock_set_today (const GDate *today)
{
  if (today != NULL && g_date_valid (today))
    fixed_today = *today;
  else
    g_date_clear (&fixed_today, 1);
}
