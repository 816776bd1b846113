/* rectify-format.c: how dates, amounts and choices read, in the UI language
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "rectify-format.h"

/* The locale's numeric date order (day, month, year and separators), learnt
 * by formatting a known date with %x, with the year always in four digits:
 * "%d/%m/%Y" in Spanish, "%m/%d/%Y" in American English, "%d.%m.%Y" in
 * German. Learnt on each call, since the locale may change in tests. */
static char *
numeric_format (void)
{
  g_autoptr(GString) format = NULL;
  char sample[64];
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 22, 11, 2033);
  if (g_date_strftime (sample, sizeof sample, "%x", &date) == 0)
    return g_strdup ("%Y-%m-%d");

  format = g_string_new (sample);
  if (g_string_replace (format, "2033", "%Y", 1) == 0)
    g_string_replace (format, "33", "%Y", 1);
  g_string_replace (format, "22", "%d", 1);
  g_string_replace (format, "11", "%m", 1);

  /* A %x we do not understand (month names, eras): fall back to ISO. */
  if (strstr (format->str, "%d") == NULL || strstr (format->str, "%m") == NULL ||
      strstr (format->str, "%Y") == NULL)
    return g_strdup ("%Y-%m-%d");

  return g_string_free (g_steal_pointer (&format), FALSE);
}

static char *
format_date (const GDate *date,
             const char  *format)
{
  char buffer[128];

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");

  if (g_date_strftime (buffer, sizeof buffer, format, date) == 0)
    return g_strdup ("");

  /* strftime speaks the locale's encoding; the UI speaks UTF-8. */
  if (!g_utf8_validate (buffer, -1, NULL))
    {
      char *converted = g_locale_to_utf8 (buffer, -1, NULL, NULL, NULL);

      return converted ? converted : g_strdup ("");
    }

  return g_strdup (buffer);
}

/**
 * rectify_format_date_numeric:
 * @date: (nullable): a date
 *
 * The date as the locale writes it in numbers, with a four-digit year
 * ("26/11/2026" in Spanish). Empty for an invalid date.
 *
 * Returns: (transfer full): the text
 */
char *
rectify_format_date_numeric (const GDate *date)
{
  g_autofree char *format = numeric_format ();

  return format_date (date, format);
}

/**
 * rectify_format_date_long:
 * @date: (nullable): a date
 *
 * The date in words, for reading back what was typed and for the request
 * text ("26 November 2026").
 *
 * Returns: (transfer full): the text
 */
char *
rectify_format_date_long (const GDate *date)
{
  /* Some languages write the first of the month apart: French "1er". */
  if (date != NULL && g_date_valid (date) && g_date_get_day (date) == 1)
    /* Translators: the same as "%-d %B %Y", for the first day of a month,
     * e.g. French "1er %B %Y"; otherwise translate it as "%-d %B %Y". */
    return format_date (date, C_("first day of a month", "%-d %B %Y"));

  /* Translators: a date in words, as strftime() takes it: %-d is the day
   * without padding, %B the month name, %Y the year. Reorder for your
   * language, e.g. "%-d de %B de %Y". */
  return format_date (date, _("%-d %B %Y"));
}

/**
 * rectify_format_day_of:
 * @moment: a moment
 *
 * The local day of @moment in words ("26 November 2026"): when something
 * was sent or done, as the owner saw it.
 *
 * Returns: (transfer full): the text
 */
char *
rectify_format_day_of (GDateTime *moment)
{
  g_autoptr(GDateTime) local = NULL;
  GDate day;

  g_return_val_if_fail (moment != NULL, NULL);

  local = g_date_time_to_local (moment);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));

  return rectify_format_date_long (&day);
}

/**
 * rectify_format_date_example:
 *
 * How a date is typed in the locale, for hints ("26/11/2026").
 *
 * Returns: (transfer full): the text
 */
char *
rectify_format_date_example (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 31, 12, 2026);
  return rectify_format_date_numeric (&date);
}

/**
 * rectify_parse_date:
 * @text: what the owner typed
 * @out_date: (out caller-allocates): the date
 *
 * Reads a date the way the locale writes it, as GLib understands it (in
 * numbers, or with month names). ISO dates (2026-11-26) are understood in
 * every locale.
 *
 * Returns: whether @text is a whole, valid date
 */
gboolean
rectify_parse_date (const char *text,
                    GDate      *out_date)
{
  g_autofree char *trimmed = NULL;
  guint year, month, day;
  char tail;

  g_return_val_if_fail (out_date != NULL, FALSE);

  g_date_clear (out_date, 1);
  if (text == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return FALSE;

  /* A digit first: %u also takes a sign, and "-026-12-02" is no year 65510. */
  if (g_ascii_isdigit (*trimmed) &&
      sscanf (trimmed, "%4u-%2u-%2u%c", &year, &month, &day, &tail) == 3)
    {
      if (!g_date_valid_dmy (day, month, year) || year < 1000)
        return FALSE;
      g_date_set_dmy (out_date, day, month, year);
      return TRUE;
    }

  /* A lone number is a day or a year, never a date. */
  if (strspn (trimmed, "0123456789") == strlen (trimmed))
    return FALSE;

  g_date_set_parse (out_date, trimmed);
  if (!g_date_valid (out_date))
    return FALSE;

  /* As for ISO dates, a year before 1000 is a slip, never a purchase date:
   * GLib reads "1e309" as 1 January 309. */
  if (g_date_get_year (out_date) < 1000)
    {
      g_date_clear (out_date, 1);
      return FALSE;
    }

  /* g_date_set_parse() makes up a year from a day and a month alone
   * ("26/11"): insist that three numbers were typed, or two and a month
   * name. */
  {
    guint runs = 0;
    gboolean letters = FALSE;

    for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (g_unichar_isalpha (c))
          letters = TRUE;
        if (g_ascii_isdigit (*p) && (p == trimmed || !g_ascii_isdigit (p[-1])))
          runs++;
      }

    if (runs != (letters ? 2 : 3))
      {
        g_date_clear (out_date, 1);
        return FALSE;
      }
  }

  return TRUE;
}

