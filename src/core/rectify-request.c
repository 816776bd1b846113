/* rectify-request.c: the request text support receives
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "rectify-email.h"
#include "rectify-format.h"
#include "rectify-money.h"
#include "rectify-request.h"

/* One text, in the UI language, for every way the request leaves: sent to
 * the desk, e-mailed, copied or saved. It carries the case reference, in the
 * subject too, so the request can be found again on the desk. */

#define MAX_SUBJECT_ACCOUNT 60

static char *
trimmed (RectifyCase *rcase,
         RectifyText  text)
{
  return g_strstrip (g_strdup (rectify_case_get_text (rcase, text)));
}

/**
 * rectify_request_dup_subject:
 * @rcase: a case
 *
 * Returns: (transfer full): the request's subject, one line
 */
char *
rectify_request_dup_subject (RectifyCase *rcase)
{
  g_autofree char *account = trimmed (rcase, RECTIFY_TEXT_ACCOUNT);
  g_autofree char *short_account = NULL;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);

  /* One line, of reasonable length, whatever was typed. */
  g_strdelimit (account, "\r\n\t", ' ');
  if (g_utf8_strlen (account, -1) > MAX_SUBJECT_ACCOUNT)
    {
      g_autofree char *cut = g_utf8_substring (account, 0, MAX_SUBJECT_ACCOUNT - 1);

      short_account = g_strconcat (cut, "…", NULL);
    }
  else
    {
      short_account = g_steal_pointer (&account);
    }

  /* Translators: the subject of the request to support: the mistake, the
   * account, and the case reference (keep [Ref …] as is, it finds the
   * request again). E.g. "Licence purchase correction: Wrong licence type –
   * Acme [Ref 1b4e…]" */
  return g_strdup_printf (_("Licence purchase correction: %s – %s [Ref %s]"),
                          rectify_scenario_get_label (rectify_case_get_scenario (rcase)),
                          *short_account ? short_account : _("no account given"),
                          rectify_case_get_reference (rcase));
}

static char *
format_amount (RectifyCase *rcase,
               gint64       minor)
{
  g_autofree char *currency = trimmed (rcase, RECTIFY_TEXT_CURRENCY);

  return rectify_money_format (minor, currency);
}

/**
 * rectify_request_dup_resolution:
 * @rcase: a case
 * @resolution: a resolution
 * @today: the day amounts are computed for
 *
 * What @resolution asks support for, with its amount from the billing rules
 * when the details allow computing it.
 *
 * Returns: (transfer full): one sentence
 */
char *
rectify_request_dup_resolution (RectifyCase       *rcase,
                                RectifyResolution  resolution,
                                const GDate       *today)
{
  g_autofree char *amount = NULL;
  gint64 minor;
  gint64 count;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);

  count = rectify_case_get_affected_count (rcase);
  if (rectify_case_compute_amount (rcase, resolution, today, &minor, NULL))
    amount = format_amount (rcase, minor);

  if (amount == NULL || count < 0)
    return g_strdup (rectify_resolution_get_label (resolution));

  switch (resolution)
    {
    case RECTIFY_RESOLUTION_REMOVE:
      return g_strdup_printf (ngettext ("Please remove %" PRId64 " licence, "
                                        "lowering each statement by %s.",
                                        "Please remove %" PRId64 " licences, "
                                        "lowering each statement by %s.", count),
                              count, amount);
    case RECTIFY_RESOLUTION_REFUND:
      return g_strdup_printf (ngettext ("Please refund the %" PRId64 " licence "
                                        "bought by mistake: %s.",
                                        "Please refund the %" PRId64 " licences "
                                        "bought by mistake: %s.", count),
                              count, amount);
    case RECTIFY_RESOLUTION_CREDIT:
      return g_strdup_printf (ngettext ("Please credit my account for the %" PRId64
                                        " licence bought by mistake: %s.",
                                        "Please credit my account for the %" PRId64
                                        " licences bought by mistake: %s.", count),
                              count, amount);
    case RECTIFY_RESOLUTION_PRORATED:
      return g_strdup_printf (ngettext ("Please apply a prorated discount for the %"
                                        PRId64 " licence I do not need, for the "
                                        "rest of this billing cycle: %s.",
                                        "Please apply a prorated discount for the %"
                                        PRId64 " licences I do not need, for the "
                                        "rest of this billing cycle: %s.", count),
                              count, amount);
    case RECTIFY_RESOLUTION_SCHEDULED:
      return g_strdup_printf (ngettext ("If it cannot be done now, please refund or credit "
                                        "the %" PRId64 " licence on the next "
                                        "billing cycle: %s.",
                                        "If it cannot be done now, please refund or credit "
                                        "the %" PRId64 " licences on the next "
                                        "billing cycle: %s.", count),
                              count, amount);
    case RECTIFY_RESOLUTION_NONE:
    default:
      return g_strdup (rectify_resolution_get_label (resolution));
    }
}

/**
 * rectify_request_dup_body:
 * @rcase: a case
 * @today: the day amounts are computed for
 *
 * Returns: (transfer full): the request's text, plain, several paragraphs
 */
