/* rectify-billing.c: billing rules, as pure functions
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rectify-billing.h"

/* Nothing here reads the clock or the locale: "today" is always an argument,
 * dates are calendar dates (GDate, no time zone), and money is an integer
 * number of minor units (cents for EUR), never a floating-point value. */

G_DEFINE_QUARK (rectify-billing-error-quark, rectify_billing_error)

static gboolean
period_is_valid (RectifyPeriod period)
{
  return period == RECTIFY_PERIOD_MONTHLY || period == RECTIFY_PERIOD_ANNUAL;
}

/**
 * rectify_billing_cycle_start:
 * @next_billing: the next billing date, valid
 * @period: how often the licences are billed
 * @out_start: (out caller-allocates): where to store the first day of the
 *   current billing cycle
 *
 * The first day of the billing cycle that ends on @next_billing: one
 * calendar month (or year) earlier, with the day clamped to the last day of
 * that month. So a next billing date of 31 March starts the cycle on 28
 * February (29 in a leap year), 31 May monthly on 30 April, and 29 February
 * 2028 annual on 28 February 2027.
 *
 * GDate cannot go before 1 January of year 1: when the cycle would start
 * earlier, @out_start is cleared (made invalid) and
 * rectify_billing_days_in_cycle() returns 0.
 */
void
rectify_billing_cycle_start (const GDate   *next_billing,
                             RectifyPeriod  period,
                             GDate         *out_start)
{
  g_return_if_fail (out_start != NULL);
  g_return_if_fail (next_billing != NULL && g_date_valid (next_billing));
  g_return_if_fail (period_is_valid (period));

  if (g_date_get_year (next_billing) == 1 &&
      (period == RECTIFY_PERIOD_ANNUAL || g_date_get_month (next_billing) == G_DATE_JANUARY))
    {
      g_date_clear (out_start, 1);
      return;
    }

  *out_start = *next_billing;

  /* Both clamp the day to the length of the month they land in. */
  if (period == RECTIFY_PERIOD_ANNUAL)
    g_date_subtract_years (out_start, 1);
  else
    g_date_subtract_months (out_start, 1);
}

/**
 * rectify_billing_days_in_cycle:
 * @next_billing: the next billing date, valid
 * @period: how often the licences are billed
 *
 * The number of days in the billing cycle that ends on @next_billing: from
 * rectify_billing_cycle_start() to @next_billing. For example 31 days for a
 * monthly cycle ending on 31 March of a leap year (29 February to 31 March),
 * 366 for an annual cycle that contains a 29 February.
 *
 * Returns: the number of days, 0 only when the cycle cannot be represented
 *   (see rectify_billing_cycle_start())
 */
int
rectify_billing_days_in_cycle (const GDate   *next_billing,
                               RectifyPeriod  period)
{
  GDate start;

  g_return_val_if_fail (next_billing != NULL && g_date_valid (next_billing), 0);
  g_return_val_if_fail (period_is_valid (period), 0);

  rectify_billing_cycle_start (next_billing, period, &start);
  if (!g_date_valid (&start))
    return 0;

  return g_date_days_between (&start, next_billing);
}

/**
 * rectify_billing_days_left:
 * @today: the current date, valid
 * @next_billing: the next billing date, valid
 *
 * The number of days from @today to @next_billing: 0 on the billing day
 * itself, negative once it has passed.
 *
 * Returns: @next_billing − @today, in days
 */
int
rectify_billing_days_left (const GDate *today,
                           const GDate *next_billing)
{
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);
  g_return_val_if_fail (next_billing != NULL && g_date_valid (next_billing), 0);

  return g_date_days_between (today, next_billing);
}

/**
 * rectify_billing_days_remaining:
 * @today: the current date, valid
 * @next_billing: the next billing date, valid
 * @period: how often the licences are billed
 *
 * The unused days of the current billing cycle, the ones a prorated
 * discount pays back: rectify_billing_days_left() clamped to the range from
 * 0 (the billing date has passed) to rectify_billing_days_in_cycle() (today
 * is before the cycle started).
 *
 * Returns: the days remaining, between 0 and the days in the cycle
 */
