/* fuzz-date.c: dates as typed, against arbitrary text
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rectify-format.h"
#include "rectify-fuzz.h"

/* A date read is a valid date, and the date the app then shows (in numbers
 * and in words) is text it can show; the numeric form, which is what the
 * owner then sees in the entry, reads back as the same day.
 *
 * Its year has four digits ("1e309" once read as the year 309, and
 * "-026-12-02" as 65510). The round trip holds up to 7999 only:
 * g_date_set_parse() refuses years from 8000 on, so "9999-12-31" is
 * accepted (ISO) but its numeric form is not (see crashes/README.md);
 * validation refuses such a date for a case anyway. */

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
  g_autofree char *text = rectify_fuzz_dup_string (data, size);
  g_autofree char *numeric = NULL;
  g_autofree char *words = NULL;
  GDate date, again;

  if (!rectify_parse_date (text, &date))
    {
      RECTIFY_FUZZ_CHECK (!g_date_valid (&date), "refused “%s” but left a valid date", text);
      return 0;
    }

  RECTIFY_FUZZ_CHECK (g_date_valid (&date), "accepted “%s” as an invalid date", text);
  RECTIFY_FUZZ_CHECK (g_date_get_year (&date) >= 1000 && g_date_get_year (&date) <= 9999,
                      "accepted “%s” as the year %u", text, g_date_get_year (&date));

  numeric = rectify_format_date_numeric (&date);
  words = rectify_format_date_long (&date);
  RECTIFY_FUZZ_CHECK (g_utf8_validate (numeric, -1, NULL), "numeric form not UTF-8");
  RECTIFY_FUZZ_CHECK (g_utf8_validate (words, -1, NULL), "long form not UTF-8");

  if (g_date_get_year (&date) < 8000)
    {
      RECTIFY_FUZZ_CHECK (rectify_parse_date (numeric, &again),
                          "“%s” (from “%s”) does not read back", numeric, text);
      RECTIFY_FUZZ_CHECK (g_date_compare (&date, &again) == 0,
                          "“%s” (from “%s”) reads back as another day", numeric, text);
    }

  return 0;
}
