/* fuzz-money.c: amounts as typed, against arbitrary text
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-fuzz.h"
#include "rectify-money.h"

/* The first byte picks the currency: one of each number of decimals, an
 * unknown code, or (0xf0 and above) the next three bytes as typed. The rest
 * is the amount as the owner typed it. An amount read is never negative, and
 * the app's own way of writing it reads back to the same amount. */

static const char * const currencies[] = { "EUR", "JPY", "KWD", "CLF", "USD", "XXX", "eur", "" };

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  rectify_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *currency = NULL;
  g_autofree char *text = NULL;
  g_autofree char *formatted = NULL;
  g_autoptr(GError) error = NULL;
  gint64 minor = -1;
  gint64 again = -1;

  if (size < 1)
    return 0;

  if (data[0] >= 0xf0 && size >= 4)
    {
      currency = rectify_fuzz_dup_string (data + 1, 3);
      text = rectify_fuzz_dup_string (data + 4, size - 4);
    }
  else
    {
      currency = g_strdup (currencies[data[0] % G_N_ELEMENTS (currencies)]);
      text = rectify_fuzz_dup_string (data + 1, size - 1);
    }

  if (!rectify_money_parse (text, currency, &minor, &error))
    {
      RECTIFY_FUZZ_CHECK (error != NULL && error->domain == RECTIFY_MONEY_ERROR,
                          "refused without a money error");
      RECTIFY_FUZZ_CHECK (error->message != NULL && *error->message != '\0', "no message");
      RECTIFY_FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "message not UTF-8");
      return 0;
    }

  RECTIFY_FUZZ_CHECK (error == NULL, "accepted with an error");
  RECTIFY_FUZZ_CHECK (minor >= 0, "“%s” read as %" G_GINT64_FORMAT, text, minor);
  RECTIFY_FUZZ_CHECK (rectify_currency_is_known (currency), "unknown currency %s", currency);

  formatted = rectify_money_format (minor, currency);
  RECTIFY_FUZZ_CHECK (rectify_money_parse (formatted, currency, &again, &error),
                      "“%s” (from “%s”) does not read back: %s",
                      formatted, text, error ? error->message : "");
  RECTIFY_FUZZ_CHECK (again == minor, "“%s” reads back as %" G_GINT64_FORMAT
                      ", not %" G_GINT64_FORMAT, formatted, again, minor);

  return 0;
}