int
rectify_billing_days_remaining (const GDate   *today,
                                const GDate   *next_billing,
                                RectifyPeriod  period)
{
  int days_left;
  int days_in_cycle;

  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);
  g_return_val_if_fail (next_billing != NULL && g_date_valid (next_billing), 0);
  g_return_val_if_fail (period_is_valid (period), 0);

  days_left = rectify_billing_days_left (today, next_billing);
  days_in_cycle = rectify_billing_days_in_cycle (next_billing, period);

  return CLAMP (days_left, 0, days_in_cycle);
}

/**
 * rectify_billing_urgency:
 * @days_left: days until the next billing date, as from
 *   rectify_billing_days_left()
 *
 * How pressing the correction is: calm with more than 7 days left, soon
 * with 3 to 7, urgent with 0 to 2 (the billing day itself is urgent, not
 * passed), passed when the date is behind us.
 *
 * Returns: the urgency
 */
RectifyUrgency
rectify_billing_urgency (int days_left)
{
  if (days_left < 0)
    return RECTIFY_URGENCY_PASSED;
  if (days_left <= 2)
    return RECTIFY_URGENCY_URGENT;
  if (days_left <= 7)
    return RECTIFY_URGENCY_SOON;
  return RECTIFY_URGENCY_CALM;
}

/**
 * rectify_billing_total:
 * @unit_minor: the price of one licence, in minor units, ≥ 0
 * @count: the number of licences, ≥ 0
 * @out_minor: (out): where to store the total, in minor units
 * @error: return location for a #GError
 *
 * The charge for @count licences at @unit_minor each. @out_minor is not
 * touched on error.
 *
 * Returns: %TRUE on success; %FALSE with %RECTIFY_BILLING_ERROR_INVALID for a
 *   negative input or %RECTIFY_BILLING_ERROR_OVERFLOW when the product does
 *   not fit in a #gint64
 */
