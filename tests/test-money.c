/* test-money.c: currencies, formatting and parsing amounts
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "rectify-money.h"

/* The locale tests need the locale installed (on Debian: the locales
 * package and locale-gen, or locales-all); each one is skipped otherwise. */

#define NNBSP "\xe2\x80\xaf"  /* U+202F NARROW NO-BREAK SPACE */
#define NBSP  "\xc2\xa0"      /* U+00A0 NO-BREAK SPACE */

static const char * const en_locales[] = {
  "en_US.UTF-8", "en_US.utf8", "en_GB.UTF-8", "en_GB.utf8", NULL
};
static const char * const de_locales[] = {
  "de_DE.UTF-8", "de_DE.utf8", "es_ES.UTF-8", "es_ES.utf8", NULL
};
static const char * const fr_locales[] = {
  "fr_FR.UTF-8", "fr_FR.utf8", NULL
};
static const char * const en_in_locales[] = {
  "en_IN.UTF-8", "en_IN", NULL
};

static void
use_c_locale (void)
{
  g_assert_nonnull (setlocale (LC_NUMERIC, "C"));
}

/* Switches LC_NUMERIC to the first of @names that is installed. */
static gboolean
use_locale (const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (setlocale (LC_NUMERIC, names[i]) != NULL)
        {
          g_test_message ("LC_NUMERIC=%s", names[i]);
          return TRUE;
        }
    }

  g_test_skip_printf ("none of the locales %s... is installed", names[0]);
  return FALSE;
}

