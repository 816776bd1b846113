/* rectify-money.c: currencies, and amounts as people read and type them
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rectify-money.h"

/* Amounts are integer minor units (cents for EUR) from end to end: they are
 * formatted and parsed digit by digit, never through a double. */

G_DEFINE_QUARK (rectify-money-error-quark, rectify_money_error)

typedef struct
{
  char   code[4];
  guint8 exponent;
} Currency;

/* The active ISO 4217 currencies with their minor unit (the number of
 * decimals), sorted by code. Left out on purpose: codes withdrawn by their
 * country (ANG, CUC, HRK, SLL, ZWL, …) and the codes with no minor unit
 * (precious metals, bond market units, XDR, XSU, XUA, XTS, XXX). */
static const Currency currencies[] = {
  { "AED", 2 },   /* UAE Dirham */
  { "AFN", 2 },   /* Afghani */
  { "ALL", 2 },   /* Lek */
  { "AMD", 2 },   /* Armenian Dram */
  { "AOA", 2 },   /* Kwanza */
  { "ARS", 2 },   /* Argentine Peso */
  { "AUD", 2 },   /* Australian Dollar */
  { "AWG", 2 },   /* Aruban Florin */
  { "AZN", 2 },   /* Azerbaijan Manat */
  { "BAM", 2 },   /* Convertible Mark */
  { "BBD", 2 },   /* Barbados Dollar */
  { "BDT", 2 },   /* Taka */
  { "BGN", 2 },   /* Bulgarian Lev */
  { "BHD", 3 },   /* Bahraini Dinar */
  { "BIF", 0 },   /* Burundi Franc */
  { "BMD", 2 },   /* Bermudian Dollar */
  { "BND", 2 },   /* Brunei Dollar */
  { "BOB", 2 },   /* Boliviano */
  { "BOV", 2 },   /* Mvdol */
  { "BRL", 2 },   /* Brazilian Real */
  { "BSD", 2 },   /* Bahamian Dollar */
  { "BTN", 2 },   /* Ngultrum */
  { "BWP", 2 },   /* Pula */
  { "BYN", 2 },   /* Belarusian Ruble */
  { "BZD", 2 },   /* Belize Dollar */
  { "CAD", 2 },   /* Canadian Dollar */
  { "CDF", 2 },   /* Congolese Franc */
  { "CHE", 2 },   /* WIR Euro */
  { "CHF", 2 },   /* Swiss Franc */
  { "CHW", 2 },   /* WIR Franc */
  { "CLF", 4 },   /* Unidad de Fomento */
  { "CLP", 0 },   /* Chilean Peso */
  { "CNY", 2 },   /* Yuan Renminbi */
  { "COP", 2 },   /* Colombian Peso */
  { "COU", 2 },   /* Unidad de Valor Real */
  { "CRC", 2 },   /* Costa Rican Colon */
  { "CUP", 2 },   /* Cuban Peso */
  { "CVE", 2 },   /* Cabo Verde Escudo */
  { "CZK", 2 },   /* Czech Koruna */
  { "DJF", 0 },   /* Djibouti Franc */
  { "DKK", 2 },   /* Danish Krone */
  { "DOP", 2 },   /* Dominican Peso */
  { "DZD", 2 },   /* Algerian Dinar */
  { "EGP", 2 },   /* Egyptian Pound */
  { "ERN", 2 },   /* Nakfa */
  { "ETB", 2 },   /* Ethiopian Birr */
  { "EUR", 2 },   /* Euro */
  { "FJD", 2 },   /* Fiji Dollar */
  { "FKP", 2 },   /* Falkland Islands Pound */
  { "GBP", 2 },   /* Pound Sterling */
  { "GEL", 2 },   /* Lari */
  { "GHS", 2 },   /* Ghana Cedi */
  { "GIP", 2 },   /* Gibraltar Pound */
  { "GMD", 2 },   /* Dalasi */
  { "GNF", 0 },   /* Guinean Franc */
  { "GTQ", 2 },   /* Quetzal */
  { "GYD", 2 },   /* Guyana Dollar */
  { "HKD", 2 },   /* Hong Kong Dollar */
  { "HNL", 2 },   /* Lempira */
  { "HTG", 2 },   /* Gourde */
  { "HUF", 2 },   /* Forint */
  { "IDR", 2 },   /* Rupiah */
  { "ILS", 2 },   /* New Israeli Sheqel */
  { "INR", 2 },   /* Indian Rupee */
  { "IQD", 3 },   /* Iraqi Dinar */
  { "IRR", 2 },   /* Iranian Rial */
  { "ISK", 0 },   /* Iceland Krona */
  { "JMD", 2 },   /* Jamaican Dollar */
  { "JOD", 3 },   /* Jordanian Dinar */
  { "JPY", 0 },   /* Yen */
  { "KES", 2 },   /* Kenyan Shilling */
  { "KGS", 2 },   /* Som */
  { "KHR", 2 },   /* Riel */
  { "KMF", 0 },   /* Comorian Franc */
  { "KPW", 2 },   /* North Korean Won */
  { "KRW", 0 },   /* Won */
  { "KWD", 3 },   /* Kuwaiti Dinar */
  { "KYD", 2 },   /* Cayman Islands Dollar */
  { "KZT", 2 },   /* Tenge */
  { "LAK", 2 },   /* Lao Kip */
  { "LBP", 2 },   /* Lebanese Pound */
  { "LKR", 2 },   /* Sri Lanka Rupee */
  { "LRD", 2 },   /* Liberian Dollar */
  { "LSL", 2 },   /* Loti */
  { "LYD", 3 },   /* Libyan Dinar */
  { "MAD", 2 },   /* Moroccan Dirham */
  { "MDL", 2 },   /* Moldovan Leu */
  { "MGA", 2 },   /* Malagasy Ariary */
  { "MKD", 2 },   /* Denar */
  { "MMK", 2 },   /* Kyat */
  { "MNT", 2 },   /* Tugrik */
  { "MOP", 2 },   /* Pataca */
  { "MRU", 2 },   /* Ouguiya */
  { "MUR", 2 },   /* Mauritius Rupee */
  { "MVR", 2 },   /* Rufiyaa */
  { "MWK", 2 },   /* Malawi Kwacha */
  { "MXN", 2 },   /* Mexican Peso */
  { "MXV", 2 },   /* Mexican Unidad de Inversion (UDI) */
  { "MYR", 2 },   /* Malaysian Ringgit */
  { "MZN", 2 },   /* Mozambique Metical */
  { "NAD", 2 },   /* Namibia Dollar */
  { "NGN", 2 },   /* Naira */
  { "NIO", 2 },   /* Cordoba Oro */
  { "NOK", 2 },   /* Norwegian Krone */
  { "NPR", 2 },   /* Nepalese Rupee */
  { "NZD", 2 },   /* New Zealand Dollar */
  { "OMR", 3 },   /* Rial Omani */
  { "PAB", 2 },   /* Balboa */
  { "PEN", 2 },   /* Sol */
  { "PGK", 2 },   /* Kina */
  { "PHP", 2 },   /* Philippine Peso */
  { "PKR", 2 },   /* Pakistan Rupee */
  { "PLN", 2 },   /* Zloty */
  { "PYG", 0 },   /* Guarani */
  { "QAR", 2 },   /* Qatari Rial */
  { "RON", 2 },   /* Romanian Leu */
  { "RSD", 2 },   /* Serbian Dinar */
  { "RUB", 2 },   /* Russian Ruble */
  { "RWF", 0 },   /* Rwanda Franc */
  { "SAR", 2 },   /* Saudi Riyal */
  { "SBD", 2 },   /* Solomon Islands Dollar */
  { "SCR", 2 },   /* Seychelles Rupee */
  { "SDG", 2 },   /* Sudanese Pound */
  { "SEK", 2 },   /* Swedish Krona */
  { "SGD", 2 },   /* Singapore Dollar */
  { "SHP", 2 },   /* Saint Helena Pound */
  { "SLE", 2 },   /* Leone */
  { "SOS", 2 },   /* Somali Shilling */
  { "SRD", 2 },   /* Surinam Dollar */
  { "SSP", 2 },   /* South Sudanese Pound */
  { "STN", 2 },   /* Dobra */
  { "SVC", 2 },   /* El Salvador Colon */
  { "SYP", 2 },   /* Syrian Pound */
  { "SZL", 2 },   /* Lilangeni */
  { "THB", 2 },   /* Baht */
  { "TJS", 2 },   /* Somoni */
  { "TMT", 2 },   /* Turkmenistan New Manat */
  { "TND", 3 },   /* Tunisian Dinar */
  { "TOP", 2 },   /* Pa’anga */
  { "TRY", 2 },   /* Turkish Lira */
  { "TTD", 2 },   /* Trinidad and Tobago Dollar */
  { "TWD", 2 },   /* New Taiwan Dollar */
  { "TZS", 2 },   /* Tanzanian Shilling */
  { "UAH", 2 },   /* Hryvnia */
  { "UGX", 0 },   /* Uganda Shilling */
  { "USD", 2 },   /* US Dollar */
  { "USN", 2 },   /* US Dollar (Next day) */
  { "UYI", 0 },   /* Uruguay Peso en Unidades Indexadas (UI) */
  { "UYU", 2 },   /* Peso Uruguayo */
  { "UYW", 4 },   /* Unidad Previsional */
  { "UZS", 2 },   /* Uzbekistan Sum */
  { "VED", 2 },   /* Bolívar Soberano */
  { "VES", 2 },   /* Bolívar Soberano */
  { "VND", 0 },   /* Dong */
  { "VUV", 0 },   /* Vatu */
  { "WST", 2 },   /* Tala */
  { "XAF", 0 },   /* CFA Franc BEAC */
  { "XCD", 2 },   /* East Caribbean Dollar */
  { "XCG", 2 },   /* Caribbean Guilder */
  { "XOF", 0 },   /* CFA Franc BCEAO */
  { "XPF", 0 },   /* CFP Franc */
  { "YER", 2 },   /* Yemeni Rial */
  { "ZAR", 2 },   /* Rand */
  { "ZMW", 2 },   /* Zambian Kwacha */
  { "ZWG", 2 },   /* Zimbabwe Gold */
};

