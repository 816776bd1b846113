/* rectify-request.c: the request text support receives
 *
 * Copyright 2026 The Rectify developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "rectify-billing.h"
#include "rectify-email.h"
#include "rectify-format.h"
#include "rectify-money.h"
#include "rectify-reference.h"
#include "rectify-request.h"

/* One text, in the UI language, for every way the request leaves: sent to
 * the desk, e-mailed, copied or saved. It carries the case's short reference
 * (rectify-reference.c), in the subject too, so the request can be found
 * again on the desk and read out on the phone. */

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
  g_autofree char *reference = NULL;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);

  reference = rectify_reference_shorten (rectify_case_get_reference (rcase));

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
   * Acme [Ref RCT-7K3Q-9F2M]" */
  return g_strdup_printf (_("Licence purchase correction: %s – %s [Ref %s]"),
                          rectify_scenario_get_label (rectify_case_get_scenario (rcase)),
                          *short_account ? short_account : _("no account given"),
                          reference);
}

/**
 * rectify_request_format_amount:
 * @rcase: a case
 * @minor: an amount in minor units of the case's currency
 *
 * An amount as support and the owner read it: with its currency and its tax
 * basis, as on the invoice ("19.99 EUR excl. VAT").
 *
 * Returns: (transfer full): the amount
 */
char *
rectify_request_format_amount (RectifyCase *rcase,
                               gint64       minor)
{
  g_autofree char *currency = NULL;
  g_autofree char *amount = NULL;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);

  currency = trimmed (rcase, RECTIFY_TEXT_CURRENCY);
  amount = rectify_money_format (minor, currency);

  if (rectify_case_get_prices_include_tax (rcase))
    /* Translators: an amount that includes VAT, e.g. "19.99 EUR incl. VAT";
     * use the usual words of invoices (French "TTC") */
    return g_strdup_printf (_("%s incl. VAT"), amount);

  /* Translators: an amount without VAT, e.g. "19.99 EUR excl. VAT"; use the
   * usual words of invoices (French "HT") */
  return g_strdup_printf (_("%s excl. VAT"), amount);
}

static int
days_remaining (RectifyCase *rcase,
                const GDate *today)
{
  const GDate *next = rectify_case_get_next_billing (rcase);

  if (!g_date_valid (next))
    return 0;

  return rectify_billing_days_remaining (today, next, rectify_case_get_period (rcase));
}