gboolean
rectify_billing_total (gint64   unit_minor,
                       gint64   count,
                       gint64  *out_minor,
                       GError **error)
{
  gint64 total;

  g_return_val_if_fail (out_minor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (unit_minor < 0 || count < 0)
    {
      g_set_error_literal (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID,
                           _("A price or a number of licences cannot be negative."));
      return FALSE;
    }

  if (__builtin_mul_overflow (unit_minor, count, &total))
    {
      g_set_error_literal (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_OVERFLOW,
                           _("The amount is too large to compute."));
      return FALSE;
    }

  *out_minor = total;
  return TRUE;
}

/**
 * rectify_billing_prorate:
 * @unit_minor: the price of one licence for a whole cycle, in minor units, ≥ 0
 * @count: the number of licences, ≥ 0
 * @days_remaining: the unused days of the cycle, from 0 to @days_in_cycle
 * @days_in_cycle: the days in the whole cycle, > 0
 * @out_minor: (out): where to store the prorated amount, in minor units
 * @error: return location for a #GError
 *
 * The part of the charge for @count licences that pays for the unused days:
 * @unit_minor × @count × @days_remaining ÷ @days_in_cycle, computed exactly
 * in integers and rounded half to even to the minor unit (0.5 cent becomes
 * 0, 1.5 cents become 2).
 *
 * The full charge @unit_minor × @count must fit in a #gint64, as it does for
 * rectify_billing_total(); if it does not, this is an overflow error even
 * when the prorated part alone would fit, so that the prorated amount is
 * never shown next to a full charge that cannot be computed. Past that, no
 * intermediate value can overflow. @out_minor is not touched on error.
 *
 * Returns: %TRUE on success; %FALSE with %RECTIFY_BILLING_ERROR_INVALID for
 *   inputs out of range or %RECTIFY_BILLING_ERROR_OVERFLOW
 */
gboolean
rectify_billing_prorate (gint64   unit_minor,
                         gint64   count,
                         int      days_remaining,
                         int      days_in_cycle,
                         gint64  *out_minor,
                         GError **error)
{
  gint64 total;
  gint64 days = days_in_cycle;
  gint64 quotient;
  gint64 remainder;
  gint64 rest;
  gint64 result;

  g_return_val_if_fail (out_minor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (days_in_cycle <= 0 || days_remaining < 0 || days_remaining > days_in_cycle)
    {
      g_set_error_literal (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID,
                           _("The billing dates do not give a valid number of days "
                             "left in the billing cycle."));
      return FALSE;
    }

  if (!rectify_billing_total (unit_minor, count, &total, error))
    return FALSE;

  /* With total = quotient × days + remainder, the exact value is
   *   quotient × days_remaining + remainder × days_remaining ÷ days.
   * quotient × days_remaining ≤ total, and remainder × days_remaining <
   * days² < 2⁶², so neither product overflows; the sum is at most total. */
  quotient = total / days;
  remainder = total % days;
  rest = remainder * days_remaining;

  result = quotient * days_remaining + rest / days;
  remainder = rest % days;

  /* Half to even. Rounding up only happens when something was cut off, so
   * the result stays ≤ total. */
  if (2 * remainder > days || (2 * remainder == days && result % 2 != 0))
    result++;

  *out_minor = result;
  return TRUE;
}

/**
 * rectify_billing_resolution_amount:
 * @resolution: the resolution asked for, not %RECTIFY_RESOLUTION_NONE
 * @unit_minor: the price of one licence for a whole cycle, in minor units
 * @count: the number of affected licences
 * @days_remaining: the unused days of the cycle (read for
 *   %RECTIFY_RESOLUTION_PRORATED only)
 * @days_in_cycle: the days in the whole cycle (read for
 *   %RECTIFY_RESOLUTION_PRORATED only)
 * @out_minor: (out): where to store the amount, in minor units
 * @error: return location for a #GError
 *
 * The money @resolution involves for @count affected licences:
 *
 * - %RECTIFY_RESOLUTION_REFUND, %RECTIFY_RESOLUTION_CREDIT and
 *   %RECTIFY_RESOLUTION_SCHEDULED: the full charge, @unit_minor × @count,
 *   paid back now or on the next billing cycle;
 * - %RECTIFY_RESOLUTION_REMOVE: the same full charge, which is then what each
 *   later statement is lower by;
 * - %RECTIFY_RESOLUTION_PRORATED: rectify_billing_prorate().
 *
 * This is also the adjustment the owner should find on the next statement
 * once the resolution is applied (a refund, a credit, a discount, or a lower
 * charge), so there is no separate function for it: compare the statement
 * with this amount.
 *
 * Returns: %TRUE on success; %FALSE with %RECTIFY_BILLING_ERROR_INVALID for
 *   %RECTIFY_RESOLUTION_NONE or invalid inputs, or
 *   %RECTIFY_BILLING_ERROR_OVERFLOW
 */
gboolean
rectify_billing_resolution_amount (RectifyResolution   resolution,
                                   gint64              unit_minor,
                                   gint64              count,
                                   int                 days_remaining,
                                   int                 days_in_cycle,
                                   gint64             *out_minor,
                                   GError            **error)
{
  g_return_val_if_fail (out_minor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (resolution)
    {
    case RECTIFY_RESOLUTION_REMOVE:
    case RECTIFY_RESOLUTION_REFUND:
    case RECTIFY_RESOLUTION_CREDIT:
    case RECTIFY_RESOLUTION_SCHEDULED:
      return rectify_billing_total (unit_minor, count, out_minor, error);

    case RECTIFY_RESOLUTION_PRORATED:
      return rectify_billing_prorate (unit_minor, count, days_remaining, days_in_cycle,
                                      out_minor, error);

    case RECTIFY_RESOLUTION_NONE:
    default:
      g_set_error_literal (error, RECTIFY_BILLING_ERROR, RECTIFY_BILLING_ERROR_INVALID,
                           _("Choose a resolution first."));
      return FALSE;
    }
}