static const Currency *
find_currency (const char *code)
{
  if (code == NULL)
    return NULL;

  for (guint i = 0; i < 3; i++)
    {
      if (!g_ascii_isupper (code[i]))
        return NULL;
    }
  if (code[3] != '\0')
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      if (memcmp (currencies[i].code, code, 3) == 0)
        return &currencies[i];
    }

  return NULL;
}

/**
 * rectify_currency_is_known:
 * @code: (nullable): a currency code
 *
 * Whether @code is an active ISO 4217 currency code, written as it is
 * defined: exactly three upper-case ASCII letters (“EUR”, not “eur”).
 *
 * Returns: %TRUE if @code is a known currency
 */
gboolean
rectify_currency_is_known (const char *code)
{
  return find_currency (code) != NULL;
}

/**
 * rectify_currency_get_exponent:
 * @code: (nullable): a currency code
 *
 * The minor unit of the currency: the number of decimals its amounts have,
 * so that an amount of @minor minor units is @minor ÷ 10^exponent units.
 * 2 for EUR (cents), 0 for JPY, 3 for KWD.
 *
 * Returns: the exponent, from 0 to 4, or -1 if @code is not known
 */
int
rectify_currency_get_exponent (const char *code)
{
  const Currency *currency = find_currency (code);

  return currency != NULL ? currency->exponent : -1;
}