/* Wrong type: the switch, then the price difference it pays back. */
static char *
wrong_type_request (RectifyCase       *rcase,
                    RectifyResolution  resolution,
                    gint64             count,
                    const char        *amount,
                    int                days)
{
  g_autofree char *bought = trimmed (rcase, RECTIFY_TEXT_LICENCE_TYPE);
  g_autofree char *meant = trimmed (rcase, RECTIFY_TEXT_INTENDED_TYPE);
  g_autofree char *money = NULL;
  g_autofree char *switch_ = NULL;
  gint64 difference;

  /* Translators: the first %s is the licence type bought, the second the
   * type meant, e.g. "Please switch my 3 Advanced licences to Smart." */
  switch_ = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Please switch my %" PRId64 " %s licence to %s.",
                                          "Please switch my %" PRId64 " %s licences to %s.",
                                          count),
                             count, bought, meant);

  if (amount == NULL)
    {
      g_autofree char *more = NULL;
      g_autofree char *total = NULL;
      gint64 extra;

      if (!rectify_case_get_price_difference (rcase, &difference) || difference > 0)
        return g_steal_pointer (&switch_);

      if (difference == 0)
        return g_strdup_printf ("%s %s", switch_,
                                _("Both types cost the same, so no refund or credit is due: "
                                  "I only ask for the switch."));

      more = rectify_request_format_amount (rcase, -difference);
      if (!rectify_billing_total (-difference, count, &extra, NULL))
        return g_steal_pointer (&switch_);
      total = rectify_request_format_amount (rcase, extra);
      /* Translators: the type meant costs more. The first %s is the difference
       * for one licence, the second for all of them, e.g. "The type I meant
       * costs 5.00 EUR excl. VAT more per licence (15.00 EUR excl. VAT for the
       * 3 licences), …" */
      money = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The type I meant costs %s more per licence (%s for "
                                            "the %" PRId64 " licence), so no refund or credit is "
                                            "due: please make the switch and bill the difference "
                                            "as usual.",
                                            "The type I meant costs %s more per licence (%s for "
                                            "the %" PRId64 " licences), so no refund or credit is "
                                            "due: please make the switch and bill the difference "
                                            "as usual.", count),
                               more, total, count);
      return g_strdup_printf ("%s %s", switch_, money);
    }

  switch (resolution)
    {
    case RECTIFY_RESOLUTION_REMOVE:
      money = g_strdup_printf (_("Each statement from then on should be lower by %s."), amount);
      break;
    case RECTIFY_RESOLUTION_REFUND:
      money = g_strdup_printf (_("Please refund the price difference: %s."), amount);
      break;
    case RECTIFY_RESOLUTION_CREDIT:
      money = g_strdup_printf (_("Please credit my account with the price difference: %s."),
                               amount);
      break;
    case RECTIFY_RESOLUTION_PRORATED:
      money = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Please refund or credit the price difference for "
                                            "the %d day left in this billing cycle: %s.",
                                            "Please refund or credit the price difference for "
                                            "the %d days left in this billing cycle: %s.", days),
                               days, amount);
      break;
    case RECTIFY_RESOLUTION_SCHEDULED:
    case RECTIFY_RESOLUTION_NONE:
    default:
      money = g_strdup_printf (_("If it cannot be done now, please refund or credit the price "
                                 "difference on the next billing cycle: %s."), amount);
      break;
    }

  return g_strdup_printf ("%s %s", switch_, money);
}

/* Added by mistake: remove them, and the money for them. */
static char *
unintended_request (RectifyResolution  resolution,
                    gint64             count,
                    const char        *amount,
                    int                days)
{
  switch (resolution)
    {
    case RECTIFY_RESOLUTION_REMOVE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Please remove the %" PRId64 " licence added by "
                                           "mistake, lowering each statement by %s.",
                                           "Please remove the %" PRId64 " licences added by "
                                           "mistake, lowering each statement by %s.", count),
                              count, amount);
    case RECTIFY_RESOLUTION_REFUND:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Please remove the %" PRId64 " licence added by "
                                           "mistake and refund it: %s.",
                                           "Please remove the %" PRId64 " licences added by "
                                           "mistake and refund them: %s.", count),
                              count, amount);
    case RECTIFY_RESOLUTION_CREDIT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Please remove the %" PRId64 " licence added by "
                                           "mistake and credit my account for it: %s.",
                                           "Please remove the %" PRId64 " licences added by "
                                           "mistake and credit my account for them: %s.", count),
                              count, amount);
    case RECTIFY_RESOLUTION_PRORATED:
      {
        g_autofree char *remove = NULL;
        g_autofree char *discount = NULL;

        remove = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Please remove the %" PRId64 " licence added by "
                                               "mistake.",
                                               "Please remove the %" PRId64 " licences added by "
                                               "mistake.", count),
                                  count);
        discount = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Please apply a prorated discount for the %d day "
                                                 "left in this billing cycle: %s.",
                                                 "Please apply a prorated discount for the %d days "
                                                 "left in this billing cycle: %s.", days),
                                    days, amount);
        return g_strdup_printf ("%s %s", remove, discount);
      }
    case RECTIFY_RESOLUTION_SCHEDULED:
    case RECTIFY_RESOLUTION_NONE:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Please remove the %" PRId64 " licence added by "
                                           "mistake. If it cannot be refunded now, please refund "
                                           "or credit it on the next billing cycle: %s.",
                                           "Please remove the %" PRId64 " licences added by "
                                           "mistake. If they cannot be refunded now, please refund "
                                           "or credit them on the next billing cycle: %s.", count),
                              count, amount);
    }
}

