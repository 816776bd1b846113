/* rectify-billing.h: billing rules, as pure functions
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rectify-types.h"

G_BEGIN_DECLS

#define RECTIFY_BILLING_ERROR (rectify_billing_error_quark ())

/**
 * RectifyBillingError:
 * @RECTIFY_BILLING_ERROR_INVALID: an input is out of range: a negative price
 *   or count, a billing cycle with no days, more days remaining than the
 *   cycle has, or no resolution chosen
 * @RECTIFY_BILLING_ERROR_OVERFLOW: the amount does not fit in 64 bits
 *
 * Errors of the billing rules.
 */
typedef enum
{
  RECTIFY_BILLING_ERROR_INVALID,
  RECTIFY_BILLING_ERROR_OVERFLOW,
} RectifyBillingError;

GQuark          rectify_billing_error_quark         (void);

void            rectify_billing_cycle_start         (const GDate        *next_billing,
                                                     RectifyPeriod       period,
                                                     GDate              *out_start);
int             rectify_billing_days_in_cycle       (const GDate        *next_billing,
                                                     RectifyPeriod       period);
int             rectify_billing_days_left           (const GDate        *today,
                                                     const GDate        *next_billing);
int             rectify_billing_days_remaining      (const GDate        *today,
                                                     const GDate        *next_billing,
                                                     RectifyPeriod       period);
RectifyUrgency  rectify_billing_urgency             (int                 days_left);

gboolean        rectify_billing_total               (gint64              unit_minor,
                                                     gint64              count,
                                                     gint64             *out_minor,
                                                     GError            **error);
gboolean        rectify_billing_prorate             (gint64              unit_minor,
                                                     gint64              count,
                                                     int                 days_remaining,
                                                     int                 days_in_cycle,
                                                     gint64             *out_minor,
                                                     GError            **error);

/* The amount a resolution involves is also the adjustment the owner should
 * find on the next statement: there is deliberately no second function for
 * it. See the documentation in rectify-billing.c. */
gboolean        rectify_billing_resolution_amount   (RectifyResolution   resolution,
                                                     gint64              unit_minor,
                                                     gint64              count,
                                                     int                 days_remaining,
                                                     int                 days_in_cycle,
                                                     gint64             *out_minor,
                                                     GError            **error);

G_END_DECLS