/* The current LC_NUMERIC conventions, copied (localeconv() may overwrite
 * its result) and in UTF-8. */
typedef struct
{
  char *decimal_point;  /* never empty */
  char *thousands_sep;  /* empty: no grouping, as in the C locale */
  char *grouping;       /* as in struct lconv */
} NumericConventions;

static char *
locale_string_to_utf8 (const char *str,
                       const char *fallback)
{
  char *utf8;

  if (str == NULL || str[0] == '\0')
    return g_strdup (fallback);

  if (g_utf8_validate (str, -1, NULL))
    return g_strdup (str);

  /* A locale that is not UTF-8; the strings shown in the UI must be. */
  utf8 = g_locale_to_utf8 (str, -1, NULL, NULL, NULL);

  return utf8 != NULL ? utf8 : g_strdup (fallback);
}

static void
numeric_conventions_init (NumericConventions *conventions)
{
  const struct lconv *lc = localeconv ();

  conventions->decimal_point = locale_string_to_utf8 (lc->decimal_point, ".");
  conventions->thousands_sep = locale_string_to_utf8 (lc->thousands_sep, "");
  conventions->grouping = g_strdup (lc->grouping != NULL ? lc->grouping : "");
}

static void
numeric_conventions_clear (NumericConventions *conventions)
{
  g_clear_pointer (&conventions->decimal_point, g_free);
  g_clear_pointer (&conventions->thousands_sep, g_free);
  g_clear_pointer (&conventions->grouping, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NumericConventions, numeric_conventions_clear)

/* The number of digits in group @index (0 is the rightmost group) under
 * @grouping as struct lconv describes it, or 0 when the digits from that
 * group on are not grouped: a size of CHAR_MAX (or an empty string) ends
 * grouping, the last size given repeats. */
static guint
group_size (const char *grouping,
            guint       index)
{
  const char *g = grouping;

  for (guint i = 0; ; i++)
    {
      if (*g <= 0 || *g == CHAR_MAX)
        return 0;
      if (i == index)
        return (guchar)*g;
      if (g[1] != '\0')
        g++;
    }
}

/**
 * rectify_money_format:
 * @minor: an amount in minor units of @currency; negative amounts work,
 *   %G_MININT64 included
 * @currency: a known currency code (see rectify_currency_is_known())
 *
 * Formats an amount as the owner reads it: the number with the decimals of
 * @currency, then a space and the currency code (“1,234.50 EUR”, “1,000
 * JPY”, “12.345 KWD”, “-0.05 EUR”).
 *
 * The decimal separator, the thousands separator and the grouping come
 * from the current locale (LC_NUMERIC, through localeconv()). The C locale
 * has no thousands separator, so there the number is not grouped at all:
 * “1234.50 EUR”. A negative amount starts with “-”.
 *
 * Returns: (transfer full): the formatted amount
 */
char *
rectify_money_format (gint64      minor,
                      const char *currency)
{
  g_auto(NumericConventions) conventions = { NULL, NULL, NULL };
  GString *str;
  guint64 magnitude;
  guint64 scale = 1;
  guint64 whole;
  guint64 fraction;
  char digits[24];  /* G_MAXUINT64 has 20 digits */
  gboolean separator_before[24] = { FALSE, };
  gsize n_digits;
  gsize pos;
  guint size;
  int exponent;

  exponent = rectify_currency_get_exponent (currency);
  g_return_val_if_fail (exponent >= 0, NULL);

  numeric_conventions_init (&conventions);

  /* −G_MININT64 does not fit in a gint64; it does in a guint64. */
  magnitude = minor < 0 ? (guint64)(-(minor + 1)) + 1 : (guint64)minor;
  for (int i = 0; i < exponent; i++)
    scale *= 10;
  whole = magnitude / scale;
  fraction = magnitude % scale;

  n_digits = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, whole);

  if (conventions.thousands_sep[0] != '\0')
    {
      pos = n_digits;
      for (guint i = 0; (size = group_size (conventions.grouping, i)) > 0 && pos > size; i++)
        {
          pos -= size;
          separator_before[pos] = TRUE;
        }
    }

  str = g_string_new (NULL);

  if (minor < 0)
    g_string_append_c (str, '-');

  for (gsize i = 0; i < n_digits; i++)
    {
      if (separator_before[i])
        g_string_append (str, conventions.thousands_sep);
      g_string_append_c (str, digits[i]);
    }

  if (exponent > 0)
    {
      g_string_append (str, conventions.decimal_point);
      g_string_append_printf (str, "%0*" G_GUINT64_FORMAT, exponent, fraction);
    }

  g_string_append_c (str, ' ');
  g_string_append (str, currency);

  return g_string_free (str, FALSE);
}