/* Too many: keep exactly K, and the money for the others. */
static char *
too_many_request (RectifyCase       *rcase,
                  RectifyResolution  resolution,
                  gint64             count,
                  const char        *amount,
                  int                days)
{
  g_autofree char *keep = NULL;
  g_autofree char *remove = NULL;
  g_autofree char *money = NULL;
  gint64 kept = 0;

  rectify_case_get_count (rcase, RECTIFY_TEXT_KEEP_COUNT, &kept);
  keep = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Please keep exactly %" PRId64 " licence of this type.",
                                       "Please keep exactly %" PRId64 " licences of this type.",
                                       kept),
                          kept);

  switch (resolution)
    {
    case RECTIFY_RESOLUTION_REMOVE:
      remove = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Please remove the other %" PRId64 " licence, "
                                             "lowering each statement by %s.",
                                             "Please remove the other %" PRId64 " licences, "
                                             "lowering each statement by %s.", count),
                                count, amount);
      return g_strdup_printf ("%s %s", keep, remove);
    case RECTIFY_RESOLUTION_REFUND:
      remove = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Please remove the other %" PRId64 " licence and "
                                             "refund it: %s.",
                                             "Please remove the other %" PRId64 " licences and "
                                             "refund them: %s.", count),
                                count, amount);
      return g_strdup_printf ("%s %s", keep, remove);
    case RECTIFY_RESOLUTION_CREDIT:
      remove = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Please remove the other %" PRId64 " licence and "
                                             "credit my account for it: %s.",
                                             "Please remove the other %" PRId64 " licences and "
                                             "credit my account for them: %s.", count),
                                count, amount);
      return g_strdup_printf ("%s %s", keep, remove);
    case RECTIFY_RESOLUTION_PRORATED:
      remove = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Please remove the other %" PRId64 " licence.",
                                             "Please remove the other %" PRId64 " licences.",
                                             count),
                                count);
      money = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Please apply a prorated discount for the %d day "
                                            "left in this billing cycle: %s.",
                                            "Please apply a prorated discount for the %d days "
                                            "left in this billing cycle: %s.", days),
                               days, amount);
      return g_strdup_printf ("%s %s %s", keep, remove, money);
    case RECTIFY_RESOLUTION_SCHEDULED:
    case RECTIFY_RESOLUTION_NONE:
    default:
      remove = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Please remove the other %" PRId64 " licence. If it "
                                             "cannot be refunded now, please refund or credit it "
                                             "on the next billing cycle: %s.",
                                             "Please remove the other %" PRId64 " licences. If "
                                             "they cannot be refunded now, please refund or credit "
                                             "them on the next billing cycle: %s.", count),
                                count, amount);
      return g_strdup_printf ("%s %s", keep, remove);
    }
}

/**
 * rectify_request_dup_resolution:
 * @rcase: a case
 * @resolution: a resolution
 * @today: the day amounts are computed for
 *
 * What @resolution asks support for, for the case's mistake: the switch to
 * the type meant and the price difference (wrong type), the licences to
 * remove and the money for them (added by mistake), or exactly how many to
 * keep and the money for the others (too many). Each amount comes from the
 * billing rules and says whether it includes VAT.
 *
 * Returns: (transfer full): one or a few sentences
 */
