/* rectify-money.h: currencies, and amounts as people read and type them
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RECTIFY_MONEY_ERROR (rectify_money_error_quark ())

/**
 * RectifyMoneyError:
 * @RECTIFY_MONEY_ERROR_EMPTY: no amount was typed
 * @RECTIFY_MONEY_ERROR_INVALID: the text is not an amount (a character that
 *   is not a digit or a separator, separators out of place)
 * @RECTIFY_MONEY_ERROR_NEGATIVE: the amount has a minus sign
 * @RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS: more decimals than the currency has
 * @RECTIFY_MONEY_ERROR_AMBIGUOUS: one separator that could mark either
 *   thousands or decimals, as in “1,234” (see rectify_money_parse())
 * @RECTIFY_MONEY_ERROR_OVERFLOW: the amount does not fit in 64 bits
 * @RECTIFY_MONEY_ERROR_UNKNOWN_CURRENCY: the currency is not a known code
 * @RECTIFY_MONEY_ERROR_WRONG_CURRENCY: the text names another currency
 *
 * Errors of reading an amount.
 */
typedef enum
{
  RECTIFY_MONEY_ERROR_EMPTY,
  RECTIFY_MONEY_ERROR_INVALID,
  RECTIFY_MONEY_ERROR_NEGATIVE,
  RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS,
  RECTIFY_MONEY_ERROR_AMBIGUOUS,
  RECTIFY_MONEY_ERROR_OVERFLOW,
  RECTIFY_MONEY_ERROR_UNKNOWN_CURRENCY,
  RECTIFY_MONEY_ERROR_WRONG_CURRENCY,
} RectifyMoneyError;

GQuark    rectify_money_error_quark       (void);

gboolean  rectify_currency_is_known       (const char  *code);
int       rectify_currency_get_exponent   (const char  *code);

char     *rectify_money_format            (gint64       minor,
                                           const char  *currency);
gboolean  rectify_money_parse             (const char  *text,
                                           const char  *currency,
                                           gint64      *out_minor,
                                           GError     **error);

G_END_DECLS