typedef enum
{
  SEPARATOR_NONE,
  SEPARATOR_DOT,
  SEPARATOR_COMMA,
  SEPARATOR_SPACE,
  SEPARATOR_APOSTROPHE,
  SEPARATOR_LOCALE,
  N_SEPARATORS
} SeparatorClass;

/* A run of digits, and the separator after it (NONE after the last). */
typedef struct
{
  const char     *digits;
  gsize           n_digits;
  SeparatorClass  separator;
} Run;

static SeparatorClass
classify_separator (gunichar c,
                    gunichar locale_separator)
{
  switch (c)
    {
    case '.':
      return SEPARATOR_DOT;

    case ',':
      return SEPARATOR_COMMA;

    case ' ':
    case 0x00A0:  /* NO-BREAK SPACE */
    case 0x2009:  /* THIN SPACE */
    case 0x202F:  /* NARROW NO-BREAK SPACE */
      return SEPARATOR_SPACE;

    case '\'':
    case 0x2019:  /* RIGHT SINGLE QUOTATION MARK */
      return SEPARATOR_APOSTROPHE;

    default:
      if (locale_separator != 0 && c == locale_separator)
        return SEPARATOR_LOCALE;
      return SEPARATOR_NONE;
    }
}

/* Whether the integer part split in @runs[0 .. n_runs-1] is grouped as
 * @grouping says: every group but the leftmost has exactly its size, the
 * leftmost has at least one digit and at most its size. */