char *
rectify_request_dup_resolution (RectifyCase       *rcase,
                                RectifyResolution  resolution,
                                const GDate       *today)
{
  g_autofree char *amount = NULL;
  gint64 minor;
  gint64 count;
  int days;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  count = rectify_case_get_affected_count (rcase);
  if (rectify_case_compute_amount (rcase, resolution, today, &minor, NULL))
    amount = rectify_request_format_amount (rcase, minor);
  days = days_remaining (rcase, today);

  if (count < 0 || resolution == RECTIFY_RESOLUTION_NONE)
    return g_strdup (rectify_resolution_get_label (resolution));

  switch (rectify_case_get_scenario (rcase))
    {
    case RECTIFY_SCENARIO_WRONG_TYPE:
      return wrong_type_request (rcase, resolution, count, amount, days);
    case RECTIFY_SCENARIO_UNINTENDED:
      if (amount == NULL)
        break;
      return unintended_request (resolution, count, amount, days);
    case RECTIFY_SCENARIO_TOO_MANY:
      if (amount == NULL)
        break;
      return too_many_request (rcase, resolution, count, amount, days);
    case RECTIFY_SCENARIO_NONE:
    default:
      break;
    }

  return g_strdup (rectify_resolution_get_label (resolution));
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
  g_autofree char *invoice_number = trimmed (rcase, RECTIFY_TEXT_INVOICE_NUMBER);
  g_autofree char *reference = NULL;
  g_autofree char *purchase = rectify_format_date_long (rectify_case_get_purchase_date (rcase));
  g_autofree char *next = rectify_format_date_long (rectify_case_get_next_billing (rcase));
  g_autofree char *resolution = NULL;
  GListModel *attachments = rectify_case_get_attachments (rcase);
  RectifyScenario scenario = rectify_case_get_scenario (rcase);
  gint64 unit_minor;
  gint64 count;

  g_return_val_if_fail (RECTIFY_IS_CASE (rcase), NULL);

  reference = rectify_reference_shorten (rectify_case_get_reference (rcase));

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
  rectify_format_append_item (body, _("Company or account"),
                              rectify_case_get_text (rcase, RECTIFY_TEXT_ACCOUNT));
  rectify_format_append_item (body, _("Account owner"),
                              rectify_case_get_text (rcase, RECTIFY_TEXT_OWNER_NAME));
  rectify_format_append_item (body, _("Contact e-mail"),
                              rectify_case_get_text (rcase, RECTIFY_TEXT_CONTACT_EMAIL));
  g_string_append (body, "\n");

  g_string_append_printf (body, "%s\n", _("Licences"));
  rectify_format_append_item (body, _("Licence type bought"),
                              rectify_case_get_text (rcase, RECTIFY_TEXT_LICENCE_TYPE));
  rectify_format_append_item (body, _("Quantity bought"),
                              rectify_case_get_text (rcase, RECTIFY_TEXT_QUANTITY));
  if (rectify_case_get_unit_price_minor (rcase, &unit_minor))
    {
      g_autofree char *price = rectify_request_format_amount (rcase, unit_minor);

      rectify_format_append_item (body, _("Price of one licence"), price);
    }

  switch (scenario)
    {
    case RECTIFY_SCENARIO_WRONG_TYPE:
      rectify_format_append_item (body, _("Licence type I meant to buy"),
                   rectify_case_get_text (rcase, RECTIFY_TEXT_INTENDED_TYPE));
      if (rectify_case_get_intended_minor (rcase, &unit_minor))
        {
          g_autofree char *price = rectify_request_format_amount (rcase, unit_minor);

          rectify_format_append_item (body, _("Price of one licence of the type I meant"),
                                      price);
        }
      if (rectify_case_get_price_difference (rcase, &unit_minor))
        {
          g_autofree char *price = rectify_request_format_amount (rcase, ABS (unit_minor));

          rectify_format_append_item (body,
                                      unit_minor >= 0
                                        ? _("Price difference per licence")
                                        : _("Extra cost per licence of the type I meant"),
                                      price);
        }
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
  if (*invoice_number != '\0')
    rectify_format_append_item (body, _("Invoice number"), invoice_number);
  if (g_date_valid (rectify_case_get_invoice_date (rcase)))
    {
      g_autofree char *date = rectify_format_date_long (rectify_case_get_invoice_date (rcase));

      rectify_format_append_item (body, _("Invoice date"), date);
    }
  rectify_format_append_item (body, _("Prices on the invoice"),
                              rectify_case_get_prices_include_tax (rcase)
                                ? _("including VAT") : _("excluding VAT"));
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
  g_string_append_printf (body, _("Case reference: %s (prepared with Rectify)"), reference);
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
