/* test-request.c: dates as typed and read, and the request text
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rectify-clock.h"
#include "rectify-format.h"
#include "rectify-request.h"
#include "rectify-test-case.h"

static void
test_format_dates_c_locale (void)
{
  g_autofree char *numeric = NULL;
  g_autofree char *words = NULL;
  GDate date;

  setlocale (LC_ALL, "C");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 5, 3, 2027);

  numeric = rectify_format_date_numeric (&date);
  g_assert_cmpstr (numeric, ==, "03/05/2027");
  words = rectify_format_date_long (&date);
  g_assert_cmpstr (words, ==, "5 March 2027");

  g_date_clear (&date, 1);
  g_clear_pointer (&numeric, g_free);
  numeric = rectify_format_date_numeric (&date);
  g_assert_cmpstr (numeric, ==, "");
}

static void
test_parse_dates (void)
{
  const struct {
    const char *text;
    guint       day, month, year;  /* 0: not a date */
  } cases[] = {
    { "03/05/2027", 5, 3, 2027 },      /* C locale: month first */
    { "  2026-11-26 ", 26, 11, 2026 }, /* ISO, any locale */
    { "2026-02-29", 0, 0, 0 },
    { "2028-02-29", 29, 2, 2028 },
    { "13/13/2026", 0, 0, 0 },
    { "11/26", 0, 0, 0 },              /* no year typed */
    { "26", 0, 0, 0 },
    { "2026", 0, 0, 0 },
    { "", 0, 0, 0 },
    { "   ", 0, 0, 0 },
    { "yesterday", 0, 0, 0 },
    { "0999-01-01", 0, 0, 0 },
  };

  setlocale (LC_ALL, "C");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      gboolean parsed = rectify_parse_date (cases[i].text, &date);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (parsed, ==, cases[i].day != 0);
      g_assert_cmpint (g_date_valid (&date), ==, parsed);
      if (parsed)
        {
          g_assert_cmpuint (g_date_get_day (&date), ==, cases[i].day);
          g_assert_cmpuint (g_date_get_month (&date), ==, cases[i].month);
          g_assert_cmpuint (g_date_get_year (&date), ==, cases[i].year);
        }
    }
}

static void
test_format_parse_round_trip_spanish (void)
{
  g_autofree char *numeric = NULL;
  GDate date, parsed;

  if (setlocale (LC_ALL, "es_ES.UTF-8") == NULL)
    {
      g_test_skip ("The es_ES.UTF-8 locale is not installed");
      return;
    }

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 5, 3, 2027);
  numeric = rectify_format_date_numeric (&date);
  /* Day first, four-digit year. */
  g_assert_cmpstr (numeric, ==, "05/03/2027");
  g_assert_true (rectify_parse_date (numeric, &parsed));
  g_assert_cmpint (g_date_compare (&date, &parsed), ==, 0);
  setlocale (LC_ALL, "C");
}

static void
test_request_text (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  GDate today;

  setlocale (LC_ALL, "C");
  rectify_test_set_today (2026, 11, 26);
  rectify_clock_get_today (&today);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_TOO_MANY);
  rectify_case_set_resolution (rcase, RECTIFY_RESOLUTION_PRORATED);

  subject = rectify_request_dup_subject (rcase);
  g_assert_nonnull (strstr (subject, rectify_case_get_reference (rcase)));
  g_assert_nonnull (strstr (subject, "More licences than needed"));
  g_assert_nonnull (strstr (subject, "Acme SL"));
  g_assert_null (strchr (subject, '\n'));

  body = rectify_request_dup_body (rcase, &today);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "I pressed Add twice"));
  g_assert_nonnull (strstr (body, "- Account owner: Ana García\n"));
  g_assert_nonnull (strstr (body, "- Contact e-mail: ana@example.com\n"));
  g_assert_nonnull (strstr (body, "- Licence type bought: Smart\n"));
  g_assert_nonnull (strstr (body, "- Price of one licence: 19.99 EUR\n"));
  g_assert_nonnull (strstr (body, "- Exact number of licences to keep: 2\n"));
  g_assert_nonnull (strstr (body, "- Licences to correct: 3\n"));
  g_assert_nonnull (strstr (body, "- Purchase date: 20 November 2026\n"));
  g_assert_nonnull (strstr (body, "- Next billing date: 20 December 2026 (billed monthly)\n"));
  /* 3 × 19.99 × 24/30 = 47.976 → 47.98 */
  g_assert_nonnull (strstr (body, "prorated discount for the 3 licences"));
  g_assert_nonnull (strstr (body, "47.98 EUR"));
  g_assert_nonnull (strstr (body, rectify_case_get_reference (rcase)));
  /* Only the scenario's own field. */
  g_assert_null (strstr (body, "meant to buy"));
  g_assert_null (strstr (body, "added by mistake:"));
  rectify_clock_set_today (NULL);
}

static void
test_request_subject_one_line (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *long_account = g_strnfill (300, 'A');
  g_autofree char *subject = NULL;

  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, "Acme\nEvil: header");
  subject = rectify_request_dup_subject (rcase);
  g_assert_null (strchr (subject, '\n'));
  g_clear_pointer (&subject, g_free);

  rectify_case_set_text (rcase, RECTIFY_TEXT_ACCOUNT, long_account);
  subject = rectify_request_dup_subject (rcase);
  g_assert_cmpint (g_utf8_strlen (subject, -1), <, 200);
  g_assert_nonnull (strstr (subject, rectify_case_get_reference (rcase)));
}

static void
test_request_mailto (void)
{
  g_autoptr(RectifyCase) rcase = rectify_case_new ();
  g_autofree char *uri = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *decoded_body = NULL;
  g_autofree char *decoded_subject = NULL;
  GDate today;

  setlocale (LC_ALL, "C");
  rectify_test_set_today (2026, 11, 26);
  rectify_clock_get_today (&today);
  rectify_test_fill_complete (rcase, RECTIFY_SCENARIO_UNINTENDED);
  rectify_case_set_text (rcase, RECTIFY_TEXT_EXPLANATION, "50% off & more? #1 = yes\nsecond line");

  uri = rectify_request_dup_mailto (rcase, "support@ringover.com", &today);
  g_assert_true (g_str_has_prefix (uri, "mailto:support@ringover.com?subject="));
  g_assert_null (strpbrk (uri, " \n#"));

  /* What the mail app decodes is exactly the request. */
  parts = g_strsplit (strchr (uri, '?') + 1, "&", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  decoded_subject = g_uri_unescape_string (parts[0] + strlen ("subject="), NULL);
  decoded_body = g_uri_unescape_string (parts[1] + strlen ("body="), NULL);
  subject = rectify_request_dup_subject (rcase);
  body = rectify_request_dup_body (rcase, &today);
  g_assert_cmpstr (decoded_subject, ==, subject);
  {
    g_autoptr(GString) crlf = g_string_new (body);

    g_string_replace (crlf, "\n", "\r\n", 0);
    g_assert_cmpstr (decoded_body, ==, crlf->str);
  }
  rectify_clock_set_today (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/format/dates-c-locale", test_format_dates_c_locale);
  g_test_add_func ("/format/parse-dates", test_parse_dates);
  g_test_add_func ("/format/round-trip-spanish", test_format_parse_round_trip_spanish);
  g_test_add_func ("/request/text", test_request_text);
  g_test_add_func ("/request/subject-one-line", test_request_subject_one_line);
  g_test_add_func ("/request/mailto", test_request_mailto);

  return g_test_run ();
}
