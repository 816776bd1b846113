/* rectify-case-summary.c: a case on paper: what was asked, the money, the follow-up
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text printed or exported as PDF for the owner's own records (or an
 * accountant's): the request as support received it, the amounts of the
 * chosen resolution, and the follow-up checklist with the day each step was
 * done. Plain text in the UI language; the printer lays it out.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rectify-case-summary.h"
#include "rectify-choice.h"
#include "rectify-format.h"
#include "rectify-money.h"
#include "rectify-reference.h"
#include "rectify-request.h"

/**
 * rectify_case_summary_dup_title:
 * @rcase: a case
 *
 * Returns: (transfer full): the summary's title, with the case reference
 */
char *
rectify_case_summary_dup_title (RectifyCase *rcase)
{
  g_autofree char *reference = NULL;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);

  reference = rectify_reference_shorten (rectify_case_get_reference (rcase));
  /* Translators: %s is the case reference, as support knows it */
  return g_strdup_printf (_("Rectify case %s"), reference);
}

static void
append_heading (GString    *text,
                const char *heading)
{
  g_string_append_printf (text, "\n%s\n", heading);
}

static void
append_request (GString     *text,
                RectifyCase *rcase,
                const GDate *today)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  GDateTime *submitted_at = rectify_case_get_submitted_at (rcase);

  /* Once it went out, the text as sent, not as the case reads today. */
  if (rectify_case_get_sent_body (rcase) != NULL)
    {
      subject = g_strdup (rectify_case_get_sent_subject (rcase));
      body = g_strdup (rectify_case_get_sent_body (rcase));
    }
  else
    {
      subject = rectify_request_dup_subject (rcase);
      body = rectify_request_dup_body (rcase, today);
    }

  append_heading (text, _("Request to support"));
  rectify_format_append_item (text, _("Status"),
               rectify_send_state_get_label (rectify_case_get_send_state (rcase)));
  if (submitted_at != NULL)
    {
      g_autofree char *day = rectify_format_day_of (submitted_at);

      rectify_format_append_item (text, _("Sent on"), day);
    }
  if (rectify_case_get_request_id (rcase) > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 rectify_case_get_request_id (rcase));

      rectify_format_append_item (text, _("Request number"), number);
    }
  if (rectify_case_get_request_url (rcase) != NULL)
    rectify_format_append_item (text, _("Link"), rectify_case_get_request_url (rcase));
  rectify_format_append_item (text, _("Subject"), subject);
  g_string_append_printf (text, "\n%s", body);
}

static void
append_amounts (GString     *text,
                RectifyCase *rcase,
                const GDate *today)
{
  g_autofree char *currency = g_strstrip (g_strdup (rectify_case_get_text (rcase,
                                                                           RECTIFY_TEXT_CURRENCY)));
  RectifyResolution resolution = rectify_case_get_resolution (rcase);
  gboolean known_currency = rectify_currency_is_known (currency);
  gint64 minor;

  append_heading (text, _("Amounts"));

  if (resolution == RECTIFY_RESOLUTION_NONE)
    {
      g_string_append_printf (text, "%s\n", _("No resolution chosen yet."));
    }
  else if (known_currency && rectify_case_compute_amount (rcase, resolution, today, &minor, NULL))
    {
      g_autofree char *amount = rectify_request_format_amount (rcase, minor);

      rectify_format_append_item (text, rectify_resolution_get_label (resolution), amount);
    }
  else
    {
      rectify_format_append_item (text, rectify_resolution_get_label (resolution),
                   _("not known yet: the licence details are not complete"));
    }

  if (known_currency && rectify_case_get_expected_minor (rcase, &minor))
    {
      g_autofree char *amount = rectify_request_format_amount (rcase, minor);

      rectify_format_append_item (text, _("Adjustment to expect"), amount);
    }

  if (known_currency && rectify_case_get_statement_minor (rcase, &minor))
    {
      g_autofree char *amount = rectify_money_format (minor, currency);

      rectify_format_append_item (text, _("Adjustment on the statement or credit note"), amount);
    }
}

static void
append_checklist (GString     *text,
                  RectifyCase *rcase)
{
  g_auto(GStrv) items = rectify_case_dup_checklist_items (rcase);

  append_heading (text, _("Follow-up"));

  for (guint i = 0; items[i] != NULL; i++)
    {
      GDateTime *done = rectify_case_get_checklist_done (rcase, items[i]);
      const char *label = rectify_checklist_item_get_label (items[i]);

      if (done != NULL)
        {
          g_autofree char *day = rectify_format_day_of (done);
          g_autofree char *line = NULL;

          /* Translators: a ticked step of the checklist: the step, then a date */
          line = g_strdup_printf (_("%s (done on %s)"), label, day);
          g_string_append_printf (text, "☑ %s\n", line);
        }
      else
        {
          g_string_append_printf (text, "☐ %s\n", label);
        }
    }
}

/**
 * rectify_case_summary_dup_text:
 * @rcase: a case
 * @today: the day amounts are computed for, and the summary is dated
 *
 * Returns: (transfer full): the summary: a title line with the case
 *   reference, then the request (subject and text), the amounts of the
 *   chosen resolution and the follow-up checklist with the days steps were
 *   done
 */
char *
rectify_case_summary_dup_text (RectifyCase *rcase,
                               const GDate *today)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  title = rectify_case_summary_dup_title (rcase);
  date = rectify_format_date_long (today);
  g_string_append_printf (text, "%s\n", title);
  g_string_append_printf (text, "%s\n",
                          rectify_scenario_get_label (rectify_case_get_scenario (rcase)));
  /* Translators: %s is a date */
  g_string_append_printf (text, _("Summary of %s"), date);
  g_string_append (text, "\n");

  append_request (text, rcase, today);
  append_amounts (text, rcase, today);
  append_checklist (text, rcase);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