static void
test_currency_known (void)
{
  static const char * const known[] = {
    "EUR", "USD", "GBP", "CHF", "CAD", "AUD", "JPY", "KRW", "KWD", "TND", "MXN",
    "BRL", "INR", "ZAR", "XOF", "XAF", "XPF", "XCD", "CLF", "UYW", "SLE", "VES",
    "VED", "ZWG", "XCG", "STN", "MRU", "AED", "ZMW",
  };
  static const char * const unknown[] = {
    "", "E", "EU", "EURO", "eur", "Eur", "EUR ", " EUR", "E1R", "€",
    "ZZZ", "ABC", "XXX", "XTS", "XAU", "XDR", "HRK", "FRF", "DEM", "ESP", "ZWL", "SLL",
    "\xc3\x89UR",
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_test_message ("%s", known[i]);
      g_assert_true (rectify_currency_is_known (known[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_test_message ("'%s'", unknown[i]);
      g_assert_false (rectify_currency_is_known (unknown[i]));
      g_assert_cmpint (rectify_currency_get_exponent (unknown[i]), ==, -1);
    }

  g_assert_false (rectify_currency_is_known (NULL));
  g_assert_cmpint (rectify_currency_get_exponent (NULL), ==, -1);
}

static void
test_currency_exponents (void)
{
  static const char * const zero[] = {
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX",
    "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
  };
  static const char * const two[] = {
    "EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RON",
    "CAD", "AUD", "NZD", "MXN", "BRL", "ARS", "COP", "INR", "CNY", "HKD", "SGD",
    "IDR", "MAD", "EGP", "ZAR", "TRY", "ILS", "XCD", "MGA", "MRU",
  };
  static const char * const three[] = {
    "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND",
  };
  static const char * const four[] = {
    "CLF", "UYW",
  };

  for (guint i = 0; i < G_N_ELEMENTS (zero); i++)
    g_assert_cmpint (rectify_currency_get_exponent (zero[i]), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (two); i++)
    g_assert_cmpint (rectify_currency_get_exponent (two[i]), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (three); i++)
    g_assert_cmpint (rectify_currency_get_exponent (three[i]), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (four); i++)
    g_assert_cmpint (rectify_currency_get_exponent (four[i]), ==, 4);
}

/* Every three upper-case letters: the table is about the size it should
 * be, and every exponent in it is one ISO 4217 uses. */
static void
test_currency_table_size (void)
{
  char code[4] = { 0, };
  guint n_known = 0;

  for (code[0] = 'A'; code[0] <= 'Z'; code[0]++)
    for (code[1] = 'A'; code[1] <= 'Z'; code[1]++)
      for (code[2] = 'A'; code[2] <= 'Z'; code[2]++)
        {
          int exponent = rectify_currency_get_exponent (code);

          g_assert_cmpint (exponent, >=, -1);
          g_assert_cmpint (exponent, <=, 4);
          g_assert_cmpint (exponent >= 0, ==, rectify_currency_is_known (code));
          if (exponent >= 0)
            n_known++;
        }

  g_test_message ("%u currencies", n_known);
  g_assert_cmpuint (n_known, >=, 150);
  g_assert_cmpuint (n_known, <=, 180);
}

static void
assert_format (gint64      minor,
               const char *currency,
               const char *expected)
{
  g_autofree char *text = rectify_money_format (minor, currency);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_c_locale (void)
{
  use_c_locale ();

  /* No thousands separator in the C locale, so no grouping. */
  assert_format (123450, "EUR", "1234.50 EUR");
  assert_format (0, "EUR", "0.00 EUR");
  assert_format (5, "EUR", "0.05 EUR");
  assert_format (-5, "EUR", "-0.05 EUR");
  assert_format (-100, "EUR", "-1.00 EUR");
  assert_format (-123456789, "EUR", "-1234567.89 EUR");
  assert_format (2999, "USD", "29.99 USD");

  assert_format (0, "JPY", "0 JPY");
  assert_format (1000, "JPY", "1000 JPY");
  assert_format (-7, "JPY", "-7 JPY");

  assert_format (12345, "KWD", "12.345 KWD");
  assert_format (5, "KWD", "0.005 KWD");
  assert_format (-1000, "KWD", "-1.000 KWD");

  assert_format (1, "CLF", "0.0001 CLF");
  assert_format (123456, "CLF", "12.3456 CLF");

  /* The ends of the range. */
  assert_format (G_MAXINT64, "EUR", "92233720368547758.07 EUR");
  assert_format (G_MININT64, "EUR", "-92233720368547758.08 EUR");
  assert_format (G_MAXINT64, "JPY", "9223372036854775807 JPY");
  assert_format (G_MININT64, "JPY", "-9223372036854775808 JPY");
  assert_format (G_MAXINT64, "KWD", "9223372036854775.807 KWD");
  assert_format (G_MININT64, "CLF", "-922337203685477.5808 CLF");
  assert_format (G_MININT64 + 1, "EUR", "-92233720368547758.07 EUR");
}

static void
test_format_unknown_currency (void)
{
  char *text;

  g_test_expect_message ("Rectify-Core", G_LOG_LEVEL_CRITICAL, "*exponent >= 0*");
  text = rectify_money_format (100, "ZZZ");
  g_test_assert_expected_messages ();
  g_assert_null (text);

  g_test_expect_message ("Rectify-Core", G_LOG_LEVEL_CRITICAL, "*exponent >= 0*");
  text = rectify_money_format (100, NULL);
  g_test_assert_expected_messages ();
  g_assert_null (text);
}

static void
test_format_en_locale (void)
{
  if (!use_locale (en_locales))
    return;

  assert_format (123450, "EUR", "1,234.50 EUR");
  assert_format (99999, "EUR", "999.99 EUR");
  assert_format (100000, "EUR", "1,000.00 EUR");
  assert_format (-5, "EUR", "-0.05 EUR");
  assert_format (-123456789, "EUR", "-1,234,567.89 EUR");
  assert_format (1000, "JPY", "1,000 JPY");
  assert_format (999, "JPY", "999 JPY");
  assert_format (100000, "JPY", "100,000 JPY");
  assert_format (1000000, "JPY", "1,000,000 JPY");
  assert_format (12345, "KWD", "12.345 KWD");
  assert_format (1234567, "KWD", "1,234.567 KWD");
  assert_format (G_MAXINT64, "EUR", "92,233,720,368,547,758.07 EUR");
  assert_format (G_MININT64, "EUR", "-92,233,720,368,547,758.08 EUR");
  assert_format (G_MININT64, "JPY", "-9,223,372,036,854,775,808 JPY");

  use_c_locale ();
}

static void
test_format_de_locale (void)
{
  if (!use_locale (de_locales))
    return;

  assert_format (123450, "EUR", "1.234,50 EUR");
  assert_format (-5, "EUR", "-0,05 EUR");
  assert_format (1000, "JPY", "1.000 JPY");
  assert_format (1234567, "KWD", "1.234,567 KWD");
  assert_format (G_MININT64, "EUR", "-92.233.720.368.547.758,08 EUR");

  use_c_locale ();
}

static void
test_format_fr_locale (void)
{
  if (!use_locale (fr_locales))
    return;

  assert_format (123450, "EUR", "1" NNBSP "234,50 EUR");
  assert_format (-123456789, "EUR", "-1" NNBSP "234" NNBSP "567,89 EUR");
  assert_format (1000, "JPY", "1" NNBSP "000 JPY");

  use_c_locale ();
}

static void
test_format_en_in_locale (void)
{
  if (!use_locale (en_in_locales))
    return;

  /* Indian grouping: the last three digits, then groups of two. */
  assert_format (123456789, "INR", "12,34,567.89 INR");
  assert_format (100000, "INR", "1,000.00 INR");
  assert_format (10000000, "INR", "1,00,000.00 INR");

  use_c_locale ();
}

/* For messages: TAP output must stay valid UTF-8. */
static char *
printable (const char *text)
{
  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);

  return g_strescape (text, NULL);
}

static void
assert_parse (const char *text,
              const char *currency,
              gint64      expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = printable (text);
  g_autofree char *shown_currency = printable (currency);
  gint64 minor = -1;

  g_test_message ("'%s' %s", shown, shown_currency);
  g_assert_true (rectify_money_parse (text, currency, &minor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (minor, ==, expected);

  /* Checking only. */
  g_assert_true (rectify_money_parse (text, currency, NULL, NULL));
}

static void
assert_parse_fails (const char        *text,
                    const char        *currency,
                    RectifyMoneyError  code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = printable (text);
  g_autofree char *shown_currency = printable (currency);
  gint64 minor = 42;
  gsize len;

  g_test_message ("'%s' %s", shown, shown_currency);
  g_assert_false (rectify_money_parse (text, currency, &minor, &error));
  g_assert_error (error, RECTIFY_MONEY_ERROR, code);
  g_assert_cmpint (minor, ==, 42);

  /* A sentence for the owner. */
  g_test_message ("  -> %s", error->message);
  len = strlen (error->message);
  g_assert_cmpuint (len, >, 10);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpint (error->message[len - 1], ==, '.');

  g_assert_false (rectify_money_parse (text, currency, NULL, NULL));
}

static void
test_parse_good (void)
{
  use_c_locale ();

  assert_parse ("0", "EUR", 0);
  assert_parse ("12", "EUR", 1200);
  assert_parse ("12.5", "EUR", 1250);
  assert_parse ("12,5", "EUR", 1250);
  assert_parse ("12.50", "EUR", 1250);
  assert_parse ("12,50", "EUR", 1250);
  assert_parse ("0.05", "EUR", 5);
  assert_parse ("0,05", "EUR", 5);
  assert_parse ("007", "EUR", 700);
  assert_parse ("29.99", "USD", 2999);

  /* Surrounding white space, no-break spaces included. */
  assert_parse ("  12.50  ", "EUR", 1250);
  assert_parse ("\t12.50\n", "EUR", 1250);
  assert_parse (NBSP "12,50" NNBSP, "EUR", 1250);

  /* The currency code, before or after, any case. */
  assert_parse ("12.50 EUR", "EUR", 1250);
  assert_parse ("12.50EUR", "EUR", 1250);
  assert_parse ("EUR 12.50", "EUR", 1250);
  assert_parse ("eur 12,50", "EUR", 1250);
  assert_parse (" 12.50 Eur ", "EUR", 1250);

  /* Both separators: the last one marks the decimals. */
  assert_parse ("1,234.56", "EUR", 123456);
  assert_parse ("1.234,56", "EUR", 123456);
  assert_parse ("1,234,567.8", "EUR", 123456780);
  assert_parse ("1.234.567,89", "EUR", 123456789);

  /* Spaces and apostrophes group, and leave the one “.” or “,” to the
   * decimals. */
  assert_parse ("1 234", "EUR", 123400);
  assert_parse ("1 234,56", "EUR", 123456);
  assert_parse ("1" NBSP "234,56", "EUR", 123456);
  assert_parse ("1" NNBSP "234" NNBSP "567,89", "EUR", 123456789);
  assert_parse ("1\xe2\x80\x89" "234.5", "EUR", 123450);
  assert_parse ("1'234.56", "CHF", 123456);
  assert_parse ("1\xe2\x80\x99" "234.56", "CHF", 123456);
  assert_parse ("1 234,567", "KWD", 1234567);

  /* One separator several times: thousands. */
  assert_parse ("1,234,567", "EUR", 123456700);
  assert_parse ("1.234.567", "EUR", 123456700);
  assert_parse ("1 234 567", "EUR", 123456700);

  /* One separator once, not before exactly three digits: decimals. */
  assert_parse ("1234,5", "EUR", 123450);
  assert_parse ("1,23", "EUR", 123);
  assert_parse ("1.5", "KWD", 1500);
  assert_parse ("1,2345", "CLF", 12345);
  assert_parse ("0,001", "KWD", 1);
  assert_parse ("1234,567", "KWD", 1234567);

  /* Before exactly three digits, in a currency without decimals: thousands. */
  assert_parse ("1,000", "JPY", 1000);
  assert_parse ("1.000", "JPY", 1000);
  assert_parse ("999,999", "JPY", 999999);
  assert_parse ("1,000,000", "JPY", 1000000);
  assert_parse ("1 000", "JPY", 1000);

  /* …and otherwise the C locale's decimal point is “.”. */
  assert_parse ("12.345", "KWD", 12345);

  /* The ends of the range. */
  assert_parse ("92233720368547758.07", "EUR", G_MAXINT64);
  assert_parse ("92,233,720,368,547,758.07 EUR", "EUR", G_MAXINT64);
  assert_parse ("9223372036854775807", "JPY", G_MAXINT64);
  assert_parse ("922337203685477.5807", "CLF", G_MAXINT64);
  assert_parse ("000000000000000000000000012", "JPY", 12);
}

static void
test_parse_bad (void)
{
  use_c_locale ();

  /* Nothing typed. */
  assert_parse_fails ("", "EUR", RECTIFY_MONEY_ERROR_EMPTY);
  assert_parse_fails ("   ", "EUR", RECTIFY_MONEY_ERROR_EMPTY);
  assert_parse_fails (NBSP, "EUR", RECTIFY_MONEY_ERROR_EMPTY);
  assert_parse_fails ("EUR", "EUR", RECTIFY_MONEY_ERROR_EMPTY);
  assert_parse_fails (" eur ", "EUR", RECTIFY_MONEY_ERROR_EMPTY);

  /* Negative. */
  assert_parse_fails ("-12", "EUR", RECTIFY_MONEY_ERROR_NEGATIVE);
  assert_parse_fails ("-0", "EUR", RECTIFY_MONEY_ERROR_NEGATIVE);
  assert_parse_fails (" -12.50 EUR", "EUR", RECTIFY_MONEY_ERROR_NEGATIVE);
  assert_parse_fails ("EUR -12.50", "EUR", RECTIFY_MONEY_ERROR_NEGATIVE);
  assert_parse_fails ("- 12", "EUR", RECTIFY_MONEY_ERROR_NEGATIVE);
  assert_parse_fails ("\xe2\x88\x92" "12", "EUR", RECTIFY_MONEY_ERROR_NEGATIVE);

  /* Not digits and separators. */
  assert_parse_fails ("abc", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("12a3", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("+12", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("12-", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1e5", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("0x10", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("12.50 \xe2\x82\xac", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("$12", "USD", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("12_000", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("\xd9\xa1\xd9\xa2", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("\xef\xbc\x91\xef\xbc\x92", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("\xff" "12", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("12.50 EURO", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("12.50 ABC", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("EUR 12.50 EUR", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("12 50 EUR 1", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("12\n50", "EUR", RECTIFY_MONEY_ERROR_INVALID);

  /* Separators out of place. */
  assert_parse_fails (".5", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("12.", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("12,", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1..2", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1,,234", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1 ,234", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1,234.56.7", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1.234,567.89", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1.234,56 7", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1,23,456", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("12,34,567.89", "INR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1,2345,678", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1234,567,890", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("0,123,456", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1 23", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1 2345", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1.234 567", "EUR", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1 234.567 8", "KWD", RECTIFY_MONEY_ERROR_INVALID);
  assert_parse_fails ("1'234 567", "EUR", RECTIFY_MONEY_ERROR_INVALID);

  /* More decimals than the currency has: an error, never rounded. */
  assert_parse_fails ("12.345", "EUR", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);
  assert_parse_fails ("12.3456", "EUR", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);
  assert_parse_fails ("12,3456", "EUR", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);
  assert_parse_fails ("0.001", "EUR", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);
  assert_parse_fails ("12.500", "EUR", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);
  assert_parse_fails ("1 234,567", "EUR", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);
  assert_parse_fails ("1234,567", "EUR", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);
  assert_parse_fails ("1.5", "JPY", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);
  assert_parse_fails ("1,5", "JPY", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);
  assert_parse_fails ("1,000.0", "JPY", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);
  assert_parse_fails ("1000,000", "JPY", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);
  assert_parse_fails ("12.3456", "KWD", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);
  assert_parse_fails ("1.23456", "CLF", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);

  /* Thousands or decimals? Not guessed. */
  assert_parse_fails ("1,234", "EUR", RECTIFY_MONEY_ERROR_AMBIGUOUS);
  assert_parse_fails ("999,999", "USD", RECTIFY_MONEY_ERROR_AMBIGUOUS);
  assert_parse_fails ("12,345", "KWD", RECTIFY_MONEY_ERROR_AMBIGUOUS);
  assert_parse_fails ("1,234 EUR", "EUR", RECTIFY_MONEY_ERROR_AMBIGUOUS);

  /* Too large for 64 bits, whether in the digits or in the decimals. */
  assert_parse_fails ("92233720368547758.08", "EUR", RECTIFY_MONEY_ERROR_OVERFLOW);
  assert_parse_fails ("922337203685477581", "EUR", RECTIFY_MONEY_ERROR_OVERFLOW);
  assert_parse_fails ("9223372036854775808", "JPY", RECTIFY_MONEY_ERROR_OVERFLOW);
  assert_parse_fails ("99999999999999999999999999", "EUR", RECTIFY_MONEY_ERROR_OVERFLOW);
  assert_parse_fails ("922337203685477.5808", "CLF", RECTIFY_MONEY_ERROR_OVERFLOW);

  /* Another currency typed, or a currency that is not one. */
  assert_parse_fails ("12.50 USD", "EUR", RECTIFY_MONEY_ERROR_WRONG_CURRENCY);
  assert_parse_fails ("usd 12.50", "EUR", RECTIFY_MONEY_ERROR_WRONG_CURRENCY);
  assert_parse_fails ("12", "eur", RECTIFY_MONEY_ERROR_UNKNOWN_CURRENCY);
  assert_parse_fails ("12", "ZZZ", RECTIFY_MONEY_ERROR_UNKNOWN_CURRENCY);
  assert_parse_fails ("12", "", RECTIFY_MONEY_ERROR_UNKNOWN_CURRENCY);
  assert_parse_fails ("12", "XAU", RECTIFY_MONEY_ERROR_UNKNOWN_CURRENCY);
  assert_parse_fails ("12", "\xff\xfe", RECTIFY_MONEY_ERROR_UNKNOWN_CURRENCY);
}

static void
test_parse_messages (void)
{
  g_autoptr(GError) error = NULL;

  use_c_locale ();

  g_assert_false (rectify_money_parse ("12.345", "EUR", NULL, &error));
  g_assert_cmpstr (error->message, ==, "Use at most 2 decimals for EUR.");
  g_clear_error (&error);

  g_assert_false (rectify_money_parse ("1.23456", "CLF", NULL, &error));
  g_assert_cmpstr (error->message, ==, "Use at most 4 decimals for CLF.");
  g_clear_error (&error);

  g_assert_false (rectify_money_parse ("1.5", "JPY", NULL, &error));
  g_assert_cmpstr (error->message, ==, "Amounts in JPY have no decimals. Type a whole number.");
  g_clear_error (&error);

  g_assert_false (rectify_money_parse ("12.50 USD", "EUR", NULL, &error));
  g_assert_cmpstr (error->message, ==, "This amount is in USD; type it in EUR.");
  g_clear_error (&error);

  g_assert_false (rectify_money_parse ("1,234", "EUR", NULL, &error));
  g_assert_nonnull (strstr (error->message, "“1,234”"));
  g_clear_error (&error);
}

static const gint64 round_trip_values[] = {
  0, 1, 5, 9, 10, 99, 100, 999, 1000, 1001, 2999, 12345, 99999, 100000, 123456, 999999,
  1000000, 1234567, 100000000, 123456789012, G_GINT64_CONSTANT (1000000000000000000),
  G_MAXINT64 - 1, G_MAXINT64,
};
static const char * const round_trip_currencies[] = {
  "JPY", "EUR", "USD", "KWD", "CLF",
};

static void
assert_round_trips (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (round_trip_currencies); c++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (round_trip_values); i++)
        {
          g_autofree char *text = rectify_money_format (round_trip_values[i],
                                                        round_trip_currencies[c]);

          assert_parse (text, round_trip_currencies[c], round_trip_values[i]);
        }
    }
}

static void
test_round_trip_c_locale (void)
{
  use_c_locale ();
  assert_round_trips ();
}

static void
test_round_trip_en_locale (void)
{
  if (!use_locale (en_locales))
    return;

  assert_round_trips ();

  /* A lone “,” before three digits is the locale's thousands separator,
   * a lone “.” its decimal point. */
  assert_parse ("1,234", "USD", 123400);
  assert_parse ("12,345", "KWD", 12345000);
  assert_parse ("12.345", "KWD", 12345);
  assert_parse_fails ("1.234", "USD", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);

  use_c_locale ();
}

static void
test_round_trip_de_locale (void)
{
  if (!use_locale (de_locales))
    return;

  assert_round_trips ();

  assert_parse ("1.234", "EUR", 123400);
  assert_parse ("1.234,5", "EUR", 123450);
  assert_parse ("12,345", "KWD", 12345);
  assert_parse_fails ("1,234", "EUR", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);

  use_c_locale ();
}

static void
test_round_trip_fr_locale (void)
{
  if (!use_locale (fr_locales))
    return;

  assert_round_trips ();

  assert_parse ("1" NNBSP "234,50", "EUR", 123450);
  assert_parse ("1 234,50", "EUR", 123450);
  assert_parse_fails ("1.234", "EUR", RECTIFY_MONEY_ERROR_AMBIGUOUS);
  assert_parse_fails ("1,234", "EUR", RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS);

  use_c_locale ();
}

static void
test_round_trip_en_in_locale (void)
{
  if (!use_locale (en_in_locales))
    return;

  assert_round_trips ();

  /* The locale's grouping, and the usual one. */
  assert_parse ("12,34,567.89", "INR", 123456789);
  assert_parse ("1,234,567.89", "INR", 123456789);
  assert_parse_fails ("1,23,4567.89", "INR", RECTIFY_MONEY_ERROR_INVALID);

  use_c_locale ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/money/currency/known", test_currency_known);
  g_test_add_func ("/money/currency/exponents", test_currency_exponents);
  g_test_add_func ("/money/currency/table-size", test_currency_table_size);
  g_test_add_func ("/money/format/c-locale", test_format_c_locale);
  g_test_add_func ("/money/format/unknown-currency", test_format_unknown_currency);
  g_test_add_func ("/money/format/en-locale", test_format_en_locale);
  g_test_add_func ("/money/format/de-locale", test_format_de_locale);
  g_test_add_func ("/money/format/fr-locale", test_format_fr_locale);
  g_test_add_func ("/money/format/en-in-locale", test_format_en_in_locale);
  g_test_add_func ("/money/parse/good", test_parse_good);
  g_test_add_func ("/money/parse/bad", test_parse_bad);
  g_test_add_func ("/money/parse/messages", test_parse_messages);
  g_test_add_func ("/money/round-trip/c-locale", test_round_trip_c_locale);
  g_test_add_func ("/money/round-trip/en-locale", test_round_trip_en_locale);
  g_test_add_func ("/money/round-trip/de-locale", test_round_trip_de_locale);
  g_test_add_func ("/money/round-trip/fr-locale", test_round_trip_fr_locale);
  g_test_add_func ("/money/round-trip/en-in-locale", test_round_trip_en_in_locale);

  return g_test_run ();
}