static gboolean
groups_follow (const Run  *runs,
               guint       n_runs,
               const char *grouping)
{
  guint size;

  for (guint j = 0; j + 1 < n_runs; j++)
    {
      size = group_size (grouping, j);
      if (size == 0 || runs[n_runs - 1 - j].n_digits != size)
        return FALSE;
    }

  size = group_size (grouping, n_runs - 1);

  return runs[0].n_digits >= 1 && (size == 0 || runs[0].n_digits <= size);
}

/* Removes white space at both ends of [*start, *end): g_unichar_isspace()
 * counts the no-break spaces in. */
static void
trim (const char **start,
      const char **end)
{
  while (*start < *end && g_unichar_isspace (g_utf8_get_char (*start)))
    *start = g_utf8_next_char (*start);

  while (*end > *start)
    {
      const char *prev = g_utf8_prev_char (*end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      *end = prev;
    }
}

static gboolean
set_misplaced_error (GError **error)
{
  g_set_error_literal (error, RECTIFY_MONEY_ERROR, RECTIFY_MONEY_ERROR_INVALID,
                       /* Translators: use the decimal and thousands separators
                        * of your language in the examples. */
                       _("The separators in this amount are out of place. "
                         "Type it like 1234.50 or 1,234.50."));
  return FALSE;
}

static gboolean
set_bad_character_error (GError **error)
{
  g_set_error_literal (error, RECTIFY_MONEY_ERROR, RECTIFY_MONEY_ERROR_INVALID,
                       /* Translators: use the decimal separator of your
                        * language in the example. */
                       _("Type the amount with digits only, for example 1234.50."));
  return FALSE;
}

/* Checks a currency code typed with the amount (“EUR” in “12.50 EUR”). */
static gboolean
check_typed_code (const char  *code,
                  gsize        len,
                  const char  *currency,
                  GError     **error)
{
  char upper[4];

  if (len == 3)
    {
      for (guint i = 0; i < 3; i++)
        upper[i] = g_ascii_toupper (code[i]);
      upper[3] = '\0';

      if (strcmp (upper, currency) == 0)
        return TRUE;

      if (rectify_currency_is_known (upper))
        {
          g_set_error (error, RECTIFY_MONEY_ERROR, RECTIFY_MONEY_ERROR_WRONG_CURRENCY,
                       /* Translators: both are currency codes, like EUR. */
                       _("This amount is in %s; type it in %s."),
                       upper, currency);
          return FALSE;
        }
    }

  return set_bad_character_error (error);
}

/**
 * rectify_money_parse:
 * @text: what the owner typed, in UTF-8
 * @currency: the currency of the amount, a three-letter code
 * @out_minor: (out) (optional): where to store the amount in minor units
 * @error: return location for a #GError
 *
 * Reads an amount of @currency as a person types it. The rules, meant so
 * that no text is read two ways:
 *
 * - White space around the amount is ignored. The currency code may be
 *   typed before or after the number (“12.50 EUR”, “eur 12.50”); another
 *   currency's code is an error. Currency symbols (€, $) are not accepted.
 * - Amounts are never negative: a minus sign is an error.
 * - The number is ASCII digits and separators, starting and ending with a
 *   digit, with one separator at most between two digits. Separators are
 *   “.”, “,”, spaces (also no-break, narrow no-break and thin spaces),
 *   apostrophes (' and ’), and the locale's thousands separator.
 * - Spaces and apostrophes only ever group thousands. Only “.” and “,” can
 *   mark the decimals, and at most one of them does:
 *   - when both appear, the last one is the decimal separator; it must
 *     appear once, after every other separator (“1,234.50”, “1.234,50”);
 *   - when one of them appears several times, it groups thousands
 *     (“1,234,567”);
 *   - when one of them appears once, it is the decimal separator (“12,5”,
 *     “1 234.50”), with one exception: alone in the number, after 1 to 3
 *     digits that do not start with 0 and before exactly 3 digits
 *     (“1,234”), it could be either. Then it groups thousands when
 *     @currency has no decimals (JPY); otherwise the locale decides: it is
 *     the decimal separator when it is the locale's decimal point, groups
 *     thousands when it is the locale's thousands separator, and the text
 *     is refused as %RECTIFY_MONEY_ERROR_AMBIGUOUS when it is neither (as
 *     “1,234” in the C locale).
 * - All thousands separators are the same character, and they separate
 *   groups of three digits (the leftmost group: one to three digits, not
 *   starting with 0), or groups as the locale's grouping says (“12,34,567”
 *   in Indian English).
 * - At most as many decimals as @currency has (“12.345” EUR is an error,
 *   never rounded); none for a currency without decimals.
 *
 * What rectify_money_format() writes for a non-negative amount is read back
 * as the same amount, in any locale. @out_minor is not touched on error.
 *
 * Returns: %TRUE on success, %FALSE with a #RectifyMoneyError whose message
 *   says, in a full sentence for the owner, what to type instead
 */
gboolean
rectify_money_parse (const char  *text,
                     const char  *currency,
                     gint64      *out_minor,
                     GError     **error)
{
  g_auto(NumericConventions) conventions = { NULL, NULL, NULL };
  g_autoptr(GArray) runs = NULL;
  const char *start;
  const char *end;
  const char *p;
  const char *code = NULL;
  gsize code_len = 0;
  gunichar locale_separator = 0;
  guint counts[N_SEPARATORS] = { 0, };
  SeparatorClass decimal = SEPARATOR_NONE;
  SeparatorClass grouping = SEPARATOR_NONE;
  const Run *r;
  guint n_runs;
  guint n_integer_runs;
  gint64 value = 0;
  int exponent;
  int n_decimals = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  exponent = rectify_currency_get_exponent (currency);
  if (exponent < 0)
    {
      g_set_error (error, RECTIFY_MONEY_ERROR, RECTIFY_MONEY_ERROR_UNKNOWN_CURRENCY,
                   /* Translators: %s is what was given as a currency code. */
                   _("“%s” is not a currency code Rectify knows. "
                     "Use a three-letter code such as EUR."),
                   g_utf8_validate (currency, -1, NULL) ? currency : "?");
      return FALSE;
    }

  if (!g_utf8_validate (text, -1, NULL))
    return set_bad_character_error (error);

  start = text;
  end = text + strlen (text);
  trim (&start, &end);

  /* A currency code before or after the number, not both. */
  if (start < end && g_ascii_isalpha (*start))
    {
      code = start;
      while (start < end && g_ascii_isalpha (*start))
        start++;
      code_len = start - code;
      trim (&start, &end);
    }
  if (start < end && g_ascii_isalpha (end[-1]))
    {
      const char *code_end = end;

      if (code != NULL)
        return set_bad_character_error (error);

      while (end > start && g_ascii_isalpha (end[-1]))
        end--;
      code = end;
      code_len = code_end - end;
      trim (&start, &end);
    }
  if (code != NULL && !check_typed_code (code, code_len, currency, error))
    return FALSE;

  if (start == end)
    {
      g_set_error_literal (error, RECTIFY_MONEY_ERROR, RECTIFY_MONEY_ERROR_EMPTY,
                           _("Enter an amount."));
      return FALSE;
    }

  if (*start == '-' || g_utf8_get_char (start) == 0x2212 /* MINUS SIGN */)
    {
      g_set_error_literal (error, RECTIFY_MONEY_ERROR, RECTIFY_MONEY_ERROR_NEGATIVE,
                           _("An amount cannot be negative. "
                             "Type it without the minus sign."));
      return FALSE;
    }

  numeric_conventions_init (&conventions);
  if (g_utf8_strlen (conventions.thousands_sep, -1) == 1)
    locale_separator = g_utf8_get_char (conventions.thousands_sep);

  /* Split the number into runs of digits and the separators between them. */
  runs = g_array_new (FALSE, TRUE, sizeof (Run));
  for (p = start; p < end; )
    {
      gunichar c = g_utf8_get_char (p);
      Run run = { p, 0, SEPARATOR_NONE };

      if (!g_ascii_isdigit (*p))
        {
          if (classify_separator (c, locale_separator) == SEPARATOR_NONE)
            return set_bad_character_error (error);
          return set_misplaced_error (error);
        }

      while (p < end && g_ascii_isdigit (*p))
        {
          run.n_digits++;
          p++;
        }

      if (p < end)
        {
          run.separator = classify_separator (g_utf8_get_char (p), locale_separator);
          if (run.separator == SEPARATOR_NONE)
            return set_bad_character_error (error);

          p = g_utf8_next_char (p);
          if (p == end)
            return set_misplaced_error (error);

          counts[run.separator]++;
        }

      g_array_append_val (runs, run);
    }

  r = &g_array_index (runs, Run, 0);
  n_runs = runs->len;

  /* Which separator, if any, marks the decimals. */
  if (counts[SEPARATOR_DOT] > 0 && counts[SEPARATOR_COMMA] > 0)
    {
      decimal = r[n_runs - 2].separator;
      if ((decimal != SEPARATOR_DOT && decimal != SEPARATOR_COMMA) || counts[decimal] > 1)
        return set_misplaced_error (error);
    }
  else if (counts[SEPARATOR_DOT] == 1 || counts[SEPARATOR_COMMA] == 1)
    {
      SeparatorClass lone = counts[SEPARATOR_DOT] == 1 ? SEPARATOR_DOT : SEPARATOR_COMMA;
      const char *lone_str = lone == SEPARATOR_DOT ? "." : ",";

      if (r[n_runs - 2].separator != lone)
        {
          /* Grouping after it: it groups too, and the mixed grouping is
           * refused below. */
          decimal = SEPARATOR_NONE;
        }
      else if (n_runs > 2 || r[1].n_digits != 3 ||
               r[0].n_digits > 3 || r[0].digits[0] == '0')
        decimal = lone;
      else if (exponent == 0)
        decimal = SEPARATOR_NONE;
      else if (g_str_equal (conventions.decimal_point, lone_str) &&
               !g_str_equal (conventions.thousands_sep, lone_str))
        decimal = lone;
      else if (g_str_equal (conventions.thousands_sep, lone_str))
        decimal = SEPARATOR_NONE;
      else
        {
          g_autofree char *number = g_strndup (start, end - start);

          g_set_error (error, RECTIFY_MONEY_ERROR, RECTIFY_MONEY_ERROR_AMBIGUOUS,
                       /* Translators: %s is the number as typed, like 1,234.
                        * Use the decimal separator of your language in the
                        * example. */
                       _("It is not clear whether “%s” has a thousands separator "
                         "or decimals. Type it without thousands separators, "
                         "for example 1234.50."),
                       number);
          return FALSE;
        }
    }

  /* Everything else groups thousands, all with the same character, in the
   * integer part, in groups of three or as the locale groups. */
  n_integer_runs = decimal != SEPARATOR_NONE ? n_runs - 1 : n_runs;
  for (guint i = 0; i + 1 < n_integer_runs; i++)
    {
      if (grouping == SEPARATOR_NONE)
        grouping = r[i].separator;
      else if (r[i].separator != grouping)
        return set_misplaced_error (error);
    }
  if (n_integer_runs > 1)
    {
      if (r[0].digits[0] == '0' ||
          (!groups_follow (r, n_integer_runs, "\3") &&
           !groups_follow (r, n_integer_runs, conventions.grouping)))
        return set_misplaced_error (error);
    }

  if (decimal != SEPARATOR_NONE)
    {
      n_decimals = r[n_runs - 1].n_digits;

      if (exponent == 0)
        {
          g_set_error (error, RECTIFY_MONEY_ERROR, RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS,
                       /* Translators: %s is a currency code, like JPY. */
                       _("Amounts in %s have no decimals. Type a whole number."),
                       currency);
          return FALSE;
        }

      if (n_decimals > exponent)
        {
          g_set_error (error, RECTIFY_MONEY_ERROR, RECTIFY_MONEY_ERROR_TOO_MANY_DECIMALS,
                       /* Translators: %d is a number of decimals, %s a currency
                        * code, like EUR. */
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Use at most %d decimal for %s.",
                                    "Use at most %d decimals for %s.",
                                    exponent),
                       exponent, currency);
          return FALSE;
        }
    }

  /* The value, digit by digit, then padded to the currency's decimals. */
  for (guint i = 0; i < n_runs; i++)
    {
      for (gsize j = 0; j < r[i].n_digits; j++)
        {
          if (__builtin_mul_overflow (value, 10, &value) ||
              __builtin_add_overflow (value, r[i].digits[j] - '0', &value))
            goto overflow;
        }
    }
  for (int i = n_decimals; i < exponent; i++)
    {
      if (__builtin_mul_overflow (value, 10, &value))
        goto overflow;
    }

  if (out_minor != NULL)
    *out_minor = value;

  return TRUE;

overflow:
  g_set_error_literal (error, RECTIFY_MONEY_ERROR, RECTIFY_MONEY_ERROR_OVERFLOW,
                       _("This amount is too large."));
  return FALSE;
}