/* What the owner picked, as one short phrase. */
const char *
rectify_scenario_get_label (RectifyScenario scenario)
{
  switch (scenario)
    {
    case RECTIFY_SCENARIO_WRONG_TYPE:
      return _("Wrong licence type");
    case RECTIFY_SCENARIO_UNINTENDED:
      return _("Licences added by accident");
    case RECTIFY_SCENARIO_TOO_MANY:
      return _("More licences than needed");
    case RECTIFY_SCENARIO_NONE:
    default:
      return _("New case");
    }
}

/**
 * rectify_scenario_dup_self_service_hint:
 * @scenario: the mistake
 * @provider: the provider's facts
 *
 * For licences added by mistake or too many: that the owner can remove
 * unassigned licences without support, and which route is faster. Pango
 * markup, with a link to the provider's page on it.
 *
 * Returns: (transfer full) (nullable): the hint, or %NULL when the mistake
 *   (a wrong type) or the provider allows no such thing
 */
char *
rectify_scenario_dup_self_service_hint (RectifyScenario  scenario,
                                        RectifyProvider *provider)
{
  const char *url;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (RECTIFY_IS_PROVIDER (provider), NULL);

  url = rectify_provider_get_self_removal_url (provider);
  if (url == NULL ||
      (scenario != RECTIFY_SCENARIO_UNINTENDED && scenario != RECTIFY_SCENARIO_TOO_MANY))
    return NULL;

  escaped = g_markup_escape_text (url, -1);
  /* Translators: "Billing › Licences" are the names of Ringover's dashboard
   * pages; keep the <a href="%s"> and </a> as they are. */
  return g_strdup_printf (_("Licences no user is assigned to can be removed without support, in "
                            "the dashboard under Billing › Licences, one at a time. That is the "
                            "faster route: it takes effect at once, with no answer to wait for. A "
                            "refund or credit for what was billed already still needs a request. "
                            "<a href=\"%s\">How to remove licences</a>"),
                          escaped);
}

const char *
rectify_resolution_get_label (RectifyResolution resolution)
{
  switch (resolution)
    {
    case RECTIFY_RESOLUTION_REMOVE:
      return _("Remove the licences");
    case RECTIFY_RESOLUTION_REFUND:
      return _("Refund");
    case RECTIFY_RESOLUTION_CREDIT:
      return _("Credit on the account");
    case RECTIFY_RESOLUTION_PRORATED:
      return _("Prorated discount");
    case RECTIFY_RESOLUTION_SCHEDULED:
      return _("Refund or credit on the next billing cycle");
    case RECTIFY_RESOLUTION_NONE:
    default:
      return _("Not chosen yet");
    }
}

const char *
rectify_period_get_label (RectifyPeriod period)
{
  switch (period)
    {
    case RECTIFY_PERIOD_ANNUAL:
      return _("Annual");
    case RECTIFY_PERIOD_MONTHLY:
    default:
      return _("Monthly");
    }
}

/* Where a case stands, for the case list. */
const char *
rectify_send_state_get_label (RectifySendState state)
{
  switch (state)
    {
    case RECTIFY_SEND_STATE_QUEUED:
      return _("Waiting to send");
    case RECTIFY_SEND_STATE_UPLOADING:
    case RECTIFY_SEND_STATE_CREATING:
      return _("Sending");
    case RECTIFY_SEND_STATE_SENT:
      return _("Sent");
    case RECTIFY_SEND_STATE_FAILED:
      return _("Not sent");
    case RECTIFY_SEND_STATE_NEEDS_CONFIRMATION:
      return _("Check whether it was sent");
    case RECTIFY_SEND_STATE_SENT_ELSEWHERE:
      return _("Sent by you");
    case RECTIFY_SEND_STATE_DRAFT:
    default:
      return _("Draft");
    }
}

/* A help-desk request status ("new", "open", …) in the owner's words. */
const char *
rectify_request_status_get_label (const char *status)
{
  if (g_strcmp0 (status, "open") == 0)
    return _("Support is working on it");
  if (g_strcmp0 (status, "pending") == 0)
    return _("Support is waiting for your reply");
  if (g_strcmp0 (status, "hold") == 0)
    return _("On hold at support");
  if (g_strcmp0 (status, "solved") == 0)
    return _("Solved");
  if (g_strcmp0 (status, "closed") == 0)
    return _("Closed");

  return _("Received, not yet read by support");
}

/**
 * rectify_format_append_item:
 * @text: where the line goes
 * @label: what the value is
 * @value: the value
 *
 * Appends one "label: value" line of a list, as the request and the case
 * summary write them.
 */
void
rectify_format_append_item (GString    *text,
                            const char *label,
                            const char *value)
{
  g_return_if_fail (text != NULL);

  /* Translators: one line of a list in the request to support: a label and
   * its value, e.g. "- Quantity bought: 5". French puts a space before ":". */
  g_string_append_printf (text, _("- %s: %s"), label, value);
  g_string_append_c (text, '\n');
}