char *
rectify_request_dup_body (RectifyCase *rcase,
                          const GDate *today)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *explanation = trimmed (rcase, RECTIFY_TEXT_EXPLANATION);
  g_autofree char *currency = trimmed (rcase, RECTIFY_TEXT_CURRENCY);
  g_autofree char *purchase = rectify_format_date_long (rectify_case_get_purchase_date (rcase));
  g_autofree char *next = rectify_format_date_long (rectify_case_get_next_billing (rcase));
  g_autofree char *resolution = NULL;
  GListModel *attachments = rectify_case_get_attachments (rcase);
  RectifyScenario scenario = rectify_case_get_scenario (rcase);
  gint64 unit_minor;
  gint64 count;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);

  g_string_append_printf (body, "%s\n\n", _("Hello Ringover support,"));

  switch (scenario)
    {
    case RECTIFY_SCENARIO_WRONG_TYPE:
      g_string_append (body, _("I bought the wrong licence type and would like it corrected."));
      break;
    case RECTIFY_SCENARIO_UNINTENDED:
      g_string_append (body, _("Licences were added to my account by accident and I would "
                               "like them removed."));
      break;
    case RECTIFY_SCENARIO_TOO_MANY:
      g_string_append (body, _("I bought more licences than I need and would like to keep "
                               "only the number below."));
      break;
    case RECTIFY_SCENARIO_NONE:
    default:
      break;
    }
  g_string_append (body, "\n\n");

  g_string_append_printf (body, "%s\n%s\n\n", _("What happened"), explanation);

  g_string_append_printf (body, "%s\n", _("Account"));
  rectify_format_append_item (body, _("Company or account"), rectify_case_get_text (rcase, RECTIFY_TEXT_ACCOUNT));
  rectify_format_append_item (body, _("Account owner"), rectify_case_get_text (rcase, RECTIFY_TEXT_OWNER_NAME));
  rectify_format_append_item (body, _("Contact e-mail"), rectify_case_get_text (rcase, RECTIFY_TEXT_CONTACT_EMAIL));
  g_string_append (body, "\n");

  g_string_append_printf (body, "%s\n", _("Licences"));
  rectify_format_append_item (body, _("Licence type bought"),
               rectify_case_get_text (rcase, RECTIFY_TEXT_LICENCE_TYPE));
  rectify_format_append_item (body, _("Quantity bought"), rectify_case_get_text (rcase, RECTIFY_TEXT_QUANTITY));
  if (rectify_case_get_unit_price_minor (rcase, &unit_minor))
    {
      g_autofree char *price = rectify_money_format (unit_minor, currency);

      rectify_format_append_item (body, _("Price of one licence"), price);
    }

  switch (scenario)
    {
    case RECTIFY_SCENARIO_WRONG_TYPE:
      rectify_format_append_item (body, _("Licence type I meant to buy"),
                   rectify_case_get_text (rcase, RECTIFY_TEXT_INTENDED_TYPE));
      break;
    case RECTIFY_SCENARIO_UNINTENDED:
      rectify_format_append_item (body, _("Licences added by mistake"),
                   rectify_case_get_text (rcase, RECTIFY_TEXT_ADDED_BY_MISTAKE));
      break;
    case RECTIFY_SCENARIO_TOO_MANY:
      rectify_format_append_item (body, _("Exact number of licences to keep"),
                   rectify_case_get_text (rcase, RECTIFY_TEXT_KEEP_COUNT));
      break;
    case RECTIFY_SCENARIO_NONE:
    default:
      break;
    }

  count = rectify_case_get_affected_count (rcase);
  if (count >= 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, count);

      rectify_format_append_item (body, _("Licences to correct"), text);
    }
  rectify_format_append_item (body, _("Purchase date"), purchase);
  {
    /* Translators: the next billing date and how often billing comes, e.g.
     * "1 December 2026 (billed monthly)" */
    g_autofree char *billing = g_strdup_printf (_("%s (%s)"), next,
                                                rectify_case_get_period (rcase) ==
                                                  RECTIFY_PERIOD_ANNUAL ? _("billed annually")
                                                                        : _("billed monthly"));

    rectify_format_append_item (body, _("Next billing date"), billing);
  }
  g_string_append (body, "\n");

  resolution = rectify_request_dup_resolution (rcase, rectify_case_get_resolution (rcase), today);
  g_string_append_printf (body, "%s\n%s\n\n", _("What I am asking for"), resolution);

  if (g_list_model_get_n_items (attachments) > 0)
    {
      g_string_append_printf (body, "%s\n", _("Attached"));
      for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
        {
          g_autoptr(RectifyAttachment) attachment = g_list_model_get_item (attachments, i);

          g_string_append_printf (body, "- %s\n", rectify_attachment_get_display_name (attachment));
        }
      g_string_append (body, "\n");
    }

  g_string_append_printf (body, "%s\n", _("Thank you."));
  g_string_append_printf (body, "%s\n\n", rectify_case_get_text (rcase, RECTIFY_TEXT_OWNER_NAME));
  /* Translators: the last line of the request; keep the reference as is */
  g_string_append_printf (body, _("Case reference: %s (prepared with Rectify)"),
                          rectify_case_get_reference (rcase));
  g_string_append (body, "\n");

  return g_string_free (g_steal_pointer (&body), FALSE);
}

/**
 * rectify_request_dup_mailto:
 * @rcase: a case
 * @address: the support address
 * @today: the day amounts are computed for
 *
 * A mailto: URI with the same subject and text as the request.
 *
 * Returns: (transfer full): the URI
 */
char *
rectify_request_dup_mailto (RectifyCase *rcase,
                            const char  *address,
                            const GDate *today)
{
  g_autofree char *subject = rectify_request_dup_subject (rcase);
  g_autofree char *body = rectify_request_dup_body (rcase, today);

  return rectify_email_build_mailto (address, subject, body);
}
